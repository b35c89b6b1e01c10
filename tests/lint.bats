#!/usr/bin/env bats
# ax-lint: rule files, the example rules, output formats, exit codes, PATH
# filtering and parallel runs, on tests/fixtures/lint/repo indexed by the
# real pipeline.

load helpers

FIX=$AX_ROOT/tests/fixtures/lint
RULES=$AX_ROOT/examples/rules

# index: copy the fixture repository to $WORK/repo and index it there.
index() {
	cp -r "$FIX/repo" "$WORK/repo"
	cd "$WORK/repo"
	ax-scan . | ax-parse | ax-load -q
}

# rule NAME TEXT: write a rule file into $WORK/rules.
rule() {
	mkdir -p "$WORK/rules"
	printf '%s\n' "$2" > "$WORK/rules/$1"
}

@test "the example rules find exactly the hand-checked findings of the fixture" {
	index
	run ax-lint --rules "$RULES"
	assert_status 1
	diff -u "$FIX/expected.txt" <(printf '%s\n' "$output")
}

@test "each example rule fires on its fixture and not on the clean counterpart" {
	index
	run ax-lint --rules "$RULES/no-console-log.yml" --fail-on never
	assert_status 0
	[ "$(cut -d: -f1,2 <<< "$output" | tr '\n' ' ')" = "web/app.ts:2 web/debug.js:2 web/debug.js:4 web/view.tsx:2 " ]
	run ax-lint --rules "$RULES/python-bare-except.yml" py/clean.py
	assert_status 0
	[ -z "$output" ]
	run ax-lint --rules "$RULES/python-bare-except.yml" py/handlers.py
	assert_status 1
	[ "$(cut -d: -f1,2 <<< "$output" | tr '\n' ' ')" = "py/handlers.py:4 py/handlers.py:11 " ]
	# unwrap() in the library only: tests/, examples/, build.rs, main.rs, bin/ may.
	run ax-lint --rules "$RULES/rust-unwrap.yml" crate
	assert_status 0
	[ "$output" = "crate/src/lib.rs:3:15: warning: .unwrap() in library code: return the error, or expect() with a reason [rust-unwrap]" ]
	# TODO/FIXME with #N, ABC-N or a URL are fine; bare ones are not.
	run ax-lint --rules "$RULES/todo-issue.yml"
	assert_status 0
	[ "$(cut -d: -f1,2 <<< "$output" | tr '\n' ' ')" = "crate/src/lib.rs:1 notes/config.yaml:1 py/handlers.py:12 web/todo.ts:1 " ]
}

@test "the rules of the project come from .ax/rules beside the index, also from a subdirectory" {
	index
	mkdir .ax/rules
	cp "$RULES"/*.yml .ax/rules/
	run ax-lint
	assert_status 1
	diff -u "$FIX/expected.txt" <(printf '%s\n' "$output")
	# from a subdirectory: the same findings, paths relative to it
	cd web
	run ax-lint
	assert_status 1
	diff -u <(sed -e 's|^web/||; t; s|^|../|' "$FIX/expected.txt") <(printf '%s\n' "$output")
}

@test "no rules: a missing .ax/rules or an empty rules directory is exit 2" {
	index
	run ax-lint
	assert_status 2
	assert_contains "$output" "no rules: $WORK/repo/.ax/rules does not exist"
	mkdir "$WORK/empty"
	run ax-lint --rules "$WORK/empty"
	assert_status 2
	assert_contains "$output" "no rules in $WORK/empty"
}

@test "--json: one object per finding with positions, severity, rule and message" {
	index
	run ax-lint --rules "$RULES" --json
	assert_status 1
	[ "${#lines[@]}" -eq "$(wc -l < "$FIX/expected.txt")" ]
	first=$(jq -c 'select(.rule == "rust-unwrap")' <<< "$output")
	[ "$first" = '{"path":"crate/src/lib.rs","line":3,"col":15,"end_line":3,"end_col":21,"severity":"warning","rule":"rust-unwrap","message":".unwrap() in library code: return the error, or expect() with a reason","root":"'"$(cd "$WORK/repo" && pwd -P)"'"}' ]
	# The same findings, in the same order, as the text output.
	run ax-lint --rules "$RULES" --json
	diff <(jq -r '"\(.path):\(.line):\(.col): \(.severity): \(.message) [\(.rule)]"' <<< "$output") "$FIX/expected.txt"
}

@test "--sarif: a SARIF 2.1.0 log with the rules and the results" {
	index
	run ax-lint --rules "$RULES" --sarif
	assert_status 1
	[ "$(jq -r .version <<< "$output")" = 2.1.0 ]
	[ "$(jq -r '.runs | length' <<< "$output")" = 1 ]
	[ "$(jq -r '.runs[0].tool.driver.name' <<< "$output")" = ax-lint ]
	[ "$(jq -r '.runs[0].tool.driver.version' <<< "$output")" = "$(ax-lint --version | awk '{print $2}')" ]
	[ "$(jq -r '[.runs[0].tool.driver.rules[].id] | join(" ")' <<< "$output")" = "no-console-log python-bare-except rust-unwrap todo-issue" ]
	[ "$(jq -r '.runs[0].tool.driver.rules[1].defaultConfiguration.level' <<< "$output")" = error ]
	[ "$(jq -r '.runs[0].results | length' <<< "$output")" = "$(wc -l < "$FIX/expected.txt")" ]
	# Every result points at its rule, and has a relative URI under SRCROOT.
	[ "$(jq '[.runs[0] | .tool.driver.rules as $r | .results[] | select($r[.ruleIndex].id != .ruleId)] | length' <<< "$output")" = 0 ]
	[ "$(jq -r '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uriBaseId] | unique | join(" ")' <<< "$output")" = SRCROOT ]
	[ "$(jq -r '.runs[0].originalUriBaseIds.SRCROOT.uri' <<< "$output")" = "file://$WORK/repo/" ]
	r=$(jq -c '.runs[0].results[] | select(.ruleId == "python-bare-except") | [.level, .locations[0].physicalLocation.artifactLocation.uri, .locations[0].physicalLocation.region.startLine, .locations[0].physicalLocation.region.startColumn]' <<< "$output" | head -n 1)
	[ "$r" = '["error","py/handlers.py",4,5]' ]
}

@test "SARIF columns count code points, text columns bytes; URIs are escaped" {
	mkdir -p "$WORK/repo/my dir"
	cd "$WORK/repo"
	printf 'const s = "é"; console.log(s);\n' > "my dir/a.js"
	ax-scan . | ax-parse | ax-load -q
	run ax-lint --rules "$RULES/no-console-log.yml"
	[ "$output" = "my dir/a.js:1:17: warning: console.log left in the code [no-console-log]" ]
	run ax-lint --rules "$RULES/no-console-log.yml" --sarif
	[ "$(jq -c '.runs[0].results[0].locations[0].physicalLocation | [.artifactLocation.uri, .region.startColumn, .region.endColumn]' <<< "$output")" = '["my%20dir/a.js",16,30]' ]
}

@test "exit status: 0 for warnings and notes, 1 for an error finding, --fail-on moves the bar" {
	index
	run ax-lint --rules "$RULES/no-console-log.yml"
	assert_status 0
	[ -n "$output" ]
	run ax-lint --rules "$RULES/no-console-log.yml" --fail-on warning
	assert_status 1
	run ax-lint --rules "$RULES/todo-issue.yml" --fail-on warning
	assert_status 0
	run ax-lint --rules "$RULES/todo-issue.yml" --fail-on note
	assert_status 1
	run ax-lint --rules "$RULES" --fail-on never
	assert_status 0
	run ax-lint --rules "$RULES" --fail-on bogus
	assert_status 2
	assert_contains "$output" "--fail-on: expected error, warning, note or never"
}

@test "PATH arguments: directories and files, relative to the current directory" {
	index
	run ax-lint --rules "$RULES" web
	[ "$output" = "$(grep '^web/' "$FIX/expected.txt")" ]
	run ax-lint --rules "$RULES" web/debug.js py
	[ "$output" = "$(grep -E '^(web/debug.js|py/)' "$FIX/expected.txt")" ]
	cd crate/src
	run ax-lint --rules "$RULES" .
	[ "$output" = "$(grep '^crate/src/' "$FIX/expected.txt" | sed 's|^crate/src/||')" ]
	run ax-lint --rules "$RULES" ../../py/handlers.py
	[ "$output" = "$(grep '^py/handlers.py' "$FIX/expected.txt" | sed 's|^|../../|')" ]
	# A prefix is a whole path component: web/debug is not web/debug.js.
	run ax-lint --rules "$RULES" ../../web/debug
	assert_status 2
	assert_contains "$output" "../../web/debug: no indexed file there"
	run ax-lint --rules "$RULES" /
	assert_status 2
	assert_contains "$output" "/: outside the indexed tree $WORK/repo"
}

@test "-j1 and -j2 give the same output on many files" {
	mkdir -p "$WORK/repo"
	cd "$WORK/repo"
	for i in $(seq 1 120); do
		mkdir -p "d$((i % 7))" "d$((i % 5))"
		printf 'function f%d() {\n  console.log(%d);\n  // TODO %d\n}\n' "$i" "$i" "$i" > "d$((i % 7))/f$i.js"
		printf 'try:\n    x = %d\nexcept:\n    pass\n' "$i" > "d$((i % 5))/p$i.py"
	done
	ax-scan . | ax-parse | ax-load -q
	one=$(ax-lint --rules "$RULES" -j1 --json --fail-on never)
	two=$(ax-lint --rules "$RULES" -j2 --json --fail-on never)
	[ "$(wc -l <<< "$one")" -eq 360 ]
	[ "$one" = "$two" ]
	# Sorted by path, then line.
	[ "$(jq -r '"\(.path) \(.line)"' <<< "$one")" = "$(jq -r '"\(.path) \(.line)"' <<< "$one" | sort -k1,1 -k2,2n)" ]
}

@test "files deleted since indexing are skipped; changed files are read from disk" {
	index
	rm web/debug.js
	printf 'console.log(1);\n\nconsole.log(2);\n' > web/app.ts
	run ax-lint --rules "$RULES/no-console-log.yml" web
	assert_status 0
	[ "$output" = "$(printf '%s\n' 'web/app.ts:1:1: warning: console.log left in the code [no-console-log]' \
		'web/app.ts:3:1: warning: console.log left in the code [no-console-log]' \
		'web/view.tsx:2:3: warning: console.log left in the code [no-console-log]')" ]
}

@test "no index: a clear message and exit 2" {
	run ax-lint --rules "$RULES"
	assert_status 2
	[ "$output" = "ax-lint: no index here: run 'ax index'" ]
}

@test "a YAML syntax error names the file and line" {
	index
	rule bad.yml "$(printf 'id: x\nlanguages: [python\nmessage: m')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "ax-lint: $WORK/rules/bad.yml:3: "
	# A second document is not read past silently, broken or not.
	rule bad.yml "$(printf 'id: x\nlanguages: [python]\nmessage: m\nquery: "(call) @match"\n---\nid: [\n')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "ax-lint: $WORK/rules/bad.yml:7: "
	rule bad.yml "$(printf 'id: x\nlanguages: [python]\nmessage: m\nquery: "(call) @match"\n---\nid: y\n')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "ax-lint: $WORK/rules/bad.yml:6: more than one YAML document"
}

@test "a JSON syntax error names the file and line" {
	index
	rule bad.json "$(printf '{"id": "x",\n "languages": ["python"]\n "message": "m"}')"
	run ax-lint --rules "$WORK/rules/bad.json"
	assert_status 2
	assert_contains "$output" "ax-lint: $WORK/rules/bad.json:3: "
}

@test "a bad query: its line and column in the rule file" {
	index
	rule q.yml "$(printf 'id: x\nlanguages: [python]\nmessage: m\nquery: |\n  (call\n    function: (identifer) @match)')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	[ "$output" = "ax-lint: $WORK/rules/q.yml:6:16: rule 'x': bad query for python: unknown node type" ]
	rule q.yml "$(printf 'id: x\nlanguages: [python]\nmessage: m\nquery: "(call) @match (#frob? @match)"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	[ "$output" = "ax-lint: $WORK/rules/q.yml:4:23: rule 'x': bad query for python: unsupported or malformed predicate: frob?" ]
	# JSON keeps no positions of values: the position inside the query.
	rm "$WORK/rules/q.yml"
	rule q.json '{"id": "x", "languages": ["python"], "message": "m", "query": "(call (identifer) @match)"}'
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	[ "$output" = "ax-lint: $WORK/rules/q.json: rule 'x': bad query for python: line 1, column 7: unknown node type" ]
}

@test "unknown keys, languages, severities and ids are errors, not silently ignored" {
	index
	rule r.yml "$(printf 'id: x\nlanguages: [python]\nmesage: m\nquery: "(call) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:3: rule 'x': unknown key 'mesage'"
	rule r.yml "$(printf 'id: x\nlanguages:\n  - python\n  - pyhton\nmessage: m\nquery: "(call) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:4: rule 'x': unknown language 'pyhton' (known: typescript"
	rule r.yml "$(printf 'id: x\nlanguages: [python]\nseverity: fatal\nmessage: m\nquery: "(call) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:3: rule 'x': bad severity 'fatal'"
	rule r.yml "$(printf 'id: No_Caps\nlanguages: [python]\nmessage: m\nquery: "(call) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:1: bad id 'No_Caps'"
	rule r.yml "$(printf 'languages: [python]\nmessage: m\nquery: "(call) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:1: missing 'id'"
	rule r.yml "$(printf 'rules:\n  - id: a\n    languages: [python]\n    message: m\n    query: "(call) @match"\n  - id: a\n    languages: [python]\n    message: m\n    query: "(call) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:6: a second rule with the id 'a'"
	rule r.yml "$(printf 'id: x\nlanguages: [python]\nmessage: "{{nam}}"\nquery: "(call function: (identifier) @name) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:3: rule 'x': the message names {{nam}}, which the query for python does not capture"
}

@test "a rules: list, captures in messages, paths and exclude globs, queries per language" {
	index
	rule many.yaml "$(cat <<-'YAML'
	rules:
	  - id: py-call
	    languages: [py]
	    severity: note
	    message: "call of {{ name }}"
	    paths: [py/]
	    exclude: "clean.py"
	    query: |
	      (call function: (identifier) @name
	        (#eq? @name "open"))
	  - id: any-open
	    message: "{{fn}} here"
	    query:
	      python: '(call function: (identifier) @fn (#eq? @fn "open"))'
	      javascript: '(call_expression function: (identifier) @fn (#eq? @fn "fetch"))'
	YAML
	)"
	run ax-lint --rules "$WORK/rules"
	assert_status 0
	[ "$output" = "$(printf '%s\n' \
		'py/clean.py:3:16: warning: open here [any-open]' \
		'py/handlers.py:3:16: warning: open here [any-open]' \
		'py/handlers.py:3:16: note: call of open [py-call]' \
		'web/debug.js:3:10: warning: fetch here [any-open]')" ]
}

@test "--help, --version and bad options" {
	run ax-lint --help
	assert_status 0
	assert_contains "$output" "usage: ax-lint"
	run ax-lint --version
	assert_status 0
	assert_contains "$output" "ax-lint "
	run ax-lint --bogus
	assert_status 2
	run ax-lint -j 0
	assert_status 2
}

@test "a query per language must agree with 'languages'; 'rules' must be a list" {
	index
	rule r.yml "$(printf 'id: x\nlanguages: [python]\nmessage: m\nquery:\n  python: "(call) @match"\n  ruby: "(call) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:6: rule 'x': a query for ruby, which 'languages' does not list"
	rule r.yml "$(printf 'id: x\nlanguages: [python, ruby]\nmessage: m\nquery:\n  python: "(call) @match"')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:5: rule 'x': no query for ruby"
	rule r.yml "$(printf 'rules:\n  id: x')"
	run ax-lint --rules "$WORK/rules"
	assert_status 2
	assert_contains "$output" "r.yml:2: 'rules' must be a list of rules"
	run ax-lint --rules "$FIX/expected.txt"
	assert_status 2
	assert_contains "$output" "expected.txt: not a rule file"
}

@test "on a terminal, a summary of the counts follows on stderr; stdout stays the findings" {
	index
	run script -qec "ax-lint --rules '$RULES' web 2>&1 >/dev/null" /dev/null
	assert_status 0
	assert_contains "$output" "ax-lint: 0 errors, 4 warnings, 1 note in 5 files"
	rm web/app.ts
	run script -qec "ax-lint --rules '$RULES' web 2>&1 >/dev/null" /dev/null
	assert_contains "$output" "ax-lint: 0 errors, 3 warnings, 1 note in 4 files (1 indexed file gone: run 'ax index')"
	# Not a terminal: nothing on stderr.
	[ -z "$(ax-lint --rules "$RULES" web 2>&1 >/dev/null)" ]
}
