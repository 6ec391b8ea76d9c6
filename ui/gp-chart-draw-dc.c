/* gp-chart-draw-dc.c: the drawing context's helpers every kind uses: text (Pango layouts,
 * unhinted), colours, markers, title, caption, "No data" and legends. */
#include "gp-chart-draw-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PangoLayout *
gp_dc_layout (gp_dc *d, const PangoFontDescription *font, const char *text, double wrap_width,
              PangoAlignment align)
{
  PangoLayout *l = pango_layout_new (d->pctx);
  pango_layout_set_font_description (l, font);
  pango_layout_set_text (l, text ? text : "", -1);
  if (wrap_width > 0)
    {
      pango_layout_set_width (l, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (l, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (l, align);
  return l;
}

void
gp_dc_layout_size (PangoLayout *l, double *w, double *h)
{
  PangoRectangle log;
  pango_layout_get_extents (l, NULL, &log);
  if (w)
    *w = log.width / (double) PANGO_SCALE;
  if (h)
    *h = log.height / (double) PANGO_SCALE;
}

void
gp_dc_show (gp_dc *d, PangoLayout *l, double x, double y, double ax, double ay, gp_rgba color)
{
  PangoRectangle log;
  pango_layout_get_extents (l, NULL, &log);
  double w = log.width / (double) PANGO_SCALE, h = log.height / (double) PANGO_SCALE;
  cairo_move_to (d->cr, x - ax * w - log.x / (double) PANGO_SCALE,
                 y - ay * h - log.y / (double) PANGO_SCALE);
  gp_dc_set_color (d, color);
  pango_cairo_show_layout (d->cr, l);
}

gp_rect
gp_dc_text (gp_dc *d, const PangoFontDescription *font, const char *text, double x, double y,
            double ax, double ay, gp_rgba color, double wrap_width)
{
  PangoAlignment align = ax < 0.25 ? PANGO_ALIGN_LEFT : ax > 0.75 ? PANGO_ALIGN_RIGHT
                                                                  : PANGO_ALIGN_CENTER;
  PangoLayout *l = gp_dc_layout (d, font, text, wrap_width, align);
  double w, h;
  gp_dc_layout_size (l, &w, &h);
  gp_dc_show (d, l, x, y, ax, ay, color);
  g_object_unref (l);
  return (gp_rect) { x - ax * w, y - ay * h, w, h };
}

void
gp_dc_text_size (gp_dc *d, const PangoFontDescription *font, const char *text,
                 double wrap_width, double *w, double *h)
{
  PangoLayout *l = gp_dc_layout (d, font, text, wrap_width, PANGO_ALIGN_LEFT);
  gp_dc_layout_size (l, w, h);
  g_object_unref (l);
}

/* Text rotated 90 degrees counter-clockwise, centred on (X, Y). */
void
gp_dc_text_vertical (gp_dc *d, const PangoFontDescription *font, const char *text, double x,
                     double y, double max_len, gp_rgba color)
{
  PangoLayout *l = gp_dc_layout (d, font, text, 0, PANGO_ALIGN_CENTER);
  double w;
  gp_dc_layout_size (l, &w, NULL);
  double scale = 1;
  if (max_len > 0 && w > max_len)
    {
      scale = MAX (max_len / w, 0.75);
      if (w * scale > max_len)
        {
          pango_layout_set_width (l, (int) (max_len / scale * PANGO_SCALE));
          pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
        }
    }
  cairo_save (d->cr);
  cairo_translate (d->cr, x, y);
  cairo_rotate (d->cr, -GP_PI / 2);
  cairo_scale (d->cr, scale, scale);
  pango_cairo_update_layout (d->cr, l);
  gp_dc_show (d, l, 0, 0, 0.5, 0.5, color);
  cairo_restore (d->cr);
  pango_cairo_update_context (d->cr, d->pctx);
  g_object_unref (l);
}

/* ================================================================ helpers */

void
gp_dc_set_color (gp_dc *d, gp_rgba c)
{
  cairo_set_source_rgba (d->cr, c.r, c.g, c.b, c.a);
}

void
gp_dc_set_color_alpha (gp_dc *d, gp_rgba c, double alpha)
{
  cairo_set_source_rgba (d->cr, c.r, c.g, c.b, c.a * alpha);
}

gp_rgba
gp_dc_series_color (gp_dc *d, size_t i)
{
  const gp_series *s = d->chart->series[i];
  return gp_palette_color (s->color >= 0 ? s->color : (int) i, d->tk);
}

gp_marker
gp_dc_series_marker (gp_dc *d, size_t i)
{
  const gp_series *s = d->chart->series[i];
  if (s->marker >= 0 && s->marker < GP_MARKER_N)
    return s->marker;
  return (gp_marker) (i % GP_MARKER_N);
}

void
gp_dc_marker (gp_dc *d, gp_marker shape, double x, double y, double r, gp_rgba fill,
              gp_rgba outline)
{
  cairo_t *cr = d->cr;
  cairo_new_path (cr);
  bool open = false;
  switch (shape)
    {
    case GP_MARKER_SQUARE:
      r *= 0.88; /* equal visual weight with the circle */
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case GP_MARKER_TRIANGLE:
    case GP_MARKER_TRIANGLE_DOWN:
      {
        double k = shape == GP_MARKER_TRIANGLE ? 1.0 : -1.0;
        r *= 1.2;
        cairo_move_to (cr, x, y - k * r);
        cairo_line_to (cr, x + 0.866 * r, y + k * 0.5 * r);
        cairo_line_to (cr, x - 0.866 * r, y + k * 0.5 * r);
        cairo_close_path (cr);
      }
      break;
    case GP_MARKER_DIAMOND:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case GP_MARKER_PLUS:
      r *= 1.2;
      cairo_move_to (cr, x - r, y);
      cairo_line_to (cr, x + r, y);
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x, y + r);
      open = true;
      break;
    case GP_MARKER_CROSS:
      cairo_move_to (cr, x - r, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_move_to (cr, x - r, y + r);
      cairo_line_to (cr, x + r, y - r);
      open = true;
      break;
    case GP_MARKER_STAR:
      r *= 1.3;
      for (int i = 0; i < 10; i++)
        {
          double a = -GP_PI / 2 + i * GP_PI / 5, rr = (i % 2) ? 0.45 * r : r;
          if (i == 0)
            cairo_move_to (cr, x + rr * cos (a), y + rr * sin (a));
          else
            cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
        }
      cairo_close_path (cr);
      break;
    case GP_MARKER_CIRCLE:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * GP_PI);
      break;
    }
  if (open)
    {
      gp_dc_set_color (d, fill);
      cairo_set_line_width (cr, 1.6 * d->s);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_stroke (cr);
      return;
    }
  gp_dc_set_color (d, fill);
  cairo_fill_preserve (cr);
  gp_dc_set_color (d, outline);
  cairo_set_line_width (cr, 0.75 * d->s);
  cairo_stroke (cr);
}

double
gp_dc_title (gp_dc *d, bool draw)
{
  const char *t = d->chart->title;
  if (t == NULL || t[0] == '\0')
    return 0.0;
  double wrap = d->w - 2 * d->pad, w, h;
  gp_dc_text_size (d, d->f_title, t, wrap, &w, &h);
  if (draw)
    gp_dc_text (d, d->f_title, t, d->w / 2, d->pad, 0.5, 0.0, d->th->foreground, wrap);
  return h + 0.6 * d->pad;
}

double
gp_dc_caption (gp_dc *d, bool draw)
{
  const char *t = d->chart->caption;
  if (t == NULL || t[0] == '\0')
    return 0.0;
  /* At most 28 % of the canvas, the rest ellipsised: a long caption (five systems' binding
   * constraints in a narrow card) must not squeeze the plot to nothing. */
  double wrap = d->w - 2 * d->pad, h;
  PangoLayout *l = gp_dc_layout (d, d->f_small, t, wrap, PANGO_ALIGN_LEFT);
  pango_layout_set_height (l, (int) (0.28 * d->h * PANGO_SCALE));
  pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
  gp_dc_layout_size (l, NULL, &h);
  if (draw)
    gp_dc_show (d, l, d->pad, d->h - d->pad, 0.0, 1.0, d->th->muted);
  g_object_unref (l);
  return h + 0.4 * d->pad;
}

void
gp_dc_no_data (gp_dc *d)
{
  double top = gp_dc_title (d, true);
  double bottom = gp_dc_caption (d, true);
  double cy = top + (d->h - top - bottom) / 2;
  gp_dc_text (d, d->f_label, "No data", d->w / 2, cy, 0.5, 0.5, d->th->muted, 0);
  if (d->info)
    d->info->no_data = true;
}

/* ================================================================ legend */

static double
swatch_width (gp_dc *d)
{
  return 18.0 * d->s;
}

static void
entry_size (gp_dc *d, const gp_legend_entry *e, double *w, double *h)
{
  double tw, th;
  gp_dc_text_size (d, d->f_tick, e->name, 0, &tw, &th);
  *w = swatch_width (d) + 4 * d->s + tw;
  *h = th;
}

void
gp_legend_measure (gp_dc *d, const gp_legend_entry *e, size_t n, bool flow, double max_width,
                   double *w, double *h)
{
  double pad = 4 * d->s, gap = 12 * d->s;
  double W = 0, H = 0, row_w = 0, row_h = 0;
  for (size_t i = 0; i < n; i++)
    {
      double ew, eh;
      entry_size (d, &e[i], &ew, &eh);
      if (!flow)
        {
          W = fmax (W, ew);
          H += eh + (i ? 1.0 * d->s : 0);
          continue;
        }
      if (row_w > 0 && row_w + gap + ew > max_width - 2 * pad)
        {
          W = fmax (W, row_w);
          H += row_h + 2 * d->s;
          row_w = row_h = 0;
        }
      row_w += (row_w > 0 ? gap : 0) + ew;
      row_h = fmax (row_h, eh);
    }
  if (flow)
    {
      W = fmax (W, row_w);
      H += row_h;
    }
  *w = W + 2 * pad;
  *h = H + 2 * pad;
}

static void
draw_swatch (gp_dc *d, const gp_legend_entry *e, double x, double cy)
{
  cairo_t *cr = d->cr;
  double sw = swatch_width (d);
  switch (e->swatch)
    {
    case GP_SWATCH_LINE:
      cairo_new_path (cr);
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + sw, cy);
      gp_dc_set_color (d, e->color);
      cairo_set_line_width (cr, 1.5 * d->s);
      if (e->dashed)
        {
          double dash[2] = { 4 * d->s, 2.5 * d->s };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (e->marker >= 0)
        gp_dc_marker (d, (gp_marker) e->marker, x + sw / 2, cy, 3.0 * d->s, e->color,
                      d->th->background);
      break;
    case GP_SWATCH_MARKER:
      gp_dc_marker (d, (gp_marker) (e->marker >= 0 ? e->marker : 0), x + sw / 2, cy,
                    3.2 * d->s, e->color, d->th->background);
      break;
    case GP_SWATCH_BOX:
      {
        double b = 9 * d->s;
        cairo_rectangle (cr, x + (sw - b) / 2, cy - b / 2, b, b);
        gp_dc_set_color (d, e->color);
        cairo_fill (cr);
        if (e->cross)
          {
            double k = b * 0.3;
            cairo_move_to (cr, x + sw / 2 - k, cy - k);
            cairo_line_to (cr, x + sw / 2 + k, cy + k);
            cairo_move_to (cr, x + sw / 2 - k, cy + k);
            cairo_line_to (cr, x + sw / 2 + k, cy - k);
            gp_dc_set_color (d, d->th->background);
            cairo_set_line_width (cr, 1.0 * d->s);
            cairo_stroke (cr);
          }
      }
      break;
    }
}

void
gp_legend_draw (gp_dc *d, const gp_legend_entry *e, size_t n, bool flow, double max_width,
                double x, double y, bool boxed)
{
  double pad = 4 * d->s, gap = 12 * d->s, W, H;
  gp_legend_measure (d, e, n, flow, max_width, &W, &H);
  if (boxed)
    {
      cairo_rectangle (d->cr, x, y, W, H);
      gp_dc_set_color_alpha (d, d->th->background, 0.88);
      cairo_fill_preserve (d->cr);
      gp_dc_set_color (d, d->th->grid);
      cairo_set_line_width (d->cr, 0.75 * d->s);
      cairo_stroke (d->cr);
    }
  double cx = x + pad, cy = y + pad, row_h = 0;
  for (size_t i = 0; i < n; i++)
    {
      double ew, eh;
      entry_size (d, &e[i], &ew, &eh);
      if (flow && cx > x + pad && cx + ew > x + max_width - pad)
        {
          cx = x + pad;
          cy += row_h + 2 * d->s;
          row_h = 0;
        }
      draw_swatch (d, &e[i], cx, cy + eh / 2);
      gp_dc_text (d, d->f_tick, e[i].name, cx + swatch_width (d) + 4 * d->s, cy, 0, 0,
                  d->th->foreground, 0);
      if (flow)
        {
          cx += ew + gap;
          row_h = fmax (row_h, eh);
        }
      else
        cy += eh + 1.0 * d->s;
    }
}
