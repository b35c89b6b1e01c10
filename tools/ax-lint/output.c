/* output.c: findings as text, JSON Lines (--json) or SARIF (--sarif). */
#include "output.h"
#include "base/cli.h"
#include "base/relpath.h"
#include "base/json.h"
#include "base/shown.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void text(const struct findings *f, const struct ruleset *rs, const char *root)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		const struct rule *r = &rs->v[x->rule];
		printf("%s:%u:%u: %s: %s [%s]\n", ax_shown(ax_relpath_show(root, x->path)), x->line, x->col, severity_name[x->severity],
		       ax_shown_text(x->message), r->id);
	}
}

static void json_lines(const struct findings *f, const struct ruleset *rs, const char *root)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		const struct rule *r = &rs->v[x->rule];
		fputs("{\"path\":", stdout);
		ax_json_print_str(x->path);
		printf(",\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u,\"severity\":\"%s\",\"rule\":",
		       x->line, x->col, x->end_line, x->end_col, severity_name[x->severity]);
		ax_json_print_str(r->id);
		fputs(",\"message\":", stdout);
		ax_json_print_str(x->message);
		ax_json_print_member("root", root);
		fputs("}\n", stdout);
	}
}

/* RFC 3986: unreserved bytes and '/' as they are, the rest %XX. */
static char *uri_escape(const char *prefix, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(prefix);
	char *out = ax_malloc(n + strlen(s) * 3 + 2), *p = out + n;
	memcpy(out, prefix, n);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c)) {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

static json_t *must(json_t *j)
{
	if (!j)
		ax_die(AX_EXIT_INTERNAL, "cannot build the SARIF log");
	return j;
}

static json_t *sarif_rules(const struct ruleset *rs)
{
	json_t *rules = must(json_array());
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];
		json_array_append_new(rules, must(json_pack("{s:s, s:{s:s}, s:{s:s}}", "id", r->id,
			"shortDescription", "text", r->description,
			"defaultConfiguration", "level", severity_name[r->severity])));
	}
	return rules;
}

static json_t *sarif_result(const struct finding *x, const struct ruleset *rs)
{
	const struct rule *r = &rs->v[x->rule];
	char *uri = uri_escape("", x->path);
	json_t *res = must(json_pack("{s:s, s:I, s:s, s:{s:s}, s:[{s:{s:{s:s, s:s}, s:{s:I, s:I, s:I, s:I}}}]}",
		"ruleId", r->id, "ruleIndex", (json_int_t)x->rule, "level", severity_name[x->severity],
		"message", "text", x->message,
		"locations", "physicalLocation", "artifactLocation", "uri", uri, "uriBaseId", "SRCROOT",
		"region", "startLine", (json_int_t)x->line, "startColumn", (json_int_t)x->col_cp,
		"endLine", (json_int_t)x->end_line, "endColumn", (json_int_t)x->end_col_cp));
	free(uri);
	return res;
}

static void sarif(const struct findings *f, const struct ruleset *rs, const char *root)
{
	json_t *results = must(json_array());
	for (size_t i = 0; i < f->n; i++)
		json_array_append_new(results, sarif_result(&f->v[i], rs));
	/* SRCROOT as a file URI ending in '/', so that consumers can find the
	 * files; GitHub code scanning maps the relative URIs to the checkout. */
	char *base = uri_escape("file://", root);
	if (base[strlen(base) - 1] != '/')
		strcat(base, "/");
	json_t *log = must(json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, s:{s:{s:s}}, s:s, s:o}]}",
		"$schema", "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
		"runs", "tool", "driver", "name", "ax-lint", "version", AX_VERSION, "rules", sarif_rules(rs),
		"originalUriBaseIds", "SRCROOT", "uri", base,
		"columnKind", "unicodeCodePoints", "results", results));
	free(base);
	if (json_dumpf(log, stdout, JSON_INDENT(2)) < 0)
		ax_die(AX_EXIT_INTERNAL, "cannot write the SARIF log: %s", strerror(errno));
	putchar('\n');
	json_decref(log);
}

void output_findings(enum format fmt, const struct findings *f, const struct ruleset *rs, const char *root)
{
	if (fmt == FORMAT_SARIF)
		sarif(f, rs, root);
	else if (fmt == FORMAT_JSON)
		json_lines(f, rs, root);
	else
		text(f, rs, root);
	/* SIGPIPE is ignored (ax_cli_init): a closed pipe ends us quietly. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			ax_exit(AX_EXIT_OK);
		ax_die(AX_EXIT_INTERNAL, "cannot write the findings: %s", strerror(errno));
	}
}
