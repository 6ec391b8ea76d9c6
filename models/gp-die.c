/* gp-die.c: cost of a good die (equation in gp-die.h). */
#include "gp-die.h"

#include <math.h>

static const gp_param die_cost_params[] = {
  GP_P_DOUBLE (gp_die_cost_params, wafer_cost_usd, 0, 1e6,
               GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_LOG, "USD", "Wafer price",
               "Price of one processed wafer"),
  GP_P_INT (gp_die_cost_params, gross_dies, 1, 1e9, 0, "", "Gross dies per wafer",
            "Whole dies on the wafer (exact count)"),
  GP_P_DOUBLE (gp_die_cost_params, yield, 0, 1, GP_RANGE_MIN_EXCLUSIVE, "", "Die yield",
               "Share of gross dies that are good"),
  GP_P_DOUBLE (gp_die_cost_params, test_cost_per_die, 0, 1e6, 0, "USD", "Test cost per die",
               "Wafer-sort cost per tested die"),
  GP_P_DOUBLE (gp_die_cost_params, die_area_mm2, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE, "mm2",
               "Die area", "Area of one die"),
};

const gp_param_table gp_die_cost_param_table = {
  "die_cost", die_cost_params, GP_N_ELEMENTS (die_cost_params),
};

gp_status
gp_die_cost (const gp_die_cost_params *p, gp_die_cost_result *out, gp_error *err)
{
  GP_TRY (gp_params_validate (&gp_die_cost_param_table, p, err));
  double n = (double) p->gross_dies;
  out->good_dies_per_wafer = n * p->yield;
  out->silicon_per_good_die = p->wafer_cost_usd / out->good_dies_per_wafer;
  out->test_per_good_die = p->test_cost_per_die / p->yield;
  out->cost_per_good_die = out->silicon_per_good_die + out->test_per_good_die;
  out->cost_per_good_mm2 = out->cost_per_good_die / p->die_area_mm2;
  /* Inputs at the edge of their ranges (a yield or area of 1e-320) can overflow. */
  if (!isfinite (out->cost_per_good_die) || !isfinite (out->cost_per_good_mm2))
    return gp_error_set (err, GP_ERANGE, p->yield < 1e-300 ? "yield" : "die_area_mm2",
                         "cost per good die overflows for yield = %.3g and die_area_mm2 = %.3g",
                         p->yield, p->die_area_mm2);
  return GP_OK;
}

static const gp_param die_cost_result[] = {
  GP_P_DOUBLE (gp_die_cost_result, good_dies_per_wafer, 0, INFINITY, 0, "",
               "Good dies per wafer", "gross_dies x yield"),
  GP_P_DOUBLE (gp_die_cost_result, cost_per_good_die, 0, INFINITY, 0, "USD",
               "Cost per good die", "Silicon + test per good die"),
  GP_P_DOUBLE (gp_die_cost_result, silicon_per_good_die, 0, INFINITY, 0, "USD",
               "Silicon per good die", "wafer_cost_usd / good dies"),
  GP_P_DOUBLE (gp_die_cost_result, test_per_good_die, 0, INFINITY, 0, "USD",
               "Test per good die", "test_cost_per_die / yield"),
  GP_P_DOUBLE (gp_die_cost_result, cost_per_good_mm2, 0, INFINITY, 0, "USD/mm2",
               "Cost per good mm2", "cost_per_good_die / die_area_mm2"),
};

const gp_param_table gp_die_cost_result_table = {
  "die_cost_result", die_cost_result, GP_N_ELEMENTS (die_cost_result),
};
