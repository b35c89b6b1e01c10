/* run.c: the rules over the files, one parser and cursor per thread. */
#include "run.h"
#include "base/cli.h"
#include "lang/grammar.h"
#include "base/readall.h"

#include <stdint.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct shared {
	const struct ruleset *rs;
	const struct targets *t;
	const char *root;
	uint64_t budget_ns;       /* per rule and file; 0: none */
	atomic_size_t next;
};

struct worker {
	pthread_t thread;
	struct shared *sh;
	struct findings out;
	size_t cap;
};

/* Column (1-based) in code points of byte `col` on its line. */
static uint32_t cp_col(const char *text, uint32_t byte, uint32_t col)
{
	uint32_t n = 1;
	for (uint32_t i = byte - col; i < byte; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

static struct finding *grow(struct worker *w)
{
	if (w->out.n == w->cap)
		w->out.v = ax_realloc(w->out.v, (w->cap = w->cap ? w->cap * 2 : 64) * sizeof *w->out.v);
	return &w->out.v[w->out.n++];
}

static void add(struct worker *w, const struct target *t, size_t rule, TSNode node, char *msg,
		const char *text)
{
	TSPoint s = ts_node_start_point(node), e = ts_node_end_point(node);
	*grow(w) = (struct finding){
		.path = t->path, .rule = rule, .message = msg, .severity = w->sh->rs->v[rule].severity,
		.line = s.row + 1, .col = s.column + 1, .end_line = e.row + 1, .end_col = e.column + 1,
		.col_cp = cp_col(text, ts_node_start_byte(node), s.column),
		.end_col_cp = cp_col(text, ts_node_end_byte(node), e.column),
	};
}

/* The rule stopped on this file: one error finding, whatever the rule's
 * severity, so that CI fails rather than hangs or passes unseen. */
static void add_stopped(struct worker *w, const struct target *t, size_t rule, const char *why)
{
	*grow(w) = (struct finding){
		.path = t->path, .rule = rule, .severity = SEV_ERROR,
		.line = 1, .col = 1, .end_line = 1, .end_col = 1, .col_cp = 1, .end_col_cp = 1,
		.message = ax_xasprintf("rule stopped on this file: %s; its findings here are incomplete", why),
	};
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct budget {
	uint64_t deadline;        /* CLOCK_MONOTONIC ns; 0: none */
	bool over;
};

static bool over_budget(struct budget *b)
{
	if (b->deadline && !b->over && now_ns() > b->deadline)
		b->over = true;
	return b->over;
}

/* tree-sitter asks between steps of the cursor: true stops it. */
static bool cursor_progress(TSQueryCursorState *state)
{
	return over_budget(state->payload);
}

static void run_rule(struct worker *w, TSQueryCursor *cur, const struct target *t, size_t r, TSNode root,
		     const char *text, size_t len)
{
	const struct rule *rule = &w->sh->rs->v[r];
	const struct ax_query *q = rule->query[t->lang];
	struct budget b = { w->sh->budget_ns ? now_ns() + w->sh->budget_ns : 0, false };
	TSQueryCursorOptions opts = { .payload = &b, .progress_callback = cursor_progress };
	TSQueryMatch m;
	ax_query_over_limit();
	ts_query_cursor_exec_with_options(cur, ax_query_ts(q), root, &opts);
	while (!over_budget(&b) && ax_query_next_match(q, cur, text, len, &m)) {
		if (!m.capture_count)
			continue;
		TSNode node = m.captures[rule_report_capture(rule, t->lang, &m)].node;
		add(w, t, r, node, rule_message(rule, t->lang, &m, text, len), text);
	}
	if (ax_query_over_limit())
		add_stopped(w, t, r, "a #match? regex went over its step limit");
	if (b.over) {
		char why[64];
		snprintf(why, sizeof why, "over the time budget of %llu ms",
			 (unsigned long long)(w->sh->budget_ns / 1000000));
		add_stopped(w, t, r, why);
	}
}

static void lint_file(struct worker *w, TSParser *parser, TSQueryCursor *cur, const struct target *t)
{
	const struct ruleset *rs = w->sh->rs;
	bool any = false;
	for (size_t r = 0; r < rs->n && !any; r++)
		any = rule_applies(&rs->v[r], t->path, t->lang);
	if (!any)
		return;
	char *full = ax_malloc(strlen(w->sh->root) + strlen(t->path) + 2), *text;
	sprintf(full, "%s/%s", w->sh->root, t->path);
	size_t len;
	int e = ax_read_file(full, SIZE_MAX, &text, &len);
	if (e == ENOENT || e == ENOTDIR) {
		w->out.gone++;          /* deleted since indexing: nothing to say */
		free(full);
		return;
	}
	if (e) {
		ax_warn("%s: cannot read: %s", full, strerror(e));
		w->out.unreadable++;
		free(full);
		return;
	}
	free(full);
	if (len > UINT32_MAX) {         /* beyond what tree-sitter addresses */
		ax_warn("%s: too large to parse (%zu bytes): skipped", t->path, len);
		w->out.unreadable++;
		free(text);
		return;
	}
	w->out.files++;
	ts_parser_set_language(parser, ax_grammar(t->lang));
	TSTree *tree = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
	if (!tree)
		ax_die(AX_EXIT_INTERNAL, "%s: the parser gave up", t->path);
	TSNode root = ts_tree_root_node(tree);
	for (size_t r = 0; r < rs->n; r++)
		if (rule_applies(&rs->v[r], t->path, t->lang))
			run_rule(w, cur, t, r, root, text, len);
	ts_tree_delete(tree);
	free(text);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	TSParser *parser = ts_parser_new();
	TSQueryCursor *cur = ts_query_cursor_new();
	for (;;) {
		size_t i = atomic_fetch_add(&w->sh->next, 1);
		if (i >= w->sh->t->n)
			break;
		lint_file(w, parser, cur, &w->sh->t->v[i]);
	}
	ts_query_cursor_delete(cur);
	ts_parser_delete(parser);
	return NULL;
}

static const struct ruleset *sort_rules; /* for cmp(): qsort has no context */

static int cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if ((c = strcmp(sort_rules->v[x->rule].id, sort_rules->v[y->rule].id)))
		return c;
	if (x->end_line != y->end_line)
		return x->end_line < y->end_line ? -1 : 1;
	if (x->end_col != y->end_col)
		return x->end_col < y->end_col ? -1 : 1;
	return strcmp(x->message, y->message);
}

/* Two patterns of one rule may report the same node: once is enough. */
static bool same_place(const struct finding *x, const struct finding *y)
{
	return x->rule == y->rule && x->line == y->line && x->col == y->col && x->end_line == y->end_line &&
	       x->end_col == y->end_col && !strcmp(x->path, y->path);
}

void lint_run(const struct ruleset *rs, const struct targets *t, const char *root, int jobs,
	      uint64_t budget_ms, struct findings *out)
{
	struct shared sh = { .rs = rs, .t = t, .root = root, .budget_ns = budget_ms * 1000000 };
	atomic_init(&sh.next, 0);
	if ((size_t)jobs > t->n)
		jobs = t->n ? (int)t->n : 1;
	struct worker *w = ax_calloc((size_t)jobs, sizeof *w);
	for (int i = 0; i < jobs; i++) {
		w[i].sh = &sh;
		int e = pthread_create(&w[i].thread, NULL, work, &w[i]);
		if (e)
			ax_die(AX_EXIT_INTERNAL, "cannot start a thread: %s", strerror(e));
	}
	memset(out, 0, sizeof *out);
	size_t total = 0;
	for (int i = 0; i < jobs; i++) {
		pthread_join(w[i].thread, NULL);
		total += w[i].out.n;
	}
	out->v = ax_malloc((total ? total : 1) * sizeof *out->v);
	for (int i = 0; i < jobs; i++) {
		if (w[i].out.n)
			memcpy(out->v + out->n, w[i].out.v, w[i].out.n * sizeof *out->v);
		out->n += w[i].out.n;
		out->files += w[i].out.files;
		out->gone += w[i].out.gone;
		out->unreadable += w[i].out.unreadable;
		free(w[i].out.v);
	}
	free(w);
	sort_rules = rs;
	qsort(out->v, out->n, sizeof *out->v, cmp);
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (k && same_place(&out->v[k - 1], &out->v[i]))
			free(out->v[i].message);
		else
			out->v[k++] = out->v[i];
	}
	out->n = k;
}

void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].message);
	free(f->v);
}
