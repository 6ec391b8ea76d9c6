/* gp-search.h: exhaustive search over parallelism plans for one workload on one machine.
 *
 * Every valid plan of the space Calculon (Isaev et al., SC23) searches is covered, and
 * context parallelism and uneven pipeline stages besides: tensor, context, pipeline and data
 * degrees whose product is the accelerator count (tp | heads, cp | sequence, pp <= layers,
 * dp | batch), every micro-batch size dividing the per-replica batch, every pipeline
 * interleave dividing ceil(layers / pp), three recomputation modes, TP as all-reduce or
 * as reduce-scatter/all-gather with sequence parallelism, TP and DP overlap, ZeRO 0-3, and
 * offload of weights, activations and optimizer state to a second memory tier. Plans are
 * skipped only when proved infeasible or slower than the K-th best (see gp_search_run). */
#pragma once

#include <stdbool.h>

#include "gp-param.h"
#include "gp-steptime.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_SEARCH_TOPK_MAX 1000

/* The space to search. Masks: bit i set allows value i. Options that cannot matter are
 * fixed whatever the mask says, so no plan is counted twice: with tp = 1 sequence
 * parallelism and TP overlap are off, with dp = 1 ZeRO is 0 and DP overlap off, TP overlap
 * needs sequence parallelism, offload needs a second memory tier, and wafer-scale mode has
 * only dp, micro-batch size and recomputation. */
typedef struct {
  long n_accel;            /* accelerators (wafer-scale systems) the plan must use exactly */
  long top_k;              /* plans kept in the ranked list, 1..GP_SEARCH_TOPK_MAX */
  long recompute_mask;     /* bits of gp_recompute: 7 = none, selective, full */
  long zero_mask;          /* bits of ZeRO stages 0-3: 15 = all */
  long seq_parallel_mask;  /* bit 0 off, bit 1 on */
  long tp_overlap_mask;    /* bit 0 off, bit 1 on */
  long dp_overlap_mask;    /* bit 0 off, bit 1 on */
  bool allow_offload;      /* try the 8 offload combinations when a second tier exists */
  long max_microbatch_seqs;/* 0 = no limit */
  long max_interleave;     /* 0 = no limit */
  long max_cp;             /* largest context-parallel degree; 0 = no limit */
  long max_ep;             /* largest expert-parallel degree (MoE workloads: ep | dp and
                              ep | experts); 0 = no limit */
  long ep_overlap_mask;    /* bit 0 off, bit 1 on (EP all-to-all overlap, ep > 1); 0 = 3 */
  /* Not in the parameter table (a machine's choice, not the study's; design files never
   * hold it). 0: the sequential search. 1..GP_THREADS_MAX: the block search on that many
   * worker threads: the (tp, cp, pp, ep) blocks in waves of 16, each block searched on
   * its own with the K-th best of the waves before it as a proved bound, then merged in
   * block order. Its ranked list is the sequential search's (ties in enumeration order);
   * its counters (evaluated, pruned) differ from the sequential ones but are the same for
   * every thread count. The progress callback runs on the calling thread between waves.
 * Spaces under 50,000 candidates run the block search on the calling thread alone. */
  long threads;
} gp_search_params;

extern const gp_param_table gp_search_param_table;

/* The full space (every mask set, offload allowed, no limits but context parallelism up to
 * 32, twice the largest published layout, Llama 3's CP 16), 1,024 accelerators, top 10. */
void gp_search_params_init (gp_search_params *p);

/* The space the GUI shows by default: Megatron-LM's usual settings. Sequence parallelism
 * on, DP overlap on, ZeRO 0 or 1 (distributed optimizer), both TP overlap settings, all
 * three recomputation modes, micro-batches up to 8 sequences, interleave up to 4, context
 * parallelism up to 2, no offload. N_ACCEL and TOP_K are kept. */
void gp_search_params_restrict_default (gp_search_params *p);

typedef struct {
  gp_plan plan;
  gp_steptime_result result;
} gp_search_entry;

typedef struct {
  long n_found;            /* entries filled, best first (<= top_k) */
  long candidates_total;   /* size of the space */
  long covered;            /* candidates decided: evaluated + infeasible + pruned */
  long evaluated;          /* timed (feasible) */
  long infeasible;         /* memory checked and refused */
  long pruned_memory;      /* skipped: proved not to fit (memory is monotone) */
  long pruned_bound;       /* skipped: compute-only lower bound >= K-th best time */
  bool cancelled;
  double min_shortfall_bytes; /* smallest local-memory shortfall seen among refused plans */
} gp_search_result;

/* Called now and then (at most ~200 times per search and at the end) with the fraction of
 * the space covered and the best plan so far (NULL if none yet). Return false to cancel. */
typedef bool (*gp_search_progress_fn) (double fraction, const gp_search_entry *best,
                                       void *user);

/* Search. ENTRIES must hold P->top_k elements; it receives the best plans ranked by step
 * time (ties keep enumeration order). Pruning, both proved:
 *   - memory: local-memory use grows with the micro-batch size b when everything else is
 *     fixed (activations scale with b x min(m, p) = min(B/dp, b p)), so once a b does not
 *     fit, larger b are skipped; a (tp, pp) block whose smallest-footprint plan (b = 1,
 *     v = 1, the most saving recomputation and sequence parallelism allowed, each allowed
 *     ZeRO stage and offload) does not fit is skipped whole;
 *   - time: every plan takes at least (m + (p-1)/v)(t_fwd + t_bwd + its pipeline sends), so
 *     once K plans are known, a (tp, cp, pp, v, b, recompute) group whose bound is not below
 *     the K-th best is skipped with all its ZeRO/offload/overlap/SP variants (the bound is
 *     taken with sequence parallelism where allowed, which only shortens the compute).
 * Returns GP_OK; GP_EINFEASIBLE when no plan fits (OUT->min_shortfall_bytes says by how
 * much) or the space is empty (e.g. no dp divides the batch); GP_ECANCELLED when PROGRESS
 * returned false (ENTRIES and OUT hold the best found so far); GP_EINVAL for bad inputs. */
gp_status gp_search_run (const gp_steptime_ctx *ctx, const gp_search_params *p,
                         gp_search_entry *entries, gp_search_result *out,
                         gp_search_progress_fn progress, void *user, gp_error *err);

#ifdef __cplusplus
}
#endif
