/* test_tsquery.c: lib/lang/tsquery.c's predicates on real trees (the JSON grammar,
 * whose nodes are few and stable). */
#include <stdlib.h>
#include <string.h>

#include "lang/grammar.h"
#include "lang/tsquery.h"
#include "test.h"

static TSTree *parse(const char *src)
{
	TSParser *p = ts_parser_new();
	ts_parser_set_language(p, ax_grammar(AX_LANG_JSON));
	TSTree *t = ts_parser_parse_string(p, NULL, src, (uint32_t)strlen(src));
	ts_parser_delete(p);
	return t;
}

/* The texts of capture `name` in every match that passes, joined by ",". */
static char *run(const char *query, const char *src, const char *name)
{
	static char out[1024];
	char err[256];
	out[0] = '\0';
	struct ax_query *q = ax_query_new(ax_grammar(AX_LANG_JSON), query, strlen(query),
					  err, sizeof err);
	if (!q) {
		snprintf(out, sizeof out, "ERROR %s", err);
		return out;
	}
	TSTree *t = parse(src);
	TSQueryCursor *c = ts_query_cursor_new();
	ts_query_cursor_exec(c, ax_query_ts(q), ts_tree_root_node(t));
	TSQueryMatch m;
	while (ax_query_next_match(q, c, src, strlen(src), &m)) {
		for (uint16_t i = 0; i < m.capture_count; i++) {
			uint32_t len;
			const char *cn = ts_query_capture_name_for_id(ax_query_ts(q), m.captures[i].index, &len);
			if (strcmp(cn, name) != 0)
				continue;
			uint32_t s = ts_node_start_byte(m.captures[i].node), e = ts_node_end_byte(m.captures[i].node);
			size_t o = strlen(out);
			snprintf(out + o, sizeof out - o, "%s%.*s", o ? "," : "", (int)(e - s), src + s);
		}
	}
	ts_query_cursor_delete(c);
	ts_tree_delete(t);
	ax_query_free(q);
	return out;
}

static const char doc[] = "{\"alpha\": 1, \"beta\": 2, \"Gamma\": 3, \"x\": \"alpha\"}";

int main(void)
{
	/* No predicate: every key. */
	CHECK_EQ_STR(run("(pair key: (string (string_content) @k))", doc, "k"), "alpha,beta,Gamma,x");

	CHECK_EQ_STR(run("((pair key: (string (string_content) @k)) (#eq? @k \"beta\"))", doc, "k"), "beta");
	CHECK_EQ_STR(run("((pair key: (string (string_content) @k)) (#not-eq? @k \"beta\"))", doc, "k"),
		     "alpha,Gamma,x");

	/* POSIX extended regexes, searched anywhere in the text. */
	CHECK_EQ_STR(run("((pair key: (string (string_content) @k)) (#match? @k \"^[A-Z]\"))", doc, "k"), "Gamma");
	CHECK_EQ_STR(run("((pair key: (string (string_content) @k)) (#match? @k \"ph\"))", doc, "k"), "alpha");
	CHECK_EQ_STR(run("((pair key: (string (string_content) @k)) (#not-match? @k \"a\"))", doc, "k"), "x");
	CHECK_EQ_STR(run("((pair key: (string (string_content) @k)) (#match? @k \"^[[:lower:]]{4,5}$\"))",
			 doc, "k"), "alpha,beta");

	CHECK_EQ_STR(run("((pair key: (string (string_content) @k)) (#any-of? @k \"x\" \"beta\" \"zeta\"))",
			 doc, "k"), "beta,x");
	CHECK_EQ_STR(run("((pair key: (string (string_content) @k)) (#not-any-of? @k \"x\" \"beta\"))",
			 doc, "k"), "alpha,Gamma");

	/* Capture against capture: the pair whose value repeats a key's text. */
	CHECK_EQ_STR(run("((pair key: (string (string_content) @k) value: (string (string_content) @v))"
			 " (#eq? @v \"alpha\"))", doc, "k"), "x");
	CHECK_EQ_STR(run("((object (pair key: (string (string_content) @a)) (pair value: (string (string_content) @b)))"
			 " (#eq? @a @b))", doc, "a"), "alpha");

	/* A capture on several nodes: plain forms need all of them, any- forms one. */
	const char *arr = "[\"a\", \"b\", \"c\"]";
#define THREE "(array . (string (string_content) @s) . (string (string_content) @s)" \
	      " . (string (string_content) @s) .) @arr"
	CHECK_EQ_STR(run("(" THREE " (#match? @s \"^[a-c]$\"))", arr, "arr"), arr);
	CHECK_EQ_STR(run("(" THREE " (#match? @s \"^[ab]$\"))", arr, "arr"), "");
	CHECK_EQ_STR(run("(" THREE " (#any-match? @s \"^c$\"))", arr, "arr"), arr);
	CHECK_EQ_STR(run("(" THREE " (#any-eq? @s \"z\"))", arr, "arr"), "");
	CHECK_EQ_STR(run("(" THREE " (#not-any-eq? @s \"b\"))", arr, "arr"), arr);
	CHECK_EQ_STR(run("(" THREE " (#not-eq? @s \"b\"))", arr, "arr"), "");
#undef THREE

	/* A predicate on a capture absent from the match holds. */
	CHECK_EQ_STR(run("((pair key: (string (string_content) @k) value: (string (string_content))? @v)"
			 " (#eq? @v \"nope\"))", "{\"n\": 1}", "k"), "n");

	/* #set! properties. */
	{
		const char *src = "((pair) @p (#set! role \"entry\"))\n(string) @s";
		char err[256];
		struct ax_query *q = ax_query_new(ax_grammar(AX_LANG_JSON), src, strlen(src), err, sizeof err);
		CHECK(q != NULL);
		if (q) {
			CHECK_EQ_STR(ax_query_property(q, 0, "role"), "entry");
			CHECK(ax_query_property(q, 0, "other") == NULL);
			CHECK(ax_query_property(q, 1, "role") == NULL);
			CHECK(ax_query_property(q, 7, "role") == NULL);
			ax_query_free(q);
		}
	}

	/* Errors name the line and column. */
	CHECK_EQ_STR(run("(pair)\n  (no_such_node)", doc, "k"), "ERROR line 2, column 3: unknown node type");
	CHECK(strncmp(run("((pair) @p (#frobnicate? @p))", doc, "p"),
		      "ERROR line 1, column 0: unsupported or malformed predicate: frobnicate?", 70) == 0);
	CHECK(strncmp(run("((pair) @p (#match? @p \"(\"))", doc, "p"), "ERROR ", 6) == 0);
	CHECK(strncmp(run("((pair) @p (#eq? @p))", doc, "p"), "ERROR ", 6) == 0);
	CHECK(strncmp(run("((pair) @p (#eq? \"x\" @p))", doc, "p"), "ERROR ", 6) == 0);

	return test_summary();
}
