#!/usr/bin/env bats
# grammars/fetch.sh: tarballs are verified against the lock, from the cache as
# well as from npm; a mismatch is fatal and leaves nothing to reuse. Runs
# offline: the real go tarball comes from the build's cache, and npm is a fake
# that records each call.

load helpers

FETCH=$AX_ROOT/grammars/fetch.sh
GO_TGZ=$AX_ROOT/build/grammars/cache/tree-sitter-go-0.25.0.tgz

setup() {
	WORK=$(mktemp -d "${BATS_TMPDIR:-/tmp}/ax.XXXXXX")
	cd "$WORK" || return 1
	[ -f "$GO_TGZ" ] || { echo "missing $GO_TGZ: run make first" >&2; return 1; }
	mkdir bin cache
	# The fake npm packs $FAKE_TGZ if set, else fails; either way it logs.
	cat >bin/npm <<-'EOF'
		#!/usr/bin/env bash
		echo "npm $*" >>"$NPM_LOG"
		[ -n "${FAKE_TGZ:-}" ] || exit 1
		while [ $# -gt 0 ]; do
			[ "$1" = --pack-destination ] && cp "$FAKE_TGZ" "$2/tree-sitter-go-0.25.0.tgz"
			shift
		done
	EOF
	chmod +x bin/npm
	export PATH=$WORK/bin:$PATH NPM_LOG=$WORK/npm.log
	go_row=$(grep -P '^go\t' "$AX_ROOT/grammars/grammars.lock")
	good=$(cut -f4 <<<"$go_row")
	printf '# test lock\n%s\n' "$go_row" >good.lock
}

# A lock whose go row pins $1 instead of the real integrity.
lock_with_integrity() {
	awk -F'\t' -v OFS='\t' -v i="$1" '{ $4 = i; print }' <<<"$go_row" >bad.lock
}

# Integrity of some other content: a valid sha512, just not go's.
other_integrity() {
	echo "sha512-$(echo other | openssl dgst -sha512 -binary | base64 -w0)"
}

@test "a good cached tarball is verified and unpacked without npm" {
	cp "$GO_TGZ" cache/
	run "$FETCH" good.lock .
	assert_status 0
	[ -f src/tree-sitter-go-0.25.0/src/parser.c ]
	[ ! -e npm.log ]
}

@test "a second run reuses the unpacked sources untouched" {
	cp "$GO_TGZ" cache/
	"$FETCH" good.lock .
	before=$(stat -c %y src/tree-sitter-go-0.25.0/src/parser.c)
	sleep 0.01
	run "$FETCH" good.lock .
	assert_status 0
	[ "$(stat -c %y src/tree-sitter-go-0.25.0/src/parser.c)" = "$before" ]
}

@test "unpacked sources carry the time of unpacking, for make" {
	cp "$GO_TGZ" cache/
	touch -d '1 minute ago' cache/tree-sitter-go-0.25.0.tgz
	"$FETCH" good.lock .
	# npm tarballs date every file 1985; make would never rebuild from those
	[ src/tree-sitter-go-0.25.0/src/parser.c -nt cache/tree-sitter-go-0.25.0.tgz ]
}

@test "sources of pins no longer in the lock are removed, tarballs kept" {
	cp "$GO_TGZ" cache/
	cp "$GO_TGZ" cache/tree-sitter-go-0.24.0.tgz
	mkdir -p src/tree-sitter-go-0.24.0/src
	run "$FETCH" good.lock .
	assert_status 0
	[ ! -e src/tree-sitter-go-0.24.0 ]
	[ -d src/tree-sitter-go-0.25.0 ]
	[ -f cache/tree-sitter-go-0.24.0.tgz ]
}

@test "lock path and cache dir also come from the environment" {
	cp "$GO_TGZ" cache/
	AX_GRAMMAR_LOCK=good.lock AX_GRAMMAR_DIR=. run "$FETCH"
	assert_status 0
	[ -f src/tree-sitter-go-0.25.0/src/parser.c ]
}

@test "a cached tarball that does not match the lock fails and is deleted" {
	cp "$GO_TGZ" cache/
	bad=$(other_integrity)
	lock_with_integrity "$bad"
	run "$FETCH" bad.lock .
	assert_status 1
	[ "$output" = "ax: grammar tree-sitter-go@0.25.0: sha512 mismatch: expected $bad, got $good" ]
	[ ! -e cache/tree-sitter-go-0.25.0.tgz ]
	[ ! -e src/tree-sitter-go-0.25.0 ]
	[ ! -e npm.log ]
}

@test "a fetched tarball that does not match the lock fails and is not kept" {
	mkdir package
	echo 'tampered' >package/parser.c
	tar -czf tampered.tgz package
	tampered=$(echo "sha512-$(openssl dgst -sha512 -binary tampered.tgz | base64 -w0)")
	FAKE_TGZ=$WORK/tampered.tgz run "$FETCH" good.lock .
	assert_status 1
	[ "$output" = "ax: grammar tree-sitter-go@0.25.0: sha512 mismatch: expected $good, got $tampered" ]
	assert_contains "$(cat npm.log)" "npm pack tree-sitter-go@0.25.0"
	[ -z "$(ls -A cache)" ]
	[ ! -e src/tree-sitter-go-0.25.0 ]
}

@test "a missing tarball without npm fails clearly" {
	run "$FETCH" good.lock .
	assert_status 1
	assert_contains "$output" "ax: grammar tree-sitter-go@0.25.0: npm pack failed"
	[ -z "$(ls -A cache)" ]
}

@test "a malformed lock row is refused" {
	printf 'go\ttree-sitter-go\t0.25.0\tmd5-abc\tsrc\tparser.c\n' >bad.lock
	run "$FETCH" bad.lock .
	assert_status 1
	assert_contains "$output" "bad.lock:1: want 6 tab-separated fields with a sha512- integrity"
}
