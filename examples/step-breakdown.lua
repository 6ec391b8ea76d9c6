-- step-breakdown.lua: brief question 3, "for model M on N accelerators, what is the step
-- time and which resource bounds it?". Evaluates the default comparison
-- (data/comparison.lua: Lite-GPU glass server, DGX H100 cluster and CS-3 cluster of about
-- equal peak compute, training Llama 3 70B on 15T tokens), each with its best parallelism
-- plan from the exhaustive search, and draws where the step goes: GEMMs, attention,
-- memory-bound kernels, interference, the exposed part of each collective, the bubble.
--
--   glasspane-script examples/step-breakdown.lua [OUT_DIR] [DESIGN.lua]
--
-- Writes step-breakdown.{svg,png,csv} (stacked bars, seconds per phase), step-bounds.*
-- (the same seconds by bounding resource) and
-- step-breakdown-table.csv (plan, MFU, binding constraint per system).
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local design = arg[2] and assert(gp.design_load(arg[2])) or assert(gp.design_default())
local results = gp.evaluate(design)

local cats, rows = {}, {}
local phase_names
for _, r in ipairs(results) do
  if r.error then
    io.stderr:write(("step-breakdown: %s: %s\n"):format(r.name, r.error))
  else
    cats[#cats + 1] = r.name
    rows[#rows + 1] = r
    phase_names = phase_names or r.step.where
  end
end

local series = {}
for j, ph in ipairs(phase_names) do
  local y = {}
  for i, r in ipairs(rows) do y[i] = r.step.where[j].s end
  series[j] = { name = ph.part, y = y }
end
local chart = gp.chart {
  kind = "stacked_bar", title = "Where the step goes",
  x_label = "System", y_label = "Time per step", y_unit = "s",
  caption = ("%s; best plan of each system (exhaustive search)"):format(design.name),
  categories = cats, series = series, legend = "right",
}
C.save(chart, out, "step-breakdown", { width = 672, height = 360 })

-- The same time attributed to the resource that bounds each part of it.
local bound_series = {}
for j, b in ipairs(rows[1].step.bounds) do
  local y = {}
  for i, r in ipairs(rows) do y[i] = r.step.bounds[j].s end
  bound_series[j] = { name = b.bound, y = y }
end
local bounds = gp.chart {
  kind = "stacked_bar", title = "What bounds the step",
  x_label = "System", y_label = "Time per step", y_unit = "s",
  caption = "Step time attributed to the binding resource of each phase",
  categories = cats, series = bound_series, legend = "right",
}
C.save(bounds, out, "step-bounds", { width = 672, height = 360 })

local frame = { columns = { "system", "accelerators", "tp", "pp", "dp", "microbatch_seqs",
                            "step_time_s", "mfu", "tokens_per_s", "binding" },
                units = { step_time_s = "s", tokens_per_s = "tokens/s" },
                data = { system = {}, accelerators = {}, tp = {}, pp = {}, dp = {}, microbatch_seqs = {},
                step_time_s = {}, mfu = {}, tokens_per_s = {}, binding = {} } }
for i, r in ipairs(rows) do
  frame.data.system[i], frame.data.accelerators[i] = r.name, r.accelerators
  frame.data.tp[i], frame.data.pp[i], frame.data.dp[i] = r.plan.tp, r.plan.pp, r.plan.dp
  frame.data.microbatch_seqs[i] = r.plan.microbatch_seqs
  frame.data.step_time_s[i], frame.data.mfu[i], frame.data.tokens_per_s[i] = r.step_time_s, r.mfu, r.tokens_per_s
  frame.data.binding[i] = r.binding
  print(("step-breakdown: %-16s %6d accel  tp %2d cp %2d pp %2d dp %4d  step %7.2f s  MFU %4.1f%%  %s"):format(
    r.name, r.accelerators, r.plan.tp, r.plan.cp, r.plan.pp, r.plan.dp, r.step_time_s, 100 * r.mfu, r.binding))
end
frame.n = #rows
assert(gp.write_csv(out .. "step-breakdown-table.csv", frame))
return { results = results, design = design }
