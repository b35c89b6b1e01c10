#!/usr/bin/env bash
# scan.sh [BUILD_DIR]: ax-scan against `rg --files` and
# `git ls-files -co --exclude-standard` on the corpus of scripts/corpus
# (~126k files, built on first use), warm cache, medians of RUNS runs
# (default 5); then hashing speed on one large file against xxhsum and cat.
# Prints wall and CPU times, files per second and ratios to rg.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin=$root/$build/bin
runs=${RUNS:-5}
corpus=$root/build/corpus
"$root/scripts/corpus/build.sh" "$corpus" >&2
tree=$corpus/tree

# median RUNS "$@": "WALL CPU" seconds, medians of `runs` runs (after one
# warm-up run); CPU is user + system time, which a busy machine disturbs less.
median() {
	"$@" >/dev/null 2>&1
	local out
	out=$(for ((i = 0; i < runs; i++)); do
		/usr/bin/time -f '%e %U %S' "$@" 2>&1 >/dev/null | tail -n 1
	done)
	printf '%s %s\n' \
		"$(awk '{ print $1 }' <<<"$out" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" \
		"$(awk '{ print $2 + $3 }' <<<"$out" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
}

cd "$tree"
files_git=$(git ls-files -co --exclude-standard | wc -l)
files_ax=$("$bin/ax-scan" -q --all . | "$bin/ax-cat" -t file | wc -l)
bytes=$("$bin/ax-scan" -q --all . | "$bin/ax-cat" -t file | jq -s 'map(.size) | add')
echo "corpus: $tree: $files_git files listed by git, $files_ax emitted by ax-scan --all ($((bytes / 1048576)) MiB read and hashed)"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo

read -r t_rg c_rg < <(median rg --files)
printf '%-44s %8s  %8s  %9s  %s\n' "what" "wall" "CPU" "files/s" "wall, CPU x rg"
print_row() { # LABEL FILES WALL CPU
	awk -v l="$1" -v n="$2" -v t="$3" -v c="$4" -v rt="$t_rg" -v rc="$c_rg" \
		'BEGIN { printf "%-44s %6.3f s  %6.3f s  %9.0f  %5.2f, %5.2f\n", l, t, c, n / t, t / rt, c / rc }'
}
row() { # LABEL FILES CMD...
	local label=$1 files=$2 t c
	shift 2
	read -r t c < <(median "$@")
	print_row "$label" "$files" "$t" "$c"
}
print_row "rg --files" "$files_git" "$t_rg" "$c_rg"
row "git ls-files -co --exclude-standard" "$files_git" git ls-files -co --exclude-standard
row "ax-scan --all (walk, read, hash; -j$(nproc))" "$files_ax" "$bin/ax-scan" -q --all .
row "ax-scan --all -j1" "$files_ax" "$bin/ax-scan" -q --all -j1 .
row "ax-scan (supported languages only)" "$files_ax" "$bin/ax-scan" -q .
row "ax-scan --all --shard 1/2" "$((files_ax / 2))" "$bin/ax-scan" -q --all --shard 1/2 .
# The same walk with libgit2's matcher asked about every path (no reading).
cc -std=c11 -O2 -D_GNU_SOURCE -o "$corpus/scan_libgit2" "$root/scripts/bench/scan_libgit2.c" -lgit2
row "libgit2 ignore matcher, walk only" "$files_git" "$corpus/scan_libgit2" .

# Hashing: one large file, read by mmap, against xxhsum and a plain read.
big=$corpus/big
mkdir -p "$big"
if [ ! -f "$big/blob.js" ]; then
	# Text (no NUL), so that ax-scan hashes it instead of skipping it.
	(set +o pipefail; yes 'export function f(a, b) { return a + b; } // padding padding' |
		head -c $((512 << 20)) > "$big/blob.js")
fi
mib=$(( $(stat -c %s "$big/blob.js") >> 20 ))
echo
echo "hashing one ${mib} MiB file (page cache; ax-scan hashes files over 8 MiB in 256 KiB chunks):"
hrow() { # LABEL CMD...
	local label=$1 t c
	shift
	read -r t c < <(median "$@")
	awk -v l="$label" -v t="$t" -v m="$mib" 'BEGIN { printf "  %-44s %6.3f s  %6.0f MiB/s\n", l, t, m / t }'
}
hrow "cat > /dev/null" cat "$big/blob.js"
hrow "xxhsum -H3 (XXH3-64)" xxhsum -q -H3 "$big/blob.js"
# --no-ignore: build/ is ignored by ax's own repository.
hrow "ax-scan --all --max-size 1G (read+hash)" "$bin/ax-scan" -q --all --no-ignore --max-size 1G "$big"
