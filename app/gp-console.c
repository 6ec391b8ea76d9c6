/* gp-console.c: GpConsole, the Lua console (see gp-console.h).
 *
 * A script runs in a GTask worker with its own lua_State, so a long sweep never freezes the
 * window; print() and show() hand their output to the main loop as they happen; a count
 * hook lets Cancel stop the script between instructions. The design is copied in as a
 * table and, when the script ends without error, what changed is applied back on the main
 * thread through the session (validated there like any other edit). */
#include "gp-console.h"

#include <glib/gi18n.h>

#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "gp-lua-design.h"
#include "gp-lua.h"

struct _GpConsole {
  GtkWidget parent_instance;

  GtkWidget *box;           /* owned child */
  GtkTextView *output;
  GtkTextView *input;
  GtkButton *run_button;
  GtkButton *cancel_button;
  GtkLabel *status;

  /* owned */
  GpSession *session;
  GString *log;

  gint *cancel_flag;        /* the running job's, NULL when idle */
  gboolean running;
};

G_DEFINE_FINAL_TYPE (GpConsole, gp_console, GTK_TYPE_WIDGET)

typedef struct {
  GpConsole *console;       /* strong ref */
  char *code, *chunkname;
  gp_study study;
  GArray *systems;          /* gp_system, in session order */
  GArray *ids;              /* guint */
  gint cancel;
  /* results */
  gboolean ok;
  char *message;            /* Lua error or "design: ..." read-back error */
  gboolean read_back;
} RunJob;

static void
run_job_free (gpointer data)
{
  RunJob *j = data;
  g_clear_object (&j->console);
  g_free (j->code);
  g_free (j->chunkname);
  g_free (j->message);
  g_array_unref (j->systems);
  g_array_unref (j->ids);
  g_free (j);
}

/* ---- output, on the main thread ---- */

static void
append_text (GpConsole *self, const char *text, const char *tag)
{
  GtkTextBuffer *buf = gtk_text_view_get_buffer (self->output);
  GtkTextIter end;
  gtk_text_buffer_get_end_iter (buf, &end);
  if (tag)
    gtk_text_buffer_insert_with_tags_by_name (buf, &end, text, -1, tag, NULL);
  else
    gtk_text_buffer_insert (buf, &end, text, -1);
  g_string_append (self->log, text);
  gtk_text_buffer_get_end_iter (buf, &end);
  GtkTextMark *mark = gtk_text_buffer_create_mark (buf, NULL, &end, FALSE);
  gtk_text_view_scroll_mark_onscreen (self->output, mark);
  gtk_text_buffer_delete_mark (buf, mark);
}

static void
append_picture (GpConsole *self, GBytes *png)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) tex = gdk_texture_new_from_bytes (png, &error);
  if (tex == NULL)
    {
      append_text (self, error->message, "error");
      return;
    }
  GtkTextBuffer *buf = gtk_text_view_get_buffer (self->output);
  GtkTextIter end;
  gtk_text_buffer_get_end_iter (buf, &end);
  GtkTextChildAnchor *anchor = gtk_text_buffer_create_child_anchor (buf, &end);
  GtkWidget *pic = gtk_picture_new_for_paintable (GDK_PAINTABLE (tex));
  gtk_picture_set_can_shrink (GTK_PICTURE (pic), FALSE);
  gtk_text_view_add_child_at_anchor (self->output, pic, anchor);
  append_text (self, "\n", NULL);
}

typedef struct {
  GpConsole *console;
  char *text;
  GBytes *png;
} Chunk;

static gboolean
deliver_chunk (gpointer data)
{
  Chunk *c = data;
  if (c->text)
    append_text (c->console, c->text, NULL);
  if (c->png)
    append_picture (c->console, c->png);
  g_object_unref (c->console);
  g_free (c->text);
  if (c->png)
    g_bytes_unref (c->png);
  g_free (c);
  return G_SOURCE_REMOVE;
}

static void
post_chunk (RunJob *j, char *text, GBytes *png)
{
  Chunk *c = g_new0 (Chunk, 1);
  c->console = g_object_ref (j->console);
  c->text = text;
  c->png = png;
  g_main_context_invoke (NULL, deliver_chunk, c);
}

/* ---- the worker ---- */

static RunJob *
job_of (lua_State *L)
{
  return lua_touserdata (L, lua_upvalueindex (1));
}

static int
l_print (lua_State *L)
{
  RunJob *j = job_of (L);
  GString *s = g_string_new (NULL);
  int n = lua_gettop (L);
  for (int i = 1; i <= n; i++)
    {
      size_t len;
      const char *t = luaL_tolstring (L, i, &len);
      if (i > 1)
        g_string_append_c (s, '\t');
      g_string_append_len (s, t, (gssize) len);
      lua_pop (L, 1);
    }
  g_string_append_c (s, '\n');
  post_chunk (j, g_string_free (s, FALSE), NULL);
  return 0;
}

static int
l_show_png (lua_State *L)
{
  size_t len;
  const char *bytes = luaL_checklstring (L, 1, &len);
  post_chunk (job_of (L), NULL, g_bytes_new (bytes, len));
  return 0;
}

static int
l_traceback (lua_State *L)
{
  const char *msg = lua_tostring (L, 1);
  luaL_traceback (L, L, msg ? msg : "(error object is not a string)", 1);
  return 1;
}

static void
cancel_hook (lua_State *L, lua_Debug *ar)
{
  lua_getfield (L, LUA_REGISTRYINDEX, "glasspane.console.job");
  RunJob *j = lua_touserdata (L, -1);
  lua_pop (L, 1);
  if (j && g_atomic_int_get (&j->cancel))
    luaL_error (L, "cancelled");
}

static const char show_src[] =
  "function show(chart, opts)\n"
  "  opts = opts or {}\n"
  "  local o = { width = opts.width or 560, height = opts.height or 360, dpi = 96,\n"
  "              theme = opts.theme }\n"
  "  __glasspane_show_png(chart:render('png', o))\n"
  "end\n";

static void
run_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  RunJob *j = data;
  lua_State *L = luaL_newstate ();
  luaL_openlibs (L);
  luaL_requiref (L, "glasspane", luaopen_glasspane, 1);
  lua_pop (L, 1);
  lua_pushlightuserdata (L, j);
  lua_setfield (L, LUA_REGISTRYINDEX, "glasspane.console.job");
  lua_pushlightuserdata (L, j);
  lua_pushcclosure (L, l_print, 1);
  lua_setglobal (L, "print");
  lua_pushlightuserdata (L, j);
  lua_pushcclosure (L, l_show_png, 1);
  lua_setglobal (L, "__glasspane_show_png");
  if (luaL_dostring (L, show_src) != LUA_OK)
    lua_pop (L, 1);
  lua_sethook (L, cancel_hook, LUA_MASKCOUNT, 10000);

  lua_createtable (L, 0, 2);
  gp_lua_push_study (L, &j->study);
  lua_setfield (L, -2, "study");
  lua_createtable (L, (int) j->systems->len, 0);
  for (guint i = 0; i < j->systems->len; i++)
    {
      gp_lua_push_system (L, &g_array_index (j->systems, gp_system, i));
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_setfield (L, -2, "systems");
  lua_setglobal (L, "design");

  lua_pushcfunction (L, l_traceback);
  int base = lua_gettop (L);
  int rc = luaL_loadbuffer (L, j->code, strlen (j->code), j->chunkname);
  if (rc == LUA_OK)
    rc = lua_pcall (L, 0, 0, base);
  if (rc != LUA_OK)
    {
      j->ok = FALSE;
      j->message = g_strdup (lua_tostring (L, -1) ? lua_tostring (L, -1) : "error");
      lua_close (L);
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* Read the design back: the study, then each system still at its index. */
  j->ok = TRUE;
  lua_getglobal (L, "design");
  gp_error err = { 0 };
  if (lua_type (L, -1) == LUA_TTABLE)
    {
      lua_getfield (L, -1, "study");
      if (!lua_isnil (L, -1) && gp_lua_read_study (L, -1, &j->study, "design.study", &err) != GP_OK)
        j->message = g_strdup (err.message);
      lua_pop (L, 1);
      lua_getfield (L, -1, "systems");
      for (guint i = 0; j->message == NULL && lua_type (L, -1) == LUA_TTABLE && i < j->systems->len;
           i++)
        {
          lua_rawgeti (L, -1, (lua_Integer) i + 1);
          char ctx[64];
          g_snprintf (ctx, sizeof ctx, "design.systems[%u]", i + 1);
          if (lua_type (L, -1) == LUA_TTABLE
              && gp_lua_read_system (L, -1, &g_array_index (j->systems, gp_system, i), ctx, &err)
                   != GP_OK)
            j->message = g_strdup (err.message);
          lua_pop (L, 1);
        }
      lua_pop (L, 1);
    }
  j->read_back = j->message == NULL;
  lua_close (L);
  g_task_return_boolean (task, TRUE);
}

static void
set_running (GpConsole *self, gboolean running)
{
  self->running = running;
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_label_set_text (self->status, running ? _("Running…") : "");
}

static void
run_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GpConsole *self = GP_CONSOLE (source);
  RunJob *j = g_task_get_task_data (G_TASK (res));
  self->cancel_flag = NULL;
  set_running (self, FALSE);
  if (!j->ok)
    {
      append_text (self, j->message, "error");
      append_text (self, "\n", NULL);
      return;
    }
  if (!j->read_back)
    {
      append_text (self, _("design not applied: "), "error");
      append_text (self, j->message, "error");
      append_text (self, "\n", NULL);
      return;
    }
  /* Apply what the script changed, system by system; a refused system says why. */
  guint applied = 0;
  const gp_study *cur = gp_session_get_study (self->session);
  g_autoptr (GError) error = NULL;
  if (memcmp (cur, &j->study, sizeof j->study) != 0)
    {
      if (gp_session_replace_study (self->session, &j->study, &error))
        applied++;
      else
        {
          append_text (self, _("design.study not applied: "), "error");
          append_text (self, error->message, "error");
          append_text (self, "\n", NULL);
          g_clear_error (&error);
        }
    }
  for (guint i = 0; i < j->ids->len; i++)
    {
      guint id = g_array_index (j->ids, guint, i);
      const GpSystemEntry *e = gp_session_find_system (self->session, id);
      const gp_system *s = &g_array_index (j->systems, gp_system, i);
      if (e == NULL || memcmp (&e->system, s, sizeof *s) == 0)
        continue;
      if (gp_session_replace_system (self->session, id, s, &error))
        applied++;
      else
        {
          g_autofree char *m = g_strdup_printf (_("design.systems[%u] not applied: %s\n"), i + 1,
                                                error->message);
          append_text (self, m, "error");
          g_clear_error (&error);
        }
    }
  if (applied)
    {
      g_autofree char *m = g_strdup_printf (ngettext ("(%u change applied to the design)\n",
                                                      "(%u changes applied to the design)\n",
                                                      applied), applied);
      append_text (self, m, "note");
    }
}

void
gp_console_run (GpConsole *self, const char *code, const char *chunkname)
{
  g_return_if_fail (GP_IS_CONSOLE (self));
  if (self->running)
    return;
  RunJob *j = g_new0 (RunJob, 1);
  j->console = g_object_ref (self);
  j->code = g_strdup (code);
  j->chunkname = g_strdup_printf ("=%s", chunkname ? chunkname : "console");
  j->study = *gp_session_get_study (self->session);
  j->systems = g_array_new (FALSE, FALSE, sizeof (gp_system));
  j->ids = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < gp_session_get_n_systems (self->session); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (self->session, i);
      g_array_append_val (j->systems, e->system);
      g_array_append_val (j->ids, e->id);
    }
  self->cancel_flag = &j->cancel;
  set_running (self, TRUE);
  g_autofree char *echo = g_strdup_printf ("» %s\n", chunkname ? chunkname : "console");
  append_text (self, echo, "note");
  g_autoptr (GTask) task = g_task_new (self, NULL, run_done, NULL);
  g_task_set_task_data (task, j, run_job_free);
  g_task_run_in_thread (task, run_thread);
}

void
gp_console_run_file (GpConsole *self, const char *path)
{
  g_autofree char *code = NULL;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &code, NULL, &error))
    {
      append_text (self, error->message, "error");
      append_text (self, "\n", NULL);
      return;
    }
  g_autofree char *base = g_path_get_basename (path);
  gp_console_run (self, code, base);
}

void
gp_console_cancel (GpConsole *self)
{
  if (self->cancel_flag)
    g_atomic_int_set (self->cancel_flag, 1);
}

gboolean
gp_console_get_running (GpConsole *self)
{
  return self->running;
}

char *
gp_console_dup_output (GpConsole *self)
{
  return g_strdup (self->log->str);
}

static void
on_run_clicked (GtkButton *b, gpointer data)
{
  GpConsole *self = data;
  GtkTextBuffer *buf = gtk_text_view_get_buffer (self->input);
  GtkTextIter s, e;
  gtk_text_buffer_get_bounds (buf, &s, &e);
  g_autofree char *code = gtk_text_buffer_get_text (buf, &s, &e, FALSE);
  gp_console_run (self, code, "console");
}

static gboolean
run_shortcut (GtkWidget *widget, GVariant *args, gpointer data)
{
  on_run_clicked (NULL, widget);
  return TRUE;
}

static void
on_clear_clicked (GtkButton *b, gpointer data)
{
  GpConsole *self = data;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output), "", -1);
  g_string_truncate (self->log, 0);
}

static void
gp_console_dispose (GObject *object)
{
  GpConsole *self = GP_CONSOLE (object);
  gp_console_cancel (self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (gp_console_parent_class)->dispose (object);
}

static void
gp_console_finalize (GObject *object)
{
  g_string_free (GP_CONSOLE (object)->log, TRUE);
  G_OBJECT_CLASS (gp_console_parent_class)->finalize (object);
}

static void
gp_console_class_init (GpConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = gp_console_dispose;
  object_class->finalize = gp_console_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "console");
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), child);
  gtk_widget_set_vexpand (sw, TRUE);
  gtk_widget_set_hexpand (sw, TRUE);
  return sw;
}

static void
gp_console_init (GpConsole *self)
{
  self->log = g_string_new (NULL);
  /* Ctrl+Enter runs: caught in the capture phase, before the text view inserts a newline. */
  GtkEventController *sc = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (sc, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (sc),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                      gtk_callback_action_new (run_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), sc);
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (left, TRUE);
  self->input = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->input, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->input), "console-input");
  gtk_text_buffer_set_text (
    gtk_text_view_get_buffer (self->input),
    _("-- Lua on the open design: `design.systems[i].sys.pue = 1.2` edits it,\n"
    "-- `glasspane.*` is the scripting API, show(chart) draws a glasspane.chart here.\n"
    "for i, s in ipairs(design.systems) do print(i, s.sys.name, s.sys.accelerators) end\n"),
    -1);
  gtk_box_append (GTK_BOX (left), scrolled (GTK_WIDGET (self->input)));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->run_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Run (Ctrl+Enter)")));
  gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
  g_signal_connect (self->run_button, "clicked", G_CALLBACK (on_run_clicked), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->run_button));
  GtkWidget *file = gtk_button_new_with_label (_("Run File…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (file), "win.run-script");
  gtk_box_append (GTK_BOX (buttons), file);
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_label (_("Cancel")));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gp_console_cancel), self);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel_button));
  GtkWidget *clear = gtk_button_new_with_label (_("Clear Output"));
  g_signal_connect (clear, "clicked", G_CALLBACK (on_clear_clicked), self);
  gtk_box_append (GTK_BOX (buttons), clear);
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (left), buttons);
  gtk_box_append (GTK_BOX (self->box), left);

  self->output = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->output, TRUE);
  gtk_text_view_set_editable (self->output, FALSE);
  gtk_text_view_set_wrap_mode (self->output, GTK_WRAP_WORD_CHAR);
  GtkTextBuffer *buf = gtk_text_view_get_buffer (self->output);
  gtk_text_buffer_create_tag (buf, "error", "foreground", "#d55e00", NULL);
  gtk_text_buffer_create_tag (buf, "note", "foreground", "#0072b2", NULL);
  gtk_box_append (GTK_BOX (self->box), scrolled (GTK_WIDGET (self->output)));
}

GtkWidget *
gp_console_new (GpSession *session)
{
  GpConsole *self = g_object_new (GP_TYPE_CONSOLE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}
