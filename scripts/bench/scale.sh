#!/usr/bin/env bash
# scale.sh: the whole pipeline and the query tools at 10k, 50k, 100k and 1M
# files (scripts/corpus/subsets.sh, scripts/corpus/synth), against
# universal-ctags, GNU global and ripgrep on the same trees in the same run.
# Per size:
#   - cold index, ax-scan | ax-parse -j2 | ax-load as one pipeline: its wall
#     time (the real figure), files/s, MB/s, DB size; each stage runs as its
#     own command of the pipe under /usr/bin/time, so its wall time is how
#     long it lived in the pipe (waiting on its neighbours included), its
#     CPU time and peak RSS are its own;
#   - re-index with nothing changed, and after 100 changed files;
#   - queries, one process each: ax-rank, ax-graph deps, rdeps, refs,
#     callers: p50/p95 ms;
#   - peers: ctags -R, gtags --gtagslabel=new-ctags (under a timeout:
#     GTAGS_TIMEOUT s, default 300, and 8 GB of address space), rg --files,
#     rg -c return; ratios of ax's cold index to each.
# Prints one table and saves bench/results/HOST-DATE.json (plot.sh and
# compare read these). Asserts nothing.
#   SCALE_SIZES="10k 50k"  sizes to run (default 10k 50k 100k 1M; 1M runs
#                          only if build/corpus/synth-1M is built, or
#                          SCALE_SYNTH=1 builds it: ~4 GB)
#   QUERIES=n              queries per tool (default 50); JOBS=n (ax-parse)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export AX_ROOT=${AX_ROOT:-$(cd "$here/../.." && pwd)}
export AX_BIN=${AX_BIN:-$AX_ROOT/build/bin}
root=$AX_ROOT
# shellcheck source=lib.sh
. "$here/lib.sh"
sizes=${SCALE_SIZES:-10k 50k 100k 1M}
gtags_timeout=${GTAGS_TIMEOUT:-300}
queries=${QUERIES:-50}
jobs=${JOBS:-2}
corpus=$root/build/corpus
results=${RESULTS:-$root/bench/results}

work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-scale.XXXXXX")
changed_list=
restore() { # put back the files the 100-changed run touched
	[ -n "$changed_list" ] && [ -f "$changed_list" ] || return 0
	local n=0 f
	while read -r f; do cp -p "$work/orig/$n" "$f" && n=$((n + 1)); done < "$changed_list"
	changed_list=
}
trap 'restore; rm -rf "$work"' EXIT
bin=$(bench_private_bin "$work/bin" ax-scan ax-parse ax-load ax-rank ax-graph ax-db)
machine=$(bench_machine)

subsets=$(for s in $sizes; do [ "$s" = 1M ] || printf '%s ' "$s"; done)
[ -n "${subsets// /}" ] && SUBSETS=$subsets "$root/scripts/corpus/subsets.sh" "$corpus" >&2
case " $sizes " in *" 1M "*)
	if [ "${SCALE_SYNTH:-0}" = 1 ]; then "$root/scripts/corpus/synth" "$corpus/synth-1M" >&2; fi ;;
esac

stage_json() { # FILE: /usr/bin/time's figures as JSON
	read -r wall user sys rss < "$1"
	printf '{"wall_s": %s, "cpu_s": %s, "rss_kb": %s}' "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$rss"
}

pipeline() { # TREE DB TAG [SCAN_OPTION...]: one index run; prints its JSON
	local tree=$1 db=$2 t0 t1 w=$work/$3
	shift 3
	t0=$(bench_now)
	(cd "$tree" && bench_timed "$w-scan" "$bin/ax-scan" -q "$@" . |
		bench_timed "$w-parse" "$bin/ax-parse" -j "$jobs" |
		bench_timed "$w-load" "$bin/ax-load" -q --db "$db")
	t1=$(bench_now)
	printf '{"wall_s": %s, "stages": {"scan": %s, "parse": %s, "load": %s}}' \
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')" \
		"$(stage_json "$w-scan")" "$(stage_json "$w-parse")" "$(stage_json "$w-load")"
}

peer() { # NAME CMD...: time CMD in the tree; prints JSON (timed_out if killed)
	local name=$1 status=0
	shift
	bench_timed "$work/$name.time" "$@" > "$work/$name.out" 2>/dev/null || status=$?
	if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
		printf '{"timed_out": true, "wall_s": %s}' "$gtags_timeout"
	else
		printf '{"timed_out": false, "status": %d, "wall_s": %s, "rss_kb": %s}' "$status" \
			"$(cut -d' ' -f1 "$work/$name.time")" "$(cut -d' ' -f4 "$work/$name.time")"
	fi
}

run_size() { # NAME TREE: prints the size's JSON
	local name=$1 tree=$2 db=$work/$1.db cold warm changed q
	local load files bytes
	load=$(cut -d' ' -f1-3 /proc/loadavg)
	find "$tree" -path "$tree/.git" -prune -o -type f -not -name .built -printf '%s\n' > "$work/sizes"
	files=$(wc -l < "$work/sizes")
	bytes=$(awk '{s += $1} END {print s + 0}' "$work/sizes")
	echo "scale: $name: $files files, $((bytes / 1048576)) MB, load $load" >&2
	# Cold: no index yet for ax-scan to reuse hashes from; ax-load makes it.
	cold=$(pipeline "$tree" "$db" "$name-cold")
	sleep 2 # files older than the racy window are trusted by the next scan
	warm=$(pipeline "$tree" "$db" "$name-warm" --db "$db")
	changed_list=$work/$name.changed
	sqlite3 "$db" "SELECT path FROM files ORDER BY (id * 2654435761) % 4294967296 LIMIT 100" |
		sed "s|^|$tree/|" > "$changed_list"
	rm -rf "$work/orig" && mkdir "$work/orig"
	local n=0 f
	while read -r f; do
		cp -p "$f" "$work/orig/$n" && n=$((n + 1))
		printf '\n' >> "$f"
	done < "$changed_list"
	changed=$(pipeline "$tree" "$db" "$name-changed" --db "$db")
	restore
	echo "scale: $name: indexed; queries" >&2

	local qs=$work/$name.q
	mkdir -p "$qs"
	sqlite3 "$db" "SELECT name FROM (SELECT DISTINCT name FROM symbols WHERE length(name) > 3 AND name NOT LIKE '%.%')
		ORDER BY (length(name) * 7919 + unicode(name)) % 101, name LIMIT $queries" > "$qs/names"
	sqlite3 "$db" "SELECT path FROM files WHERE id IN (SELECT src_id FROM edges) ORDER BY (id * 2654435761) % 4294967296 LIMIT $queries" > "$qs/srcs"
	sqlite3 "$db" "SELECT path FROM files WHERE id IN (SELECT dst_id FROM edges) ORDER BY (id * 2654435761) % 4294967296 LIMIT $queries" > "$qs/dsts"
	sqlite3 "$db" "SELECT name FROM (SELECT DISTINCT name FROM refs WHERE kind = 'call' AND length(name) > 3) ORDER BY (length(name) * 7919 + unicode(name)) % 101, name LIMIT $queries" > "$qs/calls"
	q=$(cd "$tree" && jq -n --argjson rank "$(bench_each "$qs/names" "$bin/ax-rank" --db "$db" -n 20)" \
		--argjson deps "$(bench_each "$qs/srcs" "$bin/ax-graph" --db "$db" deps)" \
		--argjson rdeps "$(bench_each "$qs/dsts" "$bin/ax-graph" --db "$db" rdeps)" \
		--argjson refs "$(bench_each "$qs/calls" "$bin/ax-graph" --db "$db" refs)" \
		--argjson callers "$(bench_each "$qs/calls" "$bin/ax-graph" --db "$db" callers)" \
		'{rank: $rank, deps: $deps, rdeps: $rdeps, refs: $refs, callers: $callers}')

	echo "scale: $name: peers" >&2
	local ctags gtags rgf rgc
	ctags=$(cd "$tree" && peer ctags ctags -R -f "$work/tags" .)
	rm -f "$work/tags"
	mkdir -p "$work/gtags"
	# With universal-ctags as its parser, as ax covers more than gtags' own
	# few languages; memory capped, as it takes >10 GB on big trees.
	gtags=$(cd "$tree" && ulimit -v $((8 * 1024 * 1024)) &&
		peer gtags timeout -s KILL "$gtags_timeout" gtags --gtagslabel=new-ctags "$work/gtags")
	rm -rf "$work/gtags"
	rgf=$(cd "$tree" && peer rg-files rg --files)
	rgc=$(cd "$tree" && peer rg-count rg -c return)

	jq -n --arg name "$name" --arg tree "$tree" --arg load "$load" --argjson files "$files" --argjson bytes "$bytes" \
		--argjson indexed "$(sqlite3 "$db" 'SELECT count(*) FROM files')" \
		--argjson indexed_bytes "$(sqlite3 "$db" 'SELECT total(size) FROM files' | cut -d. -f1)" \
		--argjson symbols "$(sqlite3 "$db" 'SELECT count(*) FROM symbols')" \
		--argjson edges "$(sqlite3 "$db" 'SELECT count(*) FROM edges')" \
		--argjson db_bytes "$(du -cb "$db"* | tail -1 | cut -f1)" \
		--argjson cold "$cold" --argjson warm "$warm" --argjson changed "$changed" --argjson queries "$q" \
		--argjson ctags "$ctags" --argjson gtags "$gtags" --argjson rg_files "$rgf" --argjson rg_count "$rgc" '
		def ratio(p): if p.timed_out then null else ($cold.wall_s / ([p.wall_s, 0.01] | max) * 100 | round / 100) end;
		{size: $name, tree: $tree, loadavg_start: $load, files: $files, bytes: $bytes,
		 indexed: $indexed, indexed_bytes: $indexed_bytes, symbols: $symbols, edges: $edges, db_bytes: $db_bytes,
		 cold: ($cold + {files_per_s: ($indexed / $cold.wall_s | round),
		                 mb_per_s: ($indexed_bytes / 1048576 / $cold.wall_s * 10 | round / 10)}),
		 warm: $warm, changed_100: $changed, queries: $queries,
		 peers: {ctags: $ctags, gtags: $gtags, rg_files: $rg_files, rg_count: $rg_count},
		 ratios: {cold_over_ctags: ratio($ctags), cold_over_gtags: ratio($gtags),
		          cold_over_rg_files: ratio($rg_files), cold_over_rg_count: ratio($rg_count)}}'
}

mkdir -p "$results"
out=$results/$(hostname)-$(date -u +%Y%m%dT%H%M%SZ).json
: > "$work/sizes.jsonl"
for s in $sizes; do
	case $s in
	1M) tree=$corpus/synth-1M
		if [ ! -f "$tree/.built" ]; then echo "scale: 1M: no $tree (SCALE_SYNTH=1 builds it); skipped" >&2; continue; fi ;;
	*) tree=$corpus/subsets/$s ;;
	esac
	run_size "$s" "$tree" >> "$work/sizes.jsonl"
	# Saved after each size, so a long run stopped midway keeps what it did.
	jq -s --argjson machine "$machine" --arg load_end "$(cut -d' ' -f1-3 /proc/loadavg)" \
		'{machine: ($machine + {loadavg_end: $load_end}), sizes: .}' "$work/sizes.jsonl" > "$out.tmp"
	mv "$out.tmp" "$out"
done
[ -f "$out" ] || { echo "scale: no size was run" >&2; exit 1; }
"$here/compare" --table "$out"
echo "saved $out"
if command -v gnuplot >/dev/null; then "$here/plot.sh" "$out"; fi
