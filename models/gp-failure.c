/* gp-failure.c: job failure rate, checkpoint interval and goodput (equations in gp-failure.h). */
#include "gp-failure.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

static const gp_param failure_params[] = {
  GP_P_STRING (gp_failure_params, name, 0, "Scenario", "Name of the failure scenario"),
  GP_P_INT (gp_failure_params, n_accel, 1, 1e9, GP_PARAM_F_LOG, "", "Accelerators",
            "Accelerators (or wafer-scale systems) in the job"),
  GP_P_INT (gp_failure_params, accel_per_node, 1, 1e7, 0, "", "Accelerators per node",
            "Accelerators sharing one host/server"),
  GP_P_INT (gp_failure_params, mem_stacks_per_accel, 0, 1000, 0, "", "Memory stacks",
            "HBM stacks per accelerator"),
  GP_P_DOUBLE (gp_failure_params, links_per_accel, 0, 1000, 0, "", "Links",
               "Failure-prone network links per accelerator (a direct fabric: ports / 2)"),
  GP_P_INT (gp_failure_params, dies_per_accel, 0, 1000, 0, "", "Logic dies",
            "Logic dies per accelerator (a wafer counts 1)"),
  GP_P_DOUBLE (gp_failure_params, logic_area_mm2, 0, 1e6, 0, "mm2", "Logic area",
               "Logic silicon per accelerator"),
  GP_P_DOUBLE (gp_failure_params, area_failures_per_hour_mm2, 0, 1, GP_PARAM_F_LOG, "1/(h mm2)",
               "On-die failure rate per area", "Per mm2 of logic silicon (faulty GPU, SRAM)"),
  GP_P_DOUBLE (gp_failure_params, die_failures_per_hour, 0, 1, GP_PARAM_F_LOG, "1/h",
               "Die failure rate", "Per logic die whatever its size (its system processor)"),
  GP_P_DOUBLE (gp_failure_params, mem_failures_per_hour, 0, 1, GP_PARAM_F_LOG, "1/h",
               "Memory stack failure rate", "Per HBM stack"),
  GP_P_DOUBLE (gp_failure_params, link_failures_per_hour, 0, 1, GP_PARAM_F_LOG, "1/h",
               "Link failure rate", "Per link"),
  GP_P_DOUBLE (gp_failure_params, node_failures_per_hour, 0, 1, GP_PARAM_F_LOG, "1/h",
               "Node failure rate", "Per node: host, power, software and the rest"),
  GP_P_DOUBLE (gp_failure_params, region_remap_share, 0, 1, GP_PARAM_F_OPTIONAL, "",
               "Remapped share", "On-die failures absorbed by spare units at the restart "
               "(a wafer region mapped out): no repair"),
  GP_P_INT (gp_failure_params, blast_radius_accel, 1, 1e9, 0, "", "Blast radius",
            "Accelerators lost per accelerator, memory or link failure"),
  GP_P_DOUBLE (gp_failure_params, spare_share, 0, 1, GP_RANGE_MAX_EXCLUSIVE, "",
               "Hot-spare share", "Spare accelerators as a share of the job's (the default)"),
  GP_P_INT (gp_failure_params, spare_accel, 0, 1e9, GP_PARAM_F_OPTIONAL, "", "Hot spares",
            "Spare accelerators as a count; > 0 overrides the share"),
  GP_P_DOUBLE (gp_failure_params, repair_hours, 0, 1e5, GP_PARAM_F_OPTIONAL, "h",
               "Repair time", "Time to return a lost unit to service"),
  GP_P_BOOL (gp_failure_params, link_rerouted, GP_PARAM_F_OPTIONAL, "Links rerouted",
             "A failed link is routed around: no restart; the job runs slower until repair"),
  GP_P_DOUBLE (gp_failure_params, link_slowdown, 0, 100, GP_PARAM_F_OPTIONAL, "",
               "Slowdown with a link down", "Step-time increase while a rerouted link waits "
               "for repair (0.1 = 10% slower)"),
  GP_P_DOUBLE (gp_failure_params, checkpoint_gb, 0, 1e9, GP_PARAM_F_LOG, "GB",
               "Checkpoint size", "Weights and optimizer state written per checkpoint"),
  GP_P_DOUBLE (gp_failure_params, checkpoint_overhead, 0, 1, 0, "", "Checkpoint overhead",
               "Share added to weights and optimizer state (data loader, RNG, metadata)"),
  GP_P_DOUBLE (gp_failure_params, storage_write_gb_per_s, 0, 1e9,
               GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_LOG, "GB/s", "Storage write bandwidth",
               "Aggregate checkpoint write bandwidth"),
  GP_P_DOUBLE (gp_failure_params, storage_read_gb_per_s, 0, 1e9,
               GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_LOG, "GB/s", "Storage read bandwidth",
               "Aggregate checkpoint read bandwidth"),
  GP_P_INT (gp_failure_params, checkpoint_writers, 0, 1e9, GP_PARAM_F_OPTIONAL, "",
            "Checkpoint writers", "Ranks holding distinct shards of the state; 0 = not limited"),
  GP_P_DOUBLE (gp_failure_params, writer_gb_per_s, 0, 1e6, GP_PARAM_F_OPTIONAL, "GB/s",
               "Writer bandwidth", "Storage bandwidth of one writing rank; 0 = not limited"),
  GP_P_DOUBLE (gp_failure_params, restart_s, 0, 1e7, 0, "s", "Restart time",
               "Detect, reschedule and re-initialise, without reading the checkpoint"),
  GP_P_DOUBLE (gp_failure_params, checkpoint_interval_s, 0, 1e9, GP_PARAM_F_OPTIONAL, "s",
               "Checkpoint interval", "Compute time between checkpoints; 0 = Daly optimum"),
};

const gp_param_table gp_failure_param_table = {
  "failure", failure_params, GP_N_ELEMENTS (failure_params),
};

void
gp_failure_params_init (gp_failure_params *p)
{
  /* data/failures.lua "llama3-405b-h100": the derivation of each rate is given there. */
  memset (p, 0, sizeof *p);
  strcpy (p->name, "llama3-405b-h100");
  p->n_accel = 16384;
  p->accel_per_node = 8;
  p->mem_stacks_per_accel = 5;
  p->links_per_accel = 1;
  p->dies_per_accel = 1;
  p->logic_area_mm2 = 814;
  p->area_failures_per_hour_mm2 = 167.0 / (16384.0 * 54.0 * 24.0 * 814.0);
  p->die_failures_per_hour = 17.0 / (16384.0 * 54.0 * 24.0);
  p->mem_failures_per_hour = 72.0 / (16384.0 * 5.0 * 54.0 * 24.0);
  p->link_failures_per_hour = 35.0 / (16384.0 * 54.0 * 24.0);
  p->node_failures_per_hour = 128.0 / (2048.0 * 54.0 * 24.0);
  p->blast_radius_accel = 8;
  p->spare_share = 256.0 / 16384.0;
  p->spare_accel = 0;
  p->repair_hours = 24;
  p->checkpoint_overhead = 0.01;
  p->checkpoint_gb = 405e9 * 14.0 / 1e9 * 1.01;
  p->storage_write_gb_per_s = 2000;
  p->storage_read_gb_per_s = 2000;
  p->checkpoint_writers = 0;
  p->writer_gb_per_s = 6.25;
  p->restart_s = 600;
  p->checkpoint_interval_s = 0;
}

gp_status
gp_failure_eval (const gp_failure_params *p, gp_failure_result *r, gp_error *err)
{
  if (p == NULL || r == NULL)
    return gp_error_set (err, GP_EINVAL, "failure", "failure params and result must not be NULL");
  GP_TRY (gp_params_validate (&gp_failure_param_table, p, err));
  /* A job smaller than a node still occupies (and risks) one whole node. */
  double n = (double) p->n_accel;
  double nodes = ceil (n / (double) p->accel_per_node);
  r->rate_per_hour[GP_FAIL_ACCEL]
    = n * (p->logic_area_mm2 * p->area_failures_per_hour_mm2
           + (double) p->dies_per_accel * p->die_failures_per_hour);
  r->rate_per_hour[GP_FAIL_MEM] = n * (double) p->mem_stacks_per_accel * p->mem_failures_per_hour;
  r->rate_per_hour[GP_FAIL_LINK] = n * (double) p->links_per_accel * p->link_failures_per_hour;
  r->rate_per_hour[GP_FAIL_NODE] = nodes * p->node_failures_per_hour;
  double lam = 0; /* failures that restart the job */
  for (int i = 0; i < GP_FAIL_N; i++)
    if (!(i == GP_FAIL_LINK && p->link_rerouted))
      lam += r->rate_per_hour[i];
  if (!(lam > 0))
    return gp_error_set (err, GP_EINVAL, "area_failures_per_hour_mm2",
                         "every rate of a failure that restarts the job is 0: it never fails, so no checkpoint "
                         "interval or goodput is defined (set a rate > 0)");
  r->failures_per_hour = lam;
  double M = 3600.0 / lam;
  r->mtbf_s = M;

  double blast = (double) p->blast_radius_accel;
  if (blast > n)
    blast = n;
  double node_blast = (double) p->accel_per_node < n ? (double) p->accel_per_node : n;
  /* On-die failures the part's spare units absorb at the restart (a wafer region mapped
   * out) stop the job but send nothing to repair. */
  double remapped = n * p->logic_area_mm2 * p->area_failures_per_hour_mm2 * p->region_remap_share;
  double lam_r = lam - remapped; /* failures that take units out for repair */
  double comp = lam_r - r->rate_per_hour[GP_FAIL_NODE];
  double u = lam_r > 0 ? (comp * blast + r->rate_per_hour[GP_FAIL_NODE] * node_blast) / lam_r
                       : blast;
  r->accel_lost_per_failure = u * lam_r / lam;
  r->machine_share_per_failure = r->accel_lost_per_failure / n;
  double mu = lam_r * p->repair_hours; /* mean failure events in repair at any time */
  r->repair_out_fraction = mu * u / n;

  /* Restarts wait for a repair when the spare pool cannot absorb this failure on top of
   * the K others still in repair: (K + 1) u > spares. */
  double spares = p->spare_accel > 0 ? (double) p->spare_accel : ceil (p->spare_share * n - 1e-9);
  r->spares = spares;
  double kmax = floor (spares / u) - 1.0;
  if (p->repair_hours == 0)
    r->spare_wait_probability = 0;
  else if (kmax < 0)
    r->spare_wait_probability = 1;
  else if (kmax > 4e9)
    r->spare_wait_probability = 0;
  else if (kmax > mu + 12.0 * sqrt (mu) + 60.0)
    r->spare_wait_probability = 0; /* the tail is below 1e-20 */
  else if (kmax < 256 && mu < 600)
    {
      /* Q = 1 - e^-mu sum_{j <= kmax} mu^j / j!, summed directly: a few ns against GSL's
       * incomplete gamma (the absolute error, ~1e-16, is far below what goodput feels). */
      double term = exp (-mu), cdf = term;
      for (int j = 1; j <= (int) kmax; j++)
        {
          term *= mu / (double) j;
          cdf += term;
        }
      r->spare_wait_probability = cdf < 1 ? 1 - cdf : 0;
    }
  else
    r->spare_wait_probability = gsl_cdf_poisson_Q ((unsigned int) kmax, mu);

  double bw_w = p->storage_write_gb_per_s, bw_r = p->storage_read_gb_per_s;
  if (p->checkpoint_writers > 0 && p->writer_gb_per_s > 0)
    {
      double lim = (double) p->checkpoint_writers * p->writer_gb_per_s;
      bw_w = lim < bw_w ? lim : bw_w;
      bw_r = lim < bw_r ? lim : bw_r;
    }
  double delta = p->checkpoint_gb / bw_w;
  r->spare_wait_probability *= lam_r / lam; /* remapped failures never wait */
  double R = p->restart_s + p->checkpoint_gb / bw_r
             + r->spare_wait_probability * p->repair_hours * 3600.0;
  r->checkpoint_write_s = delta;
  r->restart_total_s = R;
  r->interval_young_s = sqrt (2.0 * delta * M);
  if (delta < 2.0 * M)
    {
      double x = delta / (2.0 * M);
      r->interval_daly_s = sqrt (2.0 * delta * M) * (1.0 + sqrt (x) / 3.0 + x / 9.0) - delta;
    }
  else
    r->interval_daly_s = M;
  double tau = p->checkpoint_interval_s > 0 ? p->checkpoint_interval_s : r->interval_daly_s;
  if (!(tau > 0))
    return gp_error_set (err, GP_ERANGE, "checkpoint_gb",
                         "checkpoint_gb = %g gives a zero checkpoint interval: a checkpoint "
                         "must take some time (checkpoint_gb > 0) or set checkpoint_interval_s",
                         p->checkpoint_gb);
  r->interval_used_s = tau;
  /* Rerouted links: the step runs (1 + s) slower while any link is in repair. */
  r->link_down_probability = 0;
  r->link_goodput_factor = 1;
  if (p->link_rerouted)
    {
      r->link_down_probability = -expm1 (-r->rate_per_hour[GP_FAIL_LINK] * p->repair_hours);
      r->link_goodput_factor = 1.0 / (1.0 + p->link_slowdown * r->link_down_probability);
    }
  /* Daly (2006) eq. for the expected wall time with exponential failures, which may also
   * strike during checkpoints and restarts. expm1 keeps precision when M is large. */
  double ratio = M * exp (R / M) * expm1 ((tau + delta) / M) / tau;
  if (!isfinite (ratio) || !(ratio > 0))
    return gp_error_set (err, GP_ERANGE, "n_accel",
                         "goodput below 1%% at this size: add spares or checkpoint faster "
                         "(failures every %.3g s against restart %.3g s and interval %.3g s: "
                         "the job never finishes)", M, R, tau + delta);
  r->goodput = r->link_goodput_factor / ratio;
  if (r->goodput < GP_FAILURE_MIN_GOODPUT)
    return gp_error_set (err, GP_ERANGE, "n_accel",
                         "goodput below 1%% at this size: add spares or checkpoint faster "
                         "(goodput %.3g with %.0f accelerators: MTBF %.3g s, restart %.3g s "
                         "with P(wait for repair) %.2f, checkpoint %.3g s)", r->goodput, n, M,
                         R, r->spare_wait_probability, delta);
  return GP_OK;
}

gp_status
gp_failure_effective_time (const gp_failure_result *r, double ideal_s, double *wall_s,
                           double *expected_failures, gp_error *err)
{
  if (r == NULL || wall_s == NULL)
    return gp_error_set (err, GP_EINVAL, "result", "result and wall_s must not be NULL");
  GP_TRY (gp_check_nonnegative (err, "ideal_s", ideal_s, "s"));
  if (!(r->goodput > 0 && r->goodput <= 1))
    return gp_error_set (err, GP_EINVAL, "goodput", "goodput = %g is out of range: allowed "
                         "(0, 1]", r->goodput);
  *wall_s = ideal_s / r->goodput;
  if (expected_failures)
    *expected_failures = *wall_s / r->mtbf_s;
  if (!isfinite (*wall_s))
    return gp_error_set (err, GP_ERANGE, "ideal_s", "ideal_s = %g overflows", ideal_s);
  return GP_OK;
}
