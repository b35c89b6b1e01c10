/* db-crash.c: LD_PRELOAD shim for tests/long/db-faults.sh. Counts the
 * calls that change files (write, pwrite, fsync, rename, link, unlink,
 * ftruncate, ...) and SIGKILLs the process just before call number
 * $AX_CRASH_AT, so a crash can be put at every point where ax-db touches
 * the disk. With $AX_CRASH_COUNT=FILE, writes the number of calls to FILE
 * at exit instead (to learn how many points there are). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

static long calls, crash_at = -1;

__attribute__((constructor)) static void init(void)
{
	const char *at = getenv("AX_CRASH_AT");
	if (at)
		crash_at = atol(at);
}

__attribute__((destructor)) static void report(void)
{
	const char *f = getenv("AX_CRASH_COUNT");
	if (!f)
		return;
	FILE *out = fopen(f, "w");
	if (out) {
		fprintf(out, "%ld\n", calls);
		fclose(out);
	}
}

static void point(void)
{
	if (++calls == crash_at)
		kill(getpid(), SIGKILL);
}

#define REAL(name) static __typeof__(name) *real; if (!real) real = dlsym(RTLD_NEXT, #name); point()

ssize_t write(int fd, const void *b, size_t n) { REAL(write); return real(fd, b, n); }
ssize_t pwrite(int fd, const void *b, size_t n, off_t o) { REAL(pwrite); return real(fd, b, n, o); }
ssize_t pwrite64(int fd, const void *b, size_t n, off64_t o) { REAL(pwrite64); return real(fd, b, n, o); }
int fsync(int fd) { REAL(fsync); return real(fd); }
int fdatasync(int fd) { REAL(fdatasync); return real(fd); }
int ftruncate(int fd, off_t n) { REAL(ftruncate); return real(fd, n); }
int ftruncate64(int fd, off64_t n) { REAL(ftruncate64); return real(fd, n); }
int rename(const char *a, const char *b) { REAL(rename); return real(a, b); }
int renameat2(int d1, const char *a, int d2, const char *b, unsigned f) { REAL(renameat2); return real(d1, a, d2, b, f); }
int link(const char *a, const char *b) { REAL(link); return real(a, b); }
int unlink(const char *p) { REAL(unlink); return real(p); }
