/* gp-system.c: a whole machine (DGX-style, Lite-GPU glass server, wafer-scale) on a
 * workload: capex, power, step time, time, energy, cost and carbon to train (gp-system.h).
 *
 * The system model adds no physics of its own: it joins the sub-models and does the
 * bookkeeping between them, so every figure can be traced to one sub-model's input. The
 * equations of the joins are in the comments above each function below. */
#include "gp-system.h"

#include "gp-fabric-plan.h"
#include "gp-system-private.h"
#include "gp-numfmt.h"
#include "gp-steptime-wafer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYSTEM_MAGIC 0x5359534dU /* "SYSM" */
#define SECONDS_PER_YEAR (GP_HOURS_PER_YEAR * 3600.0)
#define OPT GP_PARAM_F_OPTIONAL
#define MINX GP_RANGE_MIN_EXCLUSIVE

const char *const gp_family_names[] = { "dgx", "lite_gpu", "wafer_scale", NULL };

const char *const gp_capex_part_names[] = {
  "accelerator packages", "servers", "interconnect", "integration", NULL,
};

const char *const gp_power_part_names[] = {
  "accelerator compute", "accelerator memory", "accelerator I/O", "interconnect",
  "servers (hosts, fans)", "power delivery losses", "facility (PUE)", NULL,
};

const char *const gp_embodied_part_names[] = {
  "accelerator packages", "servers", "interconnect", NULL,
};

const char *const gp_scale_target_names[] = { "count", "compute", "cost", "power", NULL };

/* ---- parameter tables ------------------------------------------------------------- */

static const gp_param system_params[] = {
  GP_P_STRING (gp_system_params, name, 0, "System", "Name of the system, e.g. dgx-h100"),
  GP_P_ENUM (gp_system_params, family, gp_family_names, 0, "Family",
             "dgx, lite_gpu or wafer_scale"),
  GP_P_INT (gp_system_params, accelerators, 1, 1e9, GP_PARAM_F_LOG, "", "Accelerators",
            "Accelerators in the machine (wafer_scale: systems)"),
  GP_P_INT (gp_system_params, accels_per_server, 1, 1e7, 0, "", "Accelerators per server",
            "8 in a DGX, hundreds in a Lite-GPU glass server, 1 wafer per CS system"),
  GP_P_DOUBLE (gp_system_params, server_cost_usd, 0, 1e9, 0, "USD", "Server cost",
               "Host CPUs, DRAM, SSD, boards, chassis, power supplies: all but the "
               "accelerator packages and what the topology prices"),
  GP_P_DOUBLE (gp_system_params, server_power_w, 0, 1e8, 0, "W", "Server power",
               "Power of a server beyond its accelerators and the topology, at training load"),
  GP_P_DOUBLE (gp_system_params, host_dram_gb, 0, 1e9, 0, "GB", "Host DRAM",
               "Host memory per server (embodied carbon)"),
  GP_P_DOUBLE (gp_system_params, host_ssd_gb, 0, 1e12, 0, "GB", "Host SSD",
               "Host flash per server (embodied carbon)"),
  GP_P_DOUBLE (gp_system_params, integration_cost_fraction, 0, 10, 0, "", "Integration",
               "Racks, cabling labour and installation as a share of the other capex"),
  GP_P_DOUBLE (gp_system_params, accel_memory_power_share, 0, 1, 0, "", "Memory power share",
               "Share of the accelerator's power drawn by its memory"),
  GP_P_DOUBLE (gp_system_params, accel_io_power_share, 0, 1, 0, "", "I/O power share",
               "Share of the accelerator's power drawn by its off-chip I/O"),
  GP_P_DOUBLE (gp_system_params, power_delivery_efficiency, 0, 1, MINX, "",
               "Power delivery efficiency", "Wall (power supply input) to equipment"),
  GP_P_DOUBLE (gp_system_params, pue, 1, 10, 0, "", "PUE",
               "Facility power usage effectiveness"),
  GP_P_DOUBLE (gp_system_params, electricity_usd_per_kwh, 0, 100, 0, "USD/kWh",
               "Electricity price", "Price of electricity at the facility"),
  GP_P_DOUBLE (gp_system_params, lifetime_years, 0, 100, MINX, "years", "Lifetime",
               "Amortisation of capex and embodied carbon"),
  GP_P_BOOL (gp_system_params, use_scaleup_link, 0, "Scale-up link from link model",
             "The topology's scale-up energy per bit is the link model's total"),
  GP_P_DOUBLE (gp_system_params, scaleup_switch_kgco2e, 0, 1e6, 0, "kgCO2e",
               "Scale-up switch carbon", "Embodied carbon per scale-up switch"),
  GP_P_DOUBLE (gp_system_params, scaleup_transceiver_kgco2e, 0, 1e6, 0, "kgCO2e",
               "Scale-up transceiver carbon",
               "Per scale-up link end (0 if inside a chip or priced in the package)"),
  GP_P_DOUBLE (gp_system_params, scaleout_switch_kgco2e, 0, 1e6, 0, "kgCO2e",
               "Scale-out switch carbon", "Embodied carbon per scale-out switch"),
  GP_P_DOUBLE (gp_system_params, scaleout_transceiver_kgco2e, 0, 1e6, 0, "kgCO2e",
               "Scale-out transceiver carbon", "Embodied carbon per scale-out link end"),
};

const gp_param_table gp_system_param_table = {
  "system", system_params, GP_N_ELEMENTS (system_params),
};

static const gp_param study_params[] = {
  GP_P_DOUBLE (gp_study, token_budget, 0, 1e18, MINX | GP_PARAM_F_LOG, "tokens",
               "Token budget", "Tokens to train on (Llama 3: over 15T)"),
  GP_P_DOUBLE (gp_study, grid_ci_g_per_kwh, 0, 2000, 0, "gCO2e/kWh", "Grid intensity",
               "Carbon intensity where the training runs"),
  GP_P_ENUM (gp_study, cost_basis, gp_cost_basis_names, GP_PARAM_F_OPTIONAL, "Cost basis",
             "build (what the parts cost to make) or purchase (what a buyer pays)"),
};

const gp_param_table gp_study_param_table = {
  "study", study_params, GP_N_ELEMENTS (study_params),
};

/* Output descriptors: ranges are not checked on outputs. */
#define R_D(field, unit_, label_, doc_)                                                    \
  { #field, GP_PARAM_DOUBLE, offsetof (gp_system_result, field), -INFINITY, INFINITY, 0,  \
    (unit_), (label_), (doc_), NULL, 0 }
#define R_I(field, unit_, label_, doc_)                                                    \
  { #field, GP_PARAM_INT, offsetof (gp_system_result, field), -INFINITY, INFINITY, 0,     \
    (unit_), (label_), (doc_), NULL, 0 }
#define R_PART(name_, arr, idx, unit_, label_, doc_)                                       \
  { name_, GP_PARAM_DOUBLE, offsetof (gp_system_result, arr) + (idx) * sizeof (double),   \
    -INFINITY, INFINITY, 0, (unit_), (label_), (doc_), NULL, 0 }

static const gp_param result_params[] = {
  R_I (accelerators, "", "Accelerators", "Accelerators (wafer_scale: systems)"),
  R_I (servers, "", "Servers", "Servers (wafer_scale: systems)"),
  R_D (peak_pflops, "PFLOP/s", "Peak compute", "Accelerators x dense peak"),
  R_D (achieved_pflops, "PFLOP/s", "Achieved compute", "Model FLOPs / step time"),
  R_D (capex_usd, "USD", "Capex", "Packages + servers + interconnect + integration"),
  R_PART ("capex_packages_usd", capex_usd_part, GP_CAPEX_PACKAGES, "USD", "Capex: packages",
          "Accelerator packages at cost per good package"),
  R_PART ("capex_servers_usd", capex_usd_part, GP_CAPEX_SERVERS, "USD", "Capex: servers",
          "Servers x server cost"),
  R_PART ("capex_interconnect_usd", capex_usd_part, GP_CAPEX_INTERCONNECT, "USD",
          "Capex: interconnect", "Switches, transceivers, cables (topology model)"),
  R_PART ("capex_integration_usd", capex_usd_part, GP_CAPEX_INTEGRATION, "USD",
          "Capex: integration", "Integration share of the rest"),
  R_I (cost_basis, "", "Cost basis", "0 = build cost, 1 = purchase price (study.cost_basis)"),
#define R_LINE(key, idx, label_, doc_)                                                     \
  R_PART ("capex_" key "_usd", capex_usd_line, idx, "USD", "Capex: " label_, doc_)
  R_LINE ("accel_packages", GP_COSTLINE_PACKAGES, "accelerator packages",
          "Packages without the glass fabric's engines"),
  R_LINE ("optical_engines", GP_COSTLINE_ENGINES, "optical engines",
          "Glass fabric: co-packaged engines with their share of package scrap"),
  R_LINE ("lasers", GP_COSTLINE_LASERS, "lasers", "Glass fabric: external laser sources"),
  R_LINE ("glass", GP_COSTLINE_GLASS, "glass fabric",
          "Glass, waveguide layers (panel yield) and port coupling"),
  R_LINE ("switches", GP_COSTLINE_SWITCHES, "switches", "Scale-up and scale-out switches"),
  R_LINE ("transceivers", GP_COSTLINE_TRANSCEIVERS, "transceivers", "Link ends"),
  R_LINE ("cables", GP_COSTLINE_CABLES, "cables", "Fibres, cables, waveguide links"),
#undef R_LINE
  R_D (network_share, "", "Network share of capex", "Interconnect / capex"),
  R_D (package_basis_usd, "USD", "Package in basis",
       "One package in the cost basis: street price or build cost"),
  R_D (fabric_usd_per_port, "USD", "Glass fabric per port",
       "Engines + lasers + glass per fabric port, in the cost basis"),
  R_D (package_cost_usd, "USD", "Package cost", "Cost per good accelerator package"),
  R_D (die_yield, "", "Die yield", "Yield of the main logic die (with redundancy)"),
  R_D (good_dies_per_wafer, "", "Good dies per wafer", "Gross dies x yield"),
  R_I (gross_dies_per_wafer, "", "Gross dies per wafer", "Exact count"),
  R_D (power_w, "W", "Power", "From the wall, including PUE"),
  R_D (it_power_w, "W", "IT power", "Equipment power including delivery losses"),
  R_PART ("power_compute_w", power_w_part, GP_POWER_COMPUTE, "W", "Power: compute",
          "Accelerator compute share"),
  R_PART ("power_memory_w", power_w_part, GP_POWER_MEMORY, "W", "Power: memory",
          "Accelerator memory share"),
  R_PART ("power_io_w", power_w_part, GP_POWER_IO, "W", "Power: accelerator I/O",
          "Accelerator I/O share"),
  R_PART ("power_interconnect_w", power_w_part, GP_POWER_INTERCONNECT, "W",
          "Power: interconnect", "Switches and link ends (topology model)"),
  R_PART ("power_servers_w", power_w_part, GP_POWER_SERVERS, "W", "Power: servers",
          "Hosts, fans, NIC logic"),
  R_PART ("power_delivery_w", power_w_part, GP_POWER_DELIVERY, "W", "Power: delivery",
          "Conversion losses"),
  R_PART ("power_facility_w", power_w_part, GP_POWER_FACILITY, "W", "Power: facility",
          "(PUE - 1) x IT power"),
  R_D (step_time_s, "s", "Step time", "Time of one optimizer step"),
  R_D (mfu, "", "MFU", "Model FLOPs utilisation"),
  R_D (tokens_per_s, "tokens/s", "Throughput", "Training tokens per second"),
  R_D (time_to_train_s, "s", "Time to train", "Failure-free"),
  R_D (goodput, "", "Goodput", "Useful time over wall time (failures, checkpoints)"),
  R_D (effective_time_to_train_s, "s", "Wall time to train", "Time to train / goodput"),
  R_D (energy_to_train_j, "J", "Energy to train", "From the wall, incl. PUE"),
  R_D (cost_to_train_usd, "USD", "Cost to train", "Capex share + energy"),
  R_D (capex_share_usd, "USD", "Capex share", "Capex x wall time / lifetime"),
  R_D (energy_cost_usd, "USD", "Energy cost", "Energy x electricity price"),
  R_D (carbon_to_train_kg, "kgCO2e", "Carbon to train", "Embodied share + operational"),
  R_D (operational_kg, "kgCO2e", "Operational carbon", "Energy x grid intensity"),
  R_D (embodied_share_kg, "kgCO2e", "Embodied share", "Embodied x wall time / lifetime"),
  R_D (embodied_kg, "kgCO2e", "Embodied carbon", "Whole machine"),
  R_PART ("embodied_packages_kg", embodied_kg_part, GP_EMBODIED_PACKAGES, "kgCO2e",
          "Embodied: packages", "Accelerator packages (ACT)"),
  R_PART ("embodied_servers_kg", embodied_kg_part, GP_EMBODIED_SERVERS, "kgCO2e",
          "Embodied: servers", "DRAM, SSD, boards, power supplies, chassis, cooling"),
  R_PART ("embodied_interconnect_kg", embodied_kg_part, GP_EMBODIED_INTERCONNECT, "kgCO2e",
          "Embodied: interconnect", "Switches and transceivers"),
  R_D (blast_radius_share, "", "Blast radius", "Share of the machine one failure takes"),
  R_I (spares, "", "Hot spares", "Spare accelerators (the failure model's share or count)"),
  R_D (checkpoint_gb, "GB", "Checkpoint size",
       "Weights + optimizer state + overhead, from the workload and plan"),
  R_I (weights_resident, "", "Weights resident",
       "Wafer-scale: 1 if the weights stay in SRAM, 0 if they stream (0 otherwise)"),
  R_I (wafer_systems_needed, "", "Systems needed",
       "Wafer-scale: fewest systems that can train the model (0 otherwise)"),
  R_D (mtbf_s, "s", "Job MTBF", "Mean time between job failures"),
  R_D (expected_failures, "", "Expected failures", "During the wall time to train"),
  R_D (pflops_per_musd, "PFLOP/s per MUSD", "Compute per capex",
       "Peak per million USD of capex (1e6 / usd_per_pflops_system)"),
  R_D (usd_per_pflops_package, "USD/(PFLOP/s)", "Cost per PFLOP/s: package",
       "Per good package: package cost / accelerator peak"),
  R_D (usd_per_pflops_accel, "USD/(PFLOP/s)", "Cost per PFLOP/s: accelerator",
       "Package + its share of server and fabric, / accelerator peak"),
  R_D (usd_per_pflops_system, "USD/(PFLOP/s)", "Cost per PFLOP/s: system",
       "Capex (integration included) / machine peak"),
  R_D (pflops_per_kw, "PFLOP/s per kW", "Compute per power", "Peak per kW from the wall"),
  R_D (tokens_per_joule, "tokens/J", "Tokens per joule", "Token budget / energy to train"),
  R_D (usd_per_model, "USD", "USD per model", "Cost to train"),
  R_D (kgco2e_per_model, "kgCO2e", "kgCO2e per model", "Carbon to train"),
  { "cooling", GP_PARAM_ENUM, offsetof (gp_system_result, cooling), 0, 0, 0, "",
    "Cooling class", "air, liquid or immersion", gp_cooling_names, 0 },
  R_D (die_area_mm2, "mm2", "Die area", "One logic die of the package"),
  R_D (die_w_per_mm2, "W/mm2", "Die power density", "Logic die at the reference clock"),
  R_D (die_limit_w_per_mm2, "W/mm2", "Die flux limit", "What the cooling class removes"),
  R_D (sustained_clock_mhz, "MHz", "Sustained clock", "Within the cooling limits"),
  R_D (clock_ratio, "", "Clock ratio", "Sustained / reference clock (scales peak)"),
  R_D (accel_power_w, "W", "Accelerator power", "Package power at the sustained clock"),
  R_D (server_it_power_w, "W", "Server IT power", "One server incl. its fabric share"),
  R_D (rack_power_w, "W", "Rack power", "Servers per rack x server IT power"),
  R_D (rack_limit_w, "W", "Rack limit", "The cooling class's rack limit"),
  R_D (racks, "", "Racks", "Servers / servers per rack"),
  R_I (pools, "", "Memory pools", "Pools of the fabric-attached tier"),
  R_D (pool_capacity_gb_per_accel, "GB", "Pool per accelerator", "Pooled tier capacity"),
  R_D (pool_bw_gb_per_s_per_accel, "GB/s", "Pool bandwidth", "Per accelerator"),
  R_D (pool_latency_ns, "ns", "Pool latency", "Load-to-use through the fabric"),
  R_D (pool_capex_usd, "USD", "Pool capex", "Inside capex: servers"),
  R_D (pool_power_w, "W", "Pool power", "Inside power: servers"),
  R_D (pool_embodied_kg, "kgCO2e", "Pool embodied", "Inside embodied: servers"),
};

const gp_param_table gp_system_result_table = {
  "system result", result_params, GP_N_ELEMENTS (result_params),
};

/* ---- defaults --------------------------------------------------------------------- */

/* data/systems.lua "dgx-h100": keep the two in step (tests/test-system.c compares them).
 * The derivation of every value is in that file. */
void
gp_system_init (gp_system *s)
{
  memset (s, 0, sizeof *s);
  gp_system_params *p = &s->sys;
  strcpy (p->name, "dgx-h100");
  p->family = GP_FAMILY_DGX;
  p->accelerators = 1024;
  p->accels_per_server = 8;
  p->server_cost_usd = 24000;          /* 32,000 non-GPU - 4 x 2,000 NVSwitch */
  p->server_power_w = 3353.2;          /* 10,200 x 0.95 - 8 x 700 - 676.8 - 60 */
  p->host_dram_gb = 2048;
  p->host_ssd_gb = 34560;
  p->integration_cost_fraction = 0.05;
  p->accel_memory_power_share = 0.15;
  p->accel_io_power_share = 0.03;
  p->power_delivery_efficiency = 0.95;
  p->pue = 1.1;
  p->electricity_usd_per_kwh = 0.08;
  p->lifetime_years = 5;
  p->use_scaleup_link = true;
  p->scaleup_switch_kgco2e = 8.0;
  p->scaleup_transceiver_kgco2e = 0.0;
  p->scaleout_switch_kgco2e = 220.0;
  p->scaleout_transceiver_kgco2e = 2.7;

  gp_package_params_init (&s->package);   /* "h100_cowos_s" */
  gp_accel_params_init (&s->accel);       /* H100 SXM */
  gp_topology_params_init (&s->topology); /* "dgx-h100-ndr", 1,024 GPUs */
  gp_link_params_init (&s->link);         /* data/links.lua "nvlink4": the loader fills */
  strcpy (s->link.name, "nvlink4");       /* what the entry omits from this init */
  s->link.medium = GP_LINK_ELECTRICAL;
  s->link.reach_class = GP_REACH_BOARD;
  s->link.lane_rate_gbps = 100;
  s->link.lanes = 2;
  s->link.serdes_pj_per_bit = 5.5;
  gp_failure_params_init (&s->failure);   /* "llama3-405b-h100" rates */
  s->failure.n_accel = 1024;              /* spares: the preset's 1.6% share, 16 */
  gp_carbon_system_params_init (&s->carbon); /* data/carbon.lua "dgx_h100", per server */
  gp_cost_params_init (&s->cost);         /* data/systems.lua "dgx-h100" cost table */
  gp_power_params_init (&s->power);       /* data/power.lua: H100 die, air cooled */
  gp_mempool_params_init (&s->pool);      /* no pooled tier */
}

/* Llama 3 70B (data/workloads.lua "llama3-70b", Meta 2024 Table 3) on 15e12 tokens
 * (Meta 2024: "over 15T tokens"), world grid 301 g/kWh (ACT), the GUI's default plan
 * space (gp_search_params_restrict_default). */
void
gp_study_init (gp_study *st)
{
  memset (st, 0, sizeof *st);
  gp_workload *w = &st->workload;
  gp_workload_params_init (w);
  strcpy (w->name, "llama3-70b");
  w->layers = 80;
  w->hidden_size = 8192;
  w->heads = 64;
  w->kv_heads = 8;
  w->ffn_size = 28672;
  w->gated_ffn = true;
  w->linear_biases = false;
  w->learned_positions = false;
  w->tied_embeddings = false;
  w->seq_len_tokens = 8192;
  w->vocab_size = 128256;
  w->batch_seqs = 2048;
  w->bytes_per_param = 2;
  w->bytes_per_grad = 2;
  w->bytes_per_act = 2;
  w->optimizer_bytes_per_param = 12;
  st->token_budget = 15e12;
  st->grid_ci_g_per_kwh = 301;
  gp_carbon_params_init (&st->carbon);
  gp_search_params_init (&st->search);
  gp_search_params_restrict_default (&st->search);
  st->search.top_k = 1;
  st->cost_basis = GP_COST_BUILD;
}

/* ---- validation ------------------------------------------------------------------- */

static gp_status
sub_fail (gp_error *err, const char *what, gp_status st)
{
  gp_error_prefix (err, what);
  return st;
}

/* Active HBM capacity (GB) and stacks of one package. */
static void
package_hbm (const gp_package_params *pk, double *gb, long *stacks)
{
  *gb = 0;
  *stacks = 0;
  for (int i = 0; i < pk->n_parts && i < GP_PACKAGE_PARTS_MAX; i++)
    {
      const gp_package_part *pt = &pk->parts[i];
      if (pt->kind != GP_PART_HBM)
        continue;
      long act = pt->active_count < 0 ? pt->count : pt->active_count;
      *gb += (double) act * pt->capacity_gb;
      *stacks += act;
    }
}

static bool
package_is_wafer (const gp_package_params *pk)
{
  if (pk->carrier == GP_CARRIER_WAFER_SCALE)
    return true;
  for (int i = 0; i < pk->n_parts && i < GP_PACKAGE_PARTS_MAX; i++)
    if (pk->parts[i].wafer_scale)
      return true;
  return false;
}

/* Copy SRC into DST (SIZE bytes), cut to fit: derived names may be long. */
static void
copy_name (char *dst, size_t size, const char *src)
{
  size_t n = strlen (src);
  if (n >= size)
    n = size - 1;
  memcpy (dst, src, n);
  dst[n] = '\0';
}

static bool
rel_equal (double a, double b, double tol)
{
  return fabs (a - b) <= tol * fmax (fabs (a), fabs (b));
}

/* With cost.glass_fabric the fabric prices the engines, their lasers and the waveguides:
 * nothing else may price them a second time. Eval-time prices, so checked at every
 * evaluation (a few compares) as well as in validation. */
static gp_status
glass_priced_once (const gp_system *s, gp_error *err)
{
  if (s->topology.kind != GP_TOPO_OPTICAL_FABRIC && s->topology.kind != GP_TOPO_DIRECT_CONNECT
      && s->topology.kind != GP_TOPO_CIRCUIT_SWITCHED)
    return gp_error_set (err, GP_EINVAL, "cost.glass_fabric",
                         "cost.glass_fabric needs an optical_fabric, direct_connect or "
                         "circuit_switched topology, got %s (the "
                         "lanes per port and per laser come from `link`)",
                         gp_topology_kind_names[s->topology.kind]);
  if (s->link.lanes < 1 || s->link.lanes_per_laser < 1)
    return gp_error_set (err, GP_EINVAL, "link.lanes",
                         "cost.glass_fabric: link.lanes = %ld and link.lanes_per_laser = %ld "
                         "must be >= 1 (they count the fabric's lanes and lasers)",
                         s->link.lanes, s->link.lanes_per_laser);
  if (s->topology.scaleup_transceiver_cost_usd > 0 || s->topology.scaleup_cable_cost_usd > 0)
    return gp_error_set (err, GP_EINVAL, "topology.scaleup_cable_cost_usd",
                         "topology.scaleup_transceiver_cost_usd = %g and "
                         "scaleup_cable_cost_usd = %g: the glass fabric prices its ports "
                         "and waveguides from parts (cost.glass_fabric); set them to 0",
                         s->topology.scaleup_transceiver_cost_usd,
                         s->topology.scaleup_cable_cost_usd);
  for (int i = 0; i < s->package.n_parts; i++)
    if (s->package.parts[i].kind == GP_PART_OPTICS && s->package.parts[i].unit_cost_usd > 0)
      return gp_error_set (err, GP_EINVAL, "unit_cost_usd",
                           "package.parts[%d] (%s): unit_cost_usd = %g, but the glass "
                           "fabric prices the optical engines from parts "
                           "(cost.glass_fabric); set 0", i + 1, s->package.parts[i].name,
                           s->package.parts[i].unit_cost_usd);
  return GP_OK;
}

/* Every sub-struct against its table, then the joins: the machine has one count
 * (topology accelerators = accelerators, a whole number of servers), the shares of the
 * accelerator's power leave a compute share >= 0, the package and the accelerator describe
 * the same part (peak, and HBM capacity unless wafer-scale), and the wafer_scale family
 * goes with a wafer-scale package, accelerator and topology (and one wafer per system). */
gp_status
gp_system_validate (const gp_system *s, gp_error *err)
{
  if (s == NULL)
    return gp_error_set (err, GP_EINVAL, "system", "system must not be NULL");
  const gp_system_params *p = &s->sys;
  gp_status st;
  GP_TRY (gp_params_validate (&gp_system_param_table, p, err));
  if ((st = gp_params_validate (&gp_package_param_table, &s->package, err)) != GP_OK)
    return sub_fail (err, "package", st);
  if (s->package.n_parts < 1 || s->package.n_parts > GP_PACKAGE_PARTS_MAX)
    return gp_error_set (err, GP_EINVAL, "n_parts",
                         "package.n_parts = %d is out of range: allowed [1, %d]",
                         s->package.n_parts, GP_PACKAGE_PARTS_MAX);
  for (int i = 0; i < s->package.n_parts; i++)
    if ((st = gp_params_validate (&gp_package_part_param_table, &s->package.parts[i], err))
        != GP_OK)
      {
        char ctx[GP_NAME_MAX + 32];
        snprintf (ctx, sizeof ctx, "package.parts[%d] (%s)", i + 1, s->package.parts[i].name);
        return sub_fail (err, ctx, st);
      }
  if ((st = gp_accel_validate (&s->accel, err)) != GP_OK)
    return sub_fail (err, "accel", st);
  if ((st = gp_params_validate (&gp_topology_param_table, &s->topology, err)) != GP_OK)
    return sub_fail (err, "topology", st);
  if (s->sys.use_scaleup_link
      && (st = gp_params_validate (&gp_link_param_table, &s->link, err)) != GP_OK)
    return sub_fail (err, "link", st);
  if ((st = gp_params_validate (&gp_failure_param_table, &s->failure, err)) != GP_OK)
    return sub_fail (err, "failure", st);
  if ((st = gp_params_validate (&gp_carbon_system_param_table, &s->carbon, err)) != GP_OK)
    return sub_fail (err, "carbon", st);
  if ((st = gp_cost_validate (&s->cost, err)) != GP_OK)
    return sub_fail (err, "cost", st);
  if (s->cost.glass_fabric)
    GP_TRY (glass_priced_once (s, err));
  if ((st = gp_params_validate (&gp_power_param_table, &s->power, err)) != GP_OK)
    return sub_fail (err, "power", st);
  {
    gp_mempool_result pr;
    if ((st = gp_mempool_eval (&s->pool, &pr, err)) != GP_OK)
      return sub_fail (err, "pool", st);
  }

  if (p->accelerators % p->accels_per_server != 0)
    return gp_error_set (err, GP_EINVAL, "accelerators",
                         "accelerators = %ld is not a multiple of accels_per_server = %ld "
                         "(a machine is whole servers)", p->accelerators, p->accels_per_server);
  if (s->topology.accelerators != p->accelerators)
    return gp_error_set (err, GP_EINVAL, "topology.accelerators",
                         "topology.accelerators = %ld differs from accelerators = %ld (the "
                         "machine has one count; gp_system_set_accelerators keeps them equal)",
                         s->topology.accelerators, p->accelerators);
  if (p->accel_memory_power_share + p->accel_io_power_share > 1.0)
    return gp_error_set (err, GP_EINVAL, "accel_io_power_share",
                         "accel_memory_power_share + accel_io_power_share = %g + %g exceeds 1 "
                         "(the rest of the accelerator's power is its compute share)",
                         p->accel_memory_power_share, p->accel_io_power_share);
  if (s->package.peak_pflops > 0
      && !rel_equal (s->package.peak_pflops, s->accel.peak_tflop_per_s / 1000.0, 1e-9))
    return gp_error_set (err, GP_EINVAL, "package.peak_pflops",
                         "package.peak_pflops = %g differs from accel.peak_tflop_per_s / 1000 "
                         "= %g (the package and the accelerator are the same part; set 0 or "
                         "the same figure)", s->package.peak_pflops,
                         s->accel.peak_tflop_per_s / 1000.0);
  double hbm_gb;
  long stacks;
  package_hbm (&s->package, &hbm_gb, &stacks);
  if (!s->accel.wafer_scale && stacks > 0 && !rel_equal (hbm_gb, s->accel.mem_capacity_gb, 1e-9))
    return gp_error_set (err, GP_EINVAL, "accel.mem_capacity_gb",
                         "accel.mem_capacity_gb = %g differs from the package's active HBM "
                         "capacity %g GB (the step model must see the memory that is priced)",
                         s->accel.mem_capacity_gb, hbm_gb);

  bool wafer_family = p->family == GP_FAMILY_WAFER_SCALE;
  bool wafer_pkg = package_is_wafer (&s->package);
  bool wafer_topo = s->topology.kind == GP_TOPO_WAFER_SCALE;
  if (wafer_family)
    {
      if (!wafer_pkg)
        return gp_error_set (err, GP_EINVAL, "package.carrier",
                             "the wafer_scale family needs a wafer-scale package (carrier "
                             "wafer_scale), got carrier %s",
                             gp_carrier_kind_names[s->package.carrier]);
      if (!s->accel.wafer_scale)
        return gp_error_set (err, GP_EINVAL, "accel.wafer_scale",
                             "the wafer_scale family needs accel.wafer_scale = true");
      if (!wafer_topo)
        return gp_error_set (err, GP_EINVAL, "topology.kind",
                             "the wafer_scale family needs topology kind wafer_scale, got %s",
                             gp_topology_kind_names[s->topology.kind]);
      if (p->accels_per_server != 1)
        return gp_error_set (err, GP_EINVAL, "accels_per_server",
                             "accels_per_server = %ld: a wafer-scale system holds one wafer "
                             "(allowed: 1)", p->accels_per_server);
    }
  else if (wafer_pkg || s->accel.wafer_scale || wafer_topo)
    return gp_error_set (err, GP_EINVAL, "family",
                         "family = %s but the %s is wafer-scale: use family wafer_scale",
                         gp_family_names[p->family],
                         wafer_pkg ? "package" : s->accel.wafer_scale ? "accel" : "topology");
  return GP_OK;
}

/* ---- preparation ------------------------------------------------------------------ */

/* The expensive, parameter-stable part. The scale-up energy per bit: with use_scaleup_link
 * the link model's total (per end, gp-link.h) replaces the topology's own figure, so a
 * sweep over pJ/bit terms reaches the interconnect power and the step model's energy. */
static gp_status
system_prepare (const gp_system *s, const gp_study *st, const gp_node *nodes,
                size_t n_nodes, gp_system_prepared *prep, bool staged, gp_error *err)
{
  if (prep == NULL || st == NULL)
    return gp_error_set (err, GP_EINVAL, "prep", "study and prepared state must not be NULL");
  gp_system_prepared_reset (prep, staged);
  gp_status rc = gp_system_validate (s, err);
  if (rc != GP_OK)
    return sub_fail (err, s ? s->sys.name : "system", rc);
  const char *nm = s->sys.name;
  if ((rc = gp_params_validate (&gp_study_param_table, st, err)) != GP_OK)
    return rc;
  if ((rc = gp_params_validate (&gp_carbon_param_table, &st->carbon, err)) != GP_OK)
    return sub_fail (err, "study.carbon", rc);

  rc = staged ? gp_package_prepare_staged (&s->package, nodes, n_nodes, &prep->package, err)
              : gp_package_prepare (&s->package, nodes, n_nodes, &prep->package, err);
  if (rc != GP_OK)
    {
      gp_error_prefix (err, "package");
      return sub_fail (err, nm, rc);
    }
  if ((rc = gp_carbon_package (&st->carbon, &s->package, &prep->package,
                               &prep->package_carbon, err)) != GP_OK)
    {
      gp_error_prefix (err, "package carbon");
      return sub_fail (err, nm, rc);
    }

  gp_topology_params topo = s->topology;
  topo.accelerators = s->sys.accelerators;
  if (s->sys.use_scaleup_link)
    {
      if ((rc = gp_link_eval (&s->link, &prep->link, err)) != GP_OK)
        {
          gp_error_prefix (err, "link");
          return sub_fail (err, nm, rc);
        }
      topo.scaleup_energy_pj_per_bit = prep->link.total_pj_per_bit;
    }
  prep->scaleup_energy_pj_per_bit = topo.scaleup_energy_pj_per_bit;
  if ((rc = gp_topology_eval (&topo, &prep->topology, err)) != GP_OK)
    {
      gp_error_prefix (err, "topology");
      return sub_fail (err, nm, rc);
    }
  prep->accel = s->accel;
  if ((rc = gp_system_power_prepare (s, prep, err)) != GP_OK)
    return sub_fail (err, nm, rc);
  prep->net = prep->topology.net;
  if ((rc = gp_steptime_prepare (&prep->steptime, &prep->accel, &prep->net, &st->workload, err))
      != GP_OK)
    return sub_fail (err, nm, rc);
  double ckpt;
  if ((rc = gp_workload_checkpoint_bytes (&st->workload, &ckpt, err)) != GP_OK)
    return sub_fail (err, "workload", rc);
  prep->checkpoint_gb = ckpt / 1e9;
  prep->params = prep->steptime.sizes.params;
  prep->wafer_systems_needed
    = s->accel.wafer_scale ? gp_steptime_wafer_systems_needed (&prep->steptime, NULL, NULL) : 0;

  /* The main logic die: the largest one priced by the die model. */
  prep->main_part = -1;
  double best = 0;
  for (int i = 0; i < s->package.n_parts; i++)
    if (prep->package.part[i].priced_by_die_model && prep->package.part[i].die_area_mm2 > best)
      {
        best = prep->package.part[i].die_area_mm2;
        prep->main_part = i;
      }
  double gb;
  package_hbm (&s->package, &gb, &prep->hbm_stacks_per_accel);
  prep->logic_dies_per_accel = 0;
  prep->logic_area_mm2 = 0;
  for (int i = 0; i < s->package.n_parts; i++)
    if (prep->package.part[i].priced_by_die_model && s->package.parts[i].kind == GP_PART_LOGIC)
      {
        prep->logic_dies_per_accel += s->package.parts[i].count;
        prep->logic_area_mm2
          += (double) s->package.parts[i].count * prep->package.part[i].die_area_mm2;
      }
  prep->accelerators = s->sys.accelerators;
  prep->accels_per_server = s->sys.accels_per_server;
  prep->ready = true;
  return GP_OK;
}

gp_status
gp_system_prepare (const gp_system *s, const gp_study *st, const gp_node *nodes,
                   size_t n_nodes, gp_system_prepared *prep, gp_error *err)
{
  return system_prepare (s, st, nodes, n_nodes, prep, false, err);
}

gp_status
gp_system_prepare_staged (const gp_system *s, const gp_study *st, const gp_node *nodes,
                          size_t n_nodes, gp_system_prepared *prep, gp_error *err)
{
  return system_prepare (s, st, nodes, n_nodes, prep, true, err);
}

/* ---- capex and power -------------------------------------------------------------- */

/* Capex and power of N accelerators in SERVERS servers on a topology (TOPO):
 *   capex  = the lines of gp_cost_capex in the study's basis (gp-cost.h): packages, the glass
 *            fabric's engines, lasers and glass, switches, transceivers, cables, servers,
 *            integration share; the four GP_CAPEX_* parts are their sums
 *   P_acc  = N x P_accel (the power model's package power at the sustained clock, which is
 *            the TDP when the cooling class holds the reference clock), split compute /
 *            memory / I/O by the shares
 *   P_eq   = P_acc + P_topology + servers x P_server               (equipment)
 *   P_it   = P_eq / eta_delivery       (delivery losses P_eq (1/eta - 1))
 *   P_wall = P_it x PUE                (facility (PUE - 1) P_it)
 * The accelerator end of a link is inside the accelerator's TDP and is also one of the
 * ends the topology counts; the presets' server power is the residual to a published
 * whole-server figure, which absorbs that overlap (data/systems.lua says how). */
static gp_status
capex_power (const gp_system *s, int basis, const gp_package_result *pkg, double accel_w,
             const gp_topology_result *topo, long n, long servers, gp_system_result *out,
             gp_error *err)
{
  const gp_system_params *p = &s->sys;
  if (s->cost.glass_fabric)
    GP_TRY (glass_priced_once (s, err));
  gp_cost_inputs in = {
    .accelerators = n, .servers = servers, .accels_per_server = p->accels_per_server,
    .package_build_usd = pkg->total_usd,
    .package_part_factor = 1.0 / (pkg->yields.assembly_yield * pkg->yields.final_test_yield),
    .server_price_usd = p->server_cost_usd,
    .integration_fraction = p->integration_cost_fraction,
    .lanes_per_port = s->link.lanes, .lanes_per_laser = s->link.lanes_per_laser,
    .topo = &s->topology, .topo_result = topo,
  };
  gp_status rc = gp_cost_capex (&s->cost, (gp_cost_basis) basis, &in, &out->cost, err);
  if (rc != GP_OK)
    {
      gp_error_prefix (err, basis == GP_COST_PURCHASE ? "purchase basis" : "build basis");
      return rc;
    }
  const double *l = out->cost.line_usd;
  memcpy (out->capex_usd_line, l, sizeof out->capex_usd_line);
  double *c = out->capex_usd_part;
  c[GP_CAPEX_PACKAGES] = l[GP_COSTLINE_PACKAGES];
  c[GP_CAPEX_SERVERS] = l[GP_COSTLINE_SERVERS];
  c[GP_CAPEX_INTERCONNECT] = out->cost.interconnect_usd;
  c[GP_CAPEX_INTEGRATION] = l[GP_COSTLINE_INTEGRATION];
  out->capex_usd = out->cost.total_usd;
  out->cost_basis = basis;
  out->network_share = out->capex_usd > 0 ? c[GP_CAPEX_INTERCONNECT] / out->capex_usd : 0;
  out->package_basis_usd = out->cost.package_usd;
  out->fabric_usd_per_port = out->cost.fabric_usd_per_port;

  double *w = out->power_w_part;
  double acc = (double) n * accel_w;
  w[GP_POWER_MEMORY] = acc * p->accel_memory_power_share;
  w[GP_POWER_IO] = acc * p->accel_io_power_share;
  w[GP_POWER_COMPUTE] = acc - w[GP_POWER_MEMORY] - w[GP_POWER_IO];
  w[GP_POWER_INTERCONNECT] = topo->power_w;
  w[GP_POWER_SERVERS] = (double) servers * p->server_power_w;
  double eq = acc + w[GP_POWER_INTERCONNECT] + w[GP_POWER_SERVERS];
  double it = eq / p->power_delivery_efficiency;
  w[GP_POWER_DELIVERY] = it - eq;
  w[GP_POWER_FACILITY] = (p->pue - 1.0) * it;
  out->it_power_w = it;
  out->power_w = eq + w[GP_POWER_DELIVERY] + w[GP_POWER_FACILITY];
  return GP_OK;
}

/* ---- evaluation ------------------------------------------------------------------- */

static gp_status
eval_fail (gp_error *err, const gp_system *s, gp_status st)
{
  gp_error_prefix (err, s->sys.name);
  return st;
}

/* Everything beyond the preparation (see gp-system.h for the cost and carbon equations):
 *  1. package cost (gp_package_cost) -> capex and power (capex_power above);
 *  2. embodied carbon: servers x gp_carbon_system (the per-server parts with the package
 *     carbon filled in) + interconnect (switches and link ends the topology counts x the
 *     per-item kgCO2e of the system);
 *  3. the step: the given plan, or the best of gp_search_run (n_accel = N, top 1);
 *  4. time to train T = tokens / (B s) x step time (gp_steptime_to_train);
 *  5. failures (gp_failure_eval) with the job filled from the system: n_accel = N, HBM
 *     stacks from the package, checkpoint = weights + optimizer state of the workload; the
 *     failure struct keeps its own accel_per_node, the accelerators one host serves (its
 *     "node" failures take those out), which need not be a server: a glass server of 512
 *     Lite-GPUs has the host resources of 16 DGX nodes, not one; wall time T_w = T / goodput;
 *  6. energy from the power model, not the step model: E = P_wall x T_w. The power model
 *     has the breakdown (hosts, delivery, PUE) that the step model's accelerators-plus-
 *     link-bits energy lacks, and the machine is taken to draw its training power for the
 *     whole wall time, restarts included (conservative). The step model's figure is kept
 *     in step_energy_to_train_j for comparison.
 *  7. cost = capex x T_w / lifetime + E_kWh x price; carbon = gp_carbon_run with the IT
 *     energy E / PUE (it applies PUE itself). A run longer than the lifetime is charged
 *     pro rata past one whole embodied footprint (as if the hardware were replaced), the
 *     same way as capex; gp_carbon_run refuses that case, so it is done here. */
gp_status
gp_system_eval_hardware (const gp_system *s, const gp_study *st,
                         gp_system_prepared *prep, gp_system_result *out, gp_error *err)
{
  if (s == NULL || st == NULL || prep == NULL || out == NULL)
    return gp_error_set (err, GP_EINVAL, "system",
                         "system, study, prepared state and result must not be NULL");
  if (!prep->ready)
    return gp_error_set (err, GP_EINVAL, "prep", "%s: the system is not prepared "
                         "(call gp_system_prepare)", s->sys.name);
  if (s->sys.accelerators != prep->accelerators
      || s->sys.accels_per_server != prep->accels_per_server
      || s->package.n_parts != prep->package.n_parts)
    return gp_error_set (err, GP_EINVAL, "accelerators",
                         "%s: accelerators = %ld, accels_per_server = %ld differ from the "
                         "prepared %ld, %ld (or the package's parts changed): prepare again",
                         s->sys.name, s->sys.accelerators, s->sys.accels_per_server,
                         prep->accelerators, prep->accels_per_server);
  gp_status rc;
  if ((rc = gp_params_validate (&gp_system_param_table, &s->sys, err)) != GP_OK)
    return eval_fail (err, s, rc);
  if (s->sys.accel_memory_power_share + s->sys.accel_io_power_share > 1.0)
    return gp_error_set (err, GP_EINVAL, "accel_io_power_share",
                         "%s: accel_memory_power_share + accel_io_power_share exceeds 1",
                         s->sys.name);
  if ((rc = gp_params_validate (&gp_study_param_table, st, err)) != GP_OK)
    return rc;
  memset (out, 0, sizeof *out);
  const long n = s->sys.accelerators;
  const long servers = n / s->sys.accels_per_server;
  out->accelerators = n;
  out->servers = servers;
  /* the clock the cooling class sustains scales the peak (gp_system_power_prepare) */
  out->peak_pflops = (double) n * prep->accel.peak_tflop_per_s / 1000.0;

  /* 1. cost and power */
  if ((rc = gp_package_cost (&s->package, &prep->package, &out->package, err)) != GP_OK)
    {
      gp_error_prefix (err, "package");
      return eval_fail (err, s, rc);
    }
  out->package_cost_usd = out->package.total_usd;
  if (prep->main_part >= 0)
    {
      const gp_package_part_prep *mp = &prep->package.part[prep->main_part];
      out->die_yield = mp->die_yield;
      out->gross_dies_per_wafer = mp->gross_dies;
      out->good_dies_per_wafer = (double) mp->gross_dies * mp->die_yield;
    }
  if ((rc = capex_power (s, st->cost_basis, &out->package, prep->accel.power_w,
                         &prep->topology, n, servers, out, err)) != GP_OK)
    {
      gp_error_prefix (err, "capex");
      return eval_fail (err, s, rc);
    }
  /* the pooled tier: its cost, power and carbon sit in the servers parts */
  gp_system_pool_totals (s, prep, n, out);
  if (out->pools > 0)
    {
      double integ = out->pool_capex_usd * s->sys.integration_cost_fraction;
      out->capex_usd_part[GP_CAPEX_SERVERS] += out->pool_capex_usd;
      out->capex_usd_part[GP_CAPEX_INTEGRATION] += integ;
      out->capex_usd_line[GP_COSTLINE_SERVERS] += out->pool_capex_usd;
      out->capex_usd_line[GP_COSTLINE_INTEGRATION] += integ;
      out->capex_usd += out->pool_capex_usd + integ;
      double it = out->pool_power_w / s->sys.power_delivery_efficiency;
      out->power_w_part[GP_POWER_SERVERS] += out->pool_power_w;
      out->power_w_part[GP_POWER_DELIVERY] += it - out->pool_power_w;
      out->power_w_part[GP_POWER_FACILITY] += (s->sys.pue - 1.0) * it;
      out->it_power_w += it;
      out->power_w += it * s->sys.pue;
    }
  gp_system_power_limits (s, prep, out);

  /* 2. embodied carbon */
  gp_carbon_system_params cs = s->carbon;
  cs.packages = s->sys.accels_per_server;
  cs.package_kgco2e = prep->package_carbon.total_kg;
  cs.dram_gb = s->sys.host_dram_gb;
  cs.ssd_gb = s->sys.host_ssd_gb;
  gp_carbon_system_result cr;
  if ((rc = gp_carbon_system (&st->carbon, &cs, &cr, err)) != GP_OK)
    {
      gp_error_prefix (err, "carbon");
      return eval_fail (err, s, rc);
    }
  out->embodied_kg_part[GP_EMBODIED_PACKAGES] = (double) servers * cr.packages_kg;
  out->embodied_kg_part[GP_EMBODIED_SERVERS] = (double) servers * (cr.total_kg - cr.packages_kg)
                                               + out->pool_embodied_kg;
  double ic = 0;
  for (int i = 0; i < prep->topology.n_levels; i++)
    {
      const gp_topology_level *lv = &prep->topology.level[i];
      bool inner = i == 0;
      ic += (double) lv->switches
              * (inner ? s->sys.scaleup_switch_kgco2e : s->sys.scaleout_switch_kgco2e)
            + (double) lv->transceivers
                * (inner ? s->sys.scaleup_transceiver_kgco2e
                         : s->sys.scaleout_transceiver_kgco2e)
            + lv->embodied_kgco2e; /* glass fabric: switch ports and glass (gp-fabric) */
    }
  out->embodied_kg_part[GP_EMBODIED_INTERCONNECT] = ic;
  out->embodied_kg = out->embodied_kg_part[0] + out->embodied_kg_part[1]
                     + out->embodied_kg_part[2];

  /* ratios that need no step */
  out->pflops_per_musd = out->peak_pflops / (out->capex_usd / 1e6);
  {
    /* every figure in the study's cost basis: one package, one server, the fabric */
    gp_compute_cost_params cp = {
      out->package_basis_usd, out->capex_usd_part[GP_CAPEX_SERVERS] / (double) servers,
      s->sys.accels_per_server, out->capex_usd_part[GP_CAPEX_INTERCONNECT], out->capex_usd,
      n, s->accel.peak_tflop_per_s / 1000.0,
    };
    gp_compute_cost cc;
    if ((rc = gp_compute_cost_eval (&cp, &cc, err)) != GP_OK)
      return eval_fail (err, s, rc);
    out->usd_per_pflops_package = cc.usd_per_pflops_package;
    out->usd_per_pflops_accel = cc.usd_per_pflops_accel;
    out->usd_per_pflops_system = cc.usd_per_pflops_system;
  }
  out->pflops_per_kw = out->peak_pflops / (out->power_w / 1e3);

  return GP_OK;
}

_Static_assert (sizeof ((gp_system_result *) 0)->binding
                  == sizeof ((gp_system_prepared *) 0)->words,
                "the kept words fit the result's binding");

gp_status
gp_system_eval (const gp_system *s, const gp_study *st, gp_system_prepared *prep,
                const gp_plan *plan, gp_system_result *out, gp_search_progress_fn progress,
                void *user, gp_error *err)
{
  /* 1-2: cost, power, embodied carbon */
  gp_status rc = gp_system_eval_hardware (s, st, prep, out, err);
  if (rc != GP_OK)
    return rc;
  /* The prepared context borrows these; re-point so a copied PREP still works. */
  prep->steptime.accel = &prep->accel;
  prep->steptime.net = &prep->net;
  prep->steptime.work = &st->workload;
  bool glass = s->topology.kind == GP_TOPO_DIRECT_CONNECT
               || s->topology.kind == GP_TOPO_CIRCUIT_SWITCHED; /* each plan placed */
  prep->steptime.plan_net = glass ? gp_fabric_plan_net_hook : NULL;
  prep->steptime.plan_net_user = glass ? (void *) &s->topology : NULL;
  const long n = s->sys.accelerators;

  /* 3. the step */
  if (plan != NULL)
    {
      out->plan = *plan;
      if ((double) plan->dp * (double) plan->tp * (double) plan->cp * (double) plan->pp
          != (double) n)
        return gp_error_set (err, GP_EINVAL, "dp",
                             "%s: the plan uses dp x tp x cp x pp = %ld x %ld x %ld x %ld "
                             "accelerators, the machine has %ld (a plan must use the whole "
                             "machine)", s->sys.name, plan->dp, plan->tp, plan->cp, plan->pp, n);
      if (prep->reuse_step && prep->step_kept
          && memcmp (&prep->kept_plan, plan, sizeof *plan) == 0)
        {
          out->step = prep->kept_step;
          rc = GP_OK;
        }
      else
        {
          rc = gp_steptime_eval_prepared (&prep->steptime, plan, &out->step, err);
          if (rc == GP_OK && prep->reuse_step)
            {
              prep->kept_plan = *plan;
              prep->kept_step = out->step;
              prep->step_kept = true;
            }
        }
      if (rc == GP_EINFEASIBLE)
        {
          gp_steptime_describe (&prep->steptime, plan, &out->step, out->binding,
                                sizeof out->binding, NULL);
          return eval_fail (err, s, rc);
        }
      if (rc != GP_OK)
        return eval_fail (err, s, rc);
    }
  else
    {
      gp_search_params sp = st->search;
      sp.n_accel = n;
      sp.top_k = 1;
      gp_search_entry best;
      memset (&best, 0, sizeof best);
      rc = gp_system_search (s, st, prep, &sp, &best, &out->search, progress, user, err);
      if (rc == GP_EINFEASIBLE)
        {
          out->step.feasible = false;
          out->step.mem_capacity_bytes = prep->steptime.mem_cap;
          out->step.mem_shortfall_bytes = out->search.min_shortfall_bytes;
          gp_snprintf_c (out->binding, sizeof out->binding,
                    "memory-capacity-bound: no plan fits on %ld %s; the closest is short by "
                    "%.3g GB per %s", n, s->accel.wafer_scale ? "systems" : "accelerators",
                    out->search.min_shortfall_bytes / 1e9,
                    s->accel.wafer_scale ? "wafer" : "accelerator");
          return eval_fail (err, s, rc);
        }
      if (rc != GP_OK)
        return eval_fail (err, s, rc);
      out->plan = best.plan;
      out->step = best.result;
    }
  if (prep->skip_binding)
    out->binding[0] = '\0';
  else if (prep->words_kept && memcmp (&prep->words_plan, &out->plan, sizeof out->plan) == 0
           && memcmp (&prep->words_step, &out->step, sizeof out->step) == 0)
    memcpy (out->binding, prep->words, sizeof out->binding);
  else
    {
      gp_steptime_describe (&prep->steptime, &out->plan, &out->step, out->binding,
                            sizeof out->binding, NULL);
      prep->words_plan = out->plan;
      prep->words_step = out->step;
      memcpy (prep->words, out->binding, sizeof out->binding);
      prep->words_kept = true;
    }
  out->step_time_s = out->step.step_time_s;
  out->mfu = out->step.mfu;
  out->tokens_per_s = out->step.tokens_per_s;
  out->achieved_pflops = out->step.model_flops / out->step.step_time_s / 1e15;

  /* 4. time to train */
  if ((rc = gp_steptime_to_train (&prep->steptime, &out->step, st->token_budget,
                                  &out->time_to_train_s, &out->step_energy_to_train_j, err))
      != GP_OK)
    return eval_fail (err, s, rc);

  /* 5. failures */
  gp_failure_params fp;
  gp_system_failure_job (s, prep, st, &out->plan, &fp);
  gp_failure_result fr;
  if ((rc = gp_system_failure_reroute (s, prep, &out->step, &fp, NULL, err)) != GP_OK
      || (rc = gp_failure_eval (&fp, &fr, err)) != GP_OK)
    {
      gp_error_prefix (err, "failure");
      return eval_fail (err, s, rc);
    }
  out->goodput = fr.goodput;
  out->spares = (long) fr.spares;
  out->checkpoint_gb = fp.checkpoint_gb;
  if (s->accel.wafer_scale)
    {
      out->weights_resident = gp_steptime_wafer_mode (&prep->steptime, &out->plan) == 1;
      out->wafer_systems_needed = prep->wafer_systems_needed;
    }
  out->mtbf_s = fr.mtbf_s;
  out->blast_radius_share = fr.machine_share_per_failure;
  if ((rc = gp_failure_effective_time (&fr, out->time_to_train_s,
                                       &out->effective_time_to_train_s,
                                       &out->expected_failures, err)) != GP_OK)
    return eval_fail (err, s, rc);

  /* 6. energy, 7. cost and carbon */
  const double tw = out->effective_time_to_train_s;
  if (tw > GP_SYSTEM_MAX_RUN_YEARS * SECONDS_PER_YEAR)
    return gp_error_set (err, GP_ERANGE, "accelerators",
                         "%s: the run would take %.3g years on %ld %s (more than %g): add "
                         "accelerators or train on fewer tokens", s->sys.name,
                         tw / SECONDS_PER_YEAR, n,
                         s->accel.wafer_scale ? "systems" : "accelerators",
                         (double) GP_SYSTEM_MAX_RUN_YEARS);
  out->energy_to_train_j = out->power_w * tw;
  const double life_s = s->sys.lifetime_years * SECONDS_PER_YEAR;
  out->capex_share_usd = out->capex_usd * tw / life_s;
  out->energy_cost_usd = out->energy_to_train_j / 3.6e6 * s->sys.electricity_usd_per_kwh;
  out->cost_to_train_usd = out->capex_share_usd + out->energy_cost_usd;

  gp_carbon_run_params rp;
  gp_carbon_run_params_init (&rp);
  rp.embodied_kgco2e = out->embodied_kg;
  rp.lifetime_years = s->sys.lifetime_years;
  rp.run_time_h = tw / 3600.0;
  rp.energy_kwh = out->it_power_w * tw / 3.6e6;
  rp.pue = s->sys.pue;
  rp.grid_ci_g_per_kwh = st->grid_ci_g_per_kwh;
  bool past_life = tw > life_s;
  if (past_life)
    rp.run_time_h = 0; /* embodied share charged below */
  gp_carbon_run_result run;
  if ((rc = gp_carbon_run (&rp, &run, err)) != GP_OK)
    {
      gp_error_prefix (err, "carbon run");
      return eval_fail (err, s, rc);
    }
  out->operational_kg = run.operational_kg;
  out->embodied_share_kg = past_life ? out->embodied_kg * tw / life_s : run.embodied_kg;
  out->carbon_to_train_kg = out->operational_kg + out->embodied_share_kg;

  out->tokens_per_joule = st->token_budget / out->energy_to_train_j;
  out->usd_per_model = out->cost_to_train_usd;
  out->kgco2e_per_model = out->carbon_to_train_kg;

  if (!isfinite (out->capex_usd) || !isfinite (out->power_w) || !isfinite (out->energy_to_train_j)
      || !isfinite (out->cost_to_train_usd) || !isfinite (out->carbon_to_train_kg)
      || !isfinite (out->tokens_per_joule) || !(out->power_w > 0) || !(out->capex_usd > 0))
    return gp_error_set (err, GP_ERANGE, "accelerators",
                         "%s: a total is not a positive finite number (inputs too extreme)",
                         s->sys.name);
  return GP_OK;
}

/* ---- Lite-GPU derivation ---------------------------------------------------------- */

/* The Lite-GPU of Canakci et al. (HotOS 2025) from a parent accelerator system, by a die
 * fraction f in (0, 1]. No Lite-GPU is published, so each rule is a stated assumption:
 *
 *  die        area x f with the aspect ratio kept (each side x sqrt f); repairable units
 *             and spares x f, rounded to nearest (units clamped so they still fit the die);
 *             unit area kept (an SM is an SM); the non-repairable area x f: the I/O, L2 and
 *             PHY area is taken to shrink with the die, which is optimistic for fixed-size
 *             blocks (PHYs, PLLs) and is the paper's premise of a proportionally scaled die.
 *  memory     HBM stacks round(active x f), at least 1, all active (no spare site); the
 *             capacity is parent capacity x f split over those stacks, so capacity per FLOP
 *             is the parent's (an H100 quarter: 1 stack of 20 GB; a stack is the smallest
 *             unit, so capacity per stack is what is adjusted, as HBM3 offers 16-24 GB).
 *  accel      peak, memory capacity and bandwidth, reserved memory, second tier, power and
 *             compute units (SMs, rounded, at least 1) x f; GEMM tile and efficiencies kept. Bandwidth x f from fewer stacks asks more of each (an H100 quarter:
 *             837.5 GB/s from one stack against the H100's 670 GB/s per stack, within
 *             HBM3E's ~1.2 TB/s): stated, not checked.
 *  carrier    interposer/RDL/glass/organic sides x sqrt f (area x f) and the 2.5D substrate
 *             likewise; assembly and final-test cost x f (they scale with area handled).
 *  I/O        shoreline-limited (gp_shoreline_eval, all four edges, no keep-out): the
 *             edge density is calibrated on the parent, so that the parent's die edge
 *             carries exactly its scale-up injection bandwidth (topology level 0, e.g.
 *             H100: 18 x 200 Gb/s = 3.6 Tb/s over 115 mm of edge); the child's edge at the
 *             same density gives its bandwidth, parent x sqrt f (a quarter: 1.8 Tb/s, twice
 *             the parent's bandwidth per FLOP, the "up to 2x" of the paper). Ports of the
 *             optics link: floor(bandwidth / port rate), at least 1, so the engines never
 *             ask more than the shoreline holds. Each port is one co-packaged optical engine
 *             part (known good, substrate attach), priced port rate x USD per Gb/s.
 *  fabric     a passive full-bisection optical fabric (gp-topology optical_fabric): ports
 *             x port rate per accelerator, energy per bit = the optics link's total
 *             (gp_link_eval), endpoint and link latency kept from the parent's scale-up
 *             level, no switch; the link ends are the package's engines, so the topology's
 *             transceiver cost and carbon are 0 (counted once, in the package); cables keep
 *             the parent's scale-up cable cost.
 *  cost       no street price (cost.package_price_usd = 0): the purchase basis prices the
 *             package at build / (1 - cost.package_gross_margin), the parent's margin; the
 *             other cost figures are the parent's. A design that prices the fabric from
 *             parts sets optics_usd_per_gbps = 0 and cost.glass_fabric (gp-cost.h).
 *  machine    the same number of servers, each holding round(parent per server / f)
 *             Lite-GPUs with the parent's host resources (so host per unit of compute is the
 *             parent's); accelerators = servers x that, i.e. parent count / f. Shares of the
 *             accelerator's power kept. gp_system_regroup changes the server size after.
 *  failures   rates kept: each part is charged per mm2 of logic, per die, per HBM stack and
 *             per link it has (gp_system_failure_job fills those from the package, so the
 *             smaller die and its one stack fail less often); blast radius 1 (one
 *             Lite-GPU); a spare count (if one is given instead of the share) / f;
 *             accelerators per host node / f (a host serves the same compute).
 */
gp_status
gp_system_derive_lite_with (const gp_system *parent, double fraction,
                            const gp_link_params *optics, double optics_usd_per_gbps,
                            gp_system *out, gp_error *err)
{
  if (parent == NULL || out == NULL || optics == NULL)
    return gp_error_set (err, GP_EINVAL, "parent", "parent, optics and out must not be NULL");
  GP_TRY (gp_check_range (err, "fraction", fraction, 0, 1, MINX, ""));
  GP_TRY (gp_check_nonnegative (err, "optics_usd_per_gbps", optics_usd_per_gbps, "USD/(Gb/s)"));
  gp_status rc = gp_system_validate (parent, err);
  if (rc != GP_OK)
    return sub_fail (err, "parent", rc);
  if (parent->sys.family == GP_FAMILY_WAFER_SCALE)
    return gp_error_set (err, GP_EINVAL, "family",
                         "parent %s is wafer-scale: a Lite-GPU derives from a GPU package",
                         parent->sys.name);
  gp_link_result lr;
  if ((rc = gp_link_eval (optics, &lr, err)) != GP_OK)
    return sub_fail (err, "optics", rc);

  const double f = fraction, k = sqrt (fraction);
  gp_system c = *parent;

  /* die */
  int die = -1;
  double best = 0;
  for (int i = 0; i < c.package.n_parts; i++)
    {
      const gp_package_part *pt = &c.package.parts[i];
      double a = pt->die_width_mm * pt->die_height_mm;
      if (pt->kind == GP_PART_LOGIC && a > best)
        {
          best = a;
          die = i;
        }
    }
  if (die < 0)
    return gp_error_set (err, GP_EINVAL, "package",
                         "parent %s: the package has no logic die with an outline to scale",
                         parent->sys.name);
  gp_package_part *d = &c.package.parts[die];
  const double parent_w = d->die_width_mm, parent_h = d->die_height_mm;
  /* The die is a new one: name it after its parent and fraction ("GH100 x0.25") so charts
   * and tables never show the parent's name on the smaller die. */
  {
    char derived[GP_NAME_MAX];
    gp_snprintf_c (derived, sizeof derived, "%.*s x%.4g", (int) (GP_NAME_MAX - 16), d->name, f);
    memcpy (d->name, derived, sizeof d->name);
  }
  d->die_width_mm *= k;
  d->die_height_mm *= k;
  d->nonrepairable_mm2 *= f;
  if (d->units > 0)
    {
      long units = lround ((double) d->units * f);
      if (units < 1)
        units = 1;
      double room = d->die_width_mm * d->die_height_mm - d->nonrepairable_mm2;
      if (d->unit_area_mm2 > 0 && (double) units * d->unit_area_mm2 > room)
        units = (long) floor (room / d->unit_area_mm2);
      if (units < 1)
        return gp_error_set (err, GP_EINVAL, "fraction",
                             "fraction = %g leaves no room for one repairable unit on the die",
                             f);
      long spares = lround ((double) d->spares * f);
      d->units = units;
      d->spares = spares > units ? units : spares;
    }

  /* memory */
  for (int i = 0; i < c.package.n_parts; i++)
    {
      gp_package_part *pt = &c.package.parts[i];
      if (pt->kind != GP_PART_HBM)
        continue;
      long act = pt->active_count < 0 ? pt->count : pt->active_count;
      double gb = (double) act * pt->capacity_gb * f;
      long stacks = lround ((double) act * f);
      if (stacks < 1)
        stacks = 1;
      pt->count = stacks;
      pt->active_count = -1;
      pt->capacity_gb = gb / (double) stacks;
    }

  /* carrier */
  if (c.package.carrier != GP_CARRIER_WAFER_SCALE)
    {
      c.package.carrier_width_mm *= k;
      c.package.carrier_height_mm *= k;
      c.package.substrate_width_mm *= k;
      c.package.substrate_height_mm *= k;
    }
  c.package.assembly_cost_usd *= f;
  c.package.final_test_cost_usd *= f;

  /* accelerator */
  gp_accel *a = &c.accel;
  a->peak_tflop_per_s *= f;
  a->mem_capacity_gb *= f;
  a->mem_bw_gb_per_s *= f;
  a->mem_reserved_gb *= f;
  a->tier2_capacity_gb *= f;
  a->tier2_bw_gb_per_s *= f;
  a->power_w *= f;
  /* Compute units (SMs) x f, rounded, at least one; tile shape and efficiencies kept. */
  if (a->compute_units > 0)
    a->compute_units = (long) fmax (1.0, round ((double) a->compute_units * f));
  char nbuf[2 * GP_NAME_MAX + 32];
  gp_snprintf_c (nbuf, sizeof nbuf, "%s x%.4g", parent->accel.name, f);
  copy_name (a->name, sizeof a->name, nbuf);
  c.package.peak_pflops = a->peak_tflop_per_s / 1000.0;

  /* I/O: shoreline calibrated on the parent */
  gp_topology_result pt;
  if ((rc = gp_topology_eval (&parent->topology, &pt, err)) != GP_OK)
    return sub_fail (err, "parent topology", rc);
  gp_shoreline_params sh;
  gp_shoreline_result shp, shc;
  gp_shoreline_params_init (&sh);
  sh.die_width_mm = parent_w;
  sh.die_height_mm = parent_h;
  sh.edges_used = 4;
  sh.corner_keepout_mm = 0;
  sh.tflops_per_mm2 = 0;
  sh.density_tbps_per_mm = 1;
  if ((rc = gp_shoreline_eval (&sh, &shp, err)) != GP_OK)
    return sub_fail (err, "shoreline", rc);
  sh.density_tbps_per_mm = pt.level[0].bw_gbps / 1000.0 / shp.usable_edge_mm;
  sh.die_width_mm = d->die_width_mm;
  sh.die_height_mm = d->die_height_mm;
  if ((rc = gp_shoreline_eval (&sh, &shc, err)) != GP_OK)
    return sub_fail (err, "shoreline", rc);
  long ports = (long) floor (shc.bandwidth_tbps * 1000.0 / lr.rate_gbps + 1e-9);
  if (ports < 1)
    ports = 1;

  int eng = -1;
  for (int i = 0; i < c.package.n_parts; i++)
    if (c.package.parts[i].kind == GP_PART_OPTICS)
      {
        eng = i;
        break;
      }
  if (eng < 0)
    {
      if (c.package.n_parts >= GP_PACKAGE_PARTS_MAX)
        return gp_error_set (err, GP_EINVAL, "n_parts",
                             "parent package has %d parts: no room for the optical engines",
                             c.package.n_parts);
      eng = c.package.n_parts++;
      gp_package_part_init (&c.package.parts[eng]);
      strcpy (c.package.parts[eng].name, "optical engine");
      c.package.parts[eng].kind = GP_PART_OPTICS;
      c.package.parts[eng].known_good = true;
      c.package.parts[eng].bond = GP_BOND_SUBSTRATE;
    }
  c.package.parts[eng].count = ports;
  c.package.parts[eng].active_count = -1;
  c.package.parts[eng].unit_cost_usd = lr.rate_gbps * optics_usd_per_gbps;
  /* A derived package has no street price: the purchase basis prices it at build cost /
     (1 - the parent's accelerator margin). */
  c.cost.package_price_usd = 0;

  /* fabric */
  gp_topology_params *t = &c.topology;
  snprintf (nbuf, sizeof nbuf, "optical fabric (%s)", optics->name);
  copy_name (t->name, sizeof t->name, nbuf);
  t->kind = GP_TOPO_OPTICAL_FABRIC;
  t->fabric_mode = GP_FABRIC_PASSIVE;
  t->scaleup_links_per_accel = ports;
  t->scaleup_link_rate_gbps = lr.rate_gbps;
  t->scaleup_energy_pj_per_bit = lr.total_pj_per_bit;
  t->scaleup_hop_latency_ns = 0;
  t->scaleup_transceiver_cost_usd = 0;
  t->scaleup_switches_per_node = 0;
  t->scaleup_switch_power_w = 0;
  t->scaleup_switch_cost_usd = 0;
  t->node_accels = 1;
  c.link = *optics;
  c.sys.use_scaleup_link = true;
  c.sys.scaleup_switch_kgco2e = 0;
  c.sys.scaleup_transceiver_kgco2e = 0;

  /* machine */
  long servers = parent->sys.accelerators / parent->sys.accels_per_server;
  long per = lround ((double) parent->sys.accels_per_server / f);
  if (per < 1)
    per = 1;
  if ((double) servers * (double) per > 1e9)
    return gp_error_set (err, GP_EINVAL, "fraction", "fraction = %g gives %g accelerators: "
                         "allowed at most 1e+09", f, (double) servers * (double) per);
  c.sys.family = GP_FAMILY_LITE_GPU;
  c.sys.accels_per_server = per;
  c.sys.accelerators = servers * per;
  t->accelerators = c.sys.accelerators;
  gp_snprintf_c (nbuf, sizeof nbuf, "%s-lite-%.4g", parent->sys.name, f);
  copy_name (c.sys.name, sizeof c.sys.name, nbuf);
  gp_snprintf_c (nbuf, sizeof nbuf, "%s-lite-%.4g", parent->package.name, f);
  copy_name (c.package.name, sizeof c.package.name, nbuf);

  /* failures */
  c.failure.blast_radius_accel = 1;
  double sp = (double) c.failure.spare_accel / f;
  c.failure.spare_accel = sp > 1e9 ? 1000000000L : lround (sp);
  c.failure.n_accel = c.sys.accelerators;
  long fnode = lround ((double) c.failure.accel_per_node / f);
  c.failure.accel_per_node = fnode < 1 ? 1 : fnode;
  c.carbon.packages = per;
  /* a glass server of hundreds of Lite-GPUs fills a rack (or tank) on its own */
  c.power.servers_per_rack = 1;

  if ((rc = gp_system_validate (&c, err)) != GP_OK)
    return sub_fail (err, "derived Lite-GPU", rc);
  *out = c;
  return GP_OK;
}

gp_status
gp_system_derive_lite (const gp_system *parent, double fraction, gp_system *out, gp_error *err)
{
  if (parent == NULL)
    return gp_error_set (err, GP_EINVAL, "parent", "parent must not be NULL");
  gp_link_params optics;
  if (parent->link.medium == GP_LINK_OPTICAL)
    optics = parent->link;
  else
    gp_link_params_init (&optics);
  return gp_system_derive_lite_with (parent, fraction, &optics, 0.1, out, err);
}

/* ---- resizing ---------------------------------------------------------------------- */

gp_status
gp_system_set_accelerators (gp_system *s, long n, gp_error *err)
{
  if (s == NULL)
    return gp_error_set (err, GP_EINVAL, "system", "system must not be NULL");
  GP_TRY (gp_check_range (err, "accelerators", (double) n, 1, 1e9, 0, ""));
  if (s->sys.accels_per_server < 1 || n % s->sys.accels_per_server != 0)
    return gp_error_set (err, GP_EINVAL, "accelerators",
                         "accelerators = %ld is not a multiple of accels_per_server = %ld",
                         n, s->sys.accels_per_server);
  /* The hot-spare pool keeps its share of the machine: a fixed count would leave a grown
   * cluster waiting on repairs (16 spares for 8,192 GPUs made restarts wait most of the
   * time) and a shrunk one with more spares than it could use. Rounded up, at least one
   * if the system had any. */
  long old_n = s->sys.accelerators;
  if (old_n > 0 && s->failure.spare_accel > 0 && old_n != n)
    {
      double sp = ceil ((double) s->failure.spare_accel * (double) n / (double) old_n - 1e-9);
      s->failure.spare_accel = sp < 1 ? 1 : sp > 1e9 ? 1000000000L : (long) sp;
    }
  s->sys.accelerators = n;
  s->topology.accelerators = n;
  s->failure.n_accel = n;
  return GP_OK;
}

static long
ceil_scaled (long v, double k)
{
  double x = ceil ((double) v * k - 1e-9);
  return x > 1e9 ? 1000000000L : (long) x;
}

gp_status
gp_system_regroup (gp_system *s, long accels_per_server, gp_error *err)
{
  if (s == NULL)
    return gp_error_set (err, GP_EINVAL, "system", "system must not be NULL");
  GP_TRY (gp_check_range (err, "accels_per_server", (double) accels_per_server, 1, 1e7, 0, ""));
  if (s->sys.accels_per_server < 1)
    return gp_error_set (err, GP_EINVAL, "accels_per_server", "accels_per_server = %ld is "
                         "out of range: allowed [1, 1e+07]", s->sys.accels_per_server);
  if (s->sys.accelerators % accels_per_server != 0)
    return gp_error_set (err, GP_EINVAL, "accels_per_server",
                         "accelerators = %ld is not a multiple of accels_per_server = %ld",
                         s->sys.accelerators, accels_per_server);
  double k = (double) accels_per_server / (double) s->sys.accels_per_server;
  s->sys.server_cost_usd *= k;
  s->sys.server_power_w *= k;
  s->sys.host_dram_gb *= k;
  s->sys.host_ssd_gb *= k;
  s->carbon.boards = ceil_scaled (s->carbon.boards, k);
  s->carbon.power_supplies = ceil_scaled (s->carbon.power_supplies, k);
  s->carbon.chassis = ceil_scaled (s->carbon.chassis, k);
  s->carbon.cooling_kgco2e *= k;
  s->carbon.other_kgco2e *= k;
  s->carbon.packages = accels_per_server;
  s->carbon.dram_gb = s->sys.host_dram_gb;
  s->carbon.ssd_gb = s->sys.host_ssd_gb;
  s->sys.accels_per_server = accels_per_server;
  return GP_OK;
}

/* Capex or wall power of S at SERVERS servers: the topology is evaluated at that size
 * (switch counts are step functions of it), everything else is per package or per server. */
static gp_status
size_figure (const gp_system *s, int basis, const gp_link_result *lr,
             const gp_package_result *pkg, long servers, gp_scale_target target, double *value,
             gp_error *err)
{
  gp_topology_params topo = s->topology;
  long n = servers * s->sys.accels_per_server;
  topo.accelerators = n;
  if (s->sys.use_scaleup_link)
    topo.scaleup_energy_pj_per_bit = lr->total_pj_per_bit;
  gp_topology_result tr;
  GP_TRY (gp_topology_eval (&topo, &tr, err));
  gp_power_params pw;
  gp_power_result pr;
  gp_system_power_inputs (s, &tr, &pw);
  GP_TRY (gp_power_eval (&pw, &pr, err));
  gp_system_result r;
  GP_TRY (capex_power (s, basis, pkg, pr.sustained_package_w, &tr, n, servers, &r, err));
  *value = target == GP_SCALE_COST ? r.capex_usd : r.power_w;
  return GP_OK;
}

/* Resize S for a target (gp-system.h):
 *   count    N rounded up to whole servers;
 *   compute  N = ceil(target PFLOP/s / peak per accelerator), rounded up to whole servers,
 *            so the peak is at least the target and less than one server above it;
 *   cost, power  the largest whole number of servers whose capex (or wall power) does not
 *            exceed the target. Both grow with the server count but not linearly (the fat
 *            tree gains switches and tiers in steps), so rather than extrapolating from
 *            per-server marginal figures the figure is evaluated exactly at each trial
 *            size: the package is priced once (gp_package_prepare + gp_package_cost), then
 *            each trial is the topology model plus arithmetic (microseconds). The search
 *            doubles an upper bound until the target is passed and bisects on servers.
 * At least one server always: a target below one server's figure gives one server (its
 * capex or power then exceeds the target, which the result shows). */
gp_status
gp_system_scale (gp_system *s, const gp_study *st, const gp_node *nodes, size_t n_nodes,
                 gp_scale_target target, double value, gp_error *err)
{
  if (s == NULL)
    return gp_error_set (err, GP_EINVAL, "system", "system must not be NULL");
  if (target < 0 || target >= GP_SCALE_N)
    return gp_error_set (err, GP_EINVAL, "target", "target = %d is out of range: allowed "
                         "count, compute, cost or power", (int) target);
  GP_TRY (gp_check_positive (err, "value", value, ""));
  gp_status rc = gp_system_validate (s, err);
  if (rc != GP_OK)
    return sub_fail (err, s->sys.name, rc);
  const long per = s->sys.accels_per_server;
  const long max_servers = 1000000000L / per;
  long servers;
  if (target == GP_SCALE_COUNT || target == GP_SCALE_COMPUTE)
    {
      double n = target == GP_SCALE_COUNT
                   ? ceil (value - 1e-9)
                   : ceil (value * 1000.0 / s->accel.peak_tflop_per_s - 1e-9);
      double sv = ceil (n / (double) per);
      if (sv > (double) max_servers)
        return gp_error_set (err, GP_EINVAL, "value",
                             "value = %g needs %g servers of %ld: more than 1e+09 accelerators",
                             value, sv, per);
      servers = sv < 1 ? 1 : (long) sv;
    }
  else
    {
      if (st == NULL)
        return gp_error_set (err, GP_EINVAL, "study",
                             "a cost or power target needs the study (its cost basis)");
      gp_package_prepared pp;
      gp_package_result pr;
      gp_link_result lr;
      memset (&lr, 0, sizeof lr);
      if ((rc = gp_package_prepare (&s->package, nodes, n_nodes, &pp, err)) != GP_OK
          || (rc = gp_package_cost (&s->package, &pp, &pr, err)) != GP_OK)
        return sub_fail (err, "package", rc);
      if (s->sys.use_scaleup_link && (rc = gp_link_eval (&s->link, &lr, err)) != GP_OK)
        return sub_fail (err, "link", rc);
      double v;
      long lo = 1, hi = 1;
      GP_TRY (size_figure (s, st->cost_basis, &lr, &pr, 1, target, &v, err));
      if (v > value)
        hi = 1;
      else
        {
          /* grow until the target is passed: lo fits, hi does not (or is the cap) */
          for (;;)
            {
              long next = hi > max_servers / 2 ? max_servers : hi * 2;
              if (next == hi)
                break;
              GP_TRY (size_figure (s, st->cost_basis, &lr, &pr, next, target, &v, err));
              if (v > value)
                {
                  lo = hi;
                  hi = next;
                  break;
                }
              lo = hi = next;
            }
          while (hi - lo > 1)
            {
              long mid = lo + (hi - lo) / 2;
              GP_TRY (size_figure (s, st->cost_basis, &lr, &pr, mid, target, &v, err));
              if (v > value)
                hi = mid;
              else
                lo = mid;
            }
          GP_TRY (size_figure (s, st->cost_basis, &lr, &pr, hi, target, &v, err));
          hi = v <= value ? hi : lo;
        }
      servers = hi;
    }
  return gp_system_set_accelerators (s, servers * per, err);
}
