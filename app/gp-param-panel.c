/* gp-param-panel.c: GpParamPanel, grouped generic parameter rows (see gp-param-panel.h). */
#include "gp-param-panel.h"

#include <glib/gi18n.h>

#include <string.h>

#include "gp-param-group.h"
#include "gp-param-row.h"
#include "gp-tooltip.h"

struct _GpParamPanel {
  GtkWidget parent_instance;

  GtkWidget *scroller;              /* owned child */
  GtkBox *box;
  GtkExpander *expanders[GP_GROUP_N];
  GPtrArray *rows;                  /* GpParamRow *, borrowed (children of the expanders) */

  /* owned */
  GpSession *session;
  gulong changed_id;

  GtkSearchEntry *search;           /* borrowed: filters rows by label, key, unit or doc */
  GtkToggleButton *changed_only;    /* borrowed: only rows that differ from the preset */
  GtkLabel *no_match;               /* borrowed */
  gboolean expanded_before[GP_GROUP_N]; /* expanders as the user left them, before a filter */
  gboolean filtering;

  gboolean study;
  guint built_for_id;               /* system the rows were built for */
  guint built_generation[GP_GROUP_N];
  gboolean built[GP_GROUP_N];

  /* Start-up: the open group's first rows are made before the first frame, the rest a few
   * per frame after it (they are below the fold). */
  gboolean mapped_once;
  guint made;                       /* rows made at once in the current deferred build */
  GArray *pending;                  /* PendingItem, in order */
  guint tick_id;
  gboolean tick_primed;
};

/* Rows made before the first frame: about a sidebar's height of them. */
#define FIRST_ROWS 12
/* Rows made per frame after it. */
#define ROWS_PER_TICK 6

typedef struct {
  GtkWidget *box;                   /* the group's box (an expander's child) */
  char *label;                      /* a section label, or NULL for the row of ref */
  GpParamRef ref;
} PendingItem;

static void
pending_item_clear (gpointer data)
{
  g_free (((PendingItem *) data)->label);
}

G_DEFINE_FINAL_TYPE (GpParamPanel, gp_param_panel, GTK_TYPE_WIDGET)

static GtkWidget *section_label (const char *text);

static gboolean
deferring (GpParamPanel *self)
{
  return !self->mapped_once && !self->filtering && self->made >= FIRST_ROWS;
}

static void
put_label (GpParamPanel *self, GtkBox *box, const char *text)
{
  if (deferring (self))
    {
      PendingItem it = { GTK_WIDGET (box), g_strdup (text), { 0 } };
      g_array_append_val (self->pending, it);
    }
  else
    gtk_box_append (box, section_label (text));
}

static void
put_row (GpParamPanel *self, GtkBox *box, const GpParamRef *ref)
{
  if (deferring (self))
    {
      PendingItem it = { GTK_WIDGET (box), NULL, *ref };
      g_array_append_val (self->pending, it);
      return;
    }
  GtkWidget *row = gp_param_row_new (self->session, ref);
  gtk_box_append (box, row);
  g_ptr_array_add (self->rows, row);
  self->made++;
}

/* Makes up to MAX of the pending rows and labels, in order. */
static void
flush_pending (GpParamPanel *self, guint max)
{
  guint n = MIN (max, self->pending->len);
  for (guint i = 0; i < n; i++)
    {
      PendingItem *it = &g_array_index (self->pending, PendingItem, i);
      if (it->label)
        gtk_box_append (GTK_BOX (it->box), section_label (it->label));
      else
        {
          GtkWidget *row = gp_param_row_new (self->session, &it->ref);
          gtk_box_append (GTK_BOX (it->box), row);
          g_ptr_array_add (self->rows, row);
        }
    }
  g_array_remove_range (self->pending, 0, n);
}

static gboolean
pending_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  GpParamPanel *self = GP_PARAM_PANEL (widget);
  if (!self->tick_primed)
    {
      self->tick_primed = TRUE; /* this tick's frame is the first: leave it alone */
      return G_SOURCE_CONTINUE;
    }
  flush_pending (self, ROWS_PER_TICK);
  if (self->pending->len > 0)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static GtkWidget *
section_label (const char *text)
{
  GtkWidget *l = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_add_css_class (l, "param-section");
  gtk_widget_add_css_class (l, "dim-label");
  return l;
}

static void
add_subject_rows (GpParamPanel *self, GtkBox *box, GpSubject subject, guint id, int part)
{
  const gp_param_table *t = gp_subject_table (subject);
  for (size_t i = 0; i < t->n_params; i++)
    {
      const gp_param *p = &t->params[i];
      if (gp_param_is_hidden (subject, p))
        continue;
      GpParamRef ref = { subject, id, part, p };
      put_row (self, box, &ref);
    }
}

static void
drop_rows_of (GpParamPanel *self, GtkWidget *container)
{
  for (guint i = self->rows->len; i-- > 0;)
    if (gtk_widget_is_ancestor (self->rows->pdata[i], container))
      g_ptr_array_remove_index (self->rows, i);
  for (guint i = self->pending->len; i-- > 0;)
    if (g_array_index (self->pending, PendingItem, i).box == container)
      g_array_remove_index (self->pending, i);
}

static gboolean row_matches (GpParamPanel *self, GpParamRow *row, const char *needle,
                             gboolean changed_only);

static void
build_group (GpParamPanel *self, GpGroup g)
{
  GtkExpander *exp = self->expanders[g];
  GtkWidget *old = gtk_expander_get_child (exp);
  if (old)
    drop_rows_of (self, old);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "param-group");
  const GpSystemEntry *e = gp_session_get_selected (self->session);
  guint id = e ? e->id : 0;
  if (!self->study && e == NULL)
    gtk_box_append (GTK_BOX (box), section_label (_("No system: add one from the sidebar.")));
  else
    {
      GpSubject subjects[4];
      guint n = gp_group_subjects (g, subjects, G_N_ELEMENTS (subjects));
      for (guint k = 0; k < n; k++)
        {
          if (subjects[k] == GP_SUBJECT_PART)
            {
              for (int i = 0; i < e->system.package.n_parts; i++)
                {
                  const gp_package_part *pt = &e->system.package.parts[i];
                  g_autofree char *h = g_strdup_printf (_("Part %d: %s (%s, ×%ld)"), i + 1,
                                                        pt->name,
                                                        gp_part_kind_names[pt->kind], pt->count);
                  put_label (self, GTK_BOX (box), h);
                  add_subject_rows (self, GTK_BOX (box), GP_SUBJECT_PART, id, i);
                }
              continue;
            }
          if (n > 1)
            put_label (self, GTK_BOX (box), gp_subject_title (subjects[k]));
          if (subjects[k] == GP_SUBJECT_LINK && !e->system.sys.use_scaleup_link)
            put_label (self, GTK_BOX (box),
                       _("(not used: use_scaleup_link is off, the topology's own pJ/bit "
                         "applies)"));
          add_subject_rows (self, GTK_BOX (box), subjects[k], id, -1);
        }
    }
  gtk_expander_set_child (exp, box);
  self->built[g] = TRUE;
  if (self->filtering)
    for (guint i = 0; i < self->rows->len; i++)
      {
        GtkWidget *row = self->rows->pdata[i];
        if (gtk_widget_is_ancestor (row, box))
          {
            const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
            g_autofree char *needle = text && text[0] ? g_utf8_casefold (text, -1) : NULL;
            gtk_widget_set_visible (row, row_matches (self, GP_PARAM_ROW (row), needle,
                                                      gtk_toggle_button_get_active (self->changed_only)));
          }
      }
}

/* ---- find a parameter ---- */

static gboolean
row_matches (GpParamPanel *self, GpParamRow *row, const char *needle, gboolean changed_only)
{
  const GpParamRef *ref = gp_param_row_get_ref (row);
  const gp_param *p = ref->param;
  if (changed_only)
    {
      double preset;
      if (p->type == GP_PARAM_STRING || !gp_session_get_preset_value (self->session, ref, &preset)
          || gp_session_get_value (self->session, ref) == preset)
        return FALSE;
    }
  if (needle == NULL || needle[0] == '\0')
    return TRUE;
  const char *fields[] = { p->label, p->name, p->unit, p->doc };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] == NULL)
        continue;
      g_autofree char *hay = g_utf8_casefold (fields[i], -1);
      if (strstr (hay, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Show only the rows that match the search text and the "changed" toggle, in every group
 * (groups are built on demand, so a filter builds them all), and open the groups that have
 * a match; clearing the filter puts the expanders back as the user left them. */
static void
apply_filter (GpParamPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  gboolean changed = gtk_toggle_button_get_active (self->changed_only);
  gboolean active = (text && text[0]) || changed;
  flush_pending (self, G_MAXUINT); /* the filter looks at every row */
  if (active && !self->filtering)
    for (int g = 0; g < GP_GROUP_N; g++)
      if (self->expanders[g])
        self->expanded_before[g] = gtk_expander_get_expanded (self->expanders[g]);
  g_autofree char *needle = text && text[0] ? g_utf8_casefold (text, -1) : NULL;
  guint total = 0;
  for (int g = 0; g < GP_GROUP_N; g++)
    {
      GtkExpander *exp = self->expanders[g];
      if (exp == NULL)
        continue;
      if (active && !self->built[g])
        build_group (self, (GpGroup) g);
      guint hits = 0;
      /* A collapsed GtkExpander unparents its child, so rows are found by their box. */
      GtkWidget *box = gtk_expander_get_child (exp);
      for (guint i = 0; i < self->rows->len && box != NULL; i++)
        {
          GtkWidget *row = self->rows->pdata[i];
          if (gtk_widget_get_parent (row) != box)
            continue;
          gboolean show = !active || row_matches (self, GP_PARAM_ROW (row), needle, changed);
          gtk_widget_set_visible (row, show);
          hits += show;
        }
      gtk_widget_set_visible (GTK_WIDGET (exp), !active || hits > 0);
      if (active)
        gtk_expander_set_expanded (exp, hits > 0);
      else if (self->filtering)
        gtk_expander_set_expanded (exp, self->expanded_before[g]);
      total += hits;
    }
  self->filtering = active;
  gtk_widget_set_visible (GTK_WIDGET (self->no_match), active && total == 0);
}

static void
on_filter_changed (gpointer obj, gpointer data)
{
  apply_filter (data);
}

/* Rows are built when their group is open and the panel is on screen: the panel of the
 * other stack page (study or system) builds its open group when first shown, not at
 * start-up, where its rows cost a tenth of the time to the first frame. */
static void
build_open_groups (GpParamPanel *self)
{
  for (int g = 0; g < GP_GROUP_N; g++)
    if (self->expanders[g] && gtk_expander_get_expanded (self->expanders[g]) && !self->built[g])
      build_group (self, (GpGroup) g);
}

static void
on_expanded (GObject *obj, GParamSpec *pspec, gpointer data)
{
  GpParamPanel *self = data;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_open_groups (self);
}

static void
gp_param_panel_map (GtkWidget *widget)
{
  GpParamPanel *self = GP_PARAM_PANEL (widget);
  self->made = 0;
  build_open_groups (self);
  self->mapped_once = TRUE;
  if (self->pending->len > 0 && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (widget, pending_tick, NULL, NULL);
  GTK_WIDGET_CLASS (gp_param_panel_parent_class)->map (widget);
}

static void
invalidate_groups (GpParamPanel *self)
{
  for (int g = 0; g < GP_GROUP_N; g++)
    {
      if (self->expanders[g] == NULL)
        continue;
      self->built[g] = FALSE;
      if (gtk_expander_get_expanded (self->expanders[g])
          && gtk_widget_get_mapped (GTK_WIDGET (self)))
        build_group (self, (GpGroup) g);
      else
        {
          GtkWidget *old = gtk_expander_get_child (self->expanders[g]);
          if (old)
            {
              drop_rows_of (self, old);
              gtk_expander_set_child (self->expanders[g], NULL);
            }
        }
    }
}

static void
on_session_changed (GpSession *session, guint what, gpointer data)
{
  GpParamPanel *self = data;
  const GpSystemEntry *e = gp_session_get_selected (session);
  guint id = e ? e->id : 0;
  if (!self->study && (id != self->built_for_id || (what & GP_SESSION_CHANGED_STRUCTURE)))
    {
      self->built_for_id = id;
      invalidate_groups (self);
      return;
    }
  if (self->study && (what & GP_SESSION_CHANGED_STRUCTURE))
    {
      invalidate_groups (self);
      return;
    }
  if ((what & GP_SESSION_CHANGED_VALUES) && self->filtering
      && gtk_toggle_button_get_active (self->changed_only))
    apply_filter (self); /* a value back at its preset leaves the "changed" list */
  if (what & GP_SESSION_CHANGED_VALUES)
    for (guint i = 0; i < self->rows->len; i++)
      {
        GpParamRow *row = self->rows->pdata[i];
        /* A row whose refused entry the user is still editing keeps it. */
        GtkWidget *ed = gp_param_row_get_editor (row);
        if (gp_param_row_get_error (row) == NULL || !gtk_widget_has_focus (ed))
          gp_param_row_refresh (row);
      }
}

GtkWidget *
gp_param_panel_find_editor (GpParamPanel *self, const char *name)
{
  build_open_groups (self);
  flush_pending (self, G_MAXUINT);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *ed = gp_param_row_get_editor (self->rows->pdata[i]);
      if (g_strcmp0 (gtk_widget_get_name (ed), name) == 0)
        return ed;
    }
  return NULL;
}

void
gp_param_panel_expand (GpParamPanel *self, GpGroup group)
{
  if (self->expanders[group])
    gtk_expander_set_expanded (self->expanders[group], TRUE);
}

static void
gp_param_panel_dispose (GObject *object)
{
  GpParamPanel *self = GP_PARAM_PANEL (object);
  g_clear_signal_handler (&self->changed_id, self->session);
  if (self->tick_id)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_array_set_size (self->pending, 0);
  g_clear_object (&self->session);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (gp_param_panel_parent_class)->dispose (object);
}

static void
gp_param_panel_finalize (GObject *object)
{
  g_ptr_array_unref (GP_PARAM_PANEL (object)->rows);
  g_array_unref (GP_PARAM_PANEL (object)->pending);
  G_OBJECT_CLASS (gp_param_panel_parent_class)->finalize (object);
}

static void
gp_param_panel_class_init (GpParamPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = gp_param_panel_dispose;
  object_class->finalize = gp_param_panel_finalize;
  widget_class->map = gp_param_panel_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "parampanel");
}

static void
gp_param_panel_init (GpParamPanel *self)
{
  self->rows = g_ptr_array_new ();
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingItem));
  g_array_set_clear_func (self->pending, pending_item_clear);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_add_css_class (GTK_WIDGET (self->box), "param-panel");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->box));

  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search), TRUE);
  g_object_set (self->search, "placeholder-text", _("Find a parameter"), NULL);
  gp_tooltip_set (GTK_WIDGET (self->search),
                  _("Filter by label, key, unit or description (e.g. \"pJ\", "
                    "\"d0\", \"price\")"));
  self->changed_only = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Changed")));
  gp_tooltip_set (GTK_WIDGET (self->changed_only),
                  _("Only the parameters that differ from the preset"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->changed_only));
  gtk_box_append (self->box, bar);
  self->no_match = GTK_LABEL (gtk_label_new (_("No parameter matches.")));
  gtk_widget_add_css_class (GTK_WIDGET (self->no_match), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->no_match), FALSE);
  gtk_box_append (self->box, GTK_WIDGET (self->no_match));
  g_signal_connect (self->search, "search-changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->changed_only, "toggled", G_CALLBACK (on_filter_changed), self);
}

GtkWidget *
gp_param_panel_new (GpSession *session, gboolean study)
{
  GpParamPanel *self = g_object_new (GP_TYPE_PARAM_PANEL, NULL);
  self->session = g_object_ref (session);
  self->study = study;
  for (int g = 0; g < GP_GROUP_N; g++)
    {
      if (gp_group_is_study ((GpGroup) g) != study)
        continue;
      GtkWidget *exp = gtk_expander_new (gp_group_title ((GpGroup) g));
      gtk_widget_add_css_class (exp, "param-expander");
      self->expanders[g] = GTK_EXPANDER (exp);
      g_signal_connect (exp, "notify::expanded", G_CALLBACK (on_expanded), self);
      gtk_box_append (self->box, exp);
    }
  const GpSystemEntry *e = gp_session_get_selected (session);
  self->built_for_id = e ? e->id : 0;
  self->changed_id = g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), self);
  return GTK_WIDGET (self);
}
