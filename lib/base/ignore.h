/* ignore.h: gitignore(5) rules, applied the way git's dir.c applies them.
 *
 * A list holds the patterns of one file (a .gitignore, .git/info/exclude,
 * core.excludesFile) together with the directory it applies to. A stack
 * holds the per-directory lists from the top of the tree down to the
 * directory being walked, plus the tree-wide lists; a path is decided by
 * the deepest list that has a matching pattern, and within a list by the
 * last matching pattern, as in git. Paths are relative to the top of the
 * tree (the repository's work tree), with '/' separators. */
#ifndef AX_IGNORE_H
#define AX_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

struct ax_ignore_list;

/* Parse gitignore text. `base` is the directory the file sits in, relative
 * to the top, "" or ending in '/'. */
struct ax_ignore_list *ax_ignore_list_parse(const char *text, size_t len, const char *base);

/* Read and parse a file; NULL if it does not exist or is not a regular
 * file (errno ENOENT), is a symbolic link with `nofollow` (ELOOP; git does
 * not follow in-tree .gitignore links), or cannot be opened or read (errno
 * as set by openat or read). `dirfd` and `name` as for openat(). */
struct ax_ignore_list *ax_ignore_list_load(int dirfd, const char *name, const char *base, bool nofollow);

void ax_ignore_list_free(struct ax_ignore_list *list);

/* The last pattern of `list` matching `path` (of length `len`, and
 * path[len] must be '\0': the wildcard matcher reads to the NUL): 1 if it
 * excludes, 0 if it is a negation ("!pat"), -1 if none matches. */
int ax_ignore_list_match(const struct ax_ignore_list *list, const char *path, size_t len,
			 bool is_dir, bool icase);

#define AX_IGNORE_GLOBAL_MAX 2

struct ax_ignore_stack {
	struct ax_ignore_list **dirs; /* [0] = top; entries may be NULL */
	size_t depth, cap;
	/* Tree-wide lists in the order they are asked: .git/info/exclude,
	 * then core.excludesFile. */
	struct ax_ignore_list *global[AX_IGNORE_GLOBAL_MAX];
	bool icase; /* core.ignoreCase */
};

/* Enter a directory whose per-directory list is `list` (NULL if it has
 * none); the stack owns it. */
void ax_ignore_push(struct ax_ignore_stack *st, struct ax_ignore_list *list);
void ax_ignore_pop(struct ax_ignore_stack *st);
/* Give the innermost directory its list once it is read (it was pushed
 * with NULL); the stack owns it. */
void ax_ignore_set_innermost(struct ax_ignore_stack *st, struct ax_ignore_list *list);
/* Free every list. */
void ax_ignore_stack_free(struct ax_ignore_stack *st);

/* Is `path` (NUL-terminated, relative to the top) excluded? Its parent
 * directories are assumed not to be (the walk does not enter those). */
bool ax_ignore_excluded(const struct ax_ignore_stack *st, const char *path, size_t len, bool is_dir);

#endif
