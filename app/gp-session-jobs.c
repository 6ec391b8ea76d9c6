/* gp-session-jobs.c: the session's background work on systems: plan searches and the
 * accelerator-count sweep, each on copies in a GTask worker, installed only if the system
 * has not changed since; and the re-evaluation every change starts. */
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

/* The scaling sweep waits this long after the last change before it starts. */
#define SWEEP_DELAY_MS 250

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
      Entry *e = gp_session_find_entry (self, it->id);
      if (e == NULL || e->serial != it->serial || it->status == GP_ECANCELLED)
        continue;
      e->needs_search = FALSE;
      if (it->status == GP_OK)
        {
          e->pub.plan = it->plan;
          e->pub.have_plan = TRUE;
          gp_session_entry_evaluate (self, e);
        }
      else
        {
          gp_session_set_entry_error (e, &it->err);
          gp_session_entry_fill_hardware (self, e);
        }
    }
}

static void
search_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GpSession *self = (GpSession *) source; /* the task's source object */
  GTask *task = G_TASK (res);
  SearchJob *j = g_task_get_task_data (task);
  if (j->cancellable != self->search_cancel)
    return; /* superseded: a newer search owns the state */
  g_clear_object (&self->search_cancel);
  self->searching = FALSE;
  search_install (self, j);
  gp_session_emit_changed (self, GP_SESSION_CHANGED_VALUES);
  gp_session_schedule_sweep (self);
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
      gp_session_update_flags (self);
      gp_session_schedule_sweep (self);
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
  gp_session_update_flags (self);

  if (self->synchronous)
    {
      search_job_run (j);
      g_clear_object (&self->search_cancel);
      self->searching = FALSE;
      search_install (self, j);
      search_job_free (j);
      gp_session_emit_changed (self, GP_SESSION_CHANGED_VALUES);
      gp_session_schedule_sweep (self);
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
      Entry *e = gp_session_find_entry (self, j->items[i].id);
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
  GpSession *self = (GpSession *) source; /* the task's source object */
  SweepJob *j = g_task_get_task_data (G_TASK (res));
  if (j->cancellable != self->sweep_cancel)
    return;
  g_clear_object (&self->sweep_cancel);
  self->sweeping = FALSE;
  if (!g_cancellable_is_cancelled (j->cancellable))
    {
      sweep_install (self, j);
      gp_session_emit_changed (self, GP_SESSION_CHANGED_SCALING);
      gp_session_schedule_uq (self); /* the bands over the new sweep */
    }
  else
    gp_session_update_flags (self);
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
  gp_session_update_flags (self);

  if (self->synchronous)
    {
      sweep_job_run (j);
      g_clear_object (&self->sweep_cancel);
      self->sweeping = FALSE;
      sweep_install (self, j);
      sweep_job_free (j);
      gp_session_emit_changed (self, GP_SESSION_CHANGED_SCALING);
      gp_session_schedule_uq (self);
      return G_SOURCE_REMOVE;
    }
  g_autoptr (GTask) task = g_task_new (self, j->cancellable, sweep_done, NULL);
  g_task_set_source_tag (task, sweep_start);
  g_task_set_task_data (task, j, sweep_job_free);
  g_task_run_in_thread (task, sweep_thread);
  return G_SOURCE_REMOVE;
}

void
gp_session_schedule_sweep (GpSession *self)
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
  gp_session_update_flags (self);
  gp_session_schedule_uq (self);
}

gboolean
gp_session_progress_tick (gpointer data)
{
  GpSession *self = data;
  if (self->searching || self->sweeping || self->uq_running)
    g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_PROGRESS]);
  return G_SOURCE_CONTINUE;
}

/* ---- recompute after a change ---- */

/* Evaluate every system (those whose prepare is stale re-prepare), then start searches. */
void
gp_session_recompute (GpSession *self, GpSessionChange what)
{
  gp_session_uq_invalidate (self);
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *e = self->systems->pdata[i];
      gp_session_entry_evaluate (self, e);
    }
  gp_session_emit_changed (self, what | GP_SESSION_CHANGED_VALUES);
  schedule_search (self);
  if (!self->searching)
    gp_session_schedule_sweep (self);
}
