/* bench-uncertainty.c: the uncertainty engine's figures. Targets (issue 9): 100,000 Monte
 * Carlo system evaluations without the search under 1 s on one core; a tornado over 20
 * parameters under 10 ms. Also the engine alone on a closed-form function, and what inputs
 * that need gp_system_prepare cost (they re-run the package's die count and yield). */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp-design.h"
#include "gp-models.h"
#include "gp-presets.h"
#include "gp-uncertainty.h"

static gp_status
ishigami (const double *x, double *y, void *user, gp_error *err)
{
  (void) user, (void) err;
  double s1 = sin (x[0]), s2 = sin (x[1]);
  y[0] = s1 + 7 * s2 * s2 + 0.1 * pow (x[2], 4) * s1;
  return GP_OK;
}

static void
bench_engine (void)
{
  gp_dist d[3];
  for (int i = 0; i < 3; i++)
    {
      gp_dist_init (&d[i]);
      d[i].a = -M_PI;
      d[i].b = M_PI;
    }
  double nom[3] = { 0, 0, 0 };
  gp_uq_problem pb = { 3, 1, ishigami, NULL, nom, d, NULL, NULL, NULL, NULL };
  gp_mc_params p;
  gp_mc_params_init (&p);
  p.samples = 1000000;
  gp_mc_result r;
  double t0 = gp_bench_now ();
  if (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, NULL) == GP_OK)
    gp_bench_print_time ("monte carlo, Ishigami, 1,000,000 pseudo-random samples (total)",
                         gp_bench_now () - t0);
  gp_sobol_params sp;
  gp_sobol_params_init (&sp);
  sp.base_samples = 1 << 14;
  gp_sobol_result *sr = malloc (sizeof *sr);
  t0 = gp_bench_now ();
  if (sr && gp_uncertainty_sobol (&pb, &sp, sr, NULL) == GP_OK)
    gp_bench_print_time ("sobol indices, Ishigami, N = 2^14 Sobol rows (81,920 evaluations)",
                         gp_bench_now () - t0);
  free (sr);
}

/* Eval-only inputs of a system (prices, facility, failures, study): relative +-5%
 * around each system's own value, PUE absolute. */
static const char *const eval_paths[] = {
  "sys.server_cost_usd", "sys.server_power_w", "sys.integration_cost_fraction",
  "sys.electricity_usd_per_kwh", "sys.lifetime_years", "sys.power_delivery_efficiency",
  "sys.host_dram_gb", "sys.scaleout_switch_kgco2e", "sys.scaleout_transceiver_kgco2e",
  "package.parts[hbm].usd_per_gb", "package.assembly_cost_usd", "package.bond_cost_usd",
  "package.final_test_cost_usd", "failure.repair_hours", "failure.restart_s",
  "failure.node_failures_per_hour", "failure.area_failures_per_hour_mm2", "study.token_budget",
  "study.grid_ci_g_per_kwh", "sys.pue",
};

static gp_uq_system *
make_study (const gp_design *d, const gp_node *nodes, size_t n_nodes, int a, int b,
            size_t n_inputs, gp_error *err)
{
  gp_uq_system *u = gp_uncertainty_system_new (&d->systems[a], b >= 0 ? &d->systems[b] : NULL,
                                               &d->study, nodes, n_nodes, err);
  if (u == NULL)
    return NULL;
  for (size_t i = 0; i < n_inputs; i++)
    {
      gp_uq_input in;
      gp_uq_input_init (&in);
      snprintf (in.path, sizeof in.path, "%s", eval_paths[i]);
      if (strcmp (eval_paths[i], "sys.pue") == 0)
        in.dist.a = 1.05, in.dist.b = 1.3;
      else
        in.relative = true, in.dist.a = 0.95, in.dist.b = 1.05;
      if (gp_uncertainty_system_add_input (u, &in, err) != GP_OK)
        {
          gp_uncertainty_system_free (u);
          return NULL;
        }
    }
  if (gp_uncertainty_system_add_output (u, "usd_per_model", err) != GP_OK
      || gp_uncertainty_system_add_output (u, "kgco2e_per_model", err) != GP_OK
      || gp_uncertainty_system_ready (u, false, NULL, NULL, err) != GP_OK)
    {
      gp_uncertainty_system_free (u);
      return NULL;
    }
  return u;
}

static void
bench_systems (void)
{
  gp_error err = { 0 };
  gp_node *nodes = NULL;
  size_t n_nodes = 0;
  gp_design *d = malloc (sizeof *d);
  if (d == NULL || gp_nodes_load (NULL, &nodes, &n_nodes, &err) != GP_OK
      || gp_design_load_default (d, &err) != GP_OK)
    {
      printf ("uncertainty: %s\n", err.message);
      free (d);
      free (nodes);
      return;
    }
  /* data/comparison.lua: 0 lite-gpu-glass, 1 dgx-h100 */
  gp_mc_params p;
  gp_mc_params_init (&p);
  p.samples = 100000;
  p.threads = 1;
  gp_mc_result r;
  gp_uq_problem pb;
  double t0, dt;

  gp_uq_system *u = make_study (d, nodes, n_nodes, 1, -1, GP_N_ELEMENTS (eval_paths), &err);
  if (u)
    {
      gp_uncertainty_system_problem (u, &pb);
      t0 = gp_bench_now ();
      if (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err) == GP_OK)
        {
          dt = gp_bench_now () - t0;
          gp_bench_print_time ("monte carlo, 100,000 system evaluations, dgx-h100, 20 eval-only "
                               "inputs, fixed plan (target < 1 s, total)", dt);
          gp_bench_print_time ("  per system evaluation", dt / 1e5);
        }
      else
        printf ("uncertainty: %s\n", err.message);
      gp_tornado_result t;
      t0 = gp_bench_now ();
      int reps = 100;
      for (int k = 0; k < reps; k++)
        gp_uncertainty_tornado (&pb, 0, 0.05, 0.95, &t, NULL);
      gp_bench_print_time ("tornado, 20 inputs (41 evaluations), dgx-h100 (target < 10 ms)",
                           (gp_bench_now () - t0) / reps);
      gp_uncertainty_system_free (u);
    }
  else
    printf ("uncertainty: %s\n", err.message);

  u = make_study (d, nodes, n_nodes, 0, 1, GP_N_ELEMENTS (eval_paths), &err);
  if (u)
    {
      gp_uncertainty_system_problem (u, &pb);
      p.n_pairs = 1;
      p.pair_a[0] = 0, p.pair_b[0] = 1;
      p.threads = 1;
      t0 = gp_bench_now ();
      if (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err) == GP_OK)
        {
          dt = gp_bench_now () - t0;
          gp_bench_print_time ("monte carlo, 100,000 samples of lite-gpu-glass vs dgx-h100 "
                               "(200,000 system evaluations, total)", dt);
          gp_bench_print_value ("  P(lite-gpu-glass costs less per model than dgx-h100)",
                                r.p_less[0], "");
        }
      else
        printf ("uncertainty: %s\n", err.message);
      p.samples = 20000;
      for (int t = 1; t <= 2; t++)
        {
          p.threads = t;
          char name[160];
          t0 = gp_bench_now ();
          if (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err) != GP_OK)
            break;
          snprintf (name, sizeof name, "monte_carlo_systems_eval_only_20k_total_threads%d", t);
          gp_bench_print_time (name, gp_bench_now () - t0);
        }
      p.samples = 100000;
      gp_uncertainty_system_free (u);
    }

  /* data/uncertainty.lua's inputs include prepare-time ones (D0, wafer price, link terms,
   * matmul efficiency): each sample then re-prepares both systems. */
  u = gp_uncertainty_system_new (&d->systems[0], &d->systems[1], &d->study, nodes, n_nodes,
                                 &err);
  static const struct { const char *path; double a, b; } prep_inputs[] = {
    { "nodes.N5.d0_per_cm2", 0.10, 0.11 }, { "nodes.N5.wafer_cost_usd", 15000, 16988 },
    { "accel.matmul_efficiency", 0.70, 0.80 },
  };
  for (size_t i = 0; u && i < GP_N_ELEMENTS (prep_inputs); i++)
    {
      gp_uq_input in;
      gp_uq_input_init (&in);
      snprintf (in.path, sizeof in.path, "%s", prep_inputs[i].path);
      in.dist.a = prep_inputs[i].a, in.dist.b = prep_inputs[i].b;
      if (gp_uncertainty_system_add_input (u, &in, &err) != GP_OK)
        {
          printf ("uncertainty: %s\n", err.message);
          gp_uncertainty_system_free (u);
          u = NULL;
        }
    }
  if (u && gp_uncertainty_system_add_output (u, "usd_per_model", &err) == GP_OK
      && gp_uncertainty_system_ready (u, false, NULL, NULL, &err) == GP_OK)
    {
      gp_uncertainty_system_problem (u, &pb);
      p.samples = 1000;
      p.n_pairs = 0;
      /* a sample with prepare-time inputs (D0, wafer price, matmul efficiency), both
         systems re-prepared, on one and two worker threads (identical figures) */
      for (int t = 1; t <= 2; t++)
        {
          p.threads = t;
          char name[160];
          t0 = gp_bench_now ();
          if (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err) != GP_OK)
            break;
          snprintf (name, sizeof name, "monte_carlo_systems_prepare_inputs_per_sample_threads%d",
                    t);
          gp_bench_print_time (name, (gp_bench_now () - t0) / 1000);
        }
      gp_sobol_params sp;
      gp_sobol_params_init (&sp);
      sp.base_samples = 256; /* 256 x 5 = 1,280 evaluations of both systems */
      gp_sobol_result *sr = malloc (sizeof *sr);
      for (int t = 1; sr && t <= 2; t++)
        {
          sp.threads = t;
          char name[160];
          t0 = gp_bench_now ();
          if (gp_uncertainty_sobol (&pb, &sp, sr, &err) != GP_OK)
            break;
          snprintf (name, sizeof name, "sobol_systems_prepare_inputs_256_rows_total_threads%d",
                    t);
          gp_bench_print_time (name, gp_bench_now () - t0);
        }
      free (sr);
    }
  gp_uncertainty_system_free (u);
  free (nodes);
  free (d);
}

void
gp_bench_uncertainty (void)
{
  bench_engine ();
  bench_systems ();
}
