/* gp-inference.c: prefill, decode, KV cache and serving economics (model summary and
 * equations in gp-inference.h above gp_inference_eval).
 *
 * Like the step-time model, an evaluation is arithmetic on a few dozen doubles per plan
 * and batch, so a 256-point batch sweep or a serving-plan search stays well under a
 * millisecond or two. */
#include "gp-inference.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gp-moe.h"
#include "gp-numfmt.h"
#include "gp-steptime-private.h"

#define GB 1e9
#define TB 1e12
#define SECONDS_PER_YEAR (365.25 * 24 * 3600)

const char *const gp_inference_bound_names[] = {
  "compute", "weight reads", "KV-cache reads", "weight streaming", "tensor-parallel network",
  "pipeline network", "per-layer overhead", "prefill interference",
  "expert-parallel network", NULL,
};

/* ---- parameter tables ------------------------------------------------------------- */

static const gp_param inference_params[] = {
  GP_P_STRING (gp_inference_params, name, GP_PARAM_F_OPTIONAL, "Serving case",
               "Name, e.g. dgx (data/inference.lua)"),
  GP_P_INT (gp_inference_params, prompt_tokens, 1, 1e8, 0, "tokens", "Prompt",
            "Input tokens per request"),
  GP_P_INT (gp_inference_params, output_tokens, 1, 1e8, 0, "tokens", "Output",
            "Generated tokens per request"),
  GP_P_INT (gp_inference_params, batch_seqs, 1, 1e7, GP_PARAM_F_LOG, "seqs", "Batch",
            "Sequences decoded together per replica (continuous batching)"),
  GP_P_INT (gp_inference_params, context_tokens, 0, 1e8, GP_PARAM_F_OPTIONAL, "tokens",
            "Context window", "The model's context; 0 = the workload's seq_len_tokens"),
  GP_P_INT (gp_inference_params, weight_bits, 4, 16, 0, "bits", "Weight precision",
            "16, 8 or 4 bits per weight"),
  GP_P_INT (gp_inference_params, kv_bits, 4, 16, 0, "bits", "KV precision",
            "16, 8 or 4 bits per cached key/value"),
  GP_P_INT (gp_inference_params, kv_latent_size, 0, 1e6, GP_PARAM_F_OPTIONAL, "values",
            "MLA latent", "Multi-head latent attention: values cached per token per layer; 0 = K and V heads"),
  GP_P_DOUBLE (gp_inference_params, paged_kv_utilisation, 0, 1, GP_RANGE_MIN_EXCLUSIVE, "",
               "KV allocation used", "Share of the KV cache holding live tokens (vLLM paging: > 0.96)"),
  GP_P_DOUBLE (gp_inference_params, mem_bw_efficiency, 0, 1, GP_RANGE_MIN_EXCLUSIVE, "",
               "Memory-bandwidth efficiency", "Achieved share of peak bandwidth on weight and KV reads"),
  GP_P_DOUBLE (gp_inference_params, layer_latency_us, 0, 1e5, 0, "us", "Per-layer latency",
               "Fixed time per layer per forward pass (launches, synchronisation, fabric traversal)"),
  GP_P_DOUBLE (gp_inference_params, lowp_speedup, 1, 8, 0, "", "Low-precision speedup",
               "Peak multiplier with 8- or 4-bit weights (FP8 tensor cores: 2)"),
  GP_P_DOUBLE (gp_inference_params, spec_acceptance, 0, 1, GP_RANGE_MAX_EXCLUSIVE
               | GP_PARAM_F_OPTIONAL, "", "Speculative acceptance",
               "Per-token acceptance rate of drafted tokens; 0 = no speculative decoding"),
  GP_P_INT (gp_inference_params, spec_draft_tokens, 0, 64, GP_PARAM_F_OPTIONAL, "tokens",
            "Draft length", "Tokens drafted per verification step"),
  GP_P_DOUBLE (gp_inference_params, spec_draft_cost, 0, 1, GP_PARAM_F_OPTIONAL, "",
               "Draft cost", "Time of one draft step over one target decode step"),
  GP_P_BOOL (gp_inference_params, disaggregated, GP_PARAM_F_OPTIONAL, "Disaggregated",
             "Prefill and decode on separate replica pools, KV sent over the fabric"),
  GP_P_DOUBLE (gp_inference_params, prefill_share, 0, 1, GP_RANGE_MIN_EXCLUSIVE
               | GP_RANGE_MAX_EXCLUSIVE | GP_PARAM_F_OPTIONAL, "", "Prefill pool share",
               "Disaggregated: share of the replicas doing prefill"),
  GP_P_DOUBLE (gp_inference_params, utilisation, 0, 1, GP_RANGE_MIN_EXCLUSIVE, "",
               "Utilisation", "Share of the lifetime the hardware serves (economics)"),
  GP_P_DOUBLE (gp_inference_params, idle_power_share, 0, 1, GP_RANGE_MAX_EXCLUSIVE
               | GP_PARAM_F_OPTIONAL, "", "Idle power share",
               "An idle accelerator's power over its training-load power (serving power floor)"),
  GP_P_DOUBLE (gp_inference_params, ttft_target_s, 0, 1e6, GP_PARAM_F_OPTIONAL, "s",
               "TTFT target", "Time-to-first-token target; 0 = none"),
  GP_P_DOUBLE (gp_inference_params, tpot_target_s, 0, 1e6, GP_PARAM_F_OPTIONAL, "s",
               "TPOT target", "Time-per-output-token target; 0 = none"),
};

const gp_param_table gp_inference_param_table = {
  "inference", inference_params, GP_N_ELEMENTS (inference_params),
};

void
gp_inference_params_init (gp_inference_params *p)
{
  /* data/inference.lua "dgx" (sources there). */
  memset (p, 0, sizeof *p);
  strcpy (p->name, "dgx");
  p->prompt_tokens = 1024;
  p->output_tokens = 256;
  p->batch_seqs = 1;
  p->context_tokens = 0;
  p->weight_bits = 16;
  p->kv_bits = 16;
  p->paged_kv_utilisation = 0.96;
  p->mem_bw_efficiency = 0.80;
  p->layer_latency_us = 4;
  p->lowp_speedup = 2;
  p->spec_draft_tokens = 4;
  p->spec_draft_cost = 0.05;
  p->prefill_share = 0.25;
  p->utilisation = 0.6;
  p->idle_power_share = 0.15;
}

static const gp_param plan_params[] = {
  GP_P_INT (gp_serve_plan, tp, 1, 1e6, 0, "", "Tensor-parallel degree",
            "Accelerators splitting each layer (must divide heads)"),
  GP_P_INT (gp_serve_plan, pp, 1, 1e6, 0, "", "Pipeline-parallel degree",
            "Pipeline stages (accelerators or wafers in a chain; must divide layers)"),
  GP_P_INT (gp_serve_plan, ep, 1, 1e6, GP_PARAM_F_OPTIONAL, "", "Expert-parallel degree",
            "Replicas sharing each MoE layer's experts (divides dp and experts; 1 = dense)"),
  GP_P_INT (gp_serve_plan, dp, 1, 1e9, 0, "", "Replicas", "Independent model replicas"),
};

const gp_param_table gp_serve_plan_param_table = {
  "serve_plan", plan_params, GP_N_ELEMENTS (plan_params),
};

void
gp_serve_plan_init (gp_serve_plan *p)
{
  p->tp = p->pp = p->ep = p->dp = 1;
}

#define R_D(field, unit, doc) GP_P_DOUBLE (gp_inference_result, field, -INFINITY, INFINITY, 0, unit, #field, doc)
#define R_I(field, unit, doc) GP_P_INT (gp_inference_result, field, 0, INFINITY, 0, unit, #field, doc)
static const gp_param result_params[] = {
  R_D (ttft_s, "s", "Time to first token"),
  R_D (tpot_s, "s", "Time per output token seen by a user"),
  R_D (e2e_s, "s", "Time to the last token"),
  R_D (tokens_per_s_per_user, "tokens/s", "Output tokens per second for one user"),
  R_D (tokens_per_s, "tokens/s", "Output tokens per second of the whole plan"),
  R_D (tokens_per_s_per_accel, "tokens/s", "Output tokens per second per accelerator"),
  R_D (requests_per_s, "1/s", "Requests completed per second"),
  R_D (kv_bytes_per_token, "bytes", "KV cache per token, whole model"),
  R_D (kv_bytes_per_token_accel, "bytes", "KV cache per token on one accelerator"),
  R_I (max_batch, "seqs", "Largest batch whose KV cache fits a replica"),
  R_I (max_context_tokens, "tokens", "Context per sequence that fits at this batch"),
  R_I (accelerators, "", "Accelerators the plan uses"),
  R_I (min_accelerators, "", "Fewest accelerators that hold the weights"),
  R_D (weights_bytes, "bytes", "Weights per accelerator"),
  R_D (kv_bytes, "bytes", "KV cache per accelerator at this batch"),
  R_D (activations_bytes, "bytes", "Activation workspace per accelerator"),
  R_D (reserved_bytes, "bytes", "Reserved memory per accelerator"),
  R_D (memory_per_accel_bytes, "bytes", "Memory used per accelerator"),
  R_D (capacity_bytes, "bytes", "Local memory per accelerator (SRAM on a wafer)"),
  R_D (weights_total_bytes, "bytes", "Weights of the whole model"),
  R_D (prefill_flops, "FLOP", "Prefill FLOPs of one prompt"),
  R_D (prefill_compute_s, "s", "Prefill compute time"),
  R_D (prefill_memory_s, "s", "Prefill memory time"),
  R_D (prefill_net_s, "s", "Prefill communication time"),
  R_D (prefill_s, "s", "Prefill time of one prompt"),
  R_D (kv_transfer_s, "s", "Disaggregated: KV transfer time"),
  R_D (decode_flops, "FLOP", "FLOPs of one decode round"),
  R_D (step_s, "s", "One decode round"),
  R_D (spec_tokens_per_step, "tokens", "Expected tokens per verification"),
  R_D (prefill_time_share, "", "Share of a replica's time in prefill"),
  R_D (mfu, "", "Model FLOP utilisation"),
  R_D (compute_utilisation, "", "Busy share of the accelerators' math units"),
  R_D (memory_utilisation, "", "Busy share of the accelerators' memory bandwidth"),
  R_D (accel_power_w, "W", "One accelerator's power at this serving load"),
  R_D (power_w, "W", "The plan's wall power at this serving load"),
  R_D (joules_per_token, "J", "Energy per output token from the wall"),
  R_D (tokens_per_joule, "tokens/J", "Output tokens per joule"),
  R_D (usd_per_mtoken, "USD", "Cost per million output tokens"),
  R_D (kgco2e_per_mtoken, "kgCO2e", "Carbon per million output tokens"),
};

const gp_param_table gp_inference_result_table = {
  "inference_result", result_params, GP_N_ELEMENTS (result_params),
};

/* ---- economics ---------------------------------------------------------------------- */

gp_status
gp_inference_econ_from_system (const gp_system *s, const gp_study *st,
                               const gp_system_result *r, gp_inference_econ *e, gp_error *err)
{
  if (s == NULL || st == NULL || r == NULL || e == NULL)
    return gp_error_set (err, GP_EINVAL, "system", "system, study, result and econ must not be NULL");
  if (!(r->capex_usd > 0) || !(r->power_w > 0))
    return gp_error_set (err, GP_EINVAL, "capex_usd",
                         "%s: the system result has no capex or power (evaluate it first)",
                         s->sys.name);
  e->machine_accelerators = r->accelerators;
  e->capex_usd = r->capex_usd;
  e->power_w = r->power_w;
  e->embodied_kg = r->embodied_kg;
  e->lifetime_years = s->sys.lifetime_years;
  e->electricity_usd_per_kwh = s->sys.electricity_usd_per_kwh;
  e->grid_ci_g_per_kwh = st->grid_ci_g_per_kwh;
  const double *w = r->power_w_part;
  double acc = w[GP_POWER_COMPUTE] + w[GP_POWER_MEMORY] + w[GP_POWER_IO];
  double fixed = w[GP_POWER_INTERCONNECT] + w[GP_POWER_SERVERS];
  e->accel_power_w = r->accelerators > 0 ? acc / (double) r->accelerators : 0.0;
  e->memory_power_share = s->sys.accel_memory_power_share;
  e->io_power_share = s->sys.accel_io_power_share;
  e->fixed_power_w = fixed;
  e->wall_factor = acc + fixed > 0 ? r->power_w / (acc + fixed) : 1.0;
  return GP_OK;
}

static gp_status
econ_validate (const gp_inference_econ *e, gp_error *err)
{
  GP_TRY (gp_check_range (err, "machine_accelerators", (double) e->machine_accelerators, 1,
                          1e9, 0, ""));
  GP_TRY (gp_check_positive (err, "capex_usd", e->capex_usd, "USD"));
  GP_TRY (gp_check_positive (err, "power_w", e->power_w, "W"));
  GP_TRY (gp_check_nonnegative (err, "embodied_kg", e->embodied_kg, "kgCO2e"));
  GP_TRY (gp_check_positive (err, "lifetime_years", e->lifetime_years, "years"));
  GP_TRY (gp_check_nonnegative (err, "electricity_usd_per_kwh", e->electricity_usd_per_kwh,
                                "USD/kWh"));
  GP_TRY (gp_check_nonnegative (err, "grid_ci_g_per_kwh", e->grid_ci_g_per_kwh, "g/kWh"));
  GP_TRY (gp_check_nonnegative (err, "accel_power_w", e->accel_power_w, "W"));
  if (e->accel_power_w > 0)
    {
      GP_TRY (gp_check_range (err, "memory_power_share", e->memory_power_share, 0, 1, 0, ""));
      GP_TRY (gp_check_range (err, "io_power_share", e->io_power_share, 0, 1, 0, ""));
      if (e->memory_power_share + e->io_power_share > 1.0)
        return gp_error_set (err, GP_EINVAL, "io_power_share",
                             "memory_power_share + io_power_share = %g + %g exceeds 1",
                             e->memory_power_share, e->io_power_share);
      GP_TRY (gp_check_nonnegative (err, "fixed_power_w", e->fixed_power_w, "W"));
      GP_TRY (gp_check_range (err, "wall_factor", e->wall_factor, 1, 100, 0, ""));
    }
  return GP_OK;
}

/* ---- preparation -------------------------------------------------------------------- */

static bool
supported_bits (long b)
{
  return b == 16 || b == 8 || b == 4;
}

gp_status
gp_inference_prepare (gp_inference_ctx *c, const gp_accel *accel, const gp_net_levels *net,
                      const gp_workload *work, const gp_inference_params *par,
                      const gp_inference_econ *econ, gp_error *err)
{
  if (c == NULL || par == NULL)
    return gp_error_set (err, GP_EINVAL, "inference", "ctx and parameters must not be NULL");
  memset (c, 0, sizeof *c);
  GP_TRY (gp_accel_validate (accel, err));
  GP_TRY (gp_net_levels_validate (net, err));
  GP_TRY (gp_workload_sizes_eval (work, &c->sizes, err));
  GP_TRY (gp_params_validate (&gp_inference_param_table, par, err));
  if (!supported_bits (par->weight_bits))
    return gp_error_set (err, GP_EINVAL, "weight_bits",
                         "weight_bits = %ld is not supported: use 16, 8 or 4", par->weight_bits);
  if (!supported_bits (par->kv_bits))
    return gp_error_set (err, GP_EINVAL, "kv_bits",
                         "kv_bits = %ld is not supported: use 16, 8 or 4", par->kv_bits);
  long ctx_len = par->context_tokens > 0 ? par->context_tokens : work->seq_len_tokens;
  if (par->prompt_tokens + par->output_tokens > ctx_len)
    return gp_error_set (err, GP_EINVAL, "prompt_tokens",
                         "prompt_tokens + output_tokens = %ld + %ld exceed the model's context "
                         "of %ld tokens: at most %ld prompt tokens fit with %ld output tokens "
                         "(set context_tokens for a longer-context model)",
                         par->prompt_tokens, par->output_tokens, ctx_len,
                         ctx_len > par->output_tokens ? ctx_len - par->output_tokens : 0,
                         par->output_tokens);
  if (par->spec_acceptance > 0 && par->spec_draft_tokens < 1)
    return gp_error_set (err, GP_EINVAL, "spec_draft_tokens",
                         "spec_draft_tokens = %ld must be >= 1 when spec_acceptance = %g > 0",
                         par->spec_draft_tokens, par->spec_acceptance);
  if (econ)
    GP_TRY (econ_validate (econ, err));
  c->accel = accel;
  c->net = net;
  c->work = work;
  c->par = par;
  c->econ = econ;
  c->context = ctx_len;
  c->wbytes = (double) par->weight_bits / 8.0;
  c->kvbytes = (double) par->kv_bits / 8.0;
  c->abytes = work->bytes_per_act;
  c->peak = accel->peak_tflop_per_s * TB * (par->weight_bits < 16 ? par->lowp_speedup : 1.0);
  c->rate = c->peak * accel->matmul_efficiency;
  c->attn_rate = accel->peak_tflop_per_s * TB * accel->attention_efficiency;
  if (accel->wafer_scale)
    {
      c->mem_bw = accel->sram_bw_tb_per_s * TB;
      c->mem_cap = accel->sram_capacity_gb * GB;
    }
  else
    {
      c->mem_bw = accel->mem_bw_gb_per_s * GB;
      c->mem_cap = accel->mem_capacity_gb * GB;
    }
  c->mem_bw *= par->mem_bw_efficiency;
  c->stream_bw = accel->stream_bw_gb_per_s * GB;
  c->t2_cap = accel->tier2_capacity_gb * GB;
  c->head_dim = (double) work->hidden_size / (double) work->heads;
  long kvh = work->kv_heads > 0 ? work->kv_heads : work->heads;
  c->kv_token_layer = par->kv_latent_size > 0 ? (double) par->kv_latent_size
                                              : 2.0 * (double) kvh * c->head_dim;
  /* MLA from the workload (DeepSeek-V2 sec. 2.1.2): the cache holds the KV latent d_c and
   * the shared RoPE key d_r per token per layer, e.g. 512 + 64 = 576 for DeepSeek-V3. */
  if (par->kv_latent_size == 0 && work->mla_kv_rank > 0)
    c->kv_token_layer = (double) (work->mla_kv_rank + work->mla_rope_dim);
  return GP_OK;
}

double
gp_inference_gemm_time (const gp_inference_ctx *c, double m, double n, double k)
{
  double q = c->accel->wafer_scale ? 1.0 : gp_gemm_quantisation (c->accel, m, n, k);
  return 2.0 * m * n * k / (c->rate * q);
}

/* ---- evaluation ------------------------------------------------------------------- */

typedef struct {
  double compute, weights, kv, stream, tp, overhead; /* one stage */
  double ep;                   /* expert-parallel all-to-alls on the critical path */
} stage_terms;

/* One pass of Q new positions for each of B sequences at mean context CTX through one
 * pipeline stage on one accelerator (KV_ACCEL: KV bytes per token there). */
static double
inf_gemm (const void *ctx, double m, double n, double k)
{
  return gp_inference_gemm_time ((const gp_inference_ctx *) ctx, m, n, k);
}

/* A mixture of experts' or MLA model's layer on one accelerator for TOKENS rows: its
 * GEMM time (gp-moe.h shapes), the matmul weight bytes it reads per layer (attention,
 * dense share, router, shared experts, and only the routed experts the EP group's
 * tokens touch on this rank: gp_moe_experts_touched), the FFN width it runs, and the
 * dispatch + combine all-to-all time of its MoE layers (per layer average): each rank sends
 * tokens x copies x h x act bytes x load / t to the EP group (gp_group_a2a). */
static void
moe_layer (const gp_inference_ctx *c, const gp_serve_plan *p, const gp_group_net *ge,
           double tokens, double *gemm_s, double *wread, double *ffn_run, double *a2a_s)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  const double t = (double) p->tp, h = (double) w->hidden_size;
  double hkv = z->h_kv, l = (double) w->layers;
  double att = w->mla_kv_rank > 0 ? gp_mla_forward_time (w, inf_gemm, c, tokens, t)
                                  : gp_inference_gemm_time (c, tokens, (h + 2.0 * hkv) / t, h)
                                      + gp_inference_gemm_time (c, tokens, h, h / t);
  double read = z->attn_matmul / t, ffn = z->ffn_active;
  double ffn_s, a2a = 0.0;
  if (w->experts > 0)
    {
      double touched = 0.0, ml = z->moe_layers / l, dl = (double) w->dense_layers / l;
      double g = w->gated_ffn ? 3.0 : 2.0;
      ffn_s = gp_moe_ffn_forward_time (w, z, inf_gemm, c, tokens, t, (double) p->ep,
                                       z->moe_load, &touched);
      read += (dl * g * h * z->ffn
               + ml * (z->router_params
                       + ((double) w->experts_shared + touched) * z->expert_matmul)) / t;
      /* the FFN width run per token on this rank: dense share, shared, and the routed
       * copies it serves (k per token, spread over the group) */
      ffn = z->ffn_active;
      if (p->ep > 1 && ge->outer >= 0)
        {
          double S = tokens * gp_moe_copies (w) * h * c->abytes * z->moe_load / t;
          double nb = 0, nj = 0;
          a2a = ml * 2.0 * gp_group_a2a (ge, S, &nb, &nj);
        }
    }
  else
    {
      double f = z->ffn, gg = w->gated_ffn ? 2.0 : 1.0;
      ffn_s = gp_inference_gemm_time (c, tokens, gg * f / t, h)
              + gp_inference_gemm_time (c, tokens, h, f / t);
      read += (w->gated_ffn ? 3.0 : 2.0) * h * f / t;
    }
  *gemm_s = att + ffn_s;
  *wread = read;
  *ffn_run = ffn;
  *a2a_s = a2a;
}

static double
stage_time (const gp_inference_ctx *c, const gp_serve_plan *p, const gp_group_net *gt,
            const gp_group_net *ge, bool resident, double kv_accel, double b, double q,
            double ctx, bool prefill, stage_terms *o)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  const double t = (double) p->tp, ls = (double) w->layers / (double) p->pp;
  const double h = (double) w->hidden_size, V = (double) w->vocab_size;
  double tokens = b * q;
  /* matmul weights of the stage (the output head on the last stage) per accelerator */
  double wmat = (ls * z->matmul_per_layer + V * h) / t;
  /* weight GEMMs at their shapes (the head runs only on the last position of a prefill):
   * QKV, output projection, FFN in and out, as gp-steptime-compute.c splits them over TP */
  double head_rows = prefill ? b : tokens;
  double hkv = z->h_kv, f = z->ffn, g = w->gated_ffn ? 2.0 : 1.0;
  double layer, a2a = 0.0;
  if (w->experts > 0 || w->mla_kv_rank > 0)
    {
      /* mixture of experts or MLA: only the touched experts' weights are read */
      double lread;
      moe_layer (c, p, ge, tokens, &layer, &lread, &f, &a2a);
      wmat = ls * lread + V * h / t;
      a2a *= ls;
    }
  else
    layer = gp_inference_gemm_time (c, tokens, (h + 2.0 * hkv) / t, h)
            + gp_inference_gemm_time (c, tokens, h, h / t)
            + gp_inference_gemm_time (c, tokens, g * f / t, h)
            + gp_inference_gemm_time (c, tokens, h, f / t);
  double comp = ls * layer + gp_inference_gemm_time (c, head_rows, V / t, h);
  /* attention: QK^T and AV, 2 x 2 x ctx x h FLOPs per query per layer (causal prefill:
   * mean context s/2 is passed in CTX), a fused kernel at its own efficiency */
  comp += 4.0 * tokens * ctx * z->attn_dim * ls / t / c->attn_rate;
  /* element-wise kernels by their bytes: two norms and two residual adds on h-wide rows,
   * the FFN activation, the sampling softmax on the head's logits */
  double ebytes = c->abytes * (tokens * ls * (10.0 * h + (g > 1.0 ? 3.0 : 2.0) * f / t)
                               + 2.0 * head_rows * V / t);
  comp += ebytes / c->mem_bw;
  double wread = wmat * c->wbytes;
  double kvread = prefill ? b * q * kv_accel /* written */ : b * ctx * kv_accel;
  double mw = resident ? wread / c->mem_bw : 0.0;
  double mkv = kvread / c->mem_bw;
  double st = resident ? 0.0 : wread / c->stream_bw;
  double tp = 0.0;
  if (p->tp > 1)
    {
      double nb = 0, nj = 0;
      tp = 2.0 * ls * gp_group_coll (gt, GP_COLL_ALLREDUCE, tokens * h * c->abytes, &nb, &nj,
                                     NULL);
    }
  double ov = ls * c->par->layer_latency_us * 1e-6;
  o->compute = comp;
  o->weights = mw;
  o->kv = mkv;
  o->stream = st;
  o->tp = tp;
  o->ep = a2a;
  o->overhead = ov;
  double core = comp;
  if (mw + mkv > core)
    core = mw + mkv;
  if (st > core)
    core = st;
  return core + tp + a2a + ov;
}

/* Busy shares (math, memory, links) of one accelerator that spends N passes of stage
 * terms T in WALL seconds, each at most 1. */
static void
busy_shares (const stage_terms *t, double n, double wall, double u[3])
{
  double busy[3] = { t->compute, t->weights + t->kv, t->tp + t->stream + t->ep };
  for (int i = 0; i < 3; i++)
    {
      double x = wall > 0 ? n * busy[i] / wall : 0.0;
      u[i] = x < 1.0 ? x : 1.0;
    }
}

static double
hop_time (const gp_group_net *gpp, double bytes)
{
  if (gpp->outer < 0)
    return 0.0;
  return gpp->a_o + bytes / gpp->bw_o;
}

static gp_status
plan_check (const gp_inference_ctx *c, const gp_serve_plan *p, gp_error *err)
{
  if (p == NULL)
    return gp_error_set (err, GP_EINVAL, "plan", "plan must not be NULL");
  GP_TRY (gp_params_validate (&gp_serve_plan_param_table, p, err));
  const gp_workload *w = c->work;
  if (w->heads % p->tp != 0)
    return gp_error_set (err, GP_EINVAL, "tp", "tp = %ld must divide heads = %ld", p->tp,
                         w->heads);
  if (w->layers % p->pp != 0)
    return gp_error_set (err, GP_EINVAL, "pp", "pp = %ld must divide layers = %ld", p->pp,
                         w->layers);
  if (c->accel->wafer_scale && p->tp != 1)
    return gp_error_set (err, GP_EINVAL, "tp",
                         "tp = %ld: a wafer runs whole layers; split a model over wafers "
                         "with pp (a pipeline of wafers)", p->tp);
  double n = (double) p->tp * (double) p->pp * (double) p->dp;
  long outer = c->net->level[c->net->n_levels - 1].group_size;
  if (n > (double) outer)
    return gp_error_set (err, GP_EINVAL, "dp",
                         "tp x pp x dp = %g accelerators exceed the machine's %ld", n, outer);
  if (c->econ && n > (double) c->econ->machine_accelerators)
    return gp_error_set (err, GP_EINVAL, "dp",
                         "tp x pp x dp = %g accelerators exceed the machine's %ld", n,
                         c->econ->machine_accelerators);
  GP_TRY (gp_moe_check_ep (w, p->ep, p->dp, c->accel->wafer_scale,
                            "an EP group is ep replicas sharing the experts",
                            "wafer-scale serving keeps whole layers on a wafer", err));
  if (c->par->disaggregated && p->dp < 2)
    return gp_error_set (err, GP_EINVAL, "dp",
                         "dp = %ld: disaggregated serving needs at least 2 replicas (one "
                         "prefill, one decode)", p->dp);
  return GP_OK;
}

/* Memory of the most loaded stage (the last: its layers plus the output head) on one
 * accelerator, before the KV cache. Activations: one prompt's live tensors in one layer
 * during prefill, s (3 h + 2 f) / t values (input, Q/K/V, attention output, the FFN
 * intermediates), an estimate of the workspace inference engines reserve. */
static void
memory_base (const gp_inference_ctx *c, const gp_serve_plan *p, bool resident,
             gp_inference_result *r)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  double t = (double) p->tp, ls = (double) w->layers / (double) p->pp;
  double h = (double) w->hidden_size, V = (double) w->vocab_size;
  double head = p->pp == 1 ? z->embed_in + z->embed_out
                           : (z->embed_out > 0 ? z->embed_out : V * h);
  /* routed experts sharded over the ep replicas of a group (all resident) */
  double epl = z->expert_params_per_layer;
  double stage = ls * (z->params_per_layer - epl + epl / (double) p->ep) + head;
  r->weights_total_bytes = z->params * c->wbytes;
  r->weights_bytes = resident ? stage / t * c->wbytes
                              : 2.0 * z->params_per_layer / t * c->wbytes; /* streaming window */
  r->activations_bytes = (double) c->par->prompt_tokens * (3.0 * h + 2.0 * z->ffn) / t
                         * c->abytes;
  r->reserved_bytes = c->accel->mem_reserved_gb * GB;
  r->capacity_bytes = c->mem_cap;
  long kvh = w->kv_heads > 0 ? w->kv_heads : w->heads;
  bool latent = c->par->kv_latent_size > 0 || w->mla_kv_rank > 0;
  double shard = latent ? 1.0 : (double) (p->tp < kvh ? p->tp : kvh);
  r->kv_bytes_per_token = c->kv_token_layer * (double) w->layers * c->kvbytes;
  r->kv_bytes_per_token_accel = c->kv_token_layer * ls * c->kvbytes / shard;
}

/* Fewest accelerators (wafers) whose local memory holds the weights alone. */
static long
min_accels (const gp_inference_ctx *c)
{
  double room = c->mem_cap - c->accel->mem_reserved_gb * GB;
  if (!(room > 0))
    return -1;
  double n = ceil (c->sizes.params * c->wbytes / room);
  return n < 1 ? 1 : (long) n;
}

static gp_status
eval_core (const gp_inference_ctx *c, const gp_serve_plan *p, long batch,
           gp_inference_result *r, gp_error *err)
{
  const gp_inference_params *par = c->par;
  const gp_workload *w = c->work;
  memset (r, 0, sizeof *r);
  const double n_acc = (double) p->tp * (double) p->pp * (double) p->dp;
  r->accelerators = (long) n_acc;
  r->min_accelerators = min_accels (c);

  /* Residency: wafer-scale stages hold their weights in SRAM when they fit with one
   * sequence's cache, else stream them. GPUs always hold them. */
  bool resident = true;
  memory_base (c, p, true, r);
  double seq_tokens = (double) (par->prompt_tokens + par->output_tokens);
  double free1 = c->mem_cap - r->weights_bytes - r->activations_bytes - r->reserved_bytes;
  if (c->accel->wafer_scale && free1 * par->paged_kv_utilisation < seq_tokens * r->kv_bytes_per_token_accel)
    {
      resident = false;
      memory_base (c, p, false, r);
      double stage_w = r->weights_total_bytes / (double) p->pp;
      if (stage_w > c->t2_cap)
        return gp_error_set (err, GP_EINFEASIBLE, "pp",
                             "the weights (%.3g GB at %ld bits) fit neither the SRAM of %ld "
                             "wafer(s) nor their external memory (%.3g GB each): at least %ld "
                             "wafers hold them in SRAM", r->weights_total_bytes / GB,
                             par->weight_bits, p->pp, c->t2_cap / GB, r->min_accelerators);
    }
  r->weights_resident = resident;
  double room = c->mem_cap - r->weights_bytes - r->activations_bytes - r->reserved_bytes;
  if (!(room > 0))
    {
      long per = (long) (p->tp * p->pp);
      return gp_error_set (err, GP_EINFEASIBLE, "tp",
                           "the weights do not fit: %.3g GB per accelerator with tp x pp = %ld "
                           "against %.3g GB of memory; the model (%.3g GB at %ld bits) needs "
                           "at least %ld accelerators%s", r->weights_bytes / GB, per,
                           c->mem_cap / GB, r->weights_total_bytes / GB, par->weight_bits,
                           r->min_accelerators,
                           par->weight_bits > 4 ? " (or fewer bits per weight)" : "");
    }
  double kv_tokens = room * par->paged_kv_utilisation / r->kv_bytes_per_token_accel;
  double mb = floor (kv_tokens / seq_tokens);
  r->max_batch = mb > 1e9 ? 1000000000L : (long) mb;
  double ctx_fit = floor (kv_tokens / (double) batch);
  r->max_context_tokens = ctx_fit > (double) c->context ? c->context : (long) ctx_fit;
  if (batch > r->max_batch)
    return gp_error_set (err, GP_EINFEASIBLE, "batch_seqs",
                         "batch_seqs = %ld does not fit: the KV cache holds %.0f tokens per "
                         "replica (%.3g GB free per accelerator), so at %ld + %ld tokens per "
                         "sequence at most %ld sequences fit, or %ld tokens of context at "
                         "batch %ld", batch, kv_tokens, room / GB, par->prompt_tokens,
                         par->output_tokens, r->max_batch, r->max_context_tokens, batch);
  const double b = (double) batch;
  r->kv_bytes = b * seq_tokens * r->kv_bytes_per_token_accel / par->paged_kv_utilisation;
  r->memory_per_accel_bytes = r->weights_bytes + r->kv_bytes + r->activations_bytes
                              + r->reserved_bytes;

  gp_group_net gt, gpp, gout, ge;
  gp_group_place (c->net, p->tp, 1, &gt);
  gp_group_place (c->net, p->pp, p->tp, &gpp);
  gp_group_place (c->net, p->ep, p->tp * p->pp, &ge); /* ep replicas, laid out after tp, pp */
  const double h = (double) w->hidden_size;
  const double pp = (double) p->pp;

  /* prefill: one prompt through the pp stages in sequence; causal attention at mean
   * context s/2 */
  const double s = (double) par->prompt_tokens;
  stage_terms pf;
  double pf_stage = stage_time (c, p, &gt, &ge, resident, r->kv_bytes_per_token_accel, 1.0, s,
                                s / 2.0, true, &pf);
  double pf_hop = hop_time (&gpp, s * h * c->abytes / (double) p->tp);
  r->prefill_s = pp * pf_stage + (pp - 1.0) * pf_hop;
  r->prefill_compute_s = pp * pf.compute;
  r->prefill_memory_s = pp * (pf.weights + pf.kv + pf.stream);
  r->prefill_net_s = pp * (pf.tp + pf.ep) + (pp - 1.0) * pf_hop;
  const gp_workload_sizes *z = &c->sizes;
  double L = (double) w->layers, V = (double) w->vocab_size;
  r->prefill_flops = 2.0 * s * L * z->active_matmul_per_layer + 2.0 * h * V
                     + 2.0 * s * s * z->attn_dim * L;

  /* decode round: micro-batches of b / min(b, pp) through the stages */
  const double ctx = s + (double) par->output_tokens / 2.0;
  double n_mb = b < pp ? b : pp;
  double mbs = ceil (b / n_mb);
  stage_terms d1;
  double st1 = stage_time (c, p, &gt, &ge, resident, r->kv_bytes_per_token_accel, mbs, 1.0, ctx,
                           false, &d1);
  double hop1 = hop_time (&gpp, mbs * h * c->abytes);
  r->step_s = pp * st1 + (pp - 1.0) * hop1;
  r->decode_flops = b * (2.0 * L * z->active_matmul_per_layer + 2.0 * h * V
                         + 4.0 * ctx * z->attn_dim * L);
  double *bs = r->step_bound_s;
  double mem = d1.weights + d1.kv;
  if (d1.compute >= mem && d1.compute >= d1.stream)
    bs[GP_INF_BOUND_COMPUTE] = pp * d1.compute;
  else if (d1.stream >= mem)
    bs[GP_INF_BOUND_STREAM] = pp * d1.stream;
  else
    {
      bs[GP_INF_BOUND_WEIGHTS] = pp * d1.weights;
      bs[GP_INF_BOUND_KV] = pp * d1.kv;
    }
  bs[GP_INF_BOUND_NET_TP] = pp * d1.tp;
  bs[GP_INF_BOUND_NET_EP] = pp * d1.ep;
  bs[GP_INF_BOUND_NET_PP] = (pp - 1.0) * hop1;
  bs[GP_INF_BOUND_OVERHEAD] = pp * d1.overhead;

  /* speculative decoding */
  double tok_round = r->step_s, E = 1.0;
  if (par->spec_acceptance > 0)
    {
      double a = par->spec_acceptance, k = (double) par->spec_draft_tokens;
      E = (1.0 - pow (a, k + 1.0)) / (1.0 - a);
      stage_terms dq;
      double stq = stage_time (c, p, &gt, &ge, resident, r->kv_bytes_per_token_accel, mbs,
                               k + 1.0, ctx, false, &dq);
      double hopq = hop_time (&gpp, mbs * (k + 1.0) * h * c->abytes);
      double verify = pp * stq + (pp - 1.0) * hopq;
      tok_round = (verify + k * par->spec_draft_cost * r->step_s) / E;
      /* attribute the speculative round to the resources in the plain round's proportions,
         so the parts still add up to the time per token */
      double f = tok_round / r->step_s;
      for (int i = 0; i < GP_INF_BOUND_N; i++)
        bs[i] *= f;
    }
  r->spec_tokens_per_step = E;

  /* serving: continuous batching or disaggregated pools */
  const double out = (double) par->output_tokens;
  double occ = pf_stage; /* a replica's time per prefill (stages pipeline across requests) */
  /* busy shares of one accelerator's math, memory and links: in a decode round (n_mb
     micro-batches pass each stage) and in a prefill (one prompt's stage) */
  double u_dec[3], u_pf[3], w_dec, w_pf;
  busy_shares (&d1, n_mb, r->step_s, u_dec);
  busy_shares (&pf, 1.0, pf_stage, u_pf);
  if (!par->disaggregated)
    {
      double R = b / (tok_round * out + b * occ);
      double u = R * occ;
      r->prefill_time_share = u;
      r->tpot_s = tok_round / (1.0 - u);
      r->ttft_s = r->prefill_s;
      r->requests_per_s = R * (double) p->dp;
      bs[GP_INF_BOUND_PREFILL] = r->tpot_s - tok_round;
      w_pf = u;
      w_dec = 1.0 - u;
    }
  else
    {
      double np = floor ((double) p->dp * par->prefill_share + 0.5);
      if (np < 1)
        np = 1;
      if (np > (double) p->dp - 1)
        np = (double) p->dp - 1;
      double nd = (double) p->dp - np;
      gp_group_place (c->net, 2, (long) (p->tp * p->pp), &gout);
      if (gout.outer < 0)
        gp_group_place (c->net, 2, 1, &gout);
      r->kv_transfer_s = hop_time (&gout, s * r->kv_bytes_per_token_accel);
      double Rp = np / occ, Rd = nd * b / (tok_round * out);
      r->requests_per_s = Rp < Rd ? Rp : Rd;
      r->prefill_time_share = np / (double) p->dp;
      r->tpot_s = tok_round;
      r->ttft_s = r->prefill_s + r->kv_transfer_s;
      /* each pool busy at the rate the slower one sets */
      double R = r->requests_per_s;
      w_pf = np / (double) p->dp * (R / Rp);
      w_dec = nd / (double) p->dp * (R / Rd);
    }
  r->tokens_per_s = r->requests_per_s * out;
  r->tokens_per_s_per_user = 1.0 / r->tpot_s;
  r->tokens_per_s_per_accel = r->tokens_per_s / n_acc;
  r->e2e_s = r->ttft_s + (out - 1.0) * r->tpot_s;
  r->mfu = r->requests_per_s * (r->prefill_flops + out * r->decode_flops / b)
           / (n_acc * c->accel->peak_tflop_per_s * TB);
  r->meets_targets = (par->ttft_target_s <= 0 || r->ttft_s <= par->ttft_target_s)
                     && (par->tpot_target_s <= 0 || r->tpot_s <= par->tpot_target_s);
  int bb = 0;
  for (int i = 1; i < GP_INF_BOUND_N; i++)
    if (bs[i] > bs[bb])
      bb = i;
  r->binding = bb;

  if (c->econ)
    {
      const gp_inference_econ *e = c->econ;
      double share = n_acc / (double) e->machine_accelerators;
      double life = e->lifetime_years * SECONDS_PER_YEAR * par->utilisation;
      double u[3];
      for (int i = 0; i < 3; i++)
        u[i] = w_dec * u_dec[i] + w_pf * u_pf[i];
      r->compute_utilisation = u[0];
      r->memory_utilisation = u[1];
      if (e->accel_power_w > 0)
        {
          double sm = e->memory_power_share, sio = e->io_power_share;
          double i0 = par->idle_power_share;
          r->accel_power_w = e->accel_power_w
                             * (i0 + (1.0 - i0) * ((1.0 - sm - sio) * u[0] + sm * u[1]
                                                   + sio * u[2]));
          r->power_w = (n_acc * r->accel_power_w + share * e->fixed_power_w) * e->wall_factor;
        }
      else
        r->power_w = e->power_w * share;
      r->joules_per_token = r->power_w / r->tokens_per_s;
      r->tokens_per_joule = 1.0 / r->joules_per_token;
      double usd_s = e->capex_usd * share / life
                     + r->power_w / 3.6e6 * e->electricity_usd_per_kwh;
      double kg_s = e->embodied_kg * share / life
                    + r->power_w / 3.6e6 * e->grid_ci_g_per_kwh / 1000.0;
      r->usd_per_mtoken = usd_s / r->tokens_per_s * 1e6;
      r->kgco2e_per_mtoken = kg_s / r->tokens_per_s * 1e6;
    }
  if (!(isfinite (r->tpot_s) && r->tpot_s > 0 && isfinite (r->ttft_s)
        && isfinite (r->tokens_per_s) && r->tokens_per_s > 0 && isfinite (r->usd_per_mtoken)))
    return gp_error_set (err, GP_ERANGE, "batch_seqs",
                         "a latency or throughput is not finite (inputs too extreme)");
  return GP_OK;
}

gp_status
gp_inference_eval_batch (const gp_inference_ctx *c, const gp_serve_plan *p, long batch,
                         gp_inference_result *r, gp_error *err)
{
  if (c == NULL || c->work == NULL || r == NULL)
    return gp_error_set (err, GP_EINVAL, "ctx", "ctx is not prepared or result is NULL");
  GP_TRY (plan_check (c, p, err));
  GP_TRY (gp_check_range (err, "batch_seqs", (double) batch, 1, 1e7, 0, "seqs"));
  return eval_core (c, p, batch, r, err);
}

gp_status
gp_inference_eval (const gp_inference_ctx *c, const gp_serve_plan *p, gp_inference_result *r,
                   gp_error *err)
{
  if (c == NULL || c->par == NULL)
    return gp_error_set (err, GP_EINVAL, "ctx", "ctx is not prepared");
  return gp_inference_eval_batch (c, p, c->par->batch_seqs, r, err);
}

gp_status
gp_inference_min_plan (const gp_inference_ctx *c, gp_serve_plan *plan, gp_error *err)
{
  if (c == NULL || c->par == NULL || plan == NULL)
    return gp_error_set (err, GP_EINVAL, "plan", "min_plan needs a prepared ctx and a plan");
  const gp_workload *w = c->work;
  long outer = c->net->level[c->net->n_levels - 1].group_size;
  if (c->econ && c->econ->machine_accelerators < outer)
    outer = c->econ->machine_accelerators;
  long inner = c->accel->wafer_scale ? 1 : c->net->level[0].group_size;
  gp_inference_result r;
  gp_error last = { 0 }, closest = { 0 }; /* closest: the failure of the largest replica */
  long closest_n = 0;
  gp_serve_plan stream = { 1, 1, 1, 1 };
  bool have_stream = false;
  for (long pp = 1; pp <= w->layers && pp <= outer; pp++)
    {
      if (w->layers % pp != 0)
        continue;
      for (long tp = 1; tp <= inner && tp * pp <= outer; tp *= 2)
        {
          if (w->heads % tp != 0)
            continue;
          gp_serve_plan p = { tp, pp, 1, 1 };
          if (plan_check (c, &p, &last) != GP_OK || eval_core (c, &p, 1, &r, &last) != GP_OK)
            {
              if (tp * pp > closest_n)
                closest = last, closest_n = tp * pp;
              continue;
            }
          /* a wafer pipeline long enough to keep the weights in SRAM is preferred to
             streaming them; streaming is the fallback */
          if (!r.weights_resident && !have_stream)
            {
              stream = p;
              have_stream = true;
            }
          if (r.weights_resident)
            {
              *plan = p;
              return GP_OK;
            }
        }
    }
  if (have_stream)
    {
      *plan = stream;
      return GP_OK;
    }
  return gp_error_set (err, GP_EINFEASIBLE, "tp",
                       "no replica of up to %ld accelerators holds the model: %s", outer,
                       closest.message[0] ? closest.message : "nothing fits");
}

/* ---- words ---------------------------------------------------------------------------- */

gp_status
gp_inference_describe (const gp_inference_ctx *c, const gp_serve_plan *p,
                       const gp_inference_result *r, char *buf, size_t len, gp_error *err)
{
  if (c == NULL || p == NULL || r == NULL || buf == NULL || len == 0)
    return gp_error_set (err, GP_EINVAL, "buf", "describe needs ctx, plan, result and a buffer");
  double share = 100.0 * r->step_bound_s[r->binding] / r->tpot_s;
  double tok_ms = 1e3 * r->tpot_s;
  const char *mem = c->accel->wafer_scale ? "on-wafer SRAM" : "HBM";
  switch (r->binding)
    {
    case GP_INF_BOUND_COMPUTE:
      gp_snprintf_c (buf, len, "compute-bound decode: batch %ld at %.0f%% of peak (%.0f%% of a "
                "%.3g ms token)", c->par->batch_seqs, 100.0 * r->mfu, share, tok_ms);
      break;
    case GP_INF_BOUND_WEIGHTS:
      gp_snprintf_c (buf, len, "memory-bandwidth-bound decode: weight reads from %s (%.0f%% of a "
                "%.3g ms token)", mem, share, tok_ms);
      break;
    case GP_INF_BOUND_KV:
      gp_snprintf_c (buf, len, "memory-bandwidth-bound decode: KV-cache reads from %s (%.0f%% of a "
                "%.3g ms token)", mem, share, tok_ms);
      break;
    case GP_INF_BOUND_STREAM:
      gp_snprintf_c (buf, len, "weight-streaming-bound: the model does not fit the wafers' SRAM, "
                "weights stream at %.0f GB/s (%.0f%% of a %.3g ms token)",
                c->accel->stream_bw_gb_per_s, share, tok_ms);
      break;
    case GP_INF_BOUND_NET_TP:
      gp_snprintf_c (buf, len, "network-bound: tensor-parallel all-reduces over tp = %ld (%.0f%% of "
                "a %.3g ms token)", p->tp, share, tok_ms);
      break;
    case GP_INF_BOUND_NET_EP:
      gp_snprintf_c (buf, len, "network-bound: expert-parallel dispatch/combine over ep = %ld (%.0f%% "
                "of a %.3g ms token)", p->ep, share, tok_ms);
      break;
    case GP_INF_BOUND_NET_PP:
      gp_snprintf_c (buf, len, "network-bound: pipeline hops over pp = %ld (%.0f%% of a %.3g ms "
                "token)", p->pp, share, tok_ms);
      break;
    case GP_INF_BOUND_OVERHEAD:
      gp_snprintf_c (buf, len, "latency-bound: per-layer overhead of %.3g us x %ld layers (%.0f%% "
                "of a %.3g ms token)", c->par->layer_latency_us, c->work->layers, share,
                tok_ms);
      break;
    default:
      gp_snprintf_c (buf, len, "prefill-interference-bound: prefills take %.0f%% of each replica's "
                "time (%.0f%% of a %.3g ms token)", 100.0 * r->prefill_time_share, share,
                tok_ms);
      break;
    }
  return GP_OK;
}

/* ---- sweep and search ------------------------------------------------------------------ */

gp_status
gp_inference_sweep (const gp_inference_ctx *c, const gp_serve_plan *p, long n_points,
                    gp_inference_point *pts, bool *pareto, long *n_out, gp_error *err)
{
  if (c == NULL || c->par == NULL || pts == NULL || pareto == NULL || n_out == NULL)
    return gp_error_set (err, GP_EINVAL, "points", "sweep needs ctx, points, pareto and n_out");
  GP_TRY (gp_check_range (err, "n_points", (double) n_points, 1, 1e6, 0, ""));
  GP_TRY (plan_check (c, p, err));
  *n_out = 0;
  gp_inference_result r1;
  GP_TRY (eval_core (c, p, 1, &r1, err));
  long maxb = r1.max_batch;
  long n = 0, last = 0;
  for (long i = 0; i < n_points; i++)
    {
      double f = n_points == 1 ? 0.0 : (double) i / (double) (n_points - 1);
      long bt = (long) floor (exp (f * log ((double) maxb)) + 0.5);
      if (bt <= last)
        bt = last + 1;
      if (bt > maxb)
        break;
      pts[n].batch = bt;
      gp_status st = eval_core (c, p, bt, &pts[n].r, err);
      if (st != GP_OK)
        return st;
      last = bt;
      n++;
    }
  /* Pareto: batch order raises tokens/s and lowers tokens/s per user in the usual case, but
   * not always (prefill interference), so compare every pair. */
  for (long i = 0; i < n; i++)
    {
      pareto[i] = true;
      for (long j = 0; j < n && pareto[i]; j++)
        if (j != i && pts[j].r.tokens_per_s >= pts[i].r.tokens_per_s
            && pts[j].r.tokens_per_s_per_user >= pts[i].r.tokens_per_s_per_user
            && (pts[j].r.tokens_per_s > pts[i].r.tokens_per_s
                || pts[j].r.tokens_per_s_per_user > pts[i].r.tokens_per_s_per_user))
          pareto[i] = false;
    }
  *n_out = n;
  return GP_OK;
}

static void
keep_top (gp_inference_choice *top, long k, long *n, const gp_serve_plan *p, long batch,
          const gp_inference_result *r)
{
  long pos = *n;
  while (pos > 0 && top[pos - 1].r.tokens_per_s < r->tokens_per_s)
    pos--;
  if (pos >= k)
    return;
  long end = *n < k ? *n : k - 1;
  for (long i = end; i > pos; i--)
    top[i] = top[i - 1];
  top[pos].plan = *p;
  top[pos].batch = batch;
  top[pos].r = *r;
  if (*n < k)
    (*n)++;
}

gp_status
gp_inference_search (const gp_inference_ctx *c, long n_accel, long top_k,
                     gp_inference_choice *top, long *n_found, long *evaluated, gp_error *err)
{
  if (c == NULL || c->par == NULL || top == NULL || n_found == NULL)
    return gp_error_set (err, GP_EINVAL, "top", "search needs ctx, top and n_found");
  GP_TRY (gp_check_range (err, "n_accel", (double) n_accel, 1, 1e9, 0, "accelerators"));
  GP_TRY (gp_check_range (err, "top_k", (double) top_k, 1, 1000, 0, ""));
  const gp_workload *w = c->work;
  long outer = c->net->level[c->net->n_levels - 1].group_size;
  if (n_accel > outer)
    return gp_error_set (err, GP_EINVAL, "n_accel", "n_accel = %ld exceeds the machine's %ld",
                         n_accel, outer);
  *n_found = 0;
  long ev = 0;
  gp_inference_result r;
  gp_error e2 = { 0 }, closest = { 0 };
  bool any_fit = false;
  long tp_max = c->accel->wafer_scale ? 1 : n_accel;
  for (long tp = 1; tp <= tp_max; tp *= 2)
    {
      if (w->heads % tp != 0 || n_accel % tp != 0)
        continue;
      for (long pp = 1; pp <= w->layers && tp * pp <= n_accel; pp++)
        {
          if (w->layers % pp != 0 || n_accel % (tp * pp) != 0)
            continue;
          /* a mixture of experts also tries every ep dividing the replicas and experts */
          long dp = n_accel / (tp * pp);
          long ep_max = w->experts > 0 && !c->accel->wafer_scale ? w->experts : 1;
          for (long ep = 1; ep <= ep_max && ep <= dp; ep++)
            {
              if (dp % ep != 0 || w->experts % ep != 0)
                continue;
              gp_serve_plan p = { tp, pp, ep, dp };
              if (c->par->disaggregated && p.dp < 2)
                continue;
              if (plan_check (c, &p, &e2) != GP_OK)
                continue;
              gp_status st = eval_core (c, &p, 1, &r, &e2);
              ev++;
              if (st != GP_OK)
                {
                  closest = e2;
                  continue;
                }
              any_fit = true;
              long maxb = r.max_batch;
              for (long b = 1;; b = b * 2 > maxb && b < maxb ? maxb : b * 2)
                {
                  if (b > 1)
                    {
                      st = eval_core (c, &p, b, &r, &e2);
                      ev++;
                    }
                  if (st == GP_OK && r.meets_targets)
                    keep_top (top, top_k, n_found, &p, b, &r);
                  if (b >= maxb)
                    break;
                }
            }
        }
    }
  if (evaluated)
    *evaluated = ev;
  if (*n_found == 0)
    {
      if (!any_fit)
        return gp_error_set (err, GP_EINFEASIBLE, "n_accel",
                             "no serving plan fits on %ld accelerators: %s", n_accel,
                             closest.message[0] ? closest.message : "nothing fits");
      return gp_error_set (err, GP_EINFEASIBLE, "ttft_target_s",
                           "no serving plan on %ld accelerators meets ttft_target_s = %g and "
                           "tpot_target_s = %g", n_accel, c->par->ttft_target_s,
                           c->par->tpot_target_s);
    }
  return GP_OK;
}
