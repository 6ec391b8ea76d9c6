/* gp-carbon.h: embodied carbon of a package and a system, and a training run's share.
 *
 * Package (ACT, Gupta et al., "ACT: Designing Sustainable Computer Systems with an
 * Architectural Carbon Modeling Tool", ISCA 2022, sec. 3; brief 3.6). Each part is charged
 * "as purchased", exactly as gp-package.h prices it, then the whole is divided by the
 * same assembly and final-test yields as the cost, so that scrapped assemblies carry their
 * carbon:
 *
 *   logic die on a node:  C_die = A_cm2 x (CI_fab x EPA + GPA + MPA) / 1000       [kg]
 *                         known good: C_die / Y_die (the wafer's scrap is the buyer's);
 *                         untested: C_die, its Y_die is in the assembly yield instead.
 *                         (EPA kWh/cm2, GPA and MPA gCO2e/cm2 from the node table, CI_fab
 *                         gCO2e/kWh.) A_cm2 is the die area as in ACT, or, with
 *                         charge_edge_loss, the wafer area per gross die so the edge loss
 *                         is charged too.
 *   HBM stack:            with hbm_from_wafer (the default), built up from DRAM wafer figures
 *                         per stack: (capacity_gb x hbm_dram_kgco2e_per_gb x hbm_area_factor
 *                         + hbm_base_die_kgco2e + hbm_stack_assembly_kgco2e) / hbm_stack_yield
 *                         (the DRAM dies are larger per bit than DDR for their TSVs and wide
 *                         I/O, the stack has a logic base die, and a failed stack scraps all
 *                         of its dies); every placed stack counts, and the result gives the
 *                         kg per active GB. Without it: capacity_gb x the generation's per-GB
 *                         figure (TechInsights 2025 via CAPA), which counts more than the
 *                         dies: 8 H100 packages at ~1.25 kg/GB already exceed NVIDIA's whole
 *                         HGX H100 board.
 *   optical engine:       optical_engine_kgco2e
 *   every part adds its own kgco2e_each (the only figure for "other" parts).
 *   carrier:              interposer: per wafer, as the package cost prices it (wafer / gross
 *                         / Y): (wafer area / gross)_cm2 x (CI_fab x EPA_i + GPA_i + MPA_i)
 *                         / 1000, over its yield when chip-last (known good), so the wafer's
 *                         edge and the scrapped sites are shared by the good interposers and
 *                         no more; RDL, glass, organic: area x
 *                         a per-cm2 figure (RDL over its yield when known good, glass and
 *                         organic over carrier_yield when known good); 2.5D adds the organic
 *                         substrate; wafer-scale: none.
 *   assembly:             package_assembly_kgco2e per assembly attempt (ACT's packaging
 *                         footprint per IC).
 *   total = (sum / Y_asm) / Y_final_test;   scrap = total - sum.
 *
 * System: packages x package carbon + DRAM and SSD per GB + boards, power supplies and
 * chassis per part + cooling and other per system + board-level parts: PCB area x layers x
 * kg per m2 and layer, voltage-regulator phases, connectors, and heat-sink metal by mass
 * (so a server can be compared with published product carbon footprints such as NVIDIA's
 * HGX H100 PCF summary).
 *
 * Training run (ACT eq. 1; LLMCarbon, Faiz et al., ICLR 2024, sec. 3):
 *   C_run = C_embodied x T_run / T_life + E_run x PUE x CI_use / 1000        [kg]
 * with T_life in years of 8,760 h and E_run in kWh (IT energy, before PUE).
 *
 * Units: kgCO2e, gCO2e/kWh, kWh, hours, years, GB, cm2 (mm2 at the package interface). */
#pragma once

#include <stdbool.h>

#include "gp-package.h"
#include "gp-param.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_HOURS_PER_YEAR 8760.0

typedef struct {
  double fab_ci_g_per_kwh;            /* fab grid, gCO2e/kWh (Taiwan 583) */
  double hbm2e_kgco2e_per_gb;
  double hbm3_kgco2e_per_gb;
  double hbm3e_kgco2e_per_gb;
  double hbm4_kgco2e_per_gb;
  double dram_kgco2e_per_gb;          /* host DRAM */
  double ssd_kgco2e_per_gb;           /* host flash */
  double interposer_epa_kwh_per_cm2;  /* passive interposer fab figures */
  double interposer_gpa_g_per_cm2;
  double interposer_mpa_g_per_cm2;
  double organic_kgco2e_per_cm2;      /* organic substrate */
  double rdl_kgco2e_per_cm2;          /* fan-out RDL */
  double glass_kgco2e_per_cm2;        /* glass-core substrate */
  double optical_engine_kgco2e;       /* per engine */
  double package_assembly_kgco2e;     /* per assembly attempt */
  double motherboard_kgco2e;          /* per board */
  double power_supply_kgco2e;         /* per power supply */
  double chassis_kgco2e;              /* per chassis */
  bool charge_edge_loss;              /* die carbon over wafer area / gross dies */
  /* HBM built up from DRAM wafer figures (issue 18) */
  bool hbm_from_wafer;                /* false: the per-GB generation figures above */
  double hbm_dram_kgco2e_per_gb;      /* DRAM dies of HBM-class nodes, per GB of DDR-sized die */
  double hbm_area_factor;             /* HBM die area per bit over DDR's */
  double hbm_base_die_kgco2e;         /* logic base die of one stack */
  double hbm_stack_assembly_kgco2e;   /* TSV, thinning and stacking of one stack */
  double hbm_stack_yield;             /* known-good-stack yield of the stacking */
  /* board-level parts */
  double pcb_kgco2e_per_m2_layer;
  double vrm_kgco2e_per_phase;        /* power stage, inductor and capacitors */
  double connector_kgco2e;            /* per high-speed or power connector */
  double heatsink_kgco2e_per_kg;      /* aluminium and copper heat sinks */
} gp_carbon_params;

/* A fab or data-centre location with its grid intensity (data/carbon.lua "grids"). */
typedef struct {
  char name[GP_NAME_MAX];
  double ci_g_per_kwh;
} gp_grid;

typedef struct {
  double total_kg;          /* per good package */
  double logic_kg;          /* breakdown, as purchased ... */
  double memory_kg;
  double optics_kg;
  double other_kg;
  double carrier_kg;
  double assembly_kg;
  double scrap_kg;          /* ... and the share carried by scrapped assemblies */
  double scrap_fraction;
  double kg_per_pflops;     /* total / peak_pflops; 0 when not given */
  double memory_kg_per_active_gb; /* memory_kg / active HBM GB; 0 without HBM */
  gp_package_yields yields;
  double part_kg[GP_PACKAGE_PARTS_MAX]; /* first n_parts: each part kind as purchased
                                           (count x figure) */
} gp_carbon_package_result;

typedef struct {
  char name[GP_NAME_MAX];
  long packages;            /* accelerator packages in the system */
  double package_kgco2e;    /* per good package (from gp_carbon_package) */
  double dram_gb;           /* host memory */
  double ssd_gb;            /* host storage */
  long boards;
  long power_supplies;
  long chassis;
  double cooling_kgco2e;    /* fans, heat sinks, cold plates, manifolds */
  double other_kgco2e;      /* NICs, switches, cables, anything else */
  /* board-level parts (issue 18; 0 = not counted) */
  double pcb_m2;            /* PCB area: baseboards, modules, host boards beyond `boards` */
  double pcb_layers;        /* mean layer count of that PCB */
  long vrm_phases;          /* voltage-regulator phases */
  long connectors;          /* high-speed and power connectors */
  double heatsink_kg;       /* heat-sink metal */
} gp_carbon_system_params;

typedef struct {
  double total_kg;
  double packages_kg;
  double dram_kg;
  double ssd_kg;
  double boards_kg;
  double power_kg;
  double chassis_kg;
  double cooling_kg;
  double other_kg;
  double pcb_kg, vrm_kg, connectors_kg, heatsink_kg;
} gp_carbon_system_result;

typedef struct {
  double embodied_kgco2e;   /* embodied carbon of the hardware the run uses */
  double lifetime_years;    /* over which it is amortised (LLMCarbon: 5) */
  double run_time_h;        /* wall time of the run */
  double energy_kwh;        /* IT energy of the run, before PUE */
  double pue;               /* facility power usage effectiveness, >= 1 */
  double grid_ci_g_per_kwh; /* grid where the run executes */
} gp_carbon_run_params;

typedef struct {
  double total_kg;
  double embodied_kg;       /* embodied x run time / lifetime */
  double operational_kg;    /* energy x PUE x CI / 1000 */
  double embodied_fraction; /* embodied_kg / total_kg */
} gp_carbon_run_result;

extern const gp_param_table gp_carbon_param_table;
extern const gp_param_table gp_grid_param_table;
extern const gp_param_table gp_carbon_system_param_table;
extern const gp_param_table gp_carbon_run_param_table;

/* Defaults: data/carbon.lua "carbon" (Taiwan fab grid, TechInsights HBM figures, ACT DRAM
 * and SSD, estimates marked there). */
void gp_carbon_params_init (gp_carbon_params *c);

/* Defaults: a DGX H100-like server, data/carbon.lua "systems" ("dgx_h100"). The package
 * carbon is left at 0: fill it from gp_carbon_package. */
void gp_carbon_system_params_init (gp_carbon_system_params *s);

/* Defaults: 5-year lifetime (LLMCarbon), PUE 1.1, world grid 301 g/kWh (ACT); no energy. */
void gp_carbon_run_params_init (gp_carbon_run_params *r);

/* Embodied carbon per good package of P (prepared by gp_package_prepare). Errors: any
 * field out of range or NaN (GP_EINVAL naming it), a logic die whose node has no ACT
 * figures (GP_EINVAL, param "node"), PREP not from P. No allocation; target < 200 ns. */
gp_status gp_carbon_package (const gp_carbon_params *c, const gp_package_params *p,
                             const gp_package_prepared *prep, gp_carbon_package_result *out,
                             gp_error *err);

/* Carbon of one logic die as purchased (see the equation above), kg. Exposed for tests and
 * for callers pricing a bare die. */
gp_status gp_carbon_die (const gp_carbon_params *c, const gp_package_part *part,
                         const gp_package_part_prep *pp, double *kg, gp_error *err);

gp_status gp_carbon_system (const gp_carbon_params *c, const gp_carbon_system_params *s,
                            gp_carbon_system_result *out, gp_error *err);

/* A run's carbon. GP_EINVAL when run_time_h exceeds the lifetime (the run would be charged
 * more than the whole embodied carbon), PUE < 1, or any field out of range. */
gp_status gp_carbon_run (const gp_carbon_run_params *r, gp_carbon_run_result *out,
                         gp_error *err);

#ifdef __cplusplus
}
#endif
