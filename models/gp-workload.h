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
  /* Mixture of experts (all 0 = dense). A MoE layer replaces the FFN by a router (an E x h
   * gating matrix), E routed experts of which k run per token, and s shared experts that
   * every token runs; each expert is an FFN of width f_e (gated as gated_ffn says). */
  long experts;             /* E routed experts per MoE layer; 0 = dense model */
  long experts_active;      /* k routed experts per token, 1 <= k <= E */
  long experts_shared;      /* shared experts per MoE layer (every token) */
  long expert_ffn_size;     /* f_e; 0 = ffn_size */
  long dense_layers;        /* the first dense_layers layers keep the dense FFN (DeepSeek: 3) */
  double capacity_factor;   /* token dropping: each expert takes at most cf x its mean share
                               of tokens, buffers padded to that (Switch Transformer); 0 =
                               dropless; otherwise >= 1 */
  double expert_imbalance;  /* dropless: tokens on the busiest expert-parallel rank over the
                               mean (>= 1); 0 = 1 */
  long expert_node_limit;   /* node-limited routing: a token goes to at most this many EP
                               ranks (one copy each, DeepSeek-V3's M = 4); 0 = k copies */
  /* Multi-head latent attention (DeepSeek-V2/V3); mla_kv_rank 0 = ordinary attention. */
  long mla_kv_rank;         /* compressed KV latent width d_c (cached in inference) */
  long mla_q_rank;          /* compressed query width d_c'; 0 = queries not compressed */
  long mla_rope_dim;        /* decoupled RoPE key width per head d_r (shared key, cached) */
  long mla_head_dim;        /* per-head query/key (no-RoPE part) and value width d_h */
} gp_workload;

/* True when W is a mixture of experts (experts > 0). */
static inline bool
gp_workload_is_moe (const gp_workload *w)
{
  return w->experts > 0;
}

extern const gp_param_table gp_workload_param_table;

/* Defaults: GPT-3 175B as in data/workloads.lua ("gpt3-175b", Brown et al. 2020). */
void gp_workload_params_init (gp_workload *w);

/* Check every field and the cross-field rules (heads divide hidden, kv_heads divide heads).
 * GP_EINVAL naming the parameter. */
gp_status gp_workload_validate (const gp_workload *w, gp_error *err);

/* Shape-derived sizes. With h_kv = h kv_heads / heads and f the FFN width:
 *   matmul weights per layer   W = 2 h^2 + 2 h h_kv + (gated ? 3 : 2) h f
 * A MoE (experts E > 0) averages its layers: dense_layers layers as above and l - dense_layers
 * MoE layers whose FFN is E routed + s shared experts of e = (gated ? 3 : 2) h f_e weights
 * each plus the router E h, so W = attention + [d g h f + (l - d)(E + s) e + (l - d) E h] / l
 * (params count every expert) and the FLOPs count the active ones,
 *   W_active = attention + [d g h f + (l - d)((k + s) e + E h)] / l;
 * MLA replaces the attention weights by its factorised ones (attn_matmul below). Checked
 * against Mixtral 8x7B (46.7B, 12.9B active), DeepSeek-V3 (671B, 37B) and Llama 4 Scout
 * (109B, 17B) in tests/test-workload.c. For the MFU numerator model_flops counts
 * active weights (6 x active matmul per token) and the attention core at attn_dim.
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
  double matmul_per_layer;    /* W (all experts, averaged over layers for a MoE) */
  double params_per_layer;    /* W + small */
  double embed_in;            /* V h (+ s h) */
  double embed_out;           /* V h if untied, else 0 */
  double params;              /* P */
  double tokens_per_step;     /* B s */
  /* Mixture of experts and MLA (dense: moe_layers 0, expert_* 0, active_params = params): */
  double attn_matmul;         /* attention matmul weights per layer: 2 h^2 + 2 h h_kv, or MLA's
                                 h d_c' + d_c' a (d_h + d_r) + h (d_c + d_r) + d_c a 2 d_h
                                 + a d_h h */
  double attn_dim;            /* width of the attention core: a (d_qk + d_v) / 2 (= h without
                                 MLA), so its forward FLOPs are 4 B s^2 attn_dim */
  double moe_layers;          /* l - dense_layers for a MoE, else 0 */
  double expert_matmul;       /* one expert: (gated ? 3 : 2) h f_e */
  double router_params;       /* E h per MoE layer (the gating GEMM, 2 E h FLOPs per token) */
  double expert_params_per_layer; /* routed experts' weights averaged over all l layers:
                                     moe_layers E expert_matmul / l (sharded by ep) */
  double active_matmul_per_layer; /* matmul weights a token runs, averaged over the layers */
  double ffn_active;          /* FFN width a token runs, averaged over the layers */
  double active_params;       /* parameters a token uses: P less the routed experts it skips */
  double moe_load;            /* busiest rank's expert work over the mean: capacity_factor
                                 when tokens are dropped, else expert_imbalance (or 1) */
  /* FLOPs of one step over the global batch B (SC21 appendix, per layer forward
   * 24 B s h^2 + 4 B s^2 h for GPT, generally 2 B s W + 4 B s^2 h (W_active and attn_dim for
   * a MoE or MLA); logits 2 B s h V
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
