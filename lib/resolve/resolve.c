/* resolve.c: ax_resolve_imports(), the pass that turns imports into edges.
 * The per-language rules are in resolve_<lang>.c; this file loads the file
 * set, decides between an incremental and a full pass, and writes only the
 * imports whose outcome changed. */
#include "resolve/resolve.h"
#include "resolve/resolve_int.h"
#include "base/cli.h"
#include "base/cmp.h"
#include "index/db.h"
#include "index/root.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Project files whose content steers resolution: a change to one of
 * JavaScript's (package.json, tsconfig*.json, jsconfig.json) makes the next
 * pass look again at the imports only those steer (JS_BARE_IMPORTS), one to
 * any other a full pass. (go.mod is not indexed: after changing it, run
 * `ax-graph resolve --all`.) */
enum steer { STEERS_NOTHING, STEERS_JS, STEERS_ALL };

static enum steer steers_resolution(const char *path)
{
	static const char *const names[] = {
		"Cargo.toml", "composer.json", "pubspec.yaml", "compile_commands.json", "Package.swift",
	};
	const char *base = path_base(path);
	if (!strcmp(base, "package.json") || !strcmp(base, "jsconfig.json") ||
	    (str_starts(base, "tsconfig") && str_ends(base, ".json")))
		return STEERS_JS;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(base, names[i]) == 0)
			return STEERS_ALL;
	return STEERS_NOTHING;
}

/* The imports JavaScript's project files steer: a bare specifier of a
 * JavaScript or TypeScript file (tsconfig paths and baseUrl, workspace
 * packages by name); a relative one ("./x") needs only the file set, and
 * "node:fs" or a URL none (resolve_js.c). */
#define JS_BARE_IMPORTS \
	"(f.lang IN ('javascript', 'typescript', 'tsx') AND substr(i.raw, 1, 1) NOT IN ('.', '/')" \
	" AND instr(i.raw, ':') = 0)"

static const char *intern(const char ***tab, size_t *n, const char *s)
{
	/* Files of one language come in runs (a directory's): the last
	 * one first. */
	if (*n && strcmp((*tab)[*n - 1], s) == 0)
		return (*tab)[*n - 1];
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*tab)[i], s) == 0) {
			const char *hit = (*tab)[i];
			(*tab)[i] = (*tab)[*n - 1];
			return (*tab)[*n - 1] = hit;
		}
	*tab = ax_realloc(*tab, (*n + 1) * sizeof **tab);
	return (*tab)[(*n)++] = ax_strdup(s);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct rfile *)a)->path, ((const struct rfile *)b)->path);
}

struct loaded {
	const char **langs;
	size_t nlangs;
	char fingerprint[96];
	/* The paths, in blocks that never move: one malloc per block, not
	 * per file. */
	char **blocks;
	size_t nblocks, used;
};

#define PATH_BLOCK (1u << 20)

static char *path_copy(struct loaded *L, const char *s, size_t n)
{
	if (!L->nblocks || L->used + n + 1 > PATH_BLOCK) {
		L->blocks = ax_realloc(L->blocks, (L->nblocks + 1) * sizeof *L->blocks);
		L->blocks[L->nblocks++] = ax_malloc(n + 1 > PATH_BLOCK ? n + 1 : PATH_BLOCK);
		L->used = 0;
	}
	char *p = L->blocks[L->nblocks - 1] + L->used;
	memcpy(p, s, n);
	p[n] = '\0';
	/* A path longer than a block had a block of its own, now full. */
	L->used = n + 1 > PATH_BLOCK ? PATH_BLOCK : L->used + n + 1;
	return p;
}

static int load_files(struct res *r, struct loaded *L, char **err)
{
	sqlite3_stmt *st;
	if (ax_db_prepare(r->db, "SELECT id, path, lang, hash FROM files", &st, err))
		return -1;
	size_t cap = 1024;
	uint64_t idsum = 0, cfg_js = 0, cfg = 0;
	r->files = ax_malloc(cap * sizeof *r->files);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (r->nfiles == cap)
			r->files = ax_realloc(r->files, (cap *= 2) * sizeof *r->files);
		struct rfile *f = &r->files[r->nfiles++];
		f->id = sqlite3_column_int64(st, 0);
		f->path = path_copy(L, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1));
		f->lang = intern(&L->langs, &L->nlangs, (const char *)sqlite3_column_text(st, 2));
		idsum += (uint64_t)f->id * 0x9e3779b97f4a7c15ull;
		enum steer s = steers_resolution(f->path);
		if (s != STEERS_NOTHING)
			*(s == STEERS_JS ? &cfg_js : &cfg) += (uint64_t)sqlite3_column_int64(st, 3) ^ (uint64_t)f->id;
	}
	sqlite3_finalize(st);
	/* In id order, which is path order for all but the files added
	 * since the index was made (ax-scan lists files in path order). */
	ax_sort_mostly_sorted(r->files, r->nfiles, sizeof *r->files, cmp_path);
	res_index_paths(r);
	res_index_ids(r);
	/* The file set, the other project files, then JavaScript's. */
	snprintf(L->fingerprint, sizeof L->fingerprint, "%zu:%016llx:%016llx:%016llx", r->nfiles,
		 (unsigned long long)idsum, (unsigned long long)cfg, (unsigned long long)cfg_js);
	return 0;
}

enum rstatus resolve_one(struct res *r, size_t from, const char *raw, const char *kind, int64_t line,
			 struct targets *out)
{
	const char *lang = r->files[from].lang;
	enum rstatus s;
	if (!strcmp(lang, "typescript") || !strcmp(lang, "tsx") || !strcmp(lang, "javascript"))
		s = resolve_js(r, from, raw, kind, out);
	else if (!strcmp(lang, "python"))
		s = resolve_py(r, from, raw, kind, out);
	else if (!strcmp(lang, "go"))
		s = resolve_go(r, from, raw, kind, out);
	else if (!strcmp(lang, "rust"))
		s = resolve_rust(r, from, raw, kind, out);
	else if (!strcmp(lang, "java") || !strcmp(lang, "kotlin") || !strcmp(lang, "scala") ||
		 !strcmp(lang, "csharp") || !strcmp(lang, "elixir"))
		s = resolve_jvm(r, from, raw, kind, line, out);
	else if (!strcmp(lang, "c") || !strcmp(lang, "cpp"))
		s = resolve_c(r, from, raw, kind, out);
	else
		s = resolve_misc(r, from, raw, kind, out);
	/* A file does not depend on itself (a C# file using its own namespace). */
	for (size_t k = 0; k < out->n; k++)
		if (out->v[k] == from)
			out->v[k--] = out->v[--out->n];
	if (s == R_FILE && out->n == 0)
		s = R_UNRESOLVED;
	if (s != R_FILE)
		out->n = 0;
	return s;
}

struct imp {
	int64_t id, file_id, line;
	char *raw, *kind, *status; /* status: as stored, NULL if pending */
	int64_t *old;              /* the edges' targets now stored, sorted */
	size_t nold;
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static char *col_dup(sqlite3_stmt *st, int c)
{
	const unsigned char *t = sqlite3_column_text(st, c);
	return t ? ax_strndup((const char *)t, (size_t)sqlite3_column_bytes(st, c)) : NULL;
}

/* Imports are examined in chunks of this many, by id, so that memory
 * holds the file set and one chunk, not every import of the index. */
#define IMPORT_CHUNK 16384

/* Which imports a pass looks at: those not resolved yet; those and the
 * ones JavaScript's project files steer; every one. */
enum scope { PENDING, JS_CONFIG, EVERY };

/* The next chunk of imports after id `after` of the pass's scope (with
 * their stored edges unless only pending ones), in *out; *n is 0 at the
 * end. */
static int load_imports(struct res *r, enum scope scope, int64_t after, struct imp **out, size_t *n, char **err)
{
	static const char *const sql[] = {
		[PENDING] = "SELECT id, file_id, raw, kind, status, line FROM imports WHERE id > ?1 AND status IS NULL"
			    " ORDER BY id LIMIT ?2",
		[JS_CONFIG] = "SELECT i.id, i.file_id, i.raw, i.kind, i.status, i.line FROM imports i"
			      " JOIN files f ON f.id = i.file_id WHERE i.id > ?1 AND (i.status IS NULL OR "
			      JS_BARE_IMPORTS ") ORDER BY i.id LIMIT ?2",
		[EVERY] = "SELECT id, file_id, raw, kind, status, line FROM imports WHERE id > ?1 ORDER BY id LIMIT ?2",
	};
	sqlite3_stmt *st;
	if (ax_db_prepare(r->db, sql[scope], &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, IMPORT_CHUNK);
	struct imp *v = ax_malloc(IMPORT_CHUNK * sizeof *v);
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		v[(*n)++] = (struct imp){
			.id = sqlite3_column_int64(st, 0), .file_id = sqlite3_column_int64(st, 1),
			.raw = col_dup(st, 2), .kind = col_dup(st, 3), .status = col_dup(st, 4),
			.line = sqlite3_column_int64(st, 5),
		};
	}
	sqlite3_finalize(st);
	*out = v;
	if (scope == PENDING || *n == 0)
		return 0;
	/* The edges stored now, to write only what differs. */
	if (ax_db_prepare(r->db, "SELECT import_id, dst_id FROM edges WHERE import_id BETWEEN ?1 AND ?2"
			  " ORDER BY import_id, dst_id", &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, v[0].id);
	sqlite3_bind_int64(st, 2, v[*n - 1].id);
	size_t k = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t imp = sqlite3_column_int64(st, 0);
		while (k < *n && v[k].id < imp)
			k++;
		if (k == *n || v[k].id != imp)
			continue;
		v[k].old = ax_realloc(v[k].old, (v[k].nold + 1) * sizeof *v[k].old);
		v[k].old[v[k].nold++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return 0;
}

static void free_imports(struct imp *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].raw), free(v[i].kind), free(v[i].status), free(v[i].old);
	free(v);
}

static const char *const status_name[] = { [R_FILE] = "file", [R_EXTERNAL] = "external", [R_UNRESOLVED] = "unresolved" };

enum { DEL_EDGES, ADD_EDGE, SET_STATUS, NSTMT };
static const char *const write_sql[NSTMT] = {
	[DEL_EDGES] = "DELETE FROM edges WHERE import_id = ?1",
	[ADD_EDGE] = "INSERT OR IGNORE INTO edges(src_id, dst_id, import_id) VALUES (?1, ?2, ?3)",
	[SET_STATUS] = "UPDATE imports SET status = ?2, target_id = ?3 WHERE id = ?1",
};

/* Statements and scratch space of one pass. */
struct pass {
	sqlite3_stmt *w[NSTMT];
	struct targets t;
	int64_t *ids;
};

/* Resolve one import and write what differs from what is stored. */
static int resolve_import(struct res *r, struct pass *p, struct imp *m, struct ax_resolve_stats *st,
			  char **err)
{
	long from = res_by_id(r, m->file_id);
	if (from < 0)
		return 0;
	struct targets *t = &p->t;
	sqlite3_stmt **w = p->w;
	t->n = 0;
	enum rstatus s = resolve_one(r, (size_t)from, m->raw, m->kind, m->line, t);
	st->examined++;
	if (s == R_FILE)
		st->resolved++;
	else if (s == R_EXTERNAL)
		st->external++;
	else
		st->unresolved++;
	int64_t *ids = p->ids = ax_realloc(p->ids, (t->n + 1) * sizeof *p->ids);
	for (size_t k = 0; k < t->n; k++)
		ids[k] = r->files[t->v[k]].id;
	int64_t first = t->n ? ids[0] : 0;
	qsort(ids, t->n, sizeof *ids, cmp_i64);
	if (m->nold)
		qsort(m->old, m->nold, sizeof *m->old, cmp_i64);
	bool same = m->status && strcmp(m->status, status_name[s]) == 0 && m->nold == t->n &&
		    (t->n == 0 || memcmp(ids, m->old, t->n * sizeof *ids) == 0);
	if (same)
		return 0;
	st->changed++;
	int rc = 0;
	if (m->nold) {
		sqlite3_bind_int64(w[DEL_EDGES], 1, m->id);
		rc = sqlite3_step(w[DEL_EDGES]) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(w[DEL_EDGES]);
		st->edges_deleted += m->nold;
	}
	for (size_t k = 0; k < t->n && rc == 0; k++) {
		sqlite3_bind_int64(w[ADD_EDGE], 1, m->file_id);
		sqlite3_bind_int64(w[ADD_EDGE], 2, ids[k]);
		sqlite3_bind_int64(w[ADD_EDGE], 3, m->id);
		rc = sqlite3_step(w[ADD_EDGE]) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(w[ADD_EDGE]);
		st->edges_added++;
	}
	sqlite3_bind_int64(w[SET_STATUS], 1, m->id);
	sqlite3_bind_text(w[SET_STATUS], 2, status_name[s], -1, SQLITE_STATIC);
	if (t->n)
		sqlite3_bind_int64(w[SET_STATUS], 3, first);
	else
		sqlite3_bind_null(w[SET_STATUS], 3);
	if (rc == 0)
		rc = sqlite3_step(w[SET_STATUS]) == SQLITE_DONE ? 0 : -1;
	sqlite3_reset(w[SET_STATUS]);
	return rc ? ax_db_err(err, "writing edges: %s", sqlite3_errmsg(r->db)) : 0;
}

/* The scope of a pass from the fingerprints of the last pass and of now:
 * the same, only pending imports; only JavaScript's project files changed
 * (the file set and the other project files as they were), those and the
 * imports they steer; else every import. */
static enum scope pass_scope(const char *old, const char *now)
{
	if (!old)
		return EVERY;
	if (!strcmp(old, now))
		return PENDING;
	const char *o = strrchr(old, ':'), *w = strrchr(now, ':');
	/* A fingerprint of four fields: the last is JavaScript's. */
	bool four = o && w && o - old == w - now && strchr(old, ':') != o &&
		    strchr(strchr(strchr(old, ':') + 1, ':') + 1, ':') == o;
	return four && !strncmp(old, now, (size_t)(o - old)) ? JS_CONFIG : EVERY;
}

static int run(struct res *r, struct loaded *L, bool all, struct ax_resolve_stats *st, char **err)
{
	char *old_fp = NULL;
	if (ax_db_text(r->db, "SELECT value FROM meta WHERE key = 'graph.fingerprint'", &old_fp, NULL) != 0)
		old_fp = NULL;
	enum scope scope = all ? EVERY : pass_scope(old_fp, L->fingerprint);
	st->full = scope == EVERY;
	free(old_fp);

	struct pass p = { 0 };
	int rc = 0;
	for (int i = 0; i < NSTMT && rc == 0; i++)
		rc = ax_db_prepare(r->db, write_sql[i], &p.w[i], err);
	int64_t after = 0;
	struct imp *v = NULL;
	size_t n = 0;
	while (rc == 0 && (rc = load_imports(r, scope, after, &v, &n, err)) == 0 && n > 0) {
		after = v[n - 1].id;
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = resolve_import(r, &p, &v[i], st, err);
		free_imports(v, n);
		v = NULL;
	}
	free_imports(v, n);
	for (int i = 0; i < NSTMT; i++)
		sqlite3_finalize(p.w[i]);
	free(p.ids);
	free(p.t.v);
	if (rc == 0) {
		sqlite3_stmt *m;
		rc = ax_db_prepare(r->db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('graph.fingerprint', ?1),"
				   " ('graph.current', 1)", &m, err);
		if (rc == 0) {
			sqlite3_bind_text(m, 1, L->fingerprint, -1, SQLITE_STATIC);
			rc = sqlite3_step(m) == SQLITE_DONE ? 0 : ax_db_err(err, "%s", sqlite3_errmsg(r->db));
			sqlite3_finalize(m);
		}
	}
	return rc;
}

bool ax_resolve_current(sqlite3 *db)
{
	int64_t current = 0;
	return ax_db_int(db, "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'graph.current')"
			 " AND NOT EXISTS (SELECT 1 FROM imports WHERE status IS NULL)", &current, NULL) == 0 &&
	       current;
}

int ax_resolve_imports(sqlite3 *db, const char *root, bool all, struct ax_resolve_stats *st, char **err)
{
	memset(st, 0, sizeof *st);
	struct res r = { .db = db };
	char *meta_root = root ? NULL : ax_db_root(db);
	if (meta_root)
		root = meta_root;
	r.root = root;
	if (ax_db_exec(db, "BEGIN IMMEDIATE", err)) {
		free(meta_root);
		return -1;
	}
	struct loaded L = { 0 };
	int rc = load_files(&r, &L, err);
	if (rc == 0)
		rc = run(&r, &L, all, st, err);
	rc = ax_db_exec(db, rc == 0 ? "COMMIT" : "ROLLBACK", rc == 0 ? err : NULL) || rc ? -1 : 0;
	resolve_js_free(&r);
	resolve_py_free(&r);
	resolve_go_free(&r);
	resolve_rust_free(&r);
	resolve_jvm_free(&r);
	resolve_c_free(&r);
	resolve_misc_free(&r);
	for (size_t i = 0; i < L.nblocks; i++)
		free(L.blocks[i]);
	free(L.blocks);
	free(r.files);
	free(r.hash);
	for (size_t i = 0; i < L.nlangs; i++)
		free((char *)L.langs[i]);
	free(L.langs);
	free(r.byid);
	free(meta_root);
	return rc;
}
