/* test-chart.c: the chart library: axis arithmetic and ticks, label formatting, the Pareto
 * frontier, CSV quoting and round trip, atomic writes, and every chart kind rendered to
 * SVG (parsed as XML), PDF (header) and PNG (pixel size and DPI). */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gp-axis.h"
#include "gp-chart.h"
#include "gp-export.h"
#include "gp-palette.h"
#include "gp-series.h"

#define MINUS "\xe2\x88\x92"

/* ================================================================ helpers */

static void
assert_err (const gp_error *err, gp_status status, const char *param)
{
  g_assert_cmpint (err->status, ==, status);
  g_assert_cmpstr (err->param, ==, param);
  g_assert_nonnull (strstr (err->message, param));
}

static char *
make_tmpdir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("gp-chart-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  if (d != NULL)
    {
      const char *name;
      while ((name = g_dir_read_name (d)) != NULL)
        {
          char *p = g_build_filename (dir, name, NULL);
          if (g_file_test (p, G_FILE_TEST_IS_DIR))
            rm_rf (p);
          else
            g_unlink (p);
          g_free (p);
        }
      g_dir_close (d);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
}

/* Number of entries in DIR whose name contains ".gp-save-" (leftover temporaries). */
static int
count_temps (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  int n = 0;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    n += strstr (name, ".gp-save-") != NULL;
  g_dir_close (d);
  return n;
}

/* ================================================================ axis */

static void
test_nice_number (void)
{
  /* Heckbert, Graphics Gems I p. 61: exponent e = floor(log10 x), fraction f = x / 10^e;
   * ceiling: 1, 2, 5, 10 for f <= 1, 2, 5, else; rounding: thresholds 1.5, 3, 7. */
  g_assert_cmpfloat_with_epsilon (gp_nice_number (97, false), 100, 1e-12);  /* f 9.7 -> 10 */
  g_assert_cmpfloat_with_epsilon (gp_nice_number (150, false), 200, 1e-12); /* f 1.5 -> 2 */
  g_assert_cmpfloat_with_epsilon (gp_nice_number (1, false), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (gp_nice_number (20, true), 20, 1e-12);    /* f 2 < 3 */
  g_assert_cmpfloat_with_epsilon (gp_nice_number (1.4, true), 1, 1e-12);    /* f < 1.5 */
  g_assert_cmpfloat_with_epsilon (gp_nice_number (2.9, true), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (gp_nice_number (0.0634, true), 0.05, 1e-15); /* 6.34 < 7 */
  g_assert_cmpfloat_with_epsilon (gp_nice_number (0.0734, true), 0.1, 1e-15);  /* 7.34 >= 7 */
  g_assert_cmpfloat (gp_nice_number (0, true), ==, 0);
  g_assert_cmpfloat (gp_nice_number (-5, true), ==, 0);
  g_assert_cmpfloat (gp_nice_number (NAN, true), ==, 0);
}

static void
test_axis_linear_ticks (void)
{
  gp_axis a;
  gp_tick t[GP_AXIS_TICKS_MAX];
  gp_error err = { 0 };

  /* 0..97, 6 ticks: range nice(97, ceil) = 100, step nice(100 / 5 = 20, round) = 20,
   * min floor(0 / 20) 20 = 0, max ceil(97 / 20) 20 = 100: ticks 0, 20, ..., 100. */
  gp_axis_init (&a, GP_AXIS_LINEAR);
  g_assert_cmpint (gp_axis_fit (&a, 0, 97, 6, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (a.min, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.max, 100, 1e-12);
  size_t n = gp_axis_ticks (&a, 6, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 6);
  const char *want[6] = { "0", "20", "40", "60", "80", "100" };
  for (size_t i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (t[i].value, 20.0 * i, 1e-9);
      g_assert_cmpfloat_with_epsilon (t[i].pos, 0.2 * i, 1e-12);
      g_assert_true (t[i].major);
      g_assert_cmpstr (t[i].label, ==, want[i]);
    }

  /* -3.2..7.9, 6 ticks: nice(11.1, ceil) = 20, step nice(4, round) = 5, min -5, max 10. */
  gp_axis_init (&a, GP_AXIS_LINEAR);
  g_assert_cmpint (gp_axis_fit (&a, -3.2, 7.9, 6, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (a.min, -5, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.max, 10, 1e-12);
  n = gp_axis_ticks (&a, 6, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (t[0].label, ==, MINUS "5");
  g_assert_cmpstr (t[1].label, ==, "0");
  g_assert_cmpstr (t[3].label, ==, "10");

  /* 0.3..0.7, 5 ticks: nice(0.4, ceil) = 0.5, step nice(0.125, round) = 0.1; 0.3 / 0.1 is
   * 2.9999999999999996 in binary, which must not push the minimum down to 0.2. Labels
   * get one decimal (step 10^-1). */
  gp_axis_init (&a, GP_AXIS_LINEAR);
  g_assert_cmpint (gp_axis_fit (&a, 0.3, 0.7, 5, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (a.min, 0.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.max, 0.7, 1e-12);
  n = gp_axis_ticks (&a, 5, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (t[0].label, ==, "0.3");
  g_assert_cmpstr (t[4].label, ==, "0.7");

  /* include_zero: 20..80 becomes 0..80 (nice(80) = 100, step 20). */
  gp_axis_init (&a, GP_AXIS_LINEAR);
  a.include_zero = true;
  g_assert_cmpint (gp_axis_fit (&a, 20, 80, 6, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (a.min, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.max, 80, 1e-12);

  /* A single value v gets v +- 10 %: 50 -> 45..55, nice(10) = 10, step nice(2) = 2. */
  gp_axis_init (&a, GP_AXIS_LINEAR);
  g_assert_cmpint (gp_axis_fit (&a, 50, 50, 6, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (a.min, 44, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.max, 56, 1e-12);
}

static void
test_axis_si_labels (void)
{
  gp_axis a;
  gp_tick t[GP_AXIS_TICKS_MAX];
  gp_error err = { 0 };

  /* 0..2.5e6 fixed, 6 ticks: nice(2.5e6, ceil) = 5e6, step nice(1e6) = 1e6: 0, 1 M, 2 M;
   * one shared prefix (M, from the largest tick), 6 - log10(1e6) = 0 decimals. */
  gp_axis_init (&a, GP_AXIS_LINEAR);
  g_assert_cmpint (gp_axis_set_range (&a, 0, 2.5e6, &err), ==, GP_OK);
  size_t n = gp_axis_ticks (&a, 6, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (t[0].label, ==, "0");
  g_assert_cmpstr (t[1].label, ==, "1 M");
  g_assert_cmpstr (t[2].label, ==, "2 M");

  /* 0..1.2e6, 7 ticks: nice(1.2e6) = 2e6, step nice(3.33e5, round) = 5e5 (3.33 < 7):
   * 0, 0.5 M, 1.0 M: 6 - 5 = 1 decimal, the same for every label. */
  g_assert_cmpint (gp_axis_set_range (&a, 0, 1.2e6, &err), ==, GP_OK);
  n = gp_axis_ticks (&a, 7, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (t[1].label, ==, "0.5 M");
  g_assert_cmpstr (t[2].label, ==, "1.0 M");

  /* 0..20000, 3 ticks: step nice(nice(2e4) / 2 = 1e4) = 1e4. Without a unit: SI; in dB
   * a prefix is meaningless, so plain numbers. */
  g_assert_cmpint (gp_axis_set_range (&a, 0, 20000, &err), ==, GP_OK);
  n = gp_axis_ticks (&a, 3, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (t[1].label, ==, "10 k");
  g_assert_cmpstr (t[2].label, ==, "20 k");
  g_assert_cmpint (gp_axis_set_text (&a, NULL, "dB", NULL, &err), ==, GP_OK);
  n = gp_axis_ticks (&a, 3, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpstr (t[2].label, ==, "20000");
  /* Forced formats. */
  a.format = GP_TICK_ENG;
  n = gp_axis_ticks (&a, 3, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpstr (t[2].label, ==, "20\xc3\x97" "10\xc2\xb3");
  a.format = GP_TICK_PLAIN;
  gp_axis_set_text (&a, NULL, "", NULL, &err);
  n = gp_axis_ticks (&a, 3, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpstr (t[1].label, ==, "10000");
}

static void
test_axis_log_ticks (void)
{
  gp_axis a;
  gp_tick t[GP_AXIS_TICKS_MAX];
  gp_error err = { 0 };

  /* 3..4e5: floor(log10 3) = 0, ceil(log10 4e5 = 5.6) = 6: decades 1..1e6. */
  gp_axis_init (&a, GP_AXIS_LOG);
  g_assert_cmpint (gp_axis_fit (&a, 3, 4e5, 10, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (a.min, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.max, 1e6, 1e-6);
  /* Target 10 >= 7 decades: every decade labelled, minors at 2..9 x 10^n inside the
   * range (6 decades x 8 = 48): 7 + 48 = 55 ticks. */
  size_t n = gp_axis_ticks (&a, 10, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 55);
  const char *want[7] = { "1", "10", "100", "1 k", "10 k", "100 k", "1 M" };
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (t[i].major)
      {
        g_assert_cmpuint (k, <, 7);
        g_assert_cmpfloat_with_epsilon (t[i].value, pow (10, k), 1e-9 * pow (10, k));
        g_assert_cmpfloat_with_epsilon (t[i].pos, k / 6.0, 1e-12);
        g_assert_cmpstr (t[i].label, ==, want[k]);
        k++;
      }
    else
      g_assert_cmpstr (t[i].label, ==, "");
  g_assert_cmpuint (k, ==, 7);

  /* Target 3 with 7 decades: stride ceil(7 / 3) = 3, labels on multiples of 3 only
   * (1, 1 k, 1 M), the other decades as unlabelled ticks, no 2..9 minors. */
  n = gp_axis_ticks (&a, 3, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpstr (t[0].label, ==, "1");
  g_assert_false (t[1].major);
  g_assert_cmpstr (t[3].label, ==, "1 k");
  g_assert_cmpstr (t[6].label, ==, "1 M");

  /* Less than two decades in view: 2..60 holds only 10, so 1-2-5 ticks are labelled
   * (2, 5, 10, 20, 50) and 3, 4, 6, ..., 40 are minors. */
  g_assert_cmpint (gp_axis_set_range (&a, 2, 60, &err), ==, GP_OK);
  n = gp_axis_ticks (&a, 6, t, GP_AXIS_TICKS_MAX);
  size_t majors = 0;
  for (size_t i = 0; i < n; i++)
    majors += t[i].major;
  g_assert_cmpuint (majors, ==, 5);
  /* 3..8: only 5 is 1-2-5, so every integer is labelled: 3, 4, 5, 6, 7, 8. */
  g_assert_cmpint (gp_axis_set_range (&a, 3, 8, &err), ==, GP_OK);
  n = gp_axis_ticks (&a, 6, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (t[0].label, ==, "3");
  g_assert_cmpstr (t[5].label, ==, "8");

  /* Small values: 1e-3..1 plain ("0.001"); 1e-6..1e-3 SI (1 µ, 10 µ, 100 µ, 1 m). */
  g_assert_cmpint (gp_axis_set_range (&a, 1e-3, 1, &err), ==, GP_OK);
  n = gp_axis_ticks (&a, 10, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpstr (t[0].label, ==, "0.001");
  g_assert_cmpint (gp_axis_set_range (&a, 1e-6, 1e-3, &err), ==, GP_OK);
  n = gp_axis_ticks (&a, 10, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpstr (t[0].label, ==, "1 \xc2\xb5");
  g_assert_cmpstr (t[n - 1].label, ==, "1 m");
  /* Scientific on request: 10⁻⁶. */
  a.format = GP_TICK_SCI;
  n = gp_axis_ticks (&a, 10, t, GP_AXIS_TICKS_MAX);
  g_assert_cmpstr (t[0].label, ==, "10\xe2\x81\xbb\xe2\x81\xb6");
}

static void
test_axis_map (void)
{
  gp_axis a;
  gp_error err = { 0 };
  gp_axis_init (&a, GP_AXIS_LINEAR);
  g_assert_cmpint (gp_axis_set_range (&a, 0, 100, &err), ==, GP_OK);
  g_assert_false (a.auto_range);
  /* (25 - 0) / (100 - 0) = 0.25; beyond the range extrapolates: -10 -> -0.1. */
  g_assert_cmpfloat_with_epsilon (gp_axis_map (&a, 25), 0.25, 1e-15);
  g_assert_cmpfloat_with_epsilon (gp_axis_map (&a, -10), -0.1, 1e-15);
  g_assert_cmpfloat_with_epsilon (gp_axis_unmap (&a, 0.25), 25, 1e-12);
  g_assert_true (isnan (gp_axis_map (&a, NAN)));
  g_assert_true (isnan (gp_axis_map (&a, INFINITY)));

  /* Log 1..1e6: (log10 1000 - 0) / (6 - 0) = 0.5; non-positive values have no position. */
  gp_axis_init (&a, GP_AXIS_LOG);
  g_assert_cmpint (gp_axis_set_range (&a, 1, 1e6, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (gp_axis_map (&a, 1000), 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (gp_axis_unmap (&a, 0.5), 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (gp_axis_map (&a, 10), 1.0 / 6.0, 1e-15);
  g_assert_true (isnan (gp_axis_map (&a, 0)));
  g_assert_true (isnan (gp_axis_map (&a, -5)));
  /* Round trip at arbitrary points. */
  for (double t = -0.5; t <= 1.5; t += 0.125)
    g_assert_cmpfloat_with_epsilon (gp_axis_map (&a, gp_axis_unmap (&a, t)), t, 1e-12);
}

static void
test_axis_errors (void)
{
  gp_axis a;
  gp_error err = { 0 };
  gp_axis_init (&a, GP_AXIS_LINEAR);
  g_assert_cmpint (gp_axis_set_range (&a, 5, 5, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "max");
  g_assert_cmpint (gp_axis_set_range (&a, NAN, 1, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "min");
  g_assert_cmpint (gp_axis_set_range (&a, 0, INFINITY, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "max");
  g_assert_cmpint (gp_axis_set_range (&a, 2, 1, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "max");
  g_assert_cmpint (gp_axis_fit (&a, 1, NAN, 5, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "data_max");
  /* Unchanged after the failures. */
  g_assert_cmpfloat (a.min, ==, 0);
  g_assert_cmpfloat (a.max, ==, 1);
  g_assert_true (a.auto_range);

  gp_axis_init (&a, GP_AXIS_LOG);
  g_assert_cmpint (gp_axis_set_range (&a, 0, 10, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "min");
  g_assert_nonnull (strstr (err.message, "log"));
  g_assert_cmpint (gp_axis_fit (&a, -1, 10, 5, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "data_min");

  char longer[GP_AXIS_LABEL_MAX + 10];
  memset (longer, 'a', sizeof longer - 1);
  longer[sizeof longer - 1] = '\0';
  g_assert_cmpint (gp_axis_set_text (&a, "ok", "mm", NULL, &err), ==, GP_OK);
  g_assert_cmpint (gp_axis_set_text (&a, longer, "s", NULL, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "label");
  g_assert_cmpstr (a.label, ==, "ok");
  g_assert_cmpstr (a.unit, ==, "mm"); /* nothing written when any string fails */
}

static void
test_format (void)
{
  char buf[64];
  /* SI prefixes (BIPM SI Brochure, 9th ed., table 7). */
  gp_format_si (1e4, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "10 k");
  gp_format_si (1e6, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1 M");
  gp_format_si (1500, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1.5 k");
  gp_format_si (2.5e-4, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "250 \xc2\xb5");
  gp_format_si (0, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "0");
  gp_format_si (-2000, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, MINUS "2 k");
  gp_format_si (12.5, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "12.5");
  /* 999.96 to 3 digits is 1000: that is 1 k, not "1e+03" or "1000". */
  gp_format_si (999.96, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1 k");
  /* Past yotta: scientific. */
  gp_format_si (1e30, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "10\xc2\xb3\xe2\x81\xb0");
  gp_format_sci (2e-3, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "2\xc3\x97" "10\xe2\x81\xbb\xc2\xb3");
  gp_format_sci (1e6, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "10\xe2\x81\xb6");

  gp_unit_pretty ("mm2", buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "mm\xc2\xb2");
  gp_unit_pretty ("defects/cm2", buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "defects/cm\xc2\xb2");
  gp_unit_pretty ("m3", buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "m\xc2\xb3");
  gp_unit_pretty ("USD", buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "USD");
  gp_unit_pretty ("H100", buf, sizeof buf); /* digits not ending a unit stay */
  g_assert_cmpstr (buf, ==, "H100");

  gp_axis a;
  gp_error err = { 0 };
  gp_axis_init (&a, GP_AXIS_LINEAR);
  g_assert_cmpint (gp_axis_set_text (&a, "Die area", "mm2", NULL, &err), ==, GP_OK);
  gp_axis_title (&a, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "Die area (mm\xc2\xb2)");
  gp_axis_csv_header (&a, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "die_area_mm2 [mm2]");
  g_assert_cmpint (gp_axis_set_text (&a, NULL, NULL, "area_mm2", &err), ==, GP_OK);
  gp_axis_csv_header (&a, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "area_mm2 [mm2]");
  gp_axis_init (&a, GP_AXIS_LINEAR);
  gp_axis_csv_header (&a, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "value");
}

/* ================================================================ palette */

static void
test_palette (void)
{
  /* Okabe & Ito (2008): blue #0072B2 = (0, 114, 178). */
  gp_rgba c = gp_palette_color (0, GP_THEME_LIGHT);
  g_assert_cmpfloat_with_epsilon (c.r, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.g, 114 / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.b, 178 / 255.0, 1e-12);
  /* Indices 8-15 are the same hues half-way to the background: index 8 on white is
   * ((0 + 1) / 2, (114/255 + 1) / 2, (178/255 + 1) / 2); 16 wraps to 0, negatives too;
   * index 7 (black) is the theme foreground, and -1 is 15, its tint. */
  gp_rgba c8 = gp_palette_color (8, GP_THEME_LIGHT);
  g_assert_cmpfloat_with_epsilon (c8.r, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (c8.g, (114 / 255.0 + 1) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (c8.b, (178 / 255.0 + 1) / 2, 1e-12);
  g_assert_cmpfloat (gp_palette_color (16, GP_THEME_LIGHT).g, ==, c.g);
  gp_rgba c7 = gp_palette_color (7, GP_THEME_DARK);
  g_assert_cmpfloat (c7.r, ==, gp_theme_get (GP_THEME_DARK)->foreground.r);
  gp_rgba cm1 = gp_palette_color (-1, GP_THEME_DARK);
  g_assert_cmpfloat_with_epsilon (cm1.r, 0.5 * (c7.r + gp_theme_get (GP_THEME_DARK)->background.r),
                                  1e-12);
  /* Text contrast (WCAG 2: 4.5 for small text, 7 for AAA) in both themes. */
  for (int k = 0; k < 2; k++)
    {
      const gp_theme *t = gp_theme_get ((gp_theme_kind) k);
      g_assert_cmpfloat (gp_rgba_contrast (t->foreground, t->background), >=, 7.0);
      g_assert_cmpfloat (gp_rgba_contrast (t->muted, t->background), >=, 4.5);
      /* Series colours (but yellow, a known weak spot on white) at least 3:1 (WCAG
       * non-text contrast) against the background. */
      for (int i = 0; i < GP_PALETTE_N; i++) /* the hues; their tints are for fills */
        if (i != GP_OKABE_YELLOW && !(k == GP_THEME_LIGHT && i == GP_OKABE_ORANGE)
            && !(k == GP_THEME_LIGHT && i == GP_OKABE_SKY_BLUE))
          g_assert_cmpfloat (gp_rgba_contrast (gp_palette_color (i, (gp_theme_kind) k),
                                               t->background), >=, 3.0);
    }
  /* Contrast of black on white is (1.05 / 0.05) = 21 by definition. */
  g_assert_cmpfloat_with_epsilon (gp_rgba_contrast (gp_rgba_from_hex (0, 1),
                                                    gp_rgba_from_hex (0xffffff, 1)), 21.0,
                                  1e-9);
}

/* ================================================================ series and chart setters */

static void
test_series (void)
{
  gp_error err = { 0 };
  gp_series *s = gp_series_new ("s");
  g_assert_cmpint (gp_series_append (s, 1, 2, &err), ==, GP_OK);
  g_assert_null (s->y_lo);
  g_assert_cmpint (gp_series_append_band (s, 2, 3, 2.5, 3.5, &err), ==, GP_OK);
  g_assert_nonnull (s->y_lo);
  g_assert_true (isnan (s->y_lo[0])); /* earlier points have no band */
  g_assert_cmpfloat (s->y_hi[1], ==, 3.5);
  for (int i = 0; i < 100; i++)
    g_assert_cmpint (gp_series_append (s, i, i, &err), ==, GP_OK);
  g_assert_cmpuint (s->n, ==, 102);
  g_assert_true (isnan (s->y_hi[101]));
  g_assert_cmpint (gp_series_set_label (s, 102, "x", &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "index");
  g_assert_cmpint (gp_series_set_label (s, 5, "five", &err), ==, GP_OK);
  g_assert_cmpstr (s->labels[5], ==, "five");
  const double y[3] = { 4, 5, 6 };
  g_assert_cmpint (gp_series_set_data (s, NULL, y, NULL, NULL, 3, &err), ==, GP_OK);
  g_assert_cmpuint (s->n, ==, 3);
  g_assert_cmpfloat (s->x[2], ==, 2); /* x defaults to the index */
  g_assert_null (s->labels);
  g_assert_cmpint (gp_series_set_data (s, NULL, NULL, NULL, NULL, 3, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "y");
  g_assert_cmpuint (s->n, ==, 3);
  gp_series_free (s);
  gp_series_free (NULL);
}

static void
test_chart_setters (void)
{
  gp_error err = { 0 };
  g_assert_null (gp_chart_new ((gp_chart_kind) 99));
  gp_chart *c = gp_chart_new (GP_CHART_WAFER_MAP);
  g_assert_cmpint (gp_chart_wafer_set (c, 300, 310, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "usable_diameter_mm");
  g_assert_cmpint (gp_chart_wafer_set (c, -1, 1, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "diameter_mm");
  g_assert_cmpint (gp_chart_wafer_add_die (c, 0, 0, 0, 5, true, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "width_mm");
  g_assert_cmpint (gp_chart_wafer_add_die (c, NAN, 0, 5, 5, true, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "x_mm");
  g_assert_cmpint (gp_chart_wafer_add_defect (c, 0, INFINITY, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "y_mm");
  g_assert_cmpint (gp_chart_add_annotation (c, GP_ANNOT_VLINE, NAN, 0, "x", &err), ==,
                   GP_EINVAL);
  assert_err (&err, GP_EINVAL, "x");
  g_assert_cmpint (gp_chart_set_baseline (c, NAN, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "baseline");
  gp_chart_free (c);

  c = gp_chart_new (GP_CHART_TABLE);
  g_assert_cmpint (gp_chart_table_set_size (c, 2, 0, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "n_cols");
  g_assert_cmpint (gp_chart_table_set_size (c, 100000, 2, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "n_rows");
  g_assert_cmpint (gp_chart_table_set_size (c, 2, 2, &err), ==, GP_OK);
  g_assert_cmpint (gp_chart_table_set_text (c, 2, 0, "x", &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "row");
  g_assert_cmpint (gp_chart_table_set_number (c, 0, 5, 1, NULL, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "col");
  g_assert_cmpint (gp_chart_table_set_ratio_column (c, 2, true, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "col");
  /* Automatic display text: 4 significant digits, SI past 1e4. */
  double v;
  g_assert_cmpint (gp_chart_table_set_number (c, 0, 1, 61e6, NULL, &err), ==, GP_OK);
  g_assert_cmpstr (gp_chart_table_get_text (c, 0, 1, &v), ==, "61 M");
  g_assert_cmpfloat (v, ==, 61e6);
  g_assert_cmpint (gp_chart_table_set_number (c, 1, 1, 180.5, NULL, &err), ==, GP_OK);
  g_assert_cmpstr (gp_chart_table_get_text (c, 1, 1, NULL), ==, "180.5");
  gp_chart_free (c);
  gp_chart_free (NULL);
}

/* ================================================================ Pareto */

static void
test_pareto (void)
{
  /* A (1,5), B (2,3), C (3,4), D (4,1), E = B, F (5,1), G (NaN, 0).
   * Minimise both: C is dominated by B (2 <= 3, 3 < 4); F by D (4 < 5, 1 <= 1); the
   * duplicates B and E dominate each other in neither coordinate strictly, so both stay;
   * G is not finite. Frontier in increasing x: A, B, E, D = indices 0, 1, 4, 3. */
  const double x[7] = { 1, 2, 3, 4, 2, 5, NAN };
  const double y[7] = { 5, 3, 4, 1, 3, 1, 0 };
  size_t out[7];
  bool ok;
  size_t n = gp_pareto_frontier (x, y, 7, true, true, out, 7, &ok);
  g_assert_true (ok);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (out[0], ==, 0);
  g_assert_cmpuint (out[1], ==, 1);
  g_assert_cmpuint (out[2], ==, 4);
  g_assert_cmpuint (out[3], ==, 3);

  /* Minimise x, maximise y: A has the smallest x and the largest y, so it alone is on
   * the frontier. */
  n = gp_pareto_frontier (x, y, 7, true, false, out, 7, &ok);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (out[0], ==, 0);

  /* Maximise both: F (largest x), C (nothing has x >= 3 and y >= 4 but C), A (largest y);
   * D is dominated by F, B and E by C. In increasing x: A, C, F = 0, 2, 5. */
  n = gp_pareto_frontier (x, y, 7, false, false, out, 7, &ok);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (out[0], ==, 0);
  g_assert_cmpuint (out[1], ==, 2);
  g_assert_cmpuint (out[2], ==, 5);

  /* Capacity smaller than the frontier: the count is still the full size. */
  n = gp_pareto_frontier (x, y, 7, true, true, out, 2, &ok);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (out[1], ==, 1);
  g_assert_cmpuint (gp_pareto_frontier (x, y, 0, true, true, out, 7, &ok), ==, 0);
}

/* ================================================================ CSV */

/* A strict RFC 4180 reader for the round trip: CRLF record ends, quoted fields with
 * doubled quotes. Fails the test on a bare LF outside quotes. */
static GPtrArray *
parse_csv (const char *s)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = s;
  while (*p)
    {
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              g_assert_true (*p != '\0');
              if (p[0] == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (p[0] == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
        }
      else
        while (*p && *p != ',' && *p != '\r')
          {
            g_assert_true (*p != '\n' && *p != '"');
            g_string_append_c (field, *p++);
          }
      g_ptr_array_add (row, g_string_free (field, FALSE));
      field = g_string_new (NULL);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static const char *
cell_at (GPtrArray *rows, guint r, guint c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);
  g_assert_cmpuint (c, <, row->len);
  return g_ptr_array_index (row, c);
}

static void
test_csv_round_trip (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  gp_axis_set_text (gp_chart_x_axis (c), "Die area", "mm2", "die_area_mm2", &err);
  gp_axis_set_text (gp_chart_y_axis (c), "Cost", "USD", "cost_usd", &err);
  const char *names[4] = { "plain", "with,comma", "with \"quote\"", "multi\nline" };
  const double xs[6] = { 0.1, 1.0 / 3.0, 1e-300, -2.5e10, NAN, INFINITY };
  for (int i = 0; i < 4; i++)
    {
      gp_series *s = gp_chart_add_series (c, names[i], &err);
      g_assert_nonnull (s);
      for (int k = 0; k < 6; k++)
        g_assert_cmpint (gp_series_append (s, xs[k], xs[5 - k] * (i + 1), &err), ==, GP_OK);
    }
  char *csv;
  size_t len;
  g_assert_cmpint (gp_chart_to_csv (c, &csv, &len, &err), ==, GP_OK);
  g_assert_cmpuint (strlen (csv), ==, len);
  /* Header with units; quoting by RFC 4180 section 2 rules 5-7. */
  g_assert_true (g_str_has_prefix (csv, "series,die_area_mm2 [mm2],cost_usd [USD]\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n\"with,comma\","));
  g_assert_nonnull (strstr (csv, "\r\n\"with \"\"quote\"\"\","));
  g_assert_nonnull (strstr (csv, "\r\n\"multi\nline\","));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  /* 0.1 in the fewest digits that read back: %.15g gives "0.1", which strtod reads as the
   * same double (1/3 needs 16: 0.3333333333333333). */
  g_assert_nonnull (strstr (csv, ",0.1,"));
  g_assert_nonnull (strstr (csv, ",0.3333333333333333,"));

  GPtrArray *rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 1 + 4 * 6);
  for (int i = 0; i < 4; i++)
    for (int k = 0; k < 6; k++)
      {
        guint r = 1 + i * 6 + k;
        g_assert_cmpstr (cell_at (rows, r, 0), ==, names[i]);
        const char *fx = cell_at (rows, r, 1), *fy = cell_at (rows, r, 2);
        double want_y = xs[5 - k] * (i + 1);
        if (isnan (xs[k]))
          g_assert_cmpstr (fx, ==, ""); /* NaN is a missing value */
        else
          g_assert_true (strtod (fx, NULL) == xs[k]); /* exact: 17 digits round-trip */
        if (isnan (want_y))
          g_assert_cmpstr (fy, ==, "");
        else
          g_assert_true (strtod (fy, NULL) == want_y);
      }
  g_ptr_array_unref (rows);
  free (csv);
  gp_chart_free (c);
}

static void
test_csv_kinds (void)
{
  gp_error err = { 0 };
  char *csv;

  /* Waterfall: running sum 3, 3 - 4 = -1, -1 - 1.5 = -2.5; total -2.5. */
  gp_chart *c = gp_chart_new (GP_CHART_WATERFALL);
  gp_axis_set_text (gp_chart_y_axis (c), "Power", "dBm", "power_dbm", &err);
  gp_series *s = gp_chart_add_series (c, "budget", &err);
  const char *steps[3] = { "Laser", "Modulator", "Coupler" };
  const double v[3] = { 3, -4, -1.5 };
  for (int i = 0; i < 3; i++)
    {
      gp_chart_add_category (c, steps[i], &err);
      gp_series_append_value (s, v[i], &err);
    }
  g_assert_cmpint (gp_chart_to_csv (c, &csv, NULL, &err), ==, GP_OK);
  g_assert_cmpstr (csv, ==,
                   "step,kind,power_dbm [dBm],power_dbm_cumulative [dBm]\r\n"
                   "Laser,start,3,3\r\n"
                   "Modulator,step,-4,-1\r\n"
                   "Coupler,step,-1.5,-2.5\r\n"
                   "Total,total,-2.5,-2.5\r\n");
  free (csv);
  gp_chart_free (c);

  /* Stacked bars: one column per segment and the total (10 + 5 = 15; NaN is skipped). */
  c = gp_chart_new (GP_CHART_STACKED_BAR);
  gp_axis_set_text (gp_chart_y_axis (c), "Cost", "USD", "cost_usd", &err);
  gp_chart_add_category (c, "A", &err);
  gp_chart_add_category (c, "B", &err);
  gp_series *s1 = gp_chart_add_series (c, "Dies", &err);
  gp_series *s2 = gp_chart_add_series (c, "Optics", &err);
  gp_series_append_value (s1, 10, &err);
  gp_series_append_value (s1, 7, &err);
  gp_series_append_value (s2, 5, &err);
  gp_series_append_value (s2, NAN, &err);
  g_assert_cmpint (gp_chart_to_csv (c, &csv, NULL, &err), ==, GP_OK);
  g_assert_cmpstr (csv, ==,
                   "category,Dies [USD],Optics [USD],total [USD]\r\n"
                   "A,10,5,15\r\n"
                   "B,7,,7\r\n");
  free (csv);
  gp_chart_free (c);

  /* Table: numbers at full precision, text quoted when needed, units in the header. */
  c = gp_chart_new (GP_CHART_TABLE);
  gp_chart_table_set_size (c, 1, 2, &err);
  gp_chart_table_set_column (c, 0, "System", NULL, &err);
  gp_chart_table_set_column (c, 1, "Power", "kW", &err);
  gp_chart_table_set_text (c, 0, 0, "DGX, 128", &err);
  gp_chart_table_set_number (c, 0, 1, 0.1, "0.1", &err);
  g_assert_cmpint (gp_chart_to_csv (c, &csv, NULL, &err), ==, GP_OK);
  g_assert_cmpstr (csv, ==, "System,Power [kW]\r\n\"DGX, 128\",0.1\r\n");
  free (csv);
  gp_chart_free (c);
}

/* ================================================================ atomic write */

static char *
read_all (const char *path, gsize *len)
{
  char *s = NULL;
  GError *error = NULL;
  g_assert_true (g_file_get_contents (path, &s, len, &error));
  g_assert_no_error (error);
  return s;
}

static void
test_atomic_write (void)
{
  gp_error err = { 0 };
  char *dir = make_tmpdir ();
  char *path = g_build_filename (dir, "out.txt", NULL);

  g_assert_cmpint (gp_atomic_write_file (path, "first", 5, &err), ==, GP_OK);
  gsize len;
  char *s = read_all (path, &len);
  g_assert_cmpuint (len, ==, 5);
  g_assert_cmpmem (s, len, "first", 5);
  g_free (s);

  /* Overwrite keeps the existing file's permissions. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (gp_atomic_write_file (path, "second!", 7, &err), ==, GP_OK);
  s = read_all (path, &len);
  g_assert_cmpmem (s, len, "second!", 7);
  g_free (s);
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  /* Zero bytes is a valid (empty) file. */
  g_assert_cmpint (gp_atomic_write_file (path, NULL, 0, &err), ==, GP_OK);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (count_temps (dir), ==, 0);

  /* A missing directory: GP_EIO naming the path. */
  char *missing = g_build_filename (dir, "nope", "x.svg", NULL);
  g_assert_cmpint (gp_atomic_write_file (missing, "x", 1, &err), ==, GP_EIO);
  g_assert_cmpstr (err.param, ==, "path");
  g_assert_nonnull (strstr (err.message, missing));
  g_assert_nonnull (strstr (err.message, g_strerror (ENOENT)));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* The parent is a regular file (ENOTDIR): fails even for root. */
  char *under_file = g_build_filename (path, "x.svg", NULL);
  g_assert_cmpint (gp_atomic_write_file (under_file, "x", 1, &err), ==, GP_EIO);
  g_assert_nonnull (strstr (err.message, under_file));

  /* The target is a directory: the temporary file is written, the rename fails, the
   * temporary is removed and the directory is left alone. */
  char *subdir = g_build_filename (dir, "adir", NULL);
  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  g_assert_cmpint (gp_atomic_write_file (subdir, "x", 1, &err), ==, GP_EIO);
  g_assert_nonnull (strstr (err.message, subdir));
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (count_temps (dir), ==, 0);

  /* Empty path. */
  g_assert_cmpint (gp_atomic_write_file ("", "x", 1, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "path");

  /* A read-only directory: the old file is untouched, no temporary is left. Root
   * ignores directory permissions, so this part only runs for other users. */
  if (geteuid () != 0)
    {
      g_assert_cmpint (gp_atomic_write_file (path, "keep", 4, &err), ==, GP_OK);
      g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
      g_assert_cmpint (gp_atomic_write_file (path, "clobbered", 9, &err), ==, GP_EIO);
      g_assert_nonnull (strstr (err.message, path));
      g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
      s = read_all (path, &len);
      g_assert_cmpmem (s, len, "keep", 4);
      g_free (s);
      g_assert_cmpint (count_temps (dir), ==, 0);
    }
  else
    g_test_message ("running as root: read-only directory case skipped");

  g_free (missing);
  g_free (under_file);
  g_free (subdir);
  g_free (path);
  rm_rf (dir);
  g_free (dir);
}

/* ================================================================ sample charts */

static gp_chart *
sample_chart (gp_chart_kind kind)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (kind);
  g_assert_nonnull (c);
  gp_chart_set_title (c, "Sample & <escaped> \"title\"", &err);
  gp_chart_set_caption (c, "Caption", &err);
  switch (kind)
    {
    case GP_CHART_LINE:
    case GP_CHART_SCATTER:
      {
        gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
        gp_axis_set_text (x, "Die area", "mm2", NULL, &err);
        gp_axis_set_text (y, "Cost", "USD", NULL, &err);
        x->scale = GP_AXIS_LOG;
        for (int j = 0; j < 3; j++)
          {
            gp_series *s = gp_chart_add_series (c, j == 1 ? "B, with comma" : "A", &err);
            for (int i = 1; i <= 20; i++)
              gp_series_append_band (s, i * 10.0, (j + 1) * 1e4 / i, 0.9e4 * (j + 1) / i,
                                     1.1e4 * (j + 1) / i, &err);
            gp_series_set_label (s, 3, "label", &err);
          }
        gp_chart_add_annotation (c, GP_ANNOT_VLINE, 50, NAN, "break-even", &err);
        gp_chart_add_annotation (c, GP_ANNOT_HLINE, NAN, 5000, "budget", &err);
        gp_chart_add_annotation (c, GP_ANNOT_POINT, 100, 3000, "this design", &err);
      }
      break;
    case GP_CHART_STACKED_BAR:
    case GP_CHART_TORNADO:
      {
        gp_axis_set_text (kind == GP_CHART_TORNADO ? gp_chart_x_axis (c) : gp_chart_y_axis (c),
                          "Cost", "USD", NULL, &err);
        for (int i = 0; i < 4; i++)
          {
            char name[32];
            g_snprintf (name, sizeof name, "Category number %d", i);
            gp_chart_add_category (c, name, &err);
          }
        for (int j = 0; j < 3; j++)
          {
            gp_series *s = gp_chart_add_series (c, "Segment", &err);
            for (int i = 0; i < 4; i++)
              gp_series_append_value (s, (j == 1 ? -1 : 1) * (i + 1) * 1000.0 + 40000, &err);
          }
        gp_chart_set_baseline (c, 40000, &err);
      }
      break;
    case GP_CHART_WATERFALL:
      {
        gp_series *s = gp_chart_add_series (c, "budget", &err);
        const double v[5] = { 3, -4, -1.5, 2, -0.5 };
        for (int i = 0; i < 5; i++)
          {
            gp_chart_add_category (c, "step", &err);
            gp_series_append_value (s, v[i], &err);
          }
        gp_chart_add_annotation (c, GP_ANNOT_HLINE, NAN, -6, "sensitivity", &err);
      }
      break;
    case GP_CHART_WAFER_MAP:
      gp_chart_wafer_set (c, 300, 294, &err);
      for (int i = -5; i < 5; i++)
        for (int j = -5; j < 5; j++)
          if (hypot (i * 20 + 10, j * 20 + 10) < 130)
            gp_chart_wafer_add_die (c, i * 20, j * 20, 19.9, 19.9, (i + j) % 3 != 0, &err);
      gp_chart_wafer_add_defect (c, 5, 5, &err);
      break;
    case GP_CHART_TABLE:
      gp_chart_table_set_size (c, 3, 3, &err);
      gp_chart_table_set_column (c, 0, "System", NULL, &err);
      gp_chart_table_set_column (c, 1, "Cost", "USD", &err);
      gp_chart_table_set_column (c, 2, "Ratio", NULL, &err);
      for (int r = 0; r < 3; r++)
        {
          gp_chart_table_set_text (c, r, 0, "A system with a long name", &err);
          gp_chart_table_set_number (c, r, 1, 1e6 * (r + 1), NULL, &err);
          gp_chart_table_set_number (c, r, 2, 0.5 + r * 0.5, NULL, &err);
        }
      gp_chart_table_set_ratio_column (c, 2, true, &err);
      break;
    default:
      break;
    }
  g_assert_cmpint (err.status, ==, GP_OK);
  return c;
}

/* ---- SVG check: well-formed XML with px width/height on the root ---- */

typedef struct {
  int depth, elements;
  char width[32], height[32];
  bool root_is_svg;
} svg_state;

static void
svg_start (GMarkupParseContext *ctx, const char *name, const char **names, const char **values,
           gpointer data, GError **error)
{
  svg_state *st = data;
  if (st->elements++ == 0)
    {
      st->root_is_svg = strcmp (name, "svg") == 0;
      for (int i = 0; names[i]; i++)
        {
          if (strcmp (names[i], "width") == 0)
            g_strlcpy (st->width, values[i], sizeof st->width);
          if (strcmp (names[i], "height") == 0)
            g_strlcpy (st->height, values[i], sizeof st->height);
        }
    }
  st->depth++;
}

static void
svg_end (GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
  ((svg_state *) data)->depth--;
}

static void
check_svg (const unsigned char *bytes, size_t len, const char *want_w, const char *want_h)
{
  /* GMarkup does not take the <?xml?> declaration as an element; skip it. */
  const char *p = (const char *) bytes;
  g_assert_true (g_str_has_prefix (p, "<?xml"));
  const char *body = strstr (p, "?>") + 2;
  GMarkupParser parser = { svg_start, svg_end, NULL, NULL, NULL };
  svg_state st = { 0 };
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, &st, NULL);
  GError *error = NULL;
  g_markup_parse_context_parse (ctx, body, (gssize) (len - (size_t) (body - p)), &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (ctx, &error);
  g_assert_no_error (error);
  g_markup_parse_context_free (ctx);
  g_assert_true (st.root_is_svg);
  g_assert_cmpint (st.depth, ==, 0);
  g_assert_cmpint (st.elements, >, 10);
  g_assert_cmpstr (st.width, ==, want_w);
  g_assert_cmpstr (st.height, ==, want_h);
}

static void
test_render_all_kinds (void)
{
  gp_export_options o;
  gp_export_options_init (&o);
  for (int k = 0; k < GP_CHART_N_KINDS; k++)
    {
      gp_chart *c = sample_chart ((gp_chart_kind) k);
      for (int theme = 0; theme < 2; theme++)
        {
          o.theme = (gp_theme_kind) theme;
          gp_error err = { 0 };
          unsigned char *bytes;
          size_t len;

          g_assert_cmpint (gp_chart_render (c, GP_EXPORT_SVG, &o, &bytes, &len, &err), ==, GP_OK);
          /* 336 x 252 px is the default (3.5 x 2.625 in at 96 px/in). */
          check_svg (bytes, len, "336px", "252px");
          free (bytes);

          g_assert_cmpint (gp_chart_render (c, GP_EXPORT_PDF, &o, &bytes, &len, &err), ==, GP_OK);
          g_assert_cmpuint (len, >, 100);
          g_assert_cmpmem (bytes, 5, "%PDF-", 5);
          free (bytes);

          g_assert_cmpint (gp_chart_render (c, GP_EXPORT_CSV, &o, &bytes, &len, &err), ==, GP_OK);
          g_assert_cmpuint (len, >, 0);
          free (bytes);

          /* Draw directly too: with data, nothing is reported as missing. */
          cairo_surface_t *surf = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 336, 252);
          cairo_t *cr = cairo_create (surf);
          gp_draw_info info;
          gp_draw_options dopts = { o.theme, 1.0 };
          g_assert_cmpint (gp_chart_draw (c, cr, 336, 252, &dopts, &info, &err), ==, GP_OK);
          g_assert_false (info.no_data);
          g_assert_cmpuint (info.n_drawn, >, 0);
          g_assert_cmpuint (info.n_skipped_nonfinite, ==, 0);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surf);
        }
      gp_chart_free (c);
    }
}

typedef struct {
  const unsigned char *p;
  size_t len, at;
} png_reader;

static cairo_status_t
png_read_mem (void *closure, unsigned char *data, unsigned int length)
{
  png_reader *r = closure;
  if (r->at + length > r->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->p + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The PNG writer (libpng at a fast zlib level) keeps cairo's pixels exactly: decode the
 * file and compare it with the chart drawn straight onto an RGB24 surface the way the
 * export draws it (background painted, scaled by dpi / 96); and the same chart gives the
 * same bytes on every call. */
static void
test_png_pixels (void)
{
  gp_error err = { 0 };
  gp_chart *c = sample_chart (GP_CHART_LINE);
  gp_export_options o;
  gp_export_options_init (&o);
  o.dpi = 150;
  unsigned char *a = NULL, *b = NULL;
  size_t alen = 0, blen = 0;
  g_assert_cmpint (gp_chart_render (c, GP_EXPORT_PNG, &o, &a, &alen, &err), ==, GP_OK);
  g_assert_cmpint (gp_chart_render (c, GP_EXPORT_PNG, &o, &b, &blen, &err), ==, GP_OK);
  g_assert_cmpmem (a, alen, b, blen);
  png_reader r = { a, alen, 0 };
  cairo_surface_t *img = cairo_image_surface_create_from_png_stream (png_read_mem, &r);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  int w = cairo_image_surface_get_width (img), h = cairo_image_surface_get_height (img);
  cairo_surface_t *ref = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (ref);
  gp_rgba bg = gp_theme_get (o.theme)->background;
  cairo_set_source_rgba (cr, bg.r, bg.g, bg.b, bg.a);
  cairo_paint (cr);
  cairo_scale (cr, o.dpi / 96.0, o.dpi / 96.0);
  gp_draw_options dopts = { o.theme, o.scale };
  g_assert_cmpint (gp_chart_draw (c, cr, o.width_px, o.height_px, &dopts, NULL, &err), ==, GP_OK);
  cairo_destroy (cr);
  cairo_surface_flush (ref);
  cairo_surface_flush (img);
  const unsigned char *pi = cairo_image_surface_get_data (img), *pr = cairo_image_surface_get_data (ref);
  int si = cairo_image_surface_get_stride (img), sr = cairo_image_surface_get_stride (ref);
  long differ = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        uint32_t vi = ((const uint32_t *) (const void *) (pi + (size_t) y * si))[x] & 0xffffffu;
        uint32_t vr = ((const uint32_t *) (const void *) (pr + (size_t) y * sr))[x] & 0xffffffu;
        differ += vi != vr;
      }
  g_assert_cmpint (differ, ==, 0);
  cairo_surface_destroy (img);
  cairo_surface_destroy (ref);
  free (a);
  free (b);
  gp_chart_free (c);
}

/* SVG paths at 0.01 px: no number inside a d="..." has more than 2 decimals, the file is
 * the same bytes on every call, and a 1,000-point line keeps far fewer vertices than it
 * has points (points closer than 0.1 px to the drawn line are left out). */
static void
test_svg_lean (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  double x[1000], y[1000];
  for (int i = 0; i < 1000; i++)
    x[i] = i, y[i] = 2.0 * i; /* a straight line: 2 vertices are enough */
  gp_series *s = gp_chart_add_series (c, "straight", &err);
  g_assert_nonnull (s);
  g_assert_cmpint (gp_series_set_data (s, x, y, NULL, NULL, 1000, &err), ==, GP_OK);
  unsigned char *a = NULL, *b = NULL;
  size_t alen = 0, blen = 0;
  g_assert_cmpint (gp_chart_render (c, GP_EXPORT_SVG, NULL, &a, &alen, &err), ==, GP_OK);
  g_assert_cmpint (gp_chart_render (c, GP_EXPORT_SVG, NULL, &b, &blen, &err), ==, GP_OK);
  g_assert_cmpmem (a, alen, b, blen);
  char *text = g_strndup ((const char *) a, alen);
  long vertices = 0;
  for (char *p = strstr (text, " d=\""); p; p = strstr (p + 1, " d=\""))
    {
      char *end = strchr (p + 4, '"');
      g_assert_nonnull (end);
      for (char *q = p + 4; q < end; q++)
        {
          if (*q == 'L')
            vertices++;
          if (*q == '.')
            {
              int k = 0;
              while (q[1 + k] >= '0' && q[1 + k] <= '9')
                k++;
              g_assert_cmpint (k, <=, 2);
            }
        }
    }
  /* glyph outlines, the frame and ticks have L segments too, but nothing near 999 */
  g_assert_cmpint (vertices, <, 400);
  g_free (text);
  free (a);
  free (b);
  gp_chart_free (c);
}

static void
test_png_size (void)
{
  gp_error err = { 0 };
  gp_chart *c = sample_chart (GP_CHART_LINE);
  char *dir = make_tmpdir ();
  char *path = g_build_filename (dir, "fig.png", NULL);
  gp_export_options o;
  gp_export_options_init (&o);

  /* 336 x 252 px at 96 px/in = 3.5 x 2.625 in; at 300 dpi: 3.5 x 300 = 1050 and
   * 2.625 x 300 = 787.5, rounded half away from zero to 788. */
  g_assert_cmpint (gp_chart_export (c, path, GP_EXPORT_PNG, &o, &err), ==, GP_OK);
  cairo_surface_t *img = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, 1050);
  g_assert_cmpint (cairo_image_surface_get_height (img), ==, 788);
  cairo_surface_destroy (img);
  /* pHYs right after IHDR: 300 / 0.0254 = 11811.02 -> 11811 px/m, unit 1 (metre). */
  gsize len;
  char *png = read_all (path, &len);
  g_assert_cmpmem (png + 37, 4, "pHYs", 4);
  const unsigned char ppm[9] = { 0, 0, 0x2e, 0x23, 0, 0, 0x2e, 0x23, 1 };
  g_assert_cmpmem (png + 41, 9, ppm, 9);
  g_free (png);

  /* Size in inches: 3.5 x 2.5 in at 150 dpi = 525 x 375 px. */
  g_assert_cmpint (gp_export_options_set_size_in (&o, 3.5, 2.5, &err), ==, GP_OK);
  o.dpi = 150;
  g_assert_cmpint (gp_chart_export_path (c, path, &o, &err), ==, GP_OK);
  img = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, 525);
  g_assert_cmpint (cairo_image_surface_get_height (img), ==, 375);
  cairo_surface_destroy (img);
  g_assert_cmpint (count_temps (dir), ==, 0);

  /* SVG in px, PDF in pt: 3.5 in = 336 px = 252 pt. */
  char *svg = g_build_filename (dir, "fig.svg", NULL);
  g_assert_cmpint (gp_chart_export_path (c, svg, &o, &err), ==, GP_OK);
  char *text = read_all (svg, &len);
  check_svg ((unsigned char *) text, len, "336px", "240px");
  g_free (text);
  char *pdf = g_build_filename (dir, "fig.pdf", NULL);
  g_assert_cmpint (gp_chart_export_path (c, pdf, &o, &err), ==, GP_OK);
  text = read_all (pdf, &len);
  g_assert_cmpmem (text, 5, "%PDF-", 5);
  /* A PDF holds NUL bytes, so search the bytes rather than a string. */
  const char *box = "/MediaBox [ 0 0 252 180 ]";
  bool found = false;
  for (gsize i = 0; i + strlen (box) <= len && !found; i++)
    found = memcmp (text + i, box, strlen (box)) == 0;
  g_assert_true (found);
  g_free (text);

  /* Export into a missing directory fails and names the path. */
  char *bad = g_build_filename (dir, "missing", "fig.svg", NULL);
  g_assert_cmpint (gp_chart_export_path (c, bad, &o, &err), ==, GP_EIO);
  g_assert_nonnull (strstr (err.message, bad));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_free (bad);
  g_free (pdf);
  g_free (svg);
  g_free (path);
  rm_rf (dir);
  g_free (dir);
  gp_chart_free (c);
}

static void
test_export_options (void)
{
  gp_error err = { 0 };
  gp_export_options o;
  gp_export_options_init (&o);
  gp_export_format f;
  g_assert_cmpint (gp_export_format_from_path ("a/b.SVG", &f, &err), ==, GP_OK);
  g_assert_cmpint (f, ==, GP_EXPORT_SVG);
  g_assert_cmpint (gp_export_format_from_path ("x.csv", &f, &err), ==, GP_OK);
  g_assert_cmpint (f, ==, GP_EXPORT_CSV);
  g_assert_cmpint (gp_export_format_from_path ("x.txt", &f, &err), ==, GP_ENOTFOUND);
  assert_err (&err, GP_ENOTFOUND, "path");
  g_assert_cmpint (gp_export_format_from_path ("dir.svg/fig", &f, &err), ==, GP_ENOTFOUND);

  g_assert_cmpint (gp_export_options_set_size_in (&o, 0, 2, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "width_in");
  o.dpi = 10;
  g_assert_cmpint (gp_export_options_check (&o, GP_EXPORT_PNG, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "dpi");
  /* 336 px x 2400 / 96 = 8400 px fits; a 20 in figure at 2400 dpi (48000 px) does not. */
  o.dpi = 2400;
  g_assert_cmpint (gp_export_options_check (&o, GP_EXPORT_PNG, &err), ==, GP_OK);
  gp_export_options_set_size_in (&o, 20, 2, &err);
  g_assert_cmpint (gp_export_options_check (&o, GP_EXPORT_PNG, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "dpi");
  /* The DPI does not matter for vector output. */
  g_assert_cmpint (gp_export_options_check (&o, GP_EXPORT_SVG, &err), ==, GP_OK);
  o.width_px = 8;
  g_assert_cmpint (gp_export_options_check (&o, GP_EXPORT_SVG, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "width_px");
}

/* ================================================================ robustness */

static cairo_t *
scratch (cairo_surface_t **surf)
{
  *surf = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  return cairo_create (*surf);
}

static void
draw_expect (const gp_chart *c, gp_draw_info *info)
{
  cairo_surface_t *surf;
  cairo_t *cr = scratch (&surf);
  gp_error err = { 0 };
  g_assert_cmpint (gp_chart_draw (c, cr, 400, 300, NULL, info, &err), ==, GP_OK);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surf);
}

static void
test_no_data (void)
{
  gp_error err = { 0 };
  gp_draw_info info;
  for (int k = 0; k < GP_CHART_N_KINDS; k++)
    {
      /* A new chart of every kind has nothing to draw. */
      gp_chart *c = gp_chart_new ((gp_chart_kind) k);
      draw_expect (c, &info);
      g_assert_true (info.no_data);
      /* And it still exports to every format. */
      unsigned char *bytes;
      size_t len;
      for (int f = 0; f < GP_EXPORT_N_FORMATS; f++)
        {
          g_assert_cmpint (gp_chart_render (c, (gp_export_format) f, NULL, &bytes, &len, &err),
                           ==, GP_OK);
          free (bytes);
        }
      gp_chart_free (c);
    }
  /* A line series of only NaN is no data either. */
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  gp_series *s = gp_chart_add_series (c, "nan", &err);
  gp_series_append (s, NAN, NAN, &err);
  gp_series_append (s, 1, INFINITY, &err);
  draw_expect (c, &info);
  g_assert_true (info.no_data);
  g_assert_cmpuint (info.n_skipped_nonfinite, ==, 2);
  /* Hidden series do not count. */
  gp_series *h = gp_chart_add_series (c, "hidden", &err);
  gp_series_append (h, 1, 1, &err);
  h->hidden = true;
  draw_expect (c, &info);
  g_assert_true (info.no_data);
  gp_chart_free (c);
  /* A tornado needs two series (low and high). */
  c = gp_chart_new (GP_CHART_TORNADO);
  s = gp_chart_add_series (c, "low only", &err);
  gp_series_append_value (s, 1, &err);
  draw_expect (c, &info);
  g_assert_true (info.no_data);
  gp_chart_free (c);
}

static void
test_nonfinite_skipped (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  gp_series *s = gp_chart_add_series (c, "s", &err);
  /* (1,1) and (5,5) drawable; NaN y, inf y and NaN x are skipped: 3. */
  gp_series_append (s, 1, 1, &err);
  gp_series_append (s, 2, NAN, &err);
  gp_series_append (s, 3, INFINITY, &err);
  gp_series_append (s, NAN, 4, &err);
  gp_series_append (s, 5, 5, &err);
  gp_draw_info info;
  draw_expect (c, &info);
  g_assert_false (info.no_data);
  g_assert_cmpuint (info.n_skipped_nonfinite, ==, 3);
  g_assert_cmpuint (info.n_skipped_nonpositive, ==, 0);
  g_assert_cmpuint (info.n_drawn, ==, 2);
  /* Auto range from the two finite points only: 1..5 -> nice 1..5 (step 1) or wider,
   * never stretched by the infinity. */
  g_assert_cmpfloat (info.y_axis.min, <=, 1);
  g_assert_cmpfloat (info.y_axis.max, >=, 5);
  g_assert_cmpfloat (info.y_axis.max, <=, 10);
  gp_chart_free (c);

  /* Scatter and bars as well. */
  c = gp_chart_new (GP_CHART_STACKED_BAR);
  s = gp_chart_add_series (c, "s", &err);
  gp_series_append_value (s, 1, &err);
  gp_series_append_value (s, NAN, &err);
  gp_series_append_value (s, -INFINITY, &err);
  draw_expect (c, &info);
  g_assert_cmpuint (info.n_skipped_nonfinite, ==, 2);
  gp_chart_free (c);

  /* A bar category with no finite value is a missing bar (the caption's business): its
   * values are counted apart, so the note says only the 1 partial one. */
  c = gp_chart_new (GP_CHART_STACKED_BAR);
  gp_series *a = gp_chart_add_series (c, "a", &err), *b = gp_chart_add_series (c, "b", &err);
  double va[] = { 1, NAN, 1 }, vb[] = { 2, NAN, NAN };
  for (int k = 0; k < 3; k++)
    {
      gp_series_append_value (a, va[k], &err);
      gp_series_append_value (b, vb[k], &err);
    }
  draw_expect (c, &info);
  g_assert_cmpuint (info.n_skipped_nonfinite, ==, 3);
  g_assert_cmpuint (info.n_empty_category_values, ==, 2);
  gp_chart_free (c);
}

static void
test_log_nonpositive (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_SCATTER);
  gp_chart_y_axis (c)->scale = GP_AXIS_LOG;
  gp_series *s = gp_chart_add_series (c, "s", &err);
  /* y = 0 and y = -5 have no place on a log axis: 2 skipped, counted apart from NaN. */
  gp_series_append (s, 1, 10, &err);
  gp_series_append (s, 2, 0, &err);
  gp_series_append (s, 3, -5, &err);
  gp_series_append (s, 4, 100, &err);
  gp_series_append (s, 5, NAN, &err);
  gp_draw_info info;
  draw_expect (c, &info);
  g_assert_false (info.no_data);
  g_assert_cmpuint (info.n_skipped_nonpositive, ==, 2);
  g_assert_cmpuint (info.n_skipped_nonfinite, ==, 1);
  g_assert_cmpuint (info.n_drawn, ==, 2);
  /* Range from 10 and 100 only: decades 10..100. */
  g_assert_cmpfloat_with_epsilon (info.y_axis.min, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (info.y_axis.max, 100, 1e-9);
  /* A fixed log range that is valid keeps working. */
  g_assert_cmpint (gp_axis_set_range (gp_chart_y_axis (c), 1, 1000, &err), ==, GP_OK);
  draw_expect (c, &info);
  g_assert_cmpfloat (info.y_axis.min, ==, 1);
  g_assert_cmpfloat (info.y_axis.max, ==, 1000);
  gp_chart_free (c);

  /* Only non-positive values on a log x axis: no data, not a crash. */
  c = gp_chart_new (GP_CHART_LINE);
  gp_chart_x_axis (c)->scale = GP_AXIS_LOG;
  s = gp_chart_add_series (c, "s", &err);
  gp_series_append (s, 0, 1, &err);
  gp_series_append (s, -1, 2, &err);
  draw_expect (c, &info);
  g_assert_true (info.no_data);
  g_assert_cmpuint (info.n_skipped_nonpositive, ==, 2);
  gp_chart_free (c);
}

static void
test_draw_errors (void)
{
  gp_error err = { 0 };
  gp_chart *c = sample_chart (GP_CHART_LINE);
  cairo_surface_t *surf;
  cairo_t *cr = scratch (&surf);
  g_assert_cmpint (gp_chart_draw (c, cr, 0, 100, NULL, NULL, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "width");
  g_assert_cmpint (gp_chart_draw (c, cr, 100, NAN, NULL, NULL, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "height");
  gp_draw_options o = { GP_THEME_LIGHT, 0 };
  g_assert_cmpint (gp_chart_draw (c, cr, 100, 100, &o, NULL, &err), ==, GP_EINVAL);
  assert_err (&err, GP_EINVAL, "scale");
  cairo_destroy (cr);
  cairo_surface_destroy (surf);

  /* A context already in an error state (invalid surface size) is reported, not drawn. */
  surf = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, -1, -1);
  cr = cairo_create (surf);
  g_assert_cmpint (gp_chart_draw (c, cr, 100, 100, NULL, NULL, &err), ==, GP_EIO);
  assert_err (&err, GP_EIO, "cairo");
  cairo_destroy (cr);
  cairo_surface_destroy (surf);
  gp_chart_free (c);
}

/* Same look on screen and paper: the layout (plot rectangle, axes) is identical whether
 * the chart is drawn into an image, an SVG or (scaled to pt) a PDF, because metrics are
 * unhinted and everything is in px at 96 dpi. */
static void
test_same_layout_everywhere (void)
{
  gp_error err = { 0 };
  gp_chart *c = sample_chart (GP_CHART_SCATTER);
  gp_draw_info a, b, p;
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 336, 252);
  cairo_t *cr = cairo_create (img);
  g_assert_cmpint (gp_chart_draw (c, cr, 336, 252, NULL, &a, &err), ==, GP_OK);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  cairo_surface_t *svg = cairo_svg_surface_create (NULL, 336, 252);
  cr = cairo_create (svg);
  g_assert_cmpint (gp_chart_draw (c, cr, 336, 252, NULL, &b, &err), ==, GP_OK);
  cairo_destroy (cr);
  cairo_surface_destroy (svg);
  cairo_surface_t *pdf = cairo_pdf_surface_create (NULL, 252, 189);
  cr = cairo_create (pdf);
  cairo_scale (cr, 0.75, 0.75);
  g_assert_cmpint (gp_chart_draw (c, cr, 336, 252, NULL, &p, &err), ==, GP_OK);
  cairo_destroy (cr);
  cairo_surface_destroy (pdf);
  g_assert_cmpfloat_with_epsilon (a.plot_x, b.plot_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (a.plot_y, b.plot_y, 1e-6);
  g_assert_cmpfloat_with_epsilon (a.plot_width, b.plot_width, 1e-6);
  g_assert_cmpfloat_with_epsilon (a.plot_height, p.plot_height, 1e-6);
  g_assert_cmpfloat_with_epsilon (a.plot_x, p.plot_x, 1e-6);
  g_assert_cmpfloat (a.x_axis.min, ==, p.x_axis.min);
  g_assert_cmpfloat (a.y_axis.max, ==, p.y_axis.max);
  gp_chart_free (c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/axis/nice-number", test_nice_number);
  g_test_add_func ("/ui/axis/linear-ticks", test_axis_linear_ticks);
  g_test_add_func ("/ui/axis/si-labels", test_axis_si_labels);
  g_test_add_func ("/ui/axis/log-ticks", test_axis_log_ticks);
  g_test_add_func ("/ui/axis/map", test_axis_map);
  g_test_add_func ("/ui/axis/errors", test_axis_errors);
  g_test_add_func ("/ui/format", test_format);
  g_test_add_func ("/ui/palette", test_palette);
  g_test_add_func ("/ui/series", test_series);
  g_test_add_func ("/ui/setters", test_chart_setters);
  g_test_add_func ("/ui/pareto", test_pareto);
  g_test_add_func ("/ui/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/ui/csv/kinds", test_csv_kinds);
  g_test_add_func ("/ui/atomic-write", test_atomic_write);
  g_test_add_func ("/ui/render/all-kinds", test_render_all_kinds);
  g_test_add_func ("/ui/render/png-size", test_png_size);
  g_test_add_func ("/ui/render/png-pixels", test_png_pixels);
  g_test_add_func ("/ui/render/svg-lean", test_svg_lean);
  g_test_add_func ("/ui/render/options", test_export_options);
  g_test_add_func ("/ui/render/same-layout", test_same_layout_everywhere);
  g_test_add_func ("/ui/draw/no-data", test_no_data);
  g_test_add_func ("/ui/draw/nonfinite", test_nonfinite_skipped);
  g_test_add_func ("/ui/draw/log-nonpositive", test_log_nonpositive);
  g_test_add_func ("/ui/draw/errors", test_draw_errors);
  return g_test_run ();
}
