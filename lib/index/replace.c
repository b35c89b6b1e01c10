/* replace.c: see replace.h. Plain file operations: no connection is
 * opened, so a damaged old index is replaced as well as a sound one. */
#include "index/replace.h"
#include "base/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

char *ax_db_rebuild_name(const char *db_path)
{
	return ax_xasprintf("%s.rebuild.%ld", db_path, (long)getpid());
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
	if (unlink_sidecar(db_path, "-wal") < 0 || unlink_sidecar(db_path, "-shm") < 0)
		return -1;
	return rename(fresh, db_path);
}

void ax_db_remove(const char *db_path)
{
	/* The index itself last: its sidecars mean nothing without it. */
	static const char *const suffix[] = { "-wal", "-shm", "-journal", ".load-lock", "" };
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++)
		unlink_sidecar(db_path, suffix[i]);
}
