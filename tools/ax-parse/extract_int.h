/* extract_int.h: what the files of the extractor share, private to them.
 *
 * extract.c   the entry point: parse one file, run the steps below in order
 * source.c    reading the file; is it minified or generated?
 * macros.c    C and C++: the text the parser reads, some macros blanked
 * passes.c    running the query passes and recording what each match captured
 * link.c      symbols linked up: parents, names, duplicates, members, locals
 * doc.c       doc comments and signatures of symbols
 * pack.c      the `parsed` record in msgpack: syms, imports, refs
 * json_keys.c JSON keys without a syntax tree */
#ifndef AX_PARSE_EXTRACT_INT_H
#define AX_PARSE_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <tree_sitter/api.h>

#include "base/cli.h"
#include "extract.h"
#include "rules.h"

/* Caps per file, so that one generated file cannot flood the index. */
#define MAX_SYMS    20000
#define MAX_KEYS    2000      /* config key paths (kinds key and table) */
#define MAX_IMPORTS 5000
#define MAX_REFS    50000
#define MAX_REF_LEN 128       /* longer "identifiers" are not worth a ref */
/* Scratch buffers above this size are given back after the file: with
 * many workers, each keeping its largest file's would add up. */
#define KEEP_BUFFER (1u << 20)

struct span {
	uint32_t s, e;            /* bytes */
};

struct sym {
	TSNode node;              /* null for a symbol json_keys found */
	TSPoint end_pt;           /* where it ends, when node is null */
	struct span def, name;
	TSPoint name_pt;
	const char *kind;
	uint32_t pattern;
	struct span doc;          /* doc captured in the same match; e == 0: none */
	int32_t parent;
	int32_t alias;            /* index of the symbol this duplicates, or -1 */
	int32_t scope;
	bool to_rest;             /* (#set! encloses "rest"): `package a;` */
	bool belongs;             /* (#set! belongs "class"): Python `self.x = 1` */
	bool last_part;           /* (#set! name "last"): Ruby `class A::B` is B */
	const char *fixed_name;   /* (#set! default-name "Companion"), or NULL */
	bool not_local;           /* (#set! not-in "local_scope"): dropped inside a @local_scope */
	uint32_t name_off;        /* final name in x->names */
	uint32_t name_len;
};

struct doc {
	struct span text;         /* what @doc captured */
	struct span extent;       /* all captures of its match */
};

struct item {                 /* an import or a reference */
	struct span span;
	TSPoint pt;
	const char *kind;
	const char *strip;        /* imports: (#set! strip-prefix "import") */
	struct span member;       /* imports: @member, joined to the raw text */
	const char *sep;          /* imports: (#set! member-sep "."), default "." */
	uint32_t pattern;         /* imports: of the pattern that matched */
	struct span recv;         /* refs: the receiver of a call (@recv), or empty */
};

struct extractor {
	struct extract_limits limits;
	TSParser *parser;
	TSQueryCursor *cursor;
	char *buf;                /* the file */
	size_t buf_cap;
	struct sym *syms;
	size_t n_syms, cap_syms;
	struct doc *docs;
	size_t n_docs, cap_docs;
	struct span *scopes;
	size_t n_scopes, cap_scopes;
	struct span *skips;
	size_t n_skips, cap_skips;
	struct span *local_scopes;     /* @local_scope: functions, whose declarations are locals */
	size_t n_local_scopes, cap_local_scopes;
	struct span *locals;      /* names bound locally (@local) */
	size_t n_locals, cap_locals;
	struct item *imports, *refs;
	size_t n_imports, cap_imports, n_refs, cap_refs;
	char *names;              /* final symbol names */
	size_t names_len, names_cap;
	int32_t *seen;            /* hash set of key paths: sym index or -1 */
	size_t seen_cap;
	size_t n_keys;
	bool truncated;
	uint32_t text_len;        /* of the file being extracted */
	struct timespec deadline;
	bool has_deadline;
};

#define GROW(arr, n, cap) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? 2 * (cap) : 64; \
		(arr) = ax_realloc((arr), (cap) * sizeof *(arr)); \
	} \
} while (0)

/* What a file looks like, as flags of its record. */
struct file_flags {
	bool minified, generated;
};

/* extract.c */
/* True once the file's --timeout-ms has passed. */
bool past_deadline(const struct extractor *x);
/* qsort, which may not be given the NULL of an empty array. */
void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* source.c */
/* Fill an err record's code and msg (fmt has one %s, for arg). */
void set_error(struct extract_error *err, const char *code, const char *fmt, const char *arg);
/* Read the whole file into x->buf; false with *err on failure. */
bool read_file(struct extractor *x, const struct extract_job *job, size_t *len,
	       struct extract_error *err);
/* Minified or bundled: very long lines on average, or one giant line. */
bool looks_minified(const char *s, size_t n);
/* Generated: a marker such as "DO NOT EDIT" near the top. */
bool looks_generated(const char *s, size_t n);

/* macros.c */
/* For C and C++, a copy of the text (n bytes, NUL added) with the macros
 * that break the grammar's reading blanked out, for the parser only; NULL
 * for other languages (or out of memory: the text is parsed as it is). */
char *macros_masked(enum ax_lang lang, const char *s, size_t n);

/* passes.c */
/* Run the queries over the tree; false if the deadline passed. */
bool run_queries(struct extractor *x, const struct rules *r, TSNode root,
		 const char *text, size_t len);

/* json_keys.c */
/* Record the keys of a JSON file as its query would; false (symbols half
 * recorded) for anything tree-sitter-json would not parse cleanly. */
bool json_keys(struct extractor *x, const char *text, uint32_t len);

/* link.c */
/* Symbols by definition, outer first: parents before their children. */
int cmp_sym(const void *a, const void *b);
/* References by position, the generic uses (read, member) last. */
int cmp_item(const void *a, const void *b);
/* Spans by start. */
int cmp_span(const void *a, const void *b);
/* Drop the symbols of (#set! not-in "local_scope") patterns in a @local_scope. */
void drop_in_local_scopes(struct extractor *x);
/* Parents by containment (symbols sorted by cmp_sym). */
void link_parents(struct extractor *x);
/* Members set in methods (`self.x = 1`) get the class as their parent. */
void lift_members(struct extractor *x);
/* Final names, kinds and duplicates, in source order (parents first). */
void resolve_syms(struct extractor *x, const char *text);
/* Members set in methods, once per class and name (after resolve_syms). */
void drop_repeated_members(struct extractor *x);
/* Drop references at definitions, to locals, and repeated (refs sorted by cmp_item). */
void filter_refs(struct extractor *x, const char *text);

/* doc.c */
/* Free docs by the end of their match. */
int cmp_doc(const void *a, const void *b);
/* Spans by end (skips, for doc_before). */
int cmp_span_end(const void *a, const void *b);
/* The doc comment just above a symbol's definition, or an empty span. */
struct span doc_before(const struct extractor *x, const struct sym *s, const char *text);
/* The declaration header of a symbol, cleaned into out (TEXT_MAX + 1 bytes). */
size_t signature(const struct sym *s, const char *text, char *out);

/* pack.c */
/* Imports by position, then pattern, then member. */
int cmp_import(const void *a, const void *b);
/* Keep a node's imports from its first pattern only (imports sorted by cmp_import). */
void dedup_imports(struct extractor *x);
/* Pack the file's `parsed` record. */
void pack_record(struct extractor *x, const struct extract_job *job, msgpack_packer *pk,
		 const char *text, int64_t errors, struct file_flags flags);

#endif
