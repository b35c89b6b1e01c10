#!/usr/bin/env bats
# Trust boundaries (docs/security.md): what a stream, a shard, an index or
# a repository brings cannot make ax read or write outside the project.

load helpers

# Each kind of path the rule of docs/stream.md ("Paths") refuses.
BAD_PATHS=('../outside/secret.c' "/etc/passwd" 'a//b.c' './a.c' 'a/./b.c' 'a/..' '' 'a\u0000b.c' 'a.c/')

# project: $WORK/proj with one C file, and $WORK/outside/secret.c whose
# symbol must never reach an index.
project() {
	mkdir -p "$WORK/proj/a" "$WORK/outside"
	echo 'int inside_fn(void) { return 0; }' > "$WORK/proj/a.c"
	echo 'int outside_secret(void) { return 1; }' > "$WORK/outside/secret.c"
	cd "$WORK/proj"
}

# bad_stream TYPE: one TYPE record per bad path, then a good file record.
bad_stream() {
	local p
	for p in "${BAD_PATHS[@]}"; do
		if [ "$1" = err ]; then
			printf '{"t":"err","path":"%s","stage":"parse","code":"X","msg":"m"}\n' "$p"
		else
			printf '{"t":"%s","path":"%s","lang":"c","size":9,"mtime":1,"hash":"00000000000000%02x"}\n' \
				"$1" "$p" 1
		fi
	done
	printf '{"t":"file","path":"a.c","lang":"c","size":9,"mtime":1,"hash":"0000000000000002"}\n'
}

@test "ax-parse turns each kind of bad path into an err record and opens nothing" {
	project
	{ printf '{"t":"hdr","v":1,"tool":"ax-scan","root":"%s"}\n' "$WORK/proj"; bad_stream file; } |
		json_stream in.ax
	# strace would show the open; the symbol of the file outside is the proof
	# here, and the err records the verdict.
	run bash -c 'ax-parse < in.ax | ax-cat'
	assert_status 0
	[ "$(grep -c '"code":"badpath"' <<< "$output")" = "${#BAD_PATHS[@]}" ]
	not grep -q outside_secret <<< "$output"
	not grep -q root:x <<< "$output"
	assert_contains "$output" '"path":"a.c"'
	assert_contains "$output" 'path refused: \"../outside/secret.c\": '"'..' component"
	assert_contains "$output" 'path refused: \"a\\x00b.c\": NUL byte in the path'
}

@test "ax-load stores nothing under a bad path of a file, parsed, gone or err record" {
	project
	for t in file parsed gone err; do
		bad_stream "$t" | with_end | json_stream "$t.ax"
		run ax-load < "$t.ax"
		assert_status 0
		assert_contains "$output" "$t record: path refused"
		[ "$(sqlite3 .ax/index.db 'SELECT group_concat(path) FROM files')" = a.c ]
		[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM errors WHERE code = 'badpath' AND path IS NULL")" -ge "${#BAD_PATHS[@]}" ]
		[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM errors WHERE code != 'badpath'")" = 0 ]
	done
}

# crafted_index PATH...: an index of the project whose files table also
# holds PATHs (as a committed or received index may).
crafted_index() {
	ax-scan . | ax-parse | ax-load -q
	local p
	for p in "$@"; do
		sqlite3 .ax/index.db "INSERT INTO files(path, lang, size, mtime, hash, path_words, nsyms, nerrors,
			minified, truncated, indexed_at) VALUES ('$p', 'c', 1, 1, 1, '', 0, 0, 0, 0, 0)"
	done
}

@test "ax-load --merge refuses a shard holding a bad path" {
	project
	mkdir ../shard
	cp a.c ../shard/
	(cd ../shard; crafted_index '../outside/secret.c')
	ax-scan . | ax-parse | ax-load -q
	run ax-load --merge ../shard/.ax/index.db
	assert_status 2
	assert_contains "$output" 'shard refused: path "../outside/secret.c": '"'..' component"
	[ "$(sqlite3 .ax/index.db 'SELECT group_concat(path) FROM files')" = a.c ]
}

@test "ax-lint and ax-status read and stat nothing outside the root for a crafted index" {
	project
	echo '// TODO here' >> ../outside/secret.c
	crafted_index '../outside/secret.c' '/etc/passwd'
	mkdir -p .ax/rules
	cp "$AX_ROOT/examples/rules/todo-issue.yml" .ax/rules/
	run ax-lint
	assert_status 0
	not grep -q 'secret.c:' <<< "$output"
	assert_contains "$output" 'index path refused: "../outside/secret.c"'
	assert_contains "$output" 'index path refused: "/etc/passwd": absolute path'
	run ax-status --json
	assert_status 0
	[ "$(jq '.stale.refused' <<< "$output")" = 2 ]
	[ "$(jq '.stale.missing' <<< "$output")" = 0 ]
}

# indexed: the project indexed by the real pipeline.
indexed() {
	project
	ax-scan . | ax-parse | ax-load -q
}

@test "an index with a trigger, view or table the migrations do not create is refused by every tool" {
	indexed
	cp .ax/index.db clean.db
	local extra
	for extra in "CREATE TRIGGER planted AFTER INSERT ON files BEGIN DELETE FROM symbols; END" \
		"CREATE VIEW planted AS SELECT * FROM files" "CREATE TABLE planted(x)"; do
		cp clean.db .ax/index.db
		sqlite3 .ax/index.db "$extra"
		for cmd in "ax-rank inside_fn" "ax-graph deps a.c" "ax-status" "ax-load"; do
			run $cmd < /dev/null
			assert_status 2
			assert_contains "$output" "refused: "
			assert_contains "$output" " planted "
		done
		run ax-db verify
		assert_status 1
		assert_contains "$output" "planted"
		assert_contains "$output" "not created by any migration"
	done
	# The clean index is used as before.
	cp clean.db .ax/index.db
	run ax-rank inside_fn
	assert_status 0
	assert_contains "$output" "a.c:1"
	run ax-db verify
	assert_status 0
}

@test "ax-load --merge refuses a shard with a planted trigger; ax-db restore a source with one" {
	indexed
	mkdir ../shard
	cp a.c ../shard/b.c
	(cd ../shard; ax-scan . | ax-parse | ax-load -q)
	sqlite3 ../shard/.ax/index.db "CREATE TRIGGER planted AFTER DELETE ON files BEGIN SELECT 1; END"
	run ax-load --merge ../shard/.ax/index.db
	assert_status 2
	assert_contains "$output" "shard refused: trigger planted on files: not created by any migration"
	[ "$(sqlite3 .ax/index.db 'SELECT group_concat(path) FROM files')" = a.c ]
	run ax-db restore ../shard/.ax/index.db
	assert_status 2
	assert_contains "$output" "trigger planted on files"
	[ "$(sqlite3 .ax/index.db 'SELECT group_concat(path) FROM files')" = a.c ]
}

# hostile: $WORK/repo as a cloned repository may come: a committed
# .ax/config naming a place outside (absolute, and through a committed
# symbolic link), an .ax/flags.json, an .ax/index.db with a planted trigger,
# and .ax/rules/ with a catastrophic regex. $WORK/outside is the sentinel:
# nothing may appear in it, nor may its secret reach any output.
hostile() {
	mkdir -p "$WORK/outside" "$WORK/repo/.ax/rules" "$WORK/repo/src"
	echo 'int outside_secret(void) { return 1; }' > "$WORK/outside/secret.c"
	cd "$WORK/repo"
	echo 'int inside_fn(void) { return 0; }' > src/a.c
	python3 -c "print('int ' + 'a' * 40 + '(void) { return 0; }')" > src/long.c
	ln -s ../outside link
	echo '{"version": 1, "flags": {"rank.rerank": {"enabled": true}}}' > .ax/flags.json
	cat > .ax/rules/catastrophic.yml <<-'YML'
	id: catastrophic
	severity: note
	message: never reported
	query:
	  c: |
	    ((identifier) @match (#match? @match "^([a-z]+)+[0-9]$"))
	YML
	# The committed index: made elsewhere, a trigger planted in it.
	mkdir "$WORK/maker"
	(cd "$WORK/maker"; ax-config init > /dev/null; ax-db migrate > /dev/null)
	cp "$WORK/maker/.ax/index.db" .ax/index.db
	sqlite3 .ax/index.db "CREATE TRIGGER planted AFTER INSERT ON files BEGIN DELETE FROM symbols; END"
	find "$WORK/outside" | sort > "$WORK/outside.before"
}

# Nothing was created in, or read out of, the sentinel directory.
outside_untouched() {
	find "$WORK/outside" | sort | diff "$WORK/outside.before" -
	not grep -rq outside_secret .ax
}

@test "hostile repository: a committed index with a planted trigger is refused, and nothing outside is touched" {
	hostile
	echo "db.path = $WORK/outside/planted.db" > .ax/config
	run ax index
	assert_status 2
	assert_contains "$output" ".ax/config:1: db.path = $WORK/outside/planted.db: refused"
	assert_contains "$output" "refused: trigger planted on files: not created by any migration"
	for cmd in "ax find inside_fn" "ax status" "ax lint"; do
		run $cmd
		assert_status 2
		assert_contains "$output" "trigger planted on files"
	done
	outside_untouched
	# The trigger is still there: ax changed nothing in the refused file.
	[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM sqlite_schema WHERE name = 'planted'")" = 1 ]
}

@test "hostile repository: with the index made anew, every command works inside and says what it refused" {
	hostile
	rm .ax/index.db
	for target in "$WORK/outside/planted.db" "../outside/planted.db" "link/planted.db"; do
		echo "db.path = $target" > .ax/config
		run ax index
		assert_status 0
		assert_contains "$output" ".ax/config:1: db.path = $target: refused: a project's config may not name a place outside the project"
		[ -f .ax/index.db ]
		run ax find inside_fn
		assert_status 0
		assert_contains "$output" "src/a.c:1"
		assert_contains "$output" "refused"
		run ax status
		assert_status 0
		# The catastrophic rule: an error finding for the file it ran away
		# on (a step limit, not a clock), no hang, exit 1.
		run ax lint
		assert_status 1
		assert_contains "$output" "src/long.c:1:1: error: rule stopped on this file: a #match? regex went over its step limit"
		not grep -q "src/a.c" <<< "$output"
		outside_untouched
	done
	# The user's own config may name any place: honoured, without a word.
	mkdir -p "$WORK/home/ax"
	echo "db.path = $WORK/elsewhere.db" > "$WORK/home/ax/config"
	rm .ax/config
	XDG_CONFIG_HOME=$WORK/home run ax index
	assert_status 0
	not grep -q refused <<< "$output"
	[ -f "$WORK/elsewhere.db" ]
}
