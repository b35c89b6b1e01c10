/* walk.c: the directory walk. It keeps one level per directory from the
 * top of the tree (the repository's work tree, or the scan root outside a
 * repository) down to the current one, each with its open descriptor, its
 * ignore lists and whether git's rules exclude it; like git, it does not
 * enter excluded directories unless the index tracks files below them. */
#include "walk.h"

#include "base/cli.h"
#include "base/ignore.h"
#include "pool.h"
#include "repo.h"
#include "stream/stream.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

struct level {
	size_t len;       /* of the directory's absolute path */
	struct scan_dir *dir;
	bool excluded;    /* by git's rules, this directory or one above */
	bool ax_excluded; /* by .axignore */
	bool dead;        /* nothing below is ours: .git, a nested repository */
	bool lists_due;   /* its ignore files are not read yet */
	dev_t dev;
	ino_t ino;
};

struct walker {
	struct scan *s;
	struct scan_repo repo;
	bool in_repo;
	char *dir;              /* what to scan, absolute */
	size_t top_off;         /* where paths relative to the top start */
	size_t root_off;        /* where record paths start */
	struct ax_ignore_stack git, ax;
	struct level *levels;
	size_t depth, cap;
	char *path;             /* absolute path of the current entry */
	size_t len, path_cap;
};

static size_t offset_below(const char *ancestor)
{
	size_t n = strlen(ancestor);
	return n == 1 ? 1 : n + 1; /* "/" is the only root that ends in a slash */
}

static void path_set_len(struct walker *w, size_t len)
{
	w->len = len;
	w->path[len] = '\0';
}

static void path_append(struct walker *w, const char *name, size_t n)
{
	if (w->len + n + 2 > w->path_cap) {
		w->path_cap = 2 * (w->len + n + 2);
		w->path = ax_realloc(w->path, w->path_cap);
	}
	if (w->len && w->path[w->len - 1] != '/')
		w->path[w->len++] = '/';
	memcpy(w->path + w->len, name, n);
	path_set_len(w, w->len + n);
}

/* The current path relative to the top, which ignore rules match. */
static const char *top_path(const struct walker *w, size_t *len)
{
	size_t off = w->len >= w->top_off ? w->top_off : w->len;
	*len = w->len - off;
	return w->path + off;
}

/* Record path of the current entry (relative to the scan root). */
static const char *record_path(const struct walker *w)
{
	return w->len >= w->root_off ? w->path + w->root_off : "";
}

static struct level *cur(struct walker *w)
{
	return &w->levels[w->depth - 1];
}

/* A .gitignore or .axignore of the directory at the current path. */
static struct ax_ignore_list *load_list(struct walker *w, int fd, const char *name)
{
	size_t n;
	const char *rel = top_path(w, &n);
	char *base = ax_malloc(n + 2);
	memcpy(base, rel, n);
	if (n)
		base[n++] = '/';
	base[n] = '\0';
	struct ax_ignore_list *l = ax_ignore_list_load(fd, name, base, true);
	if (!l && errno == EACCES) {
		/* git warns and goes on without the file; so do we, visibly. */
		size_t len = w->len;
		path_append(w, name, strlen(name));
		scan_fail(w->s, record_path(w), errno, "cannot read ignore file");
		path_set_len(w, len);
	}
	free(base);
	return l;
}

/* Enter the directory at the current path (already appended), open in
 * `fd`, with the exclusion state decided by the caller. */
static void push_level(struct walker *w, int fd, const struct stat *st, bool excluded, bool ax_excluded,
		       bool dead)
{
	if (w->depth == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 32;
		w->levels = ax_realloc(w->levels, w->cap * sizeof *w->levels);
	}
	w->levels[w->depth++] = (struct level){ w->len, scan_dir_new(fd), excluded, ax_excluded, dead, true,
						st->st_dev, st->st_ino };
	ax_ignore_push(&w->git, NULL);
	ax_ignore_push(&w->ax, NULL);
}

/* Read the current level's .gitignore and .axignore, where they may be:
 * a walk knows from the directory's entries, saving two failed opens. */
static void load_lists(struct walker *w, bool gitignore, bool axignore)
{
	struct level *l = cur(w);
	if (!l->lists_due)
		return;
	l->lists_due = false;
	if (w->s->opt.no_ignore || l->dead)
		return;
	int fd = scan_dir_fd(l->dir);
	if (gitignore && !l->excluded)
		ax_ignore_set_innermost(&w->git, load_list(w, fd, ".gitignore"));
	if (axignore && !l->ax_excluded)
		ax_ignore_set_innermost(&w->ax, load_list(w, fd, ".axignore"));
}

static void pop_level(struct walker *w)
{
	scan_dir_unref(cur(w)->dir);
	ax_ignore_pop(&w->git);
	ax_ignore_pop(&w->ax);
	w->depth--;
	path_set_len(w, w->depth ? cur(w)->len : 0);
}

static void dir_error(struct walker *w, int errnum)
{
	scan_fail(w->s, record_path(w), errnum, "cannot read directory");
	w->s->complete = false;
}

/* Open the directory at the current path, a child of the current level;
 * -1 (after counting or reporting why) if it cannot be entered. */
static int open_child_dir(struct walker *w, const char *name, struct stat *st)
{
	int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (w->s->opt.follow ? 0 : O_NOFOLLOW);
	int fd = openat(scan_dir_fd(cur(w)->dir), name, flags);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			w->s->skipped[SKIP_VANISHED]++;
		else
			dir_error(w, errno);
		return -1;
	}
	if (fstat(fd, st) != 0) {
		dir_error(w, errno);
		close(fd);
		return -1;
	}
	if (w->s->opt.follow) {
		for (size_t i = 0; i < w->depth; i++) {
			if (w->levels[i].dev == st->st_dev && w->levels[i].ino == st->st_ino) {
				w->s->skipped[SKIP_LOOP]++;
				close(fd);
				return -1;
			}
		}
	}
	return fd;
}

/* Git's verdict on the current path as a directory below the current level. */
static void dir_state(struct walker *w, bool *excluded, bool *ax_excluded)
{
	struct level *l = cur(w);
	*excluded = l->excluded;
	*ax_excluded = l->ax_excluded;
	if (w->s->opt.no_ignore)
		return;
	size_t n;
	const char *rel = top_path(w, &n);
	if (!*excluded)
		*excluded = ax_ignore_excluded(&w->git, rel, n, true);
	if (!*ax_excluded)
		*ax_excluded = ax_ignore_excluded(&w->ax, rel, n, true);
}

/* Does `path` fall in the selected shard (--shard I/N)? */
static bool in_shard(const struct scan_opts *o, const char *path, size_t len)
{
	return !o->shards || XXH3_64bits(path, len) % o->shards == o->shard - 1;
}

/* Emit the current path, a regular file (or a link to one, with --follow)
 * named `name` in the current level, unless it is excluded. */
static void consider_file(struct walker *w, const char *name)
{
	struct scan *s = w->s;
	struct level *l = cur(w);
	scan_progress(s);
	if (l->dead) {
		s->skipped[SKIP_NESTED_REPO]++;
		return;
	}
	if (!s->opt.no_ignore) {
		size_t n;
		const char *rel = top_path(w, &n);
		/* Tracked files are listed whatever the ignore rules say. */
		bool tracked = w->in_repo && scan_repo_tracks(&w->repo, rel);
		if ((!tracked && (l->excluded || ax_ignore_excluded(&w->git, rel, n, false))) ||
		    l->ax_excluded || ax_ignore_excluded(&w->ax, rel, n, false)) {
			s->skipped[SKIP_IGNORED]++;
			return;
		}
	}
	const char *path = record_path(w);
	if (in_shard(&s->opt, path, strlen(path)))
		scan_pool_submit(s->pool, l->dir, name, path);
}

/* ---- the recursive walk ---- */

struct entry {
	char *name;
	unsigned char type; /* DT_DIR, DT_REG, DT_LNK, or other */
};

/* Path byte order: a directory sorts as its name plus '/'. */
static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	const unsigned char *x = (const unsigned char *)a->name, *y = (const unsigned char *)b->name;
	while (*x && *x == *y)
		x++, y++;
	int cx = *x ? *x : a->type == DT_DIR ? '/' : 0;
	int cy = *y ? *y : b->type == DT_DIR ? '/' : 0;
	return cx - cy;
}

/* An entry of the current level that cannot be looked at. */
static void entry_error(struct walker *w, const char *name, int errnum)
{
	size_t len = w->len;
	path_append(w, name, strlen(name));
	scan_fail(w->s, record_path(w), errnum, "cannot stat file");
	path_set_len(w, len);
}

/* The entries of the current level, sorted; NULL on error (reported). */
static struct entry *read_entries(struct walker *w, size_t *count, bool *has_git, bool *has_ignore,
				   bool *has_axignore)
{
	int fd = dup(scan_dir_fd(cur(w)->dir));
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		dir_error(w, errno);
		return NULL;
	}
	struct entry *v = NULL;
	size_t n = 0, cap = 0;
	*has_git = *has_ignore = *has_axignore = false;
	struct dirent *de;
	/* readdir() reports errors only through errno: clear it each time. */
	while ((errno = 0, de = readdir(d))) {
		const char *name = de->d_name;
		if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
			continue;
		if (strcmp(name, ".git") == 0) {
			*has_git = true;
			continue; /* never walked */
		}
		if (strcmp(name, ".gitignore") == 0)
			*has_ignore = true;
		else if (strcmp(name, ".axignore") == 0)
			*has_axignore = true;
		unsigned char type = de->d_type;
		if (type == DT_UNKNOWN || (type == DT_LNK && w->s->opt.follow)) {
			struct stat st;
			int fl = w->s->opt.follow ? 0 : AT_SYMLINK_NOFOLLOW;
			if (fstatat(scan_dir_fd(cur(w)->dir), name, &st, fl) != 0) {
				/* Gone, or a dangling link: nothing to read. */
				if (errno == ENOENT)
					w->s->skipped[SKIP_VANISHED]++;
				else if (errno == ELOOP)
					w->s->skipped[SKIP_LOOP]++;
				else
					entry_error(w, name, errno);
				continue;
			}
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
			     : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = ax_realloc(v, cap * sizeof *v);
		}
		v[n++] = (struct entry){ ax_strdup(name), type };
	}
	if (errno)
		dir_error(w, errno);
	closedir(d);
	if (n > 1) /* v is NULL for an empty directory, which qsort may not get */
		qsort(v, n, sizeof *v, entry_cmp);
	*count = n;
	return v ? v : ax_malloc(1);
}

static void walk_level(struct walker *w);

static void enter_dir(struct walker *w, const char *name)
{
	bool excluded, ax_excluded;
	dir_state(w, &excluded, &ax_excluded);
	if (!w->s->opt.no_ignore) {
		size_t n;
		const char *rel = top_path(w, &n);
		if (ax_excluded || (excluded && !(w->in_repo && scan_repo_tracks_under(&w->repo, rel, n)))) {
			w->s->skipped[SKIP_IGNORED]++;
			return;
		}
	}
	struct stat st;
	int fd = open_child_dir(w, name, &st);
	if (fd < 0)
		return;
	push_level(w, fd, &st, excluded, ax_excluded, false);
	walk_level(w);
	pop_level(w);
}

static void walk_level(struct walker *w)
{
	size_t n;
	bool has_git, has_ignore, has_axignore;
	struct entry *v = read_entries(w, &n, &has_git, &has_ignore, &has_axignore);
	if (!v)
		return;
	/* A directory with its own .git is another repository: git lists
	 * it as one entry and ax leaves it to a scan of its own. */
	bool nested = has_git && w->depth > 1 && !w->s->opt.no_ignore && cur(w)->len > strlen(w->dir);
	if (nested)
		w->s->skipped[SKIP_NESTED_REPO]++;
	else
		load_lists(w, has_ignore, has_axignore);
	for (size_t i = 0; i < n && !nested; i++) {
		size_t len = w->len;
		path_append(w, v[i].name, strlen(v[i].name));
		if (v[i].type == DT_DIR)
			enter_dir(w, v[i].name);
		else if (v[i].type == DT_REG)
			consider_file(w, v[i].name);
		else if (v[i].type == DT_LNK)
			w->s->skipped[SKIP_SYMLINK]++;
		else
			w->s->skipped[SKIP_SPECIAL]++;
		path_set_len(w, len);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* ---- levels down to a given directory ---- */

/* Make the current level the directory `dir` (absolute, normalized, at or
 * below the top), entering each component on the way like git does.
 * False if some component cannot be entered (reported). */
static bool descend_to(struct walker *w, const char *dir)
{
	size_t dlen = strlen(dir);
	while (w->depth > 1) {
		size_t l = cur(w)->len;
		if (l <= dlen && memcmp(dir, w->path, l) == 0 && (dir[l] == '/' || dir[l] == '\0'))
			break;
		pop_level(w);
	}
	while (w->len < dlen) {
		const char *name = dir + w->len + (w->path[w->len - 1] == '/' ? 0 : 1);
		size_t n = strcspn(name, "/");
		char *comp = ax_strndup(name, n);
		path_append(w, comp, n);
		bool excluded, ax_excluded, dead = cur(w)->dead || strcmp(comp, ".git") == 0;
		dir_state(w, &excluded, &ax_excluded);
		struct stat st;
		int fd = open_child_dir(w, comp, &st);
		free(comp);
		if (fd < 0) {
			path_set_len(w, cur(w)->len);
			return false;
		}
		if (!dead && !w->s->opt.no_ignore && faccessat(fd, ".git", F_OK, AT_SYMLINK_NOFOLLOW) == 0 &&
		    w->len > strlen(w->dir))
			dead = true;
		push_level(w, fd, &st, excluded, ax_excluded, dead);
		load_lists(w, true, true);
	}
	return true;
}

/* A DIR named on the command line that git's rules or .axignore leave out
 * is walked as usual, so nothing under it is listed: say so. */
static void warn_ignored(struct walker *w)
{
	const struct level *l = cur(w);
	size_t n;
	const char *rel = top_path(w, &n);
	if (w->s->opt.no_ignore || w->depth < 2 ||
	    !(l->ax_excluded || (l->excluded && !(w->in_repo && scan_repo_tracks_under(&w->repo, rel, n)))))
		return;
	ax_warn("%s is ignored (%s): nothing under it is scanned; --no-ignore scans it", w->dir,
		l->ax_excluded ? ".axignore or scan.exclude" : "git's ignore rules");
}

void walker_walk(struct walker *w)
{
	if (descend_to(w, w->dir)) {
		warn_ignored(w);
		walk_level(w);
	}
}

/* Lexically normalize `p` (absolute): no "//", "/./", "/../", trailing '/'. */
static void normalize(char *p)
{
	char *out = p, *in = p;
	while (*in) {
		while (*in == '/')
			in++;
		if (!*in)
			break;
		size_t n = strcspn(in, "/");
		if (n == 1 && in[0] == '.') {
			in += n;
			continue;
		}
		if (n == 2 && in[0] == '.' && in[1] == '.') {
			while (out > p && *--out != '/')
				;
			in += n;
			continue;
		}
		*out++ = '/';
		memmove(out, in, n);
		out += n;
		in += n;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

static void scan_one_path(struct walker *w, const char *given)
{
	struct scan *s = w->s;
	size_t dl = strlen(w->dir);
	char *abs = ax_malloc(dl + strlen(given) + 2);
	if (given[0] == '/')
		strcpy(abs, given);
	else
		sprintf(abs, "%s/%s", w->dir, given);
	normalize(abs);
	bool inside = dl == 1 || (strncmp(abs, w->dir, dl) == 0 && abs[dl] == '/');
	if (!inside || strcmp(abs, w->dir) == 0) {
		scan_pool_finish(s->pool);
		scan_err_record(s, given, "EXDEV", "path is not inside the scan root");
		free(abs);
		return;
	}
	/* A named path that does not exist (nor its directory) is gone: the
	 * index drops it, or everything under it if it was a directory. */
	struct stat st;
	if (lstat(abs, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		if (strlen(abs) > w->root_off)
			scan_gone(s, abs + w->root_off);
		free(abs);
		return;
	}
	char *slash = strrchr(abs, '/');
	*slash = '\0';
	const char *name = slash + 1;
	bool ok = descend_to(w, slash == abs ? "/" : abs);
	*slash = '/';
	if (ok) {
		size_t len = w->len;
		path_append(w, name, strlen(name));
		int fl = s->opt.follow ? 0 : AT_SYMLINK_NOFOLLOW;
		if (strcmp(name, ".git") == 0)
			s->skipped[SKIP_NESTED_REPO]++;
		else if (fstatat(scan_dir_fd(cur(w)->dir), name, &st, fl) != 0)
			scan_fail(s, record_path(w), errno, "cannot stat file");
		else if (S_ISREG(st.st_mode))
			consider_file(w, name);
		else if (S_ISLNK(st.st_mode))
			s->skipped[SKIP_SYMLINK]++;
		else if (!S_ISDIR(st.st_mode)) /* directories: find(1) lists them too */
			s->skipped[SKIP_SPECIAL]++;
		path_set_len(w, len);
	}
	free(abs);
}

void walker_paths(struct walker *w, FILE *in, bool nul)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getdelim(&line, &cap, nul ? '\0' : '\n', in)) > 0) {
		if (line[n - 1] == (nul ? '\0' : '\n'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		scan_one_path(w, line);
	}
	free(line);
}

/* ---- setup ---- */

static void load_global(struct walker *w, int slot, const char *path)
{
	if (path)
		w->git.global[slot] = ax_ignore_list_load(AT_FDCWD, path, "", false);
}

struct walker *walker_new(struct scan *s, const char *root, const char *dir)
{
	struct walker *w = ax_calloc(1, sizeof *w);
	w->s = s;
	w->dir = ax_strdup(dir);
	char err[1024];
	int r = s->opt.no_ignore ? 0 : scan_repo_open(dir, &w->repo, err, sizeof err);
	if (r < 0) {
		ax_error("%s: %s", dir, err);
		walker_free(w);
		return NULL;
	}
	w->in_repo = r == 1;
	/* Outside a repository the scan root is the top, as if it were one. */
	const char *top = w->in_repo ? w->repo.top : root;
	if (!s->opt.no_ignore) {
		if (s->opt.exclude)
			w->ax.global[0] = ax_ignore_list_parse(s->opt.exclude, strlen(s->opt.exclude), "");
		if (w->in_repo) {
			load_global(w, 0, w->repo.info_exclude);
			load_global(w, 1, w->repo.excludes_file);
			w->git.icase = w->ax.icase = w->repo.icase;
		} else {
			char *xf = scan_global_excludes_file();
			load_global(w, 1, xf);
			free(xf);
		}
	}
	w->top_off = offset_below(top);
	w->root_off = offset_below(root);
	path_append(w, top, strlen(top));
	int fd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		ax_error("cannot read directory '%s': %s", top, strerror(errno));
		if (fd >= 0)
			close(fd);
		walker_free(w);
		return NULL;
	}
	push_level(w, fd, &st, false, false, false);
	load_lists(w, true, true);
	return w;
}

void walker_free(struct walker *w)
{
	if (!w)
		return;
	while (w->depth)
		pop_level(w);
	ax_ignore_stack_free(&w->git);
	ax_ignore_stack_free(&w->ax);
	free(w->levels);
	free(w->path);
	free(w->dir);
	if (w->in_repo)
		scan_repo_free(&w->repo);
	free(w);
}
