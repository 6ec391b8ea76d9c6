/* gp-chart-draw-place.c: where point and bar labels go: boxes already taken, the candidate spot that
 * overlaps them least, and value labels (3 significant digits, SI prefixes). */
#include "gp-chart-cart-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
gp_cart_rects_add (rect_list *l, gp_rect r)
{
  if (l->n == l->cap)
    {
      size_t cap = l->cap ? 2 * l->cap : 64;
      gp_rect *p = realloc (l->r, cap * sizeof *p);
      if (p == NULL)
        return; /* labels may then overlap; nothing else depends on it */
      l->r = p;
      l->cap = cap;
    }
  l->r[l->n++] = r;
}

double
gp_cart_overlap_area (gp_rect a, gp_rect b)
{
  double w = fmin (a.x + a.w, b.x + b.w) - fmax (a.x, b.x);
  double h = fmin (a.y + a.h, b.y + b.h) - fmax (a.y, b.y);
  return (w > 0 && h > 0) ? w * h : 0;
}

bool
gp_cart_seg_hits_rect (double x0, double y0, double x1, double y1, gp_rect r)
{
  /* Liang-Barsky clip of the segment against R. */
  double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - r.x, r.x + r.w - x0, y0 - r.y, r.y + r.h - y0 };
  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return false;
          continue;
        }
      double t = q[i] / p[i];
      if (p[i] < 0)
        t0 = fmax (t0, t);
      else
        t1 = fmin (t1, t);
      if (t0 > t1)
        return false;
    }
  return true;
}

/* The candidate (top-left corners CAND, N of them, for a W x H box) that overlaps the
 * taken boxes least, leaving the plot counting as much as covering the box itself;
 * earlier candidates win ties. */
gp_rect
gp_cart_best_spot (const cart *c, const rect_list *taken, double cand[][2], int n, double w, double h)
{
  gp_rect best = { cand[0][0], cand[0][1], w, h };
  double best_cost = INFINITY;
  for (int i = 0; i < n; i++)
    {
      gp_rect b = { cand[i][0], cand[i][1], w, h };
      double cost = 0;
      for (size_t k = 0; k < taken->n; k++)
        cost += gp_cart_overlap_area (b, taken->r[k]);
      if (b.x < c->plot.x - 0.5 || b.x + w > c->plot.x + c->plot.w + 0.5
          || b.y < c->plot.y - 0.5 || b.y + h > c->plot.y + c->plot.h + 0.5)
        cost += w * h;
      cost += i * 1e-3;
      if (cost < best_cost)
        {
          best_cost = cost;
          best = b;
        }
    }
  return best;
}

/* TEXT with its top-left at (X, Y) over a halo in the background colour, so it stays
 * readable where it crosses grid lines, bars or curves. */
void
gp_cart_halo_text (gp_dc *d, const PangoFontDescription *font, const char *text, double x, double y,
           gp_rgba color)
{
  PangoLayout *l = gp_dc_layout (d, font, text, 0, PANGO_ALIGN_LEFT);
  PangoRectangle log;
  pango_layout_get_extents (l, NULL, &log);
  cairo_move_to (d->cr, x - log.x / (double) PANGO_SCALE, y - log.y / (double) PANGO_SCALE);
  pango_cairo_layout_path (d->cr, l);
  gp_dc_set_color_alpha (d, d->th->background, 0.85);
  cairo_set_line_width (d->cr, 2.4 * d->s);
  cairo_set_line_join (d->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (d->cr);
  gp_dc_show (d, l, x, y, 0, 0, color);
  g_object_unref (l);
}

/* Place TEXT next to (X, Y) (a marker of radius R) at one of eight positions around it,
 * the one hiding least of the earlier labels, markers and bars. */
void
gp_cart_place_label (gp_dc *d, const cart *c, rect_list *taken, const char *text, double x, double y,
             double r, gp_rgba color)
{
  double w, h;
  gp_dc_text_size (d, d->f_small, text, 0, &w, &h);
  double g = r + 1.5 * d->s, q = 0.75 * g;
  double cand[8][2] = {
    { x + g, y - h / 2 },     { x - g - w, y - h / 2 }, { x - w / 2, y - g - h },
    { x - w / 2, y + g },     { x + q, y - q - h },     { x + q, y + q },
    { x - q - w, y - q - h }, { x - q - w, y + q },
  };
  gp_rect best = gp_cart_best_spot (c, taken, cand, 8, w, h);
  gp_cart_halo_text (d, d->f_small, text, best.x, best.y, color);
  gp_cart_rects_add (taken, best);
}

double
gp_cart_marker_r (gp_dc *d)
{
  return 3.2 * d->s;
}

/* Value label for bars: 3 significant digits, SI prefix past 1e4, U+2212 minus. */
void
gp_cart_format_value (double v, bool sign, char *buf, size_t size)
{
  char num[64];
  if (fabs (v) >= 1e4 || (v != 0 && fabs (v) < 1e-2))
    gp_format_si (v, 3, num, sizeof num);
  else
    {
      char raw[48];
      /* 3 significant digits without an exponent: 1728 -> "1730", not "1.73e+03". */
      if (fabs (v) >= 999.5)
        snprintf (raw, sizeof raw, "%.0f", round (v / 10) * 10);
      else
        snprintf (raw, sizeof raw, "%.3g", v);
      if (raw[0] == '-')
        snprintf (num, sizeof num, "\xe2\x88\x92%s", raw + 1);
      else
        snprintf (num, sizeof num, "%s", raw);
    }
  snprintf (buf, size, "%s%s", sign && v > 0 ? "+" : "", num);
}
