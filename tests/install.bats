#!/usr/bin/env bats
# make install: binaries and man pages land under DESTDIR/PREFIX.

load helpers

@test "make install puts every tool and its man page under DESTDIR/PREFIX" {
	run make -C "$AX_ROOT" -s install DESTDIR="$WORK/stage" PREFIX=/opt/ax
	assert_status 0
	for tool in "$AX_ROOT"/tools/ax "$AX_ROOT"/tools/ax-*; do
		name=$(basename "$tool")
		[ -x "$WORK/stage/opt/ax/bin/$name" ]
		[ -f "$WORK/stage/opt/ax/share/man/man1/$name.1" ]
		"$WORK/stage/opt/ax/bin/$name" --version | grep -q "^$name "
	done
}

@test "every man page renders without warnings" {
	for page in "$AX_ROOT"/tools/ax*/ax*.1; do
		out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		[ -z "$out" ] || { echo "$page: $out"; return 1; }
	done
}

# Ask the installed bash completion what it offers for a command line.
complete_bash() {
	local stage=$WORK/stage/opt/ax
	PATH=$stage/bin:$PATH bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
		complete -p "$1" > /dev/null || exit 9
		fn=$(complete -p "$1" | sed "s/.*-F \([^ ]*\).*/\1/")
		"$fn"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$stage/share/bash-completion/completions/ax" "$@"
}

@test "make install adds bash and zsh completion that offers commands, subcommands, options and config keys" {
	run make -C "$AX_ROOT" -s install DESTDIR="$WORK/stage" PREFIX=/opt/ax
	assert_status 0
	comp=$WORK/stage/opt/ax/share/bash-completion/completions
	[ -f "$comp/ax" ]
	[ -L "$comp/ax-scan" ]
	[ "$(readlink "$comp/ax-scan")" = ax ]
	[ -f "$WORK/stage/opt/ax/share/zsh/site-functions/_ax" ]
	zsh -n "$WORK/stage/opt/ax/share/zsh/site-functions/_ax"
	run complete_bash ax ''
	for cmd in index find def refs flow lint watch status config init db flags telemetry; do
		printf '%s\n' "$output" | grep -qx "$cmd" || { echo "no $cmd in: $output" >&2; return 1; }
	done
	run complete_bash ax st
	[ "$output" = status ]
	run complete_bash ax db ''
	for sub in status migrate rollback backup restore verify; do
		printf '%s\n' "$output" | grep -qx "$sub"
	done
	run complete_bash ax index --ch
	[ "$output" = --changed ]
	run complete_bash ax index --reb
	[ "$output" = --rebuild ]
	run complete_bash ax ou
	[ "$output" = outline ]
	run complete_bash ax tags --et
	[ "$output" = --etags ]
	run complete_bash ax deps --ext
	[ "$output" = --external ]
	run complete_bash ax-scan --reh
	[ "$output" = --rehash ]
	run complete_bash ax config get index.j
	[ "$output" = index.jobs ]
	run complete_bash ax telemetry lo
	[ "$output" = local ]
}
