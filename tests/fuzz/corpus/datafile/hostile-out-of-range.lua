-- Entry 1 has a negative defect density.
return {
  format = 1,
  kind = "nodes",
  nodes = {
    { name = "N5", feature_nm = 5, wafer_diameter_mm = 300, wafer_cost_usd = 16988, d0_per_cm2 = -1, alpha = 10 },
  },
}
