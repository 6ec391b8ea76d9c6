/* gp-chart-draw.c: paint a chart into a cairo context: shared text/marker/legend helpers
 * and the cartesian kinds (line, scatter, stacked bars, waterfall, tornado).
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

/* Font sizes in px at 96 dpi for scale 1: 8 pt ticks, 9 pt titles, 10 pt chart title,
 * 7 pt notes (1 pt = 96/72 px). A 3.5 in figure printed at 100 % keeps these sizes. */
#define PT 1.3333333333333333
#define FONT_TICK (8.0 * PT)
#define FONT_LABEL (9.0 * PT)
#define FONT_TITLE (10.0 * PT)
#define FONT_SMALL (7.0 * PT)

/* ================================================================ text */

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
static void
text_vertical (gp_dc *d, const PangoFontDescription *font, const char *text, double x,
               double y, gp_rgba color)
{
  PangoLayout *l = gp_dc_layout (d, font, text, 0, PANGO_ALIGN_CENTER);
  cairo_save (d->cr);
  cairo_translate (d->cr, x, y);
  cairo_rotate (d->cr, -GP_PI / 2);
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
  double wrap = d->w - 2 * d->pad, w, h;
  gp_dc_text_size (d, d->f_small, t, wrap, &w, &h);
  if (draw)
    gp_dc_text (d, d->f_small, t, d->pad, d->h - d->pad, 0.0, 1.0, d->th->muted, wrap);
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

/* ================================================================ cartesian layout */

static void format_value (double v, bool sign, char *buf, size_t size);

typedef struct {
  /* axes as drawn */
  gp_axis x, y;
  bool cat_x, cat_y;         /* categorical axis (bars along x, tornado along y) */
  size_t n_cat;              /* slots on the categorical axis */
  const char **cat_names;    /* n_cat names, borrowed (owned array) */
  size_t *order;             /* tornado: category drawn in slot i (owned) */
  double data_x0, data_x1;   /* data extents for auto ranges */
  double data_y0, data_y1;
  bool have_x, have_y;
  gp_tick xt[GP_AXIS_TICKS_MAX], yt[GP_AXIS_TICKS_MAX];
  size_t nxt, nyt;
  bool rotate_cat;           /* x category labels at 45 degrees */
  double cat_label_h;        /* height of x category labels (or width of y ones) */
  /* layout */
  gp_rect plot;
  double title_h, caption_h, note_h, xtitle_h, ytitle_w, legend_w, legend_h;
  gp_legend_pos legend;
  gp_legend_entry *entries;
  size_t n_entries;
  char note[200];
  char baseline_name[64];
  size_t n_points;           /* valid points/bars found when measuring */
} cart;

static double
px_x (const cart *c, double v)
{
  return c->plot.x + gp_axis_map (&c->x, v) * c->plot.w;
}

static double
px_y (const cart *c, double v)
{
  return c->plot.y + c->plot.h - gp_axis_map (&c->y, v) * c->plot.h;
}

static double
slot_w (const cart *c)
{
  return (c->cat_x ? c->plot.w : c->plot.h) / (double) (c->n_cat ? c->n_cat : 1);
}

static double
tick_len (gp_dc *d)
{
  return 3.5 * d->s;
}

/* Is (x, y) drawable on these axes? Counts why not. */
static bool
point_ok (gp_dc *d, const cart *c, double x, double y, bool count)
{
  if (!isfinite (x) || !isfinite (y))
    {
      if (count && d->info)
        d->info->n_skipped_nonfinite++;
      return false;
    }
  if ((c->x.scale == GP_AXIS_LOG && x <= 0) || (c->y.scale == GP_AXIS_LOG && y <= 0))
    {
      if (count && d->info)
        d->info->n_skipped_nonpositive++;
      return false;
    }
  return true;
}

static bool
value_ok (const gp_axis *a, double v)
{
  return isfinite (v) && (a->scale != GP_AXIS_LOG || v > 0);
}

static void
extend (double *lo, double *hi, bool *have, double v)
{
  if (!*have)
    {
      *lo = *hi = v;
      *have = true;
      return;
    }
  *lo = fmin (*lo, v);
  *hi = fmax (*hi, v);
}

/* Data extents and skip counts for line and scatter charts. */
static void
measure_xy (gp_dc *d, cart *c)
{
  const gp_chart *ch = d->chart;
  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      if (s->hidden)
        continue;
      for (size_t k = 0; k < s->n; k++)
        {
          if (!point_ok (d, c, s->x[k], s->y[k], true))
            continue;
          c->n_points++;
          extend (&c->data_x0, &c->data_x1, &c->have_x, s->x[k]);
          extend (&c->data_y0, &c->data_y1, &c->have_y, s->y[k]);
          if (s->y_lo && value_ok (&c->y, s->y_lo[k]))
            extend (&c->data_y0, &c->data_y1, &c->have_y, s->y_lo[k]);
          if (s->y_hi && value_ok (&c->y, s->y_hi[k]))
            extend (&c->data_y0, &c->data_y1, &c->have_y, s->y_hi[k]);
        }
    }
  if (c->n_points == 0)
    return; /* annotations alone are not data */
  for (size_t i = 0; i < ch->n_annotations; i++)
    {
      const gp_annotation *a = &ch->annotations[i];
      if (a->kind != GP_ANNOT_HLINE && value_ok (&c->x, a->x))
        extend (&c->data_x0, &c->data_x1, &c->have_x, a->x);
      if (a->kind != GP_ANNOT_VLINE && value_ok (&c->y, a->y))
        extend (&c->data_y0, &c->data_y1, &c->have_y, a->y);
    }
}

static double
series_value (const gp_series *s, size_t k)
{
  return k < s->n ? s->y[k] : NAN;
}

/* Leave room past the data for the value labels drawn at bar ends: FRAC_LO/HI of the
 * span below/above (Y) or left/right (x). A side at exactly 0 stays there (bars start on
 * the axis). */
static void
pad_for_labels (cart *c, bool y, double frac_lo, double frac_hi)
{
  double *lo = y ? &c->data_y0 : &c->data_x0, *hi = y ? &c->data_y1 : &c->data_x1;
  if (!(y ? c->have_y : c->have_x))
    return;
  double span = *hi - *lo;
  if (!(span > 0))
    span = fmax (fabs (*hi), 1e-300);
  if (*lo < 0 || !y)
    *lo -= frac_lo * span;
  if (*hi > 0 || !y)
    *hi += frac_hi * span;
}

/* Stacked bars: the y extent is the tallest positive stack and the deepest negative. */
static void
measure_stacked (gp_dc *d, cart *c)
{
  const gp_chart *ch = d->chart;
  size_t n = ch->n_categories;
  for (size_t i = 0; i < ch->n_series; i++)
    if (!ch->series[i]->hidden && ch->series[i]->n > n)
      n = ch->series[i]->n;
  c->n_cat = n;
  for (size_t k = 0; k < n; k++)
    {
      double pos = 0, neg = 0;
      bool any = false;
      for (size_t i = 0; i < ch->n_series; i++)
        {
          const gp_series *s = ch->series[i];
          if (s->hidden || k >= s->n)
            continue;
          double v = s->y[k];
          if (!isfinite (v))
            {
              if (d->info)
                d->info->n_skipped_nonfinite++;
              continue;
            }
          any = true;
          c->n_points++;
          if (v >= 0)
            pos += v;
          else
            neg += v;
        }
      if (any)
        {
          extend (&c->data_y0, &c->data_y1, &c->have_y, pos);
          extend (&c->data_y0, &c->data_y1, &c->have_y, neg);
        }
    }
  if (ch->show_totals)
    pad_for_labels (c, true, 0.0, 0.08);
}

/* Waterfall: running sums; the extra slot at the end is the total. */
static void
measure_waterfall (gp_dc *d, cart *c)
{
  const gp_chart *ch = d->chart;
  const gp_series *s = ch->n_series ? ch->series[0] : NULL;
  if (s == NULL || s->n == 0)
    return;
  c->n_cat = s->n + 1;
  double cum = 0;
  bool started = false;
  for (size_t k = 0; k < s->n; k++)
    {
      double v = s->y[k];
      if (!isfinite (v))
        {
          if (d->info)
            d->info->n_skipped_nonfinite++;
          continue;
        }
      c->n_points++;
      extend (&c->data_y0, &c->data_y1, &c->have_y, cum);
      cum = started ? cum + v : v;
      started = true;
      extend (&c->data_y0, &c->data_y1, &c->have_y, cum);
    }
  for (size_t i = 0; c->n_points && i < ch->n_annotations; i++)
    if (ch->annotations[i].kind == GP_ANNOT_HLINE)
      extend (&c->data_y0, &c->data_y1, &c->have_y, ch->annotations[i].y);
  pad_for_labels (c, true, 0.1, 0.1);
}

static const double *tornado_span; /* qsort context: spans per category */

static int
cmp_span_desc (const void *a, const void *b)
{
  size_t i = *(const size_t *) a, j = *(const size_t *) b;
  double si = tornado_span[i], sj = tornado_span[j];
  if (si != sj)
    return si > sj ? -1 : 1;
  return i < j ? -1 : (i > j);
}

/* Tornado: categories sorted by the span of their output, widest on top. */
static bool
measure_tornado (gp_dc *d, cart *c)
{
  const gp_chart *ch = d->chart;
  if (ch->n_series < 2)
    return true;
  const gp_series *lo = ch->series[0], *hi = ch->series[1];
  size_t n = lo->n > hi->n ? lo->n : hi->n;
  if (ch->n_categories > n)
    n = ch->n_categories;
  double *span = malloc ((n ? n : 1) * sizeof *span);
  c->order = malloc ((n ? n : 1) * sizeof *c->order);
  if (span == NULL || c->order == NULL)
    {
      free (span);
      return false;
    }
  size_t m = 0;
  for (size_t k = 0; k < n; k++)
    {
      double a = series_value (lo, k), b = series_value (hi, k);
      bool oa = isfinite (a), ob = isfinite (b);
      if (d->info)
        d->info->n_skipped_nonfinite += (k < lo->n && !oa) + (k < hi->n && !ob);
      if (!oa && !ob)
        continue;
      if (oa)
        extend (&c->data_x0, &c->data_x1, &c->have_x, a);
      if (ob)
        extend (&c->data_x0, &c->data_x1, &c->have_x, b);
      span[k] = fabs ((oa ? a : ch->baseline) - (ob ? b : ch->baseline));
      c->order[m++] = k;
      c->n_points++;
    }
  if (m > 0)
    {
      extend (&c->data_x0, &c->data_x1, &c->have_x, ch->baseline);
      pad_for_labels (c, false, 0.15, 0.15);
    }
  tornado_span = span;
  qsort (c->order, m, sizeof *c->order, cmp_span_desc);
  tornado_span = NULL;
  free (span);
  c->n_cat = m;
  return true;
}

/* Target tick count for an axis LEN px long with labels about LABEL px wide. */
static int
tick_target (double len, double label)
{
  int t = (int) floor (len / label);
  return t < 2 ? 2 : t > 10 ? 10 : t;
}

/* Resolve the value axes for the current plot size: fit auto ranges, make ticks, and
 * thin x ticks until their labels do not overlap. */
static void
make_ticks (gp_dc *d, cart *c)
{
  gp_tick *xt = c->xt, *yt = c->yt;
  if (!c->cat_y)
    {
      /* Labels need about 2 line heights each. Of the targets that keep that spacing,
       * take the one whose nice range wastes least (0..97 -> 0..100, not 0..200), and
       * among equals the one with nearest to 6 labelled ticks. */
      double min_gap = 2.0 * FONT_TICK * d->s;
      int ty = tick_target (c->plot.h, 3.2 * FONT_TICK * d->s);
      gp_axis best = c->y;
      int best_t = ty;
      double best_span = INFINITY, best_dist = INFINITY;
      for (int t = ty; t <= ty + 4 && t <= 12; t++)
        {
          gp_axis a = c->y;
          if (a.auto_range && c->have_y && gp_axis_fit (&a, c->data_y0, c->data_y1, t, NULL) != GP_OK)
            continue;
          size_t n = gp_axis_ticks (&a, t, yt, GP_AXIS_TICKS_MAX), majors = 0;
          for (size_t i = 0; i < n; i++)
            majors += yt[i].major;
          if (t > ty && (majors < 2 || c->plot.h / (double) (majors - 1) < min_gap))
            continue;
          double span = a.scale == GP_AXIS_LOG ? log10 (a.max / a.min) : a.max - a.min;
          double dist = fabs ((double) majors - 6.0);
          bool tighter = span < best_span * (1 - 1e-9);
          bool same = !tighter && span <= best_span * (1 + 1e-9);
          if (tighter || (same && dist < best_dist))
            {
              best_span = span;
              best_dist = dist;
              best = a;
              best_t = t;
            }
        }
      c->y = best;
      c->nyt = gp_axis_ticks (&c->y, best_t, yt, GP_AXIS_TICKS_MAX);
    }
  if (!c->cat_x)
    {
      for (int tx = tick_target (c->plot.w, 55 * d->s); tx >= 2; tx--)
        {
          gp_axis x = c->x;
          if (x.auto_range && c->have_x)
            gp_axis_fit (&x, c->data_x0, c->data_x1, tx, NULL);
          size_t n = gp_axis_ticks (&x, tx, xt, GP_AXIS_TICKS_MAX);
          /* Check the labels fit with a gap of one em between neighbours. */
          double last_right = -INFINITY, gap = FONT_TICK * d->s * 0.8;
          bool fits = true;
          for (size_t i = 0; i < n && fits; i++)
            {
              if (!xt[i].major)
                continue;
              double w;
              gp_dc_text_size (d, d->f_tick, xt[i].label, 0, &w, NULL);
              double cx = c->plot.x + xt[i].pos * c->plot.w;
              if (cx - w / 2 < last_right + gap)
                fits = false;
              last_right = cx + w / 2;
            }
          c->x = x;
          c->nxt = n;
          if (fits)
            break;
        }
    }
}

static const char *
cat_name (const cart *c, size_t slot)
{
  const char *s = slot < c->n_cat && c->cat_names ? c->cat_names[slot] : NULL;
  return s ? s : "";
}

/* The widest single word of TEXT in FONT. */
static double
widest_word (gp_dc *d, const char *text)
{
  double best = 0;
  char word[256];
  const char *p = text;
  while (*p)
    {
      while (*p == ' ')
        p++;
      size_t n = strcspn (p, " ");
      if (n == 0)
        break;
      if (n >= sizeof word)
        n = sizeof word - 1;
      memcpy (word, p, n);
      word[n] = '\0';
      double w;
      gp_dc_text_size (d, d->f_tick, word, 0, &w, NULL);
      best = fmax (best, w);
      p += strcspn (p, " ");
    }
  return best;
}

/* Measure the category labels for the current slot size: wrapped under the bars, or at
 * 45 degrees when a word is wider than its slot or a label needs more than 3 lines. */
static void
measure_categories (gp_dc *d, cart *c)
{
  c->cat_label_h = 0;
  if (c->cat_x)
    {
      double sw = slot_w (c) - 3 * d->s, line_h;
      gp_dc_text_size (d, d->f_tick, "Ag", 0, NULL, &line_h);
      c->rotate_cat = false;
      for (size_t i = 0; i < c->n_cat && !c->rotate_cat; i++)
        {
          double w, h;
          gp_dc_text_size (d, d->f_tick, cat_name (c, i), sw, &w, &h);
          if (widest_word (d, cat_name (c, i)) > sw || h > 3.2 * line_h)
            c->rotate_cat = true;
          c->cat_label_h = fmax (c->cat_label_h, h);
        }
      if (c->rotate_cat)
        {
          c->cat_label_h = 0;
          for (size_t i = 0; i < c->n_cat; i++)
            {
              double w, h;
              gp_dc_text_size (d, d->f_tick, cat_name (c, i), 0, &w, &h);
              c->cat_label_h = fmax (c->cat_label_h, (w + h) * 0.7072);
            }
        }
    }
  else if (c->cat_y)
    {
      double wrap = 0.38 * d->w;
      for (size_t i = 0; i < c->n_cat; i++)
        {
          double w, h;
          gp_dc_text_size (d, d->f_tick, cat_name (c, i), wrap, &w, &h);
          c->cat_label_h = fmax (c->cat_label_h, w);
        }
    }
}

static void
legend_size (gp_dc *d, cart *c)
{
  c->legend_w = c->legend_h = 0;
  if (c->n_entries == 0 || c->legend == GP_LEGEND_NONE)
    return;
  bool flow = c->legend == GP_LEGEND_BELOW;
  gp_legend_measure (d, c->entries, c->n_entries, flow, d->w - 2 * d->pad, &c->legend_w,
                     &c->legend_h);
}

/* Margins from measured text, then the plot rectangle. */
static void
layout (gp_dc *d, cart *c)
{
  double pad = d->pad, tl = tick_len (d), gap = 3 * d->s;
  double top = pad + c->title_h;
  double bottom = pad + c->caption_h + c->note_h + c->xtitle_h;
  double left = pad + c->ytitle_w;
  double right = pad;

  /* x tick labels (or category labels) */
  double tick_h;
  gp_dc_text_size (d, d->f_tick, "0", 0, NULL, &tick_h);
  /* The top y tick label is centred on the plot's top edge: half of it sticks out. */
  if (!c->cat_y)
    top += tick_h / 2;
  if (c->cat_x)
    bottom += tl + gap + c->cat_label_h;
  else
    bottom += tl + gap + tick_h;

  /* y tick labels (or category labels) */
  double yw = 0;
  if (c->cat_y)
    yw = c->cat_label_h;
  else
    for (size_t i = 0; i < c->nyt; i++)
      if (c->yt[i].major)
        {
          double w;
          gp_dc_text_size (d, d->f_tick, c->yt[i].label, 0, &w, NULL);
          yw = fmax (yw, w);
        }
  left += yw + tl + gap;

  if (c->legend == GP_LEGEND_RIGHT)
    right += c->legend_w + 2 * gap;
  else if (c->legend == GP_LEGEND_BELOW)
    bottom += c->legend_h + gap;

  /* The first and last x tick labels are centred on the plot's edges: keep them in. */
  if (!c->cat_x && c->nxt > 0)
    {
      double w0 = 0, w1 = 0;
      for (size_t i = 0; i < c->nxt; i++)
        if (c->xt[i].major)
          {
            double w;
            gp_dc_text_size (d, d->f_tick, c->xt[i].label, 0, &w, NULL);
            if (c->xt[i].pos < 0.02 && w0 == 0)
              w0 = w;
            if (c->xt[i].pos > 0.98)
              w1 = w;
          }
      left = fmax (left, pad + w0 / 2);
      right = fmax (right, pad + w1 / 2);
    }
  /* Rotated category labels lean left from their slot centre. */
  if (c->cat_x && c->rotate_cat && c->n_cat > 0)
    {
      double w, h;
      gp_dc_text_size (d, d->f_tick, cat_name (c, 0), 0, &w, &h);
      double lean = (w + h) * 0.7072 - 0.5 * (d->w - left - right) / c->n_cat;
      left = fmax (left, pad + lean);
    }
  c->plot.x = left;
  c->plot.y = top;
  c->plot.w = fmax (d->w - left - right, 8 * d->s);
  c->plot.h = fmax (d->h - top - bottom, 8 * d->s);
}

/* ================================================================ point labels */

typedef struct {
  gp_rect *r;
  size_t n, cap;
} rect_list;

static void
rects_add (rect_list *l, gp_rect r)
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

static double
overlap_area (gp_rect a, gp_rect b)
{
  double w = fmin (a.x + a.w, b.x + b.w) - fmax (a.x, b.x);
  double h = fmin (a.y + a.h, b.y + b.h) - fmax (a.y, b.y);
  return (w > 0 && h > 0) ? w * h : 0;
}

/* Score a legend box inside the plot by the points and segments it would hide. */
static bool
seg_hits_rect (double x0, double y0, double x1, double y1, gp_rect r)
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

static size_t
legend_overlap (gp_dc *d, const cart *c, gp_rect box)
{
  const gp_chart *ch = d->chart;
  size_t hits = 0;
  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      if (s->hidden)
        continue;
      bool line = ch->kind == GP_CHART_LINE && s->show_line;
      double px0 = NAN, py0 = NAN;
      for (size_t k = 0; k < s->n; k++)
        {
          if (!point_ok (d, c, s->x[k], s->y[k], false))
            {
              px0 = NAN;
              continue;
            }
          double px = px_x (c, s->x[k]), py = px_y (c, s->y[k]);
          if (line && isfinite (px0))
            hits += seg_hits_rect (px0, py0, px, py, box);
          else
            hits += px >= box.x && px <= box.x + box.w && py >= box.y && py <= box.y + box.h;
          px0 = px;
          py0 = py;
        }
    }
  /* Marker lines and their labels (which sit near the line's ends) count too. */
  for (size_t i = 0; i < ch->n_annotations; i++)
    {
      const gp_annotation *a = &ch->annotations[i];
      double lw = a->label[0] ? 60 * d->s : 0;
      if (a->kind == GP_ANNOT_VLINE)
        {
          double t = gp_axis_map (&c->x, a->x);
          if (t >= 0 && t <= 1)
            {
              double x = c->plot.x + t * c->plot.w;
              gp_rect zone = { x - lw, c->plot.y, 2 * lw, c->plot.h };
              hits += 4 * (overlap_area (zone, box) > 0 || seg_hits_rect (x, c->plot.y, x,
                                                                   c->plot.y + c->plot.h, box));
            }
        }
      else if (a->kind == GP_ANNOT_HLINE)
        {
          double t = gp_axis_map (&c->y, a->y);
          if (t >= 0 && t <= 1)
            {
              double y = c->plot.y + c->plot.h - t * c->plot.h;
              hits += 4 * seg_hits_rect (c->plot.x, y, c->plot.x + c->plot.w, y, box);
            }
        }
      else if (value_ok (&c->x, a->x) && value_ok (&c->y, a->y))
        {
          double px = px_x (c, a->x), py = px_y (c, a->y);
          hits += 4 * (px >= box.x && px <= box.x + box.w && py >= box.y && py <= box.y + box.h);
        }
    }
  return hits;
}

static gp_rect
inside_box (gp_dc *d, const cart *c, gp_legend_pos pos)
{
  double inset = 4 * d->s;
  gp_rect r = { 0, 0, c->legend_w, c->legend_h };
  bool right = pos == GP_LEGEND_TOP_RIGHT || pos == GP_LEGEND_BOTTOM_RIGHT;
  bool top = pos == GP_LEGEND_TOP_RIGHT || pos == GP_LEGEND_TOP_LEFT;
  r.x = right ? c->plot.x + c->plot.w - r.w - inset : c->plot.x + inset;
  r.y = top ? c->plot.y + inset : c->plot.y + c->plot.h - r.h - inset;
  return r;
}

/* ================================================================ axes and grid */

static void
draw_grid_and_axes (gp_dc *d, cart *c)
{
  cairo_t *cr = d->cr;
  double tl = tick_len (d), gap = 3 * d->s;
  gp_rect p = c->plot;
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Grid: minor first, then major, under everything. Lines sit on half pixels at scale
   * 1 so 1-px lines stay crisp in PNGs. */
  for (int pass = 0; pass < 2; pass++)
    {
      bool major = pass == 1;
      cairo_set_line_width (cr, (major ? 0.6 : 0.5) * d->s);
      gp_dc_set_color (d, major ? d->th->grid : d->th->grid_minor);
      if (!c->cat_y)
        for (size_t i = 0; i < c->nyt; i++)
          if (c->yt[i].major == major)
            {
              double y = p.y + p.h - c->yt[i].pos * p.h;
              cairo_move_to (cr, p.x, y);
              cairo_line_to (cr, p.x + p.w, y);
            }
      if (!c->cat_x)
        for (size_t i = 0; i < c->nxt; i++)
          if (c->xt[i].major == major)
            {
              double x = p.x + c->xt[i].pos * p.w;
              cairo_move_to (cr, x, p.y);
              cairo_line_to (cr, x, p.y + p.h);
            }
      cairo_stroke (cr);
    }

  /* Axis lines: left and bottom only, in the foreground colour. */
  cairo_set_line_width (cr, 0.8 * d->s);
  gp_dc_set_color (d, d->th->foreground);
  cairo_move_to (cr, p.x, p.y);
  cairo_line_to (cr, p.x, p.y + p.h);
  cairo_line_to (cr, p.x + p.w, p.y + p.h);
  cairo_stroke (cr);

  /* Ticks and labels. */
  if (!c->cat_y)
    for (size_t i = 0; i < c->nyt; i++)
      {
        double y = p.y + p.h - c->yt[i].pos * p.h;
        double len = c->yt[i].major ? tl : tl * 0.55;
        cairo_move_to (cr, p.x - len, y);
        cairo_line_to (cr, p.x, y);
        if (c->yt[i].major)
          gp_dc_text (d, d->f_tick, c->yt[i].label, p.x - tl - gap, y, 1.0, 0.5,
                      d->th->foreground, 0);
      }
  if (!c->cat_x)
    for (size_t i = 0; i < c->nxt; i++)
      {
        double x = p.x + c->xt[i].pos * p.w;
        double len = c->xt[i].major ? tl : tl * 0.55;
        cairo_move_to (cr, x, p.y + p.h);
        cairo_line_to (cr, x, p.y + p.h + len);
        if (c->xt[i].major)
          gp_dc_text (d, d->f_tick, c->xt[i].label, x, p.y + p.h + tl + gap, 0.5, 0.0,
                      d->th->foreground, 0);
      }
  gp_dc_set_color (d, d->th->foreground);
  cairo_set_line_width (cr, 0.8 * d->s);
  cairo_stroke (cr);

  /* Category labels. */
  if (c->cat_x)
    {
      double sw = slot_w (c);
      for (size_t i = 0; i < c->n_cat; i++)
        {
          double x = p.x + (i + 0.5) * sw, y = p.y + p.h + tl + gap;
          if (!c->rotate_cat)
            {
              gp_dc_text (d, d->f_tick, cat_name (c, i), x, y, 0.5, 0.0, d->th->foreground,
                          sw - 3 * d->s);
              continue;
            }
          PangoLayout *l = gp_dc_layout (d, d->f_tick, cat_name (c, i), 0, PANGO_ALIGN_RIGHT);
          double lh;
          gp_dc_layout_size (l, NULL, &lh);
          cairo_save (cr);
          cairo_translate (cr, x + 0.35 * lh, y);
          cairo_rotate (cr, -GP_PI / 4);
          pango_cairo_update_layout (cr, l);
          gp_dc_show (d, l, 0, 0, 1.0, 0.0, d->th->foreground);
          cairo_restore (cr);
          pango_cairo_update_context (cr, d->pctx);
          g_object_unref (l);
        }
    }
  if (c->cat_y)
    {
      double sh = slot_w (c);
      for (size_t i = 0; i < c->n_cat; i++)
        {
          double y = p.y + (i + 0.5) * sh;
          gp_dc_text (d, d->f_tick, cat_name (c, i), p.x - tl - gap, y, 1.0, 0.5,
                      d->th->foreground, 0.38 * d->w);
        }
    }

  /* Axis titles. */
  char title[GP_AXIS_LABEL_MAX + GP_AXIS_UNIT_MAX * 2 + 8];
  gp_axis_title (&c->x, title, sizeof title);
  if (title[0] != '\0')
    {
      double y = d->h - d->pad - c->caption_h - c->note_h
                 - (c->legend == GP_LEGEND_BELOW ? c->legend_h + gap : 0);
      gp_dc_text (d, d->f_label, title, p.x + p.w / 2, y, 0.5, 1.0, d->th->foreground,
                  d->w - 2 * d->pad);
    }
  gp_axis_title (&c->y, title, sizeof title);
  if (title[0] != '\0')
    text_vertical (d, d->f_label, title, d->pad + c->ytitle_w / 2, p.y + p.h / 2,
                   d->th->foreground);
}

/* The candidate (top-left corners CAND, N of them, for a W x H box) that overlaps the
 * taken boxes least, leaving the plot counting as much as covering the box itself;
 * earlier candidates win ties. */
static gp_rect
best_spot (const cart *c, const rect_list *taken, double cand[][2], int n, double w, double h)
{
  gp_rect best = { cand[0][0], cand[0][1], w, h };
  double best_cost = INFINITY;
  for (int i = 0; i < n; i++)
    {
      gp_rect b = { cand[i][0], cand[i][1], w, h };
      double cost = 0;
      for (size_t k = 0; k < taken->n; k++)
        cost += overlap_area (b, taken->r[k]);
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
static void
halo_text (gp_dc *d, const PangoFontDescription *font, const char *text, double x, double y,
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
static void
place_label (gp_dc *d, const cart *c, rect_list *taken, const char *text, double x, double y,
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
  gp_rect best = best_spot (c, taken, cand, 8, w, h);
  halo_text (d, d->f_small, text, best.x, best.y, color);
  rects_add (taken, best);
}

/* ================================================================ kinds */

static double
marker_r (gp_dc *d)
{
  return 3.2 * d->s;
}

/* Boxes every few px along a series' line, so labels placed later avoid the curve. */
static void
sample_path (gp_dc *d, const cart *c, const gp_series *s, rect_list *taken)
{
  double step = 5 * d->s, half = 1.5 * d->s, carry = 0, px0 = NAN, py0 = NAN;
  for (size_t k = 0; k < s->n; k++)
    {
      if (!point_ok (d, c, s->x[k], s->y[k], false))
        {
          px0 = NAN;
          continue;
        }
      double px = px_x (c, s->x[k]), py = px_y (c, s->y[k]);
      if (isfinite (px0))
        {
          double len = hypot (px - px0, py - py0);
          for (double t = step - carry; t <= len; t += step)
            {
              double qx = px0 + (px - px0) * t / len, qy = py0 + (py - py0) * t / len;
              if (qx >= c->plot.x && qx <= c->plot.x + c->plot.w && qy >= c->plot.y
                  && qy <= c->plot.y + c->plot.h)
                rects_add (taken, (gp_rect) { qx - half, qy - half, 2 * half, 2 * half });
              carry = len - t;
            }
          if (len < step - carry)
            carry += len;
        }
      px0 = px;
      py0 = py;
    }
}

static void
draw_line_series (gp_dc *d, cart *c, rect_list *taken)
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

  /* Lines: a non-drawable point breaks the line rather than bridging the gap. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (size_t i = 0; i < ch->n_series; i++)
    {
      const gp_series *s = ch->series[i];
      if (s->hidden || !s->show_line)
        continue;
      cairo_new_path (cr);
      bool pen = false;
      for (size_t k = 0; k < s->n; k++)
        {
          if (!point_ok (d, c, s->x[k], s->y[k], false))
            {
              pen = false;
              continue;
            }
          double x = px_x (c, s->x[k]), y = px_y (c, s->y[k]);
          if (pen)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          pen = true;
        }
      gp_dc_set_color (d, gp_dc_series_color (d, i));
      cairo_set_line_width (cr, 1.5 * d->s);
      sample_path (d, c, s, taken);
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
              gp_dc_marker (d, gp_dc_series_marker (d, i), x, y, marker_r (d) * 0.85, col,
                            d->th->background);
              rects_add (taken, (gp_rect) { x - marker_r (d), y - marker_r (d),
                                            2 * marker_r (d), 2 * marker_r (d) });
            }
          if (s->labels && s->labels[k] && s->labels[k][0])
            place_label (d, c, taken, s->labels[k], x, y, marker_r (d), d->th->foreground);
        }
    }
}

static void
draw_scatter (gp_dc *d, cart *c, rect_list *taken)
{
  const gp_chart *ch = d->chart;
  cairo_t *cr = d->cr;
  double r = marker_r (d);

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
              /* Labels should not sit on the frontier: sample it into small boxes. */
              for (size_t j = 0; j + 1 < nf; j++)
                {
                  double x0 = px_x (c, xs[idx[j]]), y0 = px_y (c, ys[idx[j]]);
                  double x1 = px_x (c, xs[idx[j + 1]]), y1 = px_y (c, ys[idx[j + 1]]);
                  double len = hypot (x1 - x0, y1 - y0), step = 4 * d->s;
                  for (double t = step; t < len - step; t += step)
                    {
                      double px = x0 + (x1 - x0) * t / len, py = y0 + (y1 - y0) * t / len;
                      rects_add (taken, (gp_rect) { px - 1.5 * d->s, py - 1.5 * d->s,
                                                    3 * d->s, 3 * d->s });
                    }
                }
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
          rects_add (taken, (gp_rect) { x - rr, y - rr, 2 * rr, 2 * rr });
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
              place_label (d, c, taken, s->labels[k], px_x (c, s->x[k]), px_y (c, s->y[k]),
                           r + 2.5 * d->s, d->th->foreground);
          }
    }
}

/* Value label for bars: 3 significant digits, SI prefix past 1e4, U+2212 minus. */
static void
format_value (double v, bool sign, char *buf, size_t size)
{
  char num[64];
  if (fabs (v) >= 1e4 || (v != 0 && fabs (v) < 1e-2))
    gp_format_si (v, 3, num, sizeof num);
  else
    {
      char raw[48];
      snprintf (raw, sizeof raw, "%.3g", v);
      if (raw[0] == '-')
        snprintf (num, sizeof num, "\xe2\x88\x92%s", raw + 1);
      else
        snprintf (num, sizeof num, "%s", raw);
    }
  snprintf (buf, size, "%s%s", sign && v > 0 ? "+" : "", num);
}

static void
bar_rect (gp_dc *d, rect_list *taken, double x, double y0, double w, double y1, gp_rgba fill)
{
  double top = fmin (y0, y1), h = fabs (y1 - y0);
  rects_add (taken, (gp_rect) { x, top, w, h });
  cairo_rectangle (d->cr, x, top, w, h);
  gp_dc_set_color (d, fill);
  cairo_fill_preserve (d->cr);
  /* A thin seam in the background colour separates stacked segments of close hues. */
  gp_dc_set_color (d, d->th->background);
  cairo_set_line_width (d->cr, 0.6 * d->s);
  cairo_stroke (d->cr);
}

static void
draw_stacked (gp_dc *d, cart *c, rect_list *taken)
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
          format_value (totals[k], false, buf, sizeof buf);
          rects_add (taken, gp_dc_text (d, d->f_small, buf, c->plot.x + (k + 0.5) * sw,
                                        px_y (c, tops[k]) - 2 * d->s, 0.5, 1.0,
                                        d->th->foreground, 0));
        }
  free (tops);
  free (totals);
  free (any);
}

static void
draw_waterfall (gp_dc *d, cart *c, rect_list *taken)
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
      format_value (v, step, buf, sizeof buf);
      double ty = to >= from ? px_y (c, fmax (from, to)) - 2 * d->s : px_y (c, fmin (from, to)) + 2 * d->s;
      rects_add (taken, gp_dc_text (d, d->f_small, buf, x + bw / 2, ty, 0.5,
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

static void
draw_tornado (gp_dc *d, cart *c, rect_list *taken)
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
          rects_add (taken, (gp_rect) { fmin (bx, x), yy, fabs (x - bx), th });
          if (d->info)
            d->info->n_drawn++;
          /* Both ends on one side would put two labels on top of each other: the longer
           * bar's value is the one that matters for the ranking, so only it is labelled. */
          if (j == 1 && same_side)
            continue;
          char buf[80];
          format_value (v, false, buf, sizeof buf);
          bool right = x >= bx;
          rects_add (taken, gp_dc_text (d, d->f_small, buf, x + (right ? 2 : -2) * d->s,
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

static void
draw_annotations (gp_dc *d, cart *c, rect_list *taken)
{
  const gp_chart *ch = d->chart;
  cairo_t *cr = d->cr;
  for (size_t i = 0; i < ch->n_annotations; i++)
    {
      const gp_annotation *a = &ch->annotations[i];
      double dash[2] = { 3.5 * d->s, 2.5 * d->s };
      if (a->kind == GP_ANNOT_VLINE && !c->cat_x)
        {
          double t = gp_axis_map (&c->x, a->x);
          if (!(t >= 0 && t <= 1))
            continue;
          double x = c->plot.x + t * c->plot.w;
          cairo_move_to (cr, x, c->plot.y);
          cairo_line_to (cr, x, c->plot.y + c->plot.h);
          gp_dc_set_color (d, d->th->foreground);
          cairo_set_line_width (cr, 1.0 * d->s);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          if (a->label[0])
            {
              double w, h, g = 3 * d->s;
              gp_dc_text_size (d, d->f_small, a->label, 0, &w, &h);
              double top = c->plot.y + 2 * d->s, bot = c->plot.y + c->plot.h - 2 * d->s - h;
              double cand[4][2] = { { x + g, top }, { x - g - w, top }, { x + g, bot },
                                    { x - g - w, bot } };
              gp_rect r = best_spot (c, taken, cand, 4, w, h);
              halo_text (d, d->f_small, a->label, r.x, r.y, d->th->foreground);
              rects_add (taken, r);
            }
        }
      else if (a->kind == GP_ANNOT_HLINE && !c->cat_y)
        {
          double t = gp_axis_map (&c->y, a->y);
          if (!(t >= 0 && t <= 1))
            continue;
          double y = c->plot.y + c->plot.h - t * c->plot.h;
          cairo_move_to (cr, c->plot.x, y);
          cairo_line_to (cr, c->plot.x + c->plot.w, y);
          gp_dc_set_color (d, d->th->foreground);
          cairo_set_line_width (cr, 1.0 * d->s);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          if (a->label[0])
            {
              double w, h, g = 2 * d->s;
              gp_dc_text_size (d, d->f_small, a->label, 0, &w, &h);
              double right = c->plot.x + c->plot.w - g - w, left = c->plot.x + g;
              double cand[4][2] = { { right, y - g - h }, { right, y + g },
                                    { left, y - g - h }, { left, y + g } };
              gp_rect r = best_spot (c, taken, cand, 4, w, h);
              halo_text (d, d->f_small, a->label, r.x, r.y, d->th->foreground);
              rects_add (taken, r);
            }
        }
      else if (a->kind == GP_ANNOT_POINT && !c->cat_x && !c->cat_y)
        {
          double t = gp_axis_map (&c->x, a->x), u = gp_axis_map (&c->y, a->y);
          if (!(t >= 0 && t <= 1 && u >= 0 && u <= 1))
            continue;
          double x = px_x (c, a->x), y = px_y (c, a->y);
          gp_dc_marker (d, GP_MARKER_STAR, x, y, 3.6 * d->s, d->th->foreground,
                        d->th->background);
          if (a->label[0])
            place_label (d, c, taken, a->label, x, y, 4.5 * d->s, d->th->foreground);
        }
    }
}

/* ================================================================ cartesian driver */

static bool
build_legend (gp_dc *d, cart *c)
{
  const gp_chart *ch = d->chart;
  c->entries = calloc (ch->n_series + 2, sizeof *c->entries);
  if (c->entries == NULL)
    return false;
  size_t n = 0;
  if (ch->kind == GP_CHART_WATERFALL)
    return true; /* colours say up/down; the bars carry signed values */
  for (size_t j = 0; j < ch->n_series; j++)
    {
      /* Stacked bars list the top segment first, as the stack reads. */
      size_t i = ch->kind == GP_CHART_STACKED_BAR ? ch->n_series - 1 - j : j;
      const gp_series *s = ch->series[i];
      if (s->hidden)
        continue;
      if (ch->kind == GP_CHART_TORNADO && i > 1)
        continue;
      gp_legend_entry *e = &c->entries[n++];
      e->name = s->name;
      e->color = gp_dc_series_color (d, i);
      e->dashed = s->dashed;
      e->marker = -1;
      switch (ch->kind)
        {
        case GP_CHART_LINE:
          e->swatch = s->show_line ? GP_SWATCH_LINE : GP_SWATCH_MARKER;
          if (s->show_markers || !s->show_line)
            e->marker = gp_dc_series_marker (d, i);
          break;
        case GP_CHART_SCATTER:
          e->swatch = GP_SWATCH_MARKER;
          e->marker = gp_dc_series_marker (d, i);
          break;
        default:
          e->swatch = GP_SWATCH_BOX;
          break;
        }
    }
  if (ch->kind == GP_CHART_TORNADO && n > 0)
    {
      char value[48];
      gp_legend_entry *e = &c->entries[n++];
      format_value (ch->baseline, false, value, sizeof value);
      snprintf (c->baseline_name, sizeof c->baseline_name, "Baseline %s", value);
      e->name = c->baseline_name;
      e->color = d->th->foreground;
      e->swatch = GP_SWATCH_LINE;
      e->marker = -1;
    }
  if (ch->kind == GP_CHART_SCATTER && ch->pareto && n > 0)
    {
      gp_legend_entry *e = &c->entries[n++];
      e->name = "Pareto frontier";
      e->color = d->th->muted;
      e->swatch = GP_SWATCH_LINE;
      e->dashed = true;
      e->marker = -1;
    }
  /* A single unnamed series needs no legend. */
  if (n == 1 && c->entries[0].name[0] == '\0')
    n = 0;
  c->n_entries = n;
  return true;
}

static void
note_text (gp_dc *d, cart *c)
{
  c->note[0] = '\0';
  if (d->info == NULL)
    return;
  size_t nf = d->info->n_skipped_nonfinite, np = d->info->n_skipped_nonpositive;
  if (nf == 0 && np == 0)
    return;
  const char *what = d->chart->kind == GP_CHART_LINE || d->chart->kind == GP_CHART_SCATTER
                       ? "point" : "value";
  if (nf && np)
    snprintf (c->note, sizeof c->note,
              "Not shown: %zu non-finite %s%s, %zu %s%s \xe2\x89\xa4 0 on a log axis", nf,
              what, nf == 1 ? "" : "s", np, what, np == 1 ? "" : "s");
  else if (nf)
    snprintf (c->note, sizeof c->note, "Not shown: %zu non-finite %s%s", nf, what,
              nf == 1 ? "" : "s");
  else
    snprintf (c->note, sizeof c->note, "Not shown: %zu %s%s \xe2\x89\xa4 0 on a log axis",
              np, what, np == 1 ? "" : "s");
}

static gp_legend_pos
auto_legend (gp_dc *d, const cart *c)
{
  switch (d->chart->kind)
    {
    case GP_CHART_STACKED_BAR:
      return d->w >= 520 * d->s ? GP_LEGEND_RIGHT : GP_LEGEND_BELOW;
    case GP_CHART_TORNADO:
      return GP_LEGEND_BELOW;
    case GP_CHART_WATERFALL:
      return GP_LEGEND_NONE;
    default:
      return GP_LEGEND_TOP_RIGHT; /* refined by corner scoring once the plot is known */
    }
}

static void
draw_cartesian (gp_dc *d)
{
  const gp_chart *ch = d->chart;
  cart *c = calloc (1, sizeof *c);
  if (c == NULL)
    {
      gp_dc_no_data (d);
      return;
    }
  c->x = ch->x;
  c->y = ch->y;
  bool ok = true;
  switch (ch->kind)
    {
    case GP_CHART_LINE:
    case GP_CHART_SCATTER:
      measure_xy (d, c);
      break;
    case GP_CHART_STACKED_BAR:
      c->cat_x = true;
      c->x.scale = GP_AXIS_LINEAR;
      c->y.scale = GP_AXIS_LINEAR; /* stacks have no meaning on a log axis */
      measure_stacked (d, c);
      break;
    case GP_CHART_WATERFALL:
      c->cat_x = true;
      c->x.scale = GP_AXIS_LINEAR;
      c->y.scale = GP_AXIS_LINEAR;
      measure_waterfall (d, c);
      break;
    case GP_CHART_TORNADO:
      c->cat_y = true;
      c->x.scale = GP_AXIS_LINEAR;
      c->y.scale = GP_AXIS_LINEAR;
      ok = measure_tornado (d, c);
      break;
    default:
      break;
    }
  if (!ok || c->n_points == 0)
    {
      gp_dc_no_data (d);
      free (c->order);
      free (c);
      return;
    }

  /* Category names per slot. */
  const char **names = NULL;
  if (c->cat_x || c->cat_y)
    {
      names = calloc (c->n_cat ? c->n_cat : 1, sizeof *names);
      if (names != NULL)
        for (size_t i = 0; i < c->n_cat; i++)
          {
            size_t k = ch->kind == GP_CHART_TORNADO ? c->order[i] : i;
            if (ch->kind == GP_CHART_WATERFALL && i + 1 == c->n_cat)
              names[i] = ch->total_label;
            else
              names[i] = k < ch->n_categories ? ch->categories[k] : "";
          }
      c->cat_names = names;
    }

  if (!build_legend (d, c))
    c->n_entries = 0;
  c->legend = ch->legend == GP_LEGEND_AUTO ? auto_legend (d, c) : ch->legend;
  note_text (d, c);

  char title[GP_AXIS_LABEL_MAX + GP_AXIS_UNIT_MAX * 2 + 8];
  double fh;
  gp_dc_text_size (d, d->f_label, "Ag", 0, NULL, &fh);
  c->title_h = gp_dc_title (d, false);
  c->caption_h = gp_dc_caption (d, false);
  if (c->note[0])
    {
      double w, h;
      gp_dc_text_size (d, d->f_small, c->note, d->w - 2 * d->pad, &w, &h);
      c->note_h = h + 0.3 * d->pad;
    }
  gp_axis_title (&c->x, title, sizeof title);
  if (title[0])
    {
      double w, h;
      gp_dc_text_size (d, d->f_label, title, d->w - 2 * d->pad, &w, &h);
      c->xtitle_h = h + 2 * d->s;
    }
  gp_axis_title (&c->y, title, sizeof title);
  c->ytitle_w = title[0] ? fh + 4 * d->s : 0;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      legend_size (d, c);
      /* First guess of the plot, then two measure/layout passes. */
      c->plot = (gp_rect) { 50 * d->s, c->title_h + d->pad, d->w - 60 * d->s,
                            d->h - c->title_h - 50 * d->s };
      for (int pass = 0; pass < 3; pass++)
        {
          make_ticks (d, c);
          measure_categories (d, c);
          layout (d, c);
        }
      make_ticks (d, c);
      bool inside = c->legend >= GP_LEGEND_TOP_RIGHT && c->legend <= GP_LEGEND_BOTTOM_LEFT;
      if (!(ch->legend == GP_LEGEND_AUTO && inside) || c->n_entries == 0)
        break;
      /* Choose the inside corner that hides the fewest points; if every corner hides
       * some, move the legend under the plot and lay out again. */
      static const gp_legend_pos corners[4] = { GP_LEGEND_TOP_RIGHT, GP_LEGEND_TOP_LEFT,
                                                GP_LEGEND_BOTTOM_RIGHT, GP_LEGEND_BOTTOM_LEFT };
      size_t best = SIZE_MAX;
      for (int k = 0; k < 4; k++)
        {
          size_t hits = legend_overlap (d, c, inside_box (d, c, corners[k]));
          if (hits < best)
            {
              best = hits;
              c->legend = corners[k];
            }
        }
      if (best == 0)
        break;
      c->legend = GP_LEGEND_BELOW;
    }

  if (d->info)
    {
      d->info->plot_x = c->plot.x;
      d->info->plot_y = c->plot.y;
      d->info->plot_width = c->plot.w;
      d->info->plot_height = c->plot.h;
      d->info->x_axis = c->x;
      d->info->y_axis = c->y;
    }

  gp_dc_title (d, true);
  draw_grid_and_axes (d, c);
  rect_list taken = { 0 };
  bool legend_inside = c->legend >= GP_LEGEND_TOP_RIGHT && c->legend <= GP_LEGEND_BOTTOM_LEFT;
  if (c->n_entries > 0 && legend_inside)
    rects_add (&taken, inside_box (d, c, c->legend)); /* labels keep clear of it */
  switch (ch->kind)
    {
    case GP_CHART_LINE: draw_line_series (d, c, &taken); break;
    case GP_CHART_SCATTER: draw_scatter (d, c, &taken); break;
    case GP_CHART_STACKED_BAR: draw_stacked (d, c, &taken); break;
    case GP_CHART_WATERFALL: draw_waterfall (d, c, &taken); break;
    case GP_CHART_TORNADO: draw_tornado (d, c, &taken); break;
    default: break;
    }
  draw_annotations (d, c, &taken);
  free (taken.r);

  /* Legend. */
  if (c->n_entries > 0 && c->legend != GP_LEGEND_NONE)
    {
      double gap = 3 * d->s;
      switch (c->legend)
        {
        case GP_LEGEND_RIGHT:
          gp_legend_draw (d, c->entries, c->n_entries, false, 0,
                          c->plot.x + c->plot.w + 2 * gap, c->plot.y, false);
          break;
        case GP_LEGEND_BELOW:
          {
            double y = d->h - d->pad - c->caption_h - c->note_h - c->legend_h;
            double x = fmax (d->pad, (d->w - c->legend_w) / 2);
            gp_legend_draw (d, c->entries, c->n_entries, true, d->w - 2 * d->pad, x, y,
                            false);
          }
          break;
        default:
          {
            gp_rect r = inside_box (d, c, c->legend);
            gp_legend_draw (d, c->entries, c->n_entries, false, 0, r.x, r.y, true);
          }
          break;
        }
    }

  if (c->note[0])
    gp_dc_text (d, d->f_small, c->note, d->pad, d->h - d->pad - c->caption_h, 0.0, 1.0,
                d->th->muted, d->w - 2 * d->pad);
  gp_dc_caption (d, true);

  free (names);
  free (c->entries);
  free (c->order);
  free (c);
}

/* ================================================================ entry point */

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
    default: draw_cartesian (&d); break;
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
