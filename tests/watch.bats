#!/usr/bin/env bats
# ax-watch: the index follows the tree while files change.

load helpers

# The watcher runs in the background with its messages in watch.log; fd 3
# (bats's own) is closed for it so that bats does not wait on it.
start_watch() {
	: > watch.log # not the last watcher's
	ax-watch --debounce 100 "$@" 2> watch.log 3>&- &
	WATCH_PID=$!
	wait_for "grep -q 'full scan (start)' watch.log"
}

teardown() {
	if [ -n "$WATCH_PID" ] && kill -0 "$WATCH_PID" 2>/dev/null; then
		kill -TERM "$WATCH_PID"
		wait "$WATCH_PID" 2>/dev/null || true
	fi
	cd /
	chmod -R u+rwx "$WORK" 2>/dev/null
	rm -rf "$WORK"
}

# Evaluate a condition every 0.1 s until it holds. The bound
# ($EVENT_TIMEOUT, helpers.bash) is a net against a hang, not a verdict.
wait_for() {
	local end=$((SECONDS + EVENT_TIMEOUT))
	until eval "$1"; do
		if [ "$SECONDS" -ge "$end" ]; then
			echo "timed out waiting for: $1" >&2
			cat watch.log >&2
			return 1
		fi
		sleep 0.1
	done
}

# The status of the background watcher once it has exited by itself.
wait_exit() {
	wait_for "! kill -0 $WATCH_PID 2>/dev/null"
	set +e
	wait "$WATCH_PID"
	status=$?
	set -e
	WATCH_PID=
}

DB=.ax/index.db
q() { sqlite3 "$DB" "$1"; }
indexed() { [ "$(q "SELECT count(*) FROM files WHERE path = '$1'")" = 1 ]; }
absent() { [ "$(q "SELECT count(*) FROM files WHERE path = '$1'")" = 0 ]; }
# Files of the index whose path starts with $1, sorted.
paths_under() { q "SELECT path FROM files WHERE path LIKE '$1%' ORDER BY path"; }
symbols_of() { q "SELECT s.name FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = '$1' ORDER BY s.name" | tr '\n' ' '; }

# No half-loaded file, whatever stopped a load: SQLite's and FTS5's checks,
# and every file's symbol count equals its symbol rows.
sound() {
	[ "$(q 'PRAGMA integrity_check')" = ok ]
	q "INSERT INTO symbols_fts(symbols_fts) VALUES('integrity-check')"
	[ "$(q 'SELECT count(*) FROM files f WHERE nsyms != (SELECT count(*) FROM symbols s WHERE s.file_id = f.id)')" = 0 ]
}

pyfile() { mkdir -p "${1%/*}"; printf 'def %s():\n    return 1\n' "$2" > "$1"; }
# Many files, made by the shell alone (no process per file): DIR N PREFIX.
pyfiles() { mkdir -p "$1"; for ((i = 1; i <= $2; i++)); do printf 'def %s%s():\n    return 1\n' "$3" $i > "$1/$3$i.py"; done; }

repo() {
	git init -q .
	pyfile src/a.py alpha
}

@test "--help, --version, bad options and a missing DIR" {
	run ax-watch --help
	assert_status 0
	assert_contains "$output" "usage: ax-watch"
	run ax-watch --version
	assert_contains "$output" "ax-watch 0.1.0"
	run ax-watch --debounce x
	assert_status 2
	assert_contains "$output" "--debounce: expected a number"
	run ax-watch --frobnicate
	assert_status 2
	run ax-watch no/such/dir
	assert_status 2
	assert_contains "$output" "ax-watch: cannot watch 'no/such/dir': No such file or directory"
}

@test "a new file, an edit and a deletion reach the index, one line per round" {
	repo
	start_watch
	indexed src/a.py
	pyfile src/b.py beta
	wait_for "indexed src/b.py"
	pyfile src/b.py gamma
	wait_for "[ \"\$(symbols_of src/b.py)\" = 'gamma ' ]"
	rm src/b.py
	wait_for "absent src/b.py"
	wait_for "grep -q '0 added, 0 changed, 1 removed: indexed in' watch.log"
	assert_contains "$(cat watch.log)" "ax-watch: watching $WORK"
	assert_contains "$(cat watch.log)" "1 added, 0 changed, 0 removed: indexed in"
	# The stages' own summaries became ax-watch's lines.
	not grep -q '^ax-load' watch.log
	sound
}

@test "save by rename (write a temporary file, mv it over) indexes the new content once" {
	repo
	start_watch
	printf 'def renamed_in():\n    pass\n' > src/.a.py.swp
	mv src/.a.py.swp src/a.py
	wait_for "[ \"\$(symbols_of src/a.py)\" = 'renamed_in ' ]"
	[ "$(q "SELECT count(*) FROM files")" = 1 ]
	[ "$(q "SELECT count(*) FROM symbols WHERE name = 'alpha'")" = 0 ]
	sound
}

@test "a new directory's files are indexed, also those written before its watch" {
	repo
	start_watch
	mkdir -p new/deep/er
	for i in 1 2 3; do pyfile new/deep/er/f$i.py fn$i; done
	pyfile new/top.py top
	# A tree made elsewhere and moved in at once: no event for its files.
	mkdir -p ../moved.$$/inner
	pyfile ../moved.$$/inner/m.py moved
	mv ../moved.$$ moved
	wait_for "[ \"\$(paths_under new/ | wc -l)\" = 4 ]"
	wait_for "indexed moved/inner/m.py"
	# Files created in the new directory later come through its watch.
	pyfile new/deep/er/later.py later
	wait_for "indexed new/deep/er/later.py"
}

@test "a removed or renamed directory takes its files out of the index" {
	repo
	pyfiles lib/sub 20 fn
	pyfile keep/k.py k
	start_watch
	[ "$(paths_under lib/ | wc -l)" = 20 ]
	rm -rf lib
	wait_for "[ -z \"\$(paths_under lib/)\" ]"
	mv keep kept
	wait_for "indexed kept/k.py && absent keep/k.py"
	# The moved directory is watched under its new name.
	pyfile kept/k2.py k2
	wait_for "indexed kept/k2.py"
	indexed src/a.py
	sound
}

# Two branches with 500 files each, none in common: a checkout is 1000
# changes at once. The index must end equal to the branch's files.
branches() {
	repo
	git add -A
	git -c user.name=t -c user.email=t@t commit -qm base
	git checkout -qb one
	for m in 0 1 2 3 4; do pyfiles one/m$m 100 one_${m}_; done
	git add -A
	git -c user.name=t -c user.email=t@t commit -qm one
	git checkout -q main 2>/dev/null || git checkout -q master
	git checkout -qb two
	for m in 0 1 2 3 4; do pyfiles two/m$m 100 two_${m}_; done
	pyfile src/a.py changed_on_two
	git add -A
	git -c user.name=t -c user.email=t@t commit -qm two
	git checkout -q one
}

matches_git() { [ "$(git ls-files | LC_ALL=C sort)" = "$(q 'SELECT path FROM files ORDER BY path')" ]; }

@test "a branch switch (1000 changes) through named paths" {
	branches
	start_watch --burst 100000
	matches_git
	git checkout -q two
	wait_for matches_git
	[ "$(symbols_of src/a.py)" = "changed_on_two " ]
	git checkout -q one
	wait_for matches_git
	not grep -q 'full scan (many' watch.log
	sound
}

@test "a branch switch over --burst becomes one full scan" {
	branches
	start_watch --burst 50
	git checkout -q two
	wait_for matches_git
	[ "$(symbols_of src/a.py)" = "changed_on_two " ]
	# One full scan, or more if the checkout outlasted a debounce.
	wait_for "grep -q 'full scan (many changes at once): [0-9]* added' watch.log"
	sound
}

@test "--poll indexes by full scans, without inotify" {
	repo
	start_watch --poll=1
	assert_contains "$(cat watch.log)" "polling $WORK every 1 s"
	pyfile src/p.py polled
	wait_for "indexed src/p.py"
	rm src/p.py
	wait_for "absent src/p.py"
	wait_for "grep -q 'full scan (polling): 0 added, 0 changed, 1 removed' watch.log"
}

# inotify's limits are per user namespace: a namespace of our own lowers
# them without touching the machine's.
@test "at the inotify watch limit it says so once and polls" {
	repo
	mkdir -p d1 d2 d3 d4
	unshare -Ur sh -c 'echo 3 > /proc/sys/user/max_inotify_watches && exec ax-watch --debounce 100' 2> watch.log 3>&- &
	WATCH_PID=$!
	wait_for "grep -q 'full scan (start)' watch.log"
	[ "$(grep -c 'inotify watch limit is reached (sysctl fs.inotify.max_user_watches' watch.log)" = 1 ]
	assert_contains "$(cat watch.log)" "polling every 5 s instead"
	pyfile d4/late.py late
	wait_for "indexed d4/late.py"
}

@test "reaching the watch limit while watching turns to polling" {
	repo
	unshare -Ur sh -c 'echo 4 > /proc/sys/user/max_inotify_watches && exec ax-watch --debounce 100' 2> watch.log 3>&- &
	WATCH_PID=$!
	wait_for "grep -q 'full scan (start)' watch.log"
	assert_contains "$(cat watch.log)" "watching $WORK (2 directories)"
	mkdir -p n1 n2 n3/deeper
	pyfile n3/deeper/f.py deep
	wait_for "grep -q 'inotify watch limit is reached (sysctl fs.inotify.max_user_watches = 4); polling every 5 s instead' watch.log"
	wait_for "indexed n3/deeper/f.py"
	wait_for "grep -q 'full scan (switched to polling): 1 added' watch.log"
}

@test "without inotify instances it polls" {
	repo
	unshare -Ur sh -c 'echo 0 > /proc/sys/user/max_inotify_instances && exec ax-watch --debounce 100' 2> watch.log 3>&- &
	WATCH_PID=$!
	wait_for "grep -q 'full scan (start)' watch.log"
	assert_contains "$(cat watch.log)" "cannot use inotify: Too many open files; polling every 5 s instead"
}

@test "--db NEW beside the index found here: NEW gets every file, also those it could reuse" {
	repo
	pyfiles src/old 5 o
	touch -d 2020-01-01 src/old/*.py src/a.py
	ax index -q
	start_watch --db "$WORK/new.db"
	[ "$(sqlite3 "$WORK/new.db" 'SELECT count(*) FROM files')" = 6 ]
}

@test "the root removed or renamed: a message and a non-zero exit" {
	mkdir tree
	cd tree
	repo
	cd ..
	DB=$WORK/index.db
	start_watch --db "$DB" tree
	rm -rf tree
	wait_exit
	[ "$status" = 2 ]
	assert_contains "$(cat watch.log)" "ax-watch: $WORK/tree: the directory was removed; stopped watching"

	mkdir tree
	cd tree
	repo
	cd ..
	start_watch --db "$DB" tree
	mv tree tree2
	wait_exit
	[ "$status" = 2 ]
	assert_contains "$(cat watch.log)" "the directory was moved or renamed; stopped watching"
}

@test "a failing round names its stage, the watch goes on and a full scan retries" {
	repo
	DB=$WORK/outside.db
	start_watch --db "$DB"
	echo 'not a database' > "$DB"
	pyfile src/late.py late
	# ax-scan, reusing the index's hashes, is the first to find it broken.
	wait_for "grep -q 'a round failed in ax-scan (exit status 2); a full scan retries in 2 s' watch.log"
	assert_contains "$(cat watch.log)" "ax-scan: cannot open index $DB: file is not a database"
	rm "$DB"
	wait_for "[ -f '$DB' ] && indexed src/late.py && indexed src/a.py"
	kill -0 "$WATCH_PID"
}

@test "the index's own writes inside the tree are not changes; --rounds ends the watch" {
	repo
	DB=idx.db
	start_watch --db idx.db --rounds 2
	pyfile src/one.py one
	wait_for "indexed src/one.py"
	# Were the index's writes changes, rounds would follow by themselves
	# (debounce 0.1 s) and --rounds 2 would end the watch.
	sleep 1
	kill -0 "$WATCH_PID"
	pyfile src/two.py two
	wait_exit
	[ "$status" = 0 ]
	indexed src/two.py
}

# Ctrl-C from a terminal reaches the whole process group: the stages stop
# mid-load. Each file must then be old or new, never half loaded.
@test "SIGINT to the process group in the middle of a load leaves a sound index" {
	repo
	setsid ax-watch --debounce 100 --burst 100000 2> watch.log 3>&- &
	WATCH_PID=$!
	wait_for "grep -q 'full scan (start)' watch.log"
	stage=$(mktemp -d "$WORK/../stage.XXXXXX")
	for ((i = 1; i <= 3000; i++)); do printf 'def f%s():\n    pass\nclass C%s:\n    def m(self):\n        pass\n' $i $i > "$stage/g$i.py"; done
	mv "$stage" batch
	wait_for "pgrep -g $WATCH_PID -x ax-load > /dev/null"
	kill -INT -- -"$WATCH_PID"
	wait_exit
	[ "$status" = 130 ]
	sound
	n=$(q "SELECT count(*) FROM files")
	[ "$n" -ge 1 ] && [ "$n" -le 3001 ]
}

@test "SIGINT to ax-watch alone lets the running round finish" {
	repo
	start_watch --burst 100000
	# Made elsewhere and moved in: one event, one round of 2000 files.
	stage=$(mktemp -d "$WORK/../stage.XXXXXX")
	pyfiles "$stage" 2000 h
	mv "$stage" batch
	wait_for "pgrep -P $WATCH_PID -x ax-load > /dev/null"
	kill -INT "$WATCH_PID"
	wait_exit
	[ "$status" = 130 ]
	sound
	[ "$(q "SELECT count(*) FROM files")" = 2001 ]
}

@test "ax watch, ax index from cron and queries at once: no errors, and the index ends as a clean one" {
	repo
	pyfiles src/many 300 m
	git add -A
	git -c user.name=ax -c user.email=ax@example.com commit -qm init
	start_watch
	# Queries in a loop for the whole test, cron-style re-indexes beside
	# the watcher's rounds, and edits that both of them see.
	( while [ ! -e stop ]; do ax-rank -n 1 m1 > /dev/null 2>> query.err || [ $? = 1 ] || echo "rank $?" >> query.err; done ) 3>&- &
	qpid=$!
	for round in 1 2 3; do
		pyfiles "src/r$round" 100 "r${round}_"
		rm -f "src/many/m$round.py"
		ax index -q & ipid=$!
		ax index -q --changed
		wait "$ipid"
	done
	touch stop
	wait "$qpid"
	# Exit 1 (nothing yet) comes with its notice; anything else is an error.
	grep -v 'no definition matches the query$' query.err > errors || true
	[ ! -s errors ] || { cat errors >&2; return 1; }
	# The watcher has caught up once it has indexed a file made after every
	# other change (its events come in order). Stopped then (its round
	# ends first), it cannot write while the index is checked, nor take the
	# clean index's files in the tree for changes.
	pyfile src/zz_last.py last
	wait_for "indexed src/zz_last.py"
	kill -INT "$WATCH_PID"
	wait_exit
	[ "$status" = 130 ]
	[ "$(q 'SELECT count(*) FROM files')" = 599 ]
	ax index -q --db "$WORK/clean.db"
	[ "$(q 'SELECT path, hash FROM files ORDER BY path')" = "$(sqlite3 "$WORK/clean.db" 'SELECT path, hash FROM files ORDER BY path')" ]
	sound
	! grep -q 'failed' watch.log
}
