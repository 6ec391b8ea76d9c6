-- Never returns: the instruction cap must stop it and name line 3.
local x = 0
while true do x = x + 1 end
return { format = 1 }
