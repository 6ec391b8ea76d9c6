/* gp-session-core.c: the session's entries (one per system: its prepared state, plan and
 * result, die-cost curve), bringing an entry up to date, and the notifications every change
 * ends with. The lowest of the session's files (gp-session-private.h). */
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

G_DEFINE_QUARK (gp-session-error-quark, gp_session_error)

GParamSpec *gp_session_props[N_PROPS];
guint gp_session_signals[N_SIGNALS];

void
gp_session_set_error (GError **error, const gp_error *err)
{
  g_set_error_literal (error, GP_SESSION_ERROR, err->status ? (int) err->status : GP_EINVAL,
                       err->message[0] ? err->message : gp_status_name (err->status));
}

/* ---- properties that follow the state ---- */

void
gp_session_update_flags (GpSession *self)
{
  gboolean dirty = gp_session_get_dirty (self);
  gboolean cu = gp_undo_stack_can_undo (self->undo), cr = gp_undo_stack_can_redo (self->undo);
  gboolean busy = self->searching || self->sweeping || self->uq_running;
  if (dirty != self->n_dirty)
    {
      self->n_dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_DIRTY]);
    }
  if (cu != self->n_can_undo)
    {
      self->n_can_undo = cu;
      g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_CAN_UNDO]);
    }
  if (cr != self->n_can_redo)
    {
      self->n_can_redo = cr;
      g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_CAN_REDO]);
    }
  if (busy != self->n_busy)
    {
      self->n_busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), gp_session_props[PROP_BUSY]);
    }
}

void
gp_session_emit_changed (GpSession *self, GpSessionChange what)
{
  self->generation++;
  gp_session_update_flags (self);
  g_signal_emit (self, gp_session_signals[SIGNAL_CHANGED], 0, (guint) what);
}

/* ---- entries ---- */

Entry *
gp_session_entry_new (GpSession *self, const gp_system *sys, const gp_system *preset, const char *preset_name)
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

void
gp_session_entry_free (gpointer data)
{
  Entry *e = data;
  g_free (e->prep);
  g_free (e);
}

Entry *
gp_session_find_entry (GpSession *self, guint id)
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
int
gp_session_free_color (GpSession *self)
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

/* Gross dies of a square die on a wafer, counted once per (wafer diameter, die side):
 * the die curves of every system share the same wafer sizes and are redrawn on every
 * change, and an exact count costs ~0.2 ms. Entries are never evicted: a session sees a
 * few wafer diameters x GP_DIE_CURVE_POINTS areas per die size it shows. */
typedef struct {
  double diameter_mm, side_mm;
  double gross_dies;
} DieCountMemo;

G_LOCK_DEFINE_STATIC (die_count_memo);
static GArray *die_count_memo;

static gboolean
gross_dies_memo (const gp_wafer_params *w, double *gross)
{
  gboolean found = FALSE;
  G_LOCK (die_count_memo);
  if (die_count_memo == NULL)
    die_count_memo = g_array_new (FALSE, FALSE, sizeof (DieCountMemo));
  for (guint i = 0; i < die_count_memo->len && !found; i++)
    {
      const DieCountMemo *m = &g_array_index (die_count_memo, DieCountMemo, i);
      if (m->diameter_mm == w->wafer_diameter_mm && m->side_mm == w->die_width_mm)
        {
          *gross = m->gross_dies;
          found = TRUE;
        }
    }
  G_UNLOCK (die_count_memo);
  if (found)
    return TRUE;
  gp_wafer_result wr;
  if (gp_wafer_count (w, &wr, NULL) != GP_OK)
    return FALSE;
  *gross = wr.gross_dies;
  DieCountMemo m = { w->wafer_diameter_mm, w->die_width_mm, wr.gross_dies };
  G_LOCK (die_count_memo);
  if (die_count_memo->len < 4096)
    g_array_append_val (die_count_memo, m);
  G_UNLOCK (die_count_memo);
  return TRUE;
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
      double gross = 0;
      gp_yield_params yp = { GP_YIELD_NEGBIN, a, node->d0_per_cm2, node->alpha,
                             node->critical_layers };
      double y = NAN;
      gp_die_cost_result dc;
      double cost = NAN;
      if (gross_dies_memo (&w, &gross) && gp_yield_eval (&yp, &y, NULL) == GP_OK && y > 0)
        {
          gp_die_cost_params dp = { node->wafer_cost_usd, gross, y, 0, a };
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

void
gp_session_set_entry_error (Entry *e, const gp_error *err)
{
  e->pub.state = GP_SYSTEM_ERROR;
  e->pub.status = err->status;
  g_strlcpy (e->pub.message, err->message, sizeof e->pub.message);
  e->pub.have_result = FALSE;
  e->pub.have_hardware = FALSE;
}

/* Without a training result, the figures that do not depend on a plan (scale, capex,
 * power, embodied carbon, cost per compute) still come from the hardware alone, so a
 * system whose plan does not fit keeps them (issue 21). */
void
gp_session_entry_fill_hardware (GpSession *self, Entry *e)
{
  e->pub.have_hardware = FALSE;
  if (!e->prepared || e->pub.have_result)
    return;
  gp_system_result r;
  if (gp_system_eval_hardware (&e->pub.system, &self->study, e->prep, &r, NULL) == GP_OK)
    {
      e->pub.result = r;
      e->pub.have_hardware = TRUE;
    }
}

/* Bring E up to date with its current plan: prepare when needed, then a cheap evaluation.
 * Without a plan, or when the plan no longer fits the changed design, a search is due. */
void
gp_session_entry_evaluate (GpSession *self, Entry *e)
{
  gp_error err = { 0 };
  if (!e->prepared)
    {
      die_curve_update (self, e);
      if (gp_system_prepare (&e->pub.system, &self->study, self->nodes, self->n_nodes,
                             e->prep, &err) != GP_OK)
        {
          gp_session_set_entry_error (e, &err);
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
          e->pub.have_hardware = TRUE;
          gp_serving_update (&self->study, self->has_inference ? &self->inference : NULL,
                             &e->pub.system, &r, &e->pub.serving);
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
  gp_session_entry_fill_hardware (self, e);
  e->needs_search = TRUE;
  e->pub.state = GP_SYSTEM_PENDING;
}

void
gp_session_invalidate_entry (Entry *e, gboolean prepare, gboolean search)
{
  e->serial++;
  if (prepare)
    e->prepared = FALSE;
  if (search)
    e->needs_search = TRUE;
  e->pub.have_scaling = FALSE;
}

void
gp_session_invalidate_all (GpSession *self, gboolean prepare, gboolean search)
{
  for (guint i = 0; i < self->systems->len; i++)
    gp_session_invalidate_entry (self->systems->pdata[i], prepare, search);
}

gboolean
gp_session_get_dirty (GpSession *self)
{
  return self->structure_dirty || !gp_undo_stack_is_clean (self->undo);
}
