/* gp-uncertainty-dialog.h: "Optimise…", a small window for the selected system: the
 * figure to minimise, one or two continuous parameters (gp-syspath.h paths) with bounds,
 * Run (gp_uncertainty_minimize in a worker, cancellable), the optimum and where it lies,
 * and Apply (through the session, so Ctrl+Z takes it back). GTK 4.8 API. */
#pragma once

#include <gtk/gtk.h>

#include "gp-session.h"

G_BEGIN_DECLS

#define GP_TYPE_OPTIMISE_DIALOG (gp_optimise_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GpOptimiseDialog, gp_optimise_dialog, GP, OPTIMISE_DIALOG, GtkWindow)

/* For system SYSTEM_ID of SESSION, transient for PARENT, filled with
 * gp_uq_default_optimise's variable and bounds. */
GtkWidget *gp_optimise_dialog_new (GtkWindow *parent, GpSession *session, guint system_id);

/* Replace the choices (the self-test's tiny budget; scripts). */
void gp_optimise_dialog_set_spec (GpOptimiseDialog *self, const GpOptimiseSpec *spec);
/* What the widgets say now. */
void gp_optimise_dialog_get_spec (GpOptimiseDialog *self, GpOptimiseSpec *spec);

/* Start (what the Run button does); a run in progress is cancelled first. */
void gp_optimise_dialog_run (GpOptimiseDialog *self);
gboolean gp_optimise_dialog_get_running (GpOptimiseDialog *self);
/* The last result (NULL before one or after a failure) and the text shown for it. */
const GpOptimum *gp_optimise_dialog_get_result (GpOptimiseDialog *self);
const char *gp_optimise_dialog_get_report (GpOptimiseDialog *self);
/* Set the parameters to the optimum (what Apply does; undoable). */
gboolean gp_optimise_dialog_apply (GpOptimiseDialog *self, GError **error);

G_END_DECLS
