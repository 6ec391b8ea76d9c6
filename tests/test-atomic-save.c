/* test-atomic-save.c: a save killed at any moment leaves the old file or the new one,
 * never a mixture (gp_atomic_write_file, ui/gp-export.h, which figure exports and
 * design saves go through).
 *
 * A child process writes a large file over an existing one and is sent SIGKILL after a
 * random delay spanning the whole write (from before the temporary file exists to after
 * the rename), many times over. After each kill the target must be byte-for-byte the
 * complete old content or the complete new content. The writer has no cleanup pass of
 * its own: a kill between mkstemp() and rename() leaves its temporary file,
 * "NAME.tmp-XXXXXX", beside the target. The test checks that nothing else is ever left
 * (so a cleanup pass can find such files by that pattern), counts them and removes them. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sys/time.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "gp-export.h"

#define OLD_BYTES ((size_t) 3 << 20)
#define NEW_BYTES ((size_t) 5 << 20)

static unsigned char *
pattern (size_t len, unsigned seed)
{
  unsigned char *b = g_malloc (len);
  guint32 x = seed;
  for (size_t i = 0; i < len; i++)
    {
      x = x * 1664525u + 1013904223u;
      b[i] = (unsigned char) (x >> 24);
    }
  return b;
}

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* Names in DIR other than BASE: every one must be BASE.tmp-XXXXXX (removed here). */
static guint
sweep_temporaries (const char *dir, const char *base)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  g_autofree char *prefix = g_strconcat (base, ".tmp-", NULL);
  guint n = 0;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (strcmp (name, base) == 0)
        continue;
      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        g_error ("unexpected file left by a killed save: %s", name);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
      n++;
    }
  return n;
}

static void
test_kill_during_save (void)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-atomic-XXXXXX", &gerr);
  g_assert_no_error (gerr);
  g_autofree char *path = g_build_filename (dir, "design.lua", NULL);
  g_autofree unsigned char *old_bytes = pattern (OLD_BYTES, 1);
  g_autofree unsigned char *new_bytes = pattern (NEW_BYTES, 2);
  gp_error err;

  /* How long one save takes here, so the kill delays span it. */
  double t0 = now_s ();
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (gp_atomic_write_file (path, new_bytes, NEW_BYTES, &err), ==, GP_OK);
  double write_s = (now_s () - t0) / 3;
  g_test_message ("one %zu-byte save takes %.3g ms", NEW_BYTES, 1e3 * write_s);

  int iterations = g_test_slow () ? 400 : 120;
  guint n_old = 0, n_new = 0, n_temps = 0;
  GRand *r = g_rand_new_with_seed (7);
  for (int it = 0; it < iterations; it++)
    {
      g_assert_cmpint (gp_atomic_write_file (path, old_bytes, OLD_BYTES, &err), ==, GP_OK);
      /* Delays from 0 to 2.5 x the write time, plus a fork's worth. */
      double delay = g_rand_double_range (r, 0, 2.5 * write_s + 2e-3);
      if (it == 0)
        delay = 0;
      fflush (NULL);
      pid_t pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          gp_error cerr;
          _exit (gp_atomic_write_file (path, new_bytes, NEW_BYTES, &cerr) == GP_OK ? 0 : 1);
        }
      g_usleep ((gulong) (delay * 1e6));
      kill (pid, SIGKILL);
      int wstatus;
      while (waitpid (pid, &wstatus, 0) < 0)
        g_assert_cmpint (errno, ==, EINTR);
      if (WIFEXITED (wstatus))
        g_assert_cmpint (WEXITSTATUS (wstatus), ==, 0);

      g_autofree char *got = NULL;
      gsize len = 0;
      g_assert_true (g_file_get_contents (path, &got, &len, NULL));
      if (len == OLD_BYTES && memcmp (got, old_bytes, OLD_BYTES) == 0)
        n_old++;
      else if (len == NEW_BYTES && memcmp (got, new_bytes, NEW_BYTES) == 0)
        n_new++;
      else
        g_error ("iteration %d (kill after %.3g ms): the file is neither the old nor the new "
                 "content (%zu bytes)", it, 1e3 * delay, (size_t) len);
      n_temps += sweep_temporaries (dir, "design.lua");
    }
  g_rand_free (r);
  g_test_message ("%d kills: %u left the old file, %u the new one, %u left a stale "
                  "temporary file (design.lua.tmp-XXXXXX; the next save removes those older than "
                  "ten minutes)",
                  iterations, n_old, n_new, n_temps);
  /* The delays span the write, so both outcomes must have happened. */
  g_assert_cmpuint (n_old, >, 0);
  g_assert_cmpuint (n_new, >, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A failed save (directory missing) leaves no temporary file and names the path. */
static void
test_failed_save_leaves_nothing (void)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-atomic-XXXXXX", &gerr);
  g_assert_no_error (gerr);
  g_autofree char *path = g_build_filename (dir, "missing", "design.lua", NULL);
  gp_error err;
  g_assert_cmpint (gp_atomic_write_file (path, "x", 1, &err), ==, GP_EIO);
  g_assert_nonnull (strstr (err.message, "design.lua"));
  /* A read-only directory: the old file stays and no temporary is left. */
  g_autofree char *file = g_build_filename (dir, "keep.lua", NULL);
  g_assert_cmpint (gp_atomic_write_file (file, "old", 3, &err), ==, GP_OK);
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_assert_cmpint (gp_atomic_write_file (file, "new", 3, &err), ==, GP_EIO);
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_autofree char *got = NULL;
      g_assert_true (g_file_get_contents (file, &got, NULL, NULL));
      g_assert_cmpstr (got, ==, "old");
    }
  g_assert_cmpuint (sweep_temporaries (dir, "keep.lua"), ==, 0);
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Leftovers of a killed writer are removed by the next save once they are older than ten
 * minutes; a fresh one (perhaps another process's save in progress) is left alone, and so
 * are files that only look similar. */
static void
test_stale_temporaries_swept (void)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-atomic-XXXXXX", &gerr);
  g_assert_no_error (gerr);
  g_autofree char *path = g_build_filename (dir, "design.lua", NULL);
  g_autofree char *stale = g_build_filename (dir, "design.lua.tmp-AbC123", NULL);
  g_autofree char *fresh = g_build_filename (dir, "design.lua.tmp-XyZ789", NULL);
  g_autofree char *other = g_build_filename (dir, "design.lua.tmp-toolong1", NULL);
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "half", -1, NULL));
  g_assert_true (g_file_set_contents (other, "keep", -1, NULL));
  struct timeval old_times[2] = { { time (NULL) - 3600, 0 }, { time (NULL) - 3600, 0 } };
  g_assert_cmpint (utimes (stale, old_times), ==, 0);
  g_assert_cmpint (utimes (other, old_times), ==, 0);
  gp_error err;
  g_assert_cmpint (gp_atomic_write_file (path, "new", 3, &err), ==, GP_OK);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (fresh);
  g_unlink (other);
  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hardening/atomic-save/kill-during-save", test_kill_during_save);
  g_test_add_func ("/hardening/atomic-save/failed-save-leaves-nothing",
                   test_failed_save_leaves_nothing);
  g_test_add_func ("/hardening/atomic-save/stale-temporaries-swept",
                   test_stale_temporaries_swept);
  return g_test_run ();
}
