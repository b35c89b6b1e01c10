#!/usr/bin/env bats
# ax-db: migrations, backups, restore, verify, and running them blind.

load helpers

DB=.ax/index.db

# index VERSION [FILES]: a new index at VERSION, filled with FILES files.
index() {
	ax-db migrate --to "$1" > /dev/null
	if [ "${2:-0}" -gt 0 ]; then
		sqlite3 -cmd ".parameter set @files $2" "$DB" < "$AX_ROOT/tests/fixtures/db/populate.sql"
	fi
}

# Everything in the index but the history's times: schema and rows, FTS
# shadow tables included.
# Sorted: a rollback that creates an index again (migration 7's) puts it
# last in sqlite_schema, and the same schema in another order is the same.
dump() {
	sqlite3 "${1:-$DB}" .dump | grep -v '^INSERT INTO schema_history' | LC_ALL=C sort
}

version() {
	sqlite3 "${1:-$DB}" 'PRAGMA user_version'
}

# The newest schema version this ax knows (a dry run creates nothing).
latest() {
	ax-db --db "$WORK/none/index.db" migrate --dry-run --json | jq .to
}

# Each table's row count as "name count" lines, for the tables a dry run
# reports; compared with its rows_after.
counts_of() {
	local t
	for t in "$@"; do
		printf '%s %s\n' "$t" "$(sqlite3 "$DB" "SELECT count(*) FROM \"$t\"")"
	done
}

@test "--help, --version, and usage errors" {
	run ax-db --help
	assert_status 0
	assert_contains "$output" "usage: ax-db"
	run ax-db --version
	assert_status 0
	[ "$output" = "ax-db 0.1.0" ]
	run ax-db
	assert_status 2
	run ax-db frobnicate
	assert_status 2
	assert_contains "$output" "unknown command 'frobnicate'"
	run ax-db --bogus status
	assert_status 2
	run ax-db status --dry-run
	assert_status 2
	run ax-db migrate --to x
	assert_status 2
}

@test "migrate creates a missing index; other commands say there is none" {
	run ax-db status
	assert_status 2
	assert_contains "$output" "no index"
	run ax-db migrate
	assert_status 0
	[ -f "$DB" ]
	[ "$(version)" = "$(latest)" ]
	run ax-db status
	assert_status 0
	assert_contains "$output" "pending:  none"
	run ax-db verify
	assert_status 0
	[ "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = wal ]
	[ "$(sqlite3 "$DB" 'PRAGMA application_id')" = 1635279970 ]
	run ax-db migrate
	assert_status 0
	assert_contains "$output" "already at version $(latest)"
}

@test "--db and AX_DB choose the index, and the index is found from a subdirectory" {
	ax-db --db elsewhere.db migrate > /dev/null
	[ "$(version elsewhere.db)" = "$(latest)" ]
	AX_DB=$PWD/other.db ax-db migrate --to 1 > /dev/null
	[ "$(version other.db)" = 1 ]
	index 2
	mkdir -p a/b
	cd a/b
	run ax-db status --json
	assert_status 0
	[ "$(jq -r .db <<<"$output")" = "$WORK/.ax/index.db" ]
}

@test "a dry run on a missing index shows the SQL and creates nothing" {
	run ax-db migrate --dry-run
	assert_status 0
	assert_contains "$output" "CREATE TABLE files ("
	assert_contains "$output" "CREATE VIRTUAL TABLE symbols_fts USING fts5("
	assert_contains "$output" "-- up 2 meta"
	[ ! -e .ax ]
}

@test "dry run of every migration, up and down, predicts the real run and changes nothing" {
	index 1 40
	L=$(latest)
	# Every migration alone, up then down, then several at once.
	steps="$(seq -f 'up:%g' 2 "$L") $(seq -f 'down:%g' $((L - 1)) -1 0) up:$L down:0 up:1"
	for step in $steps; do
		dir=${step%%:*} to=${step#*:}
		cmd=migrate
		if [ "$dir" = down ]; then cmd=rollback; fi
		sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
		before=$(sha256sum "$DB")
		ax-db $cmd --to "$to" --dry-run --json > dry.json
		[ "$(sha256sum "$DB")" = "$before" ]
		[ "$(jq -r '.steps[0].sql' dry.json)" != null ]
		ax-db $cmd --to "$to" --json > real.json
		[ "$(version)" = "$to" ]
		# The same SQL and the same effects, times aside.
		strip='del(.dry_run, .backup, .steps[].duration_ms)'
		diff <(jq -S "$strip" dry.json) <(jq -S "$strip" real.json)
		# And what it predicted is what the index now holds.
		# (a table's last count, when several steps touched it)
		last='reduce (.steps[].effects[] | select(.type == "table")) as $e
			({}; if $e.rows_after == null then del(.[$e.name]) else .[$e.name] = $e.rows_after end)
			| to_entries[]'
		tables=$(jq -r "$last | .key" real.json)
		[ -n "$tables" ]
		diff <(jq -r "$last"' | "\(.key) \(.value)"' real.json) <(counts_of $tables)
		# Each object as its last step left it (migration 1 creates
		# symbols_kind, migration 7 drops it; migration 6 drops and makes
		# symbols_stem again).
		final='reduce (.steps[].effects[] | select(.change == "dropped" or .change == "created")) as $e
			({}; .[$e.name] = (if $e.change == "created" then 1 else 0 end)) | to_entries[]'
		jq -r "$final"' | "\(.key) \(.value)"' real.json > objects
		while read -r name want; do
			have=$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_schema WHERE name = '$name'")
			[ "$have" = "$want" ] || { echo "$step: $name: $have, want $want" >&2; return 1; }
		done < objects
	done
}

@test "up, down, up on a populated index leaves the same data" {
	index 1 50
	for v in $(seq 2 "$(latest)"); do
		dump > before
		ax-db migrate --to "$v" > /dev/null
		dump > after
		ax-db rollback > /dev/null
		[ "$(version)" = $((v - 1)) ]
		diff before <(dump)
		ax-db migrate --to "$v" > /dev/null
		diff after <(dump)
	done
	# Migration 1 from an empty index, down, and up again.
	rm -rf .ax
	index 1
	dump > e1
	ax-db rollback --to 0 > /dev/null
	[ "$(version)" = 0 ]
	ax-db migrate --to 1 > /dev/null
	diff e1 <(dump)
	run ax-db verify
	assert_status 0
}

@test "a real migrate takes a verified backup first and keeps the newest K" {
	index 1 20
	ax-db backup > /dev/null
	for i in 1 2 3; do
		ax-db migrate > /dev/null
		ax-db rollback --to 1 --keep 2 > /dev/null
	done
	ls .ax/backups
	[ "$(ls .ax/backups | grep -c '\.manual\.db$')" = 1 ]
	[ "$(ls .ax/backups | grep -vc '\.manual\.db$')" = 2 ]
	for b in .ax/backups/*; do
		[ "$(sqlite3 "$b" 'PRAGMA integrity_check')" = ok ]
		[ "$(sqlite3 "$b" 'PRAGMA journal_mode')" = delete ]
	done
	newest=$(ls .ax/backups/*.rollback.db | tail -n 1)
	[ "$(version "$newest")" = "$(latest)" ]
	run ax-db status --json
	[ "$(jq -r .last_backup.path <<<"$output")" = "$WORK/$newest" ]
	[ "$(jq -r .backups <<<"$output")" = 3 ]
}

@test "an edited migration is reported and blocks migrate unless --force" {
	index 1 10
	sqlite3 "$DB" "UPDATE schema_history SET checksum = '0000000000000000' WHERE version = 1"
	run ax-db status
	assert_status 0
	assert_contains "$output" "version 1: applied as init (checksum 0000000000000000)"
	run ax-db verify
	assert_status 1
	assert_contains "$output" "history          FAILED"
	run ax-db migrate
	assert_status 2
	assert_contains "$output" "--force"
	[ "$(version)" = 1 ]
	run ax-db migrate --force
	assert_status 0
	[ "$(version)" = "$(latest)" ]
}

@test "a newer index is refused, never downgraded" {
	L=$(latest)
	index "$L" 5
	sqlite3 "$DB" "INSERT INTO schema_history VALUES ($((L + 1)), 'future', 'abcdefabcdefabcd', 0, 0, '9.9'); PRAGMA user_version = $((L + 1))"
	run ax-db status --json
	assert_status 0
	[ "$(jq -r .newer <<<"$output")" = true ]
	before=$(dump)
	for cmd in migrate rollback "rollback --to 1" "migrate --to $L"; do
		run ax-db $cmd
		assert_status 2
		assert_contains "$output" "newer than this ax"
	done
	[ "$(dump)" = "$before" ]
	ax-db backup newer.db > /dev/null
	index_sum=$(sha256sum "$DB")
	rm "$DB"
	run ax-db restore newer.db
	assert_status 2
	assert_contains "$output" "newer ax"
	[ ! -e "$DB" ]
}

@test "restore refuses truncated, random, foreign and missing files and leaves the index alone" {
	index "$(latest)" 30
	ax-db backup good.db > /dev/null
	head -c 20000 good.db > truncated.db
	head -c 65536 /dev/urandom > random.db
	sqlite3 other.db "CREATE TABLE notes (x); INSERT INTO notes VALUES (1)"
	printf 'SQLite format 3\0garbage' > header-only.db
	cp good.db zeroed.db
	dd if=/dev/zero of=zeroed.db bs=4096 seek=3 count=4 conv=notrunc status=none
	sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
	before=$(sha256sum "$DB")
	for f in truncated random other header-only zeroed missing; do
		run ax-db restore $f.db
		assert_status 2
		assert_contains "$output" "$f.db"
		[ "$(sha256sum "$DB")" = "$before" ]
	done
	run ax-db restore truncated.db
	assert_contains "$output" "truncated"
	run ax-db restore random.db
	assert_contains "$output" "not an SQLite database"
	run ax-db restore other.db
	assert_contains "$output" "not an ax index"
	ls -a .ax | grep -v restore
	[ -z "$(ls -a .ax | grep restore)" ]
}

@test "restore puts a backup back and keeps the replaced index" {
	index "$(latest)" 30
	dump > before
	ax-db backup b.db > /dev/null
	sqlite3 "$DB" "PRAGMA foreign_keys = ON; DELETE FROM files WHERE id <= 10"
	dump > damaged
	run ax-db restore b.db
	assert_status 0
	assert_contains "$output" "the replaced index is kept as"
	diff before <(dump)
	kept=$(ls .ax/backups/*.restore.db)
	diff damaged <(dump "$kept")
	run ax-db verify
	assert_status 0
	[ ! -e "$DB-wal" ] || [ "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = wal ]
	# Without a PATH: the newest backup, here the one restore just kept.
	run ax-db restore
	assert_status 0
	diff damaged <(dump)
}

@test "restore refuses while another process has the index open" {
	index "$(latest)" 10
	ax-db backup b.db > /dev/null
	# A reader in a transaction: it says so on the FIFO held, then waits
	# on the FIFO done until the test has tried the restore.
	mkfifo held done
	sqlite3 "$DB" "BEGIN; SELECT count(*) FROM files;" ".shell : > held" ".shell cat done" "COMMIT;" > /dev/null 3>&- &
	await held
	AX_DB_BUSY_TIMEOUT=200 run ax-db restore b.db
	release done
	wait
	assert_status 2
	assert_contains "$output" "in use"
}

@test "backup never overwrites, and is consistent while a writer is busy" {
	index "$(latest)" 200
	touch exists.db
	run ax-db backup exists.db
	assert_status 2
	# A writer adds rows in many small transactions meanwhile.
	(
		for i in $(seq 1 300); do
			echo "INSERT INTO meta VALUES ('k$i', $i);"
		done | sqlite3 -cmd '.timeout 10000' "$DB"
	) &
	writer=$!
	for i in 1 2 3; do
		ax-db backup "b$i.db" > /dev/null
		[ "$(sqlite3 "b$i.db" 'PRAGMA integrity_check')" = ok ]
		[ "$(sqlite3 "b$i.db" 'SELECT count(*) FROM files')" = 200 ]
	done
	wait "$writer"
	[ "$(sqlite3 "$DB" 'SELECT count(*) FROM meta')" = 300 ]
	run ax-db verify
	assert_status 0
}

@test "migrate while a reader holds a snapshot; the reader is not disturbed" {
	index 1 100
	mkfifo held done
	sqlite3 "$DB" "BEGIN; SELECT count(*) FROM files; SELECT 'x';" ".shell : > held" ".shell cat done" \
		"SELECT count(*) FROM files; COMMIT;" > reader.out 3>&- &
	reader=$!
	await held
	run ax-db migrate
	release done
	assert_status 0
	wait "$reader"
	[ "$(sed -n 1p reader.out)" = 100 ]
	[ "$(sed -n 3p reader.out)" = 100 ]
	[ "$(version)" = "$(latest)" ]
}

@test "two migrates at once: both end cleanly, each migration applied once" {
	index 1 300
	ax-db migrate > m1.out 2>&1 &
	p1=$!
	ax-db migrate > m2.out 2>&1 &
	p2=$!
	s1=0 s2=0
	wait "$p1" || s1=$?
	wait "$p2" || s2=$?
	cat m1.out m2.out
	[ "$s1" = 0 ]
	[ "$s2" = 0 ]
	L=$(latest)
	[ "$(version)" = "$L" ]
	[ "$(sqlite3 "$DB" 'SELECT group_concat(version) FROM schema_history')" = "$(seq -s, 1 "$L")" ]
	for v in $(seq 2 "$L"); do
		[ "$(cat m1.out m2.out | grep -c "^up $v ")" = 1 ]
	done
	run ax-db verify
	assert_status 0
}

@test "verify finds orphan rows and a broken FTS index" {
	index "$(latest)" 20
	sqlite3 "$DB" "PRAGMA foreign_keys = OFF; DELETE FROM files WHERE id = 3"
	run ax-db verify --json
	assert_status 1
	printf '%s\n' "$output" | grep '^{' > v.json
	[ "$(jq -r '.checks[] | select(.check == "foreign keys") | .ok' v.json)" = false ]
	jq -r '.checks[] | select(.check == "foreign keys") | .detail' v.json | grep -q "rows of symbols point at missing rows of files"
	rm -rf .ax
	index "$(latest)" 20
	sqlite3 "$DB" "INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc) VALUES ('delete', 5, 'bogus', 'bogus', '', '', '')"
	run ax-db verify
	assert_status 1
	assert_contains "$output" "fts5 symbols_fts FAILED"
}

@test "a read-only index: migrate refuses cleanly and changes nothing" {
	index 1 10
	chmod 755 "$WORK" "$WORK/.ax"
	chmod 444 "$DB"
	before=$(sha256sum "$DB")
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$AX_BIN/ax-db" migrate
	assert_status 2
	assert_contains "$output" "read-only"
	[ "$(sha256sum "$DB")" = "$before" ]
	chmod 644 "$DB"
	[ "$(version)" = 1 ]
}

@test "the queries of ax-rank and ax-graph use an index, not a scan" {
	index "$(latest)" 50
	while IFS='|' read -r want q; do
		plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN $q")
		assert_contains "$plan" "$want"
		if grep -E 'SCAN (files|symbols|imports|refs|errors)( |$)' <<<"$plan"; then
			echo "full scan in: $q" >&2
			return 1
		fi
	done <<'SQL'
INDEX symbols_name (name=? AND kind=?)|SELECT * FROM symbols WHERE name = 'flush3' AND kind = 'method'
INDEX symbols_name (name=?)|SELECT * FROM symbols WHERE name = 'flush3'
INDEX symbols_file (file_id=?)|SELECT * FROM symbols WHERE file_id = 5
INDEX symbols_file (file_id=?)|SELECT id FROM symbols WHERE file_id = 5 AND line <= 9 AND end_line >= 9 AND kind IN ('class', 'struct') ORDER BY line DESC LIMIT 1
INDEX symbols_parent (parent_id=?)|SELECT * FROM symbols WHERE parent_id = 3
INDEX sqlite_autoindex_files_1 (path=?)|SELECT id FROM files WHERE path = 'src/a.ts'
INDEX files_lang (lang=?)|SELECT * FROM files WHERE lang = 'go'
INTEGER PRIMARY KEY (rowid=?)|SELECT s.* FROM symbols_fts JOIN symbols s ON s.id = symbols_fts.rowid WHERE symbols_fts MATCH 'parse'
INDEX imports_file (file_id=?)|SELECT * FROM imports WHERE file_id = 5
INDEX imports_target (target_id=?)|SELECT * FROM imports WHERE target_id = 5
INDEX refs_name (name=?)|SELECT * FROM refs WHERE name = 'flush3'
INDEX refs_file (file_id=?)|SELECT * FROM refs WHERE file_id = 3
INDEX errors_file (file_id=?)|SELECT * FROM errors WHERE file_id = 3
SQL
}

@test "the schema keeps paths' bytes, hashes as 64-bit values, FTS in step with symbols" {
	index "$(latest)" 10
	[ "$(sqlite3 "$DB" "SELECT hex(path) FROM files WHERE id = 7")" = "$(printf 'src/mod7/bad_\xff7.ts' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ]
	sqlite3 "$DB" "INSERT INTO files (id, path, lang, size, mtime, hash, indexed_at) VALUES (99, 'h.c', 'c', 1, 1, -1, 1)"
	[ "$(sqlite3 "$DB" "SELECT printf('%016x', hash) FROM files WHERE id = 99")" = ffffffffffffffff ]
	run sqlite3 "$DB" "INSERT INTO files (path, lang, size, mtime, hash, indexed_at) VALUES ('x.c', 'c', 1, 1, 'abc', 1)"
	[ "$status" -ne 0 ]
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM symbols_fts WHERE symbols_fts MATCH 'name_words:\"http header\"'")" -gt 0 ]
	n=$(sqlite3 "$DB" "SELECT count(*) FROM symbols_fts WHERE symbols_fts MATCH 'path_words:parser'")
	[ "$n" -gt 0 ]
	sqlite3 "$DB" "PRAGMA foreign_keys = ON; DELETE FROM files WHERE path_words LIKE '%url parser%'"
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM symbols_fts WHERE symbols_fts MATCH 'path_words:parser'")" = 0 ]
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM symbols s LEFT JOIN files f ON f.id = s.file_id WHERE f.id IS NULL")" = 0 ]
	sqlite3 "$DB" "UPDATE files SET path_words = 'renamed words' WHERE id = 2"
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM symbols_fts WHERE symbols_fts MATCH 'path_words:renamed'")" = 15 ]
	run ax-db verify
	assert_status 0
}
