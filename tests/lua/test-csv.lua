-- test-csv.lua: glasspane.write_csv / csv / read_csv / merge_csv (RFC 4180, full precision,
-- atomic), and shard-and-merge equal to one run: in-process with sweep{shard=} and through
-- the runner's --shard K/N on examples/sweep-study.lua (found from this script's path; the
-- runner is this process's own argv[0]).
local T = require "tap"
local gp = require "glasspane"

local root = (arg[0] or ""):match("^(.*)/tests/lua/[^/]*$") or "."
local examples = root .. "/examples"
local runner
for i = -1, -10, -1 do if arg[i] then runner = arg[i] end end

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

T.test("write_csv: header with units, CRLF, quoting, full precision", function()
  local frame = {
    columns = { "name", "area_mm2", "yield", "ok" },
    units = { area_mm2 = "mm2" },
    data = {
      name = { "plain", "with, comma", 'with "quote"', "two\nlines" },
      area_mm2 = { 1, 2.5, 0 / 0, math.huge },
      yield = { 0.1, 1 / 3, -math.huge, 3 },
      ok = { true, false, true, false },
    },
  }
  assert(gp.write_csv(path("a.csv"), frame))
  local want = 'name,area_mm2 [mm2],yield,ok\r\n'
            .. 'plain,1,0.1,true\r\n'
            .. '"with, comma",2.5,0.3333333333333333,false\r\n'
            .. '"with ""quote""",,-inf,true\r\n'
            .. '"two\nlines",inf,3,false\r\n'
  T.eq(slurp(path("a.csv")), want, "bytes")
  T.eq(gp.csv(frame), want, "csv() gives the same text")
  -- a column subset in a chosen order
  T.eq(gp.csv(frame, { columns = { "yield", "name" } }):match("^[^\r]*"), "yield,name", "subset")
end)

T.test("read_csv reads back exactly what write_csv wrote", function()
  local f = gp.sweep { model = "yield", base = { model = "negbin", alpha = 3 },
                       x = { param = "area_mm2", from = 1, to = 5000, n = 97, log = true },
                       y = { param = "d0_per_cm2", from = 0.01, to = 2, n = 3 } }
  assert(gp.write_csv(path("sweep.csv"), f))
  local g = assert(gp.read_csv(path("sweep.csv")))
  T.eq(g.n, f.n, "rows")
  T.eq(g.units.area_mm2, "mm2", "unit from the header")
  for c, name in ipairs(f.columns) do
    T.eq(g.columns[c], name, "column name")
    for i = 1, f.n do
      if f.data[name][i] ~= g.data[name][i] then
        error(("%s[%d]: wrote %.17g, read %.17g"):format(name, i, f.data[name][i], g.data[name][i]))
      end
    end
  end
  -- quoted strings and NaN cells round trip too
  local t = assert(gp.read_csv(path("a.csv")))
  T.eq(t.data.name[4], "two\nlines", "quoted newline")
  T.eq(t.data.name[3], 'with "quote"', "doubled quote")
  assert(t.data.area_mm2[3] ~= t.data.area_mm2[3], "empty cell reads as NaN")
  T.eq(t.data.area_mm2[4], math.huge, "inf")
end)

T.test("csv errors", function()
  T.raises(function() gp.write_csv(path("x.csv"), { columns = { "a" }, data = {} }) end,
           "bad argument #2 to 'write_csv'", "no column 'a'")
  T.raises(function() gp.write_csv(path("x.csv"), { data = { a = { 1 } } }) end, "frame.columns")
  T.raises(function() gp.write_csv(path("x.csv"), { columns = { "a" }, a = { 1 } }) end,
           "frame.data")
  T.raises(function() gp.csv { columns = { "b" }, data = {} } end, "bad argument #1 to 'csv'",
           "no column 'b'")
  T.raises(function() gp.write_csv(path("x.csv"), { columns = { "a" }, data = { a = { {} } } }) end,
           "column 'a' row 1 holds a table")
  local ok, msg = gp.write_csv(tmp .. "/missing/dir/x.csv", { columns = { "a" }, data = { a = { 1 } } })
  T.eq(ok, nil, "I/O failure is a result")
  assert(msg:find("cannot write", 1, true), msg)
  local r, m2 = gp.read_csv(path("does-not-exist.csv"))
  T.eq(r, nil, "missing file")
  assert(m2:find("cannot read", 1, true), m2)
  local f = io.open(path("ragged.csv"), "wb"); f:write("a,b\r\n1,2\r\n3\r\n"); f:close()
  local r3, m3 = gp.read_csv(path("ragged.csv"))
  T.eq(r3, nil, "ragged")
  assert(m3:find("row 2 has 1 fields", 1, true), m3)
end)

-- read_csv and merge_csv read regular files only, of at most 1 GiB: a FIFO used to block
-- for ever, /dev/zero to be read until memory ran out, a directory to say "I/O error".
T.test("read_csv / merge_csv: only regular files", function()
  local fifo = path("fifo.csv")
  assert(os.execute("mkfifo '" .. fifo .. "'"))
  local good = path("good.csv")
  assert(gp.write_csv(good, { columns = { "a" }, data = { a = { 1, 2 } } }))
  local cases = {
    { fifo, "not a regular file" },
    { "/dev/zero", "not a regular file" },
    { tmp, "is a directory" },
  }
  for _, c in ipairs(cases) do
    local r, m = gp.read_csv(c[1])
    T.eq(r, nil, c[1] .. " refused by read_csv")
    assert(m:find("cannot read '" .. c[1] .. "'", 1, true) and m:find(c[2], 1, true), m)
    local n, m2 = gp.merge_csv(path("merged.csv"), { good, c[1] })
    T.eq(n, nil, c[1] .. " refused by merge_csv")
    assert(m2:find(c[2], 1, true), m2)
  end
  os.remove(fifo)
  -- and merge_csv writes only where a save may: not through a symbolic link
  assert(os.execute("ln -s good.csv '" .. path("link.csv") .. "'"))
  local n, m = gp.merge_csv(path("link.csv"), { good })
  T.eq(n, nil, "merge over a symlink refused")
  assert(m:find("symbolic link", 1, true), m)
  os.remove(path("link.csv"))
end)

-- Output and parameter names used to land on the frame's own keys: the wafer model's
-- "columns" output overwrote the column list, and yield_redundancy's swept "units" left
-- its column empty. Columns live in frame.data now.
T.test("sweep columns cannot collide with the frame's keys", function()
  local f = gp.sweep { model = "wafer", x = { param = "die_width_mm", from = 10, to = 20, n = 3 } }
  T.eq(f.columns[1], "row", "the column list is intact")
  T.eq(tostring(f.data.columns):match("^glasspane column"), "glasspane column",
       "the 'columns' output is a column")
  T.eq(type(f.units), "table", "units is the unit table")
  local csv = gp.csv(f)
  local header = csv:match("^[^\r]*")
  assert(header:find("columns", 1, true), header)
  local g = gp.sweep { model = "yield_redundancy", x = { param = "units", from = 10, to = 30, n = 3 } }
  -- the swept column holds the swept values: 10, 20, 30 (from + i (to - from) / (n - 1))
  T.eq(g.data.units[1], 10, "units 1")
  T.eq(g.data.units[3], 30, "units 3")
  T.eq(g.units.units, "", "the unit of 'units' is in the unit table")
  assert(gp.write_csv(path("units.csv"), g))
  local back = assert(gp.read_csv(path("units.csv")))
  T.eq(back.data.units[2], 20, "read back")
  T.eq(back.n, 3, "rows")
end)

-- The shards of a sweep, written and merged, against the unsharded CSV.
local function shard_files(spec, n, prefix)
  local files = {}
  for k = 1, n do
    spec.shard = { k, n }
    files[k] = path(("%s-%d.csv"):format(prefix, k))
    assert(gp.write_csv(files[k], gp.sweep(spec)))
  end
  spec.shard = nil
  return files
end

T.test("merge_csv of in-process shards equals one run, byte for byte", function()
  local spec = { model = "link", x = { param = "lane_rate_gbps", from = 25, to = 400, n = 37 },
                 y = { param = "laser_wpe", from = 0.05, to = 0.4, n = 11 } }
  assert(gp.write_csv(path("single.csv"), gp.sweep(spec)))
  for _, n in ipairs { 1, 2, 3, 7, 407 } do -- 407 = rows: one row per shard
    local files = shard_files(spec, n, "part" .. n)
    local rows = assert(gp.merge_csv(path("merged.csv"), files))
    T.eq(rows, 407, "rows merged")
    T.eq(slurp(path("merged.csv")), slurp(path("single.csv")), n .. " shards")
  end
  -- more shards than rows: empty shards hold only the header and merge to the same bytes
  local files = shard_files({ model = "yield", x = { param = "area_mm2", from = 1, to = 2, n = 2 } },
                            5, "tiny")
  assert(gp.merge_csv(path("tiny.csv"), files))
  assert(gp.write_csv(path("tiny-single.csv"),
                      gp.sweep { model = "yield", x = { param = "area_mm2", from = 1, to = 2, n = 2 } }))
  T.eq(slurp(path("tiny.csv")), slurp(path("tiny-single.csv")), "empty shards")
end)

T.test("merge_csv refuses different headers and missing files", function()
  local a, b = path("h1.csv"), path("h2.csv")
  assert(gp.write_csv(a, { columns = { "x" }, data = { x = { 1 } } }))
  assert(gp.write_csv(b, { columns = { "y" }, data = { y = { 1 } } }))
  local ok, msg = gp.merge_csv(path("m.csv"), { a, b })
  T.eq(ok, nil, "refused")
  assert(msg:find("different header", 1, true), msg)
  ok, msg = gp.merge_csv(path("m.csv"), { a, path("nope.csv") })
  T.eq(ok, nil, "missing")
  assert(msg:find("cannot read", 1, true), msg)
  T.raises(function() gp.merge_csv(path("m.csv"), {}) end, "at least one file")
end)

T.test("runner --shard K/N + merge equals the unsharded run (examples/sweep-study.lua)", function()
  assert(runner, "runner path in arg")
  local study = examples .. "/sweep-study.lua"
  local function run(args)
    local ok = os.execute(("'%s' %s >/dev/null"):format(runner, args))
    assert(ok, "runner failed: " .. args)
  end
  run(("'%s' '%s/single'"):format(study, tmp))
  local files = {}
  for k = 1, 3 do
    run(("--shard %d/3 '%s' '%s/shards'"):format(k, study, tmp))
    files[k] = ("%s/shards/sweep-shard-%04d-of-0003.csv"):format(tmp, k)
  end
  assert(gp.merge_csv(path("runner-merged.csv"), files))
  local single = slurp(tmp .. "/single/sweep.csv")
  T.eq(#single > 1000000, true, "40,000 rows")
  T.eq(slurp(path("runner-merged.csv")) == single, true, "merged = single")
  -- a bad shard spec is refused by the runner
  T.eq(os.execute(("'%s' --shard 4/3 '%s' '%s/x' 2>/dev/null"):format(runner, study, tmp)), nil,
       "4/3 refused")
end)

T.test("examples/sweep-shards.sh under GNU parallel", function()
  if not os.execute("command -v parallel >/dev/null 2>&1") then
    print("# skipped: GNU parallel not installed")
    return
  end
  local ok = os.execute(("'%s/sweep-shards.sh' '%s' '%s/par' 4 >/dev/null"):format(examples, runner, tmp))
  assert(ok, "sweep-shards.sh failed")
  T.eq(slurp(tmp .. "/par/sweep-merged.csv") == slurp(tmp .. "/par/single/sweep.csv"), true, "equal")
end)

os.execute("rm -rf '" .. tmp .. "'")
T.done()
