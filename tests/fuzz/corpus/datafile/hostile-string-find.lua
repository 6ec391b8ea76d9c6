-- Pattern matching can backtrack for exponential time inside one C call; not in the sandbox.
local s = string.rep("a", 5000)
return { format = 1, hit = s:find(string.rep("a*", 30) .. "b") }
