/* ax-lint: structural lint rules, as tree-sitter queries, over the indexed
 * files (docs/lint.md). */
#include "base/cli.h"
#include "index/db.h"
#include "index/dbpath.h"
#include "index/root.h"
#include "files.h"
#include "telemetry/hooks.h"
#include "output.h"
#include "rules.h"
#include "run.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: ax-lint [options] [PATH...]\n"
	"\n"
	"Run lint rules (tree-sitter queries in YAML or JSON files, docs/lint.md) over\n"
	"the indexed files, or those under PATH, read from disk now. Prints\n"
	"  path:line:col: severity: message [rule]\n"
	"\n"
	"  -r, --rules DIR|FILE  the rules (repeatable; default: .ax/rules of the project)\n"
	"  -j, --jobs N          threads (default: the number of CPUs)\n"
	"      --json            JSON Lines: path, line, col, end_line, end_col,\n"
	"                        severity, rule, message\n"
	"      --sarif           one SARIF 2.1.0 log, for code scanning in CI\n"
	"      --fail-on LEVEL   exit 1 on a finding of LEVEL or worse: error (default),\n"
	"                        warning, note, or never\n"
	"      --db PATH         the index (default: $AX_DB, or .ax/index.db here or above)\n"
	"      --timeout-ms MS   stop a rule on a file after MS ms: an error finding\n"
	"                        (default 10000; 0: never); a #match? search has a\n"
	"                        step limit too\n"
	"  -h, --help            this text\n"
	"      --version         print the version\n"
	"\n"
	"Exit status: 0 no finding at the --fail-on level, 1 some, 2 bad rule file,\n"
	"usage, no index or no rules, 3 internal error.\n";

enum { OPT_JSON = 0x100, OPT_SARIF, OPT_FAIL_ON, OPT_DB, OPT_TIMEOUT };

/* Static, so that what they point to stays reachable when a message ends
 * the program half way (no leak reports under the sanitizers). */
static char **rule_srcs, **prefixes;

/* The project's rules: .ax/rules beside the index's .ax directory, else
 * under the scan root. */
static char *default_rules(const char *db_path, const char *root)
{
	const char *tail = "/.ax/index.db";
	size_t n = strlen(db_path), k = strlen(tail);
	char *dir;
	if (n >= k && !strcmp(db_path + n - k, tail)) {
		dir = ax_malloc(n + 1);
		memcpy(dir, db_path, n - k);
		strcpy(dir + n - k, "/.ax/rules");
	} else if (!strcmp(db_path, ".ax/index.db")) {
		dir = ax_strdup(".ax/rules");
	} else {
		dir = ax_malloc(strlen(root) + sizeof "/.ax/rules");
		sprintf(dir, "%s/.ax/rules", root);
	}
	struct stat st;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		ax_die(AX_EXIT_USAGE, "no rules: %s does not exist (write rules there, or give --rules DIR; "
		       "examples in the ax sources, examples/rules/)", dir);
	return dir;
}

static int fail_level(const char *s)
{
	if (!strcmp(s, "never"))
		return SEV_ERROR + 1;
	int v = severity_parse(s);
	if (v < 0)
		ax_usage_error("--fail-on: expected error, warning, note or never, not '%s'", s);
	return v;
}

static void summary(const struct findings *f)
{
	size_t by[SEV_ERROR + 1] = { 0 };
	for (size_t i = 0; i < f->n; i++)
		by[f->v[i].severity]++;
	fprintf(stderr, "ax-lint: %zu %s, %zu %s, %zu %s in %zu %s", by[SEV_ERROR],
		ax_plural((long long)by[SEV_ERROR], "error", "errors"), by[SEV_WARNING],
		ax_plural((long long)by[SEV_WARNING], "warning", "warnings"), by[SEV_NOTE],
		ax_plural((long long)by[SEV_NOTE], "note", "notes"), f->files,
		ax_plural((long long)f->files, "file", "files"));
	if (f->gone)
		fprintf(stderr, " (%zu indexed %s gone: run 'ax index')", f->gone,
			ax_plural((long long)f->gone, "file", "files"));
	fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "sarif", no_argument, NULL, OPT_SARIF },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "db", required_argument, NULL, OPT_DB },
		{ "timeout-ms", required_argument, NULL, OPT_TIMEOUT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ 0 },
	};
	ax_tool_init("ax-lint");
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	long long jobs = cores > 0 ? cores : 1;
	const char *db_opt = NULL;
	long long timeout_ms = 10000;
	rule_srcs = ax_calloc((size_t)argc + 1, sizeof *rule_srcs);
	size_t nsrcs = 0;
	enum format fmt = FORMAT_TEXT;
	int fail_on = SEV_ERROR, c;
	while ((c = getopt_long(argc, argv, "r:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': rule_srcs[nsrcs++] = optarg; break;
		case 'j':
			if ((jobs = ax_parse_count(optarg, 1, 256)) < 0)
				ax_usage_error("-j: not a number from 1 to 256: '%s'", optarg);
			break;
		case OPT_JSON: fmt = FORMAT_JSON; break;
		case OPT_SARIF: fmt = FORMAT_SARIF; break;
		case OPT_FAIL_ON: fail_on = fail_level(optarg); break;
		case OPT_DB: db_opt = optarg; break;
		case OPT_TIMEOUT:
			if ((timeout_ms = ax_parse_count(optarg, 0, 86400000)) < 0)
				ax_usage_error("--timeout-ms: not a number of milliseconds: '%s'", optarg);
			break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}

	/* Found once, for ax-lint's own short message when there is none. */
	char *found = ax_db_find(db_opt);
	if (!found)
		ax_die(AX_EXIT_USAGE, "no index here: run 'ax index'");
	sqlite3 *db = ax_db_open(found, AX_DB_READ);
	free(found);
	char *root = ax_db_root(db);
	if (!root)
		ax_die(AX_EXIT_USAGE, "the index %s does not say where its files are (no root): run 'ax index'",
		       ax_db_path());

	struct ruleset rs = { 0 };
	char *dir = NULL;
	if (!nsrcs)
		rule_srcs[nsrcs++] = dir = default_rules(ax_db_path(), root);
	for (size_t i = 0; i < nsrcs; i++)
		rules_load(&rs, rule_srcs[i]);
	if (!rs.n)
		ax_die(AX_EXIT_USAGE, "no rules in %s (rule files end in .yml, .yaml or .json)",
		       nsrcs == 1 ? rule_srcs[0] : "the --rules given");

	int nargs = argc - optind;
	prefixes = ax_calloc((size_t)nargs + 1, sizeof *prefixes);
	for (int i = 0; i < nargs; i++)
		prefixes[i] = path_under_root(root, argv[optind + i]);
	struct targets t;
	targets_load(&t, db, prefixes, (size_t)nargs, argv + optind);
	sqlite3_close(db);

	struct findings f;
	lint_run(&rs, &t, root, (int)jobs, (uint64_t)timeout_ms, &f);
	output_findings(fmt, &f, &rs, root);
	if (isatty(STDERR_FILENO))
		summary(&f);

	bool failed = false;
	for (size_t i = 0; i < f.n; i++)
		failed = failed || f.v[i].severity >= fail_on;
	ax_hooks_count("files", f.files);
	ax_hooks_count("results", f.n);
	findings_free(&f);
	targets_free(&t);
	for (int i = 0; i < nargs; i++)
		free(prefixes[i]);
	free(prefixes);
	rules_free(&rs);
	free(dir);
	free(rule_srcs);
	free(root);
	ax_exit(failed ? AX_EXIT_NONE : AX_EXIT_OK);
}
