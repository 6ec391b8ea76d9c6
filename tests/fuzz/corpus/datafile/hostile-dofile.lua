-- A data file that tries to run another file.
return dofile("/etc/glasspane.lua")
