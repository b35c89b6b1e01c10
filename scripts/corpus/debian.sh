#!/usr/bin/env bash
# debian.sh [DIR]: the multi-language part of the scale corpus, built from
# the pinned packages of debian.lock into DIR/tree (default build/corpus/
# debian): one directory per package, NAME@VERSION, holding what the
# package installs under /usr (Go under share/gocode, Rust crates under
# share/cargo/registry, PHP under share/php, Ruby, Python, C/C++ headers,
# the JDK's src.zip unpacked), less docs, man pages and symlinks. Lines of
# kind npm add npm packages that ship Kotlin, Swift and Java sources.
# Downloads are cached in DIR/cache and checked against the lock's digest,
# so the tree is the same on every run.
#   debian.sh --pin PKG...   print lock lines for apt's candidate versions
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = --pin ]; then
	shift
	pin=$(mktemp -d)
	trap 'rm -rf "$pin"' EXIT
	for p in "$@"; do
		v=$(apt-cache policy "$p" | awk '/Candidate:/ {print $2}')
		[ -n "$v" ] && [ "$v" != "(none)" ] || { echo "debian.sh: $p: no candidate" >&2; exit 1; }
		(cd "$pin" && apt-get download -q "$p=$v" >/dev/null 2>&1)
		echo "deb $p=$v $(sha256sum "$pin"/*.deb | cut -d' ' -f1)"
		rm -f "$pin"/*.deb
	done
	exit 0
fi

dir=${1:-build/corpus/debian}
mkdir -p "$dir/cache"
dir=$(cd "$dir" && pwd)
tree=$dir/tree
lock=$here/debian.lock

if [ -f "$tree/.built" ] && [ "$tree/.built" -nt "$lock" ] && [ "$tree/.built" -nt "$0" ]; then
	echo "corpus: $tree is up to date"
	exit 0
fi

sha512_of() { printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

# fetch_deb PKG=VERSION SHA256: the .deb's path in the cache, checked.
fetch_deb() {
	local spec=$1 want=$2 deb
	deb=$(ls "$dir/cache/${spec%%=*}_"*.deb 2>/dev/null | head -1 || true)
	if [ -z "$deb" ] || [ "$(sha256sum "$deb" | cut -d' ' -f1)" != "$want" ]; then
		rm -f "$dir/cache/${spec%%=*}_"*.deb
		# apt's sandbox user cannot write to the cache: not an error.
		(cd "$dir/cache" && apt-get download -q "$spec" >/dev/null 2>&1) ||
			{ echo "corpus: apt-get download $spec failed (version gone from the mirror?)" >&2; exit 1; }
		deb=$(ls "$dir/cache/${spec%%=*}_"*.deb | head -1)
	fi
	if [ "$(sha256sum "$deb" | cut -d' ' -f1)" != "$want" ]; then
		echo "corpus: $spec: sha256 mismatch" >&2
		exit 1
	fi
	printf '%s' "$deb"
}

# fetch_npm NAME@VERSION SHA512: the tarball's path in the cache, checked.
fetch_npm() {
	local spec=$1 want=$2 name tgz
	name=${spec%@*}
	tgz=$dir/cache/$(printf '%s' "${name#@}" | tr / -)-${spec##*@}.tgz
	if [ ! -f "$tgz" ] || [ "$(sha512_of "$tgz")" != "$want" ]; then
		(cd "$dir/cache" && npm pack --silent "$spec" >/dev/null)
	fi
	if [ "$(sha512_of "$tgz")" != "$want" ]; then
		echo "corpus: $spec: sha512 mismatch" >&2
		exit 1
	fi
	printf '%s' "$tgz"
}

rm -rf "$tree"
mkdir -p "$tree"
scratch=$dir/scratch
while read -r kind spec want; do
	case $kind in '' | '#'*) continue ;; esac
	case $kind in
	deb)
		deb=$(fetch_deb "$spec" "$want")
		dest=$tree/${spec%%=*}@$(printf %s "${spec#*=}" | tr : _) # no colons in paths
		rm -rf "$scratch" && mkdir -p "$scratch" "$dest"
		dpkg-deb -x "$deb" "$scratch"
		rm -rf "$scratch"/usr/share/doc "$scratch"/usr/share/man "$scratch"/usr/share/lintian
		find "$scratch" -type l -delete
		# The JDK ships its sources as one zip.
		find "$scratch" -name src.zip -type f | while read -r z; do
			unzip -q -o "$z" -d "$(dirname "$z")/src" && rm "$z"
		done
		[ -d "$scratch/usr" ] && cp -a "$scratch"/usr/. "$dest"/
		;;
	npm)
		tgz=$(fetch_npm "$spec" "$want")
		dest=$tree/$(printf '%s' "${spec%@*}" | tr / -)@${spec##*@}
		mkdir -p "$dest"
		tar -xzf "$tgz" -C "$dest" --strip-components=1 --no-same-owner
		;;
	*) echo "corpus: debian.lock: unknown kind '$kind'" >&2; exit 2 ;;
	esac
	find "$dest" -type d -empty -delete
done < "$lock"
rm -rf "$scratch"
touch "$tree/.built"
echo "corpus: $(find "$tree" -type f -not -name .built | wc -l) files in $tree"
