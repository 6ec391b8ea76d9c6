/* gp-chart-draw.c: paint a chart into a cairo context. The entry point: fonts, the drawing
 * context, and one call per kind (gp-chart-draw-cartesian.c for line, scatter, stacked
 * bars, waterfall and tornado; -table.c; -wafer.c). Files below it never call back up.
 *
 * One code path for every target: the GUI's widget, SVG, PDF and PNG all call
 * gp_chart_draw with a size in px at 96 dpi. Layout is measured, not guessed: margins
 * come from the widest tick label and the titles, then ticks are recomputed for the
 * final plot size (two passes), so nothing is clipped at any size. */
#include "gp-chart-draw-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
gp_draw_options_init (gp_draw_options *opts)
{
  opts->theme = GP_THEME_LIGHT;
  opts->scale = 1.0;
}

static PangoFontDescription *
font (double px, bool bold)
{
  PangoFontDescription *f = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (f, px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (f, PANGO_WEIGHT_BOLD);
  return f;
}

gp_status
gp_chart_draw (const gp_chart *chart, cairo_t *cr, double width, double height,
               const gp_draw_options *opts, gp_draw_info *info, gp_error *err)
{
  GP_TRY (gp_check_range (err, "width", width, 16, 100000, 0, "px"));
  GP_TRY (gp_check_range (err, "height", height, 16, 100000, 0, "px"));
  gp_draw_options defaults;
  gp_draw_options_init (&defaults);
  if (opts == NULL)
    opts = &defaults;
  double scale = opts->scale;
  GP_TRY (gp_check_range (err, "scale", scale, 0.25, 8, 0, ""));
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return gp_error_set (err, GP_EIO, "cairo", "the cairo context is in an error state: %s",
                         cairo_status_to_string (cairo_status (cr)));
  /* The skip counts feed the note under the plot, so they are kept even when the caller
   * does not ask for them. */
  gp_draw_info local_info;
  if (info == NULL)
    info = &local_info;
  memset (info, 0, sizeof *info);
  info->x_axis = chart->x;
  info->y_axis = chart->y;

  gp_dc d = {
    .chart = chart,
    .cr = cr,
    .th = gp_theme_get (opts->theme),
    .tk = opts->theme,
    .s = scale,
    .w = width,
    .h = height,
    .pad = 6.0 * scale,
    .info = info,
  };
  cairo_save (cr);
  d.pctx = pango_cairo_create_context (cr);
  /* No hinting of metrics or outlines: text then has the same advance widths on every
   * surface, so the screen, the PDF and the PNG break lines and place labels alike. */
  cairo_font_options_t *fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (d.pctx, fo);
  cairo_font_options_destroy (fo);
  pango_cairo_context_set_resolution (d.pctx, 96.0);
  d.f_tick = font (FONT_TICK * scale, false);
  d.f_label = font (FONT_LABEL * scale, false);
  d.f_title = font (FONT_TITLE * scale, true);
  d.f_small = font (FONT_SMALL * scale, false);
  d.f_bold = font (FONT_TICK * scale, true);

  cairo_rectangle (cr, 0, 0, width, height);
  gp_dc_set_color (&d, d.th->background);
  cairo_fill (cr);

  switch (chart->kind)
    {
    case GP_CHART_WAFER_MAP: gp_draw_wafer_map (&d); break;
    case GP_CHART_TABLE: gp_draw_table (&d); break;
    default: gp_draw_cartesian (&d); break;
    }

  pango_font_description_free (d.f_tick);
  pango_font_description_free (d.f_label);
  pango_font_description_free (d.f_title);
  pango_font_description_free (d.f_small);
  pango_font_description_free (d.f_bold);
  g_object_unref (d.pctx);
  cairo_restore (cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return gp_error_set (err, GP_EIO, "cairo", "drawing the chart failed: %s",
                         cairo_status_to_string (cairo_status (cr)));
  return GP_OK;
}
