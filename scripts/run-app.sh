#!/usr/bin/env bash
# Installs dependencies, builds, and opens the workbench on the bundled example (1a3a).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# Idle OpenMP threads sleep instead of spinning: the desktop stays responsive between runs.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
exec "${AXS_BUILD_DIR:-build}/bin/axialscope" resources/examples/1a3a/1a3a_1_A.a3m resources/examples/1a3a/1a3a.pdb "$@"
