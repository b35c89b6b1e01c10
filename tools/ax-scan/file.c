/* file.c: one file: read it once, decide whether ax can index it and hash
 * it. Pure with respect to the scan (no output, no counters), so worker
 * threads can run it; the main thread turns the verdict into records. */
#include "scan.h"
#include "known.h"

#include "base/cli.h"
#include "lang/lang.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

/* git's rule for binary: a NUL in the first 8000 bytes; ours is 8 KiB. */
#define BINARY_PROBE 8192
/* Files up to this size are read into the reused buffer with one read;
 * larger ones (only with a raised --max-size) are hashed in chunks. */
#define READ_MAX (8u << 20)
/* Their chunks: small enough to stay in cache between read and hash. */
#define STREAM_CHUNK (256u << 10)

/* Read up to `want` bytes at `off` into the buffer; the count read, or -1. */
static ssize_t read_into(struct scan_buf *b, int fd, size_t off, size_t want)
{
	if (off + want > b->cap) {
		b->cap = off + want;
		b->data = ax_realloc(b->data, b->cap);
	}
	/* A regular file reads short only at its end: one read() is enough
	 * (the caller reads on when the buffer filled up). */
	ssize_t r;
	do
		r = read(fd, b->data + off, want);
	while (r < 0 && errno == EINTR);
	return r;
}

static void fail(struct scan_result *r, int errnum, const char *what)
{
	r->kind = RESULT_ERROR;
	r->errnum = errnum;
	r->what = what;
}

static void skip(struct scan_result *r, enum skip why)
{
	r->kind = RESULT_SKIP;
	r->skip = why;
}

/* Decide on the bytes read (`len`, the whole file or its first bytes):
 * false (and the reason in `r`) if the file is not to be emitted. */
static bool classify(const struct scan_opts *o, const char *path, const char *data, size_t len,
		     struct scan_result *r)
{
	if (memchr(data, '\0', len < BINARY_PROBE ? len : BINARY_PROBE)) {
		skip(r, SKIP_BINARY);
		return false;
	}
	r->lang = r->lang != AX_LANG_NONE ? r->lang : ax_lang_detect(path, data, len);
	if (r->lang == AX_LANG_NONE && !o->all) {
		skip(r, SKIP_UNSUPPORTED);
		return false;
	}
	return true;
}

static void accept(struct scan_result *r, const char *data, size_t len)
{
	r->kind = RESULT_FILE;
	r->size = len;
	r->hash = XXH3_64bits(data, len);
}

/* A file over READ_MAX (only with a raised --max-size): its first chunk
 * decides, the rest streams through the hash chunk by chunk, which keeps
 * the buffer in cache (faster than mapping the file). */
static void read_streamed(const struct scan_opts *o, struct scan_buf *b, int fd, const char *path,
			  struct scan_result *r)
{
	ssize_t got = read_into(b, fd, 0, STREAM_CHUNK);
	if (got < 0) {
		fail(r, errno, "cannot read file");
		return;
	}
	if (!classify(o, path, b->data, (size_t)got, r))
		return;
	XXH3_state_t *st = XXH3_createState();
	if (!st)
		ax_die(AX_EXIT_INTERNAL, "out of memory");
	XXH3_64bits_reset(st);
	uint64_t len = 0;
	while (got > 0) {
		XXH3_64bits_update(st, b->data, (size_t)got);
		len += (uint64_t)got;
		if (len > o->max_size)
			break;
		got = read_into(b, fd, 0, STREAM_CHUNK);
	}
	if (got < 0)
		fail(r, errno, "cannot read file");
	else if (len > o->max_size)
		skip(r, SKIP_TOO_LARGE);
	else {
		r->kind = RESULT_FILE;
		r->size = len;
		r->hash = XXH3_64bits_digest(st);
	}
	XXH3_freeState(st);
}

/* What a stat alone decides: not a regular file, too large, or unchanged
 * since indexed. True if it decided `r`. */
static bool decided_by_stat(const struct scan_opts *o, const struct stat *st, const char *path,
			    struct scan_result *r)
{
	if (!S_ISREG(st->st_mode)) {
		skip(r, SKIP_SPECIAL);
		return true;
	}
	r->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	if ((uint64_t)st->st_size > o->max_size) {
		skip(r, SKIP_TOO_LARGE);
		return true;
	}
	struct known_file k;
	if (!o->known || !known_match(o->known, path, st->st_size, r->mtime_ns, &k))
		return false;
	/* Unchanged since indexed: a stat is all it costs. */
	r->kind = RESULT_FILE;
	r->lang = k.lang;
	r->size = (uint64_t)k.size;
	r->hash = k.hash;
	r->same = true;
	return true;
}

static void read_fd(const struct scan_opts *o, struct scan_buf *b, int fd, const char *path,
		    struct scan_result *r)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		fail(r, errno, "cannot stat file");
		return;
	}
	if (decided_by_stat(o, &st, path, r))
		return;
	size_t size = (size_t)st.st_size;
	if (size > READ_MAX) {
		read_streamed(o, b, fd, path, r);
		return;
	}
	/* A file whose name does not tell its language may not be worth
	 * reading whole: its first bytes decide (shebang, modeline, binary). */
	r->lang = ax_lang_from_path(path);
	bool by_name = r->lang != AX_LANG_NONE;
	size_t first = by_name || o->all || size <= BINARY_PROBE ? size + 1 : BINARY_PROBE;
	ssize_t got = read_into(b, fd, 0, first);
	if (got < 0) {
		fail(r, errno, "cannot read file");
		return;
	}
	size_t len = (size_t)got;
	if (!classify(o, path, b->data, len, r))
		return;
	if (len == first) {
		/* Only the first bytes were read, or the file grew since fstat:
		 * read on to the end, but never past --max-size. */
		size_t head = len;
		for (;;) {
			size_t want = (len < size ? size - len : 0) + 4096;
			if (len + want > o->max_size + 1)
				want = o->max_size + 1 - len;
			if (!want)
				break;
			if ((got = read_into(b, fd, len, want)) < 0) {
				fail(r, errno, "cannot read file");
				return;
			}
			len += (size_t)got;
			if ((size_t)got < want)
				break;
		}
		if (len > o->max_size) {
			skip(r, SKIP_TOO_LARGE);
			return;
		}
		if (len > head && !classify(o, path, b->data, len, r))
			return;
	}
	accept(r, b->data, len);
}

void scan_read_file(const struct scan_opts *o, struct scan_buf *b, int dirfd, const char *name,
		    const char *path, struct scan_result *r)
{
	memset(r, 0, sizeof *r);
	/* With an index, most files are as indexed: a stat tells, and opening
	 * them (a third of a warm scan's system time) is not needed. */
	struct stat st;
	if (o->known && fstatat(dirfd, name, &st, o->follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode) && decided_by_stat(o, &st, path, r))
		return;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (o->follow ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		if (errno == ENOENT)
			skip(r, SKIP_VANISHED);
		else if (errno == ELOOP && !o->follow)
			skip(r, SKIP_SYMLINK); /* became a link since it was listed */
		else
			fail(r, errno, "cannot open file");
		return;
	}
	read_fd(o, b, fd, path, r);
	close(fd);
}
