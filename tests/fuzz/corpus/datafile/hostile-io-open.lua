-- A data file that tries to read a file.
local f = io.open("/etc/passwd")
return { format = 1, secret = f:read("a") }
