/* gp-chart.c: building charts: owned data, setters with checked inputs, and the Pareto
 * frontier. Drawing is in gp-chart-draw.c, files in gp-export.c. */
#include "gp-chart-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const gp_chart_kind_names[] = {
  "line", "scatter", "stacked_bar", "waterfall", "tornado", "wafer_map", "table", NULL,
};

#define TABLE_COLS_MAX 64
#define TABLE_ROWS_MAX 10000

static char *
dup_string (const char *s)
{
  if (s == NULL)
    s = "";
  size_t n = strlen (s) + 1;
  char *d = malloc (n);
  if (d != NULL)
    memcpy (d, s, n);
  return d;
}

/* Replace the owned string *DST by a copy of SRC. */
static gp_status
set_string (char **dst, const char *src, const char *name, gp_error *err)
{
  char *d = dup_string (src);
  if (d == NULL)
    return gp_error_set (err, GP_ENOMEM, name, "out of memory setting %s", name);
  free (*dst);
  *dst = d;
  return GP_OK;
}

bool
gp_chart_grow (void **array, size_t size, size_t *cap, size_t need)
{
  if (need <= *cap)
    return true;
  size_t c = *cap ? *cap : 8;
  while (c < need)
    c *= 2;
  void *p = realloc (*array, c * size);
  if (p == NULL)
    return false;
  *array = p;
  *cap = c;
  return true;
}

gp_chart *
gp_chart_new (gp_chart_kind kind)
{
  if ((int) kind < 0 || kind >= GP_CHART_N_KINDS)
    return NULL;
  gp_chart *c = calloc (1, sizeof *c);
  if (c == NULL)
    return NULL;
  c->kind = kind;
  c->title = dup_string ("");
  c->caption = dup_string ("");
  c->total_label = dup_string ("Total");
  if (c->title == NULL || c->caption == NULL || c->total_label == NULL)
    {
      gp_chart_free (c);
      return NULL;
    }
  gp_axis_init (&c->x, GP_AXIS_LINEAR);
  gp_axis_init (&c->y, GP_AXIS_LINEAR);
  /* Bars and tornado bars are lengths from a base: their value axis starts at 0. */
  if (kind == GP_CHART_STACKED_BAR || kind == GP_CHART_WATERFALL)
    c->y.include_zero = true;
  c->legend = GP_LEGEND_AUTO;
  c->pareto = true;
  c->pareto_min_x = c->pareto_min_y = true;
  c->show_totals = true;
  c->ratio_col = -1;
  return c;
}

static void
table_clear (gp_chart *c)
{
  for (size_t i = 0; i < c->n_rows * c->n_cols; i++)
    free (c->cells[i].text);
  for (size_t j = 0; j < c->n_cols; j++)
    {
      free (c->columns[j].name);
      free (c->columns[j].unit);
    }
  free (c->cells);
  free (c->columns);
  c->cells = NULL;
  c->columns = NULL;
  c->n_rows = c->n_cols = 0;
  c->ratio_col = -1;
}

void
gp_chart_free (gp_chart *chart)
{
  if (chart == NULL)
    return;
  for (size_t i = 0; i < chart->n_series; i++)
    gp_series_free (chart->series[i]);
  free (chart->series);
  for (size_t i = 0; i < chart->n_categories; i++)
    free (chart->categories[i]);
  free (chart->categories);
  for (size_t i = 0; i < chart->n_annotations; i++)
    free (chart->annotations[i].label);
  free (chart->annotations);
  free (chart->dies);
  free (chart->defects);
  table_clear (chart);
  free (chart->title);
  free (chart->caption);
  free (chart->total_label);
  free (chart);
}

gp_chart_kind
gp_chart_get_kind (const gp_chart *chart)
{
  return chart->kind;
}

gp_status
gp_chart_set_title (gp_chart *chart, const char *title, gp_error *err)
{
  return set_string (&chart->title, title, "title", err);
}

const char *
gp_chart_get_title (const gp_chart *chart)
{
  return chart->title;
}

gp_status
gp_chart_set_caption (gp_chart *chart, const char *caption, gp_error *err)
{
  return set_string (&chart->caption, caption, "caption", err);
}

gp_axis *gp_chart_x_axis (gp_chart *chart) { return &chart->x; }
gp_axis *gp_chart_y_axis (gp_chart *chart) { return &chart->y; }
const gp_axis *gp_chart_x_axis_const (const gp_chart *chart) { return &chart->x; }
const gp_axis *gp_chart_y_axis_const (const gp_chart *chart) { return &chart->y; }

void
gp_chart_set_legend (gp_chart *chart, gp_legend_pos pos)
{
  chart->legend = pos;
}

gp_legend_pos
gp_chart_get_legend (const gp_chart *chart)
{
  return chart->legend;
}

gp_series *
gp_chart_add_series (gp_chart *chart, const char *name, gp_error *err)
{
  if (!gp_chart_grow ((void **) &chart->series, sizeof (gp_series *), &chart->cap_series,
                      chart->n_series + 1))
    {
      gp_error_set (err, GP_ENOMEM, "series", "out of memory adding series '%s'",
                    name ? name : "");
      return NULL;
    }
  gp_series *s = gp_series_new (name);
  if (s == NULL)
    {
      gp_error_set (err, GP_ENOMEM, "series", "out of memory adding series '%s'",
                    name ? name : "");
      return NULL;
    }
  chart->series[chart->n_series++] = s;
  return s;
}

size_t
gp_chart_n_series (const gp_chart *chart)
{
  return chart->n_series;
}

gp_series *
gp_chart_get_series (const gp_chart *chart, size_t index)
{
  return index < chart->n_series ? chart->series[index] : NULL;
}

gp_status
gp_chart_add_category (gp_chart *chart, const char *name, gp_error *err)
{
  if (!gp_chart_grow ((void **) &chart->categories, sizeof (char *), &chart->cap_categories,
                      chart->n_categories + 1))
    return gp_error_set (err, GP_ENOMEM, "category", "out of memory adding a category");
  char *d = dup_string (name);
  if (d == NULL)
    return gp_error_set (err, GP_ENOMEM, "category", "out of memory adding a category");
  chart->categories[chart->n_categories++] = d;
  return GP_OK;
}

size_t
gp_chart_n_categories (const gp_chart *chart)
{
  return chart->n_categories;
}

const char *
gp_chart_get_category (const gp_chart *chart, size_t index)
{
  return index < chart->n_categories ? chart->categories[index] : NULL;
}

gp_status
gp_chart_add_annotation (gp_chart *chart, gp_annotation_kind kind, double x, double y,
                         const char *label, gp_error *err)
{
  if ((int) kind < GP_ANNOT_VLINE || kind > GP_ANNOT_POINT)
    return gp_error_set (err, GP_EINVAL, "kind", "kind = %d is not an annotation kind",
                         (int) kind);
  if (kind != GP_ANNOT_HLINE && !isfinite (x))
    return gp_error_set (err, GP_EINVAL, "x", "x = %g is not a finite number", x);
  if (kind != GP_ANNOT_VLINE && !isfinite (y))
    return gp_error_set (err, GP_EINVAL, "y", "y = %g is not a finite number", y);
  if (!gp_chart_grow ((void **) &chart->annotations, sizeof (gp_annotation),
                      &chart->cap_annotations, chart->n_annotations + 1))
    return gp_error_set (err, GP_ENOMEM, "annotation", "out of memory adding an annotation");
  char *d = dup_string (label);
  if (d == NULL)
    return gp_error_set (err, GP_ENOMEM, "annotation", "out of memory adding an annotation");
  gp_annotation *a = &chart->annotations[chart->n_annotations++];
  a->kind = kind;
  a->x = kind == GP_ANNOT_HLINE ? NAN : x;
  a->y = kind == GP_ANNOT_VLINE ? NAN : y;
  a->label = d;
  return GP_OK;
}

size_t
gp_chart_n_annotations (const gp_chart *chart)
{
  return chart->n_annotations;
}

const gp_annotation *
gp_chart_get_annotation (const gp_chart *chart, size_t index)
{
  return index < chart->n_annotations ? &chart->annotations[index] : NULL;
}

void
gp_chart_set_pareto (gp_chart *chart, bool show, bool minimize_x, bool minimize_y)
{
  chart->pareto = show;
  chart->pareto_min_x = minimize_x;
  chart->pareto_min_y = minimize_y;
}

gp_status
gp_chart_set_baseline (gp_chart *chart, double value, gp_error *err)
{
  if (!isfinite (value))
    return gp_error_set (err, GP_EINVAL, "baseline", "baseline = %g is not a finite number",
                         value);
  chart->baseline = value;
  return GP_OK;
}

gp_status
gp_chart_set_total_label (gp_chart *chart, const char *label, gp_error *err)
{
  return set_string (&chart->total_label, label, "total_label", err);
}

void
gp_chart_set_show_totals (gp_chart *chart, bool show)
{
  chart->show_totals = show;
}

/* ---- wafer map ---- */

gp_status
gp_chart_wafer_set (gp_chart *chart, double diameter_mm, double usable_diameter_mm,
                    gp_error *err)
{
  GP_TRY (gp_check_range (err, "diameter_mm", diameter_mm, 0.0, 1000.0,
                          GP_RANGE_MIN_EXCLUSIVE, "mm"));
  GP_TRY (gp_check_range (err, "usable_diameter_mm", usable_diameter_mm, 0.0, diameter_mm,
                          GP_RANGE_MIN_EXCLUSIVE, "mm"));
  chart->wafer_diameter_mm = diameter_mm;
  chart->wafer_usable_mm = usable_diameter_mm;
  return GP_OK;
}

gp_status
gp_chart_wafer_add_die (gp_chart *chart, double x_mm, double y_mm, double width_mm,
                        double height_mm, bool good, gp_error *err)
{
  GP_TRY (gp_check_range (err, "x_mm", x_mm, -INFINITY, INFINITY, 0, "mm"));
  GP_TRY (gp_check_range (err, "y_mm", y_mm, -INFINITY, INFINITY, 0, "mm"));
  GP_TRY (gp_check_positive (err, "width_mm", width_mm, "mm"));
  GP_TRY (gp_check_positive (err, "height_mm", height_mm, "mm"));
  if (!gp_chart_grow ((void **) &chart->dies, sizeof (gp_wafer_die), &chart->cap_dies,
                      chart->n_dies + 1))
    return gp_error_set (err, GP_ENOMEM, "dies", "out of memory adding a die");
  chart->dies[chart->n_dies++] = (gp_wafer_die) { x_mm, y_mm, width_mm, height_mm, good };
  return GP_OK;
}

gp_status
gp_chart_wafer_add_defect (gp_chart *chart, double x_mm, double y_mm, gp_error *err)
{
  GP_TRY (gp_check_range (err, "x_mm", x_mm, -INFINITY, INFINITY, 0, "mm"));
  GP_TRY (gp_check_range (err, "y_mm", y_mm, -INFINITY, INFINITY, 0, "mm"));
  size_t cap2 = chart->cap_defects * 2;
  if (!gp_chart_grow ((void **) &chart->defects, sizeof (double), &cap2,
                      2 * (chart->n_defects + 1)))
    return gp_error_set (err, GP_ENOMEM, "defects", "out of memory adding a defect");
  chart->cap_defects = cap2 / 2;
  chart->defects[2 * chart->n_defects] = x_mm;
  chart->defects[2 * chart->n_defects + 1] = y_mm;
  chart->n_defects++;
  return GP_OK;
}

size_t
gp_chart_wafer_n_dies (const gp_chart *chart, size_t *n_good)
{
  if (n_good != NULL)
    {
      size_t g = 0;
      for (size_t i = 0; i < chart->n_dies; i++)
        g += chart->dies[i].good;
      *n_good = g;
    }
  return chart->n_dies;
}

size_t
gp_chart_wafer_n_defects (const gp_chart *chart)
{
  return chart->n_defects;
}

const gp_wafer_die *
gp_chart_wafer_get_die (const gp_chart *chart, size_t index)
{
  return index < chart->n_dies ? &chart->dies[index] : NULL;
}

/* ---- table ---- */

gp_status
gp_chart_table_set_size (gp_chart *chart, size_t n_rows, size_t n_cols, gp_error *err)
{
  if (n_cols == 0 || n_cols > TABLE_COLS_MAX)
    return gp_error_set (err, GP_EINVAL, "n_cols",
                         "n_cols = %zu is out of range: allowed [1, %d]", n_cols,
                         TABLE_COLS_MAX);
  if (n_rows > TABLE_ROWS_MAX)
    return gp_error_set (err, GP_EINVAL, "n_rows",
                         "n_rows = %zu is out of range: allowed [0, %d]", n_rows,
                         TABLE_ROWS_MAX);
  gp_table_column *cols = calloc (n_cols, sizeof *cols);
  size_t n_cells = n_rows * n_cols;
  gp_table_cell *cells = calloc (n_cells > 0 ? n_cells : 1, sizeof *cells);
  if (cols == NULL || cells == NULL)
    {
      free (cols);
      free (cells);
      return gp_error_set (err, GP_ENOMEM, "n_rows", "out of memory for a %zu x %zu table",
                           n_rows, n_cols);
    }
  table_clear (chart);
  chart->columns = cols;
  chart->cells = cells;
  chart->n_rows = n_rows;
  chart->n_cols = n_cols;
  for (size_t i = 0; i < n_rows * n_cols; i++)
    cells[i].value = NAN;
  return GP_OK;
}

static gp_status
check_cell (const gp_chart *c, size_t row, size_t col, gp_error *err)
{
  if (row >= c->n_rows)
    return gp_error_set (err, GP_EINVAL, "row", "row = %zu is out of range: allowed [0, %zu)",
                         row, c->n_rows);
  if (col >= c->n_cols)
    return gp_error_set (err, GP_EINVAL, "col", "col = %zu is out of range: allowed [0, %zu)",
                         col, c->n_cols);
  return GP_OK;
}

gp_status
gp_chart_table_set_column (gp_chart *chart, size_t col, const char *name, const char *unit,
                           gp_error *err)
{
  if (col >= chart->n_cols)
    return gp_error_set (err, GP_EINVAL, "col", "col = %zu is out of range: allowed [0, %zu)",
                         col, chart->n_cols);
  char *n = dup_string (name), *u = dup_string (unit);
  if (n == NULL || u == NULL)
    {
      free (n);
      free (u);
      return gp_error_set (err, GP_ENOMEM, "col", "out of memory");
    }
  free (chart->columns[col].name);
  free (chart->columns[col].unit);
  chart->columns[col].name = n;
  chart->columns[col].unit = u;
  return GP_OK;
}

gp_status
gp_chart_table_set_text (gp_chart *chart, size_t row, size_t col, const char *text,
                         gp_error *err)
{
  GP_TRY (check_cell (chart, row, col, err));
  gp_table_cell *cell = &chart->cells[row * chart->n_cols + col];
  GP_TRY (set_string (&cell->text, text, "text", err));
  cell->value = NAN;
  return GP_OK;
}

gp_status
gp_chart_table_set_number (gp_chart *chart, size_t row, size_t col, double value,
                           const char *display, gp_error *err)
{
  GP_TRY (check_cell (chart, row, col, err));
  char buf[64];
  if (display == NULL)
    {
      if (isfinite (value) && fabs (value) >= 1e4)
        gp_format_si (value, 4, buf, sizeof buf);
      else if (isfinite (value) && value != 0.0 && fabs (value) < 1e-3)
        gp_format_sci (value, 4, buf, sizeof buf);
      else if (isnan (value))
        snprintf (buf, sizeof buf, "%s", "\xe2\x80\x94"); /* em dash: no value */
      else
        gp_format_si (value, 4, buf, sizeof buf);
      display = buf;
    }
  gp_table_cell *cell = &chart->cells[row * chart->n_cols + col];
  GP_TRY (set_string (&cell->text, display, "text", err));
  cell->value = value;
  return GP_OK;
}

gp_status
gp_chart_table_set_ratio_column (gp_chart *chart, size_t col, bool higher_is_better,
                                 gp_error *err)
{
  if (col >= chart->n_cols)
    return gp_error_set (err, GP_EINVAL, "col", "col = %zu is out of range: allowed [0, %zu)",
                         col, chart->n_cols);
  chart->ratio_col = (long) col;
  chart->ratio_higher_better = higher_is_better;
  return GP_OK;
}

size_t gp_chart_table_n_rows (const gp_chart *chart) { return chart->n_rows; }
size_t gp_chart_table_n_cols (const gp_chart *chart) { return chart->n_cols; }

const char *
gp_chart_table_get_text (const gp_chart *chart, size_t row, size_t col, double *value)
{
  if (row >= chart->n_rows || col >= chart->n_cols)
    return NULL;
  const gp_table_cell *cell = &chart->cells[row * chart->n_cols + col];
  if (value != NULL)
    *value = cell->value;
  return cell->text ? cell->text : "";
}

const char *
gp_chart_table_get_column (const gp_chart *chart, size_t col, const char **unit)
{
  if (col >= chart->n_cols)
    return NULL;
  if (unit != NULL)
    *unit = chart->columns[col].unit ? chart->columns[col].unit : "";
  return chart->columns[col].name ? chart->columns[col].name : "";
}

/* ---- Pareto frontier ---- */

typedef struct {
  double x, y; /* already turned into "smaller is better" */
  size_t index;
} pareto_point;

static int
cmp_pareto (const void *a, const void *b)
{
  const pareto_point *p = a, *q = b;
  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  if (p->y != q->y)
    return p->y < q->y ? -1 : 1;
  return p->index < q->index ? -1 : p->index > q->index;
}

/* Sort by x then y (both as "smaller is better"), then sweep: a point is on the frontier
 * when its y is below every y seen at smaller x (or equal to the last kept point, which
 * makes exact duplicates all kept). Kung, Luccio & Preparata, JACM 22(4), 1975, for the
 * two-dimensional case. */
size_t
gp_pareto_frontier (const double *x, const double *y, size_t n, bool minimize_x,
                    bool minimize_y, size_t *out, size_t cap, bool *ok)
{
  if (ok != NULL)
    *ok = true;
  pareto_point *pts = malloc ((n ? n : 1) * sizeof *pts);
  if (pts == NULL)
    {
      if (ok != NULL)
        *ok = false;
      return 0;
    }
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite (x[i]) && isfinite (y[i]))
      pts[m++] = (pareto_point) { minimize_x ? x[i] : -x[i], minimize_y ? y[i] : -y[i], i };
  qsort (pts, m, sizeof *pts, cmp_pareto);

  /* Collect kept indices in sweep order (increasing "better-x"), then reorder by
   * increasing real x, which is the reverse when x is maximised. */
  size_t k = 0;
  double best_y = INFINITY, last_x = NAN, last_y = NAN;
  for (size_t i = 0; i < m; i++)
    {
      bool keep;
      if (pts[i].x == last_x && pts[i].y == last_y)
        keep = true; /* exact duplicate of a kept point */
      else
        keep = pts[i].y < best_y;
      if (keep)
        {
          pts[k++] = pts[i];
          best_y = fmin (best_y, pts[i].y);
          last_x = pts[i].x;
          last_y = pts[i].y;
        }
    }
  for (size_t i = 0; i < k && i < cap; i++)
    out[i] = minimize_x ? pts[i].index : pts[k - 1 - i].index;
  if (!minimize_x && cap < k)
    for (size_t i = 0; i < cap; i++)
      out[i] = pts[k - 1 - i].index;
  free (pts);
  return k;
}
