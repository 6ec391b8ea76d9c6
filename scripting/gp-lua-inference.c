/* gp-lua-inference.c: serving from Lua (glasspane.inference, inference_sweep,
 * inference_search): a system (preset name or entry, whose capex, power and carbon come from
 * the system model) or an accelerator and interconnect, a workload, serving parameters
 * (data/inference.lua's entry for the family, overridden by the call's keys) and a plan. */
#include "gp-lua-private.h"

#include <math.h>
#include <string.h>

#include "gp-inference.h"
#include "gp-system.h"

/* Everything the model borrows, in one userdata so the pointers stay valid. */
typedef struct {
  gp_system sys;
  gp_study study;
  gp_system_prepared prep;
  gp_system_result sres;
  gp_accel accel;
  gp_net_levels net;
  gp_workload work;
  gp_inference_params par;
  gp_inference_econ econ;
  bool has_econ, has_system;
  gp_inference_ctx ctx;
} serving;

/* Keys that are not serving parameters; the rest of the call table is read through
 * gp_inference_param_table (batch is an alias of batch_seqs). */
static const char *const structural[] = {
  "system", "accel", "net", "topology", "workload", "plan", "inference", "batch", "points",
  "accelerators", "top_k", NULL,
};

static bool
is_structural (const char *k)
{
  for (int i = 0; structural[i]; i++)
    if (strcmp (structural[i], k) == 0)
      return true;
  return false;
}

static serving *
check_serving (lua_State *L, int arg)
{
  luaL_checktype (L, arg, LUA_TTABLE);
  serving *m = lua_newuserdatauv (L, sizeof *m, 0);
  memset (m, 0, sizeof *m);
  gp_error err = { 0 };
  const char *family = "dgx";

  lua_getfield (L, arg, "system");
  if (!lua_isnil (L, -1))
    {
      lua_getfield (L, arg, "accel");
      lua_getfield (L, arg, "topology");
      lua_getfield (L, arg, "net");
      if (!lua_isnil (L, -1) || !lua_isnil (L, -2) || !lua_isnil (L, -3))
        luaL_argerror (L, arg, "give either system or accel and topology (or net), not both");
      lua_pop (L, 3);
      gp_lua_check_system (L, arg, -1, &m->sys, &m->study);
      size_t n_nodes;
      const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
      gp_status st = gp_system_prepare (&m->sys, &m->study, nodes, n_nodes, &m->prep, &err);
      if (st == GP_OK)
        st = gp_system_eval_hardware (&m->sys, &m->study, &m->prep, &m->sres, &err);
      if (st == GP_OK)
        st = gp_inference_econ_from_system (&m->sys, &m->study, &m->sres, &m->econ, &err);
      if (st != GP_OK)
        {
          gp_error_prefix (&err, "system");
          gp_lua_arg_error (L, arg, &err);
        }
      m->accel = m->prep.accel;
      m->net = m->prep.net;
      m->work = m->study.workload;
      m->has_econ = m->has_system = true;
      family = gp_family_names[m->sys.sys.family];
    }
  else
    {
      gp_accel_params_init (&m->accel);
      gp_lua_check_field_params (L, arg, "accel", &gp_accel_param_table, &m->accel);
      gp_lua_check_net (L, arg, &m->net);
      gp_study_init (&m->study);
      m->work = m->study.workload;
      if (m->accel.wafer_scale)
        family = "wafer_scale";
    }
  lua_pop (L, 1);
  lua_getfield (L, arg, "workload");
  bool has_work = !lua_isnil (L, -1);
  lua_pop (L, 1);
  if (has_work)
    gp_lua_check_workload (L, arg, "workload", &m->work);

  /* serving parameters: the family's entry (or the one named by inference=), then the
   * inference table, then the call's own keys */
  gp_inference_params_init (&m->par);
  lua_getfield (L, arg, "inference");
  if (lua_type (L, -1) == LUA_TSTRING)
    {
      gp_lua_push_preset (L, arg, "inference", lua_tostring (L, -1));
      lua_remove (L, -2);
    }
  else
    {
      gp_lua_push_preset (L, arg, "inference", family);
      gp_lua_check_params (L, arg, -1, &gp_inference_param_table, &m->par, "inference");
      lua_pop (L, 1);
    }
  gp_lua_check_params (L, arg, -1, &gp_inference_param_table, &m->par, "inference");
  lua_pop (L, 1);
  lua_newtable (L);
  int flat = lua_gettop (L);
  lua_pushnil (L);
  while (lua_next (L, arg))
    {
      if (lua_type (L, -2) == LUA_TSTRING && !is_structural (lua_tostring (L, -2)))
        {
          lua_pushvalue (L, -2);
          lua_insert (L, -2);
          lua_rawset (L, flat);
        }
      else
        lua_pop (L, 1);
    }
  lua_getfield (L, arg, "batch");
  if (!lua_isnil (L, -1))
    lua_setfield (L, flat, "batch_seqs");
  else
    lua_pop (L, 1);
  gp_lua_check_params (L, arg, flat, &gp_inference_param_table, &m->par, NULL);
  lua_pop (L, 1);

  gp_status st = gp_inference_prepare (&m->ctx, &m->accel, &m->net, &m->work, &m->par,
                                       m->has_econ ? &m->econ : NULL, &err);
  if (st != GP_OK)
    gp_lua_arg_error (L, arg, &err);
  return m;
}

/* PLAN from the call's plan = {tp, pp, ep, dp}, or the smallest replica that holds the
 * model. Returns false (with nil, message pushed) when nothing holds it. */
static bool
check_plan (lua_State *L, int arg, serving *m, gp_serve_plan *plan)
{
  gp_serve_plan_init (plan);
  lua_getfield (L, arg, "plan");
  bool given = !lua_isnil (L, -1);
  lua_pop (L, 1);
  if (given)
    {
      gp_lua_check_field_params (L, arg, "plan", &gp_serve_plan_param_table, plan);
      return true;
    }
  gp_error err = { 0 };
  if (gp_inference_min_plan (&m->ctx, plan, &err) != GP_OK)
    {
      gp_lua_push_fail (L, &err);
      return false;
    }
  return true;
}

static void
push_result (lua_State *L, const serving *m, const gp_serve_plan *plan, long batch,
             const gp_inference_result *r)
{
  gp_lua_push_params (L, &gp_inference_result_table, r);
  char buf[256];
  if (gp_inference_describe (&m->ctx, plan, r, buf, sizeof buf, NULL) == GP_OK)
    {
      lua_pushstring (L, buf);
      lua_setfield (L, -2, "binding");
    }
  lua_pushstring (L, gp_inference_bound_names[r->binding]);
  lua_setfield (L, -2, "binding_resource");
  lua_pushboolean (L, r->weights_resident);
  lua_setfield (L, -2, "weights_resident");
  lua_pushboolean (L, r->meets_targets);
  lua_setfield (L, -2, "meets_targets");
  lua_pushinteger (L, batch);
  lua_setfield (L, -2, "batch");
  gp_lua_push_params (L, &gp_serve_plan_param_table, plan);
  lua_setfield (L, -2, "plan");
  /* memory per accelerator, in the order the charts stack it */
  lua_createtable (L, 0, 4);
  lua_pushnumber (L, r->weights_bytes);
  lua_setfield (L, -2, "weights");
  lua_pushnumber (L, r->kv_bytes);
  lua_setfield (L, -2, "kv_cache");
  lua_pushnumber (L, r->activations_bytes);
  lua_setfield (L, -2, "activations");
  lua_pushnumber (L, r->reserved_bytes);
  lua_setfield (L, -2, "reserved");
  lua_setfield (L, -2, "memory");
  lua_createtable (L, 0, GP_INF_BOUND_N);
  for (int i = 0; i < GP_INF_BOUND_N; i++)
    {
      lua_pushnumber (L, r->step_bound_s[i]);
      lua_setfield (L, -2, gp_inference_bound_names[i]);
    }
  lua_setfield (L, -2, "tpot_parts_s");
  if (m->has_system)
    {
      lua_pushstring (L, m->sys.sys.name);
      lua_setfield (L, -2, "system");
      lua_pushstring (L, gp_family_names[m->sys.sys.family]);
      lua_setfield (L, -2, "family");
    }
}

/* glasspane.inference{ system = name | entry, or accel =, topology = | net =; workload =,
 *   plan = {tp, pp, ep, dp}, batch =, prompt_tokens =, output_tokens =, weight_bits =,
 *   kv_bits =, any other serving parameter, inference = preset name or table }
 * -> result | nil, message (the model or the batch does not fit; the message says what
 * would) */
static int
l_inference (lua_State *L)
{
  lua_settop (L, 1);
  serving *m = check_serving (L, 1);
  gp_serve_plan plan;
  if (!check_plan (L, 1, m, &plan))
    return 2;
  gp_inference_result r;
  gp_error err = { 0 };
  gp_status st = gp_inference_eval (&m->ctx, &plan, &r, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 1, st, &err);
  push_result (L, m, &plan, m->par.batch_seqs, &r);
  return 1;
}

/* glasspane.inference_sweep{ same keys, points = 256 }
 * -> { plan =, points = { result with batch and pareto, ... } (increasing batch),
 *      frontier = { indices of the Pareto points } } | nil, message */
static int
l_inference_sweep (lua_State *L)
{
  lua_settop (L, 1);
  serving *m = check_serving (L, 1);
  gp_serve_plan plan;
  if (!check_plan (L, 1, m, &plan))
    return 2;
  lua_getfield (L, 1, "points");
  lua_Integer n = lua_isnil (L, -1) ? 64 : luaL_checkinteger (L, -1);
  lua_pop (L, 1);
  if (n < 1 || n > 4096)
    return luaL_argerror (L, 1, lua_pushfstring (L, "points = %I is out of range: allowed "
                                                    "[1, 4096]", n));
  gp_inference_point *pts = lua_newuserdatauv (L, sizeof *pts * (size_t) n, 0);
  bool *par = lua_newuserdatauv (L, sizeof *par * (size_t) n, 0);
  long got = 0;
  gp_error err = { 0 };
  gp_status st = gp_inference_sweep (&m->ctx, &plan, (long) n, pts, par, &got, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 1, st, &err);
  lua_createtable (L, 0, 3);
  gp_lua_push_params (L, &gp_serve_plan_param_table, &plan);
  lua_setfield (L, -2, "plan");
  lua_createtable (L, (int) got, 0);
  lua_createtable (L, 8, 0);
  int nf = 0;
  for (long i = 0; i < got; i++)
    {
      push_result (L, m, &plan, pts[i].batch, &pts[i].r);
      lua_pushboolean (L, par[i]);
      lua_setfield (L, -2, "pareto");
      lua_rawseti (L, -3, i + 1);
      if (par[i])
        {
          lua_pushinteger (L, i + 1);
          lua_rawseti (L, -2, ++nf);
        }
    }
  lua_setfield (L, -3, "frontier");
  lua_setfield (L, -2, "points");
  return 1;
}

/* glasspane.inference_search{ same keys (no plan), accelerators = n (default: the
 *   machine), top_k = 10, ttft_target_s =, tpot_target_s = }
 * -> { plans = { {plan =, batch =, result =}, ... } best first, best = plans[1],
 *      evaluated = n } | nil, message */
static int
l_inference_search (lua_State *L)
{
  lua_settop (L, 1);
  serving *m = check_serving (L, 1);
  lua_getfield (L, 1, "plan");
  if (!lua_isnil (L, -1))
    return luaL_argerror (L, 1, "inference_search chooses the plan: remove plan");
  lua_pop (L, 1);
  long n = m->has_econ ? m->econ.machine_accelerators
                       : m->net.level[m->net.n_levels - 1].group_size;
  lua_getfield (L, 1, "accelerators");
  if (!lua_isnil (L, -1))
    n = (long) luaL_checkinteger (L, -1);
  lua_getfield (L, 1, "top_k");
  lua_Integer k = lua_isnil (L, -1) ? 10 : luaL_checkinteger (L, -1);
  lua_pop (L, 2);
  if (k < 1 || k > 1000)
    return luaL_argerror (L, 1, lua_pushfstring (L, "top_k = %I is out of range: allowed "
                                                    "[1, 1000]", k));
  gp_inference_choice *top = lua_newuserdatauv (L, sizeof *top * (size_t) k, 0);
  long found = 0, ev = 0;
  gp_error err = { 0 };
  gp_status st = gp_inference_search (&m->ctx, n, (long) k, top, &found, &ev, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 1, st, &err);
  lua_createtable (L, 0, 3);
  lua_pushinteger (L, ev);
  lua_setfield (L, -2, "evaluated");
  lua_createtable (L, (int) found, 0);
  for (long i = 0; i < found; i++)
    {
      lua_createtable (L, 0, 3);
      gp_lua_push_params (L, &gp_serve_plan_param_table, &top[i].plan);
      lua_setfield (L, -2, "plan");
      lua_pushinteger (L, top[i].batch);
      lua_setfield (L, -2, "batch");
      push_result (L, m, &top[i].plan, top[i].batch, &top[i].r);
      lua_setfield (L, -2, "result");
      lua_rawseti (L, -2, i + 1);
    }
  lua_rawgeti (L, -1, 1);
  lua_setfield (L, -3, "best");
  lua_setfield (L, -2, "plans");
  return 1;
}

const luaL_Reg gp_lua_inference_fns[] = {
  { "inference", l_inference },
  { "inference_sweep", l_inference_sweep },
  { "inference_search", l_inference_search },
  { NULL, NULL },
};
