/* gp-chart-demo.c: `chart-demo DIR` writes one example of every chart kind to DIR as
 * SVG, PDF, PNG (300 dpi) and CSV, so the figures can be looked at and reviewed.
 *
 * The yield curves and the wafer map come from the models (gp_yield_eval, gp_wafer_map,
 * gp_yield_monte_carlo); the system comparisons use made-up numbers and say so in their
 * captions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gp-chart.h"
#include "gp-export.h"
#include "gp-models.h"
#include "gp-wafer.h"
#include "gp-yield.h"

static const char *out_dir = ".";
static int failures = 0;

static void
check (gp_status s, const gp_error *err, const char *what)
{
  if (s != GP_OK)
    {
      fprintf (stderr, "chart-demo: %s: %s\n", what, err->message);
      exit (1);
    }
}

/* Write NAME.{svg,pdf,png,csv} with OPTS (NULL = 3.5 in column figure). */
static void
write_all (const gp_chart *chart, const char *name, const gp_export_options *opts)
{
  static const char *const ext[] = { "svg", "pdf", "png", "csv" };
  for (int i = 0; i < 4; i++)
    {
      char path[1024];
      snprintf (path, sizeof path, "%s/%s.%s", out_dir, name, ext[i]);
      gp_error err = { 0 };
      if (gp_chart_export_path (chart, path, opts, &err) != GP_OK)
        {
          fprintf (stderr, "chart-demo: %s\n", err.message);
          failures++;
        }
      else
        printf ("%s\n", path);
    }
}

/* Yield against die area for three defect densities (negative binomial, alpha = 3),
 * with a band from Poisson (alpha -> inf, lower) to alpha = 1 (Seeds-like, upper). */
static void
demo_line (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  check (gp_chart_set_title (c, "Die yield against die area", &err), &err, "title");
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  x->scale = GP_AXIS_LOG;
  check (gp_axis_set_text (x, "Die area", "mm2", "die_area_mm2", &err), &err, "x");
  check (gp_axis_set_text (y, "Yield", "%", "yield_pct", &err), &err, "y");
  check (gp_axis_set_range (y, 0, 100, &err), &err, "y range");
  const double d0[3] = { 0.05, 0.1, 0.2 };
  for (int j = 0; j < 3; j++)
    {
      char name[64];
      snprintf (name, sizeof name, "D0 = %g /cm\xc2\xb2", d0[j]);
      gp_series *s = gp_chart_add_series (c, name, &err);
      check (s ? GP_OK : err.status, &err, "series");
      for (int i = 0; i <= 60; i++)
        {
          double a = 10.0 * pow (10.0, 2.0 * i / 60.0); /* 10 .. 1000 mm2 */
          gp_yield_params p;
          gp_yield_params_init (&p);
          p.area_mm2 = a;
          p.d0_per_cm2 = d0[j];
          p.model = GP_YIELD_NEGBIN;
          p.alpha = 3;
          double yv, ylo, yhi;
          check (gp_yield_eval (&p, &yv, &err), &err, "yield");
          p.model = GP_YIELD_POISSON;
          check (gp_yield_eval (&p, &ylo, &err), &err, "yield");
          p.model = GP_YIELD_NEGBIN;
          p.alpha = 1;
          check (gp_yield_eval (&p, &yhi, &err), &err, "yield");
          check (gp_series_append_band (s, a, 100 * yv, 100 * ylo, 100 * yhi, &err), &err,
                 "append");
        }
    }
  check (gp_chart_add_annotation (c, GP_ANNOT_VLINE, 858, NAN, "Reticle 858 mm\xc2\xb2", &err),
         &err, "annotation");
  check (gp_chart_set_caption (c, "Negative binomial, \xce\xb1 = 3; bands: Poisson to \xce\xb1 = 1.",
                               &err), &err, "caption");
  write_all (c, "line-yield", NULL);

  gp_export_options dark;
  gp_export_options_init (&dark);
  dark.theme = GP_THEME_DARK;
  dark.width_px = 640;
  dark.height_px = 400;
  dark.dpi = 96;
  write_all (c, "line-yield-dark", &dark);
  gp_chart_free (c);
}

/* Log-log scaling with SI tick labels; one series has gaps (NaN) and a non-positive
 * value, so the "not shown" note is visible. */
static void
demo_scaling (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  check (gp_chart_set_title (c, "Time to train against accelerator count", &err), &err, "t");
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  x->scale = GP_AXIS_LOG;
  y->scale = GP_AXIS_LOG;
  check (gp_axis_set_text (x, "Accelerators", "", "accelerators", &err), &err, "x");
  check (gp_axis_set_text (y, "Time to train", "s", "time_to_train_s", &err), &err, "y");
  const char *names[3] = { "Lite-GPU (optical)", "DGX-style", "Wafer-scale" };
  const double t1[3] = { 4.0e8, 3.0e8, 2.0e8 }, serial[3] = { 0.02, 0.05, 0.08 };
  for (int j = 0; j < 3; j++)
    {
      gp_series *s = gp_chart_add_series (c, names[j], &err);
      check (s ? GP_OK : err.status, &err, "series");
      s->show_markers = true;
      for (int e = 0; e <= 6; e++)
        {
          double n = pow (10.0, 1.0 + e * 0.5) * (j == 2 ? 0.1 : 1.0);
          /* Amdahl-style illustration: T = T1 (s + (1 - s) / n). */
          double t = t1[j] * (serial[j] + (1 - serial[j]) / n);
          check (gp_series_append (s, n, t, &err), &err, "append");
        }
    }
  gp_series *bad = gp_chart_get_series (c, 2);
  check (gp_series_append (bad, NAN, 1e7, &err), &err, "append");
  check (gp_series_append (bad, 0.0, 1e7, &err), &err, "append");
  check (gp_chart_set_caption (c, "Illustrative numbers (Amdahl model), not results.", &err),
         &err, "caption");
  write_all (c, "line-scaling", NULL);
  gp_chart_free (c);
}

static void
demo_scatter (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_SCATTER);
  check (gp_chart_set_title (c, "Cost against step time", &err), &err, "title");
  check (gp_axis_set_text (gp_chart_x_axis (c), "Step time", "s", "step_time_s", &err), &err,
         "x");
  check (gp_axis_set_text (gp_chart_y_axis (c), "Cost", "USD", "cost_usd", &err), &err, "y");
  gp_chart_y_axis (c)->include_zero = true;
  struct { const char *family; const char *name; double t, cost; } pts[] = {
    { "Lite-GPU", "LG-64", 1.9, 18e6 },  { "Lite-GPU", "LG-128", 1.1, 33e6 },
    { "Lite-GPU", "LG-256", 0.72, 61e6 }, { "DGX-style", "DGX-32", 2.4, 26e6 },
    { "DGX-style", "DGX-64", 1.35, 50e6 }, { "DGX-style", "DGX-128", 0.95, 96e6 },
    { "Wafer-scale", "WS-4", 1.6, 31e6 }, { "Wafer-scale", "WS-8", 0.9, 58e6 },
    { "Wafer-scale", "WS-16", 0.62, 118e6 },
  };
  const char *fam[3] = { "Lite-GPU", "DGX-style", "Wafer-scale" };
  for (int f = 0; f < 3; f++)
    {
      gp_series *s = gp_chart_add_series (c, fam[f], &err);
      check (s ? GP_OK : err.status, &err, "series");
      for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
        if (strcmp (pts[i].family, fam[f]) == 0)
          {
            check (gp_series_append (s, pts[i].t, pts[i].cost, &err), &err, "append");
            check (gp_series_set_label (s, s->n - 1, pts[i].name, &err), &err, "label");
          }
    }
  check (gp_chart_set_caption (c, "Illustrative numbers, not results.", &err), &err, "caption");
  write_all (c, "scatter-pareto", NULL);
  gp_chart_free (c);
}

static void
demo_stacked (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_STACKED_BAR);
  check (gp_chart_set_title (c, "Capital cost per system", &err), &err, "title");
  check (gp_axis_set_text (gp_chart_x_axis (c), "System", "", "system", &err), &err, "x");
  check (gp_axis_set_text (gp_chart_y_axis (c), "Cost", "USD", "cost_usd", &err), &err, "y");
  const char *systems[3] = { "Lite-GPU 256", "DGX-style SuperPOD 128", "Wafer-scale 16" };
  for (int i = 0; i < 3; i++)
    check (gp_chart_add_category (c, systems[i], &err), &err, "category");
  struct { const char *name; double v[3]; } parts[] = {
    { "Compute dies", { 21e6, 38e6, 52e6 } },
    { "HBM", { 17e6, 29e6, 0 } },
    { "Packaging", { 6e6, 9e6, 24e6 } },
    { "Network and optics", { 11e6, 12e6, 9e6 } },
    { "Power and cooling", { 6e6, 8e6, 33e6 } },
  };
  for (size_t j = 0; j < sizeof parts / sizeof parts[0]; j++)
    {
      gp_series *s = gp_chart_add_series (c, parts[j].name, &err);
      check (s ? GP_OK : err.status, &err, "series");
      for (int i = 0; i < 3; i++)
        check (gp_series_append_value (s, parts[j].v[i], &err), &err, "append");
    }
  check (gp_chart_set_caption (c, "Illustrative numbers, not results.", &err), &err, "caption");
  write_all (c, "stacked-cost", NULL);
  gp_export_options wide;
  gp_export_options_init (&wide);
  check (gp_export_options_set_size_in (&wide, 7.0, 3.0, &err), &err, "size");
  write_all (c, "stacked-cost-wide", &wide);
  gp_chart_free (c);
}

static void
demo_waterfall (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_WATERFALL);
  check (gp_chart_set_title (c, "Optical link budget", &err), &err, "title");
  check (gp_axis_set_text (gp_chart_y_axis (c), "Power", "dBm", "power_dbm", &err), &err, "y");
  check (gp_chart_set_total_label (c, "Received", &err), &err, "total");
  struct { const char *name; double v; } steps[] = {
    { "Laser", 3.0 }, { "Modulator", -4.0 }, { "Grating coupler", -1.5 },
    { "Waveguide", -0.8 }, { "Connector", -0.5 }, { "Fibre", -0.3 },
    { "Grating coupler", -1.5 }, { "SOA gain", 2.0 },
  };
  gp_series *s = gp_chart_add_series (c, "Link budget", &err);
  check (s ? GP_OK : err.status, &err, "series");
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
    {
      check (gp_chart_add_category (c, steps[i].name, &err), &err, "category");
      check (gp_series_append_value (s, steps[i].v, &err), &err, "append");
    }
  check (gp_chart_add_annotation (c, GP_ANNOT_HLINE, NAN, -6.0, "Rx sensitivity \xe2\x88\x92" "6 dBm",
                                  &err), &err, "annotation");
  check (gp_chart_set_caption (c, "Illustrative numbers, not results.", &err), &err, "caption");
  gp_export_options o;
  gp_export_options_init (&o);
  check (gp_export_options_set_size_in (&o, 5.0, 3.0, &err), &err, "size");
  write_all (c, "waterfall-link", &o);
  gp_chart_free (c);
}

static void
demo_wafer (void)
{
  gp_error err = { 0 };
  gp_wafer_params wp;
  gp_wafer_params_init (&wp);
  wp.die_width_mm = 20;
  wp.die_height_mm = 16;
  gp_wafer_result wr;
  check (gp_wafer_count (&wp, &wr, &err), &err, "wafer count");
  size_t n_sites = 0, cap = (size_t) wr.gross_dies + 16;
  gp_die_site *sites = calloc (cap, sizeof *sites);
  bool *good = calloc (cap, sizeof *good);
  gp_defect defects[1024];
  size_t n_defects = 0;
  check (gp_wafer_map (&wp, &wr, sites, cap, &n_sites, &err), &err, "wafer map");
  gp_yield_mc_params mc = { .d0_per_cm2 = 0.1, .alpha = 3, .clustered = true, .wafers = 1,
                            .seed = 7 };
  gp_yield_mc_result res;
  check (gp_yield_monte_carlo (&mc, sites, n_sites, wp.die_width_mm, wp.die_height_mm, &res,
                               good, defects, 1024, &n_defects, &err), &err, "monte carlo");

  gp_chart *c = gp_chart_new (GP_CHART_WAFER_MAP);
  check (gp_chart_set_title (c, "300 mm wafer, 20 \xc3\x97 16 mm dies", &err), &err, "title");
  check (gp_chart_wafer_set (c, wp.wafer_diameter_mm,
                             wp.wafer_diameter_mm - 2 * wp.edge_exclusion_mm, &err), &err, "wafer");
  for (size_t i = 0; i < n_sites; i++)
    check (gp_chart_wafer_add_die (c, sites[i].x_mm, sites[i].y_mm, wp.die_width_mm,
                                   wp.die_height_mm, good[i], &err), &err, "die");
  for (size_t i = 0; i < n_defects; i++)
    check (gp_chart_wafer_add_defect (c, defects[i].x_mm, defects[i].y_mm, &err), &err, "defect");
  check (gp_chart_set_caption (c, "D0 = 0.1 /cm\xc2\xb2, clustered (\xce\xb1 = 3), one simulated wafer.",
                               &err), &err, "caption");
  write_all (c, "wafer-map", NULL);
  gp_chart_free (c);
  free (sites);
  free (good);
}

static void
demo_tornado (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_TORNADO);
  check (gp_chart_set_title (c, "Sensitivity of cost per PFLOP/s", &err), &err, "title");
  check (gp_axis_set_text (gp_chart_x_axis (c), "Cost per PFLOP/s", "USD", "cost_per_pflops_usd",
                           &err), &err, "x");
  check (gp_chart_set_baseline (c, 41000, &err), &err, "baseline");
  struct { const char *name; double lo, hi; } p[] = {
    { "Defect density D0", 36500, 47800 }, { "Wafer cost", 37200, 44800 },
    { "Optical link energy", 39800, 42300 }, { "Electricity price", 40100, 41900 },
    { "Utilisation", 47500, 36900 }, { "Server lifetime", 45200, 38300 },
  };
  gp_series *lo = gp_chart_add_series (c, "Parameter \xe2\x88\x92" "20 %", &err);
  gp_series *hi = gp_chart_add_series (c, "Parameter +20 %", &err);
  check (lo && hi ? GP_OK : err.status, &err, "series");
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
    {
      check (gp_chart_add_category (c, p[i].name, &err), &err, "category");
      check (gp_series_append_value (lo, p[i].lo, &err), &err, "append");
      check (gp_series_append_value (hi, p[i].hi, &err), &err, "append");
    }
  check (gp_chart_set_caption (c, "Illustrative numbers, not results.", &err), &err, "caption");
  gp_export_options o;
  gp_export_options_init (&o);
  check (gp_export_options_set_size_in (&o, 3.5, 3.0, &err), &err, "size");
  write_all (c, "tornado-cost", &o);
  gp_chart_free (c);
}

static void
demo_table (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_TABLE);
  check (gp_chart_set_title (c, "Systems compared", &err), &err, "title");
  check (gp_chart_table_set_size (c, 3, 5, &err), &err, "size");
  const char *cols[5][2] = { { "System", "" }, { "Accelerators", "" }, { "Power", "kW" },
                             { "Cost", "USD" }, { "Perf/W vs DGX", "" } };
  for (int j = 0; j < 5; j++)
    check (gp_chart_table_set_column (c, j, cols[j][0], cols[j][1], &err), &err, "column");
  struct { const char *name; double n, kw, cost, ratio; } rows[3] = {
    { "Lite-GPU 256", 256, 180.5, 61e6, 1.42 },
    { "DGX-style, 128", 128, 210.0, 96e6, 1.0 },
    { "Wafer-scale 16", 16, 368.0, 118e6, 0.81 },
  };
  for (int r = 0; r < 3; r++)
    {
      check (gp_chart_table_set_text (c, r, 0, rows[r].name, &err), &err, "cell");
      check (gp_chart_table_set_number (c, r, 1, rows[r].n, NULL, &err), &err, "cell");
      check (gp_chart_table_set_number (c, r, 2, rows[r].kw, NULL, &err), &err, "cell");
      check (gp_chart_table_set_number (c, r, 3, rows[r].cost, NULL, &err), &err, "cell");
      char ratio[32];
      snprintf (ratio, sizeof ratio, "%.2f\xc3\x97", rows[r].ratio);
      check (gp_chart_table_set_number (c, r, 4, rows[r].ratio, ratio, &err), &err, "cell");
    }
  check (gp_chart_table_set_ratio_column (c, 4, true, &err), &err, "ratio");
  check (gp_chart_set_caption (c, "Illustrative numbers, not results.", &err), &err, "caption");
  gp_export_options o;
  gp_export_options_init (&o);
  o.height_px = 150;
  write_all (c, "table-systems", &o);
  gp_chart_free (c);
}

static void
demo_empty (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  check (gp_chart_set_title (c, "An empty chart", &err), &err, "title");
  write_all (c, "empty", NULL);
  gp_chart_free (c);
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: chart-demo DIR\n"
                       "Writes one example of every chart kind to DIR as SVG, PDF, PNG, CSV.\n");
      return 2;
    }
  out_dir = argv[1];
  mkdir (out_dir, 0777); /* an existing directory is fine; other failures show on write */
  gp_models_init ();
  demo_line ();
  demo_scaling ();
  demo_scatter ();
  demo_stacked ();
  demo_waterfall ();
  demo_wafer ();
  demo_tornado ();
  demo_table ();
  demo_empty ();
  return failures ? 1 : 0;
}
