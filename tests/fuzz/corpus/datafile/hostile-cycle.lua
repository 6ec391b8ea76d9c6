-- A table that contains itself: the reader would walk it for ever.
local t = { format = 1, nodes = {} }
t.nodes[1] = t
return t
