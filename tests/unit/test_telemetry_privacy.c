/* test_telemetry_privacy.c: every field the code can emit is on the list.
 *
 * The allowlist is the table "What an event holds" of docs/PRIVACY.md, read
 * from the file, so the promise and the code cannot drift apart. Events are
 * made through the real paths (the hooks every tool runs, and the setters
 * with hostile input), and decoded here with plain msgpack, not with the
 * code under test: every key must be listed, every value must fit its
 * pattern, and no identifying string (a path, the user, the host, the
 * working directory, a planted marker) may appear anywhere in the spool. */
#include "flags/flags.h"
#include "telemetry/hooks.h"
#include "telemetry/telemetry.h"
#include "test.h"

#include <ctype.h>
#include <fcntl.h>
#include <msgpack.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER "SECRETMARKER"

static char allowed[32][32];
static int n_allowed;
static int with_variants, with_errors, with_counts;   /* every path was taken */

static void load_allowlist(void)
{
	const char *root = getenv("AX_ROOT");
	char path[4096];
	snprintf(path, sizeof path, "%s/docs/PRIVACY.md", root ? root : ".");
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char line[1024];
	int in_table = 0;
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "## ", 3))
			in_table = !strncmp(line, "## What an event holds", 22);
		char name[32];
		if (in_table && sscanf(line, "| `%31[a-z_]` |", name) == 1 && n_allowed < 32)
			strcpy(allowed[n_allowed++], name);
	}
	fclose(f);
}

static int is_allowed(const char *k, size_t n)
{
	for (int i = 0; i < n_allowed; i++)
		if (strlen(allowed[i]) == n && !memcmp(allowed[i], k, n))
			return 1;
	return 0;
}

static int str_is(const msgpack_object *v, const char *s)
{
	return v->type == MSGPACK_OBJECT_STR && v->via.str.size == strlen(s) && !memcmp(v->via.str.ptr, s, v->via.str.size);
}

/* Only [A-Za-z0-9._:-]: nothing that can spell a path, a space or a message. */
static int plain_token(const msgpack_object *v, size_t max)
{
	if (v->type != MSGPACK_OBJECT_STR || v->via.str.size == 0 || v->via.str.size > max)
		return 0;
	for (uint32_t i = 0; i < v->via.str.size; i++) {
		char c = v->via.str.ptr[i];
		if (!isalnum((unsigned char)c) && !strchr("._:-", c))
			return 0;
	}
	return 1;
}

static int hex_id(const msgpack_object *v)
{
	if (v->type != MSGPACK_OBJECT_STR || v->via.str.size != 32)
		return 0;
	for (uint32_t i = 0; i < 32; i++)
		if (!strchr("0123456789abcdef", v->via.str.ptr[i]))
			return 0;
	return 1;
}

static int bucketed(const msgpack_object *v)
{
	return v->type == MSGPACK_OBJECT_POSITIVE_INTEGER && ax_tel_bucket(v->via.u64) == v->via.u64;
}

/* One decoded payload: keys and value shapes. */
static void check_payload(const msgpack_object *m)
{
	CHECK(m->type == MSGPACK_OBJECT_MAP);
	if (m->type != MSGPACK_OBJECT_MAP)
		return;
	for (uint32_t i = 0; i < m->via.map.size; i++) {
		const msgpack_object *k = &m->via.map.ptr[i].key, *v = &m->via.map.ptr[i].val;
		CHECK(k->type == MSGPACK_OBJECT_STR && is_allowed(k->via.str.ptr, k->via.str.size));
		if (k->type != MSGPACK_OBJECT_STR)
			continue;
		if (str_is(k, "uid") || str_is(k, "session") || str_is(k, "install"))
			CHECK(hex_id(v));
		else if (str_is(k, "time"))
			CHECK(v->type == MSGPACK_OBJECT_POSITIVE_INTEGER && v->via.u64 % 3600 == 0);
		else if (str_is(k, "duration_ms"))
			CHECK(v->type == MSGPACK_OBJECT_FLOAT64);
		else if (str_is(k, "exit"))
			CHECK(v->type == MSGPACK_OBJECT_POSITIVE_INTEGER && v->via.u64 <= 255);
		else if (str_is(k, "errors")) {
			CHECK(v->type == MSGPACK_OBJECT_ARRAY && v->via.array.size <= 8);
			with_errors += v->type == MSGPACK_OBJECT_ARRAY && v->via.array.size > 0;
			for (uint32_t j = 0; v->type == MSGPACK_OBJECT_ARRAY && j < v->via.array.size; j++)
				CHECK(plain_token(&v->via.array.ptr[j], 40));
		} else if (str_is(k, "counts")) {
			CHECK(v->type == MSGPACK_OBJECT_MAP);
			with_counts += v->type == MSGPACK_OBJECT_MAP && v->via.map.size > 0;
			for (uint32_t j = 0; v->type == MSGPACK_OBJECT_MAP && j < v->via.map.size; j++) {
				const msgpack_object *ck = &v->via.map.ptr[j].key;
				CHECK(str_is(ck, "files") || str_is(ck, "records") || str_is(ck, "results") ||
					str_is(ck, "bytes") || str_is(ck, "errors"));
				CHECK(bucketed(&v->via.map.ptr[j].val));
			}
		} else if (str_is(k, "variants")) {
			CHECK(v->type == MSGPACK_OBJECT_MAP && v->via.map.size <= 32);
			with_variants += v->type == MSGPACK_OBJECT_MAP && v->via.map.size > 0;
			for (uint32_t j = 0; v->type == MSGPACK_OBJECT_MAP && j < v->via.map.size; j++) {
				CHECK(plain_token(&v->via.map.ptr[j].key, 64));
				CHECK(plain_token(&v->via.map.ptr[j].val, 64));
			}
		} else {
			CHECK(plain_token(v, 32));   /* tool, version, os, arch */
		}
	}
}

static size_t check_spool(const unsigned char *data, size_t len)
{
	size_t pos = 0, n = 0;
	while (pos + AX_TEL_FRAME_OVERHEAD <= len && !memcmp(data + pos, "AXT1", 4)) {
		size_t plen = data[pos + 4] | (size_t)data[pos + 5] << 8;
		msgpack_unpacked up;
		msgpack_unpacked_init(&up);
		size_t off = 0;
		CHECK(msgpack_unpack_next(&up, (const char *)data + pos + 6, plen, &off) == MSGPACK_UNPACK_SUCCESS);
		check_payload(&up.data);
		msgpack_unpacked_destroy(&up);
		pos += plen + AX_TEL_FRAME_OVERHEAD;
		n++;
	}
	CHECK_EQ_INT(pos, len);
	return n;
}

static void check_absent(const unsigned char *data, size_t len, const char *what)
{
	if (what && strlen(what) >= 3 && memmem(data, len, what, strlen(what))) {
		fprintf(stderr, "found '%s' in the spool\n", what);
		CHECK(0);
	}
}

int main(void)
{
	load_allowlist();
	CHECK_EQ_INT(n_allowed, 13);

	char tmpl[TEST_TMP_MAX];
	test_tmp(tmpl, "tel-privacy-" MARKER);
	char *dir = mkdtemp(tmpl);
	setenv("AX_TELEMETRY_DIR", dir, 1);
	setenv("AX_TELEMETRY", "local", 1);
	unsetenv("DO_NOT_TRACK");
	unsetenv("AX_SESSION");
	if (chdir(dir) != 0)
		CHECK(0);
	/* A flag file and environment full of hostile names. */
	setenv("AX_FLAG_" MARKER, "on", 1);

	/* Every input a tool can give the hooks, hostile ones included. */
	const char *tools[] = { "ax-parse", "/home/" MARKER "/bin/ax-scan", ("ax-" MARKER), "ax" };
	for (int t = 0; t < 4; t++) {
		ax_hooks_start(tools[t]);
		ax_flag_enabled("stage.parse");
		ax_flag_enabled("/etc/" MARKER);
		ax_flag_enabled("parse.fast_path");
		ax_hooks_count("files", 123456);
		ax_hooks_count("bytes", 987654321);
		ax_hooks_count("records", 3);
		ax_hooks_count("results", 0);
		ax_hooks_count("errors", 7);
		ax_hooks_count("/src/" MARKER ".c", 5);
		ax_hooks_error("parse", "timeout");
		ax_hooks_error("parse", "cannot open /src/" MARKER ".c: EACCES");
		ax_hooks_error("/tmp/" MARKER, "EACCES");
		ax_hooks_finish(t);
	}

	/* And the setters used by ax-telemetry record. */
	unsigned char buf[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
	struct ax_tel_event e;
	memset(&e, 0, sizeof e);
	ax_tel_random_id(e.uid);
	ax_tel_random_id(e.session);
	ax_tel_random_id(e.install);
	e.time = 3600 * 500000;
	ax_tel_set_tool(&e, "ax-flag " MARKER);
	strcpy(e.version, "0.1.0");
	ax_tel_platform(e.os, e.arch);
	for (int i = 0; i < 40; i++)
		ax_tel_add_variant(&e, i % 2 ? "f.name" : MARKER "/x", i % 3 ? "on" : "a b");
	ax_tel_add_error(&e, MARKER, MARKER);
	size_t n = ax_tel_encode(&e, buf, sizeof buf);
	CHECK(n > 0);
	CHECK_EQ_INT(ax_tel_spool_append(dir, buf, n), 0);

	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, AX_TEL_SPOOL);
	int fd = open(path, O_RDONLY);
	struct stat sb;
	CHECK(fd >= 0 && fstat(fd, &sb) == 0);
	unsigned char *data = malloc((size_t)sb.st_size + 1);
	CHECK_EQ_INT(read(fd, data, (size_t)sb.st_size), sb.st_size);
	close(fd);
	CHECK_EQ_INT(check_spool(data, (size_t)sb.st_size), 5);
	CHECK_EQ_INT(with_variants, 5);
	CHECK_EQ_INT(with_errors, 5);
	CHECK_EQ_INT(with_counts, 4);

	char host[256] = "";
	gethostname(host, sizeof host);
	struct passwd *pw = getpwuid(getuid());
	check_absent(data, (size_t)sb.st_size, MARKER);
	check_absent(data, (size_t)sb.st_size, host);
	check_absent(data, (size_t)sb.st_size, pw ? pw->pw_name : NULL);
	check_absent(data, (size_t)sb.st_size, getenv("HOME"));
	check_absent(data, (size_t)sb.st_size, dir);
	check_absent(data, (size_t)sb.st_size, "/");
	/* The hostile tool names were reduced to "other". */
	CHECK(memmem(data, (size_t)sb.st_size, "other", 5) != NULL);
	free(data);

	char cmd[4300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK_EQ_INT(system(cmd), 0);
	return test_summary();
}
