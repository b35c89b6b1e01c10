/* pathcheck.h: the one rule for a path that comes from outside (docs/stream.md,
 * "Paths"; docs/security.md): a stream record, a shard, an index, a
 * project's config file. */
#ifndef AX_PATHCHECK_H
#define AX_PATHCHECK_H

#include <stddef.h>

/* A path is accepted only if it is a normalized relative path inside the
 * root: not empty, no leading '/', no empty, "." or ".." component, no
 * NUL byte. NULL if `path` (len bytes) is one, else why not ("'..'
 * component"). Nothing a stage opens, stores or stats skips this. */
const char *ax_path_check(const char *path, size_t len);
/* `path` for a message: bytes outside printable ASCII (and \ and ")
 * as \xNN, cut with "..." to fit `cap` (>= 16). Returns buf. */
char *ax_path_shown(const char *path, size_t len, char *buf, size_t cap);

#endif
