#!/usr/bin/env bash
# check-long.sh BUILD_DIR: checks too slow for `make test`. Each
# tests/long/*.sh is run with the binaries' directory in AX_BIN and must
# exit 0; the sanitizer build's tests run too.
set -uo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export AX_ROOT=$root AX_BIN=$root/$build/bin
failed=0 passed=0
for t in "$root"/tests/long/*.sh; do
	[ -e "$t" ] || continue
	[ "$(basename "$t")" = lib.sh ] && continue # sourced by the others
	echo "== $(basename "$t")"
	if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "== make test under ASan/UBSan"
if make -C "$root" -j2 SANITIZE=1 test; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
