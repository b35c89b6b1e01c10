/* install_id.c: the anonymous installation id (see install_id.h). */
#include "base/install_id.h"
#include "base/cli.h"
#include "base/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ID_LEN 32

static char id[ID_LEN + 1];

static void random_id(char out[ID_LEN + 1])
{
	unsigned char raw[ID_LEN / 2];
	size_t got = 0;
	while (got < sizeof raw) {
		ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	if (got < sizeof raw) {
		/* No getrandom (old kernel, seccomp): still unique enough per process. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		srandom((unsigned)(ts.tv_nsec ^ ts.tv_sec ^ getpid()));
		for (size_t i = got; i < sizeof raw; i++)
			raw[i] = (unsigned char)random();
	}
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
}

static bool valid_id(const char *s, size_t n)
{
	if (n != ID_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* mkdir -p for the state directory; errors show up when writing the file. */
static int read_id(const char *path, char out[ID_LEN + 1])
{
	char buf[ID_LEN + 2];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf);
	close(fd);
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n < 0 || !valid_id(buf, (size_t)n))
		return -1;
	memcpy(out, buf, ID_LEN);
	out[ID_LEN] = '\0';
	return 0;
}

/* Writes `value` to a temporary file and links it in place. With `replace`
 * false it never overwrites: of two processes creating the id at once, the
 * first link wins and both then read the winner's id. */
static int store_id(const char *value, bool replace)
{
	char *dir = ax_state_dir();
	if (!dir) {
		errno = ENOENT;
		return -1;
	}
	ax_mkdirs(dir);
	char *path = ax_xasprintf("%s/install-id", dir);
	char *tmp = ax_xasprintf("%s/.install-id.%ld", dir, (long)getpid());
	free(dir);
	int rc = -1, saved = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		char line[ID_LEN + 1];
		memcpy(line, value, ID_LEN);
		line[ID_LEN] = '\n';
		bool ok = write(fd, line, sizeof line) == (ssize_t)sizeof line && fsync(fd) == 0;
		ok = close(fd) == 0 && ok;
		if (ok)
			rc = replace ? rename(tmp, path) : link(tmp, path);
		saved = errno;
		unlink(tmp);
	} else {
		saved = errno;
	}
	free(tmp);
	free(path);
	errno = saved;
	return rc;
}

const char *ax_install_id(void)
{
	if (id[0])
		return id;
	char *dir = ax_state_dir();
	if (!dir) {
		random_id(id);
		return id;
	}
	char *path = ax_xasprintf("%s/install-id", dir);
	free(dir);
	if (read_id(path, id) != 0) {
		char fresh[ID_LEN + 1];
		random_id(fresh);
		/* Lost a race to another process: its id is the one on disk. */
		if (store_id(fresh, false) != 0 && read_id(path, id) == 0) {
			free(path);
			return id;
		}
		memcpy(id, fresh, sizeof fresh);
	}
	free(path);
	return id;
}

int ax_install_id_reset(void)
{
	char fresh[ID_LEN + 1];
	random_id(fresh);
	int rc = store_id(fresh, true);
	int saved = errno;
	memcpy(id, fresh, sizeof fresh);
	errno = saved;
	return rc;
}
