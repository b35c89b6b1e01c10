/* weights.h: every ranking factor and its weight, in one place.
 *
 * A hit's score is the sum over factors of weight * value; --explain prints
 * these products. docs/ranking.md says why each weight is what it is; the
 * relevance harness (make eval) measures them. Values are in [0, 1] except
 * kind (a prior in [-1, 1]) and depth (levels of nesting, at most 2).
 *
 * FACTOR(id, name shown by --explain, weight, what the value is) */
FACTOR(TEXT,     "text",     4.0, "bm25 relative to the best candidate (1 = best)")
FACTOR(EXACT,    "exact",    4.0, "the name is a query word, same case, or a def: name")
FACTOR(ICASE,    "icase",    3.0, "the name equals a query word, or all query words, ignoring case")
FACTOR(PREFIX,   "prefix",   2.0, "the name starts with a query word (or a prefix* term)")
FACTOR(ACRONYM,  "acronym",  3.0, "a query word spells the name's word starts (pU: parseUrl)")
FACTOR(WORDS,    "words",    1.0, "share of the query's words among the name's words")
FACTOR(KIND,     "kind",     0.7, "definition kind prior: types, functions up; locals, config down")
FACTOR(PATHWORD, "path",     0.8, "share of the query's words among the path's words")
FACTOR(TEST,     "test",    -1.5, "1 if the file is a test (test/, __tests__/, *.test.*, *_test.*)")
FACTOR(VENDOR,   "vendor",  -1.0, "1 if the file is vendored (vendor/, node_modules/, third_party/)")
FACTOR(GENERATED,"generated",-1.5, "1 if the file is minified or generated (dist/, *.min.*, *.bundle.*)")
FACTOR(POPULAR,  "popular",  0.6, "log-scaled count of files importing the file or naming the symbol")
FACTOR(DEPTH,    "depth",   -0.15, "levels of enclosing symbols (0 top level, at most 2)")
