-- sweep-study.lua: a two-parameter sweep that splits into shards. Energy per bit of the
-- glass ion-exchange waveguide link (data/links.lua "glass-ionx-board") over waveguide loss
-- (0.05-2 dB/cm, log) x laser wall-plug efficiency (5-40 %): 200 x 200 = 40,000 points.
--
--   glasspane-script [--shard K/N] examples/sweep-study.lua [OUT_DIR]
--
-- Unsharded it writes OUT_DIR/sweep.csv; as shard K of N it writes only its block of rows
-- to OUT_DIR/sweep-shard-KKKK-of-NNNN.csv, and merging the shards in order
-- (examples/merge-csv.lua, or glasspane.merge_csv) gives exactly the bytes of sweep.csv.
-- Points whose budget cannot close (the laser would exceed its maximum) have empty cells.
local gp = require "glasspane"
local out = (arg and arg[1]) or "out/"
if out:sub(-1) ~= "/" then out = out .. "/" end
os.execute("mkdir -p '" .. out:gsub("'", "'\\''") .. "'")

local frame = gp.sweep {
  model = "link",
  base = gp.preset("links", "glass-ionx-board"),
  x = { param = "waveguide_loss_db_per_cm", from = 0.05, to = 2, n = 200, log = true },
  y = { param = "laser_wpe", from = 0.05, to = 0.4, n = 200 },
}
local k, n = gp.shard()
local path = n > 1 and ("%ssweep-shard-%04d-of-%04d.csv"):format(out, k, n) or out .. "sweep.csv"
assert(gp.write_csv(path, frame, { columns = { "row", "waveguide_loss_db_per_cm", "laser_wpe",
                                               "laser_dbm", "laser_pj_per_bit",
                                               "total_pj_per_bit", "power_w" } }))
print(("sweep-study: rows %d-%d of %d -> %s"):format(frame.first, frame.first + frame.n - 1,
                                                      frame.total, path))
