/* gp-dialogs.c: error and file dialogs (see gp-dialogs.h). */
#include "gp-dialogs.h"

#include <stdlib.h>

#include <adwaita.h>
#include <glib/gi18n.h>

void
gp_show_error (GtkWindow *parent, const char *primary, const char *secondary)
{
  GtkWidget *d = adw_message_dialog_new (parent, primary, secondary);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (d), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (d), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (d), "close");
  gtk_window_present (GTK_WINDOW (d)); /* AdwMessageDialog closes itself on a response */
}

typedef struct {
  GpAskFunc callback;
  gpointer user_data;
} AskData;

static void
on_ask_response (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  AskData *ad = data;
  ad->callback (atoi (response), ad->user_data);
}

void
gp_ask (GtkWindow *parent, const char *heading, const char *body, const GpAskButton *buttons,
        int n, int default_response, int close_response, GpAskFunc callback,
        gpointer user_data)
{
  GtkWidget *d = adw_message_dialog_new (parent, heading, body);
  AdwMessageDialog *m = ADW_MESSAGE_DIALOG (d);
  for (int i = 0; i < n; i++)
    {
      char id[16];
      g_snprintf (id, sizeof id, "%d", buttons[i].response);
      adw_message_dialog_add_response (m, id, buttons[i].label);
      adw_message_dialog_set_response_appearance (m, id, buttons[i].appearance);
    }
  char def[16], close[16];
  g_snprintf (def, sizeof def, "%d", default_response);
  g_snprintf (close, sizeof close, "%d", close_response);
  adw_message_dialog_set_default_response (m, def);
  adw_message_dialog_set_close_response (m, close);
  AskData *ad = g_new0 (AskData, 1);
  ad->callback = callback;
  ad->user_data = user_data;
  g_signal_connect_data (d, "response", G_CALLBACK (on_ask_response), ad,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (d));
}

typedef struct {
  GpFileChosenFunc callback;
  gpointer user_data;
} ChooseData;

static void
on_chooser_response (GtkNativeDialog *native, int response, gpointer data)
{
  ChooseData *cd = data;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      if (file)
        cd->callback (file, cd->user_data);
    }
  g_free (cd);
  g_object_unref (native);
}

static char *dialog_folder; /* owned; NULL: the toolkit's default */

void
gp_dialogs_set_folder (const char *folder)
{
  g_free (dialog_folder);
  dialog_folder = g_strdup (folder);
}

void
gp_choose_file (GtkWindow *parent, const char *title, gboolean save, const char *current_name,
                const char *filter_name, const char *pattern, GpFileChosenFunc callback,
                gpointer user_data)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (
    title, parent, save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
    save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (dialog_folder && g_file_test (dialog_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GFile) dir = g_file_new_for_path (dialog_folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), dir, NULL);
    }
  if (save && current_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), current_name);
  if (pattern)
    {
      g_autoptr (GtkFileFilter) f = gtk_file_filter_new ();
      gtk_file_filter_set_name (f, filter_name ? filter_name : pattern);
      gtk_file_filter_add_pattern (f, pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f);
      g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
    }
  ChooseData *cd = g_new0 (ChooseData, 1);
  cd->callback = callback;
  cd->user_data = user_data;
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), cd);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
