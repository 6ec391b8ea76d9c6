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
--   NVPCF     UNVERIFIED. NVIDIA HGX H100 Product Carbon Footprint summary (2024; thought
--             to be images.nvidia.com HGX-H100-PCF-Summary.pdf): ~1,312 kgCO2e cradle-to-
--             gate for the 8-GPU board. The figure was entered from memory; a search of
--             stored public pages and docs (2026-12-02, "NVIDIA HGX H100 product carbon
--             footprint PCF") found neither the summary nor the number. Treat 1,312 as an
--             estimate until checked against the PDF; the 1,319 kg derived from NVBLOG
--             below (found) is the figure with a public source behind it.
--   NVBLOG    NVIDIA Technical Blog, "NVIDIA HGX B200 Reduces Embodied Carbon Emissions
--             Intensity" (2025; developer.nvidia.com/blog/?p=106112, found and read): "the
--             embodied carbon intensity for computing is reduced from 0.66 gCO2e per
--             exaflop with HGX H100 to 0.50 gCO2e per exaflop with HGX B200 (estimated based
--             on FP16 precision)", and HGX B200's throughput is "2.3x faster (FP16)". The
--             4-year life and the sparse FP16 peak below are our reading, not the blog's. 0.66 g x 8 x 1,979 TFLOP/s
--             (sparse FP16) x 4 years = 1,319 kg for HGX H100; 0.50 / 0.66 x 2.3 x 1,312 =
--             2,287 kg for HGX B200.
--   HBMDIE    HBM3 16 GB stacks: 8 x 16 Gb DRAM dies on a logic base die of ~100-120 mm2
--             (SK hynix / Samsung ISSCC HBM3 papers, 2022-2023); TSV and wide-I/O area make
--             an HBM die ~1.3-2x the DDR die of the same capacity.
--   EST       glasspane estimate; the comment beside the value says how it was derived.
--
-- Note on memory: the per-GB HBM figures (TI2025, ~1.2 kg/GB) are ~17x ACT's DDR4 figure
-- (0.074 kg/GB) and give ~120 kg of HBM per H100 package, so that eight packages outweigh
-- NVIDIA's whole HGX H100 board (NVPCF, unverified; NVBLOG's 1,319 kg alike). They are kept as published (hbm_from_wafer =
-- false uses them), but the default builds a stack up from the DRAM wafer figure: the
-- DRAM dies (an HBM-class DRAM per GB x hbm_area_factor), the logic base die, the
-- stacking, all over the stack yield, per placed stack: an H100 stack of 16 GB is
-- (16 x 0.15 x 1.5 + 1.4 + 0.15) / 0.85 = 6.06 kg, 0.45 kg per active GB of its 80 GB.
-- With the board parts below, HGX H100 and HGX B200 both land within 15% of NVPCF and
-- NVBLOG (tests/test-carbon.c), the DRAM figure being the one estimate both constrain.
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
    interposer_mpa_g_per_cm2 = 100,    -- EST: a raw wafer (~70) + TSV and RDL materials, 50-500
    organic_kgco2e_per_cm2 = 0.000208, -- EST: ACT2022 PCB 0.13 kg/m2/layer x 16 layers
    rdl_kgco2e_per_cm2 = 0.175,        -- EST: the interposer's EPA and GPA at Taiwan, no MPA
    glass_kgco2e_per_cm2 = 0.000458,   -- EST: organic build-up + 0.25 g/cm2 glass at ~1 kg/kg
    optical_engine_kgco2e = 0.6,       -- EST: 0.5 cm2 at ACT2022 28 nm, Taiwan (1.2 kg/cm2)
    package_assembly_kgco2e = 0.15,    -- ACT2022: 150 g per IC package
    motherboard_kgco2e = 66.1,         -- BOAV
    power_supply_kgco2e = 72.9,        -- EST: BOAV 24.3 kg/kg x an assumed 3 kg supply
    chassis_kgco2e = 150,              -- BOAV rack case
    charge_edge_loss = false,          -- ACT2022 charges die area only
    hbm_from_wafer = true,             -- build HBM stacks up from DRAM wafer figures
    hbm_dram_kgco2e_per_gb = 0.15,     -- EST: ACT2022 DDR4 0.0743 x ~2 for 1a/1b EUV nodes, 0.07-0.3
    hbm_area_factor = 1.5,             -- HBMDIE: 1.3-2x
    hbm_base_die_kgco2e = 1.4,         -- EST: ~1 cm2 at ACT2022's 14 nm row, Taiwan (1.40 kg/cm2)
    hbm_stack_assembly_kgco2e = 0.15,  -- EST: as ACT2022's packaging footprint per IC
    hbm_stack_yield = 0.85,            -- EST: 8-high stacking, range 0.6-0.95
    pcb_kgco2e_per_m2_layer = 2.5,     -- EST: multilayer PCB LCAs 1-10 kg/m2/layer (ACT's 0.13 is a floor)
    vrm_kgco2e_per_phase = 0.4,        -- EST: power stage, inductor, capacitors, 0.2-1
    connector_kgco2e = 0.3,            -- EST: 0.1-1
    heatsink_kgco2e_per_kg = 8,        -- EST: aluminium (primary ~12-16) and copper (~4) mixed
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
      interposer_mpa_g_per_cm2 = "estimate: a passive interposer consumes a raw silicon wafer (~70 g/cm2) and few process materials; ACT's 500 g/cm2 is for a full logic flow (range 50-500)",
      organic_kgco2e_per_cm2 = "estimate: ACT v2 PCB model 0.13 kgCO2e/m2 per layer x 16 layers (layer count assumed); other PCB LCAs are 10-100x higher, still small next to the dies",
      rdl_kgco2e_per_cm2 = "estimate: the interposer's EPA x 583 + GPA (no silicon wafer consumed)",
      glass_kgco2e_per_cm2 = "estimate: organic build-up figure + a 1 mm glass core (0.25 g/cm2) at ~1 kgCO2e/kg of glass",
      optical_engine_kgco2e = "estimate: ~0.5 cm2 of photonic and driver silicon at ACT's 28 nm row and the Taiwan grid",
      package_assembly_kgco2e = "ACT (ISCA 2022) Dell R740 case study: 150 gCO2e packaging footprint per IC",
      motherboard_kgco2e = "Boavizta boaviztapi factors.yml: motherboard 66.1 kgCO2e",
      power_supply_kgco2e = "estimate: Boavizta 24.3 kgCO2e per kg of power supply x an assumed 3 kg unit",
      chassis_kgco2e = "Boavizta boaviztapi factors.yml: rack case 150 kgCO2e",
      charge_edge_loss = "ACT charges die area over yield; true also charges the wafer edge",
      hbm_from_wafer = "issue 18: per-GB HBM figures outweigh published boards; stacks are built from DRAM wafer figures",
      hbm_dram_kgco2e_per_gb = "estimate: ACT's DDR4 10 nm class 0.0743 kg/GB x ~2 for 1a/1b-nm DRAM with EUV layers and HBM's longer test flow (range 0.07-0.3); with it both NVIDIA boards (HGX H100 PCF, HGX B200 blog) land within 15%",
      hbm_area_factor = "HBM3 dies ~1.3-2x the area of a DDR die of the same capacity (TSVs, wide I/O): estimate 1.5",
      hbm_base_die_kgco2e = "estimate: a ~100-120 mm2 logic base die at ACT's 14 nm row (583 x 1.2 + 200 + 500 g/cm2)",
      hbm_stack_assembly_kgco2e = "estimate: ACT's 150 g packaging footprint per IC for TSV reveal, thinning and stacking",
      hbm_stack_yield = "estimate: known-good-stack yield of 8-high stacking, range 0.6-0.95",
      pcb_kgco2e_per_m2_layer = "estimate: multilayer PCB LCAs give 1-10 kgCO2e per m2 and layer; ACT v2's 0.13 is a floor",
      vrm_kgco2e_per_phase = "estimate: a power stage (two small dies), an inductor and capacitors, 0.2-1 kg",
      connector_kgco2e = "estimate: a high-speed mezzanine or power connector, 0.1-1 kg",
      heatsink_kgco2e_per_kg = "estimate: primary aluminium ~12-16 kgCO2e/kg, copper ~4; a mix",
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
      boards = 1,                      -- EST: the host board (the HGX board is pcb_m2 below)
      power_supplies = 6,              -- NVDGX
      chassis = 1,
      cooling_kgco2e = 20,             -- EST: fans and ducts (heat sinks below)
      other_kgco2e = 0,                -- not counted: NVSwitch chips (topology), NICs
      pcb_m2 = 0.33,                   -- EST: HGX baseboard ~0.22 + 8 SXM modules x 0.014
      pcb_layers = 20,                 -- EST: 16-26 layers
      vrm_phases = 288,                -- EST: 8 GPUs x 32 + 4 NVSwitch x 8
      connectors = 24,                 -- EST: 2 mezzanines per GPU + 8 board connectors
      heatsink_kg = 26,                -- EST: 8 x ~3 kg GPU heat sinks + 4 x 0.5 kg
      sources = {
        packages = "NVIDIA DGX H100 datasheet: 8x H100",
        dram_gb = "NVIDIA DGX H100 datasheet: 2 TB system memory",
        ssd_gb = "NVIDIA DGX H100 datasheet: 2x 1.92 TB + 8x 3.84 TB NVMe",
        boards = "estimate: the host board (the HGX baseboard is counted as PCB area)",
        pcb_m2 = "estimate: HGX H100 baseboard ~0.22 m2 and 8 SXM5 modules of ~0.014 m2",
        pcb_layers = "estimate: server GPU boards are 16-26 layers",
        vrm_phases = "estimate: ~32 phases per 700 W GPU, 8 per NVSwitch",
        connectors = "estimate: two mezzanine connectors per SXM module and 8 board connectors",
        heatsink_kg = "estimate: ~3 kg copper and aluminium per air-cooled H100 heat sink",
        power_supplies = "NVIDIA DGX H100 datasheet: 6 power supplies",
        cooling_kgco2e = "estimate: fans and ducts (heat sinks are heatsink_kg)",
        other_kgco2e = "not counted here: NVSwitch chips and ConnectX-7 NICs",
      },
    },
    {
      -- NVIDIA HGX H100 8-GPU board, as NVPCF counts it: 8 GPUs with HBM, 4 NVSwitch, the
      -- baseboard and modules, their regulators, connectors and heat sinks; no host.
      name = "hgx_h100",
      packages = 8, package_kgco2e = 0, dram_gb = 0, ssd_gb = 0,
      boards = 0, power_supplies = 0, chassis = 0, cooling_kgco2e = 0,
      other_kgco2e = 32,               -- EST: 4 NVSwitch at 8 kg (data/systems.lua)
      pcb_m2 = 0.33, pcb_layers = 20, vrm_phases = 288, connectors = 24, heatsink_kg = 26,
      sources = {
        other_kgco2e = "estimate: 4 NVSwitch chips at data/systems.lua's 8 kg each",
        pcb_m2 = "estimate: as dgx_h100", vrm_phases = "estimate: as dgx_h100",
        heatsink_kg = "estimate: as dgx_h100",
      },
    },
    {
      -- NVIDIA HGX B200 8-GPU board (NVBLOG): 8 B200 (2 dies, 8 HBM3e each), 2 NVLink
      -- switch chips, 1,000 W regulators, larger heat sinks.
      name = "hgx_b200",
      packages = 8, package_kgco2e = 0, dram_gb = 0, ssd_gb = 0,
      boards = 0, power_supplies = 0, chassis = 0, cooling_kgco2e = 0,
      other_kgco2e = 16,               -- EST: 2 NVLink switch chips at 8 kg
      pcb_m2 = 0.36, pcb_layers = 22, vrm_phases = 400, connectors = 24, heatsink_kg = 36,
      sources = {
        other_kgco2e = "estimate: 2 NVLink switch chips (NVIDIA DGX B200 datasheet) at 8 kg",
        pcb_m2 = "estimate: a baseboard and 8 modules slightly larger than HGX H100's",
        vrm_phases = "estimate: ~48 phases per 1,000 W GPU, 8 per switch chip",
        heatsink_kg = "estimate: ~4.25 kg per 1,000 W air-cooled heat sink",
      },
    },
  },
}
