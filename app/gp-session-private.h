/* gp-session-private.h: the session's state and the functions its files share. GpSession is
 * split by job, and calls run one way:
 *   gp-session.c       the document: GObject, files, systems, parameters, undo;
 *   gp-session-edit.c  structural edits (add, remove, rename, baseline, console) for undo;
 *   gp-session-jobs.c  plan searches and the accelerator-count sweep in GTask workers;
 *   gp-session-uq.c    the uncertainty study and optimisation in workers;
 *   gp-session-core.c  entries, their evaluation, change notification;
 *   gp-session-io.c    design files and presets through scripting/.
 * gp-session.c -> edit -> jobs -> uq -> core -> io; nothing below calls up. */
#pragma once

#include "gp-session.h"
#include "gp-lua-uncertainty.h"
#include "gp-sources.h"
#include "gp-undo.h"

G_BEGIN_DECLS

/* A design as read from a file: the study, the systems in order, the baseline index. */
typedef struct {
  char name[128];        /* the design's title ("" for none) */
  gp_study study;
  GArray *systems;       /* gp_system */
  guint baseline;        /* index into systems */
  gboolean has_inference;         /* the design has an inference study (study.inference) */
  gp_inference_params inference;
} GpDesignData;

void gp_design_data_init (GpDesignData *d);
void gp_design_data_clear (GpDesignData *d);

/* Read PATH (NULL: data/comparison.lua) into D. */
gboolean gp_session_io_read (const char *path, GpDesignData *d, GError **error);
/* Write D to PATH atomically. */
gboolean gp_session_io_write (const char *path, const GpDesignData *d, GError **error);
/* Preset systems of data/systems.lua. */
char **gp_session_io_preset_names (GError **error);
gboolean gp_session_io_preset (const char *name, gp_system *out, GError **error);
/* Every system preset of data/systems.lua (malloc'ed; none when the file cannot be read). */
void gp_session_io_presets (gp_system **out, size_t *n);
/* The workloads of data/workloads.lua (malloc'ed array). */
gboolean gp_session_io_workloads (gp_workload **out, size_t *n, GError **error);

/* GError from a gp_error. */
void gp_session_set_error (GError **error, const gp_error *err);

/* ---- state shared by the session's files ---- */

typedef struct {
  GpSystemEntry pub;        /* first: a GpSystemEntry * is the Entry */
  gp_system_prepared *prep; /* owned, on the heap: its step-time context points into it */
  gboolean prepared;
  gboolean needs_search;
  guint serial;             /* bumped by every change of the system or the study */
  guint scaling_serial;     /* bumped by every installed sweep (the bands follow it) */
} Entry;

struct _GpSession {
  GObject parent_instance;

  /* owned */
  gp_study study;
  gp_study preset_study;
  gboolean has_inference;   /* the design's inference study (study.inference), kept for saving */
  gp_inference_params inference;
  GPtrArray *systems;       /* Entry *, in display order */
  GpUndoStack *undo;
  gp_node *nodes;
  size_t n_nodes;
  char *path;
  char design_name[128];
  GpSources *sources;
  GCancellable *search_cancel;
  GCancellable *sweep_cancel;
  guint search_idle;
  guint sweep_timeout;
  guint progress_timeout;

  guint next_id;
  guint baseline_id;
  guint selected_id;
  guint generation;
  gboolean structure_dirty;
  gboolean synchronous;
  gboolean searching;
  gboolean sweeping;
  gint progress_permille;   /* atomic: written by the workers */

  /* uncertainty */
  gp_uq_input *uq_inputs;   /* owned (malloc): data/uncertainty.lua */
  size_t n_uq_inputs;
  GCancellable *uq_cancel;
  guint uq_timeout;
  gboolean uq_running;      /* pending or under way */
  gboolean uq_auto;
  gboolean uq_cancelled;    /* the user cancelled it; cleared when one is scheduled */
  long uq_samples, uq_band_samples;
  guint uq_epoch;           /* +1 per change that makes results stale */
  guint stats_epoch;        /* the epoch each kind was last computed at (ok or not) */
  guint tornado_epoch;
  guint be_epoch;
  guint bands_epoch;
  guint scaling_gen;        /* +1 per installed sweep */
  guint bands_gen;          /* the scaling_gen the bands were last computed for */
  GpUqTornado *tornado;     /* owned */
  GpUqBreakEven *be;        /* owned */

  /* last notified values */
  gboolean n_dirty, n_can_undo, n_can_redo, n_busy;
};

enum {
  PROP_0,
  PROP_DIRTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_SELECTED_ID,
  PROP_BASELINE_ID,
  PROP_PATH,
  N_PROPS
};
extern GParamSpec *gp_session_props[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
extern guint gp_session_signals[N_SIGNALS];

/* gp-session-edit.c: structural edits, recorded for undo */
void gp_session_edit_record_add (GpSession *self, guint id, guint baseline_before,
                                 guint selected_before);
gboolean gp_session_edit_remove (GpSession *self, guint id);
void gp_session_edit_record_rename (GpSession *self, guint id, const char *before);
void gp_session_edit_record_baseline (GpSession *self, guint before);
void gp_session_edit_record_system (GpSession *self, guint id, const gp_system *before);
void gp_session_edit_record_study (GpSession *self, const gp_study *before);
gboolean gp_session_edit_apply (GpSession *self, const GpUndoEntry *u, gboolean redo);

/* gp-session-jobs.c: searches, the count sweep, re-evaluation after a change */
void gp_session_recompute (GpSession *self, GpSessionChange what);
void gp_session_schedule_sweep (GpSession *self);
gboolean gp_session_progress_tick (gpointer data);

/* gp-session-uq.c: the uncertainty study */
void gp_session_schedule_uq (GpSession *self);
void gp_session_uq_invalidate (GpSession *self);

/* gp-session-core.c: entries, evaluation, notification */
void gp_session_emit_changed (GpSession *self, GpSessionChange what);
void gp_session_entry_evaluate (GpSession *self, Entry *e);
Entry *gp_session_entry_new (GpSession *self, const gp_system *sys, const gp_system *preset, const char *preset_name);
void gp_session_entry_free (gpointer data);
Entry *gp_session_find_entry (GpSession *self, guint id);
int gp_session_free_color (GpSession *self);
void gp_session_invalidate_all (GpSession *self, gboolean prepare, gboolean search);
void gp_session_invalidate_entry (Entry *e, gboolean prepare, gboolean search);
void gp_session_set_entry_error (Entry *e, const gp_error *err);
void gp_session_entry_fill_hardware (GpSession *self, Entry *e);
void gp_session_update_flags (GpSession *self);

G_END_DECLS
