/* slurp.h: a whole regular file into memory. */
#ifndef AX_LINT_SLURP_H
#define AX_LINT_SLURP_H

#include <stddef.h>

/* Read `path` into a malloc'd, NUL-terminated *buf of *len bytes. 0, or an
 * errno value (EISDIR etc. for anything but a regular file). */
int slurp(const char *path, char **buf, size_t *len);

#endif
