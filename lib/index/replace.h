/* replace.h: putting a freshly built index file in place of the old one
 * (ax index --rebuild), and removing an index file with its sidecars. */
#ifndef AX_INDEX_REPLACE_H
#define AX_INDEX_REPLACE_H

/* The name a new index for `db_path` is built under: beside it (so the
 * rename stays on one file system), unique to this process. malloc'd. */
char *ax_db_rebuild_name(const char *db_path);

/* The name ax-load builds a new index under ("PATH.new"): one name, not
 * one per process, since one loader at a time holds the index's load
 * lock, and the next one removes what a killed one left there. malloc'd. */
char *ax_db_new_name(const char *db_path);

/* Rename the closed, self-contained index `fresh` (no -wal left: its last
 * connection has closed) over `db_path`, after an fsync of `fresh` (built
 * without syncs, it must be on disk before its name is) and then of the
 * directory (the rename itself). The old index's -wal and -shm go
 * first: a WAL left beside the new file would be replayed into it.
 * Readers that have the old file open keep reading it; every open after
 * the rename sees the new one. 0, or -1 with errno (db_path untouched
 * unless only the -wal/-shm removal succeeded). */
int ax_db_replace(const char *fresh, const char *db_path);

/* fsync the file or directory at path, opened with flags (O_RDONLY,
 * O_RDWR, | O_DIRECTORY). 0, or -1 with errno. */
int ax_sync_path(const char *path, int flags);

/* Remove an index file and what SQLite and ax-load keep beside it (-wal,
 * -shm, -journal, the load lock); missing ones are no error. What a
 * rebuild under a fresh name leaves, or a new index a failed load made. */
void ax_db_remove(const char *db_path);

#endif
