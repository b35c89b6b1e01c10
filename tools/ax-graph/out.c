/* out.c: files and edges as JSON Lines, Graphviz dot or Mermaid, and the
 * file arguments of the commands. */
#include "graph.h"
#include "base/cli.h"
#include "base/relpath.h"
#include "base/json.h"
#include "index/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sqlite3_stmt *prep(struct ctx *c, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
		ax_die(AX_EXIT_INTERNAL, "querying the index: %s", sqlite3_errmsg(c->db));
	return st;
}

void finish(struct ctx *c, sqlite3_stmt *st)
{
	if (sqlite3_finalize(st) != SQLITE_OK) {
		const char *msg = sqlite3_errmsg(c->db);
		ax_die(AX_EXIT_INTERNAL, "reading the index: %s%s", msg, ax_db_damage_hint(msg));
	}
}

static const char *json_root;

void json_set_root(const char *root)
{
	json_root = root;
}

void json_end(void)
{
	ax_json_print_member("root", json_root);
	fputs("}\n", stdout);
}

/* Mermaid node ids must be plain words: number the files as they come. */
static char **seen;
static size_t nseen;

static size_t node_id(const char *path)
{
	for (size_t i = 0; i < nseen; i++)
		if (!strcmp(seen[i], path))
			return i;
	seen = ax_realloc(seen, (nseen + 1) * sizeof *seen);
	seen[nseen] = ax_strdup(path);
	size_t id = nseen++;
	printf("  n%zu[\"", id);
	for (const char *p = path; *p; p++)
		fputs(*p == '"' ? "#quot;" : (char[2]){ *p, 0 }, stdout);
	printf("\"]\n");
	return id;
}

static void dot_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

void out_begin(struct ctx *c)
{
	if (c->fmt == FMT_DOT)
		printf("digraph ax {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
	else if (c->fmt == FMT_MERMAID)
		printf("graph LR\n");
}

void out_edge(struct ctx *c, const char *from, const char *to)
{
	if (c->fmt == FMT_DOT) {
		printf("  ");
		dot_str(from);
		printf(" -> ");
		dot_str(to);
		printf(";\n");
	} else if (c->fmt == FMT_MERMAID) {
		size_t a = node_id(from), b = node_id(to);
		printf("  n%zu --> n%zu\n", a, b);
	} else if (c->fmt == FMT_JSON) {
		printf("{\"from\":");
		ax_json_print_str(from);
		printf(",\"to\":");
		ax_json_print_str(to);
		json_end();
	}
}

void out_end(struct ctx *c)
{
	if (c->fmt == FMT_DOT)
		printf("}\n");
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	seen = NULL, nseen = 0;
}

char *file_path(struct ctx *c, int64_t id)
{
	/* kept prepared: closures print thousands of paths */
	if (!c->path_st)
		c->path_st = prep(c, "SELECT path FROM files WHERE id = ?1");
	sqlite3_bind_int64(c->path_st, 1, id);
	char *p = sqlite3_step(c->path_st) == SQLITE_ROW ? ax_strdup((const char *)sqlite3_column_text(c->path_st, 0))
							 : ax_strdup("?");
	sqlite3_reset(c->path_st);
	return p;
}

static int64_t exact(struct ctx *c, const char *path)
{
	sqlite3_stmt *st = prep(c, "SELECT id FROM files WHERE path = ?1");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return id;
}

int64_t file_arg(struct ctx *c, const char *arg)
{
	const char *a = arg;
	while (a[0] == '.' && a[1] == '/')
		a += 2;
	/* Relative to the current directory inside the root, as git reads
	 * it; from outside the root, as stored. */
	char *rel = c->root ? ax_relpath_arg(c->root, arg) : NULL;
	int64_t id = exact(c, rel ? rel : a);
	free(rel);
	if (id >= 0)
		return id;
	/* A unique suffix at a directory boundary. */
	sqlite3_stmt *st = prep(c, "SELECT id, path FROM files WHERE path LIKE '%/' || ?1 ESCAPE '\\' ORDER BY path LIMIT 11");
	char *pat = ax_malloc(strlen(a) * 2 + 1), *q = pat;
	for (const char *p = a; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*q++ = '\\';
		*q++ = *p;
	}
	*q = '\0';
	sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC);
	int n = 0;
	char *cand[11];
	while (n < 11 && sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		cand[n++] = ax_strdup((const char *)sqlite3_column_text(st, 1));
	}
	if (n >= 2) {
		ax_error("'%s' matches several files:", arg);
		for (int i = 0; i < n; i++)
			fprintf(stderr, "  %s\n", i == 10 ? "..." : cand[i]);
	}
	for (int i = 0; i < n; i++)
		free(cand[i]);
	sqlite3_finalize(st);
	free(pat);
	if (n == 1)
		return id;
	if (n == 0)
		ax_die(AX_EXIT_USAGE, "%s: not in the index", arg);
	ax_exit(AX_EXIT_USAGE);
}
