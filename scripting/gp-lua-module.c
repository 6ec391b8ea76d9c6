/* gp-lua-module.c: luaopen_glasspane, the top of scripting/: it builds the module table
 * from every binding file (the generic models of gp-lua.c, then one file per area). The
 * binding files call down into gp-lua.c and gp-lua-common.c, never back up into this one,
 * so a new area is one extern in gp-lua-private.h and one line here. */
#include "gp-lua.h"

#include <lauxlib.h>

#include "gp-lua-private.h"
#include "gp-lua-uncertainty.h"

/* Add the hand-written functions of gp-lua-*.c to the module table on the stack top. */
static void
gp_lua_open_extras (lua_State *L)
{
  luaL_setfuncs (L, gp_lua_data_fns, 0);
  luaL_setfuncs (L, gp_lua_input_fns, 0);
  luaL_setfuncs (L, gp_lua_package_fns, 0);
  luaL_setfuncs (L, gp_lua_steptime_fns, 0);
  luaL_setfuncs (L, gp_lua_csv_fns, 0);
  gp_lua_chart_open (L);
  luaL_setfuncs (L, gp_lua_chart_fns, 0);
  luaL_setfuncs (L, gp_lua_system_fns, 0);
  luaL_setfuncs (L, gp_lua_fabric_fns, 0);
  luaL_setfuncs (L, gp_lua_inference_fns, 0);
  gp_lua_uncertainty_open (L);
}

int
luaopen_glasspane (lua_State *L)
{
  gp_models_init ();
  lua_newtable (L);
  gp_lua_open_models (L);
  gp_lua_open_extras (L);
  lua_pushstring (L, gp_models_version ());
  lua_setfield (L, -2, "version");
  return 1;
}
