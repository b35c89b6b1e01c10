/* link.c: the captured symbols linked up: parents by enclosure, final names
 * and kinds, duplicates, members set in methods, and the references that
 * are no uses of a symbol (definitions, locals). */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static bool is_config_kind(const char *kind)
{
	return strcmp(kind, "key") == 0 || strcmp(kind, "table") == 0;
}

int cmp_sym(const void *a, const void *b)
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

/* Which kind wins at an identifier captured twice (lower first): what an
 * import or export names; then `none` and `write`, which only a pattern for
 * that very place captures (an Elixir `@attr value` and `@spec f(...)`,
 * which the grammar reads as calls); the other kinds (`call` before `type`);
 * last the generic uses of a name (read, member): `f` in `f()` is a call,
 * `x` in `x = 1` a write. */
static int kind_rank(const char *kind)
{
	if (strcmp(kind, "import") == 0 || strcmp(kind, "export") == 0)
		return 0;
	if (strcmp(kind, "none") == 0 || strcmp(kind, "write") == 0)
		return 1;
	return strcmp(kind, "read") == 0 || strcmp(kind, "member") == 0 ? 3 : 2;
}

int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->span.s != y->span.s)
		return x->span.s < y->span.s ? -1 : 1;
	int rx = kind_rank(x->kind), ry = kind_rank(y->kind);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->kind, y->kind);
}

int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* The outermost @local_scope span holding byte `pos`, counted from 1, or 0
 * for none (local_scopes sorted and disjoint: drop_in_local_scopes). */
static size_t local_scope_at(const struct extractor *x, uint32_t pos)
{
	size_t lo = 0, hi = x->n_local_scopes;
	while (lo < hi) {        /* last span starting at or before pos */
		size_t mid = (lo + hi) / 2;
		if (x->local_scopes[mid].s <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && pos < x->local_scopes[lo - 1].e ? lo : 0;
}

/* Drop the symbols of (#set! not-in "local_scope") patterns that lie inside a
 * @local_scope span: C's `declaration` is a global or a prototype at file scope
 * (at any depth of #if, extern "C" and namespace blocks) but a local
 * variable in a function body, which no query can tell apart by shape.
 * Leaves the outermost spans only, sorted: filter_refs scopes locals by them. */
void drop_in_local_scopes(struct extractor *x)
{
	if (x->n_local_scopes == 0)
		return;
	sort(x->local_scopes, x->n_local_scopes, sizeof *x->local_scopes, cmp_span);
	size_t n = 0;   /* keep the outermost spans: then they are disjoint */
	for (size_t i = 0; i < x->n_local_scopes; i++)
		if (n == 0 || x->local_scopes[i].s >= x->local_scopes[n - 1].e)
			x->local_scopes[n++] = x->local_scopes[i];
	x->n_local_scopes = n;
	size_t o = 0;
	for (size_t i = 0; i < x->n_syms; i++) {
		const struct sym *s = &x->syms[i];
		if (s->not_local) {
			size_t in = local_scope_at(x, s->def.s);
			if (in && s->def.e <= x->local_scopes[in - 1].e)
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
void link_parents(struct extractor *x)
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
void lift_members(struct extractor *x)
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
	if (ts_node_is_null(node))
		return false;
	TSNode key = ts_node_named_child(node, 0);
	return !ts_node_is_null(key) && strcmp(ts_node_type(key), "dotted_key") == 0;
}

/* Final names, kinds and duplicates, in source order (parents first). */
void resolve_syms(struct extractor *x, const char *text)
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
			size_t pl = parent->name_len;
			memcpy(joined, x->names + parent->name_off, pl);
			joined[pl] = '.';
			memcpy(joined + pl + 1, buf, n);
			n = text_clean(joined, pl + 1 + n, buf);
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
void drop_repeated_members(struct extractor *x)
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

/* A name bound locally (@local: a parameter, a local variable) and the
 * @local_scope it is bound in (0: none, the whole file). */
struct local {
	struct span name;
	size_t scope;
};

static int cmp_local(const void *a, const void *b, void *text)
{
	const struct local *x = a, *y = b;
	int c = cmp_text(&x->name, &y->name, text);
	return c ? c : (x->scope > y->scope) - (x->scope < y->scope);
}

static bool has_local(const struct local *key, const struct local *ls, size_t n, const char *text)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_local(key, &ls[mid], (void *)text);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* The locals, sorted by text, then scope; a binding at a symbol's name is
 * no local (a top-level `const`). A language whose queries mark functions
 * as @local_scope confines each local to its function; elsewhere a local
 * name is local in the whole file. */
static struct local *local_names(const struct extractor *x, const uint32_t *names,
				  const char *text, size_t *n)
{
	struct local *ls = ax_malloc((x->n_locals + 1) * sizeof *ls);
	size_t o = 0;
	for (size_t i = 0; i < x->n_locals; i++)
		if (!x->n_syms || !bsearch(&x->locals[i].s, names, x->n_syms, sizeof *names, cmp_u32))
			ls[o++] = (struct local){ x->locals[i], local_scope_at(x, x->locals[i].s) };
	qsort_r(ls, o, sizeof *ls, cmp_local, (void *)text);
	*n = o;
	return ls;
}

/* A read or write of a local name is not recorded: it cannot be a use of
 * a symbol, and locals would make most of the references. A member
 * (`this.data = data`: after `.`, or right after `->`) is never a local;
 * a `>` that closes a generic type (`List<T> x`) or an arrow spaced from
 * the name (`x -> x`, `x => x`) or a spread `...x` is no member access. */
static bool local_use(const struct extractor *x, const struct item *r,
		      const struct local *locals, size_t n, const char *text)
{
	if (!n || (strcmp(r->kind, "read") != 0 && strcmp(r->kind, "write") != 0))
		return false;
	uint32_t p = r->span.s;
	if (p > 1 && text[p - 1] == '>' && text[p - 2] == '-')
		return false;
	while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t'))
		p--;
	if (p > 0 && text[p - 1] == '.' && (p == 1 || text[p - 2] != '.'))
		return false;
	struct local key = { r->span, 0 };   /* bound file-wide, or in r's function */
	if (has_local(&key, locals, n, text))
		return true;
	key.scope = local_scope_at(x, r->span.s);
	return key.scope && has_local(&key, locals, n, text);
}

/* Drop references that are really definitions (at a symbol's name), uses
 * of locals, identifiers a query says are none (@ref.none: it outranks the
 * generic read there), and the same name captured twice (refs are sorted
 * by position, then kind). */
void filter_refs(struct extractor *x, const char *text)
{
	uint32_t *names = ax_malloc((x->n_syms + 1) * sizeof *names);
	for (size_t i = 0; i < x->n_syms; i++)
		names[i] = x->syms[i].name.s;
	sort(names, x->n_syms, sizeof *names, cmp_u32);
	size_t nl;
	struct local *locals = local_names(x, names, text, &nl);
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
		if (local_use(x, r, locals, nl, text) || strcmp(r->kind, "none") == 0)
			continue;
		x->refs[o++] = *r;
	}
	x->n_refs = o;
	free(locals);
	free(names);
}
