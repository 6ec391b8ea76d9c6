/* fuzz-lua-api.c: the glasspane Lua functions that take tables, called with tables from
 * untrusted data files.
 *
 * The input is "FUNCTION\nDATA FILE". The data file is loaded through the sandbox
 * (gp_datafile_load_buffer, as glasspane.load does) and its returned table, copied into a
 * Lua state that has the glasspane module, is passed to glasspane.FUNCTION(t) under
 * pcall. The fuzz input is never run as ordinary Lua: only the sandbox executes it.
 * FUNCTION is one of the functions that compute from a table and return (the generic
 * models, package, carbon_package, carbon_system, steptime, wafer_map); one that is not in
 * that list picks one by the input's first byte. Functions that write files (write_csv,
 * chart saves), read files by name (load, nodes, preset) or run for as long as their
 * arguments ask (sweep, search, yield_monte_carlo) are left out on purpose.
 *
 * Invariants: the call returns or raises a string (never a non-string error, never a
 * crash); the stack is back where it was; a result holds no NaN or infinity. */
#include "gp-fuzz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "gp-datafile.h"
#include "gp-lua.h"
#include "gp-models.h"

#define FUZZ_MEMORY_BYTES ((size_t) 16 << 20)
#define FUZZ_INSTRUCTIONS 1000000L
#define NAMES_MAX 64

static const char *const extra_functions[] = {
  "package", "carbon_package", "carbon_system", "steptime", "wafer_map", NULL,
};

static const char *names[NAMES_MAX];
static size_t n_names;

static void
setup_names (lua_State *L)
{
  for (const gp_lua_model *m = gp_lua_models; m->name && n_names < NAMES_MAX; m++)
    names[n_names++] = m->name;
  /* Only functions the module really has (the Lua API is still growing). */
  for (int i = 0; extra_functions[i] && n_names < NAMES_MAX; i++)
    {
      lua_getfield (L, -1, extra_functions[i]);
      if (lua_type (L, -1) == LUA_TFUNCTION)
        names[n_names++] = extra_functions[i];
      lua_pop (L, 1);
    }
}

static lua_State *
api_state (void)
{
  static lua_State *L;
  if (L)
    return L;
  L = luaL_newstate ();
  if (L == NULL)
    abort ();
  luaL_openlibs (L);
  luaL_requiref (L, "glasspane", luaopen_glasspane, 1);
  setup_names (L);
  lua_setfield (L, LUA_REGISTRYINDEX, "gp.fuzz.module");
  return L;
}

/* Copies the data file's table into L (may raise there: out of memory). */
static int
copy_in (lua_State *L)
{
  gp_datafile *df = lua_touserdata (L, 1);
  gp_datafile_push_copy (df, L);
  return 1;
}

/* No NaN or infinity anywhere in a result (nested tables to depth 4). */
static void
check_result (lua_State *L, int idx, const char *fn, int depth)
{
  idx = lua_absindex (L, idx);
  int type = lua_type (L, idx);
  if (type == LUA_TNUMBER)
    {
      if (!lua_isinteger (L, idx) && !isfinite (lua_tonumber (L, idx)))
        gp_fuzz_fail ("glasspane.%s returned %g", fn, lua_tonumber (L, idx));
      return;
    }
  if (type != LUA_TTABLE || depth > 4)
    return;
  luaL_checkstack (L, 3, "check_result");
  lua_pushnil (L);
  while (lua_next (L, idx) != 0)
    {
      if (lua_type (L, -1) == LUA_TNUMBER && !lua_isinteger (L, -1)
          && !isfinite (lua_tonumber (L, -1)))
        gp_fuzz_fail ("glasspane.%s returned %s = %g", fn,
                      lua_type (L, -2) == LUA_TSTRING ? lua_tostring (L, -2) : "(a list entry)",
                      lua_tonumber (L, -1));
      check_result (L, -1, fn, depth + 1);
      lua_pop (L, 1);
    }
}

int
gp_fuzz_lua_api (const uint8_t *data, size_t size)
{
  gp_models_init ();
  lua_State *L = api_state ();
  if (size == 0 || n_names == 0)
    return 0;
  const uint8_t *nl = memchr (data, '\n', size < 64 ? size : 64);
  if (nl == NULL)
    return 0;
  char fn[64];
  size_t fn_len = (size_t) (nl - data);
  memcpy (fn, data, fn_len);
  fn[fn_len] = '\0';
  const char *name = NULL;
  for (size_t i = 0; i < n_names; i++)
    if (strcmp (names[i], fn) == 0)
      name = names[i];
  if (name == NULL)
    name = names[data[0] % n_names];

  gp_sandbox_limits limits;
  gp_sandbox_limits_init (&limits);
  limits.memory_bytes = FUZZ_MEMORY_BYTES;
  limits.instructions = FUZZ_INSTRUCTIONS;
  /* Time-bomb seeds (tests/data/slow-*.lua) stop in a quarter second, not two. */
  limits.cpu_seconds = 0.25;
  limits.wall_seconds = 2.0;
  gp_error err;
  size_t rest = size - fn_len - 1;
  gp_datafile *df = gp_datafile_load_buffer ("fuzz.lua", (const char *) nl + 1, rest,
                                             &limits, &err);
  if (df == NULL)
    {
      gp_fuzz_check_error ("gp_datafile_load_buffer", err.status, &err);
      return 0;
    }

  lua_settop (L, 0);
  lua_getfield (L, LUA_REGISTRYINDEX, "gp.fuzz.module");
  lua_getfield (L, 1, name);
  if (lua_type (L, 2) != LUA_TFUNCTION)
    gp_fuzz_fail ("glasspane.%s is not a function", name);
  lua_pushcfunction (L, copy_in);
  lua_pushlightuserdata (L, df);
  int st = lua_pcall (L, 1, 1, 0);
  gp_datafile_free (df);
  if (st != LUA_OK)
    {
      lua_settop (L, 0);
      return 0;
    }
  /* Stack: module, function, table. */
  st = lua_pcall (L, 1, LUA_MULTRET, 0);
  if (st != LUA_OK)
    {
      if (lua_type (L, -1) != LUA_TSTRING)
        gp_fuzz_fail ("glasspane.%s raised a %s, not a message", name, luaL_typename (L, -1));
      if (lua_tostring (L, -1)[0] == '\0')
        gp_fuzz_fail ("glasspane.%s raised an empty message", name);
      /* The module's own "can't happen" errors (the message may quote the input, so only
       * its start counts). */
      if (strncmp (lua_tostring (L, -1), "internal:", 9) == 0)
        gp_fuzz_fail ("glasspane.%s: %s", name, lua_tostring (L, -1));
    }
  else
    {
      int nres = lua_gettop (L) - 1;
      if (nres < 1)
        gp_fuzz_fail ("glasspane.%s returned nothing", name);
      if (lua_isnil (L, 2))
        {
          /* nil, message[, partial result]: a failure the script should handle
           * (glasspane.steptime adds the memory figures of a plan that does not fit). */
          if (nres < 2 || lua_type (L, 3) != LUA_TSTRING || lua_tostring (L, 3)[0] == '\0')
            gp_fuzz_fail ("glasspane.%s returned nil without a message", name);
        }
      else
        check_result (L, 2, name, 0);
    }
  lua_settop (L, 0);
  return 0;
}

#ifdef GP_FUZZ_MAIN
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  return gp_fuzz_lua_api (data, size);
}
#endif
