/* gp-chart-draw-wafer.c: the wafer map: the wafer, its usable circle, die rectangles good
 * and bad, defects and the counts. */
#include "gp-chart-draw-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
gp_draw_wafer_map (gp_dc *d)
{
  const gp_chart *ch = d->chart;
  cairo_t *cr = d->cr;
  if (!(ch->wafer_diameter_mm > 0))
    {
      gp_dc_no_data (d);
      return;
    }
  size_t n_good = 0;
  for (size_t i = 0; i < ch->n_dies; i++)
    n_good += ch->dies[i].good;

  /* Counts line: what a reader checks against the text of the paper. */
  char stats[256];
  if (ch->n_dies > 0)
    snprintf (stats, sizeof stats,
              "%zu dies: %zu good, %zu bad (yield %.1f %%) \xc2\xb7 %zu defects", ch->n_dies,
              n_good, ch->n_dies - n_good, 100.0 * (double) n_good / (double) ch->n_dies,
              ch->n_defects);
  else
    snprintf (stats, sizeof stats, "No dies \xc2\xb7 %zu defects", ch->n_defects);

  gp_legend_entry e[4] = {
    { "Good die", d->th->good, GP_SWATCH_BOX, -1, false, false },
    { "Bad die", d->th->bad, GP_SWATCH_BOX, -1, false, true },
    { "Defect", d->th->foreground, GP_SWATCH_MARKER, GP_MARKER_CIRCLE, false, false },
    { "Usable area", d->th->muted, GP_SWATCH_LINE, -1, true, false },
  };
  size_t ne = ch->n_defects > 0 ? 4 : 3;
  if (ne == 3)
    e[2] = e[3];
  gp_legend_pos pos = ch->legend;
  if (pos == GP_LEGEND_AUTO)
    pos = d->w > 1.25 * d->h ? GP_LEGEND_RIGHT : GP_LEGEND_BELOW;
  else if (pos != GP_LEGEND_NONE && pos != GP_LEGEND_BELOW)
    pos = GP_LEGEND_RIGHT; /* the disc fills its box: corners are not free */

  double title_h = gp_dc_title (d, true);
  double caption_h = gp_dc_caption (d, true);
  double sw, sh;
  gp_dc_text_size (d, d->f_tick, stats, d->w - 2 * d->pad, &sw, &sh);
  double lw = 0, lh = 0;
  if (pos != GP_LEGEND_NONE)
    gp_legend_measure (d, e, ne, pos == GP_LEGEND_BELOW, d->w - 2 * d->pad, &lw, &lh);

  gp_rect area = { d->pad, d->pad + title_h, d->w - 2 * d->pad,
                   d->h - 2 * d->pad - title_h - caption_h - sh - 3 * d->s };
  if (pos == GP_LEGEND_RIGHT)
    area.w -= lw + 6 * d->s;
  else if (pos == GP_LEGEND_BELOW)
    area.h -= lh + 3 * d->s;
  double r = fmax (fmin (area.w, area.h) / 2 - 2 * d->s, 4.0);
  double cx = area.x + area.w / 2, cy = area.y + area.h / 2;
  double k = r / (ch->wafer_diameter_mm / 2); /* px per mm */

  /* Wafer disc with its orientation notch at the bottom (SEMI M1: a notch, not a flat,
   * on 200 and 300 mm wafers): about 1 mm deep, drawn at least 3 px so it shows. */
  double notch = fmax (1.0 * k, 3.0 * d->s);
  double half = asin (fmin (notch / r, 0.5));
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, GP_PI / 2 + half, GP_PI / 2 - half + 2 * GP_PI);
  cairo_line_to (cr, cx, cy + r - notch);
  cairo_close_path (cr);
  gp_dc_set_color (d, d->th->panel);
  cairo_fill_preserve (cr);
  cairo_path_t *disc = cairo_copy_path (cr);
  gp_dc_set_color (d, d->th->foreground);
  cairo_set_line_width (cr, 0.9 * d->s);
  cairo_stroke (cr);

  /* Dies, clipped to the wafer (a wafer-scale die is cut by the edge). */
  cairo_save (cr);
  cairo_append_path (cr, disc);
  cairo_clip (cr);
  for (size_t i = 0; i < ch->n_dies; i++)
    {
      const gp_wafer_die *die = &ch->dies[i];
      double x = cx + die->x_mm * k, y = cy - (die->y_mm + die->height_mm) * k;
      double w = die->width_mm * k, h = die->height_mm * k;
      cairo_rectangle (cr, x, y, w, h);
      gp_dc_set_color (d, die->good ? d->th->good : d->th->bad);
      cairo_fill_preserve (cr);
      gp_dc_set_color (d, d->th->background);
      cairo_set_line_width (cr, fmin (0.6 * d->s, 0.15 * fmin (w, h)));
      cairo_stroke (cr);
      /* A cross marks bad dies so the map also reads in greyscale print. */
      if (!die->good && fmin (w, h) >= 6 * d->s)
        {
          double m = 0.25 * fmin (w, h);
          cairo_move_to (cr, x + w / 2 - m, y + h / 2 - m);
          cairo_line_to (cr, x + w / 2 + m, y + h / 2 + m);
          cairo_move_to (cr, x + w / 2 - m, y + h / 2 + m);
          cairo_line_to (cr, x + w / 2 + m, y + h / 2 - m);
          cairo_set_line_width (cr, 0.9 * d->s);
          cairo_stroke (cr);
        }
      if (d->info)
        d->info->n_drawn++;
    }
  /* Defects: dots in the foreground colour, small enough not to hide the die colour. */
  gp_dc_set_color (d, d->th->foreground);
  double dr = 1.1 * d->s;
  for (size_t i = 0; i < ch->n_defects; i++)
    {
      double x = cx + ch->defects[2 * i] * k, y = cy - ch->defects[2 * i + 1] * k;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, dr, 0, 2 * GP_PI);
    }
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_path_destroy (disc);

  /* Usable circle (diameter minus twice the edge exclusion). */
  double dash[2] = { 3 * d->s, 2 * d->s };
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, ch->wafer_usable_mm / 2 * k, 0, 2 * GP_PI);
  gp_dc_set_color (d, d->th->muted);
  cairo_set_line_width (cr, 0.8 * d->s);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Scale bar in the lower-left corner of the square around the disc. */
  double bar_mm = gp_nice_number (ch->wafer_diameter_mm / 6, true);
  double bx = cx - r, by = cy + r;
  cairo_move_to (cr, bx, by);
  cairo_line_to (cr, bx + bar_mm * k, by);
  cairo_move_to (cr, bx, by - 2 * d->s);
  cairo_line_to (cr, bx, by + 0.01);
  cairo_move_to (cr, bx + bar_mm * k, by - 2 * d->s);
  cairo_line_to (cr, bx + bar_mm * k, by + 0.01);
  gp_dc_set_color (d, d->th->foreground);
  cairo_set_line_width (cr, 1.0 * d->s);
  cairo_stroke (cr);
  char bar[32];
  snprintf (bar, sizeof bar, "%g mm", bar_mm);
  gp_dc_text (d, d->f_small, bar, bx, by - 3 * d->s, 0.0, 1.0, d->th->foreground, 0);

  gp_dc_text (d, d->f_tick, stats, d->w / 2, area.y + area.h + 3 * d->s, 0.5, 0.0,
              d->th->foreground, d->w - 2 * d->pad);
  if (pos == GP_LEGEND_RIGHT)
    gp_legend_draw (d, e, ne, false, 0, area.x + area.w + 6 * d->s, cy - lh / 2, false);
  else if (pos == GP_LEGEND_BELOW)
    gp_legend_draw (d, e, ne, true, d->w - 2 * d->pad, fmax (d->pad, (d->w - lw) / 2),
                    area.y + area.h + sh + 4 * d->s, false);
  if (d->info)
    {
      d->info->plot_x = cx - r;
      d->info->plot_y = cy - r;
      d->info->plot_width = d->info->plot_height = 2 * r;
    }
}
