/* gp-lua-column.c: the columns of a sweep's frame, and the frame builder the sweeps share.
 *
 * A frame's column is a userdata ("glasspane.column") over N doubles in one C array, which
 * reads like a Lua list: col[i] (nil outside 1..N), #col, ipairs(col), pairs(col),
 * col[i] = number (1..N; the length is fixed), table.concat / table.sort / table.unpack
 * through the metamethods, and col:totable() for a plain table. The "row" column reads back
 * as integers. Every number list argument of the module (chart series, pareto, write_csv)
 * takes a column or a table (gp_lua_numlist_*).
 *
 * Why not Lua tables: a table holds a number in 16 bytes and takes ~10 ns a value through
 * lua_rawseti, so the 87 columns of a system sweep cost more than the system model itself
 * (~1.5 us of ~2 us a point). A column is 8 bytes a value written by a plain store, from
 * any worker thread, straight into its place. All the columns of one frame share one block
 * (the "store", a userdata the columns keep alive through their user value), so the Lua
 * collector counts its bytes, and the block is advised for transparent huge pages: a fresh
 * 4 KiB page costs 10-15 us to fault in on the VMs the project is tested on (the bench's
 * machine line), a 2 MiB one about as much, so a 70 MB frame faults in ~35 times rather than
 * ~17,000. numpy advises its large arrays the same way on Linux. */
#include "gp-lua-private.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define COLUMN_MT "glasspane.column"

#define COLUMN_MAGIC 0x67706331u /* "gpc1" */

typedef struct {
  unsigned magic; /* COLUMN_MAGIC: a cheap check for the hot metamethods */
  bool whole;     /* values are whole numbers: read back as integers */
  lua_Integer n;
  double *v;
} column;

/* Advise the 2 MiB-aligned part of [P, P + BYTES) for transparent huge pages, before
 * anything touches it (only blocks of a few MiB or more gain). Advice only: failure,
 * or a kernel without THP, changes nothing but speed. */
static void
advise_huge (void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
  const uintptr_t huge = (uintptr_t) 2 << 20;
  if (bytes < 2 * huge)
    return;
  uintptr_t lo = ((uintptr_t) p + huge - 1) & ~(huge - 1);
  uintptr_t hi = ((uintptr_t) p + bytes) & ~(huge - 1);
  if (hi > lo)
    (void) madvise ((void *) lo, hi - lo, MADV_HUGEPAGE);
#else
  (void) p;
  (void) bytes;
#endif
}

static column *
check_column (lua_State *L, int idx)
{
  return luaL_checkudata (L, idx, COLUMN_MT);
}

static inline void
push_value (lua_State *L, const column *c, lua_Integer i)
{
  double v = c->v[i - 1];
  if (c->whole && isfinite (v))
    lua_pushinteger (L, (lua_Integer) v);
  else
    lua_pushnumber (L, v);
}

/* col:totable() -> a new Lua list with the column's values */
static int
column_totable (lua_State *L)
{
  column *c = check_column (L, 1);
  if (c->n > INT32_MAX)
    return luaL_error (L, "column of %I values is too long for one table", c->n);
  lua_createtable (L, (int) c->n, 0);
  for (lua_Integer i = 1; i <= c->n; i++)
    {
      push_value (L, c, i);
      lua_rawseti (L, -2, i);
    }
  return 1;
}

/* The VM calls the metamethods on a column (the metatable is hidden by __metatable), so
 * the hot ones check the block's size and tag instead of luaL_checkudata's registry lookup
 * (which would double a read's cost); only debug.getmetatable reaches them otherwise. */
static inline column *
fast_column (lua_State *L)
{
  column *c = lua_touserdata (L, 1);
  if (c == NULL || lua_type (L, 1) != LUA_TUSERDATA || lua_rawlen (L, 1) != sizeof *c
      || c->magic != COLUMN_MAGIC)
    luaL_typeerror (L, 1, COLUMN_MT);
  return c;
}

static int
column_index (lua_State *L)
{
  column *c = fast_column (L);
  if (lua_isinteger (L, 2))
    {
      lua_Integer i = lua_tointeger (L, 2);
      if (i >= 1 && i <= c->n)
        push_value (L, c, i);
      else
        lua_pushnil (L);
      return 1;
    }
  int isint = 0;
  lua_Integer i = lua_tointegerx (L, 2, &isint);
  if (isint)
    {
      if (i >= 1 && i <= c->n)
        push_value (L, c, i);
      else
        lua_pushnil (L);
      return 1;
    }
  if (lua_type (L, 2) == LUA_TSTRING && strcmp (lua_tostring (L, 2), "totable") == 0)
    {
      lua_pushcfunction (L, column_totable);
      return 1;
    }
  lua_pushnil (L);
  return 1;
}

static int
column_newindex (lua_State *L)
{
  column *c = check_column (L, 1);
  int isint = 0;
  lua_Integer i = lua_tointegerx (L, 2, &isint);
  if (!isint || i < 1 || i > c->n)
    return luaL_error (L, "column index %s is out of range 1..%I (a frame's columns keep "
                          "their length; col:totable() gives a table that can grow)",
                       luaL_tolstring (L, 2, NULL), c->n);
  if (lua_type (L, 3) != LUA_TNUMBER)
    return luaL_error (L, "column[%I] = %s: a column holds numbers", i,
                       luaL_typename (L, 3));
  c->v[i - 1] = lua_tonumber (L, 3);
  if (c->whole && c->v[i - 1] != floor (c->v[i - 1]))
    c->whole = false;
  return 0;
}

static int
column_len (lua_State *L)
{
  lua_pushinteger (L, fast_column (L)->n);
  return 1;
}

static int
column_next (lua_State *L)
{
  column *c = check_column (L, 1);
  lua_Integer i = luaL_optinteger (L, 2, 0) + 1;
  if (i < 1 || i > c->n)
    return 0;
  lua_pushinteger (L, i);
  push_value (L, c, i);
  return 2;
}

static int
column_pairs (lua_State *L)
{
  check_column (L, 1);
  lua_pushcfunction (L, column_next);
  lua_pushvalue (L, 1);
  lua_pushinteger (L, 0);
  return 3;
}

static int
column_tostring (lua_State *L)
{
  lua_pushfstring (L, "glasspane column of %I numbers", check_column (L, 1)->n);
  return 1;
}

static void
push_column_mt (lua_State *L)
{
  if (luaL_newmetatable (L, COLUMN_MT))
    {
      static const luaL_Reg mm[] = {
        { "__index", column_index },     { "__newindex", column_newindex },
        { "__len", column_len },         { "__pairs", column_pairs },
        { "__tostring", column_tostring }, { NULL, NULL },
      };
      luaL_setfuncs (L, mm, 0);
      lua_pushliteral (L, COLUMN_MT);
      lua_setfield (L, -2, "__metatable");
    }
}

/* ---- number lists: a column or a table ---- */

bool
gp_lua_is_numlist (lua_State *L, int idx)
{
  return lua_istable (L, idx) || luaL_testudata (L, idx, COLUMN_MT) != NULL;
}

const double *
gp_lua_column_values (lua_State *L, int idx, lua_Integer *n)
{
  column *c = luaL_testudata (L, idx, COLUMN_MT);
  if (c == NULL)
    return NULL;
  *n = c->n;
  return c->v;
}

lua_Integer
gp_lua_numlist_len (lua_State *L, int idx)
{
  column *c = luaL_testudata (L, idx, COLUMN_MT);
  return c ? c->n : (lua_Integer) lua_rawlen (L, idx);
}

int
gp_lua_numlist_geti (lua_State *L, int idx, lua_Integer i)
{
  column *c = luaL_testudata (L, idx, COLUMN_MT);
  if (c == NULL)
    return lua_rawgeti (L, idx, i);
  if (i < 1 || i > c->n)
    {
      lua_pushnil (L);
      return LUA_TNIL;
    }
  push_value (L, c, i);
  return LUA_TNUMBER;
}

/* ---- the frame builder ---- */

void
gp_lua_frame_begin (lua_State *L, gp_lua_frame *f, long rows, int nc,
                    const char *const *names, const char *const *units)
{
  f->L = L;
  f->nc = nc;
  f->rows = rows;
  f->names = names;
  luaL_checkstack (L, nc + 8, "sweep columns");
  lua_createtable (L, 0, nc + 4);
  f->frame = lua_gettop (L);
  lua_pushinteger (L, rows);
  lua_setfield (L, f->frame, "n");
  lua_createtable (L, nc, 0);
  int cols = lua_gettop (L);
  lua_newtable (L);
  int unit_tab = lua_gettop (L);
  lua_newtable (L);
  f->errors = lua_gettop (L);
  lua_createtable (L, 0, nc);
  f->data = lua_gettop (L);
  for (int c = 0; c < nc; c++)
    {
      lua_pushstring (L, names[c]);
      lua_rawseti (L, cols, c + 1);
      lua_pushstring (L, units[c] ? units[c] : "");
      lua_setfield (L, unit_tab, names[c]);
    }
  /* A frame larger than the machine's memory fails here, saying how to split it, rather
     than as "not enough memory" (or the OOM killer) part-way through the points. */
  double need = (double) (rows > 0 ? rows : 0) * nc * sizeof (double);
  long pages = sysconf (_SC_PHYS_PAGES), page = sysconf (_SC_PAGESIZE);
  double have = pages > 0 && page > 0 ? (double) pages * (double) page : 0x1p40;
  if (need > have / 2 || need > 0x1p46)
    {
      char msg[320];
      snprintf (msg, sizeof msg, "the sweep's frame would hold %ld rows x %d columns, %.1f "
                "GB: more than half this machine's memory (%.1f GB); split it with shard = "
                "{k, n} (or the runner's --shard), or sweep fewer points", rows, nc,
                need / 1e9, have / 1e9);
      luaL_error (L, "%s", msg);
    }
  size_t cells = (size_t) (rows > 0 ? rows : 0) * (size_t) nc;
  size_t bytes = (cells ? cells : 1) * sizeof (double);
  f->store = lua_newuserdatauv (L, bytes, 0);
  advise_huge (f->store, bytes);
  f->store_idx = lua_gettop (L);
}

void
gp_lua_frame_error (gp_lua_frame *f, long row, const char *message)
{
  lua_pushstring (f->L, message);
  lua_rawseti (f->L, f->errors, row);
}

void
gp_lua_frame_end (gp_lua_frame *f, long total, long first)
{
  lua_State *L = f->L;
  /* One column userdata per name over its slice of the store, which it keeps alive. The
   * columns live in their own table, so no output or parameter name (a model output called
   * "columns", a swept parameter called "units") can land on the frame's own keys. */
  push_column_mt (L);
  int mt = lua_gettop (L);
  for (int c = 0; c < f->nc; c++)
    {
      column *col = lua_newuserdatauv (L, sizeof *col, 1);
      col->magic = COLUMN_MAGIC;
      col->n = f->rows;
      col->v = gp_lua_frame_col (f, c);
      col->whole = c == 0; /* the row index */
      lua_pushvalue (L, mt);
      lua_setmetatable (L, -2);
      lua_pushvalue (L, f->store_idx);
      lua_setiuservalue (L, -2, 1);
      lua_setfield (L, f->data, f->names[c]);
    }
  lua_settop (L, f->store_idx - 1);
  lua_setfield (L, f->frame, "data");
  lua_setfield (L, f->frame, "errors");
  lua_setfield (L, f->frame, "units");
  lua_setfield (L, f->frame, "columns");
  lua_pushinteger (L, total);
  lua_setfield (L, f->frame, "total");
  lua_pushinteger (L, first + 1);
  lua_setfield (L, f->frame, "first");
}
