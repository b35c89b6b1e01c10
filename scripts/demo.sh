#!/usr/bin/env bash
# demo.sh BUILD_DIR: index a sample (this repository itself, which holds
# fixtures in all 19 languages) into a temporary index and query it.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/$build/bin
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export AX_DB=$out/index.db AX_TELEMETRY=off
run() { echo; echo "\$ $*"; "$@" || echo "(exit status $?)"; }

echo "== ax index $root"
"$bin/ax" index "$root"

run "$bin/ax" status -n 3
echo
echo "\$ ax-scan --rehash . | ax-cat --type file | jq -r .lang | sort | uniq -c | sort -rn | head"
"$bin/ax-scan" -q --rehash "$root" | "$bin/ax-cat" --type file | jq -r .lang | sort | uniq -c | sort -rn | head
run "$bin/ax" find -n 8 'parse header'
run "$bin/ax" find -n 5 'kind:class lang:python user'
run "$bin/ax-rank" -n 3 --explain ax_reader_next
run "$bin/ax" def ax_split_words
run "$bin/ax-graph" deps lib/stream/stream_read.c
run "$bin/ax-graph" rdeps lib/stream/stream.h
run "$bin/ax-graph" stats
run "$bin/ax" flow --callers ax_split_words
# The example lint rules, over the demo fixtures only.
run "$bin/ax" lint --rules "$root/examples/rules" --fail-on never tests/fixtures/lint
echo
echo "The index is $AX_DB (removed now); in a repository of your own: ax index && ax find NAME"
