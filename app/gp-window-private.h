/* gp-window-private.h: GpWindow's fields, shared by gp-window.c (the widget), and the
 * files it calls: gp-window-actions.c (actions, autosave file), gp-window-report.c and
 * gp-window-cards.c (the chart cards). Calls run one way: gp-window.c ->
 * gp-window-actions.c -> gp-window-report.c -> gp-window-cards.c. */
#pragma once

#include "gp-window.h"

G_BEGIN_DECLS

struct _GpWindow {
  GtkApplicationWindow parent_instance;

  /* template children (not the titlebar or the window's child: GtkWindow unparents those
   * itself, and binding them makes 4.8's gtk_widget_dispose_template unparent them twice) */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkMenuButton *menu_button;
  GtkMenuButton *export_button;
  GtkToggleButton *console_button;
  GtkToggleButton *study_button;
  GtkWidget *busy_box;
  GtkSpinner *busy_spinner;
  GtkLabel *busy_label;
  GtkWidget *sidebar;
  GtkToggleButton *sidebar_button;
  GtkWidget *system_list_slot;
  GtkStack *param_stack;
  GtkWidget *content_scroller;
  GtkWidget *table_slot;
  GtkFlowBox *chart_flow;
  GtkWidget *console_slot;
  GMenu *recent_section;

  /* owned */
  GpSession *session;
  GPtrArray *cards;        /* GpChartCard *, borrowed from the flow box */
  GtkWidget *table;        /* borrowed */
  GtkWidget *system_panel; /* borrowed */
  GtkWidget *study_panel;  /* borrowed */
  GtkWidget *console;      /* borrowed */
  GtkWidget *optimise;     /* the open "Optimise…" window (weak pointer), or NULL */
  gulong changed_id;
  guint autosave_id;
  gboolean ephemeral;
  gboolean close_confirmed;
  gboolean dark;
  GtkDropDown *workload_picker; /* borrowed from the header bar */
  char **workload_names;        /* owned: the picker's entries */
  gboolean syncing;             /* the picker is being set from the session */
  gboolean inference_study; /* the cards shown: training (FALSE) or inference */
  guint cards_tick;          /* making the cards after the first frame, or 0 */
  gboolean cards_tick_primed;
};

/* gp-window-actions.c */
void gp_window_class_install_actions (GtkWidgetClass *widget_class);
void gp_window_update_actions (GpWindow *self);
void gp_window_update_recent (GpWindow *self);
/* Run THEN (with self) once unsaved changes are saved or discarded, or at once when there
 * are none; nothing when the user cancels. */
void gp_window_confirm_discard (GpWindow *self, void (*then) (GpWindow *self));

/* Show the cards of the training or the inference study (gp-window-actions.c). */
void gp_window_show_study (GpWindow *self, gboolean inference);

/* Make up to MAX more of the chart cards, in their order, each showing the session and
 * the study shown; TRUE once all are made (gp-window-cards.c). */
gboolean gp_window_make_cards (GpWindow *self, guint max);

char *gp_window_autosave_path (void);
void gp_window_clear_autosave (GpWindow *self);

G_END_DECLS
