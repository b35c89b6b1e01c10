/* resolve_misc.c: Ruby, PHP, Dart and Swift imports (docs/imports.md). */
#include "resolve/resolve_int.h"
#include "base/cli.h"

#include <stdlib.h>
#include <string.h>

struct named_dir {
	char *name, *dir;
};

struct misc_state {
	char **ruby_libs;          /* directories named lib holding Ruby files */
	size_t nruby_libs;
	struct named_dir *psr4;    /* PSR-4 namespace prefix ("App\\") -> directory */
	size_t npsr4;
	struct named_dir *dart;    /* pubspec name -> package directory */
	size_t ndart;
};

static void add_named(struct named_dir **v, size_t *n, const char *name, char *dir)
{
	*v = ax_realloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (struct named_dir){ ax_strdup(name), dir };
}

static void load_psr4(struct res *r, struct misc_state *s, const char *composer)
{
	json_t *j = res_read_json(r, composer);
	char *dir = path_dir(composer);
	static const char *const sections[] = { "autoload", "autoload-dev" };
	for (size_t k = 0; k < 2; k++) {
		json_t *map = json_object_get(json_object_get(j, sections[k]), "psr-4"), *v;
		const char *prefix;
		json_object_foreach(map, prefix, v) {
			size_t i;
			json_t *d;
			if (json_is_string(v)) {
				char *p = path_join(dir, json_string_value(v));
				if (p)
					add_named(&s->psr4, &s->npsr4, prefix, p);
			}
			json_array_foreach(v, i, d) {
				char *p = json_string_value(d) ? path_join(dir, json_string_value(d)) : NULL;
				if (p)
					add_named(&s->psr4, &s->npsr4, prefix, p);
			}
		}
	}
	free(dir);
	json_decref(j);
}

static void load_pubspec(struct res *r, struct misc_state *s, const char *pubspec)
{
	char *text = res_read(r, pubspec, NULL);
	for (const char *line = text; line && *line;) {
		if (str_starts(line, "name:")) {
			const char *p = line + 5;
			p += strspn(p, " \t\"'");
			size_t n = strcspn(p, " \t\"'\r\n#");
			if (n) {
				char *name = ax_strndup(p, n);
				add_named(&s->dart, &s->ndart, name, path_dir(pubspec));
				free(name);
			}
			break;
		}
		const char *e = strchr(line, '\n');
		line = e ? e + 1 : "";
	}
	free(text);
}

static struct misc_state *state(struct res *r)
{
	if (r->misc)
		return r->misc;
	struct misc_state *s = r->misc = ax_calloc(1, sizeof *s);
	for (size_t i = 0; i < r->nfiles; i++) {
		const char *p = r->files[i].path, *base = path_base(p);
		if (!strcmp(base, "composer.json"))
			load_psr4(r, s, p);
		else if (!strcmp(base, "pubspec.yaml"))
			load_pubspec(r, s, p);
		else if (!strcmp(r->files[i].lang, "ruby")) {
			/* every "lib" directory on the way down is a load path */
			for (const char *q = p; (q = strstr(q, "lib/")); q += 4) {
				if (q != p && q[-1] != '/')
					continue;
				char *d = ax_strndup(p, (size_t)(q - p) + 3);
				size_t k;
				for (k = 0; k < s->nruby_libs && strcmp(s->ruby_libs[k], d); k++)
					;
				if (k < s->nruby_libs) {
					free(d);
					continue;
				}
				s->ruby_libs = ax_realloc(s->ruby_libs, (s->nruby_libs + 1) * sizeof *s->ruby_libs);
				s->ruby_libs[s->nruby_libs++] = d;
			}
		}
	}
	return s;
}

static long with_ext(const struct res *r, const char *dir, const char *rel, const char *ext)
{
	char *p = path_join(dir, rel);
	long hit = p ? res_find0(r, p) : -1;
	if (p && hit < 0 && !str_ends(p, ext)) {
		char *q = ax_malloc(strlen(p) + strlen(ext) + 1);
		strcpy(q, p), strcat(q, ext);
		hit = res_find0(r, q);
		free(q);
	}
	free(p);
	return hit;
}

static enum rstatus one(struct targets *out, long hit, enum rstatus miss)
{
	if (hit < 0)
		return miss;
	targets_add(out, (size_t)hit);
	return R_FILE;
}

static enum rstatus ruby(struct res *r, const char *dir, const char *raw, const char *kind, struct targets *out)
{
	if (!strcmp(kind, "require_relative"))
		return one(out, with_ext(r, dir, raw, ".rb"), R_UNRESOLVED);
	struct misc_state *s = state(r);
	long found = -1;
	for (size_t k = 0; k < s->nruby_libs; k++) {
		long hit = with_ext(r, s->ruby_libs[k], raw, ".rb");
		if (hit >= 0 && found >= 0 && hit != found)
			return R_UNRESOLVED; /* two gems of the repository provide it */
		if (hit >= 0)
			found = hit;
	}
	return one(out, found, R_EXTERNAL);
}

static enum rstatus php(struct res *r, const char *dir, const char *raw, const char *kind, struct targets *out)
{
	if (!strcmp(kind, "use")) {
		struct misc_state *s = state(r);
		const struct named_dir *best = NULL;
		for (size_t k = 0; k < s->npsr4; k++) {
			size_t n = strlen(s->psr4[k].name);
			if (!strncmp(raw, s->psr4[k].name, n) && (!best || n > strlen(best->name)))
				best = &s->psr4[k];
		}
		if (!best)
			return R_EXTERNAL;
		char *rel = ax_strdup(raw + strlen(best->name));
		for (char *c = rel; *c; c++)
			if (*c == '\\')
				*c = '/';
		enum rstatus st = one(out, with_ext(r, best->dir, rel, ".php"), R_UNRESOLVED);
		free(rel);
		return st;
	}
	/* require/include: a literal path, or __DIR__ . '/x.php' */
	const char *p = raw;
	bool from_dir = str_starts(p, "__DIR__");
	if (from_dir)
		p += strspn(p + 7, " .") + 7;
	if (*p != '\'' && *p != '"')
		return R_UNRESOLVED;
	const char *e = strchr(p + 1, *p);
	if (!e || e[1])
		return R_UNRESOLVED;
	if (!from_dir)
		return R_UNRESOLVED; /* relative to the include_path and cwd: not exact */
	char *rel = ax_strndup(p + 1, (size_t)(e - p - 1));
	long hit = with_ext(r, dir, rel[0] == '/' ? rel + 1 : rel, ".php");
	free(rel);
	return one(out, hit, R_UNRESOLVED);
}

static enum rstatus dart(struct res *r, const char *dir, const char *raw, struct targets *out)
{
	if (str_starts(raw, "dart:"))
		return R_EXTERNAL;
	if (!str_starts(raw, "package:"))
		return one(out, with_ext(r, dir, raw, ".dart"), R_UNRESOLVED);
	const char *name = raw + 8, *slash = strchr(name, '/');
	if (!slash)
		return R_UNRESOLVED;
	struct misc_state *s = state(r);
	for (size_t k = 0; k < s->ndart; k++) {
		if (strlen(s->dart[k].name) != (size_t)(slash - name) || strncmp(s->dart[k].name, name, (size_t)(slash - name)))
			continue;
		char *lib = path_join(s->dart[k].dir, "lib");
		enum rstatus st = one(out, with_ext(r, lib, slash + 1, ".dart"), R_UNRESOLVED);
		free(lib);
		return st;
	}
	return R_EXTERNAL;
}

/* Swift imports modules: a SwiftPM target is the directory Sources/<Name>. */
static enum rstatus swift(struct res *r, const char *raw, struct targets *out)
{
	size_t n = strcspn(raw, ".");
	char *needle = ax_malloc(n + 11);
	snprintf(needle, n + 11, "Sources/%.*s/", (int)n, raw);
	for (size_t i = 0; i < r->nfiles; i++) {
		const char *p = r->files[i].path, *hit = strstr(p, needle);
		if (hit && (hit == p || hit[-1] == '/') && !strcmp(r->files[i].lang, "swift"))
			targets_add(out, i);
	}
	free(needle);
	return out->n ? R_FILE : R_EXTERNAL;
}

enum rstatus resolve_misc(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out)
{
	const char *lang = r->files[from].lang;
	char *dir = path_dir(r->files[from].path);
	enum rstatus st = R_UNRESOLVED;
	if (!strcmp(lang, "ruby"))
		st = ruby(r, dir, raw, kind, out);
	else if (!strcmp(lang, "php"))
		st = php(r, dir, raw, kind, out);
	else if (!strcmp(lang, "dart"))
		st = dart(r, dir, raw, out);
	else if (!strcmp(lang, "swift"))
		st = swift(r, raw, out);
	free(dir);
	return st;
}

void resolve_misc_free(struct res *r)
{
	struct misc_state *s = r->misc;
	if (!s)
		return;
	for (size_t i = 0; i < s->nruby_libs; i++)
		free(s->ruby_libs[i]);
	for (size_t i = 0; i < s->npsr4; i++)
		free(s->psr4[i].name), free(s->psr4[i].dir);
	for (size_t i = 0; i < s->ndart; i++)
		free(s->dart[i].name), free(s->dart[i].dir);
	free(s->ruby_libs), free(s->psr4), free(s->dart), free(s);
	r->misc = NULL;
}
