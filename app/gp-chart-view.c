/* gp-chart-view.c: GpChartView, a gp_chart on screen (see gp-chart-view.h).
 *
 * The chart library draws into any cairo_t, so the widget only hands it a cairo node of
 * its own size; hover uses the plot rectangle and resolved axes the last draw reported.
 * Line and scatter charts zoom (Ctrl+wheel, about the pointer) and pan (drag); a double
 * click goes back to the chart's own ranges, which a new chart for the same view keeps
 * until then. A click on a point or a bar names its series or category ("activated"),
 * which the window uses to select that system. */
#include "gp-chart-view.h"

#include <math.h>

#include <glib/gi18n.h>

struct _GpChartView {
  GtkWidget parent_instance;

  /* owned */
  gp_chart *chart;

  gp_draw_info info;  /* from the last draw */
  gboolean have_info;
  gboolean dark;
  gboolean skipped;   /* the last snapshot was out of view and drew nothing */
  guint draw_count;

  gboolean zoomed;    /* the ranges below replace the chart's own on line/scatter charts */
  double zx0, zx1, zy0, zy1;
  gp_axis drag_x, drag_y; /* the axes as drawn when a drag began */
  gboolean dragging;
};

enum { SIGNAL_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

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
  gp_chart_kind kind = gp_chart_get_kind (self->chart);
  if (self->zoomed && (kind == GP_CHART_LINE || kind == GP_CHART_SCATTER))
    {
      gp_axis_set_range (gp_chart_x_axis (self->chart), self->zx0, self->zx1, NULL);
      gp_axis_set_range (gp_chart_y_axis (self->chart), self->zy0, self->zy1, NULL);
    }
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

static const gp_series *
nearest_series_point (GpChartView *self, double x, double y, double radius, size_t *index);

static void
nearest_point (GpChartView *self, double x, double y, double radius, GString *out)
{
  size_t bi = 0;
  const gp_series *bs = nearest_series_point (self, x, y, radius, &bi);
  if (bs == NULL)
    return;
  const gp_draw_info *in = &self->info;
  char xs[48], ys[48], xt[160], yt[160];
  gp_format_si (bs->x[bi], 4, xs, sizeof xs);
  gp_format_si (bs->y[bi], 4, ys, sizeof ys);
  gp_axis_title (&in->x_axis, xt, sizeof xt);
  gp_axis_title (&in->y_axis, yt, sizeof yt);
  g_string_append_printf (out, "%s\n%s: %s\n%s: %s", bs->name, xt, xs, yt, ys);
}

/* The series point nearest (X, Y) within RADIUS px, or NULL. */
static const gp_series *
nearest_series_point (GpChartView *self, double x, double y, double radius, size_t *index)
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
  *index = bi;
  return bs;
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
      g_string_append_printf (out, _("\ntotal: %s"), v);
    }
}

static void
wafer_die_at (GpChartView *self, double x, double y, GString *out)
{
  size_t n_good = 0, n = gp_chart_wafer_n_dies (self->chart, &n_good);
  if (n == 0)
    return;
  g_string_append_printf (out, _("%zu dies, %zu defect-free (%.1f%%)"), n, n_good,
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

/* ---- zoom, pan, click ---- */

static gboolean
zoomable (GpChartView *self)
{
  if (self->chart == NULL || !self->have_info || self->info.no_data)
    return FALSE;
  gp_chart_kind k = gp_chart_get_kind (self->chart);
  return (k == GP_CHART_LINE || k == GP_CHART_SCATTER) && self->info.plot_width > 0
         && self->info.plot_height > 0;
}

/* New ranges from positions on the drawn axes: X over [TX0, TX1], Y over [TY0, TY1]. */
static void
set_view (GpChartView *self, const gp_axis *ax, const gp_axis *ay, double tx0, double tx1,
          double ty0, double ty1)
{
  double x0 = gp_axis_unmap (ax, tx0), x1 = gp_axis_unmap (ax, tx1);
  double y0 = gp_axis_unmap (ay, ty0), y1 = gp_axis_unmap (ay, ty1);
  gp_axis tx = *ax, ty = *ay;
  /* gp_axis_set_range refuses what cannot be drawn (log <= 0, empty): keep the last view. */
  if (gp_axis_set_range (&tx, x0, x1, NULL) != GP_OK || gp_axis_set_range (&ty, y0, y1, NULL) != GP_OK)
    return;
  self->zoomed = TRUE;
  self->zx0 = x0, self->zx1 = x1, self->zy0 = y0, self->zy1 = y1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_wheel (GtkEventControllerScroll *c, double dx, double dy, gpointer data)
{
  GpChartView *self = data;
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (c));
  if (!(mods & GDK_CONTROL_MASK) || !zoomable (self))
    return FALSE; /* a plain wheel scrolls the page */
  double px, py;
  GdkEvent *ev = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (c));
  if (ev == NULL || !gdk_event_get_position (ev, &px, &py))
    return FALSE;
  graphene_point_t in = GRAPHENE_POINT_INIT (px, py), out;
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  if (native && gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self), &in, &out))
    px = out.x, py = out.y;
  const gp_draw_info *i = &self->info;
  double tx = CLAMP ((px - i->plot_x) / i->plot_width, 0, 1);
  double ty = CLAMP (1 - (py - i->plot_y) / i->plot_height, 0, 1);
  double f = dy > 0 ? 1.25 : 0.8; /* down zooms out */
  set_view (self, &i->x_axis, &i->y_axis, tx - tx * f, tx + (1 - tx) * f, ty - ty * f,
            ty + (1 - ty) * f);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *g, double x, double y, gpointer data)
{
  GpChartView *self = data;
  self->dragging = zoomable (self);
  if (!self->dragging)
    {
      gtk_gesture_set_state (GTK_GESTURE (g), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = self->info.x_axis;
  self->drag_y = self->info.y_axis;
}

static void
on_drag_update (GtkGestureDrag *g, double dx, double dy, gpointer data)
{
  GpChartView *self = data;
  if (!self->dragging || (fabs (dx) < 3 && fabs (dy) < 3))
    return;
  gtk_gesture_set_state (GTK_GESTURE (g), GTK_EVENT_SEQUENCE_CLAIMED);
  double sx = dx / self->info.plot_width, sy = -dy / self->info.plot_height;
  set_view (self, &self->drag_x, &self->drag_y, -sx, 1 - sx, -sy, 1 - sy);
}

static void
on_drag_end (GtkGestureDrag *g, double dx, double dy, gpointer data)
{
  GP_CHART_VIEW (data)->dragging = FALSE;
}

static void
on_click (GtkGestureClick *g, int n_press, double x, double y, gpointer data)
{
  GpChartView *self = data;
  if (n_press == 2)
    {
      gp_chart_view_reset_zoom (self);
      return;
    }
  if (n_press != 1 || self->chart == NULL || !self->have_info || self->info.no_data)
    return;
  const char *name = NULL;
  switch (gp_chart_get_kind (self->chart))
    {
    case GP_CHART_LINE:
    case GP_CHART_SCATTER:
      {
        size_t i;
        const gp_series *s = nearest_series_point (self, x, y, 12, &i);
        name = s ? s->name : NULL;
        break;
      }
    case GP_CHART_STACKED_BAR:
    case GP_CHART_WATERFALL:
      {
        const gp_draw_info *in = &self->info;
        size_t n = gp_chart_n_categories (self->chart);
        if (n && in->plot_width > 0 && x >= in->plot_x && x <= in->plot_x + in->plot_width)
          {
            size_t c = (size_t) ((x - in->plot_x) / in->plot_width * (double) n);
            name = c < n ? gp_chart_get_category (self->chart, c) : NULL;
          }
        break;
      }
    default:
      break;
    }
  if (name && name[0])
    g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0, name);
}

void
gp_chart_view_reset_zoom (GpChartView *self)
{
  g_return_if_fail (GP_IS_CHART_VIEW (self));
  if (!self->zoomed)
    return;
  self->zoomed = FALSE;
  gp_chart *c = self->chart;
  if (c != NULL)
    {
      /* The chart's own ranges were overwritten: back to fitting its data. */
      gp_chart_x_axis (c)->auto_range = TRUE;
      gp_chart_y_axis (c)->auto_range = TRUE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gp_chart_view_get_zoomed (GpChartView *self)
{
  return self->zoomed;
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

  /* activated (const char *name): a click on a point or bar of the series or category NAME
   * (in these charts, a system's name). */
  signals[SIGNAL_ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gp_chart_view_init (GpChartView *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  GtkEventController *wheel = gtk_event_controller_scroll_new (
      GTK_EVENT_CONTROLLER_SCROLL_VERTICAL | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (wheel, "scroll", G_CALLBACK (on_wheel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), wheel);
  GtkGesture *drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
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
  /* A zoomed view keeps its ranges on the new chart (drawn with them in the snapshot). */
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
