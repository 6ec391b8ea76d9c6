/* bench.c: the `bench` program. Prints one line per figure for every model's hot path.
 *
 *   bench            run every section
 *   bench SECTION    run the sections whose names contain SECTION
 *
 * Not run by `meson test`: speed targets are read off its output, never asserted by a
 * test that would fail on a slow machine. */
#include "bench.h"

#include <stdio.h>
#include <string.h>

#include "gp-models.h"

typedef struct {
  const char *name;
  void (*run) (void);
} bench_section;

static const bench_section sections[] = {
  { "wafer_yield", gp_bench_wafer_yield },
  { "loader", gp_bench_loader },
  { "package", gp_bench_package },
  { "link", gp_bench_link },
  { "steptime", gp_bench_steptime },
  { "chart", gp_bench_chart },
  { "system", gp_bench_system },
  { "uncertainty", gp_bench_uncertainty },
  { "lua", gp_bench_lua },
  { "fabric", gp_bench_fabric },
  { "inference", gp_bench_inference },
  { "compare", gp_bench_compare },
};

int
main (int argc, char **argv)
{
  gp_models_init ();
  gp_bench_print_machine ();
  const char *filter = argc > 1 ? argv[1] : NULL;
  for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
    if (filter == NULL || strstr (sections[i].name, filter) != NULL)
      sections[i].run ();
  return 0;
}
