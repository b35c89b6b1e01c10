#!/usr/bin/env bash
# faults.sh: the indexing pipeline under faults (make check-long; what the
# index promises is in docs/faults.md). On a generated tree of $FILES
# files that changes every round, a seeded loop
#   - kills ax-scan, ax-parse or ax-load (SIGKILL or SIGTERM) at a random
#     moment of `ax index`, cold and incremental;
#   - feeds ax-load valid records and then random bytes;
#   - fills the disk under the index (a small tmpfs);
#   - deletes or replaces the index while ax-load works on it;
#   - runs ax-parse and ax-load under low `ulimit -v`;
# and checks SIGPIPE from a consumer that exits early, and overlapping
# `ax index` runs with queries running throughout. After every fault: the
# index passes integrity_check, every file's nsyms equals its symbols, the
# FTS index is consistent, every file is as it was before or as it is
# after (with its own symbols), the failure was reported with a message
# and a non-zero status, and an uninterrupted `ax index` gives exactly the
# index a clean run gives. Needs root (tmpfs); fails, never skips.
#   SEED=n ROUNDS=n FILES=n tests/long/faults.sh
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${AX_BIN:-$root/build/bin}
. "$root/tests/long/lib.sh"
lt_init faults 8
files=${FILES:-3000}
lt_need sqlite3 python3 mount umount md5sum comm pgrep
lt_need_root "a size-capped tmpfs"

# A private copy: a rebuild during the run must not swap the binaries.
mkdir -p "$work/bin"
for t in ax ax-scan ax-parse ax-load ax-rank ax-graph; do cp "$bin/$t" "$work/bin/" || exit 1; done
PATH=$work/bin:$PATH
export HOME=$work/home DO_NOT_TRACK=1
mkdir -p "$HOME"
unset AX_DB

tree=$work/tree
lt_tree "$tree" "$files"
next_file=$files

# Changes about a tenth of the tree, deletes and adds a few files.
mutate() {
	local all i f
	mapfile -t all < <(find "$tree" -type f | LC_ALL=C sort)
	for i in $(seq 1 $((files / 10))); do
		lt_rand "${#all[@]}"
		f=${all[$rnd]}
		[ -e "$f" ] || continue
		if [ $((i % 40)) = 0 ]; then rm -f "$f"; else printf '\n# changed %s\n' "$RANDOM" >> "$f"; fi
	done
	for i in 1 2 3; do
		printf 'def added_%d():\n    pass\n' "$next_file" > "$tree/d$((next_file % 40))/f$next_file.py"
		next_file=$((next_file + 1))
	done
}

# Per file: path, hash and its symbols, one line each.
per_file() {
	sqlite3 "$1" "SELECT f.path || '|' || f.hash || '|' || ifnull((SELECT group_concat(x, ';') FROM
		(SELECT s.name || ',' || s.kind || ',' || s.line AS x FROM symbols s WHERE s.file_id = f.id
		 ORDER BY s.line, s.name, s.kind)), '') FROM files f ORDER BY 1" | LC_ALL=C sort
}

# The clean index of the tree as it is now: $clean_state, $work/after.
clean_index() {
	rm -rf "$work/clean.db"*
	ax index "$tree" --db "$work/clean.db" -q 2> "$work/clean.err" || { fail "clean index: $(cat "$work/clean.err")"; return 1; }
	clean_state=$(lt_state "$work/clean.db")
	per_file "$work/clean.db" > "$work/after"
}

# check LABEL DB: consistent, each file old ($work/before) or new.
check() {
	local label=$1 db=$2 why
	checks=$((checks + 1))
	why=$(lt_consistent "$db")
	[ -z "$why" ] || { fail "$label: inconsistent index: $why"; return 1; }
	per_file "$db" > "$work/now"
	LC_ALL=C sort -u "$work/before" "$work/after" > "$work/either"
	why=$(LC_ALL=C comm -23 "$work/now" "$work/either" | head -3)
	[ -z "$why" ] || { fail "$label: files neither as before nor as after: $why"; return 1; }
}

# recover LABEL DB: an uninterrupted run gives the clean index.
recover() {
	checks=$((checks + 1))
	ax index "$tree" --db "$2" -q 2> "$work/rerun.err" || { fail "$1: rerun failed: $(cat "$work/rerun.err")"; return 1; }
	[ "$(lt_state "$2")" = "$clean_state" ] || fail "$1: rerun does not give the clean index"
}

# expect_failure LABEL FILE PATTERN STATUS: a non-zero status, and a message.
expect_failure() {
	local label=$1 err=$2 pattern=$3 st=$4
	checks=$((checks + 1))
	[ "$st" != 0 ] || { fail "$label: status 0"; return; }
	grep -Eq "$pattern" "$err" || fail "$label: status $st, message not /$pattern/: $(head -c 400 "$err")"
}

db=$work/idx.db
ax index "$tree" --db "$db" -q || exit 1
clean_index || exit 1
# Kills land at a random moment of a run like the ones killed: an
# incremental one after mutate.
mutate
start=$(date +%s%N)
ax index "$tree" --db "$db" -q || exit 1
run_ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))
echo "faults: $files files, an incremental ax index takes $run_ms ms"

# ---- kills: each stage, SIGKILL and SIGTERM, cold and incremental ----
killed=0 late=0
for r in $(seq 1 "$rounds"); do
	for stage in ax-scan ax-parse ax-load; do
		for sig in KILL TERM; do
			mutate
			per_file "$db" > "$work/before"
			lt_rand 4
			cold=
			if [ "$rnd" = 0 ]; then cold=" (cold)"; rm -f "$db"*; : > "$work/before"; fi
			clean_index || continue
			ax index "$tree" --db "$db" 2> "$work/kill.err" &
			ax=$!
			lt_rand "$run_ms"
			ms=$rnd
			sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
			pid=$(pgrep -P "$ax" -x "$stage")
			[ -n "$pid" ] && kill -"$sig" "$pid" 2> /dev/null
			wait "$ax"
			st=$?
			label="$stage SIG$sig after $ms ms$cold"
			if [ -n "$pid" ] && [ "$st" != 0 ]; then
				killed=$((killed + 1))
				expect_failure "$label" "$work/kill.err" "index failed in $stage" "$st"
			else
				late=$((late + 1))
			fi
			[ -e "$db" ] && check "$label" "$db"
			recover "$label" "$db"
		done
	done
done
echo "kills: $killed stages killed, $late runs ended before the kill"
[ "$killed" -gt 0 ] || fail "kills: no stage was ever killed; the test tests nothing"

# ---- SIGPIPE: a consumer that exits early is no error ----
sigpipe() {   # sigpipe LABEL CMD...: run CMD | head -c 1000
	checks=$((checks + 1))
	local st label=$1
	shift
	( cd "$tree" && "$@" 2> "$work/pipe.err" | head -c 1000 > /dev/null; exit "${PIPESTATUS[0]}" )
	st=$?
	[ "$st" = 0 ] && [ ! -s "$work/pipe.err" ] || fail "SIGPIPE, $label: status $st: $(head -c 300 "$work/pipe.err")"
}
sigpipe "ax-scan | head" ax-scan .
sigpipe "ax-parse | head" sh -c 'ax-scan . | ax-parse'
sigpipe "ax-rank | head" ax-rank --db "$db" fn
sigpipe "ax-graph | head" ax-graph --db "$db" orphans

# ---- garbage midway: committed batches stay, the rest is old ----
for r in $(seq 1 "$rounds"); do
	mutate
	per_file "$db" > "$work/before"
	clean_index || continue
	(cd "$tree" && ax-scan --db "$db" . | ax-parse) > "$work/stream"
	size=$(stat -c %s "$work/stream")
	lt_rand $((size / 2 + 1))
	cut=$((size / 4 + rnd))
	lt_rand 4096
	{ head -c "$cut" "$work/stream"; head -c $((1 + rnd)) /dev/urandom; } |
		ax-load --db "$db" --batch 50 2> "$work/garbage.err"
	st=$?
	checks=$((checks + 1))
	[ "$st" = 2 ] && grep -q "byte [0-9]" "$work/garbage.err" ||
		fail "garbage after byte $cut: status $st: $(head -c 300 "$work/garbage.err")"
	check "garbage after byte $cut" "$db"
	recover "garbage after byte $cut" "$db"
done

# ---- disk full: the index on a small tmpfs ----
full=$work/full
mkdir -p "$full"
hit=0
for r in $(seq 1 "$rounds"); do
	mutate
	mutate
	per_file "$db" > "$work/before"
	clean_index || continue
	size=$(stat -c %s "$db")
	lt_rand 32
	slack=$(( (rnd + 1) * 16 ))   # KiB
	lt_mount -t tmpfs -o size=$(( size / 1024 + slack ))k axfull "$full" || { fail "cannot mount a tmpfs"; break; }
	if cp "$db" "$full/index.db" 2> /dev/null; then
		ax index "$tree" --db "$full/index.db" 2> "$work/full.err"
		st=$?
		mount -o remount,size=$(( size / 1024 + 65536 ))k "$full"
		if [ "$st" != 0 ]; then
			hit=$((hit + 1))
			[ "$hit" = 1 ] && echo "disk full, for example: $(grep 'ax-load: ' "$work/full.err")"
			expect_failure "disk full ($slack KiB free)" "$work/full.err" "ax-load: .*(full|space)" "$st"
		fi
		check "disk full ($slack KiB free), status $st" "$full/index.db"
		recover "disk full ($slack KiB free), freed" "$full/index.db"
		rm -f "$db-wal" "$db-shm"
		cp "$full/index.db" "$db"
	fi
	lt_umount "$full"
done
echo "disk full: $hit of $rounds loads ran out of space"
[ "$hit" -gt 0 ] || fail "disk full: no load ran out of space; the test tests nothing"

# ---- the index deleted or replaced while ax-load works on it ----
for what in deleted replaced; do
	mutate
	per_file "$db" > "$work/before"
	before_state=$(lt_state "$db")
	clean_index || continue
	rm -rf "$work/mid" && mkdir -p "$work/mid/.ax"
	cp "$db" "$work/mid/.ax/index.db"
	cp "$db" "$work/other.db"
	(cd "$tree" && ax-scan --db "$db" . | ax-parse) > "$work/stream"
	half=$(( $(stat -c %s "$work/stream") / 3 ))
	{ head -c "$half" "$work/stream"; sleep 0.5; tail -c +$((half + 1)) "$work/stream"; } |
		ax-load --db "$work/mid/.ax/index.db" --batch 20 2> "$work/mid.err" &
	loader=$!
	sleep 0.25
	if [ "$what" = deleted ]; then
		rm -rf "$work/mid/.ax"
	else
		mv "$work/other.db" "$work/mid/.ax/index.db"
	fi
	wait "$loader"
	st=$?
	expect_failure "index $what mid-load" "$work/mid.err" "ax-load: .*deleted or replaced" "$st"
	if [ "$what" = replaced ]; then
		check "index replaced mid-load" "$work/mid/.ax/index.db"
		checks=$((checks + 1))
		[ "$(lt_state "$work/mid/.ax/index.db")" = "$before_state" ] || fail "the replacing index was changed"
	else
		checks=$((checks + 1))
		[ ! -e "$work/mid/.ax/index.db" ] || fail "a deleted index came back"
	fi
	recover "index $what mid-load" "$work/mid/.ax/index.db"
done

# ---- out of memory: ax-parse and ax-load under ulimit -v ----
# The lowest limit a program starts at (ax-parse holds ~30 MB of grammars,
# below that the kernel cannot even map it).
lowest_start() {
	local v=2000
	until (ulimit -v "$v"; "$1" --version) > /dev/null 2>&1; do v=$((v + 2000)); done
	echo "$v"
}
for stage in ax-parse ax-load; do
	mutate
	per_file "$db" > "$work/before"
	clean_index || continue
	v=$(lowest_start "$stage")
	oom=0 other=0
	while :; do
		if [ "$stage" = ax-parse ]; then
			(cd "$tree" && ax-scan --db "$db" . | (ulimit -v "$v"; exec ax-parse -j2) | ax-load --db "$db" --quiet) 2> "$work/oom.err"
		else
			(cd "$tree" && ax-scan --db "$db" . | ax-parse | (ulimit -v "$v"; exec ax-load --db "$db" --quiet)) 2> "$work/oom.err"
		fi
		st=$?
		[ "$st" = 0 ] && break
		checks=$((checks + 1))
		if grep -q "$stage: .*out of memory" "$work/oom.err"; then
			oom=$((oom + 1))
		elif grep -q "$stage: " "$work/oom.err"; then
			other=$((other + 1))
		else
			fail "$stage under ulimit -v $v: status $st without a message: $(head -c 300 "$work/oom.err")"
		fi
		check "$stage under ulimit -v $v" "$db" || break
		v=$((v + 2000))
	done
	echo "$stage: out of memory at $oom limits, other clear failures at $other, fine from $v KiB"
	[ "$oom" -gt 0 ] || fail "$stage: never ran out of memory; the test tests nothing"
	recover "$stage out of memory" "$db"
done

# ---- concurrency: overlapping ax index runs, queries throughout ----
query_loop() {
	local n=0 bad=0 st
	while [ ! -e "$work/writers-done" ]; do
		ax-rank --db "$db" fn_1 > /dev/null 2> "$work/q.err"; st=$?
		[ "$st" -le 1 ] || { bad=$((bad + 1)); cat "$work/q.err" >> "$work/q.errors"; }
		ax-graph --db "$db" refs fn_2 > /dev/null 2> "$work/q.err"; st=$?
		[ "$st" -le 1 ] || { bad=$((bad + 1)); cat "$work/q.err" >> "$work/q.errors"; }
		n=$((n + 2))
	done
	echo "$n $bad" > "$work/q.count"
}
for r in $(seq 1 "$rounds"); do
	mutate
	rm -f "$work/writers-done" "$work/q.errors" "$work"/w*.err
	query_loop &
	qpid=$!
	pids=()
	for w in 1 2 3 4; do
		ax index "$tree" --db "$db" 2> "$work/w$w.err" &
		pids+=($!)
		lt_rand 10
		sleep "0.00$rnd"   # all four start within ~40 ms: they overlap
		# The deletion case: a file goes while the others run.
		[ "$w" = 2 ] && rm -f "$(find "$tree" -type f -name '*.c' -print -quit)"
	done
	for w in 1 2 3 4; do
		wait "${pids[$((w - 1))]}"
		st=$?
		checks=$((checks + 1))
		[ "$st" = 0 ] || fail "concurrent writer $w: status $st: $(cat "$work/w$w.err")"
	done
	touch "$work/writers-done"
	wait "$qpid"
	read -r nq badq < "$work/q.count"
	checks=$((checks + 2))
	[ "$badq" = 0 ] || fail "concurrency: $badq of $nq queries failed: $(head -c 300 "$work/q.errors")"
	grep -q "waiting for another ax-load" "$work"/w*.err || fail "concurrency: no writer said it waited"
	clean_index || continue
	checks=$((checks + 1))
	[ "$(lt_state "$db")" = "$clean_state" ] || fail "concurrency round $r: the index is not the clean one"
	[ "$r" = 1 ] && echo "concurrency: 4 writers, $nq queries meanwhile"
done

lt_done
