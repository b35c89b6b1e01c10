/* index.c: ax index, the pipeline ax-scan DIR | ax-parse | ax-load, with
 * one progress line for the three stages on a terminal. */
#include "front.h"
#include "base/cli.h"
#include "run/index.h"
#include "base/progress.h"
#include "base/relpath.h"
#include "config/config.h"
#include "index/dbpath.h"
#include "index/replace.h"
#include "run/pipeline.h"

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
	"usage: ax index [DIR] [-j N] [--changed] [--no-ignore] [--rebuild] [--tags] [--db PATH]\n"
	"                [-q | --progress]\n"
	"\n"
	"Index the project DIR (default .) is in: ax-scan | ax-parse -j N | ax-load\n"
	"run at the project root, the nearest directory at or above DIR with an\n"
	".ax/, else the top of DIR's git work tree, else DIR itself. A DIR below\n"
	"the root brings just that subtree up to date: paths stay relative to the\n"
	"root and nothing outside DIR is deleted. Files whose size and mtime are\n"
	"as indexed are not read again. A stage that fails fails the command,\n"
	"named; the index keeps every file loaded whole.\n"
	"\n"
	"  -j, --jobs N     parse on N threads (default: config index.jobs, else one\n"
	"                   per CPU)\n"
	"      --changed    only what git reports changed since the last index\n"
	"                   (ax-scan --changed): the fast path for cron and CI\n"
	"      --no-ignore  also what .gitignore, .axignore and scan.exclude leave out\n"
	"      --rebuild    index from scratch into a new file beside the index, renamed\n"
	"                   over it at the end (queries meanwhile read the old one; a\n"
	"                   failed rebuild leaves it untouched): the cure for a damaged index\n"
	"      --tags       then write the tags file at the root (ax tags; config index.tags)\n"
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

static char *cwd(void)
{
	char buf[PATH_MAX];
	if (!getcwd(buf, sizeof buf))
		ax_die(AX_EXIT_INTERNAL, "cannot read the current directory: %s", strerror(errno));
	return ax_strdup(buf);
}

static char *absolute(const char *path)
{
	char *here = cwd(), *abs = ax_xasprintf("%s/%s", here, path);
	free(here);
	return abs;
}

/* Make the project root of DIR the current directory; returns DIR
 * relative to it (malloc'd, "." for the root itself). */
static char *enter_root(const char *dir)
{
	if (chdir(dir) != 0)
		ax_die(AX_EXIT_USAGE, "cannot index '%s': %s", dir, strerror(errno));
	char *here = cwd(), *root = ax_config_project_root();
	if (!root)
		root = ax_strdup(here);
	char *sub = ax_relpath_arg(root, here);
	if (chdir(root) != 0)
		ax_die(AX_EXIT_USAGE, "cannot index '%s': %s", root, strerror(errno));
	free(here);
	free(root);
	return sub;
}

/* The index --rebuild replaces, absolute (ax-load runs here too, but the
 * rename must not depend on it). */
static char *db_target(const char *db)
{
	char *path = ax_db_find(db);
	if (!path)
		path = ax_db_default_path(db);
	if (path[0] == '/')
		return path;
	char *abs = absolute(path);
	free(path);
	return abs;
}

/* ax index --tags: ax-graph tags on the index just written. */
static int write_tags(const char *db, bool quiet)
{
	char *argv[] = { NULL, "tags", db ? "--db" : NULL, (char *)db, NULL };
	struct stage st = { .tool = "ax-graph", .argv = argv };
	int devnull = quiet ? open("/dev/null", O_WRONLY | O_CLOEXEC) : -1;
	if (devnull >= 0)
		st.err = devnull;
	int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int failed = pipeline_run_from(in, &st, 1);
	if (devnull >= 0)
		close(devnull);
	if (failed < 0)
		return AX_EXIT_OK;
	ax_error("writing the tags file failed (ax-graph tags, exit status %d)", st.status);
	return st.status < 128 ? st.status : AX_EXIT_INTERNAL;
}

int front_index(int argc, char **argv)
{
	enum { OPT_DB = 0x100, OPT_CHANGED, OPT_PROGRESS, OPT_NO_IGNORE, OPT_REBUILD, OPT_TAGS };
	static const struct option opts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "changed", no_argument, NULL, OPT_CHANGED },
		{ "no-ignore", no_argument, NULL, OPT_NO_IGNORE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "rebuild", no_argument, NULL, OPT_REBUILD },
		{ "tags", no_argument, NULL, OPT_TAGS },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *dir = ".", *jobs = NULL, *db = NULL;
	int quiet = 0, changed = 0, progress = 0, no_ignore = 0, rebuild = 0, tags = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': jobs = optarg; break;
		case OPT_DB: db = optarg; break;
		case OPT_CHANGED: changed = 1; break;
		case OPT_NO_IGNORE: no_ignore = 1; break;
		case 'q': quiet = 1; break;
		case OPT_PROGRESS: progress = 1; break;
		case OPT_REBUILD: rebuild = 1; break;
		case OPT_TAGS: tags = 1; break;
		case 'h': ax_print_help(usage);
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc)
		ax_usage_error("index takes one directory");
	/* As git finds a work tree: the project, its index and config are
	 * found from DIR; a --db given relative to here still means here. */
	char *db_abs = db && db[0] != '/' ? absolute(db) : NULL;
	if (db_abs)
		db = db_abs;
	char *sub = enter_root(dir);
	if (!tags)
		tags = ax_config_number(AX_CFG_INDEX_TAGS) == 1;
	char *target = NULL, *fresh = NULL;
	if (rebuild) {
		if (changed)
			ax_usage_error("--rebuild indexes everything: it does not go with --changed");
		/* A rebuild is of the whole project, wherever it was asked from. */
		free(sub);
		sub = ax_strdup(".");
		target = db_target(db);
		fresh = ax_db_rebuild_name(target);
		unlink(fresh);
		db = fresh;
	}
	bool subtree = strcmp(sub, ".") != 0;

	struct index_stages s;
	index_stages(&s, &(struct index_opts){ .dir = sub, .root = subtree ? "." : NULL, .db = db,
					       .jobs = jobs, .changed = changed, .quiet = quiet,
					       .no_ignore = no_ignore });
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
	free(sub);
	if (failed < 0 && fresh && ax_db_replace(fresh, target) < 0)
		ax_die(AX_EXIT_INTERNAL, "cannot move the rebuilt index %s to %s: %s", fresh, target,
		       strerror(errno));
	if (fresh)
		ax_db_remove(fresh);
	if (failed < 0) {
		if (socks[0] >= 0)
			fprintf(stderr, "ax index: %llu %s in %.1f s\n", counts.loaded,
				ax_plural((long long)counts.loaded, "file", "files"),
				ax_progress_elapsed(&p));
		int rc = tags ? write_tags(target ? target : db, quiet) : AX_EXIT_OK;
		free(db_abs), free(target), free(fresh);
		return rc;
	}
	free(db_abs), free(target), free(fresh);
	ax_error("index failed in %s (%s %d)", st[failed].tool,
		 st[failed].status > 128 ? "killed by signal" : "exit status",
		 st[failed].status > 128 ? st[failed].status - 128 : st[failed].status);
	return st[failed].status < 128 ? st[failed].status : AX_EXIT_INTERNAL;
}
