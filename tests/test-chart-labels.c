/* test-chart-labels.c: where the chart library puts the labels of marked points (the stars of
 * the die-cost and power-density cards): off every curve, off each other, inside the axes,
 * with a leader line when the label had to move away. The curves are rebuilt here from the
 * data and the axes as drawn, and tested against each label box with a segment-rectangle test
 * of this file's own (edge orientation), not the library's clipping. */
#include <cairo.h>
#include <glib.h>
#include <math.h>

#include "gp-axis.h"
#include "gp-chart.h"
#include "gp-series.h"

#define W 480
#define H 320

typedef struct {
  double x, y, w, h;
} box;

static double
px_x (const gp_draw_info *in, double v)
{
  return in->plot_x + gp_axis_map (&in->x_axis, v) * in->plot_width;
}

static double
px_y (const gp_draw_info *in, double v)
{
  return in->plot_y + in->plot_height - gp_axis_map (&in->y_axis, v) * in->plot_height;
}

/* Sign of the turn a -> b -> c. */
static int
orient (double ax, double ay, double bx, double by, double cx, double cy)
{
  double v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return (v > 0) - (v < 0);
}

static gboolean
segs_cross (double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy)
{
  int o1 = orient (ax, ay, bx, by, cx, cy), o2 = orient (ax, ay, bx, by, dx, dy);
  int o3 = orient (cx, cy, dx, dy, ax, ay), o4 = orient (cx, cy, dx, dy, bx, by);
  if (o1 != o2 && o3 != o4)
    return TRUE;
  /* collinear and overlapping */
  if (o1 == 0 && o2 == 0)
    return fmax (ax, bx) >= fmin (cx, dx) && fmax (cx, dx) >= fmin (ax, bx)
           && fmax (ay, by) >= fmin (cy, dy) && fmax (cy, dy) >= fmin (ay, by);
  return FALSE;
}

/* Does the segment touch the closed box: an end inside, or a crossing of one of its edges. */
static gboolean
seg_hits_box (double x0, double y0, double x1, double y1, box b)
{
  if ((x0 >= b.x && x0 <= b.x + b.w && y0 >= b.y && y0 <= b.y + b.h)
      || (x1 >= b.x && x1 <= b.x + b.w && y1 >= b.y && y1 <= b.y + b.h))
    return TRUE;
  double cx[4] = { b.x, b.x + b.w, b.x + b.w, b.x }, cy[4] = { b.y, b.y, b.y + b.h, b.y + b.h };
  for (int k = 0; k < 4; k++)
    if (segs_cross (x0, y0, x1, y1, cx[k], cy[k], cx[(k + 1) % 4], cy[(k + 1) % 4]))
      return TRUE;
  return FALSE;
}

/* Curve segments of CHART's visible series (as drawn on the axes of IN) that touch B. */
static int
curve_hits (const gp_chart *chart, const gp_draw_info *in, box b)
{
  int hits = 0;
  for (size_t i = 0; i < gp_chart_n_series (chart); i++)
    {
      const gp_series *s = gp_chart_get_series (chart, i);
      for (size_t k = 0; k + 1 < s->n; k++)
        hits += seg_hits_box (px_x (in, s->x[k]), px_y (in, s->y[k]), px_x (in, s->x[k + 1]),
                              px_y (in, s->y[k + 1]), b);
    }
  return hits;
}

static gp_draw_info
draw (const gp_chart *chart)
{
  cairo_surface_t *surf = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surf);
  gp_draw_info info;
  gp_error err = { 0 };
  g_assert_cmpint (gp_chart_draw (chart, cr, W, H, NULL, &info, &err), ==, GP_OK);
  cairo_destroy (cr);
  cairo_surface_destroy (surf);
  return info;
}

static gp_series *
line (gp_chart *c, const char *name, double x0, double y0, double x1, double y1)
{
  gp_error err = { 0 };
  gp_series *s = gp_chart_add_series (c, name, &err);
  g_assert_nonnull (s);
  /* ten pieces, as a sampled curve comes */
  for (int k = 0; k <= 10; k++)
    g_assert_cmpint (gp_series_append (s, x0 + (x1 - x0) * k / 10, y0 + (y1 - y0) * k / 10, &err),
                     ==, GP_OK);
  return s;
}

static gp_chart *
frame (void)
{
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  gp_axis_set_range (gp_chart_x_axis (c), 0, 10, NULL);
  gp_axis_set_range (gp_chart_y_axis (c), 0, 10, NULL);
  gp_chart_set_legend (c, GP_LEGEND_BELOW); /* the plot to the labels alone */
  return c;
}

static box
label_box (const gp_draw_label *l)
{
  return (box) { l->x, l->y, l->width, l->height };
}

static void
assert_inside_plot (const gp_draw_info *in, box b)
{
  g_assert_cmpfloat (b.x, >=, in->plot_x - 0.5);
  g_assert_cmpfloat (b.y, >=, in->plot_y - 0.5);
  g_assert_cmpfloat (b.x + b.w, <=, in->plot_x + in->plot_width + 0.5);
  g_assert_cmpfloat (b.y + b.h, <=, in->plot_y + in->plot_height + 0.5);
}

/* A star on the middle of three close parallel curves (the power-density card's systems and
 * cooling limits): the label's usual spot, right of the star, lies across the star's own
 * curve, and the spots just above and below it across the neighbours (0.6 y units = 15 px
 * apart at this size against a label 11-12 px tall). */
static void
test_label_off_curves (void)
{
  gp_chart *c = frame ();
  line (c, "below", 0, 4.4, 10, 4.4);
  line (c, "own", 0, 5, 10, 5);
  line (c, "above", 0, 5.6, 10, 5.6);
  g_assert_cmpint (gp_chart_add_annotation (c, GP_ANNOT_POINT, 5, 5, "dgx-h100-ndr", NULL), ==,
                   GP_OK);
  gp_draw_info in = draw (c);
  g_assert_cmpuint (in.n_labels, ==, 1);
  const gp_draw_label *l = &in.labels[0];
  g_assert_cmpfloat_with_epsilon (l->anchor_x, px_x (&in, 5), 1e-9);
  g_assert_cmpfloat_with_epsilon (l->anchor_y, px_y (&in, 5), 1e-9);
  /* The naive spot (left edge 6 px right of the star, centred on it) crosses the curve. */
  box naive = { l->anchor_x + 6, l->anchor_y - l->height / 2, l->width, l->height };
  g_assert_cmpint (curve_hits (c, &in, naive), >, 0);
  box b = label_box (l);
  g_assert_cmpint (curve_hits (c, &in, b), ==, 0);
  assert_inside_plot (&in, b);
  /* a label moved past the neighbour curves stays close: within a few text lines */
  g_assert_cmpfloat (fabs (b.y + b.h / 2 - l->anchor_y), <, 4 * l->height);
  gp_chart_free (c);
}

/* Four lines through the star: every spot next to it lies across one, so the label goes out
 * into the widest gap and a leader line joins it to the star. A second star on the same
 * horizontal line gets its own label, off the curves and off the first label. */
static void
test_label_between_crossing_curves (void)
{
  gp_chart *c = frame ();
  line (c, "h", 0, 5, 10, 5);
  line (c, "v", 5, 0, 5, 10);
  line (c, "d1", 0, 0, 10, 10);
  line (c, "d2", 0, 10, 10, 0);
  g_assert_cmpint (gp_chart_add_annotation (c, GP_ANNOT_POINT, 5, 5, "lite-gpu-glass", NULL),
                   ==, GP_OK);
  g_assert_cmpint (gp_chart_add_annotation (c, GP_ANNOT_POINT, 8, 5, "cs-3", NULL), ==, GP_OK);
  gp_draw_info in = draw (c);
  g_assert_cmpuint (in.n_labels, ==, 2);
  box a = label_box (&in.labels[0]), b = label_box (&in.labels[1]);
  g_assert_cmpint (curve_hits (c, &in, a), ==, 0);
  g_assert_cmpint (curve_hits (c, &in, b), ==, 0);
  assert_inside_plot (&in, a);
  assert_inside_plot (&in, b);
  g_assert_true (in.labels[0].leader);
  /* the labels do not overlap */
  gboolean overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  g_assert_false (overlap);
  /* nor cover the other star (radius 3.6 px) */
  double sx = px_x (&in, 8), sy = px_y (&in, 5);
  g_assert_false (sx + 3.6 > a.x && sx - 3.6 < a.x + a.w && sy + 3.6 > a.y && sy - 3.6 < a.y + a.h);
  gp_chart_free (c);
}

/* Nothing in the way: the label stays in its usual spot, right of the star, with no leader. */
static void
test_label_clear_stays_put (void)
{
  gp_chart *c = frame ();
  line (c, "low", 0, 1, 10, 1);
  g_assert_cmpint (gp_chart_add_annotation (c, GP_ANNOT_POINT, 5, 5, "dgx-h100", NULL), ==,
                   GP_OK);
  gp_draw_info in = draw (c);
  g_assert_cmpuint (in.n_labels, ==, 1);
  const gp_draw_label *l = &in.labels[0];
  g_assert_false (l->leader);
  /* star radius 4.5 px (the annotation's, with its outline) + 1.5 px gap */
  g_assert_cmpfloat_with_epsilon (l->x, l->anchor_x + 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (l->y + l->height / 2, l->anchor_y, 1e-9);
  gp_chart_free (c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/labels/off-curves", test_label_off_curves);
  g_test_add_func ("/ui/labels/between-crossing-curves", test_label_between_crossing_curves);
  g_test_add_func ("/ui/labels/clear-stays-put", test_label_clear_stays_put);
  return g_test_run ();
}
