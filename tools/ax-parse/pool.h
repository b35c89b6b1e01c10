/* pool.h: worker threads that parse files while the stream keeps its order.
 *
 * The reader (the main thread) hands every record to the pool: records to
 * pass through and files to parse. A window of at most `window` records is
 * in flight; when it is full the reader waits, so memory stays flat however
 * long the stream. One writer thread writes the results: in input order, or
 * (unordered) each parsed file as soon as it is done, but never across a
 * record that is passed through (hdr, end, ...), which keeps its place.
 * Trees take tens of bytes per byte of source, so the workers together
 * parse at most a few MB of source at a time (one file of any size may
 * always go): memory stays flat whatever -j says. */
#ifndef AX_PARSE_POOL_H
#define AX_PARSE_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract.h"
#include "stream/stream.h"

/* A file to parse; the pool frees the strings. */
struct file_job {
	char *path, *open_path, *lang_name, *hash;
	size_t hash_len;
	enum ax_lang lang;
	uint64_t size;            /* as the scan saw it: for the memory budget */
	int64_t mtime;            /* as the scan saw it: copied into the record */
};

struct pool_stats {
	uint64_t files, parsed, failed;
};

struct pool;
struct pool *pool_new(int workers, bool ordered, const struct extract_limits *limits,
		      struct ax_writer *w);
/* Copy `raw` (a whole record) to the output in its place; `file`: it is a
 * file record left unparsed, counted in the progress of files. */
void pool_pass(struct pool *p, const void *raw, size_t len, bool file);
/* Parse a file; its `parsed` or `err` record goes in its place. */
void pool_file(struct pool *p, const struct file_job *job);
/* Finish every queued record, stop the threads, free the pool. */
void pool_finish(struct pool *p, struct pool_stats *stats);

#endif
