/* gp-self-test.c: `glasspane --self-test`, the UI test run under Xvfb by `meson test`.
 *
 * It drives the real window: checks that the chart cards were made after the first
 * frame and that a parameter's tooltip names its source, waits for the first results,
 * changes the selected system's PUE through its spin button (found by widget name),
 * waits for the recompute, and checks that the session, the power chart's data and the
 * comparison table all changed, that an out-of-range entry is refused with the model's
 * message while the model keeps its value, and that undo brings the table back; then
 * (issue 9) that the whisker, tornado and break-even cards draw data, the break-even
 * marker sits at the engine's value, and "Optimise…" runs on a narrow range, applies
 * its optimum and is undone. Prints TAP and sets the exit status. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp-self-test.h"

#include "gp-application.h"
#include "gp-chart-card.h"
#include "gp-comparison-table.h"
#include "gp-console.h"
#include "gp-param-panel.h"
#include "gp-tooltip.h"
#include "gp-uncertainty-dialog.h"
#include "gp-window.h"

typedef struct {
  GtkApplication *app;
  int *exit_status;
  GpWindow *win;
  int step;
  int n_test, n_fail;
  guint ticks;
  double old_pue, old_facility;
  char *old_cell;
  char *opt_path;
  double opt_old;
  guint cards_at_start; /* chart cards made when the window was handed over */
} SelfTest;

static void
check (SelfTest *t, gboolean ok, const char *what)
{
  t->n_test++;
  if (!ok)
    t->n_fail++;
  printf ("%sok %d - %s\n", ok ? "" : "not ", t->n_test, what);
  fflush (stdout);
}

static GpChartCard *
card_of (GpWindow *win, GpChartId id)
{
  GPtrArray *cards = gp_window_get_cards (win);
  for (guint i = 0; i < cards->len; i++)
    if (gp_chart_card_get_id (cards->pdata[i]) == id)
      return cards->pdata[i];
  return NULL;
}

/* The selected system's facility power in the power chart (W), NAN when absent. */
static double
facility_power (GpWindow *win)
{
  GpSession *s = gp_window_get_session (win);
  gp_chart *c = gp_chart_view_get_chart (gp_chart_card_get_view (card_of (win, GP_CHART_ID_POWER)));
  int idx = gp_session_index_of (s, gp_session_get_selected_id (s));
  gp_series *ser = c ? gp_chart_get_series (c, GP_POWER_FACILITY) : NULL;
  return ser && idx >= 0 && (size_t) idx < ser->n ? ser->y[idx] : NAN;
}

static const char *
power_cell (GpWindow *win)
{
  GpSession *s = gp_window_get_session (win);
  int idx = gp_session_index_of (s, gp_session_get_selected_id (s));
  /* Row 3 of the metrics is "Power from the wall" (gp-charts.c). */
  return gp_comparison_table_get_cell (GP_COMPARISON_TABLE (gp_window_get_table (win)), 3,
                                       (guint) MAX (idx, 0));
}

static gboolean
step (gpointer data)
{
  SelfTest *t = data;
  GpSession *s = gp_window_get_session (t->win);
  /* A guard against a hang, not a speed check: a loaded CI machine under ASan can take
   * minutes; the speed figures are bench rows. */
  if (++t->ticks > 4800) /* 240 s of 50 ms ticks */
    {
      check (t, FALSE, "finished within 240 s");
      goto done;
    }
  if (gp_session_get_busy (s))
    return G_SOURCE_CONTINUE;

  GtkWidget *panel = gp_window_get_system_panel (t->win);
  GtkWidget *spin = gp_param_panel_find_editor (GP_PARAM_PANEL (panel), "system:pue");
  const GpSystemEntry *sel = gp_session_get_selected (s);
  GpParamRef ref = gp_param_ref (GP_SUBJECT_SYSTEM, sel ? sel->id : 0, -1, "pue");
  switch (t->step++)
    {
    case 0:
      /* Start-up (gp-window-cards.c): no card before the first frame, all of them since,
       * made by the window itself (read before anything here asks for the cards). */
      check (t, t->cards_at_start == 0, "no chart card is made before the first frame");
      check (t, gp_window_get_n_cards_made (t->win) >= 20
                    && gp_window_get_n_cards_made (t->win) == gp_window_get_cards (t->win)->len,
             "every chart card is made after the first frame without being asked for");
      check (t, gp_session_get_n_systems (s) == 3, "the default comparison has three systems");
      for (guint i = 0; i < gp_session_get_n_systems (s); i++)
        {
          const GpSystemEntry *e = gp_session_get_system (s, i);
          g_autofree char *what = g_strdup_printf ("%s evaluated (%s)", e->system.sys.name,
                                                   e->have_result ? "ok" : e->message);
          check (t, e->have_result, what);
        }
      {
        /* The export menu is built on the first click (gp-chart-card.c), not at start-up. */
        GtkMenuButton *mb = gp_chart_card_get_export_button (card_of (t->win, GP_CHART_ID_POWER));
        check (t, gtk_menu_button_get_popover (mb) == NULL, "a card's export menu is not built before use");
      }
      check (t, GTK_IS_SPIN_BUTTON (spin), "the PUE spin button exists (widget system:pue)");
      if (!GTK_IS_SPIN_BUTTON (spin))
        goto done;
      {
        /* Tooltips go through gp_tooltip_set (no pointer query): the row's text, with its
         * source, handed out on hover. */
        const char *tip = gp_tooltip_get (spin);
        check (t, gtk_widget_get_has_tooltip (spin) && tip && strstr (tip, "Source") != NULL,
               "the PUE editor's tooltip names its source");
      }
      t->old_pue = gp_session_get_value (s, &ref);
      t->old_facility = facility_power (t->win);
      t->old_cell = g_strdup (power_cell (t->win));
      check (t, isfinite (t->old_facility) && t->old_facility > 0,
             "the power chart shows the selected system's facility power");
      /* Through the widget, as a user would. */
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), t->old_pue + 0.25);
      return G_SOURCE_CONTINUE;
    case 1:
      {
        double pue = gp_session_get_value (s, &ref);
        check (t, fabs (pue - (t->old_pue + 0.25)) < 1e-12, "the session took the new PUE");
        double fac = facility_power (t->win);
        /* Facility power is (PUE - 1) x IT power (gp-system.h): 0.25 more PUE adds 0.25 x IT
         * power, so it must grow. */
        check (t, fac > t->old_facility * 1.01, "the power chart's facility power grew");
        check (t, g_strcmp0 (power_cell (t->win), t->old_cell) != 0,
               "the comparison table's power changed");
        check (t, gp_session_get_dirty (s), "the design is marked unsaved");
        /* Out of range: the model's message, and the model keeps its value. */
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0.5);
        return G_SOURCE_CONTINUE;
      }
    case 2:
      {
        double pue = gp_session_get_value (s, &ref);
        check (t, fabs (pue - (t->old_pue + 0.25)) < 1e-12, "PUE 0.5 is refused, value kept");
        GtkWidget *row = gtk_widget_get_ancestor (spin, g_type_from_name ("GpParamRow"));
        GtkWidget *err = row ? gtk_widget_get_last_child (row) : NULL;
        const char *msg = err && GTK_IS_LABEL (err) ? gtk_label_get_text (GTK_LABEL (err)) : "";
        check (t, strstr (msg, "pue") != NULL, "the inline message names the parameter");
        printf ("# message: %s\n", msg);
        gp_session_undo (s);
        return G_SOURCE_CONTINUE;
      }
    case 3:
      check (t, fabs (gp_session_get_value (s, &ref) - t->old_pue) < 1e-12, "undo restored PUE");
      check (t, g_strcmp0 (power_cell (t->win), t->old_cell) == 0, "undo restored the table");
      /* The Lua console acts on the open design. A longer life for the Lite-GPU (6 years,
         not 4): at build cost its advantage per model is ~10%, which a shorter life would
         cancel, leaving no crossing for the break-even study to mark. */
      gp_console_run (GP_CONSOLE (gp_window_get_console (t->win)),
                      "print('systems', #design.systems)\n"
                      "design.systems[1].sys.lifetime_years = 6\n", "self-test");
      return G_SOURCE_CONTINUE;
    case 4:
      {
        GpConsole *console = GP_CONSOLE (gp_window_get_console (t->win));
        if (gp_console_get_running (console))
          {
            t->step--;
            return G_SOURCE_CONTINUE;
          }
        g_autofree char *out = gp_console_dup_output (console);
        check (t, strstr (out, "systems\t3") != NULL, "the console printed through print()");
        GpParamRef life = gp_param_ref (GP_SUBJECT_SYSTEM, gp_session_get_system (s, 0)->id, -1,
                                        "lifetime_years");
        check (t, gp_session_get_value (s, &life) == 6, "the script's edit reached the design");
        /* TAP: every diagnostic line must start with '#', and the output has several. */
        g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
        for (char **l = lines; *l; l++)
          if (**l)
            printf ("# console: %s\n", *l);
        /* The report folder: every chart in four formats, the comparison, the design. */
        g_autoptr (GError) error = NULL;
        g_autofree char *tmp = g_dir_make_tmp ("gp-report-XXXXXX", &error);
        g_autofree char *dir = tmp ? g_build_filename (tmp, "report", NULL) : NULL;
        gboolean ok = dir && gp_window_export_report (t->win, dir, &error);
        check (t, ok, "the report folder was written");
        if (!ok)
          printf ("# %s\n", error ? error->message : "no temporary directory");
        const char *files[] = { "capex.svg", "capex.pdf", "capex.png", "capex.csv",
                                "wafer_map.svg", "comparison.csv", "comparison.tsv",
                                "design.lua", "README.md" };
        for (guint k = 0; ok && k < G_N_ELEMENTS (files); k++)
          {
            g_autofree char *f = g_build_filename (dir, files[k], NULL);
            g_autofree char *what = g_strdup_printf ("report has %s", files[k]);
            check (t, g_file_test (f, G_FILE_TEST_IS_REGULAR), what);
          }
        if (dir)
          {
            g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
            if (system (cmd) != 0)
              printf ("# could not remove %s\n", tmp);
          }
        return G_SOURCE_CONTINUE;
      }
    case 5:
      {
        /* Issue 9: the uncertainty cards exist, have their data and draw. */
        static const struct { GpChartId id; const char *what; } uq[] = {
          { GP_CHART_ID_UNCERTAINTY, "the 5-95 % whisker chart" },
          { GP_CHART_ID_TORNADO, "the tornado chart" },
          { GP_CHART_ID_BREAK_EVEN, "the break-even chart" },
        };
        for (guint k = 0; k < G_N_ELEMENTS (uq); k++)
          {
            GpChartCard *card = card_of (t->win, uq[k].id);
            gp_chart *c = card ? gp_chart_view_get_chart (gp_chart_card_get_view (card)) : NULL;
            g_autofree char *what = g_strdup_printf ("%s has a card and draws data", uq[k].what);
            gboolean ok = c != NULL;
            if (ok)
              {
                cairo_surface_t *surf = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 360);
                cairo_t *cr = cairo_create (surf);
                gp_draw_info info;
                ok = gp_chart_draw (c, cr, 480, 360, NULL, &info, NULL) == GP_OK && !info.no_data
                     && info.n_drawn > 0;
                cairo_destroy (cr);
                cairo_surface_destroy (surf);
              }
            check (t, ok, what);
          }
        gp_chart *w = gp_chart_view_get_chart (gp_chart_card_get_view (card_of (t->win, GP_CHART_ID_UNCERTAINTY)));
        gp_series *ws = w ? gp_chart_get_series (w, 0) : NULL;
        check (t, ws && ws->n > 1, "the first system has its whiskers");
        gp_chart *be = gp_chart_view_get_chart (gp_chart_card_get_view (card_of (t->win, GP_CHART_ID_BREAK_EVEN)));
        gboolean vline = FALSE;
        for (size_t i = 0; be && i < gp_chart_n_annotations (be); i++)
          vline |= gp_chart_get_annotation (be, i)->kind == GP_ANNOT_VLINE
                   && fabs (gp_chart_get_annotation (be, i)->x
                            - gp_session_get_break_even (s)->break_even_pj) < 1e-9;
        /* The marker exists only where the engine found a crossing (the default design may
         * have none in the swept range; then none is drawn). */
        const GpUqBreakEven *bev = gp_session_get_break_even (s);
        gboolean any_vline = FALSE;
        for (size_t i = 0; be && i < gp_chart_n_annotations (be); i++)
          any_vline |= gp_chart_get_annotation (be, i)->kind == GP_ANNOT_VLINE;
        if (bev->found)
          check (t, vline, "the break-even marker sits at the engine's break-even");
        else
          check (t, !any_vline, "no break-even marker where the engine found no crossing");
        /* Optimise… on the selected system, through the window action. */
        gp_session_set_selected_id (s, gp_session_get_system (s, 0)->id);
        gtk_widget_activate_action (GTK_WIDGET (t->win), "win.optimise", NULL);
        GtkWidget *dlg = gp_window_get_optimise_dialog (t->win);
        check (t, GP_IS_OPTIMISE_DIALOG (dlg), "win.optimise opened the Optimise window");
        if (!GP_IS_OPTIMISE_DIALOG (dlg))
          goto done;
        /* A tiny budget: a narrow range around the design's value. */
        GpOptimiseSpec spec;
        gp_optimise_dialog_get_spec (GP_OPTIMISE_DIALOG (dlg), &spec);
        printf ("# optimising %s over %s\n", gp_session_get_system (s, 0)->system.sys.name,
                spec.path[0]);
        t->opt_path = g_strdup (spec.path[0]);
        GpParamRef ref0;
        gp_session_path_ref (s, gp_session_get_system (s, 0)->id, spec.path[0], &ref0, NULL);
        t->opt_old = gp_session_get_value (s, &ref0);
        spec.lo[0] = t->opt_old * 0.8;
        spec.hi[0] = t->opt_old * 1.25;
        gp_optimise_dialog_set_spec (GP_OPTIMISE_DIALOG (dlg), &spec);
        gp_optimise_dialog_run (GP_OPTIMISE_DIALOG (dlg));
        return G_SOURCE_CONTINUE;
      }
    case 6:
      {
        GpOptimiseDialog *dlg = GP_OPTIMISE_DIALOG (gp_window_get_optimise_dialog (t->win));
        if (gp_optimise_dialog_get_running (dlg))
          {
            t->step--;
            return G_SOURCE_CONTINUE;
          }
        const GpOptimum *o = gp_optimise_dialog_get_result (dlg);
        g_auto (GStrv) lines = g_strsplit (gp_optimise_dialog_get_report (dlg), "\n", -1);
        for (guint k = 0; lines[k]; k++)
          printf ("# %s\n", lines[k]);
        check (t, o != NULL && o->ok, "the optimisation reported an optimum");
        check (t, strstr (gp_optimise_dialog_get_report (dlg), t->opt_path) == NULL,
               "the report names the parameter by its label, not its key");
        check (t, o && o->value <= o->nominal_value * (1 + 1e-12),
               "the optimum is no worse than the design");
        g_autoptr (GError) error = NULL;
        check (t, o && gp_optimise_dialog_apply (dlg, &error), "Apply set the parameter");
        return G_SOURCE_CONTINUE;
      }
    case 7:
      {
        GpParamRef ref0;
        gp_session_path_ref (s, gp_session_get_system (s, 0)->id, t->opt_path, &ref0, NULL);
        check (t, gp_session_get_value (s, &ref0) != t->opt_old, "the design took the optimum");
        gp_session_undo (s);
        check (t, gp_session_get_value (s, &ref0) == t->opt_old, "undo took the optimum back");
        GtkWidget *dlg = gp_window_get_optimise_dialog (t->win);
        if (dlg)
          gtk_window_destroy (GTK_WINDOW (dlg));
        goto done;
      }
    }
done:
  printf ("1..%d\n", t->n_test);
  *t->exit_status = t->n_fail ? 1 : 0;
  g_free (t->old_cell);
  g_free (t->opt_path);
  gtk_window_destroy (GTK_WINDOW (t->win));
  g_free (t);
  return G_SOURCE_REMOVE;
}


void
gp_self_test_run (GtkApplication *app, GtkWindow *window, gint64 start_us, int *exit_status)
{
  SelfTest *t = g_new0 (SelfTest, 1);
  t->app = app;
  t->exit_status = exit_status;
  t->win = GP_WINDOW (window);
  *exit_status = 1;
  t->cards_at_start = gp_window_get_n_cards_made (t->win);
  /* Fewer Monte Carlo samples: each change re-runs them before the next step. */
  gp_session_set_uncertainty_samples (gp_window_get_session (t->win), 200, 40);
  g_timeout_add (50, step, t);
}
