/* gp-lua-csv.c: column frames to and from CSV (RFC 4180), and the merge of sharded sweep
 * CSVs: glasspane.write_csv, glasspane.read_csv, glasspane.merge_csv.
 *
 * The format is the one gp_chart_to_csv writes for charts: CRLF line ends, a header row
 * "key [unit]", numbers at full precision (shortest round-trip digits, '.' under every locale, integers as integers), NaN as an empty
 * field, infinities as inf / -inf, fields with a comma, quote, CR or LF quoted with quotes
 * doubled. gp-export has no writer for arbitrary columns, so this is one; files are
 * written with gp_atomic_write_file. A sharded sweep writes exactly the rows of its block,
 * so merging the shards' files in shard order gives the bytes of the unsharded run. */
#include "gp-lua-private.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gp-export.h"
#include "gp-numfmt.h"

#define CSV_COLUMNS_MAX 4096

static void
add_field (luaL_Buffer *b, const char *s, size_t len)
{
  bool quote = len == 0 ? false : strpbrk (s, ",\"\r\n") != NULL || s[0] == ' '
                                    || s[len - 1] == ' ';
  if (!quote)
    {
      luaL_addlstring (b, s, len);
      return;
    }
  luaL_addchar (b, '"');
  for (size_t i = 0; i < len; i++)
    {
      if (s[i] == '"')
        luaL_addchar (b, '"');
      luaL_addchar (b, s[i]);
    }
  luaL_addchar (b, '"');
}

/* The value at the stack top as a CSV field. It is popped before anything is added, since
 * a luaL_Buffer may keep its box on the stack top; a string stays alive in its column
 * table. */
static void
add_value (lua_State *L, luaL_Buffer *b, int col_name_idx, lua_Integer row)
{
  char num[64];
  const char *str = NULL;
  size_t len = 0;
  num[0] = '\0';
  switch (lua_type (L, -1))
    {
    case LUA_TNIL:
      break;
    case LUA_TNUMBER:
      if (lua_isinteger (L, -1))
        snprintf (num, sizeof num, "%lld", (long long) lua_tointeger (L, -1));
      else
        {
          double v = lua_tonumber (L, -1);
          if (isinf (v))
            strcpy (num, v > 0 ? "inf" : "-inf");
          else if (!isnan (v))
            gp_fmt_double (num, sizeof num, v);
        }
      break;
    case LUA_TBOOLEAN:
      strcpy (num, lua_toboolean (L, -1) ? "true" : "false");
      break;
    case LUA_TSTRING:
      str = lua_tolstring (L, -1, &len);
      break;
    default:
      luaL_error (L, "column '%s' row %d holds a %s; CSV cells are numbers, strings or "
                     "booleans", lua_tostring (L, col_name_idx), (int) row,
                  luaL_typename (L, -1));
    }
  lua_pop (L, 1);
  if (str)
    add_field (b, str, len);
  else
    luaL_addstring (b, num);
}

/* Build the CSV of the frame at index FRAME with columns from OPTS.columns or
 * FRAME.columns, their values in FRAME.data (mistakes blamed on argument ARG); pushes the
 * string. */
static void
frame_to_csv (lua_State *L, int frame, int opts, int arg)
{
  int top = lua_gettop (L);
  int cols = 0;
  if (opts && lua_istable (L, opts) && lua_getfield (L, opts, "columns") == LUA_TTABLE)
    cols = lua_gettop (L);
  else
    {
      if (opts)
        lua_pop (L, 1);
      if (lua_getfield (L, frame, "columns") != LUA_TTABLE)
        luaL_argerror (L, arg, "frame.columns must list the column names (a glasspane.sweep "
                             "frame has it)");
      cols = lua_gettop (L);
    }
  lua_Integer nc = (lua_Integer) lua_rawlen (L, cols);
  if (nc < 1 || nc > CSV_COLUMNS_MAX)
    luaL_argerror (L, arg, "frame.columns must name 1 to 4096 columns");
  lua_getfield (L, frame, "units");
  int units = lua_istable (L, -1) ? lua_gettop (L) : 0;
  if (lua_getfield (L, frame, "data") != LUA_TTABLE)
    luaL_argerror (L, arg, "frame.data must hold the columns by name (a glasspane.sweep "
                           "frame has it)");
  int data = lua_gettop (L);

  /* Column arrays on the stack, in order; n rows = frame.n or the first column's length. */
  luaL_checkstack (L, (int) nc * 2 + 8, "csv columns");
  int names = lua_gettop (L) + 1;
  for (lua_Integer c = 1; c <= nc; c++)
    {
      if (lua_rawgeti (L, cols, c) != LUA_TSTRING)
        luaL_argerror (L, arg, lua_pushfstring (L, "columns[%d] is not a string", (int) c));
    }
  int arrays = lua_gettop (L) + 1;
  for (lua_Integer c = 1; c <= nc; c++)
    {
      lua_getfield (L, data, lua_tostring (L, names + (int) c - 1));
      if (!gp_lua_is_numlist (L, -1))
        luaL_argerror (L, arg, lua_pushfstring (L, "frame.data has no column '%s'",
                                              lua_tostring (L, names + (int) c - 1)));
    }
  lua_Integer n;
  lua_getfield (L, frame, "n");
  if (lua_isinteger (L, -1))
    n = lua_tointeger (L, -1);
  else
    n = gp_lua_numlist_len (L, arrays);
  lua_pop (L, 1);
  if (n < 0)
    luaL_argerror (L, arg, "frame.n must be >= 0");

  luaL_Buffer b;
  luaL_buffinit (L, &b);
  for (lua_Integer c = 1; c <= nc; c++)
    {
      size_t len;
      const char *name = lua_tolstring (L, names + (int) c - 1, &len);
      const char *unit = NULL;
      if (units)
        {
          lua_getfield (L, units, name);
          unit = lua_tostring (L, -1);
          lua_pop (L, 1); /* the units table keeps the string alive */
        }
      if (c > 1)
        luaL_addchar (&b, ',');
      if (unit && unit[0])
        {
          char h[512];
          int hl = snprintf (h, sizeof h, "%s [%s]", name, unit);
          if (hl < 0 || (size_t) hl >= sizeof h)
            luaL_error (L, "column name '%s' and its unit are too long", name);
          add_field (&b, h, (size_t) hl);
        }
      else
        add_field (&b, name, len);
    }
  luaL_addstring (&b, "\r\n");
  for (lua_Integer r = 1; r <= n; r++)
    {
      for (lua_Integer c = 1; c <= nc; c++)
        {
          if (c > 1)
            luaL_addchar (&b, ',');
          gp_lua_numlist_geti (L, arrays + (int) c - 1, r);
          add_value (L, &b, names + (int) c - 1, r);
        }
      luaL_addstring (&b, "\r\n");
    }
  luaL_pushresult (&b);
  lua_replace (L, top + 1);
  lua_settop (L, top + 1);
}

/* glasspane.write_csv(path, frame [, {columns = {...}}]) -> true | nil, message
 * glasspane.csv(frame [, opts]) -> string */
static int
l_write_csv (lua_State *L)
{
  const char *path = luaL_checkstring (L, 1);
  luaL_checktype (L, 2, LUA_TTABLE);
  if (!lua_isnoneornil (L, 3))
    luaL_checktype (L, 3, LUA_TTABLE);
  lua_settop (L, 3);
  frame_to_csv (L, 2, lua_istable (L, 3) ? 3 : 0, 2);
  size_t len;
  const char *csv = lua_tolstring (L, -1, &len);
  gp_error err = { 0 };
  if (gp_atomic_write_file (path, csv, len, &err) != GP_OK)
    return gp_lua_push_fail (L, &err);
  lua_pushboolean (L, 1);
  return 1;
}

static int
l_csv (lua_State *L)
{
  luaL_checktype (L, 1, LUA_TTABLE);
  if (!lua_isnoneornil (L, 2))
    luaL_checktype (L, 2, LUA_TTABLE);
  lua_settop (L, 2);
  frame_to_csv (L, 1, lua_istable (L, 2) ? 2 : 0, 1);
  return 1;
}

/* CSV files read whole are refused past this size: a 1 GiB frame is already far more
 * than a Lua table of its cells holds comfortably. */
#define CSV_FILE_MAX ((size_t) 1 << 30)

/* Read PATH whole into a Lua string (pushed); false with nil, message pushed on failure.
 * Only a regular file is read: O_NONBLOCK keeps a FIFO from blocking the open, and the
 * fstat then refuses it, a device (/dev/zero would be read until memory ran out) or a
 * directory, each by name. */
static bool
push_file (lua_State *L, const char *path)
{
  int fd = open (path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      lua_pushnil (L);
      lua_pushfstring (L, "cannot read '%s': %s", path, strerror (errno));
      return false;
    }
  struct stat st;
  const char *why = NULL;
  if (fstat (fd, &st) != 0)
    why = strerror (errno);
  else if (S_ISDIR (st.st_mode))
    why = "it is a directory";
  else if (!S_ISREG (st.st_mode))
    why = "it is not a regular file (a FIFO, device or socket)";
  else if ((uintmax_t) st.st_size > CSV_FILE_MAX)
    why = "it is larger than 1 GiB";
  if (why)
    {
      close (fd);
      lua_pushnil (L);
      lua_pushfstring (L, "cannot read '%s': %s", path, why);
      return false;
    }
  luaL_Buffer b;
  luaL_buffinit (L, &b);
  size_t total = 0;
  bool bad = false, too_big = false;
  for (;;)
    {
      char *p = luaL_prepbuffer (&b);
      ssize_t n = read (fd, p, LUAL_BUFFERSIZE);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          bad = true;
          break;
        }
      if (n == 0)
        break;
      luaL_addsize (&b, (size_t) n);
      total += (size_t) n;
      if (total > CSV_FILE_MAX) /* it grew since the fstat */
        {
          too_big = true;
          break;
        }
    }
  int errnum = errno;
  close (fd);
  luaL_pushresult (&b);
  if (bad || too_big)
    {
      lua_pop (L, 1);
      lua_pushnil (L);
      lua_pushfstring (L, "cannot read '%s': %s", path,
                       too_big ? "it is larger than 1 GiB" : strerror (errnum));
      return false;
    }
  return true;
}

/* Length of the first record of S (through its line end), honouring quotes. */
static size_t
first_record_len (const char *s, size_t len)
{
  bool q = false;
  for (size_t i = 0; i < len; i++)
    {
      if (s[i] == '"')
        q = !q;
      else if (!q && s[i] == '\n')
        return i + 1;
    }
  return len;
}

/* glasspane.merge_csv(out, {file1, file2, ...}) -> rows | nil, message
 * Every file must have the same header; the output has it once, then every file's rows in
 * the order given (shard 1, 2, ...). Written atomically. */
static int
l_merge_csv (lua_State *L)
{
  const char *out = luaL_checkstring (L, 1);
  luaL_checktype (L, 2, LUA_TTABLE);
  lua_Integer n = (lua_Integer) lua_rawlen (L, 2);
  if (n < 1)
    return luaL_argerror (L, 2, "at least one file to merge");
  lua_settop (L, 2);
  luaL_Buffer b;
  const char *header = NULL;
  size_t header_len = 0;
  lua_Integer rows = 0;
  /* Read all files first (each stays on the stack), then build the output. */
  luaL_checkstack (L, (int) n + 8, "merge_csv files");
  for (lua_Integer i = 1; i <= n; i++)
    {
      if (lua_rawgeti (L, 2, i) != LUA_TSTRING)
        return luaL_argerror (L, 2, lua_pushfstring (L, "files[%d] is not a path", (int) i));
      const char *path = lua_tostring (L, -1);
      lua_pop (L, 1);
      if (!push_file (L, path))
        return 2;
      size_t len;
      const char *s = lua_tolstring (L, -1, &len);
      size_t hl = first_record_len (s, len);
      if (hl == 0)
        {
          lua_pushnil (L);
          lua_pushfstring (L, "'%s' is empty: no header row", path);
          return 2;
        }
      if (header == NULL)
        header = s, header_len = hl;
      else if (hl != header_len || memcmp (s, header, hl) != 0)
        {
          lua_rawgeti (L, 2, 1);
          lua_rawgeti (L, 2, i);
          lua_pushnil (L);
          lua_pushfstring (L, "'%s' has a different header from '%s'", lua_tostring (L, -2),
                           lua_tostring (L, -3));
          return 2;
        }
    }
  luaL_buffinit (L, &b);
  luaL_addlstring (&b, header, header_len);
  for (lua_Integer i = 1; i <= n; i++)
    {
      size_t len;
      const char *s = lua_tolstring (L, 2 + (int) i, &len);
      size_t hl = first_record_len (s, len);
      const char *body = s + hl;
      size_t bl = len - hl;
      for (size_t k = 0, q = 0; k < bl; k++)
        {
          if (body[k] == '"')
            q = !q;
          else if (!q && body[k] == '\n')
            rows++;
        }
      luaL_addlstring (&b, body, bl);
      if (bl > 0 && body[bl - 1] != '\n')
        {
          luaL_addstring (&b, "\r\n");
          rows++;
        }
    }
  luaL_pushresult (&b);
  size_t len;
  const char *all = lua_tolstring (L, -1, &len);
  gp_error err = { 0 };
  if (gp_atomic_write_file (out, all, len, &err) != GP_OK)
    return gp_lua_push_fail (L, &err);
  lua_pushinteger (L, rows);
  return 1;
}

/* ---- reading ---- */

/* Parse one field starting at *P (END bound) into B; returns the delimiter met: ',',
 * '\n' (end of record) or 0 (end of input). */
static int
parse_field (luaL_Buffer *b, const char **p, const char *end, bool *quoted)
{
  const char *s = *p;
  *quoted = false;
  if (s < end && *s == '"')
    {
      *quoted = true;
      s++;
      while (s < end)
        {
          if (*s == '"')
            {
              if (s + 1 < end && s[1] == '"')
                {
                  luaL_addchar (b, '"');
                  s += 2;
                  continue;
                }
              s++;
              break;
            }
          luaL_addchar (b, *s++);
        }
    }
  while (s < end && *s != ',' && *s != '\n' && *s != '\r')
    luaL_addchar (b, *s++);
  if (s < end && *s == '\r')
    s++;
  int delim = s < end ? *s : 0;
  if (s < end)
    s++;
  *p = s;
  return delim;
}

/* glasspane.read_csv(path) -> frame { n, columns, units, data = { [name] = values } }
 * | nil, message
 * Header cells "key [unit]" give the column and its unit. Unquoted cells that read as
 * numbers become numbers; empty unquoted cells become NaN; everything else is a string. */
static int
l_read_csv (lua_State *L)
{
  const char *path = luaL_checkstring (L, 1);
  lua_settop (L, 1);
  if (!push_file (L, path))
    return 2;
  size_t len;
  const char *s = lua_tolstring (L, 2, &len);
  const char *p = s, *end = s + len;
  lua_newtable (L); /* 3: data, the frame's columns by name */
  lua_newtable (L); /* 4: columns */
  lua_newtable (L); /* 5: units */
  int nc = 0;
  int delim;
  do
    {
      luaL_Buffer b;
      bool quoted;
      luaL_buffinit (L, &b);
      delim = parse_field (&b, &p, end, &quoted);
      luaL_pushresult (&b);
      size_t hl;
      const char *h = lua_tolstring (L, -1, &hl);
      const char *br = hl > 2 && h[hl - 1] == ']' ? strstr (h, " [") : NULL;
      if (br)
        {
          lua_pushlstring (L, h, (size_t) (br - h));
          lua_pushlstring (L, br + 2, hl - (size_t) (br - h) - 3);
          lua_setfield (L, 5, lua_tostring (L, -2));
        }
      else
        lua_pushvalue (L, -1);
      lua_remove (L, -2);
      if (++nc > CSV_COLUMNS_MAX)
        return luaL_error (L, "'%s': more than %d columns", path, CSV_COLUMNS_MAX);
      lua_pushvalue (L, -1);
      lua_rawseti (L, 4, nc);
      lua_newtable (L);
      lua_setfield (L, 3, lua_tostring (L, -2));
      lua_pop (L, 1);
    }
  while (delim == ',');
  luaL_checkstack (L, nc + 8, "csv columns");
  int arrays = lua_gettop (L) + 1;
  for (int c = 1; c <= nc; c++)
    {
      lua_rawgeti (L, 4, c);
      lua_gettable (L, 3);
    }
  lua_Integer row = 0;
  while (p < end)
    {
      row++;
      int c = 0;
      do
        {
          luaL_Buffer b;
          bool quoted;
          luaL_buffinit (L, &b);
          delim = parse_field (&b, &p, end, &quoted);
          luaL_pushresult (&b);
          if (++c > nc)
            {
              lua_pushnil (L);
              lua_pushfstring (L, "'%s': row %d has more than %d fields", path, (int) row, nc);
              return 2;
            }
          size_t fl;
          const char *f = lua_tolstring (L, -1, &fl);
          if (!quoted && fl == 0)
            {
              lua_pop (L, 1);
              lua_pushnumber (L, NAN);
            }
          else if (!quoted && strcmp (f, "inf") == 0)
            {
              lua_pop (L, 1);
              lua_pushnumber (L, HUGE_VAL);
            }
          else if (!quoted && strcmp (f, "-inf") == 0)
            {
              lua_pop (L, 1);
              lua_pushnumber (L, -HUGE_VAL);
            }
          else if (!quoted && lua_stringtonumber (L, f) != 0)
            lua_remove (L, -2);
          lua_rawseti (L, arrays + c - 1, row);
        }
      while (delim == ',');
      if (c != nc)
        {
          lua_pushnil (L);
          lua_pushfstring (L, "'%s': row %d has %d fields, the header %d", path, (int) row, c,
                           nc);
          return 2;
        }
    }
  lua_settop (L, 5);
  lua_createtable (L, 0, 4);
  lua_insert (L, 3); /* 3: frame, 4: data, 5: columns, 6: units */
  lua_pushinteger (L, row);
  lua_setfield (L, 3, "n");
  lua_setfield (L, 3, "units");
  lua_setfield (L, 3, "columns");
  lua_setfield (L, 3, "data");
  return 1;
}

const luaL_Reg gp_lua_csv_fns[] = {
  { "write_csv", l_write_csv },
  { "csv", l_csv },
  { "read_csv", l_read_csv },
  { "merge_csv", l_merge_csv },
  { NULL, NULL },
};
