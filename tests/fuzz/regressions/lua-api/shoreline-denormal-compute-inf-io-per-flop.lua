shoreline
return { tflops_per_mm2 = 5e-324 }
