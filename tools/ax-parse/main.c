/* ax-parse: read `file` records, parse each file with tree-sitter, write
 * one `parsed` record per file; every other record passes through. */
#include <getopt.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cli.h"
#include "base/pathcheck.h"
#include "config/config.h"
#include "flags/flags.h"
#include "telemetry/hooks.h"
#include "lang/lang.h"
#include "run/index.h"
#include "pool.h"
#include "rules.h"
#include "stream/stream.h"

static const char usage[] =
	"usage: ax-parse [-j N] [--unordered] [--timeout-ms MS] [--max-size BYTES]\n"
	"                [--parse-minified] [--parse-only] [--check-queries]\n"
	"\n"
	"Read a record stream on stdin; for each `file` record parse the file with\n"
	"tree-sitter and write a `parsed` record (symbols, imports, references) or\n"
	"an `err` record; every other record passes through in its place. The\n"
	"output is binary: ax-parse refuses to write it to a terminal.\n"
	"\n"
	"  -j, --jobs N          worker threads (default: config index.jobs, else one per core)\n"
	"      --unordered       write each file when done, not in input order\n"
	"      --timeout-ms MS   give up on a file after MS ms (default: config\n"
	"                        parse.timeout-ms, else 10000; 0: never)\n"
	"      --max-size BYTES  larger files become errors (default 16M; K, M, G)\n"
	"      --parse-minified  extract from minified files too (default: flag only)\n"
	"      --check-queries   compile every language's queries and exit\n"
	"      --parse-only      parse with tree-sitter (JSON too) but extract nothing:\n"
	"                        the benchmarks' floor\n"
	"  -h, --help            this help\n"
	"      --version         the version\n"
	"\n"
	"Paths are read relative to the `root` of the last hdr record, or to the\n"
	"current directory. See ax-parse(1) and docs/parse.md.\n"
	"Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n";

enum { OPT_UNORDERED = 0x2000, OPT_TIMEOUT, OPT_MAX_SIZE, OPT_MINIFIED, OPT_CHECK, OPT_PARSE_ONLY };

static char *join_path(const char *root, const char *path, size_t path_len)
{
	if (!root)
		return ax_strndup(path, path_len);
	size_t rl = strlen(root);
	char *p = ax_malloc(rl + 1 + path_len + 1);
	memcpy(p, root, rl);
	p[rl] = '/';
	memcpy(p + rl + 1, path, path_len);
	p[rl + 1 + path_len] = '\0';
	return p;
}

/* Records ax-parse leaves as they are: the file is as indexed (ax-scan --db
 * says "same"), or its language is gated off (flag lang.<name>; a decision,
 * not a failure, so no err record: the file record goes on unparsed). */
static bool leave_unparsed(const struct ax_record *rec, uint64_t *skipped)
{
	bool same = false;
	if (ax_get_bool(&rec->map, "same", &same) && same)
		return true;
	const char *lang;
	size_t len;
	char flag[64];
	if (!ax_get_str(&rec->map, "lang", &lang, &len) || len == 0 || len > 40)
		return false;
	snprintf(flag, sizeof flag, "lang.%.*s", (int)len, lang);
	if (ax_lang_by_name(flag + 5) == AX_LANG_NONE)
		return false; /* no gate for what ax has no grammar for */
	if (ax_flag_enabled(flag))
		return false;
	(*skipped)++;
	return true;
}

/* A file record whose path breaks the rule of docs/stream.md ("Paths")
 * becomes an err record (without the path, which no stage may store) in
 * its place: nothing is opened. */
static void refuse_path(struct pool *pool, const struct ax_record *rec, const char *path, size_t len,
			const char *why)
{
	char shown[200], msg[400];
	snprintf(msg, sizeof msg, "path refused: \"%s\": %s", ax_path_shown(path, len, shown, sizeof shown), why);
	ax_warn("stdin: byte %llu: file record: %s", (unsigned long long)rec->offset, msg);
	msgpack_sbuffer sb;
	msgpack_packer pk;
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	ax_pack_err(&pk, NULL, "parse", "badpath", msg);
	pool_pass(pool, sb.data, sb.size, false);
	msgpack_sbuffer_destroy(&sb);
	ax_note_error("parse", "badpath");
}

/* Queue one `file` record; false if it lacks a path (it then passes through). */
static bool queue_file(struct pool *pool, const struct ax_record *rec, const char *root)
{
	const char *path, *lang = "", *hash = "", *why;
	size_t path_len, lang_len = 0, hash_len = 0;
	if (!ax_get_str(&rec->map, "path", &path, &path_len))
		return false;
	if ((why = ax_path_check(path, path_len))) {
		refuse_path(pool, rec, path, path_len, why);
		return true;
	}
	ax_get_str(&rec->map, "lang", &lang, &lang_len);
	ax_get_str(&rec->map, "hash", &hash, &hash_len);
	int64_t size = 0, mtime = 0;
	ax_get_int(&rec->map, "size", &size);
	ax_get_int(&rec->map, "mtime", &mtime);
	struct file_job job = {
		.path = ax_strndup(path, path_len),
		.lang_name = ax_strndup(lang, lang_len),
		.hash = ax_strndup(hash, hash_len),
		.hash_len = hash_len,
		.size = size > 0 ? (uint64_t)size : 0,
		.mtime = mtime,
	};
	job.open_path = join_path(root, job.path, path_len);
	job.lang = ax_lang_by_name(job.lang_name);
	pool_file(pool, &job);
	return true;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "unordered", no_argument, NULL, OPT_UNORDERED },
		{ "timeout-ms", required_argument, NULL, OPT_TIMEOUT },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "parse-minified", no_argument, NULL, OPT_MINIFIED },
		{ "check-queries", no_argument, NULL, OPT_CHECK },
		{ "parse-only", no_argument, NULL, OPT_PARSE_ONLY },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ 0 }
	};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	long long jobs = 0, timeout_ms = -1;
	struct extract_limits limits = { .max_size = 16u << 20 };
	bool ordered = true, check = false;
	long long v;
	int c;

	ax_tool_init("ax-parse");
	while ((c = getopt_long(argc, argv, "j:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			if ((jobs = ax_parse_count(optarg, 1, AX_JOBS_MAX)) < 0)
				ax_usage_error("-j: not a number from 1 to %d: '%s'", AX_JOBS_MAX, optarg);
			break;
		case OPT_UNORDERED: ordered = false; break;
		case OPT_TIMEOUT:
			if ((timeout_ms = ax_parse_count(optarg, 0, 86400000)) < 0)
				ax_usage_error("--timeout-ms: not a number of milliseconds: '%s'", optarg);
			break;
		case OPT_MAX_SIZE:
			if ((v = ax_parse_size(optarg, 1LL << 32)) < 0)
				ax_usage_error("--max-size: not a size up to 4G: '%s'", optarg);
			limits.max_size = (size_t)v;
			break;
		case OPT_MINIFIED: limits.parse_minified = true; break;
		case OPT_CHECK: check = true; break;
		case OPT_PARSE_ONLY: limits.parse_only = true; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		ax_usage_error("unexpected argument '%s' (the stream comes on stdin)", argv[optind]);
	/* Options left out come from the config (index.jobs 0: one per core). */
	if (!jobs)
		jobs = ax_config_number(AX_CFG_INDEX_JOBS);
	if (!jobs)
		jobs = cores > 0 ? cores : 1;
	limits.timeout_ms = (uint64_t)(timeout_ms >= 0 ? timeout_ms : ax_config_number(AX_CFG_PARSE_TIMEOUT_MS));

	if (check) {
		int n = rules_compile_all();
		printf("%d %s: queries compile\n", n, ax_plural(n, "language", "languages"));
		rules_free_all();
		ax_exit(AX_EXIT_OK);
	}

	/* glibc gives each thread its own malloc arena, and each keeps its own
	 * high-water mark; more arenas than cores buys no parallelism. */
	mallopt(M_ARENA_MAX, (int)(cores > 0 ? cores : 1));
	ax_writer_refuse_tty("redirect it, or pipe it to ax-load or ax-cat");
	struct ax_writer *w = ax_writer_new(STDOUT_FILENO);
	ax_write_hdr(w, "ax-parse", NULL);
	struct pool *pool = pool_new((int)jobs, ordered, &limits, w);
	struct ax_reader *r = ax_reader_new(STDIN_FILENO, "stdin");
	struct ax_record rec;
	char *root = NULL;
	int rc;
	uint64_t malformed = 0, skipped = 0;
	bool parse_on = ax_stage_enabled("parse");
	if (!parse_on)
		ax_error("stage.parse is off: passing records through unparsed");
	while ((rc = ax_reader_next(r, &rec)) == 1) {
		if (parse_on && ax_record_is(&rec, "file") && !leave_unparsed(&rec, &skipped)) {
			if (queue_file(pool, &rec, root))
				continue;
			if (malformed++ == 0)
				ax_warn("stdin: byte %llu: file record without a path, passed through",
					(unsigned long long)rec.offset);
		} else if (ax_record_is(&rec, "hdr")) {
			char *new_root = ax_get_strdup(&rec.map, "root");
			if (new_root) {
				free(root);
				root = new_root;
			}
		}
		pool_pass(pool, rec.raw, rec.raw_len, ax_record_is(&rec, "file"));
	}
	struct pool_stats st;
	pool_finish(pool, &st);
	ax_writer_free(w);
	int status = AX_EXIT_OK;
	if (rc < 0) {
		ax_error("%s", ax_reader_error(r));
		status = AX_EXIT_USAGE;
	}
	ax_reader_free(r);
	free(root);
	rules_free_all();
	ax_hooks_count("files", st.files);
	ax_hooks_count("errors", st.failed);
	ax_hooks_count("skipped", skipped);
	ax_exit(status);
}
