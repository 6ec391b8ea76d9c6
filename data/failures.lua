-- glasspane failure scenarios: per-component failure rates, blast radius, checkpointing
-- (models/gp-failure.h).
--
-- Sources (short keys used in each entry's `sources` table):
--   LLAMA3   Meta, "The Llama 3 Herd of Models", arXiv 2407.21783 (2024). Sec. 3.3.4 and
--            Table 5: in a 54-day snapshot of Llama 3 405B pre-training on 16,384 H100 GPUs
--            there were 419 unexpected interruptions; root causes include faulty GPU 148,
--            GPU HBM3 memory 72, network switch and cable 35, GPU SRAM memory 19, GPU system
--            processor 17. Sec. 3.3.1: the Tectonic checkpoint storage sustains 2 TB/s.
--   H100     NVIDIA H100 SXM: 80 GB of HBM3 in 5 active stacks (brief sec. 4).
--   DGX      DGX H100: 8 GPUs and 8 ConnectX-7 400 Gb/s NICs per node (brief sec. 4).
--   KOKOLIS  Kokolis et al. (Meta), "Revisiting Reliability in Large-Scale Machine Learning
--            Research Clusters", arXiv 2410.21680 (2024): job restarts cost minutes of
--            detection, rescheduling and re-initialisation plus the checkpoint read; failed
--            nodes leave the pool for repair and health checks for hours to days.
--   ZERO     Rajbhandari et al., "ZeRO", SC20, sec. 3.1: mixed-precision Adam keeps 2 bytes
--            of weights and 12 of FP32 master, momentum and variance per parameter.
--   EST      glasspane estimate; the comment beside the value says how it was derived.
--
-- Derivation of the rates (all per hour). Exposure: 16,384 GPUs x 54 days x 24 h =
-- 21,233,664 GPU-hours; 2,048 nodes x 1,296 h = 2,654,208 node-hours.
--   on-die:      faulty GPU 148 + GPU SRAM 19 = 167 causes that grow with the silicon, charged
--                per mm2 of logic (814 mm2 per H100): 167 / (21,233,664 x 814)
--                = 9.662002e-9 per mm2-hour; the GPU system processor 17 is one per die:
--                17 / 21,233,664 = 8.00615e-7 per die-hour. A part is charged for its own
--                area, dies, stacks and links (a quarter-H100 Lite-GPU: 203.5 mm2, 1 die,
--                1 stack), so no rate is rescaled by hand.
--   HBM stack:   72 / (21,233,664 x 5 stacks) = 6.7817e-7 per stack-hour
--   link:        network switch and cable 35, one scale-out link per GPU (DGX: 8 NICs for
--                8 GPUs) -> 35 / 21,233,664 = 1.6483e-6 per link-hour
--   node:        the remaining 419 - 184 - 72 - 35 = 128 interruptions (software, host,
--                NIC, power, ...) charged to the 2,048 hosts -> 128 / 2,654,208
--                = 4.8225e-5 per node-hour
-- Check: 16,384 (814 x 9.662002e-9 + 8.00615e-7 + 5 x 6.7817e-7 + 1.6483e-6)
-- + 2,048 x 4.8225e-5 = 0.32330
-- failures per hour, x 1,296 h = 419 interruptions.
return {
  format = 1,
  kind = "failures",
  failures = {
    {
      name = "llama3-405b-h100",
      n_accel = 16384,                     -- LLAMA3 sec. 3.3.4
      accel_per_node = 8,                  -- DGX
      mem_stacks_per_accel = 5,            -- H100
      links_per_accel = 1,                 -- DGX: one 400 Gb/s NIC per GPU
      dies_per_accel = 1,                  -- H100: one logic die
      logic_area_mm2 = 814,                -- H100: 814 mm2
      area_failures_per_hour_mm2 = 9.662002e-9, -- LLAMA3 Table 5: (148 + 19) / (21,233,664 x 814)
      die_failures_per_hour = 8.006154e-7,     -- LLAMA3 Table 5: 17 / 21,233,664
      mem_failures_per_hour = 6.781684e-7,     -- LLAMA3 Table 5: 72 / (21,233,664 x 5)
      link_failures_per_hour = 1.648326e-6,    -- LLAMA3 Table 5: 35 / 21,233,664
      node_failures_per_hour = 4.822531e-5,    -- LLAMA3: remaining 128 / 2,654,208
      blast_radius_accel = 8,              -- EST: a failed GPU takes its 8-GPU node out of the job
      spare_share = 0.015625,              -- EST: 256 of 16,384 (1.6%; range 0.5-5%)
      spare_accel = 0,                     -- no fixed count: the share sizes the pool
      repair_hours = 24,                   -- EST (KOKOLIS): one day to swap and re-qualify a node (range 4-72 h)
      checkpoint_overhead = 0.01,          -- EST: data loader, RNG, metadata (range 0-5%)
      checkpoint_gb = 5726.7,              -- ZERO: 405e9 params x 14 bytes x 1.01
      storage_write_gb_per_s = 2000,       -- LLAMA3 sec. 3.3.1: 2 TB/s sustained
      storage_read_gb_per_s = 2000,        -- LLAMA3 sec. 3.3.1: 2 TB/s sustained
      checkpoint_writers = 0,              -- filled from the plan by the system model
      writer_gb_per_s = 6.25,              -- EST (DGX): 400 Gb/s of storage network per 8 GPUs
      restart_s = 600,                     -- EST (KOKOLIS): detection, rescheduling and initialisation (range 300-1,800 s)
      checkpoint_interval_s = 0,           -- Daly optimum
      sources = {
        n_accel = "Meta 2024, Llama 3 Herd, sec. 3.3.4: 16,384 H100 GPUs",
        accel_per_node = "DGX H100: 8 GPUs per node",
        mem_stacks_per_accel = "H100 SXM: 5 active HBM3 stacks",
        links_per_accel = "DGX H100: 8 ConnectX-7 NICs for 8 GPUs",
        dies_per_accel = "H100 SXM: one logic die", logic_area_mm2 = "H100 SXM: 814 mm2",
        area_failures_per_hour_mm2 = "Meta 2024, Table 5: faulty GPU 148 + GPU SRAM 19 in 21,233,664 GPU-hours of 814 mm2",
        die_failures_per_hour = "Meta 2024, Table 5: GPU system processor 17 in 21,233,664 GPU-hours, one per die",
        mem_failures_per_hour = "Meta 2024, Table 5: HBM3 72 in 21,233,664 GPU-hours x 5 stacks",
        link_failures_per_hour = "Meta 2024, Table 5: network switch and cable 35 in 21,233,664 link-hours",
        node_failures_per_hour = "estimate: Meta 2024's remaining 128 of 419 interruptions over 2,654,208 node-hours",
        blast_radius_accel = "estimate: the node of 8 is drained on a GPU failure",
        spare_share = "estimate: 1.6% hot spares (range 0.5-5%); Meta does not publish its pool",
        repair_hours = "estimate after Kokolis et al. 2024 (arXiv 2410.21680): nodes leave for repair and health checks for hours to days; 24 h (range 4-72 h)",
        checkpoint_overhead = "estimate: data loader, RNG and metadata beside the model state, 1% (range 0-5%)",
        checkpoint_gb = "405B parameters x 14 bytes (ZeRO sec. 3.1 state minus gradients) x 1.01",
        storage_write_gb_per_s = "Meta 2024, sec. 3.3.1: Tectonic sustains 2 TB/s",
        storage_read_gb_per_s = "Meta 2024, sec. 3.3.1: Tectonic sustains 2 TB/s",
        writer_gb_per_s = "estimate: a DGX H100 node's storage network, 400 Gb/s (ConnectX-7), shared by 8 GPUs = 6.25 GB/s per writing GPU (range 3-25)",
        restart_s = "estimate after Kokolis et al. 2024 (arXiv 2410.21680): minutes to detect, reschedule and initialise; 600 s (range 300-1,800 s), checked against Llama 3's >90% effective training time",
      },
    },
  },
}
