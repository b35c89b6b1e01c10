/* query.c: parsing the query language and turning it into FTS5 syntax. */
#include "query.h"
#include "base/cli.h"
#include "base/strbuf.h"
#include "lang/lang.h"
#include "base/wildmatch.h"
#include "base/words.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The symbol kinds of docs/parse.md, and the groups kind: accepts. */
static const char *const kinds[] = {
	"function", "method", "constructor", "class", "struct", "interface", "trait",
	"enum", "union", "module", "namespace", "object", "mixin", "extension",
	"protocol", "impl", "type", "callback", "macro", "constant", "variable",
	"field", "property", "key", "table", "anchor",
};

static const struct {
	const char *name;
	const char *members; /* space-separated */
} kind_groups[] = {
	{ "type", "class struct interface trait enum union type protocol object mixin" },
	{ "fn", "function method constructor" },
	{ "value", "constant variable field property" },
	{ "config", "key table anchor" },
};

static int fail(char *err, size_t errsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -1;
}

static void strv_push(struct strv *s, const char *v, size_t n)
{
	s->v = ax_realloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = ax_strndup(v, n);
}

static void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/* A byte the FTS5 tokenizer keeps in a token (so a word made only of
 * other bytes, like "(" or "-", searches for nothing and is dropped). */
static bool token_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

static bool has_token_byte(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (token_byte((unsigned char)s[i]))
			return true;
	return false;
}

static bool known_kind(const char *k)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i], k) == 0)
			return true;
	return false;
}

/* kind:VALUE into `out`: a group's members, or the kind itself. */
static int add_kind(struct strv *out, const char *v, char *err, size_t errsz)
{
	for (size_t g = 0; g < sizeof kind_groups / sizeof *kind_groups; g++) {
		if (strcmp(kind_groups[g].name, v) != 0)
			continue;
		for (const char *p = kind_groups[g].members; *p;) {
			size_t n = strcspn(p, " ");
			strv_push(out, p, n);
			p += n + (p[n] == ' ');
		}
		return 0;
	}
	if (!known_kind(v))
		return fail(err, errsz, "unknown kind '%s' (kinds: function, method, class, struct, "
			    "interface, enum, constant, variable, ...; groups: type, fn, value, config)", v);
	strv_push(out, v, strlen(v));
	return 0;
}

/* lang:VALUE into `out`. TSX is TypeScript with JSX, so lang:typescript
 * takes both, as lang:javascript takes .js/.jsx/.mjs/.cjs (one language). */
static int add_lang(struct strv *out, const char *v, char *err, size_t errsz)
{
	enum ax_lang l = ax_lang_by_name(v);
	if (l == AX_LANG_NONE)
		return fail(err, errsz, "unknown language '%s' (try python, py, ts, js, go, rust, ...)", v);
	const char *name = ax_lang_name(l);
	strv_push(out, name, strlen(name));
	if (l == AX_LANG_TYPESCRIPT)
		strv_push(out, ax_lang_name(AX_LANG_TSX), strlen(ax_lang_name(AX_LANG_TSX)));
	return 0;
}

static int add_filter(struct rank_query *q, const char *name, bool neg, const char *v,
		      char *err, size_t errsz)
{
	if (!*v)
		return fail(err, errsz, "%s%s: needs a value", neg ? "-" : "", name);
	if (!strcmp(name, "lang"))
		return add_lang(neg ? &q->not_langs : &q->langs, v, err, errsz);
	if (!strcmp(name, "kind"))
		return add_kind(neg ? &q->not_kinds : &q->kinds, v, err, errsz);
	if (!strcmp(name, "file")) {
		strv_push(neg ? &q->not_files : &q->files, v, strlen(v));
		return 0;
	}
	/* def: or ref:, the last of filter_keys. */
	if (neg)
		return fail(err, errsz, "-%s: cannot be negated", name);
	struct strv *names = !strcmp(name, "def") ? &q->defs : &q->refs;
	if (names->n == QUERY_MAX_NAMES)
		return fail(err, errsz, "too many %s: names (at most %d)", name, QUERY_MAX_NAMES);
	strv_push(names, v, strlen(v));
	return 0;
}

static void add_term(struct rank_query *q, const char *s, size_t n, enum term_kind kind, bool neg)
{
	q->terms = ax_realloc(q->terms, (q->nterms + 1) * sizeof *q->terms);
	q->terms[q->nterms++] = (struct term){ ax_strndup(s, n), kind, neg };
	q->npositive += !neg;
}

/* A quoted string starting at *p (on the opening quote): its contents, with
 * *p moved past the closing quote. A quote left open runs to the end, as
 * a search box would take it. */
static char *read_quoted(const char **p)
{
	const char *start = *p + 1, *end = strchr(start, '"');
	if (!end) {
		end = start + strlen(start);
		*p = end;
		while (end > start && end[-1] == ' ')
			end--;
	} else {
		*p = end + 1;
	}
	return ax_strndup(start, (size_t)(end - start));
}

/* The filter keys. Only these are filters: any other "word:" is text
 * (a sentence "... capture name: A-Z", a URL "https://..."), as in
 * GitHub and Sourcegraph search. */
static const char *const filter_keys[] = { "lang", "kind", "file", "def", "ref" };

/* "key:" at p (a filter key then one colon, not "::" as in C++ names):
 * the length of key, else 0. */
static size_t filter_name_len(const char *p)
{
	for (size_t i = 0; i < sizeof filter_keys / sizeof *filter_keys; i++) {
		size_t n = strlen(filter_keys[i]);
		if (strncmp(p, filter_keys[i], n) == 0 && p[n] == ':' && p[n + 1] != ':')
			return n;
	}
	return 0;
}

static int parse_token(struct rank_query *q, const char **pp, char *err, size_t errsz)
{
	const char *p = *pp;
	bool neg = *p == '-' && p[1] && p[1] != ' ';
	p += neg;
	size_t fn = filter_name_len(p);
	if (fn) {
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(fn < 31 ? fn : 31), p);
		p += fn + 1;
		char *v;
		if (*p == '"') {
			v = read_quoted(&p);
		} else {
			size_t n = strcspn(p, " ");
			v = ax_strndup(p, n);
			p += n;
		}
		int rc = add_filter(q, name, neg, v, err, errsz);
		free(v);
		*pp = p;
		return rc;
	}
	if (*p == '"') {
		char *v = read_quoted(&p);
		if (has_token_byte(v, strlen(v)))
			add_term(q, v, strlen(v), TERM_PHRASE, neg);
		free(v);
		*pp = p;
		return 0;
	}
	size_t n = strcspn(p, " \"");
	size_t len = n;
	enum term_kind kind = TERM_WORD;
	while (len > 0 && p[len - 1] == '*') {
		len--;
		kind = TERM_PREFIX;
	}
	if (has_token_byte(p, len))
		add_term(q, p, len, kind, neg);
	*pp = p + n;
	return 0;
}

int query_parse(int argc, char *const argv[], struct rank_query *q, char *err, size_t errsz)
{
	memset(q, 0, sizeof *q);
	size_t total = 1;
	for (int i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	char *line = ax_malloc(total), *w = line;
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		memcpy(w, argv[i], n);
		w += n;
		*w++ = ' ';
	}
	*w = '\0';
	/* Tabs and newlines separate words like spaces. */
	for (char *c = line; *c; c++)
		if (*c == '\t' || *c == '\n' || *c == '\r')
			*c = ' ';

	const char *p = line;
	int rc = 0;
	while (rc == 0 && *p) {
		if (*p == ' ') {
			p++;
			continue;
		}
		rc = parse_token(q, &p, err, errsz);
	}
	free(line);
	if (rc == 0 && q->npositive == 0 && q->defs.n == 0 && q->refs.n == 0 && !query_is_listing(q))
		rc = fail(err, errsz, q->nterms || q->not_langs.n || q->not_kinds.n || q->not_files.n
				      ? "the query has nothing to search for (exclusions need a word, a "
					"\"phrase\", a prefix*, def:, ref:, or a lang:, kind: or file: filter)"
				      : "empty query");
	if (rc)
		query_free(q);
	return rc;
}

bool query_is_listing(const struct rank_query *q)
{
	return q->nterms == 0 && q->defs.n == 0 && q->refs.n == 0 &&
	       (q->langs.n || q->kinds.n || q->files.n);
}

void query_free(struct rank_query *q)
{
	for (size_t i = 0; i < q->nterms; i++)
		free(q->terms[i].text);
	free(q->terms);
	strv_free(&q->langs);
	strv_free(&q->not_langs);
	strv_free(&q->kinds);
	strv_free(&q->not_kinds);
	strv_free(&q->files);
	strv_free(&q->not_files);
	strv_free(&q->defs);
	strv_free(&q->refs);
	memset(q, 0, sizeof *q);
}

static void put_quoted(struct ax_strbuf *b, const char *s)
{
	ax_strbuf_add(b, "\"", 1);
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		ax_strbuf_add(b, s, (size_t)(q - s));
		ax_strbuf_add(b, "\"\"", 2);
	}
	ax_strbuf_adds(b, s);
	ax_strbuf_add(b, "\"", 1);
}

/* One term: the word as typed (the tokenizer splits it at punctuation, and
 * finds a whole snake_case or lowercased camelCase name), OR its split
 * words as a phrase (finding parseUrl in name_words for "parseUrl"). */
static void put_term(struct ax_strbuf *b, const struct term *t)
{
	const char *star = t->kind == TERM_PREFIX ? "*" : "";
	if (t->kind == TERM_PHRASE) {
		put_quoted(b, t->text);
		return;
	}
	char split[1024], lower[1024];
	size_t n = strlen(t->text);
	ax_split_words(t->text, n, split, sizeof split);
	snprintf(lower, sizeof lower, "%s", t->text);
	for (char *c = lower; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	bool differs = *split && strcmp(split, lower) != 0;
	if (differs)
		ax_strbuf_adds(b, "(");
	put_quoted(b, t->text);
	ax_strbuf_adds(b, star);
	if (differs) {
		ax_strbuf_adds(b, " OR ");
		put_quoted(b, split);
		ax_strbuf_adds(b, star);
		ax_strbuf_adds(b, ")");
	}
}

bool query_stopword(const char *word)
{
	/* English function words; none is a word of code ("get", "set",
	 * "new", "not" and "all" are, and stay). */
	static const char *const stop[] = {
		"a", "about", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by",
		"can", "could", "do", "does", "for", "from", "given", "has", "have", "how", "if",
		"in", "into", "is", "it", "its", "may", "must", "of", "on", "or", "our", "should",
		"so", "such", "than", "that", "the", "their", "them", "then", "there", "these",
		"they", "this", "those", "to", "was", "we", "were", "what", "when", "where",
		"whether", "which", "while", "who", "will", "with", "would", "you", "your",
	};
	for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
		if (strcasecmp(stop[i], word) == 0)
			return true;
	return false;
}

/* " NOT term" for each excluded term. */
static void put_not(struct ax_strbuf *b, const struct rank_query *q)
{
	for (size_t i = 0; i < q->nterms; i++)
		if (q->terms[i].negated) {
			ax_strbuf_adds(b, " NOT ");
			put_term(b, &q->terms[i]);
		}
}

char *query_fts(const struct rank_query *q)
{
	if (q->npositive == 0)
		return NULL;
	struct ax_strbuf b = { 0 };
	ax_strbuf_adds(&b, "(");
	bool first = true;
	for (size_t i = 0; i < q->nterms; i++) {
		const struct term *t = &q->terms[i];
		if (t->negated)
			continue;
		ax_strbuf_adds(&b, first ? "" : " AND ");
		first = false;
		put_term(&b, t);
	}
	ax_strbuf_adds(&b, ")");
	put_not(&b, q);
	return b.s;
}

/* Each split word of `text` that is worth searching for (two bytes or
 * more, not a number, not a stop word, not yet in w), into w. */
static size_t add_words(const char *text, bool prefix, struct desc_word *w, size_t n, size_t max)
{
	char split[1024];
	size_t len = ax_split_words(text, strlen(text), split, sizeof split);
	for (char *p = split, *end = split + len; p < end && n < max; p += strcspn(p, " ") + 1) {
		size_t k = strcspn(p, " ");
		p[k] = '\0';
		bool dup = false;
		for (size_t i = 0; i < n && !dup; i++)
			dup = strcmp(w[i].text, p) == 0;
		if (k < 2 || k >= sizeof w->text || strspn(p, "0123456789") == k || dup || query_stopword(p))
			continue;
		memcpy(w[n].text, p, k + 1);
		/* Only the word the '*' was typed after stays a prefix. */
		w[n++].prefix = prefix && p + k == end;
	}
	return n;
}

size_t query_desc_words(const struct rank_query *q, struct desc_word *w, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < q->nterms; i++)
		if (!q->terms[i].negated)
			n = add_words(q->terms[i].text, q->terms[i].kind == TERM_PREFIX, w, n, max);
	return n;
}

static void put_word(struct ax_strbuf *b, const struct desc_word *w)
{
	put_quoted(b, w->text);
	ax_strbuf_adds(b, w->prefix ? "*" : "");
}

char *query_desc_word_fts(const struct desc_word *w)
{
	struct ax_strbuf b = { 0 };
	put_word(&b, w);
	return b.s;
}

static void put_any(struct ax_strbuf *b, const struct desc_word *const *w, size_t n)
{
	ax_strbuf_adds(b, "(");
	for (size_t i = 0; i < n; i++) {
		ax_strbuf_adds(b, i ? " OR " : "");
		put_word(b, w[i]);
	}
	ax_strbuf_adds(b, ")");
}

/* " NOT (w1 AND w2)" for each excluded term, its split words (the
 * stemmed table stores no positions, so no phrase). */
static void put_not_words(struct ax_strbuf *b, const struct rank_query *q)
{
	for (size_t i = 0; i < q->nterms; i++) {
		struct desc_word w[16];
		size_t n = q->terms[i].negated ? add_words(q->terms[i].text, false, w, 0, 16) : 0;
		for (size_t k = 0; k < n; k++) {
			ax_strbuf_adds(b, k ? " AND " : " NOT (");
			put_word(b, &w[k]);
		}
		ax_strbuf_adds(b, n ? ")" : "");
	}
}

char *query_fts_any(const struct rank_query *q, const struct desc_word *const *rare, size_t nrare,
		    const struct desc_word *const *all, size_t nall)
{
	if (nrare == 0)
		return NULL;
	struct ax_strbuf b = { 0 };
	put_any(&b, rare, nrare);
	if (nall > nrare) {
		ax_strbuf_adds(&b, " AND ");
		put_any(&b, all, nall);
	}
	put_not_words(&b, q);
	return b.s;
}

char *query_fts_excluded(const struct rank_query *q)
{
	struct ax_strbuf b = { 0 };
	for (size_t i = 0; i < q->nterms; i++)
		if (q->terms[i].negated) {
			if (b.n)
				ax_strbuf_adds(&b, " OR ");
			put_term(&b, &q->terms[i]);
		}
	return b.s;
}

bool query_file_match(const char *pattern, const char *path)
{
	if (!strpbrk(pattern, "*?[")) {
		return strstr(path, pattern) != NULL;
	}
	if (ax_wildmatch(pattern, path, AX_WM_PATHNAME))
		return true;
	/* Like a .gitignore pattern without a slash: it may match the base name
	 * or any trailing part of the path ("*.ts", "test_*"). */
	if (strchr(pattern, '/'))
		return false;
	const char *base = strrchr(path, '/');
	return base && ax_wildmatch(pattern, base + 1, AX_WM_PATHNAME);
}

static bool in(const struct strv *s, const char *v)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], v) == 0)
			return true;
	return false;
}

static bool any_file(const struct strv *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (query_file_match(s->v[i], path))
			return true;
	return false;
}

bool query_keep(const struct rank_query *q, const char *lang, const char *kind, const char *path)
{
	if (q->langs.n && !in(&q->langs, lang))
		return false;
	if (in(&q->not_langs, lang))
		return false;
	if (q->kinds.n && !in(&q->kinds, kind))
		return false;
	if (in(&q->not_kinds, kind))
		return false;
	if (q->files.n && !any_file(&q->files, path))
		return false;
	return !any_file(&q->not_files, path);
}
