/* errors.c: `ax-telemetry errors`, new error codes and spikes.
 *
 * In the window (--since, default 24h) each tool's error codes are compared
 * with the --baseline period just before it (default 7 days): a code never
 * seen before the window is new; a code whose share of the tool's runs is at
 * least --factor times its baseline share (and that occurred --min-count
 * times) is a spike. */
#include "base/cli.h"
#include "cmds.h"
#include "telemetry/telemetry_store.h"

#include <getopt.h>
#include <stdlib.h>
#include <time.h>

static const char usage[] =
	"Usage: ax-telemetry errors [--since DURATION] [--baseline DURATION] [--factor X] [--min-count N]\n"
	"Lists error codes that are new or spiking; exit status 1 if there is any.\n"
	"DURATION: 24h, 7d, 30m or seconds.\n";

static int64_t runs_of(sqlite3 *db, const char *tool, int64_t from, int64_t to)
{
	sqlite3_stmt *st = ax_tel_db_prepare(db, "SELECT count(*) FROM events WHERE tool = ?1 AND time >= ?2 AND time < ?3");
	sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_step(st);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int cmd_errors(struct tel *t, int argc, char **argv)
{
	int64_t since = 86400, baseline = 7 * 86400;
	double factor = 3;
	long long min_count = 3;
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, 's' }, { "baseline", required_argument, NULL, 'b' },
		{ "factor", required_argument, NULL, 'f' }, { "min-count", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if ((since = tel_parse_duration(optarg)) <= 0)
				ax_usage_error("--since takes a duration such as 24h or 7d, not '%s'", optarg);
			break;
		case 'b':
			if ((baseline = tel_parse_duration(optarg)) <= 0)
				ax_usage_error("--baseline takes a duration such as 7d, not '%s'", optarg);
			break;
		case 'f':
			factor = atof(optarg);
			if (!(factor > 1))
				ax_usage_error("--factor takes a number above 1");
			break;
		case 'n':
			if ((min_count = ax_parse_count(optarg, 1, 1000000000)) < 0)
				ax_usage_error("--min-count takes a number from 1");
			break;
		case 'h': ax_print_help(usage);
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		ax_usage_error("unexpected argument '%s'", argv[optind]);
	sqlite3 *db = tel_open_ingested(t, 1);
	/* Event times are rounded down to the hour: so is the window's start. */
	int64_t now = (int64_t)time(NULL), start = (now - since) / 3600 * 3600, base = start - baseline;
	sqlite3_stmt *st = ax_tel_db_prepare(db,
		"SELECT e.tool, j.value, count(*),"
		" (SELECT count(*) FROM events b, json_each(b.errors) k WHERE b.tool = e.tool AND k.value = j.value"
		"   AND b.time >= ?2 AND b.time < ?1),"
		" (SELECT count(*) FROM events b, json_each(b.errors) k WHERE b.tool = e.tool AND k.value = j.value"
		"   AND b.time < ?1)"
		" FROM events e, json_each(e.errors) j WHERE e.time >= ?1 GROUP BY 1, 2 ORDER BY 1, 2");
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, base);
	int flagged = 0, listed = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *tool = (const char *)sqlite3_column_text(st, 0);
		const char *code = (const char *)sqlite3_column_text(st, 1);
		int64_t n = sqlite3_column_int64(st, 2), nb = sqlite3_column_int64(st, 3), ever = sqlite3_column_int64(st, 4);
		int64_t runs = runs_of(db, tool, start, now + 1), runs_b = runs_of(db, tool, base, start);
		double rate = runs ? (double)n / (double)runs : 0, rate_b = runs_b ? (double)nb / (double)runs_b : 0;
		const char *verdict = "";
		if (ever == 0)
			verdict = "NEW";
		else if (n >= min_count && rate >= factor * rate_b)
			verdict = "SPIKE";
		flagged += *verdict != '\0';
		listed++;
		printf("%-16s %-28s %6lld of %6lld runs (%5.1f%%), before %5.1f%%  %s\n", tool, code,
			(long long)n, (long long)runs, 100 * rate, 100 * rate_b, verdict);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (!listed)
		printf("no errors in the window\n");
	else
		printf("%d new or spiking\n", flagged);
	return flagged ? AX_EXIT_NONE : AX_EXIT_OK;
}
