-- A name longer than the struct holds.
return {
  format = 1,
  kind = "nodes",
  nodes = {
    { name = "N5_with_a_name_much_longer_than_forty_seven_characters_allowed", feature_nm = 5, wafer_diameter_mm = 300, wafer_cost_usd = 16988, d0_per_cm2 = 0.11, alpha = 10 },
  },
}
