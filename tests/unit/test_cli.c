/* test_cli.c: the number and size parsing every tool's options use, the
 * option scan of a tool whose operands start with '-', and plurals. */
#include "base/cli.h"
#include "test.h"

#include <getopt.h>

/* ax_getopt_words over `argv` as ax-rank parses: the operands joined by
 * spaces, and the -n value and --json seen. */
static void scan_words(int argc, char **argv, char *words, const char **n, int *json)
{
	static const struct option longopts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'J' },
		{ 0 },
	};
	int c;
	words[0] = '\0';
	*n = NULL;
	*json = 0;
	optind = 1;
	while ((c = ax_getopt_words(argc, argv, "+n:h", longopts)) != -1) {
		if (c == 1)
			strcat(strcat(words, *words ? " " : ""), optarg);
		else if (c == 'n')
			*n = optarg;
		else if (c == 'J')
			*json = 1;
	}
}

static void test_getopt_words(void)
{
	char words[256];
	const char *n;
	int json;
	char *a1[] = { "ax-rank", "url", "--json", "-n", "3", "-test", "-lang:js", NULL };
	scan_words(7, a1, words, &n, &json);
	CHECK_EQ_STR(words, "url -test -lang:js");
	CHECK_EQ_STR(n, "3");
	CHECK_EQ_INT(json, 1);
	char *a2[] = { "ax-rank", "-nginx", "-n5", "url", "--", "-n", "--json", NULL };
	scan_words(7, a2, words, &n, &json);
	CHECK_EQ_STR(words, "-nginx url -n --json");
	CHECK_EQ_STR(n, "5");
	CHECK_EQ_INT(json, 0);
	char *a3[] = { "ax-rank", "--limit=2", "-", "-hello", NULL };
	scan_words(4, a3, words, &n, &json);
	CHECK_EQ_STR(words, "- -hello");
	CHECK_EQ_STR(n, "2");
}

int main(void)
{
	test_getopt_words();
	CHECK_EQ_STR(ax_plural(1, "file", "files"), "file");
	CHECK_EQ_STR(ax_plural(0, "file", "files"), "files");
	CHECK_EQ_STR(ax_plural(2, "directory", "directories"), "directories");

	CHECK_EQ_INT(ax_parse_count("0", 0, 10), 0);
	CHECK_EQ_INT(ax_parse_count("10", 0, 10), 10);
	CHECK_EQ_INT(ax_parse_count("11", 0, 10), -1);
	CHECK_EQ_INT(ax_parse_count("-1", -5, 10), -1);
	CHECK_EQ_INT(ax_parse_count("+1", 0, 10), -1);
	CHECK_EQ_INT(ax_parse_count("1x", 0, 10), -1);
	CHECK_EQ_INT(ax_parse_count("", 0, 10), -1);

	CHECK_EQ_INT(ax_parse_size("2000", 1LL << 40), 2000);
	CHECK_EQ_INT(ax_parse_size("512K", 1LL << 40), 512 << 10);
	CHECK_EQ_INT(ax_parse_size("1m", 1LL << 40), 1 << 20);
	CHECK_EQ_INT(ax_parse_size("4G", 1LL << 32), 1LL << 32);
	CHECK_EQ_INT(ax_parse_size("5G", 1LL << 32), -1);
	CHECK_EQ_INT(ax_parse_size("4097M", 1LL << 32), -1);
	CHECK_EQ_INT(ax_parse_size("0", 1LL << 40), -1);
	CHECK_EQ_INT(ax_parse_size("0K", 1LL << 40), -1);
	CHECK_EQ_INT(ax_parse_size("K", 1LL << 40), -1);
	CHECK_EQ_INT(ax_parse_size("1MB", 1LL << 40), -1);
	CHECK_EQ_INT(ax_parse_size("1T", 1LL << 40), -1);
	CHECK_EQ_INT(ax_parse_size("-1M", 1LL << 40), -1);
	CHECK_EQ_INT(ax_parse_size("", 1LL << 40), -1);
	return test_summary();
}
