/* gp-steptime-wafer.h: the wafer-scale step-time mode (private to gp-steptime; not API).
 *
 * gp-steptime.c calls these three functions when ctx->accel->wafer_scale is set, and does
 * nothing else for wafer-scale systems; the equations are above each function in
 * gp-steptime-wafer.c. */
#pragma once

#include "gp-steptime.h"

/* Wafer-scale plan rules: tp = 1 (a wafer is never split by tensor parallelism, "tp" named),
 * no ZeRO and no offload (the external memory already holds what they would move). */
gp_status gp_steptime_wafer_check (const gp_steptime_ctx *ctx, const gp_plan *plan,
                                   gp_error *err);

/* Memory, mode (resident or streaming) and time of PLAN on wafer-scale systems.
 * GP_EINFEASIBLE when neither mode fits (R->feasible false, the shortfalls filled). */
gp_status gp_steptime_wafer_eval (const gp_steptime_ctx *ctx, const gp_plan *plan,
                                  gp_steptime_result *r);

/* Compute-only lower bound of the step: (m + (p - 1)/v)(t_fwd + t_bwd). */
double gp_steptime_wafer_compute_bound (const gp_steptime_ctx *ctx, const gp_plan *plan);

/* Whether PLAN keeps the weights resident (1), streams them (0), or fits neither (-1);
 * for gp_steptime_describe and the system model's "systems needed". */
int gp_steptime_wafer_mode (const gp_steptime_ctx *ctx, const gp_plan *plan);

/* The fewest wafer-scale systems that can train the model, resident (a pipeline of pp
 * systems) or streaming (enough systems' external memory for the state); 0 if none. */
long gp_steptime_wafer_systems_needed (const gp_steptime_ctx *ctx, long *resident_pp,
                                       long *stream_n);
