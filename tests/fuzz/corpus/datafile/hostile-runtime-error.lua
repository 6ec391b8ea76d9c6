-- An arithmetic error on line 3.
local wafer = { cost = 1 }
local x = wafer.price * 2
return { format = 1, x = x }
