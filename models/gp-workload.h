/* gp-workload.h: a dense decoder-only transformer as a training workload.
 *
 * Gives the parameter count and the FLOPs of one training step from the shape of the
 * model, following Narayanan et al. (SC21, Eq. 2 and appendix), generalised to
 * grouped-query attention and gated (SwiGLU) feed-forward layers so that Llama 3 lands on
 * its published sizes. Presets with sources live in data/workloads.lua. */
#pragma once

#include <stdbool.h>

#include "gp-node.h"
#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_RECOMPUTE_NONE,      /* keep every activation */
  GP_RECOMPUTE_SELECTIVE, /* recompute the attention core only (Korthikanti et al. 2022) */
  GP_RECOMPUTE_FULL,      /* keep each layer's input, recompute the whole layer forward */
  GP_RECOMPUTE_N
} gp_recompute;

/* "none", "selective", "full", NULL */
extern const char *const gp_recompute_names[];

typedef struct {
  char name[GP_NAME_MAX];
  long layers;              /* l >= 1 */
  long hidden_size;         /* h >= 1 */
  long heads;               /* a >= 1, divides h */
  long kv_heads;            /* key/value heads (GQA); 0 means = heads (multi-head attention) */
  long ffn_size;            /* feed-forward inner width f; 0 means 4 h */
  bool gated_ffn;           /* SwiGLU: three f x h matrices instead of two */
  bool linear_biases;       /* GPT style: biases on every linear layer, LayerNorm gain + bias;
                               false: no biases, RMSNorm gains only (Llama) */
  bool learned_positions;   /* a learned s x h position table (GPT); false for RoPE */
  bool tied_embeddings;     /* output projection shares the input embedding matrix */
  long seq_len_tokens;      /* s >= 1 */
  long vocab_size;          /* V >= 1 */
  long batch_seqs;          /* global batch, sequences per optimizer step */
  double bytes_per_param;   /* weights as used in compute (2 for BF16/FP16) */
  double bytes_per_grad;    /* gradients (2 for BF16/FP16) */
  double bytes_per_act;     /* activations (2 for BF16/FP16) */
  double optimizer_bytes_per_param; /* state beyond weights and grads: FP32 master + Adam m, v
                                       = 12, giving the 16 bytes/param of mixed-precision Adam */
} gp_workload;

extern const gp_param_table gp_workload_param_table;

/* Defaults: GPT-3 175B as in data/workloads.lua ("gpt3-175b", Brown et al. 2020). */
void gp_workload_params_init (gp_workload *w);

/* Check every field and the cross-field rules (heads divide hidden, kv_heads divide heads).
 * GP_EINVAL naming the parameter. */
gp_status gp_workload_validate (const gp_workload *w, gp_error *err);

/* Shape-derived sizes. With h_kv = h kv_heads / heads and f the FFN width:
 *   matmul weights per layer   W = 2 h^2 + 2 h h_kv + (gated ? 3 : 2) h f
 *   small weights per layer    biases: (h + 2 h_kv) + h + f + h + 4 h  (QKV, out, FFN biases,
 *                              two LayerNorms);  no biases: 2 h (two RMSNorm gains)
 *   embeddings                 V h (+ s h learned positions) (+ V h untied output head)
 *   P = l (W + small) + embeddings
 * For GPT (f = 4h, h_kv = h, biases, learned positions, tied) this is exactly
 *   P = 12 l h^2 (1 + 13/(12h) + (V + s)/(12 l h))     (Narayanan et al., SC21, Eq. 2).
 * Like Eq. 2 it leaves out the final norm (h or 2h parameters). Counts, not bytes. */
typedef struct {
  double h_kv;                /* key/value width, h kv_heads / heads */
  double ffn;                 /* f */
  double matmul_per_layer;    /* W */
  double params_per_layer;    /* W + small */
  double embed_in;            /* V h (+ s h) */
  double embed_out;           /* V h if untied, else 0 */
  double params;              /* P */
  double tokens_per_step;     /* B s */
  /* FLOPs of one step over the global batch B (SC21 appendix, per layer forward
   * 24 B s h^2 + 4 B s^2 h for GPT, generally 2 B s W + 4 B s^2 h; logits 2 B s h V
   * forward; backward = 2 x forward; causal masking not exploited, as in SC21): */
  double fwd_flops_layer;     /* 2 B s W + 4 B s^2 h */
  double fwd_flops_logits;    /* 2 B s h V */
  double model_flops;         /* 3 (l fwd_layer + logits): the MFU numerator, no recomputation */
  double hw_flops[GP_RECOMPUTE_N]; /* what runs: model + l x 4 B s^2 h (selective)
                                      or + l x fwd_layer (full) */
} gp_workload_sizes;

/* Fill SIZES from W. Full recomputation gives, for GPT,
 *   96 B s l h^2 (1 + s/(6h) + V/(16 l h)) and none gives 72 B s l h^2 (1 + s/(6h) + V/(12 l h)).
 * Errors: those of gp_workload_validate. */
gp_status gp_workload_sizes_eval (const gp_workload *w, gp_workload_sizes *sizes,
                                  gp_error *err);

/* Bytes of a restartable checkpoint: weights plus optimizer state,
 * P (bytes_per_param + optimizer_bytes_per_param) (gradients are not saved). */
gp_status gp_workload_checkpoint_bytes (const gp_workload *w, double *bytes, gp_error *err);

#ifdef __cplusplus
}
#endif
