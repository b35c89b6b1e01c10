/* rules.h: lint rules, read from YAML or JSON files (docs/lint.md). */
#ifndef AX_LINT_RULES_H
#define AX_LINT_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/lang.h"
#include "lang/tsquery.h"

enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

extern const char *const severity_name[]; /* "note", "warning", "error" */

/* -1 if `s` is not a severity name. */
int severity_parse(const char *s);

struct rule {
	char *id;
	enum severity severity;
	char *message;            /* may hold {{capture}} */
	char *description;        /* for SARIF; the message if not given */
	struct ax_query *query[AX_LANG_COUNT];    /* NULL: not for this language */
	uint32_t match_capture[AX_LANG_COUNT];    /* id of @match, or NO_CAPTURE */
	struct ax_ignore_list *paths, *exclude;   /* NULL: all files; none */
};

#define NO_CAPTURE UINT32_MAX

struct ruleset {
	struct rule *v;
	size_t n;
};

/* Load every rule of `src`: a rule file, or a directory whose *.yml,
 * *.yaml and *.json files are read in name order. A bad file ends the
 * program with status 2 and "FILE:LINE: what". */
void rules_load(struct ruleset *rs, const char *src);
void rules_free(struct ruleset *rs);

/* Does rule `r` look at the file `path` (relative to the root) of `lang`? */
bool rule_applies(const struct rule *r, const char *path, enum ax_lang lang);

/* The index in m->captures of the node a match reports: the @match
 * capture, else the capture first named in the query. */
uint32_t rule_report_capture(const struct rule *r, enum ax_lang lang, const TSQueryMatch *m);

/* The message of a match, {{name}} replaced by the text of the capture
 * (whitespace runs made one space, long texts cut). malloc'd. */
char *rule_message(const struct rule *r, enum ax_lang lang, const TSQueryMatch *m,
		   const char *text, size_t len);

#endif
