/* gp-chart-draw-other.c: the two chart kinds without axes: the wafer map (wafer, usable
 * circle, die rectangles good/bad, defects, counts) and the comparison table. */
#include "gp-chart-draw-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================ wafer map */

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

/* ================================================================ table */

static const char *
cell_text (const gp_chart *ch, size_t row, size_t col)
{
  const char *t = ch->cells[row * ch->n_cols + col].text;
  return t ? t : "";
}

static bool
column_numeric (const gp_chart *ch, size_t col)
{
  for (size_t r = 0; r < ch->n_rows; r++)
    if (isfinite (ch->cells[r * ch->n_cols + col].value))
      return true;
  return false;
}

/* Widest word of TEXT in FONT (a header may wrap between words, never inside one). */
static double
widest_word (gp_dc *d, const PangoFontDescription *font, const char *text)
{
  double best = 0;
  char word[256];
  for (const char *p = text; *p;)
    {
      while (*p == ' ')
        p++;
      size_t n = strcspn (p, " ");
      if (n == 0)
        break;
      size_t m = n < sizeof word ? n : sizeof word - 1;
      memcpy (word, p, m);
      word[m] = '\0';
      double w;
      gp_dc_text_size (d, font, word, 0, &w, NULL);
      best = fmax (best, w);
      p += n;
    }
  return best;
}

/* Draw TEXT in a box of WIDTH at (X, Y) aligned left or right, ellipsized if it does not
 * fit; with WRAP it wraps between words instead. Returns the height used. */
static double
cell (gp_dc *d, const PangoFontDescription *font, const char *text, double x, double y,
      double width, bool right, bool wrap, gp_rgba color)
{
  PangoLayout *l = gp_dc_layout (d, font, text, 0, PANGO_ALIGN_LEFT);
  pango_layout_set_width (l, (int) (fmax (width, 1) * PANGO_SCALE));
  if (wrap)
    pango_layout_set_wrap (l, PANGO_WRAP_WORD);
  else
    pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (l, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  double h;
  gp_dc_layout_size (l, NULL, &h);
  if (d != NULL && color.a > 0)
    {
      /* The layout places itself inside WIDTH: no logical-offset correction here. */
      cairo_move_to (d->cr, x, y);
      gp_dc_set_color (d, color);
      pango_cairo_show_layout (d->cr, l);
    }
  g_object_unref (l);
  return h;
}

void
gp_draw_table (gp_dc *d)
{
  const gp_chart *ch = d->chart;
  cairo_t *cr = d->cr;
  if (ch->n_rows == 0 || ch->n_cols == 0)
    {
      gp_dc_no_data (d);
      return;
    }
  double title_h = gp_dc_title (d, true);
  double caption_h = gp_dc_caption (d, true);
  double avail_w = d->w - 2 * d->pad;
  double cpad = 4 * d->s, rpad = 2.2 * d->s;
  size_t nc = ch->n_cols;

  double *cw = calloc (3 * nc, sizeof *cw);
  if (cw == NULL)
    {
      gp_dc_no_data (d);
      return;
    }
  double *min_w = cw + nc, *pref_w = cw + 2 * nc;
  PangoFontDescription *f_cell = pango_font_description_copy (d->f_tick);
  PangoFontDescription *f_head = pango_font_description_copy (d->f_bold);
  PangoFontDescription *f_unit = pango_font_description_copy (d->f_small);
  double base_cell = pango_font_description_get_size (d->f_tick);
  double base_head = pango_font_description_get_size (d->f_bold);
  double base_unit = pango_font_description_get_size (d->f_small);
  bool any_unit = false;
  char unit[GP_AXIS_UNIT_MAX * 2 + 96];

  /* Each column wants its widest cell, unit and whole header (pref) and needs at least
   * its widest cell, unit and header word (min: headers may wrap). Too narrow for the
   * minimum: shrink the fonts (to 75 %) once, then cells ellipsize. */
  double sum_min = 0, sum_pref = 0;
  for (int attempt = 0; attempt < 2; attempt++)
    {
      sum_min = sum_pref = 0;
      for (size_t j = 0; j < nc; j++)
        {
          const char *name = ch->columns[j].name ? ch->columns[j].name : "";
          double cells = 0, tw;
          gp_unit_pretty (ch->columns[j].unit, unit, sizeof unit);
          if (unit[0])
            {
              gp_dc_text_size (d, f_unit, unit, 0, &tw, NULL);
              cells = tw;
              any_unit = true;
            }
          for (size_t r = 0; r < ch->n_rows; r++)
            {
              gp_dc_text_size (d, f_cell, cell_text (ch, r, j), 0, &tw, NULL);
              cells = fmax (cells, tw);
            }
          gp_dc_text_size (d, f_head, name, 0, &tw, NULL);
          pref_w[j] = fmax (cells, tw) + 2 * cpad;
          min_w[j] = fmax (cells, widest_word (d, f_head, name)) + 2 * cpad;
          sum_min += min_w[j];
          sum_pref += pref_w[j];
        }
      if (sum_min <= avail_w || attempt == 1)
        break;
      double f = fmax (avail_w / sum_min, 0.75);
      pango_font_description_set_absolute_size (f_cell, base_cell * f);
      pango_font_description_set_absolute_size (f_head, base_head * f);
      pango_font_description_set_absolute_size (f_unit, base_unit * f);
    }
  for (size_t j = 0; j < nc; j++)
    {
      if (sum_pref <= avail_w)
        cw[j] = pref_w[j];
      else if (sum_min <= avail_w)
        cw[j] = min_w[j] + (pref_w[j] - min_w[j]) * (avail_w - sum_min) / (sum_pref - sum_min);
      else
        cw[j] = min_w[j] * avail_w / sum_min;
    }
  double table_w = fmin (sum_pref, avail_w);
  if (sum_pref > avail_w)
    table_w = avail_w;

  double line_h, unit_h;
  gp_dc_text_size (d, f_cell, "Ag", 0, NULL, &line_h);
  gp_dc_text_size (d, f_unit, "Ag", 0, NULL, &unit_h);
  double name_h = 0;
  for (size_t j = 0; j < nc; j++)
    name_h = fmax (name_h, cell (d, f_head, ch->columns[j].name ? ch->columns[j].name : "",
                                 0, 0, cw[j] - 2 * cpad, false, true, (gp_rgba) { 0 }));
  double head_h = name_h + (any_unit ? unit_h : 0) + 2 * rpad;
  double row_h = line_h + 2 * rpad;
  double x0 = (d->w - table_w) / 2, y0 = d->pad + title_h;
  double bottom_limit = d->h - d->pad - caption_h;

  /* How many rows fit; the rest are announced under the table. */
  size_t rows_fit = ch->n_rows;
  if (y0 + head_h + ch->n_rows * row_h > bottom_limit)
    {
      double room = bottom_limit - y0 - head_h - line_h - 2 * rpad;
      rows_fit = room > 0 ? (size_t) floor (room / row_h) : 0;
    }

  /* Header: names (wrapping between words) bottom-aligned above their units. */
  double x = x0;
  for (size_t j = 0; j < nc; j++)
    {
      bool num = column_numeric (ch, j);
      const char *name = ch->columns[j].name ? ch->columns[j].name : "";
      double h = cell (d, f_head, name, 0, 0, cw[j] - 2 * cpad, num, true, (gp_rgba) { 0 });
      cell (d, f_head, name, x + cpad, y0 + rpad + name_h - h, cw[j] - 2 * cpad, num, true,
            d->th->foreground);
      gp_unit_pretty (ch->columns[j].unit, unit, sizeof unit);
      if (unit[0])
        cell (d, f_unit, unit, x + cpad, y0 + rpad + name_h, cw[j] - 2 * cpad, num, false,
              d->th->muted);
      x += cw[j];
    }

  /* Rows: faint stripes, ratio cells tinted by how far from 1 they are. */
  double y = y0 + head_h;
  for (size_t r = 0; r < rows_fit; r++, y += row_h)
    {
      if (r % 2 == 1)
        {
          cairo_rectangle (cr, x0, y, table_w, row_h);
          gp_dc_set_color (d, d->th->panel);
          cairo_fill (cr);
        }
      x = x0;
      for (size_t j = 0; j < nc; j++)
        {
          double v = ch->cells[r * nc + j].value;
          if ((long) j == ch->ratio_col && isfinite (v) && v > 0 && v != 1.0)
            {
              bool better = (v > 1.0) == ch->ratio_higher_better;
              double t = fmin (fabs (log10 (v)), 1.0); /* full strength at 10x */
              cairo_rectangle (cr, x + 1 * d->s, y + 0.5 * d->s, cw[j] - 2 * d->s,
                               row_h - 1 * d->s);
              gp_dc_set_color_alpha (d, better ? d->th->good : d->th->bad, 0.15 + 0.45 * t);
              cairo_fill (cr);
            }
          bool num = isfinite (v) || column_numeric (ch, j);
          cell (d, f_cell, cell_text (ch, r, j), x + cpad, y + rpad, cw[j] - 2 * cpad, num,
                false, d->th->foreground);
          if (d->info)
            d->info->n_drawn++;
          x += cw[j];
        }
    }

  /* Rules in the book-table style: heavy top and bottom, light under the header. */
  gp_dc_set_color (d, d->th->foreground);
  cairo_set_line_width (cr, 1.0 * d->s);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x0 + table_w, y0);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x0 + table_w, y);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.6 * d->s);
  cairo_move_to (cr, x0, y0 + head_h);
  cairo_line_to (cr, x0 + table_w, y0 + head_h);
  cairo_stroke (cr);

  if (rows_fit < ch->n_rows)
    {
      char more[96];
      snprintf (more, sizeof more, "\xe2\x80\xa6 %zu more row%s not shown",
                ch->n_rows - rows_fit, ch->n_rows - rows_fit == 1 ? "" : "s");
      gp_dc_text (d, d->f_small, more, x0, y + rpad, 0.0, 0.0, d->th->muted, 0);
    }
  if (d->info)
    {
      d->info->plot_x = x0;
      d->info->plot_y = y0;
      d->info->plot_width = table_w;
      d->info->plot_height = y - y0;
    }
  pango_font_description_free (f_cell);
  pango_font_description_free (f_head);
  pango_font_description_free (f_unit);
  free (cw);
}
