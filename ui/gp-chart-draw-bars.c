/* gp-chart-draw-bars.c: the bar kinds: stacked bars, waterfall and tornado, with value labels. */
#include "gp-chart-cart-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
bar_rect (gp_dc *d, rect_list *taken, double x, double y0, double w, double y1, gp_rgba fill)
{
  double top = fmin (y0, y1), h = fabs (y1 - y0);
  gp_cart_rects_add (taken, (gp_rect) { x, top, w, h });
  cairo_rectangle (d->cr, x, top, w, h);
  gp_dc_set_color (d, fill);
  cairo_fill_preserve (d->cr);
  /* A thin seam in the background colour separates stacked segments of close hues. */
  gp_dc_set_color (d, d->th->background);
  cairo_set_line_width (d->cr, 0.6 * d->s);
  cairo_stroke (d->cr);
}

void
gp_cart_draw_stacked (gp_dc *d, cart *c, rect_list *taken)
{
  const gp_chart *ch = d->chart;
  double sw = slot_w (c), bw = fmin (0.62 * sw, 48 * d->s);
  cairo_save (d->cr);
  cairo_rectangle (d->cr, c->plot.x, c->plot.y - 1, c->plot.w, c->plot.h + 2);
  cairo_clip (d->cr);
  double *tops = calloc (c->n_cat ? c->n_cat : 1, sizeof *tops);
  double *totals = calloc (c->n_cat ? c->n_cat : 1, sizeof *totals);
  bool *any = calloc (c->n_cat ? c->n_cat : 1, sizeof *any);
  for (size_t k = 0; k < c->n_cat; k++)
    {
      double pos = 0, neg = 0;
      double x = c->plot.x + (k + 0.5) * sw - bw / 2;
      for (size_t i = 0; i < ch->n_series; i++)
        {
          const gp_series *s = ch->series[i];
          double v = series_value (s, k);
          if (s->hidden || !isfinite (v) || v == 0)
            continue;
          double base = v >= 0 ? pos : neg;
          bar_rect (d, taken, x, px_y (c, base), bw, px_y (c, base + v),
                    gp_dc_series_color (d, i));
          if (v >= 0)
            pos += v;
          else
            neg += v;
          if (d->info)
            d->info->n_drawn++;
          if (any)
            any[k] = true;
        }
      if (tops)
        tops[k] = pos;
      if (totals)
        totals[k] = pos + neg;
    }
  cairo_restore (d->cr);
  /* The zero line over the bars when the axis goes negative. */
  if (c->y.min < 0 && c->y.max > 0)
    {
      cairo_move_to (d->cr, c->plot.x, px_y (c, 0));
      cairo_line_to (d->cr, c->plot.x + c->plot.w, px_y (c, 0));
      gp_dc_set_color (d, d->th->foreground);
      cairo_set_line_width (d->cr, 0.8 * d->s);
      cairo_stroke (d->cr);
    }
  if (ch->show_totals && tops && totals && any)
    for (size_t k = 0; k < c->n_cat; k++)
      if (any[k])
        {
          char buf[80];
          gp_cart_format_value (totals[k], false, buf, sizeof buf);
          gp_cart_rects_add (taken, gp_dc_text (d, d->f_small, buf, c->plot.x + (k + 0.5) * sw,
                                        px_y (c, tops[k]) - 2 * d->s, 0.5, 1.0,
                                        d->th->foreground, 0));
        }
  free (tops);
  free (totals);
  free (any);
}

void
gp_cart_draw_waterfall (gp_dc *d, cart *c, rect_list *taken)
{
  const gp_chart *ch = d->chart;
  const gp_series *s = ch->series[0];
  cairo_t *cr = d->cr;
  double sw = slot_w (c), bw = fmin (0.62 * sw, 48 * d->s);
  gp_rgba total_col = gp_palette_color (GP_OKABE_BLUE, d->tk);
  double cum = 0, prev_end_x = NAN;
  bool started = false;
  for (size_t k = 0; k <= s->n; k++)
    {
      bool is_total = k == s->n;
      double v = is_total ? cum : s->y[k];
      if (!isfinite (v) || (is_total && !started))
        continue;
      double x = c->plot.x + (k + 0.5) * sw - bw / 2;
      double from, to;
      gp_rgba col;
      if (is_total || !started)
        {
          from = 0;
          to = v;
          col = total_col;
        }
      else
        {
          from = cum;
          to = cum + v;
          col = v >= 0 ? d->th->good : d->th->bad;
        }
      /* Connector from the previous bar's end level. */
      if (isfinite (prev_end_x))
        {
          double y = px_y (c, is_total ? to : from); /* the running sum so far */
          cairo_move_to (cr, prev_end_x, y);
          cairo_line_to (cr, x, y);
          gp_dc_set_color (d, d->th->muted);
          cairo_set_line_width (cr, 0.6 * d->s);
          double dash[2] = { 2 * d->s, 1.5 * d->s };
          cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      bar_rect (d, taken, x, px_y (c, from), bw, px_y (c, to), col);
      if (d->info)
        d->info->n_drawn++;
      char buf[80];
      bool step = !(is_total || !started);
      gp_cart_format_value (v, step, buf, sizeof buf);
      double ty = to >= from ? px_y (c, fmax (from, to)) - 2 * d->s : px_y (c, fmin (from, to)) + 2 * d->s;
      gp_cart_rects_add (taken, gp_dc_text (d, d->f_small, buf, x + bw / 2, ty, 0.5,
                                    to >= from ? 1.0 : 0.0, d->th->foreground, 0));
      cum = step ? cum + v : v;
      started = true;
      prev_end_x = x + bw;
    }
  if (c->y.min < 0 && c->y.max > 0)
    {
      cairo_move_to (cr, c->plot.x, px_y (c, 0));
      cairo_line_to (cr, c->plot.x + c->plot.w, px_y (c, 0));
      gp_dc_set_color (d, d->th->foreground);
      cairo_set_line_width (cr, 0.8 * d->s);
      cairo_stroke (cr);
    }
}

void
gp_cart_draw_tornado (gp_dc *d, cart *c, rect_list *taken)
{
  const gp_chart *ch = d->chart;
  const gp_series *lo = ch->series[0], *hi = ch->series[1];
  cairo_t *cr = d->cr;
  double sh = slot_w (c), bh = fmin (0.62 * sh, 22 * d->s);
  double bx = px_x (c, ch->baseline);
  for (size_t slot = 0; slot < c->n_cat; slot++)
    {
      size_t k = c->order[slot];
      double y = c->plot.y + (slot + 0.5) * sh - bh / 2;
      double vals[2] = { series_value (lo, k), series_value (hi, k) };
      gp_rgba cols[2] = { gp_dc_series_color (d, 0), gp_dc_series_color (d, 1) };
      /* The longer bar first so a shorter one on the same side stays visible. */
      int first = fabs (vals[0] - ch->baseline) >= fabs (vals[1] - ch->baseline) ? 0 : 1;
      for (int j = 0; j < 2; j++)
        {
          int which = j == 0 ? first : 1 - first;
          double v = vals[which];
          if (!isfinite (v))
            continue;
          double x = px_x (c, v);
          bool same_side = (vals[0] - ch->baseline) * (vals[1] - ch->baseline) > 0;
          double th = (j == 1 && same_side) ? 0.55 * bh : bh;
          double yy = y + (bh - th) / 2;
          cairo_rectangle (cr, fmin (bx, x), yy, fabs (x - bx), th);
          gp_dc_set_color (d, cols[which]);
          cairo_fill (cr);
          gp_cart_rects_add (taken, (gp_rect) { fmin (bx, x), yy, fabs (x - bx), th });
          if (d->info)
            d->info->n_drawn++;
          /* Both ends on one side would put two labels on top of each other: the longer
           * bar's value is the one that matters for the ranking, so only it is labelled. */
          if (j == 1 && same_side)
            continue;
          char buf[80];
          gp_cart_format_value (v, false, buf, sizeof buf);
          bool right = x >= bx;
          gp_cart_rects_add (taken, gp_dc_text (d, d->f_small, buf, x + (right ? 2 : -2) * d->s,
                                        y + bh / 2, right ? 0.0 : 1.0, 0.5,
                                        d->th->foreground, 0));
        }
    }
  cairo_move_to (cr, bx, c->plot.y);
  cairo_line_to (cr, bx, c->plot.y + c->plot.h);
  gp_dc_set_color (d, d->th->foreground);
  cairo_set_line_width (cr, 1.0 * d->s);
  cairo_stroke (cr);
}
