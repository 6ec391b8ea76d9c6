/* gp-dialogs.h: the few modal dialogs the explorer needs, in GTK 4.8 API (GtkMessageDialog
 * and GtkFileChooserNative; the alert and file dialogs of GTK 4.10 are not available). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal error with PRIMARY as the heading and SECONDARY (may be NULL) below it. */
void gp_show_error (GtkWindow *parent, const char *primary, const char *secondary);

typedef void (*GpFileChosenFunc) (GFile *file, gpointer user_data);

/* A native save (SAVE) or open dialog; CALLBACK runs with the chosen file (not with
 * NULL: cancelling does nothing). PATTERN like "*.lua" filters (NULL: none). */
void gp_choose_file (GtkWindow *parent, const char *title, gboolean save,
                     const char *current_name, const char *filter_name, const char *pattern,
                     GpFileChosenFunc callback, gpointer user_data);

/* The folder file dialogs open in: the open design's folder (NULL: the toolkit's choice,
 * for a design not saved yet). */
void gp_dialogs_set_folder (const char *folder);

G_END_DECLS
