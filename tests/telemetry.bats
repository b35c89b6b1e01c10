#!/usr/bin/env bats
# telemetry.bats: ax-telemetry and the per-run events of every tool.

load helpers

setup() {
	WORK=$(mktemp -d "${BATS_TMPDIR:-/tmp}/ax.XXXXXX")
	cd "$WORK" || return 1
	PATH=$AX_BIN:$PATH
	export XDG_STATE_HOME=$WORK/state
	TD=$XDG_STATE_HOME/ax
	unset AX_TELEMETRY DO_NOT_TRACK AX_SESSION AX_TELEMETRY_DIR
	export NO_COLOR=1 LC_ALL=C.UTF-8
	SERVER_PID=
}

teardown() {
	if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
	cd /
	rm -rf "$WORK"
}

# Runs of one tool stored in the database (after an ingest).
stored() {
	sqlite3 "$TD/telemetry.db" "SELECT count(*) FROM events WHERE tool = '$1'"
}

spool_size() {
	stat -c %s "$TD/events.spool" 2>/dev/null || echo 0
}

# start_server MODE [ARGS...]: a loopback server; sets PORT and LOG.
start_server() {
	LOG=$WORK/server.log
	: > "$LOG"
	python3 "$AX_ROOT/tests/telemetry_server.py" --mode "$1" --port-file "$WORK/port" --log "$LOG" \
		--lifetime "$EVENT_TIMEOUT" "${@:2}" &
	SERVER_PID=$!
	# The server renames the file into place once it listens.
	wait_until test -s "$WORK/port"
	PORT=$(cat "$WORK/port")
}

requests() {
	wc -l < "$LOG"
}

requests_reach() {
	[ "$(requests)" -ge "$1" ]
}

@test "--help, --version and the man page" {
	run ax-telemetry --help
	assert_status 0
	assert_contains "$output" "regressions"
	run ax-telemetry --version
	assert_status 0
	[ "$output" = "ax-telemetry 0.1.0" ]
	run ax-telemetry frobnicate
	assert_status 2
	[ -f "$AX_ROOT/tools/ax-telemetry/ax-telemetry.1" ]
}

@test "local is the default: one event per tool run, output and status unchanged" {
	printf '' | AX_TELEMETRY=off ax-cat > off.out
	[ ! -e "$TD/events.spool" ]
	printf '' | ax-cat > local.out
	cmp off.out local.out
	[ -s "$TD/events.spool" ]
	run ax-cat --no-such-option
	assert_status 2
	ax-telemetry ingest
	[ "$(stored ax-cat)" -eq 2 ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT group_concat(exit) FROM events WHERE tool = 'ax-cat' ORDER BY id")" = "0,2" ]
}

@test "err records a tool writes count in its event, by stage and code only" {
	printf '%s\n' '{"t":"file","path":"gone/secret-name.py","lang":"python","size":1,"mtime":0,"hash":"0000000000000000"}' |
		ax-cat -j | ax-parse > out.ax
	[ "$(ax-cat --type err out.ax | jq -r .code)" = read ]
	ax-telemetry ingest
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT errors FROM events WHERE tool = 'ax-parse'")" = '["parse:read"]' ]
	not grep -rq secret-name "$TD"
}

@test "mode off: tools write nothing; AX_TELEMETRY and DO_NOT_TRACK override" {
	ax-telemetry off
	grep -q '^mode=off$' "$TD/telemetry.conf"
	printf '' | ax-cat
	[ ! -e "$TD/events.spool" ]
	printf '' | AX_TELEMETRY=local ax-cat
	[ "$(spool_size)" -gt 0 ]
	ax-telemetry local
	size=$(spool_size)
	printf '' | AX_TELEMETRY=off ax-cat
	printf '' | DO_NOT_TRACK=1 ax-cat
	printf '' | DO_NOT_TRACK=1 AX_TELEMETRY=on ax-cat
	[ "$(spool_size)" -eq "$size" ]
	run env DO_NOT_TRACK=1 ax-telemetry status
	assert_contains "$output" "mode:       off (from DO_NOT_TRACK)"
	run env AX_TELEMETRY=on ax-telemetry status
	assert_contains "$output" "mode:       on (from AX_TELEMETRY)"
}

@test "consent: on records it with a time and says what is sent; local withdraws it" {
	before=$(date +%s)
	run ax-telemetry on
	after=$(date +%s)
	assert_status 0
	assert_contains "$output" "Consent recorded at"
	assert_contains "$output" "only aggregates"
	consent=$(sed -n 's/^consent=//p' "$TD/telemetry.conf")
	[ "$consent" -ge "$before" ]
	[ "$consent" -le "$after" ]
	run ax-telemetry status
	assert_contains "$output" "mode:       on"
	assert_contains "$output" "consent:    given"
	assert_contains "$output" "$TD"
	ax-telemetry local
	grep -q '^consent=0$' "$TD/telemetry.conf"
	run ax-telemetry status
	assert_contains "$output" "consent:    none"
}

@test "status shows where data lives, its size and the next upload" {
	printf '' | ax-cat
	ax-telemetry on
	ax-telemetry endpoint https://telemetry.example.invalid/v1
	run ax-telemetry status
	assert_status 0
	assert_contains "$output" "data:       $TD"
	assert_contains "$output" "database"
	assert_contains "$output" "next upload: aggregates of"
	assert_contains "$output" "https://telemetry.example.invalid/v1"
}

@test "reset makes a new install id and deletes the local data" {
	printf '' | ax-cat
	ax-telemetry ingest
	id1=$(cat "$TD/install-id")
	[ ${#id1} -ge 32 ]
	AX_TELEMETRY=off ax-telemetry reset
	[ ! -e "$TD/telemetry.db" ]
	[ ! -e "$TD/events.spool" ]
	printf '' | ax-cat
	id2=$(cat "$TD/install-id")
	[ "$id1" != "$id2" ]
	ax-telemetry ingest
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT DISTINCT install FROM events WHERE tool = 'ax-cat'")" = "$(tr -d '\n' < "$TD/install-id")" ]
}

@test "session ids: inherited through AX_SESSION, random otherwise" {
	sid=0123456789abcdef0123456789abcdef
	printf '' | AX_SESSION=$sid ax-cat
	printf '' | AX_SESSION=$sid ax-cat
	printf '' | ax-cat
	printf '' | ax-cat
	ax-telemetry ingest
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT count(*) FROM events WHERE session = '$sid'")" -eq 2 ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT count(DISTINCT session) FROM events WHERE tool = 'ax-cat'")" -eq 3 ]
	# A malformed AX_SESSION is not trusted.
	printf '' | AX_SESSION=../../etc ax-cat
	ax-telemetry ingest
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT count(*) FROM events WHERE session LIKE '%.%'")" -eq 0 ]
}

@test "failures to record are silent and change nothing" {
	printf '{"t":"end","files":0,"complete":true}\n' | ax-cat --from-json > input.ax
	ax-cat input.ax > want.out 2> want.err
	touch notadir
	mkdir -p "$TD"
	# not a directory, a directory at the spool's path, a FIFO, a symlink to /dev/full
	for dir in "$WORK/notadir/ax" "$TD"; do
		AX_TELEMETRY_DIR=$dir ax-cat input.ax > got.out 2> got.err
		cmp want.out got.out
		cmp want.err got.err
	done
	rm -f "$TD/events.spool"
	mkdir "$TD/events.spool"
	ax-cat input.ax > got.out 2> got.err
	cmp want.out got.out
	cmp want.err got.err
	rmdir "$TD/events.spool"
	mkfifo "$TD/events.spool"
	timeout 300 ax-cat input.ax > got.out 2> got.err
	cmp want.out got.out
	cmp want.err got.err
	rm "$TD/events.spool"
	ln -s /dev/full "$TD/events.spool"
	timeout 300 ax-cat input.ax > got.out 2> got.err
	cmp want.out got.out
	cmp want.err got.err
	run ax-cat --bogus
	want=$status
	rm "$TD/events.spool"
	mkdir "$TD/events.spool"
	run ax-cat --bogus
	[ "$status" -eq "$want" ]
}

@test "concurrent writers and ingests: no event lost, torn or counted twice" {
	for p in 1 2 3 4 5 6; do
		( for i in $(seq 40); do printf '' | ax-cat; done ) &
	done
	# ingests racing the writers
	( for i in $(seq 10); do ax-telemetry ingest > /dev/null; sleep 0.05; done ) &
	wait
	run ax-telemetry ingest
	assert_contains "$output" "0 corrupt records skipped"
	[ "$(stored ax-cat)" -eq 240 ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT coalesce(value, 0) FROM meta WHERE key = 'corrupt_skipped'")" -eq 0 ]
}

@test "kill -9 during ingest loses nothing and counts nothing twice" {
	ax-telemetry record --tool ax-bench --duration 3 --repeat 100000
	AX_TELEMETRY=off ax-telemetry ingest > /dev/null &
	pid=$!
	# Kill it as soon as it has taken the spool, in the middle of its work.
	wait_until test -e "$TD/events.spool.ingesting"
	kill -9 "$pid"
	wait "$pid" || true
	# It was cut short: the taken spool is still there, its events not committed.
	[ -e "$TD/events.spool.ingesting" ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT count(*) FROM events WHERE tool = 'ax-bench'" 2>/dev/null || echo 0)" -lt 100000 ]
	ax-telemetry ingest
	[ "$(stored ax-bench)" -eq 100000 ]
	[ ! -e "$TD/events.spool.ingesting" ]
	# Killed after the commit but before the unlink: the same file again.
	ax-telemetry record --tool ax-again --repeat 50
	cp "$TD/events.spool" spool.copy
	AX_TELEMETRY=off ax-telemetry ingest
	total=$(sqlite3 "$TD/telemetry.db" "SELECT count(*) FROM events")
	cp spool.copy "$TD/events.spool.ingesting"
	run env AX_TELEMETRY=off ax-telemetry ingest
	assert_contains "$output" "ingested 0 events"
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT count(*) FROM events")" -eq "$total" ]
	[ "$(stored ax-again)" -eq 50 ]
	[ "$(stored ax-bench)" -eq 100000 ]
}

@test "a corrupted spool tail is skipped with a count, the rest kept" {
	ax-telemetry record --tool ax-one --repeat 3
	head -c 100 "$TD/events.spool" > half
	printf 'junk junk junk' >> "$TD/events.spool"
	ax-telemetry record --tool ax-two
	cat half >> "$TD/events.spool"
	run ax-telemetry ingest
	assert_status 0
	assert_contains "$output" "2 corrupt records skipped"
	[ "$(stored ax-one)" -eq 3 ]
	[ "$(stored ax-two)" -eq 1 ]
	run ax-telemetry status
	assert_status 0
}

@test "privacy: events hold only the fields of PRIVACY.md, nothing identifying" {
	marker=SECRETMARKER
	# What must never show up: the marker (in paths, names, user), this
	# directory, and the host name (if long enough to be searched for).
	secrets=(-e "$marker" -e "$WORK")
	host=$(hostname)
	[ ${#host} -lt 4 ] || secrets+=(-e "$host")
	mkdir -p "src-$marker"
	printf 'int %s_fn(void) { return 0; }\n' "$marker" > "src-$marker/$marker.c"
	printf 'def %s(): pass\n' "$marker" > "src-$marker/$marker.py"
	export USER=$marker-user LOGNAME=$marker-user
	ax-scan "src-$marker" > scan.ax 2> /dev/null || true
	ax-parse < scan.ax > parsed.ax 2> /dev/null || true
	ax-cat parsed.ax > /dev/null 2>&1 || true
	ax-cat "/nonexistent/$marker" 2> /dev/null || true
	AX_FLAG_SECRETMARKER=on ax-cat "$WORK/$marker.missing" 2> /dev/null || true
	ax-telemetry record --tool "/home/$marker/ax-x" --error "$marker:$marker" --variant "$marker/x=on" \
		--variant "ok.flag=$marker value" --count "$marker=3"
	# The raw spool, before anything decodes it.
	not grep -a -q "${secrets[@]}" "$TD/events.spool"
	ax-telemetry on > /dev/null
	ax-telemetry events > events.jsonl
	[ "$(wc -l < events.jsonl)" -ge 6 ]
	allowed=$(sed -n '/^## What an event holds/,/^## /p' "$AX_ROOT/docs/PRIVACY.md" |
		sed -n 's/^| `\([a-z_]*\)` |.*/\1/p' | sort | tr '\n' ' ')
	[ "$(echo "$allowed" | wc -w)" -eq 13 ]
	keys=$(jq -r 'keys[]' events.jsonl | sort -u | tr '\n' ' ')
	[ "$keys" = "$allowed" ]
	ax-telemetry report --json > report.json
	ax-telemetry report --html report.html
	ax-telemetry upload --endpoint http://127.0.0.1:9/ --dry-run > upload.json
	for f in events.jsonl report.json report.html upload.json; do
		not grep -q "${secrets[@]}" "$f"
	done
	sqlite3 "$TD/telemetry.db" .dump > dump.sql
	not grep -q "${secrets[@]}" dump.sql
	# Uploads carry no event, session or install id.
	not grep -q -e '"uid"' -e '"session"' -e '"install"' upload.json
	not grep -q -f <(jq -r '.session, .install' events.jsonl | sort -u) upload.json
}

@test "dashboard: every section, within 80 columns, no colour off a terminal" {
	for i in 1 2 3; do ax-telemetry record --tool ax-scan --duration 12 --count files=1500; done
	ax-telemetry record --tool ax-parse --duration 40 --error parse:timeout --exit 2 --variant parse.fast=on
	ax-telemetry record --tool ax-a-very-long-tool-name-indeed --duration 1234567.5 --version 10.20.30-rc1
	run ax-telemetry
	assert_status 0
	for s in "Runs per day" "Duration per tool and version" "Errors by stage and code" \
		"parse:timeout" "Flag variant exposure" "parse.fast" "Index size over time" "up to 1000"; do
		assert_contains "$output" "$s"
	done
	[ "$(printf '%s\n' "$output" | wc -L)" -le 80 ]
	[[ "$output" != *$'\033'* ]]
	run ax-telemetry dashboard --days 3
	assert_status 0
}

@test "regressions: a slower version is found (exit 1); the same speed is not" {
	for d in 10 11 9 10.5 9.5 10.2 10.8 9.7 10.1 9.9 10.3 10.6; do
		ax-telemetry record --tool ax-steady --version 0.1.0 --duration "$d"
		ax-telemetry record --tool ax-steady --version 0.2.0 --duration "$d"
		ax-telemetry record --tool ax-slow --version 0.1.0 --duration "$d"
	done
	run ax-telemetry regressions
	assert_status 0
	assert_contains "$output" "ax-steady"
	assert_contains "$output" "0.1.0 -> 0.2.0"
	for d in 14 15 13.5 16 15.5 14.2 14.8 15.1 14.9 15.3 14.4 15.7; do
		ax-telemetry record --tool ax-slow --version 0.2.0 --duration "$d"
	done
	run ax-telemetry regressions
	assert_status 1
	assert_contains "$output" "SLOWER"
	[ "$(printf '%s\n' "$output" | grep -c SLOWER)" -eq 1 ]
	run ax-telemetry regressions --tool ax-steady
	assert_status 0
}

@test "regressions by days: the last 7 days against the 7 before" {
	now=$(date +%s)
	for d in 20 21 19 20.5 19.5 20.2 20.8 19.7 20.1 19.9 20.3 20.6; do
		ax-telemetry record --tool ax-load --duration "$d" --time $((now - 10 * 86400))
		ax-telemetry record --tool ax-load --duration "$(awk -v d="$d" 'BEGIN { print d * 1.5 }')" --time $((now - 86400))
	done
	run ax-telemetry regressions --by days
	assert_status 1
	assert_contains "$output" "last 7d vs the 7d before"
	assert_contains "$output" "SLOWER"
	run ax-telemetry regressions --by days --days 30
	assert_status 0
}

@test "errors --since 24h: new codes and spikes (exit 1), quiet otherwise" {
	now=$(date +%s)
	old=$((now - 3 * 86400))
	for i in $(seq 20); do ax-telemetry record --tool ax-parse --time $old; done
	ax-telemetry record --tool ax-parse --time $old --error parse:timeout
	run ax-telemetry errors --since 24h
	assert_status 0
	for i in $(seq 6); do ax-telemetry record --tool ax-parse --error parse:timeout; done
	for i in $(seq 4); do ax-telemetry record --tool ax-parse; done
	ax-telemetry record --tool ax-scan --error scan:EACCES
	run ax-telemetry errors --since 24h
	assert_status 1
	assert_contains "$output" "parse:timeout"
	assert_contains "$output" "SPIKE"
	assert_contains "$output" "scan:EACCES"
	assert_contains "$output" "NEW"
	run ax-telemetry errors --since soon
	assert_status 2
}

@test "retention: old events become daily totals, then go" {
	now=$(date +%s)
	ax-telemetry record --tool ax-old --time $((now - 100 * 86400)) --repeat 5 --exit 1
	ax-telemetry record --tool ax-old --time $((now - 10 * 86400)) --repeat 2
	run ax-telemetry ingest
	assert_contains "$output" "5 pruned"
	[ "$(stored ax-old)" -eq 2 ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT runs || ',' || failures FROM daily WHERE tool = 'ax-old'")" = "5,5" ]
	ax-telemetry retention 5
	run ax-telemetry ingest
	assert_contains "$output" "2 pruned"
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT sum(runs) FROM daily WHERE tool = 'ax-old'")" -eq 7 ]
	run ax-telemetry retention 0
	assert_status 2
}

@test "report --json and --html" {
	ax-telemetry record --tool ax-scan --duration 3 --count files=20 --repeat 4
	ax-telemetry record --tool ax-parse --duration 30 --error parse:syntax --variant parse.fast=b
	ax-telemetry report --json > r.json
	[ "$(jq '[.tools[] | select(.tool == "ax-scan") | .runs][0]' r.json)" -eq 4 ]
	[ "$(jq -r '.errors[0].error' r.json)" = "parse:syntax" ]
	[ "$(jq -r '.variants[0].flag + "=" + .variants[0].value' r.json)" = "parse.fast=b" ]
	[ "$(jq '.days | length' r.json)" -eq 30 ]
	ax-telemetry report --html r.html
	grep -q '<svg' r.html
	not grep -qi -e '<script' -e '<link' -e '@import' -e 'src=' r.html
	[ "$(grep -o 'https\?://[^"]*' r.html | sort -u)" = "http://www.w3.org/2000/svg" ]
	run ax-telemetry report
	assert_status 2
}

@test "report --html renders in headless Chromium: not blank, no console errors" {
	for i in $(seq 5); do ax-telemetry record --tool ax-scan --duration $((i * 7)) --count files=$((i * 100)); done
	ax-telemetry record --tool ax-parse --duration 80 --error parse:timeout
	ax-telemetry report --html r.html
	run "$AX_ROOT/tests/telemetry_html.sh" r.html
	echo "$output"
	assert_status 0
	# The check itself can fail: a blank page and a page with a console error.
	echo '<!DOCTYPE html><html><body></body></html>' > blank.html
	run "$AX_ROOT/tests/telemetry_html.sh" blank.html
	[ "$status" -ne 0 ]
	sed 's|</body>|<script>console.error("broken")</script></body>|' r.html > broken.html
	run "$AX_ROOT/tests/telemetry_html.sh" broken.html
	[ "$status" -ne 0 ]
}

@test "upload: refused in off and local, and without consent; the server sees nothing" {
	ax-telemetry record --tool ax-scan --repeat 3
	start_server ok
	run ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t"
	assert_status 2
	assert_contains "$output" "upload refused: telemetry mode is local"
	ax-telemetry off
	run ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t"
	assert_status 2
	run env AX_TELEMETRY=on ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t"
	assert_status 2
	assert_contains "$output" "no consent"
	ax-telemetry on
	run env DO_NOT_TRACK=1 ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t"
	assert_status 2
	run env AX_TELEMETRY=local ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t"
	assert_status 2
	run ax-telemetry upload --endpoint "http://192.0.2.1:$PORT/t"
	assert_status 2
	assert_contains "$output" "https://"
	# tools never upload, in any mode
	printf '' | ax-cat
	sleep 0.2
	[ "$(requests)" -eq 0 ]
}

@test "upload: success sends aggregates once and records them" {
	ax-telemetry record --tool ax-scan --duration 4 --repeat 3
	ax-telemetry on
	start_server ok
	run ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t"
	assert_status 0
	assert_contains "$output" "sent the aggregates of"
	[ "$(requests)" -eq 1 ]
	body=$(jq -r .body "$LOG")
	[ "$(jq -r .content_type "$LOG")" = "application/json" ]
	[ "$(echo "$body" | jq '[.tools[] | select(.tool == "ax-scan") | .runs][0]')" -eq 3 ]
	[ "$(echo "$body" | jq -r '.report_id | length')" -eq 32 ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT outcome || ' ' || http_status FROM uploads")" = "sent 200" ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT payload FROM uploads")" = "$body" ]
	# Nothing new since (ax-telemetry's own runs aside): only new events go.
	run ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t"
	assert_status 0
	[ "$(requests)" -eq 2 ]
	[ "$(jq -s -r '.[1].body' "$LOG" | jq '[.tools[] | select(.tool == "ax-scan")] | length')" -eq 0 ]
	[ "$(stored ax-scan)" -eq 3 ]
}

@test "upload: 500s are retried with back-off, then fail; nothing is lost" {
	ax-telemetry record --tool ax-scan --repeat 3
	ax-telemetry on
	start_server fail
	run ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t" --retries 2 --backoff-ms 50
	assert_status 1
	assert_contains "$output" "HTTP 500"
	assert_contains "$output" "nothing is lost"
	[ "$(requests)" -eq 3 ]
	[ "$(stored ax-scan)" -eq 3 ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT outcome || ' ' || attempts FROM uploads")" = "failed: HTTP 500 3" ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT coalesce(max(value), 0) FROM meta WHERE key = 'uploaded_through'")" -eq 0 ]
	kill "$SERVER_PID"
	rm -f "$WORK/port"
	start_server ok
	run ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t"
	assert_status 0
	[ "$(jq -r .body "$LOG" | jq '[.tools[] | select(.tool == "ax-scan") | .runs][0]')" -eq 3 ]
}

@test "upload: a slow server times out, a server that is down fails, both bounded" {
	ax-telemetry record --tool ax-scan
	ax-telemetry on
	# A server that never answers within its lifetime: only the client's
	# own timeout ends an attempt ("Timeout"), however slow the machine.
	start_server slow --delay 600
	run ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t" --timeout 1 --retries 1 --backoff-ms 10
	assert_status 1
	assert_contains "$output" "Timeout"
	# The server logs a request once it has read it, on its own time.
	wait_until requests_reach 2
	[ "$(requests)" -eq 2 ]
	kill "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
	# The port is closed now: the server is down.
	run ax-telemetry upload --endpoint "http://127.0.0.1:$PORT/t" --retries 2 --backoff-ms 10
	assert_status 1
	assert_contains "$output" "after 3 attempts"
	[ "$(stored ax-scan)" -eq 1 ]
	[ "$(sqlite3 "$TD/telemetry.db" "SELECT count(*) FROM uploads WHERE outcome LIKE 'failed%'")" -eq 2 ]
}
