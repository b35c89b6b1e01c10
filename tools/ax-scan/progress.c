/* progress.c: what ax-scan tells a person on stderr: a files/s line while
 * it runs on a terminal, and the --stats summary at the end. */
#include "scan.h"
#include "base/cli.h"

#include <stdio.h>

void scan_progress(struct scan *s)
{
	s->seen++;
	if (!s->progress.on)
		return; /* not even the clock read of the rate */
	ax_progress_update(&s->progress, "%llu %s looked at, %llu emitted, %.0f files/s",
			   (unsigned long long)s->seen, ax_plural((long long)s->seen, "file", "files"),
			   (unsigned long long)s->emitted,
			   s->seen / (ax_progress_elapsed(&s->progress) + 1e-9));
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
	fprintf(stderr, "ax-scan: %llu %s emitted, %llu %s, %llu gone; skipped:",
		(unsigned long long)s->emitted, ax_plural((long long)s->emitted, "file", "files"),
		(unsigned long long)s->errors, ax_plural((long long)s->errors, "error", "errors"),
		(unsigned long long)s->gone);
	for (int i = 0; i < SKIP_COUNT; i++)
		fprintf(stderr, "%s %llu %s", i ? "," : "", (unsigned long long)s->skipped[i], names[i]);
	fputc('\n', stderr);
}
