/* gp-lua-design.h: the open design as a Lua table for the console, and back. No widgets.
 *
 *   design = { study = { token_budget = ..., grid_ci_g_per_kwh = ..., workload = {...},
 *                        carbon = {...}, search = {...} },
 *              systems = { { sys = {...}, package = { ..., parts = { {...}, ... } },
 *                            accel = {...}, topology = {...}, link = {...},
 *                            failure = {...}, carbon = {...} }, ... } }
 *
 * Every sub-table has exactly the keys of its gp_param_table, so a script edits a value
 * under the name data files and the GUI use, and reading back rejects unknown keys and
 * out-of-range values with the message naming them. */
#pragma once

#include <lua.h>

#include "gp-system.h"

#ifdef __cplusplus
extern "C" {
#endif

void gp_lua_push_study (lua_State *L, const gp_study *st);
void gp_lua_push_system (lua_State *L, const gp_system *s);

/* Read the table at IDX into *ST / *S (which hold the starting values: absent keys keep
 * them). CONTEXT prefixes messages ("design.systems[2]"). */
gp_status gp_lua_read_study (lua_State *L, int idx, gp_study *st, const char *context,
                             gp_error *err);
gp_status gp_lua_read_system (lua_State *L, int idx, gp_system *s, const char *context,
                              gp_error *err);

#ifdef __cplusplus
}
#endif
