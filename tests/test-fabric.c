/* test-fabric.c: hops, link loads and bandwidths of small fabrics worked by hand, the
 * circuit choice against exhaustive enumeration, multi-hop fallback, cost, failures and
 * bad input. r = 100 Gb/s = 12.5e9 B/s throughout, so bandwidths are read in units of r. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "gp-fabric.h"
#include "gp-fabric-plan.h"
#include "gp-models.h"
#include "gp-topology.h"
#include "gp-test-util.h"

#define R_BPS 12.5e9

static gp_fabric *
build (const gp_fabric_params *p)
{
  gp_fabric *f = NULL;
  gp_error err;
  gp_status st = gp_fabric_new (p, &f, &err);
  if (st != GP_OK)
    g_error ("gp_fabric_new: %s", err.message);
  return f;
}

static void
plan (gp_fabric_plan *pl, long tp, long pp, long dp)
{
  memset (pl, 0, sizeof *pl);
  pl->tp = tp, pl->pp = pp, pl->dp = dp, pl->cp = 1, pl->ep = 1;
}

/* 4 x 4 torus, one ring all-reduce over all 16 ranks in row-major order.
 * Clockwise: 12 flows inside rows (1 hop, x+), 4 row changes (3,y) -> (0,y+1): x+ through
 * the wrap link then y+ at column 0 (2 hops). Anticlockwise mirrors it (x-, y- at column
 * 3). Every directed link carries at most 1 flow; hops = (12 + 8) / 16 = 1.25 per flow in
 * each direction, max 2; bandwidth 2 r / 1 = 2 r. */
static void
test_torus_4x4_ring (void)
{
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_TORUS, 16, 4);
  p.torus_x = 4, p.torus_y = 4;
  gp_fabric *f = build (&p);
  gp_fabric_plan pl;
  plan (&pl, 16, 1, 1);
  gp_fabric_placement out;
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, NULL), ==, GP_OK);
  const gp_fabric_group *g = &out.group[GP_FG_TP];
  g_assert_cmpfloat_with_epsilon (g->hops_avg, 1.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->hops_max, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->max_link_load, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->bw_bytes_per_s / R_BPS, 2.0, 1e-12);
  g_assert_true (g->multi_hop);
  /* 2D torus: 4 ports used; mean distance 2 x (4/4) x 16/15, diameter 2 + 2 */
  gp_fabric_result fr;
  g_assert_cmpint (gp_fabric_eval (f, &fr, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (fr.ports_used_per_accel, 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (fr.hops_avg, 2.0 * 16.0 / 15.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (fr.diameter_hops, 4.0, 1e-12);
  gp_fabric_free (f);

  /* The search's levels of a 4 x 2 x 3 torus (closed form: every ring along a dimension,
   * 2 r, one hop) against routing the same rings: TP on x (4), PP on y (2, the pair joined
   * by a + and a - link), DP on z (3). */
  gp_test_fabric_params (&p, GP_FABRIC_TORUS, 24, 6);
  p.torus_x = 4, p.torus_y = 2, p.torus_z = 3;
  f = build (&p);
  gp_net_levels net;
  g_assert_cmpint (gp_fabric_net_levels (f, 0, &net, NULL, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (net.n_levels, ==, 3);
  plan (&pl, 4, 1, 6);
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (net.level[0].bw_bytes_per_s, out.group[GP_FG_TP].bw_bytes_per_s, 1.0);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_TP].max_link_load, 1.0, 1e-12);
  plan (&pl, 4, 2, 3);
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_DP].bw_bytes_per_s, net.level[2].bw_bytes_per_s, 1.0);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_DP].hops_max, 1.0, 1e-12);
  gp_fabric_free (f);
}

/* 3-cube, binary addresses, e-cube routing (lowest bit first).
 * Ring over 0..7: successor Hamming distances 1,2,1,3,1,2,1,3 = 14 per direction, so
 * hops 28 / 16 = 1.75, max 3. Clockwise alone loads every link it uses once; the
 * anticlockwise flows 1->0, 2->1 (via 3), 3->2, 4->3 (via 5, 7), 5->4, 6->5 (via 7),
 * 7->6, 0->7 (via 1, 3) put a second flow on the b0 links of nodes 1, 2, 3, 4, 5, 6, 7
 * and 0: max load 2, ring bandwidth 2 r / 2 = r.
 * All-to-all: each node sends to 7 others over 12 links in total (sum of Hamming
 * distances); 8 x 12 = 96 link crossings over 24 directed links, spread evenly by e-cube:
 * load 4, bandwidth 7 r / 4; hops 12 / 7, max 3. */
static void
test_hypercube_3 (void)
{
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_HYPERCUBE, 8, 3);
  gp_fabric *f = build (&p);
  gp_fabric_plan pl;
  plan (&pl, 8, 1, 1);
  gp_fabric_placement out;
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, NULL), ==, GP_OK);
  const gp_fabric_group *g = &out.group[GP_FG_TP];
  g_assert_cmpfloat_with_epsilon (g->hops_avg, 1.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->hops_max, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->max_link_load, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->bw_bytes_per_s / R_BPS, 1.0, 1e-12);

  /* all-to-all as an expert-parallel group of 8 (dp = ep = 8) */
  plan (&pl, 1, 1, 8);
  pl.ep = 8;
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, NULL), ==, GP_OK);
  g = &out.group[GP_FG_EP];
  g_assert_cmpfloat_with_epsilon (g->hops_avg, 12.0 / 7.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->hops_max, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->max_link_load, 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g->bw_bytes_per_s / R_BPS, 7.0 / 4.0, 1e-12);
  g_assert_cmpint (out.group[GP_FG_EP].ports_needed, ==, 7);
  gp_fabric_free (f);
}

/* Full mesh of 8 (one group, 7 ports): every pair has its own link. Ring: 1 hop, load 1,
 * 2 r. All-to-all: 1 hop, load 1, 7 r. */
static void
test_full_mesh_8 (void)
{
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_GROUPED_MESH, 8, 7);
  p.mesh_group_accels = 8;
  gp_fabric *f = build (&p);
  gp_fabric_plan pl;
  plan (&pl, 8, 1, 1);
  gp_fabric_placement out;
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_TP].hops_max, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_TP].max_link_load, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_TP].bw_bytes_per_s / R_BPS, 2.0, 1e-12);
  g_assert_false (out.group[GP_FG_TP].multi_hop);
  plan (&pl, 1, 1, 8);
  pl.ep = 8;
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_EP].hops_avg, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_EP].max_link_load, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_EP].bw_bytes_per_s / R_BPS, 7.0, 1e-12);
  gp_fabric_free (f);
}

/* Ring of 16 (2 ports) under tp = 4, dp = 4: the plan needs 2 + 2 = 4 ports, 2 exist.
 * TP on a 4-rank arc: successor flows and the opposite ring's wrap-around share the arc's
 * links: load 2, bandwidth r, hops (3 x 1 + 3) / 4 = 1.5, max 3.
 * DP at stride 4: every flow crosses 4 links, 16 flows x 4 / 16 links = load 4 on every
 * link of each direction: bandwidth 2 r / 4 = r / 2, 4 hops, multi-hop. */
static void
test_multihop_fallback (void)
{
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_RING, 16, 2);
  gp_fabric *f = build (&p);
  gp_fabric_plan pl;
  plan (&pl, 4, 1, 4);
  gp_fabric_placement out;
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, NULL), ==, GP_OK);
  g_assert_cmpint (out.degree_needed, ==, 4);
  g_assert_cmpint (out.ports_available, ==, 2);
  const gp_fabric_group *t = &out.group[GP_FG_TP], *d = &out.group[GP_FG_DP];
  g_assert_cmpfloat_with_epsilon (t->max_link_load, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t->bw_bytes_per_s / R_BPS, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t->hops_avg, 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (d->max_link_load, 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (d->bw_bytes_per_s / R_BPS, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (d->hops_avg, 4.0, 1e-12);
  g_assert_true (out.multi_hop_mask & (1u << GP_FG_DP));

  /* The step-time levels for this plan: [tp, tp, N] carrying TP's and DP's figures. */
  gp_net_levels net;
  g_assert_cmpint (gp_fabric_net_levels_for_plan (f, &out, &net, NULL), ==, GP_OK);
  g_assert_cmpint (net.n_levels, ==, 3);
  g_assert_cmpint (net.level[0].group_size, ==, 4);
  g_assert_cmpint (net.level[2].group_size, ==, 16);
  g_assert_cmpfloat_with_epsilon (net.level[2].bw_bytes_per_s / R_BPS, 0.5, 1e-12);
  gp_fabric_free (f);
}

/* Circuit choice on 16 accelerators, 6 ports (3 rings), tp = 4, dp = 4, TP carrying three
 * times DP's bytes. Every legal choice is enumerated and placed; the chosen one must reach
 * the smallest sum of volume / bandwidth. By hand: TP 2 rings + DP 1 ring gives
 * 3/(4r) + 1/(2r) = 1.25/r, better than 1 + 2 (1.75/r) and all three shared (TP on arcs
 * 3r, DP at stride 4 across the whole ring 1.5r: 1.67/r). */
static void
test_circuit_choice (void)
{
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_CIRCUIT, 16, 6);
  p.circuit_mode = GP_CIRCUITS_PER_JOB;
  gp_fabric *f = build (&p);
  gp_fabric_plan pl;
  plan (&pl, 4, 1, 4);
  pl.volume_bytes[GP_FG_TP] = 3e9;
  pl.volume_bytes[GP_FG_DP] = 1e9;
  gp_fabric_placement chosen;
  g_assert_cmpint (gp_fabric_place (f, &pl, &chosen, NULL), ==, GP_OK);

  double best = INFINITY;
  int legal = 0;
  for (unsigned merged = 0; merged < 2; merged++)
    for (long a = 0; a <= 3; a++)
      for (long b = 0; b <= 3; b++)
        for (long m = 0; m <= 3; m++)
          {
            gp_fabric_circuits c;
            memset (&c, 0, sizeof c);
            c.mode = GP_CIRCUITS_PER_JOB;
            if (merged)
              {
                if (a || b || m == 0)
                  continue;
                c.merged_mask = (1u << 0) | (1u << 4);
                c.merged_rings = m;
              }
            else
              {
                if (m)
                  continue;
                c.rings[GP_FG_TP] = a;
                c.rings[GP_FG_DP] = b;
              }
            gp_fabric_placement out;
            if (gp_fabric_place_with (f, &pl, &c, &out, NULL) != GP_OK)
              continue;
            legal++;
            if (out.comm_estimate_s < best)
              best = out.comm_estimate_s;
          }
  /* own rings (a, b) with a + b <= 3, a, b >= 1: 3; merged with 1..3 rings: 3 */
  g_assert_cmpint (legal, ==, 6);
  g_assert_cmpfloat_with_epsilon (chosen.comm_estimate_s, best, best * 1e-12);
  g_assert_cmpint (chosen.circuits.rings[GP_FG_TP], ==, 2);
  g_assert_cmpint (chosen.circuits.rings[GP_FG_DP], ==, 1);
  g_assert_cmpfloat_with_epsilon (chosen.comm_estimate_s, 1.25 * 1e9 / R_BPS, 1e-9);

  /* more circuits than ports is refused, naming the field */
  gp_fabric_circuits c;
  memset (&c, 0, sizeof c);
  c.mode = GP_CIRCUITS_PER_JOB;
  c.rings[GP_FG_TP] = 2, c.rings[GP_FG_DP] = 2;
  gp_error err;
  gp_fabric_placement out;
  g_assert_cmpint (gp_fabric_place_with (f, &pl, &c, &out, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "circuits");

  /* per phase: DP gets all 3 rings in its own phase (6 r), TP all 3 (6 r) in the
   * compute phase, plus two 3 ms reconfigurations per step */
  p.circuit_mode = GP_CIRCUITS_PER_PHASE;
  gp_fabric *g = build (&p);
  g_assert_cmpint (gp_fabric_place (g, &pl, &out, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (out.reconfig_s_per_step, 6e-3, 1e-15);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_TP].bw_bytes_per_s / R_BPS, 6.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.group[GP_FG_DP].bw_bytes_per_s / R_BPS, 6.0, 1e-12);
  gp_fabric_free (g);
  gp_fabric_free (f);
}

/* Cost and power of a circuit fabric: 16 x 6 link ends at 100 Gb/s and 5 pJ/bit = 0.5 W
 * each, 96 switch ports at 1 W; 96 ends at 10 USD, 96 fibres at 2 USD, 96 ports at 100 USD,
 * 16 glass sites at 50 USD. */
static void
test_cost (void)
{
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_CIRCUIT, 16, 6);
  p.energy_pj_per_bit = 5;
  p.switch_port_power_w = 1;
  p.transceiver_cost_usd = 10;
  p.waveguide_cost_usd = 2;
  p.switch_port_cost_usd = 100;
  p.glass_cost_usd_per_accel = 50;
  p.switch_port_kgco2e = 1;
  p.glass_kgco2e_per_accel = 2;
  gp_fabric *f = build (&p);
  gp_fabric_result r;
  g_assert_cmpint (gp_fabric_eval (f, &r, NULL), ==, GP_OK);
  g_assert_cmpint (r.link_ends, ==, 96);
  g_assert_cmpint (r.switches, ==, 6);
  g_assert_cmpfloat_with_epsilon (r.power_w, 96 * 0.5 + 96 * 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.cost_usd, 960 + 192 + 9600 + 800, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.embodied_kg, 96 + 32, 1e-9);
  gp_fabric_free (f);
}

/* Failures: a ring of 8 loses one link and reroutes the long way (7 hops), nobody is cut
 * off; the two ends keep 1 of 2 ports. A port map that is a line loses an end link: one
 * accelerator cut off. */
static void
test_failure (void)
{
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_RING, 8, 2);
  gp_fabric *f = build (&p);
  gp_fabric_failure fl;
  g_assert_cmpint (gp_fabric_fail_port (f, 0, 0, &fl, NULL), ==, GP_OK);
  g_assert_cmpint (fl.peer, ==, 1);
  g_assert_cmpfloat_with_epsilon (fl.detour_hops, 7.0, 1e-12);
  g_assert_cmpint (fl.disconnected_accels, ==, 0);
  g_assert_cmpfloat_with_epsilon (fl.bw_share_left, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (fl.blast_radius_accel, 0.0, 1e-12);
  gp_fabric_free (f);

  long from[] = { 0, 1, 2 }, to[] = { 1, 2, 3 };
  gp_test_fabric_params (&p, GP_FABRIC_PORT_MAP, 4, 2);
  p.map_links = 3, p.map_from = from, p.map_to = to;
  f = build (&p);
  g_assert_cmpint (gp_fabric_fail_port (f, 3, 0, &fl, NULL), ==, GP_OK);
  g_assert_cmpint (fl.peer, ==, 2);
  g_assert_cmpint (fl.disconnected_accels, ==, 1);
  g_assert_cmpfloat_with_epsilon (fl.blast_radius_accel, 1.0, 1e-12);
  gp_fabric_free (f);
}

static void
expect_error (const gp_fabric_params *p, const char *param)
{
  gp_fabric *f = NULL;
  gp_error err;
  gp_error_clear (&err);
  g_assert_cmpint (gp_fabric_new (p, &f, &err), ==, GP_EINVAL);
  g_assert_null (f);
  g_assert_cmpstr (err.param, ==, param);
  g_assert_nonnull (strstr (err.message, param));
}

static void
test_bad_input (void)
{
  gp_fabric_params p;
  gp_test_fabric_params (&p, GP_FABRIC_RING, 8, 0);
  expect_error (&p, "ports_per_accel"); /* 0 ports */
  gp_test_fabric_params (&p, GP_FABRIC_TORUS, 64, 4);
  p.torus_x = 4, p.torus_y = 4, p.torus_z = 4; /* a 3D torus needs 6 */
  expect_error (&p, "ports_per_accel");
  long from[] = { 0, 1, 2 }, to[] = { 1, 2, 9 };
  gp_test_fabric_params (&p, GP_FABRIC_PORT_MAP, 4, 2);
  p.map_links = 3, p.map_from = from, p.map_to = to; /* accelerator 9 does not exist */
  expect_error (&p, "port_map");
  long f2[] = { 0, 2 }, t2[] = { 1, 3 };
  p.map_links = 2, p.map_from = f2, p.map_to = t2; /* {0,1} and {2,3}: disconnected */
  expect_error (&p, "port_map");
  gp_test_fabric_params (&p, GP_FABRIC_CIRCUIT, 256, 8);
  p.switch_ports = 136; /* 256 circuit ends per plane on a 136-port switch */
  expect_error (&p, "switch_ports");

  gp_test_fabric_params (&p, GP_FABRIC_RING, 16, 2);
  gp_fabric *f = build (&p);
  gp_fabric_plan pl;
  plan (&pl, 4, 1, 2);
  gp_fabric_placement out;
  gp_error err;
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "dp");
  plan (&pl, 4, 1, 4);
  pl.ep = 3;
  g_assert_cmpint (gp_fabric_place (f, &pl, &out, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ep");
  gp_fabric_free (f);
}

/* The topology model's glass kinds: a 16 x 16 x 16 torus of 4,096 with 7 ports fills
 * three levels (x ring 16, x-y plane 256, machine) and prices 6 link ends each. */
static void
test_topology_hook (void)
{
  gp_topology_params t;
  gp_topology_params_init (&t);
  t.kind = GP_TOPO_DIRECT_CONNECT;
  t.fabric_shape = GP_FABRIC_TORUS;
  t.accelerators = 4096;
  t.torus_x = t.torus_y = t.torus_z = 16;
  t.scaleup_links_per_accel = 7;
  t.scaleup_link_rate_gbps = 1600;
  t.scaleup_transceiver_cost_usd = 0;
  gp_topology_result r;
  gp_error err;
  if (gp_topology_eval (&t, &r, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpint (r.net.n_levels, ==, 3);
  g_assert_cmpint (r.net.level[0].group_size, ==, 16);
  g_assert_cmpint (r.net.level[1].group_size, ==, 256);
  /* 7 ports built per accelerator (priced), 6 wired (powered): 6 x 4,096 ends x 1.6 Tb/s x
   * 5.6 pJ/bit (the params' default energy) */
  g_assert_cmpint (r.level[0].transceivers, ==, 4096 * 7);
  g_assert_cmpint (r.fabric.link_ends, ==, 4096 * 6);
  /* a full x ring: 2 r = 3,200 Gb/s = 400 GB/s per rank */
  g_assert_cmpfloat_with_epsilon (r.net.level[0].bw_bytes_per_s, 400e9, 1.0);

  /* the same graph at half the rate (figures reused from the routed one): half the
   * bandwidth, the same hops */
  t.scaleup_link_rate_gbps = 800;
  gp_topology_result h;
  g_assert_cmpint (gp_topology_eval (&t, &h, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (h.net.level[0].bw_bytes_per_s, 200e9, 1.0);
  g_assert_cmpfloat_with_epsilon (h.level[2].links_avg, r.level[2].links_avg, 1e-12);
  g_assert_cmpfloat_with_epsilon (h.net.level[1].latency_s, r.net.level[1].latency_s, 1e-18);

  /* a circuit-switched glass fabric beyond its switch's ports is refused, naming it */
  t.kind = GP_TOPO_CIRCUIT_SWITCHED;
  t.scaleup_switch_radix = 136;
  g_assert_cmpint (gp_topology_eval (&t, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "scaleup_switch_radix");
}

/* Ports 4 -> 8 on a circuit fabric of 16 (per-job circuits, r = 800 Gb/s = 100 GB/s), plan
 * tp 4 x dp 4, worked by hand from the circuit choice's objective sum_k 1 / B_k (equal
 * weights): with 2 rings, own rings TP 1 + DP 1 give 1/(2r) + 1/(2r) = 1/r, two shared
 * rings give TP (stride 1, inner) r x 2 and DP (stride 4, outer) 2 r x 2 / 4 = r:
 * 1/(2r) + 1/r = 1.5/r, so own rings: TP and DP get 2 r = 200 GB/s. With 4 rings, own
 * (2, 2) give 2 x 1/(4r) = 0.5/r, (1, 3) 1/(2r) + 1/(6r) = 0.67/r, four shared rings TP
 * r x 4 and DP 2 r x 4 / 4: 1/(4r) + 1/(2r) = 0.75/r, so own (2, 2): TP and DP get
 * 4 r = 400 GB/s, twice. The step time of that plan (a step with TP
 * traffic) must then drop, and so the best plan's time over the whole search. */
static void
test_ports_4_to_8 (void)
{
  gp_fabric_params p;
  gp_fabric_params_init (&p);
  p.shape = GP_FABRIC_CIRCUIT;
  p.accelerators = 16, p.switch_ports = 16, p.port_rate_gbps = 800;
  p.circuit_mode = GP_CIRCUITS_PER_JOB;
  gp_fabric_plan plan = { .dp = 4, .tp = 4, .pp = 1, .cp = 1, .ep = 1 };
  double tp_bw[2], dp_bw[2];
  for (int i = 0; i < 2; i++)
    {
      p.ports_per_accel = i == 0 ? 4 : 8;
      gp_fabric *f = NULL;
      g_assert_cmpint (gp_fabric_new (&p, &f, NULL), ==, GP_OK);
      gp_fabric_placement pl;
      g_assert_cmpint (gp_fabric_place (f, &plan, &pl, NULL), ==, GP_OK);
      tp_bw[i] = pl.group[GP_FG_TP].bw_bytes_per_s;
      dp_bw[i] = pl.group[GP_FG_DP].bw_bytes_per_s;
      gp_fabric_free (f);
    }
  g_assert_cmpfloat_with_epsilon (tp_bw[0], 200e9, 1.0);
  g_assert_cmpfloat_with_epsilon (dp_bw[0], 200e9, 1.0);
  g_assert_cmpfloat_with_epsilon (tp_bw[1], 400e9, 1.0);
  g_assert_cmpfloat_with_epsilon (dp_bw[1], 400e9, 1.0);

  /* the step time through the per-plan hook, and the best plan's */
  gp_workload w;
  gp_workload_params_init (&w);
  w.layers = 8, w.hidden_size = 2048, w.heads = 16, w.kv_heads = 4, w.ffn_size = 8192;
  w.seq_len_tokens = 4096, w.vocab_size = 32000, w.batch_seqs = 32;
  gp_accel a;
  gp_accel_params_init (&a);
  double step[2], best[2];
  for (int i = 0; i < 2; i++)
    {
      gp_topology_params t;
      gp_topology_params_init (&t);
      t.kind = GP_TOPO_CIRCUIT_SWITCHED;
      t.accelerators = 16, t.node_accels = 4, t.scaleup_switch_radix = 16;
      t.scaleup_links_per_accel = i == 0 ? 4 : 8, t.scaleup_link_rate_gbps = 800;
      t.circuit_mode = GP_CIRCUITS_PER_JOB;
      gp_topology_result *tr = g_new0 (gp_topology_result, 1);
      g_assert_cmpint (gp_topology_eval (&t, tr, NULL), ==, GP_OK);
      gp_steptime_ctx ctx;
      g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &tr->net, &w, NULL), ==, GP_OK);
      ctx.plan_net = gp_fabric_plan_net_hook;
      ctx.plan_net_user = &t;
      gp_plan pl;
      gp_plan_params_init (&pl);
      pl.dp = 4, pl.tp = 4, pl.pp = 1, pl.cp = 1, pl.microbatch_seqs = 1;
      gp_steptime_result r;
      g_assert_cmpint (gp_steptime_eval_prepared (&ctx, &pl, &r, NULL), ==, GP_OK);
      step[i] = r.step_time_s;
      gp_search_params sp;
      gp_search_params_init (&sp);
      sp.n_accel = 16, sp.top_k = 1;
      gp_search_entry e;
      gp_search_result out;
      g_assert_cmpint (gp_search_run (&ctx, &sp, &e, &out, NULL, NULL, NULL), ==, GP_OK);
      best[i] = e.result.step_time_s;
      g_test_message ("ports %d: tp4 dp4 step %.6g s; best %.6g s (dp %ld tp %ld pp %ld cp %ld)",
                      (int) t.scaleup_links_per_accel, step[i], best[i], e.plan.dp, e.plan.tp,
                      e.plan.pp, e.plan.cp);
      g_free (tr);
    }
  g_assert_cmpfloat (step[1], <, step[0]);
  g_assert_cmpfloat (best[1], <, best[0]);
}


int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/fabric/torus-4x4-ring", test_torus_4x4_ring);
  g_test_add_func ("/models/fabric/hypercube-3", test_hypercube_3);
  g_test_add_func ("/models/fabric/full-mesh-8", test_full_mesh_8);
  g_test_add_func ("/models/fabric/multihop-fallback", test_multihop_fallback);
  g_test_add_func ("/models/fabric/circuit-choice", test_circuit_choice);
  g_test_add_func ("/models/fabric/cost", test_cost);
  g_test_add_func ("/models/fabric/failure", test_failure);
  g_test_add_func ("/models/fabric/bad-input", test_bad_input);
  g_test_add_func ("/models/fabric/topology-hook", test_topology_hook);
  g_test_add_func ("/models/fabric/ports-4-to-8", test_ports_4_to_8);
  return g_test_run ();
}
