/* pipeline.c: running ax-* programs, alone, as a pipeline, or for their
 * output (pipeline.h says how a child is made). */
#include "run/pipeline.h"
#include "base/cli.h"
#include "base/readall.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The directory of the running binary: its ax-* siblings come first,
 * so a build tree or an install prefix runs its own tools. */
static const char *self_dir(void)
{
	static char dir[PATH_MAX];
	if (!dir[0]) {
		ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
		if (n <= 0) {
			dir[0] = '\0';
			return NULL;
		}
		dir[n] = '\0';
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
	}
	return dir[0] ? dir : NULL;
}

/* `name` in the directories of PATH, as execvp() finds it; NULL if none. */
static char *search_path(const char *name)
{
	const char *env = getenv("PATH");
	char *copy = ax_strdup(env ? env : "/usr/local/bin:/usr/bin:/bin"), *save, *found = NULL;
	for (char *p = strtok_r(copy, ":", &save); p && !found; p = strtok_r(NULL, ":", &save)) {
		char *path = ax_xasprintf("%s/%s", p, name);
		if (access(path, X_OK) == 0)
			found = path;
		else
			free(path);
	}
	free(copy);
	return found;
}

char *pipeline_find_tool(const char *name)
{
	const char *dir = self_dir();
	if (dir) {
		char *path = ax_xasprintf("%s/%s", dir, name);
		if (access(path, X_OK) == 0)
			return path;
		free(path);
	}
	return search_path(name);
}

static char *find_or_die(const char *tool)
{
	char *path = pipeline_find_tool(tool);
	if (!path)
		ax_die(AX_EXIT_USAGE, "%s is not installed (looked beside ax and in PATH)", tool);
	return path;
}

void pipeline_exec(const char *tool, char **argv)
{
	char *path = find_or_die(tool);
	argv[0] = (char *)tool;
	execv(path, argv);
	ax_die(AX_EXIT_INTERNAL, "cannot run %s: %s", path, strerror(errno));
}

/* Wait for `pid`: its exit status, or 128 + the signal that ended it. */
static int reap(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			ax_die(AX_EXIT_INTERNAL, "waitpid: %s", strerror(errno));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* In the child: make `from` descriptor `to` (dup2 clears close-on-exec). */
static int move_fd(int from, int to)
{
	return from == to || dup2(from, to) == to ? 0 : -1;
}

/* Run `path` with `in`, `out`, `err` as its descriptors 0, 1, 2; our other
 * descriptors must be close-on-exec. The child only moves descriptors and
 * execs: it sends errno back on a close-on-exec pipe, which a successful
 * exec closes unwritten. The pid, or -1 with errno (the child is reaped). */
static pid_t spawn(const char *path, char *const argv[], int in, int out, int err)
{
	int report[2];
	if (pipe2(report, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		if (move_fd(in, STDIN_FILENO) == 0 && move_fd(out, STDOUT_FILENO) == 0 &&
		    move_fd(err, STDERR_FILENO) == 0)
			execv(path, argv);
		int e = errno;
		/* A failed report still shows as status 127. */
		ssize_t w = write(report[1], &e, sizeof e);
		(void)w;
		_exit(127);
	}
	int saved = errno, e = 0;
	close(report[1]);
	ssize_t n = 0;
	if (pid > 0)
		while ((n = read(report[0], &e, sizeof e)) < 0 && errno == EINTR)
			;
	close(report[0]);
	if (pid > 0 && n == 0)
		return pid;
	if (pid > 0) {
		reap(pid);
		saved = n == (ssize_t)sizeof e ? e : EIO;
	}
	errno = saved;
	return -1;
}

int pipeline_run(struct stage *stages, int n)
{
	return pipeline_run_from(STDIN_FILENO, stages, n);
}

int pipeline_run_from(int in, struct stage *stages, int n)
{
	pipeline_start(in, stages, n);
	return pipeline_wait(stages, n);
}

void pipeline_start(int in, struct stage *stages, int n)
{
	char **paths = ax_calloc((size_t)n, sizeof *paths);
	for (int i = 0; i < n; i++) {
		paths[i] = find_or_die(stages[i].tool);
		stages[i].argv[0] = (char *)stages[i].tool;
	}
	for (int i = 0; i < n; i++) {
		struct stage *s = &stages[i];
		int fds[2] = { -1, STDOUT_FILENO };
		if (i < n - 1 && pipe2(fds, O_CLOEXEC) < 0)
			ax_die(AX_EXIT_INTERNAL, "pipe: %s", strerror(errno));
		s->status = 0;
		s->pid = spawn(paths[i], s->argv, in, fds[1], s->err ? s->err : STDERR_FILENO);
		if (s->pid < 0) {
			ax_error("cannot run %s: %s", paths[i], strerror(errno));
			s->status = 127;
		}
		if (in != STDIN_FILENO)
			close(in);
		if (fds[1] != STDOUT_FILENO)
			close(fds[1]);
		in = fds[0];
		free(paths[i]);
	}
	free(paths);
}

int pipeline_wait(struct stage *stages, int n)
{
	for (int i = 0; i < n; i++)
		if (stages[i].pid > 0)
			stages[i].status = reap(stages[i].pid);
	/* pipefail: the first stage (in pipeline order) that failed decides. */
	for (int i = 0; i < n; i++)
		if (stages[i].status != 0)
			return i;
	return -1;
}

int pipeline_capture(const char *const *argv, struct ax_strbuf *out)
{
	char *path = search_path(argv[0]);
	int fds[2] = { -1, -1 }, null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	pid_t pid = -1;
	if (path && null >= 0 && pipe2(fds, O_CLOEXEC) == 0) {
		pid = spawn(path, (char *const *)argv, STDIN_FILENO, fds[1], null);
		close(fds[1]);
	}
	free(path);
	if (null >= 0)
		close(null);
	if (pid < 0) {
		if (fds[0] >= 0)
			close(fds[0]);
		return -1;
	}
	char *text = NULL;
	size_t len = 0;
	int read_err = ax_read_fd(fds[0], SIZE_MAX, &text, &len);
	close(fds[0]);
	if (!read_err) {
		ax_strbuf_add(out, text, len);
		free(text);
	}
	int status = reap(pid);
	return read_err ? -1 : status;
}
