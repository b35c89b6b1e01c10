/* ignore.c: gitignore patterns, parsed and matched as git's dir.c does
 * (parse_path_pattern, match_basename, match_pathname,
 * last_matching_pattern_from_list), so a walk can reproduce
 * `git ls-files -o --exclude-standard` exactly. */
#include "base/ignore.h"

#include "base/cli.h"
#include "base/readall.h"
#include "base/wildmatch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
	F_NODIR = 1,     /* no slash: matches the base name at any depth */
	F_ENDSWITH = 2,  /* "*literal" */
	F_MUSTBEDIR = 4, /* trailing slash */
	F_NEGATIVE = 8,  /* leading '!' */
};

struct pattern {
	char *text;     /* without '!' and trailing '/' */
	int len;
	int nowildcard; /* length of the literal prefix */
	unsigned flags;
};

struct ax_ignore_list {
	char *base; /* "" or "dir/sub/" */
	int baselen;
	struct pattern *pats;
	size_t n, cap;
};

static int is_glob_special(unsigned char c)
{
	return c == '*' || c == '?' || c == '[' || c == '\\';
}

static int simple_length(const char *s)
{
	int len = 0;
	while (s[len] && !is_glob_special((unsigned char)s[len]))
		len++;
	return len;
}

static int no_wildcard(const char *s)
{
	return s[simple_length(s)] == '\0';
}

/* Unescaped trailing spaces are not part of a pattern. */
static void trim_trailing_spaces(char *buf)
{
	char *last_space = NULL;
	for (char *p = buf; *p; p++) {
		switch (*p) {
		case ' ':
			if (!last_space)
				last_space = p;
			break;
		case '\\':
			p++;
			if (!*p)
				return;
			/* fallthrough */
		default:
			last_space = NULL;
		}
	}
	if (last_space)
		*last_space = '\0';
}

static void add_pattern(struct ax_ignore_list *l, const char *line)
{
	struct pattern pat = { 0 };
	const char *p = line;
	if (*p == '!') {
		pat.flags |= F_NEGATIVE;
		p++;
	}
	size_t len = strlen(p);
	if (len && p[len - 1] == '/') {
		len--;
		pat.flags |= F_MUSTBEDIR;
	}
	if (!memchr(p, '/', len))
		pat.flags |= F_NODIR;
	pat.text = ax_strndup(p, len);
	pat.len = (int)len;
	pat.nowildcard = simple_length(pat.text);
	if (pat.text[0] == '*' && no_wildcard(pat.text + 1))
		pat.flags |= F_ENDSWITH;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->pats = ax_realloc(l->pats, l->cap * sizeof *l->pats);
	}
	l->pats[l->n++] = pat;
}

struct ax_ignore_list *ax_ignore_list_parse(const char *text, size_t len, const char *base)
{
	struct ax_ignore_list *l = ax_calloc(1, sizeof *l);
	l->base = ax_strdup(base);
	l->baselen = (int)strlen(base);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	char *buf = ax_malloc(len + 1);
	memcpy(buf, text, len);
	buf[len] = '\0';
	char *line = buf;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n')
			continue;
		/* git skips empty lines and comments before dropping a CR. */
		if (&buf[i] != line && line[0] != '#') {
			buf[i - (i && buf[i - 1] == '\r' && &buf[i - 1] >= line)] = '\0';
			buf[i] = '\0';
			trim_trailing_spaces(line);
			add_pattern(l, line);
		}
		line = buf + i + 1;
	}
	free(buf);
	return l;
}

struct ax_ignore_list *ax_ignore_list_load(int dirfd, const char *name, const char *base, bool nofollow)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = ENOENT;
		return NULL;
	}
	char *buf;
	size_t len;
	int e = ax_read_fd(fd, SIZE_MAX, &buf, &len);
	close(fd);
	if (e) {
		errno = e;
		return NULL;
	}
	struct ax_ignore_list *l = ax_ignore_list_parse(buf, len, base);
	free(buf);
	return l;
}

void ax_ignore_list_free(struct ax_ignore_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->pats[i].text);
	free(l->pats);
	free(l->base);
	free(l);
}

static int ncmp(const char *a, const char *b, size_t n, bool icase)
{
	return icase ? strncasecmp(a, b, n) : memcmp(a, b, n);
}

static bool match_basename(const char *name, int namelen, const struct pattern *pat, bool icase)
{
	if (pat->nowildcard == pat->len)
		return pat->len == namelen && !ncmp(pat->text, name, (size_t)namelen, icase);
	if (pat->flags & F_ENDSWITH)
		return pat->len - 1 <= namelen &&
		       !ncmp(pat->text + 1, name + namelen - (pat->len - 1), (size_t)pat->len - 1, icase);
	return ax_wildmatch(pat->text, name, icase ? AX_WM_CASEFOLD : 0);
}

static bool match_pathname(const char *path, int pathlen, const struct ax_ignore_list *l,
			   const struct pattern *pat, bool icase)
{
	const char *p = pat->text;
	int plen = pat->len, prefix = pat->nowildcard;
	/* The base is implicitly in front of the pattern. */
	if (*p == '/') {
		p++;
		plen--;
		prefix--;
	}
	int baselen = l->baselen ? l->baselen - 1 : 0; /* without its slash */
	if (pathlen < baselen + 1 || (baselen && path[baselen] != '/') ||
	    ncmp(path, l->base, (size_t)baselen, icase))
		return false;
	int namelen = baselen ? pathlen - baselen - 1 : pathlen;
	const char *name = path + pathlen - namelen;
	if (prefix) {
		if (prefix > namelen || ncmp(p, name, (size_t)prefix, icase))
			return false;
		p += prefix;
		plen -= prefix;
		name += prefix;
		namelen -= prefix;
		if (!plen && !namelen)
			return true;
	}
	/* git matches the rest after the literal prefix; that changes what
	 * "**" means ("a**" + "/b"), so do the same. */
	return ax_wildmatch(p, name, AX_WM_PATHNAME | (icase ? AX_WM_CASEFOLD : 0));
}

int ax_ignore_list_match(const struct ax_ignore_list *l, const char *path, size_t len,
			 bool is_dir, bool icase)
{
	const char *slash = memrchr(path, '/', len);
	const char *base = slash ? slash + 1 : path;
	int baselen = (int)(len - (size_t)(base - path));
	for (size_t i = l->n; i-- > 0;) {
		const struct pattern *pat = &l->pats[i];
		if ((pat->flags & F_MUSTBEDIR) && !is_dir)
			continue;
		bool hit = pat->flags & F_NODIR ? match_basename(base, baselen, pat, icase)
						: match_pathname(path, (int)len, l, pat, icase);
		if (hit)
			return pat->flags & F_NEGATIVE ? 0 : 1;
	}
	return -1;
}

void ax_ignore_push(struct ax_ignore_stack *st, struct ax_ignore_list *list)
{
	if (st->depth == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 16;
		st->dirs = ax_realloc(st->dirs, st->cap * sizeof *st->dirs);
	}
	st->dirs[st->depth++] = list;
}

void ax_ignore_pop(struct ax_ignore_stack *st)
{
	if (st->depth)
		ax_ignore_list_free(st->dirs[--st->depth]);
}

void ax_ignore_set_innermost(struct ax_ignore_stack *st, struct ax_ignore_list *list)
{
	if (!st->depth) {
		ax_ignore_list_free(list);
		return;
	}
	ax_ignore_list_free(st->dirs[st->depth - 1]);
	st->dirs[st->depth - 1] = list;
}

void ax_ignore_stack_free(struct ax_ignore_stack *st)
{
	while (st->depth)
		ax_ignore_pop(st);
	free(st->dirs);
	st->dirs = NULL;
	st->cap = 0;
	for (int i = 0; i < AX_IGNORE_GLOBAL_MAX; i++) {
		ax_ignore_list_free(st->global[i]);
		st->global[i] = NULL;
	}
}

bool ax_ignore_excluded(const struct ax_ignore_stack *st, const char *path, size_t len, bool is_dir)
{
	for (size_t d = st->depth; d-- > 0;) {
		if (!st->dirs[d])
			continue;
		int r = ax_ignore_list_match(st->dirs[d], path, len, is_dir, st->icase);
		if (r >= 0)
			return r;
	}
	for (int i = 0; i < AX_IGNORE_GLOBAL_MAX; i++) {
		if (!st->global[i])
			continue;
		int r = ax_ignore_list_match(st->global[i], path, len, is_dir, st->icase);
		if (r >= 0)
			return r;
	}
	return false;
}
