/* pipeline.h: running the ax-* tools (and git), alone or connected by
 * pipes, as the front end (ax index), ax-watch and ax-scan do.
 *
 * Like git's run-command: every path is found and every argv built before
 * fork; the child only moves descriptors and execs, and on failure tells
 * the parent through a close-on-exec pipe and leaves with _exit(127), so
 * it never runs exit hooks or flushes stdio it shares with the parent. */
#ifndef AX_PIPELINE_H
#define AX_PIPELINE_H

#include "base/strbuf.h"

#include <sys/types.h>

struct stage {
	const char *tool;   /* "ax-scan" */
	char **argv;        /* argv[0] is filled in; NULL-terminated */
	int err;            /* the stage's stderr; 0 (the default) keeps ours */
	pid_t pid;
	int status;         /* exit status, or 128 + signal; 127 if it could not run */
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
 * the stages run: start them, then wait for them all. A tool that is not
 * installed ends us (status 2) before any stage starts; one that cannot be
 * run is named on stderr and gets status 127. */
void pipeline_start(int in, struct stage *stages, int n);
int pipeline_wait(struct stage *stages, int n);

/* Run `argv` (argv[0] looked up in PATH), its stderr dropped, and append
 * its stdout to *out. Its exit status (128 + signal if killed), or -1 if it
 * could not be run or its output read. */
int pipeline_capture(const char *const *argv, struct ax_strbuf *out);

#endif
