-- table.insert at the front shifts a million entries in C (~15 ms) per call: the shift is
-- charged to the instruction budget, so the cap stops it after a few dozen calls.
local t = {}
for i = 1, 2^20 do t[i] = i end
for i = 1, 1e4 do table.insert(t, 1, 0) end
return { format = 1 }
