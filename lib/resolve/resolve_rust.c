/* resolve_rust.c: Rust `mod` and `use` (docs/imports.md).
 *
 * Crates are the Cargo.toml files of the index ([package] name, `-` read
 * as `_`) with src/lib.rs or src/main.rs as root. `mod x;` is x.rs or
 * x/mod.rs beside a crate root or mod.rs, else under the file's own
 * directory. A `use` path starting at crate::, self::, super:: or a crate
 * of the workspace is walked module by module, and the edge goes to the
 * deepest module that is a file (the one defining the item); each item of
 * a `{...}` group is walked the same way. Other paths are external. */
#include "resolve/resolve_int.h"
#include "base/cli.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct crate {
	char *name, *dir;
};

struct rs_state {
	struct crate *crates;
	size_t ncrates;
};

/* The value of `key = "..."` in TOML section `section` of text, or NULL. */
static char *toml_string(const char *text, const char *section, const char *key)
{
	bool in = false;
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[') {
			size_t n = strlen(section);
			in = strncmp(p + 1, section, n) == 0 && p[1 + n] == ']';
		} else if (in && strncmp(p, key, strlen(key)) == 0) {
			const char *q = p + strlen(key);
			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '=') {
				q++;
				while (*q == ' ' || *q == '\t')
					q++;
				if (*q == '"') {
					const char *e = strchr(q + 1, '"');
					if (e && e < line + len)
						return ax_strndup(q + 1, (size_t)(e - q - 1));
				}
			}
		}
		line += len + (end ? 1 : 0);
	}
	return NULL;
}

static struct rs_state *state(struct res *r)
{
	if (r->rs)
		return r->rs;
	struct rs_state *s = r->rs = ax_calloc(1, sizeof *s);
	for (size_t i = 0; i < r->nfiles; i++) {
		if (strcmp(path_base(r->files[i].path), "Cargo.toml") != 0)
			continue;
		char *text = res_read(r, r->files[i].path, NULL);
		char *name = text ? toml_string(text, "lib", "name") : NULL;
		if (!name && text)
			name = toml_string(text, "package", "name");
		free(text);
		if (!name)
			continue; /* a virtual workspace manifest */
		for (char *c = name; *c; c++)
			if (*c == '-')
				*c = '_';
		s->crates = ax_realloc(s->crates, (s->ncrates + 1) * sizeof *s->crates);
		s->crates[s->ncrates++] = (struct crate){ name, path_dir(r->files[i].path) };
	}
	return s;
}

/* The crate whose src/ holds `path` (the deepest), or NULL. */
static const struct crate *crate_of(const struct rs_state *s, const char *path)
{
	const struct crate *best = NULL;
	for (size_t k = 0; k < s->ncrates; k++) {
		const char *d = s->crates[k].dir;
		size_t n = strlen(d);
		bool under = n == 0 ? str_starts(path, "src/")
				    : strncmp(path, d, n) == 0 && path[n] == '/' && str_starts(path + n + 1, "src/");
		if (under && (!best || n > strlen(best->dir)))
			best = &s->crates[k];
	}
	return best;
}

/* The file of module `mod` ("a/b", "" = root) of crate c, or -1. */
static long module_file(const struct res *r, const struct crate *c, const char *mod)
{
	char *src = path_join(c->dir, "src");
	long hit = -1;
	if (!*mod) {
		char *p = path_join(src, "lib.rs");
		hit = res_find0(r, p);
		free(p);
		if (hit < 0) {
			p = path_join(src, "main.rs");
			hit = res_find0(r, p);
			free(p);
		}
	} else {
		size_t n = strlen(src) + strlen(mod) + 16;
		char *p = ax_malloc(n);
		snprintf(p, n, "%s%s%s.rs", src, *src ? "/" : "", mod);
		hit = res_find0(r, p);
		if (hit < 0) {
			snprintf(p, n, "%s%s%s/mod.rs", src, *src ? "/" : "", mod);
			hit = res_find0(r, p);
		}
		free(p);
	}
	free(src);
	return hit;
}

/* The module path ("a/b") of a file of crate c; NULL for files that are
 * not reached from src/lib.rs or src/main.rs by directory (src/bin/...). */
static char *module_of(const struct crate *c, const char *path)
{
	const char *rel = path + strlen(c->dir) + (*c->dir ? 1 : 0) + 4; /* past "src/" */
	if (!strcmp(rel, "lib.rs") || !strcmp(rel, "main.rs"))
		return ax_strdup("");
	if (str_starts(rel, "bin/") || !str_ends(rel, ".rs"))
		return NULL;
	size_t n = strlen(rel) - 3;
	if (str_ends(rel, "/mod.rs"))
		n -= 4;
	return ax_strndup(rel, n);
}

/* Where `mod x;` in `path` looks for x.rs / x/mod.rs. */
static char *child_dir(const char *path)
{
	const char *base = path_base(path);
	char *dir = path_dir(path);
	if (!strcmp(base, "mod.rs") || !strcmp(base, "lib.rs") || !strcmp(base, "main.rs"))
		return dir;
	size_t n = strlen(dir) + strlen(base) + 2;
	char *out = ax_malloc(n);
	snprintf(out, n, "%s%s%.*s", dir, *dir ? "/" : "", (int)(strlen(base) - 3), base);
	free(dir);
	return out;
}

static long mod_decl(const struct res *r, const char *path, const char *name)
{
	char *dir = child_dir(path);
	size_t n = strlen(dir) + strlen(name) + 16;
	char *p = ax_malloc(n);
	snprintf(p, n, "%s%s%s.rs", dir, *dir ? "/" : "", name);
	long hit = res_find0(r, p);
	if (hit < 0) {
		snprintf(p, n, "%s%s%s/mod.rs", dir, *dir ? "/" : "", name);
		hit = res_find0(r, p);
	}
	free(p), free(dir);
	return hit;
}

/* Walk `segs` (n names) from module `base` of crate c: the deepest one
 * that is a file. */
static long deepest(const struct res *r, const struct crate *c, const char *base, char **segs, size_t n)
{
	for (size_t j = n + 1; j-- > 0;) {
		size_t cap = strlen(base) + 2;
		for (size_t k = 0; k < j; k++)
			cap += strlen(segs[k]) + 1;
		char *mod = ax_malloc(cap);
		strcpy(mod, base);
		for (size_t k = 0; k < j; k++) {
			if (*mod)
				strcat(mod, "/");
			strcat(mod, segs[k]);
		}
		long hit = module_file(r, c, mod);
		free(mod);
		if (hit >= 0)
			return hit;
	}
	return -1;
}

/* Split "a::b::c" into names (identifiers only; stops at anything else). */
static size_t split_path(const char *s, char ***out)
{
	size_t n = 0;
	*out = NULL;
	while (*s) {
		while (*s == ' ')
			s++;
		const char *b = s;
		while (isalnum((unsigned char)*s) || *s == '_')
			s++;
		if (s == b)
			break;
		*out = ax_realloc(*out, (n + 1) * sizeof **out);
		(*out)[n++] = ax_strndup(b, (size_t)(s - b));
		while (*s == ' ')
			s++;
		if (s[0] != ':' || s[1] != ':')
			break;
		s += 2;
	}
	return n;
}

static void free_segs(char **segs, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(segs[k]);
	free(segs);
}

/* One `use` path (no group): 1 edge added, 0 not the repository's, -1 unresolved. */
static int use_path(struct res *r, size_t from, const char *p, struct targets *out)
{
	struct rs_state *s = state(r);
	const char *path = r->files[from].path;
	const struct crate *here = crate_of(s, path);
	char **segs;
	size_t n = split_path(p, &segs), i = 0;
	int rc = 0;
	const struct crate *c = NULL;
	char *base = NULL;
	if (n == 0)
		goto done;
	if (!strcmp(segs[0], "crate") || !strcmp(segs[0], "self") || !strcmp(segs[0], "super")) {
		if (!here || !(base = module_of(here, path))) {
			rc = -1;
			goto done;
		}
		c = here;
		if (!strcmp(segs[0], "crate")) {
			base[0] = '\0';
			i = 1;
		} else {
			if (!strcmp(segs[0], "self"))
				i = 1;
			for (; i < n && !strcmp(segs[i], "super"); i++) {
				if (!*base) {
					rc = -1;
					goto done;
				}
				char *slash = strrchr(base, '/');
				*(slash ? slash : base) = '\0';
			}
		}
	} else {
		long child = mod_decl(r, path, segs[0]);
		if (child >= 0 && here && (base = module_of(here, path))) {
			/* a module declared by this file (2018 uniform paths) */
			size_t m = strlen(base) + strlen(segs[0]) + 2;
			char *b = ax_malloc(m);
			snprintf(b, m, "%s%s%s", base, *base ? "/" : "", segs[0]);
			free(base);
			base = b, c = here, i = 1;
		} else {
			for (size_t k = 0; k < s->ncrates && !c; k++)
				if (!strcmp(s->crates[k].name, segs[0]))
					c = &s->crates[k];
			if (!c)
				goto done; /* std, core or a dependency */
			base = ax_strdup(""), i = 1;
		}
	}
	long hit = deepest(r, c, base, segs + i, n - i);
	if (hit >= 0) {
		targets_add(out, (size_t)hit);
		rc = 1;
	} else {
		rc = -1;
	}
done:
	free(base);
	free_segs(segs, n);
	return rc;
}

enum rstatus resolve_rust(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out)
{
	if (!strcmp(kind, "mod")) {
		long hit = mod_decl(r, r->files[from].path, raw);
		if (hit < 0)
			return R_UNRESOLVED;
		targets_add(out, (size_t)hit);
		return R_FILE;
	}
	if (!strcmp(kind, "mod_path")) {
		/* "name=path": #[path] is relative to the declaring file's directory */
		const char *eq = strchr(raw, '=');
		char *dir = path_dir(r->files[from].path);
		char *p = eq ? path_join(dir, eq + 1) : NULL;
		long hit = p ? res_find0(r, p) : -1;
		free(dir), free(p);
		if (hit < 0)
			return R_UNRESOLVED;
		targets_add(out, (size_t)hit);
		return R_FILE;
	}
	if (!strcmp(kind, "extern_crate")) {
		struct rs_state *s = state(r);
		for (size_t k = 0; k < s->ncrates; k++)
			if (!strcmp(s->crates[k].name, raw)) {
				long hit = module_file(r, &s->crates[k], "");
				if (hit >= 0)
					targets_add(out, (size_t)hit);
				return hit >= 0 ? R_FILE : R_UNRESOLVED;
			}
		return R_EXTERNAL;
	}
	const char *brace = strchr(raw, '{');
	if (!brace) {
		int rc = use_path(r, from, raw, out);
		return rc > 0 ? R_FILE : rc == 0 ? R_EXTERNAL : R_UNRESOLVED;
	}
	/* prefix::{a, b::c, self}: each item walked from the prefix. */
	size_t plen = (size_t)(brace - raw);
	int best = 0, depth = 0;
	bool failed = false;
	for (const char *item = brace + 1; *item;) {
		const char *e = item;
		for (depth = 0; *e && !(depth == 0 && (*e == ',' || *e == '}')); e++)
			depth += *e == '{' ? 1 : *e == '}' ? -1 : 0;
		while (*item == ' ')
			item++;
		size_t ilen = (size_t)(e - item);
		char *full = ax_malloc(plen + ilen + 1);
		memcpy(full, raw, plen);
		if (str_starts(item, "self") && (ilen == 4 || !isalnum((unsigned char)item[4])))
			full[plen >= 2 ? plen - 2 : 0] = '\0'; /* prefix itself */
		else
			memcpy(full + plen, item, ilen), full[plen + ilen] = '\0';
		int rc = ilen ? use_path(r, from, full, out) : 0;
		free(full);
		if (rc > 0)
			best = 1;
		failed = failed || rc < 0;
		if (!*e || *e == '}')
			break;
		item = e + 1;
	}
	if (best)
		return R_FILE;
	return failed ? R_UNRESOLVED : R_EXTERNAL;
}

void resolve_rust_free(struct res *r)
{
	struct rs_state *s = r->rs;
	if (!s)
		return;
	for (size_t i = 0; i < s->ncrates; i++)
		free(s->crates[i].name), free(s->crates[i].dir);
	free(s->crates), free(s);
	r->rs = NULL;
}
