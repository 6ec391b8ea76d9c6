/* gp-workload.c: transformer parameter and FLOP counts (equations in gp-workload.h). */
#include "gp-workload.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

const char *const gp_recompute_names[] = { "none", "selective", "full", NULL };

static const gp_param workload_params[] = {
  GP_P_STRING (gp_workload, name, 0, "Workload", "Name of the model, e.g. gpt3-175b"),
  GP_P_INT (gp_workload, layers, 1, 1e5, 0, "", "Layers l", "Transformer layers"),
  GP_P_INT (gp_workload, hidden_size, 1, 1e7, GP_PARAM_F_LOG, "", "Hidden size h",
            "Model (embedding) width"),
  GP_P_INT (gp_workload, heads, 1, 1e5, 0, "", "Attention heads a",
            "Query heads; must divide the hidden size"),
  GP_P_INT (gp_workload, kv_heads, 0, 1e5, GP_PARAM_F_OPTIONAL, "", "Key/value heads",
            "Grouped-query attention KV heads; 0 = same as heads"),
  GP_P_INT (gp_workload, ffn_size, 0, 1e8, GP_PARAM_F_OPTIONAL, "", "FFN width f",
            "Feed-forward inner width; 0 = 4 x hidden"),
  GP_P_BOOL (gp_workload, gated_ffn, GP_PARAM_F_OPTIONAL, "Gated FFN (SwiGLU)",
             "Three FFN matrices (SwiGLU) instead of two"),
  GP_P_BOOL (gp_workload, linear_biases, GP_PARAM_F_OPTIONAL, "Biases and LayerNorm",
             "GPT-style biases and LayerNorm; false = no biases, RMSNorm"),
  GP_P_BOOL (gp_workload, learned_positions, GP_PARAM_F_OPTIONAL, "Learned positions",
             "Learned position embedding table (false for rotary)"),
  GP_P_BOOL (gp_workload, tied_embeddings, GP_PARAM_F_OPTIONAL, "Tied embeddings",
             "Output projection shares the input embedding"),
  GP_P_INT (gp_workload, seq_len_tokens, 1, 1e8, GP_PARAM_F_LOG, "tokens", "Sequence length s",
            "Tokens per sequence"),
  GP_P_INT (gp_workload, vocab_size, 1, 1e8, 0, "", "Vocabulary V", "Vocabulary size"),
  GP_P_INT (gp_workload, batch_seqs, 1, 1e9, GP_PARAM_F_LOG, "seqs", "Global batch B",
            "Sequences per optimizer step"),
  GP_P_DOUBLE (gp_workload, bytes_per_param, 0, 16, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_OPTIONAL,
               "bytes", "Bytes per weight", "Weight precision used in compute (2 = BF16)"),
  GP_P_DOUBLE (gp_workload, bytes_per_grad, 0, 16, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_OPTIONAL,
               "bytes", "Bytes per gradient", "Gradient precision (2 = BF16)"),
  GP_P_DOUBLE (gp_workload, bytes_per_act, 0, 16, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_OPTIONAL,
               "bytes", "Bytes per activation", "Activation precision (2 = BF16)"),
  GP_P_DOUBLE (gp_workload, optimizer_bytes_per_param, 0, 64, GP_PARAM_F_OPTIONAL, "bytes",
               "Optimizer bytes per param",
               "FP32 master + Adam moments = 12 (16 in all with weights and grads, ZeRO paper)"),
  GP_P_INT (gp_workload, experts, 0, 1e5, GP_PARAM_F_OPTIONAL, "", "Routed experts E",
            "Mixture of experts: routed experts per MoE layer; 0 = dense model"),
  GP_P_INT (gp_workload, experts_active, 0, 1e5, GP_PARAM_F_OPTIONAL, "", "Active experts k",
            "Routed experts each token runs (top-k), at most E"),
  GP_P_INT (gp_workload, experts_shared, 0, 1e5, GP_PARAM_F_OPTIONAL, "", "Shared experts",
            "Experts every token runs, per MoE layer"),
  GP_P_INT (gp_workload, expert_ffn_size, 0, 1e8, GP_PARAM_F_OPTIONAL, "", "Expert FFN width",
            "Inner width of one expert; 0 = ffn_size"),
  GP_P_INT (gp_workload, dense_layers, 0, 1e5, GP_PARAM_F_OPTIONAL, "", "First dense layers",
            "Leading layers with a dense FFN instead of experts"),
  GP_P_DOUBLE (gp_workload, capacity_factor, 0, 64, GP_PARAM_F_OPTIONAL, "",
               "Capacity factor",
               "Token dropping: expert buffers hold cf x the mean share (>= 1); 0 = dropless"),
  GP_P_DOUBLE (gp_workload, expert_imbalance, 0, 64, GP_PARAM_F_OPTIONAL, "",
               "Expert load imbalance",
               "Dropless: busiest expert-parallel rank's tokens over the mean (>= 1); 0 = 1"),
  GP_P_INT (gp_workload, expert_node_limit, 0, 1e5, GP_PARAM_F_OPTIONAL, "",
            "Node-limited routing", "A token is sent to at most this many EP ranks; 0 = k"),
  GP_P_INT (gp_workload, mla_kv_rank, 0, 1e6, GP_PARAM_F_OPTIONAL, "", "MLA KV latent d_c",
            "Multi-head latent attention: compressed KV width; 0 = ordinary attention"),
  GP_P_INT (gp_workload, mla_q_rank, 0, 1e6, GP_PARAM_F_OPTIONAL, "", "MLA query latent",
            "Compressed query width; 0 = queries not compressed"),
  GP_P_INT (gp_workload, mla_rope_dim, 0, 1e5, GP_PARAM_F_OPTIONAL, "", "MLA RoPE width d_r",
            "Decoupled rotary key/query width per head"),
  GP_P_INT (gp_workload, mla_head_dim, 0, 1e5, GP_PARAM_F_OPTIONAL, "", "MLA head width d_h",
            "Per-head query/key (non-rotary) and value width"),
};

const gp_param_table gp_workload_param_table = {
  "workload", workload_params, GP_N_ELEMENTS (workload_params),
};

void
gp_workload_params_init (gp_workload *w)
{
  /* data/workloads.lua "gpt3-175b": Brown et al. 2020, Table 2.1. */
  memset (w, 0, sizeof *w);
  strcpy (w->name, "gpt3-175b");
  w->layers = 96;
  w->hidden_size = 12288;
  w->heads = 96;
  w->kv_heads = 0;
  w->ffn_size = 0;
  w->gated_ffn = false;
  w->linear_biases = true;
  w->learned_positions = true;
  w->tied_embeddings = true;
  w->seq_len_tokens = 2048;
  w->vocab_size = 50257;
  w->batch_seqs = 1536;
  w->bytes_per_param = 2;
  w->bytes_per_grad = 2;
  w->bytes_per_act = 2;
  w->optimizer_bytes_per_param = 12;
}

gp_status
gp_workload_validate (const gp_workload *w, gp_error *err)
{
  if (w == NULL)
    return gp_error_set (err, GP_EINVAL, "workload", "workload must not be NULL");
  GP_TRY (gp_params_validate (&gp_workload_param_table, w, err));
  if (w->hidden_size % w->heads != 0)
    return gp_error_set (err, GP_EINVAL, "heads",
                         "heads = %ld must divide hidden_size = %ld", w->heads,
                         w->hidden_size);
  if (w->kv_heads != 0 && (w->kv_heads > w->heads || w->heads % w->kv_heads != 0))
    return gp_error_set (err, GP_EINVAL, "kv_heads",
                         "kv_heads = %ld must divide heads = %ld (or be 0 for = heads)",
                         w->kv_heads, w->heads);
  if (w->experts == 0)
    {
      if (w->experts_active != 0 || w->experts_shared != 0 || w->dense_layers != 0)
        return gp_error_set (err, GP_EINVAL, "experts",
                             "experts = 0 (dense) but experts_active = %ld, experts_shared = "
                             "%ld, dense_layers = %ld: set experts > 0 for a mixture of "
                             "experts", w->experts_active, w->experts_shared, w->dense_layers);
    }
  else
    {
      if (w->experts_active < 1 || w->experts_active > w->experts)
        return gp_error_set (err, GP_EINVAL, "experts_active",
                             "experts_active = %ld is out of range: allowed [1, experts = %ld]",
                             w->experts_active, w->experts);
      if (w->dense_layers > w->layers)
        return gp_error_set (err, GP_EINVAL, "dense_layers",
                             "dense_layers = %ld is out of range: allowed [0, layers = %ld]",
                             w->dense_layers, w->layers);
    }
  if (w->capacity_factor != 0 && w->capacity_factor < 1)
    return gp_error_set (err, GP_EINVAL, "capacity_factor",
                         "capacity_factor = %g is out of range: allowed 0 (dropless) or "
                         "[1, 64]", w->capacity_factor);
  if (w->expert_imbalance != 0 && w->expert_imbalance < 1)
    return gp_error_set (err, GP_EINVAL, "expert_imbalance",
                         "expert_imbalance = %g is out of range: allowed 0 (= 1) or [1, 64]",
                         w->expert_imbalance);
  if (w->mla_kv_rank > 0 && w->mla_head_dim < 1)
    return gp_error_set (err, GP_EINVAL, "mla_head_dim",
                         "mla_head_dim = %ld must be >= 1 when mla_kv_rank = %ld (MLA)",
                         w->mla_head_dim, w->mla_kv_rank);
  return GP_OK;
}

/* Sizes and FLOPs: equations and sources in gp-workload.h. Counts are doubles because
 * l h^2 B s overflows 64-bit integers for trillion-parameter models at large batches. */
gp_status
gp_workload_sizes_eval (const gp_workload *w, gp_workload_sizes *z, gp_error *err)
{
  GP_TRY (gp_workload_validate (w, err));
  const double l = (double) w->layers, h = (double) w->hidden_size;
  const double a = (double) w->heads;
  const double kv = w->kv_heads > 0 ? (double) w->kv_heads : a;
  const double s = (double) w->seq_len_tokens, V = (double) w->vocab_size;
  const double B = (double) w->batch_seqs;

  z->h_kv = h * kv / a;
  z->ffn = w->ffn_size > 0 ? (double) w->ffn_size : 4.0 * h;
  const double g = w->gated_ffn ? 3.0 : 2.0;
  double small_mla = 0.0;
  if (w->mla_kv_rank > 0)
    {
      /* MLA (DeepSeek-V2 sec. 2.1): queries h -> d_c' -> a (d_h + d_r) (or h -> a (d_h + d_r)
       * uncompressed), keys/values h -> d_c + d_r (latent + shared RoPE key), d_c -> a 2 d_h,
       * output a d_h -> h; RMSNorm gains on both latents. */
      const double dc = (double) w->mla_kv_rank, dq = (double) w->mla_q_rank;
      const double dr = (double) w->mla_rope_dim, dh = (double) w->mla_head_dim;
      double q = dq > 0 ? h * dq + dq * a * (dh + dr) : h * a * (dh + dr);
      z->attn_matmul = q + h * (dc + dr) + dc * a * 2.0 * dh + a * dh * h;
      z->attn_dim = a * (dh + dr + dh) / 2.0;
      small_mla = dc + dq;
    }
  else
    {
      z->attn_matmul = 2.0 * h * h + 2.0 * h * z->h_kv;
      z->attn_dim = h;
    }
  double dense_ffn = g * h * z->ffn;
  z->matmul_per_layer = z->attn_matmul + dense_ffn;
  z->active_matmul_per_layer = z->matmul_per_layer;
  z->ffn_active = z->ffn;
  z->moe_layers = 0.0;
  z->expert_matmul = 0.0;
  z->router_params = 0.0;
  z->expert_params_per_layer = 0.0;
  z->moe_load = 1.0;
  if (w->experts > 0)
    {
      const double E = (double) w->experts, k = (double) w->experts_active;
      const double sh = (double) w->experts_shared, d = (double) w->dense_layers;
      const double fe = w->expert_ffn_size > 0 ? (double) w->expert_ffn_size : z->ffn;
      z->moe_layers = l - d;
      z->expert_matmul = g * h * fe;
      z->router_params = E * h;
      double ml = z->moe_layers / l, dl = d / l;
      z->expert_params_per_layer = ml * E * z->expert_matmul;
      z->matmul_per_layer = z->attn_matmul + dl * dense_ffn
                            + ml * ((E + sh) * z->expert_matmul + z->router_params);
      z->active_matmul_per_layer = z->attn_matmul + dl * dense_ffn
                                   + ml * ((k + sh) * z->expert_matmul + z->router_params);
      z->ffn_active = dl * z->ffn + ml * (k + sh) * fe;
      z->moe_load = w->capacity_factor > 0 ? w->capacity_factor
                    : w->expert_imbalance > 0 ? w->expert_imbalance : 1.0;
    }
  double small = w->linear_biases ? (h + 2.0 * z->h_kv) + h + z->ffn + h + 4.0 * h : 2.0 * h;
  small += small_mla;
  z->params_per_layer = z->matmul_per_layer + small;
  z->embed_in = V * h + (w->learned_positions ? s * h : 0.0);
  z->embed_out = w->tied_embeddings ? 0.0 : V * h;
  z->params = l * z->params_per_layer + z->embed_in + z->embed_out;
  z->active_params = z->params - l * (z->matmul_per_layer - z->active_matmul_per_layer);
  z->tokens_per_step = B * s;

  z->fwd_flops_layer = 2.0 * B * s * z->active_matmul_per_layer
                       + 4.0 * B * s * s * z->attn_dim;
  z->fwd_flops_logits = 2.0 * B * s * h * V;
  z->model_flops = 3.0 * (l * z->fwd_flops_layer + z->fwd_flops_logits);
  z->hw_flops[GP_RECOMPUTE_NONE] = z->model_flops;
  z->hw_flops[GP_RECOMPUTE_SELECTIVE] = z->model_flops + l * 4.0 * B * s * s * z->attn_dim;
  z->hw_flops[GP_RECOMPUTE_FULL] = z->model_flops + l * z->fwd_flops_layer;
  if (!isfinite (z->hw_flops[GP_RECOMPUTE_FULL]))
    return gp_error_set (err, GP_ERANGE, "workload",
                         "workload %s: FLOPs per step overflow a double", w->name);
  return GP_OK;
}

gp_status
gp_workload_checkpoint_bytes (const gp_workload *w, double *bytes, gp_error *err)
{
  gp_workload_sizes z;
  GP_TRY (gp_workload_sizes_eval (w, &z, err));
  *bytes = z.params * (w->bytes_per_param + w->optimizer_bytes_per_param);
  return GP_OK;
}
