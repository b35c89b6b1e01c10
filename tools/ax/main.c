/* ax: the git-style front end. `ax COMMAND` runs the matching ax-* tool;
 * `ax index` runs the indexing pipeline. Every capability stays reachable
 * through the single tools: ax only composes them. */
#include "cli.h"
#include "pipeline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct command {
	const char *name;
	const char *tool;     /* runs this tool, with `prefix` before the arguments */
	const char *prefix;
	const char *help;
};

static const struct command commands[] = {
	{ "index", NULL, NULL, "index a tree: ax-scan DIR | ax-parse -jN | ax-load" },
	{ "find", "ax-rank", NULL, "ranked symbol search (ax-rank)" },
	{ "def", "ax-rank", NULL, "exact definitions of a name (ax-rank def:NAME)" },
	{ "refs", "ax-graph", "refs", "references to a symbol (ax-graph refs)" },
	{ "flow", "ax-graph", "callees", "what a function calls, as a tree (ax-graph callees)" },
	{ "deps", "ax-graph", "deps", "what a file imports (ax-graph deps)" },
	{ "graph", "ax-graph", NULL, "the import graph (ax-graph)" },
	{ "scan", "ax-scan", NULL, "list the files ax would index (ax-scan)" },
	{ "cat", "ax-cat", NULL, "show a record stream as JSON Lines (ax-cat)" },
	{ "db", "ax-db", NULL, "index schema: status, migrate, backup, restore (ax-db)" },
	{ "flags", "ax-flag", NULL, "feature flags (ax-flag)" },
	{ "telemetry", "ax-telemetry", NULL, "local telemetry (ax-telemetry)" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void list_commands(FILE *out)
{
	fprintf(out, "usage: ax COMMAND [ARGS...]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(out, "\n'ax COMMAND --help' tells more; every command is also a tool of its own "
		     "(ax-scan, ax-rank, ...).\n");
}

/* Edit distance, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];
	if (la >= 63 || lb >= 63)
		return 64;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
			if (up + 1 < best) best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static _Noreturn void unknown(const char *name)
{
	const char *best = NULL;
	size_t bestd = 3; /* suggest only close names */
	for (size_t i = 0; i < NCOMMANDS; i++) {
		size_t d = distance(name, commands[i].name);
		if (d < bestd)
			bestd = d, best = commands[i].name;
	}
	if (best)
		ax_usage_error("'%s' is not an ax command; did you mean '%s'?", name, best);
	ax_usage_error("'%s' is not an ax command (run 'ax' for the list)", name);
}

/* ax index [DIR] [-j N] [--db PATH] [--quiet] */
static int run_index(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "db", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	static const char usage[] =
		"usage: ax index [DIR] [-j N] [--db PATH] [-q]\n"
		"\n"
		"Index DIR (default .): ax-scan DIR | ax-parse -j N | ax-load. A stage that\n"
		"fails fails the command, named; the index keeps every file loaded whole.\n";
	const char *dir = ".", *jobs = NULL, *db = NULL;
	int quiet = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': jobs = optarg; break;
		case 'd': db = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': ax_print_help(usage);
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc)
		ax_usage_error("index takes one directory");

	char *scan[] = { NULL, "--quiet", (char *)dir, NULL };
	char *parse[] = { NULL, "-j", (char *)(jobs ? jobs : "0"), NULL };
	char *load[6] = { NULL };
	int n = 1;
	if (db) {
		load[n++] = "--db";
		load[n++] = (char *)db;
	}
	if (quiet)
		load[n++] = "--quiet";
	if (!jobs)
		parse[1] = NULL; /* ax-parse's default: one worker per core */
	struct stage st[] = {
		{ .tool = "ax-scan", .argv = scan },
		{ .tool = "ax-parse", .argv = parse },
		{ .tool = "ax-load", .argv = load },
	};
	int failed = pipeline_run(st, 3);
	if (failed < 0)
		return AX_EXIT_OK;
	ax_error("index failed in %s (exit status %d)", st[failed].tool, st[failed].status);
	return st[failed].status < AX_EXIT_INTERNAL ? AX_EXIT_USAGE : AX_EXIT_INTERNAL;
}

int main(int argc, char **argv)
{
	ax_cli_init("ax");
	if (argc < 2) {
		list_commands(stdout);
		ax_exit(AX_EXIT_OK);
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		list_commands(stdout);
		ax_exit(AX_EXIT_OK);
	}
	if (strcmp(name, "--version") == 0)
		ax_print_version();
	if (strcmp(name, "index") == 0)
		ax_exit(run_index(argc - 1, argv + 1));

	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct command *cmd = &commands[i];
		if (strcmp(name, cmd->name) != 0 || !cmd->tool)
			continue;
		/* argv[1] becomes the tool's argv[0]; the prefix goes after it. */
		char **args = ax_calloc((size_t)argc + 2, sizeof *args);
		int n = 1;
		if (cmd->prefix)
			args[n++] = (char *)cmd->prefix;
		for (int a = 2; a < argc; a++)
			args[n++] = argv[a];
		pipeline_exec(cmd->tool, args);
	}
	unknown(name);
}
