/* pipeline.h: how ax runs the ax-* tools. */
#ifndef AX_FRONT_PIPELINE_H
#define AX_FRONT_PIPELINE_H

#include <sys/types.h>

struct stage {
	const char *tool;   /* "ax-scan" */
	char **argv;        /* argv[0] is filled in; NULL-terminated */
	pid_t pid;
	int status;         /* exit status, or 128 + signal */
};

/* The tool beside the running ax binary, else in PATH; NULL if neither. */
char *pipeline_find_tool(const char *name);

/* Replace this process with the tool (argv[0] is set to its name). */
_Noreturn void pipeline_exec(const char *tool, char **argv);

/* Run the stages connected by pipes, wait for all; returns the index of
 * the first stage that failed, or -1 if all exited 0. */
int pipeline_run(struct stage *stages, int n);

#endif
