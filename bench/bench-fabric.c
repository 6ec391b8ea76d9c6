/* bench-fabric.c: placement and evaluation of glass fabrics (target: 4,096 accelerators
 * under 50 us), the topology fill for the search's levels, a 65,536 row, and the workspace
 * memory per accelerator (linear, not quadratic). */
#include "bench.h"

#include <stdio.h>

#include "gp-fabric.h"
#include "gp-topology.h"

typedef struct {
  gp_fabric *f;
  gp_fabric_plan plan;
} place_job;

static double
run_place (void *data)
{
  place_job *j = data;
  gp_fabric_placement out;
  gp_fabric_result r;
  gp_fabric_place (j->f, &j->plan, &out, NULL);
  gp_fabric_eval (j->f, &r, NULL);
  return out.comm_estimate_s + r.power_w;
}

static double
run_topology (void *data)
{
  gp_topology_result r;
  gp_topology_eval (data, &r, NULL);
  return r.net.level[0].bw_bytes_per_s;
}

static void
bench_torus (long side, const char *name)
{
  gp_fabric_params p;
  gp_fabric_params_init (&p);
  p.accelerators = side * side * side;
  p.torus_x = p.torus_y = p.torus_z = side;
  place_job j = { 0 };
  if (gp_fabric_new (&p, &j.f, NULL) != GP_OK)
    return;
  /* Megatron-like: tp 8, pp 4, dp the rest */
  j.plan.tp = 8, j.plan.pp = 4, j.plan.cp = 1, j.plan.ep = 1;
  j.plan.dp = p.accelerators / 32;
  char label[96];
  snprintf (label, sizeof label, "fabric place + eval, %s (tp 8 pp 4 dp %ld)", name, j.plan.dp);
  gp_bench_run (label, run_place, &j, 0.3);
  if (side == 16)
    {
      /* the reference every closed form is tested against: every flow routed */
      gp_fabric_set_routed (j.f, true);
      snprintf (label, sizeof label, "fabric place + eval, %s, every flow routed", name);
      gp_bench_run (label, run_place, &j, 0.3);
    }
  gp_fabric_free (j.f);
}

void
gp_bench_fabric (void)
{
  bench_torus (16, "3D torus of 4,096");
  bench_torus (40, "3D torus of 64,000");

  gp_fabric_params p;
  gp_fabric_params_init (&p);
  p.shape = GP_FABRIC_CIRCUIT;
  p.accelerators = 128;
  p.ports_per_accel = 8;
  place_job j = { 0 };
  if (gp_fabric_new (&p, &j.f, NULL) == GP_OK)
    {
      j.plan.tp = 8, j.plan.pp = 4, j.plan.dp = 4, j.plan.cp = 1, j.plan.ep = 1;
      gp_bench_run ("fabric circuit choice + place + eval, OCS of 128 (tp 8 pp 4 dp 4)",
                    run_place, &j, 0.3);
      gp_fabric_free (j.f);
    }

  /* 65,536 on a 64 x 32 x 32 torus, hypercube of 65,536 */
  p.shape = GP_FABRIC_TORUS;
  p.accelerators = 65536;
  p.torus_x = 64, p.torus_y = 32, p.torus_z = 32;
  if (gp_fabric_new (&p, &j.f, NULL) == GP_OK)
    {
      j.plan.tp = 8, j.plan.pp = 4, j.plan.dp = 65536 / 32, j.plan.cp = 1, j.plan.ep = 1;
      gp_bench_run ("fabric place + eval, 3D torus of 65,536 (tp 8 pp 4 dp 2048)", run_place,
                    &j, 0.3);
      gp_fabric_free (j.f);
    }

  /* workspace of a 3D torus: a stamp and a count (2 x 32 bits) per directed link (6 per
   * accelerator), 5 coordinates (32 bits), the placement, queue and parents (64 bits), a
   * parent port and a mark (32 bits), the closed forms' counters, rows and marks (5 x 32
   * bits) and member table (2 x 32 bits): linear in N */
  for (long n = 4096; n <= 65536; n *= 16)
    {
      double bytes = (double) n * (6.0 * 8.0 + 5.0 * 4.0 + 3.0 * 8.0 + 2.0 * 4.0 + 7.0 * 4.0);
      char label[96];
      snprintf (label, sizeof label, "fabric workspace per accelerator, N = %ld", n);
      gp_bench_print_value (label, bytes / (double) n, "bytes");
    }

  gp_topology_params t;
  gp_topology_params_init (&t);
  t.kind = GP_TOPO_DIRECT_CONNECT;
  t.fabric_shape = GP_FABRIC_TORUS;
  t.accelerators = 4096;
  t.torus_x = t.torus_y = t.torus_z = 16;
  t.scaleup_links_per_accel = 7;
  t.scaleup_link_rate_gbps = 256;
  gp_bench_run ("topology eval, glass 3D torus of 4,096 (search levels, at prepare)",
                run_topology, &t, 0.3);
}
