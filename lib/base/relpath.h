/* relpath.h: paths in the index are relative to the project root; a user
 * types and reads them relative to the current directory, as git does.
 * These two functions are the only place that maps between the two. */
#ifndef AX_RELPATH_H
#define AX_RELPATH_H

/* The root-relative path (malloc'd; "." for the root itself) that `arg`, a
 * path relative to the current directory or absolute, names inside the
 * absolute directory `root`; NULL when it lies outside the root or the
 * current directory cannot be read. Lexical: `..` folds without looking at
 * the disk, so a deleted file can still be named. */
char *ax_relpath_arg(const char *root, const char *arg);

/* `path`, relative to `root`, as the current directory sees it
 * (lib/x.c from lib/y is x.c, from lib/y/z ../x.c). Unchanged when `root`
 * is NULL or the current directory is the root or outside it. The result
 * lives in one of eight rotating buffers: enough for one printf. */
const char *ax_relpath_show(const char *root, const char *path);

#endif
