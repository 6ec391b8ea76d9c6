/* gp-charts.c: the explorer's charts built from a session (see gp-charts.h). Each builder
 * reads the systems' latest results and the sweeps the session keeps; only the
 * interconnect sweep (topology arithmetic, allocation-free) and the wafer map (one exact
 * count and one Monte Carlo wafer) compute anything here. */
#include "gp-charts.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gp-link.h"
#include "gp-power.h"
#include "gp-presets.h"
#include "gp-topology.h"
#include "gp-wafer.h"
#include "gp-yield.h"

static const char *const chart_keys[GP_CHART_ID_N] = {
  "capex", "power", "carbon_per_model", "step_time", "time_to_train_scaling",
  "pareto_cost_time", "interconnect_power", "die_cost_per_pflops", "die_yield",
  "link_budget", "wafer_map", "uncertainty_cost_time", "tornado_cost_per_model",
  "break_even_fabric_energy", "power_density", "memory_tiers", "embodied_by_part",
  "inference_latency_throughput",
  "inference_cost_per_mtoken", "inference_tokens_per_joule", "inference_memory",
  "glass_fabric_sweep", "glass_fabric_speedup", "comparison",
};

const char *
gp_chart_id_key (GpChartId id)
{
  g_return_val_if_fail (id < GP_CHART_ID_N, "chart");
  return chart_keys[id];
}

gboolean
gp_chart_id_is_selected_only (GpChartId id)
{
  return id == GP_CHART_ID_LINK_BUDGET || id == GP_CHART_ID_WAFER_MAP
         || id == GP_CHART_ID_TORNADO || id == GP_CHART_ID_FABRIC_SWEEP
         || id == GP_CHART_ID_FABRIC_SPEEDUP;
}

gboolean
gp_chart_id_is_inference (GpChartId id)
{
  return id == GP_CHART_ID_INFERENCE_LATENCY || id == GP_CHART_ID_INFERENCE_COST
         || id == GP_CHART_ID_INFERENCE_ENERGY || id == GP_CHART_ID_INFERENCE_MEMORY;
}

#define SECONDS_PER_DAY 86400.0

/* ---- metrics ---- */

static double m_accel (const gp_system_result *r) { return (double) r->accelerators; }
static double m_peak (const gp_system_result *r) { return r->peak_pflops; }
static double m_capex (const gp_system_result *r) { return r->capex_usd; }
static double m_net_share (const gp_system_result *r) { return r->network_share; }
static double m_power (const gp_system_result *r) { return r->power_w; }
static double m_step (const gp_system_result *r) { return r->step.step_time_s; }
static double m_mfu (const gp_system_result *r) { return r->step.mfu; }
static double m_ttt (const gp_system_result *r) { return r->effective_time_to_train_s; }
static double m_goodput (const gp_system_result *r) { return r->goodput; }
static double m_cost (const gp_system_result *r) { return r->cost_to_train_usd; }
static double m_energy (const gp_system_result *r) { return r->energy_to_train_j; }
static double m_carbon (const gp_system_result *r) { return r->carbon_to_train_kg; }
static double m_embodied (const gp_system_result *r) { return r->embodied_kg; }
static double m_pfl_usd (const gp_system_result *r) { return r->pflops_per_musd; }
static double m_pfl_kw (const gp_system_result *r) { return r->pflops_per_kw; }
static double m_cpf_pkg (const gp_system_result *r) { return r->usd_per_pflops_package; }
static double m_cpf_acc (const gp_system_result *r) { return r->usd_per_pflops_accel; }
static double m_cpf_sys (const gp_system_result *r) { return r->usd_per_pflops_system; }
static double m_yield (const gp_system_result *r) { return r->die_yield; }
static double m_pkg (const gp_system_result *r) { return r->package_cost_usd; }
static double m_blast (const gp_system_result *r) { return r->blast_radius_share; }
static double m_density (const gp_system_result *r) { return r->die_w_per_mm2; }
static double m_flux_limit (const gp_system_result *r) { return r->die_limit_w_per_mm2; }
static double m_clock (const gp_system_result *r) { return r->clock_ratio; }
static double m_rack (const gp_system_result *r) { return r->rack_power_w; }
static double m_inf_user (const GpSystemEntry *e) { return gp_inference_metric (e, GP_INFERENCE_USER_TOKENS_PER_S); }
static double m_inf_usd (const GpSystemEntry *e) { return gp_inference_metric (e, GP_INFERENCE_USD_PER_MTOKEN); }
static double m_inf_tpj (const GpSystemEntry *e) { return gp_inference_metric (e, GP_INFERENCE_TOKENS_PER_JOULE); }

static double
m_p_cheaper (const GpSystemEntry *e)
{
  return e->uq.valid ? e->uq.p_cheaper : NAN;
}

static const GpMetric metrics[] = {
  { N_("Accelerators"), "", "accelerators", 1, TRUE, m_accel },
  { N_("Peak compute"), "PFLOP/s", "peak_pflops", 1, TRUE, m_peak },
  { N_("Capital cost (in the study's cost basis)"), "M USD", "capex_musd", 1e-6, FALSE, m_capex },
  { N_("Power from the wall"), "MW", "power_mw", 1e-6, FALSE, m_power },
  { N_("Step time"), "s", "step_time_s", 1, FALSE, m_step },
  { "MFU", "%", "mfu_pct", 100, TRUE, m_mfu },
  { N_("Time to train (with failures)"), "days", "effective_time_to_train_days",
    1.0 / SECONDS_PER_DAY, FALSE, m_ttt },
  { N_("Goodput"), "%", "goodput_pct", 100, TRUE, m_goodput },
  { N_("Cost per trained model"), "M USD", "cost_to_train_musd", 1e-6, FALSE, m_cost },
  { N_("P(cheaper per model than baseline)"), "%", "p_cheaper_than_baseline_pct", 100, TRUE, NULL,
    m_p_cheaper },
  { N_("Energy per trained model"), "MWh", "energy_to_train_mwh", 1.0 / 3.6e9, FALSE, m_energy },
  { N_("Carbon per trained model"), "t CO2e", "carbon_to_train_t", 1e-3, FALSE, m_carbon },
  { N_("Embodied carbon of the machine"), "t CO2e", "embodied_t", 1e-3, FALSE, m_embodied },
  { N_("Peak compute per cost"), "PFLOP/s per M USD", "pflops_per_musd", 1, TRUE, m_pfl_usd },
  /* cost per compute, the three definitions of models/gp-compute-cost.h */
  { N_("Cost per PFLOP/s: per good package"), "k USD", "usd_per_pflops_package_k", 1e-3, FALSE,
    m_cpf_pkg },
  { N_("Cost per PFLOP/s: per accelerator (+ server, fabric)"), "k USD",
    "usd_per_pflops_accel_k", 1e-3, FALSE, m_cpf_acc },
  { N_("Cost per PFLOP/s: per system (capex)"), "k USD", "usd_per_pflops_system_k", 1e-3, FALSE,
    m_cpf_sys },
  { N_("Peak compute per power"), "PFLOP/s per kW", "pflops_per_kw", 1, TRUE, m_pfl_kw },
  { N_("Main die yield"), "%", "die_yield_pct", 100, TRUE, m_yield },
  { N_("Cost per good package"), "USD", "package_cost_usd", 1, FALSE, m_pkg },
  { N_("Share lost per failure"), "%", "blast_radius_pct", 100, FALSE, m_blast },
  { N_("Network share of capital cost"), "%", "network_share_pct", 100, FALSE, m_net_share },
  { N_("Die power density"), "W/mm2", "die_w_per_mm2", 1, FALSE, m_density },
  { N_("Cooling limit for the die"), "W/mm2", "die_limit_w_per_mm2", 1, TRUE, m_flux_limit },
  { N_("Clock sustained under cooling"), "%", "clock_ratio_pct", 100, TRUE, m_clock },
  { N_("Rack power"), "kW", "rack_power_kw", 1e-3, FALSE, m_rack },
  /* the inference study (gp-serving.h): figures of the entry, not of the training result */
  { N_("Serving: tokens/s per user (batch 1)"), "tokens/s", "serving_user_tokens_per_s", 1, TRUE,
    NULL, m_inf_user },
  { N_("Serving: cost per million tokens"), "USD", "serving_usd_per_mtoken", 1, FALSE, NULL,
    m_inf_usd },
  { N_("Serving: tokens per joule"), "tokens/J", "serving_tokens_per_joule", 1, TRUE, NULL,
    m_inf_tpj },
};

guint
gp_metrics_n (void)
{
  return G_N_ELEMENTS (metrics);
}

const GpMetric *
gp_metric (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (metrics), NULL);
  return &metrics[i];
}

/* The metrics that need no plan: shown from the hardware alone when no plan fits. */
static gboolean
metric_is_hardware (const GpMetric *m)
{
  static const char *const keys[] = {
    "accelerators", "peak_pflops", "capex_musd", "power_mw", "embodied_t", "pflops_per_musd",
    "usd_per_pflops_package_k", "usd_per_pflops_accel_k", "usd_per_pflops_system_k",
    "pflops_per_kw", "die_yield_pct", "package_cost_usd", "network_share_pct",
    "die_w_per_mm2", "die_limit_w_per_mm2", "clock_ratio_pct", "rack_power_kw",
  };
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (g_str_equal (m->key, keys[k]))
      return TRUE;
  return FALSE;
}

double
gp_metric_value (guint i, const GpSystemEntry *e)
{
  if (e == NULL || i >= G_N_ELEMENTS (metrics))
    return NAN;
  if (!e->have_result)
    {
      /* Without a plan only the hardware's figures; one the hardware pass leaves at 0 was
       * not computed there. */
      if (!e->have_hardware || metrics[i].get == NULL || !metric_is_hardware (&metrics[i]))
        return NAN;
      double v = metrics[i].get (&e->result) * metrics[i].scale;
      return v > 0 ? v : NAN;
    }
  if (metrics[i].get_entry)
    return metrics[i].get_entry (e) * metrics[i].scale;
  return metrics[i].get (&e->result) * metrics[i].scale;
}

double
gp_metric_ratio (guint i, const GpSystemEntry *e, const GpSystemEntry *baseline)
{
  if (i < G_N_ELEMENTS (metrics) && metrics[i].get_entry)
    return NAN;
  double v = gp_metric_value (i, e), b = gp_metric_value (i, baseline);
  if (!isfinite (v) || !isfinite (b) || b == 0)
    return NAN;
  return v / b;
}

void
gp_metric_format (double v, char *buf, gsize len)
{
  if (!isfinite (v))
    g_strlcpy (buf, "—", len);
  else if (fabs (v) >= 1e7)
    gp_format_si (v, 4, buf, len);
  else if (fabs (v) >= 1e4 || v == floor (v))
    g_snprintf (buf, len, "%.0f", v);
  else
    g_snprintf (buf, len, "%.4g", v);
}

void
gp_plan_describe (const gp_plan *p, char *buf, gsize len)
{
  static const char *const rc[] = { "no recompute", "selective recompute", "full recompute" };
  char ep[48] = "";
  if (p->ep > 1)
    g_snprintf (ep, sizeof ep, " (ep %ld%s)", p->ep, p->ep_overlap ? ", overlapped" : "");
  g_snprintf (buf, len, "tp %ld cp %ld pp %ld dp %ld%s, b %ld, v %ld, %s%s, ZeRO %ld%s%s", p->tp,
              p->cp, p->pp, p->dp, ep, p->microbatch_seqs, p->interleave,
              p->recompute >= 0 && p->recompute < 3 ? rc[p->recompute] : "?",
              p->seq_parallel ? ", seq. parallel" : "", p->zero_stage,
              p->offload_weights || p->offload_activations || p->offload_optimizer
                ? ", offload" : "",
              p->dp_overlap ? ", DP overlap" : "");
}

static const GpSystemEntry *
baseline_entry (GpSession *s)
{
  const GpSystemEntry *b = gp_session_find_system (s, gp_session_get_baseline_id (s));
  return b ? b : (gp_session_get_n_systems (s) ? gp_session_get_system (s, 0) : NULL);
}

char *
gp_comparison_tsv (GpSession *s)
{
  /* A file (the clipboard's and the report's): English with '.' whatever the user's language
   * and locale. The describe helpers translate for the screen, so the C locale is this
   * thread's while the text is written (gettext answers in English under it). */
  locale_t c_loc = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  locale_t old_loc = c_loc ? uselocale (c_loc) : (locale_t) 0;
  GString *out = g_string_new ("Metric\tUnit");
  guint n = gp_session_get_n_systems (s);
  const GpSystemEntry *base = baseline_entry (s);
  for (guint j = 0; j < n; j++)
    g_string_append_printf (out, "\t%s", gp_session_get_system (s, j)->system.sys.name);
  for (guint j = 0; j < n; j++)
    g_string_append_printf (out, "\t%s / %s", gp_session_get_system (s, j)->system.sys.name,
                            base ? base->system.sys.name : "");
  g_string_append_c (out, '\n');
  for (guint i = 0; i < gp_metrics_n (); i++)
    {
      g_string_append_printf (out, "%s\t%s", metrics[i].label, metrics[i].unit);
      for (guint j = 0; j < n; j++)
        {
          double v = gp_metric_value (i, gp_session_get_system (s, j));
          char num[G_ASCII_DTOSTR_BUF_SIZE];
          if (isfinite (v)) /* '.' whatever the locale: the report writes this to a file */
            g_string_append_printf (out, "\t%s", g_ascii_formatd (num, sizeof num, "%.6g", v));
          else
            g_string_append (out, "\t");
        }
      for (guint j = 0; j < n; j++)
        {
          double r = gp_metric_ratio (i, gp_session_get_system (s, j), base);
          char num[G_ASCII_DTOSTR_BUF_SIZE];
          if (isfinite (r))
            g_string_append_printf (out, "\t%s", g_ascii_formatd (num, sizeof num, "%.4g", r));
          else
            g_string_append (out, "\t");
        }
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "Binding constraint\t");
  for (guint j = 0; j < n; j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      g_string_append_printf (out, "\t%s", e->have_result ? e->result.binding : e->message);
    }
  g_string_append (out, "\nCooling and limits\t");
  for (guint j = 0; j < n; j++)
    {
      g_autofree char *w = gp_cooling_describe (gp_session_get_system (s, j));
      g_string_append_printf (out, "\t%s", w);
    }
  g_string_append (out, "\nMemory tiers per accelerator\t");
  for (guint j = 0; j < n; j++)
    {
      g_autofree char *w = gp_memory_tiers_describe (gp_session_get_system (s, j));
      g_string_append_printf (out, "\t%s", w);
    }
  g_string_append (out, "\nPlan\t");
  for (guint j = 0; j < n; j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      char plan[160] = "";
      if (e->have_result)
        gp_plan_describe (&e->result.plan, plan, sizeof plan);
      g_string_append_printf (out, "\t%s", plan);
    }
  g_string_append_c (out, '\n');
  if (old_loc)
    uselocale (old_loc);
  if (c_loc)
    freelocale (c_loc);
  return g_string_free (out, FALSE);
}

/* ---- builders ---- */

static gp_chart *
new_chart (gp_chart_kind kind, const char *title, const char *caption)
{
  gp_chart *c = gp_chart_new (kind);
  if (c == NULL)
    return NULL;
  gp_chart_set_title (c, title, NULL);
  if (caption)
    gp_chart_set_caption (c, caption, NULL);
  return c;
}

/* Systems with a result, as category names; SKIPPED lists the ones left out. */
static void
add_system_categories_for (GpSession *s, gp_chart *c, GString *skipped, gboolean hardware)
{
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      gp_chart_add_category (c, e->system.sys.name, NULL);
      if (!(hardware ? e->have_hardware : e->have_result))
        {
          const char *why = e->state == GP_SYSTEM_PENDING ? _("searching for a plan") : e->message;
          /* Model messages already start with the system's name ("cs-3: ..."). */
          size_t nl = strlen (e->system.sys.name);
          gboolean named = strncmp (why, e->system.sys.name, nl) == 0 && why[nl] == ':';
          g_string_append_printf (skipped, "%s%s%s%s", skipped->len ? "; " : "",
                                  named ? "" : e->system.sys.name, named ? "" : ": ", why);
        }
    }
}


static void
finish_caption (gp_chart *c, GString *caption, GString *skipped)
{
  if (skipped->len)
    g_string_append_printf (caption, _("%sNot shown: %s."), caption->len ? " " : "",
                            skipped->str);
  gp_chart_set_caption (c, caption->str, NULL);
}

typedef double (*part_fn) (const GpSystemEntry *e, int k);

static gp_chart *
stacked_for (GpSession *s, const char *title, const char *ylabel, const char *yunit,
             const char *const *names, int n_parts, part_fn value, const char *caption_text,
             gboolean hardware)
{
  gp_chart *c = new_chart (GP_CHART_STACKED_BAR, title, NULL);
  g_autoptr (GString) skipped = g_string_new (NULL);
  g_autoptr (GString) caption = g_string_new (caption_text ? caption_text : "");
  add_system_categories_for (s, c, skipped, hardware);
  gp_axis_set_text (gp_chart_x_axis (c), _("System"), "", "system", NULL);
  gp_axis_set_text (gp_chart_y_axis (c), ylabel, yunit, NULL, NULL);
  gp_chart_y_axis (c)->include_zero = true;
  for (int k = 0; k < n_parts; k++)
    {
      gp_series *ser = gp_chart_add_series (c, names[k], NULL);
      for (guint j = 0; j < gp_session_get_n_systems (s); j++)
        {
          const GpSystemEntry *e = gp_session_get_system (s, j);
          gp_series_append_value (ser, (hardware ? e->have_hardware : e->have_result) ? value (e, k)
                                                                            : NAN, NULL);
        }
    }
  finish_caption (c, caption, skipped);
  return c;
}

/* Figures of a trained plan; capex and power use stacked_for (..., TRUE): the hardware's
 * own, shown even when no plan fits. */
static gp_chart *
stacked (GpSession *s, const char *title, const char *ylabel, const char *yunit,
         const char *const *names, int n_parts, part_fn value, const char *caption_text)
{
  return stacked_for (s, title, ylabel, yunit, names, n_parts, value, caption_text, FALSE);
}

static double capex_line (const GpSystemEntry *e, int k) { return e->result.capex_usd_line[k]; }
static double power_part (const GpSystemEntry *e, int k) { return e->result.power_w_part[k]; }

/* Carbon per trained model: the amortised embodied share split like the machine's
 * embodied carbon, then the operational carbon. */
static double
carbon_part (const GpSystemEntry *e, int k)
{
  /* In tonnes, as the comparison table has it (the model's figures are kg). */
  const gp_system_result *r = &e->result;
  if (k == GP_EMBODIED_N)
    return r->operational_kg * 1e-3;
  return r->embodied_kg > 0
             ? 1e-3 * r->embodied_share_kg * r->embodied_kg_part[k] / r->embodied_kg
             : NAN;
}

static double
step_part (const GpSystemEntry *e, int k)
{
  double where[GP_WHERE_N];
  gp_steptime_where (&e->result.step, where);
  return k >= 0 && k < GP_WHERE_N ? where[k] : 0.0;
}

static gp_chart *
build_carbon (GpSession *s)
{
  const char *names[GP_EMBODIED_N + 1];
  static char labels[GP_EMBODIED_N][64];
  for (int k = 0; k < GP_EMBODIED_N; k++)
    {
      g_snprintf (labels[k], sizeof labels[k], "embodied: %s", gp_embodied_part_names[k]);
      names[k] = labels[k];
    }
  names[GP_EMBODIED_N] = "operational";
  char cap[200];
  g_snprintf (cap, sizeof cap,
              _("Embodied carbon amortised over the run's share of the lifetime; operational at "
              "%.0f gCO2e/kWh with PUE."),
              gp_session_get_study (s)->grid_ci_g_per_kwh);
  return stacked (s, _("Carbon per trained model"), _("Carbon"), "t CO2e", names, GP_EMBODIED_N + 1,
                  carbon_part, cap);
}

static gp_chart *
build_steptime (GpSession *s)
{
  g_autoptr (GString) cap = g_string_new (_("Binding constraint: "));
  gboolean any = FALSE;
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      if (!e->have_result)
        continue;
      g_string_append_printf (cap, "%s%s — %s", any ? "; " : "", e->system.sys.name,
                              e->result.binding);
      any = TRUE;
    }
  if (!any)
    g_string_truncate (cap, 0);
  else
    g_string_append_c (cap, '.');
  return stacked (s, _("Where the step goes"), _("Step time"), "s", gp_where_names, GP_WHERE_N,
                  step_part, cap->str);
}

static void
style_system_series (gp_series *ser, const GpSystemEntry *e)
{
  ser->color = e->color;
  ser->show_markers = true;
}

static gp_chart *
build_scaling (GpSession *s, gboolean pareto)
{
  gp_chart *c = pareto ? new_chart (GP_CHART_SCATTER, _("Cost against time to train"), NULL)
                       : new_chart (GP_CHART_LINE, _("Time to train against accelerator count"),
                                    NULL);
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  if (pareto)
    {
      gp_axis_init (x, GP_AXIS_LOG);
      gp_axis_init (y, GP_AXIS_LOG);
      gp_axis_set_text (x, _("Time to train"), "days", "time_to_train_days", NULL);
      gp_axis_set_text (y, _("Cost per model"), "USD", "cost_per_model_usd", NULL);
      gp_chart_set_pareto (c, true, true, true);
    }
  else
    {
      gp_axis_init (x, GP_AXIS_LOG);
      gp_axis_init (y, GP_AXIS_LOG);
      gp_axis_set_text (x, _("Accelerators"), "", "accelerators", NULL);
      gp_axis_set_text (y, _("Time to train"), "days", "time_to_train_days", NULL);
    }
  g_autoptr (GString) skipped = g_string_new (NULL);
  g_autoptr (GString) band_inputs = g_string_new (NULL);
  long band_samples = 0;
  gboolean busy = gp_session_get_busy (s);
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      if (!e->have_scaling)
        {
          g_string_append_printf (skipped, "%s%s", skipped->len ? ", " : "",
                                  e->system.sys.name);
          continue;
        }
      gp_series *ser = gp_chart_add_series (c, e->system.sys.name, NULL);
      style_system_series (ser, e);
      /* The bands belong to this sweep when they cover its counts (a new sweep drops them
       * until the uncertainty job has run over it). */
      gboolean banded = !pareto && e->bands.valid && e->bands.n == e->scaling.n;
      for (int k = 0; banded && k < e->scaling.n; k++)
        banded = e->bands.accelerators[k] == e->scaling.accelerators[k];
      if (banded)
        {
          band_samples = e->bands.band_samples;
          /* The union of the systems' inputs, each named once. */
          g_auto (GStrv) names = g_strsplit (e->bands.inputs, ", ", -1);
          for (char **n = names; *n; n++)
            {
              g_autofree char *sep = g_strconcat (", ", *n, ",", NULL);
              g_autofree char *have = g_strconcat (", ", band_inputs->str, ",", NULL);
              if ((*n)[0] && !strstr (have, sep))
                g_string_append_printf (band_inputs, "%s%s", band_inputs->len ? ", " : "", *n);
            }
        }
      for (int k = 0; k < e->scaling.n; k++)
        {
          if (!e->scaling.ok[k])
            continue;
          double days = e->scaling.effective_time_s[k] / SECONDS_PER_DAY;
          if (pareto)
            {
              gp_series_append (ser, days, e->scaling.cost_to_train_usd[k], NULL);
              char lbl[32];
              g_snprintf (lbl, sizeof lbl, "%.0f", e->scaling.accelerators[k]);
              if (e->scaling.accelerators[k] == (double) e->system.sys.accelerators)
                gp_series_set_label (ser, ser->n - 1, lbl, NULL);
            }
          else if (banded)
            gp_series_append_band (ser, e->scaling.accelerators[k], days,
                                   e->bands.lo_s[k] / SECONDS_PER_DAY,
                                   e->bands.hi_s[k] / SECONDS_PER_DAY, NULL);
          else
            gp_series_append (ser, e->scaling.accelerators[k], days, NULL);
        }
      if (!pareto && e->have_result)
        gp_chart_add_annotation (c, GP_ANNOT_POINT, (double) e->result.accelerators,
                                 e->result.effective_time_to_train_s / SECONDS_PER_DAY,
                                 NULL, NULL);
    }
  g_autoptr (GString) cap = g_string_new (
    pareto ? _("Time to train with failures (goodput). Each point is one accelerator count of the scaling sweep (1/8x to 8x the "
             "design, best plan each); the line joins the Pareto-optimal points; the "
             "design's own count is labelled.")
           : _("Best plan found for each count (the study's search space); the star marks the "
             "design; failures enter through goodput."));
  if (band_samples > 0)
    g_string_append_printf (cap,
                            _(" Bands: 5th–95th percentiles of %ld samples per point over %s "
                            "(MT19937, seed 1; distributions from data/uncertainty.lua), the "
                            "plan found at each count fixed."),
                            band_samples, band_inputs->len ? band_inputs->str : _("no inputs"));
  if (skipped->len)
    g_string_append_printf (cap, busy ? _(" Updating: %s.") : _(" No sweep for %s."), skipped->str);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

/* The topology as the system model evaluates it: count equal to the system's, and the
 * scale-up energy per bit from the link model when the system uses it. */
static void
effective_topology (const gp_system *sys, gp_topology_params *t)
{
  *t = sys->topology;
  t->accelerators = sys->topology.accelerators;
  if (sys->sys.use_scaleup_link)
    {
      gp_link_result lr;
      if (gp_link_eval (&sys->link, &lr, NULL) == GP_OK)
        t->scaleup_energy_pj_per_bit = lr.total_pj_per_bit;
    }
}

static gp_chart *
build_interconnect (GpSession *s)
{
  gp_chart *c = new_chart (GP_CHART_LINE, _("Interconnect power against bandwidth"), NULL);
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  gp_axis_init (x, GP_AXIS_LOG);
  gp_axis_init (y, GP_AXIS_LOG);
  gp_axis_set_text (x, _("Bandwidth / accelerator"), "Gb/s", "bandwidth_accelerator_gb_s", NULL);
  gp_axis_set_text (y, _("Interconnect power / accel."), "W", "interconnect_power_accel_w", NULL);
  static const double factors[] = { 0.25, 0.35, 0.5, 0.7, 1, 1.4, 2, 2.8, 4 };
  g_autoptr (GString) skipped = g_string_new (NULL);
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      gp_topology_params t;
      effective_topology (&e->system, &t);
      gp_topology_result tr;
      gp_error err = { 0 };
      if (gp_topology_eval (&t, &tr, &err) != GP_OK)
        {
          g_string_append_printf (skipped, "%s%s: %s", skipped->len ? "; " : "",
                                  e->system.sys.name, err.message);
          continue;
        }
      gp_series *ser = gp_chart_add_series (c, e->system.sys.name, NULL);
      style_system_series (ser, e);
      /* A wafer-scale system's fabric is on the wafer: what it buys is scale-out ports. */
      gboolean wafer = t.kind == GP_TOPO_WAFER_SCALE;
      double *rate = wafer ? &t.scaleout_port_rate_gbps : &t.scaleup_link_rate_gbps;
      double rate0 = *rate;
      for (guint k = 0; k < G_N_ELEMENTS (factors); k++)
        {
          *rate = rate0 * factors[k];
          if (gp_topology_eval (&t, &tr, NULL) == GP_OK)
            gp_series_append (ser, tr.level[wafer ? tr.n_levels - 1 : 0].bw_gbps,
                              tr.power_w_per_accel, NULL);
        }
      *rate = rate0;
      if (gp_topology_eval (&t, &tr, NULL) == GP_OK)
        gp_chart_add_annotation (c, GP_ANNOT_POINT, tr.level[wafer ? tr.n_levels - 1 : 0].bw_gbps,
                                 tr.power_w_per_accel, NULL, NULL);
    }
  g_autoptr (GString) cap = g_string_new (
    _("The scale-up port rate swept from 1/4x to 4x the design's (star); for wafer-scale "
    "systems, whose fabric is on the wafer, the scale-out port rate. Power of the whole "
    "fabric (links, switches, scale-out) per accelerator."));
  if (skipped->len)
    g_string_append_printf (cap, _(" Not shown: %s."), skipped->str);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

static gp_chart *
build_die (GpSession *s, gboolean yield)
{
  gp_chart *c = new_chart (GP_CHART_LINE,
                           yield ? _("Die yield against die area")
                                 : _("Cost per good die per PFLOP/s against die area"),
                           NULL);
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  gp_axis_init (x, GP_AXIS_LOG);
  gp_axis_set_text (x, _("Die area"), "mm2", "die_area_mm2", NULL);
  gp_axis_set_range (x, 10, 1e5, NULL);
  if (yield)
    {
      gp_axis_init (y, GP_AXIS_LINEAR);
      gp_axis_set_text (y, _("Yield"), "", "yield", NULL);
      gp_axis_set_range (y, 0, 1, NULL);
    }
  else
    {
      gp_axis_init (y, GP_AXIS_LOG);
      gp_axis_set_text (y, _("Cost per good die per PFLOP/s"), "USD",
                        "cost_per_good_die_per_pflop_s_usd", NULL);
    }
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      const GpDieCurve *dc = &e->die_curve;
      if (!dc->valid)
        continue;
      /* Yield depends on the node alone: systems on one node share one curve. */
      gboolean shared = FALSE;
      for (guint i = 0; yield && i < j; i++)
        shared |= gp_session_get_system (s, i)->die_curve.valid
                  && strcmp (gp_session_get_system (s, i)->die_curve.node, dc->node) == 0;
      if (!shared)
        {
          char name[GP_NAME_MAX * 2 + 16];
          if (yield)
            g_snprintf (name, sizeof name, _("%s (D0 and alpha of the node)"), dc->node);
          else
            g_snprintf (name, sizeof name, "%s (%s)", e->system.sys.name, dc->node);
          gp_series *ser = gp_chart_add_series (c, name, NULL);
          ser->color = yield ? (int) j : e->color;
          for (int k = 0; k < dc->n; k++)
            gp_series_append (ser, dc->area_mm2[k],
                              yield ? dc->yield[k] : dc->usd_per_pflops[k], NULL);
        }
      double py = yield ? dc->die_yield : dc->die_usd_per_pflops;
      if (isfinite (py) && py > 0)
        gp_chart_add_annotation (c, GP_ANNOT_POINT, dc->die_area_mm2, py, e->system.sys.name,
                                 NULL);
    }
  gp_chart_set_caption (c,
                        yield ? _("Negative binomial yield of a square die at each system's "
                                "node (D0, alpha from data/nodes.lua); stars: each system's "
                                "own die, with its spare units where it has them.")
                              : _("Wafer price over good dies per wafer, divided by the die's "
                                "share of the accelerator's peak at the system's compute "
                                "density; stars: each system's own die."),
                        NULL);
  return c;
}

static gp_chart *
build_link_budget (GpSession *s)
{
  const GpSystemEntry *e = gp_session_get_selected (s);
  gp_chart *c = new_chart (GP_CHART_WATERFALL, _("Optical link budget"), NULL);
  gp_axis_set_text (gp_chart_y_axis (c), _("Optical power"), "dBm", "optical_power_dbm", NULL);
  gp_axis_set_text (gp_chart_x_axis (c), _("Step"), "", "step", NULL);
  if (e == NULL)
    {
      gp_chart_set_caption (c, _("No system selected."), NULL);
      return c;
    }
  char title[GP_NAME_MAX * 2 + 40];
  g_snprintf (title, sizeof title, _("Optical link budget: %s"), e->system.link.name);
  gp_chart_set_title (c, title, NULL);
  gp_link_result lr;
  gp_error err = { 0 };
  if (e->system.link.medium != GP_LINK_OPTICAL)
    {
      char cap[160];
      g_snprintf (cap, sizeof cap, _("%s uses an electrical scale-up link: no optical budget."),
                  e->system.sys.name);
      gp_chart_set_caption (c, cap, NULL);
      return c;
    }
  if (gp_link_eval (&e->system.link, &lr, &err) != GP_OK)
    {
      gp_chart_set_caption (c, err.message, NULL);
      return c;
    }
  gp_series *ser = gp_chart_add_series (c, _("budget"), NULL);
  for (int k = 0; k < lr.n_steps; k++)
    {
      gp_chart_add_category (c, lr.steps[k].label, NULL);
      gp_series_append_value (ser, k == 0 ? lr.steps[k].level_dbm : lr.steps[k].delta_db, NULL);
    }
  gp_chart_set_total_label (c, _("at receiver"), NULL);
  char cap[240];
  g_snprintf (cap, sizeof cap,
              _("%s (selected). Laser %.2f dBm (%.2f mW) over %.2f dB of loss; %.2f pJ/bit per "
              "end, %s dominant."),
              e->system.sys.name, lr.laser_dbm, lr.laser_mw, lr.loss_db, lr.total_pj_per_bit,
              gp_link_term_names[lr.dominant_term]);
  gp_chart_set_caption (c, cap, NULL);
  return c;
}

static gp_chart *
build_wafer_map (GpSession *s)
{
  const GpSystemEntry *e = gp_session_get_selected (s);
  gp_chart *c = new_chart (GP_CHART_WAFER_MAP, _("Wafer map"), NULL);
  if (e == NULL)
    return c;
  const gp_package_part *part = NULL;
  for (int i = 0; i < e->system.package.n_parts; i++)
    if (e->system.package.parts[i].kind == GP_PART_LOGIC && e->system.package.parts[i].node[0])
      {
        part = &e->system.package.parts[i];
        break;
      }
  size_t n_nodes;
  const gp_node *nodes = gp_session_get_nodes (s, &n_nodes);
  const gp_node *node = part ? gp_nodes_find (nodes, n_nodes, part->node) : NULL;
  if (node == NULL)
    {
      gp_chart_set_caption (c, _("The selected system has no logic die on a known node."), NULL);
      return c;
    }
  char title[2 * GP_NAME_MAX + 32];
  g_snprintf (title, sizeof title, _("Wafer map: %s (%s)"), part->name, node->name);
  gp_chart_set_title (c, title, NULL);

  gp_wafer_params w;
  gp_wafer_params_init (&w);
  w.wafer_diameter_mm = node->wafer_diameter_mm;
  w.die_width_mm = part->die_width_mm;
  w.die_height_mm = part->die_height_mm;
  w.wafer_scale = part->wafer_scale;
  gp_wafer_result wr;
  gp_error err = { 0 };
  if (gp_wafer_count (&w, &wr, &err) != GP_OK)
    {
      gp_chart_set_caption (c, err.message, NULL);
      return c;
    }
  size_t cap_sites = (size_t) MAX (wr.gross_dies, 1), n_sites = 0;
  g_autofree gp_die_site *sites = g_new (gp_die_site, cap_sites);
  if (gp_wafer_map (&w, &wr, sites, cap_sites, &n_sites, &err) != GP_OK)
    {
      gp_chart_set_caption (c, err.message, NULL);
      return c;
    }
  g_autofree bool *good = g_new0 (bool, MAX (n_sites, 1));
  enum { DEFECT_CAP = 4096 };
  g_autofree gp_defect *defects = g_new (gp_defect, DEFECT_CAP);
  size_t n_defects = 0;
  gp_yield_mc_params mc = { node->d0_per_cm2, node->alpha, true, 1, 1 };
  gp_yield_mc_result mr;
  if (gp_yield_monte_carlo (&mc, sites, n_sites, w.die_width_mm, w.die_height_mm, &mr, good,
                            defects, DEFECT_CAP, &n_defects, &err) != GP_OK)
    {
      gp_chart_set_caption (c, err.message, NULL);
      return c;
    }
  gp_chart_wafer_set (c, w.wafer_diameter_mm, w.wafer_diameter_mm - 2 * w.edge_exclusion_mm,
                      NULL);
  for (size_t i = 0; i < n_sites; i++)
    gp_chart_wafer_add_die (c, sites[i].x_mm, sites[i].y_mm, w.die_width_mm, w.die_height_mm,
                            good[i], NULL);
  for (size_t i = 0; i < n_defects; i++)
    gp_chart_wafer_add_defect (c, defects[i].x_mm, defects[i].y_mm, NULL);
  char cap[320];
  size_t n_good = 0;
  for (size_t i = 0; i < n_sites; i++)
    n_good += good[i];
  g_snprintf (cap, sizeof cap,
              _("%s (selected). One simulated wafer (seed 1): %zu of %zu dies defect-free, "
              "D0 %.3g/cm², alpha %.3g.%s"),
              e->system.sys.name, n_good, n_sites, node->d0_per_cm2, node->alpha,
              part->spares > 0 ? _(" Dies with spare units survive some defects, so the "
                                 "model's yield is higher than this share.")
                               : "");
  gp_chart_set_caption (c, cap, NULL);
  return c;
}

static gp_chart *
build_table (GpSession *s)
{
  gp_chart *c = new_chart (GP_CHART_TABLE, _("Comparison"), NULL);
  guint n = gp_session_get_n_systems (s);
  guint nm = gp_metrics_n ();
  const GpSystemEntry *base = baseline_entry (s);
  /* One row per system: its name, every metric, and the cost-per-model ratio. */
  if (gp_chart_table_set_size (c, n, nm + 2, NULL) != GP_OK)
    return c;
  gp_chart_table_set_column (c, 0, "System", "", NULL);
  for (guint i = 0; i < nm; i++)
    gp_chart_table_set_column (c, i + 1, metrics[i].label, metrics[i].unit, NULL);
  char rl[GP_NAME_MAX + 32];
  g_snprintf (rl, sizeof rl, "Cost per model vs %s", base ? base->system.sys.name : "baseline");
  gp_chart_table_set_column (c, nm + 1, rl, "x", NULL);
  gp_chart_table_set_ratio_column (c, nm + 1, false, NULL);
  guint cost_metric = 8;
  for (guint j = 0; j < n; j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      gp_chart_table_set_text (c, j, 0, e->system.sys.name, NULL);
      for (guint i = 0; i < nm; i++)
        {
          char buf[48];
          double v = gp_metric_value (i, e);
          gp_metric_format (v, buf, sizeof buf);
          if (isfinite (v))
            gp_chart_table_set_number (c, j, i + 1, v, buf, NULL);
          else
            gp_chart_table_set_text (c, j, i + 1, "—", NULL);
        }
      double r = gp_metric_ratio (cost_metric, e, base);
      if (isfinite (r))
        gp_chart_table_set_number (c, j, nm + 1, r, NULL, NULL);
      else
        gp_chart_table_set_text (c, j, nm + 1, "—", NULL);
    }
  return c;
}

/* ---- uncertainty ---- */

/* "5th–95th percentiles of 1000 Monte Carlo samples (seed 1) with distributions on: d0-n5,
 * ...", or why there are none yet. */
static void
uq_sampling_note (GpSession *s, GString *cap, long samples, const char *inputs)
{
  g_string_append_printf (cap,
                          _("Whiskers and bands: 5th–95th percentiles of %ld Monte Carlo samples "
                          "(MT19937, seed 1) with distributions (data/uncertainty.lua) on: %s; "
                          "every other parameter at the design's value, plans fixed at those "
                          "found at nominal."),
                          samples, inputs && inputs[0] ? inputs : _("none"));
}

static gboolean
uq_computing (GpSession *s)
{
  return gp_session_get_uncertainty_running (s);
}

/* One series per system drawn as a cross in one continuous stroke that retraces itself
 * (so no gaps, and one legend entry per system): the vertical whisker (cost) with caps,
 * back to the design's point, the horizontal whisker (time) with caps, back again. The
 * design's own point is a star annotation, as on the other charts. */
static void
append_cross (gp_series *ser, double t, double c, const double tq[3], const double cq[3],
              double cap_t, double cap_c)
{
  double pts[][2] = {
    { t - cap_t, cq[0] }, { t + cap_t, cq[0] }, { t, cq[0] }, { t, cq[2] },
    { t - cap_t, cq[2] }, { t + cap_t, cq[2] }, { t, cq[2] }, { t, c },
    { tq[0], c }, { tq[0], c - cap_c }, { tq[0], c + cap_c }, { tq[0], c },
    { tq[2], c }, { tq[2], c - cap_c }, { tq[2], c + cap_c }, { tq[2], c }, { t, c },
  };
  for (guint k = 0; k < G_N_ELEMENTS (pts); k++)
    gp_series_append (ser, pts[k][0], pts[k][1], NULL);
}

static gp_chart *
build_uncertainty (GpSession *s)
{
  gp_chart *c = new_chart (GP_CHART_LINE, _("Cost per model against time to train, 5–95 %"),
                           NULL);
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  gp_axis_set_text (x, _("Time to train (with failures)"), "days",
                    "time_to_train_with_failures_days", NULL);
  gp_axis_set_text (y, _("Cost per trained model"), "USD", "cost_per_trained_model_usd", NULL);
  /* Linear from zero: the intervals are a few per cent, which a log decade would hide. */
  x->include_zero = true;
  y->include_zero = true;
  g_autoptr (GString) cap = g_string_new (
    _("Star: the design's values; lines: each figure's 5th–95th percentile. "));
  g_autoptr (GString) missing = g_string_new (NULL);
  g_autoptr (GString) outside = g_string_new (NULL);
  g_autoptr (GString) all_inputs = g_string_new (NULL);
  long samples = 0;
  double t_max = 0, c_max = 0;
  guint n = gp_session_get_n_systems (s);
  for (guint j = 0; j < n; j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      if (!e->have_result)
        continue;
      t_max = MAX (t_max, e->result.effective_time_to_train_s / SECONDS_PER_DAY);
      c_max = MAX (c_max, e->result.cost_to_train_usd);
      if (e->uq.valid)
        {
          t_max = MAX (t_max, e->uq.time_q[2] / SECONDS_PER_DAY);
          c_max = MAX (c_max, e->uq.cost_q[2]);
        }
    }
  for (guint j = 0; j < n; j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      if (!e->have_result)
        continue;
      gp_series *ser = gp_chart_add_series (c, e->system.sys.name, NULL);
      ser->color = e->color;
      ser->show_markers = false;
      double t = e->result.effective_time_to_train_s / SECONDS_PER_DAY;
      double cost = e->result.cost_to_train_usd;
      if (e->uq.valid)
        {
          double tq[3], cq[3];
          for (int q = 0; q < 3; q++)
            {
              tq[q] = e->uq.time_q[q] / SECONDS_PER_DAY;
              cq[q] = e->uq.cost_q[q];
            }
          append_cross (ser, t, cost, tq, cq, 0.012 * t_max, 0.012 * c_max);
          samples = MAX (samples, e->uq.ok);
          if (cost < cq[0] || cost > cq[2] || t < tq[0] || t > tq[2])
            g_string_append_printf (outside, "%s%s", outside->len ? ", " : "",
                                    e->system.sys.name);
          /* The union of the inputs of every pair (a family's inputs join its pairs). */
          g_auto (GStrv) names = g_strsplit (e->uq.inputs, ", ", -1);
          for (guint k = 0; names[k]; k++)
            if (names[k][0] && !strstr (all_inputs->str, names[k]))
              g_string_append_printf (all_inputs, "%s%s", all_inputs->len ? ", " : "",
                                      names[k]);
        }
      else
        {
          gp_series_append (ser, t, cost, NULL);
          g_string_append_printf (missing, "%s%s%s%s", missing->len ? "; " : "",
                                  e->system.sys.name, e->uq.message[0] ? ": " : "",
                                  e->uq.message);
        }
      gp_chart_add_annotation (c, GP_ANNOT_POINT, t, cost, e->system.sys.name, NULL);
    }
  if (samples > 0)
    uq_sampling_note (s, cap, samples, all_inputs->str);
  if (outside->len)
    g_string_append_printf (cap, _(" The design's value lies outside its 5–95 %% range for %s: "
                                 "a distribution does not contain the design's value (the "
                                 "tornado shows which)."), outside->str);
  if (missing->len)
    g_string_append_printf (cap, " %s %s.",
                            uq_computing (s)                 ? _("Computing uncertainty for")
                            : gp_session_get_uncertainty_cancelled (s) ? _("Cancelled (Ctrl+U runs it) for")
                                                             : _("No interval for"),
                            missing->str);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

#define TORNADO_ROWS 12

static gp_chart *
build_tornado (GpSession *s)
{
  const GpSystemEntry *e = gp_session_get_selected (s);
  gp_chart *c = new_chart (GP_CHART_TORNADO, _("Sensitivity of cost per trained model"), NULL);
  gp_axis_set_text (gp_chart_x_axis (c), _("Cost per trained model"), "USD", "usd_per_model",
                    NULL);
  gp_axis_set_text (gp_chart_y_axis (c), _("Input"), "", "input", NULL);
  if (e == NULL)
    {
      gp_chart_set_caption (c, _("No system selected."), NULL);
      return c;
    }
  char title[GP_NAME_MAX + 48];
  g_snprintf (title, sizeof title, _("Sensitivity of cost per model: %s"), e->system.sys.name);
  gp_chart_set_title (c, title, NULL);
  const GpUqTornado *t = gp_session_get_tornado (s);
  g_autoptr (GString) cap = g_string_new (NULL);
  if (!t->valid || t->system_id != e->id)
    {
      g_string_printf (cap, _("%s (selected). %s"), e->system.sys.name,
                       uq_computing (s) ? _("Computing the tornado…")
                       : gp_session_get_uncertainty_cancelled (s)
                           ? _("Uncertainty study cancelled: Ctrl+U runs it again.")
                       : t->system_id == e->id && t->message[0] ? t->message
                                                                : _("No tornado yet."));
      gp_chart_set_caption (c, cap->str, NULL);
      return c;
    }
  gp_series *lo = gp_chart_add_series (c, _("input at its 5th percentile"), NULL);
  gp_series *hi = gp_chart_add_series (c, _("input at its 95th percentile"), NULL);
  /* The largest swings only (the tornado is sorted, largest first): more rows than this
   * do not fit a card, and the rest barely move the cost. */
  int shown = MIN (t->n, TORNADO_ROWS);
  for (int k = 0; k < shown; k++)
    {
      gp_chart_add_category (c, t->name[k], NULL);
      gp_series_append_value (lo, t->y_low[k], NULL);
      gp_series_append_value (hi, t->y_high[k], NULL);
    }
  gp_chart_set_baseline (c, t->nominal, NULL);
  g_string_printf (cap,
                   ngettext ("%s (selected). Each input with a distribution in data/uncertainty.lua "
                   "that applies to this system (its 5–95 %% range after the name; × = a factor "
                   "on the design's value) at its 5th and 95th percentile, the others at the "
                   "design's values: %d input, 2 × %d + 1 evaluations, no sampling; plan "
                   "fixed at the one found at nominal.",
                   "%s (selected). Each input with a distribution in data/uncertainty.lua "
                   "that applies to this system (its 5–95 %% range after the name; × = a factor "
                   "on the design's value) at its 5th and 95th percentile, the others at the "
                   "design's values: %d inputs, 2 × %d + 1 evaluations, no sampling; plan "
                   "fixed at the one found at nominal.", (unsigned long) t->n),
                   e->system.sys.name, t->n, t->n);
  if (shown < t->n)
    g_string_append_printf (cap, _(" The %d largest swings are shown."), shown);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

static gp_chart *
build_break_even (GpSession *s)
{
  gp_chart *c = new_chart (GP_CHART_LINE, _("Cost per model against fabric energy per bit"), NULL);
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  gp_axis_init (x, GP_AXIS_LOG);
  gp_axis_set_text (x, _("Fabric energy per bit, per link end"), "pJ/bit",
                    "fabric_energy_per_bit_per_link_end_pj_bit", NULL);
  gp_axis_set_text (y, _("Cost per trained model"), "USD", "cost_per_trained_model_usd", NULL);
  const GpUqBreakEven *be = gp_session_get_break_even (s);
  const GpSystemEntry *lite = be->valid ? gp_session_find_system (s, be->lite_id) : NULL;
  const GpSystemEntry *base = be->valid ? gp_session_find_system (s, be->base_id) : NULL;
  if (lite == NULL || base == NULL || be->n == 0)
    {
      gp_chart_set_caption (c, uq_computing (s) ? _("Computing the break-even sweep…")
                               : gp_session_get_uncertainty_cancelled (s)
                                   ? _("Uncertainty study cancelled: Ctrl+U runs it again.")
                               : be->message[0] ? be->message : _("No break-even study yet."),
                            NULL);
      return c;
    }
  gp_series *sl = gp_chart_add_series (c, lite->system.sys.name, NULL);
  sl->color = lite->color;
  sl->show_markers = true;
  gp_series *sb = gp_chart_add_series (c, base->system.sys.name, NULL);
  sb->color = base->color;
  sb->dashed = true;
  for (int k = 0; k < be->n; k++)
    {
      gp_series_append_band (sl, be->x_pj[k], be->lite_usd[k], be->lite_lo[k], be->lite_hi[k],
                             NULL);
      gp_series_append_band (sb, be->x_pj[k], be->base_usd, be->base_lo, be->base_hi, NULL);
    }
  char lbl[96];
  g_snprintf (lbl, sizeof lbl, _("design %.3g pJ/bit"), be->nominal_pj);
  gp_chart_add_annotation (c, GP_ANNOT_POINT, be->nominal_pj, lite->result.cost_to_train_usd,
                           lbl, NULL);
  if (be->found)
    {
      g_snprintf (lbl, sizeof lbl, _("break-even %.4g pJ/bit"), be->break_even_pj);
      gp_chart_add_annotation (c, GP_ANNOT_VLINE, be->break_even_pj, be->break_even_usd, lbl,
                               NULL);
    }
  g_autoptr (GString) cap = g_string_new (NULL);
  g_string_printf (cap,
                   _("%s's fabric energy per bit (its link model's total per end, moved through "
                   "link.other_pj_per_bit) swept; held fixed: everything else of both systems "
                   "at the design's values, including the fabric bandwidth, the optical "
                   "engines' price and the plans found at nominal. %s does not depend on it. "),
                   lite->system.sys.name, base->system.sys.name);
  if (be->found)
    g_string_append_printf (cap, _("Break-even (Brent's method on the nominal difference): "
                                 "%.4g pJ/bit, %.4g M USD per model%s. "),
                            be->break_even_pj, be->break_even_usd / 1e6,
                            be->crossings > 1 ? _(" (the first of several crossings)") : "");
  else
    g_string_append_printf (cap, _("No break-even: %s "), be->message);
  uq_sampling_note (s, cap, be->band_samples, be->inputs);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

char *
gp_charts_signature (GpSession *s, GpChartId id)
{
  if (id == GP_CHART_ID_FABRIC_SWEEP || id == GP_CHART_ID_FABRIC_SPEEDUP)
    return gp_charts_fabric_signature (s);
  if (id != GP_CHART_ID_WAFER_MAP && id != GP_CHART_ID_LINK_BUDGET
      && id != GP_CHART_ID_INTERCONNECT)
    return NULL;
  g_autoptr (GChecksum) ck = g_checksum_new (G_CHECKSUM_SHA1);
  const GpSystemEntry *sel = gp_session_get_selected (s);
  if (id == GP_CHART_ID_INTERCONNECT)
    for (guint j = 0; j < gp_session_get_n_systems (s); j++)
      {
        const GpSystemEntry *e = gp_session_get_system (s, j);
        g_checksum_update (ck, (const guchar *) &e->color, sizeof e->color);
        g_checksum_update (ck, (const guchar *) &e->system.sys, sizeof e->system.sys);
        g_checksum_update (ck, (const guchar *) &e->system.topology, sizeof e->system.topology);
        g_checksum_update (ck, (const guchar *) &e->system.link, sizeof e->system.link);
      }
  else if (sel)
    {
      g_checksum_update (ck, (const guchar *) sel->system.sys.name, -1);
      if (id == GP_CHART_ID_LINK_BUDGET)
        g_checksum_update (ck, (const guchar *) &sel->system.link, sizeof sel->system.link);
      else
        {
          size_t n_nodes;
          const gp_node *nodes = gp_session_get_nodes (s, &n_nodes);
          g_checksum_update (ck, (const guchar *) &sel->system.package, sizeof sel->system.package);
          g_checksum_update (ck, (const guchar *) nodes, sizeof *nodes * n_nodes);
        }
    }
  return g_strdup (g_checksum_get_string (ck));
}

gp_chart *
gp_charts_build_variant (GpSession *s, GpChartId id, guint variant)
{
  if (id == GP_CHART_ID_FABRIC_SWEEP)
    return gp_charts_build_fabric (s, id, variant);
  return gp_charts_build (s, id);
}

gp_chart *
gp_charts_build (GpSession *s, GpChartId id)
{
  g_return_val_if_fail (GP_IS_SESSION (s), NULL);
  switch (id)
    {
    case GP_CHART_ID_CAPEX:
      {
        /* The basis is in the title: build cost and purchase price are never mixed. */
        gboolean build = gp_session_get_study (s)->cost_basis == GP_COST_BUILD;
        return stacked_for (s, build ? _("Capital cost (build cost)") : _("Capital cost (purchase price)"),
                            _("Capital cost"), "USD", gp_cost_line_names, GP_COSTLINE_N, capex_line,
                            build ? _("Build basis: what each part costs to make (study cost_basis).")
                                  : _("Purchase basis: what a buyer pays (study cost_basis)."),
                            TRUE);
      }
    case GP_CHART_ID_POWER:
      return stacked_for (s, _("Power from the wall at training load"), _("Power"), "W",
                          gp_power_part_names, GP_POWER_N, power_part, NULL, TRUE);
    case GP_CHART_ID_CARBON: return build_carbon (s);
    case GP_CHART_ID_STEPTIME: return build_steptime (s);
    case GP_CHART_ID_SCALING: return build_scaling (s, FALSE);
    case GP_CHART_ID_PARETO: return build_scaling (s, TRUE);
    case GP_CHART_ID_INTERCONNECT: return build_interconnect (s);
    case GP_CHART_ID_DIE_COST: return build_die (s, FALSE);
    case GP_CHART_ID_YIELD: return build_die (s, TRUE);
    case GP_CHART_ID_LINK_BUDGET: return build_link_budget (s);
    case GP_CHART_ID_WAFER_MAP: return build_wafer_map (s);
    case GP_CHART_ID_UNCERTAINTY: return build_uncertainty (s);
    case GP_CHART_ID_TORNADO: return build_tornado (s);
    case GP_CHART_ID_BREAK_EVEN: return build_break_even (s);
    case GP_CHART_ID_POWER_DENSITY:
    case GP_CHART_ID_MEMORY_TIERS:
    case GP_CHART_ID_EMBODIED_PARTS: return gp_charts_build_power (s, id);
    case GP_CHART_ID_INFERENCE_LATENCY:
    case GP_CHART_ID_INFERENCE_COST:
    case GP_CHART_ID_INFERENCE_ENERGY:
    case GP_CHART_ID_INFERENCE_MEMORY: return gp_charts_build_inference (s, id);
    case GP_CHART_ID_FABRIC_SWEEP:
    case GP_CHART_ID_FABRIC_SPEEDUP: return gp_charts_build_fabric (s, id, 0);
    case GP_CHART_ID_TABLE: return build_table (s);
    case GP_CHART_ID_N: break;
    }
  g_return_val_if_reached (NULL);
}
