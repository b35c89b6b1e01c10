/* files.c: the indexed files to lint, restricted to the PATH arguments. */
#include "files.h"
#include "base/cli.h"
#include "index/db.h"
#include "base/relpath.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Append path `s` to the normalized absolute path `out`, resolving "."
 * and ".." by the letter (a file gone since indexing has no realpath). */
static void append_parts(char *out, size_t cap, const char *s)
{
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 2 && !strncmp(s, "..", 2)) {
			char *slash = strrchr(out, '/');
			if (slash)
				*slash = '\0';
		} else if (n && !(n == 1 && *s == '.')) {
			size_t len = strlen(out);
			if (len + n + 2 > cap)
				ax_die(AX_EXIT_USAGE, "path too long: %s", s);
			out[len] = '/';
			memcpy(out + len + 1, s, n);
			out[len + 1 + n] = '\0';
		}
		s += n;
		while (*s == '/')
			s++;
	}
}

char *path_under_root(const char *root, const char *arg)
{
	char abs[PATH_MAX] = "", want[PATH_MAX] = "";
	if (arg[0] != '/') {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd))
			ax_die(AX_EXIT_INTERNAL, "cannot tell the current directory");
		append_parts(abs, sizeof abs, cwd);
	}
	append_parts(abs, sizeof abs, arg);
	append_parts(want, sizeof want, root);
	size_t n = strlen(want);
	if (!strncmp(abs, want, n) && (abs[n] == '\0' || abs[n] == '/'))
		return ax_strdup(abs[n] ? abs + n + 1 : "");
	ax_die(AX_EXIT_USAGE, "%s: outside the indexed tree %s", arg, root);
}

static bool under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return n == 0 || (!strncmp(path, prefix, n) && (path[n] == '\0' || path[n] == '/'));
}

void targets_load(struct targets *t, sqlite3 *db, char *const *prefixes, size_t n, char *const *args)
{
	sqlite3_stmt *st;
	char *err = NULL;
	if (ax_db_prepare(db, "SELECT path, lang FROM files ORDER BY path", &st, &err) < 0)
		ax_die(AX_EXIT_INTERNAL, "reading the index: %s", err);
	bool *seen = ax_calloc(n ? n : 1, sizeof *seen);
	size_t cap = 0;
	t->v = NULL;
	t->n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		const char *why = ax_path_check(path, (size_t)sqlite3_column_bytes(st, 0));
		if (why) {  /* a crafted index: nothing outside the root is read */
			char shown[200];
			ax_warn("%s: index path refused: \"%s\": %s", ax_db_path(),
				ax_path_shown(path, (size_t)sqlite3_column_bytes(st, 0), shown, sizeof shown), why);
			continue;
		}
		bool take = n == 0;
		for (size_t i = 0; i < n; i++)
			if (under(path, prefixes[i]))
				take = seen[i] = true;
		if (!take)
			continue;
		if (t->n == cap)
			t->v = ax_realloc(t->v, (cap = cap ? cap * 2 : 256) * sizeof *t->v);
		t->v[t->n].path = ax_strdup(path);
		t->v[t->n].lang = ax_lang_by_name(lang ? lang : "");
		t->n++;
	}
	if (rc != SQLITE_DONE)
		ax_die(AX_EXIT_INTERNAL, "reading the index: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++)
		if (!seen[i])
			ax_die(AX_EXIT_USAGE, "%s: no indexed file there", args[i]);
	free(seen);
}

void targets_free(struct targets *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].path);
	free(t->v);
}
