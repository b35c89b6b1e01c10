#!/usr/bin/env bats
# docs/pipelines.md: every recipe there is taken from the page and run here.

load helpers

page=$AX_ROOT/docs/pipelines.md

# The code block after the marker <!-- recipe: NAME --> (or NAME (...)).
recipe() {
	awk -v name="$1" '
		index($0, "<!-- recipe: " name " -->") == 1 || index($0, "<!-- recipe: " name " (") == 1 { want = 1; next }
		want && /^```/ { if (inside) exit; inside = 1; next }
		inside { print }' "$page"
}

# The shell script of a GitHub Actions step: the lines under "run: |".
actions_run() {
	recipe "$1" | awk '
		/run: \|/ { on = 1; match($0, /^ */); indent = RLENGTH; next }
		on { match($0, /^ */); if (RLENGTH <= indent) exit; sub(/^ +/, ""); print }'
}

# The commands of a GitLab CI job: the "- CMD" items under "script:".
gitlab_script() {
	recipe "$1" | awk '
		/^ *script:/ { on = 1; next }
		on && /^ *- / { sub(/^ *- /, ""); print; next }
		on { exit }'
}

# A git repository of Python files with a call between two of them.
make_repo() {
	local dir=$1 n=${2:-5}
	mkdir -p "$dir/src"
	(
		cd "$dir" || exit 1
		git init -q .
		git config user.email ax@example.com
		git config user.name ax
		printf 'def parse_config(path):\n    return open(path).read()\n' > src/config.py
		printf 'from src.config import parse_config\n\ndef main():\n    return parse_config("x")\n' > src/main.py
		for i in $(seq 1 "$n"); do
			printf 'def %s_helper_%d(x):\n    return x + %d\n' "$(basename "$dir")" "$i" "$i" > "src/m$i.py"
		done
		printf 'function parseUrl(u) { console.log(u); return u; }\n' > src/url.js
		git add -A && git commit -qm init
	)
}

# What an index holds, without ids or load times.
dump() {
	sqlite3 "$1" "SELECT path, lang, hash, nsyms FROM files ORDER BY path;
		SELECT f.path, s.name, s.kind, s.line, s.col FROM symbols s JOIN files f ON f.id = s.file_id ORDER BY 1, 4, 5, 2;
		SELECT f.path, i.raw, i.line FROM imports i JOIN files f ON f.id = i.file_id ORDER BY 1, 3, 2;
		SELECT f.path, r.name, r.line, r.col FROM refs r JOIN files f ON f.id = r.file_id ORDER BY 1, 3, 4, 2;"
}

@test "pipelines.md: every recipe marker has a block, and every block here is tested" {
	for name in cron github-actions gitlab-ci ci-stages xargs parallel search-all shards shard-rerun jq \
		editor-tags editor-hook vimrc emacs; do
		[ -n "$(recipe "$name")" ] || { echo "no recipe $name" >&2; return 1; }
	done
	[ "$(grep -c '^<!-- recipe: ' "$page")" = 14 ]
}

@test "recipe cron: the crontab command indexes, then re-indexes what changed, and skips while locked" {
	export HOME=$WORK/home
	make_repo "$HOME/src/app"
	line=$(recipe cron)
	cmd=$(printf '%s\n' "$line" | sed -E 's/^([^ ]+ +){5}//')
	[ "$cmd" != "$line" ]
	run sh -c "$cmd"
	assert_status 0
	app=$HOME/src/app
	[ "$(sqlite3 "$app/.ax/index.db" 'SELECT count(*) FROM files')" = 8 ]
	printf 'def parse_config(path, mode):\n    return 2\n' > "$app/src/config.py"
	(cd "$app" && git commit -qam edit)
	rm "$app/src/m1.py"
	run sh -c "$cmd"
	assert_status 0
	(cd "$app" && ax index -q --db "$WORK/full.db")
	[ "$(dump "$app/.ax/index.db")" = "$(dump "$WORK/full.db")" ]
	# While another run holds the lock, the next one gives up at once.
	# The test itself holds it; the timeout only ends a run that would wait.
	exec 4>> "$app/.ax/cron.lock"
	flock 4
	printf 'def late():\n    return 1\n' > "$app/src/late.py"
	run timeout 300 sh -c "$cmd"
	exec 4>&-
	assert_status 1
	[ "$(sqlite3 "$app/.ax/index.db" "SELECT count(*) FROM files WHERE path = 'src/late.py'")" = 0 ]
}

@test "recipe github-actions: the step's script indexes, reports status and writes SARIF" {
	make_repo app
	cd app
	mkdir -p .ax/rules
	cp "$AX_ROOT"/examples/rules/*console* .ax/rules/
	script=$(actions_run github-actions)
	[ -n "$script" ]
	run bash -e -c "$script"
	[ "$status" -le 1 ] || { echo "status $status: $output" >&2; return 1; }
	# The repository's 8 files and the rule file (YAML) itself.
	[ "$(jq -r .files ax-status.json)" = 9 ]
	[ "$(jq -r '.version' ax.sarif)" = 2.1.0 ]
	[ "$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' ax.sarif)" = src/url.js ]
}

@test "recipe gitlab-ci: the job's script runs twice on a cached index and re-reads only the change" {
	make_repo app
	cd app
	mkdir -p .ax/rules
	cp "$AX_ROOT"/examples/rules/*.yml .ax/rules/
	mapfile -t cmds < <(gitlab_script gitlab-ci)
	[ "${#cmds[@]}" = 2 ]
	for c in "${cmds[@]}"; do bash -e -c "$c" || [ $? = 1 ]; done
	[ "$(jq -r .rule ax-lint.jsonl | sort -u)" = "$(sed -n 's/^id: *//p' .ax/rules/no-console-log.yml)" ]
	printf 'def added():\n    return 1\n' > src/added.py
	git add src/added.py
	git commit -qm add
	run bash -e -c "${cmds[0]}"
	assert_status 0
	ax index -q --db "$WORK/full.db"
	[ "$(dump .ax/index.db)" = "$(dump "$WORK/full.db")" ]
}

@test "recipe ci-stages: a merge request's files alone, and a stream kept between jobs" {
	make_repo app
	cd app
	printf 'def changed():\n    return 1\n' > src/m2.py
	git commit -qam change
	BASE=HEAD~1
	run bash -e -c "BASE=$BASE; $(recipe ci-stages)"
	assert_status 0
	[ "$(sqlite3 mr.db 'SELECT path FROM files')" = src/m2.py ]
	ax index -q --db "$WORK/full.db"
	[ "$(dump index.db)" = "$(dump "$WORK/full.db")" ]
}

@test "recipes xargs and parallel: one index per repository, the same as indexing each alone" {
	for r in one two three; do make_repo "repos/$r" 3; done
	for name in xargs parallel; do
		rm -rf repos/*/.ax
		run bash -e -c "$(recipe "$name")"
		assert_status 0
		for r in one two three; do
			(cd "repos/$r" && ax index -q --db "$WORK/$r.db")
			[ "$(dump "repos/$r/.ax/index.db")" = "$(dump "$WORK/$r.db")" ]
			sqlite3 "repos/$r/.ax/index.db" "SELECT name FROM symbols" | grep -qx "${r}_helper_1"
		done
	done
	# All of them searched at once, best first, each hit with its repository.
	run bash -e -c "$(recipe search-all)"
	assert_status 0
	[ "$(printf '%s\n' "$output" | jq -r .repo | sort -u | wc -l)" = 3 ]
	[ "$(printf '%s\n' "$output" | jq -s '[.[].score] == ([.[].score] | sort | reverse)')" = true ]
}

@test "recipes shards and shard-rerun: four shards through GNU parallel merge into the single-machine index" {
	make_repo app 60
	cd app
	run bash -e -c "$(recipe shards)"
	assert_status 0
	[ "$(ls shard-*.db | wc -l)" = 4 ]
	ax index -q --db "$WORK/single.db"
	[ "$(dump merged.db)" = "$(dump "$WORK/single.db")" ]
	# A lost shard is built again alone and merged again.
	rm -f merged.db shard-3.db
	ax-load -q --merge --db merged.db shard-1.db shard-2.db shard-4.db
	[ "$(dump merged.db)" != "$(dump "$WORK/single.db")" ]
	run bash -e -c "$(recipe shard-rerun)"
	assert_status 0
	[ "$(dump merged.db)" = "$(dump "$WORK/single.db")" ]
}

@test "recipe jq: files per language from the stream" {
	make_repo app 4
	cd app
	run bash -e -c "$(recipe jq)"
	assert_status 0
	[ "$(printf '%s\n' "$output" | awk '{print $1, $2}' | head -n 2 | tr '\n' ' ')" = "6 python 1 javascript " ]
}

@test "recipes editor-tags and editor-hook: a tags file at the root, kept current by each commit" {
	make_repo app 2
	cd app
	run bash -e -c "$(recipe editor-tags)"
	assert_status 0
	[ "$(grep $'^parse_config\t' tags | cut -f2,4)" = $'src/config.py\tfunction' ]
	run bash -e -c "$(recipe editor-hook)"
	assert_status 0
	printf 'def load_settings(path):\n    return path\n' > src/settings.py
	git add src/settings.py
	git commit -qm settings
	[ "$(grep $'^load_settings\t' tags | cut -f2)" = src/settings.py ]
}

@test "recipe vimrc: vim in a subdirectory finds the root's tags file and jumps (under tmux)" {
	make_repo app 2
	cd app
	ax index -q --tags
	recipe vimrc > "$WORK/vimrc"
	tmux -L "ax-$$" -f /dev/null new-session -d -x 100 -y 20 \
		"cd '$WORK/app/src' && vim -u '$WORK/vimrc' -i NONE -N -t parse_config"
	wait_until sh -c "tmux -L ax-$$ capture-pane -p | grep -qF 'def parse_config(path):'"
	tmux -L "ax-$$" send-keys ":call writefile([expand('%:p') . ':' . line('.')], '$WORK/where.txt')" Enter
	wait_until test -s "$WORK/where.txt"
	tmux -L "ax-$$" kill-server
	[ "$(cat "$WORK/where.txt")" = "$WORK/app/src/config.py:1" ]
}

@test "recipe emacs: a TAGS file by etags' rules: one section per file, its size, the line and offset of each tag" {
	make_repo app 2
	cd app
	ax index -q
	run bash -e -c "$(recipe emacs)"
	assert_status 0
	[ "$(grep -ac $'^\f$' TAGS)" = "$(sqlite3 .ax/index.db 'SELECT count(*) FROM files WHERE nsyms > 0')" ]
	section=$(awk '/^\f$/ { getline; want = ($0 ~ /^src\/config.py,/) } want' TAGS)
	[ "$(printf '%s\n' "$section" | head -n 1)" = "src/config.py,$(printf '%s\n' "$section" | tail -n +2 | wc -c)" ]
	[ "$(printf '%s\n' "$section" | tail -n +2)" = $'def parse_config(path):\x7fparse_config\x011,0' ]
}

eval "helpers_$(declare -f teardown)"
teardown() {
	tmux -L "ax-$$" kill-server 2>/dev/null || true
	helpers_teardown
}
