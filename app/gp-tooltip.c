/* gp-tooltip.c: tooltips without a pointer query.
 *
 * GTK 4.8's gtk_widget_set_tooltip_text (and the tooltip-text property a .ui file sets)
 * calls gtk_tooltip_trigger_tooltip_query, which asks the display where the pointer is so
 * that a tooltip already showing can change: on X11 a synchronous XIQueryPointer, measured
 * at 120-160 us a call under Xvfb on the 2-core test VM, against under 1 us for the rest.
 * The window sets ~150 tooltips before its first frame (the parameter rows' sources and
 * reset buttons, the table's cells, the header's buttons) and more on every change, ~20 ms
 * of the start-up in all. Here the text is kept on the widget and given to GTK when it asks
 * ("query-tooltip", on hover), so a hovered widget shows the same tooltip; a tooltip that is
 * showing while its text changes keeps the old text until the pointer moves. */
#include "gp-tooltip.h"

static GQuark
tooltip_quark (void)
{
  static GQuark q;
  if (q == 0)
    q = g_quark_from_static_string ("gp-tooltip-text");
  return q;
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  gpointer data)
{
  const char *text = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
gp_tooltip_set (GtkWidget *widget, const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  if (text != NULL && text[0] == '\0')
    text = NULL;
  GObject *obj = G_OBJECT (widget);
  const char *old = g_object_get_qdata (obj, tooltip_quark ());
  if (g_strcmp0 (old, text) == 0)
    return;
  /* the handler is connected once, with the first text the widget gets */
  if (old == NULL && !g_object_get_data (obj, "gp-tooltip-connected"))
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_data (obj, "gp-tooltip-connected", GINT_TO_POINTER (1));
    }
  g_object_set_qdata_full (obj, tooltip_quark (), g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

const char *
gp_tooltip_get (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
}
