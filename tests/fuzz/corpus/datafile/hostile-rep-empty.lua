-- The empty string repeated 2^63-1 times: stock string.rep loops in C for ever here.
return { format = 1, s = string.rep("", math.maxinteger), t = string.rep("", math.maxinteger, "") }
