#!/usr/bin/env bash
# Builds core, the CLI and every test that does not need the GUI with AddressSanitizer +
# UndefinedBehaviorSanitizer (GCC, -O1, line tables only: reports name file and line, the
# build stays quick; assertions on) in ./build-asan (or
# $AXS_ASAN_BUILD_DIR) and runs those tests. Any sanitizer report aborts the test and fails
# the run. Left to the Release build of scripts/run-tests.sh (AXS_ASAN_SKIP, a ctest -E
# regex): the slowest tests (coevolution acceptance, the benchmark command, the batch
# workflow locally and on Slurm), which would take most of CI's time budget under the
# sanitizers and exercise no code the other tests do not; the memory estimate tests, whose
# measured resident memory the sanitizers' shadow memory inflates; and the package test
# (needs the GUI build).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${AXS_ASAN_BUILD_DIR:-build-asan}"
SKIP="${AXS_ASAN_SKIP:-^(test_coevolution_acceptance|test_bench_cli|test_run_estimate|test_estimate_cli|test_batch_workflow_local|test_batch_workflow_slurm|test_deb_package)$}"

bash scripts/configure-build.sh "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DAXS_SANITIZE=ON -DAXS_BUILD_GUI=OFF -DAXS_BUILD_BENCH=OFF
# Only what the tests that run need: their executables (named like the tests) and the CLI.
mapfile -t TESTS < <(cd "$BUILD_DIR" && ctest -N -E "$SKIP" | sed -n 's/^ *Test *#[0-9]*: *//p')
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target axialscope-cli "${TESTS[@]}"

# Leaks are reported too; a report of any kind ends the process with an error.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
cd "$BUILD_DIR"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900 -E "$SKIP"
