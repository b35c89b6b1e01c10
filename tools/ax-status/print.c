/* print.c: the status as aligned lines for people, or one JSON object. */
#include "status.h"
#include "base/cli.h"
#include "base/relpath.h"
#include "base/shown.h"

#include <jansson.h>
#include <stdlib.h>
#include <stdio.h>
#include <time.h>

#define LABEL "%-10s "

/* "3 minutes ago", the way git shows relative dates. */
static void print_age(int64_t secs)
{
	static const struct {
		int64_t size;
		const char *name, *names;
	} units[] = { { 86400, "day", "days" }, { 3600, "hour", "hours" }, { 60, "minute", "minutes" },
		      { 1, "second", "seconds" } };
	if (secs < 1) {
		printf("just now");
		return;
	}
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (secs >= units[i].size) {
			long long n = secs / units[i].size;
			printf("%lld %s ago", n, ax_plural(n, units[i].name, units[i].names));
			return;
		}
}

static void print_settings(const char *label, const struct setting *v, size_t n)
{
	if (!n) {
		printf(LABEL "all default\n", label);
		return;
	}
	for (size_t i = 0; i < n; i++)
		printf(LABEL "%s = %s (%s)\n", i ? "" : label, v[i].name, v[i].value, v[i].origin);
}

void status_print_human(const struct status *s, int64_t now)
{
	printf(LABEL "%s\n", "index", ax_shown(s->index));
	printf(LABEL "%d", "schema", s->schema);
	if (s->schema < s->latest)
		printf(" (this ax has %d: run 'ax db migrate')", s->latest);
	else if (s->schema > s->latest)
		printf(" (newer than this ax, which has %d)", s->latest);
	putchar('\n');
	printf(LABEL "%s\n", "root", s->root ? ax_shown(s->root) : "(not recorded)");
	printf(LABEL, "indexed");
	if (s->last_load) {
		char when[64];
		time_t t = (time_t)s->last_load;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %z", localtime(&t));
		printf("%s (", when);
		print_age(now - s->last_load);
		if (s->last_load_seconds >= 0)
			printf(", took %.1fs", s->last_load_seconds);
		printf(")\n");
	} else {
		printf("never\n");
	}
	printf(LABEL "%lld %s, %lld %s\n", "files", (long long)s->files, ax_plural(s->files, "file", "files"),
	       (long long)s->symbols, ax_plural(s->symbols, "symbol", "symbols"));
	for (size_t i = 0; i < s->nlangs; i++)
		printf(LABEL "  %-12s %8lld %-5s %9lld %s\n", "", *s->langs[i].lang ? s->langs[i].lang : "(none)",
		       (long long)s->langs[i].files, ax_plural(s->langs[i].files, "file", "files"),
		       (long long)s->langs[i].symbols, ax_plural(s->langs[i].symbols, "symbol", "symbols"));
	printf(LABEL "%lld\n", "failed", (long long)s->nfailed);
	for (size_t i = 0; i < s->nfailed_shown; i++) {
		const struct failed *f = &s->failed[i];
		printf(LABEL "  %s: %s:%s: %s\n", "", f->path ? ax_shown(ax_relpath_show(s->root, f->path)) : "(no file)", f->stage, f->code,
		       ax_shown_text(f->msg));
	}
	if ((size_t)s->nfailed > s->nfailed_shown)
		printf(LABEL "  ... and %lld more\n", "", (long long)s->nfailed - (long long)s->nfailed_shown);
	printf(LABEL, "stale");
	/* No root: no load ever finished (one interrupted before its
	 * first commit leaves an empty index). */
	if (!s->stale_checked && !s->root)
		printf("not checked: no index run has finished yet: run 'ax index'\n");
	else if (!s->stale_checked)
		printf("not checked: the root %s is not on disk\n", s->root);
	else if (!s->changed && !s->missing)
		printf("none\n");
	else
		printf("%lld changed, %lld missing: run 'ax index' to update\n", (long long)s->changed,
		       (long long)s->missing);
	for (size_t i = 0; i < s->nstale_shown; i++)
		printf(LABEL "  %-8s %s\n", "", s->stale[i].missing ? "missing" : "changed", ax_shown(ax_relpath_show(s->root, s->stale[i].path)));
	if ((size_t)(s->changed + s->missing) > s->nstale_shown)
		printf(LABEL "  ... and %lld more\n", "",
		       (long long)(s->changed + s->missing) - (long long)s->nstale_shown);
	if (s->refused)
		printf(LABEL "  %lld indexed path%s refused: not inside the root (docs/stream.md)\n", "",
		       (long long)s->refused, s->refused == 1 ? "" : "s");
	print_settings("flags", s->flags, s->nflags);
	print_settings("config", s->config, s->nconfig);
	printf(LABEL "%s (%s)\n", "telemetry", s->telemetry, s->telemetry_source);
}

/* A JSON string of any bytes: jansson refuses bytes that are not UTF-8,
 * so they become U+FFFD first, as every --json output writes them. */
static json_t *jstr(const char *s)
{
	if (!s)
		return json_null();
	char *ok = ax_utf8_repair(s);
	json_t *v = json_string(ok);
	free(ok);
	return v;
}

static json_t *settings_json(const struct setting *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "name", v[i].name, "value", v[i].value,
						   "origin", v[i].origin));
	return a;
}

void status_print_json(const struct status *s)
{
	json_t *langs = json_array(), *failed = json_array(), *stale = json_array();
	for (size_t i = 0; i < s->nlangs; i++)
		json_array_append_new(langs, json_pack("{s:s, s:I, s:I}", "lang", s->langs[i].lang, "files",
						       (json_int_t)s->langs[i].files, "symbols",
						       (json_int_t)s->langs[i].symbols));
	for (size_t i = 0; i < s->nfailed_shown; i++) {
		const struct failed *f = &s->failed[i];
		json_array_append_new(failed, json_pack("{s:o, s:s, s:s, s:o}", "path", jstr(f->path), "stage", f->stage,
							"code", f->code, "msg", jstr(f->msg)));
	}
	for (size_t i = 0; i < s->nstale_shown; i++)
		json_array_append_new(stale, json_pack("{s:o, s:s}", "path", jstr(s->stale[i].path), "state",
						       s->stale[i].missing ? "missing" : "changed"));
	json_t *o = json_pack(
		"{s:o, s:i, s:i, s:o, s:o, s:o, s:I, s:I, s:o, s:{s:I, s:o}, s:o, s:o, s:o, s:{s:s, s:s}}",
		"index", jstr(s->index), "schema", s->schema, "schema_latest", s->latest, "root", jstr(s->root),
		"last_load", s->last_load ? json_integer(s->last_load) : json_null(),
		"last_load_seconds", s->last_load_seconds >= 0 ? json_real(s->last_load_seconds) : json_null(),
		"files", (json_int_t)s->files, "symbols", (json_int_t)s->symbols, "languages", langs,
		"failed", "count", (json_int_t)s->nfailed, "files", failed,
		"stale", s->stale_checked ? json_pack("{s:I, s:I, s:o}", "changed", (json_int_t)s->changed, "missing",
						      (json_int_t)s->missing, "files", stale)
					  : (json_decref(stale), json_null()),
		"flags", settings_json(s->flags, s->nflags), "config", settings_json(s->config, s->nconfig),
		"telemetry", "mode", s->telemetry, "source", s->telemetry_source);
	if (s->refused)
		json_object_set_new(json_object_get(o, "stale"), "refused", json_integer(s->refused));
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	putchar('\n');
	json_decref(o);
}
