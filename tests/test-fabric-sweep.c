/* test-fabric-sweep.c: the glass fabric's chart data (models/gp-fabric-sweep.h): sweeps of
 * ports and rate per fabric kind and the optics speedup over fat trees.
 *
 * The sweep has no model of its own, so the checks are that each point is the whole-system
 * evaluation it claims to be (the same figures as gp_system_eval of the rewritten system),
 * the fat tree's prices worked by hand, the closest-cost fat tree checked against its
 * neighbours, points a fabric cannot build reported per point, and the error paths. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "gp-fabric-sweep.h"
#include "gp-fabric-plan.h"
#include "gp-fabric.h"
#include "gp-models.h"
#include "gp-design.h"
#include "gp-presets.h"

static gp_node *nodes;
static size_t n_nodes;
static gp_system glass;
static gp_study study;

/* The Lite-GPU glass server (data/systems.lua lite-gpu-glass) resized to 512 accelerators
 * so a point's search is quick; the default study (Llama 3 70B). */
static void
setup (void)
{
  gp_error err = { 0 };
  if (gp_system_preset ("lite-gpu-glass", &glass, &err) != GP_OK)
    g_error ("preset: %s", err.message);
  gp_study_init (&study);
  if (gp_system_scale (&glass, &study, nodes, n_nodes, GP_SCALE_COUNT, 512, &err) != GP_OK)
    g_error ("scale: %s", err.message);
}

/* dgx-h100-ndr's 400 Gb/s pluggable is 700 USD (gp_topology_params_init); at 256 Gb/s per
 * port priced per Gb/s: 700 x 256 / 400 = 448 USD. One accelerator per node, non-blocking,
 * 64-port switches. */
static void
test_fat_tree_like (void)
{
  gp_topology_params t;
  gp_topology_params_init (&t);
  gp_fabric_fat_tree_like (&t, 512, 6, 256);
  g_assert_cmpint (t.kind, ==, GP_TOPO_FAT_TREE);
  g_assert_cmpint (t.node_accels, ==, 1);
  g_assert_cmpint (t.scaleout_ports_per_node, ==, 6);
  g_assert_cmpfloat_with_epsilon (t.scaleout_transceiver_cost_usd, 448.0, 1e-9);
  g_assert_cmpfloat (t.scaleout_oversubscription, ==, 1.0);
  g_assert_cmpint (t.scaleout_switch_radix, ==, 64);
}

/* A point at the system's own d and r with kind "as_given" is exactly gp_system_eval of the
 * system; a hypercube of 512 = 2^9 needs 9 ports: 4 fails with a message naming the ports,
 * 9 runs. */
static void
test_sweep_points (void)
{
  gp_error err = { 0 };
  gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  gp_system_result *res = g_new0 (gp_system_result, 1);
  g_assert_cmpint (gp_system_prepare (&glass, &study, nodes, n_nodes, prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_system_eval (&glass, &study, prep, NULL, res, NULL, NULL, &err), ==,
                   GP_OK);
  double x[2] = { (double) glass.topology.scaleup_links_per_accel, 4 };
  gp_fabric_point pt[2];
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_AS_GIVEN,
                                    GP_SWEEP_PORTS, x, 1, pt, &err), ==, GP_OK);
  g_assert_cmpint (pt[0].status, ==, GP_OK);
  g_assert_cmpfloat (pt[0].step_time_s, ==, res->step_time_s);
  g_assert_cmpfloat (pt[0].usd_per_model, ==, res->usd_per_model);
  g_assert_cmpfloat (pt[0].power_w, ==, res->power_w);
  g_assert_cmpint (pt[0].plan.tp, ==, res->plan.tp);

  double xh[2] = { 4, 9 };
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_HYPERCUBE,
                                    GP_SWEEP_PORTS, xh, 2, pt, &err), ==, GP_OK);
  g_assert_cmpint (pt[0].status, ==, GP_EINVAL);
  g_assert_nonnull (strstr (pt[0].why, "ports"));
  g_assert_cmpint (pt[1].status, ==, GP_OK);
  g_assert_cmpint (pt[1].ports, ==, 9);
  g_assert_cmpfloat (pt[1].step_time_s, >, 0);

  /* the rate axis keeps the system's ports and sets the rate */
  double xr[1] = { 512 };
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_TORUS_3D,
                                    GP_SWEEP_RATE, xr, 1, pt, &err), ==, GP_OK);
  g_assert_cmpint (pt[0].status, ==, GP_OK);
  g_assert_cmpint (pt[0].ports, ==, glass.topology.scaleup_links_per_accel);
  g_assert_cmpfloat (pt[0].rate_gbps, ==, 512);
  g_free (prep);
  g_free (res);
}

/* The speedups are the ratios of the step times, and the same-cost fat tree's interconnect
 * capex is at least as close to the glass's as its neighbours' (one port fewer, one more). */
static void
test_optics_speedup (void)
{
  gp_error err = { 0 };
  gp_optics_speedup o;
  g_assert_cmpint (gp_fabric_optics_speedup (&glass, &study, nodes, n_nodes, &o, &err), ==,
                   GP_OK);
  g_assert_cmpint (o.glass.status, ==, GP_OK);
  g_assert_cmpint (o.same_bandwidth.status, ==, GP_OK);
  g_assert_cmpint (o.same_cost.status, ==, GP_OK);
  g_assert_cmpint (o.same_bandwidth.ports, ==, glass.topology.scaleup_links_per_accel);
  g_assert_cmpfloat_with_epsilon (o.speedup_same_bandwidth,
                                  o.same_bandwidth.step_time_s / o.glass.step_time_s, 1e-12);
  g_assert_cmpfloat_with_epsilon (o.speedup_same_cost,
                                  o.same_cost.step_time_s / o.glass.step_time_s, 1e-12);
  g_test_message ("glass %.4g s, fat tree same bw (%ld ports) %.4g s -> %.3fx, same cost "
                  "(%ld ports) %.4g s -> %.3fx", o.glass.step_time_s, o.same_bandwidth.ports,
                  o.same_bandwidth.step_time_s, o.speedup_same_bandwidth, o.same_cost_ports,
                  o.same_cost.step_time_s, o.speedup_same_cost);
  double target = o.glass.capex_interconnect_usd;
  double here = fabs (o.same_cost.capex_interconnect_usd - target);
  double x[2] = { (double) o.same_cost_ports - 1, (double) o.same_cost_ports + 1 };
  gp_fabric_point nb[2];
  size_t first = o.same_cost_ports > 1 ? 0 : 1;
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_FAT_TREE,
                                    GP_SWEEP_PORTS, x + first, 2 - first, nb + first, &err),
                   ==, GP_OK);
  for (size_t i = first; i < 2; i++)
    if (nb[i].status == GP_OK)
      g_assert_cmpfloat (here, <=, fabs (nb[i].capex_interconnect_usd - target));
}

/* Each plan's own placement (gp-fabric-plan.h). 512 accelerators, plan tp 8, dp 64:
 * - 3D torus 8 x 8 x 8: each TP group is one x ring of 8 (stride 1, row-major), every link
 *   carries one flow per direction, so the ring's per-rank bandwidth is 2 r;
 * - ring of 512: each TP group is 8 consecutive accelerators whose wrap-around flow 7 -> 0
 *   crosses back over the 7 links inside the block, so those carry 2 flows per direction:
 *   2 r / 2 = r.
 * r = 256 Gb/s = 32e9 B/s. The same plan's step time is then shorter on the torus. */
static void
test_plan_placement (void)
{
  gp_error err = { 0 };
  gp_plan plan;
  gp_plan_params_init (&plan);
  plan.tp = 8, plan.pp = 1, plan.cp = 1, plan.dp = 64;
  gp_system torus = glass, ring = glass;
  g_assert_cmpint (gp_fabric_apply_kind (&torus, GP_SWEEP_FABRIC_TORUS_3D, 6, 256, &err), ==,
                   GP_OK);
  g_assert_cmpint (gp_fabric_apply_kind (&ring, GP_SWEEP_FABRIC_RING, 6, 256, &err), ==,
                   GP_OK);
  gp_net_levels nt, nr;
  g_assert_cmpint (gp_fabric_plan_net (&torus.topology, &plan, &nt, &err), ==, GP_OK);
  g_assert_cmpint (gp_fabric_plan_net (&ring.topology, &plan, &nr, &err), ==, GP_OK);
  g_assert_cmpint (nt.level[0].group_size, ==, 8);
  g_assert_cmpfloat_with_epsilon (nt.level[0].bw_bytes_per_s, 2 * 32e9, 1e-3);
  g_assert_cmpfloat_with_epsilon (nr.level[0].bw_bytes_per_s, 32e9, 1e-3);
  /* the cache serves the same shape again */
  long h0, m0, h1, m1;
  gp_fabric_plan_cache_stats (&h0, &m0);
  g_assert_cmpint (gp_fabric_plan_net (&ring.topology, &plan, &nr, &err), ==, GP_OK);
  gp_fabric_plan_cache_stats (&h1, &m1);
  g_assert_cmpint (h1, ==, h0 + 1);
  g_assert_cmpint (m1, ==, m0);
  g_assert_cmpfloat_with_epsilon (nr.level[0].bw_bytes_per_s, 32e9, 1e-3);
  /* wrong kind */
  g_assert_cmpint (gp_fabric_plan_net (&glass.topology, &plan, &nr, &err), ==, GP_OK);
  gp_topology_params ft = glass.topology;
  ft.kind = GP_TOPO_FAT_TREE;
  g_assert_cmpint (gp_fabric_plan_net (&ft, &plan, &nr, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "kind");

  /* the whole system: the same plan, the step time follows the placement */
  double x[1] = { 6 };
  gp_fabric_point pt, pr;
  gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  gp_system_result *res = g_new0 (gp_system_result, 1);
  g_assert_cmpint (gp_system_prepare (&torus, &study, nodes, n_nodes, prep, &err), ==, GP_OK);
  plan.microbatch_seqs = 1;
  if (gp_system_eval (&torus, &study, prep, &plan, res, NULL, NULL, &err) == GP_OK)
    {
      double t_torus = res->step_time_s;
      g_assert_cmpint (gp_system_prepare (&ring, &study, nodes, n_nodes, prep, &err), ==,
                       GP_OK);
      g_assert_cmpint (gp_system_eval (&ring, &study, prep, &plan, res, NULL, NULL, &err), ==,
                       GP_OK);
      g_assert_cmpfloat (t_torus, <, res->step_time_s);
    }
  /* and the searched best is no slower on the torus than on the ring at the same d, r */
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_TORUS_3D,
                                    GP_SWEEP_PORTS, x, 1, &pt, &err), ==, GP_OK);
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_RING,
                                    GP_SWEEP_PORTS, x, 1, &pr, &err), ==, GP_OK);
  g_assert_cmpfloat (pt.step_time_s, <=, pr.step_time_s);
  g_test_message ("best: torus %.4g s (tp %ld pp %ld dp %ld), ring %.4g s (tp %ld pp %ld "
                  "dp %ld)", pt.step_time_s, pt.plan.tp, pt.plan.pp, pt.plan.dp,
                  pr.step_time_s, pr.plan.tp, pr.plan.pp, pr.plan.dp);
  g_free (prep);
  g_free (res);
}

static void
test_errors (void)
{
  gp_error err = { 0 };
  gp_system s = glass;
  g_assert_cmpint (gp_fabric_apply_kind (&s, 99, 4, 100, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "kind");
  g_assert_cmpint (gp_fabric_apply_kind (&s, GP_SWEEP_FABRIC_RING, 0, 100, &err), ==,
                   GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ports");
  g_assert_cmpint (gp_fabric_apply_kind (&s, GP_SWEEP_FABRIC_RING, 2, NAN, &err), ==,
                   GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "rate_gbps");
  gp_fabric_point pt[2];
  double x[2] = { 4, -1 };
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_RING, 7, x,
                                    2, pt, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "axis");
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_RING,
                                    GP_SWEEP_PORTS, x, 0, pt, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n");
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, GP_SWEEP_FABRIC_RING,
                                    GP_SWEEP_PORTS, x, 2, pt, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "x");
  g_assert_cmpint (gp_fabric_sweep (&glass, &study, nodes, n_nodes, -1, GP_SWEEP_PORTS, x, 1,
                                    pt, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "kind");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  gp_error err = { 0 };
  if (gp_nodes_load (NULL, &nodes, &n_nodes, &err) != GP_OK)
    g_error ("nodes: %s", err.message);
  setup ();
  g_test_add_func ("/models/fabric-sweep/fat-tree-like", test_fat_tree_like);
  g_test_add_func ("/models/fabric-sweep/points", test_sweep_points);
  g_test_add_func ("/models/fabric-sweep/optics-speedup", test_optics_speedup);
  g_test_add_func ("/models/fabric-sweep/plan-placement", test_plan_placement);
  g_test_add_func ("/models/fabric-sweep/errors", test_errors);
  return g_test_run ();
}
