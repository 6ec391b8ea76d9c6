/* gp-lua.c: the `glasspane` Lua module: generic model calls, parameter introspection,
 * data loading through the sandbox, and sweeps that can be split into shards.
 *
 * Caller mistakes (unknown keys, wrong types, out-of-range values) raise
 * "bad argument #N to 'f' (...)"; failures a script should handle (an infeasible design,
 * no convergence) return nil, message. No model logic lives here. */
#include "gp-lua.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "gp-datafile.h"
#include "gp-lua-private.h"
#include "gp-luaparam.h"
#include "gp-parallel.h"
#include "gp-presets.h"

#define SHARD_KEY "glasspane.default_shard"

/* Errors that depend on the inputs' values are the caller's mistake (raise); errors that
 * a valid input can still meet are results (nil, message). */
static bool
is_caller_error (gp_status st)
{
  return st == GP_EINVAL || st == GP_ENOTFOUND;
}

/* Pushes "a, b, c": every model's name. */
static const char *
push_model_names (lua_State *L)
{
  luaL_Buffer b;
  luaL_buffinit (L, &b);
  for (const gp_lua_model *i = gp_lua_models; i->name; i++)
    {
      if (i != gp_lua_models)
        luaL_addstring (&b, ", ");
      luaL_addstring (&b, i->name);
    }
  luaL_pushresult (&b);
  return lua_tostring (L, -1);
}

static const gp_lua_model *
check_model (lua_State *L, int arg)
{
  const char *name = luaL_checkstring (L, arg);
  const gp_lua_model *m = gp_lua_model_find (name);
  if (m == NULL)
    luaL_argerror (L, arg, lua_pushfstring (L, "unknown model '%s' (known: %s)", name,
                                            push_model_names (L)));
  return m;
}

/* Read the parameter table at ARG over the model's defaults into PARAMS. */
static void
read_model_params (lua_State *L, int arg, const gp_lua_model *m, void *params)
{
  m->init (params);
  if (lua_isnoneornil (L, arg))
    return;
  luaL_checktype (L, arg, LUA_TTABLE);
  gp_error err = { 0 };
  if (gp_lua_read_params (L, arg, m->params, params, 0, NULL, &err) != GP_OK)
    gp_lua_arg_error (L, arg, &err);
}

static void
push_result (lua_State *L, const gp_lua_model *m, const void *params, const void *result)
{
  if (m->result)
    gp_lua_push_params (L, m->result, result);
  else
    lua_pushnumber (L, *(const double *) result);
  if (m->result && m->push_extra)
    m->push_extra (L, params, result);
}

/* glasspane.<model>(params) -> result | nil, message */
static int
l_model_call (lua_State *L)
{
  const gp_lua_model *m = lua_touserdata (L, lua_upvalueindex (1));
  /* Both structs are small; a stack buffer keeps calls allocation-free. */
  _Alignas (max_align_t) unsigned char params[GP_LUA_STRUCT_MAX], result[GP_LUA_STRUCT_MAX];
  if (m->params_size > sizeof params || m->result_size > sizeof result)
    return luaL_error (L, "internal: %s structs too large", m->name);
  read_model_params (L, 1, m, params);
  gp_error err = { 0 };
  gp_status st = m->eval (params, result, &err);
  if (st != GP_OK)
    {
      if (is_caller_error (st))
        return gp_lua_arg_error (L, 1, &err);
      lua_pushnil (L);
      lua_pushstring (L, err.message);
      return 2;
    }
  push_result (L, m, params, result);
  return 1;
}

static void
push_descriptor (lua_State *L, const gp_param *p)
{
  static const char *const type_names[] = { "number", "integer", "boolean", "enum", "string" };
  lua_createtable (L, 0, 10);
  lua_pushstring (L, p->name);
  lua_setfield (L, -2, "name");
  lua_pushstring (L, type_names[p->type]);
  lua_setfield (L, -2, "type");
  lua_pushstring (L, p->unit ? p->unit : "");
  lua_setfield (L, -2, "unit");
  lua_pushstring (L, p->label ? p->label : "");
  lua_setfield (L, -2, "label");
  lua_pushstring (L, p->doc ? p->doc : "");
  lua_setfield (L, -2, "doc");
  if (p->type == GP_PARAM_DOUBLE || p->type == GP_PARAM_INT)
    {
      lua_pushnumber (L, p->min);
      lua_setfield (L, -2, "min");
      lua_pushnumber (L, p->max);
      lua_setfield (L, -2, "max");
      lua_pushboolean (L, (p->flags & GP_RANGE_MIN_EXCLUSIVE) != 0);
      lua_setfield (L, -2, "min_exclusive");
      lua_pushboolean (L, (p->flags & GP_RANGE_MAX_EXCLUSIVE) != 0);
      lua_setfield (L, -2, "max_exclusive");
    }
  if (p->type == GP_PARAM_ENUM)
    {
      lua_newtable (L);
      for (int i = 0; p->enum_names[i]; i++)
        {
          lua_pushstring (L, p->enum_names[i]);
          lua_rawseti (L, -2, i + 1);
        }
      lua_setfield (L, -2, "choices");
    }
  lua_pushboolean (L, (p->flags & GP_PARAM_F_OPTIONAL) != 0);
  lua_setfield (L, -2, "optional");
}

static void
push_descriptors (lua_State *L, const gp_param_table *t)
{
  lua_createtable (L, (int) t->n_params, 0);
  for (size_t i = 0; i < t->n_params; i++)
    {
      push_descriptor (L, &t->params[i]);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
}

/* glasspane.params(model) -> array of descriptors; glasspane.outputs(model) likewise. */
static int
l_params (lua_State *L)
{
  const gp_lua_input *in = gp_lua_input_find (luaL_checkstring (L, 1));
  if (in && in->params == NULL)
    return luaL_argerror (L, 1, lua_pushfstring (L, "'%s' takes nested tables: see its entry "
                                                    "in docs/lua-api.md", in->name));
  push_descriptors (L, in ? in->params : check_model (L, 1)->params);
  return 1;
}

static int
l_outputs (lua_State *L)
{
  const gp_lua_input *in = gp_lua_input_find (luaL_checkstring (L, 1));
  if (in)
    {
      if (in->result == NULL)
        return luaL_argerror (L, 1, lua_pushfstring (L, "'%s' is an input, not a model",
                                                     lua_tostring (L, 1)));
      push_descriptors (L, in->result);
      return 1;
    }
  const gp_lua_model *m = check_model (L, 1);
  if (m->result)
    push_descriptors (L, m->result);
  else
    {
      lua_createtable (L, 1, 0);
      lua_createtable (L, 0, 3);
      lua_pushstring (L, m->name);
      lua_setfield (L, -2, "name");
      lua_pushstring (L, "number");
      lua_setfield (L, -2, "type");
      lua_pushstring (L, "");
      lua_setfield (L, -2, "unit");
      lua_rawseti (L, -2, 1);
    }
  return 1;
}

/* glasspane.defaults(model) -> table of default parameters */
static int
l_defaults (lua_State *L)
{
  const gp_lua_input *in = gp_lua_input_find (luaL_checkstring (L, 1));
  if (in && in->init == NULL)
    return luaL_argerror (L, 1, lua_pushfstring (L, "'%s' takes nested tables: see its entry "
                                                    "in docs/lua-api.md", in->name));
  if (in)
    {
      /* Some inputs (a package with its parts) are too large for the stack buffer. */
      void *obj = lua_newuserdatauv (L, in->size, 0);
      in->init (obj);
      if (in->push)
        in->push (L, obj);
      else
        gp_lua_push_params (L, in->params, obj);
      return 1;
    }
  const gp_lua_model *m = check_model (L, 1);
  _Alignas (max_align_t) unsigned char params[GP_LUA_STRUCT_MAX];
  m->init (params);
  gp_lua_push_params (L, m->params, params);
  return 1;
}

/* glasspane.models() -> array of {name=, doc=} */
static int
l_models (lua_State *L)
{
  lua_newtable (L);
  int i = 0;
  for (const gp_lua_model *m = gp_lua_models; m->name; m++)
    {
      lua_createtable (L, 0, 2);
      lua_pushstring (L, m->name);
      lua_setfield (L, -2, "name");
      lua_pushstring (L, m->doc);
      lua_setfield (L, -2, "doc");
      lua_rawseti (L, -2, ++i);
    }
  return 1;
}

/* glasspane.yield_solve_d0(params, observed_yield) -> d0_per_cm2 | nil, message */
static int
l_yield_solve_d0 (lua_State *L)
{
  const gp_lua_model *m = gp_lua_model_find ("yield");
  gp_yield_params p;
  read_model_params (L, 1, m, &p);
  lua_Number y = luaL_checknumber (L, 2);
  double d0;
  gp_error err = { 0 };
  gp_status st = gp_yield_solve_d0 (&p, y, &d0, &err);
  if (st != GP_OK)
    {
      if (is_caller_error (st))
        return gp_lua_arg_error (L, strcmp (err.param, "observed_yield") == 0 ? 2 : 1, &err);
      lua_pushnil (L);
      lua_pushstring (L, err.message);
      return 2;
    }
  lua_pushnumber (L, d0);
  return 1;
}

/* glasspane.wafer_map(wafer_params) -> { result = {...}, sites = { {x_mm, y_mm, col, row}, ... } } */
static int
l_wafer_map (lua_State *L)
{
  const gp_lua_model *m = gp_lua_model_find ("wafer");
  gp_wafer_params p;
  read_model_params (L, 1, m, &p);
  gp_wafer_result r;
  gp_error err = { 0 };
  if (gp_wafer_count (&p, &r, &err) != GP_OK)
    return gp_lua_arg_error (L, 1, &err);
  size_t n = 0;
  gp_die_site *sites = lua_newuserdatauv (L, sizeof *sites * (size_t) r.gross_dies, 0);
  if (gp_wafer_map (&p, &r, sites, (size_t) r.gross_dies, &n, &err) != GP_OK)
    return gp_lua_arg_error (L, 1, &err);
  lua_createtable (L, 0, 2);
  gp_lua_push_params (L, &gp_wafer_result_table, &r);
  lua_setfield (L, -2, "result");
  lua_createtable (L, (int) n, 0);
  for (size_t i = 0; i < n; i++)
    {
      lua_createtable (L, 0, 4);
      lua_pushnumber (L, sites[i].x_mm);
      lua_setfield (L, -2, "x_mm");
      lua_pushnumber (L, sites[i].y_mm);
      lua_setfield (L, -2, "y_mm");
      lua_pushinteger (L, sites[i].col);
      lua_setfield (L, -2, "col");
      lua_pushinteger (L, sites[i].row);
      lua_setfield (L, -2, "row");
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_setfield (L, -2, "sites");
  return 1;
}

/* glasspane.yield_monte_carlo(wafer_params, mc_params) ->
 *   { result fields..., good = {bool per site of the last wafer},
 *     defects = { {x_mm, y_mm, die}, ... } (at most 100,000) } */
static int
l_yield_monte_carlo (lua_State *L)
{
  gp_wafer_params wp;
  read_model_params (L, 1, gp_lua_model_find ("wafer"), &wp);
  luaL_checktype (L, 2, LUA_TTABLE);
  gp_yield_mc_params mc = { 0.1, 10, true, 100, 1 };
  gp_error err = { 0 };
  if (gp_lua_read_params (L, 2, &gp_yield_mc_param_table, &mc, 0, NULL, &err) != GP_OK)
    return gp_lua_arg_error (L, 2, &err);
  gp_wafer_result wr;
  if (gp_wafer_count (&wp, &wr, &err) != GP_OK)
    return gp_lua_arg_error (L, 1, &err);
  size_t n = (size_t) wr.gross_dies, nd = 0;
  enum { DEFECT_CAP = 100000 };
  gp_die_site *sites = lua_newuserdatauv (L, sizeof *sites * n, 0);
  bool *good = lua_newuserdatauv (L, sizeof *good * n, 0);
  gp_defect *defects = lua_newuserdatauv (L, sizeof *defects * DEFECT_CAP, 0);
  if (gp_wafer_map (&wp, &wr, sites, n, &n, &err) != GP_OK)
    return gp_lua_arg_error (L, 1, &err);
  gp_yield_mc_result r;
  gp_status st = gp_yield_monte_carlo (&mc, sites, n, wp.die_width_mm, wp.die_height_mm, &r,
                                       good, defects, DEFECT_CAP, &nd, &err);
  if (st != GP_OK)
    return gp_lua_arg_error (L, 2, &err);
  gp_lua_push_params (L, &gp_yield_mc_result_table, &r);
  lua_createtable (L, (int) n, 0);
  for (size_t i = 0; i < n; i++)
    {
      lua_pushboolean (L, good[i]);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_setfield (L, -2, "good");
  lua_createtable (L, (int) nd, 0);
  for (size_t i = 0; i < nd; i++)
    {
      lua_createtable (L, 0, 3);
      lua_pushnumber (L, defects[i].x_mm);
      lua_setfield (L, -2, "x_mm");
      lua_pushnumber (L, defects[i].y_mm);
      lua_setfield (L, -2, "y_mm");
      lua_pushinteger (L, defects[i].die + 1);
      lua_setfield (L, -2, "die");
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_setfield (L, -2, "defects");
  return 1;
}

/* glasspane.load(path) -> table | nil, message  (through the sandboxed loader) */
static int
l_load (lua_State *L)
{
  const char *path = luaL_checkstring (L, 1);
  gp_error err = { 0 };
  gp_datafile *df = gp_datafile_load (path, NULL, &err);
  if (df == NULL)
    {
      lua_pushnil (L);
      lua_pushstring (L, err.message);
      return 2;
    }
  gp_datafile_push_copy (df, L);
  gp_datafile_free (df);
  return 1;
}

/* glasspane.data_dir() -> path of the preset directory */
static int
l_data_dir (lua_State *L)
{
  lua_pushstring (L, gp_data_dir ());
  return 1;
}

/* glasspane.nodes([path]) -> array of node tables (checked) | nil, message */
static int
l_nodes (lua_State *L)
{
  const char *path = luaL_optstring (L, 1, NULL);
  gp_node *nodes = NULL;
  size_t n = 0;
  gp_error err = { 0 };
  if (gp_nodes_load (path, &nodes, &n, &err) != GP_OK)
    {
      lua_pushnil (L);
      lua_pushstring (L, err.message);
      return 2;
    }
  lua_createtable (L, (int) n, 0);
  for (size_t i = 0; i < n; i++)
    {
      gp_lua_push_params (L, &gp_node_param_table, &nodes[i]);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  free (nodes);
  return 1;
}

/* ---- Sweeps ---------------------------------------------------------------------------- */

double
gp_lua_axis_value (const gp_lua_axis *a, long i)
{
  double v;
  if (a->n == 1 || i <= 0)
    v = a->from;
  else if (i >= a->n - 1)
    v = a->to; /* exactly: exp(log(...)) could land a hair past the end of the range */
  else
    {
      if (a->log)
        {
          double t = (double) i / (double) (a->n - 1);
          v = exp (log (a->from) + t * (log (a->to) - log (a->from)));
        }
      else
        v = a->from + (double) i * (a->to - a->from) / (double) (a->n - 1);
      /* clamped into [from, to] by comparisons, not fmin/fmax (library calls, a sixth of
         a yield sweep's point); no operand is NaN: the ends were checked finite */
      double lo = a->from < a->to ? a->from : a->to, hi = a->from < a->to ? a->to : a->from;
      v = v < lo ? lo : v > hi ? hi : v;
    }
  /* 1 + 15 x (100000 - 1) / 99999 is 15.999999999999998: a count is on the integer grid. */
  return a->whole ? nearbyint (v) : v;
}

void
gp_lua_read_axis (lua_State *L, int arg, int idx, const char *field, const char *key,
                  gp_lua_axis *a)
{
  lua_getfield (L, idx, field);
  int t = lua_gettop (L);
  if (!lua_istable (L, t))
    luaL_argerror (L, arg, lua_pushfstring (L, "%s must be a table {%s=, from=, to=, n=}", field,
                                            key));
  const char *allowed[] = { key, "from", "to", "n", "log", NULL };
  lua_pushnil (L);
  while (lua_next (L, t))
    {
      lua_pop (L, 1);
      if (lua_type (L, -1) != LUA_TSTRING || gp_enum_lookup (allowed, lua_tostring (L, -1)) < 0)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s: unknown key '%s' (allowed: %s, from, "
                                                   "to, n, log)", field,
                                                luaL_tolstring (L, -1, NULL), key));
    }
  lua_getfield (L, t, key);
  const char *name = lua_tostring (L, -1);
  if (name == NULL || strlen (name) >= sizeof a->name)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.%s must be a name (at most %d characters)",
                                            field, key, (int) sizeof a->name - 1));
  strcpy (a->name, name);
  lua_getfield (L, t, "from");
  lua_getfield (L, t, "to");
  lua_getfield (L, t, "n");
  lua_getfield (L, t, "log");
  if (!lua_isnumber (L, -4) || !lua_isnumber (L, -3))
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.from and %s.to must be numbers", field,
                                            field));
  a->from = lua_tonumber (L, -4);
  a->to = lua_tonumber (L, -3);
  /* n = 1e6 is a float in Lua; any whole value is a count. */
  int isint = 0;
  lua_Integer n = lua_type (L, -2) == LUA_TNUMBER ? lua_tointegerx (L, -2, &isint) : 0;
  if (!isint || n < 1 || n > 100000000)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.n must be a whole number in [1, 1e8]",
                                            field));
  a->n = (long) n;
  a->log = lua_toboolean (L, -1);
  a->whole = false;
  if (a->log && !(a->from > 0 && a->to > 0))
    luaL_argerror (L, arg, lua_pushfstring (L, "%s: a log sweep needs from > 0 and to > 0",
                                            field));
  lua_settop (L, t - 1);
}

void
gp_lua_sweep_rows (lua_State *L, int arg, int idx, long total, long *first, long *last)
{
  if (total > 100000000L)
    luaL_argerror (L, arg, "x.n * y.n must be at most 1e8");
  long k = 1, nshards = 1;
  lua_getfield (L, idx, "shard");
  if (lua_isnil (L, -1))
    {
      lua_pop (L, 1);
      lua_getfield (L, LUA_REGISTRYINDEX, SHARD_KEY);
    }
  if (lua_istable (L, -1))
    {
      lua_rawgeti (L, -1, 1);
      lua_rawgeti (L, -2, 2);
      k = lua_isinteger (L, -2) ? (long) lua_tointeger (L, -2) : 0;
      nshards = lua_isinteger (L, -1) ? (long) lua_tointeger (L, -1) : 0;
      lua_pop (L, 2);
      if (nshards < 1 || k < 1 || k > nshards)
        luaL_argerror (L, arg, "shard must be {k, n} with 1 <= k <= n");
    }
  lua_pop (L, 1);
  *first = (long) ((double) (k - 1) * (double) total / (double) nshards);
  *last = (long) ((double) k * (double) total / (double) nshards);
}

/* A model parameter a sweep may vary: numeric, found in the model's table. */
static const gp_param *
axis_param (lua_State *L, int arg, const char *field, const gp_lua_axis *a,
            const gp_lua_model *m)
{
  const gp_param *p = gp_param_table_find (m->params, a->name);
  if (p == NULL || p->type == GP_PARAM_STRING || p->type == GP_PARAM_ENUM
      || p->type == GP_PARAM_BOOL)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s.param: '%s' is not a numeric parameter of "
                                               "'%s'", field, a->name, m->name));
  return p;
}

/* glasspane.sweep{ model = name, base = {params}, x = {param=, from=, to=, n=, log=},
 *                  y = {...} (optional), shard = {k, n} (optional) }
 * -> frame { n = rows, columns = {names...}, units = {name = unit},
 *            data = {[name] = column}, errors = {row = message}, total, first }
 * (a column reads like a list of numbers: gp-lua-column.c)
 * Rows run x-major (y varies fastest). A shard K/N takes the contiguous block of rows
 * [floor((K-1) R / N), floor(K R / N)), so concatenating the shards' rows in K order gives
 * exactly the unsharded frame; the "row" column holds each row's global 1-based index. A
 * point whose model call fails keeps NaN in its outputs and its message in errors[row]. */
int
gp_lua_threads_opt (lua_State *L, int arg, int idx)
{
  idx = lua_absindex (L, idx);
  lua_getfield (L, idx, "threads");
  long req = 0;
  if (!lua_isnil (L, -1))
    {
      int isint = 0;
      lua_Integer t = lua_tointegerx (L, -1, &isint);
      if (!isint || t < 1 || t > GP_THREADS_MAX)
        luaL_argerror (L, arg, lua_pushfstring (L, "threads = %s is out of range: allowed "
                                                   "1..%d worker threads (an integer)",
                                                luaL_tolstring (L, -1, NULL), GP_THREADS_MAX));
      req = (long) t;
    }
  lua_pop (L, 1);
  int threads = 1;
  gp_error err = { 0 };
  if (gp_threads_resolve (req, &threads, &err) != GP_OK)
    gp_lua_arg_error (L, arg, &err);
  return threads;
}

#define MSWEEP_BLOCK 8192

typedef struct {
  const gp_lua_model *m;
  const gp_param *px, *py;
  const gp_lua_axis *ax, *ay;
  bool two_d;
  bool fast; /* base validated once, axes move only DOUBLE/INT fields within their ranges */
  size_t n_out;
  long row0;
  /* the frame's columns: row, x, (y), outputs; row R at [R - first] */
  double *store;
  long rows, first;
  gp_status *st;
  gp_error *errs;
  unsigned char *params, *result; /* GP_LUA_STRUCT_MAX bytes per worker */
} msweep_ctx;

/* Store V in PARAM's field without checks (the caller has checked the range). */
static inline void
store_raw (const gp_param *param, void *obj, double v)
{
  char *base = (char *) obj + param->offset;
  if (param->type == GP_PARAM_INT)
    *(long *) base = (long) v;
  else
    *(double *) base = v;
}

/* Rows row0 + [begin, end) on worker WORKER's copy of the parameters, written straight into
   the frame's columns (disjoint rows per worker). */
static void
msweep_block (void *user, int worker, long begin, long end)
{
  msweep_ctx *c = user;
  unsigned char *params = c->params + (size_t) worker * GP_LUA_STRUCT_MAX;
  unsigned char *result = c->result + (size_t) worker * GP_LUA_STRUCT_MAX;
  const gp_param_table *rt = c->m->result;
  long ny = c->ay->n;
  size_t rows = (size_t) c->rows;
  double *col_row = c->store, *col_x = c->store + rows;
  double *col_y = c->two_d ? c->store + 2 * rows : NULL;
  double *col_out = c->store + (c->two_d ? 3 : 2) * rows;
  if (c->fast)
    {
      /* The hot path: two stores, the model's arithmetic, the outputs copied out. */
      for (long k = begin; k < end; k++)
        {
          /* a 1-D sweep needs no division (tens of cycles a point) */
          long r = c->row0 + k, i = ny == 1 ? r : r / ny, j = ny == 1 ? 0 : r % ny;
          size_t s = (size_t) (r - c->first);
          double xv = gp_lua_axis_value (c->ax, i);
          col_row[s] = (double) (r + 1);
          col_x[s] = xv;
          store_raw (c->px, params, xv);
          if (c->two_d)
            {
              double yv = gp_lua_axis_value (c->ay, j);
              col_y[s] = yv;
              store_raw (c->py, params, yv);
            }
          c->m->eval_valid (params, result);
          if (rt == NULL)
            col_out[s] = *(double *) result;
          else
            for (size_t o = 0; o < c->n_out; o++)
              col_out[o * rows + s] = gp_param_get (&rt->params[o], result);
        }
      return;
    }
  for (long k = begin; k < end; k++)
    {
      long r = c->row0 + k, i = r / ny, j = r % ny;
      size_t s = (size_t) (r - c->first);
      gp_error *err = &c->errs[k];
      err->message[0] = '\0';
      double xv = gp_lua_axis_value (c->ax, i);
      double yv = c->two_d ? gp_lua_axis_value (c->ay, j) : 0.0;
      col_row[s] = (double) (r + 1);
      col_x[s] = xv;
      if (c->two_d)
        col_y[s] = yv;
      gp_status st = gp_param_set (c->px, params, xv, err);
      if (st == GP_OK && c->two_d)
        st = gp_param_set (c->py, params, yv, err);
      if (st == GP_OK)
        st = c->m->eval (params, result, err);
      c->st[k] = st;
      for (size_t o = 0; o < c->n_out; o++)
        col_out[o * rows + s] = st != GP_OK ? NAN : rt ? gp_param_get (&rt->params[o], result)
                                                       : *(double *) result;
    }
}

static int
l_sweep (lua_State *L)
{
  luaL_checktype (L, 1, LUA_TTABLE);
  static const char *const allowed[] = { "model", "base", "x", "y", "shard", "threads",
                                         NULL };
  lua_pushnil (L);
  while (lua_next (L, 1))
    {
      lua_pop (L, 1);
      if (lua_type (L, -1) != LUA_TSTRING || gp_enum_lookup (allowed, lua_tostring (L, -1)) < 0)
        return luaL_argerror (L, 1, lua_pushfstring (L, "unknown key '%s' (allowed: model, "
                                                        "base, x, y, shard, threads)",
                                                     luaL_tolstring (L, -1, NULL)));
    }
  lua_getfield (L, 1, "model");
  if (lua_type (L, -1) != LUA_TSTRING)
    return luaL_argerror (L, 1, "model must be a model name (see glasspane.models())");
  const gp_lua_model *m = gp_lua_model_find (lua_tostring (L, -1));
  if (m == NULL)
    {
      const char *name = lua_tostring (L, -1);
      return luaL_argerror (L, 1, lua_pushfstring (L, "model: unknown model '%s' (known: %s)",
                                                   name, push_model_names (L)));
    }
  lua_pop (L, 1);

  _Alignas (max_align_t) unsigned char params[GP_LUA_STRUCT_MAX], result[GP_LUA_STRUCT_MAX];
  if (m->params_size > sizeof params || m->result_size > sizeof result)
    return luaL_error (L, "internal: %s structs too large", m->name);
  m->init (params);
  lua_getfield (L, 1, "base");
  if (!lua_isnil (L, -1))
    {
      if (!lua_istable (L, -1))
        return luaL_argerror (L, 1, "base must be a table of parameters");
      gp_error err = { 0 };
      if (gp_lua_read_params (L, lua_gettop (L), m->params, params, 0, "base", &err) != GP_OK)
        return gp_lua_arg_error (L, 1, &err);
    }
  lua_pop (L, 1);

  gp_lua_axis ax, ay = { "", 0, 0, 1, false, false };
  gp_lua_read_axis (L, 1, 1, "x", "param", &ax);
  const gp_param *px = axis_param (L, 1, "x", &ax, m), *py = NULL;
  ax.whole = px->type == GP_PARAM_INT;
  lua_getfield (L, 1, "y");
  bool two_d = !lua_isnil (L, -1);
  lua_pop (L, 1);
  if (two_d)
    {
      gp_lua_read_axis (L, 1, 1, "y", "param", &ay);
      py = axis_param (L, 1, "y", &ay, m);
      ay.whole = py->type == GP_PARAM_INT;
    }
  long total = ax.n * ay.n, first, last;
  gp_lua_sweep_rows (L, 1, 1, total, &first, &last);

  /* Check every axis value before running anything, so a bad range fails fast. */
  for (int which = 0; which < (two_d ? 2 : 1); which++)
    {
      const gp_lua_axis *a = which ? &ay : &ax;
      const gp_param *p = which ? py : px;
      gp_error err = { 0 };
      _Alignas (max_align_t) unsigned char probe[GP_LUA_STRUCT_MAX];
      memcpy (probe, params, m->params_size);
      if (gp_param_set (p, probe, a->from, &err) != GP_OK
          || gp_param_set (p, probe, a->to, &err) != GP_OK)
        {
          gp_error_prefix (&err, which ? "y" : "x");
          return gp_lua_arg_error (L, 1, &err);
        }
    }

  /* Columns: row, x (and y) parameter(s), then every numeric output. */
  const gp_param_table *rt = m->result;
  size_t n_out = rt ? rt->n_params : 1;
  if (n_out > 64)
    return luaL_error (L, "internal: too many outputs");
  const char *names[3 + 64];
  const char *unit_of[3 + 64];
  int nc = 0;
  names[nc] = "row", unit_of[nc++] = "";
  names[nc] = px->name, unit_of[nc++] = px->unit;
  if (two_d)
    names[nc] = py->name, unit_of[nc++] = py->unit;
  for (size_t j = 0; j < n_out; j++)
    {
      names[nc] = rt ? rt->params[j].name : m->name;
      unit_of[nc++] = rt ? rt->params[j].unit : "";
    }
  int threads = gp_lua_threads_opt (L, 1, 1);

  /* Rows run in blocks: the workers (each on its own copy of the parameters) write a
     block's rows straight into the frame's columns; the block's errors then go into the
     errors table in row order. The frame is the same whatever the thread count. */
  long cap = last - first < MSWEEP_BLOCK ? last - first : MSWEEP_BLOCK;
  if (cap < 1)
    cap = 1;
  msweep_ctx c = { m, px, py, &ax, &ay, two_d, false, n_out, 0, NULL, 0, first, NULL, NULL,
                   NULL, NULL };
  /* Validate the whole base once (axes at their first values); then a model with an
     eval_valid kernel runs points with no per-point checks. The axes' ends passed the range
     checks above and every axis value lies between them, so every point is in range. */
  if (m->eval_valid && (px->type == GP_PARAM_DOUBLE || px->type == GP_PARAM_INT)
      && (!two_d || py->type == GP_PARAM_DOUBLE || py->type == GP_PARAM_INT))
    {
      _Alignas (max_align_t) unsigned char probe[GP_LUA_STRUCT_MAX];
      memcpy (probe, params, m->params_size);
      store_raw (px, probe, gp_lua_axis_value (&ax, 0));
      if (two_d)
        store_raw (py, probe, gp_lua_axis_value (&ay, 0));
      c.fast = gp_params_validate (m->params, probe, NULL) == GP_OK;
    }
  /* The checked kernel cannot fail, so its rows need no status or error buffers and run
     as one block: each block costs a thread start per worker and their fresh stacks. */
  if (c.fast)
    cap = last - first > 0 ? last - first : 1;
  else
    {
      c.st = lua_newuserdatauv (L, sizeof (gp_status) * (size_t) cap, 0);
      c.errs = lua_newuserdatauv (L, sizeof (gp_error) * (size_t) cap, 0);
    }
  c.params = lua_newuserdatauv (L, (size_t) GP_LUA_STRUCT_MAX * (size_t) threads, 0);
  c.result = lua_newuserdatauv (L, (size_t) GP_LUA_STRUCT_MAX * (size_t) threads, 0);
  for (int t = 0; t < threads; t++)
    memcpy (c.params + (size_t) t * GP_LUA_STRUCT_MAX, params, m->params_size);
  gp_lua_frame f;
  gp_lua_frame_begin (L, &f, last - first, nc, names, unit_of);
  c.store = f.store;
  c.rows = f.rows;
  for (long b0 = first; b0 < last; b0 += cap)
    {
      long count = last - b0 < cap ? last - b0 : cap;
      c.row0 = b0;
      gp_parallel_for (count, threads, msweep_block, &c);
      for (long k = 0; c.st && k < count; k++)
        if (c.st[k] != GP_OK)
          gp_lua_frame_error (&f, b0 + k + 1, c.errs[k].message);
    }
  gp_lua_frame_end (&f, total, first);
  return 1;
}

void
gp_lua_set_default_shard (lua_State *L, long k, long n)
{
  lua_createtable (L, 2, 0);
  lua_pushinteger (L, k);
  lua_rawseti (L, -2, 1);
  lua_pushinteger (L, n);
  lua_rawseti (L, -2, 2);
  lua_setfield (L, LUA_REGISTRYINDEX, SHARD_KEY);
}

static const luaL_Reg module_fns[] = {
  { "params", l_params },
  { "outputs", l_outputs },
  { "defaults", l_defaults },
  { "models", l_models },
  { "yield_solve_d0", l_yield_solve_d0 },
  { "wafer_map", l_wafer_map },
  { "yield_monte_carlo", l_yield_monte_carlo },
  { "load", l_load },
  { "data_dir", l_data_dir },
  { "nodes", l_nodes },
  { "sweep", l_sweep },
  { NULL, NULL },
};

void
gp_lua_open_models (lua_State *L)
{
  luaL_setfuncs (L, module_fns, 0);
  for (const gp_lua_model *m = gp_lua_models; m->name; m++)
    {
      lua_pushlightuserdata (L, (void *) m);
      lua_pushcclosure (L, l_model_call, 1);
      lua_setfield (L, -2, m->name);
    }
}
