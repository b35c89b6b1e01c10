#!/usr/bin/env bats
# ax-flag and the flags every tool reads (docs/flags.md): files and their
# precedence, the environment, the CLI's writes, bad input, A/B reports,
# the guard, and the stage/language gates end to end through ax-parse.

load helpers
eval "helpers_$(declare -f setup)"

setup() {
	helpers_setup
	# Each test has its own user configuration, state and telemetry store.
	export HOME=$WORK/home XDG_CONFIG_HOME= XDG_STATE_HOME= AX_TELEMETRY_DIR=$WORK/tel
	unset AX_FLAGS_OFF AX_FLAG_ID AX_NOW AX_FLAGS_AUDIT_USER
	mkdir -p "$HOME" "$AX_TELEMETRY_DIR" proj/.ax
	cd proj
}

USER_FILE='$HOME/.config/ax/flags.json'

# events_db: the telemetry table of the contract between ax-telemetry and ax-flag.
events_db() {
	# The events below are dated 2025-12 and 2026-03; reading the store
	# ingests the spool and applies retention, which must keep them.
	printf 'retention_days=36500\n' > "$AX_TELEMETRY_DIR/telemetry.conf"
	sqlite3 "$AX_TELEMETRY_DIR/telemetry.db" <<-'SQL'
	CREATE TABLE IF NOT EXISTS events(
	  id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, time INTEGER NOT NULL,
	  session TEXT NOT NULL, install TEXT NOT NULL, tool TEXT NOT NULL, version TEXT NOT NULL,
	  os TEXT NOT NULL, arch TEXT NOT NULL, duration_ms REAL NOT NULL, exit INTEGER NOT NULL,
	  errors TEXT NOT NULL DEFAULT '[]', counts TEXT NOT NULL DEFAULT '{}',
	  variants TEXT NOT NULL DEFAULT '{}');
	SQL
}

# add_events ARM N FAILING [DURATION]: N events of flag "exp" in ARM, the
# first FAILING of them with an error code.
add_events() {
	sqlite3 "$AX_TELEMETRY_DIR/telemetry.db" "
	WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $2)
	INSERT INTO events(uid, time, session, install, tool, version, os, arch, duration_ms, exit, errors, variants)
	SELECT '$1-' || i || '-' || abs(random()), 1764547200, 's', 'i' || i, 'ax-parse', '0.1.0', 'linux', 'x86_64',
	  ${4:-10}, CASE WHEN i <= $3 THEN 2 ELSE 0 END,
	  CASE WHEN i <= $3 THEN '[\"parse_failed\"]' ELSE '[]' END, '{\"exp\":\"$1\"}' FROM c;"
}

@test "flag: --help, --version, bad options and commands" {
	run ax-flag --help
	assert_status 0
	assert_contains "$output" "Usage: ax-flag"
	run ax-flag --version
	assert_status 0
	[ "$output" = "ax-flag 0.1.0" ]
	run ax-flag --frobnicate
	assert_status 2
	assert_contains "$output" "unknown option or missing value: '--frobnicate'"
	run ax-flag frob
	assert_status 2
	assert_contains "$output" "unknown command 'frob'"
	run ax-flag eval
	assert_status 2
	run ax-flag rollout x 101
	assert_status 2
	run ax-flag list --bogus
	assert_status 2
}

@test "flag: built-in gates are listed and on" {
	run ax-flag list
	assert_status 0
	assert_contains "$output" "stage.parse"
	assert_contains "$output" "lang.scala"
	assert_contains "$output" "lang.dart"
	run ax-flag eval stage.load
	assert_status 0
	[ "$output" = on ]
	run ax-flag eval no.such.flag --explain
	assert_status 1
	assert_contains "$output" "rule: unknown"
}

@test "flag: writes go to the project inside one, else to the user's file; --user/--project choose" {
	ax-flag set a.b rollout=40
	jq -e '.flags["a.b"].rollout == 40' .ax/flags.json
	[ ! -e "$HOME/.config/ax/flags.json" ]
	ax-flag --user set a.b rollout=10
	jq -e '.flags["a.b"].rollout == 10' "$HOME/.config/ax/flags.json"
	ax-flag set c.d enabled=false --user
	jq -e '.flags["c.d"].enabled == false' "$HOME/.config/ax/flags.json"
	cd "$WORK"
	ax-flag set e.f owner=me
	jq -e '.flags["e.f"].owner == "me"' "$HOME/.config/ax/flags.json"
	run ax-flag --project set e.f owner=you
	assert_status 2
	assert_contains "$output" "not inside a project"
}

@test "flag: precedence: project over user over built-in, environment last" {
	mkdir -p "$HOME/.config/ax"
	cat > "$HOME/.config/ax/flags.json" <<-'EOF2'
	{"version": 1, "flags": {"stage.rank": {"enabled": false}, "exp": {"rollout": 0, "owner": "user"}}}
	EOF2
	cat > .ax/flags.json <<-'EOF2'
	{"version": 1, "flags": {"exp": {"rollout": 100}}}
	EOF2
	run ax-flag eval stage.rank --explain
	assert_status 1
	assert_contains "$output" "rule: disabled"
	run ax-flag eval exp
	[ "$output" = on ]
	# Key by key: the user's owner survives the project's rollout.
	run ax-flag get exp
	[ "$(jq -r .owner <<<"$output")" = user ]
	[ "$(jq -r .source <<<"$output")" = project ]
	# The environment beats both files; names map to AX_FLAG_<NAME>.
	AX_FLAG_STAGE_RANK=on run ax-flag eval stage.rank --explain
	assert_status 0
	assert_contains "$output" "rule: environment"
	AX_FLAG_EXP=off run ax-flag eval exp
	[ "$output" = off ]
	# The kill switch beats the environment and needs no file write.
	AX_FLAGS_OFF=exp AX_FLAG_EXP=on run ax-flag eval exp --explain
	assert_status 1
	assert_contains "$output" "rule: kill-switch"
	AX_FLAGS_OFF=all run ax-flag eval stage.parse
	[ "$output" = off ]
	# Outside the project only the user's file counts.
	cd "$WORK"
	run ax-flag eval exp
	[ "$output" = off ]
}

@test "flag: allowlist beats rollout, denylist beats all, ids and explanations" {
	ax-flag rollout exp 0
	ax-flag allow exp vip1 vip2
	ax-flag deny exp bad
	run ax-flag eval exp --id vip2 --explain
	assert_status 0
	assert_contains "$output" "rule: allowlist"
	run ax-flag eval exp --id someone
	assert_status 1
	ax-flag rollout exp 100
	run ax-flag eval exp --id bad --explain
	assert_status 1
	assert_contains "$output" "rule: denylist"
	AX_FLAG_EXP=on run ax-flag eval exp --id bad
	assert_status 1
	jq -e '.flags.exp.allow == ["vip1", "vip2"]' .ax/flags.json
	# Adding an id twice keeps one.
	ax-flag allow exp vip1
	jq -e '.flags.exp.allow | length == 2' .ax/flags.json
}

@test "flag: rollout is deterministic, documented and monotonic" {
	ax-flag rollout exp 20
	# bucket = murmur3_x86_32("exp:<id>", 0) % 100 + 1, shown by --explain.
	for i in $(seq 1 150); do ax-flag eval exp --id "u$i" >> in20 || true; done
	ax-flag rollout exp 30
	for i in $(seq 1 150); do ax-flag eval exp --id "u$i" >> in30 || true; done
	paste in20 in30 > both
	# Nobody who was in at 20% is out at 30%; some joined.
	not grep -q '^on	off$' both
	grep -q '^off	on$' both
	n20=$(grep -c '^on' in20); n30=$(grep -c '^on' in30)
	[ "$n20" -gt 10 ]
	[ "$n20" -lt 50 ]
	[ "$n30" -gt "$n20" ]
	# The same id always gets the same answer.
	[ "$(ax-flag eval exp --id u7 || true)" = "$(ax-flag eval exp --id u7 || true)" ]
	run ax-flag eval exp --id u1 --explain
	assert_contains "$output" "bucket: "
}

@test "flag: stickiness by install id (default), repository, or AX_FLAG_ID" {
	ax-flag set exp rollout=50 stickiness=id
	AX_FLAG_ID=abc run ax-flag eval exp --explain
	assert_contains "$output" "id: abc"
	ax-flag set exp stickiness=repo
	run ax-flag eval exp --explain
	assert_contains "$output" "id: $WORK/proj"
	ax-flag set exp stickiness=
	run ax-flag eval exp --explain
	id=$(cat "$HOME/.local/state/ax/install-id")
	[ "${#id}" -eq 32 ]
	assert_contains "$output" "id: $id"
}

@test "flag: variants by weight, and a forced variant from the environment" {
	ax-flag set rank.algo variants=bm25:50,vector:50 defaultVariant=bm25
	for i in $(seq 1 100); do ax-flag eval rank.algo --id "i$i"; done > picks
	a=$(grep -c '^bm25$' picks); b=$(grep -c '^vector$' picks)
	[ $((a + b)) -eq 100 ]
	[ "$a" -gt 25 ]
	[ "$b" -gt 25 ]
	AX_FLAG_RANK_ALGO=vector run ax-flag eval rank.algo
	[ "$output" = vector ]
	run ax-flag set rank.algo variants=a:0,b:0
	assert_status 2
	assert_contains "$output" "sum to 0"
	jq -e '.flags["rank.algo"].variants | length == 2 and .[0].name == "bm25"' .ax/flags.json
}

@test "flag: variant weights of any positive total bucket as Unleash does" {
	# Unleash's client specification, 16-strategy-variants: two variants of
	# weight 1 in group "a" (seed 86028157): userId 5 gets the first, 0 the second.
	ax-flag set unleash.copy variants=variantNameA:1,variantNameB:1 group=a
	run ax-flag eval unleash.copy --id 5
	assert_status 0
	[ "$output" = variantNameA ]
	run ax-flag eval unleash.copy --id 0
	[ "$output" = variantNameB ]
	# 33/33/33 (08-variants) and 1000ths (the Unleash server's scale) load too.
	run ax-flag set unleash.copy variants=a:33,b:33,c:33
	assert_status 0
	run ax-flag set unleash.copy variants=a:250,b:750
	assert_status 0
	run ax-flag check
	assert_status 0
	# Unleash's overrides (08-variants, Feature.Variants.override.D): the
	# listed ids get their variant whatever the hash, before the cache and after.
	ax-flag set unleash.copy 'variants=[{"name": "variant1", "weight": 33, "overrides":
		[{"contextName": "userId", "values": ["132", "61"]}]},
		{"name": "variant2", "weight": 33}, {"name": "variant3", "weight": 34}]'
	for i in 1 2; do
		[ "$(ax-flag eval unleash.copy --id 132)" = variant1 ]
		[ "$(ax-flag eval unleash.copy --id 61)" = variant1 ]
	done
	run ax-flag get unleash.copy
	[ "$(jq -c '.variants[0].overrides[0].values' <<<"$output")" = '["132","61"]' ]
}

@test "flag: schedules follow AX_NOW" {
	ax-flag schedule launch --on 2026-03-01T00:00:00Z --off 2026-04-01T00:00:00Z
	AX_NOW=2026-02-28T23:59:59Z run ax-flag eval launch --explain
	assert_status 1
	assert_contains "$output" "scheduled to turn on at 2026-03-01T00:00:00Z"
	AX_NOW=2026-03-01T00:00:00Z run ax-flag eval launch
	assert_status 0
	AX_NOW=2026-04-01T00:00:00Z run ax-flag eval launch
	assert_status 1
	AX_NOW=2026-03-15 run ax-flag list
	assert_contains "$output" "launch"
	ax-flag schedule launch --off none
	AX_NOW=2027-01-01 run ax-flag eval launch
	assert_status 0
	run ax-flag schedule launch --on tomorrowish
	assert_status 2
}

@test "flag: prerequisites, and check finds cycles and missing ones" {
	ax-flag set base rollout=100
	ax-flag set child prerequisites=base
	run ax-flag eval child
	assert_status 0
	ax-flag disable base
	run ax-flag eval child --explain
	assert_status 1
	assert_contains "$output" "prerequisite base is off"
	ax-flag set a prerequisites=b
	ax-flag set b prerequisites=a
	run ax-flag eval a
	assert_status 1
	run ax-flag check
	assert_status 2
	assert_contains "$output" "prerequisite cycle"
}

@test "flag: kill is instant, recorded with its reason; enable undoes it" {
	ax-flag set exp rollout=100
	ax-flag kill exp --reason "crashes on big repos"
	run ax-flag eval exp --explain
	assert_status 1
	assert_contains "$output" "killed: crashes on big repos"
	run ax-flag list
	assert_contains "$output" "killed"
	ax-flag enable exp
	run ax-flag eval exp
	assert_status 0
	jq -e '.flags.exp | has("killed") | not' .ax/flags.json
}

@test "flag: audit says who, when and what; the user name only on opt-in" {
	AX_NOW=2026-05-01T10:00:00Z ax-flag rollout exp 20
	AX_NOW=2026-05-02T10:00:00Z AX_FLAGS_AUDIT_USER=1 ax-flag kill exp --reason bad
	run ax-flag audit --json
	assert_status 0
	[ "$(wc -l <<<"$output")" -eq 2 ]
	first=$(head -n 1 <<<"$output"); second=$(tail -n 1 <<<"$output")
	id=$(cat "$HOME/.local/state/ax/install-id")
	[ "$(jq -r .who <<<"$first")" = "install:$id" ]
	[ "$(jq -r .who <<<"$second")" = "user:$(id -un)" ]
	[ "$(jq -r .time <<<"$first")" = 2026-05-01T10:00:00Z ]
	[ "$(jq -r '.after.rollout' <<<"$first")" = 20 ]
	[ "$(jq -r '.before' <<<"$first")" = null ]
	[ "$(jq -r '.action + " " + .reason' <<<"$second")" = "kill bad" ]
	run ax-flag audit
	assert_contains "$output" "kill exp: bad"
}

@test "flag: check: malformed JSON, wrong types, weights, unknown keys" {
	run ax-flag check
	assert_status 0
	echo '{"version": 1, "flags": {"x": {"rollout": 30,}}}' > .ax/flags.json
	run ax-flag check
	assert_status 2
	assert_contains "$output" ".ax/flags.json: line 1"
	echo '{"version": 1, "flags": {"x": {"rollout": "30"}}}' > .ax/flags.json
	run ax-flag check
	assert_status 2
	assert_contains "$output" "'rollout' must be an integer from 0 to 100"
	echo '{"version": 1, "flags": {"x": {"variants": [{"name": "a", "weight": 0}]}}}' > .ax/flags.json
	run ax-flag check
	assert_status 2
	assert_contains "$output" "sum to 0, not 1.."
	echo '{"version": 1, "flags": {"x": {"rolout": 30}}, "extra": 1}' > .ax/flags.json
	run ax-flag check
	assert_status 0
	assert_contains "$output" "warning:"
	assert_contains "$output" "unknown key 'rolout'"
	assert_contains "$output" "unknown top-level key 'extra'"
	# A broken file is refused for writing rather than overwritten.
	echo '{"flags": ' > .ax/flags.json
	run ax-flag set x rollout=5
	assert_status 2
	[ "$(cat .ax/flags.json)" = '{"flags": ' ]
}

@test "flag: a broken flags file never breaks a tool: one notice, defaults" {
	echo '{"flags": {"stage.parse": {"enabled": false}' > .ax/flags.json
	run ax-cat --from-json <<<'{"t":"hdr","v":1,"tool":"t"}'
	assert_status 0
	[ "$(grep -c 'flags file .*flags.json is broken' <<<"$output")" -eq 1 ]
	run ax-flag eval stage.parse
	[ "${lines[-1]}" = on ]
	# Wrong types: the same, and nothing of the file half-applied.
	echo '{"flags": {"stage.parse": {"enabled": false}, "x": {"rollout": -1}}}' > .ax/flags.json
	run ax-flag eval stage.parse
	assert_status 0
	# A huge file is refused quickly, not parsed.
	head -c 20000000 /dev/zero | tr '\0' ' ' > .ax/flags.json
	run ax-cat --from-json <<<'{"t":"hdr","v":1,"tool":"t"}'
	assert_status 0
	assert_contains "$output" "too large"
	# An unreadable file (as an unprivileged user) is reported the same way.
	echo '{"flags": {}}' > .ax/flags.json
	chmod 600 .ax/flags.json
	chmod 755 "$WORK" "$WORK/proj" "$WORK/proj/.ax"
	run setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$WORK/nohome" "$AX_BIN/ax-flag" eval stage.parse
	assert_contains "$output" "is broken: unable to open"
	assert_contains "$output" "Permission denied"
	[ "${lines[-1]}" = on ]
}

@test "flag: concurrent writers lose nothing" {
	for i in $(seq 1 24); do ax-flag allow exp "id$i" & done
	wait
	jq -e '.flags.exp.allow | length == 24' .ax/flags.json
	[ "$(ax-flag audit --json | wc -l)" -eq 24 ]
	run ax-flag check
	assert_status 0
	ls -A .ax | grep -v -E '^(flags.json|flags.json.lock|flags-audit.jsonl)$' && return 1
	true
}

@test "flag: an unwritable directory fails the write clearly and changes nothing" {
	ax-flag set exp rollout=10
	chmod 755 "$WORK" "$WORK/proj"
	chmod 555 .ax
	chmod 644 .ax/flags.json .ax/flags.json.lock
	run setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$WORK/nohome" "$AX_BIN/ax-flag" rollout exp 90
	[ "$status" -ne 0 ]
	assert_contains "$output" "ax-flag: cannot "
	assert_contains "$output" "Permission denied"
	jq -e '.flags.exp.rollout == 10' .ax/flags.json
}

@test "flag: stale flags: settled for N days, or never evaluated" {
	export AX_TELEMETRY=off # no events of these runs: no telemetry until events_db
	AX_NOW=2026-01-01 ax-flag set done.flag rollout=100
	AX_NOW=2026-01-01 ax-flag set gone.flag enabled=false
	AX_NOW=2026-03-01 ax-flag set young.flag rollout=100
	AX_NOW=2026-03-01 ax-flag set half.flag rollout=50
	AX_NOW=2026-03-10 run ax-flag stale --days 30
	assert_status 0
	assert_contains "$output" "done.flag: fully rolled out since 2026-01-01"
	assert_contains "$output" "gone.flag: off since"
	[[ "$output" != *young.flag* ]]
	[[ "$output" != *half.flag* ]]
	# With telemetry, a flag no event carried is stale too.
	events_db
	add_events on 5 0
	sqlite3 "$AX_TELEMETRY_DIR/telemetry.db" "UPDATE events SET variants = '{\"half.flag\":\"on\"}', time = 1772323200"
	AX_NOW=2026-03-10 run ax-flag stale --days 30
	assert_contains "$output" "young.flag: never evaluated"
	[[ "$output" != *half.flag* ]]
}

@test "flag: report: Welch's t-test on durations against a reference" {
	ax-flag set exp rollout=50
	events_db
	# Wikipedia's Welch example 1: A1 (control, off) and A2 (on); reference
	# t = 2.455356, df = 24.99, p = 0.021378 (python statistics + mpmath t cdf).
	i=0
	for d in 27.5 21.0 19.0 23.6 17.0 17.9 16.9 20.1 21.9 22.6 23.1 19.6 19.0 21.7 21.4; do
		i=$((i + 1)); add_events off 1 0 "$d"; done
	for d in 27.1 22.0 20.8 23.4 23.4 23.5 25.8 22.0 24.8 20.2 21.9 22.1 22.9 20.5 24.4; do
		add_events on 1 0 "$d"; done
	run ax-flag report exp --metric duration
	assert_status 0
	assert_contains "$output" "on vs off: difference +2.167 ms"
	assert_contains "$output" "Welch t = 2.455, df = 25.0, p = 0.02138"
	assert_contains "$output" "verdict on: significant"
	assert_contains "$output" "sample ratio: expected off 50%, on 50%"
	assert_contains "$output" ": ok"
}

@test "flag: report: two-proportion z-test, sample-ratio mismatch, not-yet verdict" {
	ax-flag set exp rollout=50
	events_db
	# 120/1000 vs 150/1000 failing: z = 1.963050, p = 0.049640 (statistics.NormalDist).
	add_events off 1000 120
	add_events on 1000 150
	run ax-flag report exp --metric errors
	assert_status 0
	assert_contains "$output" "on vs off: difference +3.00 points"
	assert_contains "$output" "z = 1.963, p = 0.04964"
	assert_contains "$output" "chi-square = 0.000"
	run ax-flag report exp --metric exit
	assert_contains "$output" "z = 1.963"
	# 1000 vs 1300 at a configured 50/50: chi-square 39.13, p < 0.001.
	add_events on 300 0
	run ax-flag report exp --metric errors
	assert_contains "$output" "chi-square = 39.130"
	assert_contains "$output" "MISMATCH"
	# A tiny sample is "not yet", with the size it would take.
	rm "$AX_TELEMETRY_DIR/telemetry.db"; events_db
	add_events off 50 5
	add_events on 50 7
	run ax-flag report exp --metric errors
	assert_contains "$output" "verdict on: not yet"
	assert_contains "$output" "events per arm would detect"
	run ax-flag report nothing.here
	assert_status 1
	run ax-flag report exp --metric colour
	assert_status 2
}

@test "flag: report ingests the spool on demand, as the telemetry dashboard does" {
	AX_TELEMETRY=off ax-flag set exp rollout=50
	run ax-flag report exp
	assert_status 1
	assert_contains "$output" "no telemetry recorded yet"
	ax-telemetry record --tool ax-parse --variant exp=off --repeat 30
	ax-telemetry record --tool ax-parse --variant exp=on --repeat 30 --exit 2
	[ -s "$AX_TELEMETRY_DIR/events.spool" ]
	run ax-flag report exp --metric exit
	assert_status 0
	assert_contains "$output" "flag exp, metric exit, 60 events"
	[ "$(sqlite3 "$AX_TELEMETRY_DIR/telemetry.db" "SELECT count(*) FROM events WHERE variants LIKE '%exp%'")" -eq 60 ]
}

@test "flag: guard kills a significantly worse treatment, fast, and says why" {
	ax-flag set exp rollout=50
	events_db
	add_events off 400 8
	add_events on 400 60
	run ax-flag guard --dry-run --max-error-rate 0.05
	assert_contains "$output" "would kill"
	run ax-flag eval exp --id x --explain
	[[ "$output" != *killed* ]]
	run ax-flag guard --max-error-rate 0.05
	assert_status 0
	# The time is reported (docs/flags.md records it); benchmarks, not tests, judge it.
	assert_contains "$output" "guard: exp: killed in "
	run ax-flag eval exp --explain
	assert_status 1
	assert_contains "$output" "rule: killed"
	assert_contains "$output" "error rate of 'on' 15.00% vs 'off' 2.00%"
	ax-flag audit --json | tail -n 1 | jq -e '.action == "guard"'
}

@test "flag: guard leaves a healthy or under-threshold treatment alone" {
	ax-flag set exp rollout=50
	events_db
	add_events off 400 8
	add_events on 400 10
	run ax-flag guard exp
	assert_status 0
	assert_contains "$output" "arm 'on' ok"
	assert_contains "$output" "0 flags killed"
	run ax-flag eval exp --id x --explain
	[[ "$output" != *killed* ]]
	# Worse, but under the tolerated rate.
	rm "$AX_TELEMETRY_DIR/telemetry.db"; events_db
	add_events off 400 0
	add_events on 400 8
	run ax-flag guard exp --max-error-rate 0.05
	assert_contains "$output" "0 flags killed"
}

# End to end through ax-parse (it calls ax_stage_enabled("parse") and
# ax_flag_enabled("lang.<name>") per file).
scala_repo() {
	mkdir -p repo
	printf 'def f():\n    return 1\n' > repo/a.py
	printf 'object A { def g = 1 }\n' > repo/b.scala
}

@test "flag: stage.parse off passes records through unparsed, with a notice" {
	scala_repo
	ax-scan repo | ax-cat | grep '"t":"file"' > want
	ax-flag disable stage.parse
	ax-scan repo > scanned
	ax-parse < scanned > /dev/null
	ax-parse < scanned 2> notice | ax-cat > got
	assert_contains "$(cat notice)" "ax-parse: stage.parse is off: passing records through unparsed"
	[ "$(grep -c stage.parse notice)" -eq 1 ]
	not grep -q '"t":"parsed"' got
	diff want <(grep '"t":"file"' got)
	grep -q '"t":"end"' got
	# The same through the kill switch, without touching the file.
	ax-flag enable stage.parse
	AX_FLAGS_OFF=stage.parse ax-parse < scanned 2> notice | ax-cat > got
	not grep -q '"t":"parsed"' got
	assert_contains "$(cat notice)" "stage.parse is off"
}

@test "flag: lang.scala off skips Scala files only, without err records" {
	scala_repo
	ax-flag disable lang.scala
	ax-scan repo | ax-parse | ax-cat > got
	grep -q '"t":"parsed","path":"a.py"' got
	grep -v '"t":"file"' got > not_file
	not grep -q '"path":"b.scala"' not_file
	not grep -q '"t":"err"' got
	# Back on, Scala is parsed again.
	ax-flag enable lang.scala
	ax-scan repo | ax-parse | ax-cat | grep -q '"t":"parsed","path":"b.scala"'
}

@test "flag: tools read a compiled cache that any change of the file invalidates" {
	echo '{"flags": {"stage.parse": {"enabled": false}}}' > .ax/flags.json
	run ax-flag eval stage.parse
	assert_status 1
	ls "$HOME"/.cache/ax/flags-*.bin
	# Same size, same second: the change is still seen (ctime and mtime in ns).
	echo '{"flags": {"stage.parse": {"enabled": true }}}' > .ax/flags.json
	ax-cat --from-json <<<'{"t":"hdr","v":1,"tool":"t"}' > /dev/null
	printf '{"t":"file","path":"a.py","lang":"python","size":1,"mtime":0,"hash":"0123456789abcdef"}\n' |
		ax-cat --from-json | ax-parse 2> notice > /dev/null
	not grep -q "stage.parse is off" notice
	# A broken file is reported on every run, from the cache too.
	echo '{"flags": ' > .ax/flags.json
	for run in 1 2; do
		ax-cat --from-json <<<'{"t":"hdr","v":1,"tool":"t"}' 2> err > /dev/null
		assert_contains "$(cat err)" "is broken"
	done
	# A damaged cache is a miss, not an error.
	for c in "$HOME"/.cache/ax/flags-*.bin; do head -c 40 /dev/urandom > "$c"; done
	echo '{"flags": {"lang.dart": {"enabled": false}}}' > .ax/flags.json
	run ax-flag eval lang.dart
	assert_status 1
	ax-cat --from-json <<<'{"t":"hdr","v":1,"tool":"t"}' 2> err > /dev/null
	[ ! -s err ]
}
