/* gp-console.h: the Lua console: runs a script or a file on the open design in a worker
 * thread, with the `glasspane` module loaded, print() captured into the output, show(chart)
 * drawing a glasspane.chart inline, and a global `design` table (study and systems, keys as
 * in data/ files) whose edits are applied back to the design when the script ends. */
#pragma once

#include <gtk/gtk.h>

#include "gp-session.h"

G_BEGIN_DECLS

#define GP_TYPE_CONSOLE (gp_console_get_type ())
G_DECLARE_FINAL_TYPE (GpConsole, gp_console, GP, CONSOLE, GtkWidget)

GtkWidget *gp_console_new (GpSession *session);

/* Run CODE (CHUNKNAME names it in messages). Ignored while a script runs. */
void gp_console_run (GpConsole *self, const char *code, const char *chunkname);
void gp_console_run_file (GpConsole *self, const char *path);
void gp_console_cancel (GpConsole *self);
gboolean gp_console_get_running (GpConsole *self);
/* Everything printed so far (tests). */
char *gp_console_dup_output (GpConsole *self);

G_END_DECLS
