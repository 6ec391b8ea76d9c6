-- interconnect-power.lua: brief question 2, "how much power does the interconnect take at
-- X Tb/s per accelerator and Y pJ/bit, and which link-budget term dominates?".
--
--   glasspane-script examples/interconnect-power.lua [OUT_DIR]
--
-- For eight link technologies of data/links.lua, the power of one accelerator's own link
-- ends against its off-package bandwidth (one direction): ceil(B / link rate) links, each
-- at the link's power (total pJ/bit x rate, per end, gp-link.h). The peer end of each link
-- (a switch or another accelerator) draws as much again. Also the pJ/bit breakdown per
-- technology (which term dominates) and the optical budget of the 1.6T CPO link in dB.
-- Writes interconnect-power.*, link-energy-breakdown.*, link-budget-cpo.* (svg, png, csv).
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local techs = {
  { preset = "pluggable-800g-dr8", label = "800G pluggable" },
  { preset = "pluggable-1.6t-dr8", label = "1.6T pluggable" },
  { preset = "cpo-800g-broadcom", label = "800G CPO" },
  { preset = "cpo-1.6t-nvidia", label = "1.6T CPO" },
  { preset = "dwdm-microring-chiplet", label = "DWDM micro-ring" },
  { preset = "glass-ionx-board", label = "glass waveguide (board)" },
  { preset = "serdes-112g-lr", label = "112G LR SerDes" },
  { preset = "nvlink-c2c", label = "NVLink-C2C" },
}

-- Bandwidth per accelerator: 0.1 to 20 Tb/s, log-spaced.
local bw = {}
for i = 0, 40 do bw[#bw + 1] = 0.1 * (200) ^ (i / 40) end

local series, rows = {}, {}
for i, t in ipairs(techs) do
  local r, msg = gp.link(gp.preset("links", t.preset))
  if not r then
    io.stderr:write(("interconnect-power: %s skipped: %s\n"):format(t.preset, msg))
  else
    t.result = r
    local y = {}
    for k, b in ipairs(bw) do
      local links = math.ceil(b * 1000 / r.rate_gbps - 1e-9)
      y[k] = links * r.power_w
    end
    series[#series + 1] = { name = ("%s (%.2g pJ/bit)"):format(t.label, r.total_pj_per_bit),
                            x = bw, y = y }
    rows[#rows + 1] = t
  end
end

local power_chart = gp.chart {
  kind = "line", title = "Interconnect power per accelerator",
  x_label = "Bandwidth per accelerator, one direction", x_unit = "Tb/s", x_log = true,
  y_label = "Power of its link ends", y_unit = "W", y_log = true,
  caption = "Whole links of each technology (data/links.lua); the peer ends draw as much again",
  series = series, legend = "right",
  annotations = { { kind = "vline", x = 7.2, label = "H100 NVLink 7.2 Tb/s" } },
}
C.save(power_chart, out, "interconnect-power", { width = 672, height = 360 })

-- Energy per bit by term: one stacked bar per technology.
local terms = rows[1].result.breakdown
local cats, bars = {}, {}
for j, term in ipairs(terms) do bars[j] = { name = term.term, y = {} } end
for i, t in ipairs(rows) do
  cats[i] = t.label
  for j, b in ipairs(t.result.breakdown) do bars[j].y[i] = b.pj_per_bit end
end
local breakdown_chart = gp.chart {
  kind = "stacked_bar", title = "Energy per bit by term",
  x_label = "Link technology", y_label = "Energy per bit, per end", y_unit = "pJ/bit",
  categories = cats, series = bars, legend = "right",
}
C.save(breakdown_chart, out, "link-energy-breakdown", { width = 672, height = 360 })

-- The 1.6T CPO link's optical budget as a waterfall in dB.
local cpo = rows[4].result
local steps, vals = {}, {}
for i, s in ipairs(cpo.steps) do
  steps[i] = s.label
  vals[i] = i == 1 and s.level_dbm or s.delta_db
end
local waterfall = gp.chart {
  kind = "waterfall", title = "Link budget: 1.6T co-packaged optics",
  x_label = "Budget step", y_label = "Optical power", y_unit = "dBm",
  categories = steps, series = { { name = "budget", y = vals } },
  total_label = "receiver sensitivity",
  caption = ("Laser %.1f dBm per laser (%.1f mW); %.2f pJ/bit, dominant term: %s"):format(
    cpo.laser_dbm, cpo.laser_mw, cpo.total_pj_per_bit, cpo.dominant_term),
}
C.save(waterfall, out, "link-budget-cpo", { width = 672, height = 360 })

local frame = { columns = { "link", "rate_gbps", "total_pj_per_bit", "dominant_term",
                            "power_w_per_link", "w_at_1_tbps", "w_at_10_tbps" },
                units = { rate_gbps = "Gb/s", total_pj_per_bit = "pJ/bit", power_w_per_link = "W",
                          w_at_1_tbps = "W", w_at_10_tbps = "W" },
                data = { link = {}, rate_gbps = {}, total_pj_per_bit = {}, dominant_term = {},
                power_w_per_link = {}, w_at_1_tbps = {}, w_at_10_tbps = {} } }
for i, t in ipairs(rows) do
  local r = t.result
  frame.data.link[i], frame.data.rate_gbps[i], frame.data.total_pj_per_bit[i] = t.preset, r.rate_gbps, r.total_pj_per_bit
  frame.data.dominant_term[i], frame.data.power_w_per_link[i] = r.dominant_term, r.power_w
  frame.data.w_at_1_tbps[i] = math.ceil(1000 / r.rate_gbps - 1e-9) * r.power_w
  frame.data.w_at_10_tbps[i] = math.ceil(10000 / r.rate_gbps - 1e-9) * r.power_w
  print(("interconnect-power: %-24s %6.2f pJ/bit (%s)  %7.1f W at 10 Tb/s"):format(
    t.preset, r.total_pj_per_bit, r.dominant_term, frame.data.w_at_10_tbps[i]))
end
frame.n = #rows
assert(gp.write_csv(out .. "interconnect-power-table.csv", frame))
return { links = rows, frame = frame }
