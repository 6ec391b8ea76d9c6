/* bench-loader.c: the sandboxed data loader: reading a preset file, and how quickly the
 * sandbox stops a file that loops forever or allocates without end. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp-datafile.h"
#include "gp-presets.h"

static double
load_nodes_file (void *data)
{
  const char *path = data;
  gp_datafile *df = gp_datafile_load (path, NULL, NULL);
  double ok = df != NULL;
  gp_datafile_free (df);
  return ok;
}

static double
load_and_read_nodes (void *data)
{
  const char *path = data;
  gp_node *nodes = NULL;
  size_t n = 0;
  gp_nodes_load (path, &nodes, &n, NULL);
  double x = n ? nodes[0].wafer_cost_usd : 0;
  free (nodes);
  return x;
}

static double
stop_loop (void *data)
{
  static const char src[] = "while true do end";
  gp_datafile *df = gp_datafile_load_buffer ("loop.lua", src, strlen (src), NULL, NULL);
  gp_datafile_free (df);
  return df == NULL;
}

static double
stop_memory_bomb (void *data)
{
  static const char src[] = "local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1e6) end";
  gp_datafile *df = gp_datafile_load_buffer ("bomb.lua", src, strlen (src), NULL, NULL);
  gp_datafile_free (df);
  return df == NULL;
}

void
gp_bench_loader (void)
{
  char path[4096];
  if (gp_data_path (path, sizeof path, "nodes.lua") == NULL)
    {
      printf ("loader: data path too long\n");
      return;
    }
  gp_error err;
  gp_node *nodes = NULL;
  size_t n = 0;
  if (gp_nodes_load (path, &nodes, &n, &err) != GP_OK)
    {
      printf ("loader: cannot load %s: %s\n", path, err.message);
      return;
    }
  free (nodes);
  gp_bench_print_value ("loader_nodes_count", (double) n, "nodes");
  gp_bench_run ("loader_nodes_sandbox_load", load_nodes_file, path, 0.3);
  gp_bench_run ("loader_nodes_load_and_read", load_and_read_nodes, path, 0.3);
  /* Default caps: 50 million instructions, 64 MiB. */
  gp_bench_run ("loader_stop_infinite_loop", stop_loop, NULL, 1.0);
  gp_bench_run ("loader_stop_memory_bomb", stop_memory_bomb, NULL, 1.0);
}
