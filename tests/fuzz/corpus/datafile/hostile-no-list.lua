-- A node file without its list.
return { format = 1, kind = "nodes" }
