/* text.c: clean, short, valid UTF-8 strings for the index. */
#include "text.h"
#include "base/shown.h"

#include <stdbool.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one:
 * base/shown.h's decoder, with ASCII, most of any source, kept inline. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned cp;
	return s[0] < 0x80 ? 1 : ax_utf8_next((const char *)s, n, &cp);
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t text_clean(const char *src, size_t n, char *out)
{
	static const char ellipsis[] = "...";
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, i = 0;
	bool pending_space = false;
	while (i < n) {
		/* A run of printable ASCII, most of any name or header, in one
		 * copy when it fits; the byte loop below cuts where it does not. */
		size_t run = 0;
		while (i + run < n && s[i + run] > 0x20 && s[i + run] < 0x7f)
			run++;
		if (run > 0 && o + run + (pending_space ? 1 : 0) <= TEXT_MAX) {
			if (pending_space)
				out[o++] = ' ';
			pending_space = false;
			memcpy(out + o, s + i, run);
			o += run;
			i += run;
			continue;
		}
		if (is_space(s[i])) {
			pending_space = o > 0;
			i++;
			continue;
		}
		size_t len = utf8_len(s + i, n - i);
		const char *piece = (const char *)s + i;
		size_t plen = len;
		if (len == 0) {
			piece = "\xef\xbf\xbd";
			plen = 3;
			len = 1;
		} else if (len == 1 && (s[i] < 0x20 || s[i] == 0x7f)) {
			i++;
			continue;
		}
		size_t need = plen + (pending_space ? 1 : 0);
		if (o + need > TEXT_MAX) {
			/* Cut here, leaving room for the ellipsis. */
			while (o > TEXT_MAX - (sizeof ellipsis - 1)) {
				o--;
				while (o > 0 && ((unsigned char)out[o] & 0xc0) == 0x80)
					o--;
			}
			while (o > 0 && out[o - 1] == ' ')
				o--;
			memcpy(out + o, ellipsis, sizeof ellipsis - 1);
			o += sizeof ellipsis - 1;
			out[o] = '\0';
			return o;
		}
		if (pending_space)
			out[o++] = ' ';
		pending_space = false;
		memcpy(out + o, piece, plen);
		o += plen;
		i += len;
	}
	out[o] = '\0';
	return o;
}

size_t text_clean_unquoted(const char *s, size_t n, bool angles, char *out)
{
	if (n >= 2) {
		char a = s[0], b = s[n - 1];
		if ((a == '"' || a == '\'' || a == '`') && b == a)
			return text_clean(s + 1, n - 2, out);
		if (angles && a == '<' && b == '>')
			return text_clean(s + 1, n - 2, out);
	}
	return text_clean(s, n, out);
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

size_t text_signature(const char *s, size_t n, char *out)
{
	size_t len = text_clean(s, n, out);
	for (;;) {
		if (len > 0 && (out[len - 1] == '{' || out[len - 1] == ':' || out[len - 1] == ';' ||
				 out[len - 1] == '='))
			len--;
		else if (ends_with(out, len, " do"))
			len -= 3;
		else
			break;
		while (len > 0 && out[len - 1] == ' ')
			len--;
	}
	out[len] = '\0';
	return len;
}

/* Skip comment markers at the start of a line. */
static size_t strip_markers(const char *s, size_t n)
{
	static const char *const markers[] = {
		"/**", "/*!", "/*", "*/", "///", "//!", "//", "\"\"\"", "'''", "#", "*", "\"", "'", "--",
	};
	size_t i = 0;
	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		bool found = false;
		for (size_t k = 0; k < sizeof markers / sizeof *markers; k++) {
			size_t ml = strlen(markers[k]);
			if (n - i >= ml && memcmp(s + i, markers[k], ml) == 0) {
				i += ml;
				found = true;
				break;
			}
		}
		if (!found)
			return i;
	}
}

/* Drop closing markers at the end of a line. */
static size_t strip_closers(const char *s, size_t n)
{
	for (;;) {
		while (n > 0 && is_space((unsigned char)s[n - 1]))
			n--;
		if (ends_with(s, n, "*/") || ends_with(s, n, "\"\"\"") || ends_with(s, n, "'''"))
			n -= ends_with(s, n, "*/") ? 2 : 3;
		else if (n > 0 && (s[n - 1] == '"' || s[n - 1] == '\''))
			n--;
		else
			return n;
	}
}

/* C#'s XML doc: the summary's text, not its tags, which become spaces
 * (text_clean drops them). Only a '<' can start one: memchr finds those,
 * where comparing every tag at every byte cost 5% of a parse. */
static void blank_xml_tags(char *buf, size_t n)
{
	static const char *const tags[] = {
		"<summary>", "</summary>", "<para>", "</para>", "<remarks>", "</remarks>",
	};
	char *end = buf + n;
	for (char *p = memchr(buf, '<', n); p; p = memchr(p + 1, '<', (size_t)(end - p - 1))) {
		for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
			size_t tl = strlen(tags[t]);
			if ((size_t)(end - p) >= tl && memcmp(p, tags[t], tl) == 0) {
				memset(p, ' ', tl);
				break;
			}
		}
	}
}

size_t text_doc(const char *s, size_t n, char *out)
{
	char buf[4 * TEXT_MAX];
	size_t b = 0;
	size_t i = 0;
	while (i < n && b < sizeof buf - 1) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;
		const char *line = s + i;
		size_t len = end - i;
		size_t skip = strip_markers(line, len);
		line += skip;
		len = strip_closers(line, len - skip);
		i = end + 1;
		if (len == 0) {
			if (b > 0)
				break;  /* blank line: the first paragraph is over */
			continue;
		}
		if (line[0] == '@' && b > 0)
			break;  /* @param, @return: tags follow the summary */
		if (b > 0)
			buf[b++] = ' ';
		if (len > sizeof buf - 1 - b)
			len = sizeof buf - 1 - b;
		memcpy(buf + b, line, len);
		b += len;
	}
	blank_xml_tags(buf, b);
	size_t lead = 0;
	while (lead < b && buf[lead] == ' ')
		lead++;
	memmove(buf, buf + lead, b - lead);
	b -= lead;
	/* The first sentence ends at ". " (or a period at the end). */
	for (size_t k = 0; k + 1 < b; k++) {
		if (buf[k] == '.' && is_space((unsigned char)buf[k + 1])) {
			b = k + 1;
			break;
		}
	}
	return text_clean(buf, b, out);
}
