shoreline
return { die_width_mm = 5e-324 }
