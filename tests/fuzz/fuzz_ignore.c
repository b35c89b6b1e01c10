/* fuzz_ignore: the gitignore parser and git's glob matcher on arbitrary input.
 *
 * Input: one flag byte, then pattern NUL text (a missing NUL: the text is
 * empty). Properties checked, beyond "no crash, no leak, no UB":
 *  - for patterns without '[' or '\' (and without "**" under
 *    AX_WM_PATHNAME) ax_wildmatch agrees with the plain reference matcher
 *    below, with and without AX_WM_CASEFOLD;
 *  - a one-line .gitignore holding a pattern without '/' excludes a path
 *    exactly when the pattern matches the path's base name (gitignore(5)),
 *    so the literal and "*suffix" shortcuts of lib/base/ignore.c agree with the
 *    matcher;
 *  - the whole input parsed as a .gitignore matches any path without
 *    crashing, and a list decides a (non-empty) path the same for any base. */
#include "base/ignore.h"
#include "base/wildmatch.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool same_char(char p, char t, bool fold)
{
	return fold ? tolower((unsigned char)p) == tolower((unsigned char)t) : p == t;
}

/* '*' any run, '?' any one character; under `pathname` neither crosses '/'.
 * By dynamic programming: at[i][j] says whether pattern from i matches
 * text from j. */
static bool reference(const char *p, const char *t, bool pathname, bool fold)
{
	size_t np = strlen(p), nt = strlen(t);
	bool *at = calloc((np + 1) * (nt + 1), sizeof *at);
#define AT(i, j) at[(i) * (nt + 1) + (j)]
	AT(np, nt) = true;
	for (size_t i = np; i-- > 0;)
		for (size_t j = nt + 1; j-- > 0;) {
			bool slash = j < nt && t[j] == '/' && pathname;
			if (p[i] == '*')
				AT(i, j) = AT(i + 1, j) || (j < nt && !slash && AT(i, j + 1));
			else
				AT(i, j) = j < nt && (p[i] == '?' ? !slash : same_char(p[i], t[j], fold)) &&
					   AT(i + 1, j + 1);
		}
	bool yes = AT(0, 0);
#undef AT
	free(at);
	return yes;
}

static bool reference_applies(const char *pat, bool pathname)
{
	if (strpbrk(pat, "[\\"))
		return false;
	return !pathname || !strstr(pat, "**");
}

/* A pattern that a .gitignore line keeps as is, with no slash in it (and
 * no byte-order mark, which the parser drops at the start of a file). */
static bool plain_basename_pattern(const char *pat)
{
	size_t n = strlen(pat);
	return n > 0 && pat[0] != '#' && pat[0] != '!' && pat[n - 1] != ' ' &&
	       !strpbrk(pat, "/\\\r\n") && strncmp(pat, "\xEF\xBB\xBF", 3) != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 256)
		return 0;
	unsigned mode = data[0];
	const char *rest = (const char *)data + 1;
	size_t restlen = size - 1;
	const char *nul = memchr(rest, '\0', restlen);
	size_t plen = nul ? (size_t)(nul - rest) : restlen;
	char *pat = strndup(rest, plen);
	char *text = nul ? strndup(nul + 1, restlen - plen - 1) : strdup("");

	bool fold = mode & 1, pathname = mode & 2;
	unsigned flags = (fold ? AX_WM_CASEFOLD : 0) | (pathname ? AX_WM_PATHNAME : 0);
	bool got = ax_wildmatch(pat, text, flags);
	if (reference_applies(pat, pathname) && got != reference(pat, text, pathname, fold))
		abort();

	if (plain_basename_pattern(pat)) {
		struct ax_ignore_list *l = ax_ignore_list_parse(pat, plen, "");
		const char *slash = strrchr(text, '/');
		const char *base = slash ? slash + 1 : text;
		int verdict = ax_ignore_list_match(l, text, strlen(text), mode & 4, fold);
		if ((verdict == 1) != ax_wildmatch(pat, base, fold ? AX_WM_CASEFOLD : 0))
			abort();
		ax_ignore_list_free(l);
	}

	struct ax_ignore_list *whole = ax_ignore_list_parse(rest, restlen, "");
	struct ax_ignore_list *based = ax_ignore_list_parse(rest, restlen, "sub/");
	size_t tlen = strlen(text);
	char *under = malloc(tlen + 5);
	memcpy(under, "sub/", 4);
	memcpy(under + 4, text, tlen + 1);
	int a = ax_ignore_list_match(whole, text, tlen, mode & 4, fold);
	int b = ax_ignore_list_match(based, under, tlen + 4, mode & 4, fold);
	if (tlen && a != b)
		abort();
	free(under);
	ax_ignore_list_free(whole);
	ax_ignore_list_free(based);
	free(pat);
	free(text);
	return 0;
}
