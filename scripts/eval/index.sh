#!/usr/bin/env bash
# index.sh BUILD_DIR: print the path of the index of the pinned corpus
# (scripts/corpus), building it first if it is missing or older than the
# corpus or the tools: ax-scan | ax-parse | ax-load into build/eval/index.db.
# Shared by the relevance harness (make eval) and scripts/bench/rank.sh.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin=$root/$build/bin
corpus=$root/build/corpus
db=$root/build/eval/index.db

"$root/scripts/corpus/build.sh" "$corpus" >&2
if [ -f "$db" ] && [ "$db" -nt "$corpus/tree/.built" ] && [ "$db" -nt "$bin/ax-parse" ] &&
	[ "$db" -nt "$bin/ax-load" ]; then
	echo "$db"
	exit 0
fi
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
echo "index.sh: indexing $corpus/tree into $db" >&2
start=$(date +%s)
"$bin/ax-scan" -q "$corpus/tree" | "$bin/ax-parse" | "$bin/ax-load" -q --db "$db.tmp"
sqlite3 "$db.tmp" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
mv "$db.tmp" "$db"
rm -f "$db.tmp-wal" "$db.tmp-shm"
echo "index.sh: $(sqlite3 "$db" 'SELECT count(*) FROM files') files, $(sqlite3 "$db" 'SELECT count(*) FROM symbols') symbols in $(( $(date +%s) - start )) s" >&2
echo "$db"
