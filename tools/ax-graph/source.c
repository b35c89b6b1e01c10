/* source.c: the text of a line of an indexed file, read from disk when a
 * query shows it (as `global -x` and `grep -n` do). The index stores no
 * source text: a line per reference would cost more than the references
 * themselves (docs/graph.md). References come sorted by file and line, so
 * one file is held at a time and scanned forward. */
#include "graph.h"
#include "base/cli.h"
#include "base/readall.h"
#include "base/pathcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOURCE_MAX (64u << 20)   /* larger files show no line */

void source_close(struct source *s)
{
	free(s->path), free(s->buf);
	*s = (struct source){ 0 };
}

/* Hold `path` (relative to the root); false if it cannot be read. */
static bool source_open(struct ctx *c, struct source *s, const char *path)
{
	if (s->path && strcmp(s->path, path) == 0)
		return s->buf != NULL;
	source_close(s);
	s->path = ax_strdup(path);
	if (ax_path_check(path, strlen(path)))
		return false;   /* not a path inside the root (docs/stream.md) */
	char *full = NULL;
	if (c->root) {
		full = ax_malloc(strlen(c->root) + strlen(path) + 2);
		sprintf(full, "%s/%s", c->root, path);
	}
	size_t len;
	if (ax_read_file(full ? full : path, SOURCE_MAX, &s->buf, &len) != 0)
		s->buf = NULL;
	free(full);
	s->at = s->buf;
	s->line = 1;
	return s->buf != NULL;
}

const char *source_text(struct ctx *c, struct source *s, const char *path, int line, size_t *n,
			size_t *offset)
{
	if (!source_open(c, s, path) || line < 1)
		return NULL;
	if (line < s->line) {
		s->at = s->buf;
		s->line = 1;
	}
	while (s->line < line) {
		const char *nl = strchr(s->at, '\n');
		if (!nl)
			return NULL;   /* the file is shorter than when it was indexed */
		s->at = nl + 1;
		s->line++;
	}
	*offset = (size_t)(s->at - s->buf);
	size_t len = strcspn(s->at, "\n");
	if (len > 0 && s->at[len - 1] == '\r')
		len--;
	*n = len;
	return s->at;
}

const char *source_line(struct ctx *c, struct source *s, const char *path, int line, size_t *n)
{
	size_t len, offset;
	const char *p = source_text(c, s, path, line, &len, &offset);
	if (!p)
		return NULL;
	while (len > 0 && (*p == ' ' || *p == '\t'))
		p++, len--;
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	*n = len;
	return p;
}
