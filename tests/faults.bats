#!/usr/bin/env bats
# faults.bats: the fast part of tests/long/faults.sh (docs/faults.md): a
# stage killed during `ax index`, SIGPIPE, garbage into ax-load, the index
# deleted under ax-load, two overlapping writers.

load helpers

setup() {
	WORK=$(mktemp -d "${BATS_TMPDIR:-/tmp}/ax.XXXXXX")
	cd "$WORK" || return 1
	PATH=$AX_BIN:$PATH
	export HOME=$WORK/home DO_NOT_TRACK=1
	mkdir -p "$HOME"
	. "$AX_ROOT/tests/long/lib.sh"
	lt_tree tree 800
}

# A gated ax-load (see the overlap test) still waiting when a test failed is
# let go: opening its FIFO read-write never blocks.
eval "helpers_$(declare -f teardown)"
teardown() {
	if [ -p "$WORK/go" ]; then : <> "$WORK/go"; fi
	helpers_teardown
}

# Each file old ($WORK/before) or as a clean index has it, and consistent.
per_file() {
	sqlite3 "$1" "SELECT f.path || '|' || f.hash || '|' || (SELECT count(*) FROM symbols s
		WHERE s.file_id = f.id) FROM files f" | LC_ALL=C sort
}

assert_sane() {   # assert_sane DB: consistent, each file old or new
	local why
	why=$(lt_consistent "$1")
	[ -z "$why" ] || { echo "inconsistent: $why" >&2; return 1; }
	per_file "$1" > now
	LC_ALL=C sort -u before after > either
	why=$(LC_ALL=C comm -23 now either | head -3)
	[ -z "$why" ] || { echo "neither old nor new: $why" >&2; return 1; }
}

clean_index() {
	rm -f clean.db*
	ax index tree --db "$WORK/clean.db" -q
	per_file clean.db > after
}

change_tree() {
	for f in tree/d1/*.py tree/d2/*.c tree/d3/*.js; do printf '\n# %s\n' "$RANDOM" >> "$f"; done
	rm -f tree/d4/*.py
}

# stage_or_end AX STAGE: true once ax's child STAGE runs (its pid in $pid)
# or once ax has ended ($pid empty): a try kills the stage only
# if it is found running, however long it takes to start.
stage_or_end() {
	local state
	pid=$(pgrep -P "$1" -x "$2") && return 0
	state=$(cut -d' ' -f3 "/proc/$1/stat" 2> /dev/null) || return 0 # reaped
	[ "$state" = Z ]
}

@test "a stage killed during ax index: named, non-zero, index whole; a rerun recovers" {
	ax index tree --db "$WORK/idx.db" -q
	for stage in ax-scan:KILL ax-parse:TERM ax-load:KILL; do
		sig=${stage#*:} stage=${stage%:*} landed=0
		for try in 1 2 3 4 5 6; do
			change_tree
			per_file idx.db > before
			clean_index
			ax index tree --db "$WORK/idx.db" 2> err &
			ax=$!
			wait_until stage_or_end "$ax" "$stage"
			if [ -n "$pid" ]; then kill -"$sig" "$pid" 2> /dev/null || true; fi
			st=0
			wait "$ax" || st=$?
			assert_sane idx.db
			if [ "$st" != 0 ]; then
				assert_contains "$(cat err)" "index failed in $stage (killed by signal"
				landed=1
			fi
			ax index tree --db "$WORK/idx.db" -q
			[ "$(lt_state idx.db)" = "$(lt_state clean.db)" ]
			[ "$landed" = 1 ] && break
		done
		[ "$landed" = 1 ] || { echo "never killed $stage while it ran" >&2; return 1; }
	done
}

@test "a producer killed between records: ax-load exits 2, a pipefail pipeline fails, a rerun recovers" {
	ax index tree --db "$WORK/idx.db" -q
	change_tree
	per_file idx.db > before
	clean_index
	(cd tree && find . -type f | sed 's|^\./||' | LC_ALL=C sort | head -n 60) > list
	mkfifo names
	# ax-scan --stdin waits on the FIFO for more names: killed there, its
	# stream stops with no end record (cut between records, or inside one
	# that ax-parse drops).
	bash -c 'set -o pipefail; cd tree
		sh -c "echo \$\$ > ../scan.pid; exec ax-scan -q --stdin . < ../names" |
			ax-parse | ax-load --db ../idx.db
		echo "${PIPESTATUS[2]} $?" > ../result' 2> err &
	job=$!
	exec 5> names   # returns once ax-scan has the FIFO open (scan.pid written)
	cat list >&5
	kill -KILL "$(cat scan.pid)"
	exec 5>&-
	wait "$job"
	read -r load all < result
	[ "$load" = 2 ] || { echo "ax-load exited $load: $(cat err)" >&2; return 1; }
	[ "$all" != 0 ]
	assert_contains "$(cat err)" "without an end record"
	assert_contains "$(cat err)" "nothing deleted"
	assert_sane idx.db
	ax index tree --db "$WORK/idx.db" -q
	[ "$(lt_state idx.db)" = "$(lt_state clean.db)" ]
}

@test "SIGPIPE: a consumer exiting early is no error" {
	ax index tree --db "$WORK/idx.db" -q
	cd tree
	ax-scan . 2> ../err | head -c 1000 > /dev/null
	[ "${PIPESTATUS[0]}" = 0 ]
	[ ! -s ../err ]
	ax-scan . | ax-parse 2> ../err | head -c 1000 > /dev/null
	[ "${PIPESTATUS[1]}" = 0 ]
	[ ! -s ../err ]
	ax-rank --db "$WORK/idx.db" fn 2> ../err | head -1 > /dev/null
	[ "${PIPESTATUS[0]}" = 0 ] && [ ! -s ../err ]
}

@test "garbage after valid records: status 2 with the byte offset, committed batches kept" {
	ax index tree --db "$WORK/idx.db" -q
	change_tree
	per_file idx.db > before
	clean_index
	(cd tree && ax-scan --db "$WORK/idx.db" . | ax-parse) > stream
	half=$(( $(stat -c %s stream) / 2 ))
	run bash -c "{ head -c $half stream; head -c 3000 /dev/urandom; } | ax-load --db idx.db --batch 20"
	assert_status 2
	assert_contains "$output" "byte "
	assert_contains "$output" "was not loaded"
	assert_sane idx.db
	# Some changed files of the first half are in, as committed batches.
	[ -n "$(LC_ALL=C comm -12 now after | LC_ALL=C comm -23 - before)" ]
	ax index tree --db "$WORK/idx.db" -q
	[ "$(lt_state idx.db)" = "$(lt_state clean.db)" ]
}

@test "the index deleted under ax-load: a clear message, and a rerun makes it again" {
	mkdir -p mid/.ax
	ax index tree --db "$WORK/mid/.ax/index.db" -q
	change_tree
	clean_index
	(cd tree && ax-scan --db "$WORK/mid/.ax/index.db" . | ax-parse) > stream
	# The loader gets the first part of the stream and waits for the rest;
	# the index goes once the loader has committed a batch (the WAL has it).
	mkfifo feed
	ax-load --db "$WORK/mid/.ax/index.db" --batch 10 < feed 2> err 3>&- &
	loader=$!
	exec 4> feed
	head -c 20000 stream >&4
	wait_until test -s mid/.ax/index.db-wal
	rm -rf mid/.ax
	# The rest makes more batches; the loader may stop before it reads it all.
	tail -c +20001 stream >&4 || true
	exec 4>&-
	st=0
	wait "$loader" || st=$?
	[ "$st" = 3 ]
	assert_contains "$(cat err)" "was deleted or replaced during the load"
	[ ! -e mid/.ax/index.db ]
	ax index tree --db "$WORK/mid/.ax/index.db" -q
	[ "$(lt_state mid/.ax/index.db)" = "$(lt_state clean.db)" ]
}

# The lock file of the ax-load on index $1 is held, not only waited for.
load_locked() {
	local ino
	ino=$(stat -c %i "$1.load-lock")
	grep -v -e '->' /proc/locks | grep -q "FLOCK .* WRITE .*:$ino "
}

@test "two overlapping ax index runs: both succeed, the second waits, the result is a clean index" {
	ax index tree --db "$WORK/idx.db" -q
	change_tree
	# The first run's ax-load takes the lock and then reads its stream only
	# once the test opens the FIFO go: it holds the lock as long as the test
	# needs. ax runs the tools beside it: a copy of ax in gated/ runs this one.
	mkdir gated
	cp "$AX_BIN/ax" gated/
	ln -s "$AX_BIN/ax-scan" "$AX_BIN/ax-parse" gated/
	printf '#!/bin/sh\n{ cat "%s/go" > /dev/null; cat; } | exec "%s/ax-load" "$@"\n' "$WORK" "$AX_BIN" > gated/ax-load
	chmod +x gated/ax-load
	mkfifo go
	gated/ax index tree --db "$WORK/idx.db" 2> w1 3>&- &
	a=$!
	wait_until load_locked idx.db
	rm -f tree/d5/*.c   # deleted while the first runs
	ax index tree --db "$WORK/idx.db" 2> w2 3>&- &
	b=$!
	wait_until grep -q "waiting for another ax-load on $WORK/idx.db" w2
	# Readers never wait for the loader.
	for i in 1 2 3 4 5 6 7 8 9 10; do
		run ax-rank --db "$WORK/idx.db" fn_1
		[ "$status" -le 1 ]
	done
	release go
	wait "$a"
	wait "$b"
	not grep -q "waiting" w1
	# The second run, started after the deletion, loaded last.
	clean_index
	[ "$(lt_state idx.db)" = "$(lt_state clean.db)" ]
}
