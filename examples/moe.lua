-- moe.lua: DeepSeek-V3 (671B mixture of experts, data/workloads.lua "deepseek-v3") on
-- DeepSeek's 2,048-H800 cluster (data/systems.lua "dgx-h800"), issue 16. Sweeps the
-- expert-parallel degree EP with the rest of the published layout kept (PP 16, DP 128,
-- ZeRO-1, selective recomputation, the all-to-alls overlapped as DualPipe does), on four
-- fabrics: the cluster as built (8 NVLink links, one 400 Gb/s NIC per GPU), twice the
-- scale-out bandwidth, a 4:1 oversubscribed core, and the H100's 18 NVLink links (the
-- same as the H800 here: with PP 16 laid out inside DP, every EP group crosses nodes).
-- Then, for the cluster as built, where the step goes at each EP with and without overlap.
--
--   glasspane-script examples/moe.lua [OUT_DIR]
--
-- Writes moe-ep.svg/.png/.csv (step time against EP per fabric), moe-ep-exposed.* (exposed
-- all-to-all time) and moe-table.csv (every point). A point that does not fit in 80 GB is
-- left out of the charts and marked in the table.
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local function strip(t)
  local o = {}
  for k, v in pairs(t) do if k ~= "sources" then o[k] = v end end
  return o
end
-- The dgx-h800 entry starts from dgx-h100 and overrides its topology and accelerator name.
local sys = gp.preset("systems", "dgx-h800")
local base_topo = strip(gp.preset("topologies", sys.topology.preset))
for k, v in pairs(sys.topology) do
  if k ~= "preset" and k ~= "sources" then base_topo[k] = v end
end
local accel = strip(gp.preset("systems", "dgx-h100").accel) -- the H800 is the H100 die
accel.name = "h800-sxm"

local function with(t, over)
  local o = {}
  for k, v in pairs(t) do o[k] = v end
  for k, v in pairs(over) do o[k] = v end
  return o
end
local fabrics = {
  { label = "H800 cluster (400 Gb/s per GPU)", topo = base_topo },
  { label = "800 Gb/s per GPU", topo = with(base_topo, { scaleout_port_rate_gbps = 800 }) },
  { label = "4:1 oversubscribed core", topo = with(base_topo, { scaleout_oversubscription = 4 }) },
  { label = "H100 NVLink (18 links)", topo = with(base_topo, { scaleup_links_per_accel = 18 }) },
}
local eps = { 1, 2, 4, 8, 16, 32, 64, 128 }
local function plan(ep, overlap)
  return { dp = 128, pp = 16, tp = 1, ep = ep, zero_stage = 1, microbatch_seqs = 1,
           recompute = "selective", dp_overlap = true, ep_overlap = overlap }
end
local function step(topo, ep, overlap)
  local r = gp.steptime { accel = accel, topology = topo, workload = "deepseek-v3",
                          plan = plan(ep, overlap) }
  return r
end
local function exposed_ep(r)
  for _, c in ipairs(r.comms) do
    if c.collective == "expert-parallel" then return c.exposed_s, c.time_s end
  end
  return 0, 0
end

local cols = { "fabric", "ep", "ep_overlap", "fits", "step_time_s", "mfu",
               "ep_alltoall_s", "ep_exposed_s", "gpu_hours_per_trillion_tokens" }
local frame = { columns = cols, units = { step_time_s = "s", ep_alltoall_s = "s",
                ep_exposed_s = "s", gpu_hours_per_trillion_tokens = "GPU-h" }, data = {} }
for _, c in ipairs(cols) do frame.data[c] = {} end
local function row(vals)
  local i = #frame.data.fabric + 1
  for k, c in ipairs(cols) do frame.data[c][i] = vals[k] end
end

local s_step, s_exp = {}, {}
for _, f in ipairs(fabrics) do
  for _, ov in ipairs { true, false } do
    local x, y, ye = {}, {}, {}
    for _, ep in ipairs(eps) do
      local r = step(f.topo, ep, ov)
      if r then
        local ex, tot = exposed_ep(r)
        local gpuh = 2048 * r.step_time_s / 3600 * 1e12 / (15360 * 4096)
        x[#x + 1], y[#y + 1], ye[#ye + 1] = ep, r.step_time_s, ex
        row { f.label, ep, ov, true, r.step_time_s, r.mfu, tot, ex, gpuh }
      else
        row { f.label, ep, ov, false, 0, 0, 0, 0, 0 }
      end
    end
    if ov or f == fabrics[1] then
      local name = f.label .. (ov and "" or ", blocking")
      s_step[#s_step + 1] = { name = name, x = x, y = y, markers = true }
      s_exp[#s_exp + 1] = { name = name, x = x, y = ye, markers = true }
    end
  end
end
frame.n = #frame.data.fabric
assert(gp.write_csv(out .. "moe-table.csv", frame))

local cap = "DeepSeek-V3 on 2,048 H800, PP 16 DP 128 ZeRO-1; all-to-alls overlapped unless blocking"
C.save(gp.chart { kind = "line", title = "DeepSeek-V3: step time against expert parallelism",
  x_label = "Expert-parallel degree EP", y_label = "Step time", y_unit = "s",
  caption = cap, series = s_step, legend = "below" },
  out, "moe-ep", { width = 560, height = 420 })
C.save(gp.chart { kind = "line", title = "Exposed dispatch/combine all-to-all per step",
  x_label = "Expert-parallel degree EP", y_label = "Exposed all-to-all",
  y_unit = "s", caption = cap, series = s_exp, legend = "below" },
  out, "moe-ep-exposed", { width = 560, height = 420 })

return frame
