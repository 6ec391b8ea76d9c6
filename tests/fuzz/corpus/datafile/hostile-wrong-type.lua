-- Entry 2 gives alpha as a string.
return {
  format = 1,
  kind = "nodes",
  nodes = {
    { name = "N5", feature_nm = 5, wafer_diameter_mm = 300, wafer_cost_usd = 16988, d0_per_cm2 = 0.11, alpha = 10 },
    { name = "N7", feature_nm = 7, wafer_diameter_mm = 300, wafer_cost_usd = 9346, d0_per_cm2 = 0.09, alpha = "ten" },
  },
}
