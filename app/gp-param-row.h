/* gp-param-row.h: one parameter of the design as an editable row, built generically from
 * its gp_param descriptor: a spin button for numbers (an entry for text, a drop-down for
 * enums, a switch for booleans), the unit, a tooltip with the description, the allowed range
 * and the source of the preset value, an inline message when a value is refused (the model
 * keeps the last valid one), and a reset-to-preset button. */
#pragma once

#include <gtk/gtk.h>

#include "gp-session.h"

G_BEGIN_DECLS

#define GP_TYPE_PARAM_ROW (gp_param_row_get_type ())
G_DECLARE_FINAL_TYPE (GpParamRow, gp_param_row, GP, PARAM_ROW, GtkWidget)

/* A row editing REF in SESSION. The editor widget is named "SUBJECT:NAME" (e.g.
 * "system:pue") so tests can find it. */
GtkWidget *gp_param_row_new (GpSession *session, const GpParamRef *ref);

/* Show the session's current value (clears a pending error unless KEEP_ERROR). */
void gp_param_row_refresh (GpParamRow *self);

const GpParamRef *gp_param_row_get_ref (GpParamRow *self);
GtkWidget *gp_param_row_get_editor (GpParamRow *self);
/* The inline error shown, or NULL. */
const char *gp_param_row_get_error (GpParamRow *self);

G_END_DECLS
