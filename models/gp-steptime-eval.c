/* gp-steptime-eval.c: memory footprint and step time of one plan (model summary in
 * gp-steptime.h; GEMM shapes in gp-steptime-compute.c, collectives in gp-steptime.c). */
#include <math.h>
#include <string.h>

#include "gp-moe.h"
#include "gp-steptime-private.h"
#include "gp-steptime-wafer.h"

#define GB 1e9

/* Gradient bucket of the data-parallel reduction: PyTorch DDP's default bucket_cap_mb = 25
 * (torch.nn.parallel.DistributedDataParallel documentation). */
#define DP_BUCKET_BYTES 25e6

/* ---- memory footprint ----------------------------------------------------------------- */

/* Activation bytes of one layer for one micro-batch of b sequences on one accelerator,
 * Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models"
 * (MLSys 2023, arXiv 2205.05198), Table 2, for 16-bit activations (scaled by
 * bytes_per_act / 2):
 *   none:      s b h (10 + 24/t + 5 a s/(h t))     with SP:  s b h (34 + 5 a s / h) / t
 *   selective: s b h (10 + 24/t)                   with SP:  s b h 34 / t
 *   full:      2 s b h                             with SP:  2 s b h / t
 * The coefficients were derived for GPT (f = 4h, multi-head attention); they are applied
 * unchanged to GQA/SwiGLU models, an approximation. Context parallelism keeps s / cp of the
 * sequence on each rank (and s x s/cp of any attention scores), so every term is / cp. */
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
  return sbh * k * w->bytes_per_act * 0.5 / (double) p->cp;
}

/* Fill the memory part of R for plan P (conventional accelerators). Per pipeline stage:
 *   weights    P_stage/t x bytes_per_param      (/(dp cp) under ZeRO-3, plus two gathered
 *                                                layers)
 *   gradients  P_stage/t x bytes_per_grad       (/(dp cp) under ZeRO-2 and -3)
 *   optimizer  P_stage/t x optimizer bytes      (/(dp cp) under ZeRO-1, -2, -3)
 *   activations: per-layer stash x layers x micro-batches in flight: stage i holds
 *     min(m, p - i) under 1F1B, times (1 + (p-1)/(p v)) when interleaved (Korthikanti sec.
 *     4.2.3), plus the embedding dropout mask s b h/(t cp) per micro-batch on the first; the
 *     last stage holds one micro-batch plus the output layer 4 s b h (1 + V/h)/(t cp) (same
 *     paper, sec. 4.3).
 * The weights are sharded over the dp x cp ranks that hold the same stage (Megatron shards
 * the distributed optimizer over the data- and context-parallel ranks). The first stage
 * holds the input embedding, the last the output head (a copy of the tied embedding when
 * p > 1, as Megatron keeps). With uneven stages (gp_stage_layout) the second stage, with
 * the most layers and p - 1 micro-batches in flight, is checked too. Offloaded items move
 * to the second tier, leaving a working set of two layers in local memory. The worst stage
 * is reported. A mixture of experts keeps its routed experts (expert_params_per_layer per
 * layer, averaged over the layers) sharded over ep: each rank holds 1/ep of them, and ZeRO
 * shards their state over the dp/ep x cp ranks holding the same experts. */
static void
memory_conventional (const gp_steptime_ctx *c, const gp_plan *p, gp_steptime_result *r)
{
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
  double t = (double) p->tp, pp = (double) p->pp, d = (double) p->dp * (double) p->cp;
  double b = (double) p->microbatch_seqs, v = (double) p->interleave;
  double s = (double) w->seq_len_tokens, h = (double) w->hidden_size;
  double V = (double) w->vocab_size;
  double m = (double) (w->batch_seqs / (p->dp * p->microbatch_seqs));
  gp_stages st;
  gp_stage_layout (w->layers, p->pp, &st);
  double act_l = act_per_layer (c, p, b);
  double sbh_t = s * b * h / (t * (double) p->cp);
  double out_act = 4.0 * sbh_t * (1.0 + V / h);
  double out_w = z->embed_out > 0 ? z->embed_out : V * h;
  double ps[3], pe[3] = { 0.0, 0.0, 0.0 }, a[3], edge[3];
  const double epl = z->expert_params_per_layer, ppl = z->params_per_layer - epl;
  const double epd = (double) p->ep, de = d / epd;
  int n_st;
  if (p->pp == 1)
    {
      ps[0] = (double) w->layers * ppl + z->embed_in + z->embed_out;
      pe[0] = (double) w->layers * epl / epd;
      a[0] = act_l * (double) w->layers + sbh_t + out_act;
      edge[0] = sbh_t + out_act;
      n_st = 1;
    }
  else
    {
      double nf = m < pp ? m : pp;
      double ifac = p->interleave > 1 ? 1.0 + (pp - 1.0) / (pp * v) : 1.0;
      ps[0] = (double) st.first * ppl + z->embed_in;
      pe[0] = (double) st.first * epl / epd;
      a[0] = act_l * (double) st.first * nf * ifac + sbh_t * nf;
      edge[0] = sbh_t;
      ps[1] = (double) st.last * ppl + out_w;
      pe[1] = (double) st.last * epl / epd;
      a[1] = act_l * (double) st.last + out_act;
      edge[1] = out_act;
      n_st = 2;
      if (p->pp > 2 && st.mid > st.first)
        {
          double n2 = m < pp - 1.0 ? m : pp - 1.0;
          ps[2] = (double) st.mid * ppl;
          pe[2] = (double) st.mid * epl / epd;
          a[2] = act_l * (double) st.mid * n2;
          edge[2] = 0.0;
          n_st = 3;
        }
    }
  double work_w = 2.0 * (ppl + epl / epd) / t * w->bytes_per_param;
  double work_a = 2.0 * act_l;
  double best_tot = -1, best_t2 = 0;
  for (int stage = 0; stage < n_st; stage++)
    {
      double pst = ps[stage] / t, pet = pe[stage] / t;
      double act = a[stage];
      double wts = pst * w->bytes_per_param / (p->zero_stage >= 3 ? d : 1.0)
                   + pet * w->bytes_per_param / (p->zero_stage >= 3 ? de : 1.0);
      double grd = pst * w->bytes_per_grad / (p->zero_stage >= 2 ? d : 1.0)
                   + pet * w->bytes_per_grad / (p->zero_stage >= 2 ? de : 1.0);
      double opt = pst * w->optimizer_bytes_per_param / (p->zero_stage >= 1 ? d : 1.0)
                   + pet * w->optimizer_bytes_per_param / (p->zero_stage >= 1 ? de : 1.0);
      double t2 = 0;
      if (p->zero_stage >= 3 && d > 1.0)
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
          double keep = work_a + edge[stage];
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

/* Compute time of one micro-batch on the slowest stage from the shapes of its work
 * (gp_layer_cost_eval, gp_stage_compute). */
static inline void
compute_times (const gp_steptime_ctx *c, const gp_plan *p, gp_layer_cost *lc, double *cf,
               double *cb, double *ls, bool *last)
{
  gp_layer_cost_eval (c, p, lc);
  gp_stage_compute (c, p, lc, cf, cb, ls, last);
}

/* Every phase of a micro-batch takes at least its compute (overlap only adds, through
 * interference or exposure), every micro-batch slot pays its blocking pipeline sends
 * (the same in every ZeRO, offload, overlap and SP variant), and the pipeline runs
 * m + (p - 1)/v micro-batch slots. */
/* C with its net replaced by P's own levels when C has a plan_net hook (into *BUF). */
static inline const gp_steptime_ctx *
with_plan_net (const gp_steptime_ctx *c, const gp_plan *p, gp_steptime_ctx *buf,
               gp_net_levels *net)
{
  if (c->plan_net == NULL || c->accel->wafer_scale || c->plan_net (c->plan_net_user, p, net))
    return c;
  *buf = *c;
  buf->net = net;
  return buf;
}

double
gp_steptime_compute_bound (const gp_steptime_ctx *c0, const gp_plan *p)
{
  if (c0->accel->wafer_scale)
    return gp_steptime_wafer_compute_bound (c0, p);
  gp_steptime_ctx cbuf;
  gp_net_levels nbuf;
  const gp_steptime_ctx *c = with_plan_net (c0, p, &cbuf, &nbuf);
  gp_layer_cost lc;
  double cf, cb, ls;
  bool last;
  compute_times (c, p, &lc, &cf, &cb, &ls, &last);
  double m = (double) (c->work->batch_seqs / (p->dp * p->microbatch_seqs));
  double bub = c->accel->wafer_scale ? 0.0 : ((double) p->pp - 1.0) / (double) p->interleave;
  double ppmb = 0.0;
  if (p->pp > 1 && !c->accel->wafer_scale)
    {
      gp_group_net gpp;
      long st[4];
      gp_plan_strides (p, st);
      gp_group_place (c->net, p->pp, st[2], &gpp);
      if (gpp.outer >= 0)
        {
          const gp_workload *w = c->work;
          double sz = (double) p->microbatch_seqs * (double) w->seq_len_tokens
                      * (double) w->hidden_size * w->bytes_per_act
                      / ((double) p->cp * (double) p->tp);
          ppmb = 2.0 * (double) p->interleave * (gpp.a_o + sz / gpp.bw_o);
        }
    }
  return (m + bub) * (cf + cb + ppmb);
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

/* The step's compute on the slowest stage split into GEMMs, attention and memory-bound
 * kernels (recomputation counted in its kinds), and the GEMM efficiency reached. */
static void
compute_split (const gp_layer_cost *lc, int recompute, double ls, bool last, double m,
               double peak, gp_steptime_result *r)
{
  double rc_g = 0.0, rc_a = 0.0, rc_e = 0.0;
  if (recompute == GP_RECOMPUTE_FULL)
    rc_g = lc->gemm_f, rc_a = lc->attn_f, rc_e = lc->elem_f;
  else if (recompute == GP_RECOMPUTE_SELECTIVE)
    rc_a = lc->attn_f;
  double lg = last ? lc->logit_gemm_f + lc->logit_gemm_b : 0.0;
  double le = last ? lc->logit_f + lc->logit_b - lg : 0.0;
  double g = ls * (lc->gemm_f + lc->gemm_b + rc_g) + lg;
  r->gemm_s = m * g;
  r->attention_s = m * ls * (lc->attn_f + lc->attn_b + rc_a);
  r->memory_bound_s = m * (ls * (lc->elem_f + lc->elem_b + rc_e) + le);
  double gflops = 3.0 * (ls * lc->gemm_flops_f + (last ? lc->logit_flops_f : 0.0))
                  + (rc_g > 0.0 ? ls * lc->gemm_flops_f : 0.0);
  r->gemm_efficiency = g > 0.0 ? gflops / (g * peak) : 0.0;
}

/* A data-parallel collective on S bytes over the ranks holding a stage: the DP group, or
 * the CP group, or both as two levels (the CP group inside, then the DP group on S / cp,
 * then the CP group again for an all-reduce; reduce-scatter and all-gather are the halves).
 * Adds TIMES x its bytes and energy to *NB, *NJ. */
static double
dp_coll (const gp_group_net *gc, const gp_group_net *gd, const gp_plan *p, gp_collective k,
         double S, double times, double *nb, double *nj, bool *hier)
{
  double b = 0, j = 0, t;
  if (p->cp > 1 && p->dp > 1)
    {
      double cpd = (double) p->cp;
      if (k == GP_COLL_ALLREDUCE)
        t = gp_group_coll (gc, GP_COLL_REDUCE_SCATTER, S, &b, &j, NULL)
            + gp_group_coll (gd, GP_COLL_ALLREDUCE, S / cpd, &b, &j, hier)
            + gp_group_coll (gc, GP_COLL_ALLGATHER, S, &b, &j, NULL);
      else
        t = gp_group_coll (gc, k, S, &b, &j, NULL) + gp_group_coll (gd, k, S / cpd, &b, &j, hier);
    }
  else if (p->cp > 1)
    t = gp_group_coll (gc, k, S, &b, &j, hier);
  else
    t = gp_group_coll (gd, k, S, &b, &j, hier);
  *nb += times * b;
  *nj += times * j;
  return t;
}

/* Communication of TC seconds sent in N equal pieces as compute of TW seconds produces (or
 * consumes) them: each piece can go once its share of the compute is done, so the last
 * piece is always exposed: exposed = min(TC, max(TC / N, TC - TW (N - 1) / N)). Returns the
 * hidden part. */
static inline double
bucketed (double tc, double tw, double n, double *exposed)
{
  if (!(tc > 0.0))
    {
      *exposed = 0.0;
      return 0.0;
    }
  if (n < 1.0)
    n = 1.0;
  double ex = tc - tw * (n - 1.0) / n;
  if (ex < tc / n)
    ex = tc / n;
  if (ex > tc)
    ex = tc;
  *exposed = ex;
  return tc - ex;
}

static inline void
comm_set (gp_comm_cost *cc, double time, double exposed, double slow, int level)
{
  cc->time_s = time;
  cc->exposed_s = exposed;
  cc->hidden_s = time - exposed;
  cc->slowdown_s = slow;
  cc->level = time > 0.0 ? level : -1;
}

gp_status
gp_steptime_eval_unchecked (const gp_steptime_ctx *c0, const gp_plan *p,
                            gp_steptime_result *r)
{
  if (c0->accel->wafer_scale)
    {
      /* The wafer path fills what it models; the GPU-only figures (GEMM efficiency,
       * attention and memory-bound shares, per-collective comms) must read 0, not garbage. */
      memset (r, 0, sizeof *r);
      return gp_steptime_wafer_eval (c0, p, r); /* gp-steptime-wafer.c */
    }
  gp_steptime_ctx cbuf;
  gp_net_levels nbuf;
  const gp_steptime_ctx *c = with_plan_net (c0, p, &cbuf, &nbuf);
  const gp_workload *w = c->work;
  const gp_workload_sizes *z = &c->sizes;
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
  const double cpd = (double) p->cp;
  const double v = (double) p->interleave, m = (double) r->microbatches;
  const double s = (double) w->seq_len_tokens, h = (double) w->hidden_size;
  const double V = (double) w->vocab_size;
  const double n_acc = d * t * cpd * pp;
  const double I = c->accel->comm_interference;

  gp_layer_cost lc;
  double cf, cb, ls;
  bool last;
  compute_times (c, p, &lc, &cf, &cb, &ls, &last);
  compute_split (&lc, p->recompute, ls, last, m, c->peak, r);

  /* Stage parameters: the slowest stage's for the micro-batch, the largest stage's for the
   * gradient reduction and the optimizer (the step waits for every stage). */
  const double epl = z->expert_params_per_layer, ppl = z->params_per_layer - epl;
  const double epd = (double) p->ep;
  const double out_w = z->embed_out > 0 ? z->embed_out : V * h;
  double ps_slow, ps_max, pe_slow, pe_max;
  if (p->pp == 1)
    {
      ps_slow = ps_max = (double) w->layers * ppl + z->embed_in + z->embed_out;
      pe_slow = pe_max = (double) w->layers * epl / epd;
    }
  else
    {
      gp_stages st;
      gp_stage_layout (w->layers, p->pp, &st);
      double pf = (double) st.first * ppl + z->embed_in, pl = (double) st.last * ppl + out_w;
      double pm = (double) st.mid * ppl;
      ps_slow = ls * ppl + (last ? out_w : 0.0);
      ps_max = pf > pl ? pf : pl;
      long lmax = st.first;
      if (pf <= pl)
        lmax = st.last;
      if (pm > ps_max)
        ps_max = pm, lmax = st.mid;
      pe_slow = ls * epl / epd;
      pe_max = (double) lmax * epl / epd;
    }
  ps_slow /= t;
  ps_max /= t;
  pe_slow /= t;
  pe_max /= t;

  /* Local memory traffic per micro-batch: the stage's weights are read in the forward and
   * again in the backward, gradients are read and written (accumulated), and the activation
   * stash is written in the forward and read in the backward. The kernels' own streaming
   * is in the compute (gp-steptime-compute.c); this is a floor for the phase. */
  double wt = (ps_slow + pe_slow) * w->bytes_per_param;
  double gr = (ps_slow + pe_slow) * w->bytes_per_grad;
  double a_mb = act_per_layer (c, p, b) * ls;
  double mf = (wt + a_mb) / c->stream_bw_eff, mbk = (wt + 2.0 * gr + a_mb) / c->stream_bw_eff;
  double t2f = 0, t2b = 0;
  if (p->offload_weights)
    t2f += wt, t2b += wt;
  if (p->offload_activations)
    t2f += a_mb, t2b += a_mb;
  if (c->t2_bw > 0)
    t2f /= c->t2_bw, t2b /= c->t2_bw;

  double net_b = 0, net_j = 0;
  gp_group_net gt, gc, gpp, gd;
  long st[4];
  gp_plan_strides (p, st);
  gp_group_place (c->net, p->tp, st[0], &gt);
  gp_group_place (c->net, p->cp, st[1], &gc);
  gp_group_place (c->net, p->pp, st[2], &gpp);
  gp_group_place (c->net, p->dp, st[3], &gd);
  /* Expert groups: EP is the first ep ranks of the DP dimension (DP's stride); the ranks
   * holding the same experts (their gradients' data-parallel group) are the dp/ep groups at
   * stride ep x DP's stride. */
  gp_group_net ge, gde;
  gp_group_place (c->net, p->ep, st[3], &ge);
  gp_group_place (c->net, p->dp / p->ep, st[3] * p->ep, &gde);
  gp_plan pde = *p;
  pde.dp = p->dp / p->ep;
  const double act = b * s * h * w->bytes_per_act / cpd; /* one layer's activations, this rank */

  /* Tensor parallelism per layer (SC21 sec. 2.3; Korthikanti et al. sec. 4.2.2): without
   * sequence parallelism two all-reduces forward and two backward; with it, forward two
   * all-gathers + two reduce-scatters, backward their transposes (two reduce-scatters +
   * two all-gathers) plus two more all-gathers re-gathering the sequence-sharded inputs the
   * weight gradients need (Megatron stashes them sharded). Full recomputation runs the
   * forward's collectives again in the backward. With tp_overlap (Megatron/NeMo userbuffer
   * overlap) they run under the layer's GEMMs, costing interference (what the GEMMs cannot
   * cover is exposed); otherwise they block. */
  double tpf = 0, tpb = 0;
  if (p->tp > 1)
    {
      double nf, nbk;
      double rcf = p->recompute == GP_RECOMPUTE_FULL ? 1.0 : 0.0;
      if (p->seq_parallel)
        {
          double nb1 = 0, nj1 = 0, nb2 = 0, nj2 = 0;
          double rs = gp_group_coll (&gt, GP_COLL_REDUCE_SCATTER, act, &nb1, &nj1, NULL);
          double ag = gp_group_coll (&gt, GP_COLL_ALLGATHER, act, &nb2, &nj2, NULL);
          nf = 2.0 * (rs + ag);
          nbk = 2.0 * rs + 4.0 * ag + rcf * nf;
          tpf = ls * nf;
          tpb = ls * nbk;
          double n_rs = 2.0 + 2.0 + 2.0 * rcf, n_ag = 2.0 + 4.0 + 2.0 * rcf;
          net_b += m * ls * (n_rs * nb1 + n_ag * nb2);
          net_j += m * ls * (n_rs * nj1 + n_ag * nj2);
        }
      else
        {
          double nb1 = 0, nj1 = 0;
          double ar = gp_group_coll (&gt, GP_COLL_ALLREDUCE, act, &nb1, &nj1, NULL);
          double n_ar = 4.0 + 2.0 * rcf;
          tpf = ls * 2.0 * ar;
          tpb = ls * (2.0 + 2.0 * rcf) * ar;
          net_b += m * ls * n_ar * nb1;
          net_j += m * ls * n_ar * nj1;
        }
    }
  /* The GEMM-collective overlap (Transformer Engine userbuffers) works inside the
   * scale-up domain, where ranks write into each other's memory; a TP group that spills
   * past level 0 onto the scale-out network blocks. */
  double tp_exp_f = tpf, tp_exp_b = tpb, tp_slow_f = 0, tp_slow_b = 0;
  if (p->tp_overlap && p->tp > 1 && gt.outer == 0)
    {
      double gf_ = ls * lc.gemm_f, gb_ = ls * (lc.gemm_b + (p->recompute == GP_RECOMPUTE_FULL
                                                            ? lc.gemm_f : 0.0));
      gp_overlap (tpf, gf_, I, &tp_exp_f, &tp_slow_f);
      gp_overlap (tpb, gb_, I, &tp_exp_b, &tp_slow_b);
    }

  /* Context parallelism (ring attention, Liu et al. 2023; Llama 3 sec. 3.3.2): each rank's
   * K and V, b (s/cp) 2 h_kv / t values, travel once around the CP ring in the forward (an
   * all-gather's volume) and again with dK, dV in the backward (twice that), under the
   * attention kernel of the same layer; what the attention cannot cover is exposed. */
  double cp_exp_f = 0, cp_exp_b = 0, cp_slow_f = 0, cp_slow_b = 0, cpf = 0, cpb = 0;
  if (p->cp > 1)
    {
      double kv = b * (s / cpd) * 2.0 * z->h_kv / t * w->bytes_per_act;
      double nb1 = 0, nj1 = 0;
      double ring = gp_group_coll (&gc, GP_COLL_ALLGATHER, kv * cpd, &nb1, &nj1, NULL);
      cpf = ls * ring;
      cpb = 2.0 * cpf + (p->recompute != GP_RECOMPUTE_NONE ? cpf : 0.0);
      net_b += m * ls * 3.0 * nb1;
      net_j += m * ls * 3.0 * nj1;
      double af = ls * lc.attn_f, ab = ls * (lc.attn_b + (p->recompute != GP_RECOMPUTE_NONE
                                                          ? lc.attn_f : 0.0));
      gp_overlap (cpf, af, I, &cp_exp_f, &cp_slow_f);
      gp_overlap (cpb, ab, I, &cp_exp_b, &cp_slow_b);
    }

  /* Expert parallelism (GShard, Lepikhin et al. 2021; DeepSeek-V3 sec. 3.2.2): per MoE layer
   * the forward dispatches each token's hidden vector to its experts' ranks and combines the
   * results back (two all-to-alls), the backward does the same with the gradients (two more;
   * full recomputation repeats the forward's). Each rank sends
   *   S = (b s / cp) x copies x h x bytes_per_act x load / t
   * per all-to-all, copies = k, or the node limit when routing is node-limited (one copy per
   * destination rank), load the busiest rank's share (moe_load), the TP group sharing the
   * dispatch. Layers per stage are counted as ls x moe_layers / l. Blocking, or with
   * ep_overlap hidden under the compute of another micro-batch (DualPipe) at the
   * interference cost. */
  double epf = 0, epb = 0, ep_exp_f = 0, ep_exp_b = 0, ep_slow_f = 0, ep_slow_b = 0;
  r->ep_bytes_per_alltoall = 0.0;
  if (p->ep > 1 && w->experts > 0)
    {
      double S = b * s / cpd * gp_moe_copies (w) * h * w->bytes_per_act * z->moe_load / t;
      double nb1 = 0, nj1 = 0;
      double a2a = gp_group_a2a (&ge, S, &nb1, &nj1);
      double nmoe = ls * z->moe_layers / (double) w->layers;
      double rcf = p->recompute == GP_RECOMPUTE_FULL ? 1.0 : 0.0;
      epf = nmoe * 2.0 * a2a;
      epb = nmoe * (2.0 + 2.0 * rcf) * a2a;
      net_b += m * nmoe * (4.0 + 2.0 * rcf) * nb1;
      net_j += m * nmoe * (4.0 + 2.0 * rcf) * nj1;
      r->ep_bytes_per_alltoall = S;
      ep_exp_f = epf, ep_exp_b = epb;
      if (p->ep_overlap)
        {
          gp_overlap (epf, cf, I, &ep_exp_f, &ep_slow_f);
          gp_overlap (epb, cb, I, &ep_exp_b, &ep_slow_b);
        }
    }

  /* Pipeline: each micro-batch crosses each device boundary v times each way with
   * b s h / (t cp) bytes (Megatron scatter/gather optimisation, SC21 sec. 4.1), one message
   * each, blocking. */
  double ppmb = 0;
  if (p->pp > 1 && gpp.outer >= 0)
    {
      double sz = act / t;
      ppmb = 2.0 * v * (gpp.a_o + sz / gpp.bw_o);
      net_b += m * 2.0 * v * sz;
      net_j += m * 2.0 * v * sz * 8e-12 * gpp.pj_o;
    }

  /* Data parallelism over the dp x cp ranks holding a stage (two-level over the CP group
   * then the DP group when both exist), on the largest stage's gradient (G) and weight (W)
   * bytes (Rajbhandari et al., SC20):
   *   ZeRO-0: all-reduce G once per step;  ZeRO-1: reduce-scatter G + all-gather W per step;
   *   ZeRO-2: reduce-scatter G every micro-batch + all-gather W per step;
   *   ZeRO-3: all-gather W in forward and again in backward and reduce-scatter G, every
   *   micro-batch.
   * With dp_overlap the gradient reduction runs in DP_BUCKET_BYTES buckets behind the
   * backward that remains after each bucket is ready (Li et al., VLDB 2020), so the last
   * bucket is always exposed: exposed = max(T / n, T - t_bwd (n - 1)/n) for n buckets; the
   * per-step gather of ZeRO-1/2 hides behind the next step's first forward the same way,
   * and ZeRO-3 prefetches one layer ahead (n = layers of the stage, the first exposed). */
  double grad_s = 0, par_s = 0, zmb_f = 0, zmb_b = 0, grad_mb = 0;
  bool hier = false;
  bool dpg = p->dp > 1 || p->cp > 1;
  if (dpg)
    {
      double G = ps_max * w->bytes_per_grad, W = ps_max * w->bytes_per_param;
      double Ge = pe_max * w->bytes_per_grad, We = pe_max * w->bytes_per_param;
      switch (p->zero_stage)
        {
        case 0:
          grad_s = dp_coll (&gc, &gd, p, GP_COLL_ALLREDUCE, G, 1.0, &net_b, &net_j, &hier);
          grad_s += dp_coll (&gc, &gde, &pde, GP_COLL_ALLREDUCE, Ge, 1.0, &net_b, &net_j, NULL);
          break;
        case 1:
          grad_s = dp_coll (&gc, &gd, p, GP_COLL_REDUCE_SCATTER, G, 1.0, &net_b, &net_j, &hier);
          grad_s += dp_coll (&gc, &gde, &pde, GP_COLL_REDUCE_SCATTER, Ge, 1.0, &net_b, &net_j,
                             NULL);
          par_s = dp_coll (&gc, &gd, p, GP_COLL_ALLGATHER, W, 1.0, &net_b, &net_j, NULL);
          par_s += dp_coll (&gc, &gde, &pde, GP_COLL_ALLGATHER, We, 1.0, &net_b, &net_j, NULL);
          break;
        case 2:
          grad_mb = dp_coll (&gc, &gd, p, GP_COLL_REDUCE_SCATTER, G, m, &net_b, &net_j, &hier);
          grad_mb += dp_coll (&gc, &gde, &pde, GP_COLL_REDUCE_SCATTER, Ge, m, &net_b, &net_j,
                              NULL);
          par_s = dp_coll (&gc, &gd, p, GP_COLL_ALLGATHER, W, 1.0, &net_b, &net_j, NULL);
          par_s += dp_coll (&gc, &gde, &pde, GP_COLL_ALLGATHER, We, 1.0, &net_b, &net_j, NULL);
          break;
        default:
          zmb_f = dp_coll (&gc, &gd, p, GP_COLL_ALLGATHER, W, m, &net_b, &net_j, NULL);
          zmb_f += dp_coll (&gc, &gde, &pde, GP_COLL_ALLGATHER, We, m, &net_b, &net_j, NULL);
          grad_mb = dp_coll (&gc, &gd, p, GP_COLL_REDUCE_SCATTER, G, m, &net_b, &net_j, &hier);
          grad_mb += dp_coll (&gc, &gde, &pde, GP_COLL_REDUCE_SCATTER, Ge, m, &net_b, &net_j,
                              NULL);
          zmb_b = dp_coll (&gc, &gd, p, GP_COLL_ALLGATHER, W, m, &net_b, &net_j, NULL);
          zmb_b += dp_coll (&gc, &gde, &pde, GP_COLL_ALLGATHER, We, m, &net_b, &net_j, NULL);
          break;
        }
    }
  double nbk_g = ceil ((ps_max + pe_max) * w->bytes_per_grad / DP_BUCKET_BYTES);
  double nbk_w = ceil ((ps_max + pe_max) * w->bytes_per_param / DP_BUCKET_BYTES);
  double ov = p->dp_overlap ? 1.0 : 0.0;
  /* per micro-batch: ZeRO-3 gathers and ZeRO-2/3 gradient reduce-scatter */
  double zf_exp = zmb_f, zb_exp = zmb_b, gmb_exp = grad_mb;
  if (ov > 0)
    {
      double core_f = cf + tp_slow_f + cp_slow_f + ep_slow_f;
      double core_b = cb + tp_slow_b + cp_slow_b + ep_slow_b;
      bucketed (zmb_f, core_f, ls, &zf_exp);
      bucketed (zmb_b, core_b, ls, &zb_exp);
      bucketed (grad_mb, core_b, nbk_g, &gmb_exp);
    }
  double z_slow_f = I * (zmb_f - zf_exp);
  double z_slow_b = I * (zmb_b - zb_exp) + I * (grad_mb - gmb_exp);

  /* Per micro-batch: compute slowed by what hides under it, the floors of local memory and
   * second-tier traffic, then what is exposed. */
  static const int tags[3] = { GP_BOUND_COMPUTE, GP_BOUND_MEMORY, GP_BOUND_TIER2 };
  double vf[3] = { cf + tp_slow_f + cp_slow_f + ep_slow_f + z_slow_f, mf, t2f };
  double vb[3] = { cb + tp_slow_b + cp_slow_b + ep_slow_b + z_slow_b, mbk, t2b };
  int bf, bbk;
  double fcore = argmax (vf, tags, 3, &bf), bcore = argmax (vb, tags, 3, &bbk);
  double tp_exp = tp_exp_f + tp_exp_b, cp_exp = cp_exp_f + cp_exp_b;
  double ep_exp = ep_exp_f + ep_exp_b;
  double dp_exp = zf_exp + zb_exp + gmb_exp;
  double tmb = fcore + bcore + tp_exp + cp_exp + dp_exp + ppmb + ep_exp;

  /* Per step: the gradient reduction behind the last micro-batch's backward, the parameter
   * gather behind the first forward (or all exposed without overlap). */
  double gs_exp = grad_s, ps_exp = par_s;
  if (ov > 0)
    {
      bucketed (grad_s, bcore, nbk_g, &gs_exp);
      bucketed (par_s, fcore, nbk_w, &ps_exp);
    }
  double step_slow = I * (grad_s - gs_exp + par_s - ps_exp);
  double dps_exp = gs_exp + ps_exp;

  /* Optimizer (Adam, memory-bound): per owned parameter read weights, grads, state and write
   * weights and state, (2 w + g + 2 o) bytes. Offloaded, the update runs against the second
   * tier (gradients down, weights up, state read and written there, as ZeRO-Offload). */
  double own = ps_max / (p->zero_stage >= 1 ? d * cpd : 1.0)
               + pe_max / (p->zero_stage >= 1 ? (d / epd) * cpd : 1.0);
  double wb = w->bytes_per_param, gb = w->bytes_per_grad, ob = w->optimizer_bytes_per_param;
  double topt;
  int optb;
  if (p->offload_optimizer)
    {
      double local = own * (wb + gb) / c->stream_bw_eff;
      double far = own * (wb + gb + 2.0 * ob) / c->t2_bw;
      topt = far > local ? far : local;
      optb = far > local ? GP_BOUND_TIER2 : GP_BOUND_MEMORY;
    }
  else
    {
      topt = own * (2.0 * wb + gb + 2.0 * ob) / c->stream_bw_eff;
      optb = GP_BOUND_MEMORY;
    }

  double bub = (pp - 1.0) / v;
  r->phase_s[GP_PHASE_FORWARD] = m * fcore;
  r->phase_bound[GP_PHASE_FORWARD] = bf;
  r->phase_s[GP_PHASE_BACKWARD] = m * bcore + step_slow;
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
  r->phase_s[GP_PHASE_CP_COMM] = m * cp_exp;
  r->phase_bound[GP_PHASE_CP_COMM] = GP_BOUND_NET_CP;
  r->phase_s[GP_PHASE_EP_COMM] = m * ep_exp;
  r->phase_bound[GP_PHASE_EP_COMM] = GP_BOUND_NET_EP;
  r->ep_level = p->ep > 1 ? ge.outer : -1;
  r->bubble_fraction = bub / m;
  r->compute_lower_bound_s = (m + bub) * (cf + cb);
  r->tp_level = p->tp > 1 ? gt.outer : -1;
  r->cp_level = p->cp > 1 ? gc.outer : -1;
  r->pp_level = p->pp > 1 ? gpp.outer : -1;
  r->dp_level = p->dp > 1 ? gd.outer : p->cp > 1 ? gc.outer : -1;
  r->dp_hierarchical = hier;
  r->net_bytes_per_step = net_b;

  comm_set (&r->comm[GP_COMM_TP], m * (tpf + tpb), m * tp_exp, m * (tp_slow_f + tp_slow_b),
            r->tp_level);
  comm_set (&r->comm[GP_COMM_CP], m * (cpf + cpb), m * cp_exp, m * (cp_slow_f + cp_slow_b),
            r->cp_level);
  comm_set (&r->comm[GP_COMM_PP], m * ppmb, m * ppmb, 0.0, r->pp_level);
  comm_set (&r->comm[GP_COMM_DP], m * grad_mb + grad_s, m * gmb_exp + gs_exp,
            I * (m * (grad_mb - gmb_exp) + grad_s - gs_exp), r->dp_level);
  comm_set (&r->comm[GP_COMM_ZERO], m * (zmb_f + zmb_b) + par_s,
            m * (zf_exp + zb_exp) + ps_exp,
            I * (m * (zmb_f - zf_exp + zmb_b - zb_exp) + par_s - ps_exp),
            p->zero_stage >= 1 && dpg ? r->dp_level : -1);
  comm_set (&r->comm[GP_COMM_EP], m * (epf + epb), m * ep_exp, m * (ep_slow_f + ep_slow_b),
            r->ep_level);
  finish (c, p, r, n_acc, net_j);
  return GP_OK;
}
