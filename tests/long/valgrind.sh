#!/usr/bin/env bash
# valgrind.sh: memcheck over a full small pipeline and every query command
# (run by check-long.sh with AX_BIN set). Each command runs under
# valgrind --leak-check=full with definite and indirect leaks and every
# memory error as failures (exit 99); memory still reachable at exit is not
# a leak (libax keeps its flag set). The tree: the parse fixtures of every
# language, a small tree of scripts/corpus/synth (imports that resolve, in
# eight languages), and a slice of the scale corpus's 10k subset (10 files
# of each of its languages) when scripts/corpus/subsets.sh has built it.
# Prints each command and ok/FAIL; exits 1 if any failed.
set -uo pipefail
: "${AX_BIN:?}" "${AX_ROOT:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-long-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export AX_TELEMETRY=off
mkdir -p "$HOME"
tree=$work/tree db=$work/index.db
export AX_DB=$db

mkdir -p "$tree"
cp -r "$AX_ROOT"/tests/fixtures/parse/. "$tree"/fixtures
rm -f "$tree"/fixtures/*/*.expected
"$AX_ROOT/scripts/corpus/synth" -n 64 -w 16 "$tree/synth" > /dev/null
rm -rf "$tree/synth/.git" "$tree/synth/.built"
sub=$AX_ROOT/build/corpus/subsets/10k
if [ -f "$sub.json" ]; then
	"$AX_BIN/ax-scan" -q "$sub" | "$AX_BIN/ax-cat" -t file | jq -r '"\(.lang) \(.path)"' |
		sort | awk '++n[$1] <= 10 { print $2 }' > "$work/slice"
	mkdir -p "$tree/corpus"
	tar -C "$sub" -cf - -T "$work/slice" | tar -C "$tree/corpus" -xf -
	echo "tree: parse fixtures, 64 synthetic files, $(wc -l < "$work/slice") files of the 10k subset"
else
	echo "tree: parse fixtures and 64 synthetic files (no 10k subset: scripts/corpus/subsets.sh builds it)"
fi
git init -q "$tree"

failed=0 ran=0
# vg [-i INPUT] [-o OUTPUT] CMD ARGS...: run CMD under memcheck in the tree.
# Exit 0 or 1 (no result) pass; 99 (memcheck's) or anything else fails.
vg() {
	local in=/dev/null out=/dev/null status
	while :; do
		case $1 in
		-i) in=$2; shift 2 ;;
		-o) out=$2; shift 2 ;;
		*) break ;;
		esac
	done
	ran=$((ran + 1))
	local tool=$1
	shift
	(cd "$tree" && valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--log-file="$work/vg.log" "$AX_BIN/$tool" "$@" < "$in" > "$out" 2> "$work/stderr")
	status=$?
	if [ "$status" -le 1 ] && [ ! -s "$work/vg.log" ]; then
		echo "ok   $tool $*"
	else
		failed=$((failed + 1))
		echo "FAIL $tool $* (status $status)"
		sed 's/^/    /' "$work/vg.log" "$work/stderr" | head -40
	fi
}

# The pipeline, stage by stage through files, then a re-index.
vg -o "$work/scan.ax" ax-scan -q .
vg -i "$work/scan.ax" -o "$work/parse.ax" ax-parse -j2
vg -i "$work/parse.ax" ax-load -q --db "$db"
sleep 2 # past the racy window: the next scan reuses the index's hashes
vg -o "$work/rescan.ax" ax-scan -q --db "$db" .
vg -i "$work/rescan.ax" -o "$work/reparse.ax" ax-parse -j2
vg -i "$work/reparse.ax" ax-load -q --db "$db"
vg -i "$work/scan.ax" -o "$work/scan.jsonl" ax-cat
vg -i "$work/scan.jsonl" -o "$work/back.ax" ax-cat --from-json
vg -i "$work/parse.ax" ax-cat --type sym,file

# Queries: names, files and a call that this index holds.
name=$(sqlite3 "$db" "SELECT name FROM symbols WHERE kind IN ('function', 'method') AND name GLOB '[A-Za-z_][A-Za-z_]*' AND length(name) > 3 ORDER BY name LIMIT 1")
src=$(sqlite3 "$db" "SELECT f.path FROM edges e JOIN files f ON f.id = e.src_id ORDER BY f.path LIMIT 1")
dst=$(sqlite3 "$db" "SELECT f.path FROM edges e JOIN files f ON f.id = e.dst_id WHERE e.src_id = (SELECT id FROM files WHERE path = '$src') LIMIT 1")
call=$(sqlite3 "$db" "SELECT r.name FROM refs r JOIN symbols s ON s.name = r.name WHERE r.kind = 'call' ORDER BY r.name LIMIT 1")
if [ -z "$name" ] || [ -z "$src" ] || [ -z "$dst" ] || [ -z "$call" ]; then
	echo "FAIL the index lacks a function, an import edge or a call (name '$name', edge '$src' -> '$dst', call '$call')"
	exit 1
fi
vg ax-rank "$name"
vg ax-rank --explain -n 5 "$name"
vg ax-rank --json "lang:python kind:fn" test
vg ax-rank --msgpack "def:$name"
vg ax-rank "file:fixtures/" -lang:go "$name*"
vg ax-rank --no-rerank "\"$name\"" -kind:class
vg ax-rank nosuchnameanywhere
vg ax-graph deps "$src"
vg ax-graph --json rdeps "$dst"
vg ax-graph --dot closure "$src"
vg ax-graph --mermaid closure --reverse --depth 2 "$dst"
vg ax-graph path "$src" "$dst"
vg ax-graph cycles
vg ax-graph orphans --lang python
vg ax-graph stats
vg ax-graph resolve --all
vg ax-graph refs "$call"
vg ax-graph callers --depth 2 "$call"
vg ax-graph --json callees "$name"
vg ax-db status
vg ax-db verify
vg ax-flag list
vg ax-telemetry status

echo "$ran commands under memcheck, $failed failed"
[ "$failed" -eq 0 ]
