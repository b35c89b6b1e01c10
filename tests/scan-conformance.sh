#!/usr/bin/env bash
# scan-conformance.sh BIN_DIR [TREES] [FIRST_SEED]: ax-scan lists exactly
# the files `git ls-files -co --exclude-standard` lists, on TREES random
# repositories (tests/fixtures/scan/gentree.py), scanned from the top and,
# for every third tree, from a subdirectory. Prints the differing paths of
# each failing seed; ends with "N passed, N failed" like every test.
set -uo pipefail

bin=$(cd "${1:?usage: scan-conformance.sh BIN_DIR [TREES] [FIRST_SEED]}" && pwd)
trees=${2:-200}
first=${3:-1}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ax-conf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Only the trees' own configuration counts, never the user's.
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"

ax_paths() { # DIR: ax-scan's paths, NUL-separated, sorted
	"$bin/ax-scan" --all -q "$1" | "$bin/ax-cat" | jq -j 'select(.t == "file") | .path + "\u0000"' |
		LC_ALL=C sort -z
}
git_paths() { # DIR
	git -C "$1" ls-files -z -co --exclude-standard | LC_ALL=C sort -z
}

compare() { # SEED DIR: 0 if equal, else print the differences
	local a=$tmp/ax b=$tmp/git
	ax_paths "$2" | tr '\0' '\n' >"$a"
	git_paths "$2" | tr '\0' '\n' >"$b"
	if cmp -s "$a" "$b"; then return 0; fi
	echo "seed $1: ${2#"$tmp"/}: ax-scan and git ls-files differ (< only ax-scan, > only git):"
	diff "$a" "$b" | grep '^[<>]' | sed 's/^/    /'
	return 1
}

passed=0 failed=0
for ((seed = first; seed < first + trees; seed++)); do
	root=$tmp/t$seed
	if ! python3 "$here/fixtures/scan/gentree.py" "$seed" "$root"; then
		echo "seed $seed: could not build the tree"
		failed=$((failed + 1))
		continue
	fi
	if compare "$seed" "$root"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	if ((seed % 3 == 0)); then
		# A subdirectory, picked by the seed: the rules above it apply too.
		sub=$(cd "$root" && find . -mindepth 1 -type d -not -path './.git*' | LC_ALL=C sort |
			awk -v s="$seed" '{ d[NR] = $0 } END { if (NR) print d[s % NR + 1] }')
		if [ -n "$sub" ]; then
			if compare "$seed" "$root/${sub#./}"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
		fi
	fi
	rm -rf "$root" "$root.excludes"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
