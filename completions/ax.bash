# bash completion for ax and the ax-* tools (installed by make install).
#
# Everything is read from the programs themselves, so it never goes stale:
# commands from `ax`, subcommands and options from `--help`, config keys
# from `ax config keys`.

# The subcommands a tool's --help lists: the first word of lines indented
# by exactly two spaces ("  migrate [--to N]  ..."), and the alternatives
# of "on | local | off".
_ax_subcommands() {
	"$@" --help 2>/dev/null | awk '
		/^  [a-z]/ {
			n = split($0, w, /[ \t]+/)
			print w[2]
			for (i = 3; i < n; i++) if (w[i] == "|") print w[i + 1]
		}'
}

_ax_options() {
	"$@" --help 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u
}

# Complete word $cur of a tool (argv: the tool and its subcommand, if any).
_ax_tool_words() {
	local cur=$1; shift
	case $cur in
	-*) COMPREPLY=($(compgen -W "$(_ax_options "$@")" -- "$cur")) ;;
	*) COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}

_ax() {
	local cur=${COMP_WORDS[COMP_CWORD]} cword=$COMP_CWORD
	if [ "$cword" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$(ax --help 2>/dev/null | awk '/^  [a-z]/ {print $1}')" -- "$cur"))
		return
	fi
	local cmd=${COMP_WORDS[1]}
	case $cmd in
	config)
		if [ "$cword" -eq 2 ]; then
			COMPREPLY=($(compgen -W "$(_ax_subcommands ax config)" -- "$cur"))
		elif [ "$cword" -eq 3 ] && [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$(ax config keys 2>/dev/null | awk '{print $1}')" -- "$cur"))
		else
			_ax_tool_words "$cur" ax config
		fi ;;
	db | flags | telemetry | graph)
		if [ "$cword" -eq 2 ] && [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$(_ax_subcommands ax "$cmd")" -- "$cur"))
		else
			_ax_tool_words "$cur" ax "$cmd"
		fi ;;
	index | watch | scan)
		case $cur in
		-*) _ax_tool_words "$cur" ax "$cmd" ;;
		*) COMPREPLY=($(compgen -d -- "$cur")) ;;
		esac ;;
	*) _ax_tool_words "$cur" ax "$cmd" ;;
	esac
}

_ax_single_tool() {
	local cur=${COMP_WORDS[COMP_CWORD]} tool=${COMP_WORDS[0]}
	case $tool in
	ax-db | ax-flag | ax-telemetry | ax-graph | ax-config)
		if [ "$COMP_CWORD" -eq 1 ] && [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$(_ax_subcommands "$tool")" -- "$cur"))
			return
		fi ;;
	esac
	_ax_tool_words "$cur" "$tool"
}

complete -F _ax ax
complete -F _ax_single_tool ax-scan ax-parse ax-load ax-rank ax-graph ax-db ax-flag \
	ax-telemetry ax-cat ax-lint ax-watch ax-status ax-config
