/* suggest.h: "did you mean" for a mistyped name (a command, a config key). */
#ifndef AX_SUGGEST_H
#define AX_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a and b; names of 63 bytes or more count
 * as 64 away from everything (nobody mistypes those). */
size_t ax_edit_distance(const char *a, const char *b);

/* The candidate closest to `name` (first of equals) if it is at most two
 * edits away and not `name` itself, else NULL. */
const char *ax_suggest(const char *name, const char *const *candidates, size_t n);

#endif
