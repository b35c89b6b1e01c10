/* telemetry_store.c: ingest of the spool into telemetry.db (whose path,
 * schema and busy timeout telemetry_db.c owns), and its meta table. */
#include "telemetry/telemetry_store.h"
#include "base/cli.h"
#include "base/readall.h"
#include "telemetry/telemetry.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int64_t ax_tel_meta_get(sqlite3 *db, const char *key, int64_t dflt)
{
	sqlite3_stmt *st = ax_tel_db_prepare(db, "SELECT value FROM meta WHERE key = ?1");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : dflt;
	sqlite3_finalize(st);
	return v;
}

void ax_tel_meta_set(sqlite3 *db, const char *key, int64_t value)
{
	sqlite3_stmt *st = ax_tel_db_prepare(db, "INSERT INTO meta(key, value) VALUES(?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, value);
	if (sqlite3_step(st) != SQLITE_DONE)
		ax_die(AX_EXIT_INTERNAL, "telemetry database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

/* errors, counts and variants as the JSON texts of their columns. */
static char *json_text(json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(v);
	if (!s)
		ax_die(AX_EXIT_INTERNAL, "out of memory");
	return s;
}

static void bind_event(sqlite3_stmt *st, const struct ax_tel_event *e)
{
	json_t *errors = json_array(), *counts = json_object(), *variants = json_object();
	for (int i = 0; i < e->n_errors; i++)
		json_array_append_new(errors, json_string(e->errors[i]));
	for (int i = 0; i < AX_TEL_NCOUNTS; i++)
		if (e->has_count[i])
			json_object_set_new(counts, ax_tel_count_names[i], json_integer((json_int_t)e->counts[i]));
	for (int i = 0; i < e->n_variants; i++)
		json_object_set_new(variants, e->flag[i], json_string(e->variant[i]));
	sqlite3_bind_text(st, 1, e->uid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, e->time);
	sqlite3_bind_text(st, 3, e->session, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, e->install, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, e->tool, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, e->version, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, e->os, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, e->arch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(st, 9, e->duration_ms);
	sqlite3_bind_int(st, 10, e->exit);
	sqlite3_bind_text(st, 11, json_text(errors), -1, free);
	sqlite3_bind_text(st, 12, json_text(counts), -1, free);
	sqlite3_bind_text(st, 13, json_text(variants), -1, free);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	/* The barrier of telemetry_spool.c: a writer still holding its shared
	 * lock finishes its write before we read; later ones see the rename. */
	flock(fd, LOCK_EX);
	flock(fd, LOCK_UN);
	char *buf = NULL;
	if (ax_read_fd(fd, SIZE_MAX, &buf, len) != 0)
		buf = NULL;
	close(fd);
	return (unsigned char *)buf;
}

/* One spool file into the database, in one transaction. */
static int ingest_file(sqlite3 *db, const char *path, struct ax_tel_ingest_stats *stats)
{
	size_t len;
	unsigned char *data = slurp(path, &len);
	if (!data) {
		ax_error("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	ax_tel_db_exec(db, "BEGIN IMMEDIATE");
	sqlite3_stmt *st = ax_tel_db_prepare(db,
		"INSERT OR IGNORE INTO events(uid, time, session, install, tool, version, os, arch,"
		" duration_ms, exit, errors, counts, variants)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	struct ax_tel_frames fr;
	struct ax_tel_event e;
	ax_tel_frames_init(&fr, data, len);
	while (ax_tel_frames_next(&fr, &e)) {
		bind_event(st, &e);
		if (sqlite3_step(st) != SQLITE_DONE)
			ax_die(AX_EXIT_INTERNAL, "telemetry database: %s", sqlite3_errmsg(db));
		if (sqlite3_changes(db))
			stats->added++;
		else
			stats->duplicates++;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	free(data);
	stats->corrupt += fr.corrupt;
	ax_tel_meta_set(db, "corrupt_skipped", ax_tel_meta_get(db, "corrupt_skipped", 0) + (int64_t)fr.corrupt);
	ax_tel_db_exec(db, "COMMIT");
	/* Only now may the file go: if we die before this line, the next
	 * ingest reads it again and the uids turn its events into duplicates. */
	if (unlink(path) != 0 && errno != ENOENT) {
		ax_error("cannot remove %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Old events become daily totals, then go. */
static void apply_retention(sqlite3 *db, int days, struct ax_tel_ingest_stats *stats)
{
	int64_t cutoff = (int64_t)time(NULL) - (int64_t)days * 86400;
	ax_tel_db_exec(db, "BEGIN IMMEDIATE");
	sqlite3_stmt *st = ax_tel_db_prepare(db,
		"INSERT INTO daily(day, tool, version, runs, failures, duration_ms_sum)"
		" SELECT time / 86400 * 86400, tool, version, count(*), sum(exit != 0), sum(duration_ms)"
		" FROM events WHERE time < ?1 GROUP BY 1, 2, 3"
		" ON CONFLICT(day, tool, version) DO UPDATE SET runs = runs + excluded.runs,"
		" failures = failures + excluded.failures,"
		" duration_ms_sum = duration_ms_sum + excluded.duration_ms_sum");
	sqlite3_bind_int64(st, 1, cutoff);
	if (sqlite3_step(st) != SQLITE_DONE)
		ax_die(AX_EXIT_INTERNAL, "telemetry database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	st = ax_tel_db_prepare(db, "DELETE FROM events WHERE time < ?1");
	sqlite3_bind_int64(st, 1, cutoff);
	if (sqlite3_step(st) != SQLITE_DONE)
		ax_die(AX_EXIT_INTERNAL, "telemetry database: %s", sqlite3_errmsg(db));
	stats->pruned += (size_t)sqlite3_changes(db);
	sqlite3_finalize(st);
	ax_tel_db_exec(db, "COMMIT");
}

int ax_tel_ingest(const char *dir, sqlite3 *db, int retention_days, struct ax_tel_ingest_stats *stats)
{
	memset(stats, 0, sizeof *stats);
	char *lock_path = ax_tel_path(dir, "ingest.lock");
	char *spool = ax_tel_path(dir, AX_TEL_SPOOL);
	char *taken = ax_tel_path(dir, AX_TEL_SPOOL ".ingesting");
	int rc = 0;
	/* One ingest at a time; the spool itself needs no lock to be renamed. */
	int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX) != 0) {
		ax_error("cannot lock %s: %s", lock_path, strerror(errno));
		rc = -1;
	}
	while (rc == 0) {
		struct stat sb;
		if (stat(taken, &sb) == 0)
			rc = ingest_file(db, taken, stats);   /* left by an ingest that was cut short */
		else if (rename(spool, taken) != 0) {
			if (errno != ENOENT) {                /* ENOENT: no spool, done */
				ax_error("cannot take %s: %s", spool, strerror(errno));
				rc = -1;
			}
			break;
		}
	}
	if (rc == 0)
		apply_retention(db, retention_days, stats);
	if (lock >= 0)
		close(lock);
	free(lock_path);
	free(spool);
	free(taken);
	return rc;
}

static bool exists_in(const char *dir, const char *name)
{
	char *p = ax_tel_path(dir, name);
	bool ok = p && access(p, F_OK) == 0;
	free(p);
	return ok;
}

sqlite3 *ax_tel_open_ingested(const char *dir, int retention_days, struct ax_tel_ingest_stats *st)
{
	memset(st, 0, sizeof *st);
	/* Nothing on disk yet: no reason to create anything. */
	if (!exists_in(dir, AX_TEL_SPOOL) && !exists_in(dir, AX_TEL_SPOOL ".ingesting") && !exists_in(dir, AX_TEL_DB))
		return NULL;
	sqlite3 *db = ax_tel_db_open(dir, true);
	if (ax_tel_ingest(dir, db, retention_days, st) != 0)
		ax_exit(AX_EXIT_INTERNAL);
	return db;
}
