#!/usr/bin/env python3
"""score.py --bin DIR --db INDEX [--queries FILE]: BM25 vs reranked, side by side.

Runs every query of the set (queries.jsonl, see make-queries.py) through
`ax-rank --json -n 10`, once with --no-rerank and once reranked, and prints
MRR@10, nDCG@10, Recall@10 and P@1 per query kind for the held-out 'test'
split (the numbers to report) and for the 'tune' split (the one weights were
set on). Gains are 2^grade - 1; Recall@10 is the share of the judged
results (grade >= 1) found, out of at most 10. --json writes the per-query
numbers as JSON Lines on stdout instead.
"""
import argparse, json, math, os, subprocess, sys
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
ap.add_argument("--db", required=True)
ap.add_argument("--queries", default=os.path.join(here, "queries.jsonl"))
ap.add_argument("--json", action="store_true")
a = ap.parse_args()

K = 10
METRICS = ("MRR@10", "nDCG@10", "R@10", "P@1")
env = dict(os.environ, AX_DB=a.db, AX_FLAG_RANK_RERANK="on", AX_TELEMETRY="off")


def run(query, rerank):
    args = [os.path.join(a.bin, "ax-rank"), "--json", "-n", str(K)]
    if not rerank:
        args.append("--no-rerank")
    p = subprocess.run(args + ["--", query], env=env, capture_output=True, text=True)
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


queries = [json.loads(l) for l in open(a.queries) if l.strip()]
rows = []
for q in queries:
    base, rr = metrics(run(q["query"], False), q["rel"]), metrics(run(q["query"], True), q["rel"])
    rows.append((q, base, rr))
    if a.json:
        print(json.dumps({"id": q["id"], "kind": q["kind"], "split": q["split"], "query": q["query"],
                          "bm25": base, "rerank": rr}))
if a.json:
    sys.exit(0)


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def table(split):
    sel = [r for r in rows if r[0]["split"] == split]
    kinds = sorted({r[0]["kind"] for r in sel}) + ["all"]
    print("%-10s %4s  " % ("kind", "n") + "  ".join("%-17s" % m for m in METRICS))
    print("%-10s %4s  " % ("", "") + "  ".join("%-17s" % "bm25 -> rerank" for _ in METRICS))
    for k in kinds:
        part = [r for r in sel if k == "all" or r[0]["kind"] == k]
        cells = []
        for m in METRICS:
            b, r = mean([x[1][m] for x in part]), mean([x[2][m] for x in part])
            cells.append("%.3f -> %.3f   " % (b, r))
        print("%-10s %4d  " % (k, len(part)) + "  ".join(cells))
    b = mean([x[1]["nDCG@10"] for x in sel])
    r = mean([x[2]["nDCG@10"] for x in sel])
    print("nDCG@10 %s: bm25 %.3f, reranked %.3f (%+.1f%%)\n" % (
        split, b, r, 100.0 * (r - b) / b if b else float("inf")))


print("held-out split 'test' (report these):")
table("test")
print("split 'tune' (weights were set looking at these):")
table("tune")
