/* gp-carbon.c: ACT embodied carbon per package and system, and a run's share (equations in
 * gp-carbon.h). Scrap is charged with the package model's own yields, so cost and carbon
 * always agree on what an assembly failure throws away. */
#include "gp-carbon.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define OPT GP_PARAM_F_OPTIONAL
#define MINX GP_RANGE_MIN_EXCLUSIVE

static const gp_param carbon_params[] = {
  GP_P_DOUBLE (gp_carbon_params, fab_ci_g_per_kwh, 0, 2000, 0, "gCO2e/kWh", "Fab grid intensity",
               "Carbon intensity of the fab's electricity (ACT: Taiwan 583)"),
  GP_P_DOUBLE (gp_carbon_params, hbm2e_kgco2e_per_gb, 0, 100, 0, "kgCO2e/GB", "HBM2e carbon",
               "Embodied carbon per GB of HBM2e (TechInsights 2025 via CAPA)"),
  GP_P_DOUBLE (gp_carbon_params, hbm3_kgco2e_per_gb, 0, 100, 0, "kgCO2e/GB", "HBM3 carbon",
               "Embodied carbon per GB of HBM3 (TechInsights 2025 via CAPA)"),
  GP_P_DOUBLE (gp_carbon_params, hbm3e_kgco2e_per_gb, 0, 100, 0, "kgCO2e/GB", "HBM3e carbon",
               "Embodied carbon per GB of HBM3e (TechInsights 2025 via CAPA)"),
  GP_P_DOUBLE (gp_carbon_params, hbm4_kgco2e_per_gb, 0, 100, 0, "kgCO2e/GB", "HBM4 carbon",
               "Embodied carbon per GB of HBM4 (TechInsights 2025 via CAPA)"),
  GP_P_DOUBLE (gp_carbon_params, dram_kgco2e_per_gb, 0, 100, 0, "kgCO2e/GB", "DRAM carbon",
               "Embodied carbon per GB of host DRAM (ACT, DDR4 10 nm class)"),
  GP_P_DOUBLE (gp_carbon_params, ssd_kgco2e_per_gb, 0, 100, 0, "kgCO2e/GB", "SSD carbon",
               "Embodied carbon per GB of host flash (ACT, NAND 10 nm class)"),
  GP_P_DOUBLE (gp_carbon_params, interposer_epa_kwh_per_cm2, 0, 100, 0, "kWh/cm2",
               "Interposer EPA", "Fab energy per area of a passive interposer"),
  GP_P_DOUBLE (gp_carbon_params, interposer_gpa_g_per_cm2, 0, 1e5, 0, "gCO2e/cm2",
               "Interposer GPA", "Fab gases per area of a passive interposer"),
  GP_P_DOUBLE (gp_carbon_params, interposer_mpa_g_per_cm2, 0, 1e5, 0, "gCO2e/cm2",
               "Interposer MPA", "Materials per area of a passive interposer"),
  GP_P_DOUBLE (gp_carbon_params, organic_kgco2e_per_cm2, 0, 100, 0, "kgCO2e/cm2",
               "Organic substrate carbon", "Embodied carbon per area of an organic substrate"),
  GP_P_DOUBLE (gp_carbon_params, rdl_kgco2e_per_cm2, 0, 100, 0, "kgCO2e/cm2", "RDL carbon",
               "Embodied carbon per area of a fan-out RDL"),
  GP_P_DOUBLE (gp_carbon_params, glass_kgco2e_per_cm2, 0, 100, 0, "kgCO2e/cm2",
               "Glass substrate carbon", "Embodied carbon per area of a glass-core substrate"),
  GP_P_DOUBLE (gp_carbon_params, optical_engine_kgco2e, 0, 1e4, 0, "kgCO2e",
               "Optical engine carbon", "Embodied carbon per co-packaged optical engine"),
  GP_P_DOUBLE (gp_carbon_params, package_assembly_kgco2e, 0, 1e4, 0, "kgCO2e",
               "Packaging carbon", "Per assembly attempt (ACT packaging footprint per IC)"),
  GP_P_DOUBLE (gp_carbon_params, motherboard_kgco2e, 0, 1e5, 0, "kgCO2e", "Board carbon",
               "Per server board (Boavizta motherboard)"),
  GP_P_DOUBLE (gp_carbon_params, power_supply_kgco2e, 0, 1e5, 0, "kgCO2e",
               "Power supply carbon", "Per power supply unit"),
  GP_P_DOUBLE (gp_carbon_params, chassis_kgco2e, 0, 1e5, 0, "kgCO2e", "Chassis carbon",
               "Per rack chassis (Boavizta rack case)"),
  GP_P_BOOL (gp_carbon_params, charge_edge_loss, OPT, "Charge edge loss",
             "Die carbon over wafer area / gross dies instead of die area (ACT)"),
  GP_P_BOOL (gp_carbon_params, hbm_from_wafer, OPT, "HBM from wafer figures",
             "HBM stacks built up from DRAM per GB, base die and stacking yield; false: the "
             "per-GB generation figures"),
  GP_P_DOUBLE (gp_carbon_params, hbm_dram_kgco2e_per_gb, 0, 100, OPT, "kgCO2e/GB",
               "HBM DRAM carbon", "DRAM dies of an HBM-class node per GB (before the area factor)"),
  GP_P_DOUBLE (gp_carbon_params, hbm_area_factor, 0, 10, OPT | MINX, "", "HBM area factor",
               "HBM DRAM die area per bit over DDR's (TSVs, wide I/O)"),
  GP_P_DOUBLE (gp_carbon_params, hbm_base_die_kgco2e, 0, 1e3, OPT, "kgCO2e",
               "HBM base die carbon", "Logic base die of one HBM stack"),
  GP_P_DOUBLE (gp_carbon_params, hbm_stack_assembly_kgco2e, 0, 1e3, OPT, "kgCO2e",
               "HBM stacking carbon", "TSV reveal, thinning and stacking of one stack"),
  GP_P_DOUBLE (gp_carbon_params, hbm_stack_yield, 0, 1, OPT | MINX, "", "HBM stack yield",
               "Known-good-stack yield of stacking"),
  GP_P_DOUBLE (gp_carbon_params, pcb_kgco2e_per_m2_layer, 0, 1e3, OPT, "kgCO2e/m2",
               "PCB carbon", "Per m2 of printed circuit board per layer"),
  GP_P_DOUBLE (gp_carbon_params, vrm_kgco2e_per_phase, 0, 1e3, OPT, "kgCO2e", "VRM carbon",
               "Per voltage-regulator phase (power stage, inductor, capacitors)"),
  GP_P_DOUBLE (gp_carbon_params, connector_kgco2e, 0, 1e3, OPT, "kgCO2e", "Connector carbon",
               "Per high-speed or power connector"),
  GP_P_DOUBLE (gp_carbon_params, heatsink_kgco2e_per_kg, 0, 1e3, OPT, "kgCO2e/kg",
               "Heat-sink carbon", "Per kg of heat-sink metal (aluminium, copper)"),
};

const gp_param_table gp_carbon_param_table = {
  "carbon", carbon_params, GP_N_ELEMENTS (carbon_params),
};

static const gp_param grid_params[] = {
  GP_P_STRING (gp_grid, name, 0, "Location", "Name of the grid location"),
  GP_P_DOUBLE (gp_grid, ci_g_per_kwh, 0, 2000, 0, "gCO2e/kWh", "Grid intensity",
               "Carbon intensity of the location's electricity"),
};

const gp_param_table gp_grid_param_table = {
  "grid", grid_params, GP_N_ELEMENTS (grid_params),
};

static const gp_param system_params[] = {
  GP_P_STRING (gp_carbon_system_params, name, OPT, "System", "Name of the system"),
  GP_P_INT (gp_carbon_system_params, packages, 0, 1e9, 0, "", "Packages",
            "Accelerator packages in the system"),
  GP_P_DOUBLE (gp_carbon_system_params, package_kgco2e, 0, 1e7, OPT, "kgCO2e",
               "Carbon per package", "Embodied carbon per good package"),
  GP_P_DOUBLE (gp_carbon_system_params, dram_gb, 0, 1e9, 0, "GB", "Host DRAM",
               "Host memory capacity"),
  GP_P_DOUBLE (gp_carbon_system_params, ssd_gb, 0, 1e12, 0, "GB", "Host SSD",
               "Host flash capacity"),
  GP_P_INT (gp_carbon_system_params, boards, 0, 1e9, 0, "", "Boards", "Server boards"),
  GP_P_INT (gp_carbon_system_params, power_supplies, 0, 1e9, 0, "", "Power supplies",
            "Power supply units"),
  GP_P_INT (gp_carbon_system_params, chassis, 0, 1e9, 0, "", "Chassis", "Rack chassis"),
  GP_P_DOUBLE (gp_carbon_system_params, cooling_kgco2e, 0, 1e9, 0, "kgCO2e", "Cooling carbon",
               "Fans, heat sinks, cold plates of the system"),
  GP_P_DOUBLE (gp_carbon_system_params, other_kgco2e, 0, 1e9, OPT, "kgCO2e", "Other carbon",
               "Anything else (NICs, switch chips, cables)"),
  GP_P_DOUBLE (gp_carbon_system_params, pcb_m2, 0, 1e6, OPT, "m2", "PCB area",
               "Baseboards, modules and boards beyond `boards`"),
  GP_P_DOUBLE (gp_carbon_system_params, pcb_layers, 0, 100, OPT, "", "PCB layers",
               "Mean layer count of that PCB"),
  GP_P_INT (gp_carbon_system_params, vrm_phases, 0, 1e9, OPT, "", "VRM phases",
            "Voltage-regulator phases"),
  GP_P_INT (gp_carbon_system_params, connectors, 0, 1e9, OPT, "", "Connectors",
            "High-speed and power connectors"),
  GP_P_DOUBLE (gp_carbon_system_params, heatsink_kg, 0, 1e7, OPT, "kg", "Heat-sink metal",
               "Mass of the heat sinks"),
};

const gp_param_table gp_carbon_system_param_table = {
  "carbon system", system_params, GP_N_ELEMENTS (system_params),
};

static const gp_param run_params[] = {
  GP_P_DOUBLE (gp_carbon_run_params, embodied_kgco2e, 0, 1e12, 0, "kgCO2e", "Embodied carbon",
               "Embodied carbon of the hardware the run uses"),
  GP_P_DOUBLE (gp_carbon_run_params, lifetime_years, 0, 100, MINX, "years", "Lifetime",
               "Hardware lifetime over which embodied carbon is amortised (LLMCarbon: 5)"),
  GP_P_DOUBLE (gp_carbon_run_params, run_time_h, 0, 876000, 0, "h", "Run time",
               "Wall time of the run"),
  GP_P_DOUBLE (gp_carbon_run_params, energy_kwh, 0, 1e18, 0, "kWh", "IT energy",
               "IT energy of the run, before PUE"),
  GP_P_DOUBLE (gp_carbon_run_params, pue, 1, 10, 0, "", "PUE",
               "Facility power usage effectiveness"),
  GP_P_DOUBLE (gp_carbon_run_params, grid_ci_g_per_kwh, 0, 2000, 0, "gCO2e/kWh",
               "Grid intensity", "Carbon intensity where the run executes"),
};

const gp_param_table gp_carbon_run_param_table = {
  "carbon run", run_params, GP_N_ELEMENTS (run_params),
};

/* The values and their sources are in data/carbon.lua ("carbon"). */
void
gp_carbon_params_init (gp_carbon_params *c)
{
  memset (c, 0, sizeof *c);
  c->fab_ci_g_per_kwh = 583.0;
  c->hbm2e_kgco2e_per_gb = 1.135;
  c->hbm3_kgco2e_per_gb = 1.247;
  c->hbm3e_kgco2e_per_gb = 1.160;
  c->hbm4_kgco2e_per_gb = 0.906;
  c->dram_kgco2e_per_gb = 0.0743;
  c->ssd_kgco2e_per_gb = 0.0114;
  c->interposer_epa_kwh_per_cm2 = 0.225;
  c->interposer_gpa_g_per_cm2 = 43.75;
  c->organic_kgco2e_per_cm2 = 0.000208;
  c->rdl_kgco2e_per_cm2 = 0.175;
  c->glass_kgco2e_per_cm2 = 0.000458;
  c->optical_engine_kgco2e = 0.6;
  c->package_assembly_kgco2e = 0.15;
  c->motherboard_kgco2e = 66.1;
  c->power_supply_kgco2e = 72.9;
  c->chassis_kgco2e = 150.0;
  c->charge_edge_loss = false;
  c->hbm_from_wafer = true;
  c->hbm_dram_kgco2e_per_gb = 0.15;
  c->hbm_area_factor = 1.5;
  c->hbm_base_die_kgco2e = 1.4;
  c->hbm_stack_assembly_kgco2e = 0.15;
  c->hbm_stack_yield = 0.85;
  c->interposer_mpa_g_per_cm2 = 100.0;
  c->pcb_kgco2e_per_m2_layer = 2.5;
  c->vrm_kgco2e_per_phase = 0.4;
  c->connector_kgco2e = 0.3;
  c->heatsink_kgco2e_per_kg = 8.0;
}

/* data/carbon.lua "systems", "dgx_h100". */
void
gp_carbon_system_params_init (gp_carbon_system_params *s)
{
  memset (s, 0, sizeof *s);
  strcpy (s->name, "dgx_h100");
  s->packages = 8;
  s->dram_gb = 2048.0;
  s->ssd_gb = 34560.0;
  s->boards = 1;
  s->power_supplies = 6;
  s->chassis = 1;
  s->cooling_kgco2e = 20.0;
  s->other_kgco2e = 0.0;
  s->pcb_m2 = 0.33;
  s->pcb_layers = 20;
  s->vrm_phases = 288;
  s->connectors = 24;
  s->heatsink_kg = 26;
}

void
gp_carbon_run_params_init (gp_carbon_run_params *r)
{
  memset (r, 0, sizeof *r);
  r->lifetime_years = 5.0;
  r->pue = 1.1;
  r->grid_ci_g_per_kwh = 301.0;
}



/* ACT's per-area carbon, kg/cm2: (CI x EPA + GPA + MPA) / 1000. */
static inline double
act_kg_per_cm2 (double ci, double epa, double gpa, double mpa)
{
  return (ci * epa + gpa + mpa) / 1000.0;
}

/* ACT (ISCA 2022) eq. for logic: A x (CI x EPA + GPA + MPA) / 1000 kg, over Y when the die
 * is bought known good. A in cm2, CI gCO2e/kWh, EPA kWh/cm2, GPA and MPA gCO2e/cm2. */
gp_status
gp_carbon_die (const gp_carbon_params *c, const gp_package_part *part,
               const gp_package_part_prep *pp, double *kg, gp_error *err)
{
  GP_TRY (gp_check_range_fast (err, "fab_ci_g_per_kwh", c->fab_ci_g_per_kwh, 0, 2000, 0, "gCO2e/kWh"));
  if (!pp->priced_by_die_model)
    return gp_error_set (err, GP_EINVAL, "node",
                         "the part has no node: its carbon is kgco2e_each alone");
  if (pp->epa_kwh_per_cm2 == 0.0 && pp->gpa_g_per_cm2 == 0.0 && pp->mpa_g_per_cm2 == 0.0)
    return gp_error_set (err, GP_EINVAL, "node",
                         "node = \"%s\" has no ACT figures (epa_kwh_per_cm2, gpa_g_per_cm2 "
                         "and mpa_g_per_cm2 are 0 in the node table)", part->node);
  double area_cm2 = (c->charge_edge_loss ? pp->wafer_mm2_per_die : pp->die_area_mm2) / 100.0;
  double v = area_cm2 * act_kg_per_cm2 (c->fab_ci_g_per_kwh, pp->epa_kwh_per_cm2,
                                         pp->gpa_g_per_cm2, pp->mpa_g_per_cm2);
  *kg = part->known_good ? v / pp->die_yield : v;
  return GP_OK;
}

static gp_status
check_hbm_wafer (const gp_carbon_params *c, gp_error *err)
{
  GP_TRY (gp_check_range_fast (err, "hbm_dram_kgco2e_per_gb", c->hbm_dram_kgco2e_per_gb, 0,
                               100, 0, "kgCO2e/GB"));
  GP_TRY (gp_check_range_fast (err, "hbm_area_factor", c->hbm_area_factor, 0, 10, MINX, ""));
  GP_TRY (gp_check_range_fast (err, "hbm_base_die_kgco2e", c->hbm_base_die_kgco2e, 0, 1e3, 0,
                               "kgCO2e"));
  GP_TRY (gp_check_range_fast (err, "hbm_stack_assembly_kgco2e", c->hbm_stack_assembly_kgco2e,
                               0, 1e3, 0, "kgCO2e"));
  GP_TRY (gp_check_range_fast (err, "hbm_stack_yield", c->hbm_stack_yield, 0, 1, MINX, ""));
  return GP_OK;
}

/* Parts, carrier and packaging as purchased, then / Y_asm / Y_final_test with the package
 * model's own yields, so scrap carries carbon exactly as it carries cost. kgCO2e. */
gp_status
gp_carbon_package (const gp_carbon_params *c, const gp_package_params *p,
                   const gp_package_prepared *prep, gp_carbon_package_result *out,
                   gp_error *err)
{
  gp_package_yields y;
  GP_TRY (gp_package_yields_eval (p, prep, &y, err));
  GP_TRY (gp_check_range_fast (err, "fab_ci_g_per_kwh", c->fab_ci_g_per_kwh, 0, 2000, 0, "gCO2e/kWh"));
  GP_TRY (gp_check_range_fast (err, "package_assembly_kgco2e", c->package_assembly_kgco2e, 0, 1e4, 0,
               "kgCO2e"));
  GP_TRY (gp_check_range_fast (err, "peak_pflops", p->peak_pflops, 0, 1e6, 0, "PFLOP/s"));

  const double hbm[GP_HBM_N] = {
    [GP_HBM2E] = c->hbm2e_kgco2e_per_gb,
    [GP_HBM3] = c->hbm3_kgco2e_per_gb,
    [GP_HBM3E] = c->hbm3e_kgco2e_per_gb,
    [GP_HBM4] = c->hbm4_kgco2e_per_gb,
  };
  static const char *const hbm_names[GP_HBM_N] = {
    "hbm2e_kgco2e_per_gb", "hbm3_kgco2e_per_gb", "hbm3e_kgco2e_per_gb", "hbm4_kgco2e_per_gb",
  };

  double by_kind[GP_PART_N_KINDS] = { 0 };
  double active_gb = 0.0;
  for (int i = 0; i < p->n_parts; i++)
    {
      const gp_package_part *part = &p->parts[i];
      const gp_package_part_prep *pp = &prep->part[i];
      gp_status st = gp_check_range_fast (err, "kgco2e_each", part->kgco2e_each, 0, 1e6, 0, "kgCO2e");
      if (st != GP_OK)
        return gp_package_part_fail (err, i, part, st);
      double kg = part->kgco2e_each;
      if (pp->priced_by_die_model)
        {
          double die;
          st = gp_carbon_die (c, part, pp, &die, err);
          if (st != GP_OK)
            return gp_package_part_fail (err, i, part, st);
          kg += die;
        }
      if (part->kind == GP_PART_HBM)
        {
          int g = part->hbm_generation;
          if (g < 0 || g >= GP_HBM_N)
            return gp_package_part_fail (err, i, part,
                              gp_error_set (err, GP_EINVAL, "hbm_generation",
                                            "hbm_generation = %d is not an HBM generation",
                                            g));
          st = gp_check_range_fast (err, "capacity_gb", part->capacity_gb, 0, 1e4, MINX, "GB");
          if (st == GP_OK && !c->hbm_from_wafer)
            st = gp_check_range_fast (err, hbm_names[g], hbm[g], 0, 100, 0, "kgCO2e/GB");
          if (st == GP_OK && c->hbm_from_wafer)
            st = check_hbm_wafer (c, err);
          if (st != GP_OK)
            return gp_package_part_fail (err, i, part, st);
          if (c->hbm_from_wafer)
            kg += (part->capacity_gb * c->hbm_dram_kgco2e_per_gb * c->hbm_area_factor
                   + c->hbm_base_die_kgco2e + c->hbm_stack_assembly_kgco2e)
                  / c->hbm_stack_yield;
          else
            kg += part->capacity_gb * hbm[g];
          active_gb += part->capacity_gb
                       * (double) (part->active_count < 0 ? part->count : part->active_count);
        }
      else if (part->kind == GP_PART_OPTICS)
        {
          GP_TRY (gp_check_range_fast (err, "optical_engine_kgco2e", c->optical_engine_kgco2e, 0, 1e4, 0,
                       "kgCO2e"));
          kg += c->optical_engine_kgco2e;
        }
      out->part_kg[i] = (double) part->count * kg;
      by_kind[part->kind] += out->part_kg[i];
    }

  double carrier = 0.0;
  double area_cm2 = prep->carrier_area_mm2 / 100.0;
  switch (p->carrier)
    {
    case GP_CARRIER_ORGANIC:
      GP_TRY (gp_check_range_fast (err, "organic_kgco2e_per_cm2", c->organic_kgco2e_per_cm2, 0, 100, 0,
                   "kgCO2e/cm2"));
      carrier = area_cm2 * c->organic_kgco2e_per_cm2;
      if (p->carrier_known_good)
        carrier /= p->carrier_yield;
      break;
    case GP_CARRIER_GLASS:
      GP_TRY (gp_check_range_fast (err, "glass_kgco2e_per_cm2", c->glass_kgco2e_per_cm2, 0, 100, 0,
                   "kgCO2e/cm2"));
      carrier = area_cm2 * c->glass_kgco2e_per_cm2;
      if (p->carrier_known_good)
        carrier /= p->carrier_yield;
      break;
    case GP_CARRIER_INTERPOSER:
    case GP_CARRIER_RDL:
      GP_TRY (gp_check_range_fast (err, "organic_kgco2e_per_cm2", c->organic_kgco2e_per_cm2, 0, 100, 0,
                   "kgCO2e/cm2"));
      if (p->carrier == GP_CARRIER_INTERPOSER)
        {
          GP_TRY (gp_check_range_fast (err, "interposer_epa_kwh_per_cm2", c->interposer_epa_kwh_per_cm2, 0,
                       100, 0, "kWh/cm2"));
          GP_TRY (gp_check_range_fast (err, "interposer_gpa_g_per_cm2", c->interposer_gpa_g_per_cm2, 0, 1e5,
                       0, "gCO2e/cm2"));
          GP_TRY (gp_check_range_fast (err, "interposer_mpa_g_per_cm2", c->interposer_mpa_g_per_cm2, 0, 1e5,
                       0, "gCO2e/cm2"));
          /* per wafer, as the package cost prices it: the edge is shared by the gross
             interposers, the scrapped sites (below) by the good ones */
          double site_cm2 = prep->carrier_wafer_mm2_per_die > 0.0
                              ? prep->carrier_wafer_mm2_per_die / 100.0 : area_cm2;
          carrier = site_cm2 * act_kg_per_cm2 (c->fab_ci_g_per_kwh,
                                               c->interposer_epa_kwh_per_cm2,
                                               c->interposer_gpa_g_per_cm2,
                                               c->interposer_mpa_g_per_cm2);
        }
      else
        {
          GP_TRY (gp_check_range_fast (err, "rdl_kgco2e_per_cm2", c->rdl_kgco2e_per_cm2, 0, 100, 0,
                       "kgCO2e/cm2"));
          carrier = area_cm2 * c->rdl_kgco2e_per_cm2;
        }
      if (p->carrier_known_good)
        carrier /= prep->carrier_model_yield;
      carrier += prep->substrate_area_mm2 / 100.0 * c->organic_kgco2e_per_cm2;
      break;
    default:
      break;
    }

  double parts = by_kind[GP_PART_LOGIC] + by_kind[GP_PART_HBM] + by_kind[GP_PART_OPTICS]
                 + by_kind[GP_PART_OTHER];
  double sum = parts + carrier + c->package_assembly_kgco2e;
  double total = sum / y.assembly_yield / y.final_test_yield;
  if (!isfinite (total))
    return gp_error_set (err, GP_ERANGE, "assembly_yield",
                         "the carbon per good package is not finite (assembly yield %g)",
                         y.assembly_yield);

  out->total_kg = total;
  out->logic_kg = by_kind[GP_PART_LOGIC];
  out->memory_kg = by_kind[GP_PART_HBM];
  out->optics_kg = by_kind[GP_PART_OPTICS];
  out->other_kg = by_kind[GP_PART_OTHER];
  out->carrier_kg = carrier;
  out->assembly_kg = c->package_assembly_kgco2e;
  out->scrap_kg = total - sum;
  out->scrap_fraction = total > 0.0 ? out->scrap_kg / total : 0.0;
  out->kg_per_pflops = p->peak_pflops > 0.0 ? total / p->peak_pflops : 0.0;
  out->memory_kg_per_active_gb = active_gb > 0.0 ? out->memory_kg / active_gb : 0.0;
  out->yields = y;
  return GP_OK;
}

/* Sum of packages, host memory and storage per GB, and per-part board, power, chassis,
 * cooling and other figures; kgCO2e. */
gp_status
gp_carbon_system (const gp_carbon_params *c, const gp_carbon_system_params *s,
                  gp_carbon_system_result *out, gp_error *err)
{
  GP_TRY (gp_params_validate (&gp_carbon_system_param_table, s, err));
  GP_TRY (gp_check_range_fast (err, "dram_kgco2e_per_gb", c->dram_kgco2e_per_gb, 0, 100, 0, "kgCO2e/GB"));
  GP_TRY (gp_check_range_fast (err, "ssd_kgco2e_per_gb", c->ssd_kgco2e_per_gb, 0, 100, 0, "kgCO2e/GB"));
  GP_TRY (gp_check_range_fast (err, "motherboard_kgco2e", c->motherboard_kgco2e, 0, 1e5, 0, "kgCO2e"));
  GP_TRY (gp_check_range_fast (err, "power_supply_kgco2e", c->power_supply_kgco2e, 0, 1e5, 0, "kgCO2e"));
  GP_TRY (gp_check_range_fast (err, "chassis_kgco2e", c->chassis_kgco2e, 0, 1e5, 0, "kgCO2e"));

  out->packages_kg = (double) s->packages * s->package_kgco2e;
  out->dram_kg = s->dram_gb * c->dram_kgco2e_per_gb;
  out->ssd_kg = s->ssd_gb * c->ssd_kgco2e_per_gb;
  out->boards_kg = (double) s->boards * c->motherboard_kgco2e;
  out->power_kg = (double) s->power_supplies * c->power_supply_kgco2e;
  out->chassis_kg = (double) s->chassis * c->chassis_kgco2e;
  out->cooling_kg = s->cooling_kgco2e;
  out->other_kg = s->other_kgco2e;
  GP_TRY (gp_check_range_fast (err, "pcb_kgco2e_per_m2_layer", c->pcb_kgco2e_per_m2_layer, 0,
                               1e3, 0, "kgCO2e/m2"));
  GP_TRY (gp_check_range_fast (err, "vrm_kgco2e_per_phase", c->vrm_kgco2e_per_phase, 0, 1e3, 0,
                               "kgCO2e"));
  GP_TRY (gp_check_range_fast (err, "connector_kgco2e", c->connector_kgco2e, 0, 1e3, 0,
                               "kgCO2e"));
  GP_TRY (gp_check_range_fast (err, "heatsink_kgco2e_per_kg", c->heatsink_kgco2e_per_kg, 0,
                               1e3, 0, "kgCO2e/kg"));
  out->pcb_kg = s->pcb_m2 * s->pcb_layers * c->pcb_kgco2e_per_m2_layer;
  out->vrm_kg = (double) s->vrm_phases * c->vrm_kgco2e_per_phase;
  out->connectors_kg = (double) s->connectors * c->connector_kgco2e;
  out->heatsink_kg = s->heatsink_kg * c->heatsink_kgco2e_per_kg;
  out->total_kg = out->packages_kg + out->dram_kg + out->ssd_kg + out->boards_kg
                  + out->power_kg + out->chassis_kg + out->cooling_kg + out->other_kg
                  + out->pcb_kg + out->vrm_kg + out->connectors_kg + out->heatsink_kg;
  return GP_OK;
}

/* ACT eq. 1 / LLMCarbon: embodied x T_run / T_life + E x PUE x CI / 1000; kgCO2e. */
gp_status
gp_carbon_run (const gp_carbon_run_params *r, gp_carbon_run_result *out, gp_error *err)
{
  GP_TRY (gp_params_validate (&gp_carbon_run_param_table, r, err));
  double life_h = r->lifetime_years * GP_HOURS_PER_YEAR;
  if (r->run_time_h > life_h)
    return gp_error_set (err, GP_EINVAL, "run_time_h",
                         "run_time_h = %g is out of range: allowed [0, lifetime_years x 8760 "
                         "= %g] h (a run cannot use more than the hardware's life)",
                         r->run_time_h, life_h);
  out->embodied_kg = r->embodied_kgco2e * r->run_time_h / life_h;
  out->operational_kg = r->energy_kwh * r->pue * r->grid_ci_g_per_kwh / 1000.0;
  out->total_kg = out->embodied_kg + out->operational_kg;
  out->embodied_fraction = out->total_kg > 0.0 ? out->embodied_kg / out->total_kg : 0.0;
  return GP_OK;
}
