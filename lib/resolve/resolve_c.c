/* resolve_c.c: C and C++ includes (docs/imports.md).
 *
 * "x.h" is looked up beside the including file first; then, and for <x.h>,
 * in the -I / -iquote / -isystem directories of the file's entry in
 * compile_commands.json (at the root or in build/). A file without an
 * entry (a header) uses the directories of every entry, and only a match
 * found in exactly one file counts. Without compile_commands.json the
 * directories are those the build files name for certain (resolve_c_roots.c:
 * CMake include_directories / target_include_directories, Makefile -I).
 * Last, a lone match: the only indexed file of the including file's
 * project whose path ends with an include that has a directory
 * ("util/x.h", <fmt/format.h>). Without a match: <x.h> is external,
 * "x.h" unresolved. */
#include "resolve/resolve_int.h"
#include "base/cli.h"

#include <stdlib.h>
#include <string.h>

struct tu {
	long file;       /* index of the source file */
	char **dirs;     /* root-relative include directories */
	size_t ndirs;
};

struct cc_state {
	struct tu *tus;
	size_t ntus;
	long *tu_of;     /* file index -> its entry in tus, or -1 */
	char **all;      /* every include directory, once */
	char **owner;    /* without compile_commands.json: the directory whose
			  * build file named all[i]; only files under it use it */
	size_t nall;
	size_t *by_base; /* C/C++ files sorted by base name, for lone_match */
	size_t nbase;
	/* Directories asked about by project_of(), and whether they hold a
	 * build file: each is looked for on disk once per pass, not once per
	 * include (a full pass over a C++ tree made millions of stat calls). */
	struct marked { char *dir; bool yes; } *marked;
	size_t nmarked, markcap;
};

static void add_dir(char ***v, size_t *n, const char *d)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], d))
			return;
	*v = ax_realloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = ax_strdup(d);
}

/* An absolute or directory-relative path as root-relative, or NULL if it
 * is outside the root. */
static char *relative(const struct res *r, const char *dir, const char *p)
{
	size_t n = strlen(r->root);
	char *abs;
	if (p[0] == '/') {
		abs = ax_strdup(p);
	} else {
		abs = ax_malloc(strlen(dir) + strlen(p) + 2);
		sprintf(abs, "%s/%s", dir, p);
	}
	char *out = NULL;
	if (strncmp(abs, r->root, n) == 0 && (abs[n] == '/' || abs[n] == '\0'))
		out = path_join("", abs + n);
	free(abs);
	return out;
}

static void add_arg(struct res *r, struct cc_state *s, struct tu *t, const char *dir, const char *const *args, size_t n)
{
	static const char *const flags[] = { "-I", "-iquote", "-isystem", "-idirafter" };
	for (size_t i = 0; i < n; i++) {
		for (size_t f = 0; f < 4; f++) {
			size_t fl = strlen(flags[f]);
			if (strncmp(args[i], flags[f], fl) != 0)
				continue;
			const char *d = args[i][fl] ? args[i] + fl : i + 1 < n ? args[++i] : NULL;
			char *rel = d ? relative(r, dir, d) : NULL;
			if (rel) {
				add_dir(&t->dirs, &t->ndirs, rel);
				add_dir(&s->all, &s->nall, rel);
			}
			free(rel);
			break;
		}
	}
}

static struct cc_state *state(struct res *r)
{
	if (r->cc)
		return r->cc;
	struct cc_state *s = r->cc = ax_calloc(1, sizeof *s);
	if (!r->root)
		return s;
	json_t *db = res_read_json(r, "compile_commands.json");
	if (!db)
		db = res_read_json(r, "build/compile_commands.json");
	size_t i;
	json_t *e;
	json_array_foreach(db, i, e) {
		const char *dir = json_string_value(json_object_get(e, "directory"));
		const char *file = json_string_value(json_object_get(e, "file"));
		if (!dir || !file)
			continue;
		char *rel = relative(r, dir, file);
		long idx = rel ? res_find0(r, rel) : -1;
		free(rel);
		s->tus = ax_realloc(s->tus, (s->ntus + 1) * sizeof *s->tus);
		struct tu *t = &s->tus[s->ntus++];
		*t = (struct tu){ .file = idx };
		const char **args = NULL;
		size_t n = 0;
		json_t *arr = json_object_get(e, "arguments"), *a;
		size_t k;
		char *cmd = NULL;
		if (json_is_array(arr)) {
			json_array_foreach(arr, k, a) {
				args = ax_realloc(args, (n + 1) * sizeof *args);
				args[n++] = json_string_value(a) ? json_string_value(a) : "";
			}
		} else if (json_string_value(json_object_get(e, "command"))) {
			/* split on blanks: good enough for -I flags, which rarely hold spaces */
			cmd = ax_strdup(json_string_value(json_object_get(e, "command")));
			for (char *tok = strtok(cmd, " \t"); tok; tok = strtok(NULL, " \t")) {
				args = ax_realloc(args, (n + 1) * sizeof *args);
				args[n++] = tok;
			}
		}
		add_arg(r, s, t, dir, args, n);
		free(args), free(cmd);
	}
	json_decref(db);
	if (s->ntus == 0)
		c_include_roots(r, &s->all, &s->owner, &s->nall);
	s->tu_of = ax_malloc((r->nfiles + 1) * sizeof *s->tu_of);
	for (size_t i = 0; i < r->nfiles; i++)
		s->tu_of[i] = -1;
	for (size_t k = 0; k < s->ntus; k++)
		if (s->tus[k].file >= 0 && s->tu_of[s->tus[k].file] < 0)
			s->tu_of[s->tus[k].file] = (long)k;
	return s;
}

static long in_dir(const struct res *r, const char *dir, const char *raw)
{
	char *p = path_join(dir, raw);
	long hit = p ? res_find0(r, p) : -1;
	free(p);
	return hit;
}

static int cmp_base(const void *a, const void *b, void *res)
{
	const struct res *r = res;
	return strcmp(path_base(r->files[*(const size_t *)a].path), path_base(r->files[*(const size_t *)b].path));
}

static void index_bases(const struct res *r, struct cc_state *s)
{
	s->by_base = ax_malloc((r->nfiles + 1) * sizeof *s->by_base);
	for (size_t i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i].lang, "c") || !strcmp(r->files[i].lang, "cpp"))
			s->by_base[s->nbase++] = i;
	qsort_r(s->by_base, s->nbase, sizeof *s->by_base, cmp_base, (void *)r);
}

/* Does directory `dir` hold a build or package file? */
static bool has_marker(const struct res *r, const char *dir)
{
	static const char *const markers[] = {
		"CMakeLists.txt", "Makefile", "configure", "configure.ac", "meson.build",
		"package.json", "Cargo.toml", "setup.py", "pyproject.toml", "BUILD", "BUILD.bazel",
	};
	bool yes = false;
	for (size_t k = 0; k < sizeof markers / sizeof *markers && !yes; k++) {
		char *p = path_join(dir, markers[k]);
		yes = p && res_exists(r, p);
		free(p);
	}
	return yes;
}

/* has_marker(), remembered per directory (open addressing, doubled at half
 * full). */
static bool has_marker_cached(const struct res *r, struct cc_state *s, const char *dir)
{
	if (s->nmarked * 2 >= s->markcap) {
		struct marked *old = s->marked;
		size_t oldcap = s->markcap;
		s->markcap = oldcap ? oldcap * 2 : 256;
		s->marked = ax_calloc(s->markcap, sizeof *s->marked);
		for (size_t i = 0; i < oldcap; i++) {
			if (!old[i].dir)
				continue;
			size_t h = res_hash(old[i].dir, strlen(old[i].dir)) & (s->markcap - 1);
			while (s->marked[h].dir)
				h = (h + 1) & (s->markcap - 1);
			s->marked[h] = old[i];
		}
		free(old);
	}
	size_t h = res_hash(dir, strlen(dir)) & (s->markcap - 1);
	for (; s->marked[h].dir; h = (h + 1) & (s->markcap - 1))
		if (!strcmp(s->marked[h].dir, dir))
			return s->marked[h].yes;
	s->marked[h] = (struct marked){ ax_strdup(dir), has_marker(r, dir) };
	s->nmarked++;
	return s->marked[h].yes;
}

/* The outermost directory above `path` with a build or package file: the
 * project the file belongs to, in a repository that holds several side by
 * side (vendored libraries, a tree of packages). "" when none has one. */
static char *project_of(const struct res *r, struct cc_state *s, const char *path)
{
	char *dir = ax_strdup(path);
	for (char *slash = dir; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		if (has_marker_cached(r, s, dir))
			return dir;
		*slash = '/';
	}
	free(dir);
	return ax_strdup("");
}

/* The only indexed C/C++ file whose path ends with "/raw" (or is raw), or
 * -1 (none, or several). Only an include with a directory (`"util/x.h"`,
 * `<fmt/format.h>`) is matched so, and only within the including file's
 * project: a bare "config.h" is often made by the build, and a header of
 * another project of the tree is not this one's. */
static long lone_match(const struct res *r, struct cc_state *s, size_t from, const char *raw)
{
	if (!strchr(raw, '/') || strstr(raw, "..") || raw[0] == '/')
		return -1;
	if (!s->by_base)
		index_bases(r, s);
	const char *base = path_base(raw);
	size_t lo = 0, hi = s->nbase, n = strlen(raw);
	while (lo < hi) {   /* the first file of this base name */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(path_base(r->files[s->by_base[mid]].path), base) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	long found = -1;
	for (size_t k = lo; k < s->nbase; k++) {
		const char *p = r->files[s->by_base[k]].path;
		if (strcmp(path_base(p), base) != 0)
			break;
		size_t m = strlen(p);
		if (m < n || strcmp(p + m - n, raw) != 0 || (m > n && p[m - n - 1] != '/'))
			continue;
		if (found >= 0)
			return -1;
		found = (long)s->by_base[k];
	}
	if (found < 0)
		return -1;
	char *proj = project_of(r, s, r->files[from].path);
	size_t pl = strlen(proj);
	const char *hit = r->files[found].path;
	bool inside = !pl || (!strncmp(hit, proj, pl) && hit[pl] == '/');
	free(proj);
	return inside ? found : -1;
}

/* Whether include directory k applies to the file at `path`: always for
 * its own compile_commands entry; from a build file, under its directory. */
static bool serves(const struct cc_state *s, const struct tu *t, size_t k, const char *path)
{
	if (t || !s->owner || !s->owner[k])
		return true;
	size_t n = strlen(s->owner[k]);
	return !n || (!strncmp(path, s->owner[k], n) && path[n] == '/');
}

enum rstatus resolve_c(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out)
{
	bool local = !strcmp(kind, "include_local");
	if (!local && strcmp(kind, "include_system") != 0)
		return R_EXTERNAL; /* C++ using namespace */
	long hit = -1;
	if (local) {
		char *dir = path_dir(r->files[from].path);
		hit = in_dir(r, dir, raw);
		free(dir);
	}
	struct cc_state *s = state(r);
	const struct tu *t = s->tu_of && s->tu_of[from] >= 0 ? &s->tus[s->tu_of[from]] : NULL;
	char *const *dirs = t ? t->dirs : s->all;
	size_t ndirs = t ? t->ndirs : s->nall;
	for (size_t k = 0; k < ndirs && hit < 0; k++) {
		long h = serves(s, t, k, r->files[from].path) ? in_dir(r, dirs[k], raw) : -1;
		if (h < 0)
			continue;
		/* by the union of all entries' dirs, only an unambiguous match */
		for (size_t j = k + 1; !t && j < ndirs && h >= 0; j++) {
			long h2 = serves(s, t, j, r->files[from].path) ? in_dir(r, dirs[j], raw) : -1;
			if (h2 >= 0 && h2 != h)
				return R_UNRESOLVED;
		}
		hit = h;
	}
	if (hit < 0)
		hit = lone_match(r, s, from, raw);
	if (hit >= 0) {
		targets_add(out, (size_t)hit);
		return R_FILE;
	}
	return local ? R_UNRESOLVED : R_EXTERNAL;
}

void resolve_c_free(struct res *r)
{
	struct cc_state *s = r->cc;
	if (!s)
		return;
	for (size_t i = 0; i < s->ntus; i++) {
		for (size_t k = 0; k < s->tus[i].ndirs; k++)
			free(s->tus[i].dirs[k]);
		free(s->tus[i].dirs);
	}
	for (size_t i = 0; i < s->nall; i++)
		free(s->all[i]), free(s->owner ? s->owner[i] : NULL);
	free(s->owner);
	for (size_t i = 0; i < s->markcap; i++)
		free(s->marked[i].dir);
	free(s->marked);
	free(s->tus), free(s->all), free(s->tu_of), free(s->by_base), free(s);
	r->cc = NULL;
}
