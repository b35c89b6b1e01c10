/* lang.c: the language table from languages.def, and detection of a file's
 * language from its name, its shebang line, an editor modeline, and (for .h
 * files only) a cheap look for C++ in the first bytes. */
#include "lang/lang.h"

#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const struct ax_lang_info table[AX_LANG_COUNT] = {
#define AX_LANG(id, name, entry, aliases, exts, files, interps) \
	[AX_LANG_##id] = { name, aliases, exts, files, interps },
#include "lang/languages.def"
#undef AX_LANG
};

const struct ax_lang_info *ax_lang_info(enum ax_lang lang)
{
	if (lang <= AX_LANG_NONE || lang >= AX_LANG_COUNT)
		return NULL;
	return &table[lang];
}

const char *ax_lang_name(enum ax_lang lang)
{
	const struct ax_lang_info *info = ax_lang_info(lang);
	return info ? info->name : "";
}

/* Is the word s[0..n) one of the space-separated words of `list`? */
static bool in_list(const char *list, const char *s, size_t n, bool icase)
{
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (len == n && len && (icase ? strncasecmp(p, s, n) : strncmp(p, s, n)) == 0)
			return true;
		p += len;
	}
	return false;
}

/* By name or alias: users type these, so a scan of the table will do. */
static enum ax_lang lookup_name(const char *s, size_t n)
{
	for (int l = AX_LANG_NONE + 1; l < AX_LANG_COUNT; l++) {
		const struct ax_lang_info *t = &table[l];
		if ((strlen(t->name) == n && strncasecmp(t->name, s, n) == 0) || in_list(t->aliases, s, n, true))
			return (enum ax_lang)l;
	}
	return AX_LANG_NONE;
}

/* The word lists detection looks words up in. */
enum field { F_EXT, F_FILE, F_INTERP };

/* Extensions, file names and interpreters are looked up for every file a
 * scan sees: hash tables of their words, built once, answer with one
 * comparison. A word listed twice keeps its first language, as the scan
 * of the lists would. */
#define WORD_SLOTS 512 /* a power of two, well over all words of a field */

struct word {
	const char *s; /* into languages.def's strings; NULL: free slot */
	size_t n;
	enum ax_lang lang;
};

static struct word words[3][WORD_SLOTS];
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static size_t word_hash(const char *s, size_t n, bool icase)
{
	size_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)(icase ? tolower((unsigned char)s[i]) : s[i])) * 16777619u;
	return h & (WORD_SLOTS - 1);
}

static struct word *word_slot(enum field field, const char *s, size_t n)
{
	bool icase = field == F_EXT;
	for (size_t i = word_hash(s, n, icase);; i = (i + 1) & (WORD_SLOTS - 1)) {
		struct word *w = &words[field][i];
		if (!w->s || (w->n == n && (icase ? strncasecmp(w->s, s, n) : strncmp(w->s, s, n)) == 0))
			return w;
	}
}

static void build_words(void)
{
	for (int l = AX_LANG_NONE + 1; l < AX_LANG_COUNT; l++) {
		const char *lists[3] = { table[l].exts, table[l].filenames, table[l].interpreters };
		for (int f = 0; f < 3; f++) {
			for (const char *p = lists[f]; *p;) {
				while (*p == ' ')
					p++;
				size_t len = strcspn(p, " ");
				struct word *w = len ? word_slot((enum field)f, p, len) : NULL;
				if (w && !w->s)
					*w = (struct word){ p, len, (enum ax_lang)l };
				p += len;
			}
		}
	}
}

static enum ax_lang lookup(enum field field, const char *s, size_t n)
{
	pthread_once(&words_once, build_words);
	const struct word *w = word_slot(field, s, n);
	return w->s ? w->lang : AX_LANG_NONE;
}

enum ax_lang ax_lang_by_name(const char *name)
{
	return name ? lookup_name(name, strlen(name)) : AX_LANG_NONE;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The extension of a base name, without the dot; NULL if none. A leading
 * dot starts a hidden name, not an extension (".babelrc"). */
static const char *extension(const char *base)
{
	const char *dot = strrchr(base, '.');
	return dot && dot != base && dot[1] ? dot + 1 : NULL;
}

/* .h is both C and C++: only the contents decide. */
static bool is_h(const char *ext)
{
	return ext && strcasecmp(ext, "h") == 0;
}

enum ax_lang ax_lang_from_path(const char *path)
{
	const char *base = base_name(path);
	enum ax_lang l = lookup(F_FILE, base, strlen(base));
	if (l != AX_LANG_NONE)
		return l;
	const char *ext = extension(base);
	if (!ext || is_h(ext))
		return AX_LANG_NONE;
	return lookup(F_EXT, ext, strlen(ext));
}

/* ---- shebang ---- */

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Next whitespace-separated word of [*p, end); false at the end. */
static bool next_word(const char **p, const char *end, const char **w, size_t *n)
{
	const char *s = *p;
	while (s < end && is_blank(*s))
		s++;
	if (s == end)
		return false;
	const char *e = s;
	while (e < end && !is_blank(*e))
		e++;
	*w = s;
	*n = (size_t)(e - s);
	*p = e;
	return true;
}

/* An interpreter name as written (python3.11, node18): exact first, then
 * without its version suffix. */
static enum ax_lang by_interpreter(const char *w, size_t n)
{
	enum ax_lang l = lookup(F_INTERP, w, n);
	while (l == AX_LANG_NONE && n && (isdigit((unsigned char)w[n - 1]) || w[n - 1] == '.' || w[n - 1] == '-')) {
		n--;
		l = lookup(F_INTERP, w, n);
	}
	return l;
}

/* env options that take a separate argument (env -u NAME, env -C DIR). */
static bool env_opt_takes_arg(const char *w, size_t n)
{
	return (n == 2 && (w[1] == 'u' || w[1] == 'C')) ||
	       (n == 7 && memcmp(w, "--unset", 7) == 0) ||
	       (n == 7 && memcmp(w, "--chdir", 7) == 0);
}

static enum ax_lang from_shebang(const char *line, const char *end)
{
	const char *p = line + 2, *w;
	size_t n;
	if (!next_word(&p, end, &w, &n))
		return AX_LANG_NONE;
	const char *slash = memrchr(w, '/', n);
	if (slash) {
		n -= (size_t)(slash + 1 - w);
		w = slash + 1;
	}
	if (n == 3 && memcmp(w, "env", 3) == 0) {
		/* #!/usr/bin/env [-S] [-i] [-u NAME] [VAR=value...] prog args */
		for (;;) {
			if (!next_word(&p, end, &w, &n))
				return AX_LANG_NONE;
			if (w[0] == '-') {
				/* "-S" may be glued to the program: "-Snode". */
				if (n > 2 && w[1] == 'S') {
					w += 2, n -= 2;
					break;
				}
				if (env_opt_takes_arg(w, n) && !next_word(&p, end, &w, &n))
					return AX_LANG_NONE;
				continue;
			}
			if (memchr(w, '=', n))
				continue;
			break;
		}
		slash = memrchr(w, '/', n);
		if (slash) {
			n -= (size_t)(slash + 1 - w);
			w = slash + 1;
		}
	}
	return by_interpreter(w, n);
}

/* ---- editor modelines: "-*- mode: ruby -*-", "-*- C++ -*-", "vim: set ft=python:" ---- */

static const char *find_in(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; s + n <= end; s++)
		if (memcmp(s, needle, n) == 0)
			return s;
	return NULL;
}

static bool mode_char(char c)
{
	return isalnum((unsigned char)c) || c == '+' || c == '#' || c == '-' || c == '_';
}

/* A mode word like "c++", "python", "js-mode"? */
static enum ax_lang by_mode(const char *w, size_t n)
{
	if (n > 5 && strncasecmp(w + n - 5, "-mode", 5) == 0)
		n -= 5;
	return lookup_name(w, n);
}

static enum ax_lang emacs_modeline(const char *s, const char *end)
{
	const char *a = find_in(s, end, "-*-");
	if (!a)
		return AX_LANG_NONE;
	a += 3;
	const char *b = find_in(a, end, "-*-");
	if (!b)
		return AX_LANG_NONE;
	const char *m = find_in(a, b, "mode:");
	if (!m) {
		/* The short form holds just the mode: "-*- C++ -*-". */
		while (a < b && is_blank(*a))
			a++;
		const char *e = a;
		while (e < b && mode_char(*e))
			e++;
		const char *rest = e;
		while (rest < b && is_blank(*rest))
			rest++;
		return rest == b ? by_mode(a, (size_t)(e - a)) : AX_LANG_NONE;
	}
	for (m += 5; m < b && is_blank(*m); m++)
		;
	const char *e = m;
	while (e < b && mode_char(*e))
		e++;
	return by_mode(m, (size_t)(e - m));
}

static enum ax_lang vim_modeline(const char *s, const char *end)
{
	const char *v = find_in(s, end, "vim:");
	if (!v)
		v = find_in(s, end, "vi:");
	if (!v)
		return AX_LANG_NONE;
	for (const char *p = v; p < end; p++) {
		size_t k = 0;
		if (end - p > 3 && memcmp(p, "ft=", 3) == 0)
			k = 3;
		else if (end - p > 9 && memcmp(p, "filetype=", 9) == 0)
			k = 9;
		else if (end - p > 7 && memcmp(p, "syntax=", 7) == 0)
			k = 7;
		if (k && (p == v || !isalnum((unsigned char)p[-1]))) {
			const char *w = p + k, *e = w;
			while (e < end && mode_char(*e))
				e++;
			return by_mode(w, (size_t)(e - w));
		}
	}
	return AX_LANG_NONE;
}

/* Modelines live in the first two lines (after a shebang). */
static enum ax_lang from_modeline(const char *head, size_t len)
{
	const char *end = head + len, *p = head;
	for (int line = 0; line < 2 && p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		enum ax_lang l = emacs_modeline(p, le);
		if (l == AX_LANG_NONE)
			l = vim_modeline(p, le);
		if (l != AX_LANG_NONE)
			return l;
		p = nl ? nl + 1 : end;
	}
	return AX_LANG_NONE;
}

/* ---- .h: C unless C++ shows itself early ---- */

/* The scan looks at this much of a header at most. */
#define CPP_SCAN_MAX 16384

struct lexer {
	const char *p, *end;
	bool line_start;     /* only blanks so far on this line */
	int depth;           /* #if nesting */
	int cpp_depth;       /* innermost #if level whose current branch is C++-only; 0 none */
	unsigned cpp_levels; /* bit d: level d+1 tests __cplusplus */
	unsigned cpp_neg;    /* bit d: level d+1 is #ifndef __cplusplus */
};

static bool ident_start(char c) { return isalpha((unsigned char)c) || c == '_'; }
static bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

static void skip_line(struct lexer *lx)
{
	/* A preprocessor line may continue with a backslash. */
	while (lx->p < lx->end && *lx->p != '\n') {
		if (*lx->p == '\\' && lx->p + 1 < lx->end && lx->p[1] == '\n')
			lx->p++;
		lx->p++;
	}
}

static bool word_is(const char *w, size_t n, const char *s)
{
	return strlen(s) == n && memcmp(w, s, n) == 0;
}

/* Recompute which branch is C++-only from the conditional stack. */
static void update_cpp_depth(struct lexer *lx)
{
	lx->cpp_depth = 0;
	for (int d = 0; d < lx->depth && d < 32; d++) {
		bool tests = lx->cpp_levels >> d & 1;
		bool positive = !(lx->cpp_neg >> d & 1);
		if (tests && positive) {
			lx->cpp_depth = d + 1;
			break;
		}
	}
}

/* A preprocessor line: follow #if/#else/#endif around __cplusplus and
 * look at #include. Returns true if the line shows C++. */
static bool preprocessor(struct lexer *lx)
{
	const char *p = lx->p + 1, *e;
	while (p < lx->end && is_blank(*p))
		p++;
	for (e = p; e < lx->end && ident_char(*e); e++)
		;
	const char *d = p;
	size_t dn = (size_t)(e - p);
	const char *line_end = memchr(e, '\n', (size_t)(lx->end - e));
	if (!line_end)
		line_end = lx->end;
	bool mentions = find_in(e, line_end, "__cplusplus") != NULL;
	bool result = false;
	if (word_is(d, dn, "if") || word_is(d, dn, "ifdef") || word_is(d, dn, "ifndef")) {
		if (lx->depth < 32) {
			unsigned bit = 1u << lx->depth;
			bool neg = word_is(d, dn, "ifndef") || find_in(e, line_end, "!defined") ||
				   find_in(e, line_end, "! defined");
			lx->cpp_levels = mentions ? lx->cpp_levels | bit : lx->cpp_levels & ~bit;
			lx->cpp_neg = neg ? lx->cpp_neg | bit : lx->cpp_neg & ~bit;
		}
		lx->depth++;
	} else if ((word_is(d, dn, "else") || word_is(d, dn, "elif")) && lx->depth > 0 && lx->depth <= 32) {
		unsigned bit = 1u << (lx->depth - 1);
		if (lx->cpp_levels & bit)
			lx->cpp_neg ^= bit; /* the other branch of a __cplusplus test */
	} else if (word_is(d, dn, "endif") && lx->depth > 0) {
		lx->depth--;
	} else if (word_is(d, dn, "include")) {
		const char *q = e;
		while (q < line_end && is_blank(*q))
			q++;
		if (q < line_end && (*q == '<' || *q == '"')) {
			char close = *q == '<' ? '>' : '"';
			const char *name = q + 1;
			const char *c = memchr(name, close, (size_t)(line_end - name));
			if (c) {
				const char *dot = memrchr(name, '.', (size_t)(c - name));
				const char *slash = memrchr(name, '/', (size_t)(c - name));
				if (dot && slash && dot < slash)
					dot = NULL;
				/* <iostream>, <vector>: C's own headers all end in .h. */
				if (!dot && close == '>' && c > name)
					result = true;
				else if (dot && (c - dot == 4 && (!memcmp(dot, ".hpp", 4) || !memcmp(dot, ".hxx", 4) ||
								 !memcmp(dot, ".h++", 4))))
					result = true;
				else if (dot && c - dot == 3 && !memcmp(dot, ".hh", 3))
					result = true;
			}
		}
	}
	update_cpp_depth(lx);
	skip_line(lx);
	return result;
}

/* C++ shows itself by a marker outside #if __cplusplus branches, or by
 * markers inside them in a header that has nothing outside them (libstdc++
 * wraps whole headers in #if __cplusplus >= 201103L, where C headers keep
 * only their extern "C" glue). */
static bool looks_cpp(const char *head, size_t len)
{
	struct lexer lx = { head, head + (len < CPP_SCAN_MAX ? len : CPP_SCAN_MAX), true, 0, 0, 0, 0 };
	/* The last two identifiers, to read "class Name {" and "std ::". */
	const char *prev = NULL, *prev2 = NULL;
	size_t prevn = 0, prev2n = 0;
	int bracket = 0;
	bool marked_inside = false;
	size_t c_words = 0; /* identifiers outside C++-only branches */
	while (lx.p < lx.end) {
		char c = *lx.p;
		bool marker = false;
		if (c == '\n') {
			lx.line_start = true;
			lx.p++;
			continue;
		}
		if (is_blank(c) || c == '\r' || c == '\f' || c == '\v') {
			lx.p++;
			continue;
		}
		if (c == '/' && lx.p + 1 < lx.end && lx.p[1] == '/') {
			skip_line(&lx);
			continue;
		}
		if (c == '/' && lx.p + 1 < lx.end && lx.p[1] == '*') {
			const char *e = find_in(lx.p + 2, lx.end, "*/");
			lx.p = e ? e + 2 : lx.end;
			continue;
		}
		if (c == '#' && lx.line_start) {
			marker = preprocessor(&lx);
		} else if (c == '"' || c == '\'') {
			/* Not even extern "C++": glibc's <string.h> has it, behind
			 * a macro that only C++ compilers define. */
			lx.line_start = false;
			while (++lx.p < lx.end && *lx.p != c && *lx.p != '\n')
				if (*lx.p == '\\')
					lx.p++;
			lx.p++;
			prev = prev2 = NULL;
		} else if (ident_start(c)) {
			lx.line_start = false;
			const char *w = lx.p;
			while (lx.p < lx.end && ident_char(*lx.p))
				lx.p++;
			size_t n = (size_t)(lx.p - w);
			marker = word_is(w, n, "namespace") || word_is(w, n, "virtual");
			if (!lx.cpp_depth)
				c_words++;
			prev2 = prev, prev2n = prevn;
			prev = w, prevn = n;
		} else {
			lx.line_start = false;
			bool dcolon = c == ':' && lx.p + 1 < lx.end && lx.p[1] == ':';
			/* std::string, Foo::bar (C23's [[gnu::x]] sits in brackets) */
			marker = (dcolon && !bracket && prev && lx.p > head && ident_char(lx.p[-1])) ||
				 (c == '<' && prev && word_is(prev, prevn, "template")) ||
				 (c == ':' && !dcolon && prev &&
				  (word_is(prev, prevn, "public") || word_is(prev, prevn, "private") ||
				   word_is(prev, prevn, "protected"))) ||
				 /* class Name {  /  class Name : Base  /  class API Name final { */
				 (prev && prev2 &&
				  (((c == '{' || (c == ':' && !dcolon)) && word_is(prev2, prev2n, "class")) ||
				   (c == '{' && word_is(prev, prevn, "final"))));
			if (c == '[')
				bracket++;
			else if (c == ']' && bracket)
				bracket--;
			lx.p += dcolon ? 2 : 1;
			prev = prev2 = NULL;
		}
		if (marker) {
			if (!lx.cpp_depth)
				return true;
			marked_inside = true;
		}
	}
	return marked_inside && c_words == 0;
}

enum ax_lang ax_lang_detect(const char *path, const char *head, size_t head_len)
{
	enum ax_lang l = ax_lang_from_path(path);
	if (l != AX_LANG_NONE)
		return l;
	const char *ext = extension(base_name(path));
	if (!head)
		head_len = 0;
	/* Not by modeline: LLVM's C API headers, for one, all say -*- C++ -*-. */
	if (is_h(ext))
		return looks_cpp(head, head_len) ? AX_LANG_CPP : AX_LANG_C;
	if (head_len >= 2 && head[0] == '#' && head[1] == '!') {
		const char *nl = memchr(head, '\n', head_len);
		const char *end = nl ? nl : head + head_len;
		if (end > head && end[-1] == '\r')
			end--;
		l = from_shebang(head, end);
		if (l != AX_LANG_NONE)
			return l;
	}
	l = from_modeline(head, head_len);
	if (l != AX_LANG_NONE)
		return l;
	/* An extensionless PHP page starts with its opening tag. */
	if (!ext && head_len >= 5 && memcmp(head, "<?php", 5) == 0)
		return AX_LANG_PHP;
	return AX_LANG_NONE;
}
