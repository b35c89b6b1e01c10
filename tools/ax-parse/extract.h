/* extract.h: one file in, one `parsed` record (or an error) out.
 *
 * An extractor belongs to one worker thread and keeps its TSParser, query
 * cursor and scratch space from file to file. */
#ifndef AX_PARSE_EXTRACT_H
#define AX_PARSE_EXTRACT_H

#include <msgpack.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/lang.h"

struct extract_limits {
	uint64_t timeout_ms;     /* parse + queries of one file; 0: none */
	size_t max_size;         /* larger files become errors */
	bool parse_minified;     /* extract from minified files too */
	bool parse_only;         /* benchmarks: parse, run no queries */
};

struct extract_job {
	const char *path;        /* as in the file record */
	const char *open_path;   /* where to read it */
	const char *lang_name;   /* as in the file record */
	enum ax_lang lang;
	const char *hash;        /* copied into the output */
	size_t hash_len;
	int64_t size, mtime;     /* copied too */
};

/* Why a file produced no `parsed` record: an err record's code and msg. */
struct extract_error {
	const char *code;        /* static: "read", "too_large", "timeout", ... */
	char msg[256];
};

struct extractor;
struct extractor *extractor_new(const struct extract_limits *limits);
void extractor_free(struct extractor *x);

/* Parse job's file and pack its `parsed` record into out. False (and *err
 * filled, out untouched) if the file could not be parsed. */
bool extract_file(struct extractor *x, const struct extract_job *job, msgpack_sbuffer *out,
		  struct extract_error *err);

#endif
