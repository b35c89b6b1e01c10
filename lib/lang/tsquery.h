/* tsquery.h: tree-sitter queries with their predicates evaluated.
 *
 * The tree-sitter C runtime parses predicates (#eq?, #match?, ...) but leaves
 * evaluating them to the caller. An ax_query compiles a query once, compiles
 * its predicates too (POSIX extended regexes for #match?, searched with
 * PCRE2 under a step limit), and filters the
 * matches of a cursor. A compiled ax_query is immutable: several threads may
 * run it at once, each with its own TSQueryCursor.
 *
 * Predicates understood (each also as not-eq?, not-match?, not-any-of?):
 *   (#eq? @a "text") (#eq? @a @b)   text equality
 *   (#match? @a "regex")            POSIX ERE, searched anywhere in the text
 *   (#any-of? @a "x" "y" ...)       text is one of the strings
 * A predicate on a capture that matched several nodes must hold for all of
 * them; the any-eq?/any-match? forms need only one. A predicate on a capture
 * absent from the match (an optional one) holds. Directives:
 *   (#set! key "value")             a property of the pattern, see
 *                                   ax_query_property()
 * Any other predicate is a compile error, so that a typo cannot silently
 * turn a rule off. */
#ifndef AX_TSQUERY_H
#define AX_TSQUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

struct ax_query;

/* Compile `src` (len bytes) for `lang`. On failure returns NULL and writes
 * "line L, column C: what" (1-based line, 0-based byte column, relative to
 * `src`) into err. */
struct ax_query *ax_query_new(const TSLanguage *lang, const char *src, size_t len,
			      char *err, size_t err_size);
void ax_query_free(struct ax_query *q);

const TSQuery *ax_query_ts(const struct ax_query *q);

/* Does `m` satisfy its pattern's predicates? `text`/`len` is the source the
 * tree was parsed from. */
bool ax_query_match_ok(const struct ax_query *q, const TSQueryMatch *m,
		       const char *text, size_t len);

/* The next match of `cursor` (already exec'd on this query) whose predicates
 * hold; false at the end, or once a #match? search went over its step
 * limit (ax_query_over_limit() then says so). */
bool ax_query_next_match(const struct ax_query *q, TSQueryCursor *cursor,
			 const char *text, size_t len, TSQueryMatch *m);

/* Value of (#set! key "value") in pattern `pattern`, or NULL. */
/* Has a #match? search of this thread gone over its step limit (and so
 * not matched) since the last call? Clears the mark. Rules from a
 * repository cannot make a search take unbounded time; ax-lint reports a
 * file where this happened. */
bool ax_query_over_limit(void);

const char *ax_query_property(const struct ax_query *q, uint32_t pattern, const char *key);

#endif
