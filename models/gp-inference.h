/* gp-inference.h: serving a decoder-only transformer: prefill and decode per request, the
 * KV cache and what fits, latency against throughput, and cost, energy and carbon per token.
 *
 * Inputs: the accelerator (gp_accel; in wafer-scale mode one wafer), the interconnect
 * (gp_net_levels), the model (gp_workload: only its shape is used, not its training batch),
 * the serving parameters (gp_inference_params: request shape, batch, precisions, paging,
 * speculative decoding, disaggregation) and a serving plan (tp, pp, ep, dp). Optional
 * economics (gp_inference_econ, filled from a gp_system_result by
 * gp_inference_econ_from_system) turn throughput into USD, J and kgCO2e per token.
 * Equations and sources are above gp_inference_eval and in gp-inference.c. Units: bytes,
 * s, FLOP, W, USD, kgCO2e; decimal GB. */
#pragma once

#include <stdbool.h>

#include "gp-netlevel.h"
#include "gp-param.h"
#include "gp-steptime.h"
#include "gp-system.h"
#include "gp-workload.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Serving parameters. Family-level figures (memory-bandwidth efficiency, per-layer
 * overhead) have per-family defaults with sources in data/inference.lua. */
typedef struct {
  char name[GP_NAME_MAX];      /* the entry's name, e.g. "dgx" */
  long prompt_tokens;          /* input tokens per request, >= 1 */
  long output_tokens;          /* generated tokens per request, >= 1 */
  long batch_seqs;             /* sequences decoded together per replica, >= 1 */
  long context_tokens;         /* the model's context window; 0 = the workload's seq_len */
  long weight_bits;            /* 16, 8 or 4 */
  long kv_bits;                /* 16, 8 or 4 */
  long kv_latent_size;         /* MLA: values cached per token per layer (compressed latent +
                                  decoupled RoPE key, DeepSeek-V2: 512 + 64); 0 = K and V of
                                  kv_heads heads (MHA/GQA/MQA) */
  double paged_kv_utilisation; /* share of the KV allocation holding live tokens (paged) */
  double mem_bw_efficiency;    /* achieved share of peak memory bandwidth on streaming reads */
  double layer_latency_us;     /* fixed cost per layer per forward pass (kernel launches and
                                  synchronisation; on a wafer the fabric traversal) */
  double lowp_speedup;         /* peak multiplier when weights are 8 or 4 bits (FP8/INT8 math) */
  double spec_acceptance;      /* speculative decoding: per-token acceptance rate; 0 = off */
  long spec_draft_tokens;      /* draft length k */
  double spec_draft_cost;      /* one draft step's time over one target decode step */
  bool disaggregated;          /* prefill and decode on separate replica pools */
  double prefill_share;        /* disaggregated: share of the replicas doing prefill */
  double utilisation;          /* share of the hardware's lifetime spent serving */
  double idle_power_share;     /* an accelerator's power with nothing running (weights
                                  loaded, clocks up) over its training-load power */
  double ttft_target_s;        /* latency targets (0 = none) for requests/s at a target */
  double tpot_target_s;
} gp_inference_params;

extern const gp_param_table gp_inference_param_table;

/* Defaults: data/inference.lua "dgx" (Llama-style chat request: 1,024 prompt and 256
 * output tokens, batch 1, 16-bit weights and KV, vLLM's paging, no speculation). */
void gp_inference_params_init (gp_inference_params *p);

/* A serving plan: tp x pp accelerators per replica, dp replicas. For a mixture of experts,
 * ep replicas (ep | dp, ep | experts) share each MoE layer's routed experts, each holding
 * experts / ep of them, and dispatch their tokens to each other. Ranks are laid out TP
 * innermost, then PP, then replicas, as gp_plan; an EP group is ep consecutive replicas. */
typedef struct {
  long tp, pp, ep, dp;
} gp_serve_plan;

extern const gp_param_table gp_serve_plan_param_table;
void gp_serve_plan_init (gp_serve_plan *p); /* 1, 1, 1, 1 */

/* What serving costs on the whole machine. capex_usd, power_w (from the wall, PUE
 * included, at training load) and embodied_kg are for MACHINE_ACCELERATORS accelerators; a
 * plan using fewer is charged its share. With accel_power_w > 0 the power follows the
 * serving load (gp_inference_eval: accelerators by their compute, memory and I/O
 * utilisation above an idle floor; hosts and fabric at their training-load power); with
 * accel_power_w = 0 the plan draws its share of power_w whatever it does. */
typedef struct {
  long machine_accelerators;
  double capex_usd;
  double power_w;
  double embodied_kg;
  double lifetime_years;
  double electricity_usd_per_kwh;
  double grid_ci_g_per_kwh;
  /* the load-following power model (all 0: flat power_w) */
  double accel_power_w;        /* one accelerator at training load (its TDP), W */
  double memory_power_share;   /* of accel_power_w at full memory bandwidth */
  double io_power_share;       /* of accel_power_w at full I/O */
  double fixed_power_w;        /* the whole machine's hosts and fabric, W (load-independent) */
  double wall_factor;          /* wall power over equipment power (delivery losses, PUE) */
} gp_inference_econ;

/* Take capex, wall power and embodied carbon from the system model's result (the figures
 * gp_system_eval_hardware or gp_system_eval fills) and lifetime, price and grid from S and
 * ST; the load-following power model from the result's power parts (accelerator compute,
 * memory and I/O; interconnect and servers; delivery and facility as wall_factor) and the
 * system's memory and I/O shares. */
gp_status gp_inference_econ_from_system (const gp_system *s, const gp_study *st,
                                         const gp_system_result *r, gp_inference_econ *e,
                                         gp_error *err);

typedef enum {
  GP_INF_BOUND_COMPUTE,     /* FLOPs at peak x efficiency */
  GP_INF_BOUND_WEIGHTS,     /* reading the weights from local memory */
  GP_INF_BOUND_KV,          /* reading the KV cache */
  GP_INF_BOUND_STREAM,      /* wafer: weights streamed from external memory */
  GP_INF_BOUND_NET_TP,      /* tensor-parallel all-reduces */
  GP_INF_BOUND_NET_PP,      /* pipeline hops */
  GP_INF_BOUND_OVERHEAD,    /* fixed per-layer latency */
  GP_INF_BOUND_PREFILL,     /* decode stalled by interleaved prefills */
  GP_INF_BOUND_NET_EP,      /* expert-parallel dispatch/combine all-to-alls */
  GP_INF_BOUND_N
} gp_inference_bound;

/* "compute", "weight reads", "KV-cache reads", "weight streaming", "tensor-parallel network",
 * "pipeline network", "per-layer overhead", "prefill interference",
 * "expert-parallel network", NULL */
extern const char *const gp_inference_bound_names[];

typedef struct {
  /* the replica and the machine */
  long accelerators;            /* dp tp pp used */
  long min_accelerators;        /* fewest accelerators whose memory holds the weights */
  bool weights_resident;        /* weights in local memory (false: wafer streaming mode) */
  /* KV cache */
  double kv_bytes_per_token;    /* whole model, one token */
  double kv_bytes_per_token_accel; /* on one accelerator (TP/PP shares, replication) */
  long max_batch;               /* sequences of prompt + output tokens that fit a replica */
  long max_context_tokens;      /* context per sequence that fits at batch_seqs */
  /* memory per accelerator (the most loaded stage), bytes */
  double weights_bytes, kv_bytes, activations_bytes, reserved_bytes;
  double memory_per_accel_bytes, capacity_bytes;
  double weights_total_bytes;   /* the whole model at weight_bits */
  /* prefill of one request on one replica */
  double prefill_flops;         /* whole model, one prompt */
  double prefill_compute_s, prefill_memory_s, prefill_net_s, prefill_s;
  double kv_transfer_s;         /* disaggregated: prefill pool to decode pool */
  /* one decode round (every sequence of the batch advances one position), one replica */
  double decode_flops;          /* whole model, per round */
  double step_s;                /* one round without speculation or prefill stalls */
  double step_bound_s[GP_INF_BOUND_N]; /* tpot by resource: the round's terms (the max of
                                          compute and memory counted once; scaled to the
                                          speculative round) + prefill interference; they
                                          add up to tpot */
  double spec_tokens_per_step;  /* expected tokens per verification (1 without speculation) */
  /* serving */
  double ttft_s;                /* time to first token: prefill (+ KV transfer) */
  double tpot_s;                /* time per output token seen by a user */
  double e2e_s;                 /* ttft + (output - 1) tpot */
  double tokens_per_s_per_user;
  double tokens_per_s;          /* output tokens/s, whole plan (dp replicas) */
  double requests_per_s;
  double tokens_per_s_per_accel;
  double prefill_time_share;    /* share of a replica's time spent in prefill */
  double mfu;                   /* model FLOPs (prefill + decode) / (time x N x peak) */
  bool meets_targets;           /* ttft and tpot within their targets (true if none) */
  int binding;                  /* gp_inference_bound with the largest term of tpot */
  /* economics (0 when no econ was given) */
  double compute_utilisation;   /* busy share of the accelerators' math units (time-averaged
                                   over prefill and decode) */
  double memory_utilisation;    /* busy share of their memory bandwidth */
  double accel_power_w;         /* one accelerator's serving power (equipment level), W */
  double power_w;               /* the plan's wall power: accelerators at their serving load
                                   plus its share of hosts and fabric */
  double joules_per_token, tokens_per_joule;
  double usd_per_mtoken, kgco2e_per_mtoken;
} gp_inference_result;

extern const gp_param_table gp_inference_result_table; /* scalar outputs, for Lua and CSV */

/* Validated inputs with the model's sizes precomputed. Borrowed pointers. */
typedef struct {
  const gp_accel *accel;
  const gp_net_levels *net;
  const gp_workload *work;
  const gp_inference_params *par;
  const gp_inference_econ *econ; /* may be NULL */
  gp_workload_sizes sizes;
  double peak, rate, mem_bw, mem_cap, stream_bw, t2_cap;
  double attn_rate;               /* 16-bit peak x attention_efficiency, FLOP/s */
  double wbytes, kvbytes, abytes; /* bytes per weight, per KV value, per activation */
  double head_dim, kv_token_layer; /* values per token per layer cached */
  long context;
} gp_inference_ctx;

/* Validate (accelerator, net, workload, parameters: supported bit widths, prompt + output
 * within the context, econ fields) and precompute. GP_EINVAL naming the parameter. */
gp_status gp_inference_prepare (gp_inference_ctx *ctx, const gp_accel *accel,
                                const gp_net_levels *net, const gp_workload *work,
                                const gp_inference_params *par, const gp_inference_econ *econ,
                                gp_error *err);

/* Time of a matrix product of M x K by K x N on one accelerator, s:
 * 2 M N K / (peak [x lowp_speedup] x matmul_efficiency x q(M, N, K)), q the tile and wave
 * quantisation of the training step model (gp_gemm_quantisation in gp-steptime-private.h:
 * the accelerator's units and tile), 1 on a wafer. A decode GEMM of M = 1..64 rows fills a
 * fraction of its 128-row tiles and runs at that fraction of the large-GEMM rate. The
 * memory side (weights, KV cache) is counted per stage by gp_inference_eval. */
double gp_inference_gemm_time (const gp_inference_ctx *ctx, double m, double n, double k);

/* The smallest replica that holds the weights with one sequence's cache: tp = 1, 2, 4, ...
 * (dividing heads, within the innermost net level; 1 on a wafer), then pp over the
 * divisors of the layers; dp = 1, ep = 1. GP_EINFEASIBLE (message: what would fit) when no
 * replica on the machine holds them. */
gp_status gp_inference_min_plan (const gp_inference_ctx *ctx, gp_serve_plan *plan,
                                 gp_error *err);

/* Evaluate PLAN with the batch of the parameters.
 *
 * Per accelerator on the most loaded pipeline stage (l/pp layers, the output head on the
 * last), with t = tp, b = batch, c = prompt + output/2 the mean decode context:
 *   weights      (l/pp x W + V h) / t x weight_bits/8          (W: matmul weights per layer)
 *   KV per token 2 l h_kv_heads d_head x kv_bits/8  (MLA: l x latent x kv_bits/8); per
 *                accelerator / pp and / min(t, kv_heads) (heads are replicated past that;
 *                the MLA latent is replicated over TP)
 *   capacity     (C - reserved - weights - activations) x paged utilisation; max batch =
 *                tokens that fit / (prompt + output)
 * Decode round (each of b sequences one token; q = 1, or k + 1 when verifying drafts):
 *   compute      kernel time: per layer the QKV, projection, FFN-in and FFN-out GEMMs of
 *                b q rows at their TP-split shapes (gp_inference_gemm_time: tile and wave
 *                quantisation), x l/pp, + the output head (b q rows, V/t columns); attention
 *                4 b q c h l/(pp t) FLOPs at 16-bit peak x attention_efficiency (fused
 *                kernel, as the training model); element-wise kernels (norms, residual adds,
 *                activation; sampling softmax) by their bytes, act_bytes x b q (10 h +
 *                a_f f/t) per layer (a_f = 3 gated, 2 not) + 2 b q V/t, at the memory rate
 *   memory       (weights + b c KV per token) / (bandwidth x efficiency)
 *   tensor       2 all-reduces of b q h activations per layer (ring alpha-beta on the level
 *                the TP group sits on), on the critical path
 *   overhead     l/pp x layer latency
 *   stage        max(compute, memory) + tensor + overhead; round = pp stage + (pp - 1) hop
 *                (micro-batches of b / min(b, pp) pipelined through the stages)
 * Prefill of one prompt of s tokens: gemm(s, stage weights) + causal attention 2 s^2 h
 * l/(pp t), against the weight reads, + TP all-reduces of s h, + overhead; pp stages in
 * sequence. Wafer-scale: local memory is the SRAM, weights resident when the stage fits
 * (a pipeline of pp wafers), else streamed from external memory every pass (stream bound).
 * Continuous batching (Yu et al., Orca, OSDI 2022): prefills interleave with decode, so a
 * replica completes R = b / (round x output + b x prefill_stage) requests/s and a user sees
 * tpot = round / (1 - R prefill_stage). Disaggregated (Zhong et al., DistServe, OSDI 2024):
 * a prefill pool and a decode pool, R = min of the two, ttft adds the KV transfer over the
 * outermost level, tpot = round. Speculative decoding (Leviathan et al., ICML 2023):
 * E = (1 - a^(k+1)) / (1 - a) tokens per verification, tpot = (round(q = k+1) +
 * k draft_cost round(q = 1)) / E.
 * Economics: the plan's share of capex over lifetime x utilisation, and its wall power,
 * per output token. Power follows the load (econ accel_power_w > 0): each accelerator draws
 *   P = P_T [i + (1 - i)((1 - s_m - s_io) u_c + s_m u_m + s_io u_io)]
 * with P_T its training-load power (TDP; gp-power.h), i = idle_power_share, s_m and s_io
 * the system's memory and I/O shares of P_T, and u_c, u_m, u_io the time-averaged busy
 * shares of its math units, memory and links (decode round and prefill terms above over
 * their wall time, weighted by the replica's time in each; disaggregated pools by their
 * own load). The training step is taken as full load (u = 1: the part at its TDP). Hosts
 * and fabric draw their training-load power (fixed_power_w x the plan's share); wall =
 * equipment x wall_factor. Splitwise (Patel et al., ISCA 2024, sec. III) measures this
 * shape: compute-bound prompt phases draw near TDP, memory-bound token phases well below.
 * Mixture of experts (issue 16) and MLA: weights per accelerator hold the non-expert
 * weights / t and the routed experts / (t ep), all resident; a pass of M tokens per replica
 * reads the non-expert weights and only the routed experts the group's ep M tokens touch on
 * this rank, E (1 - (1 - k/E)^(ep M)) / ep of them (gp_moe_experts_touched), and runs them
 * at their shapes (gp-moe.h); each MoE layer adds a dispatch and a combine all-to-all of
 * M x copies x h x act bytes x load / t per rank over the EP group (pairwise exchange on
 * the placed group, gp_group_a2a), on the critical path. FLOPs (MFU) count active experts
 * and the attention core at attn_dim. An MLA workload caches d_c + d_r values per token per
 * layer (kv_latent_size overrides), replicated over TP.
 * Errors: GP_EINVAL for a plan inconsistent with the inputs (tp not dividing heads, pp not
 * dividing layers, ep not dividing dp or experts or ep > 1 on a dense model, more
 * accelerators than the outermost level, tp > 1 on a wafer,
 * a disaggregated plan with dp < 2); GP_EINFEASIBLE when the weights do not fit (message:
 * how many accelerators would hold them) or the batch does not (message: the batch that
 * fits and the context that fits this batch). */
gp_status gp_inference_eval (const gp_inference_ctx *ctx, const gp_serve_plan *plan,
                             gp_inference_result *r, gp_error *err);

/* The same at another batch size (sweeps and searches; no re-validation of the rest). */
gp_status gp_inference_eval_batch (const gp_inference_ctx *ctx, const gp_serve_plan *plan,
                                   long batch, gp_inference_result *r, gp_error *err);

/* The binding constraint in words, e.g. "memory-bandwidth-bound decode: weight reads are
 * 81% of a 22.1 ms token" (off the hot path). */
gp_status gp_inference_describe (const gp_inference_ctx *ctx, const gp_serve_plan *plan,
                                 const gp_inference_result *r, char *buf, size_t len,
                                 gp_error *err);

/* Batch sweep: N_POINTS batch sizes from 1 to the largest that fits (geometric, distinct
 * integers; fewer when fewer exist). POINTS receives them in increasing batch; PARETO[i]
 * is true when no other point has both more tokens/s per user and more tokens/s. *N_OUT
 * gets the count. GP_EINFEASIBLE when not even batch 1 fits. */
typedef struct {
  long batch;
  gp_inference_result r;
} gp_inference_point;

gp_status gp_inference_sweep (const gp_inference_ctx *ctx, const gp_serve_plan *plan,
                              long n_points, gp_inference_point *points, bool *pareto,
                              long *n_out, gp_error *err);

/* Serving-plan search over N_ACCEL accelerators: tp a divisor of heads (powers of two up to
 * the innermost level or the machine), pp dividing layers, tp pp dividing N_ACCEL, dp =
 * N_ACCEL / (tp pp) (halved to give a prefill pool when disaggregated), for a mixture of
 * experts every ep dividing dp and the experts (1 for a dense model), and batches 1, 2,
 * 4, ... up to the largest that fits plus that largest. Ranked by tokens/s among plans that
 * meet the latency targets (all plans when no targets). TOP[0..top_k) gets the best;
 * *N_FOUND the count. GP_EINFEASIBLE when nothing fits or meets the targets (message: the
 * closest). */
typedef struct {
  gp_serve_plan plan;
  long batch;
  gp_inference_result r;
} gp_inference_choice;

gp_status gp_inference_search (const gp_inference_ctx *ctx, long n_accel, long top_k,
                               gp_inference_choice *top, long *n_found, long *evaluated,
                               gp_error *err);

#ifdef __cplusplus
}
#endif
