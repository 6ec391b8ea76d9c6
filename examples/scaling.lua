-- scaling.lua: brief question 3, "how does the step time scale with N?". Time to train
-- Llama 3 70B on 15T tokens (the study of data/comparison.lua) against the number of
-- accelerators for each system of the comparison, each point with the best plan the
-- exhaustive search finds, and the wall time with failures and checkpoints (goodput).
--
--   glasspane-script examples/scaling.lua [OUT_DIR]
--
-- Counts are whole servers of each preset (8 GPUs per DGX, 512 Lite-GPUs per glass server,
-- one wafer per CS-3 system). Writes scaling.{svg,png,csv} (time to train against
-- accelerators), scaling-compute.{svg,png,csv} (against peak PFLOP/s, so the families are
-- compared at equal compute) and scaling-table.csv. Points where no plan fits in memory or
-- the batch cannot be split are left out and reported.
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local design = assert(gp.design_default())
local study = design.study
local DAY = 86400

local frame = { columns = { "system", "accelerators", "peak_pflops", "time_to_train_days",
                            "wall_days", "mfu", "tp", "pp", "dp" },
                units = { peak_pflops = "PFLOP/s", time_to_train_days = "d", wall_days = "d" },
                data = { system = {}, accelerators = {}, peak_pflops = {}, time_to_train_days = {},
                wall_days = {}, mfu = {}, tp = {}, pp = {}, dp = {} } }
local by_count, by_compute = {}, {}
for _, sys in ipairs(design.systems) do
  local per_server = sys.accels_per_server
  local base = sys.accelerators
  local xs, ys, ws, pf = {}, {}, {}, {}
  for _, f in ipairs { 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8 } do
    local n = math.max(per_server, math.floor(base * f / per_server + 0.5) * per_server)
    local entry = { preset = sys.name, accelerators = n }
    local r, msg = gp.evaluate_system(entry, study)
    if not r then
      io.stderr:write(("scaling: %s at %d: %s\n"):format(sys.name, n, msg))
    elseif xs[#xs] ~= n then
      xs[#xs + 1], pf[#pf + 1] = n, r.peak_pflops
      ys[#ys + 1], ws[#ws + 1] = r.time_to_train_s / DAY, r.effective_time_to_train_s / DAY
      local i = #frame.data.system + 1
      frame.data.system[i], frame.data.accelerators[i], frame.data.peak_pflops[i] = sys.name, n, r.peak_pflops
      frame.data.time_to_train_days[i], frame.data.wall_days[i] = ys[#ys], ws[#ws]
      frame.data.mfu[i], frame.data.tp[i], frame.data.pp[i], frame.data.dp[i] = r.mfu, r.plan.tp, r.plan.pp, r.plan.dp
    end
  end
  by_count[#by_count + 1] = { name = sys.name, x = xs, y = ws, markers = true }
  by_compute[#by_compute + 1] = { name = sys.name, x = pf, y = ws, markers = true }
end
frame.n = #frame.data.system
assert(gp.write_csv(out .. "scaling-table.csv", frame))

local caption = "Llama 3 70B, 15T tokens; wall time incl. failures and checkpoints; best plan per point"
C.save(gp.chart {
  kind = "line", title = "Time to train against accelerator count",
  x_label = "Accelerators (CS-3: systems)", x_log = true,
  y_label = "Time to train", y_unit = "d", y_log = true,
  caption = caption, series = by_count, legend = "top_right",
}, out, "scaling", { width = 480, height = 360 })
C.save(gp.chart {
  kind = "line", title = "Time to train against peak compute",
  x_label = "Peak compute (dense BF16)", x_unit = "PFLOP/s", x_log = true,
  y_label = "Time to train", y_unit = "d", y_log = true,
  caption = caption, series = by_compute, legend = "top_right",
}, out, "scaling-compute", { width = 480, height = 360 })

for i = 1, frame.n do
  print(("scaling: %-16s %6d accel  %8.1f PFLOP/s  %8.1f d (wall %8.1f d)  MFU %4.1f%%"):format(
    frame.data.system[i], frame.data.accelerators[i], frame.data.peak_pflops[i], frame.data.time_to_train_days[i],
    frame.data.wall_days[i], 100 * frame.data.mfu[i]))
end
return { frame = frame }
