/* gp-application.h: the GtkApplication: app actions, keyboard accelerators, the style sheet,
 * light/dark following the desktop, and the windows. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  GP_APP_MODE_NORMAL,
  GP_APP_MODE_SELF_TEST, /* change a parameter through the widgets, check, exit 0/1 */
  GP_APP_MODE_BENCH,     /* print start-up and redraw timings, exit */
} GpAppMode;

#define GP_TYPE_APPLICATION (gp_application_get_type ())
G_DECLARE_FINAL_TYPE (GpApplication, gp_application, GP, APPLICATION, GtkApplication)

/* START_US: g_get_monotonic_time () when main() began (the bench's origin). */
GpApplication *gp_application_new (GpAppMode mode, gint64 start_us);

/* Set by the self-test and the bench before they quit. */
void gp_application_set_exit_status (GpApplication *self, int status);
int gp_application_get_exit_status (GpApplication *self);

G_END_DECLS
