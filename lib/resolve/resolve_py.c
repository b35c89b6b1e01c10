/* resolve_py.c: Python imports (docs/imports.md).
 *
 * Absolute imports are looked up under every import root of the
 * repository: its top directory, the parent of each top-level regular
 * package (a directory with __init__.py whose parent has none) when that
 * parent is a project directory or a src/ (see import_root), and, for a
 * script outside any package, the script's own directory (sys.path[0]). Exactly one match is an edge; two are
 * ambiguous and stay unresolved. Relative imports climb from the file's
 * package. Namespace packages (no __init__.py) are walked like any other. */
#include "resolve/resolve_int.h"
#include "base/cli.h"

#include <stdlib.h>
#include <string.h>

struct py_state {
	char **roots;
	size_t nroots;
};

static bool has_init(const struct res *r, const char *dir)
{
	char *p = path_join(dir, "__init__.py");
	bool ok = p && res_find0(r, p) >= 0;
	free(p);
	return ok;
}

static bool has_project_file(const struct res *r, const char *dir)
{
	static const char *const names[] = { "pyproject.toml", "setup.py", "setup.cfg" };
	bool yes = false;
	for (size_t k = 0; k < 3 && !yes; k++) {
		char *p = path_join(dir, names[k]);
		yes = p && (res_find0(r, p) >= 0 || res_exists(r, p));
		free(p);
	}
	return yes;
}

/* Whether the parent of a top-level package is on sys.path when the
 * project runs: a project directory (pyproject.toml, setup.py, setup.cfg)
 * or the src/ of one, or any directory named src. Package-shaped test data
 * (a tree of fixtures a test adds to sys.path itself) is not. */
static bool import_root(const struct res *r, const char *dir)
{
	if (has_project_file(r, dir) || !strcmp(path_base(dir), "src"))
		return true;
	char *up = path_dir(dir);
	bool yes = *dir && has_project_file(r, up) && !strcmp(path_base(dir), "src");
	free(up);
	return yes;
}

/* Modules compiled into every CPython: found before any sys.path entry, so
 * a file of the same name never shadows them. */
static bool builtin_module(const char *name)
{
	static const char *const names[] = {
		"sys", "builtins", "gc", "marshal", "posix", "errno", "itertools", "time", "atexit",
		"faulthandler", "pwd", "_io", "_thread", "_imp", "_warnings", "_weakref", "_signal", "_sre",
		"_stat", "_string", "_abc", "_codecs", "_collections", "_functools", "_locale", "_operator",
		"_tracemalloc", "_symtable",
	};
	size_t n = strcspn(name, ".");
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && !strncmp(name, names[i], n))
			return true;
	return false;
}

static void add_root(struct py_state *s, const char *dir)
{
	for (size_t i = 0; i < s->nroots; i++)
		if (strcmp(s->roots[i], dir) == 0)
			return;
	s->roots = ax_realloc(s->roots, (s->nroots + 1) * sizeof *s->roots);
	s->roots[s->nroots++] = ax_strdup(dir);
}

static struct py_state *state(struct res *r)
{
	if (r->py)
		return r->py;
	struct py_state *s = r->py = ax_calloc(1, sizeof *s);
	add_root(s, "");
	for (size_t i = 0; i < r->nfiles; i++) {
		if (strcmp(path_base(r->files[i].path), "__init__.py") != 0)
			continue;
		char *pkg = path_dir(r->files[i].path);
		char *parent = path_dir(pkg);
		if (*pkg && !has_init(r, parent) && import_root(r, parent))
			add_root(s, parent);
		free(pkg), free(parent);
	}
	return s;
}

/* dir/a/b/c.py or dir/a/b/c/__init__.py for dotted "a.b.c". */
static long module_file(const struct res *r, const char *dir, const char *dotted)
{
	size_t n = strlen(dotted);
	char *rel = ax_malloc(n + 16);
	for (size_t i = 0; i <= n; i++)
		rel[i] = dotted[i] == '.' ? '/' : dotted[i];
	char *base = path_join(dir, rel);
	long hit = -1;
	if (base && *base) {
		size_t m = strlen(base);
		char *p = ax_malloc(m + 16);
		static const char *const suffixes[] = { ".py", "/__init__.py", ".pyi", "/__init__.pyi" };
		for (size_t k = 0; k < 4 && hit < 0; k++) {
			memcpy(p, base, m);
			strcpy(p + m, suffixes[k]);
			hit = res_find0(r, p);
		}
		free(p);
	}
	free(base), free(rel);
	return hit;
}

/* Whether the first name of `dotted` is a module, package or directory
 * under `dir`: then the import is the repository's, found or not. */
static bool top_exists(const struct res *r, const char *dir, const char *dotted)
{
	const char *dot = strchr(dotted, '.');
	char *top = dot ? ax_strndup(dotted, (size_t)(dot - dotted)) : ax_strdup(dotted);
	bool yes = module_file(r, dir, top) >= 0;
	if (!yes) {
		char *d = path_join(dir, top);
		size_t lo, hi;
		res_subtree(r, d, &lo, &hi);
		for (size_t i = lo; i < hi && !yes; i++)
			yes = !strcmp(r->files[i].lang, "python");
		free(d);
	}
	free(top);
	return yes;
}

/* `module` without its last name ("a.b.c" -> "a.b", "..x" -> ".."), or
 * NULL when it has none to drop ("a", ".."). */
static char *parent_module(const char *module)
{
	size_t dots = strspn(module, ".");
	const char *last = strrchr(module + dots, '.');
	if (last)
		return ax_strndup(module, (size_t)(last - module));
	return dots && module[dots] ? ax_strndup(module, dots) : NULL;
}

/* ".x.y" from the package of `dir`: one level up per dot after the first;
 * "." alone is the package's __init__.py. */
static long relative_file(const struct res *r, const char *dir, const char *raw)
{
	size_t dots = strspn(raw, ".");
	char *base = ax_strdup(dir);
	for (size_t k = 1; k < dots && base; k++) {
		char *up = *base ? path_dir(base) : NULL;
		free(base);
		base = up;
	}
	long hit = -1;
	if (base && raw[dots]) {
		hit = module_file(r, base, raw + dots);
	} else if (base) {
		char *p = path_join(base, "__init__.py");
		hit = res_find0(r, p);
		free(p);
	}
	free(base);
	return hit;
}

/* An absolute module under the import roots: one match, ambiguous (several
 * roots have it), none; *in_repo when its first name is the repository's. */
static long absolute_file(struct res *r, const char *dir, const char *raw, bool *ambiguous,
			  bool *in_repo)
{
	struct py_state *s = state(r);
	long found = -1;
	for (size_t k = 0; k <= s->nroots; k++) {
		const char *root = k < s->nroots ? s->roots[k] : dir;
		if (k == s->nroots && has_init(r, dir))
			break; /* a module inside a package is no script: no sys.path[0] */
		long hit = module_file(r, root, raw);
		if (hit >= 0 && found >= 0 && hit != found)
			*ambiguous = true;
		if (hit >= 0)
			found = hit;
		*in_repo = *in_repo || top_exists(r, root, raw);
	}
	return found;
}

/* Kinds `from` and `relative` name a module plus one name taken from it
 * (`from a.b import c` is "a.b.c"): the submodule a/b/c.py if there is
 * one, else the module a.b that defines c. `import`, `from_star` and
 * `relative_star` name the module alone. */
enum rstatus resolve_py(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out)
{
	if (!strcmp(kind, "future") || (raw[0] != '.' && builtin_module(raw)))
		return R_EXTERNAL;
	bool member = !strcmp(kind, "from") || !strcmp(kind, "relative");
	char *dir = path_dir(r->files[from].path);
	char *parent = member ? parent_module(raw) : NULL;
	long hit;
	bool ambiguous = false, in_repo = false;
	if (raw[0] == '.') {
		hit = relative_file(r, dir, raw);
		if (hit < 0 && parent)
			hit = relative_file(r, dir, parent);
		in_repo = true;
	} else {
		hit = absolute_file(r, dir, raw, &ambiguous, &in_repo);
		if (hit < 0 && !ambiguous && parent)
			hit = absolute_file(r, dir, parent, &ambiguous, &in_repo);
	}
	free(dir), free(parent);
	if (hit >= 0 && !ambiguous) {
		targets_add(out, (size_t)hit);
		return R_FILE;
	}
	return in_repo ? R_UNRESOLVED : R_EXTERNAL;
}

void resolve_py_free(struct res *r)
{
	struct py_state *s = r->py;
	if (!s)
		return;
	for (size_t i = 0; i < s->nroots; i++)
		free(s->roots[i]);
	free(s->roots), free(s);
	r->py = NULL;
}
