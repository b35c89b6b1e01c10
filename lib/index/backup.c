/* backup.c: online backups, their rotation, validation and restore. */
#include "index/backup.h"
#include "base/cmp.h"
#include "base/cli.h"
#include "index/db.h"
#include "index/replace.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ax_strdup(".");
	if (slash == path)
		return ax_strdup("/");
	return ax_strndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *ax_backup_dir(const char *db_path)
{
	const char *env = getenv("AX_DB_BACKUP_DIR");
	if (env && *env)
		return ax_strdup(env);
	char *dir = dir_of(db_path), *out;
	out = ax_xasprintf("%s/backups", dir);
	free(dir);
	return out;
}

int ax_backup_keep(char **err)
{
	const char *env = getenv("AX_DB_KEEP_BACKUPS");
	if (!env || !*env)
		return AX_DB_KEEP_BACKUPS_DEFAULT;
	long long k = ax_parse_count(env, 0, 1000000);
	if (k < 0)
		return ax_db_err(err, "AX_DB_KEEP_BACKUPS is not a count: '%s'", env);
	return (int)k;
}

/* rename() that never replaces an existing file. */
static int rename_new(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (link(from, to) < 0)
		return -1;
	return unlink(from);
}

int ax_backup_check_mode(const char **mode, char **err)
{
	const char *env = getenv("AX_DB_BACKUP_CHECK");
	*mode = env && *env ? env : "quick";
	if (strcmp(*mode, "full") != 0 && strcmp(*mode, "quick") != 0)
		return ax_db_err(err, "AX_DB_BACKUP_CHECK must be 'full' or 'quick', not '%s'", env);
	return 0;
}

/* The first few problems tell enough. */
static int check_integrity(sqlite3 *db, const char *what, bool quick, char **err)
{
	char *res = NULL;
	if (ax_db_text(db, quick ? "PRAGMA quick_check(5)" : "PRAGMA integrity_check(5)", &res, err) < 0)
		return -1;
	int rc = strcmp(res, "ok") == 0 ? 0 : ax_db_err(err, "%s fails integrity_check: %s", what, res);
	free(res);
	return rc;
}

static int copy_into(sqlite3 *src, sqlite3 *dst, char **err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return ax_db_err(err, "%s", sqlite3_errmsg(dst));
	/* One step: a single read transaction on the source gives one
	 * consistent snapshot, and in WAL mode a writer is never held up.
	 * A lock held elsewhere is waited for as long as the busy timeout. */
	int rc, waited = 0;
	while (((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	       waited < ax_db_busy_timeout()) {
		sqlite3_sleep(20);
		waited += 20;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return ax_db_err(err, "%s", sqlite3_errstr(rc));
	return 0;
}

int ax_backup_write(sqlite3 *db, const char *dest, char **err)
{
	const char *mode;
	if (ax_backup_check_mode(&mode, err) < 0)
		return -1;
	char *tmp = ax_xasprintf("%s.tmp.%ld", dest, (long)getpid());
	unlink(tmp);
	sqlite3 *t = NULL;
	int rc = -1;
	char *why = NULL;
	if (sqlite3_open_v2(tmp, &t, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		ax_db_err(&why, "%s", t ? sqlite3_errmsg(t) : "out of memory");
		goto out;
	}
	/* A backup is one self-contained file: no -wal beside it. The copy
	 * is a temporary file, synced once whole before its rename: SQLite's
	 * own syncs of it would only be repeated. */
	if (ax_db_exec(t, "PRAGMA synchronous = OFF", &why) < 0 || copy_into(db, t, &why) < 0 ||
	    ax_db_exec(t, "PRAGMA journal_mode = DELETE", &why) < 0 ||
	    check_integrity(t, "the copy", strcmp(mode, "quick") == 0, &why) < 0)
		goto out;
	if (sqlite3_close(t) != SQLITE_OK) {
		ax_db_err(&why, "closing: %s", sqlite3_errmsg(t));
		goto out;
	}
	t = NULL;
	char *dir = dir_of(dest);
	if (ax_sync_path(tmp, O_RDONLY) < 0 || rename_new(tmp, dest) < 0 || ax_sync_path(dir, O_RDONLY | O_DIRECTORY) < 0) {
		ax_db_err(&why, "%s", strerror(errno));
		free(dir);
		goto out;
	}
	free(dir);
	rc = 0;
out:
	if (t)
		sqlite3_close(t);
	if (rc < 0) {
		unlink(tmp);
		ax_db_err(err, "cannot back up to %s: %s", dest, why);
		free(why);
	}
	free(tmp);
	return rc;
}

char *ax_backup_name(const char *db_path, int version, const char *reason)
{
	char *dir = ax_backup_dir(db_path), *out = NULL;
	for (;;) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		struct tm tm;
		gmtime_r(&ts.tv_sec, &tm);
		char stamp[32];
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
		/* The pid keeps two processes backing up in the same
		 * millisecond (two migrates at once) apart. */
		out = ax_xasprintf("%s/%s.%s%03ldZ-%ld.v%d.%s.db", dir, base_of(db_path), stamp,
			     ts.tv_nsec / 1000000, (long)getpid(), version, reason);
		if (access(out, F_OK) < 0)
			break;
		free(out);
		sqlite3_sleep(2);
	}
	free(dir);
	return out;
}

/* A name of ours: <base>.<stamp>.v<N>.<reason>.db, or a leftover
 * temporary file <that>.tmp.<pid>. */
static bool is_backup_of(const char *name, const char *base)
{
	size_t bl = strlen(base), nl = strlen(name);
	return nl > bl + 1 && strncmp(name, base, bl) == 0 && name[bl] == '.' &&
	       nl > 3 && strcmp(name + nl - 3, ".db") == 0 && !strstr(name + bl, ".tmp.");
}

void ax_backup_list(const char *db_path, char ***paths, size_t *n)
{
	*paths = NULL;
	*n = 0;
	char *dir = ax_backup_dir(db_path);
	DIR *d = opendir(dir);
	if (!d) {
		free(dir);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_backup_of(e->d_name, base_of(db_path)))
			continue;
		*paths = ax_realloc(*paths, (*n + 1) * sizeof **paths);
		(*paths)[(*n)++] = ax_xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	free(dir);
	/* The time stamp follows the index name: name order is time order. */
	qsort(*paths, *n, sizeof **paths, ax_cmp_strp);
}

void ax_backup_list_free(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

/* Temporary files left by a killed backup or restore: <prefix>.<pid>
 * where the process is gone. */
static void remove_stale(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t pl = strlen(prefix);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, pl) != 0)
			continue;
		long long pid = ax_parse_count(e->d_name + pl, 1, 1LL << 31);
		if (pid > 0 && kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
			char *p = ax_xasprintf("%s/%s", dir, e->d_name);
			unlink(p);
			free(p);
		}
	}
	closedir(d);
}

static void prune(const char *db_path, int keep)
{
	char **paths;
	size_t n, automatic = 0;
	ax_backup_list(db_path, &paths, &n);
	for (size_t i = 0; i < n; i++)
		automatic += !strstr(base_of(paths[i]), ".manual.db");
	for (size_t i = 0; i < n && automatic > (size_t)keep; i++) {
		if (strstr(base_of(paths[i]), ".manual.db"))
			continue;
		unlink(paths[i]);
		automatic--;
	}
	ax_backup_list_free(paths, n);
}

static void clean_backup_dir(const char *db_path)
{
	char *dir = ax_backup_dir(db_path);
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			char *tmp = strstr(e->d_name, ".db.tmp.");
			if (!tmp)
				continue;
			char *prefix = ax_strndup(e->d_name, (size_t)(tmp - e->d_name) + 8);
			remove_stale(dir, prefix);
			free(prefix);
		}
		closedir(d);
	}
	free(dir);
}

char *ax_backup_auto(sqlite3 *db, const char *db_path, const char *reason, char **err)
{
	int keep = ax_backup_keep(err);
	if (keep < 0)
		return NULL;
	int v = ax_schema_version(db, err);
	if (v < 0)
		return NULL;
	char *dir = ax_backup_dir(db_path);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		ax_db_err(err, "cannot create backup directory %s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	free(dir);
	clean_backup_dir(db_path);
	char *dest = ax_backup_name(db_path, v, reason);
	if (ax_backup_write(db, dest, err) < 0) {
		free(dest);
		return NULL;
	}
	/* The newest automatic backup always stays, whatever the count. */
	prune(db_path, keep > 0 ? keep : 1);
	return dest;
}

/* The 100-byte SQLite header: magic, page size, and the page count
 * (when the header vouches for it), against the file's real size. */
static int check_header(const char *path, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ax_db_err(err, "cannot open %s: %s", path, strerror(errno));
	unsigned char h[100];
	ssize_t got = read(fd, h, sizeof h);
	struct stat st;
	int rc = fstat(fd, &st);
	close(fd);
	if (rc < 0 || got < 0)
		return ax_db_err(err, "cannot read %s: %s", path, strerror(errno));
	if (got < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return ax_db_err(err, "%s is not an SQLite database", path);
	unsigned page = (unsigned)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || (page & (page - 1)))
		return ax_db_err(err, "%s has a damaged SQLite header (page size %u)", path, page);
	uint32_t pages = (uint32_t)h[28] << 24 | (uint32_t)h[29] << 16 | (uint32_t)h[30] << 8 | h[31];
	bool count_valid = memcmp(h + 24, h + 92, 4) == 0 && pages > 0;
	if (count_valid && (uint64_t)st.st_size < (uint64_t)pages * page)
		return ax_db_err(err, "%s is truncated: %llu bytes, its header says %llu", path,
				 (unsigned long long)st.st_size, (unsigned long long)pages * page);
	if (st.st_size % page)
		return ax_db_err(err, "%s is truncated: %llu bytes is not a whole number of %u-byte pages",
				 path, (unsigned long long)st.st_size, page);
	return 0;
}

/* Is `path` a whole ax index this binary can use? SQLite header, the
 * integrity check (ax_backup_check_mode), application_id, a schema version
 * the list knows, and history checksums equal to the list's. Returns its
 * version, or -1 with *err saying why not. Messages name `label`: the file the user gave, not
 * our copy of it. `checked`: ax_backup_write() has just run the integrity
 * check. */
static int validate_as(const char *path, const char *label, bool checked,
		       const struct ax_migration_list *l, char **err)
{
	if (check_header(path, err) < 0)
		return -1;
	char *why = NULL;
	sqlite3 *db = ax_db_connect(path, AX_DB_READ, &why);
	if (!db) {
		ax_db_err(err, "cannot open %s: %s", path, why);
		free(why);
		return -1;
	}
	int v = ax_schema_version(db, &why);
	struct ax_history h = { 0 };
	struct ax_history_check hc = { 0 };
	if (v < 0)
		goto bad;
	if ((size_t)v > l->n) {
		ax_db_err(&why, "it was made by a newer ax (schema version %d; this ax knows up to %zu)", v, l->n);
		goto bad;
	}
	if ((!checked && check_integrity(db, "it", false, &why) < 0) || ax_history_read(db, &h, &why) < 0)
		goto bad;
	if (h.n != (size_t)v || (v > 0 && h.rows[h.n - 1].version != v)) {
		ax_db_err(&why, "its history (%zu migrations) does not match its version %d", h.n, v);
		goto bad;
	}
	ax_history_check(&h, l, &hc);
	if (hc.nproblems) {
		ax_db_err(&why, "its migration history differs from this ax: %s", hc.problems[0]);
		goto bad;
	}
	if (ax_db_trust_schema(db, "main", v, &why) < 0)
		goto bad;
	ax_history_free(&h);
	sqlite3_close(db);
	return v;
bad:
	ax_history_check_free(&hc);
	ax_history_free(&h);
	sqlite3_close(db);
	ax_db_err(err, "%s: %s", label, why);
	free(why);
	return -1;
}

/* Make the index at db_path one self-contained file that nobody else has
 * open, and hold it so until the caller closes the connection. */
static sqlite3 *take_over(const char *db_path, char **err)
{
	char *why = NULL;
	sqlite3 *db = ax_db_connect(db_path, AX_DB_WRITE, &why);
	if (!db) {
		ax_db_err(err, "cannot open %s: %s", db_path, why);
		free(why);
		return NULL;
	}
	/* Leaving WAL mode needs the only connection: the proof that no
	 * reader or loader has the file open. */
	char *mode = NULL;
	bool busy;
	if (ax_db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", &why) < 0 ||
	    ax_db_text(db, "PRAGMA journal_mode = DELETE", &mode, &why) < 0)
		busy = (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY;
	else
		busy = strcmp(mode, "delete") != 0;
	free(mode);
	if (busy) {
		free(why);
		why = NULL;
		ax_db_err(&why, "it is in use by another process (stop readers and loaders, then retry)");
	}
	if (why)
		goto bad;
	if (ax_db_exec(db, "PRAGMA locking_mode = EXCLUSIVE", &why) < 0 ||
	    ax_db_exec(db, "BEGIN EXCLUSIVE", &why) < 0)
		goto bad;
	return db;
bad:
	sqlite3_close(db);
	ax_db_err(err, "cannot replace %s: %s", db_path, why);
	free(why);
	return NULL;
}

/* A byte copy of `from` as the new file `to` (via a temporary name).
 * Only for a file nobody can write meanwhile. */
static int copy_file(const char *from, const char *to, char **err)
{
	char *tmp = ax_xasprintf("%s.tmp.%ld", to, (long)getpid());
	errno = 0;
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
	if (in >= 0)
		out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out >= 0) {
		char buf[1 << 16];
		ssize_t n;
		while ((n = read(in, buf, sizeof buf)) > 0)
			if (write(out, buf, (size_t)n) != n) {
				n = -1;
				break;
			}
		if (n == 0 && fsync(out) == 0 && close(out) == 0) {
			out = -1;
			rc = rename_new(tmp, to);
		}
	}
	if (rc < 0) {
		ax_db_err(err, "cannot copy %s to %s: %s", from, to, errno ? strerror(errno) : "short write");
		unlink(tmp);
	}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	free(tmp);
	return rc;
}

/* Keep the index being replaced: a hard link costs nothing; another file
 * system for the backups means a copy (of a file we hold exclusively). */
static char *keep_replaced(sqlite3 *db, const char *db_path, char **err)
{
	int v = ax_schema_version(db, err);
	if (v < 0)
		return NULL;
	char *dir = ax_backup_dir(db_path);
	int made = mkdir(dir, 0777);
	if (made < 0 && errno != EEXIST) {
		ax_db_err(err, "cannot create backup directory %s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	char *saved = ax_backup_name(db_path, v, "restore");
	if (link(db_path, saved) == 0 && ax_sync_path(dir, O_RDONLY | O_DIRECTORY) == 0) {
		free(dir);
		return saved;
	}
	free(dir);
	if (errno != EXDEV && errno != EPERM) {
		ax_db_err(err, "cannot keep %s as %s: %s", db_path, saved, strerror(errno));
		free(saved);
		return NULL;
	}
	if (copy_file(db_path, saved, err) < 0) {
		free(saved);
		return NULL;
	}
	return saved;
}

int ax_restore(const char *src, const char *db_path, const struct ax_migration_list *l,
	       char **saved, char **err)
{
	*saved = NULL;
	if (check_header(src, err) < 0)
		return -1;
	char *dir = dir_of(db_path), *prefix, *tmp;
	prefix = ax_xasprintf("%s.restore.", base_of(db_path));
	tmp = ax_xasprintf("%s/%s%ld", dir, prefix, (long)getpid());
	remove_stale(dir, prefix);
	free(prefix);

	int rc = -1;
	char *why = NULL;
	sqlite3 *from = ax_db_connect(src, AX_DB_READ, &why), *live = NULL;
	if (!from) {
		ax_db_err(err, "cannot open %s: %s", src, why);
		goto out;
	}
	/* Copy first, then validate the copy: what is checked is what goes in. */
	int w = ax_backup_write(from, tmp, &why);
	sqlite3_close(from);
	if (w < 0) {
		ax_db_err(err, "%s: %s", src, why);
		goto out;
	}
	if (validate_as(tmp, src, true, l, err) < 0)
		goto out;
	if (access(db_path, F_OK) == 0) {
		if (!(live = take_over(db_path, err)) || !(*saved = keep_replaced(live, db_path, err)))
			goto out;
		char *wal = ax_xasprintf("%s-wal", db_path);
		bool has_wal = access(wal, F_OK) == 0;
		free(wal);
		if (has_wal) {
			ax_db_err(err, "cannot replace %s: its -wal file is still there", db_path);
			goto out;
		}
	}
	if (rename(tmp, db_path) < 0 || ax_sync_path(dir, O_RDONLY | O_DIRECTORY) < 0) {
		ax_db_err(err, "cannot move %s to %s: %s", tmp, db_path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (live)
		sqlite3_close(live);
	if (rc < 0)
		unlink(tmp);
	free(why);
	free(tmp);
	free(dir);
	return rc;
}
