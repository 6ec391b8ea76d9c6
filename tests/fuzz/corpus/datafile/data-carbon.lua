-- glasspane carbon figures: what models/gp-carbon needs beyond the per-node ACT figures
-- (EPA, GPA, MPA), which live in data/nodes.lua.
--
-- Sources (short keys used in each entry's `sources` table):
--   ACT2022   U. Gupta et al., "ACT: Designing Sustainable Computer Systems with an
--             Architectural Carbon Modeling Tool", ISCA 2022, and its public model
--             (github.com/facebookresearch/ACT): fab grid intensities (carbon_intensity/
--             location.json: world 301, Taiwan 583, USA 380, Europe 295 gCO2e/kWh); DRAM
--             carbon per GB (dram/dram_hynix.json, from SK hynix reports: DDR4 10 nm class
--             65 g/GB) and NAND (ssd/ssd_hynix.json: 10 nm class 10 g/GB), both divided by
--             ACT's default fab yield 0.875 as ACT does; packaging footprint 150 gCO2e per IC
--             (exps/dellr740); PCB 0.13 kgCO2e/m2 per layer (act/models/materials/pcb.yaml,
--             described there as best effort from sparse data); 28 nm logic row EPA 0.90
--             kWh/cm2, GPA 175 g/cm2 (95% abatement), MPA 500 g/cm2.
--   TI2025    TechInsights (2025) HBM embodied carbon per GB, as cited by CAPA (glasspane
--             brief 3.6): HBM2e 1.135, HBM3 1.247, HBM3e 1.160, HBM4 0.906 kgCO2e/GB.
--   BOAV      Boavizta, boaviztapi impact factors (github.com/Boavizta/boaviztapi,
--             boaviztapi/data/factors.yml): server motherboard 66.1 kgCO2e, rack case
--             150 kgCO2e, power supply 24.3 kgCO2e per kg.
--   NVDGX     NVIDIA DGX H100 datasheet (2022): 8 H100, 2 TB system memory, 2 x 1.92 TB NVMe
--             (OS) + 8 x 3.84 TB NVMe (data), 6 power supplies.
--   LLMC      A. Faiz et al., "LLMCarbon: Modeling the End-to-End Carbon Footprint of Large
--             Language Models", ICLR 2024: embodied carbon amortised over a 5-year lifetime.
--   PAT2021   D. Patterson et al., "Carbon Emissions and Large Neural Network Training",
--             arXiv 2104.10350 (2021): Google data-centre PUE 1.10.
--   EST       glasspane estimate; the comment beside the value says how it was derived.
--
-- Note on memory: the HBM figures (TI2025, ~1.2 kg/GB) are ~17x ACT's DDR4 figure (0.074
-- kg/GB). They come from different studies (HBM adds TSVs, a base logic die and stacking
-- losses, and TI2025 is a newer LCA); both are kept as published and are parameters.
return {
  format = 1,
  kind = "carbon",
  carbon = {
    fab_ci_g_per_kwh = 583,            -- ACT2022: Taiwan (TSMC)
    hbm2e_kgco2e_per_gb = 1.135,       -- TI2025
    hbm3_kgco2e_per_gb = 1.247,        -- TI2025
    hbm3e_kgco2e_per_gb = 1.160,       -- TI2025
    hbm4_kgco2e_per_gb = 0.906,        -- TI2025
    dram_kgco2e_per_gb = 0.0743,       -- ACT2022: 65 g/GB / 0.875
    ssd_kgco2e_per_gb = 0.0114,        -- ACT2022: 10 g/GB / 0.875
    interposer_epa_kwh_per_cm2 = 0.225, -- EST: ACT2022 28 nm EPA x 1/4
    interposer_gpa_g_per_cm2 = 43.75,  -- EST: ACT2022 28 nm GPA x 1/4
    interposer_mpa_g_per_cm2 = 500,    -- EST: ACT2022 28 nm MPA (a whole silicon wafer)
    organic_kgco2e_per_cm2 = 0.000208, -- EST: ACT2022 PCB 0.13 kg/m2/layer x 16 layers
    rdl_kgco2e_per_cm2 = 0.175,        -- EST: the interposer's EPA and GPA at Taiwan, no MPA
    glass_kgco2e_per_cm2 = 0.000458,   -- EST: organic build-up + 0.25 g/cm2 glass at ~1 kg/kg
    optical_engine_kgco2e = 0.6,       -- EST: 0.5 cm2 at ACT2022 28 nm, Taiwan (1.2 kg/cm2)
    package_assembly_kgco2e = 0.15,    -- ACT2022: 150 g per IC package
    motherboard_kgco2e = 66.1,         -- BOAV
    power_supply_kgco2e = 72.9,        -- EST: BOAV 24.3 kg/kg x an assumed 3 kg supply
    chassis_kgco2e = 150,              -- BOAV rack case
    charge_edge_loss = false,          -- ACT2022 charges die area only
    sources = {
      fab_ci_g_per_kwh = "ACT (ISCA 2022), carbon_intensity/location.json: Taiwan 583 gCO2e/kWh",
      hbm2e_kgco2e_per_gb = "TechInsights 2025 via CAPA (brief 3.6): HBM2e 1.135 kgCO2e/GB",
      hbm3_kgco2e_per_gb = "TechInsights 2025 via CAPA (brief 3.6): HBM3 1.247 kgCO2e/GB",
      hbm3e_kgco2e_per_gb = "TechInsights 2025 via CAPA (brief 3.6): HBM3e 1.160 kgCO2e/GB",
      hbm4_kgco2e_per_gb = "TechInsights 2025 via CAPA (brief 3.6): HBM4 0.906 kgCO2e/GB",
      dram_kgco2e_per_gb = "ACT (ISCA 2022) dram_hynix.json ddr4_10nm 65 g/GB, over ACT's fab yield 0.875",
      ssd_kgco2e_per_gb = "ACT (ISCA 2022) ssd_hynix.json nand_10nm 10 g/GB, over ACT's fab yield 0.875",
      interposer_epa_kwh_per_cm2 = "estimate: ACT 28 nm EPA (0.90) x 1/4, a passive interposer has ~4 metal layers + TSVs against ~40 mask layers",
      interposer_gpa_g_per_cm2 = "estimate: ACT 28 nm GPA (175) x 1/4, as EPA",
      interposer_mpa_g_per_cm2 = "estimate: ACT 28 nm MPA (500) in full: an interposer consumes a whole silicon wafer",
      organic_kgco2e_per_cm2 = "estimate: ACT v2 PCB model 0.13 kgCO2e/m2 per layer x 16 layers (layer count assumed); other PCB LCAs are 10-100x higher, still small next to the dies",
      rdl_kgco2e_per_cm2 = "estimate: the interposer's EPA x 583 + GPA (no silicon wafer consumed)",
      glass_kgco2e_per_cm2 = "estimate: organic build-up figure + a 1 mm glass core (0.25 g/cm2) at ~1 kgCO2e/kg of glass",
      optical_engine_kgco2e = "estimate: ~0.5 cm2 of photonic and driver silicon at ACT's 28 nm row and the Taiwan grid",
      package_assembly_kgco2e = "ACT (ISCA 2022) Dell R740 case study: 150 gCO2e packaging footprint per IC",
      motherboard_kgco2e = "Boavizta boaviztapi factors.yml: motherboard 66.1 kgCO2e",
      power_supply_kgco2e = "estimate: Boavizta 24.3 kgCO2e per kg of power supply x an assumed 3 kg unit",
      chassis_kgco2e = "Boavizta boaviztapi factors.yml: rack case 150 kgCO2e",
      charge_edge_loss = "ACT charges die area over yield; true also charges the wafer edge",
    },
  },
  grids = {
    { name = "taiwan", ci_g_per_kwh = 583, sources = { ci_g_per_kwh = "ACT (ISCA 2022) location.json" } },
    { name = "usa",    ci_g_per_kwh = 380, sources = { ci_g_per_kwh = "ACT (ISCA 2022) location.json" } },
    { name = "europe", ci_g_per_kwh = 295, sources = { ci_g_per_kwh = "ACT (ISCA 2022) location.json" } },
    { name = "world",  ci_g_per_kwh = 301, sources = { ci_g_per_kwh = "ACT (ISCA 2022) location.json" } },
  },
  systems = {
    {
      name = "dgx_h100",
      packages = 8,                    -- NVDGX
      package_kgco2e = 0,              -- filled from the package model
      dram_gb = 2048,                  -- NVDGX: 2 TB
      ssd_gb = 34560,                  -- NVDGX: 2 x 1,920 + 8 x 3,840 GB
      boards = 2,                      -- EST: HGX GPU baseboard + host board
      power_supplies = 6,              -- NVDGX
      chassis = 1,
      cooling_kgco2e = 100,            -- EST: see sources
      other_kgco2e = 0,                -- not counted: NVSwitch chips, NICs (add them)
      sources = {
        packages = "NVIDIA DGX H100 datasheet: 8x H100",
        dram_gb = "NVIDIA DGX H100 datasheet: 2 TB system memory",
        ssd_gb = "NVIDIA DGX H100 datasheet: 2x 1.92 TB + 8x 3.84 TB NVMe",
        boards = "estimate: one GPU baseboard and one host board",
        power_supplies = "NVIDIA DGX H100 datasheet: 6 power supplies",
        cooling_kgco2e = "estimate: ~12 kg of heat sinks at ~8 kgCO2e/kg (aluminium/copper) plus fans",
        other_kgco2e = "not counted here: NVSwitch chips and ConnectX-7 NICs",
      },
    },
  },
}
