#!/usr/bin/env bash
# Installs AxialScope's build, test and packaging dependencies from Debian 12 packages.
# Idempotent: does nothing (and needs no network) when everything is already there.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-svg-dev libqcustomplot-dev
  libqt6opengl6-dev libgl-dev libgl1-mesa-dri   # the 3D structure view (QOpenGLWidget; Mesa's llvmpipe under Xvfb)
  libeigen3-dev libopenblas-openmp-dev libdnnl-dev
  ocl-icd-opencl-dev   # dnnl-config.cmake requires OpenCL (Recommends only, so --no-install-recommends skips it)
  gemmi-dev tao-pegtl-dev
  libzip-dev zlib1g-dev
  liblbfgspp-dev
  nettle-dev nlohmann-json3-dev   # SHA-256 of models and inputs; saved-analysis manifests (JSON)
  xvfb xauth
  # batch workflow (workflows/batch) and its test: Snakemake 7.21, and a private single-node
  # Slurm that scripts/local-slurm.sh starts (no system service is configured or used)
  snakemake slurm-wlm munge
  # checks: formatting (scripts/check-format.sh), libFuzzer harnesses and their sanitizer
  # runtimes (scripts/run-fuzzers.sh; clang's OpenMP is libomp)
  clang-format-14 clang-14 libclang-rt-14-dev libomp-14-dev
  # packaging: man pages from --help, PNG icons, CPack's shlibdeps (file), the package test's validators
  help2man librsvg2-bin file desktop-file-utils appstream
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
