-- merge-csv.lua: merge shard CSVs (same header) into one file, rows in the order given.
--
--   glasspane-script examples/merge-csv.lua OUT.csv SHARD1.csv SHARD2.csv ...
local gp = require "glasspane"
local out = assert(arg[1], "usage: merge-csv.lua OUT.csv SHARD.csv...")
local files = {}
for i = 2, #arg do files[#files + 1] = arg[i] end
local rows = assert(gp.merge_csv(out, files))
print(("merge-csv: %d rows from %d files -> %s"):format(rows, #files, out))
