/* known.c: what the index holds about each file, by path. */
#include "known.h"
#include "base/cli.h"
#include "index/db.h"
#include "index/dbpath.h"
#include "index/root.h"
#include "index/migrate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Two ways to know: a scan of a whole tree reads every stored file once
 * into a table by path; one that names its files (--stdin, --changed: an
 * ax watch round, a few paths) looks each one up in the index instead,
 * which costs nothing per indexed file. */
struct known {
	/* The table: entries, their paths in one arena, and open-addressing
	 * slots holding an entry's index + 1 and 32 bits of its path's hash
	 * (most probes then touch no entry). */
	struct known_file *files;
	char *arena;
	struct slot { uint32_t entry, tag; } *slots;
	size_t mask, n;
	/* The lookup: one statement, run by one thread at a time (the
	 * connection is single-threaded). */
	sqlite3 *db;
	sqlite3_stmt *by_path;
	pthread_mutex_t mu;
	char *git_head;
};

/* Racy files: one changed in the same instant it was hashed keeps its
 * size and mtime; so a stored hash is trusted only for files whose mtime
 * is a little older than the load that stored it (as git does for its
 * index). */
#define RACY_SECONDS 2

static bool racy(int64_t mtime, int64_t indexed_at)
{
	return mtime / 1000000000 + RACY_SECONDS > indexed_at;
}

static sqlite3 *open_index(const char *db_opt)
{
	if (db_opt)
		return ax_db_open(db_opt, AX_DB_READ);
	/* The hint table is optional: an index that cannot be used (or is
	 * refused, lib/index/objects.c) means every file is read. */
	char *path = ax_db_find(NULL), *err = NULL;
	int version;
	sqlite3 *db = path ? ax_db_open_path(path, AX_DB_READ, &version, &err) : NULL;
	free(path);
	free(err);
	return db;
}

/* The slot of `path` (hash h): its own, or the empty one where it goes. */
static struct slot *slot_of(const struct known *k, const char *path, size_t len, uint64_t h)
{
	uint32_t tag = (uint32_t)(h >> 32);
	for (size_t i = (size_t)h & k->mask;; i = (i + 1) & k->mask) {
		struct slot *s = &k->slots[i];
		if (!s->entry)
			return s;
		const struct known_file *f = &k->files[s->entry - 1];
		if (s->tag == tag && f->len == len && !memcmp(f->path, path, len))
			return s;
	}
}

#define KNOWN_COLUMNS "path, size, mtime, hash, lang, indexed_at"

static void row_to_file(sqlite3_stmt *st, struct known_file *f)
{
	f->size = sqlite3_column_int64(st, 1);
	f->mtime = sqlite3_column_int64(st, 2);
	f->hash = (uint64_t)sqlite3_column_int64(st, 3);
	f->lang = ax_lang_by_name((const char *)sqlite3_column_text(st, 4));
}

static int load_table(struct known *k, sqlite3 *db, char **err)
{
	int64_t n = 0;
	sqlite3_stmt *st;
	if (ax_db_int(db, "SELECT count(*) FROM files", &n, err) < 0 ||
	    ax_db_prepare(db, "SELECT " KNOWN_COLUMNS " FROM files", &st, err) < 0)
		return -1;
	size_t cap = 16, used = 0, room = 1 << 16;
	while (cap < (size_t)n * 2)
		cap *= 2;
	k->slots = ax_calloc(cap, sizeof *k->slots);
	k->mask = cap - 1;
	k->files = ax_malloc(((size_t)n + 1) * sizeof *k->files);
	k->arena = ax_malloc(room);
	size_t *offset = ax_malloc(((size_t)n + 1) * sizeof *offset);
	while (sqlite3_step(st) == SQLITE_ROW && k->n < (size_t)n) {
		if (racy(sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 5)))
			continue; /* read it again */
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		if (used + len + 1 > room) {
			while (used + len + 1 > room)
				room *= 2;
			k->arena = ax_realloc(k->arena, room);
		}
		memcpy(k->arena + used, sqlite3_column_blob(st, 0), len);
		k->arena[used + len] = '\0';
		struct known_file *f = &k->files[k->n];
		row_to_file(st, f);
		f->len = len;
		offset[k->n++] = used;
		used += len + 1;
	}
	sqlite3_finalize(st);
	/* The arena moved as it grew: paths are placed once it is whole. */
	for (size_t i = 0; i < k->n; i++) {
		struct known_file *f = &k->files[i];
		f->path = k->arena + offset[i];
		uint64_t h = XXH3_64bits(f->path, f->len);
		struct slot *s = slot_of(k, f->path, f->len, h);
		*s = (struct slot){ (uint32_t)i + 1, (uint32_t)(h >> 32) };
	}
	free(offset);
	return 0;
}

struct known *known_load(const char *db_opt, const char *root, bool lookup)
{
	sqlite3 *db = open_index(db_opt);
	if (!db)
		return NULL;
	char *indexed_root = NULL, *err = NULL;
	struct known *k = NULL;
	if (ax_schema_version(db, &err) < 2 ||
	    !(indexed_root = ax_db_root(db)) || strcmp(indexed_root, root) != 0) {
		if (db_opt)
			ax_warn("%s indexes %s, not %s: reading every file",
				db_opt, indexed_root ? indexed_root : "another tree", root);
		goto out;
	}
	k = ax_calloc(1, sizeof *k);
	if (ax_db_text(db, "SELECT value FROM meta WHERE key = 'git_head'", &k->git_head, &err) < 0) {
		free(err);
		err = NULL;
	}
	if (lookup) {
		if (ax_db_prepare(db, "SELECT " KNOWN_COLUMNS " FROM files WHERE path = ?1", &k->by_path,
				  &err) < 0) {
			known_free(k);
			k = NULL;
			goto out;
		}
		pthread_mutex_init(&k->mu, NULL);
		k->db = db;
		db = NULL;
	} else if (load_table(k, db, &err) < 0) {
		known_free(k);
		k = NULL;
	}
out:
	free(indexed_root);
	free(err);
	sqlite3_close(db);
	return k;
}

/* The lookup: the row of `path`, if any, in *out. */
static bool look_up(struct known *k, const char *path, size_t len, struct known_file *out)
{
	pthread_mutex_lock(&k->mu);
	sqlite3_stmt *st = k->by_path;
	sqlite3_bind_text(st, 1, path, (int)len, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW && !racy(sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 5));
	if (found)
		row_to_file(st, out);
	sqlite3_reset(st);
	pthread_mutex_unlock(&k->mu);
	return found;
}

bool known_match(struct known *k, const char *path, int64_t size, int64_t mtime, struct known_file *out)
{
	size_t len = strlen(path);
	if (k->by_path) {
		if (!look_up(k, path, len, out))
			return false;
	} else {
		struct slot *s = slot_of(k, path, len, XXH3_64bits(path, len));
		if (!s->entry)
			return false;
		*out = k->files[s->entry - 1];
	}
	return out->size == size && out->mtime == mtime;
}

const char *known_git_head(const struct known *k)
{
	return k ? k->git_head : NULL;
}

void known_free(struct known *k)
{
	if (!k)
		return;
	if (k->by_path) {
		sqlite3_finalize(k->by_path);
		pthread_mutex_destroy(&k->mu);
	}
	sqlite3_close(k->db);
	free(k->slots);
	free(k->files);
	free(k->arena);
	free(k->git_head);
	free(k);
}
