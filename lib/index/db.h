/* db.h: opening the index, the way every tool does it.
 *
 * ax_db_open() is the entry point for tools: it finds the index
 * (lib/index/dbpath.h), opens it in WAL mode with a busy timeout and foreign
 * keys on, and checks the schema version against the migrations built
 * into this binary (lib/index/migrations.c):
 *   - an older index: "run 'ax db migrate'", or, with AX_DB_AUTO_MIGRATE=1,
 *     migrated on the spot (with the same backup ax-db migrate takes);
 *   - a newer index: writers are refused; readers go on, with a warning;
 *   - a new, empty file opened for writing is migrated to the latest version.
 * The small helpers below return 0 (or a value) and -1 with *err set to a
 * malloc'd message; a NULL err discards the message. */
#ifndef AX_DB_H
#define AX_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	AX_DB_READ = 0,
	AX_DB_WRITE = 1 << 0,     /* the tool changes the index */
	AX_DB_CREATE = 1 << 1,    /* with WRITE: a missing index is created */
};

/* Milliseconds a statement waits for a lock; AX_DB_BUSY_TIMEOUT overrides. */
#define AX_DB_BUSY_TIMEOUT_MS 10000
int ax_db_busy_timeout(void);

/* For tools: open the index or die with a message (status 2: no index,
 * wrong version, not an index; 3: internal). `opt` is --db or NULL. */
sqlite3 *ax_db_open(const char *opt, unsigned flags);

/* For an SQLite error message that means a damaged index ("file is not a
 * database", "malformed"): the sentence naming the cure
 * ('ax index --rebuild'), with a leading space; else "". */
const char *ax_db_damage_hint(const char *errmsg);

/* The path ax_db_open() used last (for messages), or NULL. */
const char *ax_db_path(void);

/* Open `path` with the connection settings of every tool, without any
 * schema check: SQLITE_DBCONFIG_DEFENSIVE, no extension loading, and the
 * schema untrusted (trusted_schema off) until ax_db_trust_schema() passes.
 * flags as above. NULL and *err on failure. */
sqlite3 *ax_db_connect(const char *path, unsigned flags, char **err);

/* The one checked open that every index, shard and restore source goes
 * through (ax_db_open() on top of it adds finding, the version policy and
 * migration): ax_db_connect(), an ax schema version (*version), and
 * ax_db_trust_schema(). NULL and *err ("not an ax index ...", "refused:
 * trigger x on files: not created by any migration ...") on failure. */
sqlite3 *ax_db_open_path(const char *path, unsigned flags, int *version, char **err);

/* The schema objects of `schema` ("main", or an ATTACHed name) that the
 * migrations up to `version` do not create, or create with other SQL: one
 * malloc'd line each in *list. For a version newer than this ax only its
 * triggers and views count (a newer ax may add tables and indexes; they
 * run nothing). 0, or -1 with *err. */
int ax_db_foreign_objects(sqlite3 *db, const char *schema, int version, char ***list, size_t *n, char **err);
void ax_db_objects_free(char **list, size_t n);
/* No foreign objects: the connection then trusts the schema
 * (trusted_schema on, which the full-text triggers need). 0, or -1 with
 * *err naming the first foreign object. */
int ax_db_trust_schema(sqlite3 *db, const char *schema, int version, char **err);

/* What ax_db_change() did (or, for a dry run, would do). */
struct ax_change {
	int from, to;             /* the index's version before and after */
	char *backup;             /* the automatic backup taken, or NULL */
	const struct ax_migration **plan;
	struct ax_effect *effects;
	int n;                    /* steps run (plan[i], effects[i]) */
};
void ax_change_free(struct ax_change *c);

/* Move the index at `path` (open as `db`) to version `target` of `l`, up
 * or down: an automatic backup first (lib/index/backup.h) unless the index is
 * empty or this is a dry run, then each migration in its own transaction.
 * If another process migrates meanwhile, the plan is made again from
 * where it left the index. 0, or -1 with *err (steps that ran stay in c). */
struct ax_migration_list;
int ax_db_change(sqlite3 *db, const char *path, const struct ax_migration_list *l, int target,
		 bool dry_run, struct ax_change *c, char **err);

/* mkdir the directory that will hold a new index (one level: .ax). */
int ax_db_make_parent(const char *path);

/* Always returns -1, after setting *err (if err) to the formatted text. */
int ax_db_err(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int ax_db_exec(sqlite3 *db, const char *sql, char **err);
int ax_db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char **err);
/* The first column of the first row. */
int ax_db_int(sqlite3 *db, const char *sql, int64_t *out, char **err);
int ax_db_text(sqlite3 *db, const char *sql, char **out, char **err);

#endif
