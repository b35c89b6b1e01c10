#!/usr/bin/env bash
# incremental.sh: the incremental paths on a large tree, against GNU global
# (`global -u`) and, with BASE_BIN, another build of ax, in the same run:
#   - re-index with nothing changed (twice, and right after a re-index);
#   - re-index after changing 100 files (98 sources, a package.json and a
#     tsconfig.json), and after putting them back;
#   - an `ax watch` round for one file (ax-scan --stdin | ax-parse | ax-load);
#   - the schema check at every open: instructions of `ax-rank NAME`
#     (callgrind, when valgrind is there).
# Wall and CPU seconds (user+sys of the whole pipeline); other load on the
# machine inflates wall times, CPU less so.
#   CORPUS=DIR   the tree (default build/corpus/subsets/100k, else the corpus)
#   INDEX=FILE   an index of CORPUS to start from (default: built here, cold)
#   BASE_BIN=DIR another ax build to compare with (e.g. the last release)
# The corpus is never written: the run works in a hard-linked copy, and a
# changed file is a new file renamed over its link.
set -euo pipefail

bin=${AX_BIN:?set AX_BIN (make bench does)}
root=${AX_ROOT:?}
corpus=${CORPUS:-$root/build/corpus/subsets/100k}
[ -d "$corpus" ] || corpus=$root/build/corpus/tree
[ -d "$corpus" ] || { echo "incremental: no corpus (CORPUS=DIR)"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-incr.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/tree
cp -al "$corpus" "$tree"
rm -rf "$tree/.ax" "$tree/GTAGS" "$tree/GRTAGS" "$tree/GPATH"

# timed OUT CMD...: "wall cpu" of CMD (its children included) into OUT;
# CMD may be one of the functions below (exported to the shell time runs).
timed() {
	local out=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	/usr/bin/time -f '%U %S' -o "$out.cpu" bash -c '"$@"' _ "$@" > /dev/null 2>&1
	t1=$(date +%s.%N)
	read -r u s < <(tail -n 1 "$out.cpu")
	awk -v a="$t0" -v b="$t1" -v u="$u" -v s="$s" 'BEGIN { printf "%.2f %.2f\n", b - a, u + s }' > "$out"
}

index_run() { # BIN: the pipeline `ax index` runs, here
	(cd "$tree" && "$1/ax-scan" -q . | "$1/ax-parse" -j2 | "$1/ax-load" -q)
}

# The 100 files: every Nth indexed JS/TS file, and a package.json and a
# tsconfig.json when the tree has them.
pick_files() {
	local db=$1
	sqlite3 "$db" "SELECT path FROM files WHERE lang IN ('javascript', 'typescript')
		ORDER BY path" > "$work/sources"
	awk -v step="$(($(wc -l < "$work/sources") / 98 + 1))" 'NR % step == 1 && n++ < 98' \
		"$work/sources" > "$work/list"
	sqlite3 "$db" "SELECT path FROM files WHERE path LIKE '%/package.json' ORDER BY path LIMIT 1;
		SELECT path FROM files WHERE path LIKE '%/tsconfig.json' ORDER BY path LIMIT 1" >> "$work/list"
}

change_files() { # TAG: new content for each listed file (a new file renamed over it)
	local f
	while read -r f; do
		case $f in
		*.json) python3 -c 'import json, sys
p, tag = sys.argv[1], sys.argv[2]
d = json.load(open(p))
if isinstance(d, dict): d["axBench"] = tag
json.dump(d, open(p + ".axtmp", "w"), indent=2)' "$tree/$f" "$1" ;;
		*) { cat "$tree/$f"; printf '\n// ax bench %s\n' "$1"; } > "$tree/$f.axtmp" ;;
		esac
		mv "$tree/$f.axtmp" "$tree/$f"
	done < "$work/list"
	sleep 2 # past the racy window (docs/scan.md)
}

restore_files() {
	local f
	while read -r f; do ln -f "$corpus/$f" "$tree/$f"; done < "$work/list"
	sleep 2
}

watch_round() { # BIN FILE
	printf '%s\0' "$2" | (cd "$tree" && "$1/ax-scan" -q --stdin -0 . | "$1/ax-parse" -j1 | "$1/ax-load" -q)
}
export tree
export -f index_run watch_round

# The sequence, for one build: TAG BIN.
sequence() {
	local tag=$1 b=$2 one
	mkdir -p "$tree/.ax"
	cp "$work/start.db" "$tree/.ax/index.db"
	sqlite3 "$tree/.ax/index.db" "UPDATE meta SET value = '..' WHERE key = 'root'"
	index_run "$b" # the index as this build leaves it, and the tree's inodes cached
	timed "$work/$tag.same1" index_run "$b"
	timed "$work/$tag.same2" index_run "$b"
	change_files "$tag"
	timed "$work/$tag.changed" index_run "$b"
	timed "$work/$tag.same-after" index_run "$b"
	restore_files
	timed "$work/$tag.back" index_run "$b"
	one=$(head -n 1 "$work/list")
	{ cat "$tree/$one"; printf '\n// ax bench round\n'; } > "$tree/$one.axtmp"
	mv "$tree/$one.axtmp" "$tree/$one"
	sleep 2
	timed "$work/$tag.round" watch_round "$b" "$one"
	ln -f "$corpus/$one" "$tree/$one"
	if command -v valgrind > /dev/null; then
		(cd "$tree" && valgrind --tool=callgrind --callgrind-out-file="$work/$tag.cg" \
			"$b/ax-rank" -n 5 main > /dev/null 2>&1) || true
		awk '/^summary:/ { print $2 }' "$work/$tag.cg" > "$work/$tag.rank"
	fi
	rm -rf "$tree/.ax"
}

if [ -n "${INDEX:-}" ]; then
	cp "$INDEX" "$work/start.db"
else
	mkdir -p "$tree/.ax"
	timed "$work/cold" index_run "$bin"
	cp "$tree/.ax/index.db" "$work/start.db"
	rm -rf "$tree/.ax"
	echo "cold index: $(cut -d' ' -f1 "$work/cold") s wall"
fi
pick_files "$work/start.db"
files=$(sqlite3 "$work/start.db" 'SELECT count(*) FROM files')
echo "corpus: $corpus ($files files indexed); $(wc -l < "$work/list") files changed"

sequence new "$bin"
[ -n "${BASE_BIN:-}" ] && sequence base "$BASE_BIN"

peer=
if command -v gtags > /dev/null && command -v global > /dev/null; then
	(cd "$tree" && gtags -q) > /dev/null 2>&1 && peer=1
	if [ -n "$peer" ]; then
		change_files global
		timed "$work/global.changed" sh -c "cd '$tree' && global -u"
		timed "$work/global.same" sh -c "cd '$tree' && global -u"
		restore_files
	fi
fi

row() { # LABEL KEY
	local label=$1 key=$2 w c
	read -r w c < "$work/new.$key"
	printf '%-44s %6s s %6s cpu' "$label" "$w" "$c"
	if [ -f "$work/base.$key" ]; then
		read -r bw bc < "$work/base.$key"
		printf '   base %6s s %6s cpu (%.2fx cpu)' "$bw" "$bc" "$(awk -v a="$c" -v b="$bc" 'BEGIN { print (b > 0 ? a / b : 0) }')"
	fi
	local g=
	case $key in changed) g=changed ;; same1) g=same ;; esac
	if [ -n "$g" ] && [ -f "$work/global.$g" ]; then
		read -r gw _ < "$work/global.$g"
		printf '   global -u %6s s (ax/global %.2f)' "$gw" "$(awk -v a="$w" -v b="$gw" 'BEGIN { print (b > 0 ? a / b : 0) }')"
	fi
	echo
}
row "re-index, nothing changed" same1
row "re-index, nothing changed (again)" same2
row "re-index, 100 files changed" changed
row "re-index, nothing changed, after that" same-after
row "re-index, the 100 files put back" back
row "ax watch round, one file" round
if [ -f "$work/new.rank" ]; then
	printf '%-44s %s instructions' "ax-rank main (open + schema check + query)" "$(cat "$work/new.rank")"
	[ -f "$work/base.rank" ] && printf '   base %s' "$(cat "$work/base.rank")"
	echo
fi
