-- glasspane system presets: whole machines of the three families (models/gp-system.h), read
-- by scripting/gp-design.c.
--
-- Shape of an entry (the reader's rules; also what design files use):
--   * flat keys are gp_system_param_table (accelerators, server_cost_usd, ...);
--   * sub-tables: package (a name in data/packages.lua, or a table), accel (a table),
--     topology (data/topologies.lua), link (data/links.lua), failure (data/failures.lua),
--     carbon (data/carbon.lua "systems"). A string names a preset; a table may start from
--     one with `preset = "name"` and override any field (a package's `parts`, if given,
--     replace the whole list);
--   * an entry with neither `preset` nor `derive` is complete: every flat key and every
--     sub-table is given (link may be left out when use_scaleup_link = false), and a
--     sub-table without its own `preset` gives every required key;
--   * `preset = "name"` starts from an earlier system (in a design file: any system here);
--     `derive = { parent, fraction, optics, optics_usd_per_gbps, accels_per_server }`
--     builds a Lite-GPU with gp_system_derive_lite_with and gp_system_regroup (the rules
--     are in models/gp-system.c); the other keys then override;
--   * topology.accelerators follows accelerators unless a topology table gives it, and the
--     failure job (size, logic dies and area, HBM stacks, blast radius by family, spares
--     from failure.spare_share unless failure.spare_accel > 0 gives a count) and the
--     per-server carbon counts are filled from the system;
--     failure.accel_per_node is the host domain a node failure takes out (8 for a DGX; 32
--     quarter-H100 Lite-GPUs per host, so a glass server of 512 has 16 host domains).
--
-- Costs come in two bases (models/gp-cost.h; the study's cost_basis picks one): every priced
-- part has a build cost (what it costs to make) and a purchase price (what a buyer pays),
-- one of them sourced and the other sourced or derived through a sourced gross margin m
-- (price = build / (1 - m)). Packages: build cost from the die and package models, street
-- price in `cost`; servers, switches, transceivers and cables: the market figures here and
-- in data/topologies.lua are purchase prices, their build costs are in `cost`. Every cost
-- figure says "sourced" or "estimate" with a range. Powers are at training load; where only
-- a "max" is published it is used.
--
-- Sources (short keys):
--   BRIEF4    glasspane domain brief sec. 4 (published figures and their sources: H100,
--             A100, B200, DGX H100 ~10.2 kW max, DGX B200 ~14.3 kW max, WSE-2/CS-2,
--             WSE-3/CS-3, Lite-GPU derivation) and 3.3 (DGX H100 non-GPU parts ~32,000 USD,
--             SemiAnalysis via Epoch AI).
--   NVDGX     NVIDIA DGX H100 datasheet (2022): 2 TB system memory, 2 x 1.92 TB + 8 x 3.84 TB
--             NVMe, 8 x ConnectX-7 400 Gb/s, 4 NVSwitch.
--   NVDGXA    NVIDIA DGX A100 datasheet (2020): 6.5 kW max, 6 NVSwitch, 8 x ConnectX-6 200 Gb/s
--             HDR for compute. Not in the brief: weak (from the datasheet as recalled).
--   NVDGXB    NVIDIA DGX B200 datasheet (2024): 8 x ConnectX-7 400 Gb/s, 2 NVLink switch chips.
--             Not in the brief: weak.
--   MAMF      S. Bekman, "Machine Learning Engineering" (github.com/stas00/ml-engineering),
--             compute/accelerator "Maximum Achievable Matmul FLOPS comparison table": best
--             BF16 matmul over a sweep of large shapes: A100 SXM 267.9 of 312 TFLOP/s (85.9%),
--             H100 SXM 792.1 of 989 (80.1%).
--   NVMMB     NVIDIA, "Matrix Multiplication Background" user's guide (DU-09799-001, 2023):
--             cuBLAS tiles (256 x 128 the most efficient), tile and wave quantisation.
--   FA2/FA3   Dao, "FlashAttention-2" (2023): 50-73% of A100 peak forward; Shah et al.,
--             "FlashAttention-3" (2024): up to 75% of H100 peak forward in BF16.
--   CS2024    Cerebras WSE-3 / CS-3 announcement (March 2024): "twice the performance of
--             WSE-2 at the same power and price"; MemoryX up to 1.2 PB; clusters up to 2,048
--             CS-3 systems; "up to 8x" faster training with unstructured sparsity (as
--             reported by Tom's Hardware, 13 March 2024).
--   NEXTPL24  T. P. Morgan, "Cerebras Goes Hyperscale With Third Gen Waferscale
--             Supercomputers", The Next Platform, 14 March 2024: the WSE-3 core has an
--             eight-wide FP16 SIMD unit, up from four-wide in WSE-1 and WSE-2.
--   SANDIA24  Cerebras and Sandia National Laboratories, NeurIPS 2024 (press release, 10 Dec
--             2024): a 1-trillion-parameter model trained on a single CS-3 with a 55 TB
--             MemoryX; 16 CS-3 gave 15.3x.
-- The CS-3's dense peak is not published: the 125 PFLOP/s "peak AI" figure counts sparsity.
-- Looked for (issue 17, Dec 2026): the CS-3/WSE-3 product pages and announcement, coverage
-- of the Hot Chips 2024 WSE-3 inference talk, and papers benchmarking CS-2/CS-3 (e.g. the
-- WSE-2 roofline study at IA^3 2025); none gives a dense 16-bit FLOP/s figure or the core
-- clock. So it is derived from the published per-core figures: cores x FMAC per clock x 2
-- FLOP x clock = 900,000 cores (CS2024) x 8 FP16 FMAC (NEXTPL24: eight-wide FP16 SIMD) x 2
-- x ~1.1 GHz (clock not published; range 0.85-1.4 GHz) = 15.84 PFLOP/s (range 12.2-20.2).
-- Two cross-checks: 125 / 8 = 15.6, the vendor's "up to 8x" sparse speedup (CS2024); and
-- "twice the WSE-2" (CS2024) with WSE-2 the same way, 850,000 x 4 x 2 x 1.1 GHz = 7.48
-- PFLOP/s, gives 15.0 (15.7 with NEXTPL24's guessed ~5% clock gain).
--   PAT2021   Patterson et al., arXiv 2104.10350 (2021): Google data-centre PUE 1.10.
--   EIA2023   US EIA Electric Power Monthly: 2023 average retail price to industrial
--             customers ~8 cents/kWh.
--   LLMC      Faiz et al., LLMCarbon (ICLR 2024): 5-year hardware lifetime.
--   OCON17    O'Connor et al., "Fine-Grained DRAM", MICRO 2017: HBM2 ~3.9 pJ/bit (used as
--             an order of magnitude for HBM3/3e access energy).
--   ACT2022   ACT (ISCA 2022): 5 nm row EPA 2.75 kWh/cm2, GPA 430, MPA 500 g/cm2; Taiwan
--             grid 583 g/kWh, so 2.53 kgCO2e per cm2 of N5 silicon.
--   RJ2023    Raymond James analyst estimate (Aug 2023, reported by Barron's and Tom's
--             Hardware): an H100 costs Nvidia ~3,320 USD to make and sells for 25,000-30,000
--             USD.
--   NV10K     NVIDIA Form 10-K, fiscal 2024: GAAP gross margin 72.7%.
--   LUX2024   LuxOptx, "800G Optical Module Cost Analysis" (vendor blog): 400G QSFP-DD
--             600-800 USD; 800G OSFP-DR8 1,100-1,400 USD (volume) (weak: a seller's page).
--   CBRS      Cerebras Systems Form S-1 (2024): gross margin ~41% in H1 2024, ~34% in 2023
--             (weak: as recalled, not checked here).
--   EST       glasspane estimate; the comment says how it was derived.
--
-- Cost tables (`cost`, models/gp-cost.h; `cost = { preset = "dgx-h100", ... }` starts from an
-- earlier system's table). Build costs of network parts, all estimates:
--   NVSwitch (scaleup_switch_build_usd 200, range 100-500): a ~300 mm2 N5-class die at
--       16,988 USD per wafer, ~190 gross dies, yield ~0.75 -> ~120 USD, + package and test.
--   switch ASIC (scaleout_switch_asic_usd 500, range 300-1,000): a ~800 mm2 7 nm die (area
--       not published) at 9,346 USD per wafer, ~64 gross dies, yield ~0.5 -> ~290 USD, +
--       package and test ~200 USD.
--   switch board (scaleout_switch_board_usd 2,000, range 1,000-4,000): 1U board, CPU
--       module, two power supplies, fans, chassis, 64 cages.
--   400G module parts (range of the sum 100-450): lasers 20 (10-60), drivers and TIAs 20
--       (10-40), PAM4 DSP 40 (20-80), photonic die 30 (0-60), housing, coupling and test 100
--       (50-200); LUX2024's 600-800 USD street price is 3-4x that.
--   fibre (scaleout_cable_build_usd 40, range 20-80): MPO trunk, connectors, test.
--
-- Shared derivations (used by several entries):
--   power_delivery_efficiency 0.95  EST: 80 PLUS Titanium supplies are 94-96% efficient at
--       20-100% load; the published server maxima are at the supply inputs, so the
--       equipment inside draws 0.95 x that.
--   server_power_w  the residual that makes a server's total equal its published maximum:
--       max x 0.95 - accelerators x TDP - what the topology counts inside the server (its
--       scale-up switches and links) - its NIC-end optics. The accelerator end of each
--       NVLink is inside the GPU's TDP and is also counted by the topology; the residual
--       absorbs that overlap, so the server total stays the published one.
--   accel_memory_power_share  EST: HBM access at ~3.9 pJ/bit (OCON17) x full bandwidth / TDP.
--   accel_io_power_share  EST: NVLink per direction x 5.5 pJ/bit (data/links.lua nvlink4,
--       itself an estimate) + a PCIe x16 link at the same pJ/bit, over TDP.
--   integration_cost_fraction 0.05  EST: racks, cabling labour and installation; no source.
--   scaleup_switch_kgco2e 8  EST: an NVSwitch die of ~3 cm2 (area an estimate) at ACT2022's
--       N5 figure 2.53 kg/cm2 = 7.6 kg, + 0.4 kg package.
--   scaleout_switch_kgco2e 220  EST: a 1U switch as a server board (Boavizta 66.1 kg) + two
--       3 kg power supplies (2 x 72.9 kg, data/carbon.lua) + an ~3 cm2 ASIC (7.6 kg).
--   scaleout_transceiver_kgco2e 2.7  EST: a pluggable module's DSP (~1 cm2 at ACT2022's
--       7 nm row, Taiwan: (583 x 2.15 + 350 + 500)/1000 = 2.1 kg) + its optical engine
--       (0.6 kg, data/carbon.lua).
return {
  format = 1,
  kind = "systems",
  systems = {
    ---------------------------------------------------------------------------------------
    -- 128 DGX H100 = 1,024 H100 SXM, NVLink4 via NVSwitch inside, NDR fat tree outside.
    -- Same values as gp_system_init() (tests/test-system.c checks).
    {
      name = "dgx-h100", family = "dgx",
      accelerators = 1024,              -- EST: a 128-node cluster (SuperPOD-like)
      accels_per_server = 8,            -- BRIEF4
      server_cost_usd = 24000,          -- BRIEF4 32,000 non-GPU (sourced) - 4 x 2,000 NVSwitch (EST)
      server_power_w = 3353.2,          -- 10,200 x 0.95 - 8 x 700 - 676.8 - 60 (see below)
      host_dram_gb = 2048,              -- NVDGX
      host_ssd_gb = 34560,              -- NVDGX: 2 x 1,920 + 8 x 3,840
      integration_cost_fraction = 0.05, -- EST: range 0.02-0.10 (both bases)
      accel_memory_power_share = 0.15,  -- EST: 3.9 pJ/bit x 3.35 TB/s x 8 = 104.5 W of 700
      accel_io_power_share = 0.03,      -- EST: (3.6 + 0.512) Tb/s x 5.5 pJ/bit = 22.6 W of 700
      power_delivery_efficiency = 0.95, -- EST (header)
      pue = 1.1,                        -- PAT2021
      electricity_usd_per_kwh = 0.08,   -- EIA2023
      lifetime_years = 5,               -- LLMC
      use_scaleup_link = true,          -- NVLink energy from data/links.lua nvlink4
      scaleup_switch_kgco2e = 8,        -- EST (header)
      scaleup_transceiver_kgco2e = 0,   -- NVLink SerDes are inside the GPU and NVSwitch dies
      scaleout_switch_kgco2e = 220,     -- EST (header)
      scaleout_transceiver_kgco2e = 2.7,-- EST (header)
      package = "h100_cowos_s",
      accel = {
        name = "h100-sxm",
        peak_tflop_per_s = 989,         -- BRIEF4: dense BF16
        -- One set of compute figures per chip, from kernel benchmarks, not from any training
        -- run: the model times each GEMM from its shape (tile and wave quantisation on the
        -- SMs), attention and the memory-bound kernels separately (models/gp-steptime-compute.c).
        matmul_efficiency = 0.80,       -- MAMF: 792.1 of 989 TFLOP/s, best large BF16 GEMM
        compute_units = 132,            -- BRIEF4: 132 SMs enabled
        tile_m = 128, tile_n = 256,     -- CUTLASS: Hopper BF16 GEMM default CTA tile 128 x 256
        attention_efficiency = 0.50,    -- FA3 (EST range 0.40-0.60)
        mem_efficiency = 0.90,          -- EST: streaming kernels reach ~90% of HBM peak (0.85-0.93)
        comm_interference = 0.10,       -- EST: NCCL's ~16 channels hold ~16 of 132 SMs (0.05-0.20)
        mem_capacity_gb = 80,           -- BRIEF4
        mem_bw_gb_per_s = 3350,         -- BRIEF4
        mem_reserved_gb = 0,
        tier2_capacity_gb = 0, tier2_bw_gb_per_s = 0,
        power_w = 700,                  -- BRIEF4: TDP, taken as training power
        wafer_scale = false, sram_capacity_gb = 0, sram_bw_tb_per_s = 0, stream_bw_gb_per_s = 0,
        sources = {
          peak_tflop_per_s = "brief sec. 4 (NVIDIA H100 datasheet): 989 TFLOP/s dense BF16",
          matmul_efficiency = "Bekman, ml-engineering 'Maximum Achievable Matmul FLOPS' table: H100 SXM 792.1 of 989 TFLOP/s BF16 (80.1%), the best over a sweep of large shapes",
          compute_units = "brief sec. 4: 144 SMs on the die, 132 enabled",
          tile_m = "NVIDIA CUTLASS 3 Hopper warp-specialised BF16 GEMM: 128 x 256 CTA tile (the Matrix Multiplication Background guide, DU-09799-001, explains tile and wave quantisation for such tiles)",
          tile_n = "as tile_m",
          attention_efficiency = "estimate, range 0.40-0.60: FlashAttention-3 (Shah et al. 2024) reaches up to 740 TFLOP/s (75%) forward in BF16 and less in backward; FlashAttention-2 on H100 ~35-50%",
          mem_efficiency = "estimate, range 0.85-0.93: copy and triad kernels reach ~90% of HBM bandwidth on A100/H100 (published STREAM-style measurements)",
          comm_interference = "estimate, range 0.05-0.20: NCCL runs collectives on ~16 channels, one SM each (~12% of 132 SMs), and shares HBM bandwidth with the GEMMs it overlaps (brief 3.8)",
          mem_capacity_gb = "brief sec. 4: 80 GB HBM3", mem_bw_gb_per_s = "brief sec. 4: 3.35 TB/s",
          power_w = "brief sec. 4: 700 W TDP, taken as the power in training",
        },
      },
      topology = "dgx-h100-ndr",        -- data/topologies.lua (NVSwitch inside, NDR outside)
      link = "nvlink4",                 -- data/links.lua
      failure = {
        preset = "llama3-405b-h100",    -- data/failures.lua: Llama 3 rates per mm2/die/stack/link/node
        n_accel = 1024,                 -- the preset's 1.6% spare share: 16 spares
      },
      carbon = "dgx_h100",              -- data/carbon.lua: per-server parts
      cost = {
        package_price_usd = 27500,      -- RJ2023: 25,000-30,000 USD street price, midpoint
        package_gross_margin = 0.875,   -- derived: 1 - 3,436 / 27,500 (this model's build cost)
        server_gross_margin = 0.15,     -- EST: range 0.10-0.40 (server makers' margins)
        scaleup_switch_build_usd = 200, -- EST (header): range 100-500
        scaleup_transceiver_build_usd = 0, scaleup_cable_build_usd = 0,  -- SerDes in the dies, traces
        scaleout_switch_asic_usd = 500, -- EST (header): range 300-1,000
        scaleout_switch_board_usd = 2000, -- EST (header): range 1,000-4,000
        scaleout_xcvr_laser_usd = 20, scaleout_xcvr_driver_usd = 20,  -- EST (header)
        scaleout_xcvr_dsp_usd = 40, scaleout_xcvr_pic_usd = 30,       -- EST (header)
        scaleout_xcvr_assembly_usd = 100,                             -- EST (header)
        scaleout_cable_build_usd = 40,  -- EST (header): range 20-80
        sources = {
          package_price_usd = "sourced: Raymond James (2023, via Barron's / Tom's Hardware): H100 sells for 25,000-30,000 USD; midpoint",
          package_gross_margin = "derived: 1 - this model's H100 build cost 3,436 USD / 27,500 USD; range 0.727 (NVIDIA FY2024 10-K GAAP gross margin, all products) to 0.89 (Raymond James 3,320 vs 30,000); used for packages without a street price (a derived Lite-GPU)",
          server_gross_margin = "estimate: server makers' gross margins, range 0.10-0.40; the 24,000 USD server figure is a price (brief 3.3)",
          scaleup_switch_build_usd = "estimate: ~300 mm2 N5-class NVSwitch die by the die model's arithmetic + package; range 100-500",
          scaleout_switch_asic_usd = "estimate: ~800 mm2 7 nm switch die (area not published) + package and test; range 300-1,000",
          scaleout_switch_board_usd = "estimate: board, CPU module, power supplies, fans, chassis; range 1,000-4,000",
          scaleout_xcvr_laser_usd = "estimate: range 10-60", scaleout_xcvr_driver_usd = "estimate: range 10-40",
          scaleout_xcvr_dsp_usd = "estimate: range 20-80", scaleout_xcvr_pic_usd = "estimate: range 0-60",
          scaleout_xcvr_assembly_usd = "estimate: range 50-200",
          scaleout_cable_build_usd = "estimate: range 20-80",
        },
      },
      power = {                         -- data/power.lua figures (models/gp-power.h)
        cooling = "air",                -- NVDGX: the DGX H100 is air cooled
        clock_mhz = 1980,               -- NVIDIA H100 datasheet: max boost (SXM5)
        servers_per_rack = 4,           -- NVIDIA DGX SuperPOD: 4 DGX H100 per rack
        sources = {
          cooling = "NVIDIA DGX H100 datasheet: air cooled",
          clock_mhz = "NVIDIA H100 datasheet: max boost 1,980 MHz",
          servers_per_rack = "NVIDIA DGX SuperPOD (H100) reference: 4 DGX per rack",
        },
      },
      sources = {
        accelerators = "estimate: 128 DGX H100 nodes, a SuperPOD-sized cluster",
        accels_per_server = "brief sec. 4: DGX H100 = 8 x H100",
        server_cost_usd = "brief 3.3: DGX H100 non-GPU parts ~32,000 USD (SemiAnalysis via Epoch AI), less the 4 NVSwitch chips the topology prices at 2,000 USD each (estimate)",
        server_power_w = "derived: DGX H100 ~10.2 kW max (brief sec. 4) x 0.95 delivery - 8 x 700 W GPUs - 676.8 W NVSwitch and NVLink as the topology counts them (4 x 90 W + 288 link ends x 200 Gb/s x 5.5 pJ/bit) - 60 W NIC-end optics (8 x 400 Gb/s x 18.75 pJ/bit)",
        host_dram_gb = "NVIDIA DGX H100 datasheet: 2 TB", host_ssd_gb = "NVIDIA DGX H100 datasheet: 2 x 1.92 TB + 8 x 3.84 TB NVMe",
        integration_cost_fraction = "estimate: racks, cabling labour, installation; no published figure; range 0.02-0.10",
        accel_memory_power_share = "estimate: HBM at ~3.9 pJ/bit (O'Connor et al. MICRO 2017, HBM2) x 3.35 TB/s = 104.5 W of 700 W",
        accel_io_power_share = "estimate: NVLink 3.6 Tb/s + PCIe 0.512 Tb/s per direction x 5.5 pJ/bit (data/links.lua nvlink4, estimate) = 22.6 W of 700 W",
        power_delivery_efficiency = "estimate: 80 PLUS Titanium supplies, 94-96% at 20-100% load",
        pue = "Patterson et al. 2021: Google data-centre PUE 1.10",
        electricity_usd_per_kwh = "US EIA Electric Power Monthly: 2023 average industrial price ~8 cents/kWh",
        lifetime_years = "LLMCarbon (ICLR 2024): 5-year lifetime",
        scaleup_switch_kgco2e = "estimate: ~3 cm2 NVSwitch die at ACT's N5 figure (2.53 kg/cm2) + package",
        scaleout_switch_kgco2e = "estimate: board 66.1 kg (Boavizta) + 2 power supplies (2 x 72.9 kg) + ASIC 7.6 kg",
        scaleout_transceiver_kgco2e = "estimate: DSP die ~1 cm2 at ACT 7 nm (2.1 kg) + optical engine 0.6 kg",
      },
    },
    ---------------------------------------------------------------------------------------
    -- 256 DGX H800 = 2,048 H800 SXM: DeepSeek-V3's training cluster (DSV3 sec. 3.1). The
    -- H800 is the export-limited H100: the same die, compute and HBM, NVLink cut from 18 to
    -- 8 links (400 GB/s both directions instead of 900); 8 GPUs per node on NVLink/NVSwitch,
    -- 8 x 400 Gb/s InfiniBand per node. Everything else as dgx-h100.
    {
      preset = "dgx-h100", name = "dgx-h800",
      accelerators = 2048,              -- DSV3 sec. 3.1: 2,048 H800 GPUs
      accel = { name = "h800-sxm",
                sources = { peak_tflop_per_s = "NVIDIA H800 SXM datasheet: compute as H100 SXM (989 TFLOP/s dense BF16); export rules cut its NVLink only" } },
      topology = {
        preset = "dgx-h100-ndr", name = "dgx-h800-ib", accelerators = 2048,
        scaleup_links_per_accel = 8,    -- H800: 400 GB/s = 8 links x 50 GB/s both directions
        sources = {
          accelerators = "DeepSeek-V3 report sec. 3.1: 2,048 H800 GPUs, 8 per node",
          scaleup_links_per_accel = "NVIDIA H800 SXM datasheet: NVLink 400 GB/s (H100 SXM: 900 GB/s over 18 links), i.e. 8 NVLink4 links",
          scaleout_ports_per_node = "DeepSeek-V3 report sec. 3.1 (and DGX H100): 8 x 400 Gb/s InfiniBand per node",
        },
      },
      failure = { preset = "llama3-405b-h100", n_accel = 2048 },
      sources = {
        accelerators = "DeepSeek-AI, DeepSeek-V3 Technical Report (arXiv 2412.19437), sec. 3.1: a cluster of 2,048 NVIDIA H800 GPUs, 8 per node on NVLink and NVSwitch, InfiniBand between nodes",
      },
    },
    ---------------------------------------------------------------------------------------
    -- 128 DGX B200 = 1,024 B200: two reticle-sized dies on CoWoS-L, 8 HBM3e stacks.
    {
      name = "dgx-b200", family = "dgx",
      accelerators = 1024, accels_per_server = 8,   -- EST cluster size; BRIEF4 8 per DGX
      server_cost_usd = 28000,          -- EST: DGX H100's 32,000 non-GPU - 2 x 2,000 switch chips; range 24,000-40,000
      server_power_w = 4711.4,          -- 14,300 x 0.95 - 8 x 1,000 - 813.6 - 60
      host_dram_gb = 2048, host_ssd_gb = 34560,     -- EST: as DGX H100
      integration_cost_fraction = 0.05, -- EST: range 0.02-0.10 (both bases)
      accel_memory_power_share = 0.25,  -- EST: 3.9 pJ/bit x 8 TB/s x 8 = 249.6 W of 1,000
      accel_io_power_share = 0.04,      -- EST: (7.2 + 0.512) Tb/s x 5.5 pJ/bit = 42.4 W of 1,000
      power_delivery_efficiency = 0.95, pue = 1.1, electricity_usd_per_kwh = 0.08,
      lifetime_years = 5, use_scaleup_link = true,
      scaleup_switch_kgco2e = 8, scaleup_transceiver_kgco2e = 0,
      scaleout_switch_kgco2e = 220, scaleout_transceiver_kgco2e = 2.7,
      package = {
        name = "b200_cowos_l",
        carrier = "rdl",                -- EST: CoWoS-L is an RDL interposer with local silicon bridges
        carrier_width_mm = 44, carrier_height_mm = 75,  -- EST: 3,300 mm2 for 2 x 800 + 8 x 110 mm2
        carrier_usd_per_mm2 = 0.017,    -- CA2022 RDL wafer 1,200 USD / 70,686 mm2
        carrier_yield = 1,
        carrier_node = "", carrier_d0_per_cm2 = 0.05, carrier_alpha = 3,  -- CA2022 fan-out RDL
        carrier_known_good = true,      -- EST: chip-last, as CoWoS
        substrate_width_mm = 114.9, substrate_height_mm = 114.9,  -- CA2022 rule: 4 x 3,300 mm2
        substrate_usd_per_mm2 = 0.005, substrate_yield = 1,       -- CA2022
        bond_yield_microbump = 0.96, bond_yield_hybrid = 0.95,    -- BRIEF33 (CAPA)
        bond_yield_substrate = 0.99, bond_yield_rdl = 0.98,       -- BRIEF33, CA2022
        assembly_cost_usd = 996,        -- EST: H100's 490 USD x 3,300 / 1,623.6 mm2; range 500-2,000
        bond_cost_usd = 2, final_test_cost_usd = 25, final_test_yield = 1,  -- EST: as H100
        peak_pflops = 2.25,             -- BRIEF4
        parts = {
          {
            name = "B200 die", kind = "logic", count = 2, known_good = true, bond = "rdl",
            node = "N5",                -- BRIEF4: 4NP, an N5-class process
            die_width_mm = 25, die_height_mm = 32,  -- EST: 800 mm2, near the 858 mm2 reticle
            units = 80, spares = 6,     -- weak: 148 of 160 SMs enabled (third-party reports)
            unit_area_mm2 = 4.95,       -- EST: the H100 preset's SM share (49.5%) of 800 mm2 / 80
            nonrepairable_mm2 = 403,    -- EST: the H100 preset's non-repairable share (50.4%)
            test_cost_usd = 0,
            sources = {
              node = "brief sec. 4: B200 on 4NP (N5 class)",
              die_width_mm = "estimate: two reticle-limited dies (brief sec. 4: 2 dies); 800 mm2 taken",
              units = "weak: third-party reports of 148 SMs enabled out of 160 (80 per die)",
              unit_area_mm2 = "estimate: the H100 preset's SM share of die area",
              nonrepairable_mm2 = "estimate: the H100 preset's non-repairable share of die area",
            },
          },
          {
            name = "HBM3e stack", kind = "hbm", count = 8, known_good = true, bond = "rdl",
            capacity_gb = 24,           -- BRIEF4: 192 GB / 8 stacks
            usd_per_gb = 15,            -- EST: the brief's HBM3 figure; no HBM3e price given; range 15-25
            hbm_generation = "hbm3e", yield = 0.99,
            sources = {
              capacity_gb = "brief sec. 4: 192 GB HBM3e, in 8 stacks of 24 GB",
              usd_per_gb = "estimate: the brief's HBM3 15 USD/GB (3.3); HBM3e costs more",
            },
          },
        },
        sources = {
          carrier = "estimate: CoWoS-L modelled as an RDL interposer",
          carrier_width_mm = "estimate: ~3,300 mm2 to hold two ~800 mm2 dies and 8 stacks",
          carrier_usd_per_mm2 = "Chiplet Actuary (DAC 2022): fan-out RDL wafer 1,200 USD over a 300 mm wafer",
          carrier_d0_per_cm2 = "Chiplet Actuary (DAC 2022): fan-out RDL D0 0.05/cm2",
          carrier_alpha = "Chiplet Actuary (DAC 2022): fan-out RDL clustering 3",
          substrate_width_mm = "Chiplet Actuary (DAC 2022): substrate 4 x the carrier area",
          assembly_cost_usd = "estimate: the H100 preset's calibrated 490 USD scaled by carrier area",
          peak_pflops = "brief sec. 4: 2,250 TFLOP/s dense BF16",
        },
      },
      accel = {
        name = "b200", peak_tflop_per_s = 2250,   -- BRIEF4
        matmul_efficiency = 0.80,                 -- EST: as H100's MAMF (0.70-0.85)
        compute_units = 148,                      -- weak: 148 SMs (see the die part above)
        tile_m = 128, tile_n = 256,               -- EST: as H100
        attention_efficiency = 0.50,              -- EST: as H100
        mem_efficiency = 0.90, comm_interference = 0.10,  -- EST: as H100
        mem_capacity_gb = 192, mem_bw_gb_per_s = 8000,  -- BRIEF4
        mem_reserved_gb = 0, tier2_capacity_gb = 0, tier2_bw_gb_per_s = 0,
        power_w = 1000,                           -- BRIEF4
        wafer_scale = false, sram_capacity_gb = 0, sram_bw_tb_per_s = 0, stream_bw_gb_per_s = 0,
        sources = {
          peak_tflop_per_s = "brief sec. 4: 2,250 TFLOP/s dense BF16 at 1,000 W",
          mem_capacity_gb = "brief sec. 4: 192 GB HBM3e", mem_bw_gb_per_s = "brief sec. 4: 8 TB/s",
          power_w = "brief sec. 4: 1,000 W", matmul_efficiency = "estimate, range 0.70-0.85: H100's measured large-GEMM efficiency (no B200 figure in hand)",
          compute_units = "weak: third-party reports of 148 SMs enabled", tile_m = "estimate: as H100", tile_n = "estimate: as H100",
          attention_efficiency = "estimate: as H100", mem_efficiency = "estimate: as H100", comm_interference = "estimate: as H100",
        },
      },
      topology = {
        preset = "dgx-h100-ndr", name = "dgx-b200-ndr",
        scaleup_link_rate_gbps = 400,   -- BRIEF4: NVLink5 1.8 TB/s = 18 links x 50 GB/s per direction
        scaleup_switches_per_node = 2,  -- NVDGXB (weak)
        scaleup_switch_radix = 72,      -- EST: NVLink5 switch chip, 72 ports
        sources = {
          scaleup_link_rate_gbps = "brief sec. 4: NVLink5 1.8 TB/s over 18 links (400 Gb/s each way)",
          scaleup_switches_per_node = "NVIDIA DGX B200 datasheet: 2 NVLink switch chips (weak, not in the brief)",
          scaleup_switch_radix = "estimate",
        },
      },
      link = { preset = "nvlink4", name = "nvlink5", lane_rate_gbps = 200,  -- 2 x 200G per link
               sources = { lane_rate_gbps = "NVLink5: 50 GB/s per link per direction = 2 x 200 Gb/s",
                           serdes_pj_per_bit = "estimate: as nvlink4 (no published NVLink5 figure)" } },
      failure = {
        preset = "llama3-405b-h100", n_accel = 1024,
        sources = { area_failures_per_hour_mm2 = "estimate: the Llama 3 H100 rates per mm2, die, stack and link applied to B200's own" },
      },
      carbon = "dgx_h100",              -- EST: per-server parts as DGX H100
      cost = {
        preset = "dgx-h100",            -- network parts and margins as DGX H100 (estimates)
        package_price_usd = 0,          -- EST: no street price taken; build / (1 - 0.875)
        sources = { package_price_usd = "estimate: no published B200 price used; the H100's implied margin 0.875 (range 0.727-0.89) prices it" },
      },
      power = {
        cooling = "air",                -- NVDGXB: the DGX B200 is air cooled
        clock_mhz = 1965,               -- EST: B200 boost is not published; ~H100's
        servers_per_rack = 2,           -- EST: 2 x 14.3 kW per air-cooled rack
        sources = {
          cooling = "NVIDIA DGX B200 datasheet: air cooled",
          clock_mhz = "estimate: no published B200 boost clock; near the H100's",
          servers_per_rack = "estimate: two 14.3 kW DGX B200 per air-cooled rack",
        },
      },
      sources = {
        server_cost_usd = "estimate: DGX H100's 32,000 USD non-GPU parts (brief 3.3) less 2 switch chips at 2,000 USD priced by the topology",
        server_power_w = "derived: DGX B200 ~14.3 kW max (brief sec. 4) x 0.95 - 8 x 1,000 W - 813.6 W NVSwitch/NVLink as the topology counts them (2 x 90 W + 288 ends x 400 Gb/s x 5.5 pJ/bit) - 60 W NIC-end optics",
        host_dram_gb = "estimate: as DGX H100",
        accel_memory_power_share = "estimate: ~3.9 pJ/bit x 8 TB/s = 249.6 W of 1,000 W",
        accel_io_power_share = "estimate: (7.2 + 0.512) Tb/s x 5.5 pJ/bit = 42.4 W of 1,000 W",
      },
    },
    ---------------------------------------------------------------------------------------
    -- 128 DGX A100 (80 GB) = 1,024 A100 SXM, historical.
    {
      name = "dgx-a100", family = "dgx",
      accelerators = 1024, accels_per_server = 8,
      server_cost_usd = 20000,          -- EST: DGX H100's 32,000 non-GPU - 6 x 2,000 NVSwitch; range 15,000-30,000
      server_power_w = 2193.8,          -- 6,500 x 0.95 - 8 x 400 - 751.2 - 30
      host_dram_gb = 2048, host_ssd_gb = 34560,     -- EST: DGX A100 640GB lists the same
      integration_cost_fraction = 0.05,
      accel_memory_power_share = 0.16,  -- EST: 3.9 pJ/bit x 2.039 TB/s x 8 = 63.6 W of 400
      accel_io_power_share = 0.04,      -- EST: (2.4 + 0.256) Tb/s x 5.5 pJ/bit = 14.6 W of 400
      power_delivery_efficiency = 0.95, pue = 1.1, electricity_usd_per_kwh = 0.08,
      lifetime_years = 5, use_scaleup_link = true,
      scaleup_switch_kgco2e = 8, scaleup_transceiver_kgco2e = 0,
      scaleout_switch_kgco2e = 220, scaleout_transceiver_kgco2e = 2.7,
      package = "a100_cowos_s",         -- data/packages.lua (80 GB, 5 active HBM2e stacks)
      accel = {
        name = "a100-sxm-80gb", peak_tflop_per_s = 312,   -- BRIEF4
        matmul_efficiency = 0.86,                         -- MAMF: 267.9 of 312 TFLOP/s
        compute_units = 108,                              -- BRIEF4: 108 SMs enabled
        tile_m = 256, tile_n = 128,                       -- NVMMB: typical cuBLAS tile on A100
        attention_efficiency = 0.55,                      -- FA2 (EST range 0.45-0.65)
        mem_efficiency = 0.90, comm_interference = 0.10,  -- EST: as H100
        mem_capacity_gb = 80, mem_bw_gb_per_s = 2039,     -- BRIEF4: 80 GB at 2.04 TB/s
        mem_reserved_gb = 0, tier2_capacity_gb = 0, tier2_bw_gb_per_s = 0,
        power_w = 400,                                    -- BRIEF4
        wafer_scale = false, sram_capacity_gb = 0, sram_bw_tb_per_s = 0, stream_bw_gb_per_s = 0,
        sources = {
          peak_tflop_per_s = "brief sec. 4: 312 TFLOP/s BF16",
          mem_bw_gb_per_s = "brief sec. 4: 80 GB at 2.04 TB/s", power_w = "brief sec. 4: 400 W",
          matmul_efficiency = "Bekman, ml-engineering 'Maximum Achievable Matmul FLOPS' table: A100 SXM 267.9 of 312 TFLOP/s BF16 (85.9%)",
          compute_units = "brief sec. 4: 128 SMs on the die, 108 enabled",
          tile_m = "NVIDIA Matrix Multiplication Background guide (DU-09799-001, sec. 2.3 and 3): 256 x 128 is cuBLAS's most efficient tile, the one its wave-quantisation example uses on A100's 108 SMs",
          tile_n = "as tile_m",
          attention_efficiency = "estimate, range 0.45-0.65: FlashAttention-2 (Dao 2023) reaches 50-73% of A100 peak forward and ~55-60% forward + backward at head size 128",
          mem_efficiency = "estimate: as H100", comm_interference = "estimate: as H100",
        },
      },
      topology = {
        preset = "dgx-h100-ndr", name = "dgx-a100-hdr",
        scaleup_links_per_accel = 12,   -- BRIEF4: NVLink3 600 GB/s = 12 x 25 GB/s each way
        scaleup_link_rate_gbps = 200,
        scaleup_switches_per_node = 6,  -- NVDGXA
        scaleup_switch_radix = 36,      -- EST: second-generation NVSwitch
        scaleout_port_rate_gbps = 200,  -- NVDGXA: HDR 200 Gb/s
        scaleout_switch_radix = 40,     -- EST: 40-port HDR switch
        sources = {
          scaleup_links_per_accel = "brief sec. 4: NVLink3 600 GB/s (12 links x 25 GB/s per direction)",
          scaleup_switches_per_node = "NVIDIA DGX A100 datasheet: 6 NVSwitch (weak, not in the brief)",
          scaleout_port_rate_gbps = "NVIDIA DGX A100 datasheet: 8 x 200 Gb/s HDR (weak)",
          scaleup_switch_radix = "estimate", scaleout_switch_radix = "estimate: 40-port HDR switch",
        },
      },
      link = { preset = "nvlink4", name = "nvlink3", lane_rate_gbps = 50, lanes = 4,
               sources = { lane_rate_gbps = "NVLink3: 25 GB/s per link per direction = 4 x 50 Gb/s",
                           serdes_pj_per_bit = "estimate: as nvlink4" } },
      failure = { preset = "llama3-405b-h100", n_accel = 1024,
                  sources = { area_failures_per_hour_mm2 = "estimate: the Llama 3 H100 rates per mm2, die, stack and link applied to A100's own" } },
      carbon = "dgx_h100",              -- EST: as DGX H100
      cost = {
        preset = "dgx-h100",            -- network parts and margins as DGX H100 (estimates)
        package_price_usd = 0,          -- EST: no street price taken; build / (1 - 0.875)
        sources = { package_price_usd = "estimate: no published A100 price used; the H100's implied margin 0.875 (range 0.727-0.89) prices it" },
      },
      power = {
        cooling = "air",                -- NVDGXA: the DGX A100 is air cooled
        clock_mhz = 1410,               -- NVIDIA A100 whitepaper: boost 1,410 MHz
        servers_per_rack = 4,           -- EST: 4 x 6.5 kW per rack
        sources = {
          cooling = "NVIDIA DGX A100 datasheet: air cooled",
          clock_mhz = "NVIDIA A100 whitepaper: boost 1,410 MHz",
          servers_per_rack = "estimate: 4 DGX A100 per rack",
        },
      },
      sources = {
        server_power_w = "derived: DGX A100 6.5 kW max (datasheet, weak) x 0.95 - 8 x 400 W - 751.2 W (6 x 90 W + 192 ends x 200 Gb/s x 5.5 pJ/bit) - 30 W NIC-end optics (8 x 200 Gb/s x 18.75 pJ/bit)",
        server_cost_usd = "estimate: DGX H100's non-GPU 32,000 USD less 6 NVSwitch chips priced by the topology",
      },
    },
    ---------------------------------------------------------------------------------------
    -- Cerebras CS-3 (WSE-3): one wafer per system; weights resident in SRAM when they fit,
    -- else streamed from MemoryX; data-parallel scale-out (or a pipeline of resident
    -- layers). 64 systems = 1,013.8 PFLOP/s dense (estimate above), about the 1,012.7
    -- PFLOP/s of 1,024 H100.
    {
      name = "cs-3", family = "wafer_scale",
      accelerators = 64,                -- 1,012.7 / 15.84 = 63.9 -> 64 (the default comparison)
      accels_per_server = 1,            -- one wafer per system
      server_cost_usd = 150157,         -- EST: 23 kW x 3,137 USD/kW + 78,000 (see sources); range 75,000-300,000
      server_power_w = 4558,            -- 23,000 x 0.95 - 17,250 - 42
      host_dram_gb = 586,               -- EST: the system's share of MemoryX, taken as DRAM
      host_ssd_gb = 0,
      integration_cost_fraction = 0.05,
      accel_memory_power_share = 0.10,  -- EST: no published split of the wafer's power
      accel_io_power_share = 0.01,      -- EST
      power_delivery_efficiency = 0.95, pue = 1.1, electricity_usd_per_kwh = 0.08,
      lifetime_years = 5,
      use_scaleup_link = false,         -- the on-wafer fabric is inside the wafer's power
      scaleup_switch_kgco2e = 0, scaleup_transceiver_kgco2e = 0,
      scaleout_switch_kgco2e = 220, scaleout_transceiver_kgco2e = 2.7,
      package = { preset = "wse3_wafer_scale",
                  peak_pflops = 15.84,  -- dense estimate, as accel below (the preset holds the vendor's sparse 125)
                  sources = { peak_pflops = "estimate: 900,000 cores x 8 FP16 FMAC x 2 x ~1.1 GHz (NEXTPL24), range 12.2-20.2" } },
      accel = {
        name = "wse-3",
        peak_tflop_per_s = 15840,       -- EST: 900,000 x 8 x 2 x 1.1 GHz (NEXTPL24), range 12,200-20,200
        matmul_efficiency = 0.50,       -- EST: as the GPUs' calibration; no published MFU
        compute_units = 0,              -- no tile/wave quantisation modelled on the core mesh
        tile_m = 1, tile_n = 1,
        attention_efficiency = 0.50,    -- EST: as matmul_efficiency
        mem_efficiency = 0.90,          -- EST: as the GPUs' streaming share
        comm_interference = 0,          -- no hidden collectives in wafer mode
        mem_capacity_gb = 0, mem_bw_gb_per_s = 0, mem_reserved_gb = 0,  -- unused: SRAM below
        tier2_capacity_gb = 586,        -- EST: MemoryX 1.2 PB / 2,048 systems (CS2024)
        tier2_bw_gb_per_s = 150,        -- BRIEF4: ~1.2 Tb/s of system I/O
        power_w = 17250,                -- EST: 23 kW system x 15/20 (CS-2's chip share, BRIEF4)
        wafer_scale = true,
        sram_capacity_gb = 44,          -- BRIEF4
        sram_bw_tb_per_s = 21000,       -- BRIEF4: 21 PB/s
        stream_bw_gb_per_s = 150,       -- BRIEF4: ~1.2 Tb/s = 150 GB/s each way
        sources = {
          peak_tflop_per_s = "derived, not published (no dense figure or clock in Cerebras' CS-3/WSE-3 material, the Hot Chips 2024 talk's coverage or CS-2/CS-3 benchmark papers; 125 PFLOP/s counts sparsity): 900,000 cores x 8-wide FP16 SIMD (The Next Platform, 14 Mar 2024) x 2 FLOP x ~1.1 GHz (estimated clock) = 15.84 PFLOP/s, range 12.2-20.2 for 0.85-1.4 GHz; agrees with 125 / 8 (the vendor's 'up to 8x' sparse speedup) and with twice the WSE-2 derived the same way (2 x 7.48)",
          matmul_efficiency = "estimate: the GPUs' calibrated value (no published wafer-scale MFU), so no family is favoured",
          attention_efficiency = "estimate: as matmul_efficiency", mem_efficiency = "estimate: as the GPUs' streaming kernels",
          tier2_capacity_gb = "estimate: the largest MemoryX (1.2 PB) over the largest cluster (2,048 CS-3), Cerebras 2024",
          tier2_bw_gb_per_s = "brief sec. 4: CS-3 ~1.2 Tb/s of I/O (ALCF)",
          power_w = "estimate: 23 kW system (brief sec. 4) x the CS-2's chip share 15/20 kW",
          sram_capacity_gb = "brief sec. 4: 44 GB SRAM", sram_bw_tb_per_s = "brief sec. 4: 21 PB/s",
          stream_bw_gb_per_s = "brief sec. 4: ~1.2 Tb/s of system I/O (ALCF), all of it taken for weight streaming",
        },
      },
      topology = "cs3-cluster-64",      -- data/topologies.lua (12 x 100 GbE per system)
      failure = {
        preset = "llama3-405b-h100", name = "cs3-estimate",
        n_accel = 64, accel_per_node = 1, mem_stacks_per_accel = 0,
        links_per_accel = 12,           -- BRIEF4: 12 x 100 GbE per system
        logic_area_mm2 = 46225,         -- BRIEF4: charged at the H100's per-mm2 rate (filled from the package)
        blast_radius_accel = 1,         -- BRIEF 3.7: a whole wafer-scale system
        spare_share = 0.0625,           -- EST: one spare system per 16 (range 1 in 8 to 1 in 64)
        sources = {
          logic_area_mm2 = "estimate: the Llama 3 on-die rate per mm2 of H100 over 46,225 mm2; Cerebras publishes none and its spare cores may do better",
          links_per_accel = "brief sec. 4: ~1.2 Tb/s = 12 x 100 GbE",
          blast_radius_accel = "brief 3.7: one failure takes a whole wafer-scale system",
          spare_share = "estimate: one spare system per 16",
        },
      },
      carbon = {
        name = "cs-3", packages = 1, package_kgco2e = 0, dram_gb = 586, ssd_gb = 0,
        boards = 2,                     -- EST
        power_supplies = 12,            -- EST: 6 + 6 redundant supplies for ~23 kW
        chassis = 1,
        cooling_kgco2e = 200,           -- EST: pumps and heat exchanger (the cold plate is a package part)
        other_kgco2e = 0,
        sources = { boards = "estimate", power_supplies = "estimate: 12 supplies of ~4 kW",
                    cooling_kgco2e = "estimate: closed-loop water system, ~25 kg of metal at ~8 kg/kg" },
      },
      cost = {
        package_price_usd = 0,          -- no published wafer price: build / (1 - 0.41)
        package_gross_margin = 0.41,    -- CBRS: gross margin 41% (H1 2024), 34% (2023); weak
        server_gross_margin = 0.41,     -- CBRS, as above (the system is sold whole)
        scaleup_switch_build_usd = 0, scaleup_transceiver_build_usd = 0,
        scaleup_cable_build_usd = 0,    -- the on-wafer fabric is inside the wafer
        scaleout_switch_asic_usd = 300, -- EST: 12.8T switch die + package, range 150-600
        scaleout_switch_board_usd = 1500, -- EST: range 800-3,000
        scaleout_xcvr_laser_usd = 8, scaleout_xcvr_driver_usd = 5,   -- EST: 100G SR4 (4 VCSELs)
        scaleout_xcvr_dsp_usd = 10, scaleout_xcvr_pic_usd = 0,       -- EST: CDR, no photonic die
        scaleout_xcvr_assembly_usd = 30,                             -- EST: range of the sum 30-100
        scaleout_cable_build_usd = 20,  -- EST: range 10-40
        sources = {
          package_price_usd = "no published CS-3 wafer price: purchase = build / (1 - gross margin)",
          package_gross_margin = "weak: Cerebras S-1 filing (2024), gross margin ~41% in H1 2024 and ~34% in 2023, as recalled (not checked here); range 0.33-0.47",
          server_gross_margin = "weak: as package_gross_margin (Cerebras sells whole systems)",
          scaleout_switch_asic_usd = "estimate: range 150-600", scaleout_switch_board_usd = "estimate: range 800-3,000",
          scaleout_xcvr_laser_usd = "estimate: 100G SR4 module parts, sum 53 USD, range 30-100",
          scaleout_cable_build_usd = "estimate: range 10-40",
        },
      },
      power = {
        cooling = "liquid",             -- CS2024: the CS systems are water cooled
        clock_mhz = 1100,               -- EST: wafer clock not published, ~1.1 GHz reported
        liquid_package_w = 30000,       -- EST: the wafer's own cold plate ("engine block")
        servers_per_rack = 2,           -- EST: a 15U CS system, two per rack
        sources = {
          cooling = "Cerebras: CS-2/CS-3 systems are water cooled through the engine block",
          clock_mhz = "estimate: no published WSE clock (~1.1 GHz in press reports)",
          liquid_package_w = "estimate: the engine block cools 15-23 kW; cold-plate class limits for GPU packages do not apply",
          servers_per_rack = "estimate: a 15U CS system, two per rack",
        },
      },
      sources = {
        accelerators = "1,024 x 989 TFLOP/s = 1,012.7 PFLOP/s; / 15.84 PFLOP/s = 63.9 systems, rounded to 64 (1,013.8 PFLOP/s)",
        server_cost_usd = "estimate: no published prices; chassis, power and cooling at the DGX H100's non-GPU cost per kW (32,000 / 10.2 = 3,137 USD/kW) x 23 kW = 72,157 USD, + 78,000 USD for the system's share of MemoryX, SwarmX and input servers (about 2.5 DGX hosts)",
        server_power_w = "derived: ~23 kW system (brief sec. 4) x 0.95 - 17,250 W wafer - 42 W NIC-end optics (12 x 100 Gb/s x 35 pJ/bit)",
        host_dram_gb = "estimate: MemoryX share as DRAM (1.2 PB / 2,048)",
        accel_memory_power_share = "estimate: no published split", accel_io_power_share = "estimate",
      },
    },
    ---------------------------------------------------------------------------------------
    -- Cerebras CS-2 (WSE-2), historical: 128 systems = 957 PFLOP/s dense (estimate; 135
    -- would be closer but divides no batch).
    {
      name = "cs-2", family = "wafer_scale",
      accelerators = 128,               -- 1,012.7 / 7.48 = 135.4 -> 128 (a power of two)
      accels_per_server = 1,
      server_cost_usd = 140745,         -- EST: 20 kW x 3,137 USD/kW + 78,000 (as CS-3); range 70,000-280,000
      server_power_w = 3958,            -- 20,000 x 0.95 - 15,000 - 42
      host_dram_gb = 586, host_ssd_gb = 0,          -- EST: as CS-3
      integration_cost_fraction = 0.05,
      accel_memory_power_share = 0.10, accel_io_power_share = 0.01,  -- EST
      power_delivery_efficiency = 0.95, pue = 1.1, electricity_usd_per_kwh = 0.08,
      lifetime_years = 5, use_scaleup_link = false,
      scaleup_switch_kgco2e = 0, scaleup_transceiver_kgco2e = 0,
      scaleout_switch_kgco2e = 220, scaleout_transceiver_kgco2e = 2.7,
      package = {
        preset = "wse3_wafer_scale", name = "wse2_wafer_scale",
        peak_pflops = 7.48,             -- EST: dense, as accel below
        parts = {
          {
            name = "WSE-2 wafer", kind = "logic", count = 1, known_good = true, bond = "none",
            node = "N7",                -- BRIEF4: 7 nm
            die_width_mm = 215, die_height_mm = 215,  -- BRIEF4: 46,225 mm2
            wafer_scale = true,
            units = 916000, spares = 66000,  -- EST: 850,000 enabled (BRIEF4) x 970/900 as WSE-3
            unit_area_mm2 = 0.04765,    -- EST: WSE-3 preset's 43,650 mm2 of cores / 916,000
            nonrepairable_mm2 = 50,     -- EST: as the WSE-3 preset
            test_cost_usd = 0,
            sources = {
              node = "brief sec. 4: WSE-2 on 7 nm", die_width_mm = "brief sec. 4: 46,225 mm2",
              units = "estimate: 850,000 enabled cores (brief sec. 4) with the WSE-3's physical/enabled ratio 970/900",
              unit_area_mm2 = "estimate: the WSE-3 preset's core area over 916,000 cores",
            },
          },
          { name = "power delivery", kind = "other", count = 1, known_good = true,
            bond = "substrate", unit_cost_usd = 5000, yield = 0.99, kgco2e_each = 66.1,
            sources = { unit_cost_usd = "estimate: as the WSE-3 preset" } },
          { name = "cold plate", kind = "other", count = 1, known_good = true,
            bond = "substrate", unit_cost_usd = 2000, yield = 1, kgco2e_each = 40,
            sources = { unit_cost_usd = "estimate: as the WSE-3 preset" } },
          { name = "I/O attach", kind = "other", count = 1, known_good = true,
            bond = "substrate", unit_cost_usd = 1000, yield = 1, kgco2e_each = 10,
            sources = { unit_cost_usd = "estimate: as the WSE-3 preset" } },
        },
        sources = { peak_pflops = "estimate: half the CS-3's 62.5 (Cerebras: WSE-3 has twice the performance of WSE-2)" },
      },
      accel = {
        name = "wse-2",
        peak_tflop_per_s = 7480,        -- EST: 850,000 x 4 x 2 x 1.1 GHz (NEXTPL24: four-wide SIMD), range 5,800-9,500
        matmul_efficiency = 0.50,       -- EST: as CS-3
        compute_units = 0, tile_m = 1, tile_n = 1,
        attention_efficiency = 0.50, mem_efficiency = 0.90, comm_interference = 0,  -- EST: as CS-3
        mem_capacity_gb = 0, mem_bw_gb_per_s = 0, mem_reserved_gb = 0,
        tier2_capacity_gb = 586, tier2_bw_gb_per_s = 150,  -- EST: as CS-3
        power_w = 15000,                -- BRIEF4: 15 kW chip
        wafer_scale = true,
        sram_capacity_gb = 40,          -- BRIEF4
        sram_bw_tb_per_s = 20000,       -- BRIEF4: 20 PB/s
        stream_bw_gb_per_s = 150,       -- EST: 12 x 100 GbE as CS-3
        sources = {
          peak_tflop_per_s = "estimate: 850,000 cores x 4-wide FP16 SIMD (The Next Platform, 14 Mar 2024) x 2 FLOP x ~1.1 GHz = 7.48 PFLOP/s (range 5.8-9.5)",
          power_w = "brief sec. 4: WSE-2 15 kW chip", sram_capacity_gb = "brief sec. 4: 40 GB",
          sram_bw_tb_per_s = "brief sec. 4: 20 PB/s", stream_bw_gb_per_s = "estimate: 12 x 100 GbE, as CS-3",
        },
      },
      topology = { preset = "cs3-cluster-64", name = "cs2-cluster" },
      failure = {
        preset = "llama3-405b-h100", name = "cs2-estimate",
        n_accel = 128, accel_per_node = 1, mem_stacks_per_accel = 0, links_per_accel = 12,
        logic_area_mm2 = 46225,         -- EST: as CS-3
        blast_radius_accel = 1, spare_share = 0.0625,
        sources = { logic_area_mm2 = "estimate: as CS-3", spare_share = "estimate: as CS-3" },
      },
      carbon = {
        name = "cs-2", packages = 1, package_kgco2e = 0, dram_gb = 586, ssd_gb = 0,
        boards = 2, power_supplies = 12, chassis = 1, cooling_kgco2e = 200, other_kgco2e = 0,
        sources = { power_supplies = "estimate: as CS-3", cooling_kgco2e = "estimate: as CS-3" },
      },
      cost = "cs-3",                    -- margins and network parts as CS-3 (weak, estimates)
      power = {
        cooling = "liquid",             -- CS2024: the CS systems are water cooled
        clock_mhz = 1100,               -- EST: wafer clock not published, ~1.1 GHz reported
        liquid_package_w = 30000,       -- EST: the wafer's own cold plate ("engine block")
        servers_per_rack = 2,           -- EST: a 15U CS system, two per rack
        sources = {
          cooling = "Cerebras: CS-2/CS-3 systems are water cooled through the engine block",
          clock_mhz = "estimate: no published WSE clock (~1.1 GHz in press reports)",
          liquid_package_w = "estimate: the engine block cools 15-23 kW; cold-plate class limits for GPU packages do not apply",
          servers_per_rack = "estimate: a 15U CS system, two per rack",
        },
      },
      sources = {
        accelerators = "1,012.7 PFLOP/s (1,024 H100) / 7.48 = 135.4 systems; 128 (a power of two, so data parallelism divides the batch)",
        server_cost_usd = "estimate: 20 kW x 3,137 USD/kW (DGX H100 non-GPU cost per kW) + 78,000 USD MemoryX/SwarmX share, as CS-3",
        server_power_w = "derived: ~20 kW system (brief sec. 4) x 0.95 - 15,000 W wafer - 42 W NIC-end optics",
      },
    },
    ---------------------------------------------------------------------------------------
    -- Lite-GPU glass servers: a quarter of an H100 per Lite-GPU (gp_system_derive_lite_with,
    -- rules in models/gp-system.c), 4,096 of them, 512 per glass server, every one a hop
    -- from every other on a passive optical fabric of glass-waveguide DWDM links. What the
    -- derivation gives (tests/test-system.c works it by hand): a 12.5 x 16.28 mm die
    -- (203.5 mm2), 36 SMs with 3 spares, 102.5 mm2 not repairable, one 20 GB HBM3 stack at
    -- 837.5 GB/s, 247.25 TFLOP/s, 175 W; shoreline 1.8 Tb/s (half the H100's 3.6 Tb/s on
    -- half its edge) -> floor(1,800 / 256) = 7 ports of 8 x 32 Gb/s = 1.792 Tb/s.
    {
      name = "lite-gpu-glass",
      derive = {
        parent = "dgx-h100",
        fraction = 0.25,                -- BRIEF4: 1/2, 1/4, 1/8; the HotOS paper's example is 1/4
        optics = "glass-ionx-board",    -- data/links.lua: DWDM micro-ring ports over glass waveguide
        optics_usd_per_gbps = 0,        -- the glass fabric prices the engines from parts (cost)
        accels_per_server = 512,        -- EST: GLASS: "100s to 1000s" per server
      },
      package = {
        name = "lite_gpu_quarter_glass_derived",
        carrier = "glass",              -- LITEGPU / GLASS: optics routed through glass
        carrier_width_mm = 44.2, carrier_height_mm = 44.2,  -- EST: 4 x (203.5 + 110 + 7 x 25) mm2
        carrier_usd_per_mm2 = 0.01,     -- EST: as data/packages.lua lite_gpu_quarter_glass
        carrier_yield = 0.98,           -- EST: as data/packages.lua
        carrier_node = "", carrier_known_good = true,
        substrate_width_mm = 0, substrate_height_mm = 0, substrate_usd_per_mm2 = 0,
        sources = {
          carrier = "GLASS (ARIA): accelerators joined by optics routed through glass",
          carrier_width_mm = "estimate: Chiplet Actuary's 4x rule over die 203.5 + one HBM stack 110 + 7 engines x 25 mm2",
          carrier_usd_per_mm2 = "estimate: as data/packages.lua lite_gpu_quarter_glass (2x organic)",
          carrier_yield = "estimate: glass-core substrates are pre-production",
        },
      },
      power = {
        cooling = "liquid",             -- EST: a glass server of 512 Lite-GPUs draws ~150 kW
        servers_per_rack = 1,           -- one glass server fills a rack (derive sets it)
        sources = {
          cooling = "estimate: ~150 kW per glass server is beyond air (~45 kW racks); cold plates as GB200 NVL72 (~132 kW)",
          servers_per_rack = "estimate: one glass server per rack",
        },
      },
      -- Its 7 ports cannot build a one-hop fabric of 4,096: the 16 x 16 x 16 torus of
      -- data/topologies.lua glass-torus-4096 takes 6 of them (one spare).
      topology = {
        kind = "direct_connect", fabric_shape = "torus",   -- as glass-torus-4096
        torus_x = 16, torus_y = 16, torus_z = 16, torus_auto_dims = 3,
        scaleup_hop_latency_ns = 100,       -- EST: as glass-torus-4096 (forwarding)
        glass_cost_usd_per_accel = 20,      -- EST: as glass-torus-4096
        glass_kgco2e_per_accel = 1,         -- EST: as glass-torus-4096
        scaleup_endpoint_latency_ns = 200,  -- EST: as data/topologies.lua lite-gpu-glass-4096
        scaleup_link_latency_ns = 20,       -- EST: as lite-gpu-glass-4096
        scaleup_cable_cost_usd = 0,         -- the waveguides are priced as glass (cost below)
        sources = {
          kind = "data/topologies.lua glass-torus-4096: 7 ports build a 3D torus, not a crossbar of 4,096",
          scaleup_hop_latency_ns = "estimate: as data/topologies.lua glass-torus-4096",
          glass_cost_usd_per_accel = "estimate: as data/topologies.lua glass-torus-4096",
          scaleup_endpoint_latency_ns = "estimate: as data/topologies.lua lite-gpu-glass-4096",
          scaleup_cable_cost_usd = "the glass fabric's waveguides are priced from parts (cost.glass_fabric)",
        },
      },
      -- The glass fabric from its parts (models/gp-cost.h), all estimates: nothing like it is
      -- sold. By hand, per Lite-GPU (7 ports of 8 lanes, data/links.lua glass-ionx-board):
      -- engine 8 x (1 + 1) + 15 = 31 USD, x 7 = 217 USD (before package scrap); 56 lasers x
      -- 3 = 168 USD; glass 2,500 mm2 x (0.002 + 2 x 0.002) = 15 USD / panel yield; couplings
      -- 7 x 5 / 0.98 = 35.7 USD. The rest of the cost table (margins, package pricing) is the
      -- parent's; the package has no street price (build / (1 - 0.875)).
      cost = {
        glass_fabric = true,
        glass_mm2_per_accel = 2500,     -- EST: 50 x 50 mm of routed glass per Lite-GPU, range 1,000-10,000
        glass_usd_per_mm2 = 0.002,      -- EST: 2,000 USD/m2 processed glass core, range 0.0005-0.01
        waveguide_layers = 2,           -- EST: range 1-4
        waveguide_layer_usd_per_mm2 = 0.002,  -- EST: ion exchange with lithography, range 0.0005-0.01
        waveguide_d0_per_cm2 = 0.0001,  -- EST: killer defects per layer, range 0.00002-0.0005
        glass_panel_mm2 = 262650,       -- EST: a 510 x 515 mm panel (panel-level packaging size)
        engine_pic_usd_per_lane = 1.0,  -- EST: ring modulator + detector share, range 0.3-3
        engine_eic_usd_per_lane = 1.0,  -- EST: driver, TIA, SerDes share, range 0.3-3
        engine_assembly_usd = 15,       -- EST: EIC-on-PIC stacking, coupler, test, range 5-40
        port_coupling_usd = 5,          -- EST: range 1-20
        port_coupling_yield = 0.98,     -- EST: range 0.9-0.995
        laser_usd = 3,                  -- EST: one DFB laser per lane (lanes_per_laser = 1), range 1-10
        fabric_gross_margin = 0.33,     -- weak: optical-module makers' margins ~30-35%, range 0.25-0.45
        sources = {
          glass_mm2_per_accel = "estimate: range 1,000-10,000 mm2", glass_usd_per_mm2 = "estimate: range 0.0005-0.01 USD/mm2",
          waveguide_layers = "estimate: range 1-4", waveguide_layer_usd_per_mm2 = "estimate: range 0.0005-0.01 USD/mm2",
          waveguide_d0_per_cm2 = "estimate: range 0.00002-0.0005 per layer per cm2",
          glass_panel_mm2 = "estimate: 510 x 515 mm, a common panel-level packaging panel",
          engine_pic_usd_per_lane = "estimate: range 0.3-3 USD", engine_eic_usd_per_lane = "estimate: range 0.3-3 USD",
          engine_assembly_usd = "estimate: range 5-40 USD", port_coupling_usd = "estimate: range 1-20 USD",
          port_coupling_yield = "estimate: range 0.9-0.995", laser_usd = "estimate: range 1-10 USD",
          fabric_gross_margin = "weak: optical-module makers' gross margins of ~30-35% (annual reports, as recalled, not checked here); range 0.25-0.45",
        },
      },
      sources = {
        server_cost_usd = "derived: the DGX H100's 24,000 USD per 8 H100 kept per unit of compute (x 16 for 512 quarter-H100s): an estimate that isolates accelerator and interconnect differences",
        server_power_w = "derived: the DGX H100's 3,353.2 W per 8 H100 kept per unit of compute (x 16)",
      },
    },
  },
}
