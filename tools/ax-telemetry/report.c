/* report.c: aggregating events into the report (JSON). */
#include "report.h"
#include "analyze.h"
#include "base/cli.h"
#include "telemetry/telemetry_store.h"

#include <stdlib.h>
#include <time.h>

#define WHERE "time >= ?2 AND id > ?3"

static sqlite3_stmt *query(sqlite3 *db, const char *sql, const struct report_opts *o)
{
	sqlite3_stmt *st = ax_tel_db_prepare(db, sql);
	sqlite3_bind_int64(st, 2, o->since);
	sqlite3_bind_int64(st, 3, o->after_id);
	return st;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

static json_t *versions_of(sqlite3 *db, const char *tool, const struct report_opts *o)
{
	json_t *list = json_array();
	sqlite3_stmt *st = query(db, "SELECT version, count(*), sum(exit != 0) FROM events"
		" WHERE tool = ?1 AND " WHERE " GROUP BY version ORDER BY min(time), version", o);
	sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *version = col_text(st, 0);
		size_t n;
		double *d = durations(db, tool, version, WHERE " AND version = ?4", o->since, o->after_id, &n);
		json_int_t hist[DURATION_BUCKETS] = { 0 };
		for (size_t i = 0; i < n; i++)
			hist[duration_bucket(d[i])]++;
		json_t *h = json_array();
		for (int i = 0; i < DURATION_BUCKETS; i++)
			json_array_append_new(h, json_integer(hist[i]));
		json_array_append_new(list, json_pack("{s:s, s:I, s:I, s:f, s:f, s:o}",
			"version", version, "runs", (json_int_t)sqlite3_column_int64(st, 1),
			"failures", (json_int_t)sqlite3_column_int64(st, 2),
			"p50_ms", quantile(d, n, 0.5), "p95_ms", quantile(d, n, 0.95), "histogram", h));
		free(d);
	}
	sqlite3_finalize(st);
	return list;
}

/* Runs per day over the last o->days days, events and retained daily totals. */
static json_t *per_day(sqlite3 *db, const char *tool, const struct report_opts *o, int64_t today)
{
	json_int_t *runs = ax_calloc((size_t)o->days, sizeof *runs);
	sqlite3_stmt *st = query(db, "SELECT time / 86400 * 86400, count(*) FROM events"
		" WHERE tool = ?1 AND " WHERE " GROUP BY 1", o);
	sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
	for (int pass = 0; pass < 2; pass++) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t k = (today - sqlite3_column_int64(st, 0)) / 86400;
			if (k >= 0 && k < o->days)
				runs[o->days - 1 - k] += sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
		if (pass == 0) {
			/* Retention folds old events into daily; uploads (after_id)
			 * only ever send events. */
			st = ax_tel_db_prepare(db, "SELECT day, sum(runs) FROM daily"
				" WHERE tool = ?1 AND day >= ?2 AND ?3 = 0 GROUP BY day");
			sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 2, o->since / 86400 * 86400);
			sqlite3_bind_int64(st, 3, o->after_id);
		}
	}
	json_t *a = json_array();
	for (int i = 0; i < o->days; i++)
		json_array_append_new(a, json_integer(runs[i]));
	free(runs);
	return a;
}

/* Largest "files" count per day, for the index size over time. */
static json_t *files_per_day(sqlite3 *db, const char *tool, const struct report_opts *o, int64_t today)
{
	json_t *a = json_array();
	json_int_t *v = ax_calloc((size_t)o->days, sizeof *v);
	int any = 0;
	sqlite3_stmt *st = query(db, "SELECT time / 86400 * 86400, max(json_extract(counts, '$.files'))"
		" FROM events WHERE tool = ?1 AND " WHERE " AND json_extract(counts, '$.files') IS NOT NULL"
		" GROUP BY 1", o);
	sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t k = (today - sqlite3_column_int64(st, 0)) / 86400;
		if (k >= 0 && k < o->days) {
			v[o->days - 1 - k] = sqlite3_column_int64(st, 1);
			any = 1;
		}
	}
	sqlite3_finalize(st);
	for (int i = 0; any && i < o->days; i++)
		json_array_append_new(a, json_integer(v[i]));
	free(v);
	return a;
}

static json_t *tools_of(sqlite3 *db, const struct report_opts *o, int64_t today)
{
	json_t *list = json_array();
	sqlite3_stmt *st = query(db, "SELECT tool, count(*), sum(exit != 0) FROM events"
		" WHERE " WHERE " GROUP BY tool ORDER BY count(*) DESC, tool", o);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *tool = col_text(st, 0);
		json_array_append_new(list, json_pack("{s:s, s:I, s:I, s:o, s:o, s:o}",
			"tool", tool, "runs", (json_int_t)sqlite3_column_int64(st, 1),
			"failures", (json_int_t)sqlite3_column_int64(st, 2),
			"runs_per_day", per_day(db, tool, o, today),
			"files_per_day", files_per_day(db, tool, o, today),
			"versions", versions_of(db, tool, o)));
	}
	sqlite3_finalize(st);
	return list;
}

/* Rows of (a, b, count) as objects with the given key names. */
static json_t *triples(sqlite3 *db, const char *sql, const struct report_opts *o,
	const char *ka, const char *kb, const char *kc)
{
	json_t *list = json_array();
	sqlite3_stmt *st = query(db, sql, o);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:s, s:s, s:I}", ka, col_text(st, 0),
			kb, col_text(st, 1), kc, (json_int_t)sqlite3_column_int64(st, 2)));
	sqlite3_finalize(st);
	return list;
}

json_t *report_build(sqlite3 *db, const struct report_opts *o, int64_t *through_id)
{
	int64_t now = (int64_t)time(NULL);
	int64_t today = now / 86400 * 86400;
	json_t *days = json_array();
	for (int i = o->days - 1; i >= 0; i--)
		json_array_append_new(days, json_integer(today - (int64_t)i * 86400));
	json_t *bounds = json_array();
	for (int i = 0; i < DURATION_BUCKETS - 1; i++)
		json_array_append_new(bounds, json_real(duration_bounds[i]));

	sqlite3_stmt *st = query(db, "SELECT count(*), coalesce(min(time), 0), coalesce(max(time), 0),"
		" coalesce(max(id), ?3) FROM events WHERE " WHERE, o);
	sqlite3_step(st);
	json_int_t events = sqlite3_column_int64(st, 0), from = sqlite3_column_int64(st, 1),
		to = sqlite3_column_int64(st, 2);
	if (through_id)
		*through_id = sqlite3_column_int64(st, 3);
	sqlite3_finalize(st);

	json_t *errors = json_array();
	st = query(db, "SELECT e.tool, j.value, count(*),"
		" (SELECT count(*) FROM events r WHERE r.tool = e.tool AND r.time >= ?2 AND r.id > ?3)"
		" FROM events e, json_each(e.errors) j WHERE e.time >= ?2 AND e.id > ?3"
		" GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2", o);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(errors, json_pack("{s:s, s:s, s:I, s:I}", "tool", col_text(st, 0),
			"error", col_text(st, 1), "count", (json_int_t)sqlite3_column_int64(st, 2),
			"runs", (json_int_t)sqlite3_column_int64(st, 3)));
	sqlite3_finalize(st);

	return json_pack("{s:i, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o}",
		"schema", 1, "generated", (json_int_t)(now / 3600 * 3600), "events", events,
		"from", from, "to", to, "days", days, "duration_bounds_ms", bounds,
		"tools", tools_of(db, o, today),
		"platforms", triples(db, "SELECT os, arch, count(*) FROM events WHERE " WHERE
			" GROUP BY 1, 2 ORDER BY 3 DESC", o, "os", "arch", "runs"),
		"errors", errors,
		"variants", triples(db, "SELECT j.key, j.value, count(*) FROM events e, json_each(e.variants) j"
			" WHERE e.time >= ?2 AND e.id > ?3 GROUP BY 1, 2 ORDER BY 1, 2", o, "flag", "value", "runs"));
}
