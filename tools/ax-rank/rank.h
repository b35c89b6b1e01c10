/* rank.h: finding candidates in the index and ordering them.
 *
 * retrieve(): candidates from FTS5 (bm25, column weights name >> split
 * name > path > signature, doc), from exact-name lookups through the
 * symbols_name index (which never touch FTS, so a name defined 30 000
 * times costs one index range), from acronym patterns, and from def:/ref:.
 * Work per query is capped (RANK_SCAN_CAP FTS rows, RANK_NAME_CAP rows per
 * name). rerank() scores every candidate with the factors of weights.h;
 * plain_order() is the BM25-only order. Both break ties by path, then
 * line, then column, so the same index always gives the same output. */
#ifndef RANK_RANK_H
#define RANK_RANK_H

#include "query.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

enum factor {
#define FACTOR(id, name, weight, doc) F_##id,
#include "weights.h"
#undef FACTOR
	F_COUNT
};

extern const char *const factor_name[F_COUNT];
extern const double factor_weight[F_COUNT];

/* FTS rows read per query at most (RANK_COMMON_SCAN_CAP when a query word
 * names RANK_POOL symbols or more, which the exact-name source brings
 * anyway), and rows per exact name. */
#define RANK_SCAN_CAP 5000
#define RANK_COMMON_SCAN_CAP 1500
/* Work the FTS side may do, in thousands of SQLite VM steps: about 2000
 * rows joined to their symbol and file for a filter (~10 ms). */
#define RANK_SCAN_BUDGET 300L
#define RANK_NAME_CAP 2000
/* A description's content words looked at, and the stemmed rows its
 * rarest words may read (retrieve.c, description_match). */
#define RANK_DESC_WORDS 12
#define RANK_DESC_ROWS 10000L
/* Their work budget, as RANK_SCAN_BUDGET: rank_desc() and the sort of
 * RANK_DESC_ROWS rows (~2M steps) fit, a filter's join too. */
#define RANK_DESC_BUDGET 3000L
/* The bm25 of the best any-word row, where a row with every word has 1. */
#define RANK_ANY_TOP 0.75
/* Candidates reranked from the FTS side (best bm25 first). */
#define RANK_POOL 300

struct hit {
	int64_t id, file_id;
	char *name, *name_words, *kind, *sig, *path, *path_words, *lang;
	int line, col, depth;
	bool minified;
	bool has_bm25;
	double bm25;              /* SQLite's bm25(): lower (more negative) is better */
	double value[F_COUNT];    /* factor values; the score is sum weight*value */
	double score;
};

struct hits {
	struct hit *v;
	size_t n;
	bool any_word;            /* no symbol has every word: any-word matches */
};

/* Fill `out` with the candidates of `q`. `rerank` false: FTS only (the
 * plain BM25 baseline). `want`: how many results will be shown (the AND
 * query falls back to OR when it finds fewer). 0, or -1 with *err. */
int retrieve(sqlite3 *db, const struct rank_query *q, bool rerank, size_t want,
	     struct hits *out, char **err);

/* Score and sort the candidates (factors of weights.h); the first `want`
 * (0: all) are exactly in order, those below may lack their popularity. */
void rerank(sqlite3 *db, const struct rank_query *q, struct hits *h, size_t want);

/* Sort by bm25 alone; score = -bm25. */
void plain_order(struct hits *h);

void hits_free(struct hits *h);

/* Does a query word spell the starts of the name's words (pU, PU: "parse
 * url"; gUI: "get user info")? `words` is the name split (lib/base/words.h). */
bool acronym_match(const char *query, const char *words);

/* The file-path signals, for tests and the harness. */
bool path_is_test(const char *path);
bool path_is_vendor(const char *path);
bool path_is_generated(const char *path);

#endif
