/* test-atomic-save.c: a save killed at any moment leaves the old file or the new one,
 * never a mixture (gp_atomic_write_file, ui/gp-export.h, which figure exports and
 * design saves go through).
 *
 * A child process writes a large file over an existing one and is sent SIGKILL after a
 * random delay spanning the whole write (from before the temporary file exists to after
 * the rename), many times over. After each kill the target must be byte-for-byte the
 * complete old content or the complete new content. The writer has no cleanup pass of
 * its own: a kill between mkstemp() and rename() leaves its temporary file,
 * ".NAME.gp-save-XXXXXX", beside the target. The test checks that nothing else is ever left
 * (so a cleanup pass can find such files by that pattern), counts them and removes them.
 *
 * Then what a save may write over: only a regular, writable file or a new name (links,
 * FIFOs, devices, /proc, read-only files refused and left as they were), keeping the
 * permission bits; names up to 255 bytes; and the stale sweep touching only its own
 * exact names. */
#include <fcntl.h>
#include <sys/stat.h>
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

/* Names in DIR other than BASE: every one must be .BASE.gp-save-XXXXXX (removed here). */
static guint
sweep_temporaries (const char *dir, const char *base)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  g_autofree char *prefix = g_strconcat (".", base, ".gp-save-", NULL);
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
                  "temporary file (.design.lua.gp-save-XXXXXX; the next save removes those older than "
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
 * are files that only look similar: the reported case was d.lua.tmp-backup and
 * d.lua.tmp-v2.old deleted by a save of d.lua. */
static void
test_stale_temporaries_swept (void)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-atomic-XXXXXX", &gerr);
  g_assert_no_error (gerr);
  g_autofree char *path = g_build_filename (dir, "d.lua", NULL);
  static const char *const ours[] = { ".d.lua.gp-save-AbC123", ".gp-save-Zz9Yy8" };
  static const char *const users[] = {
    "d.lua.tmp-backup", "d.lua.tmp-v2.old", "d.lua.tmp-AbC123", ".d.lua.gp-save-toolong1",
    ".d.lua.gp-save-AbC12", ".d.lua.gp-save-Ab.123", ".e.lua.gp-save-AbC123", "d.lua.bak",
  };
  struct timeval old_times[2] = { { time (NULL) - 3600, 0 }, { time (NULL) - 3600, 0 } };
  for (size_t i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autofree char *f = g_build_filename (dir, ours[i], NULL);
      g_assert_true (g_file_set_contents (f, "half", -1, NULL));
      g_assert_cmpint (utimes (f, old_times), ==, 0);
    }
  for (size_t i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autofree char *f = g_build_filename (dir, users[i], NULL);
      g_assert_true (g_file_set_contents (f, "keep", -1, NULL));
      g_assert_cmpint (utimes (f, old_times), ==, 0);
    }
  g_autofree char *fresh = g_build_filename (dir, ".d.lua.gp-save-XyZ789", NULL);
  g_assert_true (g_file_set_contents (fresh, "half", -1, NULL));
  /* An old temporary with a second link is someone's file now: kept. */
  g_autofree char *linked = g_build_filename (dir, ".d.lua.gp-save-Linked", NULL);
  g_autofree char *link2 = g_build_filename (dir, "my-copy", NULL);
  g_assert_true (g_file_set_contents (linked, "half", -1, NULL));
  g_assert_cmpint (utimes (linked, old_times), ==, 0);
  g_assert_cmpint (link (linked, link2), ==, 0);

  gp_error err;
  g_assert_cmpint (gp_atomic_write_file (path, "new", 3, &err), ==, GP_OK);
  for (size_t i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autofree char *f = g_build_filename (dir, ours[i], NULL);
      g_assert_false (g_file_test (f, G_FILE_TEST_EXISTS));
    }
  for (size_t i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autofree char *f = g_build_filename (dir, users[i], NULL);
      g_autofree char *got = NULL;
      if (!g_file_get_contents (f, &got, NULL, NULL))
        g_error ("the save removed the user's %s", users[i]);
      g_assert_cmpstr (got, ==, "keep");
      g_unlink (f);
    }
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (linked, G_FILE_TEST_EXISTS));
  g_unlink (fresh);
  g_unlink (linked);
  g_unlink (link2);
  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Save over PATH, which must be refused with a message naming it and WHY; PATH must then
 * be as it was (checked by the caller) and no temporary left in DIR. */
static void
expect_refused (const char *dir, const char *path, const char *why)
{
  gp_error err;
  g_assert_cmpint (gp_atomic_write_file (path, "new", 3, &err), ==, GP_EIO);
  g_test_message ("%s", err.message);
  g_assert_nonnull (strstr (err.message, path));
  if (strstr (err.message, why) == NULL)
    g_error ("message \"%s\" lacks \"%s\"", err.message, why);
  if (dir)
    {
      g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;
      while ((name = g_dir_read_name (d)) != NULL)
        g_assert_null (strstr (name, ".gp-save-"));
    }
}

static void
test_only_regular_files (void)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-atomic-XXXXXX", &gerr);
  g_assert_no_error (gerr);
  g_autofree char *target = g_build_filename (dir, "target.lua", NULL);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));

  /* A symlink to a file: refused, the link and its target untouched. */
  g_autofree char *link_path = g_build_filename (dir, "link.lua", NULL);
  g_assert_cmpint (symlink ("target.lua", link_path), ==, 0);
  expect_refused (dir, link_path, "it is a symbolic link");
  g_autofree char *got = NULL;
  g_assert_true (g_file_get_contents (target, &got, NULL, NULL));
  g_assert_cmpstr (got, ==, "old");
  struct stat st;
  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  /* A dangling one: refused, nothing created at either end. */
  g_autofree char *dangling = g_build_filename (dir, "dangling.lua", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "nowhere.lua", NULL);
  g_assert_cmpint (symlink ("nowhere.lua", dangling), ==, 0);
  expect_refused (dir, dangling, "it is a symbolic link");
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  /* A FIFO: refused without blocking, still a FIFO. */
  g_autofree char *fifo = g_build_filename (dir, "fifo.lua", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  expect_refused (dir, fifo, "FIFO");
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* A device, a directory, /proc. */
  expect_refused (NULL, "/dev/null", "it is a device");
  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  expect_refused (NULL, "/proc/self/fd/1", "symbolic link");
  expect_refused (NULL, "/proc/self/comm", "/proc");
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  expect_refused (dir, sub, "it is a directory");

  /* A read-only file in a writable directory: refused, even for root. */
  g_autofree char *ro = g_build_filename (dir, "ro.lua", NULL);
  g_assert_true (g_file_set_contents (ro, "old", -1, NULL));
  g_assert_cmpint (g_chmod (ro, 0444), ==, 0);
  expect_refused (dir, ro, "it is read-only");
  g_free (got);
  got = NULL;
  g_assert_true (g_file_get_contents (ro, &got, NULL, NULL));
  g_assert_cmpstr (got, ==, "old");

  /* Permission bits kept: 0640 stays 0640 (and 04755 loses its set-user-ID bit). */
  gp_error err;
  g_assert_cmpint (g_chmod (target, 0640), ==, 0);
  g_assert_cmpint (gp_atomic_write_file (target, "new", 3, &err), ==, GP_OK);
  g_assert_cmpint (stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_cmpint (g_chmod (target, 04755), ==, 0);
  g_assert_cmpint (gp_atomic_write_file (target, "new", 3, &err), ==, GP_OK);
  g_assert_cmpint (stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0755);

  g_unlink (link_path);
  g_unlink (dangling);
  g_unlink (fifo);
  g_rmdir (sub);
  g_chmod (ro, 0644);
  g_unlink (ro);
  g_unlink (target);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Names of 245 to 255 bytes used to fail on the temporary suffix; 256 is past NAME_MAX. */
static void
test_long_names (void)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-atomic-XXXXXX", &gerr);
  g_assert_no_error (gerr);
  gp_error err;
  for (size_t len = 238; len <= 256; len++)
    {
      g_autofree char *name = g_strnfill (len, 'n');
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gp_status st = gp_atomic_write_file (path, "x", 1, &err);
      if (len <= 255)
        {
          if (st != GP_OK)
            g_error ("a %zu-byte name: %s", len, err.message);
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          /* And over an existing file of that name. */
          g_assert_cmpint (gp_atomic_write_file (path, "y", 1, &err), ==, GP_OK);
          g_unlink (path);
        }
      else
        g_assert_cmpint (st, ==, GP_EIO);
    }
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
  g_test_add_func ("/hardening/atomic-save/only-regular-files", test_only_regular_files);
  g_test_add_func ("/hardening/atomic-save/long-names", test_long_names);
  return g_test_run ();
}
