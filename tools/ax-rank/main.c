/* ax-rank: ranked symbol search over the index. */
#include "base/cli.h"
#include "config/config.h"
#include "index/db.h"
#include "index/root.h"
#include "flags/flags.h"
#include "telemetry/hooks.h"
#include "output.h"
#include "query.h"
#include "rank.h"
#include "stream/stream.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The options, shared by the help of ax-rank (ax find) and of ax def. */
#define OPTIONS_HELP \
	"  -n, --limit N         show N hits (default 20)\n" \
	"      --json            JSON Lines: path, line, col, name, kind, lang, score\n" \
	"      --msgpack         a record stream (hdr, then one 'hit' record per hit)\n" \
	"      --explain         each score broken into its factors (docs/ranking.md)\n" \
	"      --no-rerank       plain BM25 order (also the flag rank.rerank)\n" \
	"      --color[=WHEN]    auto (when stdout is a terminal), always, never\n" \
	"                        (default: config color, else auto)\n" \
	"      --db PATH         the index (default: $AX_DB, config db.path, or .ax/index.db\n" \
	"                        here or above)\n" \
	"  -h, --help            this text\n" \
	"      --version         print the version\n" \
	"\n" \
	"Exit status: 0 hits found, 1 nothing matched, 2 bad query or usage, no index,\n" \
	"3 internal error.\n"

static const char def_usage[] =
	"usage: ax def [options] NAME...\n"
	"\n"
	"The symbols defined exactly as NAME, best first: ax-rank def:NAME (each NAME\n"
	"becomes def:NAME; after -- every argument is a NAME). 'ax find --help' tells\n"
	"the rest of the query language. Options go anywhere.\n"
	"\n"
	OPTIONS_HELP;

static const char usage[] =
	"usage: ax-rank [options] QUERY...\n"
	"\n"
	"Search the index for symbols and print the best first. QUERY (docs/rank-query.md):\n"
	"  words                 names (whole and split: url finds parseUrl), paths,\n"
	"                        signatures, doc comments\n"
	"  \"exact phrase\"  name*  a phrase; a prefix\n"
	"  -word                 exclude a word\n"
	"  lang:py  kind:class   filters (kind:type, fn, value, config are groups)\n"
	"  file:GLOB  file:dir/  a glob or path substring\n"
	"  -lang: -kind: -file:  negated filters\n"
	"  def:NAME  ref:NAME    defined exactly as NAME; containing a reference to NAME\n"
	"Filters alone list the symbols passing them, by path and line.\n"
	"Options go anywhere; any other -word is a query word; -- ends the options.\n"
	"\n"
	OPTIONS_HELP;

enum { OPT_JSON = 0x100, OPT_MSGPACK, OPT_EXPLAIN, OPT_NO_RERANK, OPT_COLOR, OPT_DB };

#define DEFAULT_LIMIT 20

static bool want_color(const char *when)
{
	if (!when || !strcmp(when, "auto")) {
		const char *term = getenv("TERM");
		return isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && term && strcmp(term, "dumb");
	}
	if (!strcmp(when, "always"))
		return true;
	if (!strcmp(when, "never"))
		return false;
	ax_usage_error("--color: expected auto, always or never, not '%s'", when);
}

/* Nothing matched: say why (the index is empty, or no symbol has the words). */
static void explain_empty(sqlite3 *db)
{
	int64_t any = 0;
	if (ax_db_int(db, "SELECT EXISTS (SELECT 1 FROM files)", &any, NULL) == 0 && !any)
		ax_warn("the index %s is empty: run 'ax index' first",
			ax_db_path() ? ax_db_path() : "");
	else
		ax_warn("no definition matches the query");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "msgpack", no_argument, NULL, OPT_MSGPACK },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "no-rerank", no_argument, NULL, OPT_NO_RERANK },
		{ "color", optional_argument, NULL, OPT_COLOR },
		{ "colour", optional_argument, NULL, OPT_COLOR },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ 0 },
	};
	ax_tool_init("ax-rank");
	struct out_opts o = { .format = OUT_HUMAN };
	const char *db_opt = NULL, *color = NULL;
	bool no_rerank = false;
	long long limit = DEFAULT_LIMIT;
	int c, nwords = 0;
	char **words = ax_calloc((size_t)argc, sizeof *words);
	/* Options go anywhere; query words may start with '-' (-word,
	 * -lang:js): only -n and -h are short options; "--" ends options. */
	while ((c = ax_getopt_words(argc, argv, "+n:h", longopts)) != -1) {
		switch (c) {
		case 1: words[nwords++] = optarg; break;
		case 'n':
			if ((limit = ax_parse_count(optarg, 1, 100000)) < 0)
				ax_usage_error("-n: expected a number from 1 to 100000, not '%s'", optarg);
			break;
		case OPT_JSON: o.format = OUT_JSON; break;
		case OPT_MSGPACK: o.format = OUT_MSGPACK; break;
		case OPT_EXPLAIN: o.explain = true; break;
		case OPT_NO_RERANK: no_rerank = true; break;
		case OPT_COLOR: color = optarg ? optarg : "always"; break;
		case OPT_DB: db_opt = optarg; break;
		case 'h': ax_print_help(ax_called_as("ax def") ? def_usage : usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}
	if (o.format == OUT_MSGPACK)
		ax_writer_refuse_tty("redirect it, or pipe it to ax-cat");
	o.color = o.format == OUT_HUMAN && want_color(color ? color : ax_config_get(AX_CFG_COLOR));

	struct rank_query q;
	char err[512];
	if (nwords == 0)
		ax_usage_error(ax_called_as("ax def") ? "no NAME given" : "no query given");
	if (query_parse(nwords, words, &q, err, sizeof err) < 0)
		ax_usage_error("bad query: %s", err);

	/* rank.rerank (docs/flags.md) lets the two orders be A/B tested. */
	o.reranked = !no_rerank && ax_flag_enabled("rank.rerank");
	sqlite3 *db = ax_db_open(db_opt, AX_DB_READ);
	char *root = ax_db_root(db);
	o.root = root;
	struct hits h;
	char *msg = NULL;
	if (retrieve(db, &q, o.reranked, (size_t)limit, &h, &msg) < 0)
		ax_die(AX_EXIT_INTERNAL, "%s", msg);
	if (o.reranked)
		rerank(db, &q, &h, (size_t)limit);
	else
		plain_order(&h);

	size_t shown = h.n < (size_t)limit ? h.n : (size_t)limit;
	if (shown && h.any_word)
		ax_warn("no definition matches all words; showing any-word matches");
	if (shown)
		output_hits(&h, shown, &o);
	else
		explain_empty(db);
	ax_hooks_count("results", shown);
	hits_free(&h);
	query_free(&q);
	free(root);
	free(words);
	sqlite3_close(db);
	ax_exit(shown ? AX_EXIT_OK : AX_EXIT_NONE);
}
