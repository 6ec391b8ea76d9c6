-- A boolean key.
return { format = 1, flags = { [true] = 1 } }
