/* fuzz_stream: the record reader on arbitrary bytes and chunkings.
 *
 * Properties checked, beyond "no crash, no leak, no UB":
 *  - reading the input whole and in chunks (sizes taken from the input)
 *    gives the same records and the same verdict;
 *  - every record is within the limit, and its raw bytes re-read alone
 *    give one record of the same type;
 *  - JSON of a record read back through ax-cat's converter gives the
 *    same JSON again (the round trip ax-cat promises);
 *  - a record's "path" is accepted by ax_path_check() exactly when it is
 *    what a lexical resolver (below, written independently) leaves as it
 *    is and keeps inside the root: docs/stream.md, "Paths". */
#include "../../tools/ax-cat/from_json.c"
#include "base/json.h"
#include "base/pathcheck.h"
#include "stream/stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT 4096

struct chunks {
	const uint8_t *data;
	size_t len, pos;
	unsigned seed;
};

static long read_chunks(void *ctx, void *buf, size_t n)
{
	struct chunks *c = ctx;
	size_t want = 1 + c->seed % 7;
	c->seed = c->seed * 1103515245u + 12345u;
	if (want > n) want = n;
	if (want > c->len - c->pos) want = c->len - c->pos;
	memcpy(buf, c->data + c->pos, want);
	c->pos += want;
	return (long)want;
}

static char *json_of(const msgpack_object *v)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ax_json_write_value(out, v);
	fclose(out);
	return text;
}

static void check_json_round_trip(const msgpack_object *map)
{
	char *first = json_of(map);
	json_error_t err;
	json_t *v = json_loads(first, JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &err);
	if (!v) {
		fprintf(stderr, "ax-cat cannot read its own JSON: %s\n%s\n", err.text, first);
		abort();
	}
	msgpack_sbuffer sb;
	msgpack_packer pk;
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	const char *bad = from_json_pack(&pk, v);
	if (bad) {
		fprintf(stderr, "ax-cat refuses its own JSON: %s\n%s\n", bad, first);
		abort();
	}
	struct ax_reader *again = ax_reader_new_mem(sb.data, sb.size, "again");
	struct ax_record rec;
	if (ax_reader_next(again, &rec) != 1) {
		fprintf(stderr, "ax-cat's record does not read: %s\n%s\n", ax_reader_error(again), first);
		abort();
	}
	char *second = json_of(&rec.map);
	if (strcmp(first, second) != 0) {
		fprintf(stderr, "JSON round trip differs:\n%s\n%s\n", first, second);
		abort();
	}
	free(second);
	ax_reader_free(again);
	msgpack_sbuffer_destroy(&sb);
	json_decref(v);
	free(first);
}

/* Resolve `p` (n bytes) below a root by the letter, as a kernel would walk
 * it from the root: true if it is non-empty, holds no NUL, never leaves
 * the root, and resolving changes nothing (no '/', '.', '..' or empty
 * part to drop). */
static bool stays_as_is_inside(const char *p, size_t n)
{
	if (n == 0 || memchr(p, '\0', n) || p[0] == '/')
		return false;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && p[i] != '/')
			continue;
		size_t len = i - start;
		if (len == 0 || (len == 1 && p[start] == '.'))
			return false;   /* dropped by resolving: not as is */
		if (len == 2 && p[start] == '.' && p[start + 1] == '.')
			return false;   /* leaves the root, or drops the part before */
		start = i + 1;
	}
	return true;
}

static void check_path_rule(const msgpack_object *map)
{
	const char *p;
	size_t n;
	if (!ax_get_str(map, "path", &p, &n))
		return;
	bool accepted = ax_path_check(p, n) == NULL;
	if (accepted != stays_as_is_inside(p, n)) {
		fprintf(stderr, "ax_path_check %s a path the resolver %s: %.*s\n", accepted ? "accepts" : "refuses",
			accepted ? "refuses" : "accepts", (int)n, p);
		abort();
	}
	char shown[32];
	if (strlen(ax_path_shown(p, n, shown, sizeof shown)) >= sizeof shown)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ax_reader *whole = ax_reader_new_mem(data, size, "whole");
	struct chunks c = { data, size, 0, size ? data[0] : 1 };
	struct ax_reader *chunked = ax_reader_new_fn(read_chunks, &c, "chunked");
	ax_reader_set_limit(whole, LIMIT);
	ax_reader_set_limit(chunked, LIMIT);

	struct ax_record a, b;
	int ga, gb;
	for (;;) {
		ga = ax_reader_next(whole, &a);
		gb = ax_reader_next(chunked, &b);
		if (ga != gb)
			abort();
		if (ga <= 0)
			break;
		if (a.offset != b.offset || a.raw_len != b.raw_len ||
		    memcmp(a.raw, b.raw, a.raw_len) != 0 || a.raw_len > LIMIT)
			abort();

		struct ax_reader *alone = ax_reader_new_mem(a.raw, a.raw_len, "alone");
		struct ax_record one;
		if (ax_reader_next(alone, &one) != 1 || one.type_len != a.type_len ||
		    ax_reader_next(alone, &one) != 0)
			abort();
		ax_reader_free(alone);

		check_json_round_trip(&a.map);
		check_path_rule(&a.map);
	}
	if (ga < 0 && strcmp(ax_reader_error(whole) + 5, ax_reader_error(chunked) + 7) != 0)
		abort(); /* same message after the differing names */
	ax_reader_free(whole);
	ax_reader_free(chunked);
	return 0;
}
