/* gp-charts-fabric.c: the glass fabric card (issue 14): the Lite-GPU system's step time,
 * cost per trained model and wall power against ports per accelerator and against the
 * per-port rate, one line per fabric kind, and the "optics speedup" of each glass fabric
 * over a packet-switched fat tree of the same bandwidth and of the same interconnect cost.
 *
 * Every point is the whole system re-evaluated (gp_system_prepare and gp_system_eval with
 * the plan search, so the best plan follows d, r and the fabric kind) with only the
 * topology changed; that is ~80 evaluations, so it runs in a GTask worker on copies (inline
 * when the session is synchronous, as in tests), keyed by a digest of the system and the
 * study, and the card shows "Computing..." until it lands. The sweep is kept as object
 * data on the session: no field of the session changes for it. */
#include "gp-charts.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gp-fabric-sweep.h"
#include "gp-session-private.h"

/* The figures come from models/gp-fabric-sweep.c (gp_fabric_apply_kind, gp_fabric_sweep,
 * gp_fabric_optics_speedup), the same code the Lua API and examples/fabric.lua use: the
 * fat tree like data/topologies.lua "dgx-h100-ndr", the circuit fabric chosen per job. This
 * card only picks the points, runs them in a worker and draws them. */
static const double sweep_ports[GP_FABRIC_SWEEP_PORTS] = { 2, 4, 6, 8, 12, 16 };
static const double sweep_rates[GP_FABRIC_SWEEP_RATES] = { 200, 400, 800, 1600, 3200 };

const char *
gp_fabric_kind_label (int kind)
{
  switch (kind)
    {
    case GP_FABRIC_KIND_RING: return _("Ring (direct)");
    case GP_FABRIC_KIND_TORUS: return _("3D torus (direct)");
    case GP_FABRIC_KIND_HYPERCUBE: return _("Hypercube (direct)");
    case GP_FABRIC_KIND_CIRCUIT: return _("Optical circuit switch");
    case GP_FABRIC_KIND_FAT_TREE: return _("Fat tree (packet switches)");
    }
  return "?";
}

long
gp_fabric_kind_ports_needed (int kind, long n)
{
  switch (kind)
    {
    case GP_FABRIC_KIND_RING: return n > 2 ? 2 : 1;
    case GP_FABRIC_KIND_TORUS: return 6;
    case GP_FABRIC_KIND_HYPERCUBE:
      {
        if (n < 2 || (n & (n - 1)) != 0)
          return -1; /* only powers of two */
        long b = 0;
        while ((1L << b) < n)
          b++;
        return b;
      }
    default: return 1;
    }
}

/* The model's fabric kind for the card's (the 3D torus is the card's torus). */
static int
model_kind (int kind)
{
  switch (kind)
    {
    case GP_FABRIC_KIND_RING: return GP_SWEEP_FABRIC_RING;
    case GP_FABRIC_KIND_TORUS: return GP_SWEEP_FABRIC_TORUS_3D;
    case GP_FABRIC_KIND_HYPERCUBE: return GP_SWEEP_FABRIC_HYPERCUBE;
    case GP_FABRIC_KIND_CIRCUIT: return GP_SWEEP_FABRIC_CIRCUIT;
    case GP_FABRIC_KIND_FAT_TREE: return GP_SWEEP_FABRIC_FAT_TREE;
    }
  return -1;
}

gboolean
gp_fabric_sweep_apply (gp_system *s, int kind, long ports, double rate_gbps)
{
  gp_error err = { 0 };
  int mk = model_kind (kind);
  return mk >= 0 && gp_fabric_apply_kind (s, mk, ports, rate_gbps, &err) == GP_OK;
}

/* ---- the sweep ---- */

static void
note_skip (GpFabricSweep *w, int kind, const char *why)
{
  if (w->skipped[kind][0] == '\0' && why[0])
    g_strlcpy (w->skipped[kind], why, sizeof w->skipped[kind]);
}

static void
copy_point (GpFabricPoint *p, const gp_fabric_point *m)
{
  p->ok = m->status == GP_OK;
  p->ports = m->ports;
  p->rate_gbps = m->rate_gbps;
  p->step_time_s = m->step_time_s;
  p->cost_usd = m->usd_per_model;
  p->power_w = m->power_w;
  p->interconnect_usd = m->capex_interconnect_usd;
}

/* One axis of kind K through gp_fabric_sweep: the points a shape cannot be built with
 * (fewer ports than it needs) are marked, not evaluated. */
static void
sweep_axis (const gp_system *base, const gp_study *st, const gp_node *nodes, size_t n_nodes,
            int k, int axis, const double *xs, int n, long need, GpFabricPoint *out,
            GpFabricSweep *w)
{
  double x[GP_FABRIC_SWEEP_PORTS + GP_FABRIC_SWEEP_RATES];
  int at[GP_FABRIC_SWEEP_PORTS + GP_FABRIC_SWEEP_RATES], m = 0;
  for (int i = 0; i < n; i++)
    {
      out[i].ok = FALSE;
      out[i].ports = axis == GP_SWEEP_PORTS ? (long) xs[i]
                                            : base->topology.scaleup_links_per_accel;
      out[i].rate_gbps = axis == GP_SWEEP_RATE ? xs[i] : base->topology.scaleup_link_rate_gbps;
      if (need < 0 || out[i].ports < need)
        {
          g_autofree char *why
            = need < 0 ? g_strdup (_("a hypercube needs a power-of-two accelerator count"))
                       : g_strdup_printf (_("needs at least %ld ports per accelerator"), need);
          note_skip (w, k, why);
          continue;
        }
      x[m] = xs[i];
      at[m++] = i;
    }
  if (m == 0)
    return;
  gp_fabric_point pts[GP_FABRIC_SWEEP_PORTS + GP_FABRIC_SWEEP_RATES];
  gp_error err = { 0 };
  if (gp_fabric_sweep (base, st, nodes, n_nodes, model_kind (k), axis, x, (size_t) m, pts,
                       &err) != GP_OK)
    {
      note_skip (w, k, err.message);
      return;
    }
  for (int i = 0; i < m; i++)
    {
      copy_point (&out[at[i]], &pts[i]);
      if (pts[i].status != GP_OK)
        note_skip (w, k, pts[i].why);
    }
}

void
gp_fabric_sweep_run (const gp_system *sys, const gp_study *st, const gp_node *nodes,
                     size_t n_nodes, GCancellable *cancellable, GpFabricSweep *w)
{
  memset (w, 0, sizeof *w);
  long n = sys->sys.accelerators;
  long d0 = MAX (sys->topology.scaleup_links_per_accel, 1);
  double r0 = sys->topology.scaleup_link_rate_gbps;
  w->accelerators = n;
  w->own_ports = d0;
  w->own_rate_gbps = r0;
  g_strlcpy (w->system_name, sys->sys.name, sizeof w->system_name);
  g_autofree gp_system *base = g_new0 (gp_system, 1);
  for (int k = 0; k < GP_FABRIC_KIND_N; k++)
    {
      if (cancellable && g_cancellable_is_cancelled (cancellable))
        return;
      long need = gp_fabric_kind_ports_needed (k, n);
      w->rate_sweep_ports[k] = need < 0 ? d0 : MAX (d0, need);
      *base = *sys;
      base->topology.scaleup_links_per_accel = d0;
      sweep_axis (base, st, nodes, n_nodes, k, GP_SWEEP_PORTS, sweep_ports,
                  GP_FABRIC_SWEEP_PORTS, need, w->by_ports[k], w);
      if (cancellable && g_cancellable_is_cancelled (cancellable))
        return;
      base->topology.scaleup_links_per_accel = w->rate_sweep_ports[k];
      sweep_axis (base, st, nodes, n_nodes, k, GP_SWEEP_RATE, sweep_rates,
                  GP_FABRIC_SWEEP_RATES, need, w->by_rate[k], w);
    }
  /* Optics speedup at the system's own rate (gp_fabric_optics_speedup): each glass fabric
   * with its ports (its own count, or what its shape needs) against the fat tree with as
   * many ports (same bandwidth) and the one whose interconnect capex is closest (same
   * cost). */
  g_autofree gp_optics_speedup *o = g_new0 (gp_optics_speedup, 1);
  for (int k = 0; k < GP_FABRIC_KIND_FAT_TREE; k++)
    {
      if (cancellable && g_cancellable_is_cancelled (cancellable))
        return;
      GpFabricSpeedup *sp = &w->speedup[k];
      sp->ports = w->rate_sweep_ports[k];
      sp->same_bandwidth = sp->same_cost = NAN;
      gp_error err = { 0 };
      *base = *sys;
      if (gp_fabric_kind_ports_needed (k, n) < 0
          || !gp_fabric_sweep_apply (base, k, sp->ports, r0)
          || gp_fabric_optics_speedup (base, st, nodes, n_nodes, o, &err) != GP_OK)
        continue;
      sp->glass_interconnect_usd = o->glass.capex_interconnect_usd;
      if (o->speedup_same_bandwidth > 0)
        sp->same_bandwidth = o->speedup_same_bandwidth;
      if (o->speedup_same_cost > 0)
        {
          sp->same_cost = o->speedup_same_cost;
          sp->same_cost_tree_ports = o->same_cost_ports;
        }
    }
  w->done = TRUE;
}

/* ---- the session's copy ---- */

typedef struct _Job Job;

typedef struct {
  char key[65];
  gboolean running;         /* scheduled or under way */
  GCancellable *cancellable;
  guint delay_id;           /* the start, SWEEP_DELAY_MS after the last change */
  Job *pending;             /* owned until it starts */
  GpSession *session;       /* not owned: the object this cache is data of */
  GpFabricSweep sweep;      /* sweep.done when it holds the result for key */
} FabricCache;

/* The sweep starts this long after the last change, so that typing or dragging a value
 * does not start (and cancel) a second of work per keystroke. */
#define SWEEP_DELAY_MS 400

#define CACHE_KEY "gp-fabric-sweep"

static void job_free (gpointer data);

static void
cache_free (gpointer data)
{
  FabricCache *c = data;
  if (c->cancellable)
    g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  g_clear_handle_id (&c->delay_id, g_source_remove);
  g_clear_pointer (&c->pending, job_free);
  g_free (c);
}

static FabricCache *
cache_of (GpSession *s)
{
  FabricCache *c = g_object_get_data (G_OBJECT (s), CACHE_KEY);
  if (c == NULL)
    {
      c = g_new0 (FabricCache, 1);
      c->session = s;
      g_object_set_data_full (G_OBJECT (s), CACHE_KEY, c, cache_free);
    }
  return c;
}

const GpSystemEntry *
gp_fabric_sweep_subject (GpSession *s)
{
  const GpSystemEntry *sel = gp_session_get_selected (s);
  if (sel && sel->system.sys.family == GP_FAMILY_LITE_GPU)
    return sel;
  for (guint i = 0; i < gp_session_get_n_systems (s); i++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, i);
      if (e->system.sys.family == GP_FAMILY_LITE_GPU)
        return e;
    }
  return NULL;
}

static void
digest_of (GpSession *s, const GpSystemEntry *e, char out[65])
{
  g_autoptr (GChecksum) ck = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (ck, (const guchar *) &e->system, sizeof e->system);
  g_checksum_update (ck, (const guchar *) gp_session_get_study (s), sizeof (gp_study));
  size_t n_nodes;
  const gp_node *nodes = gp_session_get_nodes (s, &n_nodes);
  g_checksum_update (ck, (const guchar *) nodes, sizeof *nodes * n_nodes);
  g_strlcpy (out, g_checksum_get_string (ck), 65);
}

struct _Job {
  char key[65];
  gp_system system;
  gp_study study;
  const gp_node *nodes;
  size_t n_nodes;
  GCancellable *cancellable;
  GpFabricSweep sweep;
};

static void
job_free (gpointer data)
{
  Job *j = data;
  g_clear_object (&j->cancellable);
  g_free (j);
}

static void
job_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *j = data;
  gp_fabric_sweep_run (&j->system, &j->study, j->nodes, j->n_nodes, j->cancellable, &j->sweep);
  g_task_return_boolean (task, TRUE);
}

static void
job_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GpSession *s = GP_SESSION (source);
  Job *j = g_task_get_task_data (G_TASK (res));
  FabricCache *c = cache_of (s);
  if (strcmp (c->key, j->key) != 0 || g_cancellable_is_cancelled (j->cancellable))
    return; /* a newer sweep is wanted */
  c->running = FALSE;
  c->sweep = j->sweep;
  c->sweep.done = TRUE;
  g_clear_object (&c->cancellable);
  /* every card re-reads the session; the fabric card's signature has changed */
  g_signal_emit_by_name (s, "changed", (guint) GP_SESSION_CHANGED_SCALING);
}

static gboolean
start_pending (gpointer data)
{
  FabricCache *c = data;
  c->delay_id = 0;
  Job *j = g_steal_pointer (&c->pending);
  if (j == NULL)
    return G_SOURCE_REMOVE;
  GTask *task = g_task_new (c->session, NULL, job_done, NULL);
  g_task_set_task_data (task, j, job_free);
  g_task_run_in_thread (task, job_thread);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Start (or keep) the sweep for KEY; NULL while it is not there yet. */
static const GpFabricSweep *
sweep_for (GpSession *s, const GpSystemEntry *e, const char *key)
{
  FabricCache *c = cache_of (s);
  if (strcmp (c->key, key) == 0 && (c->sweep.done || c->running))
    return c->sweep.done ? &c->sweep : NULL;
  if (c->cancellable)
    g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  g_strlcpy (c->key, key, sizeof c->key);
  c->sweep.done = FALSE;
  size_t n_nodes;
  const gp_node *nodes = gp_session_get_nodes (s, &n_nodes);
  if (s->synchronous)
    {
      gp_fabric_sweep_run (&e->system, gp_session_get_study (s), nodes, n_nodes, NULL,
                           &c->sweep);
      c->sweep.done = TRUE;
      return &c->sweep;
    }
  Job *j = g_new0 (Job, 1);
  g_strlcpy (j->key, key, sizeof j->key);
  j->system = e->system;
  j->study = *gp_session_get_study (s);
  j->nodes = nodes;
  j->n_nodes = n_nodes;
  j->cancellable = g_cancellable_new ();
  c->cancellable = g_object_ref (j->cancellable);
  c->running = TRUE;
  g_clear_handle_id (&c->delay_id, g_source_remove);
  g_clear_pointer (&c->pending, job_free);
  c->pending = j;
  c->delay_id = g_timeout_add (SWEEP_DELAY_MS, start_pending, c);
  return NULL;
}

char *
gp_charts_fabric_signature (GpSession *s)
{
  const GpSystemEntry *e = gp_fabric_sweep_subject (s);
  if (e == NULL)
    return g_strdup ("none");
  char key[65];
  digest_of (s, e, key);
  FabricCache *c = cache_of (s);
  gboolean done = strcmp (c->key, key) == 0 && c->sweep.done;
  return g_strdup_printf ("%s:%d", key, done);
}

/* ---- the charts ---- */

guint
gp_charts_n_variants (GpChartId id)
{
  return id == GP_CHART_ID_FABRIC_SWEEP ? GP_FABRIC_VIEW_N : 1;
}

const char *
gp_charts_variant_label (GpChartId id, guint variant)
{
  if (id != GP_CHART_ID_FABRIC_SWEEP)
    return "";
  switch (variant)
    {
    case GP_FABRIC_VIEW_STEP_PORTS: return _("Step time / ports");
    case GP_FABRIC_VIEW_COST_PORTS: return _("Cost per model / ports");
    case GP_FABRIC_VIEW_POWER_PORTS: return _("Wall power / ports");
    case GP_FABRIC_VIEW_STEP_RATE: return _("Step time / port rate");
    case GP_FABRIC_VIEW_COST_RATE: return _("Cost per model / port rate");
    case GP_FABRIC_VIEW_POWER_RATE: return _("Wall power / port rate");
    }
  return "";
}

static gp_chart *
empty_chart (gp_chart_kind kind, const char *title, const char *caption)
{
  gp_chart *c = gp_chart_new (kind);
  if (c == NULL)
    return NULL;
  gp_chart_set_title (c, title, NULL);
  gp_chart_set_caption (c, caption, NULL);
  return c;
}

static void
append_skipped (GString *cap, const GpFabricSweep *w)
{
  gboolean first = TRUE;
  for (int k = 0; k < GP_FABRIC_KIND_N; k++)
    if (w->skipped[k][0])
      {
        g_string_append_printf (cap, "%s%s: %s", first ? _(" Left out: ") : "; ",
                                gp_fabric_kind_label (k), w->skipped[k]);
        first = FALSE;
      }
  if (!first)
    g_string_append (cap, ".");
}

static gp_chart *
build_sweep (const GpFabricSweep *w, guint view)
{
  gboolean by_rate = view >= GP_FABRIC_VIEW_STEP_RATE;
  guint metric = view % 3; /* step, cost, power */
  static const char *const titles[GP_FABRIC_VIEW_N] = {
    N_("Glass fabric: step time against ports per accelerator"),
    N_("Glass fabric: cost per trained model against ports per accelerator"),
    N_("Glass fabric: wall power against ports per accelerator"),
    N_("Glass fabric: step time against per-port rate"),
    N_("Glass fabric: cost per trained model against per-port rate"),
    N_("Glass fabric: wall power against per-port rate"),
  };
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  if (c == NULL)
    return NULL;
  gp_chart_set_title (c, _(titles[view]), NULL);
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  if (by_rate)
    {
      gp_axis_init (x, GP_AXIS_LOG);
      gp_axis_set_text (x, _("Rate per port"), "Gb/s", "rate_per_port_gb_s", NULL);
    }
  else
    gp_axis_set_text (x, _("Ports per accelerator"), "", "ports_per_accelerator", NULL);
  if (metric == 0)
    gp_axis_set_text (y, _("Step time"), "s", "step_time_s", NULL);
  else if (metric == 1)
    gp_axis_set_text (y, _("Cost per model"), "USD", "cost_per_model_usd", NULL);
  else
    gp_axis_set_text (y, _("Power from the wall"), "W", "power_from_the_wall_w", NULL);
  for (int k = 0; k < GP_FABRIC_KIND_N; k++)
    {
      gp_series *ser = gp_chart_add_series (c, gp_fabric_kind_label (k), NULL);
      /* palette 4 (sky blue) is too near 0 (blue) beside it: the fat tree takes 5 */
      ser->color = k == GP_FABRIC_KIND_FAT_TREE ? 5 : k;
      ser->show_markers = true;
      int n = by_rate ? GP_FABRIC_SWEEP_RATES : GP_FABRIC_SWEEP_PORTS;
      for (int i = 0; i < n; i++)
        {
          const GpFabricPoint *p = by_rate ? &w->by_rate[k][i] : &w->by_ports[k][i];
          if (!p->ok)
            continue;
          double v = metric == 0 ? p->step_time_s : metric == 1 ? p->cost_usd : p->power_w;
          gp_series_append (ser, by_rate ? p->rate_gbps : (double) p->ports, v, NULL);
        }
    }
  g_autoptr (GString) cap = g_string_new (NULL);
  char rate[32];
  g_snprintf (rate, sizeof rate, "%g", w->own_rate_gbps);
  if (by_rate)
    g_string_printf (cap, _("%s, %ld accelerators, best plan at each point; %ld ports each "
                            "(more where the shape needs them: hypercube %ld)."),
                     w->system_name, w->accelerators, w->own_ports,
                     w->rate_sweep_ports[GP_FABRIC_KIND_HYPERCUBE]);
  else
    g_string_printf (cap, _("%s, %ld accelerators, best plan at each point; ports of %s Gb/s "
                            "(the system's own rate). A ring, torus or hypercube wires only the "
                            "ports its shape needs: more add their engines' cost, not speed."),
                     w->system_name, w->accelerators, rate);
  append_skipped (cap, w);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

static gp_chart *
build_speedup (const GpFabricSweep *w)
{
  gp_chart *c = gp_chart_new (GP_CHART_STACKED_BAR);
  if (c == NULL)
    return NULL;
  gp_chart_set_title (c, _("Glass fabric: optics speedup over a fat tree"), NULL);
  gp_axis_set_text (gp_chart_x_axis (c), _("Glass fabric"), "", "glass_fabric", NULL);
  gp_axis_set_text (gp_chart_y_axis (c), _("Speedup"), "x", "speedup", NULL);
  gp_chart_y_axis (c)->include_zero = true;
  /* Two bars per glass fabric, one per comparison: each series holds its own bars (the
   * other's are 0), so the colours tell them apart and nothing stacks. */
  /* English: a stacked series' name heads its CSV column (DESIGN.md, Translation). */
  gp_series *bw = gp_chart_add_series (c, "Same bandwidth", NULL);
  gp_series *cost = gp_chart_add_series (c, "Same interconnect cost", NULL);
  static const char *const short_names[] = { N_("ring"), N_("torus"), N_("hypercube"),
                                             N_("OCS") };
  for (int k = 0; k < GP_FABRIC_KIND_FAT_TREE; k++)
    {
      g_autofree char *a = g_strdup_printf (_("%s\nsame bw"), _(short_names[k]));
      g_autofree char *b = g_strdup_printf (_("%s\nsame cost"), _(short_names[k]));
      gp_chart_add_category (c, a, NULL);
      gp_series_append_value (bw, w->speedup[k].same_bandwidth, NULL);
      gp_series_append_value (cost, 0, NULL);
      gp_chart_add_category (c, b, NULL);
      gp_series_append_value (bw, 0, NULL);
      gp_series_append_value (cost, w->speedup[k].same_cost, NULL);
    }
  gp_chart_add_annotation (c, GP_ANNOT_HLINE, 0, 1, "", NULL);
  char rate[32];
  g_snprintf (rate, sizeof rate, "%g", w->own_rate_gbps);
  g_autoptr (GString) cap = g_string_new (NULL);
  g_string_printf (cap, _("%s, %ld accelerators, ports of %s Gb/s, best plan each. "
                          "Speedup = fat-tree step time / glass step time (dashed: 1), "
                          "against a non-blocking fat tree of 64-port switches with as many "
                          "ports (same bw) or with the interconnect capex closest to the "
                          "glass fabric's (same cost)."),
                   w->system_name, w->accelerators, rate);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

gp_chart *
gp_charts_build_fabric (GpSession *s, GpChartId id, guint variant)
{
  gboolean speedup = id == GP_CHART_ID_FABRIC_SPEEDUP;
  gp_chart_kind kind = speedup ? GP_CHART_STACKED_BAR : GP_CHART_LINE;
  const char *title = speedup ? _("Glass fabric: optics speedup over a fat tree")
                              : _("Glass fabric against ports and rate");
  const GpSystemEntry *e = gp_fabric_sweep_subject (s);
  if (e == NULL)
    return empty_chart (kind, title, _("No Lite-GPU system in the design: add one to see "
                                       "its glass fabric against ports and rate."));
  char key[65];
  digest_of (s, e, key);
  const GpFabricSweep *w = sweep_for (s, e, key);
  if (w == NULL)
    {
      g_autofree char *cap = g_strdup_printf (_("Computing the fabric sweep for %s..."),
                                              e->system.sys.name);
      return empty_chart (kind, title, cap);
    }
  if (speedup)
    return build_speedup (w);
  return build_sweep (w, MIN (variant, GP_FABRIC_VIEW_N - 1));
}
