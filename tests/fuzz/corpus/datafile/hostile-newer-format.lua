-- Written by a future glasspane.
return { format = 7, kind = "nodes", nodes = {} }
