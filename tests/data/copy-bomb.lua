-- 89 bytes that used to copy out as 1 GB: one 1 MiB string referred to a thousand times.
-- The copy shares the string, so it costs about 1 MiB.
local s = string.rep("a", 2^20 - 64)
local t = {}
for i = 1, 1000 do t[i] = s end
return { format = 1, t = t }
