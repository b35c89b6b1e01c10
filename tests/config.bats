#!/usr/bin/env bats
# ax-config and the config keys: files, precedence, validation, init, and
# each key changing what the tool that reads it does.

load helpers

# Each test its own user config directory: the run's $HOME is shared.
eval "helpers_$(declare -f setup)"
setup() {
	helpers_setup
	export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/xdg
	mkdir -p "$HOME"
	unset AX_DB
}

# A git repository in $WORK/repo with .ax/, the current directory.
project() {
	git init -q repo && cd repo && mkdir .ax
}

# index: scan, parse and load the current directory.
index() {
	ax-scan -q . | ax-parse | ax-load -q
}

@test "ax-config: --help, --version and a man page" {
	run ax-config --help
	assert_status 0
	assert_contains "$output" "Usage: ax-config get KEY"
	run ax-config --version
	assert_status 0
	assert_contains "$output" "ax-config "
	run man -l "$AX_ROOT/tools/ax-config/ax-config.1"
	assert_status 0
	assert_contains "$output" "index.jobs"
}

@test "ax-config: docs/config.md and the man page document every key of config_keys.def" {
	keys=$(sed -n 's/^AX_CONFIG_KEY([A-Z_]*, "\([^"]*\)".*/\1/p' "$AX_ROOT/lib/config/config_keys.def")
	[ "$(printf '%s\n' "$keys" | wc -l)" -ge 5 ]
	[ "$keys" = "$(ax-config keys | awk '{print $1}')" ]
	for k in $keys; do
		grep -q "^### \`$k\`" "$AX_ROOT/docs/config.md" || { echo "docs/config.md lacks $k" >&2; return 1; }
		grep -qF "$k" "$AX_ROOT/tools/ax-config/ax-config.1" || { echo "ax-config.1 lacks $k" >&2; return 1; }
	done
	# and no key the code does not have
	documented=$(sed -n 's/^### `\([^`]*\)`.*/\1/p' "$AX_ROOT/docs/config.md")
	[ "$keys" = "$documented" ]
}

@test "ax-config: set, get, list --show-origin, unset, in the project and the user file" {
	project
	run ax-config get index.jobs
	assert_status 0
	[ "$output" = 0 ]
	ax-config set --user index.jobs 2
	grep -qx 'index.jobs = 2' "$XDG_CONFIG_HOME/ax/config"
	[ "$(ax-config get index.jobs)" = 2 ]
	ax-config set index.jobs 3
	grep -qx 'index.jobs = 3' .ax/config
	[ "$(ax-config get index.jobs)" = 3 ]
	run ax-config list --show-origin
	assert_status 0
	assert_contains "$output" "project  index.jobs = 3"
	assert_contains "$output" "default  scan.max-size = 1M"
	[ "$(printf '%s\n' "$output" | wc -l)" -eq "$(ax-config keys | wc -l)" ]
	ax-config unset index.jobs
	[ "$(ax-config get index.jobs)" = 2 ]
	run ax-config unset index.jobs
	assert_status 1
	assert_contains "$output" "index.jobs is not set in .ax/config"
	ax-config unset --user index.jobs
	[ "$(ax-config get index.jobs)" = 0 ]
	# from a subdirectory the same project file
	mkdir -p sub/dir
	cd sub/dir
	ax-config set color never
	grep -qx 'color = never' ../../.ax/config
}

@test "ax-config: the project root is the nearest .ax/ above, else the git top" {
	git init -q repo
	mkdir -p repo/a/b
	cd repo/a/b
	ax-config set color always
	[ -f "$WORK/repo/.ax/config" ]
	mkdir "$WORK/repo/a/.ax"
	ax-config set color never
	grep -qx 'color = never' "$WORK/repo/a/.ax/config"
	grep -qx 'color = always' "$WORK/repo/.ax/config"
	[ "$(ax-config get color)" = never ]
}

@test "ax-config: outside a project, set says what to do" {
	run ax-config set color never
	assert_status 2
	assert_contains "$output" "run 'ax init', or use --user"
	ax-config set --user color never
	[ "$(ax-config get color)" = never ]
}

@test "ax-config: precedence: environment > project > user > default" {
	project
	[ -z "$(ax-config get db.path)" ]
	run ax-config get db.path
	assert_status 1
	ax-config set --user db.path user.db
	run ax-config list --show-origin
	assert_contains "$output" "user     db.path = user.db"
	ax-config set db.path project.db
	run ax-config list --show-origin
	assert_contains "$output" "project  db.path = project.db"
	AX_DB=/tmp/env.db run ax-config list --show-origin
	assert_contains "$output" "env      db.path = /tmp/env.db"
	[ "$(AX_DB=/tmp/env.db ax-config get db.path)" = /tmp/env.db ]
}

@test "ax-config: unknown keys are refused with a suggestion" {
	project
	run ax-config set index.job 4
	assert_status 2
	[ "$output" = "ax-config: unknown key 'index.job'; did you mean 'index.jobs'?" ]
	run ax-config get colour
	assert_status 2
	assert_contains "$output" "did you mean 'color'?"
	run ax-config get nothing.like.it
	assert_status 2
	assert_contains "$output" "unknown key 'nothing.like.it' (run 'ax-config keys'"
	[ ! -e .ax/config ]
	run ax-config sett color never
	assert_status 2
	assert_contains "$output" "did you mean 'set'?"
}

@test "ax-config: a value beginning with '-' is a value to check, not an option" {
	project
	run ax config set index.jobs -3
	assert_status 2
	[ "${lines[0]}" = "ax config: invalid index.jobs '-3': want a whole number from 0 to 256" ]
	run ax-config --user set index.jobs -1
	assert_status 2
	assert_contains "$output" "invalid index.jobs '-1'"
	run ax-config set scan.max-size -1M
	assert_status 2
	assert_contains "$output" "invalid scan.max-size '-1M': want a size from 1 to"
	# A list value may begin with '-', and options still go anywhere.
	run ax-config add scan.exclude -draft --user
	assert_status 0
	run ax-config get scan.exclude
	[ "$output" = "-draft" ]
}

@test "ax-config: bad values are refused before writing, saying what is expected" {
	project
	printf '# mine\ncolor = never\n' > .ax/config
	before=$(cat .ax/config)
	run ax-config set index.jobs many
	assert_status 2
	assert_contains "$output" "invalid index.jobs 'many': want a whole number from 0 to 256"
	run ax-config set index.jobs 300
	assert_status 2
	run ax-config set scan.max-size 1X
	assert_status 2
	assert_contains "$output" "want a size from 1 to 1024G, like 512K, 1M or 2G"
	run ax-config set color sometimes
	assert_status 2
	assert_contains "$output" "want auto, always or never"
	run ax-config add color always
	assert_status 2
	[ "$(cat .ax/config)" = "$before" ]
}

@test "ax-config: writes keep comments and other lines, and replace in place" {
	project
	printf '# my comment\n\ncolor = never\n; other comment\nscan.max-size = 2M\n' > .ax/config
	ax-config set color always
	[ "$(cat .ax/config)" = "$(printf '# my comment\n\ncolor = always\n; other comment\nscan.max-size = 2M')" ]
	ax-config add scan.exclude 'vendor/'
	ax-config add scan.exclude '*.min.js'
	[ "$(ax-config get scan.exclude)" = "$(printf 'vendor/\n*.min.js')" ]
	ax-config unset scan.exclude
	[ "$(cat .ax/config)" = "$(printf '# my comment\n\ncolor = always\n; other comment\nscan.max-size = 2M')" ]
	# no temporary file left behind
	[ "$(ls -A .ax)" = config ]
}

@test "ax-config: a broken config file is an error of every tool that reads it, with file:line" {
	project
	printf 'color = never\n\nindex.jobs 4\n' > .ax/config
	run ax-config list
	assert_status 2
	[ "$output" = "ax-config: .ax/config:3: expected 'key = value', a '#' comment or a blank line" ]
	run ax-parse < /dev/null
	assert_status 2
	assert_contains "$output" "ax-parse: .ax/config:3:"
	printf 'index.jobs = lots\n' > .ax/config
	run ax-parse < /dev/null
	assert_status 2
	[ "$output" = "ax-parse: .ax/config:1: invalid index.jobs 'lots': want a whole number from 0 to 256" ]
	printf 'scan.maxsize = 1M\n' > .ax/config
	run ax-scan -q .
	assert_status 2
	assert_contains "$output" "ax-scan: .ax/config:1: unknown key 'scan.maxsize'; did you mean 'scan.max-size'?"
	# the user file too, named in full
	rm .ax/config
	mkdir -p "$XDG_CONFIG_HOME/ax"
	printf 'color = maybe\n' > "$XDG_CONFIG_HOME/ax/config"
	run ax-rank foo
	assert_status 2
	assert_contains "$output" "ax-rank: $XDG_CONFIG_HOME/ax/config:1: invalid color 'maybe'"
	# an unknown key can be removed with unset, to fix a typo
	printf 'colr = never\n' > "$XDG_CONFIG_HOME/ax/config"
	ax-config unset --user colr
	run ax-config list
	assert_status 0
}

@test "ax-config init: a commented config with every key, .ax/ excluded in git, idempotent" {
	git init -q repo
	cd repo
	run ax-config init
	assert_status 0
	assert_contains "$output" "created .ax/config"
	assert_contains "$output" "added .ax/ to"
	[ "$(grep -cx '.ax/' .git/info/exclude)" -eq 1 ]
	for k in $(ax-config keys | awk '{print $1}'); do
		grep -q "^# $k =" .ax/config || { echo "no template line for $k" >&2; return 1; }
	done
	# the template alone changes nothing
	[ "$(ax-config list --show-origin | awk '{print $1}' | sort -u)" = default ]
	ax-config set index.jobs 2
	# a set key lands under its template line
	grep -A1 '^# index.jobs =' .ax/config | grep -qx 'index.jobs = 2'
	run ax-config init
	assert_status 0
	assert_contains "$output" "exists: left as it is"
	assert_contains "$output" "already excludes .ax/"
	[ "$(grep -cx '.ax/' .git/info/exclude)" -eq 1 ]
	grep -qx 'index.jobs = 2' .ax/config
	# git does not see .ax/
	[ -z "$(git status --porcelain)" ]
}

@test "ax-config init: outside git, and into a given DIR" {
	run ax-config init
	assert_status 0
	assert_contains "$output" "created .ax/config"
	[[ "$output" != *exclude* ]]
	[ -f .ax/config ]
	mkdir other
	ax-config init other
	[ -f other/.ax/config ]
	run ax-config init missing
	assert_status 2
}

@test "ax-config: init appends to an exclude file without a final newline" {
	git init -q repo
	cd repo
	printf '*.log' > .git/info/exclude
	ax-config init
	[ "$(cat .git/info/exclude)" = "$(printf '*.log\n.ax/')" ]
}

@test "config index.jobs: ax-parse's default number of workers" {
	project
	# ax-parse runs one thread per worker plus the main and writer threads,
	# all started before it reads its input: once it waits in read(2) on
	# stdin (a FIFO held open here), the count is final.
	read_nr=$(printf '#include <sys/syscall.h>\nSYS_read\n' | cc -E -P - | tail -n 1)
	reading_stdin() {
		[ "$(cut -d' ' -f1,2 "/proc/$1/syscall")" = "$read_nr 0x0" ]
	}
	threads() {
		rm -f in
		mkfifo in
		ax-parse "$@" < in > /dev/null 3>&- &
		local pid=$!
		exec 4> in
		wait_until reading_stdin "$pid"
		ls "/proc/$pid/task" | wc -l
		exec 4>&-
		wait "$pid"
	}
	ax-config set index.jobs 3
	[ "$(threads)" -eq 5 ]
	[ "$(threads -j 1)" -eq 3 ]
	ax-config set index.jobs 1
	[ "$(threads)" -eq 3 ]
}

@test "config parse.timeout-ms: ax-parse gives up on a slow file" {
	project
	python3 -c 'print("\n".join(f"def f{i}(a, b):\n    return [a + b * {i} for _ in range(3)]" for i in range(8000)))' > big.py
	ax-scan -q . > s
	ax-parse < s | ax-cat > out
	[ "$(jq -r 'select(.t == "parsed") | .path' out)" = big.py ]
	[ -z "$(jq -r 'select(.t == "err") | .code' out)" ]
	ax-config set parse.timeout-ms 1
	ax-parse < s | ax-cat > out
	[ "$(jq -r 'select(.t == "err") | .code' out)" = timeout ]
	# the option still wins
	ax-parse --timeout-ms 0 < s | ax-cat > out
	[ -z "$(jq -r 'select(.t == "err") | .code' out)" ]
}

@test "config scan.max-size: ax-scan skips larger files unless --max-size says otherwise" {
	project
	head -c 3000 /dev/zero | tr '\0' 'x' | sed 's/^/# /' > big.py
	printf 'x = 1\n' > small.py
	[ "$(ax-scan -q . | ax-cat | jq -r 'select(.t == "file") | .path' | sort | tr '\n' ' ')" = "big.py small.py " ]
	ax-config set scan.max-size 2K
	[ "$(ax-scan -q . | ax-cat | jq -r 'select(.t == "file") | .path')" = small.py ]
	[ "$(ax-scan -q --max-size 4K . | ax-cat | jq -r 'select(.t == "file") | .path' | wc -l)" -eq 2 ]
}

@test "config scan.exclude: patterns left out like .axignore's, user and project added up" {
	project
	mkdir -p vendor/lib src
	printf 'x = 1\n' > vendor/lib/v.py
	printf 'x = 1\n' > src/a.py
	printf 'x = 1\n' > src/a_test.py
	ax-config add scan.exclude 'vendor/'
	ax-config add --user scan.exclude '*_test.py'
	[ "$(ax-scan -q . | ax-cat | jq -r 'select(.t == "file") | .path')" = src/a.py ]
	# an .axignore negation below still decides, as a deeper list would
	printf '!a_test.py\n' > src/.axignore
	[ "$(ax-scan -q . | ax-cat | jq -r 'select(.t == "file") | .path' | tr '\n' ' ')" = "src/a.py src/a_test.py " ]
	rm src/.axignore
	[ "$(ax-scan -q --no-ignore . | ax-cat | jq -r 'select(.t == "file") | .path' | wc -l)" -eq 3 ]
}

@test "config db.path: where ax-load writes and every reader looks, relative to the project root" {
	project
	printf 'def hello():\n    pass\n' > a.py
	ax-config set db.path idx/my.db
	index
	[ -f idx/my.db ]
	[ ! -e .ax/index.db ]
	[ "$(sqlite3 idx/my.db 'SELECT path FROM files')" = a.py ]
	mkdir sub
	cd sub
	run ax-rank hello
	assert_status 0
	assert_contains "$output" "a.py"
	# $AX_DB wins over db.path
	cd ..
	AX_DB=$WORK/env.db index
	[ "$(sqlite3 "$WORK/env.db" 'SELECT path FROM files')" = a.py ]
}

@test "config color: ax-rank colours when asked, --color still wins" {
	project
	printf 'def hello():\n    pass\n' > a.py
	index
	esc=$(printf '\033[')
	out=$(ax-rank hello)
	[[ "$out" != *"$esc"* ]]
	ax-config set color always
	out=$(ax-rank hello)
	[[ "$out" == *"$esc"* ]]
	out=$(ax-rank --color=never hello)
	[[ "$out" != *"$esc"* ]]
}

@test "config: a config file that may not be read is a warning, not the end" {
	project
	printf 'color = never\n' > .ax/config
	chmod 755 "$WORK" "$WORK/repo" "$WORK/repo/.ax"
	chmod 600 .ax/config
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$AX_BIN/ax-config" get color
	assert_status 0
	assert_contains "$output" "ax-config: warning: .ax/config: Permission denied; ignoring it"
	assert_contains "$output" "auto"
}
