/* gp-app-bench.c: `glasspane --bench`, timings of the real window (run it under Xvfb with
 * GSK_RENDERER=cairo, e.g. `xvfb-run -a glasspane --bench`). Prints "name: value unit":
 *
 *   gui_startup_first_frame       main() to the end of the first painted frame
 *   gui_startup_first_frame_cpu   the CPU time of the main thread to then, from the process's
 *                                 start (the dynamic loader's work included): on a loaded
 *                                 machine the wall-clock figure mostly measures the wait
 *                                 for a core, this one the work
 *   gui_startup_results_frame     main() to the first frame after every plan search and the
 *                                 accelerator-count sweep ended (the headline figures final)
 *   gui_startup_uncertainty_frame main() to the first frame after the background
 *                                 uncertainty study ended (whiskers, tornado, break-even)
 *   gui_redraw_after_change_p50/_p99
 *                                 one parameter change (PUE, through its spin button) to every
 *                                 visible chart redrawn: the recompute and chart rebuild, plus
 *                                 the layout and paint of the frame that draws them (the wait
 *                                 for the frame clock left out); over N_CHANGES changes, so
 *                                 the p99 is a percentile and not the slowest change
 *   gui_redraw_after_change_cpu_p50/_p99  the main thread's CPU time over the same span (the
 *                                 wait for the frame clock included, where it sleeps): on a
 *                                 loaded machine the wall-clock rows mostly measure the wait
 *                                 for a core, this one the work
 *   gui_param_change_recompute_rebuild_*  the recompute and chart rebuild alone
 *   gui_param_change_frame_*      the change to the end of that frame, including the wait for
 *                                 the frame clock (vsync-paced, up to one 16.7 ms interval) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "gp-app-bench.h"

#include "gp-application.h"
#include "gp-chart-card.h"
#include "gp-param-panel.h"
#include "gp-window.h"

#define N_CHANGES 200 /* the p99 is then the 198th of 200, not the maximum */

typedef struct {
  GtkApplication *app;
  int *exit_status;
  GpWindow *win;
  gint64 start_us;
  gboolean first_done, results_done, uq_done;
  int phase;          /* 0 start-up, 1 changes */
  int i;
  gint64 t0, t_set, t_layout;
  double cpu0;        /* main thread CPU time at the change, s */
  guint *counts;      /* draw counts before the change */
  double work[N_CHANGES], frame[N_CHANGES], update[N_CHANGES], cpu[N_CHANGES];
  gboolean waiting;
  guint timer;
} Bench;

static int
cmp (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
thread_cpu_s (void)
{
  struct timespec ts;
  return clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0 ? ts.tv_sec + ts.tv_nsec / 1e9 : NAN;
}

/* The median (written "_median", or "_p50" when P50) and the 99th percentile (nearest
 * rank) of the N values V, in ms. */
static void
print_stats (const char *name, double *v, int n, gboolean p50)
{
  qsort (v, (size_t) n, sizeof *v, cmp);
  double med = v[n / 2];
  double p99 = v[(int) ceil (0.99 * n) - 1];
  printf ("%s_%s: %.2f ms\n%s_p99: %.2f ms\n", name, p50 ? "p50" : "median", med * 1e3, name,
          p99 * 1e3);
}

static gboolean
all_redrawn (Bench *b)
{
  /* Called after a paint: a view is done when it drew, or skipped itself as out of view. */
  GPtrArray *cards = gp_window_get_cards (b->win);
  for (guint k = 0; k < cards->len; k++)
    {
      GpChartView *v = gp_chart_card_get_view (cards->pdata[k]);
      /* Visible charts: the ones a frame did not skip for being scrolled out of view. */
      if (gtk_widget_get_mapped (GTK_WIDGET (v)) && !gp_chart_view_get_skipped (v)
          && gp_chart_view_get_draw_count (v) == b->counts[k])
        return FALSE;
    }
  return TRUE;
}

static gboolean next_change (gpointer data);

static void
finish (Bench *b)
{
  print_stats ("gui_redraw_after_change", b->work, N_CHANGES, TRUE);
  print_stats ("gui_redraw_after_change_cpu", b->cpu, N_CHANGES, TRUE);
  print_stats ("gui_param_change_frame", b->frame, N_CHANGES, FALSE);
  print_stats ("gui_param_change_recompute_rebuild", b->update, N_CHANGES, FALSE);
  fflush (stdout);
  *b->exit_status = 0;
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (b->win)), b);
  gtk_window_destroy (GTK_WINDOW (b->win));
  g_free (b->counts);
  g_free (b);
}

static void
on_layout (GdkFrameClock *clock, gpointer data)
{
  Bench *b = data;
  if (b->waiting && b->t_layout == 0)
    b->t_layout = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();
  GpSession *s = gp_window_get_session (b->win);
  if (!b->first_done)
    {
      b->first_done = TRUE;
      printf ("gui_startup_first_frame: %.1f ms\n", (now - b->start_us) / 1e3);
      struct timespec ts;
      if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        printf ("gui_startup_first_frame_cpu: %.1f ms\n", ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
      fflush (stdout);
      /* for profiling start-up alone (callgrind, perf): stop at the first frame */
      if (g_getenv ("GP_BENCH_FIRST_FRAME_ONLY"))
        _exit (0);
    }
  if (!b->results_done && !gp_session_get_evaluating (s))
    {
      b->results_done = TRUE;
      printf ("gui_startup_results_frame: %.1f ms\n", (now - b->start_us) / 1e3);
      fflush (stdout);
    }
  if (b->results_done && !b->uq_done && !gp_session_get_busy (s))
    {
      b->uq_done = TRUE;
      printf ("gui_startup_uncertainty_frame: %.1f ms\n", (now - b->start_us) / 1e3);
      fflush (stdout);
      b->phase = 1;
      g_timeout_add (300, next_change, b);
      return;
    }
  if (b->waiting && all_redrawn (b))
    {
      b->waiting = FALSE;
      gint64 layout = b->t_layout ? b->t_layout : now;
      b->work[b->i] = ((b->t_set - b->t0) + (now - layout)) / 1e6;
      b->frame[b->i] = (now - b->t0) / 1e6;
      b->update[b->i] = (b->t_set - b->t0) / 1e6;
      b->cpu[b->i] = thread_cpu_s () - b->cpu0;
      b->i++;
      if (b->i == N_CHANGES)
        finish (b);
      else
        g_timeout_add (30, next_change, b);
    }
}

static gboolean
next_change (gpointer data)
{
  Bench *b = data;
  GtkWidget *spin = gp_param_panel_find_editor (GP_PARAM_PANEL (gp_window_get_system_panel (b->win)),
                                                "system:pue");
  if (!GTK_IS_SPIN_BUTTON (spin))
    {
      printf ("gui_bench_error: no system:pue spin button\n");
      *b->exit_status = 1;
      gtk_window_destroy (GTK_WINDOW (b->win));
      return G_SOURCE_REMOVE;
    }
  GPtrArray *cards = gp_window_get_cards (b->win);
  if (b->counts == NULL) /* not at start: asking for the cards then would make them all */
    b->counts = g_new0 (guint, cards->len);
  for (guint k = 0; k < cards->len; k++)
    b->counts[k] = gp_chart_view_get_draw_count (gp_chart_card_get_view (cards->pdata[k]));
  b->t_layout = 0;
  b->waiting = TRUE;
  b->cpu0 = thread_cpu_s ();
  b->t0 = g_get_monotonic_time ();
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), (b->i % 2) ? 1.10 : 1.15);
  b->t_set = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

void
gp_app_bench_run (GtkApplication *app, GtkWindow *window, gint64 start_us, int *exit_status)
{
  Bench *b = g_new0 (Bench, 1);
  b->app = app;
  b->exit_status = exit_status;
  b->win = GP_WINDOW (window);
  b->start_us = start_us;
  *exit_status = 1;
  gtk_widget_realize (GTK_WIDGET (window));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), b);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), b);
}
