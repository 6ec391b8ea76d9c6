/* gp-window.h: the explorer's main window: header bar (open, save, undo, export, console),
 * the sidebar (systems, and the selected system's or the study's parameters), the
 * comparison table and the chart cards, and the Lua console. */
#pragma once

#include <gtk/gtk.h>

#include "gp-session.h"

G_BEGIN_DECLS

#define GP_TYPE_WINDOW (gp_window_get_type ())
G_DECLARE_FINAL_TYPE (GpWindow, gp_window, GP, WINDOW, GtkApplicationWindow)

GpWindow *gp_window_new (GtkApplication *app, GpSession *session);
GpSession *gp_window_get_session (GpWindow *self);

/* Open PATH in this window (asks about unsaved changes first). */
void gp_window_open_path (GpWindow *self, const char *path);

/* Write every chart (SVG, PDF, PNG, CSV), the comparison (CSV, TSV), the design file and a
 * README.md summary into DIR (created). */
gboolean gp_window_export_report (GpWindow *self, const char *dir, GError **error);

/* For the self-test and the bench: the cards (GpChartCard *; asking makes any not yet made,
 * see gp-window-cards.c), how many are made so far, the comparison table, the parameter
 * panels. */
GPtrArray *gp_window_get_cards (GpWindow *self);
guint gp_window_get_n_cards_made (GpWindow *self);
GtkWidget *gp_window_get_table (GpWindow *self);
GtkWidget *gp_window_get_system_panel (GpWindow *self);
GtkWidget *gp_window_get_console (GpWindow *self);
/* The "Optimise…" window win.optimise opened (a GpOptimiseDialog), or NULL. */
GtkWidget *gp_window_get_optimise_dialog (GpWindow *self);

/* Skip the autosave and the restore offer (tests, bench). */
void gp_window_set_ephemeral (GpWindow *self, gboolean ephemeral);
/* Offer to restore an autosave left by a session that did not end cleanly. */
void gp_window_offer_restore (GpWindow *self);

G_END_DECLS
