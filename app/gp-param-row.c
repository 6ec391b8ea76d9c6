/* gp-param-row.c: GpParamRow, one generic parameter editor (see gp-param-row.h). */
#include "gp-param-row.h"

#include <float.h>
#include <math.h>

#include <glib/gi18n.h>

#include "gp-axis.h"
#include "gp-tooltip.h"

struct _GpParamRow {
  GtkWidget parent_instance;

  /* template children */
  GtkWidget *line;
  GtkLabel *label;
  GtkBox *editor_slot;
  GtkLabel *unit;
  GtkButton *reset;
  GtkLabel *error;

  /* owned */
  GpSession *session;
  GtkWidget *editor;   /* borrowed from the slot */
  char *error_text;

  GpParamRef ref;
  gboolean input_error; /* the text typed could not be read: keep it, with the message */
  double shown;        /* value the editor shows (NAN before the first refresh) */
  gboolean updating;   /* refresh in progress: editor signals are ours, not the user's */
};

G_DEFINE_FINAL_TYPE (GpParamRow, gp_param_row, GTK_TYPE_WIDGET)

static void
show_error (GpParamRow *self, const char *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_text (self->error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error), message != NULL);
  if (message)
    gtk_widget_add_css_class (self->editor, "error");
  else
    gtk_widget_remove_css_class (self->editor, "error");
}

static void
update_reset (GpParamRow *self)
{
  double preset;
  const gp_param *p = self->ref.param;
  gboolean has = p->type != GP_PARAM_STRING
                 && gp_session_get_preset_value (self->session, &self->ref, &preset);
  double v = gp_session_get_value (self->session, &self->ref);
  gboolean differs = has && !(v == preset);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset), differs);
  if (has)
    {
      char buf[64];
      g_autofree char *tip = NULL;
      if (p->type == GP_PARAM_ENUM && p->enum_names)
        tip = g_strdup_printf (_("Reset to the preset value (%s)"),
                               preset >= 0 ? p->enum_names[(int) preset] : "?");
      else if (p->type == GP_PARAM_BOOL)
        tip = g_strdup_printf (_("Reset to the preset value (%s)"), preset != 0 ? _("on") : _("off"));
      else
        {
          gp_param_format (p, preset, buf, sizeof buf);
          tip = g_strdup_printf (_("Reset to the preset value (%s)"), buf);
        }
      gp_tooltip_set (GTK_WIDGET (self->reset), tip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reset), p->type != GP_PARAM_STRING);
}

/* Spin-button step for VALUE: a tenth of its decade, so one click moves the second digit. */
static double
step_for (const gp_param *p, double v)
{
  double a = fabs (v);
  double step = a > 0 ? pow (10.0, floor (log10 (a)) - 1.0) : 0.1;
  if (p->type == GP_PARAM_INT)
    step = MAX (1.0, round (step));
  return step;
}

/* The spin button's step at VALUE: accelerators come in whole servers, everything else
 * moves by a tenth of its decade. */
static double
row_step (GpParamRow *self, double v)
{
  const gp_param *p = self->ref.param;
  if (self->ref.subject == GP_SUBJECT_SYSTEM && g_str_equal (p->name, "accelerators"))
    {
      GpParamRef per = gp_param_ref (GP_SUBJECT_SYSTEM, self->ref.system_id, -1,
                                     "accels_per_server");
      return MAX (1.0, gp_session_get_value (self->session, &per));
    }
  return step_for (p, v);
}

void
gp_param_row_refresh (GpParamRow *self)
{
  g_return_if_fail (GP_IS_PARAM_ROW (self));
  const gp_param *p = self->ref.param;
  double now = p->type == GP_PARAM_STRING ? NAN : gp_session_get_value (self->session, &self->ref);
  if (p->type != GP_PARAM_STRING && now == self->shown && self->error_text == NULL)
    return; /* a drag elsewhere: nothing here changed */
  self->shown = now;
  self->updating = TRUE;
  switch (p->type)
    {
    case GP_PARAM_DOUBLE:
    case GP_PARAM_INT:
      {
        double v = gp_session_get_value (self->session, &self->ref);
        double step = row_step (self, v);
        GtkSpinButton *spin = GTK_SPIN_BUTTON (self->editor);
        gtk_spin_button_set_increments (spin, step, step * 10);
        if (gtk_spin_button_get_value (spin) != v)
          gtk_spin_button_set_value (spin, v);
        else
          gtk_spin_button_update (spin);
        char buf[64];
        gp_param_format (p, v, buf, sizeof buf);
        gtk_editable_set_text (GTK_EDITABLE (spin), buf);
        break;
      }
    case GP_PARAM_BOOL:
      gtk_switch_set_active (GTK_SWITCH (self->editor),
                             gp_session_get_value (self->session, &self->ref) != 0);
      break;
    case GP_PARAM_ENUM:
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->editor),
                                  (guint) gp_session_get_value (self->session, &self->ref));
      break;
    case GP_PARAM_STRING:
      {
        g_autofree char *s = gp_session_dup_string (self->session, &self->ref);
        gtk_editable_set_text (GTK_EDITABLE (self->editor), s ? s : "");
        break;
      }
    }
  show_error (self, NULL);
  update_reset (self);
  self->updating = FALSE;
}

static void
commit_value (GpParamRow *self, double v)
{
  if (self->updating)
    return;
  g_autoptr (GError) error = NULL;
  /* A refused value stays in the editor with the message under it; the model keeps the
   * last valid value until the entry is corrected (or the session changes it). */
  if (!gp_session_set_value (self->session, &self->ref, v, &error))
    show_error (self, error->message);
  else
    {
      self->shown = v;
      show_error (self, NULL);
      update_reset (self);
    }
}

static int
on_spin_input (GtkSpinButton *spin, double *new_value, gpointer data)
{
  GpParamRow *self = data;
  gp_error err = { 0 };
  double v;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0')
    {
      err.status = GP_EINVAL;
      g_snprintf (err.message, sizeof err.message, _("%s: a value is needed"), self->ref.param->name);
    }
  else if (gp_param_parse (self->ref.param, trimmed, &v, &err) == GP_OK && !isfinite (v))
    {
      /* 1e308 x 10 and the like: the parser read it, but no model takes it. */
      err.status = GP_ERANGE;
      g_snprintf (err.message, sizeof err.message, _("%s = %s is not a finite number"),
                  self->ref.param->name, trimmed);
    }
  if (err.status != GP_OK)
    {
      self->input_error = TRUE;
      show_error (self, err.message[0] ? err.message : _("not a number"));
      return GTK_INPUT_ERROR;
    }
  self->input_error = FALSE;
  *new_value = v;
  return TRUE;
}

static gboolean
on_spin_output (GtkSpinButton *spin, gpointer data)
{
  GpParamRow *self = data;
  if (self->input_error)
    return TRUE; /* leave what was typed in the field, beside its message */
  char buf[64];
  gp_param_format (self->ref.param, gtk_spin_button_get_value (spin), buf, sizeof buf);
  if (g_strcmp0 (buf, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), buf);
  return TRUE;
}

static void
on_spin_changed (GtkSpinButton *spin, gpointer data)
{
  GpParamRow *self = data;
  double v = gtk_spin_button_get_value (spin);
  gtk_spin_button_set_increments (spin, row_step (self, v), 10 * row_step (self, v));
  commit_value (self, v);
}

static void
on_switch_active (GObject *sw, GParamSpec *pspec, gpointer data)
{
  commit_value (data, gtk_switch_get_active (GTK_SWITCH (sw)) ? 1.0 : 0.0);
}

static void
on_dropdown_selected (GObject *dd, GParamSpec *pspec, gpointer data)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dd));
  if (i != GTK_INVALID_LIST_POSITION)
    commit_value (data, (double) i);
}

static void
on_entry_activate (GtkEntry *entry, gpointer data)
{
  GpParamRow *self = data;
  if (self->updating)
    return;
  g_autoptr (GError) error = NULL;
  if (!gp_session_set_string (self->session, &self->ref,
                              gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
}

static void
on_reset_clicked (GtkButton *button, gpointer data)
{
  GpParamRow *self = data;
  g_autoptr (GError) error = NULL;
  if (!gp_session_reset_value (self->session, &self->ref, &error))
    show_error (self, error->message);
  else
    gp_param_row_refresh (self);
}

static char *
range_text (const gp_param *p)
{
  if (p->type == GP_PARAM_BOOL || p->type == GP_PARAM_STRING)
    return NULL;
  if (p->type == GP_PARAM_ENUM)
    {
      g_autofree char *names = g_strjoinv (", ", (char **) p->enum_names);
      return g_strdup_printf (_("One of: %s"), names);
    }
  char lo[48], hi[48];
  if (isinf (p->min))
    g_strlcpy (lo, "−∞", sizeof lo);
  else
    gp_param_format (p, p->min, lo, sizeof lo);
  if (isinf (p->max))
    g_strlcpy (hi, "∞", sizeof hi);
  else
    gp_param_format (p, p->max, hi, sizeof hi);
  return g_strdup_printf (_("Allowed: %s%s, %s%s %s"),
                          p->flags & GP_RANGE_MIN_EXCLUSIVE ? "(" : "[", lo, hi,
                          p->flags & GP_RANGE_MAX_EXCLUSIVE ? ")" : "]", p->unit);
}

static void
build_tooltip (GpParamRow *self)
{
  const gp_param *p = self->ref.param;
  g_autoptr (GString) t = g_string_new (NULL);
  g_string_append_printf (t, "%s (%s)\n%s", p->label, p->name, p->doc ? p->doc : "");
  g_autofree char *range = range_text (p);
  if (range)
    g_string_append_printf (t, "\n%s", range);
  g_autofree char *src = gp_session_dup_source (self->session, &self->ref);
  g_string_append_printf (t, _("\nSource: %s"), src ? src : _("none recorded for this value"));
  gp_tooltip_set (GTK_WIDGET (self->label), t->str);
  gp_tooltip_set (self->editor, t->str);
}

/* Pass a wheel step over an editor to the scrolled panel around it. */
static gboolean
on_editor_wheel (GtkEventControllerScroll *c, double dx, double dy, gpointer data)
{
  GtkWidget *w = GTK_WIDGET (data);
  GtkWidget *sw = gtk_widget_get_ancestor (w, GTK_TYPE_SCROLLED_WINDOW);
  if (sw != NULL)
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
      double step = MAX (gtk_adjustment_get_step_increment (adj), 40.0);
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + dy * step);
    }
  return TRUE; /* handled: the spin button never sees it */
}

static GtkWidget *
make_editor (GpParamRow *self)
{
  const gp_param *p = self->ref.param;
  GtkWidget *w = NULL;
  switch (p->type)
    {
    case GP_PARAM_DOUBLE:
    case GP_PARAM_INT:
      {
        /* Wide bounds: the model, not the spin button, decides what is in range, so an
         * out-of-range entry gets the model's message instead of being clamped. */
        GtkAdjustment *adj = gtk_adjustment_new (0, -DBL_MAX, DBL_MAX, 1, 10, 0);
        w = gtk_spin_button_new (adj, 1, p->type == GP_PARAM_INT ? 0 : 6);
        gtk_editable_set_width_chars (GTK_EDITABLE (w), 8);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (w), FALSE);
        gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (w), GTK_UPDATE_IF_VALID);
        g_signal_connect (w, "input", G_CALLBACK (on_spin_input), self);
        g_signal_connect (w, "output", G_CALLBACK (on_spin_output), self);
        g_signal_connect (w, "value-changed", G_CALLBACK (on_spin_changed), self);
        /* The wheel scrolls the panel, never the value: a value changes only when the user
         * types or clicks (a capture-phase handler sees the wheel before the spin does). */
        GtkEventController *wheel = gtk_event_controller_scroll_new (
            GTK_EVENT_CONTROLLER_SCROLL_VERTICAL | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
        gtk_event_controller_set_propagation_phase (wheel, GTK_PHASE_CAPTURE);
        g_signal_connect (wheel, "scroll", G_CALLBACK (on_editor_wheel), self);
        gtk_widget_add_controller (w, wheel);
        break;
      }
    case GP_PARAM_BOOL:
      w = gtk_switch_new ();
      gtk_widget_set_valign (w, GTK_ALIGN_CENTER);
      g_signal_connect (w, "notify::active", G_CALLBACK (on_switch_active), self);
      break;
    case GP_PARAM_ENUM:
      w = gtk_drop_down_new_from_strings ((const char *const *) p->enum_names);
      g_signal_connect (w, "notify::selected", G_CALLBACK (on_dropdown_selected), self);
      break;
    case GP_PARAM_STRING:
      w = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (w), 11);
      g_signal_connect (w, "activate", G_CALLBACK (on_entry_activate), self);
      break;
    }
  char name[128];
  g_snprintf (name, sizeof name, "%s:%s", gp_subject_key (self->ref.subject), p->name);
  gtk_widget_set_name (w, name);
  return w;
}

static void
gp_param_row_dispose (GObject *object)
{
  GpParamRow *self = GP_PARAM_ROW (object);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_PARAM_ROW);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (gp_param_row_parent_class)->dispose (object);
}

static void
gp_param_row_finalize (GObject *object)
{
  g_free (GP_PARAM_ROW (object)->error_text);
  G_OBJECT_CLASS (gp_param_row_parent_class)->finalize (object);
}

static void
gp_param_row_class_init (GpParamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = gp_param_row_dispose;
  object_class->finalize = gp_param_row_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/glasspane/Glasspane/gp-param-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GpParamRow, line);
  gtk_widget_class_bind_template_child (widget_class, GpParamRow, label);
  gtk_widget_class_bind_template_child (widget_class, GpParamRow, editor_slot);
  gtk_widget_class_bind_template_child (widget_class, GpParamRow, unit);
  gtk_widget_class_bind_template_child (widget_class, GpParamRow, reset);
  gtk_widget_class_bind_template_child (widget_class, GpParamRow, error);
  gtk_widget_class_set_css_name (widget_class, "paramrow");
}

static void
gp_param_row_init (GpParamRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gp_param_row_new (GpSession *session, const GpParamRef *ref)
{
  g_return_val_if_fail (GP_IS_SESSION (session) && ref && ref->param, NULL);
  GpParamRow *self = g_object_new (GP_TYPE_PARAM_ROW, NULL);
  self->session = g_object_ref (session);
  self->ref = *ref;
  self->shown = NAN;
  const gp_param *p = ref->param;
  gtk_label_set_text (self->label, p->label && p->label[0] ? p->label : p->name);
  char unit[GP_AXIS_UNIT_MAX * 2];
  gp_unit_pretty (p->unit ? p->unit : "", unit, sizeof unit);
  /* A break opportunity after each slash, so "gCO2e/kWh" wraps there when it must. */
  g_auto (GStrv) parts = g_strsplit (unit, "/", -1);
  g_autofree char *shown = g_strjoinv ("/\u200b", parts);
  gtk_label_set_text (self->unit, shown);
  self->editor = make_editor (self);
  gtk_box_append (self->editor_slot, self->editor);
  g_signal_connect (self->reset, "clicked", G_CALLBACK (on_reset_clicked), self);
  build_tooltip (self);
  gp_param_row_refresh (self);
  return GTK_WIDGET (self);
}

const GpParamRef *
gp_param_row_get_ref (GpParamRow *self)
{
  return &self->ref;
}

GtkWidget *
gp_param_row_get_editor (GpParamRow *self)
{
  return self->editor;
}

const char *
gp_param_row_get_error (GpParamRow *self)
{
  return self->error_text;
}
