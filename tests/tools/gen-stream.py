#!/usr/bin/env python3
"""gen-stream.py: JSON Lines of a synthetic parsed stream, for ax-load tests.

gen-stream.py FILES [--seed S] [--change K] [--drop K] [--no-end] [--incomplete]
  Each file gets a few symbols (with parents), imports and refs. --change K
  gives the first K files new content (new hash, new symbols); --drop K leaves
  the last K files out. Deterministic for the same arguments.
"""
import argparse, json, random

ap = argparse.ArgumentParser()
ap.add_argument("files", type=int)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--change", type=int, default=0)
ap.add_argument("--drop", type=int, default=0)
ap.add_argument("--no-end", action="store_true")
ap.add_argument("--incomplete", action="store_true")
a = ap.parse_args()

words = ["parse", "url", "http", "header", "load", "index", "rank", "graph", "token", "stream"]
print(json.dumps({"t": "hdr", "v": 1, "tool": "gen-stream", "root": "/synthetic"}))
n = a.files - a.drop
for i in range(n):
    gen = 1 if i < a.change else 0
    rnd = random.Random(a.seed * 1000003 + i * 7 + gen)
    syms, parent = [], -1
    for k in range(rnd.randint(1, 6)):
        name = "".join(w.capitalize() if j else w for j, w in enumerate(rnd.sample(words, 2))) + str(k + gen * 100)
        kind = "class" if k == 0 else "method"
        syms.append({"name": name, "kind": kind, "line": k + 1, "col": 4, "eline": k + 2, "ecol": 0,
                     "parent": -1 if k == 0 else 0, "sig": "def %s():" % name, "doc": ""})
    rec = {"t": "parsed", "path": "src/m%05d/file%d.py" % (i // 100, i), "lang": "python",
           "hash": "%016x" % (rnd.getrandbits(64)), "size": 100 + i, "mtime": 1700000000000000000 + i,
           "errors": 0, "syms": syms,
           "imports": [{"raw": "pkg.mod%d" % rnd.randint(0, 50), "kind": "import", "line": 1}],
           "refs": [{"name": rnd.choice(words), "kind": "call", "line": 2, "col": 8}]}
    print(json.dumps(rec))
if not a.no_end:
    print(json.dumps({"t": "end", "files": n, "complete": not a.incomplete}))
