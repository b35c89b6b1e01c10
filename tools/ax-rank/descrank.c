/* descrank.c: rank_desc(), the stemmed table's score of a description
 * (see descrank.h). */
#include "descrank.h"
#include "index/db.h"

#include <math.h>

/* The weight of each column of symbols_stem (migration 6): the split
 * name, signature, doc, body words. */
static const double column_weight[] = { 4.0, 1.0, 1.0, 1.0 };
enum { NCOLUMNS = sizeof column_weight / sizeof column_weight[0] };

/* BM25's idf, kept positive for a word half the rows hold. */
static double idf(long rows, sqlite3_int64 total)
{
	return log(1.0 + ((double)total - (double)rows + 0.5) / ((double)rows + 0.5));
}

/* FTS5's bm25(), but the idf from the rows description_match counted
 * (a common word's capped, which only lowers its weight further), and a
 * word's frequency in a column is 1 (detail=column): per word, its
 * columns' weights summed (f), then f (k1 + 1) / (f + k1 (1 - b + b D /
 * avgD)), D the row's words, k1 = 1.2, b = 0.75. */
static void rank_desc(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *cx, int argc,
		      sqlite3_value **argv)
{
	(void)argc, (void)argv;
	const double k1 = 1.2, b = 0.75;
	struct descrank *r = api->xUserData(fts);
	sqlite3_int64 total, size;
	if (!r->ready && api->xRowCount(fts, &total) == SQLITE_OK) {
		for (size_t i = 0; i < r->n; i++)
			r->idf[i] = idf(r->rows[i], total);
		r->avg = api->xColumnTotalSize(fts, -1, &size) == SQLITE_OK && total > 0 ?
				 (double)size / (double)total : 1.0;
		r->ready = true;
	}
	int len;
	double norm = k1 * (1.0 - b + b * (api->xColumnSize(fts, -1, &len) == SQLITE_OK ? len / r->avg : 1.0));
	double score = 0;
	for (size_t i = 0; i < r->n; i++) {
		Fts5PhraseIter it;
		int col;
		double f = 0;
		for (api->xPhraseFirstColumn(fts, (int)(r->first + i), &it, &col); col >= 0;
		     api->xPhraseNextColumn(fts, &it, &col))
			f += col < NCOLUMNS ? column_weight[col] : 0;
		score += r->idf[i] * f * (k1 + 1.0) / (f + norm);
	}
	sqlite3_result_double(cx, -score);
}

static fts5_api *fts5_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int descrank_register(sqlite3 *db, struct descrank *r, char **err)
{
	fts5_api *api = fts5_of(db);
	if (!api || api->xCreateFunction(api, "rank_desc", r, rank_desc, NULL) != SQLITE_OK)
		return ax_db_err(err, "cannot register rank_desc: %s", sqlite3_errmsg(db));
	return 0;
}
