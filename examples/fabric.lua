-- fabric.lua: the glass fabric as a real network (issue 14). For a Lite-GPU glass server of
-- 512 quarter-H100s training Llama 3 70B (the default study), step time, cost per trained
-- model and wall power against ports per accelerator and against per-port rate, one line
-- per fabric kind (a ring, a 3D torus, a hypercube, and optical circuit switches whose
-- circuits the model chooses per job); then the "optics speedup" of each glass fabric over
-- a packet-switched fat tree of the same per-accelerator bandwidth and one of the same
-- interconnect cost.
--
--   glasspane-script examples/fabric.lua [OUT_DIR]
--
-- A point a fabric cannot build (a hypercube of 512 needs 9 ports) is left out. Writes
-- fabric-ports.*, fabric-rate.* (step time), fabric-cost-ports.*, fabric-power-ports.*,
-- fabric-speedup-bandwidth.*, fabric-speedup-cost.* (svg, png, csv) and fabric-table.csv.
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local N = 512
local kinds = {
  { label = "ring", topo = { kind = "direct_connect", fabric_shape = "ring" } },
  { label = "3D torus", topo = { kind = "direct_connect", fabric_shape = "torus",
                                 torus_auto_dims = 3 } },
  { label = "hypercube", topo = { kind = "direct_connect", fabric_shape = "hypercube" } },
  { label = "OCS (circuits per job)",
    topo = { kind = "circuit_switched", scaleup_switch_radix = 544, node_accels = 8,
             circuit_mode = "per_job", ocs_port_cost_usd = 500, ocs_port_power_w = 0.8 } },
}

local function entry (topo, d, r)
  local t = {}
  for k, v in pairs(topo) do t[k] = v end
  t.scaleup_links_per_accel = d
  t.scaleup_link_rate_gbps = r
  local e = { preset = "lite-gpu-glass", accelerators = N, topology = t }
  -- a packet-switched fat tree is priced by its switches and pluggables, not as glass
  if topo.kind == "fat_tree" then e.cost = { glass_fabric = false } end
  return e
end

local function run (topo, d, r)
  local ok, res, msg = pcall(gp.evaluate_system, entry(topo, d, r))
  if not ok then res, msg = nil, res end
  if not res then io.stderr:write(("fabric: skipped d = %d, r = %g: %s\n"):format(d, r, msg)) end
  return res
end

local frame = { columns = { "fabric", "ports", "rate_gbps", "step_time_s", "usd_per_model",
                            "power_w", "tp", "pp", "dp" },
                units = { rate_gbps = "Gb/s", step_time_s = "s", usd_per_model = "USD",
                          power_w = "W" }, data = {} }
for _, c in ipairs(frame.columns) do frame.data[c] = {} end
local function row (label, d, r, res)
  local i = #frame.data.fabric + 1
  frame.data.fabric[i], frame.data.ports[i], frame.data.rate_gbps[i] = label, d, r
  frame.data.step_time_s[i], frame.data.usd_per_model[i], frame.data.power_w[i] = res.step_time_s,
    res.usd_per_model, res.power_w
  frame.data.tp[i], frame.data.pp[i], frame.data.dp[i] = res.plan.tp, res.plan.pp, res.plan.dp
end

local ports = { 2, 4, 6, 8, 10, 12 }
local rates = { 64, 128, 256, 512, 1024, 2048 }
local s_ports, s_cost, s_power, s_rate = {}, {}, {}, {}
for _, k in ipairs(kinds) do
  local x, st, cost, pw = {}, {}, {}, {}
  for _, d in ipairs(ports) do
    local res = run(k.topo, d, 256)
    if res then
      x[#x + 1], st[#st + 1] = d, res.step_time_s
      cost[#cost + 1], pw[#pw + 1] = res.usd_per_model / 1e6, res.power_w / 1e3
      row(k.label, d, 256, res)
    end
  end
  s_ports[#s_ports + 1] = { name = k.label, x = x, y = st, markers = true }
  s_cost[#s_cost + 1] = { name = k.label, x = x, y = cost, markers = true }
  s_power[#s_power + 1] = { name = k.label, x = x, y = pw, markers = true }
  local xr, sr = {}, {}
  for _, r in ipairs(rates) do
    local d = k.label == "hypercube" and 9 or 6
    local res = run(k.topo, d, r)
    if res then
      xr[#xr + 1], sr[#sr + 1] = r, res.step_time_s
      row(k.label, d, r, res)
    end
  end
  s_rate[#s_rate + 1] = { name = k.label, x = xr, y = sr, markers = true }
end
frame.n = #frame.data.fabric
assert(gp.write_csv(out .. "fabric-table.csv", frame))

local cap = ("%d Lite-GPUs (quarter H100), Llama 3 70B; best plan per point"):format(N)
C.save(gp.chart { kind = "line", title = "Step time against ports per accelerator",
  x_label = "Ports per accelerator (256 Gb/s each)", y_label = "Step time", y_unit = "s",
  y_log = true, caption = cap, series = s_ports, legend = "top_right" },
  out, "fabric-ports", { width = 560, height = 360 })
C.save(gp.chart { kind = "line", title = "Step time against per-port rate",
  x_label = "Port rate (6 ports; hypercube 9)", x_unit = "Gb/s", x_log = true,
  y_label = "Step time", y_unit = "s", y_log = true, caption = cap, series = s_rate,
  legend = "top_right" }, out, "fabric-rate", { width = 560, height = 360 })
C.save(gp.chart { kind = "line", title = "Cost per trained model against ports",
  x_label = "Ports per accelerator", y_label = "Cost per model", y_unit = "MUSD",
  caption = cap, series = s_cost, legend = "top_right" },
  out, "fabric-cost-ports", { width = 560, height = 360 })
C.save(gp.chart { kind = "line", title = "Wall power against ports",
  x_label = "Ports per accelerator", y_label = "Power from the wall", y_unit = "kW",
  caption = cap, series = s_power, legend = "top_left" },
  out, "fabric-power-ports", { width = 560, height = 360 })

-- Optics speedup (glasspane.optics_speedup, the code the GUI card uses): each glass fabric
-- (6 ports of 256 Gb/s; hypercube 9) against a non-blocking fat tree of 64-port packet
-- switches with 400G-class optics priced per Gb/s (data/topologies.lua dgx-h100-ndr's
-- scale-out figures), as many ports as the glass fabric (same bandwidth) or the port count
-- whose interconnect cost is closest to the glass fabric's (same cost).
local cats, same_bw, same_cost = {}, {}, {}
for _, k in ipairs(kinds) do
  local d = k.label == "hypercube" and 9 or 6
  local o, msg = gp.optics_speedup(entry(k.topo, d, 256))
  if o then
    cats[#cats + 1] = k.label
    same_bw[#same_bw + 1] = o.speedup_same_bandwidth
    same_cost[#same_cost + 1] = o.speedup_same_cost
  else
    io.stderr:write(("fabric: no speedup for %s: %s\n"):format(k.label, msg))
  end
end
for _, v in ipairs { { "same bandwidth", same_bw, "fabric-speedup-bandwidth" },
                    { "same interconnect cost", same_cost, "fabric-speedup-cost" } } do
  C.save(gp.chart { kind = "stacked_bar",
    title = "Optics speedup over a fat tree of the " .. v[1],
    x_label = "Glass fabric", y_label = "Fat-tree step time / glass step time",
    categories = cats, series = { { name = v[1], y = v[2] } }, caption = cap,
    legend = "none" }, out, v[3], { width = 560, height = 360 })
end
for i, c in ipairs(cats) do
  print(("%-24s speedup %.3f (same bandwidth), %.3f (same cost)"):format(c, same_bw[i],
                                                                        same_cost[i]))
end
