/* gp-main.c: the `glasspane` command.
 *
 *   glasspane [FILE.lua]       the desktop explorer, on the default comparison or FILE
 *   glasspane --table [...]    the headless yield and die-cost table (no display needed)
 *   glasspane --self-test      open the window, change a parameter through its widget,
 *                              check the charts and the table follow, exit 0 or 1
 *   glasspane --bench          print start-up and redraw timings ("name: value unit") */
#include <stdio.h>
#include <string.h>

#include "gp-app-bench.h"
#include "gp-application.h"
#include "gp-models.h"
#include "gp-self-test.h"
#include "gp-table.h"

int
main (int argc, char **argv)
{
  gint64 start_us = g_get_monotonic_time ();
  if (argc > 1 && strcmp (argv[1], "--table") == 0)
    {
      argv[1] = argv[0];
      return gp_table_main (argc - 1, argv + 1);
    }
  gp_models_init ();
  GpAppDriver driver = NULL;
  if (argc > 1 && strcmp (argv[1], "--self-test") == 0)
    driver = gp_self_test_run;
  else if (argc > 1 && strcmp (argv[1], "--bench") == 0)
    driver = gp_app_bench_run;
  else if (argc > 1 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      printf ("usage: glasspane [FILE.lua]\n"
              "       glasspane --table [--nodes FILE] [--area MM2]...\n"
              "       glasspane --self-test | --bench\n");
      return 0;
    }
  g_set_application_name ("glasspane");
  g_autoptr (GpApplication) app = gp_application_new (driver, start_us);
  int status = g_application_run (G_APPLICATION (app), driver == NULL ? argc : 1,
                                  argv);
  return status ? status : gp_application_get_exit_status (app);
}
