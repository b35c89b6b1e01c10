/* stream_write.c: the buffered record writer and packing helpers. */
#include "stream/stream.h"
#include "base/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Flush once this much is buffered: big enough for few syscalls, small
 * enough that a downstream stage starts early. */
#define FLUSH_AT (64u << 10)

struct ax_writer {
	int fd;
	msgpack_sbuffer buf;
	msgpack_packer pk;
};

void ax_writer_refuse_tty(const char *what_instead)
{
	if (isatty(STDOUT_FILENO))
		ax_die(AX_EXIT_USAGE, "refusing to write a binary stream to a terminal (%s)", what_instead);
}

struct ax_writer *ax_writer_new(int fd)
{
	struct ax_writer *w = ax_calloc(1, sizeof *w);
	w->fd = fd;
	msgpack_sbuffer_init(&w->buf);
	msgpack_packer_init(&w->pk, &w->buf, msgpack_sbuffer_write);
	return w;
}

msgpack_packer *ax_writer_packer(struct ax_writer *w)
{
	return &w->pk;
}

void ax_writer_flush(struct ax_writer *w)
{
	const char *p = w->buf.data;
	size_t left = w->buf.size;
	while (left > 0) {
		ssize_t n = write(w->fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EPIPE)
			ax_exit(AX_EXIT_OK); /* the reader is gone: nothing more to do */
		if (n < 0)
			ax_die(AX_EXIT_INTERNAL, "write error: %s", strerror(errno));
		p += n;
		left -= (size_t)n;
	}
	msgpack_sbuffer_clear(&w->buf);
}

void ax_writer_end_record(struct ax_writer *w)
{
	if (w->buf.size >= FLUSH_AT)
		ax_writer_flush(w);
}

void ax_writer_raw(struct ax_writer *w, const void *data, size_t len)
{
	msgpack_sbuffer_write(&w->buf, data, len);
	ax_writer_end_record(w);
}

void ax_writer_free(struct ax_writer *w)
{
	if (!w)
		return;
	ax_writer_flush(w);
	msgpack_sbuffer_destroy(&w->buf);
	free(w);
}

void ax_pack_strn(msgpack_packer *pk, const char *s, size_t n)
{
	msgpack_pack_str(pk, n);
	msgpack_pack_str_body(pk, s, n);
}

void ax_pack_str(msgpack_packer *pk, const char *s)
{
	ax_pack_strn(pk, s, strlen(s));
}

void ax_pack_kv_strn(msgpack_packer *pk, const char *key, const char *val, size_t n)
{
	ax_pack_str(pk, key);
	ax_pack_strn(pk, val, n);
}

void ax_pack_kv_str(msgpack_packer *pk, const char *key, const char *val)
{
	ax_pack_kv_strn(pk, key, val, strlen(val));
}

void ax_pack_kv_int(msgpack_packer *pk, const char *key, int64_t v)
{
	ax_pack_str(pk, key);
	msgpack_pack_int64(pk, v);
}

void ax_pack_kv_bool(msgpack_packer *pk, const char *key, bool v)
{
	ax_pack_str(pk, key);
	if (v)
		msgpack_pack_true(pk);
	else
		msgpack_pack_false(pk);
}

void ax_write_hdr(struct ax_writer *w, const char *tool, const char *root)
{
	msgpack_packer *pk = &w->pk;
	msgpack_pack_map(pk, root ? 4 : 3);
	ax_pack_kv_str(pk, "t", "hdr");
	ax_pack_kv_int(pk, "v", AX_STREAM_VERSION);
	ax_pack_kv_str(pk, "tool", tool);
	if (root)
		ax_pack_kv_str(pk, "root", root);
	ax_writer_end_record(w);
}

void ax_pack_err(msgpack_packer *pk, const char *path, const char *stage,
		 const char *code, const char *msg)
{
	msgpack_pack_map(pk, path ? 5 : 4);
	ax_pack_kv_str(pk, "t", "err");
	if (path)
		ax_pack_kv_str(pk, "path", path);
	ax_pack_kv_str(pk, "stage", stage);
	ax_pack_kv_str(pk, "code", code);
	ax_pack_kv_str(pk, "msg", msg);
}

void ax_write_err(struct ax_writer *w, const char *path, const char *stage,
		  const char *code, const char *msg)
{
	ax_pack_err(&w->pk, path, stage, code, msg);
	ax_writer_end_record(w);
	/* The run's telemetry event counts it (stage and code only). */
	ax_note_error(stage, code);
}

void ax_hash_hex(uint64_t hash, char out[17])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--, hash >>= 4)
		out[i] = digits[hash & 15];
	out[16] = '\0';
}
