/* upload.c: `ax-telemetry upload`, the only code of ax that uses the network.
 *
 * Opt-in only: it refuses unless the mode in effect is `on` and consent was
 * recorded by `ax-telemetry on`. It sends the aggregated report of the
 * events not sent yet (never an event), retries on network errors, timeouts
 * and 5xx with doubling back-off, and records every attempt with the exact
 * JSON in the uploads table. The local store is never touched: only the
 * watermark moves, and only after the server said 2xx. */
#include "base/cli.h"
#include "cmds.h"
#include "report.h"
#include "telemetry/telemetry_store.h"

#include <curl/curl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct upload_opts {
	const char *endpoint;
	long timeout_s;
	long long retries, backoff_ms;
	int dry_run, quiet;
};

/* https anywhere; plain http only to this machine (tests, a local relay). */
static int endpoint_allowed(const char *url)
{
	if (!strncmp(url, "https://", 8))
		return url[8] != '\0';
	static const char *const loopback[] = { "http://127.0.0.1:", "http://127.0.0.1/", "http://[::1]:",
		"http://[::1]/", "http://localhost:", "http://localhost/" };
	for (size_t i = 0; i < sizeof loopback / sizeof loopback[0]; i++)
		if (!strncmp(url, loopback[i], strlen(loopback[i])))
			return 1;
	return 0;
}

/* The report of the events not sent yet, with per-day series over the
 * retention period (events older than that are gone anyway). */
static json_t *pending_report(const struct tel *t, sqlite3 *db, int64_t *through)
{
	struct report_opts o = { 0, ax_tel_meta_get(db, "uploaded_through", 0),
		t->cfg.retention_days < 366 ? t->cfg.retention_days : 366 };
	return report_build(db, &o, through);
}

char *upload_preview(const struct tel *t, sqlite3 *db, int64_t *events)
{
	json_t *r = pending_report(t, db, NULL);
	*events = json_integer_value(json_object_get(r, "events"));
	char *s = *events ? json_dumps(r, JSON_COMPACT) : NULL;
	json_decref(r);
	return s;
}

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

/* One POST; the HTTP status, or 0 with *why set on a transport error. */
static long post_once(const struct upload_opts *o, const char *body, const char **why)
{
	CURL *c = curl_easy_init();
	if (!c) {
		*why = "cannot start libcurl";
		return 0;
	}
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	h = curl_slist_append(h, "User-Agent: ax-telemetry/" AX_VERSION);
	curl_easy_setopt(c, CURLOPT_URL, o->endpoint);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->timeout_s);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_s);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	/* No proxy from the environment: the data goes where the user said. */
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	long status = 0;
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	else
		*why = curl_easy_strerror(rc);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return status;
}

static void record_attempt(sqlite3 *db, const char *endpoint, const char *outcome, long http,
	long long attempts, int64_t through, const char *payload)
{
	sqlite3_stmt *st = ax_tel_db_prepare(db, "INSERT INTO uploads(time, endpoint, outcome, http_status,"
		" attempts, through_event, payload) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	sqlite3_bind_int64(st, 1, (int64_t)time(NULL));
	sqlite3_bind_text(st, 2, endpoint, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, outcome, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, http);
	sqlite3_bind_int64(st, 5, attempts);
	sqlite3_bind_int64(st, 6, through);
	sqlite3_bind_text(st, 7, payload, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		ax_die(AX_EXIT_INTERNAL, "telemetry database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

static void sleep_ms(long long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Sends `body`, retrying; returns the final HTTP status (0: none). */
static long send_with_retries(const struct upload_opts *o, const char *body, long long *attempts,
	char *outcome, size_t cap)
{
	long status = 0;
	long long backoff = o->backoff_ms;
	for (*attempts = 1;; (*attempts)++) {
		const char *why = NULL;
		status = post_once(o, body, &why);
		if (status >= 200 && status < 300) {
			snprintf(outcome, cap, "sent");
			return status;
		}
		if (why)
			snprintf(outcome, cap, "failed: %s", why);
		else
			snprintf(outcome, cap, "failed: HTTP %ld", status);
		/* A 4xx other than 429 will not change by asking again. */
		int retry = !why ? status >= 500 || status == 429 : 1;
		if (!retry || *attempts > o->retries)
			return status;
		if (!o->quiet)
			fprintf(stderr, "ax-telemetry: upload attempt %lld %s; retrying in %lld ms\n",
				*attempts, outcome, backoff);
		sleep_ms(backoff);
		backoff *= 2;
	}
}

static const char usage[] =
	"Usage: ax-telemetry upload [--endpoint URL] [--timeout SECONDS] [--retries N]\n"
	"                           [--backoff-ms MS] [--dry-run] [--quiet]\n"
	"Sends the aggregated report of events not sent yet. Only in mode on, after consent\n"
	"(ax-telemetry on). URL: https://..., or http:// to 127.0.0.1, [::1] or localhost.\n";

static void parse(int argc, char **argv, struct upload_opts *o)
{
	static const struct option longopts[] = {
		{ "endpoint", required_argument, NULL, 'e' }, { "timeout", required_argument, NULL, 't' },
		{ "retries", required_argument, NULL, 'r' }, { "backoff-ms", required_argument, NULL, 'b' },
		{ "dry-run", no_argument, NULL, 'n' }, { "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;
	long long v;
	while ((c = getopt_long(argc, argv, "hnq", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': o->endpoint = optarg; break;
		case 't':
			if ((v = ax_parse_count(optarg, 1, 600)) < 0)
				ax_usage_error("--timeout takes seconds from 1 to 600");
			o->timeout_s = (long)v;
			break;
		case 'r':
			if ((o->retries = ax_parse_count(optarg, 0, 10)) < 0)
				ax_usage_error("--retries takes a number from 0 to 10");
			break;
		case 'b':
			if ((o->backoff_ms = ax_parse_count(optarg, 0, 600000)) < 0)
				ax_usage_error("--backoff-ms takes milliseconds up to 600000");
			break;
		case 'n': o->dry_run = 1; break;
		case 'q': o->quiet = 1; break;
		case 'h': ax_print_help(usage);
		default: ax_bad_option(argv);
		}
	}
	if (optind < argc)
		ax_usage_error("unexpected argument '%s'", argv[optind]);
}

int cmd_upload(struct tel *t, int argc, char **argv)
{
	struct upload_opts o = { NULL, 10, 3, 1000, 0, 0 };
	parse(argc, argv, &o);
	if (t->mode != AX_TEL_ON)
		ax_die(AX_EXIT_USAGE, "upload refused: telemetry mode is %s (from %s); "
			"only 'ax-telemetry on' allows uploads", ax_tel_mode_name(t->mode), t->mode_source);
	if (!t->cfg.consent)
		ax_die(AX_EXIT_USAGE, "upload refused: no consent recorded; run 'ax-telemetry on' first");
	if (!o.endpoint)
		o.endpoint = t->cfg.endpoint[0] ? t->cfg.endpoint : NULL;
	if (!o.endpoint)
		ax_die(AX_EXIT_USAGE, "upload refused: no endpoint: give --endpoint URL or set one with "
			"'ax-telemetry endpoint URL'");
	if (!endpoint_allowed(o.endpoint))
		ax_die(AX_EXIT_USAGE, "upload refused: endpoint must be https:// (or http:// to loopback): %s",
			o.endpoint);

	sqlite3 *db = tel_open_ingested(t, 1);
	int64_t through;
	json_t *r = pending_report(t, db, &through);
	int64_t events = json_integer_value(json_object_get(r, "events"));
	if (!events) {
		if (!o.quiet)
			printf("nothing new to upload\n");
		json_decref(r);
		sqlite3_close(db);
		return AX_EXIT_OK;
	}
	/* A fresh id per upload lets the server drop a retried duplicate. */
	char id[AX_TEL_ID_LEN + 1];
	if (ax_tel_random_id(id) != 0)
		ax_die(AX_EXIT_INTERNAL, "no randomness for the report id");
	json_object_set_new(r, "report_id", json_string(id));
	char *body = json_dumps(r, JSON_COMPACT);
	json_decref(r);
	if (o.dry_run) {
		printf("%s\n", body);
		free(body);
		sqlite3_close(db);
		return AX_EXIT_OK;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	char outcome[256];
	long long attempts;
	long status = send_with_retries(&o, body, &attempts, outcome, sizeof outcome);
	curl_global_cleanup();
	int ok = status >= 200 && status < 300;
	ax_tel_db_exec(db, "BEGIN IMMEDIATE");
	record_attempt(db, o.endpoint, outcome, status, attempts, through, body);
	if (ok)
		ax_tel_meta_set(db, "uploaded_through", through);
	ax_tel_db_exec(db, "COMMIT");
	sqlite3_close(db);
	if (ok && !o.quiet)
		printf("sent the aggregates of %lld %s (%zu bytes) to %s\n", (long long)events,
		       ax_plural(events, "event", "events"), strlen(body), o.endpoint);
	if (!ok)
		ax_error("upload %s after %lld %s; nothing is lost, the next upload sends it",
			outcome, attempts, ax_plural(attempts, "attempt", "attempts"));
	free(body);
	return ok ? AX_EXIT_OK : AX_EXIT_NONE;
}
