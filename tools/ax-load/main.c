/* ax-load: bring the index up to date from a record stream. */
#include "base/cli.h"
#include "index/db.h"
#include "index/dbpath.h"
#include "index/root.h"
#include "telemetry/hooks.h"
#include "load.h"
#include "merge.h"
#include "index/migrate.h"
#include "index/replace.h"
#include "base/progress.h"
#include "resolve/resolve.h"
#include "stream/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: ax-load [--db PATH] [--batch N] [--dry-run] [--quiet | --progress]\n"
	"       ax-load --merge [--db PATH] SHARD.db...\n"
	"\n"
	"Read parsed, file, err and end records on stdin and bring the index up to\n"
	"date: unchanged files (same hash) are left alone, changed ones replaced,\n"
	"new ones added; files the scan did not see are deleted only after an end\n"
	"record with complete:true. Each batch of files is one transaction, so a\n"
	"kill at any moment leaves every file old or new, never half.\n"
	"\n"
	"  --db PATH        the index (default: $AX_DB, or .ax/index.db here or above;\n"
	"                   created at ./.ax/index.db if there is none)\n"
	"  --batch N        files per transaction (default 1000)\n"
	"  -n, --dry-run    report what would change; the index is not touched\n"
	"  --merge          merge the indexes SHARD.db... (from ax-scan --shard) into --db\n"
	"  --no-resolve     leave imports unresolved (run 'ax-graph resolve' later)\n"
	"  -q, --quiet      no progress and no summary on stderr\n"
	"  --progress       a progress line even when stderr is not a terminal\n"
	"  -h, --help       this text\n"
	"      --version    print the version\n"
	"\n"
	"Exit status: 0 ok, 2 bad input (a stream that ends without an end record\n"
	"included: a stage before ax-load died) or usage, 3 internal error.\n";

enum { OPT_DB = 0x100, OPT_BATCH, OPT_MERGE, OPT_PROGRESS, OPT_NO_RESOLVE };

struct opts {
	const char *db;
	unsigned batch;
	bool dry_run, merge, no_resolve;
	int progress; /* ax_progress_init mode */
	bool quiet;
};

/* Is fd still the file at path? A failed first load removes its lock file
 * (forget_new_index), so a loader that waited on it locks the new one. */
static bool still_linked(int fd, const char *path)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* One loader per index at a time: a second waits (saying so) rather than
 * interleave its batches and its deletions with the first's. */
static void lock_index(const char *db_path, bool quiet)
{
	char lock[PATH_MAX];
	snprintf(lock, sizeof lock, "%s.load-lock", db_path);
	for (bool warned = false;;) {
		int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
			ax_die(AX_EXIT_USAGE, "cannot write the index %s: it is read-only (%s)", db_path,
			       strerror(errno));
		if (fd < 0)
			ax_die(AX_EXIT_USAGE, "cannot open %s: %s", lock, strerror(errno));
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			if (!quiet && !warned)
				ax_warn("waiting for another ax-load on %s", db_path);
			warned = true;
			if (flock(fd, LOCK_EX) != 0)
				ax_die(AX_EXIT_INTERNAL, "cannot lock %s: %s", lock, strerror(errno));
		}
		if (still_linked(fd, lock))
			return;
		close(fd);
	}
}

/* An index this load creates is built under another name (build: PATH.new,
 * see loader_bulk_begin) and renamed into place once complete, its imports
 * resolved; if the load dies first, the file, its sidecars, the lock and
 * the directory made for it are removed: garbage piped into `ax-load --db
 * NEW.db` leaves nothing behind, and a kill -9 leaves no index, which the
 * next load builds (removing the PATH.new it finds). An index that existed
 * before is never touched. */
static struct {
	char *path, *build, *dir; /* dir: made by this load, else NULL */
	bool armed;
} new_index;

static void forget_new_index(void)
{
	if (!new_index.armed)
		return;
	ax_db_remove(new_index.build);
	ax_db_remove(new_index.path);
	if (new_index.dir)
		rmdir(new_index.dir); /* only if empty */
}

/* A new index, complete (an empty one too), takes its name. */
static void publish_new_index(void)
{
	if (!new_index.armed)
		return;
	if (ax_db_replace(new_index.build, new_index.path) < 0)
		ax_die(AX_EXIT_INTERNAL, "cannot move the new index %s to %s: %s", new_index.build,
		       new_index.path, strerror(errno));
	new_index.armed = false;
}

/* Called with the lock held: the index is new if it is not there now. */
static void arm_new_index(const char *path, char *made_dir)
{
	if (access(path, F_OK) == 0) {
		free(made_dir);
		return;
	}
	new_index.path = ax_strdup(path);
	new_index.build = ax_db_new_name(path);
	ax_db_remove(new_index.build); /* a killed load's */
	new_index.dir = made_dir;
	new_index.armed = true;
	atexit(forget_new_index);
}

/* The parent directory of path, if it does not exist yet (malloc'd). */
static char *missing_parent(const char *path)
{
	char *dir = ax_strdup(path), *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (access(dir, F_OK) != 0)
			return dir;
	}
	free(dir);
	return NULL;
}

static void summary(const struct opts *o, const struct load_counts *n, double secs)
{
	if (o->quiet)
		return;
	fprintf(stderr, "%s%s: %s%llu added, %llu changed, %llu deleted, %llu unchanged, "
		"%llu %s, %llu %s in %.2f s\n", ax_progress_erase_shared(), ax_progname,
		o->dry_run ? "dry run, would be: " : "",
		(unsigned long long)n->added, (unsigned long long)n->changed,
		(unsigned long long)n->deleted, (unsigned long long)n->unchanged,
		(unsigned long long)n->errors, ax_plural((long long)n->errors, "error", "errors"),
		(unsigned long long)n->symbols, ax_plural((long long)n->symbols, "symbol", "symbols"), secs);
}

/* Imports are resolved after the last commit: resolution needs the whole
 * file set (lib/resolve/resolve.h), and touches only what the load changed. */
static void resolve(sqlite3 *db, bool quiet)
{
	struct ax_resolve_stats st = { 0 };
	char *err = NULL;
	double t0 = ax_now();
	/* No file changed since the last pass: nothing to resolve, and no
	 * need to read the file set (most of a no-change run's time). */
	if (ax_resolve_current(db))
		return;
	if (ax_resolve_imports(db, NULL, false, &st, &err) < 0)
		ax_die(AX_EXIT_INTERNAL, "resolving imports (%s): %s", new_index.armed
		       ? "the new index was not created" : "the load itself is committed; 'ax-graph resolve' retries",
		       err);
	if (!quiet && st.examined)
		fprintf(stderr, "%s%s: imports: %llu resolved, %llu external, %llu unresolved "
			"(%llu rewritten) in %.2f s\n", ax_progress_erase_shared(), ax_progname,
			(unsigned long long)st.resolved, (unsigned long long)st.external,
			(unsigned long long)st.unresolved, (unsigned long long)st.changed,
			ax_now() - t0);
}

static void load_stream(sqlite3 *db, const struct opts *o)
{
	struct loader l;
	struct ax_progress p;
	struct ax_record rec;
	struct ax_reader *r = ax_reader_new(STDIN_FILENO, "stdin");
	bool ended = false, complete = false;
	char *git_head = NULL; /* the commit the index reflects after this load */
	char *under = NULL;    /* the subtree a scan walked whole */
	int got;

	ax_progress_init(&p, o->quiet ? -1 : o->progress);
	/* A dry run is one transaction, rolled back at the end. */
	loader_init(&l, db, o->dry_run ? UINT_MAX : o->batch);
	if (!o->dry_run && loader_index_empty(&l))
		loader_bulk_begin(&l, new_index.armed);
	while ((got = ax_reader_next(r, &rec)) > 0) {
		if (ax_record_is(&rec, "end")) {
			ended = true;
			complete = ax_get_bool(&rec.map, "complete", &complete) && complete;
			free(git_head);
			git_head = ax_get_strdup(&rec.map, "git_head");
			free(under);
			under = ax_get_strdup(&rec.map, "under");
			continue;
		}
		if (ax_record_is(&rec, "hdr")) {
			char *root = ax_get_strdup(&rec.map, "root");
			char *value = root ? ax_db_root_value(db, root) : NULL;
			if (value)
				loader_meta(&l, "root", value, 0);
			free(value);
			free(root);
			continue;
		}
		if (loader_record(&l, &rec) < 0) {
			loader_rollback(&l);
			ax_progress_done(&p);
			ax_die(AX_EXIT_USAGE, "stdin: %s (this batch was not loaded)", l.err);
		}
		ax_progress_files(&p, l.n.files);
		ax_progress_update(&p, "%llu %s, %.0f files/s, %llu %s",
				   (unsigned long long)l.n.files, ax_plural((long long)l.n.files, "file", "files"),
				   l.n.files / (ax_progress_elapsed(&p) + 1e-9),
				   (unsigned long long)l.n.symbols, ax_plural((long long)l.n.symbols, "symbol", "symbols"));
	}
	ax_progress_done(&p);
	if (got < 0) {
		/* Whole files of earlier batches stay; nothing is deleted. */
		loader_rollback(&l);
		ax_die(AX_EXIT_USAGE, "%s (the batch in progress was not loaded; nothing deleted)",
		       ax_reader_error(r));
	}
	if (!ended) {
		/* Its producer died (docs/faults.md): as a stream cut inside a
		 * record, whatever the cut's position. */
		loader_rollback(&l);
		ax_die(AX_EXIT_USAGE, "stdin: the stream ended without an end record, as when a stage "
		       "before ax-load fails (the batch in progress was not loaded; nothing deleted)");
	}
	if (complete || under)
		loader_delete_unseen(&l, complete ? NULL : under);
	/* Quiet for ax-scan --changed (it names a commit; deletions come as
	 * gone records), and when gone records deleted something. */
	else if (!o->quiet && l.n.files > 0 && l.n.deleted == 0 && !git_head)
		ax_warn("the scan was not complete: nothing deleted");
	/* A load that changed nothing writes nothing (docs/load.md): the
	 * index, its WAL and its mtime stay as they were. */
	if (l.wrote) {
		loader_meta(&l, "last_load", NULL, (int64_t)time(NULL));
		/* How long this load took (text: seconds with ms, e.g. "1.234"), for ax-status. */
		char took[32];
		snprintf(took, sizeof took, "%.3f", ax_progress_elapsed(&p));
		loader_meta(&l, "last_load_seconds", took, 0);
	}
	if (git_head) /* for the next ax-scan --changed */
		loader_meta(&l, "git_head", git_head, 0);
	free(git_head);
	free(under);
	if (o->dry_run)
		loader_rollback(&l);
	else
		loader_commit(&l);

	ax_hooks_count("files", l.n.files);
	summary(o, &l.n, ax_progress_elapsed(&p));
	loader_free(&l);
	ax_reader_free(r);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "batch", required_argument, NULL, OPT_BATCH },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "no-resolve", no_argument, NULL, OPT_NO_RESOLVE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ 0 }
	};
	struct opts o = { .batch = 1000 };
	int c;
	long long v;

	ax_tool_init("ax-load");
	while ((c = getopt_long(argc, argv, "nqh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DB: o.db = optarg; break;
		case OPT_BATCH:
			if ((v = ax_parse_count(optarg, 1, 10000000)) < 0)
				ax_usage_error("invalid --batch '%s': want a count of files >= 1", optarg);
			o.batch = (unsigned)v;
			break;
		case 'n': o.dry_run = true; break;
		case OPT_MERGE: o.merge = true; break;
		case 'q': o.quiet = true; break;
		case OPT_PROGRESS: o.progress = 1; break;
		case OPT_NO_RESOLVE: o.no_resolve = true; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	if (o.merge && optind == argc)
		ax_usage_error("--merge needs the shard indexes to merge");
	if (!o.merge && optind < argc)
		ax_usage_error("unexpected argument '%s' (the stream comes on stdin)", argv[optind]);

	sqlite3 *db;
	char *existing = ax_db_find(o.db);
	if (o.dry_run && !existing) {
		/* Nothing to compare with: a dry run against an empty index. */
		char *err = NULL;
		struct ax_change change = { 0 };
		int v;
		db = ax_db_open_path(":memory:", AX_DB_WRITE | AX_DB_CREATE, &v, &err);
		if (!db || ax_db_change(db, ":memory:", &ax_migrations, (int)ax_migrations.n,
					false, &change, &err) < 0)
			ax_die(AX_EXIT_INTERNAL, "an empty index in memory: %s", err);
		ax_change_free(&change);
	} else {
		/* Lock first: a second loader must not even open an index that
		 * the first is still creating. */
		char *path = existing ? ax_strdup(existing) : ax_db_default_path(o.db);
		char *made_dir = missing_parent(path);
		if (ax_db_make_parent(path) < 0)
			ax_die(AX_EXIT_USAGE, "cannot create the directory of %s: %s", path, strerror(errno));
		lock_index(path, o.quiet);
		if (!o.merge)
			arm_new_index(path, made_dir);
		else
			free(made_dir);
		db = ax_db_open(new_index.armed ? new_index.build : path, AX_DB_WRITE | AX_DB_CREATE);
		free(path);
	}
	free(existing);
	if (o.merge)
		merge_indexes(db, (const char *const *)argv + optind, argc - optind, o.dry_run, o.quiet);
	else
		load_stream(db, &o);
	if (!o.dry_run && !o.no_resolve)
		resolve(db, o.quiet);
	if (new_index.armed && sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		loader_db_die(db, "switching the new index to WAL");
	if (sqlite3_close(db) != SQLITE_OK)
		ax_die(AX_EXIT_INTERNAL, "closing the index: %s", sqlite3_errmsg(db));
	publish_new_index();
	ax_exit(AX_EXIT_OK);
}
