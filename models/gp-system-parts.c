/* gp-system-parts.c: an evaluated system broken down by memory tier, by carbon part, and its
 * die's power density across die sizes (see gp-system-parts.h for the equations). Sits on
 * gp-system (and its power glue, gp-system-private.h), gp-carbon and gp-power. */
#include "gp-system-parts.h"

#include <math.h>
#include <string.h>

#include "gp-system-private.h"

const char *const gp_memtier_names[] = {
  "on-die SRAM", "HBM / local", "pool over the fabric", "host / external", NULL,
};

const char *const gp_carbon_part_names[] = {
  "logic dies",       "HBM",           "interposer / substrate", "assembly and scrap",
  "host DRAM and SSD", "boards and power", "cooling",            "other server parts",
  "memory pool",      "fabric and optics", NULL,
};

void
gp_system_memory_tiers (const gp_system *s, const gp_system_result *r,
                        gp_memtier_figures out[GP_MEMTIER_N])
{
  memset (out, 0, sizeof (gp_memtier_figures) * GP_MEMTIER_N);
  const gp_accel *a = &s->accel;
  if (a->sram_capacity_gb > 0 && a->sram_bw_tb_per_s > 0)
    {
      out[GP_MEMTIER_SRAM].capacity_gb = a->sram_capacity_gb;
      out[GP_MEMTIER_SRAM].bw_gb_per_s = 1000.0 * a->sram_bw_tb_per_s;
    }
  if (!a->wafer_scale && a->mem_capacity_gb > 0)
    {
      out[GP_MEMTIER_LOCAL].capacity_gb = a->mem_capacity_gb;
      out[GP_MEMTIER_LOCAL].bw_gb_per_s = a->mem_bw_gb_per_s;
    }
  bool pool = s->pool.capacity_gb > 0 && r != NULL && r->pool_capacity_gb_per_accel > 0;
  if (pool)
    {
      out[GP_MEMTIER_POOL].capacity_gb = r->pool_capacity_gb_per_accel;
      out[GP_MEMTIER_POOL].bw_gb_per_s = r->pool_bw_gb_per_s_per_accel;
    }
  else if (a->tier2_capacity_gb > 0)
    {
      /* the pool replaces the accelerator's own second tier (gp-mempool.h) */
      out[GP_MEMTIER_HOST].capacity_gb = a->tier2_capacity_gb;
      out[GP_MEMTIER_HOST].bw_gb_per_s = a->tier2_bw_gb_per_s;
    }
}

gp_status
gp_system_embodied_parts (const gp_system *s, const gp_study *st, const gp_system_prepared *prep,
                          const gp_system_result *r, double kg[GP_CARBON_PART_N], gp_error *err)
{
  if (s == NULL || st == NULL || prep == NULL || r == NULL || kg == NULL)
    return gp_error_set (err, GP_EINVAL, "system",
                         "system, study, prepared state, result and output must not be NULL");
  if (!prep->ready)
    return gp_error_set (err, GP_EINVAL, "prep", "%s: the system is not prepared "
                         "(call gp_system_prepare)", s->sys.name);
  memset (kg, 0, sizeof (double) * GP_CARBON_PART_N);
  /* the per-server parts exactly as gp_system_eval_hardware charges them */
  gp_carbon_system_params cs = s->carbon;
  cs.packages = s->sys.accels_per_server;
  cs.package_kgco2e = prep->package_carbon.total_kg;
  cs.dram_gb = s->sys.host_dram_gb;
  cs.ssd_gb = s->sys.host_ssd_gb;
  gp_carbon_system_result cr;
  gp_status rc = gp_carbon_system (&st->carbon, &cs, &cr, err);
  if (rc != GP_OK)
    {
      gp_error_prefix (err, "carbon");
      return rc;
    }
  const gp_carbon_package_result *pc = &prep->package_carbon;
  const double n = (double) r->servers * (double) s->sys.accels_per_server;
  const double sv = (double) r->servers;
  kg[GP_CARBON_PART_LOGIC] = n * pc->logic_kg;
  kg[GP_CARBON_PART_HBM] = n * pc->memory_kg;
  kg[GP_CARBON_PART_CARRIER] = n * pc->carrier_kg;
  kg[GP_CARBON_PART_ASSEMBLY] = n * (pc->assembly_kg + pc->other_kg + pc->scrap_kg);
  kg[GP_CARBON_PART_HOST_MEM] = sv * (cr.dram_kg + cr.ssd_kg);
  kg[GP_CARBON_PART_BOARD] = sv * (cr.boards_kg + cr.pcb_kg + cr.vrm_kg + cr.connectors_kg
                                   + cr.power_kg + cr.chassis_kg);
  kg[GP_CARBON_PART_COOLING] = sv * (cr.cooling_kg + cr.heatsink_kg);
  kg[GP_CARBON_PART_OTHER] = sv * cr.other_kg;
  kg[GP_CARBON_PART_POOL] = r->pool_embodied_kg;
  kg[GP_CARBON_PART_FABRIC] = n * pc->optics_kg + r->embodied_kg_part[GP_EMBODIED_INTERCONNECT];
  return GP_OK;
}

gp_status
gp_system_power_density_curve (const gp_system *s, const gp_system_prepared *prep,
                               const double *areas_mm2, int n, double *w_per_mm2,
                               double *limit_w_per_mm2, gp_error *err)
{
  if (s == NULL || prep == NULL || areas_mm2 == NULL || w_per_mm2 == NULL)
    return gp_error_set (err, GP_EINVAL, "system",
                         "system, prepared state, areas and output must not be NULL");
  if (n < 1)
    return gp_error_set (err, GP_EINVAL, "area_mm2", "at least one die area is needed (n = %d)",
                         n);
  for (int i = 0; i < n; i++)
    if (!(areas_mm2[i] >= 1.0 && areas_mm2[i] <= 1e5))
      return gp_error_set (err, GP_EINVAL, "area_mm2",
                           "area_mm2[%d] = %g is out of range: allowed [1, 1e5] mm2", i + 1,
                           areas_mm2[i]);
  gp_power_params p;
  gp_system_power_inputs (s, &prep->topology, &p);
  gp_power_result r0, r;
  gp_status rc = gp_power_eval (&p, &r0, err);
  if (rc != GP_OK)
    {
      gp_error_prefix (err, "power");
      return rc;
    }
  const double a0 = p.die_area_mm2;
  for (int i = 0; i < n; i++)
    {
      gp_power_params q = p;
      double ratio = areas_mm2[i] / a0;
      q.die_area_mm2 = areas_mm2[i];
      q.mem_bw_gb_per_s = p.mem_bw_gb_per_s * ratio;
      q.io_gb_per_s = p.io_gb_per_s * ratio;
      q.tdp_w = 0.0;
      if ((rc = gp_power_eval (&q, &r, err)) != GP_OK)
        {
          gp_error_prefix (err, "power");
          return rc;
        }
      w_per_mm2[i] = r0.scale * r.die_w_per_mm2;
      if (limit_w_per_mm2 != NULL)
        for (int k = 0; k < GP_COOLING_N; k++)
          {
            /* q_lim(A) = q_c (1 + 2 spread / sqrt(A))^2 (gp-power.h) */
            double qc, pkg, rack, coolant;
            q.cooling = k;
            gp_power_class_limits (&q, &qc, &pkg, &rack, &coolant);
            double g = 1.0 + 2.0 * q.spread_mm / sqrt (q.die_area_mm2);
            limit_w_per_mm2[k * n + i] = qc * g * g;
          }
    }
  return GP_OK;
}
