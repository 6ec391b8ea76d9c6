/* test-link.c: the optical link budget worked by hand in dB and mW, the laser through the
 * wall-plug efficiency, pJ/bit sums, the budget-cannot-close error, electrical reach
 * classes, shoreline bandwidth, every error path, and the presets against published
 * figures. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gp-link.h"
#include "gp-models.h"
#include "gp-presets-link.h"

#define REL_OK(got, want, tol) \
  g_assert_cmpfloat (fabs ((double) (got) - (double) (want)), <=, (tol) * fabs ((double) (want)))

/* A hand link whose numbers close on round values:
 *   receiver: sensitivity -13 dBm, margin 2 dB, penalties 1 dB -> P_rx = -10 dBm
 *   losses:   1:10 splitter 10 dB, 2 couplings x 1.5 = 3, modulator 1, mux 1,
 *             waveguide 0.1 dB/cm x 20 cm = 2, 2 grating couplers x 0.5 = 1,
 *             fibre 0.5 dB/km x 2 km = 1, 2 connectors x 0.5 = 1       -> L = 20 dB
 *   laser:    -10 + 20 = 10 dBm = 10 mW per laser, 1 mW of light per lane
 *   WPE 0.2:  50 mW electrical per laser, 5 mW per lane; / 25 Gb/s = 0.2 pJ/bit
 *   others:   driver 0.3 + receiver 0.4 + SerDes 1.0 + tuning 2.5 mW / 25 Gb/s = 0.1
 *             + other 0.05                                             -> 1.85 pJ/bit
 *   total:    2.05 pJ/bit; 10 lanes x 25 Gb/s = 250 Gb/s -> 512.5 mW. */
static void
hand_link (gp_link_params *p)
{
  gp_link_params_init (p);
  g_strlcpy (p->name, "hand", sizeof p->name);
  p->medium = GP_LINK_OPTICAL;
  p->lane_rate_gbps = 25;
  p->lanes = 10;
  p->reach_m = 2000;
  p->rx_sensitivity_dbm = -13;
  p->margin_db = 2;
  p->penalty_db = 1;
  p->coupling_loss_db = 1.5;
  p->coupling_count = 2;
  p->modulator_loss_db = 1;
  p->mux_loss_db = 1;
  p->lanes_per_laser = 10;
  p->splitter_excess_db = 0;
  p->waveguide_loss_db_per_cm = 0.1;
  p->waveguide_length_cm = 20;
  p->grating_coupler_loss_db = 0.5;
  p->grating_coupler_count = 2;
  p->fibre_loss_db_per_km = 0.5;
  p->connector_loss_db = 0.5;
  p->connector_count = 2;
  p->laser_wpe = 0.2;
  p->laser_max_mw = 100;
  p->modulator_driver_pj_per_bit = 0.3;
  p->receiver_pj_per_bit = 0.4;
  p->serdes_pj_per_bit = 1.0;
  p->tuning_mw_per_lane = 2.5;
  p->other_pj_per_bit = 0.05;
}

static void
test_budget_closes (void)
{
  gp_link_params p;
  hand_link (&p);
  gp_link_result r;
  gp_error err;
  g_assert_cmpint (gp_link_eval (&p, &r, &err), ==, GP_OK);

  /* dB: P_rx -10 dBm, L 20 dB, laser 10 dBm (header comment above hand_link). */
  g_assert_cmpfloat_with_epsilon (r.required_rx_dbm, -10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.loss_db, 20.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.laser_dbm, 10.0, 1e-12);
  /* mW: 10^(10/10) = 10 mW; 10 lanes on one laser -> 1 laser per link. */
  g_assert_cmpfloat_with_epsilon (r.laser_mw, 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.lasers_per_link, 1.0, 1e-12);

  /* Waterfall: laser 10 dBm, then -10 (split) -3 -1 -1 -2 -1 -1 -1 (losses) -1 (penalties)
   * -2 (margin): eleven bars, ending at the sensitivity -13 dBm. */
  g_assert_cmpint (r.n_steps, ==, 11);
  g_assert_cmpstr (r.steps[0].label, ==, "laser output");
  g_assert_cmpfloat_with_epsilon (r.steps[0].level_dbm, 10.0, 1e-12);
  g_assert_cmpstr (r.steps[1].label, ==, "splitter 1:N");
  g_assert_cmpfloat_with_epsilon (r.steps[1].delta_db, -10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.steps[1].level_dbm, 0.0, 1e-12);
  g_assert_cmpstr (r.steps[2].label, ==, "coupling");
  g_assert_cmpfloat_with_epsilon (r.steps[2].level_dbm, -3.0, 1e-12);
  g_assert_cmpstr (r.steps[5].label, ==, "waveguide");
  g_assert_cmpfloat_with_epsilon (r.steps[5].delta_db, -2.0, 1e-12);
  g_assert_cmpstr (r.steps[10].label, ==, "margin");
  g_assert_cmpfloat_with_epsilon (r.steps[10].level_dbm, -13.0, 1e-9);
  double sum = 0;
  for (int i = 1; i < r.n_steps; i++)
    sum += r.steps[i].delta_db;
  /* The losses, penalties and margin together: 20 + 1 + 2 = 23 dB. */
  g_assert_cmpfloat_with_epsilon (sum, -23.0, 1e-9);
}

static void
test_laser_wpe (void)
{
  gp_link_params p;
  hand_link (&p);
  gp_link_result r;
  g_assert_cmpint (gp_link_eval (&p, &r, NULL), ==, GP_OK);
  /* 10 mW / 0.2 = 50 mW per laser; / 10 lanes = 5 mW; / 25 Gb/s = 0.2 pJ/bit. */
  g_assert_cmpfloat_with_epsilon (r.laser_electrical_mw, 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.laser_electrical_mw_per_lane, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_LASER], 0.2, 1e-12);

  /* Halving the efficiency doubles the laser term: 10 / 0.1 / 10 / 25 = 0.4 pJ/bit. */
  p.laser_wpe = 0.1;
  g_assert_cmpint (gp_link_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_LASER], 0.4, 1e-12);

  /* An ideal splitter costs nothing per bit: one laser per lane (no 10 dB split) needs
   * 0 dBm = 1 mW per lane, the same 1 mW / 0.2 / 25 = 0.2 pJ/bit. */
  p.laser_wpe = 0.2;
  p.lanes_per_laser = 1;
  g_assert_cmpint (gp_link_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.laser_dbm, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.lasers_per_link, 10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_LASER], 0.2, 1e-12);
}

static void
test_pj_sum (void)
{
  gp_link_params p;
  hand_link (&p);
  gp_link_result r;
  g_assert_cmpint (gp_link_eval (&p, &r, NULL), ==, GP_OK);
  /* Breakdown and total as worked above hand_link. */
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_DRIVER], 0.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_RECEIVER], 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_SERDES], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_TUNING], 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_OTHER], 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.total_pj_per_bit, 2.05, 1e-12);
  g_assert_cmpint (r.dominant_term, ==, GP_LINK_E_SERDES);
  /* 2.05 pJ/bit x 250 Gb/s = 512.5 mW. */
  g_assert_cmpfloat_with_epsilon (r.rate_gbps, 250.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.power_w, 0.5125, 1e-12);
  g_assert_cmpstr (gp_link_term_names[r.dominant_term], ==, "SerDes/DSP");
}

static void
test_cannot_close (void)
{
  gp_link_params p;
  hand_link (&p);
  gp_link_result r;
  gp_error err;
  /* The hand link needs 10 mW from its laser: a 9.5 mW laser cannot close it. */
  p.laser_max_mw = 9.5;
  g_assert_cmpint (gp_link_eval (&p, &r, &err), ==, GP_EINFEASIBLE);
  g_assert_cmpstr (err.param, ==, "laser_max_mw");
  g_assert_nonnull (strstr (err.message, "cannot close"));
  g_assert_nonnull (strstr (err.message, "10.00 dBm"));
  g_assert_nonnull (strstr (err.message, "(10 mW)"));
  g_assert_nonnull (strstr (err.message, "20.00 dB of loss"));
  g_assert_nonnull (strstr (err.message, "9.5 mW"));
  /* 10.5 mW is enough. */
  p.laser_max_mw = 10.5;
  g_assert_cmpint (gp_link_eval (&p, &r, NULL), ==, GP_OK);

  /* A hopeless budget (10 m of waveguide at 100 dB/cm: 1e5 dB instead of 2) is refused in
   * dB before 10^(x/10) could overflow: laser -10 + 20 - 2 + 1e5 = 100008 dBm, and the
   * message prints no "inf". */
  p.waveguide_loss_db_per_cm = 100;
  p.waveguide_length_cm = 1000;
  g_assert_cmpint (gp_link_eval (&p, &r, &err), ==, GP_EINFEASIBLE);
  g_assert_nonnull (strstr (err.message, "100008.00 dBm"));
  g_assert_null (strstr (err.message, "inf"));
}

static void
test_electrical (void)
{
  /* Reach defaults are the sourced figures of gp-link.h / brief 3.4. */
  static const struct { int reach; double pj; } want[] = {
    { GP_REACH_DIE_TO_DIE, 0.5 }, { GP_REACH_PACKAGE, 1.3 },
    { GP_REACH_BOARD, 5.5 }, { GP_REACH_CABLE, 5.5 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (want); i++)
    {
      double pj;
      const char *src = NULL;
      g_assert_cmpint (gp_link_reach_default_pj_per_bit (want[i].reach, &pj, &src, NULL), ==,
                       GP_OK);
      g_assert_cmpfloat_with_epsilon (pj, want[i].pj, 1e-12);
      g_assert_nonnull (src);

      gp_link_params p;
      gp_link_params_init_electrical (&p, want[i].reach);
      gp_link_result r;
      g_assert_cmpint (gp_link_eval (&p, &r, NULL), ==, GP_OK);
      g_assert_cmpfloat_with_epsilon (r.total_pj_per_bit, want[i].pj, 1e-12);
      g_assert_cmpint (r.n_steps, ==, 0);
      /* 100 Gb/s x E pJ/bit = E/10 W. */
      g_assert_cmpfloat_with_epsilon (r.power_w, want[i].pj * 0.1, 1e-12);
    }

  /* An electrical link ignores every optical field, even a budget that could not close. */
  gp_link_params p;
  gp_link_params_init (&p);
  p.medium = GP_LINK_ELECTRICAL;
  p.serdes_pj_per_bit = 1.3;
  p.laser_max_mw = 1e-6;
  gp_link_result r;
  g_assert_cmpint (gp_link_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.total_pj_per_bit, 1.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.pj_per_bit[GP_LINK_E_LASER], 0.0, 1e-15);

  gp_error err;
  double pj;
  g_assert_cmpint (gp_link_reach_default_pj_per_bit (GP_REACH_N, &pj, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "reach_class");
  g_assert_cmpint (gp_link_reach_default_pj_per_bit (-1, &pj, NULL, &err), ==, GP_EINVAL);
}

static void
expect_link_error (void (*mutate) (gp_link_params *), const char *param)
{
  gp_link_params p;
  hand_link (&p);
  mutate (&p);
  gp_link_result r;
  gp_error err;
  g_assert_cmpint (gp_link_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, param);
  g_assert_nonnull (strstr (err.message, param));
}

static void m_rate_nan (gp_link_params *p) { p->lane_rate_gbps = NAN; }
static void m_rate_zero (gp_link_params *p) { p->lane_rate_gbps = 0; }
static void m_lanes_zero (gp_link_params *p) { p->lanes = 0; }
static void m_margin_neg (gp_link_params *p) { p->margin_db = -1; }
static void m_sens_inf (gp_link_params *p) { p->rx_sensitivity_dbm = INFINITY; }
static void m_split_zero (gp_link_params *p) { p->lanes_per_laser = 0; }
static void m_wpe_zero (gp_link_params *p) { p->laser_wpe = 0; }
static void m_wpe_big (gp_link_params *p) { p->laser_wpe = 1.5; }
static void m_max_zero (gp_link_params *p) { p->laser_max_mw = 0; }
static void m_count_neg (gp_link_params *p) { p->connector_count = -1; }
static void m_wg_neg (gp_link_params *p) { p->waveguide_length_cm = -5; }
static void m_pj_nan (gp_link_params *p) { p->serdes_pj_per_bit = NAN; }
static void m_tuning_neg (gp_link_params *p) { p->tuning_mw_per_lane = -1; }
static void m_medium_bad (gp_link_params *p) { p->medium = 7; }
static void m_reach_bad (gp_link_params *p) { p->reach_class = -1; }
static void m_name_unterminated (gp_link_params *p) { memset (p->name, 'x', sizeof p->name); }

static void
test_errors (void)
{
  expect_link_error (m_rate_nan, "lane_rate_gbps");
  expect_link_error (m_rate_zero, "lane_rate_gbps");
  expect_link_error (m_lanes_zero, "lanes");
  expect_link_error (m_margin_neg, "margin_db");
  expect_link_error (m_sens_inf, "rx_sensitivity_dbm");
  expect_link_error (m_split_zero, "lanes_per_laser");
  expect_link_error (m_wpe_zero, "laser_wpe");
  expect_link_error (m_wpe_big, "laser_wpe");
  expect_link_error (m_max_zero, "laser_max_mw");
  expect_link_error (m_count_neg, "connector_count");
  expect_link_error (m_wg_neg, "waveguide_length_cm");
  expect_link_error (m_pj_nan, "serdes_pj_per_bit");
  expect_link_error (m_tuning_neg, "tuning_mw_per_lane");
  expect_link_error (m_medium_bad, "medium");
  expect_link_error (m_reach_bad, "reach_class");
  expect_link_error (m_name_unterminated, "name");

  /* Range message names the allowed range. */
  gp_link_params p;
  hand_link (&p);
  p.laser_wpe = 1.5;
  gp_link_result r;
  gp_error err;
  gp_link_eval (&p, &r, &err);
  g_assert_nonnull (strstr (err.message, "(0, 1]"));
}

/* Every numeric field pushed just past each end of its table range, and to NaN, must be
 * refused naming that field: keeps gp_link_eval's inlined range checks in step with
 * gp_link_param_table. */
static void
set_raw (const gp_param *prm, void *obj, double v)
{
  char *base = (char *) obj + prm->offset;
  if (prm->type == GP_PARAM_DOUBLE)
    *(double *) base = v;
  else if (prm->type == GP_PARAM_INT)
    *(long *) base = (long) v;
  else if (prm->type == GP_PARAM_ENUM)
    *(int *) base = (int) v;
}

static void
expect_raw_refused (const gp_param *prm, double v)
{
  gp_link_params p;
  hand_link (&p);
  set_raw (prm, &p, v);
  gp_link_result r;
  gp_error err;
  if (gp_link_eval (&p, &r, &err) != GP_EINVAL || strcmp (err.param, prm->name) != 0)
    g_error ("%s = %.12g was not refused", prm->name, v);
}

static void
test_range_table (void)
{
  for (size_t i = 0; i < gp_link_param_table.n_params; i++)
    {
      const gp_param *prm = &gp_link_param_table.params[i];
      if (prm->type == GP_PARAM_ENUM)
        {
          int n = 0;
          while (prm->enum_names[n])
            n++;
          expect_raw_refused (prm, -1);
          expect_raw_refused (prm, n);
          continue;
        }
      if (prm->type != GP_PARAM_DOUBLE && prm->type != GP_PARAM_INT)
        continue;
      double below = (prm->flags & GP_RANGE_MIN_EXCLUSIVE) ? prm->min : prm->min - 1;
      expect_raw_refused (prm, below);
      expect_raw_refused (prm, prm->max + (prm->type == GP_PARAM_INT ? 1 : prm->max * 1e-9 + 1e-9));
      if (prm->type == GP_PARAM_DOUBLE)
        expect_raw_refused (prm, NAN);
    }
}

/* ---- Shoreline ---- */

static void
test_shoreline_square (void)
{
  gp_shoreline_params p;
  gp_shoreline_params_init (&p);
  p.die_width_mm = p.die_height_mm = 20;
  p.edges_used = 4;
  p.corner_keepout_mm = 0;
  p.density_tbps_per_mm = 1;
  p.tflops_per_mm2 = 0;
  gp_shoreline_result r;
  g_assert_cmpint (gp_shoreline_eval (&p, &r, NULL), ==, GP_OK);
  /* 4 x 20 mm = 80 mm x 1 Tb/s/mm = 80 Tb/s = 1e13 B/s; no compute, no ratio. */
  g_assert_cmpfloat_with_epsilon (r.usable_edge_mm, 80.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.bandwidth_tbps, 80.0, 1e-12);
  REL_OK (r.bandwidth_bytes_per_s, 1e13, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.io_bytes_per_flop, 0.0, 1e-15);

  /* Two edges with 1 mm keep-out at each corner: 2 x (20 - 2) = 36 Tb/s. */
  p.edges_used = 2;
  p.corner_keepout_mm = 1;
  g_assert_cmpint (gp_shoreline_eval (&p, &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.bandwidth_tbps, 36.0, 1e-12);
}

static void
test_shoreline_rectangle (void)
{
  gp_shoreline_params p;
  gp_shoreline_params_init (&p);
  p.die_width_mm = 20;  /* given short side first: the long edges are still used first */
  p.die_height_mm = 30;
  p.edges_used = 2.5;
  p.corner_keepout_mm = 1;
  p.density_tbps_per_mm = 0.5;
  p.tflops_per_mm2 = 0;
  gp_shoreline_result r;
  g_assert_cmpint (gp_shoreline_eval (&p, &r, NULL), ==, GP_OK);
  /* (30 - 2) + (30 - 2) + 0.5 x (20 - 2) = 65 mm; x 0.5 Tb/s/mm = 32.5 Tb/s. */
  g_assert_cmpfloat_with_epsilon (r.usable_edge_mm, 65.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.bandwidth_tbps, 32.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.die_area_mm2, 600.0, 1e-12);
}

static void
test_shoreline_ratio (void)
{
  /* H100-sized square die, 814 mm2 (brief sec. 4), 1 Tb/s/mm on all edges, compute
   * 989 TFLOP/s: side sqrt(814) = 28.5307 mm, I/O 4 x 28.5307 = 114.1227 Tb/s,
   * bytes/FLOP = 114.1227 / (8 x 989) = 0.0144240. */
  gp_shoreline_params p;
  gp_shoreline_params_init (&p);
  gp_shoreline_result big, small;
  g_assert_cmpint (gp_shoreline_eval (&p, &big, NULL), ==, GP_OK);
  REL_OK (big.bandwidth_tbps, 114.12274, 1e-6);
  REL_OK (big.compute_tflops, 989.0, 1e-12);
  REL_OK (big.io_bytes_per_flop, 0.0144240067, 1e-8);

  /* A quarter-area die (half the side): half the I/O, a quarter of the compute, twice the
   * ratio (the Lite-GPU press claim: up to 2x the H100's). */
  p.die_width_mm /= 2;
  p.die_height_mm /= 2;
  g_assert_cmpint (gp_shoreline_eval (&p, &small, NULL), ==, GP_OK);
  REL_OK (small.bandwidth_tbps, big.bandwidth_tbps / 2, 1e-12);
  REL_OK (small.io_bytes_per_flop, 2 * 0.0144240067, 1e-8);

  double bpf;
  g_assert_cmpint (gp_shoreline_io_per_flop (8.0, 1.0, &bpf, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (bpf, 1.0, 1e-15); /* 8 Tb/s = 1 TB/s over 1 TFLOP/s */
}

static void
test_shoreline_errors (void)
{
  gp_shoreline_params p;
  gp_shoreline_result r;
  gp_error err;

  gp_shoreline_params_init (&p);
  p.die_width_mm = 0;
  g_assert_cmpint (gp_shoreline_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "die_width_mm");

  gp_shoreline_params_init (&p);
  p.die_height_mm = NAN;
  g_assert_cmpint (gp_shoreline_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "die_height_mm");

  gp_shoreline_params_init (&p);
  p.edges_used = 4.5;
  g_assert_cmpint (gp_shoreline_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "edges_used");
  g_assert_nonnull (strstr (err.message, "[0, 4]"));

  gp_shoreline_params_init (&p);
  p.density_tbps_per_mm = -1;
  g_assert_cmpint (gp_shoreline_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "density_tbps_per_mm");

  /* A 15 mm keep-out at both ends of a 28.5 mm edge leaves nothing. */
  gp_shoreline_params_init (&p);
  p.corner_keepout_mm = 15;
  g_assert_cmpint (gp_shoreline_eval (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "corner_keepout_mm");

  double bpf;
  g_assert_cmpint (gp_shoreline_io_per_flop (1.0, 0.0, &bpf, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "compute_tflops");
  g_assert_cmpint (gp_shoreline_io_per_flop (NAN, 1.0, &bpf, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "bandwidth_tbps");
}

/* ---- Presets ---- */

static void
load_links (gp_link_params **links, size_t *n)
{
  gp_error err;
  if (gp_links_load (NULL, links, n, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpuint (*n, >=, 10);
}

static const gp_link_params *
find_link (const gp_link_params *links, size_t n, const char *name)
{
  const gp_link_params *l = gp_links_find (links, n, name);
  if (l == NULL)
    g_error ("no link preset %s", name);
  return l;
}

static void
test_presets_published (void)
{
  gp_link_params *links;
  size_t n;
  load_links (&links, &n);

  /* Every preset validates and evaluates. */
  for (size_t i = 0; i < n; i++)
    {
      gp_link_result r;
      gp_error err;
      if (gp_link_eval (&links[i], &r, &err) != GP_OK)
        g_error ("%s: %s", links[i].name, err.message);
      g_assert_cmpfloat (r.total_pj_per_bit, >, 0.0);
    }

  /* Published figures (brief 3.4): computed energy within 15%. */
  static const struct { const char *name; double pj; } pub[] = {
    { "pluggable-800g-dr8", 18.75 },    /* 14-16 W / 800 Gb/s = 17.5-20; midpoint */
    { "pluggable-1.6t-dr8", 18.75 },    /* ~30 W / 1.6 Tb/s */
    { "cpo-800g-broadcom", 6.9 },       /* 5.5 W per 800G */
    { "cpo-1.6t-nvidia", 5.6 },         /* ~9 W per 1.6T */
    { "dwdm-microring-chiplet", 2.78 }, /* NVIDIA test chip */
    { "nvlink-c2c", 1.3 },
    { "serdes-112g-lr", 5.5 },
    { "ucie-standard", 0.5 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (pub); i++)
    {
      gp_link_result r;
      g_assert_cmpint (gp_link_eval (find_link (links, n, pub[i].name), &r, NULL), ==, GP_OK);
      REL_OK (r.total_pj_per_bit, pub[i].pj, 0.15);
    }

  /* The 800G pluggable's module power lands in the published 14-16 W. */
  gp_link_result r;
  g_assert_cmpint (gp_link_eval (find_link (links, n, "pluggable-800g-dr8"), &r, NULL), ==, GP_OK);
  g_assert_cmpfloat (r.power_w, >=, 14.0);
  g_assert_cmpfloat (r.power_w, <=, 16.0);

  /* Glass board link, by hand from its entry: P_rx = -15.6 + 1 + 2 = -12.6 dBm;
   * L = 4 x 1.5 + 1 + 2 + 0.1 x 20 + 2 x 0.5 = 12 dB; laser -0.6 dBm = 0.870964 mW;
   * / 0.1 / 32 Gb/s = 0.272176 pJ/bit; + 0.5 + 0.8 + 1.1 + 3/32 + 0.15 = 2.915926. */
  g_assert_cmpint (gp_link_eval (find_link (links, n, "glass-ionx-board"), &r, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.laser_dbm, -0.6, 1e-9);
  REL_OK (r.pj_per_bit[GP_LINK_E_LASER], 0.2721761, 1e-6);
  REL_OK (r.total_pj_per_bit, 2.9159261, 1e-6);
  free (links);
}

static void
test_init_matches_preset (void)
{
  gp_link_params *links;
  size_t n;
  load_links (&links, &n);
  gp_link_params def;
  gp_link_params_init (&def);
  const gp_link_params *pre = find_link (links, n, def.name);
  for (size_t i = 0; i < gp_link_param_table.n_params; i++)
    {
      const gp_param *prm = &gp_link_param_table.params[i];
      if (prm->type == GP_PARAM_STRING)
        continue;
      if (gp_param_get (prm, &def) != gp_param_get (prm, pre))
        g_error ("gp_link_params_init and %s differ in %s", def.name, prm->name);
    }
  free (links);
}

/* A typo in a key and a missing required key are errors naming the key. */
static void
test_preset_file_errors (void)
{
  static const char *bad[][2] = {
    { "return { format = 1, kind = 'links', links = { { name = 'x', medium = 'optical', "
      "lane_rate_gbps = 1, lanes = 1, lane_rate_gbsp = 2 } } }", "lane_rate_gbsp" },
    { "return { format = 1, kind = 'links', links = { { name = 'x', medium = 'optical', "
      "lane_rate_gbps = 1 } } }", "lanes" },
    { "return { format = 1, kind = 'links', links = { { name = 'x', medium = 'optcal', "
      "lane_rate_gbps = 1, lanes = 1 } } }", "medium" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = NULL;
      GError *gerr = NULL;
      int fd = g_file_open_tmp ("gp-links-XXXXXX.lua", &path, &gerr);
      g_assert_no_error (gerr);
      close (fd);
      g_assert_true (g_file_set_contents (path, bad[i][0], -1, NULL));
      gp_link_params *links = NULL;
      size_t n = 0;
      gp_error err;
      g_assert_cmpint (gp_links_load (path, &links, &n, &err), !=, GP_OK);
      g_assert_null (links);
      g_assert_nonnull (strstr (err.message, bad[i][1]));
      g_unlink (path);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/link/budget-closes", test_budget_closes);
  g_test_add_func ("/models/link/laser-wpe", test_laser_wpe);
  g_test_add_func ("/models/link/pj-sum", test_pj_sum);
  g_test_add_func ("/models/link/cannot-close", test_cannot_close);
  g_test_add_func ("/models/link/electrical", test_electrical);
  g_test_add_func ("/models/link/errors", test_errors);
  g_test_add_func ("/models/link/range-table", test_range_table);
  g_test_add_func ("/models/link/shoreline-square", test_shoreline_square);
  g_test_add_func ("/models/link/shoreline-rectangle", test_shoreline_rectangle);
  g_test_add_func ("/models/link/shoreline-ratio", test_shoreline_ratio);
  g_test_add_func ("/models/link/shoreline-errors", test_shoreline_errors);
  g_test_add_func ("/models/link/presets-published", test_presets_published);
  g_test_add_func ("/models/link/init-matches-preset", test_init_matches_preset);
  g_test_add_func ("/models/link/preset-file-errors", test_preset_file_errors);
  return g_test_run ();
}
