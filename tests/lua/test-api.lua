-- test-api.lua: the glasspane Lua module against values worked by hand (the same ones the
-- C tests use, see tests/test-yield.c, test-wafer.c, test-die.c) and its error messages.
local T = require "tap"
local gp = require "glasspane"

T.test("module loads with a version", function()
  assert(type(gp.version) == "string" and #gp.version > 0)
end)

T.test("closed-form yields at A x D0 = 1", function()
  -- 100 mm2 = 1 cm2 at 1 defect/cm2
  T.near(gp.yield { model = "poisson", area_mm2 = 100, d0_per_cm2 = 1 }, math.exp(-1), 1e-15, "poisson")
  T.near(gp.yield { model = "seeds", area_mm2 = 100, d0_per_cm2 = 1 }, 0.5, 1e-15, "seeds")
  T.near(gp.yield { model = "negbin", area_mm2 = 100, d0_per_cm2 = 1, alpha = 2 }, 4 / 9, 1e-15, "negbin")
  T.near(gp.yield { model = "bose_einstein", area_mm2 = 100, d0_per_cm2 = 1, critical_layers = 3 },
         0.125, 1e-15, "bose_einstein")
  -- Murphy ((1 - e^-1) / 1)^2
  T.near(gp.yield { model = "murphy", area_mm2 = 100, d0_per_cm2 = 1 }, (1 - math.exp(-1)) ^ 2, 1e-15, "murphy")
end)

T.test("bad arguments name the key and its range", function()
  T.raises(function() gp.yield { area_mm2 = -5 } end,
           "bad argument #1 to 'yield'", "area_mm2 = -5 is out of range: allowed (0, 1e+06] mm2")
  T.raises(function() gp.yield { area_mm = 5 } end, "area_mm", "unknown")
  T.raises(function() gp.yield { area_mm2 = "big" } end, "area_mm2")
  T.raises(function() gp.yield { model = "murphey" } end, "murphey", "poisson, murphy")
  T.raises(function() gp.yield { d0_per_cm2 = 0 / 0 } end, "d0_per_cm2", "NaN")
  T.raises(function() gp.wafer { die_width_mm = 250, die_height_mm = 250 } end, "does not fit")
  T.raises(function() gp.yield_redundancy { spares = 200 } end, "spares", "allowed [0, 144]")
end)

T.test("wafer count worked by hand", function()
  -- 30 x 30 mm dies in a 100 mm wafer with no edge exclusion or scribe: 5 (test-wafer.c)
  local r = gp.wafer { wafer_diameter_mm = 100, edge_exclusion_mm = 0, scribe_mm = 0,
                       die_width_mm = 30, die_height_mm = 30 }
  T.eq(r.gross_dies, 5, "gross_dies")
  T.near(r.utilisation, 4500 / (math.pi * 2500), 1e-12, "utilisation")
  T.eq(r.exceeds_reticle, true, "exceeds_reticle")
  local m = gp.wafer_map { wafer_diameter_mm = 100, edge_exclusion_mm = 0, scribe_mm = 0,
                           die_width_mm = 30, die_height_mm = 30 }
  T.eq(#m.sites, 5, "sites")
end)

T.test("die cost worked by hand", function()
  -- 9,346 USD wafer, 100 gross, Y 0.5, 5 USD test: 9346/50 + 5/0.5 = 196.92 USD
  local r = gp.die_cost { wafer_cost_usd = 9346, gross_dies = 100, yield = 0.5,
                          test_cost_per_die = 5, die_area_mm2 = 100 }
  T.near(r.cost_per_good_die, 196.92, 1e-10, "cost_per_good_die")
  T.near(r.cost_per_good_mm2, 1.9692, 1e-12, "cost_per_good_mm2")
end)

T.test("wafer-scale redundancy", function()
  -- 970,000 cores of 0.045 mm2, 70,000 spares, 100 mm2 fixed: (1 + 0.1/10)^-10
  local r = gp.yield_redundancy { area_mm2 = 46225, units = 970000, spares = 70000,
                                  unit_area_mm2 = 0.045, nonrepairable_mm2 = 100,
                                  d0_per_cm2 = 0.1, alpha = 10, clustered = true }
  T.near(r.yield, 1.01 ^ -10, 1e-12, "yield")
end)

T.test("inverse D0", function()
  -- Poisson: D0 = -ln(0.5) / 8.14 cm2
  T.near(gp.yield_solve_d0({ model = "poisson", area_mm2 = 814 }, 0.5), -math.log(0.5) / 8.14, 1e-10, "d0")
  T.raises(function() gp.yield_solve_d0({ model = "poisson" }, 1.5) end, "bad argument #2", "observed_yield")
end)

T.test("Monte Carlo is seeded and near the analytic yield", function()
  local w = { die_width_mm = 20, die_height_mm = 15 }
  local a = gp.yield_monte_carlo(w, { d0_per_cm2 = 0.2, alpha = 2, clustered = true, wafers = 200, seed = 3 })
  local b = gp.yield_monte_carlo(w, { d0_per_cm2 = 0.2, alpha = 2, clustered = true, wafers = 200, seed = 3 })
  T.eq(a.good_total, b.good_total, "same seed")
  -- negbin (1 + 3 x 0.2 / 2)^-2 = 1/1.69
  T.near(a.yield, 1 / 1.69, 4 * a.std_error, "yield")
  T.eq(#a.good, a.dies_per_wafer, "good flags")
  -- with redundancy it agrees with the analytic yield within sampling error (binomial:
  -- std_error = sqrt(y (1 - y) / dies)); 4 standard errors allowed
  local die = { die_width_mm = 25, die_height_mm = 32.56 }
  local mc = gp.yield_monte_carlo(die, { d0_per_cm2 = 0.2, alpha = 2, clustered = true,
                                         wafers = 200, seed = 5, units = 144, spares = 12,
                                         unit_area_mm2 = 2.8, nonrepairable_mm2 = 410 })
  local an = gp.yield_redundancy { area_mm2 = 814, units = 144, spares = 12, unit_area_mm2 = 2.8,
                                   nonrepairable_mm2 = 410, d0_per_cm2 = 0.2, alpha = 2,
                                   clustered = true }
  T.near(mc.yield, an.yield, 4 * mc.std_error, "redundancy")
  -- A wafer-scale engine (issue 17: spare cores gave yield 0): 970,000 cores of 0.045 mm2
  -- on a 215 x 215 mm wafer-scale die, 45 spares, Poisson at 0.1/cm2: 43.65 expected bad
  -- cores, so P(Poisson(43.65) <= 45) = 0.619, well away from 0 and 1; the Monte Carlo of
  -- 400 wafers must agree within 4 standard errors.
  local wse = { die_width_mm = 215, die_height_mm = 215, wafer_scale = true }
  local mw = gp.yield_monte_carlo(wse, { d0_per_cm2 = 0.1, clustered = false, wafers = 400,
                                         seed = 7, units = 970000, spares = 45,
                                         unit_area_mm2 = 0.045, nonrepairable_mm2 = 0 })
  local aw = gp.yield_redundancy { area_mm2 = 46225, units = 970000, spares = 45,
                                   unit_area_mm2 = 0.045, nonrepairable_mm2 = 0,
                                   d0_per_cm2 = 0.1, clustered = false }
  T.near(aw.yield, 0.62, 0.02, "wafer-scale analytic")
  T.near(mw.yield, aw.yield, 4 * mw.std_error, "wafer-scale redundancy")
end)

T.test("introspection", function()
  local ps = gp.params("wafer")
  local found
  for _, p in ipairs(ps) do if p.name == "die_width_mm" then found = p end end
  assert(found and found.unit == "mm" and found.min == 0 and found.min_exclusive)
  local d = gp.defaults("wafer")
  T.eq(d.wafer_diameter_mm, 300, "default diameter")
  T.raises(function() gp.params("nope") end, "unknown model 'nope'")
  assert(#gp.models() >= 4)
end)

T.test("sweep: shape, order and errors per point", function()
  local f = gp.sweep { model = "yield", base = { model = "poisson", d0_per_cm2 = 1 },
                       x = { param = "area_mm2", from = 100, to = 400, n = 4 } }
  T.eq(f.n, 4, "rows")
  T.eq(f.columns[1], "row", "first column")
  T.near(f.data.yield[1], math.exp(-1), 1e-15, "first")
  T.near(f.data.yield[4], math.exp(-4), 1e-15, "last")
  T.eq(f.units.area_mm2, "mm2", "unit")
  -- 2-D, y fastest; a die too large for the wafer is recorded per point, not fatal
  local g = gp.sweep { model = "wafer", x = { param = "die_width_mm", from = 10, to = 250, n = 2 },
                       y = { param = "die_height_mm", from = 10, to = 250, n = 2 } }
  T.eq(g.n, 4, "rows")
  T.eq(g.data.die_height_mm[2], 250, "y varies fastest")
  assert(g.data.gross_dies[4] ~= g.data.gross_dies[4], "NaN where the model failed")
  assert(g.errors[4]:find("does not fit", 1, true))
  T.raises(function() gp.sweep { model = "yield", x = { param = "area_mm2", from = -1, to = 2, n = 3 } } end,
           "x: area_mm2 = -1")
  T.raises(function() gp.sweep { model = "yield", x = { param = "nope", from = 1, to = 2, n = 3 } } end,
           "not a numeric parameter")
  T.raises(function() gp.sweep { model = "yield", z = 1 } end, "unknown key 'z'")
end)

-- Reported: n_accel from 1 to 100,000 in 100,000 steps gave 10,725 errors such as
-- "n_accel = 16 must be a whole number" (the point was 15.999999999999998), and a log sweep
-- overshot its end ("100 is out of range (0, 100]").
T.test("sweep points: whole-number parameters on the grid, log sweeps end on `to`", function()
  local f = gp.sweep { model = "failure", x = { param = "n_accel", from = 1, to = 100000, n = 1e5 } }
  T.eq(f.n, 100000, "rows (n written as the float 1e5)")
  T.eq(next(f.errors), nil, "no point refused")
  -- the grid is the integers 1..100000 (step (100000 - 1) / (100000 - 1) = 1)
  for i = 1, f.n, 997 do T.eq(f.data.n_accel[i], i, "point " .. i) end
  T.eq(math.type(f.data.n_accel[16]), "float", "a number column")
  T.eq(f.data.n_accel[16], 16, "the reported point")
  -- a grid that is not whole: 1..10 in 5 points is 1, 3.25, 5.5, 7.75, 10, rounded to the
  -- nearest whole number (5.5 to even): 1, 3, 6, 8, 10
  local g = gp.sweep { model = "failure", x = { param = "n_accel", from = 1, to = 10, n = 5 } }
  T.eq(next(g.errors), nil, "no point refused")
  T.eq(g.data.n_accel[2], 3, "3.25 -> 3")
  T.eq(g.data.n_accel[3], 6, "5.5 -> 6")
  T.eq(g.data.n_accel[4], 8, "7.75 -> 8")
  -- log sweep to the top of a (0, 100] range: the last point is exactly 100
  local h = gp.sweep { model = "yield", x = { param = "d0_per_cm2", from = 1e-3, to = 100, n = 77, log = true } }
  T.eq(next(h.errors), nil, "no point refused")
  T.eq(h.data.d0_per_cm2[77], 100, "last point is `to`")
  T.eq(h.data.d0_per_cm2[1], 1e-3, "first point is `from`")
  for i = 2, 77 do assert(h.data.d0_per_cm2[i] > h.data.d0_per_cm2[i - 1], "increasing") end
  T.raises(function() gp.sweep { model = "yield", x = { param = "area_mm2", from = 1, to = 2, n = 2.5 } } end,
           "x.n must be a whole number")
end)

T.test("shards concatenate to the whole sweep", function()
  local spec = { model = "yield", x = { param = "area_mm2", from = 1, to = 5000, n = 1001, log = true } }
  local whole = gp.sweep(spec)
  local rows = {}
  for k = 1, 7 do
    spec.shard = { k, 7 }
    local part = gp.sweep(spec)
    for i = 1, part.n do rows[#rows + 1] = { part.data.row[i], part.data.yield[i] } end
  end
  T.eq(#rows, whole.n, "row count")
  for i = 1, whole.n do
    T.eq(rows[i][1], i, "row index")
    T.eq(rows[i][2], whole.data.yield[i], "value")
  end
end)

-- A frame's columns are glasspane.column userdata over C arrays (gp-lua-column.c): they must
-- read, iterate, write and feed the table library like the Lua lists they replaced. The
-- grid 0, 0.25, 0.5, 0.75, 1 is from + i (to - from) / (n - 1) with from = 0, to = 1, n = 5.
T.test("frame columns read like lists", function()
  local f = gp.sweep { model = "yield", base = { model = "poisson", d0_per_cm2 = 1 },
                       x = { param = "d0_per_cm2", from = 0, to = 1, n = 5 } }
  local x, row = f.data.d0_per_cm2, f.data.row
  T.eq(#x, 5, "#col")
  T.eq(x[0], nil, "below the range")
  T.eq(x[6], nil, "past the end")
  T.eq(x[2], 0.25, "col[2]")
  T.eq(x[2.0], 0.25, "a float key with an integer value")
  T.eq(x.nope, nil, "an unknown name")
  T.eq(math.type(row[3]), "integer", "the row index reads back as integers")
  T.eq(row[3], 3, "row[3]")
  T.eq(math.type(x[5]), "float", "the other columns as floats")
  local sum, count = 0, 0
  for i, v in ipairs(x) do sum, count = sum + v, count + 1; T.eq(v, x[i], "ipairs") end
  T.eq(count, 5, "ipairs visits every value")
  T.eq(sum, 2.5, "0 + 0.25 + 0.5 + 0.75 + 1")
  count = 0
  for i, v in pairs(x) do count = count + 1; T.eq(i, count, "pairs in order"); T.eq(v, x[i]) end
  T.eq(count, 5, "pairs visits every value")
  T.eq(table.concat(x, ","), "0.0,0.25,0.5,0.75,1.0", "table.concat")
  T.eq(select("#", table.unpack(x)), 5, "table.unpack")
  local t = x:totable()
  T.eq(type(t), "table", "totable")
  T.eq(#t, 5, "totable length")
  T.eq(t[4], 0.75, "totable value")
  -- yields are e^-x (Poisson, 1 cm2): writes go into the column, sort runs in place
  local y = f.data.yield
  T.near(y[5], math.exp(-1), 1e-15, "e^-1")
  y[1] = 7
  T.eq(y[1], 7, "assignment")
  table.sort(y)
  T.eq(y[5], 7, "sorted: the largest last")
  T.near(y[1], math.exp(-1), 1e-15, "sorted: the smallest first")
  T.raises(function() y[6] = 1 end, "column index 6 is out of range 1..5")
  T.raises(function() y[0] = 1 end, "out of range 1..5")
  T.raises(function() y[1] = "a" end, "a column holds numbers")
  assert(tostring(y):find("glasspane column of 5 numbers", 1, true), tostring(y))
  -- the metatable is hidden, and its functions called on anything else raise, not crash
  T.eq(getmetatable(y), "glasspane.column", "__metatable")
  local mt = debug.getmetatable(y)
  T.raises(function() mt.__index({}, 1) end, "glasspane.column expected")
  T.raises(function() mt.__len(io.stdout) end, "glasspane.column expected")
  T.raises(function() mt.__newindex(io.stdout, 1, 1) end, "glasspane.column expected")
  -- a column alone keeps its frame's values alive
  local kept = gp.sweep { model = "yield", x = { param = "area_mm2", from = 100, to = 300, n = 3 } }.data.area_mm2
  collectgarbage(); collectgarbage()
  T.eq(kept[3], 300, "after a full collection")
  -- columns go wherever number lists do: pareto (of x and -x, every point is on the front)
  local front = gp.pareto(x, x, { maximize_y = true })
  T.eq(#front, 5, "pareto over columns")
  -- an empty shard: a frame with zero-length columns
  local e = gp.sweep { model = "yield", x = { param = "area_mm2", from = 1, to = 2, n = 2 },
                       shard = { 1, 3 } }
  T.eq(e.n, 0, "no rows in this shard")
  T.eq(#e.data.yield, 0, "an empty column")
  T.eq(e.data.yield[1], nil, "nothing in it")
end)

T.test("data files load through the sandbox", function()
  local t = assert(gp.load(gp.data_dir() .. "/nodes.lua"))
  T.eq(t.format, 1, "format")
  local nodes = assert(gp.nodes())
  local n5
  for _, n in ipairs(nodes) do if n.name == "N5" then n5 = n end end
  T.eq(n5.wafer_cost_usd, 16988, "CSET 2020 N5 wafer price")
  local tmp = os.tmpname()
  local f = io.open(tmp, "w"); f:write("os.execute('touch /tmp/pwned') return {}"); f:close()
  local ok, msg = gp.load(tmp)
  os.remove(tmp)
  T.eq(ok, nil, "hostile file refused")
  assert(msg:find(":1:", 1, true), msg)
end)

T.done()
