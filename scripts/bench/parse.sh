#!/usr/bin/env bash
# parse.sh [BUILD_DIR]: ax-parse on the corpus of scripts/corpus (~120k
# files of JavaScript, TypeScript, JSON, YAML from pinned npm packages), or
# on TREE=DIR, against a bare tree-sitter parse of the same stream (ax-parse
# --parse-only: the floor) and universal-ctags on the same files. Prints MB/s
# and files/s for -j1 and -j2 (by wall time and by CPU time: CPU time is what
# a busy machine disturbs least), the speed-up of -j2 over -j1, the
# extraction/bare ratio (goal: at most 1.5), ax-parse/ctags per file, and the
# peak RSS of -j8 on the whole stream (goal: under 100 MB). BASE=DIR (a bin
# directory: another build's ax-parse, e.g. the one of main) runs beside
# each run of this build, for a before/after in the same minute. Best of
# RUNS runs (default 3); FILES=N takes the first N files only.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin=$root/$build/bin
runs=${RUNS:-3}
base=${BASE:-}
if [ -n "${TREE:-}" ]; then
	tree=$(cd "$TREE" && pwd)
else
	"$root/scripts/corpus/build.sh" "$root/build/corpus" >&2
	tree=$root/build/corpus/tree
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-parse.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$bin/ax-scan" "$tree" > "$work/scan.ax"
if [ -n "${FILES:-}" ]; then
	"$bin/ax-cat" "$work/scan.ax" | awk -v n="$FILES" '/"t":"file"/ { if (++k > n) next } { print }' |
		"$bin/ax-cat" --from-json > "$work/in.ax"
else
	mv "$work/scan.ax" "$work/in.ax"
fi
"$bin/ax-cat" "$work/in.ax" | jq -r 'select(.t == "file" and .lang != "") | [.size, .path] | @tsv' > "$work/files.tsv"
files=$(wc -l < "$work/files.tsv")
bytes=$(awk -F'\t' '{ s += $1 } END { print s }' "$work/files.tsv")
cut -f2 "$work/files.tsv" > "$work/files.txt"
echo "corpus: $files files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($("$bin/ax-cat" "$work/in.ax" | jq -r 'select(.t == "file") | .lang' | sort | uniq -c | sort -rn | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }'))"

# best CMD...: "WALL CPU MAXRSS_KB", the run with the least CPU of `runs`.
best() {
	local out
	out=$(for ((i = 0; i < runs; i++)); do
		/usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null | tail -n 1
	done)
	awk '{ print $1, $2 + $3, $4 }' <<<"$out" | sort -k2,2n | head -n 1
}

row() { # NAME WALL CPU
	awk -v n="$1" -v w="$2" -v c="$3" -v b="$bytes" -v f="$files" 'BEGIN {
		printf "| %-24s | %7.2f | %7.2f | %8.1f | %8.1f | %9.0f | %9.0f |\n",
			n, w, c, b / 1e6 / w, b / 1e6 / c, f / w, f / c }'
}

echo
echo "| run                      | wall s  | CPU s   | MB/s wall | MB/s CPU | files/s wall | files/s CPU |"
echo "|--------------------------|---------|---------|-----------|----------|--------------|-------------|"
declare -A cpu wall
# run NAME KEY BIN ARGS...: one row, and its best CPU and wall under KEY.
run() {
	local name=$1 key=$2 w c
	shift 2
	read -r w c _ < <(best "$@" < "$work/in.ax")
	row "$name" "$w" "$c"
	cpu[$key]=$c wall[$key]=$w
}
for j in 1 2; do
	run "bare parse -j$j" bare$j "$bin/ax-parse" -j$j --parse-only
	[ -z "$base" ] || run "BASE bare parse -j$j" basebare$j "$base/ax-parse" -j$j --parse-only
	run "ax-parse -j$j" full$j "$bin/ax-parse" -j$j
	[ -z "$base" ] || run "BASE ax-parse -j$j" basefull$j "$base/ax-parse" -j$j
done
(cd "$tree" && best ctags -L "$work/files.txt" -f /dev/null) > "$work/ctags"
read -r w c _ < "$work/ctags"
row "ctags -L (same files)" "$w" "$c"; cpu[ctags]=$c

echo
[ -z "$base" ] || echo "BASE: $base"
ratios() { # KEY_PREFIX NAME
	awk -v n="$2" -v f1="${cpu[${1}full1]}" -v b1="${cpu[${1}bare1]}" -v f2="${cpu[${1}full2]}" \
		-v b2="${cpu[${1}bare2]}" -v wf1="${wall[${1}full1]}" -v wf2="${wall[${1}full2]}" \
		-v wb1="${wall[${1}bare1]}" -v wb2="${wall[${1}bare2]}" -v ct="${cpu[ctags]}" 'BEGIN {
		printf "%s: extraction / bare parse (CPU): -j1 %.2fx, -j2 %.2fx (goal <= 1.5x); by wall -j2 %.2fx\n", n, f1 / b1, f2 / b2, wf2 / wb2
		printf "%s: speed-up of -j2 over -j1 (wall): ax-parse %.2fx, bare parse %.2fx\n", n, wf1 / wf2, wb1 / wb2
		printf "%s: ax-parse -j1 / ctags (CPU per file): %.2fx (below 1: faster than ctags)\n", n, f1 / ct
	}'
}
ratios "" "this build"
if [ -n "$base" ]; then
	ratios base "BASE"
	awk -v f1="${cpu[full1]}" -v g1="${cpu[basefull1]}" 'BEGIN {
		printf "ax-parse -j1 CPU, this build / BASE: %.3f\n", f1 / g1 }'
fi

read -r w c rss < <(runs=1 best "$bin/ax-parse" -j8 < "$work/in.ax")
echo "peak RSS, ax-parse -j8 on all $files files: $((rss / 1024)) MB (goal < 100 MB)"
