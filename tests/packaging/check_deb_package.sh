#!/usr/bin/env bash
# Builds the Debian package from this build tree with CPack (into a temporary folder, gzip
# for speed) and checks what a user gets: the file list (programs, bundled example, desktop
# entry, AppStream metadata, icons, man pages, copyright, and nothing else), the control
# fields and computed Depends, the metadata validators (desktop-file-validate, appstreamcli,
# when installed), the man pages' content, and the extracted programs' --version (the
# workbench's without any display). That the installed workbench finds the example beside
# itself is tested by test_example_files (a relocated prefix) and on a fresh root.
# usage: check_deb_package.sh BUILD_DIR VERSION CPACK_COMMAND
set -euo pipefail
build=$1 version=$2 cpack=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cpack" --config "$build/CPackConfig.cmake" -B "$tmp/out" -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
arch=$(dpkg --print-architecture)
deb="$tmp/out/axialscope_${version}_${arch}.deb"
[ -f "$deb" ] || fail "expected $(basename "$deb"); cpack wrote: $(ls "$tmp/out")"

# File list: every expected file, and no file outside the expected places.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$' | sort >"$tmp/files"
expected=(
  /usr/bin/axialscope /usr/bin/axialscope-cli
  /usr/share/axialscope/examples/1a3a/1a3a_1_A.a3m /usr/share/axialscope/examples/1a3a/1a3a.pdb
  /usr/share/axialscope/examples/1a3a/PROVENANCE.md
  /usr/share/applications/axialscope.desktop /usr/share/metainfo/io.github.axialscope.metainfo.xml
  /usr/share/icons/hicolor/scalable/apps/axialscope.svg
  /usr/share/icons/hicolor/48x48/apps/axialscope.png /usr/share/icons/hicolor/64x64/apps/axialscope.png
  /usr/share/icons/hicolor/128x128/apps/axialscope.png /usr/share/icons/hicolor/256x256/apps/axialscope.png
  /usr/share/man/man1/axialscope.1.gz /usr/share/man/man1/axialscope-cli.1.gz
  /usr/share/man/man1/axialscope-cli-predict.1.gz
  /usr/share/doc/axialscope/copyright
)
for f in "${expected[@]}"; do grep -qxF "$f" "$tmp/files" || fail "$f is not in the package"; done
stray=$(grep -vE '^/usr/(bin/axialscope(-cli)?|share/(axialscope/examples|applications|metainfo|icons/hicolor|man/man1|doc/axialscope)/.*)$' "$tmp/files" || true)
[ -z "$stray" ] || fail "unexpected files in the package: $stray"
# One man page per command that `axialscope-cli --help` lists.
for cmd in $("$build/bin/axialscope-cli" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'); do
  grep -qxF "/usr/share/man/man1/axialscope-cli-$cmd.1.gz" "$tmp/files" || fail "no man page for 'axialscope-cli $cmd'"
done

# Control fields: name, version, architecture, and Depends computed from the linked libraries.
[ "$(dpkg-deb -f "$deb" Package)" = axialscope ] || fail "Package field"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version field: $(dpkg-deb -f "$deb" Version)"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "Architecture field"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libstdc++6 libgomp1 libqt6widgets6 libqt6svg6 libzip4 libopenblas0; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

root="$tmp/root"
dpkg-deb -x "$deb" "$root"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/axialscope.desktop" || fail "desktop-file-validate"
else
  echo "note: desktop-file-validate not installed (desktop-file-utils), not run"
fi
metainfo="$root/usr/share/metainfo/io.github.axialscope.metainfo.xml"
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
else
  echo "note: appstreamcli not installed (appstream), not run"
fi
# The copyright file covers the bundled example's files and carries the MIT terms.
copyright="$root/usr/share/doc/axialscope/copyright"
for needle in "Files: resources/examples/1a3a/1a3a_1_A.a3m" "Files: resources/examples/1a3a/1a3a.pdb" \
  "License: CC0-1.0" " Permission is hereby granted"; do
  grep -qF "$needle" "$copyright" || fail "copyright lacks '$needle'"
done
newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n1 | cut -d'"' -f2)
[ "$newest" = "$version" ] || fail "the newest release in the metainfo is $newest, the project is $version"

# Man pages: generated from the real --help (an option of each program in its page).
man_has() { gzip -dc "$root/usr/share/man/man1/$1.1.gz" | grep -q -- "$2" || fail "$1(1) lacks '$2'"; }
man_has axialscope '^\.TH AXIALSCOPE "1"'
man_has axialscope 'screenshot'
man_has axialscope-cli '^\.TH AXIALSCOPE-CLI "1"'
man_has axialscope-cli 'coevolution'
man_has axialscope-cli-predict '\\-\\-max\\-seqs'
man_has axialscope-cli 'share/axialscope/examples/1a3a/'  # FILES (prefix of this build)

# The extracted programs run (libraries from the system) and print the version, the
# workbench without any display.
[ "$("$root/usr/bin/axialscope-cli" --version)" = "axialscope-cli $version" ] || fail "axialscope-cli --version"
gui_version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/axialscope" --version)
[ "$gui_version" = "axialscope $version" ] || fail "axialscope --version printed '$gui_version'"
echo "package OK: $(basename "$deb"), $(wc -l <"$tmp/files") files, $(du -k "$deb" | cut -f1) KiB (gzip)"
