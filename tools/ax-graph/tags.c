/* tags.c: `tags`, a tags file for editors written from the index: the
 * universal-ctags extended format (tags(5)) that vim, Neovim and readtags
 * read, or with -e the etags TAGS format of Emacs. No file is parsed again:
 * only the lines of the definitions are read, one file at a time, for the
 * search patterns (--numbers skips even that). */
#include "graph.h"
#include "base/cli.h"
#include "base/strbuf.h"
#include "telemetry/hooks.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Pattern text kept per tag, as universal-ctags' --pattern-length-limit
 * default: a minified line must not make a megabyte-long tag. */
#define PATTERN_MAX 96

struct file {
	int64_t id;
	const char *path, *lang;
	size_t rank;                /* place in path order */
};

struct tag {
	const char *name, *kind, *scope;  /* scope: "class:Outer.Inner" or NULL */
	const struct file *file;
	const char *text;           /* the start of the line, or NULL: not read */
	size_t offset;              /* etags: byte offset of the line */
	int line, end;
	bool whole;                 /* text is the whole line */
};

struct sym {                        /* what a scope is built from */
	int64_t id, parent;
	const char *name, *kind;
};

/* The strings of every tag, in blocks that never move: the index's
 * hundreds of thousands of names cost a few allocations and one free. */
#define ARENA_BLOCK (1u << 20)

struct arena {
	char **blocks;
	size_t n;
	char *at;
	size_t left;
};

static const char *arena_dup(struct arena *a, const char *s, size_t n)
{
	if (n + 1 > a->left) {
		size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;
		a->blocks = ax_realloc(a->blocks, (a->n + 1) * sizeof *a->blocks);
		a->at = a->blocks[a->n++] = ax_malloc(size);
		a->left = size;
	}
	char *p = a->at;
	memcpy(p, s, n);
	p[n] = '\0';
	a->at += n + 1;
	a->left -= n + 1;
	return p;
}

static const char *arena_col(struct arena *a, sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	return arena_dup(a, t ? t : "", (size_t)sqlite3_column_bytes(st, col));
}

static void arena_free(struct arena *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->blocks[i]);
	free(a->blocks);
}

static int by_sym_id(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_file_id(const void *a, const void *b)
{
	const struct file *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static const struct sym *find_sym(const struct sym *v, size_t n, int64_t id)
{
	struct sym key = { .id = id };
	return id ? bsearch(&key, v, n, sizeof *v, by_sym_id) : NULL;
}

/* "kind:Outer.Inner" of the enclosing symbols (the kind is the innermost
 * one's), or NULL at the top level. */
static const char *scope_of(struct arena *a, const struct sym *v, size_t n, int64_t parent)
{
	const struct sym *chain[64];
	size_t depth = 0;
	/* Innermost first; the bound also stops a cycle. */
	for (const struct sym *q = find_sym(v, n, parent); q && depth < 64; q = find_sym(v, n, q->parent))
		chain[depth++] = q;
	if (!depth)
		return NULL;
	struct ax_strbuf b = { 0 };
	ax_strbuf_addf(&b, "%s:", chain[0]->kind);
	while (depth--)
		ax_strbuf_addf(&b, "%s%s", chain[depth]->name, depth ? "." : "");
	const char *scope = arena_dup(a, b.s, b.n);
	free(b.s);
	return scope;
}

/* A name vi can hold: no control character (a tab ends the field), and
 * not the "!_" of the header lines. */
static bool taggable(const char *name)
{
	if (!*name || (name[0] == '!' && name[1] == '_'))
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* The start of the tag's line, cut at PATTERN_MAX bytes on a character
 * boundary. */
static void read_text(struct ctx *c, struct arena *a, struct source *src, struct tag *t)
{
	size_t n, offset;
	const char *p = source_text(c, src, t->file->path, t->line, &n, &offset);
	if (!p)
		return;
	size_t keep = n;
	if (keep > PATTERN_MAX) {
		keep = PATTERN_MAX;
		while (keep > 0 && ((unsigned char)p[keep] & 0xc0) == 0x80)
			keep--;
	}
	t->text = arena_dup(a, p, keep);
	t->whole = keep == n;
	t->offset = offset;
}

struct table {
	struct tag *v;
	size_t n;
	struct file *files;
	size_t nfiles;
	struct arena strings;
};

static int by_path(const void *a, const void *b)
{
	const struct file *x = *(const struct file *const *)a, *y = *(const struct file *const *)b;
	return strcmp(x->path, y->path);
}

/* The files by id, each with its rank in path order. */
static void load_files(struct ctx *c, struct table *t)
{
	sqlite3_stmt *st = prep(c, "SELECT id, path, lang FROM files ORDER BY id");
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (t->nfiles == cap)
			t->files = ax_realloc(t->files, (cap = cap ? 2 * cap : 1024) * sizeof *t->files);
		t->files[t->nfiles++] = (struct file){ sqlite3_column_int64(st, 0),
						       arena_col(&t->strings, st, 1), arena_col(&t->strings, st, 2), 0 };
	}
	finish(c, st);
	struct file **order = ax_malloc((t->nfiles + 1) * sizeof *order);
	for (size_t i = 0; i < t->nfiles; i++)
		order[i] = &t->files[i];
	qsort(order, t->nfiles, sizeof *order, by_path);
	for (size_t i = 0; i < t->nfiles; i++)
		order[i]->rank = i;
	free(order);
}

static const struct file *find_file(const struct table *t, int64_t id)
{
	struct file key = { .id = id };
	return bsearch(&key, t->files, t->nfiles, sizeof key, by_file_id);
}

static int by_place(const void *a, const void *b)
{
	const struct tag *x = a, *y = b;
	if (x->file->rank != y->file->rank)
		return x->file->rank < y->file->rank ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Every definition in one pass over the symbols (rowid order: no sort in
 * SQL), then the lines of the patterns read in path and line order, so
 * each file is read once and forward. */
static void load_tags(struct ctx *c, struct table *t)
{
	load_files(c, t);
	sqlite3_stmt *st = prep(c, "SELECT id, COALESCE(parent_id, 0), name, kind, line, end_line, file_id"
				   " FROM symbols ORDER BY id");
	struct sym *syms = NULL;
	int64_t *parents = NULL;
	size_t nsyms = 0, cap = 0, tcap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nsyms == cap)
			syms = ax_realloc(syms, (cap = cap ? 2 * cap : 4096) * sizeof *syms);
		struct sym *y = &syms[nsyms++];
		*y = (struct sym){ sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
				   arena_col(&t->strings, st, 2), arena_col(&t->strings, st, 3) };
		const struct file *f = find_file(t, sqlite3_column_int64(st, 6));
		if (!f || !taggable(y->name))
			continue;
		if (t->n == tcap) {
			tcap = tcap ? 2 * tcap : 4096;
			t->v = ax_realloc(t->v, tcap * sizeof *t->v);
			parents = ax_realloc(parents, tcap * sizeof *parents);
		}
		parents[t->n] = y->parent;
		t->v[t->n++] = (struct tag){ .name = y->name, .kind = y->kind, .file = f,
					     .line = sqlite3_column_int(st, 4), .end = sqlite3_column_int(st, 5) };
	}
	finish(c, st);
	for (size_t i = 0; i < t->n; i++)
		t->v[i].scope = scope_of(&t->strings, syms, nsyms, parents[i]);
	free(syms), free(parents);
	if (c->numbers && !c->etags)
		return;
	qsort(t->v, t->n, sizeof *t->v, by_place);
	struct source src = { 0 };
	for (size_t i = 0; i < t->n; i++)
		read_text(c, &t->strings, &src, &t->v[i]);
	source_close(&src);
}

/* tags(5) order: byte order of the whole line, that is of the name, then
 * the file, then the address. */
static int by_name(const void *a, const void *b)
{
	const struct tag *x = a, *y = b;
	int d = strcmp(x->name, y->name);
	return d ? d : by_place(x, y);
}

/* A field value: tab, newline and backslash escaped as tags(5) says. */
static void put_value(FILE *f, const char *s)
{
	if (!s[strcspn(s, "\\\t\n")]) {
		fputs(s, f);   /* the common case: nothing to escape */
		return;
	}
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			putc(*s, f);
	}
}

/* The address: /^text$/ with / and \ escaped as ctags escapes them (and
 * a '$' that ends the text, which vim would take for the anchor), or the
 * line number when the line could not be read. */
static void put_address(FILE *f, const struct tag *t)
{
	if (!t->text) {
		fprintf(f, "%d", t->line);
		return;
	}
	fputs("/^", f);
	for (const char *p = t->text; *p;) {
		size_t n = strcspn(p, "/\\$");
		fwrite(p, 1, n, f);
		if (!*(p += n))
			break;
		if (*p != '$' || !p[1])
			putc('\\', f);
		putc(*p++, f);
	}
	fputs(t->whole ? "$/" : "/", f);
}

static void put_file(FILE *f, const char *prefix, const char *path)
{
	if (prefix)
		fprintf(f, "%s/", prefix);
	fputs(path, f);
}

static void write_ctags(FILE *f, struct table *t, const char *prefix)
{
	qsort(t->v, t->n, sizeof *t->v, by_name);
	fputs("!_TAG_FILE_FORMAT\t2\t/extended format; --format=1 will not append ;\" to lines/\n"
	      "!_TAG_FILE_SORTED\t1\t/0=unsorted, 1=sorted, 2=foldcase/\n"
	      "!_TAG_OUTPUT_EXCMD\tmixed\t/number, pattern, mixed, or combineV2/\n"
	      "!_TAG_OUTPUT_FILESEP\tslash\t/slash or backslash/\n"
	      "!_TAG_OUTPUT_MODE\tu-ctags\t/u-ctags or e-ctags/\n"
	      "!_TAG_PROGRAM_NAME\tax\t/written from the index by ax tags/\n"
	      "!_TAG_PROGRAM_VERSION\t" AX_VERSION "\t//\n", f);
	for (size_t i = 0; i < t->n; i++) {
		const struct tag *g = &t->v[i];
		fprintf(f, "%s\t", g->name);
		put_file(f, prefix, g->file->path);
		putc('\t', f);
		put_address(f, g);
		fputs(";\"\t", f);
		put_value(f, g->kind);
		fprintf(f, "\tline:%d\tend:%d\tlanguage:", g->line, g->end);
		put_value(f, g->file->lang);
		if (g->scope) {
			putc('\t', f);
			put_value(f, g->scope);
		}
		putc('\n', f);
	}
}

/* etags: per file, a form feed, "path,size" and one line per tag:
 * text DEL name SOH line,offset (the size counts the tag lines' bytes). */
static void write_etags(FILE *f, const struct table *t, const char *prefix)
{
	char *buf = NULL;
	size_t len = 0;
	for (size_t i = 0; i < t->n;) {
		FILE *sec = open_memstream(&buf, &len);
		size_t j = i;
		for (; j < t->n && t->v[j].file == t->v[i].file; j++) {
			const struct tag *g = &t->v[j];
			fprintf(sec, "%s\x7f%s\x01%d,%zu\n", g->text ? g->text : "", g->name, g->line,
				g->offset);
		}
		fclose(sec);
		fputs("\f\n", f);
		put_file(f, prefix, t->v[i].file->path);
		fprintf(f, ",%zu\n", len);
		fwrite(buf, 1, len, f);
		free(buf);
		i = j;
	}
}

/* The directory part of `path` ("." for none), resolved. */
static char *real_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? ax_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : ax_strdup(".");
	char *real = realpath(dir, NULL);
	free(dir);
	return real;
}

/* Paths in a tags file are relative to its directory: the root's own
 * tags file holds the index's paths as they are, any other absolute ones
 * (vim then finds the files from anywhere). */
static char *path_prefix(struct ctx *c, const char *out)
{
	if (!c->root || !strcmp(out, "-"))
		return NULL;
	char *dir = real_dir(out), *root = realpath(c->root, NULL);
	char *prefix = dir && root && strcmp(dir, root) ? ax_strdup(root) : NULL;
	free(dir), free(root);
	return prefix;
}

static void write_tags(FILE *f, struct ctx *c, struct table *t, const char *prefix)
{
	if (c->etags)
		write_etags(f, t, prefix);
	else
		write_ctags(f, t, prefix);
}

/* Written beside the target and renamed over it: an editor reading the
 * old file never sees half of the new one. */
static void write_atomically(struct ctx *c, struct table *t, const char *out, const char *prefix)
{
	char *tmp = ax_xasprintf("%s.XXXXXX", out);
	int fd = mkstemp(tmp);
	if (fd < 0)
		ax_die(AX_EXIT_USAGE, "%s: cannot write here: %s", out, strerror(errno));
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	FILE *f = fdopen(fd, "w");
	static char buf[1 << 16];
	setvbuf(f, buf, _IOFBF, sizeof buf);
	write_tags(f, c, t, prefix);
	bool ok = fflush(f) == 0 && !ferror(f);
	int err = errno;
	if (fclose(f) != 0 && ok)
		ok = false, err = errno;
	if (ok && rename(tmp, out) != 0)
		ok = false, err = errno;
	if (!ok) {
		unlink(tmp);
		ax_die(AX_EXIT_INTERNAL, "%s: writing the tags file failed: %s", out, strerror(err));
	}
	free(tmp);
}

int cmd_tags(struct ctx *c)
{
	const char *name = c->etags ? "TAGS" : "tags";
	char *out = c->output ? ax_strdup(c->output)
		  : c->root ? ax_xasprintf("%s/%s", c->root, name) : ax_strdup(name);
	char *prefix = path_prefix(c, out);
	struct table t = { 0 };
	load_tags(c, &t);
	if (!strcmp(out, "-")) {
		write_tags(stdout, c, &t, prefix);
	} else {
		write_atomically(c, &t, out, prefix);
		fprintf(stderr, "ax-graph: %zu tags written to %s\n", t.n, out);
	}
	ax_hooks_count("results", t.n);
	free(t.v), free(t.files);
	arena_free(&t.strings);
	free(prefix), free(out);
	return AX_EXIT_OK;
}
