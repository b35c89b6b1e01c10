#!/usr/bin/env bash
# run.sh BUILD_DIR: the relevance harness (make eval). Indexes the pinned
# corpus if needed (index.sh), then scores queries.jsonl with plain BM25
# and reranked, side by side (score.py).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
db=$("$here/index.sh" "$build")
python3 "$here/score.py" --bin "$root/$build/bin" --db "$db" --queries "$here/queries.jsonl"
