#!/usr/bin/env bats
# ax-load: incremental, crash-safe loading into the index.

load helpers

gen() { python3 "$AX_ROOT/tests/tools/gen-stream.py" "$@" | ax-cat -j; }

# What a load leaves, independent of row ids and load times.
state() {
	sqlite3 "${1:-.ax/index.db}" \
		"SELECT f.path, f.lang, f.hash, f.size, f.mtime, f.nsyms FROM files f ORDER BY f.path;
		 SELECT f.path, s.name, s.name_words, s.kind, s.line, p.name, s.signature FROM symbols s
		   JOIN files f ON f.id = s.file_id LEFT JOIN symbols p ON p.id = s.parent_id
		   ORDER BY f.path, s.line, s.name;
		 SELECT f.path, i.raw, i.kind, i.line FROM imports i JOIN files f ON f.id = i.file_id ORDER BY 1, 2;
		 SELECT f.path, r.name, r.line, r.col FROM refs r JOIN files f ON f.id = r.file_id ORDER BY 1, 2;
		 SELECT path, stage, code, msg FROM errors ORDER BY 1, 2;"
}

# The index is sound: SQLite's, FTS5's and the foreign keys' checks, and every
# file's symbol count matches its rows (no half-loaded file).
sound() {
	local db=${1:-.ax/index.db}
	[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]
	# Killed before its first migration committed: an index with no schema
	# yet, which the next writer migrates.
	[ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE name IN ('files', 'symbols_fts')")" = 0 ] && return 0
	sqlite3 "$db" "INSERT INTO symbols_fts(symbols_fts) VALUES('integrity-check')"
	[ -z "$(sqlite3 "$db" 'PRAGMA foreign_key_check')" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM files f WHERE nsyms != (SELECT count(*) FROM symbols s WHERE s.file_id = f.id)')" = 0 ]
}

@test "a first load of two scans joined, naming one path twice, keeps the second and a sound index" {
	mkdir a b
	printf 'class A { int x; }\n' > a/X.java
	printf 'class B { int y; }\n' > b/X.java
	(ax-scan -q a; ax-scan -q b) | ax-parse | ax-load -q --db two.db
	sound two.db
	sqlite3 two.db "INSERT INTO symbols_stem(symbols_stem) VALUES('integrity-check')"
	[ "$(sqlite3 two.db 'SELECT group_concat(name) FROM (SELECT name FROM symbols ORDER BY name)')" = B,y ]
	run ax-rank --db two.db B
	assert_status 0
	assert_contains "$output" "X.java:1:7"
}

@test "a first load adds every file with its symbols, imports, refs" {
	gen 50 > s.ax
	run ax-load < s.ax
	assert_status 0
	assert_contains "$output" "50 added, 0 changed, 0 deleted, 0 unchanged"
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM files')" = 50 ]
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM imports')" = 50 ]
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM refs')" = 50 ]
	# Children point at their class.
	[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM symbols WHERE kind = 'method' AND parent_id IS NULL")" = 0 ]
	sound
}

@test "split words are searchable through FTS5" {
	printf '%s\n' '{"t":"parsed","path":"net/url.py","lang":"python","hash":"0000000000000001","syms":[{"name":"parseHTTPHeader2","kind":"function","line":3,"col":4,"parent":-1,"sig":"def parseHTTPHeader2(raw):"}],"imports":[],"refs":[]}' |
		with_end | ax-cat -j | ax-load -q
	[ "$(sqlite3 .ax/index.db "SELECT name FROM symbols_fts WHERE symbols_fts MATCH 'header'")" = parseHTTPHeader2 ]
	[ "$(sqlite3 .ax/index.db "SELECT name FROM symbols_fts WHERE symbols_fts MATCH 'path_words:url'")" = parseHTTPHeader2 ]
	[ "$(sqlite3 .ax/index.db "SELECT name_words FROM symbols")" = "parse http header 2" ]
}

@test "an unchanged stream rewrites nothing" {
	gen 40 > s.ax
	ax-load -q < s.ax
	# A rewrite would set the load's time: 0 cannot be it.
	sqlite3 .ax/index.db 'UPDATE files SET indexed_at = 0'
	before=$(sqlite3 .ax/index.db 'SELECT group_concat(id) FROM symbols; SELECT group_concat(indexed_at) FROM files')
	run ax-load < s.ax
	assert_contains "$output" "0 added, 0 changed, 0 deleted, 40 unchanged"
	[ "$before" = "$(sqlite3 .ax/index.db 'SELECT group_concat(id) FROM symbols; SELECT group_concat(indexed_at) FROM files')" ]
}

@test "a load that changes nothing writes nothing: the index file and its meta stay" {
	gen 40 > s.ax
	ax-load -q < s.ax
	# A load time and a file time no run can write: any write changes one
	# or both (rather than waiting for the clock to move on).
	sqlite3 .ax/index.db "UPDATE meta SET value = '0' WHERE key = 'last_load'"
	touch -d '2000-01-01 00:00:00' .ax/index.db
	before=$(stat -c '%s %Y' .ax/index.db; md5sum < .ax/index.db; sqlite3 .ax/index.db 'SELECT * FROM meta ORDER BY key')
	[ "$(sqlite3 .ax/index.db "SELECT value FROM meta WHERE key = 'last_load'")" = 0 ]
	run ax-load < s.ax
	assert_contains "$output" "0 added, 0 changed, 0 deleted, 40 unchanged"
	[ "$before" = "$(stat -c '%s %Y' .ax/index.db; md5sum < .ax/index.db; sqlite3 .ax/index.db 'SELECT * FROM meta ORDER BY key')" ]
	[ ! -s .ax/index.db-wal ]
}

@test "a no-change load resolves what an earlier --no-resolve load left, and a deletion" {
	gen 10 > s.ax
	ax-load -q --no-resolve < s.ax
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM imports WHERE status IS NULL')" = 10 ]
	ax-load -q < s.ax
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM imports WHERE status IS NULL')" = 0 ]
	[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM meta WHERE key = 'graph.current'")" = 1 ]
	# A deletion loaded without resolving leaves the pass stale: the next
	# load, with nothing to change, runs it.
	gen 10 --drop 1 | ax-load -q --no-resolve
	[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM meta WHERE key = 'graph.current'")" = 0 ]
	gen 10 --drop 1 | ax-load -q
	[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM meta WHERE key = 'graph.current'")" = 1 ]
}

@test "changed files replace their rows and keep their file id" {
	gen 30 | ax-load -q
	id=$(sqlite3 .ax/index.db "SELECT id FROM files WHERE path = 'src/m00000/file0.py'")
	gen 30 --change 5 > changed.ax
	run ax-load < changed.ax
	assert_contains "$output" "0 added, 5 changed, 0 deleted, 25 unchanged"
	[ "$id" = "$(sqlite3 .ax/index.db "SELECT id FROM files WHERE path = 'src/m00000/file0.py'")" ]
	# The state equals a fresh load of the changed stream.
	state > incremental.txt
	ax-load -q --db fresh.db < changed.ax
	state fresh.db > fresh.txt
	diff incremental.txt fresh.txt
	sound
	# Old names are gone from the full-text index too.
	[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM symbols_fts WHERE symbols_fts MATCH 'name_words:100 OR name_words:101'")" -gt 0 ]
}

@test "files missing from a complete scan are deleted, and only then" {
	gen 20 | ax-load -q
	run ax-load -q < <(gen 20 --drop 3 --no-end)
	assert_status 2
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM files')" = 20 ]
	gen 20 --drop 3 --incomplete | ax-load -q
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM files')" = 20 ]
	run ax-load < <(gen 20 --drop 3)
	assert_contains "$output" "0 added, 0 changed, 3 deleted, 17 unchanged"
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM files')" = 17 ]
	sound
}

@test "a truncated stream loads whole files only and deletes nothing" {
	gen 20 | ax-load -q
	gen 20 --change 20 --drop 5 > s.ax
	size=$(stat -c %s s.ax)
	head -c $((size / 2)) s.ax > cut.ax
	before=$(state)
	run ax-load < cut.ax
	assert_status 2
	assert_contains "$output" "stream ends inside a record"
	assert_contains "$output" "nothing deleted"
	# One batch: the index is exactly as before.
	[ "$before" = "$(state)" ]
	sound
}

@test "a rename is a delete and an add" {
	printf '%s\n' '{"t":"parsed","path":"old.py","lang":"python","hash":"00000000000000aa","syms":[{"name":"f","kind":"function","line":1,"col":0,"parent":-1}],"imports":[],"refs":[]}' \
		'{"t":"end","files":1,"complete":true}' | ax-cat -j | ax-load -q
	run ax-load < <(printf '%s\n' '{"t":"parsed","path":"new.py","lang":"python","hash":"00000000000000aa","syms":[{"name":"f","kind":"function","line":1,"col":0,"parent":-1}],"imports":[],"refs":[]}' \
		'{"t":"end","files":1,"complete":true}' | ax-cat -j)
	assert_contains "$output" "1 added, 0 changed, 1 deleted, 0 unchanged"
	[ "$(sqlite3 .ax/index.db 'SELECT path FROM files')" = new.py ]
	sound
}

@test "a gone record deletes the file, or every file under a directory, and nothing else" {
	for p in a.py d/b.py d/e/c.py d.py dx/f.py; do
		printf '{"t":"parsed","path":"%s","lang":"python","hash":"00000000000000aa","syms":[{"name":"f","kind":"function","line":1,"col":0,"parent":-1}],"imports":[],"refs":[]}\n' "$p"
	done | with_end | ax-cat -j | ax-load -q
	printf '{"t":"err","path":"d/e/c.py","stage":"parse","code":"timeout","msg":"slow"}\n' | with_end | ax-cat -j | ax-load -q
	# d names a directory: d/b.py and d/e/c.py go, d.py and dx/f.py (same
	# prefix, not below d/) stay; no end record, so nothing else is deleted.
	run ax-load < <(printf '%s\n' '{"t":"gone","path":"d"}' '{"t":"gone","path":"never.py"}' | with_end | ax-cat -j)
	assert_status 0
	assert_contains "$output" "2 deleted"
	[ "$(sqlite3 .ax/index.db 'SELECT path FROM files ORDER BY path' | tr '\n' ' ')" = "a.py d.py dx/f.py " ]
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM errors')" = 0 ]
	# An empty path is refused (docs/stream.md, "Paths"): nothing deleted.
	run ax-load < <(printf '%s\n' '{"t":"gone","path":""}' | with_end | ax-cat -j)
	assert_status 0
	assert_contains "$output" 'gone record: path refused: "": empty path'
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM files')" = 3 ]
	run ax-load < <(printf '%s\n' '{"t":"gone"}' | ax-cat -j)
	assert_status 2
	assert_contains "$output" "gone record without a path"
	sound
}

@test "--dry-run reports the changes a real run makes, and changes nothing" {
	gen 30 | ax-load -q
	cp .ax/index.db before.db
	gen 30 --change 4 --drop 2 > next.ax
	run ax-load --dry-run < next.ax
	assert_status 0
	assert_contains "$output" "dry run, would be: 0 added, 4 changed, 2 deleted, 24 unchanged"
	[ "$(sqlite3 before.db .dump)" = "$(sqlite3 .ax/index.db .dump)" ]
	run ax-load < next.ax
	assert_contains "$output" "0 added, 4 changed, 2 deleted, 24 unchanged"
}

@test "--dry-run without an index creates none" {
	run ax-load --dry-run < <(gen 5)
	assert_status 0
	assert_contains "$output" "would be: 5 added"
	[ ! -e .ax ]
}

@test "a failed load into a new index leaves nothing; one into an existing index keeps it" {
	run ax-load --db new.db < <(printf 'garbage\n')
	assert_status 2
	assert_contains "$output" "record is not a msgpack map"
	[ -z "$(ls -A)" ]
	# The default place: the .ax/ it made goes too.
	run ax-load < <(gen 3 | head -c 200)
	assert_status 2
	[ -z "$(ls -A)" ]
	# An index that was there stays, whole, even when empty.
	ax-db --db empty.db migrate > /dev/null
	run ax-load --db empty.db < <(printf 'garbage\n')
	assert_status 2
	[ -e empty.db ]
	sound empty.db
	mkdir .ax
	run ax-load < <(printf 'garbage\n')
	assert_status 2
	[ -d .ax ] && [ -z "$(ls -A .ax)" ]
}

@test "err records are kept per file and cleared when the file parses again" {
	gen 3 | ax-load -q
	printf '%s\n' '{"t":"err","path":"src/m00000/file1.py","stage":"parse","code":"timeout","msg":"took too long"}' \
		'{"t":"err","path":"gone.py","stage":"scan","code":"EACCES","msg":"Permission denied"}' | with_end | ax-cat -j | ax-load -q
	[ "$(sqlite3 .ax/index.db "SELECT e.code FROM errors e JOIN files f ON f.id = e.file_id")" = timeout ]
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM errors')" = 2 ]
	# The file with the error keeps its old rows.
	[ "$(sqlite3 .ax/index.db "SELECT nsyms > 0 FROM files WHERE path = 'src/m00000/file1.py'")" = 1 ]
	gen 3 --change 3 | ax-load -q
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM errors')" = 0 ]
}

@test "bad records are refused with a message and leave the index as it was" {
	gen 5 | ax-load -q
	before=$(state)
	run ax-load < <(printf '%s\n' '{"t":"parsed","path":"x.py","lang":"python","hash":"00000000000000aa","syms":[],"imports":[],"refs":[]}' \
		'{"t":"parsed","path":"y.py","lang":"python","syms":[]}' | ax-cat -j)
	assert_status 2
	assert_contains "$output" "y.py: hash is not 16 lowercase hex digits"
	[ "$before" = "$(state)" ]
	run ax-load < <(printf '%s\n' '{"t":"parsed","path":"z.py","lang":"python","hash":"00000000000000ab","syms":[{"kind":"function"}]}' | ax-cat -j)
	assert_status 2
	assert_contains "$output" "symbol 0 has no name or kind"
	[ "$before" = "$(state)" ]
	run ax-load < <(printf 'garbage\n')
	assert_status 2
	assert_contains "$output" "record is not a msgpack map"
	[ "$before" = "$(state)" ]
	sound
}

@test "huge strings are cut, not stored whole" {
	long=$(head -c 100000 /dev/zero | tr '\0' a)
	printf '{"t":"parsed","path":"big.js","lang":"javascript","hash":"00000000000000aa","syms":[{"name":"%s","kind":"function","line":1,"col":0,"parent":-1,"sig":"%s"}],"imports":[],"refs":[]}\n' "$long" "$long" |
		with_end | ax-cat -j | ax-load -q
	[ "$(sqlite3 .ax/index.db 'SELECT length(name) <= 1024, length(signature) <= 2048 FROM symbols')" = "1|1" ]
}

@test "a file that is not an index is refused" {
	mkdir .ax
	printf 'this is not sqlite at all, just some text padding it out....' > .ax/index.db
	run ax-load < <(gen 2)
	assert_status 2
	assert_contains "$output" "ax-load:"
	[ "$(head -c 20 .ax/index.db)" = "this is not sqlite a" ]
}

@test "a read-only index is refused with a clear message" {
	gen 3 | ax-load -q
	chmod -R a+rX "$WORK"
	chmod a+rw "$WORK"
	gen 3 --change 3 > next.ax
	chmod a+r next.ax
	before=$(state)
	# Root may write anything: an unprivileged user meets the read-only file.
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$AX_BIN/ax-load" --db "$WORK/.ax/index.db" < next.ax
	assert_status 2
	assert_contains "$output" "ax-load:"
	assert_contains "$output" "read-only"
	[ "$before" = "$(state)" ]
}

@test "kill -9 at any point leaves a sound index, and a re-run finishes the job" {
	gen 1500 > big.ax
	ax-load -q --db ref.db < big.ax
	state ref.db > want.txt
	for delay in 0.05 0.15 0.3 0.5 0.8; do
		ax-load -q --batch 40 < big.ax & pid=$!
		sleep "$delay"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		sound
	done
	ax-load -q < big.ax
	state > got.txt
	diff want.txt got.txt
	sound
}

@test "a new index is built beside its path and appears whole, its full-text rows as a rebuild makes them" {
	gen 7000 > big.ax # more symbols than one full-text fill (20,000)
	ax-load -q --db new.db < big.ax
	[ "$(sqlite3 new.db 'SELECT count(*) FROM symbols')" -gt 20000 ]
	[ ! -e new.db.new ]
	[ "$(sqlite3 new.db 'PRAGMA journal_mode')" = wal ]
	sound new.db
	sqlite3 new.db "INSERT INTO symbols_stem(symbols_stem) VALUES('integrity-check')"
	name=$(sqlite3 new.db 'SELECT name FROM symbols ORDER BY id DESC LIMIT 1')
	q="SELECT group_concat(rowid) FROM (SELECT rowid FROM symbols_fts WHERE symbols_fts MATCH '\"$name\"' ORDER BY rowid)"
	got=$(sqlite3 new.db "$q")
	[ -n "$got" ]
	sqlite3 new.db "INSERT INTO symbols_fts(symbols_fts) VALUES('rebuild')"
	[ "$got" = "$(sqlite3 new.db "$q")" ]
	# The bulk load's larger FTS5 hashsize is not left for later loads.
	[ "$(sqlite3 new.db "SELECT v FROM symbols_fts_config WHERE k = 'hashsize'")" = 1048576 ]
}

@test "a first load killed half way leaves no index; the next removes its .new and builds it" {
	gen 3000 > big.ax
	# A stream that stalls half way (a FIFO held open): the load is
	# surely in progress when it is killed.
	mkfifo stream
	ax-load -q --db k.db < stream & pid=$!
	exec 7> stream
	head -c 200000 big.ax >&7
	# The stream never ends (the FIFO stays open): once the new file is
	# there the load is in progress, and stays so until killed.
	wait_until [ -e k.db.new ]
	kill -9 "$pid"
	wait "$pid" || true
	exec 7>&-
	[ -e k.db.new ]
	[ ! -e k.db ]
	ax-load -q --db k.db < big.ax
	[ ! -e k.db.new ]
	sound k.db
	[ "$(sqlite3 k.db 'SELECT count(*) FROM files')" = 3000 ]
}

@test "readers see only whole files while a load runs" {
	gen 3000 > big.ax
	gen 10 --seed 7 | ax-load -q   # the index exists before the readers start
	ax-load -q --batch 20 < big.ax &
	pid=$!
	bad=0 reads=0
	while kill -0 "$pid" 2>/dev/null; do
		n=$(sqlite3 -cmd '.timeout 5000' .ax/index.db \
			'SELECT count(*) FROM files f WHERE nsyms != (SELECT count(*) FROM symbols s WHERE s.file_id = f.id)' 2>&1) || n="error: $n"
		[ "$n" = 0 ] || [ -z "$n" ] || { bad=$((bad + 1)); echo "read: $n"; }
		reads=$((reads + 1))
	done
	wait "$pid"
	echo "reads=$reads bad=$bad"
	[ "$bad" = 0 ]
	[ "$reads" -gt 0 ]
}

@test "two loaders at once: the second waits, both succeed, the index is right" {
	gen 800 > a.ax
	gen 800 --change 100 > b.ax
	ax-load --batch 10 < a.ax 2> a.err &
	p1=$!
	ax-load --batch 10 < b.ax 2> b.err &
	p2=$!
	wait "$p1"
	wait "$p2"
	sound
	ax-load -q --db ref1.db < a.ax
	ax-load -q --db ref1.db < b.ax
	state ref1.db > want1.txt
	ax-load -q --db ref2.db < b.ax
	ax-load -q --db ref2.db < a.ax
	state ref2.db > want2.txt
	state > got.txt
	cmp -s got.txt want1.txt || cmp -s got.txt want2.txt
}

@test "--merge combines shard indexes into the same index as one load" {
	gen 300 > all.ax
	ax-cat all.ax | sed -n '1,151p;$p' | ax-cat -j > half1.ax
	ax-cat all.ax | sed -n '1p;152,301p;$p' | ax-cat -j > half2.ax
	ax-load -q --db s1.db < half1.ax
	ax-load -q --db s2.db < half2.ax
	ax-load -q --db one.db < all.ax
	state one.db > want.txt
	run ax-load --merge --db merged.db s1.db s2.db
	assert_status 0
	assert_contains "$output" "150 added"
	state merged.db > got.txt
	diff want.txt got.txt
	sound merged.db
	# Merging again changes nothing.
	run ax-load --merge --db merged.db s1.db
	assert_contains "$output" "0 added, 0 changed, 150 unchanged"
	run ax-load --merge --db merged.db no-such.db
	assert_status 2
}

@test "usage errors" {
	run ax-load --help
	assert_status 0
	assert_contains "$output" "usage: ax-load"
	run ax-load --batch 0
	assert_status 2
	run ax-load stray-arg
	assert_status 2
	assert_contains "$output" "the stream comes on stdin"
	run ax-load --merge
	assert_status 2
}

@test "a re-index reads only what changed: scan --db, parse and load skip files as indexed" {
	mkdir -p tree/src
	for i in 1 2 3 4 5; do printf 'def f%d():\n    return %d\n' "$i" "$i" > tree/src/m$i.py; done
	touch -d '2020-01-01 00:00:00' tree/src/*.py
	ax-scan -q tree | ax-parse | ax-load -q
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM files WHERE size > 0 AND mtime > 0')" = 5 ]
	run bash -c 'ax-scan -q tree | ax-parse | ax-load 2>&1 >/dev/null'
	assert_contains "$output" "0 added, 0 changed, 0 deleted, 5 unchanged"
	# Nothing was parsed: the stream reaching ax-load held no parsed record.
	[ "$(ax-scan -q tree | ax-parse | ax-cat --type parsed | wc -l)" = 0 ]
	printf 'def g():\n    return 0\n' > tree/src/m3.py
	touch -d '2020-01-02 00:00:00' tree/src/m3.py
	[ "$(ax-scan -q tree | ax-parse | ax-cat --type parsed | jq -r .path)" = src/m3.py ]
	run bash -c 'ax-scan -q tree | ax-parse | ax-load 2>&1 >/dev/null'
	assert_contains "$output" "0 added, 1 changed, 0 deleted, 4 unchanged"
	[ "$(sqlite3 .ax/index.db "SELECT s.name FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = 'src/m3.py'")" = g ]
	rm tree/src/m5.py
	run bash -c 'ax-scan -q tree | ax-parse | ax-load 2>&1 >/dev/null'
	assert_contains "$output" "0 added, 0 changed, 1 deleted, 4 unchanged"
	sound
}

@test "symbols with an empty name (a JSON key \"\") are left out, their children kept" {
	printf '%s\n' '{"t":"parsed","path":"e.json","lang":"json","hash":"00000000000000aa","syms":[{"name":"","kind":"key","line":1,"col":0,"parent":-1},{"name":"a","kind":"key","line":1,"col":5,"parent":0}],"imports":[],"refs":[]}' |
		with_end | ax-cat -j | ax-load -q
	[ "$(sqlite3 .ax/index.db "SELECT name, parent_id IS NULL FROM symbols")" = "a|1" ]
	sound
}

@test "a full disk ends the load with a clear message and the index as it was" {
	# A small file system of our own (we run as root, as CI does).
	mkdir small
	mount -t tmpfs -o size=3m tmpfs small || { echo "cannot mount a tmpfs: this test needs root" >&2; return 1; }
	gen 20 | ax-load -q --db small/index.db
	before=$(state small/index.db)
	gen 4000 --change 20 > big.ax
	run ax-load --db small/index.db --batch 100000 < big.ax
	status_was=$status
	after=$(state small/index.db)
	sound small/index.db
	umount small
	[ "$status_was" -ne 0 ]
	assert_contains "$output" "full"
	[ "$before" = "$after" ]
}
