/* report.h: the aggregated report, the one shape behind the dashboard,
 * report --json/--html and upload (docs/telemetry.md lists its fields). */
#ifndef AX_TELEMETRY_REPORT_H
#define AX_TELEMETRY_REPORT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

struct report_opts {
	int64_t since;     /* events from this time on (unix seconds) */
	int64_t after_id;  /* and with an id above this (the upload watermark) */
	int days;          /* length of the per-day series, ending today */
};

/* Aggregates only: counts, quantiles and histograms per tool, version,
 * platform, error code and flag variant; never an event, a session or an
 * install id. *through_id (if not NULL) is the largest event id included. */
json_t *report_build(sqlite3 *db, const struct report_opts *o, int64_t *through_id);

/* The terminal dashboard (80 columns, colour if `colour`). */
void dashboard_print(FILE *out, json_t *report, int colour);

/* A self-contained HTML page with inline SVG charts. 0 or -1. */
int report_write_html(FILE *out, json_t *report);

#endif
