/* test-topology.c: fat-tree switch and transceiver counts worked by hand, the four
 * topology kinds on small machines, the net levels handed to the step-time model, every
 * error path, and the presets. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "gp-models.h"
#include "gp-presets-link.h"
#include "gp-topology.h"

#define REL_OK(got, want, tol) \
  g_assert_cmpfloat (fabs ((double) (got) - (double) (want)), <=, (tol) * fabs ((double) (want)))

/* ---- Fat tree ---- */

static void
test_fat_tree_k4 (void)
{
  gp_fat_tree ft;
  gp_error err;
  /* k = 4, 16 hosts: two tiers hold k^2/2 = 8, so three tiers (k^3/4 = 16). Al-Fares et al.:
   * k pods of k/2 edge + k/2 aggregation switches = 16, plus (k/2)^2 = 4 core: 20 switches.
   * Links: 16 host links + 16 edge-agg + 16 agg-core = 48 (k^3/4 per layer); optics at both
   * ends of each: 96 transceivers. */
  g_assert_cmpint (gp_fat_tree_build (16, 4, 1.0, &ft, &err), ==, GP_OK);
  g_assert_cmpint (ft.tiers, ==, 3);
  g_assert_cmpint (ft.capacity, ==, 16);
  g_assert_cmpint (ft.switches[0], ==, 8);
  g_assert_cmpint (ft.switches[1], ==, 8);
  g_assert_cmpint (ft.switches[2], ==, 4);
  g_assert_cmpint (ft.switches_total, ==, 20);
  g_assert_cmpint (ft.links_total, ==, 48);
  g_assert_cmpint (ft.transceivers, ==, 96);
  g_assert_cmpint (ft.down_ports, ==, 2);
  g_assert_cmpint (ft.up_ports, ==, 2);
  /* Average switches crossed over the 15 other hosts of any host: 1 shares its edge switch
   * (1 switch), 2 more share its pod (3 switches), 12 are in other pods (5 switches):
   * (1 x 1 + 2 x 3 + 12 x 5) / 15 = 67/15. Worst: 5. */
  g_assert_cmpfloat_with_epsilon (ft.switches_avg, 67.0 / 15.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ft.switches_max, 5.0, 1e-15);

  /* 8 hosts fit two tiers: 4 leaves of 2 hosts, 8 uplinks on ceil(8/4) = 2 spines (3k/2 = 6
   * switches); 8 + 8 = 16 links. Pairs: 1 on the same leaf (1 switch), 6 across (3):
   * (1 + 18) / 7. */
  g_assert_cmpint (gp_fat_tree_build (8, 4, 1.0, &ft, NULL), ==, GP_OK);
  g_assert_cmpint (ft.tiers, ==, 2);
  g_assert_cmpint (ft.switches_total, ==, 6);
  g_assert_cmpint (ft.links_total, ==, 16);
  g_assert_cmpfloat_with_epsilon (ft.switches_avg, 19.0 / 7.0, 1e-12);

  /* 3 hosts: one switch, 3 links, 6 transceivers, 1 switch crossed. */
  g_assert_cmpint (gp_fat_tree_build (3, 4, 1.0, &ft, NULL), ==, GP_OK);
  g_assert_cmpint (ft.tiers, ==, 1);
  g_assert_cmpint (ft.switches_total, ==, 1);
  g_assert_cmpint (ft.transceivers, ==, 6);
  g_assert_cmpfloat_with_epsilon (ft.switches_avg, 1.0, 1e-15);
}

static void
test_fat_tree_sizes (void)
{
  gp_fat_tree ft;
  /* k = 64, 1,024 hosts: two tiers hold 32 x 64 = 2,048. 1024/32 = 32 leaves with 32
   * uplinks each = 1,024 uplinks on 1024/64 = 16 spines: 48 switches, 2,048 links. */
  g_assert_cmpint (gp_fat_tree_build (1024, 64, 1.0, &ft, NULL), ==, GP_OK);
  g_assert_cmpint (ft.tiers, ==, 2);
  g_assert_cmpint (ft.switches[0], ==, 32);
  g_assert_cmpint (ft.switches[1], ==, 16);
  g_assert_cmpint (ft.links_total, ==, 2048);
  g_assert_cmpint (ft.transceivers, ==, 4096);

  /* k = 64, full three tiers: 64^3/4 = 65,536 hosts on 5 x 64^2/4 = 5,120 switches. */
  g_assert_cmpint (gp_fat_tree_build (65536, 64, 1.0, &ft, NULL), ==, GP_OK);
  g_assert_cmpint (ft.tiers, ==, 3);
  g_assert_cmpint (ft.switches_total, ==, 5120);
  g_assert_cmpint (ft.links_total, ==, 3 * 65536);

  /* 3:1 oversubscription, k = 4: leaves have floor(4 x 3/4) = 3 ports down and 1 up; two
   * tiers hold 3 x 4 = 12 hosts. 12 hosts: 4 leaves, 4 uplinks on one spine: 5 switches
   * (non-blocking would need 3 tiers: 12 > 8). */
  g_assert_cmpint (gp_fat_tree_build (12, 4, 3.0, &ft, NULL), ==, GP_OK);
  g_assert_cmpint (ft.tiers, ==, 2);
  g_assert_cmpint (ft.down_ports, ==, 3);
  g_assert_cmpint (ft.up_ports, ==, 1);
  g_assert_cmpfloat_with_epsilon (ft.oversubscription, 3.0, 1e-15);
  g_assert_cmpint (ft.switches_total, ==, 5);
  g_assert_cmpint (ft.links_total, ==, 16);

  /* k = 64 at 3:1: 48 down, 16 up per leaf; 1,024 hosts on ceil(1024/48) = 22 leaves,
   * 352 uplinks on ceil(352/64) = 6 spines. The upper tier shrinks from 16 to 6. */
  g_assert_cmpint (gp_fat_tree_build (1024, 64, 3.0, &ft, NULL), ==, GP_OK);
  g_assert_cmpint (ft.switches[0], ==, 22);
  g_assert_cmpint (ft.switches[1], ==, 6);
  g_assert_cmpint (ft.links_total, ==, 1024 + 352);
}

static void
test_fat_tree_errors (void)
{
  gp_fat_tree ft;
  gp_error err;
  g_assert_cmpint (gp_fat_tree_build (0, 4, 1.0, &ft, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "hosts");
  g_assert_cmpint (gp_fat_tree_build (16, 5, 1.0, &ft, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "scaleout_switch_radix");
  g_assert_nonnull (strstr (err.message, "scaleout_switch_radix = 5"));
  g_assert_cmpint (gp_fat_tree_build (16, 2, 1.0, &ft, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "scaleout_switch_radix");
  g_assert_cmpint (gp_fat_tree_build (16, 4, 0.5, &ft, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "scaleout_oversubscription");
  g_assert_cmpint (gp_fat_tree_build (16, 4, NAN, &ft, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "scaleout_oversubscription");
  /* k = 4 holds at most 2 x 4 x 2^3 = 64 hosts in five tiers. */
  g_assert_cmpint (gp_fat_tree_build (64, 4, 1.0, &ft, NULL), ==, GP_OK);
  g_assert_cmpint (ft.tiers, ==, 5);
  g_assert_cmpint (gp_fat_tree_build (65, 4, 1.0, &ft, &err), ==, GP_EINFEASIBLE);
  g_assert_cmpstr (err.param, ==, "hosts");
}

/* ---- Kinds ---- */

/* Two DGX H100 (16 GPUs) with the default (dgx-h100-ndr) parameters. */
static void
test_dgx_two_nodes (void)
{
  gp_topology_params p;
  gp_topology_params_init (&p);
  p.accelerators = 16;
  gp_topology_result r;
  gp_error err;
  g_assert_cmpint (gp_topology_eval (&p, &r, &err), ==, GP_OK);
  g_assert_cmpint (r.n_levels, ==, 2);

  const gp_topology_level *su = &r.level[0], *so = &r.level[1];
  /* Scale-up: 18 links x 200 Gb/s = 3,600 Gb/s = 450 GB/s (H100 NVLink4: 900 GB/s both ways). */
  g_assert_cmpint (su->group_size, ==, 8);
  g_assert_cmpfloat_with_epsilon (su->bw_gbps, 3600.0, 1e-9);
  g_assert_cmpint (su->switches, ==, 8);          /* 2 nodes x 4 NVSwitch */
  g_assert_cmpint (su->transceivers, ==, 576);    /* 2 ends x 16 GPUs x 18 links */
  /* Power: 576 x 200 Gb/s x 5.5 pJ/bit = 633.6 W, + 8 x 90 W = 1,353.6 W. */
  g_assert_cmpfloat_with_epsilon (su->power_w, 1353.6, 1e-9);
  /* Energy on the path GPU-switch-GPU: 2 x 5.5 + 90 W / (64 x 200 Gb/s) = 11 + 7.03125. */
  g_assert_cmpfloat_with_epsilon (su->energy_pj_per_bit, 18.03125, 1e-9);
  /* Latency: 700 + 2 x 20 + 100 = 840 ns. */
  g_assert_cmpfloat_with_epsilon (su->latency_s, 840e-9, 1e-18);
  g_assert_cmpfloat_with_epsilon (su->cost_usd, 16000.0, 1e-9); /* 8 x 2,000 */

  /* Scale-out: 16 NIC ports on one 64-port switch. */
  g_assert_cmpint (so->group_size, ==, 16);
  g_assert_cmpint (r.fat_tree.tiers, ==, 1);
  g_assert_cmpfloat_with_epsilon (so->bw_gbps, 400.0, 1e-9);     /* 8 x 400 / 8 */
  g_assert_cmpint (so->switches, ==, 1);
  g_assert_cmpint (so->transceivers, ==, 32);
  /* 32 x 400 x 18.75 pJ = 240 W + 750 W. */
  g_assert_cmpfloat_with_epsilon (so->power_w, 990.0, 1e-9);
  /* 2 links x 18.75 + 750 / (64 x 400) x 1e3 = 37.5 + 29.296875. */
  g_assert_cmpfloat_with_epsilon (so->energy_pj_per_bit, 66.796875, 1e-9);
  /* 1000 + 2 x 150 + 130 = 1,430 ns. */
  g_assert_cmpfloat_with_epsilon (so->latency_s, 1430e-9, 1e-18);
  /* 32 x 700 + 16 x 100 + 25,000 = 49,000 USD. */
  g_assert_cmpfloat_with_epsilon (so->cost_usd, 49000.0, 1e-9);

  g_assert_cmpfloat_with_epsilon (r.power_w, 2343.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.cost_usd, 65000.0, 1e-9);
  g_assert_cmpint (r.switches, ==, 9);

  /* Net levels for the step-time model: B/s one direction. */
  g_assert_cmpint (r.net.n_levels, ==, 2);
  g_assert_cmpint (r.net.level[0].group_size, ==, 8);
  g_assert_cmpfloat_with_epsilon (r.net.level[0].bw_bytes_per_s, 450e9, 1e-3);
  g_assert_cmpint (r.net.level[1].group_size, ==, 16);
  g_assert_cmpfloat_with_epsilon (r.net.level[1].bw_bytes_per_s, 50e9, 1e-3);
  g_assert_cmpfloat_with_epsilon (r.net.level[1].latency_s, 1430e-9, 1e-18);
  g_assert_cmpfloat_with_epsilon (r.net.level[1].energy_pj_per_bit, 66.796875, 1e-9);
}

static void
test_dgx_three_tiers (void)
{
  /* 64 GPUs (8 nodes x 8 ports = 64 hosts) on radix-8 switches: two tiers hold 4 x 8 = 32,
   * three hold 128. 16 edge, 64/4 = 16 aggregation, 64/8 = 8 core = 40 switches (half of
   * the full 5 x 8^2/4 = 80); 3 x 64 = 192 links. Average switches: of 63 others, 3 share
   * the edge (1), 12 more the pod of 16 (3), 48 elsewhere (5): (3 + 36 + 240)/63. */
  gp_topology_params p;
  gp_topology_params_init (&p);
  p.accelerators = 64;
  p.scaleout_switch_radix = 8;
  gp_topology_result r;
  g_assert_cmpint (gp_topology_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpint (r.fat_tree.tiers, ==, 3);
  g_assert_cmpint (r.level[1].switches, ==, 40);
  g_assert_cmpint (r.level[1].cables, ==, 192);
  g_assert_cmpint (r.level[1].transceivers, ==, 384);
  g_assert_cmpfloat_with_epsilon (r.level[1].switches_avg, 279.0 / 63.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.level[1].links_max, 6.0, 1e-15);

  /* 3:1 oversubscribed: per-accelerator bisection is a third of the injection. */
  p.scaleout_oversubscription = 3;
  g_assert_cmpint (gp_topology_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.level[1].bisection_gbps, 400.0 / 3.0, 1e-9);
}

static void
optical_fabric (gp_topology_params *p, long n, int mode)
{
  gp_topology_params_init (p);
  p->kind = GP_TOPO_OPTICAL_FABRIC;
  p->fabric_mode = mode;
  p->accelerators = n;
  p->scaleup_links_per_accel = 8;
  p->scaleup_link_rate_gbps = 256;
  p->scaleup_energy_pj_per_bit = 2.92;
  p->scaleup_endpoint_latency_ns = 200;
  p->scaleup_link_latency_ns = 20;
  p->scaleup_hop_latency_ns = 0;
  p->scaleup_transceiver_cost_usd = 100;
  p->scaleup_cable_cost_usd = 5;
  p->scaleup_switch_radix = 136;
  p->scaleup_switch_power_w = 100;
  p->scaleup_switch_cost_usd = 50000;
}

static void
test_optical_fabric (void)
{
  gp_topology_params p;
  gp_topology_result r;
  gp_error err;

  /* Passive, 4,096 accelerators x 8 ports x 256 Gb/s: 2,048 Gb/s each, one hop.
   * Power: 32,768 ends x 256 Gb/s x 2.92 pJ/bit = 24,494.735 W (injected bandwidth x
   * energy per bit, no switch). Bisection: 4096/2 x 2,048 Gb/s = 4,194.304 Tb/s. */
  optical_fabric (&p, 4096, GP_FABRIC_PASSIVE);
  g_assert_cmpint (gp_topology_eval (&p, &r, &err), ==, GP_OK);
  g_assert_cmpint (r.n_levels, ==, 1);
  g_assert_cmpint (r.level[0].group_size, ==, 4096);
  g_assert_cmpfloat_with_epsilon (r.level[0].bw_gbps, 2048.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.level[0].links_avg, 1.0, 1e-15);
  g_assert_cmpint (r.switches, ==, 0);
  g_assert_cmpint (r.transceivers, ==, 32768);
  REL_OK (r.power_w, 24494.73536, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.level[0].energy_pj_per_bit, 2.92, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.level[0].latency_s, 220e-9, 1e-18);
  REL_OK (r.bisection_tbps, 4194.304, 1e-12);
  /* 32,768 x 100 + 32,768 x 5 USD. */
  REL_OK (r.cost_usd, 32768.0 * 105.0, 1e-12);

  /* Circuit-switched, 128 accelerators on 8 planes of 136-port OCS: 8 switches, 800 W.
   * Energy: 2.92 + 100 W / (136 x 256 Gb/s) x 1e3 = 2.92 + 2.8722426 pJ/bit. */
  optical_fabric (&p, 128, GP_FABRIC_CIRCUIT_SWITCHED);
  g_assert_cmpint (gp_topology_eval (&p, &r, &err), ==, GP_OK);
  g_assert_cmpint (r.switches, ==, 8);
  REL_OK (r.power_w, 1024.0 * 256.0 * 2.92e-3 + 800.0, 1e-12);
  REL_OK (r.level[0].energy_pj_per_bit, 2.92 + 100.0 / (136.0 * 256.0) * 1e3, 1e-12);

  /* 200 accelerators cannot all sit on a 136-port OCS: one hop is impossible. */
  optical_fabric (&p, 200, GP_FABRIC_CIRCUIT_SWITCHED);
  g_assert_cmpint (gp_topology_eval (&p, &r, &err), ==, GP_EINFEASIBLE);
  g_assert_cmpstr (err.param, ==, "scaleup_switch_radix");
  g_assert_nonnull (strstr (err.message, "136"));
}

static void
torus (gp_topology_params *p, long x, long y, long z)
{
  gp_topology_params_init (p);
  p->kind = GP_TOPO_TORUS;
  p->accelerators = x * y * z;
  p->torus_x = x;
  p->torus_y = y;
  p->torus_z = z;
  p->scaleup_link_rate_gbps = 400;
  p->scaleup_energy_pj_per_bit = 5;
  p->scaleup_endpoint_latency_ns = 500;
  p->scaleup_link_latency_ns = 50;
  p->scaleup_hop_latency_ns = 100;
  p->scaleup_transceiver_cost_usd = 10;
  p->scaleup_cable_cost_usd = 1;
}

static void
test_torus (void)
{
  gp_topology_params p;
  gp_topology_result r;

  /* 4 x 4 x 4: 6 ports x 400 = 2,400 Gb/s. Ring of 4: distances 0,1,2,1, mean 1 per dim;
   * over the 63 others: 3 x 64/63. Diameter 2+2+2 = 6. Bisection per accelerator 4 x 400/4. */
  torus (&p, 4, 4, 4);
  g_assert_cmpint (gp_topology_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.level[0].bw_gbps, 2400.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.level[0].links_avg, 3.0 * 64.0 / 63.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.level[0].links_max, 6.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (r.level[0].bisection_gbps, 400.0, 1e-9);
  g_assert_cmpint (r.transceivers, ==, 384);   /* 64 x 6 */
  g_assert_cmpint (r.cables, ==, 192);
  g_assert_cmpint (r.switches, ==, 0);
  /* 384 x 400 x 5 pJ = 768 W. */
  g_assert_cmpfloat_with_epsilon (r.power_w, 768.0, 1e-9);
  /* Average path: 500 + h x 50 + (h - 1) x 100 with h = 64/21; energy h x 5 pJ/bit. */
  double h = 64.0 / 21.0;
  g_assert_cmpfloat_with_epsilon (r.level[0].latency_s, 1e-9 * (500 + h * 50 + (h - 1) * 100),
                                  1e-18);
  g_assert_cmpfloat_with_epsilon (r.level[0].energy_pj_per_bit, 5 * h, 1e-12);

  /* 3 x 3 2D torus: from any node 4 at distance 1 and 4 at distance 2: 12/8 = 1.5 hops;
   * closed form 2 x (9 - 1)/12 x 9/8 = 1.5. Diameter 2. */
  torus (&p, 3, 3, 1);
  g_assert_cmpint (gp_topology_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.level[0].links_avg, 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.level[0].links_max, 2.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (r.level[0].bw_gbps, 1600.0, 1e-9);
  g_assert_cmpstr (r.level[0].name, ==, "2D torus");

  /* 16^3 = 4,096 (TPU v4 pod shape): mean 3 x 4 x 4096/4095 hops, diameter 24. */
  torus (&p, 16, 16, 16);
  g_assert_cmpint (gp_topology_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.level[0].links_avg, 12.0 * 4096.0 / 4095.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.level[0].links_max, 24.0, 1e-15);

  gp_error err;
  torus (&p, 1, 1, 1);
  g_assert_cmpint (gp_topology_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "torus_x");

  torus (&p, 4, 4, 4);
  p.accelerators = 60;
  g_assert_cmpint (gp_topology_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "torus_x");
  g_assert_nonnull (strstr (err.message, "accelerators = 60"));
}

static void
test_wafer_scale (void)
{
  /* 4 CS-3-like systems with 12 x 100 GbE (1.2 Tb/s, brief sec. 4) on one 128-port switch:
   * 48 hosts, 1 tier. Per system 1,200 Gb/s = 150 GB/s. On-wafer level costs nothing here. */
  gp_topology_params p;
  gp_topology_params_init (&p);
  p.kind = GP_TOPO_WAFER_SCALE;
  p.accelerators = 4;
  p.scaleup_links_per_accel = 1;
  p.scaleup_link_rate_gbps = 214e6;
  p.scaleup_energy_pj_per_bit = 0.1;
  p.scaleout_ports_per_node = 12;
  p.scaleout_port_rate_gbps = 100;
  p.scaleout_energy_pj_per_bit = 35;
  p.scaleout_switch_radix = 128;
  p.scaleout_switch_power_w = 500;
  gp_topology_result r;
  g_assert_cmpint (gp_topology_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpint (r.n_levels, ==, 2);
  g_assert_cmpint (r.level[0].group_size, ==, 1);
  g_assert_cmpfloat_with_epsilon (r.level[0].power_w, 0.0, 1e-15);
  g_assert_cmpint (r.level[1].group_size, ==, 4);
  g_assert_cmpint (r.fat_tree.hosts, ==, 48);
  g_assert_cmpfloat_with_epsilon (r.net.level[1].bw_bytes_per_s, 150e9, 1e-3);
  /* 96 ends x 100 Gb/s x 35 pJ = 336 W + 500 W. */
  g_assert_cmpfloat_with_epsilon (r.power_w, 836.0, 1e-9);
}

static void
expect_topo_error (void (*mutate) (gp_topology_params *), const char *param)
{
  gp_topology_params p;
  gp_topology_params_init (&p);
  mutate (&p);
  gp_topology_result r;
  gp_error err;
  g_assert_cmpint (gp_topology_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, param);
  g_assert_nonnull (strstr (err.message, param));
}

static void m_accels_zero (gp_topology_params *p) { p->accelerators = 0; }
static void m_node_mismatch (gp_topology_params *p) { p->accelerators = 1020; }
static void m_node_zero (gp_topology_params *p) { p->node_accels = 0; }
static void m_rate_nan (gp_topology_params *p) { p->scaleup_link_rate_gbps = NAN; }
static void m_so_rate_zero (gp_topology_params *p) { p->scaleout_port_rate_gbps = 0; }
static void m_energy_neg (gp_topology_params *p) { p->scaleout_energy_pj_per_bit = -1; }
static void m_oversub (gp_topology_params *p) { p->scaleout_oversubscription = 0.5; }
static void m_radix_odd (gp_topology_params *p) { p->scaleout_switch_radix = 63; }
static void m_radix_small (gp_topology_params *p) { p->scaleout_switch_radix = 2; }
static void m_kind_bad (gp_topology_params *p) { p->kind = 9; }
static void m_mode_bad (gp_topology_params *p) { p->fabric_mode = 5; }
static void m_links_zero (gp_topology_params *p) { p->scaleup_links_per_accel = 0; }
static void m_cost_inf (gp_topology_params *p) { p->scaleout_switch_cost_usd = INFINITY; }
static void m_torus_zero (gp_topology_params *p) { p->torus_z = 0; }

static void
test_errors (void)
{
  expect_topo_error (m_accels_zero, "accelerators");
  expect_topo_error (m_node_mismatch, "node_accels");
  expect_topo_error (m_node_zero, "node_accels");
  expect_topo_error (m_rate_nan, "scaleup_link_rate_gbps");
  expect_topo_error (m_so_rate_zero, "scaleout_port_rate_gbps");
  expect_topo_error (m_energy_neg, "scaleout_energy_pj_per_bit");
  expect_topo_error (m_oversub, "scaleout_oversubscription");
  expect_topo_error (m_radix_odd, "scaleout_switch_radix");
  expect_topo_error (m_radix_small, "scaleout_switch_radix");
  expect_topo_error (m_kind_bad, "kind");
  expect_topo_error (m_mode_bad, "fabric_mode");
  expect_topo_error (m_links_zero, "scaleup_links_per_accel");
  expect_topo_error (m_cost_inf, "scaleout_switch_cost_usd");
  expect_topo_error (m_torus_zero, "torus_z");
}

/* ---- Presets ---- */

static void
load_topologies (gp_topology_params **t, size_t *n)
{
  gp_error err;
  if (gp_topologies_load (NULL, t, n, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpuint (*n, >=, 5);
}

static void
test_presets (void)
{
  gp_topology_params *t;
  size_t n;
  load_topologies (&t, &n);
  gp_topology_params def;
  gp_topology_params_init (&def);
  bool found_default = false;
  for (size_t i = 0; i < n; i++)
    {
      gp_topology_result r;
      gp_error err;
      if (gp_topology_eval (&t[i], &r, &err) != GP_OK)
        g_error ("%s: %s", t[i].name, err.message);
      g_assert_cmpint (r.net.n_levels, >=, 1);
      for (int j = 0; j < r.net.n_levels; j++)
        {
          g_assert_cmpfloat (r.net.level[j].bw_bytes_per_s, >, 0.0);
          g_assert_true (isfinite (r.net.level[j].latency_s));
          if (j > 0)
            g_assert_cmpint (r.net.level[j].group_size, >=, r.net.level[j - 1].group_size);
        }
      g_assert_cmpint (r.net.level[r.net.n_levels - 1].group_size, ==, t[i].accelerators);

      if (strcmp (t[i].name, def.name) == 0)
        {
          found_default = true;
          for (size_t k = 0; k < gp_topology_param_table.n_params; k++)
            {
              const gp_param *prm = &gp_topology_param_table.params[k];
              if (prm->type != GP_PARAM_STRING
                  && gp_param_get (prm, &def) != gp_param_get (prm, &t[i]))
                g_error ("gp_topology_params_init and %s differ in %s", def.name, prm->name);
            }
          /* 128 DGX: 1,024 NIC ports on k = 64, two tiers: 32 leaves + 16 spines. */
          g_assert_cmpint (r.fat_tree.switches_total, ==, 48);
        }
    }
  g_assert_true (found_default);
  free (t);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/topology/fat-tree-k4", test_fat_tree_k4);
  g_test_add_func ("/models/topology/fat-tree-sizes", test_fat_tree_sizes);
  g_test_add_func ("/models/topology/fat-tree-errors", test_fat_tree_errors);
  g_test_add_func ("/models/topology/dgx-two-nodes", test_dgx_two_nodes);
  g_test_add_func ("/models/topology/dgx-three-tiers", test_dgx_three_tiers);
  g_test_add_func ("/models/topology/optical-fabric", test_optical_fabric);
  g_test_add_func ("/models/topology/torus", test_torus);
  g_test_add_func ("/models/topology/wafer-scale", test_wafer_scale);
  g_test_add_func ("/models/topology/errors", test_errors);
  g_test_add_func ("/models/topology/presets", test_presets);
  return g_test_run ();
}
