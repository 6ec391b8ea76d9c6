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

#include "gp-session-private.h"

/* Fat tree of packet switches for the comparison: data/topologies.lua "dgx-h100-ndr"'s
 * scale-out figures (64-port NDR switches, 750 W and 25,000 USD each, non-blocking; 400G
 * optics 700 USD at 18.75 pJ/bit, fibre 100 USD), the optics priced per Gb/s of the port
 * rate (700 USD / 400 Gb/s). The circuit fabric: data/topologies.lua "glass-ocs-128"
 * (Palomar: 3 ms reconfiguration; estimates 500 USD, 0.8 W, 5 kgCO2e per switch port). */
#define FT_RADIX 64
#define FT_SWITCH_USD 25000.0
#define FT_SWITCH_W 750.0
#define FT_OPTICS_USD_PER_GBPS (700.0 / 400.0)
#define FT_CABLE_USD 100.0
#define FT_PJ_PER_BIT 18.75
#define OCS_PORT_USD 500.0
#define OCS_PORT_W 0.8
#define OCS_PORT_KG 5.0
#define OCS_RECONFIG_MS 3.0

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

gboolean
gp_fabric_sweep_apply (gp_system *s, int kind, long ports, double rate_gbps)
{
  gp_topology_params *t = &s->topology;
  const gp_topology_params keep = *t;
  t->scaleup_links_per_accel = ports;
  t->scaleup_link_rate_gbps = rate_gbps;
  switch (kind)
    {
    case GP_FABRIC_KIND_RING:
    case GP_FABRIC_KIND_TORUS:
    case GP_FABRIC_KIND_HYPERCUBE:
      t->kind = GP_TOPO_DIRECT_CONNECT;
      t->fabric_shape = kind == GP_FABRIC_KIND_RING    ? GP_FABRIC_RING
                        : kind == GP_FABRIC_KIND_TORUS ? GP_FABRIC_TORUS
                                                       : GP_FABRIC_HYPERCUBE;
      if (kind == GP_FABRIC_KIND_TORUS)
        t->torus_auto_dims = 3;
      break;
    case GP_FABRIC_KIND_CIRCUIT:
      t->kind = GP_TOPO_CIRCUIT_SWITCHED;
      if (keep.kind != GP_TOPO_CIRCUIT_SWITCHED)
        {
          t->ocs_port_cost_usd = OCS_PORT_USD;
          t->ocs_port_power_w = OCS_PORT_W;
          t->ocs_port_kgco2e = OCS_PORT_KG;
          t->ocs_reconfig_ms = OCS_RECONFIG_MS;
          t->circuit_mode = GP_CIRCUITS_AUTO;
          t->node_accels = 8;
        }
      /* every accelerator's port k on switch plane k */
      t->scaleup_switch_radix = MAX (t->scaleup_switch_radix, s->sys.accelerators);
      break;
    case GP_FABRIC_KIND_FAT_TREE:
      /* each accelerator a host with PORTS NIC ports of RATE into the tree */
      t->kind = GP_TOPO_FAT_TREE;
      t->node_accels = 1;
      t->scaleup_links_per_accel = 1;
      t->scaleout_ports_per_node = ports;
      t->scaleout_port_rate_gbps = rate_gbps;
      t->scaleout_switch_radix = FT_RADIX;
      t->scaleout_oversubscription = 1;
      t->scaleout_transceiver_cost_usd = FT_OPTICS_USD_PER_GBPS * rate_gbps;
      t->scaleout_cable_cost_usd = FT_CABLE_USD;
      t->scaleout_switch_cost_usd = FT_SWITCH_USD;
      t->scaleout_switch_power_w = FT_SWITCH_W;
      t->scaleout_energy_pj_per_bit = FT_PJ_PER_BIT;
      /* a packet-switched tree is priced by its switches and pluggables, not as glass */
      s->cost.glass_fabric = false;
      break;
    default: return FALSE;
    }
  return TRUE;
}

/* ---- the sweep ---- */

typedef struct {
  gp_system system;
  gp_study study;
  const gp_node *nodes;     /* borrowed: the session (the task's source) outlives the job */
  size_t n_nodes;
  GCancellable *cancellable;
  GpFabricSweep out;
} SweepJob;

/* One point: OK with its step, cost, power and interconnect capex, or FALSE (the fabric
 * cannot be built with these ports, or no plan fits) with ERR saying why. */
static gboolean
eval_point (const SweepJob *j, int kind, long ports, double rate, gp_system_result *r,
            gp_system_prepared *prep, gp_error *err)
{
  gp_system s = j->system;
  if (!gp_fabric_sweep_apply (&s, kind, ports, rate))
    return FALSE;
  if (gp_system_prepare (&s, &j->study, j->nodes, j->n_nodes, prep, err) != GP_OK)
    return FALSE;
  return gp_system_eval (&s, &j->study, prep, NULL, r, NULL, NULL, err) == GP_OK;
}

static void
note_skip (GpFabricSweep *w, int kind, const gp_error *err)
{
  if (w->skipped[kind][0] == '\0' && err->message[0])
    g_strlcpy (w->skipped[kind], err->message, sizeof w->skipped[kind]);
}

void
gp_fabric_sweep_run (const gp_system *sys, const gp_study *st, const gp_node *nodes,
                     size_t n_nodes, GCancellable *cancellable, GpFabricSweep *w)
{
  g_autofree SweepJob *j = g_new0 (SweepJob, 1);
  j->system = *sys;
  j->study = *st;
  j->nodes = nodes;
  j->n_nodes = n_nodes;
  memset (w, 0, sizeof *w);
  long n = sys->sys.accelerators;
  long d0 = MAX (sys->topology.scaleup_links_per_accel, 1);
  double r0 = sys->topology.scaleup_link_rate_gbps;
  w->accelerators = n;
  w->own_ports = d0;
  w->own_rate_gbps = r0;
  g_strlcpy (w->system_name, sys->sys.name, sizeof w->system_name);
  g_autofree gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  g_autofree gp_system_result *r = g_new0 (gp_system_result, 1);
  gp_error err;
  for (int k = 0; k < GP_FABRIC_KIND_N; k++)
    {
      long need = gp_fabric_kind_ports_needed (k, n);
      w->rate_sweep_ports[k] = need < 0 ? d0 : MAX (d0, need);
      for (int i = 0; i < GP_FABRIC_SWEEP_PORTS + GP_FABRIC_SWEEP_RATES; i++)
        {
          if (cancellable && g_cancellable_is_cancelled (cancellable))
            return;
          gboolean by_ports = i < GP_FABRIC_SWEEP_PORTS;
          long d = by_ports ? (long) sweep_ports[i] : w->rate_sweep_ports[k];
          double rate = by_ports ? r0 : sweep_rates[i - GP_FABRIC_SWEEP_PORTS];
          GpFabricPoint *p = by_ports ? &w->by_ports[k][i]
                                      : &w->by_rate[k][i - GP_FABRIC_SWEEP_PORTS];
          p->ports = d;
          p->rate_gbps = rate;
          memset (&err, 0, sizeof err);
          /* a shape that needs more ports than D is not built (and not evaluated) */
          if (need < 0 || d < need)
            {
              if (need < 0)
                g_snprintf (err.message, sizeof err.message,
                            _("a hypercube needs a power-of-two accelerator count"));
              else
                g_snprintf (err.message, sizeof err.message,
                            _("needs at least %ld ports per accelerator"), need);
              note_skip (w, k, &err);
              continue;
            }
          if (!eval_point (j, k, d, rate, r, prep, &err))
            {
              note_skip (w, k, &err);
              continue;
            }
          p->ok = TRUE;
          p->step_time_s = r->step.step_time_s;
          p->cost_usd = r->cost_to_train_usd;
          p->power_w = r->power_w;
          p->interconnect_usd = r->capex_usd_part[GP_CAPEX_INTERCONNECT];
        }
    }
  /* Optics speedup at the system's own rate: each glass fabric with its ports (its own
   * count, or what its shape needs) against the fat tree with as many ports (same
   * bandwidth) and against the fat tree of 1..16 ports whose interconnect capex is closest
   * to the glass fabric's (same cost). */
  GpFabricPoint tree[32];
  for (int p = 0; p < 16; p++)
    {
      if (cancellable && g_cancellable_is_cancelled (cancellable))
        return;
      tree[p].ok = eval_point (j, GP_FABRIC_KIND_FAT_TREE, p + 1, r0, r, prep, &err);
      tree[p].step_time_s = r->step.step_time_s;
      tree[p].interconnect_usd = r->capex_usd_part[GP_CAPEX_INTERCONNECT];
    }
  for (int k = 0; k < GP_FABRIC_KIND_FAT_TREE; k++)
    {
      GpFabricSpeedup *sp = &w->speedup[k];
      sp->ports = w->rate_sweep_ports[k];
      sp->same_bandwidth = sp->same_cost = NAN;
      GpFabricPoint glass = { 0 };
      memset (&err, 0, sizeof err);
      long need = gp_fabric_kind_ports_needed (k, n);
      if (need < 0 || !eval_point (j, k, sp->ports, r0, r, prep, &err))
        continue;
      glass.step_time_s = r->step.step_time_s;
      glass.interconnect_usd = r->capex_usd_part[GP_CAPEX_INTERCONNECT];
      sp->glass_interconnect_usd = glass.interconnect_usd;
      if (sp->ports <= 16 && tree[sp->ports - 1].ok)
        sp->same_bandwidth = tree[sp->ports - 1].step_time_s / glass.step_time_s;
      double best = INFINITY;
      for (int p = 0; p < 16; p++)
        if (tree[p].ok && fabs (tree[p].interconnect_usd - glass.interconnect_usd) < best)
          {
            best = fabs (tree[p].interconnect_usd - glass.interconnect_usd);
            sp->same_cost = tree[p].step_time_s / glass.step_time_s;
            sp->same_cost_tree_ports = p + 1;
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
