/* ax-status: where the index is and what is in it, what failed, what has
 * changed on disk since, and the flags, settings and telemetry mode in
 * effect (docs/status.md). */
#include "status.h"

#include "base/cli.h"
#include "telemetry/hooks.h"
#include "index/db.h"
#include "index/dbpath.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char usage[] =
	"Usage: ax-status [--json] [--limit N] [--db PATH]\n"
	"Show the state of the index: its file and schema version, the scan root,\n"
	"files and symbols per language, when it was last loaded and how long that\n"
	"took, the files that failed (and why), the indexed files that changed on\n"
	"disk or are gone since, the feature flags and config keys not at their\n"
	"defaults, and the telemetry mode.\n"
	"\n"
	"      --json       one JSON object (docs/status.md)\n"
	"  -n, --limit N    list at most N failed and N stale files (default 10,\n"
	"                   0: all); the counts are always whole\n"
	"      --db PATH    the index (default: $AX_DB, db.path, .ax/index.db here or above)\n"
	"  -h, --help       show this help\n"
	"      --version    show the version\n"
	"\n"
	"Exit status: 0 ok, 2 no index, usage error or unreadable index (as every\n"
	"ax tool), 3 internal error.\n";

enum { OPT_JSON = 0x2000, OPT_DB };

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "limit", required_argument, NULL, 'n' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	ax_tool_init("ax-status");
	bool json = false;
	long long limit = 10;
	const char *db_opt = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "n:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: json = true; break;
		case 'n':
			if ((limit = ax_parse_count(optarg, 0, 1LL << 40)) < 0)
				ax_usage_error("invalid --limit '%s': want a number, 0 for all", optarg);
			break;
		case OPT_DB: db_opt = optarg; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		ax_usage_error("unexpected argument '%s'", argv[optind]);

	struct status s = { .index = ax_db_find(db_opt) };
	struct stat st;
	if (!s.index)
		ax_die(AX_EXIT_USAGE, "no index here: run 'ax index'");
	if (stat(s.index, &st) != 0)
		ax_die(AX_EXIT_USAGE, "no index at %s: run 'ax index' (%s)", s.index, strerror(errno));
	/* Any schema version: ax-status shows an older index as it is. */
	char *err;
	int version;
	sqlite3 *db = ax_db_open_path(s.index, AX_DB_READ, &version, &err);
	if (!db)
		ax_die(AX_EXIT_USAGE, "cannot open index %s: %s%s", s.index, err, ax_db_damage_hint(err));
	status_gather(&s, db, (size_t)limit);
	status_stale(&s, db, (size_t)limit);
	sqlite3_close(db);
	if (json)
		status_print_json(&s);
	else
		status_print_human(&s, (int64_t)time(NULL));
	status_free(&s);
	ax_exit(AX_EXIT_OK);
}
