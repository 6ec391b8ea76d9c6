/* gp-application.c: GpApplication (see gp-application.h). */
#include "gp-application.h"

#include "gp-resources.h"
#include "gp-session.h"
#include "gp-window.h"

struct _GpApplication {
  GtkApplication parent_instance;

  GDBusConnection *bus;   /* owned, may be NULL */
  guint portal_signal;
  GpAppDriver driver;     /* NULL: the normal explorer */
  gint64 start_us;
  int exit_status;
};

G_DEFINE_FINAL_TYPE (GpApplication, gp_application, GTK_TYPE_APPLICATION)

/* ---- light and dark from the desktop ---- */

static void
set_prefer_dark (gboolean dark)
{
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
}

/* org.freedesktop.appearance color-scheme: 0 no preference, 1 prefer dark, 2 prefer light. */
static void
apply_color_scheme (GVariant *v)
{
  if (v == NULL)
    return;
  /* Older portals wrap the value in one more variant. */
  g_autoptr (GVariant) cur = g_variant_ref (v);
  while (g_variant_is_of_type (cur, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (cur);
      g_variant_unref (cur);
      cur = inner;
    }
  if (g_variant_is_of_type (cur, G_VARIANT_TYPE_UINT32))
    set_prefer_dark (g_variant_get_uint32 (cur) == 1);
}

static void
on_portal_read (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GVariant) ret = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), res, NULL);
  if (ret == NULL)
    return; /* no portal (a bare X server): keep GTK's own setting */
  g_autoptr (GVariant) inner = NULL;
  g_variant_get (ret, "(v)", &inner);
  apply_color_scheme (inner);
}

static void
on_portal_changed (GDBusConnection *c, const char *sender, const char *path, const char *iface,
                   const char *signal, GVariant *params, gpointer data)
{
  const char *ns, *key;
  g_autoptr (GVariant) value = NULL;
  g_variant_get (params, "(&s&sv)", &ns, &key, &value);
  if (g_str_equal (ns, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
    apply_color_scheme (value);
}

static void
follow_desktop_style (GpApplication *self)
{
  const char *forced = g_getenv ("GLASSPANE_STYLE");
  if (forced)
    {
      set_prefer_dark (g_str_equal (forced, "dark"));
      return;
    }
  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (self->bus == NULL)
    return;
  g_dbus_connection_call (self->bus, "org.freedesktop.portal.Desktop",
                          "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Settings",
                          "Read", g_variant_new ("(ss)", "org.freedesktop.appearance",
                                                 "color-scheme"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 1000, NULL,
                          on_portal_read, self);
  self->portal_signal = g_dbus_connection_signal_subscribe (
    self->bus, "org.freedesktop.portal.Desktop", "org.freedesktop.portal.Settings",
    "SettingChanged", "/org/freedesktop/portal/desktop", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
    on_portal_changed, self, NULL);
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
  const char *authors[] = { "The glasspane authors", NULL };
  gtk_show_about_dialog (parent, "program-name", "glasspane", "version", GP_VERSION,
                         "comments",
                         "Design-space explorer for AI training hardware: Lite-GPU glass "
                         "servers, DGX-style clusters and wafer-scale machines, with every "
                         "default traced to a published source.",
                         "license-type", GTK_LICENSE_MIT_X11, "authors", authors,
                         "logo-icon-name", "applications-science", NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
};

static void
gp_application_startup (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);
  G_APPLICATION_CLASS (gp_application_parent_class)->startup (app);
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

  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/glasspane/Glasspane/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  if (self->driver == NULL)
    follow_desktop_style (self);
  else
    set_prefer_dark (FALSE);
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
gp_application_dispose (GObject *object)
{
  GpApplication *self = GP_APPLICATION (object);
  if (self->bus && self->portal_signal)
    g_dbus_connection_signal_unsubscribe (self->bus, self->portal_signal);
  self->portal_signal = 0;
  g_clear_object (&self->bus);
  G_OBJECT_CLASS (gp_application_parent_class)->dispose (object);
}

static void
gp_application_class_init (GpApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gp_application_dispose;
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
  return self;
}

int
gp_application_get_exit_status (GpApplication *self)
{
  return self->exit_status;
}
