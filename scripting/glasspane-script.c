/* glasspane-script.c: the headless runner. Runs a Lua study with the glasspane module
 * preloaded, no GTK and no display.
 *
 *   glasspane-script [--shard K/N] FILE.lua [ARGS...]
 *
 * ARGS reach the script as `arg` (arg[0] is FILE) and as `...`. --shard K/N makes every
 * glasspane.sweep without an explicit shard compute only its K-th of N contiguous blocks,
 * so a study can run as a Slurm job array or under GNU parallel and the shards' CSVs be
 * concatenated. Errors print with a traceback and exit with status 1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "gp-lua.h"

static int
traceback (lua_State *L)
{
  const char *msg = lua_tostring (L, 1);
  if (msg == NULL)
    msg = lua_pushfstring (L, "(error object is a %s value)", luaL_typename (L, 1));
  luaL_traceback (L, L, msg, 1);
  return 1;
}

static void
usage (FILE *f)
{
  fprintf (f, "usage: glasspane-script [--shard K/N] FILE.lua [ARGS...]\n"
              "Runs a Lua study with `glasspane` available (also via require \"glasspane\").\n");
}

static int
parse_shard (const char *s, long *k, long *n)
{
  char *end;
  errno = 0;
  *k = strtol (s, &end, 10);
  if (errno || *end != '/')
    return -1;
  *n = strtol (end + 1, &end, 10);
  if (errno || *end != '\0' || *n < 1 || *k < 1 || *k > *n)
    return -1;
  return 0;
}

int
main (int argc, char **argv)
{
  int i = 1;
  long shard_k = 0, shard_n = 0;
  while (i < argc && argv[i][0] == '-' && argv[i][1] == '-')
    {
      if (strcmp (argv[i], "--help") == 0)
        {
          usage (stdout);
          return 0;
        }
      if (strcmp (argv[i], "--shard") == 0 && i + 1 < argc)
        {
          if (parse_shard (argv[i + 1], &shard_k, &shard_n) != 0)
            {
              fprintf (stderr, "glasspane-script: --shard: '%s' is not K/N with 1 <= K <= N\n",
                       argv[i + 1]);
              return 2;
            }
          i += 2;
          continue;
        }
      if (strcmp (argv[i], "--") == 0)
        {
          i++;
          break;
        }
      fprintf (stderr, "glasspane-script: unknown option '%s'\n", argv[i]);
      usage (stderr);
      return 2;
    }
  if (i >= argc)
    {
      usage (stderr);
      return 2;
    }
  const char *script = argv[i];

  lua_State *L = luaL_newstate ();
  if (L == NULL)
    {
      fprintf (stderr, "glasspane-script: cannot create a Lua state\n");
      return 1;
    }
  luaL_openlibs (L);
  /* `glasspane` as a global and through require. */
  luaL_requiref (L, "glasspane", luaopen_glasspane, 1);
  lua_pop (L, 1);
  if (shard_n > 0)
    gp_lua_set_default_shard (L, shard_k, shard_n);

  /* arg table as lua.c builds it. */
  lua_createtable (L, argc - i, i + 1);
  for (int j = 0; j < argc; j++)
    {
      lua_pushstring (L, argv[j]);
      lua_rawseti (L, -2, j - i);
    }
  lua_setglobal (L, "arg");

  lua_pushcfunction (L, traceback);
  int msgh = lua_gettop (L);
  int status = luaL_loadfile (L, script);
  if (status == LUA_OK)
    {
      int nargs = argc - i - 1;
      luaL_checkstack (L, nargs, "too many arguments");
      for (int j = i + 1; j < argc; j++)
        lua_pushstring (L, argv[j]);
      status = lua_pcall (L, nargs, 0, msgh);
    }
  if (status != LUA_OK)
    {
      const char *msg = lua_tostring (L, -1);
      fprintf (stderr, "glasspane-script: %s\n", msg ? msg : "(error without a message)");
    }
  lua_close (L);
  return status == LUA_OK ? 0 : 1;
}
