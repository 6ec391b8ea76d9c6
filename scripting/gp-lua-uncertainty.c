/* gp-lua-uncertainty.c: Monte Carlo, tornado, Sobol indices, break-even, optimisation and
 * Pareto frontiers from Lua, over a Lua function or over the systems of a design; and the
 * reader of data/uncertainty.lua.
 *
 * Every method takes one table, the "spec":
 *   function mode:  f = function (x) ... end (x[i] in input order; returns a list of the
 *                   outputs, or a table keyed by their names, or one number; nil, message
 *                   marks an infeasible point), inputs = { {name=, nominal=, kind=, a=, ...} },
 *                   outputs = { "name", ... }
 *   system mode:    design = a design table, a design file path or nil (data/comparison.lua),
 *                   systems = { a [, b] } (1-based indices or names; default the first two),
 *                   inputs = { {path=, kind=, a=, b=, ..., family=, system=, relative=} } or
 *                   "defaults" (data/uncertainty.lua, entries that fit no system skipped),
 *                   outputs = { figure names of gp_system_result_table } (default
 *                   usd_per_model), search_each = false
 * plus the method's own keys. Outputs of a two-system study are "a.NAME", "b.NAME" and
 * "a/b.NAME". Inputs are named by their path (system mode) or name (function mode).
 * Distribution keys are those of data/uncertainty.lua: kind, a, b, mode, mu, sigma, lo, hi.
 * Mistakes in the spec raise; results a valid spec can meet (no break-even in range, every
 * point infeasible) return nil, message. */
#include "gp-lua-uncertainty.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "gp-design.h"
#include "gp-lua-private.h"
#include "gp-numfmt.h"
#include "gp-presets.h"
#include "gp-syspath.h"

#define CTX_MT "glasspane.uncertainty"
#define SERIAL_DEPTH_MAX 32

/* ---- data/uncertainty.lua --------------------------------------------------------- */

static void
init_input (void *elem)
{
  gp_uq_input_init (elem);
}

gp_status
gp_uncertainty_defaults_load (const char *path, gp_uq_input **out, size_t *n_out,
                              gp_error *err)
{
  char buf[4096];
  *out = NULL;
  *n_out = 0;
  if (path == NULL && (path = gp_data_path (buf, sizeof buf, "uncertainty.lua")) == NULL)
    return gp_error_set (err, GP_EIO, NULL, "the data directory path is too long");
  void *arr = NULL;
  size_t n = 0;
  GP_TRY (gp_preset_list_load (path, "inputs", &gp_uq_input_param_table, sizeof (gp_uq_input),
                               init_input, &arr, &n, err));
  gp_uq_input *in = arr;
  for (size_t i = 0; i < n; i++)
    {
      bool prep;
      gp_status st = gp_dist_validate (&in[i].dist, err);
      if (st == GP_OK)
        st = gp_syspath_needs_prepare (in[i].path, &prep, err);
      if (st != GP_OK)
        {
          char ctx[4096 + GP_NAME_MAX + 32];
          snprintf (ctx, sizeof ctx, "%s: inputs[%zu] (%s)", path, i + 1, in[i].name);
          gp_error_prefix (err, ctx);
          free (arr);
          return st;
        }
    }
  *out = in;
  *n_out = n;
  return GP_OK;
}

/* ---- the spec --------------------------------------------------------------------- */

typedef struct {
  bool system_mode;
  /* function mode */
  lua_State *L;
  int fn_ref;                   /* registry reference to f */
  int err_ref;                  /* a Lua error raised by f or progress, to re-raise */
  int progress_ref;
  /* both */
  size_t n_in, n_out;
  double nominal[GP_UQ_INPUTS_MAX];
  gp_dist dists[GP_UQ_INPUTS_MAX];
  bool has_dist[GP_UQ_INPUTS_MAX];
  char in_name[GP_UQ_INPUTS_MAX][GP_SYSPATH_MAX];
  char in_label[GP_UQ_INPUTS_MAX][GP_SYSPATH_MAX];
  const char *in_ptr[GP_UQ_INPUTS_MAX];
  char out_name[GP_UQ_OUTPUTS_MAX][GP_SYSPATH_MAX];
  const char *out_ptr[GP_UQ_OUTPUTS_MAX];
  /* system mode */
  gp_uq_system *u;
  size_t n_systems;
  gp_uq_problem pb;
} uq_ctx;

static int
ctx_gc (lua_State *L)
{
  uq_ctx *c = luaL_checkudata (L, 1, CTX_MT);
  gp_uncertainty_system_free (c->u);
  c->u = NULL;
  if (c->fn_ref != LUA_NOREF)
    luaL_unref (L, LUA_REGISTRYINDEX, c->fn_ref);
  if (c->progress_ref != LUA_NOREF)
    luaL_unref (L, LUA_REGISTRYINDEX, c->progress_ref);
  if (c->err_ref != LUA_NOREF)
    luaL_unref (L, LUA_REGISTRYINDEX, c->err_ref);
  c->fn_ref = c->progress_ref = c->err_ref = LUA_NOREF;
  return 0;
}

/* f(x) from inside the C engine: called protected, so a Lua error is kept and re-raised
 * once the engine has returned (and freed what it holds). */
static gp_status
lua_model_fn (const double *x, double *y, void *user, gp_error *err)
{
  uq_ctx *c = user;
  lua_State *L = c->L;
  if (c->err_ref != LUA_NOREF)
    return gp_error_set (err, GP_EINVAL, "f", "f raised an error");
  int top = lua_gettop (L);
  luaL_checkstack (L, 8, "model function");
  lua_rawgeti (L, LUA_REGISTRYINDEX, c->fn_ref);
  lua_createtable (L, (int) c->n_in, 0);
  for (size_t i = 0; i < c->n_in; i++)
    {
      lua_pushnumber (L, x[i]);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  if (lua_pcall (L, 1, 2, 0) != LUA_OK)
    {
      c->err_ref = luaL_ref (L, LUA_REGISTRYINDEX);
      lua_settop (L, top);
      return gp_error_set (err, GP_EINVAL, "f", "f raised an error");
    }
  gp_status st = GP_OK;
  if (lua_isnil (L, -2))
    {
      const char *msg = lua_tostring (L, -1);
      st = gp_error_set (err, GP_EINFEASIBLE, "f", "%s", msg ? msg : "infeasible (f returned nil)");
    }
  else if (c->n_out == 1 && lua_type (L, -2) == LUA_TNUMBER)
    y[0] = lua_tonumber (L, -2);
  else if (lua_type (L, -2) == LUA_TTABLE)
    {
      for (size_t j = 0; j < c->n_out && st == GP_OK; j++)
        {
          int t = lua_rawgeti (L, -2, (lua_Integer) j + 1);
          if (t == LUA_TNIL)
            {
              lua_pop (L, 1);
              t = lua_getfield (L, -2, c->out_name[j]);
            }
          if (t != LUA_TNUMBER)
            st = gp_error_set (err, GP_EINVAL, "f",
                               "f returned no number for output %zu (%s): got a %s", j + 1,
                               c->out_name[j], lua_typename (L, t));
          else
            y[j] = lua_tonumber (L, -1);
          lua_pop (L, 1);
        }
    }
  else
    st = gp_error_set (err, GP_EINVAL, "f",
                       "f must return a number, a list of %zu numbers, or nil and a message; "
                       "it returned a %s", c->n_out, luaL_typename (L, -2));
  lua_settop (L, top);
  return st;
}

static bool
lua_progress (double fraction, void *user)
{
  uq_ctx *c = user;
  lua_State *L = c->L;
  if (c->err_ref != LUA_NOREF)
    return false;
  int top = lua_gettop (L);
  lua_rawgeti (L, LUA_REGISTRYINDEX, c->progress_ref);
  lua_pushnumber (L, fraction);
  if (lua_pcall (L, 1, 1, 0) != LUA_OK)
    {
      c->err_ref = luaL_ref (L, LUA_REGISTRYINDEX);
      lua_settop (L, top);
      return false;
    }
  bool go_on = !(lua_isboolean (L, -1) && !lua_toboolean (L, -1));
  lua_settop (L, top);
  return go_on;
}

/* ---- reading spec fields ---------------------------------------------------------- */

static double
opt_number (lua_State *L, int arg, const char *key, double def)
{
  lua_getfield (L, arg, key);
  double v = def;
  if (!lua_isnil (L, -1))
    {
      if (!lua_isnumber (L, -1))
        luaL_argerror (L, arg, lua_pushfstring (L, "%s must be a number, not a %s", key,
                                                luaL_typename (L, -1)));
      v = lua_tonumber (L, -1);
    }
  lua_pop (L, 1);
  return v;
}

static long
opt_integer (lua_State *L, int arg, const char *key, long def)
{
  lua_getfield (L, arg, key);
  long v = def;
  if (!lua_isnil (L, -1))
    {
      int ok;
      lua_Integer i = lua_tointegerx (L, -1, &ok);
      if (!ok)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s must be a whole number", key));
      v = (long) i;
    }
  lua_pop (L, 1);
  return v;
}

static bool
opt_bool (lua_State *L, int arg, const char *key, bool def)
{
  lua_getfield (L, arg, key);
  bool v = lua_isnil (L, -1) ? def : lua_toboolean (L, -1);
  lua_pop (L, 1);
  return v;
}

static int
opt_enum (lua_State *L, int arg, const char *key, const char *const *names, int def)
{
  lua_getfield (L, arg, key);
  int v = def;
  if (!lua_isnil (L, -1))
    {
      const char *s = lua_tostring (L, -1);
      v = s ? gp_enum_lookup (names, s) : -1;
      if (v < 0)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s = '%s' is unknown (allowed: %s, %s)", key,
                                                s ? s : "?", names[0], names[1]));
    }
  lua_pop (L, 1);
  return v;
}

/* Input index by name (function mode), path or label (system mode). */
static long
find_input (uq_ctx *c, const char *name)
{
  for (size_t i = 0; i < c->n_in; i++)
    if (strcmp (c->in_name[i], name) == 0 || strcmp (c->in_label[i], name) == 0)
      return (long) i;
  return -1;
}

static long
find_output (uq_ctx *c, const char *name)
{
  for (size_t j = 0; j < c->n_out; j++)
    if (strcmp (c->out_name[j], name) == 0)
      return (long) j;
  return -1;
}

static long
check_input_field (lua_State *L, int arg, uq_ctx *c, int idx, const char *key)
{
  lua_getfield (L, idx, key);
  const char *s = lua_tostring (L, -1);
  if (s == NULL)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s must name an input", key));
  long i = find_input (c, s);
  if (i < 0)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s = '%s' is not one of the inputs", key, s));
  lua_pop (L, 1);
  return i;
}

static long
check_output_field (lua_State *L, int arg, uq_ctx *c, const char *key, long def)
{
  lua_getfield (L, arg, key);
  if (lua_isnil (L, -1))
    {
      lua_pop (L, 1);
      return def;
    }
  const char *s = lua_tostring (L, -1);
  long j = s ? find_output (c, s) : -1;
  if (j < 0)
    {
      luaL_Buffer b;
      luaL_buffinit (L, &b);
      for (size_t k = 0; k < c->n_out; k++)
        {
          if (k)
            luaL_addstring (&b, ", ");
          luaL_addstring (&b, c->out_name[k]);
        }
      luaL_pushresult (&b);
      luaL_argerror (L, arg, lua_pushfstring (L, "%s = '%s' is not an output (outputs: %s)", key,
                                              s ? s : "?", lua_tostring (L, -1)));
    }
  lua_pop (L, 1);
  return j;
}

/* The distribution keys of the table at IDX (kind, a, b, mode, mu, sigma, lo, hi) into D,
 * ignoring SKIP keys; returns whether `kind` was given. */
static bool
read_dist (lua_State *L, int arg, int idx, const char *const *skip, gp_dist *d,
           const char *context)
{
  idx = lua_absindex (L, idx);
  lua_newtable (L);
  int t = lua_gettop (L);
  lua_pushnil (L);
  while (lua_next (L, idx))
    {
      bool skipped = lua_type (L, -2) == LUA_TSTRING
                     && gp_enum_lookup (skip, lua_tostring (L, -2)) >= 0;
      if (!skipped)
        {
          lua_pushvalue (L, -2);
          lua_insert (L, -2);
          lua_rawset (L, t);
        }
      else
        lua_pop (L, 1);
    }
  lua_getfield (L, t, "kind");
  bool has = !lua_isnil (L, -1);
  lua_pop (L, 1);
  gp_dist_init (d);
  gp_error err = { 0 };
  if (gp_lua_read_params (L, t, &gp_dist_param_table, d, 0, context, &err) != GP_OK)
    gp_lua_arg_error (L, arg, &err);
  lua_pop (L, 1);
  return has;
}

/* ---- designs ---------------------------------------------------------------------- */

typedef struct {
  lua_State *L;
  int parts;                    /* stack index of the list of pieces */
  lua_Integer n;
} writer;

static void
put (writer *w, const char *s)
{
  lua_pushstring (w->L, s);
  lua_rawseti (w->L, w->parts, ++w->n);
}

static void
put_quoted (writer *w, const char *s, size_t len)
{
  luaL_Buffer b;
  luaL_buffinit (w->L, &b);
  luaL_addchar (&b, '"');
  for (size_t i = 0; i < len; i++)
    {
      unsigned char ch = (unsigned char) s[i];
      if (ch == '"' || ch == '\\')
        {
          luaL_addchar (&b, '\\');
          luaL_addchar (&b, (char) ch);
        }
      else if (ch < 32 || ch == 127)
        {
          char esc[8];
          snprintf (esc, sizeof esc, "\\%03u", ch);
          luaL_addstring (&b, esc);
        }
      else
        luaL_addchar (&b, (char) ch);
    }
  luaL_addchar (&b, '"');
  luaL_pushresult (&b);
  lua_rawseti (w->L, w->parts, ++w->n);
}

/* The plain-data value at IDX as Lua source (numbers exact: shortest round-trip digits, '.' under every locale). */
static void
serialize (writer *w, int arg, int idx, int depth, bool header)
{
  lua_State *L = w->L;
  idx = lua_absindex (L, idx);
  char num[40];
  switch (lua_type (L, idx))
    {
    case LUA_TNUMBER:
      if (lua_isinteger (L, idx))
        snprintf (num, sizeof num, "%lld", (long long) lua_tointeger (L, idx));
      else
        {
          double v = lua_tonumber (L, idx);
          if (isnan (v))
            luaL_argerror (L, arg, "design: a number is NaN");
          if (isinf (v))
            snprintf (num, sizeof num, "%s", v > 0 ? "1/0" : "-1/0");
          else
            gp_fmt_double (num, sizeof num, v);
        }
      put (w, num);
      return;
    case LUA_TBOOLEAN:
      put (w, lua_toboolean (L, idx) ? "true" : "false");
      return;
    case LUA_TSTRING:
      {
        size_t len;
        const char *s = lua_tolstring (L, idx, &len);
        put_quoted (w, s, len);
        return;
      }
    case LUA_TTABLE:
      if (depth >= SERIAL_DEPTH_MAX)
        luaL_argerror (L, arg, "design: tables nested too deeply");
      luaL_checkstack (L, 6, "design");
      put (w, "{");
      if (header)
        {
          lua_getfield (L, idx, "kind");
          if (lua_isnil (L, -1))
            put (w, "kind=\"design\",format=1,");
          lua_pop (L, 1);
        }
      lua_pushnil (L);
      while (lua_next (L, idx))
        {
          int kt = lua_type (L, -2);
          put (w, "[");
          if (kt == LUA_TSTRING || (kt == LUA_TNUMBER && lua_isinteger (L, -2)))
            serialize (w, arg, -2, depth + 1, false);
          else
            luaL_argerror (L, arg, lua_pushfstring (L, "design: a %s key", lua_typename (L, kt)));
          put (w, "]=");
          serialize (w, arg, -1, depth + 1, false);
          put (w, ",");
          lua_pop (L, 1);
        }
      put (w, "}");
      return;
    default:
      luaL_argerror (L, arg, lua_pushfstring (L, "design: a %s cannot be in a design",
                                              luaL_typename (L, idx)));
    }
}

/* The design at IDX (nil: data/comparison.lua; a string: a design file; a table) into a
 * new userdata left on the stack. */
static gp_design *
push_design (lua_State *L, int arg, int idx)
{
  idx = lua_absindex (L, idx);
  gp_design *d = lua_newuserdatauv (L, sizeof *d, 0);
  gp_error err = { 0 };
  gp_status st;
  if (lua_isnil (L, idx))
    st = gp_design_load_default (d, &err);
  else if (lua_type (L, idx) == LUA_TSTRING)
    st = gp_design_load (lua_tostring (L, idx), d, &err);
  else
    {
      luaL_checktype (L, idx, LUA_TTABLE);
      lua_newtable (L);
      writer w = { L, lua_gettop (L), 0 };
      put (&w, "return ");
      serialize (&w, arg, idx, 0, true);
      luaL_Buffer b;
      luaL_buffinit (L, &b);
      for (lua_Integer i = 1; i <= w.n; i++)
        {
          lua_rawgeti (L, w.parts, i);
          luaL_addvalue (&b);
        }
      luaL_pushresult (&b);
      size_t len;
      const char *src = lua_tolstring (L, -1, &len);
      st = gp_design_load_buffer ("design", src, len, d, &err);
      lua_pop (L, 2);
    }
  if (st != GP_OK)
    gp_lua_fail (L, arg, st == GP_EIO ? GP_EINVAL : st, &err);
  return d;
}

/* A system of D named by the value at IDX (1-based index or name). */
static int
check_system_index (lua_State *L, int arg, const gp_design *d, int idx)
{
  if (lua_type (L, idx) == LUA_TNUMBER)
    {
      lua_Integer i = lua_tointeger (L, idx);
      if (i < 1 || i > d->n_systems)
        luaL_argerror (L, arg, lua_pushfstring (L, "system %d is out of range: the design has "
                                                   "%d systems", (int) i, d->n_systems));
      return (int) i - 1;
    }
  const char *s = lua_tostring (L, idx);
  for (int i = 0; s && i < d->n_systems; i++)
    if (strcmp (d->systems[i].sys.name, s) == 0)
      return i;
  return luaL_argerror (L, arg, lua_pushfstring (L, "no system '%s' in the design",
                                                 s ? s : "?"));
}

static void
read_system_spec (lua_State *L, int arg, uq_ctx *c, int skipped)
{
  lua_getfield (L, arg, "design");
  gp_design *d = push_design (L, arg, -1);
  int sel[GP_UQ_SYSTEMS_MAX] = { 0, 1 };
  size_t n_sel = d->n_systems >= 2 ? 2 : 1;
  if (d->n_systems < 1)
    luaL_argerror (L, arg, "the design has no systems");
  lua_getfield (L, arg, "systems");
  if (!lua_isnil (L, -1))
    {
      luaL_argcheck (L, lua_istable (L, -1), arg, "systems must be a list of 1 or 2 systems");
      n_sel = lua_rawlen (L, -1);
      if (n_sel < 1 || n_sel > GP_UQ_SYSTEMS_MAX)
        luaL_argerror (L, arg, "systems must list 1 or 2 systems");
      for (size_t k = 0; k < n_sel; k++)
        {
          lua_rawgeti (L, -1, (lua_Integer) k + 1);
          sel[k] = check_system_index (L, arg, d, -1);
          lua_pop (L, 1);
        }
    }
  lua_pop (L, 1);
  size_t n_nodes;
  const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
  gp_error err = { 0 };
  c->u = gp_uncertainty_system_new (&d->systems[sel[0]], n_sel > 1 ? &d->systems[sel[1]] : NULL,
                                    &d->study, nodes, n_nodes, &err);
  if (c->u == NULL)
    gp_lua_fail (L, arg, GP_EINVAL, &err);
  c->n_systems = n_sel;
  lua_pop (L, 2); /* design value and userdata: the systems are copied */

  /* inputs */
  lua_getfield (L, arg, "inputs");
  if (lua_type (L, -1) == LUA_TSTRING && strcmp (lua_tostring (L, -1), "defaults") == 0)
    {
      gp_uq_input *in = NULL;
      size_t n = 0;
      if (gp_uncertainty_defaults_load (NULL, &in, &n, &err) != GP_OK)
        luaL_error (L, "%s", err.message);
      for (size_t i = 0; i < n; i++)
        {
          gp_error e = { 0 };
          if (gp_uncertainty_system_add_input (c->u, &in[i], &e) == GP_OK)
            {
              size_t k = c->n_in++;
              snprintf (c->in_name[k], sizeof c->in_name[k], "%s", in[i].path);
              snprintf (c->in_label[k], sizeof c->in_label[k], "%s", in[i].name);
              c->has_dist[k] = true;
            }
          else
            {
              lua_pushfstring (L, "%s (%s): %s", in[i].name, in[i].path, e.message);
              lua_rawseti (L, skipped, (lua_Integer) lua_rawlen (L, skipped) + 1);
            }
        }
      free (in);
    }
  else if (lua_istable (L, -1))
    {
      size_t n = lua_rawlen (L, -1);
      for (size_t i = 0; i < n; i++)
        {
          lua_rawgeti (L, -1, (lua_Integer) i + 1);
          luaL_argcheck (L, lua_istable (L, -1), arg, "inputs must be a list of tables");
          char ctx[32];
          snprintf (ctx, sizeof ctx, "inputs[%zu]", i + 1);
          gp_uq_input in;
          gp_uq_input_init (&in);
          lua_getfield (L, -1, "kind");
          bool has = !lua_isnil (L, -1);
          lua_pop (L, 1);
          if (gp_lua_read_params (L, lua_gettop (L), &gp_uq_input_param_table, &in, 0, ctx, &err)
              != GP_OK)
            gp_lua_arg_error (L, arg, &err);
          if (in.path[0] == '\0')
            luaL_argerror (L, arg, lua_pushfstring (L, "%s has no path", ctx));
          gp_status st = gp_uncertainty_system_add_input (c->u, &in, &err);
          if (st != GP_OK)
            {
              gp_error_prefix (&err, ctx);
              gp_lua_fail (L, arg, GP_EINVAL, &err);
            }
          size_t k = c->n_in++;
          snprintf (c->in_name[k], sizeof c->in_name[k], "%s", in.path);
          snprintf (c->in_label[k], sizeof c->in_label[k], "%s", in.name[0] ? in.name : in.path);
          c->has_dist[k] = has;
          lua_pop (L, 1);
        }
    }
  else
    luaL_argerror (L, arg, "inputs must be a list of {path = ..., kind = ...} or \"defaults\"");
  lua_pop (L, 1);
  if (c->n_in == 0)
    luaL_argerror (L, arg, "no inputs apply to the systems");

  /* outputs */
  lua_getfield (L, arg, "outputs");
  if (lua_isnil (L, -1))
    {
      if (gp_uncertainty_system_add_output (c->u, "usd_per_model", &err) != GP_OK)
        gp_lua_arg_error (L, arg, &err);
    }
  else
    {
      luaL_argcheck (L, lua_istable (L, -1), arg, "outputs must be a list of figure names");
      size_t n = lua_rawlen (L, -1);
      for (size_t j = 0; j < n; j++)
        {
          lua_rawgeti (L, -1, (lua_Integer) j + 1);
          const char *s = lua_tostring (L, -1);
          if (gp_uncertainty_system_add_output (c->u, s ? s : "", &err) != GP_OK)
            gp_lua_arg_error (L, arg, &err);
          lua_pop (L, 1);
        }
    }
  lua_pop (L, 1);

  bool search_each = opt_bool (L, arg, "search_each", false);
  gp_status st = gp_uncertainty_system_ready (c->u, search_each, NULL, NULL, &err);
  if (st != GP_OK)
    gp_lua_fail (L, arg, GP_EINVAL, &err);
  gp_uncertainty_system_problem (c->u, &c->pb);
  c->n_out = c->pb.n_outputs;
  for (size_t j = 0; j < c->n_out; j++)
    snprintf (c->out_name[j], sizeof c->out_name[j], "%s", c->pb.output_names[j]);
  for (size_t i = 0; i < c->n_in; i++)
    c->nominal[i] = c->pb.nominal[i];
}

static void
read_function_spec (lua_State *L, int arg, uq_ctx *c)
{
  lua_getfield (L, arg, "f");
  luaL_argcheck (L, lua_isfunction (L, -1), arg, "f must be a function (or give a design)");
  c->fn_ref = luaL_ref (L, LUA_REGISTRYINDEX);

  lua_getfield (L, arg, "inputs");
  luaL_argcheck (L, lua_istable (L, -1), arg, "inputs must be a list of {name =, nominal =}");
  size_t n = lua_rawlen (L, -1);
  if (n < 1 || n > GP_UQ_INPUTS_MAX)
    luaL_argerror (L, arg, lua_pushfstring (L, "inputs: give 1 to %d inputs", GP_UQ_INPUTS_MAX));
  static const char *const skip[] = { "name", "nominal", NULL };
  for (size_t i = 0; i < n; i++)
    {
      lua_rawgeti (L, -1, (lua_Integer) i + 1);
      luaL_argcheck (L, lua_istable (L, -1), arg, "inputs must be a list of tables");
      char ctx[32];
      snprintf (ctx, sizeof ctx, "inputs[%zu]", i + 1);
      lua_getfield (L, -1, "name");
      const char *name = lua_tostring (L, -1);
      if (name == NULL)
        luaL_argerror (L, arg, lua_pushfstring (L, "%s needs a name", ctx));
      snprintf (c->in_name[i], sizeof c->in_name[i], "%s", name);
      snprintf (c->in_label[i], sizeof c->in_label[i], "%s", name);
      lua_pop (L, 1);
      lua_getfield (L, -1, "nominal");
      if (!lua_isnumber (L, -1))
        luaL_argerror (L, arg, lua_pushfstring (L, "%s (%s) needs a nominal value", ctx, name));
      c->nominal[i] = lua_tonumber (L, -1);
      lua_pop (L, 1);
      c->has_dist[i] = read_dist (L, arg, -1, skip, &c->dists[i], ctx);
      c->in_ptr[i] = c->in_name[i];
      lua_pop (L, 1);
    }
  c->n_in = n;
  lua_pop (L, 1);

  lua_getfield (L, arg, "outputs");
  luaL_argcheck (L, lua_istable (L, -1), arg, "outputs must be a list of names");
  size_t m = lua_rawlen (L, -1);
  if (m < 1 || m > GP_UQ_OUTPUTS_MAX)
    luaL_argerror (L, arg, lua_pushfstring (L, "outputs: give 1 to %d names", GP_UQ_OUTPUTS_MAX));
  for (size_t j = 0; j < m; j++)
    {
      lua_rawgeti (L, -1, (lua_Integer) j + 1);
      const char *s = lua_tostring (L, -1);
      if (s == NULL)
        luaL_argerror (L, arg, "outputs must be a list of names");
      snprintf (c->out_name[j], sizeof c->out_name[j], "%s", s);
      c->out_ptr[j] = c->out_name[j];
      lua_pop (L, 1);
    }
  c->n_out = m;
  lua_pop (L, 1);

  c->pb.n_inputs = c->n_in;
  c->pb.n_outputs = c->n_out;
  c->pb.fn = lua_model_fn;
  c->pb.user = c;
  c->pb.nominal = c->nominal;
  c->pb.dists = c->dists;
  c->pb.input_names = c->in_ptr;
  c->pb.output_names = c->out_ptr;
}

static const char *const common_keys[] = {
  "f", "inputs", "outputs", "design", "systems", "search_each", "progress",
};

/* Check the keys of the spec: the common ones plus EXTRA (NULL-terminated). */
static void
check_spec_keys (lua_State *L, int arg, const char *const *extra)
{
  const char *allowed[40];
  size_t n = 0;
  for (size_t i = 0; i < GP_N_ELEMENTS (common_keys); i++)
    allowed[n++] = common_keys[i];
  for (size_t i = 0; extra[i] && n < GP_N_ELEMENTS (allowed) - 1; i++)
    allowed[n++] = extra[i];
  allowed[n] = NULL;
  gp_lua_check_keys (L, arg, allowed);
}

/* Read the spec at ARG; pushes the context userdata (then a list of skipped defaults). */
static uq_ctx *
check_spec (lua_State *L, int arg, const char *const *extra, bool need_dists)
{
  luaL_checktype (L, arg, LUA_TTABLE);
  check_spec_keys (L, arg, extra);
  uq_ctx *c = lua_newuserdatauv (L, sizeof *c, 0);
  memset (c, 0, sizeof *c);
  c->fn_ref = c->err_ref = c->progress_ref = LUA_NOREF;
  c->L = L;
  luaL_setmetatable (L, CTX_MT);
  lua_newtable (L);
  int skipped = lua_gettop (L);
  lua_getfield (L, arg, "f");
  c->system_mode = lua_isnil (L, -1);
  lua_pop (L, 1);
  if (c->system_mode)
    read_system_spec (L, arg, c, skipped);
  else
    read_function_spec (L, arg, c);
  lua_getfield (L, arg, "progress");
  if (!lua_isnil (L, -1))
    {
      luaL_argcheck (L, lua_isfunction (L, -1), arg, "progress must be a function");
      c->progress_ref = luaL_ref (L, LUA_REGISTRYINDEX);
      c->pb.progress = lua_progress;
      c->pb.progress_user = c;
    }
  else
    lua_pop (L, 1);
  if (need_dists)
    for (size_t i = 0; i < c->n_in; i++)
      if (!c->has_dist[i])
        luaL_argerror (L, arg, lua_pushfstring (L, "input '%s' has no distribution (give kind "
                                                   "= \"uniform\", a =, b =, ...)",
                                                c->in_label[i]));
  return c;
}

/* After an engine call: re-raise a Lua error from f, else turn a status into a result. */
static int
finish (lua_State *L, uq_ctx *c, gp_status st, const gp_error *err)
{
  if (c->err_ref != LUA_NOREF)
    {
      lua_rawgeti (L, LUA_REGISTRYINDEX, c->err_ref);
      return lua_error (L);
    }
  return gp_lua_fail (L, 1, st, err);
}

static void
set_number (lua_State *L, const char *key, double v)
{
  lua_pushnumber (L, v);
  lua_setfield (L, -2, key);
}

/* ---- methods ---------------------------------------------------------------------- */

/* glasspane.monte_carlo(spec) with samples, sampler ("pseudo"/"sobol"), seed,
 * skip_infeasible, levels = {0.05, 0.5, 0.95}, pairs = { {"a.x", "b.x"}, ... } (default
 * with two systems: a.X < b.X for every figure), keep (return every sample). */
static int
l_monte_carlo (lua_State *L)
{
  static const char *const extra[] = { "samples", "sampler", "seed", "skip_infeasible",
                                       "levels", "pairs", "keep", "threads", NULL };
  uq_ctx *c = check_spec (L, 1, extra, true);
  int skipped = lua_gettop (L);
  gp_mc_params p;
  gp_mc_params_init (&p);
  p.samples = opt_integer (L, 1, "samples", p.samples);
  p.sampler = opt_enum (L, 1, "sampler", gp_sampler_names, p.sampler);
  p.seed = opt_integer (L, 1, "seed", p.seed);
  p.skip_infeasible = opt_bool (L, 1, "skip_infeasible", p.skip_infeasible);
  p.threads = gp_lua_threads_opt (L, 1, 1); /* the same figures for any count */
  lua_getfield (L, 1, "levels");
  if (!lua_isnil (L, -1))
    {
      luaL_argcheck (L, lua_istable (L, -1), 1, "levels must be a list of numbers in [0, 1]");
      size_t n = lua_rawlen (L, -1);
      luaL_argcheck (L, n >= 1 && n <= GP_UQ_LEVELS_MAX, 1, "levels: 1 to 9 of them");
      p.n_levels = (long) n;
      for (size_t l = 0; l < n; l++)
        {
          lua_rawgeti (L, -1, (lua_Integer) l + 1);
          p.levels[l] = luaL_checknumber (L, -1);
          lua_pop (L, 1);
        }
    }
  lua_pop (L, 1);
  lua_getfield (L, 1, "pairs");
  if (!lua_isnil (L, -1))
    {
      luaL_argcheck (L, lua_istable (L, -1), 1, "pairs must be a list of {output, output}");
      size_t n = lua_rawlen (L, -1);
      luaL_argcheck (L, n <= GP_UQ_PAIRS_MAX, 1, "pairs: at most 16");
      p.n_pairs = (long) n;
      for (size_t q = 0; q < n; q++)
        {
          lua_rawgeti (L, -1, (lua_Integer) q + 1);
          luaL_argcheck (L, lua_istable (L, -1), 1, "pairs must be a list of {output, output}");
          for (int e = 0; e < 2; e++)
            {
              lua_rawgeti (L, -1, e + 1);
              const char *s = lua_tostring (L, -1);
              long j = s ? find_output (c, s) : -1;
              if (j < 0)
                luaL_argerror (L, 1, lua_pushfstring (L, "pairs[%d]: '%s' is not an output",
                                                      (int) q + 1, s ? s : "?"));
              *(e ? &p.pair_b[q] : &p.pair_a[q]) = j;
              lua_pop (L, 1);
            }
          lua_pop (L, 1);
        }
    }
  else if (c->system_mode && c->n_systems == 2)
    for (size_t k = 0; k < c->n_out / 3 && k < GP_UQ_PAIRS_MAX; k++)
      {
        p.pair_a[p.n_pairs] = (long) (3 * k);
        p.pair_b[p.n_pairs++] = (long) (3 * k + 1);
      }
  lua_pop (L, 1);
  bool keep = opt_bool (L, 1, "keep", false);
  double *ky = NULL;
  if (keep)
    {
      if (p.samples < 1 || (size_t) p.samples > ((size_t) 1 << 28) / c->n_out)
        luaL_argerror (L, 1, "keep: too many samples to return");
      ky = lua_newuserdatauv (L, (size_t) p.samples * c->n_out * sizeof (double), 0);
    }
  gp_mc_result *r = lua_newuserdatauv (L, sizeof *r, 0);
  gp_error err = { 0 };
  gp_status st = gp_uncertainty_monte_carlo (&c->pb, &p, r, NULL, ky, &err);
  if (st != GP_OK)
    return finish (L, c, st, &err);

  lua_createtable (L, 0, 12);
  lua_pushinteger (L, r->samples);
  lua_setfield (L, -2, "samples");
  lua_pushinteger (L, r->ok);
  lua_setfield (L, -2, "ok");
  lua_pushinteger (L, r->infeasible);
  lua_setfield (L, -2, "infeasible");
  if (r->infeasible)
    {
      lua_pushstring (L, r->first_infeasible);
      lua_setfield (L, -2, "first_infeasible");
    }
  lua_pushstring (L, gp_sampler_names[p.sampler]);
  lua_setfield (L, -2, "sampler");
  lua_createtable (L, (int) p.n_levels, 0);
  for (long l = 0; l < p.n_levels; l++)
    {
      lua_pushnumber (L, p.levels[l]);
      lua_rawseti (L, -2, l + 1);
    }
  lua_setfield (L, -2, "levels");
  lua_createtable (L, (int) c->n_in, 0);
  for (size_t i = 0; i < c->n_in; i++)
    {
      lua_pushstring (L, c->in_name[i]);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_setfield (L, -2, "inputs");
  lua_createtable (L, (int) c->n_out, 0);
  for (size_t j = 0; j < c->n_out; j++)
    {
      lua_pushstring (L, c->out_name[j]);
      lua_rawseti (L, -2, (lua_Integer) j + 1);
    }
  lua_setfield (L, -2, "output_names");
  lua_createtable (L, 0, (int) c->n_out);
  for (size_t j = 0; j < c->n_out; j++)
    {
      const gp_mc_stats *o = &r->out[j];
      lua_createtable (L, 0, 10);
      set_number (L, "mean", o->mean);
      set_number (L, "sd", o->sd);
      set_number (L, "se_mean", o->se_mean);
      set_number (L, "min", o->min);
      set_number (L, "max", o->max);
      lua_createtable (L, (int) p.n_levels, 0);
      for (long l = 0; l < p.n_levels; l++)
        {
          lua_pushnumber (L, o->q[l]);
          lua_rawseti (L, -2, l + 1);
        }
      lua_setfield (L, -2, "q");
      /* p5, p50, p95 ... for the levels that are whole percents */
      for (long l = 0; l < p.n_levels; l++)
        {
          double pc = p.levels[l] * 100;
          if (fabs (pc - nearbyint (pc)) < 1e-9)
            {
              char key[16];
              snprintf (key, sizeof key, "p%d", (int) nearbyint (pc));
              set_number (L, key, o->q[l]);
            }
        }
      if (ky)
        {
          lua_createtable (L, (int) p.samples, 0);
          for (long k = 0; k < p.samples; k++)
            {
              lua_pushnumber (L, ky[(size_t) k * c->n_out + j]);
              lua_rawseti (L, -2, k + 1);
            }
          lua_setfield (L, -2, "samples");
        }
      lua_setfield (L, -2, c->out_name[j]);
    }
  lua_setfield (L, -2, "outputs");
  lua_createtable (L, (int) p.n_pairs, 0);
  for (long q = 0; q < p.n_pairs; q++)
    {
      lua_createtable (L, 0, 4);
      lua_pushstring (L, c->out_name[p.pair_a[q]]);
      lua_setfield (L, -2, "a");
      lua_pushstring (L, c->out_name[p.pair_b[q]]);
      lua_setfield (L, -2, "b");
      set_number (L, "p", r->p_less[q]);
      set_number (L, "se", r->p_less_se[q]);
      lua_rawseti (L, -2, q + 1);
    }
  lua_setfield (L, -2, "pairs");
  lua_pushvalue (L, skipped);
  lua_setfield (L, -2, "skipped");
  return 1;
}

/* glasspane.tornado(spec) with output (default the first), p_low = 0.05, p_high = 0.95. */
static int
l_tornado (lua_State *L)
{
  static const char *const extra[] = { "output", "p_low", "p_high", NULL };
  uq_ctx *c = check_spec (L, 1, extra, true);
  int skipped = lua_gettop (L);
  long out = check_output_field (L, 1, c, "output", 0);
  double lo = opt_number (L, 1, "p_low", 0.05), hi = opt_number (L, 1, "p_high", 0.95);
  gp_tornado_result *r = lua_newuserdatauv (L, sizeof *r, 0);
  gp_error err = { 0 };
  gp_status st = gp_uncertainty_tornado (&c->pb, (int) out, lo, hi, r, &err);
  if (st != GP_OK)
    return finish (L, c, st, &err);
  lua_createtable (L, 0, 4);
  lua_pushstring (L, c->out_name[out]);
  lua_setfield (L, -2, "output");
  set_number (L, "nominal", r->y_nominal);
  lua_createtable (L, (int) r->n_bars, 0);
  for (size_t b = 0; b < r->n_bars; b++)
    {
      const gp_tornado_bar *bar = &r->bar[b];
      lua_createtable (L, 0, 8);
      lua_pushstring (L, c->in_name[bar->input]);
      lua_setfield (L, -2, "input");
      lua_pushstring (L, c->in_label[bar->input]);
      lua_setfield (L, -2, "name");
      set_number (L, "nominal_x", c->nominal[bar->input]);
      set_number (L, "x_low", bar->x_low);
      set_number (L, "x_high", bar->x_high);
      set_number (L, "y_low", bar->y_low);
      set_number (L, "y_high", bar->y_high);
      set_number (L, "swing", bar->swing);
      lua_rawseti (L, -2, (lua_Integer) b + 1);
    }
  lua_setfield (L, -2, "bars");
  lua_pushvalue (L, skipped);
  lua_setfield (L, -2, "skipped");
  return 1;
}

/* glasspane.sobol(spec) with base_samples, sampler, seed, skip_infeasible. */
static int
l_sobol (lua_State *L)
{
  static const char *const extra[] = { "base_samples", "sampler", "seed", "skip_infeasible",
                                       "threads", NULL };
  uq_ctx *c = check_spec (L, 1, extra, true);
  int skipped = lua_gettop (L);
  gp_sobol_params p;
  gp_sobol_params_init (&p);
  p.base_samples = opt_integer (L, 1, "base_samples", p.base_samples);
  p.sampler = opt_enum (L, 1, "sampler", gp_sampler_names, p.sampler);
  p.seed = opt_integer (L, 1, "seed", p.seed);
  p.skip_infeasible = opt_bool (L, 1, "skip_infeasible", p.skip_infeasible);
  p.threads = gp_lua_threads_opt (L, 1, 1); /* the same figures for any count */
  gp_sobol_result *r = lua_newuserdatauv (L, sizeof *r, 0);
  gp_error err = { 0 };
  gp_status st = gp_uncertainty_sobol (&c->pb, &p, r, &err);
  if (st != GP_OK)
    return finish (L, c, st, &err);
  lua_createtable (L, 0, 8);
  lua_pushinteger (L, r->rows);
  lua_setfield (L, -2, "rows");
  lua_pushinteger (L, r->ok);
  lua_setfield (L, -2, "ok");
  static const char *const keys[] = { "first", "total", "first_se", "total_se" };
  for (int k = 0; k < 4; k++)
    {
      lua_createtable (L, 0, (int) c->n_in);
      for (size_t i = 0; i < c->n_in; i++)
        {
          lua_createtable (L, 0, (int) c->n_out);
          for (size_t j = 0; j < c->n_out; j++)
            {
              double v = k == 0 ? r->first[i][j] : k == 1 ? r->total[i][j]
                         : k == 2 ? r->first_se[i][j] : r->total_se[i][j];
              set_number (L, c->out_name[j], v);
            }
          lua_setfield (L, -2, c->in_name[i]);
        }
      lua_setfield (L, -2, keys[k]);
    }
  lua_createtable (L, 0, (int) c->n_out);
  for (size_t j = 0; j < c->n_out; j++)
    set_number (L, c->out_name[j], r->variance[j]);
  lua_setfield (L, -2, "variance");
  lua_createtable (L, 0, (int) c->n_out);
  for (size_t j = 0; j < c->n_out; j++)
    set_number (L, c->out_name[j], r->mean[j]);
  lua_setfield (L, -2, "mean");
  lua_pushvalue (L, skipped);
  lua_setfield (L, -2, "skipped");
  return 1;
}

/* glasspane.break_even(spec) with input, lo, hi, a, b (or target), scan_points, log_scan,
 * xtol_rel, max_iter. */
static int
l_break_even (lua_State *L)
{
  static const char *const extra[] = { "input", "lo", "hi", "a", "b", "target", "scan_points",
                                       "log_scan", "xtol_rel", "max_iter", NULL };
  uq_ctx *c = check_spec (L, 1, extra, false);
  gp_break_even_params p;
  gp_break_even_params_init (&p);
  p.input = check_input_field (L, 1, c, 1, "input");
  lua_getfield (L, 1, "lo");
  lua_getfield (L, 1, "hi");
  luaL_argcheck (L, lua_isnumber (L, -2) && lua_isnumber (L, -1), 1,
                 "lo and hi (the range searched) are required");
  lua_pop (L, 2);
  p.lo = opt_number (L, 1, "lo", 0);
  p.hi = opt_number (L, 1, "hi", 1);
  p.output_a = check_output_field (L, 1, c, "a", 0);
  lua_getfield (L, 1, "target");
  bool target = !lua_isnil (L, -1);
  lua_pop (L, 1);
  if (target)
    {
      p.output_b = -1;
      p.target = opt_number (L, 1, "target", 0);
    }
  else
    p.output_b = check_output_field (L, 1, c, "b", c->system_mode && c->n_systems == 2
                                                     ? p.output_a + 1 : 1);
  p.scan_points = opt_integer (L, 1, "scan_points", p.scan_points);
  p.log_scan = opt_bool (L, 1, "log_scan", p.log_scan);
  p.xtol_rel = opt_number (L, 1, "xtol_rel", p.xtol_rel);
  p.max_iter = opt_integer (L, 1, "max_iter", p.max_iter);
  gp_break_even_result r;
  gp_error err = { 0 };
  gp_status st = gp_uncertainty_break_even (&c->pb, &p, &r, &err);
  if (st != GP_OK)
    return finish (L, c, st, &err);
  lua_createtable (L, 0, 10);
  set_number (L, "x", r.x);
  set_number (L, "y_a", r.y_a);
  set_number (L, "y_b", r.y_b);
  set_number (L, "g_lo", r.g_lo);
  set_number (L, "g_hi", r.g_hi);
  lua_pushinteger (L, r.crossings);
  lua_setfield (L, -2, "crossings");
  lua_pushinteger (L, r.iterations);
  lua_setfield (L, -2, "iterations");
  lua_pushinteger (L, r.evaluations);
  lua_setfield (L, -2, "evaluations");
  lua_createtable (L, 2, 0);
  lua_pushnumber (L, r.bracket_lo);
  lua_rawseti (L, -2, 1);
  lua_pushnumber (L, r.bracket_hi);
  lua_rawseti (L, -2, 2);
  lua_setfield (L, -2, "bracket");
  return 1;
}

/* glasspane.minimize(spec) with vars = { {input =, lo =, hi =}, ... } (or input, lo, hi),
 * output, maximize, scan_points, xtol_rel, max_iter, restarts. */
static int
l_minimize (lua_State *L)
{
  static const char *const extra[] = { "vars", "input", "lo", "hi", "output", "maximize",
                                       "scan_points", "xtol_rel", "max_iter", "restarts", NULL };
  uq_ctx *c = check_spec (L, 1, extra, false);
  gp_minimize_params p;
  gp_minimize_params_init (&p);
  lua_getfield (L, 1, "vars");
  if (lua_isnil (L, -1))
    {
      lua_pop (L, 1);
      lua_pushvalue (L, 1);
      lua_createtable (L, 1, 0);
      lua_pushvalue (L, -2);
      lua_rawseti (L, -2, 1);
      lua_remove (L, -2);
    }
  luaL_argcheck (L, lua_istable (L, -1), 1, "vars must be a list of {input =, lo =, hi =}");
  size_t n = lua_rawlen (L, -1);
  luaL_argcheck (L, n >= 1 && n <= GP_UQ_OPT_MAX, 1, "vars: 1 to 8 variables");
  p.n_vars = (long) n;
  int vars = lua_gettop (L);
  for (size_t i = 0; i < n; i++)
    {
      lua_rawgeti (L, vars, (lua_Integer) i + 1);
      int v = lua_gettop (L);
      luaL_argcheck (L, lua_istable (L, v), 1, "vars must be a list of {input =, lo =, hi =}");
      p.vars[i] = check_input_field (L, 1, c, v, "input");
      lua_getfield (L, v, "lo");
      lua_getfield (L, v, "hi");
      if (!lua_isnumber (L, -2) || !lua_isnumber (L, -1))
        luaL_argerror (L, 1, lua_pushfstring (L, "vars[%d]: lo and hi are required",
                                              (int) i + 1));
      p.lo[i] = lua_tonumber (L, -2);
      p.hi[i] = lua_tonumber (L, -1);
      lua_pop (L, 3);
    }
  lua_pop (L, 1);
  p.output = check_output_field (L, 1, c, "output", 0);
  p.maximize = opt_bool (L, 1, "maximize", false);
  p.scan_points = opt_integer (L, 1, "scan_points", p.scan_points);
  p.xtol_rel = opt_number (L, 1, "xtol_rel", p.xtol_rel);
  p.max_iter = opt_integer (L, 1, "max_iter", p.max_iter);
  p.restarts = opt_integer (L, 1, "restarts", p.restarts);
  gp_minimize_result r;
  gp_error err = { 0 };
  gp_status st = gp_uncertainty_minimize (&c->pb, &p, &r, &err);
  if (st != GP_OK)
    return finish (L, c, st, &err);
  lua_createtable (L, 0, 10);
  lua_createtable (L, 0, (int) n);
  for (size_t i = 0; i < n; i++)
    set_number (L, c->in_name[p.vars[i]], r.x[i]);
  lua_setfield (L, -2, "x");
  lua_createtable (L, 0, (int) n);
  for (size_t i = 0; i < n; i++)
    {
      lua_pushboolean (L, r.at_bound[i]);
      lua_setfield (L, -2, c->in_name[p.vars[i]]);
    }
  lua_setfield (L, -2, "at_bound");
  set_number (L, "f", r.f);
  lua_pushstring (L, c->out_name[p.output]);
  lua_setfield (L, -2, "output");
  lua_createtable (L, 0, (int) c->n_out);
  for (size_t j = 0; j < c->n_out; j++)
    set_number (L, c->out_name[j], r.y[j]);
  lua_setfield (L, -2, "y");
  lua_pushboolean (L, r.converged);
  lua_setfield (L, -2, "converged");
  lua_pushinteger (L, r.evaluations);
  lua_setfield (L, -2, "evaluations");
  lua_pushinteger (L, r.iterations);
  lua_setfield (L, -2, "iterations");
  lua_pushinteger (L, r.infeasible);
  lua_setfield (L, -2, "infeasible");
  return 1;
}

/* glasspane.pareto(xs, ys [, {maximize_x =, maximize_y =}]) -> 1-based indices on the
 * frontier, best x first */
static int
l_pareto (lua_State *L)
{
  luaL_argexpected (L, gp_lua_is_numlist (L, 1), 1, "list of numbers");
  luaL_argexpected (L, gp_lua_is_numlist (L, 2), 2, "list of numbers");
  bool mx = false, my = false;
  if (!lua_isnoneornil (L, 3))
    {
      luaL_checktype (L, 3, LUA_TTABLE);
      static const char *const keys[] = { "maximize_x", "maximize_y", NULL };
      gp_lua_check_keys (L, 3, keys);
      mx = opt_bool (L, 3, "maximize_x", false);
      my = opt_bool (L, 3, "maximize_y", false);
    }
  size_t n = (size_t) gp_lua_numlist_len (L, 1);
  if ((size_t) gp_lua_numlist_len (L, 2) != n)
    return luaL_argerror (L, 2, lua_pushfstring (L, "xs has %d values, ys %d", (int) n,
                                                 (int) gp_lua_numlist_len (L, 2)));
  double *x = lua_newuserdatauv (L, (n ? n : 1) * sizeof (double), 0);
  double *y = lua_newuserdatauv (L, (n ? n : 1) * sizeof (double), 0);
  size_t *front = lua_newuserdatauv (L, (n ? n : 1) * sizeof (size_t), 0);
  for (size_t i = 0; i < n; i++)
    {
      gp_lua_numlist_geti (L, 1, (lua_Integer) i + 1);
      gp_lua_numlist_geti (L, 2, (lua_Integer) i + 1);
      if (!lua_isnumber (L, -2) || !lua_isnumber (L, -1))
        return luaL_argerror (L, 1, lua_pushfstring (L, "point %d is not two numbers",
                                                     (int) i + 1));
      x[i] = lua_tonumber (L, -2);
      y[i] = lua_tonumber (L, -1);
      lua_pop (L, 2);
      /* Named here, 1-based as the script wrote it (the model's message counts from 0). */
      if (!isfinite (x[i]) || !isfinite (y[i]))
        return luaL_argerror (L, isfinite (x[i]) ? 2 : 1,
                              lua_pushfstring (L, "point %d = (%f, %f) is not finite",
                                               (int) i + 1, x[i], y[i]));
    }
  size_t nf = 0;
  gp_error err = { 0 };
  gp_status st = gp_uncertainty_pareto (x, y, n, mx, my, front, &nf, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 1, st, &err);
  lua_createtable (L, (int) nf, 0);
  for (size_t i = 0; i < nf; i++)
    {
      lua_pushinteger (L, (lua_Integer) front[i] + 1);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  return 1;
}

/* glasspane.dist_quantile({kind =, a =, ...}, p) -> x */
static int
l_dist_quantile (lua_State *L)
{
  luaL_checktype (L, 1, LUA_TTABLE);
  double p = luaL_checknumber (L, 2);
  gp_dist d;
  static const char *const none[] = { NULL };
  read_dist (L, 1, 1, none, &d, "dist");
  double x;
  gp_error err = { 0 };
  gp_status st = gp_dist_quantile (&d, p, &x, &err);
  if (st != GP_OK)
    return gp_lua_fail (L, 1, st == GP_ERANGE ? GP_EINVAL : st, &err);
  lua_pushnumber (L, x);
  return 1;
}

/* glasspane.syspaths([design [, system]]) -> { {path =, unit =, min =, max =, value =,
 * prepare =, coupled =, shared =, label =, doc =}, ... } */
static int
l_syspaths (lua_State *L)
{
  lua_settop (L, 2);
  gp_design *d = push_design (L, 1, 1);
  int design = lua_gettop (L);
  int s = 0;
  if (!lua_isnil (L, 2))
    s = check_system_index (L, 2, d, 2);
  if (d->n_systems < 1)
    return luaL_argerror (L, 1, "the design has no systems");
  size_t n_nodes;
  const gp_node *nodes = gp_lua_nodes (L, &n_nodes);
  /* a private copy of the node table: paths resolve to mutable fields */
  gp_node *copy = lua_newuserdatauv (L, (n_nodes ? n_nodes : 1) * sizeof *copy, 0);
  memcpy (copy, nodes, n_nodes * sizeof *copy);
  gp_syspath_target t = { &d->systems[s], &d->study, copy, n_nodes };
  size_t total = gp_syspath_list (&t, NULL, 0);
  gp_syspath_info *info = lua_newuserdatauv (L, (total ? total : 1) * sizeof *info, 0);
  gp_syspath_list (&t, info, total);
  lua_createtable (L, (int) total, 0);
  static const char *const type_names[] = { "number", "integer", "boolean", "enum", "string" };
  for (size_t i = 0; i < total; i++)
    {
      const gp_param *p = info[i].param;
      gp_syspath_ref ref;
      double v = NAN;
      if (gp_syspath_resolve (&t, info[i].path, &ref, NULL) == GP_OK)
        v = gp_syspath_ref_get (&ref);
      lua_createtable (L, 0, 12);
      lua_pushstring (L, info[i].path);
      lua_setfield (L, -2, "path");
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
          set_number (L, "min", p->min);
          set_number (L, "max", p->max);
        }
      set_number (L, "value", v);
      lua_pushboolean (L, (info[i].flags & GP_SYSPATH_F_PREPARE) != 0);
      lua_setfield (L, -2, "prepare");
      lua_pushboolean (L, (info[i].flags & GP_SYSPATH_F_COUPLED) != 0);
      lua_setfield (L, -2, "coupled");
      lua_pushboolean (L, (info[i].flags & (GP_SYSPATH_F_STUDY | GP_SYSPATH_F_NODE)) != 0);
      lua_setfield (L, -2, "shared");
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  (void) design;
  return 1;
}

/* glasspane.uncertainty_defaults([path]) -> the entries of data/uncertainty.lua */
static int
l_uncertainty_defaults (lua_State *L)
{
  const char *path = luaL_optstring (L, 1, NULL);
  gp_uq_input *in = NULL;
  size_t n = 0;
  gp_error err = { 0 };
  gp_status st = gp_uncertainty_defaults_load (path, &in, &n, &err);
  if (st != GP_OK)
    return gp_lua_push_fail (L, &err);
  lua_createtable (L, (int) n, 0);
  for (size_t i = 0; i < n; i++)
    {
      gp_lua_push_params (L, &gp_uq_input_param_table, &in[i]);
      /* no bound is written as an absent key, so the entry reads back as given */
      if (in[i].dist.lo <= -DBL_MAX)
        {
          lua_pushnil (L);
          lua_setfield (L, -2, "lo");
        }
      if (in[i].dist.hi >= DBL_MAX)
        {
          lua_pushnil (L);
          lua_setfield (L, -2, "hi");
        }
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  free (in);
  return 1;
}

static const luaL_Reg uncertainty_fns[] = {
  { "monte_carlo", l_monte_carlo },
  { "tornado", l_tornado },
  { "sobol", l_sobol },
  { "break_even", l_break_even },
  { "minimize", l_minimize },
  { "pareto", l_pareto },
  { "dist_quantile", l_dist_quantile },
  { "syspaths", l_syspaths },
  { "uncertainty_defaults", l_uncertainty_defaults },
  { NULL, NULL },
};

void
gp_lua_uncertainty_open (lua_State *L)
{
  if (luaL_newmetatable (L, CTX_MT))
    {
      lua_pushcfunction (L, ctx_gc);
      lua_setfield (L, -2, "__gc");
      lua_pushstring (L, CTX_MT);
      lua_setfield (L, -2, "__name");
    }
  lua_pop (L, 1);
  luaL_setfuncs (L, uncertainty_fns, 0);
}
