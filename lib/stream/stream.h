/* stream.h: reading and writing ax record streams (docs/stream.md).
 *
 * A stream is a sequence of msgpack maps, each with a string key "t". The
 * reader frames records itself before msgpack-c decodes them, so it works
 * in fixed memory whatever the chunking, never trusts a declared length
 * beyond the bytes actually present, and names the byte offset of any
 * malformed or oversized record. The writer buffers and makes a closed
 * stdout end the tool quietly. */
#ifndef AX_STREAM_H
#define AX_STREAM_H

#include <msgpack.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AX_STREAM_VERSION 1
/* Deepest nesting of maps and arrays a record may have. */
#define AX_STREAM_MAX_DEPTH 24
/* Largest record accepted by default (one parsed file's symbols). */
#define AX_RECORD_MAX_DEFAULT (64u << 20)

struct ax_record {
	const char *type;      /* value of "t", not NUL-terminated */
	size_t type_len;
	msgpack_object map;    /* the decoded record */
	const char *raw;       /* its exact bytes, for passing it through */
	size_t raw_len;
	uint64_t offset;       /* byte offset of the record in the stream */
};

/* Reading. A record stays valid until the next ax_reader_next(). */
struct ax_reader;
struct ax_reader *ax_reader_new(int fd, const char *name);
/* Read from memory instead of a file descriptor (tests, fuzzing). */
struct ax_reader *ax_reader_new_mem(const void *data, size_t len, const char *name);
/* Read through a function that behaves like read(2): returns the bytes it
 * put in buf (0 at the end, -1 with errno on error). */
typedef long (*ax_read_fn)(void *ctx, void *buf, size_t n);
struct ax_reader *ax_reader_new_fn(ax_read_fn fn, void *ctx, const char *name);
void ax_reader_set_limit(struct ax_reader *r, size_t max_record_bytes);
/* 1: a record; 0: clean end of stream; -1: error (see ax_reader_error). */
int ax_reader_next(struct ax_reader *r, struct ax_record *rec);
/* "<name>: byte 1234: record is not a map" */
const char *ax_reader_error(const struct ax_reader *r);
/* The same without the name and offset: "record is not a map" */
const char *ax_reader_error_reason(const struct ax_reader *r);
void ax_reader_free(struct ax_reader *r);

/* Does the record have this type? */
bool ax_record_is(const struct ax_record *rec, const char *type);
/* The record types the tools write (docs/stream.md), NULL-terminated. A
 * stage passes others on untouched; a user naming one is told the list. */
extern const char *const ax_record_types[];

/* Are the len bytes at p exactly one msgpack element whose every count
 * fits in them (each child takes a byte at least)? Check this before
 * msgpack_unpack_next() on untrusted bytes that did not come through a
 * reader: msgpack-c allocates for a container's count before it reads
 * the children, so 6 bytes can ask for 100 GB. */
bool ax_msgpack_fits(const void *p, size_t len);

/* Map access on decoded records. NULL / false when absent or of another type. */
const msgpack_object *ax_map_get(const msgpack_object *map, const char *key);
bool ax_get_str(const msgpack_object *map, const char *key, const char **s, size_t *len);
bool ax_get_int(const msgpack_object *map, const char *key, int64_t *v);
bool ax_get_bool(const msgpack_object *map, const char *key, bool *v);
/* A NUL-terminated malloc'd copy of a string value, or NULL. */
char *ax_get_strdup(const msgpack_object *map, const char *key);

/* Writing. Any write error ends the tool: EPIPE quietly with status 0,
 * anything else with a message and status 3. */
struct ax_writer;
struct ax_writer *ax_writer_new(int fd);
/* Pack a record with msgpack-c's API on this packer, then call
 * ax_writer_end_record(). */
msgpack_packer *ax_writer_packer(struct ax_writer *w);
void ax_writer_end_record(struct ax_writer *w);
/* Copy a record's exact bytes (pass-through). */
void ax_writer_raw(struct ax_writer *w, const void *data, size_t len);
void ax_writer_flush(struct ax_writer *w);
/* Flush and free (does not close the fd). */
void ax_writer_free(struct ax_writer *w);
/* A stream is binary: a tool about to write one to stdout calls this
 * first, which refuses a terminal ("ax-NAME: refusing to write a binary
 * stream to a terminal (<what_instead>)", status 2). */
void ax_writer_refuse_tty(const char *what_instead);

/* Packing helpers for the common shapes. */
void ax_pack_str(msgpack_packer *pk, const char *s);
void ax_pack_strn(msgpack_packer *pk, const char *s, size_t n);
void ax_pack_kv_str(msgpack_packer *pk, const char *key, const char *val);
void ax_pack_kv_strn(msgpack_packer *pk, const char *key, const char *val, size_t n);
void ax_pack_kv_int(msgpack_packer *pk, const char *key, int64_t v);
void ax_pack_kv_bool(msgpack_packer *pk, const char *key, bool v);

/* The standard records. `root` may be NULL (only ax-scan sets it). */
void ax_write_hdr(struct ax_writer *w, const char *tool, const char *root);
/* A per-file failure; `path` may be NULL. ax_pack_err packs the same
 * record on any packer (without noting the error). */
void ax_pack_err(msgpack_packer *pk, const char *path, const char *stage,
		 const char *code, const char *msg);
void ax_write_err(struct ax_writer *w, const char *path, const char *stage,
		  const char *code, const char *msg);

/* The 64-bit content hash as stored in streams: 16 lowercase hex digits. */
void ax_hash_hex(uint64_t hash, char out[17]);

#endif
