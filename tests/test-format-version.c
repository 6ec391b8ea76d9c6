/* test-format-version.c: a file written by a newer glasspane (format = 2) is refused with
 * a clear message through every front door that reads files: the sandboxed loader, the
 * preset readers, the design loader (path and buffer) and, from Lua, glasspane.load and
 * glasspane.design_load. A refused file must never be half-read: the message names the
 * file and says to upgrade. */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <lauxlib.h>
#include <lualib.h>

#include "gp-datafile.h"
#include "gp-design.h"
#include "gp-lua.h"
#include "gp-models.h"
#include "gp-presets.h"

static char *tmpdir;

/* The message the loader gives for format 2 (scripting/gp-datafile.c, data/README.md). */
#define NEWER "format 2 is newer than this glasspane understands (1); upgrade glasspane"

static const char newer_nodes[] =
  "return { format = 2, kind = \"nodes\", nodes = {\n"
  "  { name = \"N1\", feature_nm = 1, wafer_diameter_mm = 300, wafer_cost_usd = 30000,\n"
  "    d0_per_cm2 = 0.1, alpha = 3, critical_layers = 10, epa_kwh_per_cm2 = 1,\n"
  "    gpa_g_per_cm2 = 100, mpa_g_per_cm2 = 500, new_field_of_format_2 = true } } }\n";

static char *
write_tmp (const char *name, const char *text)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The design a newer glasspane would write: today's file with format = 2. */
static char *
newer_design_text (void)
{
  gp_design *d = g_new (gp_design, 1);
  gp_error err;
  g_assert_cmpint (gp_design_load_default (d, &err), ==, GP_OK);
  char *text = NULL;
  size_t len;
  g_assert_cmpint (gp_design_to_string (d, &text, &len, &err), ==, GP_OK);
  g_free (d);
  char *at = strstr (text, "format = 1,");
  g_assert_nonnull (at);
  at[9] = '2';
  char *copy = g_strdup (text);
  free (text);
  return copy;
}

static void
test_datafile (void)
{
  gp_error err;
  gp_datafile *df = gp_datafile_load_buffer ("newer.lua", newer_nodes, strlen (newer_nodes),
                                             NULL, &err);
  g_assert_null (df);
  g_assert_cmpint (err.status, ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "newer.lua"));
  g_assert_nonnull (strstr (err.message, NEWER));

  g_autofree char *path = write_tmp ("newer-nodes.lua", newer_nodes);
  df = gp_datafile_load (path, NULL, &err);
  g_assert_null (df);
  g_assert_nonnull (strstr (err.message, path));
  g_assert_nonnull (strstr (err.message, NEWER));

  /* Not a version at all: refused too, not read as 1. */
  static const char *const odd[] = {
    "return { format = 1.5 }", "return { format = \"2\" }", "return { format = 0 }",
    "return { format = math.huge }", "return { format = 1 << 62 }",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      df = gp_datafile_load_buffer ("odd.lua", odd[i], strlen (odd[i]), NULL, &err);
      if (df != NULL)
        g_error ("%s loaded", odd[i]);
      g_test_message ("%s -> %s", odd[i], err.message);
      g_assert_nonnull (strstr (err.message, "format"));
    }
}

static void
test_presets (void)
{
  g_autofree char *path = write_tmp ("newer-nodes.lua", newer_nodes);
  gp_node *nodes = NULL;
  size_t n = 7;
  gp_error err;
  g_assert_cmpint (gp_nodes_load (path, &nodes, &n, &err), ==, GP_EINVAL);
  g_assert_null (nodes);
  g_assert_cmpuint (n, ==, 0);
  g_assert_nonnull (strstr (err.message, NEWER));
  /* The newer file's unknown key is never reached: the version is checked first. */
  g_assert_null (strstr (err.message, "new_field_of_format_2"));
}

static void
test_design (void)
{
  g_autofree char *text = newer_design_text ();
  gp_design *d = g_new (gp_design, 1);
  gp_error err;
  g_assert_cmpint (gp_design_load_buffer ("newer-design.lua", text, strlen (text), d, &err),
                   ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "newer-design.lua"));
  g_assert_nonnull (strstr (err.message, NEWER));
  /* gp-design.h: "On error *D is left as gp_design_init made it". */
  g_assert_cmpint (d->n_systems, ==, 0);

  g_autofree char *path = write_tmp ("newer-design.lua", text);
  g_assert_cmpint (gp_design_load (path, d, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, NEWER));
  g_assert_cmpint (d->n_systems, ==, 0);
  g_free (d);
}

/* Run CODE (which returns a message or nil) in a state with the glasspane module, with
 * PATH as the global `path`; returns the message (or NULL). */
static char *
lua_message (const char *code, const char *path)
{
  lua_State *L = luaL_newstate ();
  luaL_openlibs (L);
  luaL_requiref (L, "glasspane", luaopen_glasspane, 1);
  lua_pop (L, 1);
  lua_pushstring (L, path);
  lua_setglobal (L, "path");
  if (luaL_dostring (L, code) != LUA_OK)
    g_error ("%s: %s", code, lua_tostring (L, -1));
  char *msg = lua_isstring (L, -1) ? g_strdup (lua_tostring (L, -1)) : NULL;
  lua_close (L);
  return msg;
}

static void
test_lua (void)
{
  g_autofree char *nodes_path = write_tmp ("newer-nodes.lua", newer_nodes);
  /* glasspane.load: nil, message. */
  g_autofree char *m1 = lua_message ("local t, msg = glasspane.load(path)\n"
                                     "assert(t == nil, 'a newer file loaded')\n"
                                     "return msg", nodes_path);
  g_assert_nonnull (m1);
  g_assert_nonnull (strstr (m1, NEWER));

  g_autofree char *text = newer_design_text ();
  g_autofree char *design_path = write_tmp ("newer-design.lua", text);
  /* glasspane.design_load: nil, message or an error; either way the message says why. */
  g_autofree char *m2 = lua_message ("local ok, d, msg = pcall(glasspane.design_load, path)\n"
                                     "if not ok then return d end\n"
                                     "assert(d == nil, 'a newer design loaded')\n"
                                     "return msg", design_path);
  g_assert_nonnull (m2);
  g_test_message ("glasspane.design_load -> %s", m2);
  g_assert_nonnull (strstr (m2, NEWER));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  GError *gerr = NULL;
  tmpdir = g_dir_make_tmp ("gp-format-XXXXXX", &gerr);
  g_assert_no_error (gerr);
  g_test_add_func ("/hardening/format-version/datafile", test_datafile);
  g_test_add_func ("/hardening/format-version/presets", test_presets);
  g_test_add_func ("/hardening/format-version/design", test_design);
  g_test_add_func ("/hardening/format-version/lua", test_lua);
  int status = g_test_run ();
  static const char *const names[] = { "newer-nodes.lua", "newer-design.lua" };
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (tmpdir, names[i], NULL);
      g_unlink (p);
    }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
