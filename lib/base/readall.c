/* readall.c: read to the end, growing the buffer as needed (a file's size
 * may change while it is read, and a pipe has none). */
#include "base/readall.h"
#include "base/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int ax_read_fd(int fd, size_t max, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *b = ax_malloc(cap);
	for (;;) {
		if (n + 1 >= cap)
			b = ax_realloc(b, cap *= 2);
		ssize_t r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			break;
		int e = r < 0 ? errno : n + (size_t)r > max ? EFBIG : 0;
		if (e) {
			free(b);
			return e;
		}
		n += (size_t)r;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

int ax_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	struct stat st;
	int e = fstat(fd, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : !S_ISREG(st.st_mode) ? EINVAL : 0;
	if (!e)
		e = ax_read_fd(fd, max, buf, len);
	close(fd);
	return e;
}
