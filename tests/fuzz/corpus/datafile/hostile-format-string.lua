-- The format version must be a number.
return { format = "1", kind = "nodes", nodes = {} }
