/* test-die.c: cost per good die worked by hand from gp-die.h's equation. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "gp-models.h"

static void
test_hand (void)
{
  /* N7 wafer 9,346 USD (CSET 2020), 100 gross dies, yield 0.5, 5 USD test per die,
   * 100 mm2: good dies 50; silicon 9346/50 = 186.92; test 5/0.5 = 10; total 196.92;
   * per mm2 1.9692. */
  gp_die_cost_params p = { 9346, 100, 0.5, 5, 100 };
  gp_die_cost_result r;
  gp_error err;
  g_assert_cmpint (gp_die_cost (&p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.good_dies_per_wafer, 50, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.silicon_per_good_die, 186.92, 1e-10);
  g_assert_cmpfloat_with_epsilon (r.test_per_good_die, 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.cost_per_good_die, 196.92, 1e-10);
  g_assert_cmpfloat_with_epsilon (r.cost_per_good_mm2, 1.9692, 1e-12);
  /* Y = 1 reduces to the brief's wafer / DPW + test: 93.46 + 5. */
  p.yield = 1;
  g_assert_cmpint (gp_die_cost (&p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.cost_per_good_die, 98.46, 1e-10);
}

static void
test_errors (void)
{
  gp_die_cost_params p = { 9346, 100, 0.5, 5, 100 };
  gp_die_cost_result r;
  gp_error err;
  p.yield = 0;
  g_assert_cmpint (gp_die_cost (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "yield");
  p.yield = 1.2;
  g_assert_cmpint (gp_die_cost (&p, &r, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "yield = 1.2 is out of range: allowed (0, 1]"));
  p.yield = 0.5;
  p.gross_dies = 0;
  g_assert_cmpint (gp_die_cost (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "gross_dies");
  p.gross_dies = 10;
  p.wafer_cost_usd = -1;
  g_assert_cmpint (gp_die_cost (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "wafer_cost_usd");
  p.wafer_cost_usd = 100;
  p.test_cost_per_die = NAN;
  g_assert_cmpint (gp_die_cost (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "test_cost_per_die");
  /* In range but overflowing: 100 USD over 10 x 5e-324 good dies is inf. */
  p.test_cost_per_die = 0;
  p.yield = 5e-324;
  g_assert_cmpint (gp_die_cost (&p, &r, &err), ==, GP_ERANGE);
  g_assert_cmpstr (err.param, ==, "yield");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/die/hand", test_hand);
  g_test_add_func ("/models/die/errors", test_errors);
  return g_test_run ();
}
