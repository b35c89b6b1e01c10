/* resolve_c_roots.c: the include directories a C/C++ repository without
 * compile_commands.json names for certain in its build files
 * (docs/imports.md): CMake's include_directories() and
 * target_include_directories(), and -I flags of Makefiles (Makefile,
 * makefile, GNUmakefile, Makefile.am). Only literal paths count, relative
 * to the build file, and the few variables whose value is certain
 * (${CMAKE_CURRENT_SOURCE_DIR}, ${CMAKE_SOURCE_DIR}, $(srcdir), ...); a
 * path built from any other variable could be anything and is left out. */
#include "resolve/resolve_int.h"
#include "base/cmp.h"
#include "base/cli.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct roots {
	struct res *r;
	char ***dirs, ***owners;
	size_t *ndirs;
	const char **cmake;   /* the directories with a CMakeLists.txt so far */
	size_t ncmake;
	const char *top;      /* of the one being read: its outermost ancestor with one */
};

/* Every directory holding a C/C++ file, and each of its ancestors, once,
 * sorted (so a parent comes before its children). */
static char **source_dirs(const struct res *r, size_t *n)
{
	char **v = NULL;
	size_t cnt = 0, cap = 0;
	for (size_t i = 0; i < r->nfiles; i++) {
		if (strcmp(r->files[i].lang, "c") != 0 && strcmp(r->files[i].lang, "cpp") != 0)
			continue;
		char *d = path_dir(r->files[i].path);
		for (;;) {
			if (cnt == cap)
				v = ax_realloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
			v[cnt++] = d;
			if (!*d)
				break;
			d = path_dir(d);
		}
	}
	if (cnt)
		qsort(v, cnt, sizeof *v, ax_cmp_strp);
	size_t o = 0;
	for (size_t i = 0; i < cnt; i++) {
		if (o && !strcmp(v[o - 1], v[i])) {
			free(v[i]);
			continue;
		}
		v[o++] = v[i];
	}
	*n = o;
	return v;
}

/* `arg` with the certain variables replaced, or NULL if it holds another. */
static char *expand(const struct roots *x, const char *dir, const char *arg)
{
	static const struct { const char *var; int which; } vars[] = {
		{ "${CMAKE_CURRENT_SOURCE_DIR}", 0 }, { "${CMAKE_CURRENT_LIST_DIR}", 0 },
		{ "$(srcdir)", 0 }, { "$(CURDIR)", 0 },
		{ "${CMAKE_SOURCE_DIR}", 1 }, { "${PROJECT_SOURCE_DIR}", 1 },
	};
	const char *rest = arg, *base = dir;
	for (size_t k = 0; k < sizeof vars / sizeof *vars; k++) {
		if (str_starts(arg, vars[k].var)) {
			rest = arg + strlen(vars[k].var);
			base = vars[k].which ? x->top : dir;
			while (*rest == '/')
				rest++;
			break;
		}
	}
	if (strchr(rest, '$') || !base)
		return NULL;
	if (rest[0] == '/')
		return NULL; /* absolute: the root's own path is not known here */
	return path_join(base, *rest ? rest : ".");
}

static void add(struct roots *x, const char *dir, const char *arg)
{
	char *d = expand(x, dir, arg);
	if (!d)
		return;
	size_t lo, hi, i;
	res_subtree(x->r, d, &lo, &hi);
	for (i = 0; i < *x->ndirs; i++)
		if (!strcmp((*x->dirs)[i], d) && !strcmp((*x->owners)[i], dir))
			break;
	if (lo < hi && i == *x->ndirs) { /* a directory of indexed files, new */
		*x->dirs = ax_realloc(*x->dirs, (*x->ndirs + 1) * sizeof **x->dirs);
		*x->owners = ax_realloc(*x->owners, (*x->ndirs + 1) * sizeof **x->owners);
		(*x->dirs)[*x->ndirs] = d;
		(*x->owners)[(*x->ndirs)++] = ax_strdup(dir);
		return;
	}
	free(d);
}

/* The arguments of each `name(...)` call of a CMake file, one word at a
 * time (quotes dropped, $<BUILD_INTERFACE:x> read as x). */
static void cmake_calls(struct roots *x, const char *dir, char *text, const char *name, bool skip_target)
{
	size_t nl = strlen(name);
	for (char *p = text; (p = strcasestr(p, name)); p += nl) {
		if ((p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
			continue;
		char *q = p + nl;
		q += strspn(q, " \t");
		if (*q != '(')
			continue;
		char *end = strchr(++q, ')');
		if (!end)
			return;
		bool first = true;
		for (char *w = q; w < end;) {
			w += strspn(w, " \t\r\n\"");
			size_t n = strcspn(w, " \t\r\n\")");
			if (w + n > end)
				n = (size_t)(end - w);
			if (!n)
				break;
			char *word = ax_strndup(w, n);
			w += n;
			static const char *const keywords[] = { "SYSTEM", "BEFORE", "AFTER", "PUBLIC", "PRIVATE", "INTERFACE" };
			bool skip = skip_target && first;
			for (size_t k = 0; k < 6 && !skip; k++)
				skip = !strcmp(word, keywords[k]);
			first = false;
			const char *arg = word;
			char *inner = NULL;
			if (str_starts(word, "$<BUILD_INTERFACE:") && str_ends(word, ">"))
				arg = inner = ax_strndup(word + 18, strlen(word) - 19);
			if (!skip && !str_starts(arg, "$<"))
				add(x, dir, arg);
			free(inner), free(word);
		}
	}
}

/* -Idir and -I dir in a Makefile. */
static void make_flags(struct roots *x, const char *dir, const char *text)
{
	for (const char *p = text; (p = strstr(p, "-I")); p += 2) {
		if (p > text && !isspace((unsigned char)p[-1]) && p[-1] != '=' && p[-1] != '"' && p[-1] != '\'')
			continue;
		const char *w = p + 2;
		w += strspn(w, " \t");
		size_t n = strcspn(w, " \t\r\n\"'\\;");
		if (!n)
			continue;
		char *word = ax_strndup(w, n);
		add(x, dir, word);
		free(word);
	}
}

/* Drop # comments (CMake and make both start them with #). */
static void strip_comments(char *text)
{
	for (char *p = text; (p = strchr(p, '#'));) {
		char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		memset(p, ' ', n);
		p += n;
	}
}

/* The outermost directory with a CMakeLists.txt that holds `dir` (the
 * project's top, ${CMAKE_SOURCE_DIR}): directories come sorted, parents
 * first, so every ancestor's is known by then. */
static const char *outermost(const struct roots *x, const char *dir)
{
	for (size_t k = 0; k < x->ncmake; k++) {
		size_t n = strlen(x->cmake[k]);
		if (!n || (!strncmp(dir, x->cmake[k], n) && (dir[n] == '/' || !dir[n])))
			return x->cmake[k];
	}
	return dir;
}

void c_include_roots(struct res *r, char ***dirs, char ***owners, size_t *ndirs)
{
	if (!r->root)
		return;
	size_t n;
	char **v = source_dirs(r, &n);
	struct roots x = { .r = r, .dirs = dirs, .owners = owners, .ndirs = ndirs };
	for (size_t i = 0; i < n; i++) {
		char *p = path_join(v[i], "CMakeLists.txt");
		char *text = p ? res_read(r, p, NULL) : NULL;
		if (text) {
			x.cmake = ax_realloc(x.cmake, (x.ncmake + 1) * sizeof *x.cmake);
			x.cmake[x.ncmake++] = v[i];
			x.top = outermost(&x, v[i]);
			strip_comments(text);
			cmake_calls(&x, v[i], text, "include_directories", false);
			cmake_calls(&x, v[i], text, "target_include_directories", true);
		}
		free(text), free(p);
		static const char *const makefiles[] = { "Makefile", "makefile", "GNUmakefile", "Makefile.am" };
		for (size_t k = 0; k < 4; k++) {
			p = path_join(v[i], makefiles[k]);
			text = p ? res_read(r, p, NULL) : NULL;
			if (text) {
				strip_comments(text);
				make_flags(&x, v[i], text);
			}
			free(text), free(p);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v), free(x.cmake);
}
