/* gp-compute-cost.c: cost per PFLOP/s, per good package, per accelerator, per system
 * (definitions in gp-compute-cost.h). */
#include "gp-compute-cost.h"

#include <math.h>

gp_status
gp_compute_cost_eval (const gp_compute_cost_params *p, gp_compute_cost *out, gp_error *err)
{
  if (p == NULL || out == NULL)
    return gp_error_set (err, GP_EINVAL, "params", "params and result must not be NULL");
  GP_TRY (gp_check_positive (err, "peak_pflops", p->peak_pflops, "PFLOP/s"));
  GP_TRY (gp_check_range (err, "accelerators", (double) p->accelerators, 1, 1e9, 0, ""));
  GP_TRY (gp_check_range (err, "accels_per_server", (double) p->accels_per_server, 1, 1e9, 0,
                          ""));
  GP_TRY (gp_check_nonnegative (err, "package_usd", p->package_usd, "USD"));
  GP_TRY (gp_check_nonnegative (err, "server_usd", p->server_usd, "USD"));
  GP_TRY (gp_check_nonnegative (err, "interconnect_usd", p->interconnect_usd, "USD"));
  GP_TRY (gp_check_nonnegative (err, "capex_usd", p->capex_usd, "USD"));
  double n = (double) p->accelerators;
  out->usd_per_pflops_package = p->package_usd / p->peak_pflops;
  out->usd_per_pflops_accel = (p->package_usd + p->server_usd / (double) p->accels_per_server
                               + p->interconnect_usd / n)
                              / p->peak_pflops;
  out->usd_per_pflops_system = p->capex_usd / (n * p->peak_pflops);
  return GP_OK;
}
