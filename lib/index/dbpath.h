/* dbpath.h: finding the index, like git finds .git. */
#ifndef AX_DBPATH_H
#define AX_DBPATH_H

/* The index to use: `opt` (--db) if given, else $AX_DB, else the config
 * key db.path (lib/config/config.h; a broken config file exits 2), else .ax/index.db at
 * the project root (the nearest directory at or above the current one with
 * an .ax/, else the top of its git work tree). Returns a
 * malloc'd path, or NULL if none exists (callers that create an index then
 * use ax_db_default_path()). */
char *ax_db_find(const char *opt);

/* Where a new index goes: `opt`, else $AX_DB, else db.path, else ./.ax/index.db. */
char *ax_db_default_path(const char *opt);

#endif
