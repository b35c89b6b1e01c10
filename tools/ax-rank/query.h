/* query.h: the ax-rank query language (docs/rank-query.md), parsed.
 *
 * Free words, "exact phrases" and name* prefixes are search terms; a
 * leading '-' excludes a term. lang:, kind:, file: (each negatable with
 * '-') and def:/ref: are filters; any other word: is text. Parsing validates everything a user can
 * get wrong (unknown filter, language or kind, nothing to search for), so
 * a bad query is a usage error and never an empty result. */
#ifndef RANK_QUERY_H
#define RANK_QUERY_H

#include <stdbool.h>
#include <stddef.h>

enum term_kind { TERM_WORD, TERM_PHRASE, TERM_PREFIX };

struct term {
	char *text;               /* as typed, without quotes or the '*' */
	enum term_kind kind;
	bool negated;
};

struct strv {
	char **v;
	size_t n;
};

/* def: and ref: names a query may have, each kind (every one is an SQL
 * parameter of every statement). */
#define QUERY_MAX_NAMES 50

struct rank_query {
	struct term *terms;
	size_t nterms;
	size_t npositive;          /* terms that are not negated */
	struct strv langs, not_langs;   /* stored language names */
	struct strv kinds, not_kinds;   /* symbol kinds, groups expanded */
	struct strv files, not_files;   /* globs or path substrings */
	struct strv defs, refs;         /* exact names */
};

/* Parse the words of argv (joined by spaces, so a quoted phrase may span
 * several arguments). 0 on success; -1 with a message in err. */
int query_parse(int argc, char *const argv[], struct rank_query *q, char *err, size_t errsz);
void query_free(struct rank_query *q);

/* Filters alone (kind:fn file:lib/, no word, def: or ref:): a listing of
 * what passes them, by path and line, rather than a ranked search. */
bool query_is_listing(const struct rank_query *q);

/* The FTS5 MATCH expression of the positive terms AND'ed, then NOT each
 * negated one, every term a quoted FTS5 string (so no user text is FTS5
 * syntax). NULL when there is no positive term. malloc'd. */
char *query_fts(const struct rank_query *q);

/* A word of a description, as the stemmed table is searched for it. */
struct desc_word {
	char text[64];
	bool prefix;              /* typed with a '*' after it */
};

/* The words of a description: the positive terms split (parseUrl,
 * APPEND_SLASH, attribute/class: two words each), without stop words,
 * numbers, one-letter words and repeats; the first `max` into w. Their
 * number. */
size_t query_desc_words(const struct rank_query *q, struct desc_word *w, size_t max);

/* One word as an FTS5 expression. malloc'd. */
char *query_desc_word_fts(const struct desc_word *w);

/* The any-word FTS5 expression of a description, for the stemmed table:
 * symbols having one of the `rare` words (those few enough rows hold),
 * AND'ed with all the words OR'ed, so that bm25() scores every word
 * while only the rare words' rows are read; the -word terms excluded.
 * NULL without rare words. malloc'd. */
char *query_fts_any(const struct rank_query *q, const struct desc_word *const *rare, size_t nrare,
		    const struct desc_word *const *all, size_t nall);

/* The FTS5 expression matching any excluded (-word) term, or NULL: the
 * sources that do not search FTS drop what it matches. malloc'd. */
char *query_fts_excluded(const struct rank_query *q);

/* Do a symbol's language, kind and path pass the lang:/kind:/file: filters? */
bool query_keep(const struct rank_query *q, const char *lang, const char *kind, const char *path);

/* Does `path` match one file: value (a glob if it has * ? or [, matched
 * against the whole path and, without '/', the base name; else a
 * substring)? */
bool query_file_match(const char *pattern, const char *path);

/* Is the word an English function word, left out of any-word queries? */
bool query_stopword(const char *word);

#endif
