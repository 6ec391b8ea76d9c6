/* gp-table.c: `glasspane --table`, the headless table of die yield and cost per node for a
 * few die sizes, read from data/nodes.lua through the sandboxed loader (no display needed;
 * the window is the default since issue 8). */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp-models.h"
#include "gp-numfmt.h"
#include "gp-presets.h"
#include "gp-table.h"

static void
usage (FILE *f)
{
  fprintf (f,
           "usage: glasspane --table [--nodes FILE] [--area MM2]...\n"
           "Prints gross dies, yield (negative binomial, the node's D0 and alpha) and cost per\n"
           "good die for square dies on every node of data/nodes.lua.\n");
}

int
gp_table_main (int argc, char **argv)
{
  /* The table is data (often redirected to a file): '.' as the decimal point always. */
  setlocale (LC_NUMERIC, "C");
  gp_models_init ();
  const char *nodes_path = NULL;
  double areas[16];
  int n_areas = 0;
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          usage (stdout);
          return 0;
        }
      else if (strcmp (argv[i], "--nodes") == 0 && i + 1 < argc)
        nodes_path = argv[++i];
      else if (strcmp (argv[i], "--area") == 0 && i + 1 < argc && n_areas < 16)
        {
          char *end;
          areas[n_areas] = gp_strtod_c (argv[++i], &end); /* "." in any locale */
          if (*end != '\0')
            {
              fprintf (stderr, "glasspane: --area: '%s' is not a number\n", argv[i]);
              return 2;
            }
          n_areas++;
        }
      else
        {
          usage (stderr);
          return 2;
        }
    }
  if (n_areas == 0)
    {
      /* H100 (814 mm2) and Lite-GPU fractions 1/2, 1/4, 1/8 of it (brief 4). */
      const double def[] = { 814, 407, 203.5, 101.75 };
      memcpy (areas, def, sizeof def);
      n_areas = 4;
    }

  gp_node *nodes = NULL;
  size_t n_nodes = 0;
  gp_error err = { 0 };
  if (gp_nodes_load (nodes_path, &nodes, &n_nodes, &err) != GP_OK)
    {
      fprintf (stderr, "glasspane: %s\n", err.message);
      return 1;
    }

  printf ("%-5s %9s %8s %6s %8s %11s %12s\n", "node", "area_mm2", "gross", "yield",
          "good", "usd_per_die", "usd_per_mm2");
  for (size_t i = 0; i < n_nodes; i++)
    for (int a = 0; a < n_areas; a++)
      {
        const gp_node *nd = &nodes[i];
        gp_wafer_params w;
        gp_wafer_params_init (&w);
        w.wafer_diameter_mm = nd->wafer_diameter_mm;
        w.die_width_mm = w.die_height_mm = sqrt (areas[a]);
        gp_wafer_result wr;
        gp_yield_params yp = { GP_YIELD_NEGBIN, areas[a], nd->d0_per_cm2, nd->alpha,
                               nd->critical_layers };
        double y;
        gp_die_cost_result dc;
        if (gp_wafer_count (&w, &wr, &err) != GP_OK || gp_yield_eval (&yp, &y, &err) != GP_OK)
          {
            fprintf (stderr, "glasspane: %s %.6g mm2: %s\n", nd->name, areas[a], err.message);
            continue;
          }
        gp_die_cost_params dp = { nd->wafer_cost_usd, wr.gross_dies, y, 0, areas[a] };
        if (gp_die_cost (&dp, &dc, &err) != GP_OK)
          {
            fprintf (stderr, "glasspane: %s %.6g mm2: %s\n", nd->name, areas[a], err.message);
            continue;
          }
        printf ("%-5s %9.1f %8ld %6.3f %8.1f %11.2f %12.3f\n", nd->name, areas[a],
                wr.gross_dies, y, dc.good_dies_per_wafer, dc.cost_per_good_die,
                dc.cost_per_good_mm2);
      }
  free (nodes);
  return 0;
}

#ifdef GP_TABLE_STANDALONE
/* Built without GTK: the table is the whole program. */
int
main (int argc, char **argv)
{
  return gp_table_main (argc, argv);
}
#endif
