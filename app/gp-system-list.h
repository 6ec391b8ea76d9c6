/* gp-system-list.h: the sidebar list of compared systems with their chart colours, the
 * baseline marked, each system's state (searching, error), and the buttons to add (from any
 * preset), duplicate, rename, remove and choose the baseline. */
#pragma once

#include <gtk/gtk.h>

#include "gp-session.h"

G_BEGIN_DECLS

#define GP_TYPE_SYSTEM_LIST (gp_system_list_get_type ())
G_DECLARE_FINAL_TYPE (GpSystemList, gp_system_list, GP, SYSTEM_LIST, GtkWidget)

GtkWidget *gp_system_list_new (GpSession *session);

G_END_DECLS
