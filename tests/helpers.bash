# helpers.bash: common setup for the bats tests (load helpers).
# Each test gets a fresh $WORK directory; tools come from $AX_BIN.

setup() {
	WORK=$(mktemp -d "${BATS_TMPDIR:-/tmp}/ax.XXXXXX")
	cd "$WORK" || return 1
	PATH=$AX_BIN:$PATH
}

teardown() {
	cd /
	chmod -R u+rwx "$WORK" 2>/dev/null
	rm -rf "$WORK"
}

# json_stream FILE <<< 'json lines': write a stream from JSON Lines.
json_stream() {
	ax-cat --from-json > "$1"
}

# with_end: pass JSON Lines through and end them with an end record that
# deletes nothing. Every stream ends with one (docs/stream.md); ax-load
# takes a stream without it for one whose producer died (status 2).
with_end() {
	cat
	printf '%s\n' '{"t":"end","files":0,"complete":false}'
}

# Fail with a message unless "$1" contains "$2".
assert_contains() {
	case "$1" in
	*"$2"*) return 0 ;;
	*) echo "expected to find: $2" >&2; echo "in: $1" >&2; return 1 ;;
	esac
}

assert_status() {
	if [ "$status" -ne "$1" ]; then
		echo "expected status $1, got $status; output: $output" >&2
		return 1
	fi
}

# not CMD...: succeed only if CMD fails. A bare `! CMD` never fails a bats
# test (bash's set -e ignores it), and neither does `a && b` unless it is
# the last line: tests/tools/bats-lint.py, run by tests/run.sh, finds both.
not() {
	if "$@"; then
		echo "unexpectedly succeeded: $*" >&2
		return 1
	fi
}

# Events between a test and the processes it starts, instead of sleeps:
# opening a FIFO blocks until the other side opens it too. A process says
# "it happened" with `: > FIFO` (or `echo > FIFO`); `await FIFO` returns
# then. `release FIFO` returns once a process waiting with `cat FIFO`
# has been let go. The bound is only a net against a hung test: no verdict
# depends on it.
EVENT_TIMEOUT=${EVENT_TIMEOUT:-300}

await() {
	timeout "$EVENT_TIMEOUT" cat "$1" > /dev/null && return 0
	echo "no event on $1 within $EVENT_TIMEOUT s" >&2
	return 1
}

release() {
	timeout "$EVENT_TIMEOUT" sh -c ': > "$1"' sh "$1" && return 0
	echo "nobody waited on $1 within $EVENT_TIMEOUT s" >&2
	return 1
}

# wait_until CMD...: run CMD until it succeeds, for a state no process can
# announce (a line in a log, a lock held by another process). The bound is
# a net against a hang only.
wait_until() {
	local end=$((SECONDS + EVENT_TIMEOUT))
	until "$@"; do
		if [ "$SECONDS" -ge "$end" ]; then
			echo "timed out waiting until: $*" >&2
			return 1
		fi
		sleep 0.02
	done
}
