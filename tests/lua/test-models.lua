-- test-models.lua: every model binding of the glasspane module (issue 7) against the values
-- worked by hand in the C tests (each case names the C test it reuses), their breakdowns,
-- and their error messages: caller mistakes raise "bad argument #N to 'f' (...)" naming the
-- key; conditions a script should handle (an infeasible design) return nil, message.
local T = require "tap"
local gp = require "glasspane"

local function rel(a, b, tol, what)
  if type(a) ~= "number" or not (math.abs(a - b) <= tol * math.abs(b)) then
    error(("%s: %s is not within %g (relative) of %.17g"):format(what or "value", tostring(a), tol, b), 2)
  end
end

-- tests/test-link.c hand_link(): P_rx -10 dBm, L 20 dB, laser 10 dBm, 2.05 pJ/bit.
local hand_link = {
  name = "hand", medium = "optical", lane_rate_gbps = 25, lanes = 10, reach_m = 2000,
  rx_sensitivity_dbm = -13, margin_db = 2, penalty_db = 1, coupling_loss_db = 1.5,
  coupling_count = 2, modulator_loss_db = 1, mux_loss_db = 1, lanes_per_laser = 10,
  splitter_excess_db = 0, waveguide_loss_db_per_cm = 0.1, waveguide_length_cm = 20,
  grating_coupler_loss_db = 0.5, grating_coupler_count = 2, fibre_loss_db_per_km = 0.5,
  connector_loss_db = 0.5, connector_count = 2, laser_wpe = 0.2, laser_max_mw = 100,
  modulator_driver_pj_per_bit = 0.3, receiver_pj_per_bit = 0.4, serdes_pj_per_bit = 1.0,
  tuning_mw_per_lane = 2.5, other_pj_per_bit = 0.05,
}

T.test("link: budget and energy per bit (test-link.c hand_link)", function()
  local r = gp.link(hand_link)
  T.near(r.required_rx_dbm, -10, 1e-12, "required_rx_dbm")
  T.near(r.loss_db, 20, 1e-12, "loss_db")
  T.near(r.laser_dbm, 10, 1e-12, "laser_dbm")
  T.near(r.laser_mw, 10, 1e-9, "laser_mw")
  -- 10 mW / 0.2 = 50 mW per laser, 5 mW per lane, / 25 Gb/s = 0.2 pJ/bit
  T.near(r.laser_electrical_mw, 50, 1e-9, "laser_electrical_mw")
  T.near(r.laser_pj_per_bit, 0.2, 1e-12, "laser_pj_per_bit")
  T.near(r.tuning_pj_per_bit, 0.1, 1e-12, "tuning (2.5 mW / 25 Gb/s)")
  T.near(r.total_pj_per_bit, 2.05, 1e-12, "total")
  T.near(r.power_w, 0.5125, 1e-12, "2.05 pJ/bit x 250 Gb/s")
  T.eq(r.dominant_term, "SerDes/DSP", "dominant term")
  -- eleven waterfall steps ending at the sensitivity
  T.eq(#r.steps, 11, "steps")
  T.eq(r.steps[1].label, "laser output", "first step")
  T.near(r.steps[2].delta_db, -10, 1e-12, "1:10 splitter")
  T.near(r.steps[11].level_dbm, -13, 1e-9, "ends at the sensitivity")
  local sum = 0
  for _, b in ipairs(r.breakdown) do sum = sum + b.pj_per_bit end
  T.near(sum, 2.05, 1e-12, "breakdown sums to the total")
end)

T.test("link: a budget that cannot close is a result, not an error", function()
  local l = {}
  for k, v in pairs(hand_link) do l[k] = v end
  l.laser_max_mw = 9.5 -- needs 10 mW (test-link.c test_cannot_close)
  local r, msg = gp.link(l)
  T.eq(r, nil, "no result")
  assert(msg:find("cannot close", 1, true) and msg:find("9.5 mW", 1, true), msg)
end)

T.test("link: errors name the key", function()
  T.raises(function() gp.link { lanes = 0 } end, "bad argument #1 to 'link'", "lanes")
  T.raises(function() gp.link { medium = "plasma" } end, "medium", "optical")
  T.raises(function() gp.link { laser_wpe = 1.5 } end, "laser_wpe = 1.5 is out of range")
  T.raises(function() gp.link { lane_rate = 25 } end, "lane_rate", "unknown")
  T.raises(function() gp.link { lanes = 2.5 } end, "lanes", "whole number")
end)

T.test("link_reach_default (gp-link.h sourced figures)", function()
  local pj, src = gp.link_reach_default("package")
  T.near(pj, 1.3, 1e-12, "NVLink-C2C")
  assert(#src > 0)
  T.raises(function() gp.link_reach_default("moon") end, "bad argument #1", "invalid option 'moon'")
end)

T.test("shoreline: usable edge and bandwidth", function()
  -- 30 x 20 mm, 2.5 edges: both 30 mm edges and half a 20 mm edge = 70 mm (gp-link.h);
  -- 1 Tb/s/mm gives 70 Tb/s; compute 600 mm2 x 1 TFLOP/s/mm2.
  local r = gp.shoreline { die_width_mm = 30, die_height_mm = 20, edges_used = 2.5,
                           corner_keepout_mm = 0, density_tbps_per_mm = 1, tflops_per_mm2 = 1 }
  T.near(r.usable_edge_mm, 70, 1e-12, "usable edge")
  T.near(r.bandwidth_tbps, 70, 1e-12, "bandwidth")
  T.near(r.bandwidth_bytes_per_s, 70e12 / 8, 1e-3, "bytes/s")
  T.near(r.io_bytes_per_flop, 70e12 / 8 / 600e12, 1e-15, "I/O per FLOP")
  T.raises(function() gp.shoreline { edges_used = 5 } end, "edges_used")
end)

T.test("topology: two DGX H100 (test-topology.c test_dgx_two_nodes)", function()
  local r = gp.topology { accelerators = 16 }
  T.eq(#r.levels, 2, "levels")
  local su, so = r.levels[1], r.levels[2]
  T.near(su.bw_gbps, 3600, 1e-9, "18 x 200 Gb/s")
  T.eq(su.switches, 8, "2 nodes x 4 NVSwitch")
  T.eq(su.transceivers, 576, "2 x 16 x 18")
  T.near(su.power_w, 1353.6, 1e-9, "576 x 200 Gb/s x 5.5 pJ + 8 x 90 W")
  T.near(su.energy_pj_per_bit, 18.03125, 1e-9, "2 x 5.5 + 90 / (64 x 200)")
  T.near(su.latency_s, 840e-9, 1e-18, "700 + 2 x 20 + 100 ns")
  T.near(so.power_w, 990, 1e-9, "32 x 400 x 18.75 pJ + 750 W")
  T.near(so.cost_usd, 49000, 1e-9, "32 x 700 + 16 x 100 + 25,000")
  T.near(r.power_w, 2343.6, 1e-9, "total power")
  T.near(r.cost_usd, 65000, 1e-9, "total cost")
  T.eq(r.switches, 9, "switches")
  T.eq(r.fat_tree.tiers, 1, "one-tier fat tree")
  -- the net levels the step-time model reads
  T.eq(r.net[1].group_size, 8, "scale-up domain")
  T.near(r.net[1].bw_bytes_per_s, 450e9, 1e-3, "450 GB/s")
  T.near(r.net[2].bw_bytes_per_s, 50e9, 1e-3, "50 GB/s")
  T.raises(function() gp.topology { accelerators = 12 } end, "bad argument #1 to 'topology'", "node_accels")
end)

T.test("fat_tree (test-topology.c: k = 4, 16 hosts)", function()
  local ft = gp.fat_tree(16, 4)
  T.eq(ft.tiers, 3, "tiers")
  T.eq(ft.switches_total, 20, "5 k^2 / 4")
  T.eq(ft.links_total, 48, "links")
  T.eq(ft.transceivers, 96, "transceivers")
  T.eq(ft.switches[3], 4, "core switches")
  T.near(ft.switches_avg, 67 / 15, 1e-12, "average switches crossed")
  T.raises(function() gp.fat_tree(16, 5) end, "bad argument #2 to 'fat_tree'", "radix")
  local none, msg = gp.fat_tree(65, 4) -- needs six tiers
  T.eq(none, nil, "infeasible")
  assert(msg and #msg > 0)
end)

T.test("workload: tiny-test sizes (test-workload.c)", function()
  local r = gp.workload(gp.preset("workloads", "tiny-test"))
  T.near(r.params, 108416, 1e-9, "P")
  T.near(r.params_per_layer, 49984, 1e-9, "per layer")
  T.near(r.fwd_flops_layer, 27262976, 1e-6, "24 B s h^2 + 4 B s^2 h")
  T.near(r.model_flops, 173408256, 1e-5, "model FLOPs")
  T.near(r.hw_flops_full, 227934208, 1e-5, "full recomputation")
  T.near(r.hw_flops_selective, 177602560, 1e-5, "selective")
  T.near(r.checkpoint_bytes, 1517824, 1e-6, "108,416 x (2 + 12)")
  T.raises(function() gp.workload { heads = 7 } end, "bad argument #1 to 'workload'", "heads")
end)

T.test("failure: Young/Daly and goodput (test-failure.c simple)", function()
  local r = gp.failure { n_accel = 1, accel_per_node = 1, mem_stacks_per_accel = 0,
                         links_per_accel = 0, dies_per_accel = 0, logic_area_mm2 = 1,
                         area_failures_per_hour_mm2 = 0.36, spare_share = 0,
                         checkpoint_overhead = 0,
                         mem_failures_per_hour = 0, link_failures_per_hour = 0,
                         node_failures_per_hour = 0, blast_radius_accel = 1, spare_accel = 0,
                         repair_hours = 0, checkpoint_gb = 50, storage_write_gb_per_s = 1,
                         storage_read_gb_per_s = 1, restart_s = 100, checkpoint_interval_s = 0 }
  rel(r.mtbf_s, 10000, 1e-12, "M = 3600 / 0.36")
  rel(r.interval_young_s, 1000, 1e-12, "sqrt(2 x 50 x 10,000)")
  rel(r.interval_daly_s, 966.94444444444, 1e-12, "Daly")
  rel(r.goodput, 0.88985672081, 1e-9, "goodput")
  T.eq(r.rates[1].component, "accelerator", "rates breakdown")
  rel(r.rates[1].per_hour, 0.36, 1e-12, "accelerator rate")
  T.raises(function() gp.failure { repair_hours = -1 } end, "repair_hours")
  T.raises(function() gp.failure { spare_share = 1 } end, "spare_share")
  -- a job that cannot finish is a condition for the script: nil, message
  local none, msg = gp.failure { n_accel = 1, accel_per_node = 1, mem_stacks_per_accel = 0,
                                 links_per_accel = 0, dies_per_accel = 0, logic_area_mm2 = 1,
                                 area_failures_per_hour_mm2 = 1, restart_s = 1e6 }
  T.eq(none, nil, "goodput below 1%: nil")
  T.eq(msg:find("goodput below 1% at this size: add spares or checkpoint faster", 1, true) ~= nil,
       true, msg)
end)

T.test("carbon_run and carbon_system (test-carbon.c test_system_and_run)", function()
  local r = gp.carbon_run { embodied_kgco2e = 1000, run_time_h = 720, energy_kwh = 10000 }
  rel(r.embodied_kg, 16.438356164383563, 1e-12, "1000 x 720 / 43,800")
  rel(r.operational_kg, 3311, 1e-12, "10,000 x 1.1 x 0.301")
  rel(r.total_kg, 3327.4383561643835, 1e-12, "total")
  T.raises(function() gp.carbon_run { pue = 0.9 } end, "bad argument #1 to 'carbon_run'", "pue")
  local s = gp.carbon_system { package_kgco2e = 100 }
  rel(s.total_kg, 2366.5504, 1e-12, "DGX H100-like system (board parts: test-carbon.c)")
  T.near(s.dram_kg, 152.1664, 1e-9, "2,048 GB x 0.0743")
  T.raises(function() gp.carbon_system({}, { fab_ci_g_per_kwh = -5 }) end,
           "bad argument #2 to 'carbon_system'", "fab_ci_g_per_kwh")
end)

-- tests/test-package.c test_two_die_hand
local function two_die()
  return {
    name = "hand", carrier = "organic", carrier_width_mm = 10, carrier_height_mm = 10,
    carrier_usd_per_mm2 = 0.01, carrier_yield = 0.9, carrier_known_good = false,
    assembly_cost_usd = 10, bond_cost_usd = 1, final_test_cost_usd = 5,
    final_test_yield = 0.95, peak_pflops = 2,
    parts = {
      { name = "die A", kind = "logic", count = 1, unit_cost_usd = 100, yield = 0.8,
        known_good = false, bond = "substrate" },
      { name = "die B", kind = "logic", count = 1, unit_cost_usd = 50, yield = 1,
        known_good = true, bond = "substrate" },
    },
  }
end

T.test("package: two dies worked by hand (test-package.c)", function()
  local r = gp.package(two_die())
  T.near(r.yields.assembly_yield, 0.705672, 1e-15, "0.99^2 x 0.8 x 0.9")
  T.eq(r.yields.n_bonds, 2, "bonds")
  rel(r.total_usd, 248.40578983765235, 1e-12, "(163 / 0.705672 + 5) / 0.95")
  rel(r.scrap_usd, 80.40578983765235, 1e-12, "scrap")
  rel(r.usd_per_pflops, 124.20289491882617, 1e-12, "per PFLOP/s")
  T.near(r.assembly_test_usd, 17, 1e-12, "10 + 2 x 1 + 5")
  T.eq(#r.parts, 2, "parts")
  T.eq(r.parts[1].name, "die A", "part name")
  T.near(r.parts[1].usd, 100, 1e-12, "part A as purchased")
  local sum = r.logic_usd + r.memory_usd + r.optics_usd + r.other_usd + r.carrier_usd
              + r.assembly_test_usd + r.scrap_usd
  rel(sum, r.total_usd, 1e-14, "breakdown sums to the total")
  -- the caller's table is not modified (the parts list is read, not detached)
  local p = two_die()
  gp.package(p)
  T.eq(#p.parts, 2, "parts kept")
end)

T.test("package: presets by name and the defaults", function()
  local h = gp.package("h100_cowos_s")
  -- H100: 6 stacks x 16 GB x 15 USD/GB = 1,440 USD (test-package.c presets)
  T.near(h.memory_usd, 1440, 1e-9, "HBM")
  T.near(h.memory_gb, 80, 1e-12, "5 active stacks")
  T.near(h.yields.bond_yield, 0.96 ^ 7 * 0.99, 1e-12, "7 micro-bumps and the attach")
  local d = gp.defaults("package")
  T.eq(d.name, "h100_cowos_s", "defaults are the H100 preset")
  T.eq(#d.parts, 2, "with its parts")
  T.near(gp.package(d).total_usd, h.total_usd, 1e-9, "defaults price as the preset")
end)

T.test("package: errors", function()
  T.raises(function() gp.package("no_such_package") end, "bad argument #1 to 'package'",
           "no preset 'no_such_package'", "h100_cowos_s")
  local p = two_die(); p.parts[1].yeild = 0.5
  T.raises(function() gp.package(p) end, "parts[1]", "yeild", "unknown")
  p = two_die(); p.parts[2].die_width_mm = 30; p.parts[2].die_height_mm = 30; p.parts[2].node = "N7"
  T.raises(function() gp.package(p) end, "reticle")
  p = two_die(); p.parts[1].node = "N0"
  T.raises(function() gp.package(p) end, "N0")
  p = two_die(); p.parts = {}
  T.raises(function() gp.package(p) end, "parts has 0 entries")
  T.raises(function() gp.package(42) end, "package must be a table or a preset name")
end)

T.test("carbon_package: one N5 die on a free carrier (test-carbon.c test_act_die)", function()
  local p = {
    carrier = "organic", carrier_width_mm = 10, carrier_height_mm = 10, carrier_usd_per_mm2 = 0,
    carrier_yield = 1, carrier_known_good = false, bond_yield_substrate = 1, final_test_yield = 1,
    parts = { { name = "die", node = "N5", die_width_mm = 10, die_height_mm = 10, bond = "substrate" } },
  }
  local r = gp.carbon_package(p)
  -- 583 x 2.75 + 930 = 2,533.25 g over Y = 1.011^-10: 2.8261135 kg, + 0.000208 + 0.15
  rel(r.total_kg, 2.826113549455744 + 0.000208 + 0.15, 1e-12, "total")
  T.near(r.scrap_kg, 0, 1e-12, "no scrap")
  T.eq(r.parts[1].name, "die", "part")
  -- a greener fab grid lowers it
  local usa = gp.carbon_package(p, { fab_ci_g_per_kwh = 380 })
  assert(usa.total_kg < r.total_kg)
  T.raises(function() gp.carbon_package(p, { fab_ci = 1 }) end, "bad argument #2", "fab_ci")
end)

-- tests/test-steptime.c: tiny-test workload, a 1 TFLOP/s accelerator at efficiency 1, no
-- tile quantisation, attention at 0.5 (the causal half of the counted FLOPs at half rate),
-- no interference
local toy_accel = { peak_tflop_per_s = 1, matmul_efficiency = 1, mem_capacity_gb = 80,
                    mem_bw_gb_per_s = 1e8, power_w = 100, compute_units = 0,
                    attention_efficiency = 0.5, mem_efficiency = 1, comm_interference = 0 }
local function fabric(bw)
  return { { name = "test fabric", group_size = 8, bw_bytes_per_s = bw, latency_s = 0,
             energy_pj_per_bit = 10 } }
end

T.test("steptime: data-parallel flip (test-steptime.c test_flip)", function()
  local r = gp.steptime { accel = toy_accel, net = fabric(1e12), workload = "tiny-test",
                          plan = { dp = 8 }, tokens = 1e9 }
  rel(r.step_time_s, 22.055488e-6, 1e-5, "compute-bound step")
  T.eq(r.binding, "compute", "binding")
  assert(r.description:find("compute-bound", 1, true), r.description)
  local dp
  for _, ph in ipairs(r.phases) do if ph.phase == "data-parallel communication" then dp = ph end end
  rel(dp.s, 0.379456e-6, 1e-9, "ring all-reduce 2 x 7/8 x 216,832 B / 1e12 B/s")
  local dpc
  for _, c in ipairs(r.comms) do if c.collective == "data-parallel" then dpc = c end end
  rel(dpc.exposed_s, 0.379456e-6, 1e-9, "the per-collective account agrees")
  -- 1e9 tokens = 1e9 / 256 steps
  rel(r.time_to_train_s, 1e9 / 256 * r.step_time_s, 1e-12, "time to train")
  r = gp.steptime { accel = toy_accel, net = fabric(1e10), workload = "tiny-test", plan = { dp = 8 } }
  rel(r.step_time_s, 59.621632e-6, 1e-5, "network-bound step")
  T.eq(r.binding, "data-parallel network", "binding")
  assert(r.description:find("network-bound: data-parallel all-reduce over test fabric", 1, true),
         r.description)
  rel(r.energy_per_step_j, 8 * (100 * r.step_time_s + 30.35648e-6), 1e-9, "energy")
  T.eq(r.dp_level, 1, "DP on the first level")
end)

T.test("steptime: a plan that does not fit is nil, message, result (test_infeasible)", function()
  local net = { { name = "NVLink4 via NVSwitch", group_size = 8, bw_bytes_per_s = 450e9, latency_s = 3e-6 },
                { name = "InfiniBand NDR fat tree", group_size = 1024, bw_bytes_per_s = 50e9, latency_s = 5e-6 } }
  local r, msg, partial = gp.steptime { net = net, plan = { tp = 2, dp = 512 } }
  T.eq(r, nil, "no result")
  assert(msg:find("short by", 1, true), msg)
  T.eq(partial.feasible, false, "infeasible")
  rel(partial.mem_shortfall_bytes, 1466889629696.0, 1e-12, "shortfall")
end)

T.test("steptime: errors name the key", function()
  T.raises(function() gp.steptime { plan = { dp = 0 } } end, "bad argument #1 to 'steptime'", "dp")
  T.raises(function() gp.steptime { plan = { pp = 97 } } end, "bad argument #1 to 'steptime'", "pp")
  T.raises(function() gp.steptime { plan = { cp = 3 } } end, "bad argument #1 to 'steptime'", "cp")
  T.raises(function() gp.steptime { accel = { attention_efficiency = 0 } } end, "attention_efficiency")
  T.raises(function() gp.steptime { accel = { peak_tflop_per_s = -1 } } end, "accel", "peak_tflop_per_s")
  T.raises(function() gp.steptime { workload = "no-such-model" } end, "no preset 'no-such-model'")
  T.raises(function() gp.steptime { net = {}, topology = {} } end, "either net or topology")
  T.raises(function() gp.steptime { net = { { name = "x", group_size = 8 } } } end, "bw_bytes_per_s is required")
  T.raises(function() gp.steptime { plans = {} } end, "unknown key 'plans'")
  T.raises(function() gp.steptime { tokens = -1 } end, "tokens must be a positive number")
end)

T.test("search: ranked plans agree with steptime; progress and cancel", function()
  local machine = { accel = toy_accel, net = fabric(1e10), workload = "tiny-test" }
  local calls, last = 0, -1
  local s = gp.search { accel = machine.accel, net = machine.net, workload = machine.workload,
                        space = { top_k = 5 },
                        progress = function(f, best)
                          calls = calls + 1
                          assert(f >= last and f <= 1, "fraction grows in [0, 1]")
                          last = f
                        end }
  assert(calls >= 1, "progress called")
  assert(s.n_found >= 1 and #s.plans == s.n_found)
  T.eq(s.best, s.plans[1], "best is the first")
  for i = 2, #s.plans do
    assert(s.plans[i].result.step_time_s >= s.plans[i - 1].result.step_time_s, "ranked")
  end
  -- the best plan, timed directly, gives the same step time
  local direct = gp.steptime { accel = machine.accel, net = machine.net, workload = machine.workload,
                               plan = s.best.plan }
  T.near(direct.step_time_s, s.best.result.step_time_s, 0, "same step time")
  -- cancel at the first call: what was found so far, cancelled = true
  local c = gp.search { accel = machine.accel, net = machine.net, workload = machine.workload,
                        progress = function() return false end }
  T.eq(c.cancelled, true, "cancelled")
  -- an error in the callback reaches the caller
  T.raises(function()
    gp.search { accel = machine.accel, net = machine.net, workload = machine.workload,
                progress = function() error("stop here") end }
  end, "stop here")
  T.raises(function() gp.search { space = { top_k = 0 } } end, "bad argument #1 to 'search'", "top_k")
  T.raises(function() gp.search { progress = 3 } end, "progress must be a function")
end)

T.test("search: nothing fits is nil, message, stats", function()
  local r, msg, stats = gp.search { accel = { mem_capacity_gb = 1, mem_reserved_gb = 0 },
                                    topology = { accelerators = 8 },
                                    workload = "gpt3-175b", space = { n_accel = 8 } }
  T.eq(r, nil, "no plan")
  assert(type(msg) == "string" and #msg > 0)
  assert(stats.min_shortfall_bytes > 0, "shortfall reported")
end)

T.test("presets: list and read every kind", function()
  local kinds = gp.presets()
  local seen = {}
  for _, k in ipairs(kinds) do seen[k] = true end
  assert(seen.links and seen.packages and seen.workloads and seen.nodes, "kinds listed")
  local links = gp.presets("links")
  assert(#links >= 8)
  for _, name in ipairs(links) do
    local l = gp.preset("links", name)
    T.eq(l.name, name, "preset name")
  end
  T.eq(gp.preset("carbon.grids", "taiwan").ci_g_per_kwh, 583, "ACT Taiwan grid")
  T.eq(gp.preset("wafer").wafer_diameter_mm, 300, "a single-table file")
  -- a preset is a copy: changing it changes nothing else
  local w = gp.preset("workloads", "tiny-test"); w.layers = 4
  T.eq(gp.preset("workloads", "tiny-test").layers, 2, "copy")
  T.raises(function() gp.presets("../etc/passwd") end, "not a preset kind")
  T.raises(function() gp.presets("nosuchfile") end, "no presets of kind 'nosuchfile'")
  T.raises(function() gp.preset("links", "nope") end, "bad argument #2 to 'preset'", "no preset 'nope' in links")
  T.raises(function() gp.presets("wafer") end, "one table, not a list")
  T.raises(function() gp.preset("links") end, "a preset name is required")
end)

T.test("params, outputs and defaults describe every input", function()
  for _, name in ipairs { "link", "shoreline", "topology", "workload", "failure", "carbon_run",
                          "package", "part", "accel", "plan", "search", "carbon",
                          "carbon_system", "net_level" } do
    local ps = gp.params(name)
    assert(#ps > 0, name)
    local d = gp.defaults(name)
    for _, p in ipairs(ps) do
      if not p.optional and d[p.name] == nil then error(name .. ": no default for " .. p.name) end
    end
  end
  for _, name in ipairs { "link", "topology", "package", "steptime", "search", "carbon_package" } do
    assert(#gp.outputs(name) > 0, name)
  end
  local units = {}
  for _, o in ipairs(gp.outputs("link")) do units[o.name] = o.unit end
  T.eq(units.total_pj_per_bit, "pJ/bit", "output units")
  T.raises(function() gp.params("steptime") end, "takes nested tables")
  T.raises(function() gp.outputs("accel") end, "is an input, not a model")
end)

T.test("sweep over a new model: link rate", function()
  local f = gp.sweep { model = "link", base = hand_link,
                       x = { param = "lanes", from = 10, to = 20, n = 2 } }
  T.eq(f.n, 2, "rows")
  T.near(f.data.total_pj_per_bit[1], 2.05, 1e-12, "first point is the hand link")
  T.near(f.data.power_w[2], 2 * 0.5125, 1e-12, "20 lanes: twice the power")
  T.eq(f.units.total_pj_per_bit, "pJ/bit", "units")
end)

T.done()
