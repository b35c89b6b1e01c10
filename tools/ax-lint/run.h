/* run.h: the rules over the files, in parallel, into sorted findings. */
#ifndef AX_LINT_RUN_H
#define AX_LINT_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "files.h"
#include "rules.h"

struct finding {
	const char *path;         /* a target's path */
	size_t rule;              /* index in the ruleset */
	/* 1-based; columns in bytes, and in code points for SARIF; the end is
	 * the position just after the node. */
	uint32_t line, col, end_line, end_col;
	uint32_t col_cp, end_col_cp;
	int severity;             /* the rule's; error for a rule stopped by the budget */
	char *message;
};

struct findings {
	struct finding *v;
	size_t n;
	size_t files;             /* files read and linted */
	size_t gone;              /* in the index, no longer on disk */
	size_t unreadable;
};

/* Lint the targets under `root` with `jobs` threads. The findings come out
 * sorted by path, line, column and rule id, without duplicates. Rules come
 * from the repository: each rule's query on a file runs under a budget of
 * `budget_ms` (0: none) and each #match? search under a step limit
 * (lib/lang/tsquery.h); a rule stopped by either gives one error finding
 * at line 1 of that file instead of a hang. */
void lint_run(const struct ruleset *rs, const struct targets *t, const char *root, int jobs,
	      uint64_t budget_ms, struct findings *out);
void findings_free(struct findings *f);

#endif
