#!/usr/bin/env bash
# fetch.sh: fetch, verify and unpack the npm packages pinned in grammars.lock.
#
#   grammars/fetch.sh [LOCK [DIR]]    fetch into DIR/cache, unpack into DIR/src
#   grammars/fetch.sh --list [LOCK]   rows "name:unpacked:dir:src1,src2", for make
#                                     (unpacked: the package's dir under DIR/src)
#
# LOCK defaults to $AX_GRAMMAR_LOCK or grammars/grammars.lock, DIR to
# $AX_GRAMMAR_DIR or build/grammars. A tarball already in DIR/cache is used
# without network but verified again like a fresh one: the cache is only a
# copy, the lock is the authority. A tarball whose sha512 differs from the lock
# is deleted (never reused) and the script exits 1. docs/grammars.md has more.
set -euo pipefail

die() { echo "ax: $*" >&2; exit 1; }

# Lock rows as "name package version integrity dir sources", comments dropped;
# a malformed row stops everything rather than building something unpinned.
lock_rows() {
	awk -F'\t' -v lock="$1" '
		/^#/ || /^[ \t]*$/ { next }
		NF != 6 || $4 !~ /^sha512-/ {
			printf "ax: %s:%d: want 6 tab-separated fields with a sha512- integrity\n", lock, NR > "/dev/stderr"
			exit 1
		}
		{ print $1, $2, $3, $4, $5, $6 }' "$1"
}

# A package's name in the cache and in src/: npm pack's own naming
# (@scope/name@1.0 -> scope-name-1.0).
pkg_stem() { # package version
	local p=${1#@}
	echo "${p//\//-}-$2"
}

sha512_integrity() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

# Deletes a tarball that does not match its pin, so no later run trusts it.
verify() { # tarball spec integrity
	local got
	got=$(sha512_integrity "$1")
	if [ "$got" != "$3" ]; then
		rm -f "$1"
		die "grammar $2: sha512 mismatch: expected $3, got $got"
	fi
}

fetch() { # spec tarball
	command -v npm >/dev/null ||
		die "grammar $1: not in the cache ($2) and npm is not available to fetch it"
	local tmp
	tmp=$(mktemp -d "$(dirname "$2")/.fetch.XXXXXX")
	if ! npm pack "$1" --pack-destination "$tmp" --ignore-scripts --silent >/dev/null; then
		rm -rf "$tmp"
		die "grammar $1: npm pack failed (no cached $(basename "$2") to use instead)"
	fi
	mv "$tmp"/*.tgz "$2.part" && rm -rf "$tmp"
}

# The version is part of the path, so a bumped pin's sources are new files
# to make; -m gives them the current time (npm dates them 1985), newer than
# any object built from the previous pin.
unpack() { # tarball dest
	[ -d "$2" ] && return 0
	rm -rf "$2.part" && mkdir -p "$2.part"
	tar -xzf "$1" -C "$2.part" --strip-components=1 -m --no-same-owner
	mv "$2.part" "$2"
}

if [ "${1:-}" = "--list" ]; then
	lock_rows "${2:-${AX_GRAMMAR_LOCK:-grammars/grammars.lock}}" |
		while read -r name pkg version _ dir sources; do
			echo "$name:$(pkg_stem "$pkg" "$version"):$dir:$sources"
		done
	exit 0
fi

lock=${1:-${AX_GRAMMAR_LOCK:-grammars/grammars.lock}}
dir=${2:-${AX_GRAMMAR_DIR:-build/grammars}}
[ -r "$lock" ] || die "grammars: cannot read $lock"
rows=$(lock_rows "$lock")
mkdir -p "$dir/cache" "$dir/src"

# Two builds (build/ and build/san/) may fetch into the same cache at once.
exec 9>"$dir/.lock"
flock 9

done_pkgs=" "
while read -r _ pkg version integrity _ _; do
	spec="$pkg@$version"
	stem=$(pkg_stem "$pkg" "$version")
	case "$done_pkgs" in *" $stem "*) continue ;; esac
	done_pkgs="$done_pkgs$stem "
	tgz="$dir/cache/$stem.tgz"
	if [ ! -f "$tgz" ]; then
		fetch "$spec" "$tgz"
		verify "$tgz.part" "$spec" "$integrity"
		mv "$tgz.part" "$tgz"
	else
		verify "$tgz" "$spec" "$integrity"
	fi
	unpack "$tgz" "$dir/src/$stem"
done <<<"$rows"

# Sources of pins no longer in the lock go, so nothing compiles against them
# unnoticed. Their tarballs stay cached: going back works offline.
for d in "$dir"/src/*; do
	case "$done_pkgs" in *" $(basename "$d") "*) ;; *) rm -rf "$d" ;; esac
done
