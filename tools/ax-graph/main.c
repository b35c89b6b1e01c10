/* ax-graph: cross-file questions answered from the index: the import graph
 * (deps, rdeps, closure, cycles, path, orphans, stats) and the call graph
 * (refs, callers, callees). `resolve` turns imports into edges. */
#include "graph.h"
#include "base/cli.h"
#include "index/db.h"
#include "index/root.h"
#include "telemetry/hooks.h"
#include "lang/lang.h"
#include "resolve/resolve.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: ax-graph [--db PATH] [--json | --dot | --mermaid] COMMAND [options] ARGS\n"
	"\n"
	"Import graph:\n"
	"  deps FILE                 files FILE imports (direct); --external: its package imports\n"
	"  rdeps FILE                files that import FILE (direct)\n"
	"  closure FILE              everything FILE reaches [--reverse] [--depth N]\n"
	"  path FROM TO              the shortest import chain from FROM to TO\n"
	"  cycles                    import cycles (strongly connected components), largest first [--lang L]\n"
	"  orphans                   files no file imports [--lang L]\n"
	"  stats                     imports by language and outcome; edges [--lang L]\n"
	"  resolve                   resolve imports to files (after ax-load) [--all] [--root DIR]\n"
	"Call graph:\n"
	"  refs NAME                 definitions of NAME, then its references by file\n"
	"  callers FUNC              functions calling FUNC [--depth N, default 1]\n"
	"  callees FUNC              what FUNC calls, as a tree [--depth N, default 1]\n"
	"Editors:\n"
	"  outline FILE              FILE's definitions nested by parent: line, kind, name\n"
	"  tags                      a sorted ctags tags file (-e: Emacs TAGS) [-o FILE]\n"
	"NAME and FUNC may be qualified: Class.method (or Class::method); --file PATH\n"
	"picks a definition among several. FILE is a path of the index, relative to the\n"
	"current directory, or a unique path suffix.\n"
	"\n"
	"  --db PATH        the index (default: $AX_DB, or .ax/index.db here or above)\n"
	"  --json           JSON Lines    --dot  Graphviz    --mermaid  Mermaid\n"
	"  -d, --depth N    how deep closure, callers and callees go\n"
	"  -r, --reverse    closure over importers instead of imports\n"
	"  --external       deps: the imports of no indexed file (packages, unresolved)\n"
	"  -l, --lang L     only files of language L (cycles, orphans, stats)\n"
	"  --file PATH      callers/callees/refs: the definition in PATH\n"
	"  --all            resolve: every import, not only new or changed ones\n"
	"  --root DIR       resolve: the directory paths are relative to (default: the scan root)\n"
	"  -o, --output FILE  tags: where to write (default: tags, or TAGS, at the root; - stdout)\n"
	"  -e, --etags      tags: Emacs' etags format\n"
	"  --numbers        tags: line numbers as addresses, no search patterns\n"
	"  -h, --help       this text\n"
	"      --version    print the version\n"
	"\n"
	"Exit status: 0 ok, 1 no result, 2 usage error, unknown file, ambiguous name, 3 internal error.\n";

/* The help of the front end's commands that run one ax-graph command. */
#define COMMON_HELP \
	"  --db PATH        the index (default: $AX_DB, or .ax/index.db here or above)\n" \
	"  -h, --help       this text\n" \
	"Options go anywhere. Exit status: 0 ok, 1 no result, 2 usage error, unknown\n" \
	"name or file, ambiguous name, 3 internal error.\n"

static const char flow_usage[] =
	"usage: ax flow [options] FUNC\n"
	"\n"
	"What FUNC calls, as a tree (ax-graph callees); with --callers, the functions\n"
	"calling FUNC (ax-graph callers). FUNC may be qualified: Class.method.\n"
	"\n"
	"  --callers        the functions calling FUNC, not those it calls\n"
	"  -d, --depth N    how many levels (default 1)\n"
	"  --file PATH      the definition of FUNC in PATH, when there are several\n"
	"  --json           JSON Lines    --dot  Graphviz    --mermaid  Mermaid\n"
	COMMON_HELP;

static const char refs_usage[] =
	"usage: ax refs [options] NAME\n"
	"\n"
	"The definitions of NAME, then its references by file (ax-graph refs). NAME\n"
	"may be qualified: Class.method (or Class::method).\n"
	"\n"
	"  --file PATH      the definition of NAME in PATH, when there are several\n"
	"  --json           JSON Lines\n"
	COMMON_HELP;

static const char deps_usage[] =
	"usage: ax deps [options] FILE\n"
	"\n"
	"The files FILE imports (ax-graph deps; 'ax graph rdeps FILE' for the files\n"
	"importing it). FILE is a path of the index, relative to the current\n"
	"directory, or a unique path suffix.\n"
	"\n"
	"  --external       the imports that lead to no indexed file (packages, the\n"
	"                   standard library, unresolved ones), in source order\n"
	"  --json           JSON Lines    --dot  Graphviz    --mermaid  Mermaid\n"
	COMMON_HELP;

/* The help of what the user typed (lib/base/cli.h). */
static const char *help_text(void)
{
	return ax_called_as("ax flow") ? flow_usage : ax_called_as("ax refs") ? refs_usage
	       : ax_called_as("ax deps") ? deps_usage : usage;
}

enum { OPT_DB = 0x100, OPT_JSON, OPT_DOT, OPT_MERMAID, OPT_FILE, OPT_ALL, OPT_ROOT, OPT_EXTERNAL, OPT_NUMBERS };

static int cmd_resolve(struct ctx *c, bool all, const char *root)
{
	struct ax_resolve_stats st;
	char *err = NULL;
	if (ax_resolve_imports(c->db, root, all, &st, &err) != 0)
		ax_die(AX_EXIT_INTERNAL, "resolving imports: %s", err ? err : "unknown error");
	ax_hooks_count("records", st.examined);
	if (c->fmt == FMT_JSON)
		printf("{\"full\":%s,\"examined\":%llu,\"changed\":%llu,\"resolved\":%llu,\"external\":%llu,"
		       "\"unresolved\":%llu,\"edges_added\":%llu,\"edges_deleted\":%llu}\n",
		       st.full ? "true" : "false", (unsigned long long)st.examined, (unsigned long long)st.changed,
		       (unsigned long long)st.resolved, (unsigned long long)st.external,
		       (unsigned long long)st.unresolved, (unsigned long long)st.edges_added,
		       (unsigned long long)st.edges_deleted);
	else
		fprintf(stderr, "ax-graph: %s pass: %llu %s examined (%llu resolved, %llu external, %llu unresolved),"
			" %llu changed, edges +%llu -%llu\n", st.full ? "full" : "incremental",
			(unsigned long long)st.examined, ax_plural((long long)st.examined, "import", "imports"),
			(unsigned long long)st.resolved, (unsigned long long)st.external, (unsigned long long)st.unresolved,
			(unsigned long long)st.changed, (unsigned long long)st.edges_added,
			(unsigned long long)st.edges_deleted);
	return AX_EXIT_OK;
}

int main(int argc, char **argv)
{
	ax_tool_init("ax-graph");
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "dot", no_argument, NULL, OPT_DOT },
		{ "mermaid", no_argument, NULL, OPT_MERMAID },
		{ "depth", required_argument, NULL, 'd' },
		{ "reverse", no_argument, NULL, 'r' },
		{ "lang", required_argument, NULL, 'l' },
		{ "file", required_argument, NULL, OPT_FILE },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "external", no_argument, NULL, OPT_EXTERNAL },
		{ "output", required_argument, NULL, 'o' },
		{ "etags", no_argument, NULL, 'e' },
		{ "numbers", no_argument, NULL, OPT_NUMBERS },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ 0 },
	};
	struct ctx c = { .depth = -1 };
	const char *db = NULL, *root = NULL;
	bool all = false;
	int o;
	/* Options may come before or after the command: GNU getopt permutes. */
	while ((o = getopt_long(argc, argv, ":d:rl:o:eh", longopts, NULL)) != -1) {
		switch (o) {
		case OPT_DB: db = optarg; break;
		case OPT_JSON: c.fmt = FMT_JSON; break;
		case OPT_DOT: c.fmt = FMT_DOT; break;
		case OPT_MERMAID: c.fmt = FMT_MERMAID; break;
		case 'd':
			if ((c.depth = (int)ax_parse_count(optarg, 0, 1000000)) < 0)
				ax_usage_error("--depth: not a number: %s", optarg);
			break;
		case 'r': c.reverse = true; break;
		case 'l': {
			enum ax_lang l = ax_lang_by_name(optarg);
			if (l == AX_LANG_NONE)
				ax_usage_error("--lang: unknown language: %s", optarg);
			c.lang = ax_lang_name(l);
			break;
		}
		case OPT_FILE: c.file = optarg; break;
		case OPT_ALL: all = true; break;
		case OPT_EXTERNAL: c.external = true; break;
		case 'o': c.output = optarg; break;
		case 'e': c.etags = true; break;
		case OPT_NUMBERS: c.numbers = true; break;
		case OPT_ROOT: root = optarg; break;
		case 'h': ax_print_help(help_text());
		case AX_OPT_VERSION: ax_print_version();
		case ':': ax_usage_error("option needs a value: %s", argv[optind - 1]);
		default: ax_bad_option(argv);
		}
	}
	char **args = argv + optind;
	int nargs = argc - optind;
	if (nargs == 0)
		ax_usage_error("no COMMAND");
	const char *cmd = args[0];
	args++, nargs--;
	/* Each command's operands, checked before looking for an index: a
	 * missing NAME is the error to report, not a missing index. */
	static const struct {
		const char *name;
		int operands;
		const char *what; /* the operands, for messages */
	} commands[] = {
		{ "resolve", 0, NULL }, { "deps", 1, "FILE" }, { "rdeps", 1, "FILE" },
		{ "closure", 1, "FILE" }, { "cycles", 0, NULL }, { "path", 2, "FROM and TO" },
		{ "orphans", 0, NULL }, { "stats", 0, NULL }, { "refs", 1, "NAME" },
		{ "callers", 1, "FUNC" }, { "callees", 1, "FUNC" }, { "outline", 1, "FILE" },
		{ "tags", 0, NULL },
	};
	size_t k = 0;
	while (k < sizeof commands / sizeof commands[0] && strcmp(cmd, commands[k].name) != 0)
		k++;
	if (k == sizeof commands / sizeof commands[0])
		ax_usage_error("unknown command: %s", cmd);
	/* Before looking for an index: a missing NAME is the error to report. */
	if (!commands[k].what && nargs)
		ax_usage_error("%s takes no argument: %s", cmd, args[0]);
	if (nargs < commands[k].operands)
		ax_usage_error("no %s given", commands[k].what);
	if (nargs > commands[k].operands)
		ax_usage_error("too many arguments: %s takes %s%s", cmd, commands[k].operands == 1 ? "one " : "", commands[k].what);
	bool write = !strcmp(cmd, "resolve");
	c.db = ax_db_open(db, write ? AX_DB_WRITE : AX_DB_READ);
	char *meta_root = root ? NULL : ax_db_root(c.db);
	c.root = root ? root : meta_root;
	json_set_root(c.root);
	if (!write) {
		int64_t pending = 0;
		ax_db_int(c.db, "SELECT EXISTS (SELECT 1 FROM imports WHERE status IS NULL)", &pending, NULL);
		if (pending)
			ax_warn("some imports are not resolved yet: run 'ax-graph resolve'");
	}
	int rc;
	if (write)
		rc = cmd_resolve(&c, all, root);
	else if (!strcmp(cmd, "deps"))
		rc = cmd_deps(&c, args, false);
	else if (!strcmp(cmd, "rdeps"))
		rc = cmd_deps(&c, args, true);
	else if (!strcmp(cmd, "closure"))
		rc = cmd_closure(&c, args);
	else if (!strcmp(cmd, "cycles"))
		rc = cmd_cycles(&c);
	else if (!strcmp(cmd, "path"))
		rc = cmd_path(&c, args);
	else if (!strcmp(cmd, "orphans"))
		rc = cmd_orphans(&c);
	else if (!strcmp(cmd, "stats"))
		rc = cmd_stats(&c);
	else if (!strcmp(cmd, "refs"))
		rc = cmd_refs(&c, args);
	else if (!strcmp(cmd, "outline"))
		rc = cmd_outline(&c, args);
	else if (!strcmp(cmd, "tags"))
		rc = cmd_tags(&c);
	else if (!strcmp(cmd, "callers"))
		rc = cmd_calls(&c, args, true);
	else
		rc = cmd_calls(&c, args, false);
	/* A reader that has read enough (| head) is no failure. */
	if (fflush(stdout) != 0 && errno != EPIPE)
		ax_die(AX_EXIT_INTERNAL, "writing the output failed: %s", strerror(errno));
	sqlite3_finalize(c.path_st);
	sqlite3_close(c.db);
	free(meta_root);
	ax_exit(rc);
}
