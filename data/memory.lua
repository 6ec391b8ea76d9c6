-- glasspane pooled memory: a memory tier shared over the fabric (models/gp-mempool): DRAM
-- pools attached to the optical fabric like CXL Type 3 memory expanders, each serving a
-- group of accelerators through direct optical ports. gp_mempool_params_init() holds
-- "ddr5-pool" with capacity 0 (no pool); data/comparison.lua gives the Lite-GPU server a
-- pool of this kind.
--
-- Sources (short keys used in each entry's `sources` table):
--   JEDEC     JEDEC JESD79-5 DDR5: DDR5-6400 = 51.2 GB/s per 64-bit channel.
--   CXLMEM    Y. Sun et al., "Demystifying CXL Memory with Genuine CXL-Ready Systems and
--             Devices", MICRO 2023: CXL memory load latency ~170-250 ns (2-3x local DRAM).
--   SAMCMM    Samsung CMM-D CXL memory module (2023-2024): 128-256 GB behind one x8 port.
--   ACT2022   ACT (ISCA 2022) dram_hynix.json: DDR4 10 nm class 65 g/GB / 0.875 fab yield.
--   BRIEF34   glasspane brief 3.4: NVIDIA 1.6T CPO ~9 W per port (5.6 pJ/bit).
--   EST       glasspane estimate; the comment says how it was derived and its range.
return {
  format = 1,
  kind = "memory",
  pools = {
    {
      name = "ddr5-pool",
      capacity_gb = 2048,             -- EST: 16 x 128 GB RDIMMs
      accels_per_pool = 8,            -- EST: one pool per 8 accelerators
      ports = 16,                     -- EST: 2 per accelerator
      port_gbps = 200,                -- EST: one 200G optical lane group per port
      accel_ports = 2,
      gb_per_port_max = 256,          -- SAMCMM: up to 256 GB behind one port
      mem_bw_gb_per_s = 614.4,        -- JEDEC: 12 channels of DDR5-6400
      latency_ns = 250,               -- CXLMEM: 170-250 ns, plus a few ns of fibre
      usd_per_gb = 4,                 -- EST: DDR5 RDIMM 3-6 USD/GB (2024)
      usd_per_port = 20,              -- EST: 0.1 USD per Gb/s (data/packages.lua engines)
      controller_usd = 2000,          -- EST: controller, board, enclosure, range 1-5 kUSD
      w_per_gb = 0.15,                -- EST: ~10 W per 64 GB RDIMM under load
      w_per_port = 1.1,               -- BRIEF34: 5.6 pJ/bit x 200 Gb/s
      kgco2e_per_gb = 0.0743,         -- ACT2022
      kgco2e_per_port = 0.6,          -- data/carbon.lua optical_engine_kgco2e (estimate)
      controller_kgco2e = 60,         -- EST: a small server board (Boavizta motherboard 66 kg)
      sources = {
        capacity_gb = "estimate: 16 x 128 GB DDR5 RDIMMs per pool",
        accels_per_pool = "estimate: one pool per 8 accelerators",
        ports = "estimate: two ports per accelerator served",
        port_gbps = "estimate: one 200 Gb/s optical lane group per port",
        gb_per_port_max = "Samsung CMM-D: 128-256 GB per CXL port",
        mem_bw_gb_per_s = "JEDEC DDR5-6400: 51.2 GB/s per channel x 12",
        latency_ns = "Sun et al. MICRO 2023: CXL memory 170-250 ns",
        usd_per_gb = "estimate: DDR5 RDIMM street prices 3-6 USD/GB (2024)",
        usd_per_port = "estimate: 0.1 USD per Gb/s as data/packages.lua prices optical engines",
        controller_usd = "estimate: controller, board and enclosure 1-5 kUSD",
        w_per_gb = "estimate: ~10 W per 64 GB DDR5 RDIMM under load",
        w_per_port = "brief 3.4: NVIDIA 1.6T CPO ~5.6 pJ/bit x 200 Gb/s",
        kgco2e_per_gb = "ACT (ISCA 2022) DDR4 10 nm class 65 g/GB over 0.875 fab yield",
        kgco2e_per_port = "data/carbon.lua optical_engine_kgco2e (estimate)",
        controller_kgco2e = "estimate: a small server board (Boavizta motherboard 66.1 kg)",
      },
    },
  },
}
