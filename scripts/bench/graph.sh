#!/usr/bin/env bash
# graph.sh: ax-graph on a large real index: each command as a whole CLI call
# (process start and opening the index included), over SAMPLES files or
# names picked at random (fixed seed) from the index, p50/p95/max in ms;
# then resolution: a full pass, an incremental pass after one changed file,
# and the pass after one added file. Goal: under 100 ms for deps, rdeps,
# refs and the closure of typical files. Prints figures; asserts nothing.
#   INDEX=path/to/index.db  use an existing index (else the corpus of
#                           scripts/corpus/build.sh is indexed into a temp dir)
#   SAMPLES=n               calls per command (default 200)
set -uo pipefail
root=${AX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${AX_BIN:-$root/build/bin}
samples=${SAMPLES:-200}
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-graph.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -n "${INDEX:-}" ]; then
	cp "$INDEX" "$work/index.db"
	tree=$(sqlite3 "$work/index.db" "SELECT value FROM meta WHERE key = 'root'")
else
	"$root/scripts/corpus/build.sh" "$root/build/corpus" >&2 || exit 1
	tree=$root/build/corpus/tree
	t0=$(date +%s.%N)
	(cd "$tree" && "$bin/ax-scan" . | "$bin/ax-parse" -j2 | "$bin/ax-load" -q --db "$work/index.db") || exit 1
	t1=$(date +%s.%N)
	echo "indexed $tree in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
fi
db=$work/index.db
export AX_DB=$db

ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }

full0=$(date +%s%N)
"$bin/ax-graph" resolve --all 2> "$work/resolve.txt" || exit 1
full1=$(date +%s%N)
sqlite3 "$db" "SELECT (SELECT count(*) FROM files), (SELECT count(*) FROM imports), (SELECT count(*) FROM edges), (SELECT count(*) FROM refs)" |
	awk -F'|' '{ printf "index: %d files, %d imports, %d edges, %d refs\n", $1, $2, $3, $4 }'
echo "resolve --all (full pass): $(ms "$full0" "$full1") ms: $(sed 's/^ax-graph: //' "$work/resolve.txt")"

# Samples: files with imports or importers, names with references.
q() { sqlite3 "$db" "$1"; }
q "SELECT path FROM files WHERE id IN (SELECT src_id FROM edges) ORDER BY (id * 2654435761) % 4294967296 LIMIT $samples" > "$work/srcs"
q "SELECT path FROM files WHERE id IN (SELECT dst_id FROM edges) ORDER BY (id * 2654435761) % 4294967296 LIMIT $samples" > "$work/dsts"
q "SELECT name FROM (SELECT DISTINCT name FROM refs WHERE kind = 'call') ORDER BY length(name) * 7919 % 101, name LIMIT $samples" > "$work/names"
paste -d' ' "$work/srcs" "$work/dsts" > "$work/pairs"

# bench LABEL FILE CMD...: run CMD ARG for each line ARG of FILE, print percentiles.
bench() {
	local label=$1 list=$2; shift 2
	: > "$work/t"
	while IFS= read -r arg; do
		local a b
		a=$(date +%s%N)
		# shellcheck disable=SC2086
		"$@" $arg > /dev/null 2>&1
		b=$(date +%s%N)
		echo $(( (b - a) / 1000 )) >> "$work/t"
	done < "$list"
	sort -n "$work/t" | awk -v l="$label" '{ v[NR] = $1 } END {
		p50 = v[int(NR * 0.50 + 0.5)]; p95 = v[int(NR * 0.95 + 0.5)]
		printf "%-28s n=%-4d p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms\n", l, NR, p50 / 1000, p95 / 1000, v[NR] / 1000 }'
}

echo "baseline: ax-graph --version (process start) and stats"
seq 20 | sed 's/.*/--version/' > "$work/ver"
bench "--version" "$work/ver" "$bin/ax-graph"
bench "deps FILE" "$work/srcs" "$bin/ax-graph" deps
bench "rdeps FILE" "$work/dsts" "$bin/ax-graph" rdeps
bench "refs NAME" "$work/names" "$bin/ax-graph" refs
bench "closure FILE" "$work/srcs" "$bin/ax-graph" closure
bench "closure --depth 2 FILE" "$work/srcs" "$bin/ax-graph" closure --depth 2
bench "closure --reverse FILE" "$work/dsts" "$bin/ax-graph" closure --reverse
bench "path A B" "$work/pairs" "$bin/ax-graph" path
bench "callers FUNC" "$work/names" "$bin/ax-graph" callers
bench "callees FUNC" "$work/names" "$bin/ax-graph" callees
printf '\n\n\n\n\n' > "$work/five" # five calls without an argument
bench "cycles (whole graph)" "$work/five" "$bin/ax-graph" cycles
bench "orphans (whole index)" "$work/five" "$bin/ax-graph" orphans
bench "stats" "$work/five" "$bin/ax-graph" stats

# The worst closures: from the files with most transitive dependencies.
worst=$(while IFS= read -r f; do echo "$("$bin/ax-graph" closure "$f" 2>/dev/null | wc -l) $f"; done < "$work/srcs" | sort -rn | head -1)
echo "largest closure among the samples: ${worst%% *} files from ${worst#* }"
a=$(date +%s%N); "$bin/ax-graph" closure "${worst#* }" > /dev/null 2>&1; b=$(date +%s%N)
echo "  its closure: $(ms "$a" "$b") ms"

# Re-resolution after an incremental load: one changed file, one added file.
if [ -d "$tree" ]; then
	f=$(head -1 "$work/srcs")
	lang=$(q "SELECT lang FROM files WHERE path = '$f'")
	hash=$(q "SELECT printf('%016x', hash + 1) FROM files WHERE path = '$f'")
	# a parsed record of that file with one import more, as ax-parse would write it,
	# and the end record every stream ends with (complete: false deletes nothing)
	end='{"t":"end","files":1,"complete":false}'
	{ q "SELECT json_object('t', 'parsed', 'path', path, 'lang', lang, 'hash', '$hash', 'errors', 0,
		'minified', json('false'), 'truncated', json('false'), 'syms', json('[]'),
		'imports', json_array(json_object('raw', './__bench_new', 'kind', 'import', 'line', 1)), 'refs', json('[]'))
		FROM files WHERE path = '$f'"; echo "$end"; } | "$bin/ax-cat" --from-json | "$bin/ax-load" -q
	a=$(date +%s%N); "$bin/ax-graph" resolve 2> "$work/r1"; b=$(date +%s%N)
	echo "resolve after 1 changed file: $(ms "$a" "$b") ms: $(sed 's/^ax-graph: //' "$work/r1")"
	dir=$(dirname "$f")
	printf '{"t":"parsed","path":"%s/__bench_new.%s","lang":"%s","hash":"0123456789abcdef","errors":0,"minified":false,"truncated":false,"syms":[],"imports":[],"refs":[]}\n%s\n' \
		"$dir" "$( [ "$lang" = typescript ] && echo ts || echo js)" "$lang" "$end" | "$bin/ax-cat" --from-json | "$bin/ax-load" -q
	a=$(date +%s%N); "$bin/ax-graph" resolve 2> "$work/r2"; b=$(date +%s%N)
	echo "resolve after 1 added file: $(ms "$a" "$b") ms: $(sed 's/^ax-graph: //' "$work/r2")"
fi
