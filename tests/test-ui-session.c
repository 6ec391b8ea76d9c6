/* test-ui-session.c: the logic behind the explorer's widgets, no display: parameter binding
 * through GpSession (validation with the model's message, linked fields, prepare only when
 * needed), undo/redo and the dirty flag, reset to the preset, citations for tooltips, the
 * comparison table's text, the chart builders, and the design as a Lua table. Searches run
 * synchronously (gp_session_set_synchronous) so every check sees final results. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <lauxlib.h>
#include <lualib.h>

#include "gp-charts.h"
#include "gp-export.h"
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
      g_assert_cmpstr (f[6], ==, "1");
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/ui/session/load-default", test_load_default);
  g_test_add_func ("/ui/session/set-value-recomputes", test_set_value_recomputes);
  g_test_add_func ("/ui/session/validation-keeps-last-value", test_validation_keeps_last_value);
  g_test_add_func ("/ui/session/linked-fields", test_linked_fields);
  g_test_add_func ("/ui/session/undo-redo-dirty", test_undo_redo_and_dirty);
  g_test_add_func ("/ui/session/save-reload", test_save_and_reload);
  g_test_add_func ("/ui/session/structure", test_structure);
  g_test_add_func ("/ui/session/sources", test_sources);
  g_test_add_func ("/ui/session/parse-format-groups", test_parse);
  g_test_add_func ("/ui/session/table-and-charts", test_table_and_charts);
  g_test_add_func ("/ui/session/lua-design-round-trip", test_lua_design_round_trip);
  return g_test_run ();
}
