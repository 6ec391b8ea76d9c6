/* bench-link.c: one link evaluation (target < 200 ns) and one topology evaluation for
 * 4,096 accelerators (target < 2 us), with the figures they produce. */
#include "bench.h"

#include <stdio.h>

#include "gp-link.h"
#include "gp-topology.h"

static double
run_link (void *data)
{
  gp_link_result r;
  gp_link_eval (data, &r, NULL);
  return r.total_pj_per_bit;
}

static double
run_topology (void *data)
{
  gp_topology_result r;
  gp_topology_eval (data, &r, NULL);
  return r.power_w;
}

static double
run_shoreline (void *data)
{
  gp_shoreline_result r;
  gp_shoreline_eval (data, &r, NULL);
  return r.bandwidth_tbps;
}

void
gp_bench_link (void)
{
  gp_link_params link;
  gp_link_params_init (&link); /* cpo-1.6t-nvidia */
  gp_link_result lr;
  if (gp_link_eval (&link, &lr, NULL) == GP_OK)
    {
      gp_bench_print_value ("link cpo-1.6t-nvidia energy", lr.total_pj_per_bit, "pJ/bit");
      gp_bench_print_value ("link cpo-1.6t-nvidia power", lr.power_w, "W");
    }
  gp_bench_run ("link eval (optical budget + breakdown)", run_link, &link, 0.2);

  gp_shoreline_params sh;
  gp_shoreline_params_init (&sh);
  gp_bench_run ("shoreline eval", run_shoreline, &sh, 0.1);

  /* A fat tree of 4,096 GPUs (512 DGX nodes, 4,096 NIC ports: three tiers of k = 64). */
  gp_topology_params fat;
  gp_topology_params_init (&fat);
  fat.accelerators = 4096;
  gp_topology_result tr;
  if (gp_topology_eval (&fat, &tr, NULL) == GP_OK)
    {
      gp_bench_print_value ("fat tree 4096: tiers", tr.fat_tree.tiers, "");
      gp_bench_print_value ("fat tree 4096: switches", (double) tr.switches, "");
      gp_bench_print_value ("fat tree 4096: transceivers", (double) tr.transceivers, "");
      gp_bench_print_value ("fat tree 4096: interconnect power", tr.power_w * 1e-3, "kW");
    }
  gp_bench_run ("topology eval, fat tree, 4096 accelerators", run_topology, &fat, 0.2);

  gp_topology_params glass = fat;
  glass.kind = GP_TOPO_OPTICAL_FABRIC;
  glass.fabric_mode = GP_FABRIC_PASSIVE;
  glass.scaleup_links_per_accel = 8;
  glass.scaleup_link_rate_gbps = 256;
  glass.scaleup_energy_pj_per_bit = 2.92;
  if (gp_topology_eval (&glass, &tr, NULL) == GP_OK)
    gp_bench_print_value ("glass fabric 4096: interconnect power", tr.power_w * 1e-3, "kW");
  gp_bench_run ("topology eval, optical fabric, 4096 accelerators", run_topology, &glass, 0.2);

  gp_topology_params torus = fat;
  torus.kind = GP_TOPO_TORUS;
  torus.torus_x = torus.torus_y = torus.torus_z = 16;
  gp_bench_run ("topology eval, 3D torus, 4096 accelerators", run_topology, &torus, 0.2);
}
