/* test-failure.c: failure rates, Young/Daly intervals and goodput worked by hand, and the
 * Llama 3 defaults reproducing the published interruption count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "gp-failure.h"
#include "gp-models.h"
#include "gp-presets.h"
#include "gp-test-util.h"


/* One component failing at 0.36/h: M = 3600/0.36 = 10,000 s. Checkpoint 50 GB at 1 GB/s:
 * delta = 50 s; restart 100 s + 50 s read: R = 150 s. */
static void
simple (gp_failure_params *p)
{
  gp_failure_params_init (p);
  p->n_accel = 1, p->accel_per_node = 1, p->mem_stacks_per_accel = 0, p->links_per_accel = 0;
  p->dies_per_accel = 0, p->logic_area_mm2 = 1, p->area_failures_per_hour_mm2 = 0.36;
  p->spare_share = 0, p->checkpoint_overhead = 0, p->checkpoint_writers = 0;
  p->mem_failures_per_hour = 0, p->link_failures_per_hour = 0, p->node_failures_per_hour = 0;
  p->blast_radius_accel = 1, p->spare_accel = 0, p->repair_hours = 0;
  p->checkpoint_gb = 50, p->storage_write_gb_per_s = 1, p->storage_read_gb_per_s = 1;
  p->restart_s = 100, p->checkpoint_interval_s = 0;
}

static void
test_young_daly (void)
{
  gp_failure_params p;
  gp_failure_result r;
  gp_error err;
  simple (&p);
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.mtbf_s, 10000, 1e-12);
  REL (r.checkpoint_write_s, 50, 1e-12);
  REL (r.restart_total_s, 150, 1e-12);
  /* Young: sqrt(2 x 50 x 10,000) = 1,000 s. Daly: x = delta/(2M) = 0.0025,
   * 1000 (1 + 0.05/3 + 0.0025/9) - 50 = 1016.9444 - 50 = 966.9444 s. */
  REL (r.interval_young_s, 1000, 1e-12);
  REL (r.interval_daly_s, 966.94444444444, 1e-12);
  REL (r.interval_used_s, r.interval_daly_s, 0);
  /* Goodput: T_wall/T_s = M e^{R/M} (e^{(tau+delta)/M} - 1)/tau
   *   = 10,000 x e^0.015 x (e^0.101694 - 1) / 966.944 = 10,000 x 1.0151131 x 0.1070453
   *     / 966.944 = 1.1237764; goodput 0.8898567. */
  REL (r.goodput, 0.88985672081, 1e-9);
  /* With failures 1,000 times rarer, goodput tends to tau/(tau + delta) at the Young
   * interval: M = 1e7 s, tau ~ sqrt(2 x 50 x 1e7) = 31,623 s, 1 - 50/31,673 - ... > 0.99. */
  p.area_failures_per_hour_mm2 = 0.00036;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat (r.goodput, >, 0.99);
  /* A fixed interval is used as given. */
  simple (&p);
  p.checkpoint_interval_s = 1000;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.interval_used_s, 1000, 0);
  /* Daly's optimum maximises goodput: 1,000 s (Young) does a little worse. */
  double g_young = r.goodput;
  p.checkpoint_interval_s = 0;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat (r.goodput, >=, g_young);
  /* Effective time: 1e6 s of failure-free work takes 1e6 / 0.8898567 = 1,123,776.4 s and
   * sees 112.38 failures on average. */
  double wall, nfail;
  g_assert_cmpint (gp_failure_effective_time (&r, 1e6, &wall, &nfail, &err), ==, GP_OK);
  REL (wall, 1e6 / 0.88985672081, 1e-9);
  REL (nfail, wall / 10000, 1e-12);
  /* delta >= 2M: Daly's interval is M. */
  p.checkpoint_gb = 30000; /* 30,000 s >= 20,000 s */
  p.storage_read_gb_per_s = 1e6; /* keeps the goodput above 1%: e^0.01 (e^4 - 1) = 54 */
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.interval_daly_s, 10000, 1e-12);
}

static void
test_spares (void)
{
  gp_failure_params p;
  gp_failure_result r;
  gp_error err;
  simple (&p);
  /* Repair 10 h: K ~ Poisson(0.36 x 10 = 3.6) failures in repair. 4 spares of blast 1
   * absorb this one if K <= 3: P(wait) = 1 - e^-3.6 (1 + 3.6 + 6.48 + 7.776)
   *   = 1 - 0.0273237 x 18.856 = 0.4847839; R = 150 + 0.4847839 x 36,000 s. */
  p.repair_hours = 10, p.spare_accel = 4;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.spare_wait_probability, 0.48478388953, 1e-9);
  REL (r.restart_total_s, 150 + 0.48478388953 * 36000, 1e-9);
  /* Mean units in repair 3.6 of a job of 1: repair_out_fraction 3.6 (the machine would need
   * spares to keep running: reported, not clipped). */
  REL (r.repair_out_fraction, 3.6, 1e-12);
  /* No spares: every restart waits a repair. */
  p.spare_accel = 0;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.spare_wait_probability, 1, 0);
  /* A blast radius larger than the spare pool: waits too (rates a tenth, so that 8 units
   * waiting 10 h per failure still finish: goodput ~5%, above the 1% floor). */
  p.spare_accel = 4, p.blast_radius_accel = 8, p.n_accel = 8;
  p.area_failures_per_hour_mm2 = 0.036;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.spare_wait_probability, 1, 0);
  REL (r.machine_share_per_failure, 1, 1e-12);
  /* The pool as a share: ceil(0.05 x 80) = 4 spares, as the count of 4 above. */
  simple (&p);
  p.repair_hours = 10, p.n_accel = 80, p.spare_share = 0.05;
  p.area_failures_per_hour_mm2 = 0.0045; /* 0.36/h over the 80 */
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.spares, 4, 0);
  /* A count > 0 overrides the share. */
  p.spare_accel = 7;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.spares, 7, 0);
}

/* A wafer region mapped out onto spare cores at the restart: the job restarts but nothing
 * goes to repair. simple() with no spares and a 10 h repair waits at every restart, R =
 * 150 + 36,000 s; with every on-die failure remapped R = 150 s again and the goodput is
 * test_young_daly's 0.8898567; with half remapped, half the restarts wait: R = 150 +
 * 18,000 s. */
static void
test_region_remap (void)
{
  gp_failure_params p;
  gp_failure_result r;
  gp_error err;
  simple (&p);
  p.repair_hours = 10;
  p.area_failures_per_hour_mm2 = 0.036; /* M = 100,000 s, so waiting 10 h still finishes */
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.spare_wait_probability, 1, 0);
  REL (r.restart_total_s, 150 + 36000, 1e-12);
  p.region_remap_share = 0.5;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.spare_wait_probability, 0.5, 1e-12);
  REL (r.restart_total_s, 150 + 18000, 1e-12);
  REL (r.accel_lost_per_failure, 0.5, 1e-12);
  simple (&p);
  p.repair_hours = 10, p.region_remap_share = 1;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.restart_total_s, 150, 1e-12);
  REL (r.accel_lost_per_failure, 0, 0);
  REL (r.goodput, 0.88985672081, 1e-9);
  p.region_remap_share = 1.5;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "region_remap_share");
}

/* Each part is charged for what it has: a quarter-H100 Lite-GPU (203.5 mm2, 1 die, 1 HBM
 * stack, 1 link) fails at 203.5 x 9.662002e-9 + 8.00615e-7 + 6.78168e-7 + 1.64833e-6
 * = 1.96622e-6 + 3.12711e-6 = 5.09333e-6 per hour, against the H100's
 * 814 x 9.662002e-9 + 8.00615e-7 + 5 x 6.78168e-7 + 1.64833e-6 = 1.37046e-5 (Meta 2024
 * Table 5 rates, data/failures.lua). */
static void
test_per_part (void)
{
  gp_failure_params p;
  gp_failure_result r;
  gp_error err;
  gp_failure_params_init (&p);
  p.n_accel = 1, p.accel_per_node = 1, p.node_failures_per_hour = 0;
  p.logic_area_mm2 = 203.5, p.mem_stacks_per_accel = 1, p.links_per_accel = 1;
  p.blast_radius_accel = 1;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  double lite = 203.5 * 167.0 / (21233664.0 * 814.0) + 17.0 / 21233664.0
                + 72.0 / (21233664.0 * 5.0) + 35.0 / 21233664.0;
  REL (r.failures_per_hour, lite, 1e-12);
  REL (r.failures_per_hour, 5.09333e-6, 1e-4);
  p.logic_area_mm2 = 814, p.mem_stacks_per_accel = 5;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.failures_per_hour, 1.37046e-5, 1e-4);
  /* A slow writer set binds the checkpoint: 5,726.7 GB over 16 writers x 6.25 GB/s
   * = 100 GB/s (below the 2,000 GB/s store) = 57.267 s. */
  p.checkpoint_writers = 16;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.checkpoint_write_s, 57.267, 1e-9);
}

static void
test_llama3 (void)
{
  gp_failure_params p;
  gp_failure_result r;
  gp_error err;
  gp_failure_params_init (&p);
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  /* The derived rates reproduce the published count: 0.3233025 failures/h x 54 d x 24 h
   * = 419 (Meta 2024, sec. 3.3.4). By kind: GPU 184, HBM 72, link 35, node 128 per 1,296 h. */
  REL (r.failures_per_hour * 54 * 24, 419, 1e-9);
  REL (r.rate_per_hour[GP_FAIL_ACCEL] * 1296, 184, 1e-9);
  REL (r.rate_per_hour[GP_FAIL_MEM] * 1296, 72, 1e-9);
  REL (r.rate_per_hour[GP_FAIL_LINK] * 1296, 35, 1e-9);
  REL (r.rate_per_hour[GP_FAIL_NODE] * 1296, 128, 1e-9);
  /* M = 3600 / 0.3233025 = 11,135.08 s (one every ~3.1 h, as reported "about every three
   * hours"); delta = 5,670 GB x 1.01 / 2,000 GB/s = 2.86335 s; Young
   * sqrt(2 x 2.86335 x 11,135.08) = 252.522 s. Blast: a node of 8 of 16,384 = 0.000488.
   * Spares: ceil(0.015625 x 16,384) = 256. */
  REL (r.mtbf_s, 11135.0835322, 1e-9);
  REL (r.checkpoint_write_s, 2.86335, 1e-12);
  REL (r.interval_young_s, 252.52184631, 1e-9);
  REL (r.spares, 256, 0);
  REL (r.machine_share_per_failure, 8.0 / 16384.0, 1e-12);
  /* Meta reports > 90% effective training time; with a 10-minute restart the model gives
   * about 1 - 10.5 min / 185.6 min ~ 0.93. */
  g_assert_cmpfloat (r.goodput, >, 0.9);
  g_assert_cmpfloat (r.goodput, <, 0.96);
}

static void
init_failure (void *elem)
{
  gp_failure_params_init (elem);
}

static void
test_preset (void)
{
  char path[4096];
  gp_failure_params *arr = NULL;
  size_t n = 0;
  gp_error err;
  gp_data_path (path, sizeof path, "failures.lua");
  if (gp_preset_list_load (path, "failures", &gp_failure_param_table, sizeof *arr,
                           init_failure, (void **) &arr, &n, &err) != GP_OK)
    g_error ("failures.lua: %s", err.message);
  g_assert_cmpuint (n, >=, 1);
  for (size_t i = 0; i < n; i++)
    {
      gp_failure_result r;
      if (gp_failure_eval (&arr[i], &r, &err) != GP_OK)
        g_error ("%s: %s", arr[i].name, err.message);
    }
  /* The data file's rates are the init's derivation (rounded to 7 digits). */
  gp_failure_params d;
  gp_failure_params_init (&d);
  g_assert_cmpstr (arr[0].name, ==, d.name);
  REL (arr[0].area_failures_per_hour_mm2, d.area_failures_per_hour_mm2, 1e-6);
  REL (arr[0].die_failures_per_hour, d.die_failures_per_hour, 1e-6);
  REL (arr[0].spare_share, d.spare_share, 0);
  REL (arr[0].mem_failures_per_hour, d.mem_failures_per_hour, 1e-6);
  REL (arr[0].link_failures_per_hour, d.link_failures_per_hour, 1e-6);
  REL (arr[0].node_failures_per_hour, d.node_failures_per_hour, 1e-6);
  REL (arr[0].checkpoint_gb, d.checkpoint_gb, 1e-12);
  g_assert_cmpint (arr[0].blast_radius_accel, ==, d.blast_radius_accel);
  free (arr);
}

static void
test_errors (void)
{
  gp_failure_params p;
  gp_failure_result r;
  gp_error err;
  simple (&p);
  p.area_failures_per_hour_mm2 = 0;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "area_failures_per_hour_mm2");
  simple (&p);
  p.area_failures_per_hour_mm2 = NAN;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "area_failures_per_hour_mm2");
  /* The spare share is a share of the machine: [0, 1). */
  simple (&p);
  p.spare_share = 1;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "spare_share");
  simple (&p);
  p.spare_share = -0.1;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "spare_share");
  simple (&p);
  p.storage_write_gb_per_s = 0;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "storage_write_gb_per_s");
  g_assert_nonnull (strstr (err.message, "storage_write_gb_per_s = 0 is out of range"));
  simple (&p);
  p.n_accel = 0;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n_accel");
  simple (&p);
  p.blast_radius_accel = 0;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "blast_radius_accel");
  simple (&p);
  p.restart_s = -1;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "restart_s");
  simple (&p);
  p.checkpoint_gb = 0; /* no checkpoint cost: no optimum interval */
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_ERANGE);
  g_assert_cmpstr (err.param, ==, "checkpoint_gb");
  simple (&p);
  p.area_failures_per_hour_mm2 = 1; /* M = 3,600 s against R = 1e7 s: never finishes */
  p.restart_s = 1e7;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_ERANGE);
  g_assert_cmpstr (err.param, ==, "n_accel");
  g_assert_nonnull (strstr (err.message, "goodput below 1% at this size: add spares or "
                                         "checkpoint faster"));
  /* Goodput just under 1%: M = 3,600 s, R = 5 M = 18,000 s: e^5 alone gives < 0.7%. */
  simple (&p);
  p.area_failures_per_hour_mm2 = 1;
  p.restart_s = 18000 - 50;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_ERANGE);
  g_assert_nonnull (strstr (err.message, "goodput below 1%"));
  g_assert_cmpint (gp_failure_eval (NULL, &r, &err), ==, GP_EINVAL);
  simple (&p);
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  double wall;
  g_assert_cmpint (gp_failure_effective_time (&r, -1, &wall, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ideal_s");
}

/* Rerouted links (gp-failure.h), by hand on simple(): the on-die rate alone restarts the
 * job (M = 10,000 s); 2 links of 0.1/h with 5 h of repair give mu_l = 2 x 0.1 x 5 = 1, so
 * P(some link down) = 1 - e^-1 = 0.63212056; with s = 0.25 the goodput is multiplied by
 * 1 / (1 + 0.25 x 0.63212056) = 1 / 1.15803014 = 0.86353538. Not rerouted, the links
 * restart the job too: Lambda = 0.36 + 0.2 = 0.56/h. */
static void
test_link_reroute (void)
{
  gp_failure_params p;
  gp_failure_result base, r;
  gp_error err;
  simple (&p);
  p.repair_hours = 5, p.spare_accel = 1000;
  g_assert_cmpint (gp_failure_eval (&p, &base, &err), ==, GP_OK);
  p.links_per_accel = 2, p.link_failures_per_hour = 0.1;
  p.link_rerouted = true, p.link_slowdown = 0.25;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.mtbf_s, 10000, 1e-12);
  REL (r.rate_per_hour[GP_FAIL_LINK], 0.2, 1e-12);
  REL (r.link_down_probability, 0.63212055883, 1e-9);
  REL (r.link_goodput_factor, 0.86353538, 1e-7);
  REL (r.goodput, base.goodput * 0.86353538, 1e-7);
  p.link_rerouted = false;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_OK);
  REL (r.mtbf_s, 3600.0 / 0.56, 1e-12);
  REL (r.link_goodput_factor, 1, 0);
  /* errors: a slowdown out of range; only rerouted links failing restarts nothing */
  p.link_rerouted = true, p.link_slowdown = -1;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "link_slowdown");
  p.link_slowdown = 0.25, p.area_failures_per_hour_mm2 = 0;
  g_assert_cmpint (gp_failure_eval (&p, &r, &err), ==, GP_EINVAL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/failure/young-daly", test_young_daly);
  g_test_add_func ("/models/failure/spares", test_spares);
  g_test_add_func ("/models/failure/llama3", test_llama3);
  g_test_add_func ("/models/failure/per-part", test_per_part);
  g_test_add_func ("/models/failure/region-remap", test_region_remap);
  g_test_add_func ("/models/failure/preset", test_preset);
  g_test_add_func ("/models/failure/errors", test_errors);
  g_test_add_func ("/models/failure/link-reroute", test_link_reroute);
  return g_test_run ();
}
