/* pipeline.c: running ax-* programs, alone or as a pipeline. */
#include "run/pipeline.h"
#include "base/cli.h"

#include <errno.h>
#include <limits.h>
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

char *pipeline_find_tool(const char *name)
{
	char path[PATH_MAX];
	const char *dir = self_dir();
	if (dir) {
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (access(path, X_OK) == 0)
			return ax_strdup(path);
	}
	const char *env = getenv("PATH");
	char *copy = ax_strdup(env ? env : "/usr/local/bin:/usr/bin:/bin"), *save, *p;
	for (p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save)) {
		snprintf(path, sizeof path, "%s/%s", *p ? p : ".", name);
		if (access(path, X_OK) == 0) {
			free(copy);
			return ax_strdup(path);
		}
	}
	free(copy);
	return NULL;
}

void pipeline_exec(const char *tool, char **argv)
{
	char *path = pipeline_find_tool(tool);
	if (!path)
		ax_die(AX_EXIT_USAGE, "%s is not installed (looked beside ax and in PATH)", tool);
	argv[0] = (char *)tool;
	execv(path, argv);
	ax_die(AX_EXIT_INTERNAL, "cannot run %s: %s", path, strerror(errno));
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
	for (int i = 0; i < n; i++) {
		int fds[2] = { -1, STDOUT_FILENO };
		if (i < n - 1 && pipe(fds) < 0)
			ax_die(AX_EXIT_INTERNAL, "pipe: %s", strerror(errno));
		stages[i].pid = fork();
		if (stages[i].pid < 0)
			ax_die(AX_EXIT_INTERNAL, "fork: %s", strerror(errno));
		if (stages[i].pid == 0) {
			if (in != STDIN_FILENO) {
				dup2(in, STDIN_FILENO);
				close(in);
			}
			if (fds[1] != STDOUT_FILENO) {
				dup2(fds[1], STDOUT_FILENO);
				close(fds[1]);
				close(fds[0]);
			}
			pipeline_exec(stages[i].tool, stages[i].argv);
		}
		if (in != STDIN_FILENO)
			close(in);
		if (fds[1] != STDOUT_FILENO)
			close(fds[1]);
		in = fds[0];
	}
}

int pipeline_wait(struct stage *stages, int n)
{
	/* pipefail: the first stage (in pipeline order) that failed decides. */
	for (int i = 0; i < n; i++) {
		int st;
		while (waitpid(stages[i].pid, &st, 0) < 0 && errno == EINTR)
			;
		stages[i].status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	for (int i = 0; i < n; i++)
		if (stages[i].status != 0)
			return i;
	return -1;
}
