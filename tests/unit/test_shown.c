/* test_shown.c: names quoted for text output, display widths, and --json
 * strings of bytes that are not UTF-8 (docs/conventions.md, "Names in
 * output"). */
#include "base/json.h"
#include "base/shown.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static char *json_of(const char *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ax_json_write_string(out, s, strlen(s));
	fclose(out);
	return text;
}

static void test_names(void)
{
	/* Plain names, of any script, are shown as they are (the same pointer). */
	const char *plain = "src/método/计算.py";
	CHECK(ax_shown(plain) == plain);
	/* git's quoting: a newline, a tab, a quote, a backslash, ESC, DEL, and
	 * bytes that are not UTF-8 (a lone continuation byte, a truncated and
	 * an overlong sequence). */
	CHECK_EQ_STR(ax_shown("a\nb.py"), "\"a\\nb.py\"");
	CHECK_EQ_STR(ax_shown("tab\there"), "\"tab\\there\"");
	CHECK_EQ_STR(ax_shown("say \"hi\".c"), "\"say \\\"hi\\\".c\"");
	CHECK_EQ_STR(ax_shown("back\\slash"), "\"back\\\\slash\"");
	CHECK_EQ_STR(ax_shown("\033[31mred"), "\"\\033[31mred\"");
	CHECK_EQ_STR(ax_shown("del\177"), "\"del\\177\"");
	CHECK_EQ_STR(ax_shown("bad\377.py"), "\"bad\\377.py\"");
	CHECK_EQ_STR(ax_shown("x\x80y"), "\"x\\200y\"");
	CHECK_EQ_STR(ax_shown("cut\xe8\xae"), "\"cut\\350\\256\"");
	CHECK_EQ_STR(ax_shown("over\xc0\xaf"), "\"over\\300\\257\"");
	CHECK_EQ_STR(ax_shown("método\n"), "\"método\\n\"");
	/* Several results may be printf arguments at once. */
	const char *a = ax_shown("1\n"), *b = ax_shown("2\n"), *c = ax_shown("3\n");
	CHECK_EQ_STR(a, "\"1\\n\"");
	CHECK_EQ_STR(b, "\"2\\n\"");
	CHECK_EQ_STR(c, "\"3\\n\"");
	/* Free text: no quotes, quotes and tabs kept, line breaks escaped. */
	const char *sig = "def f(x=\"a\\\\n\",\ty)";
	CHECK(ax_shown_text(sig) == sig);
	CHECK_EQ_STR(ax_shown_text("f(a,\r\n  b)"), "f(a,\\r\\n  b)");
}

static void test_widths(void)
{
	CHECK_EQ_INT(ax_display_width("calc"), 4);
	CHECK_EQ_INT(ax_display_width("método"), 6);     /* é: one column, two bytes */
	CHECK_EQ_INT(ax_display_width("计算"), 4);       /* wide: two columns each */
	CHECK_EQ_INT(ax_display_width("me\xcc\x81todo"), 6); /* e + combining acute */
	CHECK_EQ_INT(ax_display_width("bad\377"), 4);    /* a byte that is not UTF-8: one */
	CHECK_EQ_INT(ax_pad("计算", 6), 2);
	CHECK_EQ_INT(ax_pad("calc_método", 4), 0);
}

static void test_json_strings(void)
{
	char *j = json_of("bad\377.py");
	CHECK_EQ_STR(j, "\"bad\\ufffd.py\"");
	free(j);
	j = json_of("a\nb\t\"c\"\\计算\001");
	CHECK_EQ_STR(j, "\"a\\nb\\t\\\"c\\\"\\\\计算\\u0001\"");
	free(j);
	j = json_of("cut\xe8\xae");
	CHECK_EQ_STR(j, "\"cut\\ufffd\\ufffd\"");
	free(j);
	char *r = ax_utf8_repair("bad\377.py");
	CHECK_EQ_STR(r, "bad\xef\xbf\xbd.py");
	free(r);
	r = ax_utf8_repair("método");
	CHECK_EQ_STR(r, "método");
	free(r);
}

int main(void)
{
	test_names();
	test_widths();
	test_json_strings();
	return test_summary();
}
