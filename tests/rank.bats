#!/usr/bin/env bats
# ax-rank: ranked symbol search, its query language and its output.

load helpers
bats_require_minimum_version 1.5.0

# The tests pin the reranked order; they must not depend on the flag files
# of whoever runs them (rank.rerank off is tested on its own below).
export AX_FLAG_RANK_RERANK=on

# The fixture index (tests/fixtures/rank/corpus.jsonl, written by hand).
index() {
	# --no-resolve: the fixture has no files on disk, and the tests put
	# the import edges in by hand where they matter.
	ax-cat --from-json < "$AX_ROOT/tests/fixtures/rank/corpus.jsonl" | ax-load -q --no-resolve --db idx.db
	export AX_DB=$WORK/idx.db
}

# The first column (path:line:col) of each line of the human output.
locs() { awk '{print $1}' <<< "$output"; }

@test "the defining file comes first for a widely referenced name; tests and vendor below" {
	index
	run ax-rank parseUrl
	assert_status 0
	[ "$(locs | head -n 1)" = "src/net/url.ts:10:1" ]
	# A source definition outranks the test's and the vendored copy's.
	src=$(locs | grep -n '^src/net/url.ts:10' | cut -d: -f1)
	tst=$(locs | grep -n '^tests/url.test.ts' | cut -d: -f1)
	ven=$(locs | grep -n '^vendor/lib/url.js' | cut -d: -f1)
	[ "$src" -lt "$tst" ] && [ "$src" -lt "$ven" ]
}

@test "importers of the defining file raise it (edges from ax-graph)" {
	index
	run ax-rank --json --explain parseUrl
	before=$(jq -r 'select(.path == "src/net/url.ts") | .factors.popular' <<< "$output")
	# What ax-graph records for src/app/use*.ts importing ../net/url.
	sqlite3 idx.db "INSERT OR IGNORE INTO edges(src_id, dst_id, import_id)
		SELECT i.file_id, t.id, i.id FROM imports i, files t WHERE t.path = 'src/net/url.ts'"
	run ax-rank --json --explain parseUrl
	after=$(jq -r 'select(.path == "src/net/url.ts") | .factors.popular' <<< "$output")
	awk -v a="$after" -v b="$before" 'BEGIN { exit !(a > b) }'
	[ "$(jq -r .path <<< "${lines[0]}")" = "src/net/url.ts" ]
}

@test "exact beats case-insensitive beats prefix beats fuzzy" {
	index
	run ax-rank --json -n 50 parseUrl
	assert_status 0
	pos() { jq -r .name <<< "$output" | grep -n -x -m1 "$1" | cut -d: -f1; }
	[ "$(pos parseUrl)" -lt "$(pos parseURL)" ]
	[ "$(pos parseURL)" -lt "$(pos parseUrlSafe)" ]
	run ax-rank --json -n 50 parse
	[ "$(jq -r .name <<< "${lines[0]}")" = parse ]
}

@test "acronyms find camelCase names: pU and PU find parseUrl" {
	index
	run ax-rank pU
	assert_status 0
	[ "$(locs | head -n 1)" = "src/net/url.ts:10:1" ]
	run ax-rank --json --explain PU
	assert_contains "$output" '"name":"parseUrl"'
	[ "$(jq -r 'select(.name == "parseUrl" and .path == "src/net/url.ts") | .factors.acronym > 0' <<< "$output")" = true ]
}

@test "natural language finds the symbol by its doc comment" {
	index
	run --separate-stderr ax-rank convert string to camel case
	assert_status 0
	[ "$(awk '{print $3}' <<< "${lines[0]}")" = camelCase ]
}

@test "--explain: the factors add up to the score" {
	index
	for q in parseUrl 'url kind:type' pU 'camel case'; do
		run --separate-stderr ax-rank --json --explain -n 50 $q
		assert_status 0
		bad=$(jq -r 'select((.score - ([.factors[]] | add)) | fabs > 1e-5) | .path' <<< "$output")
		[ -z "$bad" ]
	done
	run ax-rank --explain parseUrl
	assert_contains "${lines[1]}" "score "
	assert_contains "${lines[1]}" "exact 4.000"
}

@test "--no-rerank and rank.rerank=off give plain BM25, best first" {
	index
	run ax-rank --json --no-rerank --explain -n 50 url
	assert_status 0
	jq -r .score <<< "$output" | sort -g -r -c
	[ "$(jq -r '.factors | keys | join(",")' <<< "${lines[0]}")" = bm25 ]
	plain=$output
	AX_FLAG_RANK_RERANK=off run ax-rank --json --explain -n 50 url
	[ "$output" = "$plain" ]
	# The reranked order differs: the exact name wins there.
	run ax-rank --json -n 50 url
	[ "$output" != "$plain" ]
}

@test "ties break by path, then line; the same index gives the same output" {
	index
	run ax-rank twinName
	assert_status 0
	[ "$(locs | tr '\n' ' ')" = "a/same.ts:9:1 b/same.ts:9:1 c/same.ts:2:1 c/same.ts:9:1 " ]
	first=$output
	run ax-rank twinName
	[ "$output" = "$first" ]
}

@test "lang: takes names and aliases; javascript is .js .jsx .mjs .cjs" {
	index
	for l in javascript js JS node; do
		run ax-rank "lang:$l" startApp
		assert_status 0
		[ "$(locs | tr '\n' ' ')" = "web/app.cjs:1:1 web/app.js:1:1 web/app.jsx:1:1 web/app.mjs:1:1 " ]
	done
	run ax-rank lang:ts startApp
	[ "$(locs)" = "web/app.tsx:1:1" ]
	run ax-rank -lang:js startApp
	[ "$(locs)" = "web/app.tsx:1:1" ]
	run ax-rank lang:klingon startApp
	assert_status 2
	assert_contains "$output" "unknown language 'klingon'"
}

@test "kind: takes kinds and groups, -kind: excludes" {
	index
	run ax-rank --json kind:type url
	assert_status 0
	[ "$(jq -r .kind <<< "$output" | sort -u | tr '\n' ' ')" = "class interface " ]
	run ax-rank --json kind:class url
	[ "$(jq -r .name <<< "$output")" = UrlParser ]
	run ax-rank --json -kind:variable -kind:fn -kind:config url
	[ -z "$(jq -r 'select(.kind == "variable" or .kind == "function" or .kind == "key") | .name' <<< "$output")" ]
	run ax-rank kind:klass url
	assert_status 2
	assert_contains "$output" "unknown kind 'klass'"
}

@test "file: takes globs and path substrings, -file: excludes" {
	index
	run ax-rank 'file:*.js' parseUrl
	[ "$(locs | tr '\n' ' ')" = "vendor/lib/url.js:5:1 src/legacy/old.js:7:1 " ]
	run ax-rank 'file:src/app/' parseUrl
	[ "${#lines[@]}" -eq 6 ]
	run ax-rank 'file:src/**/use?.ts' parseUrl
	[ "${#lines[@]}" -eq 6 ]
	run ax-rank -file:src/app -file:vendor -file:tests parseUrl
	[ "$(locs | head -n 1)" = "src/net/url.ts:10:1" ]
	[ -z "$(locs | grep -E '^(src/app|vendor|tests)/')" ]
}

@test "def: is an exact definition lookup, ref: finds the symbols that use a name" {
	index
	run ax-rank def:parseUrl
	assert_status 0
	[ "$(locs | head -n 1)" = "src/net/url.ts:10:1" ]
	[ -z "$(awk '$3 != "parseUrl"' <<< "$output")" ]
	run ax-rank def:parseurl
	assert_status 1
	run ax-rank ref:parseUrl
	assert_status 0
	[ "$(awk '{print $3}' <<< "$output" | sort | tr '\n' ' ')" = "handler0 handler1 handler2 handler3 handler4 handler5 parseUrl " ]
	run ax-rank ref:parseUrl file:use3
	[ "$(awk '{print $3}' <<< "$output")" = handler3 ]
}

@test "bad queries are usage errors, not empty results" {
	index
	run ax-rank
	assert_status 2
	assert_contains "$output" "no query given"
	run ax-rank ''
	assert_status 2
	assert_contains "$output" "empty query"
	run ax-rank -- -lang:py
	assert_status 2
	assert_contains "$output" "nothing to search for"
	run ax-rank -url
	assert_status 2
	run ax-rank lang: url
	assert_status 2
	assert_contains "$output" "lang: needs a value"
}

@test "filters alone list what passes them by path and line, -n limits, --json too" {
	index
	run ax-rank 'kind:fn file:src/'
	assert_status 0
	[ "$(locs | head -n 3 | paste -sd,)" = "src/app/use0.ts:3:1,src/app/use1.ts:3:1,src/app/use2.ts:3:1" ]
	[ "$(locs)" = "$(locs | LC_ALL=C sort -t: -k1,1 -k2,2n)" ]
	assert_contains "$output" "src/net/url.ts:32:5"
	not grep -q '^test/\|^vendor/' <<< "$output"
	run ax-rank -n 2 --json 'file:src/net/url.ts'
	assert_status 0
	[ "$(jq -r '"\(.path):\(.line)"' <<< "$output" | paste -sd,)" = "$(sqlite3 idx.db "SELECT f.path || ':' || s.line FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = 'src/net/url.ts' ORDER BY s.line, s.col LIMIT 2" | paste -sd,)" ]
	run ax-rank 'lang:py kind:class'
	assert_status 1
}

@test "only lang: kind: file: def: ref: are filters; any other word: is text" {
	index
	run ax-rank colour:red url
	assert_status 0
	assert_contains "$output" "src/net/url.ts"
	run ax-rank 'reports whether name is a valid capture name: A-Za-z0-9_+'
	[ "$status" -eq 0 ] || [ "$status" -eq 1 ]
	run ax-rank 'see https://example.com/parse url'
	assert_status 0
	assert_contains "$output" "src/net/url.ts"
	# A known key is still a filter, and still checked.
	run ax-rank url file:net/
	assert_status 0
	[ -z "$(locs | grep -v '^src/net/')" ]
	run ax-rank -- url lang:nosuch
	assert_status 2
	assert_contains "$output" "unknown language 'nosuch'"
}

@test "FTS5 and SQL syntax in a query is text, never an error" {
	index
	for q in '"' '""' '*' 'url*' '**' 'NEAR(' 'NEAR(url parse)' '-' '- url' 'url OR' 'AND' 'NOT url' \
		'"unterminated phrase' "'; DROP TABLE files; --" 'url)' '(url' '^url' 'url:' 'a:b:c' \
		'name:url' '{name}' 'std::vector' '%_%' 'ünïcödé' '日本語' 'parse"url' 'url -parse'; do
		run ax-rank -- "$q"
		if [ "$status" -ne 0 ] && [ "$status" -ne 1 ] && [ "$status" -ne 2 ]; then
			echo "query [$q]: status $status: $output" >&2
			return 1
		fi
		case $output in *fts5*|*"syntax error"*|*SQL*|*sqlite*)
			echo "query [$q] leaked: $output" >&2; return 1 ;;
		esac
	done
	[ "$(sqlite3 idx.db 'SELECT count(*) FROM files')" -gt 0 ]
	run ax-rank -- '"parse url"'
	assert_status 0
	run ax-rank -- 'url -parse'
	assert_status 0
	[ -n "$output" ] && [ -z "$(awk '$3 ~ /^[Pp]arse/' <<< "$output")" ]
}

@test "-word excludes from every source (FTS, exact names, def:)" {
	index
	run ax-rank -- -vendor parseUrl
	assert_status 0
	[ -z "$(locs | grep '^vendor/')" ]
	[ "$(locs | head -n 1)" = "src/net/url.ts:10:1" ]
	run ax-rank def:parseUrl -test -vendor -const
	[ "$(locs | tr '\n' ' ')" = "src/net/url.ts:10:1 " ]
}

@test "prefix* and \"phrases\"" {
	index
	run ax-rank --json 'parseUrlS*'
	[ "$(jq -r .name <<< "${lines[0]}")" = parseUrlSafe ]
	run ax-rank --json '"camel case"'
	[ "$(jq -r .name <<< "${lines[0]}")" = camelCase ]
	[ -z "$(jq -r 'select(.name == "kebabCase") | .name' <<< "$output")" ]
}

@test "output: aligned columns, -n, JSON Lines, msgpack records, colour" {
	index
	run ax-rank -n 3 parseUrl
	assert_status 0
	[ "${#lines[@]}" -eq 3 ]
	# The kind column starts at the same offset on every line.
	[ "$(awk '{print index($0, "  " $2 "  ")}' <<< "$output" | sort -u | wc -l)" -eq 1 ]
	[[ "$output" != *$'\033'* ]]
	run ax-rank --color=always -n 1 parseUrl
	[[ "$output" == *$'\033[35m'* ]]
	run ax-rank --color=sometimes parseUrl
	assert_status 2
	run ax-rank --json -n 1 parseUrl
	[ "$(jq -r '[.path, .line, .col, .name, .kind, .lang] | join(" ")' <<< "$output")" = \
		"src/net/url.ts 10 1 parseUrl function typescript" ]
	[ "$(jq -r '.score | type' <<< "$output")" = number ]
	ax-rank --msgpack -n 2 parseUrl > hits.mp
	run ax-cat hits.mp
	assert_status 0
	[ "$(jq -r .t <<< "${lines[0]}")" = hdr ]
	[ "$(jq -r '[.t, .path, .rank] | join(" ")' <<< "${lines[1]}")" = "hit src/net/url.ts 1" ]
	# Text and JSON count columns from 1; the record keeps the stream's 0-based offset.
	[ "$(jq -r .col <<< "${lines[1]}")" = 0 ]
	[ "${#lines[@]}" -eq 3 ]
	# A closed pipe is no error.
	run bash -c 'ax-rank -n 100 url | head -n 1 >/dev/null; exit ${PIPESTATUS[0]}'
	assert_status 0
}

@test "options go anywhere on the line; -word stays a query word; -- ends options" {
	index
	run ax-rank parseUrl --json -n 1
	assert_status 0
	[ "${#lines[@]}" -eq 1 ]
	[ "$(jq -r .name <<< "$output")" = parseUrl ]
	run ax-rank url -n 2
	assert_status 0
	[ "${#lines[@]}" -eq 2 ]
	run ax-rank url -n2 --json
	[ "${#lines[@]}" -eq 2 ]
	jq -e . <<< "$output" >/dev/null
	# -word excludes wherever it stands, -nword and -hword included.
	run ax-rank parseUrl -nothing -UrlParser --json
	assert_status 0
	[ -z "$(jq -r 'select(.name == "UrlParser")' <<< "$output")" ]
	[ -n "$(jq -r 'select(.name == "parseUrl")' <<< "$output")" ]
	# After --, -n is a word to exclude, not an option.
	run ax-rank url --json -- -n
	assert_status 0
	[ "${#lines[@]}" -gt 1 ]
	run ax-rank url --bogus
	assert_status 2
}

@test "nothing matched: exit 1, nothing on stdout, a notice on stderr" {
	index
	run --separate-stderr ax-rank zzyzxnothing
	assert_status 1
	[ -z "$output" ]
	assert_contains "$stderr" "no definition matches the query"
}

@test "no index, an old schema, an empty index: clear messages" {
	mkdir empty
	cd empty
	run ax-rank url
	assert_status 2
	assert_contains "$output" "ax-rank: "
	assert_contains "$output" "index"
	# An index at schema version 1 (before later migrations).
	ax-db --db old.db migrate --to 1 >/dev/null
	run ax-rank --db old.db url
	assert_status 2
	assert_contains "$output" "ax db migrate"
	ax-db --db new.db migrate >/dev/null
	run ax-rank --db new.db url
	assert_status 1
	assert_contains "$output" "is empty"
}

@test "--help, --version, bad options" {
	run ax-rank --help
	assert_status 0
	assert_contains "$output" "usage: ax-rank"
	run ax-rank --version
	assert_status 0
	assert_contains "$output" "ax-rank "
	run ax-rank --bogus url
	assert_status 2
	run ax-rank -n 0 url
	assert_status 2
}

@test "a description finds its doc through stemming; an any-word fallback says so" {
	index
	# "parsing strings" shares no word with the doc as written ("Parses
	# a URL string"), only stems.
	run --separate-stderr ax-rank --json parsing strings into parts
	assert_status 0
	[ "$(head -n 1 <<< "$output" | jq -r '.path + ":" + (.line | tostring)')" = "src/net/url.ts:10" ]
	assert_contains "$stderr" "no definition matches all words; showing any-word matches"
	run ax-rank zzzqqq url
	assert_status 0
	assert_contains "$output" "no definition matches all words; showing any-word matches"
	run ax-rank zzzqqq
	assert_status 1
	assert_contains "$output" "no definition matches the query"
	# A query whose words all match says nothing.
	run ax-rank parse url
	assert_status 0
	[[ $output != *"any-word"* ]]
}

@test "an index of schema 4 migrates to the stemmed table (migration 5), kept in step" {
	index
	ax-db --db idx.db rollback --to 4 > /dev/null
	[ "$(sqlite3 idx.db "SELECT count(*) FROM sqlite_schema WHERE name = 'symbols_stem'")" = 0 ]
	run ax-rank parsing strings into parts
	assert_status 2
	ax-db --db idx.db migrate > /dev/null
	[ "$(sqlite3 idx.db "SELECT count(*) FROM symbols_stem WHERE symbols_stem MATCH 'parsing'")" -gt 0 ]
	run ax-rank parsing strings into parts
	assert_status 0
	assert_contains "$output" "src/net/url.ts:10:1"
	# The triggers keep it in step: a file's rows go with the file.
	sqlite3 idx.db "PRAGMA foreign_keys = ON; DELETE FROM files WHERE path = 'src/net/url.ts'"
	sqlite3 idx.db "INSERT INTO symbols_stem(symbols_stem, rank) VALUES ('integrity-check', 1)"
	[ "$(sqlite3 idx.db "SELECT count(*) FROM symbols_stem WHERE symbols_stem MATCH 'parts'")" = 0 ]
}

# A Python file whose method uses `total_count` and `per_page` in its body:
# a description of it shares no word with its name or signature.
paging() {
	local refs=${1:-'{"name": "ceil", "kind": "call", "line": 7, "col": 15}, {"name": "total_count", "kind": "read", "line": 7, "col": 20}, {"name": "per_page", "kind": "read", "line": 8, "col": 8}, {"name": "range", "kind": "call", "line": 11, "col": 15}, {"name": "print", "kind": "call", "line": 31, "col": 4}'}
	cat <<-JSON
	{"t": "hdr", "v": 1, "tool": "fixture", "root": "/fixture"}
	{"t": "parsed", "path": "src/paging.py", "lang": "python", "hash": "00000000000000${2:-01}", "size": 100, "mtime": 1700000000000000000, "errors": 0, "syms": [{"name": "Paginator", "kind": "class", "line": 1, "col": 0, "eline": 20, "ecol": 0, "parent": -1, "sig": "class Paginator", "doc": ""}, {"name": "num_pages", "kind": "method", "line": 5, "col": 4, "eline": 9, "ecol": 0, "parent": 0, "sig": "def num_pages(self)", "doc": ""}, {"name": "page_range", "kind": "method", "line": 10, "col": 4, "eline": 12, "ecol": 0, "parent": 0, "sig": "def page_range(self)", "doc": ""}, {"name": "unrelated", "kind": "function", "line": 30, "col": 0, "eline": 32, "ecol": 0, "parent": -1, "sig": "def unrelated()", "doc": ""}], "imports": [], "refs": [$refs]}
	{"t": "end"}
	JSON
}

words_of() { sqlite3 idx.db "SELECT w.words FROM symbol_words w JOIN symbols s ON s.id = w.id WHERE s.name = '$1'"; }

@test "body words: a description finds a method by the names its body uses; kept in step" {
	paging | ax-cat --from-json | ax-load -q --no-resolve --db idx.db
	export AX_DB=$WORK/idx.db
	# The innermost definition takes a reference; the parent's name first.
	[ "$(words_of num_pages)" = "paginator ceil total count per page" ]
	# (range is a word of its own name)
	[ -z "$(words_of page_range)" ]
	[ -z "$(words_of Paginator)" ]
	run --separate-stderr ax-rank --json count the items per page
	assert_status 0
	[ "$(head -n 1 <<< "$output" | jq -r .name)" = num_pages ]
	assert_contains "$stderr" "showing any-word matches"
	# A changed file (the incremental path) gets its new words, and the
	# full-text index stays sound.
	paging '{"name": "total_items", "kind": "read", "line": 7, "col": 20}' 02 | ax-cat --from-json |
		ax-load -q --no-resolve --db idx.db
	[ "$(words_of num_pages)" = "paginator total items" ]
	sqlite3 idx.db "INSERT INTO symbols_stem(symbols_stem, rank) VALUES ('integrity-check', 1)"
	[ "$(sqlite3 idx.db "SELECT count(*) FROM symbols_stem WHERE symbols_stem MATCH 'body:count'")" = 0 ]
	[ "$(sqlite3 idx.db "SELECT count(*) FROM symbols_stem WHERE symbols_stem MATCH 'body:items'")" = 1 ]
	sqlite3 idx.db "PRAGMA foreign_keys = ON; DELETE FROM files"
	sqlite3 idx.db "INSERT INTO symbols_stem(symbols_stem, rank) VALUES ('integrity-check', 1)"
	[ "$(sqlite3 idx.db "SELECT count(*) FROM symbol_words")" = 0 ]
}

@test "an index of schema 5 migrates to body words (migration 6) and rolls back" {
	paging | ax-cat --from-json | ax-load -q --no-resolve --db idx.db
	export AX_DB=$WORK/idx.db
	ax-db --db idx.db rollback --to 5 > /dev/null
	[ "$(sqlite3 idx.db "SELECT count(*) FROM sqlite_schema WHERE name IN ('symbol_words', 'symbol_stem_text')")" = 0 ]
	sqlite3 idx.db "INSERT INTO symbols_stem(symbols_stem, rank) VALUES ('integrity-check', 1)"
	ax-db --db idx.db migrate > /dev/null
	[ "$(words_of num_pages)" = "paginator ceil total count per page" ]
	sqlite3 idx.db "INSERT INTO symbols_stem(symbols_stem, rank) VALUES ('integrity-check', 1)"
	run --separate-stderr ax-rank count the items per page
	assert_status 0
	[ "$(locs | head -n 1)" = "src/paging.py:5:5" ]
}
