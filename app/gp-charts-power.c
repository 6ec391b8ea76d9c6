/* gp-charts-power.c: the power, memory and carbon charts of issue 18 (power density against
 * die size with the cooling limits, the memory hierarchy per accelerator by tier, embodied
 * carbon by part), and the cooling and memory-tier words of the comparison table. The
 * figures come from models/gp-system-parts.h on each system's current parameters; the
 * systems are prepared here (exact die counts and the topology; a few ms each), as the
 * session keeps its prepared state private. */
#include "gp-charts.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gp-system-parts.h"

/* A prepared copy of entry E's system on the session's study, or NULL (message in ERR). */
static gp_system_prepared *
prepare (GpSession *s, const GpSystemEntry *e, gp_error *err)
{
  size_t n_nodes;
  const gp_node *nodes = gp_session_get_nodes (s, &n_nodes);
  gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  if (gp_system_prepare (&e->system, gp_session_get_study (s), nodes, n_nodes, prep, err)
      != GP_OK)
    {
      g_free (prep);
      return NULL;
    }
  return prep;
}

static void
skip (GString *skipped, const GpSystemEntry *e, const char *why)
{
  g_string_append_printf (skipped, "%s%s: %s", skipped->len ? "; " : "", e->system.sys.name,
                          why);
}

static void
end_caption (gp_chart *c, GString *cap, GString *skipped)
{
  if (skipped->len)
    g_string_append_printf (cap, _(" Not shown: %s."), skipped->str);
  gp_chart_set_caption (c, cap->str, NULL);
}

/* ---- power density against die size ---- */

#define DENSITY_POINTS 41
#define DENSITY_MIN_MM2 50.0
#define DENSITY_MAX_MM2 1e5

/* Each system's die model re-sized from 50 mm2 to a whole wafer (gp-system-parts.h), its
 * own die starred, and each cooling class's heat flux: a labelled horizontal line at the
 * sink-base flux q_c, and dashed the die-average limit q_lim(A) that spreading through the
 * lid gives a die of each size (the limit the comparison checks). Class figures: the first
 * system's (data/power.lua, the same for every preset). */
static gp_chart *
build_density (GpSession *s)
{
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  gp_chart_set_title (c, _("Die power density against die size"), NULL);
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  gp_axis_init (x, GP_AXIS_LOG);
  gp_axis_set_text (x, _("Die area"), "mm2", "die_area_mm2", NULL);
  gp_axis_set_range (x, DENSITY_MIN_MM2, DENSITY_MAX_MM2, NULL);
  gp_axis_init (y, GP_AXIS_LINEAR);
  gp_axis_set_text (y, _("Density"), "W/mm2", "density_w_mm2", NULL);
  y->include_zero = true;
  double areas[DENSITY_POINTS];
  for (int i = 0; i < DENSITY_POINTS; i++)
    areas[i] = DENSITY_MIN_MM2 * pow (DENSITY_MAX_MM2 / DENSITY_MIN_MM2,
                                      i / (double) (DENSITY_POINTS - 1));
  g_autoptr (GString) skipped = g_string_new (NULL);
  double limits[GP_COOLING_N * DENSITY_POINTS];
  gboolean have_limits = FALSE;
  double ymax = 0;
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      gp_error err = { 0 };
      g_autofree gp_system_prepared *prep = prepare (s, e, &err);
      double q[DENSITY_POINTS];
      if (prep == NULL
          || gp_system_power_density_curve (&e->system, prep, areas, DENSITY_POINTS, q,
                                            have_limits ? NULL : limits, &err) != GP_OK)
        {
          skip (skipped, e, err.message);
          continue;
        }
      have_limits = TRUE;
      char name[GP_NAME_MAX + 32];
      g_snprintf (name, sizeof name, "%s (%s)", e->system.sys.name,
                  gp_family_names[e->system.sys.family]);
      gp_series *ser = gp_chart_add_series (c, name, NULL);
      ser->color = e->color;
      for (int i = 0; i < DENSITY_POINTS; i++)
        {
          gp_series_append (ser, areas[i], q[i], NULL);
          ymax = fmax (ymax, q[i]);
        }
      const gp_power_result *pr = &prep->power;
      if (pr->die_area_mm2 > 0)
        {
          gp_chart_add_annotation (c, GP_ANNOT_POINT, pr->die_area_mm2, pr->die_w_per_mm2,
                                   e->system.sys.name, NULL);
          ymax = fmax (ymax, pr->die_w_per_mm2);
        }
    }
  gp_power_params base;
  if (gp_session_get_n_systems (s) > 0)
    base = gp_session_get_system (s, 0)->system.power;
  else
    gp_power_params_init (&base);
  /* translators: the cooling classes as the legend names them */
  const char *const cls[GP_COOLING_N] = { N_("air"), N_("liquid"), N_("immersion") };
  for (int k = 0; k < GP_COOLING_N; k++)
    {
      double qc, pkg, rack, coolant;
      base.cooling = k;
      gp_power_class_limits (&base, &qc, &pkg, &rack, &coolant);
      char lab[96];
      g_snprintf (lab, sizeof lab, _("%s %.2g (sink)"), _(cls[k]), qc);
      gp_chart_add_annotation (c, GP_ANNOT_HLINE, NAN, qc, lab, NULL);
      ymax = fmax (ymax, qc);
      if (!have_limits)
        continue;
      g_snprintf (lab, sizeof lab, _("%s limit for the die"), _(cls[k]));
      gp_series *ser = gp_chart_add_series (c, lab, NULL);
      ser->dashed = TRUE;
      ser->color = 4 + k;
      for (int i = 0; i < DENSITY_POINTS; i++)
        gp_series_append (ser, areas[i], limits[k * DENSITY_POINTS + i], NULL);
    }
  /* the die-average limits rise steeply for small dies: keep the families readable */
  gp_axis_set_range (y, 0, ceil (1.6 * ymax * 4) / 4, NULL);
  g_autoptr (GString) cap = g_string_new (
    _("Solid: each system's die re-sized at its reference clock (per-mm2 power, memory and "
      "I/O held); stars: its own die. Dotted lines: each cooling class's flux at the sink "
      "base; dashed: what it allows a die of that size through the lid, the limit the "
      "comparison checks (data/power.lua). Systems on the same die design coincide."));
  end_caption (c, cap, skipped);
  return c;
}

/* ---- the memory hierarchy ---- */

/* Short tier names for the point labels (gp_memtier order). */
static const char *const tier_short[GP_MEMTIER_N] = {
  N_("SRAM"), N_("HBM"), N_("pool"), N_("host/ext."),
};

/* Capacity against bandwidth per accelerator, log-log: one line per system through its
 * tiers (gp_system_memory_tiers), each point labelled with its tier. */
static gp_chart *
build_memory (GpSession *s)
{
  gp_chart *c = gp_chart_new (GP_CHART_LINE);
  gp_chart_set_title (c, _("Memory hierarchy per accelerator"), NULL);
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  gp_axis_init (x, GP_AXIS_LOG);
  gp_axis_init (y, GP_AXIS_LOG);
  gp_axis_set_text (x, _("Capacity"), "GB", "capacity_gb", NULL);
  gp_axis_set_text (y, _("Bandwidth"), "GB/s", "bandwidth_gb_s", NULL);
  g_autoptr (GString) skipped = g_string_new (NULL);
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      if (!e->have_hardware && !e->have_result)
        {
          skip (skipped, e, e->message[0] ? e->message : _("no result"));
          continue;
        }
      gp_memtier_figures t[GP_MEMTIER_N];
      gp_system_memory_tiers (&e->system, &e->result, t);
      gp_series *ser = gp_chart_add_series (c, e->system.sys.name, NULL);
      ser->color = e->color;
      ser->show_markers = true;
      for (int k = 0; k < GP_MEMTIER_N; k++)
        if (t[k].capacity_gb > 0 && t[k].bw_gb_per_s > 0)
          {
            gp_series_append (ser, t[k].capacity_gb, t[k].bw_gb_per_s, NULL);
            gp_series_set_label (ser, ser->n - 1, _(tier_short[k]), NULL);
          }
      if (ser->n == 0)
        skip (skipped, e, _("no memory tier with capacity and bandwidth"));
    }
  g_autoptr (GString) cap = g_string_new (
    _("Each system's tiers per accelerator (per wafer for wafer-scale): on-die SRAM where the "
      "preset gives it, HBM or local memory, a pool over the fabric, and the host or external "
      "second tier (MemoryX) unless a pool replaces it. Host DRAM that is not an offload tier "
      "is not drawn."));
  end_caption (c, cap, skipped);
  return c;
}

/* ---- embodied carbon by part ---- */

static gp_chart *
build_embodied (GpSession *s)
{
  gp_chart *c = gp_chart_new (GP_CHART_STACKED_BAR);
  gp_chart_set_title (c, _("Embodied carbon of the machine by part"), NULL);
  gp_axis_set_text (gp_chart_x_axis (c), _("System"), "", "system", NULL);
  gp_axis_set_text (gp_chart_y_axis (c), _("Embodied"), "t CO2e", "embodied_t_co2e", NULL);
  gp_chart_y_axis (c)->include_zero = true;
  /* translators: parts of a machine's embodied carbon (gp_carbon_part order) */
  static const char *const names[GP_CARBON_PART_N] = {
    N_("logic dies"), N_("HBM"), N_("interposer / substrate"), N_("assembly and scrap"),
    N_("host DRAM and SSD"), N_("boards and power"), N_("cooling"), N_("other server parts"),
    N_("memory pool"), N_("fabric and optics"),
  };
  guint n = gp_session_get_n_systems (s);
  g_autofree double *kg = g_new0 (double, (gsize) MAX (n, 1) * GP_CARBON_PART_N);
  g_autofree gboolean *ok = g_new0 (gboolean, MAX (n, 1));
  g_autoptr (GString) skipped = g_string_new (NULL);
  double used[GP_CARBON_PART_N] = { 0 };
  for (guint j = 0; j < n; j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      gp_chart_add_category (c, e->system.sys.name, NULL);
      gp_error err = { 0 };
      if (!e->have_hardware && !e->have_result)
        {
          skip (skipped, e, e->message[0] ? e->message : _("no result"));
          continue;
        }
      g_autofree gp_system_prepared *prep = prepare (s, e, &err);
      double *row = kg + (gsize) j * GP_CARBON_PART_N;
      ok[j] = prep != NULL
              && gp_system_embodied_parts (&e->system, gp_session_get_study (s), prep,
                                           &e->result, row, &err) == GP_OK;
      if (!ok[j])
        skip (skipped, e, err.message);
      else
        for (int k = 0; k < GP_CARBON_PART_N; k++)
          used[k] += row[k];
    }
  /* only the parts some system has (no legend entry for a pool nobody uses) */
  for (int k = 0; k < GP_CARBON_PART_N; k++)
    {
      if (!(used[k] > 0))
        continue;
      /* English: a stacked series' name heads its CSV column (DESIGN.md, Translation). */
      gp_series *ser = gp_chart_add_series (c, names[k], NULL);
      ser->color = k;
      for (guint j = 0; j < n; j++)
        gp_series_append_value (ser, ok[j] ? 1e-3 * kg[(gsize) j * GP_CARBON_PART_N + k] : NAN,
                                NULL);
    }
  g_autoptr (GString) cap = g_string_new (
    _("Cradle-to-gate, the whole machine: packages by part (ACT per-area figures, HBM from "
      "DRAM wafers, carriers over their yields), servers' board-level parts, pools and the "
      "interconnect (data/carbon.lua). Bars sum to the table's embodied carbon."));
  end_caption (c, cap, skipped);
  return c;
}

gp_chart *
gp_charts_build_power (GpSession *s, GpChartId id)
{
  switch (id)
    {
    case GP_CHART_ID_MEMORY_TIERS: return build_memory (s);
    case GP_CHART_ID_EMBODIED_PARTS: return build_embodied (s);
    default: return build_density (s);
    }
}

/* ---- words for the comparison table ---- */

static void
append_bw (GString *out, double gb_per_s)
{
  if (gb_per_s >= 1e6)
    g_string_append_printf (out, _("%.3g PB/s"), gb_per_s / 1e6);
  else if (gb_per_s >= 1e3)
    g_string_append_printf (out, _("%.3g TB/s"), gb_per_s / 1e3);
  else
    g_string_append_printf (out, _("%.3g GB/s"), gb_per_s);
}

char *
gp_cooling_describe (const GpSystemEntry *e)
{
  if (!e->have_hardware && !e->have_result)
    return g_strdup ("");
  const gp_system_result *r = &e->result;
  const char *cls = r->cooling >= 0 && r->cooling < GP_COOLING_N ? gp_cooling_names[r->cooling]
                                                                  : "?";
  if (r->limits[0])
    return g_strdup_printf ("%s: %s", cls, r->limits);
  return g_strdup_printf (_("%s: within its limits (%.2g of %.2g W/mm2 for the die)"), cls,
                          r->die_w_per_mm2, r->die_limit_w_per_mm2);
}

char *
gp_memory_tiers_describe (const GpSystemEntry *e)
{
  if (!e->have_hardware && !e->have_result)
    return g_strdup ("");
  gp_memtier_figures t[GP_MEMTIER_N];
  gp_system_memory_tiers (&e->system, &e->result, t);
  GString *out = g_string_new (NULL);
  for (int k = 0; k < GP_MEMTIER_N; k++)
    {
      if (!(t[k].capacity_gb > 0))
        continue;
      g_string_append_printf (out, "%s%s %.4g GB", out->len ? "; " : "", _(tier_short[k]),
                              t[k].capacity_gb);
      if (t[k].bw_gb_per_s > 0)
        {
          g_string_append (out, _(" at "));
          append_bw (out, t[k].bw_gb_per_s);
        }
      if (k == GP_MEMTIER_POOL && e->result.pool_latency_ns > 0)
        g_string_append_printf (out, _(" (%.0f ns)"), e->result.pool_latency_ns);
    }
  if (!(t[GP_MEMTIER_POOL].capacity_gb > 0))
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("no pool"));
  return g_string_free (out, FALSE);
}
