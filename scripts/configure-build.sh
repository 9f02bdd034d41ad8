#!/usr/bin/env bash
# Configures a CMake build tree for the check scripts (run-sanitizers.sh, run-fuzzers.sh):
# Ninja and ccache when they are installed. Usage: configure-build.sh DIR [cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="$1"
shift
ARGS=()
if command -v ninja >/dev/null 2>&1; then ARGS+=(-G Ninja); fi
if command -v ccache >/dev/null 2>&1; then ARGS+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$BUILD_DIR" "${ARGS[@]}" "$@" >/dev/null
