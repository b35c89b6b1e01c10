/* load.c: one stream record at a time into the index (see load.h). */
#include "load.h"
#include "base/cli.h"
#include "base/pathcheck.h"
#include "base/strbuf.h"
#include "base/words.h"
#include "index/body.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What one record may put in the index: ax-parse caps its own text, but the
 * index must not trust a stream to be from ax-parse. Longer text is cut at
 * these many bytes. */
#define MAX_NAME 1024
#define MAX_TEXT 2048
#define WORDS_CAP 1024

enum stmt {
	SEL_FILE, INS_FILE, UPD_FILE, UPD_STAT, DEL_SYMS, DEL_IMPORTS, DEL_REFS,
	DEL_ERRORS, INS_SYM, INS_IMPORT, INS_REF, INS_ERROR, SEEN, DEL_UNSEEN,
	SET_META, SET_PARENT, ERR_SEEN, DEL_OLD_ERRORS, DEL_GONE, DEL_GONE_ERRORS, GRAPH_STALE,
	UNSEEN_NONE, NSTMT
};

static const char *const sql[NSTMT] = {
	[SEL_FILE] = "SELECT id, hash, size, mtime FROM files WHERE path = ?1",
	[INS_FILE] = "INSERT INTO files(path, lang, size, mtime, hash, path_words, nsyms, nerrors,"
		     " minified, truncated, indexed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[UPD_FILE] = "UPDATE files SET lang = ?2, size = ?3, mtime = ?4, hash = ?5, nsyms = ?7,"
		     " nerrors = ?8, minified = ?9, truncated = ?10, indexed_at = ?11 WHERE id = ?12",
	[UPD_STAT] = "UPDATE files SET size = ?1, mtime = ?2 WHERE id = ?3",
	[DEL_SYMS] = "DELETE FROM symbols WHERE file_id = ?1",
	[DEL_IMPORTS] = "DELETE FROM imports WHERE file_id = ?1",
	[DEL_REFS] = "DELETE FROM refs WHERE file_id = ?1",
	[DEL_ERRORS] = "DELETE FROM errors WHERE path = ?1 AND (?2 IS NULL OR stage = ?2)",
	[INS_SYM] = "INSERT INTO symbols(file_id, parent_id, name, name_words, kind, line, col,"
		    " end_line, end_col, signature, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[INS_IMPORT] = "INSERT INTO imports(file_id, raw, kind, line) VALUES (?1, ?2, ?3, ?4)",
	[INS_REF] = "INSERT INTO refs(file_id, name, kind, line, col, recv) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[INS_ERROR] = "INSERT INTO errors(file_id, path, stage, code, msg)"
		      " VALUES ((SELECT id FROM files WHERE path = ?1), ?1, ?2, ?3, ?4)",
	[SEEN] = "INSERT OR IGNORE INTO temp.seen(id) VALUES (?1)",
	/* ?1: the subtree scanned (end's `under`), NULL for the whole tree. */
	[DEL_UNSEEN] = "DELETE FROM files WHERE id NOT IN (SELECT id FROM temp.seen)"
		       " AND (?1 IS NULL OR (path > ?1 || '/' AND path < ?1 || '0'))",
	/* A value already there is not written again: a load that changes
	 * nothing writes nothing. */
	[SET_META] = "INSERT OR REPLACE INTO meta(key, value) SELECT ?1, ?2"
		     " WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = ?1 AND value IS ?2)",
	[SET_PARENT] = "UPDATE symbols SET parent_id = ?1 WHERE id = ?2",
	[ERR_SEEN] = "INSERT INTO temp.seen_errors(id) VALUES (last_insert_rowid())",
	/* Errors of files that are gone, and stream-wide errors of earlier runs. */
	[DEL_OLD_ERRORS] = "DELETE FROM errors WHERE file_id IS NULL"
			   " AND id NOT IN (SELECT id FROM temp.seen_errors)"
			   " AND (?1 IS NULL OR (path > ?1 || '/' AND path < ?1 || '0'))",
	/* The path and everything below it, by range so that the unique index
	 * on path serves it ('0' is the byte after '/'). */
	[DEL_GONE] = "DELETE FROM files WHERE path = ?1"
		     " OR (path > ?1 || '/' AND path < ?1 || '0')",
	[DEL_GONE_ERRORS] = "DELETE FROM errors WHERE file_id IS NULL AND (path = ?1"
			    " OR (path > ?1 || '/' AND path < ?1 || '0'))",
	/* The file set changed: imports must be resolved again (lib/resolve). */
	[GRAPH_STALE] = "DELETE FROM meta WHERE key = 'graph.current'",
	/* Every indexed file was seen when there are as many rows as seen ids
	 * (each seen id is a file row, unless a gone record deleted it). */
	[UNSEEN_NONE] = "SELECT count(*) FROM files",
};

void loader_db_die(sqlite3 *db, const char *what)
{
	ax_die(AX_EXIT_INTERNAL, "%s: %s", what, sqlite3_errmsg(db));
}

static void exec(struct loader *l, const char *q)
{
	if (sqlite3_exec(l->db, q, NULL, NULL, NULL) != SQLITE_OK)
		loader_db_die(l->db, q);
}

void loader_init(struct loader *l, sqlite3 *db, unsigned batch)
{
	memset(l, 0, sizeof *l);
	l->db = db;
	l->batch = batch ? batch : 1;
	l->now = (int64_t)time(NULL);
	/* The secondary indexes of symbols and refs take random inserts: a
	 * page cache of 64 MiB halves an incremental load's time. */
	exec(l, "PRAGMA cache_size = -65536");
	exec(l, "CREATE TEMP TABLE IF NOT EXISTS seen(id INTEGER PRIMARY KEY)");
	exec(l, "CREATE TEMP TABLE IF NOT EXISTS seen_errors(id INTEGER PRIMARY KEY)");
	for (int i = 0; i < NSTMT; i++)
		if (sqlite3_prepare_v3(db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &l->st[i], NULL) != SQLITE_OK)
			loader_db_die(db, "preparing the load statements");
}

void loader_free(struct loader *l)
{
	free(l->seen);
	for (int i = 0; i < NSTMT; i++)
		sqlite3_finalize(l->st[i]);
}

/* Statements that only read, or write only the temp tables. */
static bool writes_index(enum stmt s)
{
	return s != SEL_FILE && s != SEEN && s != ERR_SEEN && s != UNSEEN_NONE;
}

/* Runs a prepared statement to completion and resets it; remembers
 * whether it changed a row of the index. */
static void step(struct loader *l, enum stmt s)
{
	int rc = sqlite3_step(l->st[s]);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		loader_db_die(l->db, "writing the index");
	if (writes_index(s) && sqlite3_changes(l->db) > 0)
		l->wrote = true;
	sqlite3_reset(l->st[s]);
	sqlite3_clear_bindings(l->st[s]);
}

/* A file was added, replaced or deleted: the resolved imports are no
 * longer known to be current (said once per load, in the batch that
 * holds the first such change, so a kill keeps the two in step). */
static void files_changed(struct loader *l)
{
	if (l->files_changed)
		return;
	l->files_changed = true;
	step(l, GRAPH_STALE);
}

/* After a statement that deletes files: count them; the imports must be
 * resolved again, and in the bulk path the full-text rows already written
 * for them are stale. */
static void count_deleted(struct loader *l)
{
	uint64_t deleted = (uint64_t)sqlite3_changes(l->db);
	if (!deleted)
		return;
	l->n.deleted += deleted;
	files_changed(l);
	l->fts_stale |= l->bulk;
}

static void begin(struct loader *l)
{
	if (!l->in_txn) {
		/* IMMEDIATE: take the write lock now (waiting out the busy
		 * timeout) rather than fail half way through a batch. */
		exec(l, "BEGIN IMMEDIATE");
		l->in_txn = true;
	}
}

static void bulk_end(struct loader *l);
static void bulk_forget(struct loader *l);

/* An index deleted or replaced under the loader (rm -rf .ax, a copy moved
 * over it) would take the batch into a file nobody opens again: stop. The
 * WAL beside the path still holds our committed batches, which SQLite
 * would replay into a replacement: checkpoint them into our (unlinked)
 * file and empty it. */
static void check_not_moved(struct loader *l)
{
	int moved = 0;
	if (sqlite3_file_control(l->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK || !moved)
		return;
	sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(l->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	ax_die(AX_EXIT_INTERNAL, "the index %s was deleted or replaced during the load; stopped "
	       "(run again to load into the file there now)", sqlite3_db_filename(l->db, "main"));
}

void loader_commit(struct loader *l)
{
	if (l->in_txn && l->bulk)
		bulk_end(l);
	if (l->in_txn) {
		check_not_moved(l);
		exec(l, "COMMIT");
	}
	l->in_txn = false;
	l->in_batch = 0;
}

void loader_rollback(struct loader *l)
{
	if (l->in_txn)
		exec(l, "ROLLBACK");
	bulk_forget(l);
	l->in_txn = false;
	l->in_batch = 0;
}

/* A file is done: count it into the batch, commit when the batch is full. */
static void file_done(struct loader *l)
{
	if (++l->in_batch >= l->batch)
		loader_commit(l);
}

__attribute__((format(printf, 3, 4)))
static int bad(struct loader *l, const struct ax_record *rec, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(l->err, sizeof l->err, "record at byte %llu: ",
			 (unsigned long long)rec->offset);
	va_start(ap, fmt);
	vsnprintf(l->err + n, sizeof l->err - n, fmt, ap);
	va_end(ap);
	return -1;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s, size_t n, size_t cap)
{
	sqlite3_bind_text(st, i, s ? s : "", s ? (int)(n < cap ? n : cap) : 0, SQLITE_STATIC);
}

/* A string field (NULL, 0 when absent or not a string). */
static const char *str(const msgpack_object *map, const char *key, size_t *n)
{
	const char *s;
	if (ax_get_str(map, key, &s, n))
		return s;
	*n = 0;
	return NULL;
}

static int64_t num(const msgpack_object *map, const char *key, int64_t dflt)
{
	int64_t v;
	return ax_get_int(map, key, &v) ? v : dflt;
}

/* The stream's 16 hex digits as the index's signed 64-bit integer. */
static int parse_hash(const char *s, size_t n, int64_t *out)
{
	uint64_t v = 0;
	if (n != 16)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	memcpy(out, &v, sizeof v);
	return 0;
}

/* Seen file ids are bits in memory (one per id up to the largest), not
 * rows: an unchanged file then costs no insert. temp.seen is filled from
 * them only when files may have to be deleted. */
static void mark_seen(struct loader *l, int64_t id)
{
	size_t word = (size_t)id / 64;
	if (word >= l->seen_words) {
		size_t n = l->seen_words ? l->seen_words : 1024;
		while (n <= word)
			n *= 2;
		l->seen = ax_realloc(l->seen, n * sizeof *l->seen);
		memset(l->seen + l->seen_words, 0, (n - l->seen_words) * sizeof *l->seen);
		l->seen_words = n;
	}
	uint64_t bit = 1ull << (id % 64);
	l->nseen += !(l->seen[word] & bit);
	l->seen[word] |= bit;
}

static void fill_seen_table(struct loader *l)
{
	for (size_t w = 0; w < l->seen_words; w++)
		for (uint64_t bits = l->seen[w]; bits; bits &= bits - 1) {
			sqlite3_bind_int64(l->st[SEEN], 1, (int64_t)(w * 64 + (size_t)__builtin_ctzll(bits)));
			step(l, SEEN);
		}
}

/* The file's id, its stored hash, size and mtime; 0 if it is not indexed. */
static int64_t find_file(struct loader *l, const char *path, size_t n, int64_t *hash,
			 int64_t *size, int64_t *mtime)
{
	sqlite3_stmt *st = l->st[SEL_FILE];
	int64_t id = 0;
	sqlite3_bind_text(st, 1, path, (int)n, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*hash = sqlite3_column_int64(st, 1);
		*size = sqlite3_column_int64(st, 2);
		*mtime = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return id;
}

static void clear_file_rows(struct loader *l, int64_t id)
{
	static const enum stmt del[] = { DEL_SYMS, DEL_IMPORTS, DEL_REFS };
	for (size_t i = 0; i < sizeof del / sizeof del[0]; i++) {
		sqlite3_bind_int64(l->st[del[i]], 1, id);
		step(l, del[i]);
	}
}

static const msgpack_object_array *array(const msgpack_object *map, const char *key)
{
	const msgpack_object *v = ax_map_get(map, key);
	return v && v->type == MSGPACK_OBJECT_ARRAY ? &v->via.array : NULL;
}

/* The symbols that will be stored: those with a name. */
static int64_t named_symbols(const msgpack_object_array *syms)
{
	int64_t n = 0;
	for (uint32_t i = 0; syms && i < syms->size; i++) {
		size_t len;
		n += str(&syms->ptr[i], "name", &len) && len > 0;
	}
	return n;
}

/* The bulk path's symbols_fts rows of the symbols loaded since the last
 * fill, up to `last`, read back from the content view as a 'rebuild' would
 * read them (the load is the only writer: ids only grow). FTS5 writes a
 * segment at the end of every statement, so rows go in by the tens of
 * thousands, not file by file: a few dozen segments in all. symbols_stem
 * holds the body words, which need the whole load's refs and indexes: it
 * is built once at the end (bulk_end). */
#define FTS_FILL_ROWS 20000

static void fts_fill(struct loader *l, int64_t last, bool all)
{
	if (last < l->fts_from || (!all && last - l->fts_from < FTS_FILL_ROWS))
		return;
	sqlite3_bind_int64(l->fts_fill, 1, l->fts_from);
	sqlite3_bind_int64(l->fts_fill, 2, last);
	if (sqlite3_step(l->fts_fill) != SQLITE_DONE)
		loader_db_die(l->db, "filling the full-text index");
	sqlite3_reset(l->fts_fill);
	l->fts_from = last + 1;
}

/* Symbols in stream order; "parent" is an index into the same array. A
 * parent that comes later than its child is linked after all are in. */
static int insert_symbols(struct loader *l, const struct ax_record *rec, int64_t file_id,
			  const msgpack_object_array *syms)
{
	if (!syms)
		return 0;
	int64_t *ids = ax_calloc(syms->size, sizeof *ids);
	sqlite3_stmt *st = l->st[INS_SYM];
	char words[WORDS_CAP];
	int rc = 0;

	for (uint32_t i = 0; i < syms->size && rc == 0; i++) {
		const msgpack_object *s = &syms->ptr[i];
		size_t nname, nkind, nsig, ndoc;
		const char *name = str(s, "name", &nname), *kind = str(s, "kind", &nkind);
		if (!name || !kind) {
			rc = bad(l, rec, "symbol %u has no name or kind", i);
			break;
		}
		if (nname == 0)
			continue; /* an empty name (a JSON key "") cannot be searched for */
		const char *sig = str(s, "sig", &nsig), *doc = str(s, "doc", &ndoc);
		int64_t parent = num(s, "parent", -1);
		ax_split_words(name, nname < MAX_NAME ? nname : MAX_NAME, words, sizeof words);

		sqlite3_bind_int64(st, 1, file_id);
		if (parent >= 0 && parent < (int64_t)i && ids[parent])
			sqlite3_bind_int64(st, 2, ids[parent]);
		bind_text(st, 3, name, nname, MAX_NAME);
		sqlite3_bind_text(st, 4, words, -1, SQLITE_TRANSIENT);
		bind_text(st, 5, kind, nkind, 64);
		sqlite3_bind_int64(st, 6, num(s, "line", 0));
		sqlite3_bind_int64(st, 7, num(s, "col", 0));
		sqlite3_bind_int64(st, 8, num(s, "eline", num(s, "line", 0)));
		sqlite3_bind_int64(st, 9, num(s, "ecol", 0));
		bind_text(st, 10, sig, nsig, MAX_TEXT);
		bind_text(st, 11, doc, ndoc, MAX_TEXT);
		step(l, INS_SYM);
		ids[i] = sqlite3_last_insert_rowid(l->db);
	}
	for (uint32_t i = 0; i < syms->size && rc == 0; i++) {
		int64_t parent = num(&syms->ptr[i], "parent", -1);
		if (parent >= (int64_t)i && parent < (int64_t)syms->size && parent != (int64_t)i &&
		    ids[i] && ids[parent]) {
			sqlite3_bind_int64(l->st[SET_PARENT], 1, ids[parent]);
			sqlite3_bind_int64(l->st[SET_PARENT], 2, ids[i]);
			step(l, SET_PARENT);
		}
	}
	l->n.symbols += rc == 0 ? (uint64_t)named_symbols(syms) : 0;
	if (rc == 0 && l->bulk)
		fts_fill(l, sqlite3_last_insert_rowid(l->db), false);
	free(ids);
	return rc;
}

/* The body words (symbol_words, lib/index/body.h) of the file, from its
 * symbols and refs just written, or (file_id < 0) of every file: the bulk
 * path fills them all at its end, before it rebuilds symbols_stem. */
static void fill_body_words(struct loader *l, int64_t file_id)
{
	char *err = NULL;
	if (ax_body_words_fill(l->db, file_id, &err) < 0)
		ax_die(AX_EXIT_INTERNAL, "%s", err);
}

/* Imports ("raw") and references ("name") share a shape. */
static int insert_uses(struct loader *l, const struct ax_record *rec, int64_t file_id,
		       const msgpack_object_array *items, enum stmt s, const char *text_key)
{
	if (!items)
		return 0;
	sqlite3_stmt *st = l->st[s];
	for (uint32_t i = 0; i < items->size; i++) {
		const msgpack_object *it = &items->ptr[i];
		size_t ntext, nkind;
		const char *text = str(it, text_key, &ntext), *kind = str(it, "kind", &nkind);
		if (!text)
			return bad(l, rec, "%s %u has no \"%s\"", s == INS_REF ? "ref" : "import", i, text_key);
		sqlite3_bind_int64(st, 1, file_id);
		bind_text(st, 2, text, ntext, MAX_TEXT);
		bind_text(st, 3, kind, nkind, 64);
		sqlite3_bind_int64(st, 4, num(it, "line", 0));
		if (s == INS_REF) {
			size_t nrecv;
			const char *recv = str(it, "recv", &nrecv);
			sqlite3_bind_int64(st, 5, num(it, "col", 0));
			if (recv)
				bind_text(st, 6, recv, nrecv, MAX_TEXT);
			else
				sqlite3_bind_null(st, 6);
		}
		step(l, s);
	}
	return 0;
}

static void clear_errors(struct loader *l, const char *path, size_t n, const char *stage, size_t ns)
{
	sqlite3_stmt *st = l->st[DEL_ERRORS];
	sqlite3_bind_text(st, 1, path, (int)n, SQLITE_STATIC);
	if (stage)
		sqlite3_bind_text(st, 2, stage, (int)ns, SQLITE_STATIC);
	step(l, DEL_ERRORS);
}

/* One row of the errors table; counted as this run's (kept by a complete scan). */
static void insert_error(struct loader *l, const char *path, size_t npath, const char *stage, size_t nstage,
			 const char *code, size_t ncode, const char *msg, size_t nmsg)
{
	sqlite3_stmt *st = l->st[INS_ERROR];
	if (path)
		sqlite3_bind_text(st, 1, path, (int)npath, SQLITE_STATIC);
	bind_text(st, 2, stage, nstage, 64);
	bind_text(st, 3, code, ncode, 64);
	bind_text(st, 4, msg, nmsg, MAX_TEXT);
	step(l, INS_ERROR);
	step(l, ERR_SEEN);
	l->n.errors++;
}

/* A record whose path breaks the rule of docs/stream.md ("Paths") stores
 * nothing under that path: it becomes a stream-wide error row naming it,
 * and a warning. 1 if refused, 0 if the path is fine. */
static int refuse_path(struct loader *l, const struct ax_record *rec, const char *path, size_t npath)
{
	const char *why = ax_path_check(path, npath);
	if (!why)
		return 0;
	char shown[200], msg[400];
	ax_path_shown(path, npath, shown, sizeof shown);
	snprintf(msg, sizeof msg, "path refused: \"%s\": %s", shown, why);
	ax_warn("stdin: byte %llu: %.*s record: %s", (unsigned long long)rec->offset,
		(int)rec->type_len, rec->type, msg);
	begin(l);
	insert_error(l, NULL, 0, "load", 4, "badpath", 7, msg, strlen(msg));
	ax_note_error("load", "badpath");
	return 1;
}

/* A `parsed` record, or a `file` record (a file known with nothing
 * extracted, as when parsing is gated off). */
static int load_file(struct loader *l, const struct ax_record *rec, bool parsed)
{
	const msgpack_object *m = &rec->map;
	size_t npath, nlang, nhash;
	const char *path = str(m, "path", &npath), *lang = str(m, "lang", &nlang);
	const char *hex = str(m, "hash", &nhash);
	int64_t hash;
	if (!path)
		return bad(l, rec, "%s record without a path", parsed ? "parsed" : "file");
	if (refuse_path(l, rec, path, npath))
		return 0;
	if (!hex || parse_hash(hex, nhash, &hash) < 0)
		return bad(l, rec, "%.*s: hash is not 16 lowercase hex digits", (int)npath, path);

	begin(l);
	l->n.files++;
	int64_t old_hash = 0, old_size = 0, old_mtime = 0;
	int64_t id = find_file(l, path, npath, &old_hash, &old_size, &old_mtime);
	bool existed = id != 0;
	int64_t size = num(m, "size", id ? old_size : 0), mtime = num(m, "mtime", id ? old_mtime : 0);

	/* A "same" record (ax-scan --db) vouches for rows the index has; if
	 * the index changed since the scan read it, the record says nothing
	 * about the new rows and must not replace them with none. */
	bool same = false;
	if (!parsed && ax_get_bool(m, "same", &same) && same && !(id && old_hash == hash)) {
		if (id)
			mark_seen(l, id);
		file_done(l);
		return 0;
	}
	if (id && old_hash == hash) {
		/* Same bytes: keep the rows; a touched file only gets its stat. */
		if (size != old_size || mtime != old_mtime) {
			sqlite3_bind_int64(l->st[UPD_STAT], 1, size);
			sqlite3_bind_int64(l->st[UPD_STAT], 2, mtime);
			sqlite3_bind_int64(l->st[UPD_STAT], 3, id);
			step(l, UPD_STAT);
		}
		if (parsed)
			clear_errors(l, path, npath, "parse", 5);
		mark_seen(l, id);
		l->n.unchanged++;
		file_done(l);
		return 0;
	}

	/* Savepoint: a bad symbol halfway must not leave half a file. The
	 * bulk path needs none: a bad record rolls the whole load back. */
	if (!l->bulk)
		exec(l, "SAVEPOINT file");
	const msgpack_object_array *syms = parsed ? array(m, "syms") : NULL;
	char words[WORDS_CAP];
	bool flag;
	ax_split_words(path, npath, words, sizeof words);
	sqlite3_stmt *st = l->st[id ? UPD_FILE : INS_FILE];
	sqlite3_bind_text(st, 1, path, (int)npath, SQLITE_STATIC);
	bind_text(st, 2, lang, nlang, 64);
	sqlite3_bind_int64(st, 3, size);
	sqlite3_bind_int64(st, 4, mtime);
	sqlite3_bind_int64(st, 5, hash);
	sqlite3_bind_text(st, 6, words, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, named_symbols(syms));
	sqlite3_bind_int64(st, 8, num(m, "errors", 0));
	sqlite3_bind_int(st, 9, ax_get_bool(m, "minified", &flag) && flag);
	sqlite3_bind_int(st, 10, ax_get_bool(m, "truncated", &flag) && flag);
	sqlite3_bind_int64(st, 11, l->now);
	if (id) {
		sqlite3_bind_int64(st, 12, id);
		step(l, UPD_FILE);
		clear_file_rows(l, id);
		l->fts_stale = l->bulk;
	} else {
		step(l, INS_FILE);
		id = sqlite3_last_insert_rowid(l->db);
	}

	int rc = insert_symbols(l, rec, id, syms);
	if (rc == 0)
		rc = insert_uses(l, rec, id, parsed ? array(m, "imports") : NULL, INS_IMPORT, "raw");
	if (rc == 0)
		rc = insert_uses(l, rec, id, parsed ? array(m, "refs") : NULL, INS_REF, "name");
	if (rc == 0 && !l->bulk)
		fill_body_words(l, id);
	if (rc < 0 && !l->bulk)
		exec(l, "ROLLBACK TO file");
	if (!l->bulk)
		exec(l, "RELEASE file");
	if (rc < 0)
		return rc;
	files_changed(l);
	clear_errors(l, path, npath, parsed ? "parse" : NULL, parsed ? 5 : 0);
	mark_seen(l, id);
	if (existed)
		l->n.changed++;
	else
		l->n.added++;
	file_done(l);
	return 0;
}

/* An `err` record replaces that file's earlier errors of the same stage;
 * the file itself (if indexed) keeps its rows and counts as seen, since
 * it still exists. */
static int load_err(struct loader *l, const struct ax_record *rec)
{
	const msgpack_object *m = &rec->map;
	size_t npath, nstage, ncode, nmsg;
	const char *path = str(m, "path", &npath), *stage = str(m, "stage", &nstage);
	const char *code = str(m, "code", &ncode), *msg = str(m, "msg", &nmsg);
	if (!stage || !code)
		return bad(l, rec, "err record without stage or code");
	if (path && refuse_path(l, rec, path, npath))
		return 0;
	begin(l);
	if (path) {
		clear_errors(l, path, npath, stage, nstage);
		int64_t h, s, t, id = find_file(l, path, npath, &h, &s, &t);
		if (id)
			mark_seen(l, id);
	}
	insert_error(l, path, npath, stage, nstage, code, ncode, msg, nmsg);
	return 0;
}

/* A `gone` record: the path no longer exists, so the file, or every file
 * under the directory, leaves the index now, whatever the end record says. */
static int load_gone(struct loader *l, const struct ax_record *rec)
{
	size_t npath;
	const char *path = str(&rec->map, "path", &npath);
	if (!path)
		return bad(l, rec, "gone record without a path");
	if (refuse_path(l, rec, path, npath))
		return 0;
	begin(l);
	sqlite3_bind_text(l->st[DEL_GONE], 1, path, (int)npath, SQLITE_STATIC);
	step(l, DEL_GONE);
	count_deleted(l);
	sqlite3_bind_text(l->st[DEL_GONE_ERRORS], 1, path, (int)npath, SQLITE_STATIC);
	step(l, DEL_GONE_ERRORS);
	file_done(l);
	return 0;
}

int loader_record(struct loader *l, const struct ax_record *rec)
{
	if (ax_record_is(rec, "gone"))
		return load_gone(l, rec);
	if (ax_record_is(rec, "parsed"))
		return load_file(l, rec, true);
	if (ax_record_is(rec, "file"))
		return load_file(l, rec, false);
	if (ax_record_is(rec, "err"))
		return load_err(l, rec);
	return 0; /* hdr, end and unknown records change nothing here */
}

/* The bulk path: an empty index is filled in one transaction with the
 * secondary indexes of the per-file tables and the triggers that keep the
 * full-text tables (symbols_fts, symbols_stem) in step dropped; symbols_fts
 * rows are inserted as the files are loaded (fts_fill: the work overlaps
 * the parse upstream instead of following it), and at the end the indexes
 * are created again from their own SQL, the body words filled, symbols_stem
 * built and the full-text segments merged into one. Seven times faster
 * than row by row (docs/load.md); a kill rolls the whole load back to the
 * empty index. The delete and update triggers
 * go too: a path the stream names twice (two scans joined) is replaced,
 * and a full-text 'delete' of rows never inserted corrupts the full-text
 * index; such a replacement makes the full-text rows stale, and they are
 * then rebuilt whole at the end. */
static const char bulk_dropped[] =
	"SELECT sql, 'DROP ' || type || ' ' || name FROM sqlite_schema"
	" WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name IN ('symbols', 'refs', 'imports'))"
	"   OR (type = 'trigger' AND tbl_name IN ('symbols', 'files', 'symbol_words')))";

static const char *const fts_tables[2] = { "symbols_fts", "symbols_stem" };

/* FTS5's default 1 MiB of pending terms makes a load write and merge
 * thousands of small segments; 16 MiB makes it a few dozen (on the 10k
 * corpus subset, building symbols_fts 3.5 -> 2.0 CPU s). The setting is
 * stored in the table's config, so the default goes back at the end for
 * the incremental loads that follow. */
#define FTS_BULK_HASHSIZE (16 << 20)
#define FTS_HASHSIZE (1 << 20)

static void fts_command(struct loader *l, const char *table, const char *cmd, int value)
{
	char q[200];
	if (value)
		snprintf(q, sizeof q, "INSERT INTO %s(%s, rank) VALUES ('%s', %d)", table, table, cmd, value);
	else
		snprintf(q, sizeof q, "INSERT INTO %s(%s) VALUES ('%s')", table, table, cmd);
	exec(l, q);
}

/* INSERT INTO table(rowid, its columns) SELECT id, the same columns FROM
 * the content view: the columns are read from the table, so whatever
 * columns the full-text tables have (docs/schema.md), a file's rows are
 * what 'rebuild' would make of them. */
static sqlite3_stmt *fts_fill_stmt(struct loader *l, const char *table)
{
	sqlite3_stmt *st;
	struct ax_strbuf cols = { 0 };
	if (sqlite3_prepare_v2(l->db, "SELECT name FROM pragma_table_info(?1)", -1, &st, NULL) != SQLITE_OK)
		loader_db_die(l->db, "reading the full-text columns");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		ax_strbuf_addf(&cols, ", \"%s\"", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	char *q = ax_xasprintf("INSERT INTO %s(rowid%s) SELECT id%s FROM symbol_text WHERE id BETWEEN ?1 AND ?2",
			       table, cols.s ? cols.s : "", cols.s ? cols.s : "");
	if (sqlite3_prepare_v3(l->db, q, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		loader_db_die(l->db, q);
	free(q);
	free(cols.s);
	return st;
}

void loader_bulk_begin(struct loader *l, bool new_file)
{
	sqlite3_stmt *st;
	if (new_file) {
		/* Nobody opens this file before it is complete and renamed into
		 * place (main.c), so it needs no WAL and no syncs: pages go to
		 * the file once, not to the WAL and then again to the file. The
		 * journal, in memory, holds only pages that existed before the
		 * load (the schema), so that a broken stream still rolls back. */
		exec(l, "PRAGMA journal_mode = MEMORY");
		exec(l, "PRAGMA synchronous = OFF");
	}
	begin(l);
	if (sqlite3_prepare_v2(l->db, bulk_dropped, -1, &st, NULL) != SQLITE_OK)
		loader_db_die(l->db, "reading the schema");
	/* Two strings a row: the CREATE to run at the end, the DROP now
	 * (once the schema is no longer being read). */
	while (sqlite3_step(st) == SQLITE_ROW) {
		l->bulk_sql = ax_realloc(l->bulk_sql, (l->nbulk + 2) * sizeof *l->bulk_sql);
		l->bulk_sql[l->nbulk++] = ax_strdup((const char *)sqlite3_column_text(st, 0));
		l->bulk_sql[l->nbulk++] = ax_strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	for (size_t i = 1; i < l->nbulk; i += 2)
		exec(l, l->bulk_sql[i]);
	for (int i = 0; i < 2; i++)
		fts_command(l, fts_tables[i], "hashsize", FTS_BULK_HASHSIZE);
	l->fts_fill = fts_fill_stmt(l, "symbols_fts");
	l->fts_from = 1;
	l->batch = UINT_MAX;
	l->bulk = true;
}

/* The dropped indexes (triggers false) or triggers made again. */
static void bulk_create(struct loader *l, bool triggers)
{
	for (size_t i = 0; i < l->nbulk; i += 2)
		if ((strncmp(l->bulk_sql[i], "CREATE TRIGGER", 14) == 0) == triggers)
			exec(l, l->bulk_sql[i]);
}

static void bulk_forget(struct loader *l)
{
	for (size_t i = 0; i < l->nbulk; i++)
		free(l->bulk_sql[i]);
	free(l->bulk_sql);
	l->bulk_sql = NULL;
	l->nbulk = 0;
	sqlite3_finalize(l->fts_fill);
	l->fts_fill = NULL;
	l->bulk = false;
}

static void bulk_end(struct loader *l)
{
	fts_fill(l, INT64_MAX, true);
	/* The body words read each file's symbols and refs through the
	 * indexes, and go in before the triggers, which would index each
	 * symbol again; symbols_stem, which holds them, is built after. */
	bulk_create(l, false);
	fill_body_words(l, -1);
	bulk_create(l, true);
	if (l->fts_stale)
		fts_command(l, "symbols_fts", "rebuild", 0);
	fts_command(l, "symbols_stem", "rebuild", 0);
	/* Many segments would be merged by the first later write, inside
	 * that load (100 changed files: 2.2 s and 160 MB instead of 0.65 s
	 * and 27 MB on a 6k-file index). Merge them now into one, which
	 * queries read fastest too. */
	for (int i = 0; i < 2; i++) {
		fts_command(l, fts_tables[i], "optimize", 0);
		fts_command(l, fts_tables[i], "hashsize", FTS_HASHSIZE);
	}
	l->fts_stale = false;
	bulk_forget(l);
}

bool loader_index_empty(struct loader *l)
{
	sqlite3_stmt *st;
	bool empty;
	if (sqlite3_prepare_v2(l->db, "SELECT NOT EXISTS (SELECT 1 FROM files)", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		loader_db_die(l->db, "reading the index");
	empty = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return empty;
}

/* Was every indexed file seen? Two counts instead of reading every file
 * row: the no-change path of a big index. */
static bool none_unseen(struct loader *l)
{
	sqlite3_stmt *st = l->st[UNSEEN_NONE];
	bool none = sqlite3_step(st) == SQLITE_ROW && (uint64_t)sqlite3_column_int64(st, 0) == l->nseen;
	sqlite3_reset(st);
	return none;
}

void loader_delete_unseen(struct loader *l, const char *under)
{
	begin(l);
	if (under || l->n.deleted || !none_unseen(l)) {
		fill_seen_table(l);
		sqlite3_bind_text(l->st[DEL_UNSEEN], 1, under, -1, SQLITE_STATIC);
		step(l, DEL_UNSEEN);
		count_deleted(l);
	}
	sqlite3_bind_text(l->st[DEL_OLD_ERRORS], 1, under, -1, SQLITE_STATIC);
	step(l, DEL_OLD_ERRORS);
}

void loader_meta(struct loader *l, const char *key, const char *text, int64_t n)
{
	begin(l);
	sqlite3_bind_text(l->st[SET_META], 1, key, -1, SQLITE_STATIC);
	if (text)
		sqlite3_bind_text(l->st[SET_META], 2, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(l->st[SET_META], 2, n);
	step(l, SET_META);
}
