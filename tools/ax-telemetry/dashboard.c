/* dashboard.c: the report on a terminal, within 80 columns. */
#include "report.h"
#include "base/cli.h"

#include <math.h>
#include <string.h>

struct style { const char *head, *warn, *spark, *off; };

/* One block per value, scaled to the series' maximum; a dot for none. */
static void sparkline(FILE *out, json_t *series, const struct style *c)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	json_int_t max = 0;
	size_t i;
	json_t *v;
	json_array_foreach(series, i, v)
		if (json_integer_value(v) > max)
			max = json_integer_value(v);
	fputs(c->spark, out);
	json_array_foreach(series, i, v) {
		json_int_t x = json_integer_value(v);
		fputs(x == 0 ? "·" : blocks[x * 7 / max], out);
	}
	fputs(c->off, out);
}

static void heading(FILE *out, const struct style *c, const char *title)
{
	fprintf(out, "\n%s%s%s\n", c->head, title, c->off);
}

static void runs_section(FILE *out, json_t *r, const struct style *c)
{
	size_t ndays = json_array_size(json_object_get(r, "days")), i;
	char title[64];
	snprintf(title, sizeof title, "Runs per day (last %zu %s)", ndays, ax_plural((long long)ndays, "day", "days"));
	heading(out, c, title);
	json_t *t;
	json_array_foreach(json_object_get(r, "tools"), i, t) {
		fprintf(out, "  %-16.16s ", json_string_value(json_object_get(t, "tool")));
		sparkline(out, json_object_get(t, "runs_per_day"), c);
		json_int_t fails = json_integer_value(json_object_get(t, "failures"));
		json_int_t runs = json_integer_value(json_object_get(t, "runs"));
		fprintf(out, " %7lld %-4s", (long long)runs, ax_plural(runs, "run", "runs"));
		if (fails)
			fprintf(out, "  %s%lld failed%s", c->warn, (long long)fails, c->off);
		fputc('\n', out);
	}
}

static void duration_section(FILE *out, json_t *r, const struct style *c)
{
	heading(out, c, "Duration per tool and version (ms)");
	fprintf(out, "  %-16s %-16s %8s %12s %12s\n", "tool", "version", "runs", "p50", "p95");
	size_t i, j;
	json_t *t, *v;
	json_array_foreach(json_object_get(r, "tools"), i, t)
		json_array_foreach(json_object_get(t, "versions"), j, v)
			fprintf(out, "  %-16.16s %-16.16s %8lld %12.2f %12.2f\n",
				json_string_value(json_object_get(t, "tool")),
				json_string_value(json_object_get(v, "version")),
				(long long)json_integer_value(json_object_get(v, "runs")),
				json_real_value(json_object_get(v, "p50_ms")),
				json_real_value(json_object_get(v, "p95_ms")));
}

static void errors_section(FILE *out, json_t *r, const struct style *c)
{
	heading(out, c, "Errors by stage and code");
	json_t *errs = json_object_get(r, "errors"), *e;
	if (!json_array_size(errs)) {
		fprintf(out, "  none\n");
		return;
	}
	fprintf(out, "  %-16s %-32s %8s %8s\n", "tool", "stage:code", "count", "of runs");
	size_t i;
	json_array_foreach(errs, i, e) {
		double n = (double)json_integer_value(json_object_get(e, "count"));
		double runs = (double)json_integer_value(json_object_get(e, "runs"));
		fprintf(out, "  %-16.16s %s%-32.32s%s %8.0f %7.1f%%\n",
			json_string_value(json_object_get(e, "tool")), c->warn,
			json_string_value(json_object_get(e, "error")), c->off, n, runs ? 100 * n / runs : 0);
	}
}

static void variants_section(FILE *out, json_t *r, const struct style *c)
{
	heading(out, c, "Flag variant exposure");
	json_t *vars = json_object_get(r, "variants"), *v;
	if (!json_array_size(vars)) {
		fprintf(out, "  no flags assigned\n");
		return;
	}
	fprintf(out, "  %-40s %-24s %8s\n", "flag", "value", "runs");
	size_t i;
	json_array_foreach(vars, i, v)
		fprintf(out, "  %-40.40s %-24.24s %8lld\n",
			json_string_value(json_object_get(v, "flag")),
			json_string_value(json_object_get(v, "value")),
			(long long)json_integer_value(json_object_get(v, "runs")));
}

static void sizes_section(FILE *out, json_t *r, const struct style *c)
{
	heading(out, c, "Index size over time (files, largest run per day)");
	size_t i, shown = 0;
	json_t *t;
	json_array_foreach(json_object_get(r, "tools"), i, t) {
		json_t *files = json_object_get(t, "files_per_day"), *v;
		if (!json_array_size(files))
			continue;
		json_int_t max = 0;
		size_t k;
		json_array_foreach(files, k, v)
			if (json_integer_value(v) > max)
				max = json_integer_value(v);
		fprintf(out, "  %-16.16s ", json_string_value(json_object_get(t, "tool")));
		sparkline(out, files, c);
		fprintf(out, "  up to %lld\n", (long long)max);
		shown++;
	}
	if (!shown)
		fprintf(out, "  no file counts recorded\n");
}

void dashboard_print(FILE *out, json_t *r, int colour)
{
	static const struct style plain = { "", "", "", "" };
	static const struct style ansi = { "\033[1m", "\033[31m", "\033[36m", "\033[0m" };
	const struct style *c = colour ? &ansi : &plain;
	if (!json_integer_value(json_object_get(r, "events"))) {
		fprintf(out, "\nNo events yet: they appear after ax tools have run.\n");
		return;
	}
	runs_section(out, r, c);
	duration_section(out, r, c);
	errors_section(out, r, c);
	variants_section(out, r, c);
	sizes_section(out, r, c);
}
