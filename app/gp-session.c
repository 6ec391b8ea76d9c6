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

#include <glib/gi18n.h>

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
/* Monte Carlo samples per system and per point of the break-even sweep: with prepare-time
 * inputs (D0, wafer prices, link) a sample costs ~0.5 ms per system, so 1,000 samples of a
 * pair are ~1 s of a worker; the 5/95 % percentiles of 1,000 samples sit within about
 * +-0.7 percentage points of probability (binomial sd sqrt(0.05 x 0.95 / 1000)). */
#define UQ_SAMPLES 1000
#define UQ_BAND_SAMPLES 200

G_DEFINE_TYPE (GpSession, gp_session, G_TYPE_OBJECT)

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
  gp_session_props[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  gp_session_props[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  gp_session_props[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  gp_session_props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  gp_session_props[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, ro);
  gp_session_props[PROP_SELECTED_ID] = g_param_spec_uint ("selected-id", NULL, NULL, 0, G_MAXUINT, 0, rw);
  gp_session_props[PROP_BASELINE_ID] = g_param_spec_uint ("baseline-id", NULL, NULL, 0, G_MAXUINT, 0, rw);
  gp_session_props[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, gp_session_props);

  /* changed (GpSessionChange flags as guint) */
  gp_session_signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
gp_session_init (GpSession *self)
{
  self->systems = g_ptr_array_new_with_free_func (gp_session_entry_free);
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
  self->progress_timeout = g_timeout_add (100, gp_session_progress_tick, self);
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
  self->has_inference = d->has_inference;
  self->inference = d->inference;
  g_strlcpy (self->design_name, d->name, sizeof self->design_name);
  /* Reset goes back to the preset of the same name when there is one. data/systems.lua is
   * read once for all systems (through the sandbox it was half of a design's load time). */
  gp_system *presets = NULL;
  size_t n_presets = 0;
  gp_session_io_presets (&presets, &n_presets);
  for (guint i = 0; i < d->systems->len; i++)
    {
      const gp_system *s = &g_array_index (d->systems, gp_system, i);
      const gp_system *preset = NULL;
      for (size_t k = 0; k < n_presets && preset == NULL; k++)
        if (strcmp (presets[k].sys.name, s->sys.name) == 0)
          preset = &presets[k];
      Entry *e = gp_session_entry_new (self, s, preset, NULL);
      e->pub.color = gp_session_free_color (self);
      g_ptr_array_add (self->systems, e);
    }
  free (presets);
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
  gp_session_invalidate_all (self, TRUE, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_SELECTED_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_BASELINE_ID]);
  gp_session_recompute (self, GP_SESSION_CHANGED_STRUCTURE | GP_SESSION_CHANGED_SELECTION);
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
  d->has_inference = self->has_inference;
  d->inference = self->inference;
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
      g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_PATH]);
    }
  gp_undo_stack_mark_clean (self->undo);
  self->structure_dirty = FALSE;
  gp_session_update_flags (self);
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
  return g_strdup (_("Default comparison"));
}

/* ---- state ---- */

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
    return _("Searching parallelism plans");
  if (self->sweeping)
    return _("Sweeping accelerator counts");
  if (self->uq_running)
    {
      g_snprintf (buf, sizeof buf, _("Uncertainty: %ld samples per system"), self->uq_samples);
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
  Entry *e = gp_session_find_entry (self, id);
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

const gp_inference_params *
gp_session_get_inference (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return self->has_inference ? &self->inference : NULL;
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
  if (id == self->baseline_id || gp_session_find_entry (self, id) == NULL)
    return;
  guint before = self->baseline_id;
  self->baseline_id = id;
  gp_session_edit_record_baseline (self, before);
  self->structure_dirty = TRUE;
  gp_session_uq_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_BASELINE_ID]);
  gp_session_emit_changed (self, GP_SESSION_CHANGED_SELECTION);
  gp_session_schedule_uq (self);
}

guint
gp_session_get_selected_id (GpSession *self)
{
  return self->selected_id;
}

void
gp_session_set_selected_id (GpSession *self, guint id)
{
  if (id == self->selected_id || gp_session_find_entry (self, id) == NULL)
    return;
  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_SELECTED_ID]);
  gp_session_emit_changed (self, GP_SESSION_CHANGED_SELECTION);
  gp_session_schedule_uq (self); /* the tornado follows the selection */
}

const GpSystemEntry *
gp_session_get_selected (GpSession *self)
{
  Entry *e = gp_session_find_entry (self, self->selected_id);
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
  guint baseline_before = self->baseline_id, selected_before = self->selected_id;
  unique_name (self, e->pub.system.sys.name, sizeof e->pub.system.sys.name);
  e->pub.color = gp_session_free_color (self);
  g_ptr_array_add (self->systems, e);
  if (self->baseline_id == 0)
    self->baseline_id = e->pub.id;
  self->selected_id = e->pub.id;
  self->structure_dirty = TRUE;
  gp_session_invalidate_entry (e, TRUE, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_SELECTED_ID]);
  gp_session_edit_record_add (self, e->pub.id, baseline_before, selected_before);
  gp_session_recompute (self, GP_SESSION_CHANGED_STRUCTURE | GP_SESSION_CHANGED_SELECTION);
  return e->pub.id;
}

guint
gp_session_add_preset (GpSession *self, const char *name, GError **error)
{
  if (self->systems->len >= GP_SESSION_MAX_SYSTEMS)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ERANGE,
                   _("a design compares at most %d systems"), GP_SESSION_MAX_SYSTEMS);
      return 0;
    }
  g_autofree gp_system *s = g_new0 (gp_system, 1);
  if (!gp_session_io_preset (name, s, error))
    return 0;
  return add_entry (self, gp_session_entry_new (self, s, s, name));
}

guint
gp_session_duplicate (GpSession *self, guint id)
{
  Entry *src = gp_session_find_entry (self, id);
  if (src == NULL || self->systems->len >= GP_SESSION_MAX_SYSTEMS)
    return 0;
  Entry *e = gp_session_entry_new (self, &src->pub.system, &src->pub.preset, src->pub.preset_name);
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
  Entry *e = gp_session_find_entry (self, id);
  g_return_val_if_fail (e != NULL, FALSE);
  g_autofree char *n = g_strstrip (g_strdup (name ? name : ""));
  if (n[0] == '\0' || strlen (n) >= sizeof e->pub.system.sys.name)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_EINVAL,
                   _("name: a system name needs 1 to %d bytes"),
                   (int) sizeof e->pub.system.sys.name - 1);
      return FALSE;
    }
  for (guint i = 0; i < self->systems->len; i++)
    {
      Entry *o = self->systems->pdata[i];
      if (o != e && strcmp (o->pub.system.sys.name, n) == 0)
        {
          g_set_error (error, GP_SESSION_ERROR, GP_EINVAL,
                       _("name: another system is already called '%s'"), n);
          return FALSE;
        }
    }
  if (strcmp (e->pub.system.sys.name, n) == 0)
    return TRUE;
  char before[sizeof e->pub.system.sys.name];
  g_strlcpy (before, e->pub.system.sys.name, sizeof before);
  g_strlcpy (e->pub.system.sys.name, n, sizeof e->pub.system.sys.name);
  gp_session_edit_record_rename (self, id, before);
  self->structure_dirty = TRUE;
  gp_session_emit_changed (self, GP_SESSION_CHANGED_STRUCTURE);
  return TRUE;
}

void
gp_session_remove (GpSession *self, guint id)
{
  gp_session_edit_remove (self, id);
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
      e = gp_session_find_entry (self, ref->system_id);
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
          s->sys.accels_per_server = (long) gp_param_get (ref->param, &gp_session_find_entry (self, ref->system_id)->pub.system.sys);
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
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND, _("%s: no such parameter"),
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
      gp_session_invalidate_all (self, prep, search);
    }
  else
    {
      e->pub.system = *s;
      gp_session_invalidate_entry (e, prep, search);
    }
  gp_session_recompute (self, 0);
  return TRUE;
}

gboolean
gp_session_set_value (GpSession *self, const GpParamRef *ref, double value, GError **error)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  if (ref && ref->param && ref->param->type == GP_PARAM_STRING)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_EINVAL, _("%s: expects text"), ref->param->name);
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
          g_set_error (error, GP_SESSION_ERROR, GP_EINVAL, _("%s: '%s' is not one of its choices"),
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
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND, _("%s: no preset value to reset to"),
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
    case GP_SUBJECT_COST: return "cost";
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
  if (u->kind == GP_UNDO_STRUCTURE)
    return gp_session_edit_apply (self, u, redo);
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
        gp_session_update_flags (self);
        return TRUE;
      }
  gp_session_update_flags (self);
  return FALSE;
}

gboolean
gp_session_redo (GpSession *self)
{
  const GpUndoEntry *u;
  while ((u = gp_undo_stack_redo (self->undo)) != NULL)
    if (apply_undo_entry (self, u, TRUE))
      {
        gp_session_update_flags (self);
        return TRUE;
      }
  gp_session_update_flags (self);
  return FALSE;
}

char **
gp_session_list_workloads (GpSession *self)
{
  gp_workload *all = NULL;
  size_t n = 0;
  g_autoptr (GError) error = NULL;
  if (!gp_session_io_workloads (&all, &n, &error))
    {
      g_warning ("glasspane: %s", error->message);
      return g_new0 (char *, 1);
    }
  char **names = g_new0 (char *, n + 1);
  for (size_t i = 0; i < n; i++)
    names[i] = g_strdup (all[i].name);
  free (all);
  return names;
}

gboolean
gp_session_set_workload (GpSession *self, const char *name, GError **error)
{
  gp_workload *all = NULL;
  size_t n = 0;
  if (!gp_session_io_workloads (&all, &n, error))
    return FALSE;
  const gp_workload *hit = NULL;
  for (size_t i = 0; i < n && hit == NULL; i++)
    if (strcmp (all[i].name, name) == 0)
      hit = &all[i];
  if (hit == NULL)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND,
                   _("workload: no preset '%s' in data/workloads.lua"), name);
      free (all);
      return FALSE;
    }
  gp_study st = self->study;
  st.workload = *hit;
  free (all);
  return gp_session_replace_study (self, &st, error);
}

char *
gp_session_dup_summary (GpSession *self)
{
  const GpSystemEntry *base = gp_session_find_system (self, self->baseline_id);
  char tokens[32];
  double t = self->study.token_budget;
  if (t >= 1e12)
    g_snprintf (tokens, sizeof tokens, "%.3gT", t / 1e12);
  else if (t >= 1e9)
    g_snprintf (tokens, sizeof tokens, "%.3gB", t / 1e9);
  else
    g_snprintf (tokens, sizeof tokens, "%.3g", t);
  return g_strdup_printf (_("%s \u00b7 %s tokens \u00b7 baseline %s"), self->study.workload.name,
                          tokens, base ? base->system.sys.name : _("none"));
}

/* An entry's words: a structural edit's label, or the parameter's. */
static const char *
entry_label (const GpUndoEntry *u)
{
  return u == NULL ? NULL : u->label ? u->label : u->param ? u->param->label : NULL;
}

const char *
gp_session_get_undo_label (GpSession *self)
{
  return entry_label (gp_undo_stack_peek_undo (self->undo));
}

const char *
gp_session_get_redo_label (GpSession *self)
{
  return entry_label (gp_undo_stack_peek_redo (self->undo));
}

gboolean
gp_session_replace_system (GpSession *self, guint id, const gp_system *system, GError **error)
{
  Entry *e = gp_session_find_entry (self, id);
  g_return_val_if_fail (e != NULL && system != NULL, FALSE);
  gp_error err = { 0 };
  if (gp_system_validate (system, &err) != GP_OK)
    {
      gp_session_set_error (error, &err);
      return FALSE;
    }
  if (memcmp (&e->pub.system, system, sizeof *system) == 0)
    return TRUE;
  g_autofree gp_system *before = g_memdup2 (&e->pub.system, sizeof *before);
  e->pub.system = *system;
  gp_session_edit_record_system (self, id, before);
  self->structure_dirty = TRUE;
  gp_session_invalidate_entry (e, TRUE, TRUE);
  gp_session_recompute (self, GP_SESSION_CHANGED_STRUCTURE);
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
  gp_study before = self->study;
  self->study = *study;
  gp_session_edit_record_study (self, &before);
  self->structure_dirty = TRUE;
  gp_session_invalidate_all (self, TRUE, TRUE);
  gp_session_recompute (self, GP_SESSION_CHANGED_STRUCTURE);
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
  if (self->uq_running)
    self->uq_cancelled = TRUE;
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
              g_strlcpy (e->pub.message, _("plan search cancelled"), sizeof e->pub.message);
            }
        }
    }
  /* The charts said "computing": redraw them with what is there now. */
  gp_session_emit_changed (self, GP_SESSION_CHANGED_UNCERTAINTY);
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

gboolean
gp_session_path_ref (GpSession *self, guint id, const char *path, GpParamRef *ref,
                     GError **error)
{
  Entry *e = gp_session_find_entry (self, id);
  if (e == NULL)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND, _("no system with id %u"), id);
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
  else if (o == &s->cost)
    subject = GP_SUBJECT_COST;
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
                   _("%s: not a parameter of the design (node table entries are shared data)"),
                   path);
      return FALSE;
    }
  *ref = gp_param_ref (subject, id, part, r.param->name);
  if (ref->param == NULL)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_ENOTFOUND, _("%s: no such parameter"), path);
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
      g_set_error (error, GP_SESSION_ERROR, GP_EINVAL, _("no optimum to apply"));
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
