-- glasspane power and cooling figures: what models/gp-power needs (the die power model and
-- the three cooling classes). gp_power_params_init() holds the same values as "power"
-- below (keep the two in step; tests/test-power.c checks them); data/systems.lua sets each
-- system's cooling class and reference clock over them.
--
-- Sources (short keys used in each entry's `sources` table):
--   WH        N. Weste and D. Harris, "CMOS VLSI Design", 4th ed. (2011), sec. 5.1-5.3:
--             dynamic power alpha C V^2 f, subthreshold leakage rising with temperature,
--             voltage and frequency scaled together in DVFS.
--   NVH100    NVIDIA H100 Tensor Core GPU datasheet and architecture whitepaper (2022):
--             H100 SXM5 700 W, max boost 1,980 MHz, 132 of 144 SMs, 3.35 TB/s HBM3,
--             NVLink4 900 GB/s (both directions).
--   NVA100    NVIDIA A100 Tensor Core GPU architecture whitepaper (2020) and datasheet:
--             A100 SXM4 400 W, boost 1,410 MHz, 108 of 128 SMs, 1,555 GB/s (40 GB),
--             NVLink3 600 GB/s.
--   OCON2017  M. O'Connor et al., "Fine-Grained DRAM", MICRO 2017: HBM2 ~3.9 pJ/bit.
--   BRIEF34   glasspane brief 3.4: 112G long-reach SerDes ~5.5 pJ/bit.
--   ASHRAE    ASHRAE TC 9.9, "Thermal Guidelines for Data Processing Environments", 5th ed.
--             (2021): class A2 air inlet up to 35 C; liquid class W45 supply up to 45 C.
--   NVB200    NVIDIA DGX B200 datasheet (2024): air cooled, 8 x B200 at 1,000 W, ~14.3 kW.
--   NVL72     NVIDIA GB200 NVL72 (2024): ~120-132 kW per liquid-cooled rack.
--   NVPOD     NVIDIA DGX SuperPOD (H100) reference architecture: 4 DGX H100 (~10.2 kW each)
--             per air-cooled rack, ~41 kW.
--   3M649     3M Novec 649 engineered fluid datasheet: boiling point 49 C (two-phase
--             immersion runs at the fluid's boiling point).
--   EST       glasspane estimate; the comment says how it was derived and its range.
--
-- Validation (tests/test-power.c): with the one figure set below and no TDP anchor, the
-- model gives an H100 SXM 706 W at 1,980 MHz (published 700 W) and an A100 SXM 382 W at
-- 1,410 MHz (published 400 W): both within 5%. The switched capacitance is the one figure
-- chosen for that; the V-f line is a typical DVFS slope, not fitted per part.
return {
  format = 1,
  kind = "power",
  power = {
    cooling = "air",
    die_area_mm2 = 814,               -- NVH100 (brief sec. 4); filled from the package in a system
    dies = 1,
    active_fraction = 0.9167,         -- NVH100: 132 / 144 SMs enabled
    mem_bw_gb_per_s = 3350,           -- NVH100
    io_gb_per_s = 900,                -- NVH100: NVLink4 both directions
    tdp_w = 700,                      -- NVH100
    clock_mhz = 1980,                 -- NVH100: max boost
    vf_v0_v = 0.65,                   -- EST: V(1.98 GHz) = 0.947 V, V(1.41 GHz) = 0.862 V
    vf_v_per_ghz = 0.15,              -- EST: DVFS slope, range 0.1-0.4 V/GHz
    cdyn_nf_per_mm2 = 0.40,           -- EST: one figure for N7 and 4N, see the header
    leak_w_per_mm2 = 0.05,            -- EST: ~5-8% of a large GPU's TDP, range 0.02-0.1
    leak_ref_c = 85,                  -- EST
    leak_doubling_c = 25,             -- EST: FinFET leakage, range 15-40 C per doubling
    mem_pj_per_bit = 3.9,             -- OCON2017
    io_pj_per_bit = 5.5,              -- BRIEF34
    spread_mm = 3,                    -- EST: lid + vapour chamber, range 1-5 mm
    tj_max_c = 90,                    -- EST: range 85-105 C
    air_w_per_mm2 = 0.6,              -- EST: 60 W/cm2 at the heat-sink base, range 0.4-0.8
    liquid_w_per_mm2 = 1.0,           -- EST: 100 W/cm2 at a cold plate, range 0.8-3
    immersion_w_per_mm2 = 0.8,        -- EST: two-phase with boiling-enhancement coating, 0.3-1.2
    air_package_w = 1000,             -- NVB200: 1,000 W GPUs air cooled
    liquid_package_w = 2000,          -- EST: cold plates for 1.2-2.3 kW parts, range 1.2-3 kW
    immersion_package_w = 1500,       -- EST: range 0.8-2 kW
    air_rack_w = 45000,               -- NVPOD: ~41 kW air-cooled racks; EST range 30-50 kW
    liquid_rack_w = 132000,           -- NVL72
    immersion_rack_w = 250000,        -- EST: large two-phase tanks, range 100-250 kW
    air_coolant_c = 35,               -- ASHRAE A2
    liquid_coolant_c = 45,            -- ASHRAE W45
    immersion_coolant_c = 50,         -- 3M649: boiling point 49 C
    servers_per_rack = 4,             -- NVPOD
    server_limit_w = 0,               -- no limit unless a system sets one
    sources = {
      cooling = "the DGX H100 is air cooled (NVIDIA DGX H100 datasheet)",
      die_area_mm2 = "brief sec. 4: H100 814 mm2",
      active_fraction = "NVIDIA H100 whitepaper: 132 of 144 SMs enabled on the SXM5 part",
      mem_bw_gb_per_s = "brief sec. 4: 3.35 TB/s HBM3",
      io_gb_per_s = "NVIDIA H100 datasheet: NVLink 900 GB/s",
      tdp_w = "brief sec. 4: H100 SXM 700 W",
      clock_mhz = "NVIDIA H100 datasheet: max boost 1,980 MHz (SXM5)",
      vf_v0_v = "estimate: a linear DVFS line through ~0.95 V at 2 GHz (Weste and Harris 5.3)",
      vf_v_per_ghz = "estimate: typical GPU DVFS slope, range 0.1-0.4 V/GHz",
      cdyn_nf_per_mm2 = "estimate: the one capacitance that puts both H100 (716 W vs 700) and A100 (388 W vs 400) within 5% of their TDPs",
      leak_w_per_mm2 = "estimate: leakage ~5-8% of a large GPU's TDP (range 0.02-0.1 W/mm2)",
      leak_ref_c = "estimate: reference junction temperature of the leakage figure",
      leak_doubling_c = "estimate: FinFET leakage doubles every ~15-40 C (planar: ~10 C)",
      mem_pj_per_bit = "O'Connor et al., Fine-Grained DRAM (MICRO 2017): HBM2 3.9 pJ/bit",
      io_pj_per_bit = "brief 3.4: 112G long-reach SerDes ~5.5 pJ/bit",
      spread_mm = "estimate: lid and vapour chamber over the die, 45-degree spreading rule",
      tj_max_c = "estimate: data-centre GPUs throttle near 85-105 C",
      air_w_per_mm2 = "estimate: forced-air heat sinks with vapour chambers, 40-80 W/cm2 at the base; an H100 at 700 W (0.72 W/mm2 on the die) must fit, as the DGX H100 is air cooled",
      liquid_w_per_mm2 = "estimate: single-phase cold plates 100 W/cm2 (microchannel plates reach 300)",
      immersion_w_per_mm2 = "estimate: two-phase immersion with boiling-enhancement coatings ~80 W/cm2, plain surfaces ~20-30",
      air_package_w = "NVIDIA DGX B200 datasheet: air-cooled B200 at 1,000 W",
      liquid_package_w = "estimate: cold plates for 1.2 kW (GB200) to ~2.3 kW parts",
      immersion_package_w = "estimate: two-phase immersion packages 0.8-2 kW",
      air_rack_w = "NVIDIA DGX SuperPOD H100 reference: 4 x 10.2 kW DGX per air-cooled rack; estimate 45 kW",
      liquid_rack_w = "NVIDIA GB200 NVL72: ~132 kW per liquid-cooled rack",
      immersion_rack_w = "estimate: large two-phase immersion tanks, 100-250 kW",
      air_coolant_c = "ASHRAE TC 9.9 (2021): class A2 inlet up to 35 C",
      liquid_coolant_c = "ASHRAE TC 9.9 (2021): class W45 supply up to 45 C",
      immersion_coolant_c = "3M Novec 649 datasheet: boiling point 49 C",
      servers_per_rack = "NVIDIA DGX SuperPOD H100 reference: 4 DGX per rack",
      server_limit_w = "no limit by default",
    },
  },
}
