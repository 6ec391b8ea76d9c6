/* gp-serving.h: each system of the explorer serving the study's workload (the inference
 * study): the smallest replica's batch sweep and its Pareto frontier, and the best plan on
 * the whole system at an interactive latency target, from models/gp-inference.h with the
 * family's parameters of data/inference.lua. No GTK. */
#pragma once

#include <glib.h>

#include "gp-inference.h"
#include "gp-system.h"

G_BEGIN_DECLS

#define GP_SERVING_POINTS 32
/* The interactive target of examples/inference.lua: first token within 1 s, TPOT 50 ms. */
#define GP_SERVING_TTFT_TARGET_S 1.0
#define GP_SERVING_TPOT_TARGET_S 0.05

typedef struct {
  gboolean ok;                      /* the model fits: the fields below are filled */
  char message[GP_ERROR_MESSAGE_MAX];
  gp_serve_plan replica;            /* smallest replica that holds the model */
  gp_inference_result single;       /* that replica at batch 1 */
  int n_frontier;                   /* Pareto points of its batch sweep */
  double frontier_user_tps[GP_SERVING_POINTS];      /* tokens/s per user */
  double frontier_tps_per_pflops[GP_SERVING_POINTS]; /* tokens/s per peak PFLOP/s */
  gboolean have_best;               /* a plan on the whole system meets the target */
  gp_serve_plan best_plan;
  long best_batch;
  gp_inference_result best;
  double ttft_target_s, tpot_target_s; /* the targets used */
} GpServing;

/* Fill OUT for system S with its latest result R (capex, power, embodied carbon) on the
 * study ST. The serving parameters are the family's entry of data/inference.lua; with a
 * design's inference study INF (may be NULL) its request shape, precisions, speculation,
 * disaggregation, utilisation and latency targets (when set) replace the entry's, while the
 * family's hardware figures (memory-bandwidth efficiency, per-layer latency, low-precision
 * speedup, paging) stay. ~0.2-1 ms. */
void gp_serving_update (const gp_study *st, const gp_inference_params *inf,
                        const gp_system *s, const gp_system_result *r, GpServing *out);

G_END_DECLS
