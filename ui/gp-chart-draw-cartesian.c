/* gp-chart-draw-cartesian.c: a cartesian chart from its parts: measure, lay out (two passes), draw
 * the frame, the kind's marks, annotations and the legend where it hides the least. */
#include "gp-chart-cart-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STAR_R 3.6 /* px at scale 1: an annotation's star */

/* The series' points and segments inside BOX. */
static size_t
data_hits (gp_dc *d, const cart *c, gp_rect box)
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
            hits += gp_cart_seg_hits_rect (px0, py0, px, py, box);
          else
            hits += px >= box.x && px <= box.x + box.w && py >= box.y && py <= box.y + box.h;
          px0 = px;
          py0 = py;
        }
    }
  return hits;
}

/* Score a legend box inside the plot by the points and segments it would hide. */
static size_t
legend_overlap (gp_dc *d, const cart *c, gp_rect box)
{
  const gp_chart *ch = d->chart;
  size_t hits = data_hits (d, c, box);
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
              hits += 4 * (gp_cart_overlap_area (zone, box) > 0 || gp_cart_seg_hits_rect (x, c->plot.y, x,
                                                                   c->plot.y + c->plot.h, box));
            }
        }
      else if (a->kind == GP_ANNOT_HLINE)
        {
          double t = gp_axis_map (&c->y, a->y);
          if (t >= 0 && t <= 1)
            {
              double y = c->plot.y + c->plot.h - t * c->plot.h;
              hits += 4 * gp_cart_seg_hits_rect (c->plot.x, y, c->plot.x + c->plot.w, y, box);
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


/* The annotations' stars and lines, before any label is placed, so every label keeps
 * clear of all of them and not just of those drawn before it. */
static void
reserve_annotations (gp_dc *d, const cart *c, rect_list *taken)
{
  const gp_chart *ch = d->chart;
  for (size_t i = 0; i < ch->n_annotations; i++)
    {
      const gp_annotation *a = &ch->annotations[i];
      if (a->kind == GP_ANNOT_VLINE && !c->cat_x)
        {
          double t = gp_axis_map (&c->x, a->x);
          if (t >= 0 && t <= 1)
            {
              double x = c->plot.x + t * c->plot.w;
              gp_cart_segs_add (taken, x, c->plot.y, x, c->plot.y + c->plot.h);
            }
        }
      else if (a->kind == GP_ANNOT_HLINE && !c->cat_y)
        {
          double t = gp_axis_map (&c->y, a->y);
          if (t >= 0 && t <= 1)
            {
              double y = c->plot.y + c->plot.h - t * c->plot.h;
              gp_cart_segs_add (taken, c->plot.x, y, c->plot.x + c->plot.w, y);
            }
        }
      else if (a->kind == GP_ANNOT_POINT && !c->cat_x && !c->cat_y)
        {
          double t = gp_axis_map (&c->x, a->x), u = gp_axis_map (&c->y, a->y);
          if (!(t >= 0 && t <= 1 && u >= 0 && u <= 1))
            continue;
          double r = STAR_R * d->s + 0.5 * d->s;
          gp_cart_rects_add (taken, (gp_rect) { px_x (c, a->x) - r, px_y (c, a->y) - r, 2 * r, 2 * r });
        }
    }
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
              gp_rect r = gp_cart_best_spot (c, taken, cand, 4, w, h);
              gp_cart_halo_text (d, d->f_small, a->label, r.x, r.y, d->th->foreground);
              gp_cart_rects_add (taken, r);
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
              /* right end first, then left, then across: above or below the line, the
               * spot that hides the least of the curves and of the labels placed so far */
              static const double at[5] = { 1, 0, 0.5, 0.25, 0.75 };
              gp_rect r = { right, y - g - h, w, h };
              double best = INFINITY;
              for (int k = 0; k < 10; k++)
                {
                  double lx = k < 4 ? (k < 2 ? right : left)
                                    : left + at[k / 2] * (right - left);
                  gp_rect b = { lx, k % 2 ? y + g : y - g - h, w, h };
                  double cost = (double) gp_cart_seg_crossings (taken, b) * 0.15 * w * h
                                + k * 1e-3;
                  /* a label under another is lost; one across a curve keeps its halo */
                  for (size_t m = 0; m < taken->n; m++)
                    cost += 4 * gp_cart_overlap_area (b, taken->r[m]);
                  if (b.y < c->plot.y - 0.5 || b.y + h > c->plot.y + c->plot.h + 0.5)
                    cost += w * h;
                  if (cost < best)
                    best = cost, r = b;
                }
              gp_cart_halo_text (d, d->f_small, a->label, r.x, r.y, d->th->foreground);
              gp_cart_rects_add (taken, r);
            }
        }
      else if (a->kind == GP_ANNOT_POINT && !c->cat_x && !c->cat_y)
        {
          double t = gp_axis_map (&c->x, a->x), u = gp_axis_map (&c->y, a->y);
          if (!(t >= 0 && t <= 1 && u >= 0 && u <= 1))
            continue;
          double x = px_x (c, a->x), y = px_y (c, a->y);
          gp_dc_marker (d, GP_MARKER_STAR, x, y, STAR_R * d->s, d->th->foreground,
                        d->th->background);
          if (a->label[0])
            gp_cart_place_label (d, c, taken, a->label, x, y, 4.5 * d->s, d->th->foreground);
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
      gp_cart_format_value (ch->baseline, false, value, sizeof value);
      snprintf (c->baseline_name, sizeof c->baseline_name, "Central value %s", value);
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
  /* a bar category with no value at all is a missing bar (its caption says why) */
  size_t nf = d->info->n_skipped_nonfinite - d->info->n_empty_category_values;
  size_t np = d->info->n_skipped_nonpositive;
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

void
gp_draw_cartesian (gp_dc *d)
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
      gp_cart_measure_xy (d, c);
      break;
    case GP_CHART_STACKED_BAR:
      c->cat_x = true;
      c->x.scale = GP_AXIS_LINEAR;
      c->y.scale = GP_AXIS_LINEAR; /* stacks have no meaning on a log axis */
      gp_cart_measure_stacked (d, c);
      break;
    case GP_CHART_WATERFALL:
      c->cat_x = true;
      c->x.scale = GP_AXIS_LINEAR;
      c->y.scale = GP_AXIS_LINEAR;
      gp_cart_measure_waterfall (d, c);
      break;
    case GP_CHART_TORNADO:
      c->cat_y = true;
      c->x.scale = GP_AXIS_LINEAR;
      c->y.scale = GP_AXIS_LINEAR;
      ok = gp_cart_measure_tornado (d, c);
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
      gp_cart_legend_size (d, c);
      /* First guess of the plot, then two measure/layout passes. */
      c->plot = (gp_rect) { 50 * d->s, c->title_h + d->pad, d->w - 60 * d->s,
                            d->h - c->title_h - 50 * d->s };
      for (int pass = 0; pass < 3; pass++)
        {
          gp_cart_make_ticks (d, c);
          gp_cart_measure_categories (d, c);
          gp_cart_layout (d, c);
        }
      gp_cart_make_ticks (d, c);
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
  gp_cart_draw_grid_and_axes (d, c);
  rect_list taken = { 0 };
  bool legend_inside = c->legend >= GP_LEGEND_TOP_RIGHT && c->legend <= GP_LEGEND_BOTTOM_LEFT;
  if (c->n_entries > 0 && legend_inside)
    gp_cart_rects_add (&taken, inside_box (d, c, c->legend)); /* labels keep clear of it */
  reserve_annotations (d, c, &taken);
  switch (ch->kind)
    {
    case GP_CHART_LINE: gp_cart_draw_line_series (d, c, &taken); break;
    case GP_CHART_SCATTER: gp_cart_draw_scatter (d, c, &taken); break;
    case GP_CHART_STACKED_BAR: gp_cart_draw_stacked (d, c, &taken); break;
    case GP_CHART_WATERFALL: gp_cart_draw_waterfall (d, c, &taken); break;
    case GP_CHART_TORNADO: gp_cart_draw_tornado (d, c, &taken); break;
    default: break;
    }
  draw_annotations (d, c, &taken);
  gp_cart_rects_free (&taken);

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
