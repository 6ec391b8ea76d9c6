local s = string.rep("a", 2^20 - 64)
local t = {}
for i = 1, 1000 do t[i] = s end
return { format = 1, kind = 'design', note = s, study = { workload = 'llama3-70b', token_budget = 15e12, grid_ci_g_per_kwh = 301 }, systems = { { preset = 'dgx-h100', note = s, sources = { accelerators = s } } } }
