-- One terabyte in a single call.
local s = string.rep("x", 2^40)
return { format = 1, s = s }
