/* test_telemetry.c: events, frames, the spool and the mode (lib/telemetry/). */
#include "telemetry/telemetry.h"
#include "test.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void sample_event(struct ax_tel_event *e)
{
	memset(e, 0, sizeof *e);
	ax_tel_random_id(e->uid);
	ax_tel_random_id(e->session);
	ax_tel_random_id(e->install);
	e->time = 1796148000;
	ax_tel_set_tool(e, "ax-parse");
	strcpy(e->version, "0.1.0");
	ax_tel_platform(e->os, e->arch);
	e->duration_ms = 12.25;
	e->exit = 2;
	ax_tel_add_error(e, "parse", "timeout");
	ax_tel_set_count(e, "files", 1234);
	ax_tel_add_variant(e, "parse.fast", "on");
}

static void test_bucket(void)
{
	CHECK_EQ_INT(ax_tel_bucket(0), 0);
	CHECK_EQ_INT(ax_tel_bucket(1), 1);
	CHECK_EQ_INT(ax_tel_bucket(3), 2);
	CHECK_EQ_INT(ax_tel_bucket(7), 5);
	CHECK_EQ_INT(ax_tel_bucket(10), 10);
	CHECK_EQ_INT(ax_tel_bucket(1234), 1000);
	CHECK_EQ_INT(ax_tel_bucket(4999), 2000);
	CHECK_EQ_INT(ax_tel_bucket(5000), 5000);
	CHECK(ax_tel_bucket(UINT64_MAX) == 10000000000000000000ull);
	for (uint64_t n = 1; n < 100000; n = n * 3 + 1)
		CHECK(ax_tel_bucket(n) <= n && ax_tel_bucket(ax_tel_bucket(n)) == ax_tel_bucket(n));
}

static void test_roundtrip(void)
{
	struct ax_tel_event e, d;
	unsigned char buf[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
	sample_event(&e);
	size_t n = ax_tel_encode(&e, buf, sizeof buf);
	CHECK(n > AX_TEL_FRAME_OVERHEAD && n < 400);
	CHECK(ax_tel_decode(buf + 6, n - AX_TEL_FRAME_OVERHEAD, &d));
	CHECK_EQ_STR(d.uid, e.uid);
	CHECK_EQ_STR(d.tool, "ax-parse");
	CHECK_EQ_INT(d.time, 1796148000);
	CHECK(d.duration_ms == 12.25);
	CHECK_EQ_INT(d.exit, 2);
	CHECK_EQ_INT(d.n_errors, 1);
	CHECK_EQ_STR(d.errors[0], "parse:timeout");
	CHECK(d.has_count[AX_TEL_FILES] && d.counts[AX_TEL_FILES] == 1000);
	CHECK(!d.has_count[AX_TEL_BYTES]);
	CHECK_EQ_INT(d.n_variants, 1);
	CHECK_EQ_STR(d.flag[0], "parse.fast");
	/* Invalid events are not encoded: time not on the hour, bad id. */
	e.time += 1;
	CHECK_EQ_INT(ax_tel_encode(&e, buf, sizeof buf), 0);
	e.time -= 1;
	strcpy(e.session, "not-an-id");
	CHECK_EQ_INT(ax_tel_encode(&e, buf, sizeof buf), 0);
}

static void test_setters_reduce(void)
{
	struct ax_tel_event e;
	sample_event(&e);
	ax_tel_set_tool(&e, "/usr/bin/ax-parse");
	CHECK_EQ_STR(e.tool, "other");
	ax_tel_set_tool(&e, "ax-flag");
	CHECK_EQ_STR(e.tool, "ax-flag");
	ax_tel_add_error(&e, "parse", "could not open /home/me/x.c");
	CHECK_EQ_STR(e.errors[1], "parse:other");
	ax_tel_add_error(&e, "parse", "timeout");   /* duplicate */
	CHECK_EQ_INT(e.n_errors, 2);
	for (int i = 0; i < 20; i++)
		ax_tel_add_error(&e, i % 2 ? "scan" : "load", i % 3 ? "EACCES" : "ENOENT");
	CHECK(e.n_errors <= AX_TEL_MAX_ERRORS);
	ax_tel_add_variant(&e, "path/flag", "on");
	ax_tel_add_variant(&e, "ok.flag", "value with space");
	CHECK_EQ_INT(e.n_variants, 1);
	ax_tel_set_count(&e, "secret", 5);
	CHECK(ax_tel_event_valid(&e));
}

static void test_frames(void)
{
	unsigned char spool[4096];
	size_t len = 0;
	struct ax_tel_event e, d;
	char uids[3][AX_TEL_ID_LEN + 1];
	for (int i = 0; i < 3; i++) {
		sample_event(&e);
		strcpy(uids[i], e.uid);
		len += ax_tel_encode(&e, spool + len, sizeof spool - len);
		if (i == 0) {
			/* garbage between frames */
			memcpy(spool + len, "garbage!", 8);
			len += 8;
		}
	}
	size_t good = len;
	/* a torn last record: half a frame */
	sample_event(&e);
	size_t n = ax_tel_encode(&e, spool + len, sizeof spool - len);
	len += n / 2;
	struct ax_tel_frames f;
	ax_tel_frames_init(&f, spool, len);
	int seen = 0;
	while (ax_tel_frames_next(&f, &d)) {
		CHECK(seen < 3 && !strcmp(d.uid, uids[seen]));
		seen++;
	}
	CHECK_EQ_INT(seen, 3);
	CHECK_EQ_INT(f.corrupt, 2);
	/* a flipped payload byte fails the checksum */
	spool[20] ^= 0x40;
	ax_tel_frames_init(&f, spool, good);
	seen = 0;
	while (ax_tel_frames_next(&f, &d))
		seen++;
	CHECK_EQ_INT(seen, 2);
	CHECK_EQ_INT(f.corrupt, 1);   /* the bad frame and the garbage after it: one stretch */
}

static void test_mode(void)
{
	char tmpl[TEST_TMP_MAX];
	test_tmp(tmpl, "tel-unit");
	char *dir = mkdtemp(tmpl);
	CHECK(dir != NULL);
	struct ax_tel_config c;
	const char *src;
	unsetenv("DO_NOT_TRACK");
	unsetenv("AX_TELEMETRY");
	ax_tel_config_load(dir, &c);
	CHECK_EQ_INT(c.mode, AX_TEL_LOCAL);
	CHECK_EQ_INT(c.retention_days, 90);
	c.mode = AX_TEL_ON;
	c.consent = 1700000000;
	c.retention_days = 30;
	strcpy(c.endpoint, "https://example.invalid/t");
	CHECK_EQ_INT(ax_tel_config_save(dir, &c), 0);
	ax_tel_config_load(dir, &c);
	CHECK_EQ_INT(c.mode, AX_TEL_ON);
	CHECK_EQ_INT(c.consent, 1700000000);
	CHECK_EQ_INT(c.retention_days, 30);
	CHECK_EQ_STR(c.endpoint, "https://example.invalid/t");
	CHECK_EQ_INT(ax_tel_mode_effective(&c, &src), AX_TEL_ON);
	setenv("AX_TELEMETRY", "local", 1);
	CHECK_EQ_INT(ax_tel_mode_effective(&c, &src), AX_TEL_LOCAL);
	CHECK_EQ_STR(src, "AX_TELEMETRY");
	setenv("AX_TELEMETRY", "bogus", 1);
	CHECK_EQ_INT(ax_tel_mode_effective(&c, &src), AX_TEL_ON);
	setenv("DO_NOT_TRACK", "1", 1);
	setenv("AX_TELEMETRY", "on", 1);
	CHECK_EQ_INT(ax_tel_mode_effective(&c, &src), AX_TEL_OFF);
	CHECK_EQ_STR(src, "DO_NOT_TRACK");
	setenv("DO_NOT_TRACK", "0", 1);
	CHECK_EQ_INT(ax_tel_mode_effective(&c, &src), AX_TEL_ON);
	unsetenv("DO_NOT_TRACK");
	unsetenv("AX_TELEMETRY");

	setenv("AX_TELEMETRY_DIR", dir, 1);
	char *d = ax_tel_dir();
	CHECK_EQ_STR(d, dir);
	free(d);
	unsetenv("AX_TELEMETRY_DIR");
	setenv("XDG_STATE_HOME", "/x/state", 1);
	d = ax_tel_dir();
	CHECK_EQ_STR(d, "/x/state/ax");
	free(d);
	setenv("XDG_STATE_HOME", "relative", 1);
	setenv("HOME", "/h", 1);
	d = ax_tel_dir();
	CHECK_EQ_STR(d, "/h/.local/state/ax");
	free(d);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK_EQ_INT(system(cmd), 0);
}

/* Many processes appending at once: every frame intact, none lost. */
static void test_concurrent_append(void)
{
	char tmpl[TEST_TMP_MAX];
	test_tmp(tmpl, "tel-unit");
	char *dir = mkdtemp(tmpl);
	enum { PROCS = 8, EACH = 500 };
	for (int p = 0; p < PROCS; p++) {
		if (fork() == 0) {
			unsigned char buf[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
			struct ax_tel_event e;
			for (int i = 0; i < EACH; i++) {
				sample_event(&e);
				/* vary the size so torn writes would show */
				for (int k = 0; k < i % 5; k++)
					ax_tel_add_variant(&e, (const char *[]){ "a", "bb", "ccc", "dddd" }[k], "on");
				size_t n = ax_tel_encode(&e, buf, sizeof buf);
				if (ax_tel_spool_append(dir, buf, n) != 0)
					_exit(1);
			}
			_exit(0);
		}
	}
	int ok = 1, st;
	while (wait(&st) > 0)
		ok &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
	CHECK(ok);
	char *path = ax_tel_path(dir, AX_TEL_SPOOL);
	int fd = open(path, O_RDONLY);
	struct stat sb;
	fstat(fd, &sb);
	unsigned char *data = malloc((size_t)sb.st_size);
	CHECK_EQ_INT(read(fd, data, (size_t)sb.st_size), sb.st_size);
	close(fd);
	struct ax_tel_frames f;
	struct ax_tel_event e;
	ax_tel_frames_init(&f, data, (size_t)sb.st_size);
	int n = 0;
	while (ax_tel_frames_next(&f, &e))
		n++;
	CHECK_EQ_INT(n, PROCS * EACH);
	CHECK_EQ_INT(f.corrupt, 0);
	free(data);
	unlink(path);
	free(path);
	rmdir(dir);
}

/* A read-only or impossible directory fails quietly. */
static void test_append_fails_quietly(void)
{
	unsigned char buf[AX_TEL_MAX_PAYLOAD + AX_TEL_FRAME_OVERHEAD];
	struct ax_tel_event e;
	sample_event(&e);
	size_t n = ax_tel_encode(&e, buf, sizeof buf);
	CHECK_EQ_INT(ax_tel_spool_append("/proc/self/no/such/dir", buf, n), -1);
	/* A full spool (nobody ingests) takes no more. */
	char tmpl[TEST_TMP_MAX];
	test_tmp(tmpl, "tel-unit");
	char *dir = mkdtemp(tmpl);
	char *path = ax_tel_path(dir, AX_TEL_SPOOL);
	CHECK_EQ_INT(ax_tel_spool_append(dir, buf, n), 0);
	CHECK_EQ_INT(truncate(path, AX_TEL_SPOOL_MAX + 1), 0);
	CHECK_EQ_INT(ax_tel_spool_append(dir, buf, n), -1);
	struct stat sb;
	CHECK(stat(path, &sb) == 0 && sb.st_size == AX_TEL_SPOOL_MAX + 1);
	unlink(path);
	free(path);
	rmdir(dir);
}

int main(void)
{
	test_bucket();
	test_roundtrip();
	test_setters_reduce();
	test_frames();
	test_mode();
	test_concurrent_append();
	test_append_fails_quietly();
	return test_summary();
}
