/* copy.c: ax-db backup and ax-db restore. */
#include "adb.h"
#include "index/backup.h"
#include "base/cli.h"
#include "index/db.h"
#include "index/migrate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long long elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000LL + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* One line, or one JSON object: what was copied where, and how fast.
 * `saved` (restore only) is where the replaced index went, or NULL. */
static void report(const struct adb_opts *o, const char *path, const char *backup,
		   const char *restored_from, const char *saved, long long ms)
{
	struct stat st;
	long long size = stat(backup ? backup : path, &st) == 0 ? (long long)st.st_size : -1;
	if (o->json) {
		fputs("{\"db\":", stdout);
		adb_json_str(stdout, path);
		fputs(",\"backup\":", stdout);
		adb_json_str(stdout, backup);
		fputs(",\"restored_from\":", stdout);
		adb_json_str(stdout, restored_from);
		fputs(",\"replaced_kept_as\":", stdout);
		adb_json_str(stdout, saved);
		fprintf(stdout, ",\"size\":%lld,\"ms\":%lld}\n", size, ms);
	} else if (backup) {
		printf("%s: backed up to %s (%lld bytes) in %lld ms\n", path, backup, size, ms);
	} else {
		printf("%s: restored from %s (%lld bytes) in %lld ms", path, restored_from, size, ms);
		if (saved)
			printf("; the replaced index is kept as %s", saved);
		putchar('\n');
	}
}

int adb_backup(const struct adb_opts *o)
{
	char *path = adb_index_path(o, false);
	sqlite3 *db = adb_connect(path, AX_DB_READ);
	char *err = NULL;
	int v = ax_schema_version(db, &err);
	if (v < 0)
		ax_die(AX_EXIT_USAGE, "cannot back up %s: %s", path, err);
	char *dest;
	if (o->argc) {
		dest = ax_strdup(o->argv[0]);
		if (access(dest, F_OK) == 0)
			ax_die(AX_EXIT_USAGE, "cannot back up to %s: it exists (ax-db never overwrites a file)", dest);
	} else {
		char *dir = ax_backup_dir(path);
		if (mkdir(dir, 0777) < 0 && errno != EEXIST)
			ax_die(AX_EXIT_USAGE, "cannot create backup directory %s: %s", dir, strerror(errno));
		free(dir);
		/* Manual backups are never removed by the rotation. */
		dest = ax_backup_name(path, v, "manual");
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (ax_backup_write(db, dest, &err) < 0)
		ax_die(AX_EXIT_INTERNAL, "%s", err);
	report(o, path, dest, NULL, NULL, elapsed_ms(&t0));
	sqlite3_close(db);
	free(dest);
	free(path);
	return AX_EXIT_OK;
}

int adb_restore(const struct adb_opts *o)
{
	/* The index may be missing: restoring is how one gets it back. */
	char *path = adb_index_path(o, true);
	char *src;
	if (o->argc) {
		src = ax_strdup(o->argv[0]);
	} else {
		char **list;
		size_t n;
		ax_backup_list(path, &list, &n);
		if (!n)
			ax_die(AX_EXIT_USAGE, "no backup of %s to restore (give a PATH)", path);
		src = ax_strdup(list[n - 1]);
		ax_backup_list_free(list, n);
	}
	if (access(src, R_OK) < 0)
		ax_die(AX_EXIT_USAGE, "cannot restore from %s: %s", src, strerror(errno));
	char *dir = ax_strdup(path), *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (access(dir, F_OK) < 0 && ax_db_make_parent(path) < 0)
			ax_die(AX_EXIT_USAGE, "cannot create %s: %s", dir, strerror(errno));
	}
	free(dir);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char *saved = NULL, *err = NULL;
	if (ax_restore(src, path, &ax_migrations, &saved, &err) < 0)
		ax_die(AX_EXIT_USAGE, "refusing to restore: %s", err);
	report(o, path, NULL, src, saved, elapsed_ms(&t0));
	free(saved);
	free(src);
	free(path);
	return AX_EXIT_OK;
}
