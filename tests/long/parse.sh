#!/usr/bin/env bash
# parse.sh: ax-parse checks too slow for `make test` (run by check-long.sh
# with AX_BIN set): valgrind on every fixture with two workers must report
# no error and no leak (memory still reachable at exit is not one: libax keeps
# its flag set), and a 100k-file stream at -j8 must stay under 100 MB
# of peak RSS and equal the -j1 output byte for byte.
set -euo pipefail
: "${AX_BIN:?}" "${AX_ROOT:?}"
fix=$AX_ROOT/tests/fixtures/parse
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-long-parse.XXXXXX")
trap 'rm -rf "$work"' EXIT

# stream ROUNDS: every fixture, ROUNDS times.
stream() {
	local round
	round=$(for f in "$fix"/*/*; do
		case $f in *.expected) continue ;; esac
		l=$(basename "$(dirname "$f")")
		printf '{"t":"file","path":"%s/%s","lang":"%s","size":%d,"mtime":0,"hash":"0000000000000000"}\n' \
			"$l" "$(basename "$f")" "$l" "$(stat -c %s "$f")"
	done)
	printf '{"t":"hdr","v":1,"tool":"test","root":"%s"}\n' "$fix"
	for ((r = 0; r < $1; r++)); do
		printf '%s\n' "$round"
	done
	printf '{"t":"end","files":0,"complete":true}\n'
}

stream 1 | "$AX_BIN/ax-cat" --from-json > "$work/one.ax"
valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible \
	--error-exitcode=9 "$AX_BIN/ax-parse" -j2 < "$work/one.ax" > /dev/null
echo "valgrind: no errors, no leaks"

per_round=$(ls "$fix"/*/* | grep -vc '\.expected$')
rounds=$(( (100000 + per_round - 1) / per_round ))
stream "$rounds" | "$AX_BIN/ax-cat" --from-json > "$work/big.ax"
files=$("$AX_BIN/ax-cat" "$work/big.ax" | grep -c '"t":"file"')
/usr/bin/time -f '%M' -o "$work/rss" "$AX_BIN/ax-parse" -j8 < "$work/big.ax" > "$work/j8.ax"
"$AX_BIN/ax-parse" -j1 < "$work/big.ax" > "$work/j1.ax"
cmp "$work/j1.ax" "$work/j8.ax"
rss=$(tail -n 1 "$work/rss")
echo "-j8 on $files files: peak RSS $((rss / 1024)) MB; equals -j1"
[ "$rss" -lt 102400 ]
