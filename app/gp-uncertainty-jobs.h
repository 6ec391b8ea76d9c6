/* gp-uncertainty-jobs.h: the explorer's uncertainty work, with no widgets and no session:
 * Monte Carlo percentiles of a system's headline figures and the probability that it beats
 * the baseline, the tornado of one system's cost per trained model, the break-even fabric
 * energy per bit of a Lite-GPU system against the baseline (with a banded sweep), and the
 * bounded minimisation behind "Optimise…". Each function works on copies of the systems
 * (through gp_uq_system, models/gp-uncertainty.h) with the plans the session found, so
 * it runs in a GTask worker while the design lives on the main thread; each checks a
 * cancellable and writes its progress (per mille) to an atomic int. */
#pragma once

#include <gio/gio.h>

#include "gp-uncertainty.h"

G_BEGIN_DECLS

/* What a job reads: the shared study and node table, the default distributions
 * (data/uncertainty.lua), the sample count and seed, cancel and progress. */
typedef struct {
  const gp_study *study;
  const gp_node *nodes;
  size_t n_nodes;
  const gp_uq_input *inputs;   /* the distributions; borrowed */
  size_t n_inputs;
  long samples;                /* Monte Carlo samples per system */
  long band_samples;           /* per point of the break-even and count sweeps */
  long seed;
  GCancellable *cancellable;   /* may be NULL */
  gint *permille;              /* may be NULL: progress 0..1000 */
  double progress_lo, progress_hi; /* the share of the whole job this call covers */
} GpUqContext;

#define GP_UQ_INPUT_LIST_MAX 480

/* Percentiles (5, 50, 95 %) of a system's figures over the distributions, and the share
 * of samples where it beats the baseline (NAN for the baseline itself). */
typedef struct {
  gboolean valid;
  long samples, ok;
  double cost_q[3];        /* cost per trained model, USD */
  double time_q[3];        /* wall time to train (with failures), s */
  double carbon_q[3];      /* carbon per trained model, kgCO2e */
  double cost_ratio_q[3];  /* cost per model over the baseline's, same sample */
  double p_cheaper;        /* P(cost < baseline's cost) */
  double p_faster;         /* P(time < baseline's time) */
  double p_greener;        /* P(carbon < baseline's carbon) */
  char inputs[GP_UQ_INPUT_LIST_MAX]; /* names of the inputs that carried distributions */
  char message[GP_ERROR_MESSAGE_MAX]; /* why not valid ("" while not yet run) */
} GpUqStats;

/* One-at-a-time swings of one system's cost per trained model. */
typedef struct {
  gboolean valid;
  guint system_id;
  double nominal;          /* USD, every input nominal */
  int n;
  char name[GP_UQ_INPUTS_MAX][GP_NAME_MAX + 40]; /* "d0-n5 (0.1005–0.1095)" */
  double y_low[GP_UQ_INPUTS_MAX], y_high[GP_UQ_INPUTS_MAX]; /* USD at the 5th / 95th pct */
  char message[GP_ERROR_MESSAGE_MAX];
} GpUqTornado;

#define GP_UQ_SWEEP_POINTS 9

/* Cost per trained model of a Lite-GPU system against its fabric's energy per bit, the
 * baseline's for comparison, and the tie between them. */
typedef struct {
  gboolean valid;
  guint lite_id, base_id;
  double nominal_pj;       /* the fabric link's total pJ/bit per end as designed */
  gboolean found;
  double break_even_pj;    /* total pJ/bit per end where the costs tie */
  double break_even_usd;   /* the cost there */
  long crossings;
  int n;
  double x_pj[GP_UQ_SWEEP_POINTS];
  double lite_usd[GP_UQ_SWEEP_POINTS], lite_lo[GP_UQ_SWEEP_POINTS], lite_hi[GP_UQ_SWEEP_POINTS];
  double base_usd, base_lo, base_hi; /* the baseline does not depend on the Lite fabric */
  long band_samples;
  char inputs[GP_UQ_INPUT_LIST_MAX]; /* inputs drawn for the bands */
  char message[GP_ERROR_MESSAGE_MAX];
} GpUqBreakEven;

#define GP_UQ_COUNT_POINTS 8

/* Time to train (with failures) of one system at each accelerator count of the session's
 * count sweep, with its 5th and 95th percentiles over the distributions: at each count
 * the system is resized (gp_system_scale, GP_SCALE_COUNT) and run with the plan the
 * sweep found there, fixed. NAN where a point failed (message says why). */
typedef struct {
  gboolean valid;
  int n;
  double accelerators[GP_UQ_COUNT_POINTS];
  double nominal_s[GP_UQ_COUNT_POINTS]; /* every input nominal, s */
  double lo_s[GP_UQ_COUNT_POINTS], hi_s[GP_UQ_COUNT_POINTS]; /* 5th / 95th percentiles, s */
  long band_samples;
  char inputs[GP_UQ_INPUT_LIST_MAX]; /* inputs drawn for the bands */
  char message[GP_ERROR_MESSAGE_MAX]; /* the first point's failure, or why not valid */
} GpUqCountBands;

/* The figures "Optimise…" can minimise. */
typedef enum {
  GP_OPT_COST_PER_MODEL,   /* usd_per_model, USD */
  GP_OPT_COST_PER_PFLOPS,  /* usd_per_pflops_system: capex per PFLOP/s of peak, USD */
  GP_OPT_TIME_TO_TRAIN,    /* effective_time_to_train_s, shown in days */
  GP_OPT_CARBON_PER_MODEL, /* kgco2e_per_model, shown in t */
  GP_OPT_N
} GpOptFigure;

const char *gp_opt_figure_label (GpOptFigure f); /* "Cost per trained model" */
const char *gp_opt_figure_unit (GpOptFigure f);  /* "USD", "days", ... as shown */
/* A raw system-result figure in shown units. */
double gp_opt_figure_value (GpOptFigure f, const gp_system_result *r);

#define GP_OPT_VARS_MAX 2

typedef struct {
  int figure;              /* GpOptFigure */
  int n_vars;              /* 1 or 2 */
  char path[GP_OPT_VARS_MAX][GP_SYSPATH_MAX]; /* gp-syspath.h paths of the system */
  double lo[GP_OPT_VARS_MAX], hi[GP_OPT_VARS_MAX];
} GpOptimiseSpec;

typedef struct {
  gboolean ok;
  double x[GP_OPT_VARS_MAX];
  gboolean at_bound[GP_OPT_VARS_MAX];
  double nominal_x[GP_OPT_VARS_MAX];
  double value;            /* the figure at the optimum, shown units */
  double nominal_value;    /* at the design's own values */
  gboolean converged;
  long evaluations, infeasible;
  char message[GP_ERROR_MESSAGE_MAX];
} GpOptimum;

/* Stats of A (with its plan) against baseline B (NULL when A is the baseline: no P). */
gboolean gp_uq_job_stats (const GpUqContext *c, const gp_system *a, const gp_plan *plan_a,
                          const gp_system *b, const gp_plan *plan_b, GpUqStats *out);

/* Tornado of A's cost per trained model over the inputs that apply to it (5th / 95th
 * percentiles). */
gboolean gp_uq_job_tornado (const GpUqContext *c, const gp_system *a, const gp_plan *plan_a,
                            GpUqTornado *out);

/* Break-even of LITE (an optical scale-up link) against BASE on cost per trained model
 * over link.other_pj_per_bit (the link model's remainder term, so the total moves one for
 * one with it), Brent's method on the difference; then a sweep with 5-95 % bands from the
 * other inputs. */
gboolean gp_uq_job_break_even (const GpUqContext *c, const gp_system *lite,
                               const gp_plan *plan_lite, const gp_system *base,
                               const gp_plan *plan_base, GpUqBreakEven *out);

/* Bands of A's effective time to train at the N counts ACCELERATORS of its count sweep
 * (OK[k] FALSE: the sweep found no plan there; the point is left NAN), each with
 * c->band_samples Monte Carlo samples over the inputs that apply to A, the plan PLANS[k]
 * fixed, one seed for every point (common random numbers: a smooth band). N is at most
 * GP_UQ_COUNT_POINTS. FALSE when cancelled or nothing could be set up. */
gboolean gp_uq_job_count_bands (const GpUqContext *c, const gp_system *a, int n,
                                const double *accelerators, const gp_plan *plans,
                                const gboolean *ok, GpUqCountBands *out);

/* Minimise SPEC's figure of A over its variables (gp_uncertainty_minimize). */
gboolean gp_uq_job_minimize (const GpUqContext *c, const gp_system *a, const gp_plan *plan_a,
                             const GpOptimiseSpec *spec, GpOptimum *out);

/* Continuous (double) paths of A that "Optimise…" offers: the system's own sections and
 * the study, not the shared node table. Returns a NULL-terminated array (g_strfreev). */
char **gp_uq_optimisable_paths (const gp_system *a, const gp_study *study);

/* The default variable and bounds for A: for an optical scale-up fabric, its per-link
 * rate (topology.scaleup_link_rate_gbps, 1/4x to 4x: bandwidth bought against its cost and
 * power), else the logic die's width (1/2x to 3/2x). */
void gp_uq_default_optimise (const gp_system *a, GpOptimiseSpec *spec);

G_END_DECLS
