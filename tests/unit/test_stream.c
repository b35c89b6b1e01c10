/* test_stream.c: the record reader and writer. */
#include "base/pathcheck.h"
#include "stream/stream.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

/* A sample stream written by the writer: every standard record type, an
 * unknown one, strings with NUL and invalid UTF-8, big and negative ints,
 * and one record large enough to cross the reader's internal chunks. */
static char *sample;
static size_t sample_len;
static size_t sample_records;
static size_t sample_ends[16]; /* byte offset after each record */

static void build_sample(void)
{
	char path[TEST_TMP_MAX];
	test_tmp(path, "stream");
	int fd = mkstemp(path);
	unlink(path);
	struct ax_writer *w = ax_writer_new(fd);
	msgpack_packer *pk = ax_writer_packer(w);

	ax_write_hdr(w, "ax-test", "/repo");
	msgpack_pack_map(pk, 6);
	ax_pack_kv_str(pk, "t", "file");
	ax_pack_kv_strn(pk, "path", "dir/a\nb\xff.py", 11);
	ax_pack_kv_str(pk, "lang", "python");
	ax_pack_kv_int(pk, "size", 123);
	ax_pack_kv_int(pk, "mtime", 1700000000123456789LL);
	ax_pack_kv_str(pk, "hash", "0123456789abcdef");
	ax_writer_end_record(w);
	ax_write_err(w, "x.c", "scan", "EACCES", "Permission denied");
	ax_write_err(w, NULL, "parse", "EIO", "no path");
	/* An unknown type with every kind of value. */
	msgpack_pack_map(pk, 5);
	ax_pack_kv_str(pk, "t", "future");
	ax_pack_str(pk, "neg");
	msgpack_pack_int64(pk, INT64_MIN);
	ax_pack_str(pk, "big");
	msgpack_pack_uint64(pk, UINT64_MAX);
	ax_pack_str(pk, "nul");
	ax_pack_strn(pk, "a\0b", 3);
	ax_pack_str(pk, "nested");
	msgpack_pack_array(pk, 2);
	msgpack_pack_map(pk, 0);
	msgpack_pack_array(pk, 1);
	msgpack_pack_nil(pk);
	ax_writer_end_record(w);
	/* 300 KiB: crosses the reader's 64 KiB reads and its first buffer. */
	msgpack_pack_map(pk, 2);
	ax_pack_kv_str(pk, "t", "parsed");
	ax_pack_str(pk, "syms");
	msgpack_pack_array(pk, 30000);
	for (int i = 0; i < 30000; i++)
		ax_pack_str(pk, "symbol_x");
	ax_writer_end_record(w);
	msgpack_pack_map(pk, 3);
	ax_pack_kv_str(pk, "t", "end");
	ax_pack_kv_int(pk, "files", 1);
	ax_pack_kv_bool(pk, "complete", true);
	ax_writer_end_record(w);
	ax_writer_free(w);

	sample_len = (size_t)lseek(fd, 0, SEEK_END);
	sample = malloc(sample_len);
	if (pread(fd, sample, sample_len, 0) != (ssize_t)sample_len)
		abort();
	close(fd);

	/* Record boundaries, from a whole-buffer read. */
	struct ax_reader *r = ax_reader_new_mem(sample, sample_len, "sample");
	struct ax_record rec;
	while (ax_reader_next(r, &rec) > 0)
		sample_ends[sample_records++] = rec.offset + rec.raw_len;
	ax_reader_free(r);
}

struct chunker {
	const char *data;
	size_t len, pos, chunk, split; /* split: one cut at this offset, if chunk == 0 */
};

static long read_chunks(void *ctx, void *buf, size_t n)
{
	struct chunker *c = ctx;
	size_t left = c->len - c->pos;
	size_t want = c->chunk ? c->chunk
		    : c->pos < c->split ? c->split - c->pos : left;
	if (want > n)
		want = n;
	if (want > left)
		want = left;
	memcpy(buf, c->data + c->pos, want);
	c->pos += want;
	return (long)want;
}

/* Reads everything; returns records read, and the final status in *last. */
static size_t read_all(struct ax_reader *r, int *last, size_t *total_raw)
{
	struct ax_record rec;
	size_t n = 0;
	*total_raw = 0;
	while ((*last = ax_reader_next(r, &rec)) > 0) {
		n++;
		*total_raw += rec.raw_len;
	}
	return n;
}

static void test_round_trip(void)
{
	struct ax_reader *r = ax_reader_new_mem(sample, sample_len, "sample");
	struct ax_record rec;

	CHECK_EQ_INT(ax_reader_next(r, &rec), 1);
	CHECK(ax_record_is(&rec, "hdr"));
	int64_t v;
	CHECK(ax_get_int(&rec.map, "v", &v) && v == AX_STREAM_VERSION);
	char *root = ax_get_strdup(&rec.map, "root");
	CHECK_EQ_STR(root, "/repo");
	free(root);
	CHECK_EQ_INT(rec.offset, 0);

	CHECK_EQ_INT(ax_reader_next(r, &rec), 1);
	CHECK(ax_record_is(&rec, "file"));
	const char *s;
	size_t n;
	CHECK(ax_get_str(&rec.map, "path", &s, &n) && n == 11 && memcmp(s, "dir/a\nb\xff.py", 11) == 0);
	CHECK(ax_get_int(&rec.map, "mtime", &v) && v == 1700000000123456789LL);
	CHECK(!ax_get_int(&rec.map, "lang", &v)); /* wrong type */
	CHECK(!ax_get_str(&rec.map, "missing", &s, &n));

	CHECK_EQ_INT(ax_reader_next(r, &rec), 1);
	CHECK(ax_record_is(&rec, "err"));
	CHECK_EQ_INT(ax_reader_next(r, &rec), 1);
	CHECK(ax_map_get(&rec.map, "path") == NULL);

	CHECK_EQ_INT(ax_reader_next(r, &rec), 1);
	CHECK(ax_record_is(&rec, "future"));
	CHECK(ax_get_int(&rec.map, "neg", &v) && v == INT64_MIN);
	CHECK(!ax_get_int(&rec.map, "big", &v)); /* above INT64_MAX */
	CHECK(ax_map_get(&rec.map, "big")->via.u64 == UINT64_MAX);
	CHECK(ax_get_str(&rec.map, "nul", &s, &n) && n == 3 && s[1] == '\0');
	/* Pass-through: the raw bytes are the record exactly. */
	CHECK(memcmp(rec.raw, sample + rec.offset, rec.raw_len) == 0);

	CHECK_EQ_INT(ax_reader_next(r, &rec), 1);
	CHECK(ax_record_is(&rec, "parsed"));
	CHECK_EQ_INT(ax_map_get(&rec.map, "syms")->via.array.size, 30000);
	CHECK(rec.raw_len > 64 * 1024 * 4);

	CHECK_EQ_INT(ax_reader_next(r, &rec), 1);
	bool complete = false;
	CHECK(ax_record_is(&rec, "end") && ax_get_bool(&rec.map, "complete", &complete) && complete);
	CHECK_EQ_INT(ax_reader_next(r, &rec), 0);
	CHECK_EQ_INT(ax_reader_next(r, &rec), 0);
	ax_reader_free(r);
	CHECK_EQ_INT(sample_records, 7);
}

/* The same records whatever the read sizes: 1, 2, 3 ... bytes at a time,
 * and a single cut at every offset. */
static void test_every_split(void)
{
	int bad = 0;
	for (size_t chunk = 1; chunk <= 64; chunk++) {
		struct chunker c = { sample, sample_len, 0, chunk, 0 };
		struct ax_reader *r = ax_reader_new_fn(read_chunks, &c, "chunks");
		int last;
		size_t raw, n = read_all(r, &last, &raw);
		bad += n != sample_records || last != 0 || raw != sample_len;
		ax_reader_free(r);
	}
	CHECK_EQ_INT(bad, 0);

	bad = 0;
	for (size_t cut = 0; cut <= sample_len; cut += cut < 4096 ? 1 : 997) {
		struct chunker c = { sample, sample_len, 0, 0, cut };
		struct ax_reader *r = ax_reader_new_fn(read_chunks, &c, "cut");
		int last;
		size_t raw, n = read_all(r, &last, &raw);
		bad += n != sample_records || last != 0 || raw != sample_len;
		ax_reader_free(r);
	}
	CHECK_EQ_INT(bad, 0);
}

/* Copying every record's raw bytes reproduces the stream exactly. */
static void test_pass_through(void)
{
	char path[TEST_TMP_MAX];
	test_tmp(path, "pass");
	int fd = mkstemp(path);
	unlink(path);
	struct ax_writer *w = ax_writer_new(fd);
	struct ax_reader *r = ax_reader_new_mem(sample, sample_len, "sample");
	struct ax_record rec;
	while (ax_reader_next(r, &rec) > 0)
		ax_writer_raw(w, rec.raw, rec.raw_len);
	ax_writer_free(w);
	ax_reader_free(r);

	size_t len = (size_t)lseek(fd, 0, SEEK_END);
	char *copy = malloc(len);
	CHECK_EQ_INT(pread(fd, copy, len, 0), (long long)sample_len);
	CHECK(len == sample_len && memcmp(copy, sample, len) == 0);
	free(copy);
	close(fd);
}

/* Every prefix: whole records come out, then a clean end at a boundary
 * or an error naming the truncated record. */
static void test_truncated(void)
{
	int bad = 0;
	for (size_t len = 0; len < sample_len; len += len < 4096 ? 1 : 1009) {
		struct ax_reader *r = ax_reader_new_mem(sample, len, "cut");
		int last;
		size_t raw, n = read_all(r, &last, &raw);
		size_t whole = 0;
		while (whole < sample_records && sample_ends[whole] <= len)
			whole++;
		int at_boundary = len == 0 || (whole > 0 && sample_ends[whole - 1] == len);
		bad += n != whole;
		bad += at_boundary ? last != 0 : last != -1;
		if (!at_boundary)
			bad += strstr(ax_reader_error(r), "stream ends inside a record") == NULL;
		ax_reader_free(r);
	}
	CHECK_EQ_INT(bad, 0);
}

static const char *first_error(const void *data, size_t len, size_t limit)
{
	static char msg[256];
	struct ax_reader *r = ax_reader_new_mem(data, len, "in");
	if (limit)
		ax_reader_set_limit(r, limit);
	struct ax_record rec;
	int got;
	while ((got = ax_reader_next(r, &rec)) > 0)
		;
	snprintf(msg, sizeof msg, "%s", got < 0 ? ax_reader_error(r) : "");
	ax_reader_free(r);
	return msg;
}

static void test_bad_input(void)
{
	/* {"t":"x"} is 81 a1 74 a1 78 */
	static const unsigned char ok[] = { 0x81, 0xa1, 't', 0xa1, 'x' };
	CHECK_EQ_STR(first_error(ok, sizeof ok, 0), "");

	static const unsigned char array[] = { 0x91, 0x01 };
	CHECK_EQ_STR(first_error(array, sizeof array, 0),
		     "in: byte 0: record is not a msgpack map (type byte 0x91)");

	static const unsigned char c1[] = { 0x81, 0xa1, 't', 0xa1, 'x', 0x81, 0xa1, 't', 0xc1 };
	CHECK_EQ_STR(first_error(c1, sizeof c1, 0), "in: byte 8: invalid msgpack type byte 0xc1");

	static const unsigned char no_t[] = { 0x81, 0xa1, 'u', 0xa1, 'x' };
	CHECK_EQ_STR(first_error(no_t, sizeof no_t, 0), "in: byte 0: record has no string key \"t\"");

	static const unsigned char int_t[] = { 0x81, 0xa1, 't', 0x05 };
	CHECK_EQ_STR(first_error(int_t, sizeof int_t, 0), "in: byte 0: record has no string key \"t\"");

	static const unsigned char empty_map[] = { 0x80 };
	CHECK_EQ_STR(first_error(empty_map, sizeof empty_map, 0),
		     "in: byte 0: record has no string key \"t\"");

	/* Huge declared lengths are refused from their header alone. */
	static const unsigned char str32[] = { 0x81, 0xa1, 't', 0xdb, 0xff, 0xff, 0xff, 0xff, 'a' };
	CHECK(strstr(first_error(str32, sizeof str32, 0), "record larger than the limit") != NULL);
	static const unsigned char arr32[] = { 0x81, 0xa1, 't', 0xdd, 0xff, 0xff, 0xff, 0xff, 0x01 };
	CHECK(strstr(first_error(arr32, sizeof arr32, 0), "record larger than the limit") != NULL);
	static const unsigned char map32[] = { 0xdf, 0xff, 0xff, 0xff, 0xff };
	CHECK(strstr(first_error(map32, sizeof map32, 0), "record larger than the limit") != NULL);
	static const unsigned char bin32[] = { 0x81, 0xa1, 't', 0xc6, 0x7f, 0xff, 0xff, 0xff };
	CHECK(strstr(first_error(bin32, sizeof bin32, 0), "record larger than the limit") != NULL);
	static const unsigned char ext32[] = { 0x81, 0xa1, 't', 0xc9, 0x7f, 0xff, 0xff, 0xff, 0x01 };
	CHECK(strstr(first_error(ext32, sizeof ext32, 0), "record larger than the limit") != NULL);

	/* The limit is exact: a record of exactly `limit` bytes passes. */
	CHECK_EQ_STR(first_error(ok, sizeof ok, sizeof ok), "");
	CHECK(strstr(first_error(ok, sizeof ok, sizeof ok - 1), "larger than the limit of 4 bytes") != NULL);

	/* Deep nesting is refused, not recursed into. */
	unsigned char deep[64];
	size_t n = 0;
	deep[n++] = 0x82; deep[n++] = 0xa1; deep[n++] = 't'; deep[n++] = 0xa1; deep[n++] = 'x';
	deep[n++] = 0xa1; deep[n++] = 'd';
	for (int i = 0; i < 40; i++)
		deep[n++] = 0x91;
	deep[n++] = 0xc0;
	CHECK(strstr(first_error(deep, n, 0), "nesting deeper than 24 levels") != NULL);

	/* The offset is the stream's, not the buffer's. */
	unsigned char two[sizeof ok * 2 + 1];
	memcpy(two, ok, sizeof ok);
	memcpy(two + sizeof ok, ok, sizeof ok);
	two[sizeof two - 1] = 0x07;
	CHECK_EQ_STR(first_error(two, sizeof two, 0),
		     "in: byte 10: record is not a msgpack map (type byte 0x07)");
}

/* Random garbage must end in records or an error, never a crash; the
 * sanitizer build of this test is what makes this meaningful. */
static void test_garbage(void)
{
	unsigned seed = 12345;
	unsigned char buf[512];
	int ended = 0;
	for (int round = 0; round < 20000; round++) {
		size_t len = 1 + rand_r(&seed) % sizeof buf;
		for (size_t i = 0; i < len; i++)
			buf[i] = (unsigned char)rand_r(&seed);
		/* Half the rounds start like a record so framing gets deeper. */
		if (round % 2)
			buf[0] = 0x80 | (buf[0] & 0x0f);
		struct ax_reader *r = ax_reader_new_mem(buf, len, "garbage");
		struct ax_record rec;
		int got;
		while ((got = ax_reader_next(r, &rec)) > 0)
			;
		ended += got == 0 || got == -1;
		ax_reader_free(r);
	}
	CHECK_EQ_INT(ended, 20000);
}

static void test_hash_hex(void)
{
	char hex[17];
	ax_hash_hex(0, hex);
	CHECK_EQ_STR(hex, "0000000000000000");
	ax_hash_hex(UINT64_MAX, hex);
	CHECK_EQ_STR(hex, "ffffffffffffffff");
	ax_hash_hex(0x0123456789abcdefULL, hex);
	CHECK_EQ_STR(hex, "0123456789abcdef");
}

/* ax_msgpack_fits: counts must fit in the bytes (fuzz_spool found a map
 * header asking msgpack-c for 128 GiB). */
static void test_msgpack_fits(void)
{
	CHECK(ax_msgpack_fits("\x82\xa1k\x01\xa1v\xc0", 7));       /* {"k":1,"v":nil} */
	CHECK(!ax_msgpack_fits("\x82\xa1k\x01\xa1v", 6));           /* a value short */
	CHECK(!ax_msgpack_fits("\x81\xa1k\x01\x01", 5));            /* a byte left over */
	CHECK(!ax_msgpack_fits("\xdf\x7f\xff\xff\xff\xa1k", 7));  /* 2^31 entries */
	CHECK(!ax_msgpack_fits("\xdd\x00\x01\x00\x00\xc0\xc0", 7)); /* 65536 items */
	CHECK(!ax_msgpack_fits("\xdb\xff\xff\xff\xff", 5));        /* a 4 GiB string */
	CHECK(!ax_msgpack_fits("", 0));
}

/* docs/stream.md, "Paths": each kind of path refused, with its reason,
 * and names that only look like them accepted. */
static void test_path_rule(void)
{
	static const struct { const char *path; size_t len; const char *why; } cases[] = {
		{ "a.c", 3, NULL },
		{ "src/a/b.c", 9, NULL },
		{ "..a/b..", 7, NULL },
		{ ".hidden/.x", 10, NULL },
		{ "a...", 4, NULL },
		{ "", 0, "empty path" },
		{ "/etc/passwd", 11, "absolute path" },
		{ "../x", 4, "'..' component" },
		{ "a/..", 4, "'..' component" },
		{ "a/../b", 6, "'..' component" },
		{ "./a", 3, "'.' component" },
		{ "a/./b", 5, "'.' component" },
		{ ".", 1, "'.' component" },
		{ "a//b", 4, "empty component (// or a trailing /)" },
		{ "a/", 2, "empty component (// or a trailing /)" },
		{ "a\0b", 3, "NUL byte in the path" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *why = ax_path_check(cases[i].path, cases[i].len);
		if (cases[i].why)
			CHECK_EQ_STR(why ? why : "(accepted)", cases[i].why);
		else
			CHECK_EQ_STR(why ? why : "(accepted)", "(accepted)");
	}
	char buf[16];
	CHECK_EQ_STR(ax_path_shown("a\0\"\xff", 4, buf, sizeof buf), "a\\x00\\x22...");
}

int main(void)
{
	build_sample();
	test_round_trip();
	test_every_split();
	test_pass_through();
	test_truncated();
	test_bad_input();
	test_garbage();
	test_hash_hex();
	test_msgpack_fits();
	test_path_rule();
	free(sample);
	return test_summary();
}
