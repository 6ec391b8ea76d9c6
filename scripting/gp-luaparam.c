/* gp-luaparam.c: Lua tables <-> model input structs, through gp_param descriptor tables.
 *
 * Strict on purpose: a key that names no parameter is an error (with the closest name
 * offered), a value of the wrong Lua type is an error (no string-to-number coercion), and
 * every value goes through gp_param_set so its range is checked where it is read. */
#include "gp-luaparam.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "gp-numfmt.h"

/* Keys longer than this get no "did you mean" (and are cut in messages). */
#define SUGGEST_MAX_LEN 64

/* Levenshtein distance, or SUGGEST_MAX_LEN + 1 when either string is too long to care. */
static size_t
edit_distance (const char *a, size_t la, const char *b)
{
  size_t lb = strlen (b);
  if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
    return SUGGEST_MAX_LEN + 1;
  size_t prev[SUGGEST_MAX_LEN + 1], cur[SUGGEST_MAX_LEN + 1];
  for (size_t j = 0; j <= lb; j++)
    prev[j] = j;
  for (size_t i = 1; i <= la; i++)
    {
      cur[0] = i;
      for (size_t j = 1; j <= lb; j++)
        {
          size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
          size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
          cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
      memcpy (prev, cur, (lb + 1) * sizeof prev[0]);
    }
  return prev[lb];
}

/* The parameter name closest to KEY within an edit distance of 3, or one that is KEY
 * plus a suffix, or NULL. */
static const char *
closest_name (const gp_param_table *table, const char *key, size_t len, bool with_extras)
{
  const char *best = NULL;
  size_t best_d = 4;
  for (size_t i = 0; i < table->n_params; i++)
    {
      size_t d = edit_distance (key, len, table->params[i].name);
      if (d < best_d)
        {
          best_d = d;
          best = table->params[i].name;
        }
    }
  if (with_extras)
    {
      static const char *const extras[] = { "sources", "note" };
      for (size_t i = 0; i < 2; i++)
        {
          size_t d = edit_distance (key, len, extras[i]);
          if (d < best_d)
            {
              best_d = d;
              best = extras[i];
            }
        }
    }
  /* Failing that, the most common slip of all: the name without its unit suffix
   * ("wafer_cost" for "wafer_cost_usd"). */
  for (size_t i = 0; best == NULL && i < table->n_params; i++)
    if (len > 0 && strncmp (table->params[i].name, key, len) == 0
        && table->params[i].name[len] == '_')
      best = table->params[i].name;
  return best;
}

/* "CONTEXT: " or "" (and the same for the dotted form used before a parameter name). */
static const char *
ctx_or_empty (const char *context)
{
  return context ? context : "";
}

static const char *
ctx_sep (const char *context, const char *sep)
{
  return (context && context[0]) ? sep : "";
}

/* A key of the table at the top-but-one position that is not a string, described. */
static gp_status
bad_key_type (lua_State *L, int k, const char *context, gp_error *err)
{
  if (lua_type (L, k) == LUA_TNUMBER && lua_isinteger (L, k))
    return gp_error_set (err, GP_EINVAL, NULL,
                         "%s%slist entry [%lld] where parameters (name = value) were expected",
                         ctx_or_empty (context), ctx_sep (context, ": "),
                         (long long) lua_tointeger (L, k));
  return gp_error_set (err, GP_EINVAL, NULL,
                       "%s%sa key is a %s; parameter names are strings",
                       ctx_or_empty (context), ctx_sep (context, ": "), luaL_typename (L, k));
}

/* "CONTEXT[WHERE]: unknown parameter 'KEY' (did you mean 'NAME'?)"; WHERE is "" or
 * ".sources". */
static gp_status
unknown_key (const gp_param_table *table, const char *key, size_t len, bool with_extras,
             const char *context, const char *where, gp_error *err)
{
  const char *guess = strlen (key) == len ? closest_name (table, key, len, with_extras) : NULL;
  char suggestion[SUGGEST_MAX_LEN + 24] = "";
  if (guess)
    snprintf (suggestion, sizeof suggestion, " (did you mean '%s'?)", guess);
  char prefix[GP_ERROR_MESSAGE_MAX] = "";
  if (context && context[0])
    snprintf (prefix, sizeof prefix, "%s%s: ", context, where);
  else if (where[0])
    snprintf (prefix, sizeof prefix, "%s: ", where + 1);
  return gp_error_set (err, GP_ENOTFOUND, NULL, "%sunknown parameter '%.*s'%s", prefix,
                       (int) (len > SUGGEST_MAX_LEN ? SUGGEST_MAX_LEN : len), key, suggestion);
}

/* Messages from gp_param_set start with the parameter's name, so "CONTEXT." before them
 * reads as a path: "nodes[3].d0_per_cm2 = -1 is out of range: ...". */
static gp_status
value_error (gp_error *err, const char *context)
{
  if (err && context && context[0])
    {
      char buf[GP_ERROR_MESSAGE_MAX];
      /* Truncation is fine: the message is for humans and keeps its start. */
      if (snprintf (buf, sizeof buf, "%s.%s", context, err->message) >= 0)
        memcpy (err->message, buf, sizeof buf);
    }
  return err ? err->status : GP_EINVAL;
}

static const char *
type_wanted (const gp_param *p)
{
  switch (p->type)
    {
    case GP_PARAM_DOUBLE: return "a number";
    case GP_PARAM_INT: return "a whole number";
    case GP_PARAM_BOOL: return "true or false";
    case GP_PARAM_ENUM: return "a string naming one of its choices";
    case GP_PARAM_STRING: return "a string";
    }
  return "a value";
}

static gp_status
wrong_type (lua_State *L, int v, const gp_param *p, const char *context, gp_error *err)
{
  return gp_error_set (err, GP_EINVAL, p->name, "%s%s%s must be %s, got %s",
                       ctx_or_empty (context), ctx_sep (context, "."), p->name, type_wanted (p),
                       luaL_typename (L, v));
}

/* Integers beyond 2^53 would be rounded on their way through gp_param_set's double. */
#define EXACT_INT_MAX 9007199254740992LL

static gp_status
read_value (lua_State *L, int v, const gp_param *p, void *obj, const char *context,
            gp_error *err)
{
  int type = lua_type (L, v);
  gp_status st = GP_OK;
  switch (p->type)
    {
    case GP_PARAM_DOUBLE:
      if (type != LUA_TNUMBER)
        return wrong_type (L, v, p, context, err);
      st = gp_param_set (p, obj, (double) lua_tonumber (L, v), err);
      break;
    case GP_PARAM_INT:
      if (type != LUA_TNUMBER)
        return wrong_type (L, v, p, context, err);
      if (lua_isinteger (L, v))
        {
          lua_Integer i = lua_tointeger (L, v);
          if (i > EXACT_INT_MAX || i < -EXACT_INT_MAX)
            return gp_error_set (err, GP_EINVAL, p->name,
                                 "%s%s%s = %lld is too large to hold exactly",
                                 ctx_or_empty (context), ctx_sep (context, "."), p->name,
                                 (long long) i);
          st = gp_param_set (p, obj, (double) i, err);
        }
      else
        {
          /* Past 2^53 a float is no longer a count, and past 2^63 the cast to long in
           * gp_param_set would be undefined. */
          double d = (double) lua_tonumber (L, v);
          if (fabs (d) > (double) EXACT_INT_MAX)
            return gp_error_set (err, GP_EINVAL, p->name,
                                 "%s%s%s = %.6g is too large to hold exactly",
                                 ctx_or_empty (context), ctx_sep (context, "."), p->name, d);
          st = gp_param_set (p, obj, d, err);
        }
      break;
    case GP_PARAM_BOOL:
      if (type != LUA_TBOOLEAN)
        return wrong_type (L, v, p, context, err);
      st = gp_param_set (p, obj, lua_toboolean (L, v) ? 1.0 : 0.0, err);
      break;
    case GP_PARAM_ENUM:
    case GP_PARAM_STRING:
      {
        if (type != LUA_TSTRING)
          return wrong_type (L, v, p, context, err);
        size_t len;
        const char *s = lua_tolstring (L, v, &len);
        if (strlen (s) != len)
          return gp_error_set (err, GP_EINVAL, p->name, "%s%s%s contains a NUL byte",
                               ctx_or_empty (context), ctx_sep (context, "."), p->name);
        st = gp_param_set_string (p, obj, s, err);
        break;
      }
    }
  return st == GP_OK ? GP_OK : value_error (err, context);
}

/* "sources" maps parameter names to citation strings. */
static gp_status
read_sources (lua_State *L, int v, const gp_param_table *table, const char *context,
              gp_error *err)
{
  if (lua_type (L, v) != LUA_TTABLE)
    return gp_error_set (err, GP_EINVAL, "sources",
                         "%s%ssources must be a table of citations keyed by parameter name, "
                         "got %s", ctx_or_empty (context), ctx_sep (context, "."),
                         luaL_typename (L, v));
  lua_pushnil (L);
  while (lua_next (L, v) != 0)
    {
      if (lua_type (L, -2) != LUA_TSTRING)
        {
          gp_status st = gp_error_set (err, GP_EINVAL, "sources",
                                       "%s%ssources: a key is a %s; keys are parameter names",
                                       ctx_or_empty (context), ctx_sep (context, "."),
                                       luaL_typename (L, -2));
          lua_pop (L, 2);
          return st;
        }
      size_t len;
      const char *key = lua_tolstring (L, -2, &len);
      const gp_param *p = strlen (key) == len ? gp_param_table_find (table, key) : NULL;
      if (p == NULL)
        {
          gp_status st = unknown_key (table, key, len, false, context, ".sources", err);
          lua_pop (L, 2);
          return st;
        }
      if (lua_type (L, -1) != LUA_TSTRING)
        {
          gp_status st = gp_error_set (err, GP_EINVAL, "sources",
                                       "%s%ssources.%s must be a string (a citation), got %s",
                                       ctx_or_empty (context), ctx_sep (context, "."), p->name,
                                       luaL_typename (L, -1));
          lua_pop (L, 2);
          return st;
        }
      lua_pop (L, 1);
    }
  return GP_OK;
}

/* "allowed (0, 1e+06] defects/cm2", "true or false", "one of a, b", "at most 47 characters" */
static void
describe_allowed (const gp_param *p, char *buf, size_t len)
{
  switch (p->type)
    {
    case GP_PARAM_DOUBLE:
    case GP_PARAM_INT:
      {
        char lo[32], hi[32];
        if (isinf (p->min))
          snprintf (lo, sizeof lo, "-inf");
        else
          gp_snprintf_c (lo, sizeof lo, "%.6g", p->min); /* "[0.5, 1]", never "[0,5, 1]" */
        if (isinf (p->max))
          snprintf (hi, sizeof hi, "inf");
        else
          gp_snprintf_c (hi, sizeof hi, "%.6g", p->max);
        bool lo_open = (p->flags & GP_RANGE_MIN_EXCLUSIVE) || isinf (p->min);
        bool hi_open = (p->flags & GP_RANGE_MAX_EXCLUSIVE) || isinf (p->max);
        snprintf (buf, len, "allowed %c%s, %s%c%s%s%s", lo_open ? '(' : '[', lo, hi,
                  hi_open ? ')' : ']', p->unit && p->unit[0] ? " " : "",
                  p->unit ? p->unit : "", p->type == GP_PARAM_INT ? ", whole" : "");
        break;
      }
    case GP_PARAM_BOOL:
      snprintf (buf, len, "true or false");
      break;
    case GP_PARAM_ENUM:
      {
        size_t used = (size_t) snprintf (buf, len, "one of ");
        for (int i = 0; p->enum_names && p->enum_names[i] && used < len; i++)
          used += (size_t) snprintf (buf + used, len - used, "%s%s", i ? ", " : "",
                                     p->enum_names[i]);
        break;
      }
    case GP_PARAM_STRING:
      snprintf (buf, len, "a string of at most %zu characters",
                p->string_size ? p->string_size - 1 : 0);
      break;
    }
}

gp_status
gp_lua_read_params (lua_State *L, int idx, const gp_param_table *table, void *obj,
                    unsigned flags, const char *context, gp_error *err)
{
  idx = lua_absindex (L, idx);
  if (lua_type (L, idx) != LUA_TTABLE)
    return gp_error_set (err, GP_EINVAL, NULL, "%s%sexpected a table of %s parameters, got %s",
                         ctx_or_empty (context), ctx_sep (context, ": "), table->name,
                         luaL_typename (L, idx));
  if (!lua_checkstack (L, 6))
    return gp_error_set (err, GP_ENOMEM, NULL, "%s%sLua stack exhausted",
                         ctx_or_empty (context), ctx_sep (context, ": "));

  lua_pushnil (L);
  while (lua_next (L, idx) != 0)
    {
      int v = lua_gettop (L);
      if (lua_type (L, v - 1) != LUA_TSTRING)
        {
          gp_status st = bad_key_type (L, v - 1, context, err);
          lua_pop (L, 2);
          return st;
        }
      size_t len;
      const char *key = lua_tolstring (L, v - 1, &len);
      bool clean = strlen (key) == len;
      gp_status st = GP_OK;
      const gp_param *p;
      if (clean && strcmp (key, "sources") == 0)
        st = read_sources (L, v, table, context, err);
      else if (clean && strcmp (key, "note") == 0)
        {
          if (lua_type (L, v) != LUA_TSTRING)
            st = gp_error_set (err, GP_EINVAL, "note", "%s%snote must be a string, got %s",
                               ctx_or_empty (context), ctx_sep (context, "."),
                               luaL_typename (L, v));
        }
      else if (clean && (p = gp_param_table_find (table, key)) != NULL)
        st = read_value (L, v, p, obj, context, err);
      else
        st = unknown_key (table, key, len, true, context, "", err);
      if (st != GP_OK)
        {
          lua_settop (L, v - 2);
          return st;
        }
      lua_pop (L, 1);
    }

  if (flags & GP_LUAPARAM_REQUIRE_ALL)
    for (size_t i = 0; i < table->n_params; i++)
      {
        const gp_param *p = &table->params[i];
        if (p->flags & GP_PARAM_F_OPTIONAL)
          continue;
        lua_pushstring (L, p->name);
        bool present = lua_rawget (L, idx) != LUA_TNIL;
        lua_pop (L, 1);
        if (!present)
          {
            char allowed[160];
            describe_allowed (p, allowed, sizeof allowed);
            return gp_error_set (err, GP_EINVAL, p->name, "%s%smissing parameter '%s' (%s, %s)",
                                 ctx_or_empty (context), ctx_sep (context, ": "), p->name,
                                 p->label ? p->label : p->name, allowed);
          }
      }
  gp_error_clear (err);
  return GP_OK;
}

static const char key_cache = 0; /* registry key of the interned field names */

void
gp_lua_push_params (lua_State *L, const gp_param_table *table, const void *obj)
{
  luaL_checkstack (L, 5, "pushing parameters");
  /* The field names, interned once per Lua state: an array of strings per table, kept in a
     registry table keyed by the table's address (lua_pushstring hashed every name on every
     call: a fifth of evaluate_system's result building). */
  if (lua_rawgetp (L, LUA_REGISTRYINDEX, &key_cache) != LUA_TTABLE)
    {
      lua_pop (L, 1);
      lua_newtable (L);
      lua_pushvalue (L, -1);
      lua_rawsetp (L, LUA_REGISTRYINDEX, &key_cache);
    }
  if (lua_rawgetp (L, -1, table) != LUA_TTABLE)
    {
      lua_pop (L, 1);
      lua_createtable (L, (int) table->n_params, 0);
      for (size_t i = 0; i < table->n_params; i++)
        {
          lua_pushstring (L, table->params[i].name);
          lua_rawseti (L, -2, (lua_Integer) i + 1);
        }
      lua_pushvalue (L, -1);
      lua_rawsetp (L, -3, table);
    }
  lua_remove (L, -2);
  int keys = lua_gettop (L);
  lua_createtable (L, 0, (int) table->n_params);
  for (size_t i = 0; i < table->n_params; i++)
    {
      const gp_param *p = &table->params[i];
      const char *base = (const char *) obj + p->offset;
      lua_rawgeti (L, keys, (lua_Integer) i + 1);
      switch (p->type)
        {
        case GP_PARAM_DOUBLE:
          lua_pushnumber (L, *(const double *) base);
          break;
        case GP_PARAM_INT:
          lua_pushinteger (L, (lua_Integer) *(const long *) base);
          break;
        case GP_PARAM_BOOL:
          lua_pushboolean (L, *(const bool *) base);
          break;
        case GP_PARAM_ENUM:
          {
            int v = *(const int *) base, n = 0;
            while (p->enum_names && p->enum_names[n])
              n++;
            if (v >= 0 && v < n)
              lua_pushstring (L, p->enum_names[v]);
            else
              lua_pushinteger (L, v); /* an invalid struct: show it rather than hide it */
            break;
          }
        case GP_PARAM_STRING:
          lua_pushlstring (L, base, strnlen (base, p->string_size));
          break;
        }
      lua_rawset (L, -3);
    }
  lua_remove (L, keys);
}

int
gp_lua_names (lua_State *L, const char *const *names, int n)
{
  luaL_checkstack (L, 4, "interning names");
  if (lua_rawgetp (L, LUA_REGISTRYINDEX, &key_cache) != LUA_TTABLE)
    {
      lua_pop (L, 1);
      lua_newtable (L);
      lua_pushvalue (L, -1);
      lua_rawsetp (L, LUA_REGISTRYINDEX, &key_cache);
    }
  if (lua_rawgetp (L, -1, names) != LUA_TTABLE)
    {
      lua_pop (L, 1);
      lua_createtable (L, n, 0);
      for (int i = 0; i < n; i++)
        {
          lua_pushstring (L, names[i]);
          lua_rawseti (L, -2, (lua_Integer) i + 1);
        }
      lua_pushvalue (L, -1);
      lua_rawsetp (L, -3, names);
    }
  lua_remove (L, -2);
  return lua_gettop (L);
}

void
gp_lua_push_records (lua_State *L, const char *const *keys, const char *const *names,
                     const double *v, int n)
{
  int k = gp_lua_names (L, keys, 2);
  int nm = gp_lua_names (L, names, n);
  lua_createtable (L, n, 0);
  for (int i = 0; i < n; i++)
    {
      lua_createtable (L, 0, 2);
      lua_rawgeti (L, k, 1);
      lua_rawgeti (L, nm, (lua_Integer) i + 1);
      lua_rawset (L, -3);
      lua_rawgeti (L, k, 2);
      lua_pushnumber (L, v[i]);
      lua_rawset (L, -3);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_replace (L, k);
  lua_pop (L, 1);
}

const char *
gp_lua_source_of (lua_State *L, int idx, const char *key)
{
  idx = lua_absindex (L, idx);
  if (key == NULL || lua_type (L, idx) != LUA_TTABLE || !lua_checkstack (L, 2))
    return NULL;
  lua_pushliteral (L, "sources");
  if (lua_rawget (L, idx) != LUA_TTABLE)
    {
      lua_pop (L, 1);
      return NULL;
    }
  lua_pushstring (L, key);
  const char *s = lua_rawget (L, -2) == LUA_TSTRING ? lua_tostring (L, -1) : NULL;
  /* The string is held by the sources table, which the table at IDX holds. */
  lua_pop (L, 2);
  return s;
}
