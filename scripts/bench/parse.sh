#!/usr/bin/env bash
# parse.sh [BUILD_DIR]: ax-parse on the corpus of scripts/corpus (~120k
# files of JavaScript, TypeScript, JSON, YAML from pinned npm packages),
# against a bare tree-sitter parse of the same stream (ax-parse --parse-only:
# the ceiling) and universal-ctags on the same files. Prints MB/s and files/s
# for -j1 and -j2 (by wall time and by CPU time: CPU time is what a busy
# machine disturbs least), the extraction/bare ratio (goal: at most 1.5),
# ax-parse/ctags per file, and the peak RSS of -j8 on the whole stream
# (goal: under 100 MB). Best of RUNS runs (default 3); FILES=N takes the
# first N files only.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin=$root/$build/bin
runs=${RUNS:-3}
corpus=$root/build/corpus
"$root/scripts/corpus/build.sh" "$corpus" >&2
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-parse.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$bin/ax-scan" "$corpus/tree" > "$work/scan.ax"
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
declare -A cpu
for j in 1 2; do
	read -r w c _ < <(best "$bin/ax-parse" -j$j --parse-only < "$work/in.ax")
	row "bare parse -j$j" "$w" "$c"; cpu[bare$j]=$c
	read -r w c _ < <(best "$bin/ax-parse" -j$j < "$work/in.ax")
	row "ax-parse -j$j" "$w" "$c"; cpu[full$j]=$c
done
(cd "$corpus/tree" && best ctags -L "$work/files.txt" -f /dev/null) > "$work/ctags"
read -r w c _ < "$work/ctags"
row "ctags -L (same files)" "$w" "$c"; cpu[ctags]=$c

echo
awk -v f1="${cpu[full1]}" -v b1="${cpu[bare1]}" -v f2="${cpu[full2]}" -v b2="${cpu[bare2]}" -v ct="${cpu[ctags]}" 'BEGIN {
	printf "extraction / bare parse (CPU): -j1 %.2fx, -j2 %.2fx (goal <= 1.5x)\n", f1 / b1, f2 / b2
	printf "ax-parse -j1 / ctags (CPU per file): %.2fx (below 1: faster than ctags)\n", f1 / ct
}'

read -r w c rss < <(runs=1 best "$bin/ax-parse" -j8 < "$work/in.ax")
echo "peak RSS, ax-parse -j8 on all $files files: $((rss / 1024)) MB (goal < 100 MB)"
