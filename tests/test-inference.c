/* test-inference.c: KV cache, memory, prefill and decode bounds worked by hand, published
 * serving figures within stated tolerances, and the error paths. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "gp-design.h"
#include "gp-inference.h"
#include "gp-models.h"
#include "gp-presets.h"
#include "gp-test-util.h"


/* data/workloads.lua llama3-8b / llama3-70b (Meta 2024, Table 3). */
static void
llama3 (gp_workload *w, bool big)
{
  gp_workload_params_init (w);
  strcpy (w->name, big ? "llama3-70b" : "llama3-8b");
  w->layers = big ? 80 : 32;
  w->hidden_size = big ? 8192 : 4096;
  w->heads = big ? 64 : 32;
  w->kv_heads = 8;
  w->ffn_size = big ? 28672 : 14336;
  w->gated_ffn = true;
  w->linear_biases = false;
  w->learned_positions = false;
  w->tied_embeddings = false;
  w->seq_len_tokens = 8192;
  w->vocab_size = 128256;
  w->batch_seqs = 2048;
}

/* DGX H100 shape (brief sec. 4): NVLink4 450 GB/s each way in domains of 8, 50 GB/s per
 * GPU into the fat tree. */
static void
dgx_net (gp_net_levels *net, long n)
{
  memset (net, 0, sizeof *net);
  net->n_levels = 2;
  strcpy (net->level[0].name, "NVLink4");
  net->level[0].group_size = 8;
  net->level[0].bw_bytes_per_s = 450e9;
  net->level[0].latency_s = 1e-6;
  net->level[0].energy_pj_per_bit = 5.5;
  strcpy (net->level[1].name, "NDR fat tree");
  net->level[1].group_size = n;
  net->level[1].bw_bytes_per_s = 50e9;
  net->level[1].latency_s = 2e-6;
  net->level[1].energy_pj_per_bit = 20;
}

/* data/systems.lua cs-3 accelerator (one wafer). */
static void
cs3 (gp_accel *a)
{
  gp_accel_params_init (a); /* the fields below are the wafer's; the rest valid defaults */
  strcpy (a->name, "wse-3");
  a->peak_tflop_per_s = 62500;
  a->matmul_efficiency = 0.5;
  a->tier2_capacity_gb = 586;
  a->tier2_bw_gb_per_s = 150;
  a->power_w = 17250;
  a->wafer_scale = true;
  a->sram_capacity_gb = 44;
  a->sram_bw_tb_per_s = 21000;
  a->stream_bw_gb_per_s = 150;
}

static void
test_kv_llama3 (void)
{
  gp_accel a;
  gp_accel_params_init (&a);
  gp_net_levels net;
  dgx_net (&net, 64);
  gp_workload w;
  gp_inference_params p;
  gp_inference_params_init (&p);
  gp_inference_ctx c;
  gp_inference_result r;
  gp_serve_plan pl = { 8, 1, 1, 1 };

  /* By hand: 2 (K and V) x layers x kv_heads x head size (h / heads = 128) x 2 bytes.
   *   70B: 2 x 80 x 8 x 128 x 2 = 327,680 bytes (320 KiB) per token
   *   8B:  2 x 32 x 8 x 128 x 2 = 131,072 bytes (128 KiB) per token */
  llama3 (&w, true);
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval (&c, &pl, &r, NULL), ==, GP_OK);
  REL (r.kv_bytes_per_token, 327680, 1e-12);
  /* tp 8 = kv_heads: one KV head per GPU, 327,680 / 8 = 40,960 bytes */
  REL (r.kv_bytes_per_token_accel, 40960, 1e-12);
  llama3 (&w, false);
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval (&c, &pl, &r, NULL), ==, GP_OK);
  REL (r.kv_bytes_per_token, 131072, 1e-12);

  /* 8-bit KV halves it: 65,536 */
  p.kv_bits = 8;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval (&c, &pl, &r, NULL), ==, GP_OK);
  REL (r.kv_bytes_per_token, 65536, 1e-12);

  /* TP beyond the KV heads replicates them: 70B at tp 16 holds 1 head per GPU, as at tp 8 */
  p.kv_bits = 16;
  llama3 (&w, true);
  pl.tp = 16;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval (&c, &pl, &r, NULL), ==, GP_OK);
  REL (r.kv_bytes_per_token_accel, 40960, 1e-12);

  /* MLA (DeepSeek-V2/V3: kv_lora_rank 512 + RoPE key 64 = 576 values per layer), 61 layers
   * (DeepSeek-V3), 16 bits: 61 x 576 x 2 = 70,272 bytes per token. */
  w.layers = 61;
  w.hidden_size = 7168;
  w.heads = 128;
  w.kv_heads = 128;
  w.ffn_size = 18432;
  p.kv_latent_size = 576;
  pl.tp = 8;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  gp_error err = { 0 };
  gp_status st = gp_inference_eval (&c, &pl, &r, &err);
  g_assert_true (st == GP_OK || st == GP_EINFEASIBLE); /* a 671B dense stand-in may not fit */
  REL (r.kv_bytes_per_token, 70272, 1e-12);
}

static void
test_capacity_8b (void)
{
  /* Llama 3 8B on one H100 (80 GB), 16 bits. By hand from gp-workload's count:
   *   per layer W = 2 h^2 + 2 h h_kv + 3 h f = 33,554,432 + 8,388,608 + 176,160,768
   *               = 218,103,808, + 2 h norm gains = 218,112,000
   *   P = 32 x 218,112,000 + 2 V h (untied) = 6,979,584,000 + 1,050,673,152 = 8,030,257,152
   *   weights 16,060,514,304 bytes
   *   activations: s (3 h + 2 f) x 2 = 1,024 x 40,960 x 2 = 83,886,080 bytes
   *   room 80e9 - 16,060,514,304 - 83,886,080 = 63,855,599,616; x 0.96 (paged) / 131,072
   *   = 467,692 tokens; / (1,024 + 256) = 365.4 -> 365 sequences. */
  gp_accel a;
  gp_accel_params_init (&a);
  gp_net_levels net;
  dgx_net (&net, 8);
  gp_workload w;
  llama3 (&w, false);
  gp_inference_params p;
  gp_inference_params_init (&p);
  gp_inference_ctx c;
  gp_inference_result r;
  gp_serve_plan pl = { 1, 1, 1, 1 };
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval (&c, &pl, &r, NULL), ==, GP_OK);
  REL (r.weights_bytes, 16060514304.0, 1e-12);
  REL (r.activations_bytes, 83886080.0, 1e-12);
  g_assert_cmpint (r.max_batch, ==, 365);
  /* at batch 1 the context that fits is capped by the model's 8,192 */
  g_assert_cmpint (r.max_context_tokens, ==, 8192);
  g_assert_cmpint (r.min_accelerators, ==, 1);
  /* batch 366 is refused, naming the batch that fits */
  gp_error err = { 0 };
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 366, &r, &err), ==, GP_EINFEASIBLE);
  g_assert_cmpstr (err.param, ==, "batch_seqs");
  g_assert_nonnull (strstr (err.message, "at most 365 sequences fit"));
}

static void
test_decode_bound (void)
{
  /* Decode at batch 1 is bound by reading the weights: the matmul weights and the output
   * head (the input embedding is a row lookup), 32 x 218,103,808 + 525,336,576 =
   * 7,504,658,432 parameters = 15,009,316,864 bytes, 4.48 ms at 3.35 TB/s. The model may
   * not beat that, and at 80% of the bandwidth plus 32 x 4 us of per-layer overhead plus the
   * KV reads (1,152 tokens x 131,072 bytes) it takes 5.60 + 0.128 + 0.056 = 5.79 ms; the
   * interleaved prefills add their share (checked below as < 5%). */
  gp_accel a;
  gp_accel_params_init (&a);
  /* Pinned: the arithmetic below uses 0.5 of peak, whatever the preset's GEMM ceiling. */
  a.matmul_efficiency = 0.5;
  gp_net_levels net;
  dgx_net (&net, 8);
  gp_workload w;
  llama3 (&w, false);
  gp_inference_params p;
  gp_inference_params_init (&p);
  gp_inference_ctx c;
  gp_inference_result r;
  gp_serve_plan pl = { 1, 1, 1, 1 };
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval (&c, &pl, &r, NULL), ==, GP_OK);
  double bound = 15009316864.0 / 3.35e12;
  g_assert_cmpfloat (r.tpot_s, >=, bound);
  double hand = 15009316864.0 / (0.8 * 3.35e12) + 32 * 4e-6 + 1152.0 * 131072 / (0.8 * 3.35e12);
  REL (r.step_s, hand, 1e-9);
  g_assert_cmpfloat (r.tpot_s, <=, 1.05 * hand);
  g_assert_cmpint (r.binding, ==, GP_INF_BOUND_WEIGHTS);

  /* Prefill is compute-bound: 2 s W l + 2 h V (last position) + causal attention
   * 2 s^2 h l = 14,292,190,969,856 + 1,050,673,152 + 274,877,906,944 FLOPs; it may not
   * beat peak. Its time, kernel by kernel (the shape model, NVIDIA DU-09799-001 sec. 3:
   * q = M N split / (waves x 132 x Tm Tn), tiles 128 x 256 on 132 SMs):
   *   QKV      1,024 x 6,144 x 4,096: 8 x 24 = 192 tiles, 2 waves: q = 6,291,456 / 8,650,752
   *            = 8/11
   *   proj     1,024 x 4,096 x 4,096: 128 tiles, 1 wave: q = 4,194,304 / 4,325,376 = 32/33
   *   FFN in   1,024 x 28,672 x 4,096: 896 tiles, 7 waves: q = 32/33
   *   FFN out  1,024 x 4,096 x 14,336: 128 tiles: q = 32/33
   *   head     1 x 128,256 x 4,096 (last position): 64-row tiles, 501 tiles, 4 waves:
   *            q = 128,256 / (4 x 132 x 64 x 256)
   * each 2 M N K / (0.5 x 989e12 x q), the layer's four x 32; attention 2 s^2 h l at 0.5 x
   * 989e12 (attention_efficiency); element-wise 2 bytes x (1,024 x 32 x (10 x 4,096 + 3 x
   * 14,336) + 2 x 128,256) at 0.8 x 3.35 TB/s; plus 32 x 4 us. Total 33.84 ms. */
  double pf_flops = 2.0 * 1024 * 32 * 218103808.0 + 2.0 * 4096 * 128256 + 2.0 * 1024.0 * 1024 * 4096 * 32;
  REL (r.prefill_flops, pf_flops, 1e-12);
  g_assert_cmpfloat (r.prefill_s, >=, pf_flops / 989e12);
  const double R = 0.5 * 989e12;
  double layer = 2.0 * 1024 * 6144 * 4096 / (R * 8.0 / 11.0)
                 + 2.0 * 1024 * 4096 * 4096 / (R * 32.0 / 33.0)
                 + 2.0 * 1024 * 28672 * 4096 / (R * 32.0 / 33.0)
                 + 2.0 * 1024 * 4096 * 14336 / (R * 32.0 / 33.0);
  double head = 2.0 * 128256 * 4096 / (R * 128256.0 / (4.0 * 132 * 64 * 256));
  double attn = 2.0 * 1024.0 * 1024 * 4096 * 32 / (0.5 * 989e12);
  double elem = 2.0 * (1024.0 * 32 * (10.0 * 4096 + 3.0 * 14336) + 2.0 * 128256) / (0.8 * 3.35e12);
  REL (r.prefill_s, 32 * layer + head + attn + elem + 32 * 4e-6, 1e-9);
  REL (r.prefill_s, 0.033836, 1e-4);
  REL (r.ttft_s, r.prefill_s, 1e-12);

  /* A decode GEMM of Llama 3 70B's FFN-in at TP 8 (N = 2 x 28,672 / 8 = 7,168, K = 8,192)
   * on the H100 preset (0.8 ceiling, 132 SMs, 128 x 256 tiles): M = 1..64 rows run one
   * 64-row tile (the smallest the kernels use), 28 tiles split 4 ways over K (floor(132 /
   * 28) = 4 <= 8,192 / 512): q = M x 7,168 x 4 / (132 x 64 x 256), so batch 1 takes as
   * long as batch 64, and batch 64 runs at q = 0.848 of the large-GEMM rate. */
  gp_accel h;
  gp_accel_params_init (&h);
  gp_inference_params_init (&p);
  g_assert_cmpint (gp_inference_prepare (&c, &h, &net, &w, &p, NULL, NULL), ==, GP_OK);
  double t1 = gp_inference_gemm_time (&c, 1, 7168, 8192);
  double t64 = gp_inference_gemm_time (&c, 64, 7168, 8192);
  REL (t1, t64, 1e-12);
  REL (t64, 2.0 * 64 * 7168 * 8192 / (0.8 * 989e12 * (64.0 * 7168 * 4 / (132.0 * 64 * 256))), 1e-12);
  /* 65 rows need a 128-row tile: twice the work of 64, the same wave */
  REL (gp_inference_gemm_time (&c, 65, 7168, 8192), 2.0 * t64, 1e-12);
}

static void
test_batch_and_spec (void)
{
  gp_accel a;
  gp_accel_params_init (&a);
  gp_net_levels net;
  dgx_net (&net, 8);
  gp_workload w;
  llama3 (&w, true);
  gp_inference_params p;
  gp_inference_params_init (&p);
  gp_inference_ctx c;
  gp_inference_result r1, r64;
  gp_serve_plan pl = { 8, 1, 1, 1 };
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 1, &r1, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 64, &r64, NULL), ==, GP_OK);
  /* batching: more throughput, slower tokens per user */
  g_assert_cmpfloat (r64.tokens_per_s, >, 20 * r1.tokens_per_s);
  g_assert_cmpfloat (r64.tpot_s, >, r1.tpot_s);

  /* Speculative decoding: E = (1 - a^(k+1)) / (1 - a); a = 0.8, k = 4: 3.3616 tokens per
   * verification (Leviathan et al. 2023, eq. 1). */
  p.spec_acceptance = 0.8;
  p.spec_draft_tokens = 4;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  gp_inference_result rs;
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 1, &rs, NULL), ==, GP_OK);
  REL (rs.spec_tokens_per_step, (1 - pow (0.8, 5)) / 0.2, 1e-12);
  g_assert_cmpfloat (rs.tpot_s, <, 0.5 * r1.tpot_s);
  /* the parts of the time per token add up to it, with and without speculation */
  double sum1 = 0, sums = 0;
  for (int i = 0; i < GP_INF_BOUND_N; i++)
    sum1 += r64.step_bound_s[i], sums += rs.step_bound_s[i];
  REL (sum1, r64.tpot_s, 1e-12);
  REL (sums, rs.tpot_s, 1e-12);

  /* Disaggregated: TPOT is the bare decode round; TTFT adds the KV transfer. */
  p.spec_acceptance = 0;
  p.disaggregated = true;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  gp_serve_plan pd = { 8, 1, 1, 4 };
  net.level[1].group_size = 32;
  gp_inference_result rd;
  g_assert_cmpint (gp_inference_eval_batch (&c, &pd, 16, &rd, NULL), ==, GP_OK);
  REL (rd.tpot_s, rd.step_s, 1e-12);
  /* KV of 1,024 tokens x 40,960 bytes per GPU over 50 GB/s + 2 us */
  REL (rd.kv_transfer_s, 1024.0 * 40960 / 50e9 + 2e-6, 1e-9);
  REL (rd.ttft_s, rd.prefill_s + rd.kv_transfer_s, 1e-12);
}

static void
test_sweep_pareto (void)
{
  gp_accel a;
  gp_accel_params_init (&a);
  gp_net_levels net;
  dgx_net (&net, 8);
  gp_workload w;
  llama3 (&w, true);
  gp_inference_params p;
  gp_inference_params_init (&p);
  gp_inference_ctx c;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  gp_serve_plan pl = { 8, 1, 1, 1 };
  gp_inference_point pts[64];
  bool par[64];
  long n;
  g_assert_cmpint (gp_inference_sweep (&c, &pl, 64, pts, par, &n, NULL), ==, GP_OK);
  g_assert_cmpint (n, >, 10);
  g_assert_cmpint (pts[0].batch, ==, 1);
  g_assert_cmpint (pts[n - 1].batch, ==, pts[0].r.max_batch);
  /* batch 1 has the fastest user and the largest batch (near) the most throughput: both ends
   * of the frontier; no frontier point is dominated */
  g_assert_true (par[0]);
  long on = 0;
  for (long i = 0; i < n; i++)
    {
      if (i > 0)
        g_assert_cmpint (pts[i].batch, >, pts[i - 1].batch);
      if (!par[i])
        continue;
      on++;
      for (long j = 0; j < n; j++)
        g_assert_false (pts[j].r.tokens_per_s > pts[i].r.tokens_per_s
                        && pts[j].r.tokens_per_s_per_user > pts[i].r.tokens_per_s_per_user);
    }
  g_assert_cmpint (on, >=, 2);
}

/* Cerebras Inference (27 Aug 2024 blog): Llama 3.1 8B at 1,800 tokens/s per user on CS-3,
 * 70B at 450 with the 140 GB of 16-bit weights over several wafers' SRAM. The wafer's
 * per-layer latency is one constant calibrated on both (data/inference.lua: 22 us, their
 * geometric mean), so the model lands 21% under the 8B figure and 26% over the 70B one:
 * tolerance 30%. The published per-layer times differ (17.4 and 27.8 us) because a wider
 * layer takes longer to cross the wafer, which one constant cannot follow. The 405B
 * figure (969 tokens/s, Nov 2024) is not reproduced: its layout is unpublished. */
static void
test_cerebras (void)
{
  gp_accel a;
  cs3 (&a);
  gp_net_levels net = { 1, { { "CS-3 cluster", 64, 150e9, 5e-6, 35 } } };
  gp_workload w;
  gp_inference_params p;
  gp_inference_params_init (&p);
  p.layer_latency_us = 22;    /* data/inference.lua wafer_scale */
  p.lowp_speedup = 1;
  p.context_tokens = 131072;  /* Llama 3.1: 128K context (Meta 2024) */
  gp_inference_ctx c;
  gp_inference_result r;

  llama3 (&w, false);
  gp_serve_plan one = { 1, 1, 1, 1 };
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval (&c, &one, &r, NULL), ==, GP_OK);
  g_assert_true (r.weights_resident);
  REL (r.tokens_per_s_per_user, 1800, 0.30);
  g_assert_cmpint (r.binding, ==, GP_INF_BOUND_OVERHEAD);

  llama3 (&w, true);
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  /* 141 GB of weights over 44 GB wafers: 4 wafers hold them (by hand: ceil(141.2 / 44)) */
  g_assert_cmpint (gp_inference_eval (&c, &one, &r, NULL), ==, GP_OK);
  g_assert_false (r.weights_resident); /* one wafer: streamed, ~1 token/s */
  g_assert_cmpint (r.binding, ==, GP_INF_BOUND_STREAM);
  g_assert_cmpfloat (r.tokens_per_s_per_user, <, 2);
  g_assert_cmpint (r.min_accelerators, ==, 4);
  gp_serve_plan four = { 1, 4, 1, 1 };
  g_assert_cmpint (gp_inference_eval (&c, &four, &r, NULL), ==, GP_OK);
  g_assert_true (r.weights_resident);
  REL (r.tokens_per_s_per_user, 450, 0.30);
}

/* MLPerf Inference v4.1 (Aug 2024), closed division, Llama 2 70B offline on 8 x H100-SXM-80GB
 * (NVIDIA, TensorRT-LLM, FP8): ~84 samples/s, ~24,700 output tokens/s at the benchmark's
 * 294 tokens per sample (the reference TOKENS_PER_SAMPLE, 294.45). With the H100's GEMM
 * figures (0.8 large-GEMM ceiling, tile and wave quantisation) the model lands at ~0.62 of
 * it. Why not closer: every prompt is taken at the dataset's 1,024-token cap (its mean is
 * shorter, and prefill of 1,024 tokens is 3.5x the decode FLOPs, so the figure is
 * compute-bound); attention runs at the 16-bit peak (FP8 attention kernels are faster); and
 * at ~2,500 sequences the published figure implies near-peak FP8 throughput that only
 * shorter prompts allow. Tolerance: [0.5, 1.1] x the published figure. */
static void
test_mlperf_h100 (void)
{
  gp_accel a;
  gp_accel_params_init (&a);
  gp_net_levels net;
  dgx_net (&net, 8);
  gp_workload w;
  llama3 (&w, true);
  strcpy (w.name, "llama2-70b");
  w.vocab_size = 32000;       /* Touvron et al. 2023 (Llama 2): 32K vocabulary, 4K context */
  w.seq_len_tokens = 4096;
  gp_inference_params p;
  gp_inference_params_init (&p);
  p.weight_bits = 8;
  p.kv_bits = 8;
  p.prompt_tokens = 1024;
  p.output_tokens = 294;
  gp_inference_ctx c;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, NULL), ==, GP_OK);
  gp_inference_choice top[3];
  long nf, ev;
  g_assert_cmpint (gp_inference_search (&c, 8, 3, top, &nf, &ev, NULL), ==, GP_OK);
  g_assert_cmpint (nf, ==, 3);
  double ratio = top[0].r.tokens_per_s / 24700.0;
  g_assert_cmpfloat (ratio, >=, 0.5);
  g_assert_cmpfloat (ratio, <=, 1.1);
  /* ranked by throughput */
  g_assert_cmpfloat (top[0].r.tokens_per_s, >=, top[1].r.tokens_per_s);
  /* The server scenario's latency limits (TTFT <= 2 s, TPOT <= 200 ms) can only lower it */
  p.ttft_target_s = 2;
  p.tpot_target_s = 0.2;
  gp_inference_choice ts[1];
  g_assert_cmpint (gp_inference_search (&c, 8, 1, ts, &nf, &ev, NULL), ==, GP_OK);
  g_assert_true (ts[0].r.meets_targets);
  g_assert_cmpfloat (ts[0].r.tokens_per_s, <=, top[0].r.tokens_per_s);
}

static void
test_economics (void)
{
  /* Economics by hand on a made-up machine: 8 GPUs, capex 400,000 USD, 10 kW from the wall,
   * 5 years, 0.08 USD/kWh, 400 g/kWh, utilisation 0.5, embodied 20,000 kg; plan of 8.
   *   usd/s = 400,000 / (5 x 365.25 x 86,400 x 0.5) + 10 kW x 0.08 / 3,600
   *   J/token = 10,000 W / tokens/s */
  gp_accel a;
  gp_accel_params_init (&a);
  gp_net_levels net;
  dgx_net (&net, 8);
  gp_workload w;
  llama3 (&w, true);
  gp_inference_params p;
  gp_inference_params_init (&p);
  p.utilisation = 0.5;
  gp_inference_econ e = { 8, 400000, 10000, 20000, 5, 0.08, 400 };
  gp_inference_ctx c;
  gp_inference_result r;
  gp_serve_plan pl = { 8, 1, 1, 1 };
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, &e, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 32, &r, NULL), ==, GP_OK);
  double life = 5 * 365.25 * 86400 * 0.5;
  double usd_s = 400000 / life + 10.0 * 0.08 / 3600;
  double kg_s = 20000 / life + 10.0 * 0.4 / 3600;
  REL (r.power_w, 10000, 1e-12);
  REL (r.joules_per_token, 10000 / r.tokens_per_s, 1e-12);
  REL (r.usd_per_mtoken, usd_s / r.tokens_per_s * 1e6, 1e-12);
  REL (r.kgco2e_per_mtoken, kg_s / r.tokens_per_s * 1e6, 1e-12);
  /* half the machine pays half */
  gp_inference_econ e2 = e;
  e2.machine_accelerators = 16;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, &e2, NULL), ==, GP_OK);
  gp_inference_result r2;
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 32, &r2, NULL), ==, GP_OK);
  REL (r2.power_w, 5000, 1e-12);
}

static void
test_serving_power (void)
{
  /* Load-following power (models/gp-inference.h), by hand from the equation
   *   P = P_T [i + (1 - i)((1 - s_m - s_io) u_c + s_m u_m + s_io u_io)]
   * on a made-up machine: 8 GPUs of P_T = 700 W, s_m = 0.15, s_io = 0.03, i = 0.15, 1,000 W
   * of hosts and fabric, wall factor 1.25 (delivery and PUE). */
  gp_accel a;
  gp_accel_params_init (&a);
  gp_net_levels net;
  dgx_net (&net, 8);
  gp_workload w;
  llama3 (&w, true);
  gp_inference_params p;
  gp_inference_params_init (&p);
  p.idle_power_share = 0.15;
  gp_inference_econ e = { 8, 400000, 10000, 20000, 5, 0.08, 400, 700, 0.15, 0.03, 1000, 1.25 };
  gp_inference_ctx c;
  gp_inference_result lo, hi, r1, r32;
  gp_serve_plan pl = { 8, 1, 1, 1 };

  /* Low utilisation: a 100 ms per-layer latency leaves the GPUs idle > 99.9% of the time,
   * so each draws its floor, 0.15 x 700 = 105 W, and the plan (8 x 105 + 1,000) x 1.25 =
   * 2,300 W. */
  p.layer_latency_us = 1e5;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, &e, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 1, &lo, NULL), ==, GP_OK);
  g_assert_cmpfloat (lo.compute_utilisation, <, 1e-3);
  REL (lo.accel_power_w, 105, 1e-2);
  REL (lo.power_w, 2300, 1e-2);

  /* High utilisation: prefill-heavy requests (8,000-token prompts, one output token) on
   * Llama 3 8B on one GPU (no TP collectives) keep the math units busy nearly all the time
   * (compute-bound prefill): u_c -> 1, and with
   * the memory's u_m the GPU draws 700 (0.15 + 0.85 (0.82 u_c + 0.15 u_m + 0.03 u_io)),
   * checked from the utilisations the model reports; near the 700 W TDP and at most it. */
  p.layer_latency_us = 4;
  p.prompt_tokens = 8000;
  p.output_tokens = 1;
  gp_workload w8;
  llama3 (&w8, false);
  gp_serve_plan one = { 1, 1, 1, 1 };
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w8, &p, &e, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval_batch (&c, &one, 1, &hi, NULL), ==, GP_OK);
  g_assert_cmpfloat (hi.compute_utilisation, >, 0.9);
  g_assert_cmpfloat (hi.accel_power_w, >, 0.15 * 700 + 0.85 * 0.82 * 0.9 * 700);
  g_assert_cmpfloat (hi.accel_power_w, <=, 700);
  double uio_max = 1.0;
  g_assert_cmpfloat (hi.accel_power_w, <=, 700 * (0.15 + 0.85 * (0.82 * hi.compute_utilisation
                                                                 + 0.15 * hi.memory_utilisation
                                                                 + 0.03 * uio_max)) + 1e-9);
  g_assert_cmpfloat (hi.accel_power_w, >=, 700 * (0.15 + 0.85 * (0.82 * hi.compute_utilisation
                                                                 + 0.15 * hi.memory_utilisation))
                                            - 1e-9);
  REL (hi.power_w, (hi.accel_power_w + 1000.0 / 8) * 1.25, 1e-12); /* 1 of 8 GPUs */

  /* Decode: batching raises the utilisation and the power, but the tokens more, so tokens
   * per joule and cost per token improve with batch; both stay under the flat figure
   * (10 kW for the machine, e.power_w) a training load would charge. */
  p.prompt_tokens = 1024;
  p.output_tokens = 256;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, &e, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 1, &r1, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval_batch (&c, &pl, 32, &r32, NULL), ==, GP_OK);
  g_assert_cmpfloat (r32.accel_power_w, >, r1.accel_power_w);
  g_assert_cmpfloat (r32.tokens_per_joule, >, 10 * r1.tokens_per_joule);
  g_assert_cmpfloat (r32.usd_per_mtoken, <, r1.usd_per_mtoken);
  g_assert_cmpfloat (r1.power_w, <, 10000);

  /* bad econ: shares over 1, a wall factor below 1 */
  gp_inference_econ bad = e;
  bad.memory_power_share = 0.99;
  gp_error err = { 0 };
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, &bad, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "io_power_share");
  bad = e;
  bad.wall_factor = 0.5;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, &bad, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "wall_factor");
}

static void
test_from_system (void)
{
  /* The economics come from the system model, not re-derived: dgx-h100's capex and power. */
  gp_system s;
  gp_study st;
  gp_system_init (&s);
  gp_study_init (&st);
  gp_error err = { 0 };
  size_t n_nodes;
  gp_node *nodes = NULL;
  g_assert_cmpint (gp_nodes_load (NULL, &nodes, &n_nodes, &err), ==, GP_OK);
  gp_system_prepared *prep = g_new0 (gp_system_prepared, 1);
  gp_system_result *r = g_new0 (gp_system_result, 1);
  g_assert_cmpint (gp_system_prepare (&s, &st, nodes, n_nodes, prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_system_eval_hardware (&s, &st, prep, r, &err), ==, GP_OK);
  gp_inference_econ e;
  g_assert_cmpint (gp_inference_econ_from_system (&s, &st, r, &e, &err), ==, GP_OK);
  g_assert_cmpint (e.machine_accelerators, ==, 1024);
  REL (e.capex_usd, r->capex_usd, 0);
  REL (e.power_w, r->power_w, 0);
  /* and the load-following model's parts: one GPU at its 700 W (the parts over 1,024), the
   * system's 0.15 / 0.03 shares, and wall / equipment */
  REL (e.accel_power_w, 700, 1e-9);
  REL (e.memory_power_share, s.sys.accel_memory_power_share, 0);
  REL (e.fixed_power_w, r->power_w_part[GP_POWER_INTERCONNECT] + r->power_w_part[GP_POWER_SERVERS], 1e-12);
  REL (e.wall_factor * (1024 * 700 + e.fixed_power_w), r->power_w, 1e-9);
  REL (e.lifetime_years, 5, 0);
  g_free (prep);
  g_free (r);
  free (nodes);
}

static void
test_errors (void)
{
  gp_accel a;
  gp_accel_params_init (&a);
  gp_net_levels net;
  dgx_net (&net, 8);
  gp_workload w;
  llama3 (&w, true);
  gp_inference_params p;
  gp_inference_params_init (&p);
  gp_inference_ctx c;
  gp_inference_result r;
  gp_error err = { 0 };

  /* unsupported weight bits */
  p.weight_bits = 5;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "weight_bits");
  g_assert_nonnull (strstr (err.message, "16, 8 or 4"));
  p.weight_bits = 16;

  /* batch 0 */
  p.batch_seqs = 0;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "batch_seqs");
  p.batch_seqs = 1;

  /* prompt longer than the context: 8,000 + 256 > 8,192, and it says what fits */
  p.prompt_tokens = 8000;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "prompt_tokens");
  g_assert_nonnull (strstr (err.message, "at most 7936 prompt tokens"));
  p.prompt_tokens = 1024;

  /* the model fits nowhere: 70B at 16 bits on one 80 GB GPU; says 2 would hold it */
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, &err), ==, GP_OK);
  gp_serve_plan one = { 1, 1, 1, 1 };
  g_assert_cmpint (gp_inference_eval (&c, &one, &r, &err), ==, GP_EINFEASIBLE);
  g_assert_nonnull (strstr (err.message, "at least 2 accelerators"));
  /* nor on a whole 1-GPU machine through the search */
  gp_net_levels tiny = { 1, { { "none", 1, 1e9, 1e-6, 1 } } };
  g_assert_cmpint (gp_inference_prepare (&c, &a, &tiny, &w, &p, NULL, &err), ==, GP_OK);
  gp_inference_choice top[1];
  long nf;
  g_assert_cmpint (gp_inference_search (&c, 1, 1, top, &nf, NULL, &err), ==, GP_EINFEASIBLE);
  g_assert_nonnull (strstr (err.message, "no serving plan fits"));

  /* bad plans */
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, &err), ==, GP_OK);
  gp_serve_plan bad = { 3, 1, 1, 1 };
  g_assert_cmpint (gp_inference_eval (&c, &bad, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "tp");
  gp_serve_plan ep = { 8, 1, 2, 1 };
  g_assert_cmpint (gp_inference_eval (&c, &ep, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ep");
  gp_serve_plan big = { 8, 1, 1, 2 };
  g_assert_cmpint (gp_inference_eval (&c, &big, &r, &err), ==, GP_EINVAL);
  /* wafer: no tensor parallelism */
  gp_accel ws;
  cs3 (&ws);
  g_assert_cmpint (gp_inference_prepare (&c, &ws, &net, &w, &p, NULL, &err), ==, GP_OK);
  gp_serve_plan tp2 = { 2, 1, 1, 1 };
  g_assert_cmpint (gp_inference_eval (&c, &tp2, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "tp");
  /* NaN in a parameter */
  p.mem_bw_efficiency = NAN;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &p, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "mem_bw_efficiency");
}

int
main (int argc, char **argv)
{
  gp_models_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/inference/kv-llama3", test_kv_llama3);
  g_test_add_func ("/models/inference/capacity-8b", test_capacity_8b);
  g_test_add_func ("/models/inference/decode-bound", test_decode_bound);
  g_test_add_func ("/models/inference/batch-spec-disagg", test_batch_and_spec);
  g_test_add_func ("/models/inference/sweep-pareto", test_sweep_pareto);
  g_test_add_func ("/models/inference/cerebras", test_cerebras);
  g_test_add_func ("/models/inference/mlperf-h100", test_mlperf_h100);
  g_test_add_func ("/models/inference/economics", test_economics);
  g_test_add_func ("/models/inference/serving-power", test_serving_power);
  g_test_add_func ("/models/inference/from-system", test_from_system);
  g_test_add_func ("/models/inference/errors", test_errors);
  return g_test_run ();
}
