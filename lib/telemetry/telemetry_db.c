/* telemetry_db.c: the telemetry store's path, schema and busy timeout. */
#include "telemetry/telemetry_db.h"
#include "telemetry/telemetry.h"
#include "base/cli.h"
#include "base/state.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ax-telemetry ingest holds the write lock for a transaction at a time;
 * every reader and writer waits this long for it. */
#define BUSY_MS 5000

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS events("
	" id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, time INTEGER NOT NULL,"
	" session TEXT NOT NULL, install TEXT NOT NULL,"
	" tool TEXT NOT NULL, version TEXT NOT NULL, os TEXT NOT NULL, arch TEXT NOT NULL,"
	" duration_ms REAL NOT NULL, exit INTEGER NOT NULL,"
	" errors TEXT NOT NULL DEFAULT '[]', counts TEXT NOT NULL DEFAULT '{}',"
	" variants TEXT NOT NULL DEFAULT '{}');"
	"CREATE INDEX IF NOT EXISTS events_time ON events(time);"
	"CREATE INDEX IF NOT EXISTS events_tool ON events(tool, version);"
	/* What retention leaves of old events: runs per day, tool and version. */
	"CREATE TABLE IF NOT EXISTS daily(day INTEGER NOT NULL, tool TEXT NOT NULL,"
	" version TEXT NOT NULL, runs INTEGER NOT NULL, failures INTEGER NOT NULL,"
	" duration_ms_sum REAL NOT NULL, PRIMARY KEY(day, tool, version));"
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
	/* Every upload attempt, with the exact JSON that was (or would have been) sent. */
	"CREATE TABLE IF NOT EXISTS uploads(id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
	" endpoint TEXT NOT NULL, outcome TEXT NOT NULL, http_status INTEGER NOT NULL,"
	" attempts INTEGER NOT NULL, through_event INTEGER NOT NULL, payload TEXT NOT NULL);";

void ax_tel_db_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		ax_die(AX_EXIT_INTERNAL, "telemetry database: %s", err ? err : sqlite3_errmsg(db));
}

sqlite3_stmt *ax_tel_db_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		ax_die(AX_EXIT_INTERNAL, "telemetry database: %s", sqlite3_errmsg(db));
	return st;
}

sqlite3 *ax_tel_db_open(const char *dir, bool create)
{
	char *path = ax_tel_path(dir, AX_TEL_DB);
	struct stat sb;
	int exists = stat(path, &sb) == 0;
	if (create && !exists && ax_mkdirs(dir) != 0)
		ax_die(AX_EXIT_INTERNAL, "cannot create %s: %s", dir, strerror(errno));
	sqlite3 *db;
	const char *name = create || exists ? path : ":memory:";
	if (sqlite3_open_v2(name, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		ax_die(AX_EXIT_INTERNAL, "cannot open %s: %s", path, sqlite3_errmsg(db));
	if (create && !exists)
		chmod(path, 0600);
	sqlite3_busy_timeout(db, BUSY_MS);
	ax_tel_db_exec(db, "PRAGMA journal_mode=WAL;");
	ax_tel_db_exec(db, schema);
	free(path);
	return db;
}

sqlite3 *ax_tel_db_open_readonly(const char *dir)
{
	char *path = ax_tel_path(dir, AX_TEL_DB);
	sqlite3 *db = NULL;
	if (access(path, F_OK) == 0) {
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
			ax_die(AX_EXIT_USAGE, "cannot open %s: %s", path, sqlite3_errmsg(db));
		sqlite3_busy_timeout(db, BUSY_MS);
	}
	free(path);
	return db;
}
