/* progress.c: a throttled status line on stderr. */
#include "progress.h"
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

double ax_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void ax_progress_init(struct ax_progress *p, int mode)
{
	p->on = mode > 0 || (mode == 0 && isatty(STDERR_FILENO));
	p->shown = false;
	p->start = ax_now();
	p->last = 0;
}

void ax_progress_update(struct ax_progress *p, const char *fmt, ...)
{
	if (!p->on)
		return;
	double now = ax_now();
	if (now - p->last < 0.1)
		return;
	p->last = now;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "\r\033[K%s: ", ax_progname);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	p->shown = true;
}

void ax_progress_done(struct ax_progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = false;
}

double ax_progress_elapsed(const struct ax_progress *p)
{
	return ax_now() - p->start;
}
