/* extract.c: parse one file and turn the matches of its language's queries
 * into symbols, imports and references (docs/parse.md). */
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/cli.h"
#include "rules.h"
#include "stream/stream.h"
#include "text.h"

/* Caps per file, so that one generated file cannot flood the index. */
#define MAX_SYMS    20000
#define MAX_KEYS    2000      /* config key paths (kinds key and table) */
#define MAX_IMPORTS 5000
#define MAX_REFS    50000
#define MAX_REF_LEN 128       /* longer "identifiers" are not worth a ref */
/* Scratch buffers above this size are given back after the file: with
 * many workers, each keeping its largest file's would add up. */
#define KEEP_BUFFER (1u << 20)

struct span {
	uint32_t s, e;            /* bytes */
};

struct sym {
	TSNode node;
	struct span def, name;
	TSPoint name_pt;
	const char *kind;
	uint32_t pattern;
	struct span doc;          /* doc captured in the same match; e == 0: none */
	int32_t parent;
	int32_t alias;            /* index of the symbol this duplicates, or -1 */
	int32_t scope;
	bool to_rest;             /* (#set! encloses "rest"): `package a;` */
	bool belongs;             /* (#set! belongs "class"): Python `self.x = 1` */
	bool last_part;           /* (#set! name "last"): Ruby `class A::B` is B */
	const char *fixed_name;   /* (#set! default-name "Companion"), or NULL */
	bool not_local;           /* (#set! not-in "local_scope"): dropped inside a @local_scope */
	uint32_t name_off;        /* final name in x->names */
	uint32_t name_len;
};

struct doc {
	struct span text;         /* what @doc captured */
	struct span extent;       /* all captures of its match */
};

struct item {                 /* an import or a reference */
	struct span span;
	TSPoint pt;
	const char *kind;
	const char *strip;        /* imports: (#set! strip-prefix "import") */
	struct span member;       /* imports: @member, joined to the raw text */
	const char *sep;          /* imports: (#set! member-sep "."), default "." */
	uint32_t pattern;         /* imports: of the pattern that matched */
	struct span recv;         /* refs: the receiver of a call (@recv), or empty */
};

struct extractor {
	struct extract_limits limits;
	TSParser *parser;
	TSQueryCursor *cursor;
	char *buf;                /* the file */
	size_t buf_cap;
	struct sym *syms;
	size_t n_syms, cap_syms;
	struct doc *docs;
	size_t n_docs, cap_docs;
	struct span *scopes;
	size_t n_scopes, cap_scopes;
	struct span *skips;
	size_t n_skips, cap_skips;
	struct span *local_scopes;     /* @local_scope: functions, whose declarations are locals */
	size_t n_local_scopes, cap_local_scopes;
	struct span *locals;      /* names bound locally (@local) */
	size_t n_locals, cap_locals;
	struct item *imports, *refs;
	size_t n_imports, cap_imports, n_refs, cap_refs;
	char *names;              /* final symbol names */
	size_t names_len, names_cap;
	int32_t *seen;            /* hash set of key paths: sym index or -1 */
	size_t seen_cap;
	size_t n_keys;
	bool truncated;
	uint32_t text_len;        /* of the file being extracted */
	struct timespec deadline;
	bool has_deadline;
};

#define GROW(arr, n, cap) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? 2 * (cap) : 64; \
		(arr) = ax_realloc((arr), (cap) * sizeof *(arr)); \
	} \
} while (0)

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

static void set_error(struct extract_error *err, const char *code, const char *fmt, const char *arg)
{
	err->code = code;
	snprintf(err->msg, sizeof err->msg, fmt, arg);
}

/* Read the whole file into x->buf; false with *err on failure. */
static bool read_file(struct extractor *x, const struct extract_job *job, size_t *len,
		      struct extract_error *err)
{
	int fd = open(job->open_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_error(err, "read", "cannot open: %s", strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		set_error(err, "read", "%s", "not a regular file");
		close(fd);
		return false;
	}
	if ((uint64_t)st.st_size > x->limits.max_size) {
		char n[32];
		snprintf(n, sizeof n, "%llu", (unsigned long long)st.st_size);
		set_error(err, "too_large", "%s bytes is more than --max-size", n);
		close(fd);
		return false;
	}
	/* The file may change under us: read to EOF, but never past the limit. */
	size_t want = (size_t)st.st_size + 1, got = 0;
	for (;;) {
		if (got + 1 >= x->buf_cap || want > x->buf_cap) {
			size_t cap = want > x->buf_cap ? want : 2 * x->buf_cap;
			x->buf = ax_realloc(x->buf, cap + 1);
			x->buf_cap = cap;
		}
		ssize_t r = read(fd, x->buf + got, x->buf_cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			set_error(err, "read", "cannot read: %s", strerror(errno));
			close(fd);
			return false;
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got > x->limits.max_size) {
			set_error(err, "too_large", "%s", "grew past --max-size while being read");
			close(fd);
			return false;
		}
	}
	close(fd);
	x->buf[got] = '\0';
	*len = got;
	return true;
}

/* Minified or bundled: very long lines on average, or one giant line. */
static bool looks_minified(const char *s, size_t n)
{
	if (n < 4096)
		return false;
	size_t lines = 1, longest = 0, start = 0;
	for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))); p++) {
		size_t l = (size_t)(p - s) - start;
		if (l > longest)
			longest = l;
		start = (size_t)(p - s) + 1;
		lines++;
	}
	if (n - start > longest)
		longest = n - start;
	return n / lines > 300 || longest > 32768;
}

/* A generated file says so near its top: Go's "Code generated ... DO NOT
 * EDIT.", "@generated" (protobuf, Meta's tools), C#'s "<auto-generated". */
static bool looks_generated(const char *s, size_t n)
{
	static const char *const markers[] = { "DO NOT EDIT", "@generated", "<auto-generated" };
	if (n > 2048)
		n = 2048;
	for (size_t i = 0; i < sizeof markers / sizeof *markers; i++)
		if (memmem(s, n, markers[i], strlen(markers[i])))
			return true;
	return false;
}

static bool past_deadline(const struct extractor *x)
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

static bool query_progress(TSQueryCursorState *state)
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

static struct span span_of(TSNode n)
{
	return (struct span){ ts_node_start_byte(n), ts_node_end_byte(n) };
}

static bool is_config_kind(const char *kind)
{
	return strcmp(kind, "key") == 0 || strcmp(kind, "table") == 0;
}

/* (#set! unless "missing"): a definition whose end the parser invented (a
 * MISSING child) is no definition. A C declaration with a macro before its
 * type, `GLAPI void APIENTRY f(...)`, reads as `GLAPI void` plus a missing
 * `;`: a variable named void. */
static bool ends_invented(const struct pass *pass, const TSQueryMatch *m, TSNode def)
{
	const char *unless = ax_query_property(pass->query, m->pattern_index, "unless");
	if (!unless || strcmp(unless, "missing") != 0 || !ts_node_has_error(def))
		return false;
	for (uint32_t i = 0, n = ts_node_child_count(def); i < n; i++)
		if (ts_node_is_missing(ts_node_child(def, i)))
			return true;
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* (#set! name "declarator"): @name is a C declarator, which nests (`*a[3]`,
 * `(*fp)(int)`, `x = 1`, `A::x`, `&r`) beyond what a pattern can spell out;
 * the name is the identifier at its bottom, found by following `declarator`
 * fields, `name` fields (`a::B::f` is named f) and the inner declarator of
 * `(x)`, `&x`, `x [[a]]`.
 * A declarator of a function (`f(int)`, `*f(void)`; not `(*f)(int)`) names
 * no variable, nor does an invented (MISSING) one: false, and the match is
 * left to the function patterns. */
static bool declarator_name(TSNode *node)
{
	TSNode d = *node;
	for (int depth = 0; depth < 64; depth++) {
		TSNode next = ts_node_child_by_field_name(d, "declarator", 10);
		if (!ts_node_is_null(next) && strcmp(ts_node_type(d), "function_declarator") == 0 &&
		    strcmp(ts_node_type(next), "parenthesized_declarator") != 0)
			return false;
		if (ts_node_is_null(next))
			next = ts_node_child_by_field_name(d, "name", 4);
		/* A wrapper declarator without the field: its first part that is
		 * a declarator or a name (not the ERROR of a macro, an attribute). */
		uint32_t n = ends_with(ts_node_type(d), "declarator") ? ts_node_named_child_count(d) : 0;
		for (uint32_t i = 0; ts_node_is_null(next) && i < n; i++) {
			TSNode c = ts_node_named_child(d, i);
			if (ends_with(ts_node_type(c), "declarator") || ends_with(ts_node_type(c), "identifier"))
				next = c;
		}
		if (ts_node_is_null(next))
			break;
		d = next;
	}
	if (ts_node_is_missing(d) || ts_node_start_byte(d) == ts_node_end_byte(d))
		return false;
	*node = d;
	return true;
}

/* Record what one match captured. */
static void take_match(struct extractor *x, const struct pass *pass, const TSQueryMatch *m)
{
	const struct capture_role *roles = pass->roles;
	int sym = -1, name = -1, doc = -1;
	long import = -1;
	size_t ref = SIZE_MAX;                       /* the ref this match added */
	struct span recv = { 0, 0 };
	struct span name_span = { UINT32_MAX, 0 };   /* several @name: A.named */
	struct span member = { 0, 0 };
	struct span extent = { UINT32_MAX, 0 };
	for (uint16_t i = 0; i < m->capture_count; i++) {
		const TSQueryCapture *c = &m->captures[i];
		const struct capture_role *role = &roles[c->index];
		struct span sp = span_of(c->node);
		if (sp.s < extent.s)
			extent.s = sp.s;
		if (sp.e > extent.e)
			extent.e = sp.e;
		switch (role->role) {
		case ROLE_SYM:
			if (sym < 0)
				sym = i;
			break;
		case ROLE_NAME:
			if (name < 0)
				name = i;
			if (sp.s < name_span.s)
				name_span.s = sp.s;
			if (sp.e > name_span.e)
				name_span.e = sp.e;
			break;
		case ROLE_DOC:
			if (doc < 0)
				doc = i;
			break;
		case ROLE_SCOPE:
			GROW(x->scopes, x->n_scopes, x->cap_scopes);
			x->scopes[x->n_scopes++] = sp;
			break;
		case ROLE_SKIP:
			GROW(x->skips, x->n_skips, x->cap_skips);
			x->skips[x->n_skips++] = sp;
			break;
		case ROLE_LOCAL_SCOPE:
			GROW(x->local_scopes, x->n_local_scopes, x->cap_local_scopes);
			x->local_scopes[x->n_local_scopes++] = sp;
			break;
		case ROLE_RECV:
			recv = sp;
			break;
		case ROLE_LOCAL:
			GROW(x->locals, x->n_locals, x->cap_locals);
			x->locals[x->n_locals++] = sp;
			break;
		case ROLE_IMPORT:
			if (x->n_imports >= MAX_IMPORTS) {
				x->truncated = true;
				break;
			}
			GROW(x->imports, x->n_imports, x->cap_imports);
			import = (long)x->n_imports;
			x->imports[x->n_imports++] = (struct item){
				sp, ts_node_start_point(c->node), role->kind,
				ax_query_property(pass->query, m->pattern_index, "strip-prefix"),
				{ 0, 0 }, ax_query_property(pass->query, m->pattern_index, "member-sep"),
				pass->pattern_base + m->pattern_index, { 0, 0 },
			};
			break;
		case ROLE_MEMBER:
			member = sp;
			break;
		case ROLE_REF:
			if (sp.e - sp.s > MAX_REF_LEN)
				break;
			if (x->n_refs >= MAX_REFS) {
				x->truncated = true;
				break;
			}
			GROW(x->refs, x->n_refs, x->cap_refs);
			ref = x->n_refs;
			x->refs[x->n_refs++] = (struct item){ .span = sp, .pt = ts_node_start_point(c->node), .kind = role->kind };
			break;
		case ROLE_IGNORE:
			break;
		}
	}
	if (import >= 0)
		x->imports[import].member = member;
	if (sym >= 0 && ends_invented(pass, m, m->captures[sym].node))
		return;
	if (ref != SIZE_MAX)
		x->refs[ref].recv = recv;
	if (sym >= 0) {
		if (x->n_syms >= MAX_SYMS) {
			x->truncated = true;
			return;
		}
		TSNode def = m->captures[sym].node;
		TSNode nm = name >= 0 ? m->captures[name].node : def;
		const char *name_rule = ax_query_property(pass->query, m->pattern_index, "name");
		if (name_rule && strcmp(name_rule, "declarator") == 0) {
			if (!declarator_name(&nm))
				return;
			name_span = span_of(nm);
		}
		GROW(x->syms, x->n_syms, x->cap_syms);
		x->syms[x->n_syms++] = (struct sym){
			.node = def,
			.def = span_of(def),
			.name = name >= 0 ? name_span : span_of(nm),
			.name_pt = ts_node_start_point(nm),
			.kind = roles[m->captures[sym].index].kind,
			.pattern = pass->pattern_base + m->pattern_index,
			.doc = doc >= 0 ? span_of(m->captures[doc].node) : (struct span){ 0, 0 },
			.parent = -1,
			.alias = -1,
			.scope = -1,
			/* A definition with no name in the source, only one the
			 * language gives it (Kotlin's `companion object`). */
			.fixed_name = name < 0 ? ax_query_property(pass->query, m->pattern_index, "default-name") : NULL,
		};
		const char *not_in = ax_query_property(pass->query, m->pattern_index, "not-in");
		x->syms[x->n_syms - 1].not_local = not_in && strcmp(not_in, "local_scope") == 0;
		const char *encloses = ax_query_property(pass->query, m->pattern_index, "encloses");
		if (encloses && strcmp(encloses, "rest") == 0) {
			x->syms[x->n_syms - 1].to_rest = true;
			x->syms[x->n_syms - 1].def.e = x->text_len;
		}
		const char *belongs = ax_query_property(pass->query, m->pattern_index, "belongs");
		x->syms[x->n_syms - 1].belongs = belongs && strcmp(belongs, "class") == 0;
		x->syms[x->n_syms - 1].last_part = name_rule && strcmp(name_rule, "last") == 0;
	} else if (doc >= 0) {
		GROW(x->docs, x->n_docs, x->cap_docs);
		x->docs[x->n_docs++] = (struct doc){ span_of(m->captures[doc].node), extent };
	}
}

/* qsort, which may not be given the NULL of an empty array. */
static void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static int cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	if (x->def.s != y->def.s)
		return x->def.s < y->def.s ? -1 : 1;
	if (x->def.e != y->def.e)
		return x->def.e > y->def.e ? -1 : 1;   /* outer first */
	if (x->name.s != y->name.s)
		return x->name.s < y->name.s ? -1 : 1;
	return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

/* The generic uses of a name (read, member) yield to any other kind at the
 * same identifier: `f` in `f()` is a call, `x` in `x = 1` a write. */
static bool generic_use(const char *kind)
{
	return strcmp(kind, "read") == 0 || strcmp(kind, "member") == 0;
}

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->span.s != y->span.s)
		return x->span.s < y->span.s ? -1 : 1;
	if (generic_use(x->kind) != generic_use(y->kind))
		return generic_use(x->kind) ? 1 : -1;
	return strcmp(x->kind, y->kind);
}

/* Imports by position; of one node, the first pattern's first, members
 * in order (see dedup_imports). */
static int cmp_import(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->span.s != y->span.s)
		return x->span.s < y->span.s ? -1 : 1;
	if (x->span.e != y->span.e)
		return x->span.e < y->span.e ? -1 : 1;
	if (x->pattern != y->pattern)
		return x->pattern < y->pattern ? -1 : 1;
	return x->member.s < y->member.s ? -1 : x->member.s > y->member.s;
}

static int cmp_doc(const void *a, const void *b)
{
	const struct doc *x = a, *y = b;
	return x->extent.e < y->extent.e ? -1 : x->extent.e > y->extent.e;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
}

static int cmp_span_end(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->e < y->e ? -1 : x->e > y->e;
}

/* Drop the symbols of (#set! not-in "local_scope") patterns that lie inside a
 * @local_scope span: C's `declaration` is a global or a prototype at file scope
 * (at any depth of #if, extern "C" and namespace blocks) but a local
 * variable in a function body, which no query can tell apart by shape. */
static void drop_in_local_scopes(struct extractor *x)
{
	if (x->n_local_scopes == 0)
		return;
	sort(x->local_scopes, x->n_local_scopes, sizeof *x->local_scopes, cmp_span);
	size_t n = 0;   /* keep the outermost spans: then they are disjoint */
	for (size_t i = 0; i < x->n_local_scopes; i++)
		if (n == 0 || x->local_scopes[i].s >= x->local_scopes[n - 1].e)
			x->local_scopes[n++] = x->local_scopes[i];
	size_t o = 0;
	for (size_t i = 0; i < x->n_syms; i++) {
		const struct sym *s = &x->syms[i];
		if (s->not_local) {
			size_t lo = 0, hi = n;
			while (lo < hi) {        /* last span starting at or before s */
				size_t mid = (lo + hi) / 2;
				if (x->local_scopes[mid].s <= s->def.s)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo > 0 && s->def.e <= x->local_scopes[lo - 1].e)
				continue;
		}
		x->syms[o++] = *s;
	}
	x->n_syms = o;
}

/* A statement like `package a;` encloses the rest of the file, up to the
 * next one (spans were set to the end of the file when matched). */
static void clamp_rest(struct extractor *x)
{
	struct sym *prev = NULL;
	for (size_t i = 0; i < x->n_syms; i++) {
		if (!x->syms[i].to_rest)
			continue;
		if (prev && prev->def.e > x->syms[i].def.s)
			prev->def.e = x->syms[i].def.s;
		prev = &x->syms[i];
	}
}

/* Parents by containment: the innermost earlier symbol whose definition
 * holds this one. */
static void link_parents(struct extractor *x)
{
	clamp_rest(x);
	int32_t *stack = ax_malloc((x->n_syms + 1) * sizeof *stack);
	size_t top = 0;
	for (size_t i = 0; i < x->n_syms; i++) {
		struct sym *s = &x->syms[i];
		while (top > 0) {
			const struct sym *p = &x->syms[stack[top - 1]];
			/* The same span is a sibling (Go's `W, H float64`), not a parent. */
			bool same = p->def.s == s->def.s && p->def.e == s->def.e;
			if (s->def.s < p->def.e && s->def.e <= p->def.e && !same)
				break;
			top--;
		}
		s->parent = top > 0 ? stack[top - 1] : -1;
		stack[top++] = (int32_t)i;
	}
	free(stack);
}

static bool is_container(const char *kind)
{
	static const char *const containers[] = {
		"class", "struct", "interface", "trait", "impl", "object", "mixin",
		"extension", "enum", "protocol", "union",
	};
	for (size_t i = 0; i < sizeof containers / sizeof *containers; i++)
		if (strcmp(kind, containers[i]) == 0)
			return true;
	return false;
}

/* A member set inside a method (`self.x = 1`) belongs to the class, not to
 * the method: its parent is the innermost class-like symbol around it, or
 * -1 when there is none. */
static void lift_members(struct extractor *x)
{
	for (size_t i = 0; i < x->n_syms; i++) {
		struct sym *s = &x->syms[i];
		if (!s->belongs)
			continue;
		while (s->parent >= 0 && !is_container(x->syms[s->parent].kind))
			s->parent = x->syms[s->parent].parent;
	}
}

static uint32_t add_name(struct extractor *x, const char *s, size_t n)
{
	if (x->names_len + n + 1 > x->names_cap) {
		x->names_cap = 2 * (x->names_len + n + 1) + 4096;
		x->names = ax_realloc(x->names, x->names_cap);
	}
	uint32_t off = (uint32_t)x->names_len;
	memcpy(x->names + off, s, n);
	x->names[off + n] = '\0';
	x->names_len += n + 1;
	return off;
}

static int32_t scope_of(const struct extractor *x, const struct sym *s)
{
	size_t lo = 0, hi = x->n_scopes;
	while (lo < hi) {        /* last scope starting at or before s */
		size_t mid = (lo + hi) / 2;
		if (x->scopes[mid].s <= s->def.s)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || x->scopes[lo - 1].e < s->def.e)
		return -1;
	return (int32_t)(lo - 1);
}

static uint64_t hash_key(int32_t scope, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)(uint32_t)scope;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* The first symbol with the same scope and key path, or -1 after adding i. */
static int32_t seen_key(struct extractor *x, int32_t i)
{
	if (2 * (x->n_keys + 1) > x->seen_cap) {
		free(x->seen);
		x->seen_cap = x->seen_cap ? 2 * x->seen_cap : 1024;
		x->seen = ax_malloc(x->seen_cap * sizeof *x->seen);
		for (size_t k = 0; k < x->seen_cap; k++)
			x->seen[k] = -1;
		size_t kept = x->n_keys;
		x->n_keys = 0;
		/* Re-insert the kept keys (all earlier symbols that are keys). */
		for (int32_t j = 0; j < i && x->n_keys < kept; j++)
			if (is_config_kind(x->syms[j].kind) && x->syms[j].alias < 0)
				seen_key(x, j);
	}
	const struct sym *s = &x->syms[i];
	const char *name = x->names + s->name_off;
	size_t mask = x->seen_cap - 1;
	for (size_t k = hash_key(s->scope, name, s->name_len) & mask;; k = (k + 1) & mask) {
		int32_t j = x->seen[k];
		if (j < 0) {
			x->seen[k] = i;
			x->n_keys++;
			return -1;
		}
		const struct sym *o = &x->syms[j];
		if (o->scope == s->scope && o->name_len == s->name_len &&
		    memcmp(x->names + o->name_off, name, s->name_len) == 0)
			return j;
	}
}

/* What follows the last `::` in s[0..n), or NULL if there is none. */
static const char *strrstr_scope(const char *s, size_t n)
{
	for (size_t i = n; i >= 2; i--)
		if (s[i - 1] == ':' && s[i - 2] == ':')
			return s + i;
	return NULL;
}

/* TOML allows blanks around the dots of a key (`a . b = 1`, `[ x . y ]`):
 * its path is a.b however it is spaced; quoted parts stay as written.
 * s is a cleaned name (blanks are single spaces). */
static size_t squeeze_dots(char *s, size_t n)
{
	size_t o = 0;
	char quote = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (quote) {
			if (c == '\\' && quote == '"' && i + 1 < n) {
				s[o++] = c;
				c = s[++i];
			} else if (c == quote) {
				quote = 0;
			}
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == ' ' && ((o > 0 && s[o - 1] == '.') || (i + 1 < n && s[i + 1] == '.'))) {
			continue;
		}
		s[o++] = c;
	}
	s[o] = '\0';
	return o;
}

static bool has_dotted_key(TSNode node)
{
	TSNode key = ts_node_named_child(node, 0);
	return !ts_node_is_null(key) && strcmp(ts_node_type(key), "dotted_key") == 0;
}

/* Final names, kinds and duplicates, in source order (parents first). */
static void resolve_syms(struct extractor *x, const char *text)
{
	char buf[TEXT_MAX + 1], joined[2 * TEXT_MAX + 2];
	x->n_keys = 0;
	if (x->seen)
		for (size_t k = 0; k < x->seen_cap; k++)
			x->seen[k] = -1;
	size_t config_syms = 0;
	for (size_t i = 0; i < x->n_syms; i++) {
		struct sym *s = &x->syms[i];
		if (s->parent >= 0 && x->syms[s->parent].alias >= 0)
			s->parent = x->syms[s->parent].alias;
		/* The same node and name twice (two patterns): keep the first. */
		if (i > 0) {
			const struct sym *p = &x->syms[i - 1];
			int32_t prev = p->alias >= 0 ? p->alias : (int32_t)i - 1;
			if (p->def.s == s->def.s && p->def.e == s->def.e &&
			    p->name.s == s->name.s && p->name.e == s->name.e) {
				s->alias = prev;
				continue;
			}
		}
		size_t n = s->fixed_name ? text_clean(s->fixed_name, strlen(s->fixed_name), buf)
				: text_clean_unquoted(text + s->name.s, s->name.e - s->name.s, false, buf);
		/* Symbol literals and keywords name it: Ruby's attr_reader :x,
		 * Elixir's defstruct [:x, y: 0]. */
		if (n > 1 && buf[0] == ':' && buf[1] != ':')
			memmove(buf, buf + 1, n--);
		else if (n > 1 && buf[n - 1] == ':' && buf[n - 2] != ':')
			buf[--n] = '\0';
		/* A qualified name is named by its last part. In the query,
		 * `name: (scope_resolution name: (_) @name)` would cost a
		 * cursor state for the whole body of every class. */
		const char *last = s->last_part ? strrstr_scope(buf, n) : NULL;
		if (last) {
			n -= (size_t)(last - buf);
			memmove(buf, last, n + 1);
		}
		const struct sym *parent = s->parent >= 0 ? &x->syms[s->parent] : NULL;
		if (strcmp(s->kind, "function") == 0 && parent && is_container(parent->kind))
			s->kind = "method";
		if (!is_config_kind(s->kind)) {
			s->name_off = add_name(x, buf, n);
			s->name_len = (uint32_t)n;
			continue;
		}
		if (has_dotted_key(s->node))
			n = squeeze_dots(buf, n);
		/* Config keys are named by their path: spec.template.spec. */
		if (parent && is_config_kind(parent->kind)) {
			int len = snprintf(joined, sizeof joined, "%s.%s", x->names + parent->name_off, buf);
			n = text_clean(joined, (size_t)len, buf);
		}
		s->name_off = add_name(x, buf, n);
		s->name_len = (uint32_t)n;
		s->scope = scope_of(x, s);
		int32_t first = seen_key(x, (int32_t)i);
		if (first >= 0) {
			s->alias = first;   /* list items repeat keys: index a path once */
			continue;
		}
		if (++config_syms > MAX_KEYS) {
			s->alias = s->parent >= 0 ? s->parent : 0;
			x->truncated = true;
		}
	}
}

/* A symbol in a class, for finding repeated members by sorting. */
struct member {
	int32_t parent;
	const char *name;
	uint32_t len;
	bool belongs;
	uint32_t index;
};

/* By class and name; within one name the symbols written in the class body
 * first, then the members set in methods, in source order. */
static int cmp_member(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	int c = memcmp(x->name, y->name, x->len);
	if (c != 0)
		return c;
	if (x->belongs != y->belongs)
		return x->belongs ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Members set in methods (belongs "class") are listed once per class and
 * name, and not when the class body has a symbol of that name (a class
 * variable, a method); outside any class they are left out (an alias of
 * itself is never output). After resolve_syms, which names every symbol;
 * sorting keeps a class of thousands of `self.x` lines linear-logarithmic. */
static void drop_repeated_members(struct extractor *x)
{
	size_t i = 0;
	while (i < x->n_syms && !x->syms[i].belongs)
		i++;
	if (i == x->n_syms)
		return;   /* the common case: no such query, or none in this file */
	struct member *m = ax_malloc(x->n_syms * sizeof *m);
	size_t n = 0;
	for (i = 0; i < x->n_syms; i++) {
		struct sym *s = &x->syms[i];
		if (s->belongs && s->alias < 0 && s->parent < 0)
			s->alias = (int32_t)i;
		if (s->alias >= 0 || s->parent < 0 || !is_container(x->syms[s->parent].kind))
			continue;
		m[n++] = (struct member){ s->parent, x->names + s->name_off, s->name_len,
					  s->belongs, (uint32_t)i };
	}
	sort(m, n, sizeof *m, cmp_member);
	for (size_t k = 1; k < n; k++) {
		const struct member *first = &m[k - 1];
		if (m[k].belongs && first->parent == m[k].parent && first->len == m[k].len &&
		    memcmp(first->name, m[k].name, m[k].len) == 0) {
			x->syms[m[k].index].alias = x->syms[first->index].alias >= 0
				? x->syms[first->index].alias : (int32_t)first->index;
		}
	}
	free(m);
}

static bool only_space(const char *s, uint32_t from, uint32_t to, int max_newlines)
{
	for (uint32_t i = from; i < to; i++) {
		if (s[i] == '\n' && --max_newlines < 0)
			return false;
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	}
	return true;
}

static bool starts_line(const char *s, uint32_t at)
{
	while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == '\t'))
		at--;
	return at == 0 || s[at - 1] == '\n';
}

/* The free doc ending right before byte `at` (only white space and at most
 * one line break between), extended upwards over adjacent ones. */
static struct span doc_ending_at(const struct extractor *x, uint32_t at, const char *text)
{
	struct span none = { 0, 0 };
	/* Step over attributes standing between (skips are sorted by end). */
	size_t k = x->n_skips;
	if (k > 0) {
		size_t lo = 0, hi = x->n_skips;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (x->skips[mid].e <= at)
				lo = mid + 1;
			else
				hi = mid;
		}
		k = lo;
	}
	for (; k > 0 && x->skips[k - 1].e <= at && only_space(text, x->skips[k - 1].e, at, 1); k--)
		at = x->skips[k - 1].s;
	size_t lo = 0, hi = x->n_docs;
	while (lo < hi) {        /* last doc ending at or before `at` */
		size_t mid = (lo + hi) / 2;
		if (x->docs[mid].extent.e <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return none;
	size_t d = lo - 1;
	const struct doc *last = &x->docs[d];
	if (!only_space(text, last->extent.e, at, 1) || !starts_line(text, last->extent.s))
		return none;
	struct span out = last->text;
	while (d > 0) {
		const struct doc *prev = &x->docs[d - 1];
		if (prev->extent.e > x->docs[d].extent.s ||
		    !only_space(text, prev->extent.e, x->docs[d].extent.s, 1) ||
		    !starts_line(text, prev->extent.s))
			break;
		out.s = prev->text.s;
		d--;
	}
	return out;
}

/* The doc comment of a symbol: just above its definition, or above a
 * wrapper that ends with it (`export ...`, a decorated definition), but
 * not above the enclosing symbol. */
static struct span doc_before(const struct extractor *x, const struct sym *s, const char *text)
{
	struct span none = { 0, 0 };
	if (x->n_docs == 0)
		return none;
	const struct sym *parent = s->parent >= 0 ? &x->syms[s->parent] : NULL;
	TSNode anchor = s->node;
	for (int up = 0; up < 4; up++) {
		struct span d = doc_ending_at(x, ts_node_start_byte(anchor), text);
		if (d.e > d.s)
			return d;
		TSNode p = ts_node_parent(anchor);
		if (ts_node_is_null(p) || ts_node_is_null(ts_node_parent(p)) ||
		    ts_node_end_byte(p) != ts_node_end_byte(anchor) ||
		    (parent && ts_node_start_byte(p) <= parent->def.s))
			break;
		anchor = p;
	}
	return none;
}

/* The declaration header: up to the body, or the first line. */
static size_t signature(const struct sym *s, const char *text, char *out)
{
	uint32_t end = s->def.e;
	TSNode body = ts_node_child_by_field_name(s->node, "body", 4);
	if (!ts_node_is_null(body) && ts_node_start_byte(body) > s->def.s) {
		/* Up to the last real child before the body (not a comment). */
		uint32_t body_start = ts_node_start_byte(body);
		end = s->def.s;
		uint32_t n = ts_node_child_count(s->node);
		for (uint32_t i = 0; i < n; i++) {
			TSNode c = ts_node_child(s->node, i);
			if (ts_node_end_byte(c) > body_start)
				break;
			if (!ts_node_is_extra(c))
				end = ts_node_end_byte(c);
		}
	} else {
		const char *nl = memchr(text + s->def.s, '\n', s->def.e - s->def.s);
		if (nl)
			end = (uint32_t)(nl - text);
	}
	if (end - s->def.s > 4 * TEXT_MAX)
		end = s->def.s + 4 * TEXT_MAX;
	return text_signature(text + s->def.s, end - s->def.s, out);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_text(const void *a, const void *b, void *text)
{
	const struct span *x = a, *y = b;
	size_t n = x->e - x->s, m = y->e - y->s;
	int c = memcmp((const char *)text + x->s, (const char *)text + y->s, n < m ? n : m);
	return c ? c : (n > m) - (n < m);
}

/* The names bound locally (@local: parameters, local variables), sorted by
 * text; a binding at a symbol's name is no local (a top-level `const`). */
static size_t local_names(struct extractor *x, const uint32_t *names, const char *text)
{
	size_t o = 0;
	for (size_t i = 0; i < x->n_locals; i++)
		if (!x->n_syms || !bsearch(&x->locals[i].s, names, x->n_syms, sizeof *names, cmp_u32))
			x->locals[o++] = x->locals[i];
	if (o > 1)
		qsort_r(x->locals, o, sizeof *x->locals, cmp_text, (void *)text);
	return o;
}

/* A read or write of a local name is not recorded: it cannot be a use of
 * a symbol, and locals would make most of the references. A member
 * (`this.data = data`: after `.` or `->`) is never a local. */
static bool local_use(const struct item *r, const struct span *locals, size_t n, const char *text)
{
	if (!n || (strcmp(r->kind, "read") != 0 && strcmp(r->kind, "write") != 0))
		return false;
	uint32_t p = r->span.s;
	while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t'))
		p--;
	if (p > 0 && (text[p - 1] == '.' || text[p - 1] == '>'))
		return false;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_text(&r->span, &locals[mid], (void *)text);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* Drop references that are really definitions (at a symbol's name), uses
 * of locals, identifiers a query says are none (@ref.none: it outranks the
 * generic read there), and the same name captured twice (refs are sorted
 * by position, then kind). */
static void filter_refs(struct extractor *x, const char *text)
{
	uint32_t *names = ax_malloc((x->n_syms + 1) * sizeof *names);
	for (size_t i = 0; i < x->n_syms; i++)
		names[i] = x->syms[i].name.s;
	sort(names, x->n_syms, sizeof *names, cmp_u32);
	size_t nl = local_names(x, names, text);
	size_t o = 0;
	struct span last = { UINT32_MAX, 0 };
	for (size_t i = 0; i < x->n_refs; i++) {
		const struct item *r = &x->refs[i];
		bool again = last.s == r->span.s && last.e == r->span.e;
		last = r->span;
		if (again)
			continue;
		if (x->n_syms && bsearch(&r->span.s, names, x->n_syms, sizeof *names, cmp_u32))
			continue;
		if (local_use(r, x->locals, nl, text) || strcmp(r->kind, "none") == 0)
			continue;
		x->refs[o++] = *r;
	}
	x->n_refs = o;
	free(names);
}

/* A node captured as an import by several patterns is kept from the first
 * pattern in the file only (all its matches: one per @member), so a
 * specific pattern (`#[path] mod x;`) overrides a general one (`mod x;`),
 * as for symbols. */
static void dedup_imports(struct extractor *x)
{
	size_t o = 0, first = 0;
	for (size_t i = 0; i < x->n_imports; i++) {
		const struct item *it = &x->imports[i];
		if (o > 0 && it->span.s == x->imports[first].span.s && it->span.e == x->imports[first].span.e) {
			if (it->pattern != x->imports[first].pattern)
				continue;
		} else {
			first = o;
		}
		x->imports[o++] = *it;
	}
	x->n_imports = o;
}

static void pack_key(msgpack_packer *pk, const char *key)
{
	ax_pack_str(pk, key);
}

static void pack_syms(struct extractor *x, msgpack_packer *pk, const char *text)
{
	/* Output indexes skip duplicates, so parents are remapped. */
	int32_t *out_index = ax_malloc((x->n_syms + 1) * sizeof *out_index);
	uint32_t n = 0;
	for (size_t i = 0; i < x->n_syms; i++)
		out_index[i] = x->syms[i].alias < 0 ? (int32_t)n++ : -1;
	pack_key(pk, "syms");
	msgpack_pack_array(pk, n);
	char buf[TEXT_MAX + 1];
	for (size_t i = 0; i < x->n_syms; i++) {
		const struct sym *s = &x->syms[i];
		if (s->alias >= 0)
			continue;
		msgpack_pack_map(pk, 9);
		ax_pack_kv_strn(pk, "name", x->names + s->name_off, s->name_len);
		ax_pack_kv_str(pk, "kind", s->kind);
		ax_pack_kv_int(pk, "line", s->name_pt.row + 1);
		ax_pack_kv_int(pk, "col", s->name_pt.column);
		TSPoint end = ts_node_end_point(s->node);
		ax_pack_kv_int(pk, "eline", end.row + 1);
		ax_pack_kv_int(pk, "ecol", end.column);
		ax_pack_kv_int(pk, "parent", s->parent >= 0 ? out_index[s->parent] : -1);
		size_t len = signature(s, text, buf);
		ax_pack_kv_strn(pk, "sig", buf, len);
		struct span doc = s->doc.e > 0 ? s->doc : doc_before(x, s, text);
		len = doc.e > doc.s ? text_doc(text + doc.s, doc.e - doc.s, buf) : 0;
		ax_pack_kv_strn(pk, "doc", buf, len);
	}
	free(out_index);
}

/* raw + sep + member (`..core` `.` `models`), the separator not doubled
 * (`.` + `x` is `.x`); cut at TEXT_MAX like any text. */
static size_t join_member(char *buf, size_t len, const struct item *it, const char *text)
{
	char mem[TEXT_MAX + 1];
	const char *sep = it->sep ? it->sep : ".";
	size_t sl = strlen(sep);
	size_t ml = text_clean_unquoted(text + it->member.s, it->member.e - it->member.s, true, mem);
	if (len >= sl && memcmp(buf + len - sl, sep, sl) == 0)
		sl = 0;
	if (len + sl + ml > TEXT_MAX)
		return len;
	memcpy(buf + len, sep, sl);
	memcpy(buf + len + sl, mem, ml);
	return len + sl + ml;
}

/* A call's receiver as written (`self`, `Session`, `send_kwargs`); one too
 * long to be a name is "..." (still a receiver, so never bound by name). */
static void pack_recv(msgpack_packer *pk, struct span sp, const char *text, char *buf)
{
	size_t len = sp.e - sp.s > MAX_REF_LEN ? 0 : text_clean(text + sp.s, sp.e - sp.s, buf);
	if (len == 0)
		ax_pack_kv_str(pk, "recv", "...");
	else
		ax_pack_kv_strn(pk, "recv", buf, len);
}

static void pack_items(msgpack_packer *pk, const char *key, const struct item *items, size_t n,
		       const char *text, bool is_ref)
{
	char buf[TEXT_MAX + 1];
	pack_key(pk, key);
	msgpack_pack_array(pk, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[i];
		struct span sp = it->span;
		size_t sl = it->strip ? strlen(it->strip) : 0;
		if (sl && sp.e - sp.s >= sl && memcmp(text + sp.s, it->strip, sl) == 0)
			sp.s += (uint32_t)sl;   /* text_clean trims the space after it */
		size_t len = is_ref ? text_clean(text + sp.s, sp.e - sp.s, buf)
				    : text_clean_unquoted(text + sp.s, sp.e - sp.s, true, buf);
		if (!is_ref && it->member.e > it->member.s)
			len = join_member(buf, len, it, text);
		bool recv = is_ref && it->recv.e > it->recv.s;
		msgpack_pack_map(pk, is_ref ? 4 + recv : 3);
		ax_pack_kv_strn(pk, is_ref ? "name" : "raw", buf, len);
		ax_pack_kv_str(pk, "kind", it->kind);
		ax_pack_kv_int(pk, "line", it->pt.row + 1);
		if (is_ref)
			ax_pack_kv_int(pk, "col", it->pt.column);
		if (recv)
			pack_recv(pk, it->recv, text, buf);
	}
}

static void reset(struct extractor *x)
{
	x->n_syms = x->n_docs = x->n_scopes = x->n_skips = x->n_local_scopes = x->n_locals = x->n_imports = x->n_refs = 0;
	x->names_len = 0;
	x->truncated = false;
}

/* Run the queries over the tree; false if the deadline passed. */
static bool run_queries(struct extractor *x, const struct rules *r, TSNode root,
			const char *text, size_t len)
{
	TSQueryCursorOptions qopts = { .payload = x, .progress_callback = query_progress };
	for (int i = 0; i < r->n_passes; i++) {
		const struct pass *pass = &r->passes[i];
		ts_query_cursor_set_max_start_depth(x->cursor, pass->max_start_depth);
		ts_query_cursor_exec_with_options(x->cursor, ax_query_ts(pass->query), root, &qopts);
		TSQueryMatch m;
		while (ax_query_next_match(pass->query, x->cursor, text, len, &m))
			take_match(x, pass, &m);
		if (past_deadline(x))
			return false;
	}
	return true;
}

/* What a file looks like, as flags of its record. */
struct file_flags {
	bool minified, generated;
};

static void pack_record(struct extractor *x, const struct extract_job *job, msgpack_packer *pk,
			const char *text, int64_t errors, struct file_flags flags)
{
	msgpack_pack_map(pk, 13);
	ax_pack_kv_str(pk, "t", "parsed");
	ax_pack_kv_str(pk, "path", job->path);
	ax_pack_kv_str(pk, "lang", job->lang_name);
	ax_pack_kv_strn(pk, "hash", job->hash, job->hash_len);
	/* The scan's stat, so that the index can tell the next scan which
	 * files need not be read (ax-scan --db). */
	ax_pack_kv_int(pk, "size", job->size);
	ax_pack_kv_int(pk, "mtime", job->mtime);
	ax_pack_kv_int(pk, "errors", errors);
	ax_pack_kv_bool(pk, "minified", flags.minified);
	ax_pack_kv_bool(pk, "generated", flags.generated);
	ax_pack_kv_bool(pk, "truncated", x->truncated);
	pack_syms(x, pk, text);
	pack_items(pk, "imports", x->imports, x->n_imports, text, false);
	pack_items(pk, "refs", x->refs, x->n_refs, text, true);
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
	if (!ts_parser_set_language(x->parser, r->language)) {
		set_error(err, "grammar", "%s", "grammar ABI not supported by the runtime");
		return false;
	}
	struct source src = { text, (uint32_t)len };
	TSInput input = { .payload = &src, .read = read_source, .encoding = TSInputEncodingUTF8 };
	TSParseOptions popts = { .payload = x, .progress_callback = parse_progress };
	TSTree *tree = ts_parser_parse_with_options(x->parser, NULL, input, popts);
	if (!tree) {
		ts_parser_reset(x->parser);   /* else the next parse resumes this one */
		err->code = "timeout";
		snprintf(err->msg, sizeof err->msg, "parse took longer than --timeout-ms=%llu",
			 (unsigned long long)x->limits.timeout_ms);
		give_back_memory(x);
		return false;
	}
	TSNode root = ts_tree_root_node(tree);
	int64_t errors = count_errors(root);
	bool done = x->limits.parse_only || run_queries(x, r, root, text, len);
	if (!done) {
		ts_tree_delete(tree);
		err->code = "timeout";
		snprintf(err->msg, sizeof err->msg, "queries took longer than --timeout-ms=%llu",
			 (unsigned long long)x->limits.timeout_ms);
		give_back_memory(x);
		return false;
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
	ts_tree_delete(tree);   /* after packing: signatures look at nodes */
	give_back_memory(x);
	return true;
}
