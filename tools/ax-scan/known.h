/* known.h: what the index already holds about each file, so that a file
 * whose size and mtime are as indexed is not read and hashed again. */
#ifndef AX_SCAN_KNOWN_H
#define AX_SCAN_KNOWN_H

#include "lang/lang.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct known_file {
	const char *path;
	size_t len;
	int64_t size, mtime;
	uint64_t hash;
	enum ax_lang lang;
};

struct known;

/* The files of the index for the scan root `root`: the index given with
 * --db (`db_opt`; errors are fatal), else one found as usual (errors mean
 * no reuse). NULL when there is none, or it indexes another root.
 * `lookup`: the scan names its files (--stdin, --changed), so each is
 * looked up in the index when asked for, instead of all read up front. */
struct known *known_load(const char *db_opt, const char *root, bool lookup);

/* Is the indexed file at `path` (its row in *out) one whose stored hash can
 * be trusted for a file of this size and mtime? False: it must be read.
 * Thread-safe. */
bool known_match(struct known *k, const char *path, int64_t size, int64_t mtime, struct known_file *out);

/* The commit the index was last made at (meta 'git_head'), or NULL. */
const char *known_git_head(const struct known *k);
void known_free(struct known *k);

#endif
