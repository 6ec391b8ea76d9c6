-- The reported form: a 16 MiB string 64 times (1.07 GB copied out). Refused: string limit.
local s = string.rep("a", 2^24) local t = {} for i = 1, 64 do t[i] = s end return {t = t}
