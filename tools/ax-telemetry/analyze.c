/* analyze.c: quantiles, the Mann-Whitney U test and duration buckets.
 *
 * Mann-Whitney because durations are skewed and heavy-tailed (a cold cache,
 * a loaded machine): it compares ranks, so a few outliers cannot fake or
 * hide a slowdown, and it needs no assumption about the distribution. */
#include "analyze.h"
#include "base/cli.h"
#include "base/stats.h"
#include "telemetry/telemetry_store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

const double duration_bounds[DURATION_BUCKETS - 1] = {
	1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10000,
};

int duration_bucket(double ms)
{
	int i = 0;
	while (i < DURATION_BUCKETS - 1 && ms >= duration_bounds[i])
		i++;
	return i;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double *durations(sqlite3 *db, const char *tool, const char *version, const char *where,
	int64_t a, int64_t b, size_t *n)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT duration_ms FROM events WHERE tool = ?1 AND (%s)", where);
	sqlite3_stmt *st = ax_tel_db_prepare(db, sql);
	sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, a);
	sqlite3_bind_int64(st, 3, b);
	if (version)
		sqlite3_bind_text(st, 4, version, -1, SQLITE_TRANSIENT);
	size_t cap = 64;
	double *v = ax_malloc(cap * sizeof *v);
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap)
			v = ax_realloc(v, (cap *= 2) * sizeof *v);
		v[(*n)++] = sqlite3_column_double(st, 0);
	}
	sqlite3_finalize(st);
	qsort(v, *n, sizeof *v, cmp_double);
	return v;
}

double quantile(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return 0;
	double pos = p * (double)(n - 1);
	size_t i = (size_t)pos;
	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + (pos - (double)i) * (sorted[i + 1] - sorted[i]);
}

double mann_whitney_greater(const double *a, size_t na, const double *b, size_t nb)
{
	if (!na || !nb)
		return 1;
	/* Both inputs are sorted: merge them, giving tied values their mean
	 * rank, and sum the ranks of b. */
	size_t i = 0, j = 0, rank = 1;
	double rank_b = 0, ties = 0, n = (double)(na + nb);
	while (i < na || j < nb) {
		double v = j >= nb || (i < na && a[i] <= b[j]) ? a[i] : b[j];
		size_t ca = 0, cb = 0;
		while (i < na && a[i] == v) { i++; ca++; }
		while (j < nb && b[j] == v) { j++; cb++; }
		double t = (double)(ca + cb);
		rank_b += (double)cb * ((double)rank + (t - 1) / 2);
		ties += t * t * t - t;
		rank += ca + cb;
	}
	double u = rank_b - (double)nb * ((double)nb + 1) / 2;
	double mean = (double)na * (double)nb / 2;
	double var = (double)na * (double)nb / 12 * ((n + 1) - ties / (n * (n - 1)));
	if (var <= 0)
		return 1;
	double z = (u - mean - 0.5) / sqrt(var);
	return 1 - ax_norm_cdf(z);
}
