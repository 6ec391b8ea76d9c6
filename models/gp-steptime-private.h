/* gp-steptime-private.h: pieces of the step-time model shared with the search (not API). */
#pragma once

#include <stdbool.h>

#include "gp-steptime.h"

/* A communication group placed on the net levels (see gp_group_place in gp-steptime.c). */
typedef struct {
  double n;                  /* ranks in the group */
  int outer, inner;          /* level indices; outer -1: no communication; inner -1: flat */
  double n_in, n_out;        /* two-level split, n = n_in x n_out */
  double bw_o, a_o, pj_o;    /* outer level bandwidth (B/s), latency (s), energy (pJ/bit) */
  double bw_i, a_i, pj_i;    /* inner level */
} gp_group_net;

bool gp_group_place (const gp_net_levels *net, long n, long stride, gp_group_net *g);

double gp_group_coll (const gp_group_net *g, gp_collective kind, double bytes,
                      double *bytes_sent, double *joules, bool *hier);

/* gp_steptime_eval_prepared without the plan checks: PLAN must already satisfy
 * gp_plan_check (the search builds only such plans). Returns GP_OK or GP_EINFEASIBLE. */
gp_status gp_steptime_eval_unchecked (const gp_steptime_ctx *ctx, const gp_plan *plan,
                                      gp_steptime_result *result);

/* The compute-only lower bound (m + (p-1)/v)(t_fwd + t_bwd) of PLAN's step time (no bubble
 * term in wafer-scale mode): every phase of gp_steptime_eval takes at least its compute
 * time and communication only adds. PLAN must satisfy gp_plan_check. */
double gp_steptime_compute_bound (const gp_steptime_ctx *ctx, const gp_plan *plan);
