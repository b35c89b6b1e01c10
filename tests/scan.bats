#!/usr/bin/env bats
# ax-scan end to end: records, ignore rules, inputs, detection, bad input.

load helpers

# scan ARGS...: ax-scan's stream as JSON Lines in $output.
scan() {
	run bash -c 'ax-scan -q "$@" | ax-cat' scan "$@"
}

# paths ARGS...: the file paths ax-scan emits, one per line, in stream order.
paths() {
	ax-scan -q "$@" | ax-cat | jq -r 'select(.t == "file") | .path'
}

# stats ARGS...: only the --stats summary.
stats() {
	ax-scan -q --stats "$@" 2>&1 >/dev/null
}

@test "ax-scan: --help, --version and a man page" {
	run ax-scan --help
	assert_status 0
	assert_contains "$output" "Usage: ax-scan"
	run ax-scan --version
	assert_status 0
	assert_contains "$output" "ax-scan "
	run man -l "$AX_ROOT/tools/ax-scan/ax-scan.1"
	assert_status 0
	assert_contains "$output" "git ls-files"
}

@test "ax-scan: hdr, one file record per file, end; fields are exact" {
	mkdir -p src/sub
	printf 'print(1)\n' > src/a.py
	printf 'int main(void) { return 0; }\n' > src/sub/m.c
	touch -d '2024-01-02 03:04:05.123456789' src/a.py
	scan
	assert_status 0
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 4 ]
	[ "$(printf '%s\n' "$output" | sed -n 1p | jq -c .)" = "{\"t\":\"hdr\",\"v\":1,\"tool\":\"ax-scan\",\"root\":\"$WORK\"}" ]
	local rec
	rec=$(printf '%s\n' "$output" | sed -n 2p)
	[ "$(jq -r .path <<<"$rec")" = src/a.py ]
	[ "$(jq -r .lang <<<"$rec")" = python ]
	[ "$(jq -r .size <<<"$rec")" = 9 ]
	# mtime in nanoseconds, exactly as stat(2) has it (read from the JSON
	# text: jq's numbers are doubles, too coarse for nanoseconds).
	[ "$(grep -o '"mtime":[0-9]*' <<<"$rec")" = "\"mtime\":$(stat -c %.9Y src/a.py | tr -d .)" ]
	# xxh3-64 as 16 lowercase hex digits, as xxhsum -H3 computes it.
	[ "$(jq -r .hash <<<"$rec")" = "$(xxhsum -H3 src/a.py | sed 's/.*= //')" ]
	[ "$(printf '%s\n' "$output" | sed -n 3p | jq -r '.path + " " + .lang')" = "src/sub/m.c c" ]
	[ "$(printf '%s\n' "$output" | sed -n 4p | jq -c .)" = '{"t":"end","files":2,"complete":true}' ]
}

@test "ax-scan: output is sorted by path bytes and byte-identical across runs" {
	mkdir -p a b.d 'a b' A
	for f in a/x.py a.py a.b.py b.d/y.py 'a b/z.py' A/q.py _.py; do printf 'x = 1\n' > "$f"; done
	run paths
	assert_status 0
	[ "$output" = "$(printf '%s\n' 'A/q.py' '_.py' 'a b/z.py' 'a.b.py' 'a.py' 'a/x.py' 'b.d/y.py')" ]
	# The same order as git's, which sorts whole paths by bytes.
	[ "$output" = "$(printf '%s\n' "$output" | LC_ALL=C sort)" ]
	mkdir many
	for i in $(seq 1 300); do printf 'x = %d\n' "$i" > "many/f$i.py"; done
	ax-scan -q > "$BATS_TEST_TMPDIR/one"
	ax-scan -q > "$BATS_TEST_TMPDIR/two"
	cmp "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/two"
	# Reading on threads changes nothing in the output.
	ax-scan -q -j1 > "$BATS_TEST_TMPDIR/j1"
	ax-scan -q -j7 > "$BATS_TEST_TMPDIR/j7"
	cmp "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/j1"
	cmp "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/j7"
	run ax-scan -j0
	assert_status 2
}

@test "ax-scan: files over 8 MiB are hashed in chunks, with the same hash" {
	yes 'let x = 1;' | head -c $((12 << 20)) > big.js || true
	scan --max-size 16M
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .hash')" = "$(xxhsum -q -H3 big.js | sed 's/.*= //')" ]
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .size')" = $((12 << 20)) ]
	run stats --max-size 10M
	assert_contains "$output" "1 too large"
}

@test "ax-scan: binary, too large, unsupported and ignored files are skipped and counted" {
	printf 'x = 1\n' > ok.py
	printf 'x = 1\n\0\n' > bin.py
	head -c 2000 /dev/zero | tr '\0' 'a' > big.py
	printf '# doc\n' > README.md
	printf 'skip.py\n' > .gitignore
	printf 'x\n' > skip.py
	run paths --max-size 1K
	[ "$output" = ok.py ]
	run stats --max-size 1K
	assert_status 0
	assert_contains "$output" "1 file emitted"
	assert_contains "$output" "1 ignored"
	assert_contains "$output" "1 binary"
	assert_contains "$output" "1 too large"
	# README.md and .gitignore
	assert_contains "$output" "2 unsupported"
	# The default limit is 1 MiB: 2000 bytes pass.
	run paths
	[ "$output" = "$(printf '%s\n' big.py ok.py)" ]
	run ax-scan --max-size 0
	assert_status 2
	run ax-scan --max-size 1X
	assert_status 2
}

@test "a stream is never written to a terminal; ax scan lists the files there" {
	mkdir d
	printf 'x = 1\n' > d/a.py
	printf 'let x = 1;\n' > d/b.js
	# script(1) gives the tools a terminal for stdout.
	run script -qec "ax-scan d" /dev/null
	assert_status 2
	assert_contains "$output" "ax-scan: refusing to write a binary stream to a terminal"
	assert_contains "$output" "--list"
	ax-scan d > s.ax
	run script -qec "ax-parse < s.ax" /dev/null
	assert_status 2
	assert_contains "$output" "ax-parse: refusing to write a binary stream to a terminal"
	run script -qec "ax-cat --from-json < /dev/null" /dev/null
	assert_status 2
	assert_contains "$output" "ax-cat: refusing"
	run script -qec "ax-rank --msgpack --db none.db x" /dev/null
	assert_status 2
	assert_contains "$output" "ax-rank: refusing"
	# ax scan on a terminal: language, size, path, one line a file.
	run script -qec "ax scan d" /dev/null
	assert_status 0
	[ "$(tr -d '\r' <<< "$output" | awk '{print $1, $2, $3}')" = "python 6 a.py
javascript 11 b.js" ]
	# ... and the stream through a pipe, as before.
	[ "$(ax scan d | ax-cat | jq -r 'select(.t == "file") | .path' | tr '\n' ' ')" = "a.py b.js " ]
	run ax-scan --list d
	assert_status 0
	assert_contains "$output" "b.js"
}

@test "files not read because they are as indexed are counted once on stderr, naming --rehash" {
	printf 'x = 1\n' > a.py
	printf 'y = 2\n' > b.py
	touch -d '2020-01-01' a.py b.py
	ax index -q
	ax-scan . 2> err | ax-parse | ax-cat > out.jsonl
	[ "$(jq -r 'select(.t == "file") | .same' out.jsonl | tr '\n' ' ')" = "true true " ]
	[ "$(grep -c . err)" = 1 ]
	assert_contains "$(cat err)" "2 files as indexed"
	assert_contains "$(cat err)" "--rehash"
	ax-scan -q . 2> err > /dev/null
	[ ! -s err ]
	ax-scan --rehash . 2> err > /dev/null
	[ ! -s err ]
}

@test "ax-scan: progress on a terminal only, cleared at the end; --quiet silences it" {
	mkdir d
	for i in $(seq 1 300); do printf 'x = 1\n' > "d/f$i.py"; done
	# script(1) gives ax-scan a terminal for stderr.
	run script -qec "ax-scan > /dev/null" /dev/null
	assert_status 0
	assert_contains "$output" "files/s"
	assert_contains "$output" $'\r\033[K'
	run script -qec "ax-scan --quiet > /dev/null" /dev/null
	[ -z "$output" ]
	# Not a terminal: nothing.
	run bash -c 'ax-scan 2>&1 >/dev/null'
	[ -z "$output" ]
}

@test "ax-scan: --all emits files of no supported language with lang \"\"" {
	printf '# doc\n' > README.md
	printf 'x = 1\n' > a.py
	scan --all
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .path + ":" + .lang' | tr '\n' ' ')" = "README.md: a.py:python " ]
}

@test "ax-scan: outside a repository .gitignore rules apply as git applies them" {
	mkdir -p src/gen deep/er
	for f in a.py b.py src/c.py src/gen/d.py deep/er/e.py deep/f.py; do printf 'x = 1\n' > "$f"; done
	printf '*.py\n!src/*.py\n/deep/er/\n' > .gitignore
	printf '!d.py\n' > src/gen/.gitignore
	run paths
	# gen/d.py is re-included by its own .gitignore; er/ is excluded whole.
	[ "$output" = "$(printf '%s\n' src/c.py src/gen/d.py)" ]
	run paths --no-ignore
	[ "$output" = "$(printf '%s\n' a.py b.py deep/er/e.py deep/f.py src/c.py src/gen/d.py)" ]
}

@test "ax-scan: in a repository, tracked files are listed even when ignored" {
	git init -q .
	mkdir -p build
	printf 'x = 1\n' > build/kept.py
	printf 'x = 1\n' > build/new.py
	printf 'x = 1\n' > top.py
	git add build/kept.py
	printf 'build/\n' > .gitignore
	printf 'top.py\n' > .git/info/exclude
	run paths
	[ "$output" = build/kept.py ]
	[ "$output" = "$(git ls-files -co --exclude-standard '*.py')" ]
	# core.excludesFile applies as well.
	printf 'x = 1\n' > other.py
	printf 'other.py\n' > "$WORK/excludes"
	git config core.excludesFile "$WORK/excludes"
	run paths
	[ "$output" = build/kept.py ]
}

@test "ax-scan: like git, a symlinked .gitignore is not read, and core.ignoreCase is honoured" {
	git init -q .
	for f in a.py B.PY c.py; do printf 'x = 1\n' > "$f"; done
	printf 'c.py\n' > rules
	ln -s rules .gitignore
	run paths
	[ "$output" = "$(git ls-files -co --exclude-standard '*.py' '*.PY')" ]
	[ "$output" = "$(printf '%s\n' B.PY a.py c.py)" ]
	rm .gitignore
	printf 'b.py\n' > .gitignore
	git config core.ignoreCase true
	run paths
	[ "$output" = "$(git ls-files -co --exclude-standard '*.py' '*.PY')" ]
	[ "$output" = "$(printf '%s\n' a.py c.py)" ]
}

@test "ax-scan: .axignore excludes more, even tracked files" {
	git init -q .
	mkdir -p vendor src
	for f in vendor/v.py src/a.py src/b_test.py; do printf 'x = 1\n' > "$f"; done
	git add .
	printf 'vendor/\n' > .axignore
	printf '*_test.py\n' > src/.axignore
	run paths
	[ "$output" = src/a.py ]
	run paths --no-ignore
	[ "$output" = "$(printf '%s\n' src/a.py src/b_test.py vendor/v.py)" ]
}

@test "ax-scan: equals git ls-files -co --exclude-standard on 25 random repositories" {
	run "$AX_ROOT/tests/scan-conformance.sh" "$AX_BIN" 25
	printf '%s\n' "$output" | tail -n 40
	assert_status 0
	assert_contains "$output" ", 0 failed"
}

@test "ax-scan: .git and nested repositories are never walked" {
	git init -q .
	printf 'x = 1\n' > a.py
	mkdir -p sub
	(cd sub && git init -q . && printf 'x = 1\n' > s.py)
	printf 'x = 1\n' > .git/hooked.py
	run paths
	[ "$output" = a.py ]
	# Scanned on its own, the nested repository is a tree like any other.
	run paths sub
	[ "$output" = s.py ]
}

@test "ax-scan: symbolic links are skipped, or followed without loops with --follow" {
	mkdir -p real/inner
	printf 'x = 1\n' > real/inner/a.py
	ln -s real link
	ln -s ../.. real/inner/up
	ln -s real/inner/a.py alias.py
	run paths
	[ "$output" = real/inner/a.py ]
	ln -s self1 self2
	ln -s self2 self1
	run timeout "$EVENT_TIMEOUT" bash -c 'ax-scan -q --follow | ax-cat'
	assert_status 0
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .path')" = "$(printf '%s\n' alias.py link/inner/a.py real/inner/a.py)" ]
	[ "$(printf '%s\n' "$output" | tail -n 1)" = '{"t":"end","files":3,"complete":true}' ]
	# real/inner/up leads back to the top, seen once through link/ and once
	# directly; self1 and self2 point at each other.
	run stats --follow
	assert_contains "$output" "4 link loops"
}

@test "ax-scan: --stdin and -0 take names relative to the root; outside ones are err records, missing ones gone" {
	mkdir -p src other
	printf 'x = 1\n' > src/a.py
	printf 'x = 1\n' > src/b.py
	printf 'x = 1\n' > other/c.py
	scan --stdin src <<<"$(printf '%s\n' b.py "$WORK/src/a.py" ../other/c.py ./b.py missing.py)"
	assert_status 0
	printf '%s\n' "$output" | jq -c 'select(.t != "hdr")' > got
	[ "$(jq -r 'select(.t == "file") | .path' got | tr '\n' ' ')" = "b.py a.py b.py " ]
	[ "$(jq -r 'select(.t == "err") | .path + " " + .code' got | tr '\n' ' ')" = "../other/c.py EXDEV " ]
	# A name that does not exist is gone (a deleted file or directory).
	[ "$(jq -r 'select(.t == "gone") | .path' got)" = missing.py ]
	# Not a whole tree: ax-load must not delete what is missing.
	[ "$(tail -n 1 got)" = '{"t":"end","files":3,"complete":false}' ]
	printf 'x = 1\n' > $'src/new\nline.py'
	run bash -c "cd src && find . -name '*.py' -print0 | LC_ALL=C sort -z | ax-scan -q --stdin -0 | ax-cat | jq -r 'select(.t == \"file\") | .path'"
	[ "$output" = "$(printf '%s\n' a.py b.py 'new' 'line.py')" ]
	run ax-scan -0
	assert_status 2
}

@test "ax-scan: --stdin applies the ignore rules too" {
	git init -q .
	printf 'x = 1\n' > a.py
	printf 'x = 1\n' > gen.py
	printf 'gen.py\n' > .gitignore
	run bash -c 'printf "a.py\ngen.py\n" | ax-scan -q --stdin | ax-cat | jq -r "select(.t == \"file\") | .path"'
	[ "$output" = a.py ]
}

@test "ax-scan: --shard I/N shards are disjoint and cover the tree" {
	mkdir -p d
	for i in $(seq 1 60); do printf 'x = %d\n' "$i" > "d/f$i.py"; done
	paths > all
	: > union
	for i in 1 2 3 4; do
		paths --shard "$i/4" > "s$i"
		[ -s "s$i" ]
		cat "s$i" >> union
		ax-scan -q --shard "$i/4" | ax-cat | tail -n 1 | grep -q '"complete":false'
	done
	[ "$(LC_ALL=C sort union)" = "$(LC_ALL=C sort all)" ]
	[ "$(wc -l < union)" -eq 60 ]
	[ -z "$(LC_ALL=C sort union | uniq -d)" ]
	run ax-scan --shard 5/4
	assert_status 2
	run ax-scan --shard 0/4
	assert_status 2
}

@test "ax-scan: several DIRs are one partial tree under their common parent" {
	mkdir -p p/a p/b p/c
	for d in a b c; do printf 'x = 1\n' > "p/$d/f.py"; done
	scan p/b p/a
	[ "$(printf '%s\n' "$output" | head -n 1 | jq -r .root)" = "$WORK/p" ]
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .path' | tr '\n' ' ')" = "a/f.py b/f.py " ]
	[ "$(printf '%s\n' "$output" | tail -n 1 | jq -c .)" = '{"t":"end","files":2,"complete":false}' ]
	# A DIR inside another is scanned once; what is left is a whole tree.
	scan p p/a
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .path' | wc -l)" -eq 3 ]
	[ "$(printf '%s\n' "$output" | tail -n 1 | jq -r .complete)" = true ]
}

@test "ax-scan: a nonexistent or non-directory argument exits 2 with a message" {
	run ax-scan nowhere
	assert_status 2
	assert_contains "$output" "ax-scan: cannot scan 'nowhere': No such file or directory"
	touch plain
	run ax-scan plain
	assert_status 2
	assert_contains "$output" "Not a directory"
}

@test "ax-scan: an unreadable directory is an err record and makes the scan incomplete" {
	# Root reads everything, so the scan runs as nobody.
	command -v setpriv
	local t
	t=$(mktemp -d /tmp/ax-perm.XXXXXX)
	chmod 755 "$t"
	mkdir -p "$t/ok" "$t/locked"
	printf 'x = 1\n' > "$t/ok/a.py"
	printf 'x = 1\n' > "$t/locked/b.py"
	chmod 700 "$t/locked"
	printf 'x = 1\n' > "$t/secret.py"
	chmod 600 "$t/secret.py"
	chown -R nobody "$t/ok"
	run bash -c "cd / && HOME=$t setpriv --reuid=nobody --regid=nogroup --clear-groups $AX_BIN/ax-scan -q $t | $AX_BIN/ax-cat"
	rm -rf "$t"
	assert_status 0
	printf '%s\n' "$output" | jq -c 'select(.t != "hdr")' > got
	cat got
	[ "$(jq -r 'select(.t == "file") | .path' got)" = ok/a.py ]
	[ "$(jq -r 'select(.t == "err") | .path + " " + .code + " " + .stage' got | tr '\n' ' ')" = "locked EACCES scan secret.py EACCES scan " ]
	[ "$(tail -n 1 got)" = '{"t":"end","files":1,"complete":false}' ]
}

@test "ax-scan: files vanishing during the walk are skipped, the walk goes on" {
	# A dangling link seen with --follow is a file gone between readdir and open.
	printf 'x = 1\n' > a.py
	ln -s gone.py dangling.py
	scan --follow
	assert_status 0
	[ "$(printf '%s\n' "$output" | jq -c 'select(.t != "hdr")')" = "$(printf '%s\n' \
		"$(printf '%s\n' "$output" | jq -c 'select(.t == "file")')" '{"t":"end","files":1,"complete":true}')" ]
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .path')" = a.py ]
	run stats --follow
	assert_contains "$output" "1 vanished"
	# Without --follow the link is a skipped symlink: one, in the singular.
	run stats
	assert_contains "$output" "0 unsupported, 1 symlink, 0 special"
	# The real race: delete files while a scan runs; it must end cleanly.
	mkdir many
	for i in $(seq 1 3000); do printf 'x = 1\n' > "many/f$i.py"; done
	(sleep 0.02; rm -rf many) &
	ax-scan -q > stream
	wait
	ax-cat stream | tail -n 1 | jq -e '.t == "end"'
}

@test "ax-scan: paths with newlines and invalid UTF-8 are kept byte-exact" {
	printf 'x = 1\n' > $'new\nline.py'
	printf 'x = 1\n' > $'bad\xff.py'
	scan
	assert_status 0
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .path | strings')" = $'new\nline.py' ]
	# ax-cat shows invalid UTF-8 as base64 of the exact bytes.
	[ "$(printf '%s\n' "$output" | jq -r 'select(.t == "file") | .path | objects | .["$str"]' | base64 -d | od -An -tx1 | tr -d ' \n')" = "$(printf 'bad\xff.py' | od -An -tx1 | tr -d ' \n')" ]
}

@test "ax-scan: languages from extensions, names, shebangs and .h contents" {
	mkdir -p bin inc
	printf '#!/usr/bin/env python3\nprint(1)\n' > bin/tool
	printf '#!/usr/bin/env -S node --no-warnings\n' > bin/js
	printf '#!/bin/sh\necho\n' > bin/sh
	printf "source 'https://rubygems.org'\n" > Gemfile
	printf '[package]\n' > Cargo.lock
	printf '{}\n' > tsconfig.json
	printf 'int f(void);\n' > inc/c.h
	printf 'namespace n { class A {}; }\n' > inc/cpp.h
	run bash -c 'ax-scan -q | ax-cat | jq -r "select(.t == \"file\") | .path + \" \" + .lang"'
	[ "$output" = "$(printf '%s\n' 'Cargo.lock toml' 'Gemfile ruby' 'bin/js javascript' 'bin/tool python' 'inc/c.h c' 'inc/cpp.h cpp' 'tsconfig.json json')" ]
}

@test "ax-scan: detection accuracy over 99% on a labelled sample, every miss listed" {
	run "$AX_ROOT/tests/fixtures/scan/accuracy.sh" "$AX_BIN"
	printf '%s\n' "$output" | tail -n 60
	assert_status 0
}

# --db: reuse of the index's hashes for files as indexed.
index_tree() {
	mkdir -p repo/src
	cd repo
	printf 'def a():\n    pass\n' > src/a.py
	printf 'def b():\n    pass\n' > src/b.py
	touch -d '2020-01-01 00:00:00' src/a.py src/b.py
	ax-scan -q . | ax-cat | jq -c 'if .t == "file" then . + {syms: [], imports: [], refs: [], t: "parsed"} else . end' |
		ax-cat -j | ax-load -q
}

@test "scan --db: files as indexed are not read again and say same" {
	index_tree
	first=$(ax-scan -q --rehash . | ax-cat --type file | jq -c '[.path, .hash]')
	run bash -c "ax-scan -q . | ax-cat --type file | jq -c '[.path, .hash, .same]'"
	[ "${lines[0]}" = '["src/a.py","'"$(jq -r 'select(.[0]=="src/a.py")[1]' <<< "$first")"'",true]' ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(ax-scan -q . | ax-cat --type file | jq -c '[.path, .hash]')" = "$first" ]
	# A changed file is read: new hash, no "same".
	printf 'def a2():\n    pass\n' > src/a.py
	touch -d '2020-01-02 00:00:00' src/a.py
	run bash -c "ax-scan -q . | ax-cat --type file | jq -r '[.path, (.same // false)] | @tsv'"
	assert_contains "$output" $'src/a.py\tfalse'
	assert_contains "$output" $'src/b.py\ttrue'
	[ "$(ax-scan -q . | ax-cat --type file | jq -r 'select(.path=="src/a.py").hash')" != \
	  "$(jq -r 'select(.[0]=="src/a.py")[1]' <<< "$first")" ]
}

@test "scan --db: --rehash reads everything, and so does a file changed just before its load" {
	index_tree
	run bash -c "ax-scan -q --rehash . | ax-cat --type file | jq -r '.same // false' | sort -u"
	[ "$output" = false ]
	# Racy: changed in the seconds before the load that stored it.
	printf 'def b2():\n    pass\n' > src/b.py
	ax-scan -q . | ax-cat | jq -c 'if .t == "file" then . + {syms: [], imports: [], refs: [], t: "parsed"} else . end' |
		ax-cat -j | ax-load -q
	run bash -c "ax-scan -q . | ax-cat --type file | jq -r 'select(.path==\"src/b.py\") | .same // false'"
	[ "$output" = false ]
}

@test "scan --db: an index of another tree is not used; a missing one given with --db is an error" {
	index_tree
	mkdir ../other
	cp -r src ../other/
	touch -d '2020-01-01 00:00:00' ../other/src/*.py
	db=$PWD/.ax/index.db
	run bash -c "cd ../other && ax-scan -q --db '$db' . 2>&1 >/dev/null"
	assert_contains "$output" "reading every file"
	[ "$(cd ../other && ax-scan -q --db "$db" . | ax-cat --type file | jq -r '.same // false' | sort -u)" = false ]
	run ax-scan -q --db /nonexistent/index.db .
	assert_status 2
	assert_contains "$output" "no index"
}

@test "ax-scan: --changed takes one DIR and no --stdin or --shard; outside git it scans the whole tree" {
	run ax-scan --changed --stdin
	assert_status 2
	assert_contains "$output" "--changed takes one DIR"
	run ax-scan --changed --shard 1/2
	assert_status 2
	mkdir a b
	run ax-scan --changed a b
	assert_status 2
	printf 'x = 1\n' > a/x.py
	run bash -c 'ax-scan -q --changed a 2>err | ax-cat | tail -n 1; cat err'
	assert_status 0
	assert_contains "$output" '{"t":"end","files":1,"complete":true}'
	assert_contains "$output" "scanning the whole tree"
}
