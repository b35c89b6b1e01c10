#!/usr/bin/env bats
# ax: the front end dispatches to the tools and runs the index pipeline.

load helpers

@test "ax with no command lists the commands on stderr and exits 2; ax --help on stdout" {
	run ax
	assert_status 2
	assert_contains "$output" "index"
	assert_contains "$output" "find"
	[ -z "$(ax 2> /dev/null)" ]
	run ax --help
	assert_status 0
	assert_contains "$output" "find"
}

@test "one rule for bare commands: a natural default runs, else a usage error (status 2)" {
	repo
	ax index -q
	# No natural action: what is needed, on stderr, status 2, stdout empty.
	for cmd in config flags db graph find def; do
		run ax "$cmd"
		[ "$status" -eq 2 ] || { echo "ax $cmd: status $status" >&2; return 1; }
		assert_contains "$output" "Try 'ax $cmd --help'"
		[ -z "$(ax "$cmd" 2> /dev/null)" ]
	done
	# A natural default: ax status, ax telemetry (its dashboard) and ax
	# index do it.
	for cmd in status telemetry index; do
		run ax "$cmd"
		[ "$status" -eq 0 ] || { echo "ax $cmd: status $status: $output" >&2; return 1; }
	done
}

@test "errors and --help name the command the user typed; hints name ax index" {
	run ax def
	assert_status 2
	assert_contains "$output" "ax def: no NAME given"
	assert_contains "$output" "Try 'ax def --help'"
	[[ "$output" != *ax-rank* ]]
	# A missing operand is the error, before any index is looked for.
	for cmd in "refs:NAME" "flow:FUNC" "deps:FILE" "outline:FILE"; do
		run ax "${cmd%%:*}"
		assert_status 2
		assert_contains "$output" "ax ${cmd%%:*}: no ${cmd#*:} given"
		[[ "$output" != *index* ]]
	done
	run ax flow --help
	assert_status 0
	assert_contains "$output" "usage: ax flow"
	assert_contains "$output" "--callers"
	run ax lint --bogus
	assert_status 2
	assert_contains "$output" "ax lint: unknown option"
	# Each command's help opens with its own usage line.
	for cmd in $(ax --help | awk '/^commands:/{on=1; next} on && /^  [a-z]/ {print $1}'); do
		ax "$cmd" --help | head -n 1 | grep -qi "^usage: ax $cmd " ||
			{ echo "ax $cmd --help: $(ax "$cmd" --help | head -n 1)" >&2; return 1; }
	done
	# The tools run alone keep their own names, and pass none on.
	run ax-rank
	assert_contains "$output" "ax-rank: no query given"
	# Hints point to ax index, and name the index they speak of.
	run ax find x --db "$WORK/none/x.db"
	assert_status 2
	assert_contains "$output" "run 'ax index'"
	ax-db --db empty.db migrate > /dev/null
	run ax find x --db empty.db
	assert_status 1
	assert_contains "$output" "is empty: run 'ax index'"
	echo 'not an index' > junk.db
	run ax status --db junk.db
	assert_status 2
	assert_contains "$output" "junk.db: "
}

@test "a count of one takes the singular noun (ax_plural)" {
	printf 'x = 1\n' > a.py
	run script -qec "ax-scan > /dev/null" /dev/null
	assert_contains "$output" "1 file looked at"
	run ax index
	assert_contains "$output" "1 symbol in"
	run ax status
	assert_contains "$output" "1 file, 1 symbol"
	[[ "$output" != *"1 files"* ]]
}

@test "an unknown command suggests the closest one" {
	run ax fnid
	assert_status 2
	assert_contains "$output" "did you mean 'find'?"
	run ax zzzzzzzz
	assert_status 2
	assert_contains "$output" "not an ax command"
}

@test "ax COMMAND runs the tool with the arguments" {
	printf '{"t":"x","n":1}\n{"t":"gone","path":"a"}\n' | ax-cat -j > s.ax
	run ax cat --type gone s.ax
	assert_status 0
	[ "$output" = '{"t":"gone","path":"a"}' ]
	run ax cat --version
	assert_contains "$output" "ax-cat "
}

@test "ax index runs scan, parse and load into the index" {
	mkdir -p src
	printf 'def hello_world():\n    return 1\n' > src/a.py
	printf 'package main\nfunc Main() {}\n' > src/b.go
	run ax index src -q
	assert_status 0
	# DIR is the project, as with git -C: its index is its own.
	[ ! -e .ax ]
	[ "$(sqlite3 src/.ax/index.db 'SELECT count(*) FROM files')" = 2 ]
	[ "$(sqlite3 src/.ax/index.db "SELECT name FROM symbols WHERE name = 'hello_world'")" = hello_world ]
	# --db relative to where ax runs, not to DIR.
	run ax index src -q --db here.db
	assert_status 0
	[ "$(sqlite3 here.db 'SELECT count(*) FROM files')" = 2 ]
}

@test "ax index names the stage that failed" {
	run ax index no-such-dir -q
	assert_status 2
	assert_contains "$output" "cannot index 'no-such-dir'"
	mkdir src
	printf 'x = 1\n' > src/a.py
	printf 'not a database, just text that is long enough to be refused by SQLite.%.0s' $(seq 1 80) > bad.db
	run ax index src -q --db bad.db
	assert_status 2
	assert_contains "$output" "index failed in ax-"
	assert_contains "$output" "(exit status 2)"
}

# A git repository of a few Python files, committed.
repo() {
	git init -q .
	git config user.email ax@example.com
	git config user.name ax
	mkdir -p src
	printf 'def alpha():\n    return 1\n' > src/a.py
	printf 'from src.a import alpha\n\ndef beta():\n    return alpha()\n' > src/b.py
	printf 'def gamma():\n    return 3\n' > src/c.py
	git add -A && git commit -qm one
}

# What an index holds, independent of ids and load times.
indexed() {
	sqlite3 "${1:-.ax/index.db}" "SELECT path, hash FROM files ORDER BY path;
		SELECT f.path, s.name, s.kind, s.line FROM symbols s JOIN files f ON f.id = s.file_id ORDER BY 1, 2, 4;"
}

@test "every command in the list runs its tool (--help exits 0)" {
	for cmd in $(ax --help | awk '/^commands:/{on=1; next} on && /^  [a-z]/ {print $1}'); do
		run ax "$cmd" --help
		[ "$status" -eq 0 ] || { echo "ax $cmd --help: status $status: $output" >&2; return 1; }
	done
	for cmd in index find def refs flow deps lint watch status config init db flags telemetry; do
		ax --help | grep -q "^  $cmd " || { echo "ax does not list $cmd" >&2; return 1; }
	done
}

@test "ax def finds exact definitions, and exits 1 when there are none" {
	repo
	ax index -q
	run ax def alpha
	assert_status 0
	assert_contains "$output" "src/a.py:1"
	[ "$(printf '%s\n' "$output" | wc -l)" = 1 ]
	# Columns count from 1, as editors and compilers do: `def alpha` has
	# its name at column 5.
	[ "$(awk '{print $1}' <<< "$output")" = "src/a.py:1:5" ]
	[ "$(ax def --json alpha | jq .col)" = 5 ]
	# A prefix is not a definition; ax find takes one.
	run ax def alph
	assert_status 1
	run ax find 'alph*'
	assert_status 0
	assert_contains "$output" "alpha"
	# Options and their values pass through untouched.
	run ax def -n 1 --json beta
	assert_status 0
	[ "$(printf '%s\n' "$output" | jq -r .name)" = beta ]
	# ... and so do options after the names, as in every GNU tool.
	run ax def beta --json -n 1
	assert_status 0
	[ "$(printf '%s\n' "$output" | jq -r .name)" = beta ]
	run ax find alpha -n 1
	assert_status 0
	[ "$(printf '%s\n' "$output" | wc -l)" = 1 ]
	# After --, every argument is a name.
	run ax def -- --json
	assert_status 1
}

@test "ax refs, ax flow and ax flow --callers reach ax-graph" {
	repo
	ax index -q
	run ax flow beta
	assert_status 0
	assert_contains "$output" "alpha"
	run ax flow --callers alpha
	assert_status 0
	assert_contains "$output" "beta"
	run ax refs alpha
	assert_status 0
	assert_contains "$output" "src/b.py:4:12: call  return alpha()"
	assert_contains "$output" "src/b.py:1:19: import  from src.a import alpha"
	run ax deps src/b.py
	assert_status 0
	assert_contains "$output" "src/a.py"
}

@test "ax with no index says what to do next" {
	run ax find alpha
	assert_status 2
	assert_contains "$output" "ax index"
}

@test "ax index --changed indexes what git reports changed, deletions included, and equals a full index" {
	repo
	run ax index --changed
	assert_status 0
	# No commit recorded yet: the whole tree, said once.
	assert_contains "$output" "scanning the whole tree"
	[ "$(sqlite3 .ax/index.db "SELECT value FROM meta WHERE key = 'git_head'")" = "$(git rev-parse HEAD)" ]
	# A commit, an unstaged edit, a deletion, an untracked file, an ignored file.
	printf 'def delta():\n    return 4\n' > src/d.py
	git add src/d.py
	git commit -qm two
	printf 'def alpha2():\n    return 1\n' > src/a.py
	git rm -q src/c.py
	printf 'def epsilon():\n    return 5\n' > src/e.py
	printf 'ignored.py\n' > .gitignore
	printf 'def hidden():\n    return 6\n' > ignored.py
	ax-scan --changed -q > s.ax
	# .gitignore is of no language: not indexed, so not listed.
	[ "$(ax-cat < s.ax | jq -r 'select(.t == "file" or .t == "gone") | .t + " " + .path' | sort | tr '\n' ' ')" = "file src/a.py file src/d.py file src/e.py gone src/c.py " ]
	run ax index --changed -q
	assert_status 0
	ax index -q --db full.db
	[ "$(indexed)" = "$(indexed full.db)" ]
	ax def alpha2 >/dev/null
	run ax def gamma
	assert_status 1
	run ax def hidden
	assert_status 1
}

@test "ax index --db NEW beside the index found here: NEW gets every file, also those it could reuse" {
	mkdir src
	for i in 1 2 3; do printf 'def f%d():\n    return 1\n' "$i" > src/m$i.py; done
	# Old files: ax-scan trusts the hashes an index has for them.
	touch -d 2020-01-01 src/*.py
	ax index -q
	ax index -q --db "$WORK/new.db"
	[ "$(sqlite3 new.db 'SELECT count(*) FROM files')" = 3 ]
}

@test "ax index --changed after a history rewrite falls back to the whole tree" {
	repo
	printf 'def zeta():\n    return 1\n' > src/z.py
	git add -A
	git commit -qm two
	ax index -q
	# Forget the indexed commit: reset it away and expire it.
	old=$(sqlite3 .ax/index.db "SELECT value FROM meta WHERE key = 'git_head'")
	[ "$old" = "$(git rev-parse HEAD)" ]
	git reset -q --hard HEAD~1
	printf 'def eta():\n    return 1\n' > src/h.py
	git add -A
	git commit -qm other
	git reflog expire --expire=now --all
	git gc -q --prune=now
	not git cat-file -e "$old" 2>/dev/null
	run ax index --changed
	assert_status 0
	assert_contains "$output" "git cannot compare with the indexed commit"
	ax index -q --db full.db
	[ "$(indexed)" = "$(indexed full.db)" ]
}

# term CMD: run the shell command CMD in a 150x20 terminal (tmux server
# ax-$$) and return once CMD has ended, its status in ./exited, and all its
# output is drawn: tmux draws on its own time, so a line printed after CMD
# must be on the screen first.
term() {
	rm -f ended
	mkfifo ended
	tmux -L "ax-$$" -f /dev/null new-session -d -x 150 -y 20 \
		"cd '$WORK'; PATH='$PATH'; $1; echo exit=\$? > exited; echo '[ended]'; : > ended; exec sleep 600"
	await ended
	wait_until screen_shows '[ended]'
}

screen() {
	tmux -L "ax-$$" capture-pane -p "$@"
}

screen_shows() {
	screen | grep -qF "$1"
}

eval "helpers_$(declare -f teardown)"
teardown() {
	tmux -L "ax-$$" kill-server 2>/dev/null || true
	helpers_teardown
}

@test "ax index shows one progress line on a terminal, and none when stderr is a file" {
	mkdir -p src
	for i in $(seq 1 400); do printf 'def f%d():\n    return %d\n' "$i" "$i" > src/m$i.py; done
	term "ax index -j2 2>&1 | cat > /dev/null; ax index --progress -j2 2> raw.txt"
	[ "$(cat exited)" = exit=0 ]
	# --progress forces the line: redrawn in place, three stages counted.
	grep -q 'scanned, .* parsed, .* loaded, .* files/s' raw.txt
	grep -q $'\r\033\[K' raw.txt
	assert_contains "$(cat raw.txt)" "ax index: 400 files in"
	# Each draw and each summary starts on a line of its own ("\r\033[K"
	# first), and the last draw counts every file at every stage: ax-scan
	# reports the files it wrote, not a count from before it wrote them.
	sed 's/\r\x1b\[K/\n/g' raw.txt > lines.txt
	grep -q '^ax-load: 0 added, 0 changed, 0 deleted, 400 unchanged' lines.txt
	[ "$(grep '^ax: ' lines.txt | tail -n 1 | cut -d, -f1-3)" = "ax: 400 scanned, 400 parsed, 400 loaded" ]
	not grep -q 'sax-load' lines.txt
	# Not a terminal, no --progress: plain summaries only, no escapes.
	run bash -c 'ax index 2> plain.txt; cat plain.txt'
	assert_status 0
	not grep -q $'\033' plain.txt
	assert_contains "$output" "ax-load:"
}

@test "ax index under a real terminal: the line is erased at the end, the summary stays" {
	mkdir -p src
	for i in $(seq 1 300); do printf 'def f%d():\n    return %d\n' "$i" "$i" > src/m$i.py; done
	term "ax index -j2"
	[ "$(cat exited)" = exit=0 ]
	screen=$(screen)
	assert_contains "$screen" "ax index: 300 files in"
	assert_contains "$screen" "ax-load: 300 added"
	# No progress text left on the screen.
	not grep -q 'scanned,' <<< "$screen"
	# ax find colours on a terminal, and not through a pipe.
	tmux -L "ax-$$" kill-server
	term "ax find f1"
	[ "$(cat exited)" = exit=0 ]
	screen -e > colour.txt
	grep -q $'\033\[' colour.txt
	run bash -c 'ax find f1 | cat'
	! printf '%s' "$output" | grep -q $'\033'
}
