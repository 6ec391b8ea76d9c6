/* gp-chart-view.c: GpChartView, a gp_chart on screen (see gp-chart-view.h).
 *
 * The chart library draws into any cairo_t, so the widget only hands it a cairo node of
 * its own size; hover uses the plot rectangle and resolved axes the last draw reported. */
#include "gp-chart-view.h"

#include <math.h>

struct _GpChartView {
  GtkWidget parent_instance;

  /* owned */
  gp_chart *chart;

  gp_draw_info info;  /* from the last draw */
  gboolean have_info;
  gboolean dark;
  gboolean skipped;   /* the last snapshot was out of view and drew nothing */
  guint draw_count;
};

G_DEFINE_FINAL_TYPE (GpChartView, gp_chart_view, GTK_TYPE_WIDGET)

static void
gp_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  GpChartView *self = GP_CHART_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  if (self->chart == NULL || w < 16 || h < 16)
    return;
  /* Out of the scrolled window's view: draw nothing now, redraw when scrolled in
   * (gp_chart_view_scrolled). Pango layout is most of a chart's cost. */
  GtkWidget *sw = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t b;
  if (sw && gtk_widget_compute_bounds (widget, sw, &b)
      && (b.origin.y + b.size.height < 0 || b.origin.y > gtk_widget_get_height (sw)))
    {
      self->skipped = TRUE;
      return;
    }
  self->skipped = FALSE;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gp_draw_options opts;
  gp_draw_options_init (&opts);
  opts.theme = self->dark ? GP_THEME_DARK : GP_THEME_LIGHT;
  /* Screen charts are wider than a paper column: scale type up a little with the width. */
  opts.scale = CLAMP (w / 420.0, 1.0, 1.35);
  gp_error err = { 0 };
  self->have_info = gp_chart_draw (self->chart, cr, w, h, &opts, &self->info, &err) == GP_OK;
  if (!self->have_info)
    g_warning ("glasspane: chart '%s': %s", gp_chart_get_title (self->chart), err.message);
  cairo_destroy (cr);
  self->draw_count++;
}

static void
nearest_point (GpChartView *self, double x, double y, double radius, GString *out)
{
  const gp_draw_info *in = &self->info;
  double best = radius * radius;
  const gp_series *bs = NULL;
  size_t bi = 0;
  for (size_t k = 0; k < gp_chart_n_series (self->chart); k++)
    {
      const gp_series *s = gp_chart_get_series (self->chart, k);
      if (s->hidden)
        continue;
      for (size_t i = 0; i < s->n; i++)
        {
          double tx = gp_axis_map (&in->x_axis, s->x[i]), ty = gp_axis_map (&in->y_axis, s->y[i]);
          if (!isfinite (tx) || !isfinite (ty))
            continue;
          double px = in->plot_x + tx * in->plot_width;
          double py = in->plot_y + (1 - ty) * in->plot_height;
          double d2 = (px - x) * (px - x) + (py - y) * (py - y);
          if (d2 < best)
            {
              best = d2;
              bs = s;
              bi = i;
            }
        }
    }
  if (bs == NULL)
    return;
  char xs[48], ys[48], xt[160], yt[160];
  gp_format_si (bs->x[bi], 4, xs, sizeof xs);
  gp_format_si (bs->y[bi], 4, ys, sizeof ys);
  gp_axis_title (&in->x_axis, xt, sizeof xt);
  gp_axis_title (&in->y_axis, yt, sizeof yt);
  g_string_append_printf (out, "%s\n%s: %s\n%s: %s", bs->name, xt, xs, yt, ys);
}

static void
category_values (GpChartView *self, double x, GString *out)
{
  const gp_draw_info *in = &self->info;
  size_t n = gp_chart_n_categories (self->chart);
  if (n == 0 || in->plot_width <= 0 || x < in->plot_x || x > in->plot_x + in->plot_width)
    return;
  size_t c = (size_t) ((x - in->plot_x) / in->plot_width * (double) n);
  if (c >= n)
    return;
  char yt[160];
  gp_axis_title (&in->y_axis, yt, sizeof yt);
  g_string_append_printf (out, "%s — %s", gp_chart_get_category (self->chart, c), yt);
  double total = 0;
  for (size_t k = 0; k < gp_chart_n_series (self->chart); k++)
    {
      const gp_series *s = gp_chart_get_series (self->chart, k);
      if (s->hidden || c >= s->n || !isfinite (s->y[c]))
        continue;
      char v[48];
      gp_format_si (s->y[c], 4, v, sizeof v);
      g_string_append_printf (out, "\n%s: %s", s->name, v);
      total += s->y[c];
    }
  if (gp_chart_get_kind (self->chart) == GP_CHART_STACKED_BAR)
    {
      char v[48];
      gp_format_si (total, 4, v, sizeof v);
      g_string_append_printf (out, "\ntotal: %s", v);
    }
}

static void
wafer_die_at (GpChartView *self, double x, double y, GString *out)
{
  size_t n_good = 0, n = gp_chart_wafer_n_dies (self->chart, &n_good);
  if (n == 0)
    return;
  g_string_append_printf (out, "%zu dies, %zu defect-free (%.1f%%)", n, n_good,
                          100.0 * (double) n_good / (double) n);
}

char *
gp_chart_view_describe_at (GpChartView *self, double x, double y, double radius)
{
  g_return_val_if_fail (GP_IS_CHART_VIEW (self), NULL);
  if (self->chart == NULL || !self->have_info || self->info.no_data)
    return NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  switch (gp_chart_get_kind (self->chart))
    {
    case GP_CHART_LINE:
    case GP_CHART_SCATTER:
      nearest_point (self, x, y, radius, out);
      break;
    case GP_CHART_STACKED_BAR:
    case GP_CHART_WATERFALL:
      category_values (self, x, out);
      break;
    case GP_CHART_WAFER_MAP:
      wafer_die_at (self, x, y, out);
      break;
    default:
      break;
    }
  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  gpointer data)
{
  g_autofree char *text = gp_chart_view_describe_at (GP_CHART_VIEW (widget), x, y, 24);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
gp_chart_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                       int *minimum, int *natural, int *min_baseline, int *nat_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 260 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 300;
}

static void
gp_chart_view_finalize (GObject *object)
{
  GpChartView *self = GP_CHART_VIEW (object);
  gp_chart_free (self->chart);
  G_OBJECT_CLASS (gp_chart_view_parent_class)->finalize (object);
}

static void
gp_chart_view_class_init (GpChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->finalize = gp_chart_view_finalize;
  widget_class->snapshot = gp_chart_view_snapshot;
  widget_class->measure = gp_chart_view_measure;
  gtk_widget_class_set_css_name (widget_class, "chartview");
}

static void
gp_chart_view_init (GpChartView *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

GtkWidget *
gp_chart_view_new (void)
{
  return g_object_new (GP_TYPE_CHART_VIEW, NULL);
}

void
gp_chart_view_take_chart (GpChartView *self, gp_chart *chart)
{
  g_return_if_fail (GP_IS_CHART_VIEW (self));
  if (self->chart != chart)
    gp_chart_free (self->chart);
  self->chart = chart;
  self->have_info = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gp_chart *
gp_chart_view_get_chart (GpChartView *self)
{
  return self->chart;
}

void
gp_chart_view_set_dark (GpChartView *self, gboolean dark)
{
  if (self->dark == dark)
    return;
  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gp_chart_view_scrolled (GpChartView *self)
{
  if (self->skipped)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gp_chart_view_get_skipped (GpChartView *self)
{
  return self->skipped;
}

guint
gp_chart_view_get_draw_count (GpChartView *self)
{
  return self->draw_count;
}
