/* gp-application.c: GpApplication (see gp-application.h). */
#include "gp-application.h"

#include <glib/gi18n.h>

#include "gp-resources.h"
#include "gp-session.h"
#include "gp-window.h"

struct _GpApplication {
  AdwApplication parent_instance;

  GpAppDriver driver;     /* NULL: the normal explorer */
  gint64 start_us;
  int exit_status;
  gboolean set_gdk_debug; /* GDK_DEBUG=gl-disable is ours, for GTK's start-up only */
};

G_DEFINE_FINAL_TYPE (GpApplication, gp_application, ADW_TYPE_APPLICATION)

/* ---- light and dark from the desktop ---- */

/* AdwStyleManager follows the desktop's colour-scheme preference (the settings portal) by
 * itself; GLASSPANE_STYLE=light|dark forces one, and scripted runs (self-test, bench) are
 * light so their figures do not depend on the desktop. */
static void
follow_desktop_style (GpApplication *self)
{
  AdwStyleManager *sm = adw_style_manager_get_default ();
  const char *forced = g_getenv ("GLASSPANE_STYLE");
  if (forced == NULL && self->driver != NULL)
    forced = "light";
  if (forced)
    adw_style_manager_set_color_scheme (sm, g_str_equal (forced, "dark")
                                              ? ADW_COLOR_SCHEME_FORCE_DARK
                                              : ADW_COLOR_SCHEME_FORCE_LIGHT);
  else
    adw_style_manager_set_color_scheme (sm, ADW_COLOR_SCHEME_DEFAULT);
}

/* ---- app actions ---- */

static void
quit_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  /* Close windows one by one so each can ask about unsaved changes. */
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (data));
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));
  const char *developers[] = { _("The glasspane authors"), NULL };
  GtkWidget *about = adw_about_window_new ();
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), "glasspane");
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), "org.glasspane.Glasspane");
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), GP_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The glasspane authors"));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Design-space explorer for AI training hardware: Lite-GPU "
                                   "glass servers, DGX-style clusters and wafer-scale "
                                   "machines, with every default traced to a published "
                                   "source."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_MIT_X11);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), "https://github.com/glasspane/glasspane");
  adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (about),
                                  "https://github.com/glasspane/glasspane/issues");
  /* Translators: your name(s), one a line, to be credited in the about window. */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  if (parent)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
}

/* app.show-folder("/dir"): the folder in the file manager (a toast's "Open Folder"). */
static void
show_folder_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));
  g_autofree char *uri = g_filename_to_uri (g_variant_get_string (param, NULL), NULL, NULL);
  if (uri)
    gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "show-folder", show_folder_activated, "s", NULL, NULL, { 0 } },
};

static void
gp_application_startup (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);
  G_APPLICATION_CLASS (gp_application_parent_class)->startup (app);
  if (self->set_gdk_debug)
    g_unsetenv ("GDK_DEBUG"); /* not passed on to programs started from here */
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries),
                                   app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.duplicate-system", { "<Control>d", NULL } },
    { "win.copy-table", { "<Control><Shift>c", NULL } },
    { "win.export-report", { "<Control>e", NULL } },
    { "win.show-console", { "F12", NULL } },
    { "win.run-script", { "<Control>r", NULL } },
    { "win.cancel", { "Escape", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);

  /* AdwApplication loads style.css from the resource base path by itself. */
  follow_desktop_style (self);
}

static GpWindow *
new_window (GpApplication *self, const char *path)
{
  g_autoptr (GpSession) session = gp_session_new ();
  g_autoptr (GError) error = NULL;
  /* A file given on the command line is read instead of the default, not after it. */
  gboolean loaded = path ? gp_session_load_file (session, path, &error)
                         : gp_session_load_default (session, &error);
  if (!loaded && path)
    {
      g_printerr ("glasspane: %s\n", error->message);
      g_clear_error (&error);
      loaded = gp_session_load_default (session, &error);
    }
  GpWindow *win = gp_window_new (GTK_APPLICATION (self), session);
  if (self->driver != NULL)
    gp_window_set_ephemeral (win, TRUE);
  if (!loaded)
    g_warning ("glasspane: the default comparison could not be loaded: %s", error->message);
  return win;
}

static void
gp_application_activate (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (active && self->driver == NULL)
    {
      gtk_window_present (active);
      return;
    }
  GpWindow *win = new_window (self, NULL);
  gtk_window_present (GTK_WINDOW (win));
  if (self->driver)
    self->driver (GTK_APPLICATION (self), GTK_WINDOW (win), self->start_us, &self->exit_status);
  else
    gp_window_offer_restore (win);
}

static void
gp_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  GpApplication *self = GP_APPLICATION (app);
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      GpWindow *win = new_window (self, path);
      gtk_window_present (GTK_WINDOW (win));
    }
}

static void
gp_application_class_init (GpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  app_class->startup = gp_application_startup;
  app_class->activate = gp_application_activate;
  app_class->open = gp_application_open;
}

static void
gp_application_init (GpApplication *self)
{
}

GpApplication *
gp_application_new (GpAppDriver driver, gint64 start_us)
{
  /* Test and bench runs are their own instances, never forwarded to a running one. */
  /* The resources live in a static library, whose automatic constructor the linker may
   * drop; register them explicitly. */
  static gsize registered;
  if (g_once_init_enter (&registered))
    {
      g_resources_register (gp_get_resource ());
      g_once_init_leave (&registered, 1);
    }
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;
  if (driver != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;
  GpApplication *self = g_object_new (GP_TYPE_APPLICATION, "application-id",
                                      "org.glasspane.Glasspane", "flags", flags,
                                      "resource-base-path", "/org/glasspane/Glasspane", NULL);
  self->driver = driver;
  self->start_us = start_us;
  /* With the cairo renderer nothing is drawn with GL, yet GDK's X11 backend opens a GL
   * context at start-up to choose the window's visual; under Xvfb that loads Mesa's
   * software rasteriser and LLVM, about 170 ms of CPU before the first frame. */
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 && g_getenv ("GDK_DEBUG") == NULL)
    self->set_gdk_debug = g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  return self;
}

int
gp_application_get_exit_status (GpApplication *self)
{
  return self->exit_status;
}
