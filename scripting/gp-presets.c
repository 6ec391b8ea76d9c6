/* gp-presets.c: finding data/ and reading its preset lists into model structs.
 *
 * Every preset list goes through gp_preset_list_load(), so each file gets the same
 * sandbox, the same strictness (all required keys, no unknown keys, unique names) and the
 * same messages naming the file and the entry. */
#define _GNU_SOURCE /* dladdr */
#include "gp-presets.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "gp-datafile.h"
#include "gp-luaparam.h"

#ifndef GP_SOURCE_DATA_DIR
#define GP_SOURCE_DATA_DIR ""
#endif
#ifndef GP_INSTALLED_DATA_DIR
#define GP_INSTALLED_DATA_DIR "/usr/local/share/glasspane"
#endif
/* The installed data relative to the installed program's directory and to the Lua
 * module's directory ("" when the layout has no such relation), from meson. */
#ifndef GP_BIN_TO_DATA
#define GP_BIN_TO_DATA ""
#endif
#ifndef GP_CMOD_TO_DATA
#define GP_CMOD_TO_DATA ""
#endif

/* A preset list longer than this is a mistake or an attack, not a preset. */
#define GP_PRESET_LIST_MAX 100000

static bool
is_directory (const char *path)
{
  struct stat st;
  return path[0] != '\0' && stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

/* DIR/REL into OUT when it is a data directory (it holds systems.lua). */
static bool
try_relative (const char *file, const char *rel, char *out, size_t len)
{
  if (file == NULL || rel[0] == '\0')
    return false;
  const char *slash = strrchr (file, '/');
  if (slash == NULL)
    return false;
  char cand[PATH_MAX + 64], probe[PATH_MAX + 80];
  int n = snprintf (cand, sizeof cand, "%.*s/%s", (int) (slash - file), file, rel);
  if (n < 0 || (size_t) n >= sizeof cand)
    return false;
  char *real = realpath (cand, NULL);
  if (real == NULL)
    return false;
  snprintf (probe, sizeof probe, "%s/systems.lua", real);
  struct stat st;
  bool ok = is_directory (real) && stat (probe, &st) == 0 && strlen (real) < len;
  if (ok)
    strcpy (out, real);
  free (real);
  return ok;
}

static char located[PATH_MAX];
static pthread_once_t located_once = PTHREAD_ONCE_INIT;

/* The data installed with this code: PREFIX/share/glasspane seen from the Lua module's
 * file (when this code is glasspane.so) or from the running program, so an install under
 * any prefix or DESTDIR finds its own data and never the source tree. */
static void
locate (void)
{
  Dl_info info;
  if (dladdr ((void *) &gp_data_dir, &info) && info.dli_fname != NULL)
    {
      size_t n = strlen (info.dli_fname);
      if (n > 3 && strcmp (info.dli_fname + n - 3, ".so") == 0)
        {
          if (!try_relative (info.dli_fname, GP_CMOD_TO_DATA, located, sizeof located))
            located[0] = '\0';
          return;
        }
    }
  char exe[PATH_MAX];
  ssize_t n = readlink ("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0)
    return;
  exe[n] = '\0';
  if (!try_relative (exe, GP_BIN_TO_DATA, located, sizeof located))
    located[0] = '\0';
}

/* $GP_DATA_DIR first (tests, relocated installs); then the data installed next to this
 * program or module; then the source tree's data/, so a build tree always runs with the
 * presets it was built from; then the configured install directory. */
const char *
gp_data_dir (void)
{
  const char *env = getenv ("GP_DATA_DIR");
  if (env != NULL && env[0] != '\0')
    return env;
  pthread_once (&located_once, locate);
  if (located[0] != '\0')
    return located;
  if (is_directory (GP_SOURCE_DATA_DIR))
    return GP_SOURCE_DATA_DIR;
  return GP_INSTALLED_DATA_DIR;
}

const char *
gp_data_path (char *buf, size_t len, const char *name)
{
  if (buf == NULL || len == 0)
    return NULL;
  int n = snprintf (buf, len, "%s/%s", gp_data_dir (), name ? name : "");
  if (n < 0 || (size_t) n >= len)
    {
      buf[0] = '\0';
      return NULL;
    }
  return buf;
}

static const gp_param *
name_param (const gp_param_table *table)
{
  const gp_param *p = gp_param_table_find (table, "name");
  return p && p->type == GP_PARAM_STRING ? p : NULL;
}

/* Every key of the list must be a position 1..N: a stray `foo = {...}` beside the entries
 * would otherwise be skipped without a word. */
static gp_status
check_is_list (lua_State *L, int list, size_t n, const char *file, const char *list_key,
               gp_error *err)
{
  lua_pushnil (L);
  while (lua_next (L, list) != 0)
    {
      bool ok = lua_type (L, -2) == LUA_TNUMBER && lua_isinteger (L, -2)
                && lua_tointeger (L, -2) >= 1 && (lua_Unsigned) lua_tointeger (L, -2) <= n;
      if (!ok)
        {
          if (lua_type (L, -2) == LUA_TSTRING)
            gp_error_set (err, GP_EINVAL, NULL,
                          "%s: %s has a key '%.60s' beside its entries; it must be a list "
                          "{ {...}, {...} }", file, list_key, lua_tostring (L, -2));
          else
            gp_error_set (err, GP_EINVAL, NULL,
                          "%s: %s has a gap or a stray key; it must be a list "
                          "{ {...}, {...} } numbered 1 to %zu", file, list_key, n);
          lua_pop (L, 2);
          return GP_EINVAL;
        }
      lua_pop (L, 1);
    }
  return GP_OK;
}

gp_status
gp_preset_list_load (const char *path, const char *list_key, const gp_param_table *table,
                     size_t elem_size, void (*init) (void *elem), void **array_out,
                     size_t *n_out, gp_error *err)
{
  if (array_out)
    *array_out = NULL;
  if (n_out)
    *n_out = 0;
  if (path == NULL || list_key == NULL || table == NULL || elem_size == 0 || init == NULL
      || array_out == NULL || n_out == NULL)
    return gp_error_set (err, GP_EINVAL, NULL, "gp_preset_list_load: missing argument");

  gp_datafile *df = gp_datafile_load (path, NULL, err);
  if (df == NULL)
    return err ? err->status : GP_EINVAL;
  lua_State *L = gp_datafile_lua (df);
  const char *file = gp_datafile_name (df);
  char *array = NULL;
  gp_status st = GP_OK;

  lua_pushstring (L, list_key);
  int type = lua_rawget (L, 1);
  int list = lua_gettop (L);
  if (type != LUA_TTABLE)
    {
      if (type == LUA_TNIL)
        st = gp_error_set (err, GP_EINVAL, list_key, "%s: has no '%s' list", file, list_key);
      else
        st = gp_error_set (err, GP_EINVAL, list_key, "%s: '%s' must be a list of tables, got %s",
                           file, list_key, luaL_typename (L, list));
      goto out;
    }
  size_t n = (size_t) lua_rawlen (L, list);
  if (n == 0)
    {
      st = gp_error_set (err, GP_EINVAL, list_key, "%s: the '%s' list is empty", file, list_key);
      goto out;
    }
  if (n > GP_PRESET_LIST_MAX)
    {
      st = gp_error_set (err, GP_EINVAL, list_key, "%s: the '%s' list has %zu entries, at most "
                         "%d are allowed", file, list_key, n, GP_PRESET_LIST_MAX);
      goto out;
    }
  st = check_is_list (L, list, n, file, list_key, err);
  if (st != GP_OK)
    goto out;

  array = calloc (n, elem_size);
  if (array == NULL)
    {
      st = gp_error_set (err, GP_ENOMEM, NULL, "%s: out of memory for %zu entries", file, n);
      goto out;
    }
  const gp_param *name = name_param (table);
  for (size_t i = 0; i < n; i++)
    {
      char context[GP_ERROR_MESSAGE_MAX];
      snprintf (context, sizeof context, "%s: %s[%zu]", file, list_key, i + 1);
      void *elem = array + i * elem_size;
      init (elem);
      if (lua_rawgeti (L, list, (lua_Integer) (i + 1)) != LUA_TTABLE)
        {
          st = gp_error_set (err, GP_EINVAL, NULL, "%s must be a table of parameters, got %s",
                             context, luaL_typename (L, -1));
          goto out;
        }
      st = gp_lua_read_params (L, -1, table, elem, GP_LUAPARAM_REQUIRE_ALL, context, err);
      lua_pop (L, 1);
      if (st != GP_OK)
        goto out;
      /* INIT's defaults for absent optional keys are checked too. */
      st = gp_params_validate (table, elem, err);
      if (st != GP_OK)
        {
          gp_error_prefix (err, context);
          goto out;
        }
      if (name)
        {
          const char *this_name = (const char *) elem + name->offset;
          for (size_t j = 0; j < i; j++)
            if (strcmp (array + j * elem_size + name->offset, this_name) == 0)
              {
                st = gp_error_set (err, GP_EINVAL, "name",
                                   "%s: duplicate name '%s' (also %s[%zu])", context,
                                   this_name, list_key, j + 1);
                goto out;
              }
        }
    }
  *array_out = array;
  *n_out = n;
  array = NULL;
  gp_error_clear (err);

out:
  free (array);
  gp_datafile_free (df);
  return st;
}

static void
node_init_cb (void *elem)
{
  gp_node_init (elem);
}

gp_status
gp_nodes_load (const char *path, gp_node **nodes_out, size_t *n_out, gp_error *err)
{
  char buf[4096];
  if (path == NULL)
    {
      path = gp_data_path (buf, sizeof buf, "nodes.lua");
      if (path == NULL)
        {
          if (nodes_out)
            *nodes_out = NULL;
          if (n_out)
            *n_out = 0;
          return gp_error_set (err, GP_EIO, NULL, "data directory path too long: %s",
                               gp_data_dir ());
        }
    }
  void *array = NULL;
  gp_status st = gp_preset_list_load (path, "nodes", &gp_node_param_table, sizeof (gp_node),
                                      node_init_cb, &array, n_out, err);
  if (nodes_out)
    *nodes_out = array;
  else
    free (array);
  return st;
}

const gp_node *
gp_nodes_find (const gp_node *nodes, size_t n, const char *name)
{
  if (nodes == NULL || name == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    if (strcmp (nodes[i].name, name) == 0)
      return &nodes[i];
  return NULL;
}
