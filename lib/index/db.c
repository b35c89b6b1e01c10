/* db.c: connections to the index (their settings) and the small helpers
 * every part of lib/index runs SQL with. The schema check and migration on
 * open are open.c's. */
#include "index/db.h"
#include "base/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

int ax_db_err(char **err, const char *fmt, ...)
{
	if (!err)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	*err = ax_xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

int ax_db_exec(sqlite3 *db, const char *sql, char **err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	ax_db_err(err, "%s", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return -1;
}

int ax_db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char **err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	return ax_db_err(err, "%s", sqlite3_errmsg(db));
}

static int first_value(sqlite3 *db, const char *sql, sqlite3_stmt **st, char **err)
{
	if (ax_db_prepare(db, sql, st, err) < 0)
		return -1;
	int rc = sqlite3_step(*st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		ax_db_err(err, "no result from: %s", sql);
	else
		ax_db_err(err, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(*st);
	return -1;
}

int ax_db_int(sqlite3 *db, const char *sql, int64_t *out, char **err)
{
	sqlite3_stmt *st;
	if (first_value(db, sql, &st, err) < 0)
		return -1;
	*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

int ax_db_text(sqlite3 *db, const char *sql, char **out, char **err)
{
	sqlite3_stmt *st;
	if (first_value(db, sql, &st, err) < 0)
		return -1;
	const char *t = (const char *)sqlite3_column_text(st, 0);
	*out = ax_strdup(t ? t : "");
	sqlite3_finalize(st);
	return 0;
}

int ax_db_busy_timeout(void)
{
	const char *env = getenv("AX_DB_BUSY_TIMEOUT");
	long long ms = env ? ax_parse_count(env, 0, 3600 * 1000) : -1;
	return ms >= 0 ? (int)ms : AX_DB_BUSY_TIMEOUT_MS;
}

/* Is the file (or, if missing, its directory) on a read-only mount? */
static bool on_readonly_fs(const char *path)
{
	struct statvfs sv;
	if (statvfs(path, &sv) == 0)
		return sv.f_flag & ST_RDONLY;
	char *dir = ax_strdup(path), *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	bool ro = statvfs(slash ? (*dir ? dir : "/") : ".", &sv) == 0 && (sv.f_flag & ST_RDONLY);
	free(dir);
	return ro;
}

/* file:PATH?immutable=1, with PATH percent-encoded. */
static char *immutable_uri(const char *path)
{
	static const char keep[] = "/._-~";
	size_t n = strlen(path);
	char *uri = sqlite3_malloc64(n * 3 + 32), *o = uri;
	if (!uri)
		ax_die(AX_EXIT_INTERNAL, "out of memory");
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr(keep, *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	strcpy(o, "?immutable=1");
	return uri;
}

/* Switching a new file to WAL needs it to itself, and SQLite does not wait
 * for that through the busy handler: wait here, as long as it would. */
static int set_wal(sqlite3 *db, char **why)
{
	int waited = 0, timeout = ax_db_busy_timeout();
	for (;;) {
		int rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= timeout)
			return ax_db_err(why, "%s", sqlite3_errmsg(db));
		sqlite3_sleep(10);
		waited += 10;
	}
}

sqlite3 *ax_db_connect(const char *path, unsigned flags, char **err)
{
	int oflags = (flags & AX_DB_WRITE) ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
	if ((flags & AX_DB_WRITE) && (flags & AX_DB_CREATE))
		oflags |= SQLITE_OPEN_CREATE;
	char *uri = NULL;
	if (strcmp(path, ":memory:") != 0 && on_readonly_fs(path)) {
		if (flags & AX_DB_WRITE) {
			ax_db_err(err, "it is read-only (on a read-only file system)");
			return NULL;
		}
		/* A WAL index cannot be read where its -shm cannot be made,
		 * unless SQLite is told that nobody can change the file, which
		 * a read-only mount guarantees. */
		uri = immutable_uri(path);
		oflags |= SQLITE_OPEN_URI;
	}
	sqlite3 *db;
	int rc = sqlite3_open_v2(uri ? uri : path, &db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_free(uri);
	if (rc != SQLITE_OK) {
		ax_db_err(err, "%s", db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	/* Nothing a file holds is trusted before its schema is proven ax's own
	 * (objects.c, ax_db_trust_schema): no writes to the schema or to
	 * shadow tables, no functions or virtual tables used from its triggers
	 * and views, no extensions loaded. */
	if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) != SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL) != SQLITE_OK) {
		ax_db_err(err, "%s", sqlite3_errmsg(db));
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, ax_db_busy_timeout());
	/* WAL: readers never block on, or break, a writer. synchronous=NORMAL
	 * keeps WAL safe against a killed process (only power loss may drop
	 * the last commits). Reading the schema also proves it is SQLite. */
	int64_t n;
	char *why = NULL;
	if (ax_db_int(db, "SELECT count(*) FROM sqlite_schema", &n, &why) < 0 ||
	    ax_db_exec(db, "PRAGMA foreign_keys = ON", &why) < 0 ||
	    ((flags & AX_DB_WRITE) &&
	     (set_wal(db, &why) < 0 ||
	      ax_db_exec(db, "PRAGMA synchronous = NORMAL", &why) < 0))) {
		if ((sqlite3_errcode(db) & 0xff) == SQLITE_READONLY)
			ax_db_err(err, "it is read-only (file permissions or a read-only file system): %s", why);
		else
			ax_db_err(err, "%s", why);
		free(why);
		sqlite3_close(db);
		return NULL;
	}
	if ((flags & AX_DB_WRITE) && sqlite3_db_readonly(db, "main") == 1) {
		ax_db_err(err, "it is read-only (file permissions or a read-only file system)");
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

int ax_db_make_parent(const char *path)
{
	char *dir = ax_strdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0777) < 0 && errno != EEXIST)
			rc = -1;
	}
	free(dir);
	return rc;
}
