/* stream_read.c: the record reader.
 *
 * Records are framed here, by a resumable walk over msgpack headers, before
 * msgpack-c decodes them. Framing first means: a declared length is never
 * trusted beyond the bytes actually received (a str32 claiming 4 GiB costs
 * nothing until 4 GiB arrive, and is refused at the record limit long
 * before), a container's element count is bounded by the record limit since
 * every element takes at least one byte, memory is bounded by the limit
 * whatever the chunking, and every error names its byte offset. */
#include "stream/stream.h"
#include "base/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FRAME_MAX_DEPTH AX_STREAM_MAX_DEPTH /* msgpack-c itself stops at 32 */
#define READ_CHUNK (64u << 10)

struct ax_reader {
	ax_read_fn read;
	void *ctx;
	int fd;
	const unsigned char *mem;      /* in-memory source */
	size_t mem_len, mem_pos;
	char *name;

	unsigned char *buf;
	size_t cap, len;               /* allocated, filled */
	size_t start;                  /* first byte of the record being framed */
	uint64_t base;                 /* stream offset of buf[0] */
	size_t limit;

	/* Framing state, kept across reads so big records are walked once. */
	size_t scan;                   /* next element header */
	uint64_t remaining[FRAME_MAX_DEPTH];
	int depth;
	int started;

	int eof, failed;
	msgpack_unpacked unpacked;
	char err[256];
	size_t reason;                 /* where the reason starts in err */
};

enum frame { FRAME_DONE, FRAME_MORE, FRAME_ERROR };

static long read_fd(void *ctx, void *buf, size_t n)
{
	struct ax_reader *r = ctx;
	for (;;) {
		ssize_t got = read(r->fd, buf, n);
		if (got >= 0 || errno != EINTR)
			return got;
	}
}

static long read_mem(void *ctx, void *buf, size_t n)
{
	struct ax_reader *r = ctx;
	size_t left = r->mem_len - r->mem_pos;
	if (n > left)
		n = left;
	memcpy(buf, r->mem + r->mem_pos, n);
	r->mem_pos += n;
	return (long)n;
}

struct ax_reader *ax_reader_new_fn(ax_read_fn fn, void *ctx, const char *name)
{
	struct ax_reader *r = ax_calloc(1, sizeof *r);
	r->read = fn;
	r->ctx = ctx ? ctx : r;
	r->name = ax_strdup(name ? name : "stream");
	r->limit = AX_RECORD_MAX_DEFAULT;
	r->cap = 4 * READ_CHUNK;
	r->buf = ax_malloc(r->cap);
	msgpack_unpacked_init(&r->unpacked);
	return r;
}

struct ax_reader *ax_reader_new(int fd, const char *name)
{
	struct ax_reader *r = ax_reader_new_fn(read_fd, NULL, name);
	r->fd = fd;
	return r;
}

struct ax_reader *ax_reader_new_mem(const void *data, size_t len, const char *name)
{
	struct ax_reader *r = ax_reader_new_fn(read_mem, NULL, name);
	r->mem = data;
	r->mem_len = len;
	return r;
}

void ax_reader_set_limit(struct ax_reader *r, size_t max_record_bytes)
{
	r->limit = max_record_bytes ? max_record_bytes : 1;
}

const char *ax_reader_error(const struct ax_reader *r)
{
	return r->err;
}

const char *ax_reader_error_reason(const struct ax_reader *r)
{
	return r->err + r->reason;
}

void ax_reader_free(struct ax_reader *r)
{
	if (!r)
		return;
	msgpack_unpacked_destroy(&r->unpacked);
	free(r->buf);
	free(r->name);
	free(r);
}

__attribute__((format(printf, 3, 4)))
static int fail(struct ax_reader *r, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(r->err, sizeof r->err, "%s: byte %llu: ", r->name,
			 (unsigned long long)(r->base + at));
	if (n < 0 || (size_t)n >= sizeof r->err)
		n = 0;
	r->reason = (size_t)n;
	va_start(ap, fmt);
	vsnprintf(r->err + n, sizeof r->err - n, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return -1;
}

static uint32_t be(const unsigned char *p, int n)
{
	uint32_t v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* Size of the element at p: header bytes, payload bytes, child elements.
 * Returns 0 if more bytes are needed for the header, -1 for a byte that is
 * not a msgpack type, 1 otherwise. */
static int element_size(const unsigned char *p, size_t avail, size_t *head,
			uint64_t *payload, uint64_t *children)
{
	unsigned b = p[0];
	int lenbytes = 0;
	*head = 1, *payload = 0, *children = 0;

	if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3)
		return 1;
	if (b >= 0x80 && b <= 0x8f) { *children = 2u * (b & 0x0f); return 1; }
	if (b >= 0x90 && b <= 0x9f) { *children = b & 0x0f; return 1; }
	if (b >= 0xa0 && b <= 0xbf) { *payload = b & 0x1f; return 1; }
	switch (b) {
	case 0xcc: case 0xd0: *head = 2; return 1;
	case 0xcd: case 0xd1: *head = 3; return 1;
	case 0xca: case 0xce: case 0xd2: *head = 5; return 1;
	case 0xcb: case 0xcf: case 0xd3: *head = 9; return 1;
	case 0xd4: *head = 2; *payload = 1; return 1;
	case 0xd5: *head = 2; *payload = 2; return 1;
	case 0xd6: *head = 2; *payload = 4; return 1;
	case 0xd7: *head = 2; *payload = 8; return 1;
	case 0xd8: *head = 2; *payload = 16; return 1;
	case 0xc4: case 0xd9: lenbytes = 1; break;           /* bin8, str8 */
	case 0xc5: case 0xda: lenbytes = 2; break;
	case 0xc6: case 0xdb: lenbytes = 4; break;
	case 0xc7: lenbytes = 1; break;                      /* ext: + type byte */
	case 0xc8: lenbytes = 2; break;
	case 0xc9: lenbytes = 4; break;
	case 0xdc: case 0xde: lenbytes = 2; break;           /* array16, map16 */
	case 0xdd: case 0xdf: lenbytes = 4; break;
	default: return -1;                                  /* 0xc1 */
	}
	int ext = b >= 0xc7 && b <= 0xc9;
	*head = 1 + lenbytes + ext;
	if (avail < (size_t)(1 + lenbytes))
		return 0;
	uint64_t n = be(p + 1, lenbytes);
	if (b == 0xdc || b == 0xdd)
		*children = n;
	else if (b == 0xde || b == 0xdf)
		*children = 2 * n;
	else
		*payload = n;
	return 1;
}

bool ax_msgpack_fits(const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t at = 0;
	uint64_t pending = 1; /* elements still to come */
	while (pending > 0) {
		size_t head;
		uint64_t payload, children;
		if (at >= len || element_size(p + at, len - at, &head, &payload, &children) != 1 ||
		    head + payload > len - at)
			return false;
		at += head + payload;
		pending = pending - 1 + children;
		if (pending > len - at)
			return false;
	}
	return at == len;
}

/* Walk element headers from r->scan as far as the buffer allows. */
static enum frame frame_record(struct ax_reader *r)
{
	while (!(r->started && r->depth == 0)) {
		size_t at = r->scan, avail = r->len - at;
		size_t used = at - r->start, head;
		uint64_t payload, children;

		if (avail == 0)
			return FRAME_MORE;
		if (!r->started && (r->buf[at] & 0xf0) != 0x80 &&
		    r->buf[at] != 0xde && r->buf[at] != 0xdf) {
			fail(r, at, "record is not a msgpack map (type byte 0x%02x)", r->buf[at]);
			return FRAME_ERROR;
		}
		int ok = element_size(r->buf + at, avail, &head, &payload, &children);
		if (ok < 0) {
			fail(r, at, "invalid msgpack type byte 0x%02x", r->buf[at]);
			return FRAME_ERROR;
		}
		/* Every child takes a byte at least: this bounds counts as well. */
		if ((uint64_t)used + head + payload + children > r->limit) {
			fail(r, r->start, "record larger than the limit of %zu bytes", r->limit);
			return FRAME_ERROR;
		}
		if (ok == 0 || avail < head + payload)
			return FRAME_MORE;

		r->scan += head + payload;
		r->started = 1;
		if (r->depth > 0)
			r->remaining[r->depth - 1]--;
		if (children > 0) {
			if (r->depth == FRAME_MAX_DEPTH) {
				fail(r, at, "nesting deeper than %d levels", FRAME_MAX_DEPTH);
				return FRAME_ERROR;
			}
			r->remaining[r->depth++] = children;
		}
		while (r->depth > 0 && r->remaining[r->depth - 1] == 0)
			r->depth--;
	}
	return FRAME_DONE;
}

/* Make room for at least one more chunk, keeping the current record. */
static void make_room(struct ax_reader *r)
{
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->len - r->start);
		r->base += r->start;
		r->len -= r->start;
		r->scan -= r->start;
		r->start = 0;
	}
	if (r->cap - r->len < READ_CHUNK) {
		r->cap *= 2;
		r->buf = ax_realloc(r->buf, r->cap);
	}
}

static int fill(struct ax_reader *r)
{
	if (r->cap - r->len < READ_CHUNK)
		make_room(r);
	long got = r->read(r->ctx, r->buf + r->len, r->cap - r->len);
	if (got < 0)
		return fail(r, r->len, "read error: %s", strerror(errno));
	if (got == 0)
		r->eof = 1;
	r->len += (size_t)got;
	return 0;
}

/* Checks the decoded map has a string "t" and fills rec. */
static int finish_record(struct ax_reader *r, struct ax_record *rec)
{
	size_t off = 0, size = r->scan - r->start;
	const char *raw = (const char *)r->buf + r->start;
	if (msgpack_unpack_next(&r->unpacked, raw, size, &off) != MSGPACK_UNPACK_SUCCESS ||
	    off != size)
		return fail(r, r->start, "record cannot be decoded");

	const msgpack_object *t = ax_map_get(&r->unpacked.data, "t");
	if (!t || t->type != MSGPACK_OBJECT_STR)
		return fail(r, r->start, "record has no string key \"t\"");
	rec->type = t->via.str.ptr;
	rec->type_len = t->via.str.size;
	rec->map = r->unpacked.data;
	rec->raw = raw;
	rec->raw_len = size;
	rec->offset = r->base + r->start;
	return 1;
}

int ax_reader_next(struct ax_reader *r, struct ax_record *rec)
{
	if (r->failed)
		return -1;
	/* The previous record's bytes may go now. */
	r->start = r->scan;
	r->started = 0;
	r->depth = 0;
	for (;;) {
		switch (frame_record(r)) {
		case FRAME_DONE:
			return finish_record(r, rec);
		case FRAME_ERROR:
			return -1;
		case FRAME_MORE:
			break;
		}
		if (r->eof) {
			if (r->len == r->start)
				return 0;
			return fail(r, r->start, "stream ends inside a record (%zu bytes of it read)",
				    r->len - r->start);
		}
		if (fill(r) < 0)
			return -1;
	}
}

const char *const ax_record_types[] = { "hdr", "file", "parsed", "err", "gone", "end", "hit", NULL };

bool ax_record_is(const struct ax_record *rec, const char *type)
{
	size_t n = strlen(type);
	return rec->type_len == n && memcmp(rec->type, type, n) == 0;
}
