/* objects_built.h: the schema objects every version of the migrations
 * creates, computed once at build time (lib/index/gen/schema_gen.c writes
 * build/gen/index/schema_built.c) for the check at every open (objects.c):
 * running the migrations in memory instead costs about 12 M instructions
 * (2 ms) per open. */
#ifndef AX_INDEX_OBJECTS_BUILT_H
#define AX_INDEX_OBJECTS_BUILT_H

/* A schema's objects, as sqlite_schema lists them: sqlite3_mprintf with
 * the schema name. SQLite's own objects (sqlite_stat1, sqlite_autoindex_*)
 * are left out: no statement can create a name starting "sqlite_". */
#define AX_OBJECTS_QUERY \
	"SELECT type, name, tbl_name, sql FROM \"%w\".sqlite_schema " \
	"WHERE name NOT LIKE 'sqlite\\_%%' ESCAPE '\\' ORDER BY name"

struct ax_built_object {
	const char *type, *name, *table, *sql;
};

struct ax_built_version {
	const struct ax_built_object *v;
	int n;
};

struct ax_built_schema {
	const char *checksum; /* ax_migrations_checksum of the list it was made from */
	int sqlite_version;   /* sqlite3_libversion_number() that made it */
	const struct ax_built_version *versions; /* [0 .. nversions) by version */
	int nversions;
};

extern const struct ax_built_schema ax_schema_built;

#endif
