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
	int report_fd;           /* AX_PROGRESS_FD, or -1 */
	double last_report;
	unsigned long long files;
};

/* mode: 0 automatic (a terminal), 1 always, -1 never. */
void ax_progress_init(struct ax_progress *p, int mode);
/* Redraw "<tool>: <text>" if a tenth of a second has passed. */
void ax_progress_update(struct ax_progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A front end running several tools (ax index) draws one line for all of
 * them: it passes a socket in $AX_PROGRESS_FD, and then no tool draws its
 * own line; each sends "<tool> <files>\n" there instead, at most ten
 * times a second and once more at ax_progress_done, never blocking. */
void ax_progress_files(struct ax_progress *p, unsigned long long files);
/* The front end's line is where the tool writes its own lines (its
 * summary): "\r\033[K" to print first, in the same write, so the line is
 * erased rather than continued; "" when there is no such line. */
const char *ax_progress_erase_shared(void);

/* Erase the line (the summary that follows stands alone). */
void ax_progress_done(struct ax_progress *p);
/* Seconds since ax_progress_init. */
double ax_progress_elapsed(const struct ax_progress *p);

/* Monotonic clock, seconds. */
double ax_now(void);

#endif
