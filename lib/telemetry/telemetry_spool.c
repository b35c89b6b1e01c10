/* telemetry_spool.c: appending one event to the spool, from any tool.
 *
 * One write() of a whole frame to a file opened with O_APPEND: the kernel
 * places each write at the end under the inode lock, so concurrent tools
 * never interleave. Ingest (ax-telemetry) renames the spool before reading
 * it and then takes an exclusive flock on the renamed file; writers hold a
 * shared flock while they write and, once they have it, check that their
 * file is still the one named events.spool. So a writer either lands in the
 * file before ingest reads it or reopens the new spool: no event is lost. */
#include "telemetry/telemetry.h"
#include "base/state.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Ingest holds its exclusive lock for microseconds; give up after ~5 ms
 * rather than ever hold a tool up. */
static int lock_shared(int fd)
{
	for (int i = 0; i < 50; i++) {
		if (flock(fd, LOCK_SH | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		struct timespec ts = { 0, 100 * 1000 };
		nanosleep(&ts, NULL);
	}
	return -1;
}

static int open_spool(const char *dir, const char *path)
{
	/* O_NONBLOCK: a FIFO planted at the path cannot stall us;
	 * O_NOFOLLOW: nor can a symlink send the event elsewhere. */
	int flags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
	int fd = open(path, flags, 0600);
	if (fd < 0 && errno == ENOENT && ax_mkdirs(dir) == 0)
		fd = open(path, flags, 0600);
	return fd;
}

int ax_tel_spool_append(const char *dir, const unsigned char *frame, size_t len)
{
	char *path = ax_tel_path(dir, AX_TEL_SPOOL);
	int rc = -1;
	bool renamed = true;
	/* Only a rename by ingest makes us try again, and it cannot happen
	 * more than once or twice in a row. */
	for (int attempt = 0; path && renamed && attempt < 3; attempt++) {
		int fd = open_spool(dir, path);
		if (fd < 0)
			break;
		struct stat mine, named;
		if (lock_shared(fd) != 0 || fstat(fd, &mine) != 0 || !S_ISREG(mine.st_mode) ||
		    mine.st_size > AX_TEL_SPOOL_MAX) {
			close(fd);
			break;
		}
		renamed = stat(path, &named) != 0 || named.st_ino != mine.st_ino || named.st_dev != mine.st_dev;
		if (!renamed)
			rc = write(fd, frame, len) == (ssize_t)len ? 0 : -1;
		close(fd);
	}
	free(path);
	return rc;
}
