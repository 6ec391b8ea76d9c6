/* gp-charts-inference.c: the explorer's inference charts (latency against throughput with
 * each system's Pareto frontier, cost per million tokens, tokens per joule, memory per
 * accelerator) and comparison-table figures, from the serving figures the session keeps
 * per system (gp-serving.h). */
#include "gp-charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gp-serving.h"

double
gp_inference_metric (const GpSystemEntry *e, GpInferenceFigure which)
{
  const GpServing *v = &e->serving;
  if (!e->have_result || !v->ok)
    return NAN;
  switch (which)
    {
    case GP_INFERENCE_USER_TOKENS_PER_S: return v->single.tokens_per_s_per_user;
    case GP_INFERENCE_USD_PER_MTOKEN: return v->have_best ? v->best.usd_per_mtoken : NAN;
    case GP_INFERENCE_TOKENS_PER_JOULE: return v->have_best ? v->best.tokens_per_joule : NAN;
    }
  return NAN;
}

static gp_chart *
new_chart (gp_chart_kind kind, const char *title)
{
  gp_chart *c = gp_chart_new (kind);
  if (c)
    gp_chart_set_title (c, title, NULL);
  return c;
}

static gp_chart *
build_latency (GpSession *s)
{
  gp_chart *c = new_chart (GP_CHART_LINE, _("Serving: latency against throughput"));
  gp_axis *x = gp_chart_x_axis (c), *y = gp_chart_y_axis (c);
  gp_axis_init (x, GP_AXIS_LOG);
  gp_axis_init (y, GP_AXIS_LOG);
  gp_axis_set_text (x, _("Tokens/s per user"), "tokens/s", "tokens_s_per_user_tokens_s", NULL);
  gp_axis_set_text (y, _("Per peak PFLOP/s"), "tokens/s", "per_peak_pflop_s_tokens_s", NULL);
  g_autoptr (GString) cap = g_string_new (NULL);
  g_string_printf (cap, _("%s; Pareto frontier of each system's batch sweep on its smallest "
                        "replica ("), gp_session_get_study (s)->workload.name);
  g_autoptr (GString) skipped = g_string_new (NULL);
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      const GpServing *v = &e->serving;
      if (!e->have_result || !v->ok)
        {
          g_string_append_printf (skipped, "%s%s: %s", skipped->len ? "; " : "",
                                  e->system.sys.name, e->have_result ? v->message : e->message);
          continue;
        }
      gp_series *ser = gp_chart_add_series (c, e->system.sys.name, NULL);
      ser->color = e->color;
      ser->show_markers = true;
      for (int i = 0; i < v->n_frontier; i++)
        gp_series_append (ser, v->frontier_user_tps[i], v->frontier_tps_per_pflops[i], NULL);
      g_string_append_printf (cap, "%s%s tp %ld pp %ld", j ? ", " : "", e->system.sys.name,
                              v->replica.tp, v->replica.pp);
    }
  g_string_append (cap, ").");
  if (skipped->len)
    g_string_append_printf (cap, _(" Not shown: %s."), skipped->str);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

static gp_chart *
build_bars (GpSession *s, GpChartId id)
{
  /* The English name heads the CSV column; the chart shows the translation. */
  const char *name = id == GP_CHART_ID_INFERENCE_COST ? N_("Serving: cost per million tokens")
                     : id == GP_CHART_ID_INFERENCE_ENERGY ? N_("Serving: tokens per joule")
                                                          : N_("Serving: memory per accelerator");
  const char *title = _(name);
  gp_chart *c = new_chart (GP_CHART_STACKED_BAR, title);
  gp_axis_set_text (gp_chart_x_axis (c), _("System"), "", "system", NULL);
  if (id == GP_CHART_ID_INFERENCE_COST)
    gp_axis_set_text (gp_chart_y_axis (c), _("Cost per M tokens"), "USD", "cost_per_m_tokens_usd", NULL);
  else if (id == GP_CHART_ID_INFERENCE_ENERGY)
    gp_axis_set_text (gp_chart_y_axis (c), _("Tokens per joule"), "tokens/J", "tokens_per_joule_tokens_j", NULL);
  else
    gp_axis_set_text (gp_chart_y_axis (c), _("Memory"), "bytes", "memory_bytes", NULL);
  gp_chart_y_axis (c)->include_zero = true;
  static const char *const mem_names[] = { "weights", "KV cache", "activations", "reserved" };
  int n_series = id == GP_CHART_ID_INFERENCE_MEMORY ? 4 : 1;
  gp_series *ser[4];
  for (int k = 0; k < n_series; k++)
    ser[k] = gp_chart_add_series (c, id == GP_CHART_ID_INFERENCE_MEMORY ? mem_names[k] : name,
                                  NULL);
  g_autoptr (GString) skipped = g_string_new (NULL);
  for (guint j = 0; j < gp_session_get_n_systems (s); j++)
    {
      const GpSystemEntry *e = gp_session_get_system (s, j);
      const GpServing *v = &e->serving;
      gp_chart_add_category (c, e->system.sys.name, NULL);
      gboolean ok = e->have_result && v->ok && v->have_best;
      if (!ok)
        g_string_append_printf (skipped, "%s%s: %s", skipped->len ? "; " : "",
                                e->system.sys.name,
                                !e->have_result ? e->message
                                : v->ok ? _("no plan meets the latency target") : v->message);
      const gp_inference_result *r = &v->best;
      double mem[4] = { r->weights_bytes, r->kv_bytes, r->activations_bytes, r->reserved_bytes };
      for (int k = 0; k < n_series; k++)
        gp_series_append_value (ser[k], !ok ? NAN
                                        : id == GP_CHART_ID_INFERENCE_COST ? r->usd_per_mtoken
                                        : id == GP_CHART_ID_INFERENCE_ENERGY ? r->tokens_per_joule
                                                                             : mem[k], NULL);
    }
  if (n_series == 1)
    gp_chart_set_legend (c, GP_LEGEND_NONE);
  g_autoptr (GString) cap = g_string_new (NULL);
  double ttft = GP_SERVING_TTFT_TARGET_S, tpot = GP_SERVING_TPOT_TARGET_S;
  if (gp_session_get_n_systems (s) > 0)
    {
      const GpServing *v0 = &gp_session_get_system (s, 0)->serving;
      if (v0->ttft_target_s > 0)
        ttft = v0->ttft_target_s, tpot = v0->tpot_target_s;
    }
  g_string_printf (cap, _("Best serving plan and batch on the whole system with TTFT <= %g s and "
                        "TPOT <= %g ms (%s)."), ttft, 1000 * tpot,
                   gp_session_get_study (s)->workload.name);
  if (skipped->len)
    g_string_append_printf (cap, _(" Not shown: %s."), skipped->str);
  gp_chart_set_caption (c, cap->str, NULL);
  return c;
}

gp_chart *
gp_charts_build_inference (GpSession *s, GpChartId id)
{
  if (id == GP_CHART_ID_INFERENCE_LATENCY)
    return build_latency (s);
  return build_bars (s, id);
}
