/* test-syspath.c: parameter paths into a system, its study and the node table: every
 * named path resolves, values round-trip, mistakes get suggestions, and the "needs
 * gp_system_prepare" flag is right for every path (checked against a fresh preparation). */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gp-design.h"
#include "gp-models.h"
#include "gp-presets.h"
#include "gp-syspath.h"
#include "gp-system.h"

typedef struct {
  gp_node *nodes;
  size_t n_nodes;
  gp_design design;            /* data/comparison.lua: lite-gpu-glass, dgx-h100, cs-3 */
} fixture;

static fixture *
fixture_new (void)
{
  fixture *f = g_new0 (fixture, 1);
  gp_error err = { 0 };
  if (gp_nodes_load (NULL, &f->nodes, &f->n_nodes, &err) != GP_OK
      || gp_design_load_default (&f->design, &err) != GP_OK)
    g_error ("%s", err.message);
  return f;
}

static void
fixture_free (fixture *f)
{
  free (f->nodes);
  g_free (f);
}

static gp_syspath_target
target (fixture *f, int s)
{
  return (gp_syspath_target) { &f->design.systems[s], &f->design.study, f->nodes, f->n_nodes };
}

/* The paths the issue names; package.parts[2] is the H100 package's HBM stack (1-based,
 * as in data/packages.lua and every message). */
static const char *const named_paths[] = {
  "sys.accelerators", "package.carrier_usd_per_mm2", "package.parts[2].usd_per_gb",
  "accel.peak_tflop_per_s", "topology.scaleout_oversubscription", "link.laser_wpe",
  "failure.repair_hours", "carbon.dram_gb", "study.token_budget", "study.grid_ci_g_per_kwh",
  "study.workload.layers", "study.carbon.fab_ci_g_per_kwh", "nodes.N5.d0_per_cm2",
  "package.parts[hbm].usd_per_gb",
};

static void
test_named_paths (void)
{
  fixture *f = fixture_new ();
  gp_syspath_target t = target (f, 1); /* dgx-h100 */
  gp_error err = { 0 };
  for (size_t i = 0; i < G_N_ELEMENTS (named_paths); i++)
    {
      gp_syspath_ref ref;
      if (gp_syspath_resolve (&t, named_paths[i], &ref, &err) != GP_OK)
        g_error ("%s: %s", named_paths[i], err.message);
      g_assert_nonnull (ref.param);
      g_assert_nonnull (ref.owner);
    }
  /* Values land where the structs have them. */
  double v;
  g_assert_cmpint (gp_syspath_get (&t, "sys.accelerators", &v, &err), ==, GP_OK);
  g_assert_cmpfloat (v, ==, (double) f->design.systems[1].sys.accelerators);
  g_assert_cmpint (gp_syspath_get (&t, "study.workload.layers", &v, &err), ==, GP_OK);
  g_assert_cmpfloat (v, ==, 80.0); /* Llama 3 70B: 80 layers (data/workloads.lua) */
  g_assert_cmpint (gp_syspath_get (&t, "nodes.N5.d0_per_cm2", &v, &err), ==, GP_OK);
  g_assert_cmpfloat (v, ==, gp_nodes_find (f->nodes, f->n_nodes, "N5")->d0_per_cm2);
  /* A kind selector resolves to the index: the H100 package's HBM part is parts[2]. */
  gp_syspath_ref ref;
  g_assert_cmpint (gp_syspath_resolve (&t, "package.parts[hbm].usd_per_gb", &ref, &err), ==,
                   GP_OK);
  g_assert_cmpstr (ref.path, ==, "package.parts[2].usd_per_gb");
  g_assert_true (ref.owner == &f->design.systems[1].package.parts[1]);
  /* carbon.dram_gb is filled from sys.host_dram_gb by the system: an alias. */
  g_assert_cmpint (gp_syspath_resolve (&t, "carbon.dram_gb", &ref, &err), ==, GP_OK);
  g_assert_cmpstr (ref.path, ==, "sys.host_dram_gb");
  g_assert_true (ref.owner == &f->design.systems[1].sys);
  fixture_free (f);
}

static void
test_needs_prepare (void)
{
  /* What gp_system_prepare caches (gp-system.c) against what gp_system_eval reads. */
  static const struct {
    const char *path;
    bool prepare;
  } cases[] = {
    { "sys.pue", false },
    { "sys.accelerators", true },
    { "sys.server_cost_usd", false },
    { "package.carrier_usd_per_mm2", false },   /* price: read by gp_package_cost */
    { "package.bond_yield_microbump", true },   /* also in the cached package carbon */
    { "package.parts[1].usd_per_gb", false },
    { "package.parts[1].die_width_mm", true },
    { "accel.peak_tflop_per_s", true },
    { "accel.matmul_efficiency", true },
    { "topology.scaleout_oversubscription", true },
    { "link.laser_wpe", true },
    { "failure.repair_hours", false },
    { "carbon.cooling_kgco2e", false },
    { "carbon.dram_gb", false },                /* = sys.host_dram_gb */
    { "study.token_budget", false },
    { "study.grid_ci_g_per_kwh", false },
    { "study.workload.layers", true },
    { "study.carbon.fab_ci_g_per_kwh", true },  /* package carbon is prepared */
    { "study.search.max_interleave", false },
    { "nodes.N5.d0_per_cm2", true },
  };
  gp_error err = { 0 };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      bool p = !cases[i].prepare;
      if (gp_syspath_needs_prepare (cases[i].path, &p, &err) != GP_OK)
        g_error ("%s: %s", cases[i].path, err.message);
      if (p != cases[i].prepare)
        g_error ("%s: needs_prepare = %d, expected %d", cases[i].path, p, cases[i].prepare);
    }
}

static void
test_round_trip (void)
{
  fixture *f = fixture_new ();
  gp_error err = { 0 };
  for (int s = 0; s < f->design.n_systems; s++)
    {
      gp_syspath_target t = target (f, s);
      size_t n = gp_syspath_list (&t, NULL, 0);
      g_assert_cmpuint (n, >, 150);
      gp_syspath_info *info = g_new (gp_syspath_info, n);
      g_assert_cmpuint (gp_syspath_list (&t, info, n), ==, n);
      for (size_t i = 0; i < n; i++)
        {
          gp_syspath_ref ref;
          if (gp_syspath_resolve (&t, info[i].path, &ref, &err) != GP_OK)
            g_error ("%s: %s", info[i].path, err.message);
          g_assert_true (ref.param == info[i].param);
          g_assert_cmpstr (ref.path, ==, info[i].path);
          double v = gp_syspath_ref_get (&ref);
          if (!isfinite (v))
            g_error ("%s = %g", info[i].path, v);
          /* set what is there: unchanged */
          if (gp_syspath_ref_set (&ref, v, &err) != GP_OK)
            g_error ("%s = %g: %s", info[i].path, v, err.message);
          g_assert_cmpfloat (gp_syspath_ref_get (&ref), ==, v);
          /* a new value inside the range reads back */
          if (ref.param->type == GP_PARAM_DOUBLE && !(ref.flags & GP_SYSPATH_F_COUPLED))
            {
              double w = v != 0 ? v * 0.75 : 0.5;
              if (w < ref.param->min || w > ref.param->max
                  || (w == ref.param->min && (ref.param->flags & GP_RANGE_MIN_EXCLUSIVE)))
                continue;
              if (gp_syspath_ref_set (&ref, w, &err) != GP_OK)
                g_error ("%s = %g: %s", info[i].path, w, err.message);
              g_assert_cmpfloat (gp_syspath_ref_get (&ref), ==, w);
              g_assert_cmpint (gp_syspath_ref_set (&ref, v, &err), ==, GP_OK);
            }
        }
      /* The list holds no names (strings), aliases or computed fields. */
      for (size_t i = 0; i < n; i++)
        {
          g_assert_true (info[i].param->type != GP_PARAM_STRING);
          g_assert_cmpstr (info[i].path, !=, "carbon.dram_gb");
          g_assert_cmpstr (info[i].path, !=, "failure.checkpoint_gb");
        }
      g_free (info);
    }
  /* A short buffer gets the first paths and the total. */
  gp_syspath_target t = target (f, 1);
  gp_syspath_info two[2];
  size_t total = gp_syspath_list (&t, two, 2);
  g_assert_cmpuint (total, >, 2);
  g_assert_cmpstr (two[0].path, ==, "sys.family");
  fixture_free (f);
}

static void
test_errors (void)
{
  fixture *f = fixture_new ();
  gp_syspath_target t = target (f, 0); /* lite-gpu-glass: 3 parts (die, HBM, optics) */
  g_assert_cmpint (f->design.systems[0].package.n_parts, ==, 3);
  gp_syspath_ref ref;
  gp_error err = { 0 };
  /* unknown field, with the nearest name suggested */
  g_assert_cmpint (gp_syspath_resolve (&t, "package.carier_usd_per_mm2", &ref, &err), ==,
                   GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "did you mean 'package.carrier_usd_per_mm2'"));
  g_assert_cmpint (gp_syspath_resolve (&t, "study.workload.layer", &ref, &err), ==,
                   GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "did you mean 'study.workload.layers'"));
  /* unknown section */
  g_assert_cmpint (gp_syspath_resolve (&t, "syss.pue", &ref, &err), ==, GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "no section 'syss'"));
  g_assert_nonnull (strstr (err.message, "did you mean 'sys'"));
  /* a part index past the package's parts */
  g_assert_cmpint (gp_syspath_resolve (&t, "package.parts[9].usd_per_gb", &ref, &err), ==,
                   GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "has 3 parts (1..3)"));
  g_assert_cmpint (gp_syspath_resolve (&t, "package.parts[0].usd_per_gb", &ref, &err), ==,
                   GP_EINVAL);
  g_assert_cmpint (gp_syspath_resolve (&t, "package.parts[hmb].usd_per_gb", &ref, &err), ==,
                   GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "did you mean 'hbm'"));
  g_assert_cmpint (gp_syspath_resolve (&t, "package.parts[other].usd_per_gb", &ref, &err), ==,
                   GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "no other part"));
  /* malformed */
  g_assert_cmpint (gp_syspath_resolve (&t, "", &ref, &err), ==, GP_EINVAL);
  g_assert_cmpint (gp_syspath_resolve (&t, "package.parts[2.usd_per_gb", &ref, &err), ==,
                   GP_EINVAL);
  g_assert_cmpint (gp_syspath_resolve (&t, "nodes.N5", &ref, &err), ==, GP_EINVAL);
  char longpath[200];
  memset (longpath, 'a', sizeof longpath - 1);
  longpath[sizeof longpath - 1] = '\0';
  g_assert_cmpint (gp_syspath_resolve (&t, longpath, &ref, &err), ==, GP_EINVAL);
  /* unknown node, with a suggestion */
  g_assert_cmpint (gp_syspath_resolve (&t, "nodes.N6.d0_per_cm2", &ref, &err), ==,
                   GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "no node 'N6'"));
  /* computed fields cannot be set */
  g_assert_cmpint (gp_syspath_resolve (&t, "failure.checkpoint_gb", &ref, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "computed"));
  /* the Lite-GPU's scale-up pJ/bit comes from its link while use_scaleup_link is on */
  g_assert_true (f->design.systems[0].sys.use_scaleup_link);
  g_assert_cmpint (gp_syspath_resolve (&t, "topology.scaleup_energy_pj_per_bit", &ref, &err),
                   ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "use_scaleup_link"));
  /* a target without a study or nodes */
  gp_syspath_target bare = { &f->design.systems[0], NULL, NULL, 0 };
  g_assert_cmpint (gp_syspath_resolve (&bare, "study.token_budget", &ref, &err), ==, GP_EINVAL);
  g_assert_cmpint (gp_syspath_resolve (&bare, "nodes.N5.d0_per_cm2", &ref, &err), ==,
                   GP_EINVAL);
  /* out of range and NaN values: refused, naming the path, and nothing changes */
  double before = f->design.systems[0].sys.pue;
  g_assert_cmpint (gp_syspath_set (&t, "sys.pue", 0.5, NULL, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "sys.pue"));
  g_assert_cmpint (gp_syspath_set (&t, "sys.pue", NAN, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpfloat (f->design.systems[0].sys.pue, ==, before);
  g_assert_cmpint (gp_syspath_set (&t, "study.workload.layers", 80.5, NULL, &err), ==,
                   GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "whole number"));
  double v;
  g_assert_cmpint (gp_syspath_get (&t, "sys.name", &v, &err), ==, GP_EINVAL);
  fixture_free (f);
}

/* Coupled fields keep the system valid (gp_system_validate's equalities). */
static void
test_coupled (void)
{
  fixture *f = fixture_new ();
  gp_system *s = &f->design.systems[1]; /* dgx-h100 */
  gp_syspath_target t = target (f, 1);
  gp_error err = { 0 };
  bool prep = false;
  g_assert_cmpint (gp_syspath_set (&t, "sys.accelerators", 2048, &prep, &err), ==, GP_OK);
  g_assert_true (prep);
  g_assert_cmpint (s->topology.accelerators, ==, 2048);
  g_assert_cmpint (s->failure.n_accel, ==, 2048);
  g_assert_cmpint (gp_system_validate (s, &err), ==, GP_OK);
  /* not a whole number of 8-GPU servers */
  g_assert_cmpint (gp_syspath_set (&t, "sys.accelerators", 2050, &prep, &err), ==, GP_EINVAL);
  g_assert_cmpint (s->sys.accelerators, ==, 2048);

  g_assert_cmpint (gp_syspath_set (&t, "accel.peak_tflop_per_s", 1200, &prep, &err), ==, GP_OK);
  if (s->package.peak_pflops > 0)
    g_assert_cmpfloat_with_epsilon (s->package.peak_pflops, 1.2, 1e-12);
  g_assert_cmpint (gp_system_validate (s, &err), ==, GP_OK);

  /* HBM capacity per stack 16 -> 20 GB: 5 active stacks -> 100 GB of accelerator memory */
  g_assert_cmpint (gp_syspath_set (&t, "package.parts[hbm].capacity_gb", 20, &prep, &err), ==,
                   GP_OK);
  long act = s->package.parts[1].active_count < 0 ? s->package.parts[1].count
                                                   : s->package.parts[1].active_count;
  g_assert_cmpfloat_with_epsilon (s->accel.mem_capacity_gb, 20.0 * (double) act, 1e-9);
  g_assert_cmpint (gp_system_validate (s, &err), ==, GP_OK);
  /* and the other way: 120 GB of memory scales the stacks to 24 GB (5 active) */
  g_assert_cmpint (gp_syspath_set (&t, "accel.mem_capacity_gb", 24.0 * (double) act, &prep,
                                   &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (s->package.parts[1].capacity_gb, 24.0, 1e-9);
  g_assert_cmpint (gp_system_validate (s, &err), ==, GP_OK);
  fixture_free (f);
}

/* The flag, checked: for every path marked "eval only", change the value and compare an
 * evaluation on the old preparation with one on a fresh preparation. They must agree in
 * every output; otherwise the path needs GP_SYSPATH_F_PREPARE. */
static void
check_eval_only_paths (fixture *f, int s)
{
  gp_error err = { 0 };
  gp_system *sys = &f->design.systems[s];
  gp_study *st = &f->design.study;
  gp_system_prepared *prep = g_new (gp_system_prepared, 1);
  gp_system_prepared *fresh = g_new (gp_system_prepared, 1);
  gp_system_result *r1 = g_new (gp_system_result, 1), *r2 = g_new (gp_system_result, 1);
  if (gp_system_prepare (sys, st, f->nodes, f->n_nodes, prep, &err) != GP_OK
      || gp_system_eval (sys, st, prep, NULL, r1, NULL, NULL, &err) != GP_OK)
    g_error ("%s: %s", sys->sys.name, err.message);
  gp_plan plan = r1->plan;
  gp_syspath_target t = target (f, s);
  size_t n = gp_syspath_list (&t, NULL, 0);
  gp_syspath_info *info = g_new (gp_syspath_info, n);
  gp_syspath_list (&t, info, n);
  size_t checked = 0;
  for (size_t i = 0; i < n; i++)
    {
      if (info[i].flags & GP_SYSPATH_F_PREPARE)
        continue;
      gp_syspath_ref ref;
      g_assert_cmpint (gp_syspath_resolve (&t, info[i].path, &ref, &err), ==, GP_OK);
      double v = gp_syspath_ref_get (&ref), w;
      const gp_param *p = ref.param;
      switch (p->type)
        {
        case GP_PARAM_BOOL: w = v ? 0 : 1; break;
        case GP_PARAM_ENUM: continue; /* none is eval-only today */
        case GP_PARAM_INT: w = v + 1 <= p->max ? v + 1 : v - 1; break;
        default: w = v != 0 ? v * 1.25 : (p->max < 1 ? p->max / 2 : 1); break;
        }
      if (w > p->max)
        w = v * 0.8;
      gp_system copy = *sys;
      gp_study study = *st;
      gp_syspath_target tc = { &copy, &study, f->nodes, f->n_nodes };
      gp_syspath_ref rc;
      g_assert_cmpint (gp_syspath_resolve (&tc, info[i].path, &rc, &err), ==, GP_OK);
      if (gp_syspath_ref_set (&rc, w, &err) != GP_OK)
        continue; /* e.g. a share that would push another over 1 */
      /* the search space only matters with the search: run it both ways for those */
      const gp_plan *pl = strncmp (info[i].path, "study.search.", 13) == 0 ? NULL : &plan;
      gp_system_prepared old = *prep;
      gp_status s1 = gp_system_eval (&copy, &study, &old, pl, r1, NULL, NULL, &err);
      gp_status s0 = gp_system_prepare (&copy, &study, f->nodes, f->n_nodes, fresh, &err);
      gp_status s2 = s0 == GP_OK ? gp_system_eval (&copy, &study, fresh, pl, r2, NULL, NULL, &err)
                                 : s0;
      if (s1 != s2)
        g_error ("%s: %s = %g: eval on the old preparation gives status %d, a fresh one %d "
                 "(%s)", sys->sys.name, info[i].path, w, s1, s2, err.message);
      if (s1 != GP_OK)
        continue;
      for (size_t k = 0; k < gp_system_result_table.n_params; k++)
        {
          const gp_param *o = &gp_system_result_table.params[k];
          double a = gp_param_get (o, r1), b = gp_param_get (o, r2);
          if (!(fabs (a - b) <= 1e-12 * fmax (fabs (a), fabs (b))))
            g_error ("%s: %s is marked eval-only, but after setting it to %g the output %s is "
                     "%.17g on the old preparation and %.17g on a fresh one", sys->sys.name,
                     info[i].path, w, o->name, a, b);
        }
      checked++;
    }
  g_assert_cmpuint (checked, >, 40);
  g_free (info);
  g_free (prep);
  g_free (fresh);
  g_free (r1);
  g_free (r2);
}

static void
test_flags_against_prepare (void)
{
  fixture *f = fixture_new ();
  for (int s = 0; s < f->design.n_systems; s++)
    check_eval_only_paths (f, s);
  fixture_free (f);
}

/* A sweep's reused step (gp_system_prepared.reuse_step): over random sets of the eval-only
 * paths a sweep may move without it being turned off (everything but the workload and the
 * topology), an evaluation on one preparation that keeps the step from the base point must
 * give every output bit for bit as a full evaluation on a fresh preparation, and the same
 * status. A path the step time reads, kept wrongly, shows up here as a changed output. */
static void
check_reused_step (fixture *f, int s, GRand *rng)
{
  gp_error err = { 0 };
  gp_system *sys = &f->design.systems[s];
  gp_study *st = &f->design.study;
  gp_system_prepared *keep = g_new (gp_system_prepared, 1);
  gp_system_prepared *fresh = g_new (gp_system_prepared, 1);
  gp_system_result *r1 = g_new (gp_system_result, 1), *r2 = g_new (gp_system_result, 1);
  if (gp_system_prepare (sys, st, f->nodes, f->n_nodes, keep, &err) != GP_OK
      || gp_system_eval (sys, st, keep, NULL, r1, NULL, NULL, &err) != GP_OK)
    g_error ("%s: %s", sys->sys.name, err.message);
  gp_plan plan = r1->plan;
  keep->reuse_step = true;
  g_assert_cmpint (gp_system_eval (sys, st, keep, &plan, r1, NULL, NULL, &err), ==, GP_OK);
  g_assert_true (keep->step_kept);
  gp_syspath_target t = target (f, s);
  size_t n = gp_syspath_list (&t, NULL, 0);
  gp_syspath_info *info = g_new (gp_syspath_info, n);
  gp_syspath_list (&t, info, n);
  int compared = 0;
  for (int round = 0; round < 200; round++)
    {
      gp_system copy = *sys;
      gp_study study = *st;
      gp_syspath_target tc = { &copy, &study, f->nodes, f->n_nodes };
      int moved = 0;
      for (size_t i = 0; i < n; i++)
        {
          if ((info[i].flags & GP_SYSPATH_F_PREPARE) || g_rand_int_range (rng, 0, 4) != 0
              || strncmp (info[i].path, "topology.", 9) == 0
              || strncmp (info[i].path, "study.workload.", 15) == 0
              || strncmp (info[i].path, "study.search.", 13) == 0)
            continue;
          gp_syspath_ref rc;
          g_assert_cmpint (gp_syspath_resolve (&tc, info[i].path, &rc, &err), ==, GP_OK);
          const gp_param *p = rc.param;
          double v = gp_syspath_ref_get (&rc), w;
          switch (p->type)
            {
            case GP_PARAM_BOOL: w = g_rand_boolean (rng); break;
            case GP_PARAM_ENUM: continue;
            case GP_PARAM_INT: w = v + g_rand_int_range (rng, -2, 3); break;
            default:
              w = v != 0 ? v * g_rand_double_range (rng, 0.5, 2.0)
                         : g_rand_double_range (rng, 0, p->max < 1 ? p->max : 1);
              break;
            }
          if (gp_syspath_ref_set (&rc, w, &err) == GP_OK) /* out of range: left as it was */
            moved++;
        }
      gp_status s1 = gp_system_eval (&copy, &study, keep, &plan, r1, NULL, NULL, &err);
      gp_status s0 = gp_system_prepare (&copy, &study, f->nodes, f->n_nodes, fresh, &err);
      gp_status s2 = s0 == GP_OK ? gp_system_eval (&copy, &study, fresh, &plan, r2, NULL, NULL,
                                                   &err)
                                 : s0;
      g_assert_cmpint (s1, ==, s2);
      if (s1 != GP_OK || moved == 0)
        continue;
      for (size_t k = 0; k < gp_system_result_table.n_params; k++)
        {
          const gp_param *o = &gp_system_result_table.params[k];
          double a = gp_param_get (o, r1), b = gp_param_get (o, r2);
          if (memcmp (&a, &b, sizeof a) != 0)
            g_error ("%s, round %d: %s is %.17g with the step kept and %.17g in full",
                     sys->sys.name, round, o->name, a, b);
        }
      g_assert_cmpstr (r1->binding, ==, r2->binding);
      g_assert_cmpstr (r1->limits, ==, r2->limits);
      g_assert_true (memcmp (&r1->step.step_time_s, &r2->step.step_time_s, sizeof (double)) == 0);
      compared++;
    }
  g_assert_cmpint (compared, >, 100);
  g_free (info);
  g_free (keep);
  g_free (fresh);
  g_free (r1);
  g_free (r2);
}

static void
test_reused_step (void)
{
  fixture *f = fixture_new ();
  GRand *rng = g_rand_new_with_seed (19);
  for (int s = 0; s < f->design.n_systems; s++)
    check_reused_step (f, s, rng);
  g_rand_free (rng);
  fixture_free (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/syspath/named-paths", test_named_paths);
  g_test_add_func ("/models/syspath/needs-prepare", test_needs_prepare);
  g_test_add_func ("/models/syspath/round-trip", test_round_trip);
  g_test_add_func ("/models/syspath/errors", test_errors);
  g_test_add_func ("/models/syspath/coupled", test_coupled);
  g_test_add_func ("/models/syspath/flags-against-prepare", test_flags_against_prepare);
  g_test_add_func ("/models/syspath/reused-step-bit-identical", test_reused_step);
  return g_test_run ();
}
