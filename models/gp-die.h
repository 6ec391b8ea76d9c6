/* gp-die.h: cost of a good die from wafer price, exact die count, yield and test cost.
 *
 *   cost per good die = (wafer_cost + gross_dies x test_cost_per_die) / (gross_dies x Y)
 *
 * Every gross die is tested (H&P CA:AQA 6th ed. sec. 1.6 charges testing to good dies);
 * with Y = 1 this reduces to wafer / DPW + test, the form in the brief (3.3).
 * Units: USD, mm2. */
#pragma once

#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  double wafer_cost_usd;     /* (0, 1e6] */
  long gross_dies;           /* >= 1 */
  double yield;              /* (0, 1] */
  double test_cost_per_die;  /* >= 0, USD per tested die */
  double die_area_mm2;       /* > 0 */
} gp_die_cost_params;

typedef struct {
  double good_dies_per_wafer;   /* gross x Y */
  double cost_per_good_die;     /* USD */
  double silicon_per_good_die;  /* wafer share only, USD */
  double test_per_good_die;     /* test share, USD */
  double cost_per_good_mm2;     /* USD/mm2 */
} gp_die_cost_result;

extern const gp_param_table gp_die_cost_param_table;

gp_status gp_die_cost (const gp_die_cost_params *p, gp_die_cost_result *out, gp_error *err);

#ifdef __cplusplus
}
#endif

/* Output descriptors of gp_die_cost_result. */
extern const gp_param_table gp_die_cost_result_table;
