/* ax-telemetry: see what ax tools did on this machine; upload aggregates
 * only with consent. docs/telemetry.md is the manual, docs/PRIVACY.md the
 * promise. */
#include "base/cli.h"
#include "telemetry/hooks.h"
#include "cmds.h"
#include "base/install_id.h"
#include "report.h"
#include "telemetry/telemetry_store.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"Usage: ax-telemetry [COMMAND] [OPTIONS]\n"
	"Local telemetry of the ax tools (docs/telemetry.md, docs/PRIVACY.md).\n"
	"\n"
	"  dashboard            runs, durations, errors, flags, index sizes (the default)\n"
	"  status               mode, where data lives, its size, what an upload would send\n"
	"  on | local | off     choose the mode; 'on' records your consent to uploads\n"
	"  reset                new anonymous install id; deletes the local data\n"
	"  ingest               move the spool into telemetry.db (the other commands do it)\n"
	"  events [--since D]   the stored events, one JSON object a line\n"
	"  regressions          significant slowdowns per tool (exit 1 if any)\n"
	"  errors [--since D]   new error codes and spikes (exit 1 if any)\n"
	"  report --json|--html FILE [--since D] [--days N]\n"
	"  upload [--endpoint URL] [--dry-run]   send aggregates (mode on only)\n"
	"  retention [DAYS]     show or set how long events are kept (default 90)\n"
	"  endpoint [URL]       show or set the upload endpoint\n"
	"  record --tool NAME ...   append a synthetic event (tests, demos)\n"
	"\n"
	"Environment: AX_TELEMETRY=off|local|on overrides the mode, DO_NOT_TRACK=1 forces off,\n"
	"AX_TELEMETRY_DIR overrides the directory ($XDG_STATE_HOME/ax).\n"
	"Each command has --help.\n";

static void need_no_args(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		ax_print_help(usage);
	if (argc > 1)
		ax_usage_error("unexpected argument '%s'", argv[1]);
}

static void save(struct tel *t)
{
	if (ax_tel_config_save(t->dir, &t->cfg) != 0)
		ax_die(AX_EXIT_INTERNAL, "cannot write %s/%s: %s", t->dir, AX_TEL_CONFIG, strerror(errno));
}

static const char what_is_sent[] =
	"An upload sends only aggregates of the events not sent yet: per tool and version the\n"
	"number of runs and failures, p50/p95 and a histogram of durations; runs per day;\n"
	"counts per error code (stage:code) and per flag variant; runs per OS/arch; the largest\n"
	"file count per day. Never single events, session or install ids, paths or names.\n"
	"Every upload is stored with its exact JSON in telemetry.db (table uploads);\n"
	"'ax-telemetry upload --dry-run' prints the next one without sending it.\n";

static int cmd_mode(struct tel *t, enum ax_tel_mode m)
{
	t->cfg.mode = m;
	t->cfg.consent = m == AX_TEL_ON ? (int64_t)time(NULL) : 0;
	save(t);
	const char *src;
	enum ax_tel_mode now = ax_tel_mode_effective(&t->cfg, &src);
	if (m == AX_TEL_ON) {
		char when[32];
		time_t c = (time_t)t->cfg.consent;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&c));
		printf("Telemetry is on: events are kept here and aggregates may be uploaded.\n"
			"Consent recorded at %s. Withdraw it with 'ax-telemetry local' or 'off'.\n\n%s",
			when, what_is_sent);
		sqlite3 *db = tel_open_ingested(t, 1);
		int64_t pending;
		char *preview = upload_preview(t, db, &pending);
		printf("\nThe next upload would hold the aggregates of %lld %s (%zu bytes of JSON).\n",
			(long long)pending, ax_plural(pending, "event", "events"), preview ? strlen(preview) : 0);
		free(preview);
		sqlite3_close(db);
		if (!t->cfg.endpoint[0])
			printf("No endpoint is set yet: 'ax-telemetry endpoint URL' or upload --endpoint URL.\n");
	} else if (m == AX_TEL_LOCAL) {
		printf("Telemetry is local: events are kept on this machine only (%s); nothing is uploaded.\n", t->dir);
	} else {
		printf("Telemetry is off: nothing is recorded. Data already kept in %s stays until\n"
			"'ax-telemetry reset'.\n", t->dir);
	}
	if (now != m)
		printf("Note: %s overrides this, the mode in effect is %s.\n", src, ax_tel_mode_name(now));
	return AX_EXIT_OK;
}

static void human_size(char *buf, size_t cap, double n)
{
	const char *units[] = { "B", "KiB", "MiB", "GiB" };
	int u = 0;
	while (n >= 1024 && u < 3) {
		n /= 1024;
		u++;
	}
	snprintf(buf, cap, u ? "%.1f %s" : "%.0f %s", n, units[u]);
}

static int cmd_status(struct tel *t)
{
	printf("mode:       %s (from %s)\n", ax_tel_mode_name(t->mode), t->mode_source);
	if (t->cfg.consent) {
		char when[32];
		time_t c = (time_t)t->cfg.consent;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime(&c));
		printf("consent:    given %s\n", when);
	} else {
		printf("consent:    none (uploads off)\n");
	}
	off_t spool, db_size, wal;
	int has_spool = tel_file_exists(t->dir, AX_TEL_SPOOL, &spool);
	tel_file_exists(t->dir, AX_TEL_DB, &db_size);
	tel_file_exists(t->dir, AX_TEL_DB "-wal", &wal);
	char a[32], b[32];
	human_size(a, sizeof a, (double)spool);
	human_size(b, sizeof b, (double)(db_size + wal));
	printf("data:       %s\n            spool %s%s, database %s\n", t->dir, a,
		has_spool ? "" : " (none)", b);
	printf("retention:  %d %s\n", t->cfg.retention_days, ax_plural(t->cfg.retention_days, "day", "days"));
	sqlite3 *db = tel_open_ingested(t, 1);
	sqlite3_stmt *st = ax_tel_db_prepare(db, "SELECT count(*) FROM events");
	sqlite3_step(st);
	printf("events:     %lld stored\n", (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	int64_t pending;
	char *preview = upload_preview(t, db, &pending);
	if (t->mode != AX_TEL_ON || !t->cfg.consent)
		printf("next upload: none (uploads need mode on and consent: ax-telemetry on)\n");
	else if (!preview)
		printf("next upload: nothing new\n");
	else
		printf("next upload: aggregates of %lld %s, %zu bytes of JSON, to %s\n"
			"            (ax-telemetry upload --dry-run shows it)\n", (long long)pending,
			ax_plural(pending, "event", "events"), strlen(preview),
			t->cfg.endpoint[0] ? t->cfg.endpoint : "(no endpoint set)");
	free(preview);
	st = ax_tel_db_prepare(db, "SELECT time, outcome, endpoint FROM uploads ORDER BY id DESC LIMIT 1");
	if (sqlite3_step(st) == SQLITE_ROW) {
		char when[32];
		time_t w = (time_t)sqlite3_column_int64(st, 0);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime(&w));
		printf("last upload: %s, %s, to %s\n", when, sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return AX_EXIT_OK;
}

static int cmd_reset(struct tel *t)
{
	static const char *const files[] = {
		AX_TEL_SPOOL, AX_TEL_SPOOL ".ingesting", AX_TEL_DB, AX_TEL_DB "-wal", AX_TEL_DB "-shm",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *p = ax_tel_path(t->dir, files[i]);
		if (unlink(p) != 0 && errno != ENOENT)
			ax_die(AX_EXIT_INTERNAL, "cannot remove %s: %s", p, strerror(errno));
		free(p);
	}
	if (ax_install_id_reset() != 0)
		ax_die(AX_EXIT_INTERNAL, "cannot store a new install id: %s", strerror(errno));
	printf("Local telemetry data deleted; new anonymous install id. The mode stays %s.\n",
		ax_tel_mode_name(t->cfg.mode));
	return AX_EXIT_OK;
}

/* --since, --days, --json, --html for events and report. */
struct view_opts { int64_t since; int days; const char *html; int json; };

static void parse_view(int argc, char **argv, struct view_opts *v, const char *help)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, 's' }, { "days", required_argument, NULL, 'd' },
		{ "html", required_argument, NULL, 'H' }, { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;
	int64_t d;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if ((d = tel_parse_duration(optarg)) < 0)
				ax_usage_error("--since takes a duration such as 24h or 7d, not '%s'", optarg);
			v->since = (int64_t)time(NULL) - d;
			break;
		case 'd':
			if ((v->days = (int)ax_parse_count(optarg, 1, 366)) < 0)
				ax_usage_error("--days takes 1 to 366");
			break;
		case 'H': v->html = optarg; break;
		case 'j': v->json = 1; break;
		case 'h': ax_print_help(help);
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		ax_usage_error("unexpected argument '%s'", argv[optind]);
	if (!v->since)
		v->since = (int64_t)time(NULL) - (int64_t)v->days * 86400;
	v->since = v->since / 3600 * 3600;
}

static int cmd_events(struct tel *t, int argc, char **argv)
{
	struct view_opts v = { 0, 36600, NULL, 0 };
	parse_view(argc, argv, &v, "Usage: ax-telemetry events [--since DURATION]\n"
		"Prints every stored field of every event, one JSON object a line.\n");
	sqlite3 *db = tel_open_ingested(t, 1);
	sqlite3_stmt *st = ax_tel_db_prepare(db, "SELECT json_object('uid', uid, 'time', time, 'session', session,"
		" 'install', install, 'tool', tool, 'version', version, 'os', os, 'arch', arch,"
		" 'duration_ms', duration_ms, 'exit', exit, 'errors', json(errors), 'counts', json(counts),"
		" 'variants', json(variants)) FROM events WHERE time >= ?1 ORDER BY id");
	sqlite3_bind_int64(st, 1, v.since);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s\n", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return AX_EXIT_OK;
}

static int cmd_report(struct tel *t, int argc, char **argv)
{
	struct view_opts v = { 0, 30, NULL, 0 };
	parse_view(argc, argv, &v, "Usage: ax-telemetry report --json | --html FILE [--since DURATION] [--days N]\n"
		"The aggregated report: JSON on stdout, or one self-contained HTML file.\n");
	if (!v.json && !v.html)
		ax_usage_error("report needs --json or --html FILE");
	sqlite3 *db = tel_open_ingested(t, 1);
	struct report_opts o = { v.since, 0, v.days };
	json_t *r = report_build(db, &o, NULL);
	sqlite3_close(db);
	if (v.json) {
		json_dumpf(r, stdout, JSON_INDENT(2));
		putchar('\n');
	}
	if (v.html) {
		FILE *f = fopen(v.html, "w");
		if (!f || report_write_html(f, r) != 0 || fclose(f) != 0)
			ax_die(AX_EXIT_INTERNAL, "cannot write %s: %s", v.html, strerror(errno));
	}
	json_decref(r);
	return AX_EXIT_OK;
}

static int cmd_dashboard(struct tel *t, int argc, char **argv)
{
	struct view_opts v = { 0, 14, NULL, 0 };
	parse_view(argc, argv, &v, "Usage: ax-telemetry [dashboard] [--days N]\n");
	sqlite3 *db = tel_open_ingested(t, 1);
	struct report_opts o = { v.since, 0, v.days };
	json_t *r = report_build(db, &o, NULL);
	sqlite3_close(db);
	int colour = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	json_int_t events = json_integer_value(json_object_get(r, "events"));
	printf("ax telemetry: mode %s (from %s), %lld %s in the last %d %s\ndata in %s\n",
		ax_tel_mode_name(t->mode), t->mode_source, (long long)events, ax_plural(events, "event", "events"),
		v.days, ax_plural(v.days, "day", "days"), t->dir);
	dashboard_print(stdout, r, colour);
	json_decref(r);
	return AX_EXIT_OK;
}

static int cmd_retention(struct tel *t, int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		ax_usage_error("usage: ax-telemetry retention [DAYS]");
	if (argc == 2) {
		long long d = ax_parse_count(argv[1], 1, 36500);
		if (d < 0)
			ax_usage_error("retention takes a number of days from 1 to 36500");
		t->cfg.retention_days = (int)d;
		save(t);
	}
	printf("events are kept %d %s, then folded into daily totals\n", t->cfg.retention_days,
	       ax_plural(t->cfg.retention_days, "day", "days"));
	return AX_EXIT_OK;
}

static int cmd_endpoint(struct tel *t, int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		ax_usage_error("usage: ax-telemetry endpoint [URL]");
	if (argc == 2) {
		if (strlen(argv[1]) >= sizeof t->cfg.endpoint || strchr(argv[1], '\n'))
			ax_usage_error("endpoint URL too long or malformed");
		strcpy(t->cfg.endpoint, argv[1]);
		save(t);
	}
	printf("%s\n", t->cfg.endpoint[0] ? t->cfg.endpoint : "(no endpoint set)");
	return AX_EXIT_OK;
}

int main(int argc, char **argv)
{
	ax_tool_init("ax-telemetry");
	struct tel t;
	t.dir = ax_tel_dir();
	if (!t.dir)
		ax_die(AX_EXIT_USAGE, "no telemetry directory: set HOME, XDG_STATE_HOME or AX_TELEMETRY_DIR");
	ax_tel_config_load(t.dir, &t.cfg);
	t.mode = ax_tel_mode_effective(&t.cfg, &t.mode_source);

	const char *cmd = argc > 1 ? argv[1] : "dashboard";
	int sub_argc = argc > 1 ? argc - 1 : 1;
	char **sub_argv = argc > 1 ? argv + 1 : (char *[]){ "dashboard", NULL };
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h"))
		ax_print_help(usage);
	if (!strcmp(cmd, "--version"))
		ax_print_version();
	int status;
	if (!strcmp(cmd, "dashboard") || cmd[0] == '-') {
		if (cmd[0] == '-') {   /* options of the default command */
			sub_argc = argc;
			sub_argv = argv;
		}
		status = cmd_dashboard(&t, sub_argc, sub_argv);
	} else if (!strcmp(cmd, "status")) {
		need_no_args(sub_argc, sub_argv);
		status = cmd_status(&t);
	} else if (!strcmp(cmd, "on") || !strcmp(cmd, "off") || !strcmp(cmd, "local")) {
		need_no_args(sub_argc, sub_argv);
		enum ax_tel_mode m;
		ax_tel_mode_parse(cmd, &m);
		status = cmd_mode(&t, m);
	} else if (!strcmp(cmd, "reset")) {
		need_no_args(sub_argc, sub_argv);
		status = cmd_reset(&t);
	} else if (!strcmp(cmd, "ingest")) {
		need_no_args(sub_argc, sub_argv);
		sqlite3_close(tel_open_ingested(&t, 0));
		status = AX_EXIT_OK;
	} else if (!strcmp(cmd, "events")) {
		status = cmd_events(&t, sub_argc, sub_argv);
	} else if (!strcmp(cmd, "report")) {
		status = cmd_report(&t, sub_argc, sub_argv);
	} else if (!strcmp(cmd, "regressions")) {
		status = cmd_regressions(&t, sub_argc, sub_argv);
	} else if (!strcmp(cmd, "errors")) {
		status = cmd_errors(&t, sub_argc, sub_argv);
	} else if (!strcmp(cmd, "upload")) {
		status = cmd_upload(&t, sub_argc, sub_argv);
	} else if (!strcmp(cmd, "retention")) {
		status = cmd_retention(&t, sub_argc, sub_argv);
	} else if (!strcmp(cmd, "endpoint")) {
		status = cmd_endpoint(&t, sub_argc, sub_argv);
	} else if (!strcmp(cmd, "record")) {
		status = cmd_record(&t, sub_argc, sub_argv);
	} else {
		ax_usage_error("unknown command '%s'", cmd);
	}
	free(t.dir);
	ax_exit(status);
}
