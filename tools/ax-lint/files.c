/* files.c: the indexed files to lint, restricted to the PATH arguments. */
#include "files.h"
#include "base/cli.h"
#include "base/pathcheck.h"
#include "index/db.h"
#include "base/relpath.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

char *path_under_root(const char *root, const char *arg)
{
	char *rel = ax_relpath_arg(root, arg);
	if (!rel)
		ax_die(AX_EXIT_USAGE, "%s: outside the indexed tree %s", arg, root);
	if (strcmp(rel, ".") == 0)
		*rel = '\0'; /* the root: every file */
	return rel;
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
