/* gp-lua-common.c: what the glasspane module's hand-written functions share (argument
 * checks, errors, the node table cache), the presets API (glasspane.presets, .preset) and
 * the registration of every gp-lua-*.c file's functions. */
#include "gp-lua-private.h"

#include "gp-inference.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "gp-datafile.h"
#include "gp-presets.h"
#include "gp-system.h"

int
gp_lua_arg_error (lua_State *L, int arg, const gp_error *err)
{
  return luaL_argerror (L, arg, err->message[0] ? err->message : gp_status_name (err->status));
}

#define NODES_KEY "glasspane.nodes"

int
gp_lua_push_fail (lua_State *L, const gp_error *err)
{
  lua_pushnil (L);
  lua_pushstring (L, err->message[0] ? err->message : gp_status_name (err->status));
  return 2;
}

int
gp_lua_fail (lua_State *L, int arg, gp_status st, const gp_error *err)
{
  if (st == GP_EINVAL || st == GP_ENOTFOUND)
    return gp_lua_arg_error (L, arg, err);
  return gp_lua_push_fail (L, err);
}

void
gp_lua_check_params (lua_State *L, int arg, int idx, const gp_param_table *table, void *obj,
                     const char *context)
{
  if (lua_isnoneornil (L, idx))
    return;
  if (!lua_istable (L, idx))
    luaL_argerror (L, arg, lua_pushfstring (L, "%s must be a table of parameters, not a %s",
                                            context ? context : "parameters",
                                            luaL_typename (L, idx)));
  gp_error err = { 0 };
  if (gp_lua_read_params (L, lua_absindex (L, idx), table, obj, 0, context, &err) != GP_OK)
    gp_lua_arg_error (L, arg, &err);
}

void
gp_lua_check_field_params (lua_State *L, int arg, const char *key,
                           const gp_param_table *table, void *obj)
{
  lua_getfield (L, arg, key);
  gp_lua_check_params (L, arg, -1, table, obj, key);
  lua_pop (L, 1);
}

void
gp_lua_check_keys (lua_State *L, int arg, const char *const *allowed)
{
  lua_pushnil (L);
  while (lua_next (L, arg))
    {
      lua_pop (L, 1);
      if (lua_type (L, -1) != LUA_TSTRING || gp_enum_lookup (allowed, lua_tostring (L, -1)) < 0)
        {
          luaL_Buffer b;
          const char *key = luaL_tolstring (L, -1, NULL);
          luaL_buffinit (L, &b);
          for (int i = 0; allowed[i]; i++)
            {
              if (i)
                luaL_addstring (&b, ", ");
              luaL_addstring (&b, allowed[i]);
            }
          luaL_pushresult (&b);
          luaL_argerror (L, arg, lua_pushfstring (L, "unknown key '%s' (allowed: %s)", key,
                                                  lua_tostring (L, -1)));
        }
    }
}

typedef struct {
  size_t n;
  gp_node node[];
} node_cache;

const gp_node *
gp_lua_nodes (lua_State *L, size_t *n)
{
  if (lua_getfield (L, LUA_REGISTRYINDEX, NODES_KEY) != LUA_TUSERDATA)
    {
      lua_pop (L, 1);
      gp_node *nodes = NULL;
      size_t count = 0;
      gp_error err = { 0 };
      if (gp_nodes_load (NULL, &nodes, &count, &err) != GP_OK)
        luaL_error (L, "cannot read the node table: %s", err.message);
      node_cache *c = lua_newuserdatauv (L, sizeof *c + count * sizeof (gp_node), 0);
      c->n = count;
      memcpy (c->node, nodes, count * sizeof (gp_node));
      free (nodes);
      lua_pushvalue (L, -1);
      lua_setfield (L, LUA_REGISTRYINDEX, NODES_KEY);
    }
  /* The registry keeps it alive for the state's lifetime. */
  node_cache *c = lua_touserdata (L, -1);
  lua_pop (L, 1);
  *n = c->n;
  return c->node;
}

/* ---- presets ---- */

/* "links" or "carbon.grids": file stem, then the list key (default: the stem). Only
 * lower-case names, so a kind can never climb out of the data directory. */
static void
split_kind (lua_State *L, int arg, const char *kind, char *file, size_t flen, char *list,
            size_t llen)
{
  const char *dot = strchr (kind, '.');
  size_t n = dot ? (size_t) (dot - kind) : strlen (kind);
  const char *lk = dot ? dot + 1 : kind;
  bool ok = n > 0 && n < flen && strlen (lk) > 0 && strlen (lk) < llen;
  for (const char *c = kind; ok && *c; c++)
    ok = (islower ((unsigned char) *c) || *c == '_' || (*c == '.' && c == dot));
  if (!ok)
    luaL_argerror (L, arg, lua_pushfstring (L, "'%s' is not a preset kind (a data/ file name "
                                               "such as \"links\", or \"carbon.grids\")",
                                            kind));
  memcpy (file, kind, n);
  file[n] = '\0';
  strcpy (list, lk);
}

/* Load data/FILE.lua through the sandbox and push root[LIST] (raises on ARG otherwise). */
static void
push_list (lua_State *L, int arg, const char *kind)
{
  char file[64], list[64], name[80], path[4096];
  split_kind (L, arg, kind, file, sizeof file, list, sizeof list);
  snprintf (name, sizeof name, "%s.lua", file);
  if (gp_data_path (path, sizeof path, name) == NULL)
    luaL_argerror (L, arg, "data directory path too long");
  gp_error err = { 0 };
  gp_datafile *df = gp_datafile_load (path, NULL, &err);
  if (df == NULL)
    luaL_argerror (L, arg, lua_pushfstring (L, "no presets of kind '%s': %s", kind,
                                            err.message));
  gp_datafile_push_copy (df, L);
  gp_datafile_free (df);
  if (lua_getfield (L, -1, list) != LUA_TTABLE)
    luaL_argerror (L, arg, lua_pushfstring (L, "%s has no table '%s'", path, list));
  lua_remove (L, -2);
}

static bool
is_list (lua_State *L, int idx)
{
  return lua_rawlen (L, idx) > 0;
}

/* glasspane.presets() -> kinds; glasspane.presets(kind) -> names in data/<kind>.lua */
static int
l_presets (lua_State *L)
{
  if (lua_isnoneornil (L, 1))
    {
      DIR *d = opendir (gp_data_dir ());
      if (d == NULL)
        return luaL_error (L, "cannot open the data directory '%s'", gp_data_dir ());
      lua_newtable (L);
      int i = 0;
      struct dirent *e;
      while ((e = readdir (d)) != NULL)
        {
          size_t n = strlen (e->d_name);
          if (n > 4 && strcmp (e->d_name + n - 4, ".lua") == 0)
            {
              lua_pushlstring (L, e->d_name, n - 4);
              lua_rawseti (L, -2, ++i);
            }
        }
      closedir (d);
      /* Sorted, so the order does not depend on the file system. */
      lua_getglobal (L, "table");
      if (lua_istable (L, -1) && lua_getfield (L, -1, "sort") == LUA_TFUNCTION)
        {
          lua_pushvalue (L, -3);
          lua_call (L, 1, 0);
          lua_pop (L, 1);
        }
      else
        lua_pop (L, 2);
      return 1;
    }
  const char *kind = luaL_checkstring (L, 1);
  push_list (L, 1, kind);
  int list = lua_gettop (L);
  if (!is_list (L, list))
    return luaL_argerror (L, 1, lua_pushfstring (L, "'%s' is one table, not a list of "
                                                    "presets: use glasspane.preset(\"%s\")",
                                                 kind, kind));
  lua_Integer n = (lua_Integer) lua_rawlen (L, list);
  lua_createtable (L, (int) n, 0);
  for (lua_Integer i = 1; i <= n; i++)
    {
      lua_rawgeti (L, list, i);
      if (lua_istable (L, -1))
        lua_getfield (L, -1, "name");
      else
        lua_pushnil (L);
      lua_rawseti (L, -3, i);
      lua_pop (L, 1);
    }
  return 1;
}

void
gp_lua_push_preset (lua_State *L, int arg, const char *kind, const char *name)
{
  push_list (L, arg, kind);
  int list = lua_gettop (L);
  if (name == NULL)
    return;
  lua_Integer n = (lua_Integer) lua_rawlen (L, list);
  for (lua_Integer i = 1; i <= n; i++)
    {
      lua_rawgeti (L, list, i);
      if (lua_istable (L, -1))
        {
          lua_getfield (L, -1, "name");
          bool hit = lua_type (L, -1) == LUA_TSTRING && strcmp (lua_tostring (L, -1), name) == 0;
          lua_pop (L, 1);
          if (hit)
            {
              lua_remove (L, list);
              return;
            }
        }
      lua_pop (L, 1);
    }
  luaL_Buffer b;
  luaL_buffinit (L, &b);
  for (lua_Integer i = 1; i <= n; i++)
    {
      lua_rawgeti (L, list, i);
      if (lua_istable (L, -1))
        lua_getfield (L, -1, "name");
      else
        lua_pushnil (L);
      lua_remove (L, -2);
      if (lua_type (L, -1) == LUA_TSTRING)
        {
          if (i > 1)
            luaL_addstring (&b, ", ");
          luaL_addvalue (&b);
        }
      else
        lua_pop (L, 1);
    }
  luaL_pushresult (&b);
  luaL_argerror (L, arg, lua_pushfstring (L, "no preset '%s' in %s (known: %s)", name, kind,
                                          lua_tostring (L, -1)));
}

/* glasspane.preset(kind, name) -> table (a deep copy: modify it freely);
 * glasspane.preset("carbon") -> the one table of a file that holds no list. */
static int
l_preset (lua_State *L)
{
  const char *kind = luaL_checkstring (L, 1);
  const char *name = luaL_optstring (L, 2, NULL);
  if (name == NULL)
    {
      push_list (L, 1, kind);
      if (is_list (L, -1))
        return luaL_argerror (L, 2, "a preset name is required (see glasspane.presets(kind))");
      return 1;
    }
  gp_lua_push_preset (L, 2, kind, name);
  return 1;
}

/* glasspane.fat_tree(hosts, radix [, oversubscription]) -> the tree's counts */
static int
l_fat_tree (lua_State *L)
{
  lua_Integer hosts = luaL_checkinteger (L, 1);
  lua_Integer radix = luaL_checkinteger (L, 2);
  double o = luaL_optnumber (L, 3, 1.0);
  gp_fat_tree ft;
  gp_error err = { 0 };
  gp_status st = gp_fat_tree_build ((long) hosts, (long) radix, o, &ft, &err);
  if (st != GP_OK)
    {
      if (st == GP_EINVAL)
        return gp_lua_arg_error (L, strstr (err.message, "radix") ? 2
                                    : strstr (err.message, "oversub") ? 3 : 1, &err);
      return gp_lua_push_fail (L, &err);
    }
  gp_lua_push_fat_tree (L, &ft);
  return 1;
}

/* glasspane.link_reach_default(reach_class) -> pj_per_bit, source */
static int
l_link_reach_default (lua_State *L)
{
  int reach = luaL_checkoption (L, 1, NULL, gp_link_reach_names);
  double pj;
  const char *src = NULL;
  gp_error err = { 0 };
  if (gp_link_reach_default_pj_per_bit (reach, &pj, &src, &err) != GP_OK)
    return gp_lua_arg_error (L, 1, &err);
  lua_pushnumber (L, pj);
  lua_pushstring (L, src ? src : "");
  return 2;
}

/* glasspane.shard() -> k, n: the runner's --shard K/N (1, 1 without it), so a study can
 * name each shard's output file. */
static int
l_shard (lua_State *L)
{
  lua_Integer k = 1, n = 1;
  /* The key gp_lua_set_default_shard (gp-lua.c) stores the shard under. */
  if (lua_getfield (L, LUA_REGISTRYINDEX, "glasspane.default_shard") == LUA_TTABLE)
    {
      lua_rawgeti (L, -1, 1);
      lua_rawgeti (L, -2, 2);
      k = lua_tointeger (L, -2);
      n = lua_tointeger (L, -1);
    }
  lua_pushinteger (L, k);
  lua_pushinteger (L, n);
  return 2;
}

const luaL_Reg gp_lua_data_fns[] = {
  { "shard", l_shard },
  { "presets", l_presets },
  { "preset", l_preset },
  { "fat_tree", l_fat_tree },
  { "link_reach_default", l_link_reach_default },
  { NULL, NULL },
};

/* ---- inputs that glasspane.params / defaults describe beside the generic models ---- */

static void
package_init (void *p)
{
  gp_package_params_init (p);
}

static void
part_init (void *p)
{
  gp_package_part_init (p);
}

static void
accel_init (void *p)
{
  gp_accel_params_init (p);
}

static void
plan_init (void *p)
{
  gp_plan_params_init (p);
}

static void
search_init (void *p)
{
  gp_search_params_init (p);
}

static void
carbon_init (void *p)
{
  gp_carbon_params_init (p);
}

static void
carbon_system_init (void *p)
{
  gp_carbon_system_params_init (p);
}

static void
net_level_init (void *p)
{
  gp_net_level *l = p;
  memset (l, 0, sizeof *l);
  strcpy (l->name, "level");
  l->group_size = 1;
  l->bw_bytes_per_s = 1e9;
}

/* A package with its parts list. */
static void
package_push (lua_State *L, const void *obj)
{
  const gp_package_params *p = obj;
  gp_lua_push_params (L, &gp_package_param_table, p);
  lua_createtable (L, p->n_parts, 0);
  for (int i = 0; i < p->n_parts; i++)
    {
      gp_lua_push_params (L, &gp_package_part_param_table, &p->parts[i]);
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "parts");
}

static void
inference_init (void *p)
{
  gp_inference_params_init (p);
}

static void
serve_plan_init (void *p)
{
  gp_serve_plan_init (p);
}

static void
system_init (void *p)
{
  gp_system_init (p);
}

static void
study_init (void *p)
{
  gp_study_init (p);
}

static void
cost_init (void *p)
{
  gp_cost_params_init (p);
}

const gp_lua_input gp_lua_inputs[] = {
  /* gp_system_param_table describes gp_system's first member, sys: offsets hold */
  { "system", &gp_system_param_table, sizeof (gp_system), system_init,
    &gp_system_result_table, NULL },
  { "study", &gp_study_param_table, sizeof (gp_study), study_init, NULL, NULL },
  { "package", &gp_package_param_table, sizeof (gp_package_params), package_init,
    &gp_lua_package_result_table, package_push },
  { "part", &gp_package_part_param_table, sizeof (gp_package_part), part_init, NULL, NULL },
  { "carbon", &gp_carbon_param_table, sizeof (gp_carbon_params), carbon_init, NULL, NULL },
  { "carbon_package", NULL, 0, NULL, &gp_lua_carbon_package_result_table, NULL },
  { "carbon_system", &gp_carbon_system_param_table, sizeof (gp_carbon_system_params),
    carbon_system_init, &gp_lua_carbon_system_result_table, NULL },
  { "accel", &gp_accel_param_table, sizeof (gp_accel), accel_init, NULL, NULL },
  { "cost", &gp_cost_param_table, sizeof (gp_cost_params), cost_init, NULL, NULL },
  { "plan", &gp_plan_param_table, sizeof (gp_plan), plan_init, NULL, NULL },
  { "net_level", &gp_lua_net_level_table, sizeof (gp_net_level), net_level_init, NULL, NULL },
  { "steptime", NULL, 0, NULL, &gp_lua_steptime_result_table, NULL },
  { "search", &gp_search_param_table, sizeof (gp_search_params), search_init,
    &gp_lua_search_result_table, NULL },
  { "inference", &gp_inference_param_table, sizeof (gp_inference_params), inference_init,
    &gp_inference_result_table, NULL },
  { "serve_plan", &gp_serve_plan_param_table, sizeof (gp_serve_plan), serve_plan_init, NULL,
    NULL },
  { NULL, NULL, 0, NULL, NULL, NULL },
};

const gp_lua_input *
gp_lua_input_find (const char *name)
{
  for (const gp_lua_input *i = gp_lua_inputs; i->name; i++)
    if (strcmp (i->name, name) == 0)
      return i;
  return NULL;
}

/* glasspane.inputs() -> array of {name=, params = bool, outputs = bool}: the names besides
 * the generic models that glasspane.params / defaults / outputs know. */
static int
l_inputs (lua_State *L)
{
  lua_newtable (L);
  int i = 0;
  for (const gp_lua_input *in = gp_lua_inputs; in->name; in++)
    {
      lua_createtable (L, 0, 3);
      lua_pushstring (L, in->name);
      lua_setfield (L, -2, "name");
      lua_pushboolean (L, in->params != NULL);
      lua_setfield (L, -2, "params");
      lua_pushboolean (L, in->result != NULL);
      lua_setfield (L, -2, "outputs");
      lua_rawseti (L, -2, ++i);
    }
  return 1;
}

const luaL_Reg gp_lua_input_fns[] = {
  { "inputs", l_inputs },
  { NULL, NULL },
};
