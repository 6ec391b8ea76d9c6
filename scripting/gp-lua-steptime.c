/* gp-lua-steptime.c: training step time and the parallelism search from Lua
 * (glasspane.steptime, glasspane.search): an accelerator, the interconnect (net levels, or a
 * topology evaluated on the spot), a workload and a plan or a plan space. */
#include "gp-lua-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
gp_lua_check_workload (lua_State *L, int arg, const char *key, gp_workload *w)
{
  gp_workload_params_init (w);
  lua_getfield (L, arg, key);
  if (lua_type (L, -1) == LUA_TSTRING)
    {
      gp_lua_push_preset (L, arg, "workloads", lua_tostring (L, -1));
      lua_remove (L, -2);
    }
  gp_lua_check_params (L, arg, -1, &gp_workload_param_table, w, key);
  lua_pop (L, 1);
}

/* NET from "net" = { {name=, group_size=, bw_bytes_per_s=, latency_s=, energy_pj_per_bit=},
 * ... } (innermost first), or "topology" = parameters or a preset name of
 * data/topologies.lua, evaluated by gp_topology_eval; neither: the default topology. */
void
gp_lua_check_net (lua_State *L, int arg, gp_net_levels *net)
{
  memset (net, 0, sizeof *net);
  lua_getfield (L, arg, "net");
  lua_getfield (L, arg, "topology");
  if (!lua_isnil (L, -2) && !lua_isnil (L, -1))
    luaL_argerror (L, arg, "give either net or topology, not both");
  if (!lua_isnil (L, -2))
    {
      if (!lua_istable (L, -2))
        luaL_argerror (L, arg, "net must be a list of levels {name=, group_size=, "
                               "bw_bytes_per_s=, latency_s=, energy_pj_per_bit=}");
      lua_Unsigned n = lua_rawlen (L, -2);
      if (n < 1 || n > GP_MAX_NET_LEVELS)
        luaL_argerror (L, arg, lua_pushfstring (L, "net has %d levels: allowed [1, %d]",
                                                (int) n, GP_MAX_NET_LEVELS));
      net->n_levels = (int) n;
      for (lua_Unsigned i = 1; i <= n; i++)
        {
          char ctx[32];
          snprintf (ctx, sizeof ctx, "net[%d]", (int) i);
          gp_net_level *l = &net->level[i - 1];
          snprintf (l->name, sizeof l->name, "level %d", (int) i);
          l->group_size = 1;
          l->bw_bytes_per_s = NAN; /* required */
          lua_rawgeti (L, -2, (lua_Integer) i);
          gp_lua_check_params (L, arg, -1, &gp_lua_net_level_table, l, ctx);
          lua_pop (L, 1);
          if (isnan (l->bw_bytes_per_s))
            luaL_argerror (L, arg, lua_pushfstring (L, "%s.bw_bytes_per_s is required", ctx));
        }
      gp_error err = { 0 };
      if (gp_net_levels_validate (net, &err) != GP_OK)
        gp_lua_arg_error (L, arg, &err);
    }
  else
    {
      gp_topology_params tp;
      gp_topology_params_init (&tp);
      if (lua_type (L, -1) == LUA_TSTRING)
        {
          gp_lua_push_preset (L, arg, "topologies", lua_tostring (L, -1));
          lua_replace (L, -2);
        }
      gp_lua_check_params (L, arg, -1, &gp_topology_param_table, &tp, "topology");
      gp_topology_result tr;
      gp_error err = { 0 };
      gp_status st = gp_topology_eval (&tp, &tr, &err);
      if (st != GP_OK)
        {
          gp_error_prefix (&err, "topology");
          if (st == GP_EINVAL || st == GP_ENOTFOUND)
            gp_lua_arg_error (L, arg, &err);
          luaL_argerror (L, arg, err.message); /* an infeasible fabric is no machine at all */
        }
      *net = tr.net;
    }
  lua_pop (L, 2);
}

/* The machine and workload both functions take; stored in a userdata so the borrowed
 * pointers of gp_steptime_ctx stay valid while Lua runs callbacks. */
typedef struct {
  gp_accel accel;
  gp_net_levels net;
  gp_workload work;
  gp_steptime_ctx ctx;
} machine;

static machine *
check_machine (lua_State *L, int arg)
{
  machine *m = lua_newuserdatauv (L, sizeof *m, 0);
  gp_accel_params_init (&m->accel);
  gp_lua_check_field_params (L, arg, "accel", &gp_accel_param_table, &m->accel);
  gp_lua_check_net (L, arg, &m->net);
  gp_lua_check_workload (L, arg, "workload", &m->work);
  gp_error err = { 0 };
  gp_status st = gp_steptime_prepare (&m->ctx, &m->accel, &m->net, &m->work, &err);
  if (st != GP_OK)
    gp_lua_arg_error (L, arg, &err);
  return m;
}

static void
push_to_train (lua_State *L, const machine *m, const gp_steptime_result *r, double tokens)
{
  double t, e;
  if (gp_steptime_to_train (&m->ctx, r, tokens, &t, &e, NULL) == GP_OK)
    {
      lua_pushnumber (L, t);
      lua_setfield (L, -2, "time_to_train_s");
      lua_pushnumber (L, e);
      lua_setfield (L, -2, "energy_to_train_j");
    }
}

static void
push_description (lua_State *L, const machine *m, const gp_plan *plan,
                  const gp_steptime_result *r)
{
  char buf[256];
  if (gp_steptime_describe (&m->ctx, plan, r, buf, sizeof buf, NULL) == GP_OK)
    {
      lua_pushstring (L, buf);
      lua_setfield (L, -2, "description");
    }
}

static double
check_tokens (lua_State *L, int arg)
{
  lua_getfield (L, arg, "tokens");
  double tokens = 0;
  if (!lua_isnil (L, -1))
    {
      if (!lua_isnumber (L, -1) || !(lua_tonumber (L, -1) > 0) || !isfinite (lua_tonumber (L, -1)))
        luaL_argerror (L, arg, "tokens must be a positive number");
      tokens = lua_tonumber (L, -1);
    }
  lua_pop (L, 1);
  return tokens;
}

/* glasspane.steptime{ accel=, net= | topology=, workload=, plan=, tokens= }
 * -> result | nil, message, result (memory fields filled) when the plan does not fit */
static int
l_steptime (lua_State *L)
{
  static const char *const keys[] = { "accel", "net", "topology", "workload", "plan", "tokens",
                                      NULL };
  luaL_checktype (L, 1, LUA_TTABLE);
  gp_lua_check_keys (L, 1, keys);
  machine *m = check_machine (L, 1);
  gp_plan plan;
  gp_plan_params_init (&plan);
  gp_lua_check_field_params (L, 1, "plan", &gp_plan_param_table, &plan);
  double tokens = check_tokens (L, 1);
  gp_steptime_result r;
  memset (&r, 0, sizeof r);
  gp_error err = { 0 };
  gp_status st = gp_steptime_eval_prepared (&m->ctx, &plan, &r, &err);
  if (st == GP_EINFEASIBLE)
    {
      lua_pushnil (L);
      lua_pushstring (L, err.message);
      gp_lua_push_steptime_result (L, &r);
      return 3;
    }
  if (st != GP_OK)
    return gp_lua_fail (L, 1, st, &err);
  gp_lua_push_steptime_result (L, &r);
  push_description (L, m, &plan, &r);
  if (tokens > 0)
    push_to_train (L, m, &r, tokens);
  return 1;
}

/* ---- search ---- */

typedef struct {
  lua_State *L;
  int fn;            /* stack index of the progress function, 0 for none */
  bool failed;       /* the callback raised: its error is on the stack top */
} progress_ctx;

/* Calls progress(fraction, best_step_time_s | nil) under pcall; a false return cancels.
 * An error in the callback cancels too and is raised again once the search has returned
 * (so the search never unwinds through a longjmp). */
static bool
progress_cb (double fraction, const gp_search_entry *best, void *user)
{
  progress_ctx *p = user;
  if (p->failed)
    return false;
  lua_State *L = p->L;
  lua_pushvalue (L, p->fn);
  lua_pushnumber (L, fraction);
  if (best)
    lua_pushnumber (L, best->result.step_time_s);
  else
    lua_pushnil (L);
  if (lua_pcall (L, 2, 1, 0) != LUA_OK)
    {
      p->failed = true;
      return false;
    }
  bool go_on = lua_isnil (L, -1) || lua_toboolean (L, -1);
  lua_pop (L, 1);
  return go_on;
}

static void
push_entry (lua_State *L, const machine *m, const gp_search_entry *e, double tokens)
{
  lua_createtable (L, 0, 2);
  gp_lua_push_params (L, &gp_plan_param_table, &e->plan);
  lua_setfield (L, -2, "plan");
  gp_lua_push_steptime_result (L, &e->result);
  push_description (L, m, &e->plan, &e->result);
  if (tokens > 0)
    push_to_train (L, m, &e->result, tokens);
  lua_setfield (L, -2, "result");
}

/* glasspane.search{ accel=, net= | topology=, workload=, space = {search params},
 *                   default_space = bool, tokens=, progress = function(fraction, best_s),
 *                   threads = n }
 * -> { plans = { {plan=, result=}, ... } best first, best = plans[1], stats... }
 *  | nil, message, stats when no plan fits. A cancelled search returns what it found, with
 * cancelled = true. */
static int
l_search (lua_State *L)
{
  static const char *const keys[] = { "accel", "net", "topology", "workload", "space",
                                      "default_space", "tokens", "progress", "threads", NULL };
  luaL_checktype (L, 1, LUA_TTABLE);
  gp_lua_check_keys (L, 1, keys);
  machine *m = check_machine (L, 1);
  gp_search_params sp;
  gp_search_params_init (&sp);
  sp.n_accel = m->net.level[m->net.n_levels - 1].group_size;
  lua_getfield (L, 1, "default_space");
  if (lua_toboolean (L, -1))
    gp_search_params_restrict_default (&sp);
  lua_pop (L, 1);
  gp_lua_check_field_params (L, 1, "space", &gp_search_param_table, &sp);
  double tokens = check_tokens (L, 1);
  /* threads = n: the block search (gp-search.h), the same plans for any n; absent: the
   * sequential one */
  lua_getfield (L, 1, "threads");
  bool threaded = !lua_isnil (L, -1);
  lua_pop (L, 1);
  if (threaded)
    sp.threads = gp_lua_threads_opt (L, 1, 1);
  progress_ctx pc = { L, 0, false };
  lua_getfield (L, 1, "progress");
  if (!lua_isnil (L, -1))
    {
      if (!lua_isfunction (L, -1))
        return luaL_argerror (L, 1, "progress must be a function(fraction, best_step_time_s)");
      pc.fn = lua_gettop (L);
    }
  gp_search_entry *entries = lua_newuserdatauv (L, sizeof *entries * (size_t) sp.top_k, 0);
  gp_search_result sr;
  memset (&sr, 0, sizeof sr);
  memset (entries, 0, sizeof *entries * (size_t) sp.top_k);
  gp_error err = { 0 };
  gp_status st = gp_search_run (&m->ctx, &sp, entries, &sr, pc.fn ? progress_cb : NULL, &pc,
                                &err);
  if (pc.failed)
    return lua_error (L);
  if (st == GP_EINVAL || st == GP_ENOTFOUND)
    return gp_lua_arg_error (L, 1, &err);
  if (st != GP_OK && st != GP_ECANCELLED)
    {
      lua_pushnil (L);
      lua_pushstring (L, err.message);
      gp_lua_push_params (L, &gp_lua_search_result_table, &sr);
      return 3;
    }
  gp_lua_push_params (L, &gp_lua_search_result_table, &sr);
  lua_createtable (L, (int) sr.n_found, 0);
  for (long i = 0; i < sr.n_found; i++)
    {
      push_entry (L, m, &entries[i], tokens);
      lua_rawseti (L, -2, i + 1);
    }
  if (sr.n_found > 0)
    {
      lua_rawgeti (L, -1, 1);
      lua_setfield (L, -3, "best");
    }
  lua_setfield (L, -2, "plans");
  return 1;
}

const luaL_Reg gp_lua_steptime_fns[] = {
  { "steptime", l_steptime },
  { "search", l_search },
  { NULL, NULL },
};
