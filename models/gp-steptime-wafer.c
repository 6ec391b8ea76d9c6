/* gp-steptime-wafer.c: step time of wafer-scale systems (CS-2/CS-3 style), in two modes.
 *
 * Resident: the weights, gradients and optimizer state of a model (or of its share of
 * layers, when a pipeline of pp systems splits the layers) sit in on-wafer SRAM with the
 * activations; nothing streams. Cerebras runs small models this way ("pipelined" execution,
 * Cerebras, "Cerebras Architecture Deep Dive", Hot Chips 34, 2022) and a 125M-parameter
 * model (~2 GB of state) fits one 44 GB WSE-3 many times over.
 * Streaming: the weights and optimizer state live in an external memory appliance (MemoryX),
 * weights stream in layer by layer for the forward and again for the backward pass, and the
 * gradients stream back (Cerebras "weight streaming", Hot Chips 34; brief 3.5); the streams
 * reach every data-parallel system by a broadcast/reduce fabric (SwarmX) that reduces the
 * gradients in the network, so data parallelism costs no time beyond the streams. Used when
 * the resident footprint does not fit (pp = 1 only: a pipeline needs the weights resident).
 * The mode is chosen per plan: resident when it fits, else streaming. Units: bytes, s,
 * FLOP/s (SI, from the prepared context). */
#include "gp-steptime-wafer.h"

#include <math.h>

/* Parameters held by the worst stage: l/p layers plus the input embedding (first stage)
 * or the output head (last stage; a copy of a tied embedding when p > 1). */
static double
stage_params (const gp_steptime_ctx *c, double pp)
{
  const gp_workload_sizes *z = &c->sizes;
  double layers = z->params_per_layer * (double) c->work->layers / pp;
  if (pp <= 1.0)
    return z->params;
  double head = z->embed_out > 0 ? z->embed_out : z->embed_in;
  return layers + (z->embed_in > head ? z->embed_in : head);
}

/* Activation stash of one layer for one micro-batch of b sequences on one wafer
 * (Korthikanti et al. 2022, Table 2 with t = 1): s b h (34 + 5 a s / h) without
 * recomputation, 34 s b h selective, 2 s b h full; for 2-byte activations (scaled by
 * bytes_per_act / 2). */
static double
act_layer (const gp_steptime_ctx *c, const gp_plan *p)
{
  const gp_workload *w = c->work;
  double s = (double) w->seq_len_tokens, h = (double) w->hidden_size, a = (double) w->heads;
  double sbh = s * (double) p->microbatch_seqs * h;
  double k = p->recompute == GP_RECOMPUTE_FULL        ? 2.0
             : p->recompute == GP_RECOMPUTE_SELECTIVE ? 34.0
                                                      : 34.0 + 5.0 * a * s / h;
  return sbh * k * w->bytes_per_act * 0.5;
}

typedef struct {
  double state_per_param;  /* weights + gradients + optimizer state, bytes/param */
  double p_stage;          /* parameters of the worst stage */
  double resident;         /* SRAM bytes, resident mode (worst stage) */
  double streaming;        /* SRAM bytes, streaming mode (pp = 1) */
  double external;         /* external-memory bytes per system, streaming mode */
  double window;           /* streamed weight buffer in SRAM */
  double acts;             /* activations in SRAM, the mode's worst stage */
} wafer_mem;

/* Memory of both modes.
 * Resident, per stage: P_stage (b_w + b_g + b_opt) + activations: l/p layers x the
 *   micro-batches in flight, min(m, p) on the first stage under 1F1B, plus the embedding
 *   output s b h per micro-batch; the last stage holds one micro-batch plus the logits'
 *   4 s b h (1 + V/h) (Korthikanti sec. 4.3); + reserved.
 * Streaming (p = 1): a double-buffered window of the largest weight matrix, 2 x
 *   max(h f, V h) x b_w (weights pass through in pieces, no layer is held whole), the
 *   activations of one micro-batch for every layer, + reserved; the external memory holds
 *   P (b_w + b_g + b_opt) for the cluster, a 1/dp share per system (gradient accumulators
 *   included: the reduced gradients land there). */
static void
wafer_memory (const gp_steptime_ctx *c, const gp_plan *p, wafer_mem *mm)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  double pp = (double) p->pp, m = (double) (w->batch_seqs / (p->dp * p->microbatch_seqs));
  double s = (double) w->seq_len_tokens, h = (double) w->hidden_size;
  double V = (double) w->vocab_size, b = (double) p->microbatch_seqs;
  double ab = w->bytes_per_act * 0.5;
  double sbh = s * b * h * ab, out_act = 4.0 * s * b * h * (1.0 + V / h) * ab;
  double al = act_layer (c, p), ls = (double) w->layers / pp;
  mm->state_per_param = w->bytes_per_param + w->bytes_per_grad + w->optimizer_bytes_per_param;
  mm->p_stage = stage_params (c, pp);
  double a_first, a_last;
  if (p->pp == 1)
    a_first = a_last = al * ls + sbh + out_act;
  else
    {
      double nf = m < pp ? m : pp;
      a_first = al * ls * nf + sbh * nf;
      a_last = al * ls + out_act;
    }
  mm->acts = a_first > a_last ? a_first : a_last;
  mm->resident = mm->p_stage * mm->state_per_param + mm->acts + c->reserved;
  double big = z->ffn * h > V * h ? z->ffn * h : V * h;
  mm->window = 2.0 * big * w->bytes_per_param;
  mm->streaming = mm->window + al * (double) w->layers + sbh + out_act + c->reserved;
  mm->external = z->params * mm->state_per_param / (double) p->dp;
}

int
gp_steptime_wafer_mode (const gp_steptime_ctx *c, const gp_plan *p)
{
  wafer_mem mm;
  wafer_memory (c, p, &mm);
  if (mm.resident <= c->mem_cap)
    return 1;
  if (p->pp == 1 && mm.streaming <= c->mem_cap && mm.external <= c->t2_cap)
    return 0;
  return -1;
}

gp_status
gp_steptime_wafer_check (const gp_steptime_ctx *c, const gp_plan *p, gp_error *err)
{
  (void) c;
  if (p->tp != 1)
    return gp_error_set (err, GP_EINVAL, "tp",
                         "tp = %ld is out of range for a wafer-scale system: allowed 1 (a "
                         "wafer is never split by tensor parallelism; use dp across systems, "
                         "or pp for a pipeline of resident layers)", p->tp);
  if (p->cp != 1)
    return gp_error_set (err, GP_EINVAL, "cp",
                         "cp = %ld is out of range for a wafer-scale system: allowed 1 (the "
                         "wafer holds whole sequences; context parallelism splits them across "
                         "accelerators)", p->cp);
  bool any_offload = p->offload_weights || p->offload_activations || p->offload_optimizer;
  if (p->zero_stage != 0 || any_offload)
    return gp_error_set (err, GP_EINVAL, p->zero_stage ? "zero_stage" : "offload_weights",
                         "wafer-scale systems keep weights and optimizer state on the wafer or "
                         "in external memory already: zero_stage must be 0 and no offload set");
  return GP_OK;
}

/* Forward and backward compute of one micro-batch on the worst stage at peak x efficiency:
 * forward (l/p x fwd_layer + logits) x b / B, backward twice that plus recomputation (the
 * attention core 4 b s^2 h per layer, selective; the whole layer forward, full). */
static void
wafer_compute (const gp_steptime_ctx *c, const gp_plan *p, double *cf, double *cb)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  double b = (double) p->microbatch_seqs, s = (double) w->seq_len_tokens;
  double h = (double) w->hidden_size, k = b / (double) w->batch_seqs;
  double ls = (double) w->layers / (double) p->pp;
  double fl = z->fwd_flops_layer * k, flog = z->fwd_flops_logits * k;
  double rc = p->recompute == GP_RECOMPUTE_FULL        ? ls * fl
              : p->recompute == GP_RECOMPUTE_SELECTIVE ? ls * 4.0 * b * s * s * h
                                                       : 0.0;
  *cf = (ls * fl + flog) / c->rate;
  *cb = (2.0 * (ls * fl + flog) + rc) / c->rate;
}

double
gp_steptime_wafer_compute_bound (const gp_steptime_ctx *c, const gp_plan *p)
{
  double cf, cb;
  wafer_compute (c, p, &cf, &cb);
  double m = (double) (c->work->batch_seqs / (p->dp * p->microbatch_seqs));
  return (m + ((double) p->pp - 1.0) / (double) p->interleave) * (cf + cb);
}

static inline double
max3 (double a, double b, double d, int ta, int tb, int td, int *tag)
{
  *tag = ta;
  double v = a;
  if (b > v)
    v = b, *tag = tb;
  if (d > v)
    v = d, *tag = td;
  return v;
}

/* Sum the phases, attribute them to resources, MFU and energy (as gp-steptime's finish). */
static void
wafer_finish (const gp_steptime_ctx *c, const gp_plan *p, gp_steptime_result *r, double n,
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
      bpv = r->phase_s[i], bp = i;
  r->binding = bb;
  r->binding_phase = bp;
  r->step_time_s = step;
  r->model_flops = c->sizes.model_flops;
  r->hw_flops = c->sizes.hw_flops[p->recompute];
  double denom = step * n * c->peak;
  r->mfu = r->model_flops / denom;
  r->hfu = r->hw_flops / denom;
  r->tokens_per_s = c->sizes.tokens_per_step / step;
  r->energy_per_step_j = n * c->accel->power_w * step + net_j;
}

/* Time of one step.
 * Resident, per micro-batch on the worst stage: forward max(compute, SRAM traffic
 *   (P_stage b_w + stash) / B_sram, pipeline send s b h b_act / B_ext + alpha), backward the
 *   same with P_stage (b_w + b_g) of SRAM traffic; the step is m (t_f + t_b) + the 1F1B
 *   bubble (p - 1)/v (t_f + t_b) + the optimizer on the wafer, P_stage (2 b_w + b_g +
 *   2 b_opt) / B_sram, + the data-parallel gradient all-reduce over the external fabric
 *   (ring, 2 (d-1)/d P_stage b_g / B_ext + 2 (d-1) alpha; not overlapped).
 * Streaming (p = 1), per micro-batch: forward max(compute, SRAM (W + stash) / B_sram,
 *   W / B_stream), backward max(compute, SRAM (W + G + stash) / B_sram, max(W, G) / B_stream)
 *   (full duplex); the optimizer runs in the external memory on the system's 1/d share,
 *   P/d (2 b_w + b_g + 2 b_opt) / B_ext-mem; the gradient reduction is done in the
 *   broadcast/reduce fabric, inside the gradient stream. */
gp_status
gp_steptime_wafer_eval (const gp_steptime_ctx *c, const gp_plan *p, gp_steptime_result *r)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  wafer_mem mm;
  wafer_memory (c, p, &mm);
  r->microbatches = w->batch_seqs / (p->dp * p->microbatch_seqs);
  r->mem_capacity_bytes = c->mem_cap;
  r->tier2_capacity_bytes = c->t2_cap;
  r->reserved_bytes = c->reserved;
  bool resident = mm.resident <= c->mem_cap;
  if (resident || p->pp > 1)
    {
      r->weights_bytes = mm.p_stage * w->bytes_per_param;
      r->grads_bytes = mm.p_stage * w->bytes_per_grad;
      r->optimizer_bytes = mm.p_stage * w->optimizer_bytes_per_param;
      r->activations_bytes = mm.acts;
      r->mem_total_bytes = mm.resident;
      r->tier2_total_bytes = 0;
    }
  else
    {
      r->weights_bytes = mm.window;
      r->grads_bytes = 0;
      r->optimizer_bytes = 0;
      r->activations_bytes = mm.streaming - mm.window - c->reserved;
      r->mem_total_bytes = mm.streaming;
      r->tier2_total_bytes = mm.external;
    }
  r->mem_shortfall_bytes = r->mem_total_bytes > c->mem_cap ? r->mem_total_bytes - c->mem_cap : 0;
  r->tier2_shortfall_bytes
    = r->tier2_total_bytes > c->t2_cap ? r->tier2_total_bytes - c->t2_cap : 0;
  r->feasible = r->mem_shortfall_bytes == 0 && r->tier2_shortfall_bytes == 0;
  if (!r->feasible)
    return GP_EINFEASIBLE;

  const gp_net_level *ext = &c->net->level[c->net->n_levels - 1];
  double d = (double) p->dp, pp = (double) p->pp, v = (double) p->interleave;
  double m = (double) r->microbatches;
  double cf, cb;
  wafer_compute (c, p, &cf, &cb);
  double stash = act_layer (c, p) * (double) w->layers / pp;
  for (int i = 0; i < GP_PHASE_N; i++)
    {
      r->phase_s[i] = 0;
      r->phase_bound[i] = GP_BOUND_COMPUTE;
    }
  r->phase_bound[GP_PHASE_BUBBLE] = GP_BOUND_IDLE;
  r->phase_bound[GP_PHASE_TP_COMM] = GP_BOUND_NET_TP;
  r->phase_bound[GP_PHASE_PP_COMM] = GP_BOUND_NET_PP;
  r->phase_bound[GP_PHASE_DP_COMM] = GP_BOUND_NET_DP;
  r->tp_level = -1;
  r->ep_level = -1;
  r->phase_bound[GP_PHASE_EP_COMM] = GP_BOUND_NET_EP;
  r->comm[GP_COMM_EP].level = -1;
  r->dp_hierarchical = false;
  double net_j, tf, tb;
  int bf, bbk;
  if (resident)
    {
      double ps = mm.p_stage;
      double mf = (ps * w->bytes_per_param + stash) / c->mem_bw;
      double mb = (ps * (w->bytes_per_param + w->bytes_per_grad) + stash) / c->mem_bw;
      double send = p->pp > 1 ? (double) w->seq_len_tokens * (double) p->microbatch_seqs
                                  * (double) w->hidden_size * w->bytes_per_act
                              : 0.0;
      double tpp = send > 0 ? send / ext->bw_bytes_per_s + ext->latency_s : 0.0;
      tf = max3 (cf, mf, tpp, GP_BOUND_COMPUTE, GP_BOUND_MEMORY, GP_BOUND_NET_PP, &bf);
      tb = max3 (cb, mb, tpp, GP_BOUND_COMPUTE, GP_BOUND_MEMORY, GP_BOUND_NET_PP, &bbk);
      r->phase_s[GP_PHASE_BUBBLE] = (pp - 1.0) / v * (tf + tb);
      r->phase_s[GP_PHASE_OPTIMIZER]
        = ps * (2.0 * w->bytes_per_param + w->bytes_per_grad
                + 2.0 * w->optimizer_bytes_per_param) / c->mem_bw;
      r->phase_bound[GP_PHASE_OPTIMIZER] = GP_BOUND_MEMORY;
      double g = ps * w->bytes_per_grad;
      double ar = p->dp > 1 ? 2.0 * (d - 1.0) / d * g / ext->bw_bytes_per_s
                                + 2.0 * (d - 1.0) * ext->latency_s
                            : 0.0;
      r->phase_s[GP_PHASE_DP_COMM] = ar;
      r->bubble_fraction = (pp - 1.0) / (v * m);
      r->pp_level = p->pp > 1 ? c->net->n_levels - 1 : -1;
      r->dp_level = p->dp > 1 ? c->net->n_levels - 1 : -1;
      double sent = 2.0 * m * send + (p->dp > 1 ? 2.0 * (d - 1.0) / d * g : 0.0);
      r->net_bytes_per_step = sent;
      net_j = d * pp * 8e-12 * sent * ext->energy_pj_per_bit;
    }
  else
    {
      double wb = z->params * w->bytes_per_param, gb = z->params * w->bytes_per_grad;
      double mf = (wb + stash) / c->mem_bw, mb = (wb + gb + stash) / c->mem_bw;
      double sf = wb / c->stream_bw, sb = (wb > gb ? wb : gb) / c->stream_bw;
      tf = max3 (cf, mf, sf, GP_BOUND_COMPUTE, GP_BOUND_MEMORY, GP_BOUND_STREAM, &bf);
      tb = max3 (cb, mb, sb, GP_BOUND_COMPUTE, GP_BOUND_MEMORY, GP_BOUND_STREAM, &bbk);
      r->phase_s[GP_PHASE_OPTIMIZER]
        = z->params / d
          * (2.0 * w->bytes_per_param + w->bytes_per_grad + 2.0 * w->optimizer_bytes_per_param)
          / c->t2_bw;
      r->phase_bound[GP_PHASE_OPTIMIZER] = GP_BOUND_TIER2;
      r->bubble_fraction = 0;
      r->pp_level = -1;
      r->dp_level = p->dp > 1 ? c->net->n_levels - 1 : -1;
      double streamed = m * (2.0 * wb + gb);
      r->net_bytes_per_step = streamed;
      net_j = d * 8e-12 * streamed * ext->energy_pj_per_bit;
    }
  r->phase_s[GP_PHASE_FORWARD] = m * tf;
  r->phase_bound[GP_PHASE_FORWARD] = bf;
  r->phase_s[GP_PHASE_BACKWARD] = m * tb;
  r->phase_bound[GP_PHASE_BACKWARD] = bbk;
  r->compute_lower_bound_s = (m + (pp - 1.0) / v) * (cf + cb);
  wafer_finish (c, p, r, d * pp, net_j);
  return GP_OK;
}

/* The fewest systems that can train the model: a resident pipeline needs the smallest
 * pp | l whose worst stage (b = 1, full recomputation, pp micro-batches in flight) fits the
 * SRAM; streaming needs one system whose SRAM holds the window and one sequence's
 * activations, and ceil(P (b_w + b_g + b_opt) / external memory per system) systems to hold
 * the state. The smaller wins; 0 when neither fits any count (more SRAM or external memory
 * needed). *RESIDENT_PP and *STREAM_N (may be NULL) get each (0 = never). */
long
gp_steptime_wafer_systems_needed (const gp_steptime_ctx *c, long *resident_pp, long *stream_n)
{
  const gp_workload *w = c->work;
  gp_plan p = { 0 }; /* not gp_plan_params_init: files do not call each other both ways */
  p.dp = p.tp = p.pp = 1;
  p.microbatch_seqs = 1;
  p.interleave = 1;
  p.recompute = GP_RECOMPUTE_FULL;
  long res = 0, str = 0;
  for (long pp = 1; pp <= w->layers && res == 0; pp++)
    {
      if (w->layers % pp != 0)
        continue;
      p.pp = pp;
      wafer_mem mm;
      wafer_memory (c, &p, &mm);
      if (mm.resident <= c->mem_cap)
        res = pp;
    }
  p.pp = 1;
  wafer_mem mm;
  wafer_memory (c, &p, &mm);
  if (mm.streaming <= c->mem_cap && c->t2_cap > 0)
    {
      double n = ceil (mm.external / c->t2_cap - 1e-12);
      str = n < 1 ? 1 : n > 1e9 ? 1000000000L : (long) n;
    }
  if (resident_pp)
    *resident_pp = res;
  if (stream_n)
    *stream_n = str;
  if (res == 0)
    return str;
  if (str == 0)
    return res;
  return res < str ? res : str;
}
