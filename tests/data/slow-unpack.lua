-- string.unpack walks a format of any length without allocating; not in the sandbox.
local f = string.rep("<", 2^20 - 64)
for i = 1, 1e6 do local _ = string.unpack(f, "") end
return { format = 1 }
