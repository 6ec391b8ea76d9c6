/* gp-app-bench.h: `glasspane --bench`: start-up and redraw timings of the real window, printed
 * as "name: value unit"; exit status 1 if the window never drew. */
#pragma once

#include "gp-application.h"

G_BEGIN_DECLS

/* A GpAppDriver (gp-application.h). */
void gp_app_bench_run (GtkApplication *app, GtkWindow *window, gint64 start_us, int *exit_status);

G_END_DECLS
