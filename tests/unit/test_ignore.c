/* test_ignore.c: git's glob matcher (lib/base/wildmatch.c) on cases from git's
 * own t3070-wildmatch.sh, and gitignore parsing and precedence
 * (lib/base/ignore.c). The random-tree conformance test (scan-conformance.sh)
 * checks the whole against git itself. */
#include "base/ignore.h"
#include "test.h"
#include "base/wildmatch.h"

#include <string.h>

#define WM(p, t, flags, want) do { \
	bool got_ = ax_wildmatch(p, t, flags); \
	if (got_ == (want)) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: wildmatch(\"%s\", \"%s\", %d) != %d\n", \
		__FILE__, __LINE__, p, t, flags, want); } \
} while (0)
#define P AX_WM_PATHNAME

static void test_wildmatch(void)
{
	WM("foo", "foo", 0, 1);
	WM("bar", "foo", 0, 0);
	WM("", "", 0, 1);
	WM("???", "foo", 0, 1);
	WM("??", "foo", 0, 0);
	WM("*", "foo", 0, 1);
	WM("f*", "foo", 0, 1);
	WM("*f", "foo", 0, 0);
	WM("*foo*", "foo", 0, 1);
	WM("*ob*a*r*", "foobar", 0, 1);
	WM("*ab", "aaaaaaabababab", 0, 1);
	WM("foo\\*", "foo*", 0, 1);
	WM("foo\\*bar", "foobar", 0, 0);
	WM("f\\\\oo", "f\\oo", 0, 1);
	WM("*[al]?", "ball", 0, 1);
	WM("[ten]", "ten", 0, 0);
	WM("**[!te]", "ten", 0, 1);
	WM("**[!ten]", "ten", 0, 0);
	WM("t[a-g]n", "ten", 0, 1);
	WM("t[!a-g]n", "ten", 0, 0);
	WM("t[!a-g]n", "ton", 0, 1);
	WM("t[^a-g]n", "ton", 0, 1);
	WM("a[]]b", "a]b", 0, 1);
	WM("a[]-]b", "a-b", 0, 1);
	WM("a[]-]b", "a]b", 0, 1);
	WM("a[]-]b", "aab", 0, 0);
	WM("a[]a-]b", "aab", 0, 1);
	WM("]", "]", 0, 1);
	WM("foo\\", "foo\\", 0, 0); /* a trailing backslash matches nothing */
	WM("[", "[", 0, 0);         /* an unclosed class neither */
	/* Slashes: only "**" crosses them under AX_WM_PATHNAME. */
	WM("foo*bar", "foo/baz/bar", 0, 1);
	WM("foo*bar", "foo/baz/bar", P, 0);
	/* Without it a star's slash is no "zero directories" (fuzz_ignore). */
	WM("a/*/*b", "a/b", 0, 0);
	WM("**/foo", "foo", 0, 0);
	/* Chained double stars are one, and nested stars end their search
	 * together: each of these took seconds (fuzz_ignore). */
	WM("**/**/**/**/**/**/**/**/**/**/**/**/**/**/x", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t", P, 0);
	WM("**/**/**/x", "a/b/x", P, 1);
	WM("*a*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0);
	WM("foo**bar", "foo/baz/bar", P, 0);
	WM("foo/**/bar", "foo/baz/bar", P, 1);
	WM("foo/**/**/bar", "foo/baz/bar", P, 1);
	WM("foo/**/bar", "foo/b/a/z/bar", P, 1);
	WM("foo/**/bar", "foo/bar", P, 1);
	WM("foo/**/**/bar", "foo/bar", P, 1);
	WM("foo?bar", "foo/bar", P, 0);
	WM("foo[/]bar", "foo/bar", P, 0);
	WM("f[^eiu][^eiu][^eiu][^eiu][^eiu]r", "foo/bar", P, 0);
	WM("f[^eiu][^eiu][^eiu][^eiu][^eiu]r", "foo-bar", P, 1);
	WM("**/foo", "foo", P, 1);
	WM("**/foo", "XXX/foo", P, 1);
	WM("**/foo", "bar/baz/foo", P, 1);
	WM("*/foo", "bar/baz/foo", P, 0);
	WM("**/bar*", "foo/bar/baz", P, 0);
	WM("**/bar/*", "deep/foo/bar/baz", P, 1);
	WM("**/bar/*", "deep/foo/bar/baz/", P, 0);
	WM("**/bar/**", "deep/foo/bar/baz/", P, 1);
	WM("**/bar/*", "deep/foo/bar", P, 0);
	WM("**/bar/**", "deep/foo/bar/", P, 1);
	WM("*/bar/**", "foo/bar/baz/x", P, 1);
	WM("a/**", "a/b/c", P, 1);
	WM("a/**", "a", P, 0);
	/* Character classes. */
	WM("[[:alpha:]][[:digit:]][[:upper:]]", "a1B", 0, 1);
	WM("[[:digit:][:upper:][:space:]]", "a", 0, 0);
	WM("[[:digit:][:upper:][:space:]]", "A", 0, 1);
	WM("[[:digit:][:upper:][:space:]]", "1", 0, 1);
	WM("[[:digit:][:upper:][:spaci:]]", "1", 0, 0);
	WM("[[:space:]]", " ", 0, 1);
	WM("[[:space:]]", ".", 0, 0);
	WM("[[:xdigit:]]", "f", 0, 1);
	WM("[[:xdigit:]]", "D", 0, 1);
	WM("[[:xdigit:]]", "g", 0, 0);
	WM("[a-c[:digit:]x-z]", "5", 0, 1);
	WM("[a-c[:digit:]x-z]", "b", 0, 1);
	WM("[a-c[:digit:]x-z]", "y", 0, 1);
	WM("[a-c[:digit:]x-z]", "q", 0, 0);
	WM("[[:punct:]]", "!", 0, 1);
	WM("[[:punct:]]", "a", 0, 0);
	/* Case folding (core.ignoreCase). */
	WM("FOO", "foo", 0, 0);
	WM("FOO", "foo", AX_WM_CASEFOLD, 1);
	WM("*.C", "x.c", AX_WM_CASEFOLD, 1);
	WM("[A-Z]", "q", AX_WM_CASEFOLD, 1);
}

/* Match `path` against gitignore `text` with base `base`: 1, 0 or -1. */
static int m(const char *text, const char *base, const char *path, bool is_dir)
{
	struct ax_ignore_list *l = ax_ignore_list_parse(text, strlen(text), base);
	int r = ax_ignore_list_match(l, path, strlen(path), is_dir, false);
	ax_ignore_list_free(l);
	return r;
}

static void test_lists(void)
{
	CHECK_EQ_INT(m("foo\n", "", "foo", false), 1);
	CHECK_EQ_INT(m("foo\n", "", "a/b/foo", false), 1);    /* no slash: any depth */
	CHECK_EQ_INT(m("foo\n", "", "foobar", false), -1);
	CHECK_EQ_INT(m("/foo\n", "", "foo", false), 1);       /* anchored */
	CHECK_EQ_INT(m("/foo\n", "", "a/foo", false), -1);
	CHECK_EQ_INT(m("a/b\n", "", "a/b", false), 1);        /* a slash anchors too */
	CHECK_EQ_INT(m("a/b\n", "", "x/a/b", false), -1);
	CHECK_EQ_INT(m("dir/\n", "", "dir", true), 1);        /* directories only */
	CHECK_EQ_INT(m("dir/\n", "", "dir", false), -1);
	CHECK_EQ_INT(m("*.c\n", "", "d/e/f.c", false), 1);
	CHECK_EQ_INT(m("*.c\n!keep.c\n", "", "keep.c", false), 0); /* the last match wins */
	CHECK_EQ_INT(m("*.c\n!keep.c\n", "", "drop.c", false), 1);
	CHECK_EQ_INT(m("!keep.c\n*.c\n", "", "keep.c", false), 1);
	CHECK_EQ_INT(m("# comment\n", "", "# comment", false), -1);
	CHECK_EQ_INT(m("\\#hash\n", "", "#hash", false), 1);
	CHECK_EQ_INT(m("\\!bang\n", "", "!bang", false), 1);
	/* Trailing spaces go, unless escaped; a CR before LF goes; a BOM goes. */
	CHECK_EQ_INT(m("foo   \n", "", "foo", false), 1);
	CHECK_EQ_INT(m("foo\\ \n", "", "foo ", false), 1);
	CHECK_EQ_INT(m("foo\\ \n", "", "foo", false), -1);
	CHECK_EQ_INT(m("foo\r\n", "", "foo", false), 1);
	CHECK_EQ_INT(m("\xEF\xBB\xBF" "foo\n", "", "foo", false), 1);
	CHECK_EQ_INT(m("foo", "", "foo", false), 1);          /* no final newline */
	CHECK_EQ_INT(m("\n\n   \n", "", "x", false), -1);
	/* Patterns are relative to the directory of their file. */
	CHECK_EQ_INT(m("x/y\n", "sub/", "sub/x/y", false), 1);
	CHECK_EQ_INT(m("x/y\n", "sub/", "x/y", false), -1);
	CHECK_EQ_INT(m("/y\n", "sub/", "sub/y", false), 1);
	CHECK_EQ_INT(m("/y\n", "sub/", "sub/z/y", false), -1);
	CHECK_EQ_INT(m("**/y\n", "sub/", "sub/z/y", false), 1);
	/* git compares the literal prefix first, then globs the rest: "a**"
	 * followed by "/b" becomes a leading "**" and crosses directories. */
	CHECK_EQ_INT(m("a**/b\n", "", "a/x/y/b", false), 1);
	CHECK_EQ_INT(m("*a**/b\n", "", "a/x/y/b", false), -1);
}

static void test_stack(void)
{
	struct ax_ignore_stack st = { 0 };
	const char top[] = "*.log\n!keep.log\n", sub[] = "keep.log\n", global[] = "*.tmp\n!x.log\n";
	ax_ignore_push(&st, ax_ignore_list_parse(top, strlen(top), ""));
	ax_ignore_push(&st, NULL);
	ax_ignore_set_innermost(&st, ax_ignore_list_parse(sub, strlen(sub), "d/"));
	st.global[0] = ax_ignore_list_parse(global, strlen(global), "");
	CHECK(ax_ignore_excluded(&st, "d/a.log", 7, false));
	/* The deepest file with a match decides. */
	CHECK(ax_ignore_excluded(&st, "d/keep.log", 10, false));
	/* Tree-wide lists only where no directory's list matches. */
	CHECK(ax_ignore_excluded(&st, "d/b.tmp", 7, false));
	CHECK(ax_ignore_excluded(&st, "d/x.log", 7, false));
	CHECK(!ax_ignore_excluded(&st, "d/b.c", 5, false));
	/* The stack holds the lists of the path's own directories only. */
	ax_ignore_pop(&st);
	CHECK(!ax_ignore_excluded(&st, "keep.log", 8, false));
	CHECK(ax_ignore_excluded(&st, "a.log", 5, false));
	ax_ignore_stack_free(&st);
	CHECK_EQ_INT(st.depth, 0);
}

int main(void)
{
	test_wildmatch();
	test_lists();
	test_stack();
	return test_summary();
}
