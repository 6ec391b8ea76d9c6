/* gp-lua-models.c: the models the Lua module exposes generically, one row each, with the
 * adapters that give every evaluation the same signature. */
#include "gp-lua.h"
#include "gp-lua-private.h"

#include <string.h>

static void
wafer_init (void *p)
{
  gp_wafer_params_init (p);
}

static gp_status
wafer_eval (const void *p, void *r, gp_error *err)
{
  return gp_wafer_count (p, r, err);
}

static void
yield_init (void *p)
{
  gp_yield_params_init (p);
}

static gp_status
yield_eval (const void *p, void *r, gp_error *err)
{
  return gp_yield_eval (p, r, err);
}

static void
yield_eval_valid (const void *p, void *r)
{
  *(double *) r = gp_yield_of_valid (p);
}

static void
redundancy_init (void *p)
{
  gp_redundancy_params_init (p);
}

static gp_status
redundancy_eval (const void *p, void *r, gp_error *err)
{
  return gp_yield_redundancy (p, r, err);
}

static void
die_cost_init (void *p)
{
  /* A 10 x 10 mm N7 die: 9,346 USD wafer (CSET 2020), 640 gross (the 10 x 10 count on
   * data/wafer.lua's 300 mm wafer), negative-binomial yield at D0 0.09, alpha 10 = 0.9155. */
  gp_die_cost_params *d = p;
  d->wafer_cost_usd = 9346;
  d->gross_dies = 640;
  d->yield = 0.9155;
  d->test_cost_per_die = 0;
  d->die_area_mm2 = 100;
}

static gp_status
die_cost_eval (const void *p, void *r, gp_error *err)
{
  return gp_die_cost (p, r, err);
}

/* Models whose input is one flat struct (issue 7 rows): the result tables and breakdowns
 * are in gp-lua-results.c. */
#define ADAPT(name, ptype, init_fn, eval_fn)                        \
  static void name##_init (void *p) { init_fn ((ptype *) p); }     \
  static gp_status name##_eval (const void *p, void *r, gp_error *err) \
  { return eval_fn (p, r, err); }

ADAPT (link, gp_link_params, gp_link_params_init, gp_link_eval)
ADAPT (shoreline, gp_shoreline_params, gp_shoreline_params_init, gp_shoreline_eval)
ADAPT (topology, gp_topology_params, gp_topology_params_init, gp_topology_eval)
ADAPT (workload, gp_workload, gp_workload_params_init, gp_workload_sizes_eval)
ADAPT (failure, gp_failure_params, gp_failure_params_init, gp_failure_eval)
ADAPT (carbon_run, gp_carbon_run_params, gp_carbon_run_params_init, gp_carbon_run)
ADAPT (die_power, gp_power_params, gp_power_params_init, gp_power_eval)
ADAPT (memory_pool, gp_mempool_params, gp_mempool_params_init, gp_mempool_eval)

const gp_lua_model gp_lua_models[] = {
  { "wafer", "Exact gross dies per wafer, HP and de Vries approximations, reticle check",
    &gp_wafer_param_table, sizeof (gp_wafer_params), wafer_init, wafer_eval,
    &gp_wafer_result_table, sizeof (gp_wafer_result) },
  { "yield", "Die yield under a closed-form model (poisson, murphy, seeds, negbin, "
             "bose_einstein)",
    &gp_yield_param_table, sizeof (gp_yield_params), yield_init, yield_eval,
    NULL, sizeof (double), NULL, yield_eval_valid },
  { "yield_redundancy", "Yield of a die with n repairable units of which k may be bad",
    &gp_redundancy_param_table, sizeof (gp_redundancy_params), redundancy_init,
    redundancy_eval, &gp_redundancy_result_table, sizeof (gp_redundancy_result) },
  { "die_cost", "Cost per good die and per good mm2",
    &gp_die_cost_param_table, sizeof (gp_die_cost_params), die_cost_init, die_cost_eval,
    &gp_die_cost_result_table, sizeof (gp_die_cost_result) },
  { "link", "Optical link budget and energy per bit, or an electrical PHY by reach class",
    &gp_link_param_table, sizeof (gp_link_params), link_init, link_eval,
    &gp_lua_link_result_table, sizeof (gp_link_result), gp_lua_link_push_extra },
  { "shoreline", "Die-edge-limited off-die bandwidth and I/O per FLOP",
    &gp_shoreline_param_table, sizeof (gp_shoreline_params), shoreline_init, shoreline_eval,
    &gp_lua_shoreline_result_table, sizeof (gp_shoreline_result), NULL },
  { "topology", "Interconnect of a machine: levels, switches, transceivers, power, cost",
    &gp_topology_param_table, sizeof (gp_topology_params), topology_init, topology_eval,
    &gp_lua_topology_result_table, sizeof (gp_topology_result), gp_lua_topology_push_extra },
  { "workload", "Transformer parameter count and FLOPs per training step",
    &gp_workload_param_table, sizeof (gp_workload), workload_init, workload_eval,
    &gp_lua_workload_sizes_table, sizeof (gp_workload_sizes), gp_lua_workload_push_extra },
  { "failure", "Job failure rate, blast radius, checkpoint interval and goodput",
    &gp_failure_param_table, sizeof (gp_failure_params), failure_init, failure_eval,
    &gp_lua_failure_result_table, sizeof (gp_failure_result), gp_lua_failure_push_extra },
  { "carbon_run", "A training run's carbon: amortised embodied plus operational",
    &gp_carbon_run_param_table, sizeof (gp_carbon_run_params), carbon_run_init,
    carbon_run_eval, &gp_lua_carbon_run_result_table, sizeof (gp_carbon_run_result), NULL },
  { "die_power", "Die power (C V^2 f, leakage), the cooling class's limits and the clock "
                 "the die sustains under them",
    &gp_power_param_table, sizeof (gp_power_params), die_power_init, die_power_eval,
    &gp_power_result_table, sizeof (gp_power_result), NULL },
  { "memory_pool", "A memory tier pooled over the fabric: capacity and bandwidth per "
                   "accelerator, cost, power and carbon per pool",
    &gp_mempool_param_table, sizeof (gp_mempool_params), memory_pool_init, memory_pool_eval,
    &gp_mempool_result_table, sizeof (gp_mempool_result), NULL },
  { NULL, NULL, NULL, 0, NULL, NULL, NULL, 0, NULL },
};

const gp_lua_model *
gp_lua_model_find (const char *name)
{
  for (const gp_lua_model *m = gp_lua_models; m->name; m++)
    if (strcmp (m->name, name) == 0)
      return m;
  return NULL;
}
