/* rerank.c: scoring candidates with the factors of weights.h. */
#include "rank.h"
#include "base/cli.h"
#include "base/words.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const factor_name[F_COUNT] = {
#define FACTOR(id, name, weight, doc) name,
#include "weights.h"
#undef FACTOR
};

const double factor_weight[F_COUNT] = {
#define FACTOR(id, name, weight, doc) weight,
#include "weights.h"
#undef FACTOR
};

/* Counts above this many files are all "very popular". */
#define POPULAR_SATURATION 1000.0

/* Is `seg` a whole directory of `path` ("a/seg/b", "seg/b")? */
static bool has_dir(const char *path, const char *seg)
{
	size_t n = strlen(seg);
	for (const char *p = path; (p = strstr(p, seg)); p++)
		if ((p == path || p[-1] == '/') && p[n] == '/')
			return true;
	return false;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

static bool any_dir(const char *path, const char *const *segs)
{
	for (; *segs; segs++)
		if (has_dir(path, *segs))
			return true;
	return false;
}

bool path_is_test(const char *path)
{
	static const char *const dirs[] = { "test", "tests", "__tests__", "spec", "specs",
					    "__mocks__", "testdata", "testing", NULL };
	if (any_dir(path, dirs))
		return true;
	const char *b = base_name(path);
	const char *dot = strchr(b, '.');
	size_t stem = dot ? (size_t)(dot - b) : strlen(b);
	if (strstr(b, ".test.") || strstr(b, ".spec.") || strncmp(b, "test_", 5) == 0)
		return true;
	static const char *const ends[] = { "_test", "_spec", "Test", "Tests", "Spec", NULL };
	for (const char *const *e = ends; *e; e++) {
		size_t n = strlen(*e);
		if (stem > n && strncmp(b + stem - n, *e, n) == 0)
			return true;
	}
	return false;
}

bool path_is_vendor(const char *path)
{
	static const char *const dirs[] = { "vendor", "node_modules", "third_party", "third-party",
					    "bower_components", NULL };
	return any_dir(path, dirs);
}

bool path_is_generated(const char *path)
{
	static const char *const dirs[] = { "dist", "generated", "__generated__", NULL };
	const char *b = base_name(path);
	return any_dir(path, dirs) || strstr(b, ".min.") || strstr(b, ".bundle.") ||
	       strstr(b, ".generated.") || strstr(b, "_pb2.") || strstr(b, ".pb.");
}

/* From word `w` on (words separated by single spaces), can `q` be spelled
 * by taking a non-empty prefix of some words, in order? `words` counts
 * the words used so far. */
static bool spell(const char *q, const char *w, int words)
{
	if (!*q)
		return words >= 2;
	for (; *w; w += strcspn(w, " "), w += *w == ' ') {
		/* A capital starts a word: gTA is get type arguments, not getTag. */
		for (size_t k = 0; q[k] && w[k] && w[k] != ' ' &&
				   tolower((unsigned char)q[k]) == (unsigned char)w[k] &&
				   (k == 0 || !isupper((unsigned char)q[k]));
		     k++) {
			const char *next = w + strcspn(w, " ");
			next += *next == ' ';
			if (spell(q + k + 1, next, words + 1))
				return true;
		}
		/* The first letter must start the first word (as in camel-hump
		 * search); later words may be skipped. */
		if (words == 0)
			return false;
	}
	return false;
}

bool acronym_match(const char *query, const char *words)
{
	return strlen(query) >= 2 && spell(query, words, 0);
}

/* The query's search words, split like the index splits names. */
struct qwords {
	char **v;
	size_t n;
	char joined[1024]; /* all of them, space-separated */
};

static void qwords_init(struct qwords *w, const struct rank_query *q)
{
	memset(w, 0, sizeof *w);
	size_t jn = 0;
	for (size_t i = 0; i < q->nterms; i++) {
		if (q->terms[i].negated)
			continue;
		char split[1024];
		ax_split_words(q->terms[i].text, strlen(q->terms[i].text), split, sizeof split);
		for (char *p = split; *p;) {
			size_t n = strcspn(p, " ");
			char *word = ax_strndup(p, n);
			bool seen = false;
			for (size_t k = 0; k < w->n && !seen; k++)
				seen = strcmp(w->v[k], word) == 0;
			if (seen || query_stopword(word)) {
				free(word);
			} else {
				w->v = ax_realloc(w->v, (w->n + 1) * sizeof *w->v);
				w->v[w->n++] = word;
				if (jn + n + 2 < sizeof w->joined)
					jn += (size_t)snprintf(w->joined + jn, sizeof w->joined - jn,
							       "%s%s", jn ? " " : "", word);
			}
			p += n + (p[n] == ' ');
		}
	}
}

static void qwords_free(struct qwords *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
}

static bool has_word(const char *words, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = words; (p = strstr(p, w)); p++)
		if ((p == words || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static double share(const struct qwords *w, const char *words)
{
	if (w->n == 0)
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < w->n; i++)
		k += has_word(words, w->v[i]);
	return (double)k / (double)w->n;
}

static double kind_prior(const char *kind)
{
	static const struct {
		const char *kinds;
		double prior;
	} priors[] = {
		{ " class struct interface trait enum union type protocol object mixin ", 1.0 },
		{ " function method constructor macro callback ", 0.8 },
		{ " module namespace impl extension ", 0.5 },
		{ " constant ", 0.3 },
		{ " variable field property ", 0.0 },
		{ " key table anchor ", -1.0 },
	};
	char k[72];
	snprintf(k, sizeof k, " %s ", kind);
	for (size_t i = 0; i < sizeof priors / sizeof *priors; i++)
		if (strstr(priors[i].kinds, k))
			return priors[i].prior;
	return 0;
}

static bool is_def(const struct rank_query *q, const char *name)
{
	for (size_t i = 0; i < q->defs.n; i++)
		if (strcmp(q->defs.v[i], name) == 0)
			return true;
	return false;
}

/* Query words in a term's text (1 for a word that splits into none). */
static size_t term_words(const char *text, char *split, size_t cap)
{
	ax_split_words(text, strlen(text), split, cap);
	size_t n = 0;
	for (const char *p = split; *p; p += strcspn(p, " "), p += *p == ' ')
		n++;
	return n ? n : 1;
}

/* The strongest (weight * value) of exact, icase, prefix, acronym over the
 * query's terms, its value the square of the share of the query's words
 * the matching term holds (a name equal to one word of "parse url" is a
 * quarter of an exact match). */
static enum factor name_match(const struct rank_query *q, const struct qwords *w,
			      const struct hit *h, double *value)
{
	enum factor best = F_COUNT;
	*value = 1;
	if (is_def(q, h->name))
		return F_EXACT;
	if (w->n >= 2 && strcmp(h->name_words, w->joined) == 0)
		best = F_ICASE;
	for (size_t i = 0; i < q->nterms; i++) {
		const struct term *t = &q->terms[i];
		if (t->negated || t->kind == TERM_PHRASE)
			continue;
		size_t n = strlen(t->text);
		enum factor f = F_COUNT;
		char split[1024];
		size_t words = term_words(t->text, split, sizeof split);
		if (t->kind == TERM_WORD && strcmp(h->name, t->text) == 0)
			f = F_EXACT;
		else if (t->kind == TERM_WORD && (strcasecmp(h->name, t->text) == 0 ||
						  (*split && strcmp(h->name_words, split) == 0)))
			f = F_ICASE;
		else if (strncasecmp(h->name, t->text, n) == 0)
			f = F_PREFIX;
		else if (t->kind == TERM_WORD && acronym_match(t->text, h->name_words))
			f = F_ACRONYM;
		/* Squared: one word of a five-word sentence is hardly a name match. */
		double share = w->n > words ? (double)words / (double)w->n : 1.0;
		double v = share * share;
		/* An acronym spelling every word of the name beats one that skips. */
		if (f == F_ACRONYM)
			v *= fmin(1.0, (double)n / (double)term_words(h->name, split, sizeof split));
		if (f != F_COUNT &&
		    (best == F_COUNT || factor_weight[f] * v > factor_weight[best] * *value)) {
			best = f;
			*value = v;
		}
	}
	return best;
}

/* Files naming the symbol plus files importing its file, per hit. */
struct popularity {
	sqlite3_stmt *refs, *importers;
};

static int64_t count(sqlite3_stmt *st, int64_t id, const char *text)
{
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, id);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

static int by_name(const void *a, const void *b)
{
	const struct hit *x = *(const struct hit *const *)a, *y = *(const struct hit *const *)b;
	return strcmp(x->name, y->name);
}

static int by_file(const void *a, const void *b)
{
	const struct hit *x = *(const struct hit *const *)a, *y = *(const struct hit *const *)b;
	return (x->file_id > y->file_id) - (x->file_id < y->file_id);
}

/* One query per distinct name and per distinct file, of the hits whose
 * `pop` is not negative (the others keep 0). */
static void popularity(sqlite3 *db, struct hits *h, double *pop)
{
	sqlite3_stmt *refs = NULL, *imps = NULL;
	/* edges (migration 3) is filled by ax-graph; until it runs, only the
	 * references count. */
	if (sqlite3_prepare_v2(db, "SELECT count(DISTINCT file_id) FROM (SELECT file_id FROM refs "
				   "WHERE name = ?1 LIMIT 5000)", -1, &refs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM (SELECT DISTINCT src_id FROM edges "
				   "WHERE dst_id = ?1 LIMIT 5000)", -1, &imps, NULL) != SQLITE_OK) {
		sqlite3_finalize(refs);
		return;
	}
	struct hit **p = ax_malloc((h->n + 1) * sizeof *p);
	size_t np = 0;
	for (size_t i = 0; i < h->n; i++)
		if (pop[i] >= 0)
			p[np++] = &h->v[i];
		else
			pop[i] = 0;
	qsort(p, np, sizeof *p, by_name);
	for (size_t i = 0; i < np;) {
		int64_t n = count(refs, 0, p[i]->name);
		size_t j = i;
		for (; j < np && strcmp(p[j]->name, p[i]->name) == 0; j++)
			pop[p[j] - h->v] += (double)n;
		i = j;
	}
	/* Until ax-graph has resolved imports, no file has importers to count. */
	sqlite3_stmt *any = NULL;
	bool edges = sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM edges)", -1, &any, NULL) ==
			     SQLITE_OK &&
		     sqlite3_step(any) == SQLITE_ROW && sqlite3_column_int(any, 0);
	sqlite3_finalize(any);
	if (edges)
		qsort(p, np, sizeof *p, by_file);
	for (size_t i = 0; edges && i < np;) {
		int64_t n = count(imps, p[i]->file_id, NULL);
		size_t j = i;
		for (; j < np && p[j]->file_id == p[i]->file_id; j++)
			pop[p[j] - h->v] += (double)n;
		i = j;
	}
	free(p);
	sqlite3_finalize(refs);
	sqlite3_finalize(imps);
}

/* Score desc, then path, line, column: the same index, the same order. */
static int by_score(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_name_then_text(const void *a, const void *b)
{
	const struct hit *x = *(const struct hit *const *)a, *y = *(const struct hit *const *)b;
	int c = strcasecmp(x->name, y->name);
	if (c)
		return c;
	return (x->value[F_TEXT] < y->value[F_TEXT]) - (x->value[F_TEXT] > y->value[F_TEXT]);
}

/* TEXT of a hit that no FTS row scored (found by name, acronym, def: or
 * ref:): that of the best-scored hit of the same name, ignoring case. */
static void text_factor(struct hits *h)
{
	double best = 0;
	size_t nscored = 0;
	struct hit **scored = ax_malloc((h->n + 1) * sizeof *scored);
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].has_bm25) {
			scored[nscored++] = &h->v[i];
			best = fmin(best, h->v[i].bm25);
		}
	for (size_t i = 0; i < nscored && best < 0; i++)
		scored[i]->value[F_TEXT] = scored[i]->bm25 / best;
	/* By name, the best first: one binary search per unscored hit (a
	 * description brings thousands of both). */
	qsort(scored, nscored, sizeof *scored, by_name_then_text);
	for (size_t i = 0; i < h->n; i++) {
		struct hit *x = &h->v[i], key = { .name = x->name, .value[F_TEXT] = INFINITY }, *k = &key;
		if (x->has_bm25)
			continue;
		size_t lo = 0, hi = nscored;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (by_name_then_text(&scored[mid], &k) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < nscored && strcasecmp(scored[lo]->name, x->name) == 0)
			x->value[F_TEXT] = fmax(x->value[F_TEXT], scored[lo]->value[F_TEXT]);
	}
	free(scored);
}

static int by_score_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

/* Marks (pop -1) the hits that cannot reach the first `want` whatever their
 * popularity: their score without it, plus the most popularity can add,
 * is below the want-th best score without it. Counting a name's
 * references costs up to 5000 index rows; a description brings hundreds
 * of candidates, most far below. */
static void skip_popularity(const struct hits *h, size_t want, double *pop)
{
	if (want == 0 || h->n <= want)
		return;
	double *s = ax_malloc(h->n * sizeof *s);
	for (size_t i = 0; i < h->n; i++)
		s[i] = h->v[i].score;
	qsort(s, h->n, sizeof *s, by_score_desc);
	double bar = s[want - 1] - factor_weight[F_POPULAR];
	free(s);
	for (size_t i = 0; i < h->n; i++)
		pop[i] = h->v[i].score < bar ? -1 : 0;
}

static double score_of(const struct hit *x)
{
	double score = 0;
	for (int f = 0; f < F_COUNT; f++)
		score += factor_weight[f] * x->value[f];
	return score;
}

void rerank(sqlite3 *db, const struct rank_query *q, struct hits *h, size_t want)
{
	/* Nothing to score a listing by: path and line order. */
	if (query_is_listing(q)) {
		plain_order(h);
		return;
	}
	struct qwords w;
	qwords_init(&w, q);
	text_factor(h);
	for (size_t i = 0; i < h->n; i++) {
		struct hit *x = &h->v[i];
		double v;
		enum factor m = name_match(q, &w, x, &v);
		if (m != F_COUNT)
			x->value[m] = v;
		x->value[F_WORDS] = share(&w, x->name_words);
		x->value[F_PATHWORD] = share(&w, x->path_words);
		x->value[F_KIND] = kind_prior(x->kind);
		x->value[F_TEST] = path_is_test(x->path);
		x->value[F_VENDOR] = path_is_vendor(x->path);
		x->value[F_GENERATED] = x->minified || path_is_generated(x->path);
		x->value[F_DEPTH] = x->depth > 2 ? 2 : x->depth;
		x->score = score_of(x);
	}
	/* Popularity last (POPULAR_SATURATION: at most 1), and only where it
	 * can change the first `want`. */
	double *pop = ax_calloc(h->n + 1, sizeof *pop);
	skip_popularity(h, want, pop);
	popularity(db, h, pop);
	for (size_t i = 0; i < h->n; i++) {
		struct hit *x = &h->v[i];
		x->value[F_POPULAR] = fmin(1.0, log1p(pop[i]) / log1p(POPULAR_SATURATION));
		x->score = score_of(x);
	}
	free(pop);
	qwords_free(&w);
	if (h->n > 1)
		qsort(h->v, h->n, sizeof *h->v, by_score);
}

void plain_order(struct hits *h)
{
	for (size_t i = 0; i < h->n; i++) {
		memset(h->v[i].value, 0, sizeof h->v[i].value);
		h->v[i].score = h->v[i].has_bm25 ? -h->v[i].bm25 : 0;
	}
	if (h->n > 1)
		qsort(h->v, h->n, sizeof *h->v, by_score);
}
