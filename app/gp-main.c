/* gp-main.c: the `glasspane` command. Options go through GOptionContext (so `--help` lists
 * every one, and `--opt=value` and `--opt value` both work); a usage error prints to stderr
 * and exits with status 2.
 *
 *   glasspane [FILE.lua...]    the desktop explorer, on the default comparison or FILE
 *   glasspane --table [...]    the headless yield and die-cost table (no display needed)
 *   glasspane --self-test      open the window, change a parameter through its widget,
 *                              check the charts and the table follow, exit 0 or 1
 *   glasspane --bench          print start-up and redraw timings ("name: value unit")
 *   glasspane --version        print "glasspane VERSION"
 *
 * Messages come from GP_LOCALEDIR (the installed prefix's), or from $GP_LOCALE_DIR when set. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "gp-app-bench.h"
#include "gp-application.h"
#include "gp-models.h"
#include "gp-self-test.h"
#include "gp-table.h"

static int
usage_error (const char *msg)
{
  g_printerr ("glasspane: %s\n", msg);
  g_printerr (_("Try “glasspane --help” for the options.\n"));
  return 2;
}

/* Put the heap on transparent huge pages before GTK fills it. Start-up touches ~20 MB of
 * fresh heap; on the 2-core VMs the project is tested on, a first touch of a 4 KiB page
 * costs 10-15 us (the bench's machine line), ~5,000 faults and 50-70 ms of the first frame.
 * The heap grows in 64 MB steps (M_TOP_PAD, never trimmed below 128 MB), blocks up to 32 MB
 * stay in it rather than in mmaps of their own, and the grown part is advised for THP, so
 * it faults in 2 MiB at a time: ~40 ms off the first frame there (README, benchmarks). This
 * is what glibc's own glibc.malloc.hugetlb=1 tunable does, which can only be set in the
 * environment before the process starts. Advice only: without THP (or another libc) the
 * heap is as before. Worker threads keep their own arenas (sharing the main one was
 * slower). */
static void
heap_on_huge_pages (void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  const uintptr_t huge = (uintptr_t) 2 << 20;
  mallopt (M_TOP_PAD, 64 << 20);
  mallopt (M_TRIM_THRESHOLD, 128 << 20);
  mallopt (M_MMAP_THRESHOLD, 32 << 20);
  uintptr_t before = (uintptr_t) sbrk (0);
  void *volatile grow = malloc (8 << 20); /* volatile: the pair is not optimised away */
  free (grow);
  uintptr_t after = (uintptr_t) sbrk (0);
  uintptr_t lo = (before + huge - 1) & ~(huge - 1), hi = after & ~(huge - 1);
  if (hi > lo)
    (void) madvise ((void *) lo, hi - lo, MADV_HUGEPAGE);
#endif
}

int
main (int argc, char **argv)
{
  gint64 start_us = g_get_monotonic_time ();
  heap_on_huge_pages ();
  if (setlocale (LC_ALL, "") == NULL)
    {
      /* Say which variable names the missing locale; files do not depend on it. */
      const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LC_NUMERIC", "LANG" }, *var = "LANG";
      const char *val = "";
      for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
        if (g_getenv (vars[i]) && *g_getenv (vars[i]))
          {
            var = vars[i];
            val = g_getenv (vars[i]);
            break;
          }
      g_printerr ("glasspane: the locale %s=%s is not installed (see `locale -a`); running "
                  "in the C locale. Files are written the same in every locale.\n", var, val);
      setlocale (LC_ALL, "C");
    }
  /* GP_LOCALE_DIR: the build tree's po/ (set by `meson devenv` and the i18n test). */
  const char *localedir = g_getenv ("GP_LOCALE_DIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : GP_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gboolean version = FALSE, table = FALSE, self_test = FALSE, bench = FALSE;
  char *nodes = NULL;
  char **areas = NULL, **files = NULL;
  const GOptionEntry entries[] = {
    { "version", 'v', 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { "table", 0, 0, G_OPTION_ARG_NONE, &table,
      N_("Print the yield and die-cost table of every node and exit (no display needed)"),
      NULL },
    { "nodes", 0, 0, G_OPTION_ARG_FILENAME, &nodes,
      N_("With --table: the nodes data file (default: data/nodes.lua)"), N_("FILE") },
    { "area", 0, 0, G_OPTION_ARG_STRING_ARRAY, &areas,
      N_("With --table: a die area in mm², repeatable (default: 814, 407, 203.5, 101.75)"),
      N_("MM2") },
    { "self-test", 0, 0, G_OPTION_ARG_NONE, &self_test,
      N_("Open the window, drive it through its widgets, check the charts follow; exit 0 or 1"),
      NULL },
    { "bench", 0, 0, G_OPTION_ARG_NONE, &bench,
      N_("Print start-up and redraw timings of a real window and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE.lua…]") },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_option_context_set_summary (ctx, _("Design-space explorer for AI training hardware: "
                                       "Lite-GPU glass servers, DGX-style clusters and "
                                       "wafer-scale machines."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) args = g_strdupv (argv);
  if (!g_option_context_parse_strv (ctx, &args, &error))
    return usage_error (error->message);
  g_auto (GStrv) files_owned = files;
  g_auto (GStrv) areas_owned = areas;
  g_autofree char *nodes_owned = nodes;
  if (version)
    {
      printf ("glasspane %s\n", GP_VERSION);
      return 0;
    }
  if (table + self_test + bench > 1)
    return usage_error (_("--table, --self-test and --bench are exclusive"));
  if (!table && (nodes || areas))
    return usage_error (_("--nodes and --area go with --table"));
  for (char **f = files; f && *f; f++)
    if ((*f)[0] == '-')
      return usage_error (_("unknown option after “--”; file names starting with “-” need "
                            "a path such as ./-file.lua"));
  if (table)
    {
      if (files && files[0])
        return usage_error (_("--table takes no FILE"));
      /* The table's own parser (it is also the GTK-less build's whole program). */
      g_autoptr (GPtrArray) targs = g_ptr_array_new ();
      g_ptr_array_add (targs, argv[0]);
      if (nodes)
        {
          g_ptr_array_add (targs, "--nodes");
          g_ptr_array_add (targs, nodes);
        }
      for (char **a = areas; a && *a; a++)
        {
          g_ptr_array_add (targs, "--area");
          g_ptr_array_add (targs, *a);
        }
      g_ptr_array_add (targs, NULL);
      return gp_table_main ((int) targs->len - 1, (char **) targs->pdata);
    }
  if ((self_test || bench) && files && files[0])
    return usage_error (_("--self-test and --bench take no FILE"));

  gp_models_init ();
  GpAppDriver driver = self_test ? gp_self_test_run : bench ? gp_app_bench_run : NULL;
  g_set_application_name (_("glasspane"));
  g_autoptr (GpApplication) app = gp_application_new (driver, start_us);
  /* GApplication sees the program name and the files only: every option is handled. */
  g_autoptr (GPtrArray) rest = g_ptr_array_new ();
  g_ptr_array_add (rest, argv[0]);
  for (char **f = files; f && *f; f++)
    g_ptr_array_add (rest, *f);
  g_ptr_array_add (rest, NULL);
  int status = g_application_run (G_APPLICATION (app), (int) rest->len - 1,
                                  (char **) rest->pdata);
  return status ? status : gp_application_get_exit_status (app);
}
