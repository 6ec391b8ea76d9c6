/* gp-window-actions.c: GpWindow's actions (win.*), installed once in class_init; their
 * enabled state follows the session's properties (can-undo, dirty, busy, ...). */
#include "gp-window-private.h"

#include "gp-chart-card.h"
#include "gp-charts.h"
#include "gp-comparison-table.h"
#include "gp-console.h"
#include "gp-dialogs.h"
#include "gp-toasts.h"
#include "gp-uncertainty-dialog.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <glib/gstdio.h>

#define DESIGN_FILTER_NAME _("glasspane designs (*.lua)")
#define DESIGN_PATTERN "*.lua"

/* Callbacks here are installed on GpWindow's class, so their widget is a GpWindow: a plain
 * cast, which keeps this file from calling up into gp-window.c for the type check. */
#define SELF(w) ((GpWindow *) (w))

/* ---- autosave file ---- */

char *
gp_window_autosave_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "glasspane", "autosave.lua", NULL);
}

void
gp_window_clear_autosave (GpWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->ephemeral)
    return;
  g_autofree char *path = gp_window_autosave_path ();
  g_unlink (path);
}


void
gp_window_update_actions (GpWindow *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  GpSession *s = self->session;
  if (s == NULL)
    return;
  gboolean has_sel = gp_session_get_selected (s) != NULL;
  guint n = gp_session_get_n_systems (s);
  gtk_widget_action_set_enabled (w, "win.undo", gp_session_get_can_undo (s));
  gtk_widget_action_set_enabled (w, "win.redo", gp_session_get_can_redo (s));
  gtk_widget_action_set_enabled (w, "win.cancel", gp_session_get_busy (s));
  gtk_widget_action_set_enabled (w, "win.duplicate-system", has_sel && n < GP_SESSION_MAX_SYSTEMS);
  gtk_widget_action_set_enabled (w, "win.add-system", n < GP_SESSION_MAX_SYSTEMS);
  gtk_widget_action_set_enabled (w, "win.remove-system", has_sel && n > 1);
  const GpSystemEntry *sel = gp_session_get_selected (s);
  gtk_widget_action_set_enabled (w, "win.set-baseline",
                                 sel && sel->id != gp_session_get_baseline_id (s));
  gtk_widget_action_set_enabled (w, "win.optimise", sel && sel->have_plan);
  gtk_widget_action_set_enabled (w, "win.run-uncertainty", n > 0);
}

void
gp_window_update_recent (GpWindow *self)
{
  if (self->recent_section == NULL)
    return;
  g_menu_remove_all (self->recent_section);
  GtkRecentManager *rm = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (rm);
  guint added = 0;
  for (GList *l = items; l && added < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      if (!gtk_recent_info_has_application (info, g_get_application_name ()))
        continue;
      g_autofree char *path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
      if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      g_autoptr (GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", path);
      g_menu_append_item (self->recent_section, item);
      added++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
add_recent (GpWindow *self, const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  if (uri)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  gp_window_update_recent (self);
}

/* ---- unsaved changes ---- */

typedef struct {
  GpWindow *self;
  void (*then) (GpWindow *self);
} DiscardData;

static void save_then (GpWindow *self, void (*then) (GpWindow *self));

static void
on_discard_response (int response, gpointer data)
{
  DiscardData *d = data;
  if (response == GTK_RESPONSE_REJECT)
    d->then (d->self);
  else if (response == GTK_RESPONSE_ACCEPT)
    save_then (d->self, d->then);
  g_object_unref (d->self);
  g_free (d);
}

void
gp_window_confirm_discard (GpWindow *self, void (*then) (GpWindow *self))
{
  if (!gp_session_get_dirty (self->session))
    {
      then (self);
      return;
    }
  g_autofree char *title = gp_session_dup_title (self->session);
  /* Translators: %s is the design's name. */
  g_autofree char *heading = g_strdup_printf (_("Save changes to “%s”?"), title);
  const GpAskButton buttons[] = {
    { _("_Cancel"), GTK_RESPONSE_CANCEL, ADW_RESPONSE_DEFAULT },
    { _("_Discard"), GTK_RESPONSE_REJECT, ADW_RESPONSE_DESTRUCTIVE },
    { _("_Save"), GTK_RESPONSE_ACCEPT, ADW_RESPONSE_SUGGESTED },
  };
  DiscardData *d = g_new0 (DiscardData, 1);
  d->self = g_object_ref (self);
  d->then = then;
  gp_ask (GTK_WINDOW (self), heading, _("Unsaved parameter changes will be lost."), buttons,
          G_N_ELEMENTS (buttons), GTK_RESPONSE_ACCEPT, GTK_RESPONSE_CANCEL, on_discard_response,
          d);
}

/* ---- open and save ---- */

static char *pending_open; /* the path win.open-recent / gp_window_open_path asked for */

static void
do_open_pending (GpWindow *self)
{
  g_autofree char *path = g_steal_pointer (&pending_open);
  if (path == NULL)
    return;
  g_autoptr (GError) error = NULL;
  if (!gp_session_load_file (self->session, path, &error))
    {
      gp_show_error (GTK_WINDOW (self), _("The design could not be opened"), error->message);
      return;
    }
  gp_window_clear_autosave (self);
  add_recent (self, path);
}

void
gp_window_open_path (GpWindow *self, const char *path)
{
  g_free (pending_open);
  pending_open = g_strdup (path);
  gp_window_confirm_discard (self, do_open_pending);
}

static void
on_open_chosen (GFile *file, gpointer data)
{
  g_autofree char *path = g_file_get_path (file);
  g_free (pending_open);
  pending_open = g_strdup (path);
  do_open_pending (data);
}

static void
choose_open (GpWindow *self)
{
  gp_choose_file (GTK_WINDOW (self), _("Open Design"), FALSE, NULL, DESIGN_FILTER_NAME,
                  DESIGN_PATTERN, on_open_chosen, self);
}

static void
open_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_window_confirm_discard (SELF (w), choose_open);
}

static void
open_recent_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_window_open_path (SELF (w), g_variant_get_string (param, NULL));
}

static void
do_new (GpWindow *self)
{
  g_autoptr (GError) error = NULL;
  if (!gp_session_load_default (self->session, &error))
    gp_show_error (GTK_WINDOW (self), _("The default comparison could not be loaded"),
                   error->message);
  gp_window_clear_autosave (self);
}

static void
new_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_window_confirm_discard (SELF (w), do_new);
}

typedef struct {
  GpWindow *self;
  void (*then) (GpWindow *self);
} SaveData;

static gboolean
save_to (GpWindow *self, const char *path)
{
  g_autoptr (GError) error = NULL;
  if (!gp_session_save_file (self->session, path, &error))
    {
      gp_show_error (GTK_WINDOW (self), _("The design could not be saved"), error->message);
      return FALSE;
    }
  gp_window_clear_autosave (self);
  add_recent (self, path);
  return TRUE;
}

static void
on_save_chosen (GFile *file, gpointer data)
{
  SaveData *sd = data;
  g_autofree char *path = g_file_get_path (file);
  if (save_to (sd->self, path) && sd->then)
    sd->then (sd->self);
  g_object_unref (sd->self);
  g_free (sd);
}

static void
save_as_then (GpWindow *self, void (*then) (GpWindow *self))
{
  SaveData *sd = g_new0 (SaveData, 1);
  sd->self = g_object_ref (self);
  sd->then = then;
  g_autofree char *title = gp_session_dup_title (self->session);
  g_autofree char *name = g_str_has_suffix (title, ".lua") ? g_strdup (title)
                                                           : g_strdup ("design.lua");
  gp_choose_file (GTK_WINDOW (self), _("Save Design"), TRUE, name, DESIGN_FILTER_NAME,
                  DESIGN_PATTERN, on_save_chosen, sd);
}

static void
save_then (GpWindow *self, void (*then) (GpWindow *self))
{
  const char *path = gp_session_get_path (self->session);
  if (path == NULL)
    {
      save_as_then (self, then);
      return;
    }
  if (save_to (self, path) && then)
    then (self);
}

static void
save_action (GtkWidget *w, const char *name, GVariant *param)
{
  save_then (SELF (w), NULL);
}

static void
save_as_action (GtkWidget *w, const char *name, GVariant *param)
{
  save_as_then (SELF (w), NULL);
}

/* ---- editing ---- */

static void
undo_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_session_undo (SELF (w)->session);
}

static void
redo_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_session_redo (SELF (w)->session);
}

static void
cancel_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_session_cancel (SELF (w)->session);
}

static void
add_system_action (GtkWidget *w, const char *name, GVariant *param)
{
  GpWindow *self = SELF (w);
  g_autoptr (GError) error = NULL;
  if (gp_session_add_preset (self->session, g_variant_get_string (param, NULL), &error) == 0)
    gp_show_error (GTK_WINDOW (self), _("The system could not be added"), error->message);
}

static void
duplicate_action (GtkWidget *w, const char *name, GVariant *param)
{
  GpWindow *self = SELF (w);
  const GpSystemEntry *e = gp_session_get_selected (self->session);
  if (e)
    gp_session_duplicate (self->session, e->id);
}

static void
remove_action (GtkWidget *w, const char *name, GVariant *param)
{
  GpWindow *self = SELF (w);
  const GpSystemEntry *e = gp_session_get_selected (self->session);
  if (e)
    {
      /* Translators: a toast; its button undoes the removal. */
      g_autofree char *title = g_strdup_printf (_("%s removed"), e->system.sys.name);
      gp_session_remove (self->session, e->id);
      gp_toast (GTK_WINDOW (self), title, _("_Undo"), "win.undo", NULL);
    }
}

static void
baseline_action (GtkWidget *w, const char *name, GVariant *param)
{
  GpWindow *self = SELF (w);
  const GpSystemEntry *e = gp_session_get_selected (self->session);
  if (e)
    gp_session_set_baseline_id (self->session, e->id);
}

static void
copy_table_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_comparison_table_copy (GP_COMPARISON_TABLE (SELF (w)->table));
}

/* ---- uncertainty and optimisation ---- */

/* One "Optimise…" window at a time, for the system selected when it opened. */
static void
optimise_action (GtkWidget *w, const char *name, GVariant *param)
{
  GpWindow *self = SELF (w);
  const GpSystemEntry *e = gp_session_get_selected (self->session);
  if (e == NULL)
    return;
  if (self->optimise)
    gtk_window_destroy (GTK_WINDOW (self->optimise));
  self->optimise = gp_optimise_dialog_new (GTK_WINDOW (self), self->session, e->id);
  g_object_add_weak_pointer (G_OBJECT (self->optimise), (gpointer *) &self->optimise);
  gtk_window_present (GTK_WINDOW (self->optimise));
}

static void
run_uncertainty_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_session_run_uncertainty (SELF (w)->session);
}

/* ---- export, console ---- */

static void
on_report_chosen (GFile *file, gpointer data)
{
  GpWindow *self = data;
  g_autofree char *dir = g_file_get_path (file);
  g_autoptr (GError) error = NULL;
  if (!gp_window_export_report (self, dir, &error))
    gp_show_error (GTK_WINDOW (self), _("The report could not be written"), error->message);
  else
    gp_toast_saved (GTK_WINDOW (self), dir);
}

static void
export_report_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_choose_file (GTK_WINDOW (w), _("Export Report Folder (a new folder name)"), TRUE,
                  "glasspane-report", NULL, NULL, on_report_chosen, w);
}

static void
show_console_action (GtkWidget *w, const char *name, GVariant *param)
{
  GpWindow *self = SELF (w);
  gboolean show = !gtk_widget_get_visible (self->console_slot);
  gtk_widget_set_visible (self->console_slot, show);
  gtk_toggle_button_set_active (self->console_button, show);
  if (show)
    gtk_widget_grab_focus (self->console);
}

/* The study switch: show the training or the inference cards. */
void
gp_window_show_study (GpWindow *self, gboolean inference)
{
  self->inference_study = inference;
  for (guint i = 0; i < self->cards->len; i++)
    {
      GtkWidget *card = self->cards->pdata[i];
      gboolean show = gp_chart_id_is_inference (gp_chart_card_get_id (GP_CHART_CARD (card)))
                      == inference;
      GtkWidget *child = gtk_widget_get_parent (card); /* the GtkFlowBoxChild */
      gtk_widget_set_visible (child ? child : card, show);
    }
  if (self->study_button)
    gtk_toggle_button_set_active (self->study_button, inference);
}

static void
inference_study_action (GtkWidget *w, const char *name, GVariant *param)
{
  GpWindow *self = SELF (w);
  gp_window_show_study (self, !self->inference_study);
}

static void
on_script_chosen (GFile *file, gpointer data)
{
  GpWindow *self = data;
  g_autofree char *path = g_file_get_path (file);
  if (!gtk_widget_get_visible (self->console_slot))
    show_console_action (GTK_WIDGET (self), NULL, NULL);
  gp_console_run_file (GP_CONSOLE (self->console), path);
}

static void
run_script_action (GtkWidget *w, const char *name, GVariant *param)
{
  gp_choose_file (GTK_WINDOW (w), _("Run Lua Script"), FALSE, NULL, _("Lua scripts (*.lua)"),
                  "*.lua", on_script_chosen, w);
}

/* Hide the systems and parameters to give the comparison the whole window (F9). */
static void
toggle_sidebar_action (GtkWidget *w, const char *name, GVariant *param)
{
  GpWindow *self = SELF (w);
  gboolean show = !gtk_widget_get_visible (self->sidebar);
  gtk_widget_set_visible (self->sidebar, show);
  gtk_toggle_button_set_active (self->sidebar_button, show);
}

void
gp_window_class_install_actions (GtkWidgetClass *wc)
{
  gtk_widget_class_install_action (wc, "win.new", NULL, new_action);
  gtk_widget_class_install_action (wc, "win.open", NULL, open_action);
  gtk_widget_class_install_action (wc, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (wc, "win.save", NULL, save_action);
  gtk_widget_class_install_action (wc, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (wc, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (wc, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (wc, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (wc, "win.add-system", "s", add_system_action);
  gtk_widget_class_install_action (wc, "win.duplicate-system", NULL, duplicate_action);
  gtk_widget_class_install_action (wc, "win.remove-system", NULL, remove_action);
  gtk_widget_class_install_action (wc, "win.set-baseline", NULL, baseline_action);
  gtk_widget_class_install_action (wc, "win.copy-table", NULL, copy_table_action);
  gtk_widget_class_install_action (wc, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (wc, "win.show-console", NULL, show_console_action);
  gtk_widget_class_install_action (wc, "win.inference-study", NULL, inference_study_action);
  gtk_widget_class_install_action (wc, "win.run-script", NULL, run_script_action);
  gtk_widget_class_install_action (wc, "win.optimise", NULL, optimise_action);
  gtk_widget_class_install_action (wc, "win.run-uncertainty", NULL, run_uncertainty_action);
  gtk_widget_class_install_action (wc, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  /* Window bindings (the application's accelerator table is not the window's to edit);
   * ui/gtk/help-overlay.ui lists them. */
  gtk_widget_class_add_binding_action (wc, GDK_KEY_m, GDK_CONTROL_MASK, "win.optimise", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_u, GDK_CONTROL_MASK, "win.run-uncertainty",
                                       NULL);
}
