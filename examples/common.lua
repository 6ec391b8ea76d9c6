-- common.lua: what the example studies share: the output directory (arg[1], default
-- "out/"), writing one figure as SVG + PNG + CSV, and number formatting for the report.
-- Loaded with `require "common"` after each example puts its own directory on
-- package.path, so the examples run from any working directory.
local gp = require "glasspane"
local M = {}

-- The output directory from the script's first argument, created if missing.
function M.out_dir(args)
  local dir = (args and args[1]) or "out/"
  if dir:sub(-1) ~= "/" then dir = dir .. "/" end
  -- mkdir -p through the shell: the runner has the full standard library.
  local ok = os.execute("mkdir -p '" .. dir:gsub("'", "'\\''") .. "'")
  if not ok then error("cannot create the output directory " .. dir) end
  return dir
end

-- Write CHART as DIR/BASE.svg, .png (300 dpi) and .csv (the chart's data). Figures are
-- 3.5 x 2.625 in (one column of a two-column paper) unless SIZE gives width/height in px.
function M.save(chart, dir, base, size)
  local opts = { width = size and size.width or 336, height = size and size.height or 252 }
  local files = {}
  for _, ext in ipairs { "svg", "png", "csv" } do
    local path = dir .. base .. "." .. ext
    local o = { width = opts.width, height = opts.height, dpi = ext == "png" and 300 or nil }
    assert(chart:save(path, o))
    files[#files + 1] = path
  end
  return files
end

-- 3 significant digits below 1,000; whole numbers with thousands separators above, up to
-- 1e15 (1234567 -> "1,234,567"); scientific beyond.
function M.fmt(v, digits)
  if v ~= v then return "n/a" end
  local a = math.abs(v)
  if a >= 1000 and a < 1e15 then
    local s = string.format("%.0f", a):reverse():gsub("(%d%d%d)", "%1,"):reverse()
    return (v < 0 and "-" or "") .. s:gsub("^,", "")
  end
  return string.format("%." .. (digits or 3) .. "g", v)
end

-- A markdown table from a header list and rows of cells.
function M.markdown_table(header, rows)
  local out = { "| " .. table.concat(header, " | ") .. " |",
                "|" .. string.rep("---|", #header) }
  for _, r in ipairs(rows) do out[#out + 1] = "| " .. table.concat(r, " | ") .. " |" end
  return table.concat(out, "\n") .. "\n"
end

M.gp = gp
return M
