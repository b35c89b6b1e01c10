/* round.c: one indexing round, ax-scan | ax-parse | ax-load, over the
 * changed paths or the whole tree, told as one line on stderr.
 *
 * The stages' stderr (not ours) goes to a memory file for the round so that
 * ax-load's summary can become ax-watch's own line (with ax-load's counts,
 * which know what the ignore rules dropped); their other messages are passed
 * on after the round. Not being a terminal, that file also keeps progress
 * lines off. */
#include "watch.h"
#include "base/cli.h"
#include "run/index.h"
#include "base/progress.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int memory_file(const char *name)
{
	int fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0)
		ax_die(AX_EXIT_INTERNAL, "memfd_create: %s", strerror(errno));
	return fd;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			ax_die(AX_EXIT_INTERNAL, "writing the changed paths: %s", strerror(errno));
		p += w;
		n -= (size_t)w;
	}
}

/* The changed paths, NUL-separated, in a file at offset 0 for ax-scan's
 * stdin (a pipe could fill up before ax-scan starts reading). */
static int paths_file(const struct changes *c)
{
	int fd = memory_file("ax-watch-paths");
	for (size_t i = 0; i < c->n; i++)
		write_all(fd, c->paths[i], strlen(c->paths[i]) + 1);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* A changed path that is a directory now was removed and made again (or a
 * file became a directory): ax-scan --stdin passes directories over, so the
 * old files under it would stay. */
static bool dir_replaced(const char *root, const struct changes *c)
{
	char abs[PATH_MAX];
	struct stat st;
	for (size_t i = 0; i < c->n; i++) {
		snprintf(abs, sizeof abs, "%s/%s", root, c->paths[i]);
		if (lstat(abs, &st) == 0 && S_ISDIR(st.st_mode))
			return true;
	}
	return false;
}

/* Pass the captured messages on, keeping ax-load's summary (its counts go
 * into our line), its import-resolution line (detail a round does not need)
 * and, for a round of named paths, its note that an incomplete scan deletes
 * nothing (deletions come as gone records). */
static void replay(int fd, bool partial, struct round_result *r)
{
	off_t size = lseek(fd, 0, SEEK_END);
	if (size <= 0)
		return;
	char *text = ax_malloc((size_t)size + 1);
	ssize_t n = pread(fd, text, (size_t)size, 0);
	text[n > 0 ? n : 0] = '\0';
	for (char *line = text, *next; *line; line = next) {
		char *nl = strchr(line, '\n');
		next = nl ? nl + 1 : line + strlen(line);
		static const char load[] = "ax-load: ";
		if (!strncmp(line, load, sizeof load - 1)) {
			const char *rest = line + sizeof load - 1;
			if (sscanf(rest, "%llu added, %llu changed, %llu deleted,",
				   &r->added, &r->changed, &r->removed) == 3) {
				r->counted = true;
				continue;
			}
			if (!strncmp(rest, "imports: ", 9))
				continue;
			if (partial && strstr(rest, "scan was not complete"))
				continue;
		}
		fwrite(line, 1, (size_t)(next - line), stderr);
	}
	free(text);
}

void round_run(const struct round_opts *o, struct changes *c, bool always,
	       struct round_result *r)
{
	*r = (struct round_result){ .failed = -1 };
	changes_settle(c);
	if (!c->full && dir_replaced(o->root, c))
		changes_full(c, "a directory was replaced");

	struct index_stages s;
	index_stages(&s, &(struct index_opts){ .dir = o->root, .root = o->project, .db = o->db, .jobs = o->jobs,
					       .paths_on_stdin = !c->full });
	int capture = memory_file("ax-watch-stderr");
	for (int i = 0; i < 3; i++)
		s.st[i].err = capture;
	double t0 = ax_now();
	r->failed = c->full ? pipeline_run(s.st, 3) : pipeline_run_from(paths_file(c), s.st, 3);
	r->secs = ax_now() - t0;
	replay(capture, !c->full, r);
	close(capture);

	if (r->failed >= 0) {
		r->tool = s.st[r->failed].tool;
		r->status = s.st[r->failed].status;
	} else if (!o->quiet && (always || !r->counted || r->added || r->changed || r->removed)) {
		char what[64] = "";
		if (c->full)
			snprintf(what, sizeof what, "full scan (%s): ", c->full);
		if (r->counted)
			fprintf(stderr, "%s: %s%llu added, %llu changed, %llu removed: indexed in %.2f s\n",
				ax_progname, what, r->added, r->changed, r->removed, r->secs);
		else
			fprintf(stderr, "%s: %s%zu %s: indexed in %.2f s\n", ax_progname, what,
				c->n, ax_plural((long long)c->n, "path", "paths"), r->secs);
	}
	changes_clear(c);
}
