/* test-package.c: package cost worked by hand from gp-package.h's equation, the scrap
 * accounting, known-good versus untested dies, carriers, error paths, and the presets. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "gp-models.h"
#include "gp-package.h"
#include "gp-presets-package.h"
#include "gp-presets.h"

#define REL_OK(got, want, tol) \
  g_assert_cmpfloat (fabs ((double) (got) - (double) (want)), <=, (tol) * fabs ((double) (want)))

/* A test node: 300 mm wafer at 10,000 USD, D0 0.1/cm2, alpha 10, and N7's ACT figures. */
static void
test_node (gp_node *n, const char *name)
{
  gp_node_init (n);
  g_strlcpy (n->name, name, sizeof n->name);
  n->wafer_cost_usd = 10000;
  n->d0_per_cm2 = 0.1;
  n->alpha = 10;
  n->epa_kwh_per_cm2 = 2.15;
  n->gpa_g_per_cm2 = 350;
  n->mpa_g_per_cm2 = 500;
}

/* An organic-substrate package with no parts yet: 10 x 10 mm carrier at 0.01 USD/mm2 (1 USD),
 * carrier yield 0.9 (untested), brief bond yields, no assembly or test cost. */
static void
organic_package (gp_package_params *p)
{
  gp_package_params_init (p);
  g_strlcpy (p->name, "hand", sizeof p->name);
  p->carrier = GP_CARRIER_ORGANIC;
  p->carrier_width_mm = 10;
  p->carrier_height_mm = 10;
  p->carrier_usd_per_mm2 = 0.01;
  p->carrier_yield = 0.9;
  p->carrier_known_good = false;
  p->assembly_cost_usd = 0;
  p->bond_cost_usd = 0;
  p->final_test_cost_usd = 0;
  p->final_test_yield = 1;
  p->peak_pflops = 0;
  p->n_parts = 0;
}

static gp_package_part *
add_priced (gp_package_params *p, const char *name, int kind, long count, double usd,
            double yield, bool known_good, int bond)
{
  gp_package_part *part = &p->parts[p->n_parts++];
  gp_package_part_init (part);
  g_strlcpy (part->name, name, sizeof part->name);
  part->kind = kind;
  part->count = count;
  part->unit_cost_usd = usd;
  part->yield = yield;
  part->known_good = known_good;
  part->bond = bond;
  return part;
}

static void
test_two_die_hand (void)
{
  /* Die A: 100 USD, untested, yield 0.8; die B: 50 USD, known good; both flip-chip on the
   * organic substrate (bond 0.99 each); carrier 1 USD, yield 0.9; assembly 10 USD, 1 USD
   * per bond, final test 5 USD at final-test yield 0.95; peak 2 PFLOP/s.
   *   Y_asm = 0.99^2 x 0.8 x 0.9 = 0.9801 x 0.72 = 0.705672
   *   C_in  = 100 + 50 + 1 + 10 + 2 x 1 = 163
   *   C     = (163 / 0.705672 + 5) / 0.95 = (230.98549 + 5) / 0.95 = 248.40579
   *   scrap = 248.40579 - (163 + 5) = 80.40579;  per PFLOP/s 124.20289 */
  gp_package_params p;
  organic_package (&p);
  add_priced (&p, "die A", GP_PART_LOGIC, 1, 100, 0.8, false, GP_BOND_SUBSTRATE);
  add_priced (&p, "die B", GP_PART_LOGIC, 1, 50, 1.0, true, GP_BOND_SUBSTRATE);
  p.assembly_cost_usd = 10;
  p.bond_cost_usd = 1;
  p.final_test_cost_usd = 5;
  p.final_test_yield = 0.95;
  p.peak_pflops = 2;

  gp_package_prepared prep;
  gp_package_result r;
  gp_error err;
  g_assert_cmpint (gp_package_prepare (&p, NULL, 0, &prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  g_assert_cmpint (r.yields.n_bonds, ==, 2);
  g_assert_cmpfloat_with_epsilon (r.yields.bond_yield, 0.9801, 1e-15);
  g_assert_cmpfloat_with_epsilon (r.yields.untested_yield, 0.8, 1e-15);
  g_assert_cmpfloat_with_epsilon (r.yields.carrier_yield, 0.9, 1e-15);
  g_assert_cmpfloat_with_epsilon (r.yields.assembly_yield, 0.705672, 1e-15);
  /* The arithmetic of the comment above, as closed forms. */
  const double y_asm = 0.99 * 0.99 * 0.8 * 0.9, total = (163 / y_asm + 5) / 0.95;
  REL_OK (r.total_usd, total, 1e-12);
  REL_OK (r.total_usd, 248.40579, 1e-7);
  REL_OK (r.scrap_usd, total - 168, 1e-12);
  REL_OK (r.usd_per_pflops, total / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.logic_usd, 150, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.carrier_usd, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.assembly_test_usd, 17, 1e-12); /* 10 + 2 x 1 + 5 */
  g_assert_cmpfloat (r.memory_usd + r.optics_usd + r.other_usd, ==, 0);
  /* The breakdown sums to the total. */
  double sum = r.logic_usd + r.memory_usd + r.optics_usd + r.other_usd + r.carrier_usd
               + r.assembly_test_usd + r.scrap_usd;
  REL_OK (sum, r.total_usd, 1e-14);
  REL_OK (r.scrap_fraction, (total - 168) / total, 1e-12);

  /* A chip-last (known-good) carrier enters at 1 / 0.9 USD with yield 1:
   * Y = 0.9801 x 0.8 = 0.78408; C = (100 + 50 + 1/0.9 + 12) / 0.78408 + 5) / 0.95. */
  p.carrier_known_good = true;
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.carrier_usd, 1 / 0.9, 1e-14);
  REL_OK (r.total_usd, ((163 - 1 + 1 / 0.9) / 0.78408 + 5) / 0.95, 1e-12);
}

static void
test_scrap_accounting (void)
{
  /* Every yield 1: nothing is scrapped and the total is the sum of the purchases. */
  gp_package_params p;
  organic_package (&p);
  p.carrier_yield = 1;
  p.bond_yield_substrate = 1;
  add_priced (&p, "part", GP_PART_OTHER, 3, 20, 1, true, GP_BOND_SUBSTRATE);
  gp_package_prepared prep;
  gp_package_result r;
  gp_error err;
  g_assert_cmpint (gp_package_prepare (&p, NULL, 0, &prep, &err), ==, GP_OK);
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.total_usd, 61, 1e-12); /* 3 x 20 + 1 */
  g_assert_cmpfloat_with_epsilon (r.scrap_usd, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.other_usd, 60, 1e-12);

  /* Bond yield 0.5 per placement, 3 placements: Y = 0.125, so a good package costs
   * 61 / 0.125 = 488 USD and 488 - 61 = 427 USD is scrap. */
  p.bond_yield_substrate = 0.5;
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.total_usd, 488, 1e-10);
  g_assert_cmpfloat_with_epsilon (r.scrap_usd, 427, 1e-10);
}

static void
test_kgd_vs_untested (void)
{
  /* A 10 x 10 mm die on node NX (10,000 USD wafer, D0 0.1, alpha 10) with a 1,000 USD HBM
   * stack (known good), all bonds at yield 1 and a free carrier so only the die's treatment
   * differs. The die yield is the negative binomial (1 + 1 cm2 x 0.1 / 10)^-10 = 0.9052870.
   * Known good: price W (1 + G t / W) / (G Y) with test t = 2 USD, enters with yield 1:
   *   C_kgd = (10000 + 2 G) / (G Y) + 1000
   * Untested: price W / G, enters with Y, and its failures scrap the HBM too:
   *   C_untested = (10000 / G + 1000) / Y
   * G is the exact die count from gp_wafer_count (tested in test-wafer). */
  gp_node node;
  test_node (&node, "NX");
  gp_package_params p;
  organic_package (&p);
  p.carrier_usd_per_mm2 = 0;
  p.carrier_yield = 1;
  p.bond_yield_microbump = 1;
  gp_package_part *die = add_priced (&p, "die", GP_PART_LOGIC, 1, 0, 1, true,
                                     GP_BOND_MICROBUMP);
  g_strlcpy (die->node, "NX", sizeof die->node);
  die->die_width_mm = 10;
  die->die_height_mm = 10;
  die->test_cost_usd = 2;
  gp_package_part *hbm = add_priced (&p, "HBM", GP_PART_HBM, 1, 0, 1, true,
                                     GP_BOND_MICROBUMP);
  hbm->capacity_gb = 100;
  hbm->usd_per_gb = 10;

  gp_package_prepared prep;
  gp_package_result r;
  gp_error err;
  g_assert_cmpint (gp_package_prepare (&p, &node, 1, &prep, &err), ==, GP_OK);
  const double y = pow (1 + 1.0 * 0.1 / 10, -10); /* 0.9052870, as in the comment */
  double g = (double) prep.part[0].gross_dies;
  g_assert_cmpfloat (g, >, 500);
  g_assert_cmpfloat_with_epsilon (prep.part[0].die_yield, y, 1e-12);
  REL_OK (prep.part[0].cost_per_gross_die, 10000 / g, 1e-14);
  REL_OK (prep.part[0].cost_per_good_die, (10000 + 2 * g) / (g * y), 1e-12);

  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.total_usd, (10000 + 2 * g) / (g * y) + 1000, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.scrap_usd, 0, 1e-9);
  double kgd = r.total_usd;

  p.parts[0].known_good = false;
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.total_usd, (10000 / g + 1000) / y, 1e-12);
  REL_OK (r.yields.untested_yield, y, 1e-14);
  /* Without the test charge the difference is the HBM scrapped with bad dies:
   * 1000 (1/Y - 1) - 2/Y = 104.63 - 2.21 = 102.42 USD. */
  REL_OK (r.total_usd - kgd, 1000 * (1 / y - 1) - 2 / y, 1e-9);
  REL_OK (r.scrap_usd, r.total_usd - (10000 / g + 1000), 1e-12);
}

static void
test_interposer (void)
{
  /* A 20 x 30 mm interposer on NX (10,000 USD wafers) at D0 0.06, alpha 6 (Chiplet Actuary):
   * yield (1 + 6 cm2 x 0.06 / 6)^-6 = 1.06^-6 = 0.70496054. Chip-last: it enters at
   * (W / G) / Y with yield 1; the substrate (60 x 60 mm at 0.005 USD/mm2 = 18 USD) follows,
   * and the carrier-to-substrate attach is one more bond step at 0.99. One 100 USD part with
   * a micro-bump (0.96): Y_asm = 0.96 x 0.99. */
  gp_node node;
  test_node (&node, "NX");
  gp_package_params p;
  gp_package_params_init (&p);
  p.carrier = GP_CARRIER_INTERPOSER;
  p.carrier_width_mm = 20;
  p.carrier_height_mm = 30;
  g_strlcpy (p.carrier_node, "NX", sizeof p.carrier_node);
  p.carrier_d0_per_cm2 = 0.06;
  p.carrier_alpha = 6;
  p.carrier_known_good = true;
  p.substrate_width_mm = 60;
  p.substrate_height_mm = 60;
  p.substrate_usd_per_mm2 = 0.005;
  p.substrate_yield = 1;
  p.assembly_cost_usd = 0;
  p.bond_cost_usd = 0;
  p.final_test_cost_usd = 0;
  p.final_test_yield = 1;
  p.n_parts = 0;
  add_priced (&p, "part", GP_PART_OTHER, 1, 100, 1, true, GP_BOND_MICROBUMP);

  gp_package_prepared prep;
  gp_package_result r;
  gp_error err;
  g_assert_cmpint (gp_package_prepare (&p, &node, 1, &prep, &err), ==, GP_OK);
  const double yi = pow (1.06, -6); /* negative binomial, A D0 / alpha = 6 x 0.06 / 6 */
  g_assert_cmpfloat_with_epsilon (prep.carrier_model_yield, yi, 1e-12);
  double g = (double) prep.carrier_gross;
  REL_OK (prep.carrier_raw_usd, 10000 / g, 1e-14);
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  g_assert_cmpint (r.yields.n_bonds, ==, 2);
  REL_OK (r.yields.assembly_yield, 0.96 * 0.99, 1e-14);
  REL_OK (r.carrier_usd, 10000 / g / yi + 18, 1e-12);
  REL_OK (r.total_usd, (100 + 10000 / g / yi + 18) / (0.96 * 0.99), 1e-12);

  /* Chip-first: the untested interposer's yield scraps the part as well. */
  p.carrier_known_good = false;
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.total_usd, (100 + 10000 / g + 18) / (0.96 * 0.99 * yi), 1e-12);

  /* 50 x 50 mm = 2,500 mm2 is the CoWoS-S limit: allowed; 50 x 51 mm is refused. */
  p.carrier_width_mm = 50;
  p.carrier_height_mm = 50;
  p.substrate_width_mm = 100;
  p.substrate_height_mm = 100;
  g_assert_cmpint (gp_package_prepare (&p, &node, 1, &prep, &err), ==, GP_OK);
  p.carrier_height_mm = 51;
  g_assert_cmpint (gp_package_prepare (&p, &node, 1, &prep, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "carrier_width_mm");
  g_assert_nonnull (strstr (err.message, "2500"));
}

static void
test_rdl_and_wafer_scale (void)
{
  /* Fan-out RDL, 10 x 10 mm at 0.02 USD/mm2 (2 USD), D0 0.05, alpha 3:
   * yield (1 + 1 x 0.05 / 3)^-3 = 0.95164; untested, so it enters assembly with that yield;
   * substrate 20 x 20 mm at 0.005 (2 USD); one 50 USD part on RDL (0.98), attach 0.99:
   * C = (50 + 2 + 2) / (0.98 x 0.99 x 0.95164). */
  gp_package_params p;
  organic_package (&p);
  p.carrier = GP_CARRIER_RDL;
  p.carrier_usd_per_mm2 = 0.02;
  p.carrier_d0_per_cm2 = 0.05;
  p.carrier_alpha = 3;
  p.substrate_width_mm = 20;
  p.substrate_height_mm = 20;
  p.substrate_usd_per_mm2 = 0.005;
  p.substrate_yield = 1;
  add_priced (&p, "part", GP_PART_OTHER, 1, 50, 1, true, GP_BOND_RDL);
  gp_package_prepared prep;
  gp_package_result r;
  gp_error err;
  g_assert_cmpint (gp_package_prepare (&p, NULL, 0, &prep, &err), ==, GP_OK);
  double yr = pow (1 + 0.05 / 3, -3);
  g_assert_cmpfloat_with_epsilon (prep.carrier_model_yield, yr, 1e-12);
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.total_usd, 54 / (0.98 * 0.99 * yr), 1e-12);

  /* Wafer-scale: the wafer is the carrier, one die per wafer, no bond for it; a 500 USD
   * cold plate attached at 0.99. A 200 x 200 mm die with no redundancy on NX has yield
   * (1 + 400 x 0.1 / 10)^-10 = 5^-10 = 1.024e-7, so use D0 = 0 (yield 1):
   * C = (10,000 + 500) / 0.99. */
  gp_node node;
  test_node (&node, "NX");
  node.d0_per_cm2 = 0;
  organic_package (&p);
  p.carrier = GP_CARRIER_WAFER_SCALE;
  gp_package_part *w = add_priced (&p, "wafer", GP_PART_LOGIC, 1, 0, 1, true, GP_BOND_NONE);
  g_strlcpy (w->node, "NX", sizeof w->node);
  w->die_width_mm = 200;
  w->die_height_mm = 200;
  w->wafer_scale = true;
  add_priced (&p, "cold plate", GP_PART_OTHER, 1, 500, 1, true, GP_BOND_SUBSTRATE);
  g_assert_cmpint (gp_package_prepare (&p, &node, 1, &prep, &err), ==, GP_OK);
  g_assert_cmpint (prep.part[0].gross_dies, ==, 1);
  g_assert_cmpint (gp_package_cost (&p, &prep, &r, &err), ==, GP_OK);
  REL_OK (r.total_usd, 10500 / 0.99, 1e-12);
  g_assert_cmpint (r.yields.n_bonds, ==, 1);
}

static void
expect_prepare_error (gp_package_params *p, const gp_node *nodes, size_t n, gp_status want,
                      const char *param, const char *fragment)
{
  gp_package_prepared prep;
  gp_error err;
  gp_error_clear (&err);
  g_assert_cmpint (gp_package_prepare (p, nodes, n, &prep, &err), ==, want);
  g_assert_cmpstr (err.param, ==, param);
  if (fragment != NULL && strstr (err.message, fragment) == NULL)
    g_error ("message \"%s\" lacks \"%s\"", err.message, fragment);
}

static void
expect_cost_error (gp_package_params *p, const gp_package_prepared *prep, const char *param,
                   const char *fragment)
{
  gp_package_result r;
  gp_error err;
  gp_error_clear (&err);
  g_assert_cmpint (gp_package_cost (p, prep, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, param);
  if (fragment != NULL && strstr (err.message, fragment) == NULL)
    g_error ("message \"%s\" lacks \"%s\"", err.message, fragment);
}

static void
test_errors (void)
{
  gp_node node;
  test_node (&node, "NX");
  gp_package_params p, q;
  organic_package (&p);
  add_priced (&p, "die A", GP_PART_LOGIC, 1, 100, 0.8, false, GP_BOND_SUBSTRATE);
  gp_package_prepared prep;
  gp_error err;
  g_assert_cmpint (gp_package_prepare (&p, &node, 1, &prep, &err), ==, GP_OK);

  /* Evaluation-time checks (cheap fields read by every gp_package_cost call). */
  q = p;
  q.parts[0].unit_cost_usd = -1;
  expect_cost_error (&q, &prep, "unit_cost_usd", "parts[1] (die A): unit_cost_usd = -1");
  q = p;
  q.bond_yield_substrate = 1.2;
  expect_cost_error (&q, &prep, "bond_yield_substrate", "allowed (0, 1]");
  q = p;
  q.bond_yield_microbump = NAN;
  expect_cost_error (&q, &prep, "bond_yield_microbump", NULL);
  q = p;
  q.assembly_cost_usd = NAN;
  expect_cost_error (&q, &prep, "assembly_cost_usd", NULL);
  q = p;
  q.parts[0].yield = 0;
  expect_cost_error (&q, &prep, "yield", "parts[1]");
  q = p;
  q.carrier_yield = -0.5;
  expect_cost_error (&q, &prep, "carrier_yield", NULL);
  q = p;
  q.final_test_yield = 1.5;
  expect_cost_error (&q, &prep, "final_test_yield", NULL);
  q = p;
  q.parts[0].count = 0;
  expect_cost_error (&q, &prep, "count", NULL);
  q = p;
  add_priced (&q, "extra", GP_PART_OTHER, 1, 1, 1, true, GP_BOND_SUBSTRATE);
  expect_cost_error (&q, &prep, "parts", "prepare");

  /* Preparation-time checks. */
  q = p;
  q.parts[0].unit_cost_usd = -1;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "unit_cost_usd", "parts[1] (die A)");
  q = p;
  q.bond_yield_hybrid = 1.01;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "bond_yield_hybrid", "allowed (0, 1]");
  q = p;
  q.n_parts = 0;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "parts", NULL);
  q = p;
  g_strlcpy (q.parts[0].node, "N2", sizeof q.parts[0].node);
  q.parts[0].die_width_mm = 10;
  q.parts[0].die_height_mm = 10;
  expect_prepare_error (&q, &node, 1, GP_ENOTFOUND, "node", "\"N2\" is not a node");
  g_strlcpy (q.parts[0].node, "NX", sizeof q.parts[0].node);
  q.parts[0].die_width_mm = 30; /* 30 x 30 mm does not fit the 26 x 33 mm reticle */
  q.parts[0].die_height_mm = 30;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "die_width_mm", "reticle");
  q.parts[0].die_width_mm = 10;
  q.parts[0].die_height_mm = 10;
  q.parts[0].units = 10;
  q.parts[0].spares = 11;
  q.parts[0].unit_area_mm2 = 1;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "spares", "allowed [0, units = 10]");
  q.parts[0].units = 0;
  q.parts[0].spares = 0;
  q.parts[0].wafer_scale = true;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "wafer_scale", "carrier");
  q = p;
  q.parts[0].active_count = 2;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "active_count", NULL);
  q = p;
  q.parts[0].kind = GP_PART_HBM; /* an HBM stack needs a capacity */
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "capacity_gb", NULL);
  q = p;
  q.carrier = GP_CARRIER_WAFER_SCALE; /* without a wafer-scale die */
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "carrier", "wafer_scale");
  q = p;
  q.carrier_width_mm = NAN;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "carrier_width_mm", NULL);
  q = p;
  q.carrier = GP_CARRIER_INTERPOSER;
  q.carrier_width_mm = 10;
  g_strlcpy (q.carrier_node, "N1", sizeof q.carrier_node);
  q.substrate_width_mm = 20;
  q.substrate_height_mm = 20;
  expect_prepare_error (&q, &node, 1, GP_ENOTFOUND, "carrier_node", NULL);
  q.substrate_width_mm = 0;
  expect_prepare_error (&q, &node, 1, GP_EINVAL, "substrate_width_mm", NULL);
}

/* Every field of A and B through the descriptor tables. */
static void
assert_same_params (const gp_param_table *t, const void *a, const void *b)
{
  for (size_t i = 0; i < t->n_params; i++)
    {
      const gp_param *pa = &t->params[i];
      if (pa->type == GP_PARAM_STRING)
        {
          const char *sa = (const char *) a + pa->offset;
          const char *sb = (const char *) b + pa->offset;
          if (strcmp (sa, sb) != 0)
            g_error ("%s: \"%s\" != \"%s\"", pa->name, sa, sb);
          continue;
        }
      double va = gp_param_get (pa, a), vb = gp_param_get (pa, b);
      if (va != vb)
        g_error ("%s: %g != %g", pa->name, va, vb);
    }
}

static void
test_presets (void)
{
  gp_node *nodes = NULL;
  size_t n_nodes = 0;
  gp_package_params *pk = NULL;
  size_t n = 0;
  gp_error err;
  if (gp_nodes_load (NULL, &nodes, &n_nodes, &err) != GP_OK)
    g_error ("%s", err.message);
  if (gp_packages_load (NULL, &pk, &n, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpuint (n, ==, 4);

  /* gp_package_params_init matches the file's H100 preset, field by field. */
  gp_package_params def;
  gp_package_params_init (&def);
  const gp_package_params *h100 = gp_packages_find (pk, n, "h100_cowos_s");
  g_assert_nonnull (h100);
  assert_same_params (&gp_package_param_table, &def, h100);
  g_assert_cmpint (def.n_parts, ==, h100->n_parts);
  for (int i = 0; i < def.n_parts; i++)
    assert_same_params (&gp_package_part_param_table, &def.parts[i], &h100->parts[i]);

  /* Every preset prepares and prices, and its breakdown sums to its total. */
  for (size_t i = 0; i < n; i++)
    {
      gp_package_prepared prep;
      gp_package_result r;
      if (gp_package_prepare (&pk[i], nodes, n_nodes, &prep, &err) != GP_OK
          || gp_package_cost (&pk[i], &prep, &r, &err) != GP_OK)
        g_error ("%s: %s", pk[i].name, err.message);
      double sum = r.logic_usd + r.memory_usd + r.optics_usd + r.other_usd + r.carrier_usd
                   + r.assembly_test_usd + r.scrap_usd;
      REL_OK (sum, r.total_usd, 1e-12);
      g_assert_cmpfloat (r.scrap_usd, >=, 0);
      g_assert_cmpfloat (r.usd_per_pflops, >, 0);
    }

  /* H100: 6 stacks x 16 GB x 15 USD/GB = 1,440 USD of HBM (brief: 1,400-1,500), 80 GB
   * active; interposer + substrate + assembly + test as purchased inside the brief's
   * 700-750 USD CoWoS-S figure (the calibration target of assembly_cost_usd). */
  {
    gp_package_prepared prep;
    gp_package_result r;
    g_assert_cmpint (gp_package_prepare (h100, nodes, n_nodes, &prep, &err), ==, GP_OK);
    g_assert_cmpint (gp_package_cost (h100, &prep, &r, &err), ==, GP_OK);
    g_assert_cmpfloat_with_epsilon (r.memory_usd, 1440, 1e-9);
    g_assert_cmpfloat_with_epsilon (r.memory_gb, 80, 1e-12);
    double packaging = r.carrier_usd + r.assembly_test_usd;
    g_assert_cmpfloat (packaging, >=, 700);
    g_assert_cmpfloat (packaging, <=, 750);
    /* 7 micro-bump bonds and the interposer attach: 0.96^7 x 0.99. */
    REL_OK (r.yields.assembly_yield, pow (0.96, 7) * 0.99, 1e-12);
    /* The redundancy yield cannot beat the non-repairable area alone:
     * (1 + 4.10 cm2 x 0.11 / 10)^-10 = 0.64296. */
    g_assert_cmpfloat (prep.part[0].die_yield, <=, pow (1 + 4.10 * 0.11 / 10, -10) + 1e-12);
    g_assert_cmpfloat (prep.part[0].die_yield, >=, 0.99 * pow (1 + 4.10 * 0.11 / 10, -10));
  }

  /* WSE-3: one wafer per wafer, and with ~48 expected bad cores against 70,000 spares the
   * yield is that of the 50 mm2 non-repairable area: (1 + 0.5 x 0.11 / 10)^-10 = 0.946628. */
  {
    const gp_package_params *wse = gp_packages_find (pk, n, "wse3_wafer_scale");
    g_assert_nonnull (wse);
    gp_package_prepared prep;
    g_assert_cmpint (gp_package_prepare (wse, nodes, n_nodes, &prep, &err), ==, GP_OK);
    g_assert_cmpint (prep.part[0].gross_dies, ==, 1);
    g_assert_cmpfloat_with_epsilon (prep.part[0].die_yield, pow (1 + 0.5 * 0.11 / 10, -10), 1e-6);
  }
  free (pk);
  free (nodes);
}

static void
test_bad_file (void)
{
  /* A misspelt part key names itself. */
  const char *src =
    "return { format = 1, kind = 'packages', packages = { { name = 'x', carrier = 'organic',"
    " parts = { { name = 'p', kind = 'other', count = 1, yeild = 0.5 } } } } }";
  char *path = g_build_filename (g_get_tmp_dir (), "gp-test-packages.lua", NULL);
  g_assert_true (g_file_set_contents (path, src, -1, NULL));
  gp_package_params *pk = NULL;
  size_t n = 0;
  gp_error err;
  g_assert_cmpint (gp_packages_load (path, &pk, &n, &err), !=, GP_OK);
  g_assert_nonnull (strstr (err.message, "yeild"));
  g_assert_null (pk);
  /* A package without parts. */
  src = "return { format = 1, kind = 'packages', packages = { { name = 'x', carrier = 'organic' } } }";
  g_assert_true (g_file_set_contents (path, src, -1, NULL));
  g_assert_cmpint (gp_packages_load (path, &pk, &n, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "parts");
  g_unlink (path);
  g_free (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/package/two-die-hand", test_two_die_hand);
  g_test_add_func ("/models/package/scrap", test_scrap_accounting);
  g_test_add_func ("/models/package/kgd-vs-untested", test_kgd_vs_untested);
  g_test_add_func ("/models/package/interposer", test_interposer);
  g_test_add_func ("/models/package/rdl-wafer-scale", test_rdl_and_wafer_scale);
  g_test_add_func ("/models/package/errors", test_errors);
  g_test_add_func ("/models/package/presets", test_presets);
  g_test_add_func ("/models/package/bad-file", test_bad_file);
  return g_test_run ();
}
