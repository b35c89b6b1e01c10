/* retrieve.c: candidate symbols for a query (see rank.h). */
#include "rank.h"
#include "descrank.h"
#include "base/cli.h"
#include "base/strbuf.h"
#include "index/db.h"
#include "base/words.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The two full-text tables and the column weights of their bm25():
 * words as written, name >> name_words > path_words > signature, doc; and
 * the stemmed words of the split name, signature and doc. */
struct fts_table {
	const char *name, *bm25;
	/* "" (the first `cap` rows, cheapest), or " ORDER BY 2" (the best
	 * `cap` by bm25: the any-word fallback, where the first rows of a
	 * common word would crowd out the symbol having most words). */
	const char *order;
	long budget;              /* RANK_SCAN_BUDGET, RANK_DESC_BUDGET */
};
static const struct fts_table exact_words = {
	"symbols_fts", "bm25(symbols_fts, 10.0, 4.0, 2.0, 1.0, 1.0)", "", RANK_SCAN_BUDGET
};
static const struct fts_table stemmed_words = {
	"symbols_stem", "rank_desc(symbols_stem)", " ORDER BY 2", RANK_DESC_BUDGET
};
/* The same, the first rows: when sorting every match is past the budget. */
static const struct fts_table stemmed_first = {
	"symbols_stem", "rank_desc(symbols_stem)", "", RANK_DESC_BUDGET
};

/* The columns every source selects, in the order read_hit() reads them. */
#define META_COLS \
	"s.id, s.file_id, s.name, s.name_words, s.kind, s.signature, fl.path, fl.path_words, " \
	"fl.lang, fl.minified, s.line, s.col, (s.parent_id IS NOT NULL) + " \
	"COALESCE((SELECT p.parent_id IS NOT NULL FROM symbols p WHERE p.id = s.parent_id), 0)"
#define META_FROM " FROM symbols s JOIN files fl ON fl.id = s.file_id"

/* Parameter numbers of def: and ref: names in every statement. */
enum { DEF_PARAM = 101, REF_PARAM = 201, NOT_PARAM = 301 };
_Static_assert(DEF_PARAM + QUERY_MAX_NAMES <= REF_PARAM && REF_PARAM + QUERY_MAX_NAMES <= NOT_PARAM,
	       "the def: and ref: parameters overlap");

struct ctx {
	sqlite3 *db;
	const struct rank_query *q;
	char *cons;               /* " AND ..." constraints of the filters */
	char *excluded;           /* FTS5 expression of the -word terms, or NULL */
	struct hits *out;
	size_t cap_hits;
	char **err;
	bool over_budget;         /* the last fts() ran out of budget */
	struct descrank rank;     /* rank_desc()'s words */
};

static char *dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return ax_strndup(t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, i));
}

static struct hit *new_hit(struct ctx *c)
{
	if (c->out->n == c->cap_hits) {
		c->cap_hits = c->cap_hits ? 2 * c->cap_hits : 256;
		c->out->v = ax_realloc(c->out->v, c->cap_hits * sizeof *c->out->v);
	}
	struct hit *h = &c->out->v[c->out->n++];
	memset(h, 0, sizeof *h);
	return h;
}

static void read_hit(sqlite3_stmt *st, int col0, struct hit *h)
{
	h->id = sqlite3_column_int64(st, col0);
	h->file_id = sqlite3_column_int64(st, col0 + 1);
	h->name = dup_col(st, col0 + 2);
	h->name_words = dup_col(st, col0 + 3);
	h->kind = dup_col(st, col0 + 4);
	h->sig = dup_col(st, col0 + 5);
	h->path = dup_col(st, col0 + 6);
	h->path_words = dup_col(st, col0 + 7);
	h->lang = dup_col(st, col0 + 8);
	h->minified = sqlite3_column_int(st, col0 + 9) != 0;
	h->line = sqlite3_column_int(st, col0 + 10);
	h->col = sqlite3_column_int(st, col0 + 11);
	h->depth = sqlite3_column_int(st, col0 + 12);
}

/* rank_keep(lang, kind, path): the lang:/kind:/file: filters, in SQL. */
static void keep_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct rank_query *q = sqlite3_user_data(cx);
	const char *lang = (const char *)sqlite3_value_text(argv[0]);
	const char *kind = (const char *)sqlite3_value_text(argv[1]);
	const char *path = (const char *)sqlite3_value_text(argv[2]);
	sqlite3_result_int(cx, query_keep(q, lang ? lang : "", kind ? kind : "", path ? path : ""));
}

static void build_constraints(struct ctx *c)
{
	const struct rank_query *q = c->q;
	struct ax_strbuf b = { 0 };
	ax_strbuf_adds(&b, "");
	if (q->langs.n || q->not_langs.n || q->kinds.n || q->not_kinds.n || q->files.n ||
	    q->not_files.n)
		ax_strbuf_adds(&b, " AND rank_keep(fl.lang, s.kind, fl.path)");
	for (size_t i = 0; i < q->defs.n; i++)
		ax_strbuf_addf(&b, "%s?%zu%s", i ? ", " : " AND s.name IN (", DEF_PARAM + i,
			       i + 1 == q->defs.n ? ")" : "");
	for (size_t i = 0; i < q->refs.n; i++)
		ax_strbuf_addf(&b, " AND EXISTS (SELECT 1 FROM refs r WHERE r.name = ?%zu AND "
			       "r.file_id = s.file_id AND r.line BETWEEN s.line AND s.end_line)",
			       REF_PARAM + i);
	/* The FTS source excludes -words in its MATCH; the others here. */
	if (c->excluded)
		ax_strbuf_addf(&b, " AND NOT EXISTS (SELECT 1 FROM symbols_fts x WHERE "
			       "x.symbols_fts MATCH ?%d AND x.rowid = s.id)", NOT_PARAM);
	c->cons = b.s;
}

static int prepare(struct ctx *c, const char *sql, sqlite3_stmt **st)
{
	if (ax_db_prepare(c->db, sql, st, c->err) < 0)
		return -1;
	for (size_t i = 0; i < c->q->defs.n; i++)
		sqlite3_bind_text(*st, (int)(DEF_PARAM + i), c->q->defs.v[i], -1, SQLITE_STATIC);
	for (size_t i = 0; i < c->q->refs.n; i++)
		sqlite3_bind_text(*st, (int)(REF_PARAM + i), c->q->refs.v[i], -1, SQLITE_STATIC);
	if (c->excluded && sqlite3_bind_parameter_index(*st, "?301"))
		sqlite3_bind_text(*st, NOT_PARAM, c->excluded, -1, SQLITE_STATIC);
	return 0;
}

static int step_error(struct ctx *c, sqlite3_stmt *st)
{
	ax_db_err(c->err, "query failed: %s", sqlite3_errmsg(c->db));
	sqlite3_finalize(st);
	return -1;
}

/* Rows of a statement that selects META_COLS (after `col0` other columns). */
static int collect(struct ctx *c, sqlite3_stmt *st)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_hit(st, 0, new_hit(c));
	if (rc != SQLITE_DONE)
		return step_error(c, st);
	sqlite3_finalize(st);
	return 0;
}

struct scored {
	int64_t id;
	double bm25;
};

static int by_bm25(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	if (x->bm25 != y->bm25)
		return x->bm25 < y->bm25 ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* sqlite3_progress_handler callback: counts down the work budget of a
 * statement (in units of 1000 virtual machine steps); non-zero stops it. */
static int out_of_budget(void *left)
{
	return --*(long *)left < 0;
}

/* The FTS side: up to `cap` rows of table `t` matching, the best `pool`
 * by bm25 kept with their metadata. Returns the number of rows matched
 * (before the pool cut), or -1. */
static long fts(struct ctx *c, const struct fts_table *t, const char *match, size_t pool, int cap)
{
	/* Without filters the FTS table alone answers, at half the cost. */
	char *sql = *c->cons ?
		ax_xasprintf("SELECT s.id, %s FROM %s JOIN symbols s ON s.id = %s.rowid "
			     "JOIN files fl ON fl.id = s.file_id WHERE %s MATCH ?1%s%s LIMIT %d",
			     t->bm25, t->name, t->name, t->name, c->cons, t->order, cap) :
		ax_xasprintf("SELECT rowid, %s FROM %s WHERE %s MATCH ?1%s LIMIT %d",
			     t->bm25, t->name, t->name, t->order, cap);
	sqlite3_stmt *st;
	int prepared = prepare(c, sql, &st);
	free(sql);
	if (prepared < 0)
		return -1;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	/* A selective filter can make `cap` passing rows cost every match of
	 * a common word: past the budget the rows found so far are ranked. */
	long budget = t->budget;
	sqlite3_progress_handler(c->db, 1000, out_of_budget, &budget);
	struct scored *rows = NULL;
	size_t n = 0, room = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == room)
			rows = ax_realloc(rows, (room = room ? 2 * room : 512) * sizeof *rows);
		rows[n++] = (struct scored){ sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1) };
	}
	sqlite3_progress_handler(c->db, 0, NULL, NULL);
	c->over_budget = budget < 0;
	if (rc != SQLITE_DONE && !(rc == SQLITE_INTERRUPT && budget < 0)) {
		free(rows);
		return step_error(c, st);
	}
	sqlite3_finalize(st);
	if (n > 1)
		qsort(rows, n, sizeof *rows, by_bm25);

	if (prepare(c, "SELECT " META_COLS META_FROM " WHERE s.id = ?1", &st) < 0) {
		free(rows);
		return -1;
	}
	for (size_t i = 0; i < n && i < pool; i++) {
		sqlite3_bind_int64(st, 1, rows[i].id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			struct hit *h = new_hit(c);
			read_hit(st, 0, h);
			h->has_bm25 = true;
			h->bm25 = rows[i].bm25;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	free(rows);
	return (long)n;
}

/* Scales the bm25 of the hits from `from` on so that their best is -top:
 * the rows of the two full-text tables, whose columns and weights differ,
 * on one scale. */
static void scale_bm25(struct hits *h, size_t from, double top)
{
	double best = 0;
	for (size_t i = from; i < h->n; i++)
		if (h->v[i].has_bm25)
			best = fmin(best, h->v[i].bm25);
	for (size_t i = from; i < h->n && best < 0; i++)
		h->v[i].bm25 = -top * (h->v[i].bm25 / best);
}

/* The stemmed search for `match` beside the rows found so far (which have
 * every word, and keep their place), each on its own bm25 scale. Sorting
 * every match bounded by the budget, past it the first rows are ranked.
 * The rows it found, or -1. */
static long fallback(struct ctx *c, const char *match, size_t pool, int cap)
{
	size_t before = c->out->n;
	scale_bm25(c->out, 0, 1.0);
	long more = fts(c, &stemmed_words, match, pool, cap);
	if (more == 0 && c->over_budget)
		more = fts(c, &stemmed_first, match, pool, cap);
	scale_bm25(c->out, before, RANK_ANY_TOP);
	return more;
}

/* Rows of the stemmed table holding `match`, counted up to `limit`. */
static long stem_rows(struct ctx *c, const char *match, long limit)
{
	sqlite3_stmt *st;
	if (ax_db_prepare(c->db, "SELECT count(*) FROM (SELECT 1 FROM symbols_stem WHERE symbols_stem "
			  "MATCH ?1 LIMIT ?2)", &st, c->err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit);
	long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	if (n < 0)
		return step_error(c, st);
	sqlite3_finalize(st);
	return n;
}

struct counted {
	const struct desc_word *w;
	long rows;
	size_t pos;
};

static int by_rows(const void *a, const void *b)
{
	const struct counted *x = a, *y = b;
	if (x->rows != y->rows)
		return x->rows < y->rows ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The any-word expression of a description (query_fts_any): its rarest
 * words whose rows add up to at most RANK_DESC_ROWS (at least the rarest
 * one the index has) are read, all of them score. Reading every row of a
 * common word ("value": 5% of all symbols), and sorting them by bm25, is
 * what made long descriptions slow; a common word adds little to bm25
 * anyway. *match is NULL when no word is in the index. 0, or -1. */
static int description_match(struct ctx *c, char **match)
{
	struct desc_word words[RANK_DESC_WORDS];
	const struct desc_word *all[RANK_DESC_WORDS], *rare[RANK_DESC_WORDS];
	struct counted w[RANK_DESC_WORDS];
	size_t n = query_desc_words(c->q, words, RANK_DESC_WORDS), nrare = 0;
	*match = NULL;
	for (size_t i = 0; i < n; i++) {
		char *one = query_desc_word_fts(&words[i]);
		all[i] = &words[i];
		w[i] = (struct counted){ &words[i], stem_rows(c, one, RANK_DESC_ROWS + 1), i };
		free(one);
		if (w[i].rows < 0)
			return -1;
	}
	/* The phrases of the expression: the rare words, then (when some
	 * were left out) all, in query order; rank_desc scores the last. */
	long rows[RANK_DESC_WORDS];
	for (size_t i = 0; i < n; i++)
		rows[i] = w[i].rows;
	qsort(w, n, sizeof *w, by_rows);
	long sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i].rows == 0 || (nrare && sum + w[i].rows > RANK_DESC_ROWS))
			continue;
		rare[nrare] = w[i].w;
		c->rank.rows[nrare++] = w[i].rows;
		sum += w[i].rows;
	}
	c->rank.ready = false;
	c->rank.first = nrare < n ? nrare : 0;
	c->rank.n = nrare < n ? n : nrare;
	if (nrare < n)
		memcpy(c->rank.rows, rows, sizeof rows);
	*match = query_fts_any(c->q, rare, nrare, all, n);
	return *match ? descrank_register(c->db, &c->rank, c->err) : 0;
}

/* Is some plain word of the query the name of a pool's worth of symbols?
 * Then those fill the pool by name, and the FTS side needs fewer rows. */
static bool common_name(struct ctx *c)
{
	sqlite3_stmt *st;
	bool common = false;
	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM (SELECT 1 FROM symbols WHERE name = ?1 "
				      "LIMIT ?2)", -1, &st, NULL) != SQLITE_OK)
		return false;
	for (size_t i = 0; i < c->q->nterms && !common; i++) {
		const struct term *t = &c->q->terms[i];
		if (t->negated || t->kind != TERM_WORD)
			continue;
		sqlite3_bind_text(st, 1, t->text, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, RANK_POOL);
		common = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) >= RANK_POOL;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return common;
}

/* Definitions named exactly `name`, through the symbols_name index. */
static int exact_name(struct ctx *c, const char *name, int cap)
{
	char *sql = ax_xasprintf("SELECT " META_COLS META_FROM " WHERE s.name = ?1%s LIMIT %d",
				 c->cons, cap);
	sqlite3_stmt *st;
	int prepared = prepare(c, sql, &st);
	free(sql);
	if (prepared < 0)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	return collect(c, st);
}

/* A listing (query_is_listing): the first `want` symbols passing the
 * filters, by path and line (the order rerank and plain_order keep). */
static int listing(struct ctx *c, size_t want)
{
	char *sql = ax_xasprintf("SELECT " META_COLS META_FROM " WHERE 1%s ORDER BY fl.path, s.line, "
				 "s.col, s.id LIMIT %zu", c->cons, want);
	sqlite3_stmt *st;
	int prepared = prepare(c, sql, &st);
	free(sql);
	if (prepared < 0)
		return -1;
	return collect(c, st);
}

/* The innermost symbols around each reference to `name`. */
static int referrers(struct ctx *c, const char *name)
{
	char *sql = ax_xasprintf(
		"SELECT " META_COLS " FROM refs rr JOIN symbols s ON s.id = ("
		"SELECT s2.id FROM symbols s2 WHERE s2.file_id = rr.file_id AND s2.line <= rr.line "
		"AND s2.end_line >= rr.line ORDER BY s2.line DESC, s2.id DESC LIMIT 1) "
		"JOIN files fl ON fl.id = s.file_id WHERE rr.name = ?1%s LIMIT %d",
		c->cons, RANK_NAME_CAP);
	sqlite3_stmt *st;
	int prepared = prepare(c, sql, &st);
	free(sql);
	if (prepared < 0)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	return collect(c, st);
}

/* A word typed as an acronym of a camelCase name: 2 to 6 letters, all
 * capitals (PU) or with a capital after the first letter (pU, gUI). */
static bool acronym_shaped(const char *w)
{
	size_t n = strlen(w), upper = 0;
	if (n < 2 || n > 6)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!isalpha((unsigned char)w[i]))
			return false;
		upper += i > 0 && isupper((unsigned char)w[i]);
	}
	return upper > 0;
}

/* Names an acronym spells that are looked up (the tightest ones). */
enum { ACRONYM_NAMES = 30 };

static size_t word_count(const char *name)
{
	char words[1024];
	ax_split_words(name, strlen(name), words, sizeof words);
	size_t n = *words != '\0';
	for (const char *p = words; *p; p++)
		n += *p == ' ';
	return n;
}

static int by_words(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t wx = word_count(x), wy = word_count(y);
	if (wx != wy)
		return wx < wy ? -1 : 1;
	if (strlen(x) != strlen(y))
		return strlen(x) < strlen(y) ? -1 : 1;
	return strcmp(x, y);
}

/* rank_acronym(name): does the acronym (the function's user data) spell
 * the name's words? */
static void acronym_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	char words[1024];
	size_t n = (size_t)sqlite3_value_bytes(argv[0]);
	ax_split_words(name ? name : "", name ? n : 0, words, sizeof words);
	sqlite3_result_int(cx, acronym_match(sqlite3_user_data(cx), words));
}

/* Names the acronym spells. The first letter fixes where the name starts,
 * so only those ranges of the symbols_name index are read:
 * cheap, where an FTS5 phrase of one-letter prefixes ("p"* + "u"*) would
 * expand every term starting with each letter. */
static int acronym(struct ctx *c, const char *w)
{
	if (sqlite3_create_function(c->db, "rank_acronym", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    (void *)w, acronym_fn, NULL, NULL) != SQLITE_OK)
		return ax_db_err(c->err, "cannot register rank_acronym: %s", sqlite3_errmsg(c->db));
	sqlite3_stmt *st;
	if (prepare(c, "SELECT DISTINCT name FROM symbols WHERE name >= ?1 AND name < ?2 "
		       "AND rank_acronym(name) LIMIT 1000", &st) < 0)
		return -1;
	/* The name may start with the letter in either case, after a _, __ or
	 * $ that the word splitter drops (_getRequireWildcardCache). */
	static const char *const lead[] = { "", "_", "__", "$" };
	char **names = NULL;
	size_t n = 0;
	for (size_t k = 0; k < 2 * sizeof lead / sizeof *lead; k++) {
		char lo[4], hi[4];
		int ch = k % 2 ? toupper((unsigned char)w[0]) : tolower((unsigned char)w[0]);
		snprintf(lo, sizeof lo, "%s%c", lead[k / 2], ch);
		snprintf(hi, sizeof hi, "%s%c", lead[k / 2], ch + 1);
		sqlite3_bind_text(st, 1, lo, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(st) == SQLITE_ROW) {
			names = ax_realloc(names, (n + 1) * sizeof *names);
			names[n++] = ax_strdup((const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	/* The tightest spellings first (fewest words beyond the letters). */
	qsort(names, n, sizeof *names, by_words);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && i < ACRONYM_NAMES)
			rc = exact_name(c, names[i], RANK_NAME_CAP / 20);
		free(names[i]);
	}
	free(names);
	return rc;
}

static int by_id(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	/* Of duplicates, the one with a bm25 first (it is kept), the best
	 * one of two. */
	if (x->has_bm25 != y->has_bm25)
		return (int)y->has_bm25 - (int)x->has_bm25;
	return x->bm25 < y->bm25 ? -1 : x->bm25 > y->bm25;
}

static void free_hit(struct hit *h)
{
	free(h->name);
	free(h->name_words);
	free(h->kind);
	free(h->sig);
	free(h->path);
	free(h->path_words);
	free(h->lang);
}

/* One hit per symbol. */
static void dedupe(struct hits *h)
{
	if (h->n == 0)
		return;
	qsort(h->v, h->n, sizeof *h->v, by_id);
	size_t w = 1;
	for (size_t i = 1; i < h->n; i++) {
		if (h->v[i].id == h->v[w - 1].id)
			free_hit(&h->v[i]);
		else
			h->v[w++] = h->v[i];
	}
	h->n = w;
}

static int sources(struct ctx *c, bool rerank, size_t want);

int retrieve(sqlite3 *db, const struct rank_query *q, bool rerank, size_t want,
	     struct hits *out, char **err)
{
	struct ctx c = { .db = db, .q = q, .out = out, .err = err };
	memset(out, 0, sizeof *out);
	if (sqlite3_create_function(db, "rank_keep", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    (void *)q, keep_fn, NULL, NULL) != SQLITE_OK)
		return ax_db_err(err, "cannot register rank_keep: %s", sqlite3_errmsg(db));
	c.excluded = query_fts_excluded(q);
	build_constraints(&c);
	int rc = sources(&c, rerank, want);
	free(c.excluded);
	free(c.cons);
	if (rc == 0)
		dedupe(out);
	return rc;
}

static int sources(struct ctx *c, bool rerank, size_t want)
{
	const struct rank_query *q = c->q;
	if (query_is_listing(q))
		return listing(c, want);
	size_t pool = rerank ? RANK_POOL : want;
	int cap = rerank && common_name(c) ? RANK_COMMON_SCAN_CAP : RANK_SCAN_CAP;
	char *match = query_fts(q);
	if (match) {
		long got = fts(c, &exact_words, match, pool, cap);
		free(match);
		if (got < 0)
			return -1;
		/* Too few symbols have every word (a description, a word that
		 * is not in the index): those with its rarest content words,
		 * stemmed, scored by all of them. */
		bool none = got == 0;
		if ((size_t)got < want && q->npositive > 1) {
			if (description_match(c, &match) < 0)
				return -1;
			long more = match ? fallback(c, match, pool, cap) : 0;
			free(match);
			if (more < 0)
				return -1;
			c->out->any_word = none && more > 0;
		}
	}
	if (rerank) {
		for (size_t i = 0; i < q->nterms; i++) {
			const struct term *t = &q->terms[i];
			if (t->negated || t->kind != TERM_WORD)
				continue;
			if (exact_name(c, t->text, RANK_NAME_CAP) < 0)
				return -1;
			if (acronym_shaped(t->text) && acronym(c, t->text) < 0)
				return -1;
		}
	}
	/* def: and ref: alone are lookups, not text searches. */
	if (q->npositive == 0) {
		for (size_t i = 0; i < q->defs.n; i++)
			if (exact_name(c, q->defs.v[i], RANK_NAME_CAP) < 0)
				return -1;
		if (q->defs.n == 0)
			for (size_t i = 0; i < q->refs.n; i++)
				if (referrers(c, q->refs.v[i]) < 0)
					return -1;
	}
	return 0;
}

void hits_free(struct hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		free_hit(&h->v[i]);
	free(h->v);
	h->v = NULL;
	h->n = 0;
}
