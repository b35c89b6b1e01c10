/* passes.c: run the query passes of a language over a tree and record what
 * each match captured, by the role of its capture names (docs/queries.md). */
#include "extract_int.h"

#include <string.h>

static bool query_progress(TSQueryCursorState *state)
{
	return past_deadline(state->payload);
}

static struct span span_of(TSNode n)
{
	return (struct span){ ts_node_start_byte(n), ts_node_end_byte(n) };
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

/* Run the queries over the tree; false if the deadline passed. */
bool run_queries(struct extractor *x, const struct rules *r, TSNode root,
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
