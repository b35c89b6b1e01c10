#!/usr/bin/env bash
# rank.sh [BUILD_DIR]: ax-rank query latency on the index of the corpus of
# scripts/corpus (~120k files; built on first use by scripts/eval/index.sh).
# Each query is one process invocation (the real CLI cost: start, open the
# index, query, print). Queries: the relevance set (scripts/eval), the most
# frequently defined names of the index (tens of thousands of definitions
# each) and names drawn at random. Prints p50, p95 and worst wall time per
# query kind, CPU time, and the same for `global -x NAME` (GNU global, over
# a GTAGS of the same tree) and `rg -w NAME .` on PEERS names (default 30).
# The GTAGS (universal-ctags parser) takes minutes and >10 GB for this tree:
# it is built in a temp dir and deleted, unless GTAGS_DIR names a directory
# to keep it in (and reuse it from).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin=$root/$build/bin
peers=${PEERS:-30}
db=$("$root/scripts/eval/index.sh" "$build")
tree=$root/build/corpus/tree
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-rank.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Query lists, one query per line, by kind.
python3 -c '
import json, sys
for l in open(sys.argv[1]):
    q = json.loads(l)
    print(q["query"])' "$root/scripts/eval/queries.jsonl" > "$work/eval"
sqlite3 "$db" "SELECT name FROM symbols GROUP BY name ORDER BY count(*) DESC, name LIMIT 60" > "$work/common"
sqlite3 "$db" "SELECT name FROM symbols WHERE id % 1009 = 0 AND length(name) > 3 AND name NOT LIKE '%.%'
	GROUP BY name ORDER BY name LIMIT 120" > "$work/random"
head -n "$peers" "$work/random" > "$work/peer-names"
echo "queries: $(wc -l < "$work/eval") from the relevance set, $(wc -l < "$work/common") most defined names" \
	"(the first defined $(sqlite3 "$db" "SELECT count(*) FROM symbols WHERE name = '$(head -n 1 "$work/common")'") times)," \
	"$(wc -l < "$work/random") random names"

# time_each FILE CMD...: run CMD QUERY for each line of FILE, one process
# each; print "n p50 p95 max cpu_p50" in milliseconds.
time_each() {
	local file=$1
	shift
	python3 - "$file" "$@" <<'PY'
import os, resource, subprocess, sys, time
qs = [l.rstrip("\n") for l in open(sys.argv[1]) if l.strip()]
cmd = sys.argv[2:]
wall, cpu = [], []
for q in qs:
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd + [q], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall.append((time.perf_counter() - t0) * 1000)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]
print("%4d  p50 %7.1f  p95 %7.1f  max %7.1f  cpu p50 %6.1f  cpu max %6.1f ms" % (
    len(qs), pct(wall, 50), pct(wall, 95), max(wall), pct(cpu, 50), max(cpu)))
PY
}

export AX_DB=$db AX_FLAG_RANK_RERANK=on AX_TELEMETRY=off
# Warm the page cache once, as for the peers.
cat "$db" > /dev/null
printf '%-34s' "ax-rank, relevance set:"; time_each "$work/eval" "$bin/ax-rank" -n 20 --
printf '%-34s' "ax-rank, most defined names:"; time_each "$work/common" "$bin/ax-rank" -n 20 --
printf '%-34s' "ax-rank, random names:"; time_each "$work/random" "$bin/ax-rank" -n 20 --
printf '%-34s' "ax-rank def:, most defined names:"; sed 's/^/def:/' "$work/common" > "$work/defs"
time_each "$work/defs" "$bin/ax-rank" -n 20 --
printf '%-34s' "ax-rank --no-rerank, relevance set:"; time_each "$work/eval" "$bin/ax-rank" --no-rerank -n 20 --
cat "$work/eval" "$work/common" "$work/random" > "$work/all"
printf '%-34s' "ax-rank, all of them:"; time_each "$work/all" "$bin/ax-rank" -n 20 --

printf '%-34s' "ax-rank, $peers peer names:"; time_each "$work/peer-names" "$bin/ax-rank" -n 20 --
if command -v global >/dev/null && command -v gtags >/dev/null; then
	gdir=${GTAGS_DIR:-$work/gtags}
	mkdir -p "$gdir"
	if [ ! -s "$gdir/GTAGS" ] || [ "$gdir/GTAGS" -ot "$tree/.built" ]; then
		echo "building GTAGS for global in $gdir..." >&2
		label=default
		ctags --version 2>/dev/null | grep -q Universal && label=new-ctags
		(cd "$tree" && git ls-files | gtags --gtagslabel=$label -f - "$gdir") >/dev/null 2>&1 || true
	fi
	printf '%-34s' "global -x NAME:"
	(cd "$tree" && GTAGSROOT=$tree GTAGSDBPATH=$gdir time_each "$work/peer-names" global -x)
fi
if command -v rg >/dev/null; then
	# rg needs the path: without one it would read stdin.
	printf '%-34s' "rg -w NAME .:"
	(cd "$tree" && time_each "$work/peer-names" sh -c 'exec rg -w -c --no-messages -e "$1" .' rg)
	printf '%-34s' "(sh -c startup alone):"
	time_each "$work/peer-names" sh -c 'exit 0' rg
fi
