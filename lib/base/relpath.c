/* relpath.c: root-relative paths to and from the current directory. */
#include "base/relpath.h"
#include "base/cli.h"
#include "base/strbuf.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Append the components of `p` to the absolute path in `b`, folding "."
 * and "..". */
static void append_folded(struct ax_strbuf *b, const char *p)
{
	while (*p) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = strrchr(b->s, '/');
			b->n = slash ? (size_t)(slash - b->s) : 0;
			b->s[b->n] = '\0';
		} else if (n && !(n == 1 && p[0] == '.')) {
			ax_strbuf_adds(b, "/");
			ax_strbuf_add(b, p, n);
		}
		p += n + (p[n] == '/');
	}
}

/* The part of the absolute `path` below `root`: "" for the root itself,
 * NULL outside it. */
static const char *below(const char *root, const char *path)
{
	size_t n = strlen(root);
	while (n && root[n - 1] == '/')
		n--;
	if (strncmp(path, root, n) != 0 || (path[n] && path[n] != '/'))
		return NULL;
	return path[n] ? path + n + 1 : path + n;
}

/* `path` made absolute and folded (malloc'd), or NULL. */
static char *absolute(const char *path)
{
	struct ax_strbuf b = { 0 };
	ax_strbuf_adds(&b, "");
	if (path[0] != '/') {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd))
			return NULL;
		append_folded(&b, cwd);
	}
	append_folded(&b, path);
	return b.s;
}

char *ax_relpath_arg(const char *root, const char *arg)
{
	char *abs = absolute(arg);
	const char *rel = abs ? below(root, abs[0] ? abs : "/") : NULL;
	char *out = rel ? ax_strdup(*rel ? rel : ".") : NULL;
	free(abs);
	return out;
}

const char *ax_relpath_show(const char *root, const char *path)
{
	static char *cwd_root, *cwd_rel; /* the current directory below cwd_root */
	static struct ax_strbuf ring[8];
	static unsigned next;
	if (!root)
		return path;
	if (!cwd_root || strcmp(cwd_root, root) != 0) {
		free(cwd_root);
		free(cwd_rel);
		cwd_root = ax_strdup(root);
		cwd_rel = ax_relpath_arg(root, ".");
	}
	if (!cwd_rel || strcmp(cwd_rel, ".") == 0)
		return path;
	/* Skip the directories the two share, then climb out of the rest. */
	const char *c = cwd_rel, *p = path;
	for (;;) {
		size_t n = strcspn(c, "/");
		if (strncmp(c, p, n) != 0 || p[n] != '/')
			break;
		c += n + (c[n] == '/');
		p += n + 1;
		if (!*c)
			break;
	}
	struct ax_strbuf *b = &ring[next++ % 8];
	b->n = 0;
	ax_strbuf_adds(b, "");
	for (const char *q = c; *q; q += strcspn(q, "/"), q += *q == '/')
		ax_strbuf_adds(b, "../");
	ax_strbuf_adds(b, p);
	return b->s;
}
