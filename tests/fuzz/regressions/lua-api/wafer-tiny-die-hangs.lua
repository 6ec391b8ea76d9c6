wafer
return { die_width_mm = 1e-12, die_height_mm = 1e-12, scribe_mm = 0 }
