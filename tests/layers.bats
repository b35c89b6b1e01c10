#!/usr/bin/env bats
# lib/ keeps its layers: no object calls a folder above its own
# (lib/README.md draws them; tests/layers.sh reads the objects with nm).

load helpers

@test "lib: every call goes down the layers of lib/README.md, none from base upward" {
	run "$AX_ROOT/tests/layers.sh" "$AX_BIN/../obj"
	[ -z "$output" ] || echo "$output" >&2
	assert_status 0
}
