/* merge.c: shard indexes (from ax-scan --shard I/N fan-out) into one.
 *
 * All in SQL over an ATTACHed shard: a temp map from the shard's file ids
 * to the target's decides which files are copied, and symbols keep their
 * relative ids (shifted past the target's largest) so that parent links
 * need no map of their own. */
#include "merge.h"
#include "base/cli.h"
#include "index/db.h"
#include "load.h"
#include "index/migrate.h"
#include "base/pathcheck.h"

#include <stdio.h>
#include <stdlib.h>

static const char merge_sql[] =
	"CREATE TEMP TABLE fmap(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);\n"
	"CREATE TEMP TABLE fnew(old INTEGER PRIMARY KEY);\n"
	/* Changed files keep the target's id: imports resolved to them stay. */
	"INSERT INTO temp.fmap(old, new)\n"
	"  SELECT s.id, f.id FROM shard.files s JOIN main.files f ON f.path = s.path\n"
	"  WHERE f.hash != s.hash;\n"
	"DELETE FROM main.symbols WHERE file_id IN (SELECT new FROM temp.fmap);\n"
	"DELETE FROM main.imports WHERE file_id IN (SELECT new FROM temp.fmap);\n"
	"DELETE FROM main.refs WHERE file_id IN (SELECT new FROM temp.fmap);\n"
	"DELETE FROM main.errors WHERE file_id IN (SELECT new FROM temp.fmap);\n"
	"UPDATE main.files SET (lang, size, mtime, hash, nsyms, nerrors, minified, truncated, indexed_at) =\n"
	"  (SELECT s.lang, s.size, s.mtime, s.hash, s.nsyms, s.nerrors, s.minified, s.truncated, s.indexed_at\n"
	"   FROM shard.files s JOIN temp.fmap m ON m.old = s.id WHERE m.new = main.files.id)\n"
	"  WHERE id IN (SELECT new FROM temp.fmap);\n"
	"INSERT INTO temp.fnew(old)\n"
	"  SELECT s.id FROM shard.files s WHERE NOT EXISTS (SELECT 1 FROM main.files f WHERE f.path = s.path);\n"
	"INSERT INTO main.files(path, lang, size, mtime, hash, path_words, nsyms, nerrors, minified, truncated, indexed_at)\n"
	"  SELECT path, lang, size, mtime, hash, path_words, nsyms, nerrors, minified, truncated, indexed_at\n"
	"  FROM shard.files WHERE id IN (SELECT old FROM temp.fnew);\n"
	"INSERT INTO temp.fmap(old, new)\n"
	"  SELECT s.id, f.id FROM shard.files s JOIN main.files f ON f.path = s.path\n"
	"  WHERE s.id IN (SELECT old FROM temp.fnew);\n"
	"INSERT INTO main.symbols(id, file_id, parent_id, name, name_words, kind, line, col, end_line, end_col, signature, doc)\n"
	"  SELECT s.id + b.base, m.new, s.parent_id + b.base, s.name, s.name_words, s.kind, s.line, s.col,\n"
	"         s.end_line, s.end_col, s.signature, s.doc\n"
	"  FROM shard.symbols s JOIN temp.fmap m ON m.old = s.file_id,\n"
	"       (SELECT coalesce((SELECT max(id) FROM main.symbols), 0)\n"
	"               - coalesce((SELECT min(id) FROM shard.symbols), 1) + 1 AS base) b\n"
	"  ORDER BY s.id;\n"
	"INSERT INTO main.imports(file_id, raw, kind, line)\n"
	"  SELECT m.new, i.raw, i.kind, i.line FROM shard.imports i JOIN temp.fmap m ON m.old = i.file_id;\n"
	"INSERT INTO main.refs(file_id, name, kind, line, col)\n"
	"  SELECT m.new, r.name, r.kind, r.line, r.col FROM shard.refs r JOIN temp.fmap m ON m.old = r.file_id;\n"
	"INSERT INTO main.errors(file_id, path, stage, code, msg)\n"
	"  SELECT m.new, e.path, e.stage, e.code, e.msg FROM shard.errors e JOIN temp.fmap m ON m.old = e.file_id;\n";

static void sql_or_die(sqlite3 *db, const char *sql, const char *what)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		ax_die(AX_EXIT_INTERNAL, "%s: %s", what, msg ? msg : sqlite3_errmsg(db));
}

static int64_t count(sqlite3 *db, const char *sql)
{
	int64_t n = 0;
	char *err = NULL;
	if (ax_db_int(db, sql, &n, &err) < 0)
		ax_die(AX_EXIT_INTERNAL, "%s", err);
	return n;
}

/* A shard must be an ax index at the target's schema version, holding
 * no schema object the migrations do not create (lib/index/objects.c). */
static void check_shard(sqlite3 *db, const char *path)
{
	int64_t app = count(db, "PRAGMA shard.application_id");
	int64_t ver = count(db, "PRAGMA shard.user_version");
	int64_t want = count(db, "PRAGMA main.user_version");
	if (app != AX_DB_APPLICATION_ID)
		ax_die(AX_EXIT_USAGE, "%s: not an ax index", path);
	if (ver != want)
		ax_die(AX_EXIT_USAGE, "%s: schema version %lld, the index has %lld: run 'ax db migrate' on both",
		       path, (long long)ver, (long long)want);
	char *err = NULL;
	if (ax_db_trust_schema(db, "shard", (int)ver, &err) < 0)
		ax_die(AX_EXIT_USAGE, "%s: shard %s", path, err);
}

/* Every path a shard would bring must keep the rule of docs/stream.md
 * ("Paths"): one that does not refuses the whole shard. */
static void check_shard_paths(sqlite3 *db, const char *path)
{
	sqlite3_stmt *st;
	char *err = NULL;
	if (ax_db_prepare(db, "SELECT path FROM shard.files UNION ALL "
			  "SELECT path FROM shard.errors WHERE path IS NOT NULL", &st, &err) < 0)
		ax_die(AX_EXIT_USAGE, "%s: %s", path, err);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		const char *why = ax_path_check(p, n);
		if (why) {
			char shown[200];
			ax_die(AX_EXIT_USAGE, "%s: shard refused: path \"%s\": %s (docs/stream.md)", path,
			       ax_path_shown(p ? p : "", p ? n : 0, shown, sizeof shown), why);
		}
	}
	sqlite3_finalize(st);
}

void merge_indexes(sqlite3 *db, const char *const *shards, int n, bool dry_run, bool quiet)
{
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *st;
		/* Untrusted until check_shard() has seen its schema. */
		if (sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(db, "ATTACH ?1 AS shard", -1, &st, NULL) != SQLITE_OK)
			loader_db_die(db, "ATTACH");
		sqlite3_bind_text(st, 1, shards[i], -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			ax_die(AX_EXIT_USAGE, "cannot open %s: %s", shards[i], sqlite3_errmsg(db));
		check_shard(db, shards[i]);
		check_shard_paths(db, shards[i]);

		sql_or_die(db, "BEGIN IMMEDIATE", "BEGIN");
		sql_or_die(db, merge_sql, shards[i]);
		/* New files: imports are resolved again (lib/resolve/resolve.h). */
		sql_or_die(db, "DELETE FROM meta WHERE key = 'graph.current'", shards[i]);
		int64_t total = count(db, "SELECT count(*) FROM shard.files");
		int64_t mapped = count(db, "SELECT count(*) FROM temp.fmap");
		int64_t added = count(db, "SELECT count(*) FROM temp.fnew");
		sql_or_die(db, "DROP TABLE temp.fmap; DROP TABLE temp.fnew", "cleaning up");
		sql_or_die(db, dry_run ? "ROLLBACK" : "COMMIT", "COMMIT");
		sql_or_die(db, "DETACH shard", "DETACH");
		if (!quiet)
			fprintf(stderr, "%s: %s: %s%lld added, %lld changed, %lld unchanged\n",
				ax_progname, shards[i], dry_run ? "dry run, would be: " : "",
				(long long)added, (long long)(mapped - added), (long long)(total - mapped));
	}
}
