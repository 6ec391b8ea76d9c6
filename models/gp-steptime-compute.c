/* gp-steptime-compute.c: compute time of one transformer layer from the shapes of its work
 * on one accelerator (GEMMs with tile and wave quantisation, fused attention, memory-bound
 * element-wise kernels), and the pipeline stage layout with uneven stages. */
#include <math.h>

#include "gp-steptime-private.h"

/* Time of one GEMM C[M x N] = A[M x K] B[K x N] on one accelerator, s.
 *   compute  2 M N K / (peak x matmul_efficiency x q)   (q: gp_gemm_quantisation)
 *   memory   bytes (M K + K N + M N) / (mem_bw x mem_efficiency)       (roofline: the larger)
 * Domain: M, N, K >= 1. */
static inline double
gemm (const gp_steptime_ctx *c, double M, double N, double K)
{
  double q = gp_gemm_quantisation (c->accel, M, N, K);
  double tc = 2.0 * M * N * K / (c->rate * q);
  double tm_ = c->act_bytes * (M * K + K * N + M * N) / c->stream_bw_eff;
  return tc > tm_ ? tc : tm_;
}

/* Forward, input-gradient and weight-gradient GEMMs of one linear layer with M tokens,
 * N outputs and K inputs: forward M x N x K, dgrad M x K x N, wgrad K x N x M (output
 * rows x columns x depth). */
static inline void
linear (const gp_steptime_ctx *c, double M, double N, double K, double *f, double *b)
{
  *f += gemm (c, M, N, K);
  *b += gemm (c, M, K, N) + gemm (c, K, N, M);
}

/* Multi-head latent attention's GEMMs (DeepSeek-V2 sec. 2.1) for M tokens, TP degree T:
 * query down-projection M x d_c' x h and up-projection M x a (d_h + d_r)/t x d_c' (or
 * M x a (d_h + d_r)/t x h uncompressed), KV down-projection M x (d_c + d_r) x h, KV
 * up-projection M x 2 a d_h/t x d_c, output M x h x a d_h/t. The down-projections are
 * small and run whole on every TP rank (Megatron replicates them). */
static void
mla_gemms (const gp_steptime_ctx *c, double M, double t, double *gf, double *gb)
{
  const gp_workload *w = c->work;
  double h = (double) w->hidden_size, a = (double) w->heads;
  double dc = (double) w->mla_kv_rank, dq = (double) w->mla_q_rank;
  double dr = (double) w->mla_rope_dim, dh = (double) w->mla_head_dim;
  if (dq > 0)
    {
      linear (c, M, dq, h, gf, gb);
      linear (c, M, a * (dh + dr) / t, dq, gf, gb);
    }
  else
    linear (c, M, a * (dh + dr) / t, h, gf, gb);
  linear (c, M, dc + dr, h, gf, gb);
  linear (c, M, a * 2.0 * dh / t, dc, gf, gb);
  linear (c, M, h, a * dh / t, gf, gb);
}

/* The FFN of a mixture of experts averaged over the layers: dense_layers / l of a dense FFN
 * and the rest MoE layers. A MoE layer on one rank runs the router M x E x h, the shared
 * experts as one FFN of width s f_e split by tp, and its E / ep routed experts, each on
 * M_e = ep M k / E tokens (the ep ranks of the group each send M k token copies spread over
 * the E experts) times the load of the busiest rank (capacity factor or imbalance,
 * gp_workload_sizes.moe_load); all experts are alike, so one is timed. When M_e < 1 only
 * E/ep x M_e experts get a token, one each. */
static void
moe_ffn (const gp_steptime_ctx *c, const gp_plan *p, double M, double *gf, double *gb)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  double t = (double) p->tp, h = (double) w->hidden_size, f = z->ffn;
  double g = w->gated_ffn ? 2.0 : 1.0, l = (double) w->layers;
  double E = (double) w->experts, k = (double) w->experts_active;
  double sh = (double) w->experts_shared, ep = (double) p->ep;
  double fe = w->expert_ffn_size > 0 ? (double) w->expert_ffn_size : f;
  double dl = (double) w->dense_layers / l, ml = z->moe_layers / l;
  if (dl > 0)
    {
      double df = 0.0, db = 0.0;
      linear (c, M, g * f / t, h, &df, &db);
      linear (c, M, h, f / t, &df, &db);
      *gf += dl * df;
      *gb += dl * db;
    }
  double mf = 0.0, mb = 0.0;
  linear (c, M, E, h, &mf, &mb);
  if (sh > 0)
    {
      linear (c, M, g * sh * fe / t, h, &mf, &mb);
      linear (c, M, h, sh * fe / t, &mf, &mb);
    }
  double n_exp = E / ep, Me = ep * M * k * z->moe_load / E;
  if (Me < 1.0)
    {
      n_exp *= Me;
      Me = 1.0;
    }
  double ef = 0.0, eb = 0.0;
  linear (c, Me, g * fe / t, h, &ef, &eb);
  linear (c, Me, h, fe / t, &ef, &eb);
  *gf += ml * (mf + n_exp * ef);
  *gb += ml * (mb + n_exp * eb);
}

/* Per-layer costs for plan P on one accelerator, one micro-batch of b sequences, tokens per
 * rank M = b s / cp, TP degree t (SC21 sec. 2.3 split; Korthikanti et al. 2022 sec. 4.2.2
 * for sequence parallelism):
 *   GEMMs      QKV M x (h + 2 h_kv)/t x h, projection M x h x h/t, FFN in M x g f/t x h
 *              (g = 2 gated, else 1), FFN out M x h x f/t; backward dgrad + wgrad
 *   attention  fused (FlashAttention style): 4 b s (s/cp) h / t FLOPs forward as the
 *              workload counts them (SC21, no causal saving), of which a causal kernel runs
 *              half: 0.5 x that / (peak x attention_efficiency); backward twice the forward.
 *              Unfused (plan unfused_attention, Megatron as in SC21): batched GEMMs and
 *              softmax/dropout streaming on the s x s scores, below
 *   streaming  norms, residual adds (bias and dropout fused into them, as Megatron does) and
 *              the FFN activation: forward bytes = act_bytes x M (10 h / t_sp + a_f f / t),
 *              two norms (read, write) and two adds (two reads, a write) on h-wide rows
 *              (t_sp = t with sequence parallelism, else 1), a_f = 3 (SwiGLU reads two,
 *              writes one) or 2; backward twice the bytes; at mem_bw x mem_efficiency
 *   logits     M x V/t x h, plus softmax/cross-entropy streaming 2 M V/t bytes forward, twice
 *              in backward
 *   recompute  selective: the attention core again; full: the whole layer forward again.
 * Only the ratios matter here; the workload's FLOP counts (gp-workload.h) stay the MFU
 * numerator. */
void
gp_layer_cost_eval (const gp_steptime_ctx *c, const gp_plan *p, gp_layer_cost *lc)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  double t = (double) p->tp, cp = (double) p->cp, b = (double) p->microbatch_seqs;
  double s = (double) w->seq_len_tokens, h = (double) w->hidden_size;
  double V = (double) w->vocab_size, f = z->ffn, hkv = z->h_kv;
  double M = b * s / cp;
  double g = w->gated_ffn ? 2.0 : 1.0;
  double gf = 0.0, gb = 0.0;
  if (w->mla_kv_rank > 0)
    mla_gemms (c, M, t, &gf, &gb);
  else
    {
      linear (c, M, (h + 2.0 * hkv) / t, h, &gf, &gb);
      linear (c, M, h, h / t, &gf, &gb);
    }
  if (w->experts > 0)
    moe_ffn (c, p, M, &gf, &gb);
  else
    {
      linear (c, M, g * f / t, h, &gf, &gb);
      linear (c, M, h, f / t, &gf, &gb);
    }
  lc->gemm_f = gf;
  lc->gemm_b = gb;
  lc->gemm_flops_f = 2.0 * M * z->active_matmul_per_layer / t;
  if (p->unfused_attention)
    {
      /* Per head (a/t of them, b sequences): scores S = Q K^T, s x s x d, and S V,
       * s x d x s, as batched GEMMs (tiles counted over the batch as one tall GEMM), and the
       * fused scale-mask-softmax (read and write 2-byte scores: 4 B per score) and the
       * dropout (read, write, 1-byte mask: 5 B) on the b (a/t) s^2 scores; backward both
       * GEMMs' gradients and twice the streaming. */
      double heads = (double) w->heads / t, d = h / (double) w->heads;
      double rows = b * heads * s;
      double af = 0.0, ab = 0.0;
      linear (c, rows, s, d, &af, &ab);
      linear (c, rows, d, s, &af, &ab);
      double sbytes = 9.0 * b * heads * s * s;
      lc->attn_f = af + sbytes / c->stream_bw_eff;
      lc->attn_b = ab + 2.0 * sbytes / c->stream_bw_eff;
    }
  else
    {
      double aflops = 4.0 * b * s * (s / cp) * z->attn_dim / t;
      lc->attn_f = 0.5 * aflops / c->attn_rate;
      lc->attn_b = 2.0 * lc->attn_f;
    }
  double tsp = (p->seq_parallel && p->tp > 1) ? t : 1.0;
  double ebytes = c->act_bytes * M * (10.0 * h / tsp
                                      + (w->gated_ffn ? 3.0 : 2.0) * z->ffn_active / t);
  lc->elem_f = ebytes / c->stream_bw_eff;
  lc->elem_b = 2.0 * lc->elem_f;
  double lf = 0.0, lb = 0.0;
  linear (c, M, V / t, h, &lf, &lb);
  double lbytes = 2.0 * c->act_bytes * M * V / t;
  lc->logit_f = lf + lbytes / c->stream_bw_eff;
  lc->logit_b = lb + 2.0 * lbytes / c->stream_bw_eff;
  lc->logit_gemm_f = lf;
  lc->logit_gemm_b = lb;
  lc->logit_flops_f = 2.0 * M * V * h / t;
  switch (p->recompute)
    {
    case GP_RECOMPUTE_FULL: lc->rc = lc->gemm_f + lc->attn_f + lc->elem_f; break;
    case GP_RECOMPUTE_SELECTIVE: lc->rc = lc->attn_f; break;
    default: lc->rc = 0.0;
    }
}

/* Layers per stage for l layers over p stages, l = q p + r (0 <= r < p): r stages take
 * q + 1 layers and p - r take q, the lighter ones placed on the end stages first (the last,
 * which also holds the output layer, then the first, which holds the embedding), as Llama 3
 * does with 126 layers on 16 stages (Meta 2024, sec. 3.3.2: one layer fewer on the first
 * and the last stage). */
void
gp_stage_layout (long layers, long pp, gp_stages *st)
{
  long q = layers / pp, r = layers % pp;
  if (pp <= 1)
    {
      st->first = st->mid = st->last = layers;
      return;
    }
  st->last = q;
  st->first = (pp - r >= 2) ? q : q + 1;
  st->mid = r > 0 ? q + 1 : q;
}

/* Compute time of one micro-batch on the slowest stage: the last stage (its layers and the
 * output layer) or a stage with mid layers, whichever is longer. *LS gets that stage's
 * layer count and *LAST whether it is the last stage. Wafer mode and pp = 1: all layers
 * and the output layer. */
void
gp_stage_compute (const gp_steptime_ctx *c, const gp_plan *p, const gp_layer_cost *lc,
                  double *cf, double *cb, double *ls, bool *last)
{
  gp_stages st;
  gp_stage_layout (c->work->layers, p->pp, &st);
  double lay_f = lc->gemm_f + lc->attn_f + lc->elem_f;
  double lay_b = lc->gemm_b + lc->attn_b + lc->elem_b + lc->rc;
  double lf = (double) st.last * lay_f + lc->logit_f;
  double lb = (double) st.last * lay_b + lc->logit_b;
  double mf = (double) st.mid * lay_f, mb = (double) st.mid * lay_b;
  if (p->pp > 1 && mf + mb > lf + lb)
    {
      *cf = mf, *cb = mb, *ls = (double) st.mid, *last = false;
      return;
    }
  *cf = lf, *cb = lb, *ls = (double) st.last, *last = true;
}
