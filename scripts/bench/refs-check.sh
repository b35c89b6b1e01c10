#!/usr/bin/env bash
# refs-check.sh [TREE]: ax's references against GNU global's (`global -rx`)
# and ripgrep's word matches on the same names of a real tree, for the
# languages global parses itself (C, C++, Java, PHP): refs_check.py says
# what is counted. Default tree: a directory of four packages of the
# Debian corpus (scripts/corpus/debian.sh) hardlinked together: erlang's
# erl_interface C library, Boost.Asio (C++), the JDK's java.util and
# Symfony's HTTP kernel. SAMPLES=n names per language (default 100), EXAMPLES=n sample
# lines of each difference. Prints figures; asserts nothing.
set -euo pipefail
root=${AX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${AX_BIN:-$root/build/bin}
for tool in global gtags rg; do
	command -v "$tool" >/dev/null || { echo "refs-check: $tool is not installed (scripts/deps.sh)" >&2; exit 1; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-refs-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ $# -gt 0 ]; then
	tree=$(cd "$1" && pwd)
else
	"$root/scripts/corpus/debian.sh" "$root/build/corpus/debian" >&2
	src=$root/build/corpus/debian/tree
	tree=$work/tree
	mkdir -p "$tree"
	for p in 'erlang-src@*/lib/erlang/lib/erl_interface-*' 'libboost1.74-dev@*/include/boost/asio' \
		'openjdk-17-source@*/lib/jvm/openjdk-17/lib/src/java.base/java/util' 'php-symfony-http-kernel@*'; do
		for d in $src/$p; do
			[ -d "$d" ] || { echo "refs-check: no $src/$p" >&2; exit 1; }
			mkdir -p "$tree/${d#"$src"/}" && cp -al "$d/." "$tree/${d#"$src"/}"
		done
	done
fi
echo "== refs: ax vs global -rx vs rg -w on $tree" >&2
(cd "$tree" && "$bin/ax-scan" -q --rehash . | "$bin/ax-parse" -j2 | "$bin/ax-load" -q --db "$work/index.db")
mkdir -p "$work/gtags"
(cd "$tree" && gtags -q "$work/gtags")
python3 "$root/scripts/bench/refs_check.py" "$work/index.db" "$tree" "$bin" "$work/gtags"
