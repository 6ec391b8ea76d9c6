-- test-chart.lua: glasspane.chart and its exports from Lua: SVG that parses as XML, PDF with
-- its header and trailer, PNG whose IHDR size is the requested size x DPI / 96, CSV of the
-- chart's data, atomic writes (a failed save leaves nothing), the userdata protocol
-- (__name, __tostring, __close, closed charts) and the error messages.
local T = require "tap"
local gp = require "glasspane"

local tmp = os.tmpname()
os.remove(tmp)
assert(os.execute("mkdir -p '" .. tmp .. "'"))
local function path(name) return tmp .. "/" .. name end

local function slurp(p)
  local f = assert(io.open(p, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local F = require "formats"
local check_xml, png_size = F.check_xml, F.png_size

local function line_chart()
  return gp.chart {
    kind = "line", title = "Yield & cost <test>", x_label = "Die area", x_unit = "mm2",
    y_label = "Yield", x_log = true, legend = "below", caption = "caption \"quoted\"",
    series = {
      { name = "poisson", x = { 10, 100, 1000 }, y = { 0.99, 0.9, 0.37 } },
      { name = "murphy", x = { 10, 100, 1000 }, y = { 0.99, 0.91, 0.4 }, dashed = true,
        labels = { "a", nil, "c" } },
    },
    annotations = { { kind = "vline", x = 858, label = "reticle" } },
  }
end

T.test("the XML checker rejects what it should", function()
  assert(check_xml('<a x="1"><b/>t &amp; u</a>'))
  for _, bad in ipairs { "<a><b></a></b>", "<a>", "<a x=1></a>", "<a></a><b></b>", "<a>&x</a>" } do
    assert(not pcall(check_xml, bad), bad)
  end
end)

T.test("SVG export parses as XML, with px sizes and the title as text", function()
  local c = line_chart()
  assert(c:save(path("line.svg"), { width = 400, height = 300 }))
  local svg = slurp(path("line.svg"))
  check_xml(svg)
  assert(svg:find('width="400', 1, true) and svg:find('height="300', 1, true), "px size")
  -- rendering in memory gives the same document (cairo numbers its ids per process, so
  -- compare the size, not the bytes)
  local mem = c:render("svg", { width = 400, height = 300 })
  check_xml(mem)
  assert(math.abs(#mem - #svg) < 64, "render and save agree")
end)

-- A sweep's columns (glasspane.column userdata) draw the same chart as the same numbers in
-- Lua tables: the same SVG, up to cairo's per-process ids, so the same length.
T.test("series take a sweep's columns", function()
  local f = gp.sweep { model = "yield", base = { model = "murphy", d0_per_cm2 = 0.1 },
                       x = { param = "area_mm2", from = 10, to = 1000, n = 50, log = true } }
  local function chart(x, y)
    return gp.chart { kind = "line", x_log = true, series = { { name = "murphy", x = x, y = y } } }
  end
  local a = chart(f.data.area_mm2, f.data.yield):render("svg", { width = 400, height = 300 })
  local b = chart(f.data.area_mm2:totable(), f.data.yield:totable()):render("svg",
                                                                            { width = 400, height = 300 })
  check_xml(a)
  T.eq(#a, #b, "the same document from columns and from tables")
end)

T.test("PDF export has the header and trailer", function()
  local c = line_chart()
  assert(c:save(path("line.pdf")))
  local pdf = slurp(path("line.pdf"))
  T.eq(pdf:sub(1, 5), "%PDF-", "header")
  assert(pdf:find("%%EOF", #pdf - 16, true), "trailer")
end)

T.test("PNG size is width x dpi / 96 from IHDR", function()
  local c = line_chart()
  assert(c:save(path("line.png"), { width = 336, height = 252, dpi = 300 }))
  local w, h = png_size(slurp(path("line.png")))
  T.eq(w, 1050, "336 x 300 / 96")
  T.eq(h, 788, "252 x 300 / 96 = 787.5, rounded")
  assert(c:save(path("small.png"), { width_in = 2, height_in = 1, dpi = 96 }))
  w, h = png_size(slurp(path("small.png")))
  T.eq(w, 192, "2 in at 96 dpi")
  T.eq(h, 96, "1 in at 96 dpi")
  -- format from opts overrides the extension
  assert(c:save(path("png-really.bin"), { format = "png", dpi = 96 }))
  png_size(slurp(path("png-really.bin")))
end)

T.test("CSV of the chart's data", function()
  local c = line_chart()
  local csv = c:csv()
  assert(csv:find("\r\n", 1, true), "CRLF")
  T.eq(csv:match("^[^\r]*"), "series,die_area_mm2 [mm2],yield,label", "header")
  assert(csv:find("murphy,1000,0.4,c", 1, true), "full precision, shortest digits")
  assert(c:save(path("line.csv")))
  T.eq(slurp(path("line.csv")), csv, "saved = csv()")
end)

T.test("every chart kind renders to well-formed SVG", function()
  local charts = {
    gp.chart { kind = "scatter", title = "pareto", pareto = true, minimize_x = true, minimize_y = true,
               series = { { name = "designs", x = { 1, 2, 3, 4 }, y = { 4, 2, 3, 1 } } } },
    gp.chart { kind = "stacked_bar", categories = { "A", "B" }, y_unit = "USD",
               series = { { name = "dies", y = { 1, 2 } }, { name = "HBM", y = { 3, 1 } } } },
    gp.chart { kind = "waterfall", categories = { "laser", "loss", "margin" }, total_label = "rx",
               series = { { name = "budget", y = { 10, -5, -2 } } } },
    gp.chart { kind = "tornado", categories = { "d0", "price" }, baseline = 10,
               series = { { name = "low", y = { 8, 9 } }, { name = "high", y = { 13, 11 } } } },
    gp.chart { kind = "wafer_map", wafer = { diameter_mm = 300, usable_diameter_mm = 294,
               dies = { { x_mm = 0, y_mm = 0, width_mm = 20, height_mm = 20, good = true },
                        { x_mm = -20, y_mm = 0, width_mm = 20, height_mm = 20, good = false } },
               defects = { { x_mm = -10, y_mm = 10 } } } },
    gp.chart { kind = "table", table = { columns = { "system", { name = "cost", unit = "USD" },
                                                     { name = "vs DGX", ratio = true } },
                                         rows = { { "DGX", 1e6, 1 }, { "Lite", { value = 8e5, display = "0.8 M" }, 0.8 } } } },
  }
  for _, c in ipairs(charts) do
    check_xml(c:render("svg"))
    assert(#c:render("png", { dpi = 96 }) > 100)
  end
end)

T.test("userdata protocol: __name, __tostring, __close, closed charts", function()
  local c = line_chart()
  T.eq(getmetatable(c).__name, "glasspane.chart", "__name")
  T.eq(tostring(c), 'chart (line, "Yield & cost <test>", 2 series)', "__tostring")
  c:add_series { name = "seeds", x = { 1, 2 }, y = { 1, 0.5 } }
  T.eq(c:info().series, 3, "add_series")
  do
    local d <close> = line_chart()
    assert(d:info().kind == "line")
  end
  c:close()
  T.eq(tostring(c), "chart (closed)", "closed")
  T.raises(function() c:save(path("x.svg")) end, "attempt to use a closed chart")
  c:close() -- closing twice is harmless
end)

T.test("failed saves return nil, message and leave no file", function()
  local c = line_chart()
  local ok, msg = c:save(tmp .. "/no/such/dir/fig.svg")
  T.eq(ok, nil, "no success")
  assert(msg:find("cannot write", 1, true), msg)
  -- nothing left behind in the target directory, not even a temporary file
  assert(c:save(path("keep.svg")))
  local before = slurp(path("keep.svg"))
  local dirfile = io.popen("ls -a '" .. tmp .. "'"):read("a")
  assert(not dirfile:find(".gp-save-", 1, true), "no temporary files: " .. dirfile)
  T.eq(slurp(path("keep.svg")), before, "intact")
end)

T.test("chart errors name the key", function()
  T.raises(function() gp.chart { kind = "pie" } end, "bad argument #1 to 'chart'", "kind = 'pie'", "line")
  T.raises(function() gp.chart { titel = "x" } end, "unknown key 'titel'")
  T.raises(function() gp.chart { series = { { name = "a", x = { 1, 2 }, y = { 1 } } } } end,
           "series[1]: x and y must be lists of the same length (2 and 1)")
  T.raises(function() gp.chart { series = { { name = "a", x = { 1 }, y = { "one" } } } } end,
           "series[1].y[1] is a string, not a number")
  T.raises(function() gp.chart { series = { { name = "a", x = { 1 }, y = { 1 }, colour = 2 } } } end,
           "series[1]: unknown key 'colour'")
  T.raises(function() gp.chart { x_log = "yes" } end, "x_log must be true or false")
  T.raises(function() gp.chart { x_min = 1 } end, "give both x_min and x_max")
  T.raises(function() gp.chart { x_min = 2, x_max = 1 } end, "x:", "min")
  T.raises(function() gp.chart { legend = "middle" } end, "legend = 'middle'")
  T.raises(function() gp.chart { annotations = { { x = 1 } } } end, "annotations[1].kind is required")
  local c = line_chart()
  -- method calls count from the first argument after self, as liolib's f:write does
  T.raises(function() c:save(path("fig.gif")) end, "bad argument #1 to 'save'", "path")
  T.raises(function() c:save(path("fig.png"), { dpi = 10 }) end, "bad argument #2 to 'save'", "dpi")
  T.raises(function() c:save(path("fig.png"), { dpj = 10 }) end, "unknown key 'dpj'")
  T.raises(function() c:render("gif") end, "invalid option 'gif'")
end)

os.execute("rm -rf '" .. tmp .. "'")
-- cairo numbers SVG groups from a process-wide counter: the same chart used to differ by a
-- byte between renders (surface9, surface14). Renders are now identical.
T.test("SVG renders of one chart are byte-identical", function()
  local c = line_chart()
  local first = c:render("svg")
  for i = 1, 12 do
    T.eq(c:render("svg"), first, "render " .. i)
    T.eq(line_chart():render("svg"), first, "a new chart, render " .. i)
  end
  assert(first:find('id="surface1"', 1, true), "renumbered from 1")
end)

T.done()
