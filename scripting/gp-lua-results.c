/* gp-lua-results.c: descriptor tables for model outputs that models/ does not describe, so
 * the Lua module can push them (and sweeps can make columns of them) by name and unit, and
 * the breakdowns (arrays, budget steps, levels) pushed beside the scalars. */
#include "gp-lua-private.h"

#include <math.h>
#include <string.h>

#define RD(T, key, member, unit_, doc_) \
  { key, GP_PARAM_DOUBLE, offsetof (T, member), -INFINITY, INFINITY, 0, unit_, key, doc_, NULL, 0 }
#define RI(T, key, member, unit_, doc_) \
  { key, GP_PARAM_INT, offsetof (T, member), -INFINITY, INFINITY, 0, unit_, key, doc_, NULL, 0 }
#define RB(T, key, member, doc_) \
  { key, GP_PARAM_BOOL, offsetof (T, member), 0, 1, 0, "", key, doc_, NULL, 0 }
#define RE(T, key, member, names, doc_) \
  { key, GP_PARAM_ENUM, offsetof (T, member), 0, 0, 0, "", key, doc_, names, 0 }
#define RS(T, key, member, doc_) \
  { key, GP_PARAM_STRING, offsetof (T, member), 0, 0, 0, "", key, doc_, NULL, \
    sizeof (((T *) 0)->member) }
#define TABLE(var, name, arr) const gp_param_table var = { name, arr, GP_N_ELEMENTS (arr) }

/* ---- link ---- */

#define L_(key, member, unit, doc) RD (gp_link_result, key, member, unit, doc)
static const gp_param link_result[] = {
  L_ ("rate_gbps", rate_gbps, "Gb/s", "Link rate, lanes x lane rate, one direction"),
  L_ ("required_rx_dbm", required_rx_dbm, "dBm", "Sensitivity + margin + penalties"),
  L_ ("loss_db", loss_db, "dB", "Sum of the path losses, splitter included"),
  L_ ("laser_dbm", laser_dbm, "dBm", "Required output of one laser"),
  L_ ("laser_mw", laser_mw, "mW", "Required optical output of one laser"),
  L_ ("lasers_per_link", lasers_per_link, "", "Lanes / lanes per laser"),
  L_ ("laser_electrical_mw", laser_electrical_mw, "mW", "Electrical input of one laser"),
  L_ ("laser_electrical_mw_per_lane", laser_electrical_mw_per_lane, "mW",
      "Laser electrical power per lane"),
  L_ ("laser_pj_per_bit", pj_per_bit[GP_LINK_E_LASER], "pJ/bit", "Laser, per end"),
  L_ ("driver_pj_per_bit", pj_per_bit[GP_LINK_E_DRIVER], "pJ/bit", "Modulator driver"),
  L_ ("receiver_pj_per_bit", pj_per_bit[GP_LINK_E_RECEIVER], "pJ/bit", "Receiver (TIA, CDR)"),
  L_ ("serdes_pj_per_bit", pj_per_bit[GP_LINK_E_SERDES], "pJ/bit", "SerDes / DSP (electrical: the PHY)"),
  L_ ("tuning_pj_per_bit", pj_per_bit[GP_LINK_E_TUNING], "pJ/bit", "Thermal tuning of rings"),
  L_ ("other_pj_per_bit", pj_per_bit[GP_LINK_E_OTHER], "pJ/bit", "Other overheads"),
  L_ ("total_pj_per_bit", total_pj_per_bit, "pJ/bit", "Energy per bit, per link end"),
  RE (gp_link_result, "dominant_term", dominant_term, gp_link_term_names,
      "The largest term of the breakdown"),
  L_ ("power_w", power_w, "W", "One end at the configured rate: total x rate"),
};
TABLE (gp_lua_link_result_table, "link_result", link_result);

/* result.steps = { {label=, delta_db=, level_dbm=}, ... } (the budget waterfall), and
 * result.breakdown = { {term=, pj_per_bit=}, ... } in gp_link_term order. */
void
gp_lua_link_push_extra (lua_State *L, const void *params, const void *result)
{
  const gp_link_result *r = result;
  lua_createtable (L, r->n_steps, 0);
  for (int i = 0; i < r->n_steps; i++)
    {
      lua_createtable (L, 0, 3);
      lua_pushstring (L, r->steps[i].label);
      lua_setfield (L, -2, "label");
      lua_pushnumber (L, r->steps[i].delta_db);
      lua_setfield (L, -2, "delta_db");
      lua_pushnumber (L, r->steps[i].level_dbm);
      lua_setfield (L, -2, "level_dbm");
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "steps");
  lua_createtable (L, GP_LINK_E_N, 0);
  for (int i = 0; i < GP_LINK_E_N; i++)
    {
      lua_createtable (L, 0, 2);
      lua_pushstring (L, gp_link_term_names[i]);
      lua_setfield (L, -2, "term");
      lua_pushnumber (L, r->pj_per_bit[i]);
      lua_setfield (L, -2, "pj_per_bit");
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "breakdown");
}

/* ---- shoreline ---- */

#define S_(key, unit, doc) RD (gp_shoreline_result, #key, key, unit, doc)
static const gp_param shoreline_result[] = {
  S_ (usable_edge_mm, "mm", "Die edge available for I/O"),
  S_ (bandwidth_tbps, "Tb/s", "Off-die bandwidth, one direction"),
  S_ (bandwidth_bytes_per_s, "B/s", "Same in bytes per second"),
  S_ (die_area_mm2, "mm2", "Die area"),
  S_ (compute_tflops, "TFLOP/s", "tflops_per_mm2 x area (0 if not given)"),
  S_ (io_bytes_per_flop, "B/FLOP", "Bandwidth over compute (0 if compute not given)"),
};
TABLE (gp_lua_shoreline_result_table, "shoreline_result", shoreline_result);

/* ---- topology ---- */

#define T_(key, unit, doc) RD (gp_topology_result, #key, key, unit, doc)
#define TI_(key, doc) RI (gp_topology_result, #key, key, "", doc)
static const gp_param topology_result[] = {
  RE (gp_topology_result, "kind", kind, gp_topology_kind_names, "Topology kind"),
  TI_ (switches, "Switches (and optical circuit switches) in the machine"),
  TI_ (transceivers, "Link ends"),
  TI_ (cables, "Links: fibres, waveguides, cables"),
  T_ (power_w, "W", "Interconnect power with every link up"),
  T_ (cost_usd, "USD", "Interconnect cost: switches, transceivers, cables"),
  T_ (power_w_per_accel, "W", "Interconnect power per accelerator"),
  T_ (cost_usd_per_accel, "USD", "Interconnect cost per accelerator"),
  T_ (bisection_tbps, "Tb/s", "Whole-machine bisection of the outermost level, one direction"),
  RB (gp_topology_result, "has_fat_tree", has_fat_tree, "A scale-out fat tree is present"),
};
TABLE (gp_lua_topology_result_table, "topology_result", topology_result);

#define TL_(key, unit, doc) RD (gp_topology_level, #key, key, unit, doc)
#define TLI_(key, doc) RI (gp_topology_level, #key, key, "", doc)
static const gp_param topology_level[] = {
  RS (gp_topology_level, "name", name, "Level name"),
  TLI_ (group_size, "Accelerators within this level"),
  TL_ (bw_gbps, "Gb/s", "Injection bandwidth per accelerator, one direction"),
  TL_ (bisection_gbps, "Gb/s", "Per accelerator across the level's bisection"),
  TL_ (links_avg, "", "Links crossed between two accelerators, average"),
  TL_ (links_max, "", "Links crossed, worst case"),
  TL_ (switches_avg, "", "Switches or routers crossed, average"),
  TL_ (switches_max, "", "Switches or routers crossed, worst case"),
  TL_ (latency_s, "s", "Average path latency"),
  TL_ (latency_max_s, "s", "Worst path latency"),
  TLI_ (switches, "Switches in this level"),
  TLI_ (transceivers, "Link ends in this level"),
  TLI_ (cables, "Links in this level"),
  TL_ (power_w, "W", "Power of this level"),
  TL_ (cost_usd, "USD", "Cost of this level"),
  TL_ (energy_pj_per_bit, "pJ/bit", "Energy per bit on an average path"),
};
TABLE (gp_lua_topology_level_table, "topology_level", topology_level);

#define FT_(key, unit, doc) RD (gp_fat_tree, #key, key, unit, doc)
#define FTI_(key, doc) RI (gp_fat_tree, #key, key, "", doc)
static const gp_param fat_tree[] = {
  FTI_ (hosts, "Endpoints (NIC ports)"),
  FTI_ (radix, "Switch radix k"),
  FTI_ (down_ports, "Leaf ports down"),
  FTI_ (up_ports, "Leaf ports up"),
  FT_ (oversubscription, "", "Leaf down/up ratio as built"),
  FTI_ (capacity, "Most hosts this many tiers can hold"),
  FTI_ (switches_total, "Switches"),
  FTI_ (links_total, "Links"),
  FTI_ (transceivers, "Link ends (2 x links)"),
  FT_ (switches_avg, "", "Switches crossed between two hosts, average"),
  FT_ (switches_max, "", "Switches crossed, worst case"),
};
TABLE (gp_lua_fat_tree_table, "fat_tree", fat_tree);

/* fat tree scalars plus tiers and the per-tier switches and links arrays */
void
gp_lua_push_fat_tree (lua_State *L, const gp_fat_tree *ft)
{
  gp_lua_push_params (L, &gp_lua_fat_tree_table, ft);
  lua_pushinteger (L, ft->tiers);
  lua_setfield (L, -2, "tiers");
  lua_createtable (L, ft->tiers, 0);
  for (int i = 0; i < ft->tiers; i++)
    {
      lua_pushinteger (L, ft->switches[i]);
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "switches");
  lua_createtable (L, ft->tiers, 0);
  for (int i = 0; i < ft->tiers; i++)
    {
      lua_pushinteger (L, ft->links[i]);
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "links");
}

#define NL_(key, unit, doc) RD (gp_net_level, #key, key, unit, doc)
static const gp_param net_level[] = {
  RS (gp_net_level, "name", name, "Level name"),
  { "group_size", GP_PARAM_INT, offsetof (gp_net_level, group_size), 1, INFINITY, 0, "",
    "group_size", "Accelerators reachable within this level", NULL, 0 },
  { "bw_bytes_per_s", GP_PARAM_DOUBLE, offsetof (gp_net_level, bw_bytes_per_s), 0, INFINITY,
    GP_RANGE_MIN_EXCLUSIVE, "B/s", "bw_bytes_per_s",
    "Bandwidth per accelerator into this level, one direction", NULL, 0 },
  { "latency_s", GP_PARAM_DOUBLE, offsetof (gp_net_level, latency_s), 0, INFINITY, 0, "s",
    "latency_s", "End-to-end latency of one message across this level", NULL, 0 },
  { "energy_pj_per_bit", GP_PARAM_DOUBLE, offsetof (gp_net_level, energy_pj_per_bit), 0,
    INFINITY, 0, "pJ/bit", "energy_pj_per_bit", "Energy to move one bit across this level",
    NULL, 0 },
  { "local_size", GP_PARAM_INT, offsetof (gp_net_level, local_size), 0, INFINITY,
    GP_PARAM_F_OPTIONAL, "", "local_size",
    "Accelerators reachable without crossing the level's core; 0 = the whole level", NULL, 0 },
  { "core_share", GP_PARAM_DOUBLE, offsetof (gp_net_level, core_share), 0, 1,
    GP_PARAM_F_OPTIONAL, "", "core_share",
    "Bandwidth share left when all accelerators cross the core (1/oversubscription); 0 = 1",
    NULL, 0 },
};
TABLE (gp_lua_net_level_table, "net_level", net_level);

void
gp_lua_push_net_levels (lua_State *L, const gp_net_levels *net)
{
  lua_createtable (L, net->n_levels, 0);
  for (int i = 0; i < net->n_levels; i++)
    {
      gp_lua_push_params (L, &gp_lua_net_level_table, &net->level[i]);
      lua_rawseti (L, -2, i + 1);
    }
}

/* result.levels (innermost first), result.fat_tree (when present), result.net (the levels
 * as glasspane.steptime reads them: pass it on as `net`). */
void
gp_lua_topology_push_extra (lua_State *L, const void *params, const void *result)
{
  const gp_topology_result *r = result;
  lua_createtable (L, r->n_levels, 0);
  for (int i = 0; i < r->n_levels; i++)
    {
      gp_lua_push_params (L, &gp_lua_topology_level_table, &r->level[i]);
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "levels");
  if (r->has_fat_tree)
    {
      gp_lua_push_fat_tree (L, &r->fat_tree);
      lua_setfield (L, -2, "fat_tree");
    }
  gp_lua_push_net_levels (L, &r->net);
  lua_setfield (L, -2, "net");
}

/* ---- workload ---- */

#define W_(key, unit, doc) RD (gp_workload_sizes, #key, key, unit, doc)
static const gp_param workload_sizes[] = {
  W_ (h_kv, "", "Key/value width, h kv_heads / heads"),
  W_ (ffn, "", "Feed-forward width f"),
  W_ (matmul_per_layer, "", "Matmul weights per layer W"),
  W_ (params_per_layer, "", "Weights per layer, W + biases and norms"),
  W_ (embed_in, "", "Input embedding (and learned positions)"),
  W_ (embed_out, "", "Untied output head"),
  W_ (params, "", "Parameter count P"),
  W_ (tokens_per_step, "", "Tokens per optimizer step, B s"),
  W_ (active_params, "", "Parameters a token uses (all of P for a dense model)"),
  W_ (active_matmul_per_layer, "", "Matmul weights a token runs per layer (layer average)"),
  W_ (attn_matmul, "", "Attention matmul weights per layer (MLA: its factorised weights)"),
  W_ (attn_dim, "", "Attention core width a (d_qk + d_v) / 2 (h without MLA)"),
  W_ (moe_layers, "", "Mixture-of-experts layers"),
  W_ (expert_matmul, "", "Matmul weights of one expert"),
  W_ (expert_params_per_layer, "", "Routed experts' weights per layer (layer average)"),
  W_ (moe_load, "", "Busiest rank's expert work over the mean"),
  W_ (fwd_flops_layer, "FLOP", "Forward FLOPs of one layer over the batch"),
  W_ (fwd_flops_logits, "FLOP", "Forward FLOPs of the logits over the batch"),
  W_ (model_flops, "FLOP", "Model FLOPs of one step (MFU numerator)"),
  RD (gp_workload_sizes, "hw_flops_none", hw_flops[GP_RECOMPUTE_NONE], "FLOP",
      "FLOPs run per step without recomputation"),
  RD (gp_workload_sizes, "hw_flops_selective", hw_flops[GP_RECOMPUTE_SELECTIVE], "FLOP",
      "FLOPs run per step with selective recomputation"),
  RD (gp_workload_sizes, "hw_flops_full", hw_flops[GP_RECOMPUTE_FULL], "FLOP",
      "FLOPs run per step with full recomputation"),
};
TABLE (gp_lua_workload_sizes_table, "workload_sizes", workload_sizes);

/* result.checkpoint_bytes: weights plus optimizer state */
void
gp_lua_workload_push_extra (lua_State *L, const void *params, const void *result)
{
  double bytes;
  if (gp_workload_checkpoint_bytes (params, &bytes, NULL) == GP_OK)
    {
      lua_pushnumber (L, bytes);
      lua_setfield (L, -2, "checkpoint_bytes");
    }
}

/* ---- failure ---- */

#define F_(key, unit, doc) RD (gp_failure_result, #key, key, unit, doc)
static const gp_param failure_result[] = {
  RD (gp_failure_result, "accel_rate_per_hour", rate_per_hour[GP_FAIL_ACCEL], "1/h",
      "Job-level rate of accelerator failures"),
  RD (gp_failure_result, "mem_rate_per_hour", rate_per_hour[GP_FAIL_MEM], "1/h",
      "Job-level rate of memory-stack failures"),
  RD (gp_failure_result, "link_rate_per_hour", rate_per_hour[GP_FAIL_LINK], "1/h",
      "Job-level rate of link failures"),
  RD (gp_failure_result, "node_rate_per_hour", rate_per_hour[GP_FAIL_NODE], "1/h",
      "Job-level rate of node failures"),
  F_ (failures_per_hour, "1/h", "Job failure rate, the sum"),
  F_ (mtbf_s, "s", "Job mean time between failures"),
  F_ (accel_lost_per_failure, "", "Rate-weighted mean blast radius, accelerators"),
  F_ (machine_share_per_failure, "", "That over the accelerators in the job"),
  F_ (repair_out_fraction, "", "Mean share of the job out for repair"),
  F_ (spare_wait_probability, "", "A restart finds too few spares"),
  F_ (checkpoint_write_s, "s", "Time to write one checkpoint"),
  F_ (restart_total_s, "s", "Restart + read + expected wait for repair"),
  F_ (interval_young_s, "s", "Young's checkpoint interval"),
  F_ (interval_daly_s, "s", "Daly's checkpoint interval"),
  F_ (interval_used_s, "s", "Interval used for the goodput"),
  F_ (goodput, "", "Useful compute time over wall time"),
};
TABLE (gp_lua_failure_result_table, "failure_result", failure_result);

/* ---- carbon ---- */

#define CR_(key, unit, doc) RD (gp_carbon_run_result, #key, key, unit, doc)
static const gp_param carbon_run_result[] = {
  CR_ (total_kg, "kgCO2e", "Carbon of the run"),
  CR_ (embodied_kg, "kgCO2e", "Embodied x run time / lifetime"),
  CR_ (operational_kg, "kgCO2e", "Energy x PUE x grid intensity"),
  CR_ (embodied_fraction, "", "Embodied share of the total"),
};
TABLE (gp_lua_carbon_run_result_table, "carbon_run_result", carbon_run_result);

#define CS_(key, doc) RD (gp_carbon_system_result, #key, key, "kgCO2e", doc)
static const gp_param carbon_system_result[] = {
  CS_ (total_kg, "Embodied carbon of the system"),
  CS_ (packages_kg, "Accelerator packages"),
  CS_ (dram_kg, "Host DRAM"),
  CS_ (ssd_kg, "Host SSD"),
  CS_ (boards_kg, "Boards"),
  CS_ (power_kg, "Power supplies"),
  CS_ (chassis_kg, "Chassis"),
  CS_ (cooling_kg, "Cooling"),
  CS_ (other_kg, "Other: NICs, switches, cables"),
  CS_ (pcb_kg, "PCB: area x layers x kg per m2 and layer"),
  CS_ (vrm_kg, "Voltage-regulator phases"),
  CS_ (connectors_kg, "Connectors"),
  CS_ (heatsink_kg, "Heat-sink metal"),
};
TABLE (gp_lua_carbon_system_result_table, "carbon_system_result", carbon_system_result);

#define PY_(key, doc) RD (gp_package_yields, #key, key, "", doc)
static const gp_param package_yields[] = {
  PY_ (bond_yield, "Product of the bond-step yields"),
  PY_ (untested_yield, "Product of the untested parts' yields"),
  PY_ (carrier_yield, "Carrier (and 2.5D substrate) yield as it enters assembly"),
  PY_ (assembly_yield, "Product of the three"),
  PY_ (final_test_yield, "Final test yield"),
  RI (gp_package_yields, "n_bonds", n_bonds, "", "Bond steps (incl. the 2.5D attach)"),
};
TABLE (gp_lua_package_yields_table, "package_yields", package_yields);

#define PR_(key, unit, doc) RD (gp_package_result, #key, key, unit, doc)
static const gp_param package_result[] = {
  PR_ (total_usd, "USD", "Cost per good package"),
  PR_ (logic_usd, "USD", "Logic dies as purchased"),
  PR_ (memory_usd, "USD", "HBM stacks as purchased"),
  PR_ (optics_usd, "USD", "Optical engines as purchased"),
  PR_ (other_usd, "USD", "Other parts as purchased"),
  PR_ (carrier_usd, "USD", "Carrier and 2.5D substrate"),
  PR_ (assembly_test_usd, "USD", "Assembly, bond steps and final test"),
  PR_ (scrap_usd, "USD", "Lost to assembly and final-test yield"),
  PR_ (scrap_fraction, "", "scrap_usd / total_usd"),
  PR_ (usd_per_pflops, "USD/(PFLOP/s)", "total / peak_pflops (0 when not given)"),
  PR_ (memory_gb, "GB", "Active HBM capacity"),
};
TABLE (gp_lua_package_result_table, "package_result", package_result);

#define PP_(key, unit, doc) RD (gp_package_part_prep, #key, key, unit, doc)
static const gp_param part_prep[] = {
  RB (gp_package_part_prep, "priced_by_die_model", priced_by_die_model,
      "Logic die with a node: priced by the die model"),
  RI (gp_package_part_prep, "gross_dies", gross_dies, "", "Exact dies per wafer"),
  PP_ (die_area_mm2, "mm2", "Die area"),
  PP_ (wafer_mm2_per_die, "mm2", "Full wafer area / gross dies"),
  PP_ (die_yield, "", "Die yield (1 when not priced by the die model)"),
  PP_ (cost_per_good_die, "USD", "Cost per good die with test"),
  PP_ (cost_per_gross_die, "USD", "Wafer / gross"),
};
TABLE (gp_lua_package_part_prep_table, "package_part_prep", part_prep);

#define CP_(key, unit, doc) RD (gp_carbon_package_result, #key, key, unit, doc)
static const gp_param carbon_package_result[] = {
  CP_ (total_kg, "kgCO2e", "Embodied carbon per good package"),
  CP_ (logic_kg, "kgCO2e", "Logic dies as purchased"),
  CP_ (memory_kg, "kgCO2e", "HBM as purchased"),
  CP_ (optics_kg, "kgCO2e", "Optical engines"),
  CP_ (other_kg, "kgCO2e", "Other parts"),
  CP_ (carrier_kg, "kgCO2e", "Carrier and substrate"),
  CP_ (assembly_kg, "kgCO2e", "Assembly"),
  CP_ (scrap_kg, "kgCO2e", "Carried by scrapped assemblies"),
  CP_ (scrap_fraction, "", "scrap_kg / total_kg"),
  CP_ (kg_per_pflops, "kgCO2e/(PFLOP/s)", "total / peak_pflops (0 when not given)"),
  CP_ (memory_kg_per_active_gb, "kgCO2e/GB", "memory_kg / active HBM GB (0 without HBM)"),
};
TABLE (gp_lua_carbon_package_result_table, "carbon_package_result", carbon_package_result);

/* ---- step time ---- */

#define ST_(key, unit, doc) RD (gp_steptime_result, #key, key, unit, doc)
static const gp_param steptime_result[] = {
  RB (gp_steptime_result, "feasible", feasible, "Memory fits (times are filled only if so)"),
  ST_ (weights_bytes, "B", "Weights per accelerator, worst stage"),
  ST_ (grads_bytes, "B", "Gradients per accelerator"),
  ST_ (optimizer_bytes, "B", "Optimizer state per accelerator"),
  ST_ (activations_bytes, "B", "Activations per accelerator"),
  ST_ (reserved_bytes, "B", "Reserved for framework and workspace"),
  ST_ (mem_total_bytes, "B", "Local memory used"),
  ST_ (mem_capacity_bytes, "B", "Local memory capacity"),
  ST_ (mem_shortfall_bytes, "B", "Local memory missing (0 if it fits)"),
  ST_ (tier2_total_bytes, "B", "Second-tier memory used"),
  ST_ (tier2_capacity_bytes, "B", "Second-tier capacity"),
  ST_ (tier2_shortfall_bytes, "B", "Second-tier memory missing"),
  RI (gp_steptime_result, "microbatches", microbatches, "", "Micro-batches per step m"),
  ST_ (step_time_s, "s", "Time of one training step"),
  ST_ (bubble_fraction, "", "(p - 1) / (v m)"),
  ST_ (compute_lower_bound_s, "s", "Step time at compute speed with no communication"),
  ST_ (model_flops, "FLOP", "Model FLOPs per step, whole machine"),
  ST_ (hw_flops, "FLOP", "FLOPs run per step incl. recomputation"),
  ST_ (mfu, "", "Model FLOP utilisation"),
  ST_ (hfu, "", "Hardware FLOP utilisation"),
  ST_ (tokens_per_s, "tokens/s", "Training throughput"),
  ST_ (net_bytes_per_step, "B", "Bytes sent per accelerator per step"),
  ST_ (energy_per_step_j, "J", "Accelerators x power x step + interconnect energy"),
  ST_ (gemm_s, "s", "GEMM time of the step on the slowest stage"),
  ST_ (attention_s, "s", "Attention-kernel time of the step on the slowest stage"),
  ST_ (memory_bound_s, "s", "Memory-bound kernel time (norms, activations, loss)"),
  ST_ (gemm_efficiency, "", "GEMM FLOPs over GEMM time x peak: the shape efficiency reached"),
  ST_ (ep_bytes_per_alltoall, "B", "Bytes a rank sends in one expert dispatch or combine"),
  RB (gp_steptime_result, "dp_hierarchical", dp_hierarchical, "DP reduction is two-level"),
  RE (gp_steptime_result, "binding", binding, gp_bound_names,
      "Resource with the most time"),
  RE (gp_steptime_result, "binding_phase", binding_phase, gp_phase_names,
      "Phase contributing most of it"),
};
TABLE (gp_lua_steptime_result_table, "steptime_result", steptime_result);

/* Scalars, then phases = { {phase=, s=, bound=}, ... }, bounds = { {bound=, s=}, ... } and
 * the levels each parallel group uses (1-based; nil when there is no such group). */
void
gp_lua_push_steptime_result (lua_State *L, const gp_steptime_result *r)
{
  if (!r->feasible)
    {
      /* Only the memory check ran: push feasible = false and the byte counts, nothing
       * that was not computed. */
      lua_createtable (L, 0, 12);
      lua_pushboolean (L, 0);
      lua_setfield (L, -2, "feasible");
      for (size_t i = 0; i < gp_lua_steptime_result_table.n_params; i++)
        {
          const gp_param *p = &gp_lua_steptime_result_table.params[i];
          if (strcmp (p->unit, "B") == 0)
            {
              lua_pushnumber (L, gp_param_get (p, r));
              lua_setfield (L, -2, p->name);
            }
        }
      return;
    }
  gp_lua_push_params (L, &gp_lua_steptime_result_table, r);
  /* keys and names interned once per state (gp_lua_names): a hundred small records */
  static const char *const phase_keys[] = { "phase", "s", "bound" };
  int pk = gp_lua_names (L, phase_keys, 3);
  int pn = gp_lua_names (L, gp_phase_names, GP_PHASE_N);
  int bn = gp_lua_names (L, gp_bound_names, GP_BOUND_N);
  lua_createtable (L, GP_PHASE_N, 0);
  for (int i = 0; i < GP_PHASE_N; i++)
    {
      lua_createtable (L, 0, 3);
      lua_rawgeti (L, pk, 1);
      lua_rawgeti (L, pn, i + 1);
      lua_rawset (L, -3);
      lua_rawgeti (L, pk, 2);
      lua_pushnumber (L, r->phase_s[i]);
      lua_rawset (L, -3);
      if (r->phase_bound[i] >= 0 && r->phase_bound[i] < GP_BOUND_N)
        {
          lua_rawgeti (L, pk, 3);
          lua_rawgeti (L, bn, r->phase_bound[i] + 1);
          lua_rawset (L, -3);
        }
      lua_rawseti (L, -2, i + 1);
    }
  lua_replace (L, pk);
  lua_pop (L, 2);
  lua_setfield (L, -2, "phases");
  static const char *const bound_keys[] = { "bound", "s" }, *const where_keys[] = { "part", "s" };
  gp_lua_push_records (L, bound_keys, gp_bound_names, r->bound_s, GP_BOUND_N);
  lua_setfield (L, -2, "bounds");
  /* comms = { {collective=, time_s=, hidden_s=, exposed_s=, slowdown_s=, level=}, ... } */
  static const char *const comm_keys[] = { "collective", "time_s", "hidden_s", "exposed_s",
                                           "slowdown_s", "level" };
  int ck = gp_lua_names (L, comm_keys, 6);
  int cn = gp_lua_names (L, gp_comm_names, GP_COMM_N);
  lua_createtable (L, GP_COMM_N, 0);
  for (int i = 0; i < GP_COMM_N; i++)
    {
      const gp_comm_cost *cc = &r->comm[i];
      const double v[4] = { cc->time_s, cc->hidden_s, cc->exposed_s, cc->slowdown_s };
      lua_createtable (L, 0, 6);
      lua_rawgeti (L, ck, 1);
      lua_rawgeti (L, cn, i + 1);
      lua_rawset (L, -3);
      for (int k = 0; k < 4; k++)
        {
          lua_rawgeti (L, ck, k + 2);
          lua_pushnumber (L, v[k]);
          lua_rawset (L, -3);
        }
      if (cc->level >= 0)
        {
          lua_rawgeti (L, ck, 6);
          lua_pushinteger (L, cc->level + 1);
          lua_rawset (L, -3);
        }
      lua_rawseti (L, -2, i + 1);
    }
  lua_replace (L, ck);
  lua_pop (L, 1);
  lua_setfield (L, -2, "comms");
  /* where = { {part=, s=}, ... }: the step split for the "where the step goes" chart */
  double where[GP_WHERE_N];
  gp_steptime_where (r, where);
  gp_lua_push_records (L, where_keys, gp_where_names, where, GP_WHERE_N);
  lua_setfield (L, -2, "where");
  static const char *const lv[] = { "tp_level", "cp_level", "pp_level", "dp_level",
                                    "ep_level" };
  const int lvv[] = { r->tp_level, r->cp_level, r->pp_level, r->dp_level, r->ep_level };
  for (int i = 0; i < 5; i++)
    if (lvv[i] >= 0)
      {
        lua_pushinteger (L, lvv[i] + 1);
        lua_setfield (L, -2, lv[i]);
      }
}

#define SR_(key, doc) RI (gp_search_result, #key, key, "", doc)
static const gp_param search_result[] = {
  SR_ (n_found, "Plans in the ranked list"),
  SR_ (candidates_total, "Size of the space"),
  SR_ (covered, "Candidates decided"),
  SR_ (evaluated, "Plans timed"),
  SR_ (infeasible, "Plans refused on memory"),
  SR_ (pruned_memory, "Skipped: proved not to fit"),
  SR_ (pruned_bound, "Skipped: compute bound not below the K-th best"),
  RB (gp_search_result, "cancelled", cancelled, "The progress callback stopped the search"),
  RD (gp_search_result, "min_shortfall_bytes", min_shortfall_bytes, "B",
      "Smallest local-memory shortfall among refused plans"),
};
TABLE (gp_lua_search_result_table, "search_result", search_result);

/* ---- failure: per-kind rates as a keyed table too ---- */

void
gp_lua_failure_push_extra (lua_State *L, const void *params, const void *result)
{
  const gp_failure_result *r = result;
  static const char *const kinds[] = { "accelerator", "memory", "link", "node" };
  lua_createtable (L, GP_FAIL_N, 0);
  for (int i = 0; i < GP_FAIL_N; i++)
    {
      lua_createtable (L, 0, 2);
      lua_pushstring (L, kinds[i]);
      lua_setfield (L, -2, "component");
      lua_pushnumber (L, r->rate_per_hour[i]);
      lua_setfield (L, -2, "per_hour");
      lua_rawseti (L, -2, i + 1);
    }
  lua_setfield (L, -2, "rates");
}
