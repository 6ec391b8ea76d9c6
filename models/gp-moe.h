/* gp-moe.h: mixture-of-experts and multi-head-latent-attention arithmetic shared by the
 * training step model and the inference model: how many experts a batch touches, how many
 * copies of a token the dispatch sends, and the forward GEMM time of an MLA attention block
 * and of a MoE FFN on one rank at their shapes, given the caller's GEMM timing. Equations
 * and sources above each function. Depends on gp-workload only. */
#pragma once

#include "gp-workload.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Check an expert-parallel degree EP against the workload and the data-parallel degree DP
 * it lives inside: ep = 1 always passes; otherwise the workload must be a mixture of experts,
 * ep must divide its experts and dp, and a wafer-scale system (WAFER) takes none. WHY_DP and
 * WHY_WAFER finish the messages for the caller's setting. Errors name `ep`. */
gp_status gp_moe_check_ep (const gp_workload *w, long ep, long dp, bool wafer,
                           const char *why_dp, const char *why_wafer, gp_error *err);

/* Expected number of distinct experts that N tokens touch when each picks K of E experts
 * uniformly at random (each expert is missed by one token with probability 1 - k/E):
 *   E (1 - (1 - k/E)^n).
 * Domain: E >= 1, 0 <= k <= E, n >= 0. One token touches k; many touch nearly all E. Used
 * for the weight bytes a decode round reads (only the touched experts' weights), as
 * serving papers reason about MoE decode at small batch. */
double gp_moe_experts_touched (double experts, double active, double tokens);

/* Copies of each token the dispatch all-to-all sends: k, or the node limit when routing is
 * node-limited (DeepSeek-V3 sec. 2.1.2: at most M = 4 nodes, one copy per node, fanned out
 * inside it). 0 for a dense workload. */
double gp_moe_copies (const gp_workload *w);

/* GEMM timing supplied by the caller: seconds for M x K by K x N on one accelerator. */
typedef double (*gp_gemm_time_fn) (const void *ctx, double m, double n, double k);

/* Forward GEMMs of one MLA attention block (DeepSeek-V2 sec. 2.1) for M tokens at TP T:
 * query down M x d_c' x h and up M x a (d_h + d_r)/t x d_c' (or M x a (d_h + d_r)/t x h),
 * KV down M x (d_c + d_r) x h, KV up M x 2 a d_h/t x d_c, output M x h x a d_h/t, seconds.
 * W must have mla_kv_rank > 0. */
double gp_mla_forward_time (const gp_workload *w, gp_gemm_time_fn gemm, const void *ctx,
                            double m, double t);

/* Forward GEMMs of a mixture of experts' FFN averaged over the layers (dense_layers / l of
 * a dense FFN, the rest MoE layers), on one rank of an expert-parallel group of EP ranks
 * that each bring M tokens, at TP T, seconds. A MoE layer runs the router M x E x h, the
 * shared experts as one FFN of width s f_e / t, and the experts it touches on this rank,
 * n = gp_moe_experts_touched (E, k, ep M) / ep of them, each on (M k LOAD) / n tokens (the
 * rank's M k token copies times the busiest rank's load over the mean); all alike, so one
 * is timed. *TOUCHED_OUT (may be NULL) gets n. */
double gp_moe_ffn_forward_time (const gp_workload *w, const gp_workload_sizes *z,
                                gp_gemm_time_fn gemm, const void *ctx, double m, double t,
                                double ep, double load, double *touched_out);

#ifdef __cplusplus
}
#endif
