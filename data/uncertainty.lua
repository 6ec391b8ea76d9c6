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
--   RJ2023    Raymond James (2023, via Barron's / Tom's Hardware): H100 ~3,320 USD to make,
--             sold for 25,000-30,000 USD.
--   NV10K     NVIDIA Form 10-K, fiscal 2024: GAAP gross margin 72.7%.
--   LUX2024   LuxOptx "800G Optical Module Cost Analysis" (seller's blog, weak): 400G
--             QSFP-DD 600-800 USD; MPO trunk cables 50-150 USD.
--   SYSCOST   data/systems.lua cost tables: each estimate's comment gives the range used
--             here (models/gp-cost.h for the equations).
--   EST       glasspane estimate; the comment says how it was derived.
--
-- Cost inputs (issue 25): every cost estimate of the default comparison has an entry below,
-- uniform over the range its data file states (the ranges are estimates unless a source is
-- named). Build-basis figures only move the build basis and prices only the purchase basis,
-- so a tornado in one basis shows flat bars for the other's inputs.
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
      -- The large-GEMM ceiling: the presets take the best measured BF16 matmul (H100 SXM
      -- 80.1%, A100 SXM 85.9%; data/systems.lua MAMF). Across Hopper parts and software the
      -- same benchmark reads 80-83% (GH200 83.0%); 0.75 allows an older cuBLAS. Estimate.
      name = "matmul-efficiency", path = "accel.matmul_efficiency",
      kind = "uniform", a = 0.75, b = 0.85,
      sources = {
        a = "estimate: below the measured H100 SXM 80.1% (Bekman, ml-engineering MAMF table) for older libraries",
        b = "Bekman, ml-engineering MAMF table: GH200 83.0%, A100 85.9% of peak in BF16",
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
    -- ---- cost basis: accelerator packages and servers --------------------------------
    {
      name = "h100-street-price", path = "cost.package_price_usd", family = "dgx",
      kind = "uniform", a = 25000, b = 30000,  -- RJ2023
      sources = { a = "Raymond James (2023): H100 sells for 25,000-30,000 USD", b = "same" },
    },
    {
      -- The margin that prices a package without a street price (the derived Lite-GPU):
      -- from NVIDIA's company-wide margin to the H100's own implied one.
      name = "accelerator-margin", path = "cost.package_gross_margin", family = "lite_gpu",
      kind = "uniform", a = 0.727, b = 0.89,   -- NV10K, RJ2023
      sources = { a = "NVIDIA FY2024 10-K: GAAP gross margin 72.7%",
                  b = "derived: Raymond James 3,320 USD cost vs 30,000 USD price: 0.89" },
    },
    {
      name = "server-margin", path = "cost.server_gross_margin",
      kind = "uniform", a = 0.10, b = 0.40,    -- SYSCOST (estimate)
      sources = { a = "estimate: server makers' gross margins (data/systems.lua)", b = "estimate" },
    },
    {
      name = "integration-share", path = "sys.integration_cost_fraction",
      kind = "uniform", a = 0.02, b = 0.10,    -- EST: around the presets' 0.05
      sources = { a = "estimate: racks, cabling labour, installation; no published figure", b = "estimate" },
    },
    -- ---- cost basis: the DGX cluster's network ----------------------------------------
    {
      name = "ib-transceiver-price", path = "topology.scaleout_transceiver_cost_usd",
      family = "dgx", kind = "uniform", a = 400, b = 1000,  -- LUX2024 600-800, widened (EST)
      sources = { a = "estimate: LuxOptx (2024) 400G QSFP-DD 600-800 USD, widened for volume discounts",
                  b = "estimate: OEM modules carry a 30-50% premium (same page)" },
    },
    {
      name = "ib-switch-price", path = "topology.scaleout_switch_cost_usd", family = "dgx",
      kind = "uniform", a = 15000, b = 35000,  -- EST
      sources = { a = "estimate: 64-port NDR switch, no published price", b = "estimate" },
    },
    {
      name = "nvswitch-price", path = "topology.scaleup_switch_cost_usd", family = "dgx",
      kind = "uniform", a = 1000, b = 4000,    -- EST
      sources = { a = "estimate: NVSwitch chips are not sold alone", b = "estimate" },
    },
    {
      name = "ib-cable-price", path = "topology.scaleout_cable_cost_usd", family = "dgx",
      kind = "uniform", a = 50, b = 150,       -- LUX2024
      sources = { a = "LuxOptx (2024): MPO trunk cables 50-150 USD (weak)", b = "same" },
    },
    { name = "nvswitch-build", path = "cost.scaleup_switch_build_usd", family = "dgx",
      kind = "uniform", a = 100, b = 500, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "switch-asic-build", path = "cost.scaleout_switch_asic_usd", family = "dgx",
      kind = "uniform", a = 300, b = 1000, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "switch-board-build", path = "cost.scaleout_switch_board_usd", family = "dgx",
      kind = "uniform", a = 1000, b = 4000, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "xcvr-laser-build", path = "cost.scaleout_xcvr_laser_usd", family = "dgx",
      kind = "uniform", a = 10, b = 60, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "xcvr-driver-build", path = "cost.scaleout_xcvr_driver_usd", family = "dgx",
      kind = "uniform", a = 10, b = 40, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "xcvr-dsp-build", path = "cost.scaleout_xcvr_dsp_usd", family = "dgx",
      kind = "uniform", a = 20, b = 80, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "xcvr-pic-build", path = "cost.scaleout_xcvr_pic_usd", family = "dgx",
      kind = "uniform", a = 0, b = 60, sources = { a = "estimate (SYSCOST): VCSEL modules have none", b = "estimate" } },
    { name = "xcvr-assembly-build", path = "cost.scaleout_xcvr_assembly_usd", family = "dgx",
      kind = "uniform", a = 50, b = 200, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "fibre-build", path = "cost.scaleout_cable_build_usd", family = "dgx",
      kind = "uniform", a = 20, b = 80, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    -- ---- cost basis: the glass fabric's parts (all estimates: nothing like it is sold) --
    { name = "glass-area", path = "cost.glass_mm2_per_accel", family = "lite_gpu",
      kind = "uniform", a = 1000, b = 10000, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "glass-price", path = "cost.glass_usd_per_mm2", family = "lite_gpu",
      kind = "uniform", a = 0.0005, b = 0.01, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "waveguide-layer-cost", path = "cost.waveguide_layer_usd_per_mm2", family = "lite_gpu",
      kind = "uniform", a = 0.0005, b = 0.01, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "waveguide-d0", path = "cost.waveguide_d0_per_cm2", family = "lite_gpu",
      kind = "uniform", a = 0.00002, b = 0.0005, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "engine-pic-per-lane", path = "cost.engine_pic_usd_per_lane", family = "lite_gpu",
      kind = "uniform", a = 0.3, b = 3, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "engine-eic-per-lane", path = "cost.engine_eic_usd_per_lane", family = "lite_gpu",
      kind = "uniform", a = 0.3, b = 3, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "engine-assembly", path = "cost.engine_assembly_usd", family = "lite_gpu",
      kind = "uniform", a = 5, b = 40, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "port-coupling", path = "cost.port_coupling_usd", family = "lite_gpu",
      kind = "uniform", a = 1, b = 20, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "port-coupling-yield", path = "cost.port_coupling_yield", family = "lite_gpu",
      kind = "uniform", a = 0.9, b = 0.995, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "fabric-laser", path = "cost.laser_usd", family = "lite_gpu",
      kind = "uniform", a = 1, b = 10, sources = { a = "estimate (SYSCOST)", b = "estimate" } },
    { name = "optics-margin", path = "cost.fabric_gross_margin", family = "lite_gpu",
      kind = "uniform", a = 0.25, b = 0.45,
      sources = { a = "weak: optical-module makers' gross margins (SYSCOST)", b = "weak" } },
  },
}
