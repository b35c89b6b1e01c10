/* test_words.c: identifier and path splitting for the search index. */
#include "test.h"
#include "base/words.h"

static const char *split(const char *s, size_t cap)
{
	static char out[256];
	ax_split_words(s, strlen(s), out, cap);
	return out;
}

int main(void)
{
	CHECK_EQ_STR(split("parseHTTPHeader2", 256), "parse http header 2");
	CHECK_EQ_STR(split("parseUrl", 256), "parse url");
	CHECK_EQ_STR(split("ParseURL", 256), "parse url");
	CHECK_EQ_STR(split("XMLHttpRequest", 256), "xml http request");
	CHECK_EQ_STR(split("snake_case_name", 256), "snake case name");
	CHECK_EQ_STR(split("kebab-case-name", 256), "kebab case name");
	CHECK_EQ_STR(split("__init__", 256), "init");
	CHECK_EQ_STR(split("SCREAMING_CONSTANT", 256), "screaming constant");
	CHECK_EQ_STR(split("utf8Decode", 256), "utf 8 decode");
	CHECK_EQ_STR(split("v2beta1", 256), "v 2 beta 1");
	CHECK_EQ_STR(split("src/net/URLParser.ts", 256), "src net url parser ts");
	CHECK_EQ_STR(split("spec.template.spec.containers", 256), "spec template spec containers");
	CHECK_EQ_STR(split("$scope", 256), "scope");
	CHECK_EQ_STR(split("a", 256), "a");
	CHECK_EQ_STR(split("", 256), "");
	CHECK_EQ_STR(split("___", 256), "");
	CHECK_EQ_STR(split("überParser", 256), "über parser");
	CHECK_EQ_STR(split("IO", 256), "io");
	CHECK_EQ_STR(split("getX", 256), "get x");
	/* Truncation keeps whole words only. */
	CHECK_EQ_STR(split("parseHTTPHeader", 12), "parse http");
	CHECK_EQ_STR(split("parseHTTPHeader", 11), "parse http");
	CHECK_EQ_STR(split("parseHTTPHeader", 10), "parse");
	CHECK_EQ_STR(split("parseHTTPHeader", 6), "parse");
	CHECK_EQ_STR(split("parseHTTPHeader", 5), "");
	CHECK_EQ_STR(split("parseHTTPHeader", 1), "");
	char out[4];
	CHECK_EQ_INT(ax_split_words("abc def", 7, out, sizeof out), 3);
	return test_summary();
}
