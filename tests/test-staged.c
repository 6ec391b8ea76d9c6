/* test-staged.c: the staged re-prepare (gp_system_prepare_staged, gp_package_prepare_staged)
 * gives the same bytes as a fresh gp_system_prepare after any change of the inputs, and
 * skips the stages whose inputs did not change; the plan search on worker threads gives
 * the sequential search's ranked list and the same counters for any thread count.
 *
 * No expected value here is worked by hand: the reference is the full prepare itself, whose
 * figures the hand-worked tests of test-package.c and test-system.c check. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gp-design.h"
#include "gp-models.h"
#include "gp-parallel.h"
#include "gp-presets.h"
#include "gp-search.h"
#include "gp-syspath.h"
#include "gp-system.h"

static gp_design *design;
static gp_node *nodes;
static size_t n_nodes;

/* What may differ between a staged and a fresh preparation: the borrowed pointers (into
 * each struct itself) and the search memo (kept by the staged one only). */
static void
normalise (gp_system_prepared *p)
{
  p->steptime.accel = NULL;
  p->steptime.net = NULL;
  p->steptime.work = NULL;
  p->steptime.plan_net = NULL;
  p->steptime.plan_net_user = NULL;
  memset (&p->search_memo, 0, sizeof p->search_memo);
}

/* Prepare-time paths worth moving: geometry, defects, prices, link and accelerator inputs.
 * Everything gp_syspath_list flags GP_SYSPATH_F_PREPARE is drawn from besides. */
static const char *const favourites[] = {
  "nodes.N5.d0_per_cm2", "nodes.N5.alpha", "nodes.N5.wafer_cost_usd",
  "nodes.N65.wafer_cost_usd", "nodes.N65.d0_per_cm2", "package.parts[1].die_width_mm",
  "package.parts[1].die_height_mm", "package.parts[1].spares", "package.parts[1].units",
  "package.parts[1].test_cost_usd", "package.carrier_width_mm", "package.carrier_d0_per_cm2",
  "accel.matmul_efficiency", "accel.mem_bw_gb_per_s", "link.laser_wpe",
  "study.workload.layers",
};

static gp_status
move (gp_syspath_target *t, const char *path, GRand *rng, gp_error *err)
{
  gp_syspath_ref ref;
  GP_TRY (gp_syspath_resolve (t, path, &ref, err));
  double v = gp_syspath_ref_get (&ref);
  switch (ref.param->type)
    {
    case GP_PARAM_DOUBLE:
      v = v == 0 ? g_rand_double_range (rng, 0, 0.1) : v * g_rand_double_range (rng, 0.8, 1.25);
      break;
    case GP_PARAM_INT:
      v = v + (double) g_rand_int_range (rng, -2, 3);
      break;
    case GP_PARAM_BOOL:
      v = v != 0 ? 0 : 1;
      break;
    default:
      return GP_OK;
    }
  if (v < ref.param->min)
    v = ref.param->min;
  if (v > ref.param->max)
    v = ref.param->max;
  return gp_syspath_ref_set (&ref, v, err);
}

static void
check_system (int which, int steps, guint32 seed)
{
  gp_system *sys = g_new (gp_system, 1);
  gp_study *study = g_new (gp_study, 1);
  *sys = design->systems[which];
  *study = design->study;
  gp_node *nd = g_memdup2 (nodes, n_nodes * sizeof *nodes);
  gp_syspath_target t = { sys, study, nd, n_nodes };
  size_t n_paths = gp_syspath_list (&t, NULL, 0);
  gp_syspath_info *paths = g_new (gp_syspath_info, n_paths);
  gp_syspath_list (&t, paths, n_paths);

  gp_system_prepared *staged = g_new0 (gp_system_prepared, 1);
  gp_system_prepared *fresh = g_new (gp_system_prepared, 1);
  gp_system_result *ra = g_new (gp_system_result, 1), *rb = g_new (gp_system_result, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_system_prepare_staged (sys, study, nd, n_nodes, staged, &err), ==,
                   GP_OK);
  g_assert_cmpint (gp_system_eval (sys, study, staged, NULL, ra, NULL, NULL, &err), ==, GP_OK);
  gp_plan plan = ra->plan;

  GRand *rng = g_rand_new_with_seed (seed);
  int ok = 0, searched = 0;
  for (int step = 0; step < steps; step++)
    {
      /* Back to the design's values now and then, so the walk stays where it prepares. */
      if (g_rand_int_range (rng, 0, 8) == 0)
        {
          *sys = design->systems[which];
          *study = design->study;
          memcpy (nd, nodes, n_nodes * sizeof *nodes);
        }
      int n_moves = g_rand_int_range (rng, 1, 4);
      for (int k = 0; k < n_moves; k++)
        {
          const char *path;
          if (g_rand_boolean (rng))
            path = favourites[g_rand_int_range (rng, 0, G_N_ELEMENTS (favourites))];
          else
            {
              const gp_syspath_info *pi = &paths[g_rand_int_range (rng, 0, (gint32) n_paths)];
              if (!(pi->flags & GP_SYSPATH_F_PREPARE) || strncmp (pi->path, "sys.acc", 7) == 0)
                continue;
              path = pi->path;
            }
          gp_error e = { 0 };
          move (&t, path, rng, &e); /* a refused value leaves the field as it was */
        }

      gp_error ea = { 0 }, eb = { 0 };
      memset (fresh, 0xa5, sizeof *fresh); /* a full prepare reads nothing of what was there */
      gp_status sa = gp_system_prepare_staged (sys, study, nd, n_nodes, staged, &ea);
      gp_status sb = gp_system_prepare (sys, study, nd, n_nodes, fresh, &eb);
      g_assert_cmpint (sa, ==, sb);
      g_assert_cmpstr (ea.message, ==, eb.message);
      if (sa != GP_OK)
        continue;
      ok++;
      gp_system_prepared *ca = g_memdup2 (staged, sizeof *staged);
      gp_system_prepared *cb = g_memdup2 (fresh, sizeof *fresh);
      normalise (ca);
      normalise (cb);
      /* every output field, padding included: the same stores in the same order */
      if (memcmp (ca, cb, sizeof *ca) != 0)
        {
          const unsigned char *x = (const void *) ca, *y = (const void *) cb;
          size_t at = 0;
          while (x[at] == y[at])
            at++;
          g_error ("step %d: staged and fresh preparations differ at byte %zu of %zu", step,
                   at, sizeof *ca);
        }
      g_free (ca);
      g_free (cb);

      /* the same evaluation from both, with the design's plan and with the search (the
       * staged one may answer from its search memo) */
      memset (ra, 0, sizeof *ra);
      memset (rb, 0, sizeof *rb);
      sa = gp_system_eval (sys, study, staged, &plan, ra, NULL, NULL, &ea);
      sb = gp_system_eval (sys, study, fresh, &plan, rb, NULL, NULL, &eb);
      g_assert_cmpint (sa, ==, sb);
      if (sa == GP_OK)
        g_assert_true (memcmp (ra, rb, sizeof *ra) == 0);
      if (step % 4 == 0)
        {
          memset (ra, 0, sizeof *ra);
          memset (rb, 0, sizeof *rb);
          sa = gp_system_eval (sys, study, staged, NULL, ra, NULL, NULL, &ea);
          sb = gp_system_eval (sys, study, fresh, NULL, rb, NULL, NULL, &eb);
          g_assert_cmpint (sa, ==, sb);
          if (sa == GP_OK)
            {
              searched++;
              g_assert_true (memcmp (&ra->plan, &rb->plan, sizeof ra->plan) == 0);
              g_assert_true (ra->step_time_s == rb->step_time_s);
              g_assert_true (ra->usd_per_model == rb->usd_per_model);
              g_assert_true (memcmp (&ra->search, &rb->search, sizeof ra->search) == 0);
            }
        }
    }
  g_test_message ("%s: %d of %d random re-prepares succeeded, %d searched", sys->sys.name,
                  ok, steps, searched);
  g_assert_cmpint (ok, >, steps / 4);
  g_rand_free (rng);
  g_free (ra);
  g_free (rb);
  g_free (staged);
  g_free (fresh);
  g_free (paths);
  g_free (nd);
  g_free (study);
  g_free (sys);
}

static void
test_staged_matches_full (void)
{
  for (int i = 0; i < design->n_systems; i++)
    check_system (i, 120, 19 + (guint32) i);
}

/* A D0 change re-runs the yield only: the die count is taken from the memo (the interposer
 * and die counts hold their keys), and a price change keeps the yield too. */
static void
test_stages_skipped (void)
{
  gp_package_params p;
  gp_package_params_init (&p);
  gp_node *nd = g_memdup2 (nodes, n_nodes * sizeof *nodes);
  gp_package_prepared *a = g_new0 (gp_package_prepared, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_package_prepare_staged (&p, nd, n_nodes, a, &err), ==, GP_OK);
  long gross = a->part[0].gross_dies;
  double y = a->part[0].die_yield;
  /* poison the memo's count: a staged prepare that reuses it shows the poison */
  a->count_memo[0].gross = gross + 1;
  for (size_t i = 0; i < n_nodes; i++)
    if (strcmp (nd[i].name, "N5") == 0)
      nd[i].wafer_cost_usd *= 1.1;
  g_assert_cmpint (gp_package_prepare_staged (&p, nd, n_nodes, a, &err), ==, GP_OK);
  g_assert_cmpint (a->part[0].gross_dies, ==, gross + 1);
  g_assert_true (a->part[0].die_yield == y);
  for (size_t i = 0; i < n_nodes; i++)
    if (strcmp (nd[i].name, "N5") == 0)
      nd[i].d0_per_cm2 *= 1.5;
  g_assert_cmpint (gp_package_prepare_staged (&p, nd, n_nodes, a, &err), ==, GP_OK);
  g_assert_cmpint (a->part[0].gross_dies, ==, gross + 1);
  g_assert_true (a->part[0].die_yield < y);
  /* a new die size counts again */
  p.parts[0].die_width_mm += 1;
  g_assert_cmpint (gp_package_prepare_staged (&p, nd, n_nodes, a, &err), ==, GP_OK);
  g_assert_cmpint (a->part[0].gross_dies, <, gross);
  /* a plain prepare never reads the memo */
  p.parts[0].die_width_mm -= 1;
  a->count_memo[0].gross = 7;
  g_assert_cmpint (gp_package_prepare (&p, nd, n_nodes, a, &err), ==, GP_OK);
  g_assert_cmpint (a->part[0].gross_dies, ==, gross);
  g_free (a);
  g_free (nd);
}

/* The block search (gp_search_params.threads >= 1) against the sequential one, on every
 * system of the default comparison, in its study's space and the full space, top 10. */
static void
test_search_threads (void)
{
  for (int i = 0; i < design->n_systems; i++)
    {
      const gp_system *sys = &design->systems[i];
      gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
      gp_system_result *res = g_new0 (gp_system_result, 1);
      gp_error err = { 0 };
      g_assert_cmpint (gp_system_prepare (sys, &design->study, nodes, n_nodes, prep, &err), ==,
                       GP_OK);
      /* one evaluation points the step-time context at its inputs and the fabric hook */
      g_assert_cmpint (gp_system_eval (sys, &design->study, prep, NULL, res, NULL, NULL, &err),
                       ==, GP_OK);
      for (int full = 0; full < 2; full++)
        {
          gp_search_params sp = design->study.search;
          if (full)
            gp_search_params_init (&sp);
          sp.n_accel = sys->sys.accelerators;
          sp.top_k = 10;
          gp_search_entry *e[4];
          gp_search_result r[4];
          for (int t = 0; t < 4; t++)
            {
              sp.threads = t;
              e[t] = g_new0 (gp_search_entry, 10);
              g_assert_cmpint (gp_search_run (&prep->steptime, &sp, e[t], &r[t], NULL, NULL,
                                              &err), ==, GP_OK);
            }
          for (int t = 1; t < 4; t++)
            {
              g_assert_cmpint (r[t].n_found, ==, r[0].n_found);
              g_assert_cmpint (r[t].candidates_total, ==, r[0].candidates_total);
              g_assert_cmpint (r[t].covered, ==, r[0].covered);
              for (long k = 0; k < r[0].n_found; k++)
                {
                  g_assert_true (memcmp (&e[t][k].plan, &e[0][k].plan, sizeof e[0][k].plan)
                                 == 0);
                  if (memcmp (&e[t][k].result, &e[0][k].result, sizeof e[0][k].result) != 0)
                    {
                      const unsigned char *x = (const void *) &e[t][k].result;
                      const unsigned char *y = (const void *) &e[0][k].result;
                      size_t at = 0;
                      while (x[at] == y[at])
                        at++;
                      g_error ("t %d k %ld differ at %zu of %zu: %.17g %.17g", t, k, at,
                               sizeof e[0][k].result, e[t][k].result.step_time_s,
                               e[0][k].result.step_time_s);
                    }
                }
              if (t > 1)
                g_assert_true (memcmp (&r[t], &r[1], sizeof r[1]) == 0);
            }
          g_test_message ("%s, %s space: %ld candidates, %ld timed sequentially, %ld by "
                          "blocks", sys->sys.name, full ? "full" : "study", r[0].candidates_total,
                          r[0].evaluated, r[1].evaluated);
          for (int t = 0; t < 4; t++)
            g_free (e[t]);
        }
      /* a thread count past the limit is refused naming it */
      gp_search_params sp = design->study.search;
      sp.n_accel = sys->sys.accelerators;
      sp.threads = GP_THREADS_MAX + 1;
      gp_search_entry one;
      gp_search_result r;
      g_assert_cmpint (gp_search_run (&prep->steptime, &sp, &one, &r, NULL, NULL, &err), ==,
                       GP_EINVAL);
      g_assert_cmpstr (err.param, ==, "threads");
      g_free (res);
      g_free (prep);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  gp_error err = { 0 };
  design = g_new0 (gp_design, 1);
  if (gp_nodes_load (NULL, &nodes, &n_nodes, &err) != GP_OK
      || gp_design_load_default (design, &err) != GP_OK)
    g_error ("%s", err.message);
  g_test_add_func ("/staged/matches-full-prepare", test_staged_matches_full);
  g_test_add_func ("/staged/stages-skipped", test_stages_skipped);
  g_test_add_func ("/staged/search-threads", test_search_threads);
  int rc = g_test_run ();
  free (nodes);
  g_free (design);
  return rc;
}
