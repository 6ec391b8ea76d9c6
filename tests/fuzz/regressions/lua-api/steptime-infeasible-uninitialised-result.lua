steptime
return {
  net = { { name = "a", group_size = 8, bw_bytes_per_s = 4.5e11, latency_s = 1e-6, energy_pj_per_bit = 1 },
          { name = "b", group_size = 64, bw_bytes_per_s = 5e10, latency_s = 5e-6, energy_pj_per_bit = 10 } },
  plan = { dp = 8, tp = 8 },
}
