/* gp-sources.c: citations of preset values for tooltips (see gp-sources.h). */
#include "gp-sources.h"

#include <string.h>

#include <lua.h>

#include "gp-datafile.h"
#include "gp-luaparam.h"
#include "gp-presets.h"

typedef struct {
  gp_datafile *df;      /* NULL when the file failed to load (kept to not retry) */
  GHashTable *legend;   /* key -> expansion */
} SourceFile;

struct _GpSources {
  GHashTable *files; /* name -> SourceFile* */
};

static void
source_file_free (gpointer data)
{
  SourceFile *f = data;
  gp_datafile_free (f->df);
  g_clear_pointer (&f->legend, g_hash_table_unref);
  g_free (f);
}

GpSources *
gp_sources_new (void)
{
  GpSources *s = g_new0 (GpSources, 1);
  s->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, source_file_free);
  return s;
}

void
gp_sources_free (GpSources *sources)
{
  if (sources == NULL)
    return;
  g_hash_table_unref (sources->files);
  g_free (sources);
}

static gboolean
is_key_char (char c, gboolean first)
{
  return (c >= 'A' && c <= 'Z') || (!first && ((c >= '0' && c <= '9') || c == '_' || c == '-'));
}

GHashTable *
gp_sources_parse_legend (const char *text)
{
  GHashTable *legend = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  GString *cur = NULL;
  char *cur_key = NULL;
  gsize text_col = 0;

  for (char **l = lines; *l; l++)
    {
      const char *line = *l;
      if (strncmp (line, "--", 2) != 0)
        {
          if (g_str_has_prefix (line, "return"))
            break;
          continue;
        }
      const char *p = line + 2;
      gsize spaces = strspn (p, " ");
      const char *word = p + spaces;
      /* A new key: "--   KEY   text" with at least one space before and two after. */
      gsize klen = 0;
      while (is_key_char (word[klen], klen == 0))
        klen++;
      gboolean new_key = spaces >= 1 && klen >= 2 && word[klen] == ' ' && word[klen + 1] == ' ';
      if (new_key)
        {
          if (cur_key)
            g_hash_table_replace (legend, cur_key, g_string_free (cur, FALSE));
          cur_key = g_strndup (word, klen);
          const char *t = word + klen + strspn (word + klen, " ");
          text_col = (gsize) (t - line);
          cur = g_string_new (t);
          continue;
        }
      if (cur_key && word[0] != '\0' && (gsize) (word - line) >= text_col - 1 && text_col > 3)
        {
          g_string_append_c (cur, ' ');
          g_string_append (cur, word);
          continue;
        }
      if (cur_key)
        {
          g_hash_table_replace (legend, cur_key, g_string_free (cur, FALSE));
          cur_key = NULL;
          cur = NULL;
        }
    }
  if (cur_key)
    g_hash_table_replace (legend, cur_key, g_string_free (cur, FALSE));
  return legend;
}

char *
gp_sources_expand (GHashTable *legend, const char *raw)
{
  GString *out = g_string_new (raw);
  GPtrArray *seen = g_ptr_array_new_with_free_func (g_free);
  for (const char *p = raw; *p;)
    {
      if (is_key_char (*p, TRUE) && (p == raw || !is_key_char (p[-1], FALSE)))
        {
          gsize n = 0;
          while (is_key_char (p[n], n == 0))
            n++;
          g_autofree char *key = g_strndup (p, n);
          const char *text = legend ? g_hash_table_lookup (legend, key) : NULL;
          gboolean dup = FALSE;
          for (guint i = 0; i < seen->len; i++)
            dup |= strcmp (seen->pdata[i], key) == 0;
          if (text && !dup)
            {
              g_string_append_printf (out, "\n%s: %s", key, text);
              g_ptr_array_add (seen, g_steal_pointer (&key));
            }
          p += n;
        }
      else
        p++;
    }
  g_ptr_array_unref (seen);
  return g_string_free (out, FALSE);
}

static SourceFile *
get_file (GpSources *s, const char *file)
{
  SourceFile *f = g_hash_table_lookup (s->files, file);
  if (f)
    return f;
  f = g_new0 (SourceFile, 1);
  char buf[4096];
  const char *path = g_path_is_absolute (file) ? file : gp_data_path (buf, sizeof buf, file);
  if (path && path[0])
    {
      f->df = gp_datafile_load (path, NULL, NULL);
      g_autofree char *text = NULL;
      if (g_file_get_contents (path, &text, NULL, NULL))
        f->legend = gp_sources_parse_legend (text);
    }
  g_hash_table_insert (s->files, g_strdup (file), f);
  return f;
}

/* With a list at the top of the stack, push its element whose name is NAME (or nil). */
static void
push_named (lua_State *L, const char *name)
{
  int list = lua_gettop (L);
  if (lua_type (L, list) == LUA_TTABLE)
    {
      lua_Integer n = (lua_Integer) lua_rawlen (L, list);
      for (lua_Integer i = 1; i <= n; i++)
        {
          lua_rawgeti (L, list, i);
          if (lua_type (L, -1) == LUA_TTABLE)
            {
              lua_pushstring (L, "name");
              lua_rawget (L, -2);
              gboolean match = lua_type (L, -1) == LUA_TSTRING
                               && strcmp (lua_tostring (L, -1), name) == 0;
              lua_pop (L, 1);
              if (match)
                return;
            }
          lua_pop (L, 1);
        }
    }
  lua_pushnil (L);
}

char *
gp_sources_lookup (GpSources *s, const char *file, const char *list, const char *entry,
                   const char *sub_list, const char *sub_entry, const char *param)
{
  g_return_val_if_fail (s && file && entry && param, NULL);
  SourceFile *f = get_file (s, file);
  if (f->df == NULL)
    return NULL;
  lua_State *L = gp_datafile_lua (f->df);
  int top = lua_gettop (L);
  char *result = NULL;

  if (list)
    {
      lua_pushstring (L, list);
      lua_rawget (L, 1);
      push_named (L, entry);
    }
  else
    {
      lua_pushstring (L, entry);
      lua_rawget (L, 1);
    }
  if (sub_list && lua_type (L, -1) == LUA_TTABLE)
    {
      lua_pushstring (L, sub_list);
      lua_rawget (L, -2);
      if (sub_entry)
        push_named (L, sub_entry);
    }
  if (lua_type (L, -1) == LUA_TTABLE)
    {
      const char *raw = gp_lua_source_of (L, lua_gettop (L), param);
      if (raw)
        result = gp_sources_expand (f->legend, raw);
    }
  lua_settop (L, top);
  return result;
}
