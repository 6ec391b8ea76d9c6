/* gp-param-panel.h: the parameters of the selected system (or of the study) in the
 * groups of gp-param-group.h, one expander per group, rows built from the descriptor
 * tables when a group is first opened. */
#pragma once

#include <gtk/gtk.h>

#include "gp-session.h"

G_BEGIN_DECLS

#define GP_TYPE_PARAM_PANEL (gp_param_panel_get_type ())
G_DECLARE_FINAL_TYPE (GpParamPanel, gp_param_panel, GP, PARAM_PANEL, GtkWidget)

/* STUDY: the study's groups (workload and parallelism, run and carbon); otherwise the
 * selected system's. */
GtkWidget *gp_param_panel_new (GpSession *session, gboolean study);

/* Open GROUP's expander (building its rows). */
void gp_param_panel_expand (GpParamPanel *self, GpGroup group);

/* The editor widget named NAME ("system:pue") among the built rows, or NULL. */
GtkWidget *gp_param_panel_find_editor (GpParamPanel *self, const char *name);

G_END_DECLS
