#!/usr/bin/env bats
# ax-graph: import resolution on the fixture repositories of
# tests/fixtures/graph (hand-written expected edges), the graph commands,
# the output formats, the call graph and incremental re-resolution.

load helpers

FIX=$AX_ROOT/tests/fixtures/graph

# index FIXTURE: copy it to $WORK/repo, index it, resolve its imports.
index() {
	cp -r "$FIX/$1" "$WORK/repo"
	rm -f "$WORK/repo/expected.edges"
	cd "$WORK/repo"
	ax-scan . | ax-parse | ax-load -q
	ax-graph resolve 2>/dev/null
}

edges() {
	sqlite3 .ax/index.db "SELECT DISTINCT a.path || ' ' || b.path FROM edges e
		JOIN files a ON a.id = e.src_id JOIN files b ON b.id = e.dst_id ORDER BY 1"
}

@test "every fixture: no edge that is not in the hand-written graph (precision 100%)" {
	run "$FIX/score.sh" "$AX_BIN"
	assert_status 0
	echo "$output"
	[ "$(echo "$output" | tail -n +2 | wc -l)" -ge 13 ]
	# column 2 is precision: every fixture at 100.0%
	[ -z "$(echo "$output" | tail -n +2 | awk '$2 != "100.0%"')" ]
}

@test "recall on the fixtures: every expected edge is found" {
	run "$FIX/score.sh" "$AX_BIN"
	assert_status 0
	echo "$output"
	[ -z "$(echo "$output" | tail -n +2 | awk '$3 != "100.0%"')" ]
}

@test "import outcomes: resolved, external, unresolved" {
	index js
	st() { sqlite3 .ax/index.db "SELECT i.status FROM imports i WHERE raw = '$1'"; }
	[ "$(st react)" = external ]
	[ "$(st node:fs)" = external ]
	[ "$(st ./lib/missing)" = unresolved ]
	[ "$(st @acme/core)" = file ]
	[ "$(sqlite3 .ax/index.db "SELECT f.path FROM imports i JOIN files f ON f.id = i.target_id WHERE raw = './lib/helpers.js' LIMIT 1")" = packages/app/src/lib/helpers.ts ]
}

@test "deps and rdeps, by path, by suffix and from a subdirectory" {
	index js
	run ax-graph deps packages/core/src/util.ts
	assert_status 0
	[ "$output" = packages/core/src/math/add.ts ]
	run ax-graph rdeps src/util.ts
	assert_status 0
	[ "$output" = "$(printf '%s\n' packages/app/src/components/Button.tsx packages/app/src/main.tsx packages/core/src/index.ts)" ]
	# from a subdirectory: arguments and text output relative to it
	cd packages/core
	run ax-graph rdeps src/math/add.ts
	assert_status 0
	[ "$output" = "$(printf '%s\n' ../app/src/main.tsx src/math/index.ts src/util.ts)" ]
	[ "$(ax-graph rdeps --json src/math/add.ts | jq -r .file)" = "$(printf '%s\n' packages/app/src/main.tsx packages/core/src/math/index.ts packages/core/src/util.ts)" ]
}

@test "an unknown or ambiguous file is a usage error that names the candidates" {
	index js
	run ax-graph deps nope.ts
	assert_status 2
	assert_contains "$output" "not in the index"
	run ax-graph deps index.ts
	assert_status 2
	assert_contains "$output" packages/core/src/math/index.ts
	assert_contains "$output" packages/core/src/index.ts
}

@test "closure, --reverse and --depth" {
	index js
	run ax-graph closure packages/core/src/util.ts
	[ "$output" = packages/core/src/math/add.ts ]
	run ax-graph closure packages/core/src/math/add.ts --reverse
	assert_status 0
	[ "$(echo "$output" | wc -l)" -eq 6 ]
	assert_contains "$output" packages/core/src/registry.ts
	run ax-graph closure packages/core/src/math/add.ts --reverse --depth 1
	[ "$(echo "$output" | wc -l)" -eq 3 ]
	run ax-graph --json closure packages/app/src/main.tsx
	[ "$(echo "$output" | jq -r 'select(.file == "packages/core/src/registry.ts") | "\(.depth) \(.via)"')" = "2 packages/core/src/index.ts" ]
	run ax-graph closure packages/app/src/lazy.tsx
	assert_status 1
}

@test "cycles: the index.ts <-> registry.ts loop, largest first; --lang filters" {
	index js
	run ax-graph cycles
	assert_status 0
	[ "$output" = "2 packages/core/src/index.ts packages/core/src/registry.ts" ]
	run ax-graph --json cycles
	[ "$(echo "$output" | jq -r '.size')" = 2 ]
	run ax-graph cycles --lang py
	assert_status 1
}

@test "cycles are found in a long chain without recursion limits" {
	mkdir repo
	cd repo
	for i in $(seq 0 2999); do echo "import './m$(( (i + 1) % 3000 ))';" > "m$i.ts"; done
	ax-scan . | ax-parse | ax-load -q
	ax-graph resolve 2>/dev/null
	run ax-graph cycles
	assert_status 0
	[ "$(echo "$output" | cut -d' ' -f1)" = 3000 ]
	run ax-graph path m0.ts m2999.ts
	[ "$(echo "$output" | wc -l)" -eq 3000 ]
}

@test "path: the shortest chain, or status 1" {
	index js
	run ax-graph path packages/app/src/main.tsx packages/core/src/registry.ts
	assert_status 0
	[ "$output" = "$(printf '%s\n' packages/app/src/main.tsx packages/core/src/index.ts packages/core/src/registry.ts)" ]
	run ax-graph path packages/core/src/math/add.ts packages/app/src/main.tsx
	assert_status 1
	[ -z "$output" ]
}

@test "orphans and stats" {
	index go
	run ax-graph orphans
	assert_status 0
	[ "$output" = "$(printf '%s\n' cmd/shop/main.go internal/cart/cart_test.go)" ]
	run ax-graph --json stats
	assert_status 0
	[ "$(echo "$output" | jq -r 'select(.lang == "go") | "\(.imports) \(.resolved) \(.external) \(.unresolved)"')" = "9 5 3 1" ]
}

@test "--dot and --mermaid draw the same edges" {
	index js
	run ax-graph --dot closure packages/core/src/util.ts
	assert_status 0
	[ "${lines[0]}" = "digraph ax {" ]
	assert_contains "$output" '"packages/core/src/util.ts" -> "packages/core/src/math/add.ts";'
	[ "${lines[-1]}" = "}" ]
	run ax-graph --mermaid deps packages/core/src/util.ts
	[ "${lines[0]}" = "graph LR" ]
	assert_contains "$output" 'n0 --> n1'
	assert_contains "$output" 'n1["packages/core/src/math/add.ts"]'
	if command -v dot >/dev/null; then ax-graph --dot cycles | dot -Tsvg > /dev/null; fi
}

@test "--json deps: one line per import, with its text and line" {
	index js
	run ax-graph --json deps packages/app/src/main.tsx
	assert_status 0
	[ "$(echo "$output" | jq -s 'length')" = 7 ]
	[ "$(echo "$output" | jq -r 'select(.raw == "./lazy") | "\(.imports) \(.line)"')" = "packages/app/src/lazy.tsx 10" ]
}

@test "deps --external: the package imports deps leaves out, in source order; not with rdeps" {
	index js
	run ax deps --external packages/app/src/main.tsx
	assert_status 0
	[ "$output" = "$(printf '%s\n' react './lib/missing  (unresolved)' node:fs)" ]
	run ax-graph --json deps --external main.tsx
	assert_status 0
	[ "$(echo "$output" | jq -r '"\(.raw) \(.line) \(.status)"' | paste -sd,)" = "react 1 external,./lib/missing 7 unresolved,node:fs 8 external" ]
	run ax deps --external packages/core/src/math/add.ts
	assert_status 1
	run ax-graph rdeps --external main.tsx
	assert_status 2
}

@test "refs: the definition first, then references by file" {
	index js
	run ax-graph refs format
	assert_status 0
	[ "${lines[0]}" = "packages/core/src/util.ts:2: definition function format" ]
	[ "${lines[1]}" = "packages/app/src/components/Button.tsx:1:10: import  import { format } from '@acme/core/util';" ]
	assert_contains "${lines[2]}" "packages/app/src/components/Button.tsx:2:"
	assert_contains "$output" "packages/app/src/main.tsx:10:"
	run ax-graph refs noSuchName
	assert_status 1
}

@test "callers and callees follow imports; ambiguous names list candidates" {
	index python
	run ax-graph callees Engine.run
	assert_status 0
	[ "${lines[0]}" = "run  src/acme/core.py:8" ]
	[ "${lines[1]}" = "  helper  src/acme/util.py:4" ]
	run ax-graph callers helper
	assert_status 0
	assert_contains "$output" "  run  src/acme/core.py:8"
	assert_contains "$output" "  save  src/acme/models/user.py:7"
	run ax-graph callers plug
	assert_status 0
	[ "${#lines[@]}" -eq 1 ]
	# two functions named main: candidates, status 2, and --file picks one
	printf 'def main():\n    helper()\n' > scripts/other.py
	ax-scan . | ax-parse | ax-load -q
	ax-graph resolve 2>/dev/null
	run ax-graph callees main
	assert_status 2
	assert_contains "$output" "scripts/helpers.py:1: function main"
	assert_contains "$output" "scripts/other.py:1: function main"
	run ax-graph callees main --file scripts/other.py
	assert_status 0
	assert_contains "${lines[1]}" "helper"
}

@test "callees --depth builds a tree" {
	index js
	run ax-graph callees main --depth 2
	assert_status 0
	assert_contains "$output" "  format  packages/core/src/util.ts:2"
	assert_contains "$output" "    add  packages/core/src/math/add.ts:1"
	run ax-graph --json callees main --depth 2
	[ "$(echo "$output" | jq -r 'select(.name == "add" and .depth == 2) | .parent')" = format ]
}

@test "incremental: a changed file re-resolves its own imports; a new file those it affects" {
	index js
	echo "import { x } from './registry';" >> packages/core/src/util.ts
	ax-scan . | ax-parse | ax-load -q --no-resolve
	run ax-graph --json resolve
	[ "$(echo "$output" | jq -r '"\(.full) \(.examined)"')" = "false 2" ]
	run ax-graph deps packages/core/src/util.ts
	assert_contains "$output" packages/core/src/registry.ts
	echo 'export const missing = 1;' > packages/app/src/lib/missing.ts
	ax-scan . | ax-parse | ax-load -q --no-resolve
	run ax-graph --json resolve
	[ "$(echo "$output" | jq -r '"\(.full) \(.changed) \(.edges_added)"')" = "true 1 1" ]
	[ "$(edges | wc -l)" -eq 17 ]
}

@test "incremental: a changed package.json re-resolves only bare imports of JS files, as a full pass would" {
	index js
	before=$(edges)
	total=$(sqlite3 .ax/index.db 'SELECT count(*) FROM imports')
	sed -i 's|"@acme/core"|"@acme/kernel"|' packages/core/package.json
	ax-scan . | ax-parse | ax-load -q --no-resolve
	run ax-graph --json resolve
	assert_status 0
	[ "$(echo "$output" | jq -r .full)" = false ]
	[ "$(echo "$output" | jq -r .examined)" -lt "$total" ]
	[ "$(echo "$output" | jq -r .changed)" -gt 0 ]
	[ "$(edges)" != "$before" ]
	# Nothing left for a full pass to change.
	run ax-graph --json resolve --all
	[ "$(echo "$output" | jq -r '"\(.full) \(.changed)"')" = "true 0" ]
	sed -i 's|"@acme/kernel"|"@acme/core"|' packages/core/package.json
	ax-scan . | ax-parse | ax-load -q
	[ "$(edges)" = "$before" ]
}

@test "queries warn while imports are pending; options and exit codes" {
	index js
	echo "import './lazy';" >> packages/app/src/legacy.js
	ax-scan . | ax-parse | ax-load -q --no-resolve
	run ax-graph deps packages/app/src/legacy.js
	assert_contains "$output" "not resolved yet"
	# ax-load resolves by itself unless told not to.
	echo "import './lib/helpers';" >> packages/app/src/legacy.js
	ax-scan . | ax-parse | ax-load -q
	run ax-graph deps packages/app/src/legacy.js
	[[ "$output" != *"not resolved yet"* ]]
	assert_contains "$output" packages/app/src/lib/helpers.ts
	run ax-graph nope
	assert_status 2
	run ax-graph
	assert_status 2
	run ax-graph --depth x closure a
	assert_status 2
	run ax-graph --help
	assert_status 0
	assert_contains "$output" "usage: ax-graph"
	run ax-graph --version
	assert_status 0
}

@test "C: a header's prototype is a declaration, not a second definition, for callers and callees" {
	mkdir -p repo/lib repo/app
	cd repo
	printf 'int scale(int x);\nint other(int y);\n' > lib/scale.h
	printf '#include "scale.h"\nint scale(int x) { return other(x) * 2; }\nint other(int y) { return y; }\n' > lib/scale.c
	printf '#include "../lib/scale.h"\nint run(void) { return scale(3); }\n' > app/run.c
	# A function only declared (defined nowhere) keeps its header symbol.
	printf 'int lonely(void);\n' > lib/lonely.h
	ax-scan . | ax-parse | ax-load -q
	run ax-graph callers scale
	assert_status 0
	[ "${lines[0]}" = "scale  lib/scale.c:2" ]
	[ "${lines[1]}" = "  run  app/run.c:2" ]
	run ax-graph callees run
	assert_status 0
	[ "${lines[1]}" = "  scale  lib/scale.c:2" ]
	run ax-graph callees scale
	[ "${lines[1]}" = "  other  lib/scale.c:3" ]
	# The header itself stays reachable with --file.
	run ax-graph callers scale --file lib/scale.h
	assert_status 0
	[ "${lines[0]}" = "scale  lib/scale.h:1" ]
	run ax-graph callers lonely
	assert_status 0
	[ "${lines[0]}" = "lonely  lib/lonely.h:1" ]
}

@test "a call on a receiver binds only when the receiver's type is known: dict.update is no edge to a user-defined update" {
	cp -r "$AX_ROOT/tests/fixtures/calls/python" repo
	cd repo
	ax-scan . | ax-parse | ax-load -q
	run ax-graph callees Session.request
	assert_status 0
	[ "${lines[0]}" = "request  requests/sessions.py:9" ]
	# send_kwargs is a plain dict: unresolved, never RequestsCookieJar.update
	[ "${lines[1]}" = "  update  (unresolved: receiver send_kwargs)" ]
	[[ "$output" != *"requests/cookies.py:2"* ]]
	# self.m(), Name.m(), module.f(), Name() bind; an unknown receiver does not
	[ "${lines[2]}" = "  prepare_request  requests/sessions.py:6" ]
	[ "${lines[3]}" = "  dispatch_hook  requests/hooks.py:1" ]
	[ "${lines[4]}" = "  RequestsCookieJar  requests/cookies.py:1" ]
	[ "${lines[5]}" = "  set  (unresolved: receiver jar)" ]
	[ "${lines[6]}" = "  copy_from  requests/cookies.py:9" ]
	[ "${lines[7]}" = "  send  requests/sessions.py:19" ]
	[ "${#lines[@]}" -eq 8 ]
	# callers: only the call whose receiver is the class (cls()), not jar.update
	# or send_kwargs.update
	run ax-graph callers RequestsCookieJar.update
	assert_status 0
	[ "${lines[1]}" = "  copy_from  requests/cookies.py:9" ]
	[ "${#lines[@]}" -eq 2 ]
	run ax-graph --json callees Session.request
	[ "$(echo "$output" | jq -r 'select(.name == "update") | .note')" = "unresolved: receiver send_kwargs" ]
}

# receivers LANG FUNC CALLEES CALLER CALLERS: index tests/fixtures/calls/LANG
# (a small project with calls on this/self, on a type name and on unknown
# receivers), then `callees FUNC` must print CALLEES and `callers CALLER`
# CALLERS, whole.
receivers() {
	cp -r "$AX_ROOT/tests/fixtures/calls/$1" repo
	cd repo
	ax-scan . | ax-parse | ax-load -q
	run ax-graph callees "$2"
	assert_status 0
	[ "$output" = "$3" ]
	run ax-graph callers "$4"
	assert_status 0
	[ "$output" = "$5" ]
}

# items is a map, other is unknown: never an edge to Registry.put or .update.
@test "Java: this.m() and Type.m() bind, a call on an unknown receiver is no edge" {
	receivers java Cache.put "put  src/store/Cache.java:8
  evict  src/store/Cache.java:15
  register  src/store/Registry.java:4
  put  (unresolved: receiver items)
  update  (unresolved: receiver other)" Registry.update "update  src/store/Registry.java:10"
}

@test "C#: this.M() and Type.M() bind, a call on an unknown receiver is no edge" {
	receivers csharp Cache.Put "Put  src/Cache.cs:9
  Evict  src/Cache.cs:17
  Register  src/Registry.cs:5
  Add  (unresolved: receiver items)
  Update  (unresolved: receiver other)" Registry.Update "Update  src/Registry.cs:13"
}

@test "C: a call through a struct member is no edge to a function of that name" {
	receivers c put "put  src/cache.c:7
  evict  src/cache.c:3
  flush  (unresolved: receiver c->ops)" flush "flush  src/store.c:4"
}

@test "C++: this->m() and Type::m() bind, a call on an unknown receiver is no edge" {
	receivers cpp Cache.put "put  src/cache.cpp:13
  evict  src/cache.cpp:21
  add  src/cache.cpp:6
  insert  (unresolved: receiver items_)
  update  (unresolved: receiver other)" Registry.update "update  src/cache.cpp:8"
}

@test "Kotlin: this.m() and Object.m() bind, a call on an unknown receiver is no edge" {
	receivers kotlin Cache.put "put  src/store/Cache.kt:6
  evict  src/store/Cache.kt:13
  register  src/store/Registry.kt:4
  put  (unresolved: receiver items)
  update  (unresolved: receiver other)" Registry.update "update  src/store/Registry.kt:10"
}

# items is a dictionary: `items[key] = value` is a subscript, no call of
# Registry.items; super.put() and other.update() are unresolved.
@test "Swift: self.m() and Type.m() bind, a subscript or a call on super or an unknown receiver is no edge" {
	receivers swift Cache.put "put  Sources/Store/Cache.swift:4
  evict  Sources/Store/Cache.swift:12
  register  Sources/Store/Registry.swift:7
  update  (unresolved: receiver other)
  put  (unresolved: receiver super)" Registry.items "items  Sources/Store/Registry.swift:13"
}

# A Dart method's span is its signature (docs/parse.md), so its callers
# show as the file's top level: what is checked is which calls bind.
@test "Dart: this.m() and Type.m() bind, super.m() and a call on an unknown receiver are calls with no edge" {
	receivers dart Store.put "put  lib/store/registry.dart:2" Registry.update "update  lib/store/registry.dart:8"
	run ax-graph callers Store.put
	[ "$output" = "put  lib/store/registry.dart:2" ]
	run ax-graph callers Cache.evict
	[ "${lines[0]}" = "evict  lib/store/cache.dart:15" ]
	[ "${#lines[@]}" -eq 2 ]
	run ax-graph callers Registry.register
	[ "${#lines[@]}" -eq 2 ]
	run ax-graph refs put
	[ "${lines[2]}" = "lib/store/cache.dart:10:11: call  items.put(key, value);" ]
	[ "${lines[3]}" = "lib/store/cache.dart:12:11: call  super.put(key, value);" ]
	[ "${#lines[@]}" -eq 4 ]
}

# Registry is an object; find[T] is a generic call, `items getOrElseUpdate
# (...)` an infix call on an unknown receiver.
@test "Scala: this.m(), Object.m() and Object.m[T]() bind, a call on an unknown receiver is no edge" {
	receivers scala Cache.put "put  src/store/Cache.scala:8
  evict  src/store/Cache.scala:17
  register  src/store/Registry.scala:4
  find  src/store/Registry.scala:13
  put  (unresolved: receiver items)
  update  (unresolved: receiver other)
  getOrElseUpdate  (unresolved: receiver items)" Registry.find "find  src/store/Registry.scala:13
  put  src/store/Cache.scala:8"
}

# Repo and Store come from `alias MyApp.{Repo, Store}` (Store nested in
# defmodule MyApp), Reg from `alias MyApp.Registry, as: Reg` (not followed);
# Registry is then Elixir's own: no edge to MyApp.Registry.lookup.
@test "Elixir: __MODULE__.f(), a local f() and Alias.f() through alias bind, a call on an unknown receiver is no edge" {
	receivers elixir MyApp.Cache.put "put  lib/my_app/cache.ex:5
  evict  lib/my_app/cache.ex:17
  touch  lib/my_app/cache.ex:18
  insert  lib/my_app/repo.ex:2
  put  lib/my_app/store.ex:3
  update  (unresolved: receiver Reg)
  lookup  (unresolved: receiver Registry)
  update  (unresolved: receiver other)
  each  (unresolved: receiver Enum)
  delete  lib/my_app/repo.ex:3" MyApp.Repo.insert "insert  lib/my_app/repo.ex:2
  put  lib/my_app/cache.ex:5"
	run ax-graph callers MyApp.Registry.lookup
	assert_status 0
	[ "$output" = "lookup  lib/my_app/registry.ex:3" ]
}

@test "refs: reads, writes, members and exports with their kinds, each with its source line and a 1-based column" {
	mkdir -p repo/lib
	cd repo
	printf 'function View(name) {\n  this.name = name;\n}\n\nmodule.exports = View;\n' > lib/view.js
	printf "var View = require('./view');\n\nfunction render(opts) {\n  var lookup = View.prototype.lookup;\n  return new View(opts.name);\n}\n" > lib/app.js
	ax-scan . | ax-parse | ax-load -q
	run ax-graph refs View
	assert_status 0
	[ "${lines[0]}" = "lib/app.js:1: definition variable View" ]
	[ "${lines[1]}" = "lib/view.js:1: definition function View" ]
	[ "${lines[2]}" = "lib/app.js:4:16: read  var lookup = View.prototype.lookup;" ]
	[ "${lines[3]}" = "lib/app.js:5:14: call  return new View(opts.name);" ]
	[ "${lines[4]}" = "lib/view.js:5:18: export  module.exports = View;" ]
	[ "${#lines[@]}" -eq 5 ]
	run ax-graph refs lookup
	[ "$output" = "lib/app.js:4:31: member  var lookup = View.prototype.lookup;" ]
	run ax-graph --json refs name
	[ "$(echo "$output" | jq -r 'select(.kind == "write") | "\(.file) \(.line) \(.col) \(.text)"')" = "lib/view.js 2 8 this.name = name;" ]
	# The line comes from the file at query time: a removed file shows none.
	rm lib/view.js
	run ax-graph refs View
	[ "${lines[4]}" = "lib/view.js:5:18: export" ]
}
