/* gp-toasts.c: toasts on an AdwToastOverlay around the window's content (gp-toasts.h). */
#include "gp-toasts.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#define OVERLAY_KEY "gp-toast-overlay"

void
gp_toasts_install (GtkWindow *window)
{
  if (g_object_get_data (G_OBJECT (window), OVERLAY_KEY))
    return;
  GtkWidget *child = gtk_window_get_child (window);
  /* A window whose template already has the overlay (GpWindow) keeps it: reparenting a
   * built window's content re-runs the style of every widget in it. */
  if (child && ADW_IS_TOAST_OVERLAY (child))
    {
      g_object_set_data (G_OBJECT (window), OVERLAY_KEY, child);
      return;
    }
  if (child)
    {
      g_object_ref (child);
      gtk_window_set_child (window, NULL);
    }
  GtkWidget *overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), child);
  gtk_window_set_child (window, overlay);
  if (child)
    g_object_unref (child);
  g_object_set_data (G_OBJECT (window), OVERLAY_KEY, overlay);
}

void
gp_toast (GtkWindow *window, const char *title, const char *button_label,
          const char *action_name, GVariant *target)
{
  AdwToastOverlay *overlay = window ? g_object_get_data (G_OBJECT (window), OVERLAY_KEY) : NULL;
  if (overlay == NULL)
    {
      if (target)
        g_variant_unref (g_variant_ref_sink (target));
      return;
    }
  AdwToast *toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  if (button_label && action_name)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
      if (target)
        adw_toast_set_action_target_value (toast, target);
    }
  else if (target)
    g_variant_unref (g_variant_ref_sink (target));
  adw_toast_overlay_add_toast (overlay, toast); /* takes the toast */
}

void
gp_toast_saved (GtkWindow *window, const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  /* Translators: a toast after saving a file; %s is its name, e.g. capex.svg. */
  g_autofree char *title = g_strdup_printf (_("Saved %s"), base);
  gp_toast (window, title, _("Open Folder"), "app.show-folder", g_variant_new_string (dir));
}
