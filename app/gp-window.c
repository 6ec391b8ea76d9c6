/* gp-window.c: GpWindow, the explorer's main window (see gp-window.h). Actions live in
 * gp-window-actions.c. */
#include "gp-window-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gp-chart-card.h"
#include "gp-charts.h"
#include "gp-comparison-table.h"
#include "gp-console.h"
#include "gp-dialogs.h"
#include "gp-export.h"
#include "gp-param-panel.h"
#include "gp-system-list.h"
#include "gp-toasts.h"
#include "gp-tooltip.h"

G_DEFINE_FINAL_TYPE (GpWindow, gp_window, GTK_TYPE_APPLICATION_WINDOW)

/* Autosave this long after the last change. */
#define AUTOSAVE_DELAY_S 5

static gboolean
autosave_now (gpointer data)
{
  GpWindow *self = data;
  self->autosave_id = 0;
  if (!gp_session_get_dirty (self->session))
    {
      gp_window_clear_autosave (self);
      return G_SOURCE_REMOVE;
    }
  g_autofree char *path = gp_window_autosave_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !gp_session_save_copy (self->session, path, &error))
    g_warning ("glasspane: autosave to %s failed: %s", path,
               error ? error->message : g_strerror (errno));
  return G_SOURCE_REMOVE;
}

/* The workload picker shows the study's workload (or nothing, for one not among the
 * presets, e.g. edited by hand). */
static void
sync_workload (GpWindow *self)
{
  if (self->workload_names == NULL)
    return;
  const char *now = gp_session_get_study (self->session)->workload.name;
  guint pos = GTK_INVALID_LIST_POSITION;
  for (guint i = 0; self->workload_names[i]; i++)
    if (g_str_equal (self->workload_names[i], now))
      pos = i;
  if (gtk_drop_down_get_selected (self->workload_picker) != pos)
    {
      self->syncing = TRUE;
      gtk_drop_down_set_selected (self->workload_picker, pos);
      self->syncing = FALSE;
    }
}

static void
on_workload_picked (GObject *dd, GParamSpec *pspec, gpointer data)
{
  GpWindow *self = data;
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (dd));
  if (self->syncing || pos == GTK_INVALID_LIST_POSITION || self->workload_names == NULL)
    return;
  const char *name = self->workload_names[pos];
  if (g_str_equal (name, gp_session_get_study (self->session)->workload.name))
    return;
  g_autoptr (GError) error = NULL;
  if (!gp_session_set_workload (self->session, name, &error))
    {
      g_warning ("glasspane: %s", error->message);
      sync_workload (self);
    }
}

static void
update_title (GpWindow *self)
{
  g_autofree char *title = gp_session_dup_title (self->session);
  gboolean dirty = gp_session_get_dirty (self->session);
  g_autofree char *t = g_strdup_printf ("%s%s", dirty ? "• " : "", title);
  gtk_label_set_text (self->title_label, t);
  const char *path = gp_session_get_path (self->session);
  /* Exports and Save As start beside the design. */
  g_autofree char *folder = path ? g_path_get_dirname (path) : NULL;
  gp_dialogs_set_folder (folder);
  /* The subtitle says what is being compared; the file is in the tooltip. */
  g_autofree char *summary = gp_session_dup_summary (self->session);
  gtk_label_set_text (self->subtitle_label, summary);
  g_autofree char *tip = g_strdup_printf ("%s\n%s", summary,
                                          path ? path : _("data/comparison.lua (not saved yet)"));
  gp_tooltip_set (GTK_WIDGET (self->subtitle_label), tip);
  sync_workload (self);
  g_autofree char *wt = g_strdup_printf (_("%s — glasspane"), title);
  gtk_window_set_title (GTK_WINDOW (self), wt);
}

static void
update_busy (GpWindow *self)
{
  gboolean busy = gp_session_get_busy (self->session);
  gtk_widget_set_visible (self->busy_box, busy);
  if (busy)
    {
      gtk_spinner_start (self->busy_spinner);
      const char *what = gp_session_get_activity (self->session);
      /* the percentage first: in a narrow window the label ellipsizes from the end */
      g_autofree char *t = g_strdup_printf (_("%.0f%% %s…"),
                                            100 * gp_session_get_progress (self->session),
                                            what ? what : _("Working"));
      gtk_label_set_text (self->busy_label, t);
      /* the label ellipsizes so the title keeps its room in narrow windows */
      gp_tooltip_set (GTK_WIDGET (self->busy_label), t);
    }
  else
    gtk_spinner_stop (self->busy_spinner);
}

/* Start-up (issue 24): the chart cards cost ~40 ms of making, layout and paint on the test
 * VM, an eighth of the time to the first frame, and are out of sight below the table then.
 * The first tick's frame is the first frame: the cards are made from the next one on, a
 * few a frame so none is long; gp_window_get_cards and the report make the rest at once. */
#define CARDS_PER_FRAME 4

static gboolean
cards_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  GpWindow *self = GP_WINDOW (widget);
  if (!self->cards_tick_primed)
    {
      self->cards_tick_primed = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (!gp_window_make_cards (self, CARDS_PER_FRAME))
    return G_SOURCE_CONTINUE;
  self->cards_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
update_cards (GpWindow *self, guint what)
{
  for (guint i = 0; i < self->cards->len; i++)
    gp_chart_card_update (self->cards->pdata[i], self->session);
}

static void
on_session_changed (GpSession *session, guint what, gpointer data)
{
  GpWindow *self = data;
  update_cards (self, what);
  update_title (self);
  gp_window_update_actions (self);
  if (!self->ephemeral && gp_session_get_dirty (session))
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_S, autosave_now, self);
    }
}

static void
on_session_notify (GObject *obj, GParamSpec *pspec, gpointer data)
{
  GpWindow *self = data;
  update_busy (self);
  update_title (self);
  gp_window_update_actions (self);
}

/* Light or dark charts: libadwaita's style manager (which follows the desktop's
 * colour-scheme preference, or GLASSPANE_STYLE). */
static void
update_dark (GpWindow *self)
{
  /* GTK_THEME=Adwaita:dark sets the style without the style manager knowing. */
  const char *env = g_getenv ("GTK_THEME");
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ())
                  || (env && g_str_has_suffix (env, ":dark"));
  self->dark = dark;
  for (guint i = 0; i < self->cards->len; i++)
    gp_chart_card_set_dark (self->cards->pdata[i], dark);
  gtk_widget_queue_draw (self->system_list_slot);
}

static void
on_scrolled (GtkAdjustment *adj, gpointer data)
{
  GpWindow *self = data;
  for (guint i = 0; i < self->cards->len; i++)
    gp_chart_view_scrolled (gp_chart_card_get_view (self->cards->pdata[i]));
}

static void
on_settings_notify (GObject *obj, GParamSpec *pspec, gpointer data)
{
  update_dark (data);
}

/* ---- close guard ---- */

static void
close_now (GpWindow *self)
{
  self->close_confirmed = TRUE;
  gp_window_clear_autosave (self);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
gp_window_close_request (GtkWindow *window)
{
  GpWindow *self = GP_WINDOW (window);
  if (self->close_confirmed || !gp_session_get_dirty (self->session))
    {
      gp_session_cancel (self->session);
      gp_window_clear_autosave (self);
      return GTK_WINDOW_CLASS (gp_window_parent_class)->close_request (window);
    }
  gp_window_confirm_discard (self, close_now);
  return TRUE;
}


/* ---- restore ---- */

static void
on_restore_response (int response, gpointer data)
{
  GpWindow *self = data;
  g_autofree char *path = gp_window_autosave_path ();
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GError) error = NULL;
      if (!gp_session_load_file (self->session, path, &error))
        gp_show_error (GTK_WINDOW (self), _("The autosaved design could not be restored"),
                       error->message);
      /* Restored work is unsaved work: it has no file of its own yet. */
    }
  else
    g_unlink (path);
}

void
gp_window_offer_restore (GpWindow *self)
{
  g_autofree char *path = gp_window_autosave_path ();
  if (self->ephemeral || !g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  g_autofree char *body = g_strdup_printf (_("glasspane did not close cleanly last time. An "
                                             "autosaved design is in %s."), path);
  const GpAskButton buttons[] = {
    { _("_Discard"), GTK_RESPONSE_REJECT, ADW_RESPONSE_DESTRUCTIVE },
    { _("_Restore"), GTK_RESPONSE_ACCEPT, ADW_RESPONSE_SUGGESTED },
  };
  gp_ask (GTK_WINDOW (self), _("Restore unsaved work?"), body, buttons, G_N_ELEMENTS (buttons),
          GTK_RESPONSE_ACCEPT, GTK_RESPONSE_REJECT, on_restore_response, self);
}

/* ---- construction ---- */

static void
gp_window_dispose (GObject *object)
{
  GpWindow *self = GP_WINDOW (object);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->cards_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->cards_tick);
  self->cards_tick = 0;
  if (self->optimise)
    {
      GtkWidget *d = self->optimise;
      g_object_remove_weak_pointer (G_OBJECT (d), (gpointer *) &self->optimise);
      self->optimise = NULL;
      gtk_window_destroy (GTK_WINDOW (d));
    }
  if (self->session)
    {
      g_clear_signal_handler (&self->changed_id, self->session);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_signal_handlers_disconnect_by_data (gtk_widget_get_settings (GTK_WIDGET (self)), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_WINDOW);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (gp_window_parent_class)->dispose (object);
}

static void
gp_window_finalize (GObject *object)
{
  g_ptr_array_unref (GP_WINDOW (object)->cards);
  g_clear_object (&GP_WINDOW (object)->recent_section);
  g_strfreev (GP_WINDOW (object)->workload_names);
  G_OBJECT_CLASS (gp_window_parent_class)->finalize (object);
}

static void
gp_window_class_init (GpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  object_class->dispose = gp_window_dispose;
  object_class->finalize = gp_window_finalize;
  window_class->close_request = gp_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/glasspane/Glasspane/gp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GpWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, console_button);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, study_button);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, busy_box);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, system_list_slot);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, param_stack);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, content_scroller);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, table_slot);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, chart_flow);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, console_slot);
  gp_window_class_install_actions (widget_class);
}

static void
gp_window_init (GpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_ptr_array_new ();
  /* Recent files: a submenu of the main menu, filled from GtkRecentManager. (A menu bound
   * as a template child trips gtk_widget_dispose_template on 4.8, so it is made here.) */
  self->recent_section = g_menu_new ();
  GMenu *primary = G_MENU (gtk_menu_button_get_menu_model (self->menu_button));
  g_autoptr (GMenu) sub = g_menu_new ();
  g_menu_append_section (sub, NULL, G_MENU_MODEL (self->recent_section));
  g_menu_insert_submenu (primary, 1, _("Open _Recent"), G_MENU_MODEL (sub));
}

GpWindow *
gp_window_new (GtkApplication *app, GpSession *session)
{
  GpWindow *self = g_object_new (GP_TYPE_WINDOW, "application", app, NULL);
  self->session = g_object_ref (session);

  gtk_box_append (GTK_BOX (self->system_list_slot), gp_system_list_new (session));
  self->system_panel = gp_param_panel_new (session, FALSE);
  self->study_panel = gp_param_panel_new (session, TRUE);
  gtk_stack_add_titled (self->param_stack, self->system_panel, "system", _("Selected system"));
  gtk_stack_add_titled (self->param_stack, self->study_panel, "study", _("Study (all systems)"));
  gp_param_panel_expand (GP_PARAM_PANEL (self->system_panel), GP_GROUP_POWER);
  gp_param_panel_expand (GP_PARAM_PANEL (self->study_panel), GP_GROUP_RUN);

  self->table = gp_comparison_table_new (session);
  gtk_box_append (GTK_BOX (self->table_slot), self->table);
  /* The cards are below the table, out of sight in a window of ordinary height: they are
   * made after the first frame, a few per frame (cards_tick). */
  self->cards_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), cards_tick, NULL, NULL);
  self->console = gp_console_new (session);
  gtk_widget_set_vexpand (self->console, TRUE);
  gtk_box_append (GTK_BOX (self->console_slot), self->console);

  /* The model being trained, one click away: the workloads of data/workloads.lua. */
  self->workload_names = gp_session_list_workloads (session);
  self->workload_picker = GTK_DROP_DOWN (
      gtk_drop_down_new_from_strings ((const char *const *) self->workload_names));
  gp_tooltip_set (GTK_WIDGET (self->workload_picker),
                  _("The model every system trains (data/workloads.lua); its "
                    "shape is in Study > Workload"));
  gtk_header_bar_pack_start (GTK_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (self))),
                             GTK_WIDGET (self->workload_picker));
  g_signal_connect (self->workload_picker, "notify::selected", G_CALLBACK (on_workload_picked),
                    self);

  self->changed_id = g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), self);
  const char *props[] = { "notify::busy", "notify::progress", "notify::dirty",
                          "notify::can-undo", "notify::can-redo", "notify::path" };
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    g_signal_connect (session, props[i], G_CALLBACK (on_session_notify), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_settings_notify), self, 0);
  gp_toasts_install (GTK_WINDOW (self));
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->content_scroller));
  g_signal_connect_object (vadj, "value-changed", G_CALLBACK (on_scrolled), self, 0);
  g_signal_connect_object (vadj, "changed", G_CALLBACK (on_scrolled), self, 0);
  update_dark (self);
  gp_window_show_study (self, FALSE); /* the cards, made later, take the study from it */
  update_title (self);
  update_busy (self);
  gp_window_update_actions (self);
  gp_window_update_recent (self);
  return self;
}

GpSession *
gp_window_get_session (GpWindow *self)
{
  return self->session;
}

GPtrArray *
gp_window_get_cards (GpWindow *self)
{
  gp_window_make_cards (self, G_MAXUINT);
  return self->cards;
}

guint
gp_window_get_n_cards_made (GpWindow *self)
{
  return self->cards->len;
}

GtkWidget *
gp_window_get_table (GpWindow *self)
{
  return self->table;
}

GtkWidget *
gp_window_get_system_panel (GpWindow *self)
{
  return self->system_panel;
}

GtkWidget *
gp_window_get_console (GpWindow *self)
{
  return self->console;
}

GtkWidget *
gp_window_get_optimise_dialog (GpWindow *self)
{
  return self->optimise;
}

void
gp_window_set_ephemeral (GpWindow *self, gboolean ephemeral)
{
  self->ephemeral = ephemeral;
}
