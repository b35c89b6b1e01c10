#!/usr/bin/env bash
# demo.sh BUILD_DIR: run ax on a sample (this repository itself, which holds
# fixtures in all 19 languages) and show what it found.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/$build/bin
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== ax-scan $root"
"$bin/ax-scan" --stats "$root" > "$out/scan.ax"
"$bin/ax-cat" --type file "$out/scan.ax" |
	jq -r '.lang' | sort | uniq -c | sort -rn | head -n 20

echo
echo "== ax-parse -j2 (symbols, imports, references per file)"
"$bin/ax-parse" -j2 < "$out/scan.ax" > "$out/parsed.ax"
"$bin/ax-cat" --type parsed "$out/parsed.ax" |
	jq -s '{files: length,
		symbols: (map(.syms | length) | add),
		imports: (map(.imports | length) | add),
		refs: (map(.refs | length) | add)}'

echo
echo "== where are the functions named *record* defined? (jq over the stream)"
"$bin/ax-cat" --type parsed "$out/parsed.ax" |
	jq -r '.path as $p | .syms[] | select(.name | test("record"; "i"))
		| select(.kind == "function") | "\($p):\(.line): \(.kind) \(.name)"' |
	sort | head -n 15
echo
echo "ax-load, ax-rank and ax-graph (the index and its queries) are not built yet;"
echo "until then the stream above is what ax knows. See README.md."
