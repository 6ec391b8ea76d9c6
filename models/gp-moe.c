/* gp-moe.c: mixture-of-experts and MLA arithmetic (equations in gp-moe.h). */
#include "gp-moe.h"

#include <math.h>

double
gp_moe_experts_touched (double E, double k, double n)
{
  if (!(E >= 1.0) || !(k > 0.0) || !(n > 0.0))
    return 0.0;
  if (k >= E)
    return E;
  /* 1 - (1 - k/E)^n as -expm1 (n log1p (-k/E)): exact for small k/E and large n */
  return E * -expm1 (n * log1p (-k / E));
}

double
gp_moe_copies (const gp_workload *w)
{
  if (w->experts <= 0)
    return 0.0;
  double k = (double) w->experts_active;
  if (w->expert_node_limit > 0 && (double) w->expert_node_limit < k)
    k = (double) w->expert_node_limit;
  return k;
}

double
gp_mla_forward_time (const gp_workload *w, gp_gemm_time_fn gemm, const void *ctx, double m,
                     double t)
{
  double h = (double) w->hidden_size, a = (double) w->heads;
  double dc = (double) w->mla_kv_rank, dq = (double) w->mla_q_rank;
  double dr = (double) w->mla_rope_dim, dh = (double) w->mla_head_dim;
  double s = 0.0;
  if (dq > 0)
    s += gemm (ctx, m, dq, h) + gemm (ctx, m, a * (dh + dr) / t, dq);
  else
    s += gemm (ctx, m, a * (dh + dr) / t, h);
  s += gemm (ctx, m, dc + dr, h);
  s += gemm (ctx, m, a * 2.0 * dh / t, dc);
  s += gemm (ctx, m, h, a * dh / t);
  return s;
}

double
gp_moe_ffn_forward_time (const gp_workload *w, const gp_workload_sizes *z, gp_gemm_time_fn gemm,
                         const void *ctx, double m, double t, double ep, double load,
                         double *touched_out)
{
  double h = (double) w->hidden_size, f = z->ffn, l = (double) w->layers;
  double g = w->gated_ffn ? 2.0 : 1.0;
  double E = (double) w->experts, k = (double) w->experts_active;
  double sh = (double) w->experts_shared;
  double fe = w->expert_ffn_size > 0 ? (double) w->expert_ffn_size : f;
  double dl = (double) w->dense_layers / l, ml = z->moe_layers / l;
  double s = 0.0;
  if (dl > 0)
    s += dl * (gemm (ctx, m, g * f / t, h) + gemm (ctx, m, h, f / t));
  double moe = gemm (ctx, m, E, h);
  if (sh > 0)
    moe += gemm (ctx, m, g * sh * fe / t, h) + gemm (ctx, m, h, sh * fe / t);
  double n = gp_moe_experts_touched (E, k, ep * m) / ep;
  if (touched_out)
    *touched_out = n;
  if (n > 0)
    {
      double me = m * k * load / n;
      if (me < 1.0)
        me = 1.0;
      moe += n * (gemm (ctx, me, g * fe / t, h) + gemm (ctx, me, h, fe / t));
    }
  return s + ml * moe;
}

gp_status
gp_moe_check_ep (const gp_workload *w, long ep, long dp, bool wafer, const char *why_dp,
                 const char *why_wafer, gp_error *err)
{
  if (ep <= 1)
    return GP_OK;
  if (w->experts == 0)
    return gp_error_set (err, GP_EINVAL, "ep",
                         "ep = %ld needs a mixture-of-experts workload (experts = 0)", ep);
  if (w->experts % ep != 0)
    return gp_error_set (err, GP_EINVAL, "ep", "ep = %ld must divide experts = %ld", ep,
                         w->experts);
  if (dp % ep != 0)
    return gp_error_set (err, GP_EINVAL, "ep", "ep = %ld must divide dp = %ld (%s)", ep, dp,
                         why_dp);
  if (wafer)
    return gp_error_set (err, GP_EINVAL, "ep", "ep = %ld: %s (ep = 1)", ep, why_wafer);
  return GP_OK;
}
