/* bench-wafer-yield.c: hot paths of the wafer, yield and die-cost models. */
#include "bench.h"

#include "gp-models.h"

static double
one_yield (void *data)
{
  gp_yield_params *p = data;
  double y = 0;
  p->area_mm2 = p->area_mm2 < 800 ? p->area_mm2 + 1 : 100; /* vary the input */
  gp_yield_eval (p, &y, NULL);
  return y;
}

static double
one_redundancy (void *data)
{
  gp_redundancy_params *p = data;
  gp_redundancy_result r;
  p->d0_per_cm2 = p->d0_per_cm2 < 0.2 ? p->d0_per_cm2 + 1e-4 : 0.05;
  gp_yield_redundancy (p, &r, NULL);
  return r.yield;
}

static double
one_count (void *data)
{
  gp_wafer_params *p = data;
  gp_wafer_result r;
  gp_wafer_count (p, &r, NULL);
  return (double) r.gross_dies;
}

static double
one_die_cost (void *data)
{
  gp_die_cost_params *p = data;
  gp_die_cost_result r;
  gp_die_cost (p, &r, NULL);
  return r.cost_per_good_die;
}

void
gp_bench_wafer_yield (void)
{
  gp_yield_params y;
  gp_yield_params_init (&y);
  gp_bench_run ("yield_eval_negbin", one_yield, &y, 0.3);

  /* Wafer-scale engine (issue 2 target: under 20 us). */
  gp_redundancy_params ws = { 46225, 970000, 70000, 0.045, 100, 0.1, 10, true };
  gp_bench_run ("yield_redundancy_wafer_scale_clustered", one_redundancy, &ws, 0.3);
  ws.clustered = false;
  gp_bench_run ("yield_redundancy_wafer_scale_poisson", one_redundancy, &ws, 0.3);
  gp_redundancy_params h100;
  gp_redundancy_params_init (&h100);
  gp_bench_run ("yield_redundancy_h100_clustered", one_redundancy, &h100, 0.3);

  gp_wafer_params w;
  gp_wafer_params_init (&w); /* 10 x 10 mm die, 32 x 32 offsets (target: under 1 ms) */
  gp_bench_run ("wafer_count_10x10mm", one_count, &w, 0.3);
  w.die_width_mm = 26;
  w.die_height_mm = 31.3;
  gp_bench_run ("wafer_count_h100_size", one_count, &w, 0.3);

  gp_die_cost_params d = { 16988, 64, 0.66, 5, 814 };
  gp_bench_run ("die_cost", one_die_cost, &d, 0.2);
}
