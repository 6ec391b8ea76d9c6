/* gp-lua-uncertainty.h: the uncertainty functions of the `glasspane` Lua module, and the
 * reader of data/uncertainty.lua (the default distributions of the inputs whose published
 * sources disagree), which the GUI uses too. */
#pragma once

#include <stddef.h>

#include <lua.h>

#include "gp-error.h"
#include "gp-uncertainty.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Read the `inputs` list of PATH (NULL: data/uncertainty.lua) through the sandbox into a
 * malloc'd array (free()). Every entry's keys are checked against gp_uq_input_param_table,
 * its distribution with gp_dist_validate and its path against the path grammar
 * (gp_syspath_needs_prepare); messages start "PATH: inputs[i] (name)". */
gp_status gp_uncertainty_defaults_load (const char *path, gp_uq_input **out, size_t *n_out,
                                        gp_error *err);

/* Add glasspane.monte_carlo, tornado, sobol, break_even, minimize, pareto, dist_quantile,
 * syspaths and uncertainty_defaults to the module table on the stack top. */
void gp_lua_uncertainty_open (lua_State *L);

#ifdef __cplusplus
}
#endif
