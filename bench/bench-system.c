/* bench-system.c: the system model's figures: one evaluation with a given plan (target
 * under 2 us), one with the parallelism search on 1,024 accelerators in the GUI's default
 * space (target under 20 ms) and in the full space, and the preparation; the capex in one
 * cost basis (gp_cost_capex) is timed alone as part of the evaluation. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp-design.h"
#include "gp-models.h"
#include "gp-presets.h"

typedef struct {
  gp_system sys;
  gp_study study;
  gp_system_prepared prep;
  gp_system_result res;
  gp_plan plan;
  bool use_plan;
  const gp_node *nodes;
  size_t n_nodes;
} sys_bench;

static double
run_eval (void *data)
{
  sys_bench *b = data;
  gp_system_eval (&b->sys, &b->study, &b->prep, b->use_plan ? &b->plan : NULL, &b->res, NULL,
                  NULL, NULL);
  return b->res.cost_to_train_usd;
}

typedef struct {
  const gp_cost_params *cost;
  gp_cost_inputs in;
  gp_cost_result out;
} cost_bench;

static double
run_cost (void *data)
{
  cost_bench *c = data;
  gp_cost_capex (c->cost, GP_COST_PURCHASE, &c->in, &c->out, NULL);
  return c->out.total_usd;
}

/* The failure part of an evaluation on its own: the job filled from the system (family,
 * package, workload, plan) and gp_failure_eval (target under 1 us). */
static double
run_failure (void *data)
{
  sys_bench *b = data;
  gp_failure_params fp;
  gp_failure_result fr;
  gp_system_failure_job (&b->sys, &b->prep, &b->study, &b->plan, &fp);
  gp_failure_eval (&fp, &fr, NULL);
  return fr.goodput;
}

static double
run_prepare (void *data)
{
  sys_bench *b = data;
  gp_system_prepare (&b->sys, &b->study, b->nodes, b->n_nodes, &b->prep, NULL);
  return b->prep.topology.power_w;
}

/* A staged re-prepare after a D0 change (issue 19): every call moves the die's node's D0,
 * so the yield integral runs and the die and interposer counts come from the memo. */
typedef struct {
  sys_bench *b;
  gp_node *nodes;
  gp_node *node; /* the main die's */
  int flip;
} staged_bench;

static double
run_prepare_staged (void *data)
{
  staged_bench *sb = data;
  sb->node->d0_per_cm2 = (sb->flip ^= 1) ? 0.11 : 0.1;
  gp_system_prepare_staged (&sb->b->sys, &sb->b->study, sb->nodes, sb->b->n_nodes,
                            &sb->b->prep, NULL);
  return sb->b->prep.package.part[0].die_yield;
}

static void
bench_one (const char *preset, const gp_node *nodes, size_t n_nodes)
{
  gp_error err = { 0 };
  sys_bench *b = calloc (1, sizeof *b);
  if (b == NULL)
    return;
  b->nodes = nodes;
  b->n_nodes = n_nodes;
  gp_study_init (&b->study);
  if (gp_system_preset (preset, &b->sys, &err) != GP_OK
      || gp_system_prepare (&b->sys, &b->study, nodes, n_nodes, &b->prep, &err) != GP_OK
      || gp_system_eval (&b->sys, &b->study, &b->prep, NULL, &b->res, NULL, NULL, &err) != GP_OK)
    {
      printf ("system %s: %s\n", preset, err.message);
      free (b);
      return;
    }
  char name[128];
  b->plan = b->res.plan;
  snprintf (name, sizeof name, "system prepare (%s)", preset);
  gp_bench_run (name, run_prepare, b, 0.2);
  {
    staged_bench sb = { b, malloc (n_nodes * sizeof *nodes), NULL, 0 };
    if (sb.nodes != NULL)
      {
        memcpy (sb.nodes, nodes, n_nodes * sizeof *nodes);
        const char *die = b->sys.package.parts[0].node;
        for (size_t i = 0; i < n_nodes; i++)
          if (strcmp (sb.nodes[i].name, die) == 0)
            sb.node = &sb.nodes[i];
        if (sb.node != NULL)
          {
            snprintf (name, sizeof name, "system re-prepare, staged, D0 changed (%s)", preset);
            gp_bench_run (name, run_prepare_staged, &sb, 0.2);
          }
        b->nodes = nodes;
        gp_system_prepare (&b->sys, &b->study, nodes, n_nodes, &b->prep, NULL);
        free (sb.nodes);
      }
  }
  b->use_plan = true;
  snprintf (name, sizeof name, "system eval, given plan, no search (%s, %ld accelerators)",
            preset, b->sys.sys.accelerators);
  gp_bench_run (name, run_eval, b, 0.3);
  /* the capex part of that evaluation alone (gp-cost.h), the purchase basis */
  cost_bench cb = { .cost = &b->sys.cost };
  cb.in = (gp_cost_inputs) {
    .accelerators = b->sys.sys.accelerators, .servers = b->res.servers,
    .accels_per_server = b->sys.sys.accels_per_server,
    .package_build_usd = b->res.package.total_usd, .package_part_factor = 1.1,
    .server_price_usd = b->sys.sys.server_cost_usd,
    .integration_fraction = b->sys.sys.integration_cost_fraction,
    .lanes_per_port = b->sys.link.lanes, .lanes_per_laser = b->sys.link.lanes_per_laser,
    .topo = &b->sys.topology, .topo_result = &b->prep.topology,
  };
  snprintf (name, sizeof name, "  of which capex in one basis (%s)", preset);
  gp_bench_run (name, run_cost, &cb, 0.1);
  /* the worst case of the limits (issue 18): a cooling-bound die and words in the result */
  {
    gp_system keep = b->sys;
    b->sys.power.air_w_per_mm2 = b->sys.power.liquid_w_per_mm2
      = b->sys.power.immersion_w_per_mm2 = 0.2;
    if (gp_system_prepare (&b->sys, &b->study, nodes, n_nodes, &b->prep, &err) == GP_OK)
      {
        snprintf (name, sizeof name, "system eval, given plan, cooling-bound (%s)", preset);
        gp_bench_run (name, run_eval, b, 0.3);
      }
    b->sys = keep;
    gp_system_prepare (&b->sys, &b->study, nodes, n_nodes, &b->prep, &err);
  }
  snprintf (name, sizeof name, "system failure job and goodput (%s, %ld accelerators)",
            preset, b->sys.sys.accelerators);
  gp_bench_run (name, run_failure, b, 0.2);
  b->use_plan = false;
  snprintf (name, sizeof name, "system eval with search, default space (%s, %ld accelerators)",
            preset, b->sys.sys.accelerators);
  gp_bench_run (name, run_eval, b, 0.3);
  snprintf (name, sizeof name, "  plans in the default space (%s)", preset);
  gp_bench_print_value (name, (double) b->res.search.candidates_total, "plans");
  gp_search_params_init (&b->study.search);
  b->study.search.top_k = 1;
  snprintf (name, sizeof name, "system eval with search, full space (%s, %ld accelerators)",
            preset, b->sys.sys.accelerators);
  gp_bench_run (name, run_eval, b, 0.5);
  snprintf (name, sizeof name, "  plans in the full space (%s)", preset);
  gp_bench_print_value (name, (double) b->res.search.candidates_total, "plans");
  /* issue 19: the block search on one and two worker threads (the same ranked list) */
  for (int t = 1; t <= 2; t++)
    {
      b->study.search.threads = t;
      snprintf (name, sizeof name, "system_eval_search_full_space_%s_threads%d", preset, t);
      gp_bench_run (name, run_eval, b, 0.5);
    }
  free (b);
}

void
gp_bench_system (void)
{
  gp_error err = { 0 };
  gp_node *nodes = NULL;
  size_t n_nodes = 0;
  if (gp_nodes_load (NULL, &nodes, &n_nodes, &err) != GP_OK)
    {
      printf ("system: %s\n", err.message);
      return;
    }
  bench_one ("dgx-h100", nodes, n_nodes);
  bench_one ("lite-gpu-glass", nodes, n_nodes);
  bench_one ("cs-3", nodes, n_nodes);
  free (nodes);
}
