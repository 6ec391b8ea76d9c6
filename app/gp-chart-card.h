/* gp-chart-card.h: one chart of the explorer: its title, an export menu (SVG, PDF, PNG,
 * CSV), the chart itself and a legend whose entries hide and show their series. */
#pragma once

#include <gtk/gtk.h>

#include "gp-chart-view.h"
#include "gp-charts.h"

G_BEGIN_DECLS

#define GP_TYPE_CHART_CARD (gp_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (GpChartCard, gp_chart_card, GP, CHART_CARD, GtkWidget)

GtkWidget *gp_chart_card_new (GpChartId id);
GpChartId gp_chart_card_get_id (GpChartCard *self);
GpChartView *gp_chart_card_get_view (GpChartCard *self);
/* The card's export menu button (its popover is built when first opened). */
GtkMenuButton *gp_chart_card_get_export_button (GpChartCard *self);

/* Rebuild the chart from SESSION, keeping the series the user hid hidden. */
void gp_chart_card_update (GpChartCard *self, GpSession *session);
void gp_chart_card_set_dark (GpChartCard *self, gboolean dark);

/* Hide or show the series named NAME (what a legend click does). */
void gp_chart_card_set_series_hidden (GpChartCard *self, const char *name, gboolean hidden);

/* Write the chart to PATH (format from the extension) with the paper defaults of
 * gp-export.h and its drawn legend. */
gboolean gp_chart_card_export (GpChartCard *self, const char *path, GError **error);

G_END_DECLS
