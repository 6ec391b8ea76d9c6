/* glasspane-script.c: the headless runner. Runs a Lua study with the glasspane module
 * preloaded, no GTK and no display.
 *
 *   glasspane-script [OPTIONS] FILE.lua [ARGS...]
 *   glasspane-script [OPTIONS] - [ARGS...]          the script from standard input
 *
 * ARGS reach the script as `arg` (arg[0] is FILE) and as `...`. A shard makes every
 * glasspane.sweep without an explicit shard compute only its K-th of N contiguous blocks,
 * so a study can run as a Slurm job array or under GNU parallel and the shards' CSVs be
 * concatenated: --shard K/N (1-based, K in 1..N), --shard-index I --shard-count N (0-based,
 * I in 0..N-1, as Slurm numbers array tasks), or --slurm-array (I and N from
 * SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT). Options end at
 * the script's name (or at "--"). A usage error prints to stderr and exits with status 2
 * before anything runs; a script error prints with a traceback and exits with status 1. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
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
  fprintf (f,
           "usage: glasspane-script [OPTIONS] FILE.lua [ARGS...]\n"
           "       glasspane-script [OPTIONS] - [ARGS...]   (the script from standard input)\n"
           "Runs a Lua study with `glasspane` available (also via require \"glasspane\").\n"
           "\n"
           "Options:\n"
           "  -h, --help               print this help and exit\n"
           "  -v, --version            print the version and exit\n"
           "  --shard K/N              run shard K of N of every sweep (1-based: 1 <= K <= N)\n"
           "  --shard-index I          run shard I of every sweep (0-based: 0 <= I < N),\n"
           "  --shard-count N            with --shard-count N (as Slurm numbers array tasks)\n"
           "  --slurm-array            take I and N from SLURM_ARRAY_TASK_ID minus\n"
           "                           SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT\n"
           "  --                       end of options (the next argument is the script)\n"
           "Options also take the --opt=value form. Exit status: 0 done, 1 the script\n"
           "failed, 2 a usage error (nothing was run).\n");
}

static int usage_error (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

static int
usage_error (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fprintf (stderr, "glasspane-script: ");
  vfprintf (stderr, fmt, ap);
  fprintf (stderr, "\nTry 'glasspane-script --help' for the options.\n");
  va_end (ap);
  return 2;
}

/* A whole number in [0, LONG_MAX], nothing else (no sign, no spaces, no trailing text). */
static bool
parse_count (const char *s, long *v)
{
  if (s == NULL || *s < '0' || *s > '9')
    return false;
  char *end;
  errno = 0;
  *v = strtol (s, &end, 10);
  return errno == 0 && *end == '\0';
}

static bool
parse_shard (const char *s, long *k, long *n)
{
  const char *slash = strchr (s, '/');
  if (slash == NULL || slash - s > 30)
    return false;
  char head[32];
  memcpy (head, s, (size_t) (slash - s));
  head[slash - s] = '\0';
  return parse_count (head, k) && parse_count (slash + 1, n) && *n >= 1 && *k >= 1 && *k <= *n;
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]: the value, *i moved past it; NULL when
 * argv[*i] is not this option. *missing is set when the option has no value. */
static const char *
option_value (int argc, char **argv, int *i, const char *name, bool *missing)
{
  size_t n = strlen (name);
  const char *a = argv[*i];
  if (strncmp (a, name, n) != 0)
    return NULL;
  if (a[n] == '=')
    return a + n + 1;
  if (a[n] != '\0')
    return NULL;
  if (*i + 1 >= argc)
    {
      *missing = true;
      return NULL;
    }
  return argv[++*i];
}

int
main (int argc, char **argv)
{
  int i = 1;
  long shard_k = 0, shard_n = 0;         /* 1-based K of N, 0 for none */
  long index = -1, count = -1;           /* 0-based form */
  bool slurm = false;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++)
    {
      const char *a = argv[i], *v;
      bool missing = false;
      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          return 0;
        }
      if (strcmp (a, "--version") == 0 || strcmp (a, "-v") == 0)
        {
          printf ("glasspane-script %s\n", GP_VERSION);
          return 0;
        }
      if (strcmp (a, "--") == 0)
        {
          i++;
          break;
        }
      if (strcmp (a, "--slurm-array") == 0)
        {
          slurm = true;
          continue;
        }
      if ((v = option_value (argc, argv, &i, "--shard-index", &missing)))
        {
          if (!parse_count (v, &index))
            return usage_error ("--shard-index: '%s' is not a whole number >= 0", v);
          continue;
        }
      if ((v = option_value (argc, argv, &i, "--shard-count", &missing)))
        {
          if (!parse_count (v, &count) || count < 1)
            return usage_error ("--shard-count: '%s' is not a whole number >= 1", v);
          continue;
        }
      if ((v = option_value (argc, argv, &i, "--shard", &missing)))
        {
          if (!parse_shard (v, &shard_k, &shard_n))
            return usage_error ("--shard: '%s' is not K/N with 1 <= K <= N (1-based; for "
                                "0-based indices use --shard-index I --shard-count N)", v);
          continue;
        }
      if (missing)
        return usage_error ("option '%s' needs a value", a);
      return usage_error ("unknown option '%s'", a);
    }
  if (slurm)
    {
      const char *id = getenv ("SLURM_ARRAY_TASK_ID"), *cnt = getenv ("SLURM_ARRAY_TASK_COUNT");
      const char *min = getenv ("SLURM_ARRAY_TASK_MIN");
      long base = 0;
      if (!id || !cnt)
        return usage_error ("--slurm-array: %s is not set (not inside an sbatch --array job)",
                            !id ? "SLURM_ARRAY_TASK_ID" : "SLURM_ARRAY_TASK_COUNT");
      if (!parse_count (id, &index))
        return usage_error ("--slurm-array: SLURM_ARRAY_TASK_ID = '%s' is not a whole number", id);
      if (!parse_count (cnt, &count) || count < 1)
        return usage_error ("--slurm-array: SLURM_ARRAY_TASK_COUNT = '%s' is not a whole number "
                            ">= 1", cnt);
      if (min && (!parse_count (min, &base) || base > index))
        return usage_error ("--slurm-array: SLURM_ARRAY_TASK_MIN = '%s' is not a whole number "
                            "<= SLURM_ARRAY_TASK_ID", min);
      index -= base;
    }
  if (index >= 0 || count >= 0)
    {
      if (shard_n > 0)
        return usage_error ("%s", "--shard and --shard-index/--shard-count (or --slurm-array) "
                                  "are two ways to say the same thing: give one");
      if (index < 0 || count < 0)
        return usage_error ("%s", index < 0 ? "--shard-count needs --shard-index"
                                            : "--shard-index needs --shard-count");
      if (index >= count)
        return usage_error ("shard index %ld is out of range: allowed [0, %ld] for %ld shards "
                            "(0-based)", index, count - 1, count);
      shard_k = index + 1;
      shard_n = count;
    }
  if (i >= argc)
    {
      fprintf (stderr, "glasspane-script: no script given (FILE.lua, or - for standard input)\n");
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
  /* "-": the script from standard input, as lua5.4 does. */
  int status = luaL_loadfile (L, strcmp (script, "-") == 0 ? NULL : script);
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
