/* gp-datafile.c: the sandboxed loader for data files (presets and designs).
 *
 * A data file is untrusted: it may come from a colleague, a paper's artefact or a fuzzer.
 * It runs in its own lua_State whose allocator enforces a byte cap, whose VM is stopped by
 * a count hook after a fixed number of instructions, and whose globals hold only the pure
 * parts of base, string, table and math. What it returns is then walked once in C to make
 * sure it is plain data (a tree of numbers, strings, booleans and tables), so the code that
 * reads it afterwards never meets a function, a metatable or a cycle. */
#include "gp-datafile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

/* Files larger than this are refused before parsing: no preset comes near it, and parsing
 * a huge file would be a slow way to hit the memory cap anyway. */
#define GP_DATAFILE_MAX_BYTES ((size_t) 16 << 20)
/* Total table entries the returned value may hold (counted over the walk, so a table
 * shared many times over counts every time it is reached). */
#define GP_DATAFILE_MAX_ENTRIES 1000000
/* Hard ceiling on limits->max_depth: the walk recurses in C once per level. */
#define GP_DATAFILE_DEPTH_CEILING 200
/* The count hook runs every this many VM instructions. */
#define HOOK_STEP 1000

/* The allocator's and the hook's shared state; the allocator's user data, so the hook
 * finds it with lua_getallocf(). Must outlive lua_close(). */
typedef struct {
  size_t used;          /* bytes currently allocated by the state */
  size_t cap;           /* refuse growth past this; SIZE_MAX once the file has run */
  size_t cap_reported;  /* the cap as configured, for messages */
  bool cap_hit;         /* a growth request was refused because of the cap */
  bool malloc_failed;   /* the system allocator itself failed */
  long instructions;    /* executed so far, in steps of HOOK_STEP */
  long instruction_cap;
  bool tripped;         /* the instruction cap fired; every later hook call errors too */
} sandbox;

struct gp_datafile {
  lua_State *L; /* owned; root table at index 1 */
  char *name;   /* owned: path or chunkname */
  sandbox sb;   /* the allocator's user data: lives as long as L */
};

void
gp_sandbox_limits_init (gp_sandbox_limits *limits)
{
  limits->memory_bytes = (size_t) 64 << 20;
  limits->instructions = 50000000L;
  limits->max_depth = 32;
}

/* ---- the allocator ------------------------------------------------------------------- */

/* Lua's allocator contract: NSIZE == 0 frees; PTR == NULL means OSIZE is a type tag, not
 * a size. Only growth is refused, so Lua can always shrink or free, and its emergency
 * collection gets a chance before a memory error is raised. */
static void *
sandbox_alloc (void *ud, void *ptr, size_t osize, size_t nsize)
{
  sandbox *sb = ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0)
    {
      free (ptr);
      sb->used -= old;
      return NULL;
    }
  if (nsize > old && nsize - old > sb->cap - sb->used)
    {
      sb->cap_hit = true;
      return NULL;
    }
  void *p = realloc (ptr, nsize);
  if (p == NULL)
    {
      sb->malloc_failed = true;
      return NULL;
    }
  sb->used = sb->used - old + nsize;
  return p;
}

/* Only reached if a bug lets an error escape a protected call; Lua aborts after it. */
static int
sandbox_panic (lua_State *L)
{
  const char *msg = lua_type (L, -1) == LUA_TSTRING ? lua_tostring (L, -1) : "?";
  fprintf (stderr, "glasspane: unprotected error in the data-file sandbox: %s\n", msg);
  return 0;
}

/* ---- the instruction cap -------------------------------------------------------------- */

static void
sandbox_hook (lua_State *L, lua_Debug *ar)
{
  void *ud = NULL;
  lua_getallocf (L, &ud);
  sandbox *sb = ud;
  sb->instructions += HOOK_STEP;
  if (sb->instructions <= sb->instruction_cap && !sb->tripped)
    return;
  sb->tripped = true;
  if (lua_getinfo (L, "Sl", ar) != 0 && ar->currentline > 0)
    lua_pushfstring (L, "%s:%d: instruction limit (%I) exceeded: data files may not loop forever",
                     ar->short_src, ar->currentline, (lua_Integer) sb->instruction_cap);
  else
    lua_pushfstring (L, "instruction limit (%I) exceeded: data files may not loop forever",
                     (lua_Integer) sb->instruction_cap);
  lua_error (L);
}

/* ---- the library ---------------------------------------------------------------------- */

/* string.rep without its two ways to spin in C where no hook can stop it: an empty string
 * repeated 2^62 times is a loop of 2^62 empty copies, so it returns "" at once; anything
 * else is bounded by the memory cap, as the buffer is allocated before the copy loop. */
static int
sandbox_string_rep (lua_State *L)
{
  size_t l, lsep;
  const char *s = luaL_checklstring (L, 1, &l);
  lua_Integer n = luaL_checkinteger (L, 2);
  const char *sep = luaL_optlstring (L, 3, "", &lsep);
  if (n <= 0 || l + lsep == 0)
    {
      lua_pushliteral (L, "");
      return 1;
    }
  if (l + lsep < l || l + lsep > ((size_t) PTRDIFF_MAX / 2) / (size_t) n)
    return luaL_error (L, "resulting string too large");
  size_t total = (size_t) n * l + (size_t) (n - 1) * lsep;
  luaL_Buffer b;
  char *p = luaL_buffinitsize (L, &b, total);
  for (lua_Integer i = 0; i < n; i++)
    {
      memcpy (p, s, l);
      p += l;
      if (lsep > 0 && i + 1 < n)
        {
          memcpy (p, sep, lsep);
          p += lsep;
        }
    }
  luaL_pushresultsize (&b, total);
  return 1;
}

static void
remove_field (lua_State *L, const char *table, const char *name)
{
  if (table == NULL)
    {
      lua_pushnil (L);
      lua_setglobal (L, name);
      return;
    }
  lua_getglobal (L, table);
  lua_pushnil (L);
  lua_setfield (L, -2, name);
  lua_pop (L, 1);
}

/* Open the pure libraries and strip everything that reaches outside the state, runs code
 * the hook cannot see, or changes how tables behave. Runs under lua_pcall, so running out
 * of memory here is an error, not a panic. */
static int
sandbox_open (lua_State *L)
{
  luaL_requiref (L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref (L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref (L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref (L, LUA_MATHLIBNAME, luaopen_math, 1);
  lua_pop (L, 4);

  /* Base: loading code, reaching files, catching the limit errors, metatables (metamethods
   * would run in the reader later), the collector, printing and raw writes. */
  static const char *const base_removed[] = {
    "dofile", "loadfile", "load", "require", "print", "pcall", "xpcall", "setmetatable",
    "getmetatable", "collectgarbage", "rawset", "warn", NULL,
  };
  for (int i = 0; base_removed[i]; i++)
    remove_field (L, NULL, base_removed[i]);

  /* string.dump turns functions into bytes; the pattern functions can backtrack for
   * exponential time inside one C call, where the instruction hook never fires. */
  static const char *const string_removed[] = {
    "dump", "find", "match", "gmatch", "gsub", NULL,
  };
  for (int i = 0; string_removed[i]; i++)
    remove_field (L, LUA_STRLIBNAME, string_removed[i]);
  lua_getglobal (L, LUA_STRLIBNAME);
  lua_pushcfunction (L, sandbox_string_rep);
  lua_setfield (L, -2, "rep");
  lua_pop (L, 1);

  /* table.move copies up to 2^63 nils in one C loop that allocates nothing. */
  remove_field (L, LUA_TABLIBNAME, "move");
  /* A data file means the same thing every time it is read. */
  remove_field (L, LUA_MATHLIBNAME, "random");
  remove_field (L, LUA_MATHLIBNAME, "randomseed");
  return 0;
}

/* Keeps the message as it is: no traceback (that would need the debug library), and the
 * message already starts with "FILE:LINE:". Non-string error objects are described. */
static int
sandbox_msgh (lua_State *L)
{
  if (lua_type (L, 1) == LUA_TSTRING)
    return 1;
  lua_pushfstring (L, "(error object is a %s value)", luaL_typename (L, 1));
  return 1;
}

/* ---- messages ------------------------------------------------------------------------- */

/* Lua's short_src for the chunkname "@NAME" (see luaO_chunkid): NAME itself when it fits
 * in LUA_IDSIZE, else "..." and its tail. */
static void
short_src (char *out, size_t outlen, const char *name)
{
  size_t len = strlen (name);
  if (len + 1 <= LUA_IDSIZE)
    snprintf (out, outlen, "%s", name);
  else
    snprintf (out, outlen, "...%s", name + len - (LUA_IDSIZE - 4));
}

/* Lua messages from the file start with "SHORT_SRC:LINE:"; others (a binary chunk, a
 * memory error, a non-string error object) get "NAME: " so every message names the file. */
static void
set_lua_error (gp_error *err, gp_status status, const gp_datafile *df, const char *msg)
{
  char src[LUA_IDSIZE + 4];
  short_src (src, sizeof src, df->name);
  size_t n = strlen (src);
  if (strncmp (msg, src, n) == 0 && msg[n] == ':')
    gp_error_set (err, status, NULL, "%s", msg);
  else
    gp_error_set (err, status, NULL, "%s: %s", df->name, msg);
}

static void
set_memory_error (gp_error *err, const gp_datafile *df)
{
  if (df->sb.malloc_failed && !df->sb.cap_hit)
    gp_error_set (err, GP_ENOMEM, NULL, "%s: out of memory", df->name);
  else
    gp_error_set (err, GP_EINVAL, NULL, "%s: memory limit (%.3g MiB) exceeded", df->name,
                  (double) df->sb.cap_reported / (1024.0 * 1024.0));
}

/* Turn the status of a protected call into ERR. Lua reports running out of memory either
 * as LUA_ERRMEM or, from a library buffer, as a plain "not enough memory" error. */
static gp_status
report_call (gp_datafile *df, int status, gp_error *err)
{
  lua_State *L = df->L;
  const char *msg = lua_type (L, -1) == LUA_TSTRING ? lua_tostring (L, -1) : NULL;
  bool out_of_memory =
    status == LUA_ERRMEM
    || ((df->sb.cap_hit || df->sb.malloc_failed)
        && (status == LUA_ERRERR || (msg && strstr (msg, "not enough memory"))));
  if (out_of_memory)
    set_memory_error (err, df);
  else
    set_lua_error (err, GP_EINVAL, df, msg ? msg : "error without a message");
  return err ? err->status : GP_EINVAL;
}

/* ---- checking the returned value ------------------------------------------------------ */

typedef struct {
  const char *name;   /* for messages */
  int max_depth;
  size_t entries;
  int ancestors[GP_DATAFILE_DEPTH_CEILING + 2]; /* stack indices of the tables on the path */
  char path[200];     /* "nodes[3].sources" */
  char msg[GP_ERROR_MESSAGE_MAX];
} walk_ctx;

static bool
is_identifier (const char *s, size_t len)
{
  if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
    return false;
  for (size_t i = 1; i < len; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
          || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
      return false;
  return true;
}

/* Append the key at stack index K to the path (truncating quietly: the path is for
 * humans). Returns false and fills c->msg for a key that data cannot have. */
static bool
append_key (lua_State *L, walk_ctx *c, size_t at, int k)
{
  char *p = c->path + at;
  size_t room = sizeof c->path - at;
  const char *where = at ? c->path : "the returned table";
  switch (lua_type (L, k))
    {
    case LUA_TSTRING:
      {
        size_t len;
        const char *s = lua_tolstring (L, k, &len);
        if (is_identifier (s, len))
          snprintf (p, room, "%s%s", at ? "." : "", s);
        else if (strlen (s) == len)
          snprintf (p, room, "[\"%.40s\"]", s);
        else
          snprintf (p, room, "[\"%.40s\\0...\"]", s);
        return true;
      }
    case LUA_TNUMBER:
      if (lua_isinteger (L, k))
        {
          snprintf (p, room, "[%lld]", (long long) lua_tointeger (L, k));
          return true;
        }
      snprintf (c->msg, sizeof c->msg,
                "%s: key %.17g in %s is not a whole number; data file keys are names or "
                "list positions", c->name, lua_tonumber (L, k), where);
      return false;
    default:
      snprintf (c->msg, sizeof c->msg,
                "%s: a key in %s is a %s; data file keys are names or list positions",
                c->name, where, luaL_typename (L, k));
      return false;
    }
}

/* Check the table at the top of the stack (at nesting DEPTH, the root being 1). */
static bool
walk_table (lua_State *L, walk_ctx *c, int depth)
{
  int t = lua_gettop (L);
  c->ancestors[depth] = t;
  size_t at = strlen (c->path);
  if (!lua_checkstack (L, 4))
    {
      snprintf (c->msg, sizeof c->msg, "%s: tables nested too deeply", c->name);
      return false;
    }
  lua_pushnil (L);
  while (lua_next (L, t) != 0)
    {
      if (++c->entries > GP_DATAFILE_MAX_ENTRIES)
        {
          snprintf (c->msg, sizeof c->msg,
                    "%s: more than %d table entries; data files may not be that large",
                    c->name, GP_DATAFILE_MAX_ENTRIES);
          return false;
        }
      if (!append_key (L, c, at, -2))
        return false;
      int vt = lua_type (L, -1);
      if (vt == LUA_TTABLE)
        {
          for (int d = 1; d <= depth; d++)
            if (lua_rawequal (L, -1, c->ancestors[d]))
              {
                snprintf (c->msg, sizeof c->msg,
                          "%s: value at %s is a table that contains it (a cycle); data "
                          "files hold trees", c->name, c->path);
                return false;
              }
          if (depth + 1 > c->max_depth)
            {
              snprintf (c->msg, sizeof c->msg,
                        "%s: value at %s is nested more than %d tables deep", c->name,
                        c->path, c->max_depth);
              return false;
            }
          if (!walk_table (L, c, depth + 1))
            return false;
        }
      else if (vt != LUA_TNUMBER && vt != LUA_TSTRING && vt != LUA_TBOOLEAN)
        {
          snprintf (c->msg, sizeof c->msg,
                    "%s: value at %s is a %s; data files hold only numbers, strings, "
                    "booleans and tables", c->name, c->path, luaL_typename (L, -1));
          return false;
        }
      c->path[at] = '\0';
      lua_pop (L, 1);
    }
  return true;
}

/* Checks the format version, then walks the tree. Runs under lua_pcall because pushing
 * the key "format" allocates. Upvalue-free: the context comes as a light userdata. */
static int
sandbox_validate (lua_State *L)
{
  walk_ctx *c = lua_touserdata (L, 1);
  lua_settop (L, 2); /* the root table at 2 */

  lua_pushliteral (L, "format");
  lua_rawget (L, 2);
  if (!lua_isnil (L, -1))
    {
      int isint = 0;
      lua_Integer v = lua_tointegerx (L, -1, &isint);
      if (!isint || lua_type (L, -1) != LUA_TNUMBER)
        {
          snprintf (c->msg, sizeof c->msg, "%s: format must be a whole number from 1 to %d, "
                    "got a %s", c->name, GP_FORMAT_VERSION, luaL_typename (L, -1));
          lua_pushboolean (L, 0);
          return 1;
        }
      if (v > GP_FORMAT_VERSION)
        {
          snprintf (c->msg, sizeof c->msg, "%s: format %lld is newer than this glasspane "
                    "understands (%d); upgrade glasspane", c->name, (long long) v,
                    GP_FORMAT_VERSION);
          lua_pushboolean (L, 0);
          return 1;
        }
      if (v < 1)
        {
          snprintf (c->msg, sizeof c->msg, "%s: format %lld is not a format version (they "
                    "start at 1)", c->name, (long long) v);
          lua_pushboolean (L, 0);
          return 1;
        }
    }
  lua_settop (L, 2);
  c->path[0] = '\0';
  lua_pushboolean (L, walk_table (L, c, 1));
  return 1;
}

/* ---- loading -------------------------------------------------------------------------- */

static const char *
lua_type_article (int type)
{
  switch (type)
    {
    case LUA_TNIL: return "nil";
    case LUA_TBOOLEAN: return "a boolean";
    case LUA_TNUMBER: return "a number";
    case LUA_TSTRING: return "a string";
    case LUA_TFUNCTION: return "a function";
    case LUA_TUSERDATA: case LUA_TLIGHTUSERDATA: return "a userdata";
    case LUA_TTHREAD: return "a thread";
    default: return "a value of unknown type";
    }
}

static gp_datafile *
load_chunk (const char *name, const char *buf, size_t len, const gp_sandbox_limits *limits,
            gp_error *err)
{
  gp_sandbox_limits defaults;
  if (limits == NULL)
    {
      gp_sandbox_limits_init (&defaults);
      limits = &defaults;
    }
  if (limits->memory_bytes == 0 || limits->instructions <= 0 || limits->max_depth < 1
      || limits->max_depth > GP_DATAFILE_DEPTH_CEILING)
    {
      gp_error_set (err, GP_EINVAL, "limits",
                    "%s: sandbox limits out of range: memory_bytes > 0, instructions > 0, "
                    "max_depth in [1, %d]", name, GP_DATAFILE_DEPTH_CEILING);
      return NULL;
    }

  gp_datafile *df = calloc (1, sizeof *df);
  char *chunkname = NULL;
  if (df == NULL || (df->name = strdup (name)) == NULL
      || (chunkname = malloc (strlen (name) + 2)) == NULL)
    {
      gp_error_set (err, GP_ENOMEM, NULL, "%s: out of memory", name);
      gp_datafile_free (df);
      return NULL;
    }
  chunkname[0] = '@';
  strcpy (chunkname + 1, name);

  df->sb.cap = df->sb.cap_reported = limits->memory_bytes;
  df->sb.instruction_cap = limits->instructions;
  df->L = lua_newstate (sandbox_alloc, &df->sb);
  if (df->L == NULL)
    {
      set_memory_error (err, df);
      goto fail;
    }
  lua_State *L = df->L;
  lua_atpanic (L, sandbox_panic);

  /* Light C functions are pushed without allocating, so every step that can fail runs
   * under lua_pcall. */
  lua_pushcfunction (L, sandbox_open);
  int status = lua_pcall (L, 0, 0, 0);
  if (status != LUA_OK)
    {
      report_call (df, status, err);
      goto fail;
    }

  /* A UTF-8 byte-order mark is skipped, as lua.c does. */
  if (len >= 3 && memcmp (buf, "\xEF\xBB\xBF", 3) == 0)
    {
      buf += 3;
      len -= 3;
    }
  lua_pushcfunction (L, sandbox_msgh);
  status = luaL_loadbufferx (L, buf, len, chunkname, "t");
  if (status != LUA_OK)
    {
      report_call (df, status, err);
      goto fail;
    }
  lua_sethook (L, sandbox_hook, LUA_MASKCOUNT, HOOK_STEP);
  status = lua_pcall (L, 0, LUA_MULTRET, 1);
  if (status != LUA_OK)
    {
      report_call (df, status, err);
      goto fail;
    }
  lua_remove (L, 1); /* the message handler */

  int nresults = lua_gettop (L);
  if (nresults != 1 || lua_type (L, 1) != LUA_TTABLE)
    {
      if (nresults == 0)
        gp_error_set (err, GP_EINVAL, NULL,
                      "%s: returned nothing; a data file must end with `return { ... }`",
                      df->name);
      else if (nresults > 1)
        gp_error_set (err, GP_EINVAL, NULL,
                      "%s: returned %d values; a data file must return exactly one table",
                      df->name, nresults);
      else
        gp_error_set (err, GP_EINVAL, NULL, "%s: returned %s; a data file must return a table",
                      df->name, lua_type_article (lua_type (L, 1)));
      goto fail;
    }

  walk_ctx *c = calloc (1, sizeof *c);
  if (c == NULL)
    {
      gp_error_set (err, GP_ENOMEM, NULL, "%s: out of memory", df->name);
      goto fail;
    }
  c->name = df->name;
  c->max_depth = limits->max_depth;
  lua_pushcfunction (L, sandbox_validate);
  lua_pushlightuserdata (L, c);
  lua_pushvalue (L, 1);
  status = lua_pcall (L, 2, 1, 0);
  if (status != LUA_OK)
    {
      report_call (df, status, err);
      free (c);
      goto fail;
    }
  bool ok = lua_toboolean (L, -1);
  lua_pop (L, 1);
  if (!ok)
    {
      gp_error_set (err, GP_EINVAL, NULL, "%s", c->msg);
      free (c);
      goto fail;
    }
  free (c);

  /* Nothing in the file can run any more, so its caps have done their work; lifting the
   * memory cap means the C code reading the table cannot hit it outside a protected call. */
  df->sb.cap = SIZE_MAX;
  free (chunkname);
  gp_error_clear (err);
  return df;

fail:
  free (chunkname);
  gp_datafile_free (df);
  return NULL;
}

gp_datafile *
gp_datafile_load_buffer (const char *chunkname, const char *buf, size_t len,
                         const gp_sandbox_limits *limits, gp_error *err)
{
  if (chunkname == NULL)
    chunkname = "buffer";
  if (buf == NULL && len > 0)
    {
      gp_error_set (err, GP_EINVAL, NULL, "%s: no buffer given", chunkname);
      return NULL;
    }
  if (len == 0)
    {
      gp_error_set (err, GP_EINVAL, NULL, "%s: empty; a data file must return a table",
                    chunkname);
      return NULL;
    }
  return load_chunk (chunkname, buf, len, limits, err);
}

/* Read a whole regular file of at most GP_DATAFILE_MAX_BYTES. O_NONBLOCK keeps a FIFO
 * from blocking the open; the fstat then refuses it. */
static char *
read_file (const char *path, size_t *len_out, gp_error *err)
{
  int fd = open (path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      gp_error_set (err, GP_EIO, NULL, "%s: cannot open: %s", path, strerror (errno));
      return NULL;
    }
  struct stat st;
  if (fstat (fd, &st) != 0)
    {
      gp_error_set (err, GP_EIO, NULL, "%s: cannot stat: %s", path, strerror (errno));
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      gp_error_set (err, GP_EIO, NULL, "%s: %s, not a data file", path,
                    S_ISDIR (st.st_mode) ? "is a directory" : "is not a regular file");
      close (fd);
      return NULL;
    }
  if ((uintmax_t) st.st_size > GP_DATAFILE_MAX_BYTES)
    {
      gp_error_set (err, GP_EIO, NULL, "%s: file is too large (%.1f MiB; data files may be "
                    "at most %zu MiB)", path, (double) st.st_size / (1024.0 * 1024.0),
                    GP_DATAFILE_MAX_BYTES >> 20);
      close (fd);
      return NULL;
    }
  /* One byte more than the limit, to notice a file that grew since the fstat. */
  size_t cap = (size_t) st.st_size + 1;
  char *buf = malloc (cap);
  if (buf == NULL)
    {
      gp_error_set (err, GP_ENOMEM, NULL, "%s: out of memory", path);
      close (fd);
      return NULL;
    }
  size_t len = 0;
  for (;;)
    {
      if (len == cap)
        {
          if (cap > GP_DATAFILE_MAX_BYTES)
            {
              gp_error_set (err, GP_EIO, NULL, "%s: file is too large (data files may be at "
                            "most %zu MiB)", path, GP_DATAFILE_MAX_BYTES >> 20);
              free (buf);
              close (fd);
              return NULL;
            }
          size_t ncap = cap * 2 > GP_DATAFILE_MAX_BYTES + 1 ? GP_DATAFILE_MAX_BYTES + 1 : cap * 2;
          char *nbuf = realloc (buf, ncap);
          if (nbuf == NULL)
            {
              gp_error_set (err, GP_ENOMEM, NULL, "%s: out of memory", path);
              free (buf);
              close (fd);
              return NULL;
            }
          buf = nbuf;
          cap = ncap;
        }
      ssize_t r = read (fd, buf + len, cap - len);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          gp_error_set (err, GP_EIO, NULL, "%s: cannot read: %s", path, strerror (errno));
          free (buf);
          close (fd);
          return NULL;
        }
      if (r == 0)
        break;
      len += (size_t) r;
    }
  close (fd);
  *len_out = len;
  return buf;
}

gp_datafile *
gp_datafile_load (const char *path, const gp_sandbox_limits *limits, gp_error *err)
{
  if (path == NULL || path[0] == '\0')
    {
      gp_error_set (err, GP_EINVAL, "path", "no data file path given");
      return NULL;
    }
  size_t len = 0;
  char *buf = read_file (path, &len, err);
  if (buf == NULL)
    return NULL;
  if (len == 0)
    {
      gp_error_set (err, GP_EINVAL, NULL, "%s: file is empty; a data file must return a table",
                    path);
      free (buf);
      return NULL;
    }
  gp_datafile *df = load_chunk (path, buf, len, limits, err);
  free (buf);
  return df;
}

void
gp_datafile_free (gp_datafile *df)
{
  if (df == NULL)
    return;
  if (df->L)
    lua_close (df->L);
  free (df->name);
  free (df);
}

lua_State *
gp_datafile_lua (gp_datafile *df)
{
  return df->L;
}

const char *
gp_datafile_name (const gp_datafile *df)
{
  return df->name;
}

/* ---- copying out ---------------------------------------------------------------------- */

static void
copy_value (lua_State *src, int idx, lua_State *dst, int depth);

/* Copy the table at SRC index IDX into a new table on DST. The tree was checked at load
 * time (plain values, no cycles, depth <= max_depth), so this recursion is bounded. */
static void
copy_table (lua_State *src, int idx, lua_State *dst, int depth)
{
  idx = lua_absindex (src, idx);
  luaL_checkstack (dst, 3, "copying a data file");
  if (!lua_checkstack (src, 3))
    luaL_error (dst, "copying a data file: source stack exhausted");
  lua_newtable (dst);
  lua_pushnil (src);
  while (lua_next (src, idx) != 0)
    {
      copy_value (src, -2, dst, depth);
      copy_value (src, -1, dst, depth);
      lua_rawset (dst, -3);
      lua_pop (src, 1);
    }
}

static void
copy_value (lua_State *src, int idx, lua_State *dst, int depth)
{
  switch (lua_type (src, idx))
    {
    case LUA_TNUMBER:
      if (lua_isinteger (src, idx))
        lua_pushinteger (dst, lua_tointeger (src, idx));
      else
        lua_pushnumber (dst, lua_tonumber (src, idx));
      break;
    case LUA_TSTRING:
      {
        size_t len;
        const char *s = lua_tolstring (src, idx, &len);
        lua_pushlstring (dst, s, len);
        break;
      }
    case LUA_TBOOLEAN:
      lua_pushboolean (dst, lua_toboolean (src, idx));
      break;
    case LUA_TTABLE:
      if (depth >= GP_DATAFILE_DEPTH_CEILING)
        luaL_error (dst, "copying a data file: nested too deeply");
      copy_table (src, idx, dst, depth + 1);
      break;
    default:
      /* Unreachable: the load-time walk refused every other type. */
      lua_pushnil (dst);
      break;
    }
}

void
gp_datafile_push_copy (gp_datafile *df, lua_State *dst)
{
  copy_table (df->L, 1, dst, 1);
}
