/* output.h: findings on stdout as text, JSON Lines or SARIF 2.1.0. */
#ifndef AX_LINT_OUTPUT_H
#define AX_LINT_OUTPUT_H

#include "rules.h"
#include "run.h"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

/* Write the findings; `root` is the absolute scan root (SARIF's SRCROOT). */
void output_findings(enum format fmt, const struct findings *f, const struct ruleset *rs, const char *root);

#endif
