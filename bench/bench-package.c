/* bench-package.c: package cost and carbon hot paths (issue 3 targets: one cost evaluation
 * and one carbon evaluation each under 200 ns, after gp_package_prepare). */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "gp-carbon.h"
#include "gp-models.h"
#include "gp-package.h"

/* The two nodes the H100 preset names, with data/nodes.lua's values (bench links the models
 * only, not the data loader). */
static void
bench_nodes (gp_node nodes[2])
{
  gp_node_init (&nodes[0]);
  strcpy (nodes[0].name, "N5");
  nodes[0].wafer_cost_usd = 16988;   /* CSET 2020 */
  nodes[0].d0_per_cm2 = 0.11;        /* AnandTech 16028, Chiplet Actuary */
  nodes[0].alpha = 10;
  nodes[0].epa_kwh_per_cm2 = 2.75;   /* ACT 5 nm */
  nodes[0].gpa_g_per_cm2 = 430;
  nodes[0].mpa_g_per_cm2 = 500;
  gp_node_init (&nodes[1]);
  strcpy (nodes[1].name, "N65");
  nodes[1].wafer_cost_usd = 1937;    /* CSET 2020 */
  nodes[1].d0_per_cm2 = 0.07;
  nodes[1].alpha = 10;
}

typedef struct {
  gp_package_params p;
  gp_package_prepared prep;
  gp_carbon_params c;
  gp_node nodes[2];
} bench_pkg;

static double
run_prepare (void *data)
{
  bench_pkg *b = data;
  gp_package_prepared prep;
  if (gp_package_prepare (&b->p, b->nodes, 2, &prep, NULL) != GP_OK)
    return 0.0;
  return prep.part[0].cost_per_good_die;
}

static double
run_cost (void *data)
{
  bench_pkg *b = data;
  gp_package_result r;
  /* Vary a cheap field so the call cannot be hoisted. */
  b->p.parts[1].usd_per_gb = b->p.parts[1].usd_per_gb == 15.0 ? 15.5 : 15.0;
  if (gp_package_cost (&b->p, &b->prep, &r, NULL) != GP_OK)
    return 0.0;
  return r.total_usd;
}

static double
run_carbon (void *data)
{
  bench_pkg *b = data;
  gp_carbon_package_result r;
  b->c.fab_ci_g_per_kwh = b->c.fab_ci_g_per_kwh == 583.0 ? 380.0 : 583.0;
  if (gp_carbon_package (&b->c, &b->p, &b->prep, &r, NULL) != GP_OK)
    return 0.0;
  return r.total_kg;
}

void
gp_bench_package (void)
{
  static bench_pkg b;
  gp_package_params_init (&b.p);
  gp_carbon_params_init (&b.c);
  bench_nodes (b.nodes);
  gp_error err;
  if (gp_package_prepare (&b.p, b.nodes, 2, &b.prep, &err) != GP_OK)
    {
      printf ("package: prepare failed: %s\n", err.message);
      return;
    }
  gp_bench_run ("package prepare, H100 preset (die count, redundancy yield, interposer)",
                run_prepare, &b, 0.3);
  gp_bench_run ("package cost evaluation, H100 preset (target < 200 ns)", run_cost, &b, 0.3);
  gp_bench_run ("carbon evaluation, H100 preset (target < 200 ns)", run_carbon, &b, 0.3);

  b.p.parts[1].usd_per_gb = 15.0;
  b.c.fab_ci_g_per_kwh = 583.0;
  gp_package_result r;
  gp_carbon_package_result cr;
  if (gp_package_cost (&b.p, &b.prep, &r, &err) == GP_OK
      && gp_carbon_package (&b.c, &b.p, &b.prep, &cr, &err) == GP_OK)
    {
      gp_bench_print_value ("H100 preset cost per good package", r.total_usd, "USD");
      gp_bench_print_value ("H100 preset scrap share", r.scrap_fraction, "");
      gp_bench_print_value ("H100 preset USD per PFLOP/s", r.usd_per_pflops, "USD");
      gp_bench_print_value ("H100 preset embodied carbon per good package", cr.total_kg,
                            "kgCO2e");
    }
}
