#!/usr/bin/env python3
"""make-desc.py ORIG.db > desc-queries.jsonl: description queries, the CodeSearchNet way.

ORIG.db indexes an untouched copy of the description corpus (desc.sh: the
10k subset of scripts/corpus and the Elixir, Scala and Dart trees). For
functions and methods with a doc comment, the doc's first sentence is the
query and the function is its only answer (grade 2); each query records
the lines of the doc comment (`blank`), which desc.sh blanks in the copy it
indexes, so that the description has to be matched through the code.

Chosen per language (at most PER_LANG, at most PER_PACKAGE per top-level
directory, never a test file, a doc that two symbols share, a sentence of
fewer than 4 or more than 25 words, one with a URL or starting with a @tag), in the order of a
hash of path and line, so the same index gives the same set. The split
comes from a hash of the file's path: 'test' is the held-out half, never
looked at while tuning; 'tune' is the other.

Each query's doc must be gone after blanking: desc.sh --check indexes the
blanked copy and drops queries whose answer still has a doc or moved.
"""
import hashlib, json, os, re, sqlite3, sys

LANGS = ("python", "go", "ruby", "rust", "php", "typescript", "javascript", "dart", "scala",
         "elixir", "cpp", "kotlin")
PER_LANG, PER_PACKAGE = 40, 15
COMMENT = ("//", "/*", "*", "#")


def h(s):
    return int(hashlib.sha1(s.encode()).hexdigest(), 16)


def split_of(path):
    return "test" if h(path) % 2 else "tune"


def testish(path):
    return re.search(r"(^|/)(tests?|__tests__|spec|testing|testkit|integration_test)/|"
                     r"\.(test|spec)\.|_test\.|Test\.|Spec\.", path) is not None


def sentence(doc):
    """The first sentence of a doc comment, markup removed."""
    doc = re.split(r"\n\s*\n|\n\s*@|\.\s|\.$", doc.strip(), maxsplit=1)[0]
    doc = re.sub(r"\{@\w+\s+([^}]*)\}", r"\1", doc)
    doc = re.sub(r"[`*\[\]]", "", doc)
    return " ".join(doc.split())


def package(path):
    parts = path.split("/")
    return "/".join(parts[:2]) if parts[0] == "10k" else parts[0]


def python_docstring(lines, line):
    """Lines of the docstring after the def at `line` (1-based), or None."""
    for i in range(line, min(line + 12, len(lines))):
        s = lines[i].strip()
        m = re.match(r'[rRuU]?("""|\'\'\')', s)
        if not m:
            if s.endswith(":") or not s or s.startswith(("def ", "async def ", "@")):
                continue
            return None
        q = m.group(1)
        if s.count(q) >= 2:
            return (i + 1, i + 1)
        for j in range(i + 1, len(lines)):
            if q in lines[j]:
                return (i + 1, j + 1)
        return None
    return None


def elixir_doc(lines, line):
    for i in range(line - 2, max(line - 80, 0), -1):
        s = lines[i].strip()
        if s.startswith("@doc"):
            if '"""' not in s:
                return (i + 1, i + 1)
            for j in range(i + 1, line - 1):
                if '"""' in lines[j]:
                    return (i + 1, j + 1)
            return None
        if s.startswith(("def ", "defp ", "defmacro ", "end")):
            return None
    return None


def comment_above(lines, line):
    """The comment lines right above `line`, past annotations/attributes."""
    i = line - 2
    while i >= 0 and lines[i].strip().startswith(("@", "#[")):
        i -= 1
    end = i
    while i >= 0 and lines[i].strip().startswith(COMMENT) and not lines[i].strip().startswith("#["):
        i -= 1
    return (i + 2, end + 1) if end > i else None


def doc_lines(root, path, lang, line):
    try:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if lang == "python":
        return python_docstring(lines, line)
    if lang == "elixir":
        return elixir_doc(lines, line)
    return comment_above(lines, line)


def main():
    db = sqlite3.connect(sys.argv[1])
    root = sys.argv[2]
    rows = db.execute(
        "SELECT f.lang, f.path, s.line, s.name, s.doc FROM symbols s JOIN files f ON f.id = s.file_id "
        "WHERE s.kind IN ('function', 'method') AND s.doc != '' AND f.minified = 0 AND f.lang IN (%s) "
        "AND s.doc IN (SELECT doc FROM symbols WHERE doc != '' GROUP BY doc HAVING count(*) = 1)"
        % ",".join("'%s'" % l for l in LANGS)).fetchall()
    rows.sort(key=lambda r: h("%s:%d" % (r[1], r[2])))
    taken, per_pkg, out = {}, {}, []
    for lang, path, line, name, doc in rows:
        if taken.get(lang, 0) >= PER_LANG or per_pkg.get(package(path), 0) >= PER_PACKAGE:
            continue
        q = sentence(doc)
        words = q.split()
        if testish(path) or not 4 <= len(words) <= 25 or "http" in q or q.startswith("@"):
            continue
        blank = doc_lines(root, path, lang, line)
        if not blank:
            continue
        taken[lang] = taken.get(lang, 0) + 1
        per_pkg[package(path)] = per_pkg.get(package(path), 0) + 1
        out.append({"id": "desc-%s-%02d" % (lang, taken[lang]), "kind": "desc", "lang": lang,
                    "split": split_of(path), "query": q, "target": name, "blank": blank,
                    "rel": [{"path": path, "line": line, "grade": 2}]})
    for q in out:
        print(json.dumps(q, ensure_ascii=False))
    print("make-desc: %d queries (%s)" % (len(out), ", ".join(
        "%s %d" % (l, taken.get(l, 0)) for l in LANGS)), file=sys.stderr)


main()
