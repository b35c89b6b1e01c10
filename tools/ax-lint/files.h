/* files.h: the indexed files to lint, restricted to the PATH arguments. */
#ifndef AX_LINT_FILES_H
#define AX_LINT_FILES_H

#include <sqlite3.h>
#include <stddef.h>

#include "lang/lang.h"

struct target {
	char *path;               /* relative to the root, as in the index */
	enum ax_lang lang;
};

struct targets {
	struct target *v;
	size_t n;
};

/* `arg` (relative to the current directory, or absolute) as a path
 * relative to `root`: "" for the root itself. Dies (status 2) if it lies
 * outside the root. malloc'd. */
char *path_under_root(const char *root, const char *arg);

/* The files of the index in path order, those under one of the `n`
 * prefixes (directory or file paths relative to the root) if n > 0. A
 * prefix that holds no indexed file ends the program with status 2. */
void targets_load(struct targets *t, sqlite3 *db, char *const *prefixes, size_t n, char *const *args);
void targets_free(struct targets *t);

#endif
