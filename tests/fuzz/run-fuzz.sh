#!/usr/bin/env bash
# run-fuzz.sh [SECONDS] [TARGET...]: build the libFuzzer targets with clang and run each
# for SECONDS (default 60), then print one line per target:
#
#   fuzz datafile: 151234 execs, 812 corpus, 0 crashes
#
# Exit status 1 if any target crashed, hung (> GP_FUZZ_TIMEOUT s on one input, default 10)
# or ran out of memory. Inputs that did are kept in $BUILD/fuzz-artifacts/<target>/; replay
# one with `$BUILD/tests/fuzz/fuzz-<target> FILE`, fix the bug, and save the input as
# tests/fuzz/regressions/<target>/<what-it-broke> (tests/test-fuzz-replay runs it from then
# on; tests/fuzz/pending/<target>/ is for bugs reported to another part's owner).
#
# The working corpus is $BUILD/fuzz-corpus/<target>, seeded from tests/fuzz/corpus/<target>
# and kept between runs, so repeated runs go deeper; the seeds in the tree stay small.
# Environment: GP_FUZZ_BUILD_DIR (default build-fuzz), GP_FUZZ_TIMEOUT, GP_FUZZ_RSS_MB.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_TARGET=${1:-60}
shift || true
BUILD=${GP_FUZZ_BUILD_DIR:-build-fuzz}
TIMEOUT=${GP_FUZZ_TIMEOUT:-10}
RSS_MB=${GP_FUZZ_RSS_MB:-2048}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(datafile luaparam lua-api)
  # The design target fuzzes nothing until the design loader exists.
  [ -f scripting/gp-design.h ] && targets+=(design)
fi

if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang meson setup "$BUILD" -Dfuzzing=true --buildtype=debugoptimized >&2
fi
ninja -C "$BUILD" $(printf 'tests/fuzz/fuzz-%s ' "${targets[@]}") >&2

status=0
summary=()
for t in "${targets[@]}"; do
  corpus="$BUILD/fuzz-corpus/$t"
  artifacts="$BUILD/fuzz-artifacts/$t"
  log="$BUILD/fuzz-$t.log"
  mkdir -p "$corpus" "$artifacts"
  seeds=()
  [ -d "tests/fuzz/corpus/$t" ] && seeds+=("tests/fuzz/corpus/$t")
  [ -d "tests/fuzz/regressions/$t" ] && seeds+=("tests/fuzz/regressions/$t")
  # The shipped presets and the hostile files are seeds as they stand (not copies, which
  # would go stale): data files for the loader, presets and designs for the design reader.
  case $t in
    datafile) seeds+=(data tests/data) ;;
    design) seeds+=(data) ;;
  esac
  before=$(find "$artifacts" -type f | wc -l)
  # Fork mode with crashes ignored: the run lasts its full time and every distinct failure
  # is saved, rather than stopping at the first one.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$BUILD/tests/fuzz/fuzz-$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" \
      -artifact_prefix="$artifacts/" "$corpus" "${seeds[@]}" >"$log" 2>&1 || true
  # Fork mode's progress lines end with the totals:
  #   #686384: cov: 2167 ft: 2139 corp: 620 exec/s 3305 oom/timeout/crash: 0/0/12 time: 125s
  last=$(grep -a -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
  execs=$(sed -n -E 's/^#([0-9]+):.*/\1/p' <<<"$last")
  corp=$(sed -n -E 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  counts=$(sed -n -E 's|.*oom/timeout/crash: ([0-9]+)/([0-9]+)/([0-9]+).*|\1 \2 \3|p' <<<"$last")
  read -r ooms timeouts crashes <<<"${counts:-0 0 0}"
  after=$(find "$artifacts" -type f | wc -l)
  bad=$((ooms + timeouts + crashes))
  line="fuzz $t: ${execs:-0} execs, ${corp:-$(find "$corpus" -type f | wc -l)} corpus, $bad crashes"
  [ "$bad" -gt 0 ] && line+=" ($crashes crashed, $timeouts hung, $ooms out of memory; $((after - before)) new inputs in $artifacts)"
  if [ -z "$last" ]; then
    line="fuzz $t: did not run (see $log)"
    bad=1
  fi
  summary+=("$line")
  echo "$line"
  [ "$bad" -eq 0 ] || status=1
done

if [ $status -ne 0 ]; then
  echo "fuzz: failures found; replay one with $BUILD/tests/fuzz/fuzz-<target> FILE" >&2
fi
exit $status
