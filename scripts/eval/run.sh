#!/usr/bin/env bash
# run.sh BUILD_DIR: the relevance harness (make eval). Indexes the pinned
# corpus if needed (index.sh), then scores queries.jsonl with plain BM25,
# ax-rank's BM25 and reranked, side by side (score.py); then the same for
# the description queries over their own corpus (desc.sh, desc-queries.jsonl).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
db=$("$here/index.sh" "$build")
python3 "$here/score.py" --bin "$root/$build/bin" --db "$db" --queries "$here/queries.jsonl"
db=$("$here/desc.sh" "$root/$build/bin" "$root/build/eval/desc/index.db")
python3 "$here/score.py" --bin "$root/$build/bin" --db "$db" --queries "$here/desc-queries.jsonl"
