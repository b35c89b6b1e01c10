#!/usr/bin/env bash
# tags.sh: ax tags against ctags -R on the same tree in the same run. The
# tree (TREE, default the 10k subset of the corpus) is indexed once into a
# temporary index; then, best of RUNS: `ax-graph tags` (patterns read from
# the sources, as ctags writes them), `ax-graph tags --numbers` (no source
# read), and `ctags -R`. Nothing is written into the tree: --db and -o
# point into a temporary directory. Prints figures; asserts nothing.
#   TREE=dir   the tree (default build/corpus/subsets/10k of the main corpus)
#   RUNS=n     runs of each (default 3)
#   INDEX=db   an index of TREE made before (copied; else TREE is indexed)
set -uo pipefail
root=${AX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${AX_BIN:-$root/build/bin}
. "$root/scripts/bench/lib.sh"
tree=${TREE:-$root/build/corpus/subsets/10k}
runs=${RUNS:-3}
[ -d "$tree" ] || { echo "tags.sh: no tree $tree (scripts/corpus/build.sh makes it)" >&2; exit 1; }
command -v ctags > /dev/null || { echo "tags.sh: ctags is not installed (scripts/deps.sh bench)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-tags.XXXXXX")
trap 'rm -rf "$work"' EXIT
bin=$(bench_private_bin "$work/bin" ax-scan ax-parse ax-load ax-graph) || exit 1

t0=$(bench_now)
if [ -n "${INDEX:-}" ]; then
	cp "$INDEX" "$work/index.db" || exit 1
else
	(cd "$tree" && "$bin/ax-scan" -q --rehash . | "$bin/ax-parse" -j2 | "$bin/ax-load" -q --db "$work/index.db") || exit 1
fi
t1=$(bench_now)
echo "index of $tree: $(sqlite3 "$work/index.db" 'SELECT count(*) FROM files') files," \
	"$(sqlite3 "$work/index.db" 'SELECT count(*) FROM symbols') symbols," \
	"$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s to make or copy (not part of the figures)"

# best NAME CMD...: the best wall time of RUNS runs, and the user+sys of that run.
best() {
	local name=$1 i w best_w= best_cpu=
	shift
	for i in $(seq 1 "$runs"); do
		bench_timed "$work/t" "$@" > /dev/null 2>&1 || { echo "$name failed" >&2; return 1; }
		w=$(awk '{ print $1 }' "$work/t")
		if [ -z "$best_w" ] || awk -v a="$w" -v b="$best_w" 'BEGIN { exit !(a < b) }'; then
			best_w=$w
			best_cpu=$(awk '{ print $2 + $3 }' "$work/t")
		fi
	done
	printf '%s %s\n' "$best_w" "$best_cpu" > "$work/$name.best"
}

best ax "$bin/ax-graph" --db "$work/index.db" tags -o "$work/ax.tags"
best ax-numbers "$bin/ax-graph" --db "$work/index.db" tags --numbers -o "$work/axn.tags"
best ctags sh -c "cd '$tree' && exec ctags -R -f '$work/ctags.tags'"

ctags_w=$(awk '{ print $1 }' "$work/ctags.best")
for n in ax ax-numbers ctags; do
	f=$work/$n.tags
	[ "$n" = ax-numbers ] && f=$work/axn.tags
	read -r w cpu < "$work/$n.best"
	printf '%-11s wall %6.2f s  cpu %6.2f s  %8d tags  %6.1f MB  %5.1f%% of ctags -R time\n' "$n" "$w" "$cpu" \
		"$(grep -vc '^!_' "$f")" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { print b / 1e6 }')" \
		"$(awk -v a="$w" -v b="$ctags_w" 'BEGIN { print 100 * a / b }')"
done
