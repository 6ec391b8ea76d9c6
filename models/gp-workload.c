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
  z->matmul_per_layer = 2.0 * h * h + 2.0 * h * z->h_kv
                        + (w->gated_ffn ? 3.0 : 2.0) * h * z->ffn;
  double small = w->linear_biases ? (h + 2.0 * z->h_kv) + h + z->ffn + h + 4.0 * h : 2.0 * h;
  z->params_per_layer = z->matmul_per_layer + small;
  z->embed_in = V * h + (w->learned_positions ? s * h : 0.0);
  z->embed_out = w->tied_embeddings ? 0.0 : V * h;
  z->params = l * z->params_per_layer + z->embed_in + z->embed_out;
  z->tokens_per_step = B * s;

  z->fwd_flops_layer = 2.0 * B * s * z->matmul_per_layer + 4.0 * B * s * s * h;
  z->fwd_flops_logits = 2.0 * B * s * h * V;
  z->model_flops = 3.0 * (l * z->fwd_flops_layer + z->fwd_flops_logits);
  z->hw_flops[GP_RECOMPUTE_NONE] = z->model_flops;
  z->hw_flops[GP_RECOMPUTE_SELECTIVE] = z->model_flops + l * 4.0 * B * s * s * h;
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
