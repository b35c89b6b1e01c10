/* changed.c: what git says changed since the commit the index was made at
 * (ax-scan --changed), and the commit itself. */
#include "changed.h"
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run `git -C dir ARGS...`, appending its stdout to *buf; its stderr is
 * dropped (a missing commit is an answer here, not an error to show).
 * Returns git's exit status, or -1 if it could not be run. */
static int run_git(const char *dir, const char *const *args, char **buf, size_t *len)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		const char *argv[16] = { "git", "-C", dir };
		size_t n = 3;
		for (size_t i = 0; args[i] && n < 15; i++)
			argv[n++] = args[i];
		argv[n] = NULL;
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		if (!freopen("/dev/null", "w", stderr))
			_exit(127);
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	size_t cap = *len + 4096;
	*buf = ax_realloc(*buf, cap);
	for (;;) {
		if (cap - *len < 4096)
			*buf = ax_realloc(*buf, cap *= 2);
		ssize_t got = read(fds[0], *buf + *len, cap - *len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		*len += (size_t)got;
	}
	close(fds[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *changed_git_head(const char *dir)
{
	static const char *const args[] = { "rev-parse", "--verify", "-q", "HEAD^{commit}", NULL };
	char *out = NULL;
	size_t len = 0;
	if (run_git(dir, args, &out, &len) != 0 || len < 40) {
		free(out);
		return NULL;
	}
	out[strcspn(out, "\n")] = '\0';
	return out;
}

FILE *changed_paths(const char *dir, const char *since)
{
	/* Committed, staged and unstaged changes against `since` (deletions
	 * included, renames as delete + add), then untracked files. */
	const char *diff[] = { "diff", "--name-only", "-z", "--no-renames", "--relative",
			       since, "--", NULL };
	static const char *const untracked[] = { "ls-files", "-z", "-o", "--exclude-standard", NULL };
	char *out = NULL;
	size_t len = 0;
	if (run_git(dir, diff, &out, &len) != 0 || run_git(dir, untracked, &out, &len) != 0) {
		free(out);
		return NULL;
	}
	FILE *f = len ? fmemopen(NULL, len, "w+") : fopen("/dev/null", "r");
	if (f && len && (fwrite(out, 1, len, f) != len || fseek(f, 0, SEEK_SET) != 0)) {
		fclose(f);
		f = NULL;
	}
	free(out);
	return f;
}
