/* body.h: the words of each definition's body, for description search.
 *
 * A description ("return the total number of pages") often shares no
 * word with the name or signature of what it describes, only with the
 * identifiers used inside it. ax_body_words_fill() derives those from
 * what the index already holds: the references of a file (refs) fall to
 * the innermost definition whose lines hold them; their names, split into
 * words (lib/base/words.h), deduplicated, capped, after the parent's name
 * words (`Class.method`), go to symbol_words (migration 6), which
 * symbols_stem indexes as its low-weight `body` column (docs/schema.md). */
#ifndef AX_INDEX_BODY_H
#define AX_INDEX_BODY_H

#include <sqlite3.h>
#include <stdint.h>

/* Words per definition at most: a long function keeps its first ones. */
#define AX_BODY_WORDS_MAX 48

/* Writes the symbol_words rows of the file `file_id`'s symbols (or of
 * every file's when file_id < 0) from its symbols and refs, which must be
 * loaded and have no symbol_words rows yet. Symbols with no word get no
 * row. 0, or -1 with *err set. */
int ax_body_words_fill(sqlite3 *db, int64_t file_id, char **err);

#endif
