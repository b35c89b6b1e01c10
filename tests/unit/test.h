/* test.h: the tiny assertion kit of ax's C unit tests.
 *
 * Each tests/unit/test_*.c is one program: it calls CHECK()/CHECK_EQ_*()
 * and ends main() with `return test_summary();`, which prints
 * "N passed, N failed" (tests/run.sh adds these lines up) and returns
 * non-zero if anything failed. A failed check prints file:line and the
 * expression, and the test goes on, so one run lists every failure. */
#ifndef AX_TEST_H
#define AX_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond) do { \
	if (cond) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_EQ_INT(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ == b_) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: %s == %s (%lld != %lld)\n", \
		__FILE__, __LINE__, #a, #b, a_, b_); } \
} while (0)

#define CHECK_EQ_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (a_ && b_ && strcmp(a_, b_) == 0) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: %s == %s (\"%s\" != \"%s\")\n", \
		__FILE__, __LINE__, #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } \
} while (0)

/* A template "$TMPDIR/ax-test-NAME.XXXXXX" for mkdtemp() or mkstemp(), in
 * buf[TEST_TMP_MAX]; /tmp when TMPDIR is unset or too long for it (the
 * tests build paths under it in buffers of a few hundred bytes). */
#define TEST_TMP_MAX 128
static inline char *test_tmp(char buf[TEST_TMP_MAX], const char *name)
{
	const char *dir = getenv("TMPDIR");
	int n = snprintf(buf, TEST_TMP_MAX, "%s/ax-test-%s.XXXXXX", dir && *dir ? dir : "/tmp", name);
	if (n < 0 || n >= TEST_TMP_MAX)
		snprintf(buf, TEST_TMP_MAX, "/tmp/ax-test-%s.XXXXXX", name);
	return buf;
}

static inline int test_summary(void)
{
	printf("%d passed, %d failed\n", test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
