/* backup.h: consistent copies of the index, and putting one back.
 *
 * Copies are made with SQLite's online backup API from a read
 * transaction, so readers and a running loader go on meanwhile; each copy
 * is written under a temporary name, checked (integrity_check), synced,
 * and only then renamed into place: a backup that exists is whole.
 * Automatic backups (before migrate, rollback, restore) live in
 * $AX_DB_BACKUP_DIR, else <index dir>/backups, named
 * <index name>.<UTC time>.v<version>.<reason>.db; the newest
 * $AX_DB_KEEP_BACKUPS (default 5) automatic ones are kept. */
#ifndef AX_BACKUP_H
#define AX_BACKUP_H

#include "index/migrate.h"

#include <sqlite3.h>
#include <stddef.h>

#define AX_DB_KEEP_BACKUPS_DEFAULT 5

/* Where the automatic backups of the index at `db_path` go (malloc'd). */
char *ax_backup_dir(const char *db_path);

/* How many automatic backups to keep: $AX_DB_KEEP_BACKUPS or the default;
 * -1 with *err if the variable is not a number. */
int ax_backup_keep(char **err);

/* How copies are checked: $AX_DB_BACKUP_CHECK, "quick" (quick_check, the
 * default: the b-tree structure and every page, not each index entry
 * against its row; several times faster on a large index) or "full"
 * (integrity_check, as `ax-db verify` runs it). 0, or -1 with *err if the
 * variable holds something else. */
int ax_backup_check_mode(const char **mode, char **err);

/* Copy the main database of `db` to `dest`, which must not exist, and
 * check the copy. */
int ax_backup_write(sqlite3 *db, const char *dest, char **err);

/* An automatic backup of `db` (the index at db_path) before an operation
 * named `reason`; then older automatic backups beyond the keep count are
 * removed. Returns the backup's path (malloc'd), or NULL with *err. */
char *ax_backup_auto(sqlite3 *db, const char *db_path, const char *reason, char **err);

/* The name a new backup of db_path at version `version` gets (malloc'd). */
char *ax_backup_name(const char *db_path, int version, const char *reason);

/* The backups of db_path in its backup directory, oldest first. */
void ax_backup_list(const char *db_path, char ***paths, size_t *n);
void ax_backup_list_free(char **paths, size_t n);

/* Replace the index at db_path with a copy of the backup `src`: the copy
 * is made next to the index and validated, the index is checked to be
 * unused and self-contained (WAL checkpointed), kept as an automatic
 * backup (its path in *saved, or NULL if there was no index), and the
 * copy renamed over it. 0, or -1 with *err and the index untouched. */
int ax_restore(const char *src, const char *db_path, const struct ax_migration_list *l,
	       char **saved, char **err);

#endif
