/* test_migrate.c: the migration engine with test-only migration lists:
 * the built-in ones, then a table rebuild by SQLite's 12-step procedure
 * (3), a data transform in C (4) and one that cannot be undone (5). */
#include "index/db.h"
#include "index/migrate.h"
#include "index/objects_built.h"
#include "test.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xxhash.h>

/* 3: files gets a `generated` column in the middle and a stricter lang:
 * only a rebuild can do that. The view over files and the triggers on it
 * and on symbols (which read files) are dropped and made again (12-step,
 * steps 3, 8, 9). */
#define FILES_TRIGGERS_DROP \
	"DROP VIEW symbol_text;\n" \
	"DROP TRIGGER symbols_ai; DROP TRIGGER symbols_ad; DROP TRIGGER symbols_au;\n"
#define FILES_TRIGGERS_MAKE \
	"CREATE INDEX files_lang ON files(lang);\n" \
	"CREATE VIEW symbol_text AS SELECT s.id AS id, s.name AS name, s.name_words AS name_words,\n" \
	"  f.path_words AS path_words, s.signature AS signature, s.doc AS doc\n" \
	"  FROM symbols s JOIN files f ON f.id = s.file_id;\n" \
	"CREATE TRIGGER symbols_ai AFTER INSERT ON symbols BEGIN\n" \
	"  INSERT INTO symbols_fts(rowid, name, name_words, path_words, signature, doc)\n" \
	"  SELECT new.id, new.name, new.name_words, f.path_words, new.signature, new.doc\n" \
	"  FROM files f WHERE f.id = new.file_id; END;\n" \
	"CREATE TRIGGER symbols_ad AFTER DELETE ON symbols BEGIN\n" \
	"  INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc)\n" \
	"  SELECT 'delete', old.id, old.name, old.name_words, f.path_words, old.signature, old.doc\n" \
	"  FROM files f WHERE f.id = old.file_id; END;\n" \
	"CREATE TRIGGER symbols_au AFTER UPDATE ON symbols BEGIN\n" \
	"  INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc)\n" \
	"  SELECT 'delete', old.id, old.name, old.name_words, f.path_words, old.signature, old.doc\n" \
	"  FROM files f WHERE f.id = old.file_id;\n" \
	"  INSERT INTO symbols_fts(rowid, name, name_words, path_words, signature, doc)\n" \
	"  SELECT new.id, new.name, new.name_words, f.path_words, new.signature, new.doc\n" \
	"  FROM files f WHERE f.id = new.file_id; END;\n" \
	"CREATE TRIGGER files_bd BEFORE DELETE ON files BEGIN\n" \
	"  INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc)\n" \
	"  SELECT 'delete', s.id, s.name, s.name_words, old.path_words, s.signature, s.doc\n" \
	"  FROM symbols s WHERE s.file_id = old.id; END;\n" \
	"CREATE TRIGGER files_au_words AFTER UPDATE OF path_words ON files\n" \
	"WHEN old.path_words IS NOT new.path_words BEGIN\n" \
	"  INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc)\n" \
	"  SELECT 'delete', s.id, s.name, s.name_words, old.path_words, s.signature, s.doc\n" \
	"  FROM symbols s WHERE s.file_id = new.id;\n" \
	"  INSERT INTO symbols_fts(rowid, name, name_words, path_words, signature, doc)\n" \
	"  SELECT s.id, s.name, s.name_words, new.path_words, s.signature, s.doc\n" \
	"  FROM symbols s WHERE s.file_id = new.id; END;\n"
#define FILES_COLS "id, path, lang, size, mtime, hash, path_words, nsyms, nerrors, minified, truncated, indexed_at"
#define FILES_TABLE(name, extra, langcheck) \
	"CREATE TABLE " name " (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,\n" \
	"  lang TEXT NOT NULL" langcheck ", " extra "size INTEGER NOT NULL CHECK (size >= 0),\n" \
	"  mtime INTEGER NOT NULL, hash INTEGER NOT NULL, path_words TEXT NOT NULL DEFAULT '',\n" \
	"  nsyms INTEGER NOT NULL DEFAULT 0, nerrors INTEGER NOT NULL DEFAULT 0,\n" \
	"  minified INTEGER NOT NULL DEFAULT 0 CHECK (minified IN (0, 1)),\n" \
	"  truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),\n" \
	"  indexed_at INTEGER NOT NULL) STRICT;\n"

static const char rebuild_up[] =
	FILES_TRIGGERS_DROP
	FILES_TABLE("new_files", "generated INTEGER NOT NULL DEFAULT 0, ", " CHECK (lang <> '')")
	"INSERT INTO new_files (" FILES_COLS ") SELECT " FILES_COLS " FROM files;\n"
	"DROP TABLE files;\n"
	"ALTER TABLE new_files RENAME TO files;\n"
	FILES_TRIGGERS_MAKE;

static const char rebuild_down[] =
	FILES_TRIGGERS_DROP
	FILES_TABLE("new_files", "", "")
	"INSERT INTO new_files (" FILES_COLS ") SELECT " FILES_COLS " FROM files;\n"
	"DROP TABLE files;\n"
	"ALTER TABLE new_files RENAME TO files;\n"
	FILES_TRIGGERS_MAKE;

/* The same rebuild, but it loses a file whose symbols stay: orphans. */
static const char rebuild_lossy[] =
	FILES_TRIGGERS_DROP
	FILES_TABLE("new_files", "", "")
	"INSERT INTO new_files (" FILES_COLS ") SELECT " FILES_COLS " FROM files WHERE id <> 3;\n"
	"DROP TABLE files;\n"
	"ALTER TABLE new_files RENAME TO files;\n"
	FILES_TRIGGERS_MAKE;

/* 4: files per language into meta, counted in C. */
static int count_langs(sqlite3 *db, char **err)
{
	sqlite3_stmt *rd, *wr;
	if (ax_db_prepare(db, "SELECT lang FROM files ORDER BY lang", &rd, err) < 0)
		return -1;
	if (ax_db_prepare(db, "INSERT INTO meta (key, value) VALUES ('files.' || ?, ?)", &wr, err) < 0) {
		sqlite3_finalize(rd);
		return -1;
	}
	char last[64] = "";
	long n = 0;
	int rc = 0;
	for (;;) {
		int step = sqlite3_step(rd);
		const char *lang = step == SQLITE_ROW ? (const char *)sqlite3_column_text(rd, 0) : "";
		if (n && strcmp(lang, last) != 0) {
			sqlite3_bind_text(wr, 1, last, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(wr, 2, n);
			if (sqlite3_step(wr) != SQLITE_DONE) {
				rc = ax_db_err(err, "meta: %s", sqlite3_errmsg(db));
				break;
			}
			sqlite3_reset(wr);
			n = 0;
		}
		if (step != SQLITE_ROW)
			break;
		snprintf(last, sizeof last, "%s", lang);
		n++;
	}
	sqlite3_finalize(rd);
	sqlite3_finalize(wr);
	return rc;
}

static int uncount_langs(sqlite3 *db, char **err)
{
	return ax_db_exec(db, "DELETE FROM meta WHERE key LIKE 'files.%'", err);
}

static int fail_transform(sqlite3 *db, char **err)
{
	/* Do some work first: none of it may survive. */
	if (count_langs(db, err) < 0)
		return -1;
	return ax_db_err(err, "transform failed on purpose");
}

static struct ax_migration full[5];
static struct ax_migration_list full_list = { full, 5 };

static void make_lists(void)
{
	full[0] = ax_migrations.m[0];
	full[1] = ax_migrations.m[1];
	full[2] = (struct ax_migration){ .version = 3, .name = "files_generated", .up_sql = rebuild_up,
					 .down_sql = rebuild_down, .rebuild = true };
	full[3] = (struct ax_migration){ .version = 4, .name = "lang_counts", .up_fn = count_langs,
					 .down_fn = uncount_langs, .fn_rev = "1" };
	full[4] = (struct ax_migration){ .version = 5, .name = "drop_kind_index",
					 .up_sql = "DROP INDEX symbols_kind;" };
}

/* --- helpers --- */

static char dir[TEST_TMP_MAX];

static char *db_file(const char *name)
{
	char *p;
	if (asprintf(&p, "%s/%s", dir, name) < 0)
		abort();
	return p;
}

static sqlite3 *open_db(const char *path)
{
	char *err = NULL;
	sqlite3 *db = ax_db_connect(path, AX_DB_WRITE | AX_DB_CREATE, &err);
	if (!db) {
		fprintf(stderr, "open %s: %s\n", path, err);
		abort();
	}
	/* The schemas here come from this test's own migration lists, not
	 * ax's, so lib/index/objects.c's check does not apply: trust them. */
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
	return db;
}

/* Run l from the index's version to `to`; returns steps done or -1. */
static int go(sqlite3 *db, const struct ax_migration_list *l, int to, bool dry, struct ax_effect *eff, char **err)
{
	int v = ax_schema_version(db, err);
	const struct ax_migration *plan[16];
	int n = ax_migration_plan(l, v, to, plan, err);
	if (n < 0)
		return -1;
	int done;
	bool raced;
	struct ax_effect local[16];
	if (ax_migrate_run(db, plan, n, to < v, dry, eff ? eff : local, &done, &raced, err) < 0)
		return -1;
	if (!eff)
		for (int i = 0; i < done; i++)
			ax_effect_free(&local[i]);
	return done;
}

static void populate(sqlite3 *db, int files)
{
	const char *root = getenv("AX_ROOT");
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/fixtures/db/populate.sql", root ? root : ".");
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "cannot read %s (is AX_ROOT set?)\n", path);
		abort();
	}
	char *sql = NULL;
	size_t cap = 0;
	ssize_t len = getdelim(&sql, &cap, '\0', f);
	fclose(f);
	/* The sqlite3 shell binds @files; here it is spelled out. */
	char num[16];
	snprintf(num, sizeof num, "%d", files);
	size_t out_cap = (size_t)len * 2 + 1, o = 0;
	char *out = malloc(out_cap);
	for (ssize_t i = 0; i < len;) {
		if (strncmp(sql + i, "@files", 6) == 0) {
			o += (size_t)sprintf(out + o, "%s", num);
			i += 6;
		} else {
			out[o++] = sql[i++];
		}
	}
	out[o] = '\0';
	char *err = NULL;
	if (ax_db_exec(db, out, &err) < 0) {
		fprintf(stderr, "populate: %s\n", err);
		abort();
	}
	free(out);
	free(sql);
}

/* A digest of every row of the data tables (not the history). */
static uint64_t data_digest(sqlite3 *db)
{
	static const char *queries[] = {
		"SELECT " FILES_COLS " FROM files ORDER BY id",
		"SELECT * FROM symbols ORDER BY id", "SELECT * FROM imports ORDER BY id",
		"SELECT * FROM refs ORDER BY id", "SELECT * FROM errors ORDER BY id",
		"SELECT rowid, * FROM symbols_fts WHERE symbols_fts MATCH 'parse' ORDER BY rowid",
	};
	XXH3_state_t *st = XXH3_createState();
	XXH3_64bits_reset(st);
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(db, queries[q], -1, &s, NULL) != SQLITE_OK) {
			fprintf(stderr, "digest: %s\n", sqlite3_errmsg(db));
			XXH3_64bits_update(st, "error", 5);
			continue;
		}
		while (sqlite3_step(s) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const void *b = sqlite3_column_blob(s, c);
				int n = sqlite3_column_bytes(s, c);
				int type = sqlite3_column_type(s, c);
				XXH3_64bits_update(st, &type, sizeof type);
				XXH3_64bits_update(st, &n, sizeof n);
				if (n)
					XXH3_64bits_update(st, b, (size_t)n);
			}
		sqlite3_finalize(s);
	}
	uint64_t h = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return h;
}

static int64_t q_int(sqlite3 *db, const char *sql)
{
	int64_t v = -999;
	char *err = NULL;
	if (ax_db_int(db, sql, &v, &err) < 0) {
		fprintf(stderr, "%s: %s\n", sql, err);
		free(err);
	}
	return v;
}

static bool clean(sqlite3 *db)
{
	char *ic = NULL;
	ax_db_text(db, "PRAGMA integrity_check", &ic, NULL);
	bool ok = ic && strcmp(ic, "ok") == 0 &&
		  q_int(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0 &&
		  ax_db_exec(db, "INSERT INTO symbols_fts(symbols_fts, rank) VALUES ('integrity-check', 1)", NULL) == 0;
	free(ic);
	return ok;
}

static uint64_t file_digest(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char buf[65536];
	size_t n;
	XXH3_state_t *st = XXH3_createState();
	XXH3_64bits_reset(st);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		XXH3_64bits_update(st, buf, n);
	fclose(f);
	uint64_t h = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return h;
}

static bool same_effects(const struct ax_effect *a, const struct ax_effect *b)
{
	if (a->n != b->n || a->version != b->version || a->down != b->down) {
		fprintf(stderr, "effects differ: %zu/%zu entries, version %d/%d\n", a->n, b->n, a->version, b->version);
		for (size_t i = 0; i < a->n; i++)
			fprintf(stderr, "  dry  %c %s %s\n", a->t[i].change, a->t[i].type, a->t[i].name);
		for (size_t i = 0; i < b->n; i++)
			fprintf(stderr, "  real %c %s %s\n", b->t[i].change, b->t[i].type, b->t[i].name);
		return false;
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct ax_table_effect *x = &a->t[i], *y = &b->t[i];
		if (strcmp(x->name, y->name) || strcmp(x->type, y->type) || x->change != y->change ||
		    x->rows_before != y->rows_before || x->rows_after != y->rows_after ||
		    x->inserted != y->inserted || x->updated != y->updated || x->deleted != y->deleted)
			return false;
	}
	return true;
}

/* --- tests --- */

static void test_checksums(void)
{
	char a[17], b[17];
	ax_migration_checksum(&full[2], a);
	ax_migration_checksum(&full[2], b);
	CHECK_EQ_STR(a, b);
	CHECK_EQ_INT(strlen(a), 16);
	struct ax_migration edited = full[2];
	edited.up_sql = rebuild_lossy;
	ax_migration_checksum(&edited, b);
	CHECK(strcmp(a, b) != 0);
	edited = full[3];
	ax_migration_checksum(&edited, a);
	edited.fn_rev = "2";
	ax_migration_checksum(&edited, b);
	CHECK(strcmp(a, b) != 0);

	char *err = NULL;
	CHECK_EQ_INT(ax_migration_list_check(&ax_migrations, &err), 0);
	CHECK_EQ_INT(ax_migration_list_check(&full_list, &err), 0);
	struct ax_migration gap[2] = { full[0], full[2] };
	struct ax_migration_list gl = { gap, 2 };
	CHECK_EQ_INT(ax_migration_list_check(&gl, &err), -1);
	free(err);
}

static void test_up_down_up(void)
{
	char *path = db_file("main.db");
	sqlite3 *db = open_db(path);
	char *err = NULL;
	CHECK_EQ_INT(ax_schema_version(db, &err), 0);
	CHECK_EQ_INT(go(db, &full_list, 2, false, NULL, &err), 2);
	populate(db, 60);
	uint64_t at2 = data_digest(db);
	int64_t files = q_int(db, "SELECT count(*) FROM files");
	CHECK_EQ_INT(files, 60);

	/* 3 and 4, each up, down, up: the data stays the same. */
	for (int v = 3; v <= 4; v++) {
		CHECK_EQ_INT(go(db, &full_list, v, false, NULL, &err), 1);
		CHECK_EQ_INT(ax_schema_version(db, &err), v);
		CHECK(clean(db));
		uint64_t up = data_digest(db);
		CHECK(up == at2);
		CHECK_EQ_INT(go(db, &full_list, v - 1, false, NULL, &err), 1);
		CHECK_EQ_INT(ax_schema_version(db, &err), v - 1);
		CHECK(clean(db));
		CHECK(data_digest(db) == at2);
		CHECK_EQ_INT(go(db, &full_list, v, false, NULL, &err), 1);
		CHECK(data_digest(db) == up);
	}
	/* The rebuild did its job and the foreign keys still cascade. */
	CHECK_EQ_INT(q_int(db, "SELECT count(*) FROM pragma_table_info('files') WHERE name = 'generated'"), 1);
	CHECK_EQ_INT(q_int(db, "SELECT value FROM meta WHERE key = 'files.python'"),
		     q_int(db, "SELECT count(*) FROM files WHERE lang = 'python'"));
	CHECK_EQ_INT(q_int(db, "PRAGMA foreign_keys"), 1);
	CHECK_EQ_INT(ax_db_exec(db, "DELETE FROM files WHERE id = 2", &err), 0);
	CHECK_EQ_INT(q_int(db, "SELECT count(*) FROM symbols WHERE file_id = 2"), 0);
	CHECK(clean(db));

	/* History: one row per version, with the list's checksums. */
	struct ax_history h;
	struct ax_history_check hc;
	CHECK_EQ_INT(ax_history_read(db, &h, &err), 0);
	CHECK_EQ_INT(h.n, 4);
	ax_history_check(&h, &full_list, &hc);
	CHECK_EQ_INT(hc.nproblems, 0);
	ax_history_check_free(&hc);
	/* Against a list of only 1 and 2, 3 and 4 are unknown: a newer index. */
	struct ax_migration_list two = { full, 2 };
	ax_history_check(&h, &two, &hc);
	CHECK_EQ_INT(hc.unknown, 2);
	ax_history_check_free(&hc);
	/* An edited migration is a mismatch. */
	struct ax_migration edited[5];
	memcpy(edited, full, sizeof edited);
	edited[2].up_sql = rebuild_lossy;
	struct ax_migration_list el = { edited, 5 };
	ax_history_check(&h, &el, &hc);
	CHECK_EQ_INT(hc.mismatched, 1);
	CHECK_EQ_INT(hc.nproblems, 1);
	ax_history_check_free(&hc);
	ax_history_free(&h);

	/* 5 cannot be undone: rollback says so and changes nothing. */
	CHECK_EQ_INT(go(db, &full_list, 5, false, NULL, &err), 1);
	CHECK_EQ_INT(go(db, &full_list, 3, false, NULL, &err), -1);
	CHECK(err && strstr(err, "cannot be undone"));
	free(err);
	err = NULL;
	CHECK_EQ_INT(ax_schema_version(db, &err), 5);
	sqlite3_close(db);
	free(path);
}

static void test_dry_run(void)
{
	char *path = db_file("dry.db");
	sqlite3 *db = open_db(path);
	char *err = NULL;
	/* From nothing: dry run of every migration, then the real run. */
	struct ax_effect dry[5], real[5];
	CHECK_EQ_INT(go(db, &full_list, 2, false, NULL, &err), 2);
	populate(db, 40);
	ax_db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
	uint64_t before = file_digest(path);
	char *wal;
	if (asprintf(&wal, "%s-wal", path) < 0)
		abort();
	uint64_t wal_before = file_digest(wal);
	CHECK_EQ_INT(go(db, &full_list, 5, true, dry, &err), 3);
	CHECK_EQ_INT(ax_schema_version(db, &err), 2);
	CHECK(file_digest(path) == before);
	CHECK(file_digest(wal) == wal_before);
	CHECK_EQ_INT(q_int(db, "PRAGMA foreign_keys"), 1);
	CHECK_EQ_INT(go(db, &full_list, 5, false, real, &err), 3);
	for (int i = 0; i < 3; i++) {
		CHECK(same_effects(&dry[i], &real[i]));
		ax_effect_free(&dry[i]);
		ax_effect_free(&real[i]);
	}
	/* And down again, dry then real. */
	CHECK_EQ_INT(go(db, &full_list, 4, true, dry, &err), -1);   /* 5 has no down */
	free(err);
	err = NULL;
	sqlite3_close(db);
	free(wal);
	free(path);
}

static void test_down_dry_run(void)
{
	char *path = db_file("drydown.db");
	sqlite3 *db = open_db(path);
	char *err = NULL;
	struct ax_effect dry[5], real[5];
	CHECK_EQ_INT(go(db, &full_list, 2, false, NULL, &err), 2);
	populate(db, 30);
	CHECK_EQ_INT(go(db, &full_list, 4, false, NULL, &err), 2);
	CHECK_EQ_INT(go(db, &full_list, 0, true, dry, &err), 4);
	CHECK_EQ_INT(ax_schema_version(db, &err), 4);
	CHECK_EQ_INT(go(db, &full_list, 0, false, real, &err), 4);
	CHECK_EQ_INT(ax_schema_version(db, &err), 0);
	for (int i = 0; i < 4; i++) {
		CHECK(same_effects(&dry[i], &real[i]));
		ax_effect_free(&dry[i]);
		ax_effect_free(&real[i]);
	}
	sqlite3_close(db);
	free(path);
}

/* A failing step leaves no trace, whatever it did before failing. */
static void test_atomic(void)
{
	char *path = db_file("atomic.db");
	sqlite3 *db = open_db(path);
	char *err = NULL;
	CHECK_EQ_INT(go(db, &full_list, 2, false, NULL, &err), 2);
	populate(db, 20);
	uint64_t digest = data_digest(db);
	struct ax_migration bad[3] = { full[0], full[1] };
	struct ax_migration_list bl = { bad, 3 };

	bad[2] = (struct ax_migration){ .version = 3, .name = "half", .up_sql =
		"CREATE TABLE half (x); INSERT INTO half VALUES (1); DELETE FROM refs; SELECT nosuchfunction();" };
	CHECK_EQ_INT(go(db, &bl, 3, false, NULL, &err), -1);
	CHECK(err && strstr(err, "nosuchfunction"));
	free(err);
	err = NULL;

	bad[2] = (struct ax_migration){ .version = 3, .name = "lossy", .up_sql = rebuild_lossy, .rebuild = true };
	CHECK_EQ_INT(go(db, &bl, 3, false, NULL, &err), -1);
	CHECK(err && strstr(err, "foreign_key_check"));
	free(err);
	err = NULL;

	bad[2] = (struct ax_migration){ .version = 3, .name = "cfail", .up_sql = "DELETE FROM errors;",
					.up_fn = fail_transform };
	CHECK_EQ_INT(go(db, &bl, 3, false, NULL, &err), -1);
	CHECK(err && strstr(err, "on purpose"));
	free(err);
	err = NULL;

	CHECK_EQ_INT(ax_schema_version(db, &err), 2);
	CHECK_EQ_INT(q_int(db, "SELECT count(*) FROM schema_history"), 2);
	CHECK_EQ_INT(q_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'half'"), 0);
	CHECK_EQ_INT(q_int(db, "SELECT count(*) FROM meta"), 0);
	CHECK_EQ_INT(q_int(db, "PRAGMA foreign_keys"), 1);
	CHECK(data_digest(db) == digest);
	CHECK(clean(db));
	sqlite3_close(db);
	free(path);
}

/* Another process migrated between our plan and our transaction. */
static void test_race(void)
{
	char *path = db_file("race.db");
	sqlite3 *a = open_db(path), *b = open_db(path);
	char *err = NULL;
	CHECK_EQ_INT(go(a, &full_list, 2, false, NULL, &err), 2);
	const struct ax_migration *plan[4];
	CHECK_EQ_INT(ax_migration_plan(&full_list, 2, 4, plan, &err), 2);
	CHECK_EQ_INT(go(b, &full_list, 3, false, NULL, &err), 1);
	struct ax_effect eff[4];
	int done;
	bool raced;
	CHECK_EQ_INT(ax_migrate_run(a, plan, 2, false, false, eff, &done, &raced, &err), 0);
	CHECK_EQ_INT(done, 0);
	CHECK(raced);
	CHECK_EQ_INT(ax_schema_version(a, &err), 3);
	CHECK_EQ_INT(q_int(a, "SELECT count(*) FROM schema_history"), 3);
	sqlite3_close(a);
	sqlite3_close(b);
	free(path);
}

static void test_foreign_file(void)
{
	char *path = db_file("other.db");
	sqlite3 *db = open_db(path);
	char *err = NULL;
	ax_db_exec(db, "CREATE TABLE notes (x)", NULL);
	CHECK_EQ_INT(ax_schema_version(db, &err), -1);
	CHECK(err && strstr(err, "not an ax index"));
	free(err);
	sqlite3_close(db);
	free(path);
}

/* ax_db_open() in a child, as a tool would call it: its exit status
 * (0 if it returned) and what it said on stderr. */
static int open_as_tool(const char *path, unsigned flags, const char *auto_migrate, char *msg, size_t cap)
{
	char *log = db_file("open.log");
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 2);
		if (auto_migrate)
			setenv("AX_DB_AUTO_MIGRATE", auto_migrate, 1);
		sqlite3 *db = ax_db_open(path, flags);
		sqlite3_close(db);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	FILE *f = fopen(log, "r");
	size_t n = f ? fread(msg, 1, cap - 1, f) : 0;
	msg[n] = '\0';
	if (f)
		fclose(f);
	free(log);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int version_of(const char *path)
{
	sqlite3 *db = open_db(path);
	int v = ax_schema_version(db, NULL);
	sqlite3_close(db);
	return v;
}

static void test_open_policy(void)
{
	char msg[4096];
	int latest = (int)ax_migrations.n;
	char *path = db_file("tool/index.db");
	CHECK_EQ_INT(open_as_tool(path, AX_DB_READ, NULL, msg, sizeof msg), 2);
	CHECK(strstr(msg, "no index") != NULL);
	/* A tool that writes creates a missing index, at the latest version. */
	CHECK_EQ_INT(open_as_tool(path, AX_DB_WRITE | AX_DB_CREATE, NULL, msg, sizeof msg), 0);
	CHECK_EQ_INT(version_of(path), latest);

	/* An older index: "run 'ax db migrate'", unless AX_DB_AUTO_MIGRATE=1. */
	char *old = db_file("old.db");
	sqlite3 *db = open_db(old);
	struct ax_change c;
	char *err = NULL;
	CHECK_EQ_INT(ax_db_change(db, old, &ax_migrations, 1, false, &c, &err), 0);
	ax_change_free(&c);
	populate(db, 5);
	sqlite3_close(db);
	CHECK_EQ_INT(open_as_tool(old, AX_DB_READ, NULL, msg, sizeof msg), 2);
	CHECK(strstr(msg, "run 'ax db migrate'") != NULL);
	CHECK_EQ_INT(open_as_tool(old, AX_DB_WRITE, "0", msg, sizeof msg), 2);
	CHECK_EQ_INT(version_of(old), 1);
	CHECK_EQ_INT(open_as_tool(old, AX_DB_READ, "1", msg, sizeof msg), 0);
	CHECK_EQ_INT(version_of(old), latest);
	CHECK(strstr(msg, "backup") != NULL);
	char *backups = db_file("backups");
	CHECK(access(backups, F_OK) == 0);

	/* A newer index: writers refused, readers warned, nothing changed. */
	db = open_db(old);
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO schema_history VALUES (%d, 'future', '0', 0, 0, '9'); "
		 "PRAGMA user_version = %d", latest + 1, latest + 1);
	CHECK_EQ_INT(ax_db_exec(db, sql, &err), 0);
	sqlite3_close(db);
	CHECK_EQ_INT(open_as_tool(old, AX_DB_WRITE, "1", msg, sizeof msg), 2);
	CHECK(strstr(msg, "refusing to write") != NULL);
	CHECK_EQ_INT(open_as_tool(old, AX_DB_READ, NULL, msg, sizeof msg), 0);
	CHECK(strstr(msg, "newer") != NULL);
	CHECK_EQ_INT(version_of(old), latest + 1);

	/* Not an index at all. */
	char *other = db_file("other-app.db");
	db = open_db(other);
	ax_db_exec(db, "CREATE TABLE notes (x)", NULL);
	sqlite3_close(db);
	CHECK_EQ_INT(open_as_tool(other, AX_DB_WRITE, NULL, msg, sizeof msg), 2);
	CHECK(strstr(msg, "not an ax index") != NULL);
	free(other);
	free(backups);
	free(old);
	free(path);
}

static int db_config(sqlite3 *db, int op)
{
	int on = -1;
	sqlite3_db_config(db, op, -1, &on);
	return on;
}

/* Every connection is defensive, loads no extension and distrusts the
 * schema; ax_db_open_path() trusts it only when the schema objects are
 * the migrations' own, and ax_db_foreign_objects() names the others. */
static void test_untrusted_schema(void)
{
	char *path = db_file("objects.db"), *err = NULL;
	int v = -1;
	sqlite3 *db = ax_db_open_path(path, AX_DB_WRITE | AX_DB_CREATE, &v, &err);
	CHECK(db != NULL);
	CHECK_EQ_INT(v, 0);
	struct ax_change c;
	CHECK_EQ_INT(ax_db_change(db, path, &ax_migrations, (int)ax_migrations.n, false, &c, &err), 0);
	ax_change_free(&c);
	sqlite3_close(db);

	db = ax_db_connect(path, AX_DB_WRITE, &err);
	CHECK_EQ_INT(db_config(db, SQLITE_DBCONFIG_DEFENSIVE), 1);
	CHECK_EQ_INT(db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA), 0);
	CHECK_EQ_INT(db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION), 0);
	/* Defensive: the schema cannot be written behind SQLite's back. */
	CHECK(ax_db_exec(db, "PRAGMA writable_schema = ON; "
			 "UPDATE sqlite_schema SET sql = sql WHERE name = 'files'", NULL) < 0);
	char **list;
	size_t n = 99;
	CHECK_EQ_INT(ax_db_foreign_objects(db, "main", (int)ax_migrations.n, &list, &n, &err), 0);
	CHECK_EQ_INT((int)n, 0);
	CHECK_EQ_INT(ax_db_trust_schema(db, "main", (int)ax_migrations.n, &err), 0);
	CHECK_EQ_INT(db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA), 1);
	CHECK_EQ_INT(ax_db_exec(db, "CREATE TRIGGER t1 AFTER INSERT ON files BEGIN SELECT 1; END; "
			 "CREATE VIEW v1 AS SELECT 1; CREATE TABLE x1(a); "
			 "DROP INDEX files_lang; CREATE INDEX files_lang ON files(lang, path)", &err), 0);
	sqlite3_close(db);

	db = ax_db_connect(path, AX_DB_READ, &err);
	CHECK_EQ_INT(ax_db_foreign_objects(db, "main", (int)ax_migrations.n, &list, &n, &err), 0);
	CHECK_EQ_INT((int)n, 4);
	CHECK_EQ_STR(list[0], "index files_lang: its SQL is not what the migrations create");
	CHECK_EQ_STR(list[1], "trigger t1 on files: not created by any migration");
	CHECK_EQ_STR(list[2], "view v1 on v1: not created by any migration");
	CHECK_EQ_STR(list[3], "table x1 on x1: not created by any migration");
	ax_db_objects_free(list, n);
	/* A version beyond this ax: only triggers and views count. */
	CHECK_EQ_INT(ax_db_foreign_objects(db, "main", (int)ax_migrations.n + 1, &list, &n, &err), 0);
	CHECK_EQ_INT((int)n, 2);
	ax_db_objects_free(list, n);
	sqlite3_close(db);
	CHECK(ax_db_open_path(path, AX_DB_READ, &v, &err) == NULL);
	CHECK(strstr(err, "refused: index files_lang") != NULL);
	CHECK(strstr(err, "(and 3 more)") != NULL);
	free(err);
	free(path);
}

/* The table made at build time (objects_built.h) is what the migrations
 * create, version by version, with this SQLite: the check at every open
 * reads it instead of running them. */
static void test_built_schema(void)
{
	char sum[17], *err = NULL;
	ax_migrations_checksum(&ax_migrations, sum);
	CHECK_EQ_STR(ax_schema_built.checksum, sum);
	CHECK_EQ_INT(ax_schema_built.sqlite_version, sqlite3_libversion_number());
	CHECK_EQ_INT(ax_schema_built.nversions, (int)ax_migrations.n + 1);
	for (int v = 0; v < ax_schema_built.nversions; v++) {
		const struct ax_migration **plan = malloc(((size_t)v + 1) * sizeof *plan);
		sqlite3 *mem = ax_db_connect(":memory:", AX_DB_WRITE | AX_DB_CREATE, &err);
		int n = ax_migration_plan(&ax_migrations, 0, v, plan, &err), done;
		bool raced;
		CHECK_EQ_INT(sqlite3_db_config(mem, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL), SQLITE_OK);
		CHECK_EQ_INT(ax_migrate_run(mem, plan, n, false, false, NULL, &done, &raced, &err), 0);
		CHECK_EQ_INT(ax_history_create(mem, &err), 0);
		char *sql = sqlite3_mprintf(AX_OBJECTS_QUERY, "main");
		sqlite3_stmt *st;
		CHECK_EQ_INT(ax_db_prepare(mem, sql, &st, &err), 0);
		const struct ax_built_version *b = &ax_schema_built.versions[v];
		int i = 0;
		for (; sqlite3_step(st) == SQLITE_ROW; i++) {
			if (i >= b->n)
				continue; /* counted: more objects than the table */
			CHECK_EQ_STR((const char *)sqlite3_column_text(st, 0), b->v[i].type);
			CHECK_EQ_STR((const char *)sqlite3_column_text(st, 1), b->v[i].name);
			CHECK_EQ_STR((const char *)sqlite3_column_text(st, 2), b->v[i].table);
			CHECK_EQ_STR((const char *)sqlite3_column_text(st, 3), b->v[i].sql);
		}
		CHECK_EQ_INT(i, b->n);
		sqlite3_finalize(st);
		sqlite3_free(sql);
		sqlite3_close(mem);
		free(plan);
	}
}

int main(void)
{
	if (!mkdtemp(test_tmp(dir, "migrate"))) {
		perror("mkdtemp");
		return 1;
	}
	make_lists();
	test_checksums();
	test_up_down_up();
	test_dry_run();
	test_down_dry_run();
	test_atomic();
	test_race();
	test_foreign_file();
	test_open_policy();
	test_untrusted_schema();
	test_built_schema();
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_summary();
}
