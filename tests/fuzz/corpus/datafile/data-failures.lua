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
--   EST      glasspane estimate; the comment beside the value says how it was derived.
--
-- Derivation of the rates (all per hour). Exposure: 16,384 GPUs x 54 days x 24 h =
-- 21,233,664 GPU-hours; 2,048 nodes x 1,296 h = 2,654,208 node-hours.
--   accelerator: faulty GPU 148 + GPU SRAM 19 + GPU system processor 17 = 184 on-die causes
--                -> 184 / 21,233,664 = 8.6655e-6 per GPU-hour (MTBF ~115,000 h)
--   HBM stack:   72 / (21,233,664 x 5 stacks) = 6.7817e-7 per stack-hour
--   link:        network switch and cable 35, one scale-out link per GPU (DGX: 8 NICs for
--                8 GPUs) -> 35 / 21,233,664 = 1.6483e-6 per link-hour
--   node:        the remaining 419 - 184 - 72 - 35 = 128 interruptions (software, host,
--                NIC, power, ...) charged to the 2,048 hosts -> 128 / 2,654,208
--                = 4.8225e-5 per node-hour
-- Check: 16,384 (8.6655e-6 + 5 x 6.7817e-7 + 1.6483e-6) + 2,048 x 4.8225e-5 = 0.32330
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
      accel_failures_per_hour = 8.665485e-6,   -- LLAMA3 Table 5: (148 + 19 + 17) / 21,233,664
      mem_failures_per_hour = 6.781684e-7,     -- LLAMA3 Table 5: 72 / (21,233,664 x 5)
      link_failures_per_hour = 1.648326e-6,    -- LLAMA3 Table 5: 35 / 21,233,664
      node_failures_per_hour = 4.822531e-5,    -- LLAMA3: remaining 128 / 2,654,208
      blast_radius_accel = 8,              -- EST: a failed GPU takes its 8-GPU node out of the job
      spare_accel = 256,                   -- EST: a 1.6% hot-spare pool
      repair_hours = 24,                   -- EST: one day to swap and re-qualify a node
      checkpoint_gb = 5670,                -- 405e9 params x 14 bytes (BF16 weights + FP32 master + Adam m, v)
      storage_write_gb_per_s = 2000,       -- LLAMA3 sec. 3.3.1: 2 TB/s sustained
      storage_read_gb_per_s = 2000,        -- LLAMA3 sec. 3.3.1: 2 TB/s sustained
      restart_s = 600,                     -- EST: detection, rescheduling and initialisation
      checkpoint_interval_s = 0,           -- Daly optimum
      sources = {
        n_accel = "Meta 2024, Llama 3 Herd, sec. 3.3.4: 16,384 H100 GPUs",
        accel_per_node = "DGX H100: 8 GPUs per node",
        mem_stacks_per_accel = "H100 SXM: 5 active HBM3 stacks",
        links_per_accel = "DGX H100: 8 ConnectX-7 NICs for 8 GPUs",
        accel_failures_per_hour = "Meta 2024, Table 5: faulty GPU 148 + GPU SRAM 19 + GPU system processor 17 in 21,233,664 GPU-hours",
        mem_failures_per_hour = "Meta 2024, Table 5: HBM3 72 in 21,233,664 GPU-hours x 5 stacks",
        link_failures_per_hour = "Meta 2024, Table 5: network switch and cable 35 in 21,233,664 link-hours",
        node_failures_per_hour = "estimate: Meta 2024's remaining 128 of 419 interruptions over 2,654,208 node-hours",
        blast_radius_accel = "estimate: the node of 8 is drained on a GPU failure",
        spare_accel = "estimate: 1.6% hot spares",
        repair_hours = "estimate: one day to swap and re-qualify",
        checkpoint_gb = "405B parameters x 14 bytes (ZeRO sec. 3.1 state minus gradients)",
        storage_write_gb_per_s = "Meta 2024, sec. 3.3.1: Tectonic sustains 2 TB/s",
        storage_read_gb_per_s = "Meta 2024, sec. 3.3.1: Tectonic sustains 2 TB/s",
        restart_s = "estimate: 10 minutes to detect, reschedule and initialise",
      },
    },
  },
}
