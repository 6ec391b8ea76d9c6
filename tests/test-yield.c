/* test-yield.c: yield closed forms, limits, redundancy, inverse and Monte Carlo.
 * Expected values are worked by hand from the equations in gp-yield.h (shown inline). */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "gp-models.h"

static double
eval (int model, double area_mm2, double d0, double alpha, double layers)
{
  gp_yield_params p = { model, area_mm2, d0, alpha, layers };
  double y = -1;
  gp_error err;
  g_assert_cmpint (gp_yield_eval (&p, &y, &err), ==, GP_OK);
  return y;
}

/* A x D0 = 1 (100 mm2 = 1 cm2 at 1 defect/cm2): every closed form by hand. */
static void
test_closed_forms (void)
{
  /* Poisson: e^-1 = 0.36787944117144233 */
  g_assert_cmpfloat_with_epsilon (eval (GP_YIELD_POISSON, 100, 1, 10, 10), 0.36787944117144233, 1e-15);
  /* Murphy: ((1 - e^-1) / 1)^2 = 0.63212055882855767^2 = 0.39957640089372 */
  g_assert_cmpfloat_with_epsilon (eval (GP_YIELD_MURPHY, 100, 1, 10, 10), 0.39957640089372, 1e-13);
  /* Seeds: 1 / 2 */
  g_assert_cmpfloat_with_epsilon (eval (GP_YIELD_SEEDS, 100, 1, 10, 10), 0.5, 1e-15);
  /* Negative binomial alpha 2: (1 + 1/2)^-2 = 4/9 */
  g_assert_cmpfloat_with_epsilon (eval (GP_YIELD_NEGBIN, 100, 1, 2, 10), 4.0 / 9.0, 1e-15);
  /* Bose-Einstein N = 3: 2^-3 = 0.125 */
  g_assert_cmpfloat_with_epsilon (eval (GP_YIELD_BOSE_EINSTEIN, 100, 1, 10, 3), 0.125, 1e-15);
  /* H100-sized die without repair, N5 D0 0.1 (AnandTech), alpha 10:
   * x = 8.14 cm2 x 0.1 = 0.814; (1 + 0.0814)^-10 = exp(-10 x 0.0782563) = 0.457232 */
  g_assert_cmpfloat_with_epsilon (eval (GP_YIELD_NEGBIN, 814, 0.1, 10, 10),
                                  exp (-10 * log (1.0814)), 1e-15);
  g_assert_cmpfloat_with_epsilon (exp (-10 * log (1.0814)), 0.457232, 1e-6);
  /* Zero defects: every model gives 1. */
  for (int m = 0; m < GP_YIELD_N_MODELS; m++)
    g_assert_cmpfloat_with_epsilon (eval (m, 500, 0, 10, 10), 1.0, 1e-15);
}

/* Stapper's negative binomial tends to Poisson as alpha grows and equals Seeds at 1. */
static void
test_limits (void)
{
  double seeds = eval (GP_YIELD_SEEDS, 250, 0.3, 1, 10);
  g_assert_cmpfloat_with_epsilon (eval (GP_YIELD_NEGBIN, 250, 0.3, 1, 10), seeds, 1e-15);
  double poisson = eval (GP_YIELD_POISSON, 250, 0.3, 1, 10);
  /* (1 + x/a)^-a = e^-x (1 + x^2 / (2a) + O(a^-2)); x = 0.75: at a = 1e6 the gap is
   * about e^-0.75 x 0.28e-6 = 1.3e-7. */
  double nb = eval (GP_YIELD_NEGBIN, 250, 0.3, 1e6, 10);
  g_assert_cmpfloat_with_epsilon (nb, poisson, 2e-7);
  g_assert_cmpfloat (nb, >, poisson);
  /* Bose-Einstein with N = 1 is Seeds. */
  g_assert_cmpfloat_with_epsilon (eval (GP_YIELD_BOSE_EINSTEIN, 250, 0.3, 10, 1), seeds, 1e-15);
}

static void
test_monotone (void)
{
  for (int m = 0; m < GP_YIELD_N_MODELS; m++)
    {
      double prev = 1.0 + 1e-12;
      for (double a = 1; a <= 50000; a *= 1.7)
        {
          double y = eval (m, a, 0.1, 10, 10);
          g_assert_cmpfloat (y, <, prev);
          g_assert_cmpfloat (y, >=, 0);
          prev = y;
        }
      prev = 1.0 + 1e-12;
      for (double d = 0.01; d <= 10; d *= 1.5)
        {
          double y = eval (m, 200, d, 10, 10);
          g_assert_cmpfloat (y, <, prev);
          prev = y;
        }
    }
}

static void
test_errors (void)
{
  gp_error err;
  double y;
  gp_yield_params p;
  gp_yield_params_init (&p);

  p.area_mm2 = -5;
  g_assert_cmpint (gp_yield_eval (&p, &y, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "area_mm2");
  g_assert_nonnull (strstr (err.message, "area_mm2 = -5 is out of range: allowed (0, 1e+06] mm2"));

  gp_yield_params_init (&p);
  p.d0_per_cm2 = NAN;
  g_assert_cmpint (gp_yield_eval (&p, &y, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "d0_per_cm2");
  g_assert_nonnull (strstr (err.message, "NaN"));

  gp_yield_params_init (&p);
  p.model = 17;
  g_assert_cmpint (gp_yield_eval (&p, &y, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "model");

  gp_yield_params_init (&p);
  p.alpha = 0;
  g_assert_cmpint (gp_yield_eval (&p, &y, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "alpha");

  gp_yield_params_init (&p);
  p.area_mm2 = INFINITY;
  g_assert_cmpint (gp_yield_eval (&p, &y, NULL), ==, GP_EINVAL);
}

/* Inverse: closed forms where they exist. Poisson: D0 = -ln Y / A; Seeds: (1/Y - 1) / A;
 * negbin: alpha (Y^(-1/alpha) - 1) / A. Murphy and Bose-Einstein are checked by round trip. */
static void
test_solve_d0 (void)
{
  gp_yield_params p;
  gp_yield_params_init (&p);
  p.area_mm2 = 814; /* 8.14 cm2 */
  double d0;
  gp_error err;

  p.model = GP_YIELD_POISSON;
  g_assert_cmpint (gp_yield_solve_d0 (&p, 0.5, &d0, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (d0, -log (0.5) / 8.14, 1e-10);

  p.model = GP_YIELD_SEEDS;
  g_assert_cmpint (gp_yield_solve_d0 (&p, 0.25, &d0, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (d0, 3.0 / 8.14, 1e-10);

  p.model = GP_YIELD_NEGBIN;
  p.alpha = 3;
  g_assert_cmpint (gp_yield_solve_d0 (&p, 0.6, &d0, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (d0, 3 * (pow (0.6, -1.0 / 3) - 1) / 8.14, 1e-10);

  /* Round trip: Murphy and Bose-Einstein down to 1e-4 (bracket growth; Murphy at 1e-4 needs
   * A D0 ~ 100, D0 ~ 12/cm2, still inside the allowed range). */
  for (int m = GP_YIELD_MURPHY; m <= GP_YIELD_BOSE_EINSTEIN; m += 3)
    for (double target = 1e-4; target < 1; target *= 31)
      {
        p.model = m;
        g_assert_cmpint (gp_yield_solve_d0 (&p, target, &d0, &err), ==, GP_OK);
        p.d0_per_cm2 = d0;
        double y;
        g_assert_cmpint (gp_yield_eval (&p, &y, &err), ==, GP_OK);
        g_assert_cmpfloat_with_epsilon (y / target, 1.0, 1e-9);
      }

  g_assert_cmpint (gp_yield_solve_d0 (&p, 1.0, &d0, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "observed_yield");
  g_assert_cmpint (gp_yield_solve_d0 (&p, 0.0, &d0, &err), ==, GP_EINVAL);
  g_assert_cmpint (gp_yield_solve_d0 (&p, NAN, &d0, &err), ==, GP_EINVAL);
}

/* Direct binomial sum: P[Bin(n,p) <= k] = sum_j C(n,j) p^j (1-p)^(n-j), in logs. */
static double
binom_sum (long n, long k, double p)
{
  double s = 0;
  for (long j = 0; j <= k; j++)
    s += exp (lgamma (n + 1.0) - lgamma (j + 1.0) - lgamma (n - j + 1.0)
              + j * log (p) + (n - j) * log1p (-p));
  return s;
}

static void
test_redundancy_poisson (void)
{
  gp_redundancy_params p;
  gp_redundancy_params_init (&p);
  p.clustered = false;
  gp_redundancy_result r;
  gp_error err;

  /* H100-like: 144 units of 2.8 mm2, 12 spares, 410.8 mm2 not repairable, D0 0.1.
   * p_unit = 1 - exp(-0.028 x 0.1); yield = exp(-4.108 x 0.1) x P[Bin(144, p) <= 12]. */
  g_assert_cmpint (gp_yield_redundancy (&p, &r, &err), ==, GP_OK);
  double pu = -expm1 (-0.028 * 0.1);
  double expect = exp (-4.108 * 0.1) * binom_sum (144, 12, pu);
  g_assert_cmpfloat_with_epsilon (r.yield, expect, 1e-12);
  /* With an SM array this small the spares almost never run out: the yield is essentially
   * the non-repairable area's exp(-0.4108) = 0.6631, far above the 0.443 of a die that
   * must be wholly clean (exp(-0.814)). */
  g_assert_cmpfloat_with_epsilon (r.yield, 0.66314, 1e-4);
  g_assert_cmpfloat_with_epsilon (r.yield_no_repair, exp (-0.814), 1e-12);

  /* A case where spares matter: D0 = 20 over 100 units of 0.5 mm2, 3 spares, 10 mm2 fixed.
   * p_unit = 1 - e^-0.1; compare with the direct sum. */
  gp_redundancy_params q = { 60, 100, 3, 0.5, 10, 20, 10, false };
  g_assert_cmpint (gp_yield_redundancy (&q, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.yield, exp (-0.1 * 20) * binom_sum (100, 3, -expm1 (-0.1)), 1e-12);

  /* k = n: only the non-repairable area matters. */
  q.spares = 100;
  g_assert_cmpint (gp_yield_redundancy (&q, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.yield, exp (-2.0), 1e-14);
}

/* Clustered: integrate the Poisson-conditional yield against the gamma density by a plain
 * midpoint rule over [0, 40 D0] with 400,000 steps, independent of the model's shortcuts. */
static double
clustered_by_quadrature (const gp_redundancy_params *p)
{
  double shape = p->alpha, scale = p->d0_per_cm2 / p->alpha;
  double hi = 40 * p->d0_per_cm2, n = 400000, h = hi / n, s = 0;
  for (long i = 0; i < (long) n; i++)
    {
      double d = (i + 0.5) * h;
      double pdf = exp ((shape - 1) * log (d) - d / scale - lgamma (shape) - shape * log (scale));
      double pu = -expm1 (-p->unit_area_mm2 / 100 * d);
      s += pdf * exp (-p->nonrepairable_mm2 / 100 * d) * binom_sum (p->units, p->spares, pu) * h;
    }
  return s;
}

static void
test_redundancy_clustered (void)
{
  gp_redundancy_result r;
  gp_error err;
  /* Spares matter and clustering matters: alpha 2, D0 20, 100 units of 0.5 mm2, 3 spares. */
  gp_redundancy_params q = { 60, 100, 3, 0.5, 10, 20, 2, true };
  g_assert_cmpint (gp_yield_redundancy (&q, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.yield, clustered_by_quadrature (&q), 2e-6);
  /* With spares = 0 the die must be clean over units + fixed area = 60 mm2 (all of it):
   * negbin (1 + 0.6 x 20 / 2)^-2 = 7^-2 = 1/49. */
  q.spares = 0;
  g_assert_cmpint (gp_yield_redundancy (&q, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.yield, 1.0 / 49.0, 1e-9);

  /* H100-like, clustered (alpha 10): */
  gp_redundancy_params h;
  gp_redundancy_params_init (&h);
  g_assert_cmpint (gp_yield_redundancy (&h, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.yield, clustered_by_quadrature (&h), 1e-6);
  /* Non-repairable part alone: (1 + 0.4108/10)^-10 = 0.66852; spares cost almost nothing. */
  g_assert_cmpfloat_with_epsilon (r.p_nonrepairable_ok, pow (1.04108, -10), 1e-12);
  g_assert_cmpfloat (r.yield, <=, r.p_nonrepairable_ok);
  g_assert_cmpfloat (r.yield, >, 0.99 * r.p_nonrepairable_ok);
}

/* Wafer-scale engine: ~970,000 cores of 0.045 mm2, 70,000 spares, 46,225 mm2, an assumed
 * 100 mm2 non-repairable. Expected bad cores at D0 = 0.1: 970,000 x (1 - e^-0.000045)
 * = 43.6, far below 70,000, so the spares never run out and the yield is the
 * non-repairable area's: Poisson e^-0.1 = 0.904837; negbin (1 + 0.1/10)^-10 = 0.905287. */
static void
test_redundancy_wafer_scale (void)
{
  gp_redundancy_params w = { 46225, 970000, 70000, 0.045, 100, 0.1, 10, true };
  gp_redundancy_result r;
  gp_error err;
  g_assert_cmpint (gp_yield_redundancy (&w, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.yield, pow (1.01, -10), 1e-12);
  g_assert_cmpfloat_with_epsilon (r.expected_bad_units, 970000 * -expm1 (-0.045e-2 * 0.1), 1e-9);
  w.clustered = false;
  g_assert_cmpint (gp_yield_redundancy (&w, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.yield, exp (-0.1), 1e-12);
  /* Without repair a 462.25 cm2 die is dead: Poisson e^-(462.25 x 0.1) = e^-46.225 = 8.4e-21. */
  g_assert_cmpfloat_with_epsilon (r.yield_no_repair / exp (-46.225), 1.0, 1e-12);

  /* Spares do run out at a huge defect density: D0 = 100 gives p_unit = 1 - e^-0.045
   * = 0.0440, so ~42,700 +- 200 bad of 970,000 against 20,000 spares: yield 0. */
  w.d0_per_cm2 = 100;
  w.spares = 20000;
  w.nonrepairable_mm2 = 0;
  g_assert_cmpint (gp_yield_redundancy (&w, &r, &err), ==, GP_OK);
  g_assert_cmpfloat (r.yield, <, 1e-15);
}

static void
test_redundancy_errors (void)
{
  gp_redundancy_params p;
  gp_redundancy_result r;
  gp_error err;
  gp_redundancy_params_init (&p);
  p.spares = 145;
  g_assert_cmpint (gp_yield_redundancy (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "spares");
  g_assert_nonnull (strstr (err.message, "allowed [0, 144]"));

  gp_redundancy_params_init (&p);
  p.unit_area_mm2 = 6; /* 144 x 6 = 864 > 814 */
  g_assert_cmpint (gp_yield_redundancy (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "unit_area_mm2");

  gp_redundancy_params_init (&p);
  p.units = 0;
  g_assert_cmpint (gp_yield_redundancy (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "units");

  gp_redundancy_params_init (&p);
  p.d0_per_cm2 = -0.1;
  g_assert_cmpint (gp_yield_redundancy (&p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "d0_per_cm2");
}

/* Monte Carlo on a real wafer map against the analytic yield, within 4 standard errors
 * (a false failure has probability ~6e-5 for a given seed, and the seed is fixed). */
static void
test_monte_carlo (void)
{
  gp_wafer_params wp;
  gp_wafer_params_init (&wp);
  wp.die_width_mm = 20;
  wp.die_height_mm = 15; /* 3 cm2 */
  gp_wafer_result wr;
  gp_error err;
  g_assert_cmpint (gp_wafer_count (&wp, &wr, &err), ==, GP_OK);
  gp_die_site *sites = g_new (gp_die_site, wr.gross_dies);
  size_t n;
  g_assert_cmpint (gp_wafer_map (&wp, &wr, sites, wr.gross_dies, &n, &err), ==, GP_OK);
  g_assert_cmpuint (n, ==, (size_t) wr.gross_dies);

  bool *good = g_new (bool, n);
  gp_defect defects[4096];
  size_t nd;
  for (int clustered = 0; clustered <= 1; clustered++)
    {
      gp_yield_mc_params mc = { 0.2, 2, clustered, 400, 12345 };
      gp_yield_mc_result r;
      g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, n, 20, 15, &r, good, defects, 4096,
                                             &nd, &err), ==, GP_OK);
      /* Analytic: Poisson e^-0.6 = 0.548812; negbin alpha 2: (1 + 0.3)^-2 = 0.591716. */
      double expect = clustered ? 1 / (1.3 * 1.3) : exp (-0.6);
      g_assert_cmpfloat (fabs (r.yield - expect), <, 4 * r.std_error);
      g_assert_cmpint (r.dies_total, ==, 400 * (long) n);
      /* Every defect lies inside its die and every bad die on the last wafer has one. */
      long bad = 0;
      for (size_t i = 0; i < n; i++)
        bad += !good[i];
      long dies_with_defect = 0;
      bool *seen = g_new0 (bool, n);
      for (size_t j = 0; j < nd; j++)
        {
          const gp_die_site *s = &sites[defects[j].die];
          g_assert_cmpfloat (defects[j].x_mm, >=, s->x_mm);
          g_assert_cmpfloat (defects[j].x_mm, <=, s->x_mm + 20);
          g_assert_cmpfloat (defects[j].y_mm, >=, s->y_mm);
          g_assert_cmpfloat (defects[j].y_mm, <=, s->y_mm + 15);
          g_assert_false (good[defects[j].die]);
          if (!seen[defects[j].die])
            seen[defects[j].die] = true, dies_with_defect++;
        }
      g_assert_cmpint (dies_with_defect, ==, bad);
      g_free (seen);
    }

  /* Same seed, same answer; another seed, (almost surely) another sample. */
  gp_yield_mc_params mc = { 0.2, 2, true, 50, 7 };
  gp_yield_mc_result a, b, c;
  g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, n, 20, 15, &a, NULL, NULL, 0, NULL, &err), ==, GP_OK);
  g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, n, 20, 15, &b, NULL, NULL, 0, NULL, &err), ==, GP_OK);
  g_assert_cmpint (a.good_total, ==, b.good_total);
  mc.seed = 8;
  g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, n, 20, 15, &c, NULL, NULL, 0, NULL, &err), ==, GP_OK);
  g_assert_cmpint (a.good_total, !=, c.good_total);

  mc.wafers = 0;
  g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, n, 20, 15, &c, NULL, NULL, 0, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "wafers");
  mc.wafers = 1;
  g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, 0, 20, 15, &c, NULL, NULL, 0, NULL, &err), ==, GP_EINVAL);
  g_free (good);
  g_free (sites);
}

/* Monte Carlo with redundancy against the analytic redundancy yield (gp_yield_redundancy,
 * Stow et al. 2017): by Poisson thinning the simulated die is good with exactly the
 * analytic probability, so the two agree within sampling error. Dies are simulated
 * independently (each its own local density), so the estimate is binomial: standard error
 * sqrt(y (1 - y) / N), N dies; the tests allow 4 standard errors (a false failure has
 * probability ~6e-5, and the seed is fixed).
 *   H100-like die: 25 x 32.56 mm = 814 mm2, 144 units of 2.8 mm2 with 12 spares, 410 mm2
 *     not repairable, D0 0.2/cm2, alpha 2: ~64 dies x 500 wafers = ~32,000 dies, SE ~0.003.
 *   Wafer-scale: one 215 x 215 mm die, 970,000 cores of 0.045 mm2 with 70,000 spares, 50
 *     mm2 not repairable, D0 0.1, alpha 10: ~46 defects per wafer, all absorbed unless one
 *     hits the 50 mm2; 4,000 wafers, SE ~0.002. Without redundancy the same wafer is never
 *     good ((1 + 4.6)^-10 = 3e-8). */
static void
test_monte_carlo_redundancy (void)
{
  gp_error err;
  gp_wafer_params wp;
  gp_wafer_params_init (&wp);
  wp.die_width_mm = 25;
  wp.die_height_mm = 32.56;
  gp_wafer_result wr;
  g_assert_cmpint (gp_wafer_count (&wp, &wr, &err), ==, GP_OK);
  gp_die_site *sites = g_new (gp_die_site, wr.gross_dies);
  size_t n;
  g_assert_cmpint (gp_wafer_map (&wp, &wr, sites, wr.gross_dies, &n, &err), ==, GP_OK);
  gp_yield_mc_params mc = { 0.2, 2, true, 500, 4242, 144, 12, 2.8, 410 };
  gp_yield_mc_result r;
  g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, n, 25, 32.56, &r, NULL, NULL, 0, NULL,
                                         &err), ==, GP_OK);
  gp_redundancy_params rp = { 814, 144, 12, 2.8, 410, 0.2, 2, true };
  gp_redundancy_result rr;
  g_assert_cmpint (gp_yield_redundancy (&rp, &rr, &err), ==, GP_OK);
  g_test_message ("H100-like: MC %.4f +- %.4f, analytic %.4f (no repair %.4f)", r.yield,
                  r.std_error, rr.yield, rr.yield_no_repair);
  g_assert_cmpfloat (fabs (r.yield - rr.yield), <, 4 * r.std_error);
  g_assert_cmpfloat (r.yield, >, rr.yield_no_repair + 10 * r.std_error);
  /* Units over the die is an error naming the field. */
  mc.unit_area_mm2 = 3;
  g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, n, 25, 32.56, &r, NULL, NULL, 0, NULL,
                                         &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "unit_area_mm2");
  mc.unit_area_mm2 = 2.8, mc.spares = 145;
  g_assert_cmpint (gp_yield_monte_carlo (&mc, sites, n, 25, 32.56, &r, NULL, NULL, 0, NULL,
                                         &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "spares");
  g_free (sites);

  gp_die_site wafer = { 0 };
  wafer.x_mm = -107.5, wafer.y_mm = -107.5;
  gp_yield_mc_params wmc = { 0.1, 10, true, 4000, 99, 970000, 70000, 0.045, 50 };
  g_assert_cmpint (gp_yield_monte_carlo (&wmc, &wafer, 1, 215, 215, &r, NULL, NULL, 0, NULL,
                                         &err), ==, GP_OK);
  gp_redundancy_params wrp = { 46225, 970000, 70000, 0.045, 50, 0.1, 10, true };
  g_assert_cmpint (gp_yield_redundancy (&wrp, &rr, &err), ==, GP_OK);
  g_test_message ("wafer-scale: MC %.4f +- %.4f, analytic %.4f", r.yield, r.std_error,
                  rr.yield);
  g_assert_cmpfloat (fabs (r.yield - rr.yield), <, 4 * r.std_error);
  g_assert_cmpfloat (r.yield, >, 0.9);
  wmc.units = 0; /* the same wafer with no spare cores */
  g_assert_cmpint (gp_yield_monte_carlo (&wmc, &wafer, 1, 215, 215, &r, NULL, NULL, 0, NULL,
                                         &err), ==, GP_OK);
  g_assert_cmpint (r.good_total, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/yield/closed-forms", test_closed_forms);
  g_test_add_func ("/models/yield/limits", test_limits);
  g_test_add_func ("/models/yield/monotone", test_monotone);
  g_test_add_func ("/models/yield/errors", test_errors);
  g_test_add_func ("/models/yield/solve-d0", test_solve_d0);
  g_test_add_func ("/models/yield/redundancy-poisson", test_redundancy_poisson);
  g_test_add_func ("/models/yield/redundancy-clustered", test_redundancy_clustered);
  g_test_add_func ("/models/yield/redundancy-wafer-scale", test_redundancy_wafer_scale);
  g_test_add_func ("/models/yield/redundancy-errors", test_redundancy_errors);
  g_test_add_func ("/models/yield/monte-carlo", test_monte_carlo);
  g_test_add_func ("/models/yield/monte-carlo-redundancy", test_monte_carlo_redundancy);
  return g_test_run ();
}
