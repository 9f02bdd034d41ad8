#!/usr/bin/env bash
# Checks the Debian package the way a user gets it, on a THROWAWAY Debian 12 root only:
#   ../shared/tools/fresh-machine-check . -- bash scripts/check-installed-deb.sh --throwaway-root
# Builds dist/axialscope_<version>_<arch>.deb (scripts/package-deb.sh), then purges every
# package that build installed, so that `apt-get install ./dist/...deb` has only the
# package's computed Depends to go on; then checks both programs' --version, the desktop
# entry and AppStream metadata with their validators, and that the installed workbench
# finds its bundled example and renders the views with the source tree moved away.
set -euo pipefail
if [ "${1:-}" != "--throwaway-root" ]; then
  echo "check-installed-deb: purges packages; run it only on a throwaway root, with --throwaway-root" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
src=$PWD
step() { echo "== check-installed-deb: $*"; }

dpkg-query -W -f='${Package}\n' | sort >/tmp/packages-before
step "build the package"
bash scripts/package-deb.sh
deb=$(ls "$src"/dist/axialscope_*.deb)

step "purge what the build installed"
dpkg-query -W -f='${Package}\n' | sort >/tmp/packages-built
mapfile -t added < <(comm -13 /tmp/packages-before /tmp/packages-built)
apt-get purge -y -qq "${added[@]}" >/dev/null
apt-get autoremove --purge -y -qq >/dev/null
echo "purged ${#added[@]} packages"

step "install $(basename "$deb") (and its Depends)"
apt-get install -y -qq --no-install-recommends "$deb"
dpkg-deb -f "$deb" Depends

step "programs"
axialscope-cli --version
env -u DISPLAY axialscope --version  # no display at all
apt-get install -y -qq --no-install-recommends xvfb xauth desktop-file-utils appstream >/dev/null
xvfb-run -a axialscope --version

step "metadata"
desktop-file-validate /usr/share/applications/axialscope.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.github.axialscope.metainfo.xml
ls /usr/share/icons/hicolor/*/apps/axialscope.* /usr/share/man/man1/axialscope*.1.gz

step "the workbench finds its example without the source tree"
cd /
mv "$src" "$src.moved"
trap 'mv "$src.moved" "$src"' EXIT
shots=$(mktemp -d)
xvfb-run -a axialscope --screenshot "$shots"
for png in main_window main_window_after_run attention contacts heads; do
  [ -s "$shots/$png.png" ] || { echo "FAIL: no $png.png" >&2; exit 1; }
done
step "OK"
