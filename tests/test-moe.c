/* test-moe.c: mixture-of-experts training worked by hand: the all-to-all on one and two
 * levels, the dispatch/combine volume and time of a step, expert weights sharded by ep, and
 * the plan errors naming ep. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "gp-inference.h"
#include "gp-models.h"
#include "gp-moe.h"
#include "gp-steptime.h"
#include "gp-test-util.h"


/* data/workloads.lua "tiny-test" (l 2, h 64, a 4, s 32, V 100, B 8, GPT style, f = 4h = 256)
 * made a mixture of experts: 4 routed experts of width 256 in both layers, top-2. */
static void
tiny_moe (gp_workload *w)
{
  gp_workload_params_init (w);
  strcpy (w->name, "tiny-moe");
  w->layers = 2, w->hidden_size = 64, w->heads = 4, w->seq_len_tokens = 32;
  w->vocab_size = 100, w->batch_seqs = 8;
  w->experts = 4, w->experts_active = 2;
}

/* 1 TFLOP/s, no quantisation, no interference, 80 GB (as test-steptime.c's toy). */
static void
toy_accel (gp_accel *a)
{
  gp_accel_params_init (a);
  a->peak_tflop_per_s = 1;
  a->matmul_efficiency = 1;
  a->compute_units = 0;
  a->attention_efficiency = 0.5;
  a->mem_efficiency = 1;
  a->comm_interference = 0;
  a->mem_capacity_gb = 80;
  a->mem_bw_gb_per_s = 1e8;
  a->power_w = 100;
}

static void
one_level (gp_net_levels *net, double bw, double alpha, long group)
{
  memset (net, 0, sizeof *net);
  net->n_levels = 1;
  strcpy (net->level[0].name, "test fabric");
  net->level[0].group_size = group;
  net->level[0].bw_bytes_per_s = bw;
  net->level[0].latency_s = alpha;
}

static void
dgx_levels (gp_net_levels *net, long n)
{
  memset (net, 0, sizeof *net);
  net->n_levels = 2;
  strcpy (net->level[0].name, "NVLink");
  net->level[0].group_size = 8, net->level[0].bw_bytes_per_s = 450e9;
  net->level[0].latency_s = 3e-6;
  strcpy (net->level[1].name, "InfiniBand");
  net->level[1].group_size = n, net->level[1].bw_bytes_per_s = 50e9;
  net->level[1].latency_s = 5e-6;
}

static void
test_alltoall (void)
{
  gp_net_levels net;
  double t;
  int lv;
  /* Pairwise exchange, one level: n 8, S 8 MB, 100 GB/s, 1 us:
   * 7/8 x 8e6 / 1e11 + 7 x 1e-6 = 70 us + 7 us = 77 us. */
  one_level (&net, 100e9, 1e-6, 64);
  g_assert_cmpint (gp_group_alltoall_time (&net, 8, 1, 8e6, &t, &lv, NULL), ==, GP_OK);
  REL (t, 77e-6, 1e-12);
  g_assert_cmpint (lv, ==, 0);
  /* n = 1 sends nothing. */
  g_assert_cmpint (gp_group_alltoall_time (&net, 1, 1, 8e6, &t, NULL, NULL), ==, GP_OK);
  g_assert_cmpfloat (t, ==, 0.0);
  /* Two levels, 16 ranks over two NVLink domains of 8, S 16 MB: 7/16 of it stays inside
   * (7e6 B / 450 GB/s + 7 x 3 us = 36.6 us), 8/16 crosses InfiniBand (8e6 / 50e9 + 8 x 5 us
   * = 160 + 40 = 200 us), in parallel: 200 us. */
  dgx_levels (&net, 64);
  g_assert_cmpint (gp_group_alltoall_time (&net, 16, 1, 16e6, &t, &lv, NULL), ==, GP_OK);
  REL (t, 200e-6, 1e-12);
  g_assert_cmpint (lv, ==, 1);
  /* A group larger than the machine is refused, naming n. */
  gp_error err;
  g_assert_cmpint (gp_group_alltoall_time (&net, 128, 1, 1, &t, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n");
}

static void
test_ep_step (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r, r1;
  gp_error err;
  tiny_moe (&w);
  toy_accel (&a);
  one_level (&net, 1e9, 1e-6, 64);
  gp_plan_params_init (&p);
  p.dp = 4, p.ep = 4;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  /* Dispatch of one micro-batch (b 1): s k h bytes = 32 x 2 x 64 x 2 = 8,192 bytes per rank
   * (load 1, tp 1, cp 1). All-to-all over ep 4: 3/4 x 8,192 / 1e9 + 3 x 1 us = 9.144 us.
   * Per micro-batch 2 MoE layers x (2 forward + 2 backward) = 8 of them; m = 8 / 4 = 2
   * micro-batches: 16 x 9.144 us = 146.304 us, all exposed (no overlap). */
  REL (r.ep_bytes_per_alltoall, 8192, 1e-12);
  REL (r.comm[GP_COMM_EP].time_s, 146.304e-6, 1e-9);
  REL (r.comm[GP_COMM_EP].exposed_s, 146.304e-6, 1e-9);
  REL (r.phase_s[GP_PHASE_EP_COMM], 146.304e-6, 1e-9);
  g_assert_cmpint (r.ep_level, ==, 0);
  /* Expert weights sharded by ep (ZeRO 0, pp 1, tp 1): the routed experts are
   * 2 layers x 4 experts x 2 h f = 2 x 4 x 32,768 = 262,144 weights; ep 4 keeps a quarter,
   * so 3/4 x 262,144 x 2 bytes = 393,216 bytes fewer weights (and as many gradient bytes)
   * than ep 1. */
  p.ep = 1;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r1, &err), ==, GP_OK);
  REL (r1.weights_bytes - r.weights_bytes, 393216, 1e-12);
  REL (r1.grads_bytes - r.grads_bytes, 393216, 1e-12);
  g_assert_cmpfloat (r1.comm[GP_COMM_EP].time_s, ==, 0.0);
  g_assert_cmpint (r1.ep_level, ==, -1);
  /* Node-limited routing to 1 rank halves the copies (k 2 -> 1); a capacity factor of 1.5
   * pads the buffers: 32 x 1 x 64 x 2 x 1.5 = 6,144 bytes. */
  w.expert_node_limit = 1, w.capacity_factor = 1.5;
  p.ep = 4;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.ep_bytes_per_alltoall, 6144, 1e-12);
  /* Overlapped with compute (interference 0): hidden as far as the compute covers it, so
   * the exposed part shrinks and the step is shorter. */
  gp_steptime_result ro;
  p.ep_overlap = true;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &ro, &err), ==, GP_OK);
  g_assert_cmpfloat (ro.comm[GP_COMM_EP].exposed_s, <, r.comm[GP_COMM_EP].exposed_s);
  g_assert_cmpfloat (ro.step_time_s, <, r.step_time_s);
  REL (ro.comm[GP_COMM_EP].time_s, r.comm[GP_COMM_EP].time_s, 1e-12);
}

/* Expert GEMMs by active experts: with 1 TFLOP/s at efficiency 1 and no quantisation, the
 * layer's forward GEMMs take 2 M W_active / peak. Tiny MoE, M = 32 tokens, W_active =
 * attention 4 h^2 16,384 + router E h 256 + k 2 h f 2 x 32,768 = 82,176, so 2 x 32 x 82,176
 * = 5,259,264 FLOPs = 5.259264 us per layer forward; ep 4 (each expert on ep M k / E = 64
 * tokens, E/ep = 1 expert per rank) gives the same FLOPs on one rank. */
static void
test_active_flops (void)
{
  gp_workload w;
  gp_workload_sizes z;
  tiny_moe (&w);
  g_assert_cmpint (gp_workload_sizes_eval (&w, &z, NULL), ==, GP_OK);
  REL (z.active_matmul_per_layer, 82176, 1e-12);
  /* total: attention 16,384 + router 256 + 4 experts x 32,768 = 147,712 */
  REL (z.matmul_per_layer, 147712, 1e-12);
  gp_accel a;
  gp_net_levels net;
  gp_steptime_result r1, r4;
  gp_plan p;
  toy_accel (&a);
  /* toy_accel memory bandwidth 1e17 B/s: the GEMMs stay compute-bound */
  one_level (&net, 1e15, 0, 64);
  gp_plan_params_init (&p);
  p.dp = 4;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r1, NULL), ==, GP_OK);
  p.ep = 4;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r4, NULL), ==, GP_OK);
  /* m = 2 micro-batches, 2 layers, forward + backward = 3 x forward GEMMs, plus the
   * logits 3 x 2 x 32 x 100 x 64 FLOPs: gemm_s = 2 x (2 x 3 x 5.259264 + 3 x 0.4096) us. */
  double expect = 2.0 * (2.0 * 3.0 * 5.259264e-6 + 3.0 * 0.4096e-6);
  REL (r1.gemm_s, expect, 1e-9);
  REL (r4.gemm_s, expect, 1e-9);
}

static void
test_errors (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  tiny_moe (&w);
  toy_accel (&a);
  one_level (&net, 1e9, 1e-6, 64);
  gp_plan_params_init (&p);
  p.dp = 8, p.ep = 8; /* 8 does not divide 4 experts */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ep");
  g_assert_nonnull (strstr (err.message, "must divide experts = 4"));
  p.dp = 1, p.ep = 2; /* ep does not divide dp */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ep");
  g_assert_nonnull (strstr (err.message, "must divide dp = 1"));
  p.dp = 2, p.ep = 0; /* below the table's range */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ep");
  /* ep on a dense workload */
  w.experts = 0, w.experts_active = 0;
  p.ep = 2;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ep");
  g_assert_nonnull (strstr (err.message, "mixture-of-experts"));
}

/* Distinct experts touched by n tokens picking k of E: E (1 - (1 - k/E)^n), by hand:
 * one token touches k = 2 of 8; two touch 8 (1 - (3/4)^2) = 8 x 7/16 = 3.5; 4 tokens with
 * k 2 of 4 touch 4 (1 - (1/2)^4) = 3.75; DeepSeek-V3's 256 experts, k 8, a batch of 32
 * tokens: 256 (1 - (31/32)^32) = 256 x 0.637945 = 163.31 (not 256: decode at small batch
 * reads two thirds of the experts). */
static void
test_experts_touched (void)
{
  REL (gp_moe_experts_touched (8, 2, 1), 2.0, 1e-12);
  REL (gp_moe_experts_touched (8, 2, 2), 3.5, 1e-12);
  REL (gp_moe_experts_touched (4, 2, 4), 3.75, 1e-12);
  REL (gp_moe_experts_touched (256, 8, 32), 163.31384595038296, 1e-9);
  g_assert_cmpfloat (gp_moe_experts_touched (8, 2, 0), ==, 0.0);
  REL (gp_moe_experts_touched (8, 8, 3), 8.0, 1e-12);
  /* many tokens touch them all */
  REL (gp_moe_experts_touched (256, 8, 1e6), 256.0, 1e-12);
}

/* Inference of the tiny MoE on an accelerator so fast that decode is memory-bound: peak
 * 1e6 TFLOP/s, 1 GB/s of memory at efficiency 1, no per-layer latency; prompt 8 and output
 * 2 tokens (mean decode context 9). */
static void
inference_setup (gp_workload *w, gp_accel *a, gp_net_levels *net, gp_inference_params *par)
{
  tiny_moe (w);
  toy_accel (a);
  a->peak_tflop_per_s = 1e6;
  a->mem_bw_gb_per_s = 1;
  one_level (net, 1e9, 1e-6, 64);
  gp_inference_params_init (par);
  par->prompt_tokens = 8, par->output_tokens = 2, par->batch_seqs = 1;
  par->weight_bits = 16, par->kv_bits = 16, par->kv_latent_size = 0;
  par->mem_bw_efficiency = 1, par->layer_latency_us = 0, par->spec_acceptance = 0;
  par->disaggregated = false;
}

static void
test_inference_moe (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_inference_params par;
  gp_inference_ctx c;
  gp_inference_result r;
  gp_serve_plan p;
  gp_error err;
  inference_setup (&w, &a, &net, &par);
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &par, NULL, &err), ==, GP_OK);
  gp_serve_plan_init (&p);
  g_assert_cmpint (gp_inference_eval (&c, &p, &r, &err), ==, GP_OK);
  /* Batch 1 reads per layer attention 4 h^2 = 16,384, router E h = 256 and the k = 2
   * touched experts of 2 h f = 32,768: 82,176; 2 layers + the head V h = 6,400 gives
   * 170,752 weights x 2 bytes = 341,504 bytes at 1 GB/s = 341.504 us (all four experts
   * would be 2 x 147,712 + 6,400 = 301,824 weights: 603.648 us). */
  REL (r.step_bound_s[GP_INF_BOUND_WEIGHTS], 341.504e-6, 1e-9);
  g_assert_cmpint (r.binding, ==, GP_INF_BOUND_WEIGHTS);
  /* Batch 4 touches 4 (1 - (1/2)^4) = 3.75 experts per layer: 16,384 + 256 + 3.75 x 32,768
   * = 139,520; x 2 + 6,400 = 285,440 weights = 570,880 bytes = 570.88 us. */
  g_assert_cmpint (gp_inference_eval_batch (&c, &p, 4, &r, &err), ==, GP_OK);
  REL (r.step_bound_s[GP_INF_BOUND_WEIGHTS], 570.88e-6, 1e-9);
  /* All experts resident: weights on the accelerator (pp 1 holds the embeddings, tied):
   * 2 layers x 148,544 (147,712 matmul + 832 biases and norms) + 8,448 (V h + s h) =
   * 305,536 weights = 611,072 bytes. With ep 2 over 2 replicas each holds half the routed
   * experts: 2 x (148,544 - 131,072 / 2) + 8,448 = 174,464 weights = 348,928 bytes. */
  g_assert_cmpint (gp_inference_eval (&c, &p, &r, &err), ==, GP_OK);
  REL (r.weights_bytes, 611072, 1e-12);
  p.dp = 2, p.ep = 2;
  g_assert_cmpint (gp_inference_eval (&c, &p, &r, &err), ==, GP_OK);
  REL (r.weights_bytes, 348928, 1e-12);
  /* Dispatch and combine per MoE layer per decode token: each rank sends 1 token x k 2 x
   * h 64 x 2 bytes = 256 bytes; over ep 2 at 1 GB/s and 1 us: 1/2 x 256 / 1e9 + 1 us =
   * 1.128 us; 2 per layer x 2 layers = 4.512 us on the critical path. */
  REL (r.step_bound_s[GP_INF_BOUND_NET_EP], 4.512e-6, 1e-9);
  /* Prefill of the 8-token prompt sends 8 x 256 = 2,048 bytes per all-to-all:
   * 1/2 x 2,048 / 1e9 + 1 us = 2.024 us, x 4 = 8.096 us of the prefill's network time. */
  REL (r.prefill_net_s, 8.096e-6, 1e-9);
  /* Errors naming ep. */
  p.dp = 2, p.ep = 3;
  g_assert_cmpint (gp_inference_eval (&c, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ep");
  g_assert_nonnull (strstr (err.message, "must divide experts = 4"));
  p.dp = 1, p.ep = 2;
  g_assert_cmpint (gp_inference_eval (&c, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "ep");
  g_assert_nonnull (strstr (err.message, "must divide dp = 1"));
}

/* MLA's KV cache from the workload: (d_c + d_r) values per token per layer, replicated
 * over TP. d_c 16, d_r 8, 2 layers, 16-bit: (16 + 8) x 2 x 2 = 96 bytes per token, against
 * 2 x 4 heads x 16 x 2 layers x 2 = 512 bytes for the same model's multi-head attention. */
static void
test_inference_mla (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_inference_params par;
  gp_inference_ctx c;
  gp_inference_result r;
  gp_serve_plan p;
  inference_setup (&w, &a, &net, &par);
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &par, NULL, NULL), ==, GP_OK);
  gp_serve_plan_init (&p);
  g_assert_cmpint (gp_inference_eval (&c, &p, &r, NULL), ==, GP_OK);
  REL (r.kv_bytes_per_token, 512, 1e-12);
  w.mla_kv_rank = 16, w.mla_rope_dim = 8, w.mla_head_dim = 16;
  g_assert_cmpint (gp_inference_prepare (&c, &a, &net, &w, &par, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (gp_inference_eval (&c, &p, &r, NULL), ==, GP_OK);
  REL (r.kv_bytes_per_token, 96, 1e-12);
  p.tp = 2; /* the latent is replicated, not split */
  g_assert_cmpint (gp_inference_eval (&c, &p, &r, NULL), ==, GP_OK);
  REL (r.kv_bytes_per_token_accel, 96, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/moe/alltoall", test_alltoall);
  g_test_add_func ("/models/moe/ep-step", test_ep_step);
  g_test_add_func ("/models/moe/active-flops", test_active_flops);
  g_test_add_func ("/models/moe/errors", test_errors);
  g_test_add_func ("/models/moe/experts-touched", test_experts_touched);
  g_test_add_func ("/models/moe/inference", test_inference_moe);
  g_test_add_func ("/models/moe/inference-mla", test_inference_mla);
  return g_test_run ();
}
