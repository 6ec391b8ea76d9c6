/* gp-application.h: the AdwApplication: app actions, keyboard accelerators, the style sheet,
 * light/dark following the desktop (AdwStyleManager), the about window, and the windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A driver takes the first shown window through a scripted run (the self-test, the
 * bench: gp-self-test.h, gp-app-bench.h), writes the program's exit status to
 * *EXIT_STATUS and quits APP. The application only calls it through this pointer, so the
 * drivers sit above it and nothing calls back up. */
typedef void (*GpAppDriver) (GtkApplication *app, GtkWindow *window, gint64 start_us,
                             int *exit_status);

#define GP_TYPE_APPLICATION (gp_application_get_type ())
G_DECLARE_FINAL_TYPE (GpApplication, gp_application, GP, APPLICATION, AdwApplication)

/* DRIVER: NULL for the normal explorer. START_US: g_get_monotonic_time () when main()
 * began (the bench's origin). */
GpApplication *gp_application_new (GpAppDriver driver, gint64 start_us);

/* What a driver set before it quit (0 without a driver). */
int gp_application_get_exit_status (GpApplication *self);

G_END_DECLS
