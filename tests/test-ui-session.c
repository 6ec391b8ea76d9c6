/* test-ui-session.c: the logic behind the explorer's widgets, no display: parameter binding
 * through GpSession (validation with the model's message, linked fields, prepare only when
 * needed), undo/redo and the dirty flag, reset to the preset, citations for tooltips, the
 * comparison table's text, the chart builders, and the design as a Lua table. Searches run
 * synchronously (gp_session_set_synchronous) so every check sees final results. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <lauxlib.h>
#include <lualib.h>

#include "gp-chart-private.h" /* the caption, which gp-chart.h does not expose */
#include "gp-charts.h"
#include "gp-export.h"
#include "gp-link.h"
#include "gp-lua-design.h"
#include "gp-models.h"
#include "gp-session.h"
#include "gp-sources.h"

static GpSession *
default_session (void)
{
  GpSession *s = gp_session_new ();
  gp_session_set_synchronous (s, TRUE);
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_load_default (s, &error));
  g_assert_no_error (error);
  return s;
}

static const GpSystemEntry *
by_name (GpSession *s, const char *name)
{
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    if (strcmp (gp_session_get_system (s, i)->system.sys.name, name) == 0)
      return gp_session_get_system (s, i);
  g_assert_not_reached ();
}

static void
test_load_default (void)
{
  g_autoptr (GpSession) s = default_session ();
  /* data/comparison.lua: lite-gpu-glass, dgx-h100 (baseline), cs-3. */
  g_assert_cmpuint (gp_session_get_n_systems (s), ==, 3);
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  g_assert_cmpuint (gp_session_get_baseline_id (s), ==, dgx->id);
  for (guint i = 0; i < 3; i++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, i);
      g_assert_true (e->have_result);
      g_assert_cmpint (e->state, ==, GP_SYSTEM_OK);
      g_assert_true (e->have_scaling);
    }
  /* Colours are distinct palette slots. */
  g_assert_cmpint (gp_session_get_system (s, 0)->color, !=, gp_session_get_system (s, 1)->color);
  g_assert_false (gp_session_get_dirty (s));
}

/* Facility power = (PUE - 1) x IT power (gp-system.h, GP_POWER_FACILITY), and PUE changes
 * nothing else: going from 1.1 to 1.35 multiplies it by 0.35 / 0.1 = 3.5 exactly. */
static void
test_set_value_recomputes (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  GpParamRef pue = gp_param_ref (GP_SUBJECT_SYSTEM, dgx->id, -1, "pue");
  g_assert_nonnull (pue.param);
  double pue0 = gp_session_get_value (s, &pue);
  g_assert_cmpfloat_with_epsilon (pue0, 1.1, 1e-12); /* data/systems.lua dgx-h100: PAT2021 */
  double fac0 = dgx->result.power_w_part[GP_POWER_FACILITY];
  double it0 = dgx->result.power_w - fac0;
  guint gen = gp_session_get_generation (s);
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_set_value (s, &pue, 1.35, &error));
  g_assert_cmpuint (gp_session_get_generation (s), >, gen);
  double fac1 = dgx->result.power_w_part[GP_POWER_FACILITY];
  g_assert_cmpfloat_with_epsilon (fac1 / fac0, 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon ((dgx->result.power_w - fac1) / it0, 1.0, 1e-12);
  g_assert_true (gp_session_get_dirty (s));
  g_assert_true (gp_session_get_can_undo (s));
}

static void
test_validation_keeps_last_value (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  GpParamRef pue = gp_param_ref (GP_SUBJECT_SYSTEM, dgx->id, -1, "pue");
  g_autoptr (GError) error = NULL;
  /* Range: PUE >= 1 (gp_system_param_table). */
  g_assert_false (gp_session_set_value (s, &pue, 0.5, &error));
  g_assert_nonnull (strstr (error->message, "pue"));
  g_assert_cmpfloat_with_epsilon (gp_session_get_value (s, &pue), 1.1, 1e-12);
  g_clear_error (&error);
  g_assert_false (gp_session_set_value (s, &pue, NAN, &error));
  g_assert_nonnull (strstr (error->message, "pue"));
  g_clear_error (&error);
  /* Cross-check: accelerators must be whole servers of 8. */
  GpParamRef acc = gp_param_ref (GP_SUBJECT_SYSTEM, dgx->id, -1, "accelerators");
  g_assert_false (gp_session_set_value (s, &acc, 1030, &error));
  g_assert_nonnull (strstr (error->message, "accelerators"));
  g_assert_cmpfloat (gp_session_get_value (s, &acc), ==, 1024);
  g_clear_error (&error);
  /* Cross-check: memory and IO shares may not pass 1 together. */
  GpParamRef mem = gp_param_ref (GP_SUBJECT_SYSTEM, dgx->id, -1, "accel_memory_power_share");
  g_assert_false (gp_session_set_value (s, &mem, 0.99, &error));
  g_assert_nonnull (strstr (error->message, "share"));
  g_clear_error (&error);
  /* Enums by name; unknown names refused. */
  GpParamRef carrier = gp_param_ref (GP_SUBJECT_PACKAGE, dgx->id, -1, "carrier");
  g_assert_false (gp_session_set_string (s, &carrier, "cardboard", &error));
  g_assert_nonnull (strstr (error->message, "carrier"));
  g_clear_error (&error);
  /* None of that made the design dirty. */
  g_assert_false (gp_session_get_dirty (s));
  g_assert_false (gp_session_get_can_undo (s));
}

static void
test_linked_fields (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  GpParamRef acc = gp_param_ref (GP_SUBJECT_SYSTEM, dgx->id, -1, "accelerators");
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_set_value (s, &acc, 2048, &error));
  g_assert_no_error (error);
  /* One count: the topology and the failure job follow (gp_system_validate's join). */
  g_assert_cmpint (dgx->system.topology.accelerators, ==, 2048);
  g_assert_cmpint (dgx->system.failure.n_accel, ==, 2048);
  g_assert_true (dgx->have_result);
  g_assert_cmpint (dgx->result.accelerators, ==, 2048);
  /* Peak: 2048 x 989 TFLOP/s = 2025.472 PFLOP/s (H100 dense BF16, data/systems.lua). */
  g_assert_cmpfloat_with_epsilon (dgx->result.peak_pflops, 2025.472, 1e-9);
  /* The accelerator's peak drags the package's along when the package states one. */
  GpParamRef peak = gp_param_ref (GP_SUBJECT_ACCEL, dgx->id, -1, "peak_tflop_per_s");
  g_assert_true (gp_session_set_value (s, &peak, 1000, &error));
  g_assert_no_error (error);
  if (dgx->system.package.peak_pflops > 0)
    g_assert_cmpfloat_with_epsilon (dgx->system.package.peak_pflops, 1.0, 1e-12);
}

static void
test_undo_redo_and_dirty (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *lite = by_name (s, "lite-gpu-glass");
  GpParamRef price = gp_param_ref (GP_SUBJECT_SYSTEM, lite->id, -1, "electricity_usd_per_kwh");
  double p0 = gp_session_get_value (s, &price);
  double cost0 = lite->result.cost_to_train_usd;
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_set_value (s, &price, p0 * 2, &error));
  /* Cost to train = capex share + energy x price: doubling the price adds the energy
   * cost once more, so the cost grows (by energy_kwh x p0, gp-system.h). */
  double energy_kwh = lite->result.energy_to_train_j / 3.6e6;
  g_assert_cmpfloat_with_epsilon ((lite->result.cost_to_train_usd - cost0) / (energy_kwh * p0),
                                  1.0, 1e-6);
  g_assert_true (gp_session_undo (s));
  g_assert_cmpfloat (gp_session_get_value (s, &price), ==, p0);
  g_assert_cmpfloat_with_epsilon (lite->result.cost_to_train_usd / cost0, 1.0, 1e-12);
  g_assert_false (gp_session_get_dirty (s)); /* back at the loaded state */
  g_assert_true (gp_session_redo (s));
  g_assert_cmpfloat (gp_session_get_value (s, &price), ==, p0 * 2);
  g_assert_true (gp_session_get_dirty (s));
  /* Reset to the preset is one more undoable step. */
  g_assert_true (gp_session_reset_value (s, &price, &error));
  g_assert_cmpfloat (gp_session_get_value (s, &price), ==, p0);
  g_assert_true (gp_session_undo (s));
  g_assert_cmpfloat (gp_session_get_value (s, &price), ==, p0 * 2);
  /* Study parameters are shared: the token budget doubles every time to train. */
  GpParamRef tokens = gp_param_ref (GP_SUBJECT_STUDY, 0, -1, "token_budget");
  double t0 = lite->result.time_to_train_s;
  g_assert_true (gp_session_set_value (s, &tokens, 30e12, &error));
  g_assert_cmpfloat_with_epsilon (lite->result.time_to_train_s / t0, 2.0, 1e-9);
}

/* The cost basis is one study setting: switching it moves every system's capex to the
 * other basis (the DGX H100 cluster: 38,354,400 USD at purchase prices, worked by hand in
 * tests/test-system.c) and the capex chart says which basis it shows. Undo switches back. */
static void
test_cost_basis_switch (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  g_assert_cmpint (gp_session_get_study (s)->cost_basis, ==, GP_COST_BUILD);
  double build = dgx->result.capex_usd;
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_CAPEX);
  g_assert_nonnull (strstr (gp_chart_get_title (c), "build cost"));
  gp_chart_free (c);
  GpParamRef basis = gp_param_ref (GP_SUBJECT_STUDY, 0, -1, "cost_basis");
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_set_value (s, &basis, GP_COST_PURCHASE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dgx->result.cost_basis, ==, GP_COST_PURCHASE);
  g_assert_cmpfloat_with_epsilon (dgx->result.capex_usd / 38354400.0, 1.0, 1e-12);
  c = gp_charts_build (s, GP_CHART_ID_CAPEX);
  g_assert_nonnull (strstr (gp_chart_get_title (c), "purchase price"));
  gp_chart_free (c);
  g_assert_true (gp_session_undo (s));
  g_assert_cmpfloat (dgx->result.capex_usd, ==, build);
}

static void
test_save_and_reload (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *cs3 = by_name (s, "cs-3");
  GpParamRef pue = gp_param_ref (GP_SUBJECT_SYSTEM, cs3->id, -1, "pue");
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_set_value (s, &pue, 1.25, &error));
  g_autofree char *dir = g_dir_make_tmp ("gp-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "design.lua", NULL);
  g_assert_true (gp_session_save_file (s, path, &error));
  g_assert_no_error (error);
  g_assert_false (gp_session_get_dirty (s));
  g_assert_cmpstr (gp_session_get_path (s), ==, path);
  g_autoptr (GpSession) t = gp_session_new ();
  gp_session_set_synchronous (t, TRUE);
  g_assert_true (gp_session_load_file (t, path, &error));
  g_assert_no_error (error);
  const GpSystemEntry *cs3b = by_name (t, "cs-3");
  g_assert_cmpfloat (cs3b->system.sys.pue, ==, 1.25);
  g_assert_cmpuint (gp_session_get_n_systems (t), ==, 3);
  g_assert_cmpfloat_with_epsilon (cs3b->result.cost_to_train_usd / cs3->result.cost_to_train_usd,
                                  1.0, 1e-12);
  /* A broken file leaves the session as it was, with the loader's message. */
  g_autofree char *bad = g_build_filename (dir, "bad.lua", NULL);
  g_assert_true (g_file_set_contents (bad, "return { format = 1, kind = 'design', systems = 3 }",
                                      -1, NULL));
  g_assert_false (gp_session_load_file (t, bad, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (gp_session_get_n_systems (t), ==, 3);
  g_unlink (bad);
  g_unlink (path);
  g_rmdir (dir);
}

/* The GUI's Save under a decimal-comma locale (GTK sets LC_NUMERIC from the environment):
 * the file has '.' and the fewest digits that read back (1.247 needs 4: worked out by hand,
 * %.15g of the double nearest 1.247 is "1.247" and reads back to the same double), and it
 * loads back to the same numbers under the same locale. DATA is the locale's name. */
static void
test_save_under_locale (gconstpointer data)
{
  const char *loc = data;
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));
  if (setlocale (LC_ALL, loc) == NULL)
    {
      g_test_skip_printf ("locale %s is missing (./dev deps generates it)", loc);
      return;
    }
  char probe[16];
  snprintf (probe, sizeof probe, "%g", 1.5);
  g_assert_cmpstr (probe, ==, "1,5"); /* the locale really has a decimal comma */
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *cs3 = by_name (s, "cs-3");
  GpParamRef pue = gp_param_ref (GP_SUBJECT_SYSTEM, cs3->id, -1, "pue");
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_set_value (s, &pue, 1.247, &error));
  g_autofree char *dir = g_dir_make_tmp ("gp-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "design.lua", NULL);
  g_assert_true (gp_session_save_file (s, path, &error));
  g_assert_no_error (error);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "pue = 1.247,\n"));
  g_assert_false (g_regex_match_simple ("= -?[0-9]+,[0-9]", text, 0, 0));
  g_autoptr (GpSession) t = gp_session_new ();
  gp_session_set_synchronous (t, TRUE);
  g_assert_true (gp_session_load_file (t, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_session_get_n_systems (t), ==, gp_session_get_n_systems (s));
  g_assert_cmpfloat (by_name (t, "cs-3")->system.sys.pue, ==, 1.247);
  /* Every number of every system reads back exactly: same results, bit for bit. */
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    g_assert_cmpfloat (gp_session_get_system (t, i)->result.cost_to_train_usd, ==,
                       gp_session_get_system (s, i)->result.cost_to_train_usd);
  /* The comparison's TSV (written by "Export report") has '.' too. */
  g_autofree char *tsv = gp_comparison_tsv (s);
  g_assert_false (g_regex_match_simple ("\t-?[0-9]+,[0-9]", tsv, 0, 0));
  g_unlink (path);
  g_rmdir (dir);
  setlocale (LC_ALL, old);
}

static void
test_structure (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  guint id = gp_session_duplicate (s, dgx->id);
  g_assert_cmpuint (id, !=, 0);
  const GpSystemEntry *copy = gp_session_find_system (s, id);
  g_assert_cmpstr (copy->system.sys.name, ==, "dgx-h100 2");
  g_assert_true (gp_session_get_dirty (s));
  g_autoptr (GError) error = NULL;
  g_assert_false (gp_session_rename (s, id, "cs-3", &error)); /* taken */
  g_clear_error (&error);
  g_assert_true (gp_session_rename (s, id, "dgx-h100 at 2x", &error));
  gp_session_set_baseline_id (s, id);
  g_assert_cmpuint (gp_session_get_baseline_id (s), ==, id);
  gp_session_remove (s, id);
  g_assert_cmpuint (gp_session_get_n_systems (s), ==, 3);
  g_assert_cmpuint (gp_session_get_baseline_id (s), !=, id);
  g_auto (GStrv) presets = gp_session_list_presets (s);
  g_assert_true (g_strv_contains ((const char *const *) presets, "dgx-b200"));
  guint b200 = gp_session_add_preset (s, "dgx-b200", &error);
  g_assert_no_error (error);
  g_assert_true (gp_session_find_system (s, b200)->have_result);
  g_assert_cmpuint (gp_session_add_preset (s, "no-such-system", &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "no-such-system"));
}

/* Every structural edit is one undo step that puts the design back exactly: the same ids,
 * names, colours, plans, baseline and selection (issue 21: add, duplicate, remove, rename,
 * baseline and console edits could not be undone). */
static void
test_structure_undo (void)
{
  g_autoptr (GpSession) s = default_session ();
  g_autoptr (GError) error = NULL;
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  guint dgx_id = dgx->id, lite_id = by_name (s, "lite-gpu-glass")->id;
  int dgx_color = dgx->color;
  double dgx_cost = dgx->result.cost_to_train_usd;
  g_assert_cmpuint (gp_session_get_baseline_id (s), ==, dgx_id);

  /* Removing the baseline moves it to the first system; undo brings the same system back
   * at its place, as the baseline, with its colour and its result. */
  gp_session_set_selected_id (s, dgx_id);
  gp_session_remove (s, dgx_id);
  g_assert_cmpuint (gp_session_get_n_systems (s), ==, 2);
  g_assert_cmpuint (gp_session_get_baseline_id (s), ==, lite_id);
  g_assert_cmpstr (gp_session_get_undo_label (s), ==, "Remove system");
  g_assert_true (gp_session_undo (s));
  g_assert_cmpuint (gp_session_get_n_systems (s), ==, 3);
  g_assert_cmpint (gp_session_index_of (s, dgx_id), ==, 1);
  g_assert_cmpuint (gp_session_get_baseline_id (s), ==, dgx_id);
  g_assert_cmpuint (gp_session_get_selected_id (s), ==, dgx_id);
  dgx = gp_session_find_system (s, dgx_id);
  g_assert_cmpint (dgx->color, ==, dgx_color);
  g_assert_true (dgx->have_result);
  g_assert_cmpfloat_with_epsilon (dgx->result.cost_to_train_usd, dgx_cost, 1e-9 * dgx_cost);
  /* Redo removes it again; undo again restores. */
  g_assert_true (gp_session_redo (s));
  g_assert_null (gp_session_find_system (s, dgx_id));
  g_assert_true (gp_session_undo (s));
  g_assert_nonnull (gp_session_find_system (s, dgx_id));

  /* Duplicate, rename, make it the baseline: three steps, undone in reverse. */
  guint copy = gp_session_duplicate (s, dgx_id);
  g_assert_true (gp_session_rename (s, copy, "dgx at 2x", &error));
  gp_session_set_baseline_id (s, copy);
  g_assert_cmpstr (gp_session_get_undo_label (s), ==, "Change baseline");
  g_assert_true (gp_session_undo (s));
  g_assert_cmpuint (gp_session_get_baseline_id (s), ==, dgx_id);
  g_assert_true (gp_session_undo (s));
  g_assert_cmpstr (gp_session_find_system (s, copy)->system.sys.name, ==, "dgx-h100 2");
  g_assert_true (gp_session_undo (s));
  g_assert_null (gp_session_find_system (s, copy));
  g_assert_cmpuint (gp_session_get_n_systems (s), ==, 3);

  /* A new edit after an undo forgets the redo branch: redo must not re-apply an old edit
   * to some other system (the reported bug: undo, add, redo). */
  GpParamRef ref = gp_param_ref (GP_SUBJECT_SYSTEM, lite_id, -1, "server_cost_usd");
  double before = gp_session_get_value (s, &ref);
  g_assert_true (gp_session_set_value (s, &ref, before * 2, &error));
  g_assert_true (gp_session_undo (s));
  g_assert_cmpfloat (gp_session_get_value (s, &ref), ==, before);
  guint b200 = gp_session_add_preset (s, "dgx-b200", &error);
  g_assert_cmpuint (b200, !=, 0);
  g_assert_false (gp_session_get_can_redo (s));
  g_assert_false (gp_session_redo (s));
  g_assert_cmpfloat (gp_session_get_value (s, &ref), ==, before);
  g_assert_true (gp_session_undo (s)); /* the add */
  g_assert_null (gp_session_find_system (s, b200));

  /* Console edits (whole system, whole study) are undo steps too. */
  gp_system changed = gp_session_find_system (s, lite_id)->system;
  changed.sys.server_cost_usd = 123456;
  g_assert_true (gp_session_replace_system (s, lite_id, &changed, &error));
  gp_study study = *gp_session_get_study (s);
  double tokens = study.token_budget;
  study.token_budget = tokens / 2;
  g_assert_true (gp_session_replace_study (s, &study, &error));
  g_assert_true (gp_session_undo (s));
  g_assert_cmpfloat (gp_session_get_study (s)->token_budget, ==, tokens);
  g_assert_true (gp_session_undo (s));
  g_assert_cmpfloat (gp_session_find_system (s, lite_id)->system.sys.server_cost_usd, ==,
                     before);
  g_assert_true (gp_session_redo (s));
  g_assert_cmpfloat (gp_session_find_system (s, lite_id)->system.sys.server_cost_usd, ==,
                     123456);
}

/* The window opens on a session whose plan searches, count sweep and uncertainty study
 * run in workers after the load returns (issue 24: the first frame does not wait for them).
 * Expected by the contract of gp_session_load_default: the systems are laid out and pending
 * at once, the captions say so, nothing is unsaved, and the results arrive without making
 * the design unsaved; a value typed before they arrive is kept and is the only undo step. */
static void
test_async_start (void)
{
  g_autoptr (GpSession) s = gp_session_new ();
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_load_default (s, &error));
  g_assert_cmpuint (gp_session_get_n_systems (s), ==, 3);
  g_assert_true (gp_session_get_evaluating (s));
  g_assert_false (gp_session_get_dirty (s));
  g_assert_false (gp_session_get_can_undo (s));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (gp_session_get_system (s, i)->state, ==, GP_SYSTEM_PENDING);
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_STEPTIME);
  g_assert_nonnull (strstr (c->caption, "searching for a plan"));
  gp_chart_free (c);

  /* Nothing typed: the results arrive, the design stays saved. */
  g_assert_true (gp_session_wait_idle (s, 120000));
  g_assert_false (gp_session_get_dirty (s));
  g_assert_false (gp_session_get_can_undo (s));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (gp_session_get_system (s, i)->state, ==, GP_SYSTEM_OK);
      g_assert_true (gp_session_get_system (s, i)->have_result);
    }
  c = gp_charts_build (s, GP_CHART_ID_STEPTIME);
  g_assert_null (strstr (c->caption, "searching for a plan"));
  gp_chart_free (c);

  /* An edit while the searches run: one a search depends on (the accelerator count, which
   * supersedes the running search) and one it does not (a server's price). */
  g_autoptr (GpSession) t = gp_session_new ();
  g_assert_true (gp_session_load_default (t, &error));
  const GpSystemEntry *dgx = by_name (t, "dgx-h100");
  guint dgx_id = dgx->id;
  GpParamRef price = gp_param_ref (GP_SUBJECT_SYSTEM, dgx_id, -1, "server_cost_usd");
  GpParamRef count = gp_param_ref (GP_SUBJECT_SYSTEM, dgx_id, -1, "accelerators");
  double count0 = gp_session_get_value (t, &count);
  g_assert_true (gp_session_get_evaluating (t));
  g_assert_true (gp_session_set_value (t, &price, 123456, &error));
  g_assert_no_error (error);
  g_assert_true (gp_session_set_value (t, &count, count0 * 2, &error));
  g_assert_no_error (error);
  g_assert_true (gp_session_get_dirty (t));
  g_assert_true (gp_session_wait_idle (t, 120000));
  dgx = gp_session_find_system (t, dgx_id);
  g_assert_cmpfloat (dgx->system.sys.server_cost_usd, ==, 123456);
  g_assert_cmpfloat ((double) dgx->system.sys.accelerators, ==, count0 * 2);
  g_assert_cmpint (dgx->state, ==, GP_SYSTEM_OK);
  g_assert_true (dgx->have_result);
  g_assert_true (gp_session_get_dirty (t));
  /* The two edits are the undo steps; the arriving results are none. */
  g_assert_true (gp_session_undo (t));
  g_assert_true (gp_session_undo (t));
  g_assert_false (gp_session_get_can_undo (t));
  g_assert_false (gp_session_get_dirty (t));
  dgx = gp_session_find_system (t, dgx_id);
  g_assert_cmpfloat ((double) dgx->system.sys.accelerators, ==, count0);
  g_assert_true (gp_session_wait_idle (t, 120000));
}

/* Cancelling the uncertainty study redraws the charts at once, and they say it was
 * cancelled instead of "Computing..." forever (issue 21). */
static void
test_uncertainty_cancel_captions (void)
{
  GpSession *s = gp_session_new ();
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_load_default (s, &error));
  g_assert_true (gp_session_wait_idle (s, 120000));
  /* A change makes the study stale and schedules a new one (pending counts as running). */
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  GpParamRef ref = gp_param_ref (GP_SUBJECT_SYSTEM, dgx->id, -1, "server_cost_usd");
  g_assert_true (gp_session_set_value (s, &ref, gp_session_get_value (s, &ref) * 1.5, &error));
  gp_session_run_uncertainty (s);
  g_assert_true (gp_session_get_uncertainty_running (s));
  guint gen = gp_session_get_generation (s);
  gp_session_cancel (s);
  g_assert_false (gp_session_get_uncertainty_running (s));
  g_assert_true (gp_session_get_uncertainty_cancelled (s));
  g_assert_cmpuint (gp_session_get_generation (s), >, gen); /* "changed" was emitted */
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_TORNADO);
  g_assert_null (strstr (c->caption, "Computing"));
  g_assert_nonnull (strstr (c->caption, "cancelled"));
  gp_chart_free (c);
  g_object_unref (s);
}

/* A system whose plan does not fit keeps the figures that need no plan (issue 21): with
 * almost all of the Lite-GPU's memory reserved, no plan fits, but its capex, power and
 * embodied carbon are those of the same hardware as before (the reserve changes no part),
 * and the plan-dependent figures are blank. */
static void
test_no_plan_keeps_hardware (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *lite = by_name (s, "lite-gpu-glass");
  guint capex_i = G_MAXUINT, step_i = G_MAXUINT;
  for (guint i = 0; i < gp_metrics_n (); i++)
    {
      if (g_str_equal (gp_metric (i)->key, "capex_musd"))
        capex_i = i;
      if (g_str_equal (gp_metric (i)->key, "step_time_s"))
        step_i = i;
    }
  g_assert_cmpuint (capex_i, !=, G_MAXUINT);
  double capex = gp_metric_value (capex_i, lite);
  g_assert_true (isfinite (capex) && capex > 0);
  GpParamRef reserve = gp_param_ref (GP_SUBJECT_ACCEL, lite->id, -1, "mem_reserved_gb");
  double cap = lite->system.accel.mem_capacity_gb;
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_set_value (s, &reserve, cap * 0.999, &error));
  g_assert_no_error (error);
  lite = by_name (s, "lite-gpu-glass");
  g_assert_false (lite->have_result);
  g_assert_true (lite->have_hardware);
  g_assert_cmpfloat_with_epsilon (gp_metric_value (capex_i, lite), capex, 1e-12 * capex);
  g_assert_true (isnan (gp_metric_value (step_i, lite)));
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_CAPEX);
  g_assert_null (strstr (c->caption, "Not shown"));
  gp_chart_free (c);
  c = gp_charts_build (s, GP_CHART_ID_CARBON);
  /* Named once, not "lite-gpu-glass: lite-gpu-glass: ...". */
  g_assert_nonnull (strstr (c->caption, "lite-gpu-glass"));
  g_assert_null (strstr (c->caption, "lite-gpu-glass: lite-gpu-glass"));
  gp_chart_free (c);
}

static void
test_sources (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  GpParamRef bond = gp_param_ref (GP_SUBJECT_PACKAGE, dgx->id, -1, "bond_yield_microbump");
  g_autofree char *src = gp_session_dup_source (s, &bond);
  /* data/packages.lua h100_cowos_s: "brief 3.3 (CAPA): micro-bump 96%". */
  g_assert_nonnull (src);
  g_assert_nonnull (strstr (src, "96%"));
  g_autofree char *tok = NULL;
  GpParamRef tokens = gp_param_ref (GP_SUBJECT_STUDY, 0, -1, "token_budget");
  tok = gp_session_dup_source (s, &tokens);
  g_assert_nonnull (tok);
  g_assert_nonnull (strstr (tok, "15T"));

  /* The legend parser on a header like the data files'. */
  const char *text = "-- Sources:\n"
                     "--   CA2022    Y. Feng and K. Ma, Chiplet Actuary,\n"
                     "--             DAC 2022.\n"
                     "--   EST       glasspane estimate.\n"
                     "return { }\n";
  g_autoptr (GHashTable) legend = gp_sources_parse_legend (text);
  g_assert_cmpstr (g_hash_table_lookup (legend, "CA2022"), ==,
                   "Y. Feng and K. Ma, Chiplet Actuary, DAC 2022.");
  g_assert_cmpstr (g_hash_table_lookup (legend, "EST"), ==, "glasspane estimate.");
  g_autofree char *x = gp_sources_expand (legend, "CA2022, CA2022 and EST");
  g_assert_cmpstr (x, ==, "CA2022, CA2022 and EST\nCA2022: Y. Feng and K. Ma, Chiplet Actuary, "
                          "DAC 2022.\nEST: glasspane estimate.");
}

static void
test_parse (void)
{
  const gp_param *p = gp_param_table_find (&gp_study_param_table, "token_budget");
  gp_error err = { 0 };
  double v = 0;
  g_assert_cmpint (gp_param_parse (p, " 1.5e13 ", &v, &err), ==, GP_OK);
  g_assert_cmpfloat (v, ==, 1.5e13);
  g_assert_cmpint (gp_param_parse (p, "1,024", &v, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "token_budget"));
  g_assert_cmpint (gp_param_parse (p, "", &v, &err), ==, GP_EINVAL);
  g_assert_cmpint (gp_param_parse (p, "1e999", &v, &err), ==, GP_EINVAL);
  char buf[32];
  gp_param_format (p, 15e12, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1.5e+13");
  const gp_param *n = gp_param_table_find (&gp_system_param_table, "accelerators");
  gp_param_format (n, 4096, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "4096");
  /* Groups: every subject's table resolves, and the hidden fields are the derived ones. */
  for (int k = 0; k < GP_SUBJECT_N; k++)
    g_assert_nonnull (gp_subject_table ((GpSubject) k));
  g_assert_true (gp_param_is_hidden (GP_SUBJECT_TOPOLOGY,
                                     gp_param_table_find (&gp_topology_param_table, "accelerators")));
  g_assert_false (gp_param_needs_prepare (GP_SUBJECT_SYSTEM,
                                          gp_param_table_find (&gp_system_param_table, "pue")));
  g_assert_true (gp_param_needs_prepare (GP_SUBJECT_PART,
                                         gp_param_table_find (&gp_package_part_param_table,
                                                              "die_width_mm")));
}

static void
test_table_and_charts (void)
{
  g_autoptr (GpSession) s = default_session ();
  g_autofree char *tsv = gp_comparison_tsv (s);
  g_auto (GStrv) lines = g_strsplit (tsv, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Metric\tUnit\tlite-gpu-glass\tdgx-h100\tcs-3\t"));
  /* The baseline's ratio to itself is 1 in every metric row (the 4th ratio column is
   * lite, dgx, cs-3 -> dgx is the second ratio column, field 2 + 3 + 1 = 6). */
  for (guint i = 1; i <= gp_metrics_n (); i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      /* A probability against the baseline has no ratio (gp-charts.h). */
      g_assert_cmpstr (f[6], ==, gp_metric (i - 1)->get_entry ? "" : "1");
    }
  for (int id = 0; id < GP_CHART_ID_N; id++)
    {
      gp_chart *c = gp_charts_build (s, (GpChartId) id);
      g_assert_nonnull (c);
      char *csv = NULL;
      size_t len = 0;
      g_assert_cmpint (gp_chart_to_csv (c, &csv, &len, NULL), ==, GP_OK);
      g_assert_cmpuint (len, >, 10);
      free (csv);
      gp_chart_free (c);
    }
  /* Capex: stacked parts sum to each system's capex. */
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_CAPEX);
  for (guint j = 0; j < 3; j++)
    {
      double sum = 0;
      for (size_t k = 0; k < gp_chart_n_series (c); k++)
        sum += gp_chart_get_series (c, k)->y[j];
      g_assert_cmpfloat_with_epsilon (sum / gp_session_get_system (s, j)->result.capex_usd, 1.0,
                                      1e-9);
    }
  gp_chart_free (c);
}

static void
test_lua_design_round_trip (void)
{
  g_autoptr (GpSession) s = default_session ();
  lua_State *L = luaL_newstate ();
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    {
      const gp_system *orig = &gp_session_get_system (s, i)->system;
      gp_lua_push_system (L, orig);
      gp_system copy;
      memset (&copy, 0, sizeof copy);
      copy = *orig;
      gp_error err = { 0 };
      g_assert_cmpint (gp_lua_read_system (L, -1, &copy, "s", &err), ==, GP_OK);
      g_assert_cmpint (memcmp (&copy, orig, sizeof copy), ==, 0);
      /* An edit and an unknown key. */
      lua_getfield (L, -1, "sys");
      lua_pushnumber (L, 1.3);
      lua_setfield (L, -2, "pue");
      lua_pushnumber (L, 1);
      lua_setfield (L, -2, "peu");
      lua_pop (L, 1);
      g_assert_cmpint (gp_lua_read_system (L, -1, &copy, "design.systems[1]", &err), ==, GP_ENOTFOUND);
      g_assert_nonnull (strstr (err.message, "peu"));
      lua_pop (L, 1);
    }
  gp_lua_push_study (L, gp_session_get_study (s));
  gp_study st = *gp_session_get_study (s);
  gp_error err = { 0 };
  g_assert_cmpint (gp_lua_read_study (L, -1, &st, "design.study", &err), ==, GP_OK);
  g_assert_cmpint (memcmp (&st, gp_session_get_study (s), sizeof st), ==, 0);
  lua_close (L);
}


/* ---- uncertainty (issue 9) ---- */

/* A session whose uncertainty run uses few samples, run once synchronously. */
static GpSession *
uncertain_session (long samples, long band)
{
  GpSession *s = default_session ();
  gp_session_set_uncertainty_samples (s, samples, band);
  gp_session_run_uncertainty (s);
  g_assert_false (gp_session_get_uncertainty_running (s));
  return s;
}

/* With the default distributions (data/uncertainty.lua): every system gets 64 feasible
 * samples, ordered percentiles, a probability in [0, 1] against the baseline and none for
 * the baseline itself. */
static void
test_uncertainty_defaults (void)
{
  g_autoptr (GpSession) s = uncertain_session (64, 8);
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, i);
      g_test_message ("%s: cost %.6g [%.6g %.6g %.6g] time %.6g [%.6g %.6g %.6g] "
                      "P(cheaper) %.3f; inputs %s",
                      e->system.sys.name, e->result.cost_to_train_usd, e->uq.cost_q[0],
                      e->uq.cost_q[1], e->uq.cost_q[2], e->result.effective_time_to_train_s,
                      e->uq.time_q[0], e->uq.time_q[1], e->uq.time_q[2], e->uq.p_cheaper,
                      e->uq.inputs);
      g_assert_true (e->uq.valid);
      g_assert_cmpint (e->uq.ok, ==, 64);
      for (int q = 0; q < 2; q++)
        {
          g_assert_cmpfloat (e->uq.cost_q[q], <=, e->uq.cost_q[q + 1]);
          g_assert_cmpfloat (e->uq.time_q[q], <=, e->uq.time_q[q + 1]);
          g_assert_cmpfloat (e->uq.carbon_q[q], <=, e->uq.carbon_q[q + 1]);
        }
      if (e != dgx)
        g_assert_true (e->uq.p_cheaper >= 0 && e->uq.p_cheaper <= 1);
    }
  g_assert_true (isnan (dgx->uq.p_cheaper)); /* the baseline against itself */
  /* The Lite-GPU fabric's inputs join only the pairs with a Lite-GPU system. */
  g_assert_nonnull (strstr (by_name (s, "lite-gpu-glass")->uq.inputs, "optics-pj-per-bit"));
  g_assert_null (strstr (by_name (s, "cs-3")->uq.inputs, "optics-pj-per-bit"));
  /* Any change makes the results stale until the next run. */
  GpParamRef pue = gp_param_ref (GP_SUBJECT_SYSTEM, dgx->id, -1, "pue");
  g_assert_true (gp_session_set_value (s, &pue, 1.2, NULL));
  g_assert_false (dgx->uq.valid);
  g_assert_false (gp_session_get_break_even (s)->valid);
}

/* One input with a known effect: PUE uniform on [p0 - 0.05, p0 + 0.05] (p0 = 1.1, the
 * DGX's, data/systems.lua) on every system. PUE multiplies wall power (gp-system.h) and
 * so only the energy term of the cost: cost = capex share + energy(PUE) x price is an
 * increasing linear function of PUE, and time to train does not depend on it. Hence:
 * the cost percentiles bracket the nominal (the draws' 5th and 95th percentiles of 64
 * uniform draws lie below and above the midpoint p0 with probability 1 - 2 x P(Bin(64,
 * 1/2) <= 3) > 1 - 1e-14), the median is within the draws' range, and every time
 * percentile equals the nominal time exactly. The ratio to the baseline is the same
 * sample's ratio, so it brackets the nominal ratio too. */
static void
test_uncertainty_brackets_nominal (void)
{
  g_autoptr (GpSession) s = default_session ();
  gp_uq_input in;
  gp_uq_input_init (&in);
  g_strlcpy (in.name, "pue", sizeof in.name);
  g_strlcpy (in.path, "sys.pue", sizeof in.path);
  in.relative = TRUE; /* a factor on each system's own PUE */
  in.dist.kind = GP_DIST_UNIFORM;
  in.dist.a = 1 - 0.05 / 1.1;
  in.dist.b = 1 + 0.05 / 1.1;
  gp_session_set_uq_inputs (s, &in, 1);
  gp_session_set_uncertainty_samples (s, 64, 4);
  gp_session_run_uncertainty (s);
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, i);
      g_assert_true (e->uq.valid);
      g_assert_cmpstr (e->uq.inputs, ==, "pue");
      double c = e->result.cost_to_train_usd, t = e->result.effective_time_to_train_s;
      g_assert_cmpfloat (e->uq.cost_q[0], <, c);
      g_assert_cmpfloat (e->uq.cost_q[2], >, c);
      for (int q = 0; q < 3; q++)
        g_assert_cmpfloat_with_epsilon (e->uq.time_q[q] / t, 1.0, 1e-12);
      if (e != dgx)
        {
          double r = c / dgx->result.cost_to_train_usd;
          g_assert_cmpfloat (e->uq.cost_ratio_q[0], <, r * (1 + 1e-12));
          g_assert_cmpfloat (e->uq.cost_ratio_q[2], >, r * (1 - 1e-12));
        }
    }
  /* The comparison table's new row is that probability, in %. */
  const GpSystemEntry *lite = by_name (s, "lite-gpu-glass");
  guint pm = G_MAXUINT;
  for (guint i = 0; i < gp_metrics_n (); i++)
    if (strcmp (gp_metric (i)->key, "p_cheaper_than_baseline_pct") == 0)
      pm = i;
  g_assert_cmpuint (pm, <, gp_metrics_n ());
  g_assert_cmpfloat_with_epsilon (gp_metric_value (pm, lite), 100 * lite->uq.p_cheaper, 1e-12);
  g_assert_true (isnan (gp_metric_value (pm, dgx)));
  g_assert_true (isnan (gp_metric_ratio (pm, lite, dgx)));
}

/* The bands of the time-to-train-against-count chart, with one input that cannot move
 * time to train: PUE (a factor uniform on 1 +- 0.05/1.1, as above) multiplies wall power
 * and so only energy, cost and carbon (gp-system.h); the step time, the goodput and hence
 * effective_time_to_train_s do not read it. So at every point of each system's count
 * sweep, with the plan the sweep found there fixed, every one of the 8 samples gives the
 * nominal time, and the 5th and 95th percentiles equal it; the nominal itself is the
 * sweep's own figure (the same count, the same plan, the same evaluation), to rounding.
 * Then a change drops the bands (and the chart says nothing about them) until the next
 * run. */
static void
test_uncertainty_count_bands (void)
{
  g_autoptr (GpSession) s = default_session ();
  gp_uq_input in;
  gp_uq_input_init (&in);
  g_strlcpy (in.name, "pue", sizeof in.name);
  g_strlcpy (in.path, "sys.pue", sizeof in.path);
  in.relative = TRUE;
  in.dist.kind = GP_DIST_UNIFORM;
  in.dist.a = 1 - 0.05 / 1.1;
  in.dist.b = 1 + 0.05 / 1.1;
  gp_session_set_uq_inputs (s, &in, 1);
  gp_session_set_uncertainty_samples (s, 16, 8);
  gp_session_run_uncertainty (s);
  g_assert_false (gp_session_get_uncertainty_running (s));
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, i);
      const GpUqCountBands *b = &e->bands;
      g_assert_true (e->have_scaling);
      g_assert_true (b->valid);
      g_assert_cmpint (b->n, ==, e->scaling.n);
      g_assert_cmpint (b->n, >=, 3); /* 1/8x .. 8x, neighbours may meet when rounded */
      g_assert_cmpint (b->band_samples, ==, 8);
      g_assert_cmpstr (b->inputs, ==, "pue");
      int n_ok = 0;
      for (int k = 0; k < b->n; k++)
        {
          g_assert_cmpfloat (b->accelerators[k], ==, e->scaling.accelerators[k]);
          if (!e->scaling.ok[k])
            {
              g_assert_true (isnan (b->lo_s[k]) && isnan (b->hi_s[k]));
              continue;
            }
          n_ok++;
          double t = e->scaling.effective_time_s[k];
          g_test_message ("%s @ %.0f: %.9g [%.9g %.9g]", e->system.sys.name,
                          b->accelerators[k], t, b->lo_s[k], b->hi_s[k]);
          g_assert_cmpfloat_with_epsilon (b->nominal_s[k] / t, 1.0, 1e-12);
          g_assert_cmpfloat_with_epsilon (b->lo_s[k] / t, 1.0, 1e-12);
          g_assert_cmpfloat_with_epsilon (b->hi_s[k] / t, 1.0, 1e-12);
        }
      g_assert_cmpint (n_ok, >=, 1);
    }
  /* The chart: a band on every system's series, and the caption says over what. */
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_SCALING);
  g_assert_cmpuint (gp_chart_n_series (c), ==, gp_session_get_n_systems (s));
  for (size_t k = 0; k < gp_chart_n_series (c); k++)
    {
      const gp_series *ser = gp_chart_get_series (c, k);
      g_assert_nonnull (ser->y_lo);
      g_assert_nonnull (ser->y_hi);
      for (size_t m = 0; m < ser->n; m++)
        g_assert_cmpfloat_with_epsilon (ser->y_lo[m] / ser->y[m], 1.0, 1e-12);
    }
  g_assert_nonnull (strstr (c->caption, "Bands: 5th–95th percentiles of 8 samples per point "
                                        "over pue"));
  gp_chart_free (c);

  /* A change drops them, and the chart no longer mentions bands. */
  const GpSystemEntry *dgx = by_name (s, "dgx-h100");
  GpParamRef pue = gp_param_ref (GP_SUBJECT_SYSTEM, dgx->id, -1, "pue");
  g_assert_true (gp_session_set_value (s, &pue, 1.2, NULL));
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    g_assert_false (gp_session_get_system (s, i)->bands.valid);
  c = gp_charts_build (s, GP_CHART_ID_SCALING);
  for (size_t k = 0; k < gp_chart_n_series (c); k++)
    g_assert_null (gp_chart_get_series (c, k)->y_lo);
  g_assert_null (strstr (c->caption, "Bands"));
  gp_chart_free (c);
  gp_session_run_uncertainty (s);
  g_assert_true (dgx->bands.valid);
}

/* The break-even chart's vertical marker sits where the engine puts the tie, checked
 * three ways: against gp_uncertainty_break_even run here on the same two systems, and by
 * evaluating both systems there: their costs per model must agree (the definition of a
 * break-even) within Brent's bracket, 1e-8 relative in x. */
static void
test_break_even_marker (void)
{
  /* The marker needs a crossing: at purchase prices, with the glass links taken as never
   * failing (their rerouted slowdown otherwise costs the Lite-GPU ~25% of its goodput,
   * README), the Lite-GPU is ahead of the DGX at the fabric's nominal energy (~0.95x per
   * model), so raising its energy per bit must cross over somewhere. */
  GpSession *s0 = default_session ();
  GpParamRef basis = gp_param_ref (GP_SUBJECT_STUDY, 0, -1, "cost_basis");
  g_assert_true (gp_session_set_value (s0, &basis, 1 /* purchase */, NULL));
  GpParamRef links = gp_param_ref (GP_SUBJECT_FAILURE, by_name (s0, "lite-gpu-glass")->id, -1,
                                   "link_failures_per_hour");
  g_assert_true (gp_session_set_value (s0, &links, 0, NULL));
  gp_session_set_uncertainty_samples (s0, 16, 4);
  gp_session_run_uncertainty (s0);
  g_autoptr (GpSession) s = s0;
  const GpUqBreakEven *be = gp_session_get_break_even (s);
  g_assert_true (be->valid);
  g_assert_true (be->found);
  const GpSystemEntry *lite = by_name (s, "lite-gpu-glass"), *dgx = by_name (s, "dgx-h100");
  g_assert_cmpuint (be->lite_id, ==, lite->id);
  g_assert_cmpuint (be->base_id, ==, dgx->id);

  gp_chart *c = gp_charts_build (s, GP_CHART_ID_BREAK_EVEN);
  const gp_annotation *v = NULL;
  for (size_t i = 0; i < gp_chart_n_annotations (c); i++)
    if (gp_chart_get_annotation (c, i)->kind == GP_ANNOT_VLINE)
      v = gp_chart_get_annotation (c, i);
  g_assert_nonnull (v);
  g_assert_cmpfloat (v->x, ==, be->break_even_pj);
  g_assert_nonnull (strstr (v->label, "pJ/bit"));

  /* The engine, independently: link.other_pj_per_bit of the Lite-GPU system only. */
  size_t n_nodes;
  const gp_node *nodes = gp_session_get_nodes (s, &n_nodes);
  gp_error err = { 0 };
  gp_uq_system *u = gp_uncertainty_system_new (&lite->system, &dgx->system,
                                               gp_session_get_study (s), nodes, n_nodes, &err);
  g_assert_nonnull (u);
  gp_uq_input in;
  gp_uq_input_init (&in);
  g_strlcpy (in.path, "link.other_pj_per_bit", sizeof in.path);
  in.system = 1;
  g_assert_cmpint (gp_uncertainty_system_add_input (u, &in, &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "usd_per_model", &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_ready (u, false, &lite->plan, &dgx->plan, &err), ==,
                   GP_OK);
  gp_uq_problem pb;
  gp_uncertainty_system_problem (u, &pb);
  gp_break_even_params p;
  gp_break_even_params_init (&p);
  p.lo = 0;
  p.hi = 5000;
  p.output_a = 0;
  p.output_b = 1;
  gp_break_even_result r;
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_OK);
  gp_uncertainty_system_free (u);
  /* The chart's x is the link's total pJ/bit: the remainder term plus the rest of the
   * link model, total0 - other0 (gp_link_eval at the design). */
  gp_link_result lr;
  g_assert_cmpint (gp_link_eval (&lite->system.link, &lr, &err), ==, GP_OK);
  double x = r.x + lr.total_pj_per_bit - lite->system.link.other_pj_per_bit;
  g_assert_cmpfloat_with_epsilon (be->break_even_pj / x, 1.0, 1e-6);

  /* Both systems evaluated at the break-even, with their plans: equal costs. */
  g_autofree gp_system *l2 = g_new (gp_system, 1);
  g_autofree gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  g_autofree gp_system_result *res = g_new0 (gp_system_result, 1);
  *l2 = lite->system;
  l2->link.other_pj_per_bit = r.x;
  g_assert_cmpint (gp_system_prepare (l2, gp_session_get_study (s), nodes, n_nodes, prep, &err),
                   ==, GP_OK);
  g_assert_cmpint (gp_system_eval (l2, gp_session_get_study (s), prep, &lite->plan, res, NULL,
                                   NULL, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (res->cost_to_train_usd / dgx->result.cost_to_train_usd, 1.0,
                                  1e-6);
  g_test_message ("break-even %.6g pJ/bit (design %.4g), %.6g USD per model",
                  be->break_even_pj, be->nominal_pj, res->cost_to_train_usd);
  gp_chart_free (c);

  /* The tornado chart of the selected system: one bar pair per input, around its nominal
   * cost, which is the session's own figure (same plan, every input nominal). */
  gp_session_set_selected_id (s, lite->id);
  gp_session_run_uncertainty (s);
  const GpUqTornado *t = gp_session_get_tornado (s);
  g_assert_true (t->valid);
  g_assert_cmpuint (t->system_id, ==, lite->id);
  g_assert_cmpfloat_with_epsilon (t->nominal / lite->result.cost_to_train_usd, 1.0, 1e-12);
  c = gp_charts_build (s, GP_CHART_ID_TORNADO);
  /* the 12 largest swings fit a card */
  g_assert_cmpuint (gp_chart_n_categories (c), ==, (size_t) MIN (t->n, 12));
  g_assert_cmpint (t->n, >=, 8); /* data/uncertainty.lua: 10 inputs, all apply to Lite-GPU */
  /* one number format in the labels: SI prefixes, never "9.38e+03" */
  for (size_t k = 0; k < gp_chart_n_categories (c); k++)
    g_assert_null (strstr (gp_chart_get_category (c, k), "e+"));
  gp_chart_free (c);
}

static void
on_optimised (GObject *src, GAsyncResult *res, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (res);
}

/* Optimise, apply, undo: the worker's nominal figure is the session's (same design, same
 * plan); the optimum is no worse than the design (the design's own value is inside the
 * bounds); Apply sets the parameter through the session (so the figure follows) and one
 * Ctrl+Z puts the value and the figure back exactly. */
static void
test_optimise_apply_undo (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *lite = by_name (s, "lite-gpu-glass");
  GpOptimiseSpec spec;
  gp_uq_default_optimise (&lite->system, &spec);
  g_assert_cmpstr (spec.path[0], ==, "topology.scaleup_link_rate_gbps");
  double r0 = lite->system.topology.scaleup_link_rate_gbps;
  double cost0 = lite->result.cost_to_train_usd;
  GAsyncResult *res = NULL;
  gp_session_optimise_async (s, lite->id, &spec, NULL, on_optimised, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  GpOptimum opt;
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_optimise_finish (s, res, &opt, &error));
  g_assert_no_error (error);
  g_object_unref (res);
  g_test_message ("optimum rate %.6g Gb/s (design %.6g, bounds %g..%g, at bound %d): cost "
                  "%.6g USD (design %.6g), %ld evaluations",
                  opt.x[0], r0, spec.lo[0], spec.hi[0], opt.at_bound[0], opt.value,
                  opt.nominal_value, opt.evaluations);
  g_assert_cmpfloat (opt.nominal_x[0], ==, r0);
  g_assert_cmpfloat_with_epsilon (opt.nominal_value / cost0, 1.0, 1e-12);
  g_assert_cmpfloat (opt.value, <=, opt.nominal_value * (1 + 1e-12));
  g_assert_true (opt.x[0] >= spec.lo[0] && opt.x[0] <= spec.hi[0]);

  guint gen = gp_session_get_generation (s);
  g_assert_true (gp_session_apply_optimum (s, lite->id, &spec, &opt, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_session_get_generation (s), >, gen);
  g_assert_cmpfloat (lite->system.topology.scaleup_link_rate_gbps, ==, opt.x[0]);
  /* The session re-evaluates (and may search a better plan for the new bandwidth): never
   * worse than the optimum found with the old plan. */
  g_assert_cmpfloat (lite->result.cost_to_train_usd, <=, opt.value * (1 + 1e-9));
  g_assert_true (gp_session_get_can_undo (s));
  g_assert_true (gp_session_undo (s));
  g_assert_cmpfloat (lite->system.topology.scaleup_link_rate_gbps, ==, r0);
  g_assert_cmpfloat_with_epsilon (lite->result.cost_to_train_usd / cost0, 1.0, 1e-12);
  g_assert_false (gp_session_get_dirty (s));

  /* Bad bounds and node paths are refused with messages naming them. */
  GpOptimiseSpec bad = spec;
  bad.lo[0] = bad.hi[0];
  res = NULL;
  gp_session_optimise_async (s, lite->id, &bad, NULL, on_optimised, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gp_session_optimise_finish (s, res, &opt, &error));
  g_assert_nonnull (strstr (error->message, "scaleup_link_rate_gbps"));
  g_clear_error (&error);
  g_object_unref (res);
  GpParamRef ref;
  g_assert_false (gp_session_path_ref (s, lite->id, "nodes.N5.d0_per_cm2", &ref, &error));
  g_clear_error (&error);
  g_assert_true (gp_session_path_ref (s, lite->id, "package.parts[hbm].usd_per_gb", &ref,
                                      &error));
  g_assert_cmpint (ref.subject, ==, GP_SUBJECT_PART);
  g_assert_cmpint (lite->system.package.parts[ref.part].kind, ==, GP_PART_HBM);
}

/* The inference study: every system of the default comparison serves the study's workload;
 * the charts carry one frontier per system, the bars one value per system, and the memory
 * bars add up to what the model says is used per accelerator. */
static void
test_inference_study (void)
{
  g_autoptr (GpSession) s = default_session ();
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      g_assert_true (e->serving.ok);
      g_assert_cmpint (e->serving.n_frontier, >=, 2);
      g_assert_true (e->serving.have_best);
      g_assert_cmpfloat (e->serving.best.tpot_s, <=, GP_SERVING_TPOT_TARGET_S);
      g_assert_cmpfloat (gp_inference_metric (e, GP_INFERENCE_USD_PER_MTOKEN), >, 0);
    }
  gp_chart *c = gp_charts_build (s, GP_CHART_ID_INFERENCE_LATENCY);
  g_assert_cmpuint (gp_chart_n_series (c), ==, gp_session_get_n_systems (s));
  gp_chart_free (c);
  c = gp_charts_build (s, GP_CHART_ID_INFERENCE_MEMORY);
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      double sum = 0;
      for (size_t k = 0; k < gp_chart_n_series (c); k++)
        sum += gp_chart_get_series (c, k)->y[j];
      const GpSystemEntry *e = gp_session_get_system (s, j);
      g_assert_cmpfloat_with_epsilon (sum / e->serving.best.memory_per_accel_bytes, 1.0, 1e-12);
    }
  gp_chart_free (c);
  g_assert_true (gp_chart_id_is_inference (GP_CHART_ID_INFERENCE_COST));
  g_assert_false (gp_chart_id_is_inference (GP_CHART_ID_CAPEX));
  g_assert_null (gp_session_get_inference (s));

  /* A design with an inference study: its request shape and targets are used, and saving
   * from the session keeps it. */
  g_autofree char *dir = g_dir_make_tmp ("gp-inference-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "d.lua", NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (gp_session_save_copy (s, path, &error));
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  char *at = strstr (text, "  study = {\n");
  g_assert_nonnull (at);
  g_autofree char *with = g_strdup_printf ("%.*s  study = {\n    inference = { prompt_tokens = 512, "
                                           "output_tokens = 128, batch_seqs = 4, weight_bits = 8, "
                                           "kv_bits = 8, utilisation = 0.5, ttft_target_s = 2, "
                                           "tpot_target_s = 0.1 },\n%s", (int) (at - text), text,
                                           at + strlen ("  study = {\n"));
  g_assert_true (g_file_set_contents (path, with, -1, NULL));
  g_autoptr (GpSession) s2 = gp_session_new ();
  gp_session_set_synchronous (s2, TRUE);
  g_assert_true (gp_session_load_file (s2, path, &error));
  g_assert_no_error (error);
  const gp_inference_params *inf = gp_session_get_inference (s2);
  g_assert_nonnull (inf);
  g_assert_cmpint (inf->prompt_tokens, ==, 512);
  const GpSystemEntry *e0 = gp_session_get_system (s2, 0);
  g_assert_cmpfloat (e0->serving.tpot_target_s, ==, 0.1);
  g_assert_true (gp_session_save_file (s2, path, &error));
  g_autoptr (GpSession) s3 = gp_session_new ();
  gp_session_set_synchronous (s3, TRUE);
  g_assert_true (gp_session_load_file (s3, path, &error));
  g_assert_nonnull (gp_session_get_inference (s3));
  g_assert_cmpint (gp_session_get_inference (s3)->weight_bits, ==, 8);
  g_unlink (path);
  g_rmdir (dir);
}

/* Issue 18's charts and table words on the default comparison. Expected figures from the
 * presets' published values (H100 80 GB HBM3 at 3.35 TB/s, brief sec. 4; WSE-3 44 GB SRAM at
 * 21 PB/s, MemoryX share 586 GB at 150 GB/s, data/systems.lua), data/power.lua's class
 * fluxes (air 0.6, liquid 1.0, immersion 0.8 W/mm2), and the identity that the parts add up
 * to the machine's embodied carbon. */
static void
test_power_memory_carbon_charts (void)
{
  g_autoptr (GpSession) s = default_session ();
  const GpSystemEntry *dgx = by_name (s, "dgx-h100"), *cs3 = by_name (s, "cs-3");
  const GpSystemEntry *lite = by_name (s, "lite-gpu-glass");

  gp_chart *c = gp_charts_build (s, GP_CHART_ID_MEMORY_TIERS);
  g_assert_cmpuint (gp_chart_n_series (c), ==, gp_session_get_n_systems (s));
  for (size_t k = 0; k < gp_chart_n_series (c); k++)
    {
      const gp_series *ser = gp_chart_get_series (c, k);
      if (strcmp (ser->name, "dgx-h100") == 0)
        {
          g_assert_cmpuint (ser->n, ==, 1);
          g_assert_cmpfloat_with_epsilon (ser->x[0], 80, 1e-9);
          g_assert_cmpfloat_with_epsilon (ser->y[0], 3350, 1e-9);
          g_assert_cmpstr (ser->labels[0], ==, "HBM");
        }
      else if (strcmp (ser->name, "cs-3") == 0)
        {
          /* no HBM on a wafer: SRAM and MemoryX only */
          g_assert_cmpuint (ser->n, ==, 2);
          g_assert_cmpfloat_with_epsilon (ser->x[0], 44, 1e-9);
          g_assert_cmpfloat_with_epsilon (ser->y[0], 21e6, 1e-3);
          g_assert_cmpfloat_with_epsilon (ser->x[1], 586, 1e-9);
          g_assert_cmpfloat_with_epsilon (ser->y[1], 150, 1e-9);
        }
    }
  gp_chart_free (c);

  c = gp_charts_build (s, GP_CHART_ID_EMBODIED_PARTS);
  g_assert_cmpuint (gp_chart_n_categories (c), ==, gp_session_get_n_systems (s));
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      double sum = 0;
      for (size_t k = 0; k < gp_chart_n_series (c); k++)
        sum += gp_chart_get_series (c, k)->y[j];
      const GpSystemEntry *e = gp_session_get_system (s, j);
      g_assert_cmpfloat_with_epsilon (sum / (1e-3 * e->result.embodied_kg), 1.0, 1e-9);
    }
  /* the wafer has no HBM: its HBM segment is zero; no system has a pool: no pool series */
  guint jcs = 0;
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    if (gp_session_get_system (s, j) == cs3)
      jcs = j;
  g_assert_cmpstr (gp_chart_get_series (c, 1)->name, ==, "HBM");
  g_assert_cmpfloat (gp_chart_get_series (c, 1)->y[jcs], ==, 0);
  for (size_t k = 0; k < gp_chart_n_series (c); k++)
    g_assert_cmpstr (gp_chart_get_series (c, k)->name, !=, "memory pool");
  gp_chart_free (c);

  c = gp_charts_build (s, GP_CHART_ID_POWER_DENSITY);
  double want[] = { 0.6, 1.0, 0.8 };
  int seen = 0;
  for (size_t a = 0; a < gp_chart_n_annotations (c); a++)
    {
      const gp_annotation *an = gp_chart_get_annotation (c, a);
      if (an->kind == GP_ANNOT_HLINE)
        g_assert_cmpfloat_with_epsilon (an->y, want[seen++], 1e-12);
    }
  g_assert_cmpint (seen, ==, 3);
  /* 3 families + 3 dashed die-average limits; each family's curve at its own die size
     gives its own density (within the leakage-temperature difference, 3%) */
  g_assert_cmpuint (gp_chart_n_series (c), ==, gp_session_get_n_systems (s) + 3);
  const gp_series *ser = gp_chart_get_series (c, 1);
  g_assert_true (g_str_has_prefix (ser->name, "dgx-h100"));
  double a0 = dgx->result.die_area_mm2, best = 0, bx = 1e9;
  for (size_t i = 0; i < ser->n; i++)
    if (fabs (log (ser->x[i] / a0)) < bx)
      bx = fabs (log (ser->x[i] / a0)), best = ser->y[i];
  g_assert_cmpfloat (fabs (best / dgx->result.die_w_per_mm2 - 1), <, 0.03);
  gp_chart_free (c);


  /* table words */
  g_autofree char *w1 = gp_cooling_describe (dgx);
  g_assert_true (g_str_has_prefix (w1, "air: within its limits"));
  g_autofree char *w2 = gp_cooling_describe (lite);
  g_assert_true (g_str_has_prefix (w2, "liquid: "));
  g_assert_nonnull (strstr (w2, "power-bound"));
  g_autofree char *m1 = gp_memory_tiers_describe (dgx);
  g_assert_cmpstr (m1, ==, "HBM 80 GB at 3.35 TB/s; no pool");
  g_autofree char *m2 = gp_memory_tiers_describe (cs3);
  g_assert_null (strstr (m2, "HBM"));
  g_assert_nonnull (strstr (m2, "SRAM 44 GB at 21 PB/s"));
  g_autofree char *tsv = gp_comparison_tsv (s);
  g_assert_nonnull (strstr (tsv, "\tHBM 80 GB at 3.35 TB/s; no pool"));
  g_assert_nonnull (strstr (tsv, "Cooling and limits\t\t"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/ui/session/load-default", test_load_default);
  g_test_add_func ("/ui/session/set-value-recomputes", test_set_value_recomputes);
  g_test_add_func ("/ui/session/cost-basis-switch", test_cost_basis_switch);
  g_test_add_func ("/ui/session/validation-keeps-last-value", test_validation_keeps_last_value);
  g_test_add_func ("/ui/session/linked-fields", test_linked_fields);
  g_test_add_func ("/ui/session/undo-redo-dirty", test_undo_redo_and_dirty);
  g_test_add_func ("/ui/session/save-reload", test_save_and_reload);
  g_test_add_data_func ("/ui/session/save-de_DE", "de_DE.UTF-8", test_save_under_locale);
  g_test_add_data_func ("/ui/session/save-fr_FR", "fr_FR.UTF-8", test_save_under_locale);
  g_test_add_func ("/ui/session/structure", test_structure);
  g_test_add_func ("/ui/session/structure-undo", test_structure_undo);
  g_test_add_func ("/ui/session/no-plan-keeps-hardware", test_no_plan_keeps_hardware);
  g_test_add_func ("/ui/session/async-start", test_async_start);
  g_test_add_func ("/ui/session/uncertainty-cancel-captions", test_uncertainty_cancel_captions);
  g_test_add_func ("/ui/session/sources", test_sources);
  g_test_add_func ("/ui/session/parse-format-groups", test_parse);
  g_test_add_func ("/ui/session/table-and-charts", test_table_and_charts);
  g_test_add_func ("/ui/session/inference-study", test_inference_study);
  g_test_add_func ("/ui/session/lua-design-round-trip", test_lua_design_round_trip);
  g_test_add_func ("/ui/session/uncertainty-defaults", test_uncertainty_defaults);
  g_test_add_func ("/ui/session/uncertainty-brackets-nominal",
                   test_uncertainty_brackets_nominal);
  g_test_add_func ("/ui/session/uncertainty-count-bands", test_uncertainty_count_bands);
  g_test_add_func ("/ui/session/break-even-marker", test_break_even_marker);
  g_test_add_func ("/ui/session/optimise-apply-undo", test_optimise_apply_undo);
  g_test_add_func ("/ui/session/power-memory-carbon-charts", test_power_memory_carbon_charts);
  return g_test_run ();
}
