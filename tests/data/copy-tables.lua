-- One empty table referred to 700,000 times: 700,000 tables once copied out (~73 MB),
-- past the 64 MiB budget though under the million-entry cap. Refused at load.
local e = {}
local t = {}
for i = 1, 700000 do t[i] = e end
return { format = 1, t = t }
