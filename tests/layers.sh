#!/usr/bin/env bash
# layers.sh OBJ_DIR: check that lib/ keeps its layers (lib/README.md).
#
# The layers are read from the drawing under "## Layers" in lib/README.md
# (an indented line per folder, the highest first). From the built objects
# (OBJ_DIR/lib/FOLDER/*.o) every global symbol is mapped to the folder that
# defines it; an object that uses a symbol of a higher folder is an error,
# and so is a folder of lib/ missing from the drawing. As every call must go
# downward, no circle can pass between folders, least of all through base;
# a circle between the objects of one folder is an error too.
set -euo pipefail

obj=${1:?usage: layers.sh OBJ_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)

# Folder names of the drawing, lowest first.
layers=$(awk '/^## Layers/ { on = 1; next } /^## / { on = 0 }
	on && /^    [a-z]+ / { print $1 }' "$root/lib/README.md" | tac)
[ -n "$layers" ] || { echo "layers.sh: no drawing in lib/README.md" >&2; exit 1; }

status=0
for dir in "$root"/lib/*/; do
	name=$(basename "$dir")
	grep -qx "$name" <<< "$layers" || { echo "lib/$name: not in the drawing of lib/README.md"; status=1; }
done
for name in $layers; do
	[ -d "$root/lib/$name" ] || { echo "lib/README.md draws $name, which is no folder of lib/"; status=1; }
	compgen -G "$obj/lib/$name/*.o" > /dev/null || { echo "$obj/lib/$name: no objects (build first)"; status=1; }
done
[ "$status" = 0 ] || exit 1

# nm -P -A: "path/FOLDER/x.o: symbol TYPE ...". Defined globals first, then
# every use (U) of one: the user's folder must not be below the definer's.
# Then no circle between objects either: peel off every object that calls
# no remaining one, or that no remaining one calls; what stays is a circle.
nm -A -P -g "$obj"/lib/*/*.o | awk -v layers="$layers" '
	BEGIN { n = split(layers, l, "\n"); for (i = 1; i <= n; i++) rank[l[i]] = i }
	{
		file = $1; sub(/:$/, "", file)
		k = split(file, part, "/"); folder = part[k - 1]; object = folder "/" part[k]
		node[object] = 1
		if ($3 == "U") { use[++nu] = object " " $2; next }
		def[$2] = object
	}
	END {
		for (i = 1; i <= nu; i++) {
			split(use[i], u, " ")
			if (!(u[2] in def) || def[u[2]] == u[1])
				continue
			split(u[1], a, "/"); split(def[u[2]], b, "/")
			if (rank[b[1]] > rank[a[1]]) {
				printf "lib/%s uses %s of lib/%s, a higher layer\n", u[1], u[2], def[u[2]]
				bad = 1
			}
			if (!((u[1], def[u[2]]) in edge)) {
				edge[u[1], def[u[2]]] = 1; out[u[1]]++; in_[def[u[2]]]++
			}
		}
		do {
			peeled = 0
			for (v in node)
				if (!out[v] || !in_[v]) {
					for (e in edge) {
						split(e, ab, SUBSEP)
						if (ab[1] == v || ab[2] == v) { out[ab[1]]--; in_[ab[2]]--; delete edge[e] }
					}
					delete node[v]; peeled = 1
				}
		} while (peeled)
		for (v in node) { printf "lib/%s: in a circle of calls between objects\n", v; bad = 1 }
		exit bad
	}'
