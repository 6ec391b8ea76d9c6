/* gp-series.h: a named list of (x, y) points, with optional uncertainty (y_lo, y_hi) and
 * per-point labels, plus how it is drawn (colour index, markers, hidden).
 *
 * A series only holds data; gp-chart-draw.c decides how a chart kind shows it. Points may
 * be NaN or infinite: they are kept (and written to CSV) but never drawn. For category
 * charts (stacked bars, waterfall, tornado) point i belongs to category i and x is
 * ignored (gp_series_append_value sets it to i). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "gp-error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_SERIES_POINTS_MAX ((size_t) 100000000) /* sanity bound on one series */

typedef enum {
  GP_MARKER_AUTO = -1, /* by the series' position in its chart */
  GP_MARKER_CIRCLE = 0,
  GP_MARKER_SQUARE,
  GP_MARKER_TRIANGLE,
  GP_MARKER_DIAMOND,
  GP_MARKER_TRIANGLE_DOWN,
  GP_MARKER_PLUS,
  GP_MARKER_CROSS,
  GP_MARKER_STAR,
  GP_MARKER_N
} gp_marker;

typedef struct {
  /* owned */
  char *name;            /* legend text, UTF-8 */
  double *x, *y;         /* n points */
  double *y_lo, *y_hi;   /* NULL, or n values: an uncertainty band / error bar */
  char **labels;         /* NULL, or n strings (each may be NULL): text next to the point */
  size_t n, cap;
  /* style */
  int color;             /* palette index; -1 = the series' position in its chart */
  gp_marker marker;      /* scatter marker, and line marker when show_markers */
  bool show_markers;     /* line charts: mark each point too */
  bool show_line;        /* line charts: join points (true by default) */
  bool dashed;           /* line charts: dashed line (e.g. a model next to measured data) */
  bool hidden;           /* kept in the chart and its CSV, not drawn or in the legend */
} gp_series;

/* A new empty series named NAME (copied; NULL is ""). NULL on allocation failure. */
gp_series *gp_series_new (const char *name);

/* Free SERIES and everything it owns. NULL-safe. */
void gp_series_free (gp_series *series);

/* Rename. GP_ENOMEM on allocation failure (the old name is kept). */
gp_status gp_series_set_name (gp_series *series, const char *name, gp_error *err);

/* Append one point (any values, NaN included). GP_ENOMEM when growing fails or the
 * series would pass GP_SERIES_POINTS_MAX. */
gp_status gp_series_append (gp_series *series, double x, double y, gp_error *err);

/* Append a point with its uncertainty band [LO, HI] (NaN for "none at this point"). The
 * first call creates the band arrays and fills earlier points with NaN. */
gp_status gp_series_append_band (gp_series *series, double x, double y, double lo,
                                 double hi, gp_error *err);

/* Append VALUE as the next category's value (x = its index). */
gp_status gp_series_append_value (gp_series *series, double value, gp_error *err);

/* Replace all points by N copies from X, Y (and LO, HI if both non-NULL). X NULL means
 * x = 0, 1, 2, .... On error the series is unchanged. */
gp_status gp_series_set_data (gp_series *series, const double *x, const double *y,
                              const double *lo, const double *hi, size_t n, gp_error *err);

/* Label point INDEX (copied; NULL clears). GP_EINVAL naming "index" when out of range. */
gp_status gp_series_set_label (gp_series *series, size_t index, const char *label,
                               gp_error *err);

/* Remove all points (keeps name and style). */
void gp_series_clear (gp_series *series);

#ifdef __cplusplus
}
#endif
