/* pipeline.h: running the ax-* tools, alone or connected by pipes, as the
 * front end (ax index) and ax-watch do. */
#ifndef AX_PIPELINE_H
#define AX_PIPELINE_H

#include <sys/types.h>

struct stage {
	const char *tool;   /* "ax-scan" */
	char **argv;        /* argv[0] is filled in; NULL-terminated */
	pid_t pid;
	int status;         /* exit status, or 128 + signal */
};

/* The tool beside the running binary, else in PATH; NULL if neither. */
char *pipeline_find_tool(const char *name);

/* Replace this process with the tool (argv[0] is set to its name). */
_Noreturn void pipeline_exec(const char *tool, char **argv);

/* Run the stages connected by pipes, wait for all; returns the index of
 * the first stage that failed, or -1 if all exited 0. The first stage reads
 * this process's stdin. */
int pipeline_run(struct stage *stages, int n);

/* The same, with the first stage reading `in` (closed here) instead. */
int pipeline_run_from(int in, struct stage *stages, int n);

/* pipeline_run_from() in two halves, for a caller with work to do while
 * the stages run: start them, then wait for them all. */
void pipeline_start(int in, struct stage *stages, int n);
int pipeline_wait(struct stage *stages, int n);

#endif
