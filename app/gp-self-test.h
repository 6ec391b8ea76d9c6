/* gp-self-test.h: `glasspane --self-test`: change a parameter through its widget and check that
 * the charts and the table follow; exit status 0 or 1. */
#pragma once

#include "gp-application.h"

G_BEGIN_DECLS

/* A GpAppDriver (gp-application.h). */
void gp_self_test_run (GtkApplication *app, GtkWindow *window, gint64 start_us, int *exit_status);

G_END_DECLS
