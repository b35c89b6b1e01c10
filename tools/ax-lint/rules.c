/* rules.c: rule files (docs/lint.md) into compiled rules. */
#include "rules.h"
#include "base/cli.h"
#include "base/strbuf.h"
#include "doc.h"
#include "lang/grammar.h"
#include "base/ignore.h"
#include "base/json.h"
#include "base/readall.h"

#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const severity_name[] = { "note", "warning", "error" };

/* The longest capture text a message quotes, in bytes. */
#define MAX_QUOTE 120

int severity_parse(const char *s)
{
	for (int i = 0; i <= SEV_ERROR; i++)
		if (!strcmp(s, severity_name[i]))
			return i;
	return -1;
}

static const char *const known_keys[] = { "id", "languages", "severity", "message", "description",
					  "query", "paths", "exclude" };

struct loader {
	const char *file;
	const char *rule;         /* the id, once known, for messages */
	struct ruleset *rs;
};

/* "FILE:LINE:COL: rule 'ID': what" (parts unknown left out), exit 2. */
__attribute__((format(printf, 4, 5)))
static _Noreturn void bad_at(const struct loader *l, int line, int col, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	char pos[32] = "";
	if (line > 0 && col > 0)
		snprintf(pos, sizeof pos, ":%d:%d", line, col);
	else if (line > 0)
		snprintf(pos, sizeof pos, ":%d", line);
	if (l->rule)
		ax_die(AX_EXIT_USAGE, "%s%s: rule '%s': %s", l->file, pos, l->rule, what);
	ax_die(AX_EXIT_USAGE, "%s%s: %s", l->file, pos, what);
}

#define bad(l, line, ...) bad_at(l, line, 0, __VA_ARGS__)

static const struct doc *want_str(const struct loader *l, const struct doc *rd, const char *key, bool required)
{
	const struct doc *d = doc_get(rd, key);
	if (!d && required)
		bad(l, rd->line, "missing '%s'", key);
	if (d && d->type != DOC_STR)
		bad(l, d->line, "'%s' must be a string", key);
	if (d && strlen(d->str) != d->len)
		bad(l, d->line, "'%s' holds a NUL byte", key);
	return d;
}

/* A string or a list of strings, joined by newlines (an ignore file's text). */
static char *str_lines(const struct loader *l, const struct doc *d, const char *key)
{
	if (d->type == DOC_STR)
		return ax_strdup(d->str);
	if (d->type != DOC_LIST)
		bad(l, d->line, "'%s' must be a string or a list of strings", key);
	size_t total = 1;
	for (size_t i = 0; i < d->n; i++) {
		if (d->items[i]->type != DOC_STR)
			bad(l, d->items[i]->line ? d->items[i]->line : d->line, "'%s' must be a list of strings", key);
		total += d->items[i]->len + 1;
	}
	char *s = ax_malloc(total), *p = s;
	for (size_t i = 0; i < d->n; i++) {
		memcpy(p, d->items[i]->str, d->items[i]->len);
		p += d->items[i]->len;
		*p++ = '\n';
	}
	*p = '\0';
	return s;
}

static struct ax_ignore_list *globs(const struct loader *l, const struct doc *rd, const char *key)
{
	const struct doc *d = doc_get(rd, key);
	if (!d)
		return NULL;
	char *text = str_lines(l, d, key);
	struct ax_ignore_list *list = ax_ignore_list_parse(text, strlen(text), "");
	free(text);
	return list;
}

static enum ax_lang language(const struct loader *l, const char *name, int line)
{
	enum ax_lang lang = ax_lang_by_name(name);
	if (lang != AX_LANG_NONE)
		return lang;
	char known[512] = "";
	for (int i = 1; i < AX_LANG_COUNT; i++) {
		size_t n = strlen(known);
		snprintf(known + n, sizeof known - n, "%s%s", i > 1 ? " " : "", ax_lang_name(i));
	}
	bad(l, line, "unknown language '%s' (known: %s)", name, known);
}

static uint32_t capture_id(const TSQuery *q, const char *name, size_t len)
{
	for (uint32_t i = 0; i < ts_query_capture_count(q); i++) {
		uint32_t n;
		const char *s = ts_query_capture_name_for_id(q, i, &n);
		if (n == len && !memcmp(s, name, len))
			return i;
	}
	return NO_CAPTURE;
}

static void compile(const struct loader *l, struct rule *r, enum ax_lang lang, const struct doc *q)
{
	if (q->type != DOC_STR)
		bad(l, q->line, "the query for %s must be a string", ax_lang_name(lang));
	if (r->query[lang])
		bad(l, q->line, "two queries for %s", ax_lang_name(lang));
	char err[512];
	r->query[lang] = ax_query_new(ax_grammar(lang), q->str, q->len, err, sizeof err);
	if (!r->query[lang]) {
		unsigned ql, qc;
		int n = 0, fl, fc;
		if (sscanf(err, "line %u, column %u: %n", &ql, &qc, &n) == 2 && n > 0) {
			doc_locate(q, ql, qc, &fl, &fc);
			if (fl > 0)
				bad_at(l, fl, fc, "bad query for %s: %s", ax_lang_name(lang), err + n);
		}
		bad(l, q->line, "bad query for %s: %s", ax_lang_name(lang), err);
	}
	const TSQuery *ts = ax_query_ts(r->query[lang]);
	if (ts_query_capture_count(ts) == 0)
		bad(l, q->line, "the query for %s captures nothing: mark the node to report with @match",
		    ax_lang_name(lang));
	r->match_capture[lang] = capture_id(ts, "match", 5);
}

/* Each {{name}} of the message must be a capture of every query. */
static void check_message(const struct loader *l, const struct rule *r, int line)
{
	for (const char *p = strstr(r->message, "{{"); p; p = strstr(p + 2, "{{")) {
		const char *end = strstr(p + 2, "}}");
		if (!end)
			break;
		const char *name = p + 2;
		while (*name == ' ')
			name++;
		size_t len = (size_t)(end - name);
		while (len && name[len - 1] == ' ')
			len--;
		for (int lang = 1; lang < AX_LANG_COUNT; lang++)
			if (r->query[lang] && capture_id(ax_query_ts(r->query[lang]), name, len) == NO_CAPTURE)
				bad(l, line, "the message names {{%.*s}}, which the query for %s does not capture",
				    (int)len, name, ax_lang_name(lang));
	}
}

static void valid_id(const struct loader *l, const struct doc *d)
{
	bool ok = d->len > 0;
	for (size_t i = 0; i < d->len; i++)
		ok = ok && ((d->str[i] >= 'a' && d->str[i] <= 'z') || (d->str[i] >= '0' && d->str[i] <= '9') ||
			    d->str[i] == '-');
	if (!ok)
		bad(l, d->line, "bad id '%s': use lower-case letters, digits and '-'", d->str);
}

static void load_rule(struct loader *l, const struct doc *rd)
{
	if (rd->type != DOC_MAP)
		bad(l, rd->line, "a rule must be a mapping of keys to values");
	l->rule = NULL;
	const struct doc *id = want_str(l, rd, "id", true);
	valid_id(l, id);
	for (size_t i = 0; i < l->rs->n; i++)
		if (!strcmp(l->rs->v[i].id, id->str))
			bad(l, id->line, "a second rule with the id '%s'", id->str);
	l->rule = id->str;
	for (size_t i = 0; i < rd->n; i++) {
		size_t k = 0;
		while (k < sizeof known_keys / sizeof *known_keys && strcmp(rd->keys[i], known_keys[k]))
			k++;
		if (k == sizeof known_keys / sizeof *known_keys)
			bad(l, rd->key_lines[i], "unknown key '%s' (known: id, languages, severity, message, "
			    "description, query, paths, exclude)", rd->keys[i]);
	}

	struct rule r = { .id = ax_strdup(id->str), .severity = SEV_WARNING };
	const struct doc *sev = want_str(l, rd, "severity", false);
	if (sev) {
		int s = severity_parse(sev->str);
		if (s < 0)
			bad(l, sev->line, "bad severity '%s': expected error, warning or note", sev->str);
		r.severity = (enum severity)s;
	}
	const struct doc *msg = want_str(l, rd, "message", true);
	r.message = ax_strdup(msg->str);
	const struct doc *desc = want_str(l, rd, "description", false);
	r.description = ax_strdup(desc ? desc->str : msg->str);

	bool listed[AX_LANG_COUNT] = { false };
	const struct doc *langs = doc_get(rd, "languages");
	if (langs) {
		if (langs->type == DOC_STR)
			listed[language(l, langs->str, langs->line)] = true;
		else if (langs->type == DOC_LIST && langs->n)
			for (size_t i = 0; i < langs->n; i++) {
				const struct doc *x = langs->items[i];
				if (x->type != DOC_STR)
					bad(l, x->line ? x->line : langs->line, "'languages' must be a list of names");
				listed[language(l, x->str, x->line ? x->line : langs->line)] = true;
			}
		else
			bad(l, langs->line, "'languages' must be a non-empty list of language names");
	}
	const struct doc *q = doc_get(rd, "query");
	if (!q)
		bad(l, rd->line, "missing 'query'");
	if (q->type == DOC_MAP) {
		/* One query per language, keyed by language name. */
		for (size_t i = 0; i < q->n; i++) {
			enum ax_lang lang = language(l, q->keys[i], q->key_lines[i]);
			if (langs && !listed[lang])
				bad(l, q->key_lines[i], "a query for %s, which 'languages' does not list",
				    ax_lang_name(lang));
			compile(l, &r, lang, q->items[i]);
		}
		for (int lang = 1; lang < AX_LANG_COUNT; lang++)
			if (listed[lang] && !r.query[lang])
				bad(l, q->line, "no query for %s", ax_lang_name(lang));
	} else if (q->type == DOC_STR) {
		if (!langs)
			bad(l, rd->line, "missing 'languages' (or a query per language)");
		for (int lang = 1; lang < AX_LANG_COUNT; lang++)
			if (listed[lang])
				compile(l, &r, lang, q);
	} else {
		bad(l, q->line, "'query' must be a string, or a mapping of language names to queries");
	}
	check_message(l, &r, msg->line);
	r.paths = globs(l, rd, "paths");
	r.exclude = globs(l, rd, "exclude");
	l->rs->v = ax_realloc(l->rs->v, (l->rs->n + 1) * sizeof *l->rs->v);
	l->rs->v[l->rs->n++] = r;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

static bool is_rule_file(const char *name)
{
	return ends_with(name, ".yml") || ends_with(name, ".yaml") || ends_with(name, ".json");
}

static void load_file(struct ruleset *rs, const char *path)
{
	struct loader l = { .file = path, .rs = rs };
	if (!is_rule_file(path))
		bad(&l, 0, "not a rule file: expected a name ending in .yml, .yaml or .json");
	char *text;
	size_t len;
	int e = ax_read_file(path, SIZE_MAX, &text, &len);
	if (e)
		bad(&l, 0, "cannot read: %s", strerror(e));
	char err[512];
	struct doc *d = doc_parse(text, len, !ends_with(path, ".json"), err, sizeof err);
	if (!d)
		ax_die(AX_EXIT_USAGE, "%s:%s", path, err);
	const struct doc *list = doc_get(d, "rules");
	if (list) {
		if (d->n != 1)
			bad(&l, d->line, "a file with 'rules:' holds nothing else");
		if (list->type != DOC_LIST)
			bad(&l, list->line, "'rules' must be a list of rules");
		for (size_t i = 0; i < list->n; i++)
			load_rule(&l, list->items[i]);
	} else {
		load_rule(&l, d);
	}
	doc_free(d);
	free(text);
}

static int hidden(const struct dirent *e)
{
	return e->d_name[0] != '.' && is_rule_file(e->d_name);
}

void rules_load(struct ruleset *rs, const char *src)
{
	struct stat st;
	if (stat(src, &st) < 0)
		ax_die(AX_EXIT_USAGE, "%s: %s", src, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		load_file(rs, src);
		return;
	}
	struct dirent **names;
	int n = scandir(src, &names, hidden, alphasort);
	if (n < 0)
		ax_die(AX_EXIT_USAGE, "%s: %s", src, strerror(errno));
	for (int i = 0; i < n; i++) {
		char *path = ax_malloc(strlen(src) + strlen(names[i]->d_name) + 2);
		sprintf(path, "%s%s%s", src, ends_with(src, "/") ? "" : "/", names[i]->d_name);
		load_file(rs, path);
		free(path);
		free(names[i]);
	}
	free(names);
}

void rules_free(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct rule *r = &rs->v[i];
		for (int lang = 0; lang < AX_LANG_COUNT; lang++)
			ax_query_free(r->query[lang]);
		ax_ignore_list_free(r->paths);
		ax_ignore_list_free(r->exclude);
		free(r->id);
		free(r->message);
		free(r->description);
	}
	free(rs->v);
	rs->v = NULL;
	rs->n = 0;
}

/* Does `list` take in `path`? As in git: a directory taken in takes in
 * everything below it; otherwise the file's own last matching pattern. */
static bool list_hits(const struct ax_ignore_list *list, const char *path)
{
	/* Each directory NUL-terminated: the wildcard matcher reads to NUL. */
	char *dir = ax_strdup(path);
	bool hit = false;
	for (char *s = strchr(dir, '/'); s && !hit; s = strchr(s + 1, '/')) {
		*s = '\0';
		hit = ax_ignore_list_match(list, dir, (size_t)(s - dir), true, false) == 1;
		*s = '/';
	}
	free(dir);
	return hit || ax_ignore_list_match(list, path, strlen(path), false, false) == 1;
}

bool rule_applies(const struct rule *r, const char *path, enum ax_lang lang)
{
	return lang > AX_LANG_NONE && lang < AX_LANG_COUNT && r->query[lang] &&
	       (!r->paths || list_hits(r->paths, path)) && (!r->exclude || !list_hits(r->exclude, path));
}

uint32_t rule_report_capture(const struct rule *r, enum ax_lang lang, const TSQueryMatch *m)
{
	uint32_t best = 0;
	for (uint32_t i = 0; i < m->capture_count; i++) {
		if (m->captures[i].index == r->match_capture[lang])
			return i;
		if (m->captures[i].index < m->captures[best].index)
			best = i;
	}
	return best;
}

/* A capture's text on one line: whitespace runs as one space, bytes that
 * are not UTF-8 as '?', cut after MAX_QUOTE bytes at a character. */
static void quote(struct ax_strbuf *b, const char *s, size_t n)
{
	bool utf8 = ax_utf8_valid(s, n), space = false;
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		}
		if (used >= MAX_QUOTE && (c & 0xC0) != 0x80) {
			ax_strbuf_add(b, "...", 3);
			return;
		}
		if (space && used)
			ax_strbuf_add(b, " ", 1), used++;
		space = false;
		ax_strbuf_add(b, utf8 || c < 0x80 ? (const char *)&s[i] : "?", 1);
		used++;
	}
}

char *rule_message(const struct rule *r, enum ax_lang lang, const TSQueryMatch *m,
		   const char *text, size_t len)
{
	struct ax_strbuf b = { 0 };
	const TSQuery *ts = ax_query_ts(r->query[lang]);
	const char *p = r->message;
	for (const char *open; (open = strstr(p, "{{")) && strstr(open + 2, "}}");) {
		const char *end = strstr(open + 2, "}}"), *name = open + 2;
		ax_strbuf_add(&b, p, (size_t)(open - p));
		while (*name == ' ')
			name++;
		size_t nlen = (size_t)(end - name);
		while (nlen && name[nlen - 1] == ' ')
			nlen--;
		uint32_t id = capture_id(ts, name, nlen);
		for (uint32_t i = 0; i < m->capture_count; i++) {
			if (m->captures[i].index != id)
				continue;
			uint32_t s = ts_node_start_byte(m->captures[i].node), e = ts_node_end_byte(m->captures[i].node);
			if (e <= len && s <= e)
				quote(&b, text + s, e - s);
			break;
		}
		p = end + 2;
	}
	ax_strbuf_add(&b, p, strlen(p));
	return b.s;
}
