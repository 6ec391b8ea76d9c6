/* gp-uncertainty-system.c: the system adapter: one or two systems and their study as an
 * n-in, m-out model for the engine, inputs set by syspath, re-preparing only when a path
 * needs it, outputs for A, B and A/B. */
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


#include "gp-syspath.h"
#include "gp-system.h"

#define OPT GP_PARAM_F_OPTIONAL

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
  gp_uq_system *parent;           /* a worker's copy: where its counters go when freed */
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
      /* staged: a D0 or price draw does not count the dies again */
      GP_TRY (gp_system_prepare_staged (&u->sys[s], &u->study, u->nodes, u->n_nodes,
                                        &u->prep[s], err));
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
    {
      /* Every input was set within its range above, so a system that cannot be evaluated
       * here (a legal D0 of 6.35 that drives a package's carbon past its descriptor's
       * range) is an infeasible point, not the caller's mistake. */
      gp_status st = system_eval (u, s, err);
      if (st == GP_EINVAL || st == GP_ENOTFOUND || st == GP_ERANGE)
        {
          if (err)
            err->status = GP_EINFEASIBLE;
          return GP_EINFEASIBLE;
        }
      if (st != GP_OK)
        return st;
    }
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

/* A worker's copy (gp_uq_problem.clone): the systems, study, preparations and results as
 * they stand, its own node table, and every path resolved again into the copy. */
static void *
system_clone (void *user, gp_error *err)
{
  gp_uq_system *u = user;
  gp_uq_system *c = malloc (sizeof *c);
  if (c == NULL)
    {
      gp_error_set (err, GP_ENOMEM, NULL, "out of memory for a worker's systems");
      return NULL;
    }
  *c = *u;
  c->parent = u;
  c->evaluations = c->prepares = 0;
  c->nodes = NULL;
  if (u->n_nodes > 0 && (c->nodes = malloc (u->n_nodes * sizeof *u->nodes)) == NULL)
    {
      free (c);
      gp_error_set (err, GP_ENOMEM, NULL, "out of memory for a worker's node table");
      return NULL;
    }
  if (u->n_nodes > 0)
    memcpy (c->nodes, u->nodes, u->n_nodes * sizeof *u->nodes);
  for (size_t s = 0; s < u->n_systems; s++)
    c->target[s] = (gp_syspath_target) { &c->sys[s], &c->study, c->nodes, c->n_nodes };
  for (size_t i = 0; i < u->n_inputs; i++)
    for (size_t s = 0; s < u->n_systems; s++)
      if (u->applies[i][s]
          && gp_syspath_resolve (&c->target[s], u->inputs[i].path, &c->ref[i][s], err)
               != GP_OK)
        {
          free (c->nodes);
          free (c);
          return NULL;
        }
  return c;
}

static void
system_clone_free (void *copy)
{
  gp_uq_system *c = copy;
  if (c == NULL)
    return;
  if (c->parent)
    {
      c->parent->evaluations += c->evaluations;
      c->parent->prepares += c->prepares;
    }
  free (c->nodes);
  free (c);
}

/* Each point's outputs depend on its X alone (the staged prepare is a full one's bytes and
 * the plans are fixed or searched afresh) unless a coupled input scales another field by
 * its last value or two inputs set the same field: then the order of the points matters
 * and the problem stays on one thread. */
static bool
points_independent (const gp_uq_system *u)
{
  for (size_t i = 0; i < u->n_inputs; i++)
    for (size_t s = 0; s < u->n_systems; s++)
      {
        if (!u->applies[i][s])
          continue;
        if (u->ref[i][s].flags & GP_SYSPATH_F_COUPLED)
          return false;
        for (size_t j = 0; j < i; j++)
          for (size_t t = 0; t < u->n_systems; t++)
            if (u->applies[j][t] && u->ref[j][t].owner == u->ref[i][s].owner
                && u->ref[j][t].param == u->ref[i][s].param)
              return false;
      }
  return true;
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
  if (points_independent (u))
    {
      pb->clone = system_clone;
      pb->clone_free = system_clone_free;
    }
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
