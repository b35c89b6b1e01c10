#!/usr/bin/env bash
# rank-desc.sh [BUILD_DIR]: ax-rank latency per CLI call on descriptions
# (the long queries of issue #20) and on all-capitals and acronym names
# (the acronym source's worst case), against BASE_BIN's ax-rank (another
# build, e.g. before a change) in the same run, one query of each in turn.
#
# The index: RANK_DB (e.g. a copy of a 100k-file index, migrated), else the
# description corpus's index of `make eval` (scripts/eval/desc.sh). The
# queries: every query of scripts/eval/desc-queries.jsonl (descriptions,
# fragments, exact names, acronyms, filtered), 40 all-capitals names of the
# index (ASETPL), ASETPL AFMULQ '#dfa', and 2-4 letter acronyms (pU, gUI).
# Prints p50, p95 and max of wall and CPU (user + system) time in ms per
# kind and binary. BASE_BIN's index must be one it can open (an older ax
# refuses a newer schema: give it BASE_DB, its own copy).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin=${AX_BIN:-$root/$build/bin}
db=${RANK_DB:-}
if [ -z "$db" ]; then
	db=$("$root/scripts/eval/desc.sh" "$bin" "$root/build/eval/desc/index.db")
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-rank-desc.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 -c '
import json, sys
for l in open(sys.argv[1]):
    q = json.loads(l)
    print("%s\t%s" % ("description" if q["kind"] == "desc" else "other", q["query"]))' \
	"$root/scripts/eval/desc-queries.jsonl" > "$work/queries"
sqlite3 "$db" "SELECT DISTINCT name FROM symbols WHERE name GLOB '[A-Z][A-Z][A-Z][A-Z]*'
	AND name NOT GLOB '*[^A-Z]*' AND id % 97 = 0 LIMIT 40" | sed 's/^/capitals\t/' >> "$work/queries"
printf 'capitals\t%s\n' ASETPL AFMULQ '#dfa' >> "$work/queries"
printf 'acronym\t%s\n' pU gUI PU gSV cMW rQ >> "$work/queries"

export AX_FLAG_RANK_RERANK=on AX_TELEMETRY=off
cat "$db" > /dev/null
python3 - "$work/queries" "$bin/ax-rank" "$db" "${BASE_BIN:+$BASE_BIN/ax-rank}" "${BASE_DB:-$db}" <<'PY'
import os, resource, subprocess, sys, time
qs = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1]) if l.strip()]
runs = [("ax-rank", sys.argv[2], sys.argv[3])]
if sys.argv[4]:
    runs.append(("base", sys.argv[4], sys.argv[5]))
times = {}
for kind, q in qs:
    for name, exe, db in runs:
        env = dict(os.environ, AX_DB=db)
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([exe, "-n", "10", "--", q], env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = (time.perf_counter() - t0) * 1000
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000
        for k in (kind, "all"):
            times.setdefault((k, name), []).append((wall, cpu))
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]
print("%-12s %-8s %4s  %-26s  %s" % ("", "", "", "wall ms p50 / p95 / max", "cpu ms p50 / p95 / max"))
for (kind, name), v in sorted(times.items()):
    w, c = [x[0] for x in v], [x[1] for x in v]
    print("%-12s %-8s %4d  %6.1f / %6.1f / %6.1f     %6.1f / %6.1f / %6.1f" % (
        kind, name, len(v), pct(w, 50), pct(w, 95), max(w), pct(c, 50), pct(c, 95), max(c)))
PY
