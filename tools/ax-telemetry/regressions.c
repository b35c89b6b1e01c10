/* regressions.c: `ax-telemetry regressions`, significant slowdowns.
 *
 * Per tool, the newest version's durations against the previous version's
 * (--by version, the default when a tool has two versions with enough
 * runs), or the last N days against the N days before (--by days). A
 * slowdown counts when the one-sided Mann-Whitney U test says the newer
 * durations tend to be larger (p < --alpha) and the median grew by at least
 * --min-slowdown percent: the test alone flags tiny but consistent shifts
 * once there are many runs, the threshold alone flags noise. */
#include "analyze.h"
#include "base/cli.h"
#include "cmds.h"
#include "telemetry/telemetry_store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct options {
	const char *tool, *by;
	int64_t window;
	double alpha, min_slowdown;
	long long min_runs;
};

/* Compares and prints one pair; returns 1 for a regression. */
static int compare(const char *tool, const char *what, double *a, size_t na, double *b, size_t nb,
	const struct options *o)
{
	if ((long long)na < o->min_runs || (long long)nb < o->min_runs) {
		printf("%-16s %s: not enough runs (%zu and %zu, need %lld each)\n", tool, what, na, nb, o->min_runs);
		return 0;
	}
	double p = mann_whitney_greater(a, na, b, nb);
	double ma = quantile(a, na, 0.5), mb = quantile(b, nb, 0.5);
	double change = ma > 0 ? (mb / ma - 1) * 100 : 0;
	int slower = p < o->alpha && change >= o->min_slowdown;
	printf("%-16s %s: p50 %.2f -> %.2f ms (%+.1f%%), p95 %.2f -> %.2f ms, p=%.2g, runs %zu/%zu: %s\n",
		tool, what, ma, mb, change, quantile(a, na, 0.95), quantile(b, nb, 0.95), p, na, nb,
		slower ? "SLOWER" : "ok");
	return slower;
}

/* The tool's two latest versions by first use, with enough runs; 0 if none. */
static int last_two_versions(sqlite3 *db, const char *tool, char prev[64], char cur[64], long long min_runs)
{
	sqlite3_stmt *st = ax_tel_db_prepare(db, "SELECT version FROM events WHERE tool = ?1"
		" GROUP BY version HAVING count(*) >= ?2 ORDER BY min(time) DESC, min(id) DESC LIMIT 2");
	sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, min_runs);
	int n = 0;
	while (n < 2 && sqlite3_step(st) == SQLITE_ROW)
		snprintf(n++ ? prev : cur, 64, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return n == 2;
}

static int check_tool(sqlite3 *db, const char *tool, const struct options *o)
{
	char prev[64], cur[64], what[160];
	size_t na, nb;
	double *a, *b;
	int by_version = strcmp(o->by, "days") != 0;
	if (by_version && last_two_versions(db, tool, prev, cur, o->min_runs)) {
		a = durations(db, tool, prev, "version = ?4", 0, 0, &na);
		b = durations(db, tool, cur, "version = ?4", 0, 0, &nb);
		snprintf(what, sizeof what, "version %s -> %s", prev, cur);
	} else if (!strcmp(o->by, "version")) {
		printf("%-16s no two versions with %lld %s each\n", tool, o->min_runs,
		       ax_plural(o->min_runs, "run", "runs"));
		return 0;
	} else {
		int64_t now = (int64_t)time(NULL), w = o->window;
		a = durations(db, tool, NULL, "time >= ?2 AND time < ?3", now - 2 * w, now - w, &na);
		b = durations(db, tool, NULL, "time >= ?2 AND time <= ?3", now - w, now, &nb);
		snprintf(what, sizeof what, "last %lldd vs the %lldd before", (long long)(w / 86400),
			(long long)(w / 86400));
	}
	int r = compare(tool, what, a, na, b, nb, o);
	free(a);
	free(b);
	return r;
}

static const char usage[] =
	"Usage: ax-telemetry regressions [--tool NAME] [--by auto|version|days] [--days N]\n"
	"                                [--alpha P] [--min-slowdown PCT] [--min-runs N]\n"
	"Reports significant slowdowns per tool; exit status 1 if there is any.\n";

int cmd_regressions(struct tel *t, int argc, char **argv)
{
	struct options o = { NULL, "auto", 7 * 86400, 0.01, 10, 10 };
	static const struct option longopts[] = {
		{ "tool", required_argument, NULL, 't' }, { "by", required_argument, NULL, 'b' },
		{ "days", required_argument, NULL, 'd' }, { "alpha", required_argument, NULL, 'a' },
		{ "min-slowdown", required_argument, NULL, 's' }, { "min-runs", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;
	long long days;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 't': o.tool = optarg; break;
		case 'b':
			if (strcmp(optarg, "auto") && strcmp(optarg, "version") && strcmp(optarg, "days"))
				ax_usage_error("--by takes auto, version or days, not '%s'", optarg);
			o.by = optarg;
			break;
		case 'd':
			if ((days = ax_parse_count(optarg, 1, 3650)) < 0)
				ax_usage_error("--days takes a number of days from 1 to 3650");
			o.window = days * 86400;
			break;
		case 'a':
			o.alpha = atof(optarg);
			if (!(o.alpha > 0 && o.alpha < 1))
				ax_usage_error("--alpha takes a probability between 0 and 1");
			break;
		case 's': o.min_slowdown = atof(optarg); break;
		case 'n':
			if ((o.min_runs = ax_parse_count(optarg, 2, 1000000)) < 0)
				ax_usage_error("--min-runs takes a number from 2");
			break;
		case 'h': ax_print_help(usage);
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		ax_usage_error("unexpected argument '%s'", argv[optind]);
	sqlite3 *db = tel_open_ingested(t, 1);
	sqlite3_stmt *st = ax_tel_db_prepare(db, "SELECT DISTINCT tool FROM events WHERE ?1 IS NULL OR tool = ?1 ORDER BY tool");
	sqlite3_bind_text(st, 1, o.tool, -1, SQLITE_STATIC);
	int found = 0, slower = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		found++;
		slower += check_tool(db, (const char *)sqlite3_column_text(st, 0), &o);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (!found)
		printf("no events%s%s\n", o.tool ? " for " : "", o.tool ? o.tool : "");
	if (slower)
		printf("%d %s\n", slower, ax_plural(slower, "regression", "regressions"));
	return slower ? AX_EXIT_NONE : AX_EXIT_OK;
}
