#!/usr/bin/env bats
# ax-parse: the engine (order, limits, bad input), then one golden test per
# fixture under tests/fixtures/parse/<lang>/ (see golden() below).

load helpers

FIX=$AX_ROOT/tests/fixtures/parse

# file_rec PATH LANG: one file record as JSON.
file_rec() {
	printf '{"t":"file","path":"%s","lang":"%s","size":0,"mtime":0,"hash":"0123456789abcdef"}\n' "$1" "$2"
}

# parse_json [ax-parse args] < JSON Lines: ax-parse's output as JSON Lines.
parse_json() {
	ax-cat --from-json | ax-parse "$@" | ax-cat
}

# golden LANG FILE: parse tests/fixtures/parse/LANG/FILE and compare with
# FILE's .expected (written by hand; format in tests/fixtures/parse/README).
golden() {
	local lang=$1 file=$2 exp actual
	exp=$FIX/$lang/${file%.*}.expected
	actual=$( {
		printf '{"t":"hdr","v":1,"tool":"test","root":"%s"}\n' "$FIX/$lang"
		file_rec "$file" "$lang"
	} | parse_json -j1 | jq -r -f "$FIX/golden.jq")
	# Symbols and imports must match exactly and in order; references of
	# each kind the expected file lists too; sig/doc/errors lines must be there.
	local want got kind
	local kinds=("sym " "import ")
	for kind in $(awk '$1 == "ref" { print $2 }' "$exp" | sort -u); do kinds+=("ref $kind "); done
	for kind in "${kinds[@]}"; do
		want=$(grep "^$kind" "$exp" || true)
		got=$(grep "^$kind" <<<"$actual" || true)
		if [ "$want" != "$got" ]; then
			echo "$file: $kind lines differ (- expected, + actual):" >&2
			diff <(echo "$want") <(echo "$got") >&2
			return 1
		fi
	done
	while IFS= read -r line; do
		case "$line" in
		sig\ *|doc\ *|errors\ [0-9]*|minified\ *|generated\ *)
			grep -qxF -- "$line" <<<"$actual" || {
				echo "$file: missing: $line" >&2
				grep "^${line%% *} " <<<"$actual" >&2
				return 1
			} ;;
		"errors some")
			grep -qx 'errors [1-9][0-9]*' <<<"$actual" || {
				echo "$file: expected parse errors" >&2; return 1; } ;;
		esac
	done < "$exp"
}

@test "parse: --help, --version, bad options" {
	run ax-parse --help
	assert_status 0
	assert_contains "$output" "usage: ax-parse"
	run ax-parse --version
	assert_status 0
	assert_contains "$output" "ax-parse"
	run ax-parse --bogus
	assert_status 2
	run ax-parse -j 0
	assert_status 2
	run ax-parse --max-size 12Q
	assert_status 2
	run ax-parse extra-arg
	assert_status 2
}

@test "parse: every language's queries compile" {
	run ax-parse --check-queries
	assert_status 0
	[ "$output" = "20 languages: queries compile" ]
}

@test "parse: own hdr first, other records pass through unchanged and in place" {
	echo 'x = 1' > a.py
	{
		printf '{"t":"hdr","v":1,"tool":"ax-scan","root":"%s"}\n' "$WORK"
		printf '{"t":"future","n":42,"list":[1,2]}\n'
		file_rec a.py python
		printf '{"t":"err","path":"b.py","stage":"scan","code":"x","msg":"m"}\n'
		printf '{"t":"end","files":2,"complete":true}\n'
	} > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse | ax-cat | jq -c '{t,tool,n,path}'"
	assert_status 0
	[ "${lines[0]}" = '{"t":"hdr","tool":"ax-parse","n":null,"path":null}' ]
	[ "${lines[1]}" = '{"t":"hdr","tool":"ax-scan","n":null,"path":null}' ]
	[ "${lines[2]}" = '{"t":"future","tool":null,"n":42,"path":null}' ]
	[ "${lines[3]}" = '{"t":"parsed","tool":null,"n":null,"path":"a.py"}' ]
	[ "${lines[4]}" = '{"t":"err","tool":null,"n":null,"path":"b.py"}' ]
	[ "${lines[5]}" = '{"t":"end","tool":null,"n":null,"path":null}' ]
	[ "${#lines[@]}" -eq 6 ]
	# The passed-through records are byte for byte the input ones.
	ax-cat --from-json < in.jsonl > in.ax
	ax-parse < in.ax > out.ax
	ax-cat --from-json <<<'{"t":"future","n":42,"list":[1,2]}' > future.ax
	grep -qF "$(cat future.ax)" out.ax
}

@test "parse: a call through a receiver carries it as recv, a bare call none" {
	printf 'def go(send_kwargs):\n    send_kwargs.update(x)\n    Engine().run()\n    f()\n' > m.py
	run bash -c "printf '{\"t\":\"file\",\"path\":\"m.py\",\"lang\":\"python\",\"size\":0,\"mtime\":0,\"hash\":\"0123456789abcdef\"}\n' | ax-cat --from-json | ax-parse | ax-cat | jq -c 'select(.t==\"parsed\") | [.refs[] | select(.kind == \"call\") | [.name, .recv]]'"
	assert_status 0
	[ "$output" = '[["update","send_kwargs"],["Engine",null],["run","Engine()"],["f",null]]' ]
}

@test "parse: parsed record keys, hash copied, positions 1-based lines and 0-based columns" {
	printf 'import os\n\ndef  go(a):\n    return run(a)\n' > m.py
	run bash -c "file_rec() { printf '{\"t\":\"file\",\"path\":\"%s\",\"lang\":\"%s\",\"size\":0,\"mtime\":0,\"hash\":\"0123456789abcdef\"}\n' \$1 \$2; }; file_rec m.py python | ax-cat --from-json | ax-parse | ax-cat | jq -c 'select(.t==\"parsed\") | [keys, .hash, .syms[0], .imports, .refs]'"
	assert_status 0
	[ "$output" = '[["errors","generated","hash","imports","lang","minified","mtime","path","refs","size","syms","t","truncated"],"0123456789abcdef",{"name":"go","kind":"function","line":3,"col":5,"eline":4,"ecol":17,"parent":-1,"sig":"def go(a)","doc":""},[{"raw":"os","kind":"import","line":1}],[{"name":"os","kind":"import","line":1,"col":7},{"name":"run","kind":"call","line":4,"col":11}]]' ]
}

@test "parse: paths resolve against the last hdr root, else the current directory" {
	mkdir -p r1 r2
	echo 'def one(): pass' > r1/x.py
	echo 'def two(): pass' > r2/x.py
	echo 'def here(): pass' > x.py
	{
		file_rec x.py python
		printf '{"t":"hdr","v":1,"tool":"t","root":"%s/r1"}\n' "$WORK"
		file_rec x.py python
		printf '{"t":"hdr","v":1,"tool":"t","root":"%s/r2"}\n' "$WORK"
		file_rec x.py python
	} > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse | ax-cat | jq -r 'select(.t==\"parsed\") | .syms[0].name'"
	assert_status 0
	[ "$output" = "$(printf 'here\none\ntwo')" ]
}

@test "parse: a missing file becomes an err record and the stream goes on" {
	echo 'def ok(): pass' > ok.py
	{ file_rec gone.py python; file_rec ok.py python; } > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse | ax-cat | jq -c 'select(.t!=\"hdr\") | [.t, .path, .stage, .code]'"
	assert_status 0
	[ "${lines[0]}" = '["err","gone.py","parse","read"]' ]
	[ "${lines[1]}" = '["parsed","ok.py",null,null]' ]
}

@test "parse: files over --max-size are errors; suffixes K/M/G" {
	head -c 3000 /dev/zero | tr '\0' '\n' > big.py
	file_rec big.py python > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse --max-size 2K | ax-cat | jq -r 'select(.t==\"err\") | .code'"
	[ "$output" = too_large ]
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse --max-size 3K | ax-cat | jq -r 'select(.t==\"parsed\") | .path'"
	[ "$output" = big.py ]
}

@test "parse: a parse past --timeout-ms is an err record; the next file parses normally" {
	python3 -c "print('x = [' + '1, ' * 3000000 + ']')" > slow.py
	printf 'def after(): pass\n' > after.py
	{ file_rec slow.py python; file_rec after.py python; } > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse -j1 --parse-minified --timeout-ms 50 | ax-cat | jq -c 'select(.t!=\"hdr\") | [.t, .code, .syms[0].name, .errors]'"
	assert_status 0
	[ "${lines[0]}" = '["err","timeout",null,null]' ]
	[ "${lines[1]}" = '["parsed",null,"after",0]' ]
}

@test "parse: binary garbage labelled as a language parses with errors" {
	head -c 100000 /dev/urandom > junk.rb
	file_rec junk.rb ruby > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse --parse-minified | ax-cat | jq -c 'select(.t==\"parsed\") | .errors > 0'"
	assert_status 0
	[ "$output" = true ]
}

@test "parse: a 50 MB one-line minified file is flagged, fast and small" {
	python3 -c "open('bundle.min.js','w').write('var a=function(b){return b+1};' * 1700000)"
	file_rec bundle.min.js javascript > in.jsonl
	ax-cat --from-json < in.jsonl > in.ax
	run bash -c "/usr/bin/time -f '%M' ax-parse --max-size 64M < in.ax 2> mem.txt | ax-cat | jq -c 'select(.t==\"parsed\") | [.minified, (.syms|length), .errors]'"
	assert_status 0
	[ "$output" = '[true,0,0]' ]
	# The file itself is 50 MB; nothing beyond it may pile up (ASan's
	# shadow memory and redzones roughly triple a sanitized build's RSS).
	local limit=120000
	case $AX_BIN in */san/*) limit=200000 ;; esac
	[ "$(tail -1 mem.txt)" -lt "$limit" ]
	# Without --max-size it is simply too large.
	run bash -c "ax-parse < in.ax | ax-cat | jq -r 'select(.t==\"err\") | .code'"
	[ "$output" = too_large ]
}

@test "parse: stored text is capped even when a minified file is parsed" {
	python3 -c "open('long.js','w').write('function f(' + ', '.join('a%d' % i for i in range(5000)) + ') {}\n')"
	file_rec long.js javascript > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse --parse-minified | ax-cat | jq -r 'select(.t==\"parsed\") | .syms[0] | [.name, (.sig|length <= 200), (.sig|endswith(\"...\"))] | @tsv'"
	assert_status 0
	[ "$output" = "$(printf 'f\ttrue\ttrue')" ]
}

@test "parse: deeply nested input does not overflow the stack" {
	python3 -c "print('[' * 300000 + ']' * 300000)" > deep.json
	python3 -c "print('x = ' + '(' * 100000 + '1' + ')' * 100000)" > deep.py
	python3 -c "print('{\"a\":' * 50000 + '1' + '}' * 50000)" > keys.json
	{ file_rec deep.json json; file_rec deep.py python; file_rec keys.json json; } > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse --parse-minified | ax-cat | jq -c 'select(.t==\"parsed\") | [.path, .errors, (.syms|length), .truncated]'"
	assert_status 0
	[ "${lines[0]}" = '["deep.json",0,0,false]' ]
	[ "${lines[1]}" = '["deep.py",0,1,false]' ]
	# 50000 nested keys: a path is capped at 200 bytes, so the 100 paths
	# that fit and one capped "a.a.a...a..." for all deeper ones.
	[ "${lines[2]}" = '["keys.json",0,101,false]' ]
}

@test "parse: config keys are capped at 2000 paths a file, and say so" {
	python3 -c "import json; print(json.dumps({'k%d' % i: i for i in range(3000)}, indent=1))" > many.json
	python3 -c "import json; print(json.dumps({'k%d' % i: i for i in range(1500)}, indent=1))" > some.json
	{ file_rec many.json json; file_rec some.json json; } > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse | ax-cat | jq -c 'select(.t==\"parsed\") | [(.syms|length), .truncated, .syms[-1].name]'"
	assert_status 0
	[ "${lines[0]}" = '[2000,true,"k1999"]' ]
	[ "${lines[1]}" = '[1500,false,"k1499"]' ]
}

@test "parse: invalid UTF-8 comes out as valid UTF-8" {
	printf 'def f\xff\xfe(x):\n    """Caf\xc3 \x80 doc."""\n    pass\nclass \xe2\x82(object): pass\n' > bad.py
	file_rec bad.py python > in.jsonl
	ax-cat --from-json < in.jsonl | ax-parse | ax-cat > out.jsonl
	iconv -f UTF-8 -t UTF-8 out.jsonl > /dev/null
	run jq -r 'select(.t=="parsed") | .syms[0].doc' out.jsonl
	[ "$output" = "Caf� � doc." ]
}

@test "parse: a language without a grammar still gets a parsed record" {
	echo '# title' > README.md
	file_rec README.md markdown > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse | ax-cat | jq -c 'select(.t==\"parsed\") | [.lang, .syms, .imports, .refs]'"
	assert_status 0
	[ "$output" = '["markdown",[],[],[]]' ]
}

@test "parse: a malformed stream ends with status 2 after the records before it" {
	echo 'def a(): pass' > a.py
	file_rec a.py python | ax-cat --from-json > in.ax
	printf '\xc1garbage' >> in.ax
	run bash -c "ax-parse < in.ax 2> err.txt | ax-cat | jq -r .t; exit \${PIPESTATUS[0]}"
	assert_status 2
	[ "$output" = "$(printf 'hdr\nparsed')" ]
	grep -q '^ax-parse: ' err.txt
}

@test "parse: a closed stdout ends ax-parse quietly" {
	for i in $(seq 1 300); do echo "def f$i(): pass" > "f$i.py"; file_rec "f$i.py" python; done > in.jsonl
	ax-cat --from-json < in.jsonl > in.ax
	run bash -c "ax-parse -j2 < in.ax 2> err.txt | head -c 100 > /dev/null; exit \${PIPESTATUS[0]}"
	assert_status 0
	[ ! -s err.txt ]
}

# A large mixed stream: every fixture, many times, under several names.
big_stream() {
	local n=0
	printf '{"t":"hdr","v":1,"tool":"test","root":"%s"}\n' "$FIX"
	for round in $(seq 1 "$1"); do
		for f in "$FIX"/*/*; do
			case "$f" in *.expected) continue ;; esac
			lang=$(basename "$(dirname "$f")")
			file_rec "$lang/$(basename "$f")" "$lang"
			n=$((n + 1))
		done
		printf '{"t":"note","round":%d}\n' "$round"
	done
	printf '{"t":"end","files":%d,"complete":true}\n' "$n"
}

@test "parse: -j4 output equals -j1 output byte for byte on a large stream" {
	big_stream 12 | ax-cat --from-json > in.ax
	[ "$(ax-cat < in.ax | wc -l)" -gt 3000 ]
	ax-parse -j1 < in.ax > j1.ax
	ax-parse -j4 < in.ax > j4.ax
	ax-parse -j3 < in.ax > j3.ax
	cmp j1.ax j4.ax
	cmp j1.ax j3.ax
}

@test "parse: --unordered writes the same records, passed-through ones in place" {
	big_stream 4 | ax-cat --from-json > in.ax
	ax-parse -j1 < in.ax | ax-cat > ordered.jsonl
	ax-parse -j4 --unordered < in.ax | ax-cat > unordered.jsonl
	cmp <(sort ordered.jsonl) <(sort unordered.jsonl)
	# Records that are not files keep their position among the others.
	diff <(grep -n -v '"t":"parsed"' ordered.jsonl | cut -d: -f1) \
	     <(grep -n -v '"t":"parsed"' unordered.jsonl | cut -d: -f1)
}

@test "parse: a file deleted between scan and parse is an err record" {
	echo 'def a(): pass' > a.py
	file_rec a.py python | ax-cat --from-json > in.ax
	rm a.py
	run bash -c "ax-parse < in.ax | ax-cat | jq -c 'select(.t==\"err\") | [.path, .code]'"
	assert_status 0
	[ "$output" = '["a.py","read"]' ]
}

@test "parse: a syntax error still yields what parsed, with an error count" {
	printf 'def good():\n    pass\n\ndef broken(:\n\nclass Kept:\n    pass\n' > e.py
	file_rec e.py python > in.jsonl
	run bash -c "ax-cat --from-json < in.jsonl | ax-parse | ax-cat | jq -c 'select(.t==\"parsed\") | [(.errors > 0), [.syms[].name]]'"
	assert_status 0
	[ "$output" = '[true,["good","broken","Kept"]]' ]
}

# Golden tests: one per fixture (tests/fixtures/parse/README).
@test "parse golden: c broken.c" { golden c broken.c; }
@test "parse golden: c declarators.c" { golden c declarators.c; }
@test "parse golden: c doc_comments.c" { golden c doc_comments.c; }
@test "parse golden: c enums_unions.c" { golden c enums_unions.c; }
@test "parse golden: c function_pointers.c" { golden c function_pointers.c; }
@test "parse golden: c globals.c" { golden c globals.c; }
@test "parse golden: c header.h" { golden c header.h; }
@test "parse golden: c kr.c" { golden c kr.c; }
@test "parse golden: c list.c" { golden c list.c; }
@test "parse golden: c macros.c" { golden c macros.c; }
@test "parse golden: c pointer_returns.c" { golden c pointer_returns.c; }
@test "parse golden: c preprocessor.c" { golden c preprocessor.c; }
@test "parse golden: c typedefs.c" { golden c typedefs.c; }
@test "parse golden: c values.c" { golden c values.c; }
@test "parse golden: cpp broken.cpp" { golden cpp broken.cpp; }
@test "parse golden: cpp enum_class.cpp" { golden cpp enum_class.cpp; }
@test "parse golden: cpp free_functions.cpp" { golden cpp free_functions.cpp; }
@test "parse golden: cpp header.hpp" { golden cpp header.hpp; }
@test "parse golden: cpp inheritance.cpp" { golden cpp inheritance.cpp; }
@test "parse golden: cpp macro_calls.cpp" { golden cpp macro_calls.cpp; }
@test "parse golden: cpp macro_specifiers.hpp" { golden cpp macro_specifiers.hpp; }
@test "parse golden: cpp module_unit.cpp" { golden cpp module_unit.cpp; }
@test "parse golden: cpp modules.cpp" { golden cpp modules.cpp; }
@test "parse golden: cpp nested_blocks.cpp" { golden cpp nested_blocks.cpp; }
@test "parse golden: cpp nested_namespaces.cpp" { golden cpp nested_namespaces.cpp; }
@test "parse golden: cpp operators.cpp" { golden cpp operators.cpp; }
@test "parse golden: cpp out_of_class.cpp" { golden cpp out_of_class.cpp; }
@test "parse golden: cpp templates.cpp" { golden cpp templates.cpp; }
@test "parse golden: cpp using.cpp" { golden cpp using.cpp; }
@test "parse golden: cpp values.cpp" { golden cpp values.cpp; }
@test "parse golden: cpp variables.cpp" { golden cpp variables.cpp; }
@test "parse golden: cpp widget.cpp" { golden cpp widget.cpp; }
@test "parse golden: csharp broken.cs" { golden csharp broken.cs; }
@test "parse golden: csharp calls.cs" { golden csharp calls.cs; }
@test "parse golden: csharp controller.cs" { golden csharp controller.cs; }
@test "parse golden: csharp delegates.cs" { golden csharp delegates.cs; }
@test "parse golden: csharp designer.cs" { golden csharp designer.cs; }
@test "parse golden: csharp enums_structs.cs" { golden csharp enums_structs.cs; }
@test "parse golden: csharp file_scoped.cs" { golden csharp file_scoped.cs; }
@test "parse golden: csharp interfaces.cs" { golden csharp interfaces.cs; }
@test "parse golden: csharp members.cs" { golden csharp members.cs; }
@test "parse golden: csharp nested_types.cs" { golden csharp nested_types.cs; }
@test "parse golden: csharp properties.cs" { golden csharp properties.cs; }
@test "parse golden: csharp usings.cs" { golden csharp usings.cs; }
@test "parse golden: csharp values.cs" { golden csharp values.cs; }
@test "parse golden: dart abstract_class.dart" { golden dart abstract_class.dart; }
@test "parse golden: dart annotations.dart" { golden dart annotations.dart; }
@test "parse golden: dart async_stream.dart" { golden dart async_stream.dart; }
@test "parse golden: dart broken.dart" { golden dart broken.dart; }
@test "parse golden: dart calls.dart" { golden dart calls.dart; }
@test "parse golden: dart constructors.dart" { golden dart constructors.dart; }
@test "parse golden: dart dart3_records.dart" { golden dart dart3_records.dart; }
@test "parse golden: dart doc_comments.dart" { golden dart doc_comments.dart; }
@test "parse golden: dart enums.dart" { golden dart enums.dart; }
@test "parse golden: dart extensions.dart" { golden dart extensions.dart; }
@test "parse golden: dart flutter_widget.dart" { golden dart flutter_widget.dart; }
@test "parse golden: dart generics.dart" { golden dart generics.dart; }
@test "parse golden: dart getters_setters.dart" { golden dart getters_setters.dart; }
@test "parse golden: dart imports.dart" { golden dart imports.dart; }
@test "parse golden: dart library.dart" { golden dart library.dart; }
@test "parse golden: dart mixins.dart" { golden dart mixins.dart; }
@test "parse golden: dart operators.dart" { golden dart operators.dart; }
@test "parse golden: dart part_of.dart" { golden dart part_of.dart; }
@test "parse golden: dart static_members.dart" { golden dart static_members.dart; }
@test "parse golden: dart top_level.dart" { golden dart top_level.dart; }
@test "parse golden: dart typedefs.dart" { golden dart typedefs.dart; }
@test "parse golden: dart values.dart" { golden dart values.dart; }
@test "parse golden: elixir broken.ex" { golden elixir broken.ex; }
@test "parse golden: elixir callbacks.ex" { golden elixir callbacks.ex; }
@test "parse golden: elixir comments_doc.ex" { golden elixir comments_doc.ex; }
@test "parse golden: elixir def_forms.ex" { golden elixir def_forms.ex; }
@test "parse golden: elixir defmodule_nested.ex" { golden elixir defmodule_nested.ex; }
@test "parse golden: elixir defp_private.ex" { golden elixir defp_private.ex; }
@test "parse golden: elixir defstruct.ex" { golden elixir defstruct.ex; }
@test "parse golden: elixir delegate.ex" { golden elixir delegate.ex; }
@test "parse golden: elixir exceptions.ex" { golden elixir exceptions.ex; }
@test "parse golden: elixir genserver.ex" { golden elixir genserver.ex; }
@test "parse golden: elixir imports.ex" { golden elixir imports.ex; }
@test "parse golden: elixir macros.ex" { golden elixir macros.ex; }
@test "parse golden: elixir mix_project.exs" { golden elixir mix_project.exs; }
@test "parse golden: elixir moduledoc.ex" { golden elixir moduledoc.ex; }
@test "parse golden: elixir multi_alias.ex" { golden elixir multi_alias.ex; }
@test "parse golden: elixir operators.ex" { golden elixir operators.ex; }
@test "parse golden: elixir phoenix_controller.ex" { golden elixir phoenix_controller.ex; }
@test "parse golden: elixir protocol.ex" { golden elixir protocol.ex; }
@test "parse golden: elixir records.ex" { golden elixir records.ex; }
@test "parse golden: elixir remote_calls.ex" { golden elixir remote_calls.ex; }
@test "parse golden: elixir script.exs" { golden elixir script.exs; }
@test "parse golden: elixir test_case.exs" { golden elixir test_case.exs; }
@test "parse golden: elixir types.ex" { golden elixir types.ex; }
@test "parse golden: elixir values.ex" { golden elixir values.ex; }
@test "parse golden: go broken.go" { golden go broken.go; }
@test "parse golden: go const_groups.go" { golden go const_groups.go; }
@test "parse golden: go consts_vars.go" { golden go consts_vars.go; }
@test "parse golden: go embedded.go" { golden go embedded.go; }
@test "parse golden: go generated.go" { golden go generated.go; }
@test "parse golden: go generics.go" { golden go generics.go; }
@test "parse golden: go http_server.go" { golden go http_server.go; }
@test "parse golden: go imports.go" { golden go imports.go; }
@test "parse golden: go interfaces.go" { golden go interfaces.go; }
@test "parse golden: go methods.go" { golden go methods.go; }
@test "parse golden: go test_file_test.go" { golden go test_file_test.go; }
@test "parse golden: go types.go" { golden go types.go; }
@test "parse golden: go values.go" { golden go values.go; }
@test "parse golden: go locals.go" { golden go locals.go; }
@test "parse golden: java annotation_type.java" { golden java annotation_type.java; }
@test "parse golden: java anonymous.java" { golden java anonymous.java; }
@test "parse golden: java broken.java" { golden java broken.java; }
@test "parse golden: java calls.java" { golden java calls.java; }
@test "parse golden: java enums.java" { golden java enums.java; }
@test "parse golden: java generics.java" { golden java generics.java; }
@test "parse golden: java interfaces.java" { golden java interfaces.java; }
@test "parse golden: java nested.java" { golden java nested.java; }
@test "parse golden: java records.java" { golden java records.java; }
@test "parse golden: java spring_controller.java" { golden java spring_controller.java; }
@test "parse golden: java static_imports.java" { golden java static_imports.java; }
@test "parse golden: java values.java" { golden java values.java; }
@test "parse golden: java locals.java" { golden java locals.java; }
@test "parse golden: javascript arrow_functions.js" { golden javascript arrow_functions.js; }
@test "parse golden: javascript broken.js" { golden javascript broken.js; }
@test "parse golden: javascript classes.js" { golden javascript classes.js; }
@test "parse golden: javascript commonjs_exports.cjs" { golden javascript commonjs_exports.cjs; }
@test "parse golden: javascript component.jsx" { golden javascript component.jsx; }
@test "parse golden: javascript dynamic_import.js" { golden javascript dynamic_import.js; }
@test "parse golden: javascript es_modules.mjs" { golden javascript es_modules.mjs; }
@test "parse golden: javascript express_app.js" { golden javascript express_app.js; }
@test "parse golden: javascript generators.js" { golden javascript generators.js; }
@test "parse golden: javascript iife_bundle.js" { golden javascript iife_bundle.js; }
@test "parse golden: javascript uses.js" { golden javascript uses.js; }
@test "parse golden: javascript express_methods.js" { golden javascript express_methods.js; }
@test "parse golden: javascript member_functions.js" { golden javascript member_functions.js; }
@test "parse golden: javascript object_members.js" { golden javascript object_members.js; }
@test "parse golden: javascript toplevel_vars.js" { golden javascript toplevel_vars.js; }
@test "parse golden: javascript named_callbacks.js" { golden javascript named_callbacks.js; }
@test "parse golden: javascript locals.js" { golden javascript locals.js; }
@test "parse golden: json array_of_objects.json" { golden json array_of_objects.json; }
@test "parse golden: json big_minified.json" { golden json big_minified.json; }
@test "parse golden: json broken.json" { golden json broken.json; }
@test "parse golden: json composer.json" { golden json composer.json; }
@test "parse golden: json deep_arrays.json" { golden json deep_arrays.json; }
@test "parse golden: json dotted_keys.json" { golden json dotted_keys.json; }
@test "parse golden: json empty_object.json" { golden json empty_object.json; }
@test "parse golden: json escaped_keys.json" { golden json escaped_keys.json; }
@test "parse golden: json eslintrc.json" { golden json eslintrc.json; }
@test "parse golden: json form_feed.json" { golden json form_feed.json; }
@test "parse golden: json geojson.json" { golden json geojson.json; }
@test "parse golden: json manifest.webmanifest" { golden json manifest.webmanifest; }
@test "parse golden: json minified.json" { golden json minified.json; }
@test "parse golden: json nested.json" { golden json nested.json; }
@test "parse golden: json numbers_keys.json" { golden json numbers_keys.json; }
@test "parse golden: json package.json" { golden json package.json; }
@test "parse golden: json scalars.json" { golden json scalars.json; }
@test "parse golden: json truncated.json" { golden json truncated.json; }
@test "parse golden: json tsconfig.json" { golden json tsconfig.json; }
@test "parse golden: json unicode.json" { golden json unicode.json; }
@test "parse golden: json vscode_settings.json" { golden json vscode_settings.json; }
@test "parse golden: kotlin android_activity.kt" { golden kotlin android_activity.kt; }
@test "parse golden: kotlin broken.kt" { golden kotlin broken.kt; }
@test "parse golden: kotlin build.gradle.kts" { golden kotlin build.gradle.kts; }
@test "parse golden: kotlin data_classes.kt" { golden kotlin data_classes.kt; }
@test "parse golden: kotlin enums.kt" { golden kotlin enums.kt; }
@test "parse golden: kotlin extensions.kt" { golden kotlin extensions.kt; }
@test "parse golden: kotlin imports_alias.kt" { golden kotlin imports_alias.kt; }
@test "parse golden: kotlin interfaces.kt" { golden kotlin interfaces.kt; }
@test "parse golden: kotlin objects.kt" { golden kotlin objects.kt; }
@test "parse golden: kotlin properties.kt" { golden kotlin properties.kt; }
@test "parse golden: kotlin top_level.kt" { golden kotlin top_level.kt; }
@test "parse golden: kotlin values.kt" { golden kotlin values.kt; }
@test "parse golden: php attributes.php" { golden php attributes.php; }
@test "parse golden: php broken.php" { golden php broken.php; }
@test "parse golden: php enums.php" { golden php enums.php; }
@test "parse golden: php functions.php" { golden php functions.php; }
@test "parse golden: php globals.php" { golden php globals.php; }
@test "parse golden: php group_use.php" { golden php group_use.php; }
@test "parse golden: php includes.php" { golden php includes.php; }
@test "parse golden: php interfaces_traits.php" { golden php interfaces_traits.php; }
@test "parse golden: php laravel_controller.php" { golden php laravel_controller.php; }
@test "parse golden: php properties.php" { golden php properties.php; }
@test "parse golden: php template.php" { golden php template.php; }
@test "parse golden: php values.php" { golden php values.php; }
@test "parse golden: python async_funcs.py" { golden python async_funcs.py; }
@test "parse golden: python broken.py" { golden python broken.py; }
@test "parse golden: python classes.py" { golden python classes.py; }
@test "parse golden: python constants.py" { golden python constants.py; }
@test "parse golden: python decorators.py" { golden python decorators.py; }
@test "parse golden: python docstrings.py" { golden python docstrings.py; }
@test "parse golden: python flask_app.py" { golden python flask_app.py; }
@test "parse golden: python imports.py" { golden python imports.py; }
@test "parse golden: python nested_functions.py" { golden python nested_functions.py; }
@test "parse golden: python stub.pyi" { golden python stub.pyi; }
@test "parse golden: python star_imports.py" { golden python star_imports.py; }
@test "parse golden: python type_hints.py" { golden python type_hints.py; }
@test "parse golden: python variables.py" { golden python variables.py; }
@test "parse golden: python uses.py" { golden python uses.py; }
@test "parse golden: python locals.py" { golden python locals.py; }
@test "parse golden: ruby Gemfile" { golden ruby Gemfile; }
@test "parse golden: ruby aliases.rb" { golden ruby aliases.rb; }
@test "parse golden: ruby attrs.rb" { golden ruby attrs.rb; }
@test "parse golden: ruby broken.rb" { golden ruby broken.rb; }
@test "parse golden: ruby constants.rb" { golden ruby constants.rb; }
@test "parse golden: ruby methods.rb" { golden ruby methods.rb; }
@test "parse golden: ruby modules.rb" { golden ruby modules.rb; }
@test "parse golden: ruby rails_model.rb" { golden ruby rails_model.rb; }
@test "parse golden: ruby rakefile.rake" { golden ruby rakefile.rake; }
@test "parse golden: ruby scoped_class.rb" { golden ruby scoped_class.rb; }
@test "parse golden: ruby singleton.rb" { golden ruby singleton.rb; }
@test "parse golden: ruby values.rb" { golden ruby values.rb; }
@test "parse golden: ruby locals.rb" { golden ruby locals.rb; }
@test "parse golden: rust async_fn.rs" { golden rust async_fn.rs; }
@test "parse golden: rust broken.rs" { golden rust broken.rs; }
@test "parse golden: rust consts_statics.rs" { golden rust consts_statics.rs; }
@test "parse golden: rust enums.rs" { golden rust enums.rs; }
@test "parse golden: rust generics.rs" { golden rust generics.rs; }
@test "parse golden: rust impls.rs" { golden rust impls.rs; }
@test "parse golden: rust lib.rs" { golden rust lib.rs; }
@test "parse golden: rust macros.rs" { golden rust macros.rs; }
@test "parse golden: rust tests_mod.rs" { golden rust tests_mod.rs; }
@test "parse golden: rust traits.rs" { golden rust traits.rs; }
@test "parse golden: rust uses.rs" { golden rust uses.rs; }
@test "parse golden: rust path_mod.rs" { golden rust path_mod.rs; }
@test "parse golden: rust values.rs" { golden rust values.rs; }
@test "parse golden: rust locals.rs" { golden rust locals.rs; }
@test "parse golden: scala annotations.scala" { golden scala annotations.scala; }
@test "parse golden: scala aux_constructor.scala" { golden scala aux_constructor.scala; }
@test "parse golden: scala broken.scala" { golden scala broken.scala; }
@test "parse golden: scala case_class.scala" { golden scala case_class.scala; }
@test "parse golden: scala class_params.scala" { golden scala class_params.scala; }
@test "parse golden: scala companion.scala" { golden scala companion.scala; }
@test "parse golden: scala enum3.scala" { golden scala enum3.scala; }
@test "parse golden: scala extension.scala" { golden scala extension.scala; }
@test "parse golden: scala given.scala" { golden scala given.scala; }
@test "parse golden: scala implicit_class.scala" { golden scala implicit_class.scala; }
@test "parse golden: scala imports.scala" { golden scala imports.scala; }
@test "parse golden: scala nested.scala" { golden scala nested.scala; }
@test "parse golden: scala object_app.scala" { golden scala object_app.scala; }
@test "parse golden: scala package_object.scala" { golden scala package_object.scala; }
@test "parse golden: scala refs.scala" { golden scala refs.scala; }
@test "parse golden: scala sbt_build.sbt" { golden scala sbt_build.sbt; }
@test "parse golden: scala scaladoc.scala" { golden scala scaladoc.scala; }
@test "parse golden: scala sealed_adt.scala" { golden scala sealed_adt.scala; }
@test "parse golden: scala spark_job.scala" { golden scala spark_job.scala; }
@test "parse golden: scala trait_abstract.scala" { golden scala trait_abstract.scala; }
@test "parse golden: scala type_members.scala" { golden scala type_members.scala; }
@test "parse golden: scala vals_vars.scala" { golden scala vals_vars.scala; }
@test "parse golden: scala values.scala" { golden scala values.scala; }
@test "parse golden: swift actors.swift" { golden swift actors.swift; }
@test "parse golden: swift broken.swift" { golden swift broken.swift; }
@test "parse golden: swift calls.swift" { golden swift calls.swift; }
@test "parse golden: swift classes.swift" { golden swift classes.swift; }
@test "parse golden: swift enums.swift" { golden swift enums.swift; }
@test "parse golden: swift functions.swift" { golden swift functions.swift; }
@test "parse golden: swift imports.swift" { golden swift imports.swift; }
@test "parse golden: swift members.swift" { golden swift members.swift; }
@test "parse golden: swift protocols.swift" { golden swift protocols.swift; }
@test "parse golden: swift swiftui_view.swift" { golden swift swiftui_view.swift; }
@test "parse golden: swift typealiases.swift" { golden swift typealiases.swift; }
@test "parse golden: swift values.swift" { golden swift values.swift; }
@test "parse golden: toml Cargo.lock" { golden toml Cargo.lock; }
@test "parse golden: toml array_tables.toml" { golden toml array_tables.toml; }
@test "parse golden: toml arrays.toml" { golden toml arrays.toml; }
@test "parse golden: toml broken.toml" { golden toml broken.toml; }
@test "parse golden: toml cargo.toml" { golden toml cargo.toml; }
@test "parse golden: toml comments.toml" { golden toml comments.toml; }
@test "parse golden: toml dates.toml" { golden toml dates.toml; }
@test "parse golden: toml dotted_keys.toml" { golden toml dotted_keys.toml; }
@test "parse golden: toml dotted_spacing.toml" { golden toml dotted_spacing.toml; }
@test "parse golden: toml empty.toml" { golden toml empty.toml; }
@test "parse golden: toml empty_table.toml" { golden toml empty_table.toml; }
@test "parse golden: toml inline_tables.toml" { golden toml inline_tables.toml; }
@test "parse golden: toml multiline_strings.toml" { golden toml multiline_strings.toml; }
@test "parse golden: toml nested_array_tables.toml" { golden toml nested_array_tables.toml; }
@test "parse golden: toml netlify.toml" { golden toml netlify.toml; }
@test "parse golden: toml poetry.toml" { golden toml poetry.toml; }
@test "parse golden: toml pyproject.toml" { golden toml pyproject.toml; }
@test "parse golden: toml quoted_keys.toml" { golden toml quoted_keys.toml; }
@test "parse golden: toml root_keys.toml" { golden toml root_keys.toml; }
@test "parse golden: toml unicode.toml" { golden toml unicode.toml; }
@test "parse golden: toml whitespace_headers.toml" { golden toml whitespace_headers.toml; }
@test "parse golden: tsx arrow_component.tsx" { golden tsx arrow_component.tsx; }
@test "parse golden: tsx broken.tsx" { golden tsx broken.tsx; }
@test "parse golden: tsx class_component.tsx" { golden tsx class_component.tsx; }
@test "parse golden: tsx component.tsx" { golden tsx component.tsx; }
@test "parse golden: tsx context.tsx" { golden tsx context.tsx; }
@test "parse golden: tsx enum_props.tsx" { golden tsx enum_props.tsx; }
@test "parse golden: tsx generic_component.tsx" { golden tsx generic_component.tsx; }
@test "parse golden: tsx hooks.tsx" { golden tsx hooks.tsx; }
@test "parse golden: tsx lazy_routes.tsx" { golden tsx lazy_routes.tsx; }
@test "parse golden: tsx namespace_decl.tsx" { golden tsx namespace_decl.tsx; }
@test "parse golden: typescript abstract.ts" { golden typescript abstract.ts; }
@test "parse golden: typescript broken.ts" { golden typescript broken.ts; }
@test "parse golden: typescript enums.ts" { golden typescript enums.ts; }
@test "parse golden: typescript generics.ts" { golden typescript generics.ts; }
@test "parse golden: typescript interfaces.ts" { golden typescript interfaces.ts; }
@test "parse golden: typescript members.ts" { golden typescript members.ts; }
@test "parse golden: typescript namespaces.ts" { golden typescript namespaces.ts; }
@test "parse golden: typescript overloads.ts" { golden typescript overloads.ts; }
@test "parse golden: typescript reexports.ts" { golden typescript reexports.ts; }
@test "parse golden: typescript service.ts" { golden typescript service.ts; }
@test "parse golden: typescript types.ts" { golden typescript types.ts; }
@test "parse golden: yaml anchors_values.yaml" { golden yaml anchors_values.yaml; }
@test "parse golden: yaml ansible_playbook.yml" { golden yaml ansible_playbook.yml; }
@test "parse golden: yaml block_scalars.yaml" { golden yaml block_scalars.yaml; }
@test "parse golden: yaml broken.yaml" { golden yaml broken.yaml; }
@test "parse golden: yaml comments.yaml" { golden yaml comments.yaml; }
@test "parse golden: yaml docker_compose.yaml" { golden yaml docker_compose.yaml; }
@test "parse golden: yaml empty.yaml" { golden yaml empty.yaml; }
@test "parse golden: yaml flow_mapping.yaml" { golden yaml flow_mapping.yaml; }
@test "parse golden: yaml github_actions.yml" { golden yaml github_actions.yml; }
@test "parse golden: yaml k8s_anchors.yaml" { golden yaml k8s_anchors.yaml; }
@test "parse golden: yaml long_paths.yaml" { golden yaml long_paths.yaml; }
@test "parse golden: yaml merge_keys.yaml" { golden yaml merge_keys.yaml; }
@test "parse golden: yaml multi_doc.yaml" { golden yaml multi_doc.yaml; }
@test "parse golden: yaml nested.yaml" { golden yaml nested.yaml; }
@test "parse golden: yaml nested_lists.yaml" { golden yaml nested_lists.yaml; }
@test "parse golden: yaml openapi.yaml" { golden yaml openapi.yaml; }
@test "parse golden: yaml quoted_keys.yaml" { golden yaml quoted_keys.yaml; }
@test "parse golden: yaml scalars_not_symbols.yaml" { golden yaml scalars_not_symbols.yaml; }
@test "parse golden: yaml simple.yaml" { golden yaml simple.yaml; }
@test "parse golden: yaml tags.yaml" { golden yaml tags.yaml; }
