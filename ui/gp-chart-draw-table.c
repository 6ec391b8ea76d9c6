/* gp-chart-draw-table.c: the comparison table as a chart: numeric columns right-aligned,
 * the baseline marked, words wrapped at the widest word. */
#include "gp-chart-draw-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
