#!/usr/bin/env bash
# parse-runtime.sh: Debian's libtree-sitter 0.20.7 against the npm runtime
# (tree-sitter@0.25.1, compiled by us): which of our pinned grammars each
# loads, and parse throughput (MB per CPU second, one core) on the same real
# code with the same grammars. Debian's runtime refuses ABI-15 grammars, so
# the speed comparison uses ABI-14 pins of the same languages, fetched into
# the work dir only. Needs network the first time (npm), and `make grammars`.
#
#   scripts/bench/parse-runtime.sh        results as markdown on stdout
#   WORK=DIR ROUNDS=N CORPUS_MB=N         work dir (default /tmp/ax-parse-runtime),
#                                         best of N rounds, MB of code per language
# docs/runtime.md records a run and the decision taken from it.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=${WORK:-/tmp/ax-parse-runtime}
rounds=${ROUNDS:-5}
corpus_bytes=$(( ${CORPUS_MB:-4} * 1000000 ))
runtime_dir=build/grammars/src/$(grammars/fetch.sh --list | awk -F: '$1 == "runtime" { print $2 "/" $3 }')
mkdir -p "$work/obj14" "$work/bin" "$work/corpus" "$work/npm"

make -s -j2 grammars >&2

# ABI-14 pins (all with a Debian-loadable ABI) of the languages compared; the
# same format as grammars/grammars.lock, so fetch.sh verifies them too.
cat >"$work/abi14.lock" <<'EOF'
typescript	tree-sitter-typescript	0.23.2	sha512-e04JUUKxTT53/x3Uq1zIL45DoYKVfHH4CZqwgZhPg5qYROl5nQjV+85ruFzFGZxu+QeFVbRTPDRnqL9UbU4VeA==	typescript/src	parser.c,scanner.c
javascript	tree-sitter-javascript	0.23.1	sha512-/bnhbrTD9frUYHQTiYnPcxyHORIw157ERBa6dqzaKxvR/x3PC4Yzd+D1pZIMS6zNg2v3a8BZ0oK7jHqsQo9fWA==	src	parser.c,scanner.c
python	tree-sitter-python	0.23.6	sha512-yIM9z0oxKIxT7bAtPOhgoVl6gTXlmlIhue7liFT4oBPF/lha7Ha4dQBS82Av6hMMRZoVnFJI8M6mL+SwWoLD3A==	src	parser.c,scanner.c
c	tree-sitter-c	0.23.6	sha512-0dxXKznVyUA0s6PjNolJNs2yF87O5aL538A/eR6njA5oqX3C3vH4vnx3QdOKwuUdpKEcFdHuiDpRKLLCA/tjvQ==	src	parser.c
cpp	tree-sitter-cpp	0.23.4	sha512-qR5qUDyhZ5jJ6V8/umiBxokRbe89bCGmcq/dk94wI4kN86qfdV8k0GHIUEKaqWgcu42wKal5E97LKpLeVW8sKw==	src	parser.c,scanner.c
EOF
langs=$(cut -f1 "$work/abi14.lock")
grammars/fetch.sh "$work/abi14.lock" "$work/grammars" >&2

# Same flags as grammars.mk gives the grammars of the build; object names
# carry the pinned version, so a changed pin is compiled afresh.
objs14=()
while IFS=: read -r name pkg dir sources; do
	for src in ${sources//,/ }; do
		obj=$work/obj14/$pkg-$name-${src%.c}.o
		[ -f "$obj" ] || cc -O2 -w -I"$work/grammars/src/$pkg/$dir" \
			-c "$work/grammars/src/$pkg/$dir/$src" -o "$obj"
		objs14+=("$obj")
	done
done < <(grammars/fetch.sh --list "$work/abi14.lock")

# One binary per runtime and grammar set; both runtimes linked statically.
# Debian's runtime is wherever the compiler finds libtree-sitter.a.
debian_runtime=$(cc -print-file-name=libtree-sitter.a)
[ -f "$debian_runtime" ] || { echo "parse-runtime.sh: no libtree-sitter.a (scripts/deps.sh bench)" >&2; exit 1; }
ours_grammars=(-Wl,--whole-archive build/lib/libaxgrammars.a -Wl,--no-whole-archive)
bench_cc() { # output runtime-flags...
	local out=$1; shift
	cc -O2 -Wall -Wextra -Wno-deprecated-declarations -Ilib -o "$work/bin/$out" \
		scripts/bench/parse_runtime.c "$@"
}
bench_cc debian-14 "${objs14[@]}" "$debian_runtime"
bench_cc npm-14 -I"$runtime_dir/include" "${objs14[@]}" build/lib/libtree-sitter.a
bench_cc debian-ours "${ours_grammars[@]}" "$debian_runtime"
bench_cc npm-ours -I"$runtime_dir/include" "${ours_grammars[@]}" build/lib/libtree-sitter.a

# Real code, the same files for both runtimes: npm packages at fixed versions
# for JS and TS, the system's Python library and C/C++ headers.
for p in lodash@4.17.21 webpack@5.94.0 rxjs@7.8.1 typescript@5.6.3; do
	d=$work/npm/${p%@*}
	[ -d "$d" ] && continue
	tgz=$(cd "$work/npm" && npm pack "$p" --silent)
	mkdir -p "$d" && tar -xzf "$work/npm/$tgz" -C "$d" --strip-components=1
done
up_to_size() { # the first paths of stdin (sorted) that hold corpus_bytes; reads
	# all of stdin, as an early exit would kill the pipe's writers
	sort | tr '\n' '\0' | xargs -0 stat -c '%s %n' |
		awk -v max="$corpus_bytes" 'total < max { total += $1; sub(/^[0-9]+ /, ""); print }'
}
n=$work/npm
find "$n/webpack/lib" "$n/lodash" -name '*.js' ! -name '*.min.js' | up_to_size >"$work/corpus/javascript"
{ find "$n/rxjs/src" -name '*.ts'; find "$n/typescript/lib" -name '*.d.ts'; } | up_to_size >"$work/corpus/typescript"
find /usr/lib/python3.11 -name '*.py' | up_to_size >"$work/corpus/python"
find /usr/include -name '*.h' ! -path '*/c++/*' | up_to_size >"$work/corpus/c"
find /usr/include/c++ -type f | up_to_size >"$work/corpus/cpp"

echo "## Grammars loaded (our pins, grammars/grammars.lock)"
echo
echo "| language | grammar ABI | Debian 0.20.7 | npm 0.25.1 |"
echo "|---|---|---|---|"
# Both list languages.def in its order.
paste -d' ' <("$work/bin/debian-ours" abi) <("$work/bin/npm-ours" abi | cut -d' ' -f3) |
	awk '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }'
for b in debian-ours npm-ours; do
	echo "$b: $("$work/bin/$b" abi | grep -c ' loaded$') of $("$work/bin/$b" abi | wc -l) loaded" >&2
done

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
echo
echo "## Parse throughput, MB per CPU second (best of $rounds rounds)"
echo
echo "| language | files | MB | Debian 0.20.7 | npm 0.25.1 | npm/Debian | error files (Deb/npm) | npm 0.25.1, our pin |"
echo "|---|---|---|---|---|---|---|---|"
for lang in $langs; do
	list=$work/corpus/$lang
	read -r bytes files deb_err deb_s < <("$work/bin/debian-14" parse "$lang" "$rounds" <"$list")
	read -r _ _ npm_err npm_s < <("$work/bin/npm-14" parse "$lang" "$rounds" <"$list")
	read -r _ _ _ ours_s < <("$work/bin/npm-ours" parse "$lang" "$rounds" <"$list")
	printf '| %s | %s | %.1f | %s | %s | %s | %s/%s | %s |\n' "$lang" "$files" \
		"$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
		"$(mbps "$bytes" "$deb_s")" "$(mbps "$bytes" "$npm_s")" \
		"$(awk -v d="$deb_s" -v n="$npm_s" 'BEGIN { printf "%.2f", d / n }')" \
		"$deb_err" "$npm_err" "$(mbps "$bytes" "$ours_s")"
done
