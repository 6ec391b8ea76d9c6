/* gp-node.h: a semiconductor process node, as read from data/nodes.lua.
 *
 * Holds what the wafer, yield, cost and carbon models need about a node. The values
 * themselves live in data/nodes.lua with a source for each; nothing here is a default
 * except what gp_node_init() sets so a struct is valid before it is filled. */
#pragma once

#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_NAME_MAX 48

typedef struct {
  char name[GP_NAME_MAX];    /* "N5", "N7", ... */
  double feature_nm;         /* nominal feature size, nm */
  double wafer_diameter_mm;  /* mm */
  double wafer_cost_usd;     /* foundry sale price of a processed wafer, USD */
  double d0_per_cm2;         /* defect density, defects/cm2 */
  double alpha;              /* negative-binomial clustering parameter, dimensionless */
  double critical_layers;    /* Bose-Einstein N, dimensionless */
  /* ACT (Gupta et al., ISCA 2022) per-area fab figures; 0 = not known for this node */
  double epa_kwh_per_cm2;    /* fab energy per area, kWh/cm2 */
  double gpa_g_per_cm2;      /* direct gas emissions per area (95% abatement), gCO2e/cm2 */
  double mpa_g_per_cm2;      /* materials per area, gCO2e/cm2 */
} gp_node;

extern const gp_param_table gp_node_param_table;

/* Fill NODE with a valid placeholder (a 300 mm wafer, D0 0.1, alpha 10) so every field
 * is in range; callers overwrite it from data/nodes.lua. */
void gp_node_init (gp_node *node);

#ifdef __cplusplus
}
#endif
