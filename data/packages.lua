-- glasspane package presets: parts on a carrier, priced by models/gp-package (Chiplet Actuary
-- style) and charged carbon by models/gp-carbon. Logic dies name a node of data/nodes.lua.
--
-- Sources (short keys used in each entry's `sources` table):
--   BRIEF33   glasspane domain brief 3.3, which summarises: Chiplet Actuary and CAPA bond yields
--             (organic substrate 99%, fan-out RDL 98%, silicon interposer 95%; micro-bump 96%,
--             hybrid 95%), interposer areas (A100 ~1,575 mm2, H100 ~1,623 mm2, CoWoS-S limit
--             ~2,500 mm2), analyst HBM3 price 15-18 USD/GB (~1,400-1,500 USD per H100) and
--             CoWoS-S packaging ~700-750 USD per H100. The HBM and CoWoS prices are secondary,
--             low-confidence analyst figures: they are parameters, not facts.
--   CA2022    Y. Feng and K. Ma, "Chiplet Actuary: A Quantitative Cost Model and Multi-Chiplet
--             Architecture Exploration", DAC 2022; values from its public code
--             (github.com/Yinxiao-Feng/chiplet-actuary, parameter.ini): organic substrate
--             0.005 USD/mm2 and 4x the area it carries; silicon interposer on the 55 nm-class
--             wafer (1,937 USD), D0 0.06/cm2, clustering 6, chip-last; fan-out RDL wafer
--             1,200 USD, D0 0.05/cm2, clustering 3; micro-bump 0.01 USD/mm2 of die area;
--             no substrate yield (taken as 1 here).
--   NVH100    NVIDIA, "NVIDIA H100 Tensor Core GPU Architecture" whitepaper, 2022: GH100 die
--             814 mm2 on TSMC 4N (an N5-class process), 144 SMs in the full die, 132 enabled
--             in H100 SXM5, 80 GB HBM3 in 5 active stacks (6 sites), 989 TFLOP/s dense BF16.
--   NVA100    NVIDIA, "NVIDIA A100 Tensor Core GPU Architecture" whitepaper, 2020: GA100 die
--             826 mm2 on TSMC N7, 128 SMs in the full die, 108 enabled, 6 HBM2 sites with 5
--             active (80 GB HBM2e in the A100 80GB), 312 TFLOP/s dense BF16.
--   CS2024    Cerebras Systems, WSE-3 / CS-3 announcement, March 2024: 46,225 mm2, TSMC 5 nm,
--             900,000 AI cores, 44 GB SRAM, 125 PFLOP/s peak (vendor figure, sparse); the
--             brief (sec. 4) gives ~970,000 physical cores.
--   LITEGPU   B. Canakci et al., "Good things come in small packages: Should we build AI
--             clusters with Lite-GPUs?", HotOS 2025 (arXiv 2501.10187): a Lite-GPU is a
--             fraction of an H100 with co-packaged optics.
--   EST       glasspane estimate; the comment beside the value says how it was derived.
--
-- Cost figures here are build costs (what the chip vendor pays: foundry wafer prices from
-- data/nodes.lua, parts as bought); the purchase price of a package is in data/systems.lua's
-- cost tables (models/gp-cost.h). Every estimate states its range.
--
-- How the Lite-GPU is derived (it is not a product): one quarter of the H100 preset in die
-- area (814 / 4 = 203.5 mm2, square 14.265 mm), SMs (144 / 4 = 36 with 12 / 4 = 3 spares),
-- non-repairable area (410 / 4 = 102.5 mm2), peak compute (0.989 / 4 PFLOP/s), assembly and
-- test cost; two HBM3 stacks (the issue's 1-2; 32 GB, so 0.4x the H100's memory for 0.25x its
-- compute, since a stack is the smallest unit); two optical engines of ~1 Tb/s (the H100's
-- NVLink 3.6 Tb/s per direction / 4 = 0.9 Tb/s, doubled for the 2x bandwidth-to-compute
-- ratio LITEGPU argues for); all on a glass substrate sized by CA2022's 4x rule.
--
-- Die outlines: only the areas are published, so each die's aspect ratio is chosen to fit the
-- 26 x 33 mm reticle (EST); the exact die count depends on it by a few dies.
return {
  format = 1,
  kind = "packages",
  packages = {
    {
      name = "h100_cowos_s",
      carrier = "interposer",
      carrier_width_mm = 33.0, carrier_height_mm = 49.2,  -- 1,623.6 mm2: BRIEF33 ~1,623 mm2
      carrier_usd_per_mm2 = 0, carrier_yield = 1,         -- unused by an interposer
      carrier_node = "N65",            -- CA2022: interposer on the 1,937 USD 55/65 nm wafer
      carrier_d0_per_cm2 = 0.06,       -- CA2022, BRIEF32
      carrier_alpha = 6,               -- CA2022
      carrier_known_good = true,       -- CA2022: CoWoS (silicon interposer) is chip-last
      substrate_width_mm = 80.6, substrate_height_mm = 80.6,  -- CA2022 rule: 4 x interposer
      substrate_usd_per_mm2 = 0.005,   -- CA2022
      substrate_yield = 1,             -- CA2022 has no substrate yield
      bond_yield_microbump = 0.96,     -- BRIEF33 (CAPA)
      bond_yield_hybrid = 0.95,        -- BRIEF33 (CAPA)
      bond_yield_substrate = 0.99,     -- BRIEF33, CA2022 (organic substrate)
      bond_yield_rdl = 0.98,           -- BRIEF33, CA2022 (fan-out RDL)
      assembly_cost_usd = 490,         -- EST: calibrated, see sources; range 245-980 (uncertainty.lua)
      bond_cost_usd = 2,               -- EST: CA2022 micro-bump 0.01 USD/mm2 x ~200 mm2 per part, range 1-5
      final_test_cost_usd = 25,        -- EST: range 10-50
      final_test_yield = 1,            -- EST: no published figure; a parameter
      peak_pflops = 0.989,             -- NVH100 dense BF16
      parts = {
        {
          name = "GH100", kind = "logic", count = 1, known_good = true, bond = "microbump",
          node = "N5",                               -- NVH100: TSMC 4N, N5 class
          die_width_mm = 25.0, die_height_mm = 32.56, -- 814 mm2 (NVH100); aspect EST
          units = 144, spares = 12,                  -- NVH100: 144 SMs, 132 enabled
          unit_area_mm2 = 2.8,                       -- EST
          nonrepairable_mm2 = 410,                   -- EST
          test_cost_usd = 0,                         -- CA2022 charges no wafer test
          sources = {
            node = "NVIDIA H100 whitepaper (2022): TSMC 4N, an N5-class process",
            die_width_mm = "814 mm2 (NVIDIA H100 whitepaper); the 25 x 32.56 mm outline is an estimate fitting the reticle",
            units = "NVIDIA H100 whitepaper: 144 SMs in the full GH100",
            spares = "NVIDIA H100 whitepaper: 132 of 144 SMs enabled in H100 SXM5",
            unit_area_mm2 = "estimate: die shots show the SM array at about half of the die; 144 x 2.8 = 403 mm2",
            nonrepairable_mm2 = "estimate: the rest of the die (I/O, L2, NVLink, HBM PHYs) less 0.8 mm2 of wiring",
            test_cost_usd = "Chiplet Actuary (DAC 2022) charges no wafer-sort test; a parameter",
          },
        },
        {
          name = "HBM3 stack", kind = "hbm", count = 6, active_count = 5, known_good = true,
          bond = "microbump",
          capacity_gb = 16,            -- NVH100: 80 GB in 5 active stacks
          usd_per_gb = 15,             -- BRIEF33: 15-18 USD/GB; 6 x 16 x 15 = 1,440 USD
          hbm_generation = "hbm3",
          yield = 0.99,                -- EST: used only if known_good is set false
          sources = {
            count = "NVIDIA H100 whitepaper: 6 HBM3 sites, 5 active (80 GB)",
            capacity_gb = "80 GB / 5 active stacks (NVIDIA H100 whitepaper)",
            usd_per_gb = "analyst estimate 15-18 USD/GB (brief 3.3, secondary, low confidence); low end, giving 1,440 USD inside the brief's 1,400-1,500 USD per H100",
            known_good = "HBM is sold as known-good stacked die (KGSD)",
            yield = "estimate: stack yield if bought untested; unused while known_good",
          },
        },
      },
      sources = {
        carrier_width_mm = "H100 interposer ~1,623 mm2 (brief 3.3); 33 mm (one reticle height) x 49.2 mm is an estimate of the outline",
        carrier_node = "Chiplet Actuary (DAC 2022) prices interposers on the 55 nm-class wafer, 1,937 USD = N65 in data/nodes.lua",
        carrier_d0_per_cm2 = "Chiplet Actuary (DAC 2022): silicon interposer D0 0.06/cm2",
        carrier_alpha = "Chiplet Actuary (DAC 2022): silicon interposer critical level 6",
        carrier_known_good = "Chiplet Actuary (DAC 2022) treats the silicon interposer as chip-last",
        substrate_width_mm = "Chiplet Actuary (DAC 2022): substrate area 4 x the interposer area",
        substrate_usd_per_mm2 = "Chiplet Actuary (DAC 2022): organic substrate 0.005 USD/mm2",
        substrate_yield = "Chiplet Actuary (DAC 2022) has no substrate yield",
        bond_yield_microbump = "brief 3.3 (CAPA): micro-bump 96%",
        bond_yield_hybrid = "brief 3.3 (CAPA): hybrid bonding 95%",
        bond_yield_substrate = "brief 3.3, Chiplet Actuary: organic substrate attach 99%",
        bond_yield_rdl = "brief 3.3, Chiplet Actuary: fan-out RDL 98%",
        assembly_cost_usd = "estimate: chosen so interposer + substrate + assembly + bonds + test as purchased = 723 USD, inside the brief's 700-750 USD CoWoS-S per H100 (secondary, low confidence)",
        bond_cost_usd = "estimate: Chiplet Actuary micro-bump cost 0.01 USD/mm2 x ~200 mm2 per part; range 1-5 USD",
        final_test_cost_usd = "estimate: no published figure; range 10-50 USD",
        final_test_yield = "estimate: no published figure; 1 = no final-test loss",
        peak_pflops = "NVIDIA H100 whitepaper: 989 TFLOP/s dense BF16 (SXM5)",
      },
    },
    {
      name = "lite_gpu_quarter_glass",
      carrier = "glass",
      carrier_width_mm = 45.8, carrier_height_mm = 45.8,  -- EST: 4 x (203.5 + 2 x 110 + 2 x 50) mm2
      carrier_usd_per_mm2 = 0.01,      -- EST: 2x CA2022's organic substrate, range 0.005-0.02
      carrier_yield = 0.98,            -- EST: pre-production technology
      carrier_node = "", carrier_d0_per_cm2 = 0, carrier_alpha = 1,  -- unused by glass
      carrier_known_good = true,       -- EST: substrates are electrically tested before assembly
      substrate_width_mm = 0, substrate_height_mm = 0, substrate_usd_per_mm2 = 0,
      substrate_yield = 1,             -- no 2.5D substrate
      bond_yield_microbump = 0.96,     -- BRIEF33 (CAPA)
      bond_yield_hybrid = 0.95,        -- BRIEF33 (CAPA)
      bond_yield_substrate = 0.99,     -- BRIEF33, CA2022
      bond_yield_rdl = 0.98,           -- BRIEF33, CA2022
      assembly_cost_usd = 122.5,       -- EST: 1/4 of the H100 preset's 490 USD
      bond_cost_usd = 2,               -- EST: as the H100 preset
      final_test_cost_usd = 6.25,      -- EST: 1/4 of the H100 preset's 25 USD
      final_test_yield = 1,            -- EST
      peak_pflops = 0.24725,           -- LITEGPU-style quarter of NVH100's 0.989
      parts = {
        {
          name = "Lite-GPU die", kind = "logic", count = 1, known_good = true,
          bond = "microbump",          -- EST: fine-pitch die attach on a glass substrate
          node = "N5",
          die_width_mm = 14.265, die_height_mm = 14.265,  -- 203.5 mm2 = 814 / 4
          units = 36, spares = 3,      -- 144 / 4 and 12 / 4
          unit_area_mm2 = 2.8,         -- as the H100 preset (EST)
          nonrepairable_mm2 = 102.5,   -- 410 / 4 (EST)
          test_cost_usd = 0,
          sources = {
            die_width_mm = "derived: a quarter of the H100 preset's 814 mm2, square",
            units = "derived: 144 / 4 SMs (H100 whitepaper figures)",
            spares = "derived: 12 / 4 spare SMs",
            unit_area_mm2 = "estimate: as the H100 preset",
            nonrepairable_mm2 = "estimate: a quarter of the H100 preset's 410 mm2",
          },
        },
        {
          name = "HBM3 stack", kind = "hbm", count = 2, known_good = true, bond = "microbump",
          capacity_gb = 16, usd_per_gb = 15, hbm_generation = "hbm3", yield = 0.99,
          sources = {
            count = "derived: 2 stacks (the issue allows 1-2), 32 GB; a stack is the smallest unit",
            capacity_gb = "as the H100 preset's HBM3 stack",
            usd_per_gb = "analyst estimate 15-18 USD/GB (brief 3.3, secondary); low end",
          },
        },
        {
          name = "optical engine", kind = "optics", count = 2, known_good = true,
          bond = "substrate",
          unit_cost_usd = 100,         -- EST: no published price; see sources; range 30-300
          yield = 0.99,                -- EST: used only if known_good is set false
          sources = {
            count = "derived: ~1 Tb/s each; 2 x the H100's 0.9 Tb/s per direction per quarter (Lite-GPU paper's 2x bandwidth/compute)",
            unit_cost_usd = "estimate: no published co-packaged optical engine price; 0.1 USD per Gb/s x 1 Tb/s; range 30-300 USD",
            yield = "estimate",
          },
        },
      },
      sources = {
        carrier_width_mm = "estimate: Chiplet Actuary's 4x rule over die 203.5 + 2 HBM 110 + 2 engines 50 mm2",
        carrier_usd_per_mm2 = "estimate: glass-core substrates have no published price; 2x Chiplet Actuary's organic 0.005 USD/mm2; range 0.005-0.02",
        carrier_yield = "estimate: glass-core substrates are pre-production",
        carrier_known_good = "estimate: substrates are electrically tested before assembly",
        assembly_cost_usd = "estimate: a quarter of the H100 preset's calibrated 490 USD",
        final_test_cost_usd = "estimate: a quarter of the H100 preset's 25 USD",
        peak_pflops = "derived: 989 / 4 TFLOP/s (H100 whitepaper, dense BF16)",
        bond_yield_microbump = "brief 3.3 (CAPA): micro-bump 96%",
      },
    },
    {
      name = "a100_cowos_s",
      carrier = "interposer",
      carrier_width_mm = 33.0, carrier_height_mm = 47.73,  -- 1,575 mm2: BRIEF33
      carrier_usd_per_mm2 = 0, carrier_yield = 1,
      carrier_node = "N65", carrier_d0_per_cm2 = 0.06, carrier_alpha = 6,  -- CA2022
      carrier_known_good = true,       -- CA2022: chip-last
      substrate_width_mm = 79.4, substrate_height_mm = 79.4,  -- CA2022 rule: 4 x interposer
      substrate_usd_per_mm2 = 0.005, substrate_yield = 1,     -- CA2022
      bond_yield_microbump = 0.96, bond_yield_hybrid = 0.95,  -- BRIEF33 (CAPA)
      bond_yield_substrate = 0.99, bond_yield_rdl = 0.98,     -- BRIEF33, CA2022
      assembly_cost_usd = 490,         -- EST: as the H100 preset (same CoWoS-S flow), range 245-980
      bond_cost_usd = 2,               -- EST: range 1-5
      final_test_cost_usd = 25,        -- EST: range 10-50
      final_test_yield = 1,            -- EST
      peak_pflops = 0.312,             -- NVA100 dense BF16
      parts = {
        {
          name = "GA100", kind = "logic", count = 1, known_good = true, bond = "microbump",
          node = "N7",                              -- NVA100
          die_width_mm = 25.6, die_height_mm = 32.27, -- 826 mm2 (NVA100); aspect EST
          units = 128, spares = 20,                 -- NVA100: 108 of 128 SMs
          unit_area_mm2 = 3.2,                      -- EST
          nonrepairable_mm2 = 416,                  -- EST
          test_cost_usd = 0,
          sources = {
            die_width_mm = "826 mm2 (NVIDIA A100 whitepaper); outline an estimate fitting the reticle",
            units = "NVIDIA A100 whitepaper: 128 SMs in the full GA100",
            spares = "NVIDIA A100 whitepaper: 108 of 128 SMs enabled",
            unit_area_mm2 = "estimate: the H100 preset's SM share of the die (49.5%) over 128 SMs",
            nonrepairable_mm2 = "estimate: the H100 preset's non-repairable share (50.4%) of 826 mm2",
          },
        },
        {
          name = "HBM2e stack", kind = "hbm", count = 6, active_count = 5, known_good = true,
          bond = "microbump", capacity_gb = 16, usd_per_gb = 15, hbm_generation = "hbm2e",
          yield = 0.99,
          sources = {
            count = "NVIDIA A100 whitepaper: 6 HBM sites, 5 active (A100 80GB: 80 GB HBM2e)",
            usd_per_gb = "estimate: the brief's HBM3 figure (15 USD/GB); no HBM2e price in the brief",
          },
        },
      },
      sources = {
        carrier_width_mm = "A100 interposer ~1,575 mm2 (brief 3.3); outline an estimate",
        substrate_width_mm = "Chiplet Actuary (DAC 2022): substrate area 4 x the interposer area",
        assembly_cost_usd = "estimate: as the H100 preset",
        peak_pflops = "NVIDIA A100 whitepaper: 312 TFLOP/s dense BF16",
      },
    },
    {
      name = "wse3_wafer_scale",
      carrier = "wafer_scale",
      carrier_width_mm = 0, carrier_height_mm = 0, carrier_usd_per_mm2 = 0, carrier_yield = 1,
      carrier_node = "", carrier_d0_per_cm2 = 0, carrier_alpha = 1, carrier_known_good = false,
      substrate_width_mm = 0, substrate_height_mm = 0, substrate_usd_per_mm2 = 0,
      substrate_yield = 1,             -- the wafer is the carrier
      bond_yield_microbump = 0.96, bond_yield_hybrid = 0.95,  -- BRIEF33 (CAPA)
      bond_yield_substrate = 0.99, bond_yield_rdl = 0.98,     -- BRIEF33, CA2022
      assembly_cost_usd = 5000,        -- EST: range 2,000-10,000
      bond_cost_usd = 0,               -- EST: included in each attached part's price
      final_test_cost_usd = 1000,      -- EST: range 500-3,000
      final_test_yield = 1,            -- EST
      peak_pflops = 125,               -- CS2024 (vendor peak, sparse: not comparable to dense)
      parts = {
        {
          name = "WSE-3 wafer", kind = "logic", count = 1, known_good = true, bond = "none",
          node = "N5",                 -- CS2024: TSMC 5 nm
          die_width_mm = 215, die_height_mm = 215,  -- 46,225 mm2 (CS2024)
          wafer_scale = true,
          units = 970000, spares = 70000,  -- brief sec. 4: ~970,000 physical, 900,000 enabled
          unit_area_mm2 = 0.045,       -- EST: see sources
          nonrepairable_mm2 = 50,      -- EST: see sources
          test_cost_usd = 0,
          sources = {
            die_width_mm = "Cerebras WSE-3 (2024): 46,225 mm2 = 215 x 215 mm",
            units = "brief sec. 4: ~970,000 physical cores (Cerebras WSE-3)",
            spares = "970,000 physical - 900,000 enabled (Cerebras WSE-3)",
            unit_area_mm2 = "estimate: 970,000 x 0.05 mm2 (the brief's ~0.05) would exceed the die area once the fabric is counted, so 0.045 mm2 (43,650 mm2 of cores)",
            nonrepairable_mm2 = "estimate: a small area (clock, I/O edge) whose defect kills the wafer; Cerebras routes around defective cores and links",
          },
        },
        {
          name = "power delivery", kind = "other", count = 1, known_good = true,
          bond = "substrate", unit_cost_usd = 5000, yield = 0.99,  -- EST: cost range 2,000-10,000
          kgco2e_each = 66.1,
          sources = {
            unit_cost_usd = "estimate: no published figure for the vertical power delivery of a wafer-scale engine",
            kgco2e_each = "estimate: Boavizta's server motherboard figure (66.1 kgCO2e) as a proxy for the power board",
          },
        },
        {
          name = "cold plate", kind = "other", count = 1, known_good = true,
          bond = "substrate", unit_cost_usd = 2000, yield = 1,  -- EST: cost range 1,000-5,000
          kgco2e_each = 40,
          sources = {
            unit_cost_usd = "estimate: no published figure",
            kgco2e_each = "estimate: ~10 kg of copper at ~4 kgCO2e/kg",
          },
        },
        {
          name = "I/O attach", kind = "other", count = 1, known_good = true,
          bond = "substrate", unit_cost_usd = 1000, yield = 1,  -- EST: cost range 500-3,000
          kgco2e_each = 10,
          sources = {
            unit_cost_usd = "estimate: connectors and I/O board for ~1.2 Tb/s (brief sec. 4)",
            kgco2e_each = "estimate",
          },
        },
      },
      sources = {
        assembly_cost_usd = "estimate: no published figure for a wafer-scale engine's assembly; range 2,000-10,000 USD",
        final_test_cost_usd = "estimate: no published figure; range 500-3,000 USD",
        peak_pflops = "Cerebras WSE-3 (2024): 125 PFLOP/s peak (vendor figure, sparse; the brief notes it is not dense)",
      },
    },
  },
}
