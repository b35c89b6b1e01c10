/* resolve_js.c: JavaScript and TypeScript imports (docs/imports.md).
 *
 * Relative specifiers ("./", "../") try the path itself, then TypeScript's extension
 * and index-file order; bare specifiers go through the nearest
 * tsconfig.json (paths, baseUrl), then the repository's own workspace
 * packages (package.json name, exports, main); anything else is external. */
#include "resolve/resolve_int.h"
#include "base/cli.h"

#include <stdlib.h>
#include <string.h>

struct tsconfig {
	char *path;      /* of the tsconfig.json */
	char *base;      /* baseUrl folded to a root-relative dir, or NULL */
	char *paths_dir; /* what `paths` targets are relative to */
	json_t *paths;   /* compilerOptions.paths, or NULL */
};

struct pkg {
	char *name, *dir;
	json_t *json;
};

struct js_state {
	struct tsconfig *ts;
	size_t nts;
	struct pkg *pkgs;
	size_t npkgs;
	bool pkgs_loaded;
};

static const char *const exts[] = { ".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".json" };
#define NEXTS (sizeof exts / sizeof exts[0])

static long find_cat(const struct res *r, const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	char *p = ax_malloc(n + m + 1);
	memcpy(p, a, n);
	memcpy(p + n, b, m + 1);
	long i = res_find(r, p, n + m);
	free(p);
	return i;
}

/* A module path (root-relative, no extension needed) to an indexed file. */
static long try_file(const struct res *r, const char *base)
{
	if (!base)
		return -1;
	long i = res_find0(r, base);
	if (i >= 0)
		return i;
	for (size_t k = 0; k < NEXTS; k++)
		if ((i = find_cat(r, base, exts[k])) >= 0)
			return i;
	/* TypeScript: "./x.js" names the source x.ts (ESM output extensions). */
	static const char *const js2ts[][2] = { { ".js", ".ts" }, { ".js", ".tsx" }, { ".jsx", ".tsx" },
						{ ".mjs", ".mts" }, { ".cjs", ".cts" } };
	for (size_t k = 0; k < sizeof js2ts / sizeof js2ts[0]; k++) {
		if (!str_ends(base, js2ts[k][0]))
			continue;
		char *stem = ax_strndup(base, strlen(base) - strlen(js2ts[k][0]));
		i = find_cat(r, stem, js2ts[k][1]);
		free(stem);
		if (i >= 0)
			return i;
	}
	for (size_t k = 0; k < NEXTS; k++) {
		char idx[16] = "/index";
		strcat(idx, exts[k]);
		if ((i = find_cat(r, base, idx)) >= 0)
			return i;
	}
	return -1;
}

static long try_join(const struct res *r, const char *dir, const char *rel)
{
	char *p = path_join(dir, rel);
	long i = try_file(r, p);
	free(p);
	return i;
}

static struct js_state *state(struct res *r)
{
	if (!r->js)
		r->js = ax_calloc(1, sizeof(struct js_state));
	return r->js;
}

static void load_tsconfig(struct res *r, struct tsconfig *t, const char *path, int depth)
{
	json_t *j = res_read_json(r, path);
	if (!j)
		return;
	char *dir = path_dir(path);
	/* A relative `extends` first, so this file's options win. */
	const char *ext = json_string_value(json_object_get(j, "extends"));
	if (ext && ext[0] == '.' && depth < 4) {
		char *p = path_join(dir, ext);
		if (p && !str_ends(p, ".json")) {
			char *q = ax_malloc(strlen(p) + 6);
			strcpy(q, p), strcat(q, ".json");
			free(p), p = q;
		}
		if (p)
			load_tsconfig(r, t, p, depth + 1);
		free(p);
	}
	json_t *co = json_object_get(j, "compilerOptions");
	const char *base = json_string_value(json_object_get(co, "baseUrl"));
	if (base) {
		free(t->base);
		t->base = path_join(dir, base);
	}
	json_t *paths = json_object_get(co, "paths");
	if (json_is_object(paths)) {
		json_decref(t->paths);
		t->paths = json_incref(paths);
		free(t->paths_dir);
		t->paths_dir = ax_strdup(dir);
	}
	if (t->base && t->paths && depth == 0) {
		free(t->paths_dir);
		t->paths_dir = ax_strdup(t->base); /* baseUrl, when set, anchors paths */
	}
	free(dir);
	json_decref(j);
}

/* The tsconfig.json (or jsconfig.json) nearest above the importing file. */
static struct tsconfig *nearest_tsconfig(struct res *r, const char *from)
{
	struct js_state *s = state(r);
	char *dir = path_dir(from);
	struct tsconfig *found = NULL;
	for (;;) {
		for (int k = 0; k < 2 && !found; k++) {
			char *p = path_join(dir, k ? "jsconfig.json" : "tsconfig.json");
			if (p && res_find0(r, p) >= 0) {
				for (size_t i = 0; i < s->nts; i++)
					if (strcmp(s->ts[i].path, p) == 0)
						found = &s->ts[i];
				if (!found) {
					s->ts = ax_realloc(s->ts, (s->nts + 1) * sizeof *s->ts);
					found = &s->ts[s->nts++];
					*found = (struct tsconfig){ .path = ax_strdup(p) };
					load_tsconfig(r, found, p, 0);
				}
			}
			free(p);
		}
		if (found || !*dir)
			break;
		char *up = path_dir(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return found;
}

static void load_pkgs(struct res *r)
{
	struct js_state *s = state(r);
	s->pkgs_loaded = true;
	for (size_t i = 0; i < r->nfiles; i++) {
		const char *p = r->files[i].path;
		if (strcmp(path_base(p), "package.json") != 0 || strstr(p, "node_modules/"))
			continue;
		json_t *j = res_read_json(r, p);
		const char *name = json_string_value(json_object_get(j, "name"));
		if (!name) {
			json_decref(j);
			continue;
		}
		s->pkgs = ax_realloc(s->pkgs, (s->npkgs + 1) * sizeof *s->pkgs);
		s->pkgs[s->npkgs++] = (struct pkg){ ax_strdup(name), path_dir(p), j };
	}
}

/* An exports target: a string, or a conditions object (first condition
 * that names an indexed file, in the order bundlers use for sources). */
static long export_target(const struct res *r, const char *dir, json_t *v, const char *star)
{
	if (json_is_string(v)) {
		const char *t = json_string_value(v);
		const char *w = strchr(t, '*');
		if (!w && star)
			return -1;
		if (!w)
			return try_join(r, dir, t);
		size_t n = strlen(t) + strlen(star);
		char *sub = ax_malloc(n + 1);
		snprintf(sub, n + 1, "%.*s%s%s", (int)(w - t), t, star, w + 1);
		long i = try_join(r, dir, sub);
		free(sub);
		return i;
	}
	static const char *const conds[] = { "source", "import", "require", "default", "node", "types" };
	for (size_t k = 0; json_is_object(v) && k < sizeof conds / sizeof conds[0]; k++) {
		json_t *c = json_object_get(v, conds[k]);
		long i = c ? export_target(r, dir, c, star) : -1;
		if (i >= 0)
			return i;
	}
	return -1;
}

static long package_entry(const struct res *r, const struct pkg *p, const char *sub)
{
	json_t *exp = json_object_get(p->json, "exports");
	if (exp) {
		bool subpaths = false;
		const char *key;
		json_t *val;
		json_object_foreach(exp, key, val)
			if (key[0] == '.')
				subpaths = true;
		char *want = ax_malloc(strlen(sub) + 3);
		strcpy(want, *sub ? "./" : "."), strcat(want, sub);
		long i = -1;
		if (!subpaths)
			i = *sub ? -1 : export_target(r, p->dir, exp, NULL);
		else if ((val = json_object_get(exp, want)))
			i = export_target(r, p->dir, val, NULL);
		else {
			json_object_foreach(exp, key, val) {
				const char *w = strchr(key, '*');
				if (!w || i >= 0)
					continue;
				size_t pre = (size_t)(w - key), post = strlen(w + 1), n = strlen(want);
				if (n >= pre + post && strncmp(want, key, pre) == 0 &&
				    strcmp(want + n - post, w + 1) == 0) {
					char *star = ax_strndup(want + pre, n - pre - post);
					i = export_target(r, p->dir, val, star);
					free(star);
				}
			}
		}
		free(want);
		return i; /* exports, when present, are the whole public surface */
	}
	if (*sub)
		return try_join(r, p->dir, sub);
	static const char *const fields[] = { "source", "module", "main", "types" };
	for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
		const char *m = json_string_value(json_object_get(p->json, fields[k]));
		long i = m ? try_join(r, p->dir, m) : -1;
		if (i >= 0)
			return i;
	}
	return try_join(r, p->dir, "index");
}

static long via_paths(struct res *r, const struct tsconfig *t, const char *spec)
{
	const char *key;
	json_t *val;
	long best = -1;
	size_t best_pre = 0;
	json_object_foreach(t->paths, key, val) {
		const char *w = strchr(key, '*');
		size_t pre = w ? (size_t)(w - key) : strlen(key), post = w ? strlen(w + 1) : 0, n = strlen(spec);
		bool hit = w ? n >= pre + post && strncmp(spec, key, pre) == 0 && strcmp(spec + n - post, w + 1) == 0
			     : strcmp(spec, key) == 0;
		if (!hit || (best >= 0 && pre <= best_pre)) /* the longest prefix wins, as in tsc */
			continue;
		char *star = w ? ax_strndup(spec + pre, n - pre - post) : ax_strdup("");
		size_t k;
		json_t *target;
		json_array_foreach(val, k, target) {
			const char *tt = json_string_value(target);
			if (!tt)
				continue;
			const char *tw = strchr(tt, '*');
			size_t m = strlen(tt) + strlen(star) + 1;
			char *sub = ax_malloc(m);
			if (tw)
				snprintf(sub, m, "%.*s%s%s", (int)(tw - tt), tt, star, tw + 1);
			else
				snprintf(sub, m, "%s", tt);
			long i = try_join(r, t->paths_dir, sub);
			free(sub);
			if (i >= 0) {
				best = i, best_pre = pre;
				break;
			}
		}
		free(star);
	}
	return best;
}

enum rstatus resolve_js(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out)
{
	(void)kind;
	const char *path = r->files[from].path;
	long i = -1;
	if (raw[0] == '/')
		return R_UNRESOLVED; /* a file system path, or a bundler's project root: not exact */
	if (raw[0] == '.') {
		char *dir = path_dir(path);
		i = try_join(r, dir, raw);
		free(dir);
		if (i < 0)
			return R_UNRESOLVED;
		targets_add(out, (size_t)i);
		return R_FILE;
	}
	if (str_starts(raw, "node:") || strchr(raw, ':'))
		return R_EXTERNAL; /* node:fs, https:..., virtual: modules */
	struct tsconfig *t = nearest_tsconfig(r, path);
	if (t && t->paths)
		i = via_paths(r, t, raw);
	if (i < 0 && t && t->base)
		i = try_join(r, t->base, raw);
	if (i >= 0) {
		targets_add(out, (size_t)i);
		return R_FILE;
	}
	struct js_state *s = state(r);
	if (!s->pkgs_loaded)
		load_pkgs(r);
	/* The package name: "@scope/name" or "name"; the rest is the subpath. */
	const char *slash = strchr(raw, '/');
	if (raw[0] == '@' && slash)
		slash = strchr(slash + 1, '/');
	size_t nlen = slash ? (size_t)(slash - raw) : strlen(raw);
	for (size_t k = 0; k < s->npkgs; k++) {
		struct pkg *p = &s->pkgs[k];
		if (strlen(p->name) != nlen || strncmp(p->name, raw, nlen) != 0)
			continue;
		i = package_entry(r, p, slash ? slash + 1 : "");
		if (i < 0)
			return R_UNRESOLVED;
		targets_add(out, (size_t)i);
		return R_FILE;
	}
	return R_EXTERNAL;
}

void resolve_js_free(struct res *r)
{
	struct js_state *s = r->js;
	if (!s)
		return;
	for (size_t i = 0; i < s->nts; i++) {
		free(s->ts[i].path), free(s->ts[i].base), free(s->ts[i].paths_dir);
		json_decref(s->ts[i].paths);
	}
	for (size_t i = 0; i < s->npkgs; i++) {
		free(s->pkgs[i].name), free(s->pkgs[i].dir);
		json_decref(s->pkgs[i].json);
	}
	free(s->ts), free(s->pkgs), free(s);
	r->js = NULL;
}
