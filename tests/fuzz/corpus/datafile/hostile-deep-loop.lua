-- A table nested 100 deep, built by a loop: past the default depth cap of 32.
local root = {}
local t = root
for i = 1, 100 do t.a = {} t = t.a end
return { format = 1, deep = root }
