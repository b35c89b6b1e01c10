/* extract.c: parse one file and turn the matches of its language's queries
 * into symbols, imports and references (docs/parse.md). The steps are in
 * the files listed in extract_int.h; this one runs them in order. */
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct extractor *extractor_new(const struct extract_limits *limits)
{
	struct extractor *x = ax_calloc(1, sizeof *x);
	x->limits = *limits;
	x->parser = ts_parser_new();
	x->cursor = ts_query_cursor_new();
	/* Bound the in-progress matches, so deep nesting cannot grow them. */
	ts_query_cursor_set_match_limit(x->cursor, 1024);
	return x;
}

void extractor_free(struct extractor *x)
{
	if (!x)
		return;
	ts_parser_delete(x->parser);
	ts_query_cursor_delete(x->cursor);
	free(x->buf);
	free(x->syms);
	free(x->docs);
	free(x->scopes);
	free(x->skips);
	free(x->local_scopes);
	free(x->locals);
	free(x->imports);
	free(x->refs);
	free(x->names);
	free(x->seen);
	free(x);
}

bool past_deadline(const struct extractor *x)
{
	if (!x->has_deadline)
		return false;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > x->deadline.tv_sec ||
	       (now.tv_sec == x->deadline.tv_sec && now.tv_nsec >= x->deadline.tv_nsec);
}

static bool parse_progress(TSParseState *state)
{
	return past_deadline(state->payload);
}

struct source {
	const char *text;
	uint32_t len;
};

static const char *read_source(void *payload, uint32_t byte, TSPoint pt, uint32_t *bytes_read)
{
	(void)pt;
	const struct source *src = payload;
	if (byte >= src->len) {
		*bytes_read = 0;
		return "";
	}
	*bytes_read = src->len - byte;
	return src->text + byte;
}

/* ERROR and MISSING nodes, walked without recursion (input may nest deeply). */
static int64_t count_errors(TSNode root)
{
	if (!ts_node_has_error(root))
		return 0;
	int64_t n = 0;
	TSTreeCursor c = ts_tree_cursor_new(root);
	for (;;) {
		TSNode node = ts_tree_cursor_current_node(&c);
		if (ts_node_is_error(node) || ts_node_is_missing(node))
			n++;
		if (ts_node_has_error(node) && ts_tree_cursor_goto_first_child(&c))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
		}
	}
}

/* qsort, which may not be given the NULL of an empty array. Matches come
 * mostly in order, a scanner's symbols always: a sorted array is left as
 * it is (glibc's merge sort would copy it through a buffer). */
void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	const char *p = base;
	size_t i = 1;
	while (i < n && cmp(p + (i - 1) * size, p + i * size) <= 0)
		i++;
	if (i < n)
		qsort(base, n, size, cmp);
}

static void reset(struct extractor *x)
{
	x->n_syms = x->n_docs = x->n_scopes = x->n_skips = x->n_local_scopes = x->n_locals = x->n_imports = x->n_refs = 0;
	x->names_len = 0;
	x->truncated = false;
}

/* Free a scratch array that a large file grew past KEEP_BUFFER. */
#define SHRINK(arr, n, cap) do { \
	if ((cap) * sizeof *(arr) > KEEP_BUFFER) { \
		free(arr); \
		(arr) = NULL; \
		(n) = 0; \
		(cap) = 0; \
	} \
} while (0)

static void give_back_memory(struct extractor *x)
{
	if (x->buf_cap > KEEP_BUFFER) {
		free(x->buf);
		x->buf = NULL;
		x->buf_cap = 0;
	}
	SHRINK(x->names, x->names_len, x->names_cap);
	SHRINK(x->syms, x->n_syms, x->cap_syms);
	SHRINK(x->refs, x->n_refs, x->cap_refs);
	SHRINK(x->imports, x->n_imports, x->cap_imports);
	SHRINK(x->docs, x->n_docs, x->cap_docs);
	SHRINK(x->locals, x->n_locals, x->cap_locals);
}

/* Languages whose symbols a scanner finds without a syntax tree, falling
 * back to tree-sitter where it gives up. */
static bool (*const scanners[AX_LANG_COUNT])(struct extractor *, const char *, uint32_t) = {
	[AX_LANG_JSON] = json_keys,
};

static void start_deadline(struct extractor *x)
{
	x->has_deadline = x->limits.timeout_ms > 0;
	if (x->has_deadline) {
		clock_gettime(CLOCK_MONOTONIC, &x->deadline);
		x->deadline.tv_sec += (time_t)(x->limits.timeout_ms / 1000);
		x->deadline.tv_nsec += (long)(x->limits.timeout_ms % 1000) * 1000000L;
		if (x->deadline.tv_nsec >= 1000000000L) {
			x->deadline.tv_sec++;
			x->deadline.tv_nsec -= 1000000000L;
		}
	}
}

/* Parse with tree-sitter and run the queries: the tree (for signatures) and
 * its error count, or NULL with *err filled. */
static TSTree *parse_and_query(struct extractor *x, const struct rules *r,
			       const struct extract_job *job, const char *text, size_t len,
			       int64_t *errors, struct extract_error *err)
{
	start_deadline(x);
	if (!ts_parser_set_language(x->parser, r->language)) {
		set_error(err, "grammar", "%s", "grammar ABI not supported by the runtime");
		return NULL;
	}
	/* The parser reads C and C++ with some macros blanked (macros.c); the
	 * queries read the text itself, at the same offsets. */
	char *masked = macros_masked(job->lang, text, len);
	struct source src = { masked ? masked : text, (uint32_t)len };
	TSInput input = { .payload = &src, .read = read_source, .encoding = TSInputEncodingUTF8 };
	TSParseOptions popts = { .payload = x, .progress_callback = parse_progress };
	TSTree *tree = ts_parser_parse_with_options(x->parser, NULL, input, popts);
	free(masked);
	if (!tree) {
		ts_parser_reset(x->parser);   /* else the next parse resumes this one */
		err->code = "timeout";
		snprintf(err->msg, sizeof err->msg, "parse took longer than --timeout-ms=%llu",
			 (unsigned long long)x->limits.timeout_ms);
		return NULL;
	}
	TSNode root = ts_tree_root_node(tree);
	*errors = count_errors(root);
	if (!x->limits.parse_only && !run_queries(x, r, root, text, len)) {
		ts_tree_delete(tree);
		err->code = "timeout";
		snprintf(err->msg, sizeof err->msg, "queries took longer than --timeout-ms=%llu",
			 (unsigned long long)x->limits.timeout_ms);
		return NULL;
	}
	return tree;
}

bool extract_file(struct extractor *x, const struct extract_job *job, msgpack_sbuffer *out,
		  struct extract_error *err)
{
	reset(x);
	msgpack_packer pk;
	msgpack_packer_init(&pk, out, msgpack_sbuffer_write);

	const struct rules *r = rules_for(job->lang);
	if (!r) {
		/* No grammar for it: the file is still indexed, by path and hash. */
		pack_record(x, job, &pk, "", 0, (struct file_flags){ false, false });
		return true;
	}
	size_t len;
	if (!read_file(x, job, &len, err))
		return false;
	if (len > UINT32_MAX - 1) {
		set_error(err, "too_large", "%s", "larger than tree-sitter's 4 GiB");
		return false;
	}
	const char *text = x->buf;
	x->text_len = (uint32_t)len;
	struct file_flags flags = { looks_minified(text, len), looks_generated(text, len) };
	if (flags.minified && !x->limits.parse_minified) {
		pack_record(x, job, &pk, text, 0, flags);
		give_back_memory(x);
		return true;
	}

	int64_t errors = 0;
	TSTree *tree = NULL;
	bool (*scan)(struct extractor *, const char *, uint32_t) = scanners[job->lang];
	/* --parse-only measures tree-sitter: no scanner. */
	bool scanned = scan && !x->limits.parse_only && scan(x, text, (uint32_t)len);
	if (!scanned) {
		reset(x);   /* what a scanner recorded before it gave up */
		tree = parse_and_query(x, r, job, text, len, &errors, err);
		if (!tree) {
			give_back_memory(x);
			return false;
		}
	}
	sort(x->syms, x->n_syms, sizeof *x->syms, cmp_sym);
	sort(x->docs, x->n_docs, sizeof *x->docs, cmp_doc);
	sort(x->scopes, x->n_scopes, sizeof *x->scopes, cmp_span);
	sort(x->skips, x->n_skips, sizeof *x->skips, cmp_span_end);
	sort(x->imports, x->n_imports, sizeof *x->imports, cmp_import);
	dedup_imports(x);
	sort(x->refs, x->n_refs, sizeof *x->refs, cmp_item);
	drop_in_local_scopes(x);
	link_parents(x);
	lift_members(x);
	resolve_syms(x, text);
	drop_repeated_members(x);
	filter_refs(x, text);
	pack_record(x, job, &pk, text, errors, flags);
	if (tree)
		ts_tree_delete(tree);   /* after packing: signatures look at nodes */
	give_back_memory(x);
	return true;
}
