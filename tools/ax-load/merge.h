/* merge.h: ax-load --merge, shard indexes into one. */
#ifndef AX_LOAD_MERGE_H
#define AX_LOAD_MERGE_H

#include <sqlite3.h>
#include <stdbool.h>

/* Merges each shard into db, one transaction per shard: files new to db
 * are added, files whose hash differs replace db's rows, files with the
 * same hash are left alone; nothing is deleted. Dies on failure, with the
 * shards merged so far committed. */
void merge_indexes(sqlite3 *db, const char *const *shards, int n, bool dry_run, bool quiet);

#endif
