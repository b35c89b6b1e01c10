#!/usr/bin/env bash
# index.sh: the whole pipeline, ax-scan | ax-parse -j2 | ax-load, on a
# corpus (default: the one scripts/corpus/build.sh makes), against
# universal-ctags -R on the same tree in the same run:
#   - cold index: wall time, files/s, MB/s, peak RSS of each stage, DB size;
#   - re-index with nothing changed (ax-scan reuses the index's hashes);
#   - re-index after changing 100 files;
#   - ctags -R: wall time and peak RSS;
#   - the floor and the peers of the cold index, in the same run: parse only
#     (ax-scan | ax-parse --parse-only), ctags -R, and, with AX_BASE_BIN=DIR,
#     the cold index of other ax binaries (an earlier build) with its index
#     size per file, each as a ratio to this cold index.
# CORPUS=DIR to use another tree; JOBS=N for ax-parse (default 2).
set -euo pipefail

bin=${AX_BIN:?set AX_BIN (make bench does)}
root=${AX_ROOT:?}
jobs=${JOBS:-2}
if [ -z "${CORPUS:-}" ]; then
	"$root/scripts/corpus/build.sh" "$root/build/corpus" >&2
fi
corpus=${CORPUS:-$root/build/corpus/tree}
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-index.XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/index.db

# shellcheck source=lib.sh
. "$root/scripts/bench/lib.sh"
timed() { local name=$1; shift; bench_timed "$work/$name.time" "$@"; }

pipeline() { # TAG
	local tag=$1 t0 t1
	t0=$(bench_now)
	timed "$tag-scan" "$bin/ax-scan" -q --db "$db" "$corpus" 2>/dev/null |
		timed "$tag-parse" "$bin/ax-parse" -j "$jobs" |
		timed "$tag-load" "$bin/ax-load" -q --db "$db"
	t1=$(bench_now)
	echo "$t0 $t1" > "$work/$tag.wall"
}

# A cold index as `ax index` makes one: no index yet, so nothing to compare
# with (--rehash), and ax-load creates it.
cold_pipeline() { # TAG BIN DB
	local tag=$1 b=$2 d=$3 t0 t1
	t0=$(bench_now)
	timed "$tag-scan" "$b/ax-scan" -q --rehash "$corpus" 2>/dev/null |
		timed "$tag-parse" "$b/ax-parse" -j "$jobs" |
		timed "$tag-load" "$b/ax-load" -q --db "$d"
	t1=$(bench_now)
	echo "$t0 $t1" > "$work/$tag.wall"
}

wall() { awk '{printf "%.2f", $2 - $1}' "$work/$1.wall"; }

report() { # TAG LABEL
	local tag=$1 label=$2 wall
	wall=$(awk '{printf "%.2f", $2 - $1}' "$work/$tag.wall")
	printf '%-28s %8s s' "$label" "$wall"
	for s in scan parse load; do
		read -r sec _ _ rss < "$work/$tag-$s.time"
		printf '  %s %5.1f s %4d MB' "$s" "$sec" $((rss / 1024))
	done
	echo
}

files=$(find "$corpus" -type f | wc -l)
bytes=$(du -sb "$corpus" | cut -f1)
echo "corpus: $corpus ($files files on disk, $((bytes / 1048576)) MB)"

touch -d '2020-01-01' "$work" # nothing racy about the corpus itself
cold_pipeline cold "$bin" "$db"
indexed=$(sqlite3 "$db" 'SELECT count(*) FROM files')
syms=$(sqlite3 "$db" 'SELECT count(*) FROM symbols')
dbsize=$(stat -c %s "$db")
report cold "cold index"
cold=$(awk '{print $2 - $1}' "$work/cold.wall")
awk -v f="$indexed" -v s="$cold" -v b="$bytes" 'BEGIN {
	printf "  %d files indexed, %.0f files/s, %.1f MB/s of tree\n", f, f / s, b / s / 1048576 }'
echo "  $syms symbols; index $((dbsize / 1048576)) MB, $((dbsize / (indexed > 0 ? indexed : 1))) bytes per file"

# Files older than the racy window are trusted by the next scan.
sleep 2
pipeline warm
report warm "re-index, nothing changed"

find "$corpus" -name '*.js' -type f | sort | sed -n '1,100p' > "$work/changed"
mkdir "$work/orig"
n=0
while read -r f; do
	cp -p "$f" "$work/orig/$n" && n=$((n + 1))
	printf '\n// ax bench touch\n' >> "$f"
done < "$work/changed"
pipeline changed
report changed "re-index, 100 files changed"
# Put the corpus back as it was.
n=0
while read -r f; do cp -p "$work/orig/$n" "$f" && n=$((n + 1)); done < "$work/changed"

if command -v ctags >/dev/null; then
	(cd "$corpus" && bench_timed "$work/ctags.time" ctags -R -f "$work/tags" . 2>/dev/null) || true
	read -r sec _ _ rss < "$work/ctags.time"
	printf '%-28s %8s s  peak %d MB  (tags %d MB)\n' "ctags -R (peer)" "$sec" $((rss / 1024)) \
		$(( $(stat -c %s "$work/tags") / 1048576 ))
	awk -v a="$cold" -v c="$sec" 'BEGIN { printf "ratio cold index / ctags -R: %.2f\n", a / c }'
fi

# The floor: tree-sitter's parse of every file, nothing extracted or loaded.
t0=$(bench_now)
"$bin/ax-scan" -q --rehash "$corpus" 2>/dev/null | "$bin/ax-parse" --parse-only -j "$jobs" > /dev/null
t1=$(bench_now)
echo "$t0 $t1" > "$work/parse-only.wall"
printf '%-28s %8s s\n' "parse only (the floor)" "$(wall parse-only)"
awk -v a="$cold" -v p="$(wall parse-only)" 'BEGIN {
	printf "ratio cold index / parse only: %.2f (goal <= 1.15)\n", a / p }'

if [ -n "${AX_BASE_BIN:-}" ]; then
	cold_pipeline base "$AX_BASE_BIN" "$work/base.db"
	report base "cold index, $AX_BASE_BIN"
	bfiles=$(sqlite3 "$work/base.db" 'SELECT count(*) FROM files')
	bsize=$(stat -c %s "$work/base.db")
	awk -v a="$cold" -v b="$(wall base)" -v s="$dbsize" -v f="$indexed" -v bs="$bsize" -v bf="$bfiles" 'BEGIN {
		printf "ratio cold index / base: %.2f\n", a / b
		printf "  index per file: %d bytes, base %d bytes (%.0f%%)\n", s / f, bs / bf, 100 * (s / f) / (bs / bf) }'
fi
