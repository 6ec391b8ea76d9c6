/* bench-steptime.c: one step-time evaluation, the parallelism search (full and the GUI's
 * default space) for GPT-3 175B on 1,024 and 4,096 H100s, and one goodput evaluation.
 * Targets (issue 5): evaluation < 1 us; full search < 1 s at 1,024 and < 4 s at 4,096;
 * default-space search < 20 ms at 1,024. Mixture of experts (issue 16): evaluation of a
 * DeepSeek-V3 plan < 1.5 us; full search for DeepSeek-V3 on 2,048 H800s < 2 s. */
#include "bench.h"

#include <stdio.h>
#include <string.h>

#include "gp-failure.h"
#include "gp-models.h"
#include "gp-search.h"
#include "gp-steptime.h"

/* DGX H100 shape (brief sec. 4): NVLink4 450 GB/s each way in domains of 8, one 400 Gb/s
 * NIC per GPU into an InfiniBand NDR fat tree. Latencies and pJ/bit are round estimates:
 * the topology model (issue 4) supplies the real levels. */
static void
dgx (gp_net_levels *net, long n)
{
  memset (net, 0, sizeof *net);
  net->n_levels = 2;
  strcpy (net->level[0].name, "NVLink4 via NVSwitch");
  net->level[0].group_size = 8;
  net->level[0].bw_bytes_per_s = 450e9;
  net->level[0].latency_s = 3e-6;
  net->level[0].energy_pj_per_bit = 5;
  strcpy (net->level[1].name, "InfiniBand NDR fat tree");
  net->level[1].group_size = n;
  net->level[1].bw_bytes_per_s = 50e9;
  net->level[1].latency_s = 5e-6;
  net->level[1].energy_pj_per_bit = 20;
}

typedef struct {
  gp_steptime_ctx ctx;
  gp_plan plan;
  gp_accel accel;
  gp_net_levels net;
  gp_workload work;
} eval_data;

static double
one_eval (void *data)
{
  eval_data *d = data;
  gp_steptime_result r;
  d->plan.microbatch_seqs = d->plan.microbatch_seqs == 1 ? 2 : 1; /* vary the input */
  gp_steptime_eval_prepared (&d->ctx, &d->plan, &r, NULL);
  return r.step_time_s;
}

static double
one_eval_full (void *data)
{
  eval_data *d = data;
  gp_steptime_result r;
  d->plan.microbatch_seqs = d->plan.microbatch_seqs == 1 ? 2 : 1;
  gp_steptime_eval (&d->accel, &d->net, &d->work, &d->plan, &r, NULL);
  return r.step_time_s;
}

static gp_search_entry entries[10];

static void
run_search (const char *name, eval_data *d, long n, bool gui)
{
  gp_search_params sp;
  gp_search_result out;
  gp_error err;
  char label[128], words[256];
  gp_search_params_init (&sp);
  sp.n_accel = n;
  sp.top_k = 10;
  if (gui)
    gp_search_params_restrict_default (&sp);
  int reps = gui ? 20 : 1;
  double t0 = gp_bench_now ();
  gp_status st = GP_OK;
  for (int i = 0; i < reps; i++)
    st = gp_search_run (&d->ctx, &sp, entries, &out, NULL, NULL, &err);
  double dt = (gp_bench_now () - t0) / reps;
  gp_bench_print_time (name, dt);
  if (st != GP_OK)
    {
      printf ("%s_error: %s\n", name, err.message);
      return;
    }
  snprintf (label, sizeof label, "%s_candidates", name);
  gp_bench_print_value (label, (double) out.candidates_total, "plans");
  snprintf (label, sizeof label, "%s_evaluated", name);
  gp_bench_print_value (label, (double) out.evaluated, "plans");
  snprintf (label, sizeof label, "%s_infeasible", name);
  gp_bench_print_value (label, (double) out.infeasible, "plans");
  snprintf (label, sizeof label, "%s_pruned_memory", name);
  gp_bench_print_value (label, (double) out.pruned_memory, "plans");
  snprintf (label, sizeof label, "%s_pruned_bound", name);
  gp_bench_print_value (label, (double) out.pruned_bound, "plans");
  const gp_plan *p = &entries[0].plan;
  const gp_steptime_result *r = &entries[0].result;
  printf ("%s_best: tp %ld pp %ld dp %ld b %ld v %ld recompute %s sp %d tpo %d dpo %d zero %ld "
          "offload w%d a%d o%d ep %ld epo %d\n", name, p->tp, p->pp, p->dp, p->microbatch_seqs,
          p->interleave, gp_recompute_names[p->recompute], p->seq_parallel, p->tp_overlap,
          p->dp_overlap, p->zero_stage, p->offload_weights, p->offload_activations,
          p->offload_optimizer, p->ep, p->ep_overlap);
  snprintf (label, sizeof label, "%s_best_step", name);
  gp_bench_print_value (label, r->step_time_s, "s");
  snprintf (label, sizeof label, "%s_best_mfu", name);
  gp_bench_print_value (label, r->mfu, "");
  gp_steptime_describe (&d->ctx, p, r, words, sizeof words, NULL);
  printf ("%s_best_binding: %s\n", name, words);
  fflush (stdout);
}

static double
one_failure (void *data)
{
  gp_failure_params *p = data;
  gp_failure_result r;
  p->restart_s = p->restart_s < 900 ? p->restart_s + 1 : 600;
  gp_failure_eval (p, &r, NULL);
  return r.goodput;
}

void
gp_bench_steptime (void)
{
  static eval_data d;
  gp_workload_params_init (&d.work); /* GPT-3 175B */
  gp_accel_params_init (&d.accel);   /* H100 SXM */
  dgx (&d.net, 1024);
  gp_plan_params_init (&d.plan);
  d.plan.tp = 8, d.plan.pp = 8, d.plan.dp = 16, d.plan.microbatch_seqs = 1;
  d.plan.recompute = GP_RECOMPUTE_SELECTIVE, d.plan.seq_parallel = true;
  d.plan.dp_overlap = true, d.plan.zero_stage = 1;
  if (gp_steptime_prepare (&d.ctx, &d.accel, &d.net, &d.work, NULL) != GP_OK)
    return;
  gp_bench_run ("steptime_eval_gpt3_1024", one_eval, &d, 0.3);
  gp_bench_run ("steptime_eval_with_prepare", one_eval_full, &d, 0.3);

  run_search ("search_gui_gpt3_1024", &d, 1024, true);
  /* The full space includes offload: give each GPU its share of the DGX H100's 2 TB of host
   * memory (256 GB) over PCIe Gen5 x16 (~64 GB/s each way). */
  d.accel.tier2_capacity_gb = 256;
  d.accel.tier2_bw_gb_per_s = 64;
  if (gp_steptime_prepare (&d.ctx, &d.accel, &d.net, &d.work, NULL) != GP_OK)
    return;
  run_search ("search_full_gpt3_1024", &d, 1024, false);
  dgx (&d.net, 4096);
  if (gp_steptime_prepare (&d.ctx, &d.accel, &d.net, &d.work, NULL) != GP_OK)
    return;
  run_search ("search_full_gpt3_4096", &d, 4096, false);

  gp_failure_params f;
  gp_failure_params_init (&f);
  gp_bench_run ("failure_eval", one_failure, &f, 0.2);

  /* DeepSeek-V3 as data/workloads.lua "deepseek-v3" on 2,048 H800 (H100 compute, NVLink
   * 400 GB/s = 200 GB/s each way, one 400 Gb/s NIC per GPU); its published layout PP 16,
   * EP 64, ZeRO-1, DualPipe overlap (DeepSeek-V3 report sec. 3.2). */
  static eval_data m;
  gp_workload *w = &m.work;
  gp_workload_params_init (w);
  strcpy (w->name, "deepseek-v3");
  w->layers = 61, w->hidden_size = 7168, w->heads = 128, w->kv_heads = 0;
  w->ffn_size = 18432, w->gated_ffn = true, w->linear_biases = false;
  w->learned_positions = false, w->tied_embeddings = false;
  w->seq_len_tokens = 4096, w->vocab_size = 129280, w->batch_seqs = 15360;
  w->experts = 256, w->experts_active = 8, w->experts_shared = 1, w->expert_ffn_size = 2048;
  w->dense_layers = 3, w->expert_imbalance = 1.25, w->expert_node_limit = 4;
  w->mla_kv_rank = 512, w->mla_q_rank = 1536, w->mla_rope_dim = 64, w->mla_head_dim = 128;
  gp_accel_params_init (&m.accel);
  dgx (&m.net, 2048);
  m.net.level[0].bw_bytes_per_s = 200e9;
  gp_plan_params_init (&m.plan);
  m.plan.dp = 128, m.plan.pp = 16, m.plan.ep = 64, m.plan.zero_stage = 1;
  m.plan.recompute = GP_RECOMPUTE_SELECTIVE, m.plan.dp_overlap = true;
  m.plan.ep_overlap = true;
  if (gp_steptime_prepare (&m.ctx, &m.accel, &m.net, &m.work, NULL) != GP_OK)
    return;
  gp_bench_run ("steptime_eval_moe_deepseek_v3", one_eval, &m, 0.3);
  run_search ("search_full_deepseek_v3_2048", &m, 2048, false);
}
