/* gp-chart-draw-private.h: the drawing context and text/marker helpers shared by the
 * drawing files (cartesian kinds in gp-chart-draw.c, wafer map and table in
 * gp-chart-draw-other.c). Not for callers. */
#pragma once

#include <pango/pangocairo.h>

#include "gp-chart-private.h"

#define GP_PI 3.14159265358979323846

/* Font sizes in px at 96 dpi for scale 1: 8 pt ticks, 9 pt titles, 10 pt chart title,
 * 7 pt notes (1 pt = 96/72 px). A 3.5 in figure printed at 100 % keeps these sizes. */
#define PT 1.3333333333333333
#define FONT_TICK (8.0 * PT)
#define FONT_LABEL (9.0 * PT)
#define FONT_TITLE (10.0 * PT)
#define FONT_SMALL (7.0 * PT)

typedef struct {
  double x, y, w, h;
} gp_rect;

typedef struct {
  const gp_chart *chart;
  cairo_t *cr;
  PangoContext *pctx;
  const gp_theme *th;
  gp_theme_kind tk;
  double s;           /* scale */
  double w, h;        /* canvas */
  double pad;         /* outer padding */
  PangoFontDescription *f_tick, *f_label, *f_title, *f_small, *f_bold;
  gp_draw_info *info;
} gp_dc;

/* ---- text ---- */
PangoLayout *gp_dc_layout (gp_dc *d, const PangoFontDescription *font, const char *text,
                           double wrap_width, PangoAlignment align);
void gp_dc_layout_size (PangoLayout *l, double *w, double *h);
/* Draw L with its logical box's point (AX, AY) (fractions of its size) at (X, Y). */
void gp_dc_show (gp_dc *d, PangoLayout *l, double x, double y, double ax, double ay,
                 gp_rgba color);
/* Make, draw, free. Returns the box drawn. */
gp_rect gp_dc_text (gp_dc *d, const PangoFontDescription *font, const char *text, double x,
                    double y, double ax, double ay, gp_rgba color, double wrap_width);
/* Size of TEXT in FONT (wrapped at WRAP_WIDTH when > 0). */
void gp_dc_text_size (gp_dc *d, const PangoFontDescription *font, const char *text,
                      double wrap_width, double *w, double *h);

/* TEXT rotated a quarter turn anticlockwise (y-axis titles), centred on (X, Y), at most
 * MAX_LEN long (0: no limit): a longer text is drawn smaller (down to 75 %), then
 * ellipsised, never clipped. */
void gp_dc_text_vertical (gp_dc *d, const PangoFontDescription *font, const char *text, double x,
                          double y, double max_len, gp_rgba color);

/* ---- drawing helpers ---- */
void gp_dc_set_color (gp_dc *d, gp_rgba c);
void gp_dc_set_color_alpha (gp_dc *d, gp_rgba c, double alpha);
/* Path of a marker of SHAPE centred at (X, Y), radius R; filled shapes are filled with
 * FILL and outlined with OUTLINE, open shapes (plus, cross, star) stroked with FILL. */
void gp_dc_marker (gp_dc *d, gp_marker shape, double x, double y, double r, gp_rgba fill,
                   gp_rgba outline);
/* Title at the top (returns the height used, 0 without a title) and the caption at the
 * bottom (returns its height; drawn when DRAW). */
double gp_dc_title (gp_dc *d, bool draw);
double gp_dc_caption (gp_dc *d, bool draw);
/* Centred "No data" message; sets info->no_data. */
void gp_dc_no_data (gp_dc *d);
/* A palette colour for series index I in chart order (honours series->color). */
gp_rgba gp_dc_series_color (gp_dc *d, size_t i);
gp_marker gp_dc_series_marker (gp_dc *d, size_t i);

/* ---- legend ---- */
typedef enum {
  GP_SWATCH_LINE,   /* short line (with the marker when marker >= 0) */
  GP_SWATCH_BOX,    /* filled square */
  GP_SWATCH_MARKER, /* marker alone */
} gp_swatch;

typedef struct {
  const char *name;
  gp_rgba color;
  gp_swatch swatch;
  int marker; /* gp_marker or -1 */
  bool dashed;
  bool cross; /* box with a cross (bad die) */
} gp_legend_entry;

/* Size of a legend laid out as a column, or as rows flowing across MAX_WIDTH when FLOW. */
void gp_legend_measure (gp_dc *d, const gp_legend_entry *e, size_t n, bool flow,
                        double max_width, double *w, double *h);
/* Draw the legend with its top-left at (X, Y); BOXED draws a background and frame (for
 * legends inside the plot). */
void gp_legend_draw (gp_dc *d, const gp_legend_entry *e, size_t n, bool flow,
                     double max_width, double x, double y, bool boxed);

/* ---- kinds outside the cartesian layout ---- */
/* gp-chart-draw-cartesian.c: line, scatter, stacked bars, waterfall, tornado. */
void gp_draw_cartesian (gp_dc *d);
/* gp-chart-draw-wafer.c */
void gp_draw_wafer_map (gp_dc *d);
/* gp-chart-draw-table.c */
void gp_draw_table (gp_dc *d);
