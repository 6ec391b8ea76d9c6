/* gp-fabric-sweep.c: step time, cost per model and wall power against ports and rate per
 * fabric kind, and the optics speedup over fat trees (gp-fabric-sweep.h). No model of its
 * own: each point is a whole-system evaluation (gp-system.h) of a rewritten topology. */
#include "gp-fabric-sweep.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gp-fabric.h"

const char *const gp_sweep_fabric_names[] = { "as_given", "ring", "torus_2d", "torus_3d",
                                              "hypercube", "circuit", "fat_tree", NULL };
const char *const gp_sweep_fabric_labels[] = { "Given", "Ring", "2D torus", "3D torus",
                                               "Hypercube", "OCS (per job)", "Fat tree",
                                               NULL };
const char *const gp_sweep_axis_names[] = { "ports", "rate_gbps", NULL };

/* Fat tree like data/topologies.lua "dgx-h100-ndr"'s scale-out level (the defaults of
 * gp_topology_params_init): one accelerator per node, so every accelerator's d ports go to
 * the leaf switches; the pluggable's price (700 USD for 400 Gb/s there) is per Gb/s. */
void
gp_fabric_fat_tree_like (gp_topology_params *t, long accelerators, long ports,
                         double rate_gbps)
{
  gp_topology_params d;
  gp_topology_params_init (&d);
  t->kind = GP_TOPO_FAT_TREE;
  t->accelerators = accelerators;
  t->node_accels = 1;
  t->scaleup_links_per_accel = 1;
  t->scaleup_link_rate_gbps = rate_gbps;
  t->scaleout_ports_per_node = ports;
  t->scaleout_port_rate_gbps = rate_gbps;
  t->scaleout_energy_pj_per_bit = d.scaleout_energy_pj_per_bit;
  t->scaleout_endpoint_latency_ns = d.scaleout_endpoint_latency_ns;
  t->scaleout_link_latency_ns = d.scaleout_link_latency_ns;
  t->scaleout_hop_latency_ns = d.scaleout_hop_latency_ns;
  t->scaleout_transceiver_cost_usd = d.scaleout_transceiver_cost_usd * rate_gbps
                                     / d.scaleout_port_rate_gbps;
  t->scaleout_cable_cost_usd = d.scaleout_cable_cost_usd;
  t->scaleout_switch_radix = d.scaleout_switch_radix;
  t->scaleout_oversubscription = 1;
  t->scaleout_switch_power_w = d.scaleout_switch_power_w;
  t->scaleout_switch_cost_usd = d.scaleout_switch_cost_usd;
}

gp_status
gp_fabric_apply_kind (gp_system *s, int kind, long ports, double rate_gbps, gp_error *err)
{
  if (kind < 0 || kind >= GP_SWEEP_FABRIC_N)
    return gp_error_set (err, GP_EINVAL, "kind", "kind = %d: must be 0..%d (%s..%s)", kind,
                         GP_SWEEP_FABRIC_N - 1, gp_sweep_fabric_names[0],
                         gp_sweep_fabric_names[GP_SWEEP_FABRIC_N - 1]);
  if (ports < 1)
    return gp_error_set (err, GP_EINVAL, "ports", "ports = %ld: must be >= 1", ports);
  if (!(rate_gbps > 0) || !isfinite (rate_gbps))
    return gp_error_set (err, GP_EINVAL, "rate_gbps", "rate_gbps = %g: must be > 0",
                         rate_gbps);
  gp_topology_params *t = &s->topology;
  t->accelerators = s->sys.accelerators;
  if (kind == GP_SWEEP_FABRIC_FAT_TREE)
    {
      gp_fabric_fat_tree_like (t, s->sys.accelerators, ports, rate_gbps);
      s->cost.glass_fabric = false; /* switches and pluggables, not glass */
      return GP_OK;
    }
  t->scaleup_links_per_accel = ports;
  t->scaleup_link_rate_gbps = rate_gbps;
  switch (kind)
    {
    case GP_SWEEP_FABRIC_RING:
    case GP_SWEEP_FABRIC_TORUS_2D:
    case GP_SWEEP_FABRIC_TORUS_3D:
    case GP_SWEEP_FABRIC_HYPERCUBE:
      t->kind = GP_TOPO_DIRECT_CONNECT;
      t->fabric_shape = kind == GP_SWEEP_FABRIC_RING ? GP_FABRIC_RING
                        : kind == GP_SWEEP_FABRIC_HYPERCUBE ? GP_FABRIC_HYPERCUBE
                                                            : GP_FABRIC_TORUS;
      t->torus_auto_dims = kind == GP_SWEEP_FABRIC_TORUS_2D ? 2
                           : kind == GP_SWEEP_FABRIC_TORUS_3D ? 3 : 0;
      break;
    case GP_SWEEP_FABRIC_CIRCUIT:
      t->kind = GP_TOPO_CIRCUIT_SWITCHED;
      t->circuit_mode = GP_CIRCUITS_PER_JOB;
      if (t->scaleup_switch_radix < s->sys.accelerators)
        t->scaleup_switch_radix = s->sys.accelerators;
      if (t->node_accels < 1 || s->sys.accelerators % t->node_accels != 0)
        t->node_accels = 1;
      break;
    default: /* as given */
      break;
    }
  return GP_OK;
}

static void
point_fail (gp_fabric_point *p, const gp_error *e)
{
  p->status = e->status != GP_OK ? e->status : GP_EINVAL;
  snprintf (p->why, sizeof p->why, "%s", e->message);
}

/* One whole-system evaluation of BASE with fabric KIND at D ports of R. */
static void
eval_point (const gp_system *base, const gp_study *st, const gp_node *nodes, size_t n_nodes,
            int kind, long d, double r, gp_fabric_point *p)
{
  static _Thread_local gp_system s;
  static _Thread_local gp_system_prepared prep;
  static _Thread_local gp_system_result res;
  gp_error e = { 0 };
  memset (p, 0, sizeof *p);
  p->ports = d, p->rate_gbps = r;
  s = *base;
  if (gp_fabric_apply_kind (&s, kind, d, r, &e) != GP_OK
      || gp_system_prepare (&s, st, nodes, n_nodes, &prep, &e) != GP_OK
      || gp_system_eval (&s, st, &prep, NULL, &res, NULL, NULL, &e) != GP_OK)
    {
      point_fail (p, &e);
      return;
    }
  p->status = GP_OK;
  p->step_time_s = res.step_time_s;
  p->usd_per_model = res.usd_per_model;
  p->power_w = res.power_w;
  p->capex_interconnect_usd = res.capex_usd_part[GP_CAPEX_INTERCONNECT];
  p->plan = res.plan;
}

gp_status
gp_fabric_sweep (const gp_system *base, const gp_study *st, const gp_node *nodes,
                 size_t n_nodes, int kind, int axis, const double *x, size_t n,
                 gp_fabric_point *out, gp_error *err)
{
  if (kind < 0 || kind >= GP_SWEEP_FABRIC_N)
    return gp_error_set (err, GP_EINVAL, "kind", "kind = %d: must be 0..%d", kind,
                         GP_SWEEP_FABRIC_N - 1);
  if (axis < 0 || axis >= GP_SWEEP_AXIS_N)
    return gp_error_set (err, GP_EINVAL, "axis", "axis = %d: must be 0 (ports) or 1 "
                         "(rate_gbps)", axis);
  if (n == 0 || !x || !out)
    return gp_error_set (err, GP_EINVAL, "n", "n = %zu: need at least one x and an output "
                         "array", n);
  for (size_t i = 0; i < n; i++)
    if (!(x[i] > 0) || !isfinite (x[i]) || (axis == GP_SWEEP_PORTS && x[i] > 1e6))
      return gp_error_set (err, GP_EINVAL, "x", "x[%zu] = %g: %s must be > 0%s", i, x[i],
                           gp_sweep_axis_names[axis],
                           axis == GP_SWEEP_PORTS ? " and at most 1e6" : "");
  long d0 = base->topology.scaleup_links_per_accel;
  double r0 = base->topology.scaleup_link_rate_gbps;
  for (size_t i = 0; i < n; i++)
    {
      long d = axis == GP_SWEEP_PORTS ? lround (x[i]) : d0;
      double r = axis == GP_SWEEP_RATE ? x[i] : r0;
      eval_point (base, st, nodes, n_nodes, kind, d, r, &out[i]);
    }
  return GP_OK;
}

gp_status
gp_fabric_optics_speedup (const gp_system *glass, const gp_study *st, const gp_node *nodes,
                          size_t n_nodes, gp_optics_speedup *out, gp_error *err)
{
  memset (out, 0, sizeof *out);
  long d = glass->topology.scaleup_links_per_accel;
  double r = glass->topology.scaleup_link_rate_gbps;
  eval_point (glass, st, nodes, n_nodes, GP_SWEEP_FABRIC_AS_GIVEN, d, r, &out->glass);
  if (out->glass.status != GP_OK)
    return gp_error_set (err, out->glass.status, "", "the glass system: %s", out->glass.why);
  eval_point (glass, st, nodes, n_nodes, GP_SWEEP_FABRIC_FAT_TREE, d, r,
              &out->same_bandwidth);
  double target = out->glass.capex_interconnect_usd, best = INFINITY;
  long pmax = 4 * d > 16 ? 4 * d : 16;
  for (long p = 1; p <= pmax; p++)
    {
      gp_fabric_point ft;
      eval_point (glass, st, nodes, n_nodes, GP_SWEEP_FABRIC_FAT_TREE, p, r, &ft);
      if (ft.status != GP_OK)
        continue;
      double diff = fabs (ft.capex_interconnect_usd - target);
      if (diff < best)
        best = diff, out->same_cost = ft, out->same_cost_ports = p;
      if (ft.capex_interconnect_usd > target)
        break; /* the fat tree's cost grows with its ports: no closer point beyond */
    }
  if (out->same_cost_ports == 0)
    out->same_cost.status = GP_EINFEASIBLE,
    snprintf (out->same_cost.why, sizeof out->same_cost.why,
              "no fat tree of 1..%ld ports of %g Gb/s could be evaluated", pmax, r);
  double g = out->glass.step_time_s;
  if (out->same_bandwidth.status == GP_OK && g > 0)
    out->speedup_same_bandwidth = out->same_bandwidth.step_time_s / g;
  if (out->same_cost.status == GP_OK && g > 0)
    out->speedup_same_cost = out->same_cost.step_time_s / g;
  return GP_OK;
}
