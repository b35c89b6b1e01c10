/* changed.c: what git says changed since the commit the index was made at
 * (ax-scan --changed), and the commit itself. */
#include "changed.h"
#include "base/cli.h"
#include "base/strbuf.h"
#include "run/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Run `git -C dir ARGS...`, appending its stdout to *out; its stderr is
 * dropped (a missing commit is an answer here, not an error to show).
 * Returns git's exit status, or -1 if it could not be run or read. */
static int run_git(const char *dir, const char *const *args, struct ax_strbuf *out)
{
	const char *argv[16] = { "git", "-C", dir };
	size_t n = 3;
	for (size_t i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	return pipeline_capture(argv, out);
}

char *changed_git_head(const char *dir)
{
	static const char *const args[] = { "rev-parse", "--verify", "-q", "HEAD^{commit}", NULL };
	struct ax_strbuf out = { 0 };
	if (run_git(dir, args, &out) != 0 || out.n < 40) {
		free(out.s);
		return NULL;
	}
	out.s[strcspn(out.s, "\n")] = '\0';
	return out.s;
}

FILE *changed_paths(const char *dir, const char *since)
{
	/* Committed, staged and unstaged changes against `since` (deletions
	 * included, renames as delete + add), then untracked files. */
	const char *diff[] = { "diff", "--name-only", "-z", "--no-renames", "--relative",
			       since, "--", NULL };
	static const char *const untracked[] = { "ls-files", "-z", "-o", "--exclude-standard", NULL };
	struct ax_strbuf out = { 0 };
	if (run_git(dir, diff, &out) != 0 || run_git(dir, untracked, &out) != 0) {
		free(out.s);
		return NULL;
	}
	FILE *f = out.n ? fmemopen(NULL, out.n, "w+") : fopen("/dev/null", "r");
	if (f && out.n && (fwrite(out.s, 1, out.n, f) != out.n || fseek(f, 0, SEEK_SET) != 0)) {
		fclose(f);
		f = NULL;
	}
	free(out.s);
	return f;
}
