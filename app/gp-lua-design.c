/* gp-lua-design.c: the design as a Lua table for the console (see gp-lua-design.h). */
#include "gp-lua-design.h"

#include <stdio.h>
#include <string.h>

#include "gp-luaparam.h"

static void
push_sub (lua_State *L, const char *key, const gp_param_table *t, const void *obj)
{
  gp_lua_push_params (L, t, obj);
  lua_setfield (L, -2, key);
}

void
gp_lua_push_study (lua_State *L, const gp_study *st)
{
  gp_lua_push_params (L, &gp_study_param_table, st);
  push_sub (L, "workload", &gp_workload_param_table, &st->workload);
  push_sub (L, "carbon", &gp_carbon_param_table, &st->carbon);
  push_sub (L, "search", &gp_search_param_table, &st->search);
}

void
gp_lua_push_system (lua_State *L, const gp_system *s)
{
  lua_createtable (L, 0, 8);
  push_sub (L, "sys", &gp_system_param_table, &s->sys);
  gp_lua_push_params (L, &gp_package_param_table, &s->package);
  lua_createtable (L, s->package.n_parts, 0);
  for (int i = 0; i < s->package.n_parts; i++)
    {
      gp_lua_push_params (L, &gp_package_part_param_table, &s->package.parts[i]);
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "parts");
  lua_setfield (L, -2, "package");
  push_sub (L, "accel", &gp_accel_param_table, &s->accel);
  push_sub (L, "topology", &gp_topology_param_table, &s->topology);
  push_sub (L, "link", &gp_link_param_table, &s->link);
  push_sub (L, "failure", &gp_failure_param_table, &s->failure);
  push_sub (L, "carbon", &gp_carbon_system_param_table, &s->carbon);
  push_sub (L, "cost", &gp_cost_param_table, &s->cost);
}

/* Read the sub-table KEY of the table at IDX (absent: keep OBJ). */
static gp_status
read_sub (lua_State *L, int idx, const char *key, const gp_param_table *t, void *obj,
          const char *context, gp_error *err)
{
  lua_pushstring (L, key);
  lua_rawget (L, idx);
  gp_status st = GP_OK;
  if (lua_type (L, -1) == LUA_TTABLE)
    {
      char ctx[160];
      snprintf (ctx, sizeof ctx, "%s.%s", context, key);
      st = gp_lua_read_params (L, lua_gettop (L), t, obj, 0, ctx, err);
    }
  else if (!lua_isnil (L, -1))
    st = gp_error_set (err, GP_EINVAL, key, "%s.%s must be a table", context, key);
  lua_pop (L, 1);
  return st;
}

/* Like read_sub, but the table at IDX may hold sub-tables named in SKIP (read apart):
 * they are taken out for the generic reader and put back after. */
static gp_status
read_flat (lua_State *L, int idx, const gp_param_table *t, void *obj, const char *const *skip,
           const char *context, gp_error *err)
{
  int n = 0;
  for (; skip[n]; n++)
    {
      lua_pushstring (L, skip[n]);
      lua_rawget (L, idx);
      lua_pushstring (L, skip[n]);
      lua_pushnil (L);
      lua_rawset (L, idx);
    }
  gp_status st = gp_lua_read_params (L, idx, t, obj, 0, context, err);
  for (int k = n - 1; k >= 0; k--)
    {
      lua_pushstring (L, skip[k]);
      lua_insert (L, -2);
      lua_rawset (L, idx);
    }
  return st;
}

gp_status
gp_lua_read_study (lua_State *L, int idx, gp_study *st, const char *context, gp_error *err)
{
  idx = lua_absindex (L, idx);
  if (lua_type (L, idx) != LUA_TTABLE)
    return gp_error_set (err, GP_EINVAL, "study", "%s must be a table", context);
  static const char *const skip[] = { "workload", "carbon", "search", NULL };
  GP_TRY (read_flat (L, idx, &gp_study_param_table, st, skip, context, err));
  GP_TRY (read_sub (L, idx, "workload", &gp_workload_param_table, &st->workload, context, err));
  GP_TRY (read_sub (L, idx, "carbon", &gp_carbon_param_table, &st->carbon, context, err));
  return read_sub (L, idx, "search", &gp_search_param_table, &st->search, context, err);
}

gp_status
gp_lua_read_system (lua_State *L, int idx, gp_system *s, const char *context, gp_error *err)
{
  idx = lua_absindex (L, idx);
  if (lua_type (L, idx) != LUA_TTABLE)
    return gp_error_set (err, GP_EINVAL, "system", "%s must be a table", context);
  GP_TRY (read_sub (L, idx, "sys", &gp_system_param_table, &s->sys, context, err));
  GP_TRY (read_sub (L, idx, "accel", &gp_accel_param_table, &s->accel, context, err));
  GP_TRY (read_sub (L, idx, "topology", &gp_topology_param_table, &s->topology, context, err));
  GP_TRY (read_sub (L, idx, "link", &gp_link_param_table, &s->link, context, err));
  GP_TRY (read_sub (L, idx, "failure", &gp_failure_param_table, &s->failure, context, err));
  GP_TRY (read_sub (L, idx, "carbon", &gp_carbon_system_param_table, &s->carbon, context, err));
  GP_TRY (read_sub (L, idx, "cost", &gp_cost_param_table, &s->cost, context, err));

  lua_pushstring (L, "package");
  lua_rawget (L, idx);
  gp_status st = GP_OK;
  if (lua_type (L, -1) == LUA_TTABLE)
    {
      int pk = lua_gettop (L);
      char ctx[160];
      snprintf (ctx, sizeof ctx, "%s.package", context);
      static const char *const skip[] = { "parts", NULL };
      st = read_flat (L, pk, &gp_package_param_table, &s->package, skip, ctx, err);
      lua_pushstring (L, "parts");
      lua_rawget (L, pk);
      if (st == GP_OK && lua_type (L, -1) == LUA_TTABLE)
        {
          lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
          if (n < 1 || n > GP_PACKAGE_PARTS_MAX)
            st = gp_error_set (err, GP_EINVAL, "parts", "%s.parts has %lld parts: allowed [1, %d]",
                               ctx, (long long) n, GP_PACKAGE_PARTS_MAX);
          for (lua_Integer i = 1; st == GP_OK && i <= n; i++)
            {
              lua_rawgeti (L, -1, i);
              char pctx[200];
              snprintf (pctx, sizeof pctx, "%s.parts[%lld]", ctx, (long long) i);
              gp_package_part *part = &s->package.parts[i - 1];
              if (i > s->package.n_parts)
                gp_package_part_init (part);
              if (lua_type (L, -1) != LUA_TTABLE)
                st = gp_error_set (err, GP_EINVAL, "parts", "%s must be a table", pctx);
              else
                st = gp_lua_read_params (L, lua_gettop (L), &gp_package_part_param_table, part,
                                         0, pctx, err);
              lua_pop (L, 1);
            }
          if (st == GP_OK)
            s->package.n_parts = (int) n;
        }
      lua_pop (L, 1);
    }
  lua_pop (L, 1);
  return st;
}
