/* graph.h: what the commands of ax-graph share: the open index, the output
 * format and the writers for nodes and edges in each format. */
#ifndef AX_GRAPH_H
#define AX_GRAPH_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum format { FMT_TEXT, FMT_JSON, FMT_DOT, FMT_MERMAID };

struct ctx {
	sqlite3 *db;
	enum format fmt;
	int depth;          /* --depth, -1: unlimited */
	bool reverse;       /* closure --reverse */
	bool external;      /* deps --external */
	const char *output; /* tags -o FILE ("-": stdout), or NULL */
	bool etags;         /* tags -e: Emacs TAGS format */
	bool numbers;       /* tags --numbers: line numbers, no patterns */
	const char *lang;   /* --lang, canonical name, or NULL */
	const char *file;   /* --file: pick a definition in this file */
	const char *root;   /* --root or the index's meta root, or NULL */
	sqlite3_stmt *path_st; /* file_path()'s statement */
};

/* A file argument as stored in the index: exact, relative to the current
 * directory inside the root, or a unique path suffix. Dies (status 2) with
 * the candidates when it is ambiguous or unknown. */
int64_t file_arg(struct ctx *c, const char *arg);
char *file_path(struct ctx *c, int64_t id); /* malloc'd */

/* Graph output (dot, mermaid, and the edge objects of --json). */
void out_begin(struct ctx *c);
void out_edge(struct ctx *c, const char *from, const char *to);
void out_end(struct ctx *c);
/* Ends a --json line of a file or symbol: `"root"`, the index's root, then
 * `}` (paths in JSON stay relative to it; docs/graph.md). */
void json_set_root(const char *root);
void json_end(void);

sqlite3_stmt *prep(struct ctx *c, const char *sql);
/* Finalize a statement read to its end; an error (a damaged index) dies. */
void finish(struct ctx *c, sqlite3_stmt *st);

/* Source lines of indexed files, read from disk under the root. */
struct source {
	char *path, *buf;   /* the file held, and its text (NULL: unreadable) */
	const char *at;     /* the start of line `line` in buf */
	int line;
};
/* Line `line` of `path`, leading and trailing blanks trimmed (*n bytes, not
 * NUL-terminated), or NULL when the file or the line cannot be read. */
const char *source_line(struct ctx *c, struct source *s, const char *path, int line, size_t *n);
/* Line `line` untrimmed (without its line end), and the byte offset of its
 * start in the file. */
const char *source_text(struct ctx *c, struct source *s, const char *path, int line, size_t *n,
			size_t *offset);
void source_close(struct source *s);

/* The commands; main.c has checked the count of operands in argv. */
int cmd_deps(struct ctx *c, char **argv, bool reverse);
int cmd_closure(struct ctx *c, char **argv);
int cmd_cycles(struct ctx *c);
int cmd_path(struct ctx *c, char **argv);
int cmd_orphans(struct ctx *c);
int cmd_stats(struct ctx *c);
int cmd_refs(struct ctx *c, char **argv);
int cmd_calls(struct ctx *c, char **argv, bool callers);
int cmd_outline(struct ctx *c, char **argv);
int cmd_tags(struct ctx *c);

#endif
