/* adb.h: what the ax-db subcommands share. */
#ifndef AX_DB_TOOL_H
#define AX_DB_TOOL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

struct adb_opts {
	const char *db;           /* --db */
	bool json, dry_run, force;
	int to;                   /* --to, -1 if not given */
	int argc;                 /* operands after the subcommand */
	char **argv;
};

/* The index's path (malloc'd); dies with status 2 if there is none,
 * unless `create`, which gives where a new one goes. */
char *adb_index_path(const struct adb_opts *o, bool create);

/* Open the index for ax-db's own use (no version policy, but the schema
 * check of every open, lib/index/objects.c): dies on error. */
sqlite3 *adb_connect(const char *path, unsigned flags);

int adb_status(const struct adb_opts *o);
int adb_verify(const struct adb_opts *o);
int adb_migrate(const struct adb_opts *o);
int adb_rollback(const struct adb_opts *o);
int adb_backup(const struct adb_opts *o);
int adb_restore(const struct adb_opts *o);

/* JSON output: a string (bytes that are not UTF-8 as U+FFFD), or null. */
void adb_json_str(FILE *out, const char *s);

#endif
