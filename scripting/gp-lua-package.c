/* gp-lua-package.c: packages (fields plus a nested parts list) and their embodied carbon
 * from Lua: glasspane.package, glasspane.carbon_package, glasspane.carbon_system. */
#include "gp-lua-private.h"

#include <string.h>

/* Read the table at IDX into P over gp_package_params_init: every key but "parts" through
 * the package table; "parts", when present, replaces the default parts, each read over
 * gp_package_part_init. The caller's table is not modified (the flat reader gets a
 * shallow copy without "parts"). A string names a preset of data/packages.lua. */
void
gp_lua_check_package (lua_State *L, int arg, int idx, gp_package_params *p)
{
  idx = lua_absindex (L, idx);
  int top = lua_gettop (L);
  gp_package_params_init (p);
  if (lua_type (L, idx) == LUA_TSTRING)
    {
      gp_lua_push_preset (L, arg, "packages", lua_tostring (L, idx));
      idx = lua_gettop (L);
    }
  if (!lua_istable (L, idx))
    luaL_argerror (L, arg, lua_pushfstring (L, "package must be a table or a preset name, "
                                               "not a %s", luaL_typename (L, idx)));
  lua_newtable (L);
  int flat = lua_gettop (L);
  lua_pushnil (L);
  while (lua_next (L, idx))
    {
      if (lua_type (L, -2) == LUA_TSTRING && strcmp (lua_tostring (L, -2), "parts") == 0)
        {
          lua_pop (L, 1);
          continue;
        }
      lua_pushvalue (L, -2);
      lua_insert (L, -2);
      lua_rawset (L, flat);
    }
  gp_error err = { 0 };
  if (gp_lua_read_params (L, flat, &gp_package_param_table, p, 0, NULL, &err) != GP_OK)
    gp_lua_arg_error (L, arg, &err);

  lua_getfield (L, idx, "parts");
  int parts = lua_gettop (L);
  if (!lua_isnil (L, parts))
    {
      if (!lua_istable (L, parts))
        luaL_argerror (L, arg, "parts must be a list of part tables");
      lua_Unsigned n = lua_rawlen (L, parts);
      if (n < 1 || n > GP_PACKAGE_PARTS_MAX)
        luaL_argerror (L, arg, lua_pushfstring (L, "parts has %d entries: allowed [1, %d]",
                                                (int) n, GP_PACKAGE_PARTS_MAX));
      p->n_parts = (int) n;
      for (lua_Unsigned j = 1; j <= n; j++)
        {
          char ctx[32];
          snprintf (ctx, sizeof ctx, "parts[%d]", (int) j);
          lua_rawgeti (L, parts, (lua_Integer) j);
          if (!lua_istable (L, -1))
            luaL_argerror (L, arg, lua_pushfstring (L, "%s is not a table", ctx));
          gp_package_part_init (&p->parts[j - 1]);
          if (gp_lua_read_params (L, lua_gettop (L), &gp_package_part_param_table,
                                  &p->parts[j - 1], 0, ctx, &err) != GP_OK)
            gp_lua_arg_error (L, arg, &err);
          lua_pop (L, 1);
        }
    }
  lua_settop (L, top);
}

/* Validate and price P's dies against the node table; raise or return false with
 * nil, message pushed (2 values) for a design that cannot be built. */
static bool
prepare (lua_State *L, int arg, const gp_package_params *p, gp_package_prepared *prep)
{
  size_t n_nodes;
  const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
  gp_error err = { 0 };
  gp_status st = gp_package_prepare (p, nodes, n_nodes, prep, &err);
  if (st != GP_OK)
    {
      gp_lua_fail (L, arg, st, &err);
      return false;
    }
  return true;
}

static void
push_yields (lua_State *L, const gp_package_yields *y)
{
  gp_lua_push_params (L, &gp_lua_package_yields_table, y);
  lua_setfield (L, -2, "yields");
}

void
gp_lua_push_package_result (lua_State *L, const gp_package_params *p,
                            const gp_package_prepared *prep, const gp_package_result *r)
{
  gp_lua_push_params (L, &gp_lua_package_result_table, r);
  push_yields (L, &r->yields);
  lua_createtable (L, p->n_parts, 0);
  for (int i = 0; i < p->n_parts; i++)
    {
      gp_lua_push_params (L, &gp_lua_package_part_prep_table, &prep->part[i]);
      lua_pushstring (L, p->parts[i].name);
      lua_setfield (L, -2, "name");
      lua_pushstring (L, gp_part_kind_names[p->parts[i].kind]);
      lua_setfield (L, -2, "kind");
      lua_pushinteger (L, p->parts[i].count);
      lua_setfield (L, -2, "count");
      lua_pushnumber (L, gp_package_part_price (&p->parts[i], &prep->part[i]));
      lua_setfield (L, -2, "price_usd");
      lua_pushnumber (L, r->part_usd[i]);
      lua_setfield (L, -2, "usd");
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "parts");
}

/* glasspane.package(package) -> { total_usd, breakdown..., yields = {...},
 *                                 parts = { {name, kind, count, usd, die_yield, ...} } }
 *                              | nil, message */
static int
l_package (lua_State *L)
{
  lua_settop (L, 1);
  gp_package_params *p = lua_newuserdatauv (L, sizeof *p, 0);
  gp_lua_check_package (L, 1, 1, p);
  gp_package_prepared prep;
  if (!prepare (L, 1, p, &prep))
    return 2;
  gp_package_result r;
  gp_error err = { 0 };
  gp_status st = gp_package_cost (p, &prep, &r, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 1, st, &err);
  gp_lua_push_package_result (L, p, &prep, &r);
  return 1;
}

/* glasspane.carbon_package(package [, carbon]) -> { total_kg, breakdown..., yields, parts }
 *                                                | nil, message */
static int
l_carbon_package (lua_State *L)
{
  lua_settop (L, 2);
  gp_package_params *p = lua_newuserdatauv (L, sizeof *p, 0);
  gp_lua_check_package (L, 1, 1, p);
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_lua_check_params (L, 2, 2, &gp_carbon_param_table, &c, "carbon");
  gp_package_prepared prep;
  if (!prepare (L, 1, p, &prep))
    return 2;
  gp_carbon_package_result r;
  gp_error err = { 0 };
  gp_status st = gp_carbon_package (&c, p, &prep, &r, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, gp_param_table_find (&gp_carbon_param_table, err.param) ? 2 : 1,
                        st, &err);
  gp_lua_push_params (L, &gp_lua_carbon_package_result_table, &r);
  push_yields (L, &r.yields);
  lua_createtable (L, p->n_parts, 0);
  for (int i = 0; i < p->n_parts; i++)
    {
      lua_createtable (L, 0, 2);
      lua_pushstring (L, p->parts[i].name);
      lua_setfield (L, -2, "name");
      lua_pushnumber (L, r.part_kg[i]);
      lua_setfield (L, -2, "kg");
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "parts");
  return 1;
}

/* glasspane.carbon_system(system [, carbon]) -> { total_kg, packages_kg, ... } */
static int
l_carbon_system (lua_State *L)
{
  lua_settop (L, 2);
  gp_carbon_system_params s;
  gp_carbon_system_params_init (&s);
  luaL_checktype (L, 1, LUA_TTABLE);
  gp_lua_check_params (L, 1, 1, &gp_carbon_system_param_table, &s, NULL);
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_lua_check_params (L, 2, 2, &gp_carbon_param_table, &c, "carbon");
  gp_carbon_system_result r;
  gp_error err = { 0 };
  gp_status st = gp_carbon_system (&c, &s, &r, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, gp_param_table_find (&gp_carbon_system_param_table, err.param) ? 1
                                                                                          : 2,
                        st, &err);
  gp_lua_push_params (L, &gp_lua_carbon_system_result_table, &r);
  return 1;
}

const luaL_Reg gp_lua_package_fns[] = {
  { "package", l_package },
  { "carbon_package", l_carbon_package },
  { "carbon_system", l_carbon_system },
  { NULL, NULL },
};
