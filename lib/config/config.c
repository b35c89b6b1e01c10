/* config.c: the keys, config files line by line, and the settings in effect. */
#include "config/config.h"
#include "base/cli.h"
#include "base/readall.h"
#include "base/pathcheck.h"
#include "base/suggest.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const struct ax_config_keydef ax_config_keys[AX_CFG_NKEYS] = {
#define AX_CONFIG_KEY(id, name, type, min, max, def, env, doc) \
	[AX_CFG_##id] = { name, AX_CFG_T_##type, min, max, def, env, doc },
#include "config/config_keys.def"
#undef AX_CONFIG_KEY
};

const char *const ax_config_key_names[AX_CFG_NKEYS] = {
#define AX_CONFIG_KEY(id, name, type, min, max, def, env, doc) [AX_CFG_##id] = name,
#include "config/config_keys.def"
#undef AX_CONFIG_KEY
};

int ax_config_key_find(const char *name)
{
	for (int i = 0; i < AX_CFG_NKEYS; i++)
		if (strcmp(ax_config_keys[i].name, name) == 0)
			return i;
	return -1;
}

const char *ax_config_type_name(enum ax_config_type t)
{
	static const char *const names[] = {
		[AX_CFG_T_COUNT] = "count", [AX_CFG_T_SIZE] = "size", [AX_CFG_T_LIST] = "list",
		[AX_CFG_T_COLOR] = "color", [AX_CFG_T_PATH] = "path",
	};
	return names[t];
}

int ax_config_check(int key, const char *value, char *why, size_t cap)
{
	const struct ax_config_keydef *k = &ax_config_keys[key];
	switch (k->type) {
	case AX_CFG_T_COUNT:
		if (ax_parse_count(value, k->min, k->max) >= 0)
			return 0;
		snprintf(why, cap, "want a whole number from %lld to %lld", k->min, k->max);
		return -1;
	case AX_CFG_T_SIZE:
		if (ax_parse_size(value, k->max) >= 0)
			return 0;
		snprintf(why, cap, "want a size from 1 to %lldG, like 512K, 1M or 2G", k->max >> 30);
		return -1;
	case AX_CFG_T_LIST:
		if (*value)
			return 0;
		snprintf(why, cap, "want a non-empty value");
		return -1;
	case AX_CFG_T_COLOR:
		if (!strcmp(value, "auto") || !strcmp(value, "always") || !strcmp(value, "never"))
			return 0;
		snprintf(why, cap, "want auto, always or never");
		return -1;
	case AX_CFG_T_PATH:
		return 0;
	}
	return 0;
}

/* ---- one file ---- */

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static size_t trimmed_len(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n;
}

static bool is_comment_or_blank(const char *line)
{
	const char *s = skip_space(line);
	return *s == '\0' || *s == '\r' || *s == '#' || *s == ';';
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/* Splits a `key = value` line; false if it is not one. */
static bool split_entry(const char *line, const char **key, size_t *klen, const char **val, size_t *vlen)
{
	const char *k = skip_space(line), *eq = strchr(k, '=');
	if (!eq)
		return false;
	size_t kn = trimmed_len(k, (size_t)(eq - k));
	if (kn == 0)
		return false;
	for (size_t i = 0; i < kn; i++)
		if (!key_char(k[i]))
			return false;
	const char *v = skip_space(eq + 1);
	*key = k, *klen = kn, *val = v, *vlen = trimmed_len(v, strlen(v));
	return true;
}

static void push_line(struct ax_config_file *f, char *line)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->lines = ax_realloc(f->lines, f->cap * sizeof *f->lines);
	}
	f->lines[f->n++] = line;
}

static void insert_line(struct ax_config_file *f, size_t at, char *line)
{
	push_line(f, line);
	memmove(f->lines + at + 1, f->lines + at, (f->n - 1 - at) * sizeof *f->lines);
	f->lines[at] = line;
}

static void remove_line(struct ax_config_file *f, size_t at)
{
	free(f->lines[at]);
	memmove(f->lines + at, f->lines + at + 1, (f->n - at - 1) * sizeof *f->lines);
	f->n--;
}

int ax_config_file_parse(struct ax_config_file *f, const char *text, size_t len, const char *shown,
			 char **err)
{
	*f = (struct ax_config_file){ .shown = ax_strdup(shown) };
	size_t at = 0;
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		char *line = ax_strndup(text + at, n);
		push_line(f, line);
		at += n + (nl != NULL);
		if (strlen(line) != n) {
			*err = ax_xasprintf("%s:%zu: a NUL byte (not a text file?)", shown, f->n);
			return -1;
		}
		const char *k, *v;
		size_t kl, vl;
		if (!is_comment_or_blank(line) && !split_entry(line, &k, &kl, &v, &vl)) {
			*err = ax_xasprintf("%s:%zu: expected 'key = value', a '#' comment or a blank line", shown, f->n);
			return -1;
		}
	}
	return 0;
}

int ax_config_file_read(struct ax_config_file *f, const char *path, const char *shown, char **err)
{
	char *text;
	size_t len;
	int e = ax_read_file(path, SIZE_MAX, &text, &len);
	if (e == ENOENT || e == ENOTDIR)
		return ax_config_file_parse(f, "", 0, shown, err);
	if (e) {
		*f = (struct ax_config_file){ .shown = ax_strdup(shown) };
		*err = ax_xasprintf("%s: %s", shown, strerror(e));
		return -1;
	}
	int r = ax_config_file_parse(f, text, len, shown, err);
	free(text);
	return r;
}

bool ax_config_file_entry(const struct ax_config_file *f, size_t i, char **key, char **value)
{
	const char *k, *v;
	size_t kl, vl;
	if (i >= f->n || is_comment_or_blank(f->lines[i]) || !split_entry(f->lines[i], &k, &kl, &v, &vl))
		return false;
	*key = ax_strndup(k, kl);
	*value = ax_strndup(v, vl);
	return true;
}

int ax_config_file_check(const struct ax_config_file *f, char **err)
{
	for (size_t i = 0; i < f->n; i++) {
		char *key, *value;
		if (!ax_config_file_entry(f, i, &key, &value))
			continue;
		int k = ax_config_key_find(key);
		char why[128];
		if (k < 0) {
			const char *near = ax_suggest(key, ax_config_key_names, AX_CFG_NKEYS);
			*err = near ? ax_xasprintf("%s:%zu: unknown key '%s'; did you mean '%s'?", f->shown, i + 1, key, near)
				    : ax_xasprintf("%s:%zu: unknown key '%s' (see 'ax-config keys')", f->shown, i + 1, key);
		} else if (ax_config_check(k, value, why, sizeof why) < 0) {
			*err = ax_xasprintf("%s:%zu: invalid %s '%s': %s", f->shown, i + 1, key, value, why);
		}
		free(key);
		free(value);
		if (*err)
			return -1;
	}
	return 0;
}

static bool line_has_key(const char *line, const char *key)
{
	const char *k, *v;
	size_t kl, vl;
	return !is_comment_or_blank(line) && split_entry(line, &k, &kl, &v, &vl) && kl == strlen(key) &&
	       memcmp(k, key, kl) == 0;
}

/* "# key = ..." as `ax-config init` writes it. */
static bool line_is_template(const char *line, const char *key)
{
	const char *s = skip_space(line);
	if (*s != '#')
		return false;
	return line_has_key(s + 1, key);
}

static char *entry_line(const char *key, const char *value)
{
	return ax_xasprintf("%s = %s", key, value);
}

void ax_config_file_set(struct ax_config_file *f, const char *key, const char *value)
{
	size_t first = SIZE_MAX;
	for (size_t i = 0; i < f->n;) {
		if (!line_has_key(f->lines[i], key)) {
			i++;
		} else if (first == SIZE_MAX) {
			free(f->lines[i]);
			f->lines[i] = entry_line(key, value);
			first = i++;
		} else {
			remove_line(f, i);
		}
	}
	if (first != SIZE_MAX)
		return;
	for (size_t i = 0; i < f->n; i++)
		if (line_is_template(f->lines[i], key)) {
			insert_line(f, i + 1, entry_line(key, value));
			return;
		}
	push_line(f, entry_line(key, value));
}

void ax_config_file_add(struct ax_config_file *f, const char *key, const char *value)
{
	size_t after = SIZE_MAX;
	for (size_t i = 0; i < f->n; i++)
		if (line_has_key(f->lines[i], key) || (after == SIZE_MAX && line_is_template(f->lines[i], key)))
			after = i;
	if (after == SIZE_MAX)
		push_line(f, entry_line(key, value));
	else
		insert_line(f, after + 1, entry_line(key, value));
}

size_t ax_config_file_unset(struct ax_config_file *f, const char *key)
{
	size_t removed = 0;
	for (size_t i = 0; i < f->n;) {
		if (line_has_key(f->lines[i], key)) {
			remove_line(f, i);
			removed++;
		} else {
			i++;
		}
	}
	return removed;
}

/* mkdir -p of the directory part of `path`. */
static int make_parents(const char *path)
{
	char *dir = ax_strdup(path);
	int r = 0;
	for (char *p = dir + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(dir, 0755) != 0 && errno != EEXIST)
			r = -1;
		*p = '/';
	}
	free(dir);
	return r;
}

int ax_config_file_write(const struct ax_config_file *f, const char *path, char **err)
{
	if (make_parents(path) < 0) {
		*err = ax_xasprintf("cannot create the directory of %s: %s", f->shown, strerror(errno));
		return -1;
	}
	char *tmp = ax_xasprintf("%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "w");
	if (!fp) {
		*err = ax_xasprintf("cannot write %s: %s", f->shown, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	/* mkstemp makes it 0600; a config file is not a secret. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	for (size_t i = 0; i < f->n; i++)
		fprintf(fp, "%s\n", f->lines[i]);
	bool ok = fflush(fp) == 0 && fsync(fd) == 0;
	ok = fclose(fp) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		*err = ax_xasprintf("cannot write %s: %s", f->shown, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

void ax_config_file_free(struct ax_config_file *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->lines[i]);
	free(f->lines);
	free(f->shown);
	*f = (struct ax_config_file){ 0 };
}

/* ---- where the files are ---- */

/* The nearest directory at or above `start` holding `name`. */
static char *find_up(const char *start, const char *name, bool want_dir)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", start);
	for (;;) {
		char cand[PATH_MAX + 16];
		struct stat st;
		snprintf(cand, sizeof cand, "%s/%s", strcmp(dir, "/") ? dir : "", name);
		if (stat(cand, &st) == 0 && (!want_dir || S_ISDIR(st.st_mode)))
			return ax_strdup(dir);
		char *slash = strrchr(dir, '/');
		if (!slash || strcmp(dir, "/") == 0)
			return NULL;
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

char *ax_config_project_root_of(const char *dir)
{
	char *root = find_up(dir, ".ax", true);
	/* .git is a directory, or a file in a worktree or submodule. */
	return root ? root : find_up(dir, ".git", false);
}

char *ax_config_project_root(void)
{
	char cwd[PATH_MAX];
	return getcwd(cwd, sizeof cwd) ? ax_config_project_root_of(cwd) : NULL;
}

static char *join(const char *dir, const char *name)
{
	return ax_xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", name);
}

char *ax_config_project_path(void)
{
	char *root = ax_config_project_root();
	char *path = root ? join(root, ".ax/config") : NULL;
	free(root);
	return path;
}

char *ax_config_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg == '/')
		return join(xdg, "ax/config");
	return home && *home ? join(home, ".config/ax/config") : NULL;
}

/* ---- the effective settings ---- */

char *ax_config_shown_name(const char *path)
{
	char cwd[PATH_MAX];
	size_t n = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
	if (n && strncmp(path, cwd, n) == 0 && path[n] == '/')
		return ax_strdup(path + n + 1);
	return ax_strdup(path);
}

static int load_file(struct ax_config_file *f, const char *path, char **err)
{
	if (!path)
		return ax_config_file_parse(f, "", 0, "", err);
	char *shown = ax_config_shown_name(path);
	/* A file we may not read (another user's HOME) is not ours to
	 * judge: said, and left out, as flag files are. */
	if (access(path, R_OK) != 0 && errno == EACCES) {
		ax_warn("%s: %s; ignoring it", shown, strerror(errno));
		free(shown);
		return ax_config_file_parse(f, "", 0, "", err);
	}
	int r = ax_config_file_read(f, path, shown, err);
	free(shown);
	return r < 0 ? -1 : ax_config_file_check(f, err);
}

/* Does `value` (a PATH key's, relative to `root` or absolute) name a
 * place inside the project, reached without a symbolic link (a
 * repository can commit one pointing anywhere)? */
static bool inside_project(const char *root, const char *value)
{
	size_t n = strlen(root);
	const char *rel = value;
	if (value[0] == '/') {
		if (strncmp(value, root, n) != 0 || value[n] != '/')
			return false;
		rel = value + n + 1;
	}
	if (ax_path_check(rel, strlen(rel)))
		return false;
	char *path = join(root, rel);
	bool ok = true;
	/* Each component below the root, the last one too; one not there
	 * yet is no link. */
	for (char *p = path + strlen(path) - strlen(rel); ok;) {
		char *end = strchr(p, '/');
		if (end)
			*end = '\0';
		struct stat st;
		ok = !(lstat(path, &st) == 0 && S_ISLNK(st.st_mode));
		if (!end)
			break;
		*end = '/';
		p = end + 1;
	}
	free(path);
	return ok;
}

/* What a project's file may not decide (docs/config.md, "Trust"): a PATH
 * key naming a place outside the project. Refused with a note that the
 * key's reader prints (ax_config_refusal); the user's value or the
 * default stays. */
static bool refused(struct ax_config *c, const struct ax_config_file *f, size_t line, int k,
		    const char *value, const char *origin)
{
	if (strcmp(origin, "project") || ax_config_keys[k].type != AX_CFG_T_PATH || !*value ||
	    (c->root && inside_project(c->root, value)))
		return false;
	free(c->refused[k]);
	c->refused[k] = ax_xasprintf(
		"%s:%zu: %s = %s: refused: a project's config may not name a place outside the project "
		"(set it in your own config, %s%s or an option)", f->shown, line + 1, ax_config_keys[k].name,
		value, ax_config_keys[k].env ? "$" : "", ax_config_keys[k].env ? ax_config_keys[k].env : "");
	return true;
}

static void apply(struct ax_config *c, const struct ax_config_file *f, const char *origin)
{
	for (size_t i = 0; i < f->n; i++) {
		char *key, *value;
		if (!ax_config_file_entry(f, i, &key, &value))
			continue;
		int k = ax_config_key_find(key);
		free(key);
		if (refused(c, f, i, k, value, origin)) {
			free(value);
			continue;
		}
		if (ax_config_keys[k].type == AX_CFG_T_LIST) {
			c->list[k] = ax_realloc(c->list[k], (c->nlist[k] + 1) * sizeof *c->list[k]);
			c->list[k][c->nlist[k]++] = (struct ax_config_value){ value, origin };
		} else {
			free((char *)c->scalar[k].value);
			c->scalar[k] = (struct ax_config_value){ value, origin };
		}
	}
}

int ax_config_load(struct ax_config *c, char **err)
{
	*c = (struct ax_config){ 0 };
	*err = NULL;
	for (int k = 0; k < AX_CFG_NKEYS; k++)
		c->scalar[k] = (struct ax_config_value){ ax_strdup(ax_config_keys[k].def), "default" };
	char *user = ax_config_user_path();
	c->root = ax_config_project_root();
	char *project = c->root ? join(c->root, ".ax/config") : NULL;
	int r = load_file(&c->user, user, err);
	if (r == 0)
		r = load_file(&c->project, project, err);
	free(user);
	free(project);
	if (r < 0)
		return -1;
	apply(c, &c->user, "user");
	apply(c, &c->project, "project");
	for (int k = 0; k < AX_CFG_NKEYS; k++) {
		const char *env = ax_config_keys[k].env ? getenv(ax_config_keys[k].env) : NULL;
		char why[128];
		if (!env || !*env)
			continue;
		if (ax_config_check(k, env, why, sizeof why) < 0) {
			*err = ax_xasprintf("$%s: invalid %s '%s': %s", ax_config_keys[k].env, ax_config_keys[k].name,
				       env, why);
			return -1;
		}
		free((char *)c->scalar[k].value);
		c->scalar[k] = (struct ax_config_value){ ax_strdup(env), "env" };
	}
	return 0;
}

void ax_config_free(struct ax_config *c)
{
	for (int k = 0; k < AX_CFG_NKEYS; k++) {
		free((char *)c->scalar[k].value);
		for (size_t i = 0; i < c->nlist[k]; i++)
			free((char *)c->list[k][i].value);
		free(c->list[k]);
	}
	ax_config_file_free(&c->user);
	ax_config_file_free(&c->project);
	for (int k = 0; k < AX_CFG_NKEYS; k++)
		free(c->refused[k]);
	free(c->root);
	*c = (struct ax_config){ 0 };
}

const struct ax_config *ax_config(void)
{
	static struct ax_config c;
	static bool loaded;
	if (!loaded) {
		char *err = NULL;
		if (ax_config_load(&c, &err) < 0)
			ax_die(AX_EXIT_USAGE, "%s", err);
		loaded = true;
	}
	return &c;
}

const char *ax_config_refusal(enum ax_config_key key)
{
	static bool said[AX_CFG_NKEYS];
	const char *note = ax_config()->refused[key];
	if (!note || said[key])
		return NULL;
	said[key] = true;
	return note;
}

const char *ax_config_get(enum ax_config_key key)
{
	return ax_config()->scalar[key].value;
}

long long ax_config_number(enum ax_config_key key)
{
	const struct ax_config_keydef *k = &ax_config_keys[key];
	const char *v = ax_config_get(key);
	return k->type == AX_CFG_T_SIZE ? ax_parse_size(v, k->max) : ax_parse_count(v, k->min, k->max);
}

char *ax_config_joined(enum ax_config_key key)
{
	const struct ax_config *c = ax_config();
	size_t len = 1;
	for (size_t i = 0; i < c->nlist[key]; i++)
		len += strlen(c->list[key][i].value) + 1;
	char *s = ax_malloc(len), *p = s;
	for (size_t i = 0; i < c->nlist[key]; i++)
		p += sprintf(p, "%s\n", c->list[key][i].value);
	*p = '\0';
	return s;
}
