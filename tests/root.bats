#!/usr/bin/env bats
# The project root: every command finds it from where it runs, `ax index
# SUBDIR` brings one subtree up to date, an index follows its tree when the
# tree is copied or moved, paths are typed and shown relative to the current
# directory (docs/pipelines.md, docs/status.md, docs/graph.md).

load helpers

eval "helpers_$(declare -f setup)"
setup() {
	helpers_setup
	export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/xdg AX_TELEMETRY=off
	unset AX_DB
	mkdir -p "$HOME"
	# A small express: lib/ with files, a top-level index.js and package.json.
	git init -q express
	cd express
	mkdir -p lib/router
	printf 'module.exports = require("./lib/express");\n' > index.js
	printf '{"name": "express", "main": "index.js"}\n' > package.json
	printf 'var Router = require("./router");\nfunction createApplication() { return new Router(); }\nmodule.exports = createApplication;\n' > lib/express.js
	printf 'var Layer = require("./layer");\nfunction Router() { return new Layer(); }\nmodule.exports = Router;\n' > lib/router/index.js
	printf 'function Layer() {}\nmodule.exports = Layer;\n' > lib/router/layer.js
	git add -A
	git -c user.email=t@t -c user.name=t commit -qm init
}

# paths: every indexed path, one a line.
paths() {
	sqlite3 "$WORK/express/.ax/index.db" 'SELECT path FROM files ORDER BY path'
}

ALL='index.js
lib/express.js
lib/router/index.js
lib/router/layer.js
package.json'

@test "ax index in a subdirectory updates the project's index, root-relative, deleting nothing outside" {
	ax index -q
	[ "$(paths)" = "$ALL" ]
	cd lib
	run ax index
	assert_status 0
	assert_contains "$output" "0 deleted"
	[ ! -e .ax ]
	[ "$(paths)" = "$ALL" ]
	run ax status
	assert_contains "$output" "root       $WORK/express"
	assert_contains "$output" "stale      none"
	# SUBDIR from the root, and a file gone inside it: deleted, the rest kept
	cd ..
	rm lib/router/layer.js
	printf 'function Other() {}\n' > lib/other.js
	run ax index lib
	assert_status 0
	assert_contains "$output" "1 added, 0 changed, 1 deleted"
	[ "$(paths)" = 'index.js
lib/express.js
lib/other.js
lib/router/index.js
package.json' ]
}

@test "a first ax index in a subdirectory of a git work tree makes the index at the top" {
	cd lib/router
	ax index -q
	[ -f "$WORK/express/.ax/index.db" ]
	[ ! -e .ax ]
	[ "$(paths)" = 'lib/router/index.js
lib/router/layer.js' ]
	cd ../..
	ax index -q
	[ "$(paths)" = "$ALL" ]
}

@test "ax-scan --root: paths below the root, and end names the subtree walked whole" {
	ax-scan -q --rehash --root . lib/router > s.ax
	[ "$(ax-cat s.ax | jq -r 'select(.t=="file") | .path')" = 'lib/router/index.js
lib/router/layer.js' ]
	[ "$(ax-cat s.ax | jq -c 'select(.t=="end") | [.complete, .under]')" = '[false,"lib/router"]' ]
	[ "$(ax-cat s.ax | jq -r 'select(.t=="hdr") | .root')" = "$WORK/express" ]
	run ax-scan --root lib .
	assert_status 2
	assert_contains "$output" "not inside the root"
	# alone, DIR stays the root
	[ "$(ax-scan -q lib/router | ax-cat | jq -c 'select(.t=="end") | [.complete, .under]')" = '[true,null]' ]
}

@test "ax-load deletes only below end's under, and a stream without under as before" {
	ax index -q
	# a scan of lib/router that lists only index.js, as if layer.js were gone
	ax-scan -q --rehash --root . lib/router | ax-cat | jq -c 'select(.path != "lib/router/layer.js")' \
		| ax-cat --from-json | ax-parse | ax-load -q
	[ "$(paths)" = 'index.js
lib/express.js
lib/router/index.js
package.json' ]
	# without under and complete false (an older scan's partial stream):
	# layer.js, on disk, comes back; express.js, left out, is not deleted
	ax-scan -q --rehash --root . lib | ax-cat | jq -c 'if .t=="end" then del(.under) else . end' \
		| jq -c 'select(.path != "lib/express.js")' | ax-cat --from-json | ax-parse | ax-load -q
	[ "$(paths)" = "$ALL" ]
}

@test "a copied tree with its .ax/: ax status and queries look at the copy" {
	ax index -q
	cd "$WORK"
	cp -rp express copy
	cd copy
	rm lib/router/layer.js
	printf 'var Layer = require("./layer");\nfunction Router() { return new Layer(); } // copied\nmodule.exports = Router;\n' > lib/router/index.js
	run ax status
	assert_status 0
	assert_contains "$output" "root       $WORK/copy"
	assert_contains "$output" "missing  lib/router/layer.js"
	assert_contains "$output" "changed  lib/router/index.js"
	# source lines come from the copy's files
	run ax refs Layer
	assert_contains "$output" "// copied"
	ax index -q
	[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM files WHERE path = 'lib/router/layer.js'")" = 0 ]
	# the original is untouched
	cd "$WORK/express"
	run ax status
	assert_contains "$output" "root       $WORK/express"
	assert_contains "$output" "stale      none"
}

@test "a named directory that git ignores: said on stderr with --no-ignore, exit 0" {
	printf 'build/\n' > .gitignore
	mkdir -p build/gen
	printf 'def generated():\n    pass\n' > build/gen/g.py
	run ax-scan -q build/gen
	assert_status 0
	assert_contains "$output" "build/gen is ignored (git's ignore rules): nothing under it is scanned; --no-ignore scans it"
	run ax index build/gen
	assert_status 0
	assert_contains "$output" "--no-ignore"
	ax index -q --no-ignore build/gen
	[ "$(sqlite3 .ax/index.db "SELECT path FROM files")" = build/gen/g.py ]
	# a directory that is not ignored says nothing
	run ax-scan -q lib
	assert_status 0
	[ -z "$(ax-scan -q lib 2>&1 >/dev/null)" ]
}

@test "an index no run has finished loading (a first index interrupted): ax status says so" {
	# What a first ax index stopped by Ctrl-C leaves: an index with the
	# schema and no load committed (ax-load fills a new index in one
	# transaction), so no root recorded.
	ax-db migrate > /dev/null
	[ -f .ax/index.db ]
	run ax status
	assert_status 0
	assert_contains "$output" "stale      not checked: no index run has finished yet: run 'ax index'"
}

@test "file arguments are relative to the current directory, text output too; --json stays root-relative and names the root" {
	ax index -q
	cd lib/router
	# index.js here is lib/router/index.js, not the top-level index.js
	run ax deps index.js
	assert_status 0
	[ "$output" = layer.js ]
	run ax-graph rdeps index.js
	assert_status 0
	[ "$output" = ../express.js ]
	run ax deps ../../index.js
	[ "$output" = ../express.js ]
	run ax deps "$WORK/express/lib/express.js"
	[ "$output" = index.js ]
	[ "$(ax deps --json index.js | jq -r .imports)" = lib/router/layer.js ]
	# ax-rank's hits, ax refs and ax flow
	run ax def createApplication
	assert_contains "$output" "../express.js:2:10"
	[ "$(ax def --json createApplication | jq -r .path)" = lib/express.js ]
	# Each --json line names the root its paths are relative to.
	top=$(cd ../.. && pwd -P)
	[ "$(ax def --json createApplication | jq -r .root)" = "$top" ]
	[ "$(ax deps --json index.js | jq -r .root)" = "$top" ]
	[ "$(ax refs --json Layer | jq -r .root | sort -u)" = "$top" ]
	[ "$(ax outline --json layer.js | jq -r .root | sort -u)" = "$top" ]
	run ax refs Layer
	assert_contains "$output" "layer.js:1: definition function Layer"
	assert_contains "$output" "index.js:2:32: call  function Router() { return new Layer(); }"
	run ax flow createApplication
	assert_contains "$output" "createApplication  ../express.js:2"
	# ax status: stale files
	cd ..
	rm router/layer.js
	run ax status
	assert_contains "$output" "missing  router/layer.js"
	[ "$(ax status --json | jq -r '.stale.files[0].path')" = lib/router/layer.js ]
	[ "$(ax status --json | jq -r .root)" = "$WORK/express" ]
}

@test "ax-lint takes and prints paths relative to the current directory" {
	ax index -q
	mkdir -p .ax/rules
	cat > .ax/rules/no-layer.yml <<'RULE'
id: no-layer
languages: [javascript]
severity: warning
message: no Layer here
query: '((identifier) @match (#eq? @match "Layer"))'
RULE
	cd lib
	run ax-lint router
	assert_status 0
	assert_contains "$output" "router/layer.js:1:10: warning: no Layer here [no-layer]"
	[ -z "$(printf '%s\n' "$output" | grep -v '^router/')" ]
	[ "$(ax-lint --json router | jq -r .path | sort -u)" = 'lib/router/index.js
lib/router/layer.js' ]
}

@test "ax watch in a subdirectory keeps the project's paths and index" {
	ax index -q
	cd lib
	ax-watch --debounce 100 --rounds 1 2> "$WORK/watch.log" 3>&- &
	pid=$!
	end=$((SECONDS + EVENT_TIMEOUT))
	until grep -q 'full scan (start)' "$WORK/watch.log" || [ "$SECONDS" -ge "$end" ]; do sleep 0.1; done
	printf 'function Added() {}\n' > router/added.js
	wait "$pid"
	[ ! -e .ax ]
	[ "$(paths)" = 'index.js
lib/express.js
lib/router/added.js
lib/router/index.js
lib/router/layer.js
package.json' ]
}

@test "ax index --changed SUBDIR: what git says changed under it, relative to the root" {
	ax index -q
	printf 'function Changed() {}\n' >> lib/express.js
	printf '// top\n' >> index.js
	rm lib/router/layer.js
	ax-scan -q --changed --root . lib > s.ax
	[ "$(ax-cat s.ax | jq -c 'select(.t != "hdr") | [.t, .path]')" = '["file","lib/express.js"]
["gone","lib/router/layer.js"]
["end",null]' ]
	# a subtree does not make the index reflect the commit
	[ "$(ax-cat s.ax | jq -c 'select(.t=="end") | [.complete, .git_head, .under]')" = '[false,null,null]' ]
	ax index -q --changed lib
	[ "$(sqlite3 .ax/index.db "SELECT count(*) FROM symbols WHERE name = 'Changed'")" = 1 ]
	[ "$(paths)" = 'index.js
lib/express.js
lib/router/index.js
package.json' ]
	run ax status
	assert_contains "$output" "changed  index.js"
}
