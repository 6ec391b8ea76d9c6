-- test-inference.lua: glasspane.inference, inference_sweep and inference_search from Lua:
-- KV arithmetic by hand, the three families from their system presets, economics from the
-- system model, the Pareto frontier, and the bad-input paths (errors or nil, message).
local T = require "tap"
local gp = require "glasspane"

local function rel(a, b, tol, what)
  if type(a) ~= "number" or not (math.abs(a - b) <= tol * math.abs(b)) then
    error(("%s: %s is not within %g (relative) of %.17g"):format(what or "value", tostring(a), tol, b), 2)
  end
end

T.test("KV cache of Llama 3 70B and 8B worked by hand", function()
  -- 2 x layers x 8 KV heads x 128 x 2 bytes: 70B 327,680; 8B 131,072 (Meta 2024, Table 3)
  local r = assert(gp.inference{ system = "dgx-h100", workload = "llama3-70b",
                                 plan = { tp = 8, pp = 1, dp = 1 } })
  T.eq(r.kv_bytes_per_token, 327680, "70B")
  T.eq(r.kv_bytes_per_token_accel, 40960, "70B per GPU at tp 8")
  local r8 = assert(gp.inference{ system = "dgx-h100", workload = "llama3-8b", kv_bits = 8 })
  T.eq(r8.kv_bytes_per_token, 65536, "8B at 8-bit KV")
  T.eq(r8.plan.tp, 1, "8B fits one H100")
end)

T.test("every output the issue names is there; economics come from the system model", function()
  local r = assert(gp.inference{ system = "dgx-h100", workload = "llama3-70b", batch = 16,
                                 plan = { tp = 8, pp = 1, ep = 1, dp = 1 },
                                 prompt_tokens = 2048, output_tokens = 512, weight_bits = 16 })
  for _, k in ipairs{ "ttft_s", "tpot_s", "tokens_per_s_per_user", "tokens_per_s",
                      "kv_bytes_per_token", "max_batch", "memory_per_accel_bytes",
                      "usd_per_mtoken", "joules_per_token" } do
    assert(type(r[k]) == "number" and r[k] > 0, k)
  end
  assert(type(r.binding) == "string" and r.binding:find("bound"), r.binding)
  T.eq(r.system, "dgx-h100", "system")
  T.eq(r.family, "dgx", "family")
  -- 8 of the 1,024 GPUs at their serving load (models/gp-inference.h): each GPU between its
  -- idle floor (0.15 x 700 W, data/inference.lua) and its 700 W TDP, plus 8/1,024 of the
  -- hosts and fabric, times the wall factor (delivery losses and PUE) of the system model
  local sys = assert(gp.evaluate_system("dgx-h100"))
  local part = {}
  for _, p in ipairs(sys.power) do part[p.part] = p.w end
  local acc = part["accelerator compute"] + part["accelerator memory"] + part["accelerator I/O"]
  local fixed = part["interconnect"] + part["servers (hosts, fans)"]
  local wall = sys.power_w / (acc + fixed)
  assert(r.accel_power_w > 0.15 * 700 and r.accel_power_w < 700, r.accel_power_w)
  rel(r.power_w, (8 * r.accel_power_w + fixed * 8 / 1024) * wall, 1e-9, "serving power")
  assert(r.power_w < sys.power_w * 8 / 1024, "serving draws less than training")
  rel(r.joules_per_token, r.power_w / r.tokens_per_s, 1e-12, "J/token")
  rel(r.memory_per_accel_bytes, r.memory.weights + r.memory.kv_cache + r.memory.activations
      + r.memory.reserved, 1e-12, "memory parts")
end)

T.test("the three families", function()
  local lite = assert(gp.inference{ system = "lite-gpu-glass", workload = "llama3-70b" })
  T.eq(lite.family, "lite_gpu", "family")
  -- 141 GB of weights over 20 GB Lite-GPUs: 8 of them (tp 8)
  T.eq(lite.plan.tp * lite.plan.pp, 8, "Lite-GPUs per replica")
  local cs = assert(gp.inference{ system = "cs-3", workload = "llama3-70b" })
  T.eq(cs.plan.pp, 4, "a pipeline of 4 wafers holds 70B in SRAM")
  assert(cs.weights_resident, "resident")
  assert(cs.tokens_per_s_per_user > 10 * lite.tokens_per_s_per_user, "the wafer serves one user fast")
  local one = assert(gp.inference{ system = "cs-3", workload = "llama3-70b", plan = { pp = 1, tp = 1, dp = 1 } })
  assert(not one.weights_resident and one.binding:find("streaming"), one.binding)
end)

T.test("sweep: increasing batch, frontier points dominate nothing", function()
  local s = assert(gp.inference_sweep{ system = "dgx-h100", workload = "llama3-70b",
                                       plan = { tp = 8, pp = 1, dp = 1 }, points = 32 })
  assert(#s.points >= 20, "points")
  T.eq(s.points[1].batch, 1, "from batch 1")
  T.eq(s.points[#s.points].batch, s.points[1].max_batch, "to the largest that fits")
  assert(#s.frontier >= 2, "frontier")
  for _, i in ipairs(s.frontier) do
    local p = s.points[i]
    assert(p.pareto)
    for _, q in ipairs(s.points) do
      assert(not (q.tokens_per_s > p.tokens_per_s and q.tokens_per_s_per_user > p.tokens_per_s_per_user))
    end
  end
end)

T.test("search: ranked, within targets", function()
  local s = assert(gp.inference_search{ system = "dgx-h100", workload = "llama3-70b",
                                        accelerators = 64, top_k = 5, tpot_target_s = 0.05,
                                        ttft_target_s = 1 })
  assert(#s.plans >= 2 and s.evaluated > 0)
  for i, e in ipairs(s.plans) do
    assert(e.result.tpot_s <= 0.05 and e.result.ttft_s <= 1, "targets")
    T.eq(e.plan.tp * e.plan.pp * e.plan.dp, 64, "uses the 64")
    if i > 1 then assert(e.result.tokens_per_s <= s.plans[i - 1].result.tokens_per_s) end
  end
  local none, msg = gp.inference_search{ system = "dgx-h100", workload = "llama3-70b",
                                         accelerators = 8, tpot_target_s = 1e-6 }
  assert(none == nil and msg:find("meets"), msg)
end)

T.test("bad input: errors or nil, message saying what would fit", function()
  local ok, e = pcall(gp.inference, { system = "dgx-h100", batch = 0 })
  assert(not ok and e:find("batch_seqs"), e)
  ok, e = pcall(gp.inference, { system = "dgx-h100", weight_bits = 5 })
  assert(not ok and e:find("16, 8 or 4"), e)
  ok, e = pcall(gp.inference, { system = "dgx-h100", workload = "llama3-70b", prompt_tokens = 9000 })
  assert(not ok and e:find("context"), e)
  ok, e = pcall(gp.inference, { system = "dgx-h100", bacth = 4 })
  assert(not ok and e:find("bacth"), e)
  local r, msg = gp.inference{ system = "dgx-h100", workload = "llama3-70b", plan = { tp = 1, pp = 1, dp = 1 } }
  assert(r == nil and msg:find("at least 2 accelerators"), msg)
  r, msg = gp.inference{ system = "dgx-h100", workload = "llama3-8b", batch = 100000 }
  assert(r == nil and msg:find("sequences fit"), msg)
  -- a model that fits nowhere: 405B at 16 bits on one 8-GPU server's worth of Lite-GPUs
  r, msg = gp.inference{ accel = { mem_capacity_gb = 20, mem_bw_gb_per_s = 837.5,
                                   peak_tflop_per_s = 247.25, power_w = 175 },
                         net = { { group_size = 4, bw_bytes_per_s = 225e9, latency_s = 1e-6 } },
                         workload = "llama3-405b" }
  assert(r == nil and msg:find("holds the model"), msg)
  -- 405B on one DGX H100 (8 GPUs): the message reports the largest replica tried, tp 8:
  -- 405.9e9 x 2 B = 812 GB / 8 = 101 GB per GPU against 80 GB, and ceil(812 / 80) = 11
  -- accelerators at least (it named a 7-stage pipeline's 119 GB before).
  r, msg = gp.inference{ system = { preset = "dgx-h100", accelerators = 8 },
                         workload = "llama3-405b", batch = 1 }
  assert(r == nil and msg:find("101 GB per accelerator with tp x pp = 8", 1, true)
         and msg:find("at least 11 accelerators", 1, true), msg)
end)

T.test("design files carry an inference study that round-trips", function()
  local d = assert(gp.design_default())
  assert(d.study.inference == nil, "none by default")
  d.study.inference = { batch_seqs = 32, weight_bits = 8 }
  local e = assert(gp.design_expand(d))
  T.eq(e.study.inference.batch_seqs, 32, "given")
  T.eq(e.study.inference.kv_bits, 16, "default filled in")
  local again = assert(gp.design_expand(e))
  T.eq(again.study.inference.weight_bits, 8, "round trip")
  d.study.inference = { batch_seqs = 0 }
  local ok, msg = pcall(gp.design_expand, d)
  assert(not ok and msg:find("batch_seqs"), msg)
end)

T.done()
