/* changed.h: ax-scan --changed, the files git reports changed since the
 * commit an index was made at.
 *
 * ax-scan puts the commit it scanned (HEAD, read before the walk) into its
 * end record as `git_head` when the index will reflect that commit after
 * the load: a whole, complete scan, or a --changed scan. ax-load keeps it
 * in meta, and the next --changed scan lists only what differs from it. */
#ifndef AX_SCAN_CHANGED_H
#define AX_SCAN_CHANGED_H

#include <stdio.h>

/* The commit HEAD names in the repository holding `dir` (40 hex digits,
 * malloc'd), or NULL: not a repository, no commit yet, or no git. */
char *changed_git_head(const char *dir);

/* The paths that differ from commit `since` in the work tree under `dir`
 * (relative to `dir`), and the untracked files that are not ignored,
 * NUL-separated, for walker_paths(). NULL if git cannot tell (for
 * instance `since` no longer exists after a history rewrite). */
FILE *changed_paths(const char *dir, const char *since);

#endif
