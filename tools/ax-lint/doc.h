/* doc.h: a rule file read into one small tree, whether it was YAML or JSON,
 * so that rules.c checks both the same way and can name the line of a bad
 * value (YAML only: jansson keeps no positions of values). */
#ifndef AX_LINT_DOC_H
#define AX_LINT_DOC_H

#include <stddef.h>

enum doc_type { DOC_STR, DOC_LIST, DOC_MAP, DOC_OTHER };

/* How a YAML scalar was written, to map a position inside its text back
 * into the file (see doc_locate). */
enum doc_style { STYLE_PLAIN, STYLE_QUOTED, STYLE_BLOCK };

struct doc {
	enum doc_type type;
	int line, col;            /* 1-based position in the file; 0 if unknown */
	enum doc_style style;
	int block_indent;         /* STYLE_BLOCK: the content's indentation */
	char *str;                /* DOC_STR; NUL-terminated */
	size_t len;
	struct doc **items;       /* DOC_LIST items, DOC_MAP values */
	char **keys;              /* DOC_MAP keys */
	int *key_lines;
	size_t n;
};

/* Parse a whole file's text: YAML if `yaml`, else JSON. NULL on a syntax
 * error, with "LINE: what" (or "what" without a position) in err. */
struct doc *doc_parse(const char *text, size_t len, int yaml, char *err, size_t err_size);
void doc_free(struct doc *d);

/* The value of `key` in map `d`, or NULL. */
const struct doc *doc_get(const struct doc *d, const char *key);

/* Where in the file is position (line, col) of a scalar's text (line
 * 1-based, col 0-based)? Sets *fline and *fcol (1-based; 0 if unknown). */
void doc_locate(const struct doc *d, unsigned line, unsigned col, int *fline, int *fcol);

#endif
