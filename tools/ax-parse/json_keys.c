/* json_keys.c: the keys of a JSON file without a syntax tree.
 *
 * JSON's only symbols are its keys (grammars/queries/json: every pair), and
 * tree-sitter's full tree costs most of their extraction. This scanner
 * reads the file once and records each pair as the query would (the pair's
 * span, the key as its name, in the order the query matches them); the
 * steps after the queries (parents, key paths, signatures) run unchanged.
 * It takes only what tree-sitter-json parses without an error: strict JSON
 * plus its comments, its number syntax (`1.`, no `+` exponent) and any
 * number of top-level values. At anything else it gives up and the file
 * goes through tree-sitter, so a broken file gets the same recovery and
 * error count as before. */
#include "extract_int.h"

#include <string.h>

#include "base/shown.h"

/* Deeper files are left to tree-sitter (no stack to grow per file). */
#define MAX_DEPTH 1024

struct scan {
	struct extractor *x;
	const char *s;
	uint32_t n, i;
	uint32_t row, line_start;     /* of position i */
};

static TSPoint here(const struct scan *js)
{
	return (TSPoint){ js->row, js->i - js->line_start };
}

static void newline(struct scan *js)
{
	js->row++;
	js->line_start = js->i + 1;
}

/* A comment: `//` to the end of the line, or a closed C comment. */
static bool skip_comment(struct scan *js)
{
	if (js->i + 1 >= js->n)
		return false;
	if (js->s[js->i + 1] == '/') {
		while (js->i < js->n && js->s[js->i] != '\n')
			js->i++;
		return true;
	}
	if (js->s[js->i + 1] != '*')
		return false;
	for (js->i += 2; js->i + 1 < js->n; js->i++) {
		if (js->s[js->i] == '*' && js->s[js->i + 1] == '/') {
			js->i += 2;
			return true;
		}
		if (js->s[js->i] == '\n')
			newline(js);
	}
	return false;
}

/* White space and comments; false at a lone `/` or an open comment. Other
 * blanks tree-sitter's \s takes (\f, U+00A0, ...) are left to it. */
static bool skip_blank(struct scan *js)
{
	while (js->i < js->n) {
		char c = js->s[js->i];
		if (c == '\n')
			newline(js);
		else if (c == '/') {
			if (!skip_comment(js))
				return false;
			continue;
		} else if (c != ' ' && c != '\t' && c != '\r')
			break;
		js->i++;
	}
	return true;
}

/* A string, from its opening quote: escapes of the grammar only (`\u` is an
 * escape whose hex digits are plain text), no line break, no control byte,
 * valid UTF-8. */
static bool scan_string(struct scan *js)
{
	for (js->i++; js->i < js->n;) {
		unsigned char c = (unsigned char)js->s[js->i];
		if (c == '"') {
			js->i++;
			return true;
		}
		if (c == '\\') {
			if (js->i + 1 >= js->n || !strchr("\"\\/bfnrtu", js->s[js->i + 1]) || !js->s[js->i + 1])
				return false;
			js->i += 2;
		} else if (c < 0x20 && c != '\t' && c != '\r') {
			return false;
		} else if (c < 0x80) {
			js->i++;
		} else {
			unsigned cp;
			size_t len = ax_utf8_next(js->s + js->i, js->n - js->i, &cp);
			if (len == 0)
				return false;
			js->i += (uint32_t)len;
		}
	}
	return false;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void skip_digits(struct scan *js)
{
	while (js->i < js->n && is_digit(js->s[js->i]))
		js->i++;
}

/* Does a value end here, as tree-sitter would end its token? */
static bool at_delimiter(const struct scan *js)
{
	if (js->i >= js->n)
		return true;
	char c = js->s[js->i];
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' ||
	       c == '}' || c == '/';
}

/* -?(0|[1-9][0-9]*)(.[0-9]*)?([eE]-?[0-9]+)? as tree-sitter-json has it. */
static bool scan_number(struct scan *js)
{
	if (js->s[js->i] == '-')
		js->i++;
	if (js->i >= js->n || !is_digit(js->s[js->i]))
		return false;
	if (js->s[js->i] == '0')
		js->i++;
	else
		skip_digits(js);
	if (js->i < js->n && js->s[js->i] == '.') {
		js->i++;
		skip_digits(js);
	}
	if (js->i < js->n && (js->s[js->i] == 'e' || js->s[js->i] == 'E')) {
		js->i++;
		if (js->i < js->n && js->s[js->i] == '-')
			js->i++;
		if (js->i >= js->n || !is_digit(js->s[js->i]))
			return false;
		skip_digits(js);
	}
	return at_delimiter(js);
}

static bool scan_word(struct scan *js, const char *word)
{
	size_t len = strlen(word);
	if (js->n - js->i < len || memcmp(js->s + js->i, word, len) != 0)
		return false;
	js->i += (uint32_t)len;
	return at_delimiter(js);
}

/* A value that is no container. */
static bool scan_scalar(struct scan *js)
{
	switch (js->s[js->i]) {
	case '"':
		return scan_string(js);
	case 't':
		return scan_word(js, "true");
	case 'f':
		return scan_word(js, "false");
	case 'n':
		return scan_word(js, "null");
	default:
		return scan_number(js);
	}
}

/* A pair's key and `:`, recorded as the query's match would be: the pair
 * is the symbol (its end is set once its value ends), the key its name.
 * Its index, or -1 past the symbol cap. */
static bool scan_key(struct scan *js, int32_t *pair)
{
	if (js->i >= js->n || js->s[js->i] != '"')
		return false;
	uint32_t start = js->i;
	TSPoint pt = here(js);
	if (!scan_string(js))
		return false;
	struct extractor *x = js->x;
	*pair = -1;
	if (x->n_syms >= MAX_SYMS) {
		x->truncated = true;
	} else {
		GROW(x->syms, x->n_syms, x->cap_syms);
		*pair = (int32_t)x->n_syms;
		x->syms[x->n_syms++] = (struct sym){
			.def = { start, 0 },
			.name = { start, js->i },
			.name_pt = pt,
			.kind = "key",
			.parent = -1,
			.alias = -1,
			.scope = -1,
		};
	}
	if (!skip_blank(js) || js->i >= js->n || js->s[js->i] != ':')
		return false;
	js->i++;
	return skip_blank(js);
}

/* One top-level value, containers walked with a stack of their open
 * brackets and, for objects, the pair whose value is being read. */
static bool scan_value(struct scan *js)
{
	char open[MAX_DEPTH];
	int32_t pair[MAX_DEPTH];
	uint32_t depth = 0;
	bool want_key = false;
	for (;;) {
		/* A key or a value starts at js->i. */
		if (want_key) {
			if (!scan_key(js, &pair[depth - 1]))
				return false;
			want_key = false;
		}
		if (js->i >= js->n)
			return false;
		char c = js->s[js->i];
		if (c == '{' || c == '[') {
			if (depth == MAX_DEPTH)
				return false;
			open[depth] = c;
			pair[depth++] = -1;
			js->i++;
			if (!skip_blank(js) || js->i >= js->n)
				return false;
			if (js->s[js->i] != (c == '{' ? '}' : ']')) {
				want_key = c == '{';
				continue;
			}
			depth--;
			js->i++;
		} else if (!scan_scalar(js)) {
			return false;
		}
		/* A value ended at js->i: it ends its pair, and maybe more. */
		for (;;) {
			if (depth == 0)
				return true;
			int32_t p = pair[depth - 1];
			if (open[depth - 1] == '{' && p >= 0) {
				js->x->syms[p].def.e = js->i;
				js->x->syms[p].end_pt = here(js);
				pair[depth - 1] = -1;
			}
			if (!skip_blank(js) || js->i >= js->n)
				return false;
			char close = open[depth - 1] == '{' ? '}' : ']';
			if (js->s[js->i] == ',') {
				js->i++;
				if (!skip_blank(js))
					return false;
				want_key = close == '}';
				break;
			}
			if (js->s[js->i] != close)
				return false;
			js->i++;
			depth--;
		}
	}
}

bool json_keys(struct extractor *x, const char *text, uint32_t len)
{
	struct scan js = { x, text, len, 0, 0, 0 };
	if (!skip_blank(&js))
		return false;
	while (js.i < js.n) {
		if (!scan_value(&js) || !skip_blank(&js))
			return false;
	}
	return true;
}
