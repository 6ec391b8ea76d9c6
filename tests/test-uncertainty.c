/* test-uncertainty.c: distributions, Monte Carlo, tornado, Sobol indices, break-even,
 * optimisation and Pareto frontiers against closed forms, plus the system adapter and
 * data/uncertainty.lua. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "gp-design.h"
#include "gp-lua-uncertainty.h"
#include "gp-models.h"
#include "gp-presets.h"
#include "gp-syspath.h"
#include "gp-system.h"
#include "gp-parallel.h"
#include "gp-uncertainty.h"

#define REL(a, b, tol) g_assert_cmpfloat (fabs ((a) - (b)), <=, (tol) * fabs (b))

static gp_dist
uniform (double a, double b)
{
  gp_dist d;
  gp_dist_init (&d);
  d.kind = GP_DIST_UNIFORM;
  d.a = a;
  d.b = b;
  return d;
}

static gp_dist
normal (double mu, double sigma)
{
  gp_dist d;
  gp_dist_init (&d);
  d.kind = GP_DIST_NORMAL;
  d.mu = mu;
  d.sigma = sigma;
  return d;
}

/* ---- distributions ---------------------------------------------------------------- */

static void
test_dist_quantiles (void)
{
  gp_error err = { 0 };
  double x;
  /* uniform(2, 6) at p = 0.25: 2 + 0.25 x 4 = 3 */
  gp_dist u = uniform (2, 6);
  g_assert_cmpint (gp_dist_quantile (&u, 0.25, &x, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (x, 3.0, 1e-12);
  /* normal(10, 2) at 0.975: 10 + 2 x 1.959963985 (standard normal table) = 13.91992797 */
  gp_dist n = normal (10, 2);
  g_assert_cmpint (gp_dist_quantile (&n, 0.975, &x, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (x, 13.91992797, 1e-7);
  /* triangular(0, 1, 4): F(1) = 1^2 / (4 x 1) = 1/4, so the 0.25 quantile is the mode;
   * at 0.5 (upper branch): 4 - sqrt(0.5 x 4 x 3) = 4 - sqrt 6 = 1.550510257 */
  gp_dist t;
  gp_dist_init (&t);
  t.kind = GP_DIST_TRIANGULAR;
  t.a = 0, t.mode = 1, t.b = 4;
  g_assert_cmpint (gp_dist_quantile (&t, 0.25, &x, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (x, 1.0, 1e-12);
  g_assert_cmpint (gp_dist_quantile (&t, 0.5, &x, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (x, 4 - sqrt (6), 1e-12);
  /* lognormal(mu = ln 3, 0.5): median exp(mu) = 3 */
  gp_dist l;
  gp_dist_init (&l);
  l.kind = GP_DIST_LOGNORMAL;
  l.mu = log (3);
  l.sigma = 0.5;
  g_assert_cmpint (gp_dist_quantile (&l, 0.5, &x, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (x, 3.0, 1e-9);
  /* standard normal truncated to [0, inf): the median is Phi^-1(0.75) = 0.6744897502 */
  gp_dist h = normal (0, 1);
  h.lo = 0;
  g_assert_cmpint (gp_dist_quantile (&h, 0.5, &x, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (x, 0.6744897502, 1e-9);
  /* deep upper tail, [5, inf): the median has Q(x) = Q(5) / 2; computed on the
   * complementary side it keeps full precision (P(5) rounds to 1 - 2.9e-7) */
  h.lo = 5;
  g_assert_cmpint (gp_dist_quantile (&h, 0.5, &x, &err), ==, GP_OK);
  REL (gsl_cdf_ugaussian_Q (x), gsl_cdf_ugaussian_Q (5) / 2, 1e-9);
  /* p = 0 gives the truncation bound; p = 1 of an unbounded normal is infinite */
  g_assert_cmpint (gp_dist_quantile (&h, 0, &x, &err), ==, GP_OK);
  g_assert_cmpfloat (x, ==, 5.0);
  g_assert_cmpint (gp_dist_quantile (&h, 1, &x, &err), ==, GP_ERANGE);
  /* closed-form moments: uniform(2, 6) var 16/12; triangular(0, 1, 4) mean 5/3, var
   * (0 + 16 + 1 - 0 - 0 - 4) / 18 = 13/18; lognormal mean exp(ln 3 + 0.125) */
  g_assert_cmpfloat_with_epsilon (gp_dist_variance (&u), 16.0 / 12, 1e-12);
  g_assert_cmpfloat_with_epsilon (gp_dist_mean (&t), 5.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (gp_dist_variance (&t), 13.0 / 18, 1e-12);
  g_assert_cmpfloat_with_epsilon (gp_dist_mean (&l), 3 * exp (0.125), 1e-9);
}

static void
test_dist_errors (void)
{
  gp_error err = { 0 };
  double x;
  gp_dist d = uniform (3, 3);
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "b");
  g_assert_nonnull (strstr (err.message, "greater than a"));

  gp_dist_init (&d);
  d.kind = GP_DIST_TRIANGULAR;
  d.a = 0, d.b = 1, d.mode = 2;
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "mode");

  d = normal (0, -1);
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "sigma");
  g_assert_nonnull (strstr (err.message, "sigma"));

  d = normal (NAN, 1);
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "mu");

  d = normal (0, 1);
  d.lo = 2, d.hi = 1;
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "lo");
  g_assert_nonnull (strstr (err.message, "below hi"));

  d.lo = NAN, d.hi = INFINITY;
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);

  /* [60, inf) of a standard normal holds ~1e-785 of it: refused, not sampled as 60 */
  d.lo = 60;
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "no probability"));

  d = uniform (0, 1);
  d.lo = 2;
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);

  d.kind = 9;
  g_assert_cmpint (gp_dist_validate (&d, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "kind");

  d = uniform (0, 1);
  g_assert_cmpint (gp_dist_quantile (&d, 1.5, &x, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "p");
}

/* ---- closed-form problems --------------------------------------------------------- */

/* y0 = 3 x0 - 2 x1 + 1, y1 = 1 */
static gp_status
linear_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) user, (void) err;
  y[0] = 3 * x[0] - 2 * x[1] + 1;
  y[1] = 1;
  return GP_OK;
}

static void
linear_problem (gp_uq_problem *pb, gp_dist *d, double *nom)
{
  d[0] = uniform (0, 1);
  d[1] = normal (1, 0.5);
  nom[0] = 0.5, nom[1] = 1;
  memset (pb, 0, sizeof *pb);
  pb->n_inputs = 2;
  pb->n_outputs = 2;
  pb->fn = linear_fn;
  pb->nominal = nom;
  pb->dists = d;
}

/* Mean 3 x 0.5 - 2 x 1 + 1 = 0.5; variance 9 x 1/12 + 4 x 0.25 = 1.75 (independent
 * inputs); P(y0 < 1) = P(N(0.5, 1.75) < 1) approximately; exactly, y0 is not normal, so
 * that is checked by the normal-only problem below. */
static void
test_mc_linear (void)
{
  gp_uq_problem pb;
  gp_dist d[2];
  double nom[2];
  linear_problem (&pb, d, nom);
  gp_mc_params p;
  gp_mc_params_init (&p);
  p.samples = 100000;
  gp_mc_result r;
  gp_error err = { 0 };
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_OK);
  g_assert_cmpint (r.ok, ==, 100000);
  /* Sampling error of the mean: sqrt(1.75 / 1e5) = 0.0042; allow 4 of them. */
  g_assert_cmpfloat_with_epsilon (r.out[0].mean, 0.5, 4 * sqrt (1.75 / 1e5));
  g_assert_cmpfloat_with_epsilon (r.out[0].se_mean, sqrt (1.75 / 1e5), 1e-4);
  /* Sampling error of the variance ~ sigma^2 sqrt(2 / n) = 0.0078 (near-normal y); 4 x. */
  double var = r.out[0].sd * r.out[0].sd;
  g_assert_cmpfloat_with_epsilon (var, 1.75, 4 * 1.75 * sqrt (2.0 / 1e5));
  /* A constant output: sd 0, every percentile the constant. */
  g_assert_cmpfloat (r.out[1].sd, ==, 0.0);
  g_assert_cmpfloat (r.out[1].q[1], ==, 1.0);

  /* Sobol points: the error of a smooth integrand falls like (log N)^2 / N, so the same
   * moments land far closer with 2^14 points. */
  p.sampler = GP_SAMPLER_SOBOL;
  p.samples = 1 << 14;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.out[0].mean, 0.5, 2e-3);
  g_assert_cmpfloat_with_epsilon (r.out[0].sd * r.out[0].sd, 1.75, 5e-3);
}

/* y0 = x0, y1 = 1 */
static gp_status
identity_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) user, (void) err;
  y[0] = x[0];
  y[1] = 1;
  return GP_OK;
}

static void
test_mc_percentiles (void)
{
  gp_dist d = uniform (0, 1);
  double nom = 0.5;
  gp_uq_problem pb = { 1, 2, identity_fn, NULL, &nom, &d, NULL, NULL, NULL, NULL };
  gp_mc_params p;
  gp_mc_params_init (&p);
  p.sampler = GP_SAMPLER_SOBOL;
  p.samples = 1 << 14;
  p.n_levels = 5;
  double lv[] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
  memcpy (p.levels, lv, sizeof lv);
  p.n_pairs = 1;
  p.pair_a[0] = 0;
  p.pair_b[0] = 1;
  gp_mc_result r;
  gp_error err = { 0 };
  /* Uniform(0, 1): the q-quantile is q. The 2^14 Sobol points of one dimension are the
   * multiples k / 2^14 (k >= 1), so each quantile lands within 1 / 2^14 of q. */
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_OK);
  for (int l = 0; l < 5; l++)
    g_assert_cmpfloat_with_epsilon (r.out[0].q[l], lv[l], 2.0 / (1 << 14));
  g_assert_cmpfloat_with_epsilon (r.out[0].min, 1.0 / (1 << 14), 1e-12);

  /* Normal(0, 1): 5/50/95 % = -1.644854, 0, 1.644854; P(x < 1) = Phi(1) = 0.8413447. */
  d = normal (0, 1);
  p.n_levels = 3;
  p.levels[0] = 0.05, p.levels[1] = 0.5, p.levels[2] = 0.95;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.out[0].q[0], -1.644854, 2e-3);
  g_assert_cmpfloat_with_epsilon (r.out[0].q[1], 0.0, 2e-3);
  g_assert_cmpfloat_with_epsilon (r.out[0].q[2], 1.644854, 2e-3);
  g_assert_cmpfloat_with_epsilon (r.p_less[0], 0.8413447, 2e-3);

  /* Pseudo-random, N = 1e5: the 95% quantile's error is sqrt(p (1 - p) / N) / phi(q)
   * = sqrt(0.0475 / 1e5) / 0.10314 = 0.0067; P's is sqrt(0.134 / 1e5) = 0.0012; 4 x. */
  p.sampler = GP_SAMPLER_PSEUDO;
  p.samples = 100000;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.out[0].q[2], 1.644854, 4 * 0.0067);
  g_assert_cmpfloat_with_epsilon (r.p_less[0], 0.8413447, 4 * 0.0012);
  g_assert_cmpfloat_with_epsilon (r.p_less_se[0], 0.0012, 1e-4);
}

static void
test_mc_reproducible (void)
{
  gp_uq_problem pb;
  gp_dist d[2];
  double nom[2];
  linear_problem (&pb, d, nom);
  gp_mc_params p;
  gp_mc_params_init (&p);
  p.samples = 5000;
  p.seed = 42;
  double *y1 = g_new (double, 5000 * 2), *y2 = g_new (double, 5000 * 2);
  double *x1 = g_new (double, 5000 * 2), *x2 = g_new (double, 5000 * 2);
  gp_mc_result r1, r2, r3;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r1, x1, y1, NULL), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r2, x2, y2, NULL), ==, GP_OK);
  /* The same seed gives the same draws, bit for bit, and the same summary. */
  g_assert_cmpmem (x1, 5000 * 2 * sizeof (double), x2, 5000 * 2 * sizeof (double));
  g_assert_cmpmem (y1, 5000 * 2 * sizeof (double), y2, 5000 * 2 * sizeof (double));
  g_assert_cmpfloat (r1.out[0].mean, ==, r2.out[0].mean);
  g_assert_cmpfloat (r1.out[0].q[0], ==, r2.out[0].q[0]);
  /* The kept samples are the inputs drawn and the model at them. */
  g_assert_cmpfloat (y1[2 * 17], ==, 3 * x1[2 * 17] - 2 * x1[2 * 17 + 1] + 1);
  /* Another seed, other draws. */
  p.seed = 43;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r3, NULL, NULL, NULL), ==, GP_OK);
  g_assert_cmpfloat (r3.out[0].mean, !=, r1.out[0].mean);
  g_free (y1), g_free (y2), g_free (x1), g_free (x2);
}

/* Infeasible above 0.9; a hard error at exactly nominal 0.123 is never drawn. */
static gp_status
gappy_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) user;
  if (x[0] > 0.9)
    return gp_error_set (err, GP_EINFEASIBLE, "x", "x = %g does not fit", x[0]);
  y[0] = x[0];
  return GP_OK;
}

static void
test_mc_infeasible (void)
{
  gp_dist d = uniform (0, 1);
  double nom = 0.5;
  gp_uq_problem pb = { 1, 1, gappy_fn, NULL, &nom, &d, NULL, NULL, NULL, NULL };
  gp_mc_params p;
  gp_mc_params_init (&p);
  p.sampler = GP_SAMPLER_SOBOL;
  p.samples = 1 << 12;
  gp_mc_result r;
  gp_error err = { 0 };
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_OK);
  /* The points k / 4096 above 0.9: k = 3687..4095, 409 of them. */
  g_assert_cmpint (r.infeasible, ==, 409);
  g_assert_cmpint (r.ok, ==, 4096 - 409);
  g_assert_nonnull (strstr (r.first_infeasible, "does not fit"));
  /* The feasible ones are uniform on (0, 0.9]: mean 0.45. */
  g_assert_cmpfloat_with_epsilon (r.out[0].mean, 0.45, 1e-3);

  p.skip_infeasible = false;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==,
                   GP_EINFEASIBLE);
  g_assert_nonnull (strstr (err.message, "sample "));
  g_assert_nonnull (strstr (err.message, "does not fit"));
}

static gp_status
nan_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) x, (void) user, (void) err;
  y[0] = NAN;
  return GP_OK;
}

static bool
cancel_at_half (double fraction, void *user)
{
  (void) user;
  return fraction < 0.5;
}

static void
test_problem_errors (void)
{
  gp_dist d = uniform (0, 1);
  double nom = 0.5;
  const char *in_names[] = { "die_fraction" };
  const char *out_names[] = { "usd_per_pflops" };
  gp_uq_problem pb = { 1, 1, nan_fn, NULL, &nom, &d, in_names, out_names, NULL, NULL };
  gp_mc_params p;
  gp_mc_params_init (&p);
  gp_mc_result r;
  gp_error err = { 0 };
  /* A NaN output is an error naming the output, never a silent NaN mean. */
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_ERANGE);
  g_assert_nonnull (strstr (err.message, "usd_per_pflops"));
  g_assert_nonnull (strstr (err.message, "sample 0"));

  pb.fn = identity_fn;
  pb.n_outputs = 2;
  nom = NAN;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "die_fraction"));
  nom = 0.5;

  d.b = -1;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "die_fraction"));
  g_assert_cmpstr (err.param, ==, "b");
  d.b = 1;

  p.samples = 1;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "samples");
  gp_mc_params_init (&p);
  p.n_pairs = 1;
  p.pair_a[0] = 0, p.pair_b[0] = 5;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "pair_b");
  gp_mc_params_init (&p);

  pb.n_inputs = 0;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "n_inputs");
  pb.n_inputs = 1;
  pb.fn = NULL;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==, GP_EINVAL);
  pb.fn = identity_fn;

  /* Cancelled through the progress callback. */
  pb.progress = cancel_at_half;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, &r, NULL, NULL, &err), ==,
                   GP_ECANCELLED);
  pb.progress = NULL;

  /* Sobol sampling of 21 inputs needs 42 dimensions: refused by name. */
  gp_dist many[21];
  double noms[21];
  for (int i = 0; i < 21; i++)
    many[i] = uniform (0, 1), noms[i] = 0.5;
  gp_uq_problem big = { 21, 2, identity_fn, NULL, noms, many, NULL, NULL, NULL, NULL };
  gp_sobol_params sp;
  gp_sobol_params_init (&sp);
  gp_sobol_result *sr = g_new (gp_sobol_result, 1);
  g_assert_cmpint (gp_uncertainty_sobol (&big, &sp, sr, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "sobol"));
  /* ... and run with pseudo-random points instead. */
  sp.sampler = GP_SAMPLER_PSEUDO;
  sp.base_samples = 64;
  g_assert_cmpint (gp_uncertainty_sobol (&big, &sp, sr, &err), ==, GP_OK);
  g_free (sr);
}

/* ---- tornado ---------------------------------------------------------------------- */

/* y = x0 + 10 x1 + 0 x2 */
static gp_status
weights_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) user, (void) err;
  y[0] = x[0] + 10 * x[1] + 0 * x[2];
  return GP_OK;
}

static void
test_tornado (void)
{
  gp_dist d[3] = { uniform (0, 1), uniform (0, 1), uniform (0, 1) };
  double nom[3] = { 0.5, 0.5, 0.5 };
  gp_uq_problem pb = { 3, 1, weights_fn, NULL, nom, d, NULL, NULL, NULL, NULL };
  gp_tornado_result t;
  gp_error err = { 0 };
  g_assert_cmpint (gp_uncertainty_tornado (&pb, 0, 0.05, 0.95, &t, &err), ==, GP_OK);
  /* nominal 0.5 + 5 = 5.5. x1 at 0.05 / 0.95: 0.5 + 0.5 = 1.0 and 0.5 + 9.5 = 10.0, swing
   * 9; x0: 5.05 and 5.95, swing 0.9; x2: 0. Sorted: x1, x0, x2. */
  g_assert_cmpfloat_with_epsilon (t.y_nominal, 5.5, 1e-12);
  g_assert_cmpint (t.n_bars, ==, 3);
  g_assert_cmpint (t.bar[0].input, ==, 1);
  g_assert_cmpfloat_with_epsilon (t.bar[0].y_low, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t.bar[0].y_high, 10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t.bar[0].swing, 9.0, 1e-12);
  g_assert_cmpint (t.bar[1].input, ==, 0);
  g_assert_cmpfloat_with_epsilon (t.bar[1].swing, 0.9, 1e-12);
  g_assert_cmpint (t.bar[2].input, ==, 2);
  g_assert_cmpfloat (t.bar[2].swing, ==, 0.0);
  /* p 0 and 1 give a bounded distribution's ends. */
  g_assert_cmpint (gp_uncertainty_tornado (&pb, 0, 0, 1, &t, &err), ==, GP_OK);
  g_assert_cmpfloat (t.bar[0].x_low, ==, 0.0);
  g_assert_cmpfloat (t.bar[0].x_high, ==, 1.0);
  /* errors: p_low >= p_high, an output out of range, an unbounded end */
  g_assert_cmpint (gp_uncertainty_tornado (&pb, 0, 0.9, 0.1, &t, &err), ==, GP_EINVAL);
  g_assert_cmpint (gp_uncertainty_tornado (&pb, 3, 0.05, 0.95, &t, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "output");
  d[2] = normal (0.5, 1);
  g_assert_cmpint (gp_uncertainty_tornado (&pb, 0, 0, 1, &t, &err), ==, GP_ERANGE);
  g_assert_nonnull (strstr (err.message, "x[2]"));
}

/* ---- Sobol indices ---------------------------------------------------------------- */

/* y = x0 + 2 x1 + 3 x2 */
static gp_status
additive_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) user, (void) err;
  y[0] = x[0] + 2 * x[1] + 3 * x[2];
  return GP_OK;
}

static void
test_sobol_linear (void)
{
  gp_dist d[3] = { uniform (0, 1), uniform (0, 1), uniform (0, 1) };
  double nom[3] = { 0.5, 0.5, 0.5 };
  gp_uq_problem pb = { 3, 1, additive_fn, NULL, nom, d, NULL, NULL, NULL, NULL };
  gp_sobol_params p;
  gp_sobol_params_init (&p);
  p.base_samples = 1 << 12;
  gp_sobol_result *r = g_new (gp_sobol_result, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_uncertainty_sobol (&pb, &p, r, &err), ==, GP_OK);
  /* Additive: S_i = S_Ti = a_i^2 var_i / sum_j a_j^2 var_j; equal variances 1/12 give
   * 1/14, 4/14, 9/14; V = 14 / 12. */
  double expect[3] = { 1.0 / 14, 4.0 / 14, 9.0 / 14 };
  g_assert_cmpfloat_with_epsilon (r->variance[0], 14.0 / 12, 0.01);
  g_assert_cmpfloat_with_epsilon (r->mean[0], 3.0, 1e-3);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (r->first[i][0], expect[i], 0.01);
      g_assert_cmpfloat_with_epsilon (r->total[i][0], expect[i], 0.01);
    }
  g_assert_cmpint (r->ok, ==, 1 << 12);
  g_free (r);
}

/* Ishigami, a = 7, b = 0.1 (Ishigami and Homma 1990; Saltelli et al., "Global Sensitivity
 * Analysis: The Primer", 2008, sec. 4.9). */
static gp_status
ishigami_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) user, (void) err;
  double s1 = sin (x[0]), s2 = sin (x[1]);
  y[0] = s1 + 7 * s2 * s2 + 0.1 * pow (x[2], 4) * s1;
  return GP_OK;
}

static void
test_sobol_ishigami (void)
{
  gp_dist d[3] = { uniform (-M_PI, M_PI), uniform (-M_PI, M_PI), uniform (-M_PI, M_PI) };
  double nom[3] = { 0, 0, 0 };
  gp_uq_problem pb = { 3, 1, ishigami_fn, NULL, nom, d, NULL, NULL, NULL, NULL };
  gp_sobol_params p;
  gp_sobol_params_init (&p);
  p.base_samples = 1 << 14;
  gp_sobol_result *r = g_new (gp_sobol_result, 1);
  gp_error err = { 0 };
  g_assert_cmpint (gp_uncertainty_sobol (&pb, &p, r, &err), ==, GP_OK);
  /* Analytic: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.8446; S1 = 0.3139,
   * S2 = 0.4424, S3 = 0, ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437. With 2^14 Sobol rows
   * the estimators are within 0.01 (their CLT errors, first_se, are ~0.005-0.01 for S1
   * and S3 with pseudo-random points and smaller with Sobol points). */
  double S[3] = { 0.3139, 0.4424, 0.0 }, ST[3] = { 0.5576, 0.4424, 0.2437 };
  g_assert_cmpfloat_with_epsilon (r->variance[0], 13.8446, 0.05);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (r->first[i][0], S[i], 0.01);
      g_assert_cmpfloat_with_epsilon (r->total[i][0], ST[i], 0.01);
      g_assert_cmpfloat (r->first_se[i][0], <, 0.02);
    }
  g_free (r);
}

/* ---- break-even ------------------------------------------------------------------- */

/* y0 = x0^2 (x1 is along for the ride), y1 = 2, y2 = exp(x0), y3 = sin(x0) */
static gp_status
curves_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) user, (void) err;
  y[0] = x[0] * x[0] + 0 * x[1];
  y[1] = 2;
  y[2] = exp (x[0]);
  y[3] = sin (x[0]);
  return GP_OK;
}

static void
test_break_even (void)
{
  double nom[2] = { 1, 5 };
  const char *names[] = { "pj_per_bit", "other" };
  gp_uq_problem pb = { 2, 4, curves_fn, NULL, nom, NULL, names, NULL, NULL, NULL };
  gp_break_even_params p;
  gp_break_even_params_init (&p);
  p.lo = 0, p.hi = 3;
  p.output_a = 0, p.output_b = 1;
  gp_break_even_result r;
  gp_error err = { 0 };
  /* x^2 = 2 at x = sqrt 2 = 1.41421356237 (by hand). */
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.x, M_SQRT2, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.y_a, 2.0, 1e-8);
  g_assert_cmpint (r.crossings, ==, 1);
  /* Against a target: exp(x) = 5 at ln 5 = 1.60943791243. */
  p.output_a = 2, p.output_b = -1, p.target = 5;
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.x, log (5), 1e-9);
  /* sin x = 0 on [1, 10]: roots pi, 2 pi, 3 pi; the first from lo is refined. A log grid
   * finds the same. */
  p.output_a = 3, p.target = 0, p.lo = 1, p.hi = 10, p.log_scan = true;
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.x, M_PI, 1e-9);
  g_assert_cmpint (r.crossings, ==, 3);
  /* No sign change: x^2 = 2 has no root on [2, 3]; the message gives both ends. */
  p.log_scan = false;
  p.output_a = 0, p.output_b = 1, p.lo = 2, p.hi = 3;
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_ERANGE);
  g_assert_nonnull (strstr (err.message, "no break-even of pj_per_bit"));
  g_assert_nonnull (strstr (err.message, "y[0] = 4"));
  g_assert_nonnull (strstr (err.message, "y[0] = 9"));
  /* Parameter errors. */
  p.lo = 3, p.hi = 2;
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "lo");
  p.lo = -1, p.hi = 2, p.log_scan = true;
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_EINVAL);
  p.log_scan = false;
  p.output_b = 0;
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "output_b");
  p.output_b = 1, p.input = 7;
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "input");
}

/* ---- optimisation ----------------------------------------------------------------- */

/* y0 = (x0 - 0.3)^2 + 1; y1 = Rosenbrock (1 - x0)^2 + 100 (x1 - x0^2)^2; y2 = -(x0 - 0.7)^2 */
static gp_status
bowls_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) user, (void) err;
  y[0] = (x[0] - 0.3) * (x[0] - 0.3) + 1;
  y[1] = (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
  y[2] = -(x[0] - 0.7) * (x[0] - 0.7);
  return GP_OK;
}

static void
test_minimize (void)
{
  double nom[2] = { -1.2, 1.0 }; /* Rosenbrock's classic start */
  gp_uq_problem pb = { 2, 3, bowls_fn, NULL, nom, NULL, NULL, NULL, NULL, NULL };
  gp_minimize_params p;
  gp_minimize_params_init (&p);
  gp_minimize_result r;
  gp_error err = { 0 };
  /* 1-D: (x - 0.3)^2 + 1 on [0, 1]: x = 0.3, f = 1 (by hand). */
  p.lo[0] = 0, p.hi[0] = 1;
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.x[0], 0.3, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.f, 1.0, 1e-10);
  g_assert_false (r.at_bound[0]);
  g_assert_true (r.converged);
  /* On [0.5, 2] the minimum is the bound 0.5, f = 1.04. */
  p.lo[0] = 0.5, p.hi[0] = 2;
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.x[0], 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.f, 1.04, 1e-9);
  g_assert_true (r.at_bound[0]);
  /* Maximise -(x - 0.7)^2 on [0, 1]: x = 0.7, f = 0. */
  p.lo[0] = 0, p.hi[0] = 1, p.output = 2, p.maximize = true;
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.x[0], 0.7, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.f, 0.0, 1e-10);

  /* 2-D Rosenbrock in [-2, 2]^2: minimum (1, 1), f = 0. */
  gp_minimize_params_init (&p);
  p.n_vars = 2;
  p.vars[0] = 0, p.vars[1] = 1;
  p.lo[0] = -2, p.hi[0] = 2, p.lo[1] = -2, p.hi[1] = 2;
  p.output = 1;
  p.max_iter = 2000;
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.x[0], 1.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (r.x[1], 1.0, 1e-4);
  g_assert_cmpfloat (r.f, <, 1e-8);
  /* In [-2, 0.5] x [-2, 2]: for fixed x the best y is x^2, leaving (1 - x)^2, which falls
   * towards x = 1; so the minimum sits on the bound x = 0.5, y = 0.25, f = 0.25. */
  p.hi[0] = 0.5;
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_OK);
  g_assert_cmpfloat_with_epsilon (r.x[0], 0.5, 1e-5);
  g_assert_cmpfloat_with_epsilon (r.x[1], 0.25, 1e-4);
  g_assert_cmpfloat_with_epsilon (r.f, 0.25, 1e-6);
  g_assert_true (r.at_bound[0]);
  g_assert_false (r.at_bound[1]);
  g_assert_cmpfloat_with_epsilon (r.y[1], r.f, 1e-15);

  /* errors: bad bounds, repeated variable, NaN bound */
  p.lo[1] = 3;
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "x[1]"));
  p.lo[1] = -2, p.vars[1] = 0;
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "vars");
  p.vars[1] = 1, p.hi[0] = NAN;
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_EINVAL);
}

static gp_status
all_infeasible_fn (const double *x, double *y, void *user, gp_error *err)
{
  (void) x, (void) y, (void) user;
  return gp_error_set (err, GP_EINFEASIBLE, "x", "never fits");
}

static void
test_minimize_infeasible (void)
{
  double nom = 0.5;
  gp_uq_problem pb = { 1, 1, all_infeasible_fn, NULL, &nom, NULL, NULL, NULL, NULL, NULL };
  gp_minimize_params p;
  gp_minimize_params_init (&p);
  gp_minimize_result r;
  gp_error err = { 0 };
  g_assert_cmpint (gp_uncertainty_minimize (&pb, &p, &r, &err), ==, GP_EINFEASIBLE);
}

/* ---- Pareto ----------------------------------------------------------------------- */

static void
test_pareto (void)
{
  /* Minimise both. By hand, in x order: (0.5, 6) kept; (1, 5) kept; (2, 3) twice, kept
   * both; (3, 3) dominated by (2, 3); (3, 4) dominated; (4, 1) kept; (5, 1) dominated by
   * (4, 1). Front: indices 6, 0, 1, 4, 3. */
  double x[] = { 1, 2, 3, 4, 2, 5, 0.5, 3 };
  double y[] = { 5, 3, 4, 1, 3, 1, 6, 3 };
  size_t front[8], n = 0;
  gp_error err = { 0 };
  g_assert_cmpint (gp_uncertainty_pareto (x, y, 8, false, false, front, &n, &err), ==, GP_OK);
  size_t expect[] = { 6, 0, 1, 4, 3 };
  g_assert_cmpuint (n, ==, 5);
  for (size_t i = 0; i < n; i++)
    g_assert_cmpuint (front[i], ==, expect[i]);
  /* Maximise both: by hand, the best x is (5, 1); then (4, 1) is dominated, (3, 4) has a
   * higher y than anything with larger x: kept; (1, 5) kept; (0.5, 6) kept. */
  g_assert_cmpint (gp_uncertainty_pareto (x, y, 8, true, true, front, &n, &err), ==, GP_OK);
  size_t expect2[] = { 5, 2, 0, 6 };
  g_assert_cmpuint (n, ==, 4);
  for (size_t i = 0; i < n; i++)
    g_assert_cmpuint (front[i], ==, expect2[i]);
  /* Empty and NaN. */
  g_assert_cmpint (gp_uncertainty_pareto (x, y, 0, false, false, front, &n, &err), ==, GP_OK);
  g_assert_cmpuint (n, ==, 0);
  y[2] = NAN;
  g_assert_cmpint (gp_uncertainty_pareto (x, y, 8, false, false, front, &n, &err), ==,
                   GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "point 2"));
}

/* ---- systems ---------------------------------------------------------------------- */

typedef struct {
  gp_node *nodes;
  size_t n_nodes;
  gp_design design;            /* data/comparison.lua: lite-gpu-glass, dgx-h100, cs-3 */
} fixture;

static fixture *
fixture_new (void)
{
  fixture *f = g_new0 (fixture, 1);
  gp_error err = { 0 };
  if (gp_nodes_load (NULL, &f->nodes, &f->n_nodes, &err) != GP_OK
      || gp_design_load_default (&f->design, &err) != GP_OK)
    g_error ("%s", err.message);
  return f;
}

static void
fixture_free (fixture *f)
{
  free (f->nodes);
  g_free (f);
}

static void
test_system_adapter (void)
{
  fixture *f = fixture_new ();
  gp_error err = { 0 };
  const gp_system *lite = &f->design.systems[0], *dgx = &f->design.systems[1];
  g_assert_cmpint (lite->sys.family, ==, GP_FAMILY_LITE_GPU);
  gp_uq_system *u = gp_uncertainty_system_new (lite, dgx, &f->design.study, f->nodes,
                                               f->n_nodes, &err);
  g_assert_nonnull (u);
  gp_uq_input in;
  gp_uq_input_init (&in);
  strcpy (in.path, "package.parts[hbm].usd_per_gb");
  in.dist = uniform (15, 18);
  g_assert_cmpint (gp_uncertainty_system_add_input (u, &in, &err), ==, GP_OK);
  gp_uq_input_init (&in);
  strcpy (in.path, "package.assembly_cost_usd");
  in.relative = true;
  in.dist = uniform (0.7, 1.3);
  g_assert_cmpint (gp_uncertainty_system_add_input (u, &in, &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "usd_per_model", &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "capex_usd", &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "no_such_figure", &err), ==,
                   GP_ENOTFOUND);
  g_assert_cmpint (gp_uncertainty_system_ready (u, false, NULL, NULL, &err), ==, GP_OK);
  gp_uq_problem pb;
  gp_uncertainty_system_problem (u, &pb);
  g_assert_cmpuint (pb.n_outputs, ==, 6);
  g_assert_cmpstr (pb.output_names[2], ==, "a/b.usd_per_model");
  g_assert_cmpint (gp_uncertainty_system_output (u, "capex_usd", 1), ==, 4);
  g_assert_cmpfloat (pb.nominal[1], ==, 1.0); /* relative */

  /* The adapter's outputs are the system model's own figures. */
  double y[6];
  g_assert_cmpint (pb.fn (pb.nominal, y, pb.user, &err), ==, GP_OK);
  gp_system_prepared *prep = g_new (gp_system_prepared, 1);
  gp_system_result *res = g_new (gp_system_result, 1);
  g_assert_cmpint (gp_system_prepare (dgx, &f->design.study, f->nodes, f->n_nodes, prep, &err),
                   ==, GP_OK);
  g_assert_cmpint (gp_system_eval (dgx, &f->design.study, prep, NULL, res, NULL, NULL, &err),
                   ==, GP_OK);
  REL (y[1], res->usd_per_model, 1e-12);
  REL (y[4], res->capex_usd, 1e-12);
  REL (y[2], y[0] / y[1], 1e-15);

  /* HBM price and assembly cost are read by every evaluation: no re-preparation. */
  long evals0, preps0, evals1, preps1;
  gp_uncertainty_system_counts (u, &evals0, &preps0);
  gp_mc_params mp;
  gp_mc_params_init (&mp);
  mp.samples = 2000;
  mp.n_pairs = 1;
  mp.pair_a[0] = 0, mp.pair_b[0] = 1;
  gp_mc_result r1, r2;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &mp, &r1, NULL, NULL, &err), ==, GP_OK);
  gp_uncertainty_system_counts (u, &evals1, &preps1);
  g_assert_cmpint (evals1 - evals0, ==, 2000);
  g_assert_cmpint (preps1, ==, preps0);
  /* Reproducible through the system too. */
  g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &mp, &r2, NULL, NULL, &err), ==, GP_OK);
  g_assert_cmpfloat (r1.out[0].q[1], ==, r2.out[0].q[1]);
  g_assert_cmpfloat (r1.p_less[0], ==, r2.p_less[0]);
  /* Capex rises with the HBM price: the 95th percentile is above the nominal. */
  g_assert_cmpfloat (r1.out[4].q[2], >, y[4]);

  /* A prepare-time input: the N5 defect density (shared by both systems' dies). */
  gp_uncertainty_system_free (u);
  u = gp_uncertainty_system_new (lite, dgx, &f->design.study, f->nodes, f->n_nodes, &err);
  gp_uq_input_init (&in);
  strcpy (in.path, "nodes.N5.d0_per_cm2");
  in.dist = uniform (0.10, 0.11);
  g_assert_cmpint (gp_uncertainty_system_add_input (u, &in, &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "package_cost_usd", &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_ready (u, false, NULL, NULL, &err), ==, GP_OK);
  gp_uncertainty_system_problem (u, &pb);
  gp_tornado_result t;
  gp_uncertainty_system_counts (u, NULL, &preps0);
  g_assert_cmpint (gp_uncertainty_tornado (&pb, 1, 0.05, 0.95, &t, &err), ==, GP_OK);
  gp_uncertainty_system_counts (u, NULL, &preps1);
  /* 3 evaluations, of which 2 change D0 (the nominal equals the last value set): each
   * prepares both systems. A higher D0 costs more. */
  g_assert_cmpint (preps1 - preps0, ==, 4);
  g_assert_cmpfloat (t.bar[0].y_high, >, t.bar[0].y_low);

  /* Errors: a family with no system, an unknown path (the suggestion comes through). */
  gp_uncertainty_system_free (u);
  u = gp_uncertainty_system_new (lite, dgx, &f->design.study, f->nodes, f->n_nodes, &err);
  gp_uq_input_init (&in);
  strcpy (in.path, "link.laser_wpe");
  in.family = GP_UQ_FAMILY_WAFER_SCALE;
  g_assert_cmpint (gp_uncertainty_system_add_input (u, &in, &err), ==, GP_EINVAL);
  g_assert_nonnull (strstr (err.message, "wafer_scale"));
  in.family = GP_UQ_FAMILY_ALL;
  strcpy (in.path, "link.laser_wpee");
  g_assert_cmpint (gp_uncertainty_system_add_input (u, &in, &err), ==, GP_ENOTFOUND);
  g_assert_nonnull (strstr (err.message, "did you mean 'link.laser_wpe'"));
  g_assert_cmpint (gp_uncertainty_system_ready (u, false, NULL, NULL, &err), ==, GP_EINVAL);
  gp_uncertainty_system_free (u);
  gp_uncertainty_system_free (NULL);
  g_free (prep);
  g_free (res);
  fixture_free (f);
}

/* Break-even through the system: the Lite-GPU glass carrier price (USD/mm2) at which the
 * Lite-GPU machine's capex equals the DGX's. Capex is affine in it (the carrier enters the
 * package at area x price, divided by the fixed assembly yields, times the package count),
 * so the root is where the line through two evaluations crosses zero. */
static void
test_system_break_even (void)
{
  fixture *f = fixture_new ();
  gp_error err = { 0 };
  gp_uq_system *u = gp_uncertainty_system_new (&f->design.systems[0], &f->design.systems[1],
                                               &f->design.study, f->nodes, f->n_nodes, &err);
  gp_uq_input in;
  gp_uq_input_init (&in);
  strcpy (in.path, "package.carrier_usd_per_mm2");
  in.family = GP_UQ_FAMILY_LITE_GPU; /* the glass carrier's price */
  g_assert_cmpint (gp_uncertainty_system_add_input (u, &in, &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "capex_usd", &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_ready (u, false, NULL, NULL, &err), ==, GP_OK);
  gp_uq_problem pb;
  gp_uncertainty_system_problem (u, &pb);
  /* Two points of the (affine) line a(x) - b(x). */
  double y0[3], y1[3], x0 = 0.0, x1 = 1.0;
  g_assert_cmpint (pb.fn (&x0, y0, pb.user, &err), ==, GP_OK);
  g_assert_cmpint (pb.fn (&x1, y1, pb.user, &err), ==, GP_OK);
  g_assert_cmpfloat (y0[1], ==, y1[1]); /* the DGX does not see the Lite carrier's price */
  double g0 = y0[0] - y0[1], g1 = y1[0] - y1[1];
  double root = x0 - g0 * (x1 - x0) / (g1 - g0);
  gp_break_even_params p;
  gp_break_even_params_init (&p);
  p.lo = 0, p.hi = 100;
  p.output_a = 0, p.output_b = 1;
  gp_break_even_result r;
  /* The Lite-GPU machine is cheaper at the preset's 0.01 USD/mm2, so the line crosses
   * zero at a higher price (about 0.57 USD/mm2 with today's presets). */
  g_assert_cmpfloat (root, >, 0.01);
  g_assert_cmpfloat (root, <, 100);
  g_assert_cmpint (gp_uncertainty_break_even (&pb, &p, &r, &err), ==, GP_OK);
  REL (r.x, root, 1e-8);
  REL (r.y_a, r.y_b, 1e-9);
  gp_uncertainty_system_free (u);
  fixture_free (f);
}

/* ---- data/uncertainty.lua --------------------------------------------------------- */

static void
test_defaults_file (void)
{
  gp_uq_input *in = NULL;
  size_t n = 0;
  gp_error err = { 0 };
  if (gp_uncertainty_defaults_load (NULL, &in, &n, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpuint (n, >=, 8);
  fixture *f = fixture_new ();
  gp_uq_system *u = gp_uncertainty_system_new (&f->design.systems[0], &f->design.systems[1],
                                               &f->design.study, f->nodes, f->n_nodes, &err);
  gp_design *d = &f->design;
  for (size_t i = 0; i < n; i++)
    {
      /* every distribution is valid, every path is a real one */
      if (gp_dist_validate (&in[i].dist, &err) != GP_OK)
        g_error ("%s: %s", in[i].name, err.message);
      gp_syspath_ref ref;
      bool resolved = false;
      for (int s = 0; s < d->n_systems && !resolved; s++)
        {
          if (in[i].family != GP_UQ_FAMILY_ALL && d->systems[s].sys.family != in[i].family - 1)
            continue;
          gp_syspath_target t = { &d->systems[s], &d->study, f->nodes, f->n_nodes };
          resolved = gp_syspath_resolve (&t, in[i].path, &ref, &err) == GP_OK;
        }
      if (!resolved)
        g_error ("%s: %s resolves in no system of the default design: %s", in[i].name,
                 in[i].path, err.message);
      /* and the default comparison accepts it (except wafer-scale-only inputs) */
      if (in[i].family != GP_UQ_FAMILY_WAFER_SCALE
          && gp_uncertainty_system_add_input (u, &in[i], &err) != GP_OK)
        g_error ("%s: %s", in[i].name, err.message);
    }
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "usd_per_model", &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_ready (u, false, NULL, NULL, &err), ==, GP_OK);
  /* A short Monte Carlo over every default keeps the comparison evaluable. */
  gp_uq_problem pb;
  gp_uncertainty_system_problem (u, &pb);
  gp_mc_params mp;
  gp_mc_params_init (&mp);
  mp.samples = 64;
  gp_mc_result r;
  if (gp_uncertainty_monte_carlo (&pb, &mp, &r, NULL, NULL, &err) != GP_OK)
    g_error ("%s", err.message);
  g_assert_cmpint (r.ok, ==, 64);
  gp_uncertainty_system_free (u);
  fixture_free (f);
  free (in);

  /* A broken file: unknown key, bad distribution. */
  g_assert_cmpint (gp_uncertainty_defaults_load ("/nonexistent/uncertainty.lua", &in, &n, &err),
                   !=, GP_OK);
  g_assert_null (in);
}

/* ---- threads (issue 19) ----------------------------------------------------------- */

/* Monte Carlo and Sobol on worker threads give the same bits as on one: a stateless
 * closed form shared by the workers, and the system adapter (each worker on its own copy)
 * with inputs that re-prepare (D0, wafer price, matmul efficiency) and eval-only ones. No
 * value is asserted beyond equality: the figures themselves are checked above. */
static void
test_threads_identical (void)
{
  gp_dist d[3] = { uniform (-M_PI, M_PI), uniform (-M_PI, M_PI), uniform (-M_PI, M_PI) };
  double nom[3] = { 0, 0, 0 };
  gp_uq_problem pb = { 3, 1, ishigami_fn, NULL, nom, d, NULL, NULL, NULL, NULL };
  pb.thread_safe = true;
  gp_mc_result *r[3];
  gp_sobol_result *q[3];
  double *ky[3];
  gp_error err = { 0 };
  for (int t = 0; t < 3; t++)
    {
      gp_mc_params p;
      gp_mc_params_init (&p);
      p.samples = 3001; /* not a multiple of the chunk nor of the thread counts */
      p.threads = t + 1;
      r[t] = g_new0 (gp_mc_result, 1);
      ky[t] = g_new (double, 3001);
      g_assert_cmpint (gp_uncertainty_monte_carlo (&pb, &p, r[t], NULL, ky[t], &err), ==,
                       GP_OK);
      gp_sobol_params sp;
      gp_sobol_params_init (&sp);
      sp.base_samples = 700;
      sp.threads = t + 1;
      q[t] = g_new0 (gp_sobol_result, 1);
      g_assert_cmpint (gp_uncertainty_sobol (&pb, &sp, q[t], &err), ==, GP_OK);
    }
  for (int t = 1; t < 3; t++)
    {
      g_assert_true (memcmp (r[0], r[t], sizeof *r[0]) == 0);
      g_assert_true (memcmp (ky[0], ky[t], 3001 * sizeof (double)) == 0);
      g_assert_true (memcmp (q[0], q[t], sizeof *q[0]) == 0);
    }

  fixture *f = fixture_new ();
  static const struct { const char *path; double a, b; bool rel; } ins[] = {
    { "nodes.N5.d0_per_cm2", 0.08, 0.14, false },
    { "nodes.N5.wafer_cost_usd", 15000, 18000, false },
    { "accel.matmul_efficiency", 0.70, 0.80, false },
    { "sys.electricity_usd_per_kwh", 0.9, 1.1, true },
  };
  gp_uq_system *u = gp_uncertainty_system_new (&f->design.systems[0], &f->design.systems[1],
                                               &f->design.study, f->nodes, f->n_nodes, &err);
  g_assert_nonnull (u);
  for (size_t i = 0; i < G_N_ELEMENTS (ins); i++)
    {
      gp_uq_input in;
      gp_uq_input_init (&in);
      g_strlcpy (in.path, ins[i].path, sizeof in.path);
      in.dist.a = ins[i].a, in.dist.b = ins[i].b;
      in.relative = ins[i].rel;
      g_assert_cmpint (gp_uncertainty_system_add_input (u, &in, &err), ==, GP_OK);
    }
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "usd_per_model", &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_add_output (u, "kgco2e_per_model", &err), ==, GP_OK);
  g_assert_cmpint (gp_uncertainty_system_ready (u, false, NULL, NULL, &err), ==, GP_OK);
  gp_uq_problem sys;
  gp_uncertainty_system_problem (u, &sys);
  g_assert_nonnull (sys.clone);
  long evals_before, evals_after;
  for (int t = 0; t < 3; t++)
    {
      gp_mc_params p;
      gp_mc_params_init (&p);
      p.samples = 61;
      p.threads = t + 1;
      p.n_pairs = 1, p.pair_a[0] = 0, p.pair_b[0] = 1;
      gp_uncertainty_system_counts (u, &evals_before, NULL);
      memset (r[t], 0, sizeof *r[t]);
      g_assert_cmpint (gp_uncertainty_monte_carlo (&sys, &p, r[t], NULL, NULL, &err), ==,
                       GP_OK);
      gp_uncertainty_system_counts (u, &evals_after, NULL);
      g_assert_cmpint (evals_after - evals_before, ==, 61); /* the workers' counts added */
      gp_sobol_params sp;
      gp_sobol_params_init (&sp);
      sp.base_samples = 9;
      sp.threads = t + 1;
      memset (q[t], 0, sizeof *q[t]);
      g_assert_cmpint (gp_uncertainty_sobol (&sys, &sp, q[t], &err), ==, GP_OK);
    }
  for (int t = 1; t < 3; t++)
    {
      g_assert_true (memcmp (r[0], r[t], sizeof *r[0]) == 0);
      g_assert_true (memcmp (q[0], q[t], sizeof *q[0]) == 0);
    }

  /* a thread count outside 1..GP_THREADS_MAX is refused naming it */
  gp_mc_params p;
  gp_mc_params_init (&p);
  p.samples = 10;
  p.threads = GP_THREADS_MAX + 1;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&sys, &p, r[0], NULL, NULL, &err), ==,
                   GP_EINVAL);
  g_assert_cmpstr (err.param, ==, "threads");
  g_assert_nonnull (strstr (err.message, "1..256"));
  p.threads = -1;
  g_assert_cmpint (gp_uncertainty_monte_carlo (&sys, &p, r[0], NULL, NULL, &err), ==,
                   GP_EINVAL);
  gp_uncertainty_system_free (u);
  fixture_free (f);
  for (int t = 0; t < 3; t++)
    {
      g_free (r[t]);
      g_free (q[t]);
      g_free (ky[t]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gp_models_init ();
  g_test_add_func ("/models/uncertainty/dist-quantiles", test_dist_quantiles);
  g_test_add_func ("/models/uncertainty/dist-errors", test_dist_errors);
  g_test_add_func ("/models/uncertainty/mc-linear", test_mc_linear);
  g_test_add_func ("/models/uncertainty/mc-percentiles", test_mc_percentiles);
  g_test_add_func ("/models/uncertainty/mc-reproducible", test_mc_reproducible);
  g_test_add_func ("/models/uncertainty/mc-infeasible", test_mc_infeasible);
  g_test_add_func ("/models/uncertainty/problem-errors", test_problem_errors);
  g_test_add_func ("/models/uncertainty/tornado", test_tornado);
  g_test_add_func ("/models/uncertainty/sobol-linear", test_sobol_linear);
  g_test_add_func ("/models/uncertainty/sobol-ishigami", test_sobol_ishigami);
  g_test_add_func ("/models/uncertainty/break-even", test_break_even);
  g_test_add_func ("/models/uncertainty/minimize", test_minimize);
  g_test_add_func ("/models/uncertainty/minimize-infeasible", test_minimize_infeasible);
  g_test_add_func ("/models/uncertainty/pareto", test_pareto);
  g_test_add_func ("/models/uncertainty/system-adapter", test_system_adapter);
  g_test_add_func ("/models/uncertainty/system-break-even", test_system_break_even);
  g_test_add_func ("/models/uncertainty/defaults-file", test_defaults_file);
  g_test_add_func ("/models/uncertainty/threads-identical", test_threads_identical);
  return g_test_run ();
}
