/* ax-watch: keep the index current while files change (docs/watch.md).
 *
 * A full scan brings the index current at start; then inotify events are
 * collected into changed paths until the tree is quiet for --debounce
 * milliseconds, and each such batch is one round of
 * ax-scan --stdin | ax-parse | ax-load. Where inotify cannot be used, every
 * --poll interval is a full scan (cheap: unchanged files are only stat()ed). */
#include "watch.h"
#include "base/cli.h"
#include "config/config.h"
#include "index/dbpath.h"
#include "telemetry/hooks.h"
#include "base/progress.h"
#include "run/index.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	"usage: ax-watch [options] [DIR]\n"
	"\n"
	"Index DIR (default .) and keep the index current while files change:\n"
	"changed paths are collected (inotify) until DIR is quiet for the debounce\n"
	"time, then indexed with ax-scan --stdin | ax-parse | ax-load. One line per\n"
	"round on stderr. Ctrl-C or SIGTERM stops, after the running round.\n"
	"\n"
	"      --debounce MS     wait until no change came for MS milliseconds\n"
	"                        (default 300; a batch waits at most 2 s, or MS)\n"
	"      --poll[=SECONDS]  no inotify: a full scan every SECONDS (default 5);\n"
	"                        also the fallback when inotify cannot be used\n"
	"      --burst N         more than N changed paths at once (a branch switch):\n"
	"                        a full scan instead (default 1000)\n"
	"  -j, --jobs N          ax-parse workers, 1 to 256 (default: one per core)\n"
	"      --db PATH         the index (default: $AX_DB, or .ax/index.db here or\n"
	"                        above; created at ./.ax/index.db if there is none)\n"
	"      --rounds N        exit 0 after N rounds following the first (for scripts\n"
	"                        and tests)\n"
	"  -q, --quiet           no line per round (errors are still shown)\n"
	"  -h, --help            this text\n"
	"      --version         print the version\n"
	"\n"
	"Exit status: 0 after --rounds, 2 usage error, DIR missing, removed or moved,\n"
	"or a first round that failed for bad input, 3 internal error or rounds that\n"
	"kept failing; stopped by SIGINT or SIGTERM, it ends by that signal (status\n"
	"130 or 143 in the shell).\n";

enum { OPT_DEBOUNCE = 0x100, OPT_POLL, OPT_BURST, OPT_DB, OPT_ROUNDS };

#define DEFAULT_POLL_S   5
#define MAX_WAIT_S       2.0   /* a batch under a constant stream of events */
#define ROOT_CHECK_S     2.0   /* how often an idle watch looks at the root */
#define MAX_FAILURES     5     /* rounds in a row before giving up */

struct opts {
	struct round_opts r;
	double debounce;       /* seconds */
	long long poll;        /* seconds; 0: inotify */
	long long rounds;      /* 0: forever */
	long long burst;
};

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* No SA_RESTART: poll() returns at once with EINTR. A round that is
 * running goes on (the pipeline's waitpid() retries on EINTR). */
static void catch_stop_signals(void)
{
	struct sigaction sa = { .sa_handler = on_stop };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Stopped by a signal: end by it, so that a shell script running us stops
 * on Ctrl-C too (a status of our own would let it go on). */
static _Noreturn void exit_by_signal(int sig)
{
	ax_hooks_finish(128 + sig);
	signal(sig, SIG_DFL);
	raise(sig);
	exit(128 + sig);
}

static long long count_arg(const char *opt, const char *arg, long long min, long long max)
{
	long long n = ax_parse_count(arg, min, max);
	if (n < 0)
		ax_usage_error("%s: expected a number from %lld to %lld, not '%s'", opt, min, max, arg);
	return n;
}

static void parse_options(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "debounce", required_argument, NULL, OPT_DEBOUNCE },
		{ "poll", optional_argument, NULL, OPT_POLL },
		{ "burst", required_argument, NULL, OPT_BURST },
		{ "jobs", required_argument, NULL, 'j' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "rounds", required_argument, NULL, OPT_ROUNDS },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DEBOUNCE: o->debounce = count_arg("--debounce", optarg, 0, 60000) / 1000.0; break;
		case OPT_POLL: o->poll = optarg ? count_arg("--poll", optarg, 1, 3600) : DEFAULT_POLL_S; break;
		case OPT_BURST: o->burst = count_arg("--burst", optarg, 1, 10000000); break;
		case 'j': count_arg("-j", optarg, 1, AX_JOBS_MAX); o->r.jobs = optarg; break;
		case OPT_DB: o->r.db = optarg; break;
		case OPT_ROUNDS: o->rounds = count_arg("--rounds", optarg, 1, 1000000000); break;
		case 'q': o->r.quiet = true; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	const char *dir = optind < argc ? argv[optind++] : ".";
	if (optind < argc)
		ax_usage_error("one directory at most");
	struct stat st;
	char *root = realpath(dir, NULL);
	if (!root || stat(root, &st) < 0)
		ax_die(AX_EXIT_USAGE, "cannot watch '%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		ax_die(AX_EXIT_USAGE, "cannot watch '%s': %s", dir, strerror(ENOTDIR));
	o->r.root = root;
	/* A directory inside a project keeps the project's paths and index
	 * (docs/watch.md), as ax index DIR does. */
	char *project = o->r.db ? NULL : ax_config_project_root_of(root);
	if (project && strcmp(project, root) != 0)
		o->r.project = project;
	else
		free(project);
}

static void say_polling(const struct opts *o, const char *why)
{
	if (why)
		ax_warn("%s; polling every %lld s instead", why, o->poll);
	else if (!o->r.quiet)
		fprintf(stderr, "%s: polling %s every %lld s\n", ax_progname, o->r.root, o->poll);
}

/* inotify has run out of watches (ENOSPC): said once, then we poll. */
static void watch_limit(struct opts *o, struct tree *t, struct changes *c)
{
	char limit[32] = "?";
	/* The limit of our user namespace: fs.inotify.max_user_watches in the
	 * machine's own. */
	FILE *f = fopen("/proc/sys/user/max_inotify_watches", "r");
	if (f) {
		if (!fgets(limit, sizeof limit, f))
			strcpy(limit, "?");
		limit[strcspn(limit, "\n")] = '\0';
		fclose(f);
	}
	char why[160];
	snprintf(why, sizeof why, "cannot watch every directory: the inotify watch limit is "
		 "reached (sysctl fs.inotify.max_user_watches = %s)", limit);
	tree_close(t);
	o->poll = DEFAULT_POLL_S;
	say_polling(o, why);
	changes_full(c, "switched to polling");
}

/* The index the last round wrote. Another one (removed, replaced, or one
 * found first) has not seen the earlier rounds: the next is a full scan. */
struct index_id {
	char *path;
	dev_t dev;
	ino_t ino;
};

static bool index_same(const struct index_id *id, const char *db)
{
	char *path = ax_db_find(db);
	struct stat st;
	bool same = path && id->path && !strcmp(path, id->path) && stat(path, &st) == 0 &&
		    st.st_dev == id->dev && st.st_ino == id->ino;
	free(path);
	return same;
}

static void index_note(struct index_id *id, const char *db, struct tree *t)
{
	struct stat st;
	free(id->path);
	id->path = ax_db_find(db);
	if (id->path && stat(id->path, &st) == 0) {
		id->dev = st.st_dev;
		id->ino = st.st_ino;
	}
	tree_skip(t, id->path);
}

static int failure_status(const struct round_result *r)
{
	return r->status > 0 && r->status < AX_EXIT_INTERNAL ? AX_EXIT_USAGE : AX_EXIT_INTERNAL;
}

int main(int argc, char **argv)
{
	ax_tool_init("ax-watch");
	struct opts o = { .debounce = 0.3, .burst = 1000 };
	parse_options(argc, argv, &o);
	catch_stop_signals();

	struct tree t;
	struct changes c = { .burst = (size_t)o.burst };
	struct index_id index = { 0 };
	if (tree_init(&t, o.r.root) < 0)
		ax_die(AX_EXIT_USAGE, "cannot watch '%s': %s", o.r.root, strerror(errno));
	if (o.poll)
		say_polling(&o, NULL);
	else if (tree_watch(&t) < 0) {
		if (errno == ENOSPC)
			watch_limit(&o, &t, &c);
		else {
			char why[160];
			snprintf(why, sizeof why, "cannot use inotify: %s", strerror(errno));
			o.poll = DEFAULT_POLL_S;
			say_polling(&o, why);
		}
	} else if (!o.r.quiet)
		fprintf(stderr, "%s: watching %s (%zu %s)\n", ax_progname, o.r.root, t.ndirs,
			ax_plural((long long)t.ndirs, "directory", "directories"));

	/* The first round brings the index current; if it cannot, the index
	 * or the tree is not usable and watching would not help. */
	struct round_result r;
	changes_clear(&c);
	changes_full(&c, "start");
	round_run(&o.r, &c, true, &r);
	if (r.failed >= 0 && !stop_signal) {
		ax_error("the first round failed in %s (exit status %d)", r.tool, r.status);
		ax_exit(failure_status(&r));
	}
	index_note(&index, o.r.db, &t);

	double first = 0, last = 0, not_before = 0, next_poll = ax_now() + (double)o.poll;
	double max_wait = o.debounce > MAX_WAIT_S ? o.debounce : MAX_WAIT_S;
	long long rounds = 0;
	int failures = 0;
	while (!stop_signal) {
		double now = ax_now(), due = 0;
		if (o.poll)
			due = next_poll;
		else if (changes_pending(&c))
			due = last + o.debounce < first + max_wait ? last + o.debounce : first + max_wait;
		if (due && due < not_before)
			due = not_before;
		double wait = due ? due - now : ROOT_CHECK_S;
		if (wait > ROOT_CHECK_S)
			wait = ROOT_CHECK_S;
		int ms = wait > 0 ? (int)(wait * 1000) + 1 : 0;

		struct pollfd pfd = { .fd = t.fd, .events = POLLIN };
		int ready = poll(&pfd, t.fd >= 0 ? 1 : 0, ms);
		if (ready < 0 && errno != EINTR)
			ax_die(AX_EXIT_INTERNAL, "poll: %s", strerror(errno));
		if (stop_signal)
			break;
		now = ax_now();
		if (ready > 0) {
			long got = tree_read(&t, &c);
			if (got < 0 || (t.rewatch && tree_rewatch(&t) < 0))
				watch_limit(&o, &t, &c), next_poll = now;
			else if (got > 0) {
				if (!first)
					first = now;
				last = now;
			}
		}
		if (!tree_root_ok(&t)) {
			/* The root's own events, queued by now, tell best what happened. */
			if (t.fd >= 0)
				tree_read(&t, &c);
			ax_die(AX_EXIT_USAGE, "%s: the directory %s; stopped watching", o.r.root, t.gone);
		}
		if (!due || now < due)
			continue;

		if (o.poll) {
			changes_full(&c, "polling");
			next_poll = now + (double)o.poll;
		} else if (!c.full && !index_same(&index, o.r.db))
			changes_full(&c, "the index was replaced");
		round_run(&o.r, &c, false, &r);
		first = last = 0;
		rounds++;
		if (r.failed >= 0 && stop_signal)
			break; /* Ctrl-C reached the stages too; each file is old or new */
		if (r.failed >= 0) {
			ax_hooks_count("errors", 1);
			if (++failures >= MAX_FAILURES) {
				ax_error("a round failed in %s (exit status %d), %d rounds in a row: giving up",
					 r.tool, r.status, failures);
				ax_exit(failure_status(&r));
			}
			double backoff = (double)(1 << failures);
			ax_error("a round failed in %s (exit status %d); a full scan retries in %.0f s",
				 r.tool, r.status, backoff);
			changes_full(&c, "retrying");
			first = last = ax_now();
			not_before = first + backoff;
		} else {
			failures = 0;
			not_before = 0;
			index_note(&index, o.r.db, &t);
		}
		if (o.rounds && rounds >= o.rounds)
			ax_exit(AX_EXIT_OK);
	}
	exit_by_signal(stop_signal);
}
