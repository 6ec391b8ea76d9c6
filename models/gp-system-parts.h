/* gp-system-parts.h: figures of an evaluated system broken down for charts and tables
 * (issue 18): the memory hierarchy per accelerator by tier, the embodied carbon by part,
 * and the die power density of the system's die model across die sizes. No new physics:
 * each is read off or re-run from the models named below. */
#pragma once

#include "gp-system.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  GP_MEMTIER_SRAM,  /* on-die (on-wafer) SRAM: accel sram_* */
  GP_MEMTIER_LOCAL, /* HBM / local memory: accel mem_capacity_gb, mem_bw_gb_per_s */
  GP_MEMTIER_POOL,  /* memory pooled over the fabric: gp-mempool's share per accelerator */
  GP_MEMTIER_HOST,  /* host / external second tier (host DRAM, MemoryX): accel tier2_*,
                       none when a pool replaces it (gp-mempool.h) */
  GP_MEMTIER_N
} gp_memtier;

/* "on-die SRAM", "HBM / local", "pool over the fabric", "host / external", NULL */
extern const char *const gp_memtier_names[];

typedef struct {
  double capacity_gb;   /* per accelerator (per wafer system for wafer-scale); 0 = no tier */
  double bw_gb_per_s;   /* between the accelerator and the tier */
} gp_memtier_figures;

/* The memory hierarchy of S per accelerator, one entry per gp_memtier, from S's accelerator
 * (SRAM, local, second tier) and R's pool share (gp_system_eval or _eval_hardware). Units:
 * GB (1e9 B), GB/s; a tier the system has not got is {0, 0}. SRAM TB/s is x 1000. */
void gp_system_memory_tiers (const gp_system *s, const gp_system_result *r,
                             gp_memtier_figures out[GP_MEMTIER_N]);

typedef enum {
  GP_CARBON_PART_LOGIC,     /* logic dies, as purchased (gp_carbon_package logic_kg) */
  GP_CARBON_PART_HBM,       /* HBM stacks in the packages (memory_kg) */
  GP_CARBON_PART_CARRIER,   /* interposer / substrate / RDL / glass carrier (carrier_kg) */
  GP_CARBON_PART_ASSEMBLY,  /* package assembly, other package parts and scrapped
                               assemblies (assembly_kg + other_kg + scrap_kg) */
  GP_CARBON_PART_HOST_MEM,  /* host DRAM and SSD (ACT per-GB figures) */
  GP_CARBON_PART_BOARD,     /* boards, PCB, VRMs, connectors, power supplies, chassis */
  GP_CARBON_PART_COOLING,   /* heat sinks and the cooling parts */
  GP_CARBON_PART_OTHER,     /* the servers' "other" figure (NICs, cables, ...) */
  GP_CARBON_PART_POOL,      /* memory pools over the fabric (gp-mempool) */
  GP_CARBON_PART_FABRIC,    /* optical engines in the packages + switches, link ends and
                               glass fabric the topology counts */
  GP_CARBON_PART_N
} gp_carbon_part;

/* "logic dies", "HBM", "interposer / substrate", "assembly and scrap", "host DRAM and SSD",
 * "boards and power", "cooling", "other server parts", "memory pool", "fabric and optics",
 * NULL */
extern const char *const gp_carbon_part_names[];

/* Embodied carbon of the whole machine by part, kgCO2e, summing to R->embodied_kg:
 *   package parts x N accelerators (gp_carbon_package breakdown of PREP->package_carbon),
 *   servers x each gp_carbon_system part (S's per-server figures with the study's per-part
 *   figures, exactly as gp_system_eval_hardware charges them), the pools (R), the
 *   interconnect (R's embodied_kg_part[GP_EMBODIED_INTERCONNECT]).
 * Source: ACT (ISCA 2022) per-area and per-GB figures via gp-carbon; data/carbon.lua.
 * Errors: those of gp_carbon_system (naming the field), GP_EINVAL on NULL or an unprepared
 * PREP. */
gp_status gp_system_embodied_parts (const gp_system *s, const gp_study *st,
                                    const gp_system_prepared *prep, const gp_system_result *r,
                                    double kg[GP_CARBON_PART_N], gp_error *err);

/* Die power density of S's die model across die sizes (the power-density chart). S's die
 * (gp-system's power inputs: main logic die, enabled share, memory and I/O bandwidth, TDP)
 * is evaluated at its reference clock to fix the TDP calibration r0.scale (gp-power.h);
 * then for each area A in AREAS_MM2 the same design is re-sized: die_area = A, memory and
 * I/O bandwidth x A / A0 (per-mm2 rates held), evaluated without TDP anchoring and x
 * r0.scale:
 *
 *   q(A) = r0.scale x (P_dyn(A) + P_leak(A, T_j(A)) + P_io(A)) / (A x dies)     [W/mm2]
 *
 * so q moves with A only through leakage at the junction temperature the cooling class
 * gives a die of that size (larger dies spread worse and run hotter). W_PER_MM2[i] gets
 * q(A_i); LIMIT_W_PER_MM2 (may be NULL) gets, at [k x N + i], the die-average limit
 * q_lim(A_i) of cooling class k (gp-power.h). Units: mm2, W/mm2. Errors: GP_EINVAL for
 * N < 1, an area outside [1, 1e5] mm2 (naming "area_mm2"), or the power model's errors. */
gp_status gp_system_power_density_curve (const gp_system *s, const gp_system_prepared *prep,
                                         const double *areas_mm2, int n, double *w_per_mm2,
                                         double *limit_w_per_mm2, gp_error *err);

#ifdef __cplusplus
}
#endif
