-- table.move copies 2^62 nils in one C loop the instruction cap cannot see; not in the sandbox.
local t = {}
table.move({}, 1, 2^62, 1, t)
return { format = 1 }
