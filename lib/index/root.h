/* root.h: where the tree an index holds is. */
#ifndef AX_INDEX_ROOT_H
#define AX_INDEX_ROOT_H

#include <sqlite3.h>

/* The meta value `root` names the tree an index holds: an absolute path,
 * or one relative to the directory holding the index file. ax-load records
 * ".." when the index lies in a directory directly under the root (the
 * default ROOT/.ax/index.db), so a tree copied or moved with its .ax/
 * follows: the copy's index indexes the copy (docs/schema.md). */

/* The absolute root of the open index `db` (malloc'd), or NULL when it
 * records none. */
char *ax_db_root(sqlite3 *db);
/* The value to record for the absolute scan root `root` (malloc'd). */
char *ax_db_root_value(sqlite3 *db, const char *root);

#endif
