#!/usr/bin/env bash
# Checks that every tracked C++ source follows .clang-format (clang-format 14, the version
# of Debian 12). Prints the offending files and fails; `scripts/check-format.sh --fix`
# formats them in place instead. Called by scripts/run-tests.sh (so CI checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT="${CLANG_FORMAT:-clang-format-14}"
if ! command -v "$CLANG_FORMAT" >/dev/null 2>&1; then
  echo "check-format: $CLANG_FORMAT not found (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
mapfile -t FILES < <(git ls-files -- '*.cpp' '*.hpp' '*.h' '*.cc')
if [ "${1:-}" = "--fix" ]; then
  "$CLANG_FORMAT" -i "${FILES[@]}"
  exit 0
fi
# One clang-format process for all files; it names each file that would change.
mapfile -t bad < <("$CLANG_FORMAT" --dry-run -Werror "${FILES[@]}" 2>&1 |
  sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u)
if [ ${#bad[@]} -gt 0 ]; then
  echo "check-format: ${#bad[@]} of ${#FILES[@]} C++ sources do not follow .clang-format:" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "run scripts/check-format.sh --fix (or clang-format-14 -i FILE) and commit the result" >&2
  exit 1
fi
echo "check-format: all ${#FILES[@]} C++ sources follow .clang-format"
