#!/usr/bin/env bash
# subsets.sh [DIR]: the scale corpus's subsets DIR/subsets/10k, 50k and
# 100k (default DIR build/corpus), each a directory of whole packages
# hardlinked from the npm tree (build.sh) and the multi-language tree
# (debian.sh), with DIR/subsets/SIZE.json, its manifest: files, bytes and
# files per ax language (as ax-scan lists them), and packages. Each subset
# is a git repository with nothing committed (untracked files are listed),
# as the build/ they live in is ignored by ax's own repository.
# Whole packages keep each one's imports meaningful. Packages of both
# locks are taken in the order of the sha256 of their directory names (a
# fixed shuffle, so every subset mixes languages); one that would take the
# subset past 110% of its size is passed over; the subset is done once it
# reaches its size. So every run picks the same ones.
# SUBSETS="10k 50k" picks some; AX_BIN (default build/bin) has ax-scan.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${1:-$root/build/corpus}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
bin=${AX_BIN:-$root/build/bin}

"$here/build.sh" "$dir" >&2
"$here/debian.sh" "$dir/debian" >&2

# The candidates in their fixed shuffled order: "count path" lines.
list=$(mktemp)
trap 'rm -f "$list"' EXIT
count_dirs() { # TREE LOCK KIND: each package directory of the lock
	local tree=$1 lockfile=$2 kind=$3
	while read -r a b _; do
		case $a in '' | '#'*) continue ;; esac
		case $kind in
		npm) spec=$a name=${spec%@*} p=$(printf '%s' "$name" | tr / -)@${spec##*@} ;;
		deb) if [ "$a" = deb ]; then p=${b%%=*}@$(printf %s "${b#*=}" | tr : _)
			else p=$(printf '%s' "${b%@*}" | tr / -)@${b##*@}; fi ;;
		esac
		echo "$(printf %s "$p" | sha256sum | cut -c1-16) $(find "$tree/$p" -type f | wc -l) $tree/$p"
	done < "$lockfile"
}
{ count_dirs "$dir/debian/tree" "$here/debian.lock" deb
  count_dirs "$dir/tree" "$here/packages.lock" npm; } | LC_ALL=C sort | cut -d' ' -f2- > "$list"

size_of() { case $1 in *k) echo $((${1%k} * 1000)) ;; *) echo "$1" ;; esac; }

mkdir -p "$dir/subsets"
for name in ${SUBSETS:-10k 50k 100k}; do
	want=$(size_of "$name")
	out=$dir/subsets/$name
	stamp=$out/.built
	if [ -f "$stamp" ] && [ "$stamp" -nt "$here/debian.lock" ] && [ "$stamp" -nt "$here/packages.lock" ] &&
		[ "$stamp" -nt "$0" ]; then
		echo "corpus: $out is up to date" >&2
		continue
	fi
	rm -rf "$out"
	mkdir -p "$out"
	git init -q "$out"
	total=0
	while read -r n path; do
		[ "$total" -ge "$want" ] && break
		[ $((total + n)) -gt $((want * 11 / 10)) ] && continue
		cp -al "$path" "$out/"
		total=$((total + n))
	done < "$list"
	if [ "$total" -lt "$want" ]; then
		echo "corpus: subset $name: only $total files available" >&2
		exit 1
	fi
	bytes=$(find "$out" -path "$out/.git" -prune -o -type f -not -name .built -printf '%s\n' |
		awk '{s += $1} END {print s + 0}')
	"$bin/ax-scan" -q "$out" | "$bin/ax-cat" -t file |
		jq -s --arg name "$name" --argjson files "$total" --argjson bytes "$bytes" \
			--argjson packages "$(ls "$out" | jq -R . | jq -s .)" '{
			subset: $name, files: $files, bytes: $bytes,
			indexable: length, indexable_bytes: (map(.size) | add),
			languages: (group_by(.lang) | map({key: .[0].lang, value: length}) | from_entries),
			packages: $packages }' > "$dir/subsets/$name.json"
	touch "$stamp"
	echo "corpus: $out: $total files, $((bytes / 1048576)) MB, $(jq .indexable "$dir/subsets/$name.json") indexable" >&2
done
