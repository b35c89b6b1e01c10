#!/usr/bin/env bash
# desc.sh BIN_DIR DB [--prune]: print DB, the index of the description
# corpus made by BIN_DIR's tools, building it first if it is missing or
# older than the tools or the query set.
#
# The corpus: a copy of the 10k subset of scripts/corpus (AX_EVAL_10K,
# default build/corpus/subsets/10k; scripts/corpus/subsets.sh builds it) and
# of the Elixir, Scala and Dart trees under AX_EVAL_REALCODE (default
# /work/shared/realcode: ecto, cats-effect, riverpod), in build/eval/desc/tree,
# with the doc comment of every query of desc-queries.jsonl blanked (same
# line numbers; a Python docstring's first line becomes `pass`), as
# CodeSearchNet does. The originals are only read.
#
# desc-queries.jsonl also holds fragment, exact, acronym and filtered
# queries that make-queries.py drew from this index (without blanking), so
# that every kind is measured on the same corpus in the same run.
#
# --prune: drop from desc-queries.jsonl the description queries whose
# answer, in the new index, is not the named symbol at its line without a
# doc (blanking missed); make-desc.py's output goes through this once.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "$1" && pwd) db=$(realpath -m "$2")
queries=$here/desc-queries.jsonl
src10k=${AX_EVAL_10K:-$root/build/corpus/subsets/10k}
realcode=${AX_EVAL_REALCODE:-/work/shared/realcode}
tree=$root/build/eval/desc/tree

if [ ! -f "$tree/.built" ] || [ "$queries" -nt "$tree/.built" ]; then
	for d in "$src10k" "$realcode/ecto" "$realcode/cats-effect" "$realcode/riverpod"; do
		[ -d "$d" ] || { echo "desc.sh: $d: no such directory (AX_EVAL_10K, AX_EVAL_REALCODE)" >&2; exit 2; }
	done
	echo "desc.sh: copying the corpus into $tree" >&2
	rm -rf "$tree"
	mkdir -p "$tree"
	cp -a "$src10k" "$tree/10k"
	cp -a "$realcode/ecto" "$realcode/cats-effect" "$realcode/riverpod" "$tree/"
	# One repository: ax-scan lists what git would, from the top.
	find "$tree" -mindepth 2 -maxdepth 3 -name .git -prune -exec rm -rf {} +
	git -C "$tree" init -q
	python3 - "$tree" "$queries" <<-'EOF'
	import json, sys
	tree, queries = sys.argv[1], sys.argv[2]
	for q in (q for q in map(json.loads, open(queries)) if "blank" in q):
	    path = "%s/%s" % (tree, q["rel"][0]["path"])
	    lines = open(path, encoding="utf-8").read().split("\n")
	    first, last = q["blank"]
	    for i in range(first - 1, last):
	        indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
	        lines[i] = indent + "pass" if i == first - 1 and q["lang"] == "python" else ""
	    open(path, "w", encoding="utf-8").write("\n".join(lines))
	EOF
	touch "$tree/.built"
fi

if [ ! -f "$db" ] || [ "$tree/.built" -nt "$db" ] || [ "$bin/ax-parse" -nt "$db" ] ||
	[ "$bin/ax-load" -nt "$db" ]; then
	echo "desc.sh: indexing $tree into $db" >&2
	mkdir -p "$(dirname "$db")"
	rm -f "$db" "$db-wal" "$db-shm" "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
	(cd "$tree" && "$bin/ax-scan" -q . | "$bin/ax-parse" -j2 | "$bin/ax-load" -q --no-resolve --db "$db.tmp")
	sqlite3 "$db.tmp" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	mv "$db.tmp" "$db"
	rm -f "$db.tmp-wal" "$db.tmp-shm"
fi

if [ "${3:-}" = --prune ]; then
	python3 - "$db" "$queries" <<-'EOF'
	import json, sqlite3, sys
	db, queries = sqlite3.connect(sys.argv[1]), sys.argv[2]
	keep = []
	for q in map(json.loads, open(queries)):
	    r = q["rel"][0]
	    ok = "blank" not in q or db.execute("SELECT 1 FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = ? "
	                    "AND s.line = ? AND s.name = ? AND s.doc = ''",
	                    (r["path"], r["line"], q["target"])).fetchone()
	    if ok:
	        keep.append(q)
	    else:
	        print("desc.sh: dropped %s (doc not blanked)" % q["id"], file=sys.stderr)
	open(queries, "w").write("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in keep))
	EOF
	# The tree and index already are what the pruned set describes.
	touch "$tree/.built" "$db"
fi
echo "$db"
