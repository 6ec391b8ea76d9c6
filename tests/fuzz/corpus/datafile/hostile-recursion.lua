-- Unbounded (non-tail) recursion: stopped by a Lua stack overflow or the memory cap.
local function f(n) return 1 + f(n + 1) end
return { format = 1, x = f(1) }
