#!/usr/bin/env bash
# index.sh: the whole pipeline, ax-scan | ax-parse -j2 | ax-load, on a
# corpus (default: the one scripts/corpus/build.sh makes), against
# universal-ctags -R on the same tree in the same run:
#   - cold index: wall time, files/s, MB/s, peak RSS of each stage, DB size;
#   - re-index with nothing changed (ax-scan reuses the index's hashes);
#   - re-index after changing 100 files;
#   - ctags -R: wall time and peak RSS.
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

# The first scan needs an index to compare with: none yet, so --db is
# pointed at a path that the first load creates.
touch -d '2020-01-01' "$work" # nothing racy about the corpus itself
"$bin/ax-db" migrate --db "$db" >/dev/null 2>&1 || true
pipeline cold
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
