/* readall.h: the whole of a file or descriptor in memory. */
#ifndef AX_READALL_H
#define AX_READALL_H

#include <stddef.h>

/* Read `fd` to its end into a malloc'd *buf, NUL-terminated (the NUL is
 * not counted in *len). 0, or an errno value: the read's, or EFBIG when
 * more than `max` bytes come (*buf is then not set). */
int ax_read_fd(int fd, size_t max, char **buf, size_t *len);

/* The same for the regular file `path` (EISDIR or EINVAL for anything
 * else). */
int ax_read_file(const char *path, size_t max, char **buf, size_t *len);

#endif
