/* report.c: reading the telemetry store for report, guard and stale.
 *
 * Each event names the variant (or "on"/"off") every flag gave the run,
 * so an arm of an experiment is simply the events carrying one value. */
#include "flag.h"
#include "base/cli.h"
#include "telemetry/telemetry.h"
#include "telemetry/telemetry_store.h"
#include "base/stats.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#define MAX_ARMS 32
#define ALPHA 0.05
#define POWER 0.8
#define SRM_ALPHA 0.001

/* The telemetry store with the spool ingested first, as the telemetry
 * dashboard does (lib/telemetry/telemetry_store.h); NULL if there is
 * nothing recorded yet, unless `must_exist`. */
static sqlite3 *open_db(bool must_exist)
{
	char *dir = ax_tel_dir();
	struct ax_tel_config cfg;
	struct ax_tel_ingest_stats st;
	sqlite3 *db = NULL;
	if (dir) {
		ax_tel_config_load(dir, &cfg);
		db = ax_tel_open_ingested(dir, cfg.retention_days, &st);
	}
	if (!db && must_exist)
		ax_die(AX_EXIT_NONE, "no telemetry recorded yet in %s (ax tools record events while "
		       "telemetry is local or on: 'ax telemetry status')", dir ? dir : "$HOME/.local/state/ax");
	free(dir);
	return db;
}

struct arm {
	char name[128];
	struct ax_sample duration, results;
	double errors, nonzero_exit, failed; /* counts of events */
};

struct arms {
	struct arm arm[MAX_ARMS];
	int n;
	double events;
};

static struct arm *arm_get(struct arms *a, const char *name)
{
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->arm[i].name, name) == 0)
			return &a->arm[i];
	if (a->n == MAX_ARMS)
		return NULL;
	struct arm *r = &a->arm[a->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->name, sizeof r->name, "%s", name);
	return r;
}

static void collect(sqlite3 *db, const char *flag, int64_t since, struct arms *out)
{
	char *path = sqlite3_mprintf("$.\"%w\"", flag);
	const char *sql =
		"SELECT json_extract(variants, ?1), duration_ms, exit, json_array_length(errors),"
		" coalesce(json_extract(counts, '$.results'), 0)"
		" FROM events WHERE json_extract(variants, ?1) IS NOT NULL AND time >= ?2";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		ax_die(AX_EXIT_USAGE, "telemetry store: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, since);
	memset(out, 0, sizeof *out);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		struct arm *a = arm_get(out, v ? v : "");
		if (!a)
			continue;
		int exit_status = sqlite3_column_int(st, 2);
		int nerr = sqlite3_column_int(st, 3);
		ax_sample_add(&a->duration, sqlite3_column_double(st, 1));
		ax_sample_add(&a->results, sqlite3_column_double(st, 4));
		a->errors += nerr > 0;
		a->nonzero_exit += exit_status != 0;
		a->failed += nerr > 0 || exit_status >= 2;
		out->events++;
	}
	if (rc != SQLITE_DONE)
		ax_die(AX_EXIT_USAGE, "telemetry store: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_free(path);
}

/* The arm others are compared with: the default variant, else the first
 * variant, else "off". */
static const char *control_of(const struct ax_flag *f)
{
	if (f && f->nvariants)
		return f->default_variant ? f->default_variant : f->variants[0].name;
	return "off";
}

/* Expected share of each arm, from the configuration; false if unknown. */
static bool expected_share(const struct ax_flag *f, const char *arm, double *share)
{
	if (!f)
		return false;
	if (f->nvariants) {
		for (size_t i = 0; i < f->nvariants; i++)
			if (strcmp(f->variants[i].name, arm) == 0) {
				*share = 100.0 * f->variants[i].weight / ax_flag_variant_total(f);
				return true;
			}
		return false;
	}
	if (strcmp(arm, "on") == 0) *share = f->rollout;
	else if (strcmp(arm, "off") == 0) *share = 100 - f->rollout;
	else return false;
	return true;
}

static void srm_check(const struct ax_flag *f, const struct arms *arms)
{
	double obs[MAX_ARMS], want[MAX_ARMS];
	size_t k = 0;
	char expected[512] = "";
	size_t at = 0;
	for (int i = 0; i < arms->n; i++) {
		double share;
		if (!expected_share(f, arms->arm[i].name, &share))
			continue;
		obs[k] = arms->arm[i].duration.n;
		want[k++] = share;
		at += (size_t)snprintf(expected + at, sizeof expected - (at < sizeof expected ? at : sizeof expected),
			"%s%s %g%%", k > 1 ? ", " : "", arms->arm[i].name, share);
		if (at >= sizeof expected)
			at = sizeof expected - 1;
	}
	if (k < 2) {
		printf("sample ratio: not checked (fewer than two arms with a configured share)\n");
		return;
	}
	double chi2, p = ax_chi2_gof(obs, want, k, &chi2);
	printf("sample ratio: expected %s; chi-square = %.3f, df = %zu, p = %.4g: %s\n", expected, chi2,
		k - 1, p, p < SRM_ALPHA ? "MISMATCH (p < 0.001): the assignment or the logging is broken, "
		"do not trust this report" : "ok");
}

static bool is_rate(const char *metric)
{
	return strcmp(metric, "errors") == 0 || strcmp(metric, "exit") == 0;
}

static double rate_count(const struct arm *a, const char *metric)
{
	return strcmp(metric, "errors") == 0 ? a->errors : a->nonzero_exit;
}

static const struct ax_sample *mean_of(const struct arm *a, const char *metric)
{
	return strcmp(metric, "duration") == 0 ? &a->duration : &a->results;
}

int cmd_report(const struct ax_flagset *set, const char *name, const char *metric, int64_t since)
{
	if (strcmp(metric, "duration") && strcmp(metric, "results") && !is_rate(metric))
		ax_usage_error("--metric must be duration, errors, results or exit, not '%s'", metric);
	const struct ax_flag *f = ax_flagset_find(set, name);
	sqlite3 *db = open_db(true);
	struct arms arms;
	collect(db, name, since, &arms);
	sqlite3_close(db);
	if (arms.n == 0) {
		printf("%s: no telemetry events carry this flag\n", name);
		return AX_EXIT_NONE;
	}
	const char *control = control_of(f);
	const char *unit = strcmp(metric, "duration") == 0 ? " ms" : "";
	printf("flag %s, metric %s, %.0f events, control arm '%s'\n", name, metric, arms.events, control);
	printf("%-16s %8s %12s  %s\n", "ARM", "N", is_rate(metric) ? "RATE" : "MEAN", "95% CI");
	const struct arm *ctl = NULL;
	for (int i = 0; i < arms.n; i++) {
		const struct arm *a = &arms.arm[i];
		double n = a->duration.n, lo, hi;
		if (strcmp(a->name, control) == 0)
			ctl = a;
		if (is_rate(metric)) {
			double x = rate_count(a, metric);
			ax_rate_ci(x, n, &lo, &hi);
			printf("%-16s %8.0f %11.2f%%  [%.2f%%, %.2f%%]\n", a->name, n, 100 * x / n, 100 * lo, 100 * hi);
		} else {
			const struct ax_sample *s = mean_of(a, metric);
			ax_mean_ci(s, &lo, &hi);
			printf("%-16s %8.0f %12.3f  [%.3f, %.3f]%s\n", a->name, n, s->mean, lo, hi, unit);
		}
	}
	srm_check(f, &arms);
	if (!ctl) {
		printf("verdict: not yet: no events in the control arm '%s'\n", control);
		return AX_EXIT_OK;
	}
	for (int i = 0; i < arms.n; i++) {
		const struct arm *a = &arms.arm[i];
		if (a == ctl)
			continue;
		struct ax_test t;
		double need;
		int rc;
		if (is_rate(metric)) {
			double xa = rate_count(ctl, metric), xb = rate_count(a, metric);
			rc = ax_prop_test(xa, ctl->duration.n, xb, a->duration.n, &t);
			need = ax_sample_size_rates(xa / ctl->duration.n, xb / a->duration.n, ALPHA, POWER);
			if (rc == 0)
				printf("%s vs %s: difference %+.2f points [%+.2f, %+.2f], z = %.3f, p = %.4g\n",
					a->name, ctl->name, 100 * t.diff, 100 * t.lo, 100 * t.hi, t.stat, t.p);
		} else {
			const struct ax_sample *sa = mean_of(ctl, metric), *sb = mean_of(a, metric);
			rc = ax_welch_test(sa, sb, &t);
			need = ax_sample_size_means(ax_sample_var(sa), ax_sample_var(sb), sb->mean - sa->mean,
				ALPHA, POWER);
			if (rc == 0)
				printf("%s vs %s: difference %+.3f%s [%+.3f, %+.3f], Welch t = %.3f, df = %.1f, p = %.4g\n",
					a->name, ctl->name, t.diff, unit, t.lo, t.hi, t.stat, t.df, t.p);
		}
		if (rc != 0) {
			printf("verdict %s: not yet: too few events or no variation to test\n", a->name);
			continue;
		}
		if (t.p < ALPHA)
			printf("verdict %s: significant (p < %.2g): %s is %s than %s\n", a->name, ALPHA, a->name,
				t.diff > 0 ? "higher" : "lower", ctl->name);
		else if (isinf(need))
			printf("verdict %s: not yet: no observed difference\n", a->name);
		else
			printf("verdict %s: not yet (p = %.3g): about %.0f events per arm would detect the observed "
				"effect (80%% power)\n", a->name, t.p, need);
	}
	return AX_EXIT_OK;
}

json_t *telemetry_seen_flags(int64_t since)
{
	sqlite3 *db = open_db(false);
	if (!db)
		return NULL;
	json_t *seen = json_object();
	sqlite3_stmt *st;
	const char *sql = "SELECT DISTINCT j.key FROM events, json_each(events.variants) AS j"
		" WHERE events.time >= ?1";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		ax_die(AX_EXIT_USAGE, "telemetry store: %s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, since);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_object_set_new(seen, (const char *)sqlite3_column_text(st, 0), json_true());
	sqlite3_finalize(st);
	sqlite3_close(db);
	return seen;
}

static double now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

/* One flag: is any treatment arm's failure rate significantly above the
 * control's (one-sided) and above max_rate? Kills the flag if so. */
static int guard_flag(const struct ax_flagset *set, sqlite3 *db, const char *name, double max_rate,
	double alpha, int min_events, int64_t since, bool dry_run, enum target t, bool named)
{
	const struct ax_flag *f = ax_flagset_find(set, name);
	struct arms arms;
	collect(db, name, since, &arms);
	if (arms.n < 2 && !named)
		return 0; /* not under experiment: one value for everyone */
	const char *control = control_of(f);
	const struct arm *ctl = NULL;
	for (int i = 0; i < arms.n; i++)
		if (strcmp(arms.arm[i].name, control) == 0)
			ctl = &arms.arm[i];
	if (!ctl || ctl->duration.n < min_events) {
		printf("guard: %s: not enough control ('%s') events to judge\n", name, control);
		return 0;
	}
	if (f && !f->enabled) {
		printf("guard: %s: already off\n", name);
		return 0;
	}
	for (int i = 0; i < arms.n; i++) {
		const struct arm *a = &arms.arm[i];
		if (a == ctl)
			continue;
		double rb = a->failed / a->duration.n, ra = ctl->failed / ctl->duration.n;
		struct ax_test test;
		if (a->duration.n < min_events ||
		    ax_prop_test(ctl->failed, ctl->duration.n, a->failed, a->duration.n, &test) != 0) {
			printf("guard: %s: arm '%s': not enough events to judge\n", name, a->name);
			continue;
		}
		double p_worse = ax_norm_cdf(-test.stat); /* one-sided: treatment worse */
		if (rb > max_rate && p_worse < alpha) {
			char why[400], reason[512];
			snprintf(why, sizeof why,
				"error rate of '%s' %.2f%% vs '%s' %.2f%% (z = %.2f, one-sided p = %.3g, "
				"n = %.0f/%.0f, limit %.2f%%)", a->name, 100 * rb, ctl->name, 100 * ra, test.stat,
				p_worse, a->duration.n, ctl->duration.n, 100 * max_rate);
			snprintf(reason, sizeof reason, "guard: %s", why);
			if (dry_run) {
				printf("guard: %s: would kill: %s\n", name, why);
				return 1;
			}
			double t0 = now_ms();
			kill_flag(t, name, reason, "guard");
			printf("guard: %s: killed in %.1f ms: %s\n", name, now_ms() - t0, why);
			return 1;
		}
		printf("guard: %s: arm '%s' ok (error rate %.2f%% vs %.2f%%, one-sided p = %.3g)\n", name,
			a->name, 100 * rb, 100 * ra, p_worse);
	}
	return 0;
}

int cmd_guard(const struct ax_flagset *set, char **names, int n, double max_rate, double alpha,
	int min_events, int64_t since, bool dry_run, enum target t)
{
	sqlite3 *db = open_db(true);
	int killed = 0;
	if (n > 0) {
		for (int i = 0; i < n; i++)
			killed += guard_flag(set, db, names[i], max_rate, alpha, min_events, since, dry_run, t, true);
	} else {
		/* Every flag under experiment: those telemetry has seen. */
		json_t *seen = telemetry_seen_flags(since);
		const char *key;
		json_t *v;
		json_object_foreach(seen, key, v)
			killed += guard_flag(set, db, key, max_rate, alpha, min_events, since, dry_run, t, false);
		json_decref(seen);
	}
	sqlite3_close(db);
	printf("guard: %d %s %s\n", killed, ax_plural(killed, "flag", "flags"),
	       dry_run ? "would be killed" : "killed");
	return AX_EXIT_OK;
}
