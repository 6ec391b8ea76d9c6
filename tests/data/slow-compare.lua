-- Each `s < s` is one VM instruction that compares two 1 MiB strings (~25 us); ten million
-- of them stay under the instruction cap but would run for minutes. The deadline stops it.
local s = string.rep("a", 2^20 - 64)
for i = 1, 1e7 do local _ = s < s end
return { format = 1 }
