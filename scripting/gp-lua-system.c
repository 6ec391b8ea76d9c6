/* gp-lua-system.c: whole systems and design files from Lua: glasspane.design_load,
 * design_save, design_default, design_expand, evaluate (a design's systems on its study)
 * and evaluate_system.
 *
 * A design given as a Lua table goes through the same reader as a design file: the table
 * (plain data only) is written out as a Lua table constructor and read back by
 * gp_design_load_buffer, inside the sandbox. So the keys, the preset and derive rules and
 * the messages are those of the GUI's design files, and a design saved from a script opens
 * in the GUI (and the other way round) by construction. */
#include "gp-lua-private.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp-datafile.h"
#include "gp-datafile-deps.h"
#include "gp-design.h"
#include "gp-numfmt.h"
#include "gp-parallel.h"
#include "gp-syspath.h"
#include "gp-system.h"
#include "gp-system-parts.h"

#define SERIAL_DEPTH_MAX 32

/* A growing text buffer kept in a userdata at a fixed stack slot, so the serialiser may
 * push and pop freely (a luaL_Buffer may not) and an error frees it with the stack. */
typedef struct {
  lua_State *L;
  int slot;
  char *p;
  size_t len, cap;
} sbuf;

static void
sb_add (sbuf *b, const char *s, size_t n)
{
  if (b->len + n > b->cap)
    {
      size_t nc = b->cap * 2 > b->len + n + 256 ? b->cap * 2 : b->len + n + 256;
      char *np = lua_newuserdatauv (b->L, nc, 0);
      if (b->len)
        memcpy (np, b->p, b->len);
      lua_replace (b->L, b->slot);
      b->p = np;
      b->cap = nc;
    }
  memcpy (b->p + b->len, s, n);
  b->len += n;
}

static void
sb_str (sbuf *b, const char *s)
{
  sb_add (b, s, strlen (s));
}

static void
sb_quoted (sbuf *b, const char *s, size_t n)
{
  sb_add (b, "\"", 1);
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) s[i];
      char esc[8];
      if (c == '"' || c == '\\')
        {
          esc[0] = '\\', esc[1] = (char) c;
          sb_add (b, esc, 2);
        }
      else if (c < 32 || c == 127)
        {
          snprintf (esc, sizeof esc, "\\%03u", c);
          sb_add (b, esc, strlen (esc));
        }
      else
        sb_add (b, (const char *) &c, 1);
    }
  sb_add (b, "\"", 1);
}

/* Write the value at IDX as Lua source. Only numbers, strings, booleans and tables of them
 * (string or integer keys); PATH names the place for messages. */
static void
serialize (sbuf *b, int arg, int idx, int depth, const char *path)
{
  lua_State *L = b->L;
  idx = lua_absindex (L, idx);
  char num[64];
  switch (lua_type (L, idx))
    {
    case LUA_TBOOLEAN:
      sb_str (b, lua_toboolean (L, idx) ? "true" : "false");
      return;
    case LUA_TNUMBER:
      if (lua_isinteger (L, idx))
        snprintf (num, sizeof num, "%lld", (long long) lua_tointeger (L, idx));
      else
        {
          double v = lua_tonumber (L, idx);
          if (!isfinite (v))
            luaL_argerror (L, arg, lua_pushfstring (L, "%s is not a finite number", path));
          gp_fmt_double (num, sizeof num, v);
          if (!strpbrk (num, ".eEn"))
            strcat (num, ".0"); /* keep it a float */
        }
      sb_str (b, num);
      return;
    case LUA_TSTRING:
      {
        size_t n;
        const char *s = lua_tolstring (L, idx, &n);
        sb_quoted (b, s, n);
        return;
      }
    case LUA_TTABLE:
      break;
    default:
      luaL_argerror (L, arg, lua_pushfstring (L, "%s is a %s; designs hold only numbers, "
                                                 "strings, booleans and tables",
                                              path, luaL_typename (L, idx)));
    }
  if (depth > SERIAL_DEPTH_MAX)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s is nested too deeply (a cycle?)", path));
  luaL_checkstack (L, 6, "serialising a design");
  sb_add (b, "{", 1);
  lua_pushnil (L);
  while (lua_next (L, idx))
    {
      char sub[256];
      if (lua_type (L, -2) == LUA_TSTRING)
        {
          snprintf (sub, sizeof sub, "%s.%s", path, lua_tostring (L, -2));
          sb_add (b, "[", 1);
          size_t n;
          const char *k = lua_tolstring (L, -2, &n);
          sb_quoted (b, k, n);
          sb_add (b, "]=", 2);
        }
      else if (lua_isinteger (L, -2))
        {
          snprintf (sub, sizeof sub, "%s[%lld]", path, (long long) lua_tointeger (L, -2));
          snprintf (num, sizeof num, "[%lld]=", (long long) lua_tointeger (L, -2));
          sb_str (b, num);
        }
      else
        luaL_argerror (L, arg, lua_pushfstring (L, "%s has a %s key; keys are names or "
                                                   "whole numbers",
                                                path, luaL_typename (L, -2)));
      serialize (b, arg, -1, depth + 1, sub);
      sb_add (b, ",", 1);
      lua_pop (L, 1);
    }
  sb_add (b, "}", 1);
}

/* The design table at ARG as source text "return {...}" (pushed as a string). A table
 * without `kind` gets kind = "design" and format = 1. */
static void
push_design_source (lua_State *L, int arg)
{
  luaL_checktype (L, arg, LUA_TTABLE);
  lua_pushnil (L); /* the buffer's slot */
  sbuf b = { L, lua_gettop (L), NULL, 0, 0 };
  sb_str (&b, "return ");
  lua_getfield (L, arg, "kind");
  bool has_kind = !lua_isnil (L, -1);
  lua_pop (L, 1);
  if (has_kind)
    serialize (&b, arg, arg, 0, "design");
  else
    {
      /* a shallow copy with the header keys */
      lua_newtable (L);
      int copy = lua_gettop (L);
      lua_pushnil (L);
      while (lua_next (L, arg))
        {
          lua_pushvalue (L, -2);
          lua_insert (L, -2);
          lua_rawset (L, copy);
        }
      lua_pushstring (L, "design");
      lua_setfield (L, -2, "kind");
      lua_getfield (L, -1, "format");
      if (lua_isnil (L, -1))
        {
          lua_pushinteger (L, 1);
          lua_setfield (L, -3, "format");
        }
      lua_pop (L, 1);
      serialize (&b, arg, -1, 0, "design");
      lua_pop (L, 1);
    }
  lua_pushlstring (L, b.p, b.len);
  lua_replace (L, b.slot);
}

/* Read the design table at ARG into D (a userdata the caller keeps); raises with the
 * reader's message ("design: systems[2] (cs-3): accel.peak_tflop_per_s = ...") on any
 * mistake in it. */
static void
check_design (lua_State *L, int arg, gp_design *d)
{
  push_design_source (L, arg);
  size_t len;
  const char *src = lua_tolstring (L, -1, &len);
  gp_error err = { 0 };
  gp_status st = gp_design_load_buffer ("design", src, len, d, &err);
  lua_pop (L, 1);
  if (st != GP_OK)
    luaL_argerror (L, arg, err.message[0] ? err.message : gp_status_name (st));
}

/* Push D in its canonical form: the table gp_design_to_string writes, read back. */
static int
push_canonical (lua_State *L, const gp_design *d)
{
  char *text = NULL;
  size_t len = 0;
  gp_error err = { 0 };
  if (gp_design_to_string (d, &text, &len, &err) != GP_OK)
    return gp_lua_push_fail (L, &err);
  gp_datafile *df = gp_datafile_load_buffer ("design", text, len, NULL, &err);
  free (text);
  if (df == NULL)
    return gp_lua_push_fail (L, &err);
  gp_datafile_push_copy (df, L);
  gp_datafile_free (df);
  return 1;
}

/* glasspane.design_load(path) -> design table (canonical: every parameter explicit) |
 * nil, message */
static int
l_design_load (lua_State *L)
{
  const char *path = luaL_checkstring (L, 1);
  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  gp_error err = { 0 };
  if (gp_design_load (path, d, &err) != GP_OK)
    return gp_lua_push_fail (L, &err);
  return push_canonical (L, d);
}

/* glasspane.design_default() -> the design of data/comparison.lua (canonical) */
static int
l_design_default (lua_State *L)
{
  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  gp_error err = { 0 };
  if (gp_design_load_default (d, &err) != GP_OK)
    return gp_lua_push_fail (L, &err);
  return push_canonical (L, d);
}

/* glasspane.design_expand(design) -> the canonical table of a design given with presets,
 * overrides and derive rules */
static int
l_design_expand (lua_State *L)
{
  lua_settop (L, 1);
  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  check_design (L, 1, d);
  return push_canonical (L, d);
}

/* glasspane.design_save(path, design) -> true | nil, message (written atomically) */
static int
l_design_save (lua_State *L)
{
  const char *path = luaL_checkstring (L, 1);
  lua_settop (L, 2);
  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  check_design (L, 2, d);
  gp_error err = { 0 };
  /* The design was checked above; what is left is about the file (an empty path, a
   * directory, a link, no permission): nil, message, as write_csv and chart:save do. */
  if (gp_design_save (path, d, &err) != GP_OK)
    return gp_lua_push_fail (L, &err);
  lua_pushboolean (L, 1);
  return 1;
}

/* glasspane.design_scale(design, system, target, value) -> the design (canonical) with
 * system number SYSTEM (1-based) resized to TARGET ("count" accelerators, "compute" PFLOP/s
 * peak, "cost" USD capex, "power" W from the wall) = VALUE, in whole servers
 * (gp_system_scale), so families can be compared at equal compute, cost or power. */
static int
l_design_scale (lua_State *L)
{
  lua_settop (L, 4);
  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  check_design (L, 1, d);
  lua_Integer i = luaL_checkinteger (L, 2);
  if (i < 1 || i > d->n_systems)
    return luaL_argerror (L, 2, lua_pushfstring (L, "system = %I is out of range: the design "
                                                    "has %d systems (1..%d)", i,
                                                 d->n_systems, d->n_systems));
  int target = luaL_checkoption (L, 3, NULL, gp_scale_target_names);
  lua_Number value = luaL_checknumber (L, 4);
  size_t n_nodes;
  const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
  gp_error err = { 0 };
  gp_status st = gp_system_scale (&d->systems[i - 1], &d->study, nodes, n_nodes, target,
                                  value, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 4, st, &err);
  return push_canonical (L, d);
}

/* ---- evaluation ---- */

typedef struct {
  lua_State *L;
  int fn;            /* progress function's stack index, 0 for none */
  int system;        /* 1-based index passed to it */
  bool failed;       /* it raised; the error is on the stack top */
} eval_progress;

static bool
eval_progress_cb (double fraction, const gp_search_entry *best, void *user)
{
  eval_progress *p = user;
  if (p->failed)
    return false;
  lua_State *L = p->L;
  lua_pushvalue (L, p->fn);
  lua_pushnumber (L, fraction);
  if (best)
    lua_pushnumber (L, best->result.step_time_s);
  else
    lua_pushnil (L);
  lua_pushinteger (L, p->system);
  if (lua_pcall (L, 3, 1, 0) != LUA_OK)
    {
      p->failed = true;
      return false;
    }
  bool go_on = lua_isnil (L, -1) || lua_toboolean (L, -1);
  lua_pop (L, 1);
  return go_on;
}

/* {part = names[i], <vkey> = v[i]} records; VKEY one of "usd", "w", "kg" */
static void
push_parts (lua_State *L, const char *key, const char *const *names, const double *v, int n,
            const char *vkey)
{
  static const char *const usd[] = { "part", "usd" }, *const w[] = { "part", "w" },
                           *const kg[] = { "part", "kg" };
  gp_lua_push_records (L, vkey[0] == 'u' ? usd : vkey[0] == 'w' ? w : kg, names, v, n);
  lua_setfield (L, -2, key);
}

static void
push_system_result (lua_State *L, const gp_system *s, const gp_study *st,
                    const gp_system_prepared *prep, const gp_system_result *r, bool searched)
{
  gp_lua_push_params (L, &gp_system_result_table, r);
  lua_pushstring (L, s->sys.name);
  lua_setfield (L, -2, "name");
  lua_pushstring (L, gp_family_names[s->sys.family]);
  lua_setfield (L, -2, "family");
  lua_pushstring (L, r->binding);
  lua_setfield (L, -2, "binding");
  lua_pushstring (L, r->limits);
  lua_setfield (L, -2, "limits");
  gp_lua_push_params (L, &gp_power_result_table, &prep->power);
  lua_setfield (L, -2, "die_power");
  gp_lua_push_params (L, &gp_mempool_result_table, &prep->pool);
  lua_setfield (L, -2, "pool");
  /* the accelerator as the step model saw it: peak at the sustained clock, the second tier
     fed from the pool; and the package's embodied carbon by part */
  gp_lua_push_params (L, &gp_accel_param_table, &prep->accel);
  lua_setfield (L, -2, "accel");
  gp_lua_push_params (L, &gp_lua_carbon_package_result_table, &prep->package_carbon);
  lua_setfield (L, -2, "package_carbon");
  push_parts (L, "capex", gp_capex_part_names, r->capex_usd_part, GP_CAPEX_N, "usd");
  push_parts (L, "capex_lines", gp_cost_line_names, r->capex_usd_line, GP_COSTLINE_N, "usd");
  lua_pushstring (L, gp_cost_basis_names[r->cost_basis == GP_COST_PURCHASE]);
  lua_setfield (L, -2, "cost_basis");
  push_parts (L, "power", gp_power_part_names, r->power_w_part, GP_POWER_N, "w");
  push_parts (L, "embodied", gp_embodied_part_names, r->embodied_kg_part, GP_EMBODIED_N, "kg");
  /* issue 18: the machine's embodied carbon by part and the memory tiers per accelerator
     (gp-system-parts.h), the figures the explorer's charts draw */
  double kg[GP_CARBON_PART_N];
  if (gp_system_embodied_parts (s, st, prep, r, kg, NULL) == GP_OK)
    push_parts (L, "embodied_by_part", gp_carbon_part_names, kg, GP_CARBON_PART_N, "kg");
  gp_memtier_figures tiers[GP_MEMTIER_N];
  gp_system_memory_tiers (s, r, tiers);
  lua_createtable (L, GP_MEMTIER_N, 0);
  for (int i = 0; i < GP_MEMTIER_N; i++)
    {
      lua_createtable (L, 0, 3);
      lua_pushstring (L, gp_memtier_names[i]);
      lua_setfield (L, -2, "tier");
      lua_pushnumber (L, tiers[i].capacity_gb);
      lua_setfield (L, -2, "capacity_gb");
      lua_pushnumber (L, tiers[i].bw_gb_per_s);
      lua_setfield (L, -2, "bw_gb_per_s");
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "memory_tiers");
  gp_lua_push_params (L, &gp_plan_param_table, &r->plan);
  lua_setfield (L, -2, "plan");
  gp_lua_push_steptime_result (L, &r->step);
  lua_setfield (L, -2, "step");
  gp_lua_push_package_result (L, &s->package, &prep->package, &r->package);
  lua_setfield (L, -2, "package");
  if (searched)
    {
      gp_lua_push_params (L, &gp_lua_search_result_table, &r->search);
      lua_setfield (L, -2, "search");
    }
}

/* The options table at ARG: plan = {...} (no search), progress = function. */
static bool
read_eval_options (lua_State *L, int arg, gp_plan *plan, eval_progress *pg)
{
  static const char *const keys[] = { "plan", "progress", NULL };
  bool have_plan = false;
  if (lua_isnoneornil (L, arg))
    return false;
  luaL_checktype (L, arg, LUA_TTABLE);
  gp_lua_check_keys (L, arg, keys);
  lua_getfield (L, arg, "plan");
  if (!lua_isnil (L, -1))
    {
      gp_plan_params_init (plan);
      gp_lua_check_params (L, arg, -1, &gp_plan_param_table, plan, "plan");
      have_plan = true;
    }
  lua_pop (L, 1);
  lua_getfield (L, arg, "progress");
  if (!lua_isnil (L, -1))
    {
      if (!lua_isfunction (L, -1))
        luaL_argerror (L, arg, "progress must be a function(fraction, best_step_time_s, system)");
      pg->fn = lua_gettop (L); /* left on the stack for the callbacks */
    }
  else
    lua_pop (L, 1);
  return have_plan;
}

static int
evaluate_design (lua_State *L, int arg, int opts, gp_design *d)
{
  gp_plan plan;
  eval_progress pg = { L, 0, 0, false };
  bool have_plan = read_eval_options (L, opts, &plan, &pg);
  lua_createtable (L, d->n_systems, 2);
  int list = lua_gettop (L);
  for (int i = 0; i < d->n_systems; i++)
    {
      /* prep and result live in userdata anchored on the stack while they are pushed */
      gp_system_prepared *prep = lua_newuserdatauv (L, sizeof *prep, 0);
      gp_system_result *r = lua_newuserdatauv (L, sizeof *r, 0);
      memset (prep, 0, sizeof *prep);
      memset (r, 0, sizeof *r);
      size_t n_nodes;
      const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
      gp_error err = { 0 };
      const gp_system *s = &d->systems[i];
      gp_status st = gp_system_prepare (s, &d->study, nodes, n_nodes, prep, &err);
      if (st == GP_OK)
        {
          pg.system = i + 1;
          st = gp_system_eval (s, &d->study, prep, have_plan ? &plan : NULL, r,
                               pg.fn ? eval_progress_cb : NULL, &pg, &err);
          if (pg.failed)
            return lua_error (L);
        }
      if (st == GP_EINVAL || st == GP_ENOTFOUND)
        {
          char ctx[96];
          snprintf (ctx, sizeof ctx, "systems[%d] (%s)", i + 1, s->sys.name);
          gp_error_prefix (&err, ctx);
          return gp_lua_arg_error (L, arg, &err);
        }
      if (st != GP_OK)
        {
          lua_createtable (L, 0, 3);
          lua_pushstring (L, s->sys.name);
          lua_setfield (L, -2, "name");
          lua_pushstring (L, gp_family_names[s->sys.family]);
          lua_setfield (L, -2, "family");
          lua_pushstring (L, err.message);
          lua_setfield (L, -2, "error");
        }
      else
        push_system_result (L, s, &d->study, prep, r, !have_plan);
      lua_rawseti (L, list, i + 1);
      lua_pop (L, 2);
    }
  lua_pushinteger (L, d->baseline + 1);
  lua_setfield (L, list, "baseline");
  return 1;
}

/* glasspane.evaluate(design [, {plan=, progress=}]) -> { result, ... , baseline = i } */
static int
l_evaluate (lua_State *L)
{
  lua_settop (L, 2);
  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  if (lua_type (L, 1) == LUA_TSTRING)
    {
      gp_error err = { 0 };
      if (gp_design_load (lua_tostring (L, 1), d, &err) != GP_OK)
        return gp_lua_push_fail (L, &err);
    }
  else
    check_design (L, 1, d);
  return evaluate_design (L, 1, 2, d);
}

/* sweep_system's per-worker working copies: each point starts from the pristine ones. */
typedef struct {
  gp_system sys, sys0;
  gp_study study, study0;
  gp_system_prepared prep;
  gp_system_result res;
  gp_node *nodes, *nodes0;
  gp_syspath_ref rx, ry; /* resolved into this worker's copies */
} sweep_work;

#define SWEEP_BLOCK 4096

typedef struct {
  sweep_work *ws;
  const gp_lua_axis *ax, *ay;
  bool two_d, reprepare, search;
  bool restore;    /* each point restores the pristine copies first (see l_sweep_system) */
  gp_plan plan;
  size_t n_nodes;
  const gp_param_table *rt;
  long row0;       /* the block's first row */
  const size_t *sel; /* the result table's indices of the requested outputs */
  size_t n_sel;
  /* the frame's columns: row, x, (y), the requested outputs; row R at [R - first] */
  double *store;
  long rows, first;
  gp_status *st;
  gp_error *errs;
} sweep_ctx;

/* Rows row0 + [begin, end) on worker WORKER's copies: arithmetic only (the paths were
 * resolved and the axes checked once, before any point). */
static void
sweep_block (void *user, int worker, long begin, long end)
{
  sweep_ctx *c = user;
  sweep_work *w = &c->ws[worker];
  const gp_param_table *rt = c->rt;
  long ny = c->ay->n;
  for (long k = begin; k < end; k++)
    {
      long r = c->row0 + k, i = r / ny, j = r % ny;
      double xv = gp_lua_axis_value (c->ax, i), yv = c->two_d ? gp_lua_axis_value (c->ay, j) : 0;
      gp_error *err = &c->errs[k];
      err->message[0] = '\0';
      if (c->restore)
        {
          w->sys = w->sys0;
          w->study = w->study0;
          if (c->n_nodes)
            memcpy (w->nodes, w->nodes0, sizeof (gp_node) * c->n_nodes);
        }
      gp_status st = gp_syspath_ref_set (&w->rx, xv, err);
      if (st == GP_OK && c->two_d)
        st = gp_syspath_ref_set (&w->ry, yv, err);
      if (st == GP_OK && c->reprepare)
        {
          st = gp_system_prepare_staged (&w->sys, &w->study, w->nodes, c->n_nodes, &w->prep,
                                         err);
          w->prep.skip_binding = true;
        }
      if (st == GP_OK)
        st = gp_system_eval (&w->sys, &w->study, &w->prep, c->search ? NULL : &c->plan,
                             &w->res, NULL, NULL, err);
      c->st[k] = st;
      size_t rows = (size_t) c->rows, s = (size_t) (r - c->first);
      c->store[s] = (double) (r + 1);
      c->store[rows + s] = xv;
      if (c->two_d)
        c->store[2 * rows + s] = yv;
      double *out = c->store + (c->two_d ? 3 : 2) * rows + s;
      if (st != GP_OK)
        for (size_t o = 0; o < c->n_sel; o++)
          out[o * rows] = NAN;
      else
        for (size_t o = 0; o < c->n_sel; o++)
          {
            const gp_param *p = &rt->params[c->sel[o]];
            out[o * rows] = p->type == GP_PARAM_DOUBLE
                              ? *(const double *) ((const char *) &w->res + p->offset)
                              : gp_param_get (p, &w->res);
          }
    }
}

/* Read sweep_system's OUTPUTS option (a list of gp_system_result_table names) at table
 * index ARG into SEL (room for RT's n_params), in the order given; absent: every output in
 * the table's order. Unknown, repeated or non-string names and an empty list raise. */
static size_t
sweep_outputs (lua_State *L, int arg, const gp_param_table *rt, size_t *sel)
{
  lua_getfield (L, arg, "outputs");
  if (lua_isnil (L, -1))
    {
      lua_pop (L, 1);
      for (size_t o = 0; o < rt->n_params; o++)
        sel[o] = o;
      return rt->n_params;
    }
  if (!lua_istable (L, -1))
    luaL_argerror (L, arg, "outputs must be a list of output names "
                           "(glasspane.outputs(\"system\"))");
  lua_Integer n = (lua_Integer) lua_rawlen (L, -1);
  if (n == 0)
    luaL_argerror (L, arg, "outputs: the list is empty (name at least one output, or leave "
                           "outputs out for all of them)");
  if ((size_t) n > rt->n_params)
    luaL_argerror (L, arg, lua_pushfstring (L, "outputs: %I names, there are %d outputs",
                                            n, (int) rt->n_params));
  for (lua_Integer i = 1; i <= n; i++)
    {
      lua_rawgeti (L, -1, i);
      const char *name = lua_type (L, -1) == LUA_TSTRING ? lua_tostring (L, -1) : NULL;
      if (name == NULL)
        luaL_argerror (L, arg, lua_pushfstring (L, "outputs[%I] must be a string, not a %s",
                                                i, luaL_typename (L, -1)));
      size_t o = 0;
      while (o < rt->n_params && strcmp (rt->params[o].name, name) != 0)
        o++;
      if (o == rt->n_params)
        {
          luaL_Buffer b;
          luaL_buffinit (L, &b);
          luaL_addstring (&b, "outputs: unknown column '");
          luaL_addstring (&b, name);
          luaL_addstring (&b, "'; valid: ");
          for (size_t q = 0; q < rt->n_params; q++)
            {
              if (q)
                luaL_addstring (&b, ", ");
              luaL_addstring (&b, rt->params[q].name);
            }
          luaL_pushresult (&b);
          luaL_argerror (L, arg, lua_tostring (L, -1));
        }
      for (lua_Integer q = 1; q < i; q++)
        if (sel[q - 1] == o)
          luaL_argerror (L, arg, lua_pushfstring (L, "outputs: '%s' is named twice", name));
      sel[i - 1] = o;
      lua_pop (L, 1);
    }
  lua_pop (L, 1);
  return (size_t) n;
}

/* glasspane.sweep_system{ design = table | path, system = i (default 1), x = {path=, from=,
 *                         to=, n=, log=}, y = {...}, shard = {k, n}, search = bool,
 *                         threads = t, outputs = {name, ...} }
 *   -> frame (as glasspane.sweep: row, the swept paths, every scalar of
 *      glasspane.outputs("system") or only those OUTPUTS names, in its order; errors[row]
 *      for points that fail or do not fit)
 *
 * One or two parameter paths (gp-syspath: "sys.accelerators", "accel.peak_tflop_per_s",
 * "link.laser_wpe", "study.token_budget", "nodes.N5.d0_per_cm2", ...) of one system of a
 * design. Each point starts from the design's own values, so coupled fields cannot drift.
 * The system is prepared once when no swept path needs a re-prepare (gp-syspath's flag),
 * else at every point. The plan is the one the search finds at the design's values, kept
 * for every point (a few microseconds a point), unless SEARCH is true or a swept path
 * needs a re-prepare (the best plan may change with the machine), then searched at each
 * point. */
static int
l_sweep_system (lua_State *L)
{
  luaL_checktype (L, 1, LUA_TTABLE);
  static const char *const keys[] = { "design", "system", "x", "y", "shard", "search",
                                      "threads", "outputs", NULL };
  gp_lua_check_keys (L, 1, keys);

  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  int d_slot = lua_gettop (L);
  lua_getfield (L, 1, "design");
  if (lua_type (L, -1) == LUA_TSTRING)
    {
      gp_error err = { 0 };
      if (gp_design_load (lua_tostring (L, -1), d, &err) != GP_OK)
        return luaL_argerror (L, 1, err.message);
    }
  else if (lua_istable (L, -1))
    check_design (L, lua_gettop (L), d);
  else
    return luaL_argerror (L, 1, "design must be a design table or a design file's path");
  lua_pop (L, 1);
  lua_getfield (L, 1, "system");
  lua_Integer si = lua_isnil (L, -1) ? 1 : (lua_isinteger (L, -1) ? lua_tointeger (L, -1) : 0);
  lua_pop (L, 1);
  if (si < 1 || si > d->n_systems)
    return luaL_argerror (L, 1, lua_pushfstring (L, "system = %I is out of range: the design "
                                                    "has %d systems (1..%d)", si,
                                                 d->n_systems, d->n_systems));
  lua_getfield (L, 1, "search");
  bool search_each = lua_toboolean (L, -1);
  lua_pop (L, 1);

  int threads = gp_lua_threads_opt (L, 1, 1);
  const gp_param_table *rt = &gp_system_result_table;
  if (rt->n_params > 160)
    return luaL_error (L, "internal: too many outputs");
  size_t sel[160];
  size_t n_sel = sweep_outputs (L, 1, rt, sel);

  /* One set of working copies per worker, each point restored from the pristine ones. */
  size_t n_nodes;
  const gp_node *nodes_c = gp_lua_nodes (L, &n_nodes);
  sweep_work *ws = lua_newuserdatauv (L, sizeof *ws * (size_t) threads, 0);
  memset (ws, 0, sizeof *ws * (size_t) threads); /* staged prepares start from nothing */
  gp_node *node_mem = lua_newuserdatauv (L, sizeof (gp_node) * (n_nodes ? n_nodes : 1) * 2
                                              * (size_t) threads, 0);
  for (int t = 0; t < threads; t++)
    {
      sweep_work *w = &ws[t];
      w->sys0 = w->sys = d->systems[si - 1];
      w->study0 = w->study = d->study;
      w->nodes = node_mem + (size_t) t * 2 * (n_nodes ? n_nodes : 1);
      w->nodes0 = w->nodes + (n_nodes ? n_nodes : 1);
      memcpy (w->nodes, nodes_c, sizeof (gp_node) * n_nodes);
      memcpy (w->nodes0, nodes_c, sizeof (gp_node) * n_nodes);
    }
  sweep_work *w = &ws[0];
  gp_node *nodes = w->nodes;
  gp_syspath_target tgt = { &w->sys, &w->study, nodes, n_nodes };

  gp_lua_axis ax, ay = { "", 0, 0, 1, false, false };
  gp_syspath_ref rx, ry;
  gp_error err = { 0 };
  gp_lua_read_axis (L, 1, 1, "x", "path", &ax);
  if (gp_syspath_resolve (&tgt, ax.name, &rx, &err) != GP_OK)
    {
      gp_error_prefix (&err, "x.path");
      return gp_lua_arg_error (L, 1, &err);
    }
  ax.whole = rx.param->type == GP_PARAM_INT;
  lua_getfield (L, 1, "y");
  bool two_d = !lua_isnil (L, -1);
  lua_pop (L, 1);
  if (two_d)
    {
      gp_lua_read_axis (L, 1, 1, "y", "path", &ay);
      if (gp_syspath_resolve (&tgt, ay.name, &ry, &err) != GP_OK)
        {
          gp_error_prefix (&err, "y.path");
          return gp_lua_arg_error (L, 1, &err);
        }
      ay.whole = ry.param->type == GP_PARAM_INT;
    }
  /* Both ends of each axis inside its parameter's range, or the call is a mistake. */
  for (int which = 0; which < (two_d ? 2 : 1); which++)
    {
      const gp_lua_axis *a = which ? &ay : &ax;
      const gp_param *p = which ? ry.param : rx.param;
      if (gp_check_range (&err, p->name, a->from, p->min, p->max, p->flags, p->unit) != GP_OK
          || gp_check_range (&err, p->name, a->to, p->min, p->max, p->flags, p->unit) != GP_OK)
        {
          gp_error_prefix (&err, which ? "y" : "x");
          return gp_lua_arg_error (L, 1, &err);
        }
    }
  bool reprepare = (rx.flags & GP_SYSPATH_F_PREPARE)
                   || (two_d && (ry.flags & GP_SYSPATH_F_PREPARE));
  long total = ax.n * ay.n, first, last;
  gp_lua_sweep_rows (L, 1, 1, total, &first, &last);

  /* The design's own evaluation: its plan, and the preparation shared by the points. */
  /* staged (ws is zeroed): the points' re-prepares reuse its die counts and search */
  if (gp_system_prepare_staged (&w->sys, &w->study, nodes, n_nodes, &w->prep, &err) != GP_OK
      || gp_system_eval (&w->sys, &w->study, &w->prep, NULL, &w->res, NULL, NULL, &err)
           != GP_OK)
    return gp_lua_push_fail (L, &err);
  w->prep.skip_binding = true; /* the frame has no words: keep snprintf off the points */
  w->rx = rx;
  w->ry = ry;
  /* the other workers: their own refs into their own copies, and their own preparation */
  for (int t = 1; t < threads; t++)
    {
      sweep_work *v = &ws[t];
      gp_syspath_target vt = { &v->sys, &v->study, v->nodes, n_nodes };
      if (gp_syspath_resolve (&vt, ax.name, &v->rx, &err) != GP_OK
          || (two_d && gp_syspath_resolve (&vt, ay.name, &v->ry, &err) != GP_OK))
        return gp_lua_arg_error (L, 1, &err);
      if (!reprepare)
        {
          if (gp_system_prepare (&v->sys, &v->study, v->nodes, n_nodes, &v->prep, &err)
              != GP_OK)
            return gp_lua_push_fail (L, &err);
          v->prep.skip_binding = true;
        }
      else
        v->prep = w->prep; /* its memos: the first point need not count dies or search */
    }

  const char *names[3 + 160], *units[3 + 160];
  int nc = 0;
  names[nc] = "row", units[nc++] = "";
  names[nc] = rx.path, units[nc++] = rx.param->unit;
  if (two_d)
    names[nc] = ry.path, units[nc++] = ry.param->unit;
  for (size_t o = 0; o < n_sel; o++)
    names[nc] = rt->params[sel[o]].name, units[nc++] = rt->params[sel[o]].unit;

  /* Rows run in blocks: the workers write a block's rows straight into the frame's columns
     (disjoint rows each); the block's errors then go into the errors table in row order.
     The frame is the same whatever the thread count. */
  /* A plain field (no coupled rule) is all a point writes and the next point overwrites
     it, so the copies need no restoring; coupled setters (accelerators, peak, memory) and
     re-prepares start each point from the pristine copies. */
  bool restore = reprepare || rx.coupling != 0 || (two_d && ry.coupling != 0);
  /* With one plan and one preparation, the step is the same at every point unless a swept
     field is one the step time reads besides the preparation (the workload, the topology
     a glass fabric places plans on): then gp_system_eval reuses it (reuse_step). */
  if (!reprepare && !search_each)
    for (int t = 0; t < threads; t++)
      {
        sweep_work *v = &ws[t];
        bool reads = false;
        for (int which = 0; which < (two_d ? 2 : 1); which++)
          {
            uintptr_t o = (uintptr_t) (which ? v->ry.owner : v->rx.owner);
            uintptr_t wl = (uintptr_t) &v->study.workload, tp = (uintptr_t) &v->sys.topology;
            reads |= (o >= wl && o < wl + sizeof v->study.workload)
                     || (o >= tp && o < tp + sizeof v->sys.topology);
          }
        v->prep.reuse_step = !reads;
      }
  sweep_ctx c = { ws, &ax, &ay, two_d, reprepare, search_each || reprepare, restore,
                  w->res.plan, n_nodes, rt, 0, sel, n_sel, NULL, 0, first, NULL, NULL };
  long cap = last - first < SWEEP_BLOCK ? last - first : SWEEP_BLOCK;
  if (cap < 1)
    cap = 1;
  c.st = lua_newuserdatauv (L, sizeof (gp_status) * (size_t) cap, 0);
  c.errs = lua_newuserdatauv (L, sizeof (gp_error) * (size_t) cap, 0);
  gp_lua_frame f;
  gp_lua_frame_begin (L, &f, last - first, nc, names, units);
  c.store = f.store;
  c.rows = f.rows;
  for (long b0 = first; b0 < last; b0 += cap)
    {
      long count = last - b0 < cap ? last - b0 : cap;
      c.row0 = b0;
      gp_parallel_for (count, threads, sweep_block, &c);
      for (long k = 0; k < count; k++)
        if (c.st[k] != GP_OK)
          gp_lua_frame_error (&f, b0 + k + 1, c.errs[k].message);
    }
  gp_lua_frame_end (&f, total, first);
  (void) d_slot;
  return 1;
}

/* evaluate_system's memo, per Lua state: the design read from a system entry (and a study,
 * or the default one) and the system prepared on it, keyed by the entry's source text. A
 * repeated call costs one evaluation and the result table (tens of us) instead of reading
 * the presets and the default comparison again (ms). An entry is dropped when $GP_DATA_DIR
 * changes, any data file it was read from changes size, mtime or inode, or the state's
 * node table is another one; the table is emptied when it reaches SYSMEMO_MAX entries. */
#define SYSMEMO_KEY "glasspane.evaluate_system.memo"
#define SYSMEMO_MAX 64

typedef struct {
  gp_design d;
  gp_system_prepared prep;
  gp_status prep_st;
  gp_error prep_err;
  const gp_node *nodes;
  gp_datafile_deps deps; /* last: only its used part matters */
} sys_memo;

/* Push the memo table (created when absent or full). */
static int
sysmemo_table (lua_State *L)
{
  if (lua_getfield (L, LUA_REGISTRYINDEX, SYSMEMO_KEY) == LUA_TTABLE)
    {
      lua_getfield (L, -1, "\1n");
      lua_Integer n = lua_tointeger (L, -1);
      lua_pop (L, 1);
      if (n < SYSMEMO_MAX)
        return lua_gettop (L);
    }
  lua_pop (L, 1);
  lua_createtable (L, 0, 8);
  lua_pushvalue (L, -1);
  lua_setfield (L, LUA_REGISTRYINDEX, SYSMEMO_KEY);
  return lua_gettop (L);
}

/* Evaluate memo M's system with the options at OPTS; pushes the result (or nil, message). */
static int
sysmemo_eval (lua_State *L, sys_memo *m, int opts)
{
  gp_plan plan;
  eval_progress pg = { L, 0, 0, false };
  bool have_plan = read_eval_options (L, opts, &plan, &pg);
  const gp_system *s = &m->d.systems[0];
  gp_error err = m->prep_err;
  gp_status st = m->prep_st;
  gp_system_result *r = lua_newuserdatauv (L, sizeof *r, 0);
  memset (r, 0, sizeof *r);
  if (st == GP_OK)
    {
      pg.system = 1;
      st = gp_system_eval (s, &m->d.study, &m->prep, have_plan ? &plan : NULL, r,
                           pg.fn ? eval_progress_cb : NULL, &pg, &err);
      if (pg.failed)
        return lua_error (L);
    }
  if (st == GP_EINVAL || st == GP_ENOTFOUND)
    {
      char ctx[96];
      snprintf (ctx, sizeof ctx, "systems[%d] (%s)", 1, s->sys.name);
      gp_error_prefix (&err, ctx);
      return gp_lua_arg_error (L, 1, &err);
    }
  if (st != GP_OK)
    {
      lua_pushnil (L);
      lua_pushstring (L, err.message);
      return 2;
    }
  push_system_result (L, s, &m->d.study, &m->prep, r, !have_plan);
  return 1;
}

/* glasspane.evaluate_system(system [, study [, {plan=, progress=}]]) -> result | nil, message
 * SYSTEM is a system entry (or a preset name of data/systems.lua); STUDY defaults to the
 * study of data/comparison.lua. Memoised per state (see sys_memo). */
static int
l_evaluate_system (lua_State *L)
{
  lua_settop (L, 3);
  /* a preset name with the default study is keyed by the name alone: serialising the
     entry to source text was a twentieth of a call */
  bool by_name = lua_type (L, 1) == LUA_TSTRING && lua_isnil (L, 2);
  if (lua_type (L, 1) == LUA_TSTRING)
    {
      lua_createtable (L, 0, 1);
      lua_pushvalue (L, 1);
      lua_setfield (L, -2, "preset");
      lua_replace (L, 1);
    }
  luaL_checktype (L, 1, LUA_TTABLE);
  bool default_study = lua_isnil (L, 2);
  if (!default_study)
    luaL_checktype (L, 2, LUA_TTABLE);
  /* { systems = { system }, study = study } read as one design */
  lua_createtable (L, 0, 4);
  lua_createtable (L, 1, 0);
  lua_pushvalue (L, 1);
  lua_rawseti (L, -2, 1);
  lua_setfield (L, -2, "systems");
  if (!default_study)
    {
      lua_pushvalue (L, 2);
      lua_setfield (L, -2, "study");
    }
  int design = lua_gettop (L);
  if (by_name)
    {
      lua_pushliteral (L, "\1preset ");
      lua_getfield (L, 1, "preset");
    }
  else
    {
      push_design_source (L, design);
      lua_pushstring (L, default_study ? "\n-- the default study" : "");
    }
  lua_concat (L, 2);
  int key = lua_gettop (L);
  int memo = sysmemo_table (L);
  size_t n_nodes;
  const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
  lua_pushvalue (L, key);
  sys_memo *m = lua_rawget (L, memo) == LUA_TUSERDATA ? lua_touserdata (L, -1) : NULL;
  if (m == NULL || m->nodes != nodes || !gp_datafile_deps_fresh (&m->deps))
    {
      lua_pop (L, 1);
      m = lua_newuserdatauv (L, sizeof *m, 0);
      memset (m, 0, offsetof (sys_memo, deps));
      gp_datafile_deps_begin ();
      if (default_study)
        {
          /* the study of data/comparison.lua, the one the GUI opens with */
          gp_design *def = lua_newuserdatauv (L, sizeof *def, 0);
          gp_error derr = { 0 };
          if (gp_design_load_default (def, &derr) != GP_OK || push_canonical (L, def) != 1)
            return luaL_error (L, "cannot read the default study: %s", derr.message);
          lua_getfield (L, -1, "study");
          lua_setfield (L, design, "study");
          lua_pop (L, 2);
        }
      push_design_source (L, design);
      size_t len;
      const char *src = lua_tolstring (L, -1, &len);
      gp_error err = { 0 };
      gp_status st = gp_design_load_buffer ("system", src, len, &m->d, &err);
      lua_pop (L, 1);
      gp_datafile_deps_end (&m->deps);
      if (st != GP_OK)
        return luaL_argerror (L, 1, err.message);
      m->nodes = nodes;
      m->prep_st = gp_system_prepare (&m->d.systems[0], &m->d.study, nodes, n_nodes, &m->prep,
                                      &m->prep_err);
      lua_pushvalue (L, key);
      lua_pushvalue (L, -2);
      lua_rawset (L, memo);
      lua_getfield (L, memo, "\1n");
      lua_Integer n = lua_tointeger (L, -1) + 1;
      lua_pop (L, 1);
      lua_pushinteger (L, n);
      lua_setfield (L, memo, "\1n");
    }
  return sysmemo_eval (L, m, 3);
}

/* Read the system entry at IDX (a preset name of data/systems.lua or an entry table, as in
 * a design's systems list) into *S, and the default study (data/comparison.lua) into *ST,
 * through the design reader; raises a bad-argument error on ARG naming the mistake. */
void
gp_lua_check_system (lua_State *L, int arg, int idx, gp_system *s, gp_study *st)
{
  idx = lua_absindex (L, idx);
  int top = lua_gettop (L);
  if (lua_type (L, idx) == LUA_TSTRING)
    {
      lua_createtable (L, 0, 1);
      lua_pushvalue (L, idx);
      lua_setfield (L, -2, "preset");
      idx = lua_gettop (L);
    }
  if (!lua_istable (L, idx))
    luaL_argerror (L, arg, "system must be a preset name of data/systems.lua or an entry table");
  lua_createtable (L, 0, 2);
  lua_createtable (L, 1, 0);
  lua_pushvalue (L, idx);
  lua_rawseti (L, -2, 1);
  lua_setfield (L, -2, "systems");
  gp_design *def = lua_newuserdatauv (L, sizeof *def, 0);
  gp_error derr = { 0 };
  if (gp_design_load_default (def, &derr) != GP_OK || push_canonical (L, def) != 1)
    luaL_error (L, "cannot read the default study: %s", derr.message);
  lua_getfield (L, -1, "study");
  lua_setfield (L, -4, "study");
  lua_pop (L, 2);
  int design = lua_gettop (L);
  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  push_design_source (L, design);
  size_t len;
  const char *src = lua_tolstring (L, -1, &len);
  gp_error err = { 0 };
  gp_status rc = gp_design_load_buffer ("system", src, len, d, &err);
  if (rc != GP_OK)
    luaL_argerror (L, arg, err.message);
  *s = d->systems[0];
  *st = d->study;
  lua_settop (L, top);
}

/* glasspane.power_density_curve(system, areas) -> { area_mm2 = {...}, w_per_mm2 = {...},
 *   limit_w_per_mm2 = { air = {...}, liquid = {...}, immersion = {...} } } | nil, message
 * SYSTEM as in evaluate_system (preset name or entry; the default study); AREAS a list of
 * die areas in mm2, each in [1, 1e5]. The system's die model re-sized to each area
 * (gp_system_power_density_curve, models/gp-system-parts.h). */
static int
l_power_density_curve (lua_State *L)
{
  luaL_checktype (L, 2, LUA_TTABLE);
  lua_Integer n = luaL_len (L, 2);
  if (n < 1 || n > 100000)
    return luaL_argerror (L, 2, "areas must list 1 to 100000 die areas (mm2)");
  double *areas = lua_newuserdatauv (L, sizeof (double) * (size_t) n * (2 + GP_COOLING_N), 0);
  double *q = areas + n, *lim = q + n;
  for (lua_Integer i = 0; i < n; i++)
    {
      lua_rawgeti (L, 2, i + 1);
      int isnum;
      areas[i] = lua_tonumberx (L, -1, &isnum);
      lua_pop (L, 1);
      if (!isnum)
        return luaL_argerror (L, 2, "areas must be numbers (mm2)");
    }
  gp_system *s = lua_newuserdatauv (L, sizeof *s, 0);
  gp_study *st = lua_newuserdatauv (L, sizeof *st, 0);
  gp_lua_check_system (L, 1, 1, s, st);
  gp_system_prepared *prep = lua_newuserdatauv (L, sizeof *prep, 0);
  memset (prep, 0, sizeof *prep);
  size_t n_nodes;
  const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
  gp_error err = { 0 };
  gp_status rc = gp_system_prepare (s, st, nodes, n_nodes, prep, &err);
  if (rc == GP_OK)
    rc = gp_system_power_density_curve (s, prep, areas, (int) n, q, lim, &err);
  if (rc == GP_EINVAL && err.param[0] && strcmp (err.param, "area_mm2") == 0)
    return gp_lua_arg_error (L, 2, &err);
  if (rc != GP_OK)
    return gp_lua_push_fail (L, &err);
  lua_createtable (L, 0, 3);
  const double *cols[2] = { areas, q };
  const char *keys[2] = { "area_mm2", "w_per_mm2" };
  for (int c = 0; c < 2; c++)
    {
      lua_createtable (L, (int) n, 0);
      for (lua_Integer i = 0; i < n; i++)
        {
          lua_pushnumber (L, cols[c][i]);
          lua_rawseti (L, -2, i + 1);
        }
      lua_setfield (L, -2, keys[c]);
    }
  lua_createtable (L, 0, GP_COOLING_N);
  for (int k = 0; k < GP_COOLING_N; k++)
    {
      lua_createtable (L, (int) n, 0);
      for (lua_Integer i = 0; i < n; i++)
        {
          lua_pushnumber (L, lim[k * n + i]);
          lua_rawseti (L, -2, i + 1);
        }
      lua_setfield (L, -2, gp_cooling_names[k]);
    }
  lua_setfield (L, -2, "limit_w_per_mm2");
  return 1;
}

const luaL_Reg gp_lua_system_fns[] = {
  { "design_load", l_design_load },
  { "design_save", l_design_save },
  { "design_default", l_design_default },
  { "design_expand", l_design_expand },
  { "design_scale", l_design_scale },
  { "sweep_system", l_sweep_system },
  { "evaluate", l_evaluate },
  { "evaluate_system", l_evaluate_system },
  { "power_density_curve", l_power_density_curve },
  { NULL, NULL },
};
