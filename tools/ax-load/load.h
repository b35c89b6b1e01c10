/* load.h: bringing the index up to date from stream records.
 *
 * Each `parsed` (or bare `file`) record is one file, written whole or not
 * at all: a file whose hash is unchanged is left alone, a changed one has
 * its rows replaced under the same file id (so imports that resolve to it
 * stay resolved), a new one is inserted. Files are grouped into batches,
 * one transaction each. Paths seen are remembered, so that after an `end`
 * record with complete:true the files the scan did not see are deleted. */
#ifndef AX_LOAD_H
#define AX_LOAD_H

#include "stream/stream.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

struct load_counts {
	uint64_t added, changed, unchanged, deleted, errors, symbols, files;
};

struct loader {
	sqlite3 *db;
	bool in_txn;
	unsigned batch, in_batch;
	int64_t now;                 /* unix seconds, for indexed_at */
	struct load_counts n;
	uint64_t *seen;              /* ids of the files seen, as bits */
	size_t seen_words;
	uint64_t nseen;
	bool wrote;                  /* a row of the index changed */
	bool files_changed;          /* a file was added, replaced or deleted */
	bool bulk;                   /* filling an empty index (loader_bulk_begin) */
	char **bulk_sql;             /* what the bulk path dropped, to create again */
	size_t nbulk;
	sqlite3_stmt *fts_fill;      /* bulk: symbols into symbols_fts as they come */
	int64_t fts_from;            /* bulk: the first symbol id not in them yet */
	bool fts_stale;              /* bulk: rows replaced or deleted, so rebuild them */
	sqlite3_stmt *st[32];
	char err[512];               /* the last bad record's message */
};

/* Prepares statements and the temp table of seen files; dies on failure. */
void loader_init(struct loader *l, sqlite3 *db, unsigned batch);

/* One record. Returns 0, or -1 for a record that is not what its type
 * promises (l->err says why); the caller then rolls back and stops. */
int loader_record(struct loader *l, const struct ax_record *rec);

/* Is the index without files? Then loader_bulk_begin() makes the load one
 * transaction with indexes built at the end (much faster). new_file: the
 * index is a file of this load's own, renamed into place only once
 * complete, which needs no WAL and no syncs. */
bool loader_index_empty(struct loader *l);
void loader_bulk_begin(struct loader *l, bool new_file);

/* Deletes every file not seen in this stream (after end, complete:true),
 * or only those below `under` (end's under: a subtree walked whole). */
void loader_delete_unseen(struct loader *l, const char *under);

/* Commit the open batch (if any). */
void loader_commit(struct loader *l);
/* Roll the open batch back (a broken stream, --dry-run). */
void loader_rollback(struct loader *l);

/* A `meta` row: facts about the index as a whole. */
void loader_meta(struct loader *l, const char *key, const char *text, int64_t num);

void loader_free(struct loader *l);

/* Dies with the database's message: "ax-load: WHAT: sqlite says". */
_Noreturn void loader_db_die(sqlite3 *db, const char *what);

#endif
