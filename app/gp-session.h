/* gp-session.h: the open design and everything the explorer shows about it, with no
 * widgets: the study and the compared systems (each with the preset it came from, its
 * colour, its prepared state and its latest result), the baseline and the selected system,
 * the undo stack of parameter changes, the dirty flag and the file.
 *
 * A change goes through gp_session_set_value(), which checks it against the parameter's
 * range and the system's cross-checks (the model keeps the last valid value), records it
 * for undo, re-runs gp_system_prepare() only when a prepare-affecting field changed, re-
 * evaluates with the current plan at once, and emits "changed". Plan searches and the
 * accelerator-count sweep behind the scaling and Pareto charts run in worker threads
 * (GTask) with a cancellable and progress; when they finish the results are installed and
 * "changed" is emitted again, so the main loop never waits on them. */
#pragma once

#include <gio/gio.h>

#include "gp-param-group.h"
#include "gp-serving.h"
#include "gp-system.h"
#include "gp-uncertainty-jobs.h"

G_BEGIN_DECLS

#define GP_SESSION_ERROR (gp_session_error_quark ())
GQuark gp_session_error_quark (void); /* codes are gp_status values */

/* One parameter of the design. */
typedef struct {
  GpSubject subject;
  guint system_id;       /* stable id of the system; ignored for study subjects */
  int part;              /* package part for GP_SUBJECT_PART, else -1 */
  const gp_param *param; /* from gp_subject_table (subject) */
} GpParamRef;

typedef enum {
  GP_SYSTEM_OK,        /* result is current */
  GP_SYSTEM_PENDING,   /* a plan search is running for it; result (if any) is the last one */
  GP_SYSTEM_ERROR,     /* prepare, search or evaluation failed: message says why */
} GpSystemState;

/* Headline figures of one system over accelerator counts (the scaling sweep). */
#define GP_SCALING_POINTS 7
typedef struct {
  int n;
  double accelerators[GP_SCALING_POINTS];
  double time_to_train_s[GP_SCALING_POINTS];    /* failure-free */
  double effective_time_s[GP_SCALING_POINTS];   /* with goodput */
  double cost_to_train_usd[GP_SCALING_POINTS];
  double carbon_to_train_kg[GP_SCALING_POINTS];
  gboolean ok[GP_SCALING_POINTS];               /* false: no plan fits, or an error */
  gp_plan plan[GP_SCALING_POINTS];              /* the plan found at each count (ok) */
} GpScaling;

/* Yield and die cost per PFLOP/s of the system's main logic die over die area, at the
 * die's node and compute density (peak / die area). */
#define GP_DIE_CURVE_POINTS 28
typedef struct {
  int n;
  double area_mm2[GP_DIE_CURVE_POINTS];
  double yield[GP_DIE_CURVE_POINTS];            /* negative binomial, the node's D0, alpha */
  double usd_per_pflops[GP_DIE_CURVE_POINTS];   /* cost per good die / die peak */
  double die_area_mm2;                          /* the system's own die */
  double die_yield;                             /* its yield as the package model has it */
  double die_usd_per_pflops;
  char node[GP_NAME_MAX];
  gboolean valid;
} GpDieCurve;

typedef struct {
  guint id;                       /* stable for the session's life, never 0 */
  int color;                      /* palette index (gp_palette_color) */
  gp_system system;               /* current parameters; name in system.sys.name */
  gp_system preset;               /* what "reset" restores */
  char preset_name[GP_NAME_MAX];
  GpSystemState state;
  gp_status status;               /* of the last prepare/evaluation/search */
  char message[GP_ERROR_MESSAGE_MAX];
  gboolean have_result;           /* result holds an evaluation (maybe older than state) */
  gboolean have_hardware;         /* result holds at least the plan-independent figures
                                     (scale, capex, power, embodied carbon): with a full
                                     result, or alone when no plan fits */
  gp_system_result result;
  gboolean have_plan;
  gp_plan plan;
  GpDieCurve die_curve;
  gboolean have_scaling;
  GpScaling scaling;
  GpUqStats uq;                   /* Monte Carlo against the baseline; uq.valid when current */
  GpUqCountBands bands;           /* 5-95 % of effective time at each point of scaling;
                                     bands.valid when current (for this scaling) */
  GpServing serving;              /* the inference study, updated with result */
} GpSystemEntry;

typedef enum {
  GP_SESSION_CHANGED_VALUES = 1 << 0,    /* results were recomputed */
  GP_SESSION_CHANGED_STRUCTURE = 1 << 1, /* systems added, removed, renamed, reordered, or a
                                            new design was loaded */
  GP_SESSION_CHANGED_SELECTION = 1 << 2, /* the selected system or the baseline changed */
  GP_SESSION_CHANGED_SCALING = 1 << 3,   /* the accelerator-count sweep finished */
  GP_SESSION_CHANGED_UNCERTAINTY = 1 << 4, /* Monte Carlo, tornado or break-even finished */
} GpSessionChange;

#define GP_TYPE_SESSION (gp_session_get_type ())
G_DECLARE_FINAL_TYPE (GpSession, gp_session, GP, SESSION, GObject)

/* An empty session (no systems, the default study). The node table is read from data/. */
GpSession *gp_session_new (void);

/* Replace the design by the default comparison of data/ (comparison.lua). */
gboolean gp_session_load_default (GpSession *self, GError **error);
/* Replace the design by the design file PATH (loaded through the sandbox). On error the
 * session is unchanged. */
gboolean gp_session_load_file (GpSession *self, const char *path, GError **error);
/* Write the design to PATH atomically; it becomes the session's file and clean. */
gboolean gp_session_save_file (GpSession *self, const char *path, GError **error);
/* Write a copy (autosave): neither the file nor the dirty flag change. */
gboolean gp_session_save_copy (GpSession *self, const char *path, GError **error);
const char *gp_session_get_path (GpSession *self); /* NULL when never saved */
char *gp_session_dup_title (GpSession *self);      /* file name, or "Default comparison" */

gboolean gp_session_get_dirty (GpSession *self);
gboolean gp_session_get_can_undo (GpSession *self);
gboolean gp_session_get_can_redo (GpSession *self);
gboolean gp_session_get_busy (GpSession *self);     /* a search, sweep or uncertainty run */
/* What the running work is, for the status line: "Searching plans", "Sweeping accelerator
 * counts", "Uncertainty: 1000 samples per system"; NULL when idle. */
const char *gp_session_get_activity (GpSession *self);
double gp_session_get_progress (GpSession *self);   /* of the running work, 0..1 */
guint gp_session_get_generation (GpSession *self);  /* +1 per recompute */

/* ---- systems ---- */
guint gp_session_get_n_systems (GpSession *self);
const GpSystemEntry *gp_session_get_system (GpSession *self, guint index);
const GpSystemEntry *gp_session_find_system (GpSession *self, guint id);
int gp_session_index_of (GpSession *self, guint id); /* -1 if absent */
const gp_study *gp_session_get_study (GpSession *self);
const gp_node *gp_session_get_nodes (GpSession *self, size_t *n_nodes);
/* The design's inference study (study.inference), NULL when it has none. */
const gp_inference_params *gp_session_get_inference (GpSession *self);

guint gp_session_get_baseline_id (GpSession *self);
void gp_session_set_baseline_id (GpSession *self, guint id);
guint gp_session_get_selected_id (GpSession *self);
void gp_session_set_selected_id (GpSession *self, guint id);
const GpSystemEntry *gp_session_get_selected (GpSession *self); /* NULL when empty */

/* Most systems one design compares (the design file's limit). */
#define GP_SESSION_MAX_SYSTEMS 8

/* Names of the system presets in data/systems.lua (NULL-terminated; free with g_strfreev). */
char **gp_session_list_presets (GpSession *self);
/* Add a copy of preset NAME; returns its id (0 on error). */
guint gp_session_add_preset (GpSession *self, const char *name, GError **error);
guint gp_session_duplicate (GpSession *self, guint id);
gboolean gp_session_rename (GpSession *self, guint id, const char *name, GError **error);
void gp_session_remove (GpSession *self, guint id);

/* ---- parameters ---- */
/* A reference for NAME in SUBJECT (NULL param when unknown). */
GpParamRef gp_param_ref (GpSubject subject, guint system_id, int part, const char *name);
/* The current value (numbers, bools, enums as their index). NAN when REF names nothing. */
double gp_session_get_value (GpSession *self, const GpParamRef *ref);
/* STRING parameters (and enums by name); NULL when REF names nothing. Newly allocated. */
char *gp_session_dup_string (GpSession *self, const GpParamRef *ref);
/* Set a value. Range and cross-checks fail with the model's message (naming the parameter
 * and its allowed range) and leave the design unchanged. Recorded for undo. */
gboolean gp_session_set_value (GpSession *self, const GpParamRef *ref, double value,
                               GError **error);
gboolean gp_session_set_string (GpSession *self, const GpParamRef *ref, const char *value,
                                GError **error);
/* The value in the preset the system (or study) came from. FALSE when not known. */
gboolean gp_session_get_preset_value (GpSession *self, const GpParamRef *ref, double *value);
/* Set the parameter back to its preset value (undoable). */
gboolean gp_session_reset_value (GpSession *self, const GpParamRef *ref, GError **error);
/* The citation of the value in the data files (expanded short keys), or NULL. */
char *gp_session_dup_source (GpSession *self, const GpParamRef *ref);

/* Undo or redo the last change: a parameter, or a structural edit (a system added,
 * duplicated, removed, renamed, made the baseline, or replaced from the console), which
 * comes back with its id, colour, plan, position, and the baseline and selection it had. */
gboolean gp_session_undo (GpSession *self);
gboolean gp_session_redo (GpSession *self);
/* Names of the workload presets (data/workloads.lua), NULL-terminated; and the study's
 * workload replaced by one of them (one undo step). */
char **gp_session_list_workloads (GpSession *self);
gboolean gp_session_set_workload (GpSession *self, const char *name, GError **error);
/* "llama3-70b · 15T tokens · baseline dgx-h100": what the window is comparing. */
char *gp_session_dup_summary (GpSession *self);

/* What the next undo / redo would change, in words ("Remove system", a parameter's label),
 * or NULL when there is nothing to undo / redo. Static strings. */
const char *gp_session_get_undo_label (GpSession *self);
const char *gp_session_get_redo_label (GpSession *self);

/* Replace a whole system or the study (the Lua console's edits). Validated; one undo step
 * each. */
gboolean gp_session_replace_system (GpSession *self, guint id, const gp_system *system,
                                    GError **error);
gboolean gp_session_replace_study (GpSession *self, const gp_study *study, GError **error);

/* Cancel running searches and sweeps (their systems keep their last results). */
void gp_session_cancel (GpSession *self);
/* Run the main context until no search or sweep is running (tests, self-test, bench);
 * FALSE on timeout. */
gboolean gp_session_wait_idle (GpSession *self, guint timeout_ms);
/* Run searches and sweeps synchronously in the calling thread instead (tests). This also
 * turns the automatic uncertainty runs off (gp_session_run_uncertainty runs them). */
void gp_session_set_synchronous (GpSession *self, gboolean synchronous);

/* ---- uncertainty (issue 9) ----
 * With the default distributions of data/uncertainty.lua, a worker runs, after every
 * change has settled (a short debounce, after the plan searches): a Monte Carlo of each
 * system's cost and carbon per trained model and time to train, against the baseline
 * where it is not the baseline (GpSystemEntry.uq); the tornado of the selected system's
 * cost per trained model; and the break-even fabric energy per bit of a Lite-GPU system
 * against the baseline with a banded sweep; once the accelerator-count sweep is in, the
 * 5-95 % band of each system's time to train at each of its counts (GpSystemEntry.bands,
 * band samples per point, the plan the sweep found there fixed). Results are dropped by
 * any change (bands also by a new sweep) and recomputed; while they are missing the
 * charts say "computing". */
/* The distributions (NULL with *N = 0 when data/uncertainty.lua failed to load). */
const gp_uq_input *gp_session_get_uq_inputs (GpSession *self, size_t *n);
/* Replace the distributions (copied; tests, or a study of its own). Results go stale. */
void gp_session_set_uq_inputs (GpSession *self, const gp_uq_input *inputs, size_t n);
/* Samples per system (default 1000) and per point of the break-even sweep (200). */
void gp_session_set_uncertainty_samples (GpSession *self, long samples, long band_samples);
long gp_session_get_uncertainty_samples (GpSession *self);
long gp_session_get_uncertainty_band_samples (GpSession *self);
/* Start runs by themselves after changes (default TRUE, FALSE once synchronous). */
void gp_session_set_uncertainty_auto (GpSession *self, gboolean automatic);
/* Run whatever is stale now (synchronously in synchronous mode). */
void gp_session_run_uncertainty (GpSession *self);
/* A run is pending or under way. */
/* TRUE after the user cancelled the uncertainty study, until one is scheduled again. */
gboolean gp_session_get_uncertainty_cancelled (GpSession *self);
gboolean gp_session_get_uncertainty_running (GpSession *self);
/* Plan searches or the accelerator-count sweep are pending or under way (the headline
 * figures are not final yet); unlike gp_session_get_busy, not the uncertainty study. */
gboolean gp_session_get_evaluating (GpSession *self);
/* The tornado of the selected system (valid and system_id say for whom), and the
 * break-even study (valid when current). */
const GpUqTornado *gp_session_get_tornado (GpSession *self);
const GpUqBreakEven *gp_session_get_break_even (GpSession *self);

/* ---- optimisation ---- */
/* Minimise SPEC's figure of system ID over one or two of its paths (gp-syspath.h) in a
 * worker thread (inline in synchronous mode), with the system's current plan. */
void gp_session_optimise_async (GpSession *self, guint id, const GpOptimiseSpec *spec,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean gp_session_optimise_finish (GpSession *self, GAsyncResult *result, GpOptimum *out,
                                     GError **error);
/* The parameter reference of PATH in system ID (its sub-struct, part and descriptor), for
 * gp_session_set_value. Node paths are not design parameters: GP_EINVAL. */
gboolean gp_session_path_ref (GpSession *self, guint id, const char *path, GpParamRef *ref,
                              GError **error);
/* Set SPEC's paths of system ID to the optimum's values through gp_session_set_value:
 * checked like any edit, one undo step per parameter. */
gboolean gp_session_apply_optimum (GpSession *self, guint id, const GpOptimiseSpec *spec,
                                   const GpOptimum *opt, GError **error);

G_END_DECLS
