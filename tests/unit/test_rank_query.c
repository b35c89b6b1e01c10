/* test_rank_query.c: ax-rank's query parser, its FTS5 escaping, and the
 * name and path signals of the reranker. The tool's private files are
 * compiled in (they are not part of libax). */
#include "test.h"
#include "../../tools/ax-rank/query.c"
#include "../../tools/ax-rank/rerank.c"

static char err[512];

/* Parse a query given as one string split at spaces (like a shell would,
 * without quotes handling: the parser joins words again anyway). */
static int parse(const char *s, struct rank_query *q)
{
	char buf[1024], *argv[64];
	int argc = 0;
	snprintf(buf, sizeof buf, "%s", s);
	for (char *t = strtok(buf, " "); t && argc < 64; t = strtok(NULL, " "))
		argv[argc++] = t;
	err[0] = '\0';
	return query_parse(argc, argv, q, err, sizeof err);
}

enum { ALL, ANY, RARE1 };

/* The FTS5 expression of a query ("" if it has none): every word (ALL),
 * or the description's, reading every word's rows (ANY) or the first
 * word's only (RARE1). */
static const char *fts(const char *s, int mode)
{
	static char out[2048];
	struct rank_query q;
	if (parse(s, &q) < 0)
		return err;
	struct desc_word w[RANK_DESC_WORDS];
	const struct desc_word *all[RANK_DESC_WORDS];
	size_t n = mode == ALL ? 0 : query_desc_words(&q, w, RANK_DESC_WORDS);
	for (size_t i = 0; i < n; i++)
		all[i] = &w[i];
	char *e = mode == ALL ? query_fts(&q) : query_fts_any(&q, all, mode == RARE1 && n ? 1 : n, all, n);
	snprintf(out, sizeof out, "%s", e ? e : "");
	free(e);
	query_free(&q);
	return out;
}

static void test_terms(void)
{
	struct rank_query q;
	CHECK_EQ_INT(parse("parseUrl \"exact phrase\" pre* -gone", &q), 0);
	CHECK_EQ_INT(q.nterms, 4);
	CHECK_EQ_INT(q.npositive, 3);
	CHECK_EQ_STR(q.terms[0].text, "parseUrl");
	CHECK_EQ_INT(q.terms[0].kind, TERM_WORD);
	CHECK_EQ_STR(q.terms[1].text, "exact phrase");
	CHECK_EQ_INT(q.terms[1].kind, TERM_PHRASE);
	CHECK_EQ_STR(q.terms[2].text, "pre");
	CHECK_EQ_INT(q.terms[2].kind, TERM_PREFIX);
	CHECK_EQ_STR(q.terms[3].text, "gone");
	CHECK(q.terms[3].negated);
	query_free(&q);

	/* Unicode words are words; C++ scope is not a filter. */
	CHECK_EQ_INT(parse("größe std::vector", &q), 0);
	CHECK_EQ_INT(q.nterms, 2);
	CHECK_EQ_STR(q.terms[0].text, "größe");
	CHECK_EQ_STR(q.terms[1].text, "std::vector");
	query_free(&q);

	/* Punctuation alone searches for nothing and is dropped. */
	CHECK_EQ_INT(parse("( - * url", &q), 0);
	CHECK_EQ_INT(q.nterms, 1);
	query_free(&q);
}

static void test_filters(void)
{
	struct rank_query q;
	CHECK_EQ_INT(parse("url lang:py -lang:JS kind:type -kind:method file:*.ts -file:vendor/ "
			   "def:parseUrl ref:load", &q), 0);
	CHECK_EQ_INT(q.langs.n, 1);
	CHECK_EQ_STR(q.langs.v[0], "python");
	CHECK_EQ_INT(q.not_langs.n, 1);
	CHECK_EQ_STR(q.not_langs.v[0], "javascript");
	CHECK(q.kinds.n >= 5); /* the group: class struct interface trait enum ... */
	CHECK(query_keep(&q, "python", "class", "a.ts"));
	CHECK(query_keep(&q, "python", "trait", "src/b.ts"));
	CHECK(!query_keep(&q, "python", "method", "a.ts"));
	CHECK(!query_keep(&q, "python", "function", "a.ts"));
	CHECK(!query_keep(&q, "javascript", "class", "a.ts"));
	CHECK(!query_keep(&q, "python", "class", "a.py"));
	CHECK(!query_keep(&q, "python", "class", "vendor/x/a.ts"));
	CHECK_EQ_STR(q.defs.v[0], "parseUrl");
	CHECK_EQ_STR(q.refs.v[0], "load");
	query_free(&q);

	/* lang:ts also takes tsx; a quoted file: value may hold spaces. */
	CHECK_EQ_INT(parse("x lang:ts file:\"my dir/\"", &q), 0);
	CHECK_EQ_INT(q.langs.n, 2);
	CHECK_EQ_STR(q.langs.v[1], "tsx");
	CHECK_EQ_STR(q.files.v[0], "my dir/");
	query_free(&q);

	CHECK(query_file_match("*.ts", "src/a/b.ts"));
	CHECK(query_file_match("src/**/*.ts", "src/a/b.ts"));
	CHECK(!query_file_match("src/*.ts", "src/a/b.ts"));
	CHECK(query_file_match("net/", "src/net/url.ts"));
	CHECK(!query_file_match("*.js", "src/a.json"));
}

static void test_errors(void)
{
	struct rank_query q;
	CHECK_EQ_INT(parse("", &q), -1);
	CHECK_EQ_STR(err, "empty query");
	CHECK_EQ_INT(parse("color:red url", &q), 0); /* text, not a filter */
	CHECK_EQ_INT(q.nterms, 2);
	query_free(&q);
	CHECK_EQ_INT(parse("url lang:cobol", &q), -1);
	CHECK(strstr(err, "unknown language 'cobol'") != NULL);
	CHECK_EQ_INT(parse("url kind:klass", &q), -1);
	CHECK(strstr(err, "unknown kind 'klass'") != NULL);
	CHECK_EQ_INT(parse("url file:", &q), -1);
	CHECK(strstr(err, "file: needs a value") != NULL);
	/* Filters alone list what passes them; exclusions alone do not. */
	CHECK_EQ_INT(parse("kind:class lang:py", &q), 0);
	CHECK(query_is_listing(&q));
	query_free(&q);
	CHECK_EQ_INT(parse("-lang:py -kind:class", &q), -1);
	CHECK(strstr(err, "nothing to search for") != NULL);
	CHECK_EQ_INT(parse("-url file:lib/", &q), -1);
	CHECK(strstr(err, "nothing to search for") != NULL);
	CHECK_EQ_INT(parse("-url", &q), -1);
	CHECK_EQ_INT(parse("url -def:x", &q), -1);
	CHECK(strstr(err, "cannot be negated") != NULL);
	/* def: and ref: alone are queries. */
	CHECK_EQ_INT(parse("def:x", &q), 0);
	query_free(&q);
	CHECK_EQ_INT(parse("ref:x", &q), 0);
	query_free(&q);
}

static void test_fts(void)
{
	CHECK_EQ_STR(fts("url", ALL), "(\"url\")");
	CHECK_EQ_STR(fts("parseUrl", ALL), "((\"parseUrl\" OR \"parse url\"))");
	CHECK_EQ_STR(fts("parse url", ALL), "(\"parse\" AND \"url\")");
	CHECK_EQ_STR(fts("parse url", ANY), "(\"parse\" OR \"url\")");
	CHECK_EQ_STR(fts("pars*", ALL), "(\"pars\"*)");
	CHECK_EQ_STR(fts("getX*", ALL), "((\"getX\"* OR \"get x\"*))");
	CHECK_EQ_STR(fts("url -parse", ALL), "(\"url\") NOT \"parse\"");
	/* Stop words are left out of OR queries only, and only beside others. */
	CHECK_EQ_STR(fts("convert to camel", ANY), "(\"convert\" OR \"camel\")");
	CHECK_EQ_STR(fts("convert to camel", ALL), "(\"convert\" AND \"to\" AND \"camel\")");
	CHECK_EQ_STR(fts("the", ANY), "");
	CHECK_EQ_STR(fts("convert to camel case -old", RARE1),
		     "(\"convert\") AND (\"convert\" OR \"camel\" OR \"case\") NOT (\"old\")");
	/* A description's words are split, without numbers, one-letter
	 * words and repeats; a phrase is its words, a prefix stays one. */
	CHECK_EQ_STR(fts("parseUrl a URL_parser v2 \"exact phrase\" pre* -oldName", ANY),
		     "(\"parse\" OR \"url\" OR \"parser\" OR \"exact\" OR \"phrase\" OR \"pre\"*)"
		     " NOT (\"old\" AND \"name\")");
	CHECK_EQ_STR(fts("the 42", ANY), "");
	/* FTS5 syntax is quoted text: quotes doubled, operators inert. */
	CHECK_EQ_STR(fts("NEAR(a", ALL), "((\"NEAR(a\" OR \"near a\"))");
	CHECK_EQ_STR(fts("a\"b", ALL), "(\"a\" AND \"b\")"); /* an open quote runs to the end */
	CHECK_EQ_STR(fts("\"say \"\"", ALL), "(\"say \")");
	CHECK_EQ_STR(fts("{name}", ALL), "((\"{name}\" OR \"name\"))");
	CHECK_EQ_STR(fts("a^b", ALL), "((\"a^b\" OR \"a b\"))");
	CHECK_EQ_STR(fts("'; DROP TABLE files; --", ALL),
		     "(\"DROP\" AND \"TABLE\" AND (\"files;\" OR \"files\"))");
	/* Only the filter keys are filters: any other word: is text. */
	CHECK_EQ_STR(fts("name: x", ALL), "((\"name:\" OR \"name\") AND \"x\")");
	CHECK_EQ_STR(fts("def:x", ALL), "");

	struct rank_query q;
	CHECK_EQ_INT(parse("url -test -\"old api\"", &q), 0);
	char *ex = query_fts_excluded(&q);
	CHECK_EQ_STR(ex, "\"test\" OR \"old api\"");
	free(ex);
	query_free(&q);
	CHECK_EQ_INT(parse("url", &q), 0);
	CHECK(query_fts_excluded(&q) == NULL);
	query_free(&q);
}

static void test_signals(void)
{
	CHECK(acronym_match("pU", "parse url"));
	CHECK(acronym_match("PU", "parse url"));
	CHECK(acronym_match("gUI", "get user info"));
	CHECK(acronym_match("parurl", "parse url"));
	CHECK(acronym_match("gI", "get user info")); /* words may be skipped */
	CHECK(!acronym_match("uI", "get user info")); /* but the first must start it */
	CHECK(!acronym_match("p", "parse url"));
	CHECK(!acronym_match("pars", "parse url")); /* a prefix of one word is a prefix */
	CHECK(!acronym_match("pX", "parse url"));
	CHECK(!acronym_match("gTA", "get tag")); /* a capital starts a word */
	CHECK(acronym_match("gTA", "get type arguments"));

	CHECK(path_is_test("tests/url.ts"));
	CHECK(path_is_test("src/__tests__/url.ts"));
	CHECK(path_is_test("src/url.test.ts"));
	CHECK(path_is_test("src/url_test.go"));
	CHECK(path_is_test("src/test_url.py"));
	CHECK(path_is_test("src/UrlTest.java"));
	CHECK(!path_is_test("src/latest/url.ts"));
	CHECK(!path_is_test("src/contest.ts"));
	CHECK(path_is_vendor("vendor/a.go"));
	CHECK(path_is_vendor("web/node_modules/x/index.js"));
	CHECK(!path_is_vendor("src/vendors.ts"));
	CHECK(path_is_generated("dist/app.js"));
	CHECK(path_is_generated("web/app.min.js"));
	CHECK(path_is_generated("api/user_pb2.py"));
	CHECK(!path_is_generated("src/distance.ts"));

	CHECK(kind_prior("class") > kind_prior("function"));
	CHECK(kind_prior("function") > kind_prior("variable"));
	CHECK(kind_prior("variable") > kind_prior("key"));
}

int main(void)
{
	test_terms();
	test_filters();
	test_errors();
	test_fts();
	test_signals();
	return test_summary();
}
