-- A citation for a parameter that does not exist.
return {
  format = 1,
  kind = "nodes",
  nodes = {
    { name = "N5", feature_nm = 5, wafer_diameter_mm = 300, wafer_cost_usd = 16988, d0_per_cm2 = 0.11, alpha = 10, sources = { wafer_cost = "CSET 2020" } },
  },
}
