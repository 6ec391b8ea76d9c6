/* gp-uncertainty.c: the engine: distributions, samplers, Monte Carlo, tornado swings and
 * Sobol indices over a generic n-in, m-out model. Break-even, minimisation and Pareto
 * frontiers are in gp-uncertainty-optimize.c, the adapter that makes a pair of systems such
 * a model in gp-uncertainty-system.c; both call down into this file only. Equations and
 * sources are in gp-uncertainty.h above each entry point. */
#include "gp-uncertainty-private.h"
#include "gp-parallel.h"

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
  GP_P_INT (gp_mc_params, threads, 1, GP_THREADS_MAX, OPT, "", "Threads",
            "Worker threads (results are the same for any count); default GP_THREADS or "
            "the cores"),
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
  GP_P_INT (gp_sobol_params, threads, 1, GP_THREADS_MAX, OPT, "", "Threads",
            "Worker threads (results are the same for any count); default GP_THREADS or "
            "the cores"),
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
double
gp_uq_bound (double v)
{
  return v <= -DBL_MAX ? -INFINITY : v >= DBL_MAX ? INFINITY : v;
}

static void
dist_prepare (const gp_dist *in, dist_prep *dp)
{
  dp->d = *in;
  dp->d.lo = gp_uq_bound (in->lo);
  dp->d.hi = gp_uq_bound (in->hi);
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
                         "gp_uq_bound (lo/hi) or a p inside (0, 1)",
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

const char *
gp_uq_input_name (const gp_uq_problem *pb, size_t i, char *buf, size_t len)
{
  if (pb->input_names && pb->input_names[i])
    return pb->input_names[i];
  snprintf (buf, len, "x[%zu]", i);
  return buf;
}

const char *
gp_uq_output_name (const gp_uq_problem *pb, size_t j, char *buf, size_t len)
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
      const char *name = gp_uq_input_name (pb, i, buf, sizeof buf);
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
gp_status
gp_uq_call (const gp_uq_problem *pb, const double *x, double *y, gp_error *err)
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
        const char *name = gp_uq_output_name (pb, j, buf, sizeof buf);
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

/* ---- worker threads --------------------------------------------------------------- */

/* Points are drawn on the calling thread, a chunk at a time, then evaluated by T workers
 * started once per run (gp_pool), point by point, each worker with its own copy of the
 * model's state; the caller then reads the chunk's statuses and outputs in point order, so
 * the first error in point order is the one a single thread would meet. */

typedef struct {
  const gp_uq_problem *pb;
  int threads;
  gp_pool *workers;
  void *users[GP_THREADS_MAX];
  size_t n_x, n_y;        /* inputs per task, outputs per task */
  size_t calls;           /* model calls per task (Sobol: k + 2) */
  const double *x;        /* tasks x calls x n_x inputs */
  double *y;              /* tasks x calls x n_y outputs */
  int *st;                /* per task */
  gp_error *errs;         /* per task */
  bool skip_infeasible;
} uq_pool;

static gp_status
pool_open (uq_pool *pl, const gp_uq_problem *pb, long requested, gp_error *err)
{
  memset (pl, 0, sizeof *pl);
  pl->pb = pb;
  int t = 1;
  if (requested < 0)
    return gp_error_set (err, GP_EINVAL, "threads", "threads = %ld is out of range: allowed "
                         "1..%d worker threads", requested, GP_THREADS_MAX);
  GP_TRY (gp_threads_resolve (requested, &t, err));
  if (!pb->thread_safe && (pb->clone == NULL || pb->clone_free == NULL))
    t = 1;
  pl->users[0] = pb->user;
  pl->threads = 1;
  for (int w = 1; w < t; w++)
    {
      if (pb->thread_safe)
        pl->users[w] = pb->user;
      else if ((pl->users[w] = pb->clone (pb->user, err)) == NULL)
        {
          for (int v = 1; v < w; v++)
            pb->clone_free (pl->users[v]);
          if (err && err->status == GP_OK)
            gp_error_set (err, GP_ENOMEM, "threads", "out of memory for worker %d's model", w);
          return err ? err->status : GP_ENOMEM;
        }
      pl->threads = w + 1;
    }
  if (pl->threads > 1 && (pl->workers = gp_pool_new (pl->threads)) == NULL)
    {
      for (int v = 1; v < pl->threads; v++)
        pb->clone_free (pl->users[v]);
      return gp_error_set (err, GP_ENOMEM, "threads", "out of memory for the workers");
    }
  return GP_OK;
}

static void
pool_close (uq_pool *pl)
{
  gp_pool_free (pl->workers);
  pl->workers = NULL;
  if (!pl->pb->thread_safe)
    for (int w = 1; w < pl->threads; w++)
      pl->pb->clone_free (pl->users[w]);
  pl->threads = 0;
}

static void
pool_block (void *user, int worker, long begin, long end)
{
  uq_pool *pl = user;
  gp_uq_problem pw = *pl->pb;
  pw.user = pl->users[worker];
  for (long k = begin; k < end; k++)
    {
      gp_error *e = &pl->errs[k];
      e->status = GP_OK;
      e->param[0] = '\0';
      e->message[0] = '\0';
      gp_status st = GP_OK;
      for (size_t c = 0; st == GP_OK && c < pl->calls; c++)
        st = gp_uq_call (&pw, pl->x + ((size_t) k * pl->calls + c) * pl->n_x,
                         pl->y + ((size_t) k * pl->calls + c) * pl->n_y, e);
      pl->st[k] = st;
    }
}

/* Evaluate tasks [0, N) of the pool's buffers. */
static void
pool_run (uq_pool *pl, long n)
{
  if (pl->workers == NULL)
    pool_block (pl, 0, 0, n);
  else
    gp_pool_run (pl->workers, n, pool_block, pl);
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

  uq_pool pool;
  GP_TRY (pool_open (&pool, pb, p->threads, err));
  enum { CHUNK = 1024 }; /* a multiple of the progress step */
  double *ys = keep_y ? keep_y : malloc (N * m * sizeof (double));
  double *col = malloc (N * sizeof (double));
  double *xs = malloc (CHUNK * n * sizeof (double));
  int *sts = malloc (CHUNK * sizeof (int));
  gp_error *errs = malloc (CHUNK * sizeof (gp_error));
  if (ys == NULL || col == NULL || xs == NULL || sts == NULL || errs == NULL)
    {
      if (!keep_y)
        free (ys);
      free (col);
      free (xs);
      free (sts);
      free (errs);
      pool_close (&pool);
      return gp_error_set (err, GP_ENOMEM, "samples", "out of memory for %zu samples", N);
    }
  pool.n_x = n;
  pool.n_y = m;
  pool.calls = 1;
  pool.x = xs;
  pool.st = sts;
  pool.errs = errs;
  pool.skip_infeasible = p->skip_infeasible;

  sampler s;
  gp_status st = sampler_open (&s, p->sampler, p->seed, n, err);
  memset (out, 0, sizeof *out);
  out->samples = (long) N;
  out->n_outputs = m;
  out->n_levels = p->n_levels;
  memcpy (out->levels, p->levels, sizeof out->levels);
  out->n_pairs = p->n_pairs;

  double u[GP_UQ_INPUTS_MAX];
  for (size_t k0 = 0; st == GP_OK && k0 < N; k0 += CHUNK)
    {
      size_t nk = N - k0 < CHUNK ? N - k0 : CHUNK;
      for (size_t k = 0; k < nk; k++)
        {
          sampler_next (&s, u);
          for (size_t i = 0; i < n; i++)
            xs[k * n + i] = dist_draw (&dp[i], u[i]);
        }
      if (keep_x)
        memcpy (keep_x + k0 * n, xs, nk * n * sizeof (double));
      pool.y = ys + k0 * m;
      pool_run (&pool, (long) nk);
      for (size_t k = k0; st == GP_OK && k < k0 + nk; k++)
        {
          double *y = ys + k * m;
          const gp_error *e = &errs[k - k0];
          gp_status sk = (gp_status) sts[k - k0];
          if (sk == GP_EINFEASIBLE && p->skip_infeasible)
            {
              if (out->infeasible++ == 0)
                snprintf (out->first_infeasible, sizeof out->first_infeasible, "%s", e->message);
              for (size_t j = 0; j < m; j++)
                y[j] = NAN;
            }
          else if (sk != GP_OK)
            {
              if (err)
                *err = *e;
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
    }
  sampler_close (&s);
  pool_close (&pool);
  free (xs);
  free (sts);
  free (errs);

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
  gp_status st = gp_uq_call (pb, x, y, err);
  if (st != GP_OK)
    {
      gp_error_prefix (err, "nominal point");
      return st;
    }
  out->y_nominal = y[output];
  char buf[32], ctx[GP_ERROR_PARAM_MAX + 40];
  for (size_t i = 0; i < n; i++)
    {
      const char *name = gp_uq_input_name (pb, i, buf, sizeof buf);
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
          st = gp_uq_call (pb, x, y, err);
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

  /* Per row: the k + 2 points A, B, AB_i and their outputs f(A), f(B), f(AB_i). */
  enum { CHUNK = 256 }; /* the progress step */
  uq_pool pool;
  GP_TRY (pool_open (&pool, pb, p->threads, err));
  double *xs = malloc (CHUNK * (k + 2) * k * sizeof (double));
  double *ys = malloc (CHUNK * (k + 2) * m * sizeof (double));
  int *sts = malloc (CHUNK * sizeof (int));
  gp_error *errs = malloc (CHUNK * sizeof (gp_error));
  sampler s;
  gp_status st = xs && ys && sts && errs
                   ? sampler_open (&s, p->sampler, p->seed, 2 * k, err)
                   : gp_error_set (err, GP_ENOMEM, NULL, "out of memory");
  if (st != GP_OK)
    {
      free (xs);
      free (ys);
      free (sts);
      free (errs);
      pool_close (&pool);
      return st;
    }
  pool.n_x = k;
  pool.n_y = m;
  pool.calls = k + 2;
  pool.x = xs;
  pool.y = ys;
  pool.st = sts;
  pool.errs = errs;
  pool.skip_infeasible = p->skip_infeasible;

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
  double u[2 * GP_UQ_INPUTS_MAX];
  long infeasible = 0;

  for (size_t r0 = 0; st == GP_OK && r0 < N; r0 += CHUNK)
    {
      size_t nr = N - r0 < CHUNK ? N - r0 : CHUNK;
      for (size_t q = 0; q < nr; q++)
        {
          double *xa = xs + q * (k + 2) * k, *xb = xa + k;
          sampler_next (&s, u);
          for (size_t i = 0; i < k; i++)
            {
              xa[i] = dist_draw (&dp[i], u[i]);
              xb[i] = dist_draw (&dp[i], u[k + i]);
            }
          for (size_t i = 0; i < k; i++)
            {
              double *xab = xa + (2 + i) * k;
              memcpy (xab, xa, k * sizeof (double));
              xab[i] = xb[i];
            }
        }
      pool_run (&pool, (long) nr);
      for (size_t r = r0; st == GP_OK && r < r0 + nr; r++)
        {
          const double *row = ys + (r - r0) * (k + 2) * m;
          const gp_error *e = &errs[r - r0];
          gp_status sr = (gp_status) sts[r - r0];
          if (sr == GP_EINFEASIBLE && p->skip_infeasible)
            {
              infeasible++;
              continue;
            }
          if (sr != GP_OK)
            {
              if (err)
                *err = *e;
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
    }
  sampler_close (&s);
  pool_close (&pool);
  free (xs);
  free (ys);
  free (sts);
  free (errs);
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
