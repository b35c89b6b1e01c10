/* walk.h: finding the files of a tree the way git lists them
 * (`git ls-files -co --exclude-standard`), in path byte order. */
#ifndef AX_SCAN_WALK_H
#define AX_SCAN_WALK_H

#include "scan.h"

#include <stdio.h>

struct walker;

/* A walker for the directory `dir` (absolute, real) whose records are
 * relative to `root` (an ancestor of `dir`, or `dir` itself). It finds
 * `dir`'s repository, if any, and reads the tree-wide ignore files.
 * NULL (after a message) if the repository cannot be read. */
struct walker *walker_new(struct scan *s, const char *root, const char *dir);
void walker_free(struct walker *w);

/* Emit every file of `dir`. */
void walker_walk(struct walker *w);

/* Emit the files named in `in`, one per line, or NUL-separated with
 * `nul`; relative names are relative to `dir`. */
void walker_paths(struct walker *w, FILE *in, bool nul);

#endif
