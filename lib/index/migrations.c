/* migrations.c: the index schema's history, the only place it changes.
 *
 * A migration, once released, is never edited: its checksum is recorded in
 * every index it ran on, and ax-db reports the mismatch. Change the schema
 * by appending a new migration. docs/schema.md describes the result and
 * docs/migrations.md the rules. */
#include "index/migrate.h"
#include "index/body.h"
#include "index/db.h"

/* 1: the index as ax-load fills it and ax-rank / ax-graph query it.
 *
 * Paths are TEXT holding the path's exact bytes (bound with their length,
 * never converted), so invalid UTF-8 survives; hash is the xxh3-64 value
 * reinterpreted as a signed 64-bit integer (printf('%016x', hash) gives the
 * stream's hex form back). The FTS table reads its text from the
 * symbol_text view (external content), so nothing is stored twice; the
 * triggers keep it in step with symbols and files. */
static const char init_up[] =
	"CREATE TABLE files (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  path TEXT NOT NULL UNIQUE,\n"
	"  lang TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL CHECK (size >= 0),\n"
	"  mtime INTEGER NOT NULL,\n"
	"  hash INTEGER NOT NULL,\n"
	"  path_words TEXT NOT NULL DEFAULT '',\n"
	"  nsyms INTEGER NOT NULL DEFAULT 0,\n"
	"  nerrors INTEGER NOT NULL DEFAULT 0,\n"
	"  minified INTEGER NOT NULL DEFAULT 0 CHECK (minified IN (0, 1)),\n"
	"  truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),\n"
	"  indexed_at INTEGER NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX files_lang ON files(lang);\n"
	"CREATE TABLE symbols (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,\n"
	"  parent_id INTEGER REFERENCES symbols(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  name_words TEXT NOT NULL DEFAULT '',\n"
	"  kind TEXT NOT NULL,\n"
	"  line INTEGER NOT NULL,\n"
	"  col INTEGER NOT NULL,\n"
	"  end_line INTEGER NOT NULL,\n"
	"  end_col INTEGER NOT NULL,\n"
	"  signature TEXT NOT NULL DEFAULT '',\n"
	"  doc TEXT NOT NULL DEFAULT ''\n"
	") STRICT;\n"
	"CREATE INDEX symbols_name ON symbols(name, kind);\n"
	"CREATE INDEX symbols_file ON symbols(file_id);\n"
	"CREATE INDEX symbols_kind ON symbols(kind);\n"
	"CREATE INDEX symbols_parent ON symbols(parent_id);\n"
	"CREATE VIEW symbol_text AS\n"
	"  SELECT s.id AS id, s.name AS name, s.name_words AS name_words,\n"
	"         f.path_words AS path_words, s.signature AS signature, s.doc AS doc\n"
	"  FROM symbols s JOIN files f ON f.id = s.file_id;\n"
	"CREATE VIRTUAL TABLE symbols_fts USING fts5(\n"
	"  name, name_words, path_words, signature, doc,\n"
	"  content='symbol_text', content_rowid='id',\n"
	"  tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\"\n"
	");\n"
	/* Cascaded deletes run after the file row is gone, so a file's FTS
	 * rows go first, while its path_words can still be read. */
	"CREATE TRIGGER symbols_ai AFTER INSERT ON symbols BEGIN\n"
	"  INSERT INTO symbols_fts(rowid, name, name_words, path_words, signature, doc)\n"
	"  SELECT new.id, new.name, new.name_words, f.path_words, new.signature, new.doc\n"
	"  FROM files f WHERE f.id = new.file_id;\n"
	"END;\n"
	"CREATE TRIGGER symbols_ad AFTER DELETE ON symbols BEGIN\n"
	"  INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc)\n"
	"  SELECT 'delete', old.id, old.name, old.name_words, f.path_words, old.signature, old.doc\n"
	"  FROM files f WHERE f.id = old.file_id;\n"
	"END;\n"
	"CREATE TRIGGER symbols_au AFTER UPDATE ON symbols BEGIN\n"
	"  INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc)\n"
	"  SELECT 'delete', old.id, old.name, old.name_words, f.path_words, old.signature, old.doc\n"
	"  FROM files f WHERE f.id = old.file_id;\n"
	"  INSERT INTO symbols_fts(rowid, name, name_words, path_words, signature, doc)\n"
	"  SELECT new.id, new.name, new.name_words, f.path_words, new.signature, new.doc\n"
	"  FROM files f WHERE f.id = new.file_id;\n"
	"END;\n"
	"CREATE TRIGGER files_bd BEFORE DELETE ON files BEGIN\n"
	"  INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc)\n"
	"  SELECT 'delete', s.id, s.name, s.name_words, old.path_words, s.signature, s.doc\n"
	"  FROM symbols s WHERE s.file_id = old.id;\n"
	"END;\n"
	"CREATE TRIGGER files_au_words AFTER UPDATE OF path_words ON files\n"
	"WHEN old.path_words IS NOT new.path_words BEGIN\n"
	"  INSERT INTO symbols_fts(symbols_fts, rowid, name, name_words, path_words, signature, doc)\n"
	"  SELECT 'delete', s.id, s.name, s.name_words, old.path_words, s.signature, s.doc\n"
	"  FROM symbols s WHERE s.file_id = new.id;\n"
	"  INSERT INTO symbols_fts(rowid, name, name_words, path_words, signature, doc)\n"
	"  SELECT s.id, s.name, s.name_words, new.path_words, s.signature, s.doc\n"
	"  FROM symbols s WHERE s.file_id = new.id;\n"
	"END;\n"
	"CREATE TABLE imports (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,\n"
	"  raw TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  line INTEGER NOT NULL,\n"
	"  target_id INTEGER REFERENCES files(id) ON DELETE SET NULL\n"
	") STRICT;\n"
	"CREATE INDEX imports_file ON imports(file_id);\n"
	"CREATE INDEX imports_target ON imports(target_id);\n"
	"CREATE TABLE refs (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  line INTEGER NOT NULL,\n"
	"  col INTEGER NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX refs_name ON refs(name);\n"
	"CREATE INDEX refs_file ON refs(file_id);\n"
	"CREATE TABLE errors (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER REFERENCES files(id) ON DELETE CASCADE,\n"
	"  path TEXT,\n"
	"  stage TEXT NOT NULL,\n"
	"  code TEXT NOT NULL,\n"
	"  msg TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX errors_file ON errors(file_id);\n";

/* Triggers first: with foreign keys on, DROP TABLE deletes the rows
 * first, and the triggers would reach for the dropped FTS table. */
static const char init_down[] =
	"DROP TRIGGER files_au_words;\n"
	"DROP TRIGGER files_bd;\n"
	"DROP TRIGGER symbols_au;\n"
	"DROP TRIGGER symbols_ad;\n"
	"DROP TRIGGER symbols_ai;\n"
	"DROP TABLE errors;\n"
	"DROP TABLE refs;\n"
	"DROP TABLE imports;\n"
	"DROP TABLE symbols_fts;\n"
	"DROP VIEW symbol_text;\n"
	"DROP TABLE symbols;\n"
	"DROP TABLE files;\n";

/* 2: facts about the index as a whole (scan root, last load time, ...). */
static const char meta_up[] =
	"CREATE TABLE meta (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value ANY\n"
	") STRICT, WITHOUT ROWID;\n";

static const char meta_down[] =
	"DROP TABLE meta;\n";

/* 3: the import graph as ax-graph resolves it (docs/imports.md).
 *
 * imports.status says what resolution found: NULL not yet resolved (a new
 * or changed file), 'file' (edges hold its targets), 'external' (outside
 * the repository: a standard or third-party module), 'unresolved' (could
 * not be resolved exactly). One import may reach several files (a Go
 * package, a C# namespace, a Java wildcard), hence a table of edges;
 * imports.target_id keeps the first of them. */
static const char graph_up[] =
	"ALTER TABLE imports ADD COLUMN status TEXT\n"
	"  CHECK (status IN ('file', 'external', 'unresolved'));\n"
	"CREATE INDEX imports_status ON imports(status);\n"
	"CREATE TABLE edges (\n"
	"  src_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,\n"
	"  dst_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,\n"
	"  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY (src_id, dst_id, import_id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX edges_dst ON edges(dst_id, src_id);\n"
	"CREATE INDEX edges_import ON edges(import_id);\n";

static const char graph_down[] =
	"DROP TABLE edges;\n"
	"DROP INDEX imports_status;\n"
	"ALTER TABLE imports DROP COLUMN status;\n";

/* 4: the receiver of a call as written (`self`, `Session`, `send_kwargs`),
 * NULL for a call of a bare name and for other references: ax-graph binds
 * `x.m()` to a definition only when the receiver says whose m it is
 * (docs/graph.md). */
static const char refs_recv_up[] = "ALTER TABLE refs ADD COLUMN recv TEXT;\n";

static const char refs_recv_down[] = "ALTER TABLE refs DROP COLUMN recv;\n";

/* 5: stemmed words (docs/ranking.md). symbols_stem indexes the word
 * columns (split name, signature, doc) again through FTS5's porter
 * tokenizer, with '_' a separator (max_digits is two words), so "parses a
 * header" finds "parse the headers"; symbols_fts stays unstemmed, so
 * exact and identifier queries rank as before. Same external content
 * (symbol_text), kept in step by triggers of its own beside migration 1's
 * (a symbol deleted with its file has its rows removed by files_bd_stem,
 * so symbols_stem_ad does it only while the file is there, as for
 * symbols_fts). */
#define STEM_COLS "name_words, signature, doc"
#define STEM_DELETE(row) \
	"  INSERT INTO symbols_stem(symbols_stem, rowid, " STEM_COLS ")\n" \
	"  SELECT 'delete', " row ".id, " row ".name_words, " row ".signature, " row ".doc\n"
#define STEM_INSERT \
	"  INSERT INTO symbols_stem(rowid, " STEM_COLS ")\n" \
	"  VALUES (new.id, new.name_words, new.signature, new.doc);\n"
#define STEM_UP \
	"CREATE VIRTUAL TABLE symbols_stem USING fts5(\n" \
	"  " STEM_COLS ",\n" \
	"  content='symbol_text', content_rowid='id',\n" \
	"  tokenize=\"porter unicode61 remove_diacritics 2\"\n" \
	");\n" \
	"CREATE TRIGGER symbols_stem_ai AFTER INSERT ON symbols BEGIN\n" \
	STEM_INSERT \
	"END;\n" \
	"CREATE TRIGGER symbols_stem_ad AFTER DELETE ON symbols BEGIN\n" \
	STEM_DELETE("old") "  FROM files f WHERE f.id = old.file_id;\n" \
	"END;\n" \
	"CREATE TRIGGER symbols_stem_au AFTER UPDATE ON symbols BEGIN\n" \
	STEM_DELETE("old") "  FROM files f WHERE f.id = old.file_id;\n" \
	STEM_INSERT \
	"END;\n" \
	"CREATE TRIGGER files_bd_stem BEFORE DELETE ON files BEGIN\n" \
	STEM_DELETE("s") "  FROM symbols s WHERE s.file_id = old.id;\n" \
	"END;\n" \
	"INSERT INTO symbols_stem(symbols_stem) VALUES ('rebuild');\n"
static const char stem_up[] = STEM_UP;

static const char stem_down[] =
	"DROP TRIGGER files_bd_stem;\n"
	"DROP TRIGGER symbols_stem_au;\n"
	"DROP TRIGGER symbols_stem_ad;\n"
	"DROP TRIGGER symbols_stem_ai;\n"
	"DROP TABLE symbols_stem;\n";

/* 6: body words (docs/ranking.md). symbol_words holds, per definition,
 * the split names it uses inside its lines and its parent's name
 * (lib/index/body.c derives them from refs); symbols_stem is made again
 * over a view that adds them as a fourth column, `body`, with
 * detail=column (no positions: the stemmed table answers word and pair
 * queries, never phrases), which pays for most of the new column. A symbol
 * without body words has no symbol_words row and an empty body. The
 * symbols triggers read the body, and those of symbol_words re-index the
 * symbol when its words come or go; a symbol's delete runs BEFORE, while
 * its words are still there (the cascade removes them after the symbol,
 * when symbol_words_ad finds no symbol and does nothing). The words are
 * filled by C (body_up), then the triggers made and the table rebuilt
 * once, as ax-load's bulk path does. */
#define BODY_COLS "name_words, signature, doc, body"
#define BODY_OF(id) "COALESCE((SELECT w.words FROM symbol_words w WHERE w.id = " id "), '')"
#define BODY_ROW(s, body) s ".id, " s ".name_words, " s ".signature, " s ".doc, " body
#define BODY_DELETE(s, body) \
	"  INSERT INTO symbols_stem(symbols_stem, rowid, " BODY_COLS ")\n" \
	"  SELECT 'delete', " BODY_ROW(s, body)
#define BODY_INSERT(s, body) \
	"  INSERT INTO symbols_stem(rowid, " BODY_COLS ")\n" \
	"  SELECT " BODY_ROW(s, body)
static const char body_up[] =
	"DROP TRIGGER files_bd_stem;\n"
	"DROP TRIGGER symbols_stem_au;\n"
	"DROP TRIGGER symbols_stem_ad;\n"
	"DROP TRIGGER symbols_stem_ai;\n"
	"DROP TABLE symbols_stem;\n"
	"CREATE TABLE symbol_words (\n"
	"  id INTEGER PRIMARY KEY REFERENCES symbols(id) ON DELETE CASCADE,\n"
	"  words TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE VIEW symbol_stem_text AS\n"
	"  SELECT " BODY_ROW("s", "COALESCE(w.words, '') AS body") "\n"
	"  FROM symbols s LEFT JOIN symbol_words w ON w.id = s.id;\n"
	"CREATE VIRTUAL TABLE symbols_stem USING fts5(\n"
	"  " BODY_COLS ",\n"
	"  content='symbol_stem_text', content_rowid='id', detail=column,\n"
	"  tokenize=\"porter unicode61 remove_diacritics 2\"\n"
	");\n";

static const char body_triggers[] =
	"CREATE TRIGGER symbols_stem_ai AFTER INSERT ON symbols BEGIN\n"
	BODY_INSERT("new", BODY_OF("new.id")) ";\n"
	"END;\n"
	"CREATE TRIGGER symbols_stem_bd BEFORE DELETE ON symbols BEGIN\n"
	BODY_DELETE("old", BODY_OF("old.id")) ";\n"
	"END;\n"
	"CREATE TRIGGER symbols_stem_au AFTER UPDATE ON symbols BEGIN\n"
	BODY_DELETE("old", BODY_OF("old.id")) ";\n"
	BODY_INSERT("new", BODY_OF("new.id")) ";\n"
	"END;\n"
	"CREATE TRIGGER symbol_words_ai AFTER INSERT ON symbol_words BEGIN\n"
	BODY_DELETE("s", "''") " FROM symbols s WHERE s.id = new.id;\n"
	BODY_INSERT("s", "new.words") " FROM symbols s WHERE s.id = new.id;\n"
	"END;\n"
	"CREATE TRIGGER symbol_words_ad AFTER DELETE ON symbol_words BEGIN\n"
	BODY_DELETE("s", "old.words") " FROM symbols s WHERE s.id = old.id;\n"
	BODY_INSERT("s", "''") " FROM symbols s WHERE s.id = old.id;\n"
	"END;\n"
	"CREATE TRIGGER symbol_words_au AFTER UPDATE ON symbol_words BEGIN\n"
	BODY_DELETE("s", "old.words") " FROM symbols s WHERE s.id = old.id;\n"
	BODY_INSERT("s", "new.words") " FROM symbols s WHERE s.id = new.id;\n"
	"END;\n"
	"INSERT INTO symbols_stem(symbols_stem) VALUES ('rebuild');\n"
	"INSERT INTO symbols_stem(symbols_stem) VALUES ('optimize');\n";

static int body_fill(sqlite3 *db, char **err)
{
	return ax_body_words_fill(db, -1, err) < 0 ? -1 : ax_db_exec(db, body_triggers, err);
}

static const char body_down[] =
	"DROP TRIGGER symbol_words_au;\n"
	"DROP TRIGGER symbol_words_ad;\n"
	"DROP TRIGGER symbol_words_ai;\n"
	"DROP TRIGGER symbols_stem_au;\n"
	"DROP TRIGGER symbols_stem_bd;\n"
	"DROP TRIGGER symbols_stem_ai;\n"
	"DROP TABLE symbols_stem;\n"
	"DROP VIEW symbol_stem_text;\n"
	"DROP TABLE symbol_words;\n"
	STEM_UP;

/* 7: no index on symbols.kind alone (10 MB of a 365 MB index of 6,400
 * files). Every query that filters on a kind also names the symbols
 * (symbols_name), their file (symbols_file) or their full-text match, and
 * a kind-only listing (ax-rank kind:class) reads in path order anyway;
 * EXPLAIN QUERY PLAN of each reader is in tests/db.bats. */
static const char no_kind_index_up[] = "DROP INDEX symbols_kind;\n";

static const char no_kind_index_down[] = "CREATE INDEX symbols_kind ON symbols(kind);\n";

static const struct ax_migration builtin[] = {
	{ .version = 1, .name = "init", .up_sql = init_up, .down_sql = init_down },
	{ .version = 2, .name = "meta", .up_sql = meta_up, .down_sql = meta_down },
	{ .version = 3, .name = "graph", .up_sql = graph_up, .down_sql = graph_down },
	{ .version = 4, .name = "refs_recv", .up_sql = refs_recv_up, .down_sql = refs_recv_down },
	{ .version = 5, .name = "stem", .up_sql = stem_up, .down_sql = stem_down },
	{ .version = 6, .name = "body", .up_sql = body_up, .down_sql = body_down, .up_fn = body_fill,
	  .fn_rev = "1" },
	{ .version = 7, .name = "no_kind_index", .up_sql = no_kind_index_up, .down_sql = no_kind_index_down },
};

const struct ax_migration_list ax_migrations = {
	.m = builtin,
	.n = sizeof builtin / sizeof builtin[0],
};
