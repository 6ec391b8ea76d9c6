-- test-fabric.lua: glasspane.fabric, fabric_place and fabric_fail_port from Lua, with
-- values worked by hand (the same cases as tests/test-fabric.c) and bad input.
local T = require "tap"
local gp = require "glasspane"

local R = 100e9 / 8 -- 100 Gb/s in bytes/s

T.test("a 4 x 4 torus ring all-reduce: 1.25 hops, load 1, 2 r", function()
  local p = gp.fabric_place({ shape = "torus", accelerators = 16, ports_per_accel = 4,
                              port_rate_gbps = 100, torus_x = 4, torus_y = 4, torus_z = 1 },
                            { tp = 16 })
  T.near(p.groups.tp.hops_avg, 1.25, 1e-12, "hops")
  T.near(p.groups.tp.max_link_load, 1, 1e-12, "load")
  T.near(p.groups.tp.bw_bytes_per_s / R, 2, 1e-12, "bandwidth / r")
end)

T.test("a ring of 16 under tp 4, dp 4: DP multi-hop at load 4", function()
  local p = gp.fabric_place({ shape = "ring", accelerators = 16, ports_per_accel = 2,
                              port_rate_gbps = 100 }, { tp = 4, dp = 4 })
  T.eq(p.degree_needed, 4, "degree needed")
  T.eq(p.ports_available, 2, "ports")
  T.near(p.groups.dp.max_link_load, 4, 1e-12, "DP load")
  T.near(p.groups.dp.bw_bytes_per_s / R, 0.5, 1e-12, "DP bandwidth / r")
  T.eq(p.net_levels[3].group_size, 16, "outer level")
  local found = false
  for _, g in ipairs(p.multi_hop) do found = found or g == "dp" end
  assert(found, "dp is reported as multi-hop")
end)

T.test("cost and power of a circuit fabric (16 x 6 ports)", function()
  local f = gp.fabric { shape = "circuit", accelerators = 16, ports_per_accel = 6,
                        port_rate_gbps = 100, energy_pj_per_bit = 5, switch_port_power_w = 1 }
  T.eq(f.switch_ports, 96, "switch ports")
  T.near(f.power_w, 96 * 0.5 + 96, 1e-9, "power")
end)

T.test("a failed ring link reroutes the long way", function()
  local r = gp.fabric_fail_port({ shape = "ring", accelerators = 8, ports_per_accel = 2,
                                  port_rate_gbps = 100 }, 0, 0)
  T.near(r.detour_hops, 7, 1e-12, "detour")
  T.eq(r.disconnected_accels, 0, "nobody cut off")
end)

T.test("bad input names the field", function()
  local function err(f, ...)
    local ok, msg = pcall(f, ...)
    assert(not ok, "expected an error")
    return msg
  end
  assert(err(gp.fabric, { shape = "ring", accelerators = 8, ports_per_accel = 0,
                          port_rate_gbps = 100 }):find("ports_per_accel", 1, true))
  assert(err(gp.fabric, { shape = "port_map", accelerators = 4, ports_per_accel = 2,
                          port_rate_gbps = 100 }, { { 0, 1 }, { 1, 9 } }):find("port_map", 1, true))
  assert(err(gp.fabric, { shape = "port_map", accelerators = 4, ports_per_accel = 2,
                          port_rate_gbps = 100 }, { { 0, 1 }, { 2, 3 } }):find("disconnected", 1, true))
  assert(err(gp.fabric, { shape = "circuit", accelerators = 256, ports_per_accel = 8,
                          port_rate_gbps = 100, switch_ports = 136 }):find("switch_ports", 1, true))
  assert(err(gp.fabric, { shape = "ring", accelerators = 8, ports_per_accel = 2,
                          port_rate_gbps = 100, bogus = 1 }):find("bogus", 1, true))
  assert(err(gp.fabric_place, { shape = "ring", accelerators = 16, ports_per_accel = 2,
                                port_rate_gbps = 100 }, { tp = 4, dp = 2 }):find("dp", 1, true))
end)

-- 512 = 2^9 accelerators: a hypercube needs 9 ports (4 cannot build it); the speedups are
-- the ratios of the step times.
T.test("fabric_sweep and optics_speedup", function()
  local sys = { preset = "lite-gpu-glass", accelerators = 512 }
  local pts = gp.fabric_sweep(sys, "hypercube", "ports", { 4, 9 })
  assert(pts[1].error and pts[1].error:find("ports", 1, true), "4 ports: an error")
  T.eq(pts[2].ports, 9, "ports")
  assert(pts[2].step_time_s > 0, "9 ports: a step time")
  local o = gp.optics_speedup(sys)
  T.near(o.speedup_same_bandwidth, o.same_bandwidth.step_time_s / o.glass.step_time_s, 1e-12,
         "same bandwidth")
  T.near(o.speedup_same_cost, o.same_cost.step_time_s / o.glass.step_time_s, 1e-12,
         "same cost")
  assert(not pcall(gp.fabric_sweep, sys, "star", "ports", { 4 }), "bad kind raises")
  assert(not pcall(gp.fabric_sweep, sys, "ring", "ports", { -1 }), "bad x raises")
end)

T.done()
