/* gp-session.c: the open design, its evaluation and its undo stack (see gp-session.h).
 *
 * Threads: the design lives on the main thread. A plan search or a scaling sweep copies
 * the systems and the study into a job, runs in a GTask worker with its own prepared
 * state, and hands back plans and figures; the main thread installs them only if the
 * system has not changed since (a change serial per system), so a late result can never
 * overwrite a newer edit. */
#include "gp-session.h"

#include <math.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "gp-die.h"
#include "gp-lua-uncertainty.h"
#include "gp-presets.h"
#include "gp-session-private.h"
#include "gp-sources.h"
#include "gp-undo.h"
#include "gp-wafer.h"
#include "gp-yield.h"

/* Consecutive changes of one parameter closer than this merge into one undo step. */
#define UNDO_MERGE_US (800 * G_TIME_SPAN_MILLISECOND)
/* The scaling sweep waits this long after the last change before it starts. */
#define SWEEP_DELAY_MS 250
/* The uncertainty runs wait longer: a drag of a spin button should not start one per step. */
#define UQ_DELAY_MS 600
/* Monte Carlo samples per system and per point of the break-even sweep: with prepare-time
 * inputs (D0, wafer prices, link) a sample costs ~0.5 ms per system, so 1,000 samples of a
 * pair are ~1 s of a worker; the 5/95 % percentiles of 1,000 samples sit within about
 * +-0.7 percentage points of probability (binomial sd sqrt(0.05 x 0.95 / 1000)). */
#define UQ_SAMPLES 1000
#define UQ_BAND_SAMPLES 200

typedef struct {
  GpSystemEntry pub;        /* first: a GpSystemEntry * is the Entry */
  gp_system_prepared *prep; /* owned, on the heap: its step-time context points into it */
  gboolean prepared;
  gboolean needs_search;
  guint serial;             /* bumped by every change of the system or the study */
  guint scaling_serial;     /* bumped by every installed sweep (the bands follow it) */
} Entry;

G_STATIC_ASSERT (GP_SCALING_POINTS <= GP_UQ_COUNT_POINTS);

struct _GpSession {
  GObject parent_instance;

  /* owned */
  gp_study study;
  gp_study preset_study;
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

G_DEFINE_TYPE (GpSession, gp_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (gp-session-error-quark, gp_session_error)

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
static GParamSpec *props[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void schedule_search (GpSession *self);
static void schedule_sweep (GpSession *self);
static void schedule_uq (GpSession *self);
static void uq_invalidate (GpSession *self);
static gboolean uq_stale (GpSession *self);

void
gp_session_set_error (GError **error, const gp_error *err)
{
  g_set_error_literal (error, GP_SESSION_ERROR, err->status ? (int) err->status : GP_EINVAL,
                       err->message[0] ? err->message : gp_status_name (err->status));
}

/* ---- properties that follow the state ---- */

static void
update_flags (GpSession *self)
{
  gboolean dirty = gp_session_get_dirty (self);
  gboolean cu = gp_undo_stack_can_undo (self->undo), cr = gp_undo_stack_can_redo (self->undo);
  gboolean busy = self->searching || self->sweeping || self->uq_running;
  if (dirty != self->n_dirty)
    {
      self->n_dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DIRTY]);
    }
  if (cu != self->n_can_undo)
    {
      self->n_can_undo = cu;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_UNDO]);
    }
  if (cr != self->n_can_redo)
    {
      self->n_can_redo = cr;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_REDO]);
    }
  if (busy != self->n_busy)
    {
      self->n_busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
    }
}

static void
emit_changed (GpSession *self, GpSessionChange what)
{
  self->generation++;
  update_flags (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint) what);
}

/* ---- entries ---- */

static Entry *
entry_new (GpSession *self, const gp_system *sys, const gp_system *preset, const char *preset_name)
{
  Entry *e = g_new0 (Entry, 1);
  e->prep = g_new0 (gp_system_prepared, 1);
  e->pub.id = ++self->next_id;
  e->pub.system = *sys;
  e->pub.preset = preset ? *preset : *sys;
  g_strlcpy (e->pub.preset_name, preset_name ? preset_name : sys->sys.name,
             sizeof e->pub.preset_name);
  e->pub.state = GP_SYSTEM_PENDING;
  e->pub.color = -1;
  return e;
}

static void
entry_free (gpointer data)
{
  Entry *e = data;
  g_free (e->prep);
  g_free (e);
}

static Entry *
find_entry (GpSession *self, guint id)
{
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      if (e->pub.id == id)
        return e;
    }
  return NULL;
}

/* The lowest palette colour no other system uses, so colours stay put as systems come
 * and go. */
static int
free_color (GpSession *self)
{
  for (int c = 0; c < 64; c++)
    {
      gboolean used = FALSE;
      for (guint i = 0; i < self->systems->len; i++)
        used |= ((Entry *) self->systems->pdata[i])->pub.color == c;
      if (!used)
        return c;
    }
  return 0;
}

/* The main logic die: the first logic part priced by the die model. */
static const gp_package_part *
main_logic_part (const gp_system *s)
{
  for (int i = 0; i < s->package.n_parts && i < GP_PACKAGE_PARTS_MAX; i++)
    if (s->package.parts[i].kind == GP_PART_LOGIC && s->package.parts[i].node[0])
      return &s->package.parts[i];
  return NULL;
}

/* Yield and die cost per PFLOP/s over die area for the system's die node, at its compute
 * density. Square dies, an 8 x 8 offset search (the exact count moves by a few dies with
 * more, invisible at chart scale); the system's own point comes from its prepared
 * evaluation instead. */
static void
die_curve_update (GpSession *self, Entry *e)
{
  GpDieCurve *c = &e->pub.die_curve;
  memset (c, 0, sizeof *c);
  const gp_system *s = &e->pub.system;
  const gp_package_part *part = main_logic_part (s);
  if (part == NULL)
    return;
  const gp_node *node = gp_nodes_find (self->nodes, self->n_nodes, part->node);
  if (node == NULL)
    return;
  g_strlcpy (c->node, node->name, sizeof c->node);
  double own_area = part->die_width_mm * part->die_height_mm;
  double dies = (double) MAX (part->count, 1);
  if (!(own_area > 0))
    return;
  double pflops_per_mm2 = s->accel.peak_tflop_per_s / 1000.0 / (own_area * dies);
  c->die_area_mm2 = own_area;

  double lo = 20.0, hi = MAX (900.0, MIN (own_area * 1.3, 40000.0));
  for (int i = 0; i < GP_DIE_CURVE_POINTS; i++)
    {
      double a = lo * pow (hi / lo, (double) i / (GP_DIE_CURVE_POINTS - 1));
      gp_wafer_params w;
      gp_wafer_params_init (&w);
      w.wafer_diameter_mm = node->wafer_diameter_mm;
      w.die_width_mm = w.die_height_mm = sqrt (a);
      w.offset_steps = 8;
      gp_wafer_result wr;
      gp_yield_params yp = { GP_YIELD_NEGBIN, a, node->d0_per_cm2, node->alpha,
                             node->critical_layers };
      double y = NAN;
      gp_die_cost_result dc;
      double cost = NAN;
      if (gp_wafer_count (&w, &wr, NULL) == GP_OK && gp_yield_eval (&yp, &y, NULL) == GP_OK
          && y > 0)
        {
          gp_die_cost_params dp = { node->wafer_cost_usd, wr.gross_dies, y, 0, a };
          if (gp_die_cost (&dp, &dc, NULL) == GP_OK && pflops_per_mm2 > 0)
            cost = dc.cost_per_good_die / (a * pflops_per_mm2);
        }
      else
        y = NAN;
      c->area_mm2[c->n] = a;
      c->yield[c->n] = y;
      c->usd_per_pflops[c->n] = cost;
      c->n++;
    }
  c->valid = TRUE;
}

static void
die_curve_set_own_point (Entry *e)
{
  GpDieCurve *c = &e->pub.die_curve;
  const gp_system *s = &e->pub.system;
  const gp_package_part *part = main_logic_part (s);
  if (!c->valid || part == NULL || !e->prepared)
    return;
  int idx = (int) (part - s->package.parts);
  const gp_package_part_prep *pp = &e->prep->package.part[idx];
  c->die_yield = pp->die_yield;
  double dies = (double) MAX (part->count, 1);
  double pflops = s->accel.peak_tflop_per_s / 1000.0 / dies;
  c->die_usd_per_pflops = pflops > 0 ? pp->cost_per_good_die / pflops : NAN;
}

static void
set_entry_error (Entry *e, const gp_error *err)
{
  e->pub.state = GP_SYSTEM_ERROR;
  e->pub.status = err->status;
  g_strlcpy (e->pub.message, err->message, sizeof e->pub.message);
  e->pub.have_result = FALSE;
}

/* Bring E up to date with its current plan: prepare when needed, then a cheap evaluation.
 * Without a plan, or when the plan no longer fits the changed design, a search is due. */
static void
entry_evaluate (GpSession *self, Entry *e)
{
  gp_error err = { 0 };
  if (!e->prepared)
    {
      die_curve_update (self, e);
      if (gp_system_prepare (&e->pub.system, &self->study, self->nodes, self->n_nodes,
                             e->prep, &err) != GP_OK)
        {
          set_entry_error (e, &err);
          e->needs_search = FALSE;
          return;
        }
      e->prepared = TRUE;
      die_curve_set_own_point (e);
    }
  if (e->pub.have_plan)
    {
      gp_system_result r;
      gp_status st = gp_system_eval (&e->pub.system, &self->study, e->prep, &e->pub.plan, &r,
                                     NULL, NULL, &err);
      if (st == GP_OK)
        {
          e->pub.result = r;
          e->pub.have_result = TRUE;
          e->pub.status = GP_OK;
          e->pub.message[0] = '\0';
          e->pub.state = e->needs_search ? GP_SYSTEM_PENDING : GP_SYSTEM_OK;
          return;
        }
      /* The plan stopped fitting (degrees, memory): find a new one before judging. */
      e->pub.have_plan = FALSE;
      e->pub.have_result = FALSE;
      g_strlcpy (e->pub.message, err.message, sizeof e->pub.message);
    }
  e->needs_search = TRUE;
  e->pub.state = GP_SYSTEM_PENDING;
}

/* ---- plan search job ---- */

typedef struct {
  guint id, serial;
  gp_system system;
  gp_status status;
  gp_error err;
  gp_plan plan;
} SearchItem;

typedef struct {
  gp_study study;
  const gp_node *nodes; /* borrowed: the session (the task's source) outlives the job */
  size_t n_nodes;
  SearchItem *items;
  guint n;
  gint *permille;
  GCancellable *cancellable;
  guint index;
} SearchJob;

static void
search_job_free (gpointer data)
{
  SearchJob *j = data;
  g_free (j->items);
  g_clear_object (&j->cancellable);
  g_free (j);
}

static bool
search_progress (double fraction, const gp_search_entry *best, void *user)
{
  SearchJob *j = user;
  int pm = (int) (1000.0 * ((double) j->index + fraction) / MAX (j->n, 1));
  g_atomic_int_set (j->permille, CLAMP (pm, 0, 1000));
  return !g_cancellable_is_cancelled (j->cancellable);
}

static void
search_job_run (SearchJob *j)
{
  g_autofree gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  for (j->index = 0; j->index < j->n; j->index++)
    {
      SearchItem *it = &j->items[j->index];
      if (g_cancellable_is_cancelled (j->cancellable))
        {
          it->status = GP_ECANCELLED;
          continue;
        }
      it->status = gp_system_prepare (&it->system, &j->study, j->nodes, j->n_nodes, prep,
                                      &it->err);
      if (it->status != GP_OK)
        continue;
      g_autofree gp_system_result *r = g_new0 (gp_system_result, 1);
      it->status = gp_system_eval (&it->system, &j->study, prep, NULL, r, search_progress, j,
                                   &it->err);
      if (it->status == GP_OK)
        it->plan = r->plan;
    }
}

static void
search_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  search_job_run (data);
  g_task_return_boolean (task, TRUE);
}

static void
search_install (GpSession *self, SearchJob *j)
{
  for (guint i = 0; i < j->n; i++)
    {
      SearchItem *it = &j->items[i];
      Entry *e = find_entry (self, it->id);
      if (e == NULL || e->serial != it->serial || it->status == GP_ECANCELLED)
        continue;
      e->needs_search = FALSE;
      if (it->status == GP_OK)
        {
          e->pub.plan = it->plan;
          e->pub.have_plan = TRUE;
          entry_evaluate (self, e);
        }
      else
        set_entry_error (e, &it->err);
    }
}

static void
search_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GpSession *self = GP_SESSION (source);
  GTask *task = G_TASK (res);
  SearchJob *j = g_task_get_task_data (task);
  if (j->cancellable != self->search_cancel)
    return; /* superseded: a newer search owns the state */
  g_clear_object (&self->search_cancel);
  self->searching = FALSE;
  search_install (self, j);
  emit_changed (self, GP_SESSION_CHANGED_VALUES);
  schedule_sweep (self);
}

static gboolean
search_start (gpointer data)
{
  GpSession *self = data;
  self->search_idle = 0;
  if (self->search_cancel)
    {
      g_cancellable_cancel (self->search_cancel);
      g_clear_object (&self->search_cancel);
    }
  SearchJob *j = g_new0 (SearchJob, 1);
  j->study = self->study;
  j->nodes = self->nodes;
  j->n_nodes = self->n_nodes;
  j->items = g_new0 (SearchItem, MAX (self->systems->len, 1));
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      if (!e->needs_search)
        continue;
      SearchItem *it = &j->items[j->n++];
      it->id = e->pub.id;
      it->serial = e->serial;
      it->system = e->pub.system;
    }
  if (j->n == 0)
    {
      search_job_free (j);
      self->searching = FALSE;
      update_flags (self);
      schedule_sweep (self);
      return G_SOURCE_REMOVE;
    }
  j->cancellable = g_cancellable_new ();
  j->permille = &self->progress_permille;
  g_atomic_int_set (&self->progress_permille, 0);
  self->search_cancel = g_object_ref (j->cancellable);
  self->searching = TRUE;
  if (self->sweep_cancel)
    g_cancellable_cancel (self->sweep_cancel);
  if (self->uq_cancel)
    {
      /* Its plans are about to change: the run starts again once the search is done. */
      g_cancellable_cancel (self->uq_cancel);
      g_clear_object (&self->uq_cancel);
    }
  update_flags (self);

  if (self->synchronous)
    {
      search_job_run (j);
      g_clear_object (&self->search_cancel);
      self->searching = FALSE;
      search_install (self, j);
      search_job_free (j);
      emit_changed (self, GP_SESSION_CHANGED_VALUES);
      schedule_sweep (self);
      return G_SOURCE_REMOVE;
    }
  g_autoptr (GTask) task = g_task_new (self, j->cancellable, search_done, NULL);
  g_task_set_source_tag (task, search_start);
  g_task_set_task_data (task, j, search_job_free);
  g_task_run_in_thread (task, search_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_search (GpSession *self)
{
  gboolean any = FALSE;
  for (guint i = 0; i < self->systems->len; i++)
    any |= ((Entry *) self->systems->pdata[i])->needs_search;
  if (!any)
    return;
  if (self->synchronous)
    {
      search_start (self);
      return;
    }
  self->searching = TRUE; /* busy from the change on, even before the idle runs */
  if (self->search_idle == 0)
    self->search_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, search_start, self, NULL);
}

/* ---- scaling sweep job ---- */

/* Counts around the design's own, by factors of two. */
static const double scaling_factors[GP_SCALING_POINTS] = { 0.125, 0.25, 0.5, 1, 2, 4, 8 };

typedef struct {
  guint id, serial;
  gp_system system;
  GpScaling scaling;
} SweepItem;

typedef struct {
  gp_study study;
  const gp_node *nodes;
  size_t n_nodes;
  SweepItem *items;
  guint n;
  gint *permille;
  GCancellable *cancellable;
} SweepJob;

static void
sweep_job_free (gpointer data)
{
  SweepJob *j = data;
  g_free (j->items);
  g_clear_object (&j->cancellable);
  g_free (j);
}

static bool
sweep_progress (double fraction, const gp_search_entry *best, void *user)
{
  return !g_cancellable_is_cancelled (user);
}

static void
sweep_job_run (SweepJob *j)
{
  g_autofree gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  g_autofree gp_system_result *r = g_new0 (gp_system_result, 1);
  g_autofree gp_system *s = g_new0 (gp_system, 1);
  for (guint i = 0; i < j->n; i++)
    {
      SweepItem *it = &j->items[i];
      double n0 = (double) it->system.sys.accelerators;
      for (int k = 0; k < GP_SCALING_POINTS; k++)
        {
          if (g_cancellable_is_cancelled (j->cancellable))
            return;
          g_atomic_int_set (j->permille, (int) (1000.0 * (i * GP_SCALING_POINTS + k)
                                                / (j->n * GP_SCALING_POINTS)));
          GpScaling *sc = &it->scaling;
          *s = it->system;
          gboolean ok = gp_system_scale (s, &j->study, j->nodes, j->n_nodes, GP_SCALE_COUNT,
                                         MAX (1.0, round (n0 * scaling_factors[k])), NULL)
                          == GP_OK
                        && gp_system_prepare (s, &j->study, j->nodes, j->n_nodes, prep, NULL)
                             == GP_OK
                        && gp_system_eval (s, &j->study, prep, NULL, r, sweep_progress,
                                           j->cancellable, NULL)
                             == GP_OK;
          /* Scaling rounds to whole servers, so neighbouring factors can meet. */
          if (sc->n > 0 && sc->accelerators[sc->n - 1] == (double) s->sys.accelerators)
            continue;
          sc->accelerators[sc->n] = (double) s->sys.accelerators;
          sc->ok[sc->n] = ok;
          if (ok)
            sc->plan[sc->n] = r->plan;
          sc->time_to_train_s[sc->n] = ok ? r->time_to_train_s : NAN;
          sc->effective_time_s[sc->n] = ok ? r->effective_time_to_train_s : NAN;
          sc->cost_to_train_usd[sc->n] = ok ? r->cost_to_train_usd : NAN;
          sc->carbon_to_train_kg[sc->n] = ok ? r->carbon_to_train_kg : NAN;
          sc->n++;
        }
    }
}

static void
sweep_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  sweep_job_run (data);
  g_task_return_boolean (task, TRUE);
}

static void
sweep_install (GpSession *self, SweepJob *j)
{
  for (guint i = 0; i < j->n; i++)
    {
      Entry *e = find_entry (self, j->items[i].id);
      if (e && e->serial == j->items[i].serial)
        {
          e->pub.scaling = j->items[i].scaling;
          e->pub.have_scaling = TRUE;
          /* New counts or plans: the bands over them go stale. */
          e->scaling_serial++;
          e->pub.bands.valid = FALSE;
          e->pub.bands.message[0] = '\0';
          self->scaling_gen++;
        }
    }
}

static void
sweep_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GpSession *self = GP_SESSION (source);
  SweepJob *j = g_task_get_task_data (G_TASK (res));
  if (j->cancellable != self->sweep_cancel)
    return;
  g_clear_object (&self->sweep_cancel);
  self->sweeping = FALSE;
  if (!g_cancellable_is_cancelled (j->cancellable))
    {
      sweep_install (self, j);
      emit_changed (self, GP_SESSION_CHANGED_SCALING);
      schedule_uq (self); /* the bands over the new sweep */
    }
  else
    update_flags (self);
}

static gboolean
sweep_start (gpointer data)
{
  GpSession *self = data;
  self->sweep_timeout = 0;
  if (self->searching)
    return G_SOURCE_REMOVE; /* the search's end schedules the sweep again */
  if (self->sweep_cancel)
    {
      g_cancellable_cancel (self->sweep_cancel);
      g_clear_object (&self->sweep_cancel);
    }
  SweepJob *j = g_new0 (SweepJob, 1);
  j->study = self->study;
  j->nodes = self->nodes;
  j->n_nodes = self->n_nodes;
  j->items = g_new0 (SweepItem, MAX (self->systems->len, 1));
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      if (e->pub.state != GP_SYSTEM_OK)
        {
          e->pub.have_scaling = FALSE;
          continue;
        }
      SweepItem *it = &j->items[j->n++];
      it->id = e->pub.id;
      it->serial = e->serial;
      it->system = e->pub.system;
    }
  j->cancellable = g_cancellable_new ();
  j->permille = &self->progress_permille;
  g_atomic_int_set (&self->progress_permille, 0);
  self->sweep_cancel = g_object_ref (j->cancellable);
  self->sweeping = TRUE;
  update_flags (self);

  if (self->synchronous)
    {
      sweep_job_run (j);
      g_clear_object (&self->sweep_cancel);
      self->sweeping = FALSE;
      sweep_install (self, j);
      sweep_job_free (j);
      emit_changed (self, GP_SESSION_CHANGED_SCALING);
      schedule_uq (self);
      return G_SOURCE_REMOVE;
    }
  g_autoptr (GTask) task = g_task_new (self, j->cancellable, sweep_done, NULL);
  g_task_set_source_tag (task, sweep_start);
  g_task_set_task_data (task, j, sweep_job_free);
  g_task_run_in_thread (task, sweep_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_sweep (GpSession *self)
{
  if (self->sweep_cancel)
    {
      g_cancellable_cancel (self->sweep_cancel);
      g_clear_object (&self->sweep_cancel);
      self->sweeping = FALSE;
    }
  if (self->synchronous)
    {
      sweep_start (self);
      return;
    }
  g_clear_handle_id (&self->sweep_timeout, g_source_remove);
  self->sweep_timeout = g_timeout_add (SWEEP_DELAY_MS, sweep_start, self);
  self->sweeping = TRUE; /* pending counts as busy: the charts say "updating" */
  update_flags (self);
  schedule_uq (self);
}

static gboolean
progress_tick (gpointer data)
{
  GpSession *self = data;
  if (self->searching || self->sweeping || self->uq_running)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROGRESS]);
  return G_SOURCE_CONTINUE;
}

/* ---- recompute after a change ---- */

/* Evaluate every system (those whose prepare is stale re-prepare), then start searches. */
static void
recompute (GpSession *self, GpSessionChange what)
{
  uq_invalidate (self);
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      entry_evaluate (self, e);
    }
  emit_changed (self, what | GP_SESSION_CHANGED_VALUES);
  schedule_search (self);
  if (!self->searching)
    schedule_sweep (self);
}

static void
invalidate_entry (Entry *e, gboolean prepare, gboolean search)
{
  e->serial++;
  if (prepare)
    e->prepared = FALSE;
  if (search)
    e->needs_search = TRUE;
  e->pub.have_scaling = FALSE;
}

static void
invalidate_all (GpSession *self, gboolean prepare, gboolean search)
{
  for (guint i = 0; i < self->systems->len; i++)
    invalidate_entry (self->systems->pdata[i], prepare, search);
}

/* ---- GObject ---- */

static void
gp_session_dispose (GObject *object)
{
  GpSession *self = GP_SESSION (object);
  if (self->search_cancel)
    g_cancellable_cancel (self->search_cancel);
  if (self->sweep_cancel)
    g_cancellable_cancel (self->sweep_cancel);
  if (self->uq_cancel)
    g_cancellable_cancel (self->uq_cancel);
  g_clear_object (&self->search_cancel);
  g_clear_object (&self->sweep_cancel);
  g_clear_object (&self->uq_cancel);
  g_clear_handle_id (&self->search_idle, g_source_remove);
  g_clear_handle_id (&self->sweep_timeout, g_source_remove);
  g_clear_handle_id (&self->uq_timeout, g_source_remove);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  G_OBJECT_CLASS (gp_session_parent_class)->dispose (object);
}

static void
gp_session_finalize (GObject *object)
{
  GpSession *self = GP_SESSION (object);
  g_ptr_array_unref (self->systems);
  gp_undo_stack_free (self->undo);
  gp_sources_free (self->sources);
  free (self->nodes);
  free (self->uq_inputs);
  g_free (self->tornado);
  g_free (self->be);
  g_free (self->path);
  G_OBJECT_CLASS (gp_session_parent_class)->finalize (object);
}

static void
gp_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GpSession *self = GP_SESSION (object);
  switch (prop_id)
    {
    case PROP_DIRTY: g_value_set_boolean (value, gp_session_get_dirty (self)); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, gp_session_get_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, gp_session_get_can_redo (self)); break;
    case PROP_BUSY: g_value_set_boolean (value, gp_session_get_busy (self)); break;
    case PROP_PROGRESS: g_value_set_double (value, gp_session_get_progress (self)); break;
    case PROP_SELECTED_ID: g_value_set_uint (value, self->selected_id); break;
    case PROP_BASELINE_ID: g_value_set_uint (value, self->baseline_id); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_session_set_property (GObject *object, guint prop_id, const GValue *value,
                         GParamSpec *pspec)
{
  GpSession *self = GP_SESSION (object);
  switch (prop_id)
    {
    case PROP_SELECTED_ID: gp_session_set_selected_id (self, g_value_get_uint (value)); break;
    case PROP_BASELINE_ID: gp_session_set_baseline_id (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_session_class_init (GpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->dispose = gp_session_dispose;
  object_class->finalize = gp_session_finalize;
  object_class->get_property = gp_session_get_property;
  object_class->set_property = gp_session_set_property;

  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  props[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  props[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  props[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  props[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, ro);
  props[PROP_SELECTED_ID] = g_param_spec_uint ("selected-id", NULL, NULL, 0, G_MAXUINT, 0, rw);
  props[PROP_BASELINE_ID] = g_param_spec_uint ("baseline-id", NULL, NULL, 0, G_MAXUINT, 0, rw);
  props[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* changed (GpSessionChange flags as guint) */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
gp_session_init (GpSession *self)
{
  self->systems = g_ptr_array_new_with_free_func (entry_free);
  self->undo = gp_undo_stack_new (0);
  self->sources = gp_sources_new ();
  gp_study_init (&self->study);
  self->preset_study = self->study;
  gp_error err = { 0 };
  if (gp_nodes_load (NULL, &self->nodes, &self->n_nodes, &err) != GP_OK)
    g_warning ("glasspane: %s", err.message);
  if (gp_uncertainty_defaults_load (NULL, &self->uq_inputs, &self->n_uq_inputs, &err) != GP_OK)
    {
      g_warning ("glasspane: %s", err.message);
      self->uq_inputs = NULL;
      self->n_uq_inputs = 0;
    }
  self->uq_auto = TRUE;
  self->uq_samples = UQ_SAMPLES;
  self->uq_band_samples = UQ_BAND_SAMPLES;
  self->tornado = g_new0 (GpUqTornado, 1);
  self->be = g_new0 (GpUqBreakEven, 1);
  self->uq_epoch = 1;
  self->progress_timeout = g_timeout_add (100, progress_tick, self);
}

GpSession *
gp_session_new (void)
{
  return g_object_new (GP_TYPE_SESSION, NULL);
}

/* ---- files ---- */

static void
install_design (GpSession *self, GpDesignData *d, const char *path)
{
  gp_session_cancel (self);
  g_ptr_array_set_size (self->systems, 0);
  self->study = d->study;
  self->preset_study = d->study;
  g_strlcpy (self->design_name, d->name, sizeof self->design_name);
  for (guint i = 0; i < d->systems->len; i++)
    {
      const gp_system *s = &g_array_index (d->systems, gp_system, i);
      /* Reset goes back to the preset of the same name when there is one. */
      g_autofree gp_system *preset = g_new0 (gp_system, 1);
      gboolean has_preset = gp_session_io_preset (s->sys.name, preset, NULL);
      Entry *e = entry_new (self, s, has_preset ? preset : NULL, NULL);
      e->pub.color = free_color (self);
      g_ptr_array_add (self->systems, e);
    }
  self->baseline_id = 0;
  self->selected_id = 0;
  if (self->systems->len > 0)
    {
      guint b = MIN (d->baseline, self->systems->len - 1);
      self->baseline_id = ((Entry *) self->systems->pdata[b])->pub.id;
      self->selected_id = ((Entry *) self->systems->pdata[0])->pub.id;
    }
  g_free (self->path);
  self->path = g_strdup (path);
  gp_undo_stack_clear (self->undo);
  self->structure_dirty = FALSE;
  invalidate_all (self, TRUE, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTED_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BASELINE_ID]);
  recompute (self, GP_SESSION_CHANGED_STRUCTURE | GP_SESSION_CHANGED_SELECTION);
}

static gboolean
load (GpSession *self, const char *path, GError **error)
{
  GpDesignData d;
  gp_design_data_init (&d);
  if (!gp_session_io_read (path, &d, error))
    {
      gp_design_data_clear (&d);
      return FALSE;
    }
  install_design (self, &d, path);
  gp_design_data_clear (&d);
  return TRUE;
}

gboolean
gp_session_load_default (GpSession *self, GError **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  return load (self, NULL, error);
}

gboolean
gp_session_load_file (GpSession *self, const char *path, GError **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self) && path, FALSE);
  return load (self, path, error);
}

static void
fill_design (GpSession *self, GpDesignData *d)
{
  d->study = self->study;
  g_strlcpy (d->name, self->design_name, sizeof d->name);
  d->baseline = 0;
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      g_array_append_val (d->systems, e->pub.system);
      if (e->pub.id == self->baseline_id)
        d->baseline = i;
    }
}

gboolean
gp_session_save_copy (GpSession *self, const char *path, GError **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self) && path, FALSE);
  GpDesignData d;
  gp_design_data_init (&d);
  fill_design (self, &d);
  gboolean ok = gp_session_io_write (path, &d, error);
  gp_design_data_clear (&d);
  return ok;
}

gboolean
gp_session_save_file (GpSession *self, const char *path, GError **error)
{
  if (!gp_session_save_copy (self, path, error))
    return FALSE;
  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PATH]);
    }
  gp_undo_stack_mark_clean (self->undo);
  self->structure_dirty = FALSE;
  update_flags (self);
  return TRUE;
}

const char *
gp_session_get_path (GpSession *self)
{
  return self->path;
}

char *
gp_session_dup_title (GpSession *self)
{
  if (self->path)
    return g_path_get_basename (self->path);
  return g_strdup ("Default comparison");
}

/* ---- state ---- */

gboolean
gp_session_get_dirty (GpSession *self)
{
  return self->structure_dirty || !gp_undo_stack_is_clean (self->undo);
}

gboolean
gp_session_get_can_undo (GpSession *self)
{
  return gp_undo_stack_can_undo (self->undo);
}

gboolean
gp_session_get_can_redo (GpSession *self)
{
  return gp_undo_stack_can_redo (self->undo);
}

gboolean
gp_session_get_busy (GpSession *self)
{
  return self->searching || self->sweeping || self->uq_running;
}

const char *
gp_session_get_activity (GpSession *self)
{
  static char buf[96];
  if (self->searching)
    return "Searching parallelism plans";
  if (self->sweeping)
    return "Sweeping accelerator counts";
  if (self->uq_running)
    {
      g_snprintf (buf, sizeof buf, "Uncertainty: %ld samples per system", self->uq_samples);
      return buf;
    }
  return NULL;
}

double
gp_session_get_progress (GpSession *self)
{
  return g_atomic_int_get (&self->progress_permille) / 1000.0;
}

guint
gp_session_get_generation (GpSession *self)
{
  return self->generation;
}

guint
gp_session_get_n_systems (GpSession *self)
{
  return self->systems->len;
}

const GpSystemEntry *
gp_session_get_system (GpSession *self, guint index)
{
  g_return_val_if_fail (index < self->systems->len, NULL);
  return self->systems->pdata[index];
}

const GpSystemEntry *
gp_session_find_system (GpSession *self, guint id)
{
  Entry *e = find_entry (self, id);
  return e ? &e->pub : NULL;
}

int
gp_session_index_of (GpSession *self, guint id)
{
  for (guint i = 0; i < self->systems->len; i++)
    if (((Entry *) self->systems->pdata[i])->pub.id == id)
      return (int) i;
  return -1;
}

const gp_study *
gp_session_get_study (GpSession *self)
{
  return &self->study;
}

const gp_node *
gp_session_get_nodes (GpSession *self, size_t *n_nodes)
{
  if (n_nodes)
    *n_nodes = self->n_nodes;
  return self->nodes;
}

guint
gp_session_get_baseline_id (GpSession *self)
{
  return self->baseline_id;
}

void
gp_session_set_baseline_id (GpSession *self, guint id)
{
  if (id == self->baseline_id || find_entry (self, id) == NULL)
    return;
  self->baseline_id = id;
  self->structure_dirty = TRUE;
  uq_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BASELINE_ID]);
  emit_changed (self, GP_SESSION_CHANGED_SELECTION);
  schedule_uq (self);
}

guint
gp_session_get_selected_id (GpSession *self)
{
  return self->selected_id;
}

void
gp_session_set_selected_id (GpSession *self, guint id)
{
  if (id == self->selected_id || find_entry (self, id) == NULL)
    return;
  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTED_ID]);
  emit_changed (self, GP_SESSION_CHANGED_SELECTION);
  schedule_uq (self); /* the tornado follows the selection */
}

const GpSystemEntry *
gp_session_get_selected (GpSession *self)
{
  Entry *e = find_entry (self, self->selected_id);
  if (e == NULL && self->systems->len > 0)
    e = self->systems->pdata[0];
  return e ? &e->pub : NULL;
}

/* ---- systems ---- */

char **
gp_session_list_presets (GpSession *self)
{
  char **names = gp_session_io_preset_names (NULL);
  return names ? names : g_new0 (char *, 1);
}

static void
unique_name (GpSession *self, char *name, gsize len)
{
  g_autofree char *base = g_strdup (name);
  for (int k = 2; k < 1000; k++)
    {
      gboolean taken = FALSE;
      for (guint i = 0; i < self->systems->len; i++)
        taken |= strcmp (((Entry *) self->systems->pdata[i])->pub.system.sys.name, name) == 0;
      if (!taken)
        return;
      g_snprintf (name, len, "%.*s %d", (int) len - 6, base, k);
    }
}

static guint
add_entry (GpSession *self, Entry *e)
{
  unique_name (self, e->pub.system.sys.name, sizeof e->pub.system.sys.name);
  e->pub.color = free_color (self);
  g_ptr_array_add (self->systems, e);
  if (self->baseline_id == 0)
    self->baseline_id = e->pub.id;
  self->selected_id = e->pub.id;
  self->structure_dirty = TRUE;
  invalidate_entry (e, TRUE, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTED_ID]);
  recompute (self, GP_SESSION_CHANGED_STRUCTURE | GP_SESSION_CHANGED_SELECTION);
  return e->pub.id;
}

guint
gp_session_add_preset (GpSession *self, const char *name, GError **error)
{
  if (self->systems->len >= GP_SESSION_MAX_SYSTEMS)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ERANGE,
                   "a design compares at most %d systems", GP_SESSION_MAX_SYSTEMS);
      return 0;
    }
  g_autofree gp_system *s = g_new0 (gp_system, 1);
  if (!gp_session_io_preset (name, s, error))
    return 0;
  return add_entry (self, entry_new (self, s, s, name));
}

guint
gp_session_duplicate (GpSession *self, guint id)
{
  Entry *src = find_entry (self, id);
  if (src == NULL || self->systems->len >= GP_SESSION_MAX_SYSTEMS)
    return 0;
  Entry *e = entry_new (self, &src->pub.system, &src->pub.preset, src->pub.preset_name);
  if (src->pub.have_plan)
    {
      e->pub.plan = src->pub.plan;
      e->pub.have_plan = TRUE;
    }
  return add_entry (self, e);
}

gboolean
gp_session_rename (GpSession *self, guint id, const char *name, GError **error)
{
  Entry *e = find_entry (self, id);
  g_return_val_if_fail (e != NULL, FALSE);
  g_autofree char *n = g_strstrip (g_strdup (name ? name : ""));
  if (n[0] == '\0' || strlen (n) >= sizeof e->pub.system.sys.name)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_EINVAL,
                   "name: a system name needs 1 to %d bytes",
                   (int) sizeof e->pub.system.sys.name - 1);
      return FALSE;
    }
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *o = self->systems->pdata[i];
      if (o != e && strcmp (o->pub.system.sys.name, n) == 0)
        {
          g_set_error (error, GP_SESSION_ERROR, GP_EINVAL,
                       "name: another system is already called '%s'", n);
          return FALSE;
        }
    }
  g_strlcpy (e->pub.system.sys.name, n, sizeof e->pub.system.sys.name);
  self->structure_dirty = TRUE;
  emit_changed (self, GP_SESSION_CHANGED_STRUCTURE);
  return TRUE;
}

void
gp_session_remove (GpSession *self, guint id)
{
  int idx = gp_session_index_of (self, id);
  if (idx < 0)
    return;
  g_ptr_array_remove_index (self->systems, (guint) idx);
  uq_invalidate (self);
  if (self->baseline_id == id)
    self->baseline_id = self->systems->len ? ((Entry *) self->systems->pdata[0])->pub.id : 0;
  if (self->selected_id == id)
    {
      guint j = MIN ((guint) idx, self->systems->len ? self->systems->len - 1 : 0);
      self->selected_id = self->systems->len ? ((Entry *) self->systems->pdata[j])->pub.id : 0;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTED_ID]);
    }
  self->structure_dirty = TRUE;
  emit_changed (self, GP_SESSION_CHANGED_STRUCTURE | GP_SESSION_CHANGED_SELECTION
                        | GP_SESSION_CHANGED_VALUES);
  schedule_sweep (self);
}

/* ---- parameters ---- */

GpParamRef
gp_param_ref (GpSubject subject, guint system_id, int part, const char *name)
{
  GpParamRef r = { subject, system_id, part, NULL };
  const gp_param_table *t = gp_subject_table (subject);
  if (t)
    r.param = gp_param_table_find (t, name);
  return r;
}

/* The struct REF points into, inside the live design (NULL when it names nothing). */
static void *
ref_target (GpSession *self, const GpParamRef *ref, Entry **entry_out)
{
  if (ref == NULL || ref->param == NULL || ref->subject >= GP_SUBJECT_N)
    return NULL;
  Entry *e = NULL;
  if (!gp_subject_is_study (ref->subject))
    {
      e = find_entry (self, ref->system_id);
      if (e == NULL)
        return NULL;
    }
  if (entry_out)
    *entry_out = e;
  return gp_subject_target (ref->subject, e ? &e->pub.system : NULL, &self->study, ref->part);
}

double
gp_session_get_value (GpSession *self, const GpParamRef *ref)
{
  void *obj = ref_target (self, ref, NULL);
  if (obj == NULL || ref->param->type == GP_PARAM_STRING)
    return NAN;
  return gp_param_get (ref->param, obj);
}

char *
gp_session_dup_string (GpSession *self, const GpParamRef *ref)
{
  void *obj = ref_target (self, ref, NULL);
  if (obj == NULL)
    return NULL;
  const gp_param *p = ref->param;
  if (p->type == GP_PARAM_STRING)
    return g_strndup ((const char *) obj + p->offset, p->string_size);
  if (p->type == GP_PARAM_ENUM)
    {
      int v = (int) gp_param_get (p, obj);
      for (int i = 0; p->enum_names && p->enum_names[i]; i++)
        if (i == v)
          return g_strdup (p->enum_names[i]);
      return NULL;
    }
  char buf[64];
  gp_param_format (p, gp_param_get (p, obj), buf, sizeof buf);
  return g_strdup (buf);
}

/* Active HBM capacity of a package, GB (what the accelerator's memory must equal). */
static double
package_hbm_gb (const gp_package_params *pk, long *stacks)
{
  double gb = 0;
  *stacks = 0;
  for (int i = 0; i < pk->n_parts && i < GP_PACKAGE_PARTS_MAX; i++)
    if (pk->parts[i].kind == GP_PART_HBM)
      {
        long act = pk->parts[i].active_count < 0 ? pk->parts[i].count : pk->parts[i].active_count;
        gb += (double) act * pk->parts[i].capacity_gb;
        *stacks += act;
      }
  return gb;
}

/* Keep the fields the system model ties together equal after a change (gp_system_validate
 * states the joins): one accelerator count, servers regrouped as a whole, the package's
 * peak and the accelerator's, the HBM priced and the memory the step model sees. */
static gp_status
apply_linked (GpSession *self, gp_system *s, const GpParamRef *ref, double value,
              gp_error *err)
{
  const char *n = ref->param->name;
  switch (ref->subject)
    {
    case GP_SUBJECT_SYSTEM:
      if (strcmp (n, "accelerators") == 0)
        return gp_system_set_accelerators (s, (long) value, err);
      if (strcmp (n, "accels_per_server") == 0)
        {
          /* gp_param_set stored it already; regroup from the old grouping. */
          long per = (long) value;
          s->sys.accels_per_server = (long) gp_param_get (ref->param, &find_entry (self, ref->system_id)->pub.system.sys);
          return gp_system_regroup (s, per, err);
        }
      return GP_OK;
    case GP_SUBJECT_ACCEL:
      if (strcmp (n, "peak_tflop_per_s") == 0 && s->package.peak_pflops > 0)
        s->package.peak_pflops = value / 1000.0;
      return GP_OK;
    case GP_SUBJECT_PACKAGE:
      if (strcmp (n, "peak_pflops") == 0 && value > 0)
        s->accel.peak_tflop_per_s = value * 1000.0;
      return GP_OK;
    case GP_SUBJECT_PART:
      if (strcmp (n, "capacity_gb") == 0 || strcmp (n, "count") == 0
          || strcmp (n, "active_count") == 0 || strcmp (n, "kind") == 0)
        {
          long stacks;
          double gb = package_hbm_gb (&s->package, &stacks);
          if (!s->accel.wafer_scale && stacks > 0)
            s->accel.mem_capacity_gb = gb;
        }
      return GP_OK;
    default:
      return GP_OK;
    }
}

/* Check a candidate design: the table ranges, then the model's cross-checks. */
static gp_status
validate_candidate (GpSubject subject, const gp_system *s, const gp_study *st, gp_error *err)
{
  if (gp_subject_is_study (subject))
    {
      if (subject == GP_SUBJECT_WORKLOAD)
        return gp_workload_validate (&st->workload, err);
      return gp_params_validate (gp_subject_table (subject),
                                 gp_subject_target (subject, NULL, (gp_study *) st, -1), err);
    }
  return gp_system_validate (s, err);
}

typedef enum { APPLY_NEW, APPLY_UNDO, APPLY_REDO } ApplyKind;

/* Set REF to VALUE (or the string SVALUE for STRING parameters) on a copy, validate it,
 * then commit, record for undo (APPLY_NEW), re-evaluate and emit. */
static gboolean
apply_change (GpSession *self, const GpParamRef *ref, double value, const char *svalue,
              ApplyKind kind, GError **error)
{
  Entry *e = NULL;
  void *live = ref_target (self, ref, &e);
  if (live == NULL)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND, "%s: no such parameter",
                   ref && ref->param ? ref->param->name : "(null)");
      return FALSE;
    }
  const gp_param *p = ref->param;
  gboolean study = gp_subject_is_study (ref->subject);
  g_autofree gp_system *s = g_new0 (gp_system, 1);
  g_autofree gp_study *st = g_new0 (gp_study, 1);
  if (e)
    *s = e->pub.system;
  *st = self->study;
  void *obj = gp_subject_target (ref->subject, e ? s : NULL, st, ref->part);

  double old_value = p->type == GP_PARAM_STRING ? NAN : gp_param_get (p, obj);
  g_autofree char *old_string = p->type == GP_PARAM_STRING
                                  ? g_strndup ((const char *) obj + p->offset, p->string_size)
                                  : NULL;
  if (p->type == GP_PARAM_STRING ? g_strcmp0 (old_string, svalue) == 0 : old_value == value)
    return TRUE;

  gp_error err = { 0 };
  gp_status status = p->type == GP_PARAM_STRING ? gp_param_set_string (p, obj, svalue, &err)
                                                : gp_param_set (p, obj, value, &err);
  if (status == GP_OK && e)
    status = apply_linked (self, s, ref, value, &err);
  if (status == GP_OK)
    status = validate_candidate (ref->subject, s, st, &err);
  if (status != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }

  if (kind == APPLY_NEW)
    {
      GpUndoEntry u = { study ? 0 : ref->system_id, ref->subject, ref->part, p,
                        old_value, value, old_string, (char *) svalue,
                        g_get_monotonic_time () };
      gp_undo_stack_push (self->undo, &u, UNDO_MERGE_US);
    }

  gboolean prep = gp_param_needs_prepare (ref->subject, p);
  gboolean search = gp_param_needs_search (ref->subject, p);
  if (study)
    {
      self->study = *st;
      invalidate_all (self, prep, search);
    }
  else
    {
      e->pub.system = *s;
      invalidate_entry (e, prep, search);
    }
  recompute (self, 0);
  return TRUE;
}

gboolean
gp_session_set_value (GpSession *self, const GpParamRef *ref, double value, GError **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  if (ref && ref->param && ref->param->type == GP_PARAM_STRING)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_EINVAL, "%s: expects text", ref->param->name);
      return FALSE;
    }
  return apply_change (self, ref, value, NULL, APPLY_NEW, error);
}

gboolean
gp_session_set_string (GpSession *self, const GpParamRef *ref, const char *value,
                       GError **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  if (ref && ref->param && ref->param->type == GP_PARAM_ENUM)
    {
      int idx = gp_enum_lookup (ref->param->enum_names, value ? value : "");
      if (idx < 0)
        {
          g_set_error (error, GP_SESSION_ERROR, GP_EINVAL, "%s: '%s' is not one of its choices",
                       ref->param->name, value ? value : "");
          return FALSE;
        }
      return apply_change (self, ref, idx, NULL, APPLY_NEW, error);
    }
  if (ref && ref->param && ref->param->type != GP_PARAM_STRING)
    {
      gp_error err = { 0 };
      double v;
      if (gp_param_parse (ref->param, value, &v, &err) != GP_OK)
        {
          gp_session_set_error (error, &err);
          return FALSE;
        }
      return apply_change (self, ref, v, NULL, APPLY_NEW, error);
    }
  return apply_change (self, ref, NAN, value ? value : "", APPLY_NEW, error);
}

gboolean
gp_session_get_preset_value (GpSession *self, const GpParamRef *ref, double *value)
{
  Entry *e = NULL;
  if (ref_target (self, ref, &e) == NULL || ref->param->type == GP_PARAM_STRING)
    return FALSE;
  g_autofree gp_study *st = g_new0 (gp_study, 1);
  *st = self->preset_study;
  void *obj = gp_subject_target (ref->subject, e ? &e->pub.preset : NULL, st, ref->part);
  if (obj == NULL)
    return FALSE;
  *value = gp_param_get (ref->param, obj);
  return TRUE;
}

gboolean
gp_session_reset_value (GpSession *self, const GpParamRef *ref, GError **error)
{
  double v;
  if (!gp_session_get_preset_value (self, ref, &v))
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND, "%s: no preset value to reset to",
                   ref && ref->param ? ref->param->name : "(null)");
      return FALSE;
    }
  return gp_session_set_value (self, ref, v, error);
}

/* The sub-table of a systems.lua entry that holds SUBJECT's fields (NULL: flat keys). */
static const char *
system_subtable (GpSubject subject)
{
  switch (subject)
    {
    case GP_SUBJECT_PACKAGE: return "package";
    case GP_SUBJECT_ACCEL: return "accel";
    case GP_SUBJECT_TOPOLOGY: return "topology";
    case GP_SUBJECT_LINK: return "link";
    case GP_SUBJECT_FAILURE: return "failure";
    case GP_SUBJECT_SYSTEM_CARBON: return "carbon";
    default: return NULL;
    }
}

/* Where a value's citation lives: the system preset's own sub-table first (presets
 * override fields of the files they start from), then the data file of the named
 * sub-preset, then the system entry's flat sources. */
char *
gp_session_dup_source (GpSession *self, const GpParamRef *ref)
{
  Entry *e = NULL;
  if (ref_target (self, ref, &e) == NULL)
    return NULL;
  const char *pname = ref->param->name;
  const gp_study *st = &self->preset_study;
  GpSources *src = self->sources;
  char *r = NULL;
  if (e)
    {
      const gp_system *s = &e->pub.preset;
      const char *sub = system_subtable (ref->subject);
      if (sub)
        r = gp_sources_lookup (src, "systems.lua", "systems", e->pub.preset_name, sub, NULL,
                               pname);
      if (r == NULL)
        switch (ref->subject)
          {
          case GP_SUBJECT_PACKAGE:
            r = gp_sources_lookup (src, "packages.lua", "packages", s->package.name, NULL, NULL,
                                   pname);
            break;
          case GP_SUBJECT_PART:
            if (ref->part >= 0 && ref->part < s->package.n_parts)
              r = gp_sources_lookup (src, "packages.lua", "packages", s->package.name, "parts",
                                     s->package.parts[ref->part].name, pname);
            break;
          case GP_SUBJECT_TOPOLOGY:
            r = gp_sources_lookup (src, "topologies.lua", "topologies", s->topology.name, NULL,
                                   NULL, pname);
            break;
          case GP_SUBJECT_LINK:
            r = gp_sources_lookup (src, "links.lua", "links", s->link.name, NULL, NULL, pname);
            break;
          case GP_SUBJECT_FAILURE:
            r = gp_sources_lookup (src, "failures.lua", "failures", s->failure.name, NULL, NULL,
                                   pname);
            break;
          case GP_SUBJECT_SYSTEM_CARBON:
            r = gp_sources_lookup (src, "carbon.lua", "systems", s->carbon.name, NULL, NULL,
                                   pname);
            break;
          default:
            break;
          }
      if (r == NULL && (ref->subject == GP_SUBJECT_SYSTEM || ref->subject == GP_SUBJECT_ACCEL))
        r = gp_sources_lookup (src, "systems.lua", "systems", e->pub.preset_name, NULL, NULL,
                               pname);
      return r;
    }
  switch (ref->subject)
    {
    case GP_SUBJECT_WORKLOAD:
      return gp_sources_lookup (src, "workloads.lua", "workloads", st->workload.name, NULL,
                                NULL, pname);
    case GP_SUBJECT_STUDY_CARBON:
      return gp_sources_lookup (src, "carbon.lua", NULL, "carbon", NULL, NULL, pname);
    case GP_SUBJECT_STUDY:
      return gp_sources_lookup (src, "comparison.lua", NULL, "study", NULL, NULL, pname);
    default:
      return NULL;
    }
}

static gboolean
apply_undo_entry (GpSession *self, const GpUndoEntry *u, gboolean redo)
{
  GpParamRef ref = { u->subject, u->system_id, u->part, u->param };
  if (ref_target (self, &ref, NULL) == NULL)
    return FALSE; /* its system was removed: skip it */
  g_autoptr (GError) error = NULL;
  gboolean ok = apply_change (self, &ref, redo ? u->new_value : u->old_value,
                              redo ? u->new_string : u->old_string,
                              redo ? APPLY_REDO : APPLY_UNDO, &error);
  if (!ok)
    g_warning ("glasspane: cannot %s %s: %s", redo ? "redo" : "undo", u->param->name,
               error->message);
  return ok;
}

gboolean
gp_session_undo (GpSession *self)
{
  const GpUndoEntry *u;
  while ((u = gp_undo_stack_undo (self->undo)) != NULL)
    if (apply_undo_entry (self, u, FALSE))
      {
        update_flags (self);
        return TRUE;
      }
  update_flags (self);
  return FALSE;
}

gboolean
gp_session_redo (GpSession *self)
{
  const GpUndoEntry *u;
  while ((u = gp_undo_stack_redo (self->undo)) != NULL)
    if (apply_undo_entry (self, u, TRUE))
      {
        update_flags (self);
        return TRUE;
      }
  update_flags (self);
  return FALSE;
}

gboolean
gp_session_replace_system (GpSession *self, guint id, const gp_system *system, GError **error)
{
  Entry *e = find_entry (self, id);
  g_return_val_if_fail (e != NULL && system != NULL, FALSE);
  gp_error err = { 0 };
  if (gp_system_validate (system, &err) != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }
  if (memcmp (&e->pub.system, system, sizeof *system) == 0)
    return TRUE;
  e->pub.system = *system;
  self->structure_dirty = TRUE;
  invalidate_entry (e, TRUE, TRUE);
  recompute (self, GP_SESSION_CHANGED_STRUCTURE);
  return TRUE;
}

gboolean
gp_session_replace_study (GpSession *self, const gp_study *study, GError **error)
{
  gp_error err = { 0 };
  if (gp_workload_validate (&study->workload, &err) != GP_OK
      || gp_params_validate (&gp_study_param_table, study, &err) != GP_OK
      || gp_params_validate (&gp_carbon_param_table, &study->carbon, &err) != GP_OK
      || gp_params_validate (&gp_search_param_table, &study->search, &err) != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }
  if (memcmp (&self->study, study, sizeof *study) == 0)
    return TRUE;
  self->study = *study;
  self->structure_dirty = TRUE;
  invalidate_all (self, TRUE, TRUE);
  recompute (self, GP_SESSION_CHANGED_STRUCTURE);
  return TRUE;
}

void
gp_session_cancel (GpSession *self)
{
  if (self->search_cancel)
    g_cancellable_cancel (self->search_cancel);
  if (self->sweep_cancel)
    g_cancellable_cancel (self->sweep_cancel);
  if (self->uq_cancel)
    g_cancellable_cancel (self->uq_cancel);
  g_clear_object (&self->search_cancel);
  g_clear_object (&self->sweep_cancel);
  g_clear_object (&self->uq_cancel);
  g_clear_handle_id (&self->search_idle, g_source_remove);
  g_clear_handle_id (&self->sweep_timeout, g_source_remove);
  g_clear_handle_id (&self->uq_timeout, g_source_remove);
  self->searching = self->sweeping = self->uq_running = FALSE;
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      if (e->pub.state == GP_SYSTEM_PENDING && e->needs_search)
        {
          e->needs_search = FALSE;
          e->pub.state = e->pub.have_result ? GP_SYSTEM_OK : GP_SYSTEM_ERROR;
          if (!e->pub.have_result)
            {
              e->pub.status = GP_ECANCELLED;
              g_strlcpy (e->pub.message, "plan search cancelled", sizeof e->pub.message);
            }
        }
    }
  update_flags (self);
}

static gboolean
wait_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gp_session_wait_idle (GpSession *self, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, wait_timeout, &timed_out);
  while ((self->searching || self->sweeping || self->search_idle || self->uq_running)
         && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

void
gp_session_set_synchronous (GpSession *self, gboolean synchronous)
{
  self->synchronous = synchronous;
  if (synchronous)
    self->uq_auto = FALSE;
}

/* ---- uncertainty job ---- */

typedef struct {
  guint id;
  gp_system system;
  gp_plan plan;
  gboolean is_base;
  GpUqStats stats;
} UqItem;

/* A system's count sweep, for its bands. */
typedef struct {
  guint id, serial, scaling_serial;
  gp_system system;
  GpScaling scaling;
  GpUqCountBands bands;
} BandItem;

typedef struct {
  GpUqContext ctx;
  gp_study study;
  guint epoch;
  gboolean do_stats, do_tornado, do_be;
  UqItem *items;           /* do_stats: every system with a plan */
  guint n;
  gp_system *base;         /* NULL when the baseline has no plan */
  gp_plan base_plan;
  guint tornado_id;
  gp_system *tornado_sys;
  gp_plan tornado_plan;
  GpUqTornado tornado;
  guint lite_id, base_id;
  gp_system *lite;
  gp_plan lite_plan;
  GpUqBreakEven be;
  gboolean do_bands;
  guint scaling_gen;
  BandItem *band_items;
  guint n_bands;
  GCancellable *cancellable;
} UqJob;

static void
uq_job_free (gpointer data)
{
  UqJob *j = data;
  g_free (j->items);
  g_free (j->base);
  g_free (j->tornado_sys);
  g_free (j->lite);
  g_free (j->band_items);
  g_clear_object (&j->cancellable);
  g_free (j);
}

/* Share of the job's time each part takes, for the progress bar: a Monte Carlo sample of
 * a pair is about one break-even band sample, the tornado 2 k + 1 evaluations; a count
 * band sample evaluates one system, about half that, but is counted as one (the progress
 * bar may then run slow in the bands, never past the end). */
static void
uq_job_run (UqJob *j)
{
  double w_stats = j->do_stats ? (double) j->n * j->ctx.samples : 0;
  double w_be = j->do_be ? (double) GP_UQ_SWEEP_POINTS * j->ctx.band_samples + 300 : 0;
  double w_tor = j->do_tornado ? 2.0 * (double) j->ctx.n_inputs + 1 : 0;
  double w_bands = 0;
  for (guint i = 0; j->do_bands && i < j->n_bands; i++)
    w_bands += (double) j->band_items[i].scaling.n * j->ctx.band_samples;
  double total = MAX (w_stats + w_be + w_tor + w_bands, 1), at = 0;
  for (guint i = 0; j->do_stats && i < j->n; i++)
    {
      UqItem *it = &j->items[i];
      if (g_cancellable_is_cancelled (j->cancellable))
        return;
      j->ctx.progress_lo = at / total;
      at += (double) j->ctx.samples;
      j->ctx.progress_hi = at / total;
      gp_uq_job_stats (&j->ctx, &it->system, &it->plan, it->is_base ? NULL : j->base,
                       it->is_base ? NULL : &j->base_plan, &it->stats);
    }
  if (j->do_tornado && !g_cancellable_is_cancelled (j->cancellable))
    {
      j->ctx.progress_lo = at / total;
      at += w_tor;
      j->ctx.progress_hi = at / total;
      gp_uq_job_tornado (&j->ctx, j->tornado_sys, &j->tornado_plan, &j->tornado);
      j->tornado.system_id = j->tornado_id;
    }
  if (j->do_be && !g_cancellable_is_cancelled (j->cancellable))
    {
      j->ctx.progress_lo = at / total;
      at += w_be;
      j->ctx.progress_hi = at / total;
      gp_uq_job_break_even (&j->ctx, j->lite, &j->lite_plan, j->base, &j->base_plan, &j->be);
      j->be.lite_id = j->lite_id;
      j->be.base_id = j->base_id;
    }
  for (guint i = 0; j->do_bands && i < j->n_bands; i++)
    {
      BandItem *it = &j->band_items[i];
      if (g_cancellable_is_cancelled (j->cancellable))
        return;
      j->ctx.progress_lo = at / total;
      at += (double) it->scaling.n * j->ctx.band_samples;
      j->ctx.progress_hi = at / total;
      gp_uq_job_count_bands (&j->ctx, &it->system, it->scaling.n, it->scaling.accelerators,
                             it->scaling.plan, it->scaling.ok, &it->bands);
    }
}

static void
uq_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  uq_job_run (data);
  g_task_return_boolean (task, TRUE);
}

static void
uq_install (GpSession *self, UqJob *j)
{
  if (j->epoch != self->uq_epoch || g_cancellable_is_cancelled (j->cancellable))
    return;
  if (j->do_stats)
    {
      for (guint i = 0; i < j->n; i++)
        {
          Entry *e = find_entry (self, j->items[i].id);
          if (e)
            e->pub.uq = j->items[i].stats;
        }
      self->stats_epoch = j->epoch;
    }
  if (j->do_tornado)
    {
      *self->tornado = j->tornado;
      self->tornado_epoch = j->epoch;
    }
  if (j->do_be)
    {
      *self->be = j->be;
      self->be_epoch = j->epoch;
    }
  if (j->do_bands)
    {
      /* A sweep that came in meanwhile wins: its entry keeps no bands, and scaling_gen
       * has moved on, so the bands are run again. */
      for (guint i = 0; i < j->n_bands; i++)
        {
          Entry *e = find_entry (self, j->band_items[i].id);
          if (e && e->serial == j->band_items[i].serial
              && e->scaling_serial == j->band_items[i].scaling_serial)
            e->pub.bands = j->band_items[i].bands;
        }
      self->bands_epoch = j->epoch;
      self->bands_gen = j->scaling_gen;
    }
}

/* The Lite-GPU system of the break-even chart: the selected one when it is a Lite-GPU
 * system with an optical scale-up fabric, else the first such system; never the
 * baseline. */
static Entry *
break_even_entry (GpSession *self)
{
  Entry *sel = find_entry (self, self->selected_id), *first = NULL;
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      const gp_system *s = &e->pub.system;
      if (e->pub.id == self->baseline_id || !e->pub.have_plan || e->pub.state != GP_SYSTEM_OK
          || s->sys.family != GP_FAMILY_LITE_GPU || !s->sys.use_scaleup_link
          || s->link.medium != GP_LINK_OPTICAL)
        continue;
      if (e == sel)
        return e;
      if (first == NULL)
        first = e;
    }
  return first;
}

static gboolean
uq_tornado_stale (GpSession *self)
{
  return self->tornado_epoch != self->uq_epoch || self->tornado->system_id != self->selected_id;
}

/* The bands are for one epoch and one set of sweeps. */
static gboolean
bands_stale (GpSession *self)
{
  return self->bands_epoch != self->uq_epoch || self->bands_gen != self->scaling_gen;
}

static void
uq_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GpSession *self = GP_SESSION (source);
  UqJob *j = g_task_get_task_data (G_TASK (res));
  if (j->cancellable != self->uq_cancel)
    return; /* superseded or cancelled */
  g_clear_object (&self->uq_cancel);
  self->uq_running = FALSE;
  uq_install (self, j);
  emit_changed (self, GP_SESSION_CHANGED_UNCERTAINTY);
  /* The selection may have moved on while it ran, or a sweep come in. */
  if (self->uq_auto && uq_stale (self))
    schedule_uq (self);
}

static gboolean
uq_start (gpointer data)
{
  GpSession *self = data;
  self->uq_timeout = 0;
  if (self->searching || self->search_idle)
    {
      /* The search's end schedules the run again; until then nothing is running. */
      self->uq_running = FALSE;
      update_flags (self);
      return G_SOURCE_REMOVE;
    }
  if (self->uq_cancel)
    {
      g_cancellable_cancel (self->uq_cancel);
      g_clear_object (&self->uq_cancel);
    }
  UqJob *j = g_new0 (UqJob, 1);
  j->study = self->study;
  j->ctx.study = &j->study;
  j->ctx.nodes = self->nodes;
  j->ctx.n_nodes = self->n_nodes;
  j->ctx.inputs = self->uq_inputs;
  j->ctx.n_inputs = self->n_uq_inputs;
  j->ctx.samples = self->uq_samples;
  j->ctx.band_samples = self->uq_band_samples;
  j->ctx.seed = 1;
  j->ctx.permille = &self->progress_permille;
  j->epoch = self->uq_epoch;

  Entry *base = find_entry (self, self->baseline_id);
  if (base && base->pub.have_plan && base->pub.state == GP_SYSTEM_OK)
    {
      j->base = g_new (gp_system, 1);
      *j->base = base->pub.system;
      j->base_plan = base->pub.plan;
    }
  if (self->stats_epoch != self->uq_epoch)
    {
      j->items = g_new0 (UqItem, MAX (self->systems->len, 1));
      for (guint i = 0; i < self->systems->len; i++)
        {
          Entry *e = self->systems->pdata[i];
          if (!e->pub.have_plan || e->pub.state != GP_SYSTEM_OK)
            {
              g_strlcpy (e->pub.uq.message, "no evaluated plan yet", sizeof e->pub.uq.message);
              continue;
            }
          UqItem *it = &j->items[j->n++];
          it->id = e->pub.id;
          it->system = e->pub.system;
          it->plan = e->pub.plan;
          it->is_base = e == base || j->base == NULL;
        }
      j->do_stats = TRUE;
    }
  Entry *sel = find_entry (self, self->selected_id);
  if (uq_tornado_stale (self) && sel)
    {
      if (sel->pub.have_plan && sel->pub.state == GP_SYSTEM_OK)
        {
          j->do_tornado = TRUE;
          j->tornado_id = sel->pub.id;
          j->tornado_sys = g_new (gp_system, 1);
          *j->tornado_sys = sel->pub.system;
          j->tornado_plan = sel->pub.plan;
        }
      else
        {
          memset (self->tornado, 0, sizeof *self->tornado);
          self->tornado->system_id = sel->pub.id;
          g_strlcpy (self->tornado->message, "the system has no evaluated plan",
                     sizeof self->tornado->message);
          self->tornado_epoch = self->uq_epoch;
        }
    }
  if (self->be_epoch != self->uq_epoch)
    {
      Entry *lite = break_even_entry (self);
      if (lite && j->base)
        {
          j->do_be = TRUE;
          j->lite_id = lite->pub.id;
          j->base_id = base->pub.id;
          j->lite = g_new (gp_system, 1);
          *j->lite = lite->pub.system;
          j->lite_plan = lite->pub.plan;
        }
      else
        {
          memset (self->be, 0, sizeof *self->be);
          g_strlcpy (self->be->message,
                     j->base ? "no Lite-GPU system with an optical fabric besides the baseline"
                             : "the baseline has no evaluated plan",
                     sizeof self->be->message);
          self->be_epoch = self->uq_epoch;
        }
    }
  /* The bands wait for the count sweep (its end schedules the run again). */
  if (bands_stale (self) && !self->sweeping)
    {
      j->scaling_gen = self->scaling_gen;
      j->band_items = g_new0 (BandItem, MAX (self->systems->len, 1));
      for (guint i = 0; i < self->systems->len; i++)
        {
          Entry *e = self->systems->pdata[i];
          if (!e->pub.have_scaling)
            {
              g_strlcpy (e->pub.bands.message, "no accelerator-count sweep yet",
                         sizeof e->pub.bands.message);
              continue;
            }
          BandItem *it = &j->band_items[j->n_bands++];
          it->id = e->pub.id;
          it->serial = e->serial;
          it->scaling_serial = e->scaling_serial;
          it->system = e->pub.system;
          it->scaling = e->pub.scaling;
        }
      j->do_bands = j->n_bands > 0;
      if (!j->do_bands)
        {
          self->bands_epoch = self->uq_epoch;
          self->bands_gen = self->scaling_gen;
        }
    }
  if (!j->do_stats && !j->do_tornado && !j->do_be && !j->do_bands)
    {
      uq_job_free (j);
      self->uq_running = FALSE;
      update_flags (self);
      return G_SOURCE_REMOVE;
    }
  j->cancellable = g_cancellable_new ();
  j->ctx.cancellable = j->cancellable;
  g_atomic_int_set (&self->progress_permille, 0);
  self->uq_cancel = g_object_ref (j->cancellable);
  self->uq_running = TRUE;
  update_flags (self);

  if (self->synchronous)
    {
      uq_job_run (j);
      g_clear_object (&self->uq_cancel);
      self->uq_running = FALSE;
      uq_install (self, j);
      uq_job_free (j);
      emit_changed (self, GP_SESSION_CHANGED_UNCERTAINTY);
      return G_SOURCE_REMOVE;
    }
  g_autoptr (GTask) task = g_task_new (self, j->cancellable, uq_done, NULL);
  g_task_set_source_tag (task, uq_start);
  g_task_set_task_data (task, j, uq_job_free);
  g_task_run_in_thread (task, uq_thread);
  return G_SOURCE_REMOVE;
}

static gboolean
uq_stale (GpSession *self)
{
  return self->stats_epoch != self->uq_epoch || self->be_epoch != self->uq_epoch
         || bands_stale (self) || uq_tornado_stale (self);
}

static void
schedule_uq (GpSession *self)
{
  if (!self->uq_auto || self->n_uq_inputs == 0 || self->systems->len == 0 || !uq_stale (self))
    return;
  if (self->synchronous)
    {
      uq_start (self);
      return;
    }
  if (self->uq_cancel && self->stats_epoch != self->uq_epoch)
    {
      /* Running on values that are gone: stop it now rather than after it ends. */
      g_cancellable_cancel (self->uq_cancel);
      g_clear_object (&self->uq_cancel);
    }
  else if (self->uq_cancel)
    return; /* still current: its end schedules what else is stale */
  g_clear_handle_id (&self->uq_timeout, g_source_remove);
  self->uq_timeout = g_timeout_add (UQ_DELAY_MS, uq_start, self);
  self->uq_running = TRUE; /* pending: the charts say "computing" */
  update_flags (self);
}

/* Every result is stale: a value, the baseline or the set of systems changed. */
static void
uq_invalidate (GpSession *self)
{
  self->uq_epoch++;
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      e->pub.uq.valid = FALSE;
      e->pub.uq.message[0] = '\0';
      e->pub.bands.valid = FALSE;
      e->pub.bands.message[0] = '\0';
    }
  self->tornado->valid = FALSE;
  self->be->valid = FALSE;
  if (self->uq_cancel)
    {
      g_cancellable_cancel (self->uq_cancel);
      g_clear_object (&self->uq_cancel);
      self->uq_running = FALSE;
    }
}

const gp_uq_input *
gp_session_get_uq_inputs (GpSession *self, size_t *n)
{
  if (n)
    *n = self->n_uq_inputs;
  return self->uq_inputs;
}

void
gp_session_set_uq_inputs (GpSession *self, const gp_uq_input *inputs, size_t n)
{
  /* malloc'd like the loader's array, so finalize's free() fits both */
  gp_uq_input *copy = n ? malloc (n * sizeof *inputs) : NULL;
  if (n && copy == NULL)
    return;
  if (n)
    memcpy (copy, inputs, n * sizeof *inputs);
  free (self->uq_inputs);
  self->uq_inputs = copy;
  self->n_uq_inputs = copy ? n : 0;
  uq_invalidate (self);
  schedule_uq (self);
}

void
gp_session_set_uncertainty_samples (GpSession *self, long samples, long band_samples)
{
  self->uq_samples = MAX (samples, 2);
  self->uq_band_samples = MAX (band_samples, 2);
  uq_invalidate (self);
  schedule_uq (self);
}

long
gp_session_get_uncertainty_samples (GpSession *self)
{
  return self->uq_samples;
}

long
gp_session_get_uncertainty_band_samples (GpSession *self)
{
  return self->uq_band_samples;
}

void
gp_session_set_uncertainty_auto (GpSession *self, gboolean automatic)
{
  self->uq_auto = automatic;
  if (automatic)
    schedule_uq (self);
}

void
gp_session_run_uncertainty (GpSession *self)
{
  if (self->n_uq_inputs == 0 || self->systems->len == 0)
    return;
  if (self->synchronous)
    {
      uq_start (self);
      return;
    }
  gboolean was = self->uq_auto;
  self->uq_auto = TRUE;
  schedule_uq (self);
  self->uq_auto = was;
}

gboolean
gp_session_get_evaluating (GpSession *self)
{
  return self->searching || self->sweeping;
}

gboolean
gp_session_get_uncertainty_running (GpSession *self)
{
  return self->uq_running;
}

const GpUqTornado *
gp_session_get_tornado (GpSession *self)
{
  return self->tornado;
}

const GpUqBreakEven *
gp_session_get_break_even (GpSession *self)
{
  return self->be;
}

/* ---- optimisation ---- */

typedef struct {
  GpUqContext ctx;
  gp_study study;
  gp_system system;
  gp_plan plan;
  GpOptimiseSpec spec;
  GpOptimum result;
} OptJob;

static void
opt_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  OptJob *j = data;
  j->ctx.cancellable = cancellable;
  if (gp_uq_job_minimize (&j->ctx, &j->system, &j->plan, &j->spec, &j->result))
    g_task_return_boolean (task, TRUE);
  else if (g_cancellable_is_cancelled (cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "optimisation cancelled");
  else
    g_task_return_new_error (task, GP_SESSION_ERROR, GP_EINVAL, "%s", j->result.message);
}

void
gp_session_optimise_async (GpSession *self, guint id, const GpOptimiseSpec *spec,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_return_if_fail (GP_IS_SESSION (self) && spec != NULL);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gp_session_optimise_async);
  Entry *e = find_entry (self, id);
  if (e == NULL || !e->pub.have_plan || e->pub.state != GP_SYSTEM_OK)
    {
      g_task_return_new_error (task, GP_SESSION_ERROR, GP_EINVAL,
                               "the system has no evaluated plan yet: wait for its search");
      return;
    }
  OptJob *j = g_new0 (OptJob, 1);
  j->study = self->study;
  j->system = e->pub.system;
  j->plan = e->pub.plan;
  j->spec = *spec;
  j->ctx.study = &j->study;
  j->ctx.nodes = self->nodes; /* the task holds the session */
  j->ctx.n_nodes = self->n_nodes;
  j->ctx.progress_lo = 0;
  j->ctx.progress_hi = 1;
  g_task_set_task_data (task, j, g_free);
  /* Always a worker, even in synchronous mode: the caller's callback runs from the main
   * loop either way. */
  g_task_run_in_thread (task, opt_thread);
}

gboolean
gp_session_optimise_finish (GpSession *self, GAsyncResult *result, GpOptimum *out,
                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  OptJob *j = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *out = j->result;
  return TRUE;
}

gboolean
gp_session_path_ref (GpSession *self, guint id, const char *path, GpParamRef *ref,
                     GError **error)
{
  Entry *e = find_entry (self, id);
  if (e == NULL)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND, "no system with id %u", id);
      return FALSE;
    }
  gp_syspath_target t = { &e->pub.system, &self->study, NULL, 0 };
  gp_syspath_ref r;
  gp_error err = { 0 };
  if (gp_syspath_resolve (&t, path, &r, &err) != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }
  gp_system *s = &e->pub.system;
  const void *o = r.owner;
  GpSubject subject;
  int part = -1;
  if (o == &s->sys)
    subject = GP_SUBJECT_SYSTEM;
  else if (o == &s->package)
    subject = GP_SUBJECT_PACKAGE;
  else if ((const char *) o >= (const char *) &s->package.parts[0]
           && (const char *) o < (const char *) &s->package.parts[GP_PACKAGE_PARTS_MAX])
    {
      subject = GP_SUBJECT_PART;
      part = (int) (((const char *) o - (const char *) &s->package.parts[0])
                    / (ptrdiff_t) sizeof s->package.parts[0]);
    }
  else if (o == &s->accel)
    subject = GP_SUBJECT_ACCEL;
  else if (o == &s->topology)
    subject = GP_SUBJECT_TOPOLOGY;
  else if (o == &s->link)
    subject = GP_SUBJECT_LINK;
  else if (o == &s->failure)
    subject = GP_SUBJECT_FAILURE;
  else if (o == &s->carbon)
    subject = GP_SUBJECT_SYSTEM_CARBON;
  else if (o == &self->study.workload)
    subject = GP_SUBJECT_WORKLOAD;
  else if (o == &self->study.carbon)
    subject = GP_SUBJECT_STUDY_CARBON;
  else if (o == &self->study.search)
    subject = GP_SUBJECT_SEARCH;
  else if (o == &self->study)
    subject = GP_SUBJECT_STUDY;
  else
    {
      g_set_error (error, GP_SESSION_ERROR, GP_EINVAL,
                   "%s: not a parameter of the design (node table entries are shared data)",
                   path);
      return FALSE;
    }
  *ref = gp_param_ref (subject, id, part, r.param->name);
  if (ref->param == NULL)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND, "%s: no such parameter", path);
      return FALSE;
    }
  return TRUE;
}

gboolean
gp_session_apply_optimum (GpSession *self, guint id, const GpOptimiseSpec *spec,
                          const GpOptimum *opt, GError **error)
{
  g_return_val_if_fail (spec && opt, FALSE);
  if (!opt->ok)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_EINVAL, "no optimum to apply");
      return FALSE;
    }
  for (int i = 0; i < spec->n_vars; i++)
    {
      GpParamRef ref;
      if (!gp_session_path_ref (self, id, spec->path[i], &ref, error)
          || !gp_session_set_value (self, &ref, opt->x[i], error))
        return FALSE;
    }
  return TRUE;
}
