/* replace.c: see replace.h. Plain file operations: no connection is
 * opened, so a damaged old index is replaced as well as a sound one. */
#include "index/replace.h"
#include "base/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *ax_db_rebuild_name(const char *db_path)
{
	return ax_xasprintf("%s.rebuild.%ld", db_path, (long)getpid());
}

char *ax_db_new_name(const char *db_path)
{
	return ax_xasprintf("%s.new", db_path);
}

int ax_sync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* The directory holding path ("." for a bare name). */
static int sync_parent(const char *path)
{
	char *dir = ax_strdup(path), *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0';
	int rc = ax_sync_path(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
	free(dir);
	return rc;
}

static int unlink_sidecar(const char *db_path, const char *suffix)
{
	char *p = ax_xasprintf("%s%s", db_path, suffix);
	int rc = unlink(p) == 0 || errno == ENOENT ? 0 : -1;
	free(p);
	return rc;
}

int ax_db_replace(const char *fresh, const char *db_path)
{
	if (ax_sync_path(fresh, O_RDWR) < 0 || unlink_sidecar(db_path, "-wal") < 0 ||
	    unlink_sidecar(db_path, "-shm") < 0 || rename(fresh, db_path) < 0)
		return -1;
	return sync_parent(db_path);
}

void ax_db_remove(const char *db_path)
{
	/* The index itself last: its sidecars mean nothing without it. */
	static const char *const suffix[] = { "-wal", "-shm", "-journal", ".load-lock", "" };
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++)
		unlink_sidecar(db_path, suffix[i]);
}
