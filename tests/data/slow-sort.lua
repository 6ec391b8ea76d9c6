-- table.sort over references to one long string: n log n comparisons in one C call.
local s = string.rep("a", 2^20 - 64)
local t = {}
for i = 1, 100000 do t[i] = s end
table.sort(t)
return { format = 1 }
