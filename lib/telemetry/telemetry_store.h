/* telemetry_store.h: moving the spool into telemetry.db (ingest), on demand
 * for every reader (ax-telemetry's commands, ax-flag's report, guard and
 * stale), and the store's meta table. */
#ifndef AX_TELEMETRY_STORE_H
#define AX_TELEMETRY_STORE_H

#include "telemetry/telemetry_db.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct ax_tel_ingest_stats {
	size_t added;       /* new events stored */
	size_t duplicates;  /* already stored (an earlier ingest was cut short) */
	size_t corrupt;     /* stretches of torn or corrupted spool skipped */
	size_t pruned;      /* events past retention, folded into daily totals */
};

/* Moves every event of the spool into the database, idempotently: a spool
 * file is removed only after the transaction holding its events commits,
 * and events are keyed by their uid. Then applies retention. 0, or -1 with
 * a message already printed. */
int ax_tel_ingest(const char *dir, sqlite3 *db, int retention_days, struct ax_tel_ingest_stats *st);

/* telemetry.db in dir with the spool ingested into it first, as every
 * reader wants it; *st says what the ingest did. NULL (and *st zero) when
 * there is nothing on disk yet: no spool and no store. Exits 3 if the
 * ingest fails. */
sqlite3 *ax_tel_open_ingested(const char *dir, int retention_days, struct ax_tel_ingest_stats *st);

/* meta table: small named values (upload watermark, skipped counts). */
int64_t ax_tel_meta_get(sqlite3 *db, const char *key, int64_t dflt);
void ax_tel_meta_set(sqlite3 *db, const char *key, int64_t value);

#endif
