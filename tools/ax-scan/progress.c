/* progress.c: what ax-scan tells a person on stderr: a files/s line while
 * it runs on a terminal, and the --stats summary at the end. */
#include "scan.h"

#include <stdio.h>
#include <time.h>

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void scan_progress(struct scan *s)
{
	if (!s->progress)
		return;
	if (++s->seen == 1)
		s->t_start_ns = now_ns();
	if (s->seen & 127)
		return;
	/* The first line early, then at most ten a second. */
	uint64_t t = now_ns();
	if (s->progress_shown && t - s->t_last_ns < 100000000u)
		return;
	s->t_last_ns = t;
	double secs = (double)(t - s->t_start_ns) / 1e9;
	fprintf(stderr, "\rax-scan: %llu files looked at, %llu emitted, %.0f files/s\033[K",
		(unsigned long long)s->seen, (unsigned long long)s->emitted,
		secs > 0 ? (double)s->seen / secs : 0.0);
	s->progress_shown = true;
}

void scan_progress_end(struct scan *s)
{
	if (s->progress_shown)
		fputs("\r\033[K", stderr);
	s->progress_shown = false;
}

void scan_print_stats(const struct scan *s)
{
	static const char *const names[SKIP_COUNT] = {
		[SKIP_IGNORED] = "ignored",
		[SKIP_BINARY] = "binary",
		[SKIP_TOO_LARGE] = "too large",
		[SKIP_UNSUPPORTED] = "unsupported",
		[SKIP_SYMLINK] = "symlinks",
		[SKIP_SPECIAL] = "special",
		[SKIP_VANISHED] = "vanished",
		[SKIP_NESTED_REPO] = "nested repositories",
		[SKIP_LOOP] = "link loops",
	};
	fprintf(stderr, "ax-scan: %llu files emitted, %llu errors; skipped:",
		(unsigned long long)s->emitted, (unsigned long long)s->errors);
	for (int i = 0; i < SKIP_COUNT; i++)
		fprintf(stderr, "%s %llu %s", i ? "," : "", (unsigned long long)s->skipped[i], names[i]);
	fputc('\n', stderr);
}
