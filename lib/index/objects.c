/* objects.c: is a file's schema ax's own? Its schema objects (tables,
 * indexes, views, triggers) are compared, by name and SQL, with what the
 * migrations create in an empty database: a table made at build time
 * (objects_built.h), or the migrations run in memory when that table was
 * made from other migrations or another SQLite. A connection trusts a
 * file's schema (trusted_schema=ON, which the full-text triggers need)
 * only once it passed: a cloned repository's .ax/index.db, a shard from
 * another machine or a restore source may carry a trigger or view that
 * would otherwise run inside every tool (docs/security.md). */
#include "index/db.h"
#include "base/cli.h"
#include "index/migrate.h"
#include "index/objects_built.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct object {
	char *type, *name, *table, *sql;
};

struct objects {
	struct object *v;
	size_t n;
	int version;
	bool borrowed; /* the strings are the built table's (objects_built.h) */
};

static void objects_free(struct objects *o)
{
	for (size_t i = 0; i < o->n && !o->borrowed; i++)
		free(o->v[i].type), free(o->v[i].name), free(o->v[i].table), free(o->v[i].sql);
	free(o->v);
	memset(o, 0, sizeof *o);
}

static char *column(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return ax_strdup(t ? t : "");
}

static int read_objects(sqlite3 *db, const char *schema, struct objects *o, char **err)
{
	char *sql = sqlite3_mprintf(AX_OBJECTS_QUERY, schema);
	sqlite3_stmt *st;
	int rc = ax_db_prepare(db, sql, &st, err);
	sqlite3_free(sql);
	if (rc < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->v = ax_realloc(o->v, (o->n + 1) * sizeof *o->v);
		o->v[o->n++] = (struct object){ column(st, 0), column(st, 1), column(st, 2), column(st, 3) };
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ax_db_err(err, "%s", sqlite3_errmsg(db));
	return 0;
}

/* The table made at build time, if it was made from these migrations
 * with this SQLite (whose text for a schema object it holds). */
static bool built_applies(int version)
{
	static int applies = -1;
	if (applies < 0) {
		char sum[17];
		ax_migrations_checksum(&ax_migrations, sum);
		applies = strcmp(sum, ax_schema_built.checksum) == 0 &&
			  sqlite3_libversion_number() == ax_schema_built.sqlite_version;
	}
	return applies && version >= 0 && version < ax_schema_built.nversions;
}

static void from_built(int version, struct objects *o)
{
	const struct ax_built_version *b = &ax_schema_built.versions[version];
	o->v = ax_malloc(((size_t)b->n + 1) * sizeof *o->v);
	for (int i = 0; i < b->n; i++)
		o->v[i] = (struct object){ (char *)b->v[i].type, (char *)b->v[i].name, (char *)b->v[i].table,
					   (char *)b->v[i].sql };
	o->n = (size_t)b->n;
	o->borrowed = true;
}

/* What the migrations up to `version` create: the build's table, else
 * built once per version a process asks for by running them in memory
 * (about 1 ms: no effect report, whose snapshots cost three times the
 * migrations themselves). */
static const struct objects *expected(int version, char **err)
{
	static struct objects cache = { .version = -1 };
	if (cache.version == version)
		return &cache;
	objects_free(&cache);
	if (built_applies(version)) {
		from_built(version, &cache);
		cache.version = version;
		return &cache;
	}
	const struct ax_migration **plan = ax_malloc(((size_t)version + 1) * sizeof *plan);
	sqlite3 *mem = ax_db_connect(":memory:", AX_DB_WRITE | AX_DB_CREATE, err);
	int n = mem ? ax_migration_plan(&ax_migrations, 0, version, plan, err) : -1, done = 0;
	bool raced;
	int rc = n < 0 || sqlite3_db_config(mem, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL) != SQLITE_OK ||
			 ax_migrate_run(mem, plan, n, false, false, NULL, &done, &raced, err) < 0 ||
			 ax_history_create(mem, err) < 0 ||
			 read_objects(mem, "main", &cache, err) < 0 ? -1 : 0;
	free(plan);
	sqlite3_close(mem);
	if (rc < 0) {
		objects_free(&cache);
		cache.version = -1;
		return NULL;
	}
	cache.version = version;
	return &cache;
}

static const struct object *find(const struct objects *o, const char *type, const char *name)
{
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].name, name) && !strcmp(o->v[i].type, type))
			return &o->v[i];
	return NULL;
}

int ax_db_foreign_objects(sqlite3 *db, const char *schema, int version, char ***list, size_t *n, char **err)
{
	*list = NULL;
	*n = 0;
	bool newer = (size_t)version > ax_migrations.n;
	const struct objects *want = expected(newer ? (int)ax_migrations.n : version, err);
	struct objects have = { 0 };
	if (!want || read_objects(db, schema, &have, err) < 0) {
		objects_free(&have);
		return -1;
	}
	for (size_t i = 0; i < have.n; i++) {
		const struct object *h = &have.v[i], *w = find(want, h->type, h->name);
		/* A newer ax may add or change tables and indexes, which run
		 * nothing. */
		if (newer && strcmp(h->type, "trigger") && strcmp(h->type, "view"))
			continue;
		if (w && !strcmp(w->table, h->table) && !strcmp(w->sql, h->sql))
			continue;
		*list = ax_realloc(*list, (*n + 1) * sizeof **list);
		(*list)[(*n)++] = w ? ax_xasprintf("%s %s: its SQL is not what the migrations create", h->type, h->name)
				    : ax_xasprintf("%s %s on %s: not created by any migration", h->type, h->name,
						   h->table);
	}
	objects_free(&have);
	return 0;
}

void ax_db_objects_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

int ax_db_trust_schema(sqlite3 *db, const char *schema, int version, char **err)
{
	char **list;
	size_t n;
	if (ax_db_foreign_objects(db, schema, version, &list, &n, err) < 0)
		return -1;
	if (n) {
		char more[64] = "";
		if (n > 1)
			snprintf(more, sizeof more, " (and %zu more)", n - 1);
		ax_db_err(err, "refused: %s%s ('ax-db verify' lists them)", list[0], more);
		ax_db_objects_free(list, n);
		return -1;
	}
	if (sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL) != SQLITE_OK)
		return ax_db_err(err, "%s", sqlite3_errmsg(db));
	return 0;
}
