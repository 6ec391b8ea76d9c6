/* gp-window-cards.c: the window's chart cards, in their order, made on demand. The lowest
 * of GpWindow's files: gp-window.c makes them a few per frame after the first frame (start-
 * up, issue 24) and gp_window_get_cards and the report make the rest at once; calls nothing
 * in the other gp-window files. */
#include "gp-window-private.h"

#include "gp-chart-card.h"
#include "gp-charts.h"

/* The order of the cards: the comparison's story first (cost, power, carbon, time), then
 * how sure each is (5-95 % whiskers, the selected system's tornado), the questions of the
 * brief (scaling, Pareto, interconnect, the fabric's break-even energy, die size), then
 * power density against die size with the cooling limits, the memory tiers and embodied
 * carbon by part (issue 18), then the selected system's link budget and wafer. */
static const GpChartId card_order[] = {
  GP_CHART_ID_CAPEX,        GP_CHART_ID_POWER,       GP_CHART_ID_CARBON,
  GP_CHART_ID_STEPTIME,     GP_CHART_ID_UNCERTAINTY, GP_CHART_ID_TORNADO,
  GP_CHART_ID_SCALING,      GP_CHART_ID_PARETO,      GP_CHART_ID_INTERCONNECT,
  GP_CHART_ID_BREAK_EVEN,   GP_CHART_ID_DIE_COST,    GP_CHART_ID_YIELD,
  GP_CHART_ID_POWER_DENSITY, GP_CHART_ID_MEMORY_TIERS, GP_CHART_ID_EMBODIED_PARTS,
  GP_CHART_ID_LINK_BUDGET,  GP_CHART_ID_WAFER_MAP,
  GP_CHART_ID_FABRIC_SWEEP, GP_CHART_ID_FABRIC_SPEEDUP,
  /* the inference study, shown instead of the above by the study switch */
  GP_CHART_ID_INFERENCE_LATENCY, GP_CHART_ID_INFERENCE_COST, GP_CHART_ID_INFERENCE_ENERGY,
  GP_CHART_ID_INFERENCE_MEMORY,
};

/* A click on a system's bar or point in any chart selects that system. */
static void
on_chart_activated (GpChartView *view, const char *name, gpointer data)
{
  GpWindow *self = data;
  for (guint i = 0; i < gp_session_get_n_systems (self->session); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (self->session, i);
      if (g_str_equal (e->system.sys.name, name))
        {
          gp_session_set_selected_id (self->session, e->id);
          return;
        }
    }
}

gboolean
gp_window_make_cards (GpWindow *self, guint max)
{
  for (guint n = 0; n < max && self->cards->len < G_N_ELEMENTS (card_order); n++)
    {
      GpChartId id = card_order[self->cards->len];
      GtkWidget *card = gp_chart_card_new (id);
      gtk_widget_set_size_request (card, 300, 420);
      gp_chart_card_set_dark (GP_CHART_CARD (card), self->dark);
      gtk_flow_box_append (self->chart_flow, card);
      /* the study shown now, as gp_window_show_study sets it on the cards made before */
      GtkWidget *child = gtk_widget_get_parent (card); /* the GtkFlowBoxChild */
      gtk_widget_set_visible (child ? child : card,
                              gp_chart_id_is_inference (id) == self->inference_study);
      g_ptr_array_add (self->cards, card);
      g_signal_connect (gp_chart_card_get_view (GP_CHART_CARD (card)), "activated",
                        G_CALLBACK (on_chart_activated), self);
      gp_chart_card_update (GP_CHART_CARD (card), self->session);
    }
  return self->cards->len == G_N_ELEMENTS (card_order);
}
