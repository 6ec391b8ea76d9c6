-- test-examples.lua: examples/report.lua (which runs every example study) through the
-- runner into a temporary directory: it succeeds, every figure exists as SVG that parses
-- as XML, PNG at the size asked for and CSV that reads back; and report.md
-- names every system and links only to files that exist.
local T = require "tap"
local gp = require "glasspane"
local F = require "formats"

local root = (arg[0] or ""):match("^(.*)/tests/lua/[^/]*$") or "."
local runner
for i = -1, -10, -1 do if arg[i] then runner = arg[i] end end

local tmp = os.tmpname()
os.remove(tmp)
local function slurp(p)
  local f = io.open(p, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

T.test("report.lua runs every study", function()
  local ok = os.execute(("'%s' '%s/examples/report.lua' '%s' >/dev/null 2>'%s.err'"):format(
    runner, root, tmp, tmp))
  assert(ok, "report.lua failed: " .. (slurp(tmp .. ".err") or ""))
end)

local figures = { "die-size-yield", "die-size-cost", "interconnect-power", "link-energy-breakdown",
                  "link-budget-cpo", "step-breakdown", "step-bounds", "scaling", "scaling-compute",
                  "carbon", "carbon-grid", "power-density", "memory-tiers", "embodied-by-part",
                  "inference-latency-throughput", "inference-cost", "inference-energy",
                  "inference-memory", "moe-ep", "moe-ep-exposed" }

T.test("every figure as SVG (XML), PNG (sized) and CSV (readable)", function()
  for _, f in ipairs(figures) do
    local base = tmp .. "/" .. f
    local svg = assert(slurp(base .. ".svg"), f .. ".svg missing")
    F.check_xml(svg)
    local w, h = F.png_size(assert(slurp(base .. ".png"), f .. ".png missing"))
    -- figures are drawn at 336-672 px wide and exported at 300 dpi
    assert(w >= 1050 and w <= 2100 and h >= 700, ("%s.png is %d x %d"):format(f, w, h))
    local csv = assert(gp.read_csv(base .. ".csv"))
    assert(csv.n > 0, f .. ".csv has rows")
  end
  for _, t in ipairs { "die-size.csv", "interconnect-power-table.csv", "step-breakdown-table.csv",
                       "scaling-table.csv", "carbon-table.csv", "inference-table.csv" } do
    local csv = assert(gp.read_csv(tmp .. "/" .. t))
    assert(csv.n > 0, t)
  end
end)

T.test("report.md: every system, every link resolves", function()
  local md = assert(slurp(tmp .. "/report.md"))
  for _, s in ipairs(gp.design_default().systems) do
    assert(md:find("| " .. s.name .. " |", 1, true), s.name .. " in the table")
  end
  local n = 0
  for link in md:gmatch("%]%(([^)]+)%)") do
    n = n + 1
    assert(slurp(tmp .. "/" .. link), "report.md links to a missing file: " .. link)
  end
  assert(n >= 3 * #figures, "links to every figure")
  assert(not md:find("Failed", 1, true), "no study failed")
end)

os.execute("rm -rf '" .. tmp .. "' '" .. tmp .. ".err'")
T.done()
