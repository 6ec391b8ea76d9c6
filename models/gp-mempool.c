/* gp-mempool.c: a memory pool shared over the fabric (equations in gp-mempool.h). */
#include "gp-mempool.h"

#include <math.h>
#include <string.h>

#define OPT GP_PARAM_F_OPTIONAL
#define D(field, lo, hi, unit, label, doc) \
  GP_P_DOUBLE (gp_mempool_params, field, lo, hi, 0, unit, label, doc)

static const gp_param pool_params[] = {
  GP_P_DOUBLE (gp_mempool_params, capacity_gb, 0, 1e9, GP_PARAM_F_LOG, "GB", "Pool capacity",
               "Memory of one pool; 0 = no pooled tier"),
  GP_P_INT (gp_mempool_params, accels_per_pool, 1, 1e7, 0, "", "Accelerators per pool",
            "Accelerators sharing one pool"),
  GP_P_INT (gp_mempool_params, ports, 1, 1e6, 0, "", "Pool ports", "Optical ports of a pool"),
  D (port_gbps, 0, 1e6, "Gb/s", "Port rate", "Rate of one optical port"),
  GP_P_INT (gp_mempool_params, accel_ports, 1, 1e4, 0, "", "Accelerator ports",
            "Ports each accelerator devotes to its pool"),
  D (gb_per_port_max, 0, 1e7, "GB", "Reach per port", "Capacity one port's controller addresses"),
  D (mem_bw_gb_per_s, 0, 1e8, "GB/s", "Pool DRAM bandwidth", "Internal bandwidth of a pool"),
  D (latency_ns, 0, 1e7, "ns", "Latency", "Load-to-use latency through the fabric"),
  D (usd_per_gb, 0, 1e4, "USD/GB", "Memory price", "Price of the pool's memory per GB"),
  D (usd_per_port, 0, 1e6, "USD", "Port price", "Optical engine and controller lane per port"),
  D (controller_usd, 0, 1e7, "USD", "Controller price", "Pool controller, board and enclosure"),
  D (w_per_gb, 0, 100, "W/GB", "Memory power", "Power per GB at pool load"),
  D (w_per_port, 0, 1e4, "W", "Port power", "Power of one optical port"),
  D (kgco2e_per_gb, 0, 100, "kgCO2e/GB", "Memory carbon", "Embodied carbon per GB"),
  D (kgco2e_per_port, 0, 1e4, "kgCO2e", "Port carbon", "Embodied carbon per optical port"),
  D (controller_kgco2e, 0, 1e6, "kgCO2e", "Controller carbon",
     "Controller, board and enclosure of one pool"),
};

const gp_param_table gp_mempool_param_table = {
  "pool", pool_params, GP_N_ELEMENTS (pool_params),
};

#define R_D(field, unit_, label_, doc_)                                                    \
  { #field, GP_PARAM_DOUBLE, offsetof (gp_mempool_result, field), -INFINITY, INFINITY, 0,  \
    (unit_), (label_), (doc_), NULL, 0 }

static const gp_param pool_result_params[] = {
  R_D (capacity_gb_per_accel, "GB", "Capacity per accelerator", "Pool / accelerators"),
  R_D (bw_gb_per_s_per_accel, "GB/s", "Bandwidth per accelerator", "Slowest of ports and DRAM"),
  R_D (latency_ns, "ns", "Latency", "Load-to-use"),
  R_D (usd, "USD", "Pool cost", "Memory, ports and controller"),
  R_D (w, "W", "Pool power", "Memory and ports"),
  R_D (kgco2e, "kgCO2e", "Pool carbon", "Memory, ports and controller"),
};

const gp_param_table gp_mempool_result_table = {
  "pool result", pool_result_params, GP_N_ELEMENTS (pool_result_params),
};

/* The values and their sources are in data/memory.lua ("ddr5-pool"). */
void
gp_mempool_params_init (gp_mempool_params *p)
{
  memset (p, 0, sizeof *p);
  p->capacity_gb = 0;
  p->accels_per_pool = 8;
  p->ports = 16;
  p->port_gbps = 200;
  p->accel_ports = 2;
  p->gb_per_port_max = 256;
  p->mem_bw_gb_per_s = 614.4;
  p->latency_ns = 250;
  p->usd_per_gb = 4;
  p->usd_per_port = 20;
  p->controller_usd = 2000;
  p->w_per_gb = 0.15;
  p->w_per_port = 1.1;
  p->kgco2e_per_gb = 0.0743;
  p->kgco2e_per_port = 0.6;
  p->controller_kgco2e = 60;
}

gp_status
gp_mempool_eval (const gp_mempool_params *p, gp_mempool_result *out, gp_error *err)
{
  if (p == NULL || out == NULL)
    return gp_error_set (err, GP_EINVAL, "pool", "pool parameters and result must not be NULL");
  GP_TRY (gp_params_validate (&gp_mempool_param_table, p, err));
  memset (out, 0, sizeof *out);
  if (p->capacity_gb == 0)
    return GP_OK;
  double reach = (double) p->ports * p->gb_per_port_max;
  if (p->capacity_gb > reach)
    return gp_error_set (err, GP_EINVAL, "capacity_gb",
                         "capacity_gb = %g is more than its ports can reach: allowed [0, "
                         "ports x gb_per_port_max = %ld x %g = %g] GB",
                         p->capacity_gb, p->ports, p->gb_per_port_max, reach);
  if ((double) p->accels_per_pool * (double) p->accel_ports > (double) p->ports)
    return gp_error_set (err, GP_EINVAL, "accels_per_pool",
                         "accels_per_pool = %ld is out of range: %ld ports connect at most "
                         "ports / accel_ports = %ld accelerators directly",
                         p->accels_per_pool, p->ports, p->ports / p->accel_ports);
  double k = (double) p->accels_per_pool;
  double own = (double) p->accel_ports * p->port_gbps / 8.0;
  double share = (double) p->ports * p->port_gbps / 8.0 / k;
  double dram = p->mem_bw_gb_per_s / k;
  out->capacity_gb_per_accel = p->capacity_gb / k;
  out->bw_gb_per_s_per_accel = fmin (own, fmin (share, dram));
  out->latency_ns = p->latency_ns;
  out->usd = p->capacity_gb * p->usd_per_gb + (double) p->ports * p->usd_per_port
             + p->controller_usd;
  out->w = p->capacity_gb * p->w_per_gb + (double) p->ports * p->w_per_port;
  out->kgco2e = p->capacity_gb * p->kgco2e_per_gb + (double) p->ports * p->kgco2e_per_port
                + p->controller_kgco2e;
  return GP_OK;
}
