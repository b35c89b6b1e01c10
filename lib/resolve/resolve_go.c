/* resolve_go.c: Go imports (docs/imports.md).
 *
 * Every go.mod above a Go file of the index (read from disk: go.mod is not
 * an indexed language) names a module; `replace` directives that point
 * into the repository add more. An import path under a module's path is
 * the directory module dir + rest, and the edges go to the package's
 * files there (not its _test.go files). Other paths are looked up in the
 * importing module's vendor/ directory, and are external (the standard
 * library, other modules) if it does not have them. */
#include "resolve/resolve_int.h"
#include "base/cli.h"

#include <stdlib.h>
#include <string.h>

struct gomod {
	char *path, *dir;
};

struct go_state {
	struct gomod *mods;
	size_t nmods;
	char **seen;   /* directories checked for go.mod (open addressing) */
	size_t seen_cap, nseen;
};

/* Mark `dir` seen; false if it was already. */
static bool first_visit(struct go_state *s, const char *dir)
{
	if (s->nseen * 2 >= s->seen_cap) {
		size_t cap = s->seen_cap ? s->seen_cap * 2 : 256;
		char **t = ax_calloc(cap, sizeof *t);
		for (size_t i = 0; i < s->seen_cap; i++)
			if (s->seen[i]) {
				size_t h = res_hash(s->seen[i], strlen(s->seen[i])) & (cap - 1);
				while (t[h])
					h = (h + 1) & (cap - 1);
				t[h] = s->seen[i];
			}
		free(s->seen);
		s->seen = t, s->seen_cap = cap;
	}
	size_t h = res_hash(dir, strlen(dir)) & (s->seen_cap - 1);
	for (; s->seen[h]; h = (h + 1) & (s->seen_cap - 1))
		if (strcmp(s->seen[h], dir) == 0)
			return false;
	s->seen[h] = ax_strdup(dir);
	s->nseen++;
	return true;
}

static void add_mod(struct go_state *s, const char *path, size_t n, char *dir)
{
	s->mods = ax_realloc(s->mods, (s->nmods + 1) * sizeof *s->mods);
	s->mods[s->nmods++] = (struct gomod){ ax_strndup(path, n), dir };
}

/* A word of a go.mod line: [*p, end) without quotes; advances *p. */
static size_t word(const char **p, const char *end, const char **w)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	bool q = *p < end && (**p == '"' || **p == '`');
	if (q)
		(*p)++;
	*w = *p;
	while (*p < end && (q ? **p != '"' && **p != '`' : **p != ' ' && **p != '\t'))
		(*p)++;
	size_t n = (size_t)(*p - *w);
	if (q && *p < end)
		(*p)++;
	return n;
}

static void parse_gomod(struct go_state *s, const char *dir, const char *text)
{
	bool in_replace = false;
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		const char *cut = line;
		while (cut < end && !(cut[0] == '/' && cut + 1 < end && cut[1] == '/'))
			cut++;
		const char *p = line, *w;
		size_t n = word(&p, cut, &w);
		if (n == 6 && !strncmp(w, "module", 6)) {
			n = word(&p, cut, &w);
			if (n)
				add_mod(s, w, n, ax_strdup(dir));
		} else if ((n == 7 && !strncmp(w, "replace", 7)) || in_replace) {
			if (!in_replace)
				n = word(&p, cut, &w);
			if (n == 1 && *w == '(')
				in_replace = true;
			else if (n == 1 && *w == ')')
				in_replace = false;
			else if (n) {
				/* old [version] => new [version]: only local directories */
				const char *from = w;
				size_t nfrom = n;
				while ((n = word(&p, cut, &w)) && !(n == 2 && !strncmp(w, "=>", 2)))
					;
				n = word(&p, cut, &w);
				if (n && (str_starts(w, "./") || str_starts(w, "../"))) {
					char *rel = ax_strndup(w, n);
					char *target = path_join(dir, rel);
					free(rel);
					if (target)
						add_mod(s, from, nfrom, target);
				}
			}
		}
		line = *end ? end + 1 : end;
	}
}

static struct go_state *state(struct res *r)
{
	if (r->go)
		return r->go;
	struct go_state *s = r->go = ax_calloc(1, sizeof *s);
	for (size_t i = 0; i < r->nfiles; i++) {
		if (strcmp(r->files[i].lang, "go") != 0)
			continue;
		char *dir = path_dir(r->files[i].path);
		while (first_visit(s, dir)) {
			char *mod = path_join(dir, "go.mod");
			char *text = mod ? res_read(r, mod, NULL) : NULL;
			if (text)
				parse_gomod(s, dir, text);
			free(text), free(mod);
			if (!*dir)
				break;
			char *up = path_dir(dir);
			free(dir);
			dir = up;
		}
		free(dir);
	}
	return s;
}

/* The package's files: .go files directly in dir, not its tests. */
static void package_files(const struct res *r, const char *dir, struct targets *out)
{
	size_t lo, hi;
	res_subtree(r, dir, &lo, &hi);
	for (size_t i = lo; i < hi; i++)
		if (!strcmp(r->files[i].lang, "go") && res_directly_in(r, i, dir) &&
		    !str_ends(r->files[i].path, "_test.go"))
			targets_add(out, i);
}

enum rstatus resolve_go(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out)
{
	(void)kind;
	struct go_state *s = state(r);
	const struct gomod *best = NULL;
	for (size_t k = 0; k < s->nmods; k++) {
		size_t n = strlen(s->mods[k].path);
		if (strncmp(raw, s->mods[k].path, n) == 0 && (raw[n] == '\0' || raw[n] == '/') &&
		    (!best || n > strlen(best->path)))
			best = &s->mods[k];
	}
	char *dir;
	if (best) {
		const char *rest = raw + strlen(best->path);
		dir = path_join(best->dir, *rest ? rest + 1 : "");
		if (!dir)
			return R_UNRESOLVED;
	} else {
		/* Not a module of the repository: the importing module's vendor/
		 * directory, if it has the package, is what the go tool uses. */
		const struct gomod *own = NULL;
		const char *path = r->files[from].path;
		for (size_t k = 0; k < s->nmods; k++) {
			size_t n = strlen(s->mods[k].dir);
			if ((n == 0 || (!strncmp(path, s->mods[k].dir, n) && path[n] == '/')) &&
			    (!own || n > strlen(own->dir)))
				own = &s->mods[k];
		}
		if (!own)
			return R_EXTERNAL;
		char *vendor = path_join(own->dir, "vendor");
		dir = path_join(vendor, raw);
		free(vendor);
		if (!dir)
			return R_EXTERNAL;
	}
	package_files(r, dir, out);
	free(dir);
	return out->n ? R_FILE : best ? R_UNRESOLVED : R_EXTERNAL;
}

void resolve_go_free(struct res *r)
{
	struct go_state *s = r->go;
	if (!s)
		return;
	for (size_t i = 0; i < s->nmods; i++)
		free(s->mods[i].path), free(s->mods[i].dir);
	for (size_t i = 0; i < s->seen_cap; i++)
		free(s->seen[i]);
	free(s->mods), free(s->seen), free(s);
	r->go = NULL;
}
