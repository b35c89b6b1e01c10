#!/usr/bin/env bats
# make install: binaries and man pages land under DESTDIR/PREFIX.

load helpers

@test "make install puts every tool and its man page under DESTDIR/PREFIX" {
	run make -C "$AX_ROOT" -s install DESTDIR="$WORK/stage" PREFIX=/opt/ax
	assert_status 0
	for tool in "$AX_ROOT"/tools/ax-*; do
		name=$(basename "$tool")
		[ -x "$WORK/stage/opt/ax/bin/$name" ]
		[ -f "$WORK/stage/opt/ax/share/man/man1/$name.1" ]
		"$WORK/stage/opt/ax/bin/$name" --version | grep -q "^$name "
	done
}

@test "every man page renders without warnings" {
	for page in "$AX_ROOT"/tools/ax-*/ax-*.1; do
		out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		[ -z "$out" ] || { echo "$page: $out"; return 1; }
	done
}
