/* known.c: the index's files in an open-addressing table by path. */
#include "known.h"
#include "base/cli.h"
#include "index/db.h"
#include "index/dbpath.h"
#include "index/root.h"
#include "index/migrate.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

struct known {
	struct known_file *slots;
	size_t mask, n;
	char *git_head;
};

static size_t slot_of(const struct known *k, const char *path, size_t len)
{
	size_t i = (size_t)XXH3_64bits(path, len) & k->mask;
	while (k->slots[i].path && (k->slots[i].len != len || memcmp(k->slots[i].path, path, len)))
		i = (i + 1) & k->mask;
	return i;
}

/* Racy files: one changed in the same instant it was hashed keeps its
 * size and mtime; so a stored hash is trusted only for files whose mtime
 * is a little older than the load that stored it (as git does for its
 * index). */
#define RACY_SECONDS 2

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

struct known *known_load(const char *db_opt, const char *root)
{
	sqlite3 *db = open_index(db_opt);
	if (!db)
		return NULL;
	char *indexed_root = NULL, *err = NULL;
	int64_t n = 0;
	struct known *k = NULL;
	sqlite3_stmt *st = NULL;
	if (ax_schema_version(db, &err) < 2 ||
	    !(indexed_root = ax_db_root(db)) || strcmp(indexed_root, root) != 0) {
		if (db_opt)
			ax_warn("%s indexes %s, not %s: reading every file",
				db_opt, indexed_root ? indexed_root : "another tree", root);
		goto out;
	}
	if (ax_db_int(db, "SELECT count(*) FROM files", &n, &err) < 0 ||
	    ax_db_prepare(db, "SELECT path, size, mtime, hash, lang, indexed_at FROM files", &st, &err) < 0)
		goto out;
	k = ax_calloc(1, sizeof *k);
	if (ax_db_text(db, "SELECT value FROM meta WHERE key = 'git_head'", &k->git_head, &err) < 0) {
		free(err);
		err = NULL;
	}
	size_t cap = 16;
	while (cap < (size_t)n * 2)
		cap *= 2;
	k->slots = ax_calloc(cap, sizeof *k->slots);
	k->mask = cap - 1;
	while (sqlite3_step(st) == SQLITE_ROW && k->n < (size_t)n) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		int64_t mtime = sqlite3_column_int64(st, 2);
		if (mtime / 1000000000 + RACY_SECONDS > sqlite3_column_int64(st, 5))
			continue; /* racy: read it again */
		struct known_file *f = &k->slots[slot_of(k, path, len)];
		f->path = ax_strndup(path, len);
		f->len = len;
		f->size = sqlite3_column_int64(st, 1);
		f->mtime = mtime;
		f->hash = (uint64_t)sqlite3_column_int64(st, 3);
		f->lang = ax_lang_by_name((const char *)sqlite3_column_text(st, 4));
		k->n++;
	}
out:
	sqlite3_finalize(st);
	free(indexed_root);
	free(err);
	sqlite3_close(db);
	return k;
}

const struct known_file *known_match(const struct known *k, const char *path,
				     int64_t size, int64_t mtime)
{
	const struct known_file *f = &k->slots[slot_of(k, path, strlen(path))];
	return f->path && f->size == size && f->mtime == mtime ? f : NULL;
}

const char *known_git_head(const struct known *k)
{
	return k ? k->git_head : NULL;
}

size_t known_count(const struct known *k)
{
	return k ? k->n : 0;
}

void known_free(struct known *k)
{
	if (!k)
		return;
	for (size_t i = 0; i <= k->mask; i++)
		free((char *)k->slots[i].path);
	free(k->slots);
	free(k->git_head);
	free(k);
}
