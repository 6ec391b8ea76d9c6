/* gp-mempool.h: a memory tier pooled over the fabric (optically attached DRAM or HBM pools,
 * CXL-like memory nodes) shared by a group of accelerators.
 *
 * A pool is a memory node of capacity_gb behind `ports` optical ports of port_gbps each;
 * it serves accels_per_pool accelerators, each reaching it through accel_ports of its own
 * ports (direct-connect: one pool port per accelerator port, no switch). Per accelerator:
 *
 *   capacity  = capacity_gb / accels_per_pool                                      [GB]
 *   bandwidth = min(accel_ports x port_gbps / 8,                 the accelerator's ports
 *                   ports x port_gbps / 8 / accels_per_pool,     its share of the pool's
 *                   mem_bw_gb_per_s / accels_per_pool)           its share of the DRAM  [GB/s]
 *
 * Reach: one port's controller addresses at most gb_per_port_max, so a pool of more than
 * ports x gb_per_port_max is refused (GP_EINVAL naming capacity_gb), and a pool shared by
 * more accelerators than its ports can connect directly (accels_per_pool x accel_ports >
 * ports) is refused (naming accels_per_pool). Latency is reported, not timed: the step
 * model streams offloaded state in bulk, where bandwidth, not latency, binds.
 *
 * Per pool: cost = capacity x usd_per_gb + ports x usd_per_port + controller_usd;
 * power = capacity x w_per_gb + ports x w_per_port; carbon = capacity x kgco2e_per_gb +
 * ports x kgco2e_per_port + controller_kgco2e. gp-system multiplies by the pools the machine
 * needs (ceil(N / accels_per_pool)) and feeds capacity and bandwidth to the step model as the
 * accelerator's second tier (gp_accel tier2_*), replacing any host tier the accelerator had.
 *
 * Units: GB, GB/s, Gb/s per port, ns, USD, W, kgCO2e. capacity_gb = 0 means no pool. */
#pragma once

#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  double capacity_gb;         /* per pool; 0 = no pool */
  long accels_per_pool;
  long ports;                 /* optical ports of one pool */
  double port_gbps;           /* rate of one port, Gb/s */
  long accel_ports;           /* ports each accelerator devotes to its pool */
  double gb_per_port_max;     /* capacity one port's controller addresses */
  double mem_bw_gb_per_s;     /* the pool's DRAM bandwidth */
  double latency_ns;          /* load-to-use through the fabric */
  double usd_per_gb, usd_per_port, controller_usd;
  double w_per_gb, w_per_port;
  double kgco2e_per_gb, kgco2e_per_port, controller_kgco2e;
} gp_mempool_params;

extern const gp_param_table gp_mempool_param_table;

typedef struct {
  double capacity_gb_per_accel;
  double bw_gb_per_s_per_accel;
  double latency_ns;
  double usd, w, kgco2e;      /* per pool */
} gp_mempool_result;

extern const gp_param_table gp_mempool_result_table;

/* Defaults: no pool (capacity 0) with the figures of data/memory.lua's DDR5 pool ready to
 * use: 16 ports of 200 Gb/s, 256 GB per port, 8 accelerators on 2 ports each. */
void gp_mempool_params_init (gp_mempool_params *p);

/* Evaluate (equations above). A pool of capacity 0 gives zeros. Errors: GP_EINVAL naming
 * the field (range, NaN, reach rules above). No allocation. */
gp_status gp_mempool_eval (const gp_mempool_params *p, gp_mempool_result *out, gp_error *err);

#ifdef __cplusplus
}
#endif
