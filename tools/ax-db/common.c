/* common.c: what ax-db's commands share: the index's path, a connection
 * without version policy, and JSON strings. */
#include "adb.h"
#include "base/cli.h"
#include "base/json.h"
#include "index/db.h"
#include "index/dbpath.h"

#include <errno.h>
#include <msgpack.h>
#include <string.h>
#include <unistd.h>

char *adb_index_path(const struct adb_opts *o, bool create)
{
	char *path = ax_db_find(o->db);
	if (!path && create)
		path = ax_db_default_path(o->db);
	if (!path)
		ax_die(AX_EXIT_USAGE, "no index: no .ax/index.db here or in any parent directory "
		       "(give --db or AX_DB, or create one with 'ax-db migrate')");
	if (!create && access(path, F_OK) < 0)
		ax_die(AX_EXIT_USAGE, "no index at %s: %s", path, strerror(errno));
	return path;
}

sqlite3 *adb_connect(const char *path, unsigned flags)
{
	char *err = NULL;
	int version;
	sqlite3 *db = ax_db_open_path(path, flags, &version, &err);
	if (!db)
		ax_die(AX_EXIT_USAGE, "cannot use %s: %s", path, err);
	return db;
}

void adb_json_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	ax_json_write_string(out, s, strlen(s));
}
