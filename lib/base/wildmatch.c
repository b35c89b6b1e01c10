/* wildmatch.c: glob matching with gitignore(5) semantics.
 *
 * A single '*' matches within one path segment (with AX_WM_PATHNAME), and
 * is matched by backtracking to the last star only, which is linear in the
 * text for each segment. A "**" between slashes (or at an end) crosses
 * segments and is tried at every position by recursion. A bracket
 * expression that is never closed, or names an unknown [:class:], makes
 * the pattern match nothing, as it does for git. Character classes are
 * ASCII, whatever the locale. */
#include "base/wildmatch.h"

#include <string.h>

typedef unsigned char uchar;

/* WM_ENDED: the text ran out with pattern left, or a crossing star found
 * no start for the rest; no enclosing star taking more of the text can
 * help either, so it ends their searches too (git's WM_ABORT_ALL). That
 * keeps nested stars from trying every split: "*a*a*a*a*a*a*a*a*b" on 40
 * a's took 4 s. */
enum { WM_NO, WM_YES, WM_NEVER, WM_ENDED };

struct wm {
	const uchar *start;   /* the whole pattern, to see what precedes a star */
	unsigned flags;
};

static uchar lower(uchar c) { return c >= 'A' && c <= 'Z' ? (uchar)(c + 32) : c; }
static uchar upper(uchar c) { return c >= 'a' && c <= 'z' ? (uchar)(c - 32) : c; }

static bool same(const struct wm *w, uchar a, uchar b)
{
	return a == b || ((w->flags & AX_WM_CASEFOLD) && lower(a) == lower(b));
}

static bool in_range(const struct wm *w, uchar c, uchar lo, uchar hi)
{
	if (c >= lo && c <= hi)
		return true;
	if (!(w->flags & AX_WM_CASEFOLD))
		return false;
	uchar u = upper(c), l = lower(c);
	return (u >= lo && u <= hi) || (l >= lo && l <= hi);
}

/* Is c in the POSIX class `name` (len bytes)? -1 for an unknown class. */
static int in_class(const struct wm *w, const uchar *name, size_t len, uchar c)
{
	static const struct { const char *name; int (*test)(uchar); } classes[] = {
#define CLASS(n, expr) { #n, NULL },
		CLASS(alnum, 0) CLASS(alpha, 0) CLASS(blank, 0) CLASS(cntrl, 0)
		CLASS(digit, 0) CLASS(graph, 0) CLASS(lower, 0) CLASS(print, 0)
		CLASS(punct, 0) CLASS(space, 0) CLASS(upper, 0) CLASS(xdigit, 0)
#undef CLASS
	};
	bool digit = c >= '0' && c <= '9';
	bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
	bool alpha = up || low, graph = c > 32 && c < 127;
	bool fold = w->flags & AX_WM_CASEFOLD;
	const bool is[] = {
		alpha || digit, alpha, c == ' ' || c == '\t', c < 32 || c == 127,
		digit, graph, low || (fold && up), c >= 32 && c < 127,
		graph && !alpha && !digit, c == ' ' || (c >= '\t' && c <= '\r'), up || (fold && low),
		digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'),
	};
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
		if (strlen(classes[i].name) == len && memcmp(classes[i].name, name, len) == 0)
			return is[i];
	return -1;
}

/* The bracket expression whose body starts at p (just after '['): does it
 * take c? Sets *end past the closing ']'; -1 if it is malformed. */
static int bracket(const struct wm *w, const uchar *p, uchar c, const uchar **end)
{
	bool negated = *p == '!' || *p == '^', hit = false;
	uchar prev = 0; /* the last single member: where a range may start */
	if (negated)
		p++;
	for (bool first = true;; first = false) {
		uchar ch = *p;
		if (ch == '\0')
			return -1;
		if (ch == ']' && !first)
			break;
		if (ch == '\\') {
			if ((ch = *++p) == '\0')
				return -1;
		} else if (ch == '-' && prev && p[1] && p[1] != ']') {
			uchar hi = *++p;
			if (hi == '\\' && (hi = *++p) == '\0')
				return -1;
			hit |= in_range(w, c, prev, hi);
			prev = 0;
			p++;
			continue;
		} else if (ch == '[' && p[1] == ':') {
			const uchar *name = p + 2, *q = name;
			while (*q && *q != ']')
				q++;
			if (*q == '\0')
				return -1;
			if (q > name && q[-1] == ':') {
				int r = in_class(w, name, (size_t)(q - name - 1), c);
				if (r < 0)
					return -1;
				hit |= r;
				prev = 0;
				p = q + 1;
				continue;
			}
			/* "[:" without ":]" is an ordinary '[' */
		}
		hit |= same(w, ch, c);
		prev = ch;
		p++;
	}
	*end = p + 1;
	return hit != negated;
}

/* One pattern element that is not a star, against the text byte c (not
 * NUL): 1 it matches, 0 not, -1 malformed. *next is the element after. */
static int element(const struct wm *w, const uchar *p, uchar c, const uchar **next)
{
	bool pathname = w->flags & AX_WM_PATHNAME;
	switch (*p) {
	case '?':
		*next = p + 1;
		return !(pathname && c == '/');
	case '[': {
		int r = bracket(w, p + 1, c, next);
		return r < 0 ? -1 : r && !(pathname && c == '/');
	}
	case '\\':
		/* A trailing backslash matches nothing. */
		if (p[1] == '\0') {
			*next = p + 1;
			return 0;
		}
		p++;
		/* fallthrough */
	default:
		*next = p + 1;
		return same(w, *p, c);
	}
}

/* A run of stars from s to p (exclusive): does it cross '/'? */
static bool crosses_slashes(const struct wm *w, const uchar *s, const uchar *p)
{
	if (!(w->flags & AX_WM_PATHNAME))
		return true;
	bool bounded_before = s == w->start || s[-1] == '/';
	bool bounded_after = *p == '\0' || *p == '/' || (p[0] == '\\' && p[1] == '/');
	return p - s >= 2 && bounded_before && bounded_after;
}

static int match(const struct wm *w, const uchar *p, const uchar *t)
{
	const uchar *star_p = NULL, *star_t = NULL; /* the last single star */
	bool pathname = w->flags & AX_WM_PATHNAME;

	for (;;) {
		if (*p == '*') {
			const uchar *s = p;
			while (*p == '*')
				p++;
			if (crosses_slashes(w, s, p)) {
				/* A chain of double stars joined by slashes is one:
				 * without this each link tried every split (seconds
				 * for a dozen links). */
				while (pathname && p[0] == '/' && p[1] == '*' && p[2] == '*') {
					const uchar *q = p + 1;
					while (*q == '*')
						q++;
					if (*q != '/' && *q != '\0')
						break;
					p = q;
				}
				if (*p == '\0')
					return WM_YES;
				/* "**" and its slash may stand for no directory (only
				 * under AX_WM_PATHNAME: without it, git's single and
				 * double stars are the same, and the slash must match).
				 * What cannot match here cannot after a later slash. */
				if (pathname && *p == '/') {
					int r = match(w, p + 1, t);
					if (r != WM_NO)
						return r;
				}
				for (; *t; t++) {
					int r = match(w, p, t);
					if (r != WM_NO)
						return r;
				}
				/* The rest fits at no later start either. */
				return WM_ENDED;
			}
			if (*p == '\0')
				return pathname && strchr((const char *)t, '/') ? WM_NO : WM_YES;
			star_p = p;
			star_t = t;
			continue;
		}
		if (*t == '\0')
			return *p == '\0' ? WM_YES : WM_ENDED;
		const uchar *next = p;
		int r = *p && *t ? element(w, p, *t, &next) : 0;
		if (r < 0)
			return WM_NEVER;
		if (r > 0) {
			p = next;
			t++;
			continue;
		}
		/* Mismatch: let the last single star take one more byte, if it
		 * may (it never takes a '/'). */
		if (!star_p || *star_t == '\0' || (pathname && *star_t == '/'))
			return WM_NO;
		p = star_p;
		t = ++star_t;
	}
}

bool ax_wildmatch(const char *pattern, const char *text, unsigned flags)
{
	struct wm w = { (const uchar *)pattern, flags };
	return match(&w, w.start, (const uchar *)text) == WM_YES;
}
