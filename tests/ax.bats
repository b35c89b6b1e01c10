#!/usr/bin/env bats
# ax: the front end dispatches to the tools and runs the index pipeline.

load helpers

@test "ax with no command lists the commands" {
	run ax
	assert_status 0
	assert_contains "$output" "index"
	assert_contains "$output" "find"
}

@test "an unknown command suggests the closest one" {
	run ax fnid
	assert_status 2
	assert_contains "$output" "did you mean 'find'?"
	run ax zzzzzzzz
	assert_status 2
	assert_contains "$output" "not an ax command"
}

@test "ax COMMAND runs the tool with the arguments" {
	printf '{"t":"x","n":1}\n' | ax-cat -j > s.ax
	run ax cat --type x s.ax
	assert_status 0
	[ "$output" = '{"t":"x","n":1}' ]
	run ax cat --version
	assert_contains "$output" "ax-cat "
}

@test "ax index runs scan, parse and load into the index" {
	mkdir -p src
	printf 'def hello_world():\n    return 1\n' > src/a.py
	printf 'package main\nfunc Main() {}\n' > src/b.go
	run ax index src -q
	assert_status 0
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM files')" = 2 ]
	[ "$(sqlite3 .ax/index.db "SELECT name FROM symbols WHERE name = 'hello_world'")" = hello_world ]
}

@test "ax index names the stage that failed" {
	run ax index no-such-dir -q
	assert_status 2
	assert_contains "$output" "index failed in ax-scan"
}
