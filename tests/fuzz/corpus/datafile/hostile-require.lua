-- A data file that tries to load a module.
local posix = require("posix")
return { format = 1 }
