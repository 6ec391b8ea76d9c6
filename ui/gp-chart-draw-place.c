/* gp-chart-draw-place.c: where point and bar labels go: boxes and curve segments already taken,
 * the candidate spot that hides them least (with a leader line when a label has to move away
 * from its point), and value labels (3 significant digits, SI prefixes). */
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

void
gp_cart_segs_add (rect_list *l, double x0, double y0, double x1, double y1)
{
  if (!(isfinite (x0) && isfinite (y0) && isfinite (x1) && isfinite (y1)))
    return;
  if (l->n_sg == l->cap_sg)
    {
      size_t cap = l->cap_sg ? 2 * l->cap_sg : 256;
      gp_seg *p = realloc (l->sg, cap * sizeof *p);
      if (p == NULL)
        return; /* as above: a label may then sit on this curve */
      l->sg = p;
      l->cap_sg = cap;
    }
  l->sg[l->n_sg++] = (gp_seg) { x0, y0, x1, y1 };
}

void
gp_cart_rects_free (rect_list *l)
{
  free (l->r);
  free (l->sg);
  *l = (rect_list) { 0 };
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

static bool
seg_may_hit (const gp_seg *g, gp_rect r)
{
  return fmax (g->x0, g->x1) >= r.x && fmin (g->x0, g->x1) <= r.x + r.w
         && fmax (g->y0, g->y1) >= r.y && fmin (g->y0, g->y1) <= r.y + r.h;
}

/* Segments of TAKEN (curves, marker lines, leaders) that cross or touch BOX. */
size_t
gp_cart_seg_crossings (const rect_list *taken, gp_rect box)
{
  size_t hits = 0;
  for (size_t k = 0; k < taken->n_sg; k++)
    {
      const gp_seg *g = &taken->sg[k];
      hits += seg_may_hit (g, box) && gp_cart_seg_hits_rect (g->x0, g->y0, g->x1, g->y1, box);
    }
  return hits;
}

static bool
outside_plot (const cart *c, gp_rect b)
{
  return b.x < c->plot.x - 0.5 || b.x + b.w > c->plot.x + c->plot.w + 0.5
         || b.y < c->plot.y - 0.5 || b.y + b.h > c->plot.y + c->plot.h + 0.5;
}

/* The candidate (top-left corners CAND, N of them, for a W x H box) that overlaps the
 * taken boxes least and crosses the fewest curves, leaving the plot counting as much as
 * covering the box itself; earlier candidates win ties. */
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
      cost += 0.5 * w * h * (double) gp_cart_seg_crossings (taken, b);
      if (outside_plot (c, b))
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

/* Label placement around a point. Candidates lie on rings around the point: the first
 * ring just clear of the marker (right, left, above, below, the diagonals first, as a
 * reader looks for a label), then rings a text line further out each, in 16 directions.
 * A box's cost, in units of its own area A:
 *   1 A per curve segment it crosses or touches (the curves as drawn, marker lines),
 *   4 x the area it hides of labels, markers, bars and an inside legend,
 *   3 A if it leaves the plot (over the axes, their ticks, an outside legend),
 *   0.08 A per text line of distance from the first ring, and
 *   0.25 A per curve between it and its point (its leader line crosses them).
 * So a label moves up to seven lines away rather than sit on a curve, and stays next to
 * its point when that spot is clear. Off the first ring, a label gets a leader line when
 * it is more than a text line away or a curve runs between it and its point. Rings are searched outwards and the search stops once
 * no further ring can beat the best cost found, so a clear first spot costs 16 boxes. */
#define PLACE_DIRS 16
#define PLACE_RINGS 9
#define SQRT2 1.4142135623730951
#define PLACE_PAD 1.0   /* px (x scale) a box is grown by when testing curves */

typedef struct {
  double cost;
  gp_rect box;
  bool leader;
} spot;

/* The point on the border of B nearest (X, Y). */
static void
nearest_on_box (gp_rect b, double x, double y, double *nx, double *ny)
{
  *nx = fmin (fmax (x, b.x), b.x + b.w);
  *ny = fmin (fmax (y, b.y), b.y + b.h);
}

/* Segments of TAKEN crossing the leader from the marker's edge (radius R around (X, Y))
 * to the box B's nearest point. */
static size_t
leader_crossings (const rect_list *taken, const size_t *near, size_t n_near, double x, double y,
                  double r, gp_rect b)
{
  double ex, ey;
  nearest_on_box (b, x, y, &ex, &ey);
  double len = hypot (ex - x, ey - y);
  if (len <= r)
    return 0;
  double sx = x + (ex - x) * r / len, sy = y + (ey - y) * r / len;
  size_t hits = 0;
  for (size_t k = 0; k < n_near; k++)
    {
      const gp_seg *g = &taken->sg[near[k]];
      /* a thin rectangle for the leader: segment against segment, within a pixel */
      double dx = g->x1 - g->x0, dy = g->y1 - g->y0, fx = ex - sx, fy = ey - sy;
      double den = dx * fy - dy * fx;
      if (den == 0)
        continue;
      double t = ((sx - g->x0) * fy - (sy - g->y0) * fx) / den;
      double u = ((sx - g->x0) * dy - (sy - g->y0) * dx) / den;
      hits += t >= 0 && t <= 1 && u >= 0 && u <= 1;
    }
  return hits;
}

static double
box_cost (const cart *c, const rect_list *taken, const size_t *near, size_t n_near, gp_rect b,
          double pad)
{
  double area = b.w * b.h, cost = 0;
  gp_rect grown = { b.x - pad, b.y - pad, b.w + 2 * pad, b.h + 2 * pad };
  for (size_t k = 0; k < n_near; k++)
    {
      const gp_seg *g = &taken->sg[near[k]];
      if (seg_may_hit (g, grown) && gp_cart_seg_hits_rect (g->x0, g->y0, g->x1, g->y1, grown))
        cost += area;
    }
  for (size_t k = 0; k < taken->n; k++)
    cost += 4 * gp_cart_overlap_area (b, taken->r[k]);
  if (outside_plot (c, b))
    cost += 3 * area;
  return cost;
}

/* Place TEXT next to (X, Y) (a marker of radius R) where it hides the least of the curves,
 * the labels, markers and legend already there and stays inside the axes; a label that had
 * to move away gets a leader line back to its point. */
void
gp_cart_place_label (gp_dc *d, const cart *c, rect_list *taken, const char *text, double x, double y,
             double r, gp_rgba color)
{
  double w, h;
  gp_dc_text_size (d, d->f_small, text, 0, &w, &h);
  double area = w * h, g = r + 1.5 * d->s, step = fmax (h, 8 * d->s);
  double reach = g + (PLACE_RINGS - 1) * step, pad = PLACE_PAD * d->s;
  double leader_from = g + 1.2 * step;

  /* The segments that can matter: those near the point, found once. */
  gp_rect zone = { x - reach - w - pad, y - reach - h - pad, 2 * (reach + w + pad),
                   2 * (reach + h + pad) };
  size_t n_near = 0, none = 0, *near = malloc ((taken->n_sg ? taken->n_sg : 1) * sizeof *near);
  if (near != NULL) /* else the curves are not seen: the label may sit on one */
    for (size_t k = 0; k < taken->n_sg; k++)
      if (seg_may_hit (&taken->sg[k], zone))
        near[n_near++] = k;
  const size_t *nr = near ? near : &none;

  /* directions in eighths of a turn, anticlockwise from the right: the four sides and
   * the diagonals first, then the directions between them */
  static const double dirs[PLACE_DIRS] = { 0, 4, 2, 6, 1, 7, 3, 5,
                                           0.5, 3.5, 1.5, 2.5, 7.5, 4.5, 6.5, 5.5 };
  spot best = { INFINITY, { x + g, y - h / 2, w, h }, false };
  for (int ring = 0; ring < PLACE_RINGS; ring++)
    {
      double rho = g + ring * step, dist_cost = 0.08 * area * ring;
      if (dist_cost >= best.cost)
        break; /* every further spot costs at least this */
      int n_dirs = ring == 0 ? 8 : PLACE_DIRS;
      for (int i = 0; i < n_dirs; i++)
        {
          double a = dirs[i] * GP_PI / 4, ca = cos (a), sa = sin (a);
          /* the box touches the ring at its nearest edge or corner */
          double fx = fmax (-1, fmin (1, ca * SQRT2)), fy = fmax (-1, fmin (1, sa * SQRT2));
          double px = x + rho * ca, py = y - rho * sa;
          gp_rect b = { px - w * (1 - fx) / 2, py - h * (1 + fy) / 2, w, h };
          double cost = dist_cost + (ring * PLACE_DIRS + i) * 1e-6 * area;
          if (cost >= best.cost)
            continue;
          cost += box_cost (c, taken, nr, n_near, b, pad);
          if (cost >= best.cost)
            continue;
          /* Off the first ring, a curve between the point and its label would make the
           * label read as the curve's: a leader line says which point it names. */
          size_t across = ring > 0 ? leader_crossings (taken, nr, n_near, x, y, r, b) : 0;
          bool leader = ring > 0 && (rho >= leader_from || across > 0);
          cost += 0.25 * area * (double) across;
          if (cost < best.cost)
            best = (spot) { cost, b, leader };
        }
    }
  free (near);

  if (best.leader)
    {
      double ex, ey;
      nearest_on_box (best.box, x, y, &ex, &ey);
      double len = hypot (ex - x, ey - y), gap = 1.0 * d->s;
      if (len > r + 2 * gap)
        {
          double ux = (ex - x) / len, uy = (ey - y) / len;
          double sx = x + ux * (r + gap), sy = y + uy * (r + gap);
          double tx = ex - ux * gap, ty = ey - uy * gap;
          cairo_move_to (d->cr, sx, sy);
          cairo_line_to (d->cr, tx, ty);
          gp_dc_set_color_alpha (d, color, 0.7);
          cairo_set_line_width (d->cr, 0.8 * d->s);
          cairo_stroke (d->cr);
          gp_cart_segs_add (taken, sx, sy, tx, ty);
        }
    }
  gp_cart_halo_text (d, d->f_small, text, best.box.x, best.box.y, color);
  gp_cart_rects_add (taken, best.box);
  if (d->info && d->info->n_labels < GP_DRAW_LABELS_MAX)
    d->info->labels[d->info->n_labels++] = (gp_draw_label) {
      best.box.x, best.box.y, best.box.w, best.box.h, x, y, best.leader,
    };
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
