/* gp-chart.h: a chart as data: its kind, title, axes, series, categories, annotations and
 * the extra data of the wafer-map and table kinds; and gp_chart_draw(), which paints it
 * into any cairo context (a GTK widget, or the SVG/PDF/PNG surfaces of gp-export.h).
 *
 * Sizes passed to gp_chart_draw are in px at 96 px per inch (CSS pixels). Fonts are set
 * in points at that resolution, so a 336 px (3.5 in) wide chart printed at its natural
 * size has 8 pt tick labels and 9 pt titles: what a two-column paper needs. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "gp-axis.h"
#include "gp-error.h"
#include "gp-palette.h"
#include "gp-series.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_CHART_LINE,        /* series of (x, y) joined by lines; optional bands and markers */
  GP_CHART_SCATTER,     /* markers (with error bars) and the Pareto frontier of all points */
  GP_CHART_STACKED_BAR, /* categories on x; each series is one stacked segment */
  GP_CHART_WATERFALL,   /* categories: series 0 = start value, then steps; total drawn last */
  GP_CHART_TORNADO,     /* categories (parameters) on y; series 0 = output at the parameter's
                           low value, series 1 = at its high value; bars around the baseline */
  GP_CHART_WAFER_MAP,   /* gp_chart_wafer_*: wafer, usable circle, dies, defects */
  GP_CHART_TABLE,       /* gp_chart_table_*: rows x columns of text */
  GP_CHART_N_KINDS
} gp_chart_kind;

/* "line", "scatter", "stacked_bar", "waterfall", "tornado", "wafer_map", "table", NULL */
extern const char *const gp_chart_kind_names[];

typedef enum {
  GP_LEGEND_AUTO,         /* inside, in the corner covering fewest points (line/scatter);
                             right of the plot or below it for bars, by the room there is */
  GP_LEGEND_NONE,
  GP_LEGEND_TOP_RIGHT,    /* inside the plot area */
  GP_LEGEND_TOP_LEFT,
  GP_LEGEND_BOTTOM_RIGHT,
  GP_LEGEND_BOTTOM_LEFT,
  GP_LEGEND_RIGHT,        /* outside, right of the plot area */
  GP_LEGEND_BELOW,        /* outside, under the x axis title */
} gp_legend_pos;

typedef enum {
  GP_ANNOT_VLINE, /* vertical line at x (a break-even point), label at its top */
  GP_ANNOT_HLINE, /* horizontal line at y (a sensitivity, a budget), label at its right end */
  GP_ANNOT_POINT, /* a marker at (x, y) with a label (this design, a published system) */
} gp_annotation_kind;

typedef struct {
  gp_annotation_kind kind;
  double x, y;
  char *label; /* owned */
} gp_annotation;

typedef struct {
  double x_mm, y_mm; /* lower-left corner, wafer centre at (0, 0) */
  double width_mm, height_mm;
  bool good;
} gp_wafer_die;

typedef struct gp_chart gp_chart;

/* ---- life cycle ---- */

/* A new empty chart of KIND with default axes (linear, auto range; log is set per axis).
 * NULL on allocation failure or an unknown KIND. */
gp_chart *gp_chart_new (gp_chart_kind kind);
void gp_chart_free (gp_chart *chart); /* NULL-safe */

gp_chart_kind gp_chart_get_kind (const gp_chart *chart);

/* ---- text ---- */

/* Title drawn above the plot (NULL or "" for none). GP_ENOMEM on allocation failure. */
gp_status gp_chart_set_title (gp_chart *chart, const char *title, gp_error *err);
const char *gp_chart_get_title (const gp_chart *chart); /* never NULL */

/* Caption drawn under the chart in the muted colour (a source line, a note). */
gp_status gp_chart_set_caption (gp_chart *chart, const char *caption, gp_error *err);

/* The axes, to set label/unit/key, scale, range and format in place. For the tornado
 * chart the value axis is x; for category kinds x only names the category column. */
gp_axis *gp_chart_x_axis (gp_chart *chart);
gp_axis *gp_chart_y_axis (gp_chart *chart);
const gp_axis *gp_chart_x_axis_const (const gp_chart *chart);
const gp_axis *gp_chart_y_axis_const (const gp_chart *chart);

void gp_chart_set_legend (gp_chart *chart, gp_legend_pos pos);
gp_legend_pos gp_chart_get_legend (const gp_chart *chart);

/* ---- series ---- */

/* Add a series named NAME; the chart owns it, the pointer stays valid until the chart is
 * freed. NULL (and ERR filled) on allocation failure. */
gp_series *gp_chart_add_series (gp_chart *chart, const char *name, gp_error *err);
size_t gp_chart_n_series (const gp_chart *chart);
gp_series *gp_chart_get_series (const gp_chart *chart, size_t index); /* NULL past the end */

/* ---- categories (stacked bar, waterfall, tornado) ---- */

gp_status gp_chart_add_category (gp_chart *chart, const char *name, gp_error *err);
size_t gp_chart_n_categories (const gp_chart *chart);
const char *gp_chart_get_category (const gp_chart *chart, size_t index);

/* ---- annotations ---- */

gp_status gp_chart_add_annotation (gp_chart *chart, gp_annotation_kind kind, double x,
                                   double y, const char *label, gp_error *err);
size_t gp_chart_n_annotations (const gp_chart *chart);
const gp_annotation *gp_chart_get_annotation (const gp_chart *chart, size_t index);

/* ---- kind options ---- */

/* Scatter: draw the Pareto frontier of all visible points (on by default), minimising
 * or maximising each of x and y (default: minimise both, e.g. cost and step time). */
void gp_chart_set_pareto (gp_chart *chart, bool show, bool minimize_x, bool minimize_y);

/* Tornado: the output at the baseline design (vertical line the bars grow from). Waterfall:
 * the label of the computed total bar (default "Total"). Stacked bars: print the total
 * above each bar (default on). */
gp_status gp_chart_set_baseline (gp_chart *chart, double value, gp_error *err);
gp_status gp_chart_set_total_label (gp_chart *chart, const char *label, gp_error *err);
void gp_chart_set_show_totals (gp_chart *chart, bool show);

/* ---- wafer map ---- */

/* Wafer of DIAMETER_MM with a usable circle of USABLE_DIAMETER_MM (diameter minus twice
 * the edge exclusion). GP_EINVAL naming "diameter_mm" ((0, 1000] mm) or
 * "usable_diameter_mm" ((0, diameter_mm]). */
gp_status gp_chart_wafer_set (gp_chart *chart, double diameter_mm, double usable_diameter_mm,
                              gp_error *err);
/* One die rectangle (lower-left corner). GP_EINVAL naming the field for a non-finite
 * position or a non-positive size. */
gp_status gp_chart_wafer_add_die (gp_chart *chart, double x_mm, double y_mm, double width_mm,
                                  double height_mm, bool good, gp_error *err);
gp_status gp_chart_wafer_add_defect (gp_chart *chart, double x_mm, double y_mm, gp_error *err);
size_t gp_chart_wafer_n_dies (const gp_chart *chart, size_t *n_good);
size_t gp_chart_wafer_n_defects (const gp_chart *chart);
const gp_wafer_die *gp_chart_wafer_get_die (const gp_chart *chart, size_t index);

/* ---- comparison table ---- */

/* Size the table to N_ROWS x N_COLS (clearing it). GP_EINVAL naming "n_cols" for 0 or
 * more than 64 columns, "n_rows" for more than 10000 rows. */
gp_status gp_chart_table_set_size (gp_chart *chart, size_t n_rows, size_t n_cols,
                                   gp_error *err);
/* Column header NAME and UNIT (the unit is drawn under the name and goes into the CSV
 * header as "name [unit]"). */
gp_status gp_chart_table_set_column (gp_chart *chart, size_t col, const char *name,
                                     const char *unit, gp_error *err);
/* A text cell (left aligned). */
gp_status gp_chart_table_set_text (gp_chart *chart, size_t row, size_t col, const char *text,
                                   gp_error *err);
/* A number cell (right aligned): VALUE goes to the CSV at full precision; DISPLAY is what
 * is drawn (NULL: VALUE with 4 significant digits and an SI prefix past 1e4). */
gp_status gp_chart_table_set_number (gp_chart *chart, size_t row, size_t col, double value,
                                     const char *display, gp_error *err);
/* Mark COL as a ratio against a reference (1 = same): cells are tinted the theme's "good"
 * colour when better and "bad" when worse, stronger the further from 1 (log scale, full
 * at 10x). HIGHER_IS_BETTER says which way is better. */
gp_status gp_chart_table_set_ratio_column (gp_chart *chart, size_t col, bool higher_is_better,
                                           gp_error *err);
size_t gp_chart_table_n_rows (const gp_chart *chart);
size_t gp_chart_table_n_cols (const gp_chart *chart);
/* Cell text as drawn and its number (NaN for text cells); NULL past the end. */
const char *gp_chart_table_get_text (const gp_chart *chart, size_t row, size_t col,
                                     double *value);
const char *gp_chart_table_get_column (const gp_chart *chart, size_t col, const char **unit);

/* ---- Pareto frontier (exposed for tests and scripts) ---- */

/* Indices of the points of (X[i], Y[i]), i < N, that no other point dominates, in
 * increasing x. A point dominates another when it is at least as good in both
 * coordinates and strictly better in one ("good" = smaller when MINIMIZE_X/Y, else
 * larger). Exact duplicates are all kept. Non-finite points are ignored. Writes up to
 * CAP indices to OUT and returns the frontier size. O(N log N); allocates a work array
 * (returns 0 with *OK false if that fails; OK may be NULL). */
size_t gp_pareto_frontier (const double *x, const double *y, size_t n, bool minimize_x,
                           bool minimize_y, size_t *out, size_t cap, bool *ok);

/* ---- drawing ---- */

typedef struct {
  gp_theme_kind theme; /* light (paper) or dark (desktop) */
  double scale;        /* multiplies font sizes, line widths and markers; 1 = paper size */
} gp_draw_options;

void gp_draw_options_init (gp_draw_options *opts); /* light, scale 1 */

#define GP_DRAW_LABELS_MAX 32

/* A point label as drawn (user units): its box, the point it names, and whether a leader
 * line joins them (the label moved away from the point to keep off curves and labels). */
typedef struct {
  double x, y, width, height;
  double anchor_x, anchor_y;
  bool leader;
} gp_draw_label;

/* What a draw did, for the GUI (hit testing, status line) and for tests. */
typedef struct {
  double plot_x, plot_y, plot_width, plot_height; /* the data rectangle, in user units */
  gp_axis x_axis, y_axis;        /* the axes as drawn (auto ranges resolved) */
  size_t n_drawn;                /* points (or bars, dies, cells) drawn */
  size_t n_skipped_nonfinite;    /* NaN/inf values left out */
  size_t n_skipped_nonpositive;  /* values <= 0 left out of a log axis */
  size_t n_empty_category_values; /* of the non-finite: those of bar categories with no
                                    finite value at all (a missing bar, which the caption
                                    explains; the note does not count them) */
  bool no_data;                  /* "No data" was drawn instead of a plot */
  gp_draw_label labels[GP_DRAW_LABELS_MAX]; /* point and marker labels, in drawing order */
  size_t n_labels;               /* of them recorded (at most GP_DRAW_LABELS_MAX) */
} gp_draw_info;

/* Draw CHART into CR over the rectangle (0, 0, WIDTH, HEIGHT) in the current user space
 * (px at 96 dpi); fills the background. OPTS NULL = defaults; INFO may be NULL.
 *
 * Never fails on bad data: non-finite points and (on log axes) non-positive ones are
 * skipped and counted, and a note under the plot says how many; a chart with nothing to
 * draw shows "No data". Returns GP_EINVAL naming "width"/"height" for sizes outside
 * [16, 100000] px, and GP_EIO when CR is (or ends) in an error state, with cairo's
 * message. CR's state is saved and restored. */
gp_status gp_chart_draw (const gp_chart *chart, cairo_t *cr, double width, double height,
                         const gp_draw_options *opts, gp_draw_info *info, gp_error *err);

#ifdef __cplusplus
}
#endif
