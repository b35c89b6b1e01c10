/* open.c: ax_db_open(), the one way a tool opens the index: find it,
 * connect (db.c), check the schema version, migrate when it may; and
 * ax_db_change(), the migration with its automatic backup. */
#include "index/db.h"
#include "index/backup.h"
#include "base/cli.h"
#include "index/dbpath.h"
#include "index/migrate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void ax_change_free(struct ax_change *c)
{
	for (int i = 0; i < c->n; i++)
		ax_effect_free(&c->effects[i]);
	free(c->effects);
	free(c->plan);
	free(c->backup);
	memset(c, 0, sizeof *c);
}

int ax_db_change(sqlite3 *db, const char *path, const struct ax_migration_list *l, int target,
		 bool dry_run, struct ax_change *c, char **err)
{
	memset(c, 0, sizeof *c);
	if (ax_migration_list_check(l, err) < 0)
		return -1;
	c->plan = ax_malloc((l->n + 1) * sizeof *c->plan);
	c->effects = ax_calloc(l->n + 1, sizeof *c->effects);
	const struct ax_migration **plan = ax_malloc((l->n + 1) * sizeof *plan);
	struct ax_effect *eff = ax_calloc(l->n + 1, sizeof *eff);
	int status = -1;
	c->from = c->to = ax_schema_version(db, err);
	for (int attempt = 0; c->to >= 0 && attempt < 3; attempt++) {
		int v = c->to;
		int n = ax_migration_plan(l, v, target, plan, err);
		if (n <= 0) {
			status = n < 0 ? -1 : 0;
			break;
		}
		bool down = target < v;
		if (!dry_run && v > 0 && !c->backup &&
		    !(c->backup = ax_backup_auto(db, path, down ? "rollback" : "migrate", err)))
			break;
		bool raced;
		int done;
		int r = ax_migrate_run(db, plan, n, down, dry_run, eff, &done, &raced, err);
		for (int i = 0; i < done; i++) {
			c->plan[c->n] = plan[i];
			c->effects[c->n++] = eff[i];
			c->to = down ? plan[i]->version - 1 : plan[i]->version;
		}
		if (r < 0)
			break;
		if (!raced) {
			status = 0;
			break;
		}
		/* Another process migrated meanwhile: plan again from there. */
		if ((c->to = ax_schema_version(db, err)) < 0)
			break;
		if (attempt == 2)
			ax_db_err(err, "the index keeps changing version under us");
	}
	free(plan);
	free(eff);
	return status;
}

static char *opened_path;

const char *ax_db_path(void)
{
	return opened_path;
}

static bool auto_migrate(void)
{
	const char *env = getenv("AX_DB_AUTO_MIGRATE");
	return env && strcmp(env, "1") == 0;
}

/* Has the index a files table with no rows? (Every version >= 1 has one.) */
static bool holds_no_files(sqlite3 *db)
{
	int64_t n = 1;
	return ax_db_int(db, "SELECT count(*) FROM (SELECT 1 FROM files LIMIT 1)", &n, NULL) == 0 && n == 0;
}

sqlite3 *ax_db_open_path(const char *path, unsigned flags, int *version, char **err)
{
	sqlite3 *db = ax_db_connect(path, flags, err);
	if (!db)
		return NULL;
	if ((*version = ax_schema_version(db, err)) < 0 || ax_db_trust_schema(db, "main", *version, err) < 0) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* What to do about an index SQLite cannot read: it is derived data. */
const char *ax_db_damage_hint(const char *err)
{
	return strstr(err, "not a database") || strstr(err, "malformed")
		? " (the index is damaged: rebuild it with 'ax index --rebuild')" : "";
}

sqlite3 *ax_db_open(const char *opt, unsigned flags)
{
	char *path = ax_db_find(opt);
	if (!path && !(flags & AX_DB_CREATE))
		ax_die(AX_EXIT_USAGE, "no index here: run 'ax index' (none in .ax/ here or in "
		       "any parent directory; --db or AX_DB name another)");
	if (!path)
		path = ax_db_default_path(opt);
	if (access(path, F_OK) < 0) {
		if (!(flags & AX_DB_CREATE))
			ax_die(AX_EXIT_USAGE, "no index at %s: run 'ax index' to create one", path);
		if (ax_db_make_parent(path) < 0)
			ax_die(AX_EXIT_USAGE, "cannot create the directory of %s: %s", path, strerror(errno));
	}
	free(opened_path);
	opened_path = path;
	char *err = NULL;
	int v;
	sqlite3 *db = ax_db_open_path(path, flags, &v, &err);
	if (!db)
		ax_die(AX_EXIT_USAGE, "cannot open index %s: %s%s", path, err, ax_db_damage_hint(err));
	int latest = (int)ax_migrations.n;
	if (v > latest) {
		if (flags & AX_DB_WRITE)
			ax_die(AX_EXIT_USAGE, "index %s has schema version %d, newer than this ax (%s, version %d): "
			       "refusing to write to it; upgrade ax", path, v, AX_VERSION, latest);
		ax_warn("index %s has schema version %d, newer than this ax (version %d): reading it may fail",
			path, v, latest);
		return db;
	}
	if (v == latest)
		return db;
	/* A new file holds nothing to lose, nor does an index without files
	 * (one whose creation was killed half way, or that another process
	 * is creating right now: the migration waits for it and goes on from
	 * where it got). An older index with data is migrated only when asked
	 * to, and with a backup. */
	bool empty = v == 0 || holds_no_files(db);
	if ((empty && (flags & AX_DB_CREATE)) || auto_migrate()) {
		sqlite3 *w = db;
		if (!(flags & AX_DB_WRITE)) {
			int again;
			w = ax_db_open_path(path, AX_DB_WRITE, &again, &err);
			if (!w)
				ax_die(AX_EXIT_USAGE, "cannot open index %s for migration: %s", path, err);
		}
		struct ax_change c;
		if (ax_db_change(w, path, &ax_migrations, latest, false, &c, &err) < 0)
			ax_die(AX_EXIT_INTERNAL, "cannot migrate %s: %s", path, err);
		if (!empty)
			ax_warn("migrated %s from version %d to %d (backup: %s)", path, c.from, c.to, c.backup);
		ax_change_free(&c);
		if (w != db)
			sqlite3_close(w);
		return db;
	}
	ax_die(AX_EXIT_USAGE, "index %s has schema version %d, this ax needs %d: run 'ax db migrate' "
	       "(or set AX_DB_AUTO_MIGRATE=1)", path, v, latest);
}
