-- A data file that tries to plant a metamethod the reader would run later.
return setmetatable({ format = 1 }, { __index = function() while true do end end })
