/* index.c: ax index, the pipeline ax-scan DIR | ax-parse | ax-load, with
 * one progress line for the three stages on a terminal. */
#include "front.h"
#include "base/cli.h"
#include "run/index.h"
#include "base/progress.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char usage[] =
	"usage: ax index [DIR] [-j N] [--changed] [--db PATH] [-q | --progress]\n"
	"\n"
	"Index DIR (default .): ax-scan | ax-parse -j N | ax-load run in DIR, as\n"
	"git -C DIR would, so the index is DIR's own (its .ax/index.db, or the one\n"
	"found from DIR as usual). Files whose size and mtime are as indexed are\n"
	"not read again. A stage that fails fails the command, named; the index\n"
	"keeps every file loaded whole.\n"
	"\n"
	"  -j, --jobs N     parse on N threads (default: config index.jobs, else one\n"
	"                   per CPU)\n"
	"      --changed    only what git reports changed since the last index\n"
	"                   (ax-scan --changed): the fast path for cron and CI\n"
	"      --db PATH    the index (default: $AX_DB, config db.path, or .ax/index.db)\n"
	"  -q, --quiet      no progress and no summary\n"
	"      --progress   the progress line even when stderr is not a terminal\n"
	"  -h, --help       this text\n"
	"\n"
	"Exit status: 0 ok; else that of the failed stage (2 bad input or usage,\n"
	"3 internal error, 128+N killed by signal N).\n";

/* What each stage reported last on the progress socket. */
struct counts {
	unsigned long long scanned, parsed, loaded;
};

static void take_report(struct counts *c, const char *msg)
{
	char tool[32];
	unsigned long long n;
	if (sscanf(msg, "%31s %llu", tool, &n) != 2)
		return;
	if (strcmp(tool, "ax-scan") == 0)
		c->scanned = n;
	else if (strcmp(tool, "ax-parse") == 0)
		c->parsed = n;
	else if (strcmp(tool, "ax-load") == 0)
		c->loaded = n;
}

/* Read reports until every stage has closed its end of the socket,
 * redrawing the line at most ten times a second. */
static void show_progress(int sock, struct counts *c, struct ax_progress *p)
{
	char msg[256];
	for (;;) {
		struct pollfd pfd = { .fd = sock, .events = POLLIN };
		int r = poll(&pfd, 1, 250);
		if (r < 0 && errno == EINTR)
			continue;
		bool last = false;
		if (r > 0) {
			ssize_t got = recv(sock, msg, sizeof msg - 1, 0);
			/* Every stage has exited: draw the final counts. */
			last = got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN);
			if (got > 0) {
				msg[got] = '\0';
				take_report(c, msg);
			}
		}
		double secs = ax_progress_elapsed(p);
		if (last)
			p->last = 0; /* whatever the time since the last draw */
		ax_progress_update(p, "%llu scanned, %llu parsed, %llu loaded, %.0f files/s, %.1f s",
				   c->scanned, c->parsed, c->loaded, c->loaded / (secs + 1e-9), secs);
		if (last)
			return;
	}
}

static char *absolute(const char *path)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		ax_die(AX_EXIT_INTERNAL, "cannot read the current directory: %s", strerror(errno));
	return ax_xasprintf("%s/%s", cwd, path);
}

int front_index(int argc, char **argv)
{
	enum { OPT_DB = 0x100, OPT_CHANGED, OPT_PROGRESS };
	static const struct option opts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "changed", no_argument, NULL, OPT_CHANGED },
		{ "quiet", no_argument, NULL, 'q' },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *dir = ".", *jobs = NULL, *db = NULL;
	int quiet = 0, changed = 0, progress = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': jobs = optarg; break;
		case OPT_DB: db = optarg; break;
		case OPT_CHANGED: changed = 1; break;
		case 'q': quiet = 1; break;
		case OPT_PROGRESS: progress = 1; break;
		case 'h': ax_print_help(usage);
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc)
		ax_usage_error("index takes one directory");
	/* Like git -C: DIR is the project, its index and config are found
	 * from there; a --db given relative to here still means here. */
	char *db_abs = db && db[0] != '/' ? absolute(db) : NULL;
	if (db_abs)
		db = db_abs;
	if (chdir(dir) != 0)
		ax_die(AX_EXIT_USAGE, "cannot index '%s': %s", dir, strerror(errno));
	dir = ".";

	struct index_stages s;
	index_stages(&s, &(struct index_opts){ .dir = dir, .db = db, .jobs = jobs,
					       .changed = changed, .quiet = quiet });
	struct stage *st = s.st;

	struct ax_progress p;
	ax_progress_init(&p, quiet ? -1 : progress ? 1 : 0);
	int socks[2] = { -1, -1 };
	if (p.on && socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, socks) == 0) {
		/* The stages' end must survive exec; ours must not reach them. */
		int child = fcntl(socks[1], F_DUPFD, 3);
		close(socks[1]);
		socks[1] = child;
		char fd[16];
		snprintf(fd, sizeof fd, "%d", child);
		setenv("AX_PROGRESS_FD", fd, 1);
	}
	pipeline_start(STDIN_FILENO, st, 3);
	struct counts counts = { 0 };
	if (socks[0] >= 0) {
		close(socks[1]);
		unsetenv("AX_PROGRESS_FD");
		show_progress(socks[0], &counts, &p);
		close(socks[0]);
	}
	int failed = pipeline_wait(st, 3);
	ax_progress_done(&p);
	free(db_abs);
	if (failed < 0) {
		if (socks[0] >= 0)
			fprintf(stderr, "ax index: %llu %s in %.1f s\n", counts.loaded,
				ax_plural((long long)counts.loaded, "file", "files"),
				ax_progress_elapsed(&p));
		return AX_EXIT_OK;
	}
	ax_error("index failed in %s (%s %d)", st[failed].tool,
		 st[failed].status > 128 ? "killed by signal" : "exit status",
		 st[failed].status > 128 ? st[failed].status - 128 : st[failed].status);
	return st[failed].status < 128 ? st[failed].status : AX_EXIT_INTERNAL;
}
