-- uncertainty.lua: brief question 6, "how robust is each conclusion to the uncertain
-- inputs, and where are the break-even points?", on the default comparison
-- (data/comparison.lua: Lite-GPU glass server vs DGX H100 cluster, Llama 3 70B on 15T
-- tokens) with the default distributions of data/uncertainty.lua:
--
--   1. tornado: which uncertain input moves the Lite-GPU machine's cost per trained model
--      most (each input at its 5th and 95th percentile, the others nominal);
--   2. P(Lite-GPU beats DGX) on cost per trained model, with 5/50/95 % percentiles of both
--      and of their ratio (Monte Carlo, every default input drawn together);
--   3. break-even: the energy per bit of the Lite-GPU's optical fabric at which it stops
--      beating the DGX cluster on cost per trained model (Brent's method on the
--      difference; the fabric's pJ/bit set directly instead of through its link budget);
--   4. the die fraction of an H100 that minimises package cost per PFLOP/s once yield,
--      HBM, optics and assembly are counted (gp_system_derive_lite's rules, a 96-point grid
--      then Brent). The curve is saw-toothed: HBM stacks (round(5 f)) and optical ports
--      are whole numbers, so the optimum sits just below a step where a stack is added.
--
--   glasspane-script examples/uncertainty.lua [OUT_DIR] [SAMPLES]
--
-- Writes uncertainty-tornado, uncertainty-cdf, uncertainty-break-even and
-- uncertainty-die-fraction (.svg, .png, .csv) and uncertainty-summary.csv.
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)
local samples = tonumber(arg and arg[2]) or 2000

local design = assert(gp.design_default())
local A, B = design.systems[1].name, design.systems[2].name   -- lite-gpu-glass, dgx-h100

-- 1. Tornado --------------------------------------------------------------------------
local tor = gp.tornado { design = design, inputs = "defaults", outputs = { "usd_per_model" },
                         output = "a.usd_per_model" }
local cats, low, high = {}, {}, {}
for i, b in ipairs(tor.bars) do
  cats[i] = ("%s (%s-%s)"):format(b.name, C.fmt(b.x_low), C.fmt(b.x_high))
  low[i] = b.y_low / 1e6
  high[i] = b.y_high / 1e6
end
C.save(gp.chart {
  kind = "tornado", title = "Cost per trained model: " .. A,
  caption = "Each input at its 5th / 95th percentile (data/uncertainty.lua), the others nominal",
  x_label = "Cost per trained model", x_unit = "MUSD", baseline = tor.nominal / 1e6,
  categories = cats,
  series = { { name = "at 5th percentile", y = low }, { name = "at 95th percentile", y = high } },
}, out, "uncertainty-tornado", { width = 576, height = 336 })

-- 2. Monte Carlo: P(A beats B) ---------------------------------------------------------
local mc = gp.monte_carlo { design = design, inputs = "defaults", outputs = { "usd_per_model" },
                            samples = samples, seed = 1, keep = true,
                            levels = { 0.05, 0.5, 0.95 } }
local ratio = mc.outputs["a/b.usd_per_model"]
local sorted = {}
for i, v in ipairs(ratio.samples) do sorted[i] = v end
table.sort(sorted)
local cdf_x, cdf_y = {}, {}
local step = math.max(1, #sorted // 200)
for i = 1, #sorted, step do
  cdf_x[#cdf_x + 1] = sorted[i]
  cdf_y[#cdf_y + 1] = i / #sorted
end
local p_beats = mc.pairs[1].p
C.save(gp.chart {
  kind = "line", title = ("Cost per model, %s / %s"):format(A, B),
  caption = ("%d Monte Carlo samples of data/uncertainty.lua; P(%s cheaper) = %.3f"):format(
    mc.ok, A, p_beats),
  x_label = "Cost ratio", y_label = "Cumulative probability", y_min = 0, y_max = 1,
  series = { { name = "ratio (empirical CDF)", x = cdf_x, y = cdf_y } },
  annotations = { { kind = "vline", x = 1, label = "parity" },
                  { kind = "vline", x = ratio.p50, label = "median" } },
}, out, "uncertainty-cdf")

-- 3. Break-even energy per bit of the Lite-GPU fabric ----------------------------------
-- The fabric's pJ/bit comes from its link budget (glass-ionx-board, data/links.lua); to
-- move it as one number, the Lite-GPU system takes it from the topology instead.
local lite_link = assert(gp.link(gp.preset("links", "glass-ionx-board")))
local d3 = gp.design_default()
d3.systems[1].use_scaleup_link = false
d3.systems[1].topology = d3.systems[1].topology or {}
d3.systems[1].topology.scaleup_energy_pj_per_bit = lite_link.total_pj_per_bit
local be_spec = { design = d3, inputs = { { path = "topology.scaleup_energy_pj_per_bit",
                                            family = "lite_gpu" } },
                  outputs = { "usd_per_model" }, input = "topology.scaleup_energy_pj_per_bit",
                  lo = 0, hi = 2000, a = "a.usd_per_model", b = "b.usd_per_model" }
local be, be_err = gp.break_even(be_spec)
local xs = { 0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000 }
local ya, yb = {}, {}
for i, x in ipairs(xs) do
  d3.systems[1].topology.scaleup_energy_pj_per_bit = x
  local r = gp.evaluate(d3)
  ya[i] = r[1].usd_per_model and r[1].usd_per_model / 1e6 or 0 / 0
  yb[i] = r[2].usd_per_model and r[2].usd_per_model / 1e6 or 0 / 0
end
local ann = { { kind = "vline", x = lite_link.total_pj_per_bit, label = "link model" } }
if be then ann[#ann + 1] = { kind = "point", x = be.x, y = be.y_a / 1e6,
                             label = ("break-even %s pJ/bit"):format(C.fmt(be.x)) } end
C.save(gp.chart {
  kind = "line", title = "Break-even energy per bit of the Lite-GPU fabric",
  caption = be and ("%s costs as much per model as %s at %s pJ/bit per link end"):format(
    A, B, C.fmt(be.x)) or ("no break-even up to 2000 pJ/bit: " .. tostring(be_err)),
  x_label = "Fabric energy per bit", x_unit = "pJ/bit", x_log = false,
  y_label = "Cost per trained model", y_unit = "MUSD",
  series = { { name = A, x = xs, y = ya, markers = true },
             { name = B, x = xs, y = yb, dashed = true } },
  annotations = ann,
}, out, "uncertainty-break-even", { width = 576, height = 336 })

-- 4. Die fraction minimising package cost per PFLOP/s ----------------------------------
local function package_cost_per_pflops(fraction)
  local d = gp.design_expand { study = design.study, systems = { { derive = {
    parent = "dgx-h100", fraction = fraction, optics = "glass-ionx-board",
    optics_usd_per_gbps = 0.1 } } } }
  local r, e = gp.package(d.systems[1].package)
  if not r then return nil, e end
  return r.usd_per_pflops
end
local opt = gp.minimize {
  f = function(x) return package_cost_per_pflops(x[1]) end,
  inputs = { { name = "fraction", nominal = 0.25 } }, outputs = { "usd_per_pflops" },
  input = "fraction", lo = 0.05, hi = 1, scan_points = 96, xtol_rel = 1e-4,
}
local fx, fy = {}, {}
for i = 1, 96 do
  local f = 0.05 + (i - 1) * 0.01
  fx[i] = f
  fy[i] = package_cost_per_pflops(f) or 0 / 0
end
C.save(gp.chart {
  kind = "line", title = "Package cost per PFLOP/s against die fraction",
  caption = ("H100 by die fraction; saw-toothed as HBM stacks and optical ports are whole "
             .. "numbers; minimum at %.3f"):format(opt.x.fraction),
  x_label = "Die fraction of an H100", y_label = "Package cost per PFLOP/s", y_unit = "USD",
  series = { { name = "package", x = fx, y = fy } },
  annotations = { { kind = "point", x = opt.x.fraction, y = opt.f,
                    label = ("minimum %s USD"):format(C.fmt(opt.f)) } },
}, out, "uncertainty-die-fraction")

-- Summary -----------------------------------------------------------------------------
local rows = { "figure,system,p5,p50,p95,mean,unit" }
for _, n in ipairs(mc.output_names) do
  local o = mc.outputs[n]
  rows[#rows + 1] = ("usd_per_model,%s,%.6g,%.6g,%.6g,%.6g,%s"):format(
    n, o.p5, o.p50, o.p95, o.mean, n:find("/") and "" or "USD")
end
rows[#rows + 1] = ("p_cheaper,%s,,%.6g,,,"):format(A, p_beats)
rows[#rows + 1] = ("break_even_pj_per_bit,%s,,%s,,,pJ/bit"):format(
  A, be and ("%.6g"):format(be.x) or "none")
rows[#rows + 1] = ("best_die_fraction,%s,,%.6g,,,"):format("lite", opt.x.fraction)
local f = assert(io.open(out .. "uncertainty-summary.csv", "w"))
f:write(table.concat(rows, "\n"), "\n")
f:close()

print(("tornado: largest swing %s (%s MUSD)"):format(tor.bars[1].name, C.fmt(tor.bars[1].swing / 1e6)))
print(("P(%s cheaper per model than %s) = %.3f over %d samples"):format(A, B, p_beats, mc.ok))
print(("cost ratio 5/50/95 %%: %.3f %.3f %.3f"):format(ratio.p5, ratio.p50, ratio.p95))
print(be and ("break-even fabric energy: %.4g pJ/bit"):format(be.x) or ("break-even: " .. be_err))
print(("die fraction minimising package cost per PFLOP/s: %.3f (%s USD)"):format(
  opt.x.fraction, C.fmt(opt.f)))
