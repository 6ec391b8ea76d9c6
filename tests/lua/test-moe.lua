-- test-moe.lua: mixture-of-experts fields through the Lua API (issue 16): the workload
-- preset tables carry the expert and MLA fields, the sizes report total and active
-- parameters, plans take ep, searches return it, and bad input raises naming the field.
local T = require "tap"
local gp = require "glasspane"

local function strip(t)
  local o = {}
  for k, v in pairs(t) do if k ~= "sources" then o[k] = v end end
  return o
end

T.test("workload: MoE presets give params and active_params", function()
  -- Worked by hand in tests/test-workload.c: Mixtral 8x7B 46,702,788,608 total and
  -- 12,879,921,152 active; DeepSeek-V3 671,026,397,184 and 37,552,275,456.
  local m = gp.workload(gp.preset("workloads", "mixtral-8x7b"))
  T.near(m.params, 46702788608, 1)
  T.near(m.active_params, 12879921152, 1)
  local d = gp.workload(gp.preset("workloads", "deepseek-v3"))
  T.near(d.params, 671026397184, 1)
  T.near(d.active_params, 37552275456, 1)
  T.eq(d.moe_layers, 58)
  -- A dense model: active = total.
  local l = gp.workload(gp.preset("workloads", "llama3-8b"))
  T.eq(l.active_params, l.params)
end)

T.test("workload: bad MoE input raises naming the field", function()
  local w = strip(gp.preset("workloads", "mixtral-8x7b"))
  w.experts_active = 9
  local ok, msg = pcall(gp.workload, w)
  assert(not ok and msg:find("experts_active", 1, true), msg)
  w.experts_active, w.capacity_factor = 2, 0.5
  ok, msg = pcall(gp.workload, w)
  assert(not ok and msg:find("capacity_factor", 1, true), msg)
end)

T.test("steptime and search: ep in the plan and in the plans returned", function()
  local topo = strip(gp.preset("topologies", "dgx-h100-ndr"))
  topo.accelerators = 64
  local wl = strip(gp.preset("workloads", "mixtral-8x7b"))
  wl.batch_seqs = 256
  local r = gp.steptime { workload = wl, topology = topo,
                          plan = { dp = 16, tp = 4, ep = 8, zero_stage = 1, recompute = "full", microbatch_seqs = 1,
                                   seq_parallel = true } }
  assert(r, "the plan fits")
  local ep
  for _, c in ipairs(r.comms) do if c.collective == "expert-parallel" then ep = c end end
  assert(ep and ep.time_s > 0, "the all-to-all is charged")
  -- 1 sequence of 4,096 tokens, k 2, h 4,096, 2 bytes, load 1.25, over tp 4:
  -- 4,096 x 2 x 4,096 x 2 x 1.25 / 4 = 83,886,080 / 4 = 20,971,520 bytes per dispatch.
  T.near(r.ep_bytes_per_alltoall, 20971520, 1e-6)
  assert(r.ep_level ~= nil)
  -- ep not dividing the experts raises naming ep.
  T.raises(function()
    gp.steptime { workload = wl, topology = topo,
                  plan = { dp = 16, tp = 4, ep = 16 } }
  end, "ep = 16 must divide experts = 8")
  local s = assert(gp.search { workload = wl, topology = topo,
                               default_space = true })
  assert(s.best.plan.ep ~= nil and s.best.plan.ep >= 1, "plans carry ep")
  local seen = false
  for _, p in ipairs(s.plans) do seen = seen or p.plan.ep > 1 end
  assert(seen, "EP is searched")
end)

T.test("inference: DeepSeek-V3 served over an EP group, MLA cache", function()
  -- 8 GPUs per replica (tp 8), 16 replicas sharing the experts (ep 16), FP8 weights.
  local r = assert(gp.inference { system = "dgx-h800", workload = "deepseek-v3",
                                  plan = { tp = 8, pp = 1, ep = 16, dp = 32 }, batch = 32,
                                  weight_bits = 8 })
  -- MLA: (512 + 64) values x 61 layers x 2 bytes = 70,272 bytes per token.
  T.eq(r.kv_bytes_per_token, 70272)
  -- Without EP a replica of 8 holds all 671B at 8 bits: 84 GB each, more than 80 GB.
  local ok, msg = gp.inference { system = "dgx-h800", workload = "deepseek-v3",
                                 plan = { tp = 8, pp = 1, ep = 1, dp = 32 }, batch = 32,
                                 weight_bits = 8 }
  assert(not ok and tostring(msg):find("do not fit", 1, true), tostring(msg))
  T.raises(function()
    gp.inference { system = "dgx-h800", workload = "deepseek-v3",
                   plan = { tp = 8, pp = 1, ep = 3, dp = 30 } }
  end, "ep = 3 must divide experts = 256")
  -- The serving search tries EP: on 256 H800s the 671B model (FP8) does not fit a replica
  -- of 8 (84 GB per GPU); sharing the experts over replicas beats spreading each replica
  -- over InfiniBand (tp 16) or 61 pipeline stages.
  local s = assert(gp.inference_search { system = "dgx-h800", workload = "deepseek-v3",
                                         accelerators = 256, weight_bits = 8 })
  assert(s.best.plan.ep > 1, "best plan shares the experts: ep " .. s.best.plan.ep)
end)

T.done()
