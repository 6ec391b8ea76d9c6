/* bench-chart.c: rendering cost of a typical sweep figure (issue 7 targets: a three-series
 * 1,000-point line chart to SVG under 20 ms and to PNG under 30 ms), measured in memory
 * (render + encode, no disk) at the default 3.5 x 2.625 in size. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "gp-chart.h"
#include "gp-export.h"

typedef struct {
  gp_chart *chart;
  gp_export_format format;
  gp_export_options opts;
} chart_job;

static double
render_once (void *data)
{
  chart_job *job = data;
  unsigned char *bytes = NULL;
  size_t len = 0;
  gp_error err = { 0 };
  if (gp_chart_render (job->chart, job->format, &job->opts, &bytes, &len, &err) != GP_OK)
    {
      fprintf (stderr, "bench-chart: %s\n", err.message);
      exit (1);
    }
  free (bytes);
  return (double) len;
}

void
gp_bench_chart (void)
{
  gp_error err = { 0 };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  gp_chart_set_title (c, "Sweep", &err);
  gp_axis *x = gp_chart_x_axis (c);
  x->scale = GP_AXIS_LOG;
  gp_axis_set_text (x, "Die area", "mm2", NULL, &err);
  gp_axis_set_text (gp_chart_y_axis (c), "Cost per PFLOP/s", "USD", NULL, &err);
  for (int j = 0; j < 3; j++)
    {
      char name[32];
      snprintf (name, sizeof name, "Series %d", j + 1);
      gp_series *s = gp_chart_add_series (c, name, &err);
      for (int i = 0; i < 1000; i++)
        {
          double a = 10.0 * pow (100.0, i / 999.0);
          gp_series_append (s, a, (j + 1) * 1e4 * (1 + 0.1 * sin (i * 0.05)) / sqrt (a), &err);
        }
    }
  if (err.status != GP_OK)
    {
      fprintf (stderr, "bench-chart: %s\n", err.message);
      exit (1);
    }

  chart_job job = { c, GP_EXPORT_SVG, { 0 } };
  gp_export_options_init (&job.opts);
  gp_bench_run ("chart_line_3x1000_svg", render_once, &job, 0.5);
  job.format = GP_EXPORT_PDF;
  gp_bench_run ("chart_line_3x1000_pdf", render_once, &job, 0.5);
  job.format = GP_EXPORT_PNG;
  job.opts.dpi = 96;
  gp_bench_run ("chart_line_3x1000_png_96dpi", render_once, &job, 0.5);
  job.opts.dpi = 300;
  gp_bench_run ("chart_line_3x1000_png_300dpi", render_once, &job, 0.5);
  job.format = GP_EXPORT_CSV;
  gp_bench_run ("chart_line_3x1000_csv", render_once, &job, 0.5);
  gp_chart_free (c);
}
