-- carbon.lua: brief question 4, "what does a training run cost in energy and kgCO2e,
-- embodied and operational?". For each system of the default comparison
-- (data/comparison.lua), the carbon of one trained model: the embodied carbon of the whole
-- machine amortised over its lifetime for the wall time of the run (LLMCarbon), plus the
-- energy from the wall x the grid intensity (ACT); then the same against the grid
-- intensity of the training site, from a hydro/nuclear grid to a coal-heavy one.
--
--   glasspane-script examples/carbon.lua [OUT_DIR]
--
-- Writes carbon.{svg,png,csv} (stacked bars, tCO2e per model), carbon-grid.{svg,png,csv}
-- (tCO2e per model against gCO2e/kWh, the comparison's grid marked) and carbon-table.csv.
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local design = assert(gp.design_default())
local results = gp.evaluate(design)

local cats, embodied, operational, rows = {}, {}, {}, {}
for _, r in ipairs(results) do
  if r.error then
    io.stderr:write(("carbon: %s: %s\n"):format(r.name, r.error))
  else
    rows[#rows + 1] = r
    cats[#cats + 1] = r.name
    embodied[#embodied + 1] = r.embodied_share_kg / 1000
    operational[#operational + 1] = r.operational_kg / 1000
  end
end
C.save(gp.chart {
  kind = "stacked_bar", title = "Carbon per trained model",
  x_label = "System", y_label = "Carbon per model", y_unit = "tCO2e",
  caption = ("%s; grid %g gCO2e/kWh, PUE per system; embodied amortised over the lifetime"):format(
    design.name, design.study.grid_ci_g_per_kwh),
  categories = cats, legend = "right",
  series = { { name = "embodied (amortised)", y = embodied },
             { name = "operational", y = operational } },
}, out, "carbon", { width = 576, height = 336 })

-- Sensitivity to the grid: 20 (hydro/nuclear) to 800 gCO2e/kWh (coal-heavy).
local grids = { 20, 50, 100, 200, 301, 400, 583, 800 }
local series = {}
for i, r in ipairs(rows) do series[i] = { name = r.name, x = {}, y = {}, markers = true } end
for _, g in ipairs(grids) do
  design.study.grid_ci_g_per_kwh = g
  for _, r in ipairs(gp.evaluate(design)) do
    for _, s in ipairs(series) do
      if s.name == r.name and not r.error then
        s.x[#s.x + 1] = g
        s.y[#s.y + 1] = r.kgco2e_per_model / 1000
      end
    end
  end
end
C.save(gp.chart {
  kind = "line", title = "Carbon per model against grid intensity",
  x_label = "Grid intensity of the training site", x_unit = "gCO2e/kWh", x_log = true,
  y_label = "Carbon per model", y_unit = "tCO2e", y_log = true,
  caption = "Taiwan 583, world 301 gCO2e/kWh (ACT); embodied share does not change with the grid",
  series = series, legend = "top_left",
  annotations = { { kind = "vline", x = 301, label = "world 301" } },
}, out, "carbon-grid", { width = 480, height = 360 })

local frame = { columns = { "system", "embodied_kg", "embodied_share_kg", "operational_kg",
                            "kgco2e_per_model", "energy_to_train_j", "effective_time_to_train_s" },
                units = { embodied_kg = "kgCO2e", embodied_share_kg = "kgCO2e",
                          operational_kg = "kgCO2e", kgco2e_per_model = "kgCO2e",
                          energy_to_train_j = "J", effective_time_to_train_s = "s" },
                data = { system = {}, embodied_kg = {}, embodied_share_kg = {}, operational_kg = {},
                kgco2e_per_model = {}, energy_to_train_j = {}, effective_time_to_train_s = {} } }
for i, r in ipairs(rows) do
  for _, c in ipairs(frame.columns) do frame.data[c][i] = c == "system" and r.name or r[c] end
  print(("carbon: %-16s embodied %8.0f t (share %6.1f t)  operational %8.1f t  per model %8.1f t"):format(
    r.name, r.embodied_kg / 1000, r.embodied_share_kg / 1000, r.operational_kg / 1000,
    r.kgco2e_per_model / 1000))
end
frame.n = #rows
assert(gp.write_csv(out .. "carbon-table.csv", frame))
return { results = rows }
