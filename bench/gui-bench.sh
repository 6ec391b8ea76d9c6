#!/usr/bin/env bash
# gui-bench.sh: the GUI's bench rows (`glasspane --bench` in a real window under Xvfb with
# the cairo renderer), run RUNS times (default 5), printed as the machine line, then per
# row the median, min and max over the runs, and the 1-minute load average before each run.
#
#   bench/gui-bench.sh [RUNS]         (or `./dev gui-bench [RUNS]`)
#
# Rows: gui_startup_first_frame, gui_startup_results_frame (headline figures final),
# gui_startup_uncertainty_frame (study done), gui_redraw_after_change_{p50,p99} (a parameter
# change to every visible chart redrawn, over 200 changes a run) and its main-thread CPU time
# gui_redraw_after_change_cpu_{p50,p99}, and the rest that `glasspane --bench` prints (see
# app/gp-app-bench.c); then gui_floor_first_frame{,_cpu}, the same first-frame figures of
# a bare libadwaita window (bench/gui-floor.c), run right after each glasspane run: the
# floor GTK and libadwaita set on this machine, the reference for the start-up ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
BIN=${GP_BUILD_DIR:-build}/app/glasspane
FLOOR=${GP_BUILD_DIR:-build}/bench/gui-floor
[ -x "$BIN" ] || { echo "gui-bench: $BIN not built (./dev build)" >&2; exit 2; }
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "machine: ${model:-unknown CPU}, $(nproc) cores online, load average $(cut -d' ' -f1 /proc/loadavg) (1 min)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
loads=()
for ((i = 1; i <= RUNS; i++)); do
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  XDG_STATE_HOME=$(mktemp -d) GP_DATA_DIR=$PWD/data GSK_RENDERER=cairo GLASSPANE_STYLE=light \
    xvfb-run -a "$BIN" --bench 2>/dev/null | grep -E '^gui_[a-z0-9_]+: ' >>"$out" ||
    echo "gui-bench: run $i failed" >&2
  if [ -x "$FLOOR" ]; then
    GSK_RENDERER=cairo xvfb-run -a "$FLOOR" 2>/dev/null | grep -E '^gui_[a-z0-9_]+: ' >>"$out" ||
      echo "gui-bench: floor run $i failed" >&2
  fi
done
echo "runs: $RUNS, load average before each: ${loads[*]}"
# name: median (min-max) unit, rows in the order glasspane prints them
awk -F': ' '
  { split($2, a, " "); if (!($1 in n)) order[++k] = $1; v[$1, ++n[$1]] = a[1]; unit[$1] = a[2] }
  END {
    for (r = 1; r <= k; r++) {
      name = order[r]; m = n[name]
      for (i = 1; i <= m; i++) x[i] = v[name, i]
      for (i = 2; i <= m; i++) for (j = i; j > 1 && x[j-1] + 0 > x[j] + 0; j--) { t = x[j]; x[j] = x[j-1]; x[j-1] = t }
      med = (m % 2) ? x[(m + 1) / 2] : (x[m / 2] + x[m / 2 + 1]) / 2
      printf "%s: %.1f %s (min %.1f, max %.1f, %d runs)\n", name, med, unit[name], x[1], x[m], m
    }
  }' "$out"
