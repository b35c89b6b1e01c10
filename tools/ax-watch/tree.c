/* tree.c: inotify watches on every directory of the tree (but .git and
 * .ax), and the events they bring turned into changed paths.
 *
 * inotify watches one directory, not a tree: a new directory gets its own
 * watch when its creation is seen, and its contents are listed then, since
 * files may have been written before the watch existed. A directory moved
 * or removed is one changed path: ax-scan --stdin reports it gone and
 * ax-load deletes every file under it. */
#include "watch.h"
#include "base/cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define WATCH_MASK (IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE | \
		    IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB | IN_ONLYDIR | IN_DONT_FOLLOW | \
		    IN_EXCL_UNLINK)

struct watch {
	int wd;        /* 0: a free slot (inotify's descriptors start at 1) */
	char *path;    /* relative to the root; "" for the root */
};

/* ---- descriptor -> path, open addressing with linear probing ---- */

static size_t slot_of(const struct tree *t, int wd)
{
	return ((uint32_t)wd * 2654435761u) & (t->nslots - 1);
}

static struct watch *find(const struct tree *t, int wd)
{
	for (size_t i = slot_of(t, wd);; i = (i + 1) & (t->nslots - 1)) {
		if (t->slots[i].wd == wd)
			return &t->slots[i];
		if (!t->slots[i].wd)
			return NULL;
	}
}

static void put(struct tree *t, int wd, char *path);

static void grow(struct tree *t)
{
	struct watch *old = t->slots;
	size_t n = t->nslots;
	t->nslots = n ? 2 * n : 256;
	t->slots = ax_calloc(t->nslots, sizeof *t->slots);
	t->ndirs = 0;
	for (size_t i = 0; i < n; i++)
		if (old[i].wd)
			put(t, old[i].wd, old[i].path);
	free(old);
}

/* Takes ownership of `path`; an existing entry's path is replaced (the
 * same directory watched again after a move or an overflow). */
static void put(struct tree *t, int wd, char *path)
{
	struct watch *w = t->nslots ? find(t, wd) : NULL;
	if (w) {
		free(w->path);
		w->path = path;
		return;
	}
	if (2 * (t->ndirs + 1) > t->nslots)
		grow(t);
	size_t i = slot_of(t, wd);
	while (t->slots[i].wd)
		i = (i + 1) & (t->nslots - 1);
	t->slots[i] = (struct watch){ wd, path };
	t->ndirs++;
}

/* Backward-shift deletion keeps every probe chain unbroken. */
static void drop(struct tree *t, struct watch *w)
{
	size_t i = (size_t)(w - t->slots), mask = t->nslots - 1;
	free(w->path);
	for (size_t j = (i + 1) & mask; t->slots[j].wd; j = (j + 1) & mask) {
		size_t home = slot_of(t, t->slots[j].wd);
		/* Move j into the hole at i unless its home lies in (i, j]. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			t->slots[i] = t->slots[j];
			i = j;
		}
	}
	t->slots[i] = (struct watch){ 0, NULL };
	t->ndirs--;
}

/* ---- watching ---- */

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = ax_malloc(a + b + 2);
	if (a) {
		memcpy(p, dir, a);
		p[a++] = '/';
	}
	memcpy(p + a, name, b + 1);
	return p;
}

static bool never_watched(const char *name)
{
	return !strcmp(name, ".git") || !strcmp(name, ".ax");
}

/* Watch directory `rel` and those below it. With `c`, the files found are
 * changes (a new directory). -1 with errno ENOSPC at the watch limit; a
 * directory that vanished or cannot be read is passed over. */
static int watch_dir(struct tree *t, const char *rel, struct changes *c)
{
	char abs[PATH_MAX];
	if (snprintf(abs, sizeof abs, "%s%s%s", t->root, *rel ? "/" : "", rel) >= (int)sizeof abs)
		return 0;
	int wd = inotify_add_watch(t->fd, abs, WATCH_MASK);
	if (wd < 0) {
		if (errno == ENOSPC)
			return -1;
		if (errno != ENOENT && errno != ENOTDIR)
			ax_warn("cannot watch %s: %s", abs, strerror(errno));
		return 0;
	}
	put(t, wd, ax_strdup(rel));
	if (!*rel)
		t->root_wd = wd;

	DIR *d = opendir(abs);
	if (!d)
		return 0;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		bool is_dir = e->d_type == DT_DIR;
		if (e->d_type == DT_UNKNOWN) {
			struct stat st;
			is_dir = fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
				 S_ISDIR(st.st_mode);
		}
		char *path = join(rel, e->d_name);
		if (is_dir && !never_watched(e->d_name))
			rc = watch_dir(t, path, c);
		else if (!is_dir && c)
			changes_add(c, path);
		free(path);
	}
	closedir(d);
	return rc;
}

/* A directory moved away: its watches (it and those below) would go on
 * reporting under the old path. */
static void unwatch_under(struct tree *t, const char *rel)
{
	size_t len = strlen(rel), n = 0;
	int *wds = ax_malloc((t->ndirs + 1) * sizeof *wds);
	for (size_t i = 0; i < t->nslots; i++) {
		const char *p = t->slots[i].path;
		if (t->slots[i].wd && !strncmp(p, rel, len) && (!p[len] || p[len] == '/'))
			wds[n++] = t->slots[i].wd;
	}
	for (size_t i = 0; i < n; i++) {
		inotify_rm_watch(t->fd, wds[i]);
		drop(t, find(t, wds[i]));
	}
	free(wds);
}

static bool skipped(const struct tree *t, const char *path)
{
	return t->skip && !strncmp(path, t->skip, strlen(t->skip));
}

/* One event: 1 if it was a change, 0 if not, -1 (ENOSPC) at the limit. */
static int on_event(struct tree *t, const struct inotify_event *ev, struct changes *c)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		changes_full(c, "events were lost");
		t->rewatch = true; /* directories made meanwhile have no watch */
		return 1;
	}
	struct watch *w = find(t, ev->wd);
	if (!w)
		return 0; /* a watch dropped already */
	bool root = ev->wd == t->root_wd;
	if (ev->mask & IN_IGNORED) {
		if (root && !t->gone)
			t->gone = "is no longer there (removed or unmounted)";
		drop(t, w);
		return 0;
	}
	if (root && (ev->mask & IN_DELETE_SELF))
		t->gone = "was removed";
	if (root && (ev->mask & IN_MOVE_SELF))
		t->gone = "was moved or renamed";
	if (root && (ev->mask & IN_UNMOUNT))
		t->gone = "was unmounted";
	if (!ev->len)
		return 0; /* about the directory itself: its parent reports it */

	bool is_dir = ev->mask & IN_ISDIR;
	if (is_dir && never_watched(ev->name))
		return 0;
	char *path = join(w->path, ev->name); /* before watch_dir may move w */
	int rc = 1;
	if (skipped(t, path)) {
		rc = 0;
	} else if (!is_dir) {
		changes_add(c, path);
	} else if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
		if (watch_dir(t, path, c) < 0)
			rc = -1;
	} else if (ev->mask & (IN_MOVED_FROM | IN_DELETE)) {
		/* Removed from here: one path, every file under it goes. A
		 * removed directory's own watches end with IN_IGNORED. */
		if (ev->mask & IN_MOVED_FROM)
			unwatch_under(t, path);
		changes_add(c, path);
	} else {
		rc = 0; /* a directory's attributes */
	}
	free(path);
	return rc;
}

long tree_read(struct tree *t, struct changes *c)
{
	/* Aligned as the kernel's records are. */
	char buf[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
	long changes = 0;
	for (;;) {
		ssize_t n = read(t->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EAGAIN: all read */
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			int rc = on_event(t, ev, c);
			if (rc < 0)
				return -1;
			changes += rc;
			p += sizeof *ev + ev->len;
		}
	}
	return changes;
}

int tree_init(struct tree *t, const char *root)
{
	struct stat st;
	*t = (struct tree){ .fd = -1, .root = ax_strdup(root) };
	if (stat(root, &st) < 0)
		return -1;
	t->root_dev = st.st_dev;
	t->root_ino = st.st_ino;
	return 0;
}

int tree_watch(struct tree *t)
{
	t->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (t->fd < 0)
		return -1;
	if (watch_dir(t, "", NULL) < 0) {
		int e = errno;
		tree_close(t);
		errno = e;
		return -1;
	}
	return 0;
}

int tree_rewatch(struct tree *t)
{
	t->rewatch = false;
	return watch_dir(t, "", NULL);
}

void tree_close(struct tree *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	for (size_t i = 0; i < t->nslots; i++)
		free(t->slots[i].path);
	free(t->slots);
	t->slots = NULL;
	t->nslots = t->ndirs = 0;
}

void tree_skip(struct tree *t, const char *db_path)
{
	free(t->skip);
	t->skip = NULL;
	if (!db_path)
		return;
	/* The file may not exist yet: resolve its directory. */
	char dir[PATH_MAX], real[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", db_path);
	char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : db_path;
	if (slash)
		*slash = '\0';
	if (!realpath(slash ? (*dir ? dir : "/") : ".", real))
		return;
	size_t len = strlen(t->root);
	if (strncmp(real, t->root, len) || (real[len] && real[len] != '/'))
		return;
	const char *rel = real[len] ? real + len + 1 : "";
	t->skip = *rel ? join(rel, base) : ax_strdup(base);
}

bool tree_root_ok(struct tree *t)
{
	struct stat st;
	if (t->gone)
		return false;
	if (stat(t->root, &st) < 0)
		t->gone = "is no longer there (removed, or moved away)";
	else if (st.st_dev != t->root_dev || st.st_ino != t->root_ino)
		t->gone = "was replaced by another directory";
	return !t->gone;
}
