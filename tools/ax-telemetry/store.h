/* store.h: telemetry.db, and moving the spool into it (ingest). */
#ifndef AX_TELEMETRY_STORE_H
#define AX_TELEMETRY_STORE_H

#include "telemetry/telemetry_db.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct ingest_stats {
	size_t added;       /* new events stored */
	size_t duplicates;  /* already stored (an earlier ingest was cut short) */
	size_t corrupt;     /* stretches of torn or corrupted spool skipped */
	size_t pruned;      /* events past retention, folded into daily totals */
};

/* Moves every event of the spool into the database, idempotently: a spool
 * file is removed only after the transaction holding its events commits,
 * and events are keyed by their uid. Then applies retention. 0, or -1 with
 * a message already printed. */
int store_ingest(const char *dir, sqlite3 *db, int retention_days, struct ingest_stats *st);

/* meta table: small named values (upload watermark, skipped counts). */
int64_t store_meta_get(sqlite3 *db, const char *key, int64_t dflt);
void store_meta_set(sqlite3 *db, const char *key, int64_t value);

#endif
