wafer_map
return { die_width_mm = 1e-4, die_height_mm = 1e-4, scribe_mm = 0, wafer_diameter_mm = 450, edge_exclusion_mm = 0 }
