/* report_html.c: the report as one self-contained HTML page.
 *
 * No scripts, fonts, stylesheets or images from elsewhere: inline CSS and
 * SVG only, so the file opens anywhere, offline, and cannot phone home. */
#include "report.h"

#include <time.h>

static void esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
	}
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static double num(json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

/* A bar chart of a series of counts, with its maximum as the scale. */
static void bars(FILE *out, json_t *series, int w, const char *colour, const char *label)
{
	const int h = 90, pad = 18;
	size_t n = json_array_size(series), i;
	double max = 0;
	json_t *v;
	json_array_foreach(series, i, v)
		if (json_number_value(v) > max)
			max = json_number_value(v);
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
		" aria-label=\"", w, h + pad);
	esc(out, label);
	fprintf(out, "\"><rect width=\"%d\" height=\"%d\" fill=\"#f6f8fa\"/>", w, h + pad);
	double bw = n ? (double)(w - 20) / (double)n : 0;
	json_array_foreach(series, i, v) {
		double bh = max > 0 ? json_number_value(v) / max * (h - 10) : 0;
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
			"<title>%g</title></rect>", 10 + i * bw + 1, h - bh, bw > 3 ? bw - 2 : bw, bh, colour,
			json_number_value(v));
	}
	fprintf(out, "<text x=\"10\" y=\"%d\" font-size=\"11\" fill=\"#555\">max %g</text></svg>\n",
		h + pad - 4, max);
}

static void tools_section(FILE *out, json_t *r)
{
	size_t i, j;
	json_t *t, *v;
	fputs("<h2>Runs per day</h2>\n", out);
	json_array_foreach(json_object_get(r, "tools"), i, t) {
		fputs("<h3>", out);
		esc(out, str(t, "tool"));
		fprintf(out, " <small>%g runs, %g failed</small></h3>\n", num(t, "runs"), num(t, "failures"));
		bars(out, json_object_get(t, "runs_per_day"), 640, "#2f81f7", "runs per day");
	}
	fputs("<h2>Duration per tool and version</h2>\n<table><tr><th>tool</th><th>version</th>"
		"<th>runs</th><th>p50 ms</th><th>p95 ms</th><th>histogram (ms buckets)</th></tr>\n", out);
	json_array_foreach(json_object_get(r, "tools"), i, t)
		json_array_foreach(json_object_get(t, "versions"), j, v) {
			fputs("<tr><td>", out);
			esc(out, str(t, "tool"));
			fputs("</td><td>", out);
			esc(out, str(v, "version"));
			fprintf(out, "</td><td>%g</td><td>%.2f</td><td>%.2f</td><td>", num(v, "runs"),
				num(v, "p50_ms"), num(v, "p95_ms"));
			bars(out, json_object_get(v, "histogram"), 300, "#8250df", "duration histogram");
			fputs("</td></tr>\n", out);
		}
	fputs("</table>\n<h2>Index size over time (files)</h2>\n", out);
	json_array_foreach(json_object_get(r, "tools"), i, t) {
		json_t *files = json_object_get(t, "files_per_day");
		if (!json_array_size(files))
			continue;
		fputs("<h3>", out);
		esc(out, str(t, "tool"));
		fputs("</h3>\n", out);
		bars(out, files, 640, "#1a7f37", "files per day");
	}
}

/* A table of objects, with the given keys as columns. */
static void table(FILE *out, const char *title, json_t *rows, const char *const *keys, int nkeys)
{
	fprintf(out, "<h2>%s</h2>\n", title);
	if (!json_array_size(rows)) {
		fputs("<p>none</p>\n", out);
		return;
	}
	fputs("<table><tr>", out);
	for (int k = 0; k < nkeys; k++)
		fprintf(out, "<th>%s</th>", keys[k]);
	fputs("</tr>\n", out);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		fputs("<tr>", out);
		for (int k = 0; k < nkeys; k++) {
			json_t *v = json_object_get(row, keys[k]);
			fputs("<td>", out);
			if (json_is_string(v))
				esc(out, json_string_value(v));
			else
				fprintf(out, "%g", json_number_value(v));
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

int report_write_html(FILE *out, json_t *r)
{
	static const char *const err_keys[] = { "tool", "error", "count", "runs" };
	static const char *const var_keys[] = { "flag", "value", "runs" };
	static const char *const plat_keys[] = { "os", "arch", "runs" };
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		"<title>ax telemetry report</title>\n<style>\n"
		"body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328;background:#fff}\n"
		"table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:.2em .6em;"
		"text-align:left;vertical-align:top}th{background:#f6f8fa}h3 small{font-weight:normal;color:#555}\n"
		"</style></head><body>\n<h1>ax telemetry report</h1>\n", out);
	time_t gen = (time_t)num(r, "generated");
	char when[32];
	strftime(when, sizeof when, "%Y-%m-%d %H:00 UTC", gmtime(&gen));
	fprintf(out, "<p>%g events, generated %s. Everything here comes from this machine's local store; "
		"see PRIVACY.md for what is recorded.</p>\n", num(r, "events"), when);
	tools_section(out, r);
	table(out, "Errors by stage and code", json_object_get(r, "errors"), err_keys, 4);
	table(out, "Flag variant exposure", json_object_get(r, "variants"), var_keys, 3);
	table(out, "Platforms", json_object_get(r, "platforms"), plat_keys, 3);
	fputs("</body></html>\n", out);
	return ferror(out) ? -1 : 0;
}
