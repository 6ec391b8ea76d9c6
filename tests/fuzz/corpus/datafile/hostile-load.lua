-- A data file that tries to compile code at run time.
local f = load("return 1")
return { format = 1, x = f() }
