/* stale.c: indexed files that changed on disk (size or mtime not as
 * indexed) or are gone. One fstatat() per file, relative to the root's
 * descriptor, so 100 000 files take a fraction of a second. */
#include "status.h"

#include "base/cli.h"
#include "index/db.h"
#include "base/pathcheck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void note(struct status *s, const char *path, bool missing, size_t limit, size_t *cap)
{
	if (missing)
		s->missing++;
	else
		s->changed++;
	if (limit && s->nstale_shown >= limit)
		return;
	if (s->nstale_shown == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		s->stale = ax_realloc(s->stale, *cap * sizeof *s->stale);
	}
	s->stale[s->nstale_shown++] = (struct stale_file){ ax_strdup(path), missing };
}

void status_stale(struct status *s, sqlite3 *db, size_t limit)
{
	int root = s->root ? open(s->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (root < 0)
		return;
	s->stale_checked = true;
	sqlite3_stmt *st;
	char *err;
	if (ax_db_prepare(db, "SELECT path, size, mtime FROM files ORDER BY path", &st, &err) < 0)
		ax_die(AX_EXIT_USAGE, "%s: %s", s->index, err);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		struct stat sb;
		/* A path outside the root (a crafted index) is not looked at. */
		if (ax_path_check(path, (size_t)sqlite3_column_bytes(st, 0))) {
			s->refused++;
			continue;
		}
		if (fstatat(root, path, &sb, 0) != 0) {
			note(s, path, errno == ENOENT || errno == ENOTDIR, limit, &cap);
			continue;
		}
		int64_t mtime = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
		if ((int64_t)sb.st_size != sqlite3_column_int64(st, 1) || mtime != sqlite3_column_int64(st, 2))
			note(s, path, false, limit, &cap);
	}
	sqlite3_finalize(st);
	close(root);
}
