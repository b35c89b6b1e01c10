/* ax-scan: walk trees the way git lists them and write one `file` record
 * per indexable file (docs/scan.md). */
#include "changed.h"
#include "base/cli.h"
#include "telemetry/hooks.h"
#include "config/config.h"
#include "known.h"
#include "pool.h"
#include "scan.h"
#include "stream/stream.h"
#include "walk.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"Usage: ax-scan [OPTION]... [DIR]...\n"
	"Write a record stream of the indexable files under each DIR (default .):\n"
	"a hdr record, one file record per file, and an end record.\n"
	"\n"
	"Files are those git would list (`git ls-files -co --exclude-standard`),\n"
	"in path byte order, less .axignore and config scan.exclude matches,\n"
	"binary files, files over --max-size and files of no supported language.\n"
	"\n"
	"  -a, --all            also files of no supported language (lang \"\")\n"
	"      --no-ignore      no .gitignore, exclude files, .axignore or scan.exclude\n"
	"  -L, --follow         follow symbolic links (loops are skipped)\n"
	"      --max-size SIZE  skip files over SIZE bytes; K, M, G suffixes (default:\n"
	"                       config scan.max-size, else 1M)\n"
	"      --stdin          scan the files named on stdin, one per line\n"
	"  -0, --null           with --stdin: names end with NUL, not newline\n"
	"      --shard I/N      emit only shard I (1..N) of N disjoint shards\n"
	"  -j, --jobs N         read files on N threads (default: one per CPU)\n"
	"  -q, --quiet          no progress line, and no note of files not read, on\n"
	"                       stderr\n"
	"      --stats          print what was skipped, and why, on stderr\n"
	"      --list           a line per file for a person (language, size, path),\n"
	"                       not a stream; problems as warnings on stderr\n"
	"      --db PATH        the index whose stored hashes to reuse for files whose\n"
	"                       size and mtime are as indexed (default: the index found\n"
	"                       as usual, if it indexes this root); such files are not\n"
	"                       read and their records say \"same\": true\n"
	"      --rehash         read and hash every file, whatever the index says\n"
	"      --root ROOT      record paths relative to ROOT, a directory at or above\n"
	"                       each DIR (default: DIR itself, or the common parent)\n"
	"      --changed        only the files git reports changed (committed, staged,\n"
	"                       unstaged, untracked; deleted ones as gone records)\n"
	"                       since the commit the index was made at; the whole\n"
	"                       tree when the index has no such commit\n"
	"  -h, --help           show this help\n"
	"      --version        show the version\n"
	"\n"
	"The stream is binary: ax-scan refuses to write it to a terminal (ax scan\n"
	"lists the files there instead, as --list does).\n"
	"Several DIRs are scanned as one partial tree rooted at their common\n"
	"parent directory. One DIR below the root (--root) is a subtree walked\n"
	"whole: the end record names it (under), and ax-load deletes only files\n"
	"under it that the scan did not list. A DIR that git's rules or .axignore\n"
	"leave out lists nothing, with a warning naming --no-ignore.\n"
	"Exit status: 0 ok (per-file problems are err records; an ignored DIR too),\n"
	"2 usage or input error, 3 internal error.\n";

enum { OPT_NO_IGNORE = 0x2000, OPT_MAX_SIZE, OPT_STDIN, OPT_SHARD, OPT_STATS, OPT_DB, OPT_REHASH, OPT_CHANGED,
       OPT_ROOT, OPT_LIST };

static const struct option options[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "no-ignore", no_argument, NULL, OPT_NO_IGNORE },
	{ "follow", no_argument, NULL, 'L' },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "stdin", no_argument, NULL, OPT_STDIN },
	{ "null", no_argument, NULL, '0' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "db", required_argument, NULL, OPT_DB },
	{ "rehash", no_argument, NULL, OPT_REHASH },
	{ "changed", no_argument, NULL, OPT_CHANGED },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, AX_OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void parse_shard(const char *arg, struct scan_opts *o)
{
	const char *slash = strchr(arg, '/');
	char *i = slash ? ax_strndup(arg, (size_t)(slash - arg)) : NULL;
	long long shard = i ? ax_parse_count(i, 1, 1 << 20) : -1;
	long long shards = slash ? ax_parse_count(slash + 1, 1, 1 << 20) : -1;
	free(i);
	if (shard < 1 || shards < 1 || shard > shards)
		ax_usage_error("invalid --shard '%s': want I/N with 1 <= I <= N", arg);
	o->shard = (unsigned)shard;
	o->shards = (unsigned)shards;
}

/* Real path of a DIR argument; exits 2 if it is not a readable directory. */
static char *resolve_dir(const char *arg)
{
	char *real = realpath(arg, NULL);
	struct stat st;
	if (!real)
		ax_die(AX_EXIT_USAGE, "cannot scan '%s': %s", arg, strerror(errno));
	if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode))
		ax_die(AX_EXIT_USAGE, "cannot scan '%s': %s", arg, strerror(ENOTDIR));
	return real;
}

/* Is `a` the directory `b` or below it? */
static bool within(const char *a, const char *b)
{
	size_t n = strlen(b);
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/' || n == 1);
}

/* Directory order as in the output: "a.b" before "a" (as "a/"). */
static int dir_cmp(const void *pa, const void *pb)
{
	const unsigned char *x = *(const unsigned char *const *)pa, *y = *(const unsigned char *const *)pb;
	while (*x && *x == *y)
		x++, y++;
	int cx = *x ? *x : '/', cy = *y ? *y : '/';
	return cx - cy;
}

/* The deepest directory containing all of `dirs`. */
static char *common_parent(char **dirs, size_t n)
{
	char *root = ax_strdup(dirs[0]);
	for (size_t i = 1; i < n; i++) {
		while (!within(dirs[i], root)) {
			char *slash = strrchr(root, '/');
			if (slash == root)
				slash[1] = '\0';
			else
				*slash = '\0';
		}
	}
	return root;
}

/* `git_head`: the commit the index reflects once this stream is loaded
 * (changed.h), or NULL; `under`: the subtree walked whole, or NULL. */
static void write_end(struct ax_writer *out, uint64_t files, bool complete, const char *git_head,
		      const char *under)
{
	msgpack_packer *pk = ax_writer_packer(out);
	msgpack_pack_map(pk, 3 + !!git_head + !!under);
	ax_pack_kv_str(pk, "t", "end");
	ax_pack_kv_int(pk, "files", (int64_t)files);
	ax_pack_kv_bool(pk, "complete", complete);
	if (git_head)
		ax_pack_kv_str(pk, "git_head", git_head);
	if (under)
		ax_pack_kv_str(pk, "under", under);
	ax_writer_end_record(out);
}

/* For --changed: the paths git lists since the index's commit, or NULL
 * (after saying why) to scan the whole tree. */
static FILE *changed_since_index(const struct known *known, const char *dir)
{
	const char *since = known_git_head(known);
	FILE *f = since ? changed_paths(dir, since) : NULL;
	if (!f)
		ax_warn("--changed: %s: scanning the whole tree",
			since ? "git cannot compare with the indexed commit" : "the index records no git commit");
	return f;
}

int main(int argc, char **argv)
{
	ax_tool_init("ax-scan");
	struct scan s = { .complete = true };
	bool from_stdin = false, nul = false, rehash = false, changed = false;
	const char *db = NULL, *root_arg = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "aL0qj:h", options, NULL)) != -1) {
		switch (c) {
		case 'a': s.opt.all = true; break;
		case OPT_NO_IGNORE: s.opt.no_ignore = true; break;
		case 'L': s.opt.follow = true; break;
		case OPT_MAX_SIZE: {
			long long v = ax_parse_size(optarg, 1LL << 40);
			if (v < 0)
				ax_usage_error("invalid --max-size '%s': want a positive size like 1M", optarg);
			s.opt.max_size = (uint64_t)v;
			break;
		}
		case OPT_STDIN: from_stdin = true; break;
		case '0': nul = true; break;
		case OPT_SHARD: parse_shard(optarg, &s.opt); break;
		case 'q': s.opt.quiet = true; break;
		case 'j':
			if (ax_parse_count(optarg, 1, 256) < 0)
				ax_usage_error("invalid --jobs '%s': want a number from 1 to 256", optarg);
			s.opt.jobs = (unsigned)ax_parse_count(optarg, 1, 256);
			break;
		case OPT_STATS: s.opt.stats = true; break;
		case OPT_DB: db = optarg; break;
		case OPT_REHASH: rehash = true; break;
		case OPT_CHANGED: changed = true; break;
		case OPT_ROOT: root_arg = optarg; break;
		case OPT_LIST: s.opt.list = true; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	if (nul && !from_stdin)
		ax_usage_error("-0 needs --stdin");
	if (!s.opt.list)
		ax_writer_refuse_tty("pipe it to ax-parse or ax-cat, or use --list");
	if (!s.opt.max_size)
		s.opt.max_size = (uint64_t)ax_config_number(AX_CFG_SCAN_MAX_SIZE);
	char *exclude = ax_config_joined(AX_CFG_SCAN_EXCLUDE);
	s.opt.exclude = exclude;
	size_t ndirs = argc > optind ? (size_t)(argc - optind) : 1;
	if (from_stdin && ndirs > 1)
		ax_usage_error("--stdin takes at most one DIR (the root of the names read)");
	if (changed && (from_stdin || s.opt.shards || ndirs > 1))
		ax_usage_error("--changed takes one DIR, without --stdin or --shard");
	char **dirs = ax_malloc(ndirs * sizeof *dirs);
	for (size_t i = 0; i < ndirs; i++)
		dirs[i] = resolve_dir(argc > optind ? argv[optind + (int)i] : ".");
	char *root = root_arg ? resolve_dir(root_arg) : common_parent(dirs, ndirs);
	for (size_t i = 0; i < ndirs; i++) {
		if (within(dirs[i], root))
			continue;
		/* Freed first: the exit must leave nothing for LeakSanitizer. */
		for (size_t j = 0; j < ndirs; j++)
			free(dirs[j]);
		free(dirs);
		free(root);
		ax_usage_error("'%s' is not inside the root '%s'", argc > optind ? argv[optind + (int)i] : ".",
			       root_arg);
	}
	/* Scan each tree once: drop repeats and directories inside others. */
	qsort(dirs, ndirs, sizeof *dirs, dir_cmp);
	size_t u = 0;
	for (size_t i = 0; i < ndirs; i++) {
		bool inside = false;
		for (size_t j = 0; j < u && !inside; j++)
			inside = within(dirs[i], dirs[j]);
		if (inside)
			free(dirs[i]);
		else
			dirs[u++] = dirs[i];
	}
	ndirs = u;
	/* One DIR below the root (--root): a subtree of the root's index. */
	bool subtree = ndirs == 1 && dirs[0][strlen(root)];
	char *under = subtree && !from_stdin && !changed && !s.opt.shards
		      ? ax_strdup(dirs[0] + strlen(root) + (strcmp(root, "/") != 0)) : NULL;

	struct known *known = known_load(db, root, from_stdin || changed);
	s.opt.known = rehash ? NULL : known;
	/* HEAD before the walk: what changes during it is listed next time. */
	char *git_head = changed || (!from_stdin && !s.opt.shards && ndirs == 1)
			 ? changed_git_head(root) : NULL;
	/* git lists the paths relative to DIR, as walker_paths() reads them. */
	FILE *changes = changed ? changed_since_index(known, dirs[0]) : NULL;
	/* A list on the terminal would be torn by the progress line. */
	ax_progress_init(&s.progress, s.opt.quiet || s.opt.list ? -1 : 0);
	s.out = s.opt.list ? NULL : ax_writer_new(STDOUT_FILENO);
	if (!s.opt.jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		s.opt.jobs = n < 1 ? 1 : n > 16 ? 16 : (unsigned)n;
	}
	s.pool = scan_pool_new(&s, s.opt.jobs);
	if (s.out)
		ax_write_hdr(s.out, "ax-scan", root);
	for (size_t i = 0; i < ndirs; i++) {
		/* A repository that cannot be read ends the stream without an
		 * end record: a truncated scan, which deletes nothing. */
		struct walker *w = walker_new(&s, root, dirs[i]);
		if (!w) {
			if (s.out)
				ax_writer_free(s.out);
			ax_exit(AX_EXIT_USAGE);
		}
		if (changes)
			walker_paths(w, changes, true);
		else if (from_stdin)
			walker_paths(w, stdin, nul);
		else
			walker_walk(w);
		scan_pool_finish(s.pool);
		walker_free(w);
		free(dirs[i]);
	}
	/* Only a whole tree lets ax-load delete what the scan did not see;
	 * one DIR left after dropping nested ones is the root itself, or with
	 * --root a subtree, where ax-load deletes only below it. */
	bool whole = !from_stdin && !changes && !s.opt.shards && ndirs == 1 && !under;
	scan_pool_free(s.pool);
	/* What changed outside a subtree is not in this stream. */
	bool reflects_head = s.complete && (whole || (changes && !subtree));
	if (s.out) {
		write_end(s.out, s.emitted, s.complete && whole, reflects_head ? git_head : NULL,
			  s.complete ? under : NULL);
		ax_writer_free(s.out);
	}
	free(under);
	if (changes)
		fclose(changes);
	free(git_head);
	ax_progress_done(&s.progress);
	if (s.opt.stats)
		scan_print_stats(&s);
	/* Else `ax-scan | ax-parse | ax-cat` shows records that look unparsed
	 * with no word of why. */
	if (s.same && !s.opt.quiet && !s.opt.list)
		ax_warn("%llu %s as indexed (same size and mtime), not read: \"same\": true in the "
			"stream, which ax-parse passes on unparsed; --rehash reads every file",
			(unsigned long long)s.same, ax_plural((long long)s.same, "file", "files"));
	known_free(known);
	free(exclude);
	free(dirs);
	free(root);
	ax_exit(AX_EXIT_OK);
}
