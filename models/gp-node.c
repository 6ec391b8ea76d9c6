/* gp-node.c: descriptor table of a process node. */
#include "gp-node.h"

#include <math.h>
#include <string.h>

static const gp_param node_params[] = {
  GP_P_STRING (gp_node, name, 0, "Node", "Name of the process node, e.g. N5"),
  GP_P_DOUBLE (gp_node, feature_nm, 1, 1000, 0, "nm", "Feature size",
               "Nominal feature size of the node"),
  GP_P_DOUBLE (gp_node, wafer_diameter_mm, 100, 450, 0, "mm", "Wafer diameter",
               "Wafer diameter (300 mm for every leading-edge node)"),
  GP_P_DOUBLE (gp_node, wafer_cost_usd, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_LOG, "USD",
               "Wafer price", "Foundry sale price of one processed wafer"),
  GP_P_DOUBLE (gp_node, d0_per_cm2, 0, 100, 0, "defects/cm2", "Defect density D0",
               "Killer defect density"),
  GP_P_DOUBLE (gp_node, alpha, 0, 1e6, GP_RANGE_MIN_EXCLUSIVE, "", "Clustering alpha",
               "Negative-binomial clustering parameter (large = Poisson)"),
  GP_P_DOUBLE (gp_node, critical_layers, 0, 100, GP_RANGE_MIN_EXCLUSIVE | GP_PARAM_F_OPTIONAL,
               "", "Critical layers N", "Bose-Einstein number of critical layers"),
  GP_P_DOUBLE (gp_node, epa_kwh_per_cm2, 0, 100, GP_PARAM_F_OPTIONAL, "kWh/cm2",
               "Fab energy per area (EPA)", "ACT fab electricity per wafer area"),
  GP_P_DOUBLE (gp_node, gpa_g_per_cm2, 0, 1e5, GP_PARAM_F_OPTIONAL, "gCO2e/cm2",
               "Fab gases per area (GPA)", "ACT direct fab gas emissions, 95% abatement"),
  GP_P_DOUBLE (gp_node, mpa_g_per_cm2, 0, 1e5, GP_PARAM_F_OPTIONAL, "gCO2e/cm2",
               "Materials per area (MPA)", "ACT materials procurement per wafer area"),
};

const gp_param_table gp_node_param_table = {
  "node", node_params, GP_N_ELEMENTS (node_params),
};

void
gp_node_init (gp_node *node)
{
  memset (node, 0, sizeof *node);
  strcpy (node->name, "unnamed");
  node->feature_nm = 7;
  node->wafer_diameter_mm = 300;
  node->wafer_cost_usd = 9346;
  node->d0_per_cm2 = 0.1;
  node->alpha = 10;
  node->critical_layers = 10;
}
