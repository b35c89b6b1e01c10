/* index.h: the index pipeline, ax-scan | ax-parse | ax-load, built the
 * same way for `ax index` and for ax-watch's rounds. */
#ifndef AX_RUN_INDEX_H
#define AX_RUN_INDEX_H

#include "run/pipeline.h"

#include <stdbool.h>

/* ax-parse -j takes 1 to AX_JOBS_MAX workers; a tool that passes -j on
 * checks the same range. */
#define AX_JOBS_MAX 256

struct index_opts {
	const char *dir;      /* the tree to scan */
	const char *root;     /* ax-scan --root: the project root above dir, or NULL */
	const char *db;       /* --db, or NULL */
	const char *jobs;     /* ax-parse -j, or NULL */
	bool changed;         /* ax-scan --changed: what git says changed */
	bool paths_on_stdin;  /* ax-scan --stdin -0: only the paths named */
	bool quiet;           /* ax-load --quiet */
	bool no_ignore;       /* ax-scan --no-ignore */
};

struct index_stages {
	struct stage st[3];   /* scan, parse, load: for pipeline_start() */
	/* argv[0], each option index_opts can add, the directory, NULL */
	char *scan[12], *parse[4], *load[5];
};

/* Fill `s` for `o` (whose strings must outlive it). ax-scan compares with
 * the index loaded into and no other: --db for one that exists; for a new
 * one --rehash, and no --changed (everything is new to it). */
void index_stages(struct index_stages *s, const struct index_opts *o);

#endif
