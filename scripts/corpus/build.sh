#!/usr/bin/env bash
# build.sh [DIR]: build the benchmark corpus (default build/corpus) from the
# pinned npm packages of packages.lock: ~126k files in one git repository,
# some of them ignored, some ignored but tracked, some untracked.
# Tarballs are fetched once with `npm pack` into DIR/cache and checked
# against their sha512; the tree and its commit are the same on every run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-build/corpus}
mkdir -p "$dir/cache"
dir=$(cd "$dir" && pwd)
tree=$dir/tree

if [ -f "$tree/.built" ] && [ "$tree/.built" -nt "$here/packages.lock" ]; then
	echo "corpus: $tree is up to date"
	exit 0
fi

sha512_of() { printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

rm -rf "$tree"
mkdir -p "$tree"
while read -r spec want; do
	case $spec in '' | '#'*) continue ;; esac
	name=${spec%@*} version=${spec##*@}
	tgz=$dir/cache/$(printf '%s' "${name#@}" | tr / -)-$version.tgz
	if [ ! -f "$tgz" ] || [ "$(sha512_of "$tgz")" != "$want" ]; then
		(cd "$dir/cache" && npm pack --silent "$spec" >/dev/null)
	fi
	got=$(sha512_of "$tgz")
	if [ "$got" != "$want" ]; then
		echo "corpus: $spec: sha512 mismatch: got $got" >&2
		exit 1
	fi
	dest=$tree/$(printf '%s' "$name" | tr / -)@$version
	mkdir -p "$dest"
	tar -xzf "$tgz" -C "$dest" --strip-components=1 --no-same-owner
done < "$here/packages.lock"

# A repository like a real one: rules that exclude whole directories and
# patterns, files tracked despite them, and untracked files.
cd "$tree"
cat > .gitignore <<'IGN'
*.map
/aws-sdk@*/dist/
**/esm/**/*.d.ts
legacy/
!/antd@5.12.0/es/**/*.d.ts
IGN
export GIT_AUTHOR_NAME=corpus GIT_AUTHOR_EMAIL=corpus@example.com GIT_COMMITTER_NAME=corpus \
	GIT_COMMITTER_EMAIL=corpus@example.com GIT_AUTHOR_DATE=2024-01-01T00:00:00Z \
	GIT_COMMITTER_DATE=2024-01-01T00:00:00Z
git init -q .
# Everything but the newest icon set is committed; that one stays untracked.
git add -- .gitignore $(ls -d */ | grep -v '^@mui-icons-material@5.15.0/$')
git add -f -- aws-sdk@2.1500.0/dist/aws-sdk.js
git -c core.fsync=none commit -q -m corpus
touch .built
echo "corpus: $(git ls-files -co --exclude-standard | wc -l) files listed by git, $(find . -type f -not -path './.git/*' | wc -l) in the tree: $tree"
