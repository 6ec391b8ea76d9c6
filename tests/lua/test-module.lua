-- test-module.lua: `require "glasspane"` from a stock lua5.4 (LUA_CPATH points at the
-- build's scripting/glasspane.so), giving the same answers as the runner.
local T = require "tap"

T.test("require from stock lua5.4", function()
  local gp = require "glasspane"
  assert(type(gp.yield) == "function")
  -- Poisson at A x D0 = 1: e^-1
  T.near(gp.yield { model = "poisson", area_mm2 = 100, d0_per_cm2 = 1 }, math.exp(-1), 1e-15, "yield")
  T.raises(function() gp.yield { area_mm2 = -5 } end, "bad argument #1 to 'yield'")
end)

T.done()
