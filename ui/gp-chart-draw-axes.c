/* gp-chart-draw-axes.c: the cartesian frame: data extents per kind, nice ticks for the final plot
 * size, category labels, margins measured from the widest label, and the grid and axes. */
#include "gp-chart-cart-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>






static double
tick_len (gp_dc *d)
{
  return 3.5 * d->s;
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
void
gp_cart_measure_xy (gp_dc *d, cart *c)
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
void
gp_cart_measure_stacked (gp_dc *d, cart *c)
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
      size_t n_nan = 0;
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
              n_nan++;
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
      else if (d->info)
        d->info->n_empty_category_values += n_nan;
    }
  if (ch->show_totals)
    pad_for_labels (c, true, 0.0, 0.08);
}

/* Waterfall: running sums; the extra slot at the end is the total. */
void
gp_cart_measure_waterfall (gp_dc *d, cart *c)
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
bool
gp_cart_measure_tornado (gp_dc *d, cart *c)
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
void
gp_cart_make_ticks (gp_dc *d, cart *c)
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

/* Longest a label at 45 degrees may be: its drop at most 24 % of the canvas (a long system
 * name is ellipsised rather than squeezing the plot to nothing). */
static double
rotated_max (const gp_dc *d)
{
  return fmax (60 * d->s, 0.24 * d->h / 0.7072);
}

/* Measure the category labels for the current slot size: wrapped under the bars, or at
 * 45 degrees when a word is wider than its slot or a label needs more than 3 lines. */
void
gp_cart_measure_categories (gp_dc *d, cart *c)
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
              w = fmin (w, rotated_max (d));
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

void
gp_cart_legend_size (gp_dc *d, cart *c)
{
  c->legend_w = c->legend_h = 0;
  if (c->n_entries == 0 || c->legend == GP_LEGEND_NONE)
    return;
  bool flow = c->legend == GP_LEGEND_BELOW;
  gp_legend_measure (d, c->entries, c->n_entries, flow, d->w - 2 * d->pad, &c->legend_w,
                     &c->legend_h);
}

/* Margins from measured text, then the plot rectangle. */
void
gp_cart_layout (gp_dc *d, cart *c)
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



void
gp_cart_draw_grid_and_axes (gp_dc *d, cart *c)
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
          double lw, lh;
          gp_dc_layout_size (l, &lw, &lh);
          if (lw > rotated_max (d))
            {
              pango_layout_set_width (l, (int) (rotated_max (d) * PANGO_SCALE));
              pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_MIDDLE);
            }
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
    {
      /* From the top of the canvas to the plot's bottom: centred on the plot when it fits
       * there, else on that whole span, and drawn smaller before it is cut. */
      double span = p.y + p.h - d->pad, len, mid = p.y + p.h / 2;
      PangoLayout *l = gp_dc_layout (d, d->f_label, title, 0, PANGO_ALIGN_CENTER);
      gp_dc_layout_size (l, &len, NULL);
      g_object_unref (l);
      if (len > p.h)
        mid = d->pad + span / 2;
      gp_dc_text_vertical (d, d->f_label, title, d->pad + c->ytitle_w / 2, mid, span,
                           d->th->foreground);
    }
}
