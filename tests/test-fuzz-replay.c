/* test-fuzz-replay.c: every saved fuzz input, replayed in the normal build.
 *
 * tests/fuzz/regressions/<target>/ holds the inputs that once broke something (each named
 * after what it broke), and tests/fuzz/corpus/<target>/ the seeds the fuzzers start from.
 * Both go through the same entry functions the libFuzzer targets call (tests/fuzz/
 * fuzz-*.c), which abort on a crash or a broken invariant; so a regression that comes back
 * fails this test, here and in the sanitizer build, without clang or libFuzzer.
 *
 * tests/fuzz/pending/<target>/ holds inputs that still break code another part of the
 * project owns (reported, fix not in yet). Each runs in a child process: while it still
 * fails the test is marked incomplete (TAP "# TODO"), not failed; once it passes, the
 * message says to move it to regressions/. */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "fuzz/gp-fuzz.h"
#include "gp-models.h"

typedef int (*entry_fn) (const uint8_t *data, size_t size);

typedef struct {
  const char *target;   /* directory name under regressions/ and corpus/ */
  const char *kind;     /* "regressions" or "corpus" */
  entry_fn fn;
} replay_case;

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Run every file of DIR through FN; returns the number of files. */
static guint
replay_dir (const char *dir, entry_fn fn)
{
  g_autoptr (GError) gerr = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &gerr);
  if (d == NULL)
    return 0;
  /* Sorted, so a failure always names the same first file. */
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *full = g_build_filename (dir, name, NULL);
      /* Files only: data/ also holds desktop/ (the .desktop file, metainfo, icons). */
      if (name[0] != '.' && strcmp (name, "README.md") != 0
          && !g_file_test (full, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;
      if (!g_file_get_contents (path, &bytes, &len, &gerr))
        g_error ("%s: %s", path, gerr->message);
      g_test_message ("replaying %s (%zu bytes)", path, (size_t) len);
      fn ((const uint8_t *) bytes, len);
    }
  return names->len;
}

static entry_fn
entry_for (const char *target)
{
  if (strcmp (target, "datafile") == 0)
    return gp_fuzz_datafile;
  if (strcmp (target, "luaparam") == 0)
    return gp_fuzz_luaparam;
  if (strcmp (target, "lua-api") == 0)
    return gp_fuzz_lua_api;
  if (strcmp (target, "design") == 0)
    return gp_fuzz_design;
  return NULL;
}

/* In the child of test_pending: replay the one file named by $GP_FUZZ_REPLAY_ONE
 * ("TARGET:PATH"). */
static void
test_one (void)
{
  if (!g_test_subprocess ())
    {
      g_test_skip ("only run as the child of /fuzz/pending/*");
      return;
    }
  const char *spec = g_getenv ("GP_FUZZ_REPLAY_ONE");
  g_assert_nonnull (spec);
  const char *colon = strchr (spec, ':');
  g_assert_nonnull (colon);
  g_autofree char *target = g_strndup (spec, (gsize) (colon - spec));
  entry_fn fn = entry_for (target);
  g_assert_nonnull (fn);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  g_autoptr (GError) gerr = NULL;
  if (!g_file_get_contents (colon + 1, &bytes, &len, &gerr))
    g_error ("%s: %s", colon + 1, gerr->message);
  fn ((const uint8_t *) bytes, len);
}

static void
test_pending (gconstpointer data)
{
  const char *target = data;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "pending", target, NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    {
      g_test_message ("pending/%s: none", target);
      return;
    }
  g_autoptr (GString) still = g_string_new (NULL);
  guint n = 0, fixed = 0;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (name[0] == '.' || strcmp (name, "README.md") == 0)
        continue;
      n++;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *spec = g_strdup_printf ("%s:%s", target, path);
      g_setenv ("GP_FUZZ_REPLAY_ONE", spec, TRUE);
      /* 4 s: a pending input may be a hang (meson gives the whole test 30 s). */
      g_test_trap_subprocess ("/fuzz/replay-one", 4 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      if (g_test_trap_has_passed ())
        {
          fixed++;
          g_test_message ("pending/%s/%s passes in this build (some fail only under clang's "
                          "sanitizers: see tests/fuzz/README.md); once fixed, move it to "
                          "regressions/%s/", target,
                          name, target);
        }
      else
        g_string_append_printf (still, " %s", name);
    }
  g_unsetenv ("GP_FUZZ_REPLAY_ONE");
  g_test_message ("pending/%s: %u inputs, %u fixed", target, n, fixed);
  if (still->len)
    g_test_incomplete_printf ("known bugs, reported, fix not in yet:%s", still->str);
}

static void
test_replay (gconstpointer data)
{
  const replay_case *c = data;
  if (c->fn == gp_fuzz_design && !gp_fuzz_design_available ())
    {
      g_test_skip ("no design loader in this build yet (scripting/gp-design.h)");
      return;
    }
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", c->kind, c->target, NULL);
  guint n = replay_dir (dir, c->fn);
  /* The loader and design targets are also seeded from the shipped presets and the hostile
   * files where they stand (run-fuzz.sh does the same), so replay those too. */
  if (strcmp (c->kind, "corpus") == 0 && strcmp (c->target, "datafile") == 0)
    {
      g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "data", NULL);
      n += replay_dir (hostile, c->fn);
    }
  if (strcmp (c->kind, "corpus") == 0
      && (strcmp (c->target, "datafile") == 0 || strcmp (c->target, "design") == 0))
    {
      g_autofree char *presets = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
      n += replay_dir (presets, c->fn);
    }
  g_test_message ("%s/%s: %u inputs replayed", c->kind, c->target, n);
  /* The seed corpora are never empty; a missing one means a broken checkout. */
  if (strcmp (c->kind, "corpus") == 0)
    g_assert_cmpuint (n, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/fuzz/replay-one", test_one);
  static const replay_case cases[] = {
    { "datafile", "regressions", gp_fuzz_datafile },
    { "luaparam", "regressions", gp_fuzz_luaparam },
    { "lua-api", "regressions", gp_fuzz_lua_api },
    { "design", "regressions", gp_fuzz_design },
    { "datafile", "corpus", gp_fuzz_datafile },
    { "luaparam", "corpus", gp_fuzz_luaparam },
    { "lua-api", "corpus", gp_fuzz_lua_api },
    { "design", "corpus", gp_fuzz_design },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fuzz/replay/%s/%s", cases[i].target,
                                               cases[i].kind);
      g_test_add_data_func (path, &cases[i], test_replay);
    }
  static const char *const targets[] = { "datafile", "luaparam", "lua-api", "design" };
  for (size_t i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fuzz/pending/%s", targets[i]);
      g_test_add_data_func (path, targets[i], test_pending);
    }
  return g_test_run ();
}
