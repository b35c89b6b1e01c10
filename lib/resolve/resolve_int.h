/* resolve_int.h: what the per-language resolvers share (private to
 * resolve*.c). The file set is held in memory: paths sorted, a hash from
 * path to file, and helpers that answer "is this path indexed?" and "which
 * files are directly in this directory?". Project files (go.mod, tsconfig,
 * Cargo.toml, ...) are read from disk under the root, once, lazily. */
#ifndef AX_RESOLVE_INT_H
#define AX_RESOLVE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct rfile {
	int64_t id;
	char *path;
	const char *lang;    /* interned: compare with strcmp */
};

/* A growable list of file indexes (into res.files), without duplicates. */
struct targets {
	size_t *v;
	size_t n, cap;
};

enum rstatus { R_FILE, R_EXTERNAL, R_UNRESOLVED };



struct res {
	sqlite3 *db;
	const char *root;    /* NULL: no project files can be read */
	struct rfile *files; /* sorted by path */
	size_t nfiles;
	size_t *hash;        /* open addressing, index+1, 0 empty */
	size_t hcap;
	void *byid;          /* file id -> index, sorted by id (res_index_ids) */
	void *js, *py, *go, *rs, *jvm, *cc, *misc; /* each resolver's lazily built tables */
};

/* Build the path hash over files[] (sorted already). */
void res_index_paths(struct res *r);
/* Build the id index over files[] (after res_index_paths). */
void res_index_ids(struct res *r);
/* File index of the file with this id, or -1. */
long res_by_id(const struct res *r, int64_t id);
/* File index of `path` (exact bytes), or -1. */
long res_find(const struct res *r, const char *path, size_t n);
static inline long res_find0(const struct res *r, const char *path)
{
	return res_find(r, path, strlen(path));
}
/* [*lo, *hi) of the files under directory `dir` ("" = everything). */
void res_subtree(const struct res *r, const char *dir, size_t *lo, size_t *hi);
/* Whether files[i] is directly in `dir` (not in a subdirectory). */
bool res_directly_in(const struct res *r, size_t i, const char *dir);

void targets_add(struct targets *t, size_t i);

/* A hash of s[0..n) (xxh3) for the resolvers' hash tables. */
uint64_t res_hash(const char *s, size_t n);

/* Path helpers; all return malloc'd strings. */
char *path_dir(const char *path);               /* "a/b.c" -> "a", "b.c" -> "" */
/* dir + "/" + rel, with "." and ".." folded; NULL if it climbs above the root. */
char *path_join(const char *dir, const char *rel);
const char *path_base(const char *path);
bool str_ends(const char *s, const char *suffix);
bool str_starts(const char *s, const char *prefix);

/* The whole of root/rel, NUL-terminated, or NULL (no root, missing, > 4 MiB). */
char *res_read(const struct res *r, const char *rel, size_t *len);
/* Whether root/rel exists on disk (for project files that are not indexed). */
bool res_exists(const struct res *r, const char *rel);

/* JSON files as written by people: comments and trailing commas allowed. */
#include <jansson.h>
json_t *res_read_json(const struct res *r, const char *rel);

/* The dispatcher: the resolver of the importing file's language. `line`
 * is the import's (Elixir's __MODULE__ is the module around it). */
enum rstatus resolve_one(struct res *r, size_t from, const char *raw, const char *kind, int64_t line,
			 struct targets *out);

/* Per-language resolvers: resolve `raw` (kind `kind`) imported by file
 * `from` into `out`. Each builds its tables on first use and frees them in
 * its *_free. */
enum rstatus resolve_js(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out);
enum rstatus resolve_py(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out);
enum rstatus resolve_go(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out);
enum rstatus resolve_rust(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out);
enum rstatus resolve_jvm(struct res *r, size_t from, const char *raw, const char *kind, int64_t line,
			 struct targets *out);
enum rstatus resolve_c(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out);
enum rstatus resolve_misc(struct res *r, size_t from, const char *raw, const char *kind, struct targets *out);
/* C/C++: the include directories the build files of the repository name
 * (resolve_c_roots.c), each with the directory of its build file (whose
 * subtree it serves) in owners. */
void c_include_roots(struct res *r, char ***dirs, char ***owners, size_t *ndirs);

void resolve_js_free(struct res *r);
void resolve_py_free(struct res *r);
void resolve_go_free(struct res *r);
void resolve_rust_free(struct res *r);
void resolve_jvm_free(struct res *r);
void resolve_c_free(struct res *r);
void resolve_misc_free(struct res *r);

#endif
