/* gp-lua.h: the `glasspane` Lua module, shared by the headless runner, the loadable module
 * (`require "glasspane"` from a stock lua5.4) and the GUI's console.
 *
 * Most model functions are generic: a gp_lua_model row names the model's input descriptor
 * table, its defaults, an evaluation adapter and its output descriptor table, and the module
 * turns it into glasspane.<name>(params) -> result table, glasspane.sweep{model = <name>},
 * glasspane.params(<name>) and glasspane.defaults(<name>). Adding a model is one row. */
#pragma once

#include <stddef.h>

#include <lua.h>

#include "gp-models.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest input or result struct of a generic model (they live in stack buffers). */
#define GP_LUA_STRUCT_MAX 4096

typedef struct {
  const char *name;                 /* Lua function name: glasspane.<name> */
  const char *doc;                  /* one line for glasspane.help and docs/lua-api.md */
  const gp_param_table *params;     /* inputs */
  size_t params_size;               /* sizeof the input struct */
  void (*init) (void *params);      /* defaults */
  gp_status (*eval) (const void *params, void *result, gp_error *err);
  const gp_param_table *result;     /* outputs; NULL: the result is one double, pushed
                                       as a number and named `name` in sweeps */
  size_t result_size;               /* sizeof the result struct (sizeof (double) if NULL) */
  /* Optional: add breakdowns (arrays, nested tables) to the result table on the stack top;
   * sweeps take only the scalar outputs of `result`. */
  void (*push_extra) (lua_State *L, const void *params, const void *result);
  /* Optional: eval for inputs already validated (gp_params_validate on `params`), with no
   * checks; sweeps validate once and then call it per point. NULL: sweeps call eval. */
  void (*eval_valid) (const void *params, void *result);
} gp_lua_model;

/* The registry of generic models (gp-lua-models.c), NULL-name terminated. */
extern const gp_lua_model gp_lua_models[];

const gp_lua_model *gp_lua_model_find (const char *name);

/* Open the module: pushes the glasspane table (gp-lua-module.c). */
__attribute__ ((visibility ("default"))) int luaopen_glasspane (lua_State *L);

/* Sharding defaults for sweeps, set by the runner's --shard K/N (1-based K). */
void gp_lua_set_default_shard (lua_State *L, long k, long n);

/* Raise "bad argument #ARG to 'FNAME' (message)" from a gp_error. Does not return. */
int gp_lua_arg_error (lua_State *L, int arg, const gp_error *err);

#ifdef __cplusplus
}
#endif
