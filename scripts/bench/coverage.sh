#!/usr/bin/env bash
# coverage.sh [TREE...]: the definitions universal-ctags lists against the
# symbols ax-parse extracts from the same files, per language: recall,
# precision and the top missing constructs (coverage.py, whose kind map is
# the "ctags kinds" table of docs/languages.md). Default trees: the 10k
# subset of the scale corpus (scripts/corpus/subsets.sh), the golden
# fixtures, and ../shared/realcode when it is there (Elixir).
# EXAMPLES=N prints N sample lines per missing construct; LANGS=js,python
# (ax names) keeps those languages only. Paths are read from each TREE, so
# `--examples` shows the source line. JavaScript, TypeScript, C and C++ get a
# judged figure beside the raw one (docs/languages.md, "Judged figure"),
# with what each of its rules removed counted and, with EXAMPLES, sampled.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${AX_BIN:-$root/build/bin}
if [ $# -eq 0 ]; then
	SUBSETS=10k "$root/scripts/corpus/subsets.sh" >&2
	set -- "$root/build/corpus/subsets/10k" "$root/tests/fixtures/parse"
	[ -d "$root/../shared/realcode" ] && set -- "$@" "$root/../shared/realcode"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-coverage.XXXXXX")
trap 'rm -rf "$work"' EXIT

args=()
[ -n "${EXAMPLES:-}" ] && args+=(--examples "$EXAMPLES")
[ -n "${LANGS:-}" ] && args+=(--lang "$LANGS")
for tree in "$@"; do
	tree=$(cd "$tree" && pwd)
	echo "== coverage: $tree"
	# --rehash: read every file, whatever index lies above the tree.
	(cd "$tree" && "$bin/ax-scan" -q --rehash . | "$bin/ax-parse" -j2 | "$bin/ax-cat") > "$work/ax.jsonl"
	jq -r 'select(.t == "parsed") | .path' "$work/ax.jsonl" > "$work/files"
	# No anonymous tags (__anon1234 for `struct {...}`: no name to look up);
	# C and C++ prototypes and extern variables on (off by default): ax lists
	# declarations, a header's API (docs/languages.md).
	(cd "$tree" && ctags --output-format=json --fields=+nKlZ --extras=-{anonymous} \
		--kinds-C=+px --kinds-C++=+px -f - -L "$work/files" 2>/dev/null) > "$work/ctags.json" || true
	(cd "$tree" && python3 "$root/scripts/bench/coverage.py" "$work/ctags.json" "$work/ax.jsonl" \
		"$root/docs/languages.md" "${args[@]}")
done
