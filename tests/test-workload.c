/* test-workload.c: parameter and FLOP counts worked by hand, published model sizes, presets. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "gp-models.h"
#include "gp-presets.h"
#include "gp-workload.h"

static void
tiny (gp_workload *w)
{
  /* data/workloads.lua "tiny-test": l 2, h 64, a 4, s 32, V 100, B 8, GPT style. */
  gp_workload_params_init (w);
  strcpy (w->name, "tiny");
  w->layers = 2;
  w->hidden_size = 64;
  w->heads = 4;
  w->seq_len_tokens = 32;
  w->vocab_size = 100;
  w->batch_seqs = 8;
}

static void
test_params_small (void)
{
  gp_workload w;
  gp_workload_sizes z;
  gp_error err;
  tiny (&w);
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_OK);
  /* SC21 Eq. 2: 12 l h^2 (1 + 13/(12h) + (V+s)/(12 l h))
   *   = 12 x 2 x 4096 x (1 + 13/768 + 132/1536) = 98,304 + 1,664 + 8,448 = 108,416.
   * Term by term: per layer 12 x 4096 + 13 x 64 = 49,984; x 2 = 99,968; embeddings
   * 100 x 64 + 32 x 64 = 8,448. */
  g_assert_cmpfloat_with_epsilon (z.params_per_layer, 49984, 1e-9);
  g_assert_cmpfloat_with_epsilon (z.matmul_per_layer, 49152, 1e-9);
  g_assert_cmpfloat_with_epsilon (z.embed_in, 8448, 1e-9);
  g_assert_cmpfloat (z.embed_out, ==, 0);
  g_assert_cmpfloat_with_epsilon (z.params, 108416, 1e-9);
  double l = 2, h = 64, s = 32, V = 100;
  double eq2 = 12 * l * h * h * (1 + 13 / (12 * h) + (V + s) / (12 * l * h));
  g_assert_cmpfloat_with_epsilon (z.params, eq2, 1e-6);
}

static void
test_flops_small (void)
{
  gp_workload w;
  gp_workload_sizes z;
  tiny (&w);
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, NULL), ==, GP_OK);
  /* Per layer forward 24 B s h^2 + 4 B s^2 h = 24 x 8 x 32 x 4096 + 4 x 8 x 1024 x 64
   *   = 25,165,824 + 2,097,152 = 27,262,976. Logits 2 B s h V = 2 x 8 x 32 x 64 x 100
   *   = 3,276,800. No recomputation: 3 (2 x 27,262,976 + 3,276,800) = 173,408,256, which is
   * SC21's 72 B s l h^2 (1 + s/(6h) + V/(12 l h)) = 150,994,944 (1 + 1/12 + 100/1536)
   *   = 150,994,944 + 12,582,912 + 9,830,400 = 173,408,256. */
  g_assert_cmpfloat_with_epsilon (z.fwd_flops_layer, 27262976, 1e-6);
  g_assert_cmpfloat_with_epsilon (z.fwd_flops_logits, 3276800, 1e-6);
  g_assert_cmpfloat_with_epsilon (z.model_flops, 173408256, 1e-5);
  g_assert_cmpfloat_with_epsilon (z.hw_flops[GP_RECOMPUTE_NONE], 173408256, 1e-5);
  /* Full recomputation, SC21: 96 B s l h^2 (1 + s/(6h) + V/(16 l h))
   *   = 201,326,592 (1 + 1/12 + 100/2048) = 201,326,592 + 16,777,216 + 9,830,400
   *   = 227,934,208 (= 173,408,256 + 2 x 27,262,976). */
  g_assert_cmpfloat_with_epsilon (z.hw_flops[GP_RECOMPUTE_FULL], 227934208, 1e-5);
  /* Selective: + l x 4 B s^2 h = 173,408,256 + 2 x 2,097,152 = 177,602,560. */
  g_assert_cmpfloat_with_epsilon (z.hw_flops[GP_RECOMPUTE_SELECTIVE], 177602560, 1e-5);
  g_assert_cmpfloat (z.tokens_per_step, ==, 256);
}

static void
test_gqa_swiglu (void)
{
  /* Llama 3 8B shape by hand: h_kv = 4096 x 8/32 = 1,024; attention 2 x 4096^2 +
   * 2 x 4096 x 1024 = 41,943,040; SwiGLU 3 x 4096 x 14,336 = 176,160,768; RMSNorm gains
   * 2 x 4096 = 8,192; per layer 218,112,000; x 32 = 6,979,584,000; embeddings untied
   * 2 x 128,256 x 4096 = 1,050,673,152; total 8,030,257,152. */
  gp_workload w;
  gp_workload_sizes z;
  gp_workload_params_init (&w);
  w.layers = 32, w.hidden_size = 4096, w.heads = 32, w.kv_heads = 8, w.ffn_size = 14336;
  w.gated_ffn = true, w.linear_biases = false, w.learned_positions = false;
  w.tied_embeddings = false, w.seq_len_tokens = 8192, w.vocab_size = 128256;
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, NULL), ==, GP_OK);
  g_assert_cmpfloat (z.h_kv, ==, 1024);
  g_assert_cmpfloat_with_epsilon (z.params_per_layer, 218112000, 1e-3);
  g_assert_cmpfloat_with_epsilon (z.params, 8030257152.0, 1.0);
}

static void
init_workload (void *elem)
{
  gp_workload_params_init (elem);
}

static gp_workload *
load (size_t *n)
{
  char path[4096];
  gp_workload *arr = NULL;
  gp_error err;
  gp_data_path (path, sizeof path, "workloads.lua");
  gp_status st = gp_preset_list_load (path, "workloads", &gp_workload_param_table,
                                      sizeof (gp_workload), init_workload, (void **) &arr, n,
                                      &err);
  if (st != GP_OK)
    g_error ("workloads.lua: %s", err.message);
  return arr;
}

static const gp_workload *
find (const gp_workload *arr, size_t n, const char *name)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (arr[i].name, name) == 0)
      return &arr[i];
  g_error ("preset %s missing", name);
  return NULL;
}

static void
test_presets (void)
{
  size_t n = 0;
  gp_workload *arr = load (&n);
  g_assert_cmpuint (n, >=, 6);
  for (size_t i = 0; i < n; i++)
    {
      gp_workload_sizes z;
      gp_error err;
      if (gp_workload_sizes_eval (&arr[i], &z, &err) != GP_OK)
        g_error ("%s: %s", arr[i].name, err.message);
    }
  /* Published parameter counts, tolerance 0.5% (the count leaves out the final norm and
   * uses the released 128,256-entry tokenizer):
   *   Llama 3 model cards 8.03B, 70.6B, 405B; GPT-3 175B (Brown et al. 2020);
   *   Megatron 1T row of SC21 Table 1: 1,008B. */
  struct { const char *name; double published; } cases[] = {
    { "llama3-8b", 8.03e9 }, { "llama3-70b", 70.6e9 }, { "llama3-405b", 405e9 },
    { "gpt3-175b", 175e9 }, { "megatron-1t", 1008e9 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gp_workload_sizes z;
      g_assert_cmpint (gp_workload_sizes_eval (find (arr, n, cases[i].name), &z, NULL), ==,
                       GP_OK);
      double rel = fabs (z.params - cases[i].published) / cases[i].published;
      if (rel > 0.005)
        g_error ("%s: %.4g params vs published %.4g (%.2f%%)", cases[i].name, z.params,
                 cases[i].published, 100 * rel);
    }
  /* Kaplan et al. 2020: training FLOPs ~ 6 P per token. For GPT-3 the exact count is
   * 72 s l h^2 (1 + s/(6h) + V/(12lh)) per sequence against 6 x 12 l h^2 (1 + ...) per token;
   * the attention term s/(6h) = 2.8% is what 6P leaves out, so within 4%. */
  gp_workload_sizes z;
  gp_workload_sizes_eval (find (arr, n, "gpt3-175b"), &z, NULL);
  double per_token = z.model_flops / z.tokens_per_step;
  g_assert_cmpfloat (fabs (per_token / (6 * z.params) - 1), <, 0.04);
  /* The default init equals the gpt3-175b preset. */
  gp_workload d;
  gp_workload_params_init (&d);
  const gp_workload *g = find (arr, n, "gpt3-175b");
  g_assert_cmpint (d.layers, ==, g->layers);
  g_assert_cmpint (d.hidden_size, ==, g->hidden_size);
  g_assert_cmpint (d.vocab_size, ==, g->vocab_size);
  g_assert_cmpint (d.batch_seqs, ==, g->batch_seqs);
  /* The tiny-test preset is the hand-worked model above. */
  gp_workload_sizes_eval (find (arr, n, "tiny-test"), &z, NULL);
  g_assert_cmpfloat_with_epsilon (z.params, 108416, 1e-9);
  free (arr);
}

/* Mixture-of-experts presets against their published totals and active counts (1-2%),
 * every figure worked by hand from the shapes in data/workloads.lua (gp-workload.h):
 *
 * mixtral-8x7b (l 32, h 4,096, GQA 8 of 32 heads so h_kv 1,024, experts of f 14,336,
 * E 8, k 2, untied V 32,000):
 *   attention 2 h^2 + 2 h h_kv = 33,554,432 + 8,388,608 = 41,943,040
 *   one expert 3 h f = 176,160,768; router E h = 32,768; RMSNorms 2 h = 8,192
 *   per layer 41,943,040 + 8 x 176,160,768 + 32,768 + 8,192 = 1,451,270,144
 *   P = 32 x 1,451,270,144 + 2 x 32,000 x 4,096 = 46,440,644,608 + 262,144,000
 *     = 46,702,788,608 (published 46.7B)
 *   active: 32 x (41,943,040 + 2 x 176,160,768 + 32,768 + 8,192) + 262,144,000
 *     = 12,879,921,152 (published 12.9B)
 * deepseek-v3 (l 61, h 7,168, a 128, MLA d_c 512, d_c' 1,536, d_r 64, d_h 128; 3 dense
 * layers of f 18,432; 58 MoE layers of 256 routed + 1 shared experts of 2,048, k 8;
 * V 129,280 untied):
 *   MLA: h d_c' 11,010,048 + d_c' a (d_h + d_r) 37,748,736 + h (d_c + d_r) 4,128,768
 *        + d_c a 2 d_h 16,777,216 + a d_h h 117,440,512 = 187,105,280
 *   small per layer: 2 h + d_c' + d_c = 16,384
 *   dense FFN 3 h f = 396,361,728; one expert 3 h 2,048 = 44,040,192; router 1,835,008
 *   P = 61 (187,105,280 + 16,384) + 3 x 396,361,728 + 58 (257 x 44,040,192 + 1,835,008)
 *       + 2 x 129,280 x 7,168 = 671,026,397,184 (published 671B)
 *   active: same with 9 experts (8 routed + 1 shared) per MoE layer = 37,552,275,456
 *       (published 37B: +1.5%, the embeddings are most of the difference)
 * llama4-scout (l 48, h 5,120, h_kv 1,024, 16 routed + 1 shared experts of 8,192, k 1,
 * V 202,048 untied):
 *   attention 62,914,560; one expert 125,829,120; router 81,920; norms 10,240
 *   P = 48 (62,914,560 + 17 x 125,829,120 + 81,920 + 10,240) + 2 x 202,048 x 5,120
 *     = 107,769,856,000 (published 109B: -1.1%, the card's total includes the vision encoder)
 *   active: 48 (62,914,560 + 2 x 125,829,120 + 81,920 + 10,240) + 2,068,971,520
 *     = 17,172,889,600 (published 17B: +1.0%) */
static void
test_moe_presets (void)
{
  size_t n = 0;
  gp_workload *arr = load (&n);
  struct { const char *name; double exact, active, pub, pub_active; } cases[] = {
    { "mixtral-8x7b", 46702788608.0, 12879921152.0, 46.7e9, 12.9e9 },
    { "deepseek-v3", 671026397184.0, 37552275456.0, 671e9, 37e9 },
    { "llama4-scout", 107769856000.0, 17172889600.0, 109e9, 17e9 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gp_workload_sizes z;
      gp_error err;
      if (gp_workload_sizes_eval (find (arr, n, cases[i].name), &z, &err) != GP_OK)
        g_error ("%s: %s", cases[i].name, err.message);
      g_assert_cmpfloat (fabs (z.params / cases[i].exact - 1), <, 1e-12);
      g_assert_cmpfloat (fabs (z.active_params / cases[i].active - 1), <, 1e-12);
      g_assert_cmpfloat (fabs (z.params / cases[i].pub - 1), <, 0.02);
      g_assert_cmpfloat (fabs (z.active_params / cases[i].pub_active - 1), <, 0.02);
    }
  /* FLOPs count the active experts: Mixtral per token (s 4,096) is
   *   6 (l W_active + h V) + 3 l 4 s h
   *   = 6 (32 x (41,943,040 + 2 x 176,160,768 + 32,768) + 131,072,000)
   *     + 12 x 32 x 4,096 x 4,096
   *   = 6 x 12,748,587,008 + 6,442,450,944 = 82,933,972,992. */
  gp_workload_sizes z;
  gp_workload_sizes_eval (find (arr, n, "mixtral-8x7b"), &z, NULL);
  g_assert_cmpfloat (fabs (z.model_flops / z.tokens_per_step / 82933972992.0 - 1), <, 1e-12);
  /* DeepSeek-V3's attention core has width a (d_qk + d_v) / 2 = 128 x (192 + 128) / 2. */
  gp_workload_sizes_eval (find (arr, n, "deepseek-v3"), &z, NULL);
  g_assert_cmpfloat_with_epsilon (z.attn_dim, 20480, 1e-9);
  g_assert_cmpfloat_with_epsilon (z.moe_layers, 58, 1e-12);
  free (arr);
}

static void
test_moe_errors (void)
{
  gp_workload w;
  gp_workload_sizes z;
  gp_error err;
  tiny (&w);
  w.experts = 4, w.experts_active = 5; /* active > routed */
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "experts_active");
  g_assert_nonnull (strstr (err.message, "experts_active = 5"));
  w.experts_active = 0;
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "experts_active");
  w.experts_active = 2, w.capacity_factor = 0.8; /* capacity below 1 */
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "capacity_factor");
  g_assert_nonnull (strstr (err.message, "capacity_factor = 0.8"));
  w.capacity_factor = 1.25, w.dense_layers = 3; /* more dense layers than layers (2) */
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "dense_layers");
  w.dense_layers = 0, w.expert_imbalance = 0.5;
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "expert_imbalance");
  w.expert_imbalance = 0;
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_OK);
  g_assert_cmpfloat (z.moe_load, ==, 1.25); /* token dropping: the capacity factor */
  tiny (&w);
  w.experts_active = 2; /* expert fields on a dense model */
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "experts");
  tiny (&w);
  w.mla_kv_rank = 16; /* MLA without a head width */
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "mla_head_dim");
}

static void
test_checkpoint (void)
{
  gp_workload w;
  double bytes;
  tiny (&w);
  /* 108,416 x (2 + 12) = 1,517,824 bytes. */
  g_assert_cmpint (gp_workload_checkpoint_bytes (&w, &bytes, NULL), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (bytes, 1517824, 1e-6);
}

static void
test_errors (void)
{
  gp_workload w;
  gp_workload_sizes z;
  gp_error err;
  tiny (&w);
  w.heads = 3; /* 64 % 3 != 0 */
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "heads");
  g_assert_nonnull (strstr (err.message, "heads = 3 must divide hidden_size = 64"));
  tiny (&w);
  w.kv_heads = 3;
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "kv_heads");
  tiny (&w);
  w.layers = 0;
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "layers");
  g_assert_nonnull (strstr (err.message, "layers = 0 is out of range"));
  tiny (&w);
  w.bytes_per_param = NAN;
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "bytes_per_param");
  tiny (&w);
  w.batch_seqs = -4;
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "batch_seqs");
  tiny (&w);
  w.optimizer_bytes_per_param = -1;
  g_assert_cmpint (gp_workload_checkpoint_bytes (&w, &z.params, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "optimizer_bytes_per_param");
  g_assert_cmpint (gp_workload_validate (NULL, &err), ==, GP_EINVAL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/workload/params-small", test_params_small);
  g_test_add_func ("/models/workload/flops-small", test_flops_small);
  g_test_add_func ("/models/workload/gqa-swiglu", test_gqa_swiglu);
  g_test_add_func ("/models/workload/presets", test_presets);
  g_test_add_func ("/models/workload/checkpoint", test_checkpoint);
  g_test_add_func ("/models/workload/errors", test_errors);
  g_test_add_func ("/models/workload/moe-presets", test_moe_presets);
  g_test_add_func ("/models/workload/moe-errors", test_moe_errors);
  return g_test_run ();
}
