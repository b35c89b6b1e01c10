/* test_cli.c: the number and size parsing every tool's options use. */
#include "base/cli.h"
#include "test.h"

int main(void)
{
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
