/* gp-steptime.c: step time of one plan on one machine (model summary in gp-steptime.h).
 *
 * Everything is per accelerator and per micro-batch on the slowest pipeline stage, then
 * scaled to a step. The function bodies are plain arithmetic on a few dozen doubles, so one
 * evaluation costs well under a microsecond and the search can afford millions. */
#include "gp-steptime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gp-steptime-private.h"
#include "gp-steptime-wafer.h"

#define GB 1e9
#define TB 1e12

const char *const gp_phase_names[] = {
  "forward", "backward", "optimizer", "pipeline bubble", "tensor-parallel communication",
  "pipeline communication", "data-parallel communication", NULL,
};

const char *const gp_bound_names[] = {
  "compute", "memory bandwidth", "second-tier memory", "weight streaming",
  "tensor-parallel network", "pipeline network", "data-parallel network", "pipeline bubble",
  NULL,
};

/* ---- parameter tables ------------------------------------------------------------- */

static const gp_param accel_params[] = {
  GP_P_STRING (gp_accel, name, 0, "Accelerator", "Name, e.g. h100-sxm"),
  GP_P_DOUBLE (gp_accel, peak_tflop_per_s, 0, 1e7, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_LOG,
               "TFLOP/s", "Peak throughput", "Dense peak at the training precision"),
  GP_P_DOUBLE (gp_accel, matmul_efficiency, 0, 1, GP_RANGE_MIN_EXCLUSIVE, "",
               "Compute efficiency", "Effective fraction of peak for the step's FLOPs (calibrated to a published MFU)"),
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
   * 80 GB HBM3 at 3.35 TB/s, 700 W. matmul_efficiency 0.50: calibrated so the model
   * reproduces the 38-43% MFU Meta reports for Llama 3 405B on H100s (data/systems.lua
   * "dgx-h100" says how); GEMMs alone sustain ~0.75. */
  memset (a, 0, sizeof *a);
  strcpy (a->name, "h100-sxm");
  a->peak_tflop_per_s = 989;
  a->matmul_efficiency = 0.50;
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

static const gp_param plan_params[] = {
  GP_P_INT (gp_plan, dp, 1, 1e9, 0, "", "Data-parallel degree", "Model replicas"),
  GP_P_INT (gp_plan, tp, 1, 1e6, 0, "", "Tensor-parallel degree",
            "Ranks splitting each layer (must divide heads)"),
  GP_P_INT (gp_plan, pp, 1, 1e6, 0, "", "Pipeline-parallel degree",
            "Pipeline stages (must divide layers)"),
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
};

const gp_param_table gp_plan_param_table = {
  "plan", plan_params, GP_N_ELEMENTS (plan_params),
};

void
gp_plan_params_init (gp_plan *p)
{
  memset (p, 0, sizeof *p);
  p->dp = p->tp = p->pp = 1;
  p->microbatch_seqs = 1;
  p->interleave = 1;
  p->recompute = GP_RECOMPUTE_NONE;
}

/* ---- collectives ------------------------------------------------------------------ */

/* Ring time of one collective; K = 2 for all-reduce, 1 for reduce-scatter or all-gather. */
static inline double
ring (double k, double n, double bytes, double bw, double alpha)
{
  if (n <= 1.0)
    return 0.0;
  return k * ((n - 1.0) / n * bytes / bw + (n - 1.0) * alpha);
}

gp_status
gp_ring_time (gp_collective kind, long n, double bytes, double bw, double alpha,
              double *time_s, gp_error *err)
{
  if (kind < GP_COLL_ALLREDUCE || kind > GP_COLL_ALLGATHER)
    return gp_error_set (err, GP_EINVAL, "kind", "kind = %d is not a collective", (int) kind);
  GP_TRY (gp_check_range (err, "n", (double) n, 1, INFINITY, 0, "ranks"));
  GP_TRY (gp_check_nonnegative (err, "bytes", bytes, "bytes"));
  GP_TRY (gp_check_positive (err, "bw_bytes_per_s", bw, "B/s"));
  GP_TRY (gp_check_nonnegative (err, "latency_s", alpha, "s"));
  *time_s = ring (kind == GP_COLL_ALLREDUCE ? 2.0 : 1.0, (double) n, bytes, bw, alpha);
  return GP_OK;
}

/* Place a group of N ranks with STRIDE: the outer level is the smallest whose domain covers
 * the span n x stride (Megatron layout: a group's ranks are evenly spaced in a contiguous
 * block of n x stride ranks). The inner level is the next one in, used for the two-level
 * form when one of its domains holds k = group_size / stride >= 2 of the group's ranks and
 * k divides n. Returns false if no level covers the span. */
bool
gp_group_place (const gp_net_levels *net, long n, long stride, gp_group_net *g)
{
  memset (g, 0, sizeof *g);
  g->n = (double) n;
  g->outer = -1;
  g->inner = -1;
  if (n <= 1)
    return true;
  double span = (double) n * (double) stride;
  for (int i = 0; i < net->n_levels; i++)
    if ((double) net->level[i].group_size >= span)
      {
        g->outer = i;
        break;
      }
  if (g->outer < 0)
    return false;
  const gp_net_level *o = &net->level[g->outer];
  g->bw_o = o->bw_bytes_per_s;
  g->a_o = o->latency_s;
  g->pj_o = o->energy_pj_per_bit;
  if (g->outer > 0)
    {
      const gp_net_level *in = &net->level[g->outer - 1];
      long k = in->group_size / stride;
      if (k >= 2 && k < n && n % k == 0)
        {
          g->inner = g->outer - 1;
          g->n_in = (double) k;
          g->n_out = (double) (n / k);
          g->bw_i = in->bw_bytes_per_s;
          g->a_i = in->latency_s;
          g->pj_i = in->energy_pj_per_bit;
        }
    }
  return true;
}

/* Time of one collective of S bytes on a placed group; adds the bytes each rank sends and
 * their energy (J) to *BYTES and *JOULES. The two-level all-reduce is reduce-scatter among
 * the n_in ranks inside a domain, all-reduce of S/n_in among the n_out domains, all-gather
 * inside (the hierarchical form NCCL and the brief describe); reduce-scatter and all-gather
 * alone are the corresponding halves. The faster of flat and two-level is used. */
double
gp_group_coll (const gp_group_net *g, gp_collective kind, double S, double *bytes,
               double *joules, bool *hier)
{
  if (g->outer < 0 || S <= 0.0)
    {
      if (hier)
        *hier = false;
      return 0.0;
    }
  double k = kind == GP_COLL_ALLREDUCE ? 2.0 : 1.0;
  double flat = ring (k, g->n, S, g->bw_o, g->a_o);
  double flat_b = k * (g->n - 1.0) / g->n * S;
  if (g->inner >= 0)
    {
      double sh = S / g->n_in;
      double t_in = ring (k, g->n_in, S, g->bw_i, g->a_i);
      double t_out = ring (k, g->n_out, sh, g->bw_o, g->a_o);
      double two = t_in + t_out;
      if (two < flat)
        {
          double b_in = k * (g->n_in - 1.0) / g->n_in * S;
          double b_out = k * (g->n_out - 1.0) / g->n_out * sh;
          *bytes += b_in + b_out;
          *joules += 8e-12 * (b_in * g->pj_i + b_out * g->pj_o);
          if (hier)
            *hier = true;
          return two;
        }
    }
  *bytes += flat_b;
  *joules += 8e-12 * flat_b * g->pj_o;
  if (hier)
    *hier = false;
  return flat;
}

gp_status
gp_group_collective_time (const gp_net_levels *net, gp_collective kind, long n, long stride,
                          double bytes, double *time_s, int *level_out, bool *hier_out,
                          gp_error *err)
{
  GP_TRY (gp_net_levels_validate (net, err));
  if (kind < GP_COLL_ALLREDUCE || kind > GP_COLL_ALLGATHER)
    return gp_error_set (err, GP_EINVAL, "kind", "kind = %d is not a collective", (int) kind);
  GP_TRY (gp_check_range (err, "n", (double) n, 1, INFINITY, 0, "ranks"));
  GP_TRY (gp_check_range (err, "stride", (double) stride, 1, INFINITY, 0, "ranks"));
  GP_TRY (gp_check_nonnegative (err, "bytes", bytes, "bytes"));
  gp_group_net g;
  if (!gp_group_place (net, n, stride, &g))
    return gp_error_set (err, GP_EINVAL, "n",
                         "a group of n = %ld ranks at stride %ld spans %g ranks, more than "
                         "the outermost level's group_size = %ld", n, stride,
                         (double) n * (double) stride,
                         net->level[net->n_levels - 1].group_size);
  double b = 0, j = 0;
  bool hier = false;
  *time_s = gp_group_coll (&g, kind, bytes, &b, &j, &hier);
  if (level_out)
    *level_out = g.outer;
  if (hier_out)
    *hier_out = hier;
  return GP_OK;
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
  ctx->work = work;
  ctx->peak = accel->peak_tflop_per_s * TB;
  ctx->rate = ctx->peak * accel->matmul_efficiency;
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
  double n = (double) p->dp * (double) p->tp * (double) p->pp;
  long outer = ctx->net->level[ctx->net->n_levels - 1].group_size;
  if (n > (double) outer)
    return gp_error_set (err, GP_EINVAL, "dp",
                         "dp x tp x pp = %g accelerators exceed the outermost level's "
                         "group_size = %ld", n, outer);
  if (w->layers % p->pp != 0)
    return gp_error_set (err, GP_EINVAL, "pp", "pp = %ld must divide layers = %ld", p->pp,
                         w->layers);
  if (w->heads % p->tp != 0)
    return gp_error_set (err, GP_EINVAL, "tp", "tp = %ld must divide heads = %ld", p->tp,
                         w->heads);
  if (w->batch_seqs % (p->dp * p->microbatch_seqs) != 0)
    return gp_error_set (err, GP_EINVAL, "microbatch_seqs",
                         "dp x microbatch_seqs = %ld x %ld must divide batch_seqs = %ld",
                         p->dp, p->microbatch_seqs, w->batch_seqs);
  long lps = w->layers / p->pp;
  long m = w->batch_seqs / (p->dp * p->microbatch_seqs);
  if (lps % p->interleave != 0)
    return gp_error_set (err, GP_EINVAL, "interleave",
                         "interleave = %ld must divide layers per stage = %ld", p->interleave,
                         lps);
  if (p->interleave > 1 && (p->pp < 2 || m % p->pp != 0))
    return gp_error_set (err, GP_EINVAL, "interleave",
                         "interleave = %ld needs pp >= 2 and micro-batches (%ld) divisible by "
                         "pp = %ld", p->interleave, m, p->pp);
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

/* ---- memory footprint ----------------------------------------------------------------- */

/* Activation bytes of one layer for one micro-batch of b sequences on one accelerator,
 * Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models"
 * (MLSys 2023, arXiv 2205.05198), Table 2, for 16-bit activations (scaled by
 * bytes_per_act / 2):
 *   none:      s b h (10 + 24/t + 5 a s/(h t))     with SP:  s b h (34 + 5 a s / h) / t
 *   selective: s b h (10 + 24/t)                   with SP:  s b h 34 / t
 *   full:      2 s b h                             with SP:  2 s b h / t
 * The coefficients were derived for GPT (f = 4h, multi-head attention); they are applied
 * unchanged to GQA/SwiGLU models, an approximation. */
static inline double
act_per_layer (const gp_steptime_ctx *c, const gp_plan *p, double b)
{
  const gp_workload *w = c->work;
  double s = (double) w->seq_len_tokens, h = (double) w->hidden_size;
  double a = (double) w->heads, t = (double) p->tp;
  double sbh = s * b * h, k;
  bool sp = p->seq_parallel && p->tp > 1;
  switch (p->recompute)
    {
    case GP_RECOMPUTE_FULL: k = sp ? 2.0 / t : 2.0; break;
    case GP_RECOMPUTE_SELECTIVE: k = sp ? 34.0 / t : 10.0 + 24.0 / t; break;
    default: k = sp ? (34.0 + 5.0 * a * s / h) / t : 10.0 + 24.0 / t + 5.0 * a * s / (h * t);
    }
  return sbh * k * w->bytes_per_act * 0.5;
}

/* Fill the memory part of R for plan P (conventional accelerators). Per pipeline stage:
 *   weights    P_stage/t x bytes_per_param      (/dp under ZeRO-3, plus two gathered layers)
 *   gradients  P_stage/t x bytes_per_grad       (/dp under ZeRO-2 and -3)
 *   optimizer  P_stage/t x optimizer bytes      (/dp under ZeRO-1, -2, -3)
 *   activations: per-layer stash x layers x micro-batches in flight: the first stage holds
 *     min(m, p) under 1F1B, times (1 + (p-1)/(p v)) when interleaved (Korthikanti sec. 4.2.3),
 *     plus the embedding dropout mask s b h/t per micro-batch; the last stage holds one
 *     micro-batch plus the output layer 4 s b h (1 + V/h)/t (same paper, sec. 4.3).
 * The first stage holds the input embedding, the last the output head (a copy of the tied
 * embedding when p > 1, as Megatron keeps). Offloaded items move to the second tier,
 * leaving a working set of two layers in local memory. The worse stage is reported. */
static void
memory_conventional (const gp_steptime_ctx *c, const gp_plan *p, gp_steptime_result *r)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  double t = (double) p->tp, pp = (double) p->pp, d = (double) p->dp;
  double b = (double) p->microbatch_seqs, v = (double) p->interleave;
  double s = (double) w->seq_len_tokens, h = (double) w->hidden_size;
  double V = (double) w->vocab_size;
  double m = (double) (w->batch_seqs / (p->dp * p->microbatch_seqs));
  double ls = (double) w->layers / pp;
  double body = ls * z->params_per_layer;
  double ps_first, ps_last;
  if (p->pp == 1)
    ps_first = ps_last = body + z->embed_in + z->embed_out;
  else
    {
      ps_first = body + z->embed_in;
      ps_last = body + (z->embed_out > 0 ? z->embed_out : V * h);
    }
  double act_l = act_per_layer (c, p, b);
  double sbh_t = s * b * h / t;
  double out_act = 4.0 * sbh_t * (1.0 + V / h);
  double a_first, a_last;
  if (p->pp == 1)
    a_first = a_last = act_l * ls + sbh_t + out_act;
  else
    {
      double nf = m < pp ? m : pp;
      double ifac = p->interleave > 1 ? 1.0 + (pp - 1.0) / (pp * v) : 1.0;
      a_first = act_l * ls * nf * ifac + sbh_t * nf;
      a_last = act_l * ls + out_act;
    }
  double work_w = 2.0 * z->params_per_layer / t * w->bytes_per_param;
  double work_a = 2.0 * act_l;
  double best_tot = -1, best_t2 = 0;
  for (int stage = 0; stage < 2; stage++)
    {
      double ps = (stage == 0 ? ps_first : ps_last) / t;
      double act = stage == 0 ? a_first : a_last;
      double wts = ps * w->bytes_per_param / (p->zero_stage >= 3 ? d : 1.0);
      double grd = ps * w->bytes_per_grad / (p->zero_stage >= 2 ? d : 1.0);
      double opt = ps * w->optimizer_bytes_per_param / (p->zero_stage >= 1 ? d : 1.0);
      double t2 = 0;
      if (p->zero_stage >= 3 && p->dp > 1)
        wts += work_w;
      if (p->offload_weights)
        {
          t2 += wts;
          wts = work_w;
        }
      if (p->offload_optimizer)
        {
          t2 += opt;
          opt = 0;
        }
      if (p->offload_activations && act > work_a)
        {
          double edge = stage == 0 ? (p->pp == 1 ? sbh_t + out_act : sbh_t) : out_act;
          double keep = work_a + edge;
          if (keep < act)
            {
              t2 += act - keep;
              act = keep;
            }
        }
      double tot = wts + grd + opt + act + c->reserved;
      if (tot > best_tot)
        {
          best_tot = tot;
          r->weights_bytes = wts;
          r->grads_bytes = grd;
          r->optimizer_bytes = opt;
          r->activations_bytes = act;
        }
      if (t2 > best_t2)
        best_t2 = t2;
    }
  r->reserved_bytes = c->reserved;
  r->mem_total_bytes = best_tot;
  r->tier2_total_bytes = best_t2;
}

/* ---- timing --------------------------------------------------------------------------- */

/* Compute time of one micro-batch on the last pipeline stage (its l/p layers plus the
 * logits), per accelerator, at peak x matmul efficiency: forward
 *   (l/p (2 b s W + 4 b s^2 h) + 2 b s h V) / t,
 * backward twice that plus the recomputation: l/p x 4 b s^2 h / t (selective, the attention
 * core) or l/p (2 b s W + 4 b s^2 h)/t (full) (SC21 appendix; Korthikanti sec. 5). In
 * wafer-scale mode t = p = 1. */
static inline void
compute_times (const gp_steptime_ctx *c, const gp_plan *p, double *cf, double *cb)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  double b = (double) p->microbatch_seqs, t = (double) p->tp;
  double s = (double) w->seq_len_tokens, h = (double) w->hidden_size;
  double k = b / ((double) w->batch_seqs * t);
  double ls = (double) w->layers / (double) p->pp;
  double fl = z->fwd_flops_layer * k, flog = z->fwd_flops_logits * k;
  double rc = p->recompute == GP_RECOMPUTE_FULL        ? ls * fl
              : p->recompute == GP_RECOMPUTE_SELECTIVE ? ls * 4.0 * b * s * s * h / t
                                                       : 0.0;
  *cf = (ls * fl + flog) / c->rate;
  *cb = (2.0 * (ls * fl + flog) + rc) / c->rate;
}

double
gp_steptime_compute_bound (const gp_steptime_ctx *c, const gp_plan *p)
{
  if (c->accel->wafer_scale)
    return gp_steptime_wafer_compute_bound (c, p);
  double cf, cb;
  compute_times (c, p, &cf, &cb);
  double m = (double) (c->work->batch_seqs / (p->dp * p->microbatch_seqs));
  double bub = ((double) p->pp - 1.0) / (double) p->interleave;
  return (m + bub) * (cf + cb);
}

/* Largest of the candidate times of a phase and which resource it is. */
static inline double
argmax (const double *v, const int *tag, int n, int *which)
{
  double best = v[0];
  *which = tag[0];
  for (int i = 1; i < n; i++)
    if (v[i] > best)
      {
        best = v[i];
        *which = tag[i];
      }
  return best;
}

static void
finish (const gp_steptime_ctx *c, const gp_plan *p, gp_steptime_result *r, double n_acc,
        double net_j)
{
  double step = 0;
  for (int i = 0; i < GP_PHASE_N; i++)
    step += r->phase_s[i];
  for (int i = 0; i < GP_BOUND_N; i++)
    r->bound_s[i] = 0;
  for (int i = 0; i < GP_PHASE_N; i++)
    r->bound_s[r->phase_bound[i]] += r->phase_s[i];
  int bb = 0;
  for (int i = 1; i < GP_BOUND_N; i++)
    if (r->bound_s[i] > r->bound_s[bb])
      bb = i;
  int bp = 0;
  double bpv = -1;
  for (int i = 0; i < GP_PHASE_N; i++)
    if (r->phase_bound[i] == bb && r->phase_s[i] > bpv)
      {
        bpv = r->phase_s[i];
        bp = i;
      }
  r->binding = bb;
  r->binding_phase = bp;
  r->step_time_s = step;
  r->model_flops = c->sizes.model_flops;
  r->hw_flops = c->sizes.hw_flops[p->recompute];
  double denom = step * n_acc * c->peak;
  r->mfu = r->model_flops / denom;
  r->hfu = r->hw_flops / denom;
  r->tokens_per_s = c->sizes.tokens_per_step / step;
  r->energy_per_step_j = n_acc * (c->accel->power_w * step + net_j);
}

gp_status
gp_steptime_eval_unchecked (const gp_steptime_ctx *c, const gp_plan *p,
                            gp_steptime_result *r)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  if (c->accel->wafer_scale)
    return gp_steptime_wafer_eval (c, p, r); /* gp-steptime-wafer.c */
  r->microbatches = w->batch_seqs / (p->dp * p->microbatch_seqs);
  r->mem_capacity_bytes = c->mem_cap;
  r->tier2_capacity_bytes = c->t2_cap;
  memory_conventional (c, p, r);
  r->mem_shortfall_bytes = r->mem_total_bytes > c->mem_cap ? r->mem_total_bytes - c->mem_cap : 0;
  r->tier2_shortfall_bytes
    = r->tier2_total_bytes > c->t2_cap ? r->tier2_total_bytes - c->t2_cap : 0;
  r->feasible = r->mem_shortfall_bytes == 0 && r->tier2_shortfall_bytes == 0;
  if (!r->feasible)
    return GP_EINFEASIBLE;

  const double b = (double) p->microbatch_seqs;
  const double t = (double) p->tp, pp = (double) p->pp, d = (double) p->dp;
  const double v = (double) p->interleave, m = (double) r->microbatches;
  const double s = (double) w->seq_len_tokens, h = (double) w->hidden_size;
  const double V = (double) w->vocab_size;
  const double ls = (double) w->layers / pp;
  const double n_acc = d * t * pp;

  double cf, cb;
  compute_times (c, p, &cf, &cb);

  /* Stage parameters: the last stage for the forward/backward pass, the larger stage for
   * the gradient reduction and the optimizer (the step waits for every stage). */
  double body = ls * z->params_per_layer, ps_last, ps_max;
  if (p->pp == 1)
    ps_last = ps_max = body + z->embed_in + z->embed_out;
  else
    {
      ps_last = body + (z->embed_out > 0 ? z->embed_out : V * h);
      ps_max = body + (z->embed_in > ps_last - body ? z->embed_in : ps_last - body);
    }
  ps_last /= t;
  ps_max /= t;

  /* Local memory traffic per micro-batch: the stage's weights are read in the forward and
   * again in the backward, gradients are read and written (accumulated), and the activation
   * stash is written in the forward and read in the backward. Second-order traffic (GEMM
   * operand re-reads, element-wise intermediates) is not counted, so a memory bound here is
   * a lower bound. */
  double wt = ps_last * w->bytes_per_param, gr = ps_last * w->bytes_per_grad;
  double a_mb = act_per_layer (c, p, b) * ls;
  double mf = (wt + a_mb) / c->mem_bw, mbk = (wt + 2.0 * gr + a_mb) / c->mem_bw;
  double t2f = 0, t2b = 0;
  if (p->offload_weights)
    t2f += wt, t2b += wt;
  if (p->offload_activations)
    t2f += a_mb, t2b += a_mb;
  if (c->t2_bw > 0)
    t2f /= c->t2_bw, t2b /= c->t2_bw;

  double net_b = 0, net_j = 0;

  /* Tensor parallelism: two all-reduces of b s h activations per layer forward and two in
   * backward (SC21 sec. 2.3), two more in backward under full recomputation; sequence
   * parallelism replaces each by a reduce-scatter + all-gather of the same ring volume
   * (Korthikanti sec. 4.2.2). */
  gp_group_net gt, gpp, gd;
  gp_group_place (c->net, p->tp, 1, &gt);
  gp_group_place (c->net, p->pp, p->tp, &gpp);
  gp_group_place (c->net, p->dp, p->tp * p->pp, &gd);
  double tpf = 0, tpb = 0;
  if (p->tp > 1)
    {
      double nb = 0, nj = 0;
      double one = gp_group_coll (&gt, GP_COLL_ALLREDUCE, b * s * h * w->bytes_per_act, &nb,
                                  &nj, NULL);
      double nf = 2.0 * ls, nbk = (p->recompute == GP_RECOMPUTE_FULL ? 4.0 : 2.0) * ls;
      tpf = nf * one;
      tpb = nbk * one;
      net_b += m * (nf + nbk) * nb;
      net_j += m * (nf + nbk) * nj;
    }

  /* Pipeline: each micro-batch crosses each device boundary v times each way with b s h / t
   * bytes (Megatron scatter/gather optimisation, SC21 sec. 4.1), one message each. */
  double ppmb = 0;
  if (p->pp > 1 && gpp.outer >= 0)
    {
      double sz = b * s * h * w->bytes_per_act / t;
      ppmb = 2.0 * v * (gpp.a_o + sz / gpp.bw_o);
      net_b += m * 2.0 * v * sz;
      net_j += m * 2.0 * v * sz * 8e-12 * gpp.pj_o;
    }

  /* Data parallelism on the larger stage's gradient (G) and weight (W) bytes:
   *   ZeRO-0: all-reduce G once per step;  ZeRO-1: reduce-scatter G + all-gather W per step;
   *   ZeRO-2: reduce-scatter G every micro-batch (the full gradient is never held) +
   *           all-gather W per step;  ZeRO-3: all-gather W in forward and again in backward
   *           and reduce-scatter G, every micro-batch (Rajbhandari et al., SC20). */
  double dpf = 0, dpb = 0, dps_grad = 0, dps_par = 0;
  bool hier = false;
  if (p->dp > 1)
    {
      double G = ps_max * w->bytes_per_grad, W = ps_max * w->bytes_per_param;
      double b1 = 0, j1 = 0, b2 = 0, j2 = 0, b3 = 0, j3 = 0;
      switch (p->zero_stage)
        {
        case 0:
          dps_grad = gp_group_coll (&gd, GP_COLL_ALLREDUCE, G, &b1, &j1, &hier);
          net_b += b1, net_j += j1;
          break;
        case 1:
          dps_grad = gp_group_coll (&gd, GP_COLL_REDUCE_SCATTER, G, &b1, &j1, &hier);
          dps_par = gp_group_coll (&gd, GP_COLL_ALLGATHER, W, &b2, &j2, NULL);
          net_b += b1 + b2, net_j += j1 + j2;
          break;
        case 2:
          dpb = gp_group_coll (&gd, GP_COLL_REDUCE_SCATTER, G, &b1, &j1, &hier);
          dps_par = gp_group_coll (&gd, GP_COLL_ALLGATHER, W, &b2, &j2, NULL);
          net_b += m * b1 + b2, net_j += m * j1 + j2;
          break;
        default:
          dpf = gp_group_coll (&gd, GP_COLL_ALLGATHER, W, &b2, &j2, NULL);
          dpb = gp_group_coll (&gd, GP_COLL_REDUCE_SCATTER, G, &b1, &j1, &hier)
                + gp_group_coll (&gd, GP_COLL_ALLGATHER, W, &b3, &j3, NULL);
          net_b += m * (b1 + b2 + b3), net_j += m * (j1 + j2 + j3);
          break;
        }
    }

  /* Per micro-batch: overlapped communication competes in the max, the rest adds. */
  static const int tags[5] = { GP_BOUND_COMPUTE, GP_BOUND_MEMORY, GP_BOUND_TIER2,
                               GP_BOUND_NET_TP, GP_BOUND_NET_DP };
  double vf[5] = { cf, mf, t2f, p->tp_overlap ? tpf : 0.0, p->dp_overlap ? dpf : 0.0 };
  double vb[5] = { cb, mbk, t2b, p->tp_overlap ? tpb : 0.0, p->dp_overlap ? dpb : 0.0 };
  int bf, bbk;
  double fcore = argmax (vf, tags, 5, &bf), bcore = argmax (vb, tags, 5, &bbk);
  double tp_exp = p->tp_overlap ? 0.0 : tpf + tpb;
  double dp_exp = p->dp_overlap ? 0.0 : dpf + dpb;
  double tmb = fcore + bcore + tp_exp + dp_exp + ppmb;

  /* Per-step DP traffic: with overlap the gradient part hides behind the last micro-batch's
   * backward (bucketed reduction, Li et al. VLDB 2020) and the parameter gather behind the
   * first forward; without overlap all of it is exposed. */
  double dps_exp;
  if (p->dp_overlap)
    dps_exp = (dps_grad > bcore ? dps_grad - bcore : 0.0) + (dps_par > fcore ? dps_par - fcore : 0.0);
  else
    dps_exp = dps_grad + dps_par;

  /* Optimizer (Adam, memory-bound): per owned parameter read weights, grads, state and write
   * weights and state, (2 w + g + 2 o) bytes. Offloaded, the update runs against the second
   * tier (gradients down, weights up, state read and written there, as ZeRO-Offload). */
  double own = ps_max / (p->zero_stage >= 1 ? d : 1.0);
  double wb = w->bytes_per_param, gb = w->bytes_per_grad, ob = w->optimizer_bytes_per_param;
  double topt;
  int optb;
  if (p->offload_optimizer)
    {
      double local = own * (wb + gb) / c->mem_bw;
      double far = own * (wb + gb + 2.0 * ob) / c->t2_bw;
      topt = far > local ? far : local;
      optb = far > local ? GP_BOUND_TIER2 : GP_BOUND_MEMORY;
    }
  else
    {
      topt = own * (2.0 * wb + gb + 2.0 * ob) / c->mem_bw;
      optb = GP_BOUND_MEMORY;
    }

  double bub = (pp - 1.0) / v;
  r->phase_s[GP_PHASE_FORWARD] = m * fcore;
  r->phase_bound[GP_PHASE_FORWARD] = bf;
  r->phase_s[GP_PHASE_BACKWARD] = m * bcore;
  r->phase_bound[GP_PHASE_BACKWARD] = bbk;
  r->phase_s[GP_PHASE_OPTIMIZER] = topt;
  r->phase_bound[GP_PHASE_OPTIMIZER] = optb;
  r->phase_s[GP_PHASE_BUBBLE] = bub * tmb;
  r->phase_bound[GP_PHASE_BUBBLE] = GP_BOUND_IDLE;
  r->phase_s[GP_PHASE_TP_COMM] = m * tp_exp;
  r->phase_bound[GP_PHASE_TP_COMM] = GP_BOUND_NET_TP;
  r->phase_s[GP_PHASE_PP_COMM] = m * ppmb;
  r->phase_bound[GP_PHASE_PP_COMM] = GP_BOUND_NET_PP;
  r->phase_s[GP_PHASE_DP_COMM] = m * dp_exp + dps_exp;
  r->phase_bound[GP_PHASE_DP_COMM] = GP_BOUND_NET_DP;
  r->bubble_fraction = bub / m;
  r->compute_lower_bound_s = (m + bub) * (cf + cb);
  r->tp_level = p->tp > 1 ? gt.outer : -1;
  r->pp_level = p->pp > 1 ? gpp.outer : -1;
  r->dp_level = p->dp > 1 ? gd.outer : -1;
  r->dp_hierarchical = hier;
  r->net_bytes_per_step = net_b;
  finish (c, p, r, n_acc, net_j);
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
        snprintf (buf, len, "memory-capacity-bound: infeasible, %.3g GB needed per %s, %.3g GB "
                  "available (short by %.3g GB)", r->mem_total_bytes / GB,
                  c->accel->wafer_scale ? "wafer" : "accelerator", r->mem_capacity_bytes / GB,
                  r->mem_shortfall_bytes / GB);
      else
        snprintf (buf, len, "memory-capacity-bound: infeasible, second tier short by %.3g GB",
                  r->tier2_shortfall_bytes / GB);
      return GP_OK;
    }
  double share = 100.0 * r->bound_s[r->binding] / r->step_time_s;
  const char *zero_coll[4] = { "all-reduce", "reduce-scatter and all-gather",
                               "reduce-scatter", "all-gather and reduce-scatter" };
  switch (r->binding)
    {
    case GP_BOUND_COMPUTE:
      snprintf (buf, len, "compute-bound: matrix multiplies at %.0f%% of peak (%.0f%% of the "
                "step; MFU %.1f%%)", 100.0 * c->accel->matmul_efficiency, share,
                100.0 * r->mfu);
      break;
    case GP_BOUND_MEMORY:
      snprintf (buf, len, "memory-bandwidth-bound: %s traffic in the %s phase (%.0f%% of the "
                "step)", c->accel->wafer_scale ? "on-wafer SRAM" : "local memory (HBM)",
                gp_phase_names[r->binding_phase], share);
      break;
    case GP_BOUND_TIER2:
      snprintf (buf, len, "second-tier-memory-bound: offloaded %s traffic (%.0f%% of the step)",
                r->binding_phase == GP_PHASE_OPTIMIZER ? "optimizer" : "weight/activation",
                share);
      break;
    case GP_BOUND_STREAM:
      snprintf (buf, len, "weight-streaming-bound: external weight streaming at %.0f GB/s per "
                "system (%.0f%% of the step)", c->accel->stream_bw_gb_per_s, share);
      break;
    case GP_BOUND_NET_TP:
      snprintf (buf, len, "network-bound: tensor-parallel %s over %s (%.0f%% of the step)",
                p->seq_parallel ? "reduce-scatter/all-gather" : "all-reduce",
                level_name (c, r->tp_level), share);
      break;
    case GP_BOUND_NET_PP:
      snprintf (buf, len, "network-bound: pipeline point-to-point over %s (%.0f%% of the step)",
                level_name (c, r->pp_level), share);
      break;
    case GP_BOUND_NET_DP:
      snprintf (buf, len, "network-bound: data-parallel %s%s over %s (%.0f%% of the step)",
                zero_coll[p->zero_stage & 3], r->dp_hierarchical ? " (two-level)" : "",
                level_name (c, r->dp_level), share);
      break;
    default:
      snprintf (buf, len, "pipeline-bubble-bound: idle (p-1)/(v m) = %.3g of the pipeline "
                "time (%.0f%% of the step)", r->bubble_fraction, share);
      break;
    }
  return GP_OK;
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
