-- A fractional key is not a name and not a list position.
return { format = 1, nodes = { [1.5] = { name = "N5" } } }
