/* gp-comparison-table.c: GpComparisonTable (see gp-comparison-table.h). The grid is rebuilt
 * when systems come or go and only relabelled when values change, so a parameter drag
 * costs a few label updates. */
#include "gp-comparison-table.h"

#include <glib/gi18n.h>

#include <math.h>

#include "gp-charts.h"
#include "gp-toasts.h"
#include "gp-tooltip.h"

/* text rows under the metrics: binding constraint, cooling and limits, memory tiers, plan */
#define TEXT_ROWS 4

struct _GpComparisonTable {
  GtkWidget parent_instance;

  GtkWidget *box;       /* owned child */
  GtkGrid *grid;
  GtkLabel *status;
  GtkWidget *hbar;      /* the sideways scrollbar under the heading */
  GtkAdjustment *hadj;  /* the grid's scroller's */
  guint hbar_idle;

  /* owned */
  GpSession *session;
  gulong changed_id;
  char *shape;          /* system ids and baseline the grid was built for */
  GPtrArray *cells;     /* GtkLabel *: [row][system] values then [row][system] ratios */
  guint n_systems;
};

G_DEFINE_FINAL_TYPE (GpComparisonTable, gp_comparison_table, GTK_TYPE_WIDGET)

static GtkWidget *
cell (const char *text, float xalign, const char *css)
{
  GtkWidget *l = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (l), xalign);
  gtk_label_set_selectable (GTK_LABEL (l), FALSE);
  if (css)
    gtk_widget_add_css_class (l, css);
  return l;
}

static char *
shape_of (GpSession *s)
{
  GString *g = g_string_new (NULL);
  g_string_append_printf (g, "b%u", gp_session_get_baseline_id (s));
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, i);
      g_string_append_printf (g, ",%u:%s", e->id, e->system.sys.name);
    }
  return g_string_free (g, FALSE);
}

static void
rebuild (GpComparisonTable *self)
{
  GpSession *s = self->session;
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->cells, 0);
  guint n = gp_session_get_n_systems (s);
  self->n_systems = n;

  gtk_grid_attach (self->grid, cell (_("Metric"), 0, "heading"), 0, 0, 1, 1);
  gtk_grid_attach (self->grid, cell (_("Unit"), 0, "heading"), 1, 0, 1, 1);
  for (guint j = 0; j < n; j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      /* Names wrap rather than shrink to "dgx...", and keep up to 14 characters of width:
       * a narrow window scrolls the table sideways instead of cutting its columns. */
      GtkWidget *h = cell (e->system.sys.name, 1, "heading");
      gtk_label_set_wrap (GTK_LABEL (h), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (h), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (h), (int) MIN (g_utf8_strlen (e->system.sys.name, -1), 14));
      gtk_label_set_max_width_chars (GTK_LABEL (h), 18);
      gp_tooltip_set (h, e->system.sys.name);
      gtk_grid_attach (self->grid, h, 2 + 2 * j, 0, 1, 1);
      /* "× baseline" under every system; the caption names the baseline once. */
      const char *rt = _("× baseline");
      GtkWidget *r = cell (rt, 1, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (r), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (r), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (r), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (r), 12);
      gtk_widget_add_css_class (r, "caption");
      gtk_grid_attach (self->grid, r, 3 + 2 * j, 0, 1, 1);
    }
  guint nm = gp_metrics_n ();
  for (guint i = 0; i < nm; i++)
    {
      const GpMetric *m = gp_metric (i);
      gtk_grid_attach (self->grid, cell (_(m->label), 0, NULL), 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->grid, cell (m->unit, 0, "dim-label"), 1, (int) i + 1, 1, 1);
    }
  for (guint i = 0; i < nm + TEXT_ROWS; i++)
    for (guint j = 0; j < n; j++)
      {
        GtkWidget *v = cell ("", i < nm ? 1 : 0, i < nm ? "numeric" : "caption");
        if (i >= nm)
          {
            /* Wrapped at 24 characters, cut to a few lines with "…" and shown whole in
             * the tooltip (relabel), so a long message cannot widen or lengthen the table. */
            gtk_label_set_wrap (GTK_LABEL (v), TRUE);
            gtk_label_set_wrap_mode (GTK_LABEL (v), PANGO_WRAP_WORD_CHAR);
            gtk_label_set_width_chars (GTK_LABEL (v), 20);
            gtk_label_set_max_width_chars (GTK_LABEL (v), 24);
            gtk_label_set_ellipsize (GTK_LABEL (v), PANGO_ELLIPSIZE_END);
            gtk_label_set_lines (GTK_LABEL (v), i == nm ? 7 : 5);
            gtk_widget_set_valign (v, GTK_ALIGN_START);
            /* As tall as a typical result while it is searched for, so the charts below
             * do not jump when the plans arrive (style.css). */
            if (i == nm || i == nm + TEXT_ROWS - 1)
              gtk_widget_add_css_class (v, i == nm ? "binding-cell" : "plan-cell");
          }
        gtk_grid_attach (self->grid, v, 2 + 2 * j, (int) i + 1, i < nm ? 1 : 2, 1);
        g_ptr_array_add (self->cells, v);
        GtkWidget *r = NULL;
        if (i < nm)
          {
            r = cell ("", 1, "numeric");
            gtk_grid_attach (self->grid, r, 3 + 2 * j, (int) i + 1, 1, 1);
          }
        g_ptr_array_add (self->cells, r);
      }
  gtk_grid_attach (self->grid, cell (_("Binding constraint"), 0, NULL), 0, (int) nm + 1, 2, 1);
  gtk_grid_attach (self->grid, cell (_("Cooling and limits"), 0, NULL), 0, (int) nm + 2, 2, 1);
  gtk_grid_attach (self->grid, cell (_("Memory tiers per accelerator"), 0, NULL), 0,
                   (int) nm + 3, 2, 1);
  gtk_grid_attach (self->grid, cell (_("Parallelism plan"), 0, NULL), 0, (int) nm + 4, 2, 1);
}

static void
relabel (GpComparisonTable *self)
{
  GpSession *s = self->session;
  guint n = self->n_systems, nm = gp_metrics_n ();
  const GpSystemEntry *base = gp_session_find_system (s, gp_session_get_baseline_id (s));
  for (guint i = 0; i < nm + TEXT_ROWS; i++)
    for (guint j = 0; j < n; j++)
      {
        const GpSystemEntry *e = gp_session_get_system (s, j);
        GtkLabel *v = self->cells->pdata[2 * (i * n + j)];
        GtkLabel *r = self->cells->pdata[2 * (i * n + j) + 1];
        if (i >= nm)
          {
            char plan[320] = "";
            if (i == nm + 1 || i == nm + 2)
              {
                g_autofree char *w = i == nm + 1 ? gp_cooling_describe (e)
                                                 : gp_memory_tiers_describe (e);
                g_strlcpy (plan, w, sizeof plan);
              }
            else if (i == nm)
              g_strlcpy (plan, e->have_result ? e->result.binding
                               : e->state == GP_SYSTEM_PENDING ? _("searching for a plan…")
                                                                : e->message,
                         sizeof plan);
            else if (e->have_result)
              gp_plan_describe (&e->result.plan, plan, sizeof plan);
            if (g_strcmp0 (gtk_label_get_text (v), plan) != 0)
              {
                gtk_label_set_text (v, plan);
                gp_tooltip_set (GTK_WIDGET (v), plan[0] ? plan : NULL);
              }
            if (e->state == GP_SYSTEM_ERROR)
              gtk_widget_add_css_class (GTK_WIDGET (v), "error");
            else
              gtk_widget_remove_css_class (GTK_WIDGET (v), "error");
            continue;
          }
        char buf[48];
        gp_metric_format (gp_metric_value (i, e), buf, sizeof buf);
        gtk_label_set_text (v, buf);
        double ratio = gp_metric_ratio (i, e, base);
        gtk_widget_remove_css_class (GTK_WIDGET (r), "better");
        gtk_widget_remove_css_class (GTK_WIDGET (r), "worse");
        if (isfinite (ratio))
          {
            g_snprintf (buf, sizeof buf, "%.3g×", ratio);
            gboolean hb = gp_metric (i)->higher_better;
            if (ratio > 1.005 || ratio < 0.995)
              gtk_widget_add_css_class (GTK_WIDGET (r), (ratio > 1) == hb ? "better" : "worse");
          }
        else
          g_strlcpy (buf, "", sizeof buf);
        gtk_label_set_text (r, buf);
      }
  guint pending = 0;
  for (guint j = 0; j < n; j++)
    pending += gp_session_get_system (s, j)->state == GP_SYSTEM_PENDING;
  g_autofree char *ready = g_strdup_printf (_("Ratios: against the baseline, %s; green is better. "
                                            "Ctrl+C copies the table (tab-separated)."),
                                            base ? base->system.sys.name : _("none"));
  gtk_label_set_text (self->status,
                      n == 0 ? _("No systems to compare.")
                      : pending ? _("Searching parallelism plans…") : ready);
}

static void
on_session_changed (GpSession *session, guint what, gpointer data)
{
  GpComparisonTable *self = data;
  g_autofree char *shape = shape_of (session);
  if (g_strcmp0 (shape, self->shape) != 0)
    {
      g_free (self->shape);
      self->shape = g_steal_pointer (&shape);
      rebuild (self);
    }
  relabel (self);
}

void
gp_comparison_table_copy (GpComparisonTable *self)
{
  g_autofree char *tsv = gp_comparison_tsv (self->session);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gp_toast (GTK_WINDOW (root), _("Comparison copied (tab-separated)"), NULL, NULL, NULL);
}

const char *
gp_comparison_table_get_cell (GpComparisonTable *self, guint row, guint col)
{
  if (col >= self->n_systems || row >= gp_metrics_n () + TEXT_ROWS)
    return NULL;
  return gtk_label_get_text (self->cells->pdata[2 * (row * self->n_systems + col)]);
}

static gboolean
copy_shortcut (GtkWidget *widget, GVariant *args, gpointer data)
{
  gp_comparison_table_copy (GP_COMPARISON_TABLE (widget));
  return TRUE;
}

static void
on_pressed (GtkGestureClick *g, int n, double x, double y, gpointer data)
{
  gtk_widget_grab_focus (GTK_WIDGET (data));
}

/* The wheel over the table scrolls the page, as everywhere else in it: the table's own
 * scroller (sideways only) would otherwise swallow it. Sideways scrolling (Shift+wheel, a
 * touchpad's sideways swipe) goes on to the table. */
static gboolean
on_scroll (GtkEventControllerScroll *ctl, double dx, double dy, gpointer data)
{
  GpComparisonTable *self = data;
  GdkModifierType st = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (ctl));
  if (dy == 0 || fabs (dx) > fabs (dy) || (st & GDK_SHIFT_MASK))
    return GDK_EVENT_PROPAGATE;
  GtkWidget *outer = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (outer == NULL)
    return GDK_EVENT_PROPAGATE;
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (outer));
  /* a wheel click moves as far as GtkScrolledWindow's own (page^(2/3)); a touchpad in px */
  double step = gtk_event_controller_scroll_get_unit (ctl) == GDK_SCROLL_UNIT_WHEEL
                  ? pow (gtk_adjustment_get_page_size (v), 2.0 / 3.0) : 1;
  gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + dy * step);
  return GDK_EVENT_STOP;
}

/* The bar under the heading shows only when the table is wider than its room. Set from an
 * idle: the adjustment changes while the scroller is being allocated. */
static gboolean
update_hbar (gpointer data)
{
  GpComparisonTable *self = data;
  self->hbar_idle = 0;
  gboolean wide = gtk_adjustment_get_upper (self->hadj) - gtk_adjustment_get_lower (self->hadj)
                  > gtk_adjustment_get_page_size (self->hadj) + 1;
  gtk_widget_set_visible (self->hbar, wide);
  return G_SOURCE_REMOVE;
}

static void
on_hadj_changed (GtkAdjustment *adj, gpointer data)
{
  GpComparisonTable *self = data;
  if (self->hbar_idle == 0)
    self->hbar_idle = g_idle_add (update_hbar, self);
}

static void
gp_comparison_table_dispose (GObject *object)
{
  GpComparisonTable *self = GP_COMPARISON_TABLE (object);
  g_clear_handle_id (&self->hbar_idle, g_source_remove);
  if (self->hadj)
    g_signal_handlers_disconnect_by_data (self->hadj, self);
  g_clear_object (&self->hadj);
  g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (gp_comparison_table_parent_class)->dispose (object);
}

static void
gp_comparison_table_finalize (GObject *object)
{
  GpComparisonTable *self = GP_COMPARISON_TABLE (object);
  g_ptr_array_unref (self->cells);
  g_free (self->shape);
  G_OBJECT_CLASS (gp_comparison_table_parent_class)->finalize (object);
}

static void
gp_comparison_table_class_init (GpComparisonTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = gp_comparison_table_dispose;
  object_class->finalize = gp_comparison_table_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "comparisontable");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, copy_shortcut, NULL);
}

static void
gp_comparison_table_init (GpComparisonTable *self)
{
  self->cells = g_ptr_array_new ();
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Comparison"));
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (head), title);
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "caption");
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_ellipsize (self->status, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->status));
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gp_tooltip_set (copy, _("Copy the table as tab-separated text (Ctrl+C)"));
  gtk_widget_add_css_class (copy, "flat");
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (gp_comparison_table_copy), self);
  gtk_box_append (GTK_BOX (head), copy);
  gtk_box_append (GTK_BOX (self->box), head);
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_grid_set_row_spacing (self->grid, 2);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "comparison-grid");
  /* A table wider than the window scrolls sideways under its heading (which stays, with
   * the copy button). Its scrollbar sits right under the heading: the scroller's own
   * would be at the foot of a table taller than a small window, out of sight. */
  GtkWidget *sw = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (sw), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (sw), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), GTK_WIDGET (self->grid));
  self->hadj = g_object_ref (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (sw)));
  self->hbar = gtk_scrollbar_new (GTK_ORIENTATION_HORIZONTAL, self->hadj);
  gp_tooltip_set (self->hbar, _("The table is wider than the window: scroll "
                                "sideways (or Shift+wheel over it)"));
  gtk_widget_set_visible (self->hbar, FALSE);
  g_signal_connect (self->hadj, "changed", G_CALLBACK (on_hadj_changed), self);
  gtk_box_append (GTK_BOX (self->box), self->hbar);
  gtk_box_append (GTK_BOX (self->box), sw);
  GtkEventController *wheel = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (wheel, GTK_PHASE_CAPTURE);
  g_signal_connect (wheel, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (sw, wheel);
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
gp_comparison_table_new (GpSession *session)
{
  GpComparisonTable *self = g_object_new (GP_TYPE_COMPARISON_TABLE, NULL);
  self->session = g_object_ref (session);
  self->changed_id = g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), self);
  on_session_changed (session, 0, self);
  return GTK_WIDGET (self);
}
