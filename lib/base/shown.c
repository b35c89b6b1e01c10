/* shown.c: quoting names for text output, and display widths. */
#include "base/shown.h"
#include "base/strbuf.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t ax_utf8_next(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned c = s[0], min;
	size_t len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) len = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef) len = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4) len = 4, c &= 0x07, min = 0x10000;
	else return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

char *ax_utf8_repair(const char *s)
{
	struct ax_strbuf b = { 0 };
	size_t n = strlen(s);
	unsigned cp;
	ax_strbuf_add(&b, "", 0);
	for (size_t i = 0, len; i < n; i += len) {
		len = ax_utf8_next(s + i, n - i, &cp);
		if (len) {
			ax_strbuf_add(&b, s + i, len);
		} else {
			len = 1;
			ax_strbuf_adds(&b, "\xef\xbf\xbd"); /* U+FFFD */
		}
	}
	return b.s;
}

/* The C escape of byte c, or 0 if it needs none (in a name, '"' and '\'
 * need one; in free text they do not, nor does a tab, which breaks no
 * line and is common in source code). */
static int escape_of(unsigned char c, bool name)
{
	if (!name && c == '\t')
		return 0;
	static const char ctl[] = { ['\a'] = 'a', ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n',
				    ['\v'] = 'v', ['\f'] = 'f', ['\r'] = 'r' };
	if (c < sizeof ctl && ctl[c])
		return ctl[c];
	if (c < 0x20 || c == 0x7f)
		return 'o'; /* octal */
	if (name && (c == '"' || c == '\\'))
		return c;
	return 0;
}

/* Does s need escaping? Bytes that are not UTF-8 always do. */
static bool needs_escape(const char *s, size_t n, bool name)
{
	unsigned cp;
	for (size_t i = 0, len; i < n; i += len) {
		len = ax_utf8_next(s + i, n - i, &cp);
		if (!len || (len == 1 && escape_of((unsigned char)s[i], name)))
			return true;
	}
	return false;
}

static void add_escaped(struct ax_strbuf *b, const char *s, size_t n, bool name)
{
	unsigned cp;
	for (size_t i = 0, len; i < n; i += len) {
		len = ax_utf8_next(s + i, n - i, &cp);
		unsigned char c = (unsigned char)s[i];
		int e = len == 1 ? escape_of(c, name) : 0;
		if (!len) {
			len = 1;
			e = 'o';
		}
		if (e == 'o')
			ax_strbuf_addf(b, "\\%03o", c);
		else if (e)
			ax_strbuf_addf(b, "\\%c", e);
		else
			ax_strbuf_add(b, s + i, len);
	}
}

static const char *shown(const char *s, bool name)
{
	static _Thread_local struct ax_strbuf ring[8];
	static _Thread_local unsigned next;
	size_t n = strlen(s);
	if (!needs_escape(s, n, name))
		return s;
	struct ax_strbuf *b = &ring[next++ % 8];
	b->n = 0;
	if (name)
		ax_strbuf_add(b, "\"", 1);
	add_escaped(b, s, n, name);
	if (name)
		ax_strbuf_add(b, "\"", 1);
	return b->s;
}

const char *ax_shown(const char *s)
{
	return shown(s, true);
}

const char *ax_shown_text(const char *s)
{
	return shown(s, false);
}

/* wcwidth() answers by LC_CTYPE; ax never calls setlocale(), and the width
 * of a name must not depend on the user's locale, so ask C.UTF-8. */
static int char_width(unsigned cp)
{
	static locale_t utf8;
	static bool tried;
	if (cp < 0x7f)
		return cp >= 0x20;
	if (!tried) {
		tried = true;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	if (!utf8)
		return 1;
	locale_t old = uselocale(utf8);
	int w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w < 0 ? 1 : w;
}

int ax_display_width(const char *s)
{
	size_t n = strlen(s);
	int w = 0;
	unsigned cp;
	for (size_t i = 0, len; i < n; i += len) {
		len = ax_utf8_next(s + i, n - i, &cp);
		if (!len) {
			len = 1;
			w++;
			continue;
		}
		w += char_width(cp);
	}
	return w;
}

int ax_pad(const char *s, int width)
{
	int w = ax_display_width(s);
	return w < width ? width - w : 0;
}
