-- power-memory.lua: the seeds' questions on power, cooling and memory (issue 18). For the
-- three families: the power density of each die against its size with the three cooling
-- classes' limits (data/power.lua), the memory hierarchy per accelerator (capacity and
-- bandwidth of each tier, the pooled tier of data/comparison.lua included), and the
-- embodied carbon of one accelerator's share of the machine by part.
--
--   glasspane-script examples/power-memory.lua [OUT_DIR]
--
-- Writes power-density.{svg,png,csv}, memory-tiers.{svg,png,csv},
-- embodied-by-part.{svg,png,csv} and power-memory-table.csv.
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local design = assert(gp.design_default())
local study = design.study

-- 1. Power density against die size. Points: each family's dies (Lite-GPUs at 1/2, 1/4,
-- 1/8 of an H100, the DGX GPUs, the wafers); lines: what each class removes from a die of
-- that size (heat flux at the sink base spread onto the die).
local families = {
  { name = "DGX-style GPUs", systems = { "dgx-a100", "dgx-h100", "dgx-b200" } },
  { name = "Lite-GPUs (H100 / 2, 4, 8)", systems = {
      { derive = { parent = "dgx-h100", fraction = 0.5, optics = "glass-ionx-board" } },
      { derive = { parent = "dgx-h100", fraction = 0.25, optics = "glass-ionx-board" } },
      { derive = { parent = "dgx-h100", fraction = 0.125, optics = "glass-ionx-board" } } } },
  { name = "Wafer-scale", systems = { "cs-2", "cs-3" } },
}
local series, rows = {}, {}
for i, f in ipairs(families) do
  local s = { name = f.name, x = {}, y = {}, labels = {}, markers = true, line = false }
  for _, sys in ipairs(f.systems) do
    local r, msg = gp.evaluate_system(sys, study)
    if r then
      local area = r.die_power.die_area_mm2
      s.x[#s.x + 1] = area
      s.y[#s.y + 1] = r.die_w_per_mm2
      s.labels[#s.labels + 1] = (r.name:gsub("^dgx%-", ""):gsub("%-lite%-", " x"))
      rows[#rows + 1] = { family = f.name, system = r.name, area = area, r = r }
    else
      io.stderr:write(("power-memory: %s\n"):format(msg))
    end
  end
  series[i] = s
end
for k, cls in ipairs { "air", "liquid", "immersion" } do
  local s = { name = cls .. " limit", x = {}, y = {}, dashed = true }
  for e = 0, 40 do
    local a = 50 * (50000 / 50) ^ (e / 40)
    local r = gp.die_power { die_area_mm2 = a, cooling = cls }
    s.x[#s.x + 1] = a
    s.y[#s.y + 1] = r.limit_w_per_mm2
  end
  series[#series + 1] = s
end
C.save(gp.chart {
  kind = "line", title = "Die power density against die size",
  x_label = "Die area (one logic die)", x_unit = "mm2", x_log = true,
  y_label = "Power density at the reference clock", y_unit = "W/mm2", y_zero = true,
  caption = "Dashed: heat flux each cooling class removes from a die of that size "
            .. "(data/power.lua; 45-degree spreading through 3 mm)",
  series = series, legend = "right",
}, out, "power-density", { width = 576, height = 336 })

-- 2. The memory hierarchy per accelerator: capacity against bandwidth for every tier, with
-- the comparison's Lite-GPU server also shown with its DDR5 pool switched on (512 GB per 8
-- Lite-GPUs, data/memory.lua).
local pooled = { preset = "lite-gpu-glass", name = "lite-gpu-glass + pool",
                 power = { cooling = "liquid" }, pool = { capacity_gb = 512 } }
design.systems[#design.systems + 1] = pooled
local results = gp.evaluate(design)
local mseries = {}
for i, r in ipairs(results) do
  if not r.error then
    local s = { name = r.name, x = {}, y = {}, labels = {}, markers = true }
    local function tier(label, gb, gbs)
      if gb and gb > 0 and gbs and gbs > 0 then
        s.x[#s.x + 1], s.y[#s.y + 1], s.labels[#s.labels + 1] = gb, gbs, label
      end
    end
    local a = r.accel
    if r.family == "wafer_scale" then
      tier("SRAM", a.sram_capacity_gb, a.sram_bw_tb_per_s * 1000)
    else
      tier("HBM", a.mem_capacity_gb, a.mem_bw_gb_per_s)
    end
    tier(r.pools > 0 and "pool" or "second tier", a.tier2_capacity_gb, a.tier2_bw_gb_per_s)
    mseries[#mseries + 1] = s
    for _, row in ipairs(rows) do
      if row.system == r.name then row.cmp = r end
    end
  end
end
C.save(gp.chart {
  kind = "line", title = "Memory hierarchy per accelerator",
  x_label = "Capacity per accelerator", x_unit = "GB", x_log = true,
  y_label = "Bandwidth per accelerator", y_unit = "GB/s", y_log = true,
  caption = design.name .. ": local memory and the pooled or second tier",
  series = mseries, legend = "right",
}, out, "memory-tiers", { width = 576, height = 336 })

-- 3. Embodied carbon per PFLOP/s of peak by part (per accelerator over its peak, so a
-- wafer and a quarter GPU compare): the package's parts, the servers' and the
-- interconnect's shares.
local cats, parts = {}, { logic = {}, memory = {}, carrier = {}, scrap = {}, servers = {},
                          interconnect = {} }
for _, r in ipairs(results) do
  if not r.error then
    cats[#cats + 1] = r.name
    local n = r.accelerators
    local pf = r.peak_pflops / n
    local pc = r.package_carbon
    parts.logic[#cats] = pc.logic_kg / pf
    parts.memory[#cats] = pc.memory_kg / pf
    parts.carrier[#cats] = pc.carrier_kg / pf
    parts.scrap[#cats] = (pc.total_kg - pc.logic_kg - pc.memory_kg - pc.carrier_kg) / pf
    parts.servers[#cats] = r.embodied_servers_kg / n / pf
    parts.interconnect[#cats] = r.embodied_interconnect_kg / n / pf
  end
end
C.save(gp.chart {
  kind = "stacked_bar", title = "Embodied carbon per PFLOP/s by part",
  x_label = "System", y_label = "Embodied carbon per PFLOP/s of peak", y_unit = "kgCO2e",
  caption = "Package parts as purchased (scrap, optics and assembly together), the server "
            .. "and interconnect shares; HBM from DRAM wafer figures (data/carbon.lua)",
  categories = cats, legend = "right",
  series = { { name = "logic die", y = parts.logic }, { name = "memory", y = parts.memory },
             { name = "carrier", y = parts.carrier },
             { name = "scrap, optics, assembly", y = parts.scrap },
             { name = "servers", y = parts.servers },
             { name = "interconnect", y = parts.interconnect } },
}, out, "embodied-by-part", { width = 576, height = 336 })

local frame = { columns = { "family", "system", "die_area_mm2", "die_w_per_mm2",
                            "die_limit_w_per_mm2", "clock_ratio", "cooling", "limits" },
                units = { die_area_mm2 = "mm2", die_w_per_mm2 = "W/mm2",
                          die_limit_w_per_mm2 = "W/mm2" }, data = {} }
for _, c in ipairs(frame.columns) do frame.data[c] = {} end
local d = frame.data
for i, row in ipairs(rows) do
  local r = row.r
  d.family[i], d.system[i], d.die_area_mm2[i] = row.family, row.system, row.area
  d.die_w_per_mm2[i], d.die_limit_w_per_mm2[i] = r.die_w_per_mm2, r.die_limit_w_per_mm2
  d.clock_ratio[i], d.cooling[i], d.limits[i] = r.clock_ratio, r.cooling, r.limits
  print(("power-memory: %-28s %7.0f mm2  %.2f W/mm2 (limit %.2f, %s)%s"):format(
    r.name, row.area, r.die_w_per_mm2, r.die_limit_w_per_mm2, r.cooling,
    r.limits ~= "" and ("  " .. r.limits) or ""))
end
frame.n = #rows
assert(gp.write_csv(out .. "power-memory-table.csv", frame))
