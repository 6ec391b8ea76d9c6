/* test-design.c: system presets and design files (scripting/gp-design.c): the default
 * comparison, overrides, the save -> load round trip, and malformed files. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gp-design.h"
#include "gp-models.h"
#include "gp-presets.h"

static void
assert_same_params (const gp_param_table *t, const void *a, const void *b, const char *what)
{
  for (size_t i = 0; i < t->n_params; i++)
    {
      const gp_param *p = &t->params[i];
      if (p->type == GP_PARAM_STRING)
        {
          if (strcmp ((const char *) a + p->offset, (const char *) b + p->offset) != 0)
            g_error ("%s.%s: '%s' vs '%s'", what, p->name, (const char *) a + p->offset,
                     (const char *) b + p->offset);
        }
      else if (gp_param_get (p, a) != gp_param_get (p, b))
        g_error ("%s.%s: %.17g vs %.17g", what, p->name, gp_param_get (p, a),
                 gp_param_get (p, b));
    }
}

/* Field by field through the descriptor tables: every value that a file can hold. */
static void
assert_same_design (const gp_design *a, const gp_design *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpint (a->n_systems, ==, b->n_systems);
  g_assert_cmpint (a->baseline, ==, b->baseline);
  assert_same_params (&gp_study_param_table, &a->study, &b->study, "study");
  assert_same_params (&gp_workload_param_table, &a->study.workload, &b->study.workload,
                      "workload");
  assert_same_params (&gp_carbon_param_table, &a->study.carbon, &b->study.carbon, "carbon");
  assert_same_params (&gp_search_param_table, &a->study.search, &b->study.search, "search");
  g_assert_cmpint (a->has_inference, ==, b->has_inference);
  assert_same_params (&gp_inference_param_table, &a->inference, &b->inference, "inference");
  for (int i = 0; i < a->n_systems; i++)
    {
      const gp_system *x = &a->systems[i], *y = &b->systems[i];
      assert_same_params (&gp_system_param_table, &x->sys, &y->sys, "sys");
      assert_same_params (&gp_package_param_table, &x->package, &y->package, "package");
      g_assert_cmpint (x->package.n_parts, ==, y->package.n_parts);
      for (int j = 0; j < x->package.n_parts; j++)
        assert_same_params (&gp_package_part_param_table, &x->package.parts[j],
                            &y->package.parts[j], "parts");
      assert_same_params (&gp_accel_param_table, &x->accel, &y->accel, "accel");
      assert_same_params (&gp_topology_param_table, &x->topology, &y->topology, "topology");
      assert_same_params (&gp_link_param_table, &x->link, &y->link, "link");
      assert_same_params (&gp_failure_param_table, &x->failure, &y->failure, "failure");
  assert_same_params (&gp_cost_param_table, &x->cost, &y->cost, "cost");
      assert_same_params (&gp_carbon_system_param_table, &x->carbon, &y->carbon, "carbon");
    }
}

/* data/comparison.lua: Lite-GPU glass, DGX H100 and CS-3 at about equal peak compute on
 * Llama 3 70B, 15T tokens, world grid, baseline DGX H100. Peaks by hand:
 * 4,096 x 247.25 = 1,024 x 989 = 1,012,736 TFLOP/s; 16 x 62,500 = 1,000,000 TFLOP/s,
 * within one CS-3 (62,500) of the others. */
static void
test_default_comparison (void)
{
  gp_design *d = g_new0 (gp_design, 1);
  gp_error err = { 0 };
  if (gp_design_load_default (d, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpint (d->n_systems, ==, 3);
  g_assert_cmpstr (d->systems[0].sys.name, ==, "lite-gpu-glass");
  g_assert_cmpstr (d->systems[1].sys.name, ==, "dgx-h100");
  g_assert_cmpstr (d->systems[2].sys.name, ==, "cs-3");
  g_assert_cmpint (d->baseline, ==, 1);
  g_assert_cmpstr (d->study.workload.name, ==, "llama3-70b");
  g_assert_cmpfloat (d->study.token_budget, ==, 15e12);
  g_assert_cmpfloat (d->study.grid_ci_g_per_kwh, ==, 301);
  double peak[3];
  for (int i = 0; i < 3; i++)
    peak[i] = (double) d->systems[i].sys.accelerators * d->systems[i].accel.peak_tflop_per_s;
  g_assert_cmpfloat_with_epsilon (peak[0], 1012736, 1e-6);
  g_assert_cmpfloat_with_epsilon (peak[1], 1012736, 1e-6);
  g_assert_cmpfloat_with_epsilon (peak[2], 1013760, 1e-6); /* 64 x 15,840 (data/comparison.lua) */
  g_assert_cmpfloat (fabs (peak[2] - peak[1]), <, d->systems[2].accel.peak_tflop_per_s);
  g_free (d);
}

/* Every preset of data/systems.lua loads, with unique names, and validates; an unknown
 * name is GP_ENOTFOUND naming it. */
static void
test_system_presets (void)
{
  gp_system *all;
  size_t n;
  gp_error err = { 0 };
  if (gp_systems_load (NULL, &all, &n, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpuint (n, ==, 7); /* dgx-h100, dgx-h800, dgx-b200, dgx-a100, cs-3, cs-2, lite-gpu-glass */
  for (size_t i = 0; i < n; i++)
    {
      g_assert_cmpint (gp_system_validate (&all[i], &err), ==, GP_OK);
      for (size_t j = 0; j < i; j++)
        g_assert_cmpstr (all[i].sys.name, !=, all[j].sys.name);
    }
  free (all);
  gp_system s;
  g_assert_cmpint (gp_system_preset ("dgx-h200", &s, &err), ==, GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "dgx-h200"));
}

/* Overrides on a preset: the flat count, one accel field, a package field; the topology
 * follows the count; the rest stays the preset's. */
static void
test_overrides (void)
{
  static const char src[] =
    "return { format = 1, kind = 'design', study = { workload = 'llama3-8b',\n"
    "  token_budget = 1e12, grid_ci_g_per_kwh = 583, search = { max_interleave = 2 } },\n"
    "  systems = {\n"
    "    { preset = 'dgx-h100', name = 'small', accelerators = 512,\n"
    "      accel = { peak_tflop_per_s = 900 }, package = { peak_pflops = 0.9 } },\n"
    "    { derive = { parent = 'dgx-h100', fraction = 0.5, optics = 'cpo-1.6t-nvidia' },\n"
    "      name = 'half' },\n"
    "  },\n"
    "  baseline = 'half' }\n";
  gp_design *d = g_new0 (gp_design, 1);
  gp_error err = { 0 };
  if (gp_design_load_buffer ("design.lua", src, sizeof src - 1, d, &err) != GP_OK)
    g_error ("%s", err.message);
  gp_system ref;
  g_assert_cmpint (gp_system_preset ("dgx-h100", &ref, &err), ==, GP_OK);
  const gp_system *s = &d->systems[0];
  g_assert_cmpstr (s->sys.name, ==, "small");
  g_assert_cmpint (s->sys.accelerators, ==, 512);
  g_assert_cmpint (s->topology.accelerators, ==, 512);
  g_assert_cmpint (s->failure.n_accel, ==, 512);
  g_assert_cmpfloat (s->accel.peak_tflop_per_s, ==, 900);
  g_assert_cmpfloat (s->accel.mem_bw_gb_per_s, ==, ref.accel.mem_bw_gb_per_s);
  g_assert_cmpfloat (s->sys.server_cost_usd, ==, ref.sys.server_cost_usd);
  g_assert_cmpstr (d->study.workload.name, ==, "llama3-8b");
  g_assert_cmpint (d->study.search.max_interleave, ==, 2);
  g_assert_cmpint (d->study.search.max_microbatch_seqs, ==, 8); /* the default space's */
  g_assert_cmpint (d->baseline, ==, 1);
  /* The half-H100 Lite-GPU with one 1.6 Tb/s CPO port: shoreline 3,600 x sqrt(1/2) =
   * 2,545.6 Gb/s -> floor(2,545.6 / 1,600) = 1 port; 128 servers of 16. */
  const gp_system *h = &d->systems[1];
  g_assert_cmpint (h->sys.accelerators, ==, 2048);
  g_assert_cmpint (h->topology.scaleup_links_per_accel, ==, 1);
  g_assert_cmpfloat (h->topology.scaleup_link_rate_gbps, ==, 1600);
  g_free (d);
}

static void
round_trip (const gp_design *d)
{
  gp_error err = { 0 };
  char *text;
  size_t len;
  if (gp_design_to_string (d, &text, &len, &err) != GP_OK)
    g_error ("%s", err.message);
  gp_design *e = g_new0 (gp_design, 1);
  if (gp_design_load_buffer ("saved.lua", text, len, e, &err) != GP_OK)
    g_error ("%s\n%s", err.message, text);
  assert_same_design (d, e);
  /* Written again, the text is the same byte for byte. */
  char *text2;
  size_t len2;
  g_assert_cmpint (gp_design_to_string (e, &text2, &len2, &err), ==, GP_OK);
  g_assert_cmpuint (len, ==, len2);
  g_assert_cmpint (memcmp (text, text2, len), ==, 0);
  free (text);
  free (text2);
  g_free (e);
}

/* Save -> load gives identical structs, through memory and through a file (atomic write);
 * names with quotes, backslashes and newlines survive the escaping. */
static void
test_round_trip (void)
{
  gp_design *d = g_new0 (gp_design, 1);
  gp_error err = { 0 };
  if (gp_design_load_default (d, &err) != GP_OK)
    g_error ("%s", err.message);
  round_trip (d);

  strcpy (d->name, "a \"quoted\" name\\ with\nnewline\tand tab, \xc3\xa9t\xc3\xa9");
  strcpy (d->systems[0].sys.name, "lite \"glass\"");
  d->systems[1].sys.server_cost_usd = 0.1; /* not exact in binary: %.17g must round-trip */
  d->systems[1].accel.matmul_efficiency = 1.0 / 3.0;
  d->study.token_budget = 1.2345678901234567e13;
  d->baseline = 2;
  round_trip (d);

  /* An inference study (study.inference) survives too, every serving parameter explicit. */
  d->has_inference = true;
  d->inference.batch_seqs = 48;
  d->inference.weight_bits = 8;
  d->inference.spec_acceptance = 0.7;
  d->inference.disaggregated = true;
  d->inference.utilisation = 1.0 / 3.0;
  strcpy (d->inference.name, "interactive \"chat\"");
  round_trip (d);

  g_autofree char *dir = g_dir_make_tmp ("gp-design-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "design.lua", NULL);
  g_assert_cmpint (gp_design_save (path, d, &err), ==, GP_OK);
  gp_design *e = g_new0 (gp_design, 1);
  if (gp_design_load (path, e, &err) != GP_OK)
    g_error ("%s", err.message);
  assert_same_design (d, e);
  g_unlink (path);
  g_rmdir (dir);

  /* A directory that does not exist: GP_EIO naming the path, nothing written. */
  g_assert_cmpint (gp_design_save ("/nonexistent-dir/x/design.lua", d, &err), ==, GP_EIO);
  g_assert_nonnull (strstr (err.message, "/nonexistent-dir/x/design.lua"));
  /* An invalid design is refused before anything is written. */
  e->n_systems = 0;
  g_assert_cmpint (gp_design_to_string (e, NULL, NULL, &err), ==, GP_EINVAL);
  char *text;
  g_assert_cmpint (gp_design_to_string (e, &text, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n_systems");
  e->n_systems = 1;
  e->baseline = 0;
  e->systems[0].accel.peak_tflop_per_s = 1;
  g_assert_cmpint (gp_design_to_string (e, &text, NULL, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "systems[1]"));
  g_free (d);
  g_free (e);
}

/* Malformed files: each message names the file, the entry and the key. */
static void
test_malformed (void)
{
#define STUDY "study = { workload = 'llama3-70b', token_budget = 15e12, grid_ci_g_per_kwh = 301 }"
  static const struct { const char *src; gp_status st; const char *want; } cases[] = {
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100' },"
      " { preset = 'cs-3', accel = { peak_tflop_per_s = -1 } } } }", GP_EINVAL,
      "design.lua: systems[2] (cs-3): accel.peak_tflop_per_s = -1 is out of range" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " accel = { peak_tflops = 1 } } } }", GP_ENOTFOUND,
      "systems[1] (dgx-h100): accel: unknown parameter 'peak_tflops'" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h200' } } }",
      GP_ENOTFOUND, "preset 'dgx-h200' is not in data/systems.lua" },
    { "return { format = 2, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100' } } }",
      GP_EINVAL, "newer" },
    { "return { format = 1, kind = 'systems', " STUDY ", systems = { { preset = 'dgx-h100' } } }",
      GP_EINVAL, "kind must be \"design\"" },
    { "return { format = 1, kind = 'design', " STUDY " }", GP_EINVAL, "no \"systems\" list" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { {preset='cs-3'},"
      "{preset='cs-3'},{preset='cs-3'},{preset='cs-3'},{preset='cs-3'},{preset='cs-3'},"
      "{preset='cs-3'},{preset='cs-3'},{preset='cs-3'} } }", GP_EINVAL, "allowed [1, 8]" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100' } },"
      " baseline = 3 }", GP_EINVAL, "baseline = 3 is out of range" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100' } },"
      " baseline = 'cs-3' }", GP_ENOTFOUND, "baseline 'cs-3' names no system" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " derive = { parent = 'dgx-h100', fraction = 0.5 } } } }", GP_EINVAL,
      "preset or derive, not both" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " accelerators = 1020 } } }", GP_EINVAL,
      "systems[1] (dgx-h100): accelerators = 1020 is not a multiple of accels_per_server" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " topology = { accelerators = 64 } } } }", GP_EINVAL,
      "topology.accelerators = 64 differs from accelerators = 1024" },
    { "return { format = 1, kind = 'design', study = { workload = 'llama3-70b',"
      " grid_ci_g_per_kwh = 301 }, systems = { { preset = 'dgx-h100' } } }", GP_EINVAL,
      "missing parameter 'token_budget'" },
    { "return { format = 1, kind = 'design', study = { workload = 'llama9', token_budget = 1,"
      " grid_ci_g_per_kwh = 301 }, systems = { { preset = 'dgx-h100' } } }", GP_ENOTFOUND,
      "study.workload: preset 'llama9' is not in data/workloads.lua" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100' } },"
      " sytems = {} }", GP_ENOTFOUND, "unknown key 'sytems'" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { derive = { parent ="
      " 'dgx-h100', fraction = 0.5, fractoin = 1 } } } }", GP_ENOTFOUND,
      "derive: unknown key 'fractoin'" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { derive = { parent ="
      " 'dgx-h100', fraction = 2 } } } }", GP_EINVAL, "fraction = 2 is out of range" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { name = 'bare',"
      " family = 'dgx' } } }", GP_EINVAL, "systems[1] (bare): missing parameter" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " package = { parts = { { name = 'x', kind = 'logic' } } } } } }", GP_EINVAL,
      "package.parts[1]: missing parameter 'count'" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " link = 42 } } }", GP_EINVAL, "link must be a preset name or a table" },
    /* Reported: a NUL in a preset name was cut short ("dgx-h100\0evil" loaded as
     * dgx-h100); a sparse systems list dropped a system; stray keys beside the systems and
     * parts lists were ignored; a missing node was reported only at evaluation. */
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset ="
      " 'dgx-h100\\0evil' } } }", GP_EINVAL, "systems[1] (dgx-h100): a preset name contains a NUL byte" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { derive = { parent ="
      " 'dgx-h100\\0x', fraction = 0.5 } } } }", GP_EINVAL, "a preset name contains a NUL" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " link = 'glass-ionx-board\\0' } } }", GP_EINVAL, "link: a preset name contains a NUL" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { [1] = { preset = 'dgx-h100' },"
      " [3] = { preset = 'cs-3' } } }", GP_EINVAL, "design.lua: systems has a gap" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100' },"
      " extra = { preset = 'cs-3' } } }", GP_EINVAL,
      "design.lua: systems has a key 'extra' beside its entries" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " package = { parts = { [2] = {} } } } } }", GP_EINVAL, "package.parts has a gap" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " package = { parts = { bogus = 1 } } } } }", GP_EINVAL,
      "package.parts has a key 'bogus'" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " package = { carrier_node = 'N99' } } } }", GP_ENOTFOUND,
      "systems[1] (dgx-h100): package.carrier_node 'N99' is not in data/nodes.lua" },
    /* A name that is not UTF-8 could not be drawn on a chart (pango refuses it). */
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " name = 'dgx\\255' } } }", GP_EINVAL, "name is not valid UTF-8" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100',"
      " name = 'over\\xC0\\xAFlong' } } }", GP_EINVAL, "name is not valid UTF-8" },
    { "os.execute('true') return {}", GP_EINVAL, "design.lua" },
    { "return { format = 1, kind = 'design', " STUDY ", systems = { { preset = 'dgx-h100' }",
      GP_EINVAL, "design.lua" },
  };
#undef STUDY
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gp_design *d = g_new0 (gp_design, 1);
      gp_error err = { 0 };
      gp_status st = gp_design_load_buffer ("design.lua", cases[i].src, strlen (cases[i].src), d,
                                            &err);
      if (st != cases[i].st || strstr (err.message, cases[i].want) == NULL)
        g_error ("case %zu: status %d (want %d), message '%s' lacks '%s'", i, st, cases[i].st,
                 err.message, cases[i].want);
      /* On failure the design is left empty. */
      g_assert_cmpint (d->n_systems, ==, 0);
      g_free (d);
    }
}

/* A design saved by glasspane 0.1, before systems had cost tables, still opens: its
 * systems take their family's reference cost figures, and the Lite-GPU keeps the fabric
 * prices it was saved with (port and engine constants) instead of the glass fabric's
 * parts model, which would count them twice. */
static void
test_legacy_without_cost (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data",
                                                 "design-0.1-without-cost.lua", NULL);
  g_autofree gp_design *d = g_new0 (gp_design, 1);
  gp_design_init (d);
  gp_error err = { 0 };
  g_assert_cmpint (gp_design_load (path, d, &err), ==, GP_OK);
  g_assert_cmpint (d->n_systems, ==, 3);
  for (int i = 0; i < d->n_systems; i++)
    g_assert_false (d->systems[i].cost.glass_fabric);
  /* The saved per-port constant (5 USD) is still what prices the fabric's cables. */
  g_assert_cmpfloat (d->systems[0].topology.scaleup_cable_cost_usd, ==, 5);
  /* Its failure tables charged one on-die rate per accelerator and a count of spares: read
   * as one die at that rate, no area term, no share, no checkpoint overhead (the file's
   * DGX H100: 8.665485e-6 per hour, 16 spares). */
  const gp_failure_params *f = &d->systems[1].failure;
  g_assert_cmpfloat (f->die_failures_per_hour, ==, 8.6654849999999992e-06);
  g_assert_cmpfloat (f->area_failures_per_hour_mm2, ==, 0);
  g_assert_cmpint (f->dies_per_accel, ==, 1);
  g_assert_cmpint (f->spare_accel, ==, 16);
  g_assert_cmpfloat (f->spare_share, ==, 0);
  g_assert_cmpfloat (f->checkpoint_overhead, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/scripting/design/default-comparison", test_default_comparison);
  g_test_add_func ("/scripting/design/system-presets", test_system_presets);
  g_test_add_func ("/scripting/design/overrides", test_overrides);
  g_test_add_func ("/scripting/design/round-trip", test_round_trip);
  g_test_add_func ("/scripting/design/malformed", test_malformed);
  g_test_add_func ("/scripting/design/legacy-without-cost", test_legacy_without_cost);
  return g_test_run ();
}
