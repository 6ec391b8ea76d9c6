-- cost-basis.lua: the default comparison in both cost bases (build cost and purchase
-- price, models/gp-cost.h), the capex breakdown by part, the tornado of the cost-per-model
-- ratio over data/uncertainty.lua, and the break-even values where the Lite-GPU's
-- advantage vanishes (issue 25). Prints markdown (the README's tables come from it) and
-- writes cost-basis.md and cost-basis-capex.csv into the output directory.
--   build/scripting/glasspane-script examples/cost-basis.lua [OUT_DIR]
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
package.path = dir .. "/?.lua;" .. package.path
local gp = require "glasspane"
local C = require "common"
local out = C.out_dir(arg)

local bases = { "build", "purchase" }
local lines_md, csv = {}, { "basis,system,part,usd" }
local function emit(s) lines_md[#lines_md + 1] = s end
local function musd(v) return ("%.2f"):format(v / 1e6) end

-- 1. The comparison in both bases, with the capex breakdown by part ---------------------
local res = {}
for _, basis in ipairs(bases) do
  local d = gp.design_default()
  d.study.cost_basis = basis
  res[basis] = gp.evaluate(d)
end
local names = {}
for i, r in ipairs(res.build) do names[i] = r.name end
emit("| capex, M USD | " .. table.concat((function ()
  local h = {}
  for _, basis in ipairs(bases) do
    for _, n in ipairs(names) do h[#h + 1] = n .. " (" .. basis .. ")" end
  end
  return h
end)(), " | ") .. " |")
emit("|---" .. string.rep("|---:", #names * #bases) .. "|")
for k, l in ipairs(res.build[1].capex_lines) do
  local row = { l.part }
  for _, basis in ipairs(bases) do
    for i = 1, #names do
      local v = res[basis][i].capex_lines[k].usd
      row[#row + 1] = v > 0 and musd(v) or "-"
      csv[#csv + 1] = ("%s,%s,%s,%.17g"):format(basis, names[i], l.part, v)
    end
  end
  emit("| " .. table.concat(row, " | ") .. " |")
end
local function row(label, f)
  local r = { label }
  for _, basis in ipairs(bases) do
    for i = 1, #names do r[#r + 1] = f(res[basis][i], basis, i) end
  end
  emit("| " .. table.concat(r, " | ") .. " |")
end
row("**capex**", function (r) return "**" .. musd(r.capex_usd) .. "**" end)
row("capex / DGX H100", function (r, basis) return ("%.3f"):format(r.capex_usd / res[basis][2].capex_usd) end)
row("network share of capex", function (r) return ("%.1f%%"):format(100 * r.network_share) end)
row("one package, USD", function (r) return C.fmt(r.package_basis_usd) end)
row("cost per trained model, M USD", function (r) return musd(r.usd_per_model) end)
row("cost per model / DGX H100", function (r, basis) return ("%.3f"):format(r.usd_per_model / res[basis][2].usd_per_model) end)
emit("")
local lite_b, lite_p = res.build[1], res.purchase[1]
emit(("Glass fabric per port (engine, its lasers, glass and coupling): %s USD build, %s USD purchase."):format(
  C.fmt(lite_b.fabric_usd_per_port), C.fmt(lite_p.fabric_usd_per_port)))
emit("")

-- 2. Tornado of the cost-per-model ratio and break-evens --------------------------------
local defaults = gp.uncertainty_defaults()
-- Each break-even: one input of one family, scanned over [lo, hi]; `per_port` reports the
-- fabric's cost per port at the break-even point (the issue's question).
local probes = {
  { label = "cost per glass-fabric port (via cost.port_coupling_usd)", path = "cost.port_coupling_usd",
    family = "lite_gpu", lo = 0, hi = 20000, per_port = true },
  { label = "fabric laser price, USD", path = "cost.laser_usd", family = "lite_gpu", lo = 0, hi = 5000 },
  { label = "routed glass per Lite-GPU, mm2", path = "cost.glass_mm2_per_accel", family = "lite_gpu",
    lo = 0, hi = 1e6 },
  { label = "accelerator gross margin (Lite-GPU)", path = "cost.package_gross_margin", family = "lite_gpu",
    lo = 0, hi = 0.99 },
  { label = "400G transceiver price (DGX), USD", path = "topology.scaleout_transceiver_cost_usd",
    family = "dgx", lo = 1, hi = 1e5 },
  { label = "H100 street price, USD", path = "cost.package_price_usd", family = "dgx", lo = 1, hi = 1e6 },
}
for _, basis in ipairs(bases) do
  local d = gp.design_default()
  d.study.cost_basis = basis
  local t = gp.tornado { design = d, inputs = defaults, outputs = { "usd_per_model" },
                         output = "a/b.usd_per_model" }
  emit(("**%s basis**: cost per model, Lite-GPU / DGX H100 = %.3f at nominal. Largest swings over data/uncertainty.lua (5th-95th percentile of each input):"):format(basis, t.nominal))
  emit("")
  emit("| input | low | high | ratio at low | ratio at high |")
  emit("|---|---:|---:|---:|---:|")
  for i = 1, math.min(6, #t.bars) do
    local b = t.bars[i]
    emit(("| %s | %s | %s | %.3f | %.3f |"):format(b.name, C.fmt(b.x_low), C.fmt(b.x_high), b.y_low, b.y_high))
  end
  emit("")
  emit("| break-even (Lite-GPU costs as much per model as the DGX H100) | nominal | break-even |")
  emit("|---|---:|---:|")
  for _, p in ipairs(probes) do
    local spec = { design = d, inputs = { { path = p.path, family = p.family } },
                   outputs = { "usd_per_model" }, input = p.path,
                   lo = p.lo, hi = p.hi, a = "a.usd_per_model", b = "b.usd_per_model" }
    local be, msg = gp.break_even(spec)
    local nominal
    local ev = gp.evaluate(d)
    local sys = p.family == "dgx" and d.systems[2] or d.systems[1]
    local sec, key = p.path:match("^(%w+)%.(.+)$")
    nominal = sys[sec] and sys[sec][key]
    local shown, at
    if be then
      at = be.x
      if p.per_port then
        local dd = gp.design_default()
        dd.study.cost_basis = basis
        dd.systems[1].cost.port_coupling_usd = be.x
        local r = gp.evaluate(dd)[1]
        shown = C.fmt(r.fabric_usd_per_port) .. " USD per port"
        nominal = C.fmt(ev[1].fabric_usd_per_port) .. " USD per port"
      else
        shown = C.fmt(at)
        nominal = C.fmt(nominal)
      end
    else
      shown = "none in [" .. C.fmt(p.lo) .. ", " .. C.fmt(p.hi) .. "]"
      nominal = p.per_port and (C.fmt(ev[1].fabric_usd_per_port) .. " USD per port") or C.fmt(nominal)
    end
    emit(("| %s | %s | %s |"):format(p.label, nominal, shown))
  end
  emit("")
end

local text = table.concat(lines_md, "\n") .. "\n"
io.write(text)
local f = assert(io.open(out .. "cost-basis.md", "w"))
f:write(text)
f:close()
f = assert(io.open(out .. "cost-basis-capex.csv", "w"))
f:write(table.concat(csv, "\n") .. "\n")
f:close()
