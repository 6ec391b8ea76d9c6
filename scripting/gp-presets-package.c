/* gp-presets-package.c: readers for data/packages.lua and data/carbon.lua.
 *
 * A package's parts are a nested list, which the flat descriptor reader cannot take, so
 * the "parts" key is detached from the package table (raw access, in the loader's own
 * sandbox state), the rest read with gp_lua_read_params, then each part read the same way. */
#include "gp-presets-package.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>

#include "gp-datafile.h"
#include "gp-luaparam.h"
#include "gp-presets.h"

/* Push root[KEY]; returns its Lua type. */
static int
raw_field (lua_State *L, int idx, const char *key)
{
  idx = lua_absindex (L, idx);
  lua_pushstring (L, key);
  return lua_rawget (L, idx);
}

static gp_status
check_kind (lua_State *L, const char *file, const char *want, gp_error *err)
{
  int t = raw_field (L, 1, "kind");
  gp_status st = GP_OK;
  if (t != LUA_TSTRING || strcmp (lua_tostring (L, -1), want) != 0)
    st = gp_error_set (err, GP_EINVAL, "kind", "%s: kind must be \"%s\"", file, want);
  lua_pop (L, 1);
  return st;
}

/* Open PATH (or data/DEFAULT_NAME). */
static gp_datafile *
open_file (const char *path, const char *default_name, gp_error *err)
{
  char buf[4096];
  if (path == NULL)
    path = gp_data_path (buf, sizeof buf, default_name);
  return gp_datafile_load (path, NULL, err);
}

static gp_status
read_part (lua_State *L, int idx, size_t ip, size_t jp, gp_package_part *part, gp_error *err)
{
  char ctx[64];
  snprintf (ctx, sizeof ctx, "packages[%zu].parts[%zu]", ip, jp);
  if (!lua_istable (L, idx))
    return gp_error_set (err, GP_EINVAL, "parts", "%s is not a table", ctx);
  gp_package_part_init (part);
  return gp_lua_read_params (L, idx, &gp_package_part_param_table, part,
                             GP_LUAPARAM_REQUIRE_ALL, ctx, err);
}

static gp_status
read_package (lua_State *L, int idx, size_t ip, gp_package_params *pk, gp_error *err)
{
  char ctx[64];
  snprintf (ctx, sizeof ctx, "packages[%zu]", ip);
  if (!lua_istable (L, idx))
    return gp_error_set (err, GP_EINVAL, "packages", "%s is not a table", ctx);
  idx = lua_absindex (L, idx);

  /* Detach "parts" (kept on the stack) so the flat reader sees only package fields. */
  int t = raw_field (L, idx, "parts");
  int parts = lua_gettop (L);
  if (t != LUA_TTABLE)
    return gp_error_set (err, GP_EINVAL, "parts",
                         "%s.parts is missing or not a list of parts", ctx);
  lua_pushstring (L, "parts");
  lua_pushnil (L);
  lua_rawset (L, idx);

  gp_package_params_init (pk);
  GP_TRY (gp_lua_read_params (L, idx, &gp_package_param_table, pk, GP_LUAPARAM_REQUIRE_ALL,
                              ctx, err));
  lua_Unsigned n = lua_rawlen (L, parts);
  if (n < 1 || n > GP_PACKAGE_PARTS_MAX)
    return gp_error_set (err, GP_EINVAL, "parts",
                         "%s.parts has %llu entries: allowed [1, %d]", ctx,
                         (unsigned long long) n, GP_PACKAGE_PARTS_MAX);
  pk->n_parts = (int) n;
  for (lua_Unsigned j = 1; j <= n; j++)
    {
      lua_rawgeti (L, parts, (lua_Integer) j);
      gp_status st = read_part (L, -1, ip, (size_t) j, &pk->parts[j - 1], err);
      lua_pop (L, 1);
      if (st != GP_OK)
        return st;
    }
  lua_settop (L, parts - 1);
  return GP_OK;
}

gp_status
gp_packages_load (const char *path, gp_package_params **out, size_t *n_out, gp_error *err)
{
  *out = NULL;
  *n_out = 0;
  gp_datafile *df = open_file (path, "packages.lua", err);
  if (df == NULL)
    return err ? err->status : GP_EIO;
  lua_State *L = gp_datafile_lua (df);
  const char *file = gp_datafile_name (df);
  gp_package_params *arr = NULL;
  gp_status st = check_kind (L, file, "packages", err);
  if (st != GP_OK)
    goto done;
  if (raw_field (L, 1, "packages") != LUA_TTABLE)
    {
      st = gp_error_set (err, GP_EINVAL, "packages", "%s: no \"packages\" list", file);
      goto done;
    }
  int list = lua_gettop (L);
  size_t n = (size_t) lua_rawlen (L, list);
  if (n == 0)
    {
      st = gp_error_set (err, GP_EINVAL, "packages", "%s: the \"packages\" list is empty",
                         file);
      goto done;
    }
  arr = calloc (n, sizeof *arr);
  if (arr == NULL)
    {
      st = gp_error_set (err, GP_ENOMEM, NULL, "out of memory reading %s", file);
      goto done;
    }
  for (size_t i = 0; i < n; i++)
    {
      lua_rawgeti (L, list, (lua_Integer) (i + 1));
      st = read_package (L, -1, i + 1, &arr[i], err);
      if (st != GP_OK)
        {
          gp_error_prefix (err, file);
          goto done;
        }
      lua_settop (L, list);
    }
  *out = arr;
  *n_out = n;
  arr = NULL;
done:
  free (arr);
  gp_datafile_free (df);
  return st;
}

const gp_package_params *
gp_packages_find (const gp_package_params *packages, size_t n, const char *name)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (packages[i].name, name) == 0)
      return &packages[i];
  return NULL;
}

const gp_grid *
gp_grids_find (const gp_grid *grids, size_t n, const char *name)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (grids[i].name, name) == 0)
      return &grids[i];
  return NULL;
}

/* Read the list root[KEY] of flat entries described by TABLE into a malloc'd array. */
static gp_status
read_list (lua_State *L, const char *file, const char *key, const gp_param_table *table,
           size_t elem_size, void (*init) (void *), void **out, size_t *n_out, gp_error *err)
{
  *out = NULL;
  *n_out = 0;
  int top = lua_gettop (L);
  if (raw_field (L, 1, key) != LUA_TTABLE)
    {
      lua_settop (L, top);
      return gp_error_set (err, GP_EINVAL, key, "%s: no \"%s\" list", file, key);
    }
  int list = lua_gettop (L);
  size_t n = (size_t) lua_rawlen (L, list);
  char *arr = calloc (n > 0 ? n : 1, elem_size);
  if (arr == NULL)
    {
      lua_settop (L, top);
      return gp_error_set (err, GP_ENOMEM, NULL, "out of memory reading %s", file);
    }
  for (size_t i = 0; i < n; i++)
    {
      char ctx[64];
      snprintf (ctx, sizeof ctx, "%s[%zu]", key, i + 1);
      void *elem = arr + i * elem_size;
      init (elem);
      lua_rawgeti (L, list, (lua_Integer) (i + 1));
      gp_status st = lua_istable (L, -1)
                       ? gp_lua_read_params (L, -1, table, elem, GP_LUAPARAM_REQUIRE_ALL, ctx,
                                             err)
                       : gp_error_set (err, GP_EINVAL, key, "%s is not a table", ctx);
      lua_settop (L, list);
      if (st != GP_OK)
        {
          free (arr);
          lua_settop (L, top);
          gp_error_prefix (err, file);
          return st;
        }
    }
  lua_settop (L, top);
  *out = arr;
  *n_out = n;
  return GP_OK;
}

static void
grid_init (void *elem)
{
  gp_grid *g = elem;
  memset (g, 0, sizeof *g);
}

static void
system_init (void *elem)
{
  gp_carbon_system_params_init (elem);
}

gp_status
gp_carbon_load (const char *path, gp_carbon_params *carbon, gp_grid **grids, size_t *n_grids,
                gp_carbon_system_params **systems, size_t *n_systems, gp_error *err)
{
  gp_datafile *df = open_file (path, "carbon.lua", err);
  if (df == NULL)
    return err ? err->status : GP_EIO;
  lua_State *L = gp_datafile_lua (df);
  const char *file = gp_datafile_name (df);
  void *g = NULL, *s = NULL;
  size_t ng = 0, ns = 0;
  gp_status st = check_kind (L, file, "carbon", err);
  if (st != GP_OK)
    goto done;

  if (carbon != NULL)
    {
      gp_carbon_params c;
      gp_carbon_params_init (&c);
      if (raw_field (L, 1, "carbon") != LUA_TTABLE)
        st = gp_error_set (err, GP_EINVAL, "carbon", "%s: no \"carbon\" table", file);
      else
        st = gp_lua_read_params (L, -1, &gp_carbon_param_table, &c, GP_LUAPARAM_REQUIRE_ALL,
                                 "carbon", err);
      lua_settop (L, 1);
      if (st != GP_OK)
        {
          gp_error_prefix (err, file);
          goto done;
        }
      *carbon = c;
    }
  if (grids != NULL)
    {
      st = read_list (L, file, "grids", &gp_grid_param_table, sizeof (gp_grid), grid_init,
                      &g, &ng, err);
      if (st != GP_OK)
        goto done;
    }
  if (systems != NULL)
    {
      st = read_list (L, file, "systems", &gp_carbon_system_param_table,
                      sizeof (gp_carbon_system_params), system_init, &s, &ns, err);
      if (st != GP_OK)
        goto done;
    }
  if (grids != NULL)
    {
      *grids = g;
      *n_grids = ng;
      g = NULL;
    }
  if (systems != NULL)
    {
      *systems = s;
      *n_systems = ns;
      s = NULL;
    }
done:
  free (g);
  free (s);
  gp_datafile_free (df);
  return st;
}
