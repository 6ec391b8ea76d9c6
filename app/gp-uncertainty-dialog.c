/* gp-uncertainty-dialog.c: GpOptimiseDialog, "Optimise…" (see gp-uncertainty-dialog.h).
 * Built in code: two rows of a parameter drop-down with its bounds, the figure, and a
 * report; the work runs through gp_session_optimise_async so the window stays live. */
#include "gp-uncertainty-dialog.h"

#include <glib/gi18n.h>

#include <math.h>

#include "gp-tooltip.h"

struct _GpOptimiseDialog {
  GtkWindow parent_instance;

  /* borrowed widgets (children of the window) */
  GtkDropDown *figure;
  GtkDropDown *path[GP_OPT_VARS_MAX];
  GtkSpinButton *lo[GP_OPT_VARS_MAX], *hi[GP_OPT_VARS_MAX];
  GtkLabel *unit[GP_OPT_VARS_MAX];
  GtkCheckButton *second;
  GtkLabel *report;
  GtkSpinner *spinner;
  GtkWidget *run_button, *apply_button, *stop_button;

  /* owned */
  GpSession *session;
  guint system_id;
  char **paths;            /* what the drop-downs list */
  GCancellable *cancellable;
  GpOptimiseSpec ran;      /* the spec of the last result */
  GpOptimum result;
  gboolean have_result;
  gboolean running;
  gulong changed_id;
};

G_DEFINE_FINAL_TYPE (GpOptimiseDialog, gp_optimise_dialog, GTK_TYPE_WINDOW)

static guint
path_index (GpOptimiseDialog *self, const char *path)
{
  for (guint i = 0; self->paths[i]; i++)
    if (g_strcmp0 (self->paths[i], path) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static const char *
selected_path (GpOptimiseDialog *self, int k)
{
  guint i = gtk_drop_down_get_selected (self->path[k]);
  return i != GTK_INVALID_LIST_POSITION && self->paths[i] ? self->paths[i] : NULL;
}

static double
current_value (GpOptimiseDialog *self, const char *path, const char **unit)
{
  GpParamRef ref;
  *unit = "";
  if (path == NULL || !gp_session_path_ref (self->session, self->system_id, path, &ref, NULL))
    return NAN;
  *unit = ref.param->unit ? ref.param->unit : "";
  return gp_session_get_value (self->session, &ref);
}

/* A new parameter: bounds from half to twice its value (or 0..1 when it is 0). */
static void
on_path_selected (GObject *dd, GParamSpec *pspec, gpointer data)
{
  GpOptimiseDialog *self = data;
  for (int k = 0; k < GP_OPT_VARS_MAX; k++)
    if (G_OBJECT (self->path[k]) == dd)
      {
        const char *unit;
        double v = current_value (self, selected_path (self, k), &unit);
        gtk_label_set_text (self->unit[k], unit);
        if (isfinite (v) && v != 0)
          {
            gtk_spin_button_set_value (self->lo[k], MIN (v * 0.5, v * 2));
            gtk_spin_button_set_value (self->hi[k], MAX (v * 0.5, v * 2));
          }
        else
          {
            gtk_spin_button_set_value (self->lo[k], 0);
            gtk_spin_button_set_value (self->hi[k], 1);
          }
      }
}

static void
update_sensitive (GpOptimiseDialog *self)
{
  gboolean two = gtk_check_button_get_active (self->second);
  gtk_widget_set_sensitive (GTK_WIDGET (self->path[1]), two && !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lo[1]), two && !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->hi[1]), two && !self->running);
  gtk_widget_set_sensitive (self->run_button, !self->running);
  gtk_widget_set_visible (self->stop_button, self->running);
  gtk_widget_set_sensitive (self->apply_button, self->have_result && !self->running);
  if (self->running)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
on_second_toggled (GtkCheckButton *b, gpointer data)
{
  update_sensitive (data);
}

void
gp_optimise_dialog_get_spec (GpOptimiseDialog *self, GpOptimiseSpec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->figure = (int) gtk_drop_down_get_selected (self->figure);
  spec->n_vars = gtk_check_button_get_active (self->second) ? 2 : 1;
  for (int k = 0; k < spec->n_vars; k++)
    {
      const char *p = selected_path (self, k);
      g_strlcpy (spec->path[k], p ? p : "", sizeof spec->path[k]);
      spec->lo[k] = gtk_spin_button_get_value (self->lo[k]);
      spec->hi[k] = gtk_spin_button_get_value (self->hi[k]);
    }
}

void
gp_optimise_dialog_set_spec (GpOptimiseDialog *self, const GpOptimiseSpec *spec)
{
  gtk_drop_down_set_selected (self->figure, (guint) spec->figure);
  gtk_check_button_set_active (self->second, spec->n_vars > 1);
  for (int k = 0; k < spec->n_vars && k < GP_OPT_VARS_MAX; k++)
    {
      guint i = path_index (self, spec->path[k]);
      if (i != GTK_INVALID_LIST_POSITION)
        gtk_drop_down_set_selected (self->path[k], i);
      /* After the selection, whose handler proposes bounds of its own. */
      gtk_spin_button_set_value (self->lo[k], spec->lo[k]);
      gtk_spin_button_set_value (self->hi[k], spec->hi[k]);
    }
  update_sensitive (self);
}

static void
describe (GpOptimiseDialog *self)
{
  const GpOptimiseSpec *sp = &self->ran;
  const GpOptimum *o = &self->result;
  GpOptFigure f = (GpOptFigure) sp->figure;
  g_autoptr (GString) t = g_string_new (NULL);
  g_string_append_printf (t, _("Minimum of %s: %.5g %s (the design: %.5g %s, %+.2f %%).\n"),
                          gp_opt_figure_label (f), o->value, gp_opt_figure_unit (f),
                          o->nominal_value, gp_opt_figure_unit (f),
                          100 * (o->value / o->nominal_value - 1));
  for (int k = 0; k < sp->n_vars; k++)
    {
      const char *unit;
      current_value (self, sp->path[k], &unit);
      /* the parameter's label, as in the drop-down (the key only when it has none) */
      GpParamRef ref;
      const char *name = sp->path[k];
      if (gp_session_path_ref (self->session, self->system_id, sp->path[k], &ref, NULL)
          && ref.param && ref.param->label && ref.param->label[0])
        name = ref.param->label;
      const char *where;
      double span = sp->hi[k] - sp->lo[k];
      if (!o->at_bound[k])
        where = _("inside the bounds");
      else if (fabs (o->x[k] - sp->lo[k]) <= fabs (o->x[k] - sp->hi[k]))
        where = _("ON THE LOWER BOUND: the figure still falls below it; widen the range");
      else
        where = _("ON THE UPPER BOUND: the figure still falls beyond it; widen the range");
      g_string_append_printf (t, _("%s = %.5g %s (design %.5g; bounds %.4g to %.4g): %s.\n"),
                              name, o->x[k], unit, o->nominal_x[k], sp->lo[k],
                              sp->hi[k], where);
      (void) span;
    }
  g_string_append_printf (t, _("%ld evaluations%s%s; plan fixed at the one found for the "
                             "design; other parameters at their values."),
                          o->evaluations, o->infeasible ? _(", some infeasible") : "",
                          o->converged ? "" : _(", stopped at the iteration limit"));
  gtk_label_set_text (self->report, t->str);
}

static void
on_optimised (GObject *source, GAsyncResult *res, gpointer data)
{
  GpOptimiseDialog *self = data;
  g_autoptr (GError) error = NULL;
  GpOptimum o;
  gboolean ok = gp_session_optimise_finish (GP_SESSION (source), res, &o, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->running = FALSE;
      g_clear_object (&self->cancellable);
      if (ok)
        {
          self->result = o;
          self->have_result = TRUE;
          describe (self);
        }
      else
        {
          self->have_result = FALSE;
          gtk_label_set_text (self->report, error->message);
        }
      update_sensitive (self);
    }
  g_object_unref (self);
}

void
gp_optimise_dialog_run (GpOptimiseDialog *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gp_optimise_dialog_get_spec (self, &self->ran);
  self->running = TRUE;
  self->have_result = FALSE;
  gtk_label_set_text (self->report, _("Optimising…"));
  update_sensitive (self);
  gp_session_optimise_async (self->session, self->system_id, &self->ran, self->cancellable,
                             on_optimised, g_object_ref (self));
}

static void
on_stop (GtkButton *b, gpointer data)
{
  GpOptimiseDialog *self = data;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->running = FALSE;
  gtk_label_set_text (self->report, _("Cancelled."));
  update_sensitive (self);
}

gboolean
gp_optimise_dialog_get_running (GpOptimiseDialog *self)
{
  return self->running;
}

const GpOptimum *
gp_optimise_dialog_get_result (GpOptimiseDialog *self)
{
  return self->have_result ? &self->result : NULL;
}

const char *
gp_optimise_dialog_get_report (GpOptimiseDialog *self)
{
  return gtk_label_get_text (self->report);
}

gboolean
gp_optimise_dialog_apply (GpOptimiseDialog *self, GError **error)
{
  if (!self->have_result)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_EINVAL, _("no optimum to apply yet"));
      return FALSE;
    }
  if (!gp_session_apply_optimum (self->session, self->system_id, &self->ran, &self->result,
                                 error))
    return FALSE;
  self->have_result = FALSE; /* applied: the design has moved */
  gtk_label_set_text (self->report, _("Applied (Ctrl+Z in the main window takes it back)."));
  update_sensitive (self);
  return TRUE;
}

static void
on_apply (GtkButton *b, gpointer data)
{
  GpOptimiseDialog *self = data;
  g_autoptr (GError) error = NULL;
  if (!gp_optimise_dialog_apply (self, &error))
    gtk_label_set_text (self->report, error->message);
}

static void
on_run (GtkButton *b, gpointer data)
{
  gp_optimise_dialog_run (data);
}

/* The system went away: nothing left to optimise. */
static void
on_session_changed (GpSession *s, guint what, gpointer data)
{
  GpOptimiseDialog *self = data;
  if (gp_session_find_system (s, self->system_id) == NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
gp_optimise_dialog_dispose (GObject *object)
{
  GpOptimiseDialog *self = GP_OPTIMISE_DIALOG (object);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (gp_optimise_dialog_parent_class)->dispose (object);
}

static void
gp_optimise_dialog_finalize (GObject *object)
{
  g_strfreev (GP_OPTIMISE_DIALOG (object)->paths);
  G_OBJECT_CLASS (gp_optimise_dialog_parent_class)->finalize (object);
}

static void
gp_optimise_dialog_class_init (GpOptimiseDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gp_optimise_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = gp_optimise_dialog_finalize;
}

static void
gp_optimise_dialog_init (GpOptimiseDialog *self)
{
}

static GtkSpinButton *
bound_spin (void)
{
  GtkAdjustment *adj = gtk_adjustment_new (0, -1e15, 1e15, 1, 10, 0);
  GtkWidget *sb = gtk_spin_button_new (adj, 1, 5);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (sb), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (sb), 10);
  return GTK_SPIN_BUTTON (sb);
}

static GtkWidget *
label (const char *text, const char *css)
{
  GtkWidget *l = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  if (css)
    gtk_widget_add_css_class (l, css);
  return l;
}

GtkWidget *
gp_optimise_dialog_new (GtkWindow *parent, GpSession *session, guint system_id)
{
  GpOptimiseDialog *self = g_object_new (GP_TYPE_OPTIMISE_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->system_id = system_id;
  const GpSystemEntry *e = gp_session_find_system (session, system_id);
  g_return_val_if_fail (e != NULL, GTK_WIDGET (self));
  self->paths = gp_uq_optimisable_paths (&e->system, gp_session_get_study (session));

  g_autofree char *title = g_strdup_printf (_("Optimise %s"), e->system.sys.name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 620, -1);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (box, 14);
  gtk_widget_set_margin_end (box, 14);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_window_set_child (GTK_WINDOW (self), box);

  g_autofree char *intro = g_strdup_printf (
    _("Minimise a figure of %s over one or two of its continuous parameters within bounds "
    "(a grid then Brent's method for one; Nelder-Mead inside the box for two). A Lite-GPU's "
    "die fraction is a choice made when the system is derived (data/systems.lua), not a "
    "parameter of the system, so the default is its fabric's per-link rate: bandwidth "
    "bought against its cost and power."), e->system.sys.name);
  GtkWidget *il = label (intro, "caption");
  gtk_label_set_wrap (GTK_LABEL (il), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (il), 80);
  gtk_box_append (GTK_BOX (box), il);

  GtkWidget *grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_box_append (GTK_BOX (box), grid);

  const char *figs[GP_OPT_N + 1];
  for (int f = 0; f < GP_OPT_N; f++)
    figs[f] = gp_opt_figure_label ((GpOptFigure) f);
  figs[GP_OPT_N] = NULL;
  self->figure = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (figs));
  gtk_grid_attach (GTK_GRID (grid), label (_("Minimise"), NULL), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->figure), 1, 0, 4, 1);
  gtk_grid_attach (GTK_GRID (grid), label (_("Parameter"), "dim-label"), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), label (_("From"), "dim-label"), 2, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), label (_("To"), "dim-label"), 3, 1, 1, 1);
  self->second = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Second")));
  /* People read labels, not keys: "Scale-up link rate (Gb/s) - topology.scaleup_link_rate_gbps";
   * the key stays in the text so a search by either finds it. */
  guint np = self->paths ? g_strv_length (self->paths) : 0;
  g_auto (GStrv) shown = g_new0 (char *, np + 1);
  for (guint i = 0; i < np; i++)
    {
      GpParamRef ref;
      if (gp_session_path_ref (session, system_id, self->paths[i], &ref, NULL) && ref.param)
        shown[i] = g_strdup_printf ("%s%s%s%s \u2014 %s", ref.param->label,
                                    ref.param->unit[0] ? " (" : "", ref.param->unit,
                                    ref.param->unit[0] ? ")" : "", self->paths[i]);
      else
        shown[i] = g_strdup (self->paths[i]);
    }
  for (int k = 0; k < GP_OPT_VARS_MAX; k++)
    {
      self->path[k] = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *const *) shown));
      GtkExpression *expr = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
      gtk_drop_down_set_expression (self->path[k], expr);
      gtk_expression_unref (expr);
      gtk_drop_down_set_enable_search (self->path[k], TRUE);
      gtk_widget_set_hexpand (GTK_WIDGET (self->path[k]), TRUE);
      self->lo[k] = bound_spin ();
      self->hi[k] = bound_spin ();
      self->unit[k] = GTK_LABEL (label ("", "dim-label"));
      gtk_grid_attach (GTK_GRID (grid), k == 0 ? label (_("First"), NULL) : GTK_WIDGET (self->second),
                       0, 2 + k, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->path[k]), 1, 2 + k, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->lo[k]), 2, 2 + k, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->hi[k]), 3, 2 + k, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->unit[k]), 4, 2 + k, 1, 1);
      g_signal_connect (self->path[k], "notify::selected", G_CALLBACK (on_path_selected), self);
    }
  g_signal_connect (self->second, "toggled", G_CALLBACK (on_second_toggled), self);

  self->report = GTK_LABEL (label (_("Choose a figure and the parameters, then Run."), NULL));
  gtk_label_set_wrap (self->report, TRUE);
  gtk_label_set_max_width_chars (self->report, 80);
  gtk_label_set_selectable (self->report, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->report));

  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->spinner));
  self->stop_button = gtk_button_new_with_mnemonic (_("_Stop"));
  g_signal_connect (self->stop_button, "clicked", G_CALLBACK (on_stop), self);
  gtk_box_append (GTK_BOX (buttons), self->stop_button);
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_destroy), self);
  gtk_box_append (GTK_BOX (buttons), close);
  self->apply_button = gtk_button_new_with_mnemonic (_("_Apply"));
  gp_tooltip_set (self->apply_button,
                  _("Set the parameters to the optimum (undoable)"));
  g_signal_connect (self->apply_button, "clicked", G_CALLBACK (on_apply), self);
  gtk_box_append (GTK_BOX (buttons), self->apply_button);
  self->run_button = gtk_button_new_with_mnemonic (_("_Run"));
  gtk_widget_add_css_class (self->run_button, "suggested-action");
  g_signal_connect (self->run_button, "clicked", G_CALLBACK (on_run), self);
  gtk_box_append (GTK_BOX (buttons), self->run_button);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->run_button);

  GpOptimiseSpec spec;
  gp_uq_default_optimise (&e->system, &spec);
  /* The second row starts on another useful knob, off until ticked. */
  const char *second = "sys.lifetime_years";
  guint i2 = path_index (self, second);
  if (i2 != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->path[1], i2);
  gp_optimise_dialog_set_spec (self, &spec);
  self->changed_id = g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), self);
  update_sensitive (self);
  return GTK_WIDGET (self);
}
