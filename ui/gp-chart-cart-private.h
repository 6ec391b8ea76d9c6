/* gp-chart-cart-private.h: the cartesian kinds' shared state (axes as drawn, layout, legend)
 * and the functions their files share. Calls run one way:
 * cartesian -> lines, bars -> axes -> place -> dc (gp-chart-draw-private.h). */
#pragma once

#include <math.h>

#include "gp-chart-draw-private.h"

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

typedef struct {
  double x0, y0, x1, y1;
} gp_seg;

/* What labels placed later must keep clear of: boxes (labels, markers, bars, the legend)
 * and line segments (the curves as drawn, marker lines, leader lines). */
typedef struct {
  gp_rect *r;
  size_t n, cap;
  gp_seg *sg;
  size_t n_sg, cap_sg;
} rect_list;

static inline double
px_x (const cart *c, double v)
{
  return c->plot.x + gp_axis_map (&c->x, v) * c->plot.w;
}

static inline double
px_y (const cart *c, double v)
{
  return c->plot.y + c->plot.h - gp_axis_map (&c->y, v) * c->plot.h;
}

static inline double
slot_w (const cart *c)
{
  return (c->cat_x ? c->plot.w : c->plot.h) / (double) (c->n_cat ? c->n_cat : 1);
}

/* Is (x, y) drawable on these axes? Counts why not. */
static inline bool
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

static inline bool
value_ok (const gp_axis *a, double v)
{
  return isfinite (v) && (a->scale != GP_AXIS_LOG || v > 0);
}

static inline double
series_value (const gp_series *s, size_t k)
{
  return k < s->n ? s->y[k] : NAN;
}

/* gp-chart-draw-place.c */
gp_rect gp_cart_best_spot (const cart *c, const rect_list *taken, double cand[][2], int n, double w, double h);
void gp_cart_format_value (double v, bool sign, char *buf, size_t size);
void gp_cart_halo_text (gp_dc *d, const PangoFontDescription *font, const char *text, double x, double y,
           gp_rgba color);
double gp_cart_marker_r (gp_dc *d);
double gp_cart_overlap_area (gp_rect a, gp_rect b);
size_t gp_cart_seg_crossings (const rect_list *taken, gp_rect box);
void gp_cart_place_label (gp_dc *d, const cart *c, rect_list *taken, const char *text, double x, double y,
             double r, gp_rgba color);
void gp_cart_rects_add (rect_list *l, gp_rect r);
void gp_cart_rects_free (rect_list *l);
void gp_cart_segs_add (rect_list *l, double x0, double y0, double x1, double y1);
bool gp_cart_seg_hits_rect (double x0, double y0, double x1, double y1, gp_rect r);

/* gp-chart-draw-axes.c */
void gp_cart_draw_grid_and_axes (gp_dc *d, cart *c);
void gp_cart_layout (gp_dc *d, cart *c);
void gp_cart_legend_size (gp_dc *d, cart *c);
void gp_cart_make_ticks (gp_dc *d, cart *c);
void gp_cart_measure_categories (gp_dc *d, cart *c);
void gp_cart_measure_stacked (gp_dc *d, cart *c);
bool gp_cart_measure_tornado (gp_dc *d, cart *c);
void gp_cart_measure_waterfall (gp_dc *d, cart *c);
void gp_cart_measure_xy (gp_dc *d, cart *c);

/* gp-chart-draw-lines.c */
void gp_cart_draw_line_series (gp_dc *d, cart *c, rect_list *taken);
void gp_cart_draw_scatter (gp_dc *d, cart *c, rect_list *taken);

/* gp-chart-draw-bars.c */
void gp_cart_draw_stacked (gp_dc *d, cart *c, rect_list *taken);
void gp_cart_draw_tornado (gp_dc *d, cart *c, rect_list *taken);
void gp_cart_draw_waterfall (gp_dc *d, cart *c, rect_list *taken);
