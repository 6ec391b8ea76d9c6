return { format = 1, kind = 'design', study = { workload = 'llama3-70b', token_budget = 15e12, grid_ci_g_per_kwh = 301 }, systems = { { preset = 'dgx-h100', name = 'dgx\255\192\175' } } }
