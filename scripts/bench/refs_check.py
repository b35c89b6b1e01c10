#!/usr/bin/env python3
"""refs_check.py DB TREE WORK: ax's references against GNU global's and
ripgrep's on the same names of a real tree (refs-check.sh sets it up).

For SAMPLES names per language (picked with a fixed seed among the
definitions ax and global both know), three sets of (path, line):
  A  the lines `ax-graph refs NAME --json` lists as references,
  G  the lines `global -rx NAME` lists (global's references: every use of
     a name it has a definition for, by its own lexical parser),
  W  the lines `rg -nw NAME` finds (every textual occurrence: comments
     and strings too, definitions too).
Each set keeps only the files ax gives that language, so that a name
shared by two languages is counted once in each.
Printed per language: |A|, |G|, |W|, the share of global's lines ax also
lists (ax vs global recall), the share of ax's lines global also lists,
and the share of ax's lines holding the word at all (a line without it
would be a wrong reference). EXAMPLES=N prints N sampled lines of G - A
and A - G with their source. Prints figures; asserts nothing.
"""
import json
import os
import random
import sqlite3
import subprocess
import sys

LANGS = ("c", "cpp", "java", "php")
DEF_KINDS = ("function", "method", "class", "struct", "interface", "enum",
             "type", "field", "property", "constant", "variable", "macro",
             "union", "trait", "namespace")


def lines_of(cmd, tree, env=None, parse=None):
    out = subprocess.run(cmd, cwd=tree, env=env, capture_output=True,
                         text=True, errors="replace").stdout
    return {p for p in map(parse, out.splitlines()) if p}


def parse_global(line):
    # NAME LINE PATH TEXT, space-aligned (global -x).
    f = line.split(None, 3)
    return (f[2], int(f[1])) if len(f) >= 3 and f[1].isdigit() else None


def parse_rg(line):
    f = line.split(":", 2)
    return (f[0], int(f[1])) if len(f) >= 2 and f[1].isdigit() else None


def ax_refs(bindir, db, tree, name):
    out = subprocess.run([os.path.join(bindir, "ax-graph"), "--db", db,
                          "refs", "--json", name], cwd=tree,
                         capture_output=True, text=True).stdout
    got = set()
    for line in out.splitlines():
        r = json.loads(line)
        if r.get("role") == "reference":
            got.add((r["file"], r["line"]))
    return got


def source(tree, path, line):
    try:
        with open(os.path.join(tree, path), errors="replace") as f:
            for i, text in enumerate(f, 1):
                if i == line:
                    return text.strip()[:100]
    except OSError:
        pass
    return ""


def sample_names(db, lang, n, env, tree):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names = [r[0] for r in con.execute(
        "SELECT DISTINCT s.name FROM symbols s JOIN files f ON f.id = s.file_id"
        f" WHERE f.lang = ? AND s.kind IN ({','.join('?' * len(DEF_KINDS))})"
        " AND length(s.name) >= 3 ORDER BY s.name", (lang, *DEF_KINDS))]
    random.Random(1).shuffle(names)
    picked = []
    for name in names:
        if len(picked) == n:
            break
        if not name.replace("_", "").isalnum():
            continue
        if lines_of(["global", "-x", name], tree, env, parse_global):
            picked.append(name)
    return picked


def main():
    db, tree, bindir = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    gdb = sys.argv[4]
    samples = int(os.environ.get("SAMPLES", "100"))
    examples = int(os.environ.get("EXAMPLES", "0"))
    env = dict(os.environ, GTAGSROOT=tree, GTAGSDBPATH=gdb)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    lang_of = dict(con.execute("SELECT path, lang FROM files"))
    print(f"{'language':10} {'names':>5} {'ax':>7} {'global':>7} {'words':>7}"
          f" {'global found by ax':>19} {'ax found by global':>19}"
          f" {'ax lines with the word':>23}")
    for lang in LANGS:
        names = sample_names(db, lang, samples, env, tree)
        if not names:
            continue
        A = G = W = 0
        both = ax_worded = 0
        missed, extra = [], []
        def mine(hits):
            return {h for h in hits if lang_of.get(h[0]) == lang}
        for name in names:
            a = mine(ax_refs(bindir, db, tree, name))
            g = mine(lines_of(["global", "-rx", name], tree, env, parse_global))
            w = mine(lines_of(["rg", "-nw", "--no-heading", "-F", name],
                              tree, None, parse_rg))
            A, G, W = A + len(a), G + len(g), W + len(w)
            both += len(a & g)
            ax_worded += len(a & w)
            missed += [(name, p) for p in sorted(g - a)]
            extra += [(name, p) for p in sorted(a - g)]

        def pct(x, y):
            return f"{100.0 * x / y:.1f}%" if y else "-"
        print(f"{lang:10} {len(names):>5} {A:>7} {G:>7} {W:>7}"
              f" {pct(both, G):>19} {pct(both, A):>19} {pct(ax_worded, A):>23}")
        for title, rows in (("global lists, ax does not", missed),
                            ("ax lists, global does not", extra)):
            if not examples or not rows:
                continue
            print(f"  {title} ({len(rows)}):")
            step = max(1, len(rows) // examples)
            for name, (path, line) in rows[::step][:examples]:
                print(f"    {name}  {path}:{line}: {source(tree, path, line)}")


if __name__ == "__main__":
    main()
