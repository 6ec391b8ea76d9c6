/* gp-steptime-private.h: pieces of the step-time model shared with the search (not API). */
#pragma once

#include <math.h>
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

/* Strides of the plan's groups in its rank order (gp_plan.order): s[0] tp, s[1] cp, s[2] pp,
 * s[3] dp; each is the product of the degrees laid out inside that dimension. */
static inline void
gp_plan_strides (const gp_plan *p, long s[4])
{
  const long deg[4] = { p->tp, p->cp, p->pp, p->dp };
  int o = p->order >= 0 && p->order < 24 ? p->order : 0;
  long inner = 1;
  for (int k = 0; k < 4; k++)
    {
      int d = gp_plan_order_dims[o][k];
      s[d] = inner;
      inner *= deg[d];
    }
}

double gp_group_coll (const gp_group_net *g, gp_collective kind, double bytes,
                      double *bytes_sent, double *joules, bool *hier);

/* All-to-all of BYTES per rank on a placed group (gp_group_alltoall_time); adds the bytes
 * this rank sends and their energy to *BYTES_SENT and *JOULES. */
double gp_group_a2a (const gp_group_net *g, double bytes, double *bytes_sent, double *joules);

/* gp_steptime_eval_prepared without the plan checks: PLAN must already satisfy
 * gp_plan_check (the search builds only such plans). Returns GP_OK or GP_EINFEASIBLE. */
gp_status gp_steptime_eval_unchecked (const gp_steptime_ctx *ctx, const gp_plan *plan,
                                      gp_steptime_result *result);

/* The compute-only lower bound (m + (p-1)/v)(t_fwd + t_bwd) of PLAN's step time (no bubble
 * term in wafer-scale mode): every phase of gp_steptime_eval takes at least its compute
 * time and communication only adds. PLAN must satisfy gp_plan_check. */
double gp_steptime_compute_bound (const gp_steptime_ctx *ctx, const gp_plan *plan);

/* Share of the large-GEMM rate that a GEMM C[M x N] = A[M x K] B[K x N] keeps after tile and
 * wave quantisation on accelerator A, in (0, 1]. NVIDIA's "Matrix Multiplication
 * Background" guide (DU-09799-001, sec. 3): the output is cut into ceil(M/Tm) ceil(N/Tn)
 * tiles run on U units in waves of U, so the units do waves x U x Tm x Tn of work for M N
 * useful outputs:
 *   q = M N / (ceil(tiles / U) U Tm Tn).
 * When there are fewer tiles than units, K is split over up to floor(U / tiles) units
 * (split-K, as cuBLAS and CUTLASS do for such shapes), each piece at least 512 deep; the
 * partial sums' reduction is not counted. A GEMM of fewer rows than the tile (M < Tm: a
 * decode step's few tokens) runs with the smallest tile that covers it, Tm' = the power of two
 * >= M, at least GP_GEMM_MIN_TILE_M = 64 rows: cuBLAS and CUTLASS pick such tiles for skinny
 * shapes, and 64 is the M of Hopper's warpgroup MMA (PTX ISA, wgmma.mma_async m64nNk16) and
 * the smallest CUTLASS threadblock tile on Ampere and Hopper (an estimate of the kernels'
 * choice: a GEMV-style kernel could go lower). The GEMM then runs at peak x matmul_efficiency x q
 * (matmul_efficiency is the large-GEMM ceiling, q -> 1). U = 0 turns quantisation off
 * (q = 1). Used by the training step (gp-steptime-compute.c) and by serving
 * (gp-inference.c), so both time a GEMM of the same shape alike. Domain: M, N, K >= 1. */
#define GP_GEMM_MIN_TILE_M 64.0

/* ceil (X) for the positive quotients below, inline: ceil is a library call on baseline
 * x86-64, and a step evaluation takes a few dozen of them. Exact (the integer part of a
 * double under 2^52 is a long long exactly); anything else goes to ceil. */
static inline double
gp_ceil_pos (double x)
{
  if (!(x > 0.0 && x < 4503599627370496.0))
    return ceil (x);
  double t = (double) (long long) x;
  return t < x ? t + 1.0 : t;
}

static inline double
gp_gemm_quantisation (const gp_accel *a, double M, double N, double K)
{
  if (a->compute_units <= 0)
    return 1.0;
  double U = (double) a->compute_units, tm = (double) a->tile_m, tn = (double) a->tile_n;
  if (M < tm && tm > GP_GEMM_MIN_TILE_M)
    {
      double t = GP_GEMM_MIN_TILE_M;
      while (t < M)
        t *= 2.0;
      if (t < tm)
        tm = t;
    }
  double tiles = gp_ceil_pos (M / tm) * gp_ceil_pos (N / tn);
  double split = 1.0;
  if (tiles < U)
    {
      split = floor (U / tiles);
      double kmax = floor (K / 512.0);
      if (split > kmax)
        split = kmax;
      if (split < 1.0)
        split = 1.0;
    }
  double work = tiles * split;
  return M * N * split / (gp_ceil_pos (work / U) * U * tm * tn);
}

/* Per-layer compute of one micro-batch on one accelerator (gp-steptime-compute.c), s. */
typedef struct {
  double gemm_f, gemm_b;       /* the layer's GEMMs, forward and backward (dgrad + wgrad) */
  double attn_f, attn_b;       /* fused attention core */
  double elem_f, elem_b;       /* memory-bound element-wise kernels */
  double rc;                   /* recomputation added to the backward */
  double logit_f, logit_b;     /* output layer: GEMM + softmax/loss streaming */
  double logit_gemm_f, logit_gemm_b;
  double gemm_flops_f;         /* forward GEMM FLOPs of the layer */
  double logit_flops_f;        /* forward FLOPs of the output GEMM */
} gp_layer_cost;

void gp_layer_cost_eval (const gp_steptime_ctx *c, const gp_plan *p, gp_layer_cost *lc);

/* Layers on the first stage, on the heaviest middle stage and on the last stage. */
typedef struct {
  long first, mid, last;
} gp_stages;

void gp_stage_layout (long layers, long pp, gp_stages *st);

void gp_stage_compute (const gp_steptime_ctx *c, const gp_plan *p, const gp_layer_cost *lc,
                       double *cf, double *cb, double *ls, bool *last);

/* Time of hidden communication TC overlapped with compute TW when the communication slows
 * the compute by the share I while it runs: compute advances at (1 - I) during TC, so the
 * pair takes max(TC, TW + I TC). *EXPOSED gets max(0, TC - TW) and *SLOW the rest of the
 * excess over TW. */
static inline double
gp_overlap (double tc, double tw, double i, double *exposed, double *slow)
{
  double tot = tw + i * tc;
  if (tc > tot)
    tot = tc;
  double ex = tc > tw ? tc - tw : 0.0;
  *exposed = ex;
  *slow = tot - tw - ex;
  return tot;
}
