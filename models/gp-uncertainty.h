/* gp-uncertainty.h: uncertain inputs and what follows from them: Monte Carlo percentiles,
 * the probability that one design beats another, tornado swings, Sobol indices,
 * break-even points, bounded optimisation and Pareto frontiers.
 *
 * The engine knows nothing of hardware. A problem is a function of n inputs giving m
 * outputs (gp_uq_fn) with a nominal value and, for the sampling methods, a distribution per
 * input, so every method is testable on closed-form functions. The system adapter at the
 * end of this header turns one or two gp_system on a gp_study, plus parameter paths
 * (gp-syspath.h), into such a problem.
 *
 * Sampling. Every draw goes through the inverse CDF of its distribution, truncated to
 * [lo, hi] by mapping the unit draw onto [F(lo), F(hi)] (Devroye, "Non-Uniform Random
 * Variate Generation", 1986, sec. II.2.2), so the same code serves pseudo-random points
 * (GSL's MT19937, seeded: the same seed gives the same numbers) and quasi-random Sobol
 * points (gsl_qrng_sobol, Bratley and Fox 1988; at most 40 dimensions; deterministic, the
 * seed is ignored). Units are those of the inputs and outputs. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "gp-error.h"
#include "gp-param.h"
#include "gp-syspath.h"
#include "gp-system.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_UQ_INPUTS_MAX 64    /* uncertain inputs of one problem */
#define GP_UQ_OUTPUTS_MAX 24   /* outputs of one problem */
#define GP_UQ_LEVELS_MAX 9     /* percentile levels reported by a Monte Carlo run */
#define GP_UQ_PAIRS_MAX 16     /* P(output a < output b) pairs of one run */
#define GP_UQ_SOBOL_DIM_MAX 40 /* gsl_qrng_sobol's dimension limit */

/* ---- distributions ---------------------------------------------------------------- */

typedef enum {
  GP_DIST_UNIFORM,    /* a, b:        flat on [a, b] */
  GP_DIST_TRIANGULAR, /* a, mode, b:  triangular density, peak at mode */
  GP_DIST_NORMAL,     /* mu, sigma */
  GP_DIST_LOGNORMAL,  /* mu, sigma of ln x: median exp(mu) */
  GP_DIST_N
} gp_dist_kind;

/* "uniform", "triangular", "normal", "lognormal", NULL */
extern const char *const gp_dist_kind_names[];

/* A distribution with optional truncation to [lo, hi]; -DBL_MAX / DBL_MAX (the defaults,
 * what a parameter table can hold) or +-INFINITY mean no bound. Fields a kind does not use
 * are ignored. */
typedef struct {
  int kind;        /* gp_dist_kind */
  double a, b;     /* uniform and triangular: support */
  double mode;     /* triangular */
  double mu, sigma;/* normal; lognormal (of ln x) */
  double lo, hi;   /* truncation bounds */
} gp_dist;

extern const gp_param_table gp_dist_param_table; /* kind, a, b, mode, mu, sigma, lo, hi */

/* Uniform on [0, 1], no truncation (lo = -DBL_MAX, hi = DBL_MAX). */
void gp_dist_init (gp_dist *d);

/* Check D: finite parameters, a < b (uniform, triangular), a <= mode <= b, sigma > 0,
 * lo < hi (NaN refused, infinities mean no bound) and a truncation range carrying
 * probability > 1e-12 of the distribution. Messages name the field ("sigma = -1 ..."). */
gp_status gp_dist_validate (const gp_dist *d, gp_error *err);

/* Cumulative probability F(x) of the untruncated distribution. D must be valid. */
double gp_dist_cdf (const gp_dist *d, double x);

/* Quantile of the truncated distribution: x with P(X <= x) = P, for P in [0, 1]. P = 0 and
 * 1 give the ends of the support (GP_ERANGE when that end is infinite). Inverse CDFs:
 * uniform and normal and lognormal from GSL (gsl_cdf_*_Pinv, and *_Qinv in the upper
 * half to keep precision in the tail); triangular in closed form,
 *   x = a + sqrt(p (b-a)(m-a))          for p <= (m-a)/(b-a)
 *   x = b - sqrt((1-p)(b-a)(b-m))       otherwise.
 * Truncation: p' = F(lo) + P (F(hi) - F(lo)), computed on the complementary side when
 * F(lo) > 1/2. */
gp_status gp_dist_quantile (const gp_dist *d, double p, double *x, gp_error *err);

/* Mean and variance of the untruncated distribution (closed forms), for tests and for
 * the linear-model checks of a caller. */
double gp_dist_mean (const gp_dist *d);
double gp_dist_variance (const gp_dist *d);

/* ---- problems --------------------------------------------------------------------- */

/* Evaluate the model at X (n inputs) into Y (m outputs). Return GP_OK, or an error:
 * GP_EINFEASIBLE marks a point the model cannot evaluate (a design that does not fit);
 * sampling methods count and skip such points when asked, everything else stops the run. */
typedef gp_status (*gp_uq_fn) (const double *x, double *y, void *user, gp_error *err);

/* Called every few evaluations with the fraction done; return false to cancel
 * (GP_ECANCELLED). */
typedef bool (*gp_uq_progress_fn) (double fraction, void *user);

typedef struct {
  size_t n_inputs;              /* 1..GP_UQ_INPUTS_MAX */
  size_t n_outputs;             /* 1..GP_UQ_OUTPUTS_MAX */
  gp_uq_fn fn;
  void *user;
  const double *nominal;        /* n_inputs values: the base point */
  const gp_dist *dists;         /* n_inputs distributions (sampling, tornado); may be NULL
                                   for break-even and optimisation */
  const char *const *input_names;  /* may be NULL: "x[i]" in messages */
  const char *const *output_names; /* may be NULL: "y[j]" */
  gp_uq_progress_fn progress;   /* may be NULL; always called on the calling thread */
  void *progress_user;
  /* Worker threads (Monte Carlo and Sobol; issue 19). A model that keeps state between
   * calls gives CLONE, an independent copy of USER for another worker (NULL and ERR set on
   * failure), and CLONE_FREE; a stateless FN sets THREAD_SAFE instead. Without either the
   * methods run on the calling thread only. Either way each point's outputs must depend
   * on its X alone, so the results are the same bits for any thread count. */
  void *(*clone) (void *user, gp_error *err);
  void (*clone_free) (void *copy);
  bool thread_safe;
} gp_uq_problem;

/* Check the sizes, the callback, every nominal value (finite) and every distribution
 * (messages prefixed with the input's name). */
gp_status gp_uncertainty_problem_validate (const gp_uq_problem *pb, bool need_dists,
                                           gp_error *err);

typedef enum {
  GP_SAMPLER_PSEUDO, /* MT19937 seeded with `seed` */
  GP_SAMPLER_SOBOL,  /* gsl_qrng_sobol, <= 40 dimensions, seed ignored */
  GP_SAMPLER_N
} gp_sampler;

/* "pseudo", "sobol", NULL */
extern const char *const gp_sampler_names[];

/* ---- Monte Carlo ------------------------------------------------------------------ */

typedef struct {
  long samples;                 /* N >= 2 */
  int sampler;                  /* gp_sampler */
  long seed;                    /* pseudo-random seed, >= 0 */
  bool skip_infeasible;         /* count GP_EINFEASIBLE points and leave them out */
  long n_levels;                /* percentile levels, 1..GP_UQ_LEVELS_MAX */
  double levels[GP_UQ_LEVELS_MAX]; /* in [0, 1]; default 0.05, 0.5, 0.95 */
  long n_pairs;                 /* 0..GP_UQ_PAIRS_MAX */
  long pair_a[GP_UQ_PAIRS_MAX]; /* output indices: P(y[pair_a] < y[pair_b]) */
  long pair_b[GP_UQ_PAIRS_MAX];
  long threads;                 /* worker threads, 1..GP_THREADS_MAX; 0 = $GP_THREADS, else
                                   the online processors (gp_threads_resolve). The points
                                   are drawn in order on the calling thread, evaluated in
                                   contiguous blocks, and summarised in sample order, so
                                   every figure is the same for any count */
} gp_mc_params;

extern const gp_param_table gp_mc_param_table; /* samples, sampler, seed, skip_infeasible */

/* 10,000 pseudo-random samples, seed 1, infeasible points skipped, levels 5/50/95 %. */
void gp_mc_params_init (gp_mc_params *p);

typedef struct {
  double mean, sd;              /* sample mean and standard deviation (n - 1) */
  double se_mean;               /* sd / sqrt(n): the mean's sampling error (pseudo-random) */
  double min, max;
  double q[GP_UQ_LEVELS_MAX];   /* percentiles at the run's levels */
} gp_mc_stats;

typedef struct {
  long samples;                 /* drawn */
  long ok;                      /* evaluated (feasible) */
  long infeasible;              /* skipped as GP_EINFEASIBLE */
  char first_infeasible[GP_ERROR_MESSAGE_MAX]; /* why the first skipped point failed */
  size_t n_outputs;
  long n_levels;
  double levels[GP_UQ_LEVELS_MAX];
  gp_mc_stats out[GP_UQ_OUTPUTS_MAX];
  long n_pairs;
  double p_less[GP_UQ_PAIRS_MAX];    /* share of feasible samples with y[a] < y[b] */
  double p_less_se[GP_UQ_PAIRS_MAX]; /* sqrt(p (1 - p) / ok) */
} gp_mc_result;

/* Draw N points from the inputs' distributions (independent), evaluate, and summarise each
 * output: mean, sd, min, max and percentiles (linear interpolation between order
 * statistics, Hyndman and Fan 1996 type 7, as gsl_stats_quantile_from_sorted_data), and
 * the share of samples where y[a] < y[b] for each pair. KEEP_X (N x n) and KEEP_Y
 * (N x m), row-major, may be NULL; when given they receive every sample (rows of
 * infeasible points hold NaN in KEEP_Y: use result->ok and the NaN mask). Allocates
 * N x m doubles when KEEP_Y is NULL. Errors: invalid problem or parameters (GP_EINVAL),
 * fewer than 2 feasible samples (GP_EINFEASIBLE, with the first reason), a model error
 * at sample i (its message prefixed "sample i"), GP_ECANCELLED, GP_ENOMEM. */
gp_status gp_uncertainty_monte_carlo (const gp_uq_problem *pb, const gp_mc_params *p,
                                      gp_mc_result *out, double *keep_x, double *keep_y,
                                      gp_error *err);

/* ---- tornado ---------------------------------------------------------------------- */

typedef struct {
  int input;                    /* index into the problem's inputs */
  double x_low, x_high;         /* the input at p_low and p_high of its distribution */
  double y_low, y_high;         /* the output with that input there, others nominal */
  double swing;                 /* |y_high - y_low| */
} gp_tornado_bar;

typedef struct {
  int output;
  double y_nominal;             /* every input nominal */
  size_t n_bars;
  gp_tornado_bar bar[GP_UQ_INPUTS_MAX]; /* sorted by swing, largest first (ties: input
                                           order) */
} gp_tornado_result;

/* One-at-a-time swings of output OUTPUT: each input in turn at the P_LOW and P_HIGH
 * quantiles of its distribution (0.05 and 0.95 are usual; 0 and 1 give the bounds of a
 * bounded distribution), the others at nominal; 2 n + 1 evaluations. Any model error
 * (infeasible included) stops it, naming the input and end. */
gp_status gp_uncertainty_tornado (const gp_uq_problem *pb, int output, double p_low,
                                  double p_high, gp_tornado_result *out, gp_error *err);

/* ---- variance-based sensitivity --------------------------------------------------- */

typedef struct {
  long base_samples;            /* N: N (k + 2) evaluations */
  int sampler;                  /* gp_sampler; Sobol needs 2 k <= 40 */
  long seed;
  bool skip_infeasible;         /* drop a whole row (A, B and every AB_i) when any point is
                                   GP_EINFEASIBLE */
  long threads;                 /* as gp_mc_params.threads: rows drawn in order, evaluated
                                   on the workers, summed in row order */
} gp_sobol_params;

extern const gp_param_table gp_sobol_param_table;

/* N = 4,096 Sobol points, seed 1, infeasible rows dropped. */
void gp_sobol_params_init (gp_sobol_params *p);

typedef struct {
  long rows;                    /* N drawn */
  long ok;                      /* rows used */
  size_t n_inputs, n_outputs;
  double variance[GP_UQ_OUTPUTS_MAX];                 /* V over the A and B samples */
  double mean[GP_UQ_OUTPUTS_MAX];
  double first[GP_UQ_INPUTS_MAX][GP_UQ_OUTPUTS_MAX];  /* S_i (Saltelli 2010) */
  double total[GP_UQ_INPUTS_MAX][GP_UQ_OUTPUTS_MAX];  /* S_Ti (Jansen 1999) */
  double first_se[GP_UQ_INPUTS_MAX][GP_UQ_OUTPUTS_MAX]; /* sd of the summand / sqrt(N) / V */
  double total_se[GP_UQ_INPUTS_MAX][GP_UQ_OUTPUTS_MAX];
} gp_sobol_result;

/* First-order and total Sobol indices of every output (Saltelli et al., "Variance based
 * sensitivity analysis of model output", Comput. Phys. Commun. 181, 2010, Table 2 (b)
 * and (f)): two independent N x k sample matrices A and B (from one 2k-dimensional
 * sequence) and, for each i, AB_i = A with column i taken from B:
 *   V    = variance of f over the 2N points of A and B
 *   S_i  = (1/N) sum_j f(B)_j (f(AB_i)_j - f(A)_j) / V             (Saltelli 2010)
 *   S_Ti = (1/2N) sum_j (f(A)_j - f(AB_i)_j)^2 / V                  (Jansen 1999)
 * Inputs are taken as independent. The _se fields are the estimators' standard errors
 * from the summands' spread (CLT; V taken as exact), a guide to whether N is enough.
 * An output with V = 0 gets indices 0. Allocates N (k + 2) m doubles. Errors as for
 * Monte Carlo; GP_EINVAL when Sobol sampling needs more than 40 dimensions. */
gp_status gp_uncertainty_sobol (const gp_uq_problem *pb, const gp_sobol_params *p,
                                gp_sobol_result *out, gp_error *err);

/* ---- break-even ------------------------------------------------------------------- */

typedef struct {
  long input;                   /* the input that moves; the others stay nominal */
  double lo, hi;                /* where to look, lo < hi */
  long output_a;                /* the root of y[a] - y[b] ... */
  long output_b;                /* ... or, when -1, of y[a] - target */
  double target;
  long scan_points;             /* grid to find a sign change, >= 2 */
  bool log_scan;                /* geometric grid (needs lo > 0) */
  double xtol_rel;              /* relative tolerance on x, > 0 */
  long max_iter;
} gp_break_even_params;

extern const gp_param_table gp_break_even_param_table;

/* Input 0, [0, 1], outputs 0 and 1, 64 scan points, linear, 1e-10, 100 iterations. */
void gp_break_even_params_init (gp_break_even_params *p);

typedef struct {
  double x;                     /* the break-even value */
  double y_a, y_b;              /* the outputs there (y_b = target when output_b = -1) */
  double bracket_lo, bracket_hi;/* the final bracket */
  double g_lo, g_hi;            /* y_a - y_b at the scan's ends */
  long crossings;               /* sign changes seen on the scan (the first, from lo, is
                                   refined; more than one means several break-evens) */
  long iterations;
  long evaluations;
} gp_break_even_result;

/* The value of one input where two outputs tie: scan SCAN_POINTS points over [lo, hi] for
 * the first sign change of g = y[a] - y[b] (infeasible points leave gaps that no bracket
 * crosses), then refine it with Brent's method (gsl_root_fsolver_brent; Brent 1973, ch. 4)
 * until the bracket is within xtol_rel. Errors: GP_ERANGE when g keeps one sign (the
 * message gives both outputs at lo and at hi), GP_ENOCONV after max_iter, model errors
 * (naming the value tried), GP_EINVAL for bad parameters. */
gp_status gp_uncertainty_break_even (const gp_uq_problem *pb, const gp_break_even_params *p,
                                     gp_break_even_result *out, gp_error *err);

/* ---- optimisation ----------------------------------------------------------------- */

#define GP_UQ_OPT_MAX 8         /* variables of one optimisation */

typedef struct {
  long n_vars;                  /* 1..GP_UQ_OPT_MAX */
  long vars[GP_UQ_OPT_MAX];     /* input indices; the other inputs stay nominal */
  double lo[GP_UQ_OPT_MAX], hi[GP_UQ_OPT_MAX];
  long output;                  /* the figure to minimise */
  bool maximize;                /* maximise it instead */
  long scan_points;             /* 1-D: grid before Brent, >= 3 */
  double xtol_rel;              /* 1-D: on x (a minimum is flat: about 1e-8 is the floor);
                                   n-D: simplex size in the transformed space */
  long max_iter;
  long restarts;                /* n-D: Nelder-Mead restarts from the best point */
} gp_minimize_params;

extern const gp_param_table gp_minimize_param_table;

/* One variable, input 0 on [0, 1], output 0, 32 scan points, 1e-6, 500 iterations,
 * 2 restarts. */
void gp_minimize_params_init (gp_minimize_params *p);

typedef struct {
  long n_vars;
  double x[GP_UQ_OPT_MAX];      /* the optimum */
  bool at_bound[GP_UQ_OPT_MAX]; /* it sits on (within 1e-6 of the range of) a bound */
  double f;                     /* the objective there (the output, unsigned) */
  size_t n_outputs;
  double y[GP_UQ_OUTPUTS_MAX];  /* every output there */
  long iterations;
  long evaluations;
  long infeasible;              /* points that could not be evaluated */
  bool converged;
} gp_minimize_result;

/* Minimise (or maximise) one output over 1..8 inputs within bounds.
 * One variable: a grid of scan_points over [lo, hi], then Brent's method
 * (gsl_min_fminimizer_brent) on the bracket around the best grid point; a best grid point
 * at an end is refined between it and its neighbour and may remain on the bound.
 * Several: Nelder-Mead (gsl_multimin_fminimizer_nmsimplex2) on unbounded z with the
 * MINUIT double-bounded transform x = lo + (hi - lo) (sin z + 1) / 2 (James, MINUIT
 * Reference Manual, CERN D506, sec. 1.3.1), so every trial point is inside the box and a
 * bound is reachable; started from the nominal point (clamped into the box) and restarted
 * from the best point RESTARTS times, as Nelder-Mead can stall. Infeasible points count
 * as +inf. Errors: bad parameters (GP_EINVAL), every scanned point infeasible
 * (GP_EINFEASIBLE), other model errors; converged = false (GP_OK) when max_iter was
 * reached with the best point found. */
gp_status gp_uncertainty_minimize (const gp_uq_problem *pb, const gp_minimize_params *p,
                                   gp_minimize_result *out, gp_error *err);

/* ---- Pareto frontier -------------------------------------------------------------- */

/* The points of (X[i], Y[i]), i < N, that no other point dominates, minimising both
 * (MAXIMIZE_X / MAXIMIZE_Y flip an axis). A point dominates another when it is no worse
 * in both and better in one; equal points are all kept. Writes their indices to FRONT
 * (caller-owned, room for N), sorted by x from best to worst, and their number to
 * *N_FRONT. O(N log N) (sort, then one sweep; Kung, Luccio and Preparata, J. ACM 22, 1975).
 * No allocation. GP_EINVAL on NaN or infinite coordinates, naming the index. */
gp_status gp_uncertainty_pareto (const double *x, const double *y, size_t n,
                                 bool maximize_x, bool maximize_y, size_t *front,
                                 size_t *n_front, gp_error *err);

/* ---- order statistics ------------------------------------------------------------- */

/* Quantile P in [0, 1] of SORTED[0..N-1] (ascending), type 7 linear interpolation. */
double gp_uncertainty_quantile_sorted (const double *sorted, size_t n, double p);


/* ---- systems ---------------------------------------------------------------------- */

/* Which systems an input applies to, by family; study and node paths are shared by all. */
typedef enum {
  GP_UQ_FAMILY_ALL,
  GP_UQ_FAMILY_DGX,
  GP_UQ_FAMILY_LITE_GPU,
  GP_UQ_FAMILY_WAFER_SCALE,
  GP_UQ_FAMILY_N
} gp_uq_family;

/* "all", "dgx", "lite_gpu", "wafer_scale", NULL (the last three as gp_family_names) */
extern const char *const gp_uq_family_names[];

/* An uncertain input of a system study: a path (gp-syspath.h) and its distribution. With
 * RELATIVE the draw is a factor on each system's own nominal value (so one "packaging
 * cost +-30%" serves packages of different prices); otherwise it is the value itself,
 * the same in every system it applies to. */
typedef struct {
  char name[GP_NAME_MAX];    /* a short label ("d0-n5"); "" = the path */
  char path[GP_SYSPATH_MAX];
  int family;                /* gp_uq_family */
  long system;               /* 0 = every system the family filter keeps, else 1-based */
  bool relative;
  gp_dist dist;
} gp_uq_input;

/* name, path, family, relative, kind, a, b, mode, mu, sigma, lo, hi (data/uncertainty.lua) */
extern const gp_param_table gp_uq_input_param_table;

/* No name or path, every system, absolute, uniform on [0, 1]. */
void gp_uq_input_init (gp_uq_input *in);

#define GP_UQ_SYSTEMS_MAX 2
#define GP_UQ_FIGURES_MAX 8  /* system outputs (gp_system_result_table names) per study */

typedef struct gp_uq_system gp_uq_system;

/* One or two systems (A, B; B may be NULL) on a study, copied so evaluations can change
 * them; NODES (copied) is the node table for gp_system_prepare. */
gp_uq_system *gp_uncertainty_system_new (const gp_system *a, const gp_system *b,
                                         const gp_study *st, const gp_node *nodes,
                                         size_t n_nodes, gp_error *err);
void gp_uncertainty_system_free (gp_uq_system *u); /* NULL-safe */

/* Add an input (before gp_uncertainty_system_ready). Its path must resolve in every system
 * it applies to (and in at least one); the nominal value is read from the first of them
 * (1 for a relative input). The distribution is checked only by the methods that sample.
 * Errors name the path (GP_ENOTFOUND, GP_EINVAL) or say the family filter keeps none. */
gp_status gp_uncertainty_system_add_input (gp_uq_system *u, const gp_uq_input *in,
                                           gp_error *err);

/* Add a figure by its gp_system_result_table name ("usd_per_model"). The problem's
 * outputs are, per figure k: with one system y[k] = A; with two, y[3k] = A, y[3k+1] = B,
 * y[3k+2] = A / B, named "a.NAME", "b.NAME", "a/b.NAME". */
gp_status gp_uncertainty_system_add_output (gp_uq_system *u, const char *name, gp_error *err);

/* Prepare every system at the nominal point and fix the plans: PLAN_A / PLAN_B when given,
 * else the best plan the search finds at nominal (one search per system, now). With
 * SEARCH_EACH the plan search runs at every evaluation instead (slow: a search is
 * milliseconds to seconds), which inputs that change the machine's size need. */
gp_status gp_uncertainty_system_ready (gp_uq_system *u, bool search_each,
                                       const gp_plan *plan_a, const gp_plan *plan_b,
                                       gp_error *err);

/* The problem to hand to the methods above: inputs in the order added, outputs as above.
 * Valid while U lives; U is not thread-safe (evaluations share its systems), so the problem
 * carries a CLONE that copies the systems, their preparations and the node table for each
 * extra worker (their counters are added back to U when they are freed). */
void gp_uncertainty_system_problem (gp_uq_system *u, gp_uq_problem *pb);

/* Index of an output: WHICH 0 = A, 1 = B, 2 = A/B; -1 when absent. */
long gp_uncertainty_system_output (const gp_uq_system *u, const char *name, int which);

/* Counters since creation: evaluations, and how many needed gp_system_prepare. */
void gp_uncertainty_system_counts (const gp_uq_system *u, long *evaluations, long *prepares);

/* The system (0 = A, 1 = B) as the last evaluation left it, and its result; NULL when
 * absent. */
const gp_system *gp_uncertainty_system_get (const gp_uq_system *u, int which);
const gp_system_result *gp_uncertainty_system_result (const gp_uq_system *u, int which);

/* Set every input back to nominal and prepare again. */
gp_status gp_uncertainty_system_reset (gp_uq_system *u, gp_error *err);

#ifdef __cplusplus
}
#endif
