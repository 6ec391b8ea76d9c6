/* gp-system-list.c: GpSystemList, the compared systems (see gp-system-list.h).
 *
 * The buttons fire the window's actions (win.add-system, win.duplicate-system, ...), so the
 * same commands are reachable from the keyboard and the menus and their enabled state is
 * the actions'. Rename is local: a popover with an entry. */
#include "gp-system-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gp-palette.h"
#include "gp-tooltip.h"

struct _GpSystemList {
  GtkWidget parent_instance;

  GtkWidget *box;          /* owned child */
  GtkListBox *list;
  GtkMenuButton *add_button;
  GtkMenuButton *rename_button;
  GtkEntry *rename_entry;
  GtkLabel *rename_error;

  /* owned */
  GpSession *session;
  gulong changed_id;
  GMenu *preset_menu;

  gboolean updating;
  gboolean dark;
  char *shown;             /* what the rows show, to skip identical rebuilds */
};

G_DEFINE_FINAL_TYPE (GpSystemList, gp_system_list, GTK_TYPE_WIDGET)

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int w, int h, gpointer data)
{
  int color = GPOINTER_TO_INT (data);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gp_rgba c = gp_palette_color (color, dark ? GP_THEME_DARK : GP_THEME_LIGHT);
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
  cairo_arc (cr, w / 2.0, h / 2.0, MIN (w, h) / 2.0 - 1, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
make_row (GpSystemList *self, const GpSystemEntry *e, gboolean baseline)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  GtkWidget *sw = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (sw), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (sw), 14);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (sw), draw_swatch,
                                  GINT_TO_POINTER (e->color), NULL);
  gtk_box_append (GTK_BOX (box), sw);

  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (texts, TRUE);
  GtkWidget *name = gtk_label_new (e->system.sys.name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), name);
  g_autofree char *sub = NULL;
  if (e->state == GP_SYSTEM_ERROR)
    sub = g_strdup (e->message);
  else
    sub = g_strdup_printf ("%s · %ld × %s%s", gp_family_names[e->system.sys.family],
                           e->system.sys.accelerators, e->system.accel.name,
                           e->state == GP_SYSTEM_PENDING ? _(" · searching plans…") : "");
  GtkWidget *sl = gtk_label_new (sub);
  gtk_label_set_xalign (GTK_LABEL (sl), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sl), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sl, "caption");
  gtk_widget_add_css_class (sl, e->state == GP_SYSTEM_ERROR ? "error" : "dim-label");
  gp_tooltip_set (sl, sub);
  gtk_box_append (GTK_BOX (texts), sl);
  gtk_box_append (GTK_BOX (box), texts);

  if (baseline)
    {
      GtkWidget *b = gtk_label_new (_("baseline"));
      gtk_widget_add_css_class (b, "baseline-badge");
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      gp_tooltip_set (b, _("Ratios in the comparison are taken against this system"));
      gtk_box_append (GTK_BOX (box), b);
    }
  if (e->state == GP_SYSTEM_PENDING)
    {
      GtkWidget *sp = gtk_spinner_new ();
      gtk_spinner_start (GTK_SPINNER (sp));
      gtk_box_append (GTK_BOX (box), sp);
    }
  else if (e->state == GP_SYSTEM_ERROR)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "system-id", GUINT_TO_POINTER (e->id));
  return row;
}

static void
rebuild (GpSystemList *self)
{
  self->updating = TRUE;
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  guint sel = gp_session_get_selected_id (self->session);
  guint base = gp_session_get_baseline_id (self->session);
  for (guint i = 0; i < gp_session_get_n_systems (self->session); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (self->session, i);
      GtkWidget *row = make_row (self, e, e->id == base);
      gtk_list_box_append (self->list, row);
      if (e->id == sel)
        {
          gtk_widget_add_css_class (row, "current");
          gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, TRUE,
                                       -1);
        }
    }
  self->updating = FALSE;
}

static char *
shown_state (GpSystemList *self)
{
  GString *g = g_string_new (NULL);
  g_string_append_printf (g, "%u/%u", gp_session_get_selected_id (self->session),
                          gp_session_get_baseline_id (self->session));
  for (guint i = 0; i < gp_session_get_n_systems (self->session); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (self->session, i);
      g_string_append_printf (g, "|%u %d %s %ld %s %d %s", e->id, e->color, e->system.sys.name,
                              e->system.sys.accelerators, e->system.accel.name, e->state,
                              e->state == GP_SYSTEM_ERROR ? e->message : "");
    }
  return g_string_free (g, FALSE);
}

static void
on_session_changed (GpSession *session, guint what, gpointer data)
{
  GpSystemList *self = data;
  g_autofree char *now = shown_state (self);
  if (g_strcmp0 (now, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&now);
  rebuild (self);
}

/* A click, Enter or Space on a row selects its system. Focus moving through the list
 * (Tab, arrows) selects nothing, so tabbing past the list does not swap the parameter
 * panel and restart the uncertainty study. */
static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, gpointer data)
{
  GpSystemList *self = data;
  if (self->updating || row == NULL)
    return;
  gp_session_set_selected_id (self->session,
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "system-id")));
}

static void
fill_presets (GpSystemList *self)
{
  g_menu_remove_all (self->preset_menu);
  g_auto (GStrv) names = gp_session_list_presets (self->session);
  for (char **n = names; *n; n++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (*n, NULL);
      g_menu_item_set_action_and_target (item, "win.add-system", "s", *n);
      g_menu_append_item (self->preset_menu, item);
    }
}

/* The preset menu is read (data/systems.lua through the sandbox, ~2% of start-up) when
 * the add button is first opened, not when the window is built. */
static void
on_add_popup (GtkMenuButton *button, gpointer data)
{
  GpSystemList *self = data;
  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  fill_presets (self);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->preset_menu));
}

static void
on_rename_shown (GtkPopover *popover, gpointer data)
{
  GpSystemList *self = data;
  const GpSystemEntry *e = gp_session_get_selected (self->session);
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), e ? e->system.sys.name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->rename_error), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->rename_entry));
}

static void
on_rename_activate (GtkWidget *w, gpointer data)
{
  GpSystemList *self = data;
  const GpSystemEntry *e = gp_session_get_selected (self->session);
  if (e == NULL)
    return;
  g_autoptr (GError) error = NULL;
  if (!gp_session_rename (self->session, e->id,
                          gtk_editable_get_text (GTK_EDITABLE (self->rename_entry)), &error))
    {
      gtk_label_set_text (self->rename_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->rename_error), TRUE);
      return;
    }
  gtk_menu_button_popdown (self->rename_button);
}

static GtkWidget *
tool_button (const char *icon, const char *action, const char *tip)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  gp_tooltip_set (b, tip);
  gtk_widget_add_css_class (b, "flat");
  return b;
}

static void
gp_system_list_dispose (GObject *object)
{
  GpSystemList *self = GP_SYSTEM_LIST (object);
  g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->preset_menu);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->shown, g_free);
  G_OBJECT_CLASS (gp_system_list_parent_class)->dispose (object);
}

static void
gp_system_list_class_init (GpSystemListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gp_system_list_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "systemlist");
}

static void
gp_system_list_init (GpSystemList *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *title = gtk_label_new (_("Systems"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (head), title);

  self->preset_menu = g_menu_new ();
  self->add_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->add_button, "list-add-symbolic");
  gtk_menu_button_set_create_popup_func (self->add_button, on_add_popup, self, NULL);
  gp_tooltip_set (GTK_WIDGET (self->add_button), _("Add a system from a preset"));
  gtk_widget_add_css_class (GTK_WIDGET (self->add_button), "flat");
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->add_button));
  gtk_box_append (GTK_BOX (head), tool_button ("edit-copy-symbolic", "win.duplicate-system",
                                               _("Duplicate the selected system")));

  self->rename_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->rename_button, "document-edit-symbolic");
  gp_tooltip_set (GTK_WIDGET (self->rename_button), _("Rename the selected system"));
  gtk_widget_add_css_class (GTK_WIDGET (self->rename_button), "flat");
  GtkWidget *pop = gtk_popover_new ();
  GtkWidget *pbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->rename_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_box_append (GTK_BOX (pbox), GTK_WIDGET (self->rename_entry));
  self->rename_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->rename_error), "error");
  gtk_label_set_wrap (self->rename_error, TRUE);
  gtk_box_append (GTK_BOX (pbox), GTK_WIDGET (self->rename_error));
  GtkWidget *ok = gtk_button_new_with_label (_("Rename"));
  gtk_widget_add_css_class (ok, "suggested-action");
  gtk_box_append (GTK_BOX (pbox), ok);
  gtk_popover_set_child (GTK_POPOVER (pop), pbox);
  gtk_menu_button_set_popover (self->rename_button, pop);
  g_signal_connect (pop, "show", G_CALLBACK (on_rename_shown), self);
  g_signal_connect (self->rename_entry, "activate", G_CALLBACK (on_rename_activate), self);
  g_signal_connect (ok, "clicked", G_CALLBACK (on_rename_activate), self);
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->rename_button));

  gtk_box_append (GTK_BOX (head), tool_button ("starred-symbolic", "win.set-baseline",
                                               _("Make the selected system the baseline")));
  gtk_box_append (GTK_BOX (head), tool_button ("list-remove-symbolic", "win.remove-system",
                                               _("Remove the selected system")));
  gtk_box_append (GTK_BOX (self->box), head);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "system-list");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list));
}

GtkWidget *
gp_system_list_new (GpSession *session)
{
  GpSystemList *self = g_object_new (GP_TYPE_SYSTEM_LIST, NULL);
  self->session = g_object_ref (session);
  self->changed_id = g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), self);
  rebuild (self);
  return GTK_WIDGET (self);
}
