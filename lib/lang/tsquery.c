/* tsquery.c: compile tree-sitter queries and evaluate their predicates. */
#include "lang/tsquery.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"

enum pred_op { OP_EQ, OP_MATCH, OP_ANY_OF };

struct pred {
	enum pred_op op;
	bool negate;
	bool any;               /* any-eq?/any-match?: one node suffices */
	uint32_t capture;
	bool other_is_capture;  /* #eq? @a @b */
	uint32_t other_capture;
	const char *str;        /* owned by the TSQuery */
	uint32_t str_len;
	const char **strs;      /* #any-of? list */
	uint32_t *str_lens;
	uint32_t n_strs;
	pcre2_code *re;
};

/* #match? regexes come from rule files, and rules come from repositories:
 * every search runs with a step limit, so that no pattern can take
 * unbounded time (a back-reference pattern takes exponential time in a
 * backtracking or a POSIX matcher alike). A search over the limit does not
 * match, and ax_query_over_limit() says it happened. Patterns are POSIX
 * extended syntax; PCRE2 reads the same for a yes/no search over bytes
 * (with . matching a newline and $ only the very end, as in POSIX). */
#define REGEX_STEPS 2000000

static pcre2_match_context *match_ctx;
static pthread_once_t match_once = PTHREAD_ONCE_INIT;
static _Thread_local bool over_limit;

static void match_ctx_init(void)
{
	if (!(match_ctx = pcre2_match_context_create(NULL)))
		ax_die(AX_EXIT_INTERNAL, "out of memory");
	pcre2_set_match_limit(match_ctx, REGEX_STEPS);
	pcre2_set_depth_limit(match_ctx, REGEX_STEPS / 10);
}

static pcre2_code *regex_compile(const char *src, size_t len)
{
	int code;
	PCRE2_SIZE off;
	pthread_once(&match_once, match_ctx_init);
	return pcre2_compile((PCRE2_SPTR)src, len, PCRE2_DOTALL | PCRE2_DOLLAR_ENDONLY, &code, &off, NULL);
}

static bool regex_search(const pcre2_code *re, const char *t, size_t n)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	if (!md)
		ax_die(AX_EXIT_INTERNAL, "out of memory");
	int rc = pcre2_match(re, (PCRE2_SPTR)t, n, 0, 0, md, match_ctx);
	pcre2_match_data_free(md);
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)
		over_limit = true;
	return rc >= 0;
}

bool ax_query_over_limit(void)
{
	bool was = over_limit;
	over_limit = false;
	return was;
}

struct prop {
	const char *key, *value;   /* owned by the TSQuery */
};

struct pattern {
	struct pred *preds;
	uint32_t n_preds;
	struct prop *props;
	uint32_t n_props;
};

struct ax_query {
	TSQuery *ts;
	struct pattern *patterns;
	uint32_t n_patterns;
};

static void where(const char *src, size_t len, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 0;
	for (size_t i = 0; i < off && i < len; i++) {
		if (src[i] == '\n') {
			++*line;
			*col = 0;
		} else {
			++*col;
		}
	}
}

static const char *ts_error_name(TSQueryError e)
{
	switch (e) {
	case TSQueryErrorSyntax: return "syntax error";
	case TSQueryErrorNodeType: return "unknown node type";
	case TSQueryErrorField: return "unknown field";
	case TSQueryErrorCapture: return "unknown capture";
	case TSQueryErrorStructure: return "impossible pattern structure";
	case TSQueryErrorLanguage: return "language version mismatch";
	default: return "error";
	}
}

/* Report an error at the start of pattern `p`. */
static void pattern_error(const struct ax_query *q, const char *src, size_t len, uint32_t p,
			  char *err, size_t err_size, const char *what, const char *name)
{
	unsigned line, col;
	where(src, len, ts_query_start_byte_for_pattern(q->ts, p), &line, &col);
	snprintf(err, err_size, "line %u, column %u: %s%s%s", line, col, what,
		 name ? ": " : "", name ? name : "");
}

/* Parse the predicate starting at steps[0] (a string step naming it). */
static bool compile_pred(struct ax_query *q, struct pattern *pat, const TSQueryPredicateStep *s,
			 uint32_t n, const char **bad)
{
	uint32_t name_len;
	const char *name = ts_query_string_value_for_id(q->ts, s[0].value_id, &name_len);
	*bad = name;

	if (strcmp(name, "set!") == 0) {
		if (n != 3 || s[1].type != TSQueryPredicateStepTypeString ||
		    s[2].type != TSQueryPredicateStepTypeString)
			return false;
		pat->props = ax_realloc(pat->props, (pat->n_props + 1) * sizeof *pat->props);
		struct prop *pr = &pat->props[pat->n_props++];
		pr->key = ts_query_string_value_for_id(q->ts, s[1].value_id, &name_len);
		pr->value = ts_query_string_value_for_id(q->ts, s[2].value_id, &name_len);
		return true;
	}

	struct pred p = { 0 };
	const char *base = name;
	if (strncmp(base, "not-", 4) == 0) {
		p.negate = true;
		base += 4;
	}
	if (strcmp(base, "eq?") == 0 || strcmp(base, "any-eq?") == 0) {
		p.op = OP_EQ;
		p.any = base[0] == 'a';
	} else if (strcmp(base, "match?") == 0 || strcmp(base, "any-match?") == 0) {
		p.op = OP_MATCH;
		p.any = base[0] == 'a';
	} else if (strcmp(base, "any-of?") == 0) {
		p.op = OP_ANY_OF;
	} else {
		return false;
	}
	if (n < 3 || s[1].type != TSQueryPredicateStepTypeCapture)
		return false;
	p.capture = s[1].value_id;

	switch (p.op) {
	case OP_EQ:
		if (n != 3)
			return false;
		if (s[2].type == TSQueryPredicateStepTypeCapture) {
			p.other_is_capture = true;
			p.other_capture = s[2].value_id;
		} else {
			p.str = ts_query_string_value_for_id(q->ts, s[2].value_id, &p.str_len);
		}
		break;
	case OP_MATCH:
		if (n != 3 || s[2].type != TSQueryPredicateStepTypeString)
			return false;
		p.str = ts_query_string_value_for_id(q->ts, s[2].value_id, &p.str_len);
		if (!(p.re = regex_compile(p.str, p.str_len)))
			return false;
		break;
	case OP_ANY_OF:
		p.n_strs = n - 2;
		p.strs = ax_calloc(p.n_strs, sizeof *p.strs);
		p.str_lens = ax_calloc(p.n_strs, sizeof *p.str_lens);
		for (uint32_t i = 0; i < p.n_strs; i++) {
			if (s[2 + i].type != TSQueryPredicateStepTypeString) {
				free(p.strs);
				free(p.str_lens);
				return false;
			}
			p.strs[i] = ts_query_string_value_for_id(q->ts, s[2 + i].value_id, &p.str_lens[i]);
		}
		break;
	}
	pat->preds = ax_realloc(pat->preds, (pat->n_preds + 1) * sizeof *pat->preds);
	pat->preds[pat->n_preds++] = p;
	return true;
}

struct ax_query *ax_query_new(const TSLanguage *lang, const char *src, size_t len,
			      char *err, size_t err_size)
{
	uint32_t off;
	TSQueryError e;
	TSQuery *ts = ts_query_new(lang, src, (uint32_t)len, &off, &e);
	if (!ts) {
		unsigned line, col;
		where(src, len, off, &line, &col);
		snprintf(err, err_size, "line %u, column %u: %s", line, col, ts_error_name(e));
		return NULL;
	}
	struct ax_query *q = ax_calloc(1, sizeof *q);
	q->ts = ts;
	q->n_patterns = ts_query_pattern_count(ts);
	q->patterns = ax_calloc(q->n_patterns ? q->n_patterns : 1, sizeof *q->patterns);
	for (uint32_t p = 0; p < q->n_patterns; p++) {
		uint32_t n;
		const TSQueryPredicateStep *steps = ts_query_predicates_for_pattern(ts, p, &n);
		uint32_t i = 0;
		while (i < n) {
			uint32_t j = i;
			while (j < n && steps[j].type != TSQueryPredicateStepTypeDone)
				j++;
			const char *bad = NULL;
			if (steps[i].type != TSQueryPredicateStepTypeString ||
			    !compile_pred(q, &q->patterns[p], steps + i, j - i, &bad)) {
				pattern_error(q, src, len, p, err, err_size,
					      "unsupported or malformed predicate", bad);
				ax_query_free(q);
				return NULL;
			}
			i = j + 1;
		}
	}
	return q;
}

void ax_query_free(struct ax_query *q)
{
	if (!q)
		return;
	for (uint32_t p = 0; p < q->n_patterns; p++) {
		struct pattern *pat = &q->patterns[p];
		for (uint32_t i = 0; i < pat->n_preds; i++) {
			if (pat->preds[i].op == OP_MATCH)
				pcre2_code_free(pat->preds[i].re);
			free(pat->preds[i].strs);
			free(pat->preds[i].str_lens);
		}
		free(pat->preds);
		free(pat->props);
	}
	free(q->patterns);
	ts_query_delete(q->ts);
	free(q);
}

const TSQuery *ax_query_ts(const struct ax_query *q)
{
	return q->ts;
}

/* The node's text, clipped to the source (a tree never points past it, but
 * a caller's buffer might be shorter than what was parsed). */
static const char *node_text(TSNode n, const char *text, size_t len, uint32_t *out_len)
{
	uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
	if (s > len)
		s = (uint32_t)len;
	if (e > len)
		e = (uint32_t)len;
	*out_len = e > s ? e - s : 0;
	return text + s;
}

static bool node_holds(const struct pred *p, TSNode n, const TSQueryMatch *m,
		       const char *text, size_t len)
{
	uint32_t tl;
	const char *t = node_text(n, text, len, &tl);
	switch (p->op) {
	case OP_EQ:
		if (p->other_is_capture) {
			/* Compare with the other capture's first node; absent holds. */
			for (uint16_t i = 0; i < m->capture_count; i++) {
				if (m->captures[i].index != p->other_capture)
					continue;
				uint32_t ol;
				const char *o = node_text(m->captures[i].node, text, len, &ol);
				return ol == tl && memcmp(o, t, tl) == 0;
			}
			return true;
		}
		return tl == p->str_len && memcmp(t, p->str, tl) == 0;
	case OP_MATCH:
		return regex_search(p->re, t, tl);
	case OP_ANY_OF:
		for (uint32_t i = 0; i < p->n_strs; i++)
			if (p->str_lens[i] == tl && memcmp(t, p->strs[i], tl) == 0)
				return true;
		return false;
	}
	return false;
}

static bool pred_holds(const struct pred *p, const TSQueryMatch *m, const char *text, size_t len)
{
	bool seen = false, any = false, all = true;
	for (uint16_t i = 0; i < m->capture_count; i++) {
		if (m->captures[i].index != p->capture)
			continue;
		seen = true;
		bool ok = node_holds(p, m->captures[i].node, m, text, len) != p->negate;
		any |= ok;
		all &= ok;
	}
	if (!seen)
		return true;
	return p->any ? any : all;
}

bool ax_query_match_ok(const struct ax_query *q, const TSQueryMatch *m,
		       const char *text, size_t len)
{
	if (m->pattern_index >= q->n_patterns)
		return false;
	const struct pattern *pat = &q->patterns[m->pattern_index];
	for (uint32_t i = 0; i < pat->n_preds; i++)
		if (!pred_holds(&pat->preds[i], m, text, len))
			return false;
	return true;
}

bool ax_query_next_match(const struct ax_query *q, TSQueryCursor *cursor,
			 const char *text, size_t len, TSQueryMatch *m)
{
	/* A search over its step limit ends the matches: the caller asks
	 * ax_query_over_limit(), and a file full of such searches costs one. */
	while (ts_query_cursor_next_match(cursor, m)) {
		if (ax_query_match_ok(q, m, text, len))
			return true;
		if (over_limit)
			return false;
	}
	return false;
}

const char *ax_query_property(const struct ax_query *q, uint32_t pattern, const char *key)
{
	if (pattern >= q->n_patterns)
		return NULL;
	const struct pattern *pat = &q->patterns[pattern];
	for (uint32_t i = 0; i < pat->n_props; i++)
		if (strcmp(pat->props[i].key, key) == 0)
			return pat->props[i].value;
	return NULL;
}
