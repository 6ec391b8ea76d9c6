-- Tries to catch the limit error and carry on looping; pcall is not in the sandbox.
local ok = pcall(function() while true do end end)
while not ok do ok = pcall(function() while true do end end) end
return { format = 1 }
