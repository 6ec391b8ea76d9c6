-- test-docs.lua: docs/lua-api.md (with any docs/lua-api-<area>.md) documents every function
-- of the glasspane table and every chart method (and documents nothing that does not
-- exist), and docs/lua-api-params.md is what docs/gen-lua-api.lua generates from the
-- descriptor tables today.
local T = require "tap"
local gp = require "glasspane"

local root = (arg[0] or ""):match("^(.*)/tests/lua/[^/]*$") or "."
local function slurp(p)
  local f = assert(io.open(p, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
-- Functions are documented in docs/lua-api.md, or in a docs/lua-api-<area>.md of the
-- engineer who adds an area (a "### glasspane.name" heading each).
local headings = {}
local pipe = assert(io.popen("ls '" .. root .. "/docs'"))
for file in pipe:lines() do
  if file:match("^lua%-api.*%.md$") and file ~= "lua-api-params.md" then
    for name in slurp(root .. "/docs/" .. file):gmatch("\n### ([%w_.:]+)") do headings[name] = true end
  end
end
pipe:close()

T.test("every glasspane function has a section", function()
  local missing = {}
  for k, v in pairs(gp) do
    if type(v) == "function" and not headings["glasspane." .. k] then missing[#missing + 1] = k end
  end
  table.sort(missing)
  if #missing > 0 then
    error("no '### glasspane.NAME' section in docs/lua-api*.md for: " .. table.concat(missing, ", "))
  end
  assert(headings["glasspane.version"], "version documented")
end)

T.test("every chart method has a section", function()
  local c <close> = gp.chart {}
  local methods = getmetatable(c).__index
  local missing = {}
  for k in pairs(methods) do
    if not headings["chart:" .. k] then missing[#missing + 1] = k end
  end
  table.sort(missing)
  if #missing > 0 then error("chart methods not documented: " .. table.concat(missing, ", ")) end
end)

T.test("no section documents a function that does not exist", function()
  local c <close> = gp.chart {}
  local methods = getmetatable(c).__index
  for h in pairs(headings) do
    local g = h:match("^glasspane%.(.+)$")
    local m = h:match("^chart:(.+)$")
    if g then assert(gp[g] ~= nil, "documented but absent: " .. h) end
    if m then assert(methods[m] ~= nil, "documented but absent: " .. h) end
  end
end)

T.test("every model and input is in the generated parameter reference", function()
  local params = slurp(root .. "/docs/lua-api-params.md")
  for _, m in ipairs(gp.models()) do assert(params:find("\n### " .. m.name .. "\n", 1, true), m.name) end
  for _, i in ipairs(gp.inputs()) do assert(params:find("\n### " .. i.name .. "\n", 1, true), i.name) end
end)

T.test("docs/lua-api-params.md is up to date (rerun docs/gen-lua-api.lua)", function()
  local gen = assert(loadfile(root .. "/docs/gen-lua-api.lua"))
  local text = gen("--return")
  local have = slurp(root .. "/docs/lua-api-params.md")
  if text ~= have then
    -- name the first line that differs
    local i = 1
    for a, b in function() return text:match("[^\n]*", i), have:match("[^\n]*", i) end do
      if a ~= b then error(("differs at: %q vs %q (run glasspane-script docs/gen-lua-api.lua "
                            .. "docs/lua-api-params.md)"):format(a, b)) end
      i = i + #a + 1
      if i > #text then break end
    end
    error("lengths differ; regenerate docs/lua-api-params.md")
  end
end)

T.done()
