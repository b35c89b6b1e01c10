/* test_readall.c: whole files and descriptors into memory (lib/readall). */
#include "test.h"
#include "base/readall.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* A pipe holding n bytes of 'x' (n small enough for the pipe buffer). */
static int pipe_of(size_t n)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	char chunk[1024];
	memset(chunk, 'x', sizeof chunk);
	for (size_t done = 0; done < n;) {
		size_t k = n - done < sizeof chunk ? n - done : sizeof chunk;
		if (write(fds[1], chunk, k) != (ssize_t)k)
			return -1;
		done += k;
	}
	close(fds[1]);
	return fds[0];
}

int main(void)
{
	char *buf = NULL;
	size_t len = 0;

	/* Sizes around the growth steps; the text is NUL-terminated. */
	size_t sizes[] = { 0, 1, 4094, 4095, 4096, 9000, 60000 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		int fd = pipe_of(sizes[i]);
		CHECK_EQ_INT(ax_read_fd(fd, SIZE_MAX, &buf, &len), 0);
		CHECK_EQ_INT(len, sizes[i]);
		CHECK_EQ_INT(buf[len], '\0');
		CHECK(len == 0 || (buf[0] == 'x' && buf[len - 1] == 'x'));
		free(buf);
		close(fd);
	}

	/* More than max is EFBIG; exactly max is fine. */
	int fd = pipe_of(5000);
	buf = NULL;
	CHECK_EQ_INT(ax_read_fd(fd, 4999, &buf, &len), EFBIG);
	CHECK(buf == NULL);
	close(fd);
	fd = pipe_of(5000);
	CHECK_EQ_INT(ax_read_fd(fd, 5000, &buf, &len), 0);
	CHECK_EQ_INT(len, 5000);
	free(buf);
	close(fd);

	/* Files: a regular one, a directory, a missing one. */
	char path[TEST_TMP_MAX];
	test_tmp(path, "readall");
	int f = mkstemp(path);
	CHECK(f >= 0 && write(f, "hello\n", 6) == 6);
	close(f);
	CHECK_EQ_INT(ax_read_file(path, 100, &buf, &len), 0);
	CHECK_EQ_STR(buf, "hello\n");
	CHECK_EQ_INT(len, 6);
	free(buf);
	CHECK_EQ_INT(ax_read_file(path, 5, &buf, &len), EFBIG);
	unlink(path);
	CHECK_EQ_INT(ax_read_file(path, 100, &buf, &len), ENOENT);
	CHECK_EQ_INT(ax_read_file("/tmp", 100, &buf, &len), EISDIR);
	return test_summary();
}
