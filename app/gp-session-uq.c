/* gp-session-uq.c: the uncertainty study the explorer runs after a change settles (Monte
 * Carlo per system against the baseline, tornado, break-even, bands on the count sweep) and
 * the optimiser, all in GTask workers on copies (gp-uncertainty-jobs.c). */
#include <math.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gp-die.h"
#include "gp-lua-uncertainty.h"
#include "gp-presets.h"
#include "gp-session-private.h"
#include "gp-sources.h"
#include "gp-undo.h"
#include "gp-wafer.h"
#include "gp-yield.h"

/* The uncertainty runs wait longer: a drag of a spin button should not start one per step. */
#define UQ_DELAY_MS 600

G_STATIC_ASSERT (GP_SCALING_POINTS <= GP_UQ_COUNT_POINTS);

static gboolean uq_stale (GpSession *self);

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
          Entry *e = gp_session_find_entry (self, j->items[i].id);
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
          Entry *e = gp_session_find_entry (self, j->band_items[i].id);
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
  Entry *sel = gp_session_find_entry (self, self->selected_id), *first = NULL;
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
  GpSession *self = (GpSession *) source; /* the task's source object */
  UqJob *j = g_task_get_task_data (G_TASK (res));
  if (j->cancellable != self->uq_cancel)
    return; /* superseded or cancelled */
  g_clear_object (&self->uq_cancel);
  self->uq_running = FALSE;
  uq_install (self, j);
  gp_session_emit_changed (self, GP_SESSION_CHANGED_UNCERTAINTY);
  /* The selection may have moved on while it ran, or a sweep come in. */
  if (self->uq_auto && uq_stale (self))
    gp_session_schedule_uq (self);
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
      gp_session_update_flags (self);
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

  Entry *base = gp_session_find_entry (self, self->baseline_id);
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
              g_strlcpy (e->pub.uq.message, _("no evaluated plan yet"), sizeof e->pub.uq.message);
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
  Entry *sel = gp_session_find_entry (self, self->selected_id);
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
          g_strlcpy (self->tornado->message, _("the system has no evaluated plan"),
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
                     j->base ? _("no Lite-GPU system with an optical fabric besides the baseline")
                             : _("the baseline has no evaluated plan"),
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
              g_strlcpy (e->pub.bands.message, _("no accelerator-count sweep yet"),
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
      gp_session_update_flags (self);
      return G_SOURCE_REMOVE;
    }
  j->cancellable = g_cancellable_new ();
  j->ctx.cancellable = j->cancellable;
  g_atomic_int_set (&self->progress_permille, 0);
  self->uq_cancel = g_object_ref (j->cancellable);
  self->uq_running = TRUE;
  gp_session_update_flags (self);

  if (self->synchronous)
    {
      uq_job_run (j);
      g_clear_object (&self->uq_cancel);
      self->uq_running = FALSE;
      uq_install (self, j);
      uq_job_free (j);
      gp_session_emit_changed (self, GP_SESSION_CHANGED_UNCERTAINTY);
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

void
gp_session_schedule_uq (GpSession *self)
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
  self->uq_cancelled = FALSE;
  gp_session_update_flags (self);
}

/* Every result is stale: a value, the baseline or the set of systems changed. */
void
gp_session_uq_invalidate (GpSession *self)
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
  gp_session_uq_invalidate (self);
  gp_session_schedule_uq (self);
}

void
gp_session_set_uncertainty_samples (GpSession *self, long samples, long band_samples)
{
  self->uq_samples = MAX (samples, 2);
  self->uq_band_samples = MAX (band_samples, 2);
  gp_session_uq_invalidate (self);
  gp_session_schedule_uq (self);
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
    gp_session_schedule_uq (self);
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
  gp_session_schedule_uq (self);
  self->uq_auto = was;
}

gboolean
gp_session_get_evaluating (GpSession *self)
{
  return self->searching || self->sweeping;
}

gboolean
gp_session_get_uncertainty_cancelled (GpSession *self)
{
  return self->uq_cancelled && !self->uq_running;
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
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("optimisation cancelled"));
  else
    g_task_return_new_error (task, GP_SESSION_ERROR, GP_EINVAL, "%s", j->result.message);
}

void
gp_session_optimise_async (GpSession *self, guint id, const GpOptimiseSpec *spec,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_return_if_fail (self != NULL && spec != NULL);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gp_session_optimise_async);
  Entry *e = gp_session_find_entry (self, id);
  if (e == NULL || !e->pub.have_plan || e->pub.state != GP_SYSTEM_OK)
    {
      g_task_return_new_error (task, GP_SESSION_ERROR, GP_EINVAL,
                               _("the system has no evaluated plan yet: wait for its search"));
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
