/* test-numfmt.c: numbers written to files the same way under every locale (gp-numfmt.h),
 * and the writers that use it: the chart CSV (ui/) and the design file (scripting/), under
 * the C locale and under de_DE and fr_FR, whose decimal point is a comma. A locale that is
 * not installed is skipped with a message (./dev deps generates both). */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "gp-design.h"
#include "gp-export.h"
#include "gp-models.h"
#include "gp-numfmt.h"

/* Switches to LOC for the test; FALSE (and the test skipped) when it is missing. */
static gboolean
enter_locale (const char *loc)
{
  if (loc == NULL)
    return TRUE;
  if (setlocale (LC_ALL, loc) == NULL)
    {
      g_test_skip_printf ("locale %s is not installed (./dev deps generates it)", loc);
      return FALSE;
    }
  char probe[16];
  snprintf (probe, sizeof probe, "%g", 0.5);
  g_assert_cmpstr (probe, ==, "0,5"); /* the locale really has a decimal comma */
  return TRUE;
}

static void
leave_locale (void)
{
  setlocale (LC_ALL, "C");
}

/* Expected texts worked out by hand: the fewest of 15, 16, 17 significant digits whose
 * %g text reads back to the same double. 1.247 and 0.1 need 15 or fewer (their %.15g is
 * exact after rounding); 0.1 + 0.2 = 0.30000000000000004 needs 17 (its %.16g, 0.3, is the
 * neighbouring double); 1/3 needs 16 (0.3333333333333333, the classic shortest repr);
 * 1.2470000000000001 from the issue is the same double as 1.247. */
static void
test_format (gconstpointer data)
{
  if (!enter_locale (data))
    return;
  struct { double v; const char *text; } cases[] = {
    { 1.247, "1.247" },
    { 1.2470000000000001, "1.247" },
    { 0.1, "0.1" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { -2.5e10, "-25000000000" },
    { 3383845.9878893872, "3383845.987889387" },
    { 1e300, "1e+300" },
    { 0.0, "0" },
    { -0.0, "-0" },
    { DBL_MAX, "1.7976931348623157e+308" }, /* 16 digits round up to inf */
    { DBL_MIN, "2.2250738585072014e-308" },
    { NAN, "nan" },
    { INFINITY, "inf" },
    { -INFINITY, "-inf" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[GP_FMT_DOUBLE_MAX];
      gp_fmt_double (buf, sizeof buf, cases[i].v);
      g_assert_cmpstr (buf, ==, cases[i].text);
      if (isfinite (cases[i].v))
        {
          char *end;
          g_assert_cmpfloat (gp_strtod_c (buf, &end), ==, cases[i].v);
          g_assert_cmpint (*end, ==, '\0');
        }
    }
  /* Round trip of many doubles at every scale: every text reads back exactly. */
  GRand *r = g_rand_new_with_seed (20);
  for (int i = 0; i < 20000; i++)
    {
      double v = g_rand_double (r) * pow (10, g_rand_int_range (r, -300, 300));
      char buf[GP_FMT_DOUBLE_MAX];
      gp_fmt_double (buf, sizeof buf, v);
      g_assert_null (strchr (buf, ','));
      g_assert_cmpfloat (gp_strtod_c (buf, NULL), ==, v);
    }
  g_rand_free (r);
  char buf[32];
  gp_snprintf_c (buf, sizeof buf, "%.2f|%g", 2.5, 0.25);
  g_assert_cmpstr (buf, ==, "2.50|0.25");
  /* The caller's locale is back after each call. */
  if (data)
    {
      snprintf (buf, sizeof buf, "%g", 0.5);
      g_assert_cmpstr (buf, ==, "0,5");
    }
  leave_locale ();
}

/* The chart CSV: '.' decimals, so a row has exactly its columns. */
static void
test_csv (gconstpointer data)
{
  if (!enter_locale (data))
    return;
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  gp_axis_set_text (gp_chart_x_axis (c), "Area", "mm2", "area_mm2", &err);
  gp_axis_set_text (gp_chart_y_axis (c), "Cost", "USD", "cost_usd", &err);
  gp_series *s = gp_chart_add_series (c, "a", &err);
  g_assert_cmpint (gp_series_append (s, 814.5, 3383845.9878893872, &err), ==, GP_OK);
  char *csv;
  size_t len;
  g_assert_cmpint (gp_chart_to_csv (c, &csv, &len, &err), ==, GP_OK);
  g_assert_cmpstr (csv, ==, "series,area_mm2 [mm2],cost_usd [USD]\r\na,814.5,3383845.987889387\r\n");
  free (csv);
  gp_chart_free (c);
  leave_locale ();
}

/* The design file: written and read back under the locale, every system equal field by
 * field (the structs are compared as numbers through the writer's own text: a second save
 * gives the same bytes). */
static void
test_design (gconstpointer data)
{
  if (!enter_locale (data))
    return;
  gp_error err = { 0 };
  gp_design *d = g_new0 (gp_design, 1), *e = g_new0 (gp_design, 1);
  g_assert_cmpint (gp_design_load_default (d, &err), ==, GP_OK);
  d->systems[0].sys.pue = 1.2470000000000001; /* the value */
  g_autofree char *dir = g_dir_make_tmp ("gp-numfmt-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "d.lua", NULL);
  g_assert_cmpint (gp_design_save (path, d, &err), ==, GP_OK);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "pue = 1.247,\n"));
  g_assert_false (g_regex_match_simple ("= -?[0-9]+,[0-9]", text, 0, 0));
  g_assert_cmpint (gp_design_load (path, e, &err), ==, GP_OK);
  g_assert_cmpint (e->n_systems, ==, d->n_systems);
  g_assert_cmpfloat (e->systems[0].sys.pue, ==, 1.247);
  char *a, *b;
  size_t la, lb;
  g_assert_cmpint (gp_design_to_string (d, &a, &la, &err), ==, GP_OK);
  g_assert_cmpint (gp_design_to_string (e, &b, &lb, &err), ==, GP_OK);
  g_assert_cmpstr (a, ==, b);
  free (a);
  free (b);
  g_unlink (path);
  g_rmdir (dir);
  g_free (d);
  g_free (e);
  leave_locale ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  const char *locales[] = { NULL, "de_DE.UTF-8", "fr_FR.UTF-8" };
  const char *names[] = { "C", "de_DE", "fr_FR" };
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *f = g_strdup_printf ("/numfmt/format/%s", names[i]);
      g_autofree char *c = g_strdup_printf ("/numfmt/csv/%s", names[i]);
      g_autofree char *d = g_strdup_printf ("/numfmt/design/%s", names[i]);
      g_test_add_data_func (f, locales[i], test_format);
      g_test_add_data_func (c, locales[i], test_csv);
      g_test_add_data_func (d, locales[i], test_design);
    }
  return g_test_run ();
}
