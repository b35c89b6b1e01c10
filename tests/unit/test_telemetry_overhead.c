/* test_telemetry_overhead.c: the hooks in a tight loop, per mode.
 *
 * Runs the start and exit hooks of a tool (flags, one event appended to a
 * real spool) many times in mode local and in mode off. It checks what
 * each mode writes (one event per run, or nothing) and prints the cost per
 * run; the cost is judged by scripts/bench/telemetry.sh, not here, since a
 * shared machine makes any time bound in a test flaky. */
#include "telemetry/hooks.h"
#include "telemetry/telemetry.h"
#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double mean_run_ms(int n)
{
	double t0 = now_ms();
	for (int i = 0; i < n; i++) {
		ax_hooks_start("ax-cat");
		ax_hooks_count("files", (uint64_t)i);
		ax_hooks_finish(0);
	}
	return (now_ms() - t0) / n;
}

int main(void)
{
	char tmpl[TEST_TMP_MAX];
	test_tmp(tmpl, "tel-overhead");
	char *dir = mkdtemp(tmpl);
	CHECK(dir != NULL);
	setenv("AX_TELEMETRY_DIR", dir, 1);
	unsetenv("DO_NOT_TRACK");
	enum { N = 2000 };
	char spool[512];
	struct stat st;
	snprintf(spool, sizeof spool, "%s/%s", dir, AX_TEL_SPOOL);
	setenv("AX_TELEMETRY", "off", 1);
	double off = mean_run_ms(N);
	CHECK(stat(spool, &st) != 0); /* off writes nothing */
	setenv("AX_TELEMETRY", "local", 1);
	double local = mean_run_ms(N);
	CHECK(stat(spool, &st) == 0 && st.st_size > 0);
	off_t per_event = st.st_size / N;
	CHECK(per_event > 0 && st.st_size == per_event * N); /* N whole events */
	printf("hooks per run: off %.1f us, local %.1f us (event appended), difference %.1f us\n",
		off * 1e3, local * 1e3, (local - off) * 1e3);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK_EQ_INT(system(cmd), 0);
	return test_summary();
}
