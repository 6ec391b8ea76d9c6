/* gp-lua-fabric.c: glasspane.fabric, fabric_place and fabric_fail_port: the glass fabric
 * model (models/gp-fabric.h) from Lua. Checks arguments, builds the fabric, pushes tables. */
#include <stdlib.h>
#include <string.h>

#include "gp-fabric-sweep.h"
#include "gp-fabric.h"
#include "gp-lua-private.h"

/* Build a fabric from the parameter table at ARG and the optional port map at MAP_ARG
 * ({{a, b}, ...}, accelerators numbered from 0). Raises on a caller mistake. */
static gp_fabric *
check_fabric (lua_State *L, int arg, int map_arg)
{
  gp_fabric_params p;
  gp_fabric_params_init (&p);
  luaL_checktype (L, arg, LUA_TTABLE);
  gp_lua_check_params (L, arg, arg, &gp_fabric_param_table, &p, "fabric");
  long *from = NULL, *to = NULL;
  if (map_arg > 0 && !lua_isnoneornil (L, map_arg))
    {
      luaL_checktype (L, map_arg, LUA_TTABLE);
      lua_Integer n = luaL_len (L, map_arg);
      if (n < 1 || n > 100000000)
        luaL_argerror (L, map_arg, "port_map must list 1 or more links");
      from = lua_newuserdatauv (L, sizeof *from * (size_t) n * 2, 0); /* freed by the GC */
      to = from + n;
      for (lua_Integer i = 1; i <= n; i++)
        {
          if (lua_geti (L, map_arg, i) != LUA_TTABLE)
            luaL_argerror (L, map_arg, lua_pushfstring (L, "port_map[%d] must be {a, b}",
                                                        (int) i));
          lua_geti (L, -1, 1);
          lua_geti (L, -2, 2);
          int ok1, ok2;
          lua_Integer a = lua_tointegerx (L, -2, &ok1), b = lua_tointegerx (L, -1, &ok2);
          if (!ok1 || !ok2)
            luaL_argerror (L, map_arg, lua_pushfstring (L, "port_map[%d] must be two "
                                                        "integers", (int) i));
          from[i - 1] = (long) a, to[i - 1] = (long) b;
          lua_pop (L, 3);
        }
      p.map_links = (long) n;
      p.map_from = from, p.map_to = to;
      if (p.shape != GP_FABRIC_PORT_MAP)
        luaL_argerror (L, map_arg, "a port_map needs shape = \"port_map\"");
    }
  gp_fabric *f = NULL;
  gp_error err;
  gp_status st = gp_fabric_new (&p, &f, &err);
  if (st != GP_OK)
    {
      gp_lua_fail (L, arg, st, &err); /* raises for bad input */
      return NULL;
    }
  return f;
}

#define SETN(name, v) (lua_pushnumber (L, (double) (v)), lua_setfield (L, -2, name))
#define SETI(name, v) (lua_pushinteger (L, (lua_Integer) (v)), lua_setfield (L, -2, name))

static void
push_result (lua_State *L, const gp_fabric_result *r)
{
  lua_createtable (L, 0, 24);
  SETN ("ports_used_per_accel", r->ports_used_per_accel);
  SETI ("link_ends", r->link_ends);
  SETI ("links", r->links);
  SETI ("switches", r->switches);
  SETI ("switch_ports", r->switch_ports);
  SETN ("diameter_hops", r->diameter_hops);
  SETN ("hops_avg", r->hops_avg);
  SETN ("bisection_gbps", r->bisection_gbps);
  SETN ("transceivers_usd", r->transceivers_usd);
  SETN ("waveguides_usd", r->waveguides_usd);
  SETN ("switch_ports_usd", r->switch_ports_usd);
  SETN ("glass_usd", r->glass_usd);
  SETN ("cost_usd", r->cost_usd);
  SETN ("links_w", r->links_w);
  SETN ("switches_w", r->switches_w);
  SETN ("power_w", r->power_w);
  SETN ("switch_ports_kg", r->switch_ports_kg);
  SETN ("glass_kg", r->glass_kg);
  SETN ("embodied_kg", r->embodied_kg);
}

/* glasspane.fabric(params [, port_map]) -> table of counts, cost, power, carbon */
static int
l_fabric (lua_State *L)
{
  gp_fabric *f = check_fabric (L, 1, 2);
  gp_fabric_result r;
  gp_error err;
  gp_status st = gp_fabric_eval (f, &r, &err);
  gp_fabric_free (f);
  if (st != GP_OK)
    return gp_lua_fail (L, 1, st, &err);
  push_result (L, &r);
  return 1;
}

static void
check_plan (lua_State *L, int arg, gp_fabric_plan *pl)
{
  static const char *const keys[] = { "dp", "tp", "pp", "cp", "ep", "volume_bytes", NULL };
  luaL_checktype (L, arg, LUA_TTABLE);
  gp_lua_check_keys (L, arg, keys);
  memset (pl, 0, sizeof *pl);
  long *deg[5] = { &pl->dp, &pl->tp, &pl->pp, &pl->cp, &pl->ep };
  for (int i = 0; i < 5; i++)
    {
      lua_getfield (L, arg, keys[i]);
      int ok;
      lua_Integer v = lua_tointegerx (L, -1, &ok);
      if (lua_isnil (L, -1))
        v = 1, ok = 1;
      if (!ok)
        luaL_argerror (L, arg, lua_pushfstring (L, "plan.%s must be an integer", keys[i]));
      *deg[i] = (long) v;
      lua_pop (L, 1);
    }
  if (lua_getfield (L, arg, "volume_bytes") == LUA_TTABLE)
    for (int k = 0; k < GP_FG_N; k++)
      {
        lua_getfield (L, -1, gp_fabric_group_names[k]);
        if (!lua_isnil (L, -1))
          pl->volume_bytes[k] = luaL_checknumber (L, -1);
        lua_pop (L, 1);
      }
  lua_pop (L, 1);
}

/* glasspane.fabric_place(params, plan [, port_map]) -> placement table */
static int
l_fabric_place (lua_State *L)
{
  gp_fabric_plan pl;
  check_plan (L, 2, &pl);
  gp_fabric *f = check_fabric (L, 1, 3);
  gp_fabric_placement out;
  gp_error err;
  gp_status st = gp_fabric_place (f, &pl, &out, &err);
  gp_net_levels net;
  if (st == GP_OK)
    st = gp_fabric_net_levels_for_plan (f, &out, &net, &err);
  gp_fabric_free (f);
  if (st != GP_OK)
    return gp_lua_fail (L, 2, st, &err);
  lua_createtable (L, 0, 12);
  SETI ("degree_needed", out.degree_needed);
  SETI ("ports_available", out.ports_available);
  SETN ("reconfig_s_per_step", out.reconfig_s_per_step);
  SETN ("comm_estimate_s", out.comm_estimate_s);
  lua_newtable (L);
  int nm = 0;
  for (int k = 0; k < GP_FG_N; k++)
    if (out.multi_hop_mask & (1u << k))
      {
        lua_pushstring (L, gp_fabric_group_names[k]);
        lua_rawseti (L, -2, ++nm);
      }
  lua_setfield (L, -2, "multi_hop");
  lua_newtable (L);
  for (int k = 0; k < GP_FG_N; k++)
    {
      const gp_fabric_group *g = &out.group[k];
      lua_createtable (L, 0, 12);
      SETI ("size", g->size);
      SETI ("stride", g->stride);
      lua_pushstring (L, gp_traffic_pattern_names[g->pattern]);
      lua_setfield (L, -2, "pattern");
      SETI ("ports_needed", g->ports_needed);
      SETN ("bw_bytes_per_s", g->bw_bytes_per_s);
      SETN ("latency_s", g->latency_s);
      SETN ("hops_avg", g->hops_avg);
      SETN ("hops_max", g->hops_max);
      SETN ("max_link_load", g->max_link_load);
      lua_pushboolean (L, g->multi_hop);
      lua_setfield (L, -2, "multi_hop");
      SETI ("circuit_ports", g->circuit_ports);
      lua_setfield (L, -2, gp_fabric_group_names[k]);
    }
  lua_setfield (L, -2, "groups");
  lua_createtable (L, net.n_levels, 0);
  for (int i = 0; i < net.n_levels; i++)
    {
      lua_createtable (L, 0, 5);
      lua_pushstring (L, net.level[i].name);
      lua_setfield (L, -2, "name");
      SETI ("group_size", net.level[i].group_size);
      SETN ("bw_bytes_per_s", net.level[i].bw_bytes_per_s);
      SETN ("latency_s", net.level[i].latency_s);
      SETN ("energy_pj_per_bit", net.level[i].energy_pj_per_bit);
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "net_levels");
  return 1;
}

/* glasspane.fabric_fail_port(params, accel, port [, port_map]) -> failure table */
static int
l_fabric_fail_port (lua_State *L)
{
  lua_Integer a = luaL_checkinteger (L, 2), port = luaL_checkinteger (L, 3);
  gp_fabric *f = check_fabric (L, 1, 4);
  gp_fabric_failure out;
  gp_error err;
  gp_status st = gp_fabric_fail_port (f, (long) a, (long) port, &out, &err);
  gp_fabric_free (f);
  if (st != GP_OK)
    return gp_lua_fail (L, strcmp (err.param, "port") == 0 ? 3 : 2, st, &err);
  lua_createtable (L, 0, 6);
  SETI ("peer", out.peer);
  SETI ("disconnected_accels", out.disconnected_accels);
  SETN ("detour_hops", out.detour_hops);
  SETN ("bw_share_left", out.bw_share_left);
  SETN ("blast_radius_accel", out.blast_radius_accel);
  SETN ("equivalent_accel_lost", out.equivalent_accel_lost);
  return 1;
}

static void
push_point (lua_State *L, const gp_fabric_point *p)
{
  lua_createtable (L, 0, 10);
  SETI ("ports", p->ports);
  SETN ("rate_gbps", p->rate_gbps);
  if (p->status != GP_OK)
    {
      lua_pushstring (L, p->why);
      lua_setfield (L, -2, "error");
      return;
    }
  SETN ("step_time_s", p->step_time_s);
  SETN ("usd_per_model", p->usd_per_model);
  SETN ("power_w", p->power_w);
  SETN ("capex_interconnect_usd", p->capex_interconnect_usd);
  SETI ("tp", p->plan.tp);
  SETI ("pp", p->plan.pp);
  SETI ("cp", p->plan.cp);
  SETI ("dp", p->plan.dp);
}

/* glasspane.fabric_sweep(system, kind, axis, {x...}) -> { point... }: each point
 * { ports, rate_gbps, step_time_s, usd_per_model, power_w, capex_interconnect_usd, tp, pp,
 * cp, dp } or { ports, rate_gbps, error } when the fabric cannot be built
 * (models/gp-fabric-sweep.h). KIND: gp_sweep_fabric_names; AXIS "ports" or "rate_gbps". */
static int
l_fabric_sweep (lua_State *L)
{
  gp_system *s = lua_newuserdatauv (L, sizeof *s, 0);
  gp_study *st = lua_newuserdatauv (L, sizeof *st, 0);
  gp_lua_check_system (L, 1, 1, s, st);
  int kind = luaL_checkoption (L, 2, NULL, gp_sweep_fabric_names);
  int axis = luaL_checkoption (L, 3, NULL, gp_sweep_axis_names);
  luaL_checktype (L, 4, LUA_TTABLE);
  size_t n = (size_t) lua_rawlen (L, 4);
  if (n == 0 || n > 4096)
    return luaL_argerror (L, 4, "x must list 1..4096 values");
  double *x = lua_newuserdatauv (L, n * sizeof *x, 0);
  gp_fabric_point *pt = lua_newuserdatauv (L, n * sizeof *pt, 0);
  for (size_t i = 0; i < n; i++)
    {
      lua_rawgeti (L, 4, (lua_Integer) i + 1);
      if (!lua_isnumber (L, -1))
        return luaL_argerror (L, 4, "x must list numbers");
      x[i] = lua_tonumber (L, -1);
      lua_pop (L, 1);
    }
  size_t n_nodes;
  const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
  gp_error err = { 0 };
  gp_status rc = gp_fabric_sweep (s, st, nodes, n_nodes, kind, axis, x, n, pt, &err);
  if (rc != GP_OK)
    return luaL_argerror (L, 4, err.message);
  lua_createtable (L, (int) n, 0);
  for (size_t i = 0; i < n; i++)
    {
      push_point (L, &pt[i]);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  return 1;
}

/* glasspane.optics_speedup(system) -> { glass, same_bandwidth, same_cost (points as in
 * fabric_sweep), same_cost_ports, speedup_same_bandwidth, speedup_same_cost }, or nil,
 * message when the system itself cannot be evaluated. */
static int
l_optics_speedup (lua_State *L)
{
  gp_system *s = lua_newuserdatauv (L, sizeof *s, 0);
  gp_study *st = lua_newuserdatauv (L, sizeof *st, 0);
  gp_lua_check_system (L, 1, 1, s, st);
  size_t n_nodes;
  const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
  gp_optics_speedup *o = lua_newuserdatauv (L, sizeof *o, 0);
  gp_error err = { 0 };
  gp_status rc = gp_fabric_optics_speedup (s, st, nodes, n_nodes, o, &err);
  if (rc != GP_OK)
    return gp_lua_fail (L, 1, rc, &err);
  lua_createtable (L, 0, 6);
  push_point (L, &o->glass);
  lua_setfield (L, -2, "glass");
  push_point (L, &o->same_bandwidth);
  lua_setfield (L, -2, "same_bandwidth");
  push_point (L, &o->same_cost);
  lua_setfield (L, -2, "same_cost");
  SETI ("same_cost_ports", o->same_cost_ports);
  SETN ("speedup_same_bandwidth", o->speedup_same_bandwidth);
  SETN ("speedup_same_cost", o->speedup_same_cost);
  return 1;
}

const luaL_Reg gp_lua_fabric_fns[] = {
  { "fabric_sweep", l_fabric_sweep },
  { "optics_speedup", l_optics_speedup },
  { "fabric", l_fabric },
  { "fabric_place", l_fabric_place },
  { "fabric_fail_port", l_fabric_fail_port },
  { NULL, NULL },
};
