/* rules.h: each language's extraction rules (grammars/queries/LANG/NAME.scm,
 * built into the binary), compiled once on first use and then shared
 * read-only by all workers. */
#ifndef AX_PARSE_RULES_H
#define AX_PARSE_RULES_H

#include <stdint.h>
#include <tree_sitter/api.h>

#include "lang/lang.h"
#include "lang/tsquery.h"

/* What a capture name means (docs/queries.md). */
enum role {
	ROLE_IGNORE,   /* @_anything: only for predicates */
	ROLE_SYM,      /* @sym.KIND: the whole definition */
	ROLE_NAME,     /* @name: the defined name */
	ROLE_DOC,      /* @doc: a doc comment or doc string */
	ROLE_IMPORT,   /* @import.KIND: what is imported */
	ROLE_MEMBER,   /* @member: a name the import takes from it (`from a import b`) */
	ROLE_REF,      /* @ref.KIND: a use of a name */
	ROLE_SCOPE,    /* @scope: config keys repeat freely in separate scopes */
	ROLE_SKIP,     /* @skip: may stand between a doc and its symbol (#[attr]) */
	ROLE_LOCAL_SCOPE, /* @local_scope: a function; (#set! not-in "local_scope") symbols inside are dropped */
	ROLE_RECV,     /* @recv: the receiver of the call a @ref.call names */
	ROLE_LOCAL,    /* @local: a name bound locally; its reads and writes are not refs */
};

struct capture_role {
	enum role role;
	const char *kind;   /* for SYM, IMPORT, REF: the part after the dot */
};

/* One query and how to run it. A language's rules are one or two passes:
 * every file but toplevel.scm, run over the whole tree, and toplevel.scm,
 * whose patterns are rooted at the tree's root and so run with a start
 * depth of 0: file-level rules (`const X = ...` at the top) then cost next
 * to nothing, where the same pattern in the main pass keeps a state alive
 * over the whole file. */
struct pass {
	struct ax_query *query;
	struct capture_role *roles;   /* by capture id */
	uint32_t max_start_depth;
	uint32_t pattern_base;        /* pattern numbers across passes: main first */
};

struct rules {
	const TSLanguage *language;
	struct pass passes[2];
	int n_passes;
};

/* The rules of `lang`, or NULL if it has no grammar or no queries.
 * Thread-safe. A query that does not compile is a bug of ours: the tool
 * dies with status 3 naming the file and line. */
const struct rules *rules_for(enum ax_lang lang);

/* Compile every language's rules now (for --check-queries); the number of
 * languages that have rules. */
int rules_compile_all(void);

void rules_free_all(void);

#endif
