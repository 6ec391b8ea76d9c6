#!/bin/sh
# sweep-shards.sh: run examples/sweep-study.lua as N shards in parallel with GNU parallel,
# merge them, and check the merged file against one unsharded run, byte for byte. The same
# pattern runs as a Slurm job array: `glasspane-script --slurm-array ...` (see README.md).
#
#   examples/sweep-shards.sh [RUNNER] [OUT_DIR] [N]
#
# RUNNER defaults to glasspane-script on PATH, OUT_DIR to out/, N to 4.
set -eu
runner=${1:-glasspane-script}
out=${2:-out}
n=${3:-4}
here=$(dirname "$0")
mkdir -p "$out/shards" "$out/single"

# One process per shard; --halt stops the rest if one fails.
seq 1 "$n" | parallel --halt now,fail=1 "$runner" --shard {}/"$n" "$here/sweep-study.lua" "$out/shards"

# Zero-padded names sort in shard order.
"$runner" "$here/merge-csv.lua" "$out/sweep-merged.csv" "$out"/shards/sweep-shard-*-of-"$(printf %04d "$n")".csv

"$runner" "$here/sweep-study.lua" "$out/single"
if cmp "$out/sweep-merged.csv" "$out/single/sweep.csv"; then
  echo "sweep-shards: $n shards merged = one run ($(wc -l < "$out/single/sweep.csv") lines)"
else
  echo "sweep-shards: merged shards differ from the single run" >&2
  exit 1
fi
