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
