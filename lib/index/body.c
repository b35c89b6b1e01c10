/* body.c: the words of each definition's body (see body.h). */
#include "index/body.h"
#include "base/cli.h"
#include "base/strbuf.h"
#include "base/words.h"
#include "index/db.h"

#include <stdlib.h>
#include <string.h>

/* Definitions walked back from a reference's line to find the innermost
 * one holding it (past a class's many one-line fields): a bound on the
 * work of one reference; a reference past it counts for nothing. */
#define WALK_MAX 256

struct sym {
	int64_t id, parent;
	int line, end;
	char *name_words;
	struct ax_strbuf words;
	int nwords;
};

struct filler {
	sqlite3 *db;
	sqlite3_stmt *syms, *refs, *ins;
	struct sym *v;
	size_t n, cap;
};

static const char *const fill_sql[] = {
	"SELECT id, parent_id, line, end_line, name_words FROM symbols WHERE file_id = ?1 "
	"ORDER BY line, id",
	"SELECT name, line FROM refs WHERE file_id = ?1",
	"INSERT INTO symbol_words(id, words) VALUES (?1, ?2)",
};

/* Is `w` (n bytes) one of the space-separated words of `list`? */
static bool has_word(const char *list, size_t len, const char *w, size_t n)
{
	for (const char *p = list, *end = list + len; p + n <= end; p++) {
		p = memmem(p, (size_t)(end - p), w, n);
		if (!p)
			return false;
		if ((p == list || p[-1] == ' ') && (p + n == end || p[n] == ' '))
			return true;
	}
	return false;
}

/* One word of a reference into the symbol's list: two letters or more,
 * not a number, not already a word of its name or of the list. */
static void add_word(struct sym *s, const char *w, size_t n)
{
	if (n < 2 || s->nwords >= AX_BODY_WORDS_MAX || strspn(w, "0123456789") >= n ||
	    has_word(s->name_words, strlen(s->name_words), w, n) ||
	    has_word(s->words.s ? s->words.s : "", s->words.n, w, n))
		return;
	if (s->nwords++)
		ax_strbuf_add(&s->words, " ", 1);
	ax_strbuf_add(&s->words, w, n);
}

/* The innermost symbol whose lines hold `line` (the last to start at or
 * before it that has not ended), or -1. */
static long innermost(const struct filler *f, int line)
{
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->v[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo, walked = 0; k > 0 && walked < WALK_MAX; k--, walked++)
		if (f->v[k - 1].end >= line)
			return (long)(k - 1);
	return -1;
}

static void add_ref(struct filler *f, const char *name, int nname, int line)
{
	long i = innermost(f, line);
	if (i < 0 || f->v[i].nwords >= AX_BODY_WORDS_MAX)
		return;
	char words[512];
	size_t len = ax_split_words(name, (size_t)nname, words, sizeof words);
	for (char *w = words, *end = words + len; w < end;) {
		char *sp = memchr(w, ' ', (size_t)(end - w));
		size_t n = sp ? (size_t)(sp - w) : (size_t)(end - w);
		add_word(&f->v[i], w, n);
		w += n + 1;
	}
}

static const struct sym *by_id(const struct filler *f, int64_t id)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].id == id)
			return &f->v[i];
	return NULL;
}

static void clear_syms(struct filler *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name_words);
		free(f->v[i].words.s);
	}
	f->n = 0;
}

static int fail(struct filler *f, char **err)
{
	return ax_db_err(err, "filling symbol_words: %s", sqlite3_errmsg(f->db));
}

/* The parent's name words first (`Class.method`), for a definition that
 * has a body of its own: the words of one file's symbols written. */
static int write_words(struct filler *f, char **err)
{
	struct ax_strbuf b = { 0 };
	int rc = 0;
	for (size_t i = 0; i < f->n && rc == 0; i++) {
		struct sym *s = &f->v[i];
		if (!s->nwords)
			continue;
		const struct sym *p = s->parent ? by_id(f, s->parent) : NULL;
		b.n = 0;
		if (p && *p->name_words)
			ax_strbuf_addf(&b, "%s ", p->name_words);
		ax_strbuf_add(&b, s->words.s, s->words.n);
		sqlite3_bind_int64(f->ins, 1, s->id);
		sqlite3_bind_text(f->ins, 2, b.s, (int)b.n, SQLITE_STATIC);
		rc = sqlite3_step(f->ins) == SQLITE_DONE ? 0 : fail(f, err);
		sqlite3_reset(f->ins);
	}
	free(b.s);
	return rc;
}

static int fill_file(struct filler *f, int64_t file_id, char **err)
{
	clear_syms(f);
	sqlite3_bind_int64(f->syms, 1, file_id);
	while (sqlite3_step(f->syms) == SQLITE_ROW) {
		if (f->n == f->cap)
			f->v = ax_realloc(f->v, (f->cap = f->cap ? 2 * f->cap : 64) * sizeof *f->v);
		const char *nw = (const char *)sqlite3_column_text(f->syms, 4);
		f->v[f->n++] = (struct sym){
			.id = sqlite3_column_int64(f->syms, 0),
			.parent = sqlite3_column_int64(f->syms, 1),
			.line = sqlite3_column_int(f->syms, 2),
			.end = sqlite3_column_int(f->syms, 3),
			.name_words = ax_strdup(nw ? nw : ""),
		};
	}
	if (sqlite3_reset(f->syms) != SQLITE_OK)
		return fail(f, err);
	if (f->n == 0)
		return 0;
	/* Innermost by line: a parent's span holds its children's, and
	 * the children start later, so the walk back meets them first. */
	sqlite3_bind_int64(f->refs, 1, file_id);
	while (sqlite3_step(f->refs) == SQLITE_ROW)
		add_ref(f, (const char *)sqlite3_column_text(f->refs, 0), sqlite3_column_bytes(f->refs, 0),
			sqlite3_column_int(f->refs, 1));
	if (sqlite3_reset(f->refs) != SQLITE_OK)
		return fail(f, err);
	return write_words(f, err);
}

int ax_body_words_fill(sqlite3 *db, int64_t file_id, char **err)
{
	struct filler f = { .db = db };
	sqlite3_stmt **st[] = { &f.syms, &f.refs, &f.ins };
	int rc = 0;
	for (size_t i = 0; i < sizeof st / sizeof *st && rc == 0; i++)
		rc = ax_db_prepare(db, fill_sql[i], st[i], err);
	if (rc == 0 && file_id >= 0) {
		rc = fill_file(&f, file_id, err);
	} else if (rc == 0) {
		sqlite3_stmt *files = NULL;
		rc = ax_db_prepare(db, "SELECT id FROM files ORDER BY id", &files, err);
		while (rc == 0 && sqlite3_step(files) == SQLITE_ROW)
			rc = fill_file(&f, sqlite3_column_int64(files, 0), err);
		sqlite3_finalize(files);
	}
	clear_syms(&f);
	free(f.v);
	for (size_t i = 0; i < sizeof st / sizeof *st; i++)
		sqlite3_finalize(*st[i]);
	return rc;
}
