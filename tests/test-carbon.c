/* test-carbon.c: ACT die carbon with data/nodes.lua's figures, package carbon with scrap,
 * system totals and run amortisation, all worked by hand from gp-carbon.h's equations. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "gp-carbon.h"
#include "gp-design.h"
#include "gp-models.h"
#include "gp-package.h"
#include "gp-presets-package.h"
#include "gp-presets.h"

#define REL_OK(got, want, tol) \
  g_assert_cmpfloat (fabs ((double) (got) - (double) (want)), <=, (tol) * fabs ((double) (want)))

static gp_node *nodes;
static size_t n_nodes;

/* One known-good 10 x 10 mm (1 cm2) die on NODE, no redundancy, on a free organic carrier
 * with every yield 1. */
static void
one_die_package (gp_package_params *p, const char *node)
{
  gp_package_params_init (p);
  p->carrier = GP_CARRIER_ORGANIC;
  p->carrier_width_mm = 10;
  p->carrier_height_mm = 10;
  p->carrier_usd_per_mm2 = 0;
  p->carrier_yield = 1;
  p->carrier_known_good = false;
  p->bond_yield_substrate = 1;
  p->final_test_yield = 1;
  p->n_parts = 1;
  gp_package_part *die = &p->parts[0];
  gp_package_part_init (die);
  g_strlcpy (die->name, "die", sizeof die->name);
  g_strlcpy (die->node, node, sizeof die->node);
  die->die_width_mm = 10;
  die->die_height_mm = 10;
  die->bond = GP_BOND_SUBSTRATE;
}

static void
test_act_die (void)
{
  /* ACT: C = A x (CI x EPA + GPA + MPA) / 1000 / Y, with data/nodes.lua's figures.
   * N7 (EPA 2.15, GPA 350, MPA 500, D0 0.09, alpha 10), Taiwan 583 g/kWh, 1 cm2:
   *   583 x 2.15 + 350 + 500 = 2,103.45 g = 2.10345 kg; Y = (1 + 0.09 / 10)^-10 = 0.9142992
   *   known good: 2.10345 / 0.9142992 = 2.3006145 kg; untested: 2.10345 kg.
   * N5 (2.75, 430, 500, D0 0.11): 583 x 2.75 + 930 = 2,533.25 g; Y = 1.011^-10 = 0.8963723;
   *   2.53325 / 0.8963723 = 2.8261135 kg.
   * N7 at the USA grid (380): 380 x 2.15 + 850 = 1,667 g -> 1.667 / 0.9142992 = 1.8232545. */
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_package_params p;
  gp_package_prepared prep;
  gp_error err;
  double kg;

  one_die_package (&p, "N7");
  g_assert_cmpint (gp_package_prepare (&p, nodes, n_nodes, &prep, &err), ==, GP_OK);
  const double y7 = pow (1 + 0.09 / 10, -10); /* 0.9142992, as in the comment */
  g_assert_cmpfloat_with_epsilon (prep.part[0].die_yield, y7, 1e-12);
  g_assert_cmpint (gp_carbon_die (&c, &p.parts[0], &prep.part[0], &kg, &err), ==, GP_OK);
  REL_OK (kg, 2.10345 / y7, 1e-12);
  p.parts[0].known_good = false;
  g_assert_cmpint (gp_carbon_die (&c, &p.parts[0], &prep.part[0], &kg, &err), ==, GP_OK);
  REL_OK (kg, 2.10345, 1e-12);
  p.parts[0].known_good = true;
  c.fab_ci_g_per_kwh = 380;
  g_assert_cmpint (gp_carbon_die (&c, &p.parts[0], &prep.part[0], &kg, &err), ==, GP_OK);
  REL_OK (kg, 1.667 / y7, 1e-12);

  /* Edge loss charged: the die takes the full wafer area over the gross count,
   * pi x 150^2 / G mm2, instead of its 100 mm2. */
  c.fab_ci_g_per_kwh = 583;
  c.charge_edge_loss = true;
  g_assert_cmpint (gp_carbon_die (&c, &p.parts[0], &prep.part[0], &kg, &err), ==, GP_OK);
  double a_cm2 = G_PI * 150.0 * 150.0 / (double) prep.part[0].gross_dies / 100.0;
  g_assert_cmpfloat (a_cm2, >, 1.0);
  REL_OK (kg, a_cm2 * 2.10345 / y7, 1e-12);
  c.charge_edge_loss = false;

  one_die_package (&p, "N5");
  g_assert_cmpint (gp_package_prepare (&p, nodes, n_nodes, &prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_carbon_die (&c, &p.parts[0], &prep.part[0], &kg, &err), ==, GP_OK);
  const double n5_kg = 2.53325 / pow (1 + 0.11 / 10, -10); /* 2.8261135 */
  REL_OK (kg, n5_kg, 1e-12);

  /* The whole package: one die, every yield 1, 1 cm2 organic carrier at 0.000208 kg/cm2 and
   * ACT's 0.15 kg packaging: 2.8261135 + 0.000208 + 0.15. */
  gp_carbon_package_result r;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.total_kg, n5_kg + 0.000208 + 0.15, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.scrap_kg, 0, 1e-12);
}

static void
test_package_hand (void)
{
  /* A controller die priced by hand (kgco2e_each 5 kg), 2 HBM3 stacks of 16 GB
   * (2 x 16 x 1.247 = 39.904 kg), 3 optical engines (3 x 0.6 = 1.8 kg), a 1 cm2 organic
   * carrier (0.000208 kg), ACT packaging 0.15 kg: 46.854208 kg as purchased.
   * Six flip-chip bonds at 0.99 and final test yield 0.98:
   *   total = 46.854208 / 0.99^6 / 0.98 = 46.854208 / 0.94148015 / 0.98 = 50.7822 kg. */
  gp_package_params p;
  gp_package_params_init (&p);
  p.carrier = GP_CARRIER_ORGANIC;
  p.carrier_width_mm = 10;
  p.carrier_height_mm = 10;
  p.carrier_yield = 1;
  p.carrier_known_good = false;
  p.final_test_yield = 0.98;
  p.peak_pflops = 0.5;
  p.n_parts = 3;
  for (int i = 0; i < 3; i++)
    {
      gp_package_part_init (&p.parts[i]);
      p.parts[i].bond = GP_BOND_SUBSTRATE;
    }
  p.parts[0].kgco2e_each = 5;
  p.parts[1].kind = GP_PART_HBM;
  p.parts[1].count = 2;
  p.parts[1].capacity_gb = 16;
  p.parts[1].hbm_generation = GP_HBM3;
  p.parts[2].kind = GP_PART_OPTICS;
  p.parts[2].count = 3;

  gp_carbon_params c;
  gp_carbon_params_init (&c);
  c.hbm_from_wafer = false; /* the per-GB generation figures */
  gp_package_prepared prep;
  gp_carbon_package_result r;
  gp_error err;
  g_assert_cmpint (gp_package_prepare (&p, NULL, 0, &prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_OK);
  const double sum = 46.854208, y = pow (0.99, 6) * 0.98;
  g_assert_cmpfloat_with_epsilon (r.logic_kg, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.memory_kg, 39.904, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.optics_kg, 1.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.carrier_kg, 0.000208, 1e-15);
  g_assert_cmpfloat_with_epsilon (r.assembly_kg, 0.15, 1e-15);
  REL_OK (r.total_kg, sum / y, 1e-12);
  REL_OK (r.scrap_kg, sum / y - sum, 1e-10);
  REL_OK (r.kg_per_pflops, sum / y / 0.5, 1e-12);
  double parts = r.logic_kg + r.memory_kg + r.optics_kg + r.other_kg + r.carrier_kg
                 + r.assembly_kg + r.scrap_kg;
  REL_OK (parts, r.total_kg, 1e-14);

  /* HBM4 instead: 2 x 16 x 0.906 = 28.992 kg. */
  p.parts[1].hbm_generation = GP_HBM4;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.memory_kg, 28.992, 1e-12);

  /* Built up from wafer figures (the default): per 16 GB stack
   * (16 x 0.15 x 1.5 + 1.4 + 0.15) / 0.85 = 5.15 / 0.85 = 6.0588235 kg, two stacks
   * 12.117647 kg, 0.37867647 kg per active GB of 32. */
  c.hbm_from_wafer = true;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.memory_kg, 2 * 5.15 / 0.85, 1e-12);
  REL_OK (r.memory_kg_per_active_gb, 2 * 5.15 / 0.85 / 32, 1e-12);
  /* one of the two stacks disabled: the same carbon over 16 active GB */
  p.parts[1].active_count = 1;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.memory_kg_per_active_gb, 2 * 5.15 / 0.85 / 16, 1e-12);
  c.hbm_stack_yield = 0;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "hbm_stack_yield");
}

static void
test_interposer_carbon (void)
{
  /* A chip-last 20 x 30 mm (6 cm2) interposer at D0 0.06, alpha 6: Y = 1.06^-6 = 0.70496054.
   * Charged per wafer as the package cost charges it: the 300 mm wafer's area over the gross
   * interposers (the exact count, tested in test-wafer), at the default interposer figures
   * at Taiwan 583 x 0.225 + 43.75 + 100 = 274.925 g/cm2, over Y; plus a 60 x 60 mm (36 cm2)
   * organic substrate: 36 x 0.000208 = 0.007488 kg. */
  gp_package_params p;
  gp_package_params_init (&p);
  p.carrier_width_mm = 20;
  p.carrier_height_mm = 30;
  p.substrate_width_mm = 60;
  p.substrate_height_mm = 60;
  p.n_parts = 1;
  gp_package_part_init (&p.parts[0]);
  p.parts[0].kind = GP_PART_OTHER;
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_package_prepared prep;
  gp_carbon_package_result r;
  gp_error err;
  g_assert_cmpint (gp_package_prepare (&p, nodes, n_nodes, &prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_OK);
  double site_cm2 = G_PI * 150.0 * 150.0 / (double) prep.carrier_gross / 100.0;
  g_assert_cmpfloat (site_cm2, >, 6.0);
  REL_OK (r.carrier_kg, site_cm2 * 0.274925 / pow (1.06, -6) + 0.007488, 1e-12);
}

static void
test_system_and_run (void)
{
  /* DGX H100-like defaults with 100 kg per package:
   *   8 x 100 + 2,048 GB x 0.0743 + 34,560 GB x 0.0114 + 1 x 66.1 + 6 x 72.9 + 150 + 20
   *   + PCB 0.33 m2 x 20 layers x 2.5 + VRM 288 x 0.4 + connectors 24 x 0.3 + heat sinks
   *   26 kg x 8 = 800 + 152.1664 + 393.984 + 66.1 + 437.4 + 150 + 20 + 16.5 + 115.2 + 7.2
   *   + 208 = 2,366.5504 kg. */
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_carbon_system_params s;
  gp_carbon_system_params_init (&s);
  s.package_kgco2e = 100;
  gp_carbon_system_result sr;
  gp_error err;
  g_assert_cmpint (gp_carbon_system (&c, &s, &sr, &err), ==, GP_OK);
  REL_OK (sr.total_kg, 2366.5504, 1e-12);
  REL_OK (sr.pcb_kg, 16.5, 1e-12);
  REL_OK (sr.vrm_kg, 115.2, 1e-12);
  REL_OK (sr.heatsink_kg, 208, 1e-12);
  g_assert_cmpfloat_with_epsilon (sr.dram_kg, 152.1664, 1e-9);
  g_assert_cmpfloat_with_epsilon (sr.ssd_kg, 393.984, 1e-9);

  /* A 30-day run (720 h) on hardware of 1,000 kg over 5 years (43,800 h), using 10,000 kWh
   * at PUE 1.1 on the world grid (301 g/kWh):
   *   embodied 1000 x 720 / 43,800 = 16.438356 kg; operational 10,000 x 1.1 x 0.301 = 3,311. */
  gp_carbon_run_params rp;
  gp_carbon_run_params_init (&rp);
  rp.embodied_kgco2e = 1000;
  rp.run_time_h = 720;
  rp.energy_kwh = 10000;
  gp_carbon_run_result rr;
  g_assert_cmpint (gp_carbon_run (&rp, &rr, &err), ==, GP_OK);
  const double embodied = 1000.0 * 720 / 43800;
  REL_OK (rr.embodied_kg, embodied, 1e-12);
  REL_OK (rr.operational_kg, 3311, 1e-12);
  REL_OK (rr.total_kg, embodied + 3311, 1e-12);
  REL_OK (rr.embodied_fraction, embodied / (embodied + 3311), 1e-12);
  /* A run over the whole lifetime is charged the whole embodied carbon. */
  rp.run_time_h = 5 * 8760;
  g_assert_cmpint (gp_carbon_run (&rp, &rr, &err), ==, GP_OK);
  REL_OK (rr.embodied_kg, 1000, 1e-14);
}

static void
test_errors (void)
{
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_package_params p;
  gp_package_prepared prep;
  gp_carbon_package_result r;
  gp_error err;

  /* N65 has no ACT figures in data/nodes.lua: a logic die on it cannot be charged. */
  one_die_package (&p, "N65");
  g_assert_cmpint (gp_package_prepare (&p, nodes, n_nodes, &prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "node");
  g_assert_nonnull (strstr (err.message, "\"N65\" has no ACT figures"));

  /* Unknown node name: refused at preparation. */
  one_die_package (&p, "N1");
  g_assert_cmpint (gp_package_prepare (&p, nodes, n_nodes, &prep, &err), ==, GP_ENOTFOUND);
  g_assert_cmpstr (err.param, ==, "node");

  one_die_package (&p, "N7");
  g_assert_cmpint (gp_package_prepare (&p, nodes, n_nodes, &prep, &err), ==, GP_OK);
  c.fab_ci_g_per_kwh = NAN;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "fab_ci_g_per_kwh");
  gp_carbon_params_init (&c);
  p.parts[0].kgco2e_each = -1;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "kgco2e_each");
  g_assert_nonnull (strstr (err.message, "parts[1] (die)"));
  p.parts[0].kgco2e_each = 0;
  p.bond_yield_substrate = 1.5;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "bond_yield_substrate");
  p.bond_yield_substrate = 1;
  c.package_assembly_kgco2e = -0.1;
  g_assert_cmpint (gp_carbon_package (&c, &p, &prep, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "package_assembly_kgco2e");

  gp_carbon_params_init (&c);
  gp_carbon_system_params s;
  gp_carbon_system_params_init (&s);
  gp_carbon_system_result sr;
  s.packages = -1;
  g_assert_cmpint (gp_carbon_system (&c, &s, &sr, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "packages");
  gp_carbon_system_params_init (&s);
  c.dram_kgco2e_per_gb = -1;
  g_assert_cmpint (gp_carbon_system (&c, &s, &sr, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "dram_kgco2e_per_gb");

  gp_carbon_run_params rp;
  gp_carbon_run_result rr;
  gp_carbon_run_params_init (&rp);
  rp.run_time_h = 5 * 8760 + 1;
  g_assert_cmpint (gp_carbon_run (&rp, &rr, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "run_time_h");
  gp_carbon_run_params_init (&rp);
  rp.pue = 0.9;
  g_assert_cmpint (gp_carbon_run (&rp, &rr, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "pue");
  gp_carbon_run_params_init (&rp);
  rp.lifetime_years = 0;
  g_assert_cmpint (gp_carbon_run (&rp, &rr, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "lifetime_years");
  gp_carbon_run_params_init (&rp);
  rp.energy_kwh = NAN;
  g_assert_cmpint (gp_carbon_run (&rp, &rr, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "energy_kwh");
}

static void
test_data (void)
{
  gp_carbon_params file, def;
  gp_grid *grids = NULL;
  gp_carbon_system_params *systems = NULL;
  size_t n_grids = 0, n_systems = 0;
  gp_error err;
  if (gp_carbon_load (NULL, &file, &grids, &n_grids, &systems, &n_systems, &err) != GP_OK)
    g_error ("%s", err.message);

  /* The defaults in code are the file's values. */
  gp_carbon_params_init (&def);
  for (size_t i = 0; i < gp_carbon_param_table.n_params; i++)
    {
      const gp_param *pa = &gp_carbon_param_table.params[i];
      if (gp_param_get (pa, &file) != gp_param_get (pa, &def))
        g_error ("carbon.%s: file %g, code %g", pa->name, gp_param_get (pa, &file),
                 gp_param_get (pa, &def));
    }
  gp_carbon_system_params sdef;
  gp_carbon_system_params_init (&sdef);
  g_assert_cmpuint (n_systems, >=, 1);
  g_assert_cmpstr (systems[0].name, ==, sdef.name);
  for (size_t i = 0; i < gp_carbon_system_param_table.n_params; i++)
    {
      const gp_param *pa = &gp_carbon_system_param_table.params[i];
      if (pa->type != GP_PARAM_STRING && gp_param_get (pa, &systems[0]) != gp_param_get (pa, &sdef))
        g_error ("systems[1].%s differs from the code default", pa->name);
    }

  /* The brief's fab locations (ACT): Taiwan 583, USA 380, Europe 295, world 301 g/kWh. */
  const char *names[] = { "taiwan", "usa", "europe", "world" };
  const double ci[] = { 583, 380, 295, 301 };
  for (int i = 0; i < 4; i++)
    {
      const gp_grid *g = gp_grids_find (grids, n_grids, names[i]);
      g_assert_nonnull (g);
      g_assert_cmpfloat (g->ci_g_per_kwh, ==, ci[i]);
    }

  /* Every package preset gets a carbon figure whose breakdown sums to its total; the H100's
   * memory is 6 stacks of 16 GB built up from wafer figures, 6 x 5.15 / 0.85 = 36.352941 kg,
   * and its die ACT's 8.14 cm2 x 2.53325 kg over the die yield the package model found. */
  gp_package_params *pk = NULL;
  size_t n = 0;
  if (gp_packages_load (NULL, &pk, &n, &err) != GP_OK)
    g_error ("%s", err.message);
  for (size_t i = 0; i < n; i++)
    {
      gp_package_prepared prep;
      gp_carbon_package_result r;
      if (gp_package_prepare (&pk[i], nodes, n_nodes, &prep, &err) != GP_OK
          || gp_carbon_package (&file, &pk[i], &prep, &r, &err) != GP_OK)
        g_error ("%s: %s", pk[i].name, err.message);
      double sum = r.logic_kg + r.memory_kg + r.optics_kg + r.other_kg + r.carrier_kg
                   + r.assembly_kg + r.scrap_kg;
      REL_OK (sum, r.total_kg, 1e-12);
      if (strcmp (pk[i].name, "h100_cowos_s") == 0)
        {
          REL_OK (r.memory_kg, 6 * 5.15 / 0.85, 1e-12);
          REL_OK (r.logic_kg, 8.14 * 2.53325 / prep.part[0].die_yield, 1e-9);
        }
    }
  free (pk);
  free (grids);
  free (systems);
}

/* An 8-GPU board built from parts against published product carbon footprints (data/carbon.lua
 * NVPCF, NVBLOG): HGX H100 ~1,312 kgCO2e cradle-to-gate (NVIDIA's PCF summary, UNVERIFIED:
 * entered from memory, not found in a search; NVBLOG's published 0.66 g per exaFLOP x 8 x
 * 1,979 TFLOP/s x 4 years = 1,319 kg is the sourced check and agrees to 0.5%, so the 15%
 * tolerance holds for either), HGX B200 0.50 / 0.66 x 2.3 x
 * 1,312 = 2,287 kg. One figure set for both, within 15%. Memory (as purchased, with its
 * share of the scrap) is a fifth to two fifths of the board: the PCF summary's component
 * split is not reproduced here, so the band is an estimate, not a published figure. */
static double
board_carbon (const char *system, const char *board, double *memory_share)
{
  gp_system *s = g_new0 (gp_system, 1);
  gp_error err = { 0 };
  if (gp_system_preset (system, s, &err) != GP_OK)
    g_error ("%s", err.message);
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_package_prepared prep;
  gp_carbon_package_result pr;
  if (gp_package_prepare (&s->package, nodes, n_nodes, &prep, &err) != GP_OK
      || gp_carbon_package (&c, &s->package, &prep, &pr, &err) != GP_OK)
    g_error ("%s", err.message);
  gp_carbon_system_params *boards = NULL;
  size_t n = 0;
  if (gp_carbon_load (NULL, NULL, NULL, NULL, &boards, &n, &err) != GP_OK)
    g_error ("%s", err.message);
  const gp_carbon_system_params *b = NULL;
  for (size_t i = 0; i < n; i++)
    if (strcmp (boards[i].name, board) == 0)
      b = &boards[i];
  g_assert_nonnull (b);
  gp_carbon_system_params bp = *b;
  bp.package_kgco2e = pr.total_kg;
  gp_carbon_system_result r;
  g_assert_cmpint (gp_carbon_system (&c, &bp, &r, &err), ==, GP_OK);
  double as_bought = pr.total_kg - pr.scrap_kg;
  *memory_share = (double) bp.packages * pr.memory_kg * (pr.total_kg / as_bought) / r.total_kg;
  g_test_message ("%s: package %.1f kg (memory %.1f), board %.0f kg, memory share %.2f",
                  board, pr.total_kg, pr.memory_kg, r.total_kg, *memory_share);
  free (boards);
  g_free (s);
  return r.total_kg;
}

static void
test_published_boards (void)
{
  double share;
  REL_OK (board_carbon ("dgx-h100", "hgx_h100", &share), 1312.0, 0.15);
  g_assert_cmpfloat (share, >=, 0.2);
  g_assert_cmpfloat (share, <=, 0.4);
  REL_OK (board_carbon ("dgx-b200", "hgx_b200", &share), 2287.0, 0.15);
  g_assert_cmpfloat (share, >=, 0.2);
  g_assert_cmpfloat (share, <=, 0.4);
}

/* The H100 package by hand from its parts, as purchased (data/packages.lua h100_cowos_s):
 * memory 6 x (16 x 0.15 x 1.5 + 1.4 + 0.15) / 0.85 = 36.35 kg, the die 8.14 cm2 x 2.53325 kg
 * over its yield, the interposer per wafer over its yield; total = sum / Y_asm / Y_test.
 * Against the 240 kg (120 kg HBM at 1.25 kg/GB, 27 kg interposer) it is ~114 kg. */
static void
test_h100_package (void)
{
  gp_system *s = g_new0 (gp_system, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_system_preset ("dgx-h100", s, &err), ==, GP_OK);
  gp_carbon_params c;
  gp_carbon_params_init (&c);
  gp_package_prepared prep;
  gp_carbon_package_result r;
  g_assert_cmpint (gp_package_prepare (&s->package, nodes, n_nodes, &prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_carbon_package (&c, &s->package, &prep, &r, &err), ==, GP_OK);
  double site = prep.carrier_wafer_mm2_per_die / 100.0;
  double interposer = site * 0.274925 / prep.carrier_model_yield
                      + prep.substrate_area_mm2 / 100.0 * 0.000208;
  double die = 8.14 * 2.53325 / prep.part[0].die_yield;
  double sum = die + 6 * 5.15 / 0.85 + interposer + 0.15;
  REL_OK (r.carrier_kg, interposer, 1e-12);
  REL_OK (r.total_kg, sum / r.yields.assembly_yield / r.yields.final_test_yield, 1e-9);
  g_assert_cmpfloat (r.total_kg, <, 130);
  g_free (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  gp_error err;
  if (gp_nodes_load (NULL, &nodes, &n_nodes, &err) != GP_OK)
    g_error ("%s", err.message);
  g_test_add_func ("/models/carbon/act-die", test_act_die);
  g_test_add_func ("/models/carbon/package-hand", test_package_hand);
  g_test_add_func ("/models/carbon/interposer", test_interposer_carbon);
  g_test_add_func ("/models/carbon/system-and-run", test_system_and_run);
  g_test_add_func ("/models/carbon/errors", test_errors);
  g_test_add_func ("/models/carbon/data", test_data);
  g_test_add_func ("/models/carbon/published-boards", test_published_boards);
  g_test_add_func ("/models/carbon/h100-package", test_h100_package);
  int rc = g_test_run ();
  free (nodes);
  return rc;
}
