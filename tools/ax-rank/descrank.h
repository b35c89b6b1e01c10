/* descrank.h: the score of a description's rows in the stemmed table.
 *
 * FTS5's bm25() costs ~30 000 instructions a row on a query of several
 * words: it counts every row of each word once (its idf) and reads each
 * row's column sizes. A description reads thousands of rows, so
 * rank_desc(symbols_stem) scores them from what the row's match already
 * holds: the sum over the query's words of idf × the weight of the best
 * column the word is in (symbols_stem is detail=column: which columns,
 * not how often). The idf comes from the row counts description_match()
 * took anyway. Lower is better, as bm25(). */
#ifndef RANK_DESCRANK_H
#define RANK_DESCRANK_H

#include "rank.h"

#include <sqlite3.h>
#include <stdbool.h>

struct descrank {
	long rows[RANK_DESC_WORDS];   /* rows holding each scored phrase */
	size_t first, n;              /* the phrases scored: first .. first+n-1 */
	double idf[RANK_DESC_WORDS];  /* filled at the first row */
	double avg;                   /* words a row holds on average */
	bool ready;
};

/* Registers rank_desc() on db's FTS5, scoring by `r` (which must outlive
 * the statements that call it). 0, or -1 with *err. */
int descrank_register(sqlite3 *db, struct descrank *r, char **err);

#endif
