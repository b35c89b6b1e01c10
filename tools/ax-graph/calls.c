/* calls.c: refs, callers and callees: the call graph read from the refs
 * table. A name is NAME or Outer.NAME (Outer::NAME); a callee's name is
 * bound to a definition in the calling file first, then in the files it
 * imports, then anywhere if there is exactly one; otherwise it is shown as
 * ambiguous with its candidate count, never merged. */
#include "graph.h"
#include "base/cli.h"
#include "base/relpath.h"
#include "base/json.h"
#include "base/shown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CALLABLE "('function', 'method', 'constructor', 'macro', 'class', 'struct')"
/* The symbols whose functions are methods (docs/parse.md), and modules. */
#define CONTAINER "('class', 'struct', 'interface', 'trait', 'impl', 'object', 'mixin', 'extension'," \
		  " 'enum', 'protocol', 'union', 'module', 'namespace')"

struct def {
	int64_t id, file_id;
	char *name, *kind, *path;
	int line, end_line;
};

static void def_free(struct def *d)
{
	free(d->name), free(d->kind), free(d->path);
}

static struct def row_def(sqlite3_stmt *st)
{
	return (struct def){
		.id = sqlite3_column_int64(st, 0), .file_id = sqlite3_column_int64(st, 1),
		.name = ax_strdup((const char *)sqlite3_column_text(st, 2)),
		.kind = ax_strdup((const char *)sqlite3_column_text(st, 3)),
		.path = ax_strdup((const char *)sqlite3_column_text(st, 4)),
		.line = sqlite3_column_int(st, 5), .end_line = sqlite3_column_int(st, 6),
	};
}

#define DEF_COLS "s.id, s.file_id, s.name, s.kind, f.path, s.line, s.end_line"

/* C and C++ declare a function in a header and define it in a source file;
 * both are symbols of the index. A header's symbol is only a declaration
 * when a symbol of the same name and kind exists outside headers: it is
 * then not a definition of its own (the name is not ambiguous), and a file
 * including that header may call the definition. SQL over s (symbols) and
 * f (its file). */
#define C_HEADER(f) "(" f ".lang IN ('c', 'cpp') AND (" f ".path GLOB '*.h' OR " f ".path GLOB '*.hh'" \
		    " OR " f ".path GLOB '*.hpp' OR " f ".path GLOB '*.hxx'))"
#define DECLARATION "(" C_HEADER("f") " AND EXISTS (SELECT 1 FROM symbols s2 JOIN files f2" \
		    " ON f2.id = s2.file_id WHERE s2.name = s.name AND s2.kind = s.kind AND NOT " C_HEADER("f2") "))"

/* The definitions a user's NAME means: a symbol named so exactly (Elixir's
 * MyApp.Repo), else Outer.NAME as a member of a symbol named Outer. */
static size_t find_defs(struct ctx *c, const char *name, bool callable, struct def **out)
{
	const char *sep = NULL;
	for (const char *p = name; *p; p++)
		if (*p == '.' || *p == '#' || (p[0] == ':' && p[1] == ':'))
			sep = p;
	size_t n = 0;
	*out = NULL;
	for (int pass = 0; pass < 2 && n == 0; pass++) {
		if (pass == 1 && !sep)
			break;
		sqlite3_stmt *st = prep(c, pass == 0
			? "SELECT " DEF_COLS " FROM symbols s JOIN files f ON f.id = s.file_id"
			  " WHERE s.name = ?1 AND (?2 = 0 OR s.kind IN " CALLABLE ")"
			  " AND (?3 IS NULL OR f.path = ?3) AND (?2 = 0 OR ?3 IS NOT NULL OR NOT " DECLARATION ")"
			  " ORDER BY f.path, s.line"
			: "SELECT " DEF_COLS " FROM symbols s JOIN files f ON f.id = s.file_id"
			  " JOIN symbols p ON p.id = s.parent_id"
			  " WHERE s.name = ?1 AND (?2 = 0 OR s.kind IN " CALLABLE ")"
			  " AND (?3 IS NULL OR f.path = ?3) AND p.name = ?4 ORDER BY f.path, s.line");
		const char *last = pass == 1 ? sep + (*sep == ':' ? 2 : 1) : name;
		sqlite3_bind_text(st, 1, last, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, callable);
		if (c->file)
			sqlite3_bind_text(st, 3, c->file, -1, SQLITE_STATIC);
		if (pass == 1)
			sqlite3_bind_text(st, 4, name, (int)(sep - name), SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			*out = ax_realloc(*out, (n + 1) * sizeof **out);
			(*out)[n++] = row_def(st);
		}
		sqlite3_finalize(st);
	}
	return n;
}

static void print_def_json(const struct def *d, const char *role, int depth, const char *parent)
{
	printf("{\"role\":\"%s\",\"name\":", role);
	ax_json_print_str(d->name);
	printf(",\"kind\":");
	ax_json_print_str(d->kind);
	printf(",\"file\":");
	ax_json_print_str(d->path);
	printf(",\"line\":%d", d->line);
	if (depth >= 0) {
		printf(",\"depth\":%d,\"parent\":", depth);
		if (parent)
			ax_json_print_str(parent);
		else
			printf("null");
	}
	json_end();
}

/* One reference, as text (`path:line:col: kind  source line`) or JSON.
 * Columns are 1-based here, as editors and compilers count them; the index
 * keeps the stream's 0-based ones. */
static void print_ref(struct ctx *c, struct source *src, sqlite3_stmt *st, const char *name)
{
	const char *path = (const char *)sqlite3_column_text(st, 0), *kind = (const char *)sqlite3_column_text(st, 3);
	const char *recv = (const char *)sqlite3_column_text(st, 4);
	int line = sqlite3_column_int(st, 1), col = sqlite3_column_int(st, 2) + 1;
	size_t n = 0;
	const char *text = source_line(c, src, path, line, &n);
	if (c->fmt != FMT_JSON) {
		char *line_text = ax_xasprintf("%.*s", (int)n, text ? text : "");
		printf("%s:%d:%d: %s%s%s\n", ax_shown(ax_relpath_show(c->root, path)), line, col, kind, text ? "  " : "", ax_shown_text(line_text));
		free(line_text);
		return;
	}
	printf("{\"role\":\"reference\",\"name\":");
	ax_json_print_str(name);
	printf(",\"kind\":");
	ax_json_print_str(kind);
	printf(",\"file\":");
	ax_json_print_str(path);
	printf(",\"line\":%d,\"col\":%d", line, col);
	if (recv) {
		printf(",\"recv\":");
		ax_json_print_str(recv);
	}
	if (text) {
		char *t = ax_strndup(text, n);
		printf(",\"text\":");
		ax_json_print_str(t);
		free(t);
	}
	json_end();
}

int cmd_refs(struct ctx *c, char **argv)
{
	struct def *defs;
	size_t nd = find_defs(c, argv[0], false, &defs);
	const char *sep = strrchr(argv[0], '.');
	const char *bare = nd ? defs[0].name : sep ? sep + 1 : argv[0];
	/* Files with a definition come first, then the others by path. */
	sqlite3_stmt *st = prep(c,
		"SELECT f.path, r.line, r.col, r.kind, r.recv FROM refs r JOIN files f ON f.id = r.file_id"
		" WHERE r.name = ?1 ORDER BY"
		" NOT EXISTS (SELECT 1 FROM symbols s WHERE s.file_id = f.id AND s.name = ?1), f.path, r.line, r.col");
	sqlite3_bind_text(st, 1, bare, -1, SQLITE_STATIC);
	for (size_t i = 0; i < nd; i++) {
		if (c->fmt == FMT_JSON)
			print_def_json(&defs[i], "definition", -1, NULL);
		else
			printf("%s:%d: definition %s %s\n", ax_shown(ax_relpath_show(c->root, defs[i].path)), defs[i].line, defs[i].kind,
			       ax_shown(defs[i].name));
	}
	size_t n = 0;
	struct source src = { 0 };
	for (; sqlite3_step(st) == SQLITE_ROW; n++)
		print_ref(c, &src, st, bare);
	source_close(&src);
	sqlite3_finalize(st);
	for (size_t i = 0; i < nd; i++)
		def_free(&defs[i]);
	free(defs);
	return nd + n ? AX_EXIT_OK : AX_EXIT_NONE;
}

/* Bind a called name, seen in file `file_id`, to one definition that also
 * meets `extra` (SQL over s and f; ?3 is `arg`). Returns the number of
 * candidates at the scope that decided (1: *out is set). */
static size_t bind_scoped(struct ctx *c, const char *name, int64_t file_id, const char *extra,
			  const char *arg, struct def *out)
{
	static const char *const scopes[] = {
		"f.id = ?2",
		"f.id IN (SELECT dst_id FROM edges WHERE src_id = ?2) AND NOT " DECLARATION,
		/* the definition of what an included header declares */
		"NOT " C_HEADER("f") " AND EXISTS (SELECT 1 FROM symbols s3 JOIN files f3 ON f3.id = s3.file_id"
		" WHERE s3.name = s.name AND s3.kind = s.kind AND " C_HEADER("f3")
		" AND f3.id IN (SELECT dst_id FROM edges WHERE src_id = ?2))",
		"?2 IS NOT NULL AND NOT " DECLARATION,
	};
	for (size_t k = 0; k < sizeof scopes / sizeof *scopes; k++) {
		char sql[2048];
		snprintf(sql, sizeof sql, "SELECT " DEF_COLS " FROM symbols s JOIN files f ON f.id = s.file_id"
			 " WHERE s.name = ?1 AND s.kind IN " CALLABLE " AND %s AND %s ORDER BY f.path, s.line LIMIT 2",
			 scopes[k], extra);
		sqlite3_stmt *st = prep(c, sql);
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, file_id);
		sqlite3_bind_text(st, 3, arg, -1, SQLITE_STATIC);
		size_t n = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (n++ == 0)
				*out = row_def(st);
		}
		sqlite3_finalize(st);
		if (n == 1)
			return 1;
		if (n > 1) {
			def_free(out);
			return n;
		}
	}
	return 0;
}

/* A call as the refs table holds it: `name(...)`, or `recv.name(...)`. */
struct call {
	const char *name, *recv;   /* recv: NULL for a bare name */
	int64_t file_id;
	int line;
};

/* The words by which code names its own object: a call on them is a call
 * of the enclosing class's method. */
static bool self_word(const char *r)
{
	static const char *const w[] = { "self", "this", "$this", "cls", "static", "Self", "__MODULE__" };
	for (size_t i = 0; i < sizeof w / sizeof *w; i++)
		if (strcmp(r, w[i]) == 0)
			return true;
	return false;
}

/* A name or a dotted path of names (`hooks`, `os.path`): what a module
 * receiver looks like. */
static bool plain_name(const char *r)
{
	for (const unsigned char *p = (const unsigned char *)r; *p; p++)
		if (!(*p == '_' || *p == '$' || *p == '.' || (unsigned)((*p | 0x20) - 'a') < 26 ||
		      (unsigned)(*p - '0') < 10 || *p >= 0x80))
			return false;
	return *r != '\0' && *r != '.';
}

/* The type a receiver names for certain, or NULL: the class itself for
 * `Name` and for a construction `Name(...)` or `new Name(...)`, the
 * enclosing class for self/this (and `cls()`), a module or namespace by
 * its whole name. malloc'd. */
static char *receiver_type(struct ctx *c, const struct call *k)
{
	const char *r = strncmp(k->recv, "new ", 4) == 0 ? k->recv + 4 : k->recv;
	size_t n = strcspn(r, "(");
	if (r[n] == '(' && r[strlen(r) - 1] != ')')
		return NULL;
	char *t = ax_strndup(r, n);
	if (!self_word(t))
		return t;
	free(t);
	sqlite3_stmt *st = prep(c, "SELECT name FROM symbols WHERE file_id = ?1 AND line <= ?2"
		" AND end_line >= ?2 AND kind IN " CONTAINER " ORDER BY line DESC, end_line ASC LIMIT 1");
	sqlite3_bind_int64(st, 1, k->file_id);
	sqlite3_bind_int(st, 2, k->line);
	t = sqlite3_step(st) == SQLITE_ROW ? ax_strdup((const char *)sqlite3_column_text(st, 0)) : NULL;
	sqlite3_finalize(st);
	return t;
}

/* Whether a file is the module a receiver names: `util` is util.py,
 * util/index.js, util/__init__.py or a file of Go package dir util;
 * `requests.hooks` is requests/hooks.py. */
static bool ends_with_part(const char *s, size_t n, const char *mod, size_t m)
{
	if (n < m || (n > m && s[n - m - 1] != '/'))
		return false;
	for (size_t i = 0; i < m; i++)
		if (s[n - m + i] != (mod[i] == '.' ? '/' : mod[i]))
			return false;
	return true;
}

static bool module_path(const char *path, const char *mod)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
	size_t m = strlen(mod);
	return ends_with_part(path, stem, mod, m) || (slash && ends_with_part(path, (size_t)(slash - path), mod, m));
}

/* The candidates of a statement of DEF_COLS whose column `col` passes
 * `ok(text, arg)`: their number, and the first in *out when it is the only
 * one, as bind_scoped counts them. Finalizes the statement. */
static size_t take_matching(sqlite3_stmt *st, int col, bool (*ok)(const char *, const char *), const char *arg,
			    struct def *out)
{
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!ok((const char *)sqlite3_column_text(st, col), arg))
			continue;
		if (n++ == 0)
			*out = row_def(st);
	}
	sqlite3_finalize(st);
	if (n > 1)
		def_free(out);
	return n;
}

/* `mod.name()` where mod is a file the calling file imports: a top-level
 * callable of that file. */
static size_t bind_module(struct ctx *c, const struct call *k, struct def *out)
{
	sqlite3_stmt *st = prep(c, "SELECT " DEF_COLS " FROM symbols s JOIN files f ON f.id = s.file_id"
		" LEFT JOIN symbols p ON p.id = s.parent_id WHERE s.name = ?1 AND s.kind IN " CALLABLE
		" AND (p.id IS NULL OR p.kind IN ('module', 'namespace'))"
		" AND f.id IN (SELECT dst_id FROM edges WHERE src_id = ?2) ORDER BY f.path, s.line");
	sqlite3_bind_text(st, 1, k->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, k->file_id);
	return take_matching(st, 4, module_path, k->recv, out);
}

/* The module an Elixir alias import (`MyApp.Repo`, `MyApp.{Repo, Store}`,
 * `__MODULE__.Repo`) names by the local name `recv`, without a leading
 * `__MODULE__.`, or NULL. malloc'd. */
static char *alias_module(const char *raw, const char *recv)
{
	if (strncmp(raw, "__MODULE__.", 11) == 0)
		raw += 11;
	size_t n = strlen(recv);
	const char *brace = strchr(raw, '{');
	if (!brace) {
		size_t m = strlen(raw);
		bool named = m >= n && strcmp(raw + m - n, recv) == 0 && (m == n || raw[m - n - 1] == '.');
		return named ? ax_strdup(raw) : NULL;
	}
	for (const char *item = brace + 1; *item && *item != '}';) {
		item += strspn(item, " ,\n");
		size_t m = strcspn(item, " ,}\n");
		if (m == n && strncmp(item, recv, n) == 0)
			return ax_xasprintf("%.*s%s", (int)(brace - raw), raw, recv);
		item += m;
	}
	return NULL;
}

/* Whether a module named as its defmodule wrote it (`MyApp.Repo`, or
 * `Repo` nested in `defmodule MyApp`) can be the module `full`. */
static bool same_module(const char *written, const char *full)
{
	size_t n = strlen(written), m = strlen(full);
	const char *longer = n > m ? written : full, *shorter = n > m ? full : written;
	size_t d = n > m ? n - m : m - n;
	return strcmp(longer + d, shorter) == 0 && (d == 0 || longer[d - 1] == '.');
}

/* `Repo.f()` in an Elixir file that says `alias MyApp.Repo` (kind alias:
 * `alias ..., as: R` is alias_as and not followed): f of module MyApp.Repo
 * in the file the import resolved to. Returns -1 when no alias of the file
 * names the receiver, else the number of candidates. */
static long bind_alias(struct ctx *c, const struct call *k, struct def *out)
{
	sqlite3_stmt *im = prep(c, "SELECT i.id, i.raw FROM imports i JOIN files f ON f.id = i.file_id"
		" WHERE i.file_id = ?1 AND i.kind = 'alias' AND f.lang = 'elixir' ORDER BY i.line");
	sqlite3_bind_int64(im, 1, k->file_id);
	long n = -1;
	while (n < 0 && sqlite3_step(im) == SQLITE_ROW) {
		char *full = alias_module((const char *)sqlite3_column_text(im, 1), k->recv);
		if (!full)
			continue;
		sqlite3_stmt *st = prep(c, "SELECT " DEF_COLS ", p.name FROM symbols s JOIN files f ON f.id = s.file_id"
			" JOIN symbols p ON p.id = s.parent_id WHERE s.name = ?1 AND s.kind IN " CALLABLE
			" AND p.kind = 'module' AND f.id IN (SELECT dst_id FROM edges WHERE src_id = ?2 AND import_id = ?3)"
			" ORDER BY f.path, s.line");
		sqlite3_bind_text(st, 1, k->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, k->file_id);
		sqlite3_bind_int64(st, 3, sqlite3_column_int64(im, 0));
		n = (long)take_matching(st, 7, same_module, full, out);
		free(full);
	}
	sqlite3_finalize(im);
	return n;
}

/* Bind a call to one definition (returns 1, *out set), or count the
 * candidates. A call on a receiver binds only where the receiver's type is
 * known: a method of that class, or a function of that module; any other
 * receiver (`send_kwargs.update()`) is unresolved, never a guess by name. */
static size_t bind_call(struct ctx *c, const struct call *k, struct def *out)
{
	if (!k->recv)
		return bind_scoped(c, k->name, k->file_id, "1", NULL, out);
	long a = bind_alias(c, k, out);
	if (a >= 0)
		return (size_t)a;
	char *type = receiver_type(c, k);
	size_t n = type ? bind_scoped(c, k->name, k->file_id, "s.parent_id IN (SELECT p.id FROM symbols p"
				      " WHERE p.name = ?3 AND p.kind IN " CONTAINER ")", type, out) : 0;
	free(type);
	if (n == 0 && plain_name(k->recv) && !self_word(k->recv))
		n = bind_module(c, k, out);
	return n;
}

struct visit {
	int64_t *ids;
	size_t n;
};

static bool visited(struct visit *v, int64_t id)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->ids[i] == id)
			return true;
	v->ids = ax_realloc(v->ids, (v->n + 1) * sizeof *v->ids);
	v->ids[v->n++] = id;
	return false;
}

static void show(struct ctx *c, const struct def *d, const char *note, int depth, const struct def *parent, bool callers)
{
	if (c->fmt == FMT_TEXT) {
		printf("%*s%s", depth * 2, "", ax_shown(d->name));
		if (d->path)
			printf("  %s:%d", ax_shown(ax_relpath_show(c->root, d->path)), d->line);
		if (note)
			printf("  (%s)", note);
		printf("\n");
	} else if (c->fmt == FMT_JSON) {
		if (!d->path) {
			printf("{\"role\":\"%s\",\"name\":", callers ? "caller" : "callee");
			ax_json_print_str(d->name);
			printf(",\"depth\":%d,\"note\":", depth);
			ax_json_print_str(note ? note : "");
			json_end();
		} else {
			print_def_json(d, depth == 0 ? "root" : callers ? "caller" : "callee", depth,
				       parent ? parent->name : NULL);
		}
	} else if (parent) {
		char a[600], b[600];
		snprintf(a, sizeof a, "%s %s:%d", parent->name, parent->path, parent->line);
		if (d->path)
			snprintf(b, sizeof b, "%s %s:%d", d->name, d->path, d->line);
		else
			snprintf(b, sizeof b, "%s (%s)", d->name, note ? note : "?");
		if (callers)
			out_edge(c, b, a);
		else
			out_edge(c, a, b);
	}
}

/* A callee that binds to nothing: why, in the words the tree shows. */
static void show_unbound(struct ctx *c, const struct def *d, const struct call *k, size_t n, int depth)
{
	char note[200];
	if (n)
		snprintf(note, sizeof note, "ambiguous: several definitions");
	else if (k->recv)
		snprintf(note, sizeof note, "unresolved: receiver %.150s", k->recv);
	else
		snprintf(note, sizeof note, "not defined in the index");
	struct def u = { .name = (char *)k->name };
	show(c, &u, note, depth + 1, d, false);
}

static void callees(struct ctx *c, const struct def *d, int depth, struct visit *seen)
{
	if (c->depth >= 0 && depth >= c->depth)
		return;
	/* Each name and receiver once, in the order of its first call. */
	sqlite3_stmt *st = prep(c,
		"SELECT name, recv, min(line) FROM refs WHERE file_id = ?1 AND kind = 'call' AND line BETWEEN ?2 AND ?3"
		" GROUP BY name, recv ORDER BY min(line * 65536 + col)");
	sqlite3_bind_int64(st, 1, d->file_id);
	sqlite3_bind_int(st, 2, d->line);
	sqlite3_bind_int(st, 3, d->end_line);
	struct visit here = { 0 };   /* what this level showed already */
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct call k = {
			.name = (const char *)sqlite3_column_text(st, 0), .recv = (const char *)sqlite3_column_text(st, 1),
			.file_id = d->file_id, .line = sqlite3_column_int(st, 2),
		};
		struct def t = { 0 };
		size_t n = bind_call(c, &k, &t);
		if (n != 1) {
			show_unbound(c, d, &k, n, depth);
			continue;
		}
		if (!visited(&here, t.id)) {
			bool again = visited(seen, t.id);
			show(c, &t, again ? "seen above" : NULL, depth + 1, d, false);
			if (!again)
				callees(c, &t, depth + 1, seen);
		}
		def_free(&t);
	}
	free(here.ids);
	sqlite3_finalize(st);
}

/* The callable enclosing a line of a file (the innermost), or false. */
static bool enclosing(struct ctx *c, int64_t file_id, int line, struct def *out)
{
	sqlite3_stmt *st = prep(c,
		"SELECT " DEF_COLS " FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.file_id = ?1"
		" AND s.line <= ?2 AND s.end_line >= ?2 AND s.kind IN ('function', 'method', 'constructor', 'macro')"
		" ORDER BY s.line DESC, s.end_line ASC LIMIT 1");
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int(st, 2, line);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		*out = row_def(st);
	sqlite3_finalize(st);
	return ok;
}

static bool calls_def(struct ctx *c, const struct call *k, const struct def *d)
{
	struct def t;
	if (bind_call(c, k, &t) != 1)
		return false;
	bool same = t.id == d->id;
	def_free(&t);
	return same;
}

static void callers_of(struct ctx *c, const struct def *d, int depth, struct visit *seen)
{
	if (c->depth >= 0 && depth >= c->depth)
		return;
	/* A call counts where the name can only mean d: in d's file, in a
	 * file importing it (or a C header declaring it), or anywhere if d is
	 * its only definition (declarations aside). A call on a receiver
	 * counts when it binds to d (bind_call). */
	sqlite3_stmt *st = prep(c,
		"SELECT r.file_id, r.line, f.path, r.recv FROM refs r JOIN files f ON f.id = r.file_id"
		" WHERE r.name = ?1 AND r.kind = 'call' AND (r.recv IS NOT NULL OR r.file_id = ?2"
		"  OR r.file_id IN (SELECT src_id FROM edges WHERE dst_id = ?2)"
		"  OR r.file_id IN (SELECT e.src_id FROM edges e JOIN symbols s ON s.file_id = e.dst_id"
		"   JOIN files f ON f.id = s.file_id WHERE s.name = ?1 AND " DECLARATION ")"
		"  OR (SELECT count(*) FROM symbols s JOIN files f ON f.id = s.file_id"
		"   WHERE s.name = ?1 AND s.kind IN " CALLABLE " AND NOT " DECLARATION ") = 1)"
		" ORDER BY f.path, r.line");
	sqlite3_bind_text(st, 1, d->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, d->file_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t fid = sqlite3_column_int64(st, 0);
		int line = sqlite3_column_int(st, 1);
		const char *recv = (const char *)sqlite3_column_text(st, 3);
		if (recv && !calls_def(c, &(struct call){ d->name, recv, fid, line }, d))
			continue;
		struct def caller;
		if (!enclosing(c, fid, line, &caller)) {
			char at[32];
			snprintf(at, sizeof at, "top level, line %d", line);
			struct def u = { .name = (char *)sqlite3_column_text(st, 2) };
			show(c, &u, at, depth + 1, d, true);
			continue;
		}
		bool again = visited(seen, caller.id);
		if (!again) {
			show(c, &caller, NULL, depth + 1, d, true);
			callers_of(c, &caller, depth + 1, seen);
		}
		def_free(&caller);
	}
	sqlite3_finalize(st);
}

int cmd_calls(struct ctx *c, char **argv, bool callers)
{
	struct def *defs;
	size_t nd = find_defs(c, argv[0], true, &defs);
	if (nd == 0) {
		ax_error("%s: no function or method of that name in the index", argv[0]);
		return AX_EXIT_NONE;
	}
	if (nd > 1) {
		ax_error("%s is ambiguous: %zu definitions; qualify it (Outer.%s) or pick one with --file PATH",
			 argv[0], nd, defs[0].name);
		for (size_t i = 0; i < nd; i++) {
			if (c->fmt == FMT_JSON)
				print_def_json(&defs[i], "candidate", -1, NULL);
			else
				printf("%s:%d: %s %s\n", ax_shown(ax_relpath_show(c->root, defs[i].path)), defs[i].line, defs[i].kind,
				       ax_shown(defs[i].name));
			def_free(&defs[i]);
		}
		free(defs);
		return AX_EXIT_USAGE;
	}
	if (c->depth < 0)
		c->depth = 1; /* direct calls unless asked: a whole program's tree is rarely wanted */
	struct visit seen = { 0 };
	visited(&seen, defs[0].id);
	out_begin(c);
	show(c, &defs[0], NULL, 0, NULL, callers);
	if (callers)
		callers_of(c, &defs[0], 0, &seen);
	else
		callees(c, &defs[0], 0, &seen);
	out_end(c);
	def_free(&defs[0]);
	free(defs), free(seen.ids);
	return AX_EXIT_OK;
}
