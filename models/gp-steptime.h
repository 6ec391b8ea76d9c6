/* gp-steptime.h: bandwidth-bound time of one training step, and why it takes that long.
 *
 * Inputs: an accelerator (gp_accel), the interconnect levels (gp_net_levels, innermost
 * first, from the topology model), a workload (gp_workload) and a parallelism plan
 * (gp_plan). Output: the step time split by phase and by bounding resource, the memory
 * footprint per accelerator checked against capacity, MFU, tokens/s, energy per step and
 * the binding constraint. Equations and sources are in the comments of gp-steptime.c and
 * above gp_steptime_eval below. */
#pragma once

#include <stdbool.h>

#include "gp-netlevel.h"
#include "gp-param.h"
#include "gp-workload.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One accelerator, or in wafer-scale mode one wafer-scale system (CS-2/CS-3). Decimal
 * units: 1 GB = 1e9 bytes, 1 TB/s = 1e12 bytes/s. */
typedef struct {
  char name[GP_NAME_MAX];
  double peak_tflop_per_s;     /* dense peak at the training precision, TFLOP/s */
  double matmul_efficiency;    /* fraction of peak a large, well-shaped GEMM sustains (the
                                  cuBLAS ceiling); smaller GEMMs lose more by quantisation */
  long compute_units;          /* units a GEMM's output tiles are spread over (SMs); 0 = no
                                  tile or wave quantisation */
  long tile_m, tile_n;         /* output tile of a GEMM on one unit, elements */
  double attention_efficiency; /* fraction of peak of the fused attention kernel (FlashAttention
                                  style), forward and backward together */
  double mem_efficiency;       /* fraction of mem_bw that streaming kernels sustain */
  double comm_interference;    /* share of compute lost while a hidden collective runs (its
                                  kernels take SMs and memory bandwidth), [0, 1) */
  double mem_capacity_gb;      /* local memory (HBM), GB */
  double mem_bw_gb_per_s;      /* local memory bandwidth, GB/s */
  double mem_reserved_gb;      /* capacity kept for framework and workspace, GB */
  double tier2_capacity_gb;    /* second tier per accelerator (host memory, memory pooled over
                                  an optical fabric; MemoryX share in wafer mode); 0 = none */
  double tier2_bw_gb_per_s;    /* bandwidth between the accelerator and that tier, GB/s */
  double power_w;              /* average electrical power of one accelerator in training, W */
  bool wafer_scale;            /* wafer-scale mode: the fields below apply, the mem_* do not */
  double sram_capacity_gb;     /* on-wafer SRAM, GB */
  double sram_bw_tb_per_s;     /* on-wafer SRAM bandwidth, TB/s */
  double stream_bw_gb_per_s;   /* external weight-streaming bandwidth per system, GB/s each way */
} gp_accel;

extern const gp_param_table gp_accel_param_table;

/* Defaults: NVIDIA H100 SXM (brief sec. 4: 989 TFLOP/s dense BF16, 132 SMs, 80 GB HBM3 at
 * 3.35 TB/s, 700 W); GEMM, attention, streaming and interference figures as the "dgx-h100"
 * preset of data/systems.lua (each sourced there); no second tier. */
void gp_accel_params_init (gp_accel *a);

/* Cross-field checks on top of the table: wafer mode needs SRAM, streaming bandwidth and a
 * second tier (MemoryX) to hold weights and optimizer state; tier2 capacity needs bandwidth. */
gp_status gp_accel_validate (const gp_accel *a, gp_error *err);

/* Check the interconnect: 1..GP_MAX_NET_LEVELS levels, group sizes >= 1 and nondecreasing
 * outwards, bandwidth > 0, latency and energy >= 0, names terminated. */
gp_status gp_net_levels_validate (const gp_net_levels *net, gp_error *err);

/* A parallelism plan. Ranks are laid out tensor-parallel innermost, then context, then
 * pipeline, then data (Megatron order): TP groups have stride 1, CP stride tp, PP stride
 * tp x cp, DP stride tp x cp x pp. `order` names another layout, innermost first (one of
 * gp_plan_order_names, e.g. "dp-tp-cp-pp"): each group's stride is the product of the
 * degrees laid out inside it, and it is placed on the net levels with that stride.
 * Expert parallelism lives inside DP (dp = ep x replicas): an EP group is ep consecutive DP
 * ranks, at DP's stride; each holds experts / ep of every MoE layer's routed experts (split
 * by tp as the rest of the layer). */
typedef struct {
  long dp, tp, pp;             /* degrees; N = dp tp cp pp accelerators (systems in wafer mode);
                                  pp need not divide the layers (uneven stages) */
  long cp;                     /* context parallelism: the sequence split over cp ranks, ring
                                  attention passing K/V around the group; cp | seq_len_tokens */
  long microbatch_seqs;        /* b: sequences per micro-batch; m = batch / (dp b) */
  long interleave;             /* v: model chunks per pipeline stage (1 = not interleaved) */
  int recompute;               /* gp_recompute */
  bool seq_parallel;           /* TP as reduce-scatter + all-gather with sequence parallelism */
  bool tp_overlap;             /* TP collectives overlapped with GEMMs (needs seq_parallel) */
  bool dp_overlap;             /* DP gradient reduction overlapped with backward (and ZeRO-3
                                  gathers with compute) */
  long zero_stage;             /* 0..3: shard optimizer (1), + gradients (2), + weights (3) */
  bool offload_weights;        /* weights in the second tier, streamed in per micro-batch */
  bool offload_activations;    /* activation stash in the second tier */
  bool offload_optimizer;      /* optimizer state and update in the second tier */
  bool unfused_attention;      /* attention as batched GEMMs + softmax/dropout kernels on the
                                  s x s scores (Megatron before FlashAttention, as in SC21)
                                  instead of one fused kernel; not searched */
  int order;                   /* index into gp_plan_order_names; 0 = "tp-cp-pp-dp" (Megatron);
                                  not searched */
  long ep;                     /* expert parallelism: ep | dp and ep | experts; 1 for a dense
                                  workload */
  bool ep_overlap;             /* dispatch/combine all-to-alls overlapped with the compute of
                                  another micro-batch (DeepSeek-V3's DualPipe) */
} gp_plan;

/* The 24 orders of the four dimensions, innermost first, NULL-terminated; the first is the
 * default. gp_plan_order_dims[order][k] is the k-th innermost dimension (0 tp, 1 cp, 2 pp,
 * 3 dp). */
extern const char *const gp_plan_order_names[];
extern const unsigned char gp_plan_order_dims[24][4];

extern const gp_param_table gp_plan_param_table;

/* Defaults: dp 1, tp 1, cp 1, pp 1, b 1, v 1, no recomputation, no sharding, no offload. */
void gp_plan_params_init (gp_plan *p);

typedef enum {
  GP_PHASE_FORWARD,    /* forward compute (with overlapped communication), m micro-batches */
  GP_PHASE_BACKWARD,   /* backward compute incl. recomputation */
  GP_PHASE_OPTIMIZER,  /* optimizer update */
  GP_PHASE_BUBBLE,     /* pipeline fill and drain */
  GP_PHASE_TP_COMM,    /* tensor-parallel collectives not hidden */
  GP_PHASE_PP_COMM,    /* pipeline point-to-point sends */
  GP_PHASE_DP_COMM,    /* data-parallel gradient reduction (and ZeRO gathers) not hidden */
  GP_PHASE_CP_COMM,    /* context-parallel K/V ring not hidden behind attention */
  GP_PHASE_EP_COMM,    /* expert-parallel dispatch/combine all-to-alls not hidden */
  GP_PHASE_N
} gp_phase;

/* "forward", "backward", "optimizer", "pipeline bubble", "tensor-parallel communication",
 * "pipeline communication", "data-parallel communication", "context-parallel communication",
 * "expert-parallel communication", NULL */
extern const char *const gp_phase_names[];

typedef enum {
  GP_BOUND_COMPUTE,  /* FLOPs at peak x efficiency */
  GP_BOUND_MEMORY,   /* local memory (HBM or on-wafer SRAM) traffic */
  GP_BOUND_TIER2,    /* second-tier memory traffic (offload) */
  GP_BOUND_STREAM,   /* wafer-scale external weight streaming */
  GP_BOUND_NET_TP,   /* tensor-parallel collectives */
  GP_BOUND_NET_PP,   /* pipeline point-to-point */
  GP_BOUND_NET_DP,   /* data-parallel reduction */
  GP_BOUND_IDLE,     /* pipeline bubble */
  GP_BOUND_NET_CP,   /* context-parallel K/V ring */
  GP_BOUND_NET_EP,   /* expert-parallel all-to-all */
  GP_BOUND_N
} gp_bound;

/* "compute", "memory bandwidth", "second-tier memory", "weight streaming",
 * "tensor-parallel network", "pipeline network", "data-parallel network", "pipeline bubble",
 * "context-parallel network", "expert-parallel network" */
extern const char *const gp_bound_names[];

/* The collectives of a step, for the per-collective account in gp_steptime_result. */
typedef enum {
  GP_COMM_TP,          /* tensor-parallel all-reduce or reduce-scatter + all-gather */
  GP_COMM_CP,          /* context-parallel K/V ring (and dK/dV in backward) */
  GP_COMM_PP,          /* pipeline point-to-point sends */
  GP_COMM_DP,          /* data-parallel gradient reduction (all-reduce or reduce-scatter) */
  GP_COMM_ZERO,        /* ZeRO parameter all-gathers (per step for ZeRO-1/2, per micro-batch
                          for ZeRO-3) */
  GP_COMM_EP,          /* expert-parallel dispatch and combine all-to-alls */
  GP_COMM_N
} gp_comm;

/* "tensor-parallel", "context-parallel", "pipeline", "data-parallel", "zero-gather",
 * "expert-parallel", NULL */
extern const char *const gp_comm_names[];

/* One collective's account over a step, seconds: TIME = HIDDEN + EXPOSED is the time the
 * network carries it; HIDDEN ran under compute, EXPOSED added to the step; SLOWDOWN is the
 * compute time lost to it while hidden (accel comm_interference x hidden), also in the step. */
typedef struct {
  double time_s, hidden_s, exposed_s, slowdown_s;
  int level;                   /* outermost net level it crosses; -1 = none */
} gp_comm_cost;

typedef struct {
  bool feasible;               /* false: memory does not fit; times are not filled */
  /* memory per accelerator (worst pipeline stage), bytes */
  double weights_bytes, grads_bytes, optimizer_bytes, activations_bytes, reserved_bytes;
  double mem_total_bytes, mem_capacity_bytes, mem_shortfall_bytes; /* shortfall 0 if it fits */
  double tier2_total_bytes, tier2_capacity_bytes, tier2_shortfall_bytes;
  /* time */
  long microbatches;           /* m */
  double step_time_s;
  double phase_s[GP_PHASE_N];
  int phase_bound[GP_PHASE_N]; /* gp_bound of each phase */
  double bound_s[GP_BOUND_N];  /* step time attributed to each bounding resource */
  double bubble_fraction;      /* (p - 1) / (v m): bubble over ideal pipeline time */
  double compute_lower_bound_s;/* step time if every phase ran at compute speed, no comms */
  double model_flops, hw_flops;/* per step, whole machine */
  double mfu, hfu;             /* model / hardware FLOPs over (step time x N x peak) */
  double tokens_per_s;
  double net_bytes_per_step;   /* bytes sent per accelerator per step, all levels */
  double energy_per_step_j;    /* N x power x step + interconnect bits x pJ/bit */
  int tp_level, pp_level, dp_level; /* outermost net level each group uses; -1 = no group */
  bool dp_hierarchical;        /* DP reduction is two-level */
  gp_comm_cost comm[GP_COMM_N];/* per collective: time, hidden, exposed, slowdown */
  /* compute of the step on the slowest stage, s (m micro-batches, forward + backward +
   * recomputation, without the bubble): */
  double gemm_s, attention_s, memory_bound_s;
  double gemm_efficiency;      /* GEMM FLOPs / (GEMM time x peak): shape efficiency reached */
  int cp_level;                /* outermost net level the CP group uses; -1 = no group */
  int binding;                 /* gp_bound with the most time */
  int binding_phase;           /* gp_phase that contributes most of it */
  int ep_level;                /* outermost net level the EP group uses; -1 = no group */
  double ep_bytes_per_alltoall;/* bytes one rank sends in one dispatch (or combine) */
} gp_steptime_result;

/* Prepared inputs: validated once, with the workload's sizes precomputed, so that a search
 * can evaluate many plans without re-validating. Filled by gp_steptime_prepare; treat as
 * opaque. Borrowed pointers: the inputs must outlive it. */
typedef struct {
  const gp_accel *accel;
  const gp_net_levels *net;
  const gp_workload *work;
  gp_workload_sizes sizes;
  double peak, rate, mem_bw, mem_cap, reserved, t2_bw, t2_cap, stream_bw; /* SI units */
  double attn_rate;            /* peak x attention_efficiency, FLOP/s */
  double stream_bw_eff;        /* mem_bw x mem_efficiency, B/s */
  double act_bytes;            /* bytes per activation value */
  /* Optional, set by the caller after gp_steptime_prepare: the levels of each plan's own
   * placement (a glass fabric, gp-fabric-plan.h), used instead of NET for that plan by
   * gp_steptime_eval_unchecked and gp_steptime_compute_bound alike (so the search's bound
   * stays exact). Returns nonzero when it cannot place the plan: NET is used then. */
  int (*plan_net) (void *user, const gp_plan *plan, gp_net_levels *out);
  void *plan_net_user;
} gp_steptime_ctx;

gp_status gp_steptime_prepare (gp_steptime_ctx *ctx, const gp_accel *accel,
                               const gp_net_levels *net, const gp_workload *work,
                               gp_error *err);

/* Evaluate PLAN. Per micro-batch on the slowest pipeline stage (the last with the logits,
 * or a heavier middle stage when stages are uneven), each of forward and backward takes
 *     max(compute + interference of hidden collectives, local memory traffic, second tier)
 *   + the exposed part of each collective,
 * compute being the layer's GEMMs timed by shape, attention and memory-bound kernels
 * (gp-steptime-compute.c) and overlap as in gp-steptime-eval.c,
 * and the step is
 *     (m + (p - 1)/v) t_mb + exposed per-step DP reduction + optimizer
 * (Narayanan et al. SC21: 1F1B bubble (p - 1)/m, interleaved (p - 1)/(v m)).
 * Collectives: ring alpha-beta, all-reduce 2 (n-1)/n S/B + 2 (n-1) alpha, reduce-scatter and
 * all-gather half that; two-level (reduce-scatter inside, all-reduce across, all-gather
 * inside) when the group spans two levels, whichever of flat and two-level is faster.
 * Memory per accelerator (weights, grads, optimizer by ZeRO stage, activations per
 * Korthikanti et al. 2022) is checked first: a plan that does not fit returns
 * GP_EINFEASIBLE with RESULT->feasible false and the shortfall filled, and is not timed.
 * Errors: GP_EINVAL for a plan inconsistent with the inputs (degrees that do not divide
 * layers, heads or batch, more ranks than the outermost level, options that need a second
 * tier that is absent, tensor/pipeline parallelism in wafer mode), naming the field. */
gp_status gp_steptime_eval_prepared (const gp_steptime_ctx *ctx, const gp_plan *plan,
                                     gp_steptime_result *result, gp_error *err);

/* Convenience: prepare and evaluate in one call. */
gp_status gp_steptime_eval (const gp_accel *accel, const gp_net_levels *net,
                            const gp_workload *work, const gp_plan *plan,
                            gp_steptime_result *result, gp_error *err);

/* Validate a plan against prepared inputs without timing it (used by the search). */
gp_status gp_plan_check (const gp_steptime_ctx *ctx, const gp_plan *plan, gp_error *err);

/* Put the binding constraint in words into BUF (size LEN), e.g.
 * "network-bound: data-parallel all-reduce over InfiniBand NDR fat tree (41% of the step)".
 * Kept out of gp_steptime_eval so the hot path formats nothing. */
gp_status gp_steptime_describe (const gp_steptime_ctx *ctx, const gp_plan *plan,
                                const gp_steptime_result *result, char *buf, size_t len,
                                gp_error *err);

/* Ring collectives on one level (alpha-beta model):
 *   all-reduce      2 (n-1)/n S/B + 2 (n-1) alpha
 *   reduce-scatter  (n-1)/n S/B + (n-1) alpha     (S = full buffer before scattering)
 *   all-gather      (n-1)/n S/B + (n-1) alpha     (S = full buffer after gathering)
 * (Thakur, Rabenseifner and Gropp, IJHPCA 2005; brief sec. 3.5). n >= 1 (n = 1 costs 0). */
typedef enum { GP_COLL_ALLREDUCE, GP_COLL_REDUCE_SCATTER, GP_COLL_ALLGATHER } gp_collective;

gp_status gp_ring_time (gp_collective kind, long n, double bytes, double bw_bytes_per_s,
                        double alpha_s, double *time_s, gp_error *err);

/* A collective over a group of N ranks with STRIDE (ranks r, r + stride, ...) placed on NET:
 * the smallest level whose group_size covers n x stride carries it; if the level inside it
 * holds k >= 2 of the group's ranks (k | n), the two-level form is also timed and the
 * faster kept. *LEVEL_OUT (may be NULL) gets the outer level used, *HIER_OUT whether the
 * two-level form won. GP_EINVAL if the group does not fit in the outermost level. */
/* All-to-all of S bytes per rank (S/n to each rank, itself included) over a group of N
 * ranks with STRIDE placed on NET, pairwise exchange (Thakur, Rabenseifner and Gropp 2005):
 *   flat       (n-1)/n S / B_outer + (n-1) alpha_outer
 *   two-level  when k ranks of the group share an inner domain: the (k-1)/n S bound inside
 *              it and the (n-k)/n S bound outside go on their own links at once,
 *              max((k-1)/n S / B_inner + (k-1) alpha_inner, (n-k)/n S / B_outer + (n-k) alpha_outer)
 * B is each level's bandwidth cut to its core share when the group's span crosses its core
 * (the same contention model as the ring collectives). GP_EINVAL as gp_group_collective_time. */
gp_status gp_group_alltoall_time (const gp_net_levels *net, long n, long stride, double bytes,
                                  double *time_s, int *level_out, gp_error *err);

gp_status gp_group_collective_time (const gp_net_levels *net, gp_collective kind, long n,
                                    long stride, double bytes, double *time_s,
                                    int *level_out, bool *hier_out, gp_error *err);

/* Where the step goes, for the "where the step goes" chart: the step time split into
 * GEMMs, attention, memory-bound kernels (the compute), interference (compute lost to
 * hidden collectives), the memory/offload floor (phase time beyond compute and
 * interference when local or second-tier traffic binds), the optimizer, the pipeline
 * bubble, and the exposed part of each collective (TP, CP, PP, DP gradients, ZeRO gathers).
 * The parts add up to step_time_s. */
typedef enum {
  GP_WHERE_GEMM, GP_WHERE_ATTENTION, GP_WHERE_MEMORY_BOUND, GP_WHERE_INTERFERENCE,
  GP_WHERE_MEMORY_FLOOR, GP_WHERE_OPTIMIZER, GP_WHERE_BUBBLE, GP_WHERE_TP, GP_WHERE_CP,
  GP_WHERE_PP, GP_WHERE_DP, GP_WHERE_ZERO, GP_WHERE_EP, GP_WHERE_N
} gp_where;

/* "GEMMs", "attention", "memory-bound kernels", "interference", "memory floor",
 * "optimizer", "pipeline bubble", "exposed TP", "exposed CP", "exposed PP",
 * "exposed DP gradients", "exposed ZeRO gathers", "exposed EP all-to-all", NULL */
extern const char *const gp_where_names[];

/* Fill OUT[GP_WHERE_N] from a feasible RESULT (all zeros if infeasible). */
void gp_steptime_where (const gp_steptime_result *result, double *out);

/* Time and energy to train on TOKENS tokens at RESULT's rate: steps = tokens / (B s),
 * time = steps x step time, energy = steps x energy per step. No failures: see
 * gp-failure.h for goodput. */
gp_status gp_steptime_to_train (const gp_steptime_ctx *ctx, const gp_steptime_result *result,
                                double tokens, double *time_s, double *energy_j,
                                gp_error *err);

#ifdef __cplusplus
}
#endif
