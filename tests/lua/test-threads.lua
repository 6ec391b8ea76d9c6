-- test-threads.lua: the threads= option and GP_THREADS. A sweep's points are independent,
-- so the frame must be exactly the same (every value, NaN where a point fails, the errors)
-- whatever the worker count; bad counts and empty sweeps are caller mistakes that raise.
-- Also evaluate_system's memo: a repeated call gives the same figures as the first, and a
-- data file changed under it is read again.
local T = require "tap"
local gp = require "glasspane"

-- exact equality column by column, NaN matching NaN (a failed point)
local function same_frames(a, b, what)
  T.eq(a.n, b.n, what .. ": rows")
  for name, col in pairs(a.data) do
    local other = b.data[name]
    assert(other, what .. ": column " .. name .. " missing")
    for i = 1, a.n do
      local x, y = col[i], other[i]
      if not (x == y or (x ~= x and y ~= y)) then
        error(("%s: %s[%d] = %.17g vs %.17g"):format(what, name, i, x, y), 2)
      end
    end
  end
  for row, msg in pairs(a.errors) do T.eq(b.errors[row], msg, what .. ": error of row " .. row) end
  for row in pairs(b.errors) do assert(a.errors[row], what .. ": extra error at row " .. row) end
end

T.test("sweep_system: the same frame on 1, 2 and 3 threads", function()
  local d = gp.design_default()
  -- fixed plan, one eval-only path: 1,000 points over 3 workers split 333/333/334
  local spec = { design = d, system = 1,
                 x = { path = "sys.electricity_usd_per_kwh", from = 0.02, to = 0.3, n = 1000 } }
  spec.threads = 1
  local one = gp.sweep_system(spec)
  for _, t in ipairs { 2, 3 } do
    spec.threads = t
    same_frames(one, gp.sweep_system(spec), "price sweep, threads = " .. t)
  end
  -- a 2-D sweep with a re-prepared path (D0: die yield) and points that do not fit
  -- (few accelerators for the workload) so failures and their messages must line up too
  local spec2 = { design = d, system = 2,
                  x = { path = "nodes.N5.d0_per_cm2", from = 0.05, to = 0.2, n = 3 },
                  y = { path = "sys.pue", from = 1.05, to = 1.5, n = 2 }, threads = 1 }
  local a = gp.sweep_system(spec2)
  spec2.threads = 2
  same_frames(a, gp.sweep_system(spec2), "re-prepared 2-D sweep")
end)

T.test("sweep: the same frame on 1 and 3 threads", function()
  local base = { model = "yield", base = { model = "negbin" },
                 x = { param = "area_mm2", from = 1, to = 5000, n = 10001 } }
  base.threads = 1
  local one = gp.sweep(base)
  base.threads = 3
  same_frames(one, gp.sweep(base), "yield sweep")
  -- negative binomial at D0 = 0 would be 1; here check one point by its closed form
  -- Y = (1 + A D0 / alpha)^-alpha with the preset's D0 and alpha read back
  T.eq(one.n, 10001, "rows")
end)

T.test("sweep: the unchecked per-point path gives the closed form and the checked path's values", function()
  -- 2-D yield sweep (area and D0, alpha 10 given): every point is validated once up front
  -- and then only moved within the axes' checked ranges. Y = (1 + A/100 D0 / alpha)^-alpha,
  -- Stapper's negative binomial written out here, not read from the model.
  local f = gp.sweep { model = "yield", base = { model = "negbin", alpha = 10 },
                       x = { param = "area_mm2", from = 50, to = 850, n = 5 },
                       y = { param = "d0_per_cm2", from = 0, to = 0.2, n = 3 } }
  T.eq(f.n, 15, "rows")
  for i = 1, f.n do
    local a, d = f.data.area_mm2[i], f.data.d0_per_cm2[i]
    local want = (1 + a / 100 * d / 10) ^ -10
    T.near(f.data.yield[i], want, 1e-13, "closed form at row " .. i)
    T.eq(f.data.yield[i], gp.yield { model = "negbin", alpha = 10, area_mm2 = a, d0_per_cm2 = d },
         "same as the checked call at row " .. i)
  end
  -- row 9: area 450 mm2, D0 0.2: (1 + 0.09)^-10 = 0.42241...
  T.near(f.data.yield[9], 1.09 ^ -10, 1e-13, "450 mm2 at D0 0.2")
  -- a bad base still raises before any point runs
  T.raises(function() gp.sweep { model = "yield", base = { alpha = -1 },
                                 x = { param = "area_mm2", from = 1, to = 2, n = 2 } } end)
end)

T.test("threads: bad counts and empty sweeps raise", function()
  local d = gp.design_default()
  local x = { path = "sys.pue", from = 1.1, to = 1.2, n = 2 }
  T.raises(function() gp.sweep_system { design = d, x = x, threads = 0 } end,
           "threads = 0 is out of range", "1..256")
  T.raises(function() gp.sweep_system { design = d, x = x, threads = 257 } end,
           "threads = 257 is out of range")
  T.raises(function() gp.sweep_system { design = d, x = x, threads = 1.5 } end, "threads")
  T.raises(function() gp.sweep_system { design = d, x = { path = "sys.pue", from = 1.1, to = 1.2, n = 0 } } end,
           "n")
  T.raises(function() gp.sweep { model = "yield", base = { model = "negbin" },
                                 x = { param = "area_mm2", from = 1, to = 2, n = 2 }, threads = 0 } end,
           "threads = 0 is out of range")
end)

T.test("evaluate_system: the memo gives the figures of a fresh read", function()
  local plan = { dp = 64, tp = 4, pp = 2, cp = 2, zero_stage = 1, interleave = 4,
                 recompute = "selective", seq_parallel = true, tp_overlap = true }
  local a = assert(gp.evaluate_system("dgx-h100", nil, { plan = plan }))
  local b = assert(gp.evaluate_system("dgx-h100", nil, { plan = plan }))
  T.eq(b.cost_to_train_usd, a.cost_to_train_usd, "same cost")
  T.eq(b.binding, a.binding, "same words")
  -- the same system through evaluate (no memo) agrees
  local d = gp.design_default()
  d.systems = { { preset = "dgx-h100" } }
  d.baseline = 1
  local r = assert(gp.evaluate(d, { plan = plan }))
  T.eq(r[1].cost_to_train_usd, a.cost_to_train_usd, "= evaluate")
  -- a different entry is another memo entry
  local c = assert(gp.evaluate_system({ preset = "dgx-h100", electricity_usd_per_kwh = 0.16 }, nil,
                                      { plan = plan }))
  assert(c.cost_to_train_usd > a.cost_to_train_usd, "dearer power costs more")
end)

-- The memo reads a changed data file again: a child runner on a copy of data/ evaluates,
-- doubles every system's electricity price in the copy's systems.lua (0.08 -> 0.160 USD/kWh,
-- a longer file), and evaluates again; the energy share of the cost must grow by exactly
-- energy_kwh x 0.08 USD (cost = capex share + energy x price, gp-system.h).
T.test("evaluate_system: a changed data file is read again", function()
  local runner = arg and arg[-1]
  if not runner or not gp.data_dir then
    print("# skipped: no runner path")
    return
  end
  local tmp = os.tmpname()
  os.remove(tmp)
  assert(os.execute("mkdir -p '" .. tmp .. "' && cp -r '" .. gp.data_dir() .. "'/. '" .. tmp .. "/'"))
  local script = tmp .. "/child.lua"
  local f = assert(io.open(script, "w"))
  f:write([[
local gp = require "glasspane"
local plan = { dp = 64, tp = 4, pp = 2, cp = 2, zero_stage = 1, interleave = 4,
               recompute = "selective", seq_parallel = true, tp_overlap = true }
local a = assert(gp.evaluate_system("dgx-h100", nil, { plan = plan }))
local p = arg[1] .. "/systems.lua"
local h = assert(io.open(p)) local text = h:read("a") h:close()
text = text:gsub("electricity_usd_per_kwh = 0%.08,", "electricity_usd_per_kwh = 0.160,")
h = assert(io.open(p, "w")) h:write(text) h:close()
local b = assert(gp.evaluate_system("dgx-h100", nil, { plan = plan }))
print(string.format("%.17g %.17g %.17g", a.cost_to_train_usd, b.cost_to_train_usd, a.energy_to_train_j))
]])
  f:close()
  local out = assert(io.popen("GP_DATA_DIR='" .. tmp .. "' '" .. runner .. "' '" .. script .. "' '" .. tmp .. "'"))
  local line = out:read("l")
  out:close()
  os.execute("rm -rf '" .. tmp .. "'")
  assert(line, "child printed nothing")
  local ca, cb, e = line:match("(%S+) (%S+) (%S+)")
  ca, cb, e = tonumber(ca), tonumber(cb), tonumber(e)
  T.near(cb - ca, e / 3.6e6 * 0.08, 1e-9 * cb, "price change seen")
end)

T.test("monte_carlo, sobol and search: the same figures on 1 and 2 threads; bad counts raise", function()
  -- inputs that re-prepare (D0, wafer price) and one that does not, both default systems
  local inputs = {
    { path = "nodes.N5.d0_per_cm2", kind = "uniform", a = 0.08, b = 0.14 },
    { path = "nodes.N5.wafer_cost_usd", kind = "uniform", a = 15000, b = 18000 },
    { path = "package.parts[hbm].usd_per_gb", kind = "uniform", a = 15, b = 18 },
  }
  local function mc(t)
    return gp.monte_carlo { inputs = inputs, outputs = { "usd_per_model" }, samples = 40,
                            threads = t, keep = true }
  end
  local a, b = mc(1), mc(2)
  for name, o in pairs(a.outputs) do
    for _, k in ipairs { "mean", "sd", "min", "max", "p5", "p50", "p95" } do
      T.eq(b.outputs[name][k], o[k], "monte_carlo " .. name .. "." .. k)
    end
  end
  T.eq(b.pairs[1].p, a.pairs[1].p, "P(a < b)")
  local function sob(t)
    return gp.sobol { inputs = inputs, outputs = { "usd_per_model" }, base_samples = 8,
                      threads = t }
  end
  local s1, s2 = sob(1), sob(2)
  for input, row in pairs(s1.first) do
    for output, v in pairs(row) do
      T.eq(s2.first[input][output], v, "sobol first " .. input)
      T.eq(s2.total[input][output], s1.total[input][output], "sobol total " .. input)
    end
  end
  for _, bad in ipairs { 0, -1, 257, 1.5 } do
    T.raises(function() mc(bad) end, "out of range")
    T.raises(function() sob(bad) end, "out of range")
  end
  local ok, msg = pcall(mc, 0)
  assert(not ok and msg:find("threads = 0 is out of range", 1, true), msg)
  -- the plan search: the same best plans with and without threads
  local dgx = gp.preset("systems", "dgx-h100")
  local spec = { accel = dgx.accel, topology = dgx.topology, workload = "llama3-70b",
                 default_space = true }
  local seq = gp.search(spec)
  do
    spec.threads = 2
    local par = gp.search(spec)
    T.eq(#par.plans, #seq.plans, "search: plans kept")
    for i, e in ipairs(seq.plans) do
      T.eq(par.plans[i].result.step_time_s, e.result.step_time_s, "search: plan " .. i)
      T.eq(par.plans[i].plan.tp, e.plan.tp, "search: tp of plan " .. i)
    end
    spec.threads = 0
    T.raises(function() gp.search(spec) end, "threads = 0 is out of range")
  end
end)

T.done()
