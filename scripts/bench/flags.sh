#!/usr/bin/env bash
# flags.sh: the cost of flags to every tool, and the time of a rollback.
#
#   scripts/bench/flags.sh [BUILD_DIR]     figures on stdout
#
# 1. ax_flags_init and one evaluation with 1,000 flags in .ax/flags.json
#    (budget: well under 1 ms for init; evaluations are microseconds).
# 2. A whole tool start (ax-cat on an empty stream) with 0 and 1,000 flags.
# 3. Rollback: from `ax-flag kill` (what guard runs on its decision) to the
#    next tool run seeing the flag off.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin=$root/$build/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-flags.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME= XDG_STATE_HOME= AX_TELEMETRY_DIR=$work/tel
mkdir -p "$HOME" "$work/proj/.ax" "$work/empty"
make -s -C "$root" "$build/bin/ax-flag" "$build/bin/ax-cat" >&2

cc -O2 -std=c11 -D_GNU_SOURCE -I"$root/lib" -o "$work/flags_eval" "$root/scripts/bench/flags_eval.c" \
	"$root/$build/lib/libax.a" -ljansson -lsqlite3 -lcurl -lmsgpackc -lxxhash -lm -lpthread

# 1,000 flags of every shape: rollouts, lists, variants, schedules, prerequisites.
awk 'BEGIN {
	printf "{\"version\": 1, \"flags\": {"
	for (i = 0; i < 1000; i++) {
		printf "%s\"bench.f%d\": {\"description\": \"flag %d\", \"owner\": \"bench\", \"rollout\": %d,", i ? "," : "", i, i, i % 101
		printf " \"allow\": [\"a%d\", \"b%d\"], \"deny\": [\"c%d\"],", i, i, i
		if (i % 3 == 0) printf " \"variants\": [{\"name\": \"x\", \"weight\": 50}, {\"name\": \"y\", \"weight\": 50}],"
		if (i % 5 == 0) printf " \"enabledAfter\": \"2026-01-01T00:00:00Z\", \"disabledAfter\": \"2036-01-01T00:00:00Z\","
		if (i % 7 == 0 && i) printf " \"prerequisites\": [\"bench.f%d\"],", i - 1
		printf " \"changed\": \"2026-01-01T00:00:00Z\"}"
	}
	print "}}"
}' > "$work/proj/.ax/flags.json"
echo "flags file: $(wc -c < "$work/proj/.ax/flags.json") bytes, 1000 flags"

cd "$work/proj"
# The first run parses and writes the cache; the next ones read it.
for run in 1 2 3 4; do "$work/flags_eval" 200000; done

# Best of 20 process runs, in ms.
best_run() {
	local best=999999 t0 t1 ms
	for _ in $(seq 20); do
		t0=$(date +%s%N)
		"$@" < /dev/null > /dev/null 2>&1
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000 ))
		[ "$ms" -lt "$best" ] && best=$ms
	done
	awk -v us="$best" 'BEGIN { printf "%.2f ms\n", us / 1000 }'
}
cd "$work/empty"
printf 'ax-cat start, no flags file:    %s\n' "$(best_run "$bin/ax-cat" --from-json)"
cd "$work/proj"
printf 'ax-cat start, 1000 flags:       %s\n' "$(best_run "$bin/ax-cat" --from-json)"

# Rollback: kill (atomic write + audit) until a new process evaluates it off.
"$bin/ax-flag" set bench.target rollout=100 > /dev/null
t0=$(date +%s%N)
"$bin/ax-flag" kill bench.target --reason "bench rollback"
state=$("$bin/ax-flag" eval bench.target || true)
t1=$(date +%s%N)
echo "rollback: kill to next evaluation '$state': $(( (t1 - t0) / 1000000 )) ms"
