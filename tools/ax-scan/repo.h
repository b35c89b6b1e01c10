/* repo.h: what ax-scan needs from a git repository, read with libgit2:
 * where its work tree starts, which files it tracks, and the tree-wide
 * ignore files and settings git would use. */
#ifndef AX_SCAN_REPO_H
#define AX_SCAN_REPO_H

#include <stdbool.h>
#include <stddef.h>

struct scan_repo {
	char *top;            /* absolute work tree, no trailing slash */
	char **tracked;       /* index paths, sorted by bytes, unique */
	size_t ntracked;
	char *info_exclude;   /* $GIT_COMMON_DIR/info/exclude */
	char *excludes_file;  /* core.excludesFile or its XDG default; may be NULL */
	bool icase;           /* core.ignoreCase */
};

/* Find the repository whose work tree holds `dir` (absolute). 1 found,
 * 0 none (or bare), -1 error with a message in `err`. */
int scan_repo_open(const char *dir, struct scan_repo *repo, char *err, size_t errlen);

/* core.excludesFile outside any repository (global and system config). */
char *scan_global_excludes_file(void);

void scan_repo_free(struct scan_repo *repo);

/* Is `path` (relative to the work tree) tracked? */
bool scan_repo_tracks(const struct scan_repo *repo, const char *path);
/* Is any tracked path under directory `dir` (relative, no trailing slash)? */
bool scan_repo_tracks_under(const struct scan_repo *repo, const char *dir, size_t len);

#endif
