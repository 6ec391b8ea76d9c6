steptime
return { accel = { peak_tflop_per_s = 1e-300 }, plan = { tp = 8, pp = 8, dp = 16, recompute = "full", seq_parallel = true, zero_stage = 1 } }
