/* gp-uncertainty-jobs.c: the explorer's uncertainty work on copies of the systems (see
 * gp-uncertainty-jobs.h). Everything here runs in worker threads: no session, no GTK. */
#include "gp-uncertainty-jobs.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gp-axis.h"
#include "gp-link.h"
#include "gp-topology.h"

static const struct {
  const char *label, *unit, *output;
  gboolean maximize;
} opt_figures[GP_OPT_N] = {
  { N_("Cost per trained model"), "USD", "usd_per_model", FALSE },
  { N_("Cost per PFLOP/s: per system (capex)"), "USD", "usd_per_pflops_system", FALSE },
  { N_("Time to train (with failures)"), "days", "effective_time_to_train_s", FALSE },
  { N_("Carbon per trained model"), "t CO2e", "kgco2e_per_model", FALSE },
};

const char *
gp_opt_figure_label (GpOptFigure f)
{
  return f < GP_OPT_N ? _(opt_figures[f].label) : "";
}

const char *
gp_opt_figure_unit (GpOptFigure f)
{
  return f < GP_OPT_N ? opt_figures[f].unit : "";
}

/* Shown units from the output the minimiser works on (cost per PFLOP/s is the system
 * definition of models/gp-compute-cost.h, shown as it is). */
static double
shown (GpOptFigure f, double raw)
{
  switch (f)
    {
    case GP_OPT_TIME_TO_TRAIN: return raw / 86400.0;
    case GP_OPT_CARBON_PER_MODEL: return raw / 1000.0;
    default: return raw;
    }
}

double
gp_opt_figure_value (GpOptFigure f, const gp_system_result *r)
{
  const gp_param *p = gp_param_table_find (&gp_system_result_table, opt_figures[f].output);
  return p ? shown (f, gp_param_get (p, r)) : NAN;
}

/* ---- shared plumbing ---- */

typedef struct {
  const GpUqContext *c;
  double lo, hi;          /* this problem's share of the job's progress */
} Progress;

static bool
on_progress (double fraction, void *user)
{
  Progress *p = user;
  if (p->c->permille)
    {
      double f = p->lo + (p->hi - p->lo) * CLAMP (fraction, 0.0, 1.0);
      g_atomic_int_set (p->c->permille, (int) (1000.0 * CLAMP (f, 0.0, 1.0)));
    }
  return !g_cancellable_is_cancelled (p->c->cancellable);
}

static void
append_name (char *list, size_t size, const char *name)
{
  if (strstr (list, name))
    return;
  if (list[0])
    g_strlcat (list, ", ", size);
  g_strlcat (list, name, size);
}

/* Add every default input that fits the systems of U. An input whose path does not exist
 * in both systems (the wafer-scale machine has no HBM part) is kept for the one where it
 * does; one that fits neither (a Lite-GPU fabric input on two DGX machines) is left out.
 * SKIP (may be NULL) names a path left out on purpose. The names used go to LIST. */
static void
add_inputs (const GpUqContext *c, gp_uq_system *u, int n_systems, const char *skip,
            char *list, size_t list_size)
{
  for (size_t i = 0; i < c->n_inputs; i++)
    {
      gp_uq_input in = c->inputs[i];
      if (skip && strcmp (in.path, skip) == 0)
        continue;
      gboolean added = FALSE;
      for (long s = 0; s <= n_systems && !added; s++)
        {
          in.system = s;
          added = gp_uncertainty_system_add_input (u, &in, NULL) == GP_OK;
        }
      if (added && list)
        append_name (list, list_size, in.name[0] ? in.name : in.path);
    }
}

static gp_uq_system *
new_system (const GpUqContext *c, const gp_system *a, const gp_system *b, gp_error *err)
{
  return gp_uncertainty_system_new (a, b, c->study, c->nodes, c->n_nodes, err);
}

static void
set_message (char *dst, const gp_error *err, const char *fallback)
{
  g_strlcpy (dst, err->message[0] ? err->message : fallback, GP_ERROR_MESSAGE_MAX);
}

/* ---- Monte Carlo of one system against the baseline ---- */

gboolean
gp_uq_job_stats (const GpUqContext *c, const gp_system *a, const gp_plan *plan_a,
                 const gp_system *b, const gp_plan *plan_b, GpUqStats *out)
{
  memset (out, 0, sizeof *out);
  out->p_cheaper = out->p_faster = out->p_greener = NAN;
  gp_error err = { 0 };
  gp_uq_system *u = new_system (c, a, b, &err);
  if (u == NULL)
    {
      set_message (out->message, &err, _("out of memory"));
      return FALSE;
    }
  add_inputs (c, u, b ? 2 : 1, NULL, out->inputs, sizeof out->inputs);
  static const char *const figs[] = { "usd_per_model", "effective_time_to_train_s",
                                      "kgco2e_per_model" };
  gboolean ok = TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (figs) && ok; k++)
    ok = gp_uncertainty_system_add_output (u, figs[k], &err) == GP_OK;
  ok = ok && gp_uncertainty_system_ready (u, false, plan_a, plan_b, &err) == GP_OK;
  gp_uq_problem pb;
  gp_mc_result *r = g_new0 (gp_mc_result, 1);
  if (ok)
    {
      gp_uncertainty_system_problem (u, &pb);
      Progress prog = { c, c->progress_lo, c->progress_hi };
      pb.progress = on_progress;
      pb.progress_user = &prog;
      gp_mc_params p;
      gp_mc_params_init (&p);
      p.samples = c->samples;
      p.seed = c->seed;
      if (b)
        {
          /* P(a < b) for each figure: outputs 3k (A) and 3k + 1 (B). */
          p.n_pairs = 3;
          for (int k = 0; k < 3; k++)
            {
              p.pair_a[k] = 3 * k;
              p.pair_b[k] = 3 * k + 1;
            }
        }
      ok = gp_uncertainty_monte_carlo (&pb, &p, r, NULL, NULL, &err) == GP_OK;
    }
  if (ok)
    {
      size_t per = b ? 3 : 1;
      for (int q = 0; q < 3; q++)
        {
          out->cost_q[q] = r->out[0].q[q];
          out->time_q[q] = r->out[per].q[q];
          out->carbon_q[q] = r->out[2 * per].q[q];
          out->cost_ratio_q[q] = b ? r->out[2].q[q] : 1.0;
        }
      if (b)
        {
          out->p_cheaper = r->p_less[0];
          out->p_faster = r->p_less[1];
          out->p_greener = r->p_less[2];
        }
      out->samples = r->samples;
      out->ok = r->ok;
      out->valid = TRUE;
    }
  else
    set_message (out->message, &err, _("the Monte Carlo run failed"));
  g_free (r);
  gp_uncertainty_system_free (u);
  return ok;
}

/* ---- tornado ---- */

/* The tornado's input range LO-HI in one format, chosen by the larger end: plain decimals
 * with 3 significant digits of it from 0.001 to 999 ("0.755", "19.1", "0.00098-0.00953"),
 * the charts' SI prefixes outside ("9.38 k-15.1 k"), never "9.38e+03". */
static void
compact_one (double v, int decimals, char *buf, size_t size)
{
  if (decimals < 0)
    {
      gp_format_si (v, 3, buf, size);
      return;
    }
  g_snprintf (buf, size, "%.*f", decimals, v);
  if (strchr (buf, '.'))
    {
      /* trailing zeros dropped: 0.100 -> 0.1 */
      char *e = buf + strlen (buf) - 1;
      while (*e == '0')
        *e-- = '\0';
      if (*e == '.')
        *e = '\0';
    }
}

static void
compact_range (double lo, double hi, char *blo, char *bhi, size_t size)
{
  double a = MAX (fabs (lo), fabs (hi));
  int decimals = a >= 1e-3 && a < 999.5 ? MAX (0, 2 - (int) floor (log10 (a))) : -1;
  compact_one (lo, decimals, blo, size);
  compact_one (hi, decimals, bhi, size);
}

gboolean
gp_uq_job_tornado (const GpUqContext *c, const gp_system *a, const gp_plan *plan_a,
                   GpUqTornado *out)
{
  memset (out, 0, sizeof *out);
  gp_error err = { 0 };
  gp_uq_system *u = new_system (c, a, NULL, &err);
  if (u == NULL)
    {
      set_message (out->message, &err, _("out of memory"));
      return FALSE;
    }
  add_inputs (c, u, 1, NULL, NULL, 0);
  gboolean ok = gp_uncertainty_system_add_output (u, "usd_per_model", &err) == GP_OK
                && gp_uncertainty_system_ready (u, false, plan_a, NULL, &err) == GP_OK;
  gp_tornado_result *r = g_new0 (gp_tornado_result, 1);
  gp_uq_problem pb;
  if (ok)
    {
      gp_uncertainty_system_problem (u, &pb);
      Progress prog = { c, c->progress_lo, c->progress_hi };
      pb.progress = on_progress;
      pb.progress_user = &prog;
      ok = gp_uncertainty_tornado (&pb, 0, 0.05, 0.95, r, &err) == GP_OK;
    }
  if (ok)
    {
      out->nominal = r->y_nominal;
      for (size_t k = 0; k < r->n_bars && k < GP_UQ_INPUTS_MAX; k++)
        {
          const gp_tornado_bar *bar = &r->bar[k];
          const gp_uq_input *in = &c->inputs[0];
          /* The problem's input names are the paths; show the short name. */
          const char *path = pb.input_names ? pb.input_names[bar->input] : "";
          const char *name = path;
          for (size_t i = 0; i < c->n_inputs; i++)
            if (strcmp (c->inputs[i].path, path) == 0)
              {
                in = &c->inputs[i];
                name = in->name[0] ? in->name : in->path;
                break;
              }
          char lo[32], hi[32];
          compact_range (bar->x_low, bar->x_high, lo, hi, sizeof lo);
          g_snprintf (out->name[k], sizeof out->name[k], "%s %s%s–%s", name,
                      in->relative ? "×" : "", lo, hi);
          out->y_low[k] = bar->y_low;
          out->y_high[k] = bar->y_high;
          out->n++;
        }
      out->valid = TRUE;
    }
  else
    set_message (out->message, &err, _("the tornado failed"));
  g_free (r);
  gp_uncertainty_system_free (u);
  return ok;
}

/* ---- break-even fabric energy ---- */

#define OTHER_PATH "link.other_pj_per_bit"

gboolean
gp_uq_job_break_even (const GpUqContext *c, const gp_system *lite, const gp_plan *plan_lite,
                      const gp_system *base, const gp_plan *plan_base, GpUqBreakEven *out)
{
  memset (out, 0, sizeof *out);
  out->break_even_pj = out->break_even_usd = NAN;
  gp_error err = { 0 };
  gp_link_result lr;
  if (gp_link_eval (&lite->link, &lr, &err) != GP_OK)
    {
      set_message (out->message, &err, _("the fabric link does not close"));
      return FALSE;
    }
  out->nominal_pj = lr.total_pj_per_bit;
  /* total = offset + other: the link model adds the remainder term as it is. */
  double offset = lr.total_pj_per_bit - lite->link.other_pj_per_bit;
  /* The remainder term's own range, and the topology's, which receives the total. */
  const gp_param *op = gp_param_table_find (&gp_link_param_table, "other_pj_per_bit");
  const gp_param *tp = gp_param_table_find (&gp_topology_param_table,
                                            "scaleup_energy_pj_per_bit");
  double other_max = op ? op->max : 1e4;
  if (tp && tp->max - offset < other_max)
    other_max = tp->max - offset;

  gp_uq_system *u = new_system (c, lite, base, &err);
  if (u == NULL)
    {
      set_message (out->message, &err, _("out of memory"));
      return FALSE;
    }
  gp_uq_input in;
  gp_uq_input_init (&in);
  g_strlcpy (in.name, "fabric-pj-per-bit", sizeof in.name);
  g_strlcpy (in.path, OTHER_PATH, sizeof in.path);
  in.system = 1;
  gboolean ok = gp_uncertainty_system_add_input (u, &in, &err) == GP_OK
                && gp_uncertainty_system_add_output (u, "usd_per_model", &err) == GP_OK
                && gp_uncertainty_system_ready (u, false, plan_lite, plan_base, &err) == GP_OK;
  gp_uq_problem pb;
  Progress prog = { c, c->progress_lo, c->progress_lo + 0.2 * (c->progress_hi - c->progress_lo) };
  if (ok)
    {
      gp_uncertainty_system_problem (u, &pb);
      pb.progress = on_progress;
      pb.progress_user = &prog;
      gp_break_even_params p;
      gp_break_even_params_init (&p);
      p.input = 0;
      p.lo = 0;
      p.hi = other_max;
      p.output_a = 0;  /* a.usd_per_model */
      p.output_b = 1;  /* b.usd_per_model */
      p.scan_points = 200;
      p.xtol_rel = 1e-8;
      gp_break_even_result r;
      gp_error be_err = { 0 };
      gp_status st = gp_uncertainty_break_even (&pb, &p, &r, &be_err);
      if (st == GP_OK)
        {
          out->found = TRUE;
          out->break_even_pj = r.x + offset;
          out->break_even_usd = r.y_a;
          out->crossings = r.crossings;
        }
      else if (st == GP_ERANGE)
        g_strlcpy (out->message, be_err.message, sizeof out->message);
      else
        {
          ok = FALSE;
          err = be_err;
        }
    }
  /* The sweep: from the design's own energy per bit to past the break-even (or to the
   * top of the range), geometric. */
  double x0 = MAX (out->nominal_pj * 0.5, offset + 0.01);
  double x1 = out->found ? MAX (out->break_even_pj * 2.5, out->nominal_pj * 4)
                         : offset + other_max;
  /* Half the range at most: the bands draw the other inputs (laser efficiency, ...) around
     each point, and the link's total must stay inside the topology's range for them too. */
  x1 = MIN (x1, offset + 0.5 * other_max);
  if (ok)
    for (int k = 0; k < GP_UQ_SWEEP_POINTS; k++)
      out->x_pj[k] = x0 * pow (x1 / x0, (double) k / (GP_UQ_SWEEP_POINTS - 1));
  gp_uncertainty_system_free (u);

  /* Bands: at each energy per bit, a Monte Carlo over the other inputs (the fabric's own
   * pJ/bit input is the swept one), common random numbers (one seed) across the sweep so
   * the band is smooth. */
  out->band_samples = c->band_samples;
  gp_system *copy = g_new (gp_system, 1);
  gp_mc_result *mr = g_new0 (gp_mc_result, 1);
  for (int k = 0; ok && k < GP_UQ_SWEEP_POINTS; k++)
    {
      if (g_cancellable_is_cancelled (c->cancellable))
        {
          ok = FALSE;
          g_strlcpy (err.message, _("cancelled"), sizeof err.message);
          break;
        }
      *copy = *lite;
      copy->link.other_pj_per_bit = out->x_pj[k] - offset;
      gp_uq_system *v = new_system (c, copy, base, &err);
      if (v == NULL)
        {
          ok = FALSE;
          break;
        }
      gboolean first = k == 0;
      add_inputs (c, v, 2, OTHER_PATH, first ? out->inputs : NULL, sizeof out->inputs);
      ok = gp_uncertainty_system_add_output (v, "usd_per_model", &err) == GP_OK
           && gp_uncertainty_system_ready (v, false, plan_lite, plan_base, &err) == GP_OK;
      if (ok)
        {
          gp_uq_problem q;
          gp_uncertainty_system_problem (v, &q);
          double span = 0.8 * (c->progress_hi - c->progress_lo) / GP_UQ_SWEEP_POINTS;
          Progress pp = { c, prog.hi + k * span, prog.hi + (k + 1) * span };
          q.progress = on_progress;
          q.progress_user = &pp;
          /* The nominal first (every input at its nominal), then the band. */
          double y[3];
          ok = q.fn (q.nominal, y, q.user, &err) == GP_OK;
          gp_mc_params p;
          gp_mc_params_init (&p);
          p.samples = MAX (c->band_samples, 2);
          p.seed = c->seed;
          ok = ok && gp_uncertainty_monte_carlo (&q, &p, mr, NULL, NULL, &err) == GP_OK;
          if (ok)
            {
              out->lite_usd[k] = y[0];
              out->lite_lo[k] = mr->out[0].q[0];
              out->lite_hi[k] = mr->out[0].q[2];
              if (first)
                {
                  out->base_usd = y[1];
                  out->base_lo = mr->out[1].q[0];
                  out->base_hi = mr->out[1].q[2];
                }
              out->n = k + 1;
            }
        }
      gp_uncertainty_system_free (v);
    }
  g_free (mr);
  g_free (copy);
  if (ok)
    out->valid = TRUE;
  else
    set_message (out->message, &err, _("the break-even study failed"));
  return ok;
}

/* ---- bands over the accelerator-count sweep ---- */

gboolean
gp_uq_job_count_bands (const GpUqContext *c, const gp_system *a, int n,
                       const double *accelerators, const gp_plan *plans, const gboolean *ok,
                       GpUqCountBands *out)
{
  memset (out, 0, sizeof *out);
  n = CLAMP (n, 0, GP_UQ_COUNT_POINTS);
  out->band_samples = c->band_samples;
  for (int k = 0; k < GP_UQ_COUNT_POINTS; k++)
    out->nominal_s[k] = out->lo_s[k] = out->hi_s[k] = NAN;
  gp_system *copy = g_new (gp_system, 1);
  gp_mc_result *mr = g_new0 (gp_mc_result, 1);
  gboolean cancelled = FALSE;
  for (int k = 0; k < n; k++)
    {
      out->accelerators[k] = accelerators[k];
      out->n = k + 1;
      if (g_cancellable_is_cancelled (c->cancellable))
        {
          cancelled = TRUE;
          break;
        }
      if (!ok[k])
        continue;
      gp_error err = { 0 };
      /* The same resize the sweep made: the count is already a whole number of servers,
       * so scaling to it again gives it back (checked, in case the rounding moves it). */
      *copy = *a;
      gboolean fine = gp_system_scale (copy, c->study, c->nodes, c->n_nodes, GP_SCALE_COUNT,
                                       accelerators[k], &err) == GP_OK;
      if (fine && (double) copy->sys.accelerators != accelerators[k])
        {
          gp_error_set (&err, GP_EINVAL, "accelerators",
                        _("resizing to %.0f accelerators gave %ld"), accelerators[k],
                        (long) copy->sys.accelerators);
          fine = FALSE;
        }
      gp_uq_system *u = fine ? new_system (c, copy, NULL, &err) : NULL;
      if (u)
        {
          add_inputs (c, u, 1, NULL, out->inputs, sizeof out->inputs);
          fine = gp_uncertainty_system_add_output (u, "effective_time_to_train_s", &err) == GP_OK
                 && gp_uncertainty_system_ready (u, false, &plans[k], NULL, &err) == GP_OK;
        }
      else
        fine = FALSE;
      if (fine)
        {
          gp_uq_problem q;
          gp_uncertainty_system_problem (u, &q);
          double span = (c->progress_hi - c->progress_lo) / MAX (n, 1);
          Progress pp = { c, c->progress_lo + k * span, c->progress_lo + (k + 1) * span };
          q.progress = on_progress;
          q.progress_user = &pp;
          double y;
          fine = q.fn (q.nominal, &y, q.user, &err) == GP_OK;
          gp_mc_params p;
          gp_mc_params_init (&p);
          p.samples = MAX (c->band_samples, 2);
          p.seed = c->seed;
          fine = fine && gp_uncertainty_monte_carlo (&q, &p, mr, NULL, NULL, &err) == GP_OK;
          if (fine)
            {
              out->nominal_s[k] = y;
              out->lo_s[k] = mr->out[0].q[0];
              out->hi_s[k] = mr->out[0].q[2];
            }
          else if (g_cancellable_is_cancelled (c->cancellable))
            cancelled = TRUE;
        }
      gp_uncertainty_system_free (u);
      if (cancelled)
        break;
      if (!fine && out->message[0] == '\0')
        g_snprintf (out->message, sizeof out->message, _("%.0f accelerators: %s"),
                    accelerators[k], err.message[0] ? err.message : _("the Monte Carlo run failed"));
    }
  g_free (mr);
  g_free (copy);
  if (cancelled)
    {
      g_strlcpy (out->message, _("cancelled"), sizeof out->message);
      return FALSE;
    }
  out->valid = TRUE;
  return TRUE;
}

/* ---- optimisation ---- */

gboolean
gp_uq_job_minimize (const GpUqContext *c, const gp_system *a, const gp_plan *plan_a,
                    const GpOptimiseSpec *spec, GpOptimum *out)
{
  memset (out, 0, sizeof *out);
  gp_error err = { 0 };
  if (spec->figure < 0 || spec->figure >= GP_OPT_N || spec->n_vars < 1
      || spec->n_vars > GP_OPT_VARS_MAX)
    {
      g_strlcpy (out->message, _("optimise: choose a figure and one or two parameters"),
                 sizeof out->message);
      return FALSE;
    }
  gp_uq_system *u = new_system (c, a, NULL, &err);
  if (u == NULL)
    {
      set_message (out->message, &err, _("out of memory"));
      return FALSE;
    }
  gboolean ok = TRUE;
  for (int i = 0; i < spec->n_vars && ok; i++)
    {
      gp_uq_input in;
      gp_uq_input_init (&in);
      g_strlcpy (in.path, spec->path[i], sizeof in.path);
      if (!(spec->lo[i] < spec->hi[i]))
        {
          gp_error_set (&err, GP_EINVAL, spec->path[i],
                        _("%s: the lower bound %g must be below the upper bound %g"),
                        spec->path[i], spec->lo[i], spec->hi[i]);
          ok = FALSE;
        }
      else
        ok = gp_uncertainty_system_add_input (u, &in, &err) == GP_OK;
    }
  const char *output = opt_figures[spec->figure].output;
  ok = ok && gp_uncertainty_system_add_output (u, output, &err) == GP_OK
       && gp_uncertainty_system_ready (u, false, plan_a, NULL, &err) == GP_OK;
  if (ok)
    {
      gp_uq_problem pb;
      gp_uncertainty_system_problem (u, &pb);
      Progress prog = { c, c->progress_lo, c->progress_hi };
      pb.progress = on_progress;
      pb.progress_user = &prog;
      double y0;
      ok = pb.fn (pb.nominal, &y0, pb.user, &err) == GP_OK;
      for (int i = 0; i < spec->n_vars; i++)
        out->nominal_x[i] = pb.nominal[i];
      out->nominal_value = ok ? shown (spec->figure, y0) : NAN;
      gp_minimize_params p;
      gp_minimize_params_init (&p);
      p.n_vars = spec->n_vars;
      for (int i = 0; i < spec->n_vars; i++)
        {
          p.vars[i] = i;
          p.lo[i] = spec->lo[i];
          p.hi[i] = spec->hi[i];
        }
      p.output = 0;
      p.maximize = opt_figures[spec->figure].maximize;
      p.scan_points = 48;
      p.xtol_rel = 1e-6;
      gp_minimize_result r;
      ok = ok && gp_uncertainty_minimize (&pb, &p, &r, &err) == GP_OK;
      if (ok)
        {
          for (int i = 0; i < spec->n_vars; i++)
            {
              out->x[i] = r.x[i];
              out->at_bound[i] = r.at_bound[i];
            }
          out->value = shown (spec->figure, r.f);
          out->converged = r.converged;
          out->evaluations = r.evaluations;
          out->infeasible = r.infeasible;
          out->ok = TRUE;
        }
    }
  if (!ok)
    set_message (out->message, &err, _("the optimisation failed"));
  gp_uncertainty_system_free (u);
  return ok;
}

char **
gp_uq_optimisable_paths (const gp_system *a, const gp_study *study)
{
  gp_system *sys = g_new (gp_system, 1);
  gp_study *st = g_new (gp_study, 1);
  *sys = *a;
  *st = *study;
  gp_syspath_target t = { sys, st, NULL, 0 };
  size_t n = gp_syspath_list (&t, NULL, 0);
  gp_syspath_info *info = g_new0 (gp_syspath_info, MAX (n, 1));
  n = gp_syspath_list (&t, info, n);
  GPtrArray *out = g_ptr_array_new ();
  for (size_t i = 0; i < n; i++)
    if (info[i].param->type == GP_PARAM_DOUBLE && !(info[i].flags & GP_SYSPATH_F_NODE))
      g_ptr_array_add (out, g_strdup (info[i].path));
  g_ptr_array_add (out, NULL);
  g_free (info);
  g_free (st);
  g_free (sys);
  return (char **) g_ptr_array_free (out, FALSE);
}

void
gp_uq_default_optimise (const gp_system *a, GpOptimiseSpec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->figure = GP_OPT_COST_PER_MODEL;
  spec->n_vars = 1;
  if (a->link.medium == GP_LINK_OPTICAL && a->sys.use_scaleup_link
      && a->topology.scaleup_link_rate_gbps > 0)
    {
      g_strlcpy (spec->path[0], "topology.scaleup_link_rate_gbps", sizeof spec->path[0]);
      spec->lo[0] = a->topology.scaleup_link_rate_gbps / 4;
      spec->hi[0] = a->topology.scaleup_link_rate_gbps * 4;
      return;
    }
  double w = 0;
  for (int i = 0; i < a->package.n_parts && i < GP_PACKAGE_PARTS_MAX; i++)
    if (a->package.parts[i].kind == GP_PART_LOGIC)
      {
        w = a->package.parts[i].die_width_mm;
        break;
      }
  g_strlcpy (spec->path[0], "package.parts[logic].die_width_mm", sizeof spec->path[0]);
  spec->lo[0] = w > 0 ? w / 2 : 1;
  spec->hi[0] = w > 0 ? w * 1.5 : 30;
}
