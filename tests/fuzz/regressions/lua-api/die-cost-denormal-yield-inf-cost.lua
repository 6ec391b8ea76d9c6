die_cost
return { yield = 5e-324 }
