/* gp-dialogs.h: the few modal dialogs the explorer needs: messages and questions as
 * libadwaita 1.2's AdwMessageDialog, files through GtkFileChooserNative (GTK 4.8: the file
 * dialogs of GTK 4.10 are not available). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal error with PRIMARY as the heading and SECONDARY (may be NULL) below it. */
void gp_show_error (GtkWindow *parent, const char *primary, const char *secondary);

/* One button of gp_ask: LABEL with a mnemonic, the RESPONSE the callback gets, and its
 * look (ADW_RESPONSE_DEFAULT, _SUGGESTED or _DESTRUCTIVE, as an int). */
typedef struct {
  const char *label;
  int response;
  int appearance;
} GpAskButton;

typedef void (*GpAskFunc) (int response, gpointer user_data);

/* A modal question: HEADING, BODY (may be NULL), N buttons left to right; DEFAULT_RESPONSE
 * is Enter's, CLOSE_RESPONSE Escape's. CALLBACK runs once with the chosen response, after
 * the dialog is gone. */
void gp_ask (GtkWindow *parent, const char *heading, const char *body,
             const GpAskButton *buttons, int n, int default_response, int close_response,
             GpAskFunc callback, gpointer user_data);

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
