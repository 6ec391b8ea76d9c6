/* gp-chart-card.c: GpChartCard, a chart with its title, export menu and legend (see
 * gp-chart-card.h).
 *
 * On screen the legend is a row of toggle buttons under the chart (so a click can hide a
 * series, which the drawn legend cannot take); exports keep the chart's own drawn legend. */
#include "gp-chart-card.h"

#include <glib/gi18n.h>

#include "gp-dialogs.h"
#include "gp-export.h"
#include "gp-palette.h"
#include "gp-toasts.h"
#include "gp-tooltip.h"

struct _GpChartCard {
  GtkWidget parent_instance;

  /* template children */
  GtkWidget *header;
  GtkLabel *title;
  GtkWidget *export_button;
  GMenuModel *export_menu;  /* its popover is built on the first click (create_export_popup) */
  GpChartView *view;
  GtkFlowBox *legend;

  GpChartId id;
  GHashTable *hidden;      /* series names the user hid (owned keys) */
  char *legend_signature;  /* series names the legend buttons were built for */
  char *chart_title;       /* shown in the heading on screen, drawn in exports */
  char *signature;         /* gp_charts_signature of the chart shown, or NULL */
  gboolean dark;
  guint variant;           /* the view chosen in the drop-down (gp_charts_n_variants) */
  GpSession *session;      /* weak: the last session updated from */
};

G_DEFINE_FINAL_TYPE (GpChartCard, gp_chart_card, GTK_TYPE_WIDGET)

static gboolean
has_chips (gp_chart *chart)
{
  gp_chart_kind k = gp_chart_get_kind (chart);
  return (k == GP_CHART_LINE || k == GP_CHART_SCATTER || k == GP_CHART_STACKED_BAR)
         && gp_chart_n_series (chart) > 0;
}

static void
apply_hidden (GpChartCard *self, gp_chart *chart)
{
  for (size_t i = 0; i < gp_chart_n_series (chart); i++)
    {
      gp_series *s = gp_chart_get_series (chart, i);
      s->hidden = g_hash_table_contains (self->hidden, s->name);
    }
}

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int w, int h, gpointer data)
{
  const gp_rgba *c = data;
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
  cairo_rectangle (cr, 1, (h - 10) / 2.0, 10, 10);
  cairo_fill (cr);
}

static void
on_chip_toggled (GtkToggleButton *button, gpointer data)
{
  GpChartCard *self = data;
  const char *name = g_object_get_data (G_OBJECT (button), "series-name");
  gp_chart_card_set_series_hidden (self, name, !gtk_toggle_button_get_active (button));
}

static void
rebuild_legend (GpChartCard *self, gp_chart *chart)
{
  g_autoptr (GString) sig = g_string_new (self->dark ? "d" : "l");
  for (size_t i = 0; i < gp_chart_n_series (chart); i++)
    {
      const gp_series *s = gp_chart_get_series (chart, i);
      g_string_append_printf (sig, "\x1f%s\x1e%d", s->name, s->color);
    }
  if (!has_chips (chart))
    g_string_assign (sig, "");
  if (g_strcmp0 (sig->str, self->legend_signature) == 0)
    return;
  g_free (self->legend_signature);
  self->legend_signature = g_strdup (sig->str);

  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))))
    gtk_flow_box_remove (self->legend, child);
  gtk_widget_set_visible (GTK_WIDGET (self->legend), has_chips (chart));
  if (!has_chips (chart))
    return;
  for (size_t i = 0; i < gp_chart_n_series (chart); i++)
    {
      const gp_series *s = gp_chart_get_series (chart, i);
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *sw = gtk_drawing_area_new ();
      gp_rgba *c = g_new (gp_rgba, 1);
      *c = gp_palette_color (s->color >= 0 ? s->color : (int) i,
                             self->dark ? GP_THEME_DARK : GP_THEME_LIGHT);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (sw), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (sw), 12);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (sw), draw_swatch, c, g_free);
      gtk_box_append (GTK_BOX (box), sw);
      GtkWidget *label = gtk_label_new (s->name);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "legend-chip");
      gp_tooltip_set (button, _("Click to hide or show this series"));
      g_object_set_data_full (G_OBJECT (button), "series-name", g_strdup (s->name), g_free);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    !g_hash_table_contains (self->hidden, s->name));
      g_signal_connect (button, "toggled", G_CALLBACK (on_chip_toggled), self);
      gtk_flow_box_append (self->legend, button);
    }
}

void
gp_chart_card_update (GpChartCard *self, GpSession *session)
{
  g_return_if_fail (GP_IS_CHART_CARD (self));
  /* Charts that compute (wafer map, link budget, interconnect sweep) are kept while what
   * they read is unchanged. */
  g_set_weak_pointer (&self->session, session);
  g_autofree char *sig0 = gp_charts_signature (session, self->id);
  g_autofree char *sig = sig0 ? g_strdup_printf ("%s/%u", sig0, self->variant) : NULL;
  if (sig && g_strcmp0 (sig, self->signature) == 0 && gp_chart_view_get_chart (self->view))
    return;
  g_free (self->signature);
  self->signature = g_steal_pointer (&sig);
  gp_chart *chart = gp_charts_build_variant (session, self->id, self->variant);
  if (chart == NULL)
    return;
  apply_hidden (self, chart);
  if (has_chips (chart))
    gp_chart_set_legend (chart, GP_LEGEND_NONE);
  /* The card's heading carries the title on screen; exports draw it again. */
  g_free (self->chart_title);
  self->chart_title = g_strdup (gp_chart_get_title (chart));
  gtk_label_set_text (self->title, self->chart_title);
  gp_chart_set_title (chart, NULL, NULL);
  rebuild_legend (self, chart);
  gp_chart_view_take_chart (self->view, chart);
}

void
gp_chart_card_set_series_hidden (GpChartCard *self, const char *name, gboolean hidden)
{
  if (hidden)
    g_hash_table_add (self->hidden, g_strdup (name));
  else
    g_hash_table_remove (self->hidden, name);
  gp_chart *chart = gp_chart_view_get_chart (self->view);
  if (chart)
    apply_hidden (self, chart);
  gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

void
gp_chart_card_set_dark (GpChartCard *self, gboolean dark)
{
  self->dark = dark;
  gp_chart_view_set_dark (self->view, dark);
  gp_chart *chart = gp_chart_view_get_chart (self->view);
  if (chart)
    rebuild_legend (self, chart);
}

gboolean
gp_chart_card_export (GpChartCard *self, const char *path, GError **error)
{
  gp_chart *chart = gp_chart_view_get_chart (self->view);
  if (chart == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("nothing to export yet"));
      return FALSE;
    }
  gp_legend_pos pos = gp_chart_get_legend (chart);
  gp_chart_set_legend (chart, GP_LEGEND_AUTO);
  gp_chart_set_title (chart, self->chart_title, NULL);
  gp_export_options opts;
  gp_export_options_init (&opts);
  gp_error err = { 0 };
  gp_status st = gp_chart_export_path (chart, path, &opts, &err);
  gp_chart_set_legend (chart, pos);
  gp_chart_set_title (chart, NULL, NULL);
  if (st != GP_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err.message);
      return FALSE;
    }
  return TRUE;
}

static void
on_export_chosen (GFile *file, gpointer data)
{
  GpChartCard *self = data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GError) error = NULL;
  GtkWindow *win = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  if (!gp_chart_card_export (self, path, &error))
    gp_show_error (win, _("The chart could not be exported"), error->message);
  else
    gp_toast_saved (win, path); /* "Saved capex.svg" - Open Folder */
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  GpChartCard *self = GP_CHART_CARD (widget);
  const char *ext = g_variant_get_string (param, NULL);
  g_autofree char *name = g_strdup_printf ("%s.%s", gp_chart_id_key (self->id), ext);
  g_autofree char *pattern = g_strdup_printf ("*.%s", ext);
  gp_choose_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export chart"), TRUE, name,
                  NULL, pattern, on_export_chosen, self);
}

static void
gp_chart_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GP_TYPE_CHART_CARD);
  G_OBJECT_CLASS (gp_chart_card_parent_class)->dispose (object);
}

static void
gp_chart_card_finalize (GObject *object)
{
  GpChartCard *self = GP_CHART_CARD (object);
  g_clear_weak_pointer (&self->session);
  g_hash_table_unref (self->hidden);
  g_free (self->legend_signature);
  g_free (self->chart_title);
  g_free (self->signature);
  G_OBJECT_CLASS (gp_chart_card_parent_class)->finalize (object);
}

static void
gp_chart_card_class_init (GpChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = gp_chart_card_dispose;
  object_class->finalize = gp_chart_card_finalize;

  g_type_ensure (GP_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/glasspane/Glasspane/gp-chart-card.ui");
  gtk_widget_class_bind_template_child (widget_class, GpChartCard, header);
  gtk_widget_class_bind_template_child (widget_class, GpChartCard, title);
  gtk_widget_class_bind_template_child (widget_class, GpChartCard, export_button);
  gtk_widget_class_bind_template_child (widget_class, GpChartCard, export_menu);
  gtk_widget_class_bind_template_child (widget_class, GpChartCard, view);
  gtk_widget_class_bind_template_child (widget_class, GpChartCard, legend);
  gtk_widget_class_install_action (widget_class, "card.export", "s", export_action);
  gtk_widget_class_set_css_name (widget_class, "chartcard");
}

/* The export menu's popover is built when first opened: two dozen cards each building a
 * popover menu at start-up cost a tenth of the time to the first frame. */
static void
create_export_popup (GtkMenuButton *button, gpointer data)
{
  GpChartCard *self = data;
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->export_menu);
}

static void
gp_chart_card_init (GpChartCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->export_button),
                                         create_export_popup, self, NULL);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
on_variant_selected (GObject *dropdown, GParamSpec *pspec, gpointer data)
{
  GpChartCard *self = data;
  self->variant = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  if (self->session)
    gp_chart_card_update (self, self->session);
}

GtkWidget *
gp_chart_card_new (GpChartId id)
{
  GpChartCard *self = g_object_new (GP_TYPE_CHART_CARD, NULL);
  self->id = id;
  gtk_widget_set_name (GTK_WIDGET (self), gp_chart_id_key (id));
  guint n = gp_charts_n_variants (id);
  if (n > 1)
    {
      /* Charts with several views (the glass fabric's metric and axis) choose one here. */
      GtkStringList *list = gtk_string_list_new (NULL);
      for (guint i = 0; i < n; i++)
        gtk_string_list_append (list, gp_charts_variant_label (id, i));
      GtkWidget *dd = gtk_drop_down_new (G_LIST_MODEL (list), NULL);
      gp_tooltip_set (dd, _("What to plot"));
      gtk_box_insert_child_after (GTK_BOX (self->header), dd, GTK_WIDGET (self->title));
      g_signal_connect (dd, "notify::selected", G_CALLBACK (on_variant_selected), self);
    }
  return GTK_WIDGET (self);
}

GpChartId
gp_chart_card_get_id (GpChartCard *self)
{
  return self->id;
}

GtkMenuButton *
gp_chart_card_get_export_button (GpChartCard *self)
{
  g_return_val_if_fail (GP_IS_CHART_CARD (self), NULL);
  return GTK_MENU_BUTTON (self->export_button);
}

GpChartView *
gp_chart_card_get_view (GpChartCard *self)
{
  return self->view;
}
