#!/usr/bin/env bash
# telemetry.sh [BUILD_DIR]: what the telemetry hooks cost every tool run.
# 1. hyperfine: whole ax-cat processes on an empty input, telemetry off vs
#    local (one event appended to a real spool per run).
# 2. in-process: the start and exit hooks alone, many times over
#    (tests/unit/test_telemetry_overhead.c, which also asserts < 1 ms).
# The spool lives in a temporary directory; nothing of the user's is read.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin=$root/$build/bin
runs=${RUNS:-2000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-telemetry.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export AX_TELEMETRY_DIR=$tmp/state XDG_STATE_HOME=$tmp/state HOME=$tmp
unset DO_NOT_TRACK AX_SESSION
: > "$tmp/empty"

command -v hyperfine >/dev/null || { echo "telemetry.sh: hyperfine missing (scripts/deps.sh bench)" >&2; exit 1; }
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
# Both orders (off first, then local first): on a loaded machine the load
# drifts between the two halves of one hyperfine run.
off=(-n off "env AX_TELEMETRY=off $bin/ax-cat $tmp/empty")
local=(-n local "env AX_TELEMETRY=local $bin/ax-cat $tmp/empty")
hyperfine -N --warmup 100 --runs "$runs" --export-json "$tmp/h1.json" "${off[@]}" "${local[@]}" >/dev/null 2>&1
hyperfine -N --warmup 100 --runs "$runs" --export-json "$tmp/h2.json" "${local[@]}" "${off[@]}" >/dev/null 2>&1
events=$(AX_TELEMETRY=off "$bin/ax-telemetry" ingest | sed -n 's/^ingested \([0-9]*\) events.*/\1/p')
echo "ax-cat on an empty input, $runs runs per mode and order ($events events appended in mode local):"
jq -s -r '
	def ms: . * 1000000 | round / 1000 | tostring + " ms";
	.[] | (.results | map({(.command): .}) | add) as $r
	| "  order \(.results | map(.command) | join(", ")): median off \($r.off.median | ms), local \($r.local.median | ms),"
	  + " local - off \(($r.local.median - $r.off.median) | ms) (mean \(($r.local.mean - $r.off.mean) | ms))"
' "$tmp/h1.json" "$tmp/h2.json"
jq -s -r 'def ms: . * 1000000 | round / 1000 | tostring + " ms";
	map(.results | map({(.command): .median}) | add) | "  local - off, median over both orders: \((map(.local - .off) | add / 2) | ms)"' \
	"$tmp/h1.json" "$tmp/h2.json"

unit=$root/$build/tests/test_telemetry_overhead
[ -x "$unit" ] || make -C "$root" "$build/tests/test_telemetry_overhead" >/dev/null
echo "in-process, 2000 runs of the hooks each:"
"$unit" | grep '^hooks'
