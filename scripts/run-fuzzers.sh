#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ (clang, ASan + UBSan) in ./build-fuzz (or
# $AXS_FUZZ_BUILD_DIR) and runs each for $AXS_FUZZ_SECONDS seconds (default 20) on its
# seed corpus, $AXS_FUZZ_JOBS at a time (default: the number of cores). Fails when a
# harness finds a crash, a sanitizer report, a leak, a timeout (10 s per input) or an
# input that needs more than 2 GiB; the reproducer is left in <build>/fuzz/findings/ and
# `<build>/bin/<harness> <reproducer>` replays it. Arguments: harness names (default: all).
#
# Longer runs by hand, e.g. an hour per harness on all cores:
#   AXS_FUZZ_SECONDS=3600 scripts/run-fuzzers.sh
# New inputs that reach new code are kept in <build>/fuzz/corpus/<harness>/ and are the
# start of the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${AXS_FUZZ_BUILD_DIR:-build-fuzz}"
SECONDS_EACH="${AXS_FUZZ_SECONDS:-20}"
JOBS="${AXS_FUZZ_JOBS:-$(nproc)}"

bash scripts/configure-build.sh "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DAXS_BUILD_FUZZERS=ON -DAXS_BUILD_GUI=OFF -DAXS_BUILD_TESTS=OFF -DAXS_BUILD_BENCH=OFF -DAXS_NATIVE=OFF
cmake --build "$BUILD_DIR" --target fuzzers --parallel "$(nproc)"

if [ $# -gt 0 ]; then HARNESSES=("$@"); else mapfile -t HARNESSES <"$BUILD_DIR/fuzz/fuzzers.txt"; fi
FINDINGS="$BUILD_DIR/fuzz/findings"
LOGS="$BUILD_DIR/fuzz/logs"
rm -rf "$FINDINGS"
mkdir -p "$FINDINGS" "$LOGS"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

run_one() {
  local name="$1" build="$2" seconds="$3"
  local log="$build/fuzz/logs/$name.log"
  if "$build/bin/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz/findings/$name-" "$build/fuzz/corpus/$name" >"$log" 2>&1; then
    printf '%-28s ok  %8s inputs in %s s\n' "$name" "$(awk '/^stat::number_of_executed_units/ {print $2}' "$log")" "$seconds"
  else
    printf '%-28s FAILED (see %s)\n' "$name" "$log"
    tail -40 "$log"
    return 1
  fi
}
export -f run_one
echo "run-fuzzers: ${#HARNESSES[@]} harnesses, ${SECONDS_EACH} s each, ${JOBS} at a time"
printf '%s\n' "${HARNESSES[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_one "$@"' _ {} "$BUILD_DIR" "$SECONDS_EACH"
