/* progress.h: one self-rewriting status line on stderr for long work.
 *
 * Shown only when stderr is a terminal, unless forced on (--progress) or
 * off (--quiet); redrawn at most ten times a second, so calling it per
 * file costs a clock read. */
#ifndef AX_PROGRESS_H
#define AX_PROGRESS_H

#include <stdbool.h>

struct ax_progress {
	bool on, shown;
	double start, last;
};

/* mode: 0 automatic (a terminal), 1 always, -1 never. */
void ax_progress_init(struct ax_progress *p, int mode);
/* Redraw "<tool>: <text>" if a tenth of a second has passed. */
void ax_progress_update(struct ax_progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Erase the line (the summary that follows stands alone). */
void ax_progress_done(struct ax_progress *p);
/* Seconds since ax_progress_init. */
double ax_progress_elapsed(const struct ax_progress *p);

/* Monotonic clock, seconds. */
double ax_now(void);

#endif
