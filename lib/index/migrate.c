/* migrate.c: applying and undoing migrations, one transaction each. */
#include "index/migrate.h"
#include "base/cli.h"
#include "index/db.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

static const char history_sql[] =
	"CREATE TABLE IF NOT EXISTS schema_history (\n"
	"  version INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  checksum TEXT NOT NULL,\n"
	"  applied_at INTEGER NOT NULL,\n"
	"  duration_ms INTEGER NOT NULL,\n"
	"  tool_version TEXT NOT NULL\n"
	") STRICT";

int ax_history_create(sqlite3 *db, char **err)
{
	return ax_db_exec(db, history_sql, err);
}

static void hash_field(XXH3_state_t *st, const char *s)
{
	/* A NUL after each field keeps ("ab","c") apart from ("a","bc");
	 * an absent field hashes differently from an empty one. */
	if (s)
		XXH3_64bits_update(st, s, strlen(s) + 1);
	else
		XXH3_64bits_update(st, "\xff", 1);
}

void ax_migration_checksum(const struct ax_migration *m, char out[17])
{
	XXH3_state_t *st = XXH3_createState();
	if (!st)
		ax_die(AX_EXIT_INTERNAL, "out of memory");
	XXH3_64bits_reset(st);
	char head[64];
	snprintf(head, sizeof head, "%d %d %d %d", m->version, m->up_fn != NULL,
		 m->down_fn != NULL, m->rebuild);
	hash_field(st, head);
	hash_field(st, m->name);
	hash_field(st, m->up_sql);
	hash_field(st, m->down_sql);
	hash_field(st, m->fn_rev);
	snprintf(out, 17, "%016llx", (unsigned long long)XXH3_64bits_digest(st));
	XXH3_freeState(st);
}

void ax_migrations_checksum(const struct ax_migration_list *l, char out[17])
{
	XXH3_state_t *st = XXH3_createState();
	if (!st)
		ax_die(AX_EXIT_INTERNAL, "out of memory");
	XXH3_64bits_reset(st);
	hash_field(st, history_sql);
	for (size_t i = 0; i < l->n; i++) {
		char one[17];
		ax_migration_checksum(&l->m[i], one);
		hash_field(st, one);
	}
	snprintf(out, 17, "%016llx", (unsigned long long)XXH3_64bits_digest(st));
	XXH3_freeState(st);
}

int ax_migration_list_check(const struct ax_migration_list *l, char **err)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct ax_migration *m = &l->m[i];
		if (m->version != (int)i + 1)
			return ax_db_err(err, "migration list: entry %zu has version %d, expected %zu",
					 i, m->version, i + 1);
		if (!m->name || !*m->name || (!m->up_sql && !m->up_fn))
			return ax_db_err(err, "migration %d: no name or nothing to do", m->version);
	}
	return 0;
}

int ax_schema_version(sqlite3 *db, char **err)
{
	int64_t app, ver, objects;
	if (ax_db_int(db, "PRAGMA application_id", &app, err) < 0 ||
	    ax_db_int(db, "PRAGMA user_version", &ver, err) < 0 ||
	    ax_db_int(db, "SELECT count(*) FROM sqlite_schema", &objects, err) < 0)
		return -1;
	if (app == AX_DB_APPLICATION_ID)
		return (int)ver;
	if (app == 0 && ver == 0 && objects == 0)
		return 0;   /* a new, empty file */
	return ax_db_err(err, "not an ax index (application_id 0x%08llx, %lld schema objects)",
			 (unsigned long long)(uint32_t)app, (long long)objects);
}

int ax_history_read(sqlite3 *db, struct ax_history *h, char **err)
{
	memset(h, 0, sizeof *h);
	int64_t exists;
	if (ax_db_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_history'",
		      &exists, err) < 0)
		return -1;
	if (!exists)
		return 0;
	sqlite3_stmt *st;
	if (ax_db_prepare(db, "SELECT version, name, checksum, applied_at, duration_ms, tool_version "
			  "FROM schema_history ORDER BY version", &st, err) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h->rows = ax_realloc(h->rows, (h->n + 1) * sizeof *h->rows);
		struct ax_applied *a = &h->rows[h->n++];
		a->version = sqlite3_column_int(st, 0);
		a->name = ax_strdup((const char *)sqlite3_column_text(st, 1));
		a->checksum = ax_strdup((const char *)sqlite3_column_text(st, 2));
		a->applied_at = sqlite3_column_int64(st, 3);
		a->duration_ms = sqlite3_column_int64(st, 4);
		a->tool_version = ax_strdup((const char *)sqlite3_column_text(st, 5));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		ax_history_free(h);
		return ax_db_err(err, "reading schema_history: %s", sqlite3_errmsg(db));
	}
	return 0;
}

void ax_history_free(struct ax_history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->rows[i].name);
		free(h->rows[i].checksum);
		free(h->rows[i].tool_version);
	}
	free(h->rows);
	memset(h, 0, sizeof *h);
}

static void add_problem(struct ax_history_check *c, char *line)
{
	c->problems = ax_realloc(c->problems, (c->nproblems + 1) * sizeof *c->problems);
	c->problems[c->nproblems++] = line;
}

void ax_history_check(const struct ax_history *h, const struct ax_migration_list *l,
		      struct ax_history_check *out)
{
	memset(out, 0, sizeof *out);
	char *line;
	for (size_t i = 0; i < h->n; i++) {
		const struct ax_applied *a = &h->rows[i];
		if (a->version < 1 || (size_t)a->version > l->n) {
			out->unknown++;
			ax_db_err(&line, "version %d (%s) is applied but unknown to this ax %s",
				  a->version, a->name, AX_VERSION);
			add_problem(out, line);
			continue;
		}
		const struct ax_migration *m = &l->m[a->version - 1];
		char sum[17];
		ax_migration_checksum(m, sum);
		if (strcmp(sum, a->checksum) != 0 || strcmp(m->name, a->name) != 0) {
			out->mismatched++;
			ax_db_err(&line, "version %d: applied as %s (checksum %s), this ax has %s (checksum %s)",
				  a->version, a->name, a->checksum, m->name, sum);
			add_problem(out, line);
		}
	}
}

void ax_history_check_free(struct ax_history_check *c)
{
	for (size_t i = 0; i < c->nproblems; i++)
		free(c->problems[i]);
	free(c->problems);
	memset(c, 0, sizeof *c);
}

int ax_migration_plan(const struct ax_migration_list *l, int from, int to,
		      const struct ax_migration **plan, char **err)
{
	if (to < 0 || (size_t)to > l->n)
		return ax_db_err(err, "no version %d (this ax knows 0 to %zu)", to, l->n);
	if (from < 0 || (size_t)from > l->n)
		return ax_db_err(err, "the index is at version %d, which this ax does not know", from);
	int n = 0;
	for (int v = from + 1; v <= to; v++)
		plan[n++] = &l->m[v - 1];
	for (int v = from; v > to; v--) {
		const struct ax_migration *m = &l->m[v - 1];
		if (!m->down_sql && !m->down_fn)
			return ax_db_err(err, "migration %d (%s) cannot be undone: it has no down migration",
					 m->version, m->name);
		plan[n++] = m;
	}
	return n;
}

void ax_effect_free(struct ax_effect *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->t[i].name);
		free(e->t[i].type);
		free(e->t[i].table);
	}
	free(e->t);
	memset(e, 0, sizeof *e);
}

/* --- Effects: the schema and row counts before and after, and the rows
 * the update hook saw change. --- */

struct object {
	char *name, *type, *table, *sql;
	int64_t rows;             /* -1 unless a plain table */
};

struct snapshot {
	struct object *o;
	size_t n;
};

static void snapshot_free(struct snapshot *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->o[i].name);
		free(s->o[i].type);
		free(s->o[i].table);
		free(s->o[i].sql);
	}
	free(s->o);
	memset(s, 0, sizeof *s);
}

static int take_snapshot(sqlite3 *db, struct snapshot *s, char **err)
{
	memset(s, 0, sizeof *s);
	/* Shadow tables of FTS are the virtual table's business. */
	sqlite3_stmt *st;
	if (ax_db_prepare(db,
			  "SELECT m.type, m.name, coalesce(m.sql, ''), "
			  "  m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%', m.tbl_name "
			  "FROM sqlite_schema m WHERE m.name NOT LIKE 'sqlite_%' "
			  "AND NOT EXISTS (SELECT 1 FROM pragma_table_list t "
			  "  WHERE t.schema = 'main' AND t.name = m.name AND t.type = 'shadow') "
			  "ORDER BY m.name", &st, err) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->o = ax_realloc(s->o, (s->n + 1) * sizeof *s->o);
		struct object *o = &s->o[s->n++];
		o->type = ax_strdup((const char *)sqlite3_column_text(st, 0));
		o->name = ax_strdup((const char *)sqlite3_column_text(st, 1));
		o->sql = ax_strdup((const char *)sqlite3_column_text(st, 2));
		o->rows = sqlite3_column_int(st, 3) ? 0 : -1;
		o->table = ax_strdup((const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ax_db_err(err, "reading the schema: %s", sqlite3_errmsg(db));
	for (size_t i = 0; i < s->n; i++) {
		if (s->o[i].rows < 0)
			continue;
		char *q = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", s->o[i].name);
		int r = ax_db_int(db, q, &s->o[i].rows, err);
		sqlite3_free(q);
		if (r < 0)
			return -1;
	}
	return 0;
}

static const struct object *find_object(const struct snapshot *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->o[i].name, name) == 0)
			return &s->o[i];
	return NULL;
}

/* Row changes per table, as the update hook reports them. */
struct touched {
	struct {
		char *name;
		int64_t ins, upd, del;
	} *t;
	size_t n;
};

static void on_update(void *arg, int op, const char *dbname, const char *table, sqlite3_int64 rowid)
{
	(void)dbname;
	(void)rowid;
	struct touched *tc = arg;
	size_t i;
	for (i = 0; i < tc->n; i++)
		if (strcmp(tc->t[i].name, table) == 0)
			break;
	if (i == tc->n) {
		tc->t = ax_realloc(tc->t, (tc->n + 1) * sizeof *tc->t);
		tc->t[tc->n].name = ax_strdup(table);
		tc->t[tc->n].ins = tc->t[tc->n].upd = tc->t[tc->n].del = 0;
		tc->n++;
	}
	if (op == SQLITE_INSERT)
		tc->t[i].ins++;
	else if (op == SQLITE_UPDATE)
		tc->t[i].upd++;
	else
		tc->t[i].del++;
}

static void touched_free(struct touched *tc)
{
	for (size_t i = 0; i < tc->n; i++)
		free(tc->t[i].name);
	free(tc->t);
	memset(tc, 0, sizeof *tc);
}

static void add_effect(struct ax_effect *e, const struct object *o, char change,
		       const struct object *before, const struct object *after, const struct touched *tc)
{
	e->t = ax_realloc(e->t, (e->n + 1) * sizeof *e->t);
	struct ax_table_effect *t = &e->t[e->n++];
	const char *name = o->name;
	t->name = ax_strdup(name);
	t->type = ax_strdup(o->type);
	t->table = ax_strdup(o->table);
	t->change = change;
	t->rows_before = before ? before->rows : -1;
	t->rows_after = after ? after->rows : -1;
	t->inserted = t->updated = t->deleted = 0;
	/* DROP TABLE may delete the rows one by one first (when foreign keys
	 * are on); that is how it drops, not a change to report. */
	for (size_t i = 0; change != '-' && i < tc->n; i++)
		if (strcmp(tc->t[i].name, name) == 0) {
			t->inserted = tc->t[i].ins;
			t->updated = tc->t[i].upd;
			t->deleted = tc->t[i].del;
		}
}

static bool touched_has(const struct touched *tc, const char *name)
{
	for (size_t i = 0; i < tc->n; i++)
		if (strcmp(tc->t[i].name, name) == 0)
			return true;
	return false;
}

/* Objects created, dropped or redefined, and tables whose rows changed,
 * in name order. */
static void diff_snapshots(const struct snapshot *a, const struct snapshot *b,
			   const struct touched *tc, struct ax_effect *e)
{
	for (size_t i = 0; i < a->n; i++) {
		const struct object *x = &a->o[i], *y = find_object(b, x->name);
		if (!y)
			add_effect(e, x, '-', x, NULL, tc);
		else if (strcmp(x->sql, y->sql) != 0 || strcmp(x->type, y->type) != 0)
			add_effect(e, y, '~', x, y, tc);
		else if (x->rows != y->rows || touched_has(tc, x->name))
			add_effect(e, x, '=', x, y, tc);
	}
	for (size_t i = 0; i < b->n; i++)
		if (!find_object(a, b->o[i].name))
			add_effect(e, &b->o[i], '+', NULL, &b->o[i], tc);
}

/* --- Checks before commit --- */

/* Tables a step touched or redefined (or gave a new index or trigger),
 * and every table whose foreign keys point at one of them, are checked;
 * untouched ones cannot have changed. */
static int check_tables(sqlite3 *db, const struct touched *tc, const struct ax_effect *e, char **err)
{
	sqlite3_stmt *tables;
	if (ax_db_prepare(db,
			  "SELECT m.name, m.sql LIKE 'CREATE VIRTUAL%' FROM sqlite_schema m WHERE m.type = 'table' "
			  "AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name", &tables, err) < 0)
		return -1;
	int status = 0;
	while (status == 0 && sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		bool is_virtual = sqlite3_column_int(tables, 1);
		bool hit = touched_has(tc, name);
		for (size_t i = 0; !hit && i < e->n; i++)
			hit = strcmp(e->t[i].table, name) == 0;
		if (!hit) {
			/* Does it reference a touched or redefined table? */
			char *q = sqlite3_mprintf("SELECT \"table\" FROM pragma_foreign_key_list(%Q)", name);
			sqlite3_stmt *fk;
			if (ax_db_prepare(db, q, &fk, err) < 0) {
				sqlite3_free(q);
				status = -1;
				break;
			}
			sqlite3_free(q);
			while (!hit && sqlite3_step(fk) == SQLITE_ROW) {
				const char *parent = (const char *)sqlite3_column_text(fk, 0);
				hit = touched_has(tc, parent);
				for (size_t i = 0; !hit && i < e->n; i++)
					hit = strcmp(e->t[i].table, parent) == 0;
			}
			sqlite3_finalize(fk);
		}
		if (!hit)
			continue;
		char *q = sqlite3_mprintf("PRAGMA foreign_key_check(%Q)", name);
		int64_t bad = 0;
		sqlite3_stmt *st;
		if (ax_db_prepare(db, q, &st, err) < 0) {
			sqlite3_free(q);
			status = -1;
			break;
		}
		sqlite3_free(q);
		char first[256] = "";
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (!bad++)
				snprintf(first, sizeof first, "row %lld of %s points at a missing row of %s",
					 (long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 0),
					 sqlite3_column_text(st, 2));
		}
		sqlite3_finalize(st);
		if (bad) {
			status = ax_db_err(err, "foreign_key_check failed: %lld rows; %s", (long long)bad, first);
			break;
		}
		if (is_virtual)
			continue;
		/* Pages, b-trees and constraints; an index entry out of step with
		 * its row is not something SQL can make (ax-db verify looks). */
		q = sqlite3_mprintf("PRAGMA quick_check(%Q)", name);
		char *result = NULL;
		if (ax_db_text(db, q, &result, err) < 0)
			status = -1;
		else if (strcmp(result, "ok") != 0)
			status = ax_db_err(err, "quick_check of %s failed: %s", name, result);
		free(result);
		sqlite3_free(q);
	}
	sqlite3_finalize(tables);
	return status;
}

/* --- Running --- */

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int record_history(sqlite3 *db, const struct ax_migration *m, bool down, int64_t ms, char **err)
{
	sqlite3_stmt *st;
	if (down) {
		if (ax_db_prepare(db, "DELETE FROM schema_history WHERE version = ?", &st, err) < 0)
			return -1;
		sqlite3_bind_int(st, 1, m->version);
	} else {
		char sum[17];
		ax_migration_checksum(m, sum);
		if (ax_db_prepare(db, "INSERT INTO schema_history (version, name, checksum, applied_at, "
				  "duration_ms, tool_version) VALUES (?, ?, ?, ?, ?, ?)", &st, err) < 0)
			return -1;
		sqlite3_bind_int(st, 1, m->version);
		sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, sum, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, (int64_t)time(NULL));
		sqlite3_bind_int64(st, 5, ms);
		sqlite3_bind_text(st, 6, AX_VERSION, -1, SQLITE_STATIC);
	}
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ax_db_err(err, "recording the history: %s", sqlite3_errmsg(db));
	char q[64];
	snprintf(q, sizeof q, "PRAGMA user_version = %d", down ? m->version - 1 : m->version);
	return ax_db_exec(db, q, err);
}

/* One migration inside the open transaction: 1 done, 0 raced, -1 failed. */
static int run_step(sqlite3 *db, const struct ax_migration *m, bool down, struct ax_effect *e, char **err)
{
	int64_t t0 = now_ms();
	int expect = down ? m->version : m->version - 1;
	int v = ax_schema_version(db, err);
	if (v < 0)
		return -1;
	if (v != expect)
		return 0;
	/* Without `e` no report is wanted: an empty database built only for its
	 * schema (objects.c) has no rows to diff or check. */
	if (e) {
		memset(e, 0, sizeof *e);
		e->version = m->version;
		e->down = down;
	}

	struct snapshot before = { 0 }, after;
	struct touched tc = { 0 };
	if (e && take_snapshot(db, &before, err) < 0)
		return -1;
	int status = 0;
	if (v == 0 && !down) {
		char q[64];
		snprintf(q, sizeof q, "PRAGMA application_id = %d", AX_DB_APPLICATION_ID);
		status = ax_db_exec(db, q, err);
		if (status == 0)
			status = ax_history_create(db, err);
	}
	sqlite3_update_hook(db, on_update, &tc);
	const char *sql = down ? m->down_sql : m->up_sql;
	int (*fn)(sqlite3 *, char **) = down ? m->down_fn : m->up_fn;
	if (status == 0 && sql && ax_db_exec(db, sql, err) < 0)
		status = -1;
	if (status == 0 && fn && fn(db, err) < 0)
		status = -1;
	if (status == 0)
		status = record_history(db, m, down, now_ms() - t0, err);
	sqlite3_update_hook(db, NULL, NULL);
	if (status == 0 && e)
		status = take_snapshot(db, &after, err);
	if (status == 0 && e) {
		diff_snapshots(&before, &after, &tc, e);
		snapshot_free(&after);
		status = check_tables(db, &tc, e, err);
	}
	snapshot_free(&before);
	touched_free(&tc);
	if (status < 0) {
		char *inner = *err;
		ax_db_err(err, "migration %d (%s)%s: %s", m->version, m->name, down ? " down" : "", inner);
		free(inner);
		if (e)
			ax_effect_free(e);
		return -1;
	}
	if (e)
		e->duration_ms = now_ms() - t0;
	return 1;
}

static int set_pragma(sqlite3 *db, const char *name, int value, char **err)
{
	char q[80];
	snprintf(q, sizeof q, "PRAGMA %s = %d", name, value);
	return ax_db_exec(db, q, err);
}

int ax_migrate_run(sqlite3 *db, const struct ax_migration *const *plan, int n, bool down,
		   bool dry_run, struct ax_effect *effects, int *done, bool *raced, char **err)
{
	*raced = false;
	*done = 0;
	int64_t fk_was;
	if (ax_db_int(db, "PRAGMA foreign_keys", &fk_was, err) < 0)
		return -1;
	bool any_rebuild = false;
	for (int i = 0; i < n; i++)
		any_rebuild |= plan[i]->rebuild;
	/* A dry run keeps every change in memory so that the rollback leaves
	 * the file, and its WAL, exactly as they were. */
	if (dry_run && (set_pragma(db, "cache_spill", 0, err) < 0 ||
			(any_rebuild && set_pragma(db, "foreign_keys", 0, err) < 0) ||
			ax_db_exec(db, "BEGIN IMMEDIATE", err) < 0))
		return -1;

	int status = 0;
	for (int i = 0; i < n && status == 0 && !*raced; i++) {
		const struct ax_migration *m = plan[i];
		if (!dry_run) {
			/* foreign_keys cannot change inside a transaction (12-step, 1). */
			if (m->rebuild && set_pragma(db, "foreign_keys", 0, err) < 0) {
				status = -1;
				break;
			}
			if (ax_db_exec(db, "BEGIN IMMEDIATE", err) < 0) {
				status = -1;
				break;
			}
		}
		int r = run_step(db, m, down, effects ? &effects[i] : NULL, err);
		if (r <= 0) {
			*raced = r == 0;
			status = r;
		}
		if (!dry_run) {
			if (r == 1 && ax_db_exec(db, "COMMIT", err) < 0) {
				if (effects)
					ax_effect_free(&effects[i]);
				r = status = -1;
			}
			if (r != 1)
				ax_db_exec(db, "ROLLBACK", NULL);
			if (m->rebuild)
				set_pragma(db, "foreign_keys", (int)fk_was, NULL);
		}
		if (r == 1)
			(*done)++;
	}
	if (dry_run) {
		ax_db_exec(db, "ROLLBACK", NULL);
		set_pragma(db, "cache_spill", 1, NULL);
		if (any_rebuild)
			set_pragma(db, "foreign_keys", (int)fk_was, NULL);
	}
	if (dry_run && status < 0 && effects) {
		for (int i = 0; i < *done; i++)
			ax_effect_free(&effects[i]);
		*done = 0;
	}
	return status < 0 ? -1 : 0;
}
