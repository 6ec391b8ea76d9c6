-- Forgets to return its table.
local nodes = { { name = "N5" } }
