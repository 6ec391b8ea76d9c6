/* gp-chart-private.h: the gp_chart struct, shared by gp-chart.c (data), gp-chart-draw.c
 * and gp-export.c (CSV). Not installed, not for callers. */
#pragma once

#include "gp-chart.h"

typedef struct {
  char *text;   /* owned, never NULL once set ("" for empty) */
  double value; /* NaN for text cells */
} gp_table_cell;

typedef struct {
  char *name, *unit; /* owned */
} gp_table_column;

struct gp_chart {
  gp_chart_kind kind;
  char *title;   /* owned, never NULL */
  char *caption; /* owned, never NULL */
  gp_axis x, y;
  gp_legend_pos legend;

  /* owned lists */
  gp_series **series;
  size_t n_series, cap_series;
  char **categories;
  size_t n_categories, cap_categories;
  gp_annotation *annotations;
  size_t n_annotations, cap_annotations;

  /* scatter */
  bool pareto, pareto_min_x, pareto_min_y;
  /* tornado / waterfall / stacked bars */
  double baseline;
  char *total_label; /* owned, never NULL */
  bool show_totals;

  /* wafer map */
  double wafer_diameter_mm, wafer_usable_mm;
  gp_wafer_die *dies;
  size_t n_dies, cap_dies;
  double *defects; /* x, y pairs */
  size_t n_defects, cap_defects;

  /* table */
  size_t n_rows, n_cols;
  gp_table_column *columns; /* n_cols */
  gp_table_cell *cells;     /* n_rows x n_cols, row major */
  long ratio_col;           /* -1 for none */
  bool ratio_higher_better;
};

/* Grow *ARRAY (element size SIZE, capacity *CAP) to hold at least NEED elements. */
bool gp_chart_grow (void **array, size_t size, size_t *cap, size_t need);
