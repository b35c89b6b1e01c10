/* outline.c: `outline FILE`, the definitions of one file from the index,
 * nested by parent (as `ctags -x FILE` and `global -f` list them). */
#include "graph.h"
#include "base/cli.h"
#include "base/json.h"
#include "base/shown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Depth comes from the parent chain (a recursive walk from the top-level
 * symbols); source order puts each child under its parent. */
static const char outline_sql[] =
	"WITH RECURSIVE t(id, depth) AS ("
	" SELECT id, 0 FROM symbols WHERE file_id = ?1 AND parent_id IS NULL"
	" UNION ALL SELECT s.id, t.depth + 1 FROM symbols s JOIN t ON s.parent_id = t.id)"
	" SELECT s.name, s.kind, s.line, s.col, s.end_line, t.depth, p.name"
	" FROM t JOIN symbols s ON s.id = t.id LEFT JOIN symbols p ON p.id = s.parent_id"
	" ORDER BY s.line, s.col, t.depth, s.id";

static void outline_json(sqlite3_stmt *st, const char *path)
{
	printf("{\"path\":");
	ax_json_print_str(path);
	printf(",\"name\":");
	ax_json_print_str((const char *)sqlite3_column_text(st, 0));
	printf(",\"kind\":");
	ax_json_print_str((const char *)sqlite3_column_text(st, 1));
	printf(",\"line\":%d,\"col\":%d,\"end_line\":%d,\"depth\":%d,\"parent\":",
	       sqlite3_column_int(st, 2), sqlite3_column_int(st, 3) + 1, sqlite3_column_int(st, 4),
	       sqlite3_column_int(st, 5));
	if (sqlite3_column_type(st, 6) == SQLITE_NULL)
		printf("null");
	else
		ax_json_print_str((const char *)sqlite3_column_text(st, 6));
	json_end();
}

int cmd_outline(struct ctx *c, char **argv)
{
	int64_t id = file_arg(c, argv[0]);
	char *path = file_path(c, id);
	sqlite3_stmt *st = prep(c, outline_sql);
	sqlite3_bind_int64(st, 1, id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		n++;
		if (c->fmt == FMT_JSON) {
			outline_json(st, path);
			continue;
		}
		/* LINE  KIND  NAME, the name indented two spaces per level. */
		printf("%6d  %-10s %*s%s\n", sqlite3_column_int(st, 2),
		       (const char *)sqlite3_column_text(st, 1), 2 * sqlite3_column_int(st, 5), "",
		       ax_shown((const char *)sqlite3_column_text(st, 0)));
	}
	finish(c, st);
	free(path);
	return n ? AX_EXIT_OK : AX_EXIT_NONE;
}
