/* gp-chart-draw-lines.c: the line and scatter kinds: series with bands, markers and point labels,
 * and the Pareto frontier. */
#include "gp-chart-cart-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A polyline simplified to the device resolution: from the last point drawn (the anchor),
 * points are held back while every one of them lies within TOL (user units: a tenth of a
 * device pixel) of the chord from the anchor to the newest point; the point before the
 * first that does not is drawn and becomes the anchor. So no left-out point is further
 * than TOL from the drawn line. At most SIMPLIFY_WINDOW points are held, which bounds the
 * work per point. Deterministic: the same points always give the same path. */
#define SIMPLIFY_WINDOW 64

typedef struct {
  double tol;
  rect_list *taken;                  /* gets each segment drawn, for the labels placed later */
  bool pen;                          /* an anchor is drawn */
  double ax, ay;                     /* the anchor */
  int n;                             /* held points */
  double hx[SIMPLIFY_WINDOW], hy[SIMPLIFY_WINDOW];
} simplifier;

static bool
chord_holds (const simplifier *sp, double bx, double by)
{
  double dx = bx - sp->ax, dy = by - sp->ay, len = hypot (dx, dy);
  for (int i = 0; i < sp->n; i++)
    {
      double ex = sp->hx[i] - sp->ax, ey = sp->hy[i] - sp->ay;
      /* distance to the segment (not the infinite line: a point past an end counts) */
      double t = len > 0 ? (ex * dx + ey * dy) / (len * len) : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      if (hypot (ex - t * dx, ey - t * dy) > sp->tol)
        return false;
    }
  return true;
}

static void
simplify_add (cairo_t *cr, simplifier *sp, double x, double y)
{
  if (!sp->pen)
    {
      cairo_move_to (cr, x, y);
      sp->pen = true;
      sp->ax = x, sp->ay = y, sp->n = 0;
      return;
    }
  if (sp->n > 0 && (sp->n == SIMPLIFY_WINDOW || !chord_holds (sp, x, y)))
    {
      /* the newest held point becomes the anchor; the ones before it stay left out */
      double nx = sp->hx[sp->n - 1], ny = sp->hy[sp->n - 1];
      cairo_line_to (cr, nx, ny);
      gp_cart_segs_add (sp->taken, sp->ax, sp->ay, nx, ny);
      sp->ax = nx, sp->ay = ny, sp->n = 0;
    }
  sp->hx[sp->n] = x, sp->hy[sp->n] = y;
  sp->n++;
}

/* Draw the last held point and lift the pen. */
static void
simplify_end (cairo_t *cr, simplifier *sp)
{
  if (sp->pen && sp->n > 0)
    {
      cairo_line_to (cr, sp->hx[sp->n - 1], sp->hy[sp->n - 1]);
      gp_cart_segs_add (sp->taken, sp->ax, sp->ay, sp->hx[sp->n - 1], sp->hy[sp->n - 1]);
    }
  sp->pen = false;
  sp->n = 0;
}

void
gp_cart_draw_line_series (gp_dc *d, cart *c, rect_list *taken)
{
  const gp_chart *ch = d->chart;
  cairo_t *cr = d->cr;
  cairo_save (cr);
  cairo_rectangle (cr, c->plot.x, c->plot.y, c->plot.w, c->plot.h);
  cairo_clip (cr);

  /* Bands first, under every line. Each run of points with a valid band is one polygon. */
  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      if (s->hidden || s->y_lo == NULL || s->y_hi == NULL)
        continue;
      gp_rgba col = gp_dc_series_color (d, i);
      size_t k = 0;
      while (k < s->n)
        {
          while (k < s->n && !(point_ok (d, c, s->x[k], s->y[k], false)
                               && value_ok (&c->y, s->y_lo[k]) && value_ok (&c->y, s->y_hi[k])))
            k++;
          size_t start = k;
          while (k < s->n && point_ok (d, c, s->x[k], s->y[k], false)
                 && value_ok (&c->y, s->y_lo[k]) && value_ok (&c->y, s->y_hi[k]))
            k++;
          if (k - start < 2)
            continue;
          cairo_new_path (cr);
          for (size_t j = start; j < k; j++)
            cairo_line_to (cr, px_x (c, s->x[j]), px_y (c, s->y_hi[j]));
          for (size_t j = k; j-- > start;)
            cairo_line_to (cr, px_x (c, s->x[j]), px_y (c, s->y_lo[j]));
          cairo_close_path (cr);
          gp_dc_set_color_alpha (d, col, 0.2);
          cairo_fill (cr);
        }
    }

  /* Lines: a non-drawable point breaks the line rather than bridging the gap. Points
     that move the line by less than a tenth of a device pixel are left out. */
  double ux = 1, uy = 0;
  cairo_user_to_device_distance (cr, &ux, &uy);
  double dev = hypot (ux, uy);
  double tol = dev > 0 && isfinite (dev) ? 0.1 / dev : 0;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      if (s->hidden || !s->show_line)
        continue;
      cairo_new_path (cr);
      simplifier sp = { .tol = tol, .taken = taken };
      for (size_t k = 0; k < s->n; k++)
        {
          if (!point_ok (d, c, s->x[k], s->y[k], false))
            {
              simplify_end (cr, &sp);
              continue;
            }
          simplify_add (cr, &sp, px_x (c, s->x[k]), px_y (c, s->y[k]));
        }
      simplify_end (cr, &sp);
      gp_dc_set_color (d, gp_dc_series_color (d, i));
      cairo_set_line_width (cr, 1.5 * d->s);
      if (s->dashed)
        {
          double dash[2] = { 4 * d->s, 2.5 * d->s };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_restore (cr);

  /* Markers (asked for, or the only way to see a lone point) and labels. */
  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      if (s->hidden)
        continue;
      gp_rgba col = gp_dc_series_color (d, i);
      for (size_t k = 0; k < s->n; k++)
        {
          if (!point_ok (d, c, s->x[k], s->y[k], false))
            continue;
          double t = gp_axis_map (&c->x, s->x[k]), u = gp_axis_map (&c->y, s->y[k]);
          if (t < -1e-9 || t > 1 + 1e-9 || u < -1e-9 || u > 1 + 1e-9)
            continue;
          bool prev_ok = k > 0 && point_ok (d, c, s->x[k - 1], s->y[k - 1], false);
          bool next_ok = k + 1 < s->n && point_ok (d, c, s->x[k + 1], s->y[k + 1], false);
          bool lone = !prev_ok && !next_ok;
          double x = px_x (c, s->x[k]), y = px_y (c, s->y[k]);
          if (d->info)
            d->info->n_drawn++;
          if (s->show_markers || lone || !s->show_line)
            {
              gp_dc_marker (d, gp_dc_series_marker (d, i), x, y, gp_cart_marker_r (d) * 0.85, col,
                            d->th->background);
              gp_cart_rects_add (taken, (gp_rect) { x - gp_cart_marker_r (d), y - gp_cart_marker_r (d),
                                            2 * gp_cart_marker_r (d), 2 * gp_cart_marker_r (d) });
            }
          if (s->labels && s->labels[k] && s->labels[k][0])
            gp_cart_place_label (d, c, taken, s->labels[k], x, y, gp_cart_marker_r (d), d->th->foreground);
        }
    }
}

void
gp_cart_draw_scatter (gp_dc *d, cart *c, rect_list *taken)
{
  const gp_chart *ch = d->chart;
  cairo_t *cr = d->cr;
  double r = gp_cart_marker_r (d);

  /* Pareto frontier over all visible points. */
  size_t total = 0;
  for (size_t i = 0; i < ch->n_series; i++)
    if (!ch->series[i]->hidden)
      total += ch->series[i]->n;
  if (ch->pareto && total > 0)
    {
      double *xs = malloc (total * sizeof *xs), *ys = malloc (total * sizeof *ys);
      size_t *idx = malloc (total * sizeof *idx);
      if (xs && ys && idx)
        {
          size_t m = 0;
          for (size_t i = 0; i < ch->n_series; i++)
            {
              const gp_series *s = ch->series[i];
              if (s->hidden)
                continue;
              for (size_t k = 0; k < s->n; k++, m++)
                {
                  bool ok = point_ok (d, c, s->x[k], s->y[k], false);
                  xs[m] = ok ? s->x[k] : NAN;
                  ys[m] = ok ? s->y[k] : NAN;
                }
            }
          bool ok;
          size_t nf = gp_pareto_frontier (xs, ys, m, ch->pareto_min_x, ch->pareto_min_y, idx,
                                          total, &ok);
          if (ok && nf > 0)
            {
              cairo_save (cr);
              cairo_rectangle (cr, c->plot.x, c->plot.y, c->plot.w, c->plot.h);
              cairo_clip (cr);
              cairo_new_path (cr);
              for (size_t j = 0; j < nf; j++)
                cairo_line_to (cr, px_x (c, xs[idx[j]]), px_y (c, ys[idx[j]]));
              gp_dc_set_color (d, d->th->muted);
              cairo_set_line_width (cr, 1.1 * d->s);
              double dash[2] = { 4 * d->s, 2.5 * d->s };
              cairo_set_dash (cr, dash, 2, 0);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
              /* Rings around the frontier's points. */
              for (size_t j = 0; j < nf; j++)
                {
                  cairo_new_sub_path (cr);
                  cairo_arc (cr, px_x (c, xs[idx[j]]), px_y (c, ys[idx[j]]), r + 2.2 * d->s,
                             0, 2 * GP_PI);
                }
              cairo_set_line_width (cr, 0.9 * d->s);
              cairo_stroke (cr);
              cairo_restore (cr);
              /* Labels should not sit on the frontier. */
              for (size_t j = 0; j + 1 < nf; j++)
                gp_cart_segs_add (taken, px_x (c, xs[idx[j]]), px_y (c, ys[idx[j]]),
                                  px_x (c, xs[idx[j + 1]]), px_y (c, ys[idx[j + 1]]));
            }
        }
      free (xs);
      free (ys);
      free (idx);
    }

  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      if (s->hidden)
        continue;
      gp_rgba col = gp_dc_series_color (d, i);
      for (size_t k = 0; k < s->n; k++)
        {
          if (!point_ok (d, c, s->x[k], s->y[k], false))
            continue;
          double t = gp_axis_map (&c->x, s->x[k]), u = gp_axis_map (&c->y, s->y[k]);
          if (t < -1e-9 || t > 1 + 1e-9 || u < -1e-9 || u > 1 + 1e-9)
            continue;
          double x = px_x (c, s->x[k]), y = px_y (c, s->y[k]);
          if (s->y_lo && s->y_hi && value_ok (&c->y, s->y_lo[k]) && value_ok (&c->y, s->y_hi[k]))
            {
              double y0 = px_y (c, s->y_lo[k]), y1 = px_y (c, s->y_hi[k]), cap = 2.5 * d->s;
              cairo_move_to (cr, x, y0);
              cairo_line_to (cr, x, y1);
              cairo_move_to (cr, x - cap, y0);
              cairo_line_to (cr, x + cap, y0);
              cairo_move_to (cr, x - cap, y1);
              cairo_line_to (cr, x + cap, y1);
              gp_dc_set_color (d, col);
              cairo_set_line_width (cr, 0.9 * d->s);
              cairo_stroke (cr);
            }
          gp_dc_marker (d, gp_dc_series_marker (d, i), x, y, r, col, d->th->background);
          double rr = r + 2.5 * d->s; /* room for a frontier ring */
          gp_cart_rects_add (taken, (gp_rect) { x - rr, y - rr, 2 * rr, 2 * rr });
          if (d->info)
            d->info->n_drawn++;
        }
    }
  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      if (s->hidden || s->labels == NULL)
        continue;
      for (size_t k = 0; k < s->n; k++)
        if (s->labels[k] && s->labels[k][0] && point_ok (d, c, s->x[k], s->y[k], false))
          {
            double t = gp_axis_map (&c->x, s->x[k]), u = gp_axis_map (&c->y, s->y[k]);
            if (t >= 0 && t <= 1 && u >= 0 && u <= 1)
              gp_cart_place_label (d, c, taken, s->labels[k], px_x (c, s->x[k]), px_y (c, s->y[k]),
                           r + 2.5 * d->s, d->th->foreground);
          }
    }
}
