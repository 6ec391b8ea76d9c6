/* gp-steptime.c: step time of one plan on one machine (model summary in gp-steptime.h).
 *
 * Everything is per accelerator and per micro-batch on the slowest pipeline stage, then
 * scaled to a step. The function bodies are plain arithmetic on a few dozen doubles, so one
 * evaluation costs well under a microsecond and the search can afford millions. */
#include "gp-steptime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gp-moe.h"
#include "gp-numfmt.h"
#include "gp-steptime-private.h"
#include "gp-steptime-wafer.h"

#define GB 1e9
#define TB 1e12

const char *const gp_phase_names[] = {
  "forward", "backward", "optimizer", "pipeline bubble", "tensor-parallel communication",
  "pipeline communication", "data-parallel communication", "context-parallel communication",
  "expert-parallel communication", NULL,
};

const char *const gp_bound_names[] = {
  "compute", "memory bandwidth", "second-tier memory", "weight streaming",
  "tensor-parallel network", "pipeline network", "data-parallel network", "pipeline bubble",
  "context-parallel network", "expert-parallel network", NULL,
};

const char *const gp_comm_names[] = {
  "tensor-parallel", "context-parallel", "pipeline", "data-parallel", "zero-gather",
  "expert-parallel", NULL,
};

/* ---- parameter tables ------------------------------------------------------------- */

static const gp_param accel_params[] = {
  GP_P_STRING (gp_accel, name, 0, "Accelerator", "Name, e.g. h100-sxm"),
  GP_P_DOUBLE (gp_accel, peak_tflop_per_s, 0, 1e7, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_LOG,
               "TFLOP/s", "Peak throughput", "Dense peak at the training precision"),
  GP_P_DOUBLE (gp_accel, matmul_efficiency, 0, 1, GP_RANGE_MIN_EXCLUSIVE, "",
               "GEMM efficiency", "Fraction of peak a large GEMM sustains (cuBLAS ceiling)"),
  GP_P_INT (gp_accel, compute_units, 0, 1e7, GP_PARAM_F_OPTIONAL, "", "Compute units",
            "Units (SMs) a GEMM's tiles spread over in waves; 0 = no quantisation"),
  GP_P_INT (gp_accel, tile_m, 1, 1e5, GP_PARAM_F_OPTIONAL, "", "GEMM tile rows",
            "Output tile rows per unit"),
  GP_P_INT (gp_accel, tile_n, 1, 1e5, GP_PARAM_F_OPTIONAL, "", "GEMM tile columns",
            "Output tile columns per unit"),
  GP_P_DOUBLE (gp_accel, attention_efficiency, 0, 1, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_OPTIONAL,
               "", "Attention efficiency", "Fraction of peak of the fused attention kernel"),
  GP_P_DOUBLE (gp_accel, mem_efficiency, 0, 1, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_OPTIONAL, "",
               "Memory efficiency", "Fraction of memory bandwidth streaming kernels sustain"),
  GP_P_DOUBLE (gp_accel, comm_interference, 0, 1, GP_RANGE_MAX_EXCLUSIVE | GP_PARAM_F_OPTIONAL,
               "", "Communication interference",
               "Share of compute lost while a hidden collective runs"),
  GP_P_DOUBLE (gp_accel, mem_capacity_gb, 0, 1e6, GP_PARAM_F_LOG, "GB", "Memory capacity",
               "Local (HBM) memory per accelerator; unused in wafer-scale mode"),
  GP_P_DOUBLE (gp_accel, mem_bw_gb_per_s, 0, 1e8, GP_PARAM_F_LOG, "GB/s", "Memory bandwidth",
               "Local memory bandwidth; unused in wafer-scale mode"),
  GP_P_DOUBLE (gp_accel, mem_reserved_gb, 0, 1e6, GP_PARAM_F_OPTIONAL, "GB",
               "Reserved memory", "Capacity kept for framework, workspace, fragmentation"),
  GP_P_DOUBLE (gp_accel, tier2_capacity_gb, 0, 1e9, GP_PARAM_F_OPTIONAL | GP_PARAM_F_LOG, "GB",
               "Second-tier capacity",
               "Host or fabric-pooled memory per accelerator (MemoryX share in wafer mode); 0 = none"),
  GP_P_DOUBLE (gp_accel, tier2_bw_gb_per_s, 0, 1e8, GP_PARAM_F_OPTIONAL | GP_PARAM_F_LOG, "GB/s",
               "Second-tier bandwidth", "Bandwidth between the accelerator and the second tier"),
  GP_P_DOUBLE (gp_accel, power_w, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE, "W", "Power",
               "Average electrical power of one accelerator (or system) while training"),
  GP_P_BOOL (gp_accel, wafer_scale, GP_PARAM_F_OPTIONAL, "Wafer-scale mode",
             "Weights stream from external memory, activations stay in on-wafer SRAM"),
  GP_P_DOUBLE (gp_accel, sram_capacity_gb, 0, 1e5, GP_PARAM_F_OPTIONAL, "GB",
               "On-wafer SRAM", "Wafer-scale mode: SRAM capacity"),
  GP_P_DOUBLE (gp_accel, sram_bw_tb_per_s, 0, 1e7, GP_PARAM_F_OPTIONAL | GP_PARAM_F_LOG, "TB/s",
               "SRAM bandwidth", "Wafer-scale mode: aggregate SRAM bandwidth"),
  GP_P_DOUBLE (gp_accel, stream_bw_gb_per_s, 0, 1e7, GP_PARAM_F_OPTIONAL | GP_PARAM_F_LOG,
               "GB/s", "Weight-streaming bandwidth",
               "Wafer-scale mode: external bandwidth per system, each way"),
};

const gp_param_table gp_accel_param_table = {
  "accel", accel_params, GP_N_ELEMENTS (accel_params),
};

void
gp_accel_params_init (gp_accel *a)
{
  /* NVIDIA H100 SXM, brief sec. 4 (NVIDIA H100 datasheet): 989 TFLOP/s dense BF16,
   * 132 SMs, 80 GB HBM3 at 3.35 TB/s, 700 W; GEMM ceiling, tile, attention, streaming and
   * interference figures as data/systems.lua "dgx-h100", where each is sourced. */
  memset (a, 0, sizeof *a);
  strcpy (a->name, "h100-sxm");
  a->peak_tflop_per_s = 989;
  a->matmul_efficiency = 0.80;
  a->compute_units = 132;
  a->tile_m = 128;
  a->tile_n = 256;
  a->attention_efficiency = 0.50;
  a->mem_efficiency = 0.90;
  a->comm_interference = 0.10;
  a->mem_capacity_gb = 80;
  a->mem_bw_gb_per_s = 3350;
  a->mem_reserved_gb = 0;
  a->power_w = 700;
}

gp_status
gp_accel_validate (const gp_accel *a, gp_error *err)
{
  if (a == NULL)
    return gp_error_set (err, GP_EINVAL, "accel", "accel must not be NULL");
  GP_TRY (gp_params_validate (&gp_accel_param_table, a, err));
  if (a->tier2_capacity_gb > 0 && !(a->tier2_bw_gb_per_s > 0))
    return gp_error_set (err, GP_EINVAL, "tier2_bw_gb_per_s",
                         "tier2_bw_gb_per_s = %g must be > 0 when tier2_capacity_gb = %g > 0",
                         a->tier2_bw_gb_per_s, a->tier2_capacity_gb);
  if (a->wafer_scale)
    {
      if (!(a->sram_capacity_gb > 0))
        return gp_error_set (err, GP_EINVAL, "sram_capacity_gb",
                             "sram_capacity_gb = %g must be > 0 in wafer-scale mode",
                             a->sram_capacity_gb);
      if (!(a->sram_bw_tb_per_s > 0))
        return gp_error_set (err, GP_EINVAL, "sram_bw_tb_per_s",
                             "sram_bw_tb_per_s = %g must be > 0 in wafer-scale mode",
                             a->sram_bw_tb_per_s);
      if (!(a->stream_bw_gb_per_s > 0))
        return gp_error_set (err, GP_EINVAL, "stream_bw_gb_per_s",
                             "stream_bw_gb_per_s = %g must be > 0 in wafer-scale mode",
                             a->stream_bw_gb_per_s);
      if (!(a->tier2_capacity_gb > 0))
        return gp_error_set (err, GP_EINVAL, "tier2_capacity_gb",
                             "tier2_capacity_gb = %g must be > 0 in wafer-scale mode: the "
                             "external memory (MemoryX) holds weights and optimizer state",
                             a->tier2_capacity_gb);
    }
  else
    {
      if (!(a->mem_capacity_gb > 0))
        return gp_error_set (err, GP_EINVAL, "mem_capacity_gb",
                             "mem_capacity_gb = %g is out of range: allowed (0, 1e+06] GB",
                             a->mem_capacity_gb);
      if (!(a->mem_bw_gb_per_s > 0))
        return gp_error_set (err, GP_EINVAL, "mem_bw_gb_per_s",
                             "mem_bw_gb_per_s = %g is out of range: allowed (0, 1e+08] GB/s",
                             a->mem_bw_gb_per_s);
    }
  return GP_OK;
}

gp_status
gp_net_levels_validate (const gp_net_levels *net, gp_error *err)
{
  if (net == NULL)
    return gp_error_set (err, GP_EINVAL, "net", "net levels must not be NULL");
  if (net->n_levels < 1 || net->n_levels > GP_MAX_NET_LEVELS)
    return gp_error_set (err, GP_EINVAL, "n_levels",
                         "n_levels = %d is out of range: allowed [1, %d]", net->n_levels,
                         GP_MAX_NET_LEVELS);
  long prev = 1;
  for (int i = 0; i < net->n_levels; i++)
    {
      const gp_net_level *lv = &net->level[i];
      if (memchr (lv->name, '\0', sizeof lv->name) == NULL)
        return gp_error_set (err, GP_EINVAL, "name", "net level %d: name is not terminated", i);
      if (lv->group_size < prev)
        return gp_error_set (err, GP_EINVAL, "group_size",
                             "level %d (%s): group_size = %ld must be >= %ld (levels are "
                             "innermost first and grow outwards)", i, lv->name,
                             lv->group_size, prev);
      prev = lv->group_size;
      gp_status st = gp_check_positive (err, "bw_bytes_per_s", lv->bw_bytes_per_s, "B/s");
      if (st == GP_OK)
        st = gp_check_range (err, "core_share", lv->core_share, 0, 1, 0, "");
      if (st == GP_OK)
        st = gp_check_range (err, "local_size", (double) lv->local_size, 0, INFINITY, 0,
                             "accelerators");
      if (st == GP_OK)
        st = gp_check_nonnegative (err, "latency_s", lv->latency_s, "s");
      if (st == GP_OK)
        st = gp_check_nonnegative (err, "energy_pj_per_bit", lv->energy_pj_per_bit, "pJ/bit");
      if (st != GP_OK)
        {
          char ctx[48];
          snprintf (ctx, sizeof ctx, "net level %d", i);
          gp_error_prefix (err, ctx);
          return st;
        }
    }
  return GP_OK;
}

const char *const gp_plan_order_names[] = {
  "tp-cp-pp-dp",
  "tp-cp-dp-pp",
  "tp-pp-cp-dp",
  "tp-pp-dp-cp",
  "tp-dp-cp-pp",
  "tp-dp-pp-cp",
  "cp-tp-pp-dp",
  "cp-tp-dp-pp",
  "cp-pp-tp-dp",
  "cp-pp-dp-tp",
  "cp-dp-tp-pp",
  "cp-dp-pp-tp",
  "pp-tp-cp-dp",
  "pp-tp-dp-cp",
  "pp-cp-tp-dp",
  "pp-cp-dp-tp",
  "pp-dp-tp-cp",
  "pp-dp-cp-tp",
  "dp-tp-cp-pp",
  "dp-tp-pp-cp",
  "dp-cp-tp-pp",
  "dp-cp-pp-tp",
  "dp-pp-tp-cp",
  "dp-pp-cp-tp",
  NULL,
};

static const gp_param plan_params[] = {
  GP_P_INT (gp_plan, dp, 1, 1e9, 0, "", "Data-parallel degree", "Model replicas"),
  GP_P_INT (gp_plan, tp, 1, 1e6, 0, "", "Tensor-parallel degree",
            "Ranks splitting each layer (must divide heads)"),
  GP_P_INT (gp_plan, pp, 1, 1e6, 0, "", "Pipeline-parallel degree",
            "Pipeline stages (at most the layers; uneven stages allowed)"),
  GP_P_INT (gp_plan, cp, 1, 1e6, GP_PARAM_F_OPTIONAL, "", "Context-parallel degree",
            "Ranks splitting each sequence, ring attention (must divide seq_len_tokens)"),
  GP_P_INT (gp_plan, microbatch_seqs, 1, 1e9, 0, "seqs", "Micro-batch size b",
            "Sequences per micro-batch"),
  GP_P_INT (gp_plan, interleave, 1, 1e5, GP_PARAM_F_OPTIONAL, "", "Interleave v",
            "Model chunks per pipeline stage (Megatron interleaved 1F1B)"),
  GP_P_ENUM (gp_plan, recompute, gp_recompute_names, GP_PARAM_F_OPTIONAL,
             "Activation recomputation", "none, selective (attention only), full"),
  GP_P_BOOL (gp_plan, seq_parallel, GP_PARAM_F_OPTIONAL, "Sequence parallelism",
             "TP as reduce-scatter + all-gather, activations sharded over TP"),
  GP_P_BOOL (gp_plan, tp_overlap, GP_PARAM_F_OPTIONAL, "Overlap TP communication",
             "Decomposed TP collectives overlapped with GEMMs (needs sequence parallelism)"),
  GP_P_BOOL (gp_plan, dp_overlap, GP_PARAM_F_OPTIONAL, "Overlap DP communication",
             "Gradient reduction overlapped with backward"),
  GP_P_INT (gp_plan, zero_stage, 0, 3, GP_PARAM_F_OPTIONAL, "", "ZeRO stage",
            "Shard optimizer (1), gradients (2), weights (3) across data parallelism"),
  GP_P_BOOL (gp_plan, offload_weights, GP_PARAM_F_OPTIONAL, "Offload weights",
             "Weights kept in the second memory tier"),
  GP_P_BOOL (gp_plan, offload_activations, GP_PARAM_F_OPTIONAL, "Offload activations",
             "Activation stash kept in the second memory tier"),
  GP_P_BOOL (gp_plan, offload_optimizer, GP_PARAM_F_OPTIONAL, "Offload optimizer",
             "Optimizer state and update in the second memory tier"),
  GP_P_BOOL (gp_plan, unfused_attention, GP_PARAM_F_OPTIONAL, "Unfused attention",
             "Attention as separate GEMMs and softmax/dropout kernels (pre-FlashAttention)"),
  GP_P_ENUM (gp_plan, order, gp_plan_order_names, GP_PARAM_F_OPTIONAL, "Rank order",
             "Layout of the ranks, innermost first: each group's stride is the product of "
             "the degrees inside it (default tp-cp-pp-dp, Megatron's)"),
  GP_P_INT (gp_plan, ep, 1, 1e6, GP_PARAM_F_OPTIONAL, "", "Expert-parallel degree",
            "Ranks sharing each MoE layer's experts, inside data parallelism (divides dp and "
            "experts)"),
  GP_P_BOOL (gp_plan, ep_overlap, GP_PARAM_F_OPTIONAL, "Overlap EP all-to-all",
             "Dispatch/combine overlapped with another micro-batch's compute (DualPipe)"),
};

const gp_param_table gp_plan_param_table = {
  "plan", plan_params, GP_N_ELEMENTS (plan_params),
};

void
gp_plan_params_init (gp_plan *p)
{
  memset (p, 0, sizeof *p);
  p->dp = p->tp = p->pp = p->cp = p->ep = 1;
  p->microbatch_seqs = 1;
  p->interleave = 1;
  p->recompute = GP_RECOMPUTE_NONE;
}

/* ---- preparation and plan checks ---------------------------------------------------- */

gp_status
gp_steptime_prepare (gp_steptime_ctx *ctx, const gp_accel *accel, const gp_net_levels *net,
                     const gp_workload *work, gp_error *err)
{
  if (ctx == NULL)
    return gp_error_set (err, GP_EINVAL, "ctx", "ctx must not be NULL");
  GP_TRY (gp_accel_validate (accel, err));
  GP_TRY (gp_net_levels_validate (net, err));
  GP_TRY (gp_workload_sizes_eval (work, &ctx->sizes, err));
  ctx->accel = accel;
  ctx->net = net;
  ctx->plan_net = NULL; /* the caller may set its per-plan hook after */
  ctx->plan_net_user = NULL;
  ctx->work = work;
  ctx->peak = accel->peak_tflop_per_s * TB;
  ctx->rate = ctx->peak * accel->matmul_efficiency;
  ctx->attn_rate = ctx->peak * accel->attention_efficiency;
  ctx->act_bytes = work->bytes_per_act;
  if (accel->wafer_scale)
    {
      ctx->mem_bw = accel->sram_bw_tb_per_s * TB;
      ctx->mem_cap = accel->sram_capacity_gb * GB;
    }
  else
    {
      ctx->mem_bw = accel->mem_bw_gb_per_s * GB;
      ctx->mem_cap = accel->mem_capacity_gb * GB;
    }
  ctx->reserved = accel->mem_reserved_gb * GB;
  ctx->t2_bw = accel->tier2_bw_gb_per_s * GB;
  ctx->t2_cap = accel->tier2_capacity_gb * GB;
  ctx->stream_bw = accel->stream_bw_gb_per_s * GB;
  ctx->stream_bw_eff = ctx->mem_bw * accel->mem_efficiency;
  return GP_OK;
}

gp_status
gp_plan_check (const gp_steptime_ctx *ctx, const gp_plan *p, gp_error *err)
{
  if (ctx == NULL || ctx->work == NULL)
    return gp_error_set (err, GP_EINVAL, "ctx", "ctx is not prepared");
  if (p == NULL)
    return gp_error_set (err, GP_EINVAL, "plan", "plan must not be NULL");
  GP_TRY (gp_params_validate (&gp_plan_param_table, p, err));
  const gp_workload *w = ctx->work;
  double n = (double) p->dp * (double) p->tp * (double) p->cp * (double) p->pp;
  long outer = ctx->net->level[ctx->net->n_levels - 1].group_size;
  if (n > (double) outer)
    return gp_error_set (err, GP_EINVAL, "dp",
                         "dp x tp x cp x pp = %g accelerators exceed the outermost level's "
                         "group_size = %ld: the machine cannot place the plan", n, outer);
  if (p->pp > w->layers)
    return gp_error_set (err, GP_EINVAL, "pp", "pp = %ld must not exceed layers = %ld (each "
                         "stage holds at least one layer)", p->pp, w->layers);
  if (w->seq_len_tokens % p->cp != 0)
    return gp_error_set (err, GP_EINVAL, "cp", "cp = %ld must divide seq_len_tokens = %ld",
                         p->cp, w->seq_len_tokens);
  if (w->heads % p->tp != 0)
    return gp_error_set (err, GP_EINVAL, "tp", "tp = %ld must divide heads = %ld", p->tp,
                         w->heads);
  if (w->batch_seqs % (p->dp * p->microbatch_seqs) != 0)
    return gp_error_set (err, GP_EINVAL, "microbatch_seqs",
                         "dp x microbatch_seqs = %ld x %ld must divide batch_seqs = %ld",
                         p->dp, p->microbatch_seqs, w->batch_seqs);
  /* With uneven stages the heaviest stage's ceil(l/p) layers are split into the chunks. */
  long lps = (w->layers + p->pp - 1) / p->pp;
  long m = w->batch_seqs / (p->dp * p->microbatch_seqs);
  if (lps % p->interleave != 0)
    return gp_error_set (err, GP_EINVAL, "interleave",
                         "interleave = %ld must divide layers per stage = %ld (ceil(layers / "
                         "pp))", p->interleave, lps);
  if (p->interleave > 1 && (p->pp < 2 || m % p->pp != 0))
    return gp_error_set (err, GP_EINVAL, "interleave",
                         "interleave = %ld needs pp >= 2 and micro-batches (%ld) divisible by "
                         "pp = %ld", p->interleave, m, p->pp);
  if (p->unfused_attention && p->cp > 1)
    return gp_error_set (err, GP_EINVAL, "unfused_attention",
                         "context parallelism (ring attention) needs the fused attention "
                         "kernel: unfused_attention must be false when cp = %ld > 1", p->cp);
  GP_TRY (gp_moe_check_ep (w, p->ep, p->dp, ctx->accel->wafer_scale,
                            "expert parallelism lives inside data parallelism",
                            "wafer-scale mode is data-parallel only", err));
  if (p->tp_overlap && !p->seq_parallel)
    return gp_error_set (err, GP_EINVAL, "tp_overlap",
                         "tp_overlap needs seq_parallel (only decomposed reduce-scatter and "
                         "all-gather overlap with the GEMMs)");
  bool any_offload = p->offload_weights || p->offload_activations || p->offload_optimizer;
  if (ctx->accel->wafer_scale)
    GP_TRY (gp_steptime_wafer_check (ctx, p, err));
  else if (any_offload && !(ctx->t2_cap > 0))
    {
      const char *which = p->offload_weights ? "offload_weights"
                          : p->offload_activations ? "offload_activations"
                                                   : "offload_optimizer";
      return gp_error_set (err, GP_EINVAL, which,
                           "%s needs a second memory tier, but tier2_capacity_gb = 0", which);
    }
  return GP_OK;
}

gp_status
gp_steptime_eval_prepared (const gp_steptime_ctx *ctx, const gp_plan *plan,
                           gp_steptime_result *result, gp_error *err)
{
  if (result == NULL)
    return gp_error_set (err, GP_EINVAL, "result", "result must not be NULL");
  /* Cleared first: an infeasible plan fills only the memory fields, and callers (the Lua
   * binding, the GUI) may still read the rest. */
  memset (result, 0, sizeof *result);
  GP_TRY (gp_plan_check (ctx, plan, err));
  gp_status st = gp_steptime_eval_unchecked (ctx, plan, result);
  if (st == GP_EINFEASIBLE)
    {
      if (result->mem_shortfall_bytes > 0)
        return gp_error_set (err, GP_EINFEASIBLE, "mem_capacity_gb",
                             "plan does not fit: needs %.3g GB per %s but mem_capacity_gb "
                             "gives %.3g GB (short by %.3g GB)",
                             result->mem_total_bytes / GB,
                             ctx->accel->wafer_scale ? "wafer (SRAM)" : "accelerator",
                             result->mem_capacity_bytes / GB,
                             result->mem_shortfall_bytes / GB);
      return gp_error_set (err, GP_EINFEASIBLE, "tier2_capacity_gb",
                           "plan does not fit: needs %.3g GB of second-tier memory but "
                           "tier2_capacity_gb gives %.3g GB (short by %.3g GB)",
                           result->tier2_total_bytes / GB, result->tier2_capacity_bytes / GB,
                           result->tier2_shortfall_bytes / GB);
    }
  if (st == GP_OK && !(isfinite (result->step_time_s) && result->step_time_s > 0
                       && isfinite (result->energy_per_step_j) && isfinite (result->mfu)
                       && isfinite (result->tokens_per_s)))
    return gp_error_set (err, GP_ERANGE, "plan",
                         "step time, energy or MFU is not finite (inputs too extreme: e.g. a "
                         "peak or bandwidth near zero)");
  return st;
}

gp_status
gp_steptime_eval (const gp_accel *accel, const gp_net_levels *net, const gp_workload *work,
                  const gp_plan *plan, gp_steptime_result *result, gp_error *err)
{
  gp_steptime_ctx ctx;
  GP_TRY (gp_steptime_prepare (&ctx, accel, net, work, err));
  return gp_steptime_eval_prepared (&ctx, plan, result, err);
}

/* ---- words ------------------------------------------------------------------------ */

static const char *
level_name (const gp_steptime_ctx *c, int level)
{
  if (level < 0 || level >= c->net->n_levels)
    return "the network";
  return c->net->level[level].name[0] ? c->net->level[level].name : "the network";
}

gp_status
gp_steptime_describe (const gp_steptime_ctx *c, const gp_plan *p,
                      const gp_steptime_result *r, char *buf, size_t len, gp_error *err)
{
  if (c == NULL || p == NULL || r == NULL || buf == NULL || len == 0)
    return gp_error_set (err, GP_EINVAL, "buf", "describe needs ctx, plan, result and a buffer");
  if (!r->feasible)
    {
      if (r->mem_shortfall_bytes > 0)
        gp_snprintf_c (buf, len, "memory-capacity-bound: infeasible, %.3g GB needed per %s, %.3g GB "
                  "available (short by %.3g GB)", r->mem_total_bytes / GB,
                  c->accel->wafer_scale ? "wafer" : "accelerator", r->mem_capacity_bytes / GB,
                  r->mem_shortfall_bytes / GB);
      else
        gp_snprintf_c (buf, len, "memory-capacity-bound: infeasible, second tier short by %.3g GB",
                  r->tier2_shortfall_bytes / GB);
      return GP_OK;
    }
  double share = 100.0 * r->bound_s[r->binding] / r->step_time_s;
  const char *zero_coll[4] = { "all-reduce", "reduce-scatter and all-gather",
                               "reduce-scatter", "all-gather and reduce-scatter" };
  switch (r->binding)
    {
    case GP_BOUND_COMPUTE:
      if (c->accel->wafer_scale)
        {
          /* The wafer's compute is one flat efficiency (gp-steptime-wafer.c): no GEMM shapes. */
          gp_snprintf_c (buf, len, "compute-bound: the wafer at %.0f%% of peak (%.0f%% of the step; "
                    "MFU %.1f%%)", 100.0 * c->accel->matmul_efficiency, share, 100.0 * r->mfu);
          break;
        }
      gp_snprintf_c (buf, len, "compute-bound: GEMMs at %.0f%% of peak at their shapes (ceiling "
                "%.0f%%), attention %.0f%% and memory-bound kernels %.0f%% of the step (%.0f%% "
                "of the step compute; MFU %.1f%%)", 100.0 * r->gemm_efficiency,
                100.0 * c->accel->matmul_efficiency, 100.0 * r->attention_s / r->step_time_s,
                100.0 * r->memory_bound_s / r->step_time_s, share, 100.0 * r->mfu);
      break;
    case GP_BOUND_MEMORY:
      gp_snprintf_c (buf, len, "memory-bandwidth-bound: %s traffic in the %s phase (%.0f%% of the "
                "step)", c->accel->wafer_scale ? "on-wafer SRAM" : "local memory (HBM)",
                gp_phase_names[r->binding_phase], share);
      break;
    case GP_BOUND_TIER2:
      gp_snprintf_c (buf, len, "second-tier-memory-bound: offloaded %s traffic (%.0f%% of the step)",
                r->binding_phase == GP_PHASE_OPTIMIZER ? "optimizer" : "weight/activation",
                share);
      break;
    case GP_BOUND_STREAM:
      gp_snprintf_c (buf, len, "weight-streaming-bound: external weight streaming at %.0f GB/s per "
                "system (%.0f%% of the step)", c->accel->stream_bw_gb_per_s, share);
      break;
    case GP_BOUND_NET_TP:
      gp_snprintf_c (buf, len, "network-bound: tensor-parallel %s over %s (%.0f%% of the step)",
                p->seq_parallel ? "reduce-scatter/all-gather" : "all-reduce",
                level_name (c, r->tp_level), share);
      break;
    case GP_BOUND_NET_CP:
      gp_snprintf_c (buf, len, "network-bound: context-parallel K/V ring over %s (%.0f%% of the "
                "step)", level_name (c, r->cp_level), share);
      break;
    case GP_BOUND_NET_EP:
      gp_snprintf_c (buf, len, "network-bound: expert-parallel dispatch/combine all-to-all over %s "
                "(%.0f%% of the step)", level_name (c, r->ep_level), share);
      break;
    case GP_BOUND_NET_PP:
      gp_snprintf_c (buf, len, "network-bound: pipeline point-to-point over %s (%.0f%% of the step)",
                level_name (c, r->pp_level), share);
      break;
    case GP_BOUND_NET_DP:
      gp_snprintf_c (buf, len, "network-bound: data-parallel %s%s over %s (%.0f%% of the step)",
                zero_coll[p->zero_stage & 3], r->dp_hierarchical ? " (two-level)" : "",
                level_name (c, r->dp_level), share);
      break;
    default:
      gp_snprintf_c (buf, len, "pipeline-bubble-bound: idle (p-1)/(v m) = %.3g of the pipeline "
                "time (%.0f%% of the step)", r->bubble_fraction, share);
      break;
    }
  return GP_OK;
}

const char *const gp_where_names[] = {
  "GEMMs", "attention", "memory-bound kernels", "interference", "memory floor", "optimizer",
  "pipeline bubble", "exposed TP", "exposed CP", "exposed PP", "exposed DP gradients",
  "exposed ZeRO gathers", "exposed EP all-to-all", NULL,
};

void
gp_steptime_where (const gp_steptime_result *r, double *out)
{
  for (int i = 0; i < GP_WHERE_N; i++)
    out[i] = 0.0;
  if (r == NULL || !r->feasible)
    return;
  out[GP_WHERE_GEMM] = r->gemm_s;
  out[GP_WHERE_ATTENTION] = r->attention_s;
  out[GP_WHERE_MEMORY_BOUND] = r->memory_bound_s;
  double slow = 0.0;
  for (int k = 0; k < GP_COMM_N; k++)
    slow += r->comm[k].slowdown_s;
  double phases = r->phase_s[GP_PHASE_FORWARD] + r->phase_s[GP_PHASE_BACKWARD];
  double compute = r->gemm_s + r->attention_s + r->memory_bound_s;
  /* When a memory floor binds a phase, the interference under it costs nothing. */
  double floor = phases - compute - slow;
  if (floor < 0.0)
    {
      slow += floor;
      floor = 0.0;
    }
  out[GP_WHERE_INTERFERENCE] = slow > 0.0 ? slow : 0.0;
  out[GP_WHERE_MEMORY_FLOOR] = floor;
  out[GP_WHERE_OPTIMIZER] = r->phase_s[GP_PHASE_OPTIMIZER];
  out[GP_WHERE_BUBBLE] = r->phase_s[GP_PHASE_BUBBLE];
  out[GP_WHERE_TP] = r->comm[GP_COMM_TP].exposed_s;
  out[GP_WHERE_CP] = r->comm[GP_COMM_CP].exposed_s;
  out[GP_WHERE_PP] = r->comm[GP_COMM_PP].exposed_s;
  out[GP_WHERE_DP] = r->comm[GP_COMM_DP].exposed_s;
  out[GP_WHERE_ZERO] = r->comm[GP_COMM_ZERO].exposed_s;
  out[GP_WHERE_EP] = r->comm[GP_COMM_EP].exposed_s;
}

gp_status
gp_steptime_to_train (const gp_steptime_ctx *c, const gp_steptime_result *r, double tokens,
                      double *time_s, double *energy_j, gp_error *err)
{
  if (c == NULL || r == NULL || time_s == NULL || energy_j == NULL)
    return gp_error_set (err, GP_EINVAL, "result", "to_train needs ctx, result and outputs");
  GP_TRY (gp_check_positive (err, "tokens", tokens, "tokens"));
  if (!r->feasible || !(r->step_time_s > 0))
    return gp_error_set (err, GP_EINFEASIBLE, "result",
                         "the plan is infeasible: no time to train");
  double steps = tokens / c->sizes.tokens_per_step;
  *time_s = steps * r->step_time_s;
  *energy_j = steps * r->energy_per_step_j;
  if (!isfinite (*time_s) || !isfinite (*energy_j))
    return gp_error_set (err, GP_ERANGE, "tokens", "tokens = %g gives a time or energy that "
                         "overflows", tokens);
  return GP_OK;
}
