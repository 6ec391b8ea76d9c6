/* gp-uncertainty-optimize.c: break-even roots (a scan, then Brent), bounded minimisation
 * (grid + Brent in 1-D, Nelder-Mead on the sine transform of the box in n-D) and Pareto
 * frontiers over the engine's generic model. Equations and sources are in gp-uncertainty.h. */
#include "gp-uncertainty-private.h"

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
  return gp_uq_call (l->pb, l->x, l->y, err);
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
    snprintf (buf, len, "%s = %.6g, %s = %.6g", gp_uq_output_name (l->pb, (size_t) l->a, b1, sizeof b1),
              l->y[l->a], gp_uq_output_name (l->pb, (size_t) l->b, b2, sizeof b2), l->y[l->b]);
  else
    snprintf (buf, len, "%s = %.6g (target %.6g)",
              gp_uq_output_name (l->pb, (size_t) l->a, b1, sizeof b1), l->y[l->a], l->target);
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
  const char *in_name = gp_uq_input_name (pb, (size_t) p->input, in_buf, sizeof in_buf);
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
  gp_status st = gp_uq_call (o->pb, o->x, o->y, &e);
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
        return GP_OK; /* the minimum is on the gp_uq_bound (best_x holds it) */
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
      const char *name = gp_uq_input_name (pb, (size_t) p->vars[i], buf, sizeof buf);
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
  st = gp_uq_call (pb, o.x, out->y, &e);
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
