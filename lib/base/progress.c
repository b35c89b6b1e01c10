/* progress.c: a throttled status line on stderr. */
#include "base/progress.h"
#include "base/cli.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

double ax_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int report_fd(void)
{
	const char *env = getenv("AX_PROGRESS_FD");
	char *end;
	long fd = env ? strtol(env, &end, 10) : -1;
	return env && *env && !*end && fd > STDERR_FILENO && fd < INT_MAX ? (int)fd : -1;
}

void ax_progress_init(struct ax_progress *p, int mode)
{
	p->report_fd = report_fd();
	p->on = p->report_fd < 0 && (mode > 0 || (mode == 0 && isatty(STDERR_FILENO)));
	p->shown = false;
	p->start = ax_now();
	p->last = p->last_report = 0;
	p->files = 0;
}

static void report(struct ax_progress *p)
{
	char line[128];
	int n = snprintf(line, sizeof line, "%s %llu\n", ax_progname, p->files);
	/* A full socket drops this update: the next one says more. */
	(void)send(p->report_fd, line, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
}

void ax_progress_files(struct ax_progress *p, unsigned long long files)
{
	p->files = files;
	if (p->report_fd < 0)
		return;
	double now = ax_now();
	if (now - p->last_report < 0.1)
		return;
	p->last_report = now;
	report(p);
}

const char *ax_progress_erase_shared(void)
{
	/* The front end draws its line on our stderr whenever it asks for
	 * reports (--progress draws it into a file too). */
	return report_fd() >= 0 ? "\r\033[K" : "";
}

void ax_progress_update(struct ax_progress *p, const char *fmt, ...)
{
	if (!p->on)
		return;
	double now = ax_now();
	if (now - p->last < 0.1)
		return;
	p->last = now;
	char text[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	/* One write: a stage's summary on the same terminal cannot land
	 * inside the line. */
	fprintf(stderr, "\r\033[K%s: %s", ax_progname, text);
	fflush(stderr);
	p->shown = true;
}

void ax_progress_done(struct ax_progress *p)
{
	if (p->report_fd >= 0)
		report(p);
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = false;
}

double ax_progress_elapsed(const struct ax_progress *p)
{
	return ax_now() - p->start;
}
