#!/usr/bin/env bash
# Builds the Debian package dist/axialscope_<version>_<arch>.deb: installs the dependencies,
# builds in Release into ./build-deb (or $AXS_DEB_BUILD_DIR) for any x86-64 CPU (not
# -march=native: the package must run on machines other than the one that built it; the
# matrix products come from OpenBLAS and oneDNN, which choose their kernels at run time),
# checks that (packaging/check_baseline_isa.sh), and packs it with CPack (Depends computed by
# dpkg-shlibdeps).
# Extra arguments go to the CMake configure step (e.g. -DCMAKE_CXX_COMPILER_LAUNCHER=ccache).
# Install with: sudo apt-get install ./dist/axialscope_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR="${AXS_DEB_BUILD_DIR:-build-deb}"
GENERATOR=()
if command -v ninja >/dev/null 2>&1; then GENERATOR=(-G Ninja); fi
# Configured every time, so that the options below hold even for an existing build folder.
cmake -S . -B "$BUILD_DIR" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DAXS_NATIVE=OFF -DAXS_BUILD_GUI=ON -DAXS_BUILD_TESTS=OFF -DAXS_BUILD_BENCH=OFF "$@"
cmake --build "$BUILD_DIR" --parallel "$(nproc)"
bash packaging/check_baseline_isa.sh "$BUILD_DIR/bin/axialscope" "$BUILD_DIR/bin/axialscope-cli"
rm -rf "$BUILD_DIR/cpack"
cpack --config "$BUILD_DIR/CPackConfig.cmake" -B "$BUILD_DIR/cpack"
mkdir -p dist
for deb in "$BUILD_DIR"/cpack/*.deb; do
  mv -f "$deb" dist/
  echo "package-deb: dist/$(basename "$deb")"
  dpkg-deb --field "dist/$(basename "$deb")" Package Version Architecture Depends
done
