-- A data file that tries to turn a function into bytecode.
local bytes = string.dump(function() return 1 end)
return { format = 1, code = bytes }
