/* migrate.h: the schema migration engine (docs/migrations.md).
 *
 * A migration list is numbered 1..n without gaps. Each migration runs in
 * one transaction together with its history row, and commits only after
 * foreign_key_check and quick_check of what it touched came back
 * clean, so an index is always exactly at one version. The list is a
 * parameter: tools use ax_migrations (lib/index/migrations.c), tests their own. */
#ifndef AX_MIGRATE_H
#define AX_MIGRATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "axdb": PRAGMA application_id of every ax index. */
#define AX_DB_APPLICATION_ID 0x61786462

struct ax_migration {
	int version;
	const char *name;
	const char *up_sql;       /* run first; NULL if none */
	const char *down_sql;     /* NULL and no down_fn: cannot be undone */
	/* Data transforms in C, run after the SQL inside the same transaction.
	 * Return 0, or -1 with *err set (malloc'd). */
	int (*up_fn)(sqlite3 *db, char **err);
	int (*down_fn)(sqlite3 *db, char **err);
	/* Bump when a C transform's behaviour changes: it is part of the
	 * checksum, as the SQL is. */
	const char *fn_rev;
	/* Rebuilds a table (SQLite's 12-step procedure): foreign_keys is
	 * switched off around the transaction, foreign_key_check decides. */
	bool rebuild;
};

struct ax_migration_list {
	const struct ax_migration *m;
	size_t n;
};

extern const struct ax_migration_list ax_migrations;

/* "0123456789abcdef\0": xxh3-64 of everything that defines a migration. */
void ax_migration_checksum(const struct ax_migration *m, char out[17]);
/* One checksum of a whole list (and of the schema_history table): what a
 * schema built from it depends on (lib/index/objects_built.h). */
void ax_migrations_checksum(const struct ax_migration_list *l, char out[17]);

/* Is the list numbered 1..n? 0 or -1 with *err set. */
int ax_migration_list_check(const struct ax_migration_list *l, char **err);

/* One row of the history table. */
struct ax_applied {
	int version;
	char *name;
	char *checksum;
	int64_t applied_at;       /* unix seconds */
	int64_t duration_ms;
	char *tool_version;
};

struct ax_history {
	struct ax_applied *rows;  /* by version */
	size_t n;
};

/* Create the history table if it is not there (every run does; it stays
 * when an index is rolled back to version 0). */
int ax_history_create(sqlite3 *db, char **err);

/* The history (empty if there is none yet). 0, or -1 with *err. */
int ax_history_read(sqlite3 *db, struct ax_history *h, char **err);
void ax_history_free(struct ax_history *h);

/* What the history says about the list: versions applied that the list
 * does not know (newer index), and checksum or name mismatches (an edited
 * migration). Each problem is one malloc'd line in `problems`. */
struct ax_history_check {
	int unknown;              /* applied versions beyond the list */
	int mismatched;           /* checksum or name differs */
	char **problems;
	size_t nproblems;
};
void ax_history_check(const struct ax_history *h, const struct ax_migration_list *l,
		      struct ax_history_check *out);
void ax_history_check_free(struct ax_history_check *c);

/* The schema version: PRAGMA user_version, which every migration sets in
 * its own transaction. -1 with *err if the file is not an ax index. */
int ax_schema_version(sqlite3 *db, char **err);

/* What one table went through in a migration. */
struct ax_table_effect {
	char *name;
	char *type;               /* table, view, index, trigger */
	char *table;              /* the table it belongs to (itself for a table) */
	char change;              /* '+' created, '-' dropped, '~' definition changed, '=' same */
	int64_t rows_before, rows_after;   /* -1: not a table, or not there */
	int64_t inserted, updated, deleted;
};

struct ax_effect {
	int version;
	bool down;
	struct ax_table_effect *t;
	size_t n;
	int64_t duration_ms;
};

void ax_effect_free(struct ax_effect *e);

/* The migrations that lead from `from` to `to` (up if to > from, else
 * down), in order of application. Returns the count; -1 with *err if a
 * step cannot be done (no down migration, unknown version). */
int ax_migration_plan(const struct ax_migration_list *l, int from, int to,
		      const struct ax_migration **plan, char **err);

/* Apply `plan` (from ax_migration_plan) to `db`, each step in its own
 * transaction. With dry_run, all steps run in one transaction that is
 * rolled back: the file does not change, and the effects are what the
 * real run would do. effects[i] is filled for each of the *done steps
 * that ran (in a dry run: would have); effects NULL skips that report and
 * its row checks (a schema built in an empty database). Returns 0, or -1 with *err when a
 * step failed: that step left no trace, the *done before it stay. A step
 * whose starting version is no longer the index's (another process
 * migrated meanwhile) ends the run early with *raced set. */
int ax_migrate_run(sqlite3 *db, const struct ax_migration *const *plan, int n, bool down,
		   bool dry_run, struct ax_effect *effects, int *done, bool *raced, char **err);

#endif
