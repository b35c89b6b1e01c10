#!/usr/bin/env python3
"""score.py --bin DIR --db INDEX [--queries FILE]: plain BM25, ax-rank's BM25 and ax-rank.

Runs every query of the set (queries.jsonl, see make-queries.py, or
desc-queries.jsonl, see make-desc.py) through `ax-rank --json -n 10`, once
with --no-rerank and once reranked, and through plain BM25: an FTS5 table
built in memory in the same run from the index's symbols (porter stemmer;
the whole name, its split words, signature and doc; bm25 weights 10, 4, 1,
1; the words OR'ed; filters applied to the rows), the baseline a search
engine without knowledge of code would give. Prints nDCG@10 per query
kind of the three side by side, with MRR@10, Recall@10 and P@1 of
ax-rank, for the held-out 'test' split (the numbers to report) and for the
'tune' split (the one weights were set on). Gains are 2^grade - 1;
Recall@10 is the share of the judged results (grade >= 1) found, out of at
most 10. --json writes the per-query numbers as JSON Lines on stdout
instead.
"""
import argparse, fnmatch, json, math, os, re, sqlite3, subprocess, sys
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
ap.add_argument("--db", required=True)
ap.add_argument("--queries", default=os.path.join(here, "queries.jsonl"))
ap.add_argument("--json", action="store_true")
ap.add_argument("--split", help="only the queries of this split ('tune' while tuning)")
a = ap.parse_args()

K = 10
METRICS = ("MRR@10", "nDCG@10", "R@10", "P@1")
errors = set()
env = dict(os.environ, AX_DB=a.db, AX_FLAG_RANK_RERANK="on", AX_TELEMETRY="off")


def run(query, rerank):
    args = [os.path.join(a.bin, "ax-rank"), "--json", "-n", str(K)]
    if not rerank:
        args.append("--no-rerank")
    p = subprocess.run(args + ["--", query], env=env, capture_output=True, text=True)
    if p.returncode == 2:
        # A query an older ax-rank refuses (text taken for a filter)
        # scores as nothing found, and is counted.
        errors.add(query)
        return []
    if p.returncode not in (0, 1):
        sys.exit("score.py: ax-rank failed on %r: %s" % (query, p.stderr.strip()))
    return [json.loads(l) for l in p.stdout.splitlines()]


def metrics(hits, rel):
    grade = {(r["path"], r["line"]): r["grade"] for r in rel}
    got = [grade.get((h["path"], h["line"]), 0) for h in hits[:K]]
    mrr = next((1.0 / (i + 1) for i, g in enumerate(got) if g > 0), 0.0)
    dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(got))
    ideal = sorted((r["grade"] for r in rel), reverse=True)[:K]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    judged = sum(1 for r in rel if r["grade"] > 0)
    recall = sum(1 for g in got if g > 0) / min(judged, K) if judged else 0.0
    return {"MRR@10": mrr, "nDCG@10": dcg / idcg if idcg else 0.0, "R@10": recall,
            "P@1": 1.0 if got and got[0] > 0 else 0.0}


KIND_GROUPS = {"type": "class struct interface trait enum union type protocol object mixin",
               "fn": "function method constructor", "value": "constant variable field property",
               "config": "key table anchor"}
LANG_ALIASES = {"ts": ["typescript", "tsx"], "typescript": ["typescript", "tsx"], "js": ["javascript"],
                "py": ["python"], "rb": ["ruby"], "rs": ["rust"], "golang": ["go"]}
FILTER = re.compile(r"^-?(lang|kind|file|def|ref):(.+)$")
plain_db = None


def plain_index():
    """The plain BM25 table, built once from the index's symbols."""
    global plain_db
    if plain_db is None:
        plain_db = sqlite3.connect("file::memory:", uri=True)
        plain_db.execute("ATTACH ? AS ax", ("file:%s?mode=ro" % a.db,))
        plain_db.executescript(
            "CREATE TABLE meta(id INTEGER PRIMARY KEY, path, line, lang, kind, name);"
            "CREATE VIRTUAL TABLE plain USING fts5(name, name_words, signature, doc, "
            "  tokenize='porter unicode61');"
            "INSERT INTO meta SELECT s.id, f.path, s.line, f.lang, s.kind, s.name "
            "  FROM ax.symbols s JOIN ax.files f ON f.id = s.file_id;"
            "INSERT INTO plain(rowid, name, name_words, signature, doc) "
            "  SELECT id, name, name_words, signature, doc FROM ax.symbols;")
    return plain_db


def plain(query):
    words, keep = [], []
    for tok in query.split():
        m = FILTER.match(tok)
        if not m:
            words += re.findall(r"\w+", tok)
            continue
        key, val, neg = m.group(1), m.group(2), tok.startswith("-")
        if key == "lang":
            langs = LANG_ALIASES.get(val, [val])
            keep.append(lambda r, l=langs, n=neg: (r[2] in l) != n)
        elif key == "kind":
            kinds = KIND_GROUPS.get(val, val).split()
            keep.append(lambda r, k=kinds, n=neg: (r[3] in k) != n)
        elif key == "file":
            glob = any(c in val for c in "*?[")
            keep.append(lambda r, v=val, g=glob, n=neg: (
                (fnmatch.fnmatch(r[0], v) or fnmatch.fnmatch(r[0].rsplit("/", 1)[-1], v)) if g
                else v in r[0]) != n)
        elif key == "def":
            keep.append(lambda r, v=val: r[4] == v)
    if not words:
        return []
    match = " OR ".join('"%s"' % w.replace('"', '""') for w in words)
    hits = []
    for r in plain_index().execute(
            "SELECT m.path, m.line, m.lang, m.kind, m.name FROM plain JOIN meta m ON m.id = plain.rowid "
            "WHERE plain MATCH ? ORDER BY bm25(plain, 10.0, 4.0, 1.0, 1.0) LIMIT 2000", (match,)):
        if all(k(r) for k in keep):
            hits.append({"path": r[0], "line": r[1]})
            if len(hits) == K:
                break
    return hits


queries = [json.loads(l) for l in open(a.queries) if l.strip()]
queries = [q for q in queries if not a.split or q["split"] == a.split]
rows = []
for q in queries:
    rows.append((q, metrics(plain(q["query"]), q["rel"]), metrics(run(q["query"], False), q["rel"]),
                 metrics(run(q["query"], True), q["rel"])))
    if a.json:
        print(json.dumps({"id": q["id"], "kind": q["kind"], "split": q["split"], "query": q["query"],
                          "plain": rows[-1][1], "bm25": rows[-1][2], "rerank": rows[-1][3]}))
if a.json:
    sys.exit(0)


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def table(split):
    sel = [r for r in rows if r[0]["split"] == split]
    kinds = sorted({r[0]["kind"] for r in sel}) + ["all"]
    print("%-10s %4s  %-28s  %s" % ("", "", "nDCG@10", "ax-rank"))
    print("%-10s %4s  %-6s %-6s %-6s %-7s  %-6s %-6s %-6s" % (
        "kind", "n", "plain", "bm25", "ax", "vs plain", "MRR", "R@10", "P@1"))
    for k in kinds:
        part = [r for r in sel if k == "all" or r[0]["kind"] == k]
        p, b, r = (mean([x[i]["nDCG@10"] for x in part]) for i in (1, 2, 3))
        print("%-10s %4d  %.3f  %.3f  %.3f  %+6.1f%%   %.3f  %.3f  %.3f" % (
            k, len(part), p, b, r, 100.0 * (r - p) / p if p else float("inf"),
            mean([x[3]["MRR@10"] for x in part]), mean([x[3]["R@10"] for x in part]),
            mean([x[3]["P@1"] for x in part])))
    print()


print(os.path.basename(a.queries))
if a.split != "tune":
    print("held-out split 'test' (report these):")
    table("test")
if a.split != "test":
    print("split 'tune' (weights were set looking at these):")
    table("tune")
if errors:
    print("%d queries refused as bad queries (exit 2), scored as nothing found" % len(errors))
