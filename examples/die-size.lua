-- die-size.lua: brief question 1, "at what die size is cost per PFLOP lowest once yield,
-- packaging and optics are counted?". Sweeps a monolithic N5 die from 50 mm2 to the
-- 858 mm2 reticle limit in a Lite-GPU style package (glass substrate, HBM3, co-packaged
-- optics) scaled with the die, and marks the three families' presets from
-- data/packages.lua: the quarter-H100 Lite-GPU, the H100 on CoWoS-S and the WSE-3 wafer.
--
--   glasspane-script examples/die-size.lua [OUT_DIR]
--
-- Dies are square up to 26 mm a side, then 26 mm wide (the reticle field is 26 x 33 mm).
-- Writes die-size-yield.{svg,png,csv}, die-size-cost.{svg,png,csv} and die-size.csv (the
-- sweep, one row per die size). Scaling rules (all linear in the die fraction f = A / 814,
-- from the Lite-GPU preset's derivation in data/packages.lua): SMs 144 f (spares 12 f),
-- non-repairable area 410 f mm2, HBM3 stacks max(1, round(8 f)), optical engines
-- max(1, round(8 f)) (~1 Tb/s each), dense BF16 peak 0.989 f PFLOP/s, assembly and final
-- test cost x f, glass carrier sized by Chiplet Actuary's 4x area rule.
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local template = gp.preset("packages", "lite_gpu_quarter_glass")

-- The Lite-GPU preset rescaled to a square die of AREA mm2.
local function package_for(area)
  local f = area / 814
  local p = gp.preset("packages", "lite_gpu_quarter_glass")
  local die, hbm, optics = p.parts[1], p.parts[2], p.parts[3]
  -- square up to 26 mm, then 26 mm wide and taller, to stay inside the 26 x 33 mm field
  local w = math.min(math.sqrt(area), 26)
  die.die_width_mm, die.die_height_mm = w, area / w
  die.units = math.max(1, math.floor(144 * f + 0.5))
  die.spares = math.min(die.units - 1, math.floor(12 * f + 0.5))
  die.nonrepairable_mm2 = math.min(410 * f, area - die.units * die.unit_area_mm2)
  if die.nonrepairable_mm2 < 0 then
    die.units = math.floor(area / die.unit_area_mm2 * 0.5)
    die.spares = math.floor(die.units / 12)
    die.nonrepairable_mm2 = area - die.units * die.unit_area_mm2
  end
  hbm.count = math.max(1, math.floor(8 * f + 0.5))
  optics.count = math.max(1, math.floor(8 * f + 0.5))
  local carrier = 4 * (area + hbm.count * 110 + optics.count * 50)
  p.carrier_width_mm, p.carrier_height_mm = math.sqrt(carrier), math.sqrt(carrier)
  p.assembly_cost_usd = template.assembly_cost_usd * 4 * f
  p.final_test_cost_usd = template.final_test_cost_usd * 4 * f
  p.peak_pflops = 0.989 * f
  return p
end

local frame = { columns = { "die_area_mm2", "die_yield", "package_usd", "usd_per_pflops",
                            "hbm_stacks", "optical_engines", "scrap_fraction" },
                units = { die_area_mm2 = "mm2", package_usd = "USD",
                          usd_per_pflops = "USD/(PFLOP/s)" },
                data = { die_area_mm2 = {}, die_yield = {}, package_usd = {}, usd_per_pflops = {},
                hbm_stacks = {}, optical_engines = {}, scrap_fraction = {} } }
local n = 0
local best
for i = 0, 60 do
  -- log-spaced from 50 mm2 to the 858 mm2 reticle
  local area = 50 * (858 / 50) ^ (i / 60)
  local p = package_for(area)
  local r, msg = gp.package(p)
  if r then
    n = n + 1
    frame.data.die_area_mm2[n] = area
    frame.data.die_yield[n] = r.parts[1].die_yield
    frame.data.package_usd[n] = r.total_usd
    frame.data.usd_per_pflops[n] = r.usd_per_pflops
    frame.data.hbm_stacks[n] = p.parts[2].count
    frame.data.optical_engines[n] = p.parts[3].count
    frame.data.scrap_fraction[n] = r.scrap_fraction
    if not best or r.usd_per_pflops < best.usd then best = { area = area, usd = r.usd_per_pflops } end
  else
    io.stderr:write(("die-size: %.0f mm2 skipped: %s\n"):format(area, msg))
  end
end
frame.n = n
assert(gp.write_csv(out .. "die-size.csv", frame))

-- The three families' own presets.
local families = {
  { name = "Lite-GPU (1/4 H100)", preset = "lite_gpu_quarter_glass" },
  { name = "H100 CoWoS-S", preset = "h100_cowos_s" },
  { name = "WSE-3 wafer", preset = "wse3_wafer_scale" },
}
local fx, fy_yield, fy_cost, labels = {}, {}, {}, {}
for i, f in ipairs(families) do
  local p = gp.preset("packages", f.preset)
  local r = assert(gp.package(p))
  f.area = p.parts[1].die_width_mm * p.parts[1].die_height_mm
  f.yield, f.usd_per_pflops, f.usd = r.parts[1].die_yield, r.usd_per_pflops, r.total_usd
  fx[i], fy_yield[i], fy_cost[i], labels[i] = f.area, f.yield, f.usd_per_pflops, f.name
end

local yield_chart = gp.chart {
  kind = "line", title = "Die yield against die area (N5, D0 0.11/cm²)",
  x_label = "Die area", x_unit = "mm2", x_log = true,
  y_label = "Die yield (with SM/core sparing)", y_min = 0, y_max = 1,
  caption = "Negative binomial α = 10 with redundancy; families: presets in data/packages.lua",
  series = {
    { name = "monolithic die, scaled Lite-GPU package", x = frame.data.die_area_mm2, y = frame.data.die_yield },
    { name = "family presets", x = fx, y = fy_yield, labels = labels, line = false, markers = true,
      marker = "diamond" },
  },
  annotations = { { kind = "vline", x = 858, label = "reticle 858 mm²" } },
  legend = "below",
}
C.save(yield_chart, out, "die-size-yield", { width = 480, height = 360 })

local cost_chart = gp.chart {
  kind = "line", title = "Package cost per PFLOP/s against die area",
  x_label = "Die area", x_unit = "mm2", x_log = true,
  y_label = "Cost per peak PFLOP/s", y_unit = "USD", y_log = true,
  caption = "Steps: HBM stacks and optical engines come whole. WSE-3 peak is the vendor's sparse figure",
  series = {
    { name = "monolithic die, scaled Lite-GPU package", x = frame.data.die_area_mm2, y = frame.data.usd_per_pflops },
    { name = "family presets", x = fx, y = fy_cost, labels = labels, line = false, markers = true,
      marker = "diamond" },
  },
  annotations = { { kind = "vline", x = best.area, label = ("lowest: %.0f mm²"):format(best.area) } },
  legend = "below",
}
C.save(cost_chart, out, "die-size-cost", { width = 480, height = 360 })

print(("die-size: lowest cost per PFLOP/s at %.0f mm2 (%.0f USD per PFLOP/s)"):format(best.area, best.usd))
for _, f in ipairs(families) do
  print(("die-size: %-20s %8.0f mm2  yield %.3f  %9.0f USD  %9.0f USD per PFLOP/s"):format(
    f.name, f.area, f.yield, f.usd, f.usd_per_pflops))
end
return { best = best, families = families, files = { "die-size-yield", "die-size-cost", "die-size.csv" } }
