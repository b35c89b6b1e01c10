/* resolve_jvm.c: imports by declared name, read from the symbols table
 * (docs/imports.md): Java, Kotlin and Scala (package + type -> the file
 * declaring it; a wildcard -> the package's files), C# (namespace -> the
 * files declaring it) and Elixir (module -> the file defining it). A type
 * or module declared in two files is ambiguous and stays unresolved. */
#include "resolve/resolve_int.h"
#include "base/cli.h"
#include "index/db.h"

#include <stdlib.h>
#include <string.h>

struct entry {
	char *key;          /* "t:a.b.C" type, "p:a.b" package, "n:A.B" C# namespace, "m:A.B" Elixir module */
	struct targets files;
	struct entry *next;
};

/* An Elixir module's lines in its file, for __MODULE__. */
struct module_span {
	size_t file;
	int64_t line, end_line;
	char *full;
};

struct jvm_state {
	struct entry **tab;
	size_t cap;
	struct module_span *mods;   /* by file, then line (the order symbols are read in) */
	size_t nmods, capmods;
};

static struct entry *lookup(const struct jvm_state *s, const char *key)
{
	for (struct entry *e = s->tab[res_hash(key, strlen(key)) & (s->cap - 1)]; e; e = e->next)
		if (!strcmp(e->key, key))
			return e;
	return NULL;
}

static void put(struct jvm_state *s, const char *key, size_t file)
{
	struct entry *e = lookup(s, key);
	if (!e) {
		size_t h = res_hash(key, strlen(key)) & (s->cap - 1);
		e = ax_calloc(1, sizeof *e);
		e->key = ax_strdup(key);
		e->next = s->tab[h];
		s->tab[h] = e;
	}
	targets_add(&e->files, file);
}

static void put2(struct jvm_state *s, char tag, const char *a, const char *b, size_t file)
{
	size_t n = strlen(a) + strlen(b) + 4;
	char *k = ax_malloc(n);
	snprintf(k, n, "%c:%s%s%s", tag, a, *a && *b ? "." : "", b);
	put(s, k, file);
	free(k);
}

static bool is_type(const char *kind)
{
	static const char *const kinds[] = { "class", "interface", "enum", "object", "trait", "struct",
					     "type", "function", "variable", "constant", "protocol" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kind, kinds[i]))
			return true;
	return false;
}

struct sym {
	int64_t id, parent, line, end_line;
	char *name, *kind, *full; /* full: with enclosing namespaces/modules */
};

static void add_module(struct jvm_state *s, size_t file, const struct sym *m)
{
	put2(s, 'm', m->full, "", file);
	if (s->nmods == s->capmods)
		s->mods = ax_realloc(s->mods, (s->capmods = s->capmods ? 2 * s->capmods : 64) * sizeof *s->mods);
	s->mods[s->nmods++] = (struct module_span){ file, m->line, m->end_line, ax_strdup(m->full) };
}

/* One file's symbols (in id order, so parents come first) into the tables. */
static void index_file(struct jvm_state *s, const char *lang, size_t file, struct sym *v, size_t n)
{
	bool csharp = !strcmp(lang, "csharp"), elixir = !strcmp(lang, "elixir");
	const char *pkg = "";
	for (size_t i = 0; i < n; i++) {
		struct sym *p = NULL;
		for (size_t k = 0; k < i && v[i].parent; k++)
			if (v[k].id == v[i].parent)
				p = &v[k];
		bool container = !strcmp(v[i].kind, "namespace") || !strcmp(v[i].kind, "module");
		const char *outer = p && p->full ? p->full : "";
		if (p && !p->full)
			continue; /* inside a function or a type: not importable by name */
		if (container) {
			size_t m = strlen(outer) + strlen(v[i].name) + 2;
			v[i].full = ax_malloc(m);
			snprintf(v[i].full, m, "%s%s%s", outer, *outer ? "." : "", v[i].name);
			if (csharp)
				put2(s, 'n', v[i].full, "", file);
			else if (elixir)
				add_module(s, file, &v[i]);
			else if (!p) {
				pkg = v[i].name;
				put2(s, 'p', pkg, "", file);
			}
		} else if (is_type(v[i].kind)) {
			put2(s, 't', p ? outer : pkg, v[i].name, file);
		}
	}
}

static struct jvm_state *state(struct res *r)
{
	if (r->jvm)
		return r->jvm;
	struct jvm_state *s = r->jvm = ax_calloc(1, sizeof *s);
	s->cap = 4096;
	s->tab = ax_calloc(s->cap, sizeof *s->tab);
	sqlite3_stmt *st;
	if (ax_db_prepare(r->db,
			  "SELECT s.file_id, s.id, coalesce(s.parent_id, 0), s.name, s.kind, s.line, s.end_line"
			  " FROM symbols s"
			  " JOIN files f ON f.id = s.file_id"
			  " WHERE f.lang IN ('java', 'kotlin', 'scala', 'csharp', 'elixir')"
			  " ORDER BY s.file_id, s.id", &st, NULL))
		return s;
	struct sym *v = NULL;
	size_t n = 0, cap = 0;
	int64_t cur = -1;
	long file = -1;
	for (bool more = true; more;) {
		more = sqlite3_step(st) == SQLITE_ROW;
		int64_t fid = more ? sqlite3_column_int64(st, 0) : -2;
		if (fid != cur) {
			if (file >= 0)
				index_file(s, r->files[file].lang, (size_t)file, v, n);
			for (size_t i = 0; i < n; i++)
				free(v[i].name), free(v[i].kind), free(v[i].full);
			n = 0, cur = fid;
			file = more ? res_by_id(r, fid) : -1;
		}
		if (!more)
			break;
		if (n == cap)
			v = ax_realloc(v, (cap = cap ? cap * 2 : 64) * sizeof *v);
		v[n++] = (struct sym){
			.id = sqlite3_column_int64(st, 1), .parent = sqlite3_column_int64(st, 2),
			.name = ax_strdup((const char *)sqlite3_column_text(st, 3)),
			.kind = ax_strdup((const char *)sqlite3_column_text(st, 4)),
			.line = sqlite3_column_int64(st, 5), .end_line = sqlite3_column_int64(st, 6),
		};
	}
	free(v);
	sqlite3_finalize(st);
	return s;
}

/* A type by dotted name, or the type enclosing it (a.b.C.D -> a.b.C).
 * 1 found (added), 0 none, -1 ambiguous. */
static int find_type(const struct jvm_state *s, const char *name, struct targets *out)
{
	char *k = ax_malloc(strlen(name) + 3);
	sprintf(k, "t:%s", name);
	int rc = 0;
	for (;;) {
		struct entry *e = lookup(s, k);
		if (e) {
			rc = e->files.n == 1 ? 1 : -1;
			if (rc > 0)
				targets_add(out, e->files.v[0]);
			break;
		}
		char *dot = strrchr(k, '.');
		if (!dot)
			break;
		*dot = '\0';
	}
	free(k);
	return rc;
}

static bool add_all(const struct jvm_state *s, char tag, const char *name, struct targets *out)
{
	char *k = ax_malloc(strlen(name) + 3);
	sprintf(k, "%c:%s", tag, name);
	struct entry *e = lookup(s, k);
	free(k);
	for (size_t i = 0; e && i < e->files.n; i++)
		targets_add(out, e->files.v[i]);
	return e != NULL;
}

/* Whether some leading part of `name` is a package or namespace of the
 * repository (then a miss is unresolved rather than external). */
static bool ours(const struct jvm_state *s, char tag, const char *name)
{
	char *k = ax_malloc(strlen(name) + 3);
	sprintf(k, "%c:%s", tag, name);
	bool yes = false;
	for (char *dot; !yes;) {
		yes = lookup(s, k) != NULL;
		if (!(dot = strrchr(k, '.')))
			break;
		*dot = '\0';
	}
	free(k);
	return yes;
}

static enum rstatus outcome(int found, bool ours_)
{
	return found > 0 ? R_FILE : found < 0 || ours_ ? R_UNRESOLVED : R_EXTERNAL;
}

/* One JVM name: `wild` for a.b.* (package, or members of a type). */
static enum rstatus jvm_name(struct jvm_state *s, const char *name, bool wild, struct targets *out)
{
	if (wild && add_all(s, 'p', name, out))
		return R_FILE;
	return outcome(find_type(s, name, out), ours(s, 'p', name));
}

/* Scala: "a.b.{C, D => E}", "a.b._", "a.b.*", "a.b.C". */
static enum rstatus scala(struct jvm_state *s, const char *raw, struct targets *out)
{
	const char *brace = strchr(raw, '{');
	size_t plen = brace ? (size_t)(brace - raw) : strlen(raw);
	while (plen && (raw[plen - 1] == '.' || raw[plen - 1] == ' '))
		plen--;
	char *prefix = ax_strndup(raw, plen);
	enum rstatus best = R_EXTERNAL;
	if (!brace) {
		char *last = strrchr(prefix, '.');
		bool wild = last && (!strcmp(last, "._") || !strcmp(last, ".*"));
		if (wild)
			*last = '\0';
		best = jvm_name(s, prefix, wild, out);
		free(prefix);
		return best;
	}
	for (const char *item = brace + 1; *item && *item != '}';) {
		while (*item == ' ' || *item == ',')
			item++;
		size_t n = strcspn(item, " ,}=");
		if (!n)
			break;
		bool wild = (n == 1 && (*item == '_' || *item == '*'));
		size_t m = plen + n + 2;
		char *full = ax_malloc(m);
		snprintf(full, m, "%s%s%.*s", prefix, wild ? "" : ".", wild ? 0 : (int)n, item);
		enum rstatus one = jvm_name(s, full, wild, out);
		free(full);
		if (one == R_FILE)
			best = R_FILE;
		else if (one == R_UNRESOLVED && best == R_EXTERNAL)
			best = R_UNRESOLVED;
		item += n;
		item += strcspn(item, ",}");
	}
	free(prefix);
	return best;
}

/* Elixir: "A.B" or "A.{B, C}". */
static enum rstatus elixir(struct jvm_state *s, const char *raw, struct targets *out)
{
	const char *brace = strchr(raw, '{');
	size_t plen = brace ? (size_t)(brace - raw) : strlen(raw);
	enum rstatus best = R_EXTERNAL;
	for (const char *item = brace ? brace + 1 : raw + plen;;) {
		while (*item == ' ' || *item == ',')
			item++;
		size_t n = brace ? strcspn(item, " ,}") : 0;
		size_t m = plen + n + 2;
		char *full = ax_malloc(m);
		snprintf(full, m, "%.*s%.*s", (int)plen, raw, (int)n, item);
		char *k = ax_malloc(m + 2);
		sprintf(k, "m:%s", full);
		struct entry *e = lookup(s, k);
		if (e && e->files.n == 1) {
			targets_add(out, e->files.v[0]);
			best = R_FILE;
		} else if (e && best != R_FILE) {
			best = R_UNRESOLVED;
		}
		free(k), free(full);
		if (!brace || !n)
			break;
		item += n;
		if (*item == '}' || !*item)
			break;
	}
	return best;
}

/* The innermost module of `file` around `line`, or NULL. Modules come
 * outer first, so the last one that holds the line is the innermost. */
static const char *module_at(const struct jvm_state *s, size_t file, int64_t line)
{
	const char *full = NULL;
	for (size_t i = 0; i < s->nmods; i++)
		if (s->mods[i].file == file && s->mods[i].line <= line && line <= s->mods[i].end_line)
			full = s->mods[i].full;
	return full;
}

/* Elixir's `alias __MODULE__.Team`: __MODULE__ is the module the import is
 * in; outside any module it names nothing. */
static enum rstatus elixir_in(struct jvm_state *s, size_t from, const char *raw, int64_t line,
			      struct targets *out)
{
	if (!str_starts(raw, "__MODULE__"))
		return elixir(s, raw, out);
	const char *mod = module_at(s, from, line);
	if (!mod)
		return R_UNRESOLVED;
	char *full = ax_xasprintf("%s%s", mod, raw + strlen("__MODULE__"));
	enum rstatus st = elixir(s, full, out);
	free(full);
	return st == R_EXTERNAL ? R_UNRESOLVED : st;   /* a name under one of ours */
}

enum rstatus resolve_jvm(struct res *r, size_t from, const char *raw, const char *kind, int64_t line,
			 struct targets *out)
{
	struct jvm_state *s = state(r);
	const char *lang = r->files[from].lang;
	if (!strcmp(lang, "elixir"))
		return elixir_in(s, from, raw, line, out);
	if (!strcmp(lang, "scala"))
		return scala(s, raw, out);
	if (!strcmp(lang, "csharp")) {
		if (add_all(s, 'n', raw, out))
			return R_FILE;
		return outcome(find_type(s, raw, out), ours(s, 'n', raw));
	}
	if (!strcmp(kind, "wildcard"))
		return jvm_name(s, raw, true, out);
	if (!strcmp(kind, "static_wildcard"))
		return jvm_name(s, raw, false, out);
	if (!strcmp(kind, "static")) {
		/* a.b.C.member: the type is what a file can declare */
		char *t = ax_strdup(raw), *dot = strrchr(t, '.');
		if (dot)
			*dot = '\0';
		enum rstatus st = jvm_name(s, t, false, out);
		free(t);
		return st;
	}
	return jvm_name(s, raw, false, out);
}

void resolve_jvm_free(struct res *r)
{
	struct jvm_state *s = r->jvm;
	if (!s)
		return;
	for (size_t h = 0; h < s->cap; h++)
		for (struct entry *e = s->tab[h], *next; e; e = next) {
			next = e->next;
			free(e->key), free(e->files.v), free(e);
		}
	for (size_t i = 0; i < s->nmods; i++)
		free(s->mods[i].full);
	free(s->mods), free(s->tab), free(s);
	r->jvm = NULL;
}
