/* gui-floor.c: the reference for glasspane's start-up rows, measured the same way on the
 * same machine. A bare libadwaita window of glasspane's size (1400 x 900, a header bar and
 * one label), with glasspane's start-up settings (GDK_DEBUG=gl-disable under
 * GSK_RENDERER=cairo, a light style, non-unique), prints
 *
 *   gui_floor_first_frame      main() to the end of its first painted frame
 *   gui_floor_first_frame_cpu  the main thread's CPU time to then
 *
 * as `glasspane --bench` prints its own. What GTK and libadwaita cost before any of
 * glasspane's widgets exist is this floor; bench/gui-bench.sh runs it beside glasspane so
 * the README can give the start-up row as a ratio to it, which carries to other machines
 * better than milliseconds. Run it under Xvfb: `xvfb-run -a build/bench/gui-floor`. */
#include <adwaita.h>
#include <stdio.h>
#include <time.h>

static gint64 start_us;

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  GtkWindow *win = data;
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, data);
  printf ("gui_floor_first_frame: %.1f ms\n", (g_get_monotonic_time () - start_us) / 1e3);
  struct timespec ts;
  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    printf ("gui_floor_first_frame_cpu: %.1f ms\n", ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (win)));
}

static void
on_activate (GtkApplication *app, gpointer data)
{
  (void) data;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  GtkWidget *win = adw_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (win), 1400, 900);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("glasspane start-up floor"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (win), box);
  gtk_widget_realize (win);
  g_signal_connect (gtk_widget_get_frame_clock (win), "after-paint",
                    G_CALLBACK (on_after_paint), win);
  gtk_window_present (GTK_WINDOW (win));
}

int
main (int argc, char **argv)
{
  start_us = g_get_monotonic_time ();
  /* glasspane's own start-up setting: no GL context to pick a visual under cairo */
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  AdwApplication *app = adw_application_new ("org.glasspane.GuiFloor",
                                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  int status = g_application_run (G_APPLICATION (app), argc, argv);
  g_object_unref (app);
  return status;
}
