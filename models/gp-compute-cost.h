/* gp-compute-cost.h: cost per unit of compute, one set of definitions for every path.
 *
 * Three figures, each in USD per PFLOP/s of dense peak, in the study's cost basis (build or
 * purchase, gp-cost.h: never mixed), and named so wherever they appear
 * (model structs, Lua results, tables, charts, docs):
 *   per good package      C_package / peak                       (usd_per_pflops_package)
 *     the package model's cost per good package: dies, HBM, optics, carrier, assembly and
 *     test, yields included; nothing around it;
 *   per accelerator       (C_package + C_server / per_server + C_interconnect / N) / peak
 *     (usd_per_pflops_accel): the package with its share of its server and of the fabric,
 *     before integration;
 *   per system            capex / (N peak)                       (usd_per_pflops_system)
 *     everything the system model buys, integration included; pflops_per_musd is its
 *     inverse x 1e6.
 * A die's cost per PFLOP/s (cost per good die / the die's share of peak, the die-area
 * chart) is a part of the first, not a fourth definition of cost per compute. */
#pragma once

#include "gp-error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  double package_usd;        /* cost per good package */
  double server_usd;         /* per server, without its accelerators */
  long accels_per_server;    /* >= 1 */
  double interconnect_usd;   /* the whole fabric */
  double capex_usd;          /* the whole system, integration included */
  long accelerators;         /* N >= 1 */
  double peak_pflops;        /* dense peak of one accelerator (one wafer system) */
} gp_compute_cost_params;

typedef struct {
  double usd_per_pflops_package;
  double usd_per_pflops_accel;
  double usd_per_pflops_system;
} gp_compute_cost;

/* The three figures above. GP_EINVAL naming the field for a non-positive peak, count or
 * server size, or a negative or non-finite cost. */
gp_status gp_compute_cost_eval (const gp_compute_cost_params *p, gp_compute_cost *out,
                                gp_error *err);

#ifdef __cplusplus
}
#endif
