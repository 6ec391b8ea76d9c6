/* test-steptime.c: collectives, memory footprint and step time worked by hand. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "gp-models.h"
#include "gp-steptime.h"
#include "gp-test-util.h"


static void
tiny (gp_workload *w)
{
  /* data/workloads.lua "tiny-test" (worked in test-workload.c): P = 108,416; per sequence
   * forward 3,407,872 FLOPs per layer and 409,600 for the logits. */
  gp_workload_params_init (w);
  strcpy (w->name, "tiny");
  w->layers = 2, w->hidden_size = 64, w->heads = 4, w->seq_len_tokens = 32;
  w->vocab_size = 100, w->batch_seqs = 8;
}

/* 1 TFLOP/s at efficiency 1 so FLOPs read as picoseconds; memory bandwidth 1e17 B/s so
 * memory traffic and the memory-bound kernels are negligible (relative 1e-7) unless a test
 * lowers it. No tile quantisation, no interference; attention efficiency 0.5 so that the
 * causal kernel's half of the counted 4 b s^2 h FLOPs runs at 0.5 x peak, i.e. the
 * attention takes its counted FLOPs at peak, as the GEMMs do. */
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
  net->level[0].energy_pj_per_bit = 10;
}

static void
dgx_levels (gp_net_levels *net, long n)
{
  /* DGX H100 shape (brief sec. 4): NVLink4 900 GB/s bidirectional = 450 GB/s each way in
   * domains of 8; one 400 Gb/s NIC per GPU = 50 GB/s into the fat tree. */
  memset (net, 0, sizeof *net);
  net->n_levels = 2;
  strcpy (net->level[0].name, "NVLink4 via NVSwitch");
  net->level[0].group_size = 8;
  net->level[0].bw_bytes_per_s = 450e9;
  net->level[0].latency_s = 3e-6;
  strcpy (net->level[1].name, "InfiniBand NDR fat tree");
  net->level[1].group_size = n;
  net->level[1].bw_bytes_per_s = 50e9;
  net->level[1].latency_s = 5e-6;
}

static void
test_ring (void)
{
  double t;
  gp_error err;
  /* n = 4, S = 1e9 B, B = 1e10 B/s, alpha = 10 us:
   * all-reduce 2 x 3/4 x 0.1 s + 2 x 3 x 1e-5 = 0.15006 s; reduce-scatter half: 0.07503 s. */
  g_assert_cmpint (gp_ring_time (GP_COLL_ALLREDUCE, 4, 1e9, 1e10, 1e-5, &t, &err), ==, GP_OK);
  REL (t, 0.15006, 1e-12);
  g_assert_cmpint (gp_ring_time (GP_COLL_REDUCE_SCATTER, 4, 1e9, 1e10, 1e-5, &t, &err), ==,
                   GP_OK);
  REL (t, 0.07503, 1e-12);
  g_assert_cmpint (gp_ring_time (GP_COLL_ALLGATHER, 1, 1e9, 1e10, 1e-5, &t, &err), ==, GP_OK);
  g_assert_cmpfloat (t, ==, 0);
  g_assert_cmpint (gp_ring_time (GP_COLL_ALLREDUCE, 0, 1e9, 1e10, 1e-5, &t, &err), ==,
                   GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n");
  g_assert_cmpint (gp_ring_time (GP_COLL_ALLREDUCE, 4, 1e9, 0, 1e-5, &t, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "bw_bytes_per_s");
  g_assert_cmpint (gp_ring_time (GP_COLL_ALLREDUCE, 4, NAN, 1e10, 1e-5, &t, &err), ==,
                   GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "bytes");
}

static void
test_hierarchical (void)
{
  gp_net_levels net;
  memset (&net, 0, sizeof net);
  net.n_levels = 2;
  strcpy (net.level[0].name, "inner");
  net.level[0].group_size = 4, net.level[0].bw_bytes_per_s = 1e11, net.level[0].latency_s = 1e-6;
  strcpy (net.level[1].name, "outer");
  net.level[1].group_size = 64, net.level[1].bw_bytes_per_s = 1e10, net.level[1].latency_s = 1e-5;
  double t;
  int lv;
  bool hier;
  gp_error err;
  /* 16 ranks, stride 1, S = 1e9: two-level = RS inside (3/4 x 0.01 + 3 us) + AR of S/4
   * across 4 domains (2 x 3/4 x 0.025 + 60 us) + AG inside (0.0075 + 3 us)
   *   = 0.0075 + 0.03756 + 0.0075 + 6e-6 = 0.052566 s;
   * flat on the outer level: 2 x 15/16 x 0.1 + 30 x 1e-5 = 0.1878 s. Two-level wins. */
  g_assert_cmpint (gp_group_collective_time (&net, GP_COLL_ALLREDUCE, 16, 1, 1e9, &t, &lv,
                                             &hier, &err), ==, GP_OK);
  REL (t, 0.052566, 1e-12);
  g_assert_cmpint (lv, ==, 1);
  g_assert_true (hier);
  /* Stride 4: each inner domain holds one rank of the group, so it is flat: 0.1878 s. */
  g_assert_cmpint (gp_group_collective_time (&net, GP_COLL_ALLREDUCE, 16, 4, 1e9, &t, &lv,
                                             &hier, &err), ==, GP_OK);
  REL (t, 0.1878, 1e-12);
  g_assert_false (hier);
  /* 4 ranks inside one inner domain: 2 x 3/4 x 0.01 + 6 x 1e-6 = 0.015006 s on level 0. */
  g_assert_cmpint (gp_group_collective_time (&net, GP_COLL_ALLREDUCE, 4, 1, 1e9, &t, &lv,
                                             &hier, &err), ==, GP_OK);
  REL (t, 0.015006, 1e-12);
  g_assert_cmpint (lv, ==, 0);
  /* 128 ranks do not fit in 64. */
  g_assert_cmpint (gp_group_collective_time (&net, GP_COLL_ALLREDUCE, 128, 1, 1e9, &t, &lv,
                                             &hier, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n");
  g_assert_nonnull (strstr (err.message, "group_size = 64"));
}

static void
test_bubble (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  tiny (&w);
  toy_accel (&a);
  one_level (&net, 1e18, 0, 8);
  gp_plan_params_init (&p);
  p.pp = 2;
  /* pp 2, b 1, m 8. The last stage holds 1 layer + logits: forward 3,407,872 + 409,600
   * = 3,817,472 FLOPs = 3.817472 us at 1 TFLOP/s; backward twice that. Forward phase
   * 8 x 3.817472 = 30.539776 us, backward 61.079552 us, bubble (p-1) t_mb = 11.452416 us,
   * bubble fraction (p-1)/m = 1/8. Communication and memory are ~1e-14 s here. */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  g_assert_true (r.feasible);
  g_assert_cmpint (r.microbatches, ==, 8);
  REL (r.phase_s[GP_PHASE_FORWARD], 30.539776e-6, 1e-6);
  REL (r.phase_s[GP_PHASE_BACKWARD], 61.079552e-6, 1e-6);
  REL (r.phase_s[GP_PHASE_BUBBLE], 11.452416e-6, 1e-6);
  REL (r.bubble_fraction, 1.0 / 8.0, 1e-6);
  REL (r.step_time_s, 103.071744e-6, 1e-6);
  REL (r.compute_lower_bound_s, 103.071744e-6, 1e-6);
  g_assert_cmpint (r.binding, ==, GP_BOUND_COMPUTE);
  /* MFU = 173,408,256 / (103.071744 us x 2 x 1e12) = 0.841202 (the bubble and the idle first
   * stage, which has no logits, cost the rest); tokens/s = 256 / 103.071744 us. */
  REL (r.mfu, 173408256.0 / (103.071744e-6 * 2e12), 1e-6);
  REL (r.tokens_per_s, 256 / 103.071744e-6, 1e-6);
  /* Energy: 2 accelerators x 100 W x step (+ pipeline bits x 10 pJ, 8 sends of 4,096 B
   * each way = 65,536 B = 5.24 uJ per accelerator). */
  REL (r.energy_per_step_j, 2 * (100 * r.step_time_s + 65536 * 8 * 10e-12), 1e-6);
  double time_s, energy_j;
  gp_steptime_ctx ctx;
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  /* 1e9 tokens = 1e9 / 256 = 3,906,250 steps. */
  g_assert_cmpint (gp_steptime_to_train (&ctx, &r, 1e9, &time_s, &energy_j, &err), ==, GP_OK);
  REL (time_s, 3906250 * r.step_time_s, 1e-6);
  REL (energy_j, 3906250 * r.energy_per_step_j, 1e-6);
  g_assert_cmpint (gp_steptime_to_train (&ctx, &r, -1, &time_s, &energy_j, &err), ==,
                   GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "tokens");

  /* Interleaved: 4 layers, pp 2, v 2, m 8: last stage 2 layers + logits, t_mb =
   * 3 (2 x 3,407,872 + 409,600) ps = 21.676032 us; bubble (p-1)/v t_mb = 10.838016 us;
   * fraction (p-1)/(v m) = 1/16. */
  w.layers = 4;
  p.interleave = 2;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_BUBBLE], 10.838016e-6, 1e-6);
  REL (r.bubble_fraction, 1.0 / 16.0, 1e-6);
}

static void
test_flip (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  gp_steptime_ctx ctx;
  char words[256];
  tiny (&w);
  toy_accel (&a);
  gp_plan_params_init (&p);
  p.dp = 8; /* b 1, m 1 */
  /* Gradients 108,416 x 2 = 216,832 B; ring all-reduce over 8: 2 x 7/8 x 216,832 / B.
   * Compute, one sequence through both layers and the logits: forward 2 x 3,407,872 +
   * 409,600 = 7,225,344 FLOPs = 7.225344 us, backward 14.450688 us, together 21.676032 us. */
  one_level (&net, 1e12, 0, 8);
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  /* B = 1e12: all-reduce 0.379456 us, compute-bound; step 22.055488 us. */
  REL (r.phase_s[GP_PHASE_DP_COMM], 0.379456e-6, 1e-6);
  REL (r.step_time_s, 22.055488e-6, 1e-5); /* + optimizer 3.3e-11 s */
  g_assert_cmpint (r.binding, ==, GP_BOUND_COMPUTE);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  g_assert_cmpint (gp_steptime_describe (&ctx, &p, &r, words, sizeof words, &err), ==, GP_OK);
  g_assert_nonnull (strstr (words, "compute-bound"));
  /* B = 1e10: all-reduce 37.9456 us > 21.676032 us of compute: network-bound on the
   * data-parallel reduction; step 59.621632 us. */
  one_level (&net, 1e10, 0, 8);
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_DP_COMM], 37.9456e-6, 1e-6);
  REL (r.step_time_s, 59.621632e-6, 1e-5);
  g_assert_cmpint (r.binding, ==, GP_BOUND_NET_DP);
  g_assert_cmpint (r.dp_level, ==, 0);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  gp_steptime_describe (&ctx, &p, &r, words, sizeof words, &err);
  g_assert_nonnull (strstr (words, "network-bound: data-parallel all-reduce over test fabric"));
  /* Interconnect energy: each rank sends 2 x 7/8 x 216,832 = 379,456 B = 3,035,648 bit at
   * 10 pJ/bit = 30.35648 uJ; 8 ranks, plus 100 W each for the step. */
  REL (r.energy_per_step_j, 8 * (100 * r.step_time_s + 30.35648e-6), 1e-6);
  REL (r.net_bytes_per_step, 379456, 1e-6);
  /* Overlap with the backward: the 216,832 B of gradients fit in one 25 MB bucket, ready
   * only when the backward ends, so the last (only) bucket is exposed in full: exposed =
   * max(T / 1, T - t_bwd x 0) = 37.9456 us. */
  p.dp_overlap = true;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_DP_COMM], 37.9456e-6, 1e-6);
  REL (r.comm[GP_COMM_DP].exposed_s, 37.9456e-6, 1e-6);
  g_assert_cmpfloat (r.comm[GP_COMM_DP].hidden_s, ==, 0);
}

static void
test_tp (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  tiny (&w);
  toy_accel (&a);
  one_level (&net, 1e10, 1e-6, 4);
  gp_plan_params_init (&p);
  p.tp = 4, p.microbatch_seqs = 8; /* m = 1 */
  /* One all-reduce of b s h x 2 = 8 x 32 x 64 x 2 = 32,768 B over 4 ranks:
   * 2 x 3/4 x 32,768 / 1e10 + 2 x 3 x 1e-6 = 4.9152 + 6 = 10.9152 us. Two per layer forward
   * and two backward, 2 layers: 8 x 10.9152 = 87.3216 us. */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_TP_COMM], 87.3216e-6, 1e-6);
  g_assert_cmpint (r.tp_level, ==, 0);
  /* Sequence parallelism: a reduce-scatter or an all-gather of the same 32,768 B is
   * 3/4 x 32,768 / 1e10 + 3 x 1e-6 = 5.4576 us. Forward 2 RS + 2 AG = 21.8304 us per layer;
   * backward 2 RS + 2 AG + 2 AG re-gathering the sharded inputs for the weight gradients =
   * 32.7456 us; 2 layers: 109.152 us (Korthikanti et al. 2022, sec. 4.2.2). */
  p.seq_parallel = true;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_TP_COMM], 109.152e-6, 1e-6);
  REL (r.comm[GP_COMM_TP].time_s, 109.152e-6, 1e-6);
  REL (r.comm[GP_COMM_TP].exposed_s, 109.152e-6, 1e-6);
  /* Full recomputation repeats the forward's two per layer in backward: 12 x = 130.9824 us. */
  p.seq_parallel = false;
  p.recompute = GP_RECOMPUTE_FULL;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_TP_COMM], 130.9824e-6, 1e-6);
  /* Overlapped (with SP) under the layers' GEMMs only: per layer forward GEMMs are
   * 2 x 256 tokens x 12 h^2 / 4 = 6,291,456 FLOPs = 6.291456 us, so the forward's
   * 2 x 21.8304 = 43.6608 us of TP hide 12.582912 us and expose 31.077888 us; backward GEMMs
   * 25.165824 us against 65.4912 us expose 40.325376 us; TP phase 71.403264 us. The forward
   * phase is its compute, 8 x 7.225344 / 4 = 14.450688 us; the TP network binds. */
  p.recompute = GP_RECOMPUTE_NONE;
  p.seq_parallel = true, p.tp_overlap = true;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_TP_COMM], 71.403264e-6, 1e-6);
  REL (r.comm[GP_COMM_TP].hidden_s, 109.152e-6 - 71.403264e-6, 1e-6);
  REL (r.phase_s[GP_PHASE_FORWARD], 14.450688e-6, 1e-6);
  g_assert_cmpint (r.binding, ==, GP_BOUND_NET_TP);
}

static void
gpt3_plan (gp_plan *p)
{
  gp_plan_params_init (p);
  p->tp = 8, p->pp = 8, p->dp = 16, p->microbatch_seqs = 1;
  p->recompute = GP_RECOMPUTE_SELECTIVE;
  p->seq_parallel = true;
  p->zero_stage = 1;
}

static void
test_memory_known (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  gp_workload_params_init (&w); /* GPT-3 175B */
  gp_accel_params_init (&a);    /* H100 80 GB */
  dgx_levels (&net, 1024);
  gpt3_plan (&p);
  /* Per layer 12 h^2 + 13 h = 1,812,099,072 params; 12 layers per stage = 21,745,188,864;
   * the first stage adds V h + s h = 617,558,016 + 25,165,824 -> 22,387,912,704, / tp 8
   * = 2,798,489,088 per GPU. Weights and grads 2 B each: 5,596,978,176 B; optimizer
   * 12 B / dp 16 (ZeRO-1): 2,098,866,816 B. Activations (Korthikanti, selective + SP):
   * s b h 34/t = 2048 x 12288 x 34/8 = 106,954,752 B per layer; m = 1536/16 = 96 >= p, so
   * 8 micro-batches in flight x 12 layers = 10,267,656,192 B, plus the embedding mask
   * s b h / t x 8 = 25,165,824 B: 10,292,822,016 B. Total 23,585,645,184 B (the last stage,
   * with one micro-batch in flight, needs only 14,625,384,064 B). */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.weights_bytes, 5596978176.0, 1e-6);
  REL (r.grads_bytes, 5596978176.0, 1e-6);
  REL (r.optimizer_bytes, 2098866816.0, 1e-6);
  REL (r.activations_bytes, 10292822016.0, 1e-6);
  REL (r.mem_total_bytes, 23585645184.0, 1e-6);
  g_assert_cmpfloat (r.mem_shortfall_bytes, ==, 0);
  g_assert_cmpint (r.tp_level, ==, 0); /* TP 8 inside NVLink */
  g_assert_cmpint (r.dp_level, ==, 1);
  g_assert_true (r.mfu > 0.2 && r.mfu < 0.8);
  /* ZeRO-0: optimizer unsharded, 12 x 2,798,489,088 = 33,581,869,056 B. */
  p.zero_stage = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.optimizer_bytes, 33581869056.0, 1e-6);
  /* ZeRO-3: weights / 16 = 349,811,136 B plus two gathered layers, 2 x (1,812,099,072 / 8)
   * x 2 B = 906,049,536 B: 1,255,860,672 B; grads / 16 = 349,811,136 B. */
  p.zero_stage = 3;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.weights_bytes, 1255860672.0, 1e-6);
  REL (r.grads_bytes, 349811136.0, 1e-6);
}

static void
test_infeasible (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  gp_steptime_ctx ctx;
  char words[256];
  gp_workload_params_init (&w);
  gp_accel_params_init (&a);
  dgx_levels (&net, 1024);
  gp_plan_params_init (&p);
  p.tp = 2, p.dp = 512; /* pp 1, b 1, no recomputation, no SP, ZeRO-0 */
  /* P = 174,604,234,752; / tp 2 = 87,302,117,376 per GPU: weights 174,604,234,752 B, grads
   * the same, optimizer 1,047,625,408,512 B. Activations s b h (10 + 24/2 + 5 x 96 x 2048 /
   * (12288 x 2)) = 25,165,824 x 62 = 1,560,281,088 B per layer x 96 = 149,786,984,448, plus
   * s b h/t = 12,582,912 and the output layer 4 s b h/t (1 + V/h) = 256,184,320:
   * 150,055,751,680 B. Total 1,546,889,629,696 B; short by 1,466,889,629,696 B of 80 GB. */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINFEASIBLE);
  g_assert_false (r.feasible);
  REL (r.mem_total_bytes, 1546889629696.0, 1e-6);
  REL (r.mem_shortfall_bytes, 1466889629696.0, 1e-6);
  g_assert_cmpstr (err.param, ==, "mem_capacity_gb");
  g_assert_nonnull (strstr (err.message, "short by"));
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  gp_steptime_describe (&ctx, &p, &r, words, sizeof words, &err);
  g_assert_nonnull (strstr (words, "memory-capacity-bound"));
  double t, e;
  g_assert_cmpint (gp_steptime_to_train (&ctx, &r, 1e9, &t, &e, &err), ==, GP_EINFEASIBLE);
}

static void
test_offload (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  tiny (&w);
  toy_accel (&a);
  one_level (&net, 1e12, 0, 8);
  gp_plan_params_init (&p);
  p.microbatch_seqs = 8;
  p.offload_optimizer = true;
  /* No second tier: refused, naming the option. */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "offload_optimizer");
  a.tier2_capacity_gb = 1;
  a.tier2_bw_gb_per_s = 1;
  /* Optimizer state 108,416 x 12 = 1,300,992 B moves to the second tier; the update reads
   * and writes it there and moves grads down and weights up: 108,416 x (2 + 2 + 24)
   * = 3,035,648 B at 1 GB/s = 3.035648 ms, bound by the second tier. */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat (r.optimizer_bytes, ==, 0);
  REL (r.tier2_total_bytes, 1300992, 1e-6);
  REL (r.phase_s[GP_PHASE_OPTIMIZER], 3.035648e-3, 1e-6);
  g_assert_cmpint (r.phase_bound[GP_PHASE_OPTIMIZER], ==, GP_BOUND_TIER2);
  g_assert_cmpint (r.binding, ==, GP_BOUND_TIER2);
  /* Second tier too small: 1e-3 GB = 1e6 B < 1,300,992 B. */
  a.tier2_capacity_gb = 1e-3;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINFEASIBLE);
  REL (r.tier2_shortfall_bytes, 300992, 1e-6);
  g_assert_cmpstr (err.param, ==, "tier2_capacity_gb");
}

static void
wafer_accel (gp_accel *a)
{
  /* A toy wafer-scale system: 1 TFLOP/s, 40 GB SRAM at 10 EB/s (so the memory-bound
   * kernels are negligible, relative 1e-9), MemoryX-like tier. */
  toy_accel (a);
  a->wafer_scale = true;
  a->sram_capacity_gb = 40;
  a->sram_bw_tb_per_s = 1e7;
  a->stream_bw_gb_per_s = 1;
  a->tier2_capacity_gb = 1000;
  a->tier2_bw_gb_per_s = 1e8;
  a->power_w = 20000;
}

static void
test_wafer (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  tiny (&w);
  wafer_accel (&a);
  one_level (&net, 1e10, 0, 16);
  gp_plan_params_init (&p);
  p.microbatch_seqs = 8; /* m 1 */
  /* Resident mode: the state P x (2 + 2 + 12) = 108,416 x 16 = 1,734,656 B and the
   * activations of b = 8 (Korthikanti, no recomputation: s b h (34 + 5 a s / h) = 16,384 x
   * 44 = 720,896 B per layer, x 2 layers, + s b h 16,384 + logits 4 s b h (1 + V/h) =
   * 167,936: 1,626,112 B) make 3,360,768 B, far below 40 GB: nothing streams. The step is
   * compute: forward 8 x 7.225344 = 57.802752 us, backward twice that, 173.408256 us (the
   * SRAM traffic hides under compute; the optimizer's 3.25 MB at 20 PB/s adds 0.16 ns,
   * inside the 1e-5 tolerance). */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.mem_total_bytes, 3360768, 1e-12);
  REL (r.tier2_total_bytes, 0, 0);
  REL (r.step_time_s, 173.408256e-6, 1e-5);
  g_assert_cmpint (r.binding, ==, GP_BOUND_COMPUTE);
  REL (r.mfu, 1.0, 1e-5);
  /* Streaming mode, when the resident state does not fit (2.5 MB of SRAM): SRAM holds a
   * double-buffered window of the largest matrix 2 x max(f h, V h) x 2 = 2 x 16,384 x 2 =
   * 65,536 B and the activations 1,626,112 B: 1,691,648 B. Weights 216,832 B stream in at
   * 1 GB/s = 216.832 us forward and again backward (gradients out, same size, full duplex),
   * against compute 57.802752 and 115.605504 us: 433.664 us, weight-streaming-bound. The
   * external memory holds 1,734,656 B. */
  a.sram_capacity_gb = 2.5e-3;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.mem_total_bytes, 1691648, 1e-12);
  REL (r.tier2_total_bytes, 1734656, 1e-12);
  REL (r.step_time_s, 433.664e-6, 1e-6);
  g_assert_cmpint (r.binding, ==, GP_BOUND_STREAM);
  /* An external memory too small for the state: infeasible, short by 734,656 B. */
  a.tier2_capacity_gb = 1e-3;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINFEASIBLE);
  REL (r.tier2_shortfall_bytes, 734656, 1e-12);
  a.tier2_capacity_gb = 1000;
  /* 1 MB of SRAM holds neither mode: infeasible, the streaming footprint reported. */
  a.sram_capacity_gb = 1e-3;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINFEASIBLE);
  REL (r.mem_total_bytes, 1691648, 1e-12);
  a.sram_capacity_gb = 40;
  /* Two systems data-parallel, resident: each does 4 sequences, 86.704128 us, then the
   * gradients (216,832 B) are all-reduced over the external fabric, ring 2 (1/2) x 216,832
   * / 1e10 = 21.6832 us: 108.387328 us; MFU = 173,408,256 / (108.387328 us x 2 x 1e12)
   * = 86.704128 / 108.387328 = 0.79995. */
  p.dp = 2, p.microbatch_seqs = 4;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.step_time_s, 108.387328e-6, 1e-5);
  REL (r.mfu, 86.704128 / 108.387328, 1e-5);
  /* A pipeline of two resident systems (one layer each, b = 4, m = 2): the worst stage
   * holds a layer and the (tied) embedding; per micro-batch forward (3,407,872 + 409,600)
   * x 4 = 15.269888 us, backward 30.539776 us; the 16,384-byte activation send (1.6 us) hides
   * under compute; step (m + p - 1)(t_f + t_b) = 3 x 45.809664 = 137.428992 us. */
  p.dp = 1, p.pp = 2;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.step_time_s, 137.428992e-6, 1e-5);
  REL (r.phase_s[GP_PHASE_BUBBLE], 45.809664e-6, 1e-9);
  p.pp = 1;
  /* A wafer is never split by tensor parallelism: an error naming tp. */
  p.tp = 2;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "tp");
  g_assert_nonnull (strstr (err.message, "tp = 2 is out of range for a wafer-scale system"));
  p.tp = 1;
  p.zero_stage = 1;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "zero_stage");
  p.zero_stage = 0;
  a.sram_capacity_gb = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "sram_capacity_gb");
  a.sram_capacity_gb = 40;
  a.tier2_capacity_gb = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "tier2_capacity_gb");
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
  tiny (&w);
  toy_accel (&a);
  one_level (&net, 1e10, 0, 8);
  gp_plan_params_init (&p);

  p.pp = 3; /* 2 layers */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "pp");
  g_assert_nonnull (strstr (err.message, "pp = 3 must not exceed layers = 2"));
  gp_plan_params_init (&p);
  p.cp = 3; /* seq_len 32 */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "cp");
  g_assert_nonnull (strstr (err.message, "cp = 3 must divide seq_len_tokens = 32"));
  gp_plan_params_init (&p);
  p.cp = 4, p.dp = 4; /* 16 ranks on a level of 8 */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "dp");
  g_assert_nonnull (strstr (err.message, "cannot place"));
  gp_plan_params_init (&p);
  p.tp = 8; /* 4 heads; also 8 ranks fit the level */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "tp");
  gp_plan_params_init (&p);
  p.microbatch_seqs = 3;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "microbatch_seqs");
  gp_plan_params_init (&p);
  p.interleave = 2; /* pp 1 */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "interleave");
  gp_plan_params_init (&p);
  p.dp = 16; /* level holds 8 */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "dp");
  gp_plan_params_init (&p);
  p.dp = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "dp");
  g_assert_nonnull (strstr (err.message, "dp = 0 is out of range"));
  gp_plan_params_init (&p);
  p.zero_stage = 4;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "zero_stage");
  gp_plan_params_init (&p);
  p.tp = 2, p.tp_overlap = true; /* without seq_parallel */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "tp_overlap");
  gp_plan_params_init (&p);
  p.recompute = 7;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "recompute");

  gp_plan_params_init (&p);
  a.peak_tflop_per_s = NAN;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "peak_tflop_per_s");
  toy_accel (&a);
  a.matmul_efficiency = 1.5;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "matmul_efficiency");
  toy_accel (&a);
  a.attention_efficiency = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "attention_efficiency");
  toy_accel (&a);
  a.mem_efficiency = 1.01;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "mem_efficiency");
  toy_accel (&a);
  a.comm_interference = 1;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "comm_interference");
  toy_accel (&a);
  a.mem_capacity_gb = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "mem_capacity_gb");
  toy_accel (&a);
  a.tier2_capacity_gb = 10; /* no bandwidth */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "tier2_bw_gb_per_s");
  toy_accel (&a);

  net.level[0].bw_bytes_per_s = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "bw_bytes_per_s");
  g_assert_nonnull (strstr (err.message, "net level 0"));
  one_level (&net, 1e10, 0, 8);
  net.n_levels = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n_levels");
  dgx_levels (&net, 4); /* outer 4 < inner 8 */
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "group_size");
  one_level (&net, 1e10, -1, 8);
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "latency_s");
  one_level (&net, 1e10, 0, 8);
  net.level[0].core_share = 1.5;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "core_share");
  one_level (&net, 1e10, 0, 8);
  w.heads = 0;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "heads");
  tiny (&w);
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, NULL, &r, &err), ==, GP_EINVAL);
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpint (gp_steptime_eval (NULL, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpint (gp_steptime_eval (&a, NULL, &w, &p, &r, &err), ==, GP_EINVAL);
}

static void
test_uneven_cp (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  tiny (&w);
  w.layers = 3;
  toy_accel (&a);
  one_level (&net, 1e12, 0, 8);
  gp_plan_params_init (&p);
  /* 3 layers on 2 stages: the last stage gets 1 layer (+ the logits), the first 2. The
   * first is slower: 2 x 3,407,872 = 6,815,744 FLOPs per sequence forward against
   * 3,407,872 + 409,600; 8 sequences, m = 1: forward 54.525952 us, backward 109.051904 us,
   * two sends of 8 x 32 x 64 x 2 = 32,768 B at 1e12 B/s = 0.065536 us; step (m + 1) x
   * 163.643392 = 327.286784 us. */
  p.pp = 2, p.microbatch_seqs = 8;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.step_time_s, 327.286784e-6, 1e-6);

  /* Context parallelism 2 on the 2-layer model, b = 8, 1e10 B/s, no latency. Each rank's
   * K and V: 8 x 16 tokens x 2 x 64 x 2 B = 32,768 B; the ring moves 1/2 x 65,536 B =
   * 3.2768 us per layer forward, 6.5536 us for 2 layers, twice that backward (13.1072 us).
   * Attention per rank and layer: 4 x 8 x 32 x 16 x 64 = 1,048,576 counted FLOPs =
   * 1.048576 us (toy), 2.097152 us forward and 4.194304 us backward for 2 layers, so the
   * ring exposes 4.456448 + 8.912896 = 13.369344 us. The gradients (216,832 B) are
   * all-reduced over the CP pair: 2 x 1/2 x 216,832 / 1e10 = 21.6832 us. */
  tiny (&w);
  one_level (&net, 1e10, 0, 8);
  gp_plan_params_init (&p);
  p.cp = 2, p.microbatch_seqs = 8;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_CP_COMM], 13.369344e-6, 1e-6);
  REL (r.comm[GP_COMM_CP].time_s, 19.6608e-6, 1e-6);
  REL (r.comm[GP_COMM_CP].hidden_s, 6.291456e-6, 1e-6);
  REL (r.phase_s[GP_PHASE_DP_COMM], 21.6832e-6, 1e-6);
  g_assert_cmpint (r.cp_level, ==, 0);
}

static void
test_contention (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  tiny (&w);
  toy_accel (&a);
  gp_plan_params_init (&p);
  /* 16 ranks on two DGX-like nodes of 8: tp 2 inside, dp 8 at stride 2. */
  dgx_levels (&net, 16);
  p.dp = 8, p.tp = 2;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  double open = r.phase_s[GP_PHASE_DP_COMM];
  /* A 4:1 core: the DP group (stride 2, 8 ranks over 2 nodes) crosses it. Two-level
   * all-reduce of G = 108,416 / 2 params x 2 B = 108,416 B: 4 ranks per node; across, 2
   * nodes on 108,416 / 4 = 27,104 B: 2 x 1/2 x 27,104 / B_out, which grows from 0.54208 us
   * at 50e9 B/s to 2.16832 us at 12.5e9 B/s: +1.62624 us. */
  net.level[1].core_share = 0.25;
  net.level[1].local_size = 8;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.phase_s[GP_PHASE_DP_COMM] - open, 1.62624e-6, 1e-6);
  g_assert_true (r.dp_hierarchical);

  /* Interference: TP 4 over SP with overlap on a 1e11 B/s, zero-latency level; each
   * reduce-scatter or all-gather of 32,768 B is 0.24576 us. Forward 2 layers x 4 = 1.96608
   * us under 12.582912 us of GEMMs, backward 2 x 6 = 2.94912 us under 25.165824 us: nothing
   * exposed, and at 10% interference the compute loses 0.1 x (1.96608 + 2.94912) =
   * 0.49152 us; the forward phase is 14.450688 + 0.196608 = 14.647296 us. */
  tiny (&w);
  a.comm_interference = 0.1;
  one_level (&net, 1e11, 0, 4);
  gp_plan_params_init (&p);
  p.tp = 4, p.microbatch_seqs = 8, p.seq_parallel = true, p.tp_overlap = true;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat (r.comm[GP_COMM_TP].exposed_s, ==, 0);
  REL (r.comm[GP_COMM_TP].slowdown_s, 0.49152e-6, 1e-6);
  REL (r.phase_s[GP_PHASE_FORWARD], 14.647296e-6, 1e-6);
}

/* The plan's rank order decides where each group lands. Tiny workload on 16 ranks: nodes of
 * 4 at 1e11 B/s inside, 1e10 B/s between, no latency; tp 4, dp 4, b 2 (m = 1), ZeRO 0, no
 * overlap. Default order (tp-cp-pp-dp): TP inside a node, each all-reduce of b s h x 2 =
 * 2 x 32 x 64 x 2 = 8,192 B is 2 x 3/4 x 8,192 / 1e11 = 0.12288 us, 8 of them (2 forward and
 * 2 backward per layer, 2 layers) = 0.98304 us; DP at stride 4 crosses the nodes with one
 * rank in each, a flat all-reduce of G = 108,416 / 4 params x 2 B = 54,208 B: 2 x 3/4 x
 * 54,208 / 1e10 = 8.1312 us. Order dp-tp-cp-pp swaps them: TP at stride 4 pays 1e10 B/s,
 * 9.8304 us, and DP inside a node 0.81312 us. */
static void
test_order (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err = { 0 };
  tiny (&w);
  toy_accel (&a);
  memset (&net, 0, sizeof net);
  net.n_levels = 2;
  strcpy (net.level[0].name, "node"), strcpy (net.level[1].name, "scale-out");
  net.level[0].group_size = 4, net.level[0].bw_bytes_per_s = 1e11;
  net.level[1].group_size = 16, net.level[1].bw_bytes_per_s = 1e10;
  gp_plan_params_init (&p);
  p.tp = 4, p.dp = 4, p.microbatch_seqs = 2;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.comm[GP_COMM_TP].time_s, 0.98304e-6, 1e-9);
  REL (r.comm[GP_COMM_DP].time_s, 8.1312e-6, 1e-9);
  g_assert_cmpint (r.tp_level, ==, 0);
  g_assert_cmpint (r.dp_level, ==, 1);
  gp_param_set_string (gp_param_table_find (&gp_plan_param_table, "order"), &p, "dp-tp-cp-pp", &err);
  g_assert_cmpint (p.order, >, 0);
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_OK);
  REL (r.comm[GP_COMM_TP].time_s, 9.8304e-6, 1e-9);
  REL (r.comm[GP_COMM_DP].time_s, 0.81312e-6, 1e-9);
  g_assert_cmpint (r.tp_level, ==, 1);
  g_assert_cmpint (r.dp_level, ==, 0);
  /* An order naming an unknown dimension names the field and the choices. */
  g_assert_cmpint (gp_param_set_string (gp_param_table_find (&gp_plan_param_table, "order"), &p,
                                        "tp-xx-dp", &err), !=, GP_OK);
  g_assert_cmpstr (err.param, ==, "order");
  g_assert_nonnull (strstr (err.message, "allowed tp-cp-pp-dp, tp-cp-dp-pp"));
  g_assert_nonnull (strstr (err.message, ", ...")); /* 24 choices: the list is cut whole */
  /* An order index out of range is refused by the table check. */
  p.order = 24;
  g_assert_cmpint (gp_steptime_eval (&a, &net, &w, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "order");
}

/* The "where the step goes" parts add up to the step, whatever binds (an identity of the
 * accounting: every phase is compute + interference + a memory floor, or an exposed part). */
static void
test_where (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_plan p;
  gp_steptime_result r;
  gp_error err;
  gp_workload_params_init (&w); /* GPT-3 175B */
  gp_accel_params_init (&a);    /* H100 */
  dgx_levels (&net, 1024);
  const long plans[][6] = {
    /* tp, cp, pp, dp, zero, recompute */
    { 8, 1, 8, 16, 1, GP_RECOMPUTE_SELECTIVE },
    { 4, 2, 8, 16, 3, GP_RECOMPUTE_FULL },
    { 16, 1, 4, 16, 2, GP_RECOMPUTE_NONE },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      gp_plan_params_init (&p);
      p.tp = plans[i][0], p.cp = plans[i][1], p.pp = plans[i][2], p.dp = plans[i][3];
      p.zero_stage = plans[i][4], p.recompute = (int) plans[i][5];
      p.seq_parallel = p.tp_overlap = p.dp_overlap = true;
      gp_status st = gp_steptime_eval (&a, &net, &w, &p, &r, &err);
      g_assert_cmpint (st, ==, GP_OK);
      double parts[GP_WHERE_N], sum = 0;
      gp_steptime_where (&r, parts);
      for (int k = 0; k < GP_WHERE_N; k++)
        {
          g_assert_cmpfloat (parts[k], >=, 0);
          sum += parts[k];
        }
      REL (sum, r.step_time_s, 1e-9);
      /* time = hidden + exposed for every collective */
      for (int k = 0; k < GP_COMM_N; k++)
        g_assert_cmpfloat (fabs (r.comm[k].hidden_s + r.comm[k].exposed_s - r.comm[k].time_s),
                           <=, 1e-9 * r.comm[k].time_s);
    }
}

static void
test_tables (void)
{
  /* Every default validates against its own table, and names end in their unit. */
  gp_accel a;
  gp_plan p;
  gp_error err;
  gp_accel_params_init (&a);
  gp_plan_params_init (&p);
  g_assert_cmpint (gp_params_validate (&gp_accel_param_table, &a, &err), ==, GP_OK);
  g_assert_cmpint (gp_accel_validate (&a, &err), ==, GP_OK);
  g_assert_cmpint (gp_params_validate (&gp_plan_param_table, &p, &err), ==, GP_OK);
  g_assert_nonnull (gp_param_table_find (&gp_accel_param_table, "peak_tflop_per_s"));
  g_assert_nonnull (gp_param_table_find (&gp_plan_param_table, "microbatch_seqs"));
  REL (a.peak_tflop_per_s, 989, 0); /* brief sec. 4, H100 SXM */
  REL (a.mem_bw_gb_per_s, 3350, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/steptime/ring", test_ring);
  g_test_add_func ("/models/steptime/hierarchical", test_hierarchical);
  g_test_add_func ("/models/steptime/bubble", test_bubble);
  g_test_add_func ("/models/steptime/flip", test_flip);
  g_test_add_func ("/models/steptime/tp", test_tp);
  g_test_add_func ("/models/steptime/memory-known", test_memory_known);
  g_test_add_func ("/models/steptime/infeasible", test_infeasible);
  g_test_add_func ("/models/steptime/offload", test_offload);
  g_test_add_func ("/models/steptime/wafer", test_wafer);
  g_test_add_func ("/models/steptime/errors", test_errors);
  g_test_add_func ("/models/steptime/uneven-cp", test_uneven_cp);
  g_test_add_func ("/models/steptime/contention", test_contention);
  g_test_add_func ("/models/steptime/order", test_order);
  g_test_add_func ("/models/steptime/where", test_where);
  g_test_add_func ("/models/steptime/tables", test_tables);
  return g_test_run ();
}
