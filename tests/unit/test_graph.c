/* test_graph.c: import resolution (lib/resolve/): the path helpers, the
 * in-memory file set, JSONC project files, and ax_resolve_imports() on a
 * small index, full and incremental. */
#include "test.h"
#include "index/db.h"
#include "index/migrate.h"
#include "resolve/resolve.h"
#include "resolve/resolve_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_paths(void)
{
	char *p;
	p = path_join("a/b", "../c/./d.ts");
	CHECK_EQ_STR(p, "a/c/d.ts");
	free(p);
	p = path_join("", "x");
	CHECK_EQ_STR(p, "x");
	free(p);
	p = path_join("a", "..");
	CHECK_EQ_STR(p, "");
	free(p);
	CHECK(path_join("a", "../../x") == NULL); /* above the root */
	p = path_join("a/b", "/top");
	CHECK_EQ_STR(p, "top");
	free(p);
	p = path_dir("a/b/c.py");
	CHECK_EQ_STR(p, "a/b");
	free(p);
	p = path_dir("c.py");
	CHECK_EQ_STR(p, "");
	free(p);
	CHECK_EQ_STR(path_base("a/b/c.py"), "c.py");
	CHECK(str_ends("x.d.ts", ".d.ts") && !str_ends("ts", ".d.ts"));
}

static void test_fileset(void)
{
	static struct rfile files[] = {
		{ 1, "a/b.go", "go" }, { 2, "a/c.go", "go" }, { 3, "a/sub/d.go", "go" },
		{ 4, "a0.go", "go" }, { 5, "ab/x.go", "go" },
	};
	struct res r = { .files = files, .nfiles = 5 };
	res_index_paths(&r);
	CHECK_EQ_INT(res_find0(&r, "a/c.go"), 1);
	CHECK_EQ_INT(res_find0(&r, "a/c"), -1);
	CHECK_EQ_INT(res_find(&r, "a/c.gox", 6), 1); /* length-bounded */
	size_t lo, hi;
	res_subtree(&r, "a", &lo, &hi);
	CHECK_EQ_INT(lo, 0);
	CHECK_EQ_INT(hi, 3); /* not a0.go, not ab/ */
	CHECK(res_directly_in(&r, 0, "a") && !res_directly_in(&r, 2, "a") && res_directly_in(&r, 3, ""));
	free(r.hash);
}

static char root[TEST_TMP_MAX];

static void put_file(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	for (char *s = path + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static void test_jsonc(void)
{
	put_file("tsconfig.json", "{\n // a comment, \"quoted\"\n \"a\": \"http://x/*y*/\", /* block */ \"b\": [1, 2,],\n}\n");
	struct res r = { .root = root };
	json_t *j = res_read_json(&r, "tsconfig.json");
	CHECK(j != NULL);
	CHECK_EQ_STR(json_string_value(json_object_get(j, "a")), "http://x/*y*/");
	CHECK_EQ_INT(json_array_size(json_object_get(j, "b")), 2);
	json_decref(j);
}

static sqlite3 *db;

static int64_t add_file(const char *path, const char *lang)
{
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "INSERT INTO files(path, lang, size, mtime, hash, indexed_at) VALUES (?1, ?2, 0, 0, 0, 0)",
			   -1, &st, NULL);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(db);
}

static void add_import(int64_t file, const char *raw, const char *kind)
{
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "INSERT INTO imports(file_id, raw, kind, line) VALUES (?1, ?2, ?3, 1)", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, file);
	sqlite3_bind_text(st, 2, raw, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

static int64_t count(const char *sql)
{
	int64_t n = -1;
	ax_db_int(db, sql, &n, NULL);
	return n;
}

static void test_resolve(void)
{
	char dbpath[600], *err = NULL;
	snprintf(dbpath, sizeof dbpath, "%s/index.db", root);
	int version;
	db = ax_db_open_path(dbpath, AX_DB_WRITE | AX_DB_CREATE, &version, &err);
	CHECK(db != NULL);
	struct ax_change ch = { 0 };
	CHECK_EQ_INT(ax_db_change(db, dbpath, &ax_migrations, ax_migrations.m[ax_migrations.n - 1].version,
				  false, &ch, &err), 0);
	ax_change_free(&ch);

	put_file("go.mod", "module example.com/m // the module\n");
	int64_t main_go = add_file("cmd/main.go", "go");
	add_file("lib/a.go", "go");
	add_file("lib/b.go", "go");
	add_file("lib/a_test.go", "go");
	add_import(main_go, "example.com/m/lib", "import");
	add_import(main_go, "fmt", "import");
	int64_t app = add_file("app.ts", "typescript");
	add_file("util/index.ts", "typescript");
	add_import(app, "./util", "import");
	add_import(app, "./nothing", "import");

	struct ax_resolve_stats st;
	CHECK_EQ_INT(ax_resolve_imports(db, root, false, &st, &err), 0);
	CHECK(st.full); /* the first pass */
	CHECK_EQ_INT(st.examined, 4);
	CHECK_EQ_INT(st.resolved, 2);
	CHECK_EQ_INT(st.external, 1);
	CHECK_EQ_INT(st.unresolved, 1);
	CHECK_EQ_INT(count("SELECT count(*) FROM edges"), 3); /* a.go, b.go (not the test), util/index.ts */
	CHECK_EQ_INT(count("SELECT count(*) FROM edges e JOIN files f ON f.id = e.dst_id WHERE f.path LIKE '%_test.go'"), 0);
	CHECK_EQ_INT(count("SELECT count(*) FROM imports WHERE status = 'file' AND target_id IS NOT NULL"), 2);

	/* Nothing changed: nothing examined. */
	CHECK_EQ_INT(ax_resolve_imports(db, root, false, &st, &err), 0);
	CHECK(!st.full);
	CHECK_EQ_INT(st.examined, 0);

	/* A changed file's new import: only it is resolved. */
	add_import(app, "./util/index", "import");
	CHECK_EQ_INT(ax_resolve_imports(db, root, false, &st, &err), 0);
	CHECK(!st.full);
	CHECK_EQ_INT(st.examined, 1);
	CHECK_EQ_INT(st.changed, 1);

	/* A new file: a full pass in memory, but only the import it affects is rewritten. */
	add_file("nothing.tsx", "typescript");
	CHECK_EQ_INT(ax_resolve_imports(db, root, false, &st, &err), 0);
	CHECK(st.full);
	CHECK_EQ_INT(st.examined, 5);
	CHECK_EQ_INT(st.changed, 1);
	CHECK_EQ_INT(st.edges_added, 1);
	CHECK_EQ_INT(count("SELECT count(*) FROM imports WHERE status = 'unresolved'"), 0);

	/* A deleted target: its edges go, and the next pass marks the import unresolved. */
	ax_db_exec(db, "DELETE FROM files WHERE path = 'nothing.tsx'", NULL);
	CHECK_EQ_INT(ax_resolve_imports(db, root, false, &st, &err), 0);
	CHECK_EQ_INT(st.changed, 1);
	CHECK_EQ_INT(count("SELECT count(*) FROM imports WHERE status = 'unresolved'"), 1);
	sqlite3_close(db);
	free(err);
}

int main(void)
{
	CHECK(mkdtemp(test_tmp(root, "graph")) != NULL);
	test_paths();
	test_fileset();
	test_jsonc();
	test_resolve();
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	CHECK_EQ_INT(system(cmd), 0);
	return test_summary();
}
