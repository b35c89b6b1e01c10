#!/usr/bin/env bash
# run.sh BUILD_DIR: run every unit test program and every tests/*.bats file,
# then print one line "N passed, N failed" and exit non-zero on any failure.
# TESTS="scan parse" limits the bats files; UNIT=0 skips the unit tests.
set -uo pipefail

build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export AX_ROOT=$root
export AX_BIN=$root/$build/bin
# Tests never read the user's configuration or index.
export HOME=$(mktemp -d "${TMPDIR:-/tmp}/ax-test-home.XXXXXX")
unset AX_DB
trap 'rm -rf "$HOME"' EXIT

passed=0 failed=0 failures=()

if [ "${UNIT:-1}" != 0 ]; then
	for t in "$root/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		out=$("$t" 2>&1)
		status=$?
		line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
		if [ -z "$line" ]; then
			# A crash before the summary counts as one failure.
			failed=$((failed + 1)); failures+=("$name (no summary, status $status)")
			printf '%s\n' "$out" | tail -n 20 >&2
			continue
		fi
		p=${line%% passed*}; f=${line#*, }; f=${f%% failed}
		passed=$((passed + p)); failed=$((failed + f))
		if [ "$f" != 0 ] || [ "$status" != 0 ]; then
			failures+=("$name")
			printf '%s\n' "$out" | grep -v -E '^[0-9]+ passed' >&2
		fi
		echo "unit $name: $line"
	done
fi

# A check bats never makes (`! cmd`, `a && b` mid-test) is a failure of the
# suite itself: one test over every file, whatever TESTS says.
if lint=$(python3 "$root/tests/tools/bats-lint.py" "$root"/tests/*.bats "$root/tests/helpers.bash" 2>&1); then
	passed=$((passed + 1))
	echo "lint bats-lint: 1 passed, 0 failed"
else
	failed=$((failed + 1)); failures+=("bats-lint")
	printf '%s\n' "$lint" >&2
	echo "lint bats-lint: 0 passed, 1 failed"
fi

bats_files=()
if [ -n "${TESTS:-}" ]; then
	for n in $TESTS; do bats_files+=("$root/tests/$n.bats"); done
else
	for f in "$root"/tests/*.bats; do [ -e "$f" ] && bats_files+=("$f"); done
fi
for f in "${bats_files[@]}"; do
	name=$(basename "$f" .bats)
	out=$(cd "$root/tests" && bats --tap "$f" 2>&1)
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	fl=$(printf '%s\n' "$out" | grep -c '^not ok ')
	planned=$(printf '%s\n' "$out" | sed -n 's/^1\.\.\([0-9]*\)$/\1/p' | head -n 1)
	# Tests that never reported (bats died midway) are failures too.
	missing=$(( ${planned:-0} - p - fl ))
	[ "$missing" -gt 0 ] && fl=$((fl + missing))
	[ -z "$planned" ] && fl=$((fl + 1))
	passed=$((passed + p)); failed=$((failed + fl))
	if [ "$fl" != 0 ]; then
		failures+=("$name.bats")
		printf '%s\n' "$out" | awk '/^not ok /{show=1} /^ok /{show=0} show' >&2
		[ -z "$planned" ] && printf '%s\n' "$out" | tail -n 20 >&2
	fi
	echo "bats $name: $p passed, $fl failed"
done

if [ "${#failures[@]}" -gt 0 ]; then
	echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
