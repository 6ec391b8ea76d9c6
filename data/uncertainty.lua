-- glasspane default uncertainties: a distribution for each input whose published sources
-- disagree (or that has no firm source), for Monte Carlo, tornado and Sobol studies.
--
-- Each entry names a parameter path (models/gp-syspath.h: "nodes.N5.d0_per_cm2",
-- "package.parts[hbm].usd_per_gb", ...) and a distribution (kind = uniform(a, b),
-- triangular(a, mode, b), normal(mu, sigma), lognormal(mu, sigma of ln x), optionally
-- truncated to [lo, hi]). `family` limits an entry to systems of one family (lite_gpu,
-- dgx, wafer_scale); `relative = true` makes the draw a factor on each system's own value,
-- for inputs whose nominal differs between systems. Where two sources give two figures and
-- nothing says which is right, the distribution is uniform between them: it claims no more
-- than the sources do. Where the spread is an estimate, the entry says so.
--
-- Sources (keys used below):
--   AT16028   AnandTech article 16028 (2020), TSMC disclosure: N5 0.10-0.11 defects/cm2.
--   CA2022    Feng and Ma, "Chiplet Actuary", DAC 2022: 5 nm D0 0.11 defects/cm2.
--   CSET2020  Khan and Mann, "AI Chips: What They Are and Why They Matter", CSET 2020,
--             Table 9: 300 mm wafer 5 nm 16,988 USD, 7 nm 9,346 USD.
--   DT2023    DigiTimes Asia, 22 March 2023, "TSMC to see 5/4nm chip sales produce
--             additional NT$100 billion in 2023": 5/4 nm wafers about 15,000 USD, 5 nm
--             5,000 USD above 7 nm (so 7 nm about 10,000 USD).
--   BRIEF33   glasspane domain brief sec. 3.3: HBM3 15-18 USD/GB (analyst estimates);
--             CoWoS-S packaging ~700-750 USD per H100 ("secondary, low confidence").
--   BRIEF34   glasspane domain brief sec. 3.4: NVIDIA micro-ring DWDM test chip 2.78 pJ/bit;
--             NVIDIA 1.6T CPO 5.6 pJ/bit; Broadcom Bailly CPO 6.9 pJ/bit.
--   ACT2022   Gupta et al., ACT (ISCA 2022): grid intensity Europe 295, world 301, USA 380,
--             Taiwan 583 gCO2e/kWh.
--   EST       glasspane estimate; the comment says how it was derived.
return {
  format = 1,
  kind = "uncertainty",
  inputs = {
    {
      name = "d0-n5", path = "nodes.N5.d0_per_cm2",
      kind = "uniform", a = 0.10, b = 0.11,   -- AT16028 (0.10-0.11), CA2022 (0.11)
      note = "The published figures barely differ; a product made on a young or a mature "
          .. "line may sit outside this range, so widen it for a sensitivity question.",
      sources = {
        a = "AnandTech 16028 (TSMC, 2020): N5 0.10 defects/cm2",
        b = "AnandTech 16028 (TSMC, 2020): 0.11; Chiplet Actuary (DAC 2022): 0.11",
      },
    },
    {
      name = "wafer-n5", path = "nodes.N5.wafer_cost_usd",
      kind = "uniform", a = 15000, b = 16988,  -- DT2023, CSET2020
      sources = {
        a = "DigiTimes Asia, 22 Mar 2023: TSMC 5/4 nm wafer about 15,000 USD",
        b = "CSET 2020, Table 9: 5 nm 16,988 USD",
      },
    },
    {
      name = "wafer-n7", path = "nodes.N7.wafer_cost_usd",
      kind = "uniform", a = 9346, b = 10000,   -- CSET2020, DT2023
      sources = {
        a = "CSET 2020, Table 9: 7 nm 9,346 USD",
        b = "derived: DigiTimes Asia, 22 Mar 2023: 5 nm about 15,000 USD and 5,000 USD above 7 nm",
      },
    },
    {
      name = "hbm-usd-per-gb", path = "package.parts[hbm].usd_per_gb",
      kind = "uniform", a = 15, b = 18,        -- BRIEF33
      sources = {
        a = "brief 3.3: analyst estimates 15-18 USD per GB (HBM3)",
        b = "brief 3.3: analyst estimates 15-18 USD per GB (HBM3)",
      },
    },
    {
      -- The Lite-GPU fabric link's energy per bit moved over the published spread of
      -- optical I/O: its link model total is 2.92 pJ/bit (data/links.lua glass-ionx-board)
      -- with other_pj_per_bit = 0.15; 2.78 to 6.9 pJ/bit total is other = 0.01 to 4.13.
      name = "optics-pj-per-bit", path = "link.other_pj_per_bit", family = "lite_gpu",
      kind = "uniform", a = 0.01, b = 4.13,    -- BRIEF34, via the remainder term
      sources = {
        a = "derived: NVIDIA micro-ring DWDM test chip 2.78 pJ/bit (brief 3.4) minus the link model's 2.92 at other = 0.15",
        b = "derived: Broadcom Bailly CPO 6.9 pJ/bit (brief 3.4) minus the link model's 2.92 at other = 0.15",
      },
    },
    {
      name = "laser-wpe", path = "link.laser_wpe", family = "lite_gpu",
      kind = "triangular", a = 0.05, mode = 0.1, b = 0.2,  -- EST
      sources = {
        a = "estimate: half the preset's 0.1 (DFB arrays at a few mW sit near threshold)",
        mode = "estimate: data/links.lua glass-ionx-board laser_wpe",
        b = "estimate: the 0.2 data/links.lua takes for an external CPO laser",
      },
    },
    {
      -- The presets' 0.50 is calibrated to Meta's 38-43% MFU for Llama 3 405B on H100s
      -- (Llama 3 paper, Table 4; data/systems.lua). Through the same model, efficiency 0.44
      -- gives MFU ~0.38 and 0.52 gives ~0.43, so the published range maps to [0.44, 0.52].
      name = "matmul-efficiency", path = "accel.matmul_efficiency",
      kind = "uniform", a = 0.44, b = 0.52,
      sources = {
        a = "Llama 3 (Meta 2024), Table 4: 38% MFU, mapped through the step-time model",
        b = "Llama 3 (Meta 2024), Table 4: 43% MFU, mapped through the step-time model",
      },
    },
    {
      -- Packaging cost is the weakest figure (brief: "low confidence"); a factor on each
      -- package's own assembly cost, median 1, one sigma of ln about 30%.
      name = "packaging-cost", path = "package.assembly_cost_usd", relative = true,
      kind = "lognormal", mu = 0, sigma = 0.3, lo = 0.5, hi = 2,  -- EST
      sources = {
        sigma = "estimate: brief 3.3 gives CoWoS-S ~700-750 USD per H100 as secondary, low-confidence",
        lo = "estimate: half the preset", hi = "estimate: twice the preset",
      },
    },
    {
      name = "glass-carrier-price", path = "package.carrier_usd_per_mm2", family = "lite_gpu",
      relative = true, kind = "uniform", a = 0.5, b = 2,  -- EST
      sources = {
        a = "estimate: the preset (twice organic, data/packages.lua) halved: organic price",
        b = "estimate: twice the preset; glass-core substrates are pre-production",
      },
    },
    {
      name = "grid-intensity", path = "study.grid_ci_g_per_kwh",
      kind = "uniform", a = 295, b = 583,      -- ACT2022
      note = "Where the training runs, from Europe's average to Taiwan's.",
      sources = {
        a = "ACT (ISCA 2022): Europe 295 gCO2e/kWh",
        b = "ACT (ISCA 2022): Taiwan 583 gCO2e/kWh",
      },
    },
  },
}
