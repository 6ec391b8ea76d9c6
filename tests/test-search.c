/* test-search.c: the exhaustive search against a case enumerated by hand, against a brute
 * force without pruning, and its progress, cancel and error paths. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "gp-fabric-plan.h"
#include "gp-models.h"
#include "gp-search.h"
#include "gp-topology.h"
#include "gp-test-util.h"


static void
tiny (gp_workload *w)
{
  gp_workload_params_init (w);
  strcpy (w->name, "tiny");
  w->layers = 2, w->hidden_size = 64, w->heads = 4, w->seq_len_tokens = 32;
  w->vocab_size = 100, w->batch_seqs = 8;
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
  strcpy (net->level[0].name, "NVLink4 via NVSwitch");
  net->level[0].group_size = 8, net->level[0].bw_bytes_per_s = 450e9;
  net->level[0].latency_s = 3e-6;
  strcpy (net->level[1].name, "InfiniBand NDR fat tree");
  net->level[1].group_size = n, net->level[1].bw_bytes_per_s = 50e9;
  net->level[1].latency_s = 5e-6;
}

static void
narrow (gp_search_params *sp, long n, long k)
{
  gp_search_params_init (sp);
  sp->n_accel = n;
  sp->top_k = k;
  sp->recompute_mask = 1; /* none */
  sp->zero_mask = 1;      /* ZeRO-0 */
  sp->seq_parallel_mask = 1;
  sp->tp_overlap_mask = 1;
  sp->dp_overlap_mask = 1;
  sp->allow_offload = false;
  sp->max_cp = 1;
}

static void
test_hand (void)
{
  /* tiny model (P = 108,416, weights and gradients 216,832 B) on 2 accelerators of
   * 1 TFLOP/s at efficiency 1, no tile quantisation, attention efficiency 0.5 (the causal
   * half of the counted attention FLOPs at half rate: the counted FLOPs at peak), memory at
   * 1e17 B/s (memory-bound kernels and the optimizer negligible, relative < 1e-7), on a
   * 1 GB/s, 1 ms-latency link. With the options narrowed to no recomputation, ZeRO-0, no
   * SP, no overlap, no offload, no CP, the space is (tp, pp, dp) in {(1,1,2), (1,2,1),
   * (2,1,1)} with b | B/dp: 3 + 4 + 4 = 11 plans. One sequence through both layers and the
   * logits: forward 2 x 3,407,872 + 409,600 = 7,225,344 FLOPs, backward twice that, 21.676032
   * us in all.
   *
   * dp 2, any b: 4 sequences = 86.704128 us; all-reduce of 216,832 B over 2: 216.832 us +
   *   2 ms. Step 2,303.536128 us for b = 1, 2 and 4 alike.
   * pp 2, b 8, m 1: the last stage (1 layer + logits) is the slower: 8 x (3,407,872 +
   *   409,600) = 30.539776 us forward, 61.079552 us backward; two sends of 32,768 B at 1 ms
   *   + 32.768 us = 2,065.536 us; (m + 1) x 2,157.155328 = 4,314.310656 us. Smaller b pay
   *   more sends ((m + 1) x 2 per step); tp 2 pays 8 all-reduces of >= 2 ms per micro-batch.
   * So the ranking is the three dp 2 plans, then (pp 2, b 8). */
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_steptime_ctx ctx;
  gp_search_params sp;
  gp_search_entry e[4];
  gp_search_result out;
  gp_error err;
  tiny (&w);
  gp_accel_params_init (&a);
  a.peak_tflop_per_s = 1, a.matmul_efficiency = 1, a.mem_bw_gb_per_s = 1e8;
  a.compute_units = 0, a.attention_efficiency = 0.5, a.mem_efficiency = 1;
  a.comm_interference = 0;
  one_level (&net, 1e9, 1e-3, 2);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  narrow (&sp, 2, 4);
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_OK);
  g_assert_cmpint (out.candidates_total, ==, 11);
  g_assert_cmpint (out.covered, ==, 11);
  g_assert_cmpint (out.evaluated + out.infeasible + out.pruned_memory + out.pruned_bound, ==,
                   11);
  g_assert_cmpint (out.n_found, ==, 4);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpint (e[i].plan.dp, ==, 2);
      REL (e[i].result.step_time_s, 2303.536128e-6, 1e-6);
    }
  g_assert_cmpint (e[3].plan.pp, ==, 2);
  g_assert_cmpint (e[3].plan.microbatch_seqs, ==, 8);
  REL (e[3].result.step_time_s, 4314.310656e-6, 1e-6);

  /* With CP allowed, (cp 2, b | 8) join: 4 more plans. Each rank computes what a dp 2 rank
   * does (half of every sequence, attention included), reduces the same gradients over the
   * pair, and also passes K/V around the ring at 1 ms of latency per layer and direction:
   * dp 2 stays first. */
  sp.max_cp = 0;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_OK);
  g_assert_cmpint (out.candidates_total, ==, 15);
  g_assert_cmpint (e[0].plan.dp, ==, 2);
}

/* Brute force: every plan of the full space by the rules in gp-search.h, each checked and
 * timed through the public API, no pruning. */
static int
cmp_double (const void *x, const void *y)
{
  double a = *(const double *) x, b = *(const double *) y;
  return (a > b) - (a < b);
}

static void
brute (const gp_steptime_ctx *ctx, long n, bool tier2, double **times, long *n_times,
       long *count)
{
  const gp_workload *w = ctx->work;
  long cap = 1 << 22, nt = 0, cnt = 0;
  double *t = g_new (double, cap);
  for (long tp = 1; tp <= n; tp++)
    for (long cp = 1; cp <= n / tp; cp++)
    for (long pp = 1; pp <= n / (tp * cp); pp++)
      {
        /* cp <= 32: the full space's limit (gp_search_params_init) */
        if (n % (tp * cp * pp) != 0 || w->heads % tp || w->seq_len_tokens % cp || cp > 32
            || pp > w->layers)
          continue;
        long dp = n / (tp * cp * pp);
        if (w->batch_seqs % dp)
          continue;
        long br = w->batch_seqs / dp, lps = (w->layers + pp - 1) / pp;
        long rep = dp * cp; /* ranks holding the same weights */
        for (long v = 1; v <= lps; v++)
          {
            if (lps % v || (v > 1 && pp == 1))
              continue;
            for (long b = 1; b <= br; b++)
              {
                if (br % b || (v > 1 && (br / b) % pp))
                  continue;
                for (int rc = 0; rc < 3; rc++)
                  for (int z = 0; z < (rep > 1 ? 4 : 1); z++)
                    for (int off = 0; off < (tier2 ? 8 : 1); off++)
                      for (int sq = 0; sq < (tp > 1 ? 2 : 1); sq++)
                        for (int to = 0; to < (tp > 1 && sq ? 2 : 1); to++)
                          for (int dov = 0; dov < (rep > 1 ? 2 : 1); dov++)
                          /* expert parallelism: every ep | dp dividing the experts, with
                           * and without the all-to-all overlap */
                          for (long ep = 1; ep <= dp; ep++)
                          for (int eo = 0; eo < (ep > 1 ? 2 : 1); eo++)
                            {
                              if (dp % ep || (ep > 1 && (w->experts == 0 || w->experts % ep)))
                                continue;
                              gp_plan p;
                              gp_steptime_result r;
                              gp_plan_params_init (&p);
                              p.dp = dp, p.tp = tp, p.pp = pp, p.cp = cp;
                              p.microbatch_seqs = b;
                              p.interleave = v, p.recompute = rc, p.zero_stage = z;
                              p.offload_weights = off & 1;
                              p.offload_activations = (off >> 1) & 1;
                              p.offload_optimizer = (off >> 2) & 1;
                              p.seq_parallel = sq, p.tp_overlap = to, p.dp_overlap = dov;
                              p.ep = ep, p.ep_overlap = eo;
                              cnt++;
                              gp_status st = gp_steptime_eval_prepared (ctx, &p, &r, NULL);
                              g_assert_true (st == GP_OK || st == GP_EINFEASIBLE);
                              if (st == GP_OK)
                                {
                                  g_assert_true (nt < cap);
                                  t[nt++] = r.step_time_s;
                                }
                            }
              }
          }
      }
  qsort (t, (size_t) nt, sizeof *t, cmp_double);
  *times = t;
  *n_times = nt;
  *count = cnt;
}

/* Runs the pruned search for the top 8 of N accelerators on CTX (into E) and checks it
 * against the brute force: the same candidate count, all covered, the brute force's 8
 * fastest step times, and some pruning done. */
static void
check_top8_against_brute (const gp_steptime_ctx *ctx, long n, gp_search_entry e[8])
{
  gp_search_params sp;
  gp_search_result out;
  gp_error err;
  gp_search_params_init (&sp);
  sp.n_accel = n, sp.top_k = 8;
  g_assert_cmpint (gp_search_run (ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_OK);
  double *t;
  long nt, count;
  brute (ctx, n, true, &t, &nt, &count);
  g_assert_cmpint (out.candidates_total, ==, count);
  g_assert_cmpint (out.covered, ==, count);
  g_assert_cmpint (out.n_found, ==, 8);
  for (int i = 0; i < 8; i++)
    REL (e[i].result.step_time_s, t[i], 1e-12);
  g_assert_cmpint (out.pruned_bound + out.pruned_memory, >, 0);
  g_free (t);
}

static void
test_against_brute_force (void)
{
  /* Llama 3 8B shape on 16 H100s (two DGX nodes) with 512 GB of host memory at 64 GB/s as
   * a second tier: the search's top 8 must be the brute force's 8 fastest, and its
   * candidate count the brute force's count. */
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_steptime_ctx ctx;
  gp_search_params sp;
  gp_search_entry e[8];
  gp_search_result out;
  gp_error err;
  gp_workload_params_init (&w);
  w.layers = 32, w.hidden_size = 4096, w.heads = 32, w.kv_heads = 8, w.ffn_size = 14336;
  w.gated_ffn = true, w.linear_biases = false, w.learned_positions = false;
  w.tied_embeddings = false, w.seq_len_tokens = 8192, w.vocab_size = 128256;
  w.batch_seqs = 64;
  gp_accel_params_init (&a);
  a.tier2_capacity_gb = 512, a.tier2_bw_gb_per_s = 64;
  dgx_levels (&net, 16);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  gp_search_params_init (&sp);
  sp.n_accel = 16, sp.top_k = 8;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_OK);
  double *t;
  long nt, count;
  brute (&ctx, 16, true, &t, &nt, &count);
  g_assert_cmpint (out.candidates_total, ==, count);
  g_assert_cmpint (out.covered, ==, count);
  g_assert_cmpint (out.n_found, ==, 8);
  g_assert_cmpint (nt, >=, 8);
  for (int i = 0; i < 8; i++)
    REL (e[i].result.step_time_s, t[i], 1e-12);
  for (int i = 1; i < 8; i++)
    g_assert_cmpfloat (e[i].result.step_time_s, >=, e[i - 1].result.step_time_s);
  /* Pruning did work here, and the decided counts add up. */
  g_assert_cmpint (out.pruned_bound + out.pruned_memory, >, 0);
  g_assert_cmpint (out.evaluated + out.infeasible + out.pruned_memory + out.pruned_bound, ==,
                   count);
  g_free (t);

  /* GPT-3 175B on 128 H100s (16 DGX nodes), same host tier: most plans do not fit, so the
   * memory pruning is exercised hard. */
  gp_workload_params_init (&w);
  dgx_levels (&net, 128);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  sp.n_accel = 128;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_OK);
  brute (&ctx, 128, true, &t, &nt, &count);
  g_assert_cmpint (out.candidates_total, ==, count);
  g_assert_cmpint (out.n_found, ==, 8);
  for (int i = 0; i < 8; i++)
    REL (e[i].result.step_time_s, t[i], 1e-12);
  g_assert_cmpint (out.pruned_memory, >, 0);
  g_free (t);

  /* A small mixture of experts (a quarter-width Mixtral: 8 layers, h 1024, 8 experts of
   * width 3,584, top-2) on 16 H100s: expert parallelism 1, 2, 4, 8 and its overlap join
   * the space, and the pruned search still finds the brute force's 8 fastest. */
  gp_workload_params_init (&w);
  w.layers = 8, w.hidden_size = 1024, w.heads = 8, w.kv_heads = 2, w.ffn_size = 3584;
  w.gated_ffn = true, w.linear_biases = false, w.learned_positions = false;
  w.tied_embeddings = false, w.seq_len_tokens = 4096, w.vocab_size = 32000;
  w.batch_seqs = 64, w.experts = 8, w.experts_active = 2, w.expert_imbalance = 1.25;
  dgx_levels (&net, 16);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  check_top8_against_brute (&ctx, 16, e);
  bool any_ep = false;
  for (int i = 0; i < 8; i++)
    any_ep = any_ep || e[i].plan.ep > 1;
  g_assert_true (any_ep); /* on this shape EP pays: it is among the best plans */

  /* The glass fabric's per-plan placement (the plan_net hook gp_system_eval installs): the
   * Llama 3 8B shape on a 4 x 4 torus of 16 and on a circuit fabric of 16 with 4 ports,
   * each plan's groups placed on the fabric. The bounds must stay exact with the hook: the
   * pruned search's top 8 are the brute force's 8 fastest (the brute force goes through
   * the same hook, plan by plan). */
  gp_workload_params_init (&w);
  w.layers = 32, w.hidden_size = 4096, w.heads = 32, w.kv_heads = 8, w.ffn_size = 14336;
  w.gated_ffn = true, w.linear_biases = false, w.learned_positions = false;
  w.tied_embeddings = false, w.seq_len_tokens = 8192, w.vocab_size = 128256;
  w.batch_seqs = 64;
  for (int kind = 0; kind < 2; kind++)
    {
      gp_topology_params tp;
      gp_topology_params_init (&tp);
      tp.kind = kind == 0 ? GP_TOPO_DIRECT_CONNECT : GP_TOPO_CIRCUIT_SWITCHED;
      tp.fabric_shape = GP_FABRIC_TORUS;
      tp.accelerators = 16, tp.node_accels = 4;
      tp.torus_auto_dims = 0, tp.torus_x = 4, tp.torus_y = 4, tp.torus_z = 1;
      tp.scaleup_links_per_accel = 4, tp.scaleup_link_rate_gbps = 800;
      tp.scaleup_switch_radix = 16;
      gp_topology_result *tr = g_new0 (gp_topology_result, 1);
      g_assert_cmpint (gp_topology_eval (&tp, tr, &err), ==, GP_OK);
      net = tr->net;
      g_free (tr);
      g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
      ctx.plan_net = gp_fabric_plan_net_hook;
      ctx.plan_net_user = &tp;
      check_top8_against_brute (&ctx, 16, e);
    }
}

typedef struct {
  int calls;
  int stop_at;
  double last;
  bool monotone;
} progress_log;

static bool
on_progress (double f, const gp_search_entry *best, void *user)
{
  progress_log *log = user;
  if (f < log->last || f < 0 || f > 1)
    log->monotone = false;
  log->last = f;
  log->calls++;
  return log->stop_at == 0 || log->calls < log->stop_at;
}

static void
test_progress_cancel (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_steptime_ctx ctx;
  gp_search_params sp;
  gp_search_entry e[5];
  gp_search_result out;
  gp_error err;
  gp_workload_params_init (&w); /* GPT-3 175B */
  gp_accel_params_init (&a);
  dgx_levels (&net, 256);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  gp_search_params_init (&sp);
  sp.n_accel = 256, sp.top_k = 5;
  progress_log log = { 0, 0, 0, true };
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, on_progress, &log, &err), ==, GP_OK);
  g_assert_true (log.monotone);
  g_assert_cmpfloat (log.last, ==, 1.0);
  g_assert_cmpint (log.calls, >=, 2);
  g_assert_cmpint (out.covered, ==, out.candidates_total);
  double best = e[0].result.step_time_s;
  /* Cancel at the tenth report: GP_ECANCELLED, partial counts, the list kept sorted. */
  progress_log stop = { 0, 10, 0, true };
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, on_progress, &stop, &err), ==,
                   GP_ECANCELLED);
  g_assert_true (out.cancelled);
  g_assert_cmpint (stop.calls, ==, 10);
  g_assert_cmpint (out.covered, <, out.candidates_total);
  g_assert_cmpstr (err.param, ==, "search");
  for (long i = 1; i < out.n_found; i++)
    g_assert_cmpfloat (e[i].result.step_time_s, >=, e[i - 1].result.step_time_s);
  if (out.n_found > 0)
    g_assert_cmpfloat (e[0].result.step_time_s, >=, best);
}

static void
test_infeasible_and_wafer (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_steptime_ctx ctx;
  gp_search_params sp;
  gp_search_entry e[3];
  gp_search_result out;
  gp_error err;
  /* GPT-3 175B on 8 H100s: 175e9 x 16 B = 2.8 TB of state for 640 GB. */
  gp_workload_params_init (&w);
  gp_accel_params_init (&a);
  dgx_levels (&net, 8);
  net.n_levels = 1; /* one NVLink domain of 8 */
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  gp_search_params_init (&sp);
  sp.n_accel = 8, sp.top_k = 3;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_EINFEASIBLE);
  g_assert_cmpint (out.n_found, ==, 0);
  g_assert_cmpfloat (out.min_shortfall_bytes, >, 0);
  g_assert_cmpint (out.covered, ==, out.candidates_total);
  g_assert_nonnull (strstr (err.message, "no plan fits"));

  /* Wafer-scale, 2 systems: tp = 1 always; dp = 2 with b | 4 (3 sizes) x 3 recomputation
   * modes, and a resident pipeline pp = 2 with b | 8 (4 sizes) x 3 modes: 9 + 12 = 21.
   * The tiny model is resident, and a pipeline of two (a 16 kB activation send) beats
   * all-reducing 216,832 B of gradients at 10 GB/s. */
  tiny (&w);
  gp_accel_params_init (&a);
  a.wafer_scale = true, a.sram_capacity_gb = 40, a.sram_bw_tb_per_s = 20000;
  a.stream_bw_gb_per_s = 150, a.tier2_capacity_gb = 1000, a.tier2_bw_gb_per_s = 1000;
  one_level (&net, 1e10, 1e-6, 2);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  gp_search_params_init (&sp);
  sp.n_accel = 2, sp.top_k = 3;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_OK);
  g_assert_cmpint (out.candidates_total, ==, 21);
  g_assert_cmpint (e[0].plan.pp, ==, 2);
  g_assert_cmpint (e[0].plan.tp, ==, 1);
}

static void
test_restricted (void)
{
  /* The GUI's default space is a subset of the full one: its best is never faster. */
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_steptime_ctx ctx;
  gp_search_params sp;
  gp_search_entry e[1], f[1];
  gp_search_result out, full;
  gp_workload_params_init (&w);
  gp_accel_params_init (&a);
  dgx_levels (&net, 128);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, NULL), ==, GP_OK);
  gp_search_params_init (&sp);
  sp.n_accel = 128, sp.top_k = 1;
  g_assert_cmpint (gp_search_run (&ctx, &sp, f, &full, NULL, NULL, NULL), ==, GP_OK);
  gp_search_params_restrict_default (&sp);
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, NULL), ==, GP_OK);
  g_assert_cmpint (out.candidates_total, <, full.candidates_total);
  g_assert_cmpfloat (e[0].result.step_time_s, >=, f[0].result.step_time_s);
}

static void
test_errors (void)
{
  gp_workload w;
  gp_accel a;
  gp_net_levels net;
  gp_steptime_ctx ctx;
  gp_search_params sp;
  gp_search_entry e[2];
  gp_search_result out;
  gp_error err;
  tiny (&w);
  gp_accel_params_init (&a);
  one_level (&net, 1e10, 0, 8);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  gp_search_params_init (&sp);
  sp.n_accel = 16;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n_accel");
  sp.n_accel = 8, sp.top_k = 0;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "top_k");
  sp.top_k = 2, sp.recompute_mask = 0;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "recompute_mask");
  sp.recompute_mask = 7, sp.zero_mask = 16;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "zero_mask");
  sp.zero_mask = 15;
  g_assert_cmpint (gp_search_run (&ctx, &sp, NULL, &out, NULL, NULL, &err), ==, GP_EINVAL);
  /* An empty space: 7 accelerators, 4 heads, 2 layers, batch 8: no tp x pp x dp = 7 with
   * tp | 4, pp | 2, dp | 8. */
  one_level (&net, 1e10, 0, 7);
  g_assert_cmpint (gp_steptime_prepare (&ctx, &a, &net, &w, &err), ==, GP_OK);
  sp.n_accel = 7;
  g_assert_cmpint (gp_search_run (&ctx, &sp, e, &out, NULL, NULL, &err), ==, GP_EINFEASIBLE);
  g_assert_cmpstr (err.param, ==, "n_accel");
  g_assert_nonnull (strstr (err.message, "no valid plan"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/search/hand", test_hand);
  g_test_add_func ("/models/search/brute-force", test_against_brute_force);
  g_test_add_func ("/models/search/progress-cancel", test_progress_cancel);
  g_test_add_func ("/models/search/infeasible-wafer", test_infeasible_and_wafer);
  g_test_add_func ("/models/search/restricted", test_restricted);
  g_test_add_func ("/models/search/errors", test_errors);
  return g_test_run ();
}
