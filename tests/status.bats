#!/usr/bin/env bats
# ax-status against real indexes: every field checked with sqlite3, stale
# and failed files, flags, config and telemetry, --json, no index.

load helpers

eval "helpers_$(declare -f setup)"
setup() {
	helpers_setup
	export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/xdg AX_TELEMETRY_DIR=$WORK/tel
	mkdir -p "$HOME"
	unset AX_DB AX_TELEMETRY DO_NOT_TRACK AX_FLAGS_OFF
	git init -q repo
	cd repo
	mkdir -p src
	printf 'def foo():\n    pass\n\nclass Bar:\n    def baz(self):\n        pass\n' > src/a.py
	printf 'def one():\n    pass\n' > src/b.py
	printf 'int main(void) { return 0; }\nstatic int helper(int x) { return x; }\n' > src/m.c
	printf 'package main\n\nfunc Go() {}\n' > src/g.go
}

index() {
	ax-scan -q . | ax-parse | ax-load -q
}

# q SQL: one value from the index.
q() {
	sqlite3 .ax/index.db "$1"
}

@test "ax-status: --help, --version and a man page" {
	run ax-status --help
	assert_status 0
	assert_contains "$output" "Usage: ax-status"
	run ax-status --version
	assert_status 0
	run man -l "$AX_ROOT/tools/ax-status/ax-status.1"
	assert_status 0
	assert_contains "$output" "stale"
}

@test "ax-status: no index says what to do, status 2 as every tool" {
	run ax-status
	assert_status 2
	[ "$output" = "ax-status: no index here: run 'ax index'" ]
	run ax-status --db "$WORK/none.db"
	assert_status 2
	assert_contains "$output" "no index at $WORK/none.db: run 'ax index'"
	run ax-status --limit x
	assert_status 2
	printf 'not a database' > "$WORK/junk.db"
	run ax-status --db "$WORK/junk.db"
	assert_status 2
}

@test "ax-status --json: every field as the database has it" {
	before=$(date +%s)
	index
	after=$(date +%s)
	ax-status --json > s.json
	[ "$(jq -r .index s.json)" = "$PWD/.ax/index.db" ]
	[ "$(jq .schema s.json)" = "$(q 'PRAGMA user_version')" ]
	[ "$(jq .schema_latest s.json)" = "$(q 'PRAGMA user_version')" ]
	# Recorded relative to the index's directory (.ax), shown absolute.
	[ "$(q "SELECT value FROM meta WHERE key = 'root'")" = .. ]
	[ "$(jq -r .root s.json)" = "$PWD" ]
	[ "$(jq .last_load s.json)" = "$(q "SELECT value FROM meta WHERE key = 'last_load'")" ]
	# The load's time: in the seconds the load took, however long.
	[ "$(jq .last_load s.json)" -ge "$before" ]
	[ "$(jq .last_load s.json)" -le "$after" ]
	seconds=$(q "SELECT value FROM meta WHERE key = 'last_load_seconds'")
	jq -e --arg s "$seconds" '.last_load_seconds == ($s | tonumber) and .last_load_seconds >= 0' s.json
	[ "$(jq .files s.json)" = "$(q 'SELECT count(*) FROM files')" ]
	[ "$(jq .symbols s.json)" = "$(q 'SELECT count(*) FROM symbols')" ]
	[ "$(jq .files s.json)" -eq 4 ]
	# per language: files and symbols counted from the rows themselves
	expect=$(q "SELECT f.lang || ' ' || count(DISTINCT f.id) || ' ' || count(s.id) FROM files f
		    LEFT JOIN symbols s ON s.file_id = f.id GROUP BY f.lang ORDER BY count(DISTINCT f.id) DESC, f.lang")
	[ "$(jq -r '.languages[] | "\(.lang) \(.files) \(.symbols)"' s.json)" = "$expect" ]
	[ "$(jq -r '.languages[0].lang' s.json)" = python ]
	[ "$(jq '.failed.count' s.json)" -eq 0 ]
	[ "$(jq -c '.stale' s.json)" = '{"changed":0,"missing":0,"files":[]}' ]
	[ "$(jq -c '.flags' s.json)" = '[]' ]
	[ "$(jq -c '.config' s.json)" = '[]' ]
	[ "$(jq -c '.telemetry' s.json)" = '{"mode":"local","source":"default"}' ]
}

@test "ax-status: the human report, aligned, from a subdirectory" {
	index
	db=$PWD/.ax/index.db
	n() { sqlite3 "$db" "$1"; }
	cd src
	run ax-status
	assert_status 0
	assert_contains "$output" "index      $WORK/repo/.ax/index.db"
	assert_contains "$output" "schema     $(n 'PRAGMA user_version')"
	assert_contains "$output" "root       $WORK/repo"
	assert_contains "$output" "files      $(n 'SELECT count(*) FROM files') files, $(n 'SELECT count(*) FROM symbols') symbols"
	py=$(n "SELECT count(*) FROM symbols JOIN files f ON f.id = file_id WHERE f.lang = 'python'")
	assert_contains "$output" "$(printf '  %-12s %8d files %9d symbols' python 2 "$py")"
	assert_contains "$output" "$(printf '  %-12s %8d file  ' go 1)"
	assert_contains "$output" "took "
	assert_contains "$output" "stale      none"
	assert_contains "$output" "failed     0"
	assert_contains "$output" "telemetry  local (default)"
}

@test "ax-status: files changed or removed on disk are stale, and re-indexing clears them" {
	index
	printf '# more\n' >> src/a.py
	touch -d '2001-01-01' src/b.py
	rm src/m.c
	ax-status --json > s.json
	[ "$(jq -c '.stale' s.json)" = '{"changed":2,"missing":1,"files":[{"path":"src/a.py","state":"changed"},{"path":"src/b.py","state":"changed"},{"path":"src/m.c","state":"missing"}]}' ]
	run ax-status
	assert_contains "$output" "stale      2 changed, 1 missing: run 'ax index' to update"
	assert_contains "$output" "changed  src/a.py"
	assert_contains "$output" "missing  src/m.c"
	# --limit caps the list, not the counts
	ax-status --json -n 1 > s.json
	[ "$(jq '.stale.files | length' s.json)" -eq 1 ]
	[ "$(jq '.stale.changed + .stale.missing' s.json)" -eq 3 ]
	run ax-status -n 1
	assert_contains "$output" "... and 2 more"
	index
	[ "$(ax-status --json | jq -c '.stale')" = '{"changed":0,"missing":0,"files":[]}' ]
	# a tree moved with its .ax/: the index follows it
	mv "$WORK/repo" "$WORK/moved"
	cd "$WORK/moved"
	run ax-status
	assert_status 0
	assert_contains "$output" "root       $WORK/moved"
	assert_contains "$output" "stale      none"
	# an index elsewhere names its root absolute: gone with the tree, said so
	ax-scan -q . | ax-parse | ax-load -q --db "$WORK/else.db"
	mv "$WORK/moved" "$WORK/gone"
	cd "$WORK"
	run ax-status --db "$WORK/else.db"
	assert_status 0
	assert_contains "$output" "stale      not checked: the root $WORK/moved is not on disk"
	[ "$(ax-status --db "$WORK/else.db" --json | jq .stale)" = null ]
}

@test "ax-status: failed files with their reasons, counted whole" {
	python3 -c 'print("\n".join(f"def f{i}(a, b):\n    return [a + b * {i} for _ in range(3)]" for i in range(8000)))' > src/big.py
	mkdir -p .ax
	printf 'parse.timeout-ms = 1\n' > .ax/config
	index
	[ "$(q 'SELECT count(*) FROM errors')" -ge 1 ]
	ax-status --json > s.json
	[ "$(jq .failed.count s.json)" = "$(q 'SELECT count(*) FROM errors')" ]
	[ "$(jq -r '.failed.files[] | select(.path == "src/big.py") | "\(.stage):\(.code)"' s.json)" = \
	  "$(q "SELECT stage || ':' || code FROM errors WHERE path = 'src/big.py'")" ]
	[ "$(jq -r '.failed.files[] | select(.path == "src/big.py") | .code' s.json)" = timeout ]
	run ax-status
	assert_contains "$output" "src/big.py: parse:timeout: parse took longer than --timeout-ms=1"
	assert_contains "$output" "parse.timeout-ms = 1 (project)"
}

@test "ax-status: many failed files: the first N, the count of all" {
	{
		printf '{"t":"hdr","v":1,"tool":"test","root":"%s"}\n' "$PWD"
		for i in $(seq 1 25); do
			printf '{"t":"err","path":"gone/f%02d.py","stage":"scan","code":"ENOENT","msg":"No such file or directory"}\n' "$i"
		done
	} | with_end | ax-cat --from-json | ax-load -q
	[ "$(q 'SELECT count(*) FROM errors')" -eq 25 ]
	run ax-status
	assert_status 0
	assert_contains "$output" "failed     25"
	assert_contains "$output" "gone/f01.py: scan:ENOENT: No such file or directory"
	assert_contains "$output" "gone/f10.py"
	[[ "$output" != *gone/f11.py* ]]
	assert_contains "$output" "... and 15 more"
	[ "$(ax-status --json -n 0 | jq '.failed.files | length')" -eq 25 ]
	[ "$(ax-status --json -n 3 | jq -r '.failed.files | map(.path) | join(",")')" = "gone/f01.py,gone/f02.py,gone/f03.py" ]
}

@test "ax-status: flags not at their default, config keys, the telemetry mode" {
	index
	AX_FLAG_STAGE_RANK=off AX_TELEMETRY=off ax-status --json > s.json
	[ "$(jq -c '.flags' s.json)" = '[{"name":"stage.rank","value":"off","origin":"env"}]' ]
	[ "$(jq -c '.telemetry' s.json)" = '{"mode":"off","source":"AX_TELEMETRY"}' ]
	[ "$(DO_NOT_TRACK=1 ax-status --json | jq -r .telemetry.source)" = DO_NOT_TRACK ]
	# telemetry.conf is named only when it exists and sets the mode.
	[ ! -e "$AX_TELEMETRY_DIR/telemetry.conf" ]
	run ax-status
	assert_contains "$output" "telemetry  local (default)"
	ax-telemetry off > /dev/null
	[ "$(ax-status --json | jq -c .telemetry)" = '{"mode":"off","source":"telemetry.conf"}' ]
	ax-config set index.jobs 2
	ax-config add --user scan.exclude 'vendor/'
	ax-status --json > s.json
	[ "$(jq -c '.config' s.json)" = '[{"name":"index.jobs","value":"2","origin":"project"},{"name":"scan.exclude","value":"vendor/","origin":"user"}]' ]
	run ax-status
	assert_contains "$output" "flags      all default"
	assert_contains "$output" "config     index.jobs = 2 (project)"
	assert_contains "$output" "           scan.exclude = vendor/ (user)"
	run env AX_FLAG_STAGE_RANK=off ax-status
	assert_contains "$output" "flags      stage.rank = off (env)"
}

@test "ax-status: the index named by --db, \$AX_DB and db.path" {
	index
	mv .ax/index.db "$WORK/moved.db"
	run ax-status
	assert_status 2
	[ "$(ax-status --db "$WORK/moved.db" --json | jq -r .index)" = "$WORK/moved.db" ]
	[ "$(AX_DB=$WORK/moved.db ax-status --json | jq -r .index)" = "$WORK/moved.db" ]
	# From the project's config only a place inside the project counts
	# (docs/config.md, "Trust"); from the user's, any place.
	ax-config set db.path ../moved.db
	run ax-status
	assert_status 2
	assert_contains "$output" "db.path = ../moved.db: refused"
	mv "$WORK/moved.db" sub.db
	ax-config set db.path sub.db
	[ "$(ax-status --json | jq -r .index)" = "$WORK/repo/sub.db" ]
	mv sub.db "$WORK/moved.db"
	ax-config unset db.path
	ax-config set --user db.path "$WORK/moved.db"
	[ "$(ax-status --json | jq -r .index)" = "$WORK/moved.db" ]
}
