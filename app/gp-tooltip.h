/* gp-tooltip.h: tooltips set without a round trip to the display server. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives WIDGET the tooltip TEXT (plain text; NULL or "" removes it), also as its accessible
 * description, as gtk_widget_set_tooltip_text does, but without that function's pointer
 * query: the text is kept on the widget and handed out from "query-tooltip". Setting the
 * text a widget already has costs a string compare. */
void gp_tooltip_set (GtkWidget *widget, const char *text);

/* The text gp_tooltip_set gave WIDGET, or NULL (for tests). */
const char *gp_tooltip_get (GtkWidget *widget);

G_END_DECLS
