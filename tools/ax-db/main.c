/* ax-db: the index's schema, backups and health, for operators (and cron). */
#include "adb.h"
#include "base/cli.h"
#include "telemetry/hooks.h"
#include "index/db.h"
#include "index/dbpath.h"
#include "base/json.h"

#include <errno.h>
#include <getopt.h>
#include <msgpack.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: ax-db [--db PATH] COMMAND [OPTIONS]\n"
	"\n"
	"Manage the index's schema: numbered migrations built into ax, backups,\n"
	"restores and checks. Safe to run unattended: every change is one\n"
	"transaction per migration, after an automatic, verified backup.\n"
	"\n"
	"Commands:\n"
	"  status              version, pending migrations, last backup, size, quick check\n"
	"  migrate [--to N]    apply pending migrations (creates a missing index)\n"
	"  rollback [--to N]   undo migrations down to version N (default: one)\n"
	"  backup [PATH]       consistent online copy (default: into the backup directory)\n"
	"  restore [PATH]      replace the index with a validated backup (default: the newest)\n"
	"  verify              integrity, FTS, foreign keys, history checksums; exit 1 if bad\n"
	"\n"
	"Options:\n"
	"      --db PATH       the index (default: $AX_DB, else .ax/index.db here or above)\n"
	"  -n, --dry-run       migrate/rollback: print the SQL and its effect, change nothing\n"
	"      --to N          migrate/rollback: the target version\n"
	"  -f, --force         migrate/rollback: go on although the history's checksums differ\n"
	"  -k, --keep K        keep the newest K automatic backups (default 5, $AX_DB_KEEP_BACKUPS)\n"
	"  -j, --json          machine-readable output (one JSON object)\n"
	"  -h, --help          this text\n"
	"      --version       print the version\n"
	"\n"
	"Environment: AX_DB, AX_DB_BACKUP_DIR, AX_DB_KEEP_BACKUPS, AX_DB_BACKUP_CHECK\n"
	"(full or quick), AX_DB_BUSY_TIMEOUT (ms), AX_DB_AUTO_MIGRATE (for other tools).\n"
	"Exit status: 0 ok, 1 verify found problems, 2 usage error, no index, or an\n"
	"index this ax must not change, 3 internal error.\n";

static const struct {
	const char *name;
	int (*run)(const struct adb_opts *);
} commands[] = {
	{ "status", adb_status },
	{ "migrate", adb_migrate },
	{ "rollback", adb_rollback },
	{ "backup", adb_backup },
	{ "restore", adb_restore },
	{ "verify", adb_verify },
};

int main(int argc, char **argv)
{
	ax_tool_init("ax-db");
	enum { OPT_DB = 1, OPT_TO };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "to", required_argument, NULL, OPT_TO },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ "keep", required_argument, NULL, 'k' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct adb_opts o = { .to = -1 };
	int c;
	while ((c = getopt_long(argc, argv, "nfk:jh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DB: o.db = optarg; break;
		case OPT_TO:
			if ((o.to = (int)ax_parse_count(optarg, 0, 1000000)) < 0)
				ax_usage_error("--to needs a version number, not '%s'", optarg);
			break;
		case 'n': o.dry_run = true; break;
		case 'f': o.force = true; break;
		case 'k':
			if (ax_parse_count(optarg, 1, 1000000) < 0)
				ax_usage_error("--keep needs a count of at least 1, not '%s'", optarg);
			/* One place reads the count: lib/index/backup.c, from the environment. */
			setenv("AX_DB_KEEP_BACKUPS", optarg, 1);
			break;
		case 'j': o.json = true; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	if (optind >= argc)
		ax_usage_error("no command (status, migrate, rollback, backup, restore, verify)");
	const char *cmd = argv[optind++];
	o.argc = argc - optind;
	o.argv = argv + optind;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(cmd, commands[i].name) != 0)
			continue;
		bool takes_path = commands[i].run == adb_backup || commands[i].run == adb_restore;
		if (o.argc > (takes_path ? 1 : 0))
			ax_usage_error("%s: unexpected argument '%s'", cmd, o.argv[takes_path ? 1 : 0]);
		bool changes = commands[i].run == adb_migrate || commands[i].run == adb_rollback;
		if (!changes && (o.dry_run || o.to >= 0 || o.force))
			ax_usage_error("%s: --dry-run, --to and --force are for migrate and rollback", cmd);
		ax_exit(commands[i].run(&o));
	}
	ax_usage_error("unknown command '%s'", cmd);
}
