/* gp-serving.c: the explorer's inference study per system (see gp-serving.h). */
#include "gp-serving.h"

#include <math.h>
#include <string.h>

#include "gp-presets.h"
#include "gp-topology.h"

/* data/inference.lua, read once: the serving parameters of each family. */
static gp_inference_params *family_params;
static size_t n_family_params;

static void
family_init (void *e)
{
  gp_inference_params_init (e);
}

static void
params_for (int family, gp_inference_params *p)
{
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      char path[4096];
      void *arr = NULL;
      size_t n = 0;
      if (gp_data_path (path, sizeof path, "inference.lua")
          && gp_preset_list_load (path, "inference", &gp_inference_param_table,
                                  sizeof (gp_inference_params), family_init, &arr, &n, NULL)
               == GP_OK)
        {
          family_params = arr;
          n_family_params = n;
        }
      g_once_init_leave (&once, 1);
    }
  gp_inference_params_init (p);
  for (size_t i = 0; i < n_family_params; i++)
    if (family >= 0 && family < GP_FAMILY_N
        && strcmp (family_params[i].name, gp_family_names[family]) == 0)
      *p = family_params[i];
}

void
gp_serving_update (const gp_study *st, const gp_inference_params *inf, const gp_system *sys,
                   const gp_system_result *res, GpServing *v)
{
  memset (v, 0, sizeof *v);
  gp_topology_result *tr = g_new (gp_topology_result, 1);
  gp_inference_params par;
  params_for (sys->sys.family, &par);
  par.ttft_target_s = GP_SERVING_TTFT_TARGET_S;
  par.tpot_target_s = GP_SERVING_TPOT_TARGET_S;
  if (inf)
    {
      gp_inference_params fam = par;
      par = *inf;
      par.paged_kv_utilisation = fam.paged_kv_utilisation;
      par.mem_bw_efficiency = fam.mem_bw_efficiency;
      par.layer_latency_us = fam.layer_latency_us;
      par.lowp_speedup = fam.lowp_speedup;
      if (!(par.ttft_target_s > 0))
        par.ttft_target_s = GP_SERVING_TTFT_TARGET_S;
      if (!(par.tpot_target_s > 0))
        par.tpot_target_s = GP_SERVING_TPOT_TARGET_S;
    }
  v->ttft_target_s = par.ttft_target_s;
  v->tpot_target_s = par.tpot_target_s;
  gp_inference_econ econ;
  gp_inference_ctx c;
  gp_error err = { 0 };
  gp_status rc = gp_topology_eval (&sys->topology, tr, &err);
  if (rc == GP_OK)
    rc = gp_inference_econ_from_system (sys, st, res, &econ, &err);
  if (rc == GP_OK)
    rc = gp_inference_prepare (&c, &sys->accel, &tr->net, &st->workload, &par, &econ, &err);
  if (rc == GP_OK)
    rc = gp_inference_min_plan (&c, &v->replica, &err);
  gp_inference_point *pts = g_new (gp_inference_point, GP_SERVING_POINTS);
  bool pareto[GP_SERVING_POINTS];
  long n = 0;
  if (rc == GP_OK)
    rc = gp_inference_sweep (&c, &v->replica, GP_SERVING_POINTS, pts, pareto, &n, &err);
  if (rc == GP_OK)
    {
      double peak = sys->accel.peak_tflop_per_s / 1000.0;
      v->single = pts[0].r;
      for (long i = 0; i < n; i++)
        if (pareto[i])
          {
            v->frontier_user_tps[v->n_frontier] = pts[i].r.tokens_per_s_per_user;
            v->frontier_tps_per_pflops[v->n_frontier]
              = pts[i].r.tokens_per_s / ((double) pts[i].r.accelerators * peak);
            v->n_frontier++;
          }
      long found = 0;
      gp_error e2 = { 0 };
      gp_inference_choice best;
      v->have_best = gp_inference_search (&c, sys->sys.accelerators, 1, &best, &found, NULL,
                                          &e2) == GP_OK && found == 1;
      if (v->have_best)
        {
          v->best_plan = best.plan;
          v->best_batch = best.batch;
          v->best = best.r;
        }
      v->ok = TRUE;
    }
  else
    g_strlcpy (v->message, err.message, sizeof v->message);
  g_free (pts);
  g_free (tr);
}

