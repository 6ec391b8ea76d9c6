/* gp-yield.c: die yield models, redundancy/binning, the inverse for D0, and a Monte Carlo
 * check over the wafer map. Equations and sources are in gp-yield.h. */
#include "gp-yield.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_roots.h>

#define MM2_PER_CM2 100.0

const char *const gp_yield_model_names[] = {
  "poisson", "murphy", "seeds", "negbin", "bose_einstein", NULL,
};

static const gp_param yield_params[] = {
  GP_P_ENUM (gp_yield_params, model, gp_yield_model_names, 0, "Yield model",
             "poisson, murphy, seeds, negbin (Stapper) or bose_einstein"),
  GP_P_DOUBLE (gp_yield_params, area_mm2, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_LOG, "mm2",
               "Die area", "Area exposed to killer defects"),
  GP_P_DOUBLE (gp_yield_params, d0_per_cm2, 0, 100, 0, "defects/cm2", "Defect density D0",
               "Killer defect density of the process"),
  GP_P_DOUBLE (gp_yield_params, alpha, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_OPTIONAL, "",
               "Clustering alpha", "Negative-binomial clustering (1 = Seeds, large = Poisson)"),
  GP_P_DOUBLE (gp_yield_params, critical_layers, 0, 100,
               GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_OPTIONAL, "", "Critical layers N",
               "Bose-Einstein number of critical layers"),
};

const gp_param_table gp_yield_param_table = {
  "yield", yield_params, GP_N_ELEMENTS (yield_params),
};

void
gp_yield_params_init (gp_yield_params *p)
{
  /* alpha 10: Chiplet Actuary (DAC 2022); D0 0.1: TSMC N5/N7 (AnandTech 16028);
   * N = 10: bottom of H&P's 16 nm range. All in data/nodes.lua. */
  p->model = GP_YIELD_NEGBIN;
  p->area_mm2 = 100;
  p->d0_per_cm2 = 0.1;
  p->alpha = 10;
  p->critical_layers = 10;
}

/* Yield as a function of the expected defect count x = A D0 (A in cm2). */
static double
yield_of (int model, double x, double alpha, double layers)
{
  switch (model)
    {
    case GP_YIELD_POISSON:
      return exp (-x);
    case GP_YIELD_MURPHY:
      {
        /* ((1 - e^-x) / x)^2, with -expm1 for accuracy and the x -> 0 limit of 1. */
        if (x < 1e-12)
          return 1.0;
        double r = -expm1 (-x) / x;
        return r * r;
      }
    case GP_YIELD_SEEDS:
      return 1.0 / (1.0 + x);
    case GP_YIELD_NEGBIN:
      return exp (-alpha * log1p (x / alpha));
    case GP_YIELD_BOSE_EINSTEIN:
      return exp (-layers * log1p (x));
    default:
      return NAN;
    }
}

gp_status
gp_yield_eval (const gp_yield_params *p, double *yield, gp_error *err)
{
  GP_TRY (gp_params_validate (&gp_yield_param_table, p, err));
  *yield = gp_yield_of_valid (p);
  return GP_OK;
}

double
gp_yield_of_valid (const gp_yield_params *p)
{
  return yield_of (p->model, p->area_mm2 / MM2_PER_CM2 * p->d0_per_cm2, p->alpha,
                   p->critical_layers);
}

typedef struct {
  const gp_yield_params *p;
  double target;
} solve_ctx;

static double
solve_fn (double d0, void *data)
{
  const solve_ctx *c = data;
  return yield_of (c->p->model, c->p->area_mm2 / MM2_PER_CM2 * d0, c->p->alpha,
                   c->p->critical_layers) - c->target;
}

gp_status
gp_yield_solve_d0 (const gp_yield_params *p, double observed_yield, double *d0_out,
                   gp_error *err)
{
  gp_yield_params q = *p;
  q.d0_per_cm2 = 0; /* ignored: the unknown */
  GP_TRY (gp_params_validate (&gp_yield_param_table, &q, err));
  GP_TRY (gp_check_range (err, "observed_yield", observed_yield, 0, 1,
                          GP_RANGE_MIN_EXCLUSIVE | GP_RANGE_MAX_EXCLUSIVE, ""));

  solve_ctx ctx = { &q, observed_yield };
  gsl_function F = { solve_fn, &ctx };

  /* Every model falls monotonically from 1 at D0 = 0; grow the bracket until it holds. */
  double lo = 0, hi = MM2_PER_CM2 / q.area_mm2;
  int grow = 0;
  while (solve_fn (hi, &ctx) > 0)
    {
      lo = hi;
      hi *= 2;
      if (++grow > 1100)
        return gp_error_set (err, GP_ENOCONV, "observed_yield",
                             "no D0 gives a yield of %.6g at %.6g mm2", observed_yield,
                             q.area_mm2);
    }

  gsl_root_fsolver *s = gsl_root_fsolver_alloc (gsl_root_fsolver_brent);
  if (s == NULL)
    return gp_error_set (err, GP_ENOMEM, NULL, "cannot allocate the root solver");
  int status = gsl_root_fsolver_set (s, &F, lo, hi);
  double root = NAN;
  for (int iter = 0; status == GSL_SUCCESS && iter < 200; iter++)
    {
      status = gsl_root_fsolver_iterate (s);
      if (status != GSL_SUCCESS)
        break;
      root = gsl_root_fsolver_root (s);
      double a = gsl_root_fsolver_x_lower (s), b = gsl_root_fsolver_x_upper (s);
      status = gsl_root_test_interval (a, b, 0, 1e-13);
      if (status == GSL_SUCCESS)
        break;
      if (status != GSL_CONTINUE)
        break;
      status = GSL_SUCCESS;
    }
  gsl_root_fsolver_free (s);
  if (status != GSL_SUCCESS || !isfinite (root))
    return gp_error_set (err, GP_ENOCONV, "observed_yield",
                         "Brent's method did not converge for yield %.6g (%s)", observed_yield,
                         gsl_strerror (status));
  *d0_out = root;
  return GP_OK;
}

/* ---- Redundancy ---------------------------------------------------------------------- */

static const gp_param redundancy_params[] = {
  GP_P_DOUBLE (gp_redundancy_params, area_mm2, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE, "mm2",
               "Die area", "Whole die area"),
  GP_P_INT (gp_redundancy_params, units, 1, 1e9, 0, "", "Repairable units",
            "Identical units (SMs, cores) of which some may be disabled"),
  GP_P_INT (gp_redundancy_params, spares, 0, 1e9, 0, "", "Spare units",
            "Units that may be bad with the die still sold"),
  GP_P_DOUBLE (gp_redundancy_params, unit_area_mm2, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE, "mm2",
               "Unit area", "Area of one repairable unit"),
  GP_P_DOUBLE (gp_redundancy_params, nonrepairable_mm2, 0, 1e6, 0, "mm2",
               "Non-repairable area", "Area whose defect kills the die"),
  GP_P_DOUBLE (gp_redundancy_params, d0_per_cm2, 0, 100, 0, "defects/cm2",
               "Defect density D0", "Killer defect density"),
  GP_P_DOUBLE (gp_redundancy_params, alpha, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE, "",
               "Clustering alpha", "Negative-binomial clustering"),
  GP_P_BOOL (gp_redundancy_params, clustered, 0, "Clustered defects",
             "Negative-binomial compound (true) or Poisson (false)"),
};

const gp_param_table gp_redundancy_param_table = {
  "redundancy", redundancy_params, GP_N_ELEMENTS (redundancy_params),
};

void
gp_redundancy_params_init (gp_redundancy_params *p)
{
  /* H100 (the H100 package in data/packages.lua): 814 mm2, 144 SMs, 132 enabled (NVIDIA
   * H100 whitepaper); SM area 2.8 mm2 is an estimate
   * (SM array about half the die in die shots); the rest counted as not repairable. */
  p->area_mm2 = 814;
  p->units = 144;
  p->spares = 12;
  p->unit_area_mm2 = 2.8;
  p->nonrepairable_mm2 = 814 - 144 * 2.8;
  p->d0_per_cm2 = 0.1;
  p->alpha = 10;
  p->clustered = true;
}

/* Kullback-Leibler divergence of Bernoulli(x) from Bernoulli(p), nats. */
static double
kl_bernoulli (double x, double p)
{
  double a = x > 0 ? x * log (x / p) : 0;
  double b = x < 1 ? (1 - x) * log ((1 - x) / (1 - p)) : 0;
  return a + b;
}

/* ln(1e18): below exp(-41.4) a binomial tail is treated as exactly zero. */
#define TAIL_NATS 41.45

typedef struct {
  long n, k;
  double unit_cm2;
  double p_lo, p_hi; /* per-unit bad probability bounds of the binomial transition */
} binom_ctx;

/* Spares up to which the binomial CDF is summed term by term. */
#define BINOM_SUM_MAX 64

/* P[Bin(n, p) <= k] with Chernoff shortcuts outside [p_lo, p_hi]. For the few spares of a
 * GPU die (k <= BINOM_SUM_MAX) it is the sum of its k + 1 positive terms, by the ratio
 * t_(i+1) = t_i (n - i) / (i + 1) x p / (1 - p) from t_0 = (1 - p)^n: a relative error of a
 * few (k + 1) ulps, as good as GSL's incomplete beta and ~5x cheaper in the yield integral
 * (issue 19); inside [p_lo, p_hi] -n ln(1 - p) stays under ~200 for k <= 64, so t_0 is far
 * from underflow.
 * Past that, gsl_cdf_binomial_P. */
static double
binom_cdf (const binom_ctx *c, double p)
{
  if (c->k >= c->n || p <= c->p_lo)
    return 1.0;
  if (p >= c->p_hi)
    return 0.0;
  if (c->k <= BINOM_SUM_MAX)
    {
      double t = exp ((double) c->n * log1p (-p)), r = p / (1.0 - p), sum = t;
      for (long i = 0; i < c->k; i++)
        {
          t *= (double) (c->n - i) / (double) (i + 1) * r;
          sum += t;
        }
      return sum < 1.0 ? sum : 1.0;
    }
  return gsl_cdf_binomial_P ((unsigned) c->k, p, (unsigned) c->n);
}

/* Solve n KL(x || p) = TAIL_NATS for p on the side of x given by SIDE (-1 below, +1
 * above) by bisection; KL is monotone on each side. */
static double
chernoff_p (long n, double x, int side)
{
  double lo = side < 0 ? 0 : x, hi = side < 0 ? x : 1;
  if (side < 0 && x <= 0)
    return 0;
  if (side > 0 && x >= 1)
    return 1;
  for (int i = 0; i < 80; i++)
    {
      double mid = 0.5 * (lo + hi);
      double nats = (double) n * kl_bernoulli (x, mid);
      if ((nats > TAIL_NATS) == (side < 0))
        lo = mid;
      else
        hi = mid;
    }
  return side < 0 ? lo : hi;
}

static void
binom_prepare (binom_ctx *c, long n, long k, double unit_cm2)
{
  c->n = n;
  c->k = k;
  c->unit_cm2 = unit_cm2;
  /* P[X >= k+1] <= exp(-n KL((k+1)/n || p)) for p < (k+1)/n, and
   * P[X <= k]   <= exp(-n KL(k/n || p))     for p > k/n (Chernoff-Hoeffding). */
  c->p_lo = k >= n ? 1.0 : chernoff_p (n, (double) (k + 1) / (double) n, -1);
  c->p_hi = k >= n ? 1.0 : chernoff_p (n, (double) k / (double) n, +1);
}

static double
p_unit_bad (const binom_ctx *c, double d)
{
  return -expm1 (-c->unit_cm2 * d);
}

static double
density_for_p (const binom_ctx *c, double p)
{
  return p >= 1 ? INFINITY : -log1p (-p) / c->unit_cm2;
}

typedef struct {
  const binom_ctx *b;
  double shape, scale;
  double log_norm;          /* -ln Gamma(shape) - shape ln(scale), once per integral */
} integrand_ctx;

/* The gamma density exp((shape - 1) ln d - d / scale - ln Gamma(shape) - shape ln scale)
 * with its constant taken once (gsl_ran_gamma_pdf's lngamma per point was a quarter of the
 * integral's cost); d = 0 is left to GSL. */
static double
integrand (double d, void *data)
{
  const integrand_ctx *c = data;
  double pdf = d > 0 ? exp ((c->shape - 1) * log (d) - d / c->scale + c->log_norm)
                     : gsl_ran_gamma_pdf (d, c->shape, c->scale);
  return binom_cdf (c->b, p_unit_bad (c->b, d)) * pdf;
}

gp_status
gp_yield_redundancy (const gp_redundancy_params *p, gp_redundancy_result *out, gp_error *err)
{
  GP_TRY (gp_params_validate (&gp_redundancy_param_table, p, err));
  if (p->spares > p->units)
    return gp_error_set (err, GP_EINVAL, "spares",
                         "spares = %ld is out of range: allowed [0, %ld] (the number of units)",
                         p->spares, p->units);
  if (p->units > 4000000000L)
    return gp_error_set (err, GP_EINVAL, "units", "units = %ld is out of range: allowed "
                         "[1, 4e9]", p->units);
  double used = (double) p->units * p->unit_area_mm2 + p->nonrepairable_mm2;
  if (used > p->area_mm2 * (1 + 1e-9))
    return gp_error_set (err, GP_EINVAL, "unit_area_mm2",
                         "units x unit_area_mm2 + nonrepairable_mm2 = %.6g mm2 exceeds "
                         "area_mm2 = %.6g mm2", used, p->area_mm2);

  const double d0 = p->d0_per_cm2, alpha = p->alpha;
  const double a_nr = p->nonrepairable_mm2 / MM2_PER_CM2;
  const double a_all = p->area_mm2 / MM2_PER_CM2;
  binom_ctx b;
  binom_prepare (&b, p->units, p->spares, p->unit_area_mm2 / MM2_PER_CM2);

  memset (out, 0, sizeof *out);
  out->p_unit_bad = p_unit_bad (&b, d0);
  out->expected_bad_units = (double) p->units * out->p_unit_bad;

  if (!p->clustered)
    {
      out->p_nonrepairable_ok = exp (-a_nr * d0);
      out->yield = out->p_nonrepairable_ok * binom_cdf (&b, out->p_unit_bad);
      out->yield_no_repair = exp (-a_all * d0);
      return GP_OK;
    }

  out->p_nonrepairable_ok = exp (-alpha * log1p (a_nr * d0 / alpha));
  out->yield_no_repair = exp (-alpha * log1p (a_all * d0 / alpha));
  if (d0 == 0)
    {
      out->yield = 1;
      return GP_OK;
    }

  /* exp(-A_nr D) Gamma(D; alpha, theta) = (1 + A_nr theta)^-alpha Gamma(D; alpha, theta'),
   * theta' = theta / (1 + A_nr theta): the non-repairable term tilts the density. */
  const double theta = d0 / alpha;
  const double tilted = theta / (1 + a_nr * theta);
  const double d_lo = density_for_p (&b, b.p_lo);
  const double d_hi = density_for_p (&b, b.p_hi);

  double mass_below = isinf (d_lo) ? 1.0 : gsl_cdf_gamma_P (d_lo, alpha, tilted);
  double middle = 0;
  double tail_above_lo = isinf (d_lo) ? 0.0 : gsl_cdf_gamma_Q (d_lo, alpha, tilted);
  if (tail_above_lo > 1e-18)
    {
      double upper = d_hi;
      double q_hi = gsl_cdf_gamma_Qinv (1e-18, alpha, tilted);
      if (isfinite (q_hi) && q_hi < upper)
        upper = q_hi;
      if (upper > d_lo)
        {
          integrand_ctx ic = { &b, alpha, tilted,
                               -gsl_sf_lngamma (alpha) - alpha * log (tilted) };
          gsl_function f = { integrand, &ic };
          gsl_integration_workspace *ws = gsl_integration_workspace_alloc (512);
          if (ws == NULL)
            return gp_error_set (err, GP_ENOMEM, NULL, "cannot allocate integration workspace");
          double abserr;
          int st = gsl_integration_qag (&f, d_lo, upper, 1e-14, 1e-10, 512,
                                        GSL_INTEG_GAUSS21, ws, &middle, &abserr);
          gsl_integration_workspace_free (ws);
          if (st != GSL_SUCCESS)
            return gp_error_set (err, GP_ENOCONV, "d0_per_cm2",
                                 "redundancy yield integral did not converge (%s)",
                                 gsl_strerror (st));
        }
    }
  double y = exp (-alpha * log1p (a_nr * theta)) * (mass_below + middle);
  out->yield = fmin (fmax (y, 0.0), 1.0);
  return GP_OK;
}

/* ---- Monte Carlo --------------------------------------------------------------------- */

gp_status
gp_yield_monte_carlo (const gp_yield_mc_params *p, const gp_die_site *sites, size_t n_sites,
                      double die_w_mm, double die_h_mm, gp_yield_mc_result *out, bool *good,
                      gp_defect *defects, size_t defect_cap, size_t *n_defects, gp_error *err)
{
  GP_TRY (gp_check_range (err, "d0_per_cm2", p->d0_per_cm2, 0, 100, 0, "defects/cm2"));
  if (p->clustered)
    GP_TRY (gp_check_range (err, "alpha", p->alpha, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE, ""));
  GP_TRY (gp_check_range (err, "wafers", (double) p->wafers, 1, 1e7, 0, ""));
  GP_TRY (gp_check_positive (err, "die_width_mm", die_w_mm, "mm"));
  GP_TRY (gp_check_positive (err, "die_height_mm", die_h_mm, "mm"));
  if (sites == NULL || n_sites == 0)
    return gp_error_set (err, GP_EINVAL, "sites", "the wafer map has no die sites");
  const double die_mm2 = die_w_mm * die_h_mm;
  const bool redundant = p->units > 0;
  if (redundant)
    {
      GP_TRY (gp_check_range (err, "units", (double) p->units, 1, 1e9, 0, ""));
      GP_TRY (gp_check_range (err, "spares", (double) p->spares, 0, (double) p->units, 0, ""));
      GP_TRY (gp_check_positive (err, "unit_area_mm2", p->unit_area_mm2, "mm2"));
      GP_TRY (gp_check_nonnegative (err, "nonrepairable_mm2", p->nonrepairable_mm2, "mm2"));
      double used = (double) p->units * p->unit_area_mm2 + p->nonrepairable_mm2;
      if (used > die_mm2 * (1 + 1e-12))
        return gp_error_set (err, GP_EINVAL, "unit_area_mm2",
                             "units x unit_area_mm2 + nonrepairable_mm2 = %g mm2 exceeds the "
                             "die's %g mm2", used, die_mm2);
    }
  else if (p->units < 0)
    return gp_error_set (err, GP_EINVAL, "units", "units = %ld is out of range: allowed "
                         "[0, 1e9] (0: no redundancy)", p->units);
  const double p_nr = redundant ? p->nonrepairable_mm2 / die_mm2 : 0;
  const double p_unit = redundant ? (double) p->units * p->unit_area_mm2 / die_mm2 : 0;
  enum { HIT_CAP = 1024 };
  long hit[HIT_CAP];

  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  if (r == NULL)
    return gp_error_set (err, GP_ENOMEM, NULL, "cannot allocate the random generator");
  gsl_rng_set (r, (unsigned long) p->seed);

  const double area_cm2 = die_w_mm * die_h_mm / MM2_PER_CM2;
  long good_total = 0;
  double sum = 0, sum2 = 0;
  size_t nd = 0;
  for (long w = 0; w < p->wafers; w++)
    {
      bool last = (w == p->wafers - 1);
      long good_here = 0;
      for (size_t i = 0; i < n_sites; i++)
        {
          double d = p->clustered ? gsl_ran_gamma (r, p->alpha, p->d0_per_cm2 / p->alpha)
                                  : p->d0_per_cm2;
          unsigned k = d > 0 ? gsl_ran_poisson (r, area_cm2 * d) : 0;
          bool ok = (k == 0);
          if (redundant && k > 0)
            {
              /* Where each defect lands: non-repairable, a unit, or tolerant area. */
              bool dead = false;
              long distinct = 0, nh = 0;
              for (unsigned j = 0; j < k; j++)
                {
                  double u = gsl_rng_uniform (r);
                  if (u < p_nr)
                    dead = true;
                  else if (u < p_nr + p_unit)
                    {
                      long unit = (long) gsl_rng_uniform_int (r, (unsigned long) p->units);
                      bool seen = false;
                      for (long q = 0; q < nh && !seen; q++)
                        seen = hit[q] == unit;
                      if (!seen)
                        {
                          distinct++;
                          if (nh < HIT_CAP)
                            hit[nh++] = unit;
                        }
                    }
                }
              ok = !dead && distinct <= p->spares;
            }
          good_here += ok;
          if (last)
            {
              if (good)
                good[i] = ok;
              for (unsigned j = 0; j < k; j++)
                {
                  /* Positions are drawn even past the cap so the stream (and so every
                   * result) does not depend on DEFECT_CAP. */
                  double x = sites[i].x_mm + die_w_mm * gsl_rng_uniform (r);
                  double y = sites[i].y_mm + die_h_mm * gsl_rng_uniform (r);
                  if (defects && nd < defect_cap)
                    defects[nd++] = (gp_defect) { x, y, (long) i };
                }
            }
        }
      good_total += good_here;
      sum += (double) good_here;
      sum2 += (double) good_here * (double) good_here;
    }
  gsl_rng_free (r);

  memset (out, 0, sizeof *out);
  out->dies_per_wafer = (long) n_sites;
  out->dies_total = (long) n_sites * p->wafers;
  out->good_total = good_total;
  out->yield = (double) good_total / (double) out->dies_total;
  out->std_error = sqrt (out->yield * (1 - out->yield) / (double) out->dies_total);
  out->good_per_wafer_mean = sum / (double) p->wafers;
  double var = p->wafers > 1
                 ? (sum2 - sum * sum / (double) p->wafers) / (double) (p->wafers - 1) : 0;
  out->good_per_wafer_sd = sqrt (fmax (var, 0));
  if (n_defects)
    *n_defects = nd;
  return GP_OK;
}

/* ---- Output descriptors -------------------------------------------------------------- */

static const gp_param redundancy_result[] = {
  GP_P_DOUBLE (gp_redundancy_result, yield, 0, 1, 0, "", "Yield", "P(die sellable)"),
  GP_P_DOUBLE (gp_redundancy_result, yield_no_repair, 0, 1, 0, "", "Yield without repair",
               "Same die with no spares: the whole die must be clean"),
  GP_P_DOUBLE (gp_redundancy_result, p_unit_bad, 0, 1, 0, "", "P(unit bad)",
               "Probability that one unit has a killer defect at D0"),
  GP_P_DOUBLE (gp_redundancy_result, expected_bad_units, 0, INFINITY, 0, "",
               "Expected bad units", "units x P(unit bad)"),
  GP_P_DOUBLE (gp_redundancy_result, p_nonrepairable_ok, 0, 1, 0, "",
               "P(non-repairable clean)", "Probability the non-repairable area is clean"),
};

const gp_param_table gp_redundancy_result_table = {
  "redundancy_result", redundancy_result, GP_N_ELEMENTS (redundancy_result),
};

static const gp_param mc_params[] = {
  GP_P_DOUBLE (gp_yield_mc_params, d0_per_cm2, 0, 100, 0, "defects/cm2", "Defect density D0",
               "Mean killer defect density"),
  GP_P_DOUBLE (gp_yield_mc_params, alpha, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE, "",
               "Clustering alpha", "Shape of the gamma-distributed local density"),
  GP_P_BOOL (gp_yield_mc_params, clustered, 0, "Clustered defects",
             "Gamma-distributed density per die (true) or a constant one (false)"),
  GP_P_INT (gp_yield_mc_params, wafers, 1, 1e7, 0, "", "Wafers", "Wafers simulated"),
  GP_P_INT (gp_yield_mc_params, seed, 0, 9007199254740991.0, GP_PARAM_F_OPTIONAL, "",
            "Seed", "Random seed (same seed, same result)"),
  GP_P_INT (gp_yield_mc_params, units, 0, 1e9, GP_PARAM_F_OPTIONAL, "", "Repairable units",
            "Identical units per die (SMs, cores); 0 = no redundancy"),
  GP_P_INT (gp_yield_mc_params, spares, 0, 1e9, GP_PARAM_F_OPTIONAL, "", "Spare units",
            "Bad units the die can do without"),
  GP_P_DOUBLE (gp_yield_mc_params, unit_area_mm2, 0, 1e5, GP_PARAM_F_OPTIONAL, "mm2",
               "Unit area", "Area of one repairable unit"),
  GP_P_DOUBLE (gp_yield_mc_params, nonrepairable_mm2, 0, 1e6, GP_PARAM_F_OPTIONAL, "mm2",
               "Non-repairable area", "Area whose defect kills the die"),
};

const gp_param_table gp_yield_mc_param_table = {
  "yield_mc", mc_params, GP_N_ELEMENTS (mc_params),
};

static const gp_param mc_result[] = {
  GP_P_INT (gp_yield_mc_result, dies_per_wafer, 0, INFINITY, 0, "", "Dies per wafer",
            "Die sites on the map"),
  GP_P_INT (gp_yield_mc_result, dies_total, 0, INFINITY, 0, "", "Dies simulated",
            "dies_per_wafer x wafers"),
  GP_P_INT (gp_yield_mc_result, good_total, 0, INFINITY, 0, "", "Good dies",
            "Dies with no defect"),
  GP_P_DOUBLE (gp_yield_mc_result, yield, 0, 1, 0, "", "Yield", "good_total / dies_total"),
  GP_P_DOUBLE (gp_yield_mc_result, std_error, 0, 1, 0, "", "Standard error",
               "Binomial standard error of the yield"),
  GP_P_DOUBLE (gp_yield_mc_result, good_per_wafer_mean, 0, INFINITY, 0, "",
               "Good dies per wafer", "Mean over the simulated wafers"),
  GP_P_DOUBLE (gp_yield_mc_result, good_per_wafer_sd, 0, INFINITY, 0, "",
               "Good dies per wafer, s.d.", "Standard deviation over the simulated wafers"),
};

const gp_param_table gp_yield_mc_result_table = {
  "yield_mc_result", mc_result, GP_N_ELEMENTS (mc_result),
};
