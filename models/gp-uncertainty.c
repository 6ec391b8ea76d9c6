/* gp-uncertainty.c: distributions, Monte Carlo, tornado swings, Sobol indices, break-even
 * roots, bounded minimisation and Pareto frontiers over a generic n-in, m-out model.
 * Equations and sources are in gp-uncertainty.h above each entry point. */
#include "gp-uncertainty.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_vector.h>

const char *const gp_dist_kind_names[] = { "uniform", "triangular", "normal", "lognormal", NULL };
const char *const gp_sampler_names[] = { "pseudo", "sobol", NULL };

/* ---- parameter tables ------------------------------------------------------------- */

#define OPT GP_PARAM_F_OPTIONAL

static const gp_param dist_params[] = {
  GP_P_ENUM (gp_dist, kind, gp_dist_kind_names, 0, "Distribution",
             "uniform(a, b), triangular(a, mode, b), normal(mu, sigma), lognormal(mu, sigma)"),
  GP_P_DOUBLE (gp_dist, a, -INFINITY, INFINITY, OPT, "", "Lower end a", "Uniform and triangular: lower end"),
  GP_P_DOUBLE (gp_dist, b, -INFINITY, INFINITY, OPT, "", "Upper end b", "Uniform and triangular: upper end"),
  GP_P_DOUBLE (gp_dist, mode, -INFINITY, INFINITY, OPT, "", "Mode", "Triangular: most likely value"),
  GP_P_DOUBLE (gp_dist, mu, -INFINITY, INFINITY, OPT, "", "Mean mu",
               "Normal: mean; lognormal: mean of ln x (median = exp(mu))"),
  GP_P_DOUBLE (gp_dist, sigma, 0, INFINITY, GP_RANGE_MIN_EXCLUSIVE | OPT, "", "Spread sigma",
               "Normal: standard deviation; lognormal: standard deviation of ln x"),
  GP_P_DOUBLE (gp_dist, lo, -INFINITY, INFINITY, OPT, "", "Truncate below", "Samples are kept >= lo"),
  GP_P_DOUBLE (gp_dist, hi, -INFINITY, INFINITY, OPT, "", "Truncate above", "Samples are kept <= hi"),
};

const gp_param_table gp_dist_param_table = {
  "dist", dist_params, GP_N_ELEMENTS (dist_params),
};

static const gp_param mc_params[] = {
  GP_P_INT (gp_mc_params, samples, 2, 1e9, 0, "", "Samples", "Points drawn"),
  GP_P_ENUM (gp_mc_params, sampler, gp_sampler_names, OPT, "Sampler",
             "pseudo (MT19937, seeded) or sobol (quasi-random, <= 40 inputs)"),
  GP_P_INT (gp_mc_params, seed, 0, 4294967295.0, OPT, "", "Seed",
            "Pseudo-random seed: the same seed gives the same numbers"),
  GP_P_BOOL (gp_mc_params, skip_infeasible, OPT, "Skip infeasible",
             "Leave out points the model cannot evaluate, and count them"),
};

const gp_param_table gp_mc_param_table = {
  "monte_carlo", mc_params, GP_N_ELEMENTS (mc_params),
};

static const gp_param sobol_params[] = {
  GP_P_INT (gp_sobol_params, base_samples, 2, 1e8, 0, "", "Base samples N",
            "Rows of the A and B matrices: N (k + 2) evaluations"),
  GP_P_ENUM (gp_sobol_params, sampler, gp_sampler_names, OPT, "Sampler",
             "pseudo or sobol (2 k <= 40)"),
  GP_P_INT (gp_sobol_params, seed, 0, 4294967295.0, OPT, "", "Seed", "Pseudo-random seed"),
  GP_P_BOOL (gp_sobol_params, skip_infeasible, OPT, "Skip infeasible",
             "Drop rows with a point the model cannot evaluate"),
};

const gp_param_table gp_sobol_param_table = {
  "sobol", sobol_params, GP_N_ELEMENTS (sobol_params),
};

static const gp_param break_even_params[] = {
  GP_P_INT (gp_break_even_params, input, 0, GP_UQ_INPUTS_MAX - 1, 0, "", "Input",
            "Index of the input that moves"),
  GP_P_DOUBLE (gp_break_even_params, lo, -INFINITY, INFINITY, 0, "", "From", "Lower end of the search"),
  GP_P_DOUBLE (gp_break_even_params, hi, -INFINITY, INFINITY, 0, "", "To", "Upper end of the search"),
  GP_P_INT (gp_break_even_params, output_a, 0, GP_UQ_OUTPUTS_MAX - 1, 0, "", "Output a",
            "The root of y[a] - y[b]"),
  GP_P_INT (gp_break_even_params, output_b, -1, GP_UQ_OUTPUTS_MAX - 1, OPT, "", "Output b",
            "-1: the root of y[a] - target"),
  GP_P_DOUBLE (gp_break_even_params, target, -INFINITY, INFINITY, OPT, "", "Target",
               "Value of y[a] sought when output_b = -1"),
  GP_P_INT (gp_break_even_params, scan_points, 2, 1e6, OPT, "", "Scan points",
            "Grid searched for a sign change"),
  GP_P_BOOL (gp_break_even_params, log_scan, OPT, "Log scan", "Geometric grid (lo > 0)"),
  GP_P_DOUBLE (gp_break_even_params, xtol_rel, 0, 0.1, GP_RANGE_MIN_EXCLUSIVE | OPT, "",
               "Tolerance", "Relative tolerance on the break-even value"),
  GP_P_INT (gp_break_even_params, max_iter, 1, 1e6, OPT, "", "Iterations",
            "Most Brent iterations"),
};

const gp_param_table gp_break_even_param_table = {
  "break_even", break_even_params, GP_N_ELEMENTS (break_even_params),
};

static const gp_param minimize_params[] = {
  GP_P_INT (gp_minimize_params, output, 0, GP_UQ_OUTPUTS_MAX - 1, 0, "", "Output",
            "The figure minimised"),
  GP_P_BOOL (gp_minimize_params, maximize, OPT, "Maximise", "Maximise the figure instead"),
  GP_P_INT (gp_minimize_params, scan_points, 3, 1e6, OPT, "", "Scan points",
            "One variable: grid before Brent's method"),
  GP_P_DOUBLE (gp_minimize_params, xtol_rel, 0, 0.1, GP_RANGE_MIN_EXCLUSIVE | OPT, "",
               "Tolerance", "On x (one variable) or the simplex size (several)"),
  GP_P_INT (gp_minimize_params, max_iter, 1, 1e7, OPT, "", "Iterations", "Per start"),
  GP_P_INT (gp_minimize_params, restarts, 0, 100, OPT, "", "Restarts",
            "Several variables: Nelder-Mead restarts from the best point"),
};

const gp_param_table gp_minimize_param_table = {
  "minimize", minimize_params, GP_N_ELEMENTS (minimize_params),
};

void
gp_dist_init (gp_dist *d)
{
  memset (d, 0, sizeof *d);
  d->kind = GP_DIST_UNIFORM;
  d->a = 0;
  d->b = 1;
  d->mode = 0.5;
  d->mu = 0;
  d->sigma = 1;
  d->lo = -DBL_MAX;
  d->hi = DBL_MAX;
}

void
gp_mc_params_init (gp_mc_params *p)
{
  memset (p, 0, sizeof *p);
  p->samples = 10000;
  p->sampler = GP_SAMPLER_PSEUDO;
  p->seed = 1;
  p->skip_infeasible = true;
  p->n_levels = 3;
  p->levels[0] = 0.05;
  p->levels[1] = 0.5;
  p->levels[2] = 0.95;
}

void
gp_sobol_params_init (gp_sobol_params *p)
{
  memset (p, 0, sizeof *p);
  p->base_samples = 4096;
  p->sampler = GP_SAMPLER_SOBOL;
  p->seed = 1;
  p->skip_infeasible = true;
}

void
gp_break_even_params_init (gp_break_even_params *p)
{
  memset (p, 0, sizeof *p);
  p->input = 0;
  p->lo = 0;
  p->hi = 1;
  p->output_a = 0;
  p->output_b = 1;
  p->target = 0;
  p->scan_points = 64;
  p->log_scan = false;
  p->xtol_rel = 1e-10;
  p->max_iter = 100;
}

void
gp_minimize_params_init (gp_minimize_params *p)
{
  memset (p, 0, sizeof *p);
  p->n_vars = 1;
  p->vars[0] = 0;
  p->lo[0] = 0;
  p->hi[0] = 1;
  p->output = 0;
  p->maximize = false;
  p->scan_points = 32;
  p->xtol_rel = 1e-6;
  p->max_iter = 500;
  p->restarts = 2;
}

/* ---- distributions ---------------------------------------------------------------- */

/* Untruncated CDF and survival function; triangular in closed form. */
static double
tri_p (const gp_dist *d, double x)
{
  if (x <= d->a)
    return 0;
  if (x >= d->b)
    return 1;
  if (x <= d->mode)
    return (x - d->a) * (x - d->a) / ((d->b - d->a) * (d->mode - d->a));
  return 1 - (d->b - x) * (d->b - x) / ((d->b - d->a) * (d->b - d->mode));
}

static double
tri_q (const gp_dist *d, double x)
{
  if (x <= d->a)
    return 1;
  if (x >= d->b)
    return 0;
  if (x > d->mode)
    return (d->b - x) * (d->b - x) / ((d->b - d->a) * (d->b - d->mode));
  return 1 - (x - d->a) * (x - d->a) / ((d->b - d->a) * (d->mode - d->a));
}

static double
dist_p (const gp_dist *d, double x)
{
  if (x == -INFINITY)
    return 0;
  if (x == INFINITY)
    return 1;
  switch (d->kind)
    {
    case GP_DIST_UNIFORM: return gsl_cdf_flat_P (x, d->a, d->b);
    case GP_DIST_TRIANGULAR: return tri_p (d, x);
    case GP_DIST_NORMAL: return gsl_cdf_gaussian_P (x - d->mu, d->sigma);
    case GP_DIST_LOGNORMAL: return x <= 0 ? 0 : gsl_cdf_lognormal_P (x, d->mu, d->sigma);
    }
  return NAN;
}

static double
dist_q (const gp_dist *d, double x)
{
  if (x == -INFINITY)
    return 1;
  if (x == INFINITY)
    return 0;
  switch (d->kind)
    {
    case GP_DIST_UNIFORM: return gsl_cdf_flat_Q (x, d->a, d->b);
    case GP_DIST_TRIANGULAR: return tri_q (d, x);
    case GP_DIST_NORMAL: return gsl_cdf_gaussian_Q (x - d->mu, d->sigma);
    case GP_DIST_LOGNORMAL: return x <= 0 ? 1 : gsl_cdf_lognormal_Q (x, d->mu, d->sigma);
    }
  return NAN;
}

/* Inverse from the lower side (P < 1/2 is accurate) or the upper side (Q < 1/2). */
static double
dist_pinv (const gp_dist *d, double p)
{
  switch (d->kind)
    {
    case GP_DIST_UNIFORM: return gsl_cdf_flat_Pinv (p, d->a, d->b);
    case GP_DIST_TRIANGULAR:
      {
        double w = d->b - d->a;
        if (p <= (d->mode - d->a) / w)
          return d->a + sqrt (p * w * (d->mode - d->a));
        return d->b - sqrt ((1 - p) * w * (d->b - d->mode));
      }
    case GP_DIST_NORMAL: return d->mu + gsl_cdf_gaussian_Pinv (p, d->sigma);
    case GP_DIST_LOGNORMAL: return gsl_cdf_lognormal_Pinv (p, d->mu, d->sigma);
    }
  return NAN;
}

static double
dist_qinv (const gp_dist *d, double q)
{
  switch (d->kind)
    {
    case GP_DIST_UNIFORM: return gsl_cdf_flat_Qinv (q, d->a, d->b);
    case GP_DIST_TRIANGULAR:
      {
        double w = d->b - d->a;
        if (q <= (d->b - d->mode) / w)
          return d->b - sqrt (q * w * (d->b - d->mode));
        return d->a + sqrt ((1 - q) * w * (d->mode - d->a));
      }
    case GP_DIST_NORMAL: return d->mu + gsl_cdf_gaussian_Qinv (q, d->sigma);
    case GP_DIST_LOGNORMAL: return gsl_cdf_lognormal_Qinv (q, d->mu, d->sigma);
    }
  return NAN;
}

/* What sampling needs, computed once per input so a draw is one inverse CDF. */
typedef struct {
  gp_dist d;
  double p_lo, p_hi;   /* F(lo), F(hi) */
  double q_lo, q_hi;   /* 1 - F(lo), 1 - F(hi), computed as survival functions */
  double x_min, x_max; /* the truncated support */
} dist_prep;

static void
dist_support (const gp_dist *d, double *lo, double *hi)
{
  switch (d->kind)
    {
    case GP_DIST_UNIFORM:
    case GP_DIST_TRIANGULAR: *lo = d->a, *hi = d->b; break;
    case GP_DIST_NORMAL: *lo = -INFINITY, *hi = INFINITY; break;
    case GP_DIST_LOGNORMAL: *lo = 0, *hi = INFINITY; break;
    default: *lo = NAN, *hi = NAN; break;
    }
}

/* +-DBL_MAX (what a parameter table can hold) and +-INFINITY both mean "no bound". */
static double
bound (double v)
{
  return v <= -DBL_MAX ? -INFINITY : v >= DBL_MAX ? INFINITY : v;
}

static void
dist_prepare (const gp_dist *in, dist_prep *dp)
{
  dp->d = *in;
  dp->d.lo = bound (in->lo);
  dp->d.hi = bound (in->hi);
  const gp_dist *d = &dp->d;
  dp->p_lo = dist_p (d, d->lo);
  dp->p_hi = dist_p (d, d->hi);
  dp->q_lo = dist_q (d, d->lo);
  dp->q_hi = dist_q (d, d->hi);
  double s_lo, s_hi;
  dist_support (d, &s_lo, &s_hi);
  dp->x_min = fmax (s_lo, d->lo);
  dp->x_max = fmin (s_hi, d->hi);
}

/* The truncated quantile for P in (0, 1). */
static double
dist_draw (const dist_prep *dp, double p)
{
  if (p <= 0)
    return dp->x_min;
  if (p >= 1)
    return dp->x_max;
  double x;
  double pp = dp->p_lo + p * (dp->p_hi - dp->p_lo);
  if (pp <= 0.5)
    x = dist_pinv (&dp->d, pp);
  else
    x = dist_qinv (&dp->d, dp->q_lo - p * (dp->q_lo - dp->q_hi));
  /* Rounding in the inverse may step just outside the truncation. */
  if (x < dp->x_min)
    x = dp->x_min;
  if (x > dp->x_max)
    x = dp->x_max;
  return x;
}

gp_status
gp_dist_validate (const gp_dist *d, gp_error *err)
{
  if (d->kind < 0 || d->kind >= GP_DIST_N)
    return gp_error_set (err, GP_EINVAL, "kind",
                         "kind = %d is not a distribution: allowed uniform, triangular, "
                         "normal, lognormal", d->kind);
  switch (d->kind)
    {
    case GP_DIST_UNIFORM:
    case GP_DIST_TRIANGULAR:
      GP_TRY (gp_check_range (err, "a", d->a, -INFINITY, INFINITY, 0, NULL));
      GP_TRY (gp_check_range (err, "b", d->b, -INFINITY, INFINITY, 0, NULL));
      if (!(d->a < d->b))
        return gp_error_set (err, GP_EINVAL, "b",
                             "%s distribution: b = %g must be greater than a = %g",
                             gp_dist_kind_names[d->kind], d->b, d->a);
      if (d->kind == GP_DIST_TRIANGULAR)
        GP_TRY (gp_check_range (err, "mode", d->mode, d->a, d->b, 0, NULL));
      break;
    case GP_DIST_NORMAL:
    case GP_DIST_LOGNORMAL:
      GP_TRY (gp_check_range (err, "mu", d->mu, -INFINITY, INFINITY, 0, NULL));
      GP_TRY (gp_check_range (err, "sigma", d->sigma, 0, INFINITY, GP_RANGE_MIN_EXCLUSIVE,
                              NULL));
      break;
    }
  if (isnan (d->lo))
    return gp_error_set (err, GP_EINVAL, "lo", "lo is NaN: give a number, or -inf for none");
  if (isnan (d->hi))
    return gp_error_set (err, GP_EINVAL, "hi", "hi is NaN: give a number, or +inf for none");
  if (!(d->lo < d->hi))
    return gp_error_set (err, GP_EINVAL, "lo",
                         "truncation lo = %g must be below hi = %g", d->lo, d->hi);
  dist_prep dp;
  dist_prepare (d, &dp);
  /* Either side's difference is exact enough; take the larger so neither tail underflows. */
  double mass = fmax (dp.p_hi - dp.p_lo, dp.q_lo - dp.q_hi);
  if (!(mass > 1e-12) || !(dp.x_min < dp.x_max))
    return gp_error_set (err, GP_EINVAL, "lo",
                         "truncation [%g, %g] holds no probability of the %s distribution "
                         "(mass %.3g): move lo/hi over its support",
                         d->lo, d->hi, gp_dist_kind_names[d->kind], mass);
  return GP_OK;
}

double
gp_dist_cdf (const gp_dist *d, double x)
{
  return dist_p (d, x);
}

gp_status
gp_dist_quantile (const gp_dist *d, double p, double *x, gp_error *err)
{
  GP_TRY (gp_dist_validate (d, err));
  GP_TRY (gp_check_range (err, "p", p, 0, 1, 0, NULL));
  dist_prep dp;
  dist_prepare (d, &dp);
  double v = dist_draw (&dp, p);
  if (!isfinite (v))
    return gp_error_set (err, GP_ERANGE, "p",
                         "the %s distribution's quantile at p = %g is infinite: give a "
                         "bound (lo/hi) or a p inside (0, 1)",
                         gp_dist_kind_names[d->kind], p);
  *x = v;
  return GP_OK;
}

double
gp_dist_mean (const gp_dist *d)
{
  switch (d->kind)
    {
    case GP_DIST_UNIFORM: return 0.5 * (d->a + d->b);
    case GP_DIST_TRIANGULAR: return (d->a + d->mode + d->b) / 3;
    case GP_DIST_NORMAL: return d->mu;
    case GP_DIST_LOGNORMAL: return exp (d->mu + 0.5 * d->sigma * d->sigma);
    }
  return NAN;
}

double
gp_dist_variance (const gp_dist *d)
{
  double a = d->a, b = d->b, c = d->mode, s2 = d->sigma * d->sigma;
  switch (d->kind)
    {
    case GP_DIST_UNIFORM: return (b - a) * (b - a) / 12;
    case GP_DIST_TRIANGULAR: return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    case GP_DIST_NORMAL: return s2;
    case GP_DIST_LOGNORMAL: return expm1 (s2) * exp (2 * d->mu + s2);
    }
  return NAN;
}

/* ---- problems --------------------------------------------------------------------- */

static const char *
input_name (const gp_uq_problem *pb, size_t i, char *buf, size_t len)
{
  if (pb->input_names && pb->input_names[i])
    return pb->input_names[i];
  snprintf (buf, len, "x[%zu]", i);
  return buf;
}

static const char *
output_name (const gp_uq_problem *pb, size_t j, char *buf, size_t len)
{
  if (pb->output_names && pb->output_names[j])
    return pb->output_names[j];
  snprintf (buf, len, "y[%zu]", j);
  return buf;
}

gp_status
gp_uncertainty_problem_validate (const gp_uq_problem *pb, bool need_dists, gp_error *err)
{
  if (pb == NULL || pb->fn == NULL)
    return gp_error_set (err, GP_EINVAL, "fn", "the problem has no model function");
  GP_TRY (gp_check_range (err, "n_inputs", (double) pb->n_inputs, 1, GP_UQ_INPUTS_MAX, 0, NULL));
  GP_TRY (gp_check_range (err, "n_outputs", (double) pb->n_outputs, 1, GP_UQ_OUTPUTS_MAX, 0,
                          NULL));
  if (pb->nominal == NULL)
    return gp_error_set (err, GP_EINVAL, "nominal", "the problem has no nominal point");
  if (need_dists && pb->dists == NULL)
    return gp_error_set (err, GP_EINVAL, "dists", "the inputs have no distributions");
  char buf[32];
  for (size_t i = 0; i < pb->n_inputs; i++)
    {
      const char *name = input_name (pb, i, buf, sizeof buf);
      if (!isfinite (pb->nominal[i]))
        return gp_error_set (err, GP_EINVAL, name, "%s: nominal value %g is not finite", name,
                             pb->nominal[i]);
      if (need_dists)
        {
          gp_status st = gp_dist_validate (&pb->dists[i], err);
          if (st != GP_OK)
            {
              gp_error_prefix (err, name);
              return st;
            }
        }
    }
  return GP_OK;
}

/* One model call at X, with the result checked: an OK status with a NaN or infinite
 * output is turned into an error naming it. */
static gp_status
call (const gp_uq_problem *pb, const double *x, double *y, gp_error *err)
{
  gp_status st = pb->fn (x, y, pb->user, err);
  if (st != GP_OK)
    {
      if (err && err->status == GP_OK)
        gp_error_set (err, st, NULL, "the model failed: %s", gp_status_name (st));
      return st;
    }
  for (size_t j = 0; j < pb->n_outputs; j++)
    if (!isfinite (y[j]))
      {
        char buf[32];
        const char *name = output_name (pb, j, buf, sizeof buf);
        return gp_error_set (err, GP_ERANGE, name, "the model returned %s = %g", name, y[j]);
      }
  return GP_OK;
}

static gp_status
progress (const gp_uq_problem *pb, double fraction, gp_error *err)
{
  if (pb->progress && !pb->progress (fraction, pb->progress_user))
    return gp_error_set (err, GP_ECANCELLED, NULL, "cancelled at %.0f%%", 100 * fraction);
  return GP_OK;
}

/* ---- samplers --------------------------------------------------------------------- */

typedef struct {
  int kind;
  gsl_rng *rng;
  gsl_qrng *qrng;
  size_t dim;
} sampler;

static gp_status
sampler_open (sampler *s, int kind, long seed, size_t dim, gp_error *err)
{
  memset (s, 0, sizeof *s);
  s->kind = kind;
  s->dim = dim;
  if (kind == GP_SAMPLER_PSEUDO)
    {
      s->rng = gsl_rng_alloc (gsl_rng_mt19937);
      if (s->rng == NULL)
        return gp_error_set (err, GP_ENOMEM, NULL, "out of memory for the random generator");
      gsl_rng_set (s->rng, (unsigned long) seed);
      return GP_OK;
    }
  if (kind != GP_SAMPLER_SOBOL)
    return gp_error_set (err, GP_EINVAL, "sampler", "sampler = %d is unknown: allowed pseudo, "
                         "sobol", kind);
  /* gsl_qrng_alloc does not report a dimension beyond the Sobol table; check it here. */
  if (dim > GP_UQ_SOBOL_DIM_MAX)
    return gp_error_set (err, GP_EINVAL, "sampler",
                         "sobol sampling needs %zu dimensions, at most %d are tabulated: use "
                         "the pseudo sampler or fewer inputs", dim, GP_UQ_SOBOL_DIM_MAX);
  s->qrng = gsl_qrng_alloc (gsl_qrng_sobol, (unsigned) dim);
  if (s->qrng == NULL)
    return gp_error_set (err, GP_ENOMEM, NULL, "out of memory for the Sobol sequence");
  return GP_OK;
}

/* Next point in (0, 1)^dim. GSL's Sobol sequence skips the all-zero first point, so its
 * coordinates are dyadic rationals strictly inside (0, 1). */
static void
sampler_next (sampler *s, double *u)
{
  if (s->rng)
    {
      for (size_t i = 0; i < s->dim; i++)
        u[i] = gsl_rng_uniform_pos (s->rng);
      return;
    }
  gsl_qrng_get (s->qrng, u);
  for (size_t i = 0; i < s->dim; i++)
    if (u[i] <= 0 || u[i] >= 1)
      u[i] = u[i] <= 0 ? DBL_EPSILON : 1 - DBL_EPSILON;
}

static void
sampler_close (sampler *s)
{
  if (s->rng)
    gsl_rng_free (s->rng);
  if (s->qrng)
    gsl_qrng_free (s->qrng);
  s->rng = NULL;
  s->qrng = NULL;
}

/* ---- order statistics ------------------------------------------------------------- */

double
gp_uncertainty_quantile_sorted (const double *sorted, size_t n, double p)
{
  if (n == 0)
    return NAN;
  if (p <= 0)
    return sorted[0];
  if (p >= 1)
    return sorted[n - 1];
  double h = (double) (n - 1) * p;
  size_t k = (size_t) floor (h);
  if (k + 1 >= n)
    return sorted[n - 1];
  return sorted[k] + (h - (double) k) * (sorted[k + 1] - sorted[k]);
}

/* ---- Monte Carlo ------------------------------------------------------------------ */

static gp_status
check_mc_params (const gp_uq_problem *pb, const gp_mc_params *p, gp_error *err)
{
  GP_TRY (gp_check_range (err, "samples", (double) p->samples, 2, 1e9, 0, NULL));
  GP_TRY (gp_check_range (err, "seed", (double) p->seed, 0, 4294967295.0, 0, NULL));
  if (p->sampler < 0 || p->sampler >= GP_SAMPLER_N)
    return gp_error_set (err, GP_EINVAL, "sampler",
                         "sampler = %d is unknown: allowed pseudo, sobol", p->sampler);
  GP_TRY (gp_check_range (err, "n_levels", (double) p->n_levels, 1, GP_UQ_LEVELS_MAX, 0, NULL));
  for (long l = 0; l < p->n_levels; l++)
    GP_TRY (gp_check_range (err, "levels", p->levels[l], 0, 1, 0, NULL));
  GP_TRY (gp_check_range (err, "n_pairs", (double) p->n_pairs, 0, GP_UQ_PAIRS_MAX, 0, NULL));
  for (long k = 0; k < p->n_pairs; k++)
    {
      double top = (double) pb->n_outputs - 1;
      GP_TRY (gp_check_range (err, "pair_a", (double) p->pair_a[k], 0, top, 0, NULL));
      GP_TRY (gp_check_range (err, "pair_b", (double) p->pair_b[k], 0, top, 0, NULL));
    }
  return GP_OK;
}

gp_status
gp_uncertainty_monte_carlo (const gp_uq_problem *pb, const gp_mc_params *p,
                            gp_mc_result *out, double *keep_x, double *keep_y, gp_error *err)
{
  GP_TRY (gp_uncertainty_problem_validate (pb, true, err));
  GP_TRY (check_mc_params (pb, p, err));
  size_t n = pb->n_inputs, m = pb->n_outputs, N = (size_t) p->samples;
  if (N > SIZE_MAX / sizeof (double) / m)
    return gp_error_set (err, GP_ENOMEM, "samples", "samples = %zu x %zu outputs is too many",
                         N, m);

  dist_prep dp[GP_UQ_INPUTS_MAX];
  for (size_t i = 0; i < n; i++)
    dist_prepare (&pb->dists[i], &dp[i]);

  double *ys = keep_y ? keep_y : malloc (N * m * sizeof (double));
  double *col = malloc (N * sizeof (double));
  if (ys == NULL || col == NULL)
    {
      if (!keep_y)
        free (ys);
      free (col);
      return gp_error_set (err, GP_ENOMEM, "samples", "out of memory for %zu samples", N);
    }

  sampler s;
  gp_status st = sampler_open (&s, p->sampler, p->seed, n, err);
  memset (out, 0, sizeof *out);
  out->samples = (long) N;
  out->n_outputs = m;
  out->n_levels = p->n_levels;
  memcpy (out->levels, p->levels, sizeof out->levels);
  out->n_pairs = p->n_pairs;

  double u[GP_UQ_INPUTS_MAX], x[GP_UQ_INPUTS_MAX];
  for (size_t k = 0; st == GP_OK && k < N; k++)
    {
      sampler_next (&s, u);
      for (size_t i = 0; i < n; i++)
        x[i] = dist_draw (&dp[i], u[i]);
      if (keep_x)
        memcpy (keep_x + k * n, x, n * sizeof (double));
      double *y = ys + k * m;
      gp_error e = { 0 };
      gp_status sk = call (pb, x, y, &e);
      if (sk == GP_EINFEASIBLE && p->skip_infeasible)
        {
          if (out->infeasible++ == 0)
            snprintf (out->first_infeasible, sizeof out->first_infeasible, "%s", e.message);
          for (size_t j = 0; j < m; j++)
            y[j] = NAN;
        }
      else if (sk != GP_OK)
        {
          if (err)
            *err = e;
          char ctx[40];
          snprintf (ctx, sizeof ctx, "sample %zu", k);
          gp_error_prefix (err, ctx);
          st = sk;
        }
      else
        out->ok++;
      if (st == GP_OK && (k & 1023) == 1023)
        st = progress (pb, (double) (k + 1) / (double) N, err);
    }
  sampler_close (&s);

  if (st == GP_OK && out->ok < 2)
    st = gp_error_set (err, GP_EINFEASIBLE, NULL,
                       "only %ld of %zu samples could be evaluated; the first failure: %s",
                       out->ok, N, out->first_infeasible);

  for (size_t j = 0; st == GP_OK && j < m; j++)
    {
      size_t c = 0;
      for (size_t k = 0; k < N; k++)
        if (!isnan (ys[k * m + j]))
          col[c++] = ys[k * m + j];
      gp_mc_stats *o = &out->out[j];
      double mean = 0;
      for (size_t k = 0; k < c; k++)
        mean += (col[k] - mean) / (double) (k + 1);
      double ss = 0;
      for (size_t k = 0; k < c; k++)
        ss += (col[k] - mean) * (col[k] - mean);
      o->mean = mean;
      o->sd = sqrt (ss / (double) (c - 1));
      o->se_mean = o->sd / sqrt ((double) c);
      gsl_sort (col, 1, c);
      o->min = col[0];
      o->max = col[c - 1];
      for (long l = 0; l < p->n_levels; l++)
        o->q[l] = gp_uncertainty_quantile_sorted (col, c, p->levels[l]);
    }
  for (long q = 0; st == GP_OK && q < p->n_pairs; q++)
    {
      long less = 0;
      for (size_t k = 0; k < N; k++)
        {
          const double *y = ys + k * m;
          if (!isnan (y[0]) && y[p->pair_a[q]] < y[p->pair_b[q]])
            less++;
        }
      double pr = (double) less / (double) out->ok;
      out->p_less[q] = pr;
      out->p_less_se[q] = sqrt (pr * (1 - pr) / (double) out->ok);
    }

  if (!keep_y)
    free (ys);
  free (col);
  return st;
}

/* ---- tornado ---------------------------------------------------------------------- */

gp_status
gp_uncertainty_tornado (const gp_uq_problem *pb, int output, double p_low, double p_high,
                        gp_tornado_result *out, gp_error *err)
{
  GP_TRY (gp_uncertainty_problem_validate (pb, true, err));
  GP_TRY (gp_check_range (err, "output", output, 0, (double) pb->n_outputs - 1, 0, NULL));
  GP_TRY (gp_check_range (err, "p_low", p_low, 0, 1, 0, NULL));
  GP_TRY (gp_check_range (err, "p_high", p_high, 0, 1, 0, NULL));
  if (!(p_low < p_high))
    return gp_error_set (err, GP_EINVAL, "p_low", "p_low = %g must be below p_high = %g",
                         p_low, p_high);
  size_t n = pb->n_inputs;
  double x[GP_UQ_INPUTS_MAX], y[GP_UQ_OUTPUTS_MAX];
  memcpy (x, pb->nominal, n * sizeof (double));
  memset (out, 0, sizeof *out);
  out->output = output;
  gp_status st = call (pb, x, y, err);
  if (st != GP_OK)
    {
      gp_error_prefix (err, "nominal point");
      return st;
    }
  out->y_nominal = y[output];
  char buf[32], ctx[GP_ERROR_PARAM_MAX + 40];
  for (size_t i = 0; i < n; i++)
    {
      const char *name = input_name (pb, i, buf, sizeof buf);
      gp_tornado_bar *b = &out->bar[i];
      b->input = (int) i;
      st = gp_dist_quantile (&pb->dists[i], p_low, &b->x_low, err);
      if (st == GP_OK)
        st = gp_dist_quantile (&pb->dists[i], p_high, &b->x_high, err);
      if (st != GP_OK)
        {
          gp_error_prefix (err, name);
          return st;
        }
      for (int end = 0; end < 2; end++)
        {
          x[i] = end ? b->x_high : b->x_low;
          st = call (pb, x, y, err);
          if (st != GP_OK)
            {
              snprintf (ctx, sizeof ctx, "%s = %g (%s)", name, x[i], end ? "high" : "low");
              gp_error_prefix (err, ctx);
              return st;
            }
          *(end ? &b->y_high : &b->y_low) = y[output];
        }
      x[i] = pb->nominal[i];
      b->swing = fabs (b->y_high - b->y_low);
      st = progress (pb, (double) (i + 1) / (double) n, err);
      if (st != GP_OK)
        return st;
    }
  out->n_bars = n;
  /* Insertion sort keeps equal swings in input order. */
  for (size_t i = 1; i < n; i++)
    {
      gp_tornado_bar t = out->bar[i];
      size_t j = i;
      while (j > 0 && out->bar[j - 1].swing < t.swing)
        {
          out->bar[j] = out->bar[j - 1];
          j--;
        }
      out->bar[j] = t;
    }
  return GP_OK;
}

/* ---- Sobol indices ---------------------------------------------------------------- */

gp_status
gp_uncertainty_sobol (const gp_uq_problem *pb, const gp_sobol_params *p,
                      gp_sobol_result *out, gp_error *err)
{
  GP_TRY (gp_uncertainty_problem_validate (pb, true, err));
  GP_TRY (gp_check_range (err, "base_samples", (double) p->base_samples, 2, 1e8, 0, NULL));
  GP_TRY (gp_check_range (err, "seed", (double) p->seed, 0, 4294967295.0, 0, NULL));
  size_t k = pb->n_inputs, m = pb->n_outputs, N = (size_t) p->base_samples;
  dist_prep dp[GP_UQ_INPUTS_MAX];
  for (size_t i = 0; i < k; i++)
    dist_prepare (&pb->dists[i], &dp[i]);

  /* Outputs of one row: f(A), f(B) and f(AB_i) for every i. */
  double *row = malloc ((k + 2) * m * sizeof (double));
  if (row == NULL)
    return gp_error_set (err, GP_ENOMEM, NULL, "out of memory");
  sampler s;
  gp_status st = sampler_open (&s, p->sampler, p->seed, 2 * k, err);
  if (st != GP_OK)
    {
      free (row);
      return st;
    }

  memset (out, 0, sizeof *out);
  out->rows = (long) N;
  out->n_inputs = k;
  out->n_outputs = m;
  /* Running sums, centred on the first row's f(A) so that a large mean does not swamp
   * the products (Saltelli's estimator is shift-invariant only in expectation). Welford
   * updates: first/total hold running means of the summands, *_se their M2. */
  double shift[GP_UQ_OUTPUTS_MAX] = { 0 }, vmean[GP_UQ_OUTPUTS_MAX] = { 0 };
  double vm2[GP_UQ_OUTPUTS_MAX] = { 0 };
  long vcount = 0, used = 0;
  double u[2 * GP_UQ_INPUTS_MAX], xa[GP_UQ_INPUTS_MAX], xb[GP_UQ_INPUTS_MAX];
  double xab[GP_UQ_INPUTS_MAX];
  long infeasible = 0;

  for (size_t r = 0; st == GP_OK && r < N; r++)
    {
      sampler_next (&s, u);
      for (size_t i = 0; i < k; i++)
        {
          xa[i] = dist_draw (&dp[i], u[i]);
          xb[i] = dist_draw (&dp[i], u[k + i]);
        }
      gp_error e = { 0 };
      gp_status sr = call (pb, xa, row, &e);
      if (sr == GP_OK)
        sr = call (pb, xb, row + m, &e);
      for (size_t i = 0; sr == GP_OK && i < k; i++)
        {
          memcpy (xab, xa, k * sizeof (double));
          xab[i] = xb[i];
          sr = call (pb, xab, row + (2 + i) * m, &e);
        }
      if (sr == GP_EINFEASIBLE && p->skip_infeasible)
        {
          infeasible++;
          continue;
        }
      if (sr != GP_OK)
        {
          if (err)
            *err = e;
          char ctx[40];
          snprintf (ctx, sizeof ctx, "row %zu", r);
          gp_error_prefix (err, ctx);
          st = sr;
          break;
        }
      if (used == 0)
        for (size_t j = 0; j < m; j++)
          shift[j] = row[j];
      used++;
      for (int ab = 0; ab < 2; ab++)
        {
          vcount++;
          for (size_t j = 0; j < m; j++)
            {
              double v = row[ab * m + j] - shift[j];
              double d = v - vmean[j];
              vmean[j] += d / (double) vcount;
              vm2[j] += d * (v - vmean[j]);
            }
        }
      for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < m; j++)
          {
            double fa = row[j] - shift[j], fb = row[m + j] - shift[j];
            double fab = row[(2 + i) * m + j] - shift[j];
            double s1 = fb * (fab - fa), st1 = 0.5 * (fa - fab) * (fa - fab);
            double d1 = s1 - out->first[i][j];
            out->first[i][j] += d1 / (double) used;
            out->first_se[i][j] += d1 * (s1 - out->first[i][j]);
            double dt = st1 - out->total[i][j];
            out->total[i][j] += dt / (double) used;
            out->total_se[i][j] += dt * (st1 - out->total[i][j]);
          }
      if ((r & 255) == 255)
        st = progress (pb, (double) (r + 1) / (double) N, err);
    }
  sampler_close (&s);
  free (row);
  if (st != GP_OK)
    return st;
  out->ok = used;
  if (used < 2)
    return gp_error_set (err, GP_EINFEASIBLE, NULL,
                         "only %ld of %zu rows could be evaluated (%ld infeasible)", used, N,
                         infeasible);
  for (size_t j = 0; j < m; j++)
    {
      double V = vm2[j] / (double) (vcount - 1);
      out->variance[j] = V;
      out->mean[j] = vmean[j] + shift[j];
      for (size_t i = 0; i < k; i++)
        {
          double sd1 = sqrt (out->first_se[i][j] / (double) (used - 1));
          double sdt = sqrt (out->total_se[i][j] / (double) (used - 1));
          if (V > 0)
            {
              out->first[i][j] /= V;
              out->total[i][j] /= V;
              out->first_se[i][j] = sd1 / sqrt ((double) used) / V;
              out->total_se[i][j] = sdt / sqrt ((double) used) / V;
            }
          else
            out->first[i][j] = out->total[i][j] = out->first_se[i][j] =
              out->total_se[i][j] = 0;
        }
    }
  return GP_OK;
}

/* ---- one-dimensional helpers ------------------------------------------------------ */

/* The model along one input, others nominal; g = y[a] - y[b] (or - target). */
typedef struct {
  const gp_uq_problem *pb;
  long input;
  long a, b;
  double target;
  double sign;            /* minimisation: +1 or -1 */
  double x[GP_UQ_INPUTS_MAX];
  double y[GP_UQ_OUTPUTS_MAX];
  long evaluations;
  long infeasible;
  gp_status status;       /* first hard error inside a GSL callback */
  gp_error err;
} line;

static gp_status
line_eval (line *l, double v, gp_error *err)
{
  l->x[l->input] = v;
  l->evaluations++;
  return call (l->pb, l->x, l->y, err);
}

static double
line_g (const line *l)
{
  return l->y[l->a] - (l->b >= 0 ? l->y[l->b] : l->target);
}

static double
root_fn (double v, void *data)
{
  line *l = data;
  gp_error e = { 0 };
  gp_status st = line_eval (l, v, &e);
  if (st != GP_OK)
    {
      if (l->status == GP_OK)
        {
          l->status = st;
          l->err = e;
        }
      return GSL_NAN;
    }
  return line_g (l);
}

static void
describe_outputs (const line *l, char *buf, size_t len)
{
  char b1[32], b2[32];
  if (l->b >= 0)
    snprintf (buf, len, "%s = %.6g, %s = %.6g", output_name (l->pb, (size_t) l->a, b1, sizeof b1),
              l->y[l->a], output_name (l->pb, (size_t) l->b, b2, sizeof b2), l->y[l->b]);
  else
    snprintf (buf, len, "%s = %.6g (target %.6g)",
              output_name (l->pb, (size_t) l->a, b1, sizeof b1), l->y[l->a], l->target);
}

static double
scan_point (double lo, double hi, long k, long n, bool geometric)
{
  if (k == 0)
    return lo;
  if (k == n - 1)
    return hi;
  double t = (double) k / (double) (n - 1);
  return geometric ? lo * pow (hi / lo, t) : lo + t * (hi - lo);
}

/* ---- break-even ------------------------------------------------------------------- */

gp_status
gp_uncertainty_break_even (const gp_uq_problem *pb, const gp_break_even_params *p,
                           gp_break_even_result *out, gp_error *err)
{
  GP_TRY (gp_uncertainty_problem_validate (pb, false, err));
  double top_in = (double) pb->n_inputs - 1, top_out = (double) pb->n_outputs - 1;
  GP_TRY (gp_check_range (err, "input", (double) p->input, 0, top_in, 0, NULL));
  GP_TRY (gp_check_range (err, "output_a", (double) p->output_a, 0, top_out, 0, NULL));
  GP_TRY (gp_check_range (err, "output_b", (double) p->output_b, -1, top_out, 0, NULL));
  if (p->output_b == p->output_a)
    return gp_error_set (err, GP_EINVAL, "output_b", "output_b = %ld is output_a: compare two "
                         "different outputs, or set output_b = -1 and a target", p->output_b);
  GP_TRY (gp_check_range (err, "target", p->target, -INFINITY, INFINITY, 0, NULL));
  GP_TRY (gp_check_range (err, "lo", p->lo, -INFINITY, INFINITY, 0, NULL));
  GP_TRY (gp_check_range (err, "hi", p->hi, -INFINITY, INFINITY, 0, NULL));
  if (!(p->lo < p->hi))
    return gp_error_set (err, GP_EINVAL, "lo", "lo = %g must be below hi = %g", p->lo, p->hi);
  if (p->log_scan && !(p->lo > 0))
    return gp_error_set (err, GP_EINVAL, "lo", "log_scan needs lo > 0 (lo = %g)", p->lo);
  GP_TRY (gp_check_range (err, "scan_points", (double) p->scan_points, 2, 1e6, 0, NULL));
  GP_TRY (gp_check_range (err, "xtol_rel", p->xtol_rel, 0, 0.1, GP_RANGE_MIN_EXCLUSIVE, NULL));
  GP_TRY (gp_check_range (err, "max_iter", (double) p->max_iter, 1, 1e6, 0, NULL));

  line l;
  memset (&l, 0, sizeof l);
  l.pb = pb;
  l.input = p->input;
  l.a = p->output_a;
  l.b = p->output_b;
  l.target = p->target;
  memcpy (l.x, pb->nominal, pb->n_inputs * sizeof (double));
  memset (out, 0, sizeof *out);

  char in_buf[32], what_lo[160] = "infeasible", what_hi[160] = "infeasible";
  const char *in_name = input_name (pb, (size_t) p->input, in_buf, sizeof in_buf);
  double prev_x = NAN, prev_g = NAN, br_lo = NAN, br_hi = NAN, exact = NAN;
  bool prev_ok = false, found = false;
  long n = p->scan_points;
  for (long k = 0; k < n; k++)
    {
      double v = scan_point (p->lo, p->hi, k, n, p->log_scan);
      gp_error e = { 0 };
      gp_status st = line_eval (&l, v, &e);
      if (st == GP_EINFEASIBLE)
        {
          l.infeasible++;
          prev_ok = false;
          continue;
        }
      if (st != GP_OK)
        {
          if (err)
            *err = e;
          char ctx[GP_ERROR_PARAM_MAX + 40];
          snprintf (ctx, sizeof ctx, "%s = %g", in_name, v);
          gp_error_prefix (err, ctx);
          return st;
        }
      double g = line_g (&l);
      if (k == 0)
        {
          out->g_lo = g;
          describe_outputs (&l, what_lo, sizeof what_lo);
        }
      if (k == n - 1)
        {
          out->g_hi = g;
          describe_outputs (&l, what_hi, sizeof what_hi);
        }
      if (g == 0 && !found && !(prev_ok && prev_g == 0))
        {
          found = true;
          exact = v;
          out->crossings++;
        }
      else if (prev_ok && ((prev_g < 0 && g > 0) || (prev_g > 0 && g < 0)))
        {
          out->crossings++;
          if (!found)
            {
              found = true;
              br_lo = prev_x;
              br_hi = v;
            }
        }
      prev_ok = true;
      prev_x = v;
      prev_g = g;
    }
  out->evaluations = l.evaluations;
  if (!found)
    return gp_error_set (err, GP_ERANGE, in_name,
                         "no break-even of %s in [%g, %g]: at %s = %g, %s; at %s = %g, %s "
                         "(no sign change on %ld points)", in_name, p->lo, p->hi, in_name,
                         p->lo, what_lo, in_name, p->hi, what_hi, n);

  if (!isnan (exact))
    {
      out->x = exact;
      out->bracket_lo = out->bracket_hi = exact;
    }
  else
    {
      gsl_root_fsolver *s = gsl_root_fsolver_alloc (gsl_root_fsolver_brent);
      if (s == NULL)
        return gp_error_set (err, GP_ENOMEM, NULL, "out of memory for the root finder");
      gsl_function F = { root_fn, &l };
      int gs = gsl_root_fsolver_set (s, &F, br_lo, br_hi);
      /* Near zero a relative test never passes; fall back to a share of the range. */
      double epsabs = p->xtol_rel * 1e-3 * (p->hi - p->lo);
      long it = 0;
      while (gs == GSL_SUCCESS && it < p->max_iter)
        {
          it++;
          gs = gsl_root_fsolver_iterate (s);
          if (gs != GSL_SUCCESS || l.status != GP_OK)
            break;
          br_lo = gsl_root_fsolver_x_lower (s);
          br_hi = gsl_root_fsolver_x_upper (s);
          if (gsl_root_test_interval (br_lo, br_hi, epsabs, p->xtol_rel) == GSL_SUCCESS)
            break;
        }
      double root = gsl_root_fsolver_root (s);
      gsl_root_fsolver_free (s);
      out->iterations = it;
      if (l.status != GP_OK)
        {
          if (err)
            *err = l.err;
          char ctx[GP_ERROR_PARAM_MAX + 40];
          snprintf (ctx, sizeof ctx, "refining the break-even of %s", in_name);
          gp_error_prefix (err, ctx);
          return l.status;
        }
      if (gs != GSL_SUCCESS)
        return gp_error_set (err, GP_ENOCONV, in_name, "break-even of %s: Brent's method "
                             "failed in [%g, %g]: %s", in_name, br_lo, br_hi,
                             gsl_strerror (gs));
      if (gsl_root_test_interval (br_lo, br_hi, epsabs, p->xtol_rel) != GSL_SUCCESS)
        return gp_error_set (err, GP_ENOCONV, in_name,
                             "break-even of %s not within %g after %ld iterations: [%g, %g]",
                             in_name, p->xtol_rel, it, br_lo, br_hi);
      out->x = root;
      out->bracket_lo = br_lo;
      out->bracket_hi = br_hi;
    }
  gp_status st = line_eval (&l, out->x, err);
  if (st != GP_OK)
    return st;
  out->y_a = l.y[l.a];
  out->y_b = l.b >= 0 ? l.y[l.b] : l.target;
  out->evaluations = l.evaluations;
  return GP_OK;
}

/* ---- minimisation ----------------------------------------------------------------- */

/* Large but finite, so that Brent's parabolas and the simplex's sums stay finite. */
#define INFEASIBLE_F 1e300

typedef struct {
  const gp_uq_problem *pb;
  const gp_minimize_params *p;
  double sign;
  double x[GP_UQ_INPUTS_MAX];
  double y[GP_UQ_OUTPUTS_MAX];
  long evaluations, infeasible;
  double best_f;                 /* signed */
  double best_x[GP_UQ_OPT_MAX];
  gp_status status;
  gp_error err;
} objective;

/* The signed objective at the variables V; records the best point seen. */
static double
objective_eval (objective *o, const double *v)
{
  for (long i = 0; i < o->p->n_vars; i++)
    o->x[o->p->vars[i]] = v[i];
  o->evaluations++;
  gp_error e = { 0 };
  gp_status st = call (o->pb, o->x, o->y, &e);
  if (st == GP_EINFEASIBLE)
    {
      o->infeasible++;
      return INFEASIBLE_F;
    }
  if (st != GP_OK)
    {
      if (o->status == GP_OK)
        {
          o->status = st;
          o->err = e;
        }
      return INFEASIBLE_F;
    }
  double f = o->sign * o->y[o->p->output];
  if (f < o->best_f)
    {
      o->best_f = f;
      memcpy (o->best_x, v, (size_t) o->p->n_vars * sizeof (double));
    }
  return f;
}

static double
min1_fn (double v, void *data)
{
  return objective_eval (data, &v);
}

static gp_status
minimize_1d (objective *o, gp_minimize_result *out, gp_error *err)
{
  const gp_minimize_params *p = o->p;
  double lo = p->lo[0], hi = p->hi[0];
  long n = p->scan_points, best = -1;
  double fbest = INFEASIBLE_F, xs[3];
  /* Grid: keep the best point and its neighbours' values. */
  double prev_x = lo, prev_f = INFEASIBLE_F;
  double at_x[3] = { 0 }, at_f[3] = { 0 };
  for (long k = 0; k < n; k++)
    {
      double v = scan_point (lo, hi, k, n, false);
      double f = objective_eval (o, &v);
      if (o->status != GP_OK)
        break;
      if (f < fbest)
        {
          fbest = f;
          best = k;
          at_x[0] = prev_x, at_f[0] = prev_f;
          at_x[1] = v, at_f[1] = f;
          at_x[2] = NAN;
        }
      else if (k == best + 1)
        at_x[2] = v, at_f[2] = f;
      prev_x = v;
      prev_f = f;
    }
  if (o->status != GP_OK)
    return o->status;
  if (best < 0)
    return gp_error_set (err, GP_EINFEASIBLE, NULL,
                         "no point of the %ld-point scan could be evaluated", n);

  out->converged = true;
  /* A best point at an end: look between it and its neighbour for an interior minimum. */
  if (best == 0 || best == n - 1)
    {
      double edge = best == 0 ? lo : hi;
      double nb = scan_point (lo, hi, best == 0 ? 1 : n - 2, n, false);
      double mid = 0.5 * (edge + nb);
      double fmid = objective_eval (o, &mid);
      double fnb = best == 0 ? at_f[2] : at_f[0];
      if (o->status != GP_OK)
        return o->status;
      if (!(fmid < fbest && fmid < fnb))
        return GP_OK; /* the minimum is on the bound (best_x holds it) */
      xs[0] = fmin (edge, nb), xs[1] = mid, xs[2] = fmax (edge, nb);
    }
  else
    {
      xs[0] = at_x[0], xs[1] = at_x[1], xs[2] = at_x[2];
      /* A flat best point (equal neighbours) cannot bracket; keep the grid point. */
      if (!(at_f[1] < at_f[0] && at_f[1] < at_f[2]))
        return GP_OK;
    }

  gsl_min_fminimizer *s = gsl_min_fminimizer_alloc (gsl_min_fminimizer_brent);
  if (s == NULL)
    return gp_error_set (err, GP_ENOMEM, NULL, "out of memory for the minimiser");
  gsl_function F = { min1_fn, o };
  int gs = gsl_min_fminimizer_set (s, &F, xs[1], xs[0], xs[2]);
  long it = 0;
  bool conv = false;
  double epsabs = p->xtol_rel * 1e-3 * (hi - lo);
  while (gs == GSL_SUCCESS && it < p->max_iter && o->status == GP_OK)
    {
      it++;
      gs = gsl_min_fminimizer_iterate (s);
      if (gs != GSL_SUCCESS)
        break;
      double a = gsl_min_fminimizer_x_lower (s), b = gsl_min_fminimizer_x_upper (s);
      if (gsl_min_test_interval (a, b, epsabs, p->xtol_rel) == GSL_SUCCESS)
        {
          conv = true;
          break;
        }
    }
  gsl_min_fminimizer_free (s);
  out->iterations = it;
  if (o->status != GP_OK)
    return o->status;
  /* A GSL failure here (e.g. a flat stretch) leaves the best point seen, which the grid
   * already bounds; it is reported as not converged rather than as an error. */
  out->converged = conv;
  return GP_OK;
}

static void
nm_to_x (const gp_minimize_params *p, const gsl_vector *z, double *v)
{
  for (long i = 0; i < p->n_vars; i++)
    v[i] = p->lo[i] + (p->hi[i] - p->lo[i]) * 0.5 * (sin (gsl_vector_get (z, (size_t) i)) + 1);
}

static double
nm_fn (const gsl_vector *z, void *data)
{
  objective *o = data;
  double v[GP_UQ_OPT_MAX];
  nm_to_x (o->p, z, v);
  return objective_eval (o, v);
}

static gp_status
minimize_nd (objective *o, gp_minimize_result *out, gp_error *err)
{
  const gp_minimize_params *p = o->p;
  size_t n = (size_t) p->n_vars;
  gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc (
    gsl_multimin_fminimizer_nmsimplex2, n);
  gsl_vector *z = gsl_vector_alloc (n), *step = gsl_vector_alloc (n);
  if (s == NULL || z == NULL || step == NULL)
    {
      gsl_multimin_fminimizer_free (s);
      gsl_vector_free (z);
      gsl_vector_free (step);
      return gp_error_set (err, GP_ENOMEM, NULL, "out of memory for the minimiser");
    }
  /* Start at the nominal point clamped into the box. */
  double start[GP_UQ_OPT_MAX];
  for (size_t i = 0; i < n; i++)
    {
      double v = o->pb->nominal[p->vars[i]];
      start[i] = fmin (fmax (v, p->lo[i]), p->hi[i]);
    }
  gsl_multimin_function F = { nm_fn, n, o };
  long total_it = 0;
  bool conv = false;
  gp_status st = GP_OK;
  for (long run = 0; run <= p->restarts && st == GP_OK; run++)
    {
      const double *from = run == 0 ? start : o->best_x;
      double from_copy[GP_UQ_OPT_MAX];
      memcpy (from_copy, from, n * sizeof (double));
      for (size_t i = 0; i < n; i++)
        {
          double t = 2 * (from_copy[i] - p->lo[i]) / (p->hi[i] - p->lo[i]) - 1;
          gsl_vector_set (z, i, asin (fmin (fmax (t, -1), 1)));
          gsl_vector_set (step, i, run == 0 ? 0.5 : 0.25);
        }
      int gs = gsl_multimin_fminimizer_set (s, &F, z, step);
      conv = false;
      for (long it = 0; gs == GSL_SUCCESS && it < p->max_iter; it++)
        {
          total_it++;
          gs = gsl_multimin_fminimizer_iterate (s);
          if (gs != GSL_SUCCESS || o->status != GP_OK)
            break;
          double size = gsl_multimin_fminimizer_size (s);
          if (gsl_multimin_test_size (size, p->xtol_rel) == GSL_SUCCESS)
            {
              conv = true;
              break;
            }
        }
      if (o->status != GP_OK)
        st = o->status;
      /* GSL_ENOPROG: the simplex cannot shrink further; the best point stands. */
      else if (gs != GSL_SUCCESS && gs != GSL_ENOPROG)
        st = gp_error_set (err, GP_ENOCONV, NULL, "Nelder-Mead failed: %s", gsl_strerror (gs));
      else if (gs == GSL_ENOPROG)
        conv = true;
    }
  gsl_multimin_fminimizer_free (s);
  gsl_vector_free (z);
  gsl_vector_free (step);
  out->iterations = total_it;
  out->converged = conv;
  if (st == GP_OK && o->best_f >= INFEASIBLE_F)
    st = gp_error_set (err, GP_EINFEASIBLE, NULL, "no point the minimiser tried could be "
                       "evaluated");
  return st;
}

gp_status
gp_uncertainty_minimize (const gp_uq_problem *pb, const gp_minimize_params *p,
                         gp_minimize_result *out, gp_error *err)
{
  GP_TRY (gp_uncertainty_problem_validate (pb, false, err));
  GP_TRY (gp_check_range (err, "n_vars", (double) p->n_vars, 1, GP_UQ_OPT_MAX, 0, NULL));
  GP_TRY (gp_check_range (err, "output", (double) p->output, 0, (double) pb->n_outputs - 1, 0,
                          NULL));
  GP_TRY (gp_check_range (err, "scan_points", (double) p->scan_points, 3, 1e6, 0, NULL));
  GP_TRY (gp_check_range (err, "xtol_rel", p->xtol_rel, 0, 0.1, GP_RANGE_MIN_EXCLUSIVE, NULL));
  GP_TRY (gp_check_range (err, "max_iter", (double) p->max_iter, 1, 1e7, 0, NULL));
  GP_TRY (gp_check_range (err, "restarts", (double) p->restarts, 0, 100, 0, NULL));
  char buf[32];
  for (long i = 0; i < p->n_vars; i++)
    {
      GP_TRY (gp_check_range (err, "vars", (double) p->vars[i], 0, (double) pb->n_inputs - 1,
                              0, NULL));
      for (long j = 0; j < i; j++)
        if (p->vars[j] == p->vars[i])
          return gp_error_set (err, GP_EINVAL, "vars", "vars[%ld] = %ld repeats vars[%ld]", i,
                               p->vars[i], j);
      const char *name = input_name (pb, (size_t) p->vars[i], buf, sizeof buf);
      if (!isfinite (p->lo[i]) || !isfinite (p->hi[i]) || !(p->lo[i] < p->hi[i]))
        return gp_error_set (err, GP_EINVAL, name,
                             "%s: bounds [%g, %g] must be finite with lo < hi", name, p->lo[i],
                             p->hi[i]);
    }

  objective o;
  memset (&o, 0, sizeof o);
  o.pb = pb;
  o.p = p;
  o.sign = p->maximize ? -1 : 1;
  o.best_f = INFEASIBLE_F;
  memcpy (o.x, pb->nominal, pb->n_inputs * sizeof (double));
  memset (out, 0, sizeof *out);
  out->n_vars = p->n_vars;
  out->n_outputs = pb->n_outputs;

  gp_status st = p->n_vars == 1 ? minimize_1d (&o, out, err) : minimize_nd (&o, out, err);
  if (st == GP_OK && o.status != GP_OK)
    st = o.status;
  if (st != GP_OK)
    {
      if (o.status != GP_OK && err)
        *err = o.err;
      return st;
    }
  /* Re-evaluate at the best point so y[] belongs to it (the last call may be elsewhere). */
  gp_error e = { 0 };
  for (long i = 0; i < p->n_vars; i++)
    o.x[p->vars[i]] = o.best_x[i];
  st = call (pb, o.x, out->y, &e);
  o.evaluations++;
  if (st != GP_OK)
    {
      if (err)
        *err = e;
      return st;
    }
  for (long i = 0; i < p->n_vars; i++)
    {
      out->x[i] = o.best_x[i];
      double tol = 1e-6 * (p->hi[i] - p->lo[i]);
      out->at_bound[i] = o.best_x[i] - p->lo[i] <= tol || p->hi[i] - o.best_x[i] <= tol;
    }
  out->f = out->y[p->output];
  out->evaluations = o.evaluations;
  out->infeasible = o.infeasible;
  return GP_OK;
}

/* ---- Pareto frontier -------------------------------------------------------------- */

typedef struct {
  const double *x, *y;
  double sx, sy;
} pareto_keys;

/* Order by x, then y, then index (so the result does not depend on the sort). */
static bool
pareto_less (const pareto_keys *k, size_t a, size_t b)
{
  double xa = k->sx * k->x[a], xb = k->sx * k->x[b];
  if (xa != xb)
    return xa < xb;
  double ya = k->sy * k->y[a], yb = k->sy * k->y[b];
  if (ya != yb)
    return ya < yb;
  return a < b;
}

static void
sift_down (const pareto_keys *k, size_t *h, size_t root, size_t n)
{
  for (;;)
    {
      size_t c = 2 * root + 1;
      if (c >= n)
        return;
      if (c + 1 < n && pareto_less (k, h[c], h[c + 1]))
        c++;
      if (!pareto_less (k, h[root], h[c]))
        return;
      size_t t = h[root];
      h[root] = h[c];
      h[c] = t;
      root = c;
    }
}

gp_status
gp_uncertainty_pareto (const double *x, const double *y, size_t n, bool maximize_x,
                       bool maximize_y, size_t *front, size_t *n_front, gp_error *err)
{
  *n_front = 0;
  for (size_t i = 0; i < n; i++)
    if (!isfinite (x[i]) || !isfinite (y[i]))
      return gp_error_set (err, GP_EINVAL, "points", "point %zu = (%g, %g) is not finite", i,
                           x[i], y[i]);
  pareto_keys k = { x, y, maximize_x ? -1 : 1, maximize_y ? -1 : 1 };
  /* Heapsort in FRONT itself: no allocation, O(N log N). */
  for (size_t i = 0; i < n; i++)
    front[i] = i;
  for (size_t i = n / 2; i-- > 0;)
    sift_down (&k, front, i, n);
  for (size_t end = n; end-- > 1;)
    {
      size_t t = front[0];
      front[0] = front[end];
      front[end] = t;
      sift_down (&k, front, 0, end);
    }
  /* Sweep in x order: a point is on the frontier when its y beats every earlier y, or it
   * equals the last kept point exactly. */
  size_t kept = 0;
  double best_y = INFINITY;
  for (size_t r = 0; r < n; r++)
    {
      size_t i = front[r];
      double sy = k.sy * y[i];
      bool keep = sy < best_y;
      if (!keep && kept > 0)
        {
          size_t last = front[kept - 1];
          keep = x[i] == x[last] && y[i] == y[last];
        }
      if (keep)
        {
          front[kept++] = i;
          if (sy < best_y)
            best_y = sy;
        }
    }
  *n_front = kept;
  return GP_OK;
}

/* ---- systems ---------------------------------------------------------------------- */

const char *const gp_uq_family_names[] = { "all", "dgx", "lite_gpu", "wafer_scale", NULL };

#define IN_D(field, lo_, hi_, fl, label_, doc_)                                              \
  { #field, GP_PARAM_DOUBLE, offsetof (gp_uq_input, dist.field), (lo_), (hi_), (fl), "",      \
    (label_), (doc_), NULL, 0 }

static const gp_param uq_input_params[] = {
  GP_P_STRING (gp_uq_input, name, 0, "Name", "Short label of the uncertain input"),
  GP_P_STRING (gp_uq_input, path, 0, "Path", "The parameter, e.g. nodes.N5.d0_per_cm2"),
  GP_P_ENUM (gp_uq_input, family, gp_uq_family_names, OPT, "Family",
             "Apply to systems of this family only (all, dgx, lite_gpu, wafer_scale)"),
  GP_P_INT (gp_uq_input, system, 0, GP_UQ_SYSTEMS_MAX, OPT, "", "System",
            "Apply to this system only (1-based); 0 = every system"),
  GP_P_BOOL (gp_uq_input, relative, OPT, "Relative",
             "The draw is a factor on each system's own nominal value"),
  { "kind", GP_PARAM_ENUM, offsetof (gp_uq_input, dist.kind), 0, 0, 0, "", "Distribution",
    "uniform, triangular, normal, lognormal", gp_dist_kind_names, 0 },
  IN_D (a, -INFINITY, INFINITY, OPT, "Lower end a", "Uniform and triangular: lower end"),
  IN_D (b, -INFINITY, INFINITY, OPT, "Upper end b", "Uniform and triangular: upper end"),
  IN_D (mode, -INFINITY, INFINITY, OPT, "Mode", "Triangular: most likely value"),
  IN_D (mu, -INFINITY, INFINITY, OPT, "Mean mu", "Normal: mean; lognormal: mean of ln x"),
  IN_D (sigma, 0, INFINITY, GP_RANGE_MIN_EXCLUSIVE | OPT, "Spread sigma",
        "Normal: standard deviation; lognormal: of ln x"),
  IN_D (lo, -INFINITY, INFINITY, OPT, "Truncate below", "Draws are kept >= lo"),
  IN_D (hi, -INFINITY, INFINITY, OPT, "Truncate above", "Draws are kept <= hi"),
};

const gp_param_table gp_uq_input_param_table = {
  "uncertain input", uq_input_params, GP_N_ELEMENTS (uq_input_params),
};

void
gp_uq_input_init (gp_uq_input *in)
{
  memset (in, 0, sizeof *in);
  in->family = GP_UQ_FAMILY_ALL;
  in->system = 0;
  in->relative = false;
  gp_dist_init (&in->dist);
}

struct gp_uq_system {
  size_t n_systems;
  gp_system sys[GP_UQ_SYSTEMS_MAX];
  gp_study study;
  gp_node *nodes;                 /* owned copy */
  size_t n_nodes;
  gp_syspath_target target[GP_UQ_SYSTEMS_MAX];
  gp_system_prepared prep[GP_UQ_SYSTEMS_MAX];
  gp_system_result res[GP_UQ_SYSTEMS_MAX];
  gp_plan plan[GP_UQ_SYSTEMS_MAX];
  bool search_each, ready;
  bool dirty[GP_UQ_SYSTEMS_MAX];  /* needs gp_system_prepare */
  size_t n_inputs;
  gp_uq_input inputs[GP_UQ_INPUTS_MAX];
  gp_syspath_ref ref[GP_UQ_INPUTS_MAX][GP_UQ_SYSTEMS_MAX];
  bool applies[GP_UQ_INPUTS_MAX][GP_UQ_SYSTEMS_MAX];
  bool shared[GP_UQ_INPUTS_MAX];  /* a study or node path: set once, through ref[i][0] */
  double base[GP_UQ_INPUTS_MAX][GP_UQ_SYSTEMS_MAX]; /* each system's own nominal value */
  double nominal[GP_UQ_INPUTS_MAX];
  double current[GP_UQ_INPUTS_MAX];
  gp_dist dists[GP_UQ_INPUTS_MAX];
  const char *input_names[GP_UQ_INPUTS_MAX];
  size_t n_figures;
  const gp_param *figure[GP_UQ_FIGURES_MAX];
  char out_name[GP_UQ_OUTPUTS_MAX][GP_SYSPATH_MAX];
  const char *out_names[GP_UQ_OUTPUTS_MAX];
  long evaluations, prepares;
};

gp_uq_system *
gp_uncertainty_system_new (const gp_system *a, const gp_system *b, const gp_study *st,
                           const gp_node *nodes, size_t n_nodes, gp_error *err)
{
  if (a == NULL || st == NULL)
    {
      gp_error_set (err, GP_EINVAL, "system", "a system and a study are needed");
      return NULL;
    }
  gp_uq_system *u = calloc (1, sizeof *u);
  if (u == NULL)
    {
      gp_error_set (err, GP_ENOMEM, NULL, "out of memory for the system study");
      return NULL;
    }
  u->n_systems = b ? 2 : 1;
  u->sys[0] = *a;
  if (b)
    u->sys[1] = *b;
  u->study = *st;
  if (n_nodes > 0)
    {
      u->nodes = malloc (n_nodes * sizeof *nodes);
      if (u->nodes == NULL)
        {
          free (u);
          gp_error_set (err, GP_ENOMEM, NULL, "out of memory for the node table");
          return NULL;
        }
      memcpy (u->nodes, nodes, n_nodes * sizeof *nodes);
      u->n_nodes = n_nodes;
    }
  for (size_t s = 0; s < u->n_systems; s++)
    {
      u->target[s] = (gp_syspath_target) { &u->sys[s], &u->study, u->nodes, u->n_nodes };
      u->dirty[s] = true;
    }
  return u;
}

void
gp_uncertainty_system_free (gp_uq_system *u)
{
  if (u == NULL)
    return;
  free (u->nodes);
  free (u);
}

static bool
family_keeps (const gp_uq_input *in, const gp_system *s)
{
  return in->family == GP_UQ_FAMILY_ALL || s->sys.family == in->family - 1;
}

gp_status
gp_uncertainty_system_add_input (gp_uq_system *u, const gp_uq_input *in, gp_error *err)
{
  if (u->ready)
    return gp_error_set (err, GP_EINVAL, "inputs",
                         "inputs must be added before gp_uncertainty_system_ready");
  if (u->n_inputs >= GP_UQ_INPUTS_MAX)
    return gp_error_set (err, GP_EINVAL, "inputs", "at most %d inputs", GP_UQ_INPUTS_MAX);
  if (in->family < 0 || in->family >= GP_UQ_FAMILY_N)
    return gp_error_set (err, GP_EINVAL, "family", "%s: family = %d is unknown", in->path,
                         in->family);
  GP_TRY (gp_check_range (err, "system", (double) in->system, 0, (double) u->n_systems, 0,
                          NULL));
  size_t i = u->n_inputs;
  bool any = false;
  memset (u->applies[i], 0, sizeof u->applies[i]);
  u->shared[i] = false;
  for (size_t s = 0; s < u->n_systems; s++)
    {
      if (!family_keeps (in, &u->sys[s]) || (in->system != 0 && (size_t) in->system != s + 1))
        continue;
      gp_syspath_ref *r = &u->ref[i][s];
      gp_status st = gp_syspath_resolve (&u->target[s], in->path, r, err);
      if (st != GP_OK)
        {
          gp_error_prefix (err, u->sys[s].sys.name);
          return st;
        }
      if (r->param->type == GP_PARAM_STRING)
        return gp_error_set (err, GP_EINVAL, "path", "%s is a name, not a number", in->path);
      u->applies[i][s] = true;
      u->base[i][s] = gp_syspath_ref_get (r);
      if (r->flags & (GP_SYSPATH_F_STUDY | GP_SYSPATH_F_NODE))
        {
          /* One field shared by every system: keep the first reference only. */
          u->shared[i] = true;
          any = true;
          break;
        }
      any = true;
    }
  if (!any)
    return gp_error_set (err, GP_EINVAL, "family",
                         "%s: no system is of family %s%s", in->path,
                         gp_uq_family_names[in->family],
                         in->system ? " at that index" : "");
  u->inputs[i] = *in;
  if (u->inputs[i].name[0] == '\0')
    snprintf (u->inputs[i].name, sizeof u->inputs[i].name, "%.*s", GP_NAME_MAX - 1, in->path);
  size_t first = 0;
  while (!u->applies[i][first])
    first++;
  u->nominal[i] = in->relative ? 1.0 : u->base[i][first];
  u->current[i] = u->nominal[i];
  u->dists[i] = in->dist;
  u->input_names[i] = u->inputs[i].path;
  u->n_inputs++;
  return GP_OK;
}

gp_status
gp_uncertainty_system_add_output (gp_uq_system *u, const char *name, gp_error *err)
{
  if (u->ready)
    return gp_error_set (err, GP_EINVAL, "outputs",
                         "outputs must be added before gp_uncertainty_system_ready");
  const gp_param *p = gp_param_table_find (&gp_system_result_table, name);
  if (p == NULL)
    return gp_error_set (err, GP_ENOTFOUND, "outputs",
                         "unknown system output '%s' (see gp_system_result_table: "
                         "usd_per_model, kgco2e_per_model, capex_usd, ...)", name ? name : "");
  size_t per = u->n_systems == 2 ? 3 : 1;
  if (u->n_figures >= GP_UQ_FIGURES_MAX || (u->n_figures + 1) * per > GP_UQ_OUTPUTS_MAX)
    return gp_error_set (err, GP_EINVAL, "outputs", "at most %d figures",
                         (int) (GP_UQ_OUTPUTS_MAX / per < GP_UQ_FIGURES_MAX
                                  ? GP_UQ_OUTPUTS_MAX / per : GP_UQ_FIGURES_MAX));
  size_t k = u->n_figures++;
  u->figure[k] = p;
  static const char *const prefix[] = { "a.", "b.", "a/b." };
  for (size_t w = 0; w < per; w++)
    {
      size_t j = k * per + w;
      snprintf (u->out_name[j], sizeof u->out_name[j], "%s%s", per == 1 ? "" : prefix[w],
                p->name);
      u->out_names[j] = u->out_name[j];
    }
  return GP_OK;
}

/* Set input I to X in every system it applies to; marks systems for preparation. */
static gp_status
apply_input (gp_uq_system *u, size_t i, double x, gp_error *err)
{
  const gp_uq_input *in = &u->inputs[i];
  for (size_t s = 0; s < u->n_systems; s++)
    {
      if (!u->applies[i][s])
        continue;
      const gp_syspath_ref *r = &u->ref[i][s];
      double v = in->relative ? u->base[i][s] * x : x;
      /* Draws are continuous; a count takes the nearest whole value. */
      if (r->param->type != GP_PARAM_DOUBLE)
        v = nearbyint (v);
      gp_status st = gp_syspath_ref_set (r, v, err);
      if (st != GP_OK)
        {
          gp_error_prefix (err, in->path);
          return st;
        }
      if (r->flags & GP_SYSPATH_F_PREPARE)
        {
          if (u->shared[i])
            for (size_t t = 0; t < u->n_systems; t++)
              u->dirty[t] = true;
          else
            u->dirty[s] = true;
        }
      if (u->shared[i])
        break;
    }
  u->current[i] = x;
  return GP_OK;
}

static gp_status
system_eval (gp_uq_system *u, size_t s, gp_error *err)
{
  if (u->dirty[s])
    {
      u->prepares++;
      GP_TRY (gp_system_prepare (&u->sys[s], &u->study, u->nodes, u->n_nodes, &u->prep[s],
                                 err));
      u->dirty[s] = false;
    }
  return gp_system_eval (&u->sys[s], &u->study, &u->prep[s], u->search_each ? NULL : &u->plan[s],
                         &u->res[s], NULL, NULL, err);
}

static gp_status
system_fn (const double *x, double *y, void *user, gp_error *err)
{
  gp_uq_system *u = user;
  for (size_t i = 0; i < u->n_inputs; i++)
    if (x[i] != u->current[i])
      GP_TRY (apply_input (u, i, x[i], err));
  u->evaluations++;
  for (size_t s = 0; s < u->n_systems; s++)
    GP_TRY (system_eval (u, s, err));
  size_t per = u->n_systems == 2 ? 3 : 1;
  for (size_t k = 0; k < u->n_figures; k++)
    {
      double a = gp_param_get (u->figure[k], &u->res[0]);
      y[k * per] = a;
      if (per == 3)
        {
          double b = gp_param_get (u->figure[k], &u->res[1]);
          y[k * per + 1] = b;
          y[k * per + 2] = a / b;
        }
    }
  return GP_OK;
}

gp_status
gp_uncertainty_system_ready (gp_uq_system *u, bool search_each, const gp_plan *plan_a,
                             const gp_plan *plan_b, gp_error *err)
{
  if (u->n_figures == 0)
    return gp_error_set (err, GP_EINVAL, "outputs", "no outputs: add at least one figure");
  u->search_each = search_each;
  const gp_plan *given[GP_UQ_SYSTEMS_MAX] = { plan_a, plan_b };
  for (size_t i = 0; i < u->n_inputs; i++)
    GP_TRY (apply_input (u, i, u->nominal[i], err));
  for (size_t s = 0; s < u->n_systems; s++)
    {
      if (u->dirty[s])
        {
          u->prepares++;
          GP_TRY (gp_system_prepare (&u->sys[s], &u->study, u->nodes, u->n_nodes, &u->prep[s],
                                     err));
          u->dirty[s] = false;
        }
      if (search_each)
        continue;
      if (given[s])
        u->plan[s] = *given[s];
      else
        {
          gp_status st = gp_system_eval (&u->sys[s], &u->study, &u->prep[s], NULL, &u->res[s],
                                         NULL, NULL, err);
          if (st != GP_OK)
            {
              gp_error_prefix (err, "finding the plan at nominal");
              return st;
            }
          u->plan[s] = u->res[s].plan;
        }
    }
  u->ready = true;
  /* One evaluation at nominal, so a broken set-up fails here and not at sample 0. */
  double y[GP_UQ_OUTPUTS_MAX];
  gp_status st = system_fn (u->nominal, y, u, err);
  if (st != GP_OK)
    {
      u->ready = false;
      gp_error_prefix (err, "nominal point");
    }
  return st;
}

void
gp_uncertainty_system_problem (gp_uq_system *u, gp_uq_problem *pb)
{
  memset (pb, 0, sizeof *pb);
  pb->n_inputs = u->n_inputs;
  pb->n_outputs = u->n_figures * (u->n_systems == 2 ? 3 : 1);
  pb->fn = system_fn;
  pb->user = u;
  pb->nominal = u->nominal;
  pb->dists = u->dists;
  pb->input_names = u->input_names;
  pb->output_names = u->out_names;
}

long
gp_uncertainty_system_output (const gp_uq_system *u, const char *name, int which)
{
  size_t per = u->n_systems == 2 ? 3 : 1;
  if (which < 0 || (size_t) which >= per)
    return -1;
  for (size_t k = 0; k < u->n_figures; k++)
    if (strcmp (u->figure[k]->name, name) == 0)
      return (long) (k * per + (size_t) which);
  return -1;
}

void
gp_uncertainty_system_counts (const gp_uq_system *u, long *evaluations, long *prepares)
{
  if (evaluations)
    *evaluations = u->evaluations;
  if (prepares)
    *prepares = u->prepares;
}

const gp_system *
gp_uncertainty_system_get (const gp_uq_system *u, int which)
{
  return which >= 0 && (size_t) which < u->n_systems ? &u->sys[which] : NULL;
}

const gp_system_result *
gp_uncertainty_system_result (const gp_uq_system *u, int which)
{
  return which >= 0 && (size_t) which < u->n_systems ? &u->res[which] : NULL;
}

gp_status
gp_uncertainty_system_reset (gp_uq_system *u, gp_error *err)
{
  for (size_t i = 0; i < u->n_inputs; i++)
    GP_TRY (apply_input (u, i, u->nominal[i], err));
  for (size_t s = 0; s < u->n_systems; s++)
    if (u->dirty[s])
      {
        u->prepares++;
        GP_TRY (gp_system_prepare (&u->sys[s], &u->study, u->nodes, u->n_nodes, &u->prep[s],
                                   err));
        u->dirty[s] = false;
      }
  return GP_OK;
}
