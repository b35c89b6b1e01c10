/* watch.h: the parts of ax-watch: the set of changed paths (changes.c),
 * the inotify watches over the tree (tree.c) and the indexing rounds that
 * feed the changes through ax-scan | ax-parse | ax-load (round.c). */
#ifndef AX_WATCH_H
#define AX_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Paths, relative to the root, changed since the last round. */
struct changes {
	char **paths;
	size_t n, cap;
	size_t burst;          /* more distinct paths than this: a full scan */
	const char *full;      /* why a full scan is due, or NULL */
};

/* Add a path (copied; nothing to do when a full scan is due anyway). */
void changes_add(struct changes *c, const char *path);
/* Make the next round a full scan (and forget the paths). */
void changes_full(struct changes *c, const char *why);
/* Sort and de-duplicate; over the burst limit, turn into a full scan. */
void changes_settle(struct changes *c);
bool changes_pending(const struct changes *c);
void changes_clear(struct changes *c);

/* The directories watched, by watch descriptor. */
struct tree {
	int fd;                /* inotify; -1 when polling */
	char *root;            /* absolute, symlink-free */
	int root_wd;
	dev_t root_dev;
	ino_t root_ino;
	struct watch *slots;   /* open addressing on wd */
	size_t nslots, ndirs;
	char *skip;            /* the index file's path when it lies in the tree
	                          (not under .ax): its writes are not changes */
	const char *gone;      /* the root was removed or moved: why */
	bool rewatch;          /* events were lost: walk the tree again */
};

/* Note the root (absolute) and what it is, for tree_root_ok(); -1 with
 * errno if it cannot be looked at. */
int tree_init(struct tree *t, const char *root);
/* Watch the root and every directory below it but .git and .ax. Returns 0,
 * or -1 with errno set when inotify cannot be used (the caller polls). */
int tree_watch(struct tree *t);
/* Read the pending events into `c`; returns how many of them were changes
 * (not the index's own writes, not events of dropped watches), or -1 with errno ENOSPC when the watch limit was reached. */
long tree_read(struct tree *t, struct changes *c);
/* Walk the whole tree again and watch what is not watched yet (after an
 * overflow); -1 with errno ENOSPC at the watch limit. */
int tree_rewatch(struct tree *t);
/* Stop watching (to poll instead). */
void tree_close(struct tree *t);
/* Set the index path whose writes are not changes (NULL: none). */
void tree_skip(struct tree *t, const char *db_path);
/* Is the root still where it was? Sets t->gone if not. */
bool tree_root_ok(struct tree *t);

struct round_opts {
	const char *root;
	const char *project;   /* the project root above root (ax-scan --root), or NULL */
	const char *db;        /* --db, or NULL */
	const char *jobs;      /* ax-parse -j, or NULL */
	bool quiet;
};

struct round_result {
	int failed;            /* the failing stage (0 scan, 1 parse, 2 load) or -1 */
	const char *tool;      /* the failing stage's tool */
	int status;            /* its exit status */
	bool counted;          /* ax-load's summary was read */
	unsigned long long added, changed, removed;
	double secs;
};

/* One round: a full scan of the root if c->full is set (or a changed path
 * is now a directory: its old files may be stale), else the changed paths.
 * ax-load's summary becomes one line on stderr (unless quiet, or nothing in
 * the index changed and `always` is false); the stages' other messages are
 * passed on. */
void round_run(const struct round_opts *o, struct changes *c, bool always,
	       struct round_result *r);

#endif
