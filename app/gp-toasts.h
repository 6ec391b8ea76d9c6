/* gp-toasts.h: short notices at the bottom of a window (AdwToastOverlay, libadwaita 1.2):
 * "Saved capex.svg - Open Folder", "System removed - Undo". */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Puts WINDOW's child inside a toast overlay (once; call after the template is built). */
void gp_toasts_install (GtkWindow *window);

/* A toast on WINDOW's overlay (nothing without one): TITLE, and when BUTTON_LABEL is set a
 * button activating ACTION_NAME (e.g. "win.undo") with TARGET (may be NULL; floating
 * references are sunk). */
void gp_toast (GtkWindow *window, const char *title, const char *button_label,
               const char *action_name, GVariant *target);

/* "Saved NAME" with an "Open Folder" button showing PATH's folder (app.show-folder). */
void gp_toast_saved (GtkWindow *window, const char *path);

G_END_DECLS
