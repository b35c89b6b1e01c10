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

struct tag {
	char *name, *kind, *scope;  /* scope: "class:Outer.Inner" or NULL */
	const char *path, *lang;    /* shared by the file's tags */
	char *text;                 /* the start of the line, or NULL: not readable */
	size_t offset;              /* etags: byte offset of the line */
	int line, end;
	bool whole;                 /* text is the whole line */
};

struct sym {                        /* what a scope is built from */
	int64_t id, parent;
	const char *name, *kind;
};

static int by_sym_id(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static const struct sym *find_sym(const struct sym *v, size_t n, int64_t id)
{
	struct sym key = { .id = id };
	return bsearch(&key, v, n, sizeof *v, by_sym_id);
}

/* "kind:Outer.Inner" of the enclosing symbols (the kind is the innermost
 * one's), or NULL at the top level. */
static char *scope_of(const struct sym *v, size_t n, int64_t parent)
{
	const struct sym *chain[64];
	size_t depth = 0;
	/* Innermost first; the bound also stops a cycle. */
	for (const struct sym *q = parent ? find_sym(v, n, parent) : NULL; q && depth < 64;
	     q = q->parent ? find_sym(v, n, q->parent) : NULL)
		chain[depth++] = q;
	if (!depth)
		return NULL;
	struct ax_strbuf b = { 0 };
	ax_strbuf_addf(&b, "%s:", chain[0]->kind);
	while (depth--)
		ax_strbuf_addf(&b, "%s%s", chain[depth]->name, depth ? "." : "");
	return b.s;
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
static void read_text(struct ctx *c, struct source *src, struct tag *t)
{
	size_t n, offset;
	const char *p = source_text(c, src, t->path, t->line, &n, &offset);
	if (!p)
		return;
	size_t keep = n;
	if (keep > PATTERN_MAX) {
		keep = PATTERN_MAX;
		while (keep > 0 && ((unsigned char)p[keep] & 0xc0) == 0x80)
			keep--;
	}
	t->text = ax_strndup(p, keep);
	t->whole = keep == n;
	t->offset = offset;
}

struct table {
	struct tag *v;
	size_t n;
};

static struct sym *load_syms(struct ctx *c, size_t *n)
{
	sqlite3_stmt *st = prep(c, "SELECT id, COALESCE(parent_id, 0), name, kind FROM symbols ORDER BY id");
	struct sym *v = NULL;
	size_t cap = 0;
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap)
			v = ax_realloc(v, (cap = cap ? 2 * cap : 4096) * sizeof *v);
		v[(*n)++] = (struct sym){ sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
					  ax_strdup((const char *)sqlite3_column_text(st, 2)),
					  ax_strdup((const char *)sqlite3_column_text(st, 3)) };
	}
	finish(c, st);
	return v;
}

/* Every definition, in path and line order (so each file is read once). */
static void load_tags(struct ctx *c, struct table *t)
{
	size_t nsyms;
	struct sym *syms = load_syms(c, &nsyms);
	sqlite3_stmt *st = prep(c, "SELECT s.name, s.kind, s.line, COALESCE(s.parent_id, 0), fl.path, fl.lang, s.end_line"
				   " FROM symbols s JOIN files fl ON fl.id = s.file_id"
				   " ORDER BY fl.path, s.line, s.col, s.id");
	struct source src = { 0 };
	size_t cap = 0;
	const char *path = NULL, *lang = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *p = (const char *)sqlite3_column_text(st, 4);
		if (!path || strcmp(path, p)) {
			path = ax_strdup(p);
			lang = ax_strdup((const char *)sqlite3_column_text(st, 5));
		}
		if (!taggable(name))
			continue;
		if (t->n == cap)
			t->v = ax_realloc(t->v, (cap = cap ? 2 * cap : 4096) * sizeof *t->v);
		struct tag *g = &t->v[t->n++];
		*g = (struct tag){ .name = ax_strdup(name), .path = path, .lang = lang,
				   .line = sqlite3_column_int(st, 2), .end = sqlite3_column_int(st, 6) };
		g->kind = ax_strdup((const char *)sqlite3_column_text(st, 1));
		g->scope = scope_of(syms, nsyms, sqlite3_column_int64(st, 3));
		if (!c->numbers || c->etags)
			read_text(c, &src, g);
	}
	finish(c, st);
	source_close(&src);
	for (size_t i = 0; i < nsyms; i++)
		free((char *)syms[i].name), free((char *)syms[i].kind);
	free(syms);
}

/* tags(5) order: byte order of the whole line, that is of the name, then
 * the file, then the address. */
static int by_name(const void *a, const void *b)
{
	const struct tag *x = a, *y = b;
	int d = strcmp(x->name, y->name);
	if (!d)
		d = strcmp(x->path, y->path);
	return d ? d : (x->line > y->line) - (x->line < y->line);
}

/* A field value: tab, newline and backslash escaped as tags(5) says. */
static void put_value(FILE *f, const char *s)
{
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
	for (const char *p = t->text; *p; p++) {
		if (*p == '/' || *p == '\\' || (*p == '$' && !p[1]))
			putc('\\', f);
		putc(*p, f);
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
		put_file(f, prefix, g->path);
		putc('\t', f);
		put_address(f, g);
		fputs(";\"\t", f);
		put_value(f, g->kind);
		fprintf(f, "\tline:%d\tend:%d\tlanguage:", g->line, g->end);
		put_value(f, g->lang);
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
		for (; j < t->n && t->v[j].path == t->v[i].path; j++) {
			const struct tag *g = &t->v[j];
			fprintf(sec, "%s\x7f%s\x01%d,%zu\n", g->text ? g->text : "", g->name, g->line,
				g->offset);
		}
		fclose(sec);
		fputs("\f\n", f);
		put_file(f, prefix, t->v[i].path);
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

int cmd_tags(struct ctx *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		ax_usage_error("tags takes no argument (-o FILE names the output)");
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
	for (size_t i = 0; i < t.n; i++)
		free(t.v[i].name), free(t.v[i].kind), free(t.v[i].scope), free(t.v[i].text);
	free(t.v);
	free(prefix), free(out);
	return AX_EXIT_OK;
}
