/* resolve.h: imports resolved to the files of the index they refer to.
 *
 * Resolution needs the whole file set (a new file can make an old import
 * resolve, or change where it goes), so it runs after a load, not inside
 * it: ax-load calls ax_resolve_imports() once its last batch is committed,
 * and `ax-graph resolve` runs it by hand. The rules per language are in
 * docs/imports.md; the principle is precision first: an import that cannot
 * be resolved exactly stays 'unresolved', never guessed.
 *
 * Incremental: if neither the file set nor any project file that steers
 * resolution (package.json, tsconfig.json, Cargo.toml, ...) changed since
 * the last run, only imports not resolved yet (status NULL: new or changed
 * files) are resolved. Otherwise every import is resolved again in memory
 * and only the imports whose outcome differs are written. */
#ifndef AX_RESOLVE_H
#define AX_RESOLVE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

struct ax_resolve_stats {
	uint64_t examined;   /* imports resolved (in memory) */
	uint64_t changed;    /* imports whose status or targets were rewritten */
	uint64_t resolved, external, unresolved; /* outcomes of the examined */
	uint64_t edges_added, edges_deleted;
	bool full;           /* every import was examined */
};

/* Is the last pass still current? True when it finished and no file was
 * added, replaced or deleted since (every writer of files deletes meta
 * 'graph.current' in the transaction that changes them) and no import
 * waits to be resolved: a pass would change nothing. */
bool ax_resolve_current(sqlite3 *db);

/* Resolve in one write transaction. `root` is the directory the index's
 * paths are relative to (project files such as go.mod are read from it),
 * or NULL for the index's meta 'root'; without a root, only rules that
 * need no project file apply. `all` forces a full pass. 0, or -1 and *err. */
int ax_resolve_imports(sqlite3 *db, const char *root, bool all,
		       struct ax_resolve_stats *st, char **err);

#endif
