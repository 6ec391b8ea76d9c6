/* gp-datafile.c: the sandboxed loader for data files (presets and designs).
 *
 * A data file is untrusted: it may come from a colleague, a paper's artefact or a fuzzer.
 * It runs in its own lua_State whose allocator enforces a byte cap and a cap on the length
 * of any one string, whose VM is stopped by a count hook after a fixed number of
 * instructions or once its CPU or wall-clock deadline has passed, and whose globals hold
 * only the pure parts of base, string, table and math (with the functions whose work grows
 * with their input charged to the same budget). What it returns is then walked once in C
 * to make sure it is plain data (a tree of numbers, strings, booleans and tables) that can
 * be copied out within the byte cap, so the code that reads it afterwards never meets a
 * function, a metatable or a cycle. */
#include "gp-datafile.h"
#include "gp-datafile-deps.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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
/* The count hook runs every this many VM instructions. One instruction can cost up to a
 * scan of the longest string allowed (a comparison, a string-to-number coercion: about
 * 0.5 ms for 1 MiB), so the clock is read often enough to keep the overshoot of a
 * deadline under a tenth of a second; the hook costs about 10% on a tight loop. */
#define HOOK_STEP 100
/* The allocator reads the clock after this many bytes of growth: work that allocates
 * (concatenation, string.rep, table growth) is bounded by the clock too. */
#define ALLOC_CHECK_BYTES ((size_t) 4 << 20)
/* What gp_datafile_push_copy spends per table and per entry of a table it builds (a Lua
 * 5.4 Table header, and a hash node rounded up for the power-of-two sizing). */
#define COPY_TABLE_BYTES 64
#define COPY_ENTRY_BYTES 40
/* Strings at most this long are interned by Lua, so copying one twice costs nothing;
 * longer ones are shared through a cache during the copy (Lua's LUAI_MAXSHORTLEN). */
#define COPY_SHORT_STRING 40

typedef enum { TIME_OK, TIME_WALL, TIME_CPU } time_state;

/* The allocator's and the hook's shared state; the allocator's user data, so the hook
 * finds it with lua_getallocf(). Must outlive lua_close(). */
typedef struct {
  size_t used;          /* bytes currently allocated by the state */
  size_t cap;           /* refuse growth past this; SIZE_MAX once the file has run */
  size_t cap_reported;  /* the cap as configured, for messages */
  bool cap_hit;         /* a growth request was refused because of the cap */
  bool malloc_failed;   /* the system allocator itself failed */
  size_t string_cap;    /* longest string object allowed (bytes of text); SIZE_MAX after */
  size_t string_refused; /* length of a refused string, 0 if none */
  long instructions;    /* executed so far (steps of HOOK_STEP) plus charged C work */
  long instruction_cap;
  bool tripped;         /* a cap or deadline fired; every later check errors too */
  /* Deadlines, while the file is parsed and run (running). */
  bool running;
  double wall_limit, cpu_limit;     /* seconds */
  struct timespec wall_start;       /* CLOCK_MONOTONIC_COARSE */
  struct timespec cpu_start;        /* CLOCK_THREAD_CPUTIME_ID */
  double last_cpu_check;            /* wall seconds at the last CPU clock read */
  size_t grown_since_check;         /* allocator growth since the last clock read */
  time_state timed_out;
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
  limits->string_bytes = (size_t) 1 << 20;
  limits->cpu_seconds = 2.0;
  limits->wall_seconds = 10.0;
}

/* ---- the clocks ----------------------------------------------------------------------- */

static double
seconds_since (clockid_t clock, const struct timespec *t0)
{
  struct timespec now;
  if (clock_gettime (clock, &now) != 0)
    return 0;
  return (double) (now.tv_sec - t0->tv_sec) + 1e-9 * (double) (now.tv_nsec - t0->tv_nsec);
}

static void
deadline_start (sandbox *sb)
{
  clock_gettime (CLOCK_MONOTONIC_COARSE, &sb->wall_start);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &sb->cpu_start);
  sb->last_cpu_check = 0;
  sb->grown_since_check = 0;
  sb->running = true;
}

/* Has a deadline passed? The coarse monotonic clock costs ~15 ns; the thread's CPU clock
 * is a system call (microseconds here), so it is read only once the wall clock says the
 * CPU limit could have been reached (CPU time cannot outrun wall time on one thread), and
 * then at most every 10 ms. */
static bool
out_of_time (sandbox *sb)
{
  if (!sb->running)
    return false;
  if (sb->timed_out != TIME_OK)
    return true;
  double wall = seconds_since (CLOCK_MONOTONIC_COARSE, &sb->wall_start);
  if (wall > sb->wall_limit)
    sb->timed_out = TIME_WALL;
  else if (wall > sb->cpu_limit && wall - sb->last_cpu_check >= 0.01)
    {
      sb->last_cpu_check = wall;
      if (seconds_since (CLOCK_THREAD_CPUTIME_ID, &sb->cpu_start) > sb->cpu_limit)
        sb->timed_out = TIME_CPU;
    }
  return sb->timed_out != TIME_OK;
}

/* ---- the allocator ------------------------------------------------------------------- */

/* Lua's allocator contract: NSIZE == 0 frees; PTR == NULL means OSIZE is a type tag, not
 * a size. Only growth is refused, so Lua can always shrink or free, and its emergency
 * collection gets a chance before a memory error is raised. A new string object (tag
 * LUA_TSTRING) longer than the string cap is refused whatever memory is left: every
 * string the file makes, literals included, goes through here. */
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
  if (nsize > old)
    {
      if (nsize - old > sb->cap - sb->used)
        {
          sb->cap_hit = true;
          return NULL;
        }
      /* A string object is its header (under 32 bytes) and its text plus a NUL. */
      if (ptr == NULL && osize == LUA_TSTRING && nsize > 32 && nsize - 32 > sb->string_cap)
        {
          sb->string_refused = nsize - 32;
          return NULL;
        }
      sb->grown_since_check += nsize - old;
      if (sb->grown_since_check >= ALLOC_CHECK_BYTES)
        {
          sb->grown_since_check = 0;
          if (out_of_time (sb))
            return NULL;
        }
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

/* ---- the instruction cap and the deadlines -------------------------------------------- */

static sandbox *
sandbox_of (lua_State *L)
{
  void *ud = NULL;
  lua_getallocf (L, &ud);
  return ud;
}

/* Push the message for the cap or deadline that fired, after WHERE ("file:line: " or ""). */
static void
push_stop_message (lua_State *L, const sandbox *sb, const char *where)
{
  if (sb->timed_out == TIME_WALL)
    lua_pushfstring (L, "%stime limit (%f s of wall-clock time) exceeded: data files must "
                        "load in well under a second", where, sb->wall_limit);
  else if (sb->timed_out == TIME_CPU)
    lua_pushfstring (L, "%stime limit (%f s of CPU time) exceeded: data files must load in "
                        "well under a second", where, sb->cpu_limit);
  else
    lua_pushfstring (L, "%sinstruction limit (%I) exceeded: data files may not loop forever",
                     where, (lua_Integer) sb->instruction_cap);
}

/* Whether the budget is spent: the instruction cap, then the clocks. */
static bool
budget_spent (sandbox *sb)
{
  if (sb->tripped)
    return true;
  if (sb->instructions > sb->instruction_cap || out_of_time (sb))
    sb->tripped = true;
  return sb->tripped;
}

static void
sandbox_hook (lua_State *L, lua_Debug *ar)
{
  sandbox *sb = sandbox_of (L);
  sb->instructions += HOOK_STEP;
  if (!budget_spent (sb))
    return;
  char where[LUA_IDSIZE + 32] = "";
  if (lua_getinfo (L, "Sl", ar) != 0 && ar->currentline > 0)
    snprintf (where, sizeof where, "%s:%d: ", ar->short_src, ar->currentline);
  push_stop_message (L, sb, where);
  lua_error (L);
}

/* Charge UNITS of work done (or about to be done) inside a C function to the instruction
 * budget, and stop the file if the budget or a deadline is spent. */
static void
sandbox_charge (lua_State *L, lua_Integer units)
{
  sandbox *sb = sandbox_of (L);
  if (units > 0)
    sb->instructions = units > LONG_MAX - sb->instructions ? LONG_MAX
                                                           : sb->instructions + (long) units;
  if (!budget_spent (sb))
    return;
  luaL_where (L, 1);
  push_stop_message (L, sb, lua_tostring (L, -1));
  lua_error (L);
}

/* ---- the library ---------------------------------------------------------------------- */

/* string.rep without its two ways to spin in C where no hook can stop it: an empty string
 * repeated 2^62 times is a loop of 2^62 empty copies, so it returns "" at once; anything
 * else must fit the string cap, checked before the buffer is allocated. */
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
  size_t cap = sandbox_of (L)->string_cap;
  if (l + lsep < l || l + lsep > ((size_t) PTRDIFF_MAX / 2) / (size_t) n
      || (size_t) n * l + (size_t) (n - 1) * lsep > cap)
    {
      sandbox_of (L)->string_refused = SIZE_MAX;
      return luaL_error (L, "string limit (%d KiB) exceeded by string.rep: a data file's "
                            "strings may not be longer", (int) (cap >> 10));
    }
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

/* Wrappers that charge a stock C function's work before calling it (upvalue 1: the stock
 * function, a light C function that uses no upvalues of its own, so it can run in this
 * frame). The charge is an upper bound of the elements the function will touch. */

/* The range [i, j] of a table argument, defaults 1 and #t (raw: there are no metatables). */
static lua_Integer
range_len (lua_State *L, int t, int i_arg, int j_arg)
{
  if (lua_type (L, t) != LUA_TTABLE)
    return 0;
  lua_Integer i = luaL_optinteger (L, i_arg, 1);
  lua_Integer j = lua_isnoneornil (L, j_arg) ? (lua_Integer) lua_rawlen (L, t)
                                             : luaL_checkinteger (L, j_arg);
  return i <= j ? (lua_Integer) ((lua_Unsigned) j - (lua_Unsigned) i + 1u) : 0;
}

/* table.insert(t, pos, v) and table.remove(t, pos) shift every element after POS. */
static int
charged_shift (lua_State *L)
{
  lua_CFunction f = lua_tocfunction (L, lua_upvalueindex (1));
  sandbox_charge (L, lua_type (L, 1) == LUA_TTABLE ? (lua_Integer) lua_rawlen (L, 1) : 0);
  return f (L);
}

/* table.concat(t, sep, i, j) and table.unpack(t, i, j) visit [i, j]. */
static int
charged_concat (lua_State *L)
{
  lua_CFunction f = lua_tocfunction (L, lua_upvalueindex (1));
  sandbox_charge (L, range_len (L, 1, 3, 4));
  return f (L);
}

static int
charged_unpack (lua_State *L)
{
  lua_CFunction f = lua_tocfunction (L, lua_upvalueindex (1));
  sandbox_charge (L, range_len (L, 1, 2, 3));
  return f (L);
}

/* tonumber(s [, base]) scans all of s. */
static int
charged_by_string (lua_State *L)
{
  lua_CFunction f = lua_tocfunction (L, lua_upvalueindex (1));
  size_t len = 0;
  if (lua_type (L, 1) == LUA_TSTRING)
    lua_tolstring (L, 1, &len);
  sandbox_charge (L, (lua_Integer) len);
  return f (L);
}

/* string.byte(s, i, j) pushes up to #s values; with no j, one. */
static int
charged_byte (lua_State *L)
{
  lua_CFunction f = lua_tocfunction (L, lua_upvalueindex (1));
  size_t len = 0;
  if (lua_type (L, 1) == LUA_TSTRING && !lua_isnoneornil (L, 3))
    lua_tolstring (L, 1, &len);
  sandbox_charge (L, (lua_Integer) len);
  return f (L);
}

static void
wrap_field (lua_State *L, const char *table, const char *name, lua_CFunction wrapper)
{
  lua_getglobal (L, table);
  lua_getfield (L, -1, name);
  lua_pushcclosure (L, wrapper, 1);
  lua_setfield (L, -2, name);
  lua_pop (L, 1);
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
   * exponential time inside one C call, where the instruction hook never fires; unpack
   * walks a format of any length without allocating (and data needs no binary packing). */
  static const char *const string_removed[] = {
    "dump", "find", "match", "gmatch", "gsub", "pack", "unpack", "packsize", NULL,
  };
  for (int i = 0; string_removed[i]; i++)
    remove_field (L, LUA_STRLIBNAME, string_removed[i]);
  lua_getglobal (L, LUA_STRLIBNAME);
  lua_pushcfunction (L, sandbox_string_rep);
  lua_setfield (L, -2, "rep");
  lua_pop (L, 1);

  /* table.move copies up to 2^63 nils in one C loop that allocates nothing; table.sort
   * makes n log n comparisons of up to 1 MiB each in one call. Data needs neither. */
  remove_field (L, LUA_TABLIBNAME, "move");
  remove_field (L, LUA_TABLIBNAME, "sort");
  wrap_field (L, LUA_TABLIBNAME, "insert", charged_shift);
  wrap_field (L, LUA_TABLIBNAME, "remove", charged_shift);
  wrap_field (L, LUA_TABLIBNAME, "concat", charged_concat);
  wrap_field (L, LUA_TABLIBNAME, "unpack", charged_unpack);
  wrap_field (L, LUA_STRLIBNAME, "byte", charged_byte);
  lua_pushglobaltable (L);
  lua_getfield (L, -1, "tonumber");
  lua_pushcclosure (L, charged_by_string, 1);
  lua_setfield (L, -2, "tonumber");
  lua_pop (L, 1);
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
  bool refused = status == LUA_ERRMEM || status == LUA_ERRERR
                 || (msg && strstr (msg, "not enough memory"));
  /* A deadline seen by the allocator surfaces as a memory error. */
  if (refused && df->sb.timed_out != TIME_OK)
    {
      push_stop_message (L, &df->sb, "");
      set_lua_error (err, GP_EINVAL, df, lua_tostring (L, -1));
      return err ? err->status : GP_EINVAL;
    }
  if (refused && df->sb.string_refused > 0 && df->sb.string_refused != SIZE_MAX)
    {
      gp_error_set (err, GP_EINVAL, NULL, "%s: string limit (%zu KiB) exceeded: a data "
                    "file's strings may not be longer", df->name, df->sb.string_cap >> 10);
      return err ? err->status : GP_EINVAL;
    }
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
  size_t copy_bytes;  /* what gp_datafile_push_copy will spend on tables */
  size_t copy_cap;
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
  c->copy_bytes += COPY_TABLE_BYTES;
  lua_pushnil (L);
  while (lua_next (L, t) != 0)
    {
      c->copy_bytes += COPY_ENTRY_BYTES;
      if (c->copy_bytes > c->copy_cap)
        {
          snprintf (c->msg, sizeof c->msg,
                    "%s: its tables, counted each time they are reached, would take more "
                    "than the %.3g MiB memory limit to copy out of the sandbox", c->name,
                    (double) c->copy_cap / (1024.0 * 1024.0));
          return false;
        }
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
      || limits->max_depth > GP_DATAFILE_DEPTH_CEILING || limits->string_bytes == 0
      || !(limits->cpu_seconds > 0 && limits->cpu_seconds <= 3600)
      || !(limits->wall_seconds > 0 && limits->wall_seconds <= 3600))
    {
      gp_error_set (err, GP_EINVAL, "limits",
                    "%s: sandbox limits out of range: memory_bytes > 0, instructions > 0, "
                    "max_depth in [1, %d], string_bytes > 0, cpu_seconds and wall_seconds "
                    "in (0, 3600]", name, GP_DATAFILE_DEPTH_CEILING);
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
  df->sb.string_cap = limits->string_bytes;
  df->sb.cpu_limit = limits->cpu_seconds;
  df->sb.wall_limit = limits->wall_seconds;
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
  /* The C locale while the file runs: string comparisons (strcoll) cost a plain byte
   * compare, and numbers read and print the same whatever locale the GUI has set. */
  locale_t c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  locale_t saved_locale = c_locale ? uselocale (c_locale) : (locale_t) 0;
  lua_pushcfunction (L, sandbox_msgh);
  deadline_start (&df->sb);
  status = luaL_loadbufferx (L, buf, len, chunkname, "t");
  if (status == LUA_OK)
    {
      lua_sethook (L, sandbox_hook, LUA_MASKCOUNT, HOOK_STEP);
      status = lua_pcall (L, 0, LUA_MULTRET, 1);
      lua_sethook (L, NULL, 0, 0);
    }
  df->sb.running = false;
  if (c_locale)
    {
      uselocale (saved_locale);
      freelocale (c_locale);
    }
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
  c->copy_cap = limits->memory_bytes;
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
  df->sb.string_cap = SIZE_MAX;
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
  /* stat'ed before the read, so a change during it shows at the next freshness check */
  struct stat before;
  bool have_stat = stat (path, &before) == 0;
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
  if (df != NULL)
    gp_datafile_deps_note (path, have_stat ? &before : NULL);
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

typedef struct {
  lua_State *src, *dst;
  int cache; /* DST index of a table: source string address (light userdata) -> copy */
} copy_ctx;

static void
copy_value (copy_ctx *c, int idx, int depth);

/* Copy the table at SRC index IDX into a new table on DST. The tree was checked at load
 * time (plain values, no cycles, depth <= max_depth, size within the byte budget), so this
 * recursion is bounded. */
static void
copy_table (copy_ctx *c, int idx, int depth)
{
  lua_State *src = c->src, *dst = c->dst;
  idx = lua_absindex (src, idx);
  luaL_checkstack (dst, 4, "copying a data file");
  if (!lua_checkstack (src, 3))
    luaL_error (dst, "copying a data file: source stack exhausted");
  lua_newtable (dst);
  lua_pushnil (src);
  while (lua_next (src, idx) != 0)
    {
      copy_value (c, -2, depth);
      copy_value (c, -1, depth);
      lua_rawset (dst, -3);
      lua_pop (src, 1);
    }
}

/* A long string is copied once: later references find the copy in the cache, keyed by
 * the source string's address (stable while the source state lives). */
static void
copy_string (copy_ctx *c, int idx)
{
  size_t len;
  const char *s = lua_tolstring (c->src, idx, &len);
  if (len <= COPY_SHORT_STRING)
    {
      lua_pushlstring (c->dst, s, len);
      return;
    }
  lua_pushlightuserdata (c->dst, (void *) s);
  if (lua_rawget (c->dst, c->cache) == LUA_TSTRING)
    return;
  lua_pop (c->dst, 1);
  lua_pushlstring (c->dst, s, len);
  lua_pushlightuserdata (c->dst, (void *) s);
  lua_pushvalue (c->dst, -2);
  lua_rawset (c->dst, c->cache);
}

static void
copy_value (copy_ctx *c, int idx, int depth)
{
  lua_State *src = c->src, *dst = c->dst;
  switch (lua_type (src, idx))
    {
    case LUA_TNUMBER:
      if (lua_isinteger (src, idx))
        lua_pushinteger (dst, lua_tointeger (src, idx));
      else
        lua_pushnumber (dst, lua_tonumber (src, idx));
      break;
    case LUA_TSTRING:
      copy_string (c, idx);
      break;
    case LUA_TBOOLEAN:
      lua_pushboolean (dst, lua_toboolean (src, idx));
      break;
    case LUA_TTABLE:
      if (depth >= GP_DATAFILE_DEPTH_CEILING)
        luaL_error (dst, "copying a data file: nested too deeply");
      copy_table (c, idx, depth + 1);
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
  luaL_checkstack (dst, 2, "copying a data file");
  lua_newtable (dst);
  copy_ctx c = { df->L, dst, lua_gettop (dst) };
  copy_table (&c, 1, 1);
  lua_remove (dst, c.cache);
}
