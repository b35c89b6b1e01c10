/* telemetry_db.h: the telemetry store, DIR/telemetry.db (DIR is ax_tel_dir()).
 *
 * Its one owner: the path, the schema and the busy timeout. ax-telemetry
 * moves the spool into it; ax-flag's report and guard read it. The events
 * table is the contract between them: columns may be added, never renamed. */
#ifndef AX_TELEMETRY_DB_H
#define AX_TELEMETRY_DB_H

#include <sqlite3.h>
#include <stdbool.h>

/* Opens DIR/telemetry.db, creating it (and DIR) with its schema if `create`;
 * without `create` a missing store gives an empty one in memory, so readers
 * need no special case. Dies (status 3) on a store it cannot use. */
sqlite3 *ax_tel_db_open(const char *dir, bool create);

/* Opens DIR/telemetry.db read-only; NULL if it does not exist. Dies
 * (status 2) if it exists but cannot be opened. */
sqlite3 *ax_tel_db_open_readonly(const char *dir);

/* Runs SQL with no result rows; dies (status 3) on failure. */
void ax_tel_db_exec(sqlite3 *db, const char *sql);

/* Prepares or dies (status 3). */
sqlite3_stmt *ax_tel_db_prepare(sqlite3 *db, const char *sql);

#endif
