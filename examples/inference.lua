-- inference.lua: serving Llama 3 70B on the three families of the default comparison
-- (data/comparison.lua): how fast one user is served against how much the machine serves
-- (the batch sweep and its Pareto frontier), what a million tokens costs and how many tokens
-- a joule buys at an interactive latency target, and where each accelerator's memory goes.
--
--   glasspane-script examples/inference.lua [OUT_DIR]
--
-- Writes inference-latency-throughput.{svg,png,csv} (tokens/s per user against tokens/s
-- per peak PFLOP/s, the Pareto frontier of each system's batch sweep),
-- inference-cost.{svg,png,csv} (USD per million output tokens), inference-energy.{...}
-- (output tokens per joule), inference-memory.{...} (weights, KV cache, activations per
-- accelerator), inference-table.csv and inference.md (a short report).
local dir0 = (arg and arg[0] or ""):match("(.*/)") or "./"
package.path = dir0 .. "?.lua;" .. package.path
local C = require "common"
local gp = C.gp
local out = C.out_dir(arg)

local workload = "llama3-70b"
-- An interactive service: first token within 1 s, 20 tokens/s per user at least (TPOT
-- <= 50 ms), a glasspane choice in the range of MLPerf's interactive scenarios.
local ttft_target, tpot_target = 1.0, 0.05
local systems = {}
for _, s in ipairs(assert(gp.design_default()).systems) do systems[#systems + 1] = s.name end

-- peak PFLOP/s per accelerator from the system model, to put families on one scale
local peak_per_accel = {}
for _, r in ipairs(gp.evaluate(assert(gp.design_default()))) do
  if not r.error then peak_per_accel[r.name] = r.peak_pflops / r.accelerators end
end

local curves, rows, memory = {}, {}, {}
for i, name in ipairs(systems) do
  -- the smallest replica that holds the model, swept over the batch
  local sw, err = gp.inference_sweep{ system = name, workload = workload, points = 48 }
  if not sw then
    io.stderr:write(("inference: %s: %s\n"):format(name, err))
  else
    local s = { name = name, x = {}, y = {}, markers = true }
    for _, k in ipairs(sw.frontier) do
      local p = sw.points[k]
      s.x[#s.x + 1] = p.tokens_per_s_per_user
      s.y[#s.y + 1] = p.tokens_per_s / (p.accelerators * peak_per_accel[name])
    end
    curves[#curves + 1] = s
  end
  -- the best plan on the whole machine at the latency targets
  local best, err2 = gp.inference_search{ system = name, workload = workload, top_k = 1,
                                          ttft_target_s = ttft_target,
                                          tpot_target_s = tpot_target }
  if not best then
    io.stderr:write(("inference: %s: %s\n"):format(name, err2))
  else
    local b = best.best
    rows[#rows + 1] = { name = name, plan = b.plan, batch = b.batch, r = b.result }
    memory[#memory + 1] = b.result.memory
  end
  _ = i
end

C.save(gp.chart {
  kind = "line", title = "Latency against throughput: " .. workload,
  x_label = "Tokens/s per user", x_unit = "tokens/s", x_log = true,
  y_label = "Tokens/s per peak PFLOP/s", y_unit = "tokens/s", y_log = true,
  caption = "Pareto frontier of each system's batch sweep (smallest replica that holds the model)",
  series = curves, legend = "bottom_left",
}, out, "inference-latency-throughput", { width = 480, height = 360 })

local cats, usd, tpj = {}, {}, {}
for i, row in ipairs(rows) do
  cats[i] = row.name
  usd[i] = row.r.usd_per_mtoken
  tpj[i] = row.r.tokens_per_joule
end
local target = ("TTFT <= %g s, TPOT <= %g ms; best plan and batch on the whole system"):format(
  ttft_target, 1000 * tpot_target)
C.save(gp.chart {
  kind = "stacked_bar", title = "Cost per million output tokens",
  x_label = "System", y_label = "Cost", y_unit = "USD",
  caption = target .. "; capex over lifetime x utilisation + energy",
  categories = cats, series = { { name = "USD per million tokens", y = usd } }, legend = "none",
}, out, "inference-cost", { width = 480, height = 336 })
C.save(gp.chart {
  kind = "stacked_bar", title = "Output tokens per joule (from the wall)",
  x_label = "System", y_label = "Tokens per joule", y_unit = "tokens/J",
  caption = target, categories = cats,
  series = { { name = "tokens per joule", y = tpj } }, legend = "none",
}, out, "inference-energy", { width = 480, height = 336 })

local parts = { "weights", "kv_cache", "activations", "reserved" }
local series = {}
for j, p in ipairs(parts) do
  series[j] = { name = p:gsub("_", " "), y = {} }
  for i, m in ipairs(memory) do series[j].y[i] = m[p] / 1e9 end
end
C.save(gp.chart {
  kind = "stacked_bar", title = "Memory per accelerator at the chosen plan",
  x_label = "System", y_label = "Memory", y_unit = "GB",
  caption = "On-wafer SRAM for the wafer-scale system; HBM otherwise",
  categories = cats, series = series, legend = "right",
}, out, "inference-memory", { width = 576, height = 336 })

local cols = { "system", "tp", "pp", "dp", "batch", "ttft_s", "tpot_s", "tokens_per_s_per_user",
               "tokens_per_s", "usd_per_mtoken", "joules_per_token", "kgco2e_per_mtoken",
               "kv_bytes_per_token", "max_batch" }
local frame = { columns = cols, units = { ttft_s = "s", tpot_s = "s", tokens_per_s = "tokens/s",
                tokens_per_s_per_user = "tokens/s", usd_per_mtoken = "USD", joules_per_token = "J",
                kgco2e_per_mtoken = "kgCO2e", kv_bytes_per_token = "bytes" }, data = {} }
for _, c in ipairs(cols) do frame.data[c] = {} end
for i, row in ipairs(rows) do
  for _, c in ipairs(cols) do
    local v
    if c == "system" then v = row.name
    elseif c == "tp" or c == "pp" or c == "dp" then v = row.plan[c]
    elseif c == "batch" then v = row.batch
    else v = row.r[c] end
    frame.data[c][i] = v
  end
end
frame.n = #rows
assert(gp.write_csv(out .. "inference-table.csv", frame))

local md = { "# Serving " .. workload .. " on the default comparison", "",
  ("Each system's best serving plan on the whole machine with TTFT <= %g s and TPOT <= %g ms "
   .. "(`glasspane.inference_search`), 1,024 prompt and 256 output tokens per request, 16-bit "
   .. "weights and KV cache, continuous batching; economics from the system model at the "
   .. "utilisation of `data/inference.lua`."):format(ttft_target, 1000 * tpot_target), "" }
local header = { "system", "plan (tp/pp/dp)", "batch", "TTFT (ms)", "TPOT (ms)",
                 "tokens/s per user", "tokens/s", "USD per M tokens", "tokens/J", "binding" }
local mrows = {}
for _, row in ipairs(rows) do
  local r = row.r
  mrows[#mrows + 1] = { row.name, ("%d/%d/%d"):format(row.plan.tp, row.plan.pp, row.plan.dp),
    tostring(row.batch), C.fmt(1000 * r.ttft_s), C.fmt(1000 * r.tpot_s),
    C.fmt(r.tokens_per_s_per_user), C.fmt(r.tokens_per_s), C.fmt(r.usd_per_mtoken),
    C.fmt(r.tokens_per_joule), r.binding }
  print(("inference: %-16s plan %s batch %5d  TPOT %6.2f ms  %10.0f tokens/s  %7.3f USD/Mtoken  %6.2f tokens/J"):format(
    row.name, mrows[#mrows][2], row.batch, 1000 * r.tpot_s, r.tokens_per_s, r.usd_per_mtoken,
    r.tokens_per_joule))
end
md[#md + 1] = C.markdown_table(header, mrows)
md[#md + 1] = "Figures: [latency against throughput](inference-latency-throughput.svg), "
  .. "[cost per million tokens](inference-cost.svg), [tokens per joule](inference-energy.svg), "
  .. "[memory per accelerator](inference-memory.svg); data: [inference-table.csv](inference-table.csv)."
md[#md + 1] = ""
md[#md + 1] = "Decode reads every weight and the batch's KV cache for each token, so a small "
  .. "batch is memory-bandwidth-bound on HBM systems; the wafer keeps the weights in SRAM when "
  .. "a pipeline of wafers holds them and is then bound by per-layer latency; the cost per token "
  .. "falls with the batch until the KV cache fills memory or the latency target binds."
local f = assert(io.open(out .. "inference.md", "wb"))
f:write(table.concat(md, "\n"), "\n")
f:close()
return { results = rows }
