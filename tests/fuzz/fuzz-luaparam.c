/* fuzz-luaparam.c: Lua tables of any shape read into every model's input struct.
 *
 * The bytes are not Lua source: they are decoded into a table directly (keys that name a
 * parameter or nearly do, "sources", "note", raw strings with NULs, integer, float and
 * boolean keys; values of every Lua type, with NaN, infinities, -0, 2^53 + 1, 2^63, the
 * range ends and their neighbours favoured), so each execution reaches the reader rather
 * than the parser. The table goes through gp_lua_read_params for one of the descriptor
 * tables, then through the model that owns it.
 *
 * Invariants: the Lua stack is balanced; an error has a message; a read that succeeds
 * leaves a struct that validates and reads back unchanged from its own table; a model
 * that returns GP_OK returns finite outputs. */
#include "gp-fuzz.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "gp-lua.h"
#include "gp-luaparam.h"
#include "gp-models.h"
#include "gp-presets.h"

/* ---- the input structs and what evaluates them ---------------------------------------- */

typedef struct target target;
struct target {
  const char *name;
  const gp_param_table *params;
  size_t size;
  void (*init) (void *obj);
  /* Evaluate OBJ (read without error); checks its own outputs. NULL: read only. */
  void (*eval) (const target *t, const void *obj);
  const gp_lua_model *model; /* for generic models */
};

#define TARGETS_MAX 64
static target targets[TARGETS_MAX];
static size_t n_targets;

static void
model_eval (const target *t, const void *obj)
{
  const gp_lua_model *m = t->model;
  _Alignas (max_align_t) unsigned char result[GP_LUA_STRUCT_MAX];
  if (m->result_size > sizeof result)
    gp_fuzz_fail ("%s: result larger than GP_LUA_STRUCT_MAX", m->name);
  gp_error err;
  gp_status st = m->eval (obj, result, &err);
  if (st != GP_OK)
    {
      gp_fuzz_check_error (m->name, st, &err);
      return;
    }
  bool finite = true;
  if (m->result)
    {
      for (size_t i = 0; i < m->result->n_params; i++)
        if (m->result->params[i].type == GP_PARAM_DOUBLE
            && !isfinite (gp_param_get (&m->result->params[i], result)))
          finite = false;
    }
  else
    finite = isfinite (*(double *) result);
  if (!finite)
    {
      gp_fuzz_dump ("input", m->params, obj);
      if (m->result)
        gp_fuzz_dump ("output", m->result, result);
      else
        fprintf (stderr, "output: %g\n", *(double *) result);
      gp_fuzz_fail ("%s: returned GP_OK with a NaN or infinite output", m->name);
    }
}

/* Defaults the step-time model is evaluated against when one of its inputs is fuzzed: an
 * H100, the default topology's levels, the default workload and plan. */
typedef struct {
  gp_accel accel;
  gp_net_levels net;
  gp_workload work;
  gp_plan plan;
  bool ok;
} steptime_defaults;

static const steptime_defaults *
get_steptime_defaults (void)
{
  static steptime_defaults d;
  static bool done;
  if (!done)
    {
      done = true;
      gp_accel_params_init (&d.accel);
      gp_workload_params_init (&d.work);
      gp_plan_params_init (&d.plan);
      gp_topology_params t;
      gp_topology_params_init (&t);
      gp_topology_result *r = malloc (sizeof *r);
      if (r == NULL)
        abort ();
      gp_error err;
      d.ok = gp_topology_eval (&t, r, &err) == GP_OK;
      if (d.ok)
        d.net = r->net;
      else
        fprintf (stderr, "fuzz-luaparam: default topology: %s\n", err.message);
      free (r);
    }
  return d.ok ? &d : NULL;
}

static void
steptime_check (const char *what, const gp_accel *a, const gp_workload *w, const gp_plan *p)
{
  const steptime_defaults *d = get_steptime_defaults ();
  if (d == NULL)
    return;
  gp_steptime_result r;
  gp_error err;
  gp_status st = gp_steptime_eval (a, &d->net, w, p, &r, &err);
  if (st != GP_OK)
    {
      gp_fuzz_check_error (what, st, &err);
      return;
    }
  if (!r.feasible || !isfinite (r.step_time_s) || !(r.step_time_s > 0) || !isfinite (r.mfu)
      || !isfinite (r.tokens_per_s) || !isfinite (r.energy_per_step_j))
    gp_fuzz_fail ("%s: GP_OK with step %g s, MFU %g, %g tokens/s, %g J", what, r.step_time_s,
                  r.mfu, r.tokens_per_s, r.energy_per_step_j);
  for (int i = 0; i < GP_PHASE_N; i++)
    if (!isfinite (r.phase_s[i]) || r.phase_s[i] < 0)
      gp_fuzz_fail ("%s: GP_OK with phase %d = %g s", what, i, r.phase_s[i]);
}

static void
accel_eval (const target *t, const void *obj)
{
  const steptime_defaults *d = get_steptime_defaults ();
  if (d)
    steptime_check ("gp_steptime_eval (accel)", obj, &d->work, &d->plan);
}

static void
plan_eval (const target *t, const void *obj)
{
  const steptime_defaults *d = get_steptime_defaults ();
  if (d)
    steptime_check ("gp_steptime_eval (plan)", &d->accel, &d->work, obj);
}

static void
workload_steptime_eval (const target *t, const void *obj)
{
  const steptime_defaults *d = get_steptime_defaults ();
  if (d)
    steptime_check ("gp_steptime_eval (workload)", &d->accel, obj, &d->plan);
}

/* The package's own fields over the H100 default (its parts kept). */
static void
package_eval (const target *t, const void *obj)
{
  gp_fuzz_price_package (obj);
}

/* One part in place of the H100 package's logic die. */
static void
part_eval (const target *t, const void *obj)
{
  gp_package_params *p = malloc (sizeof *p);
  if (p == NULL)
    abort ();
  gp_package_params_init (p);
  memcpy (&p->parts[0], obj, sizeof p->parts[0]);
  package_eval (t, p);
  free (p);
}

static void
carbon_eval (const target *t, const void *obj)
{
  gp_carbon_system_params s;
  gp_carbon_system_params_init (&s);
  s.package_kgco2e = 100;
  gp_carbon_system_result r;
  gp_error err;
  gp_status st = gp_carbon_system (obj, &s, &r, &err);
  if (st != GP_OK)
    gp_fuzz_check_error ("gp_carbon_system (carbon)", st, &err);
  else if (!isfinite (r.total_kg))
    gp_fuzz_fail ("gp_carbon_system: GP_OK with %g kg", r.total_kg);
}

static void
carbon_system_eval (const target *t, const void *obj)
{
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_carbon_system_result r;
  gp_error err;
  gp_status st = gp_carbon_system (&c, obj, &r, &err);
  if (st != GP_OK)
    gp_fuzz_check_error ("gp_carbon_system", st, &err);
  else if (!isfinite (r.total_kg))
    gp_fuzz_fail ("gp_carbon_system: GP_OK with %g kg", r.total_kg);
}

static void node_init (void *o) { gp_node_init (o); }
static void package_init (void *o) { gp_package_params_init (o); }
static void part_init (void *o) { gp_package_part_init (o); }
static void carbon_init (void *o) { gp_carbon_params_init (o); }
static void carbon_system_init (void *o) { gp_carbon_system_params_init (o); }
static void accel_init (void *o) { gp_accel_params_init (o); }
static void plan_init (void *o) { gp_plan_params_init (o); }
static void workload_init (void *o) { gp_workload_params_init (o); }
static void search_init (void *o) { gp_search_params_init (o); }
static void grid_init (void *o)
{
  gp_grid *g = o;
  memset (g, 0, sizeof *g);
  strcpy (g->name, "grid");
  g->ci_g_per_kwh = 300;
}
static void mc_init (void *o)
{
  gp_yield_mc_params *m = o;
  memset (m, 0, sizeof *m); /* units 0: no redundancy */
  m->d0_per_cm2 = 0.1;
  m->alpha = 10;
  m->clustered = true;
  m->wafers = 100;
  m->seed = 1;
}

static void
cost_init (void *o)
{
  gp_cost_params_init (o);
}

static void
add_target (const char *name, const gp_param_table *params, size_t size,
            void (*init) (void *), void (*eval) (const target *, const void *),
            const gp_lua_model *model)
{
  if (n_targets == TARGETS_MAX)
    return;
  targets[n_targets++] = (target) { name, params, size, init, eval, model };
}

static void
setup_targets (void)
{
  if (n_targets)
    return;
  for (const gp_lua_model *m = gp_lua_models; m->name; m++)
    add_target (m->name, m->params, m->params_size, m->init, model_eval, m);
  add_target ("node", &gp_node_param_table, sizeof (gp_node), node_init, NULL, NULL);
  add_target ("package", &gp_package_param_table, sizeof (gp_package_params), package_init,
              package_eval, NULL);
  add_target ("package_part", &gp_package_part_param_table, sizeof (gp_package_part),
              part_init, part_eval, NULL);
  add_target ("carbon", &gp_carbon_param_table, sizeof (gp_carbon_params), carbon_init,
              carbon_eval, NULL);
  add_target ("carbon_system", &gp_carbon_system_param_table,
              sizeof (gp_carbon_system_params), carbon_system_init, carbon_system_eval, NULL);
  add_target ("grid", &gp_grid_param_table, sizeof (gp_grid), grid_init, NULL, NULL);
  add_target ("accel", &gp_accel_param_table, sizeof (gp_accel), accel_init, accel_eval, NULL);
  add_target ("plan", &gp_plan_param_table, sizeof (gp_plan), plan_init, plan_eval, NULL);
  add_target ("workload_steptime", &gp_workload_param_table, sizeof (gp_workload),
              workload_init, workload_steptime_eval, NULL);
  add_target ("cost", &gp_cost_param_table, sizeof (gp_cost_params), cost_init, NULL, NULL);
  add_target ("search", &gp_search_param_table, sizeof (gp_search_params), search_init, NULL,
              NULL);
  add_target ("yield_mc", &gp_yield_mc_param_table, sizeof (gp_yield_mc_params), mc_init,
              NULL, NULL);
}

/* ---- decoding bytes into a table ------------------------------------------------------ */

typedef struct {
  const uint8_t *p;
  size_t n;
  const gp_param_table *table;
} reader;

static unsigned
u8 (reader *r)
{
  if (r->n == 0)
    return 0;
  r->n--;
  return *r->p++;
}

static uint64_t
u64 (reader *r)
{
  uint64_t v = 0;
  for (int i = 0; i < 8; i++)
    v = v << 8 | u8 (r);
  return v;
}

static double
raw_double (reader *r)
{
  uint64_t bits = u64 (r);
  double d;
  memcpy (&d, &bits, sizeof d);
  return d;
}

static const gp_param *
pick_param (reader *r)
{
  const gp_param_table *t = r->table;
  return t->n_params ? &t->params[u8 (r) % t->n_params] : NULL;
}

/* Values a reader is most likely to get wrong. P (may be NULL) adds its range ends. */
static double
interesting_double (reader *r, const gp_param *p)
{
  static const double fixed[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-300, -1e-300, 4.9e-324, DBL_MAX, -DBL_MAX, 1e300,
    INFINITY, -INFINITY, NAN, -NAN, 9007199254740992.0, 9007199254740993.0,
    9223372036854775808.0, -9223372036854775808.0, 2147483648.0, 4294967296.0, 1e9, 1e15,
  };
  unsigned k = u8 (r) % (GP_N_ELEMENTS (fixed) + 6);
  if (k < GP_N_ELEMENTS (fixed) || p == NULL)
    return fixed[k % GP_N_ELEMENTS (fixed)];
  switch (k - GP_N_ELEMENTS (fixed))
    {
    case 0: return p->min;
    case 1: return p->max;
    case 2: return nextafter (p->min, -INFINITY);
    case 3: return nextafter (p->max, INFINITY);
    case 4: return nextafter (p->min, INFINITY);
    default: return nextafter (p->max, -INFINITY);
    }
}

/* A value inside P's range, so the model behind the reader gets exercised too. */
static double
in_range (reader *r, const gp_param *p)
{
  double lo = isfinite (p->min) ? p->min : -1e6, hi = isfinite (p->max) ? p->max : 1e6;
  double frac = (double) u8 (r) / 255.0;
  /* Half the time on a log scale, where most of the parameters live. */
  double v = (u8 (r) & 1) && lo > 0 ? exp (log (lo) + frac * (log (hi) - log (lo)))
                                     : lo + frac * (hi - lo);
  if (p->type == GP_PARAM_INT || p->type == GP_PARAM_ENUM)
    v = floor (v);
  return v;
}

static void push_value (lua_State *L, reader *r, const gp_param *keyp, int depth);

static int
dummy_function (lua_State *L)
{
  return 0;
}

/* A key: mostly parameter names, then everything a table key can be. Returns the
 * parameter it names, if any. */
static const gp_param *
push_key (lua_State *L, reader *r)
{
  unsigned k = u8 (r) % 16;
  const gp_param *p = pick_param (r);
  if (k <= 8 && p)
    {
      lua_pushstring (L, p->name);
      return p;
    }
  switch (k)
    {
    case 9:
      lua_pushliteral (L, "sources");
      break;
    case 10:
      lua_pushliteral (L, "note");
      break;
    case 11:
      {
        /* A near miss: one character dropped or changed, or the unit suffix cut. */
        char buf[80];
        snprintf (buf, sizeof buf, "%s", p ? p->name : "x");
        size_t len = strlen (buf);
        unsigned how = u8 (r);
        if (len > 1 && (how & 3) == 0)
          buf[len - 1] = '\0';
        else if ((how & 3) == 1)
          buf[how % len] = (char) ('a' + how % 26);
        else if ((how & 3) == 2 && strrchr (buf, '_'))
          *strrchr (buf, '_') = '\0';
        else if (len + 2 < sizeof buf)
          strcat (buf, "_x");
        lua_pushstring (L, buf);
        break;
      }
    case 12:
      {
        char buf[96];
        size_t len = u8 (r) % sizeof buf;
        for (size_t i = 0; i < len; i++)
          buf[i] = (char) u8 (r);
        lua_pushlstring (L, buf, len);
        break;
      }
    case 13:
      lua_pushinteger (L, (lua_Integer) u64 (r));
      break;
    case 14:
      {
        double d = raw_double (r);
        lua_pushnumber (L, isnan (d) ? 0.5 : d); /* NaN cannot be a key */
        break;
      }
    default:
      lua_pushboolean (L, u8 (r) & 1);
      break;
    }
  return NULL;
}

static void
push_table (lua_State *L, reader *r, int depth)
{
  unsigned n = u8 (r) % 20;
  luaL_checkstack (L, 4, "fuzz table");
  lua_createtable (L, 0, (int) n);
  for (unsigned i = 0; i < n && r->n > 0; i++)
    {
      const gp_param *p = push_key (L, r);
      push_value (L, r, p, depth + 1);
      lua_rawset (L, -3);
    }
}

/* A "sources" table: mostly parameter names to strings, sometimes anything. */
static void
push_sources (lua_State *L, reader *r, int depth)
{
  unsigned n = u8 (r) % 8;
  lua_createtable (L, 0, (int) n);
  for (unsigned i = 0; i < n && r->n > 0; i++)
    {
      if (u8 (r) % 4)
        {
          const gp_param *p = pick_param (r);
          lua_pushstring (L, p ? p->name : "x");
          if (u8 (r) % 4)
            lua_pushliteral (L, "a citation");
          else
            push_value (L, r, NULL, depth + 1);
        }
      else
        {
          push_key (L, r);
          push_value (L, r, NULL, depth + 1);
        }
      lua_rawset (L, -3);
    }
}

static void
push_value (lua_State *L, reader *r, const gp_param *keyp, int depth)
{
  unsigned k = u8 (r) % 14;
  /* Values of the right type for the key are the most useful; bias towards them. */
  if (keyp && k < 6)
    {
      switch (keyp->type)
        {
        case GP_PARAM_DOUBLE:
          lua_pushnumber (L, k < 3 ? in_range (r, keyp) : interesting_double (r, keyp));
          return;
        case GP_PARAM_INT:
          if (k < 3)
            lua_pushinteger (L, (lua_Integer) in_range (r, keyp));
          else
            {
              double d = interesting_double (r, keyp);
              if (isfinite (d) && fabs (d) < 9e18 && d == floor (d) && (k & 1))
                lua_pushinteger (L, (lua_Integer) d);
              else
                lua_pushnumber (L, d);
            }
          return;
        case GP_PARAM_BOOL:
          lua_pushboolean (L, u8 (r) & 1);
          return;
        case GP_PARAM_ENUM:
          {
            int n = 0;
            while (keyp->enum_names[n])
              n++;
            unsigned c = u8 (r);
            if (n && c % 8)
              lua_pushstring (L, keyp->enum_names[c % (unsigned) n]);
            else
              lua_pushfstring (L, "%s_", n ? keyp->enum_names[0] : "x");
            return;
          }
        case GP_PARAM_STRING:
          {
            /* Lengths around the field's size: fits, exactly full, one over. */
            size_t len = keyp->string_size ? keyp->string_size - 2 + u8 (r) % 4 : 0;
            char buf[512];
            if (len > sizeof buf)
              len = sizeof buf;
            memset (buf, 'a' + (int) (u8 (r) % 26), len);
            lua_pushlstring (L, buf, len);
            return;
          }
        }
    }
  if (keyp == NULL && k == 13 && depth < 3)
    k = 7;
  switch (k)
    {
    case 0:
    case 6:
      lua_pushnumber (L, raw_double (r));
      break;
    case 1:
      lua_pushnumber (L, interesting_double (r, keyp));
      break;
    case 2:
      lua_pushinteger (L, (lua_Integer) u64 (r));
      break;
    case 3:
      {
        static const lua_Integer ints[] = { 0, 1, -1, 2, LLONG_MAX, LLONG_MIN,
                                            9007199254740992LL, 9007199254740993LL,
                                            -9007199254740993LL, INT_MAX, (lua_Integer) INT_MAX + 1 };
        lua_pushinteger (L, ints[u8 (r) % GP_N_ELEMENTS (ints)]);
        break;
      }
    case 4:
      lua_pushboolean (L, u8 (r) & 1);
      break;
    case 5:
      {
        /* An enum choice of some parameter (right or wrong field). */
        const gp_param *p = pick_param (r);
        if (p && p->type == GP_PARAM_ENUM && p->enum_names[0])
          lua_pushstring (L, p->enum_names[0]);
        else
          lua_pushliteral (L, "poisson");
        break;
      }
    case 7:
      if (depth < 3)
        {
          if (u8 (r) & 1)
            push_sources (L, r, depth);
          else
            push_table (L, r, depth);
        }
      else
        lua_pushnil (L);
      break;
    case 8:
      {
        char buf[96];
        size_t len = u8 (r) % sizeof buf;
        for (size_t i = 0; i < len; i++)
          buf[i] = (char) u8 (r);
        lua_pushlstring (L, buf, len);
        break;
      }
    case 9:
      lua_pushcfunction (L, dummy_function);
      break;
    case 10:
      lua_newuserdatauv (L, 8, 0);
      break;
    case 11:
      lua_pushlightuserdata (L, r);
      break;
    case 12:
      lua_pushnil (L);
      break;
    default:
      lua_pushliteral (L, "");
      break;
    }
}

/* Builds the root table under lua_pcall (a key of the wrong kind or running out of
 * memory raises). Upvalue: the reader. */
static int
build_root (lua_State *L)
{
  reader *r = lua_touserdata (L, 1);
  lua_settop (L, 0);
  unsigned n = u8 (r) % 40;
  lua_createtable (L, 0, (int) n);
  for (unsigned i = 0; i < n && r->n > 0; i++)
    {
      const gp_param *p = push_key (L, r);
      if (lua_type (L, -1) == LUA_TSTRING && strcmp (lua_tostring (L, -1), "sources") == 0
          && (u8 (r) & 3))
        push_sources (L, r, 1);
      else
        push_value (L, r, p, 1);
      lua_rawset (L, -3);
    }
  return 1;
}

/* ---- the entry point ------------------------------------------------------------------ */

static void
check_same (const char *what, const gp_param_table *t, const void *a, const void *b)
{
  for (size_t i = 0; i < t->n_params; i++)
    {
      const gp_param *p = &t->params[i];
      if (p->type == GP_PARAM_STRING)
        {
          if (strncmp ((const char *) a + p->offset, (const char *) b + p->offset,
                       p->string_size) != 0)
            gp_fuzz_fail ("%s: %s changed on a round trip", what, p->name);
        }
      else if (gp_param_get (p, a) != gp_param_get (p, b))
        gp_fuzz_fail ("%s: %s changed on a round trip: %.17g -> %.17g", what, p->name,
                      gp_param_get (p, a), gp_param_get (p, b));
    }
}

int
gp_fuzz_luaparam (const uint8_t *data, size_t size)
{
  gp_models_init ();
  setup_targets ();
  if (size < 2)
    return 0;
  const target *t = &targets[data[0] % n_targets];
  unsigned flags_byte = data[1];
  reader r = { data + 2, size - 2, t->params };

  static lua_State *L;
  if (L == NULL && (L = luaL_newstate ()) == NULL)
    abort ();
  lua_settop (L, 0);
  lua_pushcfunction (L, build_root);
  lua_pushlightuserdata (L, &r);
  if (lua_pcall (L, 1, 1, 0) != LUA_OK)
    {
      lua_settop (L, 0);
      return 0;
    }
  /* A few values below the table, so an index mix-up in the reader shows. */
  lua_pushinteger (L, 7);
  lua_insert (L, 1);
  int top = lua_gettop (L);

  _Alignas (max_align_t) unsigned char obj[8192], before[8192], copy[8192];
  if (t->size > sizeof obj)
    gp_fuzz_fail ("%s: struct of %zu bytes is larger than the fuzz buffer", t->name, t->size);
  memset (obj, 0xA5, t->size);
  t->init (obj);
  memcpy (before, obj, t->size);
  unsigned flags = (flags_byte & 1) ? GP_LUAPARAM_REQUIRE_ALL : 0;
  const char *context = (flags_byte & 2) ? "fuzz[1]" : NULL;
  gp_error err;
  memset (&err, 0x5A, sizeof err);
  gp_status st = gp_lua_read_params (L, (flags_byte & 4) ? -1 : top, t->params, obj, flags,
                                     context, &err);
  if (lua_gettop (L) != top)
    gp_fuzz_fail ("gp_lua_read_params (%s): stack %d -> %d", t->name, top, lua_gettop (L));
  if (lua_type (L, 1) != LUA_TNUMBER || lua_tointeger (L, 1) != 7)
    gp_fuzz_fail ("gp_lua_read_params (%s): changed a stack slot below its table", t->name);
  if (st != GP_OK)
    {
      gp_fuzz_check_error (t->name, st, &err);
      lua_settop (L, 0);
      return 0;
    }
  if (err.status != GP_OK)
    gp_fuzz_fail ("gp_lua_read_params (%s): GP_OK but the error record says %d", t->name,
                  (int) err.status);
  if (gp_params_validate (t->params, obj, &err) != GP_OK)
    gp_fuzz_fail ("gp_lua_read_params (%s): read without error but does not validate: %s",
                  t->name, err.message);
  /* Its own table reads back unchanged. */
  gp_lua_push_params (L, t->params, obj);
  memcpy (copy, before, t->size);
  if (gp_lua_read_params (L, -1, t->params, copy, GP_LUAPARAM_REQUIRE_ALL, NULL, &err) != GP_OK)
    gp_fuzz_fail ("%s: its own table does not read back: %s", t->name, err.message);
  check_same (t->name, t->params, obj, copy);
  lua_settop (L, 0);
  if (t->eval)
    t->eval (t, obj);
  return 0;
}

#ifdef GP_FUZZ_MAIN
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  return gp_fuzz_luaparam (data, size);
}
#endif
