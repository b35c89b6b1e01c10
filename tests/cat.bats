#!/usr/bin/env bats
# ax-cat: streams as JSON Lines and back.

load helpers

tricky() {
	cat <<'JSON'
{"t":"hdr","v":1,"tool":"ax-scan","root":"/home/u/repo"}
{"t":"file","path":"src/a\nb.py","lang":"python","size":0,"mtime":1700000000123456789,"hash":"ffffffffffffffff"}
{"t":"file","path":{"$str":"YmFkL/8ucHk="},"lang":"python","size":9223372036854775807,"mtime":-9223372036854775808,"hash":"0000000000000000"}
{"t":"future","u":{"$u64":"18446744073709551615"},"bin":{"$bin":"AAECAw=="},"m":{"$map":[[1,"one"],["$k",2]]},"f":1.5,"f32":{"$f32":0.25},"nan":{"$f64":"nan"},"nul":"a\u0000b","uni":"é€😀","ext":{"$ext":[5,"AQ=="]},"deep":[[[{}]]],"n":null,"b":true}
{"t":"end","files":2,"complete":true}
JSON
}

@test "JSON Lines to a stream and back is the same text" {
	tricky > in.jsonl
	ax-cat --from-json in.jsonl > s.ax
	run ax-cat s.ax
	assert_status 0
	[ "$output" = "$(cat in.jsonl)" ]
}

@test "a stream to JSON and back is the same bytes" {
	tricky | ax-cat --from-json > s.ax
	ax-cat s.ax | ax-cat --from-json > s2.ax
	cmp s.ax s2.ax
}

@test "reads stdin by default and with -, and several files in order" {
	tricky | ax-cat -j > s.ax
	[ "$(ax-cat < s.ax)" = "$(ax-cat - < s.ax)" ]
	run ax-cat s.ax s.ax
	[ "${#lines[@]}" -eq 10 ]
}

@test "--type keeps only the named record types" {
	tricky | ax-cat -j > s.ax
	run ax-cat --type file s.ax
	[ "${#lines[@]}" -eq 2 ]
	run ax-cat --type hdr,end s.ax
	[ "${#lines[@]}" -eq 2 ]
	assert_contains "${lines[0]}" '"t":"hdr"'
	assert_contains "${lines[1]}" '"t":"end"'
	run ax-cat -t end -t hdr s.ax
	[ "${#lines[@]}" -eq 2 ]
	tricky | ax-cat -j --type end | ax-cat > only-end.jsonl
	[ "$(wc -l < only-end.jsonl)" -eq 1 ]
	# A type no tool writes is a mistake: refused, with the types listed.
	run ax-cat --type nosuch s.ax
	assert_status 2
	assert_contains "$output" "no record type 'nosuch'"
	assert_contains "$output" "hdr, file, parsed, err, gone, end, hit"
	run ax-cat --type file,nosuch s.ax
	assert_status 2
}

@test "a truncated stream prints the whole records, then fails naming the byte" {
	tricky | ax-cat -j > s.ax
	size=$(stat -c %s s.ax)
	head -c $((size - 3)) s.ax > cut.ax
	run ax-cat cut.ax
	assert_status 2
	[ "${#lines[@]}" -eq 5 ]
	assert_contains "${lines[4]}" "ax-cat: cut.ax: byte"
	assert_contains "${lines[4]}" "stream ends inside a record"
}

@test "garbage is refused with status 2" {
	printf 'hello, world\n' > junk
	run ax-cat junk
	assert_status 2
	assert_contains "$output" "ax-cat: junk: byte 0: record is not a msgpack map"
}

@test "bad JSON lines are refused with their line number" {
	printf '{"t":"a"}\n{"t":\n' > bad.jsonl
	run ax-cat --from-json bad.jsonl
	assert_status 2
	assert_contains "$output" "ax-cat: bad.jsonl: line 2:"
	printf '{"t":"a"}\n[1,2]\n' > arr.jsonl
	run ax-cat --from-json arr.jsonl
	assert_status 2
	assert_contains "$output" "line 2: a record must be a JSON object"
	printf '{"t":"a","x":{"$nope":1}}\n' > tag.jsonl
	run ax-cat --from-json tag.jsonl
	assert_status 2
	assert_contains "$output" "unknown \$ tag"
	printf '{"t":"a","t":"b"}\n' > dup.jsonl
	run ax-cat --from-json dup.jsonl
	assert_status 2
	printf '{"t":"a","x":{"$str":"@@@@"}}\n' > b64.jsonl
	run ax-cat --from-json b64.jsonl
	assert_status 2
	assert_contains "$output" "invalid base64"
}

@test "records before a bad JSON line are still written" {
	printf '{"t":"a"}\n{"t":"b"}\nnope\n' > bad.jsonl
	run sh -c 'ax-cat --from-json bad.jsonl > out.ax'
	assert_status 2
	run ax-cat out.ax
	[ "${#lines[@]}" -eq 2 ]
}

@test "a closed stdout ends quietly with status 0" {
	for i in $(seq 1 20000); do printf '{"t":"file","path":"f%d"}\n' "$i"; done | ax-cat -j > big.ax
	run bash -c 'set -o pipefail; ax-cat big.ax | head -n 1'
	assert_status 0
	[ "$output" = '{"t":"file","path":"f1"}' ]
	run bash -c 'set -o pipefail; ax-cat -j < <(ax-cat big.ax) | head -c 10 > /dev/null'
	assert_status 0
}

@test "usage: --help, --version, unknown options, missing files" {
	run ax-cat --help
	assert_status 0
	assert_contains "$output" "usage: ax-cat"
	run ax-cat --version
	assert_status 0
	assert_contains "$output" "ax-cat "
	run ax-cat --frobnicate
	assert_status 2
	assert_contains "$output" "ax-cat: unknown option or missing value: '--frobnicate'"
	run ax-cat --type
	assert_status 2
	run ax-cat no-such-file
	assert_status 2
	assert_contains "$output" "ax-cat: cannot open no-such-file: No such file or directory"
}

@test "an empty input is an empty stream" {
	run ax-cat /dev/null
	assert_status 0
	[ -z "$output" ]
	: > empty.jsonl
	ax-cat -j empty.jsonl > empty.ax
	[ ! -s empty.ax ]
}
