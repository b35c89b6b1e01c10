/* macros.c: the text the C and C++ grammars parse, with the macros that
 * stand where the grammar expects no name blanked out (docs/parse.md, "C
 * and C++ macros").
 *
 * tree-sitter knows nothing of the preprocessor: a line `BOOST_UBLAS_INLINE`
 * before a member function, or `BOOST_NOEXCEPT` after its parameters, reads
 * as a type or a declarator and the error spreads over the class (the
 * function is lost, its member initializers become methods). The parser
 * gets a copy of the text with such a macro replaced by spaces; the byte
 * offsets, lines and the text the queries read stay the original ones. */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static size_t skip_space(const char *s, size_t n, size_t i)
{
	while (i < n && space(s[i]))
		i++;
	return i;
}

static size_t word_end(const char *s, size_t n, size_t i)
{
	while (i < n && word_char(s[i]))
		i++;
	return i;
}

/* A macro's name as projects write them: capitals, digits and at least one
 * inner `_` (BOOST_NOEXCEPT, Q_OBJECT); not `T`, `MAX` or `FILE`. */
static bool macro_name(const char *s, size_t len)
{
	if (len < 3 || s[0] < 'A' || s[0] > 'Z' || s[len - 1] == '_')
		return false;
	bool underscore = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '_')
			underscore = true;
		else if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	}
	return underscore;
}

static bool is_word(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == len && memcmp(s, *words, len) == 0)
			return true;
	return false;
}

/* What may follow a function's `)` before its body or `;`. */
static const char *const specifiers[] = { "const", "volatile", "override", "final", "noexcept", NULL };
/* Words before a `(` that make it no parameter list. */
static const char *const keywords[] = { "if", "while", "for", "switch", "return", "sizeof", "alignof",
					"decltype", "noexcept", "__attribute__", "catch", NULL };

static void blank(char *m, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (m[i] != '\n')
			m[i] = ' ';
}

/* Rule 1: a macro alone on its line, before a declaration (`static` and
 * `BOOST_UBLAS_INLINE` above `real_type real(...) {`): not after a `,`, an
 * operator or an open `(` (an argument), nor before a `}`, `,`, `)` or
 * operator (the last enumerator, an expression). */
static void alone_on_line(const char *s, size_t n, char *m, size_t b, size_t e)
{
	size_t w = word_end(s, n, b);
	if (!macro_name(s + b, w - b) || skip_space(s, e, w) != e)
		return;
	size_t p = b;
	while (p > 0 && space(s[p - 1]))
		p--;
	size_t q = skip_space(s, n, e);
	if ((p > 0 && strchr(",(\\=+-|&?", s[p - 1])) || q == n || strchr("},);={:|&+-?.", s[q]))
		return;
	blank(m, b, w);
}

/* The `(` that matches the `)` at i, searching back at most 4 KB; n when
 * there is none. */
static size_t open_paren(const char *s, size_t i)
{
	int depth = 0;
	for (size_t k = i + 1, stop = i > 4096 ? i - 4096 : 0; k-- > stop;) {
		if (s[k] == ')')
			depth++;
		else if (s[k] == '(' && --depth == 0)
			return k;
		else if (s[k] == ';' || s[k] == '{' || s[k] == '}')
			break;
	}
	return SIZE_MAX;
}

/* The end of the balanced `(...)` at i, or 0 (a `;`, `{` or `}` first). */
static size_t close_paren(const char *s, size_t n, size_t i)
{
	int depth = 0;
	for (size_t k = i; k < n; k++) {
		if (s[k] == '(')
			depth++;
		else if (s[k] == ')' && --depth == 0)
			return k + 1;
		else if (s[k] == ';' || s[k] == '{' || s[k] == '}')
			return 0;
	}
	return 0;
}

/* Whether the `)` at i closes a parameter list: its `(` follows a name (or
 * a template's `>`) that is no keyword; not a cast `(int)`, not `if (x)`. */
static bool closes_parameters(const char *s, size_t i)
{
	size_t o = open_paren(s, i);
	if (o == SIZE_MAX)
		return false;
	while (o > 0 && space(s[o - 1]))
		o--;
	if (o > 0 && s[o - 1] == '>')
		return true;
	size_t w = o;
	while (w > 0 && word_char(s[w - 1]))
		w--;
	return w < o && !(s[w] >= '0' && s[w] <= '9') && !is_word(s + w, o - w, keywords);
}

/* What follows a trailing macro when it is one: the body, `;`, `= 0`,
 * `= default`, `= delete`, member initializers, a trailing return type,
 * another specifier or macro. */
static bool ends_declarator(const char *s, size_t n, size_t r)
{
	if (r >= n)
		return false;
	if (s[r] == ';' || s[r] == '{' || s[r] == ':' || (s[r] == '-' && r + 1 < n && s[r + 1] == '>'))
		return true;
	if (s[r] == '=') {
		size_t v = skip_space(s, n, r + 1), ve = word_end(s, n, v);
		static const char *const pure[] = { "0", "default", "delete", NULL };
		return is_word(s + v, ve - v, pure);
	}
	size_t we = word_end(s, n, r);
	return is_word(s + r, we - r, specifiers) || macro_name(s + r, we - r);
}

/* Rule 2: a macro after a function's parameters and specifiers, with or
 * without arguments: `f() const BOOST_NOEXCEPT;`, `g() BOOST_NOEXCEPT_IF(x) {`. */
static void after_parameters(const char *s, size_t n, char *m, size_t i)
{
	size_t j = skip_space(s, n, i + 1);
	for (;;) {
		size_t we = word_end(s, n, j);
		if (we > j && is_word(s + j, we - j, specifiers))
			j = skip_space(s, n, we);
		else if (j < n && s[j] == '&')
			j = skip_space(s, n, j + 1);
		else
			break;
	}
	size_t we = word_end(s, n, j);
	if (!macro_name(s + j, we - j) || !closes_parameters(s, i))
		return;
	size_t end = we, a = skip_space(s, n, we);
	if (a < n && s[a] == '(' && (end = close_paren(s, n, a)) == 0)
		return;
	if (ends_declarator(s, n, skip_space(s, n, end)))
		blank(m, j, end);
}

/* The line from b (its first non-blank byte) to e (its '\n' or the end),
 * outside a preprocessor directive. */
static void mask_line(const char *s, size_t n, char *m, size_t b, size_t e)
{
	alone_on_line(s, n, m, b, e);
	for (size_t i = b; i < e; i++)
		if (s[i] == ')')
			after_parameters(s, n, m, i);
}

char *macros_masked(enum ax_lang lang, const char *s, size_t n)
{
	if (lang != AX_LANG_C && lang != AX_LANG_CPP)
		return NULL;
	char *m = malloc(n + 1);
	if (!m)
		return NULL;
	memcpy(m, s, n);
	m[n] = '\0';
	bool continued = false;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		size_t b = i;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		/* #define bodies and other directives are left as they are. */
		bool directive = continued || (b < e && s[b] == '#');
		size_t last = e;
		while (last > i && (s[last - 1] == '\r' || s[last - 1] == ' ' || s[last - 1] == '\t'))
			last--;
		continued = directive && last > i && s[last - 1] == '\\';
		if (!directive)
			mask_line(s, n, m, b, e);
		i = e + 1;
	}
	return m;
}
