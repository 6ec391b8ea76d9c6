-- test-validation.lua: the step-time model against published training runs, with ONE set of
-- figures per accelerator (data/systems.lua: dgx-a100, dgx-h100), nothing tuned per run.
-- Expected values are the published figures; the tolerances say how far the model may sit
-- from them and why (README "Validation against published runs" lists every row).
local T = require "tap"
local gp = require "glasspane"

-- assert COND, saying MSG (which carries the figures) when it fails.
function T.ok(cond, msg)
  if not cond then error(msg, 2) end
  print("# " .. msg)
end

-- A system preset's accelerator, and its topology resized to N accelerators.
local function strip(t)
  local o = {}
  for k, v in pairs(t) do if k ~= "sources" then o[k] = v end end
  return o
end
local function machine(name, n)
  local s = gp.preset("systems", name)
  local topo
  if type(s.topology) == "string" then
    topo = strip(gp.preset("topologies", s.topology))
  else
    topo = strip(gp.preset("topologies", s.topology.preset))
    for k, v in pairs(s.topology) do
      if k ~= "preset" and k ~= "sources" then topo[k] = v end
    end
  end
  topo.accelerators = n
  return strip(s.accel), topo
end

-- The best of a few micro-batch sizes and interleaves for a published layout: the papers
-- give the degrees, not always b and v, so the model is granted its best choice of them.
local function best(sys, n, wl, plan, key, bs, vs)
  local accel, topo = machine(sys, n)
  local top
  for _, b in ipairs(bs) do
    for _, v in ipairs(vs) do
      local p = {}
      for k, x in pairs(plan) do p[k] = x end
      p.microbatch_seqs, p.interleave = b, v
      local ok, r = pcall(gp.steptime, { accel = accel, topology = topo, workload = wl, plan = p })
      if ok and r and r[key] and (not top or r[key] > top[key]) then top = r end
    end
  end
  return top
end

-- Narayanan et al., SC21, Table 1: GPT models on DGX A100 (80 GB, 8 x HDR per node), seq
-- 2048, vocabulary 51,200, full recomputation, Megatron's unfused attention of 2021. The
-- published "% of peak" counts the FLOPs of Eq. 3 (with recomputation): glasspane's HFU.
local sc21 = {
  -- name, heads, hidden, layers, tp, pp, GPUs, batch, published share of peak
  { "1.7B", 24, 2304, 24, 1, 1, 32, 512, 0.44 },
  { "3.6B", 32, 3072, 30, 2, 1, 64, 512, 0.44 },
  { "7.5B", 32, 4096, 36, 4, 1, 128, 512, 0.46 },
  { "18B", 48, 6144, 40, 8, 1, 256, 1024, 0.43 },
  { "39B", 64, 8192, 48, 8, 2, 512, 1536, 0.44 },
  { "76B", 80, 10240, 60, 8, 4, 1024, 1792, 0.45 },
  { "145B", 96, 12288, 80, 8, 8, 1536, 2304, 0.47 },
  { "310B", 128, 16384, 96, 8, 16, 1920, 2160, 0.50 },
  { "530B", 128, 20480, 105, 8, 35, 2520, 2520, 0.52 },
  { "1T", 160, 25600, 128, 8, 64, 3072, 3072, 0.52 },
}

T.test("SC21 GPT family on A100: throughput per GPU rises with size, as published", function()
  local got = {}
  for i, row in ipairs(sc21) do
    local name, a, h, l, tp, pp, n, B, pub = table.unpack(row)
    local wl = strip(gp.preset("workloads", "gpt3-175b"))
    wl.name, wl.heads, wl.hidden_size, wl.layers = "sc21-" .. name, a, h, l
    wl.seq_len_tokens, wl.vocab_size, wl.batch_seqs = 2048, 51200, B
    local r = best("dgx-a100", n, wl, { tp = tp, pp = pp, dp = n // (tp * pp),
                   recompute = "full", dp_overlap = true, unfused_attention = true },
                   "hfu", { 1, 2, 4, 8 }, { 1, 2 })
    assert(r, name .. ": the published layout fits")
    got[i] = r.hfu
    -- No framework, launch or straggler overheads are modelled, so the model may run
    -- ahead of the published figure; 0.9x to 1.3x of it is the band it must stay in.
    T.ok(r.hfu >= 0.9 * pub and r.hfu <= 1.3 * pub,
         ("%s: %.3f of peak against the published %.2f"):format(name, r.hfu, pub))
  end
  -- The published figures rise 18% from 1.7B to 1T (0.44 -> 0.52): the model must rise too,
  -- by at least 10%, from the shapes alone (bigger GEMMs, smaller s^2 attention share).
  T.ok(got[#got] >= 1.10 * got[1], ("1T %.3f vs 1.7B %.3f"):format(got[#got], got[1]))
end)

-- Llama 3 (Meta 2024, sec. 3.3.2 and Table 4): 405B on H100 (NVLink inside 8-GPU nodes,
-- 400 Gb/s per GPU outside), 16M tokens per batch, BF16 MFU as published.
local function llama(seq)
  local wl = strip(gp.preset("workloads", "llama3-405b"))
  wl.seq_len_tokens, wl.batch_seqs = seq, 16777216 // seq
  return wl
end
local function llama_plan(tp, cp, pp, dp)
  return { tp = tp, cp = cp, pp = pp, dp = dp, recompute = "full", seq_parallel = true,
           tp_overlap = true, dp_overlap = true, zero_stage = 1 }
end

T.test("Llama 3 405B: published layouts on 8,192 and 16,384 H100 (126 layers on 16 stages)", function()
  -- 8,192 GPUs: TP 8, CP 1, PP 16, DP 64, MFU 43%. 16,384: DP 128, MFU 41%. The model is
  -- granted its best interleave; it has no straggler, launch or imbalance overheads, so it
  -- may run ahead: 0.9x to 1.25x of the published MFU.
  local r8 = best("dgx-h100", 8192, llama(8192), llama_plan(8, 1, 16, 64), "mfu", { 1 }, { 1, 2, 4 })
  assert(r8, "8,192-GPU layout fits")
  T.ok(r8.mfu >= 0.9 * 0.43 and r8.mfu <= 1.25 * 0.43, ("8,192: MFU %.3f vs 0.43"):format(r8.mfu))
  local r16 = best("dgx-h100", 16384, llama(8192), llama_plan(8, 1, 16, 128), "mfu", { 1 }, { 1, 2, 4 })
  assert(r16, "16,384-GPU layout fits")
  T.ok(r16.mfu >= 0.9 * 0.41 and r16.mfu <= 1.25 * 0.41, ("16,384: MFU %.3f vs 0.41"):format(r16.mfu))
  -- Halving the batch per replica raises the bubble share: MFU falls from 8,192 to 16,384
  -- GPUs, as published (43% -> 41%).
  T.ok(r16.mfu < r8.mfu, "MFU falls with scale at a fixed batch")
  -- Long context: TP 8, CP 16, PP 16, DP 8, 131,072-token sequences, published 38%. The
  -- K/V ring is hidden behind attention; the model counts attention FLOPs without the causal
  -- saving (SC21 convention) while the kernel skips the masked half, so its MFU for
  -- attention-heavy steps reads high: 0.9x to 1.5x.
  local rl = best("dgx-h100", 16384, llama(131072), llama_plan(8, 16, 16, 8), "mfu", { 1 }, { 1, 2, 4 })
  assert(rl, "long-context layout fits")
  T.ok(rl.mfu >= 0.9 * 0.38 and rl.mfu <= 1.5 * 0.38, ("CP 16: MFU %.3f vs 0.38"):format(rl.mfu))
  local cp
  for _, c in ipairs(rl.comms) do if c.collective == "context-parallel" then cp = c end end
  T.ok(cp and cp.time_s > 0 and cp.hidden_s > 0, "the CP ring runs and hides behind attention")
end)

T.test("the network decides: oversubscription and TP across servers (GPT-3 175B, 1,024 H100)", function()
  local accel, topo = machine("dgx-h100", 1024)
  local wl = "gpt3-175b"
  -- Megatron-LM's first takeaway (SC21 sec. 5.4): TP inside a server beats TP across two.
  local base = { pp = 8, microbatch_seqs = 1, recompute = "selective", seq_parallel = true,
                 tp_overlap = true, dp_overlap = true, zero_stage = 1 }
  local function with(t) local p = {} for k, v in pairs(base) do p[k] = v end for k, v in pairs(t) do p[k] = v end return p end
  local inside = gp.steptime { accel = accel, topology = topo, workload = wl, plan = with { tp = 8, dp = 16 } }
  local across = gp.steptime { accel = accel, topology = topo, workload = wl, plan = with { tp = 16, dp = 8 } }
  T.ok(inside.step_time_s < across.step_time_s,
       ("TP 8: %.2f s, TP 16 over two servers: %.2f s"):format(inside.step_time_s, across.step_time_s))
  -- A 4:1 oversubscribed core lengthens a DP-heavy step (ZeRO-3 gathers every micro-batch).
  local dpheavy = with { tp = 2, pp = 1, dp = 512, zero_stage = 3, recompute = "full" }
  dpheavy.pp = nil
  local open = gp.steptime { accel = accel, topology = topo, workload = wl, plan = dpheavy }
  local t4 = {} for k, v in pairs(topo) do t4[k] = v end
  t4.scaleout_oversubscription = 4
  local over = gp.steptime { accel = accel, topology = t4, workload = wl, plan = dpheavy }
  T.ok(over.step_time_s > 1.5 * open.step_time_s,
       ("TP 2 x ZeRO-3 DP 512: %.1f s non-blocking, %.1f s at 4:1"):format(open.step_time_s, over.step_time_s))
  T.ok(over.description:find("data-parallel", 1, true) ~= nil, over.description)
end)

-- MLPerf Training GPT-3 175B (published results): time to train from the benchmark's
-- checkpoint (4,000 steps of 1,536 sequences) to log perplexity 2.69 on C4. Tokens to the
-- target: ~1.2B (EE Times, 26 Jun 2023: "about 0.4% of the total training workload" of
-- GPT-3's 300B tokens; NVIDIA, Nov 2023: "on 1 billion tokens"; the rules evaluate every
-- 24,576 sequences = 50.3M tokens, mlcommons/training large_language_model/megatron-lm
-- README, so ~24 evaluations). Layouts as NVIDIA's submissions (training_results_v3.1
-- NVIDIA gpt3 configs: TP 4, PP 8, micro-batch 1, interleave 12, sequence parallel, TP
-- overlap, distributed optimizer; global batch = sequences per replica x DP: 8 at 10,752
-- GPUs; 16 assumed at 3,584 and 8 at 11,616, whose configs were not at hand). Selective
-- recomputation (the step does not fit 80 GB without it here). Expected values are the
-- published times; the model runs BF16 where the submissions ran FP8 (Transformer Engine),
-- so it may be slower, and it has no framework overheads, so it may be faster: within
-- 0.9x to 1.4x of the published time (README lists each row's difference and why).
T.test("MLPerf Training GPT-3 175B on H100: time to train within 0.9-1.4x of published", function()
  local runs = {
    -- GPUs, DP, sequences per replica, published minutes (round)
    { 3584, 112, 16, 10.94, "v3.0 CoreWeave/NVIDIA" },
    { 10752, 336, 8, 3.92, "v3.1 NVIDIA Eos" },
    { 11616, 363, 8, 3.4, "v4.0 NVIDIA" },
  }
  for _, c in ipairs(runs) do
    local n, dp, mb, pub, name = c[1], c[2], c[3], c[4], c[5]
    local accel, topo = machine("dgx-h100", n)
    local wl = strip(gp.preset("workloads", "gpt3-175b"))
    wl.batch_seqs = dp * mb
    local r = gp.steptime { accel = accel, topology = topo, workload = wl,
                            plan = { tp = 4, pp = 8, dp = dp, microbatch_seqs = 1, interleave = 12,
                                     recompute = "selective", seq_parallel = true, tp_overlap = true,
                                     dp_overlap = true, zero_stage = 1 } }
    local minutes = 1.2e9 / r.tokens_per_s / 60
    T.ok(minutes >= 0.9 * pub and minutes <= 1.4 * pub,
         ("%s, %d H100: %.2f min vs %.2f published (x%.2f)"):format(name, n, minutes, pub, minutes / pub))
  end
end)

-- DeepSeek-V3 (DeepSeek-AI 2024, arXiv 2412.19437): 2,048 H800 (data/systems.lua dgx-h800:
-- H100 compute, 8 NVLink links, 8 x 400 Gb/s InfiniBand per node), sec. 3.2: PP 16, EP 64
-- over 8 nodes, ZeRO-1 data parallelism, TP 1, DualPipe overlapping the all-to-alls with
-- computation (plan ep_overlap); sec. 4.2: sequence 4K, batch 15,360. Published (Table 1 and
-- sec. 1): 180K H800 GPU-hours per trillion tokens, 2.664M for the 14.8T-token pre-training
-- (2.788M with the context extension and post-training). Micro-batch and recomputation are
-- not published: the model is granted the best of b 1-2 and selective or full.
T.test("DeepSeek-V3 on 2,048 H800: GPU-hours per trillion tokens as published", function()
  local accel, topo = machine("dgx-h800", 2048)
  accel = strip(gp.preset("systems", "dgx-h100").accel) -- the H800 is the H100 die
  accel.name = "h800-sxm"
  local top
  for _, b in ipairs { 1, 2 } do
    for _, rc in ipairs { "selective", "full" } do
      local ok, r = pcall(gp.steptime, { accel = accel, topology = topo, workload = "deepseek-v3",
        plan = { dp = 128, pp = 16, tp = 1, ep = 64, zero_stage = 1, microbatch_seqs = b,
                 recompute = rc, dp_overlap = true, ep_overlap = true } })
      if ok and r and (not top or r.step_time_s < top.step_time_s) then top = r end
    end
  end
  assert(top, "the published layout fits")
  -- GPU-hours per 1e12 tokens = 2,048 x step / 3,600 x 1e12 / (15,360 x 4,096 tokens).
  local gpuh = 2048 * top.step_time_s / 3600 * 1e12 / (15360 * 4096)
  -- Tolerance 0.75x to 1.1x of the published 180K: the model has no straggler, launch or
  -- routing-imbalance losses beyond its 1.25 load factor, charges the 1F1B bubble where
  -- DualPipe runs a shorter one, and does not model the FP8 GEMMs the run used (those
  -- would make it faster still, but the run paid fine-grained quantisation and the batch
  -- ramp-up over the first 469B tokens). It lands ~15% fast.
  T.ok(gpuh >= 0.75 * 180e3 and gpuh <= 1.1 * 180e3,
       ("%.0f GPU-hours per trillion tokens vs published 180,000 (x%.3f); 14.8T tokens: %.3gM vs 2.664M"):format(
         gpuh, gpuh / 180e3, gpuh * 14.8 / 1e6))
  local ep
  for _, c in ipairs(top.comms) do if c.collective == "expert-parallel" then ep = c end end
  T.ok(ep and ep.time_s > 0 and ep.hidden_s > 0.5 * ep.time_s,
       ("the all-to-alls run (%.1f s per step) and DualPipe hides most of them"):format(ep.time_s))
  -- Without the overlap the all-to-alls are exposed: the step is slower, as the report's
  -- computation-to-communication ratio of about 1:1 says it would be.
  local blocking = gp.steptime { accel = accel, topology = topo, workload = "deepseek-v3",
    plan = { dp = 128, pp = 16, tp = 1, ep = 64, zero_stage = 1, microbatch_seqs = 1,
             recompute = "selective", dp_overlap = true } }
  T.ok(blocking.step_time_s > 1.3 * top.step_time_s,
       ("blocking all-to-alls: %.1f s vs %.1f s overlapped"):format(blocking.step_time_s, top.step_time_s))
end)

-- Narayanan et al., SC21, sec. 5.2 and Table 2: PTD-P against DeepSpeed ZeRO-3 without model
-- parallelism on DGX A100 at a fixed batch, per-GPU TFLOP/s with recomputation (Eq. 3 FLOPs,
-- i.e. HFU x 312). PTD-P is TP 8 x PP 12 for 175B and TP 8 x PP 35 for 530B, micro-batch 1.
-- ZeRO-3 runs b = B / GPUs (4, 2, 1); the 530B ZeRO-3 rows are 640 GPUs at batch 2,560, then
-- 1,120 and 2,240 GPUs at 2,240 (the paper's starred row: it did not fit on 560).
local function sc21_wl(size, B)
  local wl = strip(gp.preset("workloads", "gpt3-175b"))
  wl.seq_len_tokens, wl.vocab_size, wl.batch_seqs = 2048, 51200, B
  if size == "530B" then
    wl.name, wl.heads, wl.hidden_size, wl.layers = "sc21-530B", 128, 20480, 105
  end
  return wl
end
local sc21_plan = { recompute = "full", dp_overlap = true, unfused_attention = true }
local function with_plan(t) local p = {} for k, v in pairs(sc21_plan) do p[k] = v end for k, v in pairs(t) do p[k] = v end return p end

T.test("SC21 Table 2: PTD-P reproduced, ZeRO-3's fall with scale not (read ZeRO-3 as a ceiling)", function()
  -- PTD-P: the same 0.9x-1.3x band as the Table 1 rows (no framework overheads modelled),
  -- and per-GPU throughput falls as the GPUs double at a fixed batch (fewer micro-batches
  -- per pipeline, a larger bubble), as published (153 > 149 > 141; 171 > 167 > 159).
  local ptdp = {
    { "175B", 1536, 12, { { 384, 153 }, { 768, 149 }, { 1536, 141 } } },
    { "530B", 2240, 35, { { 560, 171 }, { 1120, 167 }, { 2240, 159 } } },
  }
  for _, set in ipairs(ptdp) do
    local size, B, pp, rows = table.unpack(set)
    local prev
    for _, row in ipairs(rows) do
      local n, pub = row[1], row[2]
      local r = best("dgx-a100", n, sc21_wl(size, B),
                     with_plan { tp = 8, pp = pp, dp = n // (8 * pp) }, "hfu", { 1 }, { 1, 2, 3 })
      assert(r, size .. " PTD-P on " .. n .. " fits")
      local tf = r.hfu * 312
      T.ok(tf >= 0.9 * pub and tf <= 1.3 * pub,
           ("%s PTD-P, %d GPUs: %.0f TFLOP/s per GPU against the published %d"):format(size, n, tf, pub))
      if prev then T.ok(tf < prev, ("%s PTD-P falls with GPUs: %.0f after %.0f"):format(size, tf, prev)) end
      prev = tf
    end
  end

  -- ZeRO-3 (175B, DP = all GPUs). What the model claims, worked by hand: each micro-batch
  -- gathers the fp16 weights W = 2 P bytes twice (forward, backward), each as a two-level
  -- ring: 8 GPUs over NVLink at 300 GB/s, then the N = GPUs/8 nodes over HDR at 25 GB/s
  -- per GPU on W/8:  t = 2 (7/8 W / 300e9 + (N - 1)/N W/8 / 25e9), P = 174.6e9 by SC21 Eq. 2
  -- (l 96, h 12288, V 51,200, s 2,048), latency terms under 0.1%. The per-GPU traffic does
  -- not grow with the GPU count, and the gathers hide behind compute but for the first layer.
  local P = 12 * 96 * 12288^2 * (1 + 13 / (12 * 12288) + (51200 + 2048) / (12 * 96 * 12288))
  local W = 2 * P
  local zero = {}
  for _, row in ipairs { { 384, 4, 144 }, { 768, 2, 88 }, { 1536, 1, 44 } } do
    local n, b, pub = table.unpack(row)
    local accel, topo = machine("dgx-a100", n)
    local r = gp.steptime { accel = accel, topology = topo, workload = sc21_wl("175B", 1536),
                            plan = with_plan { tp = 1, pp = 1, dp = n, zero_stage = 3,
                                               microbatch_seqs = b } }
    local z
    for _, c in ipairs(r.comms) do if c.collective == "zero-gather" then z = c end end
    local N = n / 8
    local hand = 2 * (7 / 8 * W / 300e9 + (N - 1) / N * W / 8 / 25e9)
    T.ok(z and math.abs(z.time_s - hand) <= 0.01 * hand,
         ("ZeRO-3 %d GPUs: gathers %.3f s per step, by hand %.3f s"):format(n, z and z.time_s or -1, hand))
    T.ok(z.exposed_s <= 0.02 * r.step_time_s,
         ("ZeRO-3 %d GPUs: %.2f s of the gathers exposed in a %.1f s step"):format(n, z.exposed_s, r.step_time_s))
    -- The documented miss (README): the published runs lose 1.6x, 2.6x and 5x of this.
    -- The model's figure must stay a ceiling: at or above the published one.
    local tf = r.hfu * 312
    T.ok(tf >= pub, ("ZeRO-3 %d GPUs: %.0f TFLOP/s per GPU, a ceiling over the published %d"):format(n, tf, pub))
    zero[#zero + 1] = tf
  end
  -- 530B: the same miss; the model's figures must stay ceilings over 138, 98 and 48.
  for _, row in ipairs { { 640, 4, 2560, 138 }, { 1120, 2, 2240, 98 }, { 2240, 1, 2240, 48 } } do
    local n, b, B, pub = table.unpack(row)
    local accel, topo = machine("dgx-a100", n)
    local r = gp.steptime { accel = accel, topology = topo, workload = sc21_wl("530B", B),
                            plan = with_plan { tp = 1, pp = 1, dp = n, zero_stage = 3,
                                               microbatch_seqs = b } }
    T.ok(r.hfu * 312 >= pub, ("530B ZeRO-3 %d GPUs: %.0f TFLOP/s per GPU, a ceiling over the published %d"):format(n, r.hfu * 312, pub))
  end
  -- Smaller micro-batches make smaller GEMMs, so the model's ZeRO-3 falls a little with
  -- scale (b 4 -> 1), but by under 15% where the published runs fall 3.3x (144 -> 44).
  T.ok(zero[1] > zero[2] and zero[2] > zero[3] and zero[3] > 0.85 * zero[1],
       ("ZeRO-3 per GPU: %.0f, %.0f, %.0f"):format(zero[1], zero[2], zero[3]))
end)

T.done()
