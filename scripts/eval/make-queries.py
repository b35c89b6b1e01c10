#!/usr/bin/env python3
"""make-queries.py INDEX.db > queries.jsonl: draw the relevance query set.

Run once over the index of the pinned corpus (scripts/corpus/packages.lock)
to propose queries with graded judgments; the output is committed as
scripts/eval/queries.jsonl and is the set `make eval` scores. Drawing is
seeded, so the same index gives the same set. Kinds of query:

  nl        content words of a doc comment ("creates lazy wrapper object")
  fragment  two words of a long camelCase name ("compounder create")
  exact     a name defined once (as a function/class/...) and referenced
            from many files
  acronym   the initials of a camelCase name (cBSP for calcBSplinePoint)
  filtered  two name words plus a lang:/kind:/file: filter

Grades: 2 the definition the query was drawn from and its copies (the same
name, kind and doc elsewhere: the corpus holds es/ and lib/ builds, several
versions of a package); 1 other definitions of the same name, and, for
fragment and filtered queries, every definition whose name holds the query's
words in order and passes its filter (ObjectKey answers "object key"). Every query
gets a split, 'tune' or 'test', from a hash of its text: weights are set
looking at 'tune' only, and 'test' is what gets reported.
"""
import hashlib, json, random, re, sqlite3, sys

DEF_KINDS = ("function", "class", "method", "interface", "type", "enum", "namespace")
STOP = set("a an and are as at be by for from how if in into is it its of on or that the this "
           "to was when which with you your can will used use all any".split())
PER_KIND = {"nl": 40, "fragment": 30, "exact": 30, "acronym": 15, "filtered": 25}

db = sqlite3.connect(sys.argv[1])
rnd = random.Random(20261201)


def split_words(name):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", s)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-zA-Z])(?=[0-9])|(?<=[0-9])(?=[a-zA-Z])", s) if w]


def testish(path):
    return re.search(r"(^|/)(tests?|__tests__|spec|__mocks__)/|\.(test|spec)\.", path) is not None


TYPE_GROUP = ("class", "struct", "interface", "trait", "enum", "union", "type", "protocol", "object", "mixin")


def judgments(name, kind, doc, words=None, filt=None):
    rel = {}
    for path, line, k, d in db.execute(
            "SELECT f.path, s.line, s.kind, s.doc FROM symbols s JOIN files f ON f.id = s.file_id "
            "WHERE s.name = ? LIMIT 200", (name,)):
        if k == kind and d == doc:
            rel[(path, line)] = 2
        elif k in DEF_KINDS and (path, line) not in rel:
            rel[(path, line)] = 1
    # For word queries, any definition whose name holds the words in order
    # (ObjectKey for "object key") answers it too; filters still apply.
    if words:
        sql = ("SELECT f.path, s.line FROM symbols s JOIN files f ON f.id = s.file_id "
               "WHERE ' ' || s.name_words || ' ' LIKE ? AND s.kind IN %s" % KIND_IN)
        args = ["%% %s %%" % words]
        if filt:
            key, val = filt.split(":", 1)
            if key == "kind":
                kinds = TYPE_GROUP if val == "type" else (val,)
                sql += " AND s.kind IN (%s)" % ",".join("?" * len(kinds))
                args += list(kinds)
            elif key == "lang":
                langs = {"ts": ("typescript", "tsx"), "js": ("javascript",)}.get(val, (val,))
                sql += " AND f.lang IN (%s)" % ",".join("?" * len(langs))
                args += list(langs)
            else:
                sql += " AND instr(f.path, ?) > 0"
                args.append(val)
        for path, line in db.execute(sql + " ORDER BY f.path, s.line LIMIT 200", args):
            rel.setdefault((path, line), 1)
    # The strongest first; at most 40 per query.
    items = sorted(rel.items(), key=lambda kv: (-kv[1], kv[0]))[:40]
    return [{"path": p, "line": l, "grade": g} for (p, l), g in items]


def split_of(query):
    return "test" if int(hashlib.sha1(query.encode()).hexdigest(), 16) % 2 else "tune"


def candidates(sql, args=()):
    rows = list(db.execute(sql, args))
    rnd.shuffle(rows)
    return rows


out, seen = [], set()


def emit(kind, query, name, skind, doc):
    if query in seen:
        return False
    words = filt = None
    if kind in ("fragment", "filtered"):
        parts = query.split()
        filt = next((p for p in parts if ":" in p), None)
        words = " ".join(p for p in parts if ":" not in p)
    rel = judgments(name, skind, doc, words, filt)
    if not rel:
        return False
    seen.add(query)
    out.append({"id": "%s-%03d" % (kind, sum(1 for q in out if q["kind"] == kind) + 1),
                "kind": kind, "split": split_of(query), "query": query, "target": name, "rel": rel})
    return True


def fill(kind, rows, make):
    n = 0
    names = set()
    for row in rows:
        if n >= PER_KIND[kind]:
            break
        if row[0] in names or testish(row[3]):
            continue
        q = make(row)
        if q and emit(kind, q, row[0], row[1], row[2]):
            names.add(row[0])
            n += 1


KIND_IN = "(%s)" % ",".join("'%s'" % k for k in DEF_KINDS)
BASE = ("SELECT s.name, s.kind, s.doc, f.path FROM symbols s JOIN files f ON f.id = s.file_id "
        "WHERE s.kind IN %s " % KIND_IN)


def nl_query(row):
    words = [w for w in re.findall(r"[a-z][a-z0-9]+", row[2].lower()) if w not in STOP]
    # Boilerplate docs (links, "see ...") shared by many symbols say nothing.
    if len(words) < 4 or "http" in row[2] or db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM symbols WHERE doc = ? LIMIT 4)", (row[2],)).fetchone()[0] > 3:
        return None
    return " ".join(words[:5])


fill("nl", candidates(BASE + "AND length(s.doc) BETWEEN 30 AND 120 AND s.doc NOT LIKE '%`%' "
                      "AND s.rowid % 11 = 0"), nl_query)


def fragment_query(row):
    w = split_words(row[0])
    if len(w) < 3 or any(len(x) < 3 for x in w):
        return None
    i = rnd.randrange(len(w) - 1)
    return "%s %s" % (w[i + 1], w[i]) if rnd.random() < 0.3 else "%s %s" % (w[i], w[i + 1])


fill("fragment", candidates(BASE + "AND s.rowid % 37 = 0 AND length(s.name) > 12"), fragment_query)

# Names defined once as a definition kind, referenced from many files.
exact_rows = candidates(
    "SELECT s.name, s.kind, s.doc, f.path FROM symbols s JOIN files f ON f.id = s.file_id "
    "WHERE s.kind IN %s AND length(s.name) > 5 AND s.name IN (SELECT name FROM refs GROUP BY name "
    "HAVING count(DISTINCT file_id) >= 5) AND (SELECT count(*) FROM symbols d WHERE d.name = s.name "
    "AND d.kind IN %s) = 1" % (KIND_IN, KIND_IN))
fill("exact", exact_rows, lambda row: row[0])


def acronym_query(row):
    w = split_words(row[0])
    if len(w) < 3 or len(w) > 5 or not all(x[0].isalpha() for x in w):
        return None
    return w[0][0] + "".join(x[0].upper() for x in w[1:])


fill("acronym", candidates(BASE + "AND s.kind IN ('function','class','method') AND s.rowid % 7 = 0"),
     acronym_query)


def filtered_query(row):
    w = [x for x in split_words(row[0]) if len(x) > 2]
    if len(w) < 2:
        return None
    i = rnd.randrange(len(w) - 1)
    word = "%s %s" % (w[i], w[i + 1])
    lang = db.execute("SELECT f.lang FROM files f WHERE f.path = ?", (row[3],)).fetchone()[0]
    top = row[3].split("/")[0].split("@")[0] if not row[3].startswith("@") else None
    choice = rnd.randrange(3)
    if choice == 0:
        return "%s kind:%s" % (word, row[1])
    if choice == 1:
        return "%s lang:%s" % (word, {"typescript": "ts", "javascript": "js"}.get(lang, lang))
    return "%s file:%s" % (word, top) if top else "%s kind:%s" % (word, row[1])


fill("filtered", candidates(BASE + "AND s.rowid % 29 = 0"), filtered_query)

for q in out:
    print(json.dumps(q, ensure_ascii=False))
print("make-queries: %d queries (%s)" % (len(out), ", ".join(
    "%s %d" % (k, sum(1 for q in out if q["kind"] == k)) for k in PER_KIND)), file=sys.stderr)
