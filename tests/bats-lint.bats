#!/usr/bin/env bats
# tests/tools/bats-lint.py: the check, run by tests/run.sh over every bats
# file, that no test holds a command bash's set -e ignores.

load helpers

LINT=$AX_ROOT/tests/tools/bats-lint.py
SAMPLE=$AX_ROOT/tests/fixtures/bats-lint/sample.bats

@test "bats-lint reports each unchecked command of its sample, and nothing else" {
	run python3 "$LINT" "$SAMPLE"
	assert_status 1
	assert_contains "$output" "bats-lint: 19 unchecked command(s)"
	got=$(printf '%s\n' "$output" | sed -n 's/^.*sample\.bats:\([0-9]*\): .*/\1/p' | tr '\n' ' ')
	want=$(grep -n '# unchecked$' "$SAMPLE" | cut -d: -f1 | tr '\n' ' ')
	[ -n "$want" ]
	[ "$got" = "$want" ]
}

@test "bats-lint fails on one bad line among good ones, and passes once it is fixed" {
	printf '@test "t" {\n\trun true\n\t! grep -q x f\n\ttrue\n}\n' > bad.bats
	run python3 "$LINT" bad.bats
	assert_status 1
	assert_contains "$output" "bad.bats:3: a negated command never fails the test"
	printf '@test "t" {\n\trun true\n\tnot grep -q x f\n\ttrue\n}\n' > good.bats
	run python3 "$LINT" good.bats
	assert_status 0
	[ -z "$output" ]
}

