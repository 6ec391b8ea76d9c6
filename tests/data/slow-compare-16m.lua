-- The reported form: 16 MiB strings compared ten million times (about 1.5 hours under
-- the instruction cap alone). Refused at once: no data file string may pass 1 MiB.
local s = string.rep("a", 2^24)
for i = 1, 1e7 do local _ = s < s end
return { format = 1 }
