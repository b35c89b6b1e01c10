#!/usr/bin/env bash
# graph-check.sh: ax-graph's import edges on real code against the
# languages' own tooling, offline:
#   Go:     the go tool's own source (GOROOT/src/cmd, module "cmd", with a
#           vendor directory), against `go list -deps -json ./...`;
#   Python: the standard library of python3, against importlib's path
#           finder (importlib.machinery.PathFinder, walked package by
#           package, so nothing is imported or executed).
# For every import of a file the tool knows, both sides name a file (or a
# directory, for Go) or nothing in the tree; prints how often they agree and
# the kinds of disagreement. Needs golang-go (apt) for the Go half.
# Prints figures; asserts nothing.
set -uo pipefail
root=${AX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${AX_BIN:-$root/build/bin}
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-graph-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

index() { # index DIR DB
	(cd "$1" && "$bin/ax-scan" . 2>/dev/null | "$bin/ax-parse" -j2 2>/dev/null | "$bin/ax-load" -q --db "$2") &&
		"$bin/ax-graph" --db "$2" resolve 2>&1 | sed 's/^ax-graph: /  /'
}

dump() { # dump DB: file, raw, status, target paths (comma separated)
	sqlite3 -separator $'\t' "$1" "SELECT f.path, i.raw, i.kind, i.status, coalesce(group_concat(t.path, ','), '')
		FROM imports i JOIN files f ON f.id = i.file_id LEFT JOIN edges e ON e.import_id = i.id
		LEFT JOIN files t ON t.id = e.dst_id GROUP BY i.id"
}

goroot=$(go env GOROOT 2>/dev/null || true)
if [ -n "$goroot" ] && [ -d "$goroot/src/cmd" ]; then
	tree=$goroot/src/cmd
	echo "== Go: $tree ($(go version | cut -d' ' -f3))"
	index "$tree" "$work/go.db"
	(cd "$tree" && GOFLAGS=-mod=vendor go list -deps -json ./... > "$work/list.json" 2> "$work/list.err")
	dump "$work/go.db" > "$work/go.tsv"
	python3 - "$tree" "$work/list.json" "$work/go.tsv" <<'PY'
import json, os, sys, collections
tree, listing, tsv = sys.argv[1:]
dec = json.JSONDecoder(); text = open(listing).read(); pos = 0; pkgs = []
while pos < len(text):
    while pos < len(text) and text[pos].isspace(): pos += 1
    if pos >= len(text): break
    obj, pos = dec.raw_decode(text, pos); pkgs.append(obj)
dir_of = {p["ImportPath"]: p["Dir"] for p in pkgs}
# file (tree-relative) -> (package, import-map) for the files the go tool builds
files = {}
for p in pkgs:
    if not p["Dir"].startswith(tree + "/"): continue
    rel = os.path.relpath(p["Dir"], tree)
    for f in p.get("GoFiles", []) + p.get("CgoFiles", []):
        files[os.path.join(rel, f)] = p
tally = collections.Counter(); examples = collections.defaultdict(list)
for line in open(tsv):
    path, raw, kind, status, targets = line.rstrip("\n").split("\t")
    p = files.get(path)
    if p is None or raw not in p.get("Imports", []) and raw not in p.get("ImportMap", {}):
        continue
    real = p.get("ImportMap", {}).get(raw, raw)
    d = dir_of.get(real)
    want = os.path.relpath(d, tree) if d and d.startswith(tree + "/") else None
    got = {os.path.dirname(t) for t in targets.split(",") if t} or None
    if got is None and want is None: k = "agree: outside the tree"
    elif got == {want}: k = "agree: same package directory"
    elif got is None: k = "miss: go finds %s, ax-graph %s" % ("it", status)
    else: k = "DISAGREE: different package"
    tally[k] += 1
    if len(examples[k]) < 3 and not k.startswith("agree"): examples[k].append("%s: %s -> %s / %s" % (path, raw, want, got))
total = sum(tally.values()); agree = sum(v for k, v in tally.items() if k.startswith("agree"))
print("  %d imports of %d files the go tool builds; agreement %.2f%%" % (total, len(files), 100.0 * agree / max(total, 1)))
for k, v in sorted(tally.items()):
    print("  %-40s %6d" % (k, v))
    for e in examples[k]: print("      e.g. " + e)
PY
else
	echo "== Go: skipped (no go tool; apt-get install golang-go)"
fi

stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
echo "== Python: $stdlib ($(python3 --version))"
# a copy: the stdlib may sit inside a git work tree that ignores it (pyenv)
mkdir "$work/py"
tar -C "$stdlib" --exclude=__pycache__ --exclude=site-packages -cf - . | tar -C "$work/py" -xf -
stdlib=$work/py
index "$stdlib" "$work/py.db"
dump "$work/py.db" > "$work/py.tsv"
python3 - "$stdlib" "$work/py.tsv" <<'PY'
import importlib.machinery as m, importlib.util as u, os, sys, collections
tree, tsv = sys.argv[1:]
def module_of(path):
    parts = path[:-3].split("/")
    if parts[-1] == "__init__": parts = parts[:-1]
    return ".".join(parts)
def is_pkg_file(path): return path.endswith("/__init__.py")
cache = {}
import importlib._bootstrap_external as be
details = be._get_supported_file_loaders()
def find_in(full, dirs):
    """PathFinder's rule over `dirs`: the first regular module or package
    wins; else the directories of a namespace package."""
    portions = []
    for d in dirs:
        spec = m.FileFinder(d, *details).find_spec(full)
        if spec is None: continue
        if spec.loader is not None: return spec, None
        portions += list(spec.submodule_search_locations or [])
    return None, portions or None
def find(name):
    """The file importing `name` loads, by the path finder's rules alone
    (nothing is imported), or None."""
    if name in cache: return cache[name]
    dirs, res, parts = [tree], None, name.split(".")
    for i in range(len(parts)):
        spec, ns = find_in(".".join(parts[: i + 1]), dirs)
        last = i == len(parts) - 1
        if spec is not None:
            if last:
                o = spec.origin or ""
                if o.startswith(tree + "/") and o.endswith((".py", ".pyi")): res = os.path.relpath(o, tree)
                break
            dirs = list(spec.submodule_search_locations or [])
            if not dirs: break
        elif ns is not None:
            dirs = ns
        else:
            break
    cache[name] = res
    return res
tally = collections.Counter(); examples = collections.defaultdict(list)
for line in open(tsv):
    path, raw, kind, status, targets = line.rstrip("\n").split("\t")
    if not path.endswith(".py") or kind == "future": continue
    try:
        if raw.startswith("."):
            mod = module_of(path)
            pkg = mod if is_pkg_file(path) else mod.rpartition(".")[0]
            name = u.resolve_name(raw, pkg)
        else:
            name = raw
        want = find(name)
        # from a.b import c: the submodule a.b.c if there is one, else a.b
        if want is None and kind in ("from", "relative") and "." in name:
            want = find(name.rpartition(".")[0])
    except (ImportError, ValueError):
        want = None
    got = targets.split(",")[0] if targets else None
    if want == path: want = None  # a module importing itself: no edge either way
    if got == want: k = "agree: same file" if got else "agree: no file in the tree"
    elif got is None: k = "miss: importlib finds it, ax-graph " + status
    elif want is None: k = "DISAGREE: ax-graph edge, importlib none"
    else: k = "DISAGREE: different files"
    tally[k] += 1
    if len(examples[k]) < int(os.environ.get("EXAMPLES", "3")) and not k.startswith("agree"): examples[k].append("%s: %s -> %s / %s" % (path, raw, want, got))
total = sum(tally.values()); agree = sum(v for k, v in tally.items() if k.startswith("agree"))
print("  %d imports; agreement %.2f%%" % (total, 100.0 * agree / max(total, 1)))
for k, v in sorted(tally.items()):
    print("  %-45s %6d" % (k, v))
    for e in examples[k]: print("      e.g. " + e)
PY
