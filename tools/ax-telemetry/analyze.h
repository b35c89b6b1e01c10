/* analyze.h: the statistics of ax-telemetry's reports. */
#ifndef AX_TELEMETRY_ANALYZE_H
#define AX_TELEMETRY_ANALYZE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* Durations (ms) of `tool`'s runs, ascending, for events matching
 * `where`: an SQL condition on events where ?1 is the tool, ?2 and ?3 are
 * a and b, and ?4 is `version` (may be NULL). malloc'd; *n is their number. */
double *durations(sqlite3 *db, const char *tool, const char *version, const char *where,
	int64_t a, int64_t b, size_t *n);

/* The p-quantile of sorted values (linear interpolation); 0 if n is 0. */
double quantile(const double *sorted, size_t n, double p);

/* Mann-Whitney U test that `b` tends to be larger than `a` (one-sided),
 * normal approximation with tie and continuity corrections. Returns the
 * p-value; 1 when a sample is empty. */
double mann_whitney_greater(const double *a, size_t na, const double *b, size_t nb);

/* Upper bounds (ms) of the duration histogram buckets; the last is open. */
#define DURATION_BUCKETS 12
extern const double duration_bounds[DURATION_BUCKETS - 1];
int duration_bucket(double ms);

#endif
