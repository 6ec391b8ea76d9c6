/* gp-search.c: exhaustive parallelism search with proved pruning (see gp-search.h). */
#include "gp-search.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gp-parallel.h"
#include "gp-steptime-private.h"

/* Most divisors of any n <= 1e9 is 1,344 (n = 735,134,400); the table caps inputs there. */
#define DIV_MAX 1400

static const gp_param search_params[] = {
  GP_P_INT (gp_search_params, n_accel, 1, 1e9, GP_PARAM_F_LOG, "", "Accelerators",
            "Accelerators (wafer-scale systems) the plan must use"),
  GP_P_INT (gp_search_params, top_k, 1, GP_SEARCH_TOPK_MAX, GP_PARAM_F_OPTIONAL, "",
            "Plans kept", "Length of the ranked list"),
  GP_P_INT (gp_search_params, recompute_mask, 1, 7, GP_PARAM_F_OPTIONAL, "",
            "Recomputation modes", "Bits: 1 none, 2 selective, 4 full"),
  GP_P_INT (gp_search_params, zero_mask, 1, 15, GP_PARAM_F_OPTIONAL, "", "ZeRO stages",
            "Bits: 1 ZeRO-0, 2 ZeRO-1, 4 ZeRO-2, 8 ZeRO-3"),
  GP_P_INT (gp_search_params, seq_parallel_mask, 1, 3, GP_PARAM_F_OPTIONAL, "",
            "Sequence parallelism", "Bits: 1 off, 2 on"),
  GP_P_INT (gp_search_params, tp_overlap_mask, 1, 3, GP_PARAM_F_OPTIONAL, "", "TP overlap",
            "Bits: 1 off, 2 on"),
  GP_P_INT (gp_search_params, dp_overlap_mask, 1, 3, GP_PARAM_F_OPTIONAL, "", "DP overlap",
            "Bits: 1 off, 2 on"),
  GP_P_BOOL (gp_search_params, allow_offload, GP_PARAM_F_OPTIONAL, "Offload",
             "Try offloading weights, activations, optimizer to the second tier"),
  GP_P_INT (gp_search_params, max_microbatch_seqs, 0, 1e9, GP_PARAM_F_OPTIONAL, "seqs",
            "Largest micro-batch", "0 = no limit"),
  GP_P_INT (gp_search_params, max_interleave, 0, 1e5, GP_PARAM_F_OPTIONAL, "",
            "Largest interleave", "0 = no limit"),
  GP_P_INT (gp_search_params, max_cp, 0, 1e6, GP_PARAM_F_OPTIONAL, "",
            "Largest context parallelism", "0 = no limit"),
  GP_P_INT (gp_search_params, max_ep, 0, 1e6, GP_PARAM_F_OPTIONAL, "",
            "Largest expert parallelism", "0 = no limit (mixture-of-experts workloads)"),
  GP_P_INT (gp_search_params, ep_overlap_mask, 0, 3, GP_PARAM_F_OPTIONAL, "", "EP overlap",
            "Bits: 1 off, 2 on; 0 = both"),
};

const gp_param_table gp_search_param_table = {
  "search", search_params, GP_N_ELEMENTS (search_params),
};

void
gp_search_params_init (gp_search_params *p)
{
  memset (p, 0, sizeof *p);
  p->n_accel = 1024;
  p->top_k = 10;
  p->recompute_mask = 7;
  p->zero_mask = 15;
  p->seq_parallel_mask = 3;
  p->tp_overlap_mask = 3;
  p->dp_overlap_mask = 3;
  p->allow_offload = true;
  p->max_microbatch_seqs = 0;
  p->max_interleave = 0;
  p->max_cp = 32;
  p->max_ep = 0;
  p->ep_overlap_mask = 3;
}

void
gp_search_params_restrict_default (gp_search_params *p)
{
  p->recompute_mask = 7;
  p->zero_mask = 3;
  p->seq_parallel_mask = 2;
  p->tp_overlap_mask = 3;
  p->dp_overlap_mask = 2;
  p->allow_offload = false;
  p->max_microbatch_seqs = 8;
  p->max_interleave = 4;
  p->max_cp = 2;
}

/* Divisors of N in ascending order; returns how many (at most MAX). */
static int
divisors (long n, long *out, int max)
{
  long hi[DIV_MAX];
  int nlo = 0, nhi = 0;
  for (long i = 1; i <= n / i; i++)
    if (n % i == 0)
      {
        if (nlo < max)
          out[nlo++] = i;
        if (i != n / i && nhi < DIV_MAX)
          hi[nhi++] = n / i;
      }
  for (int j = nhi - 1; j >= 0 && nlo < max; j--)
    out[nlo++] = hi[j];
  return nlo;
}

static int
mask_list (long mask, int n, int *out)
{
  int k = 0;
  for (int i = 0; i < n; i++)
    if (mask & (1L << i))
      out[k++] = i;
  return k;
}

typedef struct {
  const gp_steptime_ctx *ctx;
  const gp_search_params *p;
  gp_search_entry *e;
  gp_search_result *out;
  gp_search_progress_fn progress;
  void *user;
  double next_report, report_step;
  bool wafer, tier2;
  int rc[3], n_rc;
  int zero[4], n_zero;     /* for dp > 1 */
  int sp[2], n_sp;         /* for tp > 1 */
  int tpo[2], n_tpo;       /* for tp > 1 with sequence parallelism */
  int dpo[2], n_dpo;       /* for dp > 1 */
  int n_off;               /* 8 or 1 */
  int epo[2], n_epo;       /* for ep > 1 */
  double seed_kth;         /* K-th best time of a sub-space searched first, or infinity */
  double wave_kth;         /* block search: K-th best of the waves before, or infinity */
} search_state;

/* The options that apply to a block (tp, dp). */
typedef struct {
  int zero[4], n_zero, sp[2], n_sp, dpo[2], n_dpo, n_off;
  int epo[2], n_epo;
  long per_rc;             /* ZeRO x offload x (sp, tpo) x dpo x epo combinations */
} block_opts;

static int
n_tpo_for (const search_state *S, long tp, int sp)
{
  return (tp > 1 && sp) ? S->n_tpo : 1;
}

static void
block_options (const search_state *S, long tp, long dp, long ep, block_opts *o)
{
  if (ep > 1)
    {
      o->n_epo = S->n_epo;
      memcpy (o->epo, S->epo, sizeof o->epo);
    }
  else
    o->n_epo = 1, o->epo[0] = 0;
  /* DP is passed as dp x cp: the ranks that hold the same weights and reduce gradients. */
  if (dp > 1 && !S->wafer)
    {
      o->n_zero = S->n_zero;
      memcpy (o->zero, S->zero, sizeof o->zero);
      o->n_dpo = S->n_dpo;
      memcpy (o->dpo, S->dpo, sizeof o->dpo);
    }
  else
    {
      o->n_zero = 1, o->zero[0] = 0;
      o->n_dpo = 1, o->dpo[0] = 0;
    }
  if (tp > 1)
    {
      o->n_sp = S->n_sp;
      memcpy (o->sp, S->sp, sizeof o->sp);
    }
  else
    o->n_sp = 1, o->sp[0] = 0;
  o->n_off = S->n_off;
  long sptpo = 0;
  for (int i = 0; i < o->n_sp; i++)
    sptpo += n_tpo_for (S, tp, o->sp[i]);
  o->per_rc = (long) o->n_zero * o->n_off * sptpo * o->n_dpo * o->n_epo;
}

/* Number of candidates in block (tp, pp), i.e. over v, b and every option. */
static long
block_count (const search_state *S, long tp, long pp, long dp, const block_opts *o)
{
  const gp_workload *w = S->ctx->work;
  long vs[DIV_MAX], bs[DIV_MAX];
  long br = w->batch_seqs / dp, lps = (w->layers + pp - 1) / pp;
  int nv = pp > 1 ? divisors (lps, vs, DIV_MAX) : (vs[0] = 1, 1);
  int nb = divisors (br, bs, DIV_MAX);
  long total = 0;
  for (int iv = 0; iv < nv; iv++)
    {
      long v = vs[iv];
      if (S->p->max_interleave > 0 && v > S->p->max_interleave)
        break;
      for (int ib = 0; ib < nb; ib++)
        {
          long b = bs[ib];
          if (S->p->max_microbatch_seqs > 0 && b > S->p->max_microbatch_seqs)
            break;
          if (v > 1 && (br / b) % pp != 0)
            continue;
          total += S->n_rc * o->per_rc;
        }
    }
  return total;
}

static void
insert (search_state *S, const gp_plan *plan, const gp_steptime_result *r)
{
  long k = S->p->top_k, n = S->out->n_found;
  gp_search_entry *e = S->e;
  if (n == k && !(r->step_time_s < e[k - 1].result.step_time_s))
    return;
  long pos = n < k ? n : k - 1;
  while (pos > 0 && e[pos - 1].result.step_time_s > r->step_time_s)
    {
      e[pos] = e[pos - 1];
      pos--;
    }
  e[pos].plan = *plan;
  e[pos].result = *r;
  if (n < k)
    S->out->n_found = n + 1;
}

static bool
report (search_state *S, bool force)
{
  if (S->progress == NULL)
    return true;
  if (!force && (double) S->out->covered < S->next_report)
    return true;
  S->next_report = (double) S->out->covered + S->report_step;
  double f = S->out->candidates_total > 0
               ? (double) S->out->covered / (double) S->out->candidates_total
               : 1.0;
  if (!S->progress (f > 1.0 ? 1.0 : f, S->out->n_found > 0 ? &S->e[0] : NULL, S->user))
    {
      S->out->cancelled = true;
      return false;
    }
  return true;
}

static void
note_shortfall (search_state *S, const gp_steptime_result *r)
{
  double sh = r->mem_shortfall_bytes > 0 ? r->mem_shortfall_bytes : r->tier2_shortfall_bytes;
  if (sh > 0 && sh < S->out->min_shortfall_bytes)
    S->out->min_shortfall_bytes = sh;
}

/* Smallest-footprint plan of a block (see gp_search_run): true if some allowed ZeRO stage
 * and offload choice fits in local memory. */
static bool
block_may_fit (search_state *S, gp_plan *plan, const block_opts *o)
{
  gp_steptime_result r;
  plan->microbatch_seqs = 1;
  plan->interleave = 1;
  plan->recompute = S->rc[S->n_rc - 1];
  plan->seq_parallel = o->sp[o->n_sp - 1];
  plan->tp_overlap = false;
  plan->dp_overlap = false;
  plan->ep_overlap = false;
  for (int iz = 0; iz < o->n_zero; iz++)
    for (int off = 0; off < o->n_off; off++)
      {
        plan->zero_stage = o->zero[iz];
        plan->offload_weights = off & 1;
        plan->offload_activations = (off >> 1) & 1;
        plan->offload_optimizer = (off >> 2) & 1;
        gp_steptime_eval_unchecked (S->ctx, plan, &r);
        if (r.mem_shortfall_bytes == 0)
          return true;
        note_shortfall (S, &r);
      }
  return false;
}

#define SEED_FROM 200000

static gp_status search_run (const gp_steptime_ctx *ctx, const gp_search_params *p,
                             gp_search_entry *entries, gp_search_result *out,
                             gp_search_progress_fn progress, void *user, bool seed,
                             gp_error *err);

/* K-th best step time over the intersection of P's space with the GUI default space
 * (gp_search_params_restrict_default), or infinity if it holds fewer than K plans. */
static double
seed_threshold (const gp_steptime_ctx *ctx, const gp_search_params *p)
{
  gp_search_params q = *p;
  gp_search_params_restrict_default (&q);
  q.recompute_mask &= p->recompute_mask;
  q.zero_mask &= p->zero_mask;
  q.seq_parallel_mask &= p->seq_parallel_mask;
  q.tp_overlap_mask &= p->tp_overlap_mask;
  q.dp_overlap_mask &= p->dp_overlap_mask;
  q.allow_offload = q.allow_offload && p->allow_offload;
  q.ep_overlap_mask = (q.ep_overlap_mask ? q.ep_overlap_mask : 3)
                      & (p->ep_overlap_mask ? p->ep_overlap_mask : 3);
#define TIGHTER(f) if (p->f > 0 && (q.f == 0 || p->f < q.f)) q.f = p->f
  TIGHTER (max_microbatch_seqs);
  TIGHTER (max_interleave);
  TIGHTER (max_cp);
  TIGHTER (max_ep);
#undef TIGHTER
  if (!q.recompute_mask || !q.zero_mask || !q.seq_parallel_mask || !q.tp_overlap_mask
      || !q.dp_overlap_mask || !q.ep_overlap_mask)
    return INFINITY;
  gp_search_entry *e = malloc ((size_t) q.top_k * sizeof *e);
  if (e == NULL)
    return INFINITY;
  gp_search_result r;
  double kth = INFINITY;
  if (search_run (ctx, &q, e, &r, NULL, NULL, false, NULL) == GP_OK && r.n_found == q.top_k)
    kth = e[q.top_k - 1].result.step_time_s;
  free (e);
  return kth;
}

/* Context parallelism CP is in the space: it divides the sequence, stays within max_cp, and
 * is 1 in wafer-scale mode. */
static bool
cp_ok (const search_state *S, long cp)
{
  if (cp == 1)
    return true;
  if (S->wafer || S->ctx->work->seq_len_tokens % cp != 0)
    return false;
  return S->p->max_cp == 0 || cp <= S->p->max_cp;
}

/* Expert parallelism EP is in the space: 1, or for a mixture of experts (not wafer-scale)
 * a divisor of dp (the caller lists divisors of dp) dividing the experts, within max_ep. */
static bool
ep_ok (const search_state *S, long ep)
{
  if (ep == 1)
    return true;
  const gp_workload *w = S->ctx->work;
  if (S->wafer || w->experts == 0 || w->experts % ep != 0)
    return false;
  return S->p->max_ep == 0 || ep <= S->p->max_ep;
}

/* Search one block (tp, cp, pp, ep). Returns false when cancelled. */
static bool
search_block (search_state *S, long tp, long cp, long pp, long dp, long ep,
              const block_opts *o)
{
  const gp_workload *w = S->ctx->work;
  gp_search_result *out = S->out;
  long vs[DIV_MAX], bs[DIV_MAX];
  long br = w->batch_seqs / dp, lps = (w->layers + pp - 1) / pp;
  int nv = pp > 1 ? divisors (lps, vs, DIV_MAX) : (vs[0] = 1, 1);
  int nb = divisors (br, bs, DIV_MAX);
  gp_plan plan;
  gp_plan_params_init (&plan);
  plan.tp = tp, plan.pp = pp, plan.dp = dp, plan.cp = cp, plan.ep = ep;
  gp_steptime_result r;
  memset (&r, 0, sizeof r); /* the kept entries' bytes (padding too) the same every run */
  /* Smallest micro-batch size found not to fit, per (recompute, ZeRO, offload, sp). */
  long inf_from[3 * 4 * 8 * 2];

  for (int iv = 0; iv < nv; iv++)
    {
      long v = vs[iv];
      if (S->p->max_interleave > 0 && v > S->p->max_interleave)
        break;
      plan.interleave = v;
      for (size_t i = 0; i < GP_N_ELEMENTS (inf_from); i++)
        inf_from[i] = LONG_MAX;
      for (int ib = 0; ib < nb; ib++)
        {
          long b = bs[ib];
          if (S->p->max_microbatch_seqs > 0 && b > S->p->max_microbatch_seqs)
            break;
          if (v > 1 && (br / b) % pp != 0)
            continue;
          plan.microbatch_seqs = b;
          for (int irc = 0; irc < S->n_rc; irc++)
            {
              int rc = S->rc[irc];
              plan.recompute = rc;
              /* The bound holds for every variant below: sequence parallelism, where
               * allowed, only shortens the compute (sharded element-wise kernels), so the
               * bound is taken with it. */
              plan.seq_parallel = o->sp[o->n_sp - 1];
              plan.tp_overlap = false;
              plan.ep_overlap = false;
              double lb = (out->n_found == S->p->top_k || S->seed_kth < INFINITY
                           || S->wave_kth < INFINITY)
                            ? gp_steptime_compute_bound (S->ctx, &plan) : 0.0;
              /* lb >= wave_kth: the K plans of the earlier waves are no slower and come
               * first in enumeration order, so no plan of this group can displace them. */
              if ((out->n_found == S->p->top_k
                   && lb >= S->e[S->p->top_k - 1].result.step_time_s)
                  || lb > S->seed_kth || lb >= S->wave_kth)
                {
                  out->pruned_bound += o->per_rc;
                  out->covered += o->per_rc;
                  continue;
                }
              for (int iz = 0; iz < o->n_zero; iz++)
                for (int off = 0; off < o->n_off; off++)
                  for (int isp = 0; isp < o->n_sp; isp++)
                    {
                      int sp = o->sp[isp];
                      int ntpo = n_tpo_for (S, tp, sp);
                      long n_ov = (long) ntpo * o->n_dpo * o->n_epo;
                      int key = ((rc * 4 + o->zero[iz]) * 8 + off) * 2 + sp;
                      if (b >= inf_from[key])
                        {
                          out->pruned_memory += n_ov;
                          out->covered += n_ov;
                          continue;
                        }
                      plan.zero_stage = o->zero[iz];
                      plan.offload_weights = off & 1;
                      plan.offload_activations = (off >> 1) & 1;
                      plan.offload_optimizer = (off >> 2) & 1;
                      plan.seq_parallel = sp;
                      for (int it = 0; it < ntpo; it++)
                        {
                          plan.tp_overlap = (tp > 1 && sp) ? S->tpo[it] : 0;
                          bool refused = false;
                          for (int id = 0; id < o->n_dpo && !refused; id++)
                            for (int ie = 0; ie < o->n_epo; ie++)
                              {
                                plan.dp_overlap = o->dpo[id];
                                plan.ep_overlap = o->epo[ie];
                                if (gp_steptime_eval_unchecked (S->ctx, &plan, &r) != GP_OK)
                                  {
                                    /* Memory does not depend on the overlap flags: every
                                     * overlap variant is refused with this one. */
                                    out->infeasible += n_ov;
                                    out->covered += n_ov;
                                    note_shortfall (S, &r);
                                    if (r.mem_shortfall_bytes > 0)
                                      inf_from[key] = b;
                                    refused = true;
                                    break;
                                  }
                                out->evaluated++;
                                out->covered++;
                                insert (S, &plan, &r);
                              }
                          if (refused)
                            break;
                        }
                    }
            }
          if (!report (S, false))
            return false;
        }
    }
  return true;
}

/* ---- the block search (threads >= 1) ---------------------------------------------- */

typedef struct {
  long tp, cp, pp, dp, ep;
} search_blk;

#define WAVE 16

typedef struct {
  const search_state *base;
  const search_blk *blk;      /* the wave's blocks */
  gp_search_entry *ents;      /* WAVE x top_k */
  gp_search_result *res;      /* WAVE */
} wave_ctx;

/* Blocks [BEGIN, END) of a wave, each on its own list and counters, so what a block finds
 * does not depend on which worker ran it or what ran beside it. */
static void
wave_blocks (void *user, int worker, long begin, long end)
{
  (void) worker;
  wave_ctx *w = user;
  for (long t = begin; t < end; t++)
    {
      const search_blk *b = &w->blk[t];
      search_state S = *w->base;
      S.e = w->ents + t * w->base->p->top_k;
      S.out = &w->res[t];
      memset (S.out, 0, sizeof *S.out);
      S.out->min_shortfall_bytes = INFINITY;
      S.progress = NULL;
      block_opts o;
      block_options (&S, b->tp, b->dp * b->cp, b->ep, &o);
      gp_plan plan;
      gp_plan_params_init (&plan);
      plan.tp = b->tp, plan.pp = b->pp, plan.dp = b->dp, plan.cp = b->cp, plan.ep = b->ep;
      if (!block_may_fit (&S, &plan, &o))
        {
          long n = block_count (&S, b->tp, b->pp, b->dp, &o);
          S.out->pruned_memory += n;
          S.out->covered += n;
          continue;
        }
      search_block (&S, b->tp, b->cp, b->pp, b->dp, b->ep, &o);
    }
}

/* The blocks in enumeration order, in waves of WAVE: a wave's blocks run on the workers,
 * bounded by the K-th best of the waves before (G's list), then go into G in block order,
 * each block's list best first, through insert (equal times keep the earlier block), which
 * is the sequential search's order. Counters are summed per block: the same for any
 * thread count. */
static gp_status
block_search (search_state *G, const long *tps, int ntp, gp_error *err)
{
  const gp_search_params *p = G->p;
  const gp_workload *w = G->ctx->work;
  long cps[DIV_MAX], pps[DIV_MAX], eps[DIV_MAX];
  size_t nb = 0, cap = 64;
  search_blk *blk = malloc (cap * sizeof *blk);
  for (int i = 0; blk && i < ntp; i++)
    {
      long tp = tps[i];
      if (w->heads % tp != 0 || (G->wafer && tp != 1))
        continue;
      int ncp = divisors (p->n_accel / tp, cps, DIV_MAX);
      for (int k = 0; blk && k < ncp; k++)
        {
          long cp = cps[k];
          if (!cp_ok (G, cp))
            continue;
          int npp = divisors (p->n_accel / tp / cp, pps, DIV_MAX);
          for (int j = 0; blk && j < npp; j++)
            {
              long pp = pps[j], dp = p->n_accel / tp / cp / pp;
              if (pp > w->layers || w->batch_seqs % dp != 0)
                continue;
              int nep = w->experts > 0 ? divisors (dp, eps, DIV_MAX) : (eps[0] = 1, 1);
              for (int ie = 0; blk && ie < nep; ie++)
                {
                  if (!ep_ok (G, eps[ie]))
                    continue;
                  if (nb == cap)
                    {
                      search_blk *nblk = realloc (blk, 2 * cap * sizeof *blk);
                      if (nblk == NULL)
                        {
                          free (blk);
                          blk = NULL;
                          break;
                        }
                      blk = nblk;
                      cap *= 2;
                    }
                  blk[nb++] = (search_blk) { tp, cp, pp, dp, eps[ie] };
                }
            }
        }
    }
  gp_search_entry *ents = blk ? malloc ((size_t) WAVE * (size_t) p->top_k * sizeof *ents) : NULL;
  gp_search_result *res = malloc (WAVE * sizeof *res);
  if (blk == NULL || ents == NULL || res == NULL)
    {
      free (blk);
      free (ents);
      free (res);
      return gp_error_set (err, GP_ENOMEM, "search", "out of memory for the block search");
    }
  gp_search_result *out = G->out;
  /* One set of workers for the whole search, so their fabric placements stay cached; a
   * small space runs on the caller (starting threads would cost more than its plans).
   * Either way the same blocks are searched the same way. */
  gp_pool *workers = p->threads > 1 && out->candidates_total >= 50000
                       ? gp_pool_new ((int) p->threads) : NULL;
  for (size_t b0 = 0; b0 < nb; b0 += WAVE)
    {
      size_t n = nb - b0 < WAVE ? nb - b0 : WAVE;
      G->wave_kth = out->n_found == p->top_k ? G->e[p->top_k - 1].result.step_time_s
                                             : INFINITY;
      wave_ctx wc = { G, blk + b0, ents, res };
      if (workers != NULL)
        gp_pool_run (workers, (long) n, wave_blocks, &wc);
      else
        wave_blocks (&wc, 0, 0, (long) n);
      for (size_t t = 0; t < n; t++)
        {
          const gp_search_result *r = &res[t];
          for (long i = 0; i < r->n_found; i++)
            insert (G, &ents[t * (size_t) p->top_k + (size_t) i].plan,
                    &ents[t * (size_t) p->top_k + (size_t) i].result);
          out->covered += r->covered;
          out->evaluated += r->evaluated;
          out->infeasible += r->infeasible;
          out->pruned_memory += r->pruned_memory;
          out->pruned_bound += r->pruned_bound;
          if (r->min_shortfall_bytes < out->min_shortfall_bytes)
            out->min_shortfall_bytes = r->min_shortfall_bytes;
        }
      if (!report (G, false))
        break;
    }
  gp_pool_free (workers);
  free (blk);
  free (ents);
  free (res);
  return GP_OK;
}

gp_status
gp_search_run (const gp_steptime_ctx *ctx, const gp_search_params *p,
               gp_search_entry *entries, gp_search_result *out,
               gp_search_progress_fn progress, void *user, gp_error *err)
{
  return search_run (ctx, p, entries, out, progress, user, true, err);
}

static gp_status
search_run (const gp_steptime_ctx *ctx, const gp_search_params *p, gp_search_entry *entries,
            gp_search_result *out, gp_search_progress_fn progress, void *user, bool seed,
            gp_error *err)
{
  if (ctx == NULL || ctx->work == NULL)
    return gp_error_set (err, GP_EINVAL, "ctx", "ctx is not prepared");
  if (p == NULL || entries == NULL || out == NULL)
    return gp_error_set (err, GP_EINVAL, "search", "search needs params, entries and result");
  GP_TRY (gp_params_validate (&gp_search_param_table, p, err));
  long outer = ctx->net->level[ctx->net->n_levels - 1].group_size;
  if (p->n_accel > outer)
    return gp_error_set (err, GP_EINVAL, "n_accel",
                         "n_accel = %ld exceeds the outermost level's group_size = %ld",
                         p->n_accel, outer);
  /* The workload's table caps batch_seqs at 1e9 and layers at 1e5, so every divisor list
   * fits in DIV_MAX. */
  const gp_workload *w = ctx->work;

  memset (out, 0, sizeof *out);
  out->min_shortfall_bytes = INFINITY;
  search_state S;
  memset (&S, 0, sizeof S);
  S.ctx = ctx;
  S.p = p;
  S.e = entries;
  S.out = out;
  S.progress = progress;
  S.user = user;
  S.wafer = ctx->accel->wafer_scale;
  S.tier2 = ctx->t2_cap > 0;
  S.n_rc = mask_list (p->recompute_mask, 3, S.rc);
  S.n_zero = mask_list (p->zero_mask, 4, S.zero);
  S.n_sp = mask_list (p->seq_parallel_mask, 2, S.sp);
  S.n_tpo = mask_list (p->tp_overlap_mask, 2, S.tpo);
  S.n_dpo = mask_list (p->dp_overlap_mask, 2, S.dpo);
  S.n_off = (p->allow_offload && S.tier2 && !S.wafer) ? 8 : 1;
  S.n_epo = mask_list (p->ep_overlap_mask ? p->ep_overlap_mask : 3, 2, S.epo);
  S.seed_kth = INFINITY;
  S.wave_kth = INFINITY;
  if (p->threads < 0 || p->threads > GP_THREADS_MAX)
    return gp_error_set (err, GP_EINVAL, "threads", "threads = %ld is out of range: allowed "
                         "0 (sequential) or 1..%d worker threads", p->threads,
                         GP_THREADS_MAX);

  long tps[DIV_MAX], pps[DIV_MAX], cps[DIV_MAX], eps[DIV_MAX];
  int ntp = divisors (p->n_accel, tps, DIV_MAX);

  /* First pass: the size of the space, so progress is a true fraction. */
  for (int i = 0; i < ntp; i++)
    {
      long tp = tps[i];
      if (w->heads % tp != 0 || (S.wafer && tp != 1))
        continue;
      int ncp = divisors (p->n_accel / tp, cps, DIV_MAX);
      for (int k = 0; k < ncp; k++)
        {
          long cp = cps[k];
          if (!cp_ok (&S, cp))
            continue;
          int npp = divisors (p->n_accel / tp / cp, pps, DIV_MAX);
          for (int j = 0; j < npp; j++)
            {
              long pp = pps[j], dp = p->n_accel / tp / cp / pp;
              if (pp > w->layers || w->batch_seqs % dp != 0)
                continue;
              int nep = w->experts > 0 ? divisors (dp, eps, DIV_MAX) : (eps[0] = 1, 1);
              for (int ie = 0; ie < nep; ie++)
                {
                  if (!ep_ok (&S, eps[ie]))
                    continue;
                  block_opts o;
                  block_options (&S, tp, dp * cp, eps[ie], &o);
                  out->candidates_total += block_count (&S, tp, pp, dp, &o);
                }
            }
        }
    }
  if (out->candidates_total == 0)
    return gp_error_set (err, GP_EINFEASIBLE, "n_accel",
                         "no valid plan: no tp | heads (%ld), pp <= layers (%ld) and dp | "
                         "batch_seqs (%ld) multiply to n_accel = %ld%s", w->heads, w->layers,
                         w->batch_seqs, p->n_accel,
                         S.wafer ? " (wafer-scale: dp = n_accel must divide the batch)" : "");
  S.report_step = (double) out->candidates_total / 200.0;
  S.next_report = S.report_step;

  /* A large space is seeded by first searching its GUI-default part: that sub-space holds
   * K plans no slower than its K-th best, so the full space's K-th best is no slower
   * either, and a group whose compute bound exceeds it can be skipped from the start. */
  if (seed && out->candidates_total > SEED_FROM && !S.wafer)
    S.seed_kth = seed_threshold (ctx, p);
  if (p->threads >= 1)
    {
      gp_status rc = block_search (&S, tps, ntp, err);
      if (rc != GP_OK)
        return rc;
      if (out->cancelled)
        goto cancelled;
      goto finish;
    }

  for (int i = 0; i < ntp; i++)
    {
      long tp = tps[i];
      if (w->heads % tp != 0 || (S.wafer && tp != 1))
        continue;
      int ncp = divisors (p->n_accel / tp, cps, DIV_MAX);
      for (int k = 0; k < ncp; k++)
        {
          long cp = cps[k];
          if (!cp_ok (&S, cp))
            continue;
          int npp = divisors (p->n_accel / tp / cp, pps, DIV_MAX);
          for (int j = 0; j < npp; j++)
            {
              long pp = pps[j], dp = p->n_accel / tp / cp / pp;
              if (pp > w->layers || w->batch_seqs % dp != 0)
                continue;
              int nep = w->experts > 0 ? divisors (dp, eps, DIV_MAX) : (eps[0] = 1, 1);
              for (int ie = 0; ie < nep; ie++)
                {
                  long ep = eps[ie];
                  if (!ep_ok (&S, ep))
                    continue;
                  block_opts o;
                  block_options (&S, tp, dp * cp, ep, &o);
                  gp_plan plan;
                  gp_plan_params_init (&plan);
                  plan.tp = tp, plan.pp = pp, plan.dp = dp, plan.cp = cp, plan.ep = ep;
                  if (!block_may_fit (&S, &plan, &o))
                    {
                      long n = block_count (&S, tp, pp, dp, &o);
                      out->pruned_memory += n;
                      out->covered += n;
                      if (!report (&S, false))
                        goto cancelled;
                      continue;
                    }
                  if (!search_block (&S, tp, cp, pp, dp, ep, &o))
                    goto cancelled;
                }
            }
        }
    }
finish:
  report (&S, true);
  if (out->cancelled)
    goto cancelled;
  if (out->n_found == 0)
    return gp_error_set (err, GP_EINFEASIBLE, "mem_capacity_gb",
                         "no plan fits in memory: %ld candidates, the closest is short by "
                         "%.3g GB", out->candidates_total, out->min_shortfall_bytes / 1e9);
  return GP_OK;

cancelled:
  return gp_error_set (err, GP_ECANCELLED, "search",
                       "search cancelled after %ld of %ld candidates; %ld best plans kept",
                       out->covered, out->candidates_total, out->n_found);
}
