/* doc.c: the doc comment and the signature of a symbol. */
#include "extract_int.h"

#include <string.h>

#include "text.h"

int cmp_doc(const void *a, const void *b)
{
	const struct doc *x = a, *y = b;
	return x->extent.e < y->extent.e ? -1 : x->extent.e > y->extent.e;
}

int cmp_span_end(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->e < y->e ? -1 : x->e > y->e;
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
struct span doc_before(const struct extractor *x, const struct sym *s, const char *text)
{
	struct span none = { 0, 0 };
	if (x->n_docs == 0 || ts_node_is_null(s->node))
		return none;
	const struct sym *parent = s->parent >= 0 ? &x->syms[s->parent] : NULL;
	TSNode anchor = s->node;
	for (int up = 0; up < 4; up++) {
		struct span d = doc_ending_at(x, ts_node_start_byte(anchor), text);
		if (d.e > d.s)
			return d;
		/* ts_node_parent walks down from the root: the cheap tests
		 * first, the root test (a second walk) last. */
		TSNode p = ts_node_parent(anchor);
		if (ts_node_is_null(p) || ts_node_end_byte(p) != ts_node_end_byte(anchor) ||
		    (parent && ts_node_start_byte(p) <= parent->def.s) ||
		    ts_node_is_null(ts_node_parent(p)))
			break;
		anchor = p;
	}
	return none;
}

/* The declaration header: up to the body, or the first line. */
size_t signature(const struct sym *s, const char *text, char *out)
{
	uint32_t end = s->def.e;
	TSNode body = ts_node_is_null(s->node) ? s->node : ts_node_child_by_field_name(s->node, "body", 4);
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
