/* root.c: the meta value root, absolute or relative to the index. */
#include "index/root.h"
#include "base/cli.h"
#include "index/db.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The real directory holding the index file of `db`, or NULL (an index
 * in memory). */
static char *index_dir(sqlite3 *db)
{
	const char *file = sqlite3_db_filename(db, "main");
	if (!file || !*file)
		return NULL;
	char *dir = ax_strdup(file), *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	char *real = realpath(slash ? (*dir ? dir : "/") : ".", NULL);
	free(dir);
	return real;
}

char *ax_db_root(sqlite3 *db)
{
	char *value = NULL;
	if (ax_db_text(db, "SELECT value FROM meta WHERE key = 'root'", &value, NULL) < 0 || !value || !*value) {
		free(value);
		return NULL;
	}
	if (value[0] == '/')
		return value;
	char *dir = index_dir(db), *root = NULL;
	if (dir) {
		char *joined = ax_xasprintf("%s/%s", dir, value);
		root = realpath(joined, NULL);
		/* A root gone from disk is still named, as recorded. */
		if (!root)
			root = joined;
		else
			free(joined);
	}
	free(dir);
	free(value);
	return root;
}

char *ax_db_root_value(sqlite3 *db, const char *root)
{
	char *dir = index_dir(db);
	char *up = dir ? ax_xasprintf("%s/..", dir) : NULL;
	char *parent = up ? realpath(up, NULL) : NULL;
	bool beside = parent && strcmp(parent, root) == 0;
	free(dir);
	free(up);
	free(parent);
	return ax_strdup(beside ? ".." : root);
}
