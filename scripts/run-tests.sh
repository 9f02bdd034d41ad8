#!/usr/bin/env bash
# Installs dependencies, checks the formatting, builds, and runs every test (ctest).
# Exit code = test result.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/check-format.sh
bash scripts/build.sh
cd "${AXS_BUILD_DIR:-build}"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900
