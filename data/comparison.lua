-- glasspane default comparison: the design the GUI and scripts open with. Three machines of
-- about equal peak compute (dense BF16) train Llama 3 70B on 15T tokens in the world-average
-- grid; the DGX H100 cluster is the baseline. Systems are presets of data/systems.lua; any
-- field may be overridden here (see data/systems.lua for the rules).
--
-- Equal compute, by hand:
--   dgx-h100        1,024 x 989 TFLOP/s                  = 1,012.7 PFLOP/s
--   lite-gpu-glass  4,096 x 247.25 TFLOP/s (H100 / 4)    = 1,012.7 PFLOP/s
--   cs-3            64 x 15.84 PFLOP/s (dense estimate)  = 1,013.8 PFLOP/s (+0.1%; data/systems.lua
--                   says how the dense figure is estimated: 125 PFLOP/s counts sparsity)
--
-- Sources:
--   LLAMA3   Meta, "The Llama 3 Herd of Models", arXiv 2407.21783 (2024): pre-trained on
--            "over 15T tokens".
--   ACT2022  ACT (ISCA 2022) location.json: world-average grid 301 gCO2e/kWh.
--
-- Cooling and memory tiers (issue 18; figures in data/power.lua and data/memory.lua):
--   dgx-h100        air cooled (as the DGX H100 ships), 4 per rack; tiers: 80 GB HBM3 per
--                   GPU at 3.35 TB/s, no pooled tier (host DRAM is not an offload tier here).
--   lite-gpu-glass  direct liquid (a 512-GPU glass server draws ~154 kW, beyond air), one
--                   server per rack (flagged: over the 132 kW liquid rack limit); tiers:
--                   20 GB HBM3 per Lite-GPU at 837.5 GB/s. A DDR5 pool over the glass fabric
--                   is ready but off (capacity_gb = 0): 512 GB per 8 Lite-GPUs would give
--                   64 GB each at 50 GB/s (~250 ns) as the step model's second tier, for
--                   ~2.3 M USD that the host DRAM in server_cost_usd already partly pays
--                   for; examples/power-memory.lua shows it.
--   cs-3            liquid (the engine block), 44 GB SRAM per wafer and MemoryX (586 GB per
--                   system at 150 GB/s) as its second tier.
return {
  format = 1,
  kind = "design",
  name = "Lite-GPU glass vs DGX H100 vs CS-3 (Llama 3 70B)",
  study = {
    workload = "llama3-70b",         -- data/workloads.lua
    token_budget = 15e12,            -- LLAMA3: over 15T tokens
    grid_ci_g_per_kwh = 301,         -- ACT2022: world average
    cost_basis = "build",            -- what the parts cost to make; "purchase": what a buyer pays
    sources = {
      cost_basis = "models/gp-cost.h: build cost or purchase price, one basis for every part (README shows both)",
      token_budget = "Meta 2024, Llama 3 Herd: pre-trained on over 15T tokens",
      grid_ci_g_per_kwh = "ACT (ISCA 2022): world-average grid 301 gCO2e/kWh",
    },
  },
  systems = {
    { preset = "lite-gpu-glass",     -- 4,096 Lite-GPUs in 8 glass servers of 512
      power = { cooling = "liquid" },
      pool = { capacity_gb = 0, accels_per_pool = 8, ports = 16, port_gbps = 200,
               accel_ports = 2 } },  -- data/memory.lua ddr5-pool, off: set capacity_gb = 512
    { preset = "dgx-h100", power = { cooling = "air" } },  -- 128 DGX H100
    { preset = "cs-3", accelerators = 64,  -- 64 CS-3 (the preset's count, stated here)
      power = { cooling = "liquid" } },
  },
  baseline = "dgx-h100",
}
