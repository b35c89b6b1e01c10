/* scan.h: what the parts of ax-scan share: options, counters, the output,
 * and the reading of files, which may run on worker threads. */
#ifndef AX_SCAN_H
#define AX_SCAN_H

#include "lang/lang.h"
#include "base/progress.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ax_writer;
struct scan_pool;
struct known;

struct scan_opts {
	bool all;         /* emit files of no supported language too (lang "") */
	bool no_ignore;   /* no .gitignore, exclude files or .axignore */
	bool follow;      /* follow symbolic links */
	bool quiet;       /* no progress */
	bool stats;       /* summary on stderr */
	bool list;        /* --list: text lines, not a stream (out is NULL) */
	uint64_t max_size;
	unsigned shard, shards; /* emit shard `shard` (1-based) of `shards`; 0/0 all */
	unsigned jobs;    /* threads reading files; 1: the main thread alone */
	struct known *known; /* the index's files (--db), or NULL */
	const char *exclude; /* config scan.exclude: patterns, one a line, as the top .axignore */
};

/* Why a file was left out, for --stats. */
enum skip {
	SKIP_IGNORED,     /* files or whole directories excluded by ignore rules */
	SKIP_BINARY,
	SKIP_TOO_LARGE,
	SKIP_UNSUPPORTED, /* no supported language (without --all) */
	SKIP_SYMLINK,     /* symbolic links, without --follow */
	SKIP_SPECIAL,     /* fifos, sockets, devices */
	SKIP_VANISHED,    /* gone between listing and reading */
	SKIP_NESTED_REPO, /* directories that are git repositories of their own */
	SKIP_LOOP,        /* directory links back to an ancestor (--follow) */
	SKIP_COUNT
};

struct scan {
	struct scan_opts opt;
	struct ax_writer *out;
	struct scan_pool *pool;
	uint64_t emitted, errors, gone;
	uint64_t same;    /* file records that say "same": true */
	uint64_t skipped[SKIP_COUNT];
	bool complete;    /* cleared by any unreadable directory */
	struct ax_progress progress; /* on a terminal, unless --quiet */
	uint64_t seen;
};

/* ---- reading one file (file.c; thread-safe) ---- */

struct scan_buf { /* a reused read buffer, one per thread */
	char *data;
	size_t cap;
};

struct scan_result {
	enum { RESULT_FILE, RESULT_SKIP, RESULT_ERROR } kind;
	enum skip skip;      /* RESULT_SKIP */
	int errnum;          /* RESULT_ERROR, with what failed */
	const char *what;
	enum ax_lang lang;   /* RESULT_FILE */
	uint64_t size, hash;
	int64_t mtime_ns;
	bool same;           /* as indexed: hash from the index, file not read */
};

/* Read, classify and hash `name` in directory `dirfd`, recorded as `path`. */
void scan_read_file(const struct scan_opts *o, struct scan_buf *b, int dirfd, const char *name,
		    const char *path, struct scan_result *r);

/* ---- output (emit.c; scan_fail and scan_gone in pool.c; main thread) ---- */

/* The record (or count) for one file's result. */
void scan_emit(struct scan *s, const char *path, const struct scan_result *r);
/* An `err` record for `path` (may be NULL) from errno value `errnum`,
 * written now: callers outside the pool first let it finish (scan_fail). */
void scan_error(struct scan *s, const char *path, int errnum, const char *what);
/* An err record with its code and message (a warning with --list). */
void scan_err_record(struct scan *s, const char *path, const char *code, const char *msg);
/* --list: a line "WHAT SIZE PATH" on stdout. */
void scan_list_line(const char *what, const char *size, const char *path);
/* The same, after every file submitted before it, to keep the order. */
void scan_fail(struct scan *s, const char *path, int errnum, const char *what);
/* A `gone` record: a path named on stdin does not exist (in order, too). */
void scan_gone(struct scan *s, const char *path);

/* ---- progress and summary (progress.c) ---- */

/* Count one more file looked at; show the rate now and then. */
void scan_progress(struct scan *s);
void scan_print_stats(const struct scan *s);

#endif
