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
	/* One and many: "1 symlink", "2 symlinks"; adjectives stay as they are. */
	static const char *const names[SKIP_COUNT][2] = {
		[SKIP_IGNORED] = { "ignored", "ignored" },
		[SKIP_BINARY] = { "binary", "binary" },
		[SKIP_TOO_LARGE] = { "too large", "too large" },
		[SKIP_UNSUPPORTED] = { "unsupported", "unsupported" },
		[SKIP_SYMLINK] = { "symlink", "symlinks" },
		[SKIP_SPECIAL] = { "special", "special" },
		[SKIP_VANISHED] = { "vanished", "vanished" },
		[SKIP_NESTED_REPO] = { "nested repository", "nested repositories" },
		[SKIP_LOOP] = { "link loop", "link loops" },
	};
	fprintf(stderr, "ax-scan: %llu %s emitted, %llu %s, %llu gone; skipped:",
		(unsigned long long)s->emitted, ax_plural((long long)s->emitted, "file", "files"),
		(unsigned long long)s->errors, ax_plural((long long)s->errors, "error", "errors"),
		(unsigned long long)s->gone);
	for (int i = 0; i < SKIP_COUNT; i++)
		fprintf(stderr, "%s %llu %s", i ? "," : "", (unsigned long long)s->skipped[i],
			ax_plural((long long)s->skipped[i], names[i][0], names[i][1]));
	fputc('\n', stderr);
}
