/* gp-chart-view.h: a widget that draws one gp_chart with the chart library's
 * gp_chart_draw() and says what is under the pointer in a tooltip. */
#pragma once

#include <gtk/gtk.h>

#include "gp-chart.h"

G_BEGIN_DECLS

#define GP_TYPE_CHART_VIEW (gp_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (GpChartView, gp_chart_view, GP, CHART_VIEW, GtkWidget)

GtkWidget *gp_chart_view_new (void);

/* Show CHART (the view takes ownership; NULL clears). */
void gp_chart_view_take_chart (GpChartView *self, gp_chart *chart);
gp_chart *gp_chart_view_get_chart (GpChartView *self);

void gp_chart_view_set_dark (GpChartView *self, gboolean dark);

/* The scrolled window around the view moved: draw if the last frame skipped it. */
void gp_chart_view_scrolled (GpChartView *self);
/* Whether the last snapshot was out of view (and drew nothing). */
gboolean gp_chart_view_get_skipped (GpChartView *self);

/* Frames drawn since creation (the bench and the self-test count redraws). */
guint gp_chart_view_get_draw_count (GpChartView *self);

/* Line and scatter charts: Ctrl+wheel zooms, a drag pans, a double click (or this) goes
 * back to the chart's own ranges. */
void gp_chart_view_reset_zoom (GpChartView *self);
gboolean gp_chart_view_get_zoomed (GpChartView *self);

/* Text for the point nearest (X, Y) in widget coordinates within RADIUS px, or NULL. */
char *gp_chart_view_describe_at (GpChartView *self, double x, double y, double radius);

G_END_DECLS
