/* ax: the git-style front end. `ax COMMAND` runs the matching ax-* tool;
 * `ax index` runs the indexing pipeline. Every capability stays reachable
 * through the single tools: ax only composes them. */
#include "base/cli.h"
#include "telemetry/hooks.h"
#include "front.h"
#include "run/pipeline.h"
#include "base/suggest.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	{ "refs", "ax-graph", "refs", "definitions of a name and its references (ax-graph refs)" },
	{ "flow", "ax-graph", "callees", "what a function calls, or --callers, as a tree (ax-graph)" },
	{ "deps", "ax-graph", "deps", "what a file imports (ax-graph deps)" },
	{ "graph", "ax-graph", NULL, "the import and call graph (ax-graph)" },
	{ "outline", "ax-graph", "outline", "a file's definitions nested by parent (ax-graph outline)" },
	{ "tags", "ax-graph", "tags", "a ctags tags file, or Emacs TAGS, for editors (ax-graph tags)" },
	{ "lint", "ax-lint", NULL, "structural lint rules over the indexed files (ax-lint)" },
	{ "watch", "ax-watch", NULL, "keep the index current while files change (ax-watch)" },
	{ "status", "ax-status", NULL, "what the index holds, and what is stale or failed (ax-status)" },
	{ "config", "ax-config", NULL, "project and user settings (ax-config)" },
	{ "init", "ax-config", "init", "create .ax/ with a commented config (ax-config init)" },
	{ "scan", "ax-scan", NULL, "list the files ax would index (ax-scan; --list on a terminal)" },
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
		     "(ax-scan, ax-rank, ...).\nStart with: ax index && ax find WORDS\n");
}

static _Noreturn void unknown(const char *name)
{
	const char *names[NCOMMANDS];
	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	const char *best = ax_suggest(name, names, NCOMMANDS);
	if (best)
		ax_usage_error("'%s' is not an ax command; did you mean '%s'?", name, best);
	ax_usage_error("'%s' is not an ax command (run 'ax --help' for the list)", name);
}

/* `ax def NAME...`: each NAME becomes def:NAME, ax-rank's exact lookup.
 * Options pass unchanged wherever they are, and so do the values of
 * ax-rank's options that take one as the next argument; after "--" every
 * argument is a NAME. */
static bool takes_value(const char *opt)
{
	return strcmp(opt, "-n") == 0 || strcmp(opt, "--limit") == 0 || strcmp(opt, "--db") == 0;
}

static char *def_word(const char *arg, const char *prev, bool ended)
{
	if ((!ended && (arg[0] == '-' || (prev && takes_value(prev)))) || strncmp(arg, "def:", 4) == 0)
		return (char *)arg;
	char *w = ax_malloc(strlen(arg) + 5);
	sprintf(w, "def:%s", arg);
	return w;
}

/* Run `cmd` with the user's arguments argv[2..]; does not return. */
static _Noreturn void run_tool(const struct command *cmd, int argc, char **argv)
{
	/* argv[1] becomes the tool's argv[0]; the prefix goes after it. */
	char **args = ax_calloc((size_t)argc + 2, sizeof *args);
	const char *prefix = cmd->prefix;
	/* A record stream is for the next tool; a person gets a list. */
	if (strcmp(cmd->name, "scan") == 0 && isatty(STDOUT_FILENO))
		prefix = "--list";
	int n = 1;
	bool ended = false; /* after "--" */
	for (int a = 2; a < argc; a++) {
		if (!ended && strcmp(cmd->name, "flow") == 0 && strcmp(argv[a], "--callers") == 0)
			prefix = "callers";
		else if (strcmp(cmd->name, "def") == 0)
			args[n++] = def_word(argv[a], a > 2 ? argv[a - 1] : NULL, ended);
		else
			args[n++] = argv[a];
		ended = ended || strcmp(argv[a], "--") == 0;
	}
	if (prefix) {
		memmove(args + 2, args + 1, (size_t)(n - 1) * sizeof *args);
		args[1] = (char *)prefix;
	}
	/* Messages and --help name `ax def`, not ax-rank (lib/base/cli.h). */
	char *typed = ax_xasprintf("ax %s", cmd->name);
	setenv("AX_COMMAND", typed, 1);
	pipeline_exec(cmd->tool, args);
}

int main(int argc, char **argv)
{
	ax_tool_init("ax");
	/* One rule for a bare command (docs/conventions.md): `ax` alone has no
	 * action of its own, so it is a usage error, as `ax config` is. */
	if (argc < 2) {
		list_commands(stderr);
		ax_exit(AX_EXIT_USAGE);
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		list_commands(stdout);
		ax_exit(AX_EXIT_OK);
	}
	if (strcmp(name, "--version") == 0)
		ax_print_version();
	if (strcmp(name, "index") == 0)
		ax_exit(front_index(argc - 1, argv + 1));
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (commands[i].tool && strcmp(name, commands[i].name) == 0)
			run_tool(&commands[i], argc, argv);
	unknown(name);
}
