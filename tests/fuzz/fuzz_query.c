/* fuzz_query: the ax-rank query parser (tools/ax-rank/query.c) on arbitrary
 * words (the input split at NUL bytes into argv).
 *
 * Properties checked, beyond "no crash, no leak, no UB":
 *  - the words joined into one argument parse the same (query_parse joins
 *    them with spaces), with the same verdict;
 *  - a parsed query printed back in the query language (print() below)
 *    parses to the same query: terms in order with their negations, and
 *    every filter's set of values;
 *  - every FTS5 expression built from it (query_fts AND and OR,
 *    query_fts_excluded) is valid FTS5 syntax: no user text can become an
 *    FTS5 operator. */
#include "../../tools/ax-rank/query.c"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;
static sqlite3_stmt *match;

static void fts_must_parse(const char *expr)
{
	if (!expr)
		return;
	sqlite3_reset(match);
	sqlite3_bind_text(match, 1, expr, -1, SQLITE_STATIC);
	int rc = sqlite3_step(match);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "FTS5 rejects %s: %s\n", expr, sqlite3_errmsg(db));
		abort();
	}
}

/* A value in quotes unless it holds one: a quoted value ends at the next
 * quote, an unquoted one at a space, and no value holds both. */
static void put_strv(FILE *out, const char *filter, const struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		fprintf(out, strchr(s->v[i], '"') ? " %s%s" : " %s\"%s\"", filter, s->v[i]);
}

/* The query language text of a parsed query (a word never holds a space
 * or a quote, a phrase no quote). */
static char *print(const struct rank_query *q)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	for (size_t i = 0; i < q->nterms; i++) {
		const struct term *t = &q->terms[i];
		fputs(t->negated ? " -" : " ", out);
		fprintf(out, t->kind == TERM_PHRASE ? "\"%s\"" : "%s%s", t->text,
			t->kind == TERM_PREFIX ? "*" : "");
	}
	put_strv(out, "lang:", &q->langs);
	put_strv(out, "-lang:", &q->not_langs);
	put_strv(out, "kind:", &q->kinds);
	put_strv(out, "-kind:", &q->not_kinds);
	put_strv(out, "file:", &q->files);
	put_strv(out, "-file:", &q->not_files);
	put_strv(out, "def:", &q->defs);
	put_strv(out, "ref:", &q->refs);
	fclose(out);
	return text;
}

static bool in_strv(const struct strv *s, const char *v)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], v) == 0)
			return true;
	return false;
}

/* Filter lists are sets: kind:type (a group that is also a kind) and
 * lang:typescript (which takes tsx too) expand again when printed. */
static bool same_strv(const struct strv *a, const struct strv *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (!in_strv(b, a->v[i]))
			return false;
	for (size_t i = 0; i < b->n; i++)
		if (!in_strv(a, b->v[i]))
			return false;
	return true;
}

static bool same_query(const struct rank_query *a, const struct rank_query *b)
{
	if (a->nterms != b->nterms || a->npositive != b->npositive)
		return false;
	for (size_t i = 0; i < a->nterms; i++)
		if (a->terms[i].kind != b->terms[i].kind || a->terms[i].negated != b->terms[i].negated ||
		    strcmp(a->terms[i].text, b->terms[i].text) != 0)
			return false;
	return same_strv(&a->langs, &b->langs) && same_strv(&a->not_langs, &b->not_langs) &&
	       same_strv(&a->kinds, &b->kinds) && same_strv(&a->not_kinds, &b->not_kinds) &&
	       same_strv(&a->files, &b->files) && same_strv(&a->not_files, &b->not_files) &&
	       same_strv(&a->defs, &b->defs) && same_strv(&a->refs, &b->refs);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(name, name_words);"
			     "INSERT INTO t VALUES ('parse_url', 'parse url')", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?", -1, &match, NULL) != SQLITE_OK)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	char *argv[64];
	int argc = 0;
	for (char *w = buf; argc < 64 && w <= buf + size; w += strlen(w) + 1)
		argv[argc++] = w;

	struct rank_query q, joined, again;
	char err[512], err2[512];
	int rc = query_parse(argc, argv, &q, err, sizeof err);

	/* The same words as one argument. */
	char *line = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&line, &len);
	for (int i = 0; i < argc; i++)
		fprintf(out, "%s%s", i ? " " : "", argv[i]);
	fclose(out);
	char *one[] = { line };
	int rc2 = query_parse(1, one, &joined, err2, sizeof err2);
	if (rc != rc2 || (rc && strcmp(err, err2) != 0) || (!rc && !same_query(&q, &joined)))
		abort();
	if (!rc2)
		query_free(&joined);

	if (rc == 0) {
		char *text = print(&q);
		char *words[] = { text };
		if (query_parse(1, words, &again, err2, sizeof err2) != 0 || !same_query(&q, &again)) {
			fprintf(stderr, "printed query does not parse back the same: %s\n", text);
			abort();
		}
		query_free(&again);
		free(text);
		for (int any = 0; any < 2; any++) {
			char *fts = query_fts(&q, any);
			fts_must_parse(fts);
			free(fts);
		}
		char *ex = query_fts_excluded(&q);
		fts_must_parse(ex);
		free(ex);
		query_free(&q);
	}
	free(line);
	free(buf);
	return 0;
}
