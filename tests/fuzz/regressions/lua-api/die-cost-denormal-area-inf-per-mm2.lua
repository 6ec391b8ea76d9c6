die_cost
return { die_area_mm2 = 5e-324 }
