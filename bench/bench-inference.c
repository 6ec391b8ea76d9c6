/* bench-inference.c: one serving evaluation, a 256-point batch sweep and the serving-plan
 * search for Llama 3 70B on 64 H100s. Targets (issue 15): evaluation < 2 us; sweep < 1 ms;
 * search < 20 ms. */
#include "bench.h"

#include <stdio.h>
#include <string.h>

#include "gp-inference.h"

/* DGX H100 shape (brief sec. 4), as bench-steptime.c. */
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

/* Llama 3 70B (data/workloads.lua, Meta 2024 Table 3). */
static void
llama3_70b (gp_workload *w)
{
  gp_workload_params_init (w);
  w->layers = 80, w->hidden_size = 8192, w->heads = 64, w->kv_heads = 8;
  w->ffn_size = 28672, w->gated_ffn = true, w->linear_biases = false;
  w->learned_positions = false, w->tied_embeddings = false;
  w->seq_len_tokens = 8192, w->vocab_size = 128256, w->batch_seqs = 2048;
}

typedef struct {
  gp_accel accel;
  gp_net_levels net;
  gp_workload work;
  gp_inference_params par;
  gp_inference_econ econ;
  gp_inference_ctx ctx;
  gp_serve_plan plan;
  long batch;
  gp_inference_point pts[256];
  bool pareto[256];
  gp_inference_choice top[10];
} data;

static double
one_eval (void *p)
{
  data *d = p;
  gp_inference_result r;
  d->batch = d->batch == 16 ? 17 : 16; /* vary the input */
  gp_inference_eval_batch (&d->ctx, &d->plan, d->batch, &r, NULL);
  return r.tpot_s;
}

static double
sweep (void *p)
{
  data *d = p;
  long n = 0;
  gp_inference_sweep (&d->ctx, &d->plan, 256, d->pts, d->pareto, &n, NULL);
  return (double) n;
}

static double
search (void *p)
{
  data *d = p;
  long n = 0, ev = 0;
  gp_inference_search (&d->ctx, 64, 10, d->top, &n, &ev, NULL);
  return d->top[0].r.tokens_per_s;
}

void
gp_bench_inference (void)
{
  static data d;
  gp_accel_params_init (&d.accel);
  dgx (&d.net, 64);
  llama3_70b (&d.work);
  gp_inference_params_init (&d.par);
  d.econ = (gp_inference_econ) { 64, 64 * 40000.0, 64 * 1400.0, 64 * 2000.0, 5, 0.08, 301 };
  gp_error err = { 0 };
  if (gp_inference_prepare (&d.ctx, &d.accel, &d.net, &d.work, &d.par, &d.econ, &err) != GP_OK)
    {
      fprintf (stderr, "bench-inference: %s\n", err.message);
      return;
    }
  d.plan = (gp_serve_plan) { 8, 1, 1, 8 };
  gp_bench_run ("inference_eval_70b_tp8", one_eval, &d, 0.2);
  gp_bench_run ("inference_sweep_256_70b_tp8", sweep, &d, 0.2);
  long n = 0, ev = 0;
  gp_inference_search (&d.ctx, 64, 10, d.top, &n, &ev, NULL);
  gp_bench_print_value ("inference_search_70b_64_evaluated", (double) ev, "plans");
  gp_bench_run ("inference_search_70b_64", search, &d, 0.3);
}
