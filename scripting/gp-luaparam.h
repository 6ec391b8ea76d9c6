/* gp-luaparam.h: Lua tables <-> model input structs, through gp_param descriptor tables.
 *
 * Used by the data loader (presets and designs) and by the Lua API, so that the keys in
 * data files, in scripts and in the GUI are the same names, and an unknown key, a wrong
 * type or a value out of range is an error naming the key and its allowed range. */
#pragma once

#include <stdbool.h>

#include <lua.h>

#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
  GP_LUAPARAM_REQUIRE_ALL = 1u << 0, /* every non-optional parameter must be present */
};

/* Read the table at IDX into OBJ. Keys "sources" (table of strings) and "note" (string)
 * are accepted and ignored (they carry citations). Any other key must name a parameter
 * of TABLE. OBJ keeps its values for keys that are absent (unless REQUIRE_ALL). CONTEXT
 * (e.g. "nodes[3]") prefixes messages: "nodes[3].d0_per_cm2 = -1 is out of range: ...".
 * Only raw access is used, so no metamethod runs. On error OBJ may be partly updated:
 * callers read into a copy. */
gp_status gp_lua_read_params (lua_State *L, int idx, const gp_param_table *table,
                              void *obj, unsigned flags, const char *context,
                              gp_error *err);

/* Push a new table with every parameter of OBJ (enums as their names). */
void gp_lua_push_params (lua_State *L, const gp_param_table *table, const void *obj);
/* Push a Lua array of the N strings of NAMES, interned once per Lua state (cached in the
 * registry by NAMES's address, so NAMES must be a static array); returns its stack index.
 * lua_rawgeti on it then pushes a name without hashing it again: the result tables of an
 * evaluation hold a hundred small {part = name, usd = x} records, and lua_pushstring and
 * lua_setfield with C strings were most of their cost. */
int gp_lua_names (lua_State *L, const char *const *names, int n);
/* Push N records { [KEYS[0]] = NAMES[i], [KEYS[1]] = V[i] } as an array, names and keys
 * interned as in gp_lua_names. */
void gp_lua_push_records (lua_State *L, const char *const *keys, const char *const *names,
                          const double *v, int n);

/* The citation for KEY in the "sources" sub-table of the table at IDX, or NULL. The
 * string stays valid while the table is on the stack. */
const char *gp_lua_source_of (lua_State *L, int idx, const char *key);

#ifdef __cplusplus
}
#endif
